// The points policy's decays (linear, window, per group), per-rule caps and score
// groups. Every expected value is worked out by hand in the comment above it;
// where a test checks the explanation invariant, the ledger below recomputes the
// score independently as Σ points × contribution_factor of each applied part.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "doorway/decay.hpp"
#include "doorway/points_policy.hpp"

namespace doorway {
namespace {

constexpr Timestamp T0 = 1'767'600'000LL * kSecond;  // 2026-01-05T08:00:00Z
constexpr TypeId kPage = 0, kVideo = 1, kDemo = 2, kUnsubscribe = 3;

ScoreContext touch_at(Timestamp at, TypeId type) {
  ScoreContext c;
  c.at = at;
  c.type = type;
  return c;
}

// The explanation's view: each applied contribution, then Σ points × factor.
struct Ledger {
  struct Row {
    Timestamp at;
    Applied a;
  };
  std::vector<Row> rows;
  Applied apply(const PointsPolicy& p, PointsPolicy::State& s, Timestamp at, TypeId type) {
    const Applied a = p.apply(s, touch_at(at, type));
    if (a.counted) rows.push_back({at, a});
    return a;
  }
  double total(const PointsPolicy& p, Timestamp now) const {
    double sum = 0;
    for (const Row& r : rows) sum += r.a.points * p.contribution_factor(r.a, r.at, now);
    return sum;
  }
};

// --- Decay on its own -------------------------------------------------------------

TEST(Decay, LinearFloorsEachContributionAtZeroFromEitherSide) {
  const Decay d = Decay::linear(2);  // 2 points lost per day
  // +10 after 3 days: 10 − 2×3 = 4; after 5 days: 10 − 10 = 0; after 6: 10 − 12 < 0 → 0.
  EXPECT_DOUBLE_EQ(d.worth(10, T0, T0 + 3 * kDay), 4);
  EXPECT_DOUBLE_EQ(d.worth(10, T0, T0 + 5 * kDay), 0);
  EXPECT_DOUBLE_EQ(d.worth(10, T0, T0 + 6 * kDay), 0);
  // A penalty fades towards zero the same way and never turns into a bonus.
  EXPECT_DOUBLE_EQ(d.worth(-10, T0, T0 + 3 * kDay), -4);
  EXPECT_DOUBLE_EQ(d.worth(-10, T0, T0 + 6 * kDay), 0);
  // Half a day: 10 − 2 × 0.5 = 9.
  EXPECT_DOUBLE_EQ(d.worth(10, T0, T0 + 12 * kHour), 9);
  // The factor explanations show is worth / points: 4 / 10.
  EXPECT_DOUBLE_EQ(d.contribution_factor(10, T0, T0 + 3 * kDay), 0.4);
  EXPECT_DOUBLE_EQ(d.contribution_factor(-10, T0, T0 + 3 * kDay), 0.4);
  EXPECT_TRUE(d.spent(10, T0, T0 + 5 * kDay));
  EXPECT_FALSE(d.spent(10, T0, T0 + 5 * kDay - 1));
}

TEST(Decay, WindowCountsWhileYoungerThanTheWindow) {
  const Decay d = Decay::window_of(30 * kDay);
  EXPECT_DOUBLE_EQ(d.worth(5, T0, T0 + 30 * kDay - 1), 5);  // age 30d − 1µs < 30d
  EXPECT_DOUBLE_EQ(d.worth(5, T0, T0 + 30 * kDay), 0);      // age 30d is not < 30d
  EXPECT_TRUE(d.spent(5, T0, T0 + 30 * kDay));
}

// --- Linear and window decay per score --------------------------------------------

TEST(PointsDecay, LinearPerScoreSumsFloorsPerContribution) {
  PointsOptions o;
  o.decay = Decay::linear(2);
  PointsPolicy p({{kPage, 10}, {kUnsubscribe, -6}}, o);
  PointsPolicy::State s;
  Ledger ledger;
  ledger.apply(p, s, T0, kPage);         // +10 at T0
  ledger.apply(p, s, T0, kUnsubscribe);  // −6 at T0
  // Day 2: (10 − 4) + (−6 + 4) = 6 − 2 = 4.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 2 * kDay), 4);
  // Day 3: (10 − 6) + 0 (the −6 has faded: 6 − 6 = 0) = 4.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 3 * kDay), 4);
  // Day 4: 10 − 8 = 2, and the penalty stays at 0 (not +2).
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 4 * kDay), 2);
  // Day 6: both faded.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 6 * kDay), 0);
  for (int day : {0, 1, 2, 3, 4, 6}) {
    EXPECT_NEAR(ledger.total(p, T0 + day * kDay), p.value(s, T0 + day * kDay), 1e-12) << "day " << day;
  }
  // Explained: +10 × 0.6 and −6 × (1/3) on day 2.
  EXPECT_DOUBLE_EQ(p.contribution_factor(ledger.rows[0].a, T0, T0 + 2 * kDay), 0.6);
  EXPECT_NEAR(p.contribution_factor(ledger.rows[1].a, T0, T0 + 2 * kDay), 1.0 / 3.0, 1e-15);
}

