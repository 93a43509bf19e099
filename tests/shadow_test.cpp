// Shadow (champion / challenger) scores: AUC counted pair by pair by hand, lift
// by band, the values noted before each outcome touch, and that guards read the
// champion only.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "doorway/engine.hpp"
#include "doorway/explain_json.hpp"
#include "doorway/logistic_policy.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/shadow.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::T0;
using testing::TouchList;

TEST(Shadow, AucCountsEveryPositiveNegativePairWithTiesAsHalf) {
  // positives 0.9, 0.8, 0.3; negatives 0.8, 0.3. Pairs (p, n):
  //   (0.9, 0.8) 1   (0.9, 0.3) 1   (0.8, 0.8) ½   (0.8, 0.3) 1   (0.3, 0.8) 0   (0.3, 0.3) ½
  // = 4 / 6.
  const auto a = auc({0.9, 0.8, 0.8, 0.3, 0.3}, {true, false, true, false, true});
  ASSERT_TRUE(a);
  EXPECT_NEAR(*a, 4.0 / 6.0, 1e-12);
  // Perfect separation, and its reverse.
  EXPECT_DOUBLE_EQ(*auc({3, 2, 1}, {true, true, false}), 1.0);
  EXPECT_DOUBLE_EQ(*auc({3, 2, 1}, {false, true, true}), 0.0);
  // Undefined without both classes.
  EXPECT_FALSE(auc({1, 2}, {true, true}));
  EXPECT_FALSE(auc({}, {}));
}

TEST(Shadow, LiftByThresholdBands) {
  // Scores 40+, 30−, 20+, 10−: overall rate 2/4 = 0.5.
  // Bands at 35 and 15: [35, ∞) {40+} rate 1, lift 2; [15, 35) {30−, 20+} rate ½, lift 1;
  // (−∞, 15) {10−} rate 0, lift 0.
  const auto bands = lift_by_band({40, 30, 20, 10}, {true, false, true, false}, {15, 35});
  ASSERT_EQ(bands.size(), 3u);
  EXPECT_EQ(bands[0].label, ">= 35");
  EXPECT_EQ(bands[0].observations, 1u);
  EXPECT_EQ(*bands[0].lift, 2.0);
  EXPECT_EQ(bands[1].label, "[15, 35)");
  EXPECT_EQ(bands[1].observations, 2u);
  EXPECT_EQ(bands[1].positives, 1u);
  EXPECT_EQ(bands[1].low, 20);
  EXPECT_EQ(bands[1].high, 30);
  EXPECT_EQ(*bands[1].lift, 1.0);
  EXPECT_EQ(bands[2].label, "< 15");
  EXPECT_EQ(*bands[2].lift, 0.0);
  // Nothing converted: rates are 0 and lift undefined.
  const auto none = lift_by_band({1, 2}, {false, false}, {});
  ASSERT_EQ(none.size(), 2u);
  EXPECT_FALSE(none[0].lift);
}

TEST(Shadow, DecilesKeepEqualScoresTogether) {
  // 20 observations: scores 20, 19, …, 1; the top 4 converted. Rank r goes to
  // decile r·10/20 + 1: two per decile. Overall rate 4/20 = 0.2; deciles 1 and 2
  // convert fully: lift 1 / 0.2 = 5; the rest 0.
  std::vector<double> scores;
  std::vector<bool> labels;
  for (int i = 20; i >= 1; --i) {
    scores.push_back(i);
    labels.push_back(i > 16);
  }
  const auto bands = lift_by_band(scores, labels, {});
  ASSERT_EQ(bands.size(), 10u);
  EXPECT_EQ(bands[0].label, "decile 1");
  EXPECT_EQ(bands[0].observations, 2u);
  EXPECT_DOUBLE_EQ(*bands[0].lift, 5.0);
  EXPECT_DOUBLE_EQ(*bands[1].lift, 5.0);
  EXPECT_DOUBLE_EQ(*bands[2].lift, 0.0);
  // Ties: scores 5, 5, 5, 1 — ranks 0…3 would be deciles 1, 3, 6, 8, but the
  // three 5s stay in decile 1 with the first of them.
  const auto tied = lift_by_band({5, 5, 1, 5}, {true, false, false, true}, {});
  ASSERT_EQ(tied.size(), 2u);
  EXPECT_EQ(tied[0].label, "decile 1");
  EXPECT_EQ(tied[0].observations, 3u);
  EXPECT_EQ(tied[1].label, "decile 8");
  EXPECT_EQ(tied[1].observations, 1u);
}

