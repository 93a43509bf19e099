// Engine mechanics: ordering, batch-split and arrival-order invariance, duplicates,
// late touches, invalid input, explanations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>
#include <numeric>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::snapshot;
using testing::T0;
using testing::TouchList;

// A deterministic stream of 40 leads over 20 days mixing every default-model
// path: warm-ups, door touches, conversations, ignored handoffs (SLA breaches),
// rejections, wins, losses, marketing-closed purchases.
TouchList mixed_stream() {
  static const std::vector<std::vector<const char*>> kScripts = {
      {"website_visit", "newsletter", "content_download", "webinar_attended", "page_view"},
      {"website_visit", "demo_request", "email_inquiry_reply", "phone_call", "proposal_sent", "deal_won"},
      {"display_ad", "contact_request"},  // ignored by sales: SLA breach
      {"search_ad", "email_inquiry", "sales_rejected", "website_visit", "page_view", "blog_post_view",
       "demo_request"},
      {"sales_letter", "order_placed", "review_posted"},
      {"cold_call", "meeting", "proposal_sent", "deal_lost"},
      {"event_attended", "trade_show_booth_visit", "networking_event", "unsubscribed"},
      {"demo_request", "sales_accepted", "proposal_sent", "negotiation", "order_placed", "referral_given"},
  };
  TouchList list;
  std::uint64_t x = 12345;
  auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x >> 33;
  };
  for (int lead = 0; lead < 40; ++lead) {
    char id[16];
    std::snprintf(id, sizeof id, "lead-%02d", lead);
    const auto& script = kScripts[static_cast<std::size_t>(lead) % kScripts.size()];
    Timestamp at = T0 + static_cast<Timestamp>(next() % 48) * kHour;
    for (const char* type : script) {
      list.add(id, at, type);
      at += static_cast<Timestamp>(1 + next() % 60) * kHour;  // up to 2.5 days apart
    }
  }
  return list;
}

Timestamp last_time(const std::vector<Touch>& ts) {
  Timestamp m = ts.front().timestamp;
  for (const Touch& t : ts) m = std::max(m, t.timestamp);
  return m;
}

EngineOptions wide_window() {
  EngineOptions o;
  o.late_window = 60 * kDay;  // the whole stream is "within the window"
  return o;
}

TEST(Engine, BatchSplitAndArrivalOrderDoNotChangeTheResult) {
  TouchList list = mixed_stream();
  std::vector<Touch> sorted = list.touches();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Touch& a, const Touch& b) { return a.timestamp < b.timestamp; });
  const Timestamp end = last_time(sorted) + 3 * kDay;

  Engine one(default_model(), wide_window());
  ASSERT_EQ(one.ingest(sorted).accepted, sorted.size());
  one.advance(end);
  const std::string expected = snapshot(one);
  // The stream exercises what it claims to.
  EXPECT_NE(expected.find("handoff"), std::string::npos);
  EXPECT_NE(expected.find("sla_breached"), std::string::npos);
  EXPECT_NE(expected.find("recycled"), std::string::npos);
  EXPECT_NE(expected.find("->customer purchase"), std::string::npos);
  EXPECT_NE(expected.find(" advocate "), std::string::npos);
  EXPECT_NE(expected.find(" lost "), std::string::npos);

  // Batches of 7 in time order, with the clock advanced after every batch.
  {
    Engine e(default_model(), wide_window());
    for (std::size_t i = 0; i < sorted.size(); i += 7) {
      const std::size_t n = std::min<std::size_t>(7, sorted.size() - i);
      e.ingest(std::span<const Touch>(sorted.data() + i, n));
      e.advance(sorted[i + n - 1].timestamp);
    }
    e.advance(end);
    EXPECT_EQ(snapshot(e), expected);
  }
  // Every touch in its own batch, in the list's (per-lead) order: out of time order.
  {
    Engine e(default_model(), wide_window());
    for (const Touch& t : list.touches()) e.ingest(t);
    e.advance(end);
    EXPECT_EQ(snapshot(e), expected);
  }
  // Shuffled arrival, three seeds, in batches of 11.
  for (std::uint64_t seed : {1ULL, 2ULL, 3ULL}) {
    std::vector<Touch> shuffled = sorted;
    std::uint64_t x = seed;
    for (std::size_t i = shuffled.size() - 1; i > 0; --i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      std::swap(shuffled[i], shuffled[(x >> 33) % (i + 1)]);
    }
    Engine e(default_model(), wide_window());
    for (std::size_t i = 0; i < shuffled.size(); i += 11) {
      e.ingest(std::span<const Touch>(shuffled.data() + i, std::min<std::size_t>(11, shuffled.size() - i)));
    }
    e.advance(end);
    EXPECT_EQ(snapshot(e), expected) << "seed " << seed;
    EXPECT_GT(e.stats().replays, 0u) << "shuffling must have sent some leads' touches out of order";
  }
}

