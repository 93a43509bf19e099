// Journey graph validation: every problem reported at once, each with its place.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/journey.hpp"
#include "doorway/model.hpp"
#include "doorway/engine.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/temperature_policy.hpp"

namespace doorway {
namespace {

bool has(const std::vector<Problem>& ps, std::string_view code, std::string_view path = {},
         std::string_view text = {}) {
  return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) {
    return p.code == code && (path.empty() || p.path == path) &&
           (text.empty() || p.message.find(text) != std::string::npos);
  });
}

Catalog small_catalog() {
  Catalog c;
  c.add_type({"visit", TouchKind::contact, Team::marketing,
              Axes{Audience::one_to_many, Interaction::one_way, Initiator::prospect}, "", ""});
  c.add_type({"call", TouchKind::contact, Team::sales,
              Axes{Audience::one_to_one, Interaction::two_way, Initiator::business}, "", ""});
  c.add_type({"won", TouchKind::outcome, Team::sales, Axes{}, "", ""});
  return c;
}

GuardSymbols symbols_for(const Catalog& c) {
  GuardSymbols s;
  s.catalog = &c;
  s.scores = {"engagement"};
  s.score_is_temperature = {false};
  return s;
}

TEST(Journey, DefaultModelIsValid) {
  const auto m = default_model();
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->journey().validated());
  EXPECT_EQ(m->journey().stage(m->journey().entry()).id, "subscriber");
  EXPECT_EQ(m->journey().stage_count(), 11u);
}

TEST(Journey, ReportsEveryProblemAtOnce) {
  const Catalog cat = small_catalog();
  Journey j;
  j.add_stage({"new", Team::marketing, StageKind::entry, 0, ""});        // stages[0]
  j.add_stage({"also_new", Team::marketing, StageKind::entry, 0, ""});   // stages[1]: second entry
  j.add_stage({"talking", Team::unknown, StageKind::inventory, 0, ""});  // stages[2]: no owner
  j.add_stage({"island", Team::sales, StageKind::inventory, 0, ""});     // stages[3]: unreachable, stuck
  j.add_stage({"limbo", Team::sales, StageKind::inventory, 0, ""});      // stages[4]: reachable, stuck
  j.add_stage({"customer", Team::marketing, StageKind::won, 0, ""});     // stages[5]
  j.add_transition({"new", "talking", "to_talk", "type == call", 0});                  // [0]
  j.add_transition({"new", "limbo", "to_limbo", "engagment >= 10", 1});                // [1] misspelled score
  j.add_transition({"talking", "customer", "win", "type == won", 0});                  // [2]
  j.add_transition({"talking", "limbo", "stall", "touches_in_stage > 3", 0});          // [3] same priority as [2]
  j.add_transition({"also_new", "custmer", "typo", "true", 0});                        // [4] unknown stage

  const std::vector<Problem> ps = j.validate(symbols_for(cat));
  EXPECT_TRUE(has(ps, "journey.several_entries", "stages", "\"new\", \"also_new\""));
  EXPECT_TRUE(has(ps, "journey.unowned_stage", "stages[2]", "\"talking\""));
  EXPECT_TRUE(has(ps, "journey.unreachable_stage", "stages[3]", "\"island\""));
  EXPECT_TRUE(has(ps, "journey.no_way_to_terminal", "stages[3]"));
  EXPECT_TRUE(has(ps, "journey.no_way_to_terminal", "stages[4]", "\"limbo\""));
  EXPECT_TRUE(has(ps, "journey.guard", "transitions[1].guard", "did you mean \"engagement\""));
  EXPECT_TRUE(has(ps, "journey.unknown_stage", "transitions[4].to", "did you mean \"customer\""));
  // [2] and [3] leave "talking" with priority 0: on a "won" touch both may hold
  // (touches_in_stage is unknown before a lead exists).
  EXPECT_TRUE(has(ps, "journey.ambiguous_transitions", "transitions[3]", "\"won\""));
  EXPECT_FALSE(j.validated());
  // "also_new" is an entry (so reachable) whose only edge is broken: it is stuck.
  EXPECT_TRUE(has(ps, "journey.no_way_to_terminal", "stages[1]"));
  EXPECT_FALSE(has(ps, "journey.unreachable_stage", "stages[1]"));
  // 1 several_entries + 1 unowned + 1 guard + 1 unknown stage + 1 unreachable
  // + 3 stuck (also_new, island, limbo) + 1 ambiguous.
  EXPECT_EQ(ps.size(), 9u) << to_string(ps);
}

TEST(Journey, ExclusiveGuardsAtTheSamePriorityAreNotAmbiguous) {
  const Catalog cat = small_catalog();
  Journey j;
  j.add_stage({"new", Team::marketing, StageKind::entry, 0, ""});
  j.add_stage({"done", Team::sales, StageKind::won, 0, ""});
  j.add_stage({"gone", Team::sales, StageKind::lost, 0, ""});
  j.add_transition({"new", "done", "a", "type == call", 0});
  j.add_transition({"new", "gone", "b", "type == visit", 0});
  const auto ps = j.validate(symbols_for(cat));
  EXPECT_TRUE(ps.empty()) << to_string(ps);
}

