"""The journeys of the C and C++ tests, through the Python API."""
import math

import pytest

import doorway
from conftest import DAY, HOUR, T0, T0_MS, touch


def test_model_default():
    m = doorway.Model.default()
    assert m.validate() == []
    assert m.scores == ("engagement", "temperature")
    names = [s.name for s in m.stages]
    assert names == ["subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer", "advocate",
                     "nurture", "disqualified", "lost"]
    sal = m.stages[names.index("sal")]
    assert (sal.id, sal.kind, sal.owner, sal.sla) == (3, "sla", "sales", 48 * HOUR)
    assert m.stages[0].kind == "entry" and m.stages[0].owner == "marketing" and m.stages[0].sla is None


def test_three_visits_make_a_lead(engine):
    for i in range(3):
        engine.ingest([touch("v%d" % i, "ann", T0 + i * HOUR, "website_visit")])
        if i < 2:
            assert engine.lead("ann").stage == "subscriber"
    lead = engine.lead("ann")
    assert lead.stage == "lead" and lead.owner == "marketing" and lead.temperature == "warm"
    assert lead.touches == 3 and lead.marketing_touches == 3
    (ev,) = engine.events()
    assert (ev.kind, ev.from_stage, ev.to_stage) == ("stage_changed", "subscriber", "lead")


def test_demo_request_hands_off_then_sla_breach_recycles(engine):
    r = engine.ingest([touch("e1", "ann", T0, "website_visit"),
                       touch("e2", "ann", T0 + HOUR, "website_visit"),
                       touch("e3", "ann", T0 + 2 * HOUR, "demo_request")])
    assert (r.accepted, r.duplicate, r.late, r.invalid, r.rejections) == (3, 0, 0, 0, ())
    lead = engine.lead("ann")
    assert lead.stage == "sal" and lead.owner == "sales"
    assert lead.sla_deadline == T0 + 2 * HOUR + 48 * HOUR
    assert lead.entered_stage_at == T0 + 2 * HOUR
    assert lead.entered_stage_at.tzinfo is not None
    assert (lead.touches, lead.marketing_touches, lead.sales_touches, lead.touches_in_stage) == (3, 3, 0, 0)
    assert lead.temperature == "warm" and lead.as_of == T0 + 2 * HOUR
    assert list(lead.scores) == ["engagement", "temperature"]

    (handoff,) = engine.events()
    assert (handoff.kind, handoff.lead_id, handoff.from_stage, handoff.to_stage, handoff.reason) == (
        "handoff", "ann", "subscriber", "sal", "door_touch")
    assert handoff.at == T0 + 2 * HOUR and handoff.deadline == T0 + 50 * HOUR and handoff.seq == 0
    assert engine.events() == []

    engine.advance(T0 + 49 * HOUR)  # an hour before the deadline
    assert engine.lead("ann").stage == "sal" and engine.pending_events() == 0

    now = T0 + 51 * HOUR
    engine.advance(now)
    lead = engine.lead("ann")
    assert lead.stage == "nurture" and lead.owner == "marketing" and lead.sla_deadline is None
    assert lead.entered_stage_at == T0 + 50 * HOUR and lead.as_of == now
    breach, recycle = engine.events()
    assert (breach.kind, breach.from_stage, breach.to_stage, breach.reason, breach.at, breach.seq) == (
        "sla_breached", "sal", "nurture", "sla", T0 + 50 * HOUR, 1)
    assert (recycle.kind, recycle.reason, recycle.at, recycle.deadline, recycle.seq) == (
        "recycled", "sla_breached", T0 + 50 * HOUR, None, 2)

    # engagement = sum of points * 2^-(age / 30 days); temperature counts 3 touches.
    month = 30 * DAY
    expected = sum(p * 2 ** -((now - at) / month)
                   for p, at in ((2, T0), (2, T0 + HOUR), (30, T0 + 2 * HOUR)))
    assert math.isclose(lead.scores["engagement"], expected, rel_tol=1e-9)
    assert engine.score("ann", "engagement") == lead.scores["engagement"]
    assert lead.scores["temperature"] == 3

    s = engine.stats()
    assert (s.accepted, s.duplicate, s.late, s.invalid, s.leads) == (3, 0, 0, 0, 1)
    assert s.now == now and s.memory_bytes > 0


def test_sales_letter_and_order_make_a_customer_without_sales(engine):
    engine.ingest([touch("b1", "bo", T0, "sales_letter"),
                   touch("b2", "bo", T0 + 2 * DAY, "order_placed", value=99.0, account_id="acme")])
    lead = engine.lead("bo")
    assert lead.stage == "customer" and lead.owner == "marketing" and lead.account_id == "acme"
    assert (lead.touches, lead.marketing_touches, lead.sales_touches) == (1, 1, 0)
    (ev,) = engine.events()
    assert (ev.kind, ev.from_stage, ev.to_stage, ev.reason, ev.at, ev.deadline) == (
        "stage_changed", "subscriber", "customer", "purchase", T0 + 2 * DAY, None)


def test_sales_rejected_recycles_to_nurture(engine):
    engine.ingest([touch("a1", "ann", T0, "demo_request"),
                   touch("a2", "ann", T0 + 2 * HOUR, "sales_rejected")])
    lead = engine.lead("ann")
    assert lead.stage == "nurture" and lead.owner == "marketing"
    handoff, recycle = engine.events()
    assert handoff.kind == "handoff"
    assert (recycle.kind, recycle.from_stage, recycle.to_stage, recycle.reason) == (
        "recycled", "sal", "nurture", "rejected")