TEST(Engine, TouchesOfOneLeadApplyInTimestampThenEventIdOrder) {
  // Same timestamp: "a1" (demo_request) sorts before "b1" (sales_accepted) whatever
  // the arrival order, so the lead is handed off and then accepted.
  for (bool reversed : {false, true}) {
    TouchList list;
    list.add_with_id("a1", "ann", T0, "demo_request");
    list.add_with_id("b1", "ann", T0, "sales_accepted");
    if (reversed) std::reverse(list.touches().begin(), list.touches().end());
    Engine e(default_model());
    e.ingest(list.touches());
    EXPECT_EQ(e.lead("ann")->stage_name, "sql") << "reversed=" << reversed;
  }
}

TEST(Engine, HistoryListsTouchesInApplicationOrderWithTheirTeamsAndEvents) {
  // Arrival order c, a, b; application order is by time: website_visit and
  // demo_request (marketing: one-to-many / prospect-initiated door touch), then
  // phone_call (sales: one-to-one, two-way). The events are whatever the engine
  // recorded for the lead; the history must list the same ones.
  TouchList list;
  list.add_with_id("c", "ann", T0 + 2 * kHour, "phone_call");
  list.add_with_id("a", "ann", T0, "website_visit");
  list.add_with_id("b", "ann", T0 + kHour, "demo_request");
  Engine e(default_model());
  e.ingest(list.touches());
  auto h = e.history("ann");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->lead_id, "ann");
  ASSERT_EQ(h->touches.size(), 3u);
  EXPECT_EQ(h->touches[0].event_id, "a");
  EXPECT_EQ(h->touches[1].event_id, "b");
  EXPECT_EQ(h->touches[2].event_id, "c");
  EXPECT_EQ(h->touches[0].type, "website_visit");
  EXPECT_EQ(h->touches[0].team, Team::marketing);
  EXPECT_EQ(h->touches[2].team, Team::sales);
  EXPECT_EQ(h->touches[1].kind, TouchKind::door);
  EXPECT_EQ(h->touches[0].channel, "website");  // website_visit's default channel (catalog)
  EXPECT_EQ(h->touches[1].at, T0 + kHour);
  EXPECT_EQ(h->stage, e.lead("ann")->stage_name);
  // The events are exactly the lead's events.
  auto evs = e.events("ann");
  ASSERT_EQ(h->events.size(), evs.size());
  ASSERT_FALSE(evs.empty());
  for (std::size_t i = 0; i < evs.size(); ++i) EXPECT_EQ(h->events[i].to, evs[i].to);
  EXPECT_FALSE(e.history("nobody").has_value());

  // for_each_history visits every lead once, in id order.
  list.add_with_id("d", "bob", T0, "newsletter");
  list.add_with_id("e", "al", T0, "newsletter");
  Engine e2(default_model());
  e2.ingest(list.touches());
  std::vector<std::string> seen;
  std::size_t touches = 0;
  e2.for_each_history([&](const LeadHistory& lh) {
    seen.emplace_back(lh.lead_id);
    touches += lh.touches.size();
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"al", "ann", "bob"}));
  EXPECT_EQ(touches, 5u);
}

