// Model files: the JSON reader's problems (exact file:line:column, JSON path and
// message, worked out by hand from the files in data/models/, each a copy of
// tiny.json with one mistake), the writer's round trip, the default model as a
// file, and the DOT export.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "doorway/model_json.hpp"
#include "doorway/logistic_policy.hpp"
#include "doorway/naive_bayes_policy.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/temperature_policy.hpp"
#include "touch_list.hpp"

#ifndef DOORWAY_MODEL_DATA
#error "DOORWAY_MODEL_DATA must name tests/data/models"
#endif

namespace doorway {
namespace {

std::string read_file(const std::string& name) {
  std::ifstream in(std::string(DOORWAY_MODEL_DATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ModelLoadResult load(const std::string& name) { return load_model_json(read_file(name), name); }

std::vector<std::string> problem_lines(const ModelLoadResult& r) {
  std::vector<std::string> lines;
  for (const ModelProblem& p : r.problems) lines.push_back(p.to_string());
  return lines;
}

// --- a valid file --------------------------------------------------------------

TEST(ModelJson, LoadsTheTinyModel) {
  const ModelLoadResult r = load("tiny.json");
  ASSERT_TRUE(r.ok()) << to_string(r.problems);
  const Model& m = *r.model;
  EXPECT_EQ(m.name(), "tiny");
  EXPECT_EQ(m.catalog().channel_count(), 2u);
  EXPECT_EQ(m.catalog().type_count(), 5u);
  const TouchTypeInfo& trial = m.catalog().type(*m.catalog().find_type("trial_request"));
  EXPECT_EQ(trial.kind, TouchKind::door);
  EXPECT_EQ(trial.axes.audience, Audience::one_to_one);
  EXPECT_EQ(trial.channel, "web");

  ASSERT_EQ(m.scores().size(), 2u);
  const auto* points = policy_cast<PointsPolicy>(*m.scores()[0].policy);
  ASSERT_NE(points, nullptr);
  EXPECT_EQ(points->options().cap, 25);
  EXPECT_EQ(points->options().half_life, 0);
  ASSERT_EQ(points->rules().size(), 2u);
  EXPECT_EQ(points->rules()[1].type, *m.catalog().find_type("trial_request"));
  EXPECT_EQ(points->rules()[1].points, 20);
  EXPECT_TRUE(points->rules()[1].once);
  const auto* heat = policy_cast<TemperaturePolicy>(*m.scores()[1].policy);
  ASSERT_NE(heat, nullptr);
  EXPECT_EQ(heat->options().warm_enter, 2);
  EXPECT_EQ(heat->options().hot_exit, 3);
  EXPECT_EQ(heat->options().window, 7 * kDay);
  EXPECT_EQ(m.temperature_score(), 1u);
  EXPECT_EQ(policy_cast<PointsPolicy>(*m.scores()[1].policy), nullptr);

  const Journey& j = m.journey();
  EXPECT_EQ(j.stage_count(), 7u);
  EXPECT_EQ(j.transition_count(), 8u);
  EXPECT_EQ(j.stage(*j.find_stage("trial")).sla, 24 * kHour);
  EXPECT_TRUE(j.transition(2).handoff);  // engaged (marketing) -> trial (sales)
  EXPECT_EQ(j.transition(4).spec.trigger, Trigger::sla);

  EXPECT_EQ(find_stage_name(m.maps().hubspot_lifecycle, "engaged"), "marketingqualifiedlead");
  EXPECT_EQ(find_stage_name(m.maps().salesforce_lead_status, "trial"), "Working - Contacted");
  EXPECT_EQ(find_stage_name(m.maps().salesforce_opportunity_stage, "gone"), "Closed Lost");
  EXPECT_EQ(find_stage_name(m.maps().hubspot_lifecycle, "nurture"), std::nullopt);
}

// --- problems, each at its exact place ------------------------------------------

TEST(ModelJson, MisspelledScoreInAGuardPointsAtTheGuardColumn) {
  // Line 47: {"from": "visitor", "to": "engaged", ..., "guard": "heat >= warm and engagment >= 20", ...}
  // the guard text starts at column 71; "engagment" is its 18th character: 71 + 17 = 88.
  const ModelLoadResult r = load("bad_guard_score.json");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(problem_lines(r),
            std::vector<std::string>{"bad_guard_score.json:47:88: transitions[1].guard: column 18: unknown score or "
                                     "feature \"engagment\" (did you mean \"engagement\"?)"});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].code, "journey.guard");
  EXPECT_EQ(r.problems[0].line, 47u);
  EXPECT_EQ(r.problems[0].column, 88u);
}

TEST(ModelJson, UnknownStageInATransitionGetsASuggestion) {
  // Line 52: `    {"from": "talking", "to": "custmer", ...`: the value's quote is column 31.
  // (customer, now unreachable, is not blamed while a transition names an unknown stage.)
  const ModelLoadResult r = load("bad_stage.json");
  EXPECT_EQ(problem_lines(r),
            std::vector<std::string>{
                "bad_stage.json:52:31: transitions[6].to: unknown stage \"custmer\" (did you mean \"customer\"?)"});
}

TEST(ModelJson, UnknownKeyGetsASuggestion) {
  const ModelLoadResult r = load("bad_key.json");
  EXPECT_EQ(problem_lines(r), std::vector<std::string>{"bad_key.json:40:62: stages[3].descrption: unknown key "
                                                       "\"descrption\" (did you mean \"description\"?)"});
}

TEST(ModelJson, WrongTypeNamesTheExpectedType) {
  const ModelLoadResult r = load("bad_type.json");
  EXPECT_EQ(problem_lines(r), std::vector<std::string>{
                                  "bad_type.json:49:93: transitions[3].priority: expected a whole number, got a string"});
}

TEST(ModelJson, TwoEntryStagesPointAtTheSecond) {
  // Line 43: `    {"id": "nurture", "owner": "marketing", "kind": "entry"}`: "entry" at column 53.
  const ModelLoadResult r = load("two_entries.json");
  EXPECT_EQ(problem_lines(r), std::vector<std::string>{"two_entries.json:43:53: stages: several entry stages "
                                                       "(\"visitor\", \"nurture\"): exactly one is allowed"});
}

TEST(ModelJson, BadDurationSaysHowToWriteOne) {
  // The trial stage then has no SLA; that follow-on problem is not repeated.
  const ModelLoadResult r = load("bad_duration.json");
  EXPECT_EQ(problem_lines(r),
            std::vector<std::string>{"bad_duration.json:39:61: stages[2].sla: bad duration \"1 day\": write a whole "
                                     "number with a unit (d, h, m, s, ms, us) such as \"30d\", \"48h\" or \"1d12h\", "
                                     "or a number of seconds"});
}

TEST(ModelJson, UnknownVersionIsRejectedAlone) {
  const ModelLoadResult r = load("bad_version.json");
  EXPECT_EQ(problem_lines(r), std::vector<std::string>{"bad_version.json:3:14: version: unsupported version 2: "
                                                       "this doorway reads version 1 model files only"});
}

TEST(ModelJson, UnknownPolicyKindGetsASuggestion) {
  const ModelLoadResult r = load("bad_policy_kind.json");
  EXPECT_EQ(problem_lines(r), std::vector<std::string>{"bad_policy_kind.json:33:26: scores[1].policy.kind: unknown "
                                                       "policy kind \"temprature\" (did you mean \"temperature\"?)"});
}

TEST(ModelJson, SyntaxErrorStopsAtItsPosition) {
  // A comma after the last transition: the parser stops at the ']' on line 54.
  const ModelLoadResult r = load("bad_syntax.json");
  EXPECT_EQ(problem_lines(r), std::vector<std::string>{"bad_syntax.json:54:3: trailing comma before ']'"});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].code, "json.syntax");
}

TEST(ModelJson, EveryProblemIsReportedInOnePassInFileOrder) {
  const ModelLoadResult r = load("many_problems.json");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(problem_lines(r),
            (std::vector<std::string>{
                "many_problems.json:26:20: scores[0].policy.rules[0].type: unknown touch type \"vist\" (did you mean "
                "\"visit\"?)",
                "many_problems.json:40:62: stages[3].descrption: unknown key \"descrption\" (did you mean "
                "\"description\"?)",
                "many_problems.json:47:88: transitions[1].guard: column 18: unknown score or feature \"engagment\" "
                "(did you mean \"engagement\"?)",
                "many_problems.json:49:93: transitions[3].priority: expected a whole number, got a string",
                "many_problems.json:52:31: transitions[6].to: unknown stage \"custmer\" (did you mean \"customer\"?)",
                "many_problems.json:58:7: maps.hubspot_lifecycle.engagd: unknown stage \"engagd\" (did you mean "
                "\"engaged\"?)",
                "many_problems.json:58:7: maps.hubspot_lifecycle.engagd: \"marketingqualifiedleed\" is not a HubSpot "
                "lifecycle stage internal name (did you mean \"marketingqualifiedlead\"?)",
            }));
}

// Small documents written inline; positions counted on the raw strings.
TEST(ModelJson, CatalogAndPolicyMistakesInline) {
  const std::string text =
      "{\"format\": \"doorway.model\", \"version\": 1, \"name\": \"x\",\n"                        // 1
      " \"catalog\": {\"channels\": [{\"id\": \"web\"}],\n"                                      // 2
      "  \"types\": [{\"id\": \"visit\", \"team\": \"marketing\", \"channel\": \"wbe\"},\n"      // 3
      "             {\"id\": \"visit\", \"team\": \"markting\"}]},\n"                            // 4
      " \"scores\": [{\"name\": \"touches\", \"policy\": {\"kind\": \"temperature\", \"warm_exit\": 4}}],\n"  // 5
      " \"stages\": [{\"id\": \"a\", \"owner\": \"sales\", \"kind\": \"entry\"}, {\"id\": \"b\", \"kind\": \"won\"}],\n"  // 6
      " \"transitions\": [{\"from\": \"a\", \"to\": \"b\", \"name\": \"go\", \"guard\": \"true\", \"trigger\": \"sla\"}]}\n";  // 7
  const ModelLoadResult r = load_model_json(text, "inline.json");
  EXPECT_EQ(problem_lines(r),
            (std::vector<std::string>{
                "inline.json:3:61: catalog.types[0].channel: unknown channel \"wbe\" (did you mean \"web\"?)",
                "inline.json:4:21: catalog.types[1].id: touch type \"visit\" is declared twice (first at "
                "catalog.types[0])",
                "inline.json:4:38: catalog.types[1].team: unknown team \"markting\" (did you mean \"marketing\"?)",
                "inline.json:5:22: scores[0].name: score name \"touches\" is a built-in guard feature; guards could "
                "never read the score",
                "inline.json:5:80: scores[0].policy.warm_exit: \"warm_exit\" (4) must not be above \"warm_enter\" (3)",
                // Stage b's missing owner is reported once (not again as "no owning team").
                "inline.json:6:61: stages[1]: missing \"owner\" (a string: marketing, sales)",
                "inline.json:7:18: transitions[0]: transition has trigger sla but stage \"a\" has no SLA",
                "inline.json:7:66: transitions[0].guard: a transition with trigger \"sla\" has no guard: it is taken "
                "when the stage's SLA passes",
            }));
}

TEST(ModelJson, NotAModelFile) {
  EXPECT_EQ(problem_lines(load_model_json("[1, 2]", "list.json")),
            std::vector<std::string>{"list.json:1:1: a model file is a JSON object, not an array"});
  EXPECT_EQ(problem_lines(load_model_json("{\"format\": \"geojson\"}", "map.json")),
            std::vector<std::string>{"map.json:1:12: format: \"format\" must be \"doorway.model\": this is not a "
                                     "doorway model file"});
  EXPECT_EQ(problem_lines(load_model_json("", "empty.json")),
            std::vector<std::string>{"empty.json:1:1: expected a value, found the end of the file"});
}

// --- durations ------------------------------------------------------------------

TEST(ModelJson, DurationsTakeUnitsOrSecondsAndAreWrittenInTheLargestExactUnit) {
  std::string text = read_file("tiny.json");
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("\"sla\": \"24h\"", "\"sla\": \"1d12h\"");
  replace("\"window\": \"7d\"", "\"window\": 604800");
  replace("\"cap\": 25,", "\"cap\": 25, \"half_life\": 5400,");
  const ModelLoadResult r = load_model_json(text, "durations.json");
  ASSERT_TRUE(r.ok()) << to_string(r.problems);
  EXPECT_EQ(r.model->journey().stage(2).sla, 36 * kHour);
  EXPECT_EQ(policy_cast<TemperaturePolicy>(*r.model->scores()[1].policy)->options().window, 7 * kDay);
  EXPECT_EQ(policy_cast<PointsPolicy>(*r.model->scores()[0].policy)->options().half_life, 90 * kMinute);
  const std::string written = *model_to_json(*r.model);
  EXPECT_NE(written.find("\"sla\": \"36h\""), std::string::npos);  // 1.5 days: not whole days
  EXPECT_NE(written.find("\"window\": \"7d\""), std::string::npos);
  EXPECT_NE(written.find("\"half_life\": \"90m\""), std::string::npos);
}

// --- the writer -----------------------------------------------------------------

TEST(ModelJson, RoundTripGivesIdenticalText) {
  const ModelLoadResult first = load("tiny.json");
  ASSERT_TRUE(first.ok()) << to_string(first.problems);
  const std::string written = *model_to_json(*first.model);
  const ModelLoadResult second = load_model_json(written, "written.json");
  ASSERT_TRUE(second.ok()) << to_string(second.problems);
  EXPECT_EQ(*model_to_json(*second.model), written);
  // Loaded from the written text, the model is the same model.
  EXPECT_EQ(second.model->journey().transition_count(), 8u);
  EXPECT_EQ(second.model->description(), first.model->description());
  EXPECT_EQ(second.model->maps().salesforce_opportunity_stage, first.model->maps().salesforce_opportunity_stage);
}

TEST(ModelJson, DefaultModelFileIsCanonical) {
  const absl::StatusOr<std::string> written = model_to_json(*default_model());
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, default_model_json());
  const auto& maps = default_model()->maps();
  EXPECT_EQ(find_stage_name(maps.hubspot_lifecycle, "mql"), "marketingqualifiedlead");
  EXPECT_EQ(find_stage_name(maps.hubspot_lifecycle, "advocate"), "evangelist");
  EXPECT_EQ(find_stage_name(maps.salesforce_lead_status, "subscriber"), "Open - Not Contacted");
  EXPECT_EQ(find_stage_name(maps.salesforce_opportunity_stage, "customer"), "Closed Won");
}

