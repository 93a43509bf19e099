"""Binding-specific behaviour: loading, lifetime, errors, conversions, columnar ingest."""
import ctypes
import gc
import os
import subprocess
import sys
from datetime import datetime

import pytest

import doorway
from doorway import _lib, _types
from conftest import DAY, HOUR, T0, T0_MS, touch


def test_versions():
    assert doorway.ABI_VERSION == 3 == _lib.lib.doorway_abi_version()
    assert doorway.library_version() == "0.3.0" == doorway.__version__


def test_struct_sizes_match_the_header_on_lp64():
    """Values from compiling doorway.h with gcc (sizeof on x86_64)."""
    _check_sizes()


def _check_sizes():
    if ctypes.sizeof(ctypes.c_void_p) != 8:
        pytest.skip("sizes below are for LP64")
    assert ctypes.sizeof(_types.doorway_touch) == 136  # sizeof as gcc computes it from doorway.h
    assert ctypes.sizeof(_types.doorway_lead) == 128
    assert ctypes.sizeof(_types.doorway_event) == 96
    assert ctypes.sizeof(_types.doorway_policy_touch) == 88


def test_abi_mismatch_says_how_to_fix(monkeypatch):
    with pytest.raises(doorway.VersionError) as info:
        _lib.load(expected_abi=_lib.ABI_VERSION + 1)
    msg = str(info.value)
    assert "ABI version 3" in msg and "written for ABI version 4" in msg
    assert "DOORWAY_LIBRARY" in msg and os.environ["DOORWAY_LIBRARY"] in msg


def test_bad_library_path_is_an_import_error(tmp_path):
    env = dict(os.environ, DOORWAY_LIBRARY=str(tmp_path / "nope.so"))
    p = subprocess.run([sys.executable, "-c", "import doorway"], env=env, capture_output=True, text=True)
    assert p.returncode != 0
    assert "LibraryNotFound" in p.stderr and "DOORWAY_LIBRARY=" in p.stderr and "nope.so" in p.stderr


def test_engine_keeps_model_alive():
    model = doorway.Model.default()
    engine = doorway.Engine(model)
    model.close()
    del model
    gc.collect()
    engine.ingest([touch("a", "ann", T0, "demo_request")])
    assert engine.lead("ann").stage == "sal"
    engine.close()


def test_close_twice_and_use_after_close():
    with doorway.Engine(doorway.Model.default()) as engine:
        pass
    assert engine.closed
    engine.close()
    for call in (lambda: engine.ingest([]), lambda: engine.lead("ann"), lambda: engine.advance(T0),
                 engine.events, engine.stats, engine.lead_ids):
        with pytest.raises(doorway.StateError, match="closed"):
            call()
    m = doorway.Model.default()
    m.close()
    m.close()
    with pytest.raises(doorway.StateError):
        m.scores
    with pytest.raises(doorway.StateError):
        doorway.Engine(m)


def test_errors_are_typed_and_carry_the_library_message(engine):
    with pytest.raises(doorway.NotFound) as info:
        engine.lead("nobody")
    assert isinstance(info.value, LookupError) and isinstance(info.value, doorway.Error)
    assert info.value.code == -2 and '"nobody"' in info.value.message
    with pytest.raises(KeyError.__mro__[1]):  # LookupError
        engine.score("nobody", "engagement")
    engine.ingest([touch("a", "ann", T0, "demo_request")])
    with pytest.raises(doorway.NotFound):
        engine.score("ann", "no_such_score")
    with pytest.raises(doorway.InvalidArgument) as info:
        engine.advance(-10 ** 15)  # before year 1
    assert isinstance(info.value, ValueError) and info.value.code == -1
    assert "doorway_engine_advance" in info.value.message
    with pytest.raises(doorway.InvalidArgument, match="late_window"):
        doorway.Engine(doorway.Model.default(), late_window=-1)


def test_naive_datetime_rejected(engine):
    with pytest.raises(doorway.InvalidArgument, match="naive datetime"):
        engine.ingest([touch("a", "ann", datetime(2026, 1, 5, 9), "demo_request")])
    with pytest.raises(doorway.InvalidArgument, match="no offset"):
        engine.ingest([touch("a", "ann", "2026-01-05T09:00:00", "demo_request")])
    with pytest.raises(doorway.InvalidArgument, match="naive"):
        engine.advance(datetime(2026, 1, 5, 9))
    assert engine.stats().accepted == 0  # nothing applied


def test_bad_fields_are_named(engine):
    with pytest.raises(doorway.InvalidArgument, match=r"touches\[0\]: unknown key 'lead'"):
        engine.ingest([{"event_id": "a", "lead": "ann"}])
    with pytest.raises(doorway.InvalidArgument, match=r"touches\[1\].audience: 'one-to-one'"):
        engine.ingest([touch("a", "ann", T0, "x"), touch("b", "ann", T0, "x", audience="one-to-one")])
    with pytest.raises(doorway.InvalidArgument, match="columns differ"):
        engine.ingest_columns(event_id=["a", "b"], lead_id=["x"])


JOURNEY = [
    touch("e1", "ann", T0, "website_visit"),
    touch("e2", "ann", T0 + HOUR, "website_visit", channel="organic_search"),
    touch("e3", "ann", T0 + 2 * HOUR, "demo_request", account_id="acme"),
    touch("b1", "bø", T0, "sales_letter"),
    touch("b2", "bø", T0 + 2 * DAY, "order_placed", value=99.5, outcome="won"),
    touch("c1", "cy", T0, "phone_call", audience="one_to_one", interaction="two_way",
          initiator="business", team="sales"),
    touch("x1", "", T0, "website_visit"),
]


def _snapshot(e):
    return ([e.lead(i) for i in e.lead_ids()], e.events(), [e.explain(i) for i in e.lead_ids()])


def test_columnar_ingest_equals_dict_ingest():
    with doorway.Engine(doorway.Model.default()) as a, doorway.Engine(doorway.Model.default()) as b:
        ra = a.ingest(iter(JOURNEY))  # any iterable
        columns = {k: [row.get(k) for row in JOURNEY] for k in doorway._touches.FIELDS}
        columns["timestamp"] = [T0_MS + int((row["timestamp"] - T0).total_seconds() * 1000) for row in JOURNEY]
        rb = b.ingest_columns(**columns)
        assert ra == rb
        assert (ra.accepted, ra.invalid) == (6, 1)
        assert _snapshot(a) == _snapshot(b)
        assert a.lead("bø").stage == "customer" and a.lead("cy").sales_touches == 1
        assert a.lead("ann").account_id == "acme"


def test_columnar_bytes_and_few_fields(engine):
    r = engine.ingest_columns(event_id=[b"e1", b"e2", b"e3"], lead_id=("ann", "ann", "ann"),
                              timestamp=[T0_MS, T0_MS + 3600000, T0_MS + 7200000],
                              type=["website_visit", "website_visit", "demo_request"])
    assert r.accepted == 3 and engine.lead("ann").stage == "sal"
    assert engine.ingest_columns().accepted == 0


def test_columnar_numpy():
    np = pytest.importorskip("numpy")
    with doorway.Engine(doorway.Model.default()) as e:
        e.ingest_columns(event_id=np.array(["e1", "e2"]), lead_id=np.array(["ann", "ann"]),
                         timestamp=np.array(["2026-01-05T09:00", "2026-01-05T10:00"], dtype="datetime64[s]"),
                         type=["website_visit", "demo_request"])
        assert e.lead("ann").entered_stage_at == T0 + HOUR
