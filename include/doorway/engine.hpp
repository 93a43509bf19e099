// doorway — the engine: owns lead states and runs every touch through
// classify → score → transition → events.
//
// Ordering and time
// - A lead's touches are applied in (timestamp, event_id) order, whatever order they
//   arrive in. A touch older than the lead's latest applied one is applied by
//   replaying that lead from its kept touches.
// - The engine's watermark is the latest touch timestamp or advance() time seen. A
//   touch older than watermark − late_window is rejected and counted as late; a
//   repeated event_id is ignored and counted as a duplicate. Nothing accepted is lost.
// - The clock is always an argument: advance(now) fires SLA deadlines exactly at
//   the deadline, and evaluates time-dependent guards (days_in_stage, decaying
//   scores) at `now`. A transition the clock caused is remembered as a tick in the
//   lead's history, so a later replay reproduces it.
// - So the same touches, in any batch split and any arrival order within the
//   window, followed by the same advance() calls, give the same lead states and
//   events.
//
// Transitions
// - After a touch, the transitions out of the current stage are tried in priority
//   order and the first whose guard holds is taken. The lead then settles: the new
//   stage's transitions are tried again with the touch's own features hidden (a
//   touch fires at most one transition by its type; state conditions such as
//   temperature may carry the lead further), visiting each stage at most once.
//
// Thread-safety: an Engine is used by one thread at a time; the Model it holds may
// be shared.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <queue>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "doorway/catalog.hpp"
#include "doorway/classify.hpp"
#include "doorway/detail/append_arena.hpp"
#include "doorway/detail/chunked_vector.hpp"
#include "doorway/detail/compact_string.hpp"
#include "doorway/detail/compact_vector.hpp"
#include "doorway/detail/interner.hpp"
#include "doorway/detail/lead_index.hpp"
#include "doorway/detail/name_memo.hpp"
#include "doorway/detail/row_store.hpp"
#include "doorway/detail/string_hash.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/account.hpp"
#include "doorway/explain.hpp"
#include "doorway/guard.hpp"
#include "doorway/journey.hpp"
#include "doorway/lead.hpp"
#include "doorway/model.hpp"
#include "doorway/score.hpp"
#include "doorway/shadow.hpp"
#include "doorway/timestamp.hpp"
#include "doorway/touch.hpp"

namespace doorway {
inline namespace v0 {

struct EngineOptions {
  // How far behind the watermark a touch may arrive and still be applied.
  Duration late_window = 7 * kDay;
};

enum class EventKind : std::uint8_t {
  stage_changed = 0,  // a move that is neither a handoff nor a recycle
  handoff = 1,        // marketing-owned stage → sales-owned stage; carries the SLA deadline
  sla_breached = 2,   // the stage's SLA passed; followed by the SLA transition's own event
  recycled = 3,       // a recycle transition (e.g. sales → nurture), reason = transition name
};

constexpr std::string_view to_string(EventKind k) noexcept {
  switch (k) {
    case EventKind::handoff: return "handoff";
    case EventKind::sla_breached: return "sla_breached";
    case EventKind::recycled: return "recycled";
    default: return "stage_changed";
  }
}

// An event as stored (compact, 24 bytes) and as handed out (with names resolved).
// Its deadline is not stored: the model gives it (see Engine::event_view).
struct Event {
  Timestamp at = 0;
  std::uint32_t lead = 0;
  TransitionId transition = kNoTransition;
  StageId from = kNoStage;
  StageId to = kNoStage;
  EventKind kind = EventKind::stage_changed;
};
static_assert(sizeof(Event) == 24, "an event is 24 bytes: every lead keeps all of its events");

struct EventView {
  EventKind kind = EventKind::stage_changed;
  std::string_view lead_id;
  Timestamp at = 0;
  std::string_view from;
  std::string_view to;
  std::string_view reason;  // the transition's name; "sla" for sla_breached
  std::optional<Timestamp> deadline;
};

enum class RejectKind : std::uint8_t { invalid = 0, duplicate = 1, late = 2 };

constexpr std::string_view to_string(RejectKind k) noexcept {
  switch (k) {
    case RejectKind::duplicate: return "duplicate";
    case RejectKind::late: return "late";
    default: return "invalid";
  }
}

// A kept touch as a caller reads it (names resolved). Borrows from the engine.
struct TouchRecordView {
  Timestamp at = 0;
  std::string_view event_id;
  std::string_view type;
  std::string_view channel;  // the touch's channel, or its type's default channel
  std::string_view outcome;
  Team team = Team::unknown;  // as classified
  TouchKind kind = TouchKind::contact;
  Rule rule = Rule::unknown_axes;
  Axes axes;                  // after filling from catalog and channel
  std::optional<double> value;
};

// A lead's whole history: its kept touches in application order ((timestamp,
// event_id); clock ticks are not touches and are left out) and its events in the
// order they happened. For reports and attribution.
struct LeadHistory {
  std::string_view lead_id;
  std::string_view account_id;
  std::string_view stage;  // the current stage
  Team owner = Team::unknown;
  std::vector<TouchRecordView> touches;
  std::vector<EventView> events;
};

struct Rejection {
  std::size_t index = 0;  // position in the batch
  RejectKind kind = RejectKind::invalid;
  std::string event_id;
  std::string reason;
};

// Accounting for one ingest() call.
struct IngestResult {
  std::uint64_t accepted = 0;
  std::uint64_t duplicate = 0;
  std::uint64_t late = 0;
  std::uint64_t invalid = 0;
  std::vector<Rejection> rejections;  // one per touch not accepted, in batch order
};

// Accounting over the engine's life.
struct IngestStats {
  std::uint64_t accepted = 0;
  std::uint64_t duplicate = 0;
  std::uint64_t late = 0;
  std::uint64_t invalid = 0;
  std::uint64_t replays = 0;  // leads replayed because a touch arrived out of order
};

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Model> model, EngineOptions options = {})
      : model_(std::move(model)), options_(options) {
    for (const ScoreDef& s : model_->scores()) {
      columns_.push_back(s.policy->make_column());
      for (std::string& key : s.policy->attribute_keys()) attribute_keys_.push_back(std::move(key));
    }
    lay_out_rows();
    setup_challengers_and_accounts();
    std::sort(attribute_keys_.begin(), attribute_keys_.end());
    attribute_keys_.erase(std::unique(attribute_keys_.begin(), attribute_keys_.end()), attribute_keys_.end());
    score_scratch_.resize(columns_.size());
    const Catalog& cat = model_->catalog();
    default_channels_.resize(cat.type_count(), kNoChannel);
    for (std::size_t i = 0; i < cat.type_count(); ++i) {
      const std::string& ch = cat.type(static_cast<TypeId>(i)).channel;
      if (!ch.empty()) default_channels_[i] = cat.find_channel(ch).value_or(kNoChannel);
    }
  }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  Engine(Engine&&) noexcept = default;
  Engine& operator=(Engine&&) noexcept = default;

