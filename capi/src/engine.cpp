// doorway C ABI — engines: options, creation, batch ingest with its accounting and
// rejections, advancing the clock, and statistics.
#include <algorithm>

#include "capi_internal.hpp"

using namespace doorway;
using namespace doorway::capi;

namespace {

constexpr std::int64_t kDefaultLateWindow = std::int64_t{604800} * 1000000;  // 7 days
constexpr std::int64_t kMaxLateWindow = kMaxTime - kMinTime;

int check_options(const doorway_engine_options* o, const char* fn) noexcept {
  if (o->version != DOORWAY_ENGINE_OPTIONS_VERSION) {
    return fail(DOORWAY_EVERSION, fn, "options->version is ", o->version, ", this library knows version ",
                DOORWAY_ENGINE_OPTIONS_VERSION, " (initialise with DOORWAY_ENGINE_OPTIONS_INIT)");
  }
  if (o->late_window_us < 0 || o->late_window_us > kMaxLateWindow) {
    return fail(DOORWAY_EINVAL, fn, "options->late_window_us is ", o->late_window_us,
                ", expected 0 .. ", kMaxLateWindow);
  }
  return DOORWAY_OK;
}

// Marks the engine busy for the duration of a changing call.
struct Changing {
  explicit Changing(doorway_engine* e) : e_(e) { e_->changing = true; ++e_->generation; }
  ~Changing() { e_->changing = false; }
  Changing(const Changing&) = delete;
  Changing& operator=(const Changing&) = delete;
  doorway_engine* e_;
};

}  // namespace

extern "C" {

DOORWAY_API int doorway_engine_options_init(doorway_engine_options* options, unsigned int version) {
  static constexpr const char* fn = "doorway_engine_options_init";
  return guarded(fn, [&]() -> int {
    if (options == nullptr) return fail(DOORWAY_EINVAL, fn, "options is NULL");
    if (version != DOORWAY_ENGINE_OPTIONS_VERSION) {
      return fail(DOORWAY_EVERSION, fn, "version is ", version, ", this library knows version ",
                  DOORWAY_ENGINE_OPTIONS_VERSION);
    }
    options->version = version;
    options->late_window_us = kDefaultLateWindow;
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_new(doorway_engine** out, const doorway_model* model,
                                   const doorway_engine_options* options) {
  static constexpr const char* fn = "doorway_engine_new";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    if (const int rc = check_model(model, fn)) return rc;
    EngineOptions o;
    o.late_window = kDefaultLateWindow;
    if (options != nullptr) {
      if (const int rc = check_options(options, fn)) return rc;
      o.late_window = options->late_window_us;
    }
    *out = new doorway_engine(model->model, o);
    return DOORWAY_OK;
  });
}

DOORWAY_API void doorway_engine_free(doorway_engine* engine) {
  if (engine == nullptr || engine->magic != kEngineMagic) return;
  if (engine->changing || engine->in_event_callback > 0) return;  // from its own callback
  engine->magic = kDeadMagic;
  delete engine;
}

DOORWAY_API int doorway_engine_ingest(doorway_ingest_result* result, doorway_engine* engine,
                                      const doorway_touch* touches, size_t count, size_t touch_size) {
  static constexpr const char* fn = "doorway_engine_ingest";
  return guarded(fn, [&]() -> int {
    if (result != nullptr) *result = doorway_ingest_result{};
    if (const int rc = check_engine_mutable(engine, fn)) return rc;
    if (touch_size != sizeof(doorway_touch)) {
      return fail(DOORWAY_EVERSION, fn, "touch_size is ", touch_size, ", expected sizeof(doorway_touch) = ",
                  sizeof(doorway_touch), " (header and library versions differ?)");
    }
    if (touches == nullptr && count != 0) return fail(DOORWAY_EINVAL, fn, "touches is NULL but count is ", count);
    if (count > SIZE_MAX / sizeof(doorway_touch)) return fail(DOORWAY_EINVAL, fn, "count ", count, " is too large");

    Changing changing(engine);
    engine->rejections.clear();
    std::vector<Touch>& views = engine->scratch;
    std::vector<std::size_t>& index = engine->scratch_index;
    views.clear();
    index.clear();
    views.reserve(count);
    std::vector<Rejection> here;  // rejected by this layer (rare: allocated only then)
    std::string why;
    for (std::size_t i = 0; i < count; ++i) {
      Touch t;
      if (!to_touch(touches[i], t, why)) {
        if (here.empty()) {
          index.reserve(count);
          for (std::size_t k = 0; k < views.size(); ++k) index.push_back(k);
        }
        const doorway_str& id = touches[i].event_id;
        here.push_back({i, RejectKind::invalid,
                        id.ptr == nullptr ? std::string() : std::string(id.ptr, id.len),
                        detail::cat("touches[", i, "].", why)});
        continue;
      }
      views.push_back(t);
      if (!here.empty()) index.push_back(i);
    }

    IngestResult r = engine->engine.ingest(std::span<const Touch>(views));
    engine->invalid_in_c += here.size();
    if (here.empty()) {
      engine->rejections = std::move(r.rejections);
    } else {
      for (Rejection& rej : r.rejections) rej.index = index[rej.index];
      engine->rejections.reserve(here.size() + r.rejections.size());
      std::merge(std::make_move_iterator(here.begin()), std::make_move_iterator(here.end()),
                 std::make_move_iterator(r.rejections.begin()), std::make_move_iterator(r.rejections.end()),
                 std::back_inserter(engine->rejections),
                 [](const Rejection& a, const Rejection& b) { return a.index < b.index; });
    }
    if (result != nullptr) {
      result->accepted = r.accepted;
      result->duplicate = r.duplicate;
      result->late = r.late;
      result->invalid = r.invalid + here.size();
    }
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_rejection_count(size_t* out, const doorway_engine* engine) {
  static constexpr const char* fn = "doorway_engine_rejection_count";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_engine(engine, fn)) return rc;
    *out = engine->rejections.size();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_rejection(doorway_rejection* out, const doorway_engine* engine, size_t i) {
  static constexpr const char* fn = "doorway_engine_rejection";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_rejection{};
    if (const int rc = check_engine(engine, fn)) return rc;
    if (i >= engine->rejections.size()) {
      return fail(DOORWAY_ENOTFOUND, fn, "i ", i, " is past the end (", engine->rejections.size(),
                  " rejections in the last ingest call)");
    }
    const Rejection& r = engine->rejections[i];
    out->event_id = to_str(r.event_id);
    out->reason = to_str(r.reason);
    out->index = r.index;
    out->kind = static_cast<int>(r.kind);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_advance(doorway_engine* engine, int64_t now) {
  static constexpr const char* fn = "doorway_engine_advance";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_engine_mutable(engine, fn)) return rc;
    if (!time_in_range(now)) {
      return fail(DOORWAY_EINVAL, fn, "now is ", now,
                  " us, outside 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z");
    }
    Changing changing(engine);
    engine->engine.advance(now);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_stats(doorway_stats* out, const doorway_engine* engine) {
  static constexpr const char* fn = "doorway_engine_stats";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_stats{};
    if (const int rc = check_engine(engine, fn)) return rc;
    const IngestStats& s = engine->engine.stats();
    out->accepted = s.accepted;
    out->duplicate = s.duplicate;
    out->late = s.late;
    out->invalid = s.invalid + engine->invalid_in_c;
    out->replays = s.replays;
    out->leads = engine->engine.lead_count();
    out->memory_bytes = engine->engine.memory_bytes();
    out->now = engine->engine.now();
    return DOORWAY_OK;
  });
}

}  // extern "C"
