// doorway — scoring policies: the concept a policy models, and the type-erased
// column the engine stores one score's per-lead states in.
//
// A policy P is a const, shareable rule set with a per-lead `P::State`:
//   Applied P::apply(State&, const ScoreContext&) const  — a touch arrives (in time order)
//   double  P::value(const State&, Timestamp now) const  — the score at `now` (lazy decay)
//   double  P::factor(Timestamp at, Timestamp now) const — what a contribution made at
//                                                          `at` is worth per point at `now`
//   std::string P::rule_name(const Applied&, std::string_view type) const
// Optional: `Temperature P::level(const State&, Timestamp now) const` makes the score an
// ordered cold < warm < hot feature in guards.
//
// Invariant every policy keeps: value(state, now) == Σ applied.points × factor(at, now)
// over the touches applied — a score always equals the sum of its explained contributions.
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <utility>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "doorway/catalog.hpp"
#include "doorway/classify.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// What a policy sees of one touch.
struct ScoreContext {
  Timestamp at = 0;
  TypeId type = kNoType;
  ChannelId channel = kNoChannel;
  Classification classification;
  const std::optional<double>* value = nullptr;  // the touch's value, if any
};

// What a policy did with one touch: the points it added (possibly clipped by a cap,
// possibly zero) and a policy-specific rule code that names why.
struct Applied {
  double points = 0;
  std::uint8_t rule = 0;
  bool counted = false;  // false: the touch did not move this score at all
};

template <class P>
concept ScoringPolicy = std::default_initializable<typename P::State> &&
                        std::copyable<typename P::State> &&
                        requires(const P& p, typename P::State& s, const typename P::State& cs,
                                 const ScoreContext& ctx, Timestamp t, const Applied& a,
                                 std::string_view type) {
                          { p.apply(s, ctx) } -> std::same_as<Applied>;
                          { p.value(cs, t) } -> std::convertible_to<double>;
                          { p.factor(t, t) } -> std::convertible_to<double>;
                          { p.rule_name(a, type) } -> std::convertible_to<std::string>;
                        };

template <class P>
concept LeveledPolicy = ScoringPolicy<P> && requires(const P& p, const typename P::State& s,
                                                     Timestamp t) {
  { p.level(s, t) } -> std::same_as<Temperature>;
};

namespace detail {

// One score's states for every lead, behind a virtual interface: the type-erased
// adapter the engine, runtime plug-ins and the C boundary use.
class ScoreColumn {
 public:
  virtual ~ScoreColumn() = default;
  virtual void resize(std::size_t leads) = 0;
  virtual void reset(std::uint32_t lead) = 0;
  virtual Applied apply(std::uint32_t lead, const ScoreContext& ctx) = 0;
  virtual double value(std::uint32_t lead, Timestamp now) const = 0;
  // The value guards compare: the level (0, 1, 2) for leveled policies, else value().
  virtual double guard_value(std::uint32_t lead, Timestamp now) const = 0;
  virtual double factor(Timestamp at, Timestamp now) const = 0;
  virtual std::string rule_name(const Applied& a, std::string_view type) const = 0;
  virtual std::size_t state_bytes() const = 0;
};

}  // namespace detail

// A policy as the model holds it: shareable, and able to make a column of states.
class AnyPolicy {
 public:
  virtual ~AnyPolicy() = default;
  virtual std::unique_ptr<detail::ScoreColumn> make_column() const = 0;
  virtual bool leveled() const noexcept = 0;
  virtual std::string_view kind() const noexcept = 0;
  // The wrapped policy object when it has type `type`, else null (like
  // std::function::target); use policy_cast<P>() below. Readers and writers of
  // model files use it to reach a policy's configuration (rules(), options()).
  virtual const void* target(const std::type_info& type) const noexcept = 0;
};

// The policy of type P inside `any`, or null when it holds another type.
template <class P>
const P* policy_cast(const AnyPolicy& any) noexcept {
  return static_cast<const P*>(any.target(typeid(P)));
}

namespace detail {

template <ScoringPolicy P>
class PolicyColumn final : public ScoreColumn {
 public:
  explicit PolicyColumn(std::shared_ptr<const P> policy) : policy_(std::move(policy)) {}
  void resize(std::size_t leads) override { states_.resize(leads); }
  void reset(std::uint32_t lead) override {
    typename P::State fresh;
    std::swap(states_[lead], fresh);
  }
  Applied apply(std::uint32_t lead, const ScoreContext& ctx) override {
    return policy_->apply(states_[lead], ctx);
  }
  double value(std::uint32_t lead, Timestamp now) const override {
    return policy_->value(states_[lead], now);
  }
  double guard_value(std::uint32_t lead, Timestamp now) const override {
    if constexpr (LeveledPolicy<P>) {
      return static_cast<double>(policy_->level(states_[lead], now));
    } else {
      return policy_->value(states_[lead], now);
    }
  }
  double factor(Timestamp at, Timestamp now) const override { return policy_->factor(at, now); }
  std::string rule_name(const Applied& a, std::string_view type) const override {
    return policy_->rule_name(a, type);
  }
  std::size_t state_bytes() const override {
    return states_.capacity() * sizeof(typename P::State);
  }

 private:
  std::shared_ptr<const P> policy_;
  std::vector<typename P::State> states_;
};

template <ScoringPolicy P>
class PolicyHolder final : public AnyPolicy {
 public:
  PolicyHolder(std::shared_ptr<const P> p, std::string_view kind) : p_(std::move(p)), kind_(kind) {}
  std::unique_ptr<ScoreColumn> make_column() const override {
    return std::make_unique<PolicyColumn<P>>(p_);
  }
  bool leveled() const noexcept override { return LeveledPolicy<P>; }
  std::string_view kind() const noexcept override { return kind_; }
  const void* target(const std::type_info& type) const noexcept override {
    return type == typeid(P) ? p_.get() : nullptr;
  }

 private:
  std::shared_ptr<const P> p_;
  std::string kind_;
};

}  // namespace detail

// Wraps any type modelling ScoringPolicy for use in a model: compile-time policies
// keep their inlined apply/value inside the column; the engine sees one virtual call
// per score per touch.
template <ScoringPolicy P>
std::shared_ptr<const AnyPolicy> make_policy(P policy, std::string_view kind = "custom") {
  return std::make_shared<detail::PolicyHolder<P>>(std::make_shared<const P>(std::move(policy)),
                                                   kind);
}

}  // namespace v0
}  // namespace doorway
