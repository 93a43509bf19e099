// A consumer of doorway: one lead asks for a demo; the default model's rule "a door
// touch hands the lead to sales" (subscriber -> sal, door_touch) puts it in "sal".
#include <doorway/default_model.hpp>
#include <doorway/engine.hpp>
#include <doorway/timestamp.hpp>

#include <iostream>

int main() {
  doorway::Engine engine(doorway::default_model());
  doorway::Touch touch;
  touch.event_id = "e1";
  touch.lead_id = "ann";
  touch.timestamp = *doorway::parse_iso8601("2026-11-22T09:00:00Z");
  touch.type = "demo_request";
  if (engine.ingest(touch).accepted != 1) {
    std::cerr << "the touch was not accepted\n";
    return 1;
  }
  std::cout << engine.lead("ann")->stage_name << "\n";
  return 0;
}