def test_rejections_with_reasons():
    with doorway.Engine(doorway.Model.default(), late_window=HOUR) as e:
        r = e.ingest([
            touch("e1", "ann", T0 + 10 * HOUR, "website_visit"),
            touch("e1", "ann", T0 + 10 * HOUR, "website_visit"),   # duplicate
            touch("e2", "ann", T0, "website_visit"),               # 10 h late, window 1 h
            touch("e3", "", T0 + 10 * HOUR, "website_visit"),      # no lead_id
            touch("e4", "ann", T0 + 10 * HOUR, "website_visit", audience=9),
            touch("e5", "bo", T0 + 10 * HOUR, "page_view"),
        ])
        assert (r.accepted, r.duplicate, r.late, r.invalid) == (2, 1, 1, 2)
        assert [(x.index, x.kind) for x in r.rejections] == [
            (1, "duplicate"), (2, "late"), (3, "invalid"), (4, "invalid")]
        assert r.rejections[0].event_id == "e1"
        assert "late window" in r.rejections[1].reason
        assert r.rejections[2].reason == "lead_id is empty"
        assert r.rejections[3].reason.startswith("touches[4].audience: 9 is not a doorway_audience")
        r = e.ingest([touch("z1", "zed", T0 + 10 * HOUR, "page_view"),
                      touch("a1", "amy", T0 + 10 * HOUR, "page_view")])
        assert r.rejections == ()
        s = e.stats()
        assert (s.accepted, s.duplicate, s.late, s.invalid, s.leads) == (4, 1, 1, 2, 4)
        assert e.lead_ids() == ["amy", "ann", "bo", "zed"]
        assert [l.lead_id for l in e.leads()] == ["amy", "ann", "bo", "zed"]
        assert e.ingest([]).accepted == 0


def test_late_touch_revises_history(engine):
    engine.ingest([touch("c1", "cy", T0, "demo_request")])
    engine.advance(T0 + 49 * HOUR)
    assert [ev.kind for ev in engine.events()] == ["handoff", "sla_breached", "recycled"]
    # Sales had accepted at T0+47h; it arrives late, within the 7-day window.
    engine.ingest([touch("c2", "cy", T0 + 47 * HOUR, "sales_accepted")])
    assert engine.lead("cy").stage == "sql"
    revised, moved = engine.events()
    assert (revised.kind, revised.lead_id, revised.seq) == ("history_revised", "cy", 1)
    assert revised.from_stage is None and revised.reason is None
    assert (moved.kind, moved.from_stage, moved.to_stage, moved.reason, moved.at, moved.seq) == (
        "stage_changed", "sal", "sql", "accepted", T0 + 47 * HOUR, 1)
    assert [ev.kind for ev in engine.history("cy")] == ["handoff", "stage_changed"]
    assert [ev.seq for ev in engine.history()] == [0, 1]


def test_explain(engine):
    engine.ingest([touch("e1", "ann", T0, "website_visit"),
                   touch("e2", "ann", T0 + HOUR, "website_visit"),
                   touch("e3", "ann", T0 + 2 * HOUR, "demo_request")])
    x = engine.explain("ann")
    assert (x["lead_id"], x["stage"], x["owner"], x["sla_deadline"]) == (
        "ann", "sal", "sales", "2026-01-07T11:00:00Z")
    assert {"kind": "handoff", "at": "2026-01-05T11:00:00Z", "from": "subscriber", "to": "sal",
            "reason": "door_touch"} in x["path"]
    with pytest.raises(doorway.NotFound, match='"nobody"'):
        engine.explain("nobody")


def test_classify():
    c = doorway.classify({"type": "order_placed"})
    assert (c.team, c.rule, c.audience, c.interaction, c.initiator, c.kind) == (
        "marketing", "seed.one_way", "one_to_one", "one_way", "prospect", "outcome")
    assert c.known_type and not c.initiated_contact
    assert doorway.classify({"type": "phone_call"}).team == "sales"
    c = doorway.classify({"type": "website_visit", "team": "sales"}, doorway.Model.default())
    assert (c.team, c.rule) == ("sales", "override.team")
    c = doorway.classify({"type": "zoom_chat", "channel": "phone"})
    assert (c.team, c.rule, c.known_type) == ("sales", "channel.one_to_one_two_way", False)
    with pytest.raises(doorway.InvalidArgument, match="touch->audience"):
        doorway.classify({"type": "website_visit", "audience": 7})


def test_epoch_milliseconds_iso_and_datetime_agree():
    rows = [[touch("e1", "ann", T0_MS, "demo_request")],
            [touch("e1", "ann", "2026-01-05T09:00:00Z", "demo_request")],
            [touch("e1", "ann", "2026-01-05T10:00:00+01:00", "demo_request")],
            [touch("e1", "ann", float(T0_MS), "demo_request")],
            [touch("e1", "ann", T0, "demo_request")]]
    for batch in rows:
        with doorway.Engine(doorway.Model.default()) as e:
            e.ingest(batch)
            assert e.lead("ann").entered_stage_at == T0
