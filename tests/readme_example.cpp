// The README's first C++ example, compiled and run by CTest so it cannot rot.
#include <doorway/default_model.hpp>
#include <doorway/engine.hpp>
#include <doorway/timestamp.hpp>

#include <iostream>
#include <vector>

int main() {
  using namespace doorway;
  Engine engine(default_model());
  const Timestamp t0 = *parse_iso8601("2026-03-02T09:00:00Z");

  std::vector<Touch> touches = {
      {.event_id = "e1", .lead_id = "ann", .timestamp = t0, .type = "webinar_attended"},
      {.event_id = "e2", .lead_id = "ann", .timestamp = t0 + kHour, .type = "demo_request"},
  };
  engine.ingest(touches);
  engine.advance(t0 + 3 * kDay);  // nobody in sales answered within 48 h

  const LeadView ann = *engine.lead("ann");
  std::cout << ann.stage_name << ", owned by " << to_string(ann.owner) << "\n";
  for (const EventView& ev : engine.events()) {
    std::cout << to_string(ev.kind) << " " << ev.from << " -> " << ev.to << " (" << ev.reason << ")\n";
  }
  const auto why = engine.explain("ann");  // absl::StatusOr<Explanation>
  for (const ScoreExplanation& s : why->scores) {
    std::cout << s.name << " = " << s.value << "\n";
    for (const Contribution& c : s.contributions) {
      std::cout << "  " << c.event_id << " " << c.rule << ": " << c.points << " x " << c.factor << "\n";
    }
  }
}