  const Model& model() const noexcept { return *model_; }
  const EngineOptions& options() const noexcept { return options_; }

  // Applies a batch. Every touch is either accepted or listed in the result's
  // rejections with its reason; nothing is dropped silently.
  IngestResult ingest(std::span<const Touch> batch) {
    IngestResult result;
    // The touches are applied one by one, in order; what each will read is
    // fetched from memory a few touches ahead (a lead's index slot, then its data
    // and score states, then where its record goes), so with millions of leads
    // the cache misses of neighbouring touches overlap instead of queueing.
    const std::size_t n = batch.size();
    std::array<Ahead, kAhead> ahead;
    for (std::size_t i = 0; i < n && i < kAhead; ++i) fetch_slot(batch[i], ahead[i]);
    for (std::size_t i = 0; i < n && i < kLeadAhead; ++i) fetch_lead(ahead[i]);
    for (std::size_t i = 0; i < n; ++i) {
      if (i + kLeadAhead < n) fetch_lead(ahead[(i + kLeadAhead) % kAhead]);
      if (i + kRecordsAhead < n) fetch_records(batch[i + kRecordsAhead], ahead[(i + kRecordsAhead) % kAhead]);
      ingest_one(batch[i], ahead[i % kAhead].hash, i, result);
      if (i + kAhead < n) fetch_slot(batch[i + kAhead], ahead[i % kAhead]);
    }
    stats_.accepted += result.accepted;
    stats_.duplicate += result.duplicate;
    stats_.late += result.late;
    stats_.invalid += result.invalid;
    return result;
  }
  IngestResult ingest(const Touch& touch) { return ingest(std::span<const Touch>(&touch, 1)); }

  // Moves the clock to `now` (never backwards): fires due SLA deadlines and
  // evaluates time-dependent guards.
  void advance(Timestamp now) {
    if (now <= clock_) return;
    clock_ = now;
    watermark_ = std::max(watermark_, now);
    while (!deadlines_.empty() && deadlines_.top().first <= now) {
      const auto [when, lead] = deadlines_.top();
      deadlines_.pop();
      if (leads_[lead].state.deadline == when) settle_to(lead, now);
    }
    // Rows are read in order; what scores keep on the heap is anywhere, so it is
    // fetched a few leads ahead.
    const Journey& j = model_->journey();
    const std::size_t n = leads_.size();
    for (std::uint32_t lead = 0; lead < n; ++lead) {
      const std::uint32_t ahead = lead + static_cast<std::uint32_t>(kHeapAhead);
      if (ahead < n && j.time_sensitive(leads_[ahead].state.stage)) prefetch_heap(ahead);
      if (j.time_sensitive(leads_[lead].state.stage)) settle_to(lead, now);
    }
  }

  // The time reads are made at: the later of the last advance() and the latest touch.
  Timestamp now() const noexcept { return watermark_ == kBeginning ? 0 : watermark_; }
  Timestamp clock() const noexcept { return clock_; }
  Timestamp watermark() const noexcept { return watermark_; }
  const IngestStats& stats() const noexcept { return stats_; }
  std::size_t lead_count() const noexcept { return leads_.size(); }

  // All lead ids, sorted.
  std::vector<std::string_view> lead_ids() const {
    std::vector<std::string_view> ids;
    ids.reserve(leads_.size());
    for (std::uint32_t i : leads_by_id()) ids.push_back(leads_[i].name);
    return ids;
  }

