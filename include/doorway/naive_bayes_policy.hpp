// doorway — the naive Bayes score: the probability that a lead converts, learnt
// online from the engine's own outcomes.
//
// Training. Every touch whose type is a positive outcome (default `deal_won`,
// `order_placed`) or a negative one (default `deal_lost`) is one example: the
// lead's yes/no features (predictive_features.hpp) just before that touch, with
// its label. A lead with several such outcomes gives several examples.
//
// Model (Bernoulli naive Bayes, Laplace smoothing `alpha`, default 1). Over the
// examples in the training set, with N+ / N− examples of each class and n_f+ /
// n_f− of them having feature f:
//   P(+)   = (N+ + α) / (N+ + N− + 2α)            (0.5 when the denominator is 0)
//   θ_f,c  = (n_f,c + α) / (N_c + 2α)             (0.5 when the denominator is 0)
// every probability clamped to [0.001, 0.999]. A lead's log-odds is
//   baseline = ln(P(+) / P(−)) + Σ_f ln((1 − θ_f+) / (1 − θ_f−))   (every feature absent)
//   term_f   = ln(θ_f+ / θ_f−) − ln((1 − θ_f+) / (1 − θ_f−))        (feature f present)
//   log-odds = baseline + Σ_{f present} term_f,  score = σ(log-odds) clamped to [0.001, 0.999]
// which is exactly P(+ | features) of naive Bayes; explain lists the baseline and
// each present feature's term (and its rise in probability, see
// predictive_features.hpp).
//
// Determinism. Learning is global: one lead's score depends on other leads'
// outcomes, which may arrive late. The score read at time t is trained on the
// examples with timestamp < t − late_window (the engine's), and only on them.
// No touch the engine can still accept changes that set: a touch is accepted only
// if its timestamp is ≥ watermark − late_window, and the watermark is ≥ t when the
// engine reads at t (at a touch of time t or at advance(t)), so any later touch —
// a late outcome, or a late touch that replays a lead and rewrites its later
// examples — has a timestamp ≥ t − late_window. Hence a predictive score read at t
// is the same in any batch split and any arrival order within the late window,
// and guards may use it like any score: the engine's determinism promise holds.
// The price is a training lag of one late window (7 days by default). A read at
// a time past the watermark (a lead view of the future) may still change.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "doorway/predictive_features.hpp"

