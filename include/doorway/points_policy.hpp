// doorway — the points policy: signed points per touch type, once per type or
// repeatable; caps per rule, per group of rules and per score; decay per score or
// per group (doorway/decay.hpp: exponential half-life, linear points per day, or a
// hard window), evaluated lazily when the score is read (no scheduled job ever runs).
//
// Groups (HubSpot-style score groups): rules may belong to a named group; a group
// may have its own cap and its own decay ("web visits decay with a 30-day
// half-life, demo requests never"). Rules in no group, and groups without a decay,
// decay as the score does.
//
// Caps limit what a new touch adds, when it is applied: a positive contribution is
// clipped to the room left under every cap over it — its rule's cap (the rule's
// live points), its group's cap (the group's live points) and the score's cap (the
// score's live points) — and never below zero; the tightest cap names the rule
// (points.rule_capped, points.group_capped.<group>, points.capped). "Live" means
// decayed to the touch's time, so room frees up as older points decay. Negative
// points are never clipped. A cap is not a ceiling the score is forced under
// later: with decays that differ between groups, a penalty that fades faster than
// the bonuses can let the total drift above a cap (with one decay for all
// contributions, positive totals never exceed their caps).
//
// State: groups whose decay composes (none, exponential) keep one running total
// each (and one per capped rule in them); groups with a linear or window decay
// keep their live contributions, dropping each once it is spent.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "doorway/decay.hpp"
#include "doorway/detail/heap_vector.hpp"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

struct PointsRule {
  TypeId type = kNoType;
  double points = 0;
  bool once = false;          // only the lead's first touch of this type scores
  std::optional<double> cap;  // the rule's live points never rise above this
  int group = -1;             // index into PointsOptions::groups; -1 (or out of range): no group

  PointsRule() = default;
  // {type, points}, {type, points, once}, … as before caps and groups existed.
  PointsRule(TypeId type_, double points_, bool once_ = false, std::optional<double> cap_ = std::nullopt,
             int group_ = -1)
      : type(type_), points(points_), once(once_), cap(cap_), group(group_) {}
};

// A named group of rules with its own cap and decay.
struct PointsGroup {
  std::string name;
  std::optional<double> cap;   // the group's live points never rise above this
  std::optional<Decay> decay;  // unset: the score's decay
};

struct PointsOptions {
  std::optional<double> cap;  // the total never rises above this (see caps above)
  Duration half_life = 0;     // shorthand: exponential decay with this half-life (0: none), when `decay` is none
  Decay decay;                // the score's decay: rules in no group, groups without a decay
  std::vector<PointsGroup> groups;

  // The score's decay, `decay` or else the `half_life` shorthand.
  Decay score_decay() const noexcept {
    if (decay.kind != DecayKind::none) return decay;
    return half_life > 0 ? Decay::exponential(half_life) : Decay::none();
  }
};

class PointsPolicy {
 public:
  using Options = PointsOptions;
  enum RuleCode : std::uint8_t { kTypePoints = 0, kOnceRepeat = 1, kCapped = 2, kRuleCapped = 3, kGroupCapped = 4 };

  // A running total, as of its last change.
  struct Sum {
    double value = 0;
    Timestamp as_of = 0;
  };
  // A live contribution in a group whose decay does not compose.
  struct Entry {
    Timestamp at = 0;
    double points = 0;
    std::uint16_t rule = 0;
  };
  struct State {
    absl::InlinedVector<Sum, 1> sums;          // one per slot (see slot_count_); empty until a rule applies
    detail::HeapVector<Entry> entries;         // by time; spent ones dropped when a touch applies
    absl::InlinedVector<TypeId, 4> once_seen;  // once-rules already used, sorted
  };