// engagement: points (visit 10, demo_request 30, deal_won 50), champion;
// challenger: logistic, log-odds −1 + 2·[demo_request].
// open → hot when engagement >= 35; open → cold when engagement <= 5.
std::shared_ptr<const Model> model() {
  ModelBuilder b("shadow");
  b.catalog().add_channel({"web", "Direct", Team::marketing, {Audience::one_to_many, Interaction::one_way}});
  const TypeId visit =
      b.catalog().add_type({"visit", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "web"});
  const TypeId demo =
      b.catalog().add_type({"demo_request", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "web"});
  const TypeId won = b.catalog().add_type({"deal_won", TouchKind::outcome, Team::sales, {}});
  b.catalog().add_type({"deal_lost", TouchKind::outcome, Team::sales, {}});
  b.add_score("engagement", make_policy(PointsPolicy({{visit, 10, false}, {demo, 30, false}, {won, 50, false}}, {}), "points"));
  std::string error;
  b.set_challenger("engagement", make_logistic_policy(LogisticPolicy(
                                     {{*parse_predictive_feature("type:demo_request", b.catalog(), true, &error), 2}}, -1)));
  b.add_stage({"open", Team::marketing, StageKind::entry});
  b.add_stage({"hot", Team::marketing, StageKind::won});
  b.add_stage({"cold", Team::marketing, StageKind::lost});
  b.add_transition({"open", "hot", "hot", "engagement >= 35", 0});
  b.add_transition({"open", "cold", "cold", "engagement <= 5", 1});
  return b.build().value();
}

// a: visit, demo, won    champion 40, challenger σ(1)  = 0.731059 (before the outcome)
// b: visit, lost         champion 10, challenger σ(−1) = 0.268941
// c: demo, lost          champion 30, challenger σ(1)
// d: visit, visit, won   champion 20, challenger σ(−1)
void add_stream(TouchList& t) {
  t.add_with_id("a1", "a", T0, "visit");
  t.add_with_id("a2", "a", T0 + kHour, "demo_request");
  t.add_with_id("a3", "a", T0 + 2 * kHour, "deal_won");
  t.add_with_id("b1", "b", T0, "visit");
  t.add_with_id("b2", "b", T0 + 2 * kHour, "deal_lost");
  t.add_with_id("c1", "c", T0, "demo_request");
  t.add_with_id("c2", "c", T0 + 2 * kHour, "deal_lost");
  t.add_with_id("d1", "d", T0, "visit");
  t.add_with_id("d2", "d", T0 + kHour, "visit");
  t.add_with_id("d3", "d", T0 + 2 * kHour, "deal_won");
}

TEST(Shadow, ReportsBothScoresSeparationAtEachOutcome) {
  Engine e(model());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  const auto r = e.shadow_report("engagement");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->champion_policy, "points");
  EXPECT_EQ(r->challenger_policy, "logistic");
  EXPECT_EQ(r->positives, 2u);
  EXPECT_EQ(r->negatives, 2u);
  ASSERT_EQ(r->observations.size(), 4u);
  // a's champion value is 40, not 90: noted before the deal_won touch added 50.
  EXPECT_EQ(r->observations[0].lead_id, "a");
  EXPECT_EQ(r->observations[0].type, "deal_won");
  EXPECT_TRUE(r->observations[0].positive);
  EXPECT_DOUBLE_EQ(r->observations[0].champion, 40);
  EXPECT_NEAR(r->observations[0].challenger, 0.731058579, 1e-9);  // e / (1 + e)
  // Champion: positives {40, 20}, negatives {10, 30}: pairs (40,10) (40,30) (20,10)
  // hold, (20,30) does not: AUC 3/4.
  EXPECT_DOUBLE_EQ(*r->champion.auc, 0.75);
  // Challenger: positives {.731, .269}, negatives {.269, .731}: (.731,.269) 1,
  // (.731,.731) ½, (.269,.269) ½, (.269,.731) 0: AUC 2/4.
  EXPECT_DOUBLE_EQ(*r->challenger.auc, 0.5);
  // Champion deciles, 4 observations sorted 40 (a+), 30 (c−), 20 (d+), 10 (b−):
  // ranks 0..3 → deciles 1, 3, 6, 8 (r·10/4 + 1); overall rate ½ → lifts 2, 0, 2, 0.
  ASSERT_EQ(r->champion.bands.size(), 4u);
  EXPECT_EQ(r->champion.bands[1].label, "decile 3");
  EXPECT_DOUBLE_EQ(*r->champion.bands[0].lift, 2.0);
  EXPECT_DOUBLE_EQ(*r->champion.bands[1].lift, 0.0);
  // Challenger: the two σ(1) together in decile 1 (a+, c−), the two σ(−1) in decile 6 (b−, d+).
  ASSERT_EQ(r->challenger.bands.size(), 2u);
  EXPECT_EQ(r->challenger.bands[1].label, "decile 6");
  EXPECT_DOUBLE_EQ(*r->challenger.bands[0].lift, 1.0);

  // Configured bands: [35, ∞) {40+} lift 2; (−∞, 35) {30−, 20+, 10−} rate 1/3, lift 2/3.
  ShadowOptions o;
  o.bands = {35};
  const auto banded = e.shadow_report("engagement", o);
  ASSERT_EQ(banded->champion.bands.size(), 2u);
  EXPECT_DOUBLE_EQ(*banded->champion.bands[0].lift, 2.0);
  EXPECT_NEAR(*banded->champion.bands[1].lift, 2.0 / 3.0, 1e-12);
  // Only deal_lost labelled (negative), nothing positive: no AUC, no lift.
  o.positive = std::vector<std::string>{};
  const auto negatives_only = e.shadow_report("engagement", o);
  EXPECT_EQ(negatives_only->positives, 0u);
  EXPECT_FALSE(negatives_only->champion.auc);
}

