// The risk-adjusted readiness policy: the sales conversations required before
// sql grow with price, intangibility and competition (seeds/002). Expected counts
// are worked out by hand from the formula in readiness_policy.hpp:
//   required = base + per_price_step × steps reached + service + competition.
// Defaults: base 1, steps 1 000 and 10 000 (1 each), service +1, medium +1, high +2.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/readiness_policy.hpp"

namespace doorway {
namespace {

constexpr Timestamp T0 = 1'767'600'000LL * kSecond;

ScoreContext with(const std::vector<Property>& traits, const std::vector<Property>& properties = {}) {
  ScoreContext c;
  c.at = T0;
  c.traits = traits;
  c.properties = properties;
  return c;
}

TEST(Readiness, ACheapGoodInAQuietMarketNeedsOneConversation) {
  const ReadinessPolicy p;
  ReadinessPolicy::State s;
  p.apply(s, with({{"price", "250"}, {"tangibility", "good"}, {"competition", "low"}}));
  // 1 + 0 (250 reaches no step) + 0 + 0 = 1.
  EXPECT_DOUBLE_EQ(p.value(s, T0), 1);
}

TEST(Readiness, AnExpensiveServiceAgainstStrongCompetitionNeedsSix) {
  const ReadinessPolicy p;
  ReadinessPolicy::State s;
  std::vector<Applied> parts;
  p.apply_parts(s, with({{"price", "25000"}, {"tangibility", "Service"}, {"competition", "HIGH"}}), parts);
  // 1 + 2 (25 000 ≥ 1 000 and ≥ 10 000) + 1 + 2 = 6.
  EXPECT_DOUBLE_EQ(p.value(s, T0), 6);
  std::vector<std::string> explained;
  for (const Applied& a : parts) explained.push_back(p.rule_name(a, "quote") + " " + std::to_string(int(a.points)));
  EXPECT_EQ(explained, (std::vector<std::string>{"readiness.base 1", "readiness.price_steps:2 2",
                                                 "readiness.tangibility:service 1", "readiness.competition:high 2"}));
}

TEST(Readiness, FactorsChangeWithTheLatestValueAndUnknownAddsNothing) {
  const ReadinessPolicy p;
  ReadinessPolicy::State s;
  p.apply(s, with({{"price", "5000"}}));  // 1 + 1 = 2
  EXPECT_DOUBLE_EQ(p.value(s, T0), 2);
  p.apply(s, with({}, {{"competition", "medium"}}));  // a property serves too: 2 + 1 = 3
  EXPECT_DOUBLE_EQ(p.value(s, T0), 3);
  std::vector<Applied> parts;
  p.apply_parts(s, with({{"price", "on request"}}), parts);  // not a number: unknown, 3 − 1 = 2
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(p.rule_name(parts[0], "quote"), "readiness.price:unknown");
  EXPECT_DOUBLE_EQ(parts[0].points, -1);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 2);
  // A value that changes nothing is not counted; a touch without the keys neither.
  EXPECT_FALSE(p.apply(s, with({{"competition", "medium"}})).counted);
  EXPECT_FALSE(p.apply(s, with({{"colour", "red"}})).counted);
  // "widget" is neither good nor service: unknown, adds 0 (no change from nothing).
  EXPECT_FALSE(p.apply(s, with({{"tangibility", "widget"}})).counted);
}

TEST(Readiness, OptionsTuneTheFormula) {
  ReadinessOptions o;
  o.base = 2;
  o.price_key = "deal_size";
  o.price_steps = {50000, 5000};  // sorted by the policy: 5 000, 50 000
  o.per_price_step = 1.5;
  o.service = 0;
  o.high_competition = 3;
  const ReadinessPolicy p(o);
  EXPECT_EQ(p.options().price_steps, (std::vector<double>{5000, 50000}));
  ReadinessPolicy::State s;
  p.apply(s, with({{"deal_size", "60000"}, {"tangibility", "service"}, {"competition", "high"}, {"price", "1"}}));
  // 2 + 1.5 × 2 + 0 + 3 = 8 ("price" is not the configured key).
  EXPECT_DOUBLE_EQ(p.value(s, T0), 8);
}

// End to end: the default model plus a readiness score; the guard compares the
// sales conversations held with the required count.
TEST(Readiness, GuardsCompareSalesConversationsWithTheRequiredCount) {
  ModelBuilder b(*default_model());
  b.add_score("required_conversations", make_policy(ReadinessPolicy{}, "readiness"));
  auto model = b.build();
  ASSERT_TRUE(model.ok()) << model.status();
  Engine engine(*model);
  const std::vector<Property> risky = {{"price", "20000"}, {"tangibility", "service"}};
  std::vector<Touch> touches = {
      {.event_id = "1", .lead_id = "ann", .timestamp = T0, .type = "demo_request", .traits = risky},
      {.event_id = "2", .lead_id = "ann", .timestamp = T0 + kHour, .type = "phone_call"},
      {.event_id = "3", .lead_id = "ann", .timestamp = T0 + kDay, .type = "meeting"},
  };
  engine.ingest(touches);
  const LeadView ann = *engine.lead("ann");
  // 1 + 2 (20 000 reaches both steps) + 1 (service) = 4; two two-way sales touches so far.
  EXPECT_EQ(ann.score("required_conversations"), 4);
  EXPECT_EQ(ann.sales_conversations, 2u);
  // The explanation lists the parts on the touch that carried the traits.
  auto x = engine.explain("ann");
  ASSERT_TRUE(x.ok());
  const ScoreExplanation& r = x->scores.back();
  ASSERT_EQ(r.contributions.size(), 3u);
  EXPECT_EQ(r.contributions[0].rule, "readiness.base");
  EXPECT_EQ(r.contributions[1].rule, "readiness.price_steps:2");
  EXPECT_EQ(r.contributions[2].rule, "readiness.tangibility:service");
  double sum = 0;
  for (const Contribution& c : r.contributions) sum += c.value();
  EXPECT_DOUBLE_EQ(sum, r.value);
}

}  // namespace
}  // namespace doorway