  PointsPolicy(std::vector<PointsRule> rules, Options options)
      : rules_(std::move(rules)), options_(std::move(options)) {
    // Lane 0: rules in no group; lane g + 1: group g.
    lanes_.push_back(options_.score_decay());
    for (const PointsGroup& g : options_.groups) lanes_.push_back(g.decay.value_or(lanes_[0]));
    for (const Decay& d : lanes_) lane_slot_.push_back(d.composes() ? next_slot() : -1);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      PointsRule& r = rules_[i];
      if (r.group < 0 || static_cast<std::size_t>(r.group) >= options_.groups.size()) r.group = -1;
      rule_lane_.push_back(static_cast<std::uint16_t>(r.group + 1));
      rule_slot_.push_back(r.cap && lane_slot_[rule_lane_[i]] >= 0 ? next_slot() : -1);
      const TypeId t = r.type;
      if (t == kNoType) continue;
      if (by_type_.size() <= t) by_type_.resize(std::size_t{t} + 1, -1);
      by_type_[t] = static_cast<int>(i);
    }
  }

  const std::vector<PointsRule>& rules() const noexcept { return rules_; }
  const Options& options() const noexcept { return options_; }

  // The score's decay factor (for a linear decay, see contribution_factor()).
  double factor(Timestamp at, Timestamp now) const noexcept { return lanes_[0].factor(at, now); }

  // What contribution `a` is worth per point at `now`: its group's decay.
  double contribution_factor(const Applied& a, Timestamp at, Timestamp now) const noexcept {
    const std::size_t lane = a.index < rule_lane_.size() ? rule_lane_[a.index] : 0;
    return lanes_[lane].contribution_factor(a.points, at, now);
  }

  double value(const State& s, Timestamp now) const noexcept {
    double total = 0;
    for (std::size_t lane = 0; lane < lanes_.size(); ++lane) total += lane_value(s, lane, now);
    return total;
  }

  // The kept contributions apply() reads first (PrefetchPolicy).
  void prefetch(const State& s) const noexcept {
    s.entries.prefetch();
  }

  Applied apply(State& s, const ScoreContext& ctx) const {
    if (ctx.type == kNoType || ctx.type >= by_type_.size() || by_type_[ctx.type] < 0) return {};
    const auto ri = static_cast<std::size_t>(by_type_[ctx.type]);
    const PointsRule& rule = rules_[ri];
    const std::size_t lane = rule_lane_[ri];
    if (s.sums.size() < slot_count_) s.sums.resize(slot_count_);
    drop_spent(s, ctx.at);
    Applied a{0, kTypePoints, true, static_cast<std::uint16_t>(ri)};
    double points = rule.points;
    if (rule.once) {
      auto it = std::lower_bound(s.once_seen.begin(), s.once_seen.end(), rule.type);
      if (it != s.once_seen.end() && *it == rule.type) {
        a.rule = kOnceRepeat;
        points = 0;
      } else {
        s.once_seen.insert(it, rule.type);
      }
    }
    const double lane_now = lane_value(s, lane, ctx.at);
    // The tightest cap the touch would cross: the room it leaves, and whether the
    // capped total is this lane's total (then the lane lands exactly on the cap).
    std::optional<double> clip;
    double clip_cap = 0;
    bool clip_is_lane = false;
    auto check = [&](const std::optional<double>& cap, double total, RuleCode code, bool is_lane) {
      if (!cap || !(total + points > *cap)) return;
      const double room = std::max(0.0, *cap - total);
      if (clip && room >= *clip) return;
      clip = room;
      clip_cap = *cap;
      clip_is_lane = is_lane;
      a.rule = code;
    };
    if (points > 0) {
      if (rule.cap) check(rule.cap, rule_value(s, ri, ctx.at), kRuleCapped, false);
      if (lane > 0) check(options_.groups[lane - 1].cap, lane_now, kGroupCapped, true);
      if (options_.cap) {
        const double total = lanes_.size() == 1 ? lane_now : value(s, ctx.at);  // one lane: its value is the total
        check(options_.cap, total, kCapped, total == lane_now);
      }
      if (clip) points = *clip;
    }
    a.points = points;
    if (const int slot = lane_slot_[lane]; slot >= 0) {
      // Rebased to the touch's time even when nothing is added, as the total
      // would be read then.
      Sum& sum = s.sums[static_cast<std::size_t>(slot)];
      sum.value = clip && clip_is_lane && points > 0 ? clip_cap : lane_now + points;
      sum.as_of = ctx.at;
      if (const int rs = rule_slot_[ri]; rs >= 0) {
        Sum& rsum = s.sums[static_cast<std::size_t>(rs)];
        rsum.value = rule_value(s, ri, ctx.at) + points;
        rsum.as_of = ctx.at;
      }
    } else if (points != 0) {
      s.entries.push_back({ctx.at, points, static_cast<std::uint16_t>(ri)});
    }
    return a;
  }

  std::string rule_name(const Applied& a, std::string_view type) const {
    switch (a.rule) {
      case kOnceRepeat: return "points.once_already_scored:" + std::string(type);
      case kCapped: return "points.capped:" + std::string(type);
      case kRuleCapped: return "points.rule_capped:" + std::string(type);
      case kGroupCapped: {
        const std::size_t lane = a.index < rule_lane_.size() ? rule_lane_[a.index] : 0;
        const std::string group = lane > 0 ? options_.groups[lane - 1].name : std::string();
        return "points.group_capped." + group + ":" + std::string(type);
      }
      default: return "points.type:" + std::string(type);
    }
  }

 private:
  static double sum_at(const Sum& sum, const Decay& d, Timestamp now) noexcept {
    return sum.value == 0 ? 0.0 : sum.value * d.factor(sum.as_of, now);
  }

  double lane_value(const State& s, std::size_t lane, Timestamp now) const noexcept {
    if (const int slot = lane_slot_[lane]; slot >= 0) {
      return static_cast<std::size_t>(slot) < s.sums.size() ? sum_at(s.sums[static_cast<std::size_t>(slot)], lanes_[lane], now)
                                                             : 0.0;
    }
    double total = 0;
    for (const Entry& e : s.entries) {
      if (rule_lane_[e.rule] == lane) total += lanes_[lane].worth(e.points, e.at, now);
    }
    return total;
  }

  double rule_value(const State& s, std::size_t rule, Timestamp now) const noexcept {
    const Decay& d = lanes_[rule_lane_[rule]];
    if (const int slot = rule_slot_[rule]; slot >= 0) {
      return static_cast<std::size_t>(slot) < s.sums.size() ? sum_at(s.sums[static_cast<std::size_t>(slot)], d, now) : 0.0;
    }
    double total = 0;
    for (const Entry& e : s.entries) {
      if (e.rule == rule) total += d.worth(e.points, e.at, now);
    }
    return total;
  }

  int next_slot() noexcept { return static_cast<int>(slot_count_++); }

  // Entries worth nothing from `now` on can go: touches arrive in time order.
  void drop_spent(State& s, Timestamp now) const {
    if (s.entries.empty()) return;
    s.entries.erase_if([&](const Entry& e) { return lanes_[rule_lane_[e.rule]].spent(e.points, e.at, now); });
  }

  std::vector<PointsRule> rules_;
  std::vector<int> by_type_;
  Options options_;
  std::vector<Decay> lanes_;                // lane 0: no group; lane g + 1: group g
  std::vector<int> lane_slot_;              // the lane's running total in State::sums, or -1 (entries)
  std::vector<std::uint16_t> rule_lane_;
  std::vector<int> rule_slot_;              // a capped rule's running total, or -1
  std::size_t slot_count_ = 0;
};

static_assert(ScoringPolicy<PointsPolicy>);
static_assert(ContributionFactorPolicy<PointsPolicy>);
static_assert(sizeof(PointsPolicy::State) <= 64, "one cache line per lead");

}  // namespace v0
}  // namespace doorway
