// Diagnoses on small hand-made reports: each finding is triggered, and not
// triggered just the other side of its threshold. The shares in the comments are
// worked out by hand from the counts set in each test.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/report/diagnose.hpp"

namespace doorway {
namespace {

Report empty_report() { return ReportBuilder(*default_model()).report(); }

std::vector<std::string> codes(const std::vector<Finding>& findings, std::string_view topic) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    if (f.topic == topic) out.push_back(f.code);
  }
  return out;
}

const Finding* find(const std::vector<Finding>& findings, std::string_view code, std::string_view subject = {}) {
  for (const Finding& f : findings) {
    if (f.code == code && (subject.empty() || f.subject == subject)) return &f;
  }
  return nullptr;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// 100 handoffs: 60 accepted, 10 rejected, 25 breached, 5 pending; 90 sourced by
// marketing; 40 handed-off leads closed, 20 won.
Report balanced_base() {
  Report r = empty_report();
  r.leads = 1000;
  HandoffLedger& h = r.handoffs;
  h.handoffs = 100;
  h.leads = 100;
  h.accepted = 75;
  h.rejected = 10;
  h.sla_breached = 10;
  h.pending = 5;
  h.marketing_sourced = 90;
  h.sales_sourced = 10;
  r.outcomes.won_after_handoff = 20;
  r.outcomes.lost_after_handoff = 20;
  return r;
}

TEST(DiagnoseBalance, TooLittleData) {
  Report r = balanced_base();
  r.handoffs.handoffs = 19;
  std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "balance"), std::vector<std::string>{"balance.too_little_data"});
  EXPECT_TRUE(contains(find(f, "balance.too_little_data")->sentence, "19 (at least 20 are needed)"));
  r.handoffs.handoffs = 20;
  EXPECT_EQ(codes(diagnose(r), "balance"), std::vector<std::string>{"balance.balanced"});
}

TEST(DiagnoseBalance, Balanced) {
  // resolved = 75 + 10 + 10 = 95: breach 10/95 = 10.5% <= 20%; rejected 10/85 =
  // 11.8% <= 30%; win rate 20/40 = 50% >= 20%; sales-sourced 10% <= 50%.
  const std::vector<Finding> f = diagnose(balanced_base());
  EXPECT_EQ(codes(f, "balance"), std::vector<std::string>{"balance.balanced"});
  const Finding& b = *find(f, "balance.balanced");
  EXPECT_EQ(b.severity, Severity::info);
  EXPECT_TRUE(contains(b.sentence, "100 handoffs from 1000 leads (10% of leads handed off)")) << b.sentence;
  EXPECT_TRUE(contains(b.sentence, "89.5% of those with an outcome answered within the SLA")) << b.sentence;
  EXPECT_DOUBLE_EQ(b.figure("breach_share")->value, 10.0 / 95.0);
  EXPECT_DOUBLE_EQ(b.figure("win_rate_after_handoff")->value, 0.5);
}

TEST(DiagnoseBalance, SalesConstraintFromBreaches) {
  Report r = balanced_base();
  // 25 breached, 60 accepted: resolved 95, breach 25/95 = 26.3% > 20%.
  r.handoffs.accepted = 60;
  r.handoffs.sla_breached = 25;
  std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "balance"), std::vector<std::string>{"balance.sales_constraint"});
  const Finding& s = *find(f, "balance.sales_constraint");
  EXPECT_EQ(s.severity, Severity::warning);
  EXPECT_TRUE(contains(s.sentence, "25 of 95 handoffs with an outcome (26.3%) waited past their SLA")) << s.sentence;
  // 19 of 95 = 20% exactly: not above the threshold.
  r.handoffs.accepted = 66;
  r.handoffs.sla_breached = 19;
  EXPECT_EQ(codes(diagnose(r), "balance"), std::vector<std::string>{"balance.balanced"});
}

