// doorway — the touch-count temperature policy (seeds/001: a cold lead turns warm
// after about three to five contact points). The score is the number of effective
// touches (contacts and door touches, not outcomes) inside a sliding window; the
// level moves up at the enter thresholds and down only below the lower exit
// thresholds, so a lead hovering at a boundary does not flap.
//
// Enter warm at >= warm_enter, hot at >= hot_enter; leave hot when the count falls
// below hot_exit, leave warm when it falls below warm_exit. Touches age out of the
// window lazily: the level is evaluated when read, no timer needed.
//
// Optionally (both off by default, so the count is a plain count of touches):
// - weights by team: an effective touch counts `marketing_weight`,
//   `sales_weight` or `unknown_weight` by the team the classifier gave it (e.g. a
//   sales conversation counts 2); a touch of weight 0 is not counted at all;
// - decay: with a half-life, each touch's weight halves every half-life
//   (weight × 2^(−age / half_life)) until it leaves the window, so the count is
//   fractional and a lead cools gradually.
// The count is then Σ weight × factor(at, now) over the touches in the window;
// explanations list each touch with its weight as points and that factor.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "doorway/detail/heap_vector.hpp"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

struct TemperatureOptions {
  double warm_enter = 3;
  double warm_exit = 2;
  double hot_enter = 5;
  double hot_exit = 4;
  Duration window = 90 * kDay;  // 0: touches never age out
  double marketing_weight = 1;  // what one effective touch counts, by its team
  double sales_weight = 1;
  double unknown_weight = 1;
  Duration half_life = 0;  // 0: a touch counts fully until it leaves the window

  bool weighted() const noexcept { return marketing_weight != 1 || sales_weight != 1 || unknown_weight != 1; }
  double weight(Team team) const noexcept {
    switch (team) {
      case Team::marketing: return marketing_weight;
      case Team::sales: return sales_weight;
      default: return unknown_weight;
    }
  }
};

class TemperaturePolicy {
 public:
  using Options = TemperatureOptions;
  enum RuleCode : std::uint8_t { kEffectiveTouch = 0 };

  struct State {
    absl::InlinedVector<Timestamp, 5> recent;  // effective touches still in the window, ascending
    detail::HeapVector<double> weights;        // their weights, when the options weigh by team
    Temperature level = Temperature::cold;     // as of the last touch
  };

  explicit TemperaturePolicy(Options options = {}) : options_(options), weighted_(options.weighted()) {}
  const Options& options() const noexcept { return options_; }

  double factor(Timestamp at, Timestamp now) const noexcept {
    if (options_.window > 0 && !(now - at < options_.window)) return 0.0;
    if (options_.half_life <= 0 || now == at) return 1.0;  // at the same time: exp2(-0) = 1
    return std::exp2(-static_cast<double>(now - at) / static_cast<double>(options_.half_life));
  }

  double value(const State& s, Timestamp now) const noexcept { return count(s, now); }

  Temperature level(const State& s, Timestamp now) const noexcept { return settle(s.level, count(s, now)); }

  // The touch times apply() reads first (PrefetchPolicy): past five they live on
  // the heap, away from the lead's row; within five, data() is in the row itself.
  void prefetch(const State& s) const noexcept {
    __builtin_prefetch(s.recent.data());
    s.weights.prefetch();
  }

  Applied apply(State& s, const ScoreContext& ctx) const {
    if (ctx.classification.kind == TouchKind::outcome) return {};
    const double w = options_.weight(ctx.classification.team);
    if (w == 0) return {};
    if (options_.window > 0) {
      auto first_live = std::upper_bound(s.recent.begin(), s.recent.end(),
                                         ctx.at - options_.window);
      if (weighted_) s.weights.erase_first(static_cast<std::size_t>(first_live - s.recent.begin()));
      s.recent.erase(s.recent.begin(), first_live);
    }
    // Touches arrive in time order: what is left is all live at ctx.at.
    s.level = settle(s.level, count_from(s, 0, ctx.at));
    s.recent.push_back(ctx.at);
    if (weighted_) s.weights.push_back(w);
    const double n = count_from(s, 0, ctx.at);
    if (n >= options_.hot_enter) {
      s.level = Temperature::hot;
    } else if (n >= options_.warm_enter && s.level == Temperature::cold) {
      s.level = Temperature::warm;
    }
    return Applied{w, kEffectiveTouch, true};
  }

  std::string rule_name(const Applied&, std::string_view type) const {
    return "temperature.effective_touch:" + std::string(type);
  }

 private:
  // The effective count at `now`: touches at `at` count while now - at < window.
  double count(const State& s, Timestamp now) const noexcept {
    if (options_.window <= 0) return count_from(s, 0, now);
    const auto first_live = std::upper_bound(s.recent.begin(), s.recent.end(), now - options_.window);
    return count_from(s, static_cast<std::size_t>(first_live - s.recent.begin()), now);
  }
  // The same, over recent[first..], all of which are in the window at `now`.
  double count_from(const State& s, std::size_t first, Timestamp now) const noexcept {
    const std::size_t size = s.recent.size();
    if (!weighted_ && options_.half_life <= 0) return static_cast<double>(size - first);
    double n = 0;
    for (std::size_t i = first; i < size; ++i) n += (weighted_ ? s.weights[i] : 1.0) * factor(s.recent[i], now);
    return n;
  }
  Temperature settle(Temperature level, double n) const noexcept {
    if (level == Temperature::hot && n < options_.hot_exit) {
      level = n >= options_.warm_exit ? Temperature::warm : Temperature::cold;
    }
    if (level == Temperature::warm && n < options_.warm_exit) level = Temperature::cold;
    return level;
  }

  Options options_;
  bool weighted_ = false;
};

static_assert(LeveledPolicy<TemperaturePolicy>);
static_assert(PrefetchPolicy<TemperaturePolicy>);
static_assert(sizeof(TemperaturePolicy::State) <= 64, "one cache line per lead");

}  // namespace v0
}  // namespace doorway
