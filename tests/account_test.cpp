// Accounts (buying groups): roll-ups worked out by hand, account guards in
// transitions (when they are evaluated, and the same result in any arrival
// order), the account view and stage rule, and the model's checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "doorway/account.hpp"
#include "doorway/engine.hpp"
#include "doorway/naive_bayes_policy.hpp"
#include "doorway/points_policy.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::snapshot;
using testing::T0;
using testing::TouchList;

TEST(Account, RollUpsByHand) {
  const RollupMember members[] = {
      {30, T0 - 4 * kHour, "decision_maker"},
      {10, T0 - kHour, "user"},
      {25, T0 - 2 * kDay, "user"},
  };
  AccountRollup sum{"total", RollupKind::sum, "engagement"};
  EXPECT_DOUBLE_EQ(roll_up(sum, members, T0), 65);  // 30 + 10 + 25
  AccountRollup max{"best", RollupKind::max, "engagement"};
  EXPECT_DOUBLE_EQ(roll_up(max, members, T0), 30);
  AccountRollup decayed{"recent", RollupKind::decayed_sum, "engagement", kDay};
  // 30·2^(−4h/24h) + 10·2^(−1h/24h) + 25·2^(−2) = 30·0.890899 + 10·0.971532 + 6.25
  EXPECT_NEAR(roll_up(decayed, members, T0), 26.726961544 + 9.715319412 + 6.25, 1e-8);
  AccountRollup coverage{"coverage", RollupKind::coverage, "engagement", 0, 20, "role", {"decision_maker", "user", "champion"}};
  // decision_maker engaged (30 >= 20), user engaged (25 >= 20; the 10 alone would not be), champion: nobody.
  EXPECT_DOUBLE_EQ(roll_up(coverage, members, T0), 2);
  coverage.threshold = 26;  // now only the decision maker
  EXPECT_DOUBLE_EQ(roll_up(coverage, members, T0), 1);
}

// engagement: visit 10, call 20 (no decay). Roll-ups over acme's members:
// total (sum), best (max), recent (decayed_sum, 1-day half-life), coverage
// (decision_maker and user, engaged at 20).
//   prospect → group   account.coverage            (priority 0)
//   prospect → engaged engagement >= 20            (priority 1)
//   engaged  → group   account.coverage            (priority 0)
//   group    → won     type == deal_won
std::shared_ptr<const Model> model() {
  ModelBuilder b("accounts");
  b.catalog().add_channel({"web", "Direct", Team::marketing, {Audience::one_to_many, Interaction::one_way}});
  b.catalog().add_channel({"phone", "Sales", Team::sales, {Audience::one_to_one, Interaction::two_way}});
  const TypeId visit =
      b.catalog().add_type({"visit", TouchKind::contact, Team::marketing, {Audience::one_to_many, Interaction::one_way}, "web"});
  const TypeId call =
      b.catalog().add_type({"call", TouchKind::contact, Team::sales, {Audience::one_to_one, Interaction::two_way}, "phone"});
  b.catalog().add_type({"identify", TouchKind::outcome, Team::marketing, {}});
  b.catalog().add_type({"deal_won", TouchKind::outcome, Team::sales, {}});
  b.add_score("engagement", make_policy(PointsPolicy({{visit, 10, false}, {call, 20, false}}, {}), "points"));
  AccountsSpec& a = b.accounts();
  a.rollups.push_back({"total", RollupKind::sum, "engagement"});
  a.rollups.push_back({"best", RollupKind::max, "engagement"});
  a.rollups.push_back({"recent", RollupKind::decayed_sum, "engagement", kDay});
  a.rollups.push_back({"coverage", RollupKind::coverage, "engagement", 0, 20, "role", {"decision_maker", "user"}});
  a.stage_order = {"prospect", "engaged", "group", "won"};
  b.add_stage({"prospect", Team::marketing, StageKind::entry});
  b.add_stage({"engaged", Team::marketing, StageKind::inventory});
  b.add_stage({"group", Team::sales, StageKind::inventory});
  b.add_stage({"won", Team::sales, StageKind::won});
  b.add_transition({"prospect", "group", "buying_group", "account.coverage", 0});
  b.add_transition({"prospect", "engaged", "engaged", "engagement >= 20", 1});
  b.add_transition({"engaged", "group", "buying_group", "account.coverage", 0});
  b.add_transition({"group", "won", "won", "type == deal_won", 0});
  return b.build().value();
}

const Property kDecisionMaker[] = {{"role", "decision_maker"}};
const Property kUser[] = {{"role", "user"}};

