// Markov-chain removal-effect attribution: hand-worked chains, and an independent
// solver written here (explicit k-tuple states, removal by sending every state
// that contains the channel to null, dense Gaussian elimination, one channel at a
// time) compared with the library on random journeys for orders 1 to 4 — for the
// library's one-by-one removal (order 1) and its first-passage removal of 16
// channels per pass (orders ≥ 2, or blocks solved by sweeps).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "doorway/report/attribution.hpp"
#include "doorway/report/journeys.hpp"

namespace doorway {
namespace {

void add(Journeys& j, std::vector<std::string_view> path, double conv, double value, double nulls) {
  ASSERT_TRUE(j.add_named(path, conv, value, nulls).ok());
}

const ChannelCredit& credit(const Attribution& a, std::string_view channel) {
  for (const ChannelCredit& c : a.channels) {
    if (c.channel == channel) return c;
  }
  static const ChannelCredit none;
  ADD_FAILURE() << "no channel " << channel;
  return none;
}

Attribution run(const Journeys& j, int order = 1, bool include_nulls = true, bool collapse = true,
               std::size_t dense_block_limit = 4000) {
  AttributionOptions o;
  o.model = AttributionModel::markov;
  o.order = order;
  o.include_nulls = include_nulls;
  o.collapse_repeats = collapse;
  o.dense_block_limit = dense_block_limit;
  auto r = attribute(j, o);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Attribution{};
}

// The issue's example. By hand: start→a 6; a→b 4, a→c 2; b: 3 conv, 1 null;
// c: 1 conv, 1 null. x_b = 3/4, x_c = 1/2, x_a = 4/6·3/4 + 2/6·1/2 = 2/3.
// Without a: 0 (RE 1). Without b: x_a = 2/6·1/2 = 1/6 (RE 1 − (1/6)/(2/3) = 3/4).
// Without c: x_a = 4/6·3/4 = 1/2 (RE 1/4). Σ RE = 2, 4 conversions: 2, 1.5, 0.5.
// Value (b's journeys worth 30, c's 20): V_b = 30/4, V_c = 20/2, V_a = 4/6·7.5 +
// 2/6·10 = 25/3. Without b: 2/6·10 = 10/3 (RE 0.6); without c: 4/6·7.5 = 5 (RE
// 0.4); Σ = 2, value 50: a 25, b 15, c 10.
TEST(MarkovAttribution, IssueExampleOrderOne) {
  Journeys j;
  add(j, {"a", "b"}, 3, 30, 1);
  add(j, {"a", "c"}, 1, 20, 1);
  const Attribution a = run(j);
  EXPECT_EQ(a.states, 4u);  // start, a, b, c
  EXPECT_NEAR(a.conversion_probability, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(credit(a, "a").removal_effect, 1.0, 1e-15);
  EXPECT_NEAR(credit(a, "b").removal_effect, 0.75, 1e-15);
  EXPECT_NEAR(credit(a, "c").removal_effect, 0.25, 1e-15);
  EXPECT_NEAR(credit(a, "a").conversions, 2.0, 1e-12);
  EXPECT_NEAR(credit(a, "b").conversions, 1.5, 1e-12);
  EXPECT_NEAR(credit(a, "c").conversions, 0.5, 1e-12);
  EXPECT_NEAR(credit(a, "a").value_removal_effect, 1.0, 1e-15);
  EXPECT_NEAR(credit(a, "b").value_removal_effect, 0.6, 1e-12);
  EXPECT_NEAR(credit(a, "c").value_removal_effect, 0.4, 1e-12);
  EXPECT_NEAR(credit(a, "a").value, 25.0, 1e-10);
  EXPECT_NEAR(credit(a, "b").value, 15.0, 1e-10);
  EXPECT_NEAR(credit(a, "c").value, 10.0, 1e-10);
  ASSERT_EQ(a.channels.size(), 3u);
  EXPECT_EQ(a.channels[0].channel, "a");  // by name
  EXPECT_EQ(a.channels[2].channel, "c");
}

// Without nulls the chain converts surely: a→b 3/4, a→c 1/4. Without b, 1/4 of
// the flow is left (RE 3/4); without c, 3/4 (RE 1/4); the same credits.
TEST(MarkovAttribution, IssueExampleWithoutNulls) {
  Journeys j;
  add(j, {"a", "b"}, 3, 0, 1);
  add(j, {"a", "c"}, 1, 0, 1);
  add(j, {"d"}, 0, 0, 5);  // a non-converting journey: dropped entirely
  const Attribution a = run(j, 1, /*include_nulls=*/false);
  EXPECT_NEAR(a.conversion_probability, 1.0, 1e-15);
  EXPECT_NEAR(credit(a, "b").removal_effect, 0.75, 1e-15);
  EXPECT_NEAR(credit(a, "c").removal_effect, 0.25, 1e-15);
  EXPECT_NEAR(credit(a, "a").conversions, 2.0, 1e-12);
  EXPECT_NEAR(credit(a, "b").conversions, 1.5, 1e-12);
  EXPECT_NEAR(credit(a, "c").conversions, 0.5, 1e-12);
  EXPECT_EQ(credit(a, "d").conversions, 0.0);
  EXPECT_EQ(credit(a, "d").removal_effect, 0.0);
}

// Order matters: a > b converts, c > b does not. Order 1 cannot tell the two b's
// apart (x_b = 1/2): RE a = c = 1/2, b = 1 → a 0.25, b 0.5, c 0.25. Order 2 has
// states (a,b) (converts surely) and (c,b) (never): RE a = 1, b = 1, c = 0 →
// a 0.5, b 0.5, c 0.
TEST(MarkovAttribution, OrderTwoSeesWhatCameBefore) {
  Journeys j;
  add(j, {"a", "b"}, 1, 0, 0);
  add(j, {"c", "b"}, 0, 0, 1);
  const Attribution one = run(j, 1);
  EXPECT_NEAR(credit(one, "a").conversions, 0.25, 1e-12);
  EXPECT_NEAR(credit(one, "b").conversions, 0.5, 1e-12);
  EXPECT_NEAR(credit(one, "c").conversions, 0.25, 1e-12);
  const Attribution two = run(j, 2);
  EXPECT_EQ(two.states, 5u);  // start, (a), (c), (a,b), (c,b)
  EXPECT_NEAR(credit(two, "a").removal_effect, 1.0, 1e-15);
  EXPECT_NEAR(credit(two, "b").removal_effect, 1.0, 1e-15);
  EXPECT_NEAR(credit(two, "c").removal_effect, 0.0, 1e-15);
  EXPECT_NEAR(credit(two, "a").conversions, 0.5, 1e-12);
  EXPECT_NEAR(credit(two, "b").conversions, 0.5, 1e-12);
  EXPECT_NEAR(credit(two, "c").conversions, 0.0, 1e-12);
}

// A cycle (one strongly connected block {a, b}), by its dense inverse and by
// sweeps. a > b > a converts, b is a null.
// out(a) = 2 (→b, conv), out(b) = 2 (→a, null): x_a = x_b/2 + 1/2, x_b = x_a/2,
// so x_a = 2/3, x_b = 1/3, x_start = (2/3 + 1/3)/2 = 1/2. Without a: 0 (RE 1).
// Without b: x_a = 1/2, x_start = 1/4 (RE 1/2). Credits 2/3 and 1/3.
TEST(MarkovAttribution, CycleIsSolvedExactly) {
  Journeys j;
  add(j, {"a", "b", "a"}, 1, 0, 0);
  add(j, {"b"}, 0, 0, 1);
  for (std::size_t limit : {std::size_t{4000}, std::size_t{1}}) {
    const Attribution a = run(j, 1, true, true, limit);
    EXPECT_EQ(a.largest_block, 2u);
    EXPECT_EQ(a.sweeps > 0, limit == 1);
    EXPECT_NEAR(a.conversion_probability, 0.5, 1e-15);
    EXPECT_NEAR(credit(a, "a").removal_effect, 1.0, 1e-15);
    EXPECT_NEAR(credit(a, "b").removal_effect, 0.5, 1e-15);
    EXPECT_NEAR(credit(a, "a").conversions, 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(credit(a, "b").conversions, 1.0 / 3.0, 1e-12);
  }
}

// Repeated channels: collapsed by default, so a > a > b is a > b. Kept, order 2
// gets a state (a,a) and a self-loop-free chain that converts the same way here:
// with one journey every channel on it is essential (RE 1 each, credit 1/2).
TEST(MarkovAttribution, RepeatsCollapseOrNot) {
  Journeys j;
  add(j, {"a", "a", "b"}, 2, 0, 0);
  const Attribution collapsed = run(j, 2);
  EXPECT_EQ(collapsed.states, 3u);  // start, (a), (a,b)
  const Attribution kept = run(j, 2, true, /*collapse=*/false);
  EXPECT_EQ(kept.states, 4u);  // start, (a), (a,a), (a,b)
  for (const Attribution* a : {&collapsed, &kept}) {
    EXPECT_NEAR(credit(*a, "a").conversions, 1.0, 1e-12);
    EXPECT_NEAR(credit(*a, "b").conversions, 1.0, 1e-12);
  }
}

TEST(MarkovAttribution, NoConversionsGivesZeros) {
  Journeys j;
  add(j, {"a", "b"}, 0, 0, 4);
  add(j, {"c"}, 0, 0, 0);  // neither conversions nor nulls: weighs nothing
  const Attribution a = run(j);
  EXPECT_EQ(a.conversion_probability, 0.0);
  for (const ChannelCredit& c : a.channels) {
    EXPECT_EQ(c.conversions, 0.0);
    EXPECT_EQ(c.removal_effect, 0.0);
  }
}

TEST(MarkovAttribution, BadOrderIsRejected) {
  Journeys j;
  add(j, {"a"}, 1, 0, 0);
  AttributionOptions o;
  o.order = 0;
  auto r = attribute(j, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("order: 0 is not between 1 and 8"), std::string_view::npos) << r.status();
  o.order = kMaxMarkovOrder + 1;
  EXPECT_FALSE(attribute(j, o).ok());
}

// ---- the independent check ---------------------------------------------------------

struct Path {
  std::vector<int> channels;
  double conv, value, nulls;
};

// Solves (I − Q) x = b by Gaussian elimination with partial pivoting.
std::vector<double> gauss(std::vector<std::vector<double>> a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t piv = col;
    for (std::size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[piv][col])) piv = r;
    }
    std::swap(a[col], a[piv]);
    std::swap(b[col], b[piv]);
    for (std::size_t r = col + 1; r < n; ++r) {
      const double f = a[r][col] / a[col][col];
      if (f == 0) continue;
      for (std::size_t k = col; k < n; ++k) a[r][k] -= f * a[col][k];
      b[r] -= f * b[col];
    }
  }
  std::vector<double> x(n);
  for (std::size_t i = n; i-- > 0;) {
    double s = b[i];
    for (std::size_t k = i + 1; k < n; ++k) s -= a[i][k] * x[k];
    x[i] = s / a[i][i];
  }
  return x;
}

// P(conversion) and expected value from start, when every state containing
// `removed` (−1: none) goes to null instead. Without nulls, journeys that did not
// convert are dropped and the others' nulls ignored.
std::pair<double, double> reference_solve(const std::vector<Path>& paths, int k, int removed,
                                          bool include_nulls = true, bool collapse = true) {
  std::map<std::vector<int>, int> ids{{{}, 0}};  // the empty tuple is start
  std::map<std::pair<int, int>, double> w;
  std::map<int, double> conv, value, out;
  for (const Path& journey : paths) {
    if (!include_nulls && journey.conv == 0) continue;
    Path p = journey;
    if (!include_nulls) p.nulls = 0;
    const double weight = p.conv + p.nulls;
    if (weight == 0) continue;
    std::vector<int> seq;
    for (int c : p.channels) {
      if (!collapse || seq.empty() || seq.back() != c) seq.push_back(c);  // collapse repeats
    }
    int prev = 0;
    std::vector<int> tuple;
    for (int c : seq) {
      tuple.push_back(c);
      if (static_cast<int>(tuple.size()) > k) tuple.erase(tuple.begin());
      const int id = ids.emplace(tuple, static_cast<int>(ids.size())).first->second;
      w[{prev, id}] += weight;
      out[prev] += weight;
      prev = id;
    }
    conv[prev] += p.conv;
    value[prev] += p.value;
    out[prev] += p.conv + p.nulls;
  }
  const std::size_t n = ids.size();
  std::vector<bool> dead(n, false);
  for (const auto& [tuple, id] : ids) {
    for (int c : tuple) dead[static_cast<std::size_t>(id)] = dead[static_cast<std::size_t>(id)] || c == removed;
  }
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  std::vector<double> bx(n, 0.0), bv(n, 0.0);
  for (std::size_t s = 0; s < n; ++s) a[s][s] = 1;
  for (const auto& [edge, weight] : w) {
    const auto s = static_cast<std::size_t>(edge.first);
    if (!dead[s]) a[s][static_cast<std::size_t>(edge.second)] -= weight / out[edge.first];
  }
  for (std::size_t s = 0; s < n; ++s) {
    const int si = static_cast<int>(s);
    if (!dead[s] && out[si] > 0) {
      bx[s] = conv[si] / out[si];
      bv[s] = value[si] / out[si];
    }
  }
  return {gauss(a, bx)[0], gauss(a, bv)[0]};
}

TEST(MarkovAttribution, AgreesWithAnIndependentSolverOnRandomChains) {
  std::mt19937 rng(20261123);
  int swept = 0;  // trials that had a cyclic block solved by sweeps
  for (int trial = 0; trial < 60; ++trial) {
    const int k = 1 + trial % 3;
    const int channels = 2 + static_cast<int>(rng() % 4);
    std::vector<Path> paths(3 + rng() % 10);
    Journeys j;
    std::vector<std::string> names;
    for (int c = 0; c < channels; ++c) names.push_back(std::string(1, static_cast<char>('a' + c)));
    for (Path& p : paths) {
      const int len = 1 + static_cast<int>(rng() % 6);
      std::vector<std::string_view> named;
      for (int i = 0; i < len; ++i) {
        p.channels.push_back(static_cast<int>(rng() % static_cast<unsigned>(channels)));
        named.push_back(names[static_cast<std::size_t>(p.channels.back())]);
      }
      p.conv = static_cast<double>(rng() % 4);
      p.nulls = static_cast<double>(rng() % 4);
      p.value = p.conv * static_cast<double>(1 + rng() % 50);
      ASSERT_TRUE(j.add_named(named, p.conv, p.value, p.nulls).ok());
    }
    // Odd trials solve every strongly connected block by sweeps instead of its
    // dense inverse: both ways must agree with the reference.
    const bool sweeps = trial % 2 == 1;
    const Attribution a = run(j, k, true, true, sweeps ? 1 : 4000);
    if (!sweeps) {
      EXPECT_EQ(a.sweeps, 0u);
    }
    swept += a.sweeps > 0 ? 1 : 0;
    const auto [x0, v0] = reference_solve(paths, k, -1);
    EXPECT_NEAR(a.conversion_probability, x0, 1e-12) << "trial " << trial;
    std::vector<double> re(static_cast<std::size_t>(channels)), rev(re.size());
    double sum = 0, sum_v = 0;
    for (int c = 0; c < channels; ++c) {
      const auto [xc, vc] = reference_solve(paths, k, c);
      re[static_cast<std::size_t>(c)] = x0 > 0 ? 1 - xc / x0 : 0;
      rev[static_cast<std::size_t>(c)] = v0 > 0 ? 1 - vc / v0 : 0;
      sum += re[static_cast<std::size_t>(c)];
      sum_v += rev[static_cast<std::size_t>(c)];
    }
    for (int c = 0; c < channels; ++c) {
      const std::string& name = names[static_cast<std::size_t>(c)];
      if (!j.find_channel(name)) continue;
      const ChannelCredit& cr = credit(a, name);
      const auto ci = static_cast<std::size_t>(c);
      EXPECT_NEAR(cr.removal_effect, re[ci], 1e-10) << "trial " << trial << " k " << k << " channel " << name;
      EXPECT_NEAR(cr.value_removal_effect, rev[ci], 1e-10) << "trial " << trial << " channel " << name;
      EXPECT_NEAR(cr.conversions, sum > 0 ? j.total_conversions() * re[ci] / sum : 0, 1e-9) << "trial " << trial;
      EXPECT_NEAR(cr.value, sum_v > 0 ? j.total_value() * rev[ci] / sum_v : 0, 1e-7) << "trial " << trial;
    }
  }
  EXPECT_GT(swept, 5);
}

// ---- the first-passage solver (orders ≥ 2, or any block solved by sweeps) ------
//
// The library removes 16 channels per pass through first passage; the reference
// above removes one channel at a time from the chain itself. Random journeys
// over channels of skewed popularity (channel ⌊n·u²⌋ for uniform u) form
// cyclic blocks of a few hundred states at order 2.

struct RandomJourneys {
  std::vector<Path> paths;
  std::vector<std::string> names;
  Journeys journeys;
};

RandomJourneys random_journeys(std::mt19937& rng, int channels, int count, int max_length) {
  RandomJourneys r;
  for (int c = 0; c < channels; ++c) r.names.push_back("c" + std::to_string(100 + c));
  std::uniform_real_distribution<double> u(0.0, 1.0);
  r.paths.resize(static_cast<std::size_t>(count));
  for (Path& p : r.paths) {
    const int len = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_length));
    std::vector<std::string_view> named;
    for (int i = 0; i < len; ++i) {
      const double x = u(rng);
      p.channels.push_back(std::min(channels - 1, static_cast<int>(channels * x * x)));
      named.push_back(r.names[static_cast<std::size_t>(p.channels.back())]);
    }
    p.conv = static_cast<double>(rng() % 3);
    p.nulls = static_cast<double>(rng() % 3);
    p.value = p.conv * static_cast<double>(1 + rng() % 90);
    EXPECT_TRUE(r.journeys.add_named(named, p.conv, p.value, p.nulls).ok());
  }
  return r;
}

