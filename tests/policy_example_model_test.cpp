// The complete policies example, tests/data/models/policies.json, loaded and run
// end to end. Every expected value is worked out by hand from the file's rules in
// the comments; decayed values are recomputed with std::exp2 from the half-lives.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "doorway/engine.hpp"
#include "doorway/fit_grade_policy.hpp"
#include "doorway/model_json.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/readiness_policy.hpp"
#include "doorway/temperature_policy.hpp"

#ifndef DOORWAY_MODEL_DATA
#error "DOORWAY_MODEL_DATA must name tests/data/models"
#endif

namespace doorway {
namespace {

constexpr Timestamp T0 = 1'767'600'000LL * kSecond;  // 2026-01-05T08:00:00Z

std::string read_file(const std::string& name) {
  std::ifstream in(std::string(DOORWAY_MODEL_DATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const Model> load_example() {
  const ModelLoadResult r = load_model_json(read_file("policies.json"), "policies.json");
  EXPECT_TRUE(r.ok()) << to_string(r.problems);
  return r.model;
}

TEST(PoliciesExample, LoadsEveryOption) {
  const auto m = load_example();
  ASSERT_TRUE(m);
  const auto* points = policy_cast<PointsPolicy>(*m->scores()[0].policy);
  ASSERT_NE(points, nullptr);
  EXPECT_EQ(points->options().score_decay(), Decay::linear(1));
  ASSERT_EQ(points->options().groups.size(), 2u);
  EXPECT_EQ(points->options().groups[0].name, "web");
  EXPECT_EQ(points->options().groups[0].cap, 30);
  EXPECT_EQ(points->options().groups[0].decay, Decay::exponential(30 * kDay));
  EXPECT_EQ(points->options().groups[1].decay, Decay::none());
  EXPECT_EQ(points->rules()[0].cap, 15);
  EXPECT_EQ(points->rules()[0].group, 0);
  EXPECT_EQ(points->rules()[3].group, -1);
  const auto* heat = policy_cast<TemperaturePolicy>(*m->scores()[1].policy);
  ASSERT_NE(heat, nullptr);
  EXPECT_EQ(heat->options().sales_weight, 2);
  EXPECT_EQ(heat->options().half_life, 60 * kDay);
  const auto* fit = policy_cast<FitGradePolicy>(*m->scores()[2].policy);
  ASSERT_NE(fit, nullptr);
  ASSERT_EQ(fit->criteria().size(), 3u);
  EXPECT_EQ(fit->criteria()[1].name, "size");
  EXPECT_EQ(fit->criteria()[1].steps, 2);
  EXPECT_EQ(fit->criteria()[2].steps, 1);
  EXPECT_EQ(m->scores()[2].policy->scale(), ScoreScale::grade);
  const auto* ready = policy_cast<ReadinessPolicy>(*m->scores()[3].policy);
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->options().price_steps, (std::vector<double>{1000, 10000}));
}

TEST(PoliciesExample, IsCanonicalAndRoundTrips) {
  const auto m = load_example();
  ASSERT_TRUE(m);
  const absl::StatusOr<std::string> written = model_to_json(*m);
  ASSERT_TRUE(written.ok()) << written.status();
  // The file is written in the writer's canonical form, so writing gives it back.
  EXPECT_EQ(*written, read_file("policies.json"));
  const ModelLoadResult again = load_model_json(*written, "written.json");
  ASSERT_TRUE(again.ok()) << to_string(again.problems);
  EXPECT_EQ(*model_to_json(*again.model), *written);
}

// Ann: a profile update, web activity, a demo request (the door), then sales calls.
TEST(PoliciesExample, ALeadFromProfileToSql) {
  const auto m = load_example();
  ASSERT_TRUE(m);
  Engine engine(m);
  const std::vector<Property> traits = {{"industry", "Software"}, {"employees", "500"}, {"title", "VP"},
                                        {"price", "20000"},      {"tangibility", "service"},
                                        {"competition", "medium"}, {"email", "ann@example.com"}};
  const Timestamp h1 = T0 + kHour;
  std::vector<Touch> touches = {
      {.event_id = "e1", .lead_id = "ann", .timestamp = T0, .type = "identify", .traits = traits},
      {.event_id = "e2", .lead_id = "ann", .timestamp = h1, .type = "visit"},
      {.event_id = "e3", .lead_id = "ann", .timestamp = h1, .type = "webinar"},
      {.event_id = "e4", .lead_id = "ann", .timestamp = h1, .type = "visit"},
      {.event_id = "e5", .lead_id = "ann", .timestamp = h1, .type = "demo_request"},
      {.event_id = "e6", .lead_id = "ann", .timestamp = T0 + kDay, .type = "call"},
      {.event_id = "e7", .lead_id = "ann", .timestamp = T0 + kDay + kHour, .type = "voicemail"},
      {.event_id = "e8", .lead_id = "ann", .timestamp = T0 + 2 * kDay, .type = "call"},
      {.event_id = "e9", .lead_id = "ann", .timestamp = T0 + 2 * kDay, .type = "unsubscribe"},
  };
  ASSERT_EQ(engine.ingest(touches).accepted, 9u);
  const Timestamp now = T0 + 2 * kDay;
  const LeadView ann = *engine.lead("ann", now);

  // fit: D (2) + industry 3 + size 2 + title 1 = 8 → B.
  EXPECT_EQ(ann.score("fit"), 8);
  // required: 1 + 2 price steps (20 000) + 1 service + 1 medium competition = 5.
  EXPECT_EQ(ann.score("required_conversations"), 5);
  // Path: e4 brings web to 5 + 10 + 5 = 20 (all at h1, no decay yet): engaged;
  // e5, the demo request, opens the door with fit B ≥ C: sal (a handoff).
  EXPECT_EQ(ann.stage_name, "sal");
  const auto events = engine.events("ann");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].to, "engaged");
  EXPECT_EQ(events[1].kind, EventKind::handoff);
  EXPECT_EQ(events[1].reason, "door");
  // Conversations: the two calls. The voicemail is one-way, which the classifier
  // puts on marketing (seed rule: one-way is marketing, whatever the audience).
  EXPECT_EQ(ann.sales_conversations, 2u);
  EXPECT_EQ(ann.sales_touches, 2u);
  // engagement at T0+2d: web 20 earned at h1, 47 hours old, half-life 720 hours;
  // intent 40 never decays; the unsubscribe −20 is fresh (linear 1/day, age 0).
  const double web = 20 * std::exp2(-47.0 / 720.0);
  EXPECT_NEAR(*ann.score("engagement"), web + 40 - 20, 1e-9);
  // Ten days later the unsubscribe has faded to −10 and web halved a little more.
  const Timestamp later = T0 + 12 * kDay;
  EXPECT_NEAR(*engine.lead("ann", later)->score("engagement"), 20 * std::exp2(-287.0 / 720.0) + 40 - 10, 1e-9);
  // heat (weights: sales 2, marketing 1; half-life 60 days = 1440 hours): four
  // marketing touches at h1 (47 h old), the sales calls at 1d (24 h) and 2d (0 h),
  // the voicemail (marketing, as above) at 1d1h (23 h), the unsubscribe (0 h):
  // 4·2^(−47/1440) + 2·2^(−24/1440) + 1·2^(−23/1440) + 2 + 1.
  const double heat = 4 * std::exp2(-47.0 / 1440) + 2 * std::exp2(-24.0 / 1440) + std::exp2(-23.0 / 1440) + 3;
  EXPECT_NEAR(*ann.score("heat"), heat, 1e-9);
  EXPECT_EQ(ann.temperature, Temperature::hot);

  // The explanation: fit's parts all on e1, and each score equals its contributions.
  auto x = engine.explain("ann", now);
  ASSERT_TRUE(x.ok()) << x.status();
  for (const ScoreExplanation& s : x->scores) {
    double sum = 0;
    for (const Contribution& c : s.contributions) sum += c.value();
    EXPECT_NEAR(sum, s.value, 1e-9) << s.name;
  }
  const ScoreExplanation& fit = x->scores[2];
  EXPECT_EQ(fit.grade, Grade::B);
  EXPECT_EQ(x->scores[0].grade, std::nullopt);
  std::vector<std::string> rules;
  for (const Contribution& c : fit.contributions) rules.push_back(c.event_id + " " + c.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"e1 grade.start:D", "e1 grade.match:industry", "e1 grade.match:size",
                                             "e1 grade.match:title"}));
  // The unsubscribe decays linearly: factor 1 now; five days later −20 + 5 = −15,
  // a factor of 15 / 20 = 0.75.
  const ScoreExplanation& engagement = x->scores[0];
  ASSERT_EQ(engagement.contributions.back().event_id, "e9");
  EXPECT_DOUBLE_EQ(engagement.contributions.back().factor, 1);
  auto x5 = engine.explain("ann", now + 5 * kDay);
  ASSERT_TRUE(x5.ok());
  EXPECT_DOUBLE_EQ(x5->scores[0].contributions.back().factor, 0.75);
  // Why not sql yet: 2 conversations of the 5 required.
  ASSERT_EQ(x->next.size(), 2u);
  EXPECT_EQ(x->next[0].name, "enough_conversations");
  ASSERT_EQ(x->next[0].clauses.size(), 1u);
  EXPECT_EQ(x->next[0].clauses[0].actual, "2");
  EXPECT_EQ(x->next[0].clauses[0].gap, 3);