// ann (acme, decision maker): identify T0, visit +1h, call +2h → 30
// bob (acme, user):           identify +3h, visit +4h, call +5h → 30
// carl (no account):          visit +1h, visit +2h → 20
void add_stream(TouchList& t) {
  t.add_with_id("a0", "ann", T0, "identify").traits = kDecisionMaker;
  t.add_with_id("a1", "ann", T0 + kHour, "visit");
  t.add_with_id("a2", "ann", T0 + 2 * kHour, "call");
  t.add_with_id("b0", "bob", T0 + 3 * kHour, "identify").traits = kUser;
  t.add_with_id("b1", "bob", T0 + 4 * kHour, "visit");
  t.add_with_id("b2", "bob", T0 + 5 * kHour, "call");
  t.add_with_id("c1", "carl", T0 + kHour, "visit");
  t.add_with_id("c2", "carl", T0 + 2 * kHour, "visit");
  for (Touch& touch : t.touches()) {
    if (touch.lead_id != "carl") touch.account_id = "acme";
  }
}

TEST(Account, GuardsReadTheAccountAtTheLeadsOwnTouchesAndAtAdvance) {
  Engine e(model());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  // ann at her call (+2h): she is an engaged decision maker, but bob has no touch
  // yet, so coverage is 1 of 2: she goes to `engaged` on her own score.
  // bob at his call (+5h): ann (30 >= 20, decision maker) and bob (30, user):
  // coverage 2 of 2 → `group`.
  EXPECT_EQ(e.lead("ann")->stage_name, "engaged");
  EXPECT_EQ(e.lead("bob")->stage_name, "group");
  ASSERT_EQ(e.events("bob").size(), 1u);
  EXPECT_EQ(e.events("bob")[0].at, T0 + 5 * kHour);
  EXPECT_EQ(e.events("bob")[0].kind, EventKind::handoff);
  // ann moves when the clock next runs, not at bob's touch.
  e.advance(T0 + 6 * kHour);
  EXPECT_EQ(e.lead("ann")->stage_name, "group");
  EXPECT_EQ(e.events("ann").back().at, T0 + 6 * kHour);
  // carl has no account: account guards never hold for him.
  EXPECT_EQ(e.lead("carl")->stage_name, "engaged");
  const auto x = e.explain("carl");
  ASSERT_TRUE(x.ok());
  ASSERT_FALSE(x->next.empty());
  EXPECT_EQ(x->next[0].clauses[0].clause, "account.coverage");
  EXPECT_EQ(x->next[0].clauses[0].actual, "(no account)");
  EXPECT_FALSE(x->next[0].holds);
}

TEST(Account, ViewHoldsMembersRollUpsAndStage) {
  Engine e(model());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  e.advance(T0 + 6 * kHour);
  EXPECT_EQ(e.account_ids(), std::vector<std::string_view>{"acme"});
  const auto v = e.account("acme");
  ASSERT_TRUE(v);
  ASSERT_EQ(v->members.size(), 2u);
  EXPECT_EQ(v->members[0].lead_id, "ann");
  EXPECT_EQ(v->members[0].role, "decision_maker");
  EXPECT_EQ(v->members[1].lead_id, "bob");
  EXPECT_EQ(v->members[1].role, "user");
  EXPECT_DOUBLE_EQ(*v->rollup("total"), 60);  // 30 + 30
  EXPECT_DOUBLE_EQ(*v->rollup("best"), 30);
  // ann last touched at +2h, bob at +5h; at +6h: 30·2^(−4/24) + 30·2^(−1/24)
  // = 30·0.8908987181 + 30·0.9715319412 = 55.872919779
  EXPECT_NEAR(*v->rollup("recent"), 55.872919779, 1e-8);
  EXPECT_DOUBLE_EQ(*v->rollup("coverage"), 2);
  EXPECT_EQ(v->stage, "group");
  // As of +4h30m: bob has visited only (10), so he is not engaged: total 40, coverage 1.
  const auto earlier = e.account("acme", T0 + 4 * kHour + 30 * kMinute);
  EXPECT_DOUBLE_EQ(*earlier->rollup("total"), 40);
  EXPECT_DOUBLE_EQ(*earlier->rollup("coverage"), 1);
  // As of +1h30m bob has no touch yet and is left out; ann has 10.
  EXPECT_DOUBLE_EQ(*e.account("acme", T0 + 90 * kMinute)->rollup("total"), 10);
  EXPECT_FALSE(e.account("globex"));
}