  std::optional<LeadView> lead(std::string_view id) const { return lead(id, now()); }
  std::optional<LeadView> lead(std::string_view id, Timestamp at) const {
    auto idx = find_lead(id);
    if (!idx) return std::nullopt;
    LeadView v;
    fill_view(*idx, at, v);
    return v;
  }
  // Calls f(const LeadView&) for every lead, in lead-id order, as of now() (or
  // `at`): what lead_ids() and lead() give, without looking each id up again.
  // One LeadView is reused between calls: copy what must outlive the call.
  template <class F>
  void for_each_lead(F&& f) const {
    for_each_lead(now(), std::forward<F>(f));
  }
  template <class F>
  void for_each_lead(Timestamp at, F&& f) const {
    LeadView v;
    const std::vector<std::uint32_t> order = leads_by_id();
    // In id order the leads lie anywhere in memory: each one's data and score
    // states are fetched a few leads ahead, as ingest() does.
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (k + kViewAhead < order.size()) prefetch_lead(order[k + kViewAhead]);
      if (k + kHeapAhead < order.size()) prefetch_heap(order[k + kHeapAhead]);
      fill_view(order[k], at, v);
      f(static_cast<const LeadView&>(v));
    }
  }

  // Every event so far, ordered by (time, lead id, order within the lead).
  std::vector<EventView> events() const {
    struct Key { Timestamp at; std::string_view lead; std::uint32_t seq; const Event* e; };
    std::vector<Key> keys;
    for (std::uint32_t i = 0; i < leads_.size(); ++i) {
      const auto& evs = leads_[i].events;
      for (std::uint32_t k = 0; k < evs.size(); ++k) keys.push_back({evs[k].at, leads_[i].name, k, &evs[k]});
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      if (a.at != b.at) return a.at < b.at;
      if (a.lead != b.lead) return a.lead < b.lead;
      return a.seq < b.seq;
    });
    std::vector<EventView> out;
    out.reserve(keys.size());
    for (const Key& k : keys) out.push_back(event_view(*k.e));
    return out;
  }
  // One lead's events in the order they happened.
  std::vector<EventView> events(std::string_view lead_id) const {
    std::vector<EventView> out;
    if (auto idx = find_lead(lead_id)) {
      for (const Event& e : leads_[*idx].events) out.push_back(event_view(e));
    }
    return out;
  }

  // One lead's history; nullopt for an unknown lead.
  std::optional<LeadHistory> history(std::string_view lead_id) const {
    auto idx = find_lead(lead_id);
    if (!idx) return std::nullopt;
    LeadHistory h;
    fill_history(*idx, h);
    return h;
  }
  // Calls f(const LeadHistory&) for every lead, in lead-id order. One LeadHistory
  // is reused between calls: copy what must outlive the call.
  template <class F>
  void for_each_history(F&& f) const {
    LeadHistory h;
    for (std::uint32_t idx : leads_by_id()) {
      fill_history(idx, h);
      f(static_cast<const LeadHistory&>(h));
    }
  }

  // Why the lead is where it is: each score as its contributions and, for each
  // transition out of the current stage, each guard clause and whether it holds.
  absl::StatusOr<Explanation> explain(std::string_view lead_id) const {
    return explain(lead_id, now());
  }
  absl::StatusOr<Explanation> explain(std::string_view lead_id, Timestamp at) const;

  // Approximate heap bytes held for lead state (states, kept touches, events, ids).
  std::size_t memory_bytes() const;

  // Champion vs challenger for score `score` (doorway/shadow.hpp): AUC and lift by
  // band of both, over the labelled outcomes so far. NotFound for an unknown score,
  // FailedPrecondition when it has no challenger, InvalidArgument for an outcome
  // type the catalog does not know.
  absl::StatusOr<ShadowReport> shadow_report(std::string_view score, const ShadowOptions& options = {}) const;

  // All account ids, sorted; an account (doorway/account.hpp) at now() or `at`.
  std::vector<std::string_view> account_ids() const;
  std::optional<AccountView> account(std::string_view id) const { return account(id, now()); }
  std::optional<AccountView> account(std::string_view id, Timestamp at) const;

 private:
  static constexpr Timestamp kBeginning = std::numeric_limits<Timestamp>::min();
  // Room for a lead's first records, taken at its first touch: journeys run to a
  // handful of touches, and growing 1 → 2 → 4 costs two copies and frees.
  static constexpr std::size_t kFirstRecords = 4;
  // Event ids are at most this long (Record::event_len).
  static constexpr std::size_t kMaxEventIdBytes = 0xFFFF;
  // A lead with this many kept records indexes its event ids by hash for the
  // duplicate check; below it the check reads a filter, then scans the records.
  static constexpr std::size_t kEventIndexFrom = 24;

  // A kept touch, compact: ids instead of strings (32 bytes, two to a cache line).
  // The few touches with a value keep it in values_, under their event_at.
  struct Record {
    Timestamp at = 0;
    std::uint64_t event_at : 48 = 0;   // offset of the event_id in event_ids_
    std::uint64_t event_len : 16 = 0;  // its length; 0 for a clock tick (ids are never empty)
    std::uint32_t attribute_first = 0;  // [attribute_first, + attribute_count) in LeadExtras::attributes
    std::uint16_t outcome = 0;    // interned outcome + 1; 0 = none
    TypeId type = kNoType;        // catalog id, or catalog size + n for an unknown type name
    ChannelId channel = kNoChannel;
    Axes axes;
    Team team = Team::unknown;
    bool has_value = false;            // the touch's value is values_[event_at]
    std::uint8_t attribute_count = 0;  // the touch's kept traits/properties

    bool tick() const noexcept { return event_len == 0; }
  };
  static_assert(sizeof(Record) == 32, "a kept touch is 32 bytes: every lead keeps all of its touches");
  // The touch's value, if it has one.
  std::optional<double> record_value(const Record& r) const {
    if (!r.has_value) return std::nullopt;
    return values_.find(std::uint64_t{r.event_at})->second;
  }
  // A trait or property a policy reads (Model scores' attribute_keys()), kept
  // with the touch that carried it.
  struct KeptAttribute {
    std::uint32_t key = 0;    // index into attribute_keys_
    std::uint32_t value = 0;  // interned in attribute_values_
    bool trait = false;       // a trait (else a property)
  };
  // What ScoreContext's attribute spans point into while a record is applied.
  struct AttributeViews {
    std::vector<Property> traits;
    std::vector<Property> properties;
  };
  // A shadow score's champion and challenger values at an outcome touch, before it.
  struct ShadowNote {
    Timestamp at = 0;
    TypeId type = kNoType;
    std::uint32_t score = 0;
    double champion = 0;
    double challenger = 0;
  };
  // What only some models keep per lead (shadow policies, account guards,
  // policies reading traits or properties): allocated on first use.
  struct LeadExtras {
    std::vector<ShadowNote> shadow_notes;  // champion and challenger values at each outcome touch
    Timestamp account_read_at = kBeginning;  // latest time its guards read its account's roll-ups
    std::vector<KeptAttribute> attributes;  // append-only; records index into it
  };
  // Two cache lines holding everything a touch reads of its lead itself: its id,
  // state, kept touches, events and the event id filter. They start the lead's
  // row (LeadRows), followed by its score states. What few leads need is in
  // LeadCold, apart.
  struct alignas(64) LeadData {
    detail::CompactString name;  // the lead id (LeadIndex confirms hits against it)
    LeadState state;
    detail::CompactVector<Record> records;  // in (at, event_id) order; ticks after touches of the same time
    detail::CompactVector<Event> events;
    // Two bits per kept event id (from its string_hash): a new id whose bits are
    // not all set is certainly not a duplicate, and the check reads nothing else.
    // All ones once the lead has its event_index (fewer than kEventIndexFrom ids
    // set at most 46 bits, so all ones means exactly that), so the test for the
    // index reads only this line.
    std::uint64_t event_filter = 0;
  };
  static_assert(sizeof(LeadData) == 128, "a lead's hot data is two cache lines");
  struct LeadCold {
    // Hashes of its event ids, once the lead has kEventIndexFrom records.
    // Duplicates are found per lead: under a lead-hash partition every touch of a
    // lead reaches the same engine, so N engines reject exactly what one would.
    std::unique_ptr<absl::flat_hash_set<std::uint64_t>> event_index;
    std::unique_ptr<LeadExtras> extras;
  };
  // Each lead's row (detail/row_store.hpp): its LeadData at offset 0, then the
  // states of the scores that fit beside it (ScoreColumn::row_bytes), so that a
  // touch reads one place in memory. The columns share the store, and destroy
  // their states in it, which may be after the lead data is gone (an Engine being
  // assigned to drops its rows before its columns).
  class LeadRows {
   public:
    explicit LeadRows(std::size_t row_bytes = sizeof(LeadData))
        : rows_(std::make_shared<detail::RowStore>(row_bytes)) {}
    LeadRows(const LeadRows&) = delete;
    LeadRows& operator=(const LeadRows&) = delete;
    LeadRows(LeadRows&& o) noexcept : rows_(std::move(o.rows_)) {}
    LeadRows& operator=(LeadRows&& o) noexcept {
      if (this != &o) {
        destroy();
        rows_ = std::move(o.rows_);
      }
      return *this;
    }
    ~LeadRows() { destroy(); }

    const std::shared_ptr<detail::RowStore>& store() const noexcept { return rows_; }
    std::size_t size() const noexcept { return rows_->size(); }
    std::size_t capacity() const noexcept { return rows_->capacity(); }
    std::size_t row_bytes() const noexcept { return rows_->stride(); }
    const char* row(std::size_t i) const noexcept { return rows_->row(i); }
    LeadData& operator[](std::size_t i) noexcept { return *std::launder(reinterpret_cast<LeadData*>(rows_->row(i))); }
    const LeadData& operator[](std::size_t i) const noexcept {
      return *std::launder(reinterpret_cast<const LeadData*>(rows_->row(i)));
    }
    void push_back(LeadData&& d) { ::new (static_cast<void*>(rows_->add())) LeadData(std::move(d)); }

   private:
    void destroy() noexcept {
      if (!rows_) return;
      for (std::size_t i = rows_->size(); i > 0; --i) (*this)[i - 1].~LeadData();
      rows_.reset();
    }
    std::shared_ptr<detail::RowStore> rows_;
  };
  // A row holds at most this much: beyond it, scores keep their own storage.
  static constexpr std::size_t kMaxRowBytes = 512;
  // Places each score's state in the lead rows when it fits (before any lead).
  void lay_out_rows() {
    std::size_t end = sizeof(LeadData);
    std::vector<std::size_t> offsets(columns_.size(), 0);  // 0: keeps its own storage
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const std::size_t bytes = columns_[i]->row_bytes();
      const std::size_t align = columns_[i]->row_align();
      const std::size_t at = (end + align - 1) / align * align;
      if (bytes == 0 || at + bytes > kMaxRowBytes) continue;
      offsets[i] = at;
      end = at + bytes;
    }
    leads_ = LeadRows(end);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (offsets[i] != 0) {
        columns_[i]->place_in(leads_.store(), offsets[i]);
      } else {
        unplaced_columns_.push_back(columns_[i].get());
      }
    }
  }

  LeadExtras& extras(std::uint32_t lead) {
    std::unique_ptr<LeadExtras>& x = cold_[lead].extras;
    if (!x) x = std::make_unique<LeadExtras>();
    return *x;
  }
  const std::vector<KeptAttribute>& kept_attributes(std::uint32_t lead) const {
    static const std::vector<KeptAttribute> none;
    const LeadExtras* x = cold_[lead].extras.get();
    return x ? x->attributes : none;
  }
  Timestamp account_read_at(std::uint32_t lead) const {
    const LeadExtras* x = cold_[lead].extras.get();
    return x ? x->account_read_at : kBeginning;
  }

  std::string_view event_id(const Record& r) const { return event_ids_.view(r.event_at, r.event_len); }
  bool record_less(const Record& a, const Record& b) const {
    if (a.at != b.at) return a.at < b.at;
    if (a.tick() || b.tick()) return !a.tick() && b.tick();
    return event_id(a) < event_id(b);
  }
  static constexpr std::uint64_t kIndexedFilter = ~std::uint64_t{0};
  static std::uint64_t event_filter_bits(std::uint64_t h) {
    return (std::uint64_t{1} << (h & 63)) | (std::uint64_t{1} << ((h >> 6) & 63));
  }

  // Whether the lead already holds a touch with this event_id (h = its string_hash).
  bool holds_event(std::uint32_t lead, std::string_view id, std::uint64_t h) const {
    const LeadData& L = leads_[lead];
    if ((L.event_filter & event_filter_bits(h)) != event_filter_bits(h)) return false;
    if (L.event_filter == kIndexedFilter && !cold_[lead].event_index->contains(h)) return false;
    for (const Record& r : L.records) {
      if (r.event_len == id.size() && detail::same_string(event_id(r), id)) return true;
    }
    return false;
  }
  // Keeps the id in the engine's store and the lead's filter, and past
  // kEventIndexFrom records in the lead's hash index.
  void keep_event_id(std::uint32_t lead, std::string_view id, std::uint64_t h, Record& r) {
    static_assert(2 * (kEventIndexFrom - 1) < 64, "without an index the filter is never all ones");
    LeadData& L = leads_[lead];
    auto& index = cold_[lead].event_index;
    r.event_at = event_ids_.append(id);
    r.event_len = id.size();
    if (L.event_filter == kIndexedFilter) {
      index->insert(h);
    } else if (L.records.size() + 1 >= kEventIndexFrom) {
      index = std::make_unique<absl::flat_hash_set<std::uint64_t>>();
      index->reserve(2 * kEventIndexFrom);
      for (const Record& k : L.records) {
        if (!k.tick()) index->insert(detail::string_hash(event_id(k)));
      }
      index->insert(h);
      L.event_filter = kIndexedFilter;
    } else {
      L.event_filter |= event_filter_bits(h);
    }
  }

  // The ingest pipeline (see ingest()): touch i + kAhead has its index slot
  // fetched, touch i + kLeadAhead its candidate leads' data and score states,
  // touch i + kRecordsAhead the slots its record and a next event go to, what
  // its score states keep on the heap, and its account's entry when it joins
  // one; touch i is applied.
  static constexpr std::size_t kAhead = 16;
  static constexpr std::size_t kLeadAhead = 8;
  static constexpr std::size_t kRecordsAhead = 3;
  struct Ahead {
    std::uint64_t hash = 0;  // string_hash of the lead id
    std::uint32_t lead = kNoLead;  // the first candidate lead, if any
  };
  static constexpr std::uint32_t kNoLead = 0xFFFFFFFF;

  void fetch_slot(const Touch& t, Ahead& a) const {
    a.hash = detail::LeadIndex::hash(t.lead_id);
    a.lead = kNoLead;
    lead_index_.prefetch(a.hash);
  }
  void fetch_lead(Ahead& a) const {
    lead_index_.for_each_candidate(a.hash, [&](std::uint32_t lead) {
      if (a.lead == kNoLead) a.lead = lead;
      prefetch_lead(lead);
    });
  }
  // A lead's data and score states, on their way into the cache.
  void prefetch_lead(std::uint32_t lead) const {
    const char* p = leads_.row(lead);
    for (std::size_t b = 0; b < leads_.row_bytes(); b += 64) __builtin_prefetch(p + b);
    for (const detail::ScoreColumn* c : unplaced_columns_) c->prefetch(lead);
  }
  // What a lead's score states keep on the heap (read from its row, which must
  // have arrived: fetched kViewAhead leads or kLeadAhead touches before).
  void prefetch_heap(std::uint32_t lead) const {
    for (const auto& c : columns_) c->prefetch_heap(lead);
  }
  // How many leads ahead for_each_lead fetches rows (a lead's view takes about as
  // long to fill and write as a touch takes to apply), and how many ahead it and
  // advance() fetch what the states keep on the heap.
  static constexpr std::size_t kViewAhead = 8;
  static constexpr std::size_t kHeapAhead = 3;
  void fetch_records(const Touch& t, const Ahead& a) const {
    // A lead that joins an account now looks the account's id up.
    const bool joins = !t.account_id.empty() &&
                       (a.lead == kNoLead || leads_[a.lead].state.account == LeadState::kNoAccount);
    if (joins) accounts_.prefetch(t.account_id);
    if (a.lead == kNoLead) return;
    const LeadData& L = leads_[a.lead];
    if (L.records.size() < L.records.capacity()) __builtin_prefetch(L.records.data() + L.records.size(), 1);
    // Where the lead's next event goes, should the touch move it.
    if (L.events.size() < L.events.capacity()) __builtin_prefetch(L.events.data() + L.events.size(), 1);
    prefetch_heap(a.lead);
  }

  std::optional<std::uint32_t> find_lead(std::string_view id) const {
    return find_lead(id, detail::LeadIndex::hash(id));
  }
  std::optional<std::uint32_t> find_lead(std::string_view id, std::uint64_t h) const {
    return lead_index_.find(h, id, [this](std::uint32_t lead) -> std::string_view { return leads_[lead].name; });
  }

  std::string_view type_name(TypeId t) const {
    const Catalog& cat = model_->catalog();
    if (t == kNoType) return {};
    if (t < cat.type_count()) return cat.type(t).id;
    return extra_types_.name(t - static_cast<TypeId>(cat.type_count()));
  }
  std::string_view channel_name(ChannelId c) const {
    const Catalog& cat = model_->catalog();
    if (c == kNoChannel) return {};
    if (c < cat.channel_count()) return cat.channel(c).id;
    return extra_channels_.name(c - static_cast<ChannelId>(cat.channel_count()));
  }

  void reject(IngestResult& r, std::size_t index, RejectKind kind, const Touch& t, std::string reason) {
    switch (kind) {
      case RejectKind::invalid: ++r.invalid; break;
      case RejectKind::duplicate: ++r.duplicate; break;
      case RejectKind::late: ++r.late; break;
    }
    r.rejections.push_back({index, kind, std::string(t.event_id), std::move(reason)});
  }

  // Resolves a touch's type or channel name against the catalog (`find`), else
  // against the engine's own table of names the catalog does not know (`extra`),
  // and remembers it in `memo` under the catalog's (`catalog_name`) or the
  // table's copy of the name. Returns false when ids run out.
  template <class Id, class Find, class CatalogName>
  bool resolve_name(std::string_view name, Find find, CatalogName catalog_name, std::size_t catalog_size,
                    detail::Interner& extra, detail::NameMemo<Id>& memo, Id none, Id& out) {
    if (name.empty()) {
      out = none;
      return true;
    }
    if (const Id* hit = memo.find(name)) {
      out = *hit;
      return true;
    }
    if (const std::optional<Id> in_catalog = find(name)) {
      out = *in_catalog;
      memo.remember(catalog_name(out), out);
      return true;
    }
    const std::uint32_t n = extra.intern(name);
    if (catalog_size + n >= none) return false;
    out = static_cast<Id>(catalog_size + n);
    memo.remember(extra.name(n), out);
    return true;
  }
  bool resolve_type(std::string_view name, TypeId& out) {
    const Catalog& cat = model_->catalog();
    return resolve_name<TypeId>(
        name, [&](std::string_view n) { return cat.find_type(n); },
        [&](TypeId id) -> std::string_view { return cat.type(id).id; }, cat.type_count(), extra_types_, type_memo_,
        kNoType, out);
  }
  bool resolve_channel(std::string_view name, ChannelId& out) {
    const Catalog& cat = model_->catalog();
    return resolve_name<ChannelId>(
        name, [&](std::string_view n) { return cat.find_channel(n); },
        [&](ChannelId id) -> std::string_view { return cat.channel(id).id; }, cat.channel_count(),
        extra_channels_, channel_memo_, kNoChannel, out);
  }

  // h: the lead id's string_hash.
  void ingest_one(const Touch& t, std::uint64_t h, std::size_t index, IngestResult& result) {
    if (t.event_id.empty()) return reject(result, index, RejectKind::invalid, t, "event_id is empty");
    if (t.lead_id.empty()) return reject(result, index, RejectKind::invalid, t, "lead_id is empty");
    if (t.event_id.size() > kMaxEventIdBytes) {
      return reject(result, index, RejectKind::invalid, t,
                    detail::cat("event_id is ", t.event_id.size(), " bytes long; at most 65535 are accepted"));
    }
    if (t.type.empty() && t.channel.empty()) {
      return reject(result, index, RejectKind::invalid, t, "touch has neither a type nor a channel");
    }
    if (t.value && !std::isfinite(*t.value)) {
      return reject(result, index, RejectKind::invalid, t, "value is not a finite number");
    }
    if (watermark_ != kBeginning && t.timestamp < watermark_ - options_.late_window) {
      return reject(result, index, RejectKind::late, t,
                    detail::cat("timestamp ", format_iso8601(t.timestamp), " is more than the late window (",
                                format_duration(options_.late_window), ") behind the watermark ",
                                format_iso8601(watermark_)));
    }
    Record r;
    if (!resolve_type(t.type, r.type)) {
      return reject(result, index, RejectKind::invalid, t, "too many distinct touch types");
    }
    if (!resolve_channel(t.channel, r.channel)) {
      return reject(result, index, RejectKind::invalid, t, "too many distinct channels");
    }
    // The lead is looked up once: a duplicate is one of its own touches, and
    // everything else that could reject the touch has been checked above.
    const std::optional<std::uint32_t> known = find_lead(t.lead_id, h);
    const std::uint64_t event_h = detail::string_hash(t.event_id);
    if (known && holds_event(*known, t.event_id, event_h)) {
      return reject(result, index, RejectKind::duplicate, t,
                    detail::cat("duplicate event_id \"", t.event_id, "\": already accepted for lead \"", t.lead_id,
                                "\""));
    }
    if (!event_ids_.can_append(t.event_id.size())) {
      return reject(result, index, RejectKind::invalid, t, "the engine's event ids exceed 256 TiB");
    }
    std::uint16_t outcome = 0;
    if (!t.outcome.empty()) {
      const std::uint32_t o = outcomes_.intern(t.outcome);
      if (o >= 0xFFFF) return reject(result, index, RejectKind::invalid, t, "too many distinct outcomes");
      outcome = static_cast<std::uint16_t>(o + 1);
    }
    if (!known && leads_.size() >= kNoLead) return reject(result, index, RejectKind::invalid, t, "too many leads");
    r.at = t.timestamp;
    r.outcome = outcome;
    r.axes = t.axes();
    r.team = t.team;

    const std::uint32_t lead = known ? *known : add_lead(t.lead_id, h, t.timestamp);
    LeadData& L = leads_[lead];
    keep_event_id(lead, t.event_id, event_h, r);
    if (t.value) {
      r.has_value = true;
      values_.emplace(std::uint64_t{r.event_at}, *t.value);
    }
    if (!attribute_keys_.empty()) keep_attributes(t, lead, r);
    if (!t.account_id.empty() && L.state.account == LeadState::kNoAccount) {
      L.state.account = accounts_.intern(t.account_id);
      join_account(lead, L.state.account);
    }
    ++result.accepted;
    watermark_ = std::max(watermark_, t.timestamp);

    // Every kept record is at or before settled_at, so a later touch is in order
    // without reading the records; one at that very time compares event ids.
    const bool in_order =
        r.at > L.state.settled_at ||
        (r.at == L.state.settled_at && (L.records.empty() || record_less(L.records.back(), r)));
    if (in_order) {
      if (L.records.empty()) L.records.reserve(kFirstRecords);
      L.records.push_back(r);
      apply_record(lead, L.records.back());
      if (clock_ > r.at) settle_to(lead, clock_);
    } else {
      auto pos = std::upper_bound(L.records.begin(), L.records.end(), r,
                                  [this](const Record& a, const Record& b) { return record_less(a, b); });
      L.records.insert(pos, r);
      replay(lead);
    }
    replay_account_readers(lead, r.at);
  }

  // Keeps the touch's traits and properties that some policy reads (at most 255
  // per touch, in the order given: traits first).
  void keep_attributes(const Touch& t, std::uint32_t lead, Record& r) {
    std::vector<KeptAttribute>& kept = extras(lead).attributes;
    r.attribute_first = static_cast<std::uint32_t>(kept.size());
    auto keep = [&](std::span<const Property> list, bool trait) {
      for (const Property& p : list) {
        if (r.attribute_count == 0xFF) return;
        auto it = std::lower_bound(attribute_keys_.begin(), attribute_keys_.end(), p.key,
                                   [](const std::string& a, std::string_view b) { return a < b; });
        if (it == attribute_keys_.end() || *it != p.key) continue;
        kept.push_back(
            {static_cast<std::uint32_t>(it - attribute_keys_.begin()), attribute_values_.intern(p.value), trait});
        ++r.attribute_count;
      }
    };
    keep(t.traits, true);
    keep(t.properties, false);
  }

  std::uint32_t add_lead(std::string_view id, std::uint64_t h, Timestamp first_seen) {
    const auto lead = static_cast<std::uint32_t>(leads_.size());
    lead_index_.insert(h, lead);
    const StageId entry = model_->journey().entry();
    LeadData d;
    d.name = detail::CompactString(id);
    d.state.stage = entry;
    d.state.entered_at = first_seen;
    leads_.push_back(std::move(d));
    cold_.emplace_back();
    for (auto& c : columns_) c->resize(leads_.size());
    for (auto& c : challengers_) {
      if (c) c->resize(leads_.size());
    }
    return lead;
  }

  void reset(std::uint32_t lead) {
    LeadData& L = leads_[lead];
    const std::uint32_t account = L.state.account;
    L.state = LeadState{};
    L.state.stage = model_->journey().entry();
    L.state.entered_at = L.records.empty() ? 0 : L.records.front().at;
    L.state.account = account;
    L.events.clear();
    if (LeadExtras* x = cold_[lead].extras.get()) {
      x->shadow_notes.clear();
      x->account_read_at = kBeginning;
    }
    for (auto& c : columns_) c->reset(lead);
    for (auto& c : challengers_) {
      if (c) c->reset(lead);
    }
  }

  void replay(std::uint32_t lead) {
    ++stats_.replays;
    reset(lead);
    LeadData& L = leads_[lead];
    // Ticks that no longer cause a transition are dropped as we go.
    detail::CompactVector<Record> records = std::move(L.records);
    L.records.clear();
    L.records.reserve(records.size());
    for (const Record& r : records) {
      if (r.tick()) {
        if (r.at < L.state.settled_at) continue;
        step_clock(lead, r.at);
        if (settle(lead, r.at, nullptr)) leads_[lead].records.push_back(r);
        leads_[lead].state.settled_at = r.at;
        continue;
      }
      leads_[lead].records.push_back(r);
      apply_record(lead, leads_[lead].records.back());
    }
    if (clock_ != kBeginning && clock_ > leads_[lead].state.settled_at) settle_to(lead, clock_);
  }

  // Fires the SLA deadlines due at or before `t`, each at its exact time.
  void step_clock(std::uint32_t lead, Timestamp t) {
    const Journey& j = model_->journey();
    for (;;) {
      LeadState& s = leads_[lead].state;
      if (s.deadline > t) break;
      const Timestamp when = s.deadline;
      const StageId stage = s.stage;
      const TransitionId sla = j.sla_transition(stage);
      s.deadline = kNever;
      add_event(leads_[lead], Event{.at = when,
                                    .lead = lead,
                                    .transition = sla,
                                    .from = stage,
                                    .to = j.transition(sla).to,
                                    .kind = EventKind::sla_breached});
      take(lead, sla, when);
      settle(lead, when, nullptr);
    }
  }

  // Brings the lead to time `now` with no touch: deadlines, then time-dependent guards.
  // A transition caused here is kept as a tick so replays reproduce it.
  void settle_to(std::uint32_t lead, Timestamp now) {
    LeadData& L = leads_[lead];
    if (now < L.state.settled_at) return;
    step_clock(lead, now);
    if (model_->journey().time_sensitive(leads_[lead].state.stage) && settle(lead, now, nullptr)) {
      Record tick;
      tick.at = now;
      leads_[lead].records.push_back(tick);
    }
    leads_[lead].state.settled_at = now;
  }

  void apply_record(std::uint32_t lead, const Record& r) {
    step_clock(lead, r.at);
    if (r.tick()) {
      settle(lead, r.at, nullptr);
      leads_[lead].state.settled_at = r.at;
      return;
    }
    const std::optional<double> value = record_value(r);
    const ScoreContext ctx = score_context(r, &value, lead, attribute_scratch_);
    const Classification& c = ctx.classification;
    LeadState& s = leads_[lead].state;
    if (c.kind != TouchKind::outcome) {
      ++s.touches;
      ++s.touches_in_stage;
      if (c.team == Team::marketing) ++s.marketing_touches;
      if (c.team == Team::sales) {
        ++s.sales_touches;
        if (c.axes.interaction == Interaction::two_way) ++s.sales_conversations;
      }
    }
    s.last_touch_at = r.at;
    if (!shadow_scores_.empty()) shadow_step(lead, ctx);
    for (auto& col : columns_) col->apply(lead, ctx);

    GuardInput in = state_input(lead, r.at, score_scratch_);
    in.has_touch = true;
    in.type = r.type;
    in.channel = r.channel;
    in.team = c.team;
    in.axes = c.axes;
    in.initiated_contact = c.initiated_contact();
    in.outcome = r.outcome ? outcomes_.name(r.outcome - 1) : std::string_view{};
    in.value = value;
    settle(lead, r.at, &in);
    leads_[lead].state.settled_at = r.at;
  }

  // Classifies a kept touch exactly as it was classified when applied: names the
  // catalog does not know are classified as unknown types / channels.
  ScoreContext score_context(const Record& r, const std::optional<double>* value) const {
    const Catalog& cat = model_->catalog();
    ScoreContext ctx;
    ctx.at = r.at;
    ctx.type = r.type < cat.type_count() ? r.type : kNoType;
    ctx.channel = r.channel < cat.channel_count() ? r.channel : kNoChannel;
    if (r.channel == kNoChannel && ctx.type != kNoType) ctx.channel = default_channels_[ctx.type];
    ctx.classification = classify(cat, ctx.type, ctx.channel, r.axes, r.team);
    ctx.value = value;
    return ctx;
  }
  // The same, with the touch's kept traits and properties lent out through `views`.
  ScoreContext score_context(const Record& r, const std::optional<double>* value, std::uint32_t lead,
                             AttributeViews& views) const {
    ScoreContext ctx = score_context(r, value);
    if (r.attribute_count == 0) return ctx;  // most touches: the lead's extras are not read
    views.traits.clear();
    views.properties.clear();
    const std::vector<KeptAttribute>& kept = kept_attributes(lead);
    for (std::uint32_t i = r.attribute_first; i < r.attribute_first + r.attribute_count; ++i) {
      const KeptAttribute& a = kept[i];
      const Property p{attribute_keys_[a.key], attribute_values_.name(a.value)};
      (a.trait ? views.traits : views.properties).push_back(p);
    }
    ctx.traits = views.traits;
    ctx.properties = views.properties;
    return ctx;
  }

  GuardInput state_input(std::uint32_t lead, Timestamp at, std::vector<double>& scores) const {
    const LeadState& s = leads_[lead].state;
    for (std::size_t i = 0; i < columns_.size(); ++i) scores[i] = columns_[i]->guard_value(lead, at);
    GuardInput in;
    in.scores = scores;
    in.touches = s.touches;
    in.marketing_touches = s.marketing_touches;
    in.sales_touches = s.sales_touches;
    in.sales_conversations = s.sales_conversations;
    in.touches_in_stage = s.touches_in_stage;
    in.days_in_stage = static_cast<double>(at - s.entered_at) / static_cast<double>(kDay);
    if (account_guards_) in.account = account_input(lead, at);
    return in;
  }

  // Tries the current stage's transitions; the first hop may see the touch, the
  // following hops do not. Returns whether any transition was taken.
  bool settle(std::uint32_t lead, Timestamp at, const GuardInput* with_touch) {
    const Journey& j = model_->journey();
    bool moved = false;
    visited_.clear();
    if (account_guards_ && leads_[lead].state.account != LeadState::kNoAccount) {
      Timestamp& read_at = extras(lead).account_read_at;
      read_at = std::max(read_at, at);
    }
    GuardInput in = with_touch ? *with_touch : state_input(lead, at, score_scratch_);
    for (std::size_t hop = 0; hop < j.stage_count(); ++hop) {
      const StageId stage = leads_[lead].state.stage;
      visited_.push_back(stage);
      TransitionId taken = kNoTransition;
      for (TransitionId e : j.outgoing(stage)) {
        if (!j.may_hold(e, in.has_touch, in.type)) continue;  // ruled out by the type alone
        if (j.transition(e).guard->evaluate(in)) {
          taken = e;
          break;
        }
      }
      if (taken == kNoTransition) break;
      if (std::find(visited_.begin(), visited_.end(), j.transition(taken).to) != visited_.end()) break;
      take(lead, taken, at);
      moved = true;
      in = state_input(lead, at, score_scratch_);  // hides the touch from the next hop
    }
    return moved;
  }

  // Room for a lead's first events, taken at its first: of the generated leads
  // that move at all, 94 % move at most four times (40 % once), and growing
  // 1 → 2 → 4 cost two copies.
  static constexpr std::size_t kFirstEvents = 4;
  static void add_event(LeadData& L, const Event& e) {
    if (L.events.capacity() == 0) L.events.reserve(kFirstEvents);
    L.events.push_back(e);
  }

  void take(std::uint32_t lead, TransitionId id, Timestamp at) {
    const Journey& j = model_->journey();
    const Journey::Edge& e = j.transition(id);
    LeadData& L = leads_[lead];
    LeadState& s = L.state;
    s.stage = e.to;
    s.entered_at = at;
    s.touches_in_stage = 0;
    const Stage& target = j.stage(e.to);
    s.deadline = target.kind == StageKind::sla && target.sla > 0 ? at + target.sla : kNever;  // as event_view says
    if (s.deadline != kNever) deadlines_.emplace(s.deadline, lead);
    EventKind kind = EventKind::stage_changed;
    if (e.handoff) kind = EventKind::handoff;
    else if (e.spec.kind == TransitionKind::recycle) kind = EventKind::recycled;
    add_event(L, Event{.at = at, .lead = lead, .transition = id, .from = e.from, .to = e.to, .kind = kind});
  }

  // Lead indexes in lead-id order. The sort compares the ids' first 16 bytes as
  // two big-endian words (one instruction each instead of a memcmp call), and the
  // whole ids only when those are equal.
  std::vector<std::uint32_t> leads_by_id() const {
    struct Key {
      std::uint64_t head[2];
      std::uint32_t lead;
    };
    std::vector<Key> keys(leads_.size());
    for (std::uint32_t i = 0; i < leads_.size(); ++i) {
      const std::string_view name = leads_[i].name;
      unsigned char bytes[16] = {};
      std::memcpy(bytes, name.data(), std::min<std::size_t>(name.size(), 16));
      Key& k = keys[i];
      k.lead = i;
      for (int w = 0; w < 2; ++w) {
        std::uint64_t word;
        std::memcpy(&word, bytes + 8 * w, 8);
        k.head[w] = std::endian::native == std::endian::little ? __builtin_bswap64(word) : word;  // big-endian
      }
    }
    std::sort(keys.begin(), keys.end(), [this](const Key& a, const Key& b) {
      if (a.head[0] != b.head[0]) return a.head[0] < b.head[0];
      if (a.head[1] != b.head[1]) return a.head[1] < b.head[1];
      return leads_[a.lead].name.view() < leads_[b.lead].name.view();  // also orders "ab" before "ab\0"
    });
    std::vector<std::uint32_t> order(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].lead;
    return order;
  }

  // Fills `v` (its vectors' storage reused) with the lead as of `at`.
  void fill_view(std::uint32_t lead, Timestamp at, LeadView& v) const {
    const LeadData& L = leads_[lead];
    const LeadState& s = L.state;
    const Journey& j = model_->journey();
    v.scores.clear();
    v.challengers.clear();
    v.temperature.reset();
    v.sla_deadline.reset();
    v.lead_id = leads_[lead].name;
    v.account_id = s.account == LeadState::kNoAccount ? std::string_view{} : accounts_.name(s.account);
    v.stage = s.stage;
    v.stage_name = j.stage(s.stage).id;
    v.owner = j.stage(s.stage).owner;
    v.as_of = at;
    if (auto t = model_->temperature_score()) {
      v.temperature = static_cast<Temperature>(static_cast<int>(columns_[*t]->guard_value(lead, at)));
    }
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      v.scores.push_back({model_->scores()[i].name, columns_[i]->value(lead, at)});
      if (challengers_[i]) v.challengers.push_back({model_->scores()[i].name, challengers_[i]->value(lead, at)});
    }
    v.touches = s.touches;
    v.marketing_touches = s.marketing_touches;
    v.sales_touches = s.sales_touches;
    v.sales_conversations = s.sales_conversations;
    v.touches_in_stage = s.touches_in_stage;
    v.entered_stage_at = s.entered_at;
    v.last_touch_at = s.last_touch_at;
    if (s.deadline != kNever) v.sla_deadline = s.deadline;
  }

  void fill_history(std::uint32_t lead, LeadHistory& h) const {
    const LeadData& L = leads_[lead];
    const Stage& st = model_->journey().stage(L.state.stage);
    h.lead_id = leads_[lead].name;
    h.account_id = L.state.account == LeadState::kNoAccount ? std::string_view{} : accounts_.name(L.state.account);
    h.stage = st.id;
    h.owner = st.owner;
    h.touches.clear();
    h.events.clear();
    for (const Record& r : L.records) {
      if (r.tick()) continue;
      TouchRecordView t;
      t.at = r.at;
      t.event_id = event_id(r);
      t.type = type_name(r.type);
      const ScoreContext ctx = score_context(r, nullptr);
      t.channel = ctx.channel != kNoChannel ? channel_name(ctx.channel) : channel_name(r.channel);
      t.outcome = r.outcome ? outcomes_.name(r.outcome - 1) : std::string_view{};
      t.team = ctx.classification.team;
      t.kind = ctx.classification.kind;
      t.rule = ctx.classification.rule;
      t.axes = ctx.classification.axes;
      t.value = record_value(r);
      h.touches.push_back(t);
    }
    for (const Event& e : L.events) h.events.push_back(event_view(e));
  }

  EventView event_view(const Event& e) const {
    const Journey& j = model_->journey();
    EventView v;
    v.kind = e.kind;
    v.lead_id = leads_[e.lead].name;
    v.at = e.at;
    v.from = e.from == kNoStage ? std::string_view{} : std::string_view(j.stage(e.from).id);
    v.to = e.to == kNoStage ? std::string_view{} : std::string_view(j.stage(e.to).id);
    v.reason = e.kind == EventKind::sla_breached ? std::string_view("sla")
               : e.transition == kNoTransition   ? std::string_view{}
                                                 : std::string_view(j.transition(e.transition).spec.name);
    // An SLA breach happens at its deadline; any other move into a stage with an
    // SLA sets the deadline take() set.
    if (e.kind == EventKind::sla_breached) {
      v.deadline = e.at;
    } else if (const Stage& target = j.stage(e.to); target.kind == StageKind::sla && target.sla > 0) {
      v.deadline = e.at + target.sla;
    }
    return v;
  }

  std::shared_ptr<const Model> model_;
  EngineOptions options_;
  LeadRows leads_;
  std::vector<std::unique_ptr<detail::ScoreColumn>> columns_;
  std::vector<const detail::ScoreColumn*> unplaced_columns_;  // those keeping their own storage (prefetched apart)
  detail::ChunkedVector<LeadCold> cold_;  // by lead, as leads_
  detail::LeadIndex lead_index_;
  detail::Interner accounts_;
  detail::Interner outcomes_;
  detail::AppendArena event_ids_;  // every kept event id, in arrival order (Record::event_at)
  absl::flat_hash_map<std::uint64_t, double> values_;  // the kept touches' values, by Record::event_at
  detail::Interner extra_types_;
  detail::Interner extra_channels_;
  detail::NameMemo<TypeId> type_memo_;        // see resolve_type
  detail::NameMemo<ChannelId> channel_memo_;  // see resolve_channel
  std::vector<ChannelId> default_channels_;
  using Deadline = std::pair<Timestamp, std::uint32_t>;
  std::priority_queue<Deadline, std::vector<Deadline>, std::greater<Deadline>> deadlines_;
  Timestamp clock_ = kBeginning;
  Timestamp watermark_ = kBeginning;
  IngestStats stats_;
  std::vector<double> score_scratch_;
  std::vector<StageId> visited_;
  std::vector<std::string> attribute_keys_;  // sorted: the trait/property keys policies read
  detail::Interner attribute_values_;
  AttributeViews attribute_scratch_;

  // Shadow policies and accounts (defined in detail/engine_shadow.hpp and
  // detail/engine_accounts.hpp).
  void setup_challengers_and_accounts();
  void shadow_step(std::uint32_t lead, const ScoreContext& ctx);
  void explain_self(const detail::ScoreColumn& column, std::uint32_t lead, Timestamp at, ScoreExplanation& se) const;
  void explain_challengers(std::uint32_t lead, Timestamp at, Explanation& x) const;
  std::span<const double> account_input(std::uint32_t lead, Timestamp at) const;
  bool rollup_member(std::uint32_t member, std::uint32_t reader, std::size_t score, std::string_view role_trait,
                     Timestamp at, RollupMember& out) const;
  std::string_view role_at(std::uint32_t member, std::string_view role_trait, Timestamp at) const;
  void replay_account_readers(std::uint32_t lead, Timestamp at);
  void join_account(std::uint32_t lead, std::uint32_t account);
  void add_member(std::uint32_t lead, std::uint32_t account) const;
  const std::vector<std::uint32_t>& members_of(std::uint32_t account) const;
  std::string_view account_role_trait() const;

  std::vector<std::unique_ptr<detail::ScoreColumn>> challengers_;  // per score; null without a challenger
  std::vector<std::uint32_t> shadow_scores_;                     // scores that have a challenger
  struct AccountMembers {
    std::vector<std::uint32_t> leads;  // in lead-id order once sorted
    bool sorted = true;
  };
  mutable std::vector<AccountMembers> account_members_;  // per interned account (see members_of)
  mutable bool members_listed_ = false;  // account_members_ is made (see join_account)
  std::vector<std::size_t> rollup_scores_;                       // per roll-up: the score it reads
  bool account_guards_ = false;  // some transition guard reads account.<name>
  mutable std::vector<double> account_scratch_;
  mutable std::vector<RollupMember> member_scratch_;
};

}  // namespace v0
}  // namespace doorway

#include "doorway/detail/engine_explain.hpp"
#include "doorway/detail/engine_shadow.hpp"
#include "doorway/detail/engine_accounts.hpp"
