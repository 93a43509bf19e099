// doorway — the logistic score: a probability from weights the model file gives
// (fitted elsewhere, e.g. by a data team's regression):
//   log-odds = intercept + Σ weight_i · x_i,   score = σ(log-odds) clamped to [0.001, 0.999]
// over the features of predictive_features.hpp. Each feature explains itself as
// its term weight_i · x_i (log-odds) and as the rise in probability when it
// appeared; the intercept is the baseline (every x_i = 0). Per lead only: no
// learning, so the score of a lead depends on that lead's touches alone.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doorway/predictive_features.hpp"

namespace doorway {
inline namespace v0 {

struct LogisticTerm {
  PredictiveFeature feature;
  double weight = 0;
};

class LogisticPolicy {
 public:
  LogisticPolicy(std::vector<LogisticTerm> terms, double intercept) : terms_(std::move(terms)), intercept_(intercept) {
    for (const LogisticTerm& t : terms_) features_.push_back(t.feature);
  }
  const std::vector<LogisticTerm>& terms() const noexcept { return terms_; }
  const std::vector<PredictiveFeature>& features() const noexcept { return features_; }
  double intercept() const noexcept { return intercept_; }

 private:
  std::vector<LogisticTerm> terms_;
  std::vector<PredictiveFeature> features_;
  double intercept_ = 0;
};

namespace detail {

class LogisticColumn final : public ScoreColumn {
 public:
  explicit LogisticColumn(std::shared_ptr<const LogisticPolicy> p) : p_(std::move(p)) {}
  void resize(std::size_t leads) override { states_.resize(leads); }
  void reset(std::uint32_t lead) override { states_[lead] = FeatureState{}; }
  Applied apply(std::uint32_t lead, const ScoreContext& ctx) override {
    const bool changed = update_features(p_->features(), states_[lead], ctx);
    return Applied{0, 0, changed};
  }
  double value(std::uint32_t lead, Timestamp) const override {
    return probability_from_log_odds(log_odds(states_[lead]));
  }
  double guard_value(std::uint32_t lead, Timestamp now) const override { return value(lead, now); }
  double factor(Timestamp, Timestamp) const override { return 1.0; }
  std::string rule_name(const Applied&, std::string_view type) const override {
    return "logistic.touch:" + std::string(type);
  }
  std::size_t state_bytes() const override {
    std::size_t bytes = states_.capacity() * sizeof(FeatureState);
    for (const FeatureState& s : states_) bytes += s.x.capacity() * sizeof(double) + s.from.capacity() * 4;
    return bytes;
  }
  bool explains_itself() const noexcept override { return true; }
  void explain(std::uint32_t lead, Timestamp, std::vector<Contribution>& out) const override {
    const FeatureState& s = states_[lead];
    std::vector<double> terms(s.x.size());
    for (std::size_t i = 0; i < s.x.size(); ++i) terms[i] = p_->terms()[i].weight * s.x[i];
    explain_log_odds("logistic", "intercept", p_->intercept(), p_->features(), s, terms, out);
  }

 private:
  // Summed in feature order (no allocation on the hot path); explain() sums in
  // touch order, so the two agree to rounding.
  double log_odds(const FeatureState& s) const {
    double sum = p_->intercept();
    for (std::size_t i = 0; i < s.x.size(); ++i) sum += p_->terms()[i].weight * s.x[i];
    return sum;
  }

  std::shared_ptr<const LogisticPolicy> p_;
  std::vector<FeatureState> states_;
};

}  // namespace detail

// Wraps a logistic policy for a model (kind "logistic").
inline std::shared_ptr<const AnyPolicy> make_logistic_policy(LogisticPolicy policy) {
  return std::make_shared<detail::ColumnPolicyHolder<LogisticPolicy, detail::LogisticColumn>>(
      std::make_shared<const LogisticPolicy>(std::move(policy)), "logistic", false);
}

}  // namespace v0
}  // namespace doorway
