// doorway — what the predictive scores (naive Bayes, logistic) read of a lead: a
// short list of chosen features, each a number kept per lead together with the
// touch that set it, and the one way both scores turn log-odds into a
// probability and explain it.
//
// Features, as model files write them:
//   type:<touch type>        1 once the lead has had a touch of that type, else 0
//   channel:<channel>        1 once the lead has had a touch on that channel, else 0
//   trait:<key>=<value>      1 while the lead's latest trait <key> is <value>, else 0
//   trait:<key>              the latest trait <key> read as a number (logistic only);
//                            0 until one parses; a value that does not parse is ignored
// A trait a touch does not carry leaves the feature unchanged.
//
// Probabilities are clamped to [kMinProbability, kMaxProbability] = [0.001, 0.999]:
// no lead is ever certain to convert or certain not to.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "doorway/catalog.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

inline constexpr double kMinProbability = 0.001;
inline constexpr double kMaxProbability = 0.999;

inline double clamp_probability(double p) noexcept {
  if (std::isnan(p)) return 0.5;
  return std::clamp(p, kMinProbability, kMaxProbability);
}

// The logistic function, clamped: the probability a predictive score reports.
inline double probability_from_log_odds(double log_odds) noexcept {
  return clamp_probability(1.0 / (1.0 + std::exp(-log_odds)));
}

struct PredictiveFeature {
  enum class Kind : std::uint8_t { type, channel, trait_equals, trait_number };
  Kind kind = Kind::type;
  std::uint32_t id = 0;  // TypeId or ChannelId
  std::string key;       // trait key
  std::string value;     // trait_equals: the value it tests for
  std::string text;      // as written, e.g. "type:demo_request"; also the rule name's suffix

  bool binary() const noexcept { return kind != Kind::trait_number; }
};

// Parses one feature against the catalog. On failure returns nullopt and sets
// `error` to a message naming what is wrong (with a suggestion for near misses).
inline std::optional<PredictiveFeature> parse_predictive_feature(std::string_view text, const Catalog& catalog,
                                                                 bool numeric_allowed, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<PredictiveFeature> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  const std::size_t colon = text.find(':');
  static constexpr std::string_view kPrefixes[] = {"type", "channel", "trait"};
  const std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : text.substr(0, colon);
  const std::string_view rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  PredictiveFeature f;
  f.text = std::string(text);
  if (prefix == "type") {
    if (auto id = catalog.find_type(rest)) {
      f.kind = PredictiveFeature::Kind::type;
      f.id = *id;
      return f;
    }
    std::vector<std::string_view> names;
    for (const TouchTypeInfo& t : catalog.types()) names.push_back(t.id);
    std::string msg = detail::cat("unknown touch type \"", rest, "\" in feature \"", text, "\"");
    if (auto hint = detail::did_you_mean(rest, names)) detail::cat_to(msg, " (did you mean \"type:", *hint, "\"?)");
    return fail(std::move(msg));
  }
  if (prefix == "channel") {
    if (auto id = catalog.find_channel(rest)) {
      f.kind = PredictiveFeature::Kind::channel;
      f.id = *id;
      return f;
    }
    std::vector<std::string_view> names;
    for (const ChannelInfo& c : catalog.channels()) names.push_back(c.id);
    std::string msg = detail::cat("unknown channel \"", rest, "\" in feature \"", text, "\"");
    if (auto hint = detail::did_you_mean(rest, names)) detail::cat_to(msg, " (did you mean \"channel:", *hint, "\"?)");
    return fail(std::move(msg));
  }
  if (prefix == "trait") {
    const std::size_t eq = rest.find('=');
    const std::string_view key = rest.substr(0, eq);
    if (key.empty()) return fail(detail::cat("feature \"", text, "\" names no trait key (write trait:<key>=<value>)"));
    f.key = std::string(key);
    if (eq == std::string_view::npos) {
      if (!numeric_allowed) {
        return fail(detail::cat("feature \"", text,
                                "\" is numeric, but naive Bayes features are yes/no: write trait:", key, "=<value>"));
      }
      f.kind = PredictiveFeature::Kind::trait_number;
      return f;
    }
    f.kind = PredictiveFeature::Kind::trait_equals;
    f.value = std::string(rest.substr(eq + 1));
    if (f.value.empty()) return fail(detail::cat("feature \"", text, "\" compares the trait with an empty value"));
    return f;
  }
  std::string msg = detail::cat("unknown feature \"", text, "\"");
  if (auto hint = detail::did_you_mean(prefix, kPrefixes); hint && !prefix.empty()) {
    detail::cat_to(msg, " (did you mean \"", *hint, ":", rest, "\"?)");
  } else {
    msg += numeric_allowed ? " (expected type:<touch type>, channel:<channel>, trait:<key>=<value> or trait:<key>)"
                           : " (expected type:<touch type>, channel:<channel> or trait:<key>=<value>)";
  }
  return fail(std::move(msg));
}

