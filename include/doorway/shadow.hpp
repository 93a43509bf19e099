// doorway — shadow (champion / challenger) scores: how well a score and its
// challenger separate the leads that convert from those that do not.
//
// A score may declare a challenger policy (ScoreDef::challenger). The engine runs
// it on the same touches as the champion, reports its value next to the
// champion's (LeadView::challengers, Explanation::challengers), and never lets it
// move a lead: guards and stages read the champion only.
//
// Observations. Whenever a lead gets an outcome touch, the engine notes both
// scores' values at the outcome's time, before the outcome touch is applied (what
// the scores predicted, not what the outcome did to them). Engine::shadow_report()
// labels the notes whose type is a positive outcome (default `deal_won`,
// `order_placed`) 1 and a negative one (default `deal_lost`) 0; other outcomes are
// left out. Each labelled outcome touch is one observation (a lead that lost and
// later won gives two).
//
// Separation (AUC). The probability that a random positive observation scores
// above a random negative one, ties counting one half:
//   AUC = (#{(p, n): s_p > s_n} + ½ #{(p, n): s_p = s_n}) / (P · N)
// computed exactly from mid-ranks (Mann–Whitney U); undefined without at least
// one positive and one negative.
//
// Lift by band. Observations are grouped into bands by score — deciles by rank
// (the highest-scoring tenth first; equal scores are kept together in the band of
// the first of them, so a band may hold more or fewer than a tenth), or bands
// between configured thresholds — and each band's conversion rate
// (positives / observations) is divided by the overall rate.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/detail/strings.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

struct ShadowOptions {
  // Outcome types labelled 1 and 0. Unset: the defaults (`deal_won`, `order_placed`
  // and `deal_lost`) that the catalog has; names given must be catalog types.
  std::optional<std::vector<std::string>> positive;
  std::optional<std::vector<std::string>> negative;
  // Empty: deciles by rank. Otherwise score thresholds (any order): bands are
  // [t1, ∞), [t2, t1), …, (−∞, tk) for t1 > t2 > … > tk.
  std::vector<double> bands;
};

struct LiftBand {
  std::string label;       // "decile 1" (highest scores) … or ">= 0.8", "[0.5, 0.8)", "< 0.2"
  double low = 0;          // lowest and highest score in the band
  double high = 0;
  std::size_t observations = 0;
  std::size_t positives = 0;
  double rate = 0;               // positives / observations
  std::optional<double> lift;    // rate / overall rate; none when nothing converted overall
};

struct Separation {
  std::optional<double> auc;    // none without both a positive and a negative
  std::vector<LiftBand> bands;  // bands with no observation are left out
};

struct ShadowObservation {
  std::string lead_id;
  Timestamp at = 0;
  std::string type;   // the outcome's touch type
  bool positive = false;
  double champion = 0;
  double challenger = 0;
};

struct ShadowReport {
  std::string score;
  std::string champion_policy;    // policy kinds
  std::string challenger_policy;
  std::size_t positives = 0;
  std::size_t negatives = 0;
  Separation champion;
  Separation challenger;
  std::vector<ShadowObservation> observations;  // by lead id, then time
};

// AUC of `scores` against `labels` (true = positive), ties counted one half.
inline std::optional<double> auc(const std::vector<double>& scores, const std::vector<bool>& labels) {
  const std::size_t n = scores.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  double positive_rank_sum = 0;
  double positives = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && scores[order[j]] == scores[order[i]]) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;  // ranks i+1 … j
    for (std::size_t k = i; k < j; ++k) {
      if (labels[order[k]]) {
        positive_rank_sum += mid_rank;
        positives += 1;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(n) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  return (positive_rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

// Lift by band (see the header comment). `scores` and `labels` are in a
// deterministic order the caller chose; deciles keep it among equal scores.
inline std::vector<LiftBand> lift_by_band(const std::vector<double>& scores, const std::vector<bool>& labels,
                                          std::vector<double> thresholds) {
  const std::size_t n = scores.size();
  std::vector<LiftBand> out;
  if (n == 0) return out;
  std::size_t total_positives = 0;
  for (bool l : labels) total_positives += l ? 1 : 0;
  const double overall = static_cast<double>(total_positives) / static_cast<double>(n);

  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

  // band[i] for each observation, in `order`.
  std::vector<std::size_t> band(n);
  std::vector<std::string> labels_of;
  if (thresholds.empty()) {
    for (int d = 1; d <= 10; ++d) labels_of.push_back(detail::cat("decile ", d));
    for (std::size_t r = 0; r < n; ++r) {
      const bool tied = r > 0 && scores[order[r]] == scores[order[r - 1]];
      band[r] = tied ? band[r - 1] : r * 10 / n;
    }
  } else {
    std::sort(thresholds.begin(), thresholds.end(), std::greater<>());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    auto num = [](double v) { return detail::cat(v); };
    labels_of.push_back(detail::cat(">= ", num(thresholds.front())));
    for (std::size_t k = 1; k < thresholds.size(); ++k) {
      labels_of.push_back(detail::cat("[", num(thresholds[k]), ", ", num(thresholds[k - 1]), ")"));
    }
    labels_of.push_back(detail::cat("< ", num(thresholds.back())));
    for (std::size_t r = 0; r < n; ++r) {
      const double s = scores[order[r]];
      std::size_t b = 0;
      while (b < thresholds.size() && s < thresholds[b]) ++b;
      band[r] = b;
    }
  }
  for (std::size_t b = 0; b < labels_of.size(); ++b) {
    LiftBand lb;
    lb.label = labels_of[b];
    bool any = false;
    for (std::size_t r = 0; r < n; ++r) {
      if (band[r] != b) continue;
      const double s = scores[order[r]];
      if (!any) lb.low = lb.high = s;
      any = true;
      lb.low = std::min(lb.low, s);
      lb.high = std::max(lb.high, s);
      ++lb.observations;
      if (labels[order[r]]) ++lb.positives;
    }
    if (!any) continue;
    lb.rate = static_cast<double>(lb.positives) / static_cast<double>(lb.observations);
    if (overall > 0) lb.lift = lb.rate / overall;
    out.push_back(std::move(lb));
  }
  return out;
}

}  // namespace v0
}  // namespace doorway
