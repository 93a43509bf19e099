// The logistic score: probabilities and per-feature contributions worked out by
// hand (σ(x) = 1 / (1 + e^−x); the values of σ are written out in the comments),
// and the feature syntax's errors.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "doorway/engine.hpp"
#include "doorway/logistic_policy.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::T0;
using testing::TouchList;

// A catalog with a web visit, an email, a demo request and an identify touch
// (traits only), and a model whose only score is `buy`.
struct Fixture {
  std::shared_ptr<const Model> model;
  explicit Fixture(double intercept, std::vector<std::pair<std::string, double>> weights) {
    ModelBuilder b("logistic");
    b.catalog().add_channel({"web", "Direct", Team::marketing, {Audience::one_to_many, Interaction::one_way}});
    b.catalog().add_channel({"email", "Email", Team::marketing, {Audience::one_to_many, Interaction::one_way}});
    b.catalog().add_type({"visit", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "web"});
    b.catalog().add_type({"newsletter", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "email"});
    b.catalog().add_type({"demo_request", TouchKind::door, Team::marketing, {Audience::one_to_one, Interaction::one_way, Initiator::prospect}, "web"});
    b.catalog().add_type({"identify", TouchKind::outcome, Team::marketing, {}});
    std::vector<LogisticTerm> terms;
    for (const auto& [text, w] : weights) {
      std::string error;
      auto f = parse_predictive_feature(text, b.catalog(), true, &error);
      EXPECT_TRUE(f) << error;
      terms.push_back({*f, w});
    }
    b.add_score("buy", make_logistic_policy(LogisticPolicy(std::move(terms), intercept)));
    b.add_stage({"open", Team::marketing, StageKind::entry});
    b.add_stage({"likely", Team::marketing, StageKind::won});
    b.add_transition({"open", "likely", "likely", "buy >= 0.7", 0});
    model = b.build().value();
  }
};

const Property kEmployees100[] = {{"employees", "100"}};
const Property kEmployeesJunk[] = {{"employees", "many"}};
const Property kEmployees0[] = {{"employees", "0"}};

TEST(LogisticPolicy, ProbabilityIsTheLogisticOfInterceptPlusWeights) {
  // log-odds = −2 + 0.5·[email] + 1.5·[demo_request] + 0.01·employees
  Fixture fx(-2, {{"channel:email", 0.5}, {"type:demo_request", 1.5}, {"trait:employees", 0.01}});
  Engine e(fx.model);
  TouchList t;
  t.add("ann", T0, "newsletter");            // channel email (the type's channel)
  e.ingest(t.touches());
  // −2 + 0.5 = −1.5: σ(−1.5) = 1 / (1 + e^1.5) = 1 / (1 + 4.481689) = 0.182425524
  EXPECT_NEAR(*e.lead("ann")->score("buy"), 0.182425524, 1e-9);
  EXPECT_EQ(e.lead("ann")->stage_name, "open");

  TouchList u;
  u.add_with_id("d1", "ann", T0 + kHour, "demo_request");
  u.add_with_id("i1", "ann", T0 + 2 * kHour, "identify").traits = kEmployees100;
  e.ingest(u.touches());
  // −2 + 0.5 + 1.5 + 0.01·100 = 1: σ(1) = e / (1 + e) = 2.718281828 / 3.718281828 = 0.731058579
  EXPECT_NEAR(*e.lead("ann")->score("buy"), 0.731058579, 1e-9);
  // 0.731 >= 0.7: the guard read the score when the identify touch arrived.
  EXPECT_EQ(e.lead("ann")->stage_name, "likely");
}

TEST(LogisticPolicy, ExplainsTheInterceptAndEachFeatureInTheOrderTheyAppeared) {
  Fixture fx(-2, {{"type:demo_request", 1.5}, {"channel:email", 0.5}, {"trait:employees", 0.01}});
  Engine e(fx.model);
  TouchList t;
  t.add_with_id("n1", "ann", T0, "newsletter");
  t.add_with_id("v1", "ann", T0 + kMinute, "visit");  // sets nothing
  t.add_with_id("d1", "ann", T0 + kHour, "demo_request");
  t.add_with_id("i1", "ann", T0 + 2 * kHour, "identify").traits = kEmployees100;
  e.ingest(t.touches());
  const auto x = e.explain("ann");
  ASSERT_TRUE(x.ok()) << x.status();
  const ScoreExplanation& s = x->scores[0];
  EXPECT_EQ(s.policy, "logistic");
  ASSERT_EQ(s.contributions.size(), 4u);
  // intercept: σ(−2) = 1 / (1 + 7.389056) = 0.119202922
  EXPECT_EQ(s.contributions[0].rule, "logistic.intercept");
  EXPECT_EQ(s.contributions[0].event_id, "");
  EXPECT_NEAR(s.contributions[0].points, 0.119202922, 1e-9);
  EXPECT_EQ(*s.contributions[0].log_odds, -2);
  // email first (n1): σ(−1.5) − σ(−2) = 0.182425524 − 0.119202922 = 0.063222602
  EXPECT_EQ(s.contributions[1].rule, "logistic.channel:email");
  EXPECT_EQ(s.contributions[1].event_id, "n1");
  EXPECT_NEAR(s.contributions[1].points, 0.063222602, 1e-9);
  EXPECT_EQ(*s.contributions[1].log_odds, 0.5);
  // then the demo request (d1): σ(0) − σ(−1.5) = 0.5 − 0.182425524 = 0.317574476
  EXPECT_EQ(s.contributions[2].rule, "logistic.type:demo_request");
  EXPECT_EQ(s.contributions[2].event_id, "d1");
  EXPECT_NEAR(s.contributions[2].points, 0.317574476, 1e-9);
  EXPECT_EQ(*s.contributions[2].log_odds, 1.5);
  // then the trait (i1): 0.01 · 100 = 1; σ(1) − σ(0) = 0.731058579 − 0.5 = 0.231058579
  EXPECT_EQ(s.contributions[3].rule, "logistic.trait:employees");
  EXPECT_EQ(s.contributions[3].event_id, "i1");
  EXPECT_NEAR(s.contributions[3].points, 0.231058579, 1e-9);
  EXPECT_NEAR(*s.contributions[3].log_odds, 1.0, 1e-12);
  // The score is the sum of its contributions.
  double sum = 0;
  for (const Contribution& c : s.contributions) sum += c.value();
  EXPECT_NEAR(sum, s.value, 1e-12);
  EXPECT_NEAR(s.value, 0.731058579, 1e-9);
}

