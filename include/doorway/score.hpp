// doorway — scoring policies: the concept a policy models, and the type-erased
// column the engine stores one score's per-lead states in.
//
// A policy P is a const, shareable rule set with a per-lead `P::State`:
//   Applied P::apply(State&, const ScoreContext&) const  — a touch arrives (in time order)
//   double  P::value(const State&, Timestamp now) const  — the score at `now` (lazy decay)
//   double  P::factor(Timestamp at, Timestamp now) const — what a contribution made at
//                                                          `at` is worth per point at `now`
//   std::string P::rule_name(const Applied&, std::string_view type) const
// Optional members, detected by the concepts below (a policy without them behaves as
// if it had the defaults given):
//   Temperature P::level(const State&, Timestamp now) const
//       makes the score an ordered cold < warm < hot feature in guards (LeveledPolicy).
//   Grade P::grade(const State&, Timestamp now) const
//       makes the score a fit grade F < … < A+ in guards; value() must be the grade's
//       rank (GradedPolicy, doorway/grade.hpp).
//   double P::contribution_factor(const Applied& a, Timestamp at, Timestamp now) const
//       what contribution `a`, made at `at`, is worth per point at `now`, when that
//       depends on the contribution itself — on its points (linear decay: a fixed
//       number of points lost per day, so the fraction left depends on how many there
//       were) or on its rule (decay chosen per touch-type group). Default:
//       factor(at, now).
//   void P::apply_parts(State&, const ScoreContext&, std::vector<Applied>& parts) const
//       applies the touch exactly as apply() does and appends one Applied per part of
//       its effect (a fit-grade touch may change several criteria); explanations list
//       each part as a contribution of its own. Default: apply()'s result, when counted.
//   std::vector<std::string> P::attribute_keys() const
//       the trait / property keys the policy reads from ScoreContext::attribute();
//       the engine keeps only keys some policy of the model asks for. Default: none.
//
// Invariant every policy keeps: value(state, now) == Σ part.points ×
// contribution_factor(part, at, now) over the parts of the touches applied (with the
// defaults: Σ applied.points × factor(at, now)) — a score always equals the sum of its
// explained contributions.
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <utility>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "doorway/catalog.hpp"
#include "doorway/classify.hpp"
#include "doorway/detail/chunked_vector.hpp"
#include "doorway/detail/row_store.hpp"
#include "doorway/grade.hpp"
#include "doorway/touch.hpp"
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
  // The touch's traits (an identify call's) and properties (a track event's), as
  // kept by the engine: only the keys some policy of the model reads
  // (attribute_keys()), in the order the touch gave them.
  std::span<const Property> traits;
  std::span<const Property> properties{};

  // The value the touch gives `key`: its first trait of that key, else its first
  // property of that key; nullopt when it carries neither. An empty value is a
  // value (a field that was cleared).
  std::optional<std::string_view> attribute(std::string_view key) const noexcept {
    for (const Property& p : traits) {
      if (p.key == key) return p.value;
    }
    for (const Property& p : properties) {
      if (p.key == key) return p.value;
    }
    return std::nullopt;
  }
};

// What a policy did with one touch: the points it added (possibly clipped by a cap,
// possibly zero) and a policy-specific rule code that names why.
struct Applied {
  double points = 0;
  std::uint8_t rule = 0;
  bool counted = false;  // false: the touch did not move this score at all
  std::uint16_t index = 0;  // policy-specific: which rule, group or criterion
};

// The net of a touch's explained parts, for policies that also offer
// apply_parts(): points summed; the single part's rule and index when there is one,
// else `several_rule`. `step(f)` calls f(const Applied&) once per part.
template <class Step>
Applied net_of_parts(Step&& step, std::uint8_t several_rule) {
  Applied net{0, several_rule, false, 0};
  int parts = 0;
  step([&](const Applied& a) {
    net.points += a.points;
    net.counted = true;
    if (++parts == 1) {
      net.rule = a.rule;
      net.index = a.index;
    } else {
      net.rule = several_rule;
    }
  });
  return net;
}

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

template <class P>
concept GradedPolicy = ScoringPolicy<P> && requires(const P& p, const typename P::State& s, Timestamp t) {
  { p.grade(s, t) } -> std::same_as<Grade>;
};

template <class P>
concept ContributionFactorPolicy = ScoringPolicy<P> && requires(const P& p, const Applied& a, Timestamp t) {
  { p.contribution_factor(a, t, t) } -> std::convertible_to<double>;
};

template <class P>
concept PartedPolicy = ScoringPolicy<P> && requires(const P& p, typename P::State& s, const ScoreContext& ctx,
                                                    std::vector<Applied>& parts) {
  { p.apply_parts(s, ctx, parts) } -> std::same_as<void>;
};

