// The naive Bayes score: probabilities worked out by hand from the training
// examples (Laplace smoothing, the formulas in naive_bayes_policy.hpp), checked
// against the textbook form P(+|x) = P(+)Πθ / (P(+)Πθ + P(−)Πθ); the training
// lag that keeps guards deterministic; replays that rewrite a lead's example.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "doorway/engine.hpp"
#include "doorway/naive_bayes_policy.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::snapshot;
using testing::T0;
using testing::TouchList;

// Features [type:webinar, type:demo_request]; wins and losses are the outcomes.
// A lead moves from `open` to `likely` once `win >= 0.7`.
std::shared_ptr<const Model> model(double alpha = 1) {
  ModelBuilder b("nb");
  b.catalog().add_channel({"web", "Direct", Team::marketing, {Audience::one_to_many, Interaction::one_way}});
  b.catalog().add_type({"webinar", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "web"});
  b.catalog().add_type({"demo_request", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "web"});
  b.catalog().add_type({"deal_won", TouchKind::outcome, Team::sales, {}});
  b.catalog().add_type({"deal_lost", TouchKind::outcome, Team::sales, {}});
  std::vector<PredictiveFeature> features;
  for (const char* text : {"type:webinar", "type:demo_request"}) {
    features.push_back(*parse_predictive_feature(text, b.catalog(), false, nullptr));
  }
  NaiveBayesOptions o;
  o.alpha = alpha;
  o.positive = {*b.catalog().find_type("deal_won")};
  o.negative = {*b.catalog().find_type("deal_lost")};
  b.add_score("win", make_naive_bayes_policy(NaiveBayesPolicy(std::move(features), std::move(o))));
  b.add_stage({"open", Team::marketing, StageKind::entry});
  b.add_stage({"likely", Team::marketing, StageKind::won});
  b.add_transition({"open", "likely", "likely", "win >= 0.7", 0});
  return b.build().value();
}

// Four examples, all at T0 + 2h:
//   p1 won  with {webinar, demo_request}     n1 lost with {webinar}
//   p2 won  with {demo_request}              n2 lost with {}
// With α = 1: P(+) = (2+1)/(4+2) = 1/2;
//   θ_webinar,+ = (1+1)/(2+2) = 1/2   θ_webinar,− = (1+1)/(2+2) = 1/2
//   θ_demo,+    = (2+1)/(2+2) = 3/4   θ_demo,−    = (0+1)/(2+2) = 1/4
// baseline = ln(1) + ln((1−1/2)/(1−1/2)) + ln((1−3/4)/(1−1/4)) = ln(1/3)
// term_webinar = ln(1) − ln(1) = 0;  term_demo = ln(3) − ln(1/3) = ln 9
// A lead with {demo}: ln(1/3) + ln 9 = ln 3 → p = 3/4; textbook: .5·.75·.5 / (.5·.75·.5 + .5·.25·.5) = 0.75.
// A lead with {webinar}: ln(1/3) → p = 1/4; textbook: .5·.25·.5 / (.5·.25·.5 + .5·.75·.5) = 0.25.
void add_training(TouchList& t) {
  t.add_with_id("p1w", "p1", T0, "webinar");
  t.add_with_id("p1d", "p1", T0 + kHour, "demo_request");
  t.add_with_id("p1o", "p1", T0 + 2 * kHour, "deal_won");
  t.add_with_id("p2d", "p2", T0, "demo_request");
  t.add_with_id("p2o", "p2", T0 + 2 * kHour, "deal_won");
  t.add_with_id("n1w", "n1", T0, "webinar");
  t.add_with_id("n1o", "n1", T0 + 2 * kHour, "deal_lost");
  t.add_with_id("n2o", "n2", T0 + 2 * kHour, "deal_lost");
}

