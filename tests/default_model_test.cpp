// The default model's behaviour, one named test per rule of the contract
// (issue 2, "The embedded default model"). Expected stages, events and values are
// worked out by hand from the rules.
#include <gtest/gtest.h>

#include <cstdio>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::T0;
using testing::TouchList;

class DefaultModel : public ::testing::Test {
 protected:
  Engine engine{default_model()};
  TouchList list;

  void touch(Timestamp at, std::string_view type, std::string_view lead = "ann") {
    Touch& t = list.add(lead, at, type);
    const IngestResult r = engine.ingest(t);
    ASSERT_EQ(r.accepted, 1u) << (r.rejections.empty() ? "" : r.rejections[0].reason);
  }
  std::string stage(std::string_view lead = "ann") { return std::string(engine.lead(lead)->stage_name); }
  std::vector<EventView> events(std::string_view lead = "ann") { return engine.events(lead); }
};

// The journey's type gates on the default model, read off its guards by hand:
// subscriber → customer is "type == order_placed", subscriber → sal (door touch)
// is "initiated_contact and team == marketing", subscriber → lead is "temperature
// >= warm or engagement >= 40".
TEST(DefaultModelJourney, TypeGatesRuleOutOnlyWhatTheTypeDecides) {
  const auto model = default_model();
  const Journey& j = model->journey();
  const Catalog& cat = model->catalog();
  auto transition = [&](std::string_view from, std::string_view name) {
    for (TransitionId e : j.outgoing(*j.find_stage(from))) {
      if (j.transition(e).spec.name == name) return e;
    }
    ADD_FAILURE() << from << " " << name;
    return TransitionId{0};
  };
  const TypeId order = *cat.find_type("order_placed");
  const TypeId page = *cat.find_type("page_view");
  const TypeId past_catalog = static_cast<TypeId>(cat.type_count() + 3);
  const TransitionId purchase = transition("subscriber", "purchase");
  EXPECT_TRUE(j.may_hold(purchase, true, order));
  EXPECT_FALSE(j.may_hold(purchase, true, page));
  EXPECT_FALSE(j.may_hold(purchase, false, kNoType));
  EXPECT_TRUE(j.may_hold(purchase, true, past_catalog));  // unknown types are evaluated
  const TransitionId door = transition("subscriber", "door_touch");
  EXPECT_TRUE(j.may_hold(door, true, page));  // a page view may carry its own axes
  EXPECT_FALSE(j.may_hold(door, false, kNoType));
  const TransitionId warmed = transition("subscriber", "warmed");
  EXPECT_TRUE(j.may_hold(warmed, true, page));
  EXPECT_TRUE(j.may_hold(warmed, false, kNoType));
}

TEST_F(DefaultModel, NewLeadEntersSubscriber) {
  touch(T0, "newsletter");
  EXPECT_EQ(stage(), "subscriber");
  EXPECT_EQ(engine.lead("ann")->owner, Team::marketing);
  EXPECT_TRUE(events().empty());
}

TEST_F(DefaultModel, WarmAtThreeTouchesMakesALead) {
  touch(T0, "website_visit");
  touch(T0 + kHour, "website_visit");
  EXPECT_EQ(stage(), "subscriber");
  EXPECT_EQ(engine.lead("ann")->temperature, Temperature::cold);
  touch(T0 + 2 * kHour, "website_visit");
  EXPECT_EQ(stage(), "lead");
  EXPECT_EQ(engine.lead("ann")->temperature, Temperature::warm);
  ASSERT_EQ(events().size(), 1u);
  EXPECT_EQ(events()[0].kind, EventKind::stage_changed);
  EXPECT_EQ(events()[0].from, "subscriber");
  EXPECT_EQ(events()[0].to, "lead");
  EXPECT_EQ(events()[0].reason, "warmed");
  EXPECT_EQ(events()[0].at, T0 + 2 * kHour);
}

TEST_F(DefaultModel, HotAtFiveTouchesMakesAnMql) {
  for (int i = 0; i < 4; ++i) touch(T0 + i * kHour, "page_view");
  EXPECT_EQ(stage(), "lead");
  touch(T0 + 4 * kHour, "page_view");
  EXPECT_EQ(stage(), "mql");
  EXPECT_EQ(engine.lead("ann")->temperature, Temperature::hot);
  ASSERT_EQ(events().size(), 2u);
  EXPECT_EQ(events()[1].reason, "qualified");
  // Five page views score 5 points: heat, not engagement, qualified the lead.
  EXPECT_LT(*engine.lead("ann")->score("engagement"), 5.0 + 1e-9);
}