// The reference removal effects of every channel (index order): conversions, value.
struct ReferenceEffects {
  double x0 = 0, v0 = 0;
  std::vector<double> re, re_value;
};

ReferenceEffects reference_effects(const std::vector<Path>& paths, int channels, int k, bool include_nulls,
                                   bool collapse = true) {
  ReferenceEffects r;
  std::tie(r.x0, r.v0) = reference_solve(paths, k, -1, include_nulls, collapse);
  for (int c = 0; c < channels; ++c) {
    const auto [xc, vc] = reference_solve(paths, k, c, include_nulls, collapse);
    r.re.push_back(r.x0 > 0 ? 1 - xc / r.x0 : 0);
    r.re_value.push_back(r.v0 > 0 ? 1 - vc / r.v0 : 0);
  }
  return r;
}

void expect_effects(const Attribution& a, const RandomJourneys& r, const ReferenceEffects& want, const std::string& what) {
  EXPECT_NEAR(a.conversion_probability, want.x0, 1e-12) << what;
  for (std::size_t c = 0; c < r.names.size(); ++c) {
    if (!r.journeys.find_channel(r.names[c])) continue;
    const ChannelCredit& cr = credit(a, r.names[c]);
    EXPECT_NEAR(cr.removal_effect, want.re[c], 1e-10) << what << " channel " << r.names[c];
    EXPECT_NEAR(cr.value_removal_effect, want.re_value[c], 1e-10) << what << " channel " << r.names[c];
  }
}