TEST(PointsDecay, SpentLinearContributionsAreDroppedWhenATouchArrives) {
  PointsOptions o;
  o.decay = Decay::linear(1);
  PointsPolicy p({{kPage, 3}}, o);
  PointsPolicy::State s;
  p.apply(s, touch_at(T0, kPage));
  p.apply(s, touch_at(T0 + kDay, kPage));
  EXPECT_EQ(s.entries.size(), 2u);
  // Day 10: both spent (3 − 10 < 0, 3 − 9 < 0); the new touch is the only one kept.
  p.apply(s, touch_at(T0 + 10 * kDay, kPage));
  EXPECT_EQ(s.entries.size(), 1u);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 10 * kDay), 3);
}

TEST(PointsDecay, HardWindowPerScore) {
  PointsOptions o;
  o.decay = Decay::window_of(30 * kDay);
  PointsPolicy p({{kPage, 5}}, o);
  PointsPolicy::State s;
  Ledger ledger;
  ledger.apply(p, s, T0, kPage);
  ledger.apply(p, s, T0 + 20 * kDay, kPage);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 29 * kDay), 10);  // both inside
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 30 * kDay), 5);   // the first is 30 days old: out
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 50 * kDay), 0);   // the second is 30 days old: out
  EXPECT_DOUBLE_EQ(ledger.total(p, T0 + 30 * kDay), 5);
}

// --- Decay per group ----------------------------------------------------------------

TEST(PointsDecay, EachGroupDecaysItsOwnWay) {
  // Web visits halve every 30 days; demo requests never decay; the score itself
  // has no decay (so rules outside a group keep their points too).
  PointsOptions o;
  o.groups = {{"web", std::nullopt, Decay::exponential(30 * kDay)}, {"demo", std::nullopt, Decay::none()}};
  PointsPolicy p({{kPage, 4, false, std::nullopt, 0}, {kDemo, 20, false, std::nullopt, 1}, {kVideo, 1}}, o);
  PointsPolicy::State s;
  Ledger ledger;
  ledger.apply(p, s, T0, kPage);
  ledger.apply(p, s, T0, kDemo);
  ledger.apply(p, s, T0, kVideo);
  // Day 30: 4 × ½ + 20 + 1 = 23. Day 60: 4 × ¼ + 20 + 1 = 22.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 30 * kDay), 23);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 60 * kDay), 22);
  EXPECT_DOUBLE_EQ(p.contribution_factor(ledger.rows[0].a, T0, T0 + 30 * kDay), 0.5);
  EXPECT_DOUBLE_EQ(p.contribution_factor(ledger.rows[1].a, T0, T0 + 30 * kDay), 1);
  EXPECT_DOUBLE_EQ(ledger.total(p, T0 + 60 * kDay), 22);
}

