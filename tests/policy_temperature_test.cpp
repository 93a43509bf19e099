// The temperature policy's options: weights by team and a decaying effective
// count. Expected values worked out by hand in the comments; the defaults'
// behaviour (plain counts, 3/2 and 5/4, 90 days) is covered in policy_test.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "doorway/temperature_policy.hpp"

namespace doorway {
namespace {

constexpr Timestamp T0 = 1'767'600'000LL * kSecond;  // 2026-01-05T08:00:00Z

ScoreContext touch_at(Timestamp at, Team team, TouchKind kind = TouchKind::contact) {
  ScoreContext c;
  c.at = at;
  c.type = 0;
  c.classification.team = team;
  c.classification.kind = kind;
  return c;
}

TEST(TemperatureOptions, DefaultsAreUnweightedAndUndecayed) {
  const TemperatureOptions o;
  EXPECT_FALSE(o.weighted());
  EXPECT_EQ(o.half_life, 0);
  EXPECT_EQ(o.warm_enter, 3);
  EXPECT_EQ(o.hot_enter, 5);
  EXPECT_EQ(o.window, 90 * kDay);
}

TEST(TemperatureOptions, ASalesConversationCountsTwo) {
  TemperatureOptions o;
  o.sales_weight = 2;
  TemperaturePolicy p(o);
  TemperaturePolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, Team::marketing)).points, 1);
  EXPECT_EQ(p.apply(s, touch_at(T0 + kHour, Team::marketing)).points, 1);
  EXPECT_EQ(p.level(s, T0 + kHour), Temperature::cold);  // 2 < 3
  EXPECT_EQ(p.apply(s, touch_at(T0 + 2 * kHour, Team::sales)).points, 2);
  // 1 + 1 + 2 = 4: warm (≥ 3), not hot (< 5).
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 2 * kHour), 4);
  EXPECT_EQ(p.level(s, T0 + 2 * kHour), Temperature::warm);
  p.apply(s, touch_at(T0 + 3 * kHour, Team::marketing));  // 5: hot
  EXPECT_EQ(p.level(s, T0 + 3 * kHour), Temperature::hot);
  // Outcomes never count, whatever their team's weight.
  EXPECT_FALSE(p.apply(s, touch_at(T0 + 4 * kHour, Team::sales, TouchKind::outcome)).counted);
  // 90 days after the sales touch the first two are out, the sales one too
  // (it was 2 hours after T0): at T0 + 90d + 2h only the last marketing touch
  // (T0 + 3h) is left: 1.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 90 * kDay + 2 * kHour), 1);
}

TEST(TemperatureOptions, AWeightOfZeroLeavesTheTouchOut) {
  TemperatureOptions o;
  o.unknown_weight = 0;
  TemperaturePolicy p(o);
  TemperaturePolicy::State s;
  EXPECT_FALSE(p.apply(s, touch_at(T0, Team::unknown)).counted);
  EXPECT_TRUE(p.apply(s, touch_at(T0, Team::marketing)).counted);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 1);
}

TEST(TemperatureOptions, ADecayingCountCoolsTheLeadGradually) {
  // Half-life 10 days: four touches at T0 count 4 (warm), 2 after ten days
  // (still warm: 2 is not below warm_exit 2), just under 2 a moment later (cold).
  TemperatureOptions o;
  o.half_life = 10 * kDay;
  TemperaturePolicy p(o);
  TemperaturePolicy::State s;
  for (int i = 0; i < 4; ++i) p.apply(s, touch_at(T0, Team::marketing));
  EXPECT_EQ(p.level(s, T0), Temperature::warm);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 10 * kDay), 2);
  EXPECT_EQ(p.level(s, T0 + 10 * kDay), Temperature::warm);
  EXPECT_EQ(p.level(s, T0 + 10 * kDay + kSecond), Temperature::cold);
  // Day 20: 4 × ¼ = 1; each touch explained as 1 point × factor ¼.
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 20 * kDay), 1);
  EXPECT_DOUBLE_EQ(p.factor(T0, T0 + 20 * kDay), 0.25);
  // The window still applies: after 90 days nothing counts.
  EXPECT_DOUBLE_EQ(p.factor(T0, T0 + 90 * kDay), 0);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 90 * kDay), 0);
}

TEST(TemperatureOptions, WeightsAndDecayTogether) {
  // Sales counts 3, half-life 5 days. A sales touch at T0 and a marketing touch
  // at T0 + 5d: at T0 + 5d the count is 3 × ½ + 1 = 2.5; at T0 + 10d it is
  // 3 × ¼ + ½ = 1.25.
  TemperatureOptions o;
  o.sales_weight = 3;
  o.half_life = 5 * kDay;
  TemperaturePolicy p(o);
  TemperaturePolicy::State s;
  p.apply(s, touch_at(T0, Team::sales));
  EXPECT_EQ(p.level(s, T0), Temperature::warm);  // 3 ≥ 3
  // Just before the marketing touch the sales one is worth 3 × ½ = 1.5 < warm_exit
  // 2: the lead has cooled, and 1.5 + 1 = 2.5 does not reach warm_enter 3 again.
  EXPECT_EQ(p.level(s, T0 + 5 * kDay), Temperature::cold);
  p.apply(s, touch_at(T0 + 5 * kDay, Team::marketing));
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 5 * kDay), 2.5);
  EXPECT_EQ(p.level(s, T0 + 5 * kDay), Temperature::cold);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 10 * kDay), 1.25);
  EXPECT_EQ(p.level(s, T0 + 10 * kDay), Temperature::cold);
}

}  // namespace
}  // namespace doorway
