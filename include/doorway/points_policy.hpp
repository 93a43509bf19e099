// doorway — the points policy: signed points per touch type, once per type or
// repeatable, an optional cap on the total, and exponential decay by half-life
// evaluated lazily when the score is read (no scheduled job ever runs).
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

struct PointsRule {
  TypeId type = kNoType;
  double points = 0;
  bool once = false;  // only the lead's first touch of this type scores
};

struct PointsOptions {
  std::optional<double> cap;  // the total never rises above this
  Duration half_life = 0;     // 0: no decay
};

class PointsPolicy {
 public:
  using Options = PointsOptions;
  enum RuleCode : std::uint8_t { kTypePoints = 0, kOnceRepeat = 1, kCapped = 2 };

  struct State {
    double value = 0;       // the score as of `as_of`
    Timestamp as_of = 0;
    absl::InlinedVector<TypeId, 4> once_seen;  // once-rules already used, sorted
  };

  PointsPolicy(std::vector<PointsRule> rules, Options options)
      : rules_(std::move(rules)), options_(options) {
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      const TypeId t = rules_[i].type;
      if (t == kNoType) continue;
      if (by_type_.size() <= t) by_type_.resize(std::size_t{t} + 1, -1);
      by_type_[t] = static_cast<int>(i);
    }
  }

  const std::vector<PointsRule>& rules() const noexcept { return rules_; }
  const Options& options() const noexcept { return options_; }

  double factor(Timestamp at, Timestamp now) const noexcept {
    if (options_.half_life <= 0) return 1.0;
    return std::exp2(-static_cast<double>(now - at) / static_cast<double>(options_.half_life));
  }

  double value(const State& s, Timestamp now) const noexcept {
    return s.value == 0 ? 0.0 : s.value * factor(s.as_of, now);
  }

  Applied apply(State& s, const ScoreContext& ctx) const {
    if (ctx.type == kNoType || ctx.type >= by_type_.size() || by_type_[ctx.type] < 0) return {};
    const PointsRule& rule = rules_[static_cast<std::size_t>(by_type_[ctx.type])];
    const double current = value(s, ctx.at);
    Applied a{0, kTypePoints, true};
    double next = current;
    if (rule.once) {
      auto it = std::lower_bound(s.once_seen.begin(), s.once_seen.end(), rule.type);
      if (it != s.once_seen.end() && *it == rule.type) {
        a.rule = kOnceRepeat;
      } else {
        s.once_seen.insert(it, rule.type);
        next = current + rule.points;
      }
    } else {
      next = current + rule.points;
    }
    // The contribution is the rule's points exactly, unless the cap clipped it
    // (then it is what the cap left room for); never next - current, which would
    // carry the decayed total's rounding into the explanation.
    a.points = next == current ? 0.0 : rule.points;
    if (options_.cap && next > *options_.cap && rule.points > 0) {
      next = std::max(current, *options_.cap);
      a.rule = kCapped;
      a.points = next - current;
    }
    s.value = next;
    s.as_of = ctx.at;
    return a;
  }

  std::string rule_name(const Applied& a, std::string_view type) const {
    switch (a.rule) {
      case kOnceRepeat: return "points.once_already_scored:" + std::string(type);
      case kCapped: return "points.capped:" + std::string(type);
      default: return "points.type:" + std::string(type);
    }
  }

 private:
  std::vector<PointsRule> rules_;
  std::vector<int> by_type_;
  Options options_;
};

static_assert(ScoringPolicy<PointsPolicy>);

}  // namespace v0
}  // namespace doorway