TEST(LogisticPolicy, ATraitThatDoesNotParseIsIgnoredAndZeroRemovesTheFeature) {
  Fixture fx(0, {{"trait:employees", 0.01}});
  Engine e(fx.model);
  TouchList t;
  t.add("ann", T0, "identify").traits = kEmployees100;
  t.add("ann", T0 + kHour, "identify").traits = kEmployeesJunk;  // not a number: still 100
  e.ingest(t.touches());
  EXPECT_NEAR(*e.lead("ann")->score("buy"), 0.731058579, 1e-9);  // σ(0.01 · 100) = σ(1)
  TouchList u;
  u.add_with_id("z", "ann", T0 + 2 * kHour, "identify").traits = kEmployees0;
  e.ingest(u.touches());
  EXPECT_DOUBLE_EQ(*e.lead("ann")->score("buy"), 0.5);  // σ(0)
  const auto x = e.explain("ann");
  ASSERT_EQ(x->scores[0].contributions.size(), 1u);  // the intercept alone
}

TEST(LogisticPolicy, ProbabilitiesAreClampedAwayFromZeroAndOne) {
  // σ(10) = 0.9999546 and σ(−10) = 0.0000454: reported as 0.999 and 0.001.
  Fixture high(10, {});
  Fixture low(-10, {});
  Engine a(high.model), b(low.model);
  TouchList t;
  t.add("ann", T0, "visit");
  a.ingest(t.touches());
  b.ingest(t.touches());
  EXPECT_DOUBLE_EQ(*a.lead("ann")->score("buy"), kMaxProbability);
  EXPECT_DOUBLE_EQ(*b.lead("ann")->score("buy"), kMinProbability);
}

TEST(LogisticPolicy, TraitEqualsFollowsTheLatestValue) {
  Fixture fx(0, {{"trait:industry=saas", 2}});
  Engine e(fx.model);
  const Property saas[] = {{"industry", "saas"}};
  const Property retail[] = {{"industry", "retail"}};
  const Property other[] = {{"region", "emea"}};
  TouchList t;
  t.add("ann", T0, "identify").traits = saas;
  e.ingest(t.touches());
  EXPECT_NEAR(*e.lead("ann")->score("buy"), 0.880797078, 1e-9);  // σ(2) = 1 / (1 + e^−2) = 1 / 1.135335283
  TouchList u;
  u.add_with_id("o", "ann", T0 + kHour, "identify").traits = other;  // no industry: unchanged
  e.ingest(u.touches());
  EXPECT_NEAR(*e.lead("ann")->score("buy"), 0.880797078, 1e-9);
  TouchList w;
  w.add_with_id("r", "ann", T0 + 2 * kHour, "identify").traits = retail;
  e.ingest(w.touches());
  EXPECT_DOUBLE_EQ(*e.lead("ann")->score("buy"), 0.5);
}

TEST(PredictiveFeature, ErrorsNameTheFeatureAndSuggest) {
  Catalog cat;
  cat.add_channel({"email", "Email", Team::marketing, {}});
  cat.add_type({"demo_request", TouchKind::door, Team::marketing, {}});
  std::string error;
  EXPECT_FALSE(parse_predictive_feature("tipe:demo_request", cat, true, &error));
  EXPECT_EQ(error, "unknown feature \"tipe:demo_request\" (did you mean \"type:demo_request\"?)");
  EXPECT_FALSE(parse_predictive_feature("type:demo_requst", cat, true, &error));
  EXPECT_EQ(error, "unknown touch type \"demo_requst\" in feature \"type:demo_requst\" (did you mean \"type:demo_request\"?)");
  EXPECT_FALSE(parse_predictive_feature("channel:emial", cat, true, &error));
  EXPECT_EQ(error, "unknown channel \"emial\" in feature \"channel:emial\" (did you mean \"channel:email\"?)");
  EXPECT_FALSE(parse_predictive_feature("trait:size", cat, false, &error));
  EXPECT_EQ(error, "feature \"trait:size\" is numeric, but naive Bayes features are yes/no: write trait:size=<value>");
  EXPECT_FALSE(parse_predictive_feature("trait:=x", cat, true, &error));
  EXPECT_EQ(error, "feature \"trait:=x\" names no trait key (write trait:<key>=<value>)");
  EXPECT_FALSE(parse_predictive_feature("demo", cat, true, &error));
  EXPECT_EQ(error,
            "unknown feature \"demo\" (expected type:<touch type>, channel:<channel>, trait:<key>=<value> or trait:<key>)");
  const auto ok = parse_predictive_feature("trait:industry=saas", cat, false, &error);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->kind, PredictiveFeature::Kind::trait_equals);
  EXPECT_EQ(ok->key, "industry");
  EXPECT_EQ(ok->value, "saas");
}

}  // namespace
}  // namespace doorway