  // Three more calls before the SLA (48 h after h1, at T0 + 49 h): 5 conversations → sql.
  std::vector<Touch> calls = {
      {.event_id = "e10", .lead_id = "ann", .timestamp = now + 10 * kMinute, .type = "call"},
      {.event_id = "e11", .lead_id = "ann", .timestamp = now + 20 * kMinute, .type = "call"},
      {.event_id = "e12", .lead_id = "ann", .timestamp = now + 30 * kMinute, .type = "call"},
  };
  engine.ingest(calls);
  EXPECT_EQ(engine.lead("ann")->stage_name, "sql");
  EXPECT_EQ(engine.events("ann").back().reason, "enough_conversations");
  EXPECT_EQ(engine.events("ann").back().at, now + 30 * kMinute);
}

// A less risky purchase needs fewer conversations: the same lead with a cheap good
// in a quiet market (1 + 0 + 0 + 0 = 1) reaches sql on its first call.
TEST(PoliciesExample, ACheapGoodNeedsOneConversation) {
  const auto m = load_example();
  ASSERT_TRUE(m);
  Engine engine(m);
  const std::vector<Property> traits = {{"industry", "fintech"}, {"price", "300"}, {"tangibility", "good"},
                                        {"competition", "low"}};
  std::vector<Touch> touches = {
      {.event_id = "e1", .lead_id = "bo", .timestamp = T0, .type = "identify", .traits = traits},
      {.event_id = "e2", .lead_id = "bo", .timestamp = T0 + kHour, .type = "demo_request"},
      {.event_id = "e3", .lead_id = "bo", .timestamp = T0 + 2 * kHour, .type = "call"},
  };
  engine.ingest(touches);
  // fit: 2 + 3 = 5 → C: the door opens (fit >= C); one conversation is enough.
  EXPECT_EQ(engine.lead("bo")->score("fit"), 5);
  EXPECT_EQ(engine.lead("bo")->score("required_conversations"), 1);
  EXPECT_EQ(engine.lead("bo")->stage_name, "sql");
}

// A poor fit does not open the door: fit F (2 − 3 = −1, held at F = 0) fails
// `fit >= C`, so the demo request does not hand the lead over (its 40 points take
// it to engaged).
TEST(PoliciesExample, APoorFitStaysWithMarketing) {
  const auto m = load_example();
  ASSERT_TRUE(m);
  Engine engine(m);
  const std::vector<Property> traits = {{"industry", "retail"}};
  std::vector<Touch> touches = {
      {.event_id = "e1", .lead_id = "cy", .timestamp = T0, .type = "identify", .traits = traits},
      {.event_id = "e2", .lead_id = "cy", .timestamp = T0 + kHour, .type = "demo_request"},
  };
  engine.ingest(touches);
  EXPECT_EQ(engine.lead("cy")->score("fit"), 0);
  EXPECT_EQ(engine.lead("cy")->stage_name, "engaged");
}

}  // namespace
}  // namespace doorway
