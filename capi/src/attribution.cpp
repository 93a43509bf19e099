// doorway C ABI — attribution: journey sets (built by hand, read from a path file,
// or taken from an engine), path-file export, and running a model with its result
// as JSON.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "capi_internal.hpp"
#include "doorway/report/attribution.hpp"
#include "doorway/report/journeys.hpp"
#include "doorway/report/path_file.hpp"

namespace doorway::capi {
namespace {

inline constexpr std::uint32_t kJourneysMagic = 0x4A524E59u;  // "JRNY"

static_assert(DOORWAY_ATTRIBUTION_FIRST_TOUCH == static_cast<int>(AttributionModel::first_touch));
static_assert(DOORWAY_ATTRIBUTION_W_SHAPED == static_cast<int>(AttributionModel::w_shaped));
static_assert(DOORWAY_ATTRIBUTION_MARKOV == static_cast<int>(AttributionModel::markov));
static_assert(DOORWAY_ATTRIBUTION_SHAPLEY == static_cast<int>(AttributionModel::shapley));

}  // namespace
}  // namespace doorway::capi

struct doorway_journeys {
  explicit doorway_journeys(doorway::Journeys j) : journeys(std::move(j)) {}
  std::uint32_t magic = doorway::capi::kJourneysMagic;
  doorway::Journeys journeys;
};

using namespace doorway;
using namespace doorway::capi;

namespace {

int check_journeys(const doorway_journeys* j, const char* fn) noexcept {
  return check_handle(j, kJourneysMagic, fn, "journeys", "doorway_journeys");
}

constexpr Duration kDefaultHalfLife = 7 * kDay;

void default_options(doorway_attribution_options& o) noexcept {
  o.version = DOORWAY_ATTRIBUTION_OPTIONS_VERSION;
  o.model = DOORWAY_ATTRIBUTION_MARKOV;
  o.order = 1;
  o.include_nulls = 1;
  o.collapse_repeats = 1;
  o.half_life_us = kDefaultHalfLife;
  o.position_half_life = 1.0;
  o.max_exact_channels = 15;
  o.samples = 1000;
  o.seed = 1;
}

// An empty view of `ptr, len` means the default.
int stage_argument(std::string& out, const char* ptr, std::size_t len, std::string_view fallback, const char* fn,
                   const char* arg) noexcept {
  std::string_view v;
  if (const int rc = to_view(v, ptr, len, fn, arg)) return rc;
  out = v.empty() ? std::string(fallback) : std::string(v);
  return DOORWAY_OK;
}

}  // namespace

extern "C" {

DOORWAY_API int doorway_journeys_new(doorway_journeys** out) {
  static constexpr const char* fn = "doorway_journeys_new";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    *out = new doorway_journeys(Journeys(false));
    return DOORWAY_OK;
  });
}

DOORWAY_API void doorway_journeys_free(doorway_journeys* journeys) {
  if (journeys == nullptr || journeys->magic != kJourneysMagic) return;
  journeys->magic = kDeadMagic;
  delete journeys;
}

