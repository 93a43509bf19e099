// explanation_to_json (src/explain_json.cpp): the JSON carries every part of the
// explanation, and — the invariant users rely on — each score's value equals the
// sum of its contributions' values, checked on an independent parse.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/explain_json.hpp"
#include "doorway/timestamp.hpp"

namespace doorway {
namespace {

TEST(ExplainJson, ScoresAreTheSumsOfTheirContributions) {
  Engine engine(default_model());
  const Timestamp t0 = *parse_iso8601("2026-01-05T09:00:00Z");
  const std::vector<Touch> touches = {
      {.event_id = "e1", .lead_id = "ann", .timestamp = t0, .type = "webinar_attended"},
      {.event_id = "e2", .lead_id = "ann", .timestamp = t0 + 3 * kDay, .type = "website_visit"},
      {.event_id = "e3", .lead_id = "ann", .timestamp = t0 + 9 * kDay, .type = "demo_request"},
  };
  engine.ingest(touches);
  engine.advance(t0 + 20 * kDay);  // past the SLA: recycled to nurture; scores decayed
  const auto x = engine.explain("ann");
  ASSERT_TRUE(x.ok());
  const auto j = nlohmann::json::parse(explanation_to_json(*x));

  EXPECT_EQ(j["lead_id"], "ann");
  EXPECT_EQ(j["stage"], "nurture");
  EXPECT_EQ(j["owner"], "marketing");
  EXPECT_EQ(j["as_of"], "2026-01-25T09:00:00Z");
  EXPECT_TRUE(j["sla_deadline"].is_null());
  ASSERT_EQ(j["path"].size(), 3u);  // handoff, sla_breached, recycled
  EXPECT_EQ(j["path"][0]["kind"], "handoff");
  EXPECT_EQ(j["path"][2]["reason"], "sla_breached");

  ASSERT_EQ(j["scores"].size(), 2u);
  for (const auto& s : j["scores"]) {
    double sum = 0;
    for (const auto& c : s["contributions"]) {
      EXPECT_DOUBLE_EQ(c["value"].get<double>(), c["points"].get<double>() * c["factor"].get<double>());
      sum += c["value"].get<double>();
    }
    EXPECT_NEAR(s["value"].get<double>(), sum, 1e-9) << s["name"];
  }
  // engagement: 15, 2 and 30 points, each halved every 30 days of age.
  const auto& engagement = j["scores"][0];
  EXPECT_EQ(engagement["name"], "engagement");
  EXPECT_EQ(engagement["policy"], "points");
  EXPECT_TRUE(engagement["level"].is_null());
  EXPECT_NEAR(engagement["value"].get<double>(),
              15 * std::exp2(-20.0 / 30) + 2 * std::exp2(-17.0 / 30) + 30 * std::exp2(-11.0 / 30), 1e-9);
  EXPECT_EQ(engagement["contributions"][2]["rule"], "points.type:demo_request");
  EXPECT_EQ(j["scores"][1]["level"], "warm");  // 3 touches in 90 days

  // From nurture: purchase, disqualified, door_touch, sales_sourced, requalified.
  ASSERT_EQ(j["next"].size(), 5u);
  const auto& requalified = j["next"][4];
  EXPECT_EQ(requalified["name"], "requalified");
  EXPECT_EQ(requalified["holds"], false);
  EXPECT_EQ(requalified["clauses"][0]["clause"], "touches_in_stage >= 3");
  EXPECT_EQ(requalified["clauses"][0]["gap"], 3.0);  // 0 touches in nurture so far
}

TEST(ExplainJson, InvalidUtf8IsReplacedNotThrown) {
  Explanation x;
  x.lead_id = "bad\xff";
  const auto j = nlohmann::json::parse(explanation_to_json(x));
  EXPECT_EQ(j["lead_id"], "bad\xEF\xBF\xBD");
  EXPECT_TRUE(j["path"].empty());
}

}  // namespace
}  // namespace doorway