// Optional: a policy whose State keeps part of itself on the heap names it, so the
// engine can fetch it from memory a few touches before the state is applied.
template <class P>
concept PrefetchPolicy = ScoringPolicy<P> && requires(const P& p, const typename P::State& s) {
  { p.prefetch(s) } -> std::same_as<void>;
};

template <class P>
concept AttributePolicy = ScoringPolicy<P> && requires(const P& p) {
  { p.attribute_keys() } -> std::convertible_to<std::vector<std::string>>;
};

// How guards read a score: a number, a temperature (cold < warm < hot, compared
// as 0, 1, 2) or a fit grade (F … A+, compared by rank).
enum class ScoreScale : std::uint8_t { number = 0, temperature = 1, grade = 2 };

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
  // The value guards compare: the level (0, 1, 2) for leveled policies, else value()
  // (a graded policy's value is its grade's rank).
  virtual double guard_value(std::uint32_t lead, Timestamp now) const = 0;
  virtual double factor(Timestamp at, Timestamp now) const = 0;
  virtual std::string rule_name(const Applied& a, std::string_view type) const = 0;
  virtual std::size_t state_bytes() const = 0;
  // Hints that `lead`'s state is about to be read (the engine's ingest pipeline):
  // first the state itself, a few touches later what it keeps on the heap.
  virtual void prefetch(std::uint32_t /*lead*/) const {}
  virtual void prefetch_heap(std::uint32_t /*lead*/) const {}
  // A column may keep its states in the engine's lead rows (detail/row_store.hpp),
  // beside the lead's own data: row_bytes() is what one state takes there (0: the
  // column keeps its own storage) and row_align() its alignment. The engine calls
  // place_in() once, before the first resize(), with the row offset it chose; from
  // then on resize(n) constructs the states of rows the engine has already added,
  // and the column destroys them (it shares the store, which outlives both).
  virtual std::size_t row_bytes() const noexcept { return 0; }
  virtual std::size_t row_align() const noexcept { return 1; }
  virtual void place_in(std::shared_ptr<RowStore> /*rows*/, std::size_t /*offset*/) {}
  // See the optional policy members above; these defaults serve columns whose
  // policy has none of them (runtime plug-ins such as the C callback table).
  virtual double contribution_factor(const Applied& /*a*/, Timestamp at, Timestamp now) const {
    return factor(at, now);
  }
  virtual void apply_parts(std::uint32_t lead, const ScoreContext& ctx, std::vector<Applied>& parts) {
    const Applied a = apply(lead, ctx);
    if (a.counted) parts.push_back(a);
  }

  // Optional, for columns whose score is not a sum of per-touch points × factor
  // (the predictive scores: their contributions are re-weighted as the shared
  // training data grows). A column that explains itself lists its contributions
  // at `now`; `touch` is the index of the lead's applied touch (0-based, in
  // application order since the last reset) the contribution comes from, or
  // kNoTouch (a prior or intercept). Their points × factor sum to value(lead, now).
  static constexpr std::uint32_t kNoTouch = 0xFFFFFFFF;
  struct Contribution {
    std::uint32_t touch = kNoTouch;
    std::string rule;
    double points = 0;
    double factor = 1;
    std::optional<double> log_odds;  // predictive scores: the feature's weight in log-odds
  };
  virtual bool explains_itself() const noexcept { return false; }
  virtual void explain(std::uint32_t /*lead*/, Timestamp /*now*/, std::vector<Contribution>& /*out*/) const {}
  // Told once by the engine: how far behind its watermark a touch may still be
  // accepted. Columns that learn across leads train only on what no later touch
  // can change (see naive_bayes_policy.hpp).
  virtual void set_late_window(Duration /*window*/) {}
};

}  // namespace detail

// A policy as the model holds it: shareable, and able to make a column of states.
class AnyPolicy {
 public:
  virtual ~AnyPolicy() = default;
  virtual std::unique_ptr<detail::ScoreColumn> make_column() const = 0;
  virtual bool leveled() const noexcept = 0;
  virtual std::string_view kind() const noexcept = 0;
  virtual ScoreScale scale() const noexcept {
    return leveled() ? ScoreScale::temperature : ScoreScale::number;
  }
  // The trait / property keys the policy reads (see ScoreContext::attribute).
  virtual std::vector<std::string> attribute_keys() const { return {}; }
  // True for policies that learn from every lead's outcomes (naive Bayes): a lead's
  // score then depends on other leads, and cannot be recomputed from the lead's own
  // touches alone (so account roll-ups cannot read it).
  virtual bool learns_across_leads() const noexcept { return false; }
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
  using State = typename P::State;
  // States up to this size go into the engine's lead rows; larger ones (and
  // over-aligned ones) stay in the column's own storage.
  static constexpr std::size_t kRowStateMax = 128;

