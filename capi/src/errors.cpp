// doorway C ABI — errors: the per-thread last error, status texts, the record of
// a failed policy callback, and the checks that pin the C enums to the core's.
#include <cstring>

#include "capi_internal.hpp"
#include "doorway/classify.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::capi {
namespace {

struct ThreadError {
  doorway_error error{DOORWAY_OK, ""};
  std::string message;
};

thread_local ThreadError t_error;
thread_local PolicyFailure t_policy;

}  // namespace

PolicyFailure begin_call() noexcept {
  clear_error();
  const PolicyFailure outer = t_policy;
  t_policy = PolicyFailure{};
  return outer;
}

void end_call(const PolicyFailure& outer) noexcept { t_policy = outer; }

void clear_error() noexcept {
  t_error.error.code = DOORWAY_OK;
  t_error.error.message = "";
  t_error.message.clear();
}

int set_error(int code, const char* fn, std::string_view message) noexcept {
  t_error.error.code = code;
  try {
    t_error.message.assign(fn);
    t_error.message.append(": ");
    t_error.message.append(message);
    t_error.error.message = t_error.message.c_str();
  } catch (...) {
    t_error.error.message = "out of memory while setting the error message";
  }
  return code;
}

void note_policy_failure(const std::string* score, const char* callback, int rc, Timestamp at,
                         std::string_view type) noexcept {
  ++t_policy.count;
  if (t_policy.failed) return;
  t_policy.failed = true;
  t_policy.score = score;
  t_policy.callback = callback;
  t_policy.rc = rc;
  t_policy.at = at;
  t_policy.type = type;
}

bool report_policy_failure(const char* fn) noexcept {
  if (!t_policy.failed) return false;
  const PolicyFailure p = t_policy;
  t_policy = PolicyFailure{};
  try {
    std::string msg = detail::cat("score \"", *p.score, "\": the policy's ", p.callback, " callback ");
    if (p.rc == 0) {
      msg += "returned a non-finite number";
    } else {
      detail::cat_to(msg, "returned ", p.rc);
    }
    if (std::strcmp(p.callback, "apply") == 0 || std::strcmp(p.callback, "factor") == 0) {
      detail::cat_to(msg, " (touch of type \"", p.type, "\" at ", format_iso8601(p.at), ")");
    } else if (std::strcmp(p.callback, "value") == 0) {
      detail::cat_to(msg, " (read at ", format_iso8601(p.at), ")");
    }
    if (p.count > 1) detail::cat_to(msg, "; ", p.count, " callback failures in this call");
    msg += std::strcmp(p.callback, "apply") == 0
               ? "; the touch contributed 0 to this score and was otherwise applied"
               : "; the failed value was read as 0";
    set_error(DOORWAY_EUSER, fn, msg);
  } catch (...) {
    set_error(DOORWAY_EUSER, fn, "a scoring policy callback failed");
  }
  return true;
}

// The C enums share the core's numbering; conversions elsewhere are casts.
static_assert(DOORWAY_TEAM_MARKETING == static_cast<int>(Team::marketing));
static_assert(DOORWAY_TEAM_SALES == static_cast<int>(Team::sales));
static_assert(DOORWAY_AUDIENCE_ONE_TO_MANY == static_cast<int>(Audience::one_to_many));
static_assert(DOORWAY_AUDIENCE_ONE_TO_ONE == static_cast<int>(Audience::one_to_one));
static_assert(DOORWAY_INTERACTION_ONE_WAY == static_cast<int>(Interaction::one_way));
static_assert(DOORWAY_INTERACTION_TWO_WAY == static_cast<int>(Interaction::two_way));
static_assert(DOORWAY_INITIATOR_BUSINESS == static_cast<int>(Initiator::business));
static_assert(DOORWAY_INITIATOR_PROSPECT == static_cast<int>(Initiator::prospect));
static_assert(DOORWAY_TOUCH_DOOR == static_cast<int>(TouchKind::door));
static_assert(DOORWAY_TOUCH_OUTCOME == static_cast<int>(TouchKind::outcome));
static_assert(DOORWAY_TEMPERATURE_WARM == static_cast<int>(Temperature::warm));
static_assert(DOORWAY_TEMPERATURE_HOT == static_cast<int>(Temperature::hot));
static_assert(DOORWAY_STAGE_INVENTORY == static_cast<int>(StageKind::inventory));
static_assert(DOORWAY_STAGE_SLA == static_cast<int>(StageKind::sla));
static_assert(DOORWAY_STAGE_WON == static_cast<int>(StageKind::won));
static_assert(DOORWAY_STAGE_LOST == static_cast<int>(StageKind::lost));
static_assert(DOORWAY_EVENT_HANDOFF == static_cast<int>(EventKind::handoff));
static_assert(DOORWAY_EVENT_SLA_BREACHED == static_cast<int>(EventKind::sla_breached));
static_assert(DOORWAY_EVENT_RECYCLED == static_cast<int>(EventKind::recycled));
static_assert(DOORWAY_REJECT_DUPLICATE == static_cast<int>(RejectKind::duplicate));
static_assert(DOORWAY_REJECT_LATE == static_cast<int>(RejectKind::late));

}  // namespace doorway::capi

extern "C" {

DOORWAY_API const doorway_error* doorway_error_last(void) { return &doorway::capi::t_error.error; }

DOORWAY_API const char* doorway_strerror(int code) {
  switch (code) {
    case DOORWAY_OK: return "no error";
    case DOORWAY_EINVAL: return "invalid argument";
    case DOORWAY_ENOTFOUND: return "not found";
    case DOORWAY_ENOMEM: return "out of memory";
    case DOORWAY_EDATA: return "invalid data";
    case DOORWAY_ESTATE: return "invalid state for this call";
    case DOORWAY_EUSER: return "a user callback failed";
    case DOORWAY_EINTERNAL: return "internal error";
    case DOORWAY_EVERSION: return "unknown struct version or size";
    case DOORWAY_EBUFFER: return "buffer too small";
    default: return "unknown status";
  }
}

}  // extern "C"