TEST(DiagnoseBalance, SalesConstraintFromWeakClosing) {
  Report r = balanced_base();
  // 3 won of 20 closed = 15% < 20%.
  r.outcomes.won_after_handoff = 3;
  r.outcomes.lost_after_handoff = 17;
  std::vector<Finding> f = diagnose(r);
  ASSERT_NE(find(f, "balance.sales_constraint"), nullptr);
  EXPECT_TRUE(contains(find(f, "balance.sales_constraint")->sentence,
                       "only 3 of 20 handed-off leads that closed were won (15%)"));
  // 2 of 9 closed: too few closed leads to judge the win rate (min_closed 10).
  r.outcomes.won_after_handoff = 2;
  r.outcomes.lost_after_handoff = 7;
  EXPECT_EQ(codes(diagnose(r), "balance"), std::vector<std::string>{"balance.balanced"});
  // 4 of 20 = 20%: not below.
  r.outcomes.won_after_handoff = 4;
  r.outcomes.lost_after_handoff = 16;
  EXPECT_EQ(codes(diagnose(r), "balance"), std::vector<std::string>{"balance.balanced"});
}

TEST(DiagnoseBalance, MarketingConstraint) {
  Report r = balanced_base();
  r.handoffs.sales_sourced = 60;  // 60 of 100 > 50%
  r.handoffs.marketing_sourced = 40;
  std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "balance"), std::vector<std::string>{"balance.marketing_constraint"});
  EXPECT_TRUE(contains(find(f, "balance.marketing_constraint")->sentence, "60 of 100 handoffs (60%)"));
  r.handoffs.sales_sourced = 50;  // 50%: not above
  r.handoffs.marketing_sourced = 50;
  EXPECT_EQ(codes(diagnose(r), "balance"), std::vector<std::string>{"balance.balanced"});
}

TEST(DiagnoseBalance, LeadQualityAndBothConstraints) {
  Report r = balanced_base();
  // rejected 40 of answered 40 + 45 = 85: 47.1% > 30%.
  r.handoffs.accepted = 45;
  r.handoffs.rejected = 40;
  std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "balance"), std::vector<std::string>{"balance.lead_quality"});
  EXPECT_TRUE(contains(find(f, "balance.lead_quality")->sentence, "40 of the 85 handoffs it answered (47.1%)"));
  // 25 of 85 = 29.4%: not above.
  r.handoffs.accepted = 60;
  r.handoffs.rejected = 25;
  EXPECT_EQ(codes(diagnose(r), "balance"), std::vector<std::string>{"balance.balanced"});
  // Breaches and sales-sourcing at once: both sides named.
  r = balanced_base();
  r.handoffs.accepted = 50;
  r.handoffs.sla_breached = 35;
  r.handoffs.sales_sourced = 70;
  r.handoffs.marketing_sourced = 30;
  EXPECT_EQ(codes(diagnose(r), "balance"),
            (std::vector<std::string>{"balance.sales_constraint", "balance.marketing_constraint"}));
}

TEST(DiagnoseBalance, ThresholdsAreOptions) {
  Report r = balanced_base();  // breach 10.5%
  DiagnosisOptions o;
  o.max_breach_share = 0.10;
  EXPECT_EQ(codes(diagnose(r, o), "balance"), std::vector<std::string>{"balance.sales_constraint"});
}

// ---- cadence -----------------------------------------------------------------

void fill(Report& r, const std::string& channel, std::vector<std::uint64_t> per_bucket, std::int64_t first = 0) {
  BucketCounts& c = r.channels[channel];
  for (std::size_t i = 0; i < per_bucket.size(); ++i) {
    if (per_bucket[i] > 0) c[first + static_cast<std::int64_t>(i)] = per_bucket[i];
  }
}

