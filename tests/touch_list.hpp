// Test helper: builds lists of touches with owned strings (Touch borrows its strings).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/engine.hpp"
#include "doorway/timestamp.hpp"
#include "doorway/touch.hpp"

namespace doorway::testing {

// 2026-01-05T09:00:00Z, a Monday.
inline const Timestamp T0 = *parse_iso8601("2026-01-05T09:00:00Z");

class TouchList {
 public:
  // Adds a touch with an automatic event id ("e0001", "e0002", … in call order).
  Touch& add(std::string_view lead, Timestamp at, std::string_view type) {
    char id[16];
    std::snprintf(id, sizeof id, "e%04zu", touches_.size() + 1);
    return add_with_id(id, lead, at, type);
  }
  Touch& add_with_id(std::string_view event_id, std::string_view lead, Timestamp at, std::string_view type) {
    Touch t;
    t.event_id = keep(event_id);
    t.lead_id = keep(lead);
    t.timestamp = at;
    t.type = keep(type);
    touches_.push_back(t);
    return touches_.back();
  }
  std::string_view keep(std::string_view s) { return strings_.emplace_back(s); }
  const std::vector<Touch>& touches() const { return touches_; }
  std::vector<Touch>& touches() { return touches_; }

 private:
  std::deque<std::string> strings_;
  std::vector<Touch> touches_;
};

// Everything observable about an engine's leads and events, as text, for
// comparing two engines.
inline std::string snapshot(const Engine& e) {
  std::string out;
  for (std::string_view id : e.lead_ids()) {
    const LeadView v = *e.lead(id);
    out += std::string(id) + " " + std::string(v.stage_name) + " owner=" + std::string(to_string(v.owner));
    if (v.temperature) out += " temp=" + std::string(to_string(*v.temperature));
    for (const auto& [name, value] : v.scores) out += " " + std::string(name) + "=" + std::to_string(value);
    out += " t=" + std::to_string(v.touches) + "/" + std::to_string(v.marketing_touches) + "/" +
           std::to_string(v.sales_touches) + "/" + std::to_string(v.touches_in_stage);
    out += " entered=" + format_iso8601(v.entered_stage_at);
    if (v.sla_deadline) out += " sla=" + format_iso8601(*v.sla_deadline);
    out += "\n";
  }
  for (const EventView& ev : e.events()) {
    out += std::string(to_string(ev.kind)) + " " + std::string(ev.lead_id) + " " + format_iso8601(ev.at) + " " +
           std::string(ev.from) + "->" + std::string(ev.to) + " " + std::string(ev.reason);
    if (ev.deadline) out += " deadline=" + format_iso8601(*ev.deadline);
    out += "\n";
  }
  return out;
}

}  // namespace doorway::testing
