// doorway — a mergeable report over an engine's leads: the funnel per stage, the
// handoff ledger, outcomes, workload per team, unowned touches, and marketing
// activity per channel over time (for the cadence diagnosis).
//
// Scale-out contract: a report is a sum over leads. Every field is an integer
// count, a map of counts, or a QuantileSketch (whose state depends only on the
// values added), so N engines over a lead-hash partition of the same touches give,
// once merged in any order, exactly (operator==) the report of one engine — as long
// as each engine was advanced to the same time (as_of is the latest of the merged
// reports). Rates, quantiles and diagnoses are derived from the merged counts when
// read (report/diagnose.hpp, report/report_json.hpp, report/report_text.hpp).
//
// Workload is per team: touches carry no rep or owner id (see touch.hpp), so the
// owner of a touch or stage is its team.
//
//   doorway::Report r = doorway::build_report(engine);       // or a ReportBuilder
//   absl::Status s = r.merge(build_report(other_engine));    // same model and options
//   const doorway::StageReport* sal = r.stage("sal");
//   std::optional<Duration> median = sal->time_in_stage.median();
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "doorway/engine.hpp"
#include "doorway/model.hpp"
#include "doorway/report/funnel.hpp"
#include "doorway/report/handoff.hpp"
#include "doorway/report/quantile_sketch.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// Choices fixed when a report is built; reports merge only when they are equal.
struct ReportOptions {
  // Width of the time buckets of the weekly series and of channel activity.
  Duration bucket = 7 * kDay;
  // A bucket starts here (and every `bucket` before and after it). Default
  // 1970-01-05T00:00:00Z, a Monday: buckets are ISO weeks, Monday to Sunday, UTC.
  Timestamp bucket_origin = 4 * kDay;
  // Quantile summaries are exact up to this many values (see QuantileSketch).
  std::uint32_t exact_limit = QuantileSketch::kDefaultExactLimit;

  // The bucket holding `t` (floor division, so times before the origin work).
  std::int64_t bucket_of(Timestamp t) const noexcept {
    const Timestamp d = t - bucket_origin;
    std::int64_t q = d / bucket;
    if (d % bucket != 0 && d < 0) --q;
    return q;
  }
  Timestamp bucket_start(std::int64_t index) const noexcept { return bucket_origin + index * bucket; }

  friend bool operator==(const ReportOptions&, const ReportOptions&) = default;
};

// OK, or InvalidArgument naming the option that is out of range (bucket <= 0,
// exact_limit == 0). ReportBuilder throws std::invalid_argument on such options.
absl::Status check_report_options(const ReportOptions& options);

// Counts per time bucket (bucket index, see ReportOptions::bucket_of).
using BucketCounts = std::map<std::int64_t, std::uint64_t>;

// What one team did and holds. `touches` are contacts (door touches included),
// `outcomes` the outcome touches recorded under the team.
struct TeamWorkload {
  std::uint64_t touches = 0;
  std::uint64_t outcomes = 0;
  std::uint64_t leads_touched = 0;  // distinct leads with at least one touch of the team
  std::uint64_t leads_owned = 0;    // leads now in a stage the team owns
  std::uint64_t stage_entries = 0;  // entries into stages the team owns

  void merge(const TeamWorkload& o) noexcept {
    touches += o.touches;
    outcomes += o.outcomes;
    leads_touched += o.leads_touched;
    leads_owned += o.leads_owned;
    stage_entries += o.stage_entries;
  }
  friend bool operator==(const TeamWorkload&, const TeamWorkload&) = default;
};

struct Report {
  std::string model;  // the model's name (not compared by merge)
  ReportOptions options;
  Timestamp as_of = 0;  // the engine's time when built; the latest one after merges

  std::uint64_t leads = 0;
  TeamCounts touches;  // contacts (door touches included) by classified team
  std::uint64_t outcome_touches = 0;

  std::vector<StageReport> stages;            // in the model's stage order (journey order)
  std::vector<TransitionCount> transitions;   // in the model's transition order
  Outcomes outcomes;
  HandoffLedger handoffs;
  // Indexed by Team: unknown, marketing, sales.
  std::array<TeamWorkload, 3> teams{};

  // Touches no team owns (classified `unknown`), by touch type (by channel when
  // the touch has no type).
  std::map<std::string, std::uint64_t, std::less<>> unowned_touches;
  // Marketing contact touches (outcomes and door touches excluded) per channel and
  // bucket: the activity the cadence diagnosis reads. Touches with no channel are
  // under "(none)".
  std::map<std::string, BucketCounts, std::less<>> channels;
  // Per bucket: leads by first touch, handoffs, leads by first won stage.
  BucketCounts new_leads;
  BucketCounts handoffs_by_bucket;
  BucketCounts won_by_bucket;

  const TeamWorkload& team(Team t) const noexcept { return teams[static_cast<std::size_t>(t)]; }
  TeamWorkload& team(Team t) noexcept { return teams[static_cast<std::size_t>(t)]; }
  // The stage named `name`, or nullptr.
  const StageReport* stage(std::string_view name) const noexcept {
    for (const StageReport& s : stages) {
      if (s.stage == name) return &s;
    }
    return nullptr;
  }

  // Adds `other` into this report. Fails (InvalidArgument, saying what differs)
  // when the two come from different journeys (stages or transitions) or were
  // built with different options; this report is then unchanged.
  absl::Status merge(const Report& other);

  friend bool operator==(const Report&, const Report&) = default;
};

// Builds a report lead by lead; add() takes any LeadHistory of an engine running
// `model` (or one assembled by hand, for tests). `model` must outlive the
// builder. Not thread-safe.
class ReportBuilder {
 public:
  explicit ReportBuilder(const Model& model, ReportOptions options = {});
  ReportBuilder(const ReportBuilder&) = delete;
  ReportBuilder& operator=(const ReportBuilder&) = delete;
  ReportBuilder(ReportBuilder&&) noexcept;
  ReportBuilder& operator=(ReportBuilder&&) noexcept;
  ~ReportBuilder();

  // Adds one lead: its touches in application order, its events in order.
  void add(const LeadHistory& lead);
  // The time the report is as of (default 0; build_report sets engine.now()).
  void set_as_of(Timestamp t) noexcept;
  const Report& report() const noexcept;
  Report take() &&;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The report of every lead of `engine`, as of engine.now().
Report build_report(const Engine& engine, ReportOptions options = {});

}  // namespace v0
}  // namespace doorway
