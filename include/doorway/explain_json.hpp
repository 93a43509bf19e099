// doorway — an explanation as JSON (compiled in src/explain_json.cpp, part of
// doorway::doorway): one object that the C ABI hands out and the CLI can print.
#pragma once

#include <string>

#include "doorway/explain.hpp"

namespace doorway {
inline namespace v0 {

// One JSON object (UTF-8, no newline; invalid UTF-8 in ids is replaced by U+FFFD).
// Keys are always present, absent values are null; times are ISO-8601 UTC text:
//   {"lead_id", "stage", "owner", "as_of", "sla_deadline",
//    "path":   [{"kind", "at", "from", "to", "reason"}],
//    "scores": [{"name", "policy", "value", "level", "grade",
//                "contributions": [{"event_id", "type", "at", "rule", "points",
//                                   "factor", "value"[, "log_odds"]}]}],
//    "challengers": [ the same as "scores", for shadow policies ],
//    "next":   [{"name", "to", "priority", "guard", "holds", "needs_touch",
//                "clauses": [{"clause", "actual", "holds", "gap"}]}]}
// A score's value equals the sum of its contributions' values (points × factor);
// "log_odds", the one key not always present, is there for predictive scores'
// contributions only (naive Bayes, logistic).
std::string explanation_to_json(const Explanation& x);

}  // namespace v0
}  // namespace doorway
