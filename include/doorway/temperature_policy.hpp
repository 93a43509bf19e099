// doorway — the touch-count temperature policy (seeds/001: a cold lead turns warm
// after about three to five contact points). The score is the number of effective
// touches (contacts and door touches, not outcomes) inside a sliding window; the
// level moves up at the enter thresholds and down only below the lower exit
// thresholds, so a lead hovering at a boundary does not flap.
//
// Enter warm at >= warm_enter, hot at >= hot_enter; leave hot when the count falls
// below hot_exit, leave warm when it falls below warm_exit. Touches age out of the
// window lazily: the level is evaluated when read, no timer needed.
#pragma once

#include <algorithm>
#include <string>

#include "absl/container/inlined_vector.h"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

struct TemperatureOptions {
  double warm_enter = 3;
  double warm_exit = 2;
  double hot_enter = 5;
  double hot_exit = 4;
  Duration window = 90 * kDay;  // 0: touches never age out
};

class TemperaturePolicy {
 public:
  using Options = TemperatureOptions;
  enum RuleCode : std::uint8_t { kEffectiveTouch = 0 };

  struct State {
    Temperature level = Temperature::cold;  // as of the last touch
    absl::InlinedVector<Timestamp, 6> recent;  // effective touches still in the window, ascending
  };

  explicit TemperaturePolicy(Options options = {}) : options_(options) {}
  const Options& options() const noexcept { return options_; }

  double factor(Timestamp at, Timestamp now) const noexcept {
    if (options_.window <= 0) return 1.0;
    return now - at < options_.window ? 1.0 : 0.0;
  }

  double value(const State& s, Timestamp now) const noexcept {
    return static_cast<double>(count(s, now));
  }

  Temperature level(const State& s, Timestamp now) const noexcept {
    return settle(s.level, static_cast<double>(count(s, now)));
  }

  Applied apply(State& s, const ScoreContext& ctx) const {
    if (ctx.classification.kind == TouchKind::outcome) return {};
    if (options_.window > 0) {
      auto first_live = std::upper_bound(s.recent.begin(), s.recent.end(),
                                         ctx.at - options_.window);
      s.recent.erase(s.recent.begin(), first_live);
    }
    s.level = settle(s.level, static_cast<double>(s.recent.size()));
    s.recent.push_back(ctx.at);
    const double n = static_cast<double>(s.recent.size());
    if (n >= options_.hot_enter) {
      s.level = Temperature::hot;
    } else if (n >= options_.warm_enter && s.level == Temperature::cold) {
      s.level = Temperature::warm;
    }
    return Applied{1.0, kEffectiveTouch, true};
  }

  std::string rule_name(const Applied&, std::string_view type) const {
    return "temperature.effective_touch:" + std::string(type);
  }

 private:
  std::size_t count(const State& s, Timestamp now) const noexcept {
    if (options_.window <= 0) return s.recent.size();
    // Touches at `at` count while now - at < window.
    auto first_live = std::upper_bound(s.recent.begin(), s.recent.end(), now - options_.window);
    return static_cast<std::size_t>(s.recent.end() - first_live);
  }
  Temperature settle(Temperature level, double n) const noexcept {
    if (level == Temperature::hot && n < options_.hot_exit) {
      level = n >= options_.warm_exit ? Temperature::warm : Temperature::cold;
    }
    if (level == Temperature::warm && n < options_.warm_exit) level = Temperature::cold;
    return level;
  }

  Options options_;
};

static_assert(LeveledPolicy<TemperaturePolicy>);

}  // namespace v0
}  // namespace doorway
