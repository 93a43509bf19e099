// The HTML report's content from a report built by hand: which stages the funnel
// shows and their conversions, how flow links are classed, the ledger and the
// optional sections. Expected values worked out by hand from the definitions in
// include/doorway/report/report_html.hpp. (tests/html/check_report.py renders the
// command's report in Chromium.)
#include <gtest/gtest.h>

#include <string>

#include "doorway/report/report_html.hpp"

namespace doorway {
namespace {

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
  return n;
}

StageReport stage(std::string name, StageKind kind, Team owner, std::uint64_t leads) {
  StageReport s;
  s.stage = std::move(name);
  s.kind = kind;
  s.owner = owner;
  s.leads = leads;
  s.reached.assign(5, 0);
  return s;
}

TransitionCount move(std::string from, std::string to, TransitionKind kind, std::uint64_t n) {
  TransitionCount t;
  t.from = std::move(from);
  t.to = std::move(to);
  t.name = t.from + "_" + t.to;
  t.kind = kind;
  t.count = n;
  return t;
}

// subscriber(entry) → lead → sal, with sal → nurture (recycle), nurture → sal
// (forward, re-handoff), sal → lost (detour). 5 subscribers, 4 reach lead, 2 reach
// sal from lead: the funnel is subscriber 5, lead 4 (4/5 = 80%), sal 2 (2/4 = 50%).
Report hand_report() {
  Report r;
  r.model = "hand <model>";
  r.as_of = 0;
  r.leads = 5;
  r.stages = {stage("subscriber", StageKind::entry, Team::marketing, 5),
              stage("lead", StageKind::inventory, Team::marketing, 4),
              stage("sal", StageKind::sla, Team::sales, 2),
              stage("nurture", StageKind::inventory, Team::marketing, 1),
              stage("lost", StageKind::lost, Team::sales, 1)};
  r.stages[0].reached[1] = 4;
  r.stages[0].reached[2] = 2;
  r.stages[1].reached[2] = 2;
  r.transitions = {move("subscriber", "lead", TransitionKind::forward, 4),
                   move("lead", "sal", TransitionKind::forward, 2),
                   move("sal", "nurture", TransitionKind::recycle, 1),
                   move("nurture", "sal", TransitionKind::forward, 1),
                   move("sal", "lost", TransitionKind::detour, 1),
                   move("lead", "lost", TransitionKind::detour, 0)};  // never taken: no link
  r.handoffs.handoffs = 3;
  r.handoffs.leads = 2;
  r.handoffs.accepted = 1;
  r.handoffs.rejected = 1;
  r.handoffs.pending = 1;
  return r;
}

TEST(ReportHtml, FunnelShowsForwardStagesWithConversionFromTheStepBefore) {
  const std::string page = report_to_html(hand_report());
  // subscriber, lead, sal: nurture is reached only by a recycle, lost is a loss.
  EXPECT_EQ(count(page, "class=\"bar band\""), 3u);
  EXPECT_NE(page.find("↓ 80%"), std::string::npos);
  EXPECT_NE(page.find("↓ 50%"), std::string::npos);
  EXPECT_NE(page.find("<title>subscriber: 5</title>"), std::string::npos);
  const auto begin = page.find("id=\"funnel-chart\"");
  ASSERT_NE(begin, std::string::npos);
  const std::string funnel = page.substr(begin, page.find("</svg>", begin) - begin);
  EXPECT_EQ(funnel.find("nurture"), std::string::npos);
  EXPECT_EQ(funnel.find("lost"), std::string::npos);
}

TEST(ReportHtml, FlowClassesRecyclesBackwardMovesAndLosses) {
  const std::string page = report_to_html(hand_report());
  // Columns: subscriber 0, lead 1, sal 2 (forward chain); nurture 3 (one right of
  // its source sal), lost 3. Links: subscriber→lead and lead→sal forward;
  // sal→nurture (recycle) and nurture→sal (to an earlier column) backward; sal→lost
  // a loss; lead→lost was never taken.
  EXPECT_EQ(count(page, "class=\"link forward\""), 2u);
  EXPECT_EQ(count(page, "class=\"link backward\""), 2u);
  EXPECT_EQ(count(page, "class=\"link loss\""), 1u);
  EXPECT_NE(page.find("sal → lost: 1"), std::string::npos);
  EXPECT_EQ(page.find("lead → lost"), std::string::npos);
}

TEST(ReportHtml, LedgerHeadlineAndEscaping) {
  const std::string page = report_to_html(hand_report());
  EXPECT_NE(page.find("<title>doorway report — hand &lt;model&gt;</title>"), std::string::npos);
  // 1 of 3 handoffs accepted: 33.3%.
  EXPECT_NE(page.find("<th>accepted</th><td class=\"num\">1</td><td>33.3% of handoffs</td>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("id=\"attribution\""), std::string::npos);  // no attribution asked for
}

TEST(ReportHtml, OptionalSectionsAppearWhenGiven) {
  HtmlReportOptions o;
  o.generator = "doorway test";
  o.blockers = {{"lead", "mql", "engagement >= 40", 7, false}};
  o.attribution_title = "Attribution — last touch";
  o.attribution = {{"email", 2.5}, {"search", 1}};
  const std::string page = report_to_html(hand_report(), o);
  EXPECT_NE(page.find("<code>engagement &gt;= 40</code></td><td class=\"num\">7</td>"), std::string::npos);
  EXPECT_NE(page.find("id=\"attribution-chart\""), std::string::npos);
  // Bar area 360 px: email 2.5 is the largest → 360; search 1 → 144.
  EXPECT_NE(page.find("width=\"144\""), std::string::npos);
  EXPECT_NE(page.find("Generated by doorway test."), std::string::npos);
}

TEST(ReportHtml, FindingsOfOneCodeAboutSeveralSubjectsFoldIntoOne) {
  // Marketing on "a" every week 0..9 (10 touches a week); "b" and "c" only in weeks
  // 0 and 1 (10 each): both are silent for the last 8 weeks while "a" goes on, at
  // least max_gap_buckets (3), with 20 touches each (min_channel_touches 20):
  // cadence.stopped for b and for c, shown as one finding naming both (channels by
  // touches, then name), b's sentence first and c's folded away.
  Report r = hand_report();
  for (std::int64_t w = 0; w < 10; ++w) r.channels["a"][w] = 10;
  r.channels["b"] = {{0, 10}, {1, 10}};
  r.channels["c"] = {{0, 10}, {1, 10}};
  r.touches.marketing = 140;
  const std::string page = report_to_html(r);
  EXPECT_NE(page.find("<strong>cadence.stopped — b, c</strong>"), std::string::npos);
  EXPECT_EQ(count(page, "cadence.stopped"), 1u);
  EXPECT_NE(page.find("<summary>1 more</summary>"), std::string::npos);
}

}  // namespace
}  // namespace doorway