TEST(PointsDecay, GroupsWithoutADecayDecayAsTheScore) {
  // Score: linear 1/day. Group "web" has no decay of its own → linear too;
  // group "demo" never decays.
  PointsOptions o;
  o.decay = Decay::linear(1);
  o.groups = {{"web", std::nullopt, std::nullopt}, {"demo", std::nullopt, Decay::none()}};
  PointsPolicy p({{kPage, 5, false, std::nullopt, 0}, {kDemo, 20, false, std::nullopt, 1}}, o);
  PointsPolicy::State s;
  p.apply(s, touch_at(T0, kPage));
  p.apply(s, touch_at(T0, kDemo));
  // Day 3: (5 − 3) + 20 = 22; day 9: 0 + 20.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 3 * kDay), 22);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 9 * kDay), 20);
}

// --- Caps ----------------------------------------------------------------------------

TEST(PointsCaps, ARuleCapLimitsWhatThatRuleAdds) {
  PointsPolicy p({{kPage, 4, false, 10.0}, {kDemo, 20}}, {});
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, kPage)).points, 4);  // page total 4
  EXPECT_EQ(p.apply(s, touch_at(T0, kPage)).points, 4);  // 8
  const Applied third = p.apply(s, touch_at(T0, kPage));  // 8 + 4 > 10 → 2
  EXPECT_EQ(third.points, 2);
  EXPECT_EQ(p.rule_name(third, "page_viewed"), "points.rule_capped:page_viewed");
  EXPECT_EQ(p.apply(s, touch_at(T0, kPage)).points, 0);  // no room left
  EXPECT_EQ(p.apply(s, touch_at(T0, kDemo)).points, 20);  // other rules are not limited
  EXPECT_DOUBLE_EQ(p.value(s, T0), 30);                   // 10 + 20
}

TEST(PointsCaps, AGroupCapLimitsItsRulesTogether) {
  PointsOptions o;
  o.groups = {{"web", 10.0, std::nullopt}};
  PointsPolicy p({{kPage, 4, false, std::nullopt, 0}, {kVideo, 3, false, std::nullopt, 0}, {kDemo, 20}}, o);
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, kPage)).points, 4);   // web 4
  EXPECT_EQ(p.apply(s, touch_at(T0, kVideo)).points, 3);  // web 7
  EXPECT_EQ(p.apply(s, touch_at(T0, kPage)).points, 3);   // 7 + 4 > 10 → 3, web 10
  EXPECT_EQ(p.apply(s, touch_at(T0, kDemo)).points, 20);  // outside the group
  const Applied full = p.apply(s, touch_at(T0, kVideo));
  EXPECT_EQ(full.points, 0);
  EXPECT_EQ(p.rule_name(full, "video_watched"), "points.group_capped.web:video_watched");
  EXPECT_DOUBLE_EQ(p.value(s, T0), 30);
}

TEST(PointsCaps, TheScoreCapSitsOnTopOfGroupCaps) {
  PointsOptions o;
  o.cap = 25;
  o.groups = {{"web", 10.0, std::nullopt}};
  PointsPolicy p({{kPage, 4, false, std::nullopt, 0}, {kDemo, 20}}, o);
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, kPage)).points, 4);   // web 4, total 4
  EXPECT_EQ(p.apply(s, touch_at(T0, kDemo)).points, 20);  // total 24
  // Web would reach 8 (≤ 10: room 6) but the score 28 > 25 (room 1): the tighter wins.
  const Applied a = p.apply(s, touch_at(T0, kPage));
  EXPECT_EQ(a.points, 1);
  EXPECT_EQ(p.rule_name(a, "page_viewed"), "points.capped:page_viewed");
  EXPECT_DOUBLE_EQ(p.value(s, T0), 25);
}

TEST(PointsCaps, TheTightestOfRuleAndGroupCapNamesTheClip) {
  PointsOptions o;
  o.groups = {{"web", 10.0, std::nullopt}};
  PointsPolicy p({{kPage, 4, false, 5.0, 0}}, o);
  PointsPolicy::State s;
  p.apply(s, touch_at(T0, kPage));                         // rule 4, web 4
  const Applied a = p.apply(s, touch_at(T0, kPage));       // rule room 1, web room 6 → 1
  EXPECT_EQ(a.points, 1);
  EXPECT_EQ(a.rule, PointsPolicy::kRuleCapped);
}

