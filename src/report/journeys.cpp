// doorway — the Journeys container and journeys from an engine (the rule is in
// include/doorway/report/journeys.hpp).
#include "doorway/report/journeys.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/engine.hpp"

namespace doorway {
inline namespace v0 {

namespace {

absl::Status check_amount(double v, const char* field) {
  if (!std::isfinite(v)) return absl::InvalidArgumentError(detail::cat(field, ": ", v, " is not a finite number"));
  if (v < 0) return absl::InvalidArgumentError(detail::cat(field, ": ", v, " is negative"));
  return absl::OkStatus();
}

}  // namespace

absl::Status Journeys::add(std::span<const std::uint32_t> channels, double conversions, double value, double nulls,
                           std::span<const Timestamp> times, Timestamp end, JourneyAnchors anchors) {
  if (channels.empty()) return absl::InvalidArgumentError("channels: a journey needs at least one touch");
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (channels[i] >= channels_.size()) {
      return absl::InvalidArgumentError(
          detail::cat("channels[", i, "]: ", channels[i], " is not a channel index (", channels_.size(), " channels)"));
    }
  }
  if (auto s = check_amount(conversions, "conversions"); !s.ok()) return s;
  if (auto s = check_amount(value, "value"); !s.ok()) return s;
  if (auto s = check_amount(nulls, "nulls"); !s.ok()) return s;
  if (timed_) {
    if (times.size() != channels.size()) {
      return absl::InvalidArgumentError(
          detail::cat("times: ", times.size(), " timestamps for ", channels.size(), " touches"));
    }
    for (std::size_t i = 1; i < times.size(); ++i) {
      if (times[i] < times[i - 1]) {
        return absl::InvalidArgumentError(detail::cat("times[", i, "]: earlier than the touch before it"));
      }
    }
    if (end < times.back()) return absl::InvalidArgumentError("end: earlier than the last touch");
  } else if (!times.empty()) {
    return absl::InvalidArgumentError("times: given for a Journeys made without times");
  }
  const auto n = static_cast<std::int64_t>(channels.size());
  if (anchors.handoff < -1 || anchors.handoff >= n) {
    return absl::InvalidArgumentError(detail::cat("anchors.handoff: ", anchors.handoff, " is not a position"));
  }
  if (anchors.opportunity < -1 || anchors.opportunity >= n) {
    return absl::InvalidArgumentError(
        detail::cat("anchors.opportunity: ", anchors.opportunity, " is not a position"));
  }

  touches_.insert(touches_.end(), channels.begin(), channels.end());
  offsets_.push_back(touches_.size());
  if (timed_) {
    times_.insert(times_.end(), times.begin(), times.end());
    ends_.push_back(end);
  }
  conversions_.push_back(conversions);
  values_.push_back(value);
  nulls_.push_back(nulls);
  const bool anchored = anchors.handoff >= 0 || anchors.opportunity >= 0;
  if (anchored || !anchors_.empty()) {  // the earlier journeys get "no anchor"
    anchors_.resize(conversions_.size() - 1);
    anchors_.push_back(anchors);
  }
  total_conversions_ += conversions;
  total_value_ += value;
  total_nulls_ += nulls;
  return absl::OkStatus();
}

absl::Status Journeys::add_named(std::span<const std::string_view> channels, double conversions, double value,
                                 double nulls) {
  std::vector<std::uint32_t> ids;
  ids.reserve(channels.size());
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (channels[i].empty()) return absl::InvalidArgumentError(detail::cat("channels[", i, "]: empty channel name"));
    ids.push_back(intern_channel(channels[i]));
  }
  return add(ids, conversions, value, nulls);
}