TEST(Engine, DuplicateEventIdsAreIgnoredAndCounted) {
  TouchList list;
  list.add_with_id("x", "ann", T0, "website_visit");
  list.add_with_id("x", "ann", T0 + kHour, "demo_request");  // same id: ignored
  Engine e(default_model());
  const IngestResult r = e.ingest(list.touches());
  EXPECT_EQ(r.accepted, 1u);
  EXPECT_EQ(r.duplicate, 1u);
  ASSERT_EQ(r.rejections.size(), 1u);
  EXPECT_EQ(r.rejections[0].index, 1u);
  EXPECT_EQ(r.rejections[0].kind, RejectKind::duplicate);
  EXPECT_NE(r.rejections[0].reason.find("duplicate event_id \"x\": already accepted for lead \"ann\""),
            std::string::npos);
  EXPECT_EQ(e.lead("ann")->stage_name, "subscriber");
  EXPECT_EQ(e.lead("ann")->touches, 1u);
  // Again in a later batch.
  EXPECT_EQ(e.ingest(list.touches()[0]).duplicate, 1u);
  EXPECT_EQ(e.stats().duplicate, 2u);
  EXPECT_EQ(e.stats().accepted, 1u);
  // An event id names a touch within its lead: the same id on another lead is
  // another touch (under a lead-hash partition, one engine must agree with N).
  Touch bob = list.touches()[0];
  bob.lead_id = "bob";
  EXPECT_EQ(e.ingest(bob).accepted, 1u);
  ASSERT_EQ(e.history("bob")->touches.size(), 1u);
  EXPECT_EQ(e.history("bob")->touches[0].event_id, "x");
}

TEST(Engine, DuplicatesAreFoundAmongManyTouchesOfOneLead) {
  // 60 touches of one lead (past the point where its ids are indexed by hash),
  // then three of them again, a new one, and one of the ids on another lead;
  // in one batch and touch by touch.
  TouchList list;
  for (int i = 0; i < 60; ++i) list.add_with_id("e" + std::to_string(i), "ann", T0 + i * kHour, "page_view");
  for (int i : {3, 30, 59}) list.add_with_id("e" + std::to_string(i), "ann", T0 + 100 * kHour, "page_view");
  list.add_with_id("e60", "ann", T0 + 61 * kHour, "page_view");
  list.add_with_id("e3", "bob", T0, "page_view");
  for (bool one_batch : {true, false}) {
    Engine e(default_model());
    IngestResult total;
    if (one_batch) {
      total = e.ingest(list.touches());
    } else {
      for (const Touch& t : list.touches()) {
        const IngestResult r = e.ingest(t);
        total.accepted += r.accepted;
        total.duplicate += r.duplicate;
      }
    }
    EXPECT_EQ(total.accepted, 62u) << one_batch;  // e0..e60 for ann, e3 for bob
    EXPECT_EQ(total.duplicate, 3u) << one_batch;
    EXPECT_EQ(e.history("ann")->touches.size(), 61u);
    EXPECT_EQ(e.history("ann")->touches.back().event_id, "e60");
  }
}

TEST(Engine, EventIdsUpTo65535BytesAreKept) {
  const std::string longest(65535, 'k');
  const std::string too_long(65536, 'k');
  TouchList list;
  list.add_with_id(longest, "ann", T0, "website_visit");
  list.add_with_id(too_long, "ann", T0 + kHour, "website_visit");
  Engine e(default_model());
  const IngestResult r = e.ingest(list.touches());
  EXPECT_EQ(r.accepted, 1u);
  EXPECT_EQ(r.invalid, 1u);
  ASSERT_EQ(r.rejections.size(), 1u);
  EXPECT_NE(r.rejections[0].reason.find("event_id is 65536 bytes long; at most 65535"), std::string::npos);
  EXPECT_EQ(e.history("ann")->touches.at(0).event_id, longest);
}

TEST(Engine, ManyLeadsInOneBatchMatchOneTouchPerBatch) {
  // 3,000 leads, 4 touches each, interleaved so a new lead's second touch often
  // comes within the ingest pipeline's look-ahead of its first.
  TouchList list;
  for (int k = 0; k < 4; ++k) {
    for (int lead = 0; lead < 3000; ++lead) {
      const int l = (lead * 7 + k) % 3000;
      list.add("l" + std::to_string(l), T0 + (k * 3000 + lead) * kMinute, k == 3 ? "demo_request" : "page_view");
    }
  }
  Engine batch(default_model());
  EXPECT_EQ(batch.ingest(list.touches()).accepted, list.touches().size());
  Engine single(default_model());
  for (const Touch& t : list.touches()) single.ingest(t);
  EXPECT_EQ(batch.lead_count(), 3000u);
  EXPECT_EQ(snapshot(batch), snapshot(single));
  for (int l : {0, 1, 1234, 2999}) {
    const auto v = batch.lead("l" + std::to_string(l));
    ASSERT_TRUE(v.has_value()) << l;
    EXPECT_EQ(v->touches, 4u) << l;
  }
}

