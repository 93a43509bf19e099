// doorway C ABI — events: iteration with a callback, and polling / draining with a
// per-lead record of what was delivered, so a consumer holds each lead's current
// history even when a late touch rewrites it.
#include <algorithm>
#include <cstring>

#include "capi_internal.hpp"

using namespace doorway;
using namespace doorway::capi;

namespace doorway::capi {

doorway_event to_c_event(const EventView& v, std::uint64_t seq) noexcept {
  doorway_event e{};
  e.kind = static_cast<int>(v.kind);
  e.has_deadline = v.deadline ? 1 : 0;
  e.lead_id = to_str(v.lead_id);
  e.from = to_str(v.from);
  e.to = to_str(v.to);
  e.reason = to_str(v.reason);
  e.at = v.at;
  e.deadline = v.deadline.value_or(0);
  e.seq = seq;
  return e;
}

}  // namespace doorway::capi

namespace {

// FNV-1a over what identifies an event within its lead's history.
struct Fnv {
  std::uint64_t h = 14695981039346656037ull;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  }
  void str(std::string_view s) {
    const std::uint64_t n = s.size();
    bytes(&n, sizeof n);
    bytes(s.data(), s.size());
  }
};

std::uint64_t fingerprint(const doorway_event& e) {
  Fnv f;
  f.bytes(&e.kind, sizeof e.kind);
  f.bytes(&e.at, sizeof e.at);
  f.bytes(&e.has_deadline, sizeof e.has_deadline);
  f.bytes(&e.deadline, sizeof e.deadline);
  f.str({e.from.ptr, e.from.len});
  f.str({e.to.ptr, e.to.len});
  f.str({e.reason.ptr, e.reason.len});
  return f.h;
}

// Recomputes what waits to be delivered when the engine changed since last time.
void refresh(doorway_engine& engine) {
  EventDelivery& d = engine.events;
  if (d.computed_for == engine.generation) return;
  d.pending.clear();
  d.next = 0;

  struct Scan {
    std::uint64_t seq = 0;
    bool diverged = false;
  };
  absl::flat_hash_map<std::string_view, Scan, detail::StringViewHash, detail::StringViewEq> scan;
  std::vector<EventDelivery::Pending> fresh;
  std::vector<EventDelivery::Pending> markers;
  for (const EventView& v : engine.engine.events()) {  // (time, lead id, seq) order
    Scan& s = scan[v.lead_id];
    const std::uint64_t seq = s.seq++;
    const doorway_event e = to_c_event(v, seq);
    const std::uint64_t h = fingerprint(e);
    if (!s.diverged) {
      auto it = d.delivered.find(v.lead_id);
      const std::vector<std::uint64_t>* got = it == d.delivered.end() ? nullptr : &it->second;
      if (got != nullptr && seq < got->size() && (*got)[seq] == h) continue;  // delivered already
      s.diverged = true;
      if (got != nullptr && seq < got->size()) {
        doorway_event m{};
        m.kind = DOORWAY_EVENT_HISTORY_REVISED;
        m.lead_id = e.lead_id;
        m.at = engine.engine.now();
        m.seq = seq;
        markers.push_back({m, 0});
      }
    }
    fresh.push_back({e, h});
  }
  // Leads whose history got shorter than what was delivered, with nothing new.
  for (const auto& [lead, got] : d.delivered) {
    auto it = scan.find(lead);
    const std::uint64_t have = it == scan.end() ? 0 : it->second.seq;
    const bool diverged = it != scan.end() && it->second.diverged;
    if (!diverged && have < got.size()) {
      doorway_event m{};
      m.kind = DOORWAY_EVENT_HISTORY_REVISED;
      m.lead_id = to_str(lead);
      m.at = engine.engine.now();
      m.seq = have;
      markers.push_back({m, 0});
    }
  }
  std::sort(markers.begin(), markers.end(), [](const auto& a, const auto& b) {
    return std::string_view(a.event.lead_id.ptr, a.event.lead_id.len) <
           std::string_view(b.event.lead_id.ptr, b.event.lead_id.len);
  });
  d.pending = std::move(markers);
  d.pending.insert(d.pending.end(), fresh.begin(), fresh.end());
  d.computed_for = engine.generation;
}

