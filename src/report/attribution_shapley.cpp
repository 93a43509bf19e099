// doorway — Shapley value attribution (semantics in
// include/doorway/report/attribution.hpp): players are channels, v(S) = the
// conversions (or value) of the journeys whose channel set lies within S.
//
// Exact: v over every coalition of the p players by a subset-sum (zeta) transform
// of the conversions of each exact channel set, then
//   φ_c = Σ_{S ∌ c} |S|! (p − |S| − 1)! / p! · (v(S ∪ {c}) − v(S)).
// Sampled: for a random order of the players, the marginal contribution of a
// player is the total of the channel sets it completes (whose last member in the
// order it is); the mean over `samples` orders estimates φ and the standard
// deviation over √samples is the standard error. The random orders come from a
// SplitMix64 generator and a Fisher–Yates shuffle written here, so a seed gives
// the same result on every platform.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "attribution_internal.hpp"
#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

namespace {

constexpr std::uint32_t kNoPlayer = 0xFFFFFFFFu;

struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound), by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
    std::uint64_t r;
    do {
      r = next();
    } while (r >= limit);
    return r % bound;
  }
};

// A distinct channel set (sorted player indices) with the conversions and value
// of the journeys that have exactly that set.
struct ChannelSet {
  std::vector<std::uint32_t> players;
  double conversions = 0;
  double value = 0;
};

}  // namespace

absl::StatusOr<Attribution> shapley_attribution(const Journeys& journeys, const AttributionOptions& options) {
  if (options.max_exact_channels < 1 || options.max_exact_channels > kMaxExactShapleyChannels) {
    return absl::InvalidArgumentError(detail::cat("max_exact_channels: ", options.max_exact_channels,
                                                  " is not between 1 and ", kMaxExactShapleyChannels));
  }
  if (options.samples == 0) return absl::InvalidArgumentError("samples: must be > 0");
  Attribution a = start_attribution(journeys, AttributionModel::shapley);
  const std::size_t C = journeys.channel_count();

  // Players: channels of journeys that carry conversions or value.
  std::vector<std::uint32_t> player_of(C, kNoPlayer);
  std::vector<std::uint32_t> channel_of;
  absl::flat_hash_map<std::vector<std::uint32_t>, std::size_t, absl::Hash<std::vector<std::uint32_t>>> set_index;
  std::vector<ChannelSet> sets;
  std::vector<std::uint32_t> scratch;
  for (std::size_t j = 0; j < journeys.size(); ++j) {
    const double cj = journeys.conversions(j);
    const double vj = journeys.value(j);
    if (cj == 0 && vj == 0) continue;
    scratch.clear();
    for (std::uint32_t c : journeys.channels(j)) {
      if (player_of[c] == kNoPlayer) {
        player_of[c] = static_cast<std::uint32_t>(channel_of.size());
        channel_of.push_back(c);
      }
      scratch.push_back(player_of[c]);
    }
    std::sort(scratch.begin(), scratch.end());
    scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
    auto [it, inserted] = set_index.try_emplace(scratch, sets.size());
    if (inserted) sets.push_back({scratch, 0, 0});
    sets[it->second].conversions += cj;
    sets[it->second].value += vj;
  }
  const std::size_t p = channel_of.size();
  a.players = p;
  std::vector<double> phi(p, 0.0), phi_v(p, 0.0), se(p, 0.0), se_v(p, 0.0);

  if (p <= static_cast<std::size_t>(options.max_exact_channels)) {
    const std::size_t full = std::size_t{1} << p;
    std::vector<double> v(full, 0.0), vv(full, 0.0);
    for (const ChannelSet& s : sets) {
      std::size_t mask = 0;
      for (std::uint32_t pl : s.players) mask |= std::size_t{1} << pl;
      v[mask] += s.conversions;
      vv[mask] += s.value;
    }
    for (std::size_t bit = 0; bit < p; ++bit) {  // v(S) = Σ over subsets
      const std::size_t b = std::size_t{1} << bit;
      for (std::size_t mask = 0; mask < full; ++mask) {
        if (mask & b) {
          v[mask] += v[mask ^ b];
          vv[mask] += vv[mask ^ b];
        }
      }
    }
    // weight[s] = s! (p − s − 1)! / p!
    std::vector<double> weight(p, 0.0);
    for (std::size_t s = 0; s < p; ++s) {
      weight[s] = std::exp(std::lgamma(static_cast<double>(s) + 1) + std::lgamma(static_cast<double>(p - s)) -
                           std::lgamma(static_cast<double>(p) + 1));
    }
    for (std::size_t mask = 0; mask < full; ++mask) {
      const auto size = static_cast<std::size_t>(__builtin_popcountll(mask));
      for (std::size_t c = 0; c < p; ++c) {
        const std::size_t b = std::size_t{1} << c;
        if (mask & b) continue;
        phi[c] += weight[size] * (v[mask | b] - v[mask]);
        phi_v[c] += weight[size] * (vv[mask | b] - vv[mask]);
      }
    }
  } else {
    a.sampled = true;
    a.samples = options.samples;
    SplitMix64 rng{options.seed};
    std::vector<std::uint32_t> order(p), position(p);
    std::vector<double> marginal(p), marginal_v(p);
    std::vector<double> sum_sq(p, 0.0), sum_sq_v(p, 0.0);
    for (std::uint64_t sample = 0; sample < options.samples; ++sample) {
      for (std::uint32_t i = 0; i < p; ++i) order[i] = i;
      for (std::size_t i = p - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
      for (std::uint32_t i = 0; i < p; ++i) position[order[i]] = i;
      std::fill(marginal.begin(), marginal.end(), 0.0);
      std::fill(marginal_v.begin(), marginal_v.end(), 0.0);
      for (const ChannelSet& s : sets) {
        std::uint32_t last = s.players[0];
        for (std::uint32_t pl : s.players) {
          if (position[pl] > position[last]) last = pl;
        }
        marginal[last] += s.conversions;
        marginal_v[last] += s.value;
      }
      for (std::size_t c = 0; c < p; ++c) {
        phi[c] += marginal[c];
        phi_v[c] += marginal_v[c];
        sum_sq[c] += marginal[c] * marginal[c];
        sum_sq_v[c] += marginal_v[c] * marginal_v[c];
      }
    }
    const auto n = static_cast<double>(options.samples);
    for (std::size_t c = 0; c < p; ++c) {
      phi[c] /= n;
      phi_v[c] /= n;
      if (options.samples > 1) {
        // Sample variance (n − 1), then the standard error of the mean.
        const double var = std::max(0.0, (sum_sq[c] - n * phi[c] * phi[c]) / (n - 1));
        const double var_v = std::max(0.0, (sum_sq_v[c] - n * phi_v[c] * phi_v[c]) / (n - 1));
        se[c] = std::sqrt(var / n);
        se_v[c] = std::sqrt(var_v / n);
      }
    }
  }
  for (std::size_t pl = 0; pl < p; ++pl) {
    ChannelCredit& cr = a.channels[channel_of[pl]];
    cr.conversions = phi[pl];
    cr.value = phi_v[pl];
    cr.conversions_std_error = se[pl];
    cr.value_std_error = se_v[pl];
  }
  finish_attribution(a);
  return a;
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
