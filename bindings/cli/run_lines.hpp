// doorway run's output lines: one JSON line a lead (stage, owner, temperature,
// scores, touch counts, SLA deadline) and one an event. In a header of their own
// so bench/output_bench.cpp times the very code the command runs.
//
// A line makes its room once, for a bound worked out from its fields, and is
// written through a pointer with the write_* forms of doorway/detail/json_text.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli_common.hpp"
#include "doorway/detail/json_text.hpp"
#include "doorway/engine.hpp"
#include "doorway/lead.hpp"

namespace doorway::cli {

namespace run_lines_internal {

// The keys and punctuation of a lead line, in the order written.
inline constexpr char kLeadId[] = "{\"lead_id\":";
inline constexpr char kAccountId[] = ",\"account_id\":";
inline constexpr char kStage[] = ",\"stage\":";
inline constexpr char kOwner[] = ",\"owner\":";
inline constexpr char kTemperature[] = ",\"temperature\":";
inline constexpr char kScores[] = ",\"scores\":{";
inline constexpr char kMarketing[] = "},\"touches\":{\"marketing\":";
inline constexpr char kSales[] = ",\"sales\":";
inline constexpr char kTotal[] = ",\"total\":";
inline constexpr char kEnteredStageAt[] = "},\"entered_stage_at\":";
inline constexpr char kSlaDeadline[] = ",\"sla_deadline\":";
inline constexpr char kLeadEnd[] = "}\n";
// All of them (each array holds a NUL besides), three integers' and two times'
// room; a score adds its name, a number and two bytes (',' or none, ':').
inline constexpr std::size_t kLeadFixedBound =
    sizeof kLeadId + sizeof kAccountId + sizeof kStage + sizeof kOwner + sizeof kTemperature + sizeof kScores +
    sizeof kMarketing + sizeof kSales + sizeof kTotal + sizeof kEnteredStageAt + sizeof kSlaDeadline +
    sizeof kLeadEnd - 12 + 3 * detail::kJsonIntegerBound + 2 * detail::kJsonTimeBound;
static_assert(kLeadFixedBound == 151 + 3 * 20 + 2 * 34);  // the keys counted by hand
inline constexpr std::size_t kScoreBound = 2 + detail::kJsonNumberBound;

// The keys and punctuation of an event line.
inline constexpr char kKind[] = "{\"kind\":";
inline constexpr char kEventLeadId[] = ",\"lead_id\":";
inline constexpr char kAt[] = ",\"at\":";
inline constexpr char kFrom[] = ",\"from\":";
inline constexpr char kTo[] = ",\"to\":";
inline constexpr char kReason[] = ",\"reason\":";
inline constexpr char kDeadline[] = ",\"deadline\":";
inline constexpr char kEventEnd[] = "}\n";
inline constexpr std::size_t kEventFixedBound = sizeof kKind + sizeof kEventLeadId + sizeof kAt + sizeof kFrom +
                                                sizeof kTo + sizeof kReason + sizeof kDeadline + sizeof kEventEnd -
                                                8 + 2 * detail::kJsonTimeBound;
static_assert(kEventFixedBound == 63 + 2 * 34);  // the keys counted by hand

// A key (a literal from above) and its value.
template <std::size_t N>
char* write_string_field(char* p, const char (&key)[N], std::string_view value) noexcept {
  return detail::write_json_string(detail::write_literal(p, key), value);
}
template <std::size_t N>
char* write_time_field(char* p, const char (&key)[N], Timestamp value) noexcept {
  return detail::write_json_time(detail::write_literal(p, key), value);
}
template <std::size_t N>
char* write_integer_field(char* p, const char (&key)[N], std::uint64_t value) noexcept {
  return detail::write_json_integer(detail::write_literal(p, key), value);
}

}  // namespace run_lines_internal

// Writes a lead's line: {"lead_id":…,"account_id":… (when known),"stage":…,
// "owner":…,"temperature":… (when the model has a leveled score),"scores":{…},
// "touches":{"marketing":…,"sales":…,"total":…},"entered_stage_at":…,
// "sla_deadline":… (while set)}. Out of line: one call a line, and a profile
// shows the output's cost under this name.
[[gnu::noinline]] inline void write_lead(detail::JsonWriter& w, const LeadView& v) {
  namespace line = run_lines_internal;
  const std::string_view owner = to_string(v.owner);
  const std::string_view temperature = v.temperature ? to_string(*v.temperature) : std::string_view();
  std::size_t bound = line::kLeadFixedBound + detail::json_string_bound(v.lead_id) +
                      detail::json_string_bound(v.account_id) + detail::json_string_bound(v.stage_name) +
                      detail::json_string_bound(owner) + detail::json_string_bound(temperature);
  for (const auto& score : v.scores) bound += line::kScoreBound + detail::json_string_bound(score.first);

  char* p = w.reserve(bound);
  p = line::write_string_field(p, line::kLeadId, v.lead_id);
  if (!v.account_id.empty()) p = line::write_string_field(p, line::kAccountId, v.account_id);
  p = line::write_string_field(p, line::kStage, v.stage_name);
  p = line::write_string_field(p, line::kOwner, owner);
  if (v.temperature) p = line::write_string_field(p, line::kTemperature, temperature);
  p = detail::write_literal(p, line::kScores);
  for (std::size_t i = 0; i < v.scores.size(); ++i) {
    if (i) *p++ = ',';
    p = detail::write_json_string(p, v.scores[i].first);
    *p++ = ':';
    p = detail::write_json_number(p, v.scores[i].second, kNumberDigits);
  }
  p = line::write_integer_field(p, line::kMarketing, v.marketing_touches);
  p = line::write_integer_field(p, line::kSales, v.sales_touches);
  p = line::write_integer_field(p, line::kTotal, v.touches);
  p = line::write_time_field(p, line::kEnteredStageAt, v.entered_stage_at);
  if (v.sla_deadline) p = line::write_time_field(p, line::kSlaDeadline, *v.sla_deadline);
  p = detail::write_literal(p, line::kLeadEnd);
  w.wrote(p);
}

// Writes an event's line: {"kind":…,"lead_id":…,"at":…,"from":…,"to":…,
// "reason":…,"deadline":… (a handoff's SLA deadline)}.
inline void write_event(detail::JsonWriter& w, const EventView& e) {
  namespace line = run_lines_internal;
  const std::string_view kind = to_string(e.kind);
  char* p = w.reserve(line::kEventFixedBound + detail::json_string_bound(kind) + detail::json_string_bound(e.lead_id) +
                      detail::json_string_bound(e.from) + detail::json_string_bound(e.to) +
                      detail::json_string_bound(e.reason));
  p = line::write_string_field(p, line::kKind, kind);
  p = line::write_string_field(p, line::kEventLeadId, e.lead_id);
  p = line::write_time_field(p, line::kAt, e.at);
  p = line::write_string_field(p, line::kFrom, e.from);
  p = line::write_string_field(p, line::kTo, e.to);
  p = line::write_string_field(p, line::kReason, e.reason);
  if (e.deadline) p = line::write_time_field(p, line::kDeadline, *e.deadline);
  p = detail::write_literal(p, line::kEventEnd);
  w.wrote(p);
}

}  // namespace doorway::cli