// 20 channels: two passes of 16 lanes, the second with 4 lanes used. Every
// block by its dense inverse (limit 4000), every block by sweeps (limit 1), and
// small blocks dense with the large one swept (limit 40); with and without nulls.
TEST(MarkovAttribution, FirstPassageAgreesWithTheReferenceOnLargeCyclicBlocks) {
  std::mt19937 rng(611);
  const RandomJourneys r = random_journeys(rng, 20, 400, 9);
  for (bool include_nulls : {true, false}) {
    const ReferenceEffects want = reference_effects(r.paths, 20, 2, include_nulls);
    for (std::size_t limit : {std::size_t{4000}, std::size_t{1}, std::size_t{40}}) {
      const Attribution a = run(r.journeys, 2, include_nulls, true, limit);
      EXPECT_GT(a.largest_block, 100u);
      EXPECT_EQ(a.sweeps > 0, limit < a.largest_block) << "limit " << limit;
      expect_effects(a, r, want, "nulls " + std::to_string(include_nulls) + " limit " + std::to_string(limit));
      double conv = 0, value = 0;
      for (const ChannelCredit& c : a.channels) {
        conv += c.conversions;
        value += c.value;
      }
      double total_conv = 0, total_value = 0;  // the journeys the chain keeps
      for (const Path& p : r.paths) {
        if (include_nulls || p.conv > 0) {
          total_conv += p.conv;
          total_value += p.value;
        }
      }
      EXPECT_NEAR(conv, total_conv, 1e-9);
      EXPECT_NEAR(value, total_value, 1e-7);
    }
  }
}

