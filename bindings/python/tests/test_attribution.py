"""doorway.attribute: expected values worked out by hand (the issue's example is
derived in tests/attribution_markov_test.cpp and tests/attribution_shapley_test.cpp;
the sums below are checked by hand too)."""
from datetime import timedelta

import pytest

import doorway
from conftest import T0, DAY, HOUR, touch

ISSUE = [(["a", "b"], 3, 30, 1), ("a > c", 1, 20, 1)]


def test_markov_issue_example():
    # Order 1: removal effects a 1, b 0.75, c 0.25 (sum 2) → 4 conversions split
    # 2, 1.5, 0.5; value 50 split by value removal effects 1, 0.6, 0.4 → 25, 15, 10.
    r = doorway.attribute(ISSUE, model="markov")
    assert r.model == "markov"
    assert r.order == 1
    assert r.total_conversions == 4
    assert r.conversions == pytest.approx({"a": 2.0, "b": 1.5, "c": 0.5}, abs=1e-12)
    assert r.value == pytest.approx({"a": 25.0, "b": 15.0, "c": 10.0}, abs=1e-10)
    assert r["b"].removal_effect == pytest.approx(0.75, abs=1e-15)
    assert r.conversion_probability == pytest.approx(2 / 3, abs=1e-15)
    assert [c.channel for c in r.channels] == ["a", "b", "c"]


def test_order_two_sees_what_came_before():
    # a > b converts, c > b does not: at order 2 c is worth nothing, a and b 0.5.
    paths = [("a > b", 1, 0, 0), ("c > b", 0, 0, 1)]
    r = doorway.attribute(paths, model="markov", order=2)
    assert r.conversions == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.0}, abs=1e-12)
    assert r.states == 5


def test_shapley_equals_linear_per_distinct_channel_here():
    # v({a,b}) = 3, v({a,c}) = 1: φ = 2, 1.5, 0.5; linear_distinct gives the same.
    shapley = doorway.attribute(ISSUE, model="shapley")
    distinct = doorway.attribute(ISSUE, model="linear_distinct")
    assert shapley.sampled is False
    assert shapley.conversions == pytest.approx({"a": 2.0, "b": 1.5, "c": 0.5}, abs=1e-12)
    assert distinct.conversions == pytest.approx(shapley.conversions, abs=1e-12)


def test_heuristics_by_hand():
    # a > b > c > b with 2 conversions: first a 2; last b 2; linear a 0.5, b 1,
    # c 0.5; U: 40/20/40 → a 0.8, b 1.0, c 0.2.
    paths = [("a > b > c > b", 2, 10, 0)]
    assert doorway.attribute(paths, model="first").conversions == {"a": 2.0, "b": 0.0, "c": 0.0}
    assert doorway.attribute(paths, model="last_touch").conversions == {"a": 0.0, "b": 2.0, "c": 0.0}
    assert doorway.attribute(paths, model="linear").conversions == pytest.approx({"a": 0.5, "b": 1.0, "c": 0.5})
    assert doorway.attribute(paths, model="u_shaped").conversions == pytest.approx({"a": 0.8, "b": 1.0, "c": 0.2})


def test_path_file_round_trip(tmp_path):
    f = tmp_path / "paths.csv"
    f.write_text("path;total_conversions;total_conversion_value;total_null\na > b;3;30;1\na > c;1;20;1\n")
    r = doorway.attribute(str(f), model="markov")
    assert r.conversions == pytest.approx({"a": 2.0, "b": 1.5, "c": 0.5}, abs=1e-12)
    with doorway.Journeys(f) as j:
        assert len(j) == 2
        assert j.to_path_file() == f.read_text()
        # One set, several models.
        assert doorway.attribute(j, model="first").conversions == {"a": 4.0, "b": 0.0, "c": 0.0}