TEST(DiagnoseCadence, SteadyIntermittentBursty) {
  Report r = empty_report();
  fill(r, "email", {5, 5, 5, 5, 5, 5, 5, 5, 5, 5});  // mean 5, cv 0, no gap
  fill(r, "social", {5, 5, 5, 0, 0, 0, 5, 5, 5, 5});  // a gap of 3 buckets
  fill(r, "blog", {5, 5, 5, 5, 0, 0, 5, 5, 5, 5});    // a gap of 2: fine
  // 1 x 9 and 41: mean 5; variance (9*16 + 36^2)/10 = 144, sd 12, cv 2.4 > 1; one
  // bucket above 3 x 5.
  fill(r, "events", {1, 1, 1, 1, 1, 1, 1, 1, 1, 41});
  const std::vector<Finding> f = diagnose(r);
  const Finding* social = find(f, "cadence.intermittent", "social");
  ASSERT_NE(social, nullptr);
  EXPECT_EQ(social->severity, Severity::warning);
  EXPECT_TRUE(contains(social->sentence, "3 buckets of 7d in a row with no activity, active in 7 of 10")) << social->sentence;
  EXPECT_EQ(find(f, "cadence.intermittent", "blog"), nullptr);
  EXPECT_EQ(find(f, "cadence.intermittent", "email"), nullptr);
  const Finding* events = find(f, "cadence.bursty", "events");
  ASSERT_NE(events, nullptr);
  EXPECT_DOUBLE_EQ(events->figure("cv")->value, 2.4);
  EXPECT_DOUBLE_EQ(events->figure("bursts")->value, 1);
  EXPECT_EQ(find(f, "cadence.bursty", "email"), nullptr);
  const Finding* steady = find(f, "cadence.steady");
  ASSERT_NE(steady, nullptr);
  EXPECT_TRUE(contains(steady->sentence, "on email and blog (")) << steady->sentence;  // by touches: 50, 40
}

TEST(DiagnoseCadence, StoppedChannelAndLowVolume) {
  Report r = empty_report();
  fill(r, "email", {5, 5, 5, 5, 5, 5, 5, 5, 5, 5});
  // radio ran for 6 weeks and stopped: its span runs to the last bucket of any
  // activity (9), so buckets 6..9 are 4 silent buckets at the end: stopped, not
  // intermittent (no gap between active buckets).
  fill(r, "radio", {5, 5, 5, 5, 5, 5});
  // print: 2 a bucket, cv of {2,0,2,0,...} is 1 but mean 1 < 3: not judged for
  // bursts, and 10 touches < 20: not judged at all.
  fill(r, "print", {2, 0, 2, 0, 2, 0, 2, 0, 2, 0});
  const std::vector<Finding> f = diagnose(r);
  const Finding* radio = find(f, "cadence.stopped", "radio");
  ASSERT_NE(radio, nullptr);
  EXPECT_DOUBLE_EQ(radio->figure("trailing_gap")->value, 4);
  EXPECT_DOUBLE_EQ(radio->figure("longest_gap")->value, 0);
  EXPECT_TRUE(contains(radio->sentence, "radio stopped: no activity in the last 4 buckets of 7d")) << radio->sentence;
  EXPECT_EQ(find(f, "cadence.intermittent", "radio"), nullptr);
  // Stopped two buckets before the end: fine.
  Report r2 = empty_report();
  fill(r2, "email", {5, 5, 5, 5, 5, 5, 5, 5, 5, 5});
  fill(r2, "radio", {5, 5, 5, 5, 5, 5, 5, 5});
  EXPECT_EQ(find(diagnose(r2), "cadence.stopped", "radio"), nullptr);
  EXPECT_EQ(find(f, "cadence.bursty", "print"), nullptr);
  const Finding* unjudged = find(f, "cadence.too_little_data");
  ASSERT_NE(unjudged, nullptr);
  EXPECT_TRUE(contains(unjudged->sentence, "print")) << unjudged->sentence;
}

TEST(DiagnoseCadence, TooShortAWindow) {
  Report r = empty_report();
  fill(r, "email", {50, 50, 50});  // 3 buckets < 4
  const std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "cadence"), std::vector<std::string>{"cadence.too_little_data"});
}

