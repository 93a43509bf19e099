// doorway — what the attribution models (src/report/attribution_*.cpp) share.
// Not installed.
#pragma once

#include <algorithm>
#include <vector>

#include "absl/status/statusor.h"
#include "doorway/report/attribution.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

// A result with every channel of `journeys` at zero, in channel-index order, and
// the totals filled in; finish_attribution() sorts the channels by name.
inline Attribution start_attribution(const Journeys& journeys, AttributionModel model) {
  Attribution a;
  a.model = model;
  a.journeys = journeys.size();
  a.touches = journeys.touch_count();
  a.total_conversions = journeys.total_conversions();
  a.total_value = journeys.total_value();
  a.total_nulls = journeys.total_nulls();
  a.channels.resize(journeys.channel_count());
  for (std::uint32_t c = 0; c < journeys.channel_count(); ++c) a.channels[c].channel = journeys.channel_name(c);
  return a;
}

inline void finish_attribution(Attribution& a) {
  std::sort(a.channels.begin(), a.channels.end(),
            [](const ChannelCredit& x, const ChannelCredit& y) { return x.channel < y.channel; });
}

absl::StatusOr<Attribution> heuristic_attribution(const Journeys& journeys, const AttributionOptions& options);
absl::StatusOr<Attribution> markov_attribution(const Journeys& journeys, const AttributionOptions& options);
absl::StatusOr<Attribution> shapley_attribution(const Journeys& journeys, const AttributionOptions& options);

}  // namespace detail
}  // namespace v0
}  // namespace doorway
