// doorway — the funnel part of a report: per stage (entered, exited, currently
// in, moved on, time in stage, touches before it), per transition, and the won /
// lost outcomes. Every field is an integer count or a mergeable summary; rates
// are derived from them on read.
//
// Definitions (a lead's *path* is its entry stage, then the target of each of its
// moves in order; an SLA breach is followed by the SLA transition's move):
//   leads          distinct leads whose path contains the stage
//   entries        times a lead entered it (a recycled lead can enter twice)
//   exits          times a lead left it
//   current        leads in it now (entries == exits + current)
//   moved_forward  distinct leads that left it at least once by a forward
//                  transition (not a recycle nor a detour): the stage's conversion
//                  is moved_forward / leads
//   won_after      distinct leads that entered it and, then or later, a won stage
//   lost_after     idem for a lost stage
//   reached[j]     distinct leads that entered it and later (a later position of
//                  the path) entered stage j; reached[j] / leads is the
//                  stage-to-stage conversion to j, skips included
//   time_in_stage  durations of completed stays (entered and left), microseconds;
//                  leads still in the stage are not counted (their stay is open)
//   touches_before contacts (outcomes excluded) a lead had at or before its first
//                  entry into the stage, summed per team, and their total per lead
//                  as a summary (so the median number of touches before `customer`
//                  is touches_before_total.median()). The entry stage counts the
//                  touches of the lead's first moment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "doorway/journey.hpp"
#include "doorway/report/quantile_sketch.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// Counts split by the team a touch was classified to.
struct TeamCounts {
  std::uint64_t marketing = 0;
  std::uint64_t sales = 0;
  std::uint64_t unknown = 0;

  std::uint64_t total() const noexcept { return marketing + sales + unknown; }
  std::uint64_t& operator[](Team t) noexcept {
    return t == Team::marketing ? marketing : t == Team::sales ? sales : unknown;
  }
  std::uint64_t operator[](Team t) const noexcept {
    return t == Team::marketing ? marketing : t == Team::sales ? sales : unknown;
  }
  void merge(const TeamCounts& o) noexcept {
    marketing += o.marketing;
    sales += o.sales;
    unknown += o.unknown;
  }
  friend bool operator==(const TeamCounts&, const TeamCounts&) = default;
};

struct StageReport {
  std::string stage;
  Team owner = Team::unknown;
  StageKind kind = StageKind::inventory;
  Duration sla = 0;

  std::uint64_t leads = 0;
  std::uint64_t entries = 0;
  std::uint64_t exits = 0;
  std::uint64_t current = 0;
  std::uint64_t moved_forward = 0;
  std::uint64_t won_after = 0;
  std::uint64_t lost_after = 0;
  std::vector<std::uint64_t> reached;  // indexed like Report::stages
  QuantileSketch time_in_stage;        // microseconds
  TeamCounts touches_before;           // sums over the stage's leads
  QuantileSketch touches_before_total; // per lead

  // moved_forward / leads; 0 when no lead entered the stage.
  double conversion() const noexcept {
    return leads == 0 ? 0.0 : static_cast<double>(moved_forward) / static_cast<double>(leads);
  }

  friend bool operator==(const StageReport&, const StageReport&) = default;
};

// How often one transition of the model was taken.
struct TransitionCount {
  std::string from;
  std::string to;
  std::string name;
  TransitionKind kind = TransitionKind::forward;
  bool handoff = false;
  std::uint64_t count = 0;

  friend bool operator==(const TransitionCount&, const TransitionCount&) = default;
};

// Won / lost per lead: won when its path contains a won stage; lost when it
// contains a lost stage and no won one; open otherwise. "After handoff": a handoff
// came earlier in the path than the first won (lost) stage.
struct Outcomes {
  std::uint64_t won = 0;
  std::uint64_t lost = 0;
  std::uint64_t open = 0;
  std::uint64_t won_after_handoff = 0;
  std::uint64_t lost_after_handoff = 0;
  std::uint64_t won_without_handoff = 0;  // marketing-closed (seeds/004)

  // won / (won + lost); 0 when nothing closed.
  double win_rate() const noexcept {
    const std::uint64_t closed = won + lost;
    return closed == 0 ? 0.0 : static_cast<double>(won) / static_cast<double>(closed);
  }
  // Among handed-off leads that closed.
  double win_rate_after_handoff() const noexcept {
    const std::uint64_t closed = won_after_handoff + lost_after_handoff;
    return closed == 0 ? 0.0 : static_cast<double>(won_after_handoff) / static_cast<double>(closed);
  }
  void merge(const Outcomes& o) noexcept {
    won += o.won;
    lost += o.lost;
    open += o.open;
    won_after_handoff += o.won_after_handoff;
    lost_after_handoff += o.lost_after_handoff;
    won_without_handoff += o.won_without_handoff;
  }
  friend bool operator==(const Outcomes&, const Outcomes&) = default;
};

}  // namespace v0
}  // namespace doorway