TEST(NaiveBayesPolicy, LearnsFromOutcomesWithHandWorkedProbabilities) {
  Engine e(model(), EngineOptions{.late_window = kDay});
  TouchList t;
  add_training(t);
  t.add_with_id("qd", "q", T0 + 3 * kDay, "demo_request");
  t.add_with_id("rw", "r", T0 + 3 * kDay, "webinar");
  e.ingest(t.touches());
  EXPECT_NEAR(*e.lead("q")->score("win"), 0.75, 1e-12);
  EXPECT_NEAR(*e.lead("r")->score("win"), 0.25, 1e-12);
  // The guard read 0.75 at q's touch.
  EXPECT_EQ(e.lead("q")->stage_name, "likely");
  EXPECT_EQ(e.lead("r")->stage_name, "open");

  const auto x = e.explain("q");
  ASSERT_TRUE(x.ok()) << x.status();
  const ScoreExplanation& s = x->scores[0];
  EXPECT_EQ(s.policy, "naive_bayes");
  ASSERT_EQ(s.contributions.size(), 2u);
  EXPECT_EQ(s.contributions[0].rule, "naive_bayes.baseline");
  EXPECT_NEAR(*s.contributions[0].log_odds, std::log(1.0 / 3), 1e-12);
  EXPECT_NEAR(s.contributions[0].points, 0.25, 1e-12);  // σ(ln 1/3) = (1/3) / (1 + 1/3)
  EXPECT_EQ(s.contributions[1].rule, "naive_bayes.type:demo_request");
  EXPECT_EQ(s.contributions[1].event_id, "qd");
  EXPECT_NEAR(*s.contributions[1].log_odds, std::log(9.0), 1e-12);
  EXPECT_NEAR(s.contributions[1].points, 0.5, 1e-12);  // 0.75 − 0.25
  EXPECT_NEAR(s.contributions[0].value() + s.contributions[1].value(), s.value, 1e-12);
}

TEST(NaiveBayesPolicy, TrainsOnlyOnOutcomesOlderThanTheLateWindow) {
  Engine e(model(), EngineOptions{.late_window = kDay});
  TouchList t;
  add_training(t);
  t.add_with_id("qd", "q", T0 + kDay + kHour, "demo_request");
  e.ingest(t.touches());
  // Read at T0 + 1d + 1h the training set is the outcomes before T0 + 1h: none.
  // No data: P(+) = θ = (0+1)/(0+2) = 1/2 everywhere, every term 0: p = 1/2.
  EXPECT_DOUBLE_EQ(*e.lead("q", T0 + kDay + kHour)->score("win"), 0.5);
  EXPECT_EQ(e.lead("q")->stage_name, "open");
  // From T0 + 1d + 2h on (strictly after), the four examples at T0 + 2h count.
  EXPECT_DOUBLE_EQ(*e.lead("q", T0 + kDay + 2 * kHour)->score("win"), 0.5);
  EXPECT_NEAR(*e.lead("q", T0 + kDay + 3 * kHour)->score("win"), 0.75, 1e-12);
  // The guard sees it when the clock moves: the stage is time-sensitive.
  e.advance(T0 + 2 * kDay);
  EXPECT_EQ(e.lead("q")->stage_name, "likely");
  ASSERT_EQ(e.events("q").size(), 1u);
  EXPECT_EQ(e.events("q")[0].at, T0 + 2 * kDay);
}