TEST(Shadow, GuardsReadTheChampionAndViewsShowBoth) {
  Engine e(model());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  // a crossed 35 on the champion (40); b's challenger is 0.27 <= 5, but b's
  // champion (10) is not, so b stays open.
  EXPECT_EQ(e.lead("a")->stage_name, "hot");
  EXPECT_EQ(e.lead("b")->stage_name, "open");
  const LeadView b = *e.lead("b");
  EXPECT_DOUBLE_EQ(*b.score("engagement"), 10);
  ASSERT_EQ(b.challengers.size(), 1u);
  EXPECT_EQ(b.challengers[0].first, "engagement");
  EXPECT_NEAR(b.challengers[0].second, 0.268941421, 1e-9);  // 1 / (1 + e)

  const auto x = e.explain("c");
  ASSERT_TRUE(x.ok());
  ASSERT_EQ(x->challengers.size(), 1u);
  const ScoreExplanation& ch = x->challengers[0];
  EXPECT_EQ(ch.name, "engagement");
  EXPECT_EQ(ch.policy, "logistic");
  ASSERT_EQ(ch.contributions.size(), 2u);  // intercept, then c1's demo request
  EXPECT_EQ(ch.contributions[1].event_id, "c1");
  EXPECT_NEAR(ch.contributions[0].value() + ch.contributions[1].value(), ch.value, 1e-12);
}

TEST(Shadow, ExplanationJsonCarriesChallengersAndLogOdds) {
  Engine e(model());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  const std::string json = explanation_to_json(*e.explain("c"));
  // Points contributions have no log-odds key; the challenger's intercept is −1,
  // its demo_request term 2 (nlohmann writes doubles with a fraction).
  EXPECT_NE(json.find("\"rule\":\"points.type:demo_request\",\"points\":30.0,\"factor\":1.0,\"value\":30.0}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"challengers\":[{\"name\":\"engagement\",\"policy\":\"logistic\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"rule\":\"logistic.intercept\""), std::string::npos);
  EXPECT_NE(json.find("\"log_odds\":-1.0"), std::string::npos);
  EXPECT_NE(json.find("\"log_odds\":2.0"), std::string::npos);
}

TEST(Shadow, ChallengerOfAPointsChampionIsExplainedTouchByTouch) {
  // The challenger may be any policy: here points again (a cheaper demo).
  ModelBuilder b(*model());
  const TypeId demo = *b.catalog().find_type("demo_request");
  b.set_challenger("engagement", make_policy(PointsPolicy({{demo, 5, false}}, {}), "points"));
  Engine e(b.build().value());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  const auto x = e.explain("a");
  ASSERT_EQ(x->challengers.size(), 1u);
  ASSERT_EQ(x->challengers[0].contributions.size(), 1u);
  EXPECT_EQ(x->challengers[0].contributions[0].event_id, "a2");
  EXPECT_EQ(x->challengers[0].contributions[0].rule, "points.type:demo_request");
  EXPECT_DOUBLE_EQ(x->challengers[0].value, 5);
}

TEST(Shadow, ErrorsNameTheScoreOrTheOutcome) {
  Engine e(model());
  EXPECT_EQ(e.shadow_report("engagment").status().message(),
            "shadow_report: unknown score \"engagment\" (did you mean \"engagement\"?)");
  ShadowOptions o;
  o.positive = std::vector<std::string>{"deal_wn"};
  EXPECT_EQ(e.shadow_report("engagement", o).status().message(),
            "shadow_report: positive: unknown touch type \"deal_wn\" (did you mean \"deal_won\"?)");
  o.positive = std::vector<std::string>{"deal_won"};
  o.negative = std::vector<std::string>{"deal_won"};
  EXPECT_EQ(e.shadow_report("engagement", o).status().code(), absl::StatusCode::kInvalidArgument);

  ModelBuilder b("plain");
  b.catalog().add_type({"visit", TouchKind::contact, Team::marketing, {}});
  b.add_score("engagement", make_policy(PointsPolicy({}, {}), "points"));
  b.add_stage({"open", Team::marketing, StageKind::entry});
  b.add_stage({"done", Team::marketing, StageKind::won});
  b.add_transition({"open", "done", "done", "type == visit", 0});
  Engine plain(b.build().value());
  EXPECT_EQ(plain.shadow_report("engagement").status().code(), absl::StatusCode::kFailedPrecondition);

  ModelBuilder c("bad");
  c.set_challenger("engagment", make_policy(PointsPolicy({}, {}), "points"));
  std::vector<Problem> problems;
  EXPECT_EQ(c.build(&problems), nullptr);
  bool found = false;
  for (const Problem& p : problems) found |= p.code == "model.challenger_unknown_score";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace doorway