TEST(Engine, LateTouchesWithinTheWindowReplayBeyondItAreRejected) {
  EngineOptions o;
  o.late_window = 7 * kDay;
  Engine e(default_model(), o);
  TouchList list;
  list.add("ann", T0 + 30 * kDay, "website_visit");
  list.add("ann", T0 + 25 * kDay, "website_visit");  // 5 days late: replayed
  list.add("bob", T0 + 22 * kDay, "website_visit");  // 8 days behind the watermark: rejected
  list.add("ann", T0 + 23 * kDay, "website_visit");  // exactly 7 days: accepted
  const IngestResult r = e.ingest(list.touches());
  EXPECT_EQ(r.accepted, 3u);
  EXPECT_EQ(r.late, 1u);
  ASSERT_EQ(r.rejections.size(), 1u);
  EXPECT_EQ(r.rejections[0].index, 2u);
  EXPECT_EQ(r.rejections[0].kind, RejectKind::late);
  EXPECT_NE(r.rejections[0].reason.find("late window (7d)"), std::string::npos) << r.rejections[0].reason;
  EXPECT_FALSE(e.lead("bob").has_value());
  EXPECT_EQ(e.lead("ann")->touches, 3u);
  EXPECT_EQ(e.lead("ann")->stage_name, "lead");  // three touches within 90 days: warm
  EXPECT_EQ(e.stats().replays, 2u);
  EXPECT_EQ(e.stats().late, 1u);
}

TEST(Engine, InvalidTouchesAreCountedWithTheirReasons) {
  TouchList list;
  list.add_with_id("", "ann", T0, "website_visit");
  list.add_with_id("e2", "", T0, "website_visit");
  list.add_with_id("e3", "ann", T0, "");
  Touch& nan = list.add_with_id("e4", "ann", T0, "order_placed");
  nan.value = std::nan("");
  list.add_with_id("e5", "ann", T0, "website_visit");
  Engine e(default_model());
  const IngestResult r = e.ingest(list.touches());
  EXPECT_EQ(r.invalid, 4u);
  EXPECT_EQ(r.accepted, 1u);
  ASSERT_EQ(r.rejections.size(), 4u);
  EXPECT_EQ(r.rejections[0].reason, "event_id is empty");
  EXPECT_EQ(r.rejections[1].reason, "lead_id is empty");
  EXPECT_EQ(r.rejections[2].reason, "touch has neither a type nor a channel");
  EXPECT_EQ(r.rejections[3].reason, "value is not a finite number");
  EXPECT_EQ(r.rejections[3].index, 3u);
}

TEST(Engine, UnknownTypeWithoutChannelIsKeptButCountsForNoTeam) {
  TouchList list;
  list.add("ann", T0, "carrier_pigeon");
  Engine e(default_model());
  EXPECT_EQ(e.ingest(list.touches()).accepted, 1u);
  const LeadView v = *e.lead("ann");
  EXPECT_EQ(v.touches, 1u);
  EXPECT_EQ(v.marketing_touches, 0u);
  EXPECT_EQ(v.sales_touches, 0u);
  EXPECT_EQ(*v.score("engagement"), 0);
}