TEST(PointsCaps, NegativePointsAreNeverClipped) {
  PointsOptions o;
  o.groups = {{"web", 5.0, std::nullopt}};
  PointsPolicy p({{kPage, 4, false, 4.0, 0}, {kUnsubscribe, -30, false, std::nullopt, 0}}, o);
  PointsPolicy::State s;
  p.apply(s, touch_at(T0, kPage));
  EXPECT_EQ(p.apply(s, touch_at(T0, kUnsubscribe)).points, -30);
  EXPECT_DOUBLE_EQ(p.value(s, T0), -26);
}

TEST(PointsCaps, DecayFreesRoomUnderAGroupCap) {
  // Group "web": cap 10, linear decay 1 point a day.
  PointsOptions o;
  o.groups = {{"web", 10.0, Decay::linear(1)}};
  PointsPolicy p({{kPage, 10, false, std::nullopt, 0}}, o);
  PointsPolicy::State s;
  Ledger ledger;
  ledger.apply(p, s, T0, kPage);  // +10, web 10
  // Day 4: the first is worth 10 − 4 = 6; room 4 → the second adds 4.
  const Applied second = ledger.apply(p, s, T0 + 4 * kDay, kPage);
  EXPECT_EQ(second.points, 4);
  EXPECT_EQ(second.rule, PointsPolicy::kGroupCapped);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 4 * kDay), 10);
  // Day 6: 10 − 6 = 4, plus 4 − 2 = 2 → 6; explained as 10 × 0.4 + 4 × 0.5.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 6 * kDay), 6);
  EXPECT_DOUBLE_EQ(p.contribution_factor(ledger.rows[0].a, T0, T0 + 6 * kDay), 0.4);
  EXPECT_DOUBLE_EQ(p.contribution_factor(ledger.rows[1].a, T0 + 4 * kDay, T0 + 6 * kDay), 0.5);
  EXPECT_DOUBLE_EQ(ledger.total(p, T0 + 6 * kDay), 6);
}

TEST(PointsCaps, ARuleCapUnderExponentialDecayFreesRoomAsItHalves) {
  // Rule cap 10 with a 10-day half-life: +10, then 10 days later the rule holds 5,
  // so the next +10 is clipped to 5 and the rule is back at 10.
  PointsOptions o;
  o.half_life = 10 * kDay;
  PointsPolicy p({{kPage, 10, false, 10.0}, {kDemo, 3}}, o);
  PointsPolicy::State s;
  Ledger ledger;
  ledger.apply(p, s, T0, kPage);
  ledger.apply(p, s, T0, kDemo);  // 3, not in the rule's total
  const Applied a = ledger.apply(p, s, T0 + 10 * kDay, kPage);
  EXPECT_DOUBLE_EQ(a.points, 5);
  // Score on day 10: 10 (the page rule, back at its cap) + 3 × ½ = 11.5.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 10 * kDay), 11.5);
  // Day 20: everything halves once more: 5.75.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 20 * kDay), 5.75);
  EXPECT_NEAR(ledger.total(p, T0 + 20 * kDay), 5.75, 1e-12);
}

TEST(PointsCaps, TheExistingOnceAndCapSemanticsHold) {
  // A once-rule inside a capped group: the first touch scores, the second is
  // listed as already scored with 0 points.
  PointsOptions o;
  o.groups = {{"intent", 30.0, std::nullopt}};
  PointsPolicy p({{kDemo, 20, true, std::nullopt, 0}}, o);
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, kDemo)).points, 20);
  const Applied again = p.apply(s, touch_at(T0 + kDay, kDemo));
  EXPECT_EQ(again.points, 0);
  EXPECT_EQ(again.rule, PointsPolicy::kOnceRepeat);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + kDay), 20);
}

}  // namespace
}  // namespace doorway