// Orders 3 and 4: longer tuples, fewer revisits, cycles only among the popular
// channels; the same three ways of solving the blocks.
TEST(MarkovAttribution, FirstPassageAgreesWithTheReferenceAtOrdersThreeAndFour) {
  std::mt19937 rng(4242);
  const RandomJourneys r = random_journeys(rng, 4, 150, 12);
  for (int k : {3, 4}) {
    for (bool include_nulls : {true, false}) {
      const ReferenceEffects want = reference_effects(r.paths, 4, k, include_nulls);
      for (std::size_t limit : {std::size_t{4000}, std::size_t{1}, std::size_t{6}}) {
        const Attribution a = run(r.journeys, k, include_nulls, true, limit);
        EXPECT_GT(a.largest_block, 6u) << "order " << k;
        expect_effects(a, r, want,
                       "order " + std::to_string(k) + " nulls " + std::to_string(include_nulls) + " limit " +
                           std::to_string(limit));
      }
    }
  }
}

// Repeats kept: states such as (a, a) loop on themselves (P(s → s) > 0), in
// dense blocks, swept blocks and single states; at order 1 too when swept.
TEST(MarkovAttribution, FirstPassageAgreesWithTheReferenceWithSelfLoops) {
  std::mt19937 rng(99);
  const RandomJourneys r = random_journeys(rng, 6, 120, 8);
  for (int k : {1, 2}) {
    const ReferenceEffects want = reference_effects(r.paths, 6, k, true, /*collapse=*/false);
    for (std::size_t limit : {std::size_t{4000}, std::size_t{1}, std::size_t{4}}) {
      const Attribution a = run(r.journeys, k, true, /*collapse=*/false, limit);
      EXPECT_GT(a.largest_block, 4u) << "order " << k;
      expect_effects(a, r, want, "order " + std::to_string(k) + " limit " + std::to_string(limit));
    }
  }
}

