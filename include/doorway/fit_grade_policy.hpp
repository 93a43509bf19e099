// doorway — the fit-grade policy: a letter grade F … A+ (doorway/grade.hpp) for
// how well a lead matches the ideal customer profile, from its traits.
//
// Semantics (Pardot grading, as its documentation states them: every prospect
// starts at D; matching a profile criterion raises the grade by the criterion's
// ⅓, ⅔ or whole letter, "not match" lowers it by the same amount, and "not known"
// has no impact; ten ⅓ steps lead from D to A+ — help.pardot.com "Grading
// Overview" (2016) and Salesforce Trailhead "Pardot Lead Scoring and Grading: Use
// Grading"):
// - A lead is graded from its first touch, at D.
// - Each criterion reads one trait (ScoreContext::attribute: the touch's traits,
//   else its properties; an `identify` call's traits in Segment terms). A touch
//   that carries the trait sets the criterion's status from the value: it
//   matches (+steps), explicitly fails (−steps: the value is there and is not one
//   the criterion wants), or is unknown (0: an empty value, or, for a numeric
//   criterion, text that is not a number). A touch without the trait leaves the
//   status as it was; unknown traits change nothing.
// - The grade is D moved by the sum of the criteria's current effects, held within
//   F … A+. It depends only on each criterion's latest status, never on the order
//   the statuses changed in (a clamp on the sum, not on each step).
// - The score's value is the grade's rank (F 0, D 2, C 5, B 8, A 11, A+ 12; one
//   step is a third of a letter); guards compare it with letters (`fit >= B`).
//   No decay: a grade changes only when traits do.
//
// Explanations: the lead's first touch contributes grade.start:D (2 steps); every
// later change of a criterion's status contributes its change in steps
// (grade.match:<criterion>, grade.fail:<criterion>, grade.unknown:<criterion>),
// and when the F … A+ bounds hold the grade back, grade.held_at:<grade> carries
// the difference, so the contributions always add up to the rank.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "doorway/detail/attribute_text.hpp"
#include "doorway/grade.hpp"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

// One profile criterion: either a list of wanted words or a numeric range.
struct GradeCriterion {
  std::string name;               // unique within the policy; explanations show it
  std::string trait;              // the trait (or property) it reads
  std::vector<std::string> in;    // matches when the value is one of these (ASCII case-insensitive)
  std::optional<double> min;      // when `in` is empty: matches when the value is a number
  std::optional<double> max;      //   ≥ min (if set) and ≤ max (if set)
  int steps = 1;                  // 1, 2 or 3: ⅓, ⅔ or a whole letter

  // The criterion's effect for a value the touch gives: +steps, −steps or 0.
  int effect(std::string_view value) const noexcept {
    if (detail::trim_blanks(value).empty()) return 0;
    if (!in.empty()) {
      for (const std::string& w : in) {
        if (detail::same_word(value, w)) return steps;
      }
      return -steps;
    }
    const std::optional<double> x = detail::number_of(value);
    if (!x) return 0;
    const bool ok = (!min || *x >= *min) && (!max || *x <= *max);
    return ok ? steps : -steps;
  }
};

class FitGradePolicy {
 public:
  enum RuleCode : std::uint8_t { kStart = 0, kMatch = 1, kFail = 2, kUnknown = 3, kHeld = 4, kChanged = 5 };
  static constexpr int kStartRank = static_cast<int>(Grade::D);

  struct State {
    bool started = false;
    absl::InlinedVector<std::int8_t, 8> effects;  // per criterion: +steps, −steps or 0
  };

  explicit FitGradePolicy(std::vector<GradeCriterion> criteria) : criteria_(std::move(criteria)) {
    for (GradeCriterion& c : criteria_) c.steps = std::clamp(c.steps, 1, 3);
  }

  const std::vector<GradeCriterion>& criteria() const noexcept { return criteria_; }

  std::vector<std::string> attribute_keys() const {
    std::vector<std::string> keys;
    for (const GradeCriterion& c : criteria_) keys.push_back(c.trait);
    return keys;
  }

  double factor(Timestamp, Timestamp) const noexcept { return 1.0; }

  double value(const State& s, Timestamp) const noexcept { return s.started ? rank(s) : 0.0; }
  Grade grade(const State& s, Timestamp) const noexcept { return grade_of_rank(s.started ? rank(s) : 0); }

  // One Applied for the whole touch: its net change in steps.
  Applied apply(State& s, const ScoreContext& ctx) const {
    return net_of_parts([&](auto&& part) { step(s, ctx, part); }, kChanged);
  }

  // The same change, as one part per criterion (and the start and bounds).
  void apply_parts(State& s, const ScoreContext& ctx, std::vector<Applied>& parts) const {
    step(s, ctx, [&](const Applied& a) { parts.push_back(a); });
  }

  std::string rule_name(const Applied& a, std::string_view type) const {
    const std::string criterion = a.index < criteria_.size() ? criteria_[a.index].name : std::string();
    switch (a.rule) {
      case kStart: return "grade.start:D";
      case kMatch: return "grade.match:" + criterion;
      case kFail: return "grade.fail:" + criterion;
      case kUnknown: return "grade.unknown:" + criterion;
      case kHeld: return "grade.held_at:" + std::string(to_string(grade_of_rank(a.index)));
      default: return "grade.criteria:" + std::string(type);
    }
  }

 private:
  int raw(const State& s) const noexcept {
    int r = kStartRank;
    for (std::int8_t e : s.effects) r += e;
    return r;
  }
  double rank(const State& s) const noexcept { return std::clamp(raw(s), 0, kGradeSteps); }

  template <class Emit>
  void step(State& s, const ScoreContext& ctx, Emit&& emit) const {
    if (s.effects.size() < criteria_.size()) s.effects.resize(criteria_.size(), 0);
    int before_raw = kStartRank;
    int before_rank = kStartRank;
    if (!s.started) {
      s.started = true;
      emit(Applied{static_cast<double>(kStartRank), kStart, true, 0});
    } else {
      before_raw = raw(s);
      before_rank = std::clamp(before_raw, 0, kGradeSteps);
    }
    for (std::size_t i = 0; i < criteria_.size(); ++i) {
      const std::optional<std::string_view> v = ctx.attribute(criteria_[i].trait);
      if (!v) continue;
      const int now = criteria_[i].effect(*v);
      const int was = s.effects[i];
      if (now == was) continue;
      s.effects[i] = static_cast<std::int8_t>(now);
      const RuleCode code = now > 0 ? kMatch : now < 0 ? kFail : kUnknown;
      emit(Applied{static_cast<double>(now - was), code, true, static_cast<std::uint16_t>(i)});
    }
    const int after_raw = raw(s);
    const int after_rank = std::clamp(after_raw, 0, kGradeSteps);
    const int held = (after_rank - before_rank) - (after_raw - before_raw);
    if (held != 0) emit(Applied{static_cast<double>(held), kHeld, true, static_cast<std::uint16_t>(after_rank)});
  }

  std::vector<GradeCriterion> criteria_;
};

static_assert(GradedPolicy<FitGradePolicy>);
static_assert(PartedPolicy<FitGradePolicy>);
static_assert(AttributePolicy<FitGradePolicy>);

}  // namespace v0
}  // namespace doorway
