// doorway — how a contribution to a score loses its worth with time. Decay is a
// pure function of (points, when it was earned, when it is read): nothing is
// stored or scheduled, a score is decayed when it is read.
//
//   none         the contribution keeps its points forever.
//   exponential  worth = points × 2^(−age / half_life): half of it is gone after
//                each half-life.
//   linear       `per_day` points are lost per day of age, and each contribution
//                stops at zero: worth = sign(points) × max(0, |points| − per_day ×
//                age in days). The floor is per contribution, not on the score's
//                sum: a +10 earned 3 days ago at 2 points/day is worth 4, a −10 is
//                worth −4 (a penalty fades towards zero the same way and never
//                turns into a bonus), and a score of several contributions is the
//                sum of those (it may be negative when penalties outweigh).
//                Explanations show linear decay as a factor = worth / points (1
//                when earned, 0 once faded); points × factor is the worth.
//   window       the contribution counts fully while its age < window, then not at
//                all (factor 1, then 0): only touches of the last N days count.
// An age is now − at; reads before `at` (negative ages) follow the same formulas.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

enum class DecayKind : std::uint8_t { none = 0, exponential = 1, linear = 2, window = 3 };

constexpr std::string_view to_string(DecayKind k) noexcept {
  switch (k) {
    case DecayKind::exponential: return "exponential";
    case DecayKind::linear: return "linear";
    case DecayKind::window: return "window";
    default: return "none";
  }
}

struct Decay {
  DecayKind kind = DecayKind::none;
  Duration half_life = 0;  // exponential: > 0
  double per_day = 0;      // linear: points lost per day, > 0
  Duration window = 0;     // window: > 0

  static constexpr Decay none() noexcept { return {}; }
  static constexpr Decay exponential(Duration half_life) noexcept {
    return {DecayKind::exponential, half_life, 0, 0};
  }
  static constexpr Decay linear(double per_day) noexcept { return {DecayKind::linear, 0, per_day, 0}; }
  static constexpr Decay window_of(Duration window) noexcept { return {DecayKind::window, 0, 0, window}; }

  // True when a running total can stand for every contribution: the factor
  // composes, factor(a, c) = factor(a, b) × factor(b, c) (none, exponential), so
  // a total kept as of its last change decays as the sum of its parts would. A
  // window or a linear decay needs each contribution kept.
  constexpr bool composes() const noexcept {
    return kind == DecayKind::none || kind == DecayKind::exponential;
  }

  // The per-point factor every contribution shares (none, exponential, window);
  // 1 for linear, whose factor depends on the points (contribution_factor()).
  double factor(Timestamp at, Timestamp now) const noexcept {
    switch (kind) {
      case DecayKind::exponential:
        if (half_life <= 0 || now == at) return 1.0;  // at the same time: exp2(-0) = 1, without the call
        return std::exp2(-static_cast<double>(now - at) / static_cast<double>(half_life));
      case DecayKind::window: return window <= 0 || now - at < window ? 1.0 : 0.0;
      default: return 1.0;
    }
  }

  // What `points` earned at `at` are worth at `now`.
  double worth(double points, Timestamp at, Timestamp now) const noexcept {
    if (kind != DecayKind::linear) return points * factor(at, now);
    const double lost = per_day * static_cast<double>(now - at) / static_cast<double>(kDay);
    const double left = std::fabs(points) - lost;
    if (left <= 0) return 0.0;
    return points < 0 ? -left : left;
  }

  // worth / points, the factor explanations show: for a linear decay the fraction
  // of the points left; for a contribution of zero points, the common factor
  // (linear: 1).
  double contribution_factor(double points, Timestamp at, Timestamp now) const noexcept {
    if (kind != DecayKind::linear) return factor(at, now);
    if (points == 0) return 1.0;
    return worth(points, at, now) / points;
  }

  // True when the contribution is worth 0 at `now` and at every later time.
  bool spent(double points, Timestamp at, Timestamp now) const noexcept {
    switch (kind) {
      case DecayKind::linear:
        return points == 0 || per_day * static_cast<double>(now - at) / static_cast<double>(kDay) >= std::fabs(points);
      case DecayKind::window: return window > 0 && now - at >= window;
      default: return points == 0;
    }
  }

  friend constexpr bool operator==(const Decay&, const Decay&) = default;
};

}  // namespace v0
}  // namespace doorway