// Type and channel names resolve through a small memo: with far more distinct
// names than its slots (catalog names, and names the catalog does not know,
// interleaved), every kept touch still carries exactly the names it came with.
TEST(Engine, ManyDistinctTypeAndChannelNamesKeepTheirOwnNames) {
  const std::vector<std::string> catalog_types = {"website_visit", "page_view",   "newsletter",  "demo_request",
                                                  "search_ad",     "display_ad",  "cold_call",   "meeting",
                                                  "order_placed",  "phone_call",  "webinar_attended"};
  std::deque<std::string> names;  // the touches borrow these
  TouchList list;
  std::vector<std::pair<std::string, std::string>> given;  // (type, channel) per touch, in event order
  for (int i = 0; i < 600; ++i) {
    const std::string& type = i % 2 ? catalog_types[static_cast<std::size_t>(i) % catalog_types.size()]
                                    : names.emplace_back("custom_type_" + std::to_string(i % 150));
    const std::string& channel = i % 3 == 0 ? names.emplace_back("custom_channel_" + std::to_string(i % 97))
                                 : i % 3 == 1 ? names.emplace_back("email")
                                              : names.emplace_back("");
    char id[16];
    std::snprintf(id, sizeof id, "e%04d", i);
    list.add_with_id(id, "lee", T0 + i * kMinute, type).channel = channel;
    given.emplace_back(type, channel);
  }
  Engine e(default_model());
  EXPECT_EQ(e.ingest(list.touches()).accepted, 600u);
  const LeadHistory h = *e.history("lee");
  ASSERT_EQ(h.touches.size(), 600u);
  const Catalog& cat = default_model()->catalog();
  for (std::size_t i = 0; i < 600; ++i) {
    EXPECT_EQ(h.touches[i].type, given[i].first) << i;
    // A touch without a channel reads its type's default channel (none for unknown types).
    std::string_view expected = given[i].second;
    if (expected.empty()) {
      const std::optional<TypeId> t = cat.find_type(given[i].first);
      expected = t ? std::string_view(cat.type(*t).channel) : std::string_view();
    }
    EXPECT_EQ(h.touches[i].channel, expected) << i;
  }
}

TEST(Engine, EveryScoreEqualsTheSumOfItsContributions) {
  TouchList list = mixed_stream();
  Engine e(default_model(), wide_window());
  e.ingest(list.touches());
  const Timestamp end = last_time(list.touches()) + 10 * kDay;
  e.advance(end);
  int checked = 0;
  for (std::string_view id : e.lead_ids()) {
    const auto x = e.explain(id);
    ASSERT_TRUE(x.ok()) << x.status();
    const LeadView v = *e.lead(id);
    for (const ScoreExplanation& s : x->scores) {
      double sum = 0;
      for (const Contribution& c : s.contributions) sum += c.value();
      EXPECT_NEAR(sum, s.value, 1e-9 * std::max(1.0, std::abs(s.value))) << id << " " << s.name;
      EXPECT_DOUBLE_EQ(s.value, *v.score(s.name));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 80);
}

TEST(Engine, ExplainsContributionsAndWhyTheNextStageIsNotReached) {
  TouchList list;
  list.add("ann", T0, "webinar_attended");        // 15
  list.add("ann", T0, "content_download");        // 10
  list.add("ann", T0, "blog_comment");            // 5
  Engine e(default_model());
  e.ingest(list.touches());
  ASSERT_EQ(e.lead("ann")->stage_name, "lead");
  const Explanation x = *e.explain("ann", T0 + 30 * kDay);  // one half-life later
  EXPECT_EQ(x.stage, "lead");
  ASSERT_EQ(x.scores.size(), 2u);
  const ScoreExplanation& eng = x.scores[0];
  EXPECT_EQ(eng.name, "engagement");
  ASSERT_EQ(eng.contributions.size(), 3u);
  EXPECT_EQ(eng.contributions[0].event_id, "e0001");
  EXPECT_EQ(eng.contributions[0].rule, "points.type:webinar_attended");
  EXPECT_EQ(eng.contributions[0].points, 15);
  EXPECT_DOUBLE_EQ(eng.contributions[0].factor, 0.5);
  EXPECT_DOUBLE_EQ(eng.value, 15);  // 30 halved
  const ScoreExplanation& temp = x.scores[1];
  EXPECT_EQ(temp.level, Temperature::warm);
  EXPECT_DOUBLE_EQ(temp.value, 3);

  // Why not mql: neither hot nor engagement >= 40.
  const TransitionExplanation* qualified = nullptr;
  for (const auto& t : x.next) {
    if (t.name == "qualified") qualified = &t;
  }
  ASSERT_NE(qualified, nullptr);
  EXPECT_FALSE(qualified->holds);
  EXPECT_EQ(qualified->to, "mql");
  ASSERT_EQ(qualified->clauses.size(), 2u);
  EXPECT_EQ(qualified->clauses[0].clause, "temperature == hot");
  EXPECT_EQ(qualified->clauses[0].actual, "warm");
  EXPECT_FALSE(qualified->clauses[0].holds);
  EXPECT_EQ(qualified->clauses[1].clause, "engagement >= 40");
  EXPECT_EQ(qualified->clauses[1].actual, "15");
  ASSERT_TRUE(qualified->clauses[1].gap.has_value());
  EXPECT_DOUBLE_EQ(*qualified->clauses[1].gap, 25);
  // Touch-driven transitions are marked as waiting for a touch.
  EXPECT_TRUE(x.next[0].needs_touch);
  EXPECT_FALSE(e.explain("nobody").ok());
}

TEST(Engine, LeadIdsAndEventsAreSorted) {
  TouchList list;
  list.add("zed", T0, "demo_request");
  list.add("amy", T0, "demo_request");
  list.add("kim", T0 - kHour, "demo_request");
  Engine e(default_model());
  e.ingest(list.touches());
  const auto ids = e.lead_ids();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], "amy");
  EXPECT_EQ(ids[2], "zed");
  const auto evs = e.events();
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[0].lead_id, "kim");  // earliest
  EXPECT_EQ(evs[1].lead_id, "amy");  // same time as zed: by lead id
  EXPECT_EQ(evs[2].lead_id, "zed");
}

