// doorway C ABI — touches: converting a doorway_touch to the core's Touch without
// copying its strings, and saying exactly which field is malformed when one is.
#include <cmath>

#include "capi_internal.hpp"

namespace doorway::capi {
namespace {

inline bool str_ok(const doorway_str& s) noexcept { return s.ptr != nullptr || s.len == 0; }
inline std::string_view view(const doorway_str& s) noexcept {
  return s.ptr == nullptr ? std::string_view{} : std::string_view(s.ptr, s.len);
}

void bad_str(std::string& why, const char* field, const doorway_str& s) {
  why = detail::cat(field, ": ptr is NULL but len is ", s.len);
}

}  // namespace

bool check_touch_strings(const doorway_touch& in, bool classify_only, std::string& why) {
  if (!str_ok(in.type)) return bad_str(why, "type", in.type), false;
  if (!str_ok(in.channel)) return bad_str(why, "channel", in.channel), false;
  if (classify_only) return true;
  if (!str_ok(in.event_id)) return bad_str(why, "event_id", in.event_id), false;
  if (!str_ok(in.lead_id)) return bad_str(why, "lead_id", in.lead_id), false;
  if (!str_ok(in.account_id)) return bad_str(why, "account_id", in.account_id), false;
  if (!str_ok(in.outcome)) return bad_str(why, "outcome", in.outcome), false;
  return true;
}

bool check_touch_enums(const doorway_touch& in, std::string& why) {
  if (!valid_axis(in.audience)) {
    why = detail::cat("audience: ", in.audience, " is not a doorway_audience (0 unknown, 1 one_to_many, 2 one_to_one)");
    return false;
  }
  if (!valid_axis(in.interaction)) {
    why = detail::cat("interaction: ", in.interaction, " is not a doorway_interaction (0 unknown, 1 one_way, 2 two_way)");
    return false;
  }
  if (!valid_axis(in.initiator)) {
    why = detail::cat("initiator: ", in.initiator, " is not a doorway_initiator (0 unknown, 1 business, 2 prospect)");
    return false;
  }
  if (!valid_team(in.team)) {
    why = detail::cat("team: ", in.team, " is not a doorway_team (0 unknown, 1 marketing, 2 sales)");
    return false;
  }
  return true;
}

void fill_touch(const doorway_touch& in, Touch& out) noexcept {
  out.event_id = view(in.event_id);
  out.lead_id = view(in.lead_id);
  out.account_id = view(in.account_id);
  out.timestamp = in.timestamp;
  out.type = view(in.type);
  out.channel = view(in.channel);
  out.audience = static_cast<Audience>(in.audience);
  out.interaction = static_cast<Interaction>(in.interaction);
  out.initiator = static_cast<Initiator>(in.initiator);
  out.team = static_cast<Team>(in.team);
  out.value = in.has_value ? std::optional<double>(in.value) : std::nullopt;
  out.outcome = view(in.outcome);
  out.properties = {};
  out.traits = {};
}

bool to_touch(const doorway_touch& in, Touch& out, std::string& why) {
  if (!check_touch_strings(in, false, why) || !check_touch_enums(in, why)) return false;
  if (!time_in_range(in.timestamp)) {
    why = detail::cat("timestamp: ", in.timestamp,
                      " us is outside 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z");
    return false;
  }
  if (in.reserved != 0) {
    why = detail::cat("reserved: must be 0, not ", in.reserved);
    return false;
  }
  fill_touch(in, out);
  return true;
}

}  // namespace doorway::capi