TEST_F(DefaultModel, EngagementThresholdQualifiesAWarmLeadInOneTouch) {
  // 15 + 15 + 10 = 40 points at one instant (no decay), 3 touches = warm:
  // the third touch warms the subscriber into a lead, and the lead settles on
  // into mql because engagement >= 40 holds without the touch.
  touch(T0, "webinar_attended");
  touch(T0, "webinar_attended");
  EXPECT_EQ(stage(), "subscriber");
  touch(T0, "content_download");
  EXPECT_DOUBLE_EQ(*engine.lead("ann")->score("engagement"), 40);
  EXPECT_EQ(stage(), "mql");
  ASSERT_EQ(events().size(), 2u);
  EXPECT_EQ(events()[0].to, "lead");
  EXPECT_EQ(events()[1].to, "mql");
  EXPECT_EQ(events()[1].reason, "qualified");
}

TEST_F(DefaultModel, DoorTouchHandsOffToSalesWithA48HourDeadline) {
  for (const char* door : {"email_inquiry", "contact_request", "demo_request"}) {
    SCOPED_TRACE(door);
    const std::string lead = std::string("lead-") + door;
    touch(T0, "website_visit", lead);
    touch(T0 + kHour, door, lead);
    EXPECT_EQ(stage(lead), "sal");
    const LeadView v = *engine.lead(lead);
    EXPECT_EQ(v.owner, Team::sales);
    ASSERT_TRUE(v.sla_deadline.has_value());
    EXPECT_EQ(*v.sla_deadline, T0 + kHour + 48 * kHour);
    const auto evs = events(lead);
    ASSERT_EQ(evs.size(), 1u);
    EXPECT_EQ(evs[0].kind, EventKind::handoff);
    EXPECT_EQ(evs[0].from, "subscriber");
    EXPECT_EQ(evs[0].to, "sal");
    EXPECT_EQ(evs[0].reason, "door_touch");
    EXPECT_EQ(*evs[0].deadline, T0 + 49 * kHour);
  }
}

TEST_F(DefaultModel, DoorTouchFromLeadAndMqlHandsOffToo) {
  for (int i = 0; i < 3; ++i) touch(T0 + i * kHour, "website_visit", "warm");
  EXPECT_EQ(stage("warm"), "lead");
  touch(T0 + 3 * kHour, "email_inquiry", "warm");
  EXPECT_EQ(stage("warm"), "sal");
  for (int i = 0; i < 5; ++i) touch(T0 + i * kHour, "website_visit", "hot");
  EXPECT_EQ(stage("hot"), "mql");
  touch(T0 + 5 * kHour, "contact_request", "hot");
  EXPECT_EQ(stage("hot"), "sal");
  EXPECT_EQ(events("hot").back().kind, EventKind::handoff);
}

TEST_F(DefaultModel, SalesSourcedHandoffTakesOneStepPerTouch) {
  for (int i = 0; i < 5; ++i) touch(T0 + i * kHour, "website_visit");
  EXPECT_EQ(stage(), "mql");
  // A phone conversation on an mql: sales takes the lead (handoff to sal). The same
  // touch does not also count as the conversation that moves sal → sql.
  touch(T0 + 6 * kHour, "phone_call");
  EXPECT_EQ(stage(), "sal");
  EXPECT_EQ(events().back().kind, EventKind::handoff);
  EXPECT_EQ(events().back().reason, "sales_sourced");
  touch(T0 + 7 * kHour, "meeting");
  EXPECT_EQ(stage(), "sql");
  EXPECT_EQ(events().back().reason, "conversation");
}

TEST_F(DefaultModel, ColdCallOnASubscriberIsASalesSourcedHandoff) {
  touch(T0, "cold_call");
  EXPECT_EQ(stage(), "sal");
  EXPECT_EQ(engine.lead("ann")->sales_touches, 1u);
  EXPECT_EQ(events()[0].reason, "sales_sourced");
}

