"""Custom scoring policies written in Python."""
import ctypes
import gc
import weakref

import pytest

import doorway
from doorway import policy as policy_module
from conftest import DAY, HOUR, T0, touch


class CounterState(ctypes.Structure):
    _fields_ = [("magic", ctypes.c_uint32), ("count", ctypes.c_uint32)]


class Counter(doorway.Policy):
    """Counts contact touches (outcomes excluded), like the C test's policy."""
    state_type = CounterState

    def __init__(self, fail_on=None):
        self.fail_on = fail_on
        self.doors_seen = 0
        self.inits = 0

    def init(self, state):
        self.inits += 1
        state.magic = 0xC0FFEE

    def apply(self, state, t):
        assert state.magic == 0xC0FFEE
        if t.type == self.fail_on:
            state.count = 1000  # undone by the engine: a failing apply leaves no trace
            raise RuntimeError("policy refuses " + t.type)
        if t.kind == "outcome":
            return 0
        if t.kind == "door" and t.team == "marketing":
            self.doors_seen += 1
        assert t.at.tzinfo is not None
        state.count += 1
        return 1

    def value(self, state, now):
        return state.count


def ann(engine):
    return engine.ingest([touch("e1", "ann", T0, "website_visit"),
                          touch("e2", "ann", T0 + HOUR, "website_visit"),
                          touch("e3", "ann", T0 + 2 * HOUR, "demo_request")])


def test_custom_policy_scores_and_explains():
    policy = Counter()
    base = doorway.Model.default()
    model = base.with_policy("touch_count", policy)
    base.close()
    assert model.scores == ("engagement", "temperature", "touch_count")
    with doorway.Engine(model) as e:
        ann(e)
        e.ingest([touch("b1", "bo", T0, "sales_letter"), touch("b2", "bo", T0 + 2 * DAY, "order_placed")])
        assert e.lead("ann").scores["touch_count"] == 3
        assert e.lead("bo").scores["touch_count"] == 1  # the order is an outcome
        assert policy.doors_seen == 1 and policy.inits >= 2
        assert e.lead("ann").stage == "sal" and e.lead("bo").stage == "customer"
        score = next(s for s in e.explain("ann")["scores"] if s["name"] == "touch_count")
        assert score["policy"] == "custom" and score["value"] == 3.0
        demo = next(c for c in score["contributions"] if c["event_id"] == "e3")
        assert (demo["rule"], demo["points"], demo["factor"], demo["value"]) == (
            "custom.touch_count:demo_request", 1.0, 1.0, 1.0)


def test_duck_typed_stateless_policy_with_factor():
    class Halving:  # no base class, no state: points halve every day
        state_type = None

        def apply(self, state, t):
            assert state is None
            return 8

        def value(self, state, now):
            return 0.0  # deliberately not the invariant: value is the policy's word

        def factor(self, at, now):
            return 0.5 ** ((now - at) / DAY)

    with doorway.Engine(doorway.Model.default().with_policy("halving", Halving())) as e:
        e.ingest([touch("a", "ann", T0, "website_visit")])
        e.advance(T0 + 2 * DAY)
        (c,) = next(s for s in e.explain("ann")["scores"] if s["name"] == "halving")["contributions"]
        assert c["points"] == 8 and c["factor"] == 0.25 and c["value"] == 2.0


def test_callbacks_survive_gc_and_are_released_with_the_last_user():
    policy = Counter()
    ref = weakref.ref(policy)
    model = doorway.Model.default().with_policy("touch_count", policy)
    del policy
    gc.collect()
    engine = doorway.Engine(model)
    del model
    gc.collect()
    ann(engine)
    assert engine.lead("ann").scores["touch_count"] == 3
    assert ref() is not None and len(policy_module._live) >= 1
    live = len(policy_module._live)
    engine.close()
    assert len(policy_module._live) == live - 1  # payload_free ran at the last free
    del engine
    gc.collect()
    assert ref() is None  # payload_free dropped the adapter, and with it the policy
    assert len(policy_module._live) == live - 1


def test_policy_exception_is_reraised_from_ingest():
    policy = Counter(fail_on="demo_request")
    with doorway.Engine(doorway.Model.default().with_policy("touch_count", policy)) as e:
        with pytest.raises(RuntimeError, match="policy refuses demo_request") as info:
            ann(e)
        notes = "\n".join(getattr(info.value, "__notes__", []))
        assert 'score "touch_count": the policy\'s apply callback returned 1' in notes
        # The batch was applied all the same; the failing touch added 0.
        assert e.last_result.accepted == 3
        assert e.lead("ann").scores["touch_count"] == 2
        assert e.lead("ann").stage == "sal"
        e.ingest([touch("e4", "ann", T0 + 3 * HOUR, "website_visit")])  # no stale exception
        assert e.lead("ann").scores["touch_count"] == 3


def test_policy_exception_in_value_is_reraised_from_the_read():
    class Broken(Counter):
        def value(self, state, now):
            raise KeyError("no value today")

    with doorway.Engine(doorway.Model.default().with_policy("broken", Broken())) as e:
        with pytest.raises(KeyError, match="no value today"):
            ann(e)  # guards read the score while the batch is applied
        assert e.last_result.accepted == 3
        with pytest.raises(KeyError, match="no value today"):
            e.lead("ann")
        assert e.lead_ids() == ["ann"]  # calls that run no policy are unaffected


def test_bad_policies_are_refused():
    base = doorway.Model.default()
    with pytest.raises(doorway.InvalidArgument, match='"engagement"'):
        base.with_policy("engagement", Counter())
    with pytest.raises(doorway.InvalidArgument, match="no apply"):
        base.with_policy("x", object())
    with pytest.raises(doorway.InvalidArgument, match="state_type"):
        base.with_policy("x", type("P", (Counter,), {"state_type": 5})())
    big = type("Big", (ctypes.Structure,), {"_fields_": [("b", ctypes.c_char * 70000)]})
    with pytest.raises(doorway.InvalidArgument):
        base.with_policy("x", type("P", (Counter,), {"state_type": big})())