TEST(ModelJson, DefaultModelWrittenAndReloadedBehavesIdentically) {
  const ModelLoadResult reloaded = load_model_json(*model_to_json(*default_model()), "written.json");
  ASSERT_TRUE(reloaded.ok()) << to_string(reloaded.problems);
  GenerateOptions options;
  options.seed = 11;
  options.leads = 600;
  const std::vector<OwnedTouch> touches = generate_touches(options);
  std::vector<Touch> views;
  for (const OwnedTouch& t : touches) views.push_back(t.view());
  Engine a(default_model());
  Engine b(reloaded.model);
  a.ingest(views);
  b.ingest(views);
  const Timestamp later = a.watermark() + 10 * kDay;
  a.advance(later);
  b.advance(later);
  const std::string snapshot = testing::snapshot(a);
  EXPECT_EQ(testing::snapshot(b), snapshot);
  // The stream exercised the journey: handoffs, SLA breaches and customers.
  EXPECT_NE(snapshot.find("handoff "), std::string::npos);
  EXPECT_NE(snapshot.find("sla_breached "), std::string::npos);
  EXPECT_NE(snapshot.find(" customer owner="), std::string::npos);
}

struct CountingPolicy {
  struct State {
    double n = 0;
  };
  Applied apply(State& s, const ScoreContext&) const {
    s.n += 1;
    return {1, 0, true};
  }
  double value(const State& s, Timestamp) const { return s.n; }
  double factor(Timestamp, Timestamp) const { return 1; }
  std::string rule_name(const Applied&, std::string_view) const { return "count"; }
};