  explicit PolicyColumn(std::shared_ptr<const P> policy) : policy_(std::move(policy)) {}
  PolicyColumn(const PolicyColumn&) = delete;
  PolicyColumn& operator=(const PolicyColumn&) = delete;
  ~PolicyColumn() override { destroy_placed_from(0); }

  std::size_t row_bytes() const noexcept override {
    return sizeof(State) <= kRowStateMax && alignof(State) <= RowStore::kAlign ? sizeof(State) : 0;
  }
  std::size_t row_align() const noexcept override { return alignof(State); }
  void place_in(std::shared_ptr<RowStore> rows, std::size_t offset) override {
    rows_ = std::move(rows);
    offset_ = offset;
  }
  void resize(std::size_t leads) override {
    if (!rows_) return states_.resize(leads);
    destroy_placed_from(leads);
    for (; placed_ < leads; ++placed_) ::new (static_cast<void*>(rows_->row(placed_) + offset_)) State();
  }
  void prefetch(std::uint32_t lead) const override {
    if (rows_ || lead >= states_.size()) return;  // in a lead row, the engine fetches the row
    const char* p = reinterpret_cast<const char*>(&states_[lead]);
    for (std::size_t b = 0; b < sizeof(State); b += 64) __builtin_prefetch(p + b);
    __builtin_prefetch(p + sizeof(State) - 1);
  }
  void prefetch_heap(std::uint32_t lead) const override {
    if constexpr (PrefetchPolicy<P>) {
      if (lead < size()) policy_->prefetch(state(lead));
    }
  }
  void reset(std::uint32_t lead) override {
    State fresh;
    std::swap(state(lead), fresh);
  }
  Applied apply(std::uint32_t lead, const ScoreContext& ctx) override {
    return policy_->apply(state(lead), ctx);
  }
  double value(std::uint32_t lead, Timestamp now) const override {
    return policy_->value(state(lead), now);
  }
  double guard_value(std::uint32_t lead, Timestamp now) const override {
    if constexpr (LeveledPolicy<P>) {
      return static_cast<double>(policy_->level(state(lead), now));
    } else {
      return policy_->value(state(lead), now);
    }
  }
  double factor(Timestamp at, Timestamp now) const override { return policy_->factor(at, now); }
  std::string rule_name(const Applied& a, std::string_view type) const override {
    return policy_->rule_name(a, type);
  }
  // The column's own storage; states in lead rows are counted with the rows.
  std::size_t state_bytes() const override { return states_.capacity() * sizeof(State); }
  double contribution_factor(const Applied& a, Timestamp at, Timestamp now) const override {
    if constexpr (ContributionFactorPolicy<P>) {
      return policy_->contribution_factor(a, at, now);
    } else {
      return policy_->factor(at, now);
    }
  }
  void apply_parts(std::uint32_t lead, const ScoreContext& ctx, std::vector<Applied>& parts) override {
    if constexpr (PartedPolicy<P>) {
      policy_->apply_parts(state(lead), ctx, parts);
    } else {
      const Applied a = policy_->apply(state(lead), ctx);
      if (a.counted) parts.push_back(a);
    }
  }

 private:
  std::size_t size() const noexcept { return rows_ ? placed_ : states_.size(); }
  State& state(std::uint32_t lead) noexcept {
    return rows_ ? *std::launder(reinterpret_cast<State*>(rows_->row(lead) + offset_)) : states_[lead];
  }
  const State& state(std::uint32_t lead) const noexcept {
    return rows_ ? *std::launder(reinterpret_cast<const State*>(rows_->row(lead) + offset_)) : states_[lead];
  }
  void destroy_placed_from(std::size_t n) noexcept {
    for (; placed_ > n; --placed_) state(static_cast<std::uint32_t>(placed_ - 1)).~State();
  }

  std::shared_ptr<const P> policy_;
  ChunkedVector<State> states_;     // one per lead, when not in lead rows; growing moves none
  std::shared_ptr<RowStore> rows_;  // the engine's lead rows, when placed there
  std::size_t offset_ = 0;          // the state's offset in a row
  std::size_t placed_ = 0;          // rows whose state is constructed
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
  ScoreScale scale() const noexcept override {
    if constexpr (LeveledPolicy<P>) {
      return ScoreScale::temperature;
    } else if constexpr (GradedPolicy<P>) {
      return ScoreScale::grade;
    } else {
      return ScoreScale::number;
    }
  }
  std::vector<std::string> attribute_keys() const override {
    if constexpr (AttributePolicy<P>) {
      return p_->attribute_keys();
    } else {
      return {};
    }
  }
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
