// doorway C ABI — reading leads: one lead into a caller struct, its scores, the
// leads in sorted order, and a lead's explanation as JSON.
#include <algorithm>

#include "capi_internal.hpp"
#include "doorway/explain_json.hpp"

using namespace doorway;
using namespace doorway::capi;

namespace {

// Finds a lead by a `ptr, len` id; fails with EINVAL / ENOTFOUND naming it.
int find_lead(std::optional<LeadView>& out, const doorway_engine* engine, const char* id, std::size_t len,
              const char* fn) {
  std::string_view lead;
  if (const int rc = to_nonempty_view(lead, id, len, fn, "lead_id")) return rc;
  out = engine->engine.lead(lead);
  if (!out) return fail(DOORWAY_ENOTFOUND, fn, "no lead with lead_id \"", lead, "\"");
  return DOORWAY_OK;
}

}  // namespace

extern "C" {

DOORWAY_API int doorway_engine_lead(doorway_lead* out, const doorway_engine* engine, const char* lead_id,
                                    size_t lead_id_len) {
  static constexpr const char* fn = "doorway_engine_lead";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_lead{};
    if (const int rc = check_engine(engine, fn)) return rc;
    std::optional<LeadView> v;
    if (const int rc = find_lead(v, engine, lead_id, lead_id_len, fn)) return rc;
    out->lead_id = to_str(v->lead_id);
    out->account_id = to_str(v->account_id);
    out->stage_name = to_str(v->stage_name);
    out->stage = v->stage;
    out->score_count = v->scores.size();
    out->owner = static_cast<int>(v->owner);
    out->has_temperature = v->temperature ? 1 : 0;
    out->temperature = v->temperature ? static_cast<int>(*v->temperature) : 0;
    out->has_sla_deadline = v->sla_deadline ? 1 : 0;
    out->touches = v->touches;
    out->marketing_touches = v->marketing_touches;
    out->sales_touches = v->sales_touches;
    out->touches_in_stage = v->touches_in_stage;
    out->as_of = v->as_of;
    out->entered_stage_at = v->entered_stage_at;
    out->last_touch_at = v->last_touch_at;
    out->sla_deadline = v->sla_deadline.value_or(0);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_lead_score_at(doorway_score* out, const doorway_engine* engine,
                                             const char* lead_id, size_t lead_id_len, size_t index) {
  static constexpr const char* fn = "doorway_engine_lead_score_at";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_score{};
    if (const int rc = check_engine(engine, fn)) return rc;
    std::optional<LeadView> v;
    if (const int rc = find_lead(v, engine, lead_id, lead_id_len, fn)) return rc;
    if (index >= v->scores.size()) {
      return fail(DOORWAY_ENOTFOUND, fn, "index ", index, " is past the end (", v->scores.size(), " scores)");
    }
    out->name = to_str(v->scores[index].first);
    out->value = v->scores[index].second;
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_lead_score(double* out, const doorway_engine* engine, const char* lead_id,
                                          size_t lead_id_len, const char* name, size_t name_len) {
  static constexpr const char* fn = "doorway_engine_lead_score";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_engine(engine, fn)) return rc;
    std::string_view score;
    if (const int rc = to_nonempty_view(score, name, name_len, fn, "name")) return rc;
    std::optional<LeadView> v;
    if (const int rc = find_lead(v, engine, lead_id, lead_id_len, fn)) return rc;
    const std::optional<double> value = v->score(score);
    if (!value) return fail(DOORWAY_ENOTFOUND, fn, "the model has no score named \"", score, "\"");
    *out = *value;
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_lead_count(size_t* out, const doorway_engine* engine) {
  static constexpr const char* fn = "doorway_engine_lead_count";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_engine(engine, fn)) return rc;
    *out = engine->engine.lead_count();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_lead_id_at(doorway_str* out, const doorway_engine* engine, size_t index) {
  static constexpr const char* fn = "doorway_engine_lead_id_at";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_str{nullptr, 0};
    if (const int rc = check_engine(engine, fn)) return rc;
    const std::size_t n = engine->engine.lead_count();
    if (index >= n) return fail(DOORWAY_ENOTFOUND, fn, "index ", index, " is past the end (", n, " leads)");
    // Leads are only ever added, so the sorted list is current while its size is.
    if (engine->sorted_ids.size() != n) engine->sorted_ids = engine->engine.lead_ids();
    *out = to_str(engine->sorted_ids[index]);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_explain(doorway_buf* out, const doorway_engine* engine, const char* lead_id,
                                       size_t lead_id_len) {
  static constexpr const char* fn = "doorway_engine_explain";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_engine(engine, fn)) return rc;
    std::string_view lead;
    if (const int rc = to_nonempty_view(lead, lead_id, lead_id_len, fn, "lead_id")) return rc;
    absl::StatusOr<Explanation> x = engine->engine.explain(lead);
    if (!x.ok()) {
      if (absl::IsNotFound(x.status())) return fail(DOORWAY_ENOTFOUND, fn, "no lead with lead_id \"", lead, "\"");
      return fail(DOORWAY_EINTERNAL, fn, std::string(x.status().message()));
    }
    fill_buf(*out, explanation_to_json(*x));
    return DOORWAY_OK;
  });
}

}  // extern "C"
