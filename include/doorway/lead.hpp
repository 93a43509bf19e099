// doorway — a lead's state: compact as kept by the engine (ids, counters and
// times; no strings), and as read by callers (names resolved, scores evaluated).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "doorway/journey.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// What the engine keeps per lead besides score states and kept touches.
struct LeadState {
  static constexpr std::uint32_t kNoAccount = 0xFFFFFFFF;

  Timestamp entered_at = 0;      // when the lead entered its current stage
  Timestamp last_touch_at = 0;
  Timestamp deadline = kNever;   // the current stage's SLA deadline
  Timestamp settled_at = std::numeric_limits<Timestamp>::min();  // time the lead is brought up to
  std::uint32_t touches = 0;           // contacts (outcomes excluded)
  std::uint32_t marketing_touches = 0;
  std::uint32_t sales_touches = 0;
  std::uint32_t sales_conversations = 0;  // sales touches that were two-way
  std::uint32_t touches_in_stage = 0;
  std::uint32_t account = kNoAccount;
  StageId stage = kNoStage;
};

// A lead as a caller reads it, evaluated at `as_of`. Views borrow from the engine
// and are valid until the engine next changes.
struct LeadView {
  std::string_view lead_id;
  std::string_view account_id;
  StageId stage = kNoStage;
  std::string_view stage_name;
  Team owner = Team::unknown;
  Timestamp as_of = 0;
  std::optional<Temperature> temperature;  // when the model has a leveled score
  std::vector<std::pair<std::string_view, double>> scores;  // in model order
  // Shadow policies: score name → its challenger's value, for the scores that declare
  // one (in model order); guards never read these.
  std::vector<std::pair<std::string_view, double>> challengers;
  std::uint32_t touches = 0;
  std::uint32_t marketing_touches = 0;
  std::uint32_t sales_touches = 0;
  std::uint32_t sales_conversations = 0;  // sales touches that were two-way (a guard feature)
  std::uint32_t touches_in_stage = 0;
  Timestamp entered_stage_at = 0;
  Timestamp last_touch_at = 0;
  std::optional<Timestamp> sla_deadline;  // set while the lead waits in an SLA stage

  // A score by name; nullopt when the model has none of that name.
  std::optional<double> score(std::string_view name) const {
    for (const auto& [n, v] : scores) {
      if (n == name) return v;
    }
    return std::nullopt;
  }
};

}  // namespace v0
}  // namespace doorway
