// doorway — "did you mean …?" suggestions for misspelled names in models and
// guards: the closest candidate by optimal-string-alignment (Damerau) distance.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail {

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// transpositions of two adjacent bytes, each costing 1 (no substring is edited
// twice). Returns a value greater than `limit` as soon as the distance is known
// to exceed it.
inline std::size_t osa_distance(std::string_view a, std::string_view b,
                                std::size_t limit = static_cast<std::size_t>(-1)) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  const std::size_t length_gap = n > m ? n - m : m - n;
  if (length_gap > limit) return length_gap;
  // Three rolling rows: i-2, i-1, i.
  std::vector<std::size_t> before(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  std::size_t prev_min = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    // Row i's minimum is at least min(row i-1's minimum, row i-2's minimum + 1),
    // so once two consecutive rows exceed the limit every later row does too.
    if (row_min > limit && prev_min > limit) return limit + 1;
    prev_min = row_min;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

// The candidate closest to `name`, when its distance is at least 1 and at most
// max(1, name.size() / 3); ties go to the lexicographically smallest candidate.
// nullopt when nothing is that close (or `name` itself is a candidate only).
inline std::optional<std::string> did_you_mean(std::string_view name,
                                               std::span<const std::string_view> candidates) {
  const std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    const std::size_t d = osa_distance(name, c, limit);
    if (d == 0 || d > limit) continue;
    if (d < best_distance || (d == best_distance && best && c < *best)) {
      best = c;
      best_distance = d;
    }
  }
  if (!best) return std::nullopt;
  return std::string(*best);
}

inline std::optional<std::string> did_you_mean(std::string_view name,
                                               const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return did_you_mean(name, std::span<const std::string_view>(views));
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