// A block of hundreds of states over 40 channels (three passes of lanes), too
// large for the reference's elimination per channel: its dense inverse and
// Gauss–Seidel (extended along the slowest mode once the sweeps settle into it)
// are two independent solutions of the same equations and must agree to
// rounding.
TEST(MarkovAttribution, SweptAndDenseSolutionsAgreeOnALargeBlock) {
  std::mt19937 rng(77);
  const RandomJourneys r = random_journeys(rng, 40, 3000, 10);
  for (bool include_nulls : {true, false}) {
    const Attribution dense = run(r.journeys, 2, include_nulls, true, 4000);
    const Attribution swept = run(r.journeys, 2, include_nulls, true, 1);
    ASSERT_GT(dense.largest_block, 500u);
    EXPECT_EQ(dense.sweeps, 0u);
    EXPECT_GT(swept.sweeps, 0u);
    EXPECT_NEAR(dense.conversion_probability, swept.conversion_probability, 1e-13);
    ASSERT_EQ(dense.channels.size(), swept.channels.size());
    for (std::size_t i = 0; i < dense.channels.size(); ++i) {
      EXPECT_NEAR(dense.channels[i].removal_effect, swept.channels[i].removal_effect, 1e-12) << dense.channels[i].channel;
      EXPECT_NEAR(dense.channels[i].value_removal_effect, swept.channels[i].value_removal_effect, 1e-12);
      EXPECT_NEAR(dense.channels[i].conversions, swept.channels[i].conversions, 1e-9);
    }
  }
}