TEST_F(DefaultModel, SalAcceptedOrConversationMovesToSql) {
  touch(T0, "demo_request", "a");
  touch(T0 + kHour, "sales_accepted", "a");
  EXPECT_EQ(stage("a"), "sql");
  EXPECT_EQ(events("a").back().reason, "accepted");
  EXPECT_FALSE(engine.lead("a")->sla_deadline.has_value());
  for (const char* conversation : {"phone_call", "inbound_call", "meeting", "face_to_face_meeting", "demo"}) {
    SCOPED_TRACE(conversation);
    touch(T0, "demo_request", conversation);
    touch(T0 + kHour, conversation, conversation);
    EXPECT_EQ(stage(conversation), "sql");
    EXPECT_EQ(events(conversation).back().reason, "conversation");
  }
  // A one-to-one email is sales but not a conversation: still sal.
  touch(T0, "demo_request", "emailed");
  touch(T0 + kHour, "sales_email", "emailed");
  EXPECT_EQ(stage("emailed"), "sal");
}

TEST_F(DefaultModel, RejectionRecyclesToNurtureWithItsReason) {
  touch(T0, "demo_request");
  touch(T0 + 2 * kHour, "sales_rejected");
  EXPECT_EQ(stage(), "nurture");
  EXPECT_EQ(engine.lead("ann")->owner, Team::marketing);
  const auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[1].kind, EventKind::recycled);
  EXPECT_EQ(evs[1].from, "sal");
  EXPECT_EQ(evs[1].to, "nurture");
  EXPECT_EQ(evs[1].reason, "rejected");
  // Handoff re-arms: the next door touch hands the lead to sales again.
  touch(T0 + 3 * kDay, "email_inquiry");
  EXPECT_EQ(stage(), "sal");
  EXPECT_EQ(events().back().kind, EventKind::handoff);
}

TEST_F(DefaultModel, SlaBreachRecyclesThenRequalifiesAndHandsOffAgain) {
  touch(T0, "demo_request");
  engine.advance(T0 + 47 * kHour);
  EXPECT_EQ(stage(), "sal");
  engine.advance(T0 + 49 * kHour);
  EXPECT_EQ(stage(), "nurture");
  auto evs = events();
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[1].kind, EventKind::sla_breached);
  EXPECT_EQ(evs[1].at, T0 + 48 * kHour);  // at the deadline, not when advance ran
  EXPECT_EQ(evs[1].from, "sal");
  EXPECT_EQ(evs[2].kind, EventKind::recycled);
  EXPECT_EQ(evs[2].reason, "sla_breached");
  EXPECT_EQ(evs[2].at, T0 + 48 * kHour);

  // Re-qualify: 3 new touches in nurture, and warm again (1 + 3 = 4 touches in 90 days).
  touch(T0 + 3 * kDay, "website_visit");
  touch(T0 + 3 * kDay + kHour, "content_download");
  EXPECT_EQ(stage(), "nurture");
  touch(T0 + 3 * kDay + 2 * kHour, "webinar_attended");
  EXPECT_EQ(stage(), "mql");
  EXPECT_EQ(events().back().reason, "requalified");

  // The second handoff, with its own deadline.
  touch(T0 + 4 * kDay, "contact_request");
  EXPECT_EQ(stage(), "sal");
  evs = events();
  EXPECT_EQ(evs.back().kind, EventKind::handoff);
  EXPECT_EQ(*evs.back().deadline, T0 + 4 * kDay + 48 * kHour);
  int handoffs = 0;
  for (const auto& e : evs) handoffs += e.kind == EventKind::handoff;
  EXPECT_EQ(handoffs, 2);
}

TEST_F(DefaultModel, ATouchAfterTheDeadlineSeesTheBreachFirst) {
  // No advance() call: the breach at T0+48h is applied before a touch at T0+50h.
  touch(T0, "demo_request");
  touch(T0 + 50 * kHour, "sales_accepted");
  EXPECT_EQ(stage(), "nurture");  // an outcome is no conversation: no sales-sourced handoff
  EXPECT_EQ(events()[1].kind, EventKind::sla_breached);
}

TEST_F(DefaultModel, LateAcceptanceWithinTheWindowUndoesTheBreach) {
  touch(T0, "demo_request");
  engine.advance(T0 + 49 * kHour);
  EXPECT_EQ(stage(), "nurture");
  // Sales had accepted at T0+47h; the CRM sends it late. The lead is replayed.
  touch(T0 + 47 * kHour, "sales_accepted");
  EXPECT_EQ(stage(), "sql");
  const auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[1].reason, "accepted");
  EXPECT_EQ(engine.stats().replays, 1u);
}

