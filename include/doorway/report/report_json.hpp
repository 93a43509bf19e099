// doorway — a report as JSON, and back.
//
// The JSON form carries every count of the report, so reports written by
// several processes can be read back and merged (`doorway report a.json b.json`),
// plus derived values for readers — rates, medians, p90s, and the diagnoses —
// which the reader skips (they are recomputed from the counts). Keys are stable
// and documented in README "Reports"; times are ISO-8601 UTC strings, durations
// integer microseconds (keys ending in `_us`), buckets keyed by their start time.
//
// A summary (QuantileSketch) is {"count", "min", "max", "median", "p90"} plus
// either "values" (the sorted values, while count <= exact_limit) or "buckets"
// ([[index, count], …] on the sketch's fixed grid).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "doorway/report/diagnose.hpp"
#include "doorway/report/report.hpp"

namespace doorway {
inline namespace v0 {

inline constexpr std::string_view kReportFormat = "doorway.report";
inline constexpr int kReportVersion = 1;

// The report as one JSON object (ending in a newline), with the findings of
// diagnose(report, options).
std::string report_to_json(const Report& report, const DiagnosisOptions& options = {});

// Reads what report_to_json wrote. On bad input: InvalidArgument whose message
// lists every problem found as "source:line:column: path: what" (one per line;
// a JSON syntax error stops the reading there).
absl::StatusOr<Report> report_from_json(std::string_view text, std::string_view source = "report.json");

// True when `text` looks like a report (a JSON object whose "format" member is
// "doorway.report"): how `doorway report` tells report files from touch files.
bool looks_like_report_json(std::string_view text);

}  // namespace v0
}  // namespace doorway