TEST(DiagnoseCadence, SpreadThinOrFocused) {
  Report r = empty_report();
  // Six equal channels: sum of squared shares 6/36, effective 6 > 5.
  for (const char* c : {"a", "b", "c", "d", "e", "f"}) fill(r, c, {10, 10, 10, 10});
  EXPECT_DOUBLE_EQ(effective_channels(r), 6.0);
  std::vector<Finding> f = diagnose(r);
  const Finding* thin = find(f, "cadence.spread_thin");
  ASSERT_NE(thin, nullptr);
  EXPECT_TRUE(contains(thin->sentence, "spread over 6 channels, as evenly as 6 equal ones; the top three (a, b and c) "
                                       "carry only 50%")) << thin->sentence;
  // 50/30/20: 1 / (0.25 + 0.09 + 0.04) = 2.63 channels.
  r = empty_report();
  fill(r, "a", {50, 50, 50, 50});
  fill(r, "b", {30, 30, 30, 30});
  fill(r, "c", {20, 20, 20, 20});
  EXPECT_NEAR(effective_channels(r), 1 / 0.38, 1e-12);
  f = diagnose(r);
  EXPECT_EQ(find(f, "cadence.spread_thin"), nullptr);
  ASSERT_NE(find(f, "cadence.focused"), nullptr);
  EXPECT_TRUE(contains(find(f, "cadence.focused")->sentence, "as concentrated as 2.6 equal ones"));
}

// ---- ownership ---------------------------------------------------------------

TEST(DiagnoseOwnership, Owned) {
  Report r = empty_report();
  r.handoffs.handoffs = 40;
  r.handoffs.accepted = 40;
  const std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "ownership"), std::vector<std::string>{"ownership.owned"});
  EXPECT_TRUE(contains(find(f, "ownership.owned")->sentence, "none of the 40 handoffs waited past its SLA"));
}

TEST(DiagnoseOwnership, UnownedTouchesAndStages) {
  Report r = empty_report();
  r.touches.marketing = 90;
  r.touches.unknown = 8;
  r.outcome_touches = 2;
  r.unowned_touches = {{"mystery_touch", 6}, {"podcast", 2}};
  r.stages[2].owner = Team::unknown;  // mql
  const std::vector<Finding> f = diagnose(r);
  EXPECT_EQ(codes(f, "ownership"),
            (std::vector<std::string>{"ownership.unowned_stages", "ownership.unowned_touches"}));
  EXPECT_TRUE(contains(find(f, "ownership.unowned_stages")->sentence, "No team owns mql"));
  // 8 of 100 touches (90 + 8 contacts + 2 outcomes).
  EXPECT_TRUE(contains(find(f, "ownership.unowned_touches")->sentence,
                       "8 of 100 touches (8%) belong to no team: mystery_touch (6) and podcast (2)"));
}

TEST(DiagnoseOwnership, SlaBreaches) {
  Report r = empty_report();
  r.handoffs.handoffs = 10;
  r.handoffs.accepted = 9;
  r.handoffs.sla_breached = 1;  // 10% > 5%
  for (std::int64_t h : {1, 2, 3, 30}) r.handoffs.response_time.add(h * kHour);  // median rank 2: 2 h
  std::vector<Finding> f = diagnose(r);
  const Finding* s = find(f, "ownership.sla_breached");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->severity, Severity::warning);
  EXPECT_TRUE(contains(s->sentence, "1 of 10 handoffs (10%) waited past their SLA")) << s->sentence;
  EXPECT_TRUE(contains(s->sentence, "2 h (median; p90 30 h)")) << s->sentence;
  EXPECT_DOUBLE_EQ(s->figure("median_answer")->value, 2.0);
  // 1 of 40 = 2.5% <= 5%: reported, as info.
  r.handoffs.handoffs = 40;
  r.handoffs.accepted = 39;
  f = diagnose(r);
  EXPECT_EQ(find(f, "ownership.sla_breached")->severity, Severity::info);
  EXPECT_EQ(codes(f, "ownership"), (std::vector<std::string>{"ownership.sla_breached", "ownership.owned"}));
}

}  // namespace
}  // namespace doorway