TEST(ModelJson, ACustomPolicyHasNoJsonForm) {
  ModelBuilder b(*default_model());
  b.add_score("counted", make_policy(CountingPolicy{}, "counting"));
  std::vector<Problem> problems;
  const auto m = b.build(&problems);
  ASSERT_NE(m, nullptr) << to_string(problems);
  const absl::StatusOr<std::string> written = model_to_json(*m);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(written.status().message().find("score \"counted\""), std::string_view::npos);
}

// --- DOT ------------------------------------------------------------------------

TEST(ModelJson, DotShowsOwnersHandoffsRecyclesAndGuards) {
  const ModelLoadResult r = load("tiny.json");
  ASSERT_TRUE(r.ok());
  const std::string dot = model_to_dot(*r.model);
  EXPECT_EQ(dot.rfind("// tiny: 7 stages, 8 transitions", 0), 0u);
  EXPECT_NE(dot.find("digraph \"tiny\" {"), std::string::npos);
  // Owners: each stage inside its team's cluster, in the team's colours.
  const auto marketing = dot.find("subgraph cluster_marketing {");
  const auto sales = dot.find("subgraph cluster_sales {");
  ASSERT_NE(marketing, std::string::npos);
  ASSERT_NE(sales, std::string::npos);
  const auto visitor =
      dot.find("\"visitor\" [label=\"visitor\\n(entry)\", color=\"#4c78a8\", fillcolor=\"#dbe7f3\", penwidth=2.5];");
  const auto trial = dot.find("\"trial\" [label=\"trial\\n(sla)\\nSLA 24h\", color=\"#f58518\", fillcolor=\"#fde5cc\"];");
  ASSERT_NE(visitor, std::string::npos);
  ASSERT_NE(trial, std::string::npos);
  EXPECT_TRUE(marketing < visitor && visitor < sales);
  EXPECT_GT(trial, sales);
  EXPECT_NE(dot.find("\"customer\" [label=\"customer\\n(won)\", color=\"#f58518\", fillcolor=\"#fde5cc\", "
                     "peripheries=2];"),
            std::string::npos);
  // Handoffs (marketing -> sales) bold red; recycle dashed; detour dotted; guards as labels.
  EXPECT_NE(dot.find("\"engaged\" -> \"trial\" [label=\"handoff: door [0]\\ninitiated_contact\", color=\"#d62728\", "
                     "fontcolor=\"#d62728\", penwidth=2.5, style=bold];"),
            std::string::npos);
  EXPECT_NE(dot.find("\"visitor\" -> \"trial\" [label=\"handoff: door [0]\\ninitiated_contact\""), std::string::npos);
  EXPECT_NE(dot.find("\"trial\" -> \"nurture\" [label=\"sla_breached [0]\\nSLA passes (24h)\", style=dashed, "
                     "color=\"#7f7f7f\", constraint=false];"),
            std::string::npos);
  EXPECT_NE(dot.find("\"talking\" -> \"gone\" [label=\"lost [1]\\ntype == lost\", style=dotted];"), std::string::npos);
  EXPECT_NE(dot.find("\"trial\" -> \"talking\" [label=\"talk [0]\\ntype == call\"];"), std::string::npos);
  EXPECT_NE(dot.find("\"visitor\" -> \"engaged\" [label=\"engaged [1]\\nengagement >= 20\"];"), std::string::npos);
  // Only the two marketing -> sales edges are handoffs (nurture -> trial is the third).
  std::size_t handoffs = 0;
  for (auto at = dot.find("handoff: "); at != std::string::npos; at = dot.find("handoff: ", at + 1)) ++handoffs;
  EXPECT_EQ(handoffs, 3u);
}