TEST(Journey, NoEntryNoTerminalAndSlaProblems) {
  const Catalog cat = small_catalog();
  Journey j;
  j.add_stage({"a", Team::marketing, StageKind::inventory, 0, ""});
  j.add_stage({"b", Team::sales, StageKind::sla, 0, ""});          // sla kind without duration
  j.add_stage({"c", Team::sales, StageKind::inventory, kHour, ""});  // duration on a non-sla stage
  j.add_transition({"a", "b", "x", "type == call", 0});
  const auto ps = j.validate(symbols_for(cat));
  EXPECT_TRUE(has(ps, "journey.no_entry"));
  EXPECT_TRUE(has(ps, "journey.no_terminal"));
  EXPECT_TRUE(has(ps, "journey.sla_without_duration", "stages[1]"));
  EXPECT_TRUE(has(ps, "journey.sla_on_non_sla_stage", "stages[2]"));
}

TEST(Journey, SlaStageNeedsAnSlaTransition) {
  const Catalog cat = small_catalog();
  Journey j;
  j.add_stage({"new", Team::marketing, StageKind::entry, 0, ""});
  j.add_stage({"wait", Team::sales, StageKind::sla, 48 * kHour, ""});
  j.add_stage({"done", Team::sales, StageKind::won, 0, ""});
  j.add_transition({"new", "wait", "h", "type == call", 0});
  j.add_transition({"wait", "done", "w", "type == won", 0});
  auto ps = j.validate(symbols_for(cat));
  EXPECT_TRUE(has(ps, "journey.sla_without_edge", "stages[1]"));
  j.add_transition({"wait", "new", "breach", "", 0, TransitionKind::recycle, Trigger::sla});
  ps = j.validate(symbols_for(cat));
  EXPECT_TRUE(ps.empty()) << to_string(ps);
  EXPECT_TRUE(j.transition(0).handoff);
  EXPECT_EQ(j.sla_transition(1), 2u);
}

TEST(Journey, ModelBuilderReportsScoreAndGuardProblems) {
  ModelBuilder b("broken");
  b.catalog() = small_catalog();
  b.add_score("engagement", make_policy(PointsPolicy({}, {}), "points"));
  b.add_score("engagement", make_policy(PointsPolicy({}, {}), "points"));
  b.add_stage({"new", Team::marketing, StageKind::entry, 0, ""});
  b.add_stage({"done", Team::sales, StageKind::won, 0, ""});
  b.add_transition({"new", "done", "go", "engagement >=", 0});
  std::vector<Problem> ps;
  EXPECT_EQ(b.build(&ps), nullptr);
  EXPECT_TRUE(has(ps, "model.duplicate_score", "scores[1]"));
  EXPECT_TRUE(has(ps, "journey.guard", "transitions[0].guard", "column"));
}

TEST(Journey, TheReadmeTrialModelBuildsAndRuns) {
  // The README's "Building your own model in C++" example, verbatim.
  ModelBuilder b("trials");
  const Axes self_serve{Audience::one_to_one, Interaction::one_way, Initiator::prospect};
  b.catalog().add_type({"trial_started", TouchKind::door, Team::marketing, self_serve});
  b.catalog().add_type({"subscription_paid", TouchKind::outcome, Team::marketing, self_serve});
  b.add_score("temperature", make_policy(TemperaturePolicy(TemperatureOptions{}), "temperature"));
  b.add_stage({"visitor", Team::marketing, StageKind::entry});
  b.add_stage({"trial", Team::sales, StageKind::sla, 14 * kDay});  // sales has 14 days to convert
  b.add_stage({"paid", Team::marketing, StageKind::won});
  b.add_stage({"expired", Team::marketing, StageKind::lost});
  b.add_transition({"visitor", "trial", "trial", "type == trial_started", 0});
  b.add_transition({"trial", "paid", "paid", "type == subscription_paid", 0});
  b.add_transition({"trial", "expired", "expired", "", 0, TransitionKind::detour, Trigger::sla});
  std::vector<Problem> problems;
  std::shared_ptr<const Model> model = b.build(&problems);
  ASSERT_NE(model, nullptr) << to_string(problems);
  // A trial nobody converts expires 14 days later; the trial start was a handoff.
  Engine e(model);
  Touch t{.event_id = "1", .lead_id = "x", .timestamp = 0, .type = "trial_started"};
  e.ingest(t);
  e.advance(15 * kDay);
  EXPECT_EQ(e.lead("x")->stage_name, "expired");
  const auto evs = e.events();
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[0].kind, EventKind::handoff);
  EXPECT_EQ(evs[1].kind, EventKind::sla_breached);
  EXPECT_EQ(evs[1].at, 14 * kDay);
  EXPECT_EQ(evs[2].kind, EventKind::stage_changed);
}

}  // namespace
}  // namespace doorway