// Credits add up to the totals, whatever the order; and the same journeys split in
// two sets and appended give the same result (the scale-out contract).
TEST(MarkovAttribution, CreditsSumToTotalsAndAppendMerges) {
  std::mt19937 rng(7);
  Journeys all, left, right;
  const char* names[] = {"email", "search", "social", "events", "phone"};
  for (int i = 0; i < 400; ++i) {
    std::vector<std::string_view> path;
    const int len = 1 + static_cast<int>(rng() % 7);
    for (int t = 0; t < len; ++t) path.push_back(names[rng() % 5]);
    const double conv = (rng() % 3 == 0) ? 1 : 0;
    const double value = conv * static_cast<double>(rng() % 100);
    ASSERT_TRUE(all.add_named(path, conv, value, 1 - conv).ok());
    ASSERT_TRUE((i % 2 ? left : right).add_named(path, conv, value, 1 - conv).ok());
  }
  ASSERT_TRUE(left.append(right).ok());
  for (int k = 1; k <= 4; ++k) {
    const Attribution a = run(all, k);
    const Attribution b = run(left, k);
    double conv = 0, value = 0;
    for (const ChannelCredit& c : a.channels) {
      conv += c.conversions;
      value += c.value;
    }
    EXPECT_NEAR(conv, all.total_conversions(), 1e-9) << "order " << k;
    EXPECT_NEAR(value, all.total_value(), 1e-7) << "order " << k;
    ASSERT_EQ(a.channels.size(), b.channels.size());
    EXPECT_EQ(a.states, b.states);
    for (std::size_t i = 0; i < a.channels.size(); ++i) {
      EXPECT_EQ(a.channels[i].channel, b.channels[i].channel);
      EXPECT_NEAR(a.channels[i].removal_effect, b.channels[i].removal_effect, 1e-12);
      EXPECT_NEAR(a.channels[i].conversions, b.channels[i].conversions, 1e-9);
    }
  }
}

}  // namespace
}  // namespace doorway