TEST(ModelJson, DotEscapesQuotesInGuards) {
  std::string text = read_file("tiny.json");
  const std::string from = "\"guard\": \"type == lost\"";
  text.replace(text.find(from), from.size(), "\"guard\": \"outcome == \\\"lost\\\"\"");
  const ModelLoadResult r = load_model_json(text, "quoted.json");
  ASSERT_TRUE(r.ok()) << to_string(r.problems);
  EXPECT_EQ(r.model->journey().transition(7).spec.guard, "outcome == \"lost\"");
  EXPECT_NE(model_to_dot(*r.model).find("\"talking\" -> \"gone\" [label=\"lost [1]\\noutcome == \\\"lost\\\"\", style=dotted];"),
            std::string::npos);
}

// --- decay, caps and groups, temperature options, fit grade, readiness -----------

// "inline.json:L:C" for the `nth` occurrence of `needle` on line `line` of `text`
// (1-based; the text is ASCII, so a column is a byte) — an independent way to
// locate what each message points at.
std::string where(const std::string& text, int line, const std::string& needle, int nth = 1) {
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) start = text.find('\n', start) + 1;
  std::size_t at = start - 1;
  for (int i = 0; i < nth; ++i) at = text.find(needle, at + 1);
  return "inline.json:" + std::to_string(line) + ":" + std::to_string(at - start + 1);
}

