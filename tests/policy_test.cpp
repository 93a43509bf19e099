// Points and temperature policies, with values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "doorway/points_policy.hpp"
#include "doorway/temperature_policy.hpp"

namespace doorway {
namespace {

constexpr Timestamp T0 = 1'767'600'000LL * kSecond;  // 2026-01-05T08:00:00Z

ScoreContext touch_at(Timestamp at, TypeId type, TouchKind kind = TouchKind::contact) {
  ScoreContext c;
  c.at = at;
  c.type = type;
  c.classification.kind = kind;
  return c;
}

// Σ points × factor(at, now), the explanation's view of a score.
struct Ledger {
  std::vector<std::pair<Timestamp, double>> rows;
  template <class P>
  double total(const P& p, Timestamp now) const {
    double sum = 0;
    for (auto [at, pts] : rows) sum += pts * p.factor(at, now);
    return sum;
  }
};

TEST(PointsPolicy, SignedPointsAddUp) {
  PointsPolicy p({{0, 10, false}, {1, -20, false}}, {});
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, 0)).points, 10);
  EXPECT_EQ(p.apply(s, touch_at(T0, 0)).points, 10);
  EXPECT_EQ(p.apply(s, touch_at(T0, 1)).points, -20);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 0);
  const Applied none = p.apply(s, touch_at(T0, 7));  // no rule for type 7
  EXPECT_FALSE(none.counted);
}

TEST(PointsPolicy, OncePerTypeScoresOnlyTheFirstTouch) {
  PointsPolicy p({{3, 30, true}}, {});
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, 3)).points, 30);
  const Applied again = p.apply(s, touch_at(T0 + kDay, 3));
  EXPECT_TRUE(again.counted);
  EXPECT_EQ(again.points, 0);
  EXPECT_EQ(p.rule_name(again, "demo_request"), "points.once_already_scored:demo_request");
  EXPECT_DOUBLE_EQ(p.value(s, T0 + kDay), 30);
}

TEST(PointsPolicy, CapClipsTheContributionThatCrossesIt) {
  PointsPolicy::Options o;
  o.cap = 100;
  PointsPolicy p({{0, 40, false}}, o);
  PointsPolicy::State s;
  EXPECT_EQ(p.apply(s, touch_at(T0, 0)).points, 40);
  EXPECT_EQ(p.apply(s, touch_at(T0, 0)).points, 40);
  const Applied third = p.apply(s, touch_at(T0, 0));
  EXPECT_EQ(third.points, 20);  // 80 + 40 clipped to 100
  EXPECT_EQ(p.rule_name(third, "webinar"), "points.capped:webinar");
  EXPECT_EQ(p.apply(s, touch_at(T0, 0)).points, 0);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 100);
}

TEST(PointsPolicy, ExponentialDecayIsEvaluatedWhenRead) {
  PointsPolicy::Options o;
  o.half_life = 30 * kDay;
  PointsPolicy p({{0, 10, false}}, o);
  PointsPolicy::State s;
  p.apply(s, touch_at(T0, 0));
  EXPECT_DOUBLE_EQ(p.value(s, T0), 10);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 30 * kDay), 5);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 60 * kDay), 2.5);
  EXPECT_NEAR(p.value(s, T0 + 15 * kDay), 10 / std::sqrt(2.0), 1e-12);
  // A second touch 30 days later adds to the decayed 5: 15, then halves to 7.5.
  p.apply(s, touch_at(T0 + 30 * kDay, 0));
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 30 * kDay), 15);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 60 * kDay), 7.5);
}

TEST(PointsPolicy, CapAndDecayKeepScoreEqualToContributions) {
  PointsPolicy::Options o;
  o.cap = 20;
  o.half_life = kDay;
  PointsPolicy p({{0, 20, false}}, o);
  PointsPolicy::State s;
  Ledger ledger;
  Applied a = p.apply(s, touch_at(T0, 0));
  ledger.rows.push_back({T0, a.points});
  EXPECT_EQ(a.points, 20);
  // One day later the score is 10; +20 would be 30, clipped to 20: adds 10.
  a = p.apply(s, touch_at(T0 + kDay, 0));
  ledger.rows.push_back({T0 + kDay, a.points});
  EXPECT_DOUBLE_EQ(a.points, 10);
  for (Timestamp now : {T0 + kDay, T0 + 2 * kDay, T0 + 10 * kDay}) {
    EXPECT_NEAR(p.value(s, now), ledger.total(p, now), 1e-12);
  }
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 2 * kDay), 10);
}

