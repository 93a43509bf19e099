// doorway C ABI — reports: built from an engine or read from their JSON form,
// merged, written as JSON or text (doorway.h "Reports").
#include <memory>
#include <string>

#include "capi_internal.hpp"
#include "doorway/report/report.hpp"
#include "doorway/report/report_json.hpp"
#include "doorway/report/report_text.hpp"

namespace doorway::capi {
inline constexpr std::uint32_t kReportMagic = 0x52455054u;  // "REPT"
}  // namespace doorway::capi

// The handle behind doorway_report (opaque in doorway.h).
struct doorway_report {
  std::uint32_t magic = doorway::capi::kReportMagic;
  doorway::Report report;
};

using namespace doorway;
using namespace doorway::capi;

namespace {

int check_report(const doorway_report* r, const char* fn, const char* arg) noexcept {
  return check_handle(r, kReportMagic, fn, arg, "doorway_report");
}

}  // namespace

extern "C" {

DOORWAY_API int doorway_report_new(doorway_report** out, const doorway_engine* engine) {
  static constexpr const char* fn = "doorway_report_new";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    if (const int rc = check_engine(engine, fn)) return rc;
    auto handle = std::make_unique<doorway_report>();
    handle->report = build_report(engine->engine);
    *out = handle.release();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_report_from_json(doorway_report** out, const char* json, size_t len, const char* source_name,
                                         size_t source_len) {
  static constexpr const char* fn = "doorway_report_from_json";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    std::string_view text;
    std::string_view source;
    if (const int rc = to_view(text, json, len, fn, "json")) return rc;
    if (const int rc = to_view(source, source_name, source_len, fn, "source_name")) return rc;
    if (source.empty()) source = "report.json";
    absl::StatusOr<Report> r = report_from_json(text, source);
    if (!r.ok()) return fail(DOORWAY_EDATA, fn, std::string(r.status().message()));
    auto handle = std::make_unique<doorway_report>();
    handle->report = *std::move(r);
    *out = handle.release();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_report_merge(doorway_report* into, const doorway_report* other) {
  static constexpr const char* fn = "doorway_report_merge";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_report(into, fn, "into")) return rc;
    if (const int rc = check_report(other, fn, "other")) return rc;
    if (into == other) {
      // Adding a report to itself doubles every count: allowed, on a copy.
      const Report copy = other->report;
      const absl::Status s = into->report.merge(copy);
      if (!s.ok()) return fail(DOORWAY_EINTERNAL, fn, std::string(s.message()));
      return DOORWAY_OK;
    }
    const absl::Status s = into->report.merge(other->report);
    if (!s.ok()) return fail(DOORWAY_EDATA, fn, std::string(s.message()));
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_report_to_json(doorway_buf* out, const doorway_report* report) {
  static constexpr const char* fn = "doorway_report_to_json";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_report(report, fn, "report")) return rc;
    fill_buf(*out, report_to_json(report->report));
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_report_to_text(doorway_buf* out, const doorway_report* report) {
  static constexpr const char* fn = "doorway_report_to_text";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_report(report, fn, "report")) return rc;
    fill_buf(*out, report_to_text(report->report));
    return DOORWAY_OK;
  });
}

DOORWAY_API void doorway_report_free(doorway_report* report) {
  if (report == nullptr || report->magic != kReportMagic) return;
  report->magic = kDeadMagic;
  delete report;
}

}  // extern "C"