TEST_F(DefaultModel, ProposalWinAndLoss) {
  touch(T0, "demo_request", "w");
  touch(T0 + kHour, "demo", "w");
  touch(T0 + kDay, "proposal_sent", "w");
  EXPECT_EQ(stage("w"), "opportunity");
  touch(T0 + 2 * kDay, "deal_won", "w");
  EXPECT_EQ(stage("w"), "customer");
  EXPECT_EQ(engine.lead("w")->owner, Team::marketing);  // retention is marketing's (seeds/000)

  touch(T0, "demo_request", "l");
  touch(T0 + kHour, "meeting", "l");
  touch(T0 + kDay, "proposal_sent", "l");
  touch(T0 + 2 * kDay, "deal_lost", "l");
  EXPECT_EQ(stage("l"), "lost");
}

TEST_F(DefaultModel, SalesLetterWithOrderFormIsMarketingAllTheWay) {
  // seeds/004: a sales letter with an order form; the customer orders with no
  // conversation. Interaction decides: it is marketing from start to purchase.
  touch(T0, "sales_letter");
  Touch& order = list.add("ann", T0 + 2 * kDay, "order_placed");
  order.value = 99.0;
  ASSERT_EQ(engine.ingest(order).accepted, 1u);
  EXPECT_EQ(stage(), "customer");
  const LeadView v = *engine.lead("ann");
  EXPECT_EQ(v.marketing_touches, 1u);
  EXPECT_EQ(v.sales_touches, 0u);
  const auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].kind, EventKind::stage_changed);
  EXPECT_EQ(evs[0].from, "subscriber");
  EXPECT_EQ(evs[0].to, "customer");
  EXPECT_EQ(evs[0].reason, "purchase");
  EXPECT_EQ(classify(default_model()->catalog(), order).team, Team::marketing);
}

TEST_F(DefaultModel, OrderPlacedSkipsToCustomerFromAnyPreCustomerStage) {
  touch(T0, "demo_request", "in_sal");
  touch(T0 + kHour, "order_placed", "in_sal");
  EXPECT_EQ(stage("in_sal"), "customer");
  touch(T0, "demo_request", "in_sql");
  touch(T0 + kHour, "phone_call", "in_sql");
  touch(T0 + 2 * kHour, "order_placed", "in_sql");
  EXPECT_EQ(stage("in_sql"), "customer");
  touch(T0, "demo_request", "in_nurture");
  touch(T0 + kHour, "sales_rejected", "in_nurture");
  touch(T0 + 2 * kHour, "order_placed", "in_nurture");
  EXPECT_EQ(stage("in_nurture"), "customer");
}

TEST_F(DefaultModel, CustomersBecomeAdvocates) {
  Timestamp base = T0;
  for (const char* advocacy : {"referral_given", "review_posted"}) {
    touch(base, "sales_letter", advocacy);
    touch(base + kHour, "order_placed", advocacy);
    touch(base + 30 * kDay, "customer_education", advocacy);
    EXPECT_EQ(stage(advocacy), "customer");
    touch(base + 40 * kDay, advocacy, advocacy);
    EXPECT_EQ(stage(advocacy), "advocate");
    base += 40 * kDay;
  }
}

TEST_F(DefaultModel, DisqualifiedFromAnyOpenStage) {
  touch(T0, "newsletter", "s");
  touch(T0 + kHour, "disqualified", "s");
  EXPECT_EQ(stage("s"), "disqualified");
  // Into a sales-owned stage, but a detour, not a handoff.
  ASSERT_EQ(events("s").size(), 1u);
  EXPECT_EQ(events("s")[0].kind, EventKind::stage_changed);
  touch(T0, "demo_request", "t");
  touch(T0 + kHour, "demo", "t");
  touch(T0 + 2 * kHour, "disqualified", "t");
  EXPECT_EQ(stage("t"), "disqualified");
  EXPECT_EQ(events("t").back().from, "sql");
}

TEST_F(DefaultModel, UnsubscribeCostsEngagement) {
  touch(T0, "webinar_attended");
  touch(T0, "unsubscribed");
  EXPECT_DOUBLE_EQ(*engine.lead("ann")->score("engagement"), -5);  // 15 - 20
  EXPECT_EQ(engine.lead("ann")->touches, 1u);  // an outcome is not a contact
}

}  // namespace
}  // namespace doorway