TEST(TemperaturePolicy, ColdAtTwoWarmAtThreeHotAtFive) {
  TemperaturePolicy p{TemperatureOptions{}};
  TemperaturePolicy::State s;
  const Temperature expected[] = {Temperature::cold, Temperature::cold, Temperature::warm, Temperature::warm,
                                  Temperature::hot};
  for (int i = 0; i < 5; ++i) {
    p.apply(s, touch_at(T0 + i * kHour, 0));
    EXPECT_EQ(p.level(s, T0 + i * kHour), expected[i]) << "after " << i + 1 << " touches";
  }
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 5 * kHour), 5);
}

TEST(TemperaturePolicy, OutcomesAreNotContactPoints) {
  TemperaturePolicy p{TemperatureOptions{}};
  TemperaturePolicy::State s;
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(p.apply(s, touch_at(T0, 0, TouchKind::outcome)).counted);
  EXPECT_EQ(p.level(s, T0), Temperature::cold);
  EXPECT_TRUE(p.apply(s, touch_at(T0, 0, TouchKind::door)).counted);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 1);
}

TEST(TemperaturePolicy, ExitThresholdsStopFlappingAtTheBoundary) {
  // Window 90 days; touches on days 0..4 make the lead hot (5 touches).
  TemperaturePolicy p{TemperatureOptions{}};
  TemperaturePolicy::State s;
  for (int d = 0; d < 5; ++d) p.apply(s, touch_at(T0 + d * kDay, 0));
  EXPECT_EQ(p.level(s, T0 + 4 * kDay), Temperature::hot);
  // Day 90.5: the day-0 touch has aged out, 4 remain: 4 is not below the hot exit (4).
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 90 * kDay + 12 * kHour), 4);
  EXPECT_EQ(p.level(s, T0 + 90 * kDay + 12 * kHour), Temperature::hot);
  // Day 91.5: 3 remain: below 4, so warm (3 is not below the warm exit 2).
  EXPECT_EQ(p.level(s, T0 + 91 * kDay + 12 * kHour), Temperature::warm);
  // On day 92 the day-2 touch ages out exactly (now - at == window no longer counts),
  // so a new touch leaves days 3, 4 and 92.
  p.apply(s, touch_at(T0 + 92 * kDay, 0));
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 92 * kDay), 3);  // days 3, 4, 92
  EXPECT_EQ(p.level(s, T0 + 92 * kDay), Temperature::warm);
  p.apply(s, touch_at(T0 + 92 * kDay + kHour, 0));
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 92 * kDay + kHour), 4);
  EXPECT_EQ(p.level(s, T0 + 92 * kDay + kHour), Temperature::warm) << "4 < hot enter 5: no flap back to hot";
  p.apply(s, touch_at(T0 + 92 * kDay + 2 * kHour, 0));
  EXPECT_EQ(p.level(s, T0 + 92 * kDay + 2 * kHour), Temperature::hot);
  // Long silence: everything ages out and the lead is cold again.
  EXPECT_EQ(p.level(s, T0 + 400 * kDay), Temperature::cold);
  EXPECT_DOUBLE_EQ(p.value(s, T0 + 400 * kDay), 0);
}

TEST(TemperaturePolicy, WarmFallsToColdOnlyBelowTwo) {
  TemperaturePolicy p{TemperatureOptions{}};
  TemperaturePolicy::State s;
  for (int d = 0; d < 3; ++d) p.apply(s, touch_at(T0 + d * kDay, 0));
  EXPECT_EQ(p.level(s, T0 + 2 * kDay), Temperature::warm);
  EXPECT_EQ(p.level(s, T0 + 90 * kDay + kHour), Temperature::warm);  // 2 left
  EXPECT_EQ(p.level(s, T0 + 91 * kDay + kHour), Temperature::cold);  // 1 left
}

TEST(TemperaturePolicy, ScoreEqualsItsContributions) {
  TemperaturePolicy p{TemperatureOptions{}};
  TemperaturePolicy::State s;
  Ledger ledger;
  for (int d : {0, 10, 50, 95, 100}) {
    const Applied a = p.apply(s, touch_at(T0 + d * kDay, 0));
    ledger.rows.push_back({T0 + d * kDay, a.points});
  }
  for (int d : {100, 120, 150, 189, 200}) {
    EXPECT_DOUBLE_EQ(p.value(s, T0 + d * kDay), ledger.total(p, T0 + d * kDay)) << "day " << d;
  }
}

}  // namespace
}  // namespace doorway
