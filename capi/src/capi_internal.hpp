// doorway C ABI — what the capi/src files share: the handle structs behind the
// opaque C types, the per-thread error state, the one guard every entry point runs
// in, and argument checks. Never installed; never included by the core.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "doorway.h"
#include "doorway/detail/interner.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/engine.hpp"
#include "doorway/model.hpp"
#include "doorway/problem.hpp"

namespace doorway::capi {

// ---- Handles ---------------------------------------------------------------------
// Each handle starts with a magic number, checked at every entry point, so a handle
// of the wrong type (or one already freed) is reported instead of misused.
inline constexpr std::uint32_t kModelMagic = 0x4D4F444Cu;     // "MODL"
inline constexpr std::uint32_t kEngineMagic = 0x454E474Eu;    // "ENGN"
inline constexpr std::uint32_t kProblemsMagic = 0x50524F42u;  // "PROB"
inline constexpr std::uint32_t kDeadMagic = 0xDEADDEADu;

// Per lead, fingerprints of the events polling has delivered (see events.cpp).
struct EventDelivery {
  absl::flat_hash_map<std::string_view, std::vector<std::uint64_t>, detail::StringViewHash,
                      detail::StringViewEq>
      delivered;
  std::uint64_t computed_for = ~std::uint64_t{0};  // engine generation `pending` was computed for
  struct Pending {
    doorway_event event;
    std::uint64_t hash;
  };
  std::vector<Pending> pending;
  std::size_t next = 0;
};

}  // namespace doorway::capi

struct doorway_model {
  std::uint32_t magic = doorway::capi::kModelMagic;
  std::shared_ptr<const doorway::Model> model;
};

struct doorway_problems {
  std::uint32_t magic = doorway::capi::kProblemsMagic;
  std::vector<doorway::Problem> list;
};

struct doorway_engine {
  doorway_engine(std::shared_ptr<const doorway::Model> m, doorway::EngineOptions o)
      : engine(std::move(m), o) {}

  std::uint32_t magic = doorway::capi::kEngineMagic;
  doorway::Engine engine;
  // The last ingest call: its rejections (C-level ones merged with the engine's).
  std::vector<doorway::Rejection> rejections;
  std::uint64_t invalid_in_c = 0;  // touches rejected by the C layer, over the engine's life
  // Reused across ingest calls: converted touches and, when some were rejected
  // here, their positions in the caller's batch.
  std::vector<doorway::Touch> scratch;
  std::vector<std::size_t> scratch_index;
  // Bumped by every call that can change the engine (ingest, advance).
  std::uint64_t generation = 0;
  // Sorted lead ids, valid while their count equals the engine's lead count
  // (leads are only ever added).
  mutable std::vector<std::string_view> sorted_ids;
  mutable doorway::capi::EventDelivery events;
  // Re-entrancy: set while ingest/advance run (policy callbacks) and while an
  // event callback runs.
  mutable bool changing = false;
  mutable int in_event_callback = 0;
};

