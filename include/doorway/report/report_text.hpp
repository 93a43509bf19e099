// doorway — a report as text for people (what `doorway report` prints): the
// funnel per stage in journey order, outcomes, the handoff ledger, workload per
// team, marketing activity per channel, and the diagnoses in plain language with
// their figures. Deterministic: the same report gives the same bytes.
#pragma once

#include <string>

#include "doorway/report/diagnose.hpp"
#include "doorway/report/report.hpp"

namespace doorway {
inline namespace v0 {

std::string report_to_text(const Report& report, const DiagnosisOptions& options = {});

}  // namespace v0
}  // namespace doorway