TEST(Account, LeastAdvancedStageRuleAndStagesOutsideTheOrder) {
  ModelBuilder b(*model());
  b.accounts().stage_rule = AccountStageRule::least_advanced;
  b.accounts().stage_order = {"engaged", "group"};  // prospect and won do not count
  Engine e(b.build().value());
  TouchList t;
  add_stream(t);
  e.ingest(t.touches());
  // ann engaged, bob group: the least advanced is engaged.
  EXPECT_EQ(e.account("acme")->stage, "engaged");
  TouchList u;
  u.add_with_id("z0", "zed", T0 + 5 * kHour, "identify").account_id = "acme";  // zed: prospect, not in the order
  e.ingest(u.touches());
  EXPECT_EQ(e.account("acme")->stage, "engaged");
}

// The same touches in any arrival order and batch split give the same leads and
// events: a member whose guards read the account is replayed when another
// member's earlier touch arrives.
TEST(Account, SameResultInAnyArrivalOrder) {
  TouchList t;
  add_stream(t);
  auto run = [&](const std::vector<Touch>& touches, std::size_t batch) {
    Engine e(model());
    for (std::size_t i = 0; i < touches.size(); i += batch) {
      const std::size_t n = std::min(batch, touches.size() - i);
      e.ingest(std::span<const Touch>(touches.data() + i, n));
    }
    e.advance(T0 + 6 * kHour);
    return snapshot(e);
  };
  const std::vector<Touch> in_order = t.touches();
  const std::string expected = run(in_order, in_order.size());
  // bob's touches first: at his call ann has none, so he first goes to `engaged`;
  // each of ann's touches, arriving later, replays him.
  std::vector<Touch> bob_first;
  for (const Touch& x : in_order) {
    if (x.lead_id == "bob") bob_first.push_back(x);
  }
  for (const Touch& x : in_order) {
    if (x.lead_id != "bob") bob_first.push_back(x);
  }
  EXPECT_EQ(run(bob_first, 1), expected);
  std::mt19937 rng(11);
  for (int round = 0; round < 6; ++round) {
    std::vector<Touch> shuffled = in_order;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    EXPECT_EQ(run(shuffled, 1 + static_cast<std::size_t>(round % 3)), expected);
  }
}

TEST(Account, ModelChecksRollUpsAndTheStageOrder) {
  ModelBuilder b(*model());
  b.accounts().rollups.push_back({"total", RollupKind::sum, "engagment"});
  b.accounts().rollups.push_back({"quiet", RollupKind::decayed_sum, "engagement", 0});
  b.accounts().rollups.push_back({"nobody", RollupKind::coverage, "engagement", 0, 10, "role", {}});
  b.accounts().stage_order.push_back("grup");
  std::vector<Problem> problems;
  EXPECT_EQ(b.build(&problems), nullptr);
  std::vector<std::string> lines;
  for (const Problem& p : problems) lines.push_back(p.path + ": " + p.message);
  const std::vector<std::string> expected = {
      "accounts.rollups[4].name: roll-up \"total\" is declared twice (first at accounts.rollups[0])",
      "accounts.rollups[4].score: unknown score \"engagment\" (did you mean \"engagement\"?)",
      "accounts.rollups[5].half_life: a decayed_sum roll-up needs a half_life > 0",
      "accounts.rollups[6].roles: a coverage roll-up needs at least one role",
      "accounts.stage.order[4]: unknown stage \"grup\" (did you mean \"group\"?)",
  };
  for (const std::string& want : expected) {
    EXPECT_NE(std::find(lines.begin(), lines.end(), want), lines.end()) << want;
  }
}

TEST(Account, ANaiveBayesScoreCannotBeRolledUp) {
  ModelBuilder b(*model());
  NaiveBayesOptions o;
  o.positive = {*b.catalog().find_type("deal_won")};
  b.add_score("win", make_naive_bayes_policy(NaiveBayesPolicy({}, o)));
  b.accounts().rollups.push_back({"win_sum", RollupKind::sum, "win"});
  std::vector<Problem> problems;
  EXPECT_EQ(b.build(&problems), nullptr);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].code, "model.account_predictive_score");
  EXPECT_EQ(problems[0].message,
            "score \"win\" (naive_bayes) learns from every lead's outcomes; account roll-ups read per-lead scores");
}

TEST(Account, GuardsNameUnknownRollUps) {
  ModelBuilder b(*model());
  b.add_transition({"engaged", "won", "big", "account.totl >= 100", 1});
  std::vector<Problem> problems;
  EXPECT_EQ(b.build(&problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "column 1: unknown account roll-up \"account.totl\" (did you mean \"account.total\"?)");
}

}  // namespace
}  // namespace doorway