TEST(ModelJson, PolicyOptionMistakesAreLocatedAndExplained) {
  const std::string text =
      "{\"format\": \"doorway.model\", \"version\": 1, \"name\": \"x\",\n"                                  // 1
      " \"catalog\": {\"types\": [{\"id\": \"visit\", \"team\": \"marketing\"}]},\n"                       // 2
      " \"scores\": [\n"                                                                                     // 3
      "  {\"name\": \"e\", \"policy\": {\"kind\": \"points\", \"half_life\": \"30d\", \"decay\": {\"kind\": \"linaer\"},\n"  // 4
      "   \"groups\": [{\"name\": \"web\", \"cap\": -1}, {\"name\": \"web\"}],\n"                           // 5
      "   \"rules\": [{\"type\": \"visit\", \"points\": 5, \"group\": \"wbe\"}]}},\n"                       // 6
      "  {\"name\": \"f\", \"policy\": {\"kind\": \"fit_grade\", \"criteria\": [{\"trait\": \"industry\", \"in\": [\"a\"], \"min\": 3, \"adjust\": \"1/2\"}]}},\n"  // 7
      "  {\"name\": \"r\", \"policy\": {\"kind\": \"readiness\", \"price\": {\"steps\": [5000, 1000]}, \"competition\": {\"hihg\": 2}}},\n"  // 8
      "  {\"name\": \"t\", \"policy\": {\"kind\": \"temperature\", \"weights\": {\"sale\": 2}}}],\n"       // 9
      " \"stages\": [{\"id\": \"a\", \"owner\": \"sales\", \"kind\": \"entry\"}, {\"id\": \"b\", \"owner\": \"sales\", \"kind\": \"won\"}],\n"  // 10
      " \"transitions\": [{\"from\": \"a\", \"to\": \"b\", \"name\": \"go\", \"guard\": \"f >= E\"}]}\n";  // 11
  const ModelLoadResult r = load_model_json(text, "inline.json");
  EXPECT_EQ(problem_lines(r),
            (std::vector<std::string>{
                where(text, 4, "{\"kind\": \"linaer\"") +
                    ": scores[0].policy.decay: give the score's decay once: \"half_life\" is short for {\"kind\": "
                    "\"exponential\", \"half_life\": …}",
                where(text, 4, "\"linaer\"") +
                    ": scores[0].policy.decay.kind: unknown decay kind \"linaer\" (did you mean \"linear\"?)",
                where(text, 5, "-1") + ": scores[0].policy.groups[0].cap: \"cap\" must be 0 or more (got -1)",
                where(text, 5, "\"web\"", 2) +
                    ": scores[0].policy.groups[1].name: group \"web\" is declared twice (first at "
                    "scores[0].policy.groups[0])",
                where(text, 6, "\"wbe\"") + ": scores[0].policy.rules[0].group: unknown group \"wbe\" (did you mean \"web\"?)",
                where(text, 7, "{\"trait\"") +
                    ": scores[1].policy.criteria[0]: a criterion has either \"in\" (wanted values) or \"min\" / \"max\" "
                    "(a numeric range), not both",
                where(text, 7, "\"1/2\"") +
                    ": scores[1].policy.criteria[0].adjust: unknown adjustment \"1/2\" (did you mean \"1/3\"?)",
                where(text, 8, "1000]") +
                    ": scores[2].policy.price.steps[1]: price steps go up: 1000 is not above the step before it (5000)",
                where(text, 8, "\"hihg\"") +
                    ": scores[2].policy.competition.hihg: unknown key \"hihg\" (did you mean \"high\"?)",
                where(text, 9, "\"sale\"") + ": scores[3].policy.weights.sale: unknown key \"sale\" (did you mean \"sales\"?)",
                where(text, 11, "E\"") + ": transitions[0].guard: column 6: unknown grade \"E\" (expected F, D-, D, D+, "
                                         "C-, C, C+, B-, B, B+, A-, A or A+)",
            }));
}