// for_each_lead gives what lead_ids() and lead() give, in the same order. The ids
// share 16-byte prefixes, differ only past them, differ by a trailing NUL, and one
// is longer than the 23 bytes a lead keeps in place; the expected order is
// std::string's. "ab" waits in sal with an SLA deadline (a demo request is a door
// touch; sal's SLA is 48 h) and the lead after it, "ab\0", does not: the view
// for_each_lead reuses must not carry the deadline over.
TEST(Engine, ForEachLeadVisitsEveryLeadInIdOrderAsLeadDoes) {
  const std::vector<std::string> ids = {"lead-0000000000000002", "lead-0000000000000001x", "lead-0000000000000001",
                                        "ab", std::string("ab\0", 3), "b", "A",
                                        "a-lead-id-longer-than-twenty-three-bytes"};
  TouchList list;
  for (const std::string& id : ids) list.add(id, T0 - kHour, id == "ab" ? "demo_request" : "page_view");
  Engine e(default_model());
  ASSERT_EQ(e.ingest(list.touches()).accepted, ids.size());

  std::vector<std::string> expected = ids;
  std::sort(expected.begin(), expected.end());
  const auto sorted_ids = e.lead_ids();
  ASSERT_EQ(sorted_ids.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(sorted_ids[i], expected[i]) << i;

  std::size_t i = 0;
  e.for_each_lead([&](const LeadView& v) {
    ASSERT_LT(i, expected.size());
    EXPECT_EQ(v.lead_id, expected[i]);
    const LeadView one = *e.lead(expected[i]);
    EXPECT_EQ(v.stage_name, one.stage_name);
    EXPECT_EQ(v.sla_deadline, one.sla_deadline);
    EXPECT_EQ(v.temperature, one.temperature);
    EXPECT_EQ(v.scores, one.scores);
    EXPECT_EQ(v.touches, 1u);
    if (expected[i] == "ab") {
      EXPECT_EQ(v.stage_name, "sal");
      EXPECT_EQ(v.sla_deadline, T0 - kHour + 48 * kHour);
    } else {
      EXPECT_EQ(v.stage_name, "subscriber");
      EXPECT_FALSE(v.sla_deadline.has_value()) << expected[i];
    }
    ++i;
  });
  EXPECT_EQ(i, expected.size());
}

TEST(Engine, AdvanceNeverMovesTheClockBack) {
  TouchList list;
  list.add("ann", T0, "demo_request");
  Engine e(default_model());
  e.ingest(list.touches());
  e.advance(T0 + 10 * kHour);
  e.advance(T0);  // ignored
  EXPECT_EQ(e.clock(), T0 + 10 * kHour);
  EXPECT_EQ(e.lead("ann")->stage_name, "sal");
}

}  // namespace
}  // namespace doorway