// Records that the next waiting event was handed to the caller.
void deliver_next(EventDelivery& d) {
  const EventDelivery::Pending& p = d.pending[d.next++];
  std::vector<std::uint64_t>& got = d.delivered[std::string_view(p.event.lead_id.ptr, p.event.lead_id.len)];
  got.resize(std::min<std::uint64_t>(got.size(), p.event.seq));
  if (p.event.kind != DOORWAY_EVENT_HISTORY_REVISED) got.push_back(p.hash);
}

struct InCallback {
  explicit InCallback(const doorway_engine* e) : e_(e) { ++e_->in_event_callback; }
  ~InCallback() { --e_->in_event_callback; }
  InCallback(const InCallback&) = delete;
  InCallback& operator=(const InCallback&) = delete;
  const doorway_engine* e_;
};

int stopped(const char* fn, int rc) {
  fail(DOORWAY_EUSER, fn, "the callback returned ", rc, " and stopped the iteration");
  return rc;
}

}  // namespace

extern "C" {

DOORWAY_API int doorway_engine_events_foreach(const doorway_engine* engine, const char* lead_id,
                                              size_t lead_id_len, doorway_event_cb cb, void* payload) {
  static constexpr const char* fn = "doorway_engine_events_foreach";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_engine(engine, fn)) return rc;
    if (cb == nullptr) return fail(DOORWAY_EINVAL, fn, "cb is NULL");
    std::vector<EventView> events;
    if (lead_id != nullptr) {
      std::string_view lead;
      if (const int rc = to_nonempty_view(lead, lead_id, lead_id_len, fn, "lead_id")) return rc;
      events = engine->engine.events(lead);
    } else {
      events = engine->engine.events();
    }
    absl::flat_hash_map<std::string_view, std::uint64_t, detail::StringViewHash, detail::StringViewEq> seq;
    InCallback busy(engine);
    for (const EventView& v : events) {
      const doorway_event e = to_c_event(v, seq[v.lead_id]++);
      if (const int rc = cb(&e, payload)) return stopped(fn, rc);
    }
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_events_pending(size_t* out, doorway_engine* engine) {
  static constexpr const char* fn = "doorway_engine_events_pending";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_engine(engine, fn)) return rc;
    refresh(*engine);
    *out = engine->events.pending.size() - engine->events.next;
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_events_poll(doorway_event* out, size_t capacity, size_t* count,
                                           doorway_engine* engine) {
  static constexpr const char* fn = "doorway_engine_events_poll";
  return guarded(fn, [&]() -> int {
    if (count == nullptr) return fail(DOORWAY_EINVAL, fn, "count is NULL");
    *count = 0;
    if (out == nullptr && capacity != 0) return fail(DOORWAY_EINVAL, fn, "out is NULL but capacity is ", capacity);
    if (const int rc = check_engine_mutable(engine, fn)) return rc;
    refresh(*engine);
    EventDelivery& d = engine->events;
    std::size_t n = 0;
    while (n < capacity && d.next < d.pending.size()) {
      out[n++] = d.pending[d.next].event;
      deliver_next(d);
    }
    *count = n;
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_engine_events_drain(doorway_engine* engine, doorway_event_cb cb, void* payload) {
  static constexpr const char* fn = "doorway_engine_events_drain";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_engine_mutable(engine, fn)) return rc;
    if (cb == nullptr) return fail(DOORWAY_EINVAL, fn, "cb is NULL");
    refresh(*engine);
    EventDelivery& d = engine->events;
    InCallback busy(engine);
    while (d.next < d.pending.size()) {
      const doorway_event e = d.pending[d.next].event;
      if (const int rc = cb(&e, payload)) return stopped(fn, rc);
      deliver_next(d);
    }
    return DOORWAY_OK;
  });
}

}  // extern "C"