absl::Status Journeys::append(const Journeys& other) {
  if (other.timed_ != timed_) {
    return absl::InvalidArgumentError("append: one set of journeys has times and the other has not");
  }
  std::vector<std::uint32_t> map(other.channel_count());
  for (std::uint32_t c = 0; c < map.size(); ++c) map[c] = intern_channel(other.channel_name(c));
  reserve(size() + other.size(), touch_count() + other.touch_count());
  std::vector<std::uint32_t> path;
  for (std::size_t i = 0; i < other.size(); ++i) {
    const JourneyView j = other[i];
    path.clear();
    for (std::uint32_t c : j.channels) path.push_back(map[c]);
    if (auto s = add(path, j.conversions, j.value, j.nulls, j.times, j.end, j.anchors); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void Journeys::reserve(std::size_t journeys, std::size_t touches) {
  touches_.reserve(touches);
  offsets_.reserve(journeys + 1);
  if (timed_) {
    times_.reserve(touches);
    ends_.reserve(journeys);
  }
  conversions_.reserve(journeys);
  values_.reserve(journeys);
  nulls_.reserve(journeys);
}

// ---- journeys from an engine -----------------------------------------------------

void add_lead_journey(Journeys& out, const LeadHistory& lead, const EngineJourneyOptions& options,
                      EngineJourneyStats& stats) {
  ++stats.leads;
  // The conversion moment and the anchor events before it.
  std::optional<Timestamp> converted_at;
  std::optional<Timestamp> handoff_at;
  std::optional<Timestamp> opportunity_at;
  for (const EventView& e : lead.events) {
    if (e.kind == EventKind::sla_breached) continue;
    if (e.to == options.conversion_stage) {
      converted_at = e.at;
      break;
    }
    if (e.kind == EventKind::handoff) handoff_at = e.at;
    if (!options.opportunity_stage.empty() && e.to == options.opportunity_stage) opportunity_at = e.at;
  }

  std::vector<std::uint32_t> path;
  std::vector<Timestamp> times;
  double value = 0;
  for (const TouchRecordView& t : lead.touches) {
    if (converted_at && t.at > *converted_at) break;
    if (t.kind == TouchKind::outcome) {
      if (converted_at && t.value) value += *t.value;
      continue;
    }
    if (t.channel.empty()) continue;
    path.push_back(out.intern_channel(t.channel));
    times.push_back(t.at);
  }
  if (path.empty()) {
    ++(converted_at ? stats.empty_converted : stats.empty);
    return;
  }
  // The anchor of an event: the last touch at or before it.
  auto anchor = [&](std::optional<Timestamp> at) -> std::int32_t {
    if (!at) return -1;
    std::int32_t found = -1;
    for (std::size_t i = 0; i < times.size() && times[i] <= *at; ++i) found = static_cast<std::int32_t>(i);
    return found;
  };
  const JourneyAnchors anchors{anchor(handoff_at), anchor(opportunity_at)};
  const Timestamp end = converted_at ? *converted_at : times.back();
  // Cannot fail: indices come from intern_channel, times are in the engine's
  // order, amounts are 0/1 and finite sums of finite values (checked at ingest).
  const absl::Status s = converted_at ? out.add(path, 1, value, 0, times, end, anchors)
                                      : out.add(path, 0, 0, 1, times, end, anchors);
  if (s.ok()) ++(converted_at ? stats.converted : stats.not_converted);
}

absl::StatusOr<Journeys> journeys_from_engine(const Engine& engine, const EngineJourneyOptions& options,
                                              EngineJourneyStats* stats) {
  const Journey& j = engine.model().journey();
  std::vector<std::string_view> stages;
  for (std::size_t i = 0; i < j.stage_count(); ++i) stages.push_back(j.stage(static_cast<StageId>(i)).id);
  auto check = [&](std::string_view field, std::string_view name) -> absl::Status {
    if (j.find_stage(name)) return absl::OkStatus();
    std::string msg = detail::cat(field, ": unknown stage \"", name, "\"");
    if (auto hint = detail::did_you_mean(name, std::span<const std::string_view>(stages))) {
      detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    }
    return absl::InvalidArgumentError(msg);
  };
  if (auto s = check("conversion_stage", options.conversion_stage); !s.ok()) return s;
  if (!options.opportunity_stage.empty()) {
    if (auto s = check("opportunity_stage", options.opportunity_stage); !s.ok()) return s;
  }
  Journeys out(/*timed=*/true);
  EngineJourneyStats local;
  engine.for_each_history([&](const LeadHistory& h) { add_lead_journey(out, h, options, local); });
  if (stats) *stats = local;
  return out;
}

}  // namespace v0
}  // namespace doorway
