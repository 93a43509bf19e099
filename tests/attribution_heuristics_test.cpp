// Heuristic attribution models: hand-worked shares on small journeys, and on
// random journeys every model's credits add up to the total conversions and value.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/report/attribution.hpp"
#include "doorway/report/journeys.hpp"

namespace doorway {
namespace {

double conv_of(const Attribution& a, std::string_view channel) {
  for (const ChannelCredit& c : a.channels) {
    if (c.channel == channel) return c.conversions;
  }
  ADD_FAILURE() << "no channel " << channel;
  return -1;
}
double value_of(const Attribution& a, std::string_view channel) {
  for (const ChannelCredit& c : a.channels) {
    if (c.channel == channel) return c.value;
  }
  ADD_FAILURE() << "no channel " << channel;
  return -1;
}

Attribution run(const Journeys& j, AttributionModel m, AttributionOptions o = {}) {
  o.model = m;
  auto r = attribute(j, o);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Attribution{};
}

// One journey a > b > c > b with 2 conversions worth 10.
Journeys abcb() {
  Journeys j;
  const std::string_view path[] = {"a", "b", "c", "b"};
  EXPECT_TRUE(j.add_named(path, 2, 10, 1).ok());
  return j;
}

TEST(HeuristicAttribution, FirstAndLastTouch) {
  const Journeys j = abcb();
  const Attribution first = run(j, AttributionModel::first_touch);
  EXPECT_EQ(conv_of(first, "a"), 2);
  EXPECT_EQ(conv_of(first, "b"), 0);
  EXPECT_EQ(value_of(first, "a"), 10);
  const Attribution last = run(j, AttributionModel::last_touch);
  EXPECT_EQ(conv_of(last, "b"), 2);
  EXPECT_EQ(conv_of(last, "a"), 0);
}

// Linear: 1/4 per touch → a 0.5, b 1 (two touches), c 0.5. Per distinct channel:
// 1/3 each of 2 → 2/3.
TEST(HeuristicAttribution, LinearPerTouchAndPerChannel) {
  const Journeys j = abcb();
  const Attribution lin = run(j, AttributionModel::linear);
  EXPECT_DOUBLE_EQ(conv_of(lin, "a"), 0.5);
  EXPECT_DOUBLE_EQ(conv_of(lin, "b"), 1.0);
  EXPECT_DOUBLE_EQ(conv_of(lin, "c"), 0.5);
  EXPECT_DOUBLE_EQ(value_of(lin, "b"), 5.0);
  const Attribution distinct = run(j, AttributionModel::linear_distinct);
  for (const char* c : {"a", "b", "c"}) EXPECT_DOUBLE_EQ(conv_of(distinct, c), 2.0 / 3.0) << c;
}

// U: 40% first (a), 40% last (b), 20% over positions 1 and 2 (b, c: 10% each):
// a 0.8, b (0.4 + 0.1)·2 = 1.0, c 0.2. One touch: all; two: half each.
TEST(HeuristicAttribution, UShapedWithOneAndTwoTouchCases) {
  const Attribution u = run(abcb(), AttributionModel::u_shaped);
  EXPECT_DOUBLE_EQ(conv_of(u, "a"), 0.8);
  EXPECT_DOUBLE_EQ(conv_of(u, "b"), 1.0);
  EXPECT_DOUBLE_EQ(conv_of(u, "c"), 0.2);
  Journeys j;
  const std::string_view one[] = {"x"};
  const std::string_view two[] = {"x", "y"};
  ASSERT_TRUE(j.add_named(one, 1, 0, 0).ok());
  ASSERT_TRUE(j.add_named(two, 1, 0, 0).ok());
  const Attribution u2 = run(j, AttributionModel::u_shaped);
  EXPECT_DOUBLE_EQ(conv_of(u2, "x"), 1.5);
  EXPECT_DOUBLE_EQ(conv_of(u2, "y"), 0.5);
}

// Position decay, half-life 1 touch: weights 1/8, 1/4, 1/2, 1 (sum 15/8), shares
// 1/15, 2/15, 4/15, 8/15 → a 2/15, b 2·(2 + 8)/15 = 4/3, c 8/15. Half-life 2:
// weights 2^(-3/2), 2^-1, 2^(-1/2), 1.
TEST(HeuristicAttribution, PositionDecay) {
  const Attribution p = run(abcb(), AttributionModel::position_decay);
  EXPECT_NEAR(conv_of(p, "a"), 2.0 / 15.0, 1e-15);
  EXPECT_NEAR(conv_of(p, "b"), 4.0 / 3.0, 1e-15);
  EXPECT_NEAR(conv_of(p, "c"), 8.0 / 15.0, 1e-15);
  AttributionOptions o;
  o.position_half_life = 2;
  const Attribution p2 = run(abcb(), AttributionModel::position_decay, o);
  const double w[] = {std::pow(2, -1.5), 0.5, std::pow(2, -0.5), 1};
  const double sum = w[0] + w[1] + w[2] + w[3];
  EXPECT_NEAR(conv_of(p2, "a"), 2 * w[0] / sum, 1e-15);
  EXPECT_NEAR(conv_of(p2, "c"), 2 * w[2] / sum, 1e-15);
  o.position_half_life = 0;
  o.model = AttributionModel::position_decay;
  auto bad = attribute(abcb(), o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("position_half_life"), std::string_view::npos);
}

// W with no anchors (a path file): first 30%, the missing handoff and opportunity
// fall on the last touch (60%), 10% over positions 1 and 2 (5% each):
// a 0.6, b (0.05 + 0.6)·2 = 1.3, c 0.1. Full path: first 22.5%, last 3·22.5% =
// 67.5%, middle 5% each: a 0.45, b 1.45, c 0.1.
TEST(HeuristicAttribution, WAndFullPathWithoutAnchors) {
  const Attribution w = run(abcb(), AttributionModel::w_shaped);
  EXPECT_NEAR(conv_of(w, "a"), 0.6, 1e-15);
  EXPECT_NEAR(conv_of(w, "b"), 1.3, 1e-15);
  EXPECT_NEAR(conv_of(w, "c"), 0.1, 1e-15);
  const Attribution z = run(abcb(), AttributionModel::full_path);
  EXPECT_NEAR(conv_of(z, "a"), 0.45, 1e-15);
  EXPECT_NEAR(conv_of(z, "b"), 1.45, 1e-15);
  EXPECT_NEAR(conv_of(z, "c"), 0.1, 1e-15);
  // Two touches, no anchors: W weights 0.3 and 0.6, normalised: 1/3 and 2/3.
  Journeys two;
  const std::string_view xy[] = {"x", "y"};
  ASSERT_TRUE(two.add_named(xy, 3, 0, 0).ok());
  const Attribution w2 = run(two, AttributionModel::w_shaped);
  EXPECT_NEAR(conv_of(w2, "x"), 1.0, 1e-15);
  EXPECT_NEAR(conv_of(w2, "y"), 2.0, 1e-15);
}

// With anchors (as journeys from the engine have): a > b > c > d > e, handoff at
// b, opportunity at c. W: a, b, c 30% each, d and e 5% each. Full path: a, b, c
// and e (closing) 22.5% each, d 10%. Four touches with every anchor distinct and
// the last closing: 22.5% each, normalised to 25%.
TEST(HeuristicAttribution, WAndFullPathWithAnchors) {
  Journeys j(/*timed=*/true);
  std::vector<std::uint32_t> path;
  for (const char* c : {"a", "b", "c", "d", "e"}) path.push_back(j.intern_channel(c));
  const Timestamp times[] = {1, 2, 3, 4, 5};
  ASSERT_TRUE(j.add(path, 1, 100, 0, times, 6, JourneyAnchors{1, 2}).ok());
  const Attribution w = run(j, AttributionModel::w_shaped);
  EXPECT_NEAR(conv_of(w, "a"), 0.3, 1e-15);
  EXPECT_NEAR(conv_of(w, "b"), 0.3, 1e-15);
  EXPECT_NEAR(conv_of(w, "c"), 0.3, 1e-15);
  EXPECT_NEAR(conv_of(w, "d"), 0.05, 1e-15);
  EXPECT_NEAR(conv_of(w, "e"), 0.05, 1e-15);
  EXPECT_NEAR(value_of(w, "e"), 5, 1e-12);
  const Attribution z = run(j, AttributionModel::full_path);
  EXPECT_NEAR(conv_of(z, "a"), 0.225, 1e-15);
  EXPECT_NEAR(conv_of(z, "d"), 0.1, 1e-15);
  EXPECT_NEAR(conv_of(z, "e"), 0.225, 1e-15);

  Journeys four(/*timed=*/true);
  std::vector<std::uint32_t> p4;
  for (const char* c : {"a", "b", "c", "d"}) p4.push_back(four.intern_channel(c));
  const Timestamp t4[] = {1, 2, 3, 4};
  ASSERT_TRUE(four.add(p4, 1, 0, 0, t4, 4, JourneyAnchors{1, 2}).ok());
  const Attribution z4 = run(four, AttributionModel::full_path);
  for (const char* c : {"a", "b", "c", "d"}) EXPECT_NEAR(conv_of(z4, c), 0.25, 1e-15) << c;
}

// Time decay, half-life 7 days: touches 14, 7 and 0 days before the last weigh
// 1/4, 1/2, 1 → shares 1/7, 2/7, 4/7. Untimed journeys are refused.
TEST(HeuristicAttribution, TimeDecay) {
  Journeys j(/*timed=*/true);
  std::vector<std::uint32_t> path = {j.intern_channel("a"), j.intern_channel("b"), j.intern_channel("c")};
  const Timestamp t0 = 1'700'000'000'000'000;
  const Timestamp times[] = {t0, t0 + 7 * kDay, t0 + 14 * kDay};
  ASSERT_TRUE(j.add(path, 7, 70, 0, times, t0 + 15 * kDay).ok());
  const Attribution a = run(j, AttributionModel::time_decay);
  EXPECT_NEAR(conv_of(a, "a"), 1, 1e-12);
  EXPECT_NEAR(conv_of(a, "b"), 2, 1e-12);
  EXPECT_NEAR(conv_of(a, "c"), 4, 1e-12);
  EXPECT_NEAR(value_of(a, "c"), 40, 1e-11);

  AttributionOptions o;
  o.model = AttributionModel::time_decay;
  auto r = attribute(abcb(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("needs touch times"), std::string_view::npos) << r.status();
  EXPECT_NE(r.status().message().find("position_decay"), std::string_view::npos);
}

TEST(HeuristicAttribution, EveryModelSumsToTheTotals) {
  std::mt19937 rng(11);
  Journeys j(/*timed=*/true);
  std::vector<std::uint32_t> ch;
  for (const char* c : {"email", "search", "social", "events", "phone", "tv"}) ch.push_back(j.intern_channel(c));
  for (int i = 0; i < 500; ++i) {
    const int n = 1 + static_cast<int>(rng() % 9);
    std::vector<std::uint32_t> path;
    std::vector<Timestamp> times;
    Timestamp t = static_cast<Timestamp>(rng() % 1000) * kHour;
    for (int k = 0; k < n; ++k) {
      path.push_back(ch[rng() % ch.size()]);
      t += static_cast<Timestamp>(rng() % 200) * kHour;
      times.push_back(t);
    }
    JourneyAnchors an;
    if (rng() % 2) an.handoff = static_cast<std::int32_t>(rng() % static_cast<unsigned>(n));
    if (rng() % 2) an.opportunity = static_cast<std::int32_t>(rng() % static_cast<unsigned>(n));
    const double conv = static_cast<double>(rng() % 3);
    ASSERT_TRUE(j.add(path, conv, conv * static_cast<double>(rng() % 90), 1, times, t + kDay, an).ok());
  }
  for (AttributionModel m :
       {AttributionModel::first_touch, AttributionModel::last_touch, AttributionModel::linear,
        AttributionModel::linear_distinct, AttributionModel::time_decay, AttributionModel::position_decay,
        AttributionModel::u_shaped, AttributionModel::w_shaped, AttributionModel::full_path}) {
    const Attribution a = run(j, m);
    double conv = 0, value = 0;
    for (const ChannelCredit& c : a.channels) {
      EXPECT_GE(c.conversions, 0);
      conv += c.conversions;
      value += c.value;
    }
    EXPECT_NEAR(conv, j.total_conversions(), 1e-9) << to_string(m);
    EXPECT_NEAR(value, j.total_value(), 1e-7) << to_string(m);
    EXPECT_EQ(a.total_conversions, j.total_conversions());
  }
}

TEST(HeuristicAttribution, ModelNames) {
  for (std::string_view name : attribution_model_names()) {
    auto m = parse_attribution_model(name);
    ASSERT_TRUE(m.ok()) << name;
    EXPECT_EQ(to_string(*m), name);
  }
  EXPECT_EQ(*parse_attribution_model("first"), AttributionModel::first_touch);
  EXPECT_EQ(*parse_attribution_model("w"), AttributionModel::w_shaped);
  auto bad = parse_attribution_model("markof");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown attribution model \"markof\" (did you mean \"markov\"?)"),
            std::string_view::npos)
      << bad.status();
}

}  // namespace
}  // namespace doorway
