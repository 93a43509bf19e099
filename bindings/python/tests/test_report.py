"""engine.report(): the funnel, handoffs and diagnoses through the C ABI.

The four leads are the C++ report tests' scenario (tests/report_funnel_test.cpp),
worked out by hand from the default model's rules:
  ann: webinar, demo request at +1h -> handed to sales; nobody answers: the 48 h
       SLA passes -> nurture
  bob: cold call -> sales-sourced handoff; phone call at +2h -> sql (answered in
       2 h); proposal +1d -> opportunity; deal won +3d -> customer
  cat: sales letter, order +1d -> customer with no handoff (marketing-closed)
  dan: three website visits (warm: lead), demo request +3d -> handoff; rejected
       5 h later -> nurture
"""
import json

import pytest

import doorway
from conftest import DAY, HOUR, T0, touch

ANN_BOB = [
    touch("a1", "ann", T0, "webinar_attended"),
    touch("a2", "ann", T0 + HOUR, "demo_request"),
    touch("b1", "bob", T0, "cold_call"),
    touch("b2", "bob", T0 + 2 * HOUR, "phone_call"),
    touch("b3", "bob", T0 + DAY, "proposal_sent"),
    touch("b4", "bob", T0 + 3 * DAY, "deal_won"),
]
CAT_DAN = [
    touch("c1", "cat", T0, "sales_letter"),
    touch("c2", "cat", T0 + DAY, "order_placed", value=99),
    touch("d1", "dan", T0, "website_visit"),
    touch("d2", "dan", T0 + DAY, "website_visit"),
    touch("d3", "dan", T0 + 2 * DAY, "website_visit"),
    touch("d4", "dan", T0 + 3 * DAY, "demo_request"),
    touch("d5", "dan", T0 + 3 * DAY + 5 * HOUR, "sales_rejected"),
]
HOUR_US = 3600 * 1000000


def report_of(touches):
    with doorway.Engine(doorway.Model.default()) as e:
        e.ingest(touches)
        e.advance(T0 + 10 * DAY)
        return e.report()


def test_report_is_a_mapping_of_the_counts():
    r = report_of(ANN_BOB + CAT_DAN)
    assert r["format"] == "doorway.report"
    assert r["leads"] == 4
    assert [s["stage"] for s in r.stages] == [
        "subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer", "advocate", "nurture",
        "disqualified", "lost"]
    sal = r.stage("sal")
    assert (sal["leads"], sal["current"], sal["moved_forward"]) == (3, 0, 1)
    # stays in sal: ann 48 h, bob 2 h, dan 5 h -> median (rank 2 of 3) 5 h, p90 (rank 3) 48 h
    assert sal["time_in_stage_us"]["median"] == 5 * HOUR_US
    assert sal["time_in_stage_us"]["p90"] == 48 * HOUR_US
    h = r.handoffs
    assert (h["handoffs"], h["accepted"], h["rejected"], h["sla_breached"], h["pending"]) == (3, 1, 1, 1, 0)
    assert (h["marketing_sourced"], h["sales_sourced"]) == (2, 1)
    assert r.outcomes["won"] == 2 and r.outcomes["won_without_handoff"] == 1
    assert "leads" in r and len(r) == len(list(r))
    codes = [f["code"] for f in r.diagnoses]
    # 3 handoffs are too few to judge the balance; 1 of 3 past the SLA is a warning.
    assert codes == ["balance.too_little_data", "cadence.too_little_data", "ownership.sla_breached"]
    assert r.diagnoses[2]["severity"] == "warning"
    assert "1 of 3 handoffs (33.3%) waited past their SLA" in r.diagnoses[2]["sentence"]


def test_reports_of_a_partition_merge_into_the_whole():
    whole = report_of(ANN_BOB + CAT_DAN)
    part_a = report_of(ANN_BOB)
    part_b = report_of(CAT_DAN)
    merged = part_a + part_b            # a new report; the parts are unchanged
    assert merged == whole
    assert merged.to_json() == whole.to_json()
    assert part_a["leads"] == 2
    assert part_b.merge(part_a) is part_b  # in place
    assert part_b == whole


def test_json_round_trip_and_text():
    r = report_of(ANN_BOB + CAT_DAN)
    again = doorway.Report.from_json(r.to_json(), source="r.json")
    assert again == r
    assert dict(again) == json.loads(r.to_json())
    text = str(r)
    assert text.startswith('doorway report: model "doorway-default", 4 leads, as of 2026-01-15T09:00:00Z\n')
    assert "Handoffs: 3 to sales (3 leads; 0 re-handoffs); 2 marketing-sourced, 1 sales-sourced." in text
    assert repr(r) == "<doorway.Report 4 leads as of 2026-01-15T09:00:00Z>"


def test_errors_name_the_problem():
    r = report_of(ANN_BOB)
    with pytest.raises(doorway.DataError) as e:
        doorway.Report.from_json(r.to_json().replace('"leads": 2', '"leeds": 2'), source="mine.json")
    assert 'mine.json:7:3: leeds: unknown key "leeds" (did you mean "leads"?)' in str(e.value)
    with pytest.raises(doorway.InvalidArgument):
        r.merge({"leads": 1})
    with pytest.raises(doorway.NotFound) as e:
        r.stage("sqll")
    assert "no stage 'sqll'" in str(e.value)
    daily = doorway.Report.from_json(r.to_json().replace('"bucket_us": 604800000000', '"bucket_us": 86400000000'))
    with pytest.raises(doorway.DataError) as e:
        r.merge(daily)
    assert "different options" in str(e.value)
    assert r["leads"] == 2  # unchanged
    r.close()
    r.close()
    with pytest.raises(doorway.StateError):
        r.to_json()
    assert repr(r) == "<doorway.Report (closed)>"


def test_report_outlives_its_engine():
    e = doorway.Engine(doorway.Model.default())
    e.ingest(ANN_BOB)
    r = e.report()
    e.close()
    assert r["leads"] == 2
