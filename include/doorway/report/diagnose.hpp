// doorway — diagnoses read from a report, in plain language with the numbers
// behind each: is marketing or sales the constraint (balance), is marketing
// activity steady and focused (cadence), does every touch and stage have an
// owner and are handoffs answered in time (ownership).
//
// Each Finding has a stable code, a severity, one sentence, and its figures.
// Every question gets an answer: when nothing is wrong the diagnosis says so as an
// `info` finding (e.g. balance.balanced), and when there is too little data to
// judge it says that (e.g. balance.too_little_data).
//
// Codes:
//   balance.too_little_data    fewer than min_handoffs handoffs
//   balance.sales_constraint   handed-off leads wait past the SLA, or few of
//                              those that close are won: many leads, few closes
//                              (seeds/001, 004)
//   balance.marketing_constraint  most handoffs are sourced by sales itself (cold
//                              calls, visits, introductions): marketing brings too
//                              few prospects to the door, the pipeline is starved
//   balance.lead_quality       sales rejects many of the leads it answers
//   balance.balanced           none of the three
//   cadence.too_little_data    the activity spans fewer than min_buckets buckets
//   cadence.intermittent       (per channel) a run of max_gap_buckets or more
//                              empty buckets between active ones: marketing that
//                              stops and starts (seeds/000)
//   cadence.stopped            (per channel) the last max_gap_buckets or more
//                              buckets of the report are empty on the channel while
//                              marketing went on elsewhere
//   cadence.bursty             (per channel) bucket counts vary more than max_cv
//                              times their mean: activity in bursts
//   cadence.steady             the judged channels that are neither
//   cadence.spread_thin        effort spread over more than max_effective_channels
//                              channels' worth: "better to do a few things
//                              extremely well than many things poorly" (seeds/000)
//   cadence.focused            not spread thin
//   ownership.unowned_stages   stages with no owning team (seeds/002)
//   ownership.unowned_touches  touches classified to no team
//   ownership.sla_breached     handoffs that waited past their SLA
//   ownership.owned            every touch and stage owned, handoffs answered in time
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/report/report.hpp"

namespace doorway {
inline namespace v0 {

enum class Severity : std::uint8_t { info = 0, warning = 1 };

constexpr std::string_view to_string(Severity s) noexcept { return s == Severity::warning ? "warning" : "info"; }

// One number behind a finding. Units: "leads", "touches", "handoffs", "share"
// (0..1), "buckets", "hours", "channels", "ratio".
struct Figure {
  std::string name;
  double value = 0;
  std::string unit;

  friend bool operator==(const Figure&, const Figure&) = default;
};

struct Finding {
  std::string code;     // e.g. "balance.sales_constraint"
  std::string topic;    // "balance", "cadence" or "ownership"
  Severity severity = Severity::info;
  std::string subject;  // what it is about when not the whole report: a channel
  std::string sentence;
  std::vector<Figure> figures;

  // The figure named `name`, or nullptr.
  const Figure* figure(std::string_view name) const noexcept {
    for (const Figure& f : figures) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
  friend bool operator==(const Finding&, const Finding&) = default;
};

// Thresholds. Defaults and why (README "Reports" says the same):
struct DiagnosisOptions {
  // --- balance
  // Below 20 handoffs one rejection moves a share by 5 points: too noisy to judge.
  std::uint64_t min_handoffs = 20;
  // More than 1 in 5 handed-off leads left waiting past the SLA means sales cannot
  // keep up with what marketing brings (seeds/004: "lots of leads but fight to
  // turn them into paying clients").
  double max_breach_share = 0.20;
  // Judge the win rate after handoff only on at least 10 closed leads, and call it
  // weak below 20%: a fifth of qualified, handed-off leads that close being won is
  // the low end of what B2B teams report, so below it closing is the constraint.
  std::uint64_t min_closed = 10;
  double min_win_rate = 0.20;
  // When sales rejects more than 30% of the leads it answers, marketing's handoff
  // threshold is off (warm is 3-5 touches, seeds/001).
  double max_rejected_share = 0.30;
  // When most handoffs (over 50%) start with sales' own cold calls, visits or
  // introductions, marketing is not bringing enough prospects to the door
  // (seeds/001: sales without marketing is "enormous" effort; seeds/004).
  double max_sales_sourced_share = 0.50;

  // --- cadence (in the report's buckets, a week by default)
  // Judge cadence only over at least 4 buckets of activity, and a channel only
  // with at least 20 touches in it.
  std::uint64_t min_buckets = 4;
  std::uint64_t min_channel_touches = 20;
  // Three empty weeks in a row is intermittent: "a Tweet or two every month"
  // (seeds/000) leaves gaps of three weeks and more.
  std::uint64_t max_gap_buckets = 3;
  // Bursty when the buckets' standard deviation exceeds their mean (cv > 1)…
  double max_cv = 1.0;
  // …judged only when the mean is at least 3 touches a bucket: below that, random
  // (Poisson) arrivals alone give a cv near 1/sqrt(mean), about 0.6 at 3.
  double min_mean_for_cv = 3.0;
  // A burst bucket holds more than 3 times the channel's mean (counted as a figure).
  double burst_factor = 3.0;
  // Spread thin when the effort is as spread as more than 5 equal channels
  // (effective channels = 1 / sum of squared shares, the inverse Herfindahl index):
  // "choose the outlets you're going to focus on" (seeds/000).
  double max_effective_channels = 5.0;

  // --- ownership
  // Any unowned touch or stage is a warning (seeds/002: tasks fall between the
  // cracks). More than 5% of handoffs past their SLA is a warning; fewer is
  // reported as info.
  double max_sla_breach_share = 0.05;
};

// Cadence figures of one channel over its span: from its first active bucket to
// the last bucket with any marketing activity in the report.
struct ChannelCadence {
  std::string channel;
  std::uint64_t touches = 0;
  double share = 0;                // of all marketing contact touches
  std::int64_t first_bucket = 0;
  std::uint64_t span = 0;          // buckets in the span
  std::uint64_t active = 0;        // buckets with at least one touch
  std::uint64_t longest_gap = 0;   // longest run of empty buckets between active ones
  std::uint64_t trailing_gap = 0;  // empty buckets after the last active one
  std::uint64_t bursts = 0;        // buckets above burst_factor × mean
  double mean = 0;                 // touches per bucket over the span
  double cv = 0;                   // population standard deviation / mean
  bool judged = false;             // enough touches and buckets to judge
  bool intermittent = false;
  bool stopped = false;
  bool bursty = false;

  friend bool operator==(const ChannelCadence&, const ChannelCadence&) = default;
};

// Every channel of report.channels, by touches (descending), then name.
std::vector<ChannelCadence> channel_cadence(const Report& report, const DiagnosisOptions& options = {});

// 1 / sum of squared channel shares (0 with no marketing activity).
double effective_channels(const Report& report);

// Balance, cadence and ownership findings, in that order.
std::vector<Finding> diagnose(const Report& report, const DiagnosisOptions& options = {});

}  // namespace v0
}  // namespace doorway