TEST(ModelJson, DecayKindsTakeOnlyTheirOwnFields) {
  const std::string text =
      "{\"format\": \"doorway.model\", \"version\": 1, \"name\": \"x\",\n"                                                  // 1
      " \"catalog\": {\"types\": [{\"id\": \"visit\", \"team\": \"marketing\"}]},\n"                                       // 2
      " \"scores\": [{\"name\": \"e\", \"policy\": {\"kind\": \"points\", \"rules\": [], \"groups\": [\n"                  // 3
      "   {\"name\": \"a\", \"decay\": {\"kind\": \"linear\", \"half_life\": \"30d\"}},\n"                                 // 4
      "   {\"name\": \"b\", \"decay\": {\"kind\": \"window\", \"window\": \"0s\"}},\n"                                      // 5
      "   {\"name\": \"c\", \"decay\": {\"kind\": \"exponential\"}}]}}],\n"                                                 // 6
      " \"stages\": [{\"id\": \"a\", \"owner\": \"sales\", \"kind\": \"entry\"}, {\"id\": \"b\", \"owner\": \"sales\", \"kind\": \"won\"}],\n"  // 7
      " \"transitions\": [{\"from\": \"a\", \"to\": \"b\", \"name\": \"go\", \"guard\": \"true\"}]}\n";                    // 8
  const ModelLoadResult r = load_model_json(text, "inline.json");
  EXPECT_EQ(problem_lines(r),
            (std::vector<std::string>{
                // A linear decay has no half-life (and its per_day is missing).
                where(text, 4, "{\"kind\": \"linear\"") +
                    ": scores[0].policy.groups[0].decay: missing \"per_day\" (a number)",
                where(text, 4, "\"half_life\"") +
                    ": scores[0].policy.groups[0].decay.half_life: unknown key \"half_life\" (expected kind, per_day)",
                where(text, 5, "\"0s\"") + ": scores[0].policy.groups[1].decay.window: \"window\" must be more than 0",
                where(text, 6, "{\"kind\": \"exponential\"") +
                    ": scores[0].policy.groups[2].decay: missing \"half_life\" (a duration such as \"30d\")",
            }));
}

TEST(ModelJson, NewPolicyKindsRoundTripAndKeepTheirDefaultsOut) {
  // Only the options that differ from the defaults: fit_grade criteria default
  // their name to the trait; a temperature writes weights and half_life only when
  // set; readiness writes all of its options (its formula in full).
  const std::string text =
      "{\"format\": \"doorway.model\", \"version\": 1, \"name\": \"x\",\n"
      " \"catalog\": {\"types\": [{\"id\": \"visit\", \"team\": \"marketing\"}]},\n"
      " \"scores\": [{\"name\": \"f\", \"policy\": {\"kind\": \"fit_grade\", \"criteria\": [{\"name\": \"industry\", "
      "\"trait\": \"industry\", \"in\": [\"saas\"], \"adjust\": \"2/3\"}, {\"name\": \"big\", \"trait\": \"employees\", "
      "\"min\": 1000, \"adjust\": \"1/3\"}]}},\n"
      "  {\"name\": \"r\", \"policy\": {\"kind\": \"readiness\"}},\n"
      "  {\"name\": \"t\", \"policy\": {\"kind\": \"temperature\"}},\n"
      "  {\"name\": \"p\", \"policy\": {\"kind\": \"points\", \"decay\": {\"kind\": \"exponential\", \"half_life\": "
      "\"7d\"}, \"rules\": [{\"type\": \"visit\", \"points\": 1}]}}],\n"
      " \"stages\": [{\"id\": \"a\", \"owner\": \"sales\", \"kind\": \"entry\"}, {\"id\": \"b\", \"owner\": \"sales\", "
      "\"kind\": \"won\"}],\n"
      " \"transitions\": [{\"from\": \"a\", \"to\": \"b\", \"name\": \"go\", \"guard\": \"f >= B- and t == warm\"}]}\n";
  const ModelLoadResult r = load_model_json(text, "inline.json");
  ASSERT_TRUE(r.ok()) << to_string(r.problems);
  const std::string written = *model_to_json(*r.model);
  EXPECT_NE(written.find("{\"trait\": \"industry\", \"in\": [\"saas\"], \"adjust\": \"2/3\"}"), std::string::npos)
      << written;
  EXPECT_NE(written.find("{\"name\": \"big\", \"trait\": \"employees\", \"min\": 1000, \"adjust\": \"1/3\"}"),
            std::string::npos);
  EXPECT_NE(written.find("\"price\": {\"key\": \"price\", \"steps\": [1000, 10000], \"per_step\": 1}"),
            std::string::npos);
  EXPECT_NE(written.find("\"competition\": {\"key\": \"competition\", \"medium\": 1, \"high\": 2}"),
            std::string::npos);
  EXPECT_EQ(written.find("\"weights\""), std::string::npos);
  // An exponential score decay is written in its short form.
  EXPECT_NE(written.find("\"half_life\": \"7d\""), std::string::npos);
  EXPECT_EQ(written.find("\"decay\""), std::string::npos);
  const ModelLoadResult again = load_model_json(written, "written.json");
  ASSERT_TRUE(again.ok()) << to_string(again.problems);
  EXPECT_EQ(*model_to_json(*again.model), written);
}

}  // namespace
}  // namespace doorway