namespace doorway::capi {

// ---- Errors ------------------------------------------------------------------------

// What is known of the policy callbacks that failed during one call.
struct PolicyFailure {
  bool failed = false;
  unsigned count = 0;
  const std::string* score = nullptr;
  const char* callback = nullptr;
  int rc = 0;
  Timestamp at = 0;
  std::string_view type;
};

// Entering / leaving an entry point on this thread: begin_call() resets the
// thread's error and starts a fresh record of failed policy callbacks, returning
// the enclosing call's record (calls nest when a callback calls the library);
// end_call() puts it back.
PolicyFailure begin_call() noexcept;
void end_call(const PolicyFailure& outer) noexcept;
// Resets the calling thread's error to DOORWAY_OK / "".
void clear_error() noexcept;
// Sets the calling thread's error to `code` and "fn: message"; returns code.
int set_error(int code, const char* fn, std::string_view message) noexcept;

template <class... Pieces>
int fail(int code, const char* fn, const Pieces&... pieces) noexcept {
  try {
    return set_error(code, fn, detail::cat(pieces...));
  } catch (...) {
    return set_error(code, fn, "(out of memory while formatting the message)");
  }
}

// A custom policy callback failed during the current call (recorded without
// allocating; reported by the guard when the call ends). `score` and `type` must
// outlive the call (they live in the policy, which the model keeps).
void note_policy_failure(const std::string* score, const char* callback, int rc,
                         Timestamp at, std::string_view type) noexcept;
// When a policy callback failed during this call: sets the thread error to
// DOORWAY_EUSER naming the score and returns true.
bool report_policy_failure(const char* fn) noexcept;

// Runs an entry point's body: no exception leaves it. The body returns a status
// (having called fail() for errors) or, for iterations, a callback's value.
template <class Body>
int guarded(const char* fn, Body&& body) noexcept {
  struct Scope {
    PolicyFailure outer = begin_call();
    ~Scope() { end_call(outer); }
  } scope;
  try {
    const int rc = body();
    if (rc == DOORWAY_OK) {
      if (report_policy_failure(fn)) return DOORWAY_EUSER;
      clear_error();  // a failed call made from inside a callback leaves no trace
    }
    return rc;
  } catch (const std::bad_alloc&) {
    return set_error(DOORWAY_ENOMEM, fn, "out of memory");
  } catch (const std::exception& e) {
    return fail(DOORWAY_EINTERNAL, fn, "internal error (please report): ", e.what());
  } catch (...) {
    return set_error(DOORWAY_EINTERNAL, fn, "internal error (please report): unknown exception");
  }
}

// ---- Argument checks ---------------------------------------------------------------

inline constexpr Timestamp kMinTime = -62135596800000000;  // 0001-01-01T00:00:00Z
inline constexpr Timestamp kMaxTime = 253402300799999999;  // 9999-12-31T23:59:59.999999Z

inline bool time_in_range(std::int64_t t) noexcept { return t >= kMinTime && t <= kMaxTime; }

template <class Handle>
int check_handle(const Handle* h, std::uint32_t magic, const char* fn, const char* arg,
                 const char* type) noexcept {
  if (h == nullptr) return fail(DOORWAY_EINVAL, fn, arg, " is NULL");
  if (h->magic != magic) {
    return fail(DOORWAY_EINVAL, fn, arg, " is not a live ", type,
                " (freed already, or a handle of another type)");
  }
  return DOORWAY_OK;
}
inline int check_model(const doorway_model* m, const char* fn, const char* arg = "model") noexcept {
  return check_handle(m, kModelMagic, fn, arg, "doorway_model");
}
inline int check_engine(const doorway_engine* e, const char* fn) noexcept {
  if (const int rc = check_handle(e, kEngineMagic, fn, "engine", "doorway_engine")) return rc;
  if (e->changing) {
    return fail(DOORWAY_ESTATE, fn,
                "engine is busy in ingest or advance (called from a scoring policy callback?)");
  }
  return DOORWAY_OK;
}
// For calls that change the engine or consume its events: not from an event callback.
inline int check_engine_mutable(const doorway_engine* e, const char* fn) noexcept {
  if (const int rc = check_engine(e, fn)) return rc;
  if (e->in_event_callback > 0) {
    return fail(DOORWAY_ESTATE, fn, "called from inside an event callback on the same engine");
  }
  return DOORWAY_OK;
}

// A doorway_buf output argument: not NULL and empty (so a filled buffer is never
// overwritten and leaked); its size is zeroed for the call to fill.
inline int check_out_buf(doorway_buf* out, const char* fn) noexcept {
  if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
  if (out->ptr != nullptr) {
    return fail(DOORWAY_EINVAL, fn, "out is not empty: dispose it first or start from DOORWAY_BUF_INIT");
  }
  out->size = 0;
  return DOORWAY_OK;
}

// A `ptr, len` argument as a string view; fails when ptr is NULL with a length.
inline int to_view(std::string_view& out, const char* ptr, std::size_t len, const char* fn,
                   const char* arg) noexcept {
  if (ptr == nullptr && len != 0) return fail(DOORWAY_EINVAL, fn, arg, " is NULL but its length is ", len);
  out = ptr == nullptr ? std::string_view{} : std::string_view(ptr, len);
  return DOORWAY_OK;
}
inline int to_nonempty_view(std::string_view& out, const char* ptr, std::size_t len, const char* fn,
                            const char* arg) noexcept {
  if (const int rc = to_view(out, ptr, len, fn, arg)) return rc;
  if (out.empty()) return fail(DOORWAY_EINVAL, fn, arg, " is empty");
  return DOORWAY_OK;
}

inline doorway_str to_str(std::string_view s) noexcept { return doorway_str{s.data(), s.size()}; }

// Fills an empty doorway_buf with a NUL-terminated copy of `bytes` (may throw bad_alloc).
void fill_buf(doorway_buf& out, std::string_view bytes);

// Converts one C touch (size already checked) to a core Touch. Returns false with
// `why` set when a field is malformed; allocates only then.
bool to_touch(const doorway_touch& in, Touch& out, std::string& why);
// The checks to_touch makes, for doorway_classify: strings (type and channel only
// when classify_only), then the enum fields.
bool check_touch_strings(const doorway_touch& in, bool classify_only, std::string& why);
bool check_touch_enums(const doorway_touch& in, std::string& why);
// Copies the fields as views (no checks).
void fill_touch(const doorway_touch& in, Touch& out) noexcept;

// Enum values: the C and C++ enums share their numbering (static_asserts in
// errors.cpp), so conversions are casts after a range check.
inline bool valid_team(int v) noexcept { return v >= 0 && v <= 2; }
inline bool valid_axis(int v) noexcept { return v >= 0 && v <= 2; }

doorway_event to_c_event(const EventView& v, std::uint64_t seq) noexcept;

}  // namespace doorway::capi
