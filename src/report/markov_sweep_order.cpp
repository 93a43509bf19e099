// doorway — a greedy feedback-arc-set order for sweeping a block of the Markov
// chain (see markov_sweep_order.hpp).
#include "markov_sweep_order.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail::markov {

std::vector<std::uint32_t> sweep_order(const Chain& ch, const Components& cc, std::uint32_t q,
                                       std::vector<std::uint32_t>& local) {
  const std::uint64_t first = cc.off[q];
  const std::size_t m = cc.off[q + 1] - first;
  // Members nearer the start first (finishing order reversed): the tie-break.
  std::vector<std::uint32_t> members(m);
  for (std::size_t i = 0; i < m; ++i) members[i] = cc.members[first + m - 1 - i];
  for (std::size_t i = 0; i < m; ++i) local[members[i]] = static_cast<std::uint32_t>(i);
  // The block's transitions both ways (CSR by local index).
  std::vector<std::uint64_t> out_off(m + 1, 0), in_off(m + 1, 0);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t s = members[i];
    for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
      if (cc.of[ch.to[e]] != q) continue;
      ++out_off[i + 1];
      ++in_off[local[ch.to[e]] + 1];
    }
  }
  for (std::size_t i = 0; i < m; ++i) {
    out_off[i + 1] += out_off[i];
    in_off[i + 1] += in_off[i];
  }
  std::vector<std::uint32_t> out_to(out_off[m]), in_from(in_off[m]);
  std::vector<double> out_w(out_off[m]), in_w(in_off[m]), win(m, 0.0), wout(m, 0.0);
  {
    std::vector<std::uint64_t> in_fill(in_off.begin(), in_off.end() - 1);
    std::uint64_t at = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = members[i];
      for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
        if (cc.of[ch.to[e]] != q) continue;
        const std::uint32_t j = local[ch.to[e]];
        const double w = ch.weight[s] * ch.p[e];
        out_to[at] = j;
        out_w[at++] = w;
        in_from[in_fill[j]] = static_cast<std::uint32_t>(i);
        in_w[in_fill[j]++] = w;
        wout[i] += w;
        win[j] += w;
      }
    }
  }
  for (std::uint32_t s : members) local[s] = kNone;
  std::vector<char> gone(m, 0);
  std::vector<std::uint32_t> front, back, sinks, sources;
  std::vector<std::pair<double, std::uint32_t>> heap;  // (flow out − flow in, state), stale entries skipped
  auto file = [&](std::uint32_t i) {
    if (!(wout[i] > 0)) {
      sinks.push_back(i);
    } else if (!(win[i] > 0)) {
      sources.push_back(i);
    } else {
      heap.emplace_back(wout[i] - win[i], std::numeric_limits<std::uint32_t>::max() - i);
      std::push_heap(heap.begin(), heap.end());
    }
  };
  // Flows are cut to 0 once below the rounding left by the subtractions.
  // Taking i removes its edges from its neighbours' flows (in for the heads of
  // its out-edges, out for the tails of its in-edges).
  auto unlink = [&](std::uint32_t i, const auto& off, const auto& other, const auto& w, std::vector<double>& flow) {
    for (std::uint64_t e = off[i]; e < off[i + 1]; ++e) {
      const std::uint32_t j = other[e];
      if (gone[j]) continue;
      flow[j] -= w[e];
      if (flow[j] <= 1e-12 * w[e]) flow[j] = 0;
      file(j);
    }
  };
  auto take = [&](std::uint32_t i) {
    gone[i] = 1;
    unlink(i, out_off, out_to, out_w, win);
    unlink(i, in_off, in_from, in_w, wout);
  };
  for (std::uint32_t i = 0; i < m; ++i) file(i);
  for (std::size_t placed = 0; placed < m;) {
    std::uint32_t i;
    bool to_back = false;
    if (!sinks.empty()) {
      i = sinks.back();
      sinks.pop_back();
      to_back = true;
    } else if (!sources.empty()) {
      i = sources.back();
      sources.pop_back();
    } else {
      std::pop_heap(heap.begin(), heap.end());
      const auto [d, code] = heap.back();
      heap.pop_back();
      i = std::numeric_limits<std::uint32_t>::max() - code;
      if (!gone[i] && d != wout[i] - win[i]) continue;  // stale
    }
    if (gone[i]) continue;
    (to_back ? back : front).push_back(i);
    take(i);
    ++placed;
  }
  std::vector<std::uint32_t> order;
  order.reserve(m);
  for (std::uint32_t i : front) order.push_back(members[i]);
  for (std::size_t i = back.size(); i-- > 0;) order.push_back(members[back[i]]);
  return order;
}

}  // namespace detail::markov
}  // namespace v0
}  // namespace doorway