// --- predictive scores, challengers and accounts (buying_group.json) -------------

namespace doorway {
namespace {

TEST(ModelJsonPredictive, LoadsAndWritesBackTheSameText) {
  const std::string text = read_file("buying_group.json");
  const ModelLoadResult r = load_model_json(text, "buying_group.json");
  ASSERT_TRUE(r.ok()) << to_string(r.problems);
  const Model& m = *r.model;
  ASSERT_EQ(m.scores().size(), 2u);
  const auto* nb = policy_cast<NaiveBayesPolicy>(*m.scores()[1].policy);
  ASSERT_NE(nb, nullptr);
  EXPECT_EQ(nb->features().size(), 4u);
  EXPECT_EQ(nb->features()[3].key, "industry");
  EXPECT_EQ(nb->options().alpha, 0.5);
  // No "positive"/"negative": the defaults the catalog has (deal_won; no order_placed).
  EXPECT_EQ(nb->options().positive, std::vector<TypeId>{*m.catalog().find_type("deal_won")});
  EXPECT_EQ(nb->options().negative, std::vector<TypeId>{*m.catalog().find_type("deal_lost")});
  ASSERT_TRUE(m.scores()[1].challenger);
  const auto* lr = policy_cast<LogisticPolicy>(*m.scores()[1].challenger);
  ASSERT_NE(lr, nullptr);
  EXPECT_EQ(lr->intercept(), -2);
  ASSERT_EQ(lr->terms().size(), 3u);
  EXPECT_EQ(lr->terms()[2].feature.kind, PredictiveFeature::Kind::trait_number);
  EXPECT_EQ(lr->terms()[2].weight, 0.002);
  const AccountsSpec& a = m.accounts();
  ASSERT_EQ(a.rollups.size(), 4u);
  EXPECT_EQ(a.rollups[2].kind, RollupKind::decayed_sum);
  EXPECT_EQ(a.rollups[2].half_life, 14 * kDay);
  EXPECT_EQ(a.rollups[3].roles, (std::vector<std::string>{"decision_maker", "user"}));
  EXPECT_EQ(a.rollups[3].role_trait, "role");
  EXPECT_EQ(a.stage_order.size(), 4u);
  // The file is in canonical form: writing the model gives it back byte for byte.
  const absl::StatusOr<std::string> written = model_to_json(m);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, text);
}

TEST(ModelJsonPredictive, TheExampleRuns) {
  // ann (decision maker) and bob (user) of acme: two visits make each engaged
  // (20 >= 20); at bob's second visit both roles are engaged, so account.coverage
  // holds and bob goes to `group`; ann follows at the next advance().
  const ModelLoadResult r = load("buying_group.json");
  ASSERT_TRUE(r.ok()) << to_string(r.problems);
  Engine e(r.model);
  testing::TouchList t;
  const Property dm[] = {{"role", "decision_maker"}};
  const Property user[] = {{"role", "user"}, {"employees", "500"}};
  t.add_with_id("a0", "ann", testing::T0, "identify").traits = dm;
  t.add_with_id("a1", "ann", testing::T0 + kHour, "visit");
  t.add_with_id("a2", "ann", testing::T0 + 2 * kHour, "visit");
  t.add_with_id("b0", "bob", testing::T0 + 3 * kHour, "identify").traits = user;
  t.add_with_id("b1", "bob", testing::T0 + 4 * kHour, "visit");
  t.add_with_id("b2", "bob", testing::T0 + 5 * kHour, "visit");
  for (Touch& x : t.touches()) x.account_id = "acme";
  e.ingest(t.touches());
  EXPECT_EQ(e.lead("ann")->stage_name, "engaged");
  EXPECT_EQ(e.lead("bob")->stage_name, "group");
  e.advance(testing::T0 + 6 * kHour);
  EXPECT_EQ(e.lead("ann")->stage_name, "group");
  EXPECT_EQ(e.account("acme")->stage, "group");
  // No deal has closed: naive Bayes has no data, 1/2; bob's challenger:
  // σ(−2 + 0.002·500) = σ(−1) = 1 / (1 + e) = 0.268941421.
  const LeadView bob = *e.lead("bob");
  EXPECT_DOUBLE_EQ(*bob.score("win"), 0.5);
  ASSERT_EQ(bob.challengers.size(), 1u);
  EXPECT_NEAR(bob.challengers[0].second, 0.268941421, 1e-9);
}

// tiny.json with its temperature score replaced by a naive Bayes `policy`.
std::string tiny_with(const std::string& policy) {
  std::string text = read_file("tiny.json");
  const std::string heat =
      R"({"kind": "temperature", "warm_enter": 2, "warm_exit": 1, "hot_enter": 4, "hot_exit": 3, "window": "7d"})";
  const std::size_t at = text.find(heat);
  EXPECT_NE(at, std::string::npos);
  return text.replace(at, heat.size(), policy);
}

TEST(ModelJsonPredictive, OutcomeTypesMustExist) {
  // tiny's outcomes are `won` and `lost`: neither default (deal_won, order_placed;
  // deal_lost) is in its catalog, so both lists must be named. Both problems point
  // at the policy object (line 33 of tiny.json, column 17).
  const ModelLoadResult none = load_model_json(tiny_with(R"({"kind": "naive_bayes", "features": ["type:visit"]})"), "nb.json");
  const std::vector<std::string> expected = {
      "nb.json:33:17: scores[1].policy.positive: no \"positive\" outcome types: the catalog has none of deal_won, "
      "order_placed; name them in \"positive\"",
      "nb.json:33:17: scores[1].policy.negative: no \"negative\" outcome types: the catalog has none of deal_lost; "
      "name them in \"negative\"",
  };
  EXPECT_EQ(problem_lines(none), expected);
  const ModelLoadResult named = load_model_json(
      tiny_with(R"({"kind": "naive_bayes", "features": ["type:visit"], "positive": ["won"], "negative": ["lost"]})"),
      "nb.json");
  EXPECT_TRUE(named.ok()) << to_string(named.problems);
  const ModelLoadResult both = load_model_json(
      tiny_with(R"({"kind": "naive_bayes", "features": ["type:visit"], "positive": ["won"], "negative": ["won", "lsot"]})"),
      "nb.json");
  // The "negative" list starts at column 102, "lsot" at column 110 (counted on line 33).
  EXPECT_EQ(problem_lines(both),
            (std::vector<std::string>{
                "nb.json:33:102: scores[1].policy.negative: touch type \"won\" is both a positive and a negative outcome",
                "nb.json:33:110: scores[1].policy.negative[1]: unknown touch type \"lsot\" (did you mean \"lost\"?)"}));
}

TEST(ModelJsonPredictive, EveryMistakeIsLocated) {
  // bad_predictive.json is buying_group.json with seven mistakes; positions found
  // by searching the file's text (columns: characters from the line start; the
  // guard's position is its 21st character, the "a" of account.totl).
  const ModelLoadResult r = load("bad_predictive.json");
  ASSERT_FALSE(r.ok());
  const std::vector<std::string> expected = {
      "bad_predictive.json:39:22: scores[1].policy.features[0]: unknown touch type \"webinr\" in feature "
      "\"type:webinr\" (did you mean \"type:webinar\"?)",
      "bad_predictive.json:39:75: scores[1].policy.features[3]: feature \"trait:employees\" is numeric, but naive "
      "Bayes features are yes/no: write trait:employees=<value>",
      "bad_predictive.json:47:28: scores[1].challenger.weights.channel:phone: expected a number (the feature's "
      "weight), got a string",
      "bad_predictive.json:63:94: transitions[2].guard: column 21: unknown account roll-up \"account.totl\" (did "
      "you mean \"account.total\"?)",
      "bad_predictive.json:69:49: accounts.rollups[0].score: unknown score \"engagment\" (did you mean "
      "\"engagement\"?)",
      "bad_predictive.json:70:32: accounts.rollups[1].kind: unknown roll-up kind \"maxx\" (did you mean \"max\"?)",
      "bad_predictive.json:74:62: accounts.stage.order[1]: unknown stage \"engagd\" (did you mean \"engaged\"?)",
  };
  EXPECT_EQ(problem_lines(r), expected);
}

}  // namespace
}  // namespace doorway
