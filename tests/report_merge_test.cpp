// The scale-out contract: N engines over a lead-hash partition of the same
// touches, advanced to the same time, give once merged (in any order) exactly the
// report of one engine over all of them — compared field by field with ==, and
// through the JSON form. Also: merging reports of different journeys or options
// fails and leaves the report unchanged.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "doorway/model_json.hpp"
#include "doorway/report/report.hpp"
#include "doorway/report/report_json.hpp"

namespace doorway {
namespace {

// FNV-1a: the partition function a deployment would use (any function of the
// lead id alone keeps each lead's touches in one engine).
std::uint64_t lead_hash(std::string_view id) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

struct Partitioned {
  Report whole;
  std::array<Report, 3> parts;
};

Partitioned run(const ReportOptions& options, std::uint64_t leads) {
  GenerateOptions g;
  g.seed = 11;
  g.leads = leads;
  g.end = kDefaultGenerateStart + 200 * kDay;  // journeys in flight at the cut
  const std::vector<OwnedTouch> touches = generate_touches(g);
  std::vector<Touch> all;
  std::array<std::vector<Touch>, 3> split;
  for (const OwnedTouch& t : touches) {
    all.push_back(t.view());
    split[lead_hash(t.view().lead_id) % 3].push_back(t.view());
  }
  const Timestamp as_of = g.end + kDay;
  Engine one(default_model());
  one.ingest(all);
  one.advance(as_of);
  Partitioned p;
  p.whole = build_report(one, options);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_FALSE(split[i].empty());
    Engine e(default_model());
    e.ingest(split[i]);
    e.advance(as_of);
    p.parts[i] = build_report(e, options);
  }
  return p;
}

void expect_same(const Report& a, const Report& b) {
  // Field by field first, so a failure says where.
  EXPECT_EQ(a.leads, b.leads);
  EXPECT_EQ(a.touches, b.touches);
  EXPECT_EQ(a.outcome_touches, b.outcome_touches);
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t i = 0; i < a.stages.size(); ++i) {
    const StageReport& x = a.stages[i];
    const StageReport& y = b.stages[i];
    EXPECT_EQ(x.leads, y.leads) << x.stage;
    EXPECT_EQ(x.entries, y.entries) << x.stage;
    EXPECT_EQ(x.exits, y.exits) << x.stage;
    EXPECT_EQ(x.current, y.current) << x.stage;
    EXPECT_EQ(x.moved_forward, y.moved_forward) << x.stage;
    EXPECT_EQ(x.won_after, y.won_after) << x.stage;
    EXPECT_EQ(x.lost_after, y.lost_after) << x.stage;
    EXPECT_EQ(x.reached, y.reached) << x.stage;
    EXPECT_EQ(x.time_in_stage, y.time_in_stage) << x.stage;
    EXPECT_EQ(x.touches_before, y.touches_before) << x.stage;
    EXPECT_EQ(x.touches_before_total, y.touches_before_total) << x.stage;
  }
  EXPECT_EQ(a.transitions, b.transitions);
  EXPECT_EQ(a.outcomes, b.outcomes);
  EXPECT_EQ(a.handoffs, b.handoffs);
  EXPECT_EQ(a.teams, b.teams);
  EXPECT_EQ(a.unowned_touches, b.unowned_touches);
  EXPECT_EQ(a.channels, b.channels);
  EXPECT_EQ(a.new_leads, b.new_leads);
  EXPECT_EQ(a.handoffs_by_bucket, b.handoffs_by_bucket);
  EXPECT_EQ(a.won_by_bucket, b.won_by_bucket);
  EXPECT_EQ(a.as_of, b.as_of);
  EXPECT_TRUE(a == b);
  EXPECT_EQ(report_to_json(a), report_to_json(b));
}

TEST(ReportMerge, ThreePartitionsEqualOneEngine) {
  const Partitioned p = run(ReportOptions{}, 2000);
  // The stream is big enough that the partition is not trivial.
  EXPECT_GT(p.whole.handoffs.handoffs, 100u);
  EXPECT_GT(p.whole.outcomes.won, 10u);
  EXPECT_GT(p.whole.handoffs.sla_breached, 0u);
  for (const auto& order : std::vector<std::array<int, 3>>{{0, 1, 2}, {2, 0, 1}, {1, 2, 0}}) {
    Report merged = p.parts[order[0]];
    ASSERT_TRUE(merged.merge(p.parts[order[1]]).ok());
    ASSERT_TRUE(merged.merge(p.parts[order[2]]).ok());
    expect_same(merged, p.whole);
  }
  // A tree of merges: (0 + 1) + (2 + empty).
  Report left = p.parts[0];
  ASSERT_TRUE(left.merge(p.parts[1]).ok());
  ReportBuilder empty(*default_model());
  Report right = empty.report();
  ASSERT_TRUE(right.merge(p.parts[2]).ok());
  ASSERT_TRUE(left.merge(right).ok());
  expect_same(left, p.whole);
}

TEST(ReportMerge, SketchesPastTheExactLimitMergeExactly) {
  // A limit of 16 values puts every busy stage's summary in sketch mode, in the
  // parts and in the whole; merged sketches must still equal the whole's.
  ReportOptions o;
  o.exact_limit = 16;
  const Partitioned p = run(o, 600);
  EXPECT_FALSE(p.whole.stage("subscriber")->time_in_stage.exact());
  EXPECT_FALSE(p.whole.handoffs.response_time.exact());
  Report merged = p.parts[1];
  ASSERT_TRUE(merged.merge(p.parts[0]).ok());
  ASSERT_TRUE(merged.merge(p.parts[2]).ok());
  expect_same(merged, p.whole);
}

TEST(ReportMerge, JsonRoundTripThenMerge) {
  // Write each part as JSON, read it back, merge: the same report again (this is
  // what `doorway report a.json b.json c.json` does).
  const Partitioned p = run(ReportOptions{}, 800);
  Report merged;
  for (std::size_t i = 0; i < 3; ++i) {
    absl::StatusOr<Report> back = report_from_json(report_to_json(p.parts[i]), "part.json");
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_TRUE(*back == p.parts[i]) << "part " << i;
    if (i == 0) {
      merged = *back;
    } else {
      ASSERT_TRUE(merged.merge(*back).ok());
    }
  }
  expect_same(merged, p.whole);
}

TEST(ReportMerge, DifferentJourneysOrOptionsDoNotMerge) {
  ReportBuilder a(*default_model());
  Report r = a.report();
  const Report before = r;

  ReportOptions monthly;
  monthly.bucket = 30 * kDay;
  ReportBuilder b(*default_model(), monthly);
  absl::Status s = r.merge(b.report());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(s.message()).find("different options"), std::string::npos) << s;
  EXPECT_TRUE(r == before);

  // The tiny model of the model-file tests: 7 stages, not 11.
  const auto tiny = load_model_json(R"({"format": "doorway.model", "version": 1, "name": "two",
    "catalog": {"types": [{"id": "go", "kind": "contact", "team": "marketing"}]},
    "stages": [{"id": "start", "owner": "marketing", "kind": "entry"}, {"id": "done", "owner": "sales", "kind": "won"}],
    "transitions": [{"from": "start", "to": "done", "name": "go", "guard": "type == go"}]})",
                                    "two.json");
  ASSERT_TRUE(tiny.model) << to_string(tiny.problems);
  ReportBuilder c(*tiny.model);
  s = r.merge(c.report());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(s.message()).find("11 stages vs 2"), std::string::npos) << s;
  EXPECT_TRUE(r == before);
}

}  // namespace
}  // namespace doorway
