// The "top explanations" tally: which clause keeps how many leads from their next
// stage. Expected tallies worked out by hand from the default model's guards.
#include <gtest/gtest.h>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/report/blockers.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::T0;
using testing::TouchList;

// ann, bob: one website visit each → still subscriber (1 touch is cold; 2 points is
// below 40), so both wait on subscriber → lead "temperature >= warm or engagement
// >= 40": both clauses fail.
// cat: a demo request → handed off to sal; sal's next step by stage order is sql
// (before customer), and of the two transitions to sql `accepted` is tried first:
// it waits for a sales_accepted touch.
// eve: cold call → sal, phone call → sql, deal lost → lost: no forward transition
// out of lost, so no blocker.
TouchList stream() {
  TouchList list;
  list.add("ann", T0, "website_visit");
  list.add("bob", T0 + kHour, "website_visit");
  list.add("cat", T0, "demo_request");
  list.add("eve", T0, "cold_call");
  list.add("eve", T0 + kHour, "phone_call");
  list.add("eve", T0 + 2 * kHour, "deal_lost");
  return list;
}

TEST(Blockers, CountLeadsPerFailingClausesOfTheNextStep) {
  TouchList list = stream();
  Engine e(default_model());
  e.ingest(list.touches());
  ASSERT_EQ(e.lead("eve")->stage_name, "lost");
  BlockerTally tally;
  tally.add(e, e.now());
  const std::vector<Blocker> expected = {
      {"subscriber", "lead", "temperature >= warm, engagement >= 40", 2, false},
      {"sal", "sql", "type == sales_accepted", 1, true},
  };
  EXPECT_EQ(tally.top(10), expected);
  EXPECT_EQ(tally.total(), 3u);
  // The limit keeps the largest.
  EXPECT_EQ(tally.top(1), std::vector<Blocker>(expected.begin(), expected.begin() + 1));
}

TEST(Blockers, TalliesOfAPartitionMergeToTheTallyOfOneEngine) {
  TouchList list = stream();
  Engine all(default_model());
  all.ingest(list.touches());
  Engine left(default_model()), right(default_model());
  for (const Touch& t : list.touches()) {
    (t.lead_id == "ann" || t.lead_id == "cat" ? left : right).ingest(t);
  }
  BlockerTally one, merged, other;
  one.add(all, all.now());
  merged.add(left, all.now());
  other.add(right, all.now());
  merged.merge(other);
  EXPECT_EQ(merged.top(10), one.top(10));
  EXPECT_EQ(merged.total(), one.total());
}

}  // namespace
}  // namespace doorway