// The touches of every lead lie within one late window, so every arrival order
// is accepted; q's demo request comes 10 hours after the outcomes. Without the
// training lag, q would move at its touch when the outcomes arrived first and at
// the clock otherwise; with it, q moves at the clock in every order.
TEST(NaiveBayesPolicy, SameResultInAnyArrivalOrderAndBatchSplit) {
  TouchList t;
  add_training(t);
  t.add_with_id("qd", "q", T0 + 12 * kHour, "demo_request");
  const EngineOptions options{.late_window = 2 * kDay};
  auto run = [&](const std::vector<Touch>& touches, std::size_t batch) {
    Engine e(model(), options);
    for (std::size_t i = 0; i < touches.size(); i += batch) {
      const std::size_t n = std::min(batch, touches.size() - i);
      const IngestResult r = e.ingest(std::span<const Touch>(touches.data() + i, n));
      EXPECT_EQ(r.accepted, n);
    }
    e.advance(T0 + 3 * kDay);
    return snapshot(e);
  };
  std::vector<Touch> in_order = t.touches();
  const std::string expected = run(in_order, in_order.size());
  std::vector<Touch> q_first = in_order;
  std::rotate(q_first.begin(), q_first.end() - 1, q_first.end());
  EXPECT_EQ(run(q_first, 1), expected);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::vector<Touch> shuffled = in_order;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    EXPECT_EQ(run(shuffled, 1 + static_cast<std::size_t>(round)), expected);
  }
  Engine e(model(), options);
  e.ingest(in_order);
  e.advance(T0 + 3 * kDay);
  const auto events = e.events("q");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at, T0 + 3 * kDay);  // at the clock, never at the touch (T0 + 12h)
  EXPECT_NEAR(*e.lead("q")->score("win"), 0.75, 1e-12);
}

TEST(NaiveBayesPolicy, ALateTouchReplaysTheLeadAndRewritesItsExample) {
  Engine e(model(), EngineOptions{.late_window = kDay});
  TouchList t;
  add_training(t);
  e.ingest(t.touches());
  // p2 had a webinar before winning, reported late: its example becomes
  // + {webinar, demo}. Now N+ = N− = 2 and
  //   θ_webinar,+ = (2+1)/4 = 3/4, θ_webinar,− = 1/2, θ_demo,+ = 3/4, θ_demo,− = 1/4
  //   baseline = ln((1/4)/(1/2)) + ln((1/4)/(3/4)) = ln(1/6)
  //   term_demo = ln 3 − ln(1/3) = ln 9
  // {demo}: ln(9/6) = ln 1.5 → p = 1.5 / 2.5 = 0.6;
  // textbook: .5·.75·(1−.75) / (.5·.75·.25 + .5·.25·.5) = .09375 / .15625 = 0.6.
  TouchList late;
  late.add_with_id("p2w", "p2", T0 + kHour, "webinar");
  late.add_with_id("qd", "q", T0 + 3 * kDay, "demo_request");
  e.ingest(late.touches());
  EXPECT_EQ(e.stats().replays, 1u);
  EXPECT_NEAR(*e.lead("q")->score("win"), 0.6, 1e-12);
  EXPECT_EQ(e.lead("q")->stage_name, "open");
}

TEST(NaiveBayesPolicy, WithoutSmoothingProbabilitiesAreClampedAwayFromZeroAndOne) {
  // α = 0, one win with {demo}, one loss with {}:
  //   P(+) = 1/2; θ_demo,+ = 1/1 → 0.999; θ_demo,− = 0/1 → 0.001; θ_webinar,± = 0 → 0.001
  //   baseline = ln((1−.999)/(1−.001)) + ln((1−.001)/(1−.001)) = ln(1/999)
  //   term_demo = ln(.999/.001) − ln(1/999) = 2 ln 999
  // {demo}: ln 999 → 999/1000 = 0.999; {}: ln(1/999) → 1/1000 = 0.001.
  Engine e(model(0), EngineOptions{.late_window = 0});
  TouchList t;
  t.add_with_id("a", "w", T0, "demo_request");
  t.add_with_id("b", "w", T0 + kHour, "deal_won");
  t.add_with_id("c", "l", T0 + kHour, "deal_lost");
  t.add_with_id("d", "q", T0 + 2 * kHour, "demo_request");
  t.add_with_id("e", "z", T0 + 2 * kHour, "webinar");
  e.ingest(t.touches());
  EXPECT_NEAR(*e.lead("q")->score("win"), 0.999, 1e-12);
  // {webinar}: θ_webinar,+ = θ_webinar,− = 0.001, term 0: still ln(1/999).
  EXPECT_NEAR(*e.lead("z")->score("win"), 0.001, 1e-12);
}

}  // namespace
}  // namespace doorway