DOORWAY_API int doorway_journeys_add(doorway_journeys* journeys, const doorway_str* channels, size_t count,
                                     double conversions, double value, double nulls) {
  static constexpr const char* fn = "doorway_journeys_add";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_journeys(journeys, fn)) return rc;
    if (journeys->journeys.timed()) {
      return fail(DOORWAY_ESTATE, fn, "journeys come from an engine (with times): add to a set from doorway_journeys_new");
    }
    if (channels == nullptr) return fail(DOORWAY_EINVAL, fn, "channels is NULL");
    if (count == 0) return fail(DOORWAY_EINVAL, fn, "count is 0: a journey needs at least one channel");
    std::vector<std::string_view> names(count);
    for (std::size_t i = 0; i < count; ++i) {
      if (channels[i].ptr == nullptr && channels[i].len != 0) {
        return fail(DOORWAY_EINVAL, fn, "channels[", i, "].ptr is NULL but its length is ", channels[i].len);
      }
      names[i] = channels[i].ptr == nullptr ? std::string_view{} : std::string_view(channels[i].ptr, channels[i].len);
      if (names[i].empty()) return fail(DOORWAY_EINVAL, fn, "channels[", i, "] is empty");
    }
    // Check the amounts before interning anything, so a failure adds nothing.
    for (const auto& [v, name] : {std::pair{conversions, "conversions"}, {value, "value"}, {nulls, "nulls"}}) {
      if (!std::isfinite(v) || v < 0) return fail(DOORWAY_EINVAL, fn, name, " is ", v, ": must be finite and >= 0");
    }
    const absl::Status s = journeys->journeys.add_named(names, conversions, value, nulls);
    if (!s.ok()) return fail(DOORWAY_EINVAL, fn, std::string(s.message()));
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_journeys_from_path_file(doorway_journeys** out, const char* text, size_t len,
                                                const char* source_name, size_t source_len) {
  static constexpr const char* fn = "doorway_journeys_from_path_file";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    std::string_view body, source;
    if (const int rc = to_view(body, text, len, fn, "text")) return rc;
    if (const int rc = to_view(source, source_name, source_len, fn, "source_name")) return rc;
    if (source.empty()) source = "paths.csv";
    absl::StatusOr<Journeys> j = read_path_file(body, source);
    if (!j.ok()) return fail(DOORWAY_EDATA, fn, std::string(j.status().message()));
    *out = new doorway_journeys(std::move(*j));
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_journeys_from_engine(doorway_journeys** out, const doorway_engine* engine,
                                             const char* conversion_stage, size_t conversion_stage_len,
                                             const char* opportunity_stage, size_t opportunity_stage_len) {
  static constexpr const char* fn = "doorway_journeys_from_engine";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    if (const int rc = check_engine(engine, fn)) return rc;
    EngineJourneyOptions o;
    if (const int rc = stage_argument(o.conversion_stage, conversion_stage, conversion_stage_len, "customer", fn,
                                      "conversion_stage")) {
      return rc;
    }
    if (const int rc = stage_argument(o.opportunity_stage, opportunity_stage, opportunity_stage_len, "opportunity",
                                      fn, "opportunity_stage")) {
      return rc;
    }
    absl::StatusOr<Journeys> j = journeys_from_engine(engine->engine, o);
    if (!j.ok()) return fail(DOORWAY_EINVAL, fn, std::string(j.status().message()));
    *out = new doorway_journeys(std::move(*j));
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_journeys_count(size_t* out, const doorway_journeys* journeys) {
  static constexpr const char* fn = "doorway_journeys_count";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_journeys(journeys, fn)) return rc;
    *out = journeys->journeys.size();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_journeys_to_path_file(doorway_buf* out, const doorway_journeys* journeys) {
  static constexpr const char* fn = "doorway_journeys_to_path_file";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_journeys(journeys, fn)) return rc;
    absl::StatusOr<std::string> text = write_path_file(journeys->journeys);
    if (!text.ok()) return fail(DOORWAY_EDATA, fn, std::string(text.status().message()));
    fill_buf(*out, *text);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_attribution_options_init(doorway_attribution_options* options, unsigned int version) {
  static constexpr const char* fn = "doorway_attribution_options_init";
  return guarded(fn, [&]() -> int {
    if (options == nullptr) return fail(DOORWAY_EINVAL, fn, "options is NULL");
    if (version != DOORWAY_ATTRIBUTION_OPTIONS_VERSION) {
      return fail(DOORWAY_EVERSION, fn, "version is ", version, ", this library knows version ",
                  DOORWAY_ATTRIBUTION_OPTIONS_VERSION);
    }
    default_options(*options);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_attribution_model_from_name(int* out, const char* name, size_t len) {
  static constexpr const char* fn = "doorway_attribution_model_from_name";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    std::string_view n;
    if (const int rc = to_nonempty_view(n, name, len, fn, "name")) return rc;
    absl::StatusOr<AttributionModel> m = parse_attribution_model(n);
    if (!m.ok()) return fail(DOORWAY_EINVAL, fn, "name: ", std::string(m.status().message()));
    *out = static_cast<int>(*m);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_attribute(doorway_buf* out, const doorway_journeys* journeys,
                                  const doorway_attribution_options* options) {
  static constexpr const char* fn = "doorway_attribute";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_journeys(journeys, fn)) return rc;
    doorway_attribution_options o;
    default_options(o);
    if (options != nullptr) {
      if (options->version != DOORWAY_ATTRIBUTION_OPTIONS_VERSION) {
        return fail(DOORWAY_EVERSION, fn, "options->version is ", options->version, ", this library knows version ",
                    DOORWAY_ATTRIBUTION_OPTIONS_VERSION);
      }
      o = *options;
    }
    if (o.model < 0 || o.model > DOORWAY_ATTRIBUTION_SHAPLEY) {
      return fail(DOORWAY_EINVAL, fn, "options->model: ", o.model, " is not a doorway_attribution_model");
    }
    if (!std::isfinite(o.position_half_life)) {
      return fail(DOORWAY_EINVAL, fn, "options->position_half_life: not a finite number");
    }
    AttributionOptions ao;
    ao.model = static_cast<AttributionModel>(o.model);
    ao.order = o.order;
    ao.include_nulls = o.include_nulls != 0;
    ao.collapse_repeats = o.collapse_repeats != 0;
    ao.half_life = o.half_life_us;
    ao.position_half_life = o.position_half_life;
    ao.max_exact_channels = o.max_exact_channels;
    ao.samples = o.samples;
    ao.seed = o.seed;
    absl::StatusOr<Attribution> a = attribute(journeys->journeys, ao);
    if (!a.ok()) {
      const int code = absl::IsInvalidArgument(a.status()) ? DOORWAY_EINVAL : DOORWAY_EINTERNAL;
      return fail(code, fn, "options->", std::string(a.status().message()));
    }
    fill_buf(*out, to_json(*a));
    return DOORWAY_OK;
  });
}

}  // extern "C"
