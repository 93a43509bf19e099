// The report's JSON form (keys and values, read back to the same report, every
// problem located when reading bad input) and its text form. The four leads of
// data/report/four_leads.jsonl are report_funnel_test.cpp's scenario (ann: door
// touch, SLA breached; bob: cold call, conversation, proposal, won; cat: sales
// letter and order; dan: warmed by visits, door touch, rejected); the expected
// numbers are the ones worked out there by hand.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/report/report_json.hpp"
#include "doorway/report/report_text.hpp"
#include "doorway/touch_reader.hpp"

#ifndef DOORWAY_REPORT_DATA
#error "DOORWAY_REPORT_DATA must name tests/data/report"
#endif

namespace doorway {
namespace {

Report four_leads() {
  std::ifstream in(DOORWAY_REPORT_DATA "/four_leads.jsonl");
  EXPECT_TRUE(in.good());
  TouchReader reader(in, "four_leads.jsonl");
  std::vector<OwnedTouch> owned;
  OwnedTouch t;
  ReadError error;
  for (ReadStatus s; (s = reader.next(t, error)) != ReadStatus::end;) {
    EXPECT_EQ(s, ReadStatus::touch) << error.message();
    owned.push_back(t);
  }
  std::vector<Touch> views;
  for (const OwnedTouch& o : owned) views.push_back(o.view());
  Engine engine(default_model());
  EXPECT_EQ(engine.ingest(views).accepted, 13u);
  engine.advance(*parse_iso8601("2026-01-15T09:00:00Z"));
  return build_report(engine);
}

TEST(ReportJson, KeysAndValues) {
  const Report r = four_leads();
  const nlohmann::json j = nlohmann::json::parse(report_to_json(r));
  EXPECT_EQ(j["format"], "doorway.report");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["model"], "doorway-default");
  EXPECT_EQ(j["as_of"], "2026-01-15T09:00:00Z");
  EXPECT_EQ(j["options"]["bucket_us"], 7 * kDay);
  EXPECT_EQ(j["options"]["bucket_origin"], "1970-01-05T00:00:00Z");
  EXPECT_EQ(j["leads"], 4);
  EXPECT_EQ(j["touches"]["marketing"], 7);
  EXPECT_EQ(j["touches"]["sales"], 3);
  EXPECT_EQ(j["touches"]["outcomes"], 3);
  const nlohmann::json& sal = j["stages"][3];
  EXPECT_EQ(sal["stage"], "sal");
  EXPECT_EQ(sal["owner"], "sales");
  EXPECT_EQ(sal["kind"], "sla");
  EXPECT_EQ(sal["sla_us"], 48 * kHour);
  EXPECT_EQ(sal["leads"], 3);
  EXPECT_EQ(sal["moved_forward"], 1);
  EXPECT_DOUBLE_EQ(sal["conversion"].get<double>(), 1.0 / 3.0);
  EXPECT_EQ(sal["reached"], nlohmann::json({{"sql", 1}, {"opportunity", 1}, {"customer", 1}, {"nurture", 2}}));
  EXPECT_EQ(sal["time_in_stage_us"]["count"], 3);
  EXPECT_EQ(sal["time_in_stage_us"]["median"], 5 * kHour);
  EXPECT_EQ(sal["time_in_stage_us"]["p90"], 48 * kHour);
  EXPECT_EQ(sal["time_in_stage_us"]["values"], nlohmann::json({2 * kHour, 5 * kHour, 48 * kHour}));
  EXPECT_EQ(sal["touches_before"]["marketing"], 6);
  EXPECT_EQ(sal["touches_before"]["total"]["median"], 2);
  EXPECT_EQ(j["outcomes"]["won"], 2);
  EXPECT_EQ(j["outcomes"]["won_without_handoff"], 1);
  EXPECT_EQ(j["handoffs"]["handoffs"], 3);
  EXPECT_EQ(j["handoffs"]["sales_sourced"], 1);
  EXPECT_EQ(j["handoffs"]["response_time_us"]["values"], nlohmann::json({2 * kHour, 5 * kHour}));
  EXPECT_EQ(j["teams"][0]["team"], "marketing");
  EXPECT_EQ(j["teams"][0]["stage_entries"], 9);
  EXPECT_EQ(j["owner_granularity"], "team");
  EXPECT_EQ(j["channels"][2]["channel"], "website");  // by name: direct_mail, webinar, website
  EXPECT_EQ(j["channels"][2]["buckets"], nlohmann::json({{"2026-01-05T00:00:00Z", 3}}));
  EXPECT_EQ(j["series"]["new_leads"], nlohmann::json({{"2026-01-05T00:00:00Z", 4}}));
  // 3 handoffs < 20: no balance verdict; 1 of 3 past the SLA (33%) > 5%: a warning;
  // one week of activity < 4: no cadence verdict.
  std::vector<std::string> codes;
  for (const auto& f : j["diagnoses"]) codes.push_back(f["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"balance.too_little_data", "cadence.too_little_data",
                                              "ownership.sla_breached"}));
  EXPECT_EQ(j["diagnoses"][2]["severity"], "warning");
}

TEST(ReportJson, ReadsBackTheSameReport) {
  const Report r = four_leads();
  const std::string text = report_to_json(r);
  EXPECT_TRUE(looks_like_report_json(text));
  absl::StatusOr<Report> back = report_from_json(text, "four.json");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == r);
  EXPECT_EQ(report_to_json(*back), text);
  // And an empty report (no leads, no summaries' values).
  const Report empty = ReportBuilder(*default_model()).report();
  absl::StatusOr<Report> e = report_from_json(report_to_json(empty));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_TRUE(*e == empty);
}

