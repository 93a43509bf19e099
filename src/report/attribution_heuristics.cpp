// doorway — the heuristic attribution models (semantics in
// include/doorway/report/attribution.hpp): first and last touch, linear per touch
// and per distinct channel, time and position decay, U, W and full path (Z).
#include <cmath>
#include <cstdint>
#include <vector>

#include "attribution_internal.hpp"
#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

namespace {

// Weights of the anchored models: each role's share goes to its touch (roles on
// one touch add up), the rest is shared by the touches that hold no role; the
// weights are then normalised.
void anchored_weights(std::size_t n, std::span<const std::size_t> roles, double role_share, double rest_share,
                      std::vector<double>& w) {
  w.assign(n, 0.0);
  std::vector<char> is_anchor(n, 0);
  for (std::size_t r : roles) {
    w[r] += role_share;
    is_anchor[r] = 1;
  }
  std::size_t others = 0;
  for (std::size_t i = 0; i < n; ++i) others += is_anchor[i] ? 0 : 1;
  if (others > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!is_anchor[i]) w[i] = rest_share / static_cast<double>(others);
    }
  }
  double sum = 0;
  for (double x : w) sum += x;
  for (double& x : w) x /= sum;
}

}  // namespace

absl::StatusOr<Attribution> heuristic_attribution(const Journeys& journeys, const AttributionOptions& options) {
  const AttributionModel model = options.model;
  if (model == AttributionModel::time_decay) {
    if (!journeys.timed()) {
      return absl::InvalidArgumentError(
          "model time_decay: needs touch times, which journeys from the engine have and path files do not "
          "(use position_decay for decay by position)");
    }
    if (options.half_life <= 0) {
      return absl::InvalidArgumentError(detail::cat("half_life: ", options.half_life, " must be > 0"));
    }
  }
  if (model == AttributionModel::position_decay &&
      !(options.position_half_life > 0 && std::isfinite(options.position_half_life))) {
    return absl::InvalidArgumentError(
        detail::cat("position_half_life: ", options.position_half_life, " must be a finite number > 0"));
  }

  Attribution a = start_attribution(journeys, model);
  const std::size_t C = journeys.channel_count();
  std::vector<double> conv(C, 0.0), val(C, 0.0);
  std::vector<double> w;
  std::vector<std::uint64_t> seen(C, 0);  // linear_distinct: journey stamp per channel
  const double half_life = static_cast<double>(options.half_life);

  for (std::size_t j = 0; j < journeys.size(); ++j) {
    const double cj = journeys.conversions(j);
    const double vj = journeys.value(j);
    if (cj == 0 && vj == 0) continue;
    const auto path = journeys.channels(j);
    const std::size_t n = path.size();
    auto credit = [&](std::size_t i, double share) {
      conv[path[i]] += cj * share;
      val[path[i]] += vj * share;
    };
    switch (model) {
      case AttributionModel::first_touch: credit(0, 1.0); break;
      case AttributionModel::last_touch: credit(n - 1, 1.0); break;
      case AttributionModel::linear: {
        const double share = 1.0 / static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) credit(i, share);
        break;
      }
      case AttributionModel::linear_distinct: {
        const std::uint64_t stamp = j + 1;
        std::size_t d = 0;
        for (std::uint32_t c : path) {
          if (seen[c] != stamp) {
            seen[c] = stamp;
            ++d;
          }
        }
        const double share = 1.0 / static_cast<double>(d);
        for (std::uint32_t c : path) {
          if (seen[c] == stamp) {  // first occurrence: credit once, then unmark
            seen[c] = 0;
            conv[c] += cj * share;
            val[c] += vj * share;
          }
        }
        break;
      }
      case AttributionModel::time_decay:
      case AttributionModel::position_decay: {
        w.resize(n);
        double sum = 0;
        if (model == AttributionModel::time_decay) {
          // 2^(-(end - t)/h), divided by the common factor 2^(-(end - t_last)/h)
          // so that the last touch weighs 1 and no weight underflows to 0 alone.
          const JourneyView v = journeys[j];
          for (std::size_t i = 0; i < n; ++i) {
            w[i] = std::exp2(-static_cast<double>(v.times[n - 1] - v.times[i]) / half_life);
            sum += w[i];
          }
        } else {
          for (std::size_t i = 0; i < n; ++i) {
            w[i] = std::exp2(-static_cast<double>(n - 1 - i) / options.position_half_life);
            sum += w[i];
          }
        }
        for (std::size_t i = 0; i < n; ++i) credit(i, w[i] / sum);
        break;
      }
      case AttributionModel::u_shaped: {
        if (n == 1) {
          credit(0, 1.0);
        } else if (n == 2) {
          credit(0, 0.5);
          credit(1, 0.5);
        } else {
          credit(0, 0.4);
          credit(n - 1, 0.4);
          const double share = 0.2 / static_cast<double>(n - 2);
          for (std::size_t i = 1; i + 1 < n; ++i) credit(i, share);
        }
        break;
      }
      case AttributionModel::w_shaped:
      case AttributionModel::full_path: {
        const JourneyAnchors an = journeys[j].anchors;
        const std::size_t last = n - 1;
        const std::size_t handoff = an.handoff >= 0 ? static_cast<std::size_t>(an.handoff) : last;
        const std::size_t opportunity = an.opportunity >= 0 ? static_cast<std::size_t>(an.opportunity) : last;
        if (model == AttributionModel::w_shaped) {
          const std::size_t roles[] = {0, handoff, opportunity};
          anchored_weights(n, roles, 0.3, 0.1, w);
        } else {
          const std::size_t roles[] = {0, handoff, opportunity, last};
          anchored_weights(n, roles, 0.225, 0.1, w);
        }
        for (std::size_t i = 0; i < n; ++i) credit(i, w[i]);
        break;
      }
      default: return absl::InternalError("heuristic_attribution: not a heuristic model");
    }
  }
  for (std::size_t c = 0; c < C; ++c) {
    a.channels[c].conversions = conv[c];
    a.channels[c].value = val[c];
  }
  finish_attribution(a);
  return a;
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
