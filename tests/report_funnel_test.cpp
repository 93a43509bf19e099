// The report's funnel, handoff ledger, outcomes and workload on four hand-worked
// leads run through the default model. Every expected value below was worked out
// by hand from the default model's rules (README "The default model"); the
// derivation is written next to it.
//
//   t0 = 2026-01-05T09:00Z (a Monday); all touches fall in that ISO week.
//   ann: webinar_attended t0, demo_request t0+1h   -> subscriber -> sal (door_touch,
//        handoff) ; nobody answers: SLA (48 h) breached at t0+49h -> nurture
//   bob: cold_call t0 -> subscriber -> sal (sales_sourced handoff); phone_call
//        t0+2h -> sql (conversation: accepted, answered in 2 h); proposal_sent
//        t0+1d -> opportunity; deal_won t0+3d -> customer
//   cat: sales_letter t0, order_placed t0+1d -> subscriber -> customer (purchase,
//        no handoff: marketing-closed)
//   dan: website_visit t0, t0+1d, t0+2d -> lead at the third (warm at 3 touches);
//        demo_request t0+3d -> sal (door_touch handoff); sales_rejected t0+3d+5h ->
//        nurture (rejected, answered in 5 h)
//   The engine is then advanced to t0+10d.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/report/report.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::T0;
using testing::TouchList;

Report scenario_report() {
  TouchList l;
  l.add("ann", T0, "webinar_attended");
  l.add("ann", T0 + kHour, "demo_request");
  l.add("bob", T0, "cold_call");
  l.add("bob", T0 + 2 * kHour, "phone_call");
  l.add("bob", T0 + kDay, "proposal_sent");
  l.add("bob", T0 + 3 * kDay, "deal_won");
  l.add("cat", T0, "sales_letter");
  l.add("cat", T0 + kDay, "order_placed").value = 99;
  l.add("dan", T0, "website_visit");
  l.add("dan", T0 + kDay, "website_visit");
  l.add("dan", T0 + 2 * kDay, "website_visit");
  l.add("dan", T0 + 3 * kDay, "demo_request");
  l.add("dan", T0 + 3 * kDay + 5 * kHour, "sales_rejected");
  Engine engine(default_model());
  const IngestResult r = engine.ingest(l.touches());
  EXPECT_EQ(r.accepted, 13u);
  engine.advance(T0 + 10 * kDay);
  return build_report(engine);
}