TEST(ReportJson, TellsReportsFromTouches) {
  EXPECT_TRUE(looks_like_report_json("\n  {\"format\" : \"doorway.report\", \"version\": 1}"));
  EXPECT_FALSE(looks_like_report_json("{\"event_id\":\"e1\",\"format\":\"doorway.report\"}"));
  EXPECT_FALSE(looks_like_report_json("{\"format\": \"doorway.model\"}"));
  EXPECT_FALSE(looks_like_report_json(""));
}

// Replaces the first `from` in `text` by `to`.
std::string edit(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string error_of(const std::string& text) {
  absl::StatusOr<Report> r = report_from_json(text, "bad.json");
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string() : std::string(r.status().message());
}

TEST(ReportJson, BadInputIsLocated) {
  const std::string good = report_to_json(four_leads());
  // Line 7 is `  "leads": 4,` (after {, format, version, model, as_of, options);
  // the key starts at column 3.
  std::string e = error_of(edit(good, "\"leads\": 4", "\"leeds\": 4"));
  EXPECT_NE(e.find("bad.json:7:3: leeds: unknown key \"leeds\" (did you mean \"leads\"?)"), std::string::npos) << e;
  EXPECT_NE(e.find("bad.json:1:1: leads: missing key \"leads\""), std::string::npos) << e;
  e = error_of(edit(good, "\"version\": 1", "\"version\": 2"));
  EXPECT_EQ(e, "bad.json:3:14: version: unsupported version 2 (this reader knows 1)");
  e = error_of(edit(good, "\"format\": \"doorway.report\"", "\"format\": \"doorway.model\""));
  EXPECT_NE(e.find("format: \"doorway.model\" is not \"doorway.report\""), std::string::npos) << e;
  e = error_of(edit(good, "\"won\": 2", "\"won\": -2"));
  EXPECT_NE(e.find("outcomes.won: expected a non-negative whole number, got -2"), std::string::npos) << e;
  e = error_of(edit(good, "\"current\": 0", "\"current\": 1"));  // subscriber: 4 entries, 4 exits
  EXPECT_NE(e.find("stages[0]: entries (4) must equal exits (4) + current (1)"), std::string::npos) << e;
  e = error_of(edit(good, "\"owner\": \"sales\"", "\"owner\": \"sale\""));
  EXPECT_NE(e.find("stages[3].owner: \"sale\" is not one of marketing, sales, unknown (did you mean \"sales\"?)"),
            std::string::npos)
      << e;
  e = error_of(edit(good, "\"2026-01-05T00:00:00Z\": 3", "\"2026-01-06T00:00:00Z\": 3"));
  EXPECT_NE(e.find("is not the start of a bucket (buckets of 7d from 1970-01-05T00:00:00Z)"), std::string::npos) << e;
  e = error_of(edit(good, "\"reached\": {\"sql\"", "\"reached\": {\"sqll\""));
  EXPECT_NE(e.find("unknown stage \"sqll\" (did you mean \"sql\"?)"), std::string::npos) << e;
  e = error_of(edit(good, "\"values\": [7200000000, 18000000000]", "\"values\": [7200000000]"));
  EXPECT_NE(e.find("handoffs.response_time_us: count does not match the number of values"), std::string::npos) << e;
  e = error_of("{\"format\": \"doorway.report\",\n  \"version\": 1,\n  oops}");
  EXPECT_EQ(e.rfind("bad.json:3:3: ", 0), 0u) << e;
}

TEST(ReportText, FunnelHandoffsWorkloadDiagnoses) {
  const std::string text = report_to_text(four_leads());
  auto has = [&](std::string_view s) { EXPECT_NE(text.find(s), std::string::npos) << s << "\n---\n" << text; };
  has("doorway report: model \"doorway-default\", 4 leads, as of 2026-01-15T09:00:00Z\n");
  has("Touches: 10 contacts (marketing 7, sales 3, unknown 0) and 3 outcomes\n");
  // subscriber: 4 leads, 0 now, all 4 moved on, 2 won later, median stay 1 h, p90
  // 2 d, touches before 0.75 marketing / 0.25 sales a lead, median 1.
  has("  subscriber    marketing");
  has("4 (100%)");
  has("2 (50%)");
  has("1 h");
  has("2 d");
  has("0.8 + 0.2 (1)");
  has("Outcomes: 2 won, 0 lost, 2 open; win rate 100% (won / (won + lost)).\n");
  has("After a handoff: 1 won, 0 lost (100% won); 1 won with no handoff (marketing-closed, seeds/004).\n");
  has("Handoffs: 3 to sales (3 leads; 0 re-handoffs); 2 marketing-sourced, 1 sales-sourced.\n");
  has("accepted 1 (33.3%), rejected 1 (33.3%), SLA breached 1 (33.3%), pending 0 (0%)\n");
  has("answered in 2 h (median), 5 h (p90)\n");
  has("Workload per team (touches carry no rep id, so the owner is the team)\n");
  has("WARNING ownership.sla_breached\n");
  has("1 of 3 handoffs (33.3%) waited past their SLA");
}

}  // namespace
}  // namespace doorway
