// doorway — journeys for attribution: each is an ordered list of channels with the
// conversions, conversion value and nulls (non-conversions) it stands for, the
// `channel > channel > channel ; conversions ; value ; nulls` rows of existing
// attribution packages. Journeys come from a path file (report/path_file.hpp) or
// from an engine (journeys_from_engine below, compiled in src/report/journeys.cpp).
//
// Storage is flat (one array of channel indices for every touch), so ten million
// touches cost ten million 32-bit indices plus one timestamp each when timed.
//
// Journeys from the engine — the rule
// - A lead's journey is its contact and door touches (outcome touches such as
//   order_placed or deal_won are results, not touches, and are left out) in the
//   engine's application order ((timestamp, event_id)), each with its channel (the
//   touch's channel, or its type's default channel; a touch with neither is left
//   out) and its time.
// - It converts when the lead first enters the conversion stage (default
//   `customer`): the journey is then the touches at or before that moment
//   (conversions 1, nulls 0, end time = that moment). A lead that never entered it
//   is a null (conversions 0, nulls 1) over all its touches; its end time is its
//   last touch.
// - Conversion value: the sum of the `value` of the lead's outcome touches
//   (order_placed, deal_won, …) at or before the conversion moment; 0 when none
//   carries a value. Nulls have value 0.
// - Anchors for the W-shaped and full-path models: the handoff touch is the
//   journey's last touch at or before the last `handoff` event before the
//   conversion; the opportunity touch is the same for the last entry into the
//   opportunity stage (default `opportunity`). Touches sharing a timestamp with
//   the event count as before it. A journey that has no such event has no anchor
//   (the models say what they do then).
// - A lead with no touch before its conversion (or no touch at all) gives no
//   journey; it is counted in EngineJourneyStats instead.
//
// Thread-safety: a Journeys is used by one thread at a time; const access from
// several threads is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "doorway/detail/interner.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

class Engine;
struct LeadHistory;

// Positions (0-based, into the journey's touches) of the touches that caused the
// handoff and the entry into the opportunity stage; -1 when there is none.
struct JourneyAnchors {
  std::int32_t handoff = -1;
  std::int32_t opportunity = -1;
};

// One journey as read back from a Journeys.
struct JourneyView {
  std::span<const std::uint32_t> channels;  // channel indices (Journeys::channel_name)
  std::span<const Timestamp> times;         // empty for untimed journeys
  Timestamp end = 0;                        // conversion (or last-touch) time; 0 when untimed
  double conversions = 0;
  double value = 0;
  double nulls = 0;
  JourneyAnchors anchors;
};

class Journeys {
 public:
  // `timed`: every journey carries one timestamp per touch and an end time (as
  // journeys from the engine do); path files give untimed journeys.
  explicit Journeys(bool timed = false) : timed_(timed) { offsets_.push_back(0); }

  bool timed() const noexcept { return timed_; }

  // The index of a channel name, adding it when new. Names are kept as given.
  std::uint32_t intern_channel(std::string_view name) { return channels_.intern(name); }
  std::optional<std::uint32_t> find_channel(std::string_view name) const { return channels_.find(name); }
  std::string_view channel_name(std::uint32_t index) const { return channels_.name(index); }
  std::size_t channel_count() const noexcept { return channels_.size(); }

  // Adds a journey. `channels` must be non-empty indices from intern_channel;
  // conversions, value and nulls finite and >= 0. For a timed Journeys, `times`
  // holds one non-decreasing timestamp per channel and `end` is not before the
  // last; for an untimed one `times` must be empty. Anchors are positions in the
  // journey or -1. InvalidArgument names the field at fault; nothing is added then.
  absl::Status add(std::span<const std::uint32_t> channels, double conversions, double value, double nulls,
                   std::span<const Timestamp> times = {}, Timestamp end = 0, JourneyAnchors anchors = {});
  // The same with channel names (interned on the way).
  absl::Status add_named(std::span<const std::string_view> channels, double conversions, double value,
                         double nulls);

  // Appends every journey of `other` (channel names mapped onto this set's).
  // Both must be timed, or neither. Journeys from engines over a lead-hash
  // partition, appended, give the journeys of one engine over all the leads (in
  // another order; every model's result is independent of the order up to
  // floating-point rounding of sums).
  absl::Status append(const Journeys& other);

  std::size_t size() const noexcept { return conversions_.size(); }
  bool empty() const noexcept { return conversions_.empty(); }
  std::size_t touch_count() const noexcept { return touches_.size(); }

  JourneyView operator[](std::size_t i) const {
    JourneyView v;
    const std::size_t b = offsets_[i];
    const std::size_t e = offsets_[i + 1];
    v.channels = std::span<const std::uint32_t>(touches_.data() + b, e - b);
    if (timed_) {
      v.times = std::span<const Timestamp>(times_.data() + b, e - b);
      v.end = ends_[i];
    }
    v.conversions = conversions_[i];
    v.value = values_[i];
    v.nulls = nulls_[i];
    v.anchors = anchors_.empty() ? JourneyAnchors{} : anchors_[i];
    return v;
  }
  std::span<const std::uint32_t> channels(std::size_t i) const {
    return std::span<const std::uint32_t>(touches_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  double conversions(std::size_t i) const { return conversions_[i]; }
  double value(std::size_t i) const { return values_[i]; }
  double nulls(std::size_t i) const { return nulls_[i]; }

  double total_conversions() const noexcept { return total_conversions_; }
  double total_value() const noexcept { return total_value_; }
  double total_nulls() const noexcept { return total_nulls_; }

  void reserve(std::size_t journeys, std::size_t touches);

 private:
  bool timed_ = false;
  detail::Interner channels_;
  std::vector<std::uint32_t> touches_;
  std::vector<std::uint64_t> offsets_;  // size() + 1
  std::vector<Timestamp> times_;        // parallel to touches_ when timed
  std::vector<Timestamp> ends_;         // per journey when timed
  std::vector<double> conversions_;
  std::vector<double> values_;
  std::vector<double> nulls_;
  std::vector<JourneyAnchors> anchors_;  // empty until a journey has an anchor
  double total_conversions_ = 0;
  double total_value_ = 0;
  double total_nulls_ = 0;
};

// ---- journeys from an engine (the rule is at the top of this file) --------------

struct EngineJourneyOptions {
  std::string conversion_stage = "customer";
  // The W-shaped and full-path models' opportunity anchor; empty: none.
  std::string opportunity_stage = "opportunity";
};

struct EngineJourneyStats {
  std::uint64_t leads = 0;            // leads looked at
  std::uint64_t converted = 0;        // journeys that converted
  std::uint64_t not_converted = 0;    // journeys that did not (nulls)
  std::uint64_t empty_converted = 0;  // leads that converted with no touch before: no journey
  std::uint64_t empty = 0;            // leads that never converted and have no touch: no journey
};

// Adds the journey of one lead (see the rule above) to `out`, which must be timed.
// The building block for engines over a partition: call it for each lead of each
// engine, or build one Journeys per engine and append them.
void add_lead_journey(Journeys& out, const LeadHistory& lead, const EngineJourneyOptions& options,
                      EngineJourneyStats& stats);

// Every lead's journey, in lead-id order. InvalidArgument when a stage named in
// `options` is not one of the model's (with a did-you-mean suggestion).
absl::StatusOr<Journeys> journeys_from_engine(const Engine& engine, const EngineJourneyOptions& options = {},
                                              EngineJourneyStats* stats = nullptr);

}  // namespace v0
}  // namespace doorway