TEST(ReportFunnel, StagesInJourneyOrder) {
  const Report r = scenario_report();
  const std::vector<std::string> expected = {"subscriber", "lead", "mql", "sal", "sql", "opportunity",
                                             "customer", "advocate", "nurture", "disqualified", "lost"};
  ASSERT_EQ(r.stages.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(r.stages[i].stage, expected[i]);
  EXPECT_EQ(r.model, "doorway-default");
  EXPECT_EQ(r.as_of, T0 + 10 * kDay);
  EXPECT_EQ(r.leads, 4u);
}

TEST(ReportFunnel, SubscriberStage) {
  const Report r = scenario_report();
  const StageReport& s = *r.stage("subscriber");
  // All four enter at their first touch and all leave it by a forward move
  // (door_touch, sales_sourced, purchase, warmed).
  EXPECT_EQ(s.leads, 4u);
  EXPECT_EQ(s.entries, 4u);
  EXPECT_EQ(s.exits, 4u);
  EXPECT_EQ(s.current, 0u);
  EXPECT_EQ(s.moved_forward, 4u);
  EXPECT_DOUBLE_EQ(s.conversion(), 1.0);
  EXPECT_EQ(s.won_after, 2u);  // bob, cat
  EXPECT_EQ(s.lost_after, 0u);
  // Stays: ann 1 h, bob 0, cat 1 d, dan 2 d -> sorted {0, 1h, 1d, 2d}: median is
  // rank ceil(0.5*4) = 2 -> 1 h; p90 is rank ceil(0.9*4) = 4 -> 2 d.
  EXPECT_EQ(s.time_in_stage.count(), 4u);
  EXPECT_EQ(*s.time_in_stage.median(), kHour);
  EXPECT_EQ(*s.time_in_stage.p90(), 2 * kDay);
  // One touch each at t0: webinar, sales_letter, website_visit (marketing), cold_call (sales).
  EXPECT_EQ(s.touches_before.marketing, 3u);
  EXPECT_EQ(s.touches_before.sales, 1u);
  EXPECT_EQ(*s.touches_before_total.median(), 1);
  // Later stages: ann sal, nurture; bob sal, sql, opportunity, customer; cat
  // customer; dan lead, sal, nurture.
  const auto at = [&](const char* name) { return s.reached[*default_model()->journey().find_stage(name)]; };
  EXPECT_EQ(at("sal"), 3u);
  EXPECT_EQ(at("nurture"), 2u);
  EXPECT_EQ(at("customer"), 2u);
  EXPECT_EQ(at("lead"), 1u);
  EXPECT_EQ(at("sql"), 1u);
  EXPECT_EQ(at("opportunity"), 1u);
  EXPECT_EQ(at("mql"), 0u);
  EXPECT_EQ(at("subscriber"), 0u);
}

TEST(ReportFunnel, SalesStages) {
  const Report r = scenario_report();
  const StageReport& sal = *r.stage("sal");
  EXPECT_EQ(sal.leads, 3u);  // ann, bob, dan
  EXPECT_EQ(sal.entries, 3u);
  EXPECT_EQ(sal.exits, 3u);
  EXPECT_EQ(sal.current, 0u);
  EXPECT_EQ(sal.moved_forward, 1u);  // bob only; ann and dan were recycled
  EXPECT_EQ(sal.won_after, 1u);      // bob
  // Stays: ann 48 h (to the SLA), bob 2 h, dan 5 h -> {2h, 5h, 48h}: median rank 2
  // -> 5 h, p90 rank ceil(2.7) = 3 -> 48 h.
  EXPECT_EQ(*sal.time_in_stage.median(), 5 * kHour);
  EXPECT_EQ(*sal.time_in_stage.p90(), 48 * kHour);
  // Touches at or before entering: ann webinar + demo_request = 2 marketing; bob
  // cold_call = 1 sales; dan 3 visits + demo_request = 4 marketing.
  EXPECT_EQ(sal.touches_before.marketing, 6u);
  EXPECT_EQ(sal.touches_before.sales, 1u);
  EXPECT_EQ(sal.touches_before_total.samples(), (std::vector<std::int64_t>{1, 2, 4}));

  const StageReport& sql = *r.stage("sql");
  EXPECT_EQ(sql.leads, 1u);
  EXPECT_EQ(*sql.time_in_stage.median(), 22 * kHour);  // t0+2h .. t0+1d
  EXPECT_EQ(sql.touches_before.sales, 2u);             // cold_call, phone_call
  const StageReport& opp = *r.stage("opportunity");
  EXPECT_EQ(*opp.time_in_stage.median(), 2 * kDay);  // t0+1d .. t0+3d
  EXPECT_EQ(opp.moved_forward, 1u);                  // won is a forward transition
  EXPECT_EQ(opp.touches_before.sales, 3u);           // + proposal_sent

  const StageReport& lead = *r.stage("lead");
  EXPECT_EQ(lead.leads, 1u);
  EXPECT_EQ(*lead.time_in_stage.median(), kDay);  // t0+2d .. t0+3d
  EXPECT_EQ(lead.touches_before.marketing, 3u);
  EXPECT_EQ(r.stage("mql")->leads, 0u);
  EXPECT_TRUE(r.stage("mql")->time_in_stage.empty());
}

TEST(ReportFunnel, TerminalAndRecycleStages) {
  const Report r = scenario_report();
  const StageReport& customer = *r.stage("customer");
  EXPECT_EQ(customer.leads, 2u);
  EXPECT_EQ(customer.current, 2u);
  EXPECT_EQ(customer.exits, 0u);
  EXPECT_EQ(customer.won_after, 2u);  // a won stage counts itself
  EXPECT_TRUE(customer.time_in_stage.empty());  // nobody left it
  // bob: cold_call, phone_call, proposal_sent (deal_won is an outcome, not a
  // contact); cat: sales_letter (order_placed is an outcome).
  EXPECT_EQ(customer.touches_before.sales, 3u);
  EXPECT_EQ(customer.touches_before.marketing, 1u);
  const StageReport& nurture = *r.stage("nurture");
  EXPECT_EQ(nurture.leads, 2u);  // ann, dan
  EXPECT_EQ(nurture.current, 2u);
  for (const StageReport& s : r.stages) EXPECT_EQ(s.entries, s.exits + s.current) << s.stage;
}

TEST(ReportFunnel, TransitionsTaken) {
  const Report r = scenario_report();
  auto count = [&](const char* from, const char* to, const char* name) {
    for (const TransitionCount& t : r.transitions) {
      if (t.from == from && t.to == to && t.name == name) return t.count;
    }
    ADD_FAILURE() << "no transition " << from << " -> " << to << " " << name;
    return std::uint64_t{0};
  };
  EXPECT_EQ(count("subscriber", "sal", "door_touch"), 1u);     // ann
  EXPECT_EQ(count("subscriber", "sal", "sales_sourced"), 1u);  // bob
  EXPECT_EQ(count("subscriber", "customer", "purchase"), 1u);  // cat
  EXPECT_EQ(count("subscriber", "lead", "warmed"), 1u);        // dan
  EXPECT_EQ(count("lead", "sal", "door_touch"), 1u);           // dan
  EXPECT_EQ(count("sal", "sql", "conversation"), 1u);          // bob
  EXPECT_EQ(count("sal", "sql", "accepted"), 0u);
  EXPECT_EQ(count("sal", "nurture", "rejected"), 1u);          // dan
  EXPECT_EQ(count("sal", "nurture", "sla_breached"), 1u);      // ann
  EXPECT_EQ(count("sql", "opportunity", "proposal"), 1u);
  EXPECT_EQ(count("opportunity", "customer", "won"), 1u);
  std::uint64_t total = 0;
  for (const TransitionCount& t : r.transitions) total += t.count;
  EXPECT_EQ(total, 10u);  // ann 2 moves, bob 4, cat 1, dan 3
}

TEST(ReportFunnel, OutcomesAndHandoffs) {
  const Report r = scenario_report();
  EXPECT_EQ(r.outcomes.won, 2u);
  EXPECT_EQ(r.outcomes.lost, 0u);
  EXPECT_EQ(r.outcomes.open, 2u);
  EXPECT_EQ(r.outcomes.won_after_handoff, 1u);    // bob
  EXPECT_EQ(r.outcomes.won_without_handoff, 1u);  // cat
  EXPECT_DOUBLE_EQ(r.outcomes.win_rate(), 1.0);

  const HandoffLedger& h = r.handoffs;
  EXPECT_EQ(h.handoffs, 3u);
  EXPECT_EQ(h.leads, 3u);
  EXPECT_EQ(h.re_handoffs, 0u);
  EXPECT_EQ(h.accepted, 1u);      // bob
  EXPECT_EQ(h.rejected, 1u);      // dan
  EXPECT_EQ(h.sla_breached, 1u);  // ann
  EXPECT_EQ(h.pending, 0u);
  EXPECT_EQ(h.sales_sourced, 1u);      // bob's cold call
  EXPECT_EQ(h.marketing_sourced, 2u);  // ann's and dan's demo requests
  EXPECT_EQ(h.response_time.samples(), (std::vector<std::int64_t>{2 * kHour, 5 * kHour}));
}

TEST(ReportFunnel, WorkloadAndActivity) {
  const Report r = scenario_report();
  // Contacts: marketing = ann 2 + cat 1 + dan 4; sales = bob 3. Outcomes:
  // order_placed (marketing), deal_won and sales_rejected (sales).
  EXPECT_EQ(r.touches.marketing, 7u);
  EXPECT_EQ(r.touches.sales, 3u);
  EXPECT_EQ(r.touches.unknown, 0u);
  EXPECT_EQ(r.outcome_touches, 3u);
  const TeamWorkload& m = r.team(Team::marketing);
  const TeamWorkload& s = r.team(Team::sales);
  EXPECT_EQ(m.touches, 7u);
  EXPECT_EQ(m.outcomes, 1u);
  EXPECT_EQ(s.outcomes, 2u);
  EXPECT_EQ(m.leads_touched, 3u);  // ann, cat, dan
  EXPECT_EQ(s.leads_touched, 1u);  // bob (dan's rejection is an outcome, not a contact)
  EXPECT_EQ(m.leads_owned, 4u);    // nurture, customer, customer, nurture
  EXPECT_EQ(s.leads_owned, 0u);
  // Entries into marketing stages: subscriber 4, lead 1, customer 2, nurture 2;
  // into sales stages: sal 3, sql 1, opportunity 1.
  EXPECT_EQ(m.stage_entries, 9u);
  EXPECT_EQ(s.stage_entries, 5u);
  EXPECT_TRUE(r.unowned_touches.empty());
  // Marketing contacts (door touches excluded) by the type's default channel; all
  // in t0's week.
  const std::int64_t week = r.options.bucket_of(T0);
  EXPECT_EQ(r.options.bucket_start(week), T0 - 9 * kHour);  // Monday 00:00Z
  ASSERT_EQ(r.channels.size(), 3u);
  EXPECT_EQ(r.channels.at("webinar"), (BucketCounts{{week, 1}}));
  EXPECT_EQ(r.channels.at("direct_mail"), (BucketCounts{{week, 1}}));
  EXPECT_EQ(r.channels.at("website"), (BucketCounts{{week, 3}}));
  EXPECT_EQ(r.new_leads, (BucketCounts{{week, 4}}));
  EXPECT_EQ(r.handoffs_by_bucket, (BucketCounts{{week, 3}}));
  EXPECT_EQ(r.won_by_bucket, (BucketCounts{{week, 2}}));
}

TEST(ReportFunnel, RehandoffAndPending) {
  // eve knocks (demo_request t0 -> sal), the SLA passes (t0+48h -> nurture); three
  // website visits there (t0+3d, 3d+1h, 3d+2h) make her warm and requalify her to
  // mql; a contact_request at t0+4d hands her off again, and nobody has answered
  // by t0+5d (deadline t0+6d): one re-handoff, one pending.
  TouchList l;
  l.add("eve", T0, "demo_request");
  l.add("eve", T0 + 3 * kDay, "website_visit");
  l.add("eve", T0 + 3 * kDay + kHour, "website_visit");
  l.add("eve", T0 + 3 * kDay + 2 * kHour, "website_visit");
  l.add("eve", T0 + 4 * kDay, "contact_request");
  Engine engine(default_model());
  engine.ingest(l.touches());
  engine.advance(T0 + 5 * kDay);
  const Report r = build_report(engine);
  const HandoffLedger& h = r.handoffs;
  EXPECT_EQ(h.handoffs, 2u);
  EXPECT_EQ(h.leads, 1u);
  EXPECT_EQ(h.re_handoffs, 1u);
  EXPECT_EQ(h.sla_breached, 1u);
  EXPECT_EQ(h.pending, 1u);
  EXPECT_EQ(h.accepted + h.rejected + h.sla_breached + h.pending, h.handoffs);
  EXPECT_TRUE(h.response_time.empty());
  const StageReport& sal = *r.stage("sal");
  EXPECT_EQ(sal.leads, 1u);  // one lead …
  EXPECT_EQ(sal.entries, 2u);  // … entered twice
  EXPECT_EQ(sal.current, 1u);
  EXPECT_EQ(sal.reached[*default_model()->journey().find_stage("sal")], 1u);  // sal, later sal again
  EXPECT_EQ(r.stage("mql")->leads, 1u);
  EXPECT_EQ(r.outcomes.open, 1u);
}

TEST(ReportFunnel, BadOptionsAreRejected) {
  ReportOptions o;
  o.bucket = 0;
  EXPECT_FALSE(check_report_options(o).ok());
  EXPECT_THROW(ReportBuilder(*default_model(), o), std::invalid_argument);
  o = ReportOptions{};
  o.exact_limit = 0;
  EXPECT_NE(std::string(check_report_options(o).message()).find("exact_limit"), std::string::npos);
}

}  // namespace
}  // namespace doorway