namespace detail {

// One lead's features: each value and the touch (index among the lead's applied
// touches) that last set it.
struct FeatureState {
  std::uint32_t applied = 0;  // touches applied so far
  std::vector<double> x;
  std::vector<std::uint32_t> from;
};

// The trait keys `features` read (the engine keeps only traits some policy reads).
inline std::vector<std::string> trait_keys(const std::vector<PredictiveFeature>& features) {
  std::vector<std::string> keys;
  for (const PredictiveFeature& f : features) {
    if (!f.binary() || f.kind == PredictiveFeature::Kind::trait_equals) {
      if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) keys.push_back(f.key);
    }
  }
  return keys;
}

// Updates `s` with one touch (before counting it as applied). Returns whether
// any feature changed.
inline bool update_features(const std::vector<PredictiveFeature>& features, FeatureState& s,
                            const ScoreContext& ctx) {
  if (s.x.size() != features.size()) {
    s.x.assign(features.size(), 0.0);
    s.from.assign(features.size(), ScoreColumn::kNoTouch);
  }
  bool changed = false;
  auto set = [&](std::size_t i, double v) {
    if (s.x[i] == v) return;
    s.x[i] = v;
    s.from[i] = v == 0 ? ScoreColumn::kNoTouch : s.applied;
    changed = true;
  };
  for (std::size_t i = 0; i < features.size(); ++i) {
    const PredictiveFeature& f = features[i];
    switch (f.kind) {
      case PredictiveFeature::Kind::type:
        if (ctx.type != kNoType && ctx.type == f.id) set(i, 1.0);
        break;
      case PredictiveFeature::Kind::channel:
        if (ctx.channel != kNoChannel && ctx.channel == f.id) set(i, 1.0);
        break;
      case PredictiveFeature::Kind::trait_equals:
      case PredictiveFeature::Kind::trait_number:
        // The touch's last value for the key counts.
        for (auto it = ctx.traits.rbegin(); it != ctx.traits.rend(); ++it) {
          if (it->key != f.key) continue;
          if (f.kind == PredictiveFeature::Kind::trait_equals) {
            set(i, it->value == f.value ? 1.0 : 0.0);
          } else {
            double v = 0;
            const char* first = it->value.data();
            const char* last = first + it->value.size();
            const auto r = std::from_chars(first, last, v);
            if (r.ec == std::errc{} && r.ptr == last && std::isfinite(v)) set(i, v);
          }
          break;
        }
        break;
    }
  }
  ++s.applied;
  return changed;
}

// The explanation both predictive scores give: a baseline (the log-odds of a
// lead with every feature at 0) and one term per non-zero feature. In log-odds
// the score is baseline + Σ terms; each contribution's points are the rise in
// probability when its feature appeared, taking the features in the order the
// lead's touches set them, so the points sum to the probability exactly:
//   p0 = P(baseline), p_k = P(baseline + term_1 + … + term_k), points_k = p_k − p_{k−1}.
inline void explain_log_odds(std::string_view kind, std::string_view baseline_rule, double baseline,
                             const std::vector<PredictiveFeature>& features, const FeatureState& s,
                             const std::vector<double>& terms, std::vector<ScoreColumn::Contribution>& out) {
  ScoreColumn::Contribution base;
  base.rule = cat(kind, ".", baseline_rule);
  base.points = probability_from_log_odds(baseline);
  base.log_odds = baseline;
  out.push_back(std::move(base));
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    if (s.x[i] != 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.from[a] < s.from[b]; });
  double sum = baseline;
  double before = probability_from_log_odds(baseline);
  for (std::size_t i : order) {
    sum += terms[i];
    const double after = probability_from_log_odds(sum);
    ScoreColumn::Contribution c;
    c.touch = s.from[i];
    c.rule = cat(kind, ".", features[i].text);
    c.points = after - before;
    c.log_odds = terms[i];
    out.push_back(std::move(c));
    before = after;
  }
}

// A model-ready policy whose column is not a PolicyColumn: `Config` is the
// policy's settings (what policy_cast<Config> finds), `Column` its column.
template <class Config, class Column>
class ColumnPolicyHolder final : public AnyPolicy {
 public:
  ColumnPolicyHolder(std::shared_ptr<const Config> config, std::string_view kind, bool across_leads)
      : config_(std::move(config)), kind_(kind), across_leads_(across_leads) {}
  std::unique_ptr<ScoreColumn> make_column() const override { return std::make_unique<Column>(config_); }
  bool leveled() const noexcept override { return false; }
  std::string_view kind() const noexcept override { return kind_; }
  std::vector<std::string> attribute_keys() const override { return trait_keys(config_->features()); }
  bool learns_across_leads() const noexcept override { return across_leads_; }
  const void* target(const std::type_info& type) const noexcept override {
    return type == typeid(Config) ? config_.get() : nullptr;
  }

 private:
  std::shared_ptr<const Config> config_;
  std::string kind_;
  bool across_leads_ = false;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
