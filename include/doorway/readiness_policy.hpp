// doorway — the risk-adjusted readiness policy: how many sales conversations a
// lead needs before it is sales-qualified, from the risk of the purchase.
//
// seeds/002 (reply to a comment): how much a strong marketing campaign can do
// without sales "depends on three things: how expensive your product is, how
// tangible your product is (e.g., a widget vs. a service), how much competition
// you face … The higher the risk, the more personalized interaction the customer
// may need before making a purchasing decision." So the required count grows with
// each of the three:
//
//   required = base
//            + per_price_step × (number of price_steps the price reaches)
//            + service        when tangibility is "service" (a "good" adds 0)
//            + medium / high  when competition is "medium" / "high" ("low" adds 0)
//
// Defaults: base 1 (sales begins with a conversation: seeds/003, 004), price
// steps 1 000 and 10 000 at 1 conversation each, service +1, competition medium
// +1 and high +2 — so a cheap good in a quiet market needs 1 conversation and an
// expensive service against strong competition needs 1 + 2 + 1 + 2 = 6. The
// numbers are a starting point to tune; the seed gives the direction, not the
// sizes.
//
// Each factor reads one trait or property (ScoreContext::attribute, keys
// configurable: "price", "tangibility", "competition"). A touch that carries it
// sets the factor from the value; a value the policy cannot read (an empty value,
// a price that is not a number, a word other than good / service or low / medium /
// high, compared ignoring case) makes the factor unknown, which adds 0; a touch
// without it leaves the factor as it was. No decay.
//
// The score's value is the required count; guards compare it with the
// `sales_conversations` feature (sales touches that were two-way):
// `sales_conversations >= required_conversations`, if the score is named so.
// Explanations: the first touch contributes readiness.base, and each change of a
// factor contributes its change (readiness.price_steps:<n>, readiness.price:unknown,
// readiness.tangibility:<good|service|unknown>,
// readiness.competition:<low|medium|high|unknown>), adding up to the value.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doorway/detail/attribute_text.hpp"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

struct ReadinessOptions {
  double base = 1;                                  // conversations every purchase needs
  std::string price_key = "price";
  std::vector<double> price_steps = {1000, 10000};  // ascending; a price ≥ a step reaches it
  double per_price_step = 1;                        // conversations added per step reached
  std::string tangibility_key = "tangibility";
  double service = 1;                               // added for a service (intangible); a good adds 0
  std::string competition_key = "competition";
  double medium_competition = 1;                    // added for "medium" competition
  double high_competition = 2;                      // added for "high"; "low" adds 0
};

class ReadinessPolicy {
 public:
  using Options = ReadinessOptions;
  enum RuleCode : std::uint8_t { kBase = 0, kPrice = 1, kTangibility = 2, kCompetition = 3, kChanged = 4 };
  // Factor levels carried in Applied::index.
  static constexpr std::uint16_t kUnknown = 0xFFFF;
  enum Tangibility : std::uint16_t { kGood = 0, kService = 1 };
  enum Competition : std::uint16_t { kLow = 0, kMedium = 1, kHigh = 2 };

  struct State {
    bool started = false;
    std::array<double, 3> adds{};  // price, tangibility, competition: what each adds now
  };

  explicit ReadinessPolicy(Options options = {}) : options_(std::move(options)) {
    std::sort(options_.price_steps.begin(), options_.price_steps.end());
  }
  const Options& options() const noexcept { return options_; }

  std::vector<std::string> attribute_keys() const {
    return {options_.price_key, options_.tangibility_key, options_.competition_key};
  }

  double factor(Timestamp, Timestamp) const noexcept { return 1.0; }

  double value(const State& s, Timestamp) const noexcept {
    if (!s.started) return 0.0;
    return options_.base + s.adds[0] + s.adds[1] + s.adds[2];
  }

  Applied apply(State& s, const ScoreContext& ctx) const {
    return net_of_parts([&](auto&& part) { step(s, ctx, part); }, kChanged);
  }

  void apply_parts(State& s, const ScoreContext& ctx, std::vector<Applied>& parts) const {
    step(s, ctx, [&](const Applied& a) { parts.push_back(a); });
  }

  std::string rule_name(const Applied& a, std::string_view type) const {
    switch (a.rule) {
      case kBase: return "readiness.base";
      case kPrice:
        if (a.index == kUnknown) return "readiness.price:unknown";
        return "readiness.price_steps:" + std::to_string(a.index);
      case kTangibility:
        return std::string("readiness.tangibility:") +
               (a.index == kGood ? "good" : a.index == kService ? "service" : "unknown");
      case kCompetition:
        return std::string("readiness.competition:") +
               (a.index == kLow ? "low" : a.index == kMedium ? "medium" : a.index == kHigh ? "high" : "unknown");
      default: return "readiness.factors:" + std::string(type);
    }
  }

 private:
  // What each factor adds for the touch's value, and the level explanations name.
  std::pair<double, std::uint16_t> price(std::string_view v) const noexcept {
    const std::optional<double> x = detail::number_of(v);
    if (!x) return {0.0, kUnknown};
    std::uint16_t reached = 0;
    for (double step : options_.price_steps) {
      if (*x >= step) ++reached;
    }
    return {options_.per_price_step * reached, reached};
  }
  std::pair<double, std::uint16_t> tangibility(std::string_view v) const noexcept {
    if (detail::same_word(v, "good")) return {0.0, kGood};
    if (detail::same_word(v, "service")) return {options_.service, kService};
    return {0.0, kUnknown};
  }
  std::pair<double, std::uint16_t> competition(std::string_view v) const noexcept {
    if (detail::same_word(v, "low")) return {0.0, kLow};
    if (detail::same_word(v, "medium")) return {options_.medium_competition, kMedium};
    if (detail::same_word(v, "high")) return {options_.high_competition, kHigh};
    return {0.0, kUnknown};
  }

  template <class Emit>
  void step(State& s, const ScoreContext& ctx, Emit&& emit) const {
    if (!s.started) {
      s.started = true;
      emit(Applied{options_.base, kBase, true, 0});
    }
    auto factor_of = [&](std::size_t i, const std::string& key, RuleCode code, auto read) {
      const std::optional<std::string_view> v = ctx.attribute(key);
      if (!v) return;
      const auto [add, level] = read(*v);
      if (add == s.adds[i]) return;
      emit(Applied{add - s.adds[i], code, true, level});
      s.adds[i] = add;
    };
    factor_of(0, options_.price_key, kPrice, [&](std::string_view v) { return price(v); });
    factor_of(1, options_.tangibility_key, kTangibility, [&](std::string_view v) { return tangibility(v); });
    factor_of(2, options_.competition_key, kCompetition, [&](std::string_view v) { return competition(v); });
  }

  Options options_;
};

static_assert(ScoringPolicy<ReadinessPolicy>);
static_assert(PartedPolicy<ReadinessPolicy>);
static_assert(AttributePolicy<ReadinessPolicy>);

}  // namespace v0
}  // namespace doorway
