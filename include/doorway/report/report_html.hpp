// doorway — a report as one self-contained HTML page (what `doorway report --html`
// and `doorway demo` write): inline CSS and SVG, no script, no network.
//
// The page shows, from the Report:
// - headline figures: leads, touches (marketing / sales), handoffs, won and the
//   win rate;
// - the findings of diagnose() (balance, cadence, ownership) in plain language;
// - the funnel: the stages forward transitions reach from the entry stage that
//   some lead reached, in stage order, each with the leads that reached it and the
//   conversion from the step drawn before it (the share of that step's leads that
//   later reached this one: StageReport::reached / leads). Leads may skip stages
//   (a door touch hands a subscriber straight to sales), so a step can hold more
//   leads than the one before it;
// - the flow: every transition taken, summed per (from, to) stage pair, as a
//   Sankey-style diagram; stages are placed left to right by their longest chain
//   of forward transitions from the entry stage (stages only recycles or detours
//   reach sit one column right of their furthest source); moves into a `lost`
//   stage are drawn as losses, recycles and moves to an earlier column as loops;
// - time in stage: median days per stage over completed stays, p90 alongside;
// - touches before each stage, marketing vs sales (StageReport::touches_before);
// - the handoff ledger;
// - optionally: why leads are waiting (a BlockerTally's top rows) and an
//   attribution chart (credit per channel), which the caller computes.
// Deterministic: the same report and options give the same bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "doorway/report/blockers.hpp"
#include "doorway/report/diagnose.hpp"
#include "doorway/report/report.hpp"

namespace doorway {
inline namespace v0 {

struct HtmlReportOptions {
  std::string generator = "doorway";  // printed in the footer, e.g. "doorway 0.3.0"
  DiagnosisOptions diagnosis;
  std::vector<Blocker> blockers;      // "why leads are waiting"; empty: section says none
  // Attribution: a title (e.g. "Attribution — Markov order 1, conversions to
  // customer") and the credit per channel; no section when the title is empty.
  std::string attribution_title;
  std::vector<std::pair<std::string, double>> attribution;
};

std::string report_to_html(const Report& report, const HtmlReportOptions& options = {});

}  // namespace v0
}  // namespace doorway