namespace doorway {
inline namespace v0 {

struct NaiveBayesOptions {
  double alpha = 1;                 // Laplace smoothing, >= 0
  std::vector<TypeId> positive;     // outcome types that count as conversions
  std::vector<TypeId> negative;     // outcome types that count as losses
};

// The default outcome type names, used when a model file names none.
inline constexpr std::string_view kDefaultPositiveOutcomes[] = {"deal_won", "order_placed"};
inline constexpr std::string_view kDefaultNegativeOutcomes[] = {"deal_lost"};

class NaiveBayesPolicy {
 public:
  using Options = NaiveBayesOptions;
  NaiveBayesPolicy(std::vector<PredictiveFeature> features, Options options)
      : features_(std::move(features)), options_(std::move(options)) {}
  const std::vector<PredictiveFeature>& features() const noexcept { return features_; }
  const Options& options() const noexcept { return options_; }

  // +1 positive, −1 negative, 0 not an outcome this score learns from.
  int label(TypeId type) const noexcept {
    if (type == kNoType) return 0;
    if (std::find(options_.positive.begin(), options_.positive.end(), type) != options_.positive.end()) return 1;
    if (std::find(options_.negative.begin(), options_.negative.end(), type) != options_.negative.end()) return -1;
    return 0;
  }

  // Class and feature counts over a training set.
  struct Counts {
    double pos = 0, neg = 0;
    std::vector<double> f_pos, f_neg;
  };

  // The baseline and each feature's term for `counts` (formulas above).
  void parameters(const Counts& c, double& baseline, std::vector<double>& terms) const {
    const double a = options_.alpha;
    auto ratio = [](double num, double den) { return den > 0 ? clamp_probability(num / den) : 0.5; };
    const double prior = ratio(c.pos + a, c.pos + c.neg + 2 * a);
    baseline = std::log(prior / (1 - prior));
    terms.resize(features_.size());
    for (std::size_t f = 0; f < features_.size(); ++f) {
      const double fp = f < c.f_pos.size() ? c.f_pos[f] : 0;
      const double fn = f < c.f_neg.size() ? c.f_neg[f] : 0;
      const double tp = ratio(fp + a, c.pos + 2 * a);
      const double tn = ratio(fn + a, c.neg + 2 * a);
      const double absent = std::log((1 - tp) / (1 - tn));
      baseline += absent;
      terms[f] = std::log(tp / tn) - absent;
    }
  }

 private:
  std::vector<PredictiveFeature> features_;
  Options options_;
};

namespace detail {

class NaiveBayesColumn final : public ScoreColumn {
 public:
  explicit NaiveBayesColumn(std::shared_ptr<const NaiveBayesPolicy> p) : p_(std::move(p)) {}

  void resize(std::size_t leads) override { states_.resize(leads); }
  void reset(std::uint32_t lead) override {
    states_[lead] = FeatureState{};
    // The lead's examples go; a replay adds them again.
    auto keep = std::stable_partition(examples_.begin(), examples_.end(),
                                      [&](const Example& e) { return e.lead != lead; });
    for (auto it = keep; it != examples_.end(); ++it) {
      if (it->at < cache_.cutoff) count(*it, -1);
    }
    examples_.erase(keep, examples_.end());
  }
  Applied apply(std::uint32_t lead, const ScoreContext& ctx) override {
    FeatureState& s = states_[lead];
    if (s.x.size() != p_->features().size()) {
      s.x.assign(p_->features().size(), 0.0);
      s.from.assign(p_->features().size(), kNoTouch);
    }
    const int label = p_->label(ctx.type);
    if (label != 0) {
      Example e;
      e.at = ctx.at;
      e.lead = lead;
      e.positive = label > 0;
      e.x.reserve(s.x.size());
      for (double v : s.x) e.x.push_back(v != 0 ? 1 : 0);
      if (e.at < cache_.cutoff) count(e, +1);
      auto pos = std::upper_bound(examples_.begin(), examples_.end(), e.at,
                                  [](Timestamp t, const Example& x) { return t < x.at; });
      examples_.insert(pos, std::move(e));
    }
    const bool changed = update_features(p_->features(), s, ctx);
    return Applied{0, 0, changed || label != 0};
  }
  double value(std::uint32_t lead, Timestamp now) const override {
    // Summed in feature order (no allocation on the hot path); explain() sums in
    // touch order, so the two agree to rounding.
    const FeatureState& s = states_[lead];
    const Params& params = at(now);
    double sum = params.baseline;
    for (std::size_t i = 0; i < s.x.size() && i < params.terms.size(); ++i) {
      if (s.x[i] != 0) sum += params.terms[i];
    }
    return probability_from_log_odds(sum);
  }
  double guard_value(std::uint32_t lead, Timestamp now) const override { return value(lead, now); }
  double factor(Timestamp, Timestamp) const override { return 1.0; }
  std::string rule_name(const Applied&, std::string_view type) const override {
    return "naive_bayes.touch:" + std::string(type);
  }
  std::size_t state_bytes() const override {
    std::size_t bytes = states_.capacity() * sizeof(FeatureState) + examples_.capacity() * sizeof(Example);
    for (const FeatureState& s : states_) bytes += s.x.capacity() * sizeof(double) + s.from.capacity() * 4;
    for (const Example& e : examples_) bytes += e.x.capacity();
    return bytes;
  }
  bool explains_itself() const noexcept override { return true; }
  void explain(std::uint32_t lead, Timestamp now, std::vector<Contribution>& out) const override {
    const FeatureState& s = states_[lead];
    const Params& params = at(now);
    std::vector<double> terms(s.x.size(), 0.0);
    for (std::size_t i = 0; i < s.x.size() && i < params.terms.size(); ++i) terms[i] = params.terms[i];
    explain_log_odds("naive_bayes", "baseline", params.baseline, p_->features(), s, terms, out);
  }
  void set_late_window(Duration window) override {
    lag_ = std::max<Duration>(window, 0);
  }

  // The training set a read at `now` uses: examples with timestamp < cutoff(now).
  Timestamp cutoff(Timestamp now) const noexcept {
    return now < std::numeric_limits<Timestamp>::min() + lag_ ? std::numeric_limits<Timestamp>::min() : now - lag_;
  }
  std::size_t examples() const noexcept { return examples_.size(); }

 private:
  struct Example {
    Timestamp at = 0;
    std::uint32_t lead = 0;
    bool positive = false;
    std::vector<std::uint8_t> x;
  };
  struct Cache {
    Timestamp cutoff = std::numeric_limits<Timestamp>::min();  // counts cover examples with at < cutoff
    NaiveBayesPolicy::Counts counts;
  };
  struct Params {
    double baseline = 0;
    std::vector<double> terms;
  };

  void count(const Example& e, int sign) const {
    NaiveBayesPolicy::Counts& c = cache_.counts;
    const std::size_t n = p_->features().size();
    if (c.f_pos.size() != n) {
      c.f_pos.assign(n, 0.0);
      c.f_neg.assign(n, 0.0);
    }
    (e.positive ? c.pos : c.neg) += sign;
    std::vector<double>& f = e.positive ? c.f_pos : c.f_neg;
    for (std::size_t i = 0; i < n && i < e.x.size(); ++i) f[i] += sign * e.x[i];
    params_valid_ = false;
  }

  // Moves the counts to the training set of a read at `now` (adding or removing
  // the examples between the old and the new cutoff) and returns its parameters.
  const Params& at(Timestamp now) const {
    const Timestamp to = cutoff(now);
    if (to != cache_.cutoff) {
      auto by_time = [](const Example& x, Timestamp t) { return x.at < t; };
      const Timestamp lo = std::min(to, cache_.cutoff);
      const Timestamp hi = std::max(to, cache_.cutoff);
      const int sign = to > cache_.cutoff ? +1 : -1;
      auto first = std::lower_bound(examples_.begin(), examples_.end(), lo, by_time);
      auto last = std::lower_bound(first, examples_.end(), hi, by_time);
      for (auto it = first; it != last; ++it) count(*it, sign);
      cache_.cutoff = to;
    }
    if (!params_valid_) {
      p_->parameters(cache_.counts, params_.baseline, params_.terms);
      params_valid_ = true;
    }
    return params_;
  }

  std::shared_ptr<const NaiveBayesPolicy> p_;
  std::vector<FeatureState> states_;
  std::vector<Example> examples_;  // sorted by time (stable: arrival order within a time)
  Duration lag_ = 0;
  // Reads are const; the counts and parameters are a cache of the examples.
  mutable Cache cache_;
  mutable Params params_;
  mutable bool params_valid_ = false;
};

}  // namespace detail

// Wraps a naive Bayes policy for a model (kind "naive_bayes").
inline std::shared_ptr<const AnyPolicy> make_naive_bayes_policy(NaiveBayesPolicy policy) {
  return std::make_shared<detail::ColumnPolicyHolder<NaiveBayesPolicy, detail::NaiveBayesColumn>>(
      std::make_shared<const NaiveBayesPolicy>(std::move(policy)), "naive_bayes", true);
}

}  // namespace v0
}  // namespace doorway