def test_path_file_errors_name_the_place(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("a > b;3\na > > c;1\n")
    with pytest.raises(doorway.DataError) as e:
        doorway.attribute(str(f))
    assert "bad.csv:2:4: path: empty channel name" in str(e.value)
    # Text given as bytes: the header line counts as line 1.
    with pytest.raises(doorway.DataError, match=r'mine:2:3: conversions: "x" is not a number'):
        doorway.Journeys(b"path;c\na;x\n", source_name="mine")


def test_engine_journeys_and_w_shaped():
    # ann: website, webinar, demo request (handoff), phone call, proposal
    # (opportunity), deal won worth 500 → customer. W: website (first and the
    # handoff touch) 0.6, email (proposal) 0.3, webinar and phone 0.05 each.
    with doorway.Engine(doorway.Model.default()) as engine:
        engine.ingest([
            touch("e1", "ann", T0, "website_visit"),
            touch("e2", "ann", T0 + DAY, "webinar_attended"),
            touch("e3", "ann", T0 + 2 * DAY, "demo_request"),
            touch("e4", "ann", T0 + 2 * DAY + HOUR, "phone_call"),
            touch("e5", "ann", T0 + 3 * DAY, "proposal_sent"),
            touch("e6", "ann", T0 + 4 * DAY, "deal_won", value=500),
            touch("e7", "bob", T0, "website_visit"),
        ])
        r = doorway.attribute(engine, model="w")
        assert r.total_conversions == 1
        assert r.total_nulls == 1
        assert r.conversions == pytest.approx(
            {"website": 0.6, "email": 0.3, "webinar": 0.05, "phone": 0.05}, abs=1e-12)
        assert r["website"].value == pytest.approx(300, abs=1e-9)
        # Converting at the handoff instead: ann's first three touches.
        r = doorway.attribute(engine, model="linear", stage="sal")
        assert r.conversions == pytest.approx({"website": 2 / 3, "webinar": 1 / 3}, abs=1e-12)
        with pytest.raises(doorway.InvalidArgument, match=r'unknown stage "custmer" \(did you mean "customer"\?\)'):
            doorway.attribute(engine, stage="custmer")


def test_time_decay_needs_times():
    with pytest.raises(doorway.InvalidArgument, match="needs touch times"):
        doorway.attribute(ISSUE, model="time_decay", half_life=timedelta(days=3))


def test_bad_arguments():
    with pytest.raises(doorway.InvalidArgument, match=r'unknown attribution model "markof" \(did you mean "markov"\?\)'):
        doorway.attribute(ISSUE, model="markof")
    with pytest.raises(doorway.InvalidArgument, match="order: 9 is not between 1 and 8"):
        doorway.attribute(ISSUE, order=9)
    with pytest.raises(doorway.InvalidArgument, match="paths\\[0\\]"):
        doorway.attribute([("a",)])
    with pytest.raises(doorway.InvalidArgument, match="conversions is -1"):
        doorway.attribute([("a", -1)])
    with pytest.raises(doorway.InvalidArgument, match="channels\\[1\\] is empty"):
        doorway.attribute([("a > ", 1)])
    with pytest.raises(doorway.InvalidArgument, match="samples"):
        doorway.attribute(ISSUE, model="shapley", samples=-1)


def test_sampled_shapley_reports_errors():
    # 4 channels with max_exact_channels=2: sampled, seeded, each estimate with a
    # standard error; the estimates add up to the total (each order hands out v(N)).
    paths = [("a > b", 3, 0, 0), ("c > d > a", 2, 0, 0), ("d", 1, 0, 0)]
    r = doorway.attribute(paths, model="shapley", max_exact_channels=2, samples=500, seed=3)
    assert r.sampled is True and r.samples == 500
    assert sum(r.conversions.values()) == pytest.approx(6, abs=1e-9)
    assert all(c.conversions_std_error > 0 for c in r.channels)  # every channel's share varies
    # d alone converts once for sure, and shares c > d > a: exact 1 + 2/3.
    assert abs(r["d"].conversions - (1 + 2 / 3)) <= 5 * r["d"].conversions_std_error
