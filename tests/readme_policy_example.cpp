// The README's custom C++ scoring policy, compiled and run by CTest.
#include <doorway/default_model.hpp>
#include <doorway/engine.hpp>

#include <iostream>
#include <string>
#include <vector>

// Counts two-way conversations; each is worth 1 and never decays.
struct Conversations {
  struct State {
    double n = 0;
  };
  doorway::Applied apply(State& s, const doorway::ScoreContext& ctx) const {
    if (ctx.classification.axes.interaction != doorway::Interaction::two_way ||
        ctx.classification.team != doorway::Team::sales) {
      return {};  // not counted: the touch does not appear in this score's explanation
    }
    s.n += 1;
    return {1.0, 0, true};
  }
  double value(const State& s, doorway::Timestamp) const { return s.n; }
  double factor(doorway::Timestamp, doorway::Timestamp) const { return 1.0; }
  std::string rule_name(const doorway::Applied&, std::string_view type) const {
    return "conversation:" + std::string(type);
  }
};
static_assert(doorway::ScoringPolicy<Conversations>);

int main() {
  using namespace doorway;
  ModelBuilder b(*default_model());  // start from the default model
  b.add_score("conversations", make_policy(Conversations{}, "conversations"));
  std::vector<Problem> problems;
  const std::shared_ptr<const Model> model = b.build(&problems);
  if (!model) {
    std::cerr << to_string(problems) << "\n";
    return 1;
  }
  Engine engine(model);
  std::vector<Touch> touches = {
      {.event_id = "1", .lead_id = "ann", .timestamp = 0, .type = "demo_request"},
      {.event_id = "2", .lead_id = "ann", .timestamp = kHour, .type = "phone_call"},
      {.event_id = "3", .lead_id = "ann", .timestamp = kDay, .type = "meeting"},
  };
  engine.ingest(touches);
  const LeadView ann = *engine.lead("ann");
  std::cout << ann.stage_name << " conversations=" << *ann.score("conversations") << "\n";  // sql conversations=2
}
