// Journeys from the engine (the rule in doorway/report/journeys.hpp), worked out
// by hand from the default model's transitions (README "The default model"), and
// the W-shaped and time-decay models over them.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/report/attribution.hpp"
#include "doorway/report/journeys.hpp"
#include "touch_list.hpp"

namespace doorway {
namespace {

using testing::T0;
using testing::TouchList;

std::vector<std::string> names(const Journeys& j, std::size_t i) {
  std::vector<std::string> out;
  for (std::uint32_t c : j.channels(i)) out.emplace_back(j.channel_name(c));
  return out;
}

double conv_of(const Attribution& a, std::string_view channel) {
  for (const ChannelCredit& c : a.channels) {
    if (c.channel == channel) return c.conversions;
  }
  ADD_FAILURE() << "no channel " << channel;
  return -1;
}
double value_of(const Attribution& a, std::string_view channel) {
  for (const ChannelCredit& c : a.channels) {
    if (c.channel == channel) return c.value;
  }
  ADD_FAILURE() << "no channel " << channel;
  return -1;
}

// ann: website visit, webinar, demo request (door touch: handoff to sal), phone
//   call (sal → sql), proposal (sql → opportunity), deal won worth 500 (→
//   customer). Channels are the types' defaults: website, webinar, website,
//   phone, email. Handoff anchor: the demo request (position 2); opportunity
//   anchor: the proposal (position 4). A touch after the conversion is left out.
// bob: website visit, newsletter; never converts: a null over website, email.
// cat: sales letter (direct_mail), order worth 99 with no conversation (→
//   customer, no handoff): [direct_mail], value 99.
// dan: an order and nothing else: converts with no touch, so no journey.
class EngineJourneys : public ::testing::Test {
 protected:
  void SetUp() override {
    TouchList t;
    t.add("ann", T0, "website_visit");
    t.add("ann", T0 + kDay, "webinar_attended");
    t.add("ann", T0 + 2 * kDay, "demo_request");
    t.add("ann", T0 + 2 * kDay + kHour, "phone_call");
    t.add("ann", T0 + 3 * kDay, "proposal_sent");
    t.add("ann", T0 + 4 * kDay, "deal_won").value = 500;
    t.add("ann", T0 + 5 * kDay, "newsletter");
    t.add("bob", T0, "website_visit");
    t.add("bob", T0 + kDay, "newsletter");
    t.add("cat", T0, "sales_letter");
    t.add("cat", T0 + kDay, "order_placed").value = 99;
    t.add("dan", T0 + kDay, "order_placed").value = 10;
    const IngestResult r = engine.ingest(t.touches());
    ASSERT_EQ(r.accepted, t.touches().size());
  }
  Engine engine{default_model()};
};

TEST_F(EngineJourneys, FollowTheDocumentedRule) {
  EngineJourneyStats stats;
  auto j = journeys_from_engine(engine, {}, &stats);
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ(stats.leads, 4u);
  EXPECT_EQ(stats.converted, 2u);
  EXPECT_EQ(stats.not_converted, 1u);
  EXPECT_EQ(stats.empty_converted, 1u);
  EXPECT_EQ(stats.empty, 0u);
  ASSERT_EQ(j->size(), 3u);  // ann, bob, cat in lead-id order
  ASSERT_TRUE(j->timed());

  const JourneyView ann = (*j)[0];
  EXPECT_EQ(names(*j, 0), (std::vector<std::string>{"website", "webinar", "website", "phone", "email"}));
  EXPECT_EQ(ann.conversions, 1);
  EXPECT_EQ(ann.nulls, 0);
  EXPECT_EQ(ann.value, 500);
  EXPECT_EQ(ann.end, T0 + 4 * kDay);
  EXPECT_EQ(ann.anchors.handoff, 2);
  EXPECT_EQ(ann.anchors.opportunity, 4);
  EXPECT_EQ(ann.times[3], T0 + 2 * kDay + kHour);

  const JourneyView bob = (*j)[1];
  EXPECT_EQ(names(*j, 1), (std::vector<std::string>{"website", "email"}));
  EXPECT_EQ(bob.conversions, 0);
  EXPECT_EQ(bob.nulls, 1);
  EXPECT_EQ(bob.end, T0 + kDay);

  const JourneyView cat = (*j)[2];
  EXPECT_EQ(names(*j, 2), (std::vector<std::string>{"direct_mail"}));
  EXPECT_EQ(cat.value, 99);
  EXPECT_EQ(cat.anchors.handoff, -1);
  EXPECT_EQ(cat.anchors.opportunity, -1);
}

// W over these: ann: first (website) 30%, handoff (website) 30%, opportunity
// (email) 30%, webinar and phone 5% each; cat: direct_mail 100%. Conversions:
// website 0.6, email 0.3, webinar 0.05, phone 0.05, direct_mail 1. Value: ann's
// 500 split the same way, cat's 99 to direct_mail.
TEST_F(EngineJourneys, WShapedUsesHandoffAndOpportunity) {
  auto j = journeys_from_engine(engine);
  ASSERT_TRUE(j.ok());
  AttributionOptions o;
  o.model = AttributionModel::w_shaped;
  auto a = attribute(*j, o);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_NEAR(conv_of(*a, "website"), 0.6, 1e-15);
  EXPECT_NEAR(conv_of(*a, "email"), 0.3, 1e-15);
  EXPECT_NEAR(conv_of(*a, "webinar"), 0.05, 1e-15);
  EXPECT_NEAR(conv_of(*a, "phone"), 0.05, 1e-15);
  EXPECT_NEAR(conv_of(*a, "direct_mail"), 1.0, 1e-15);
  EXPECT_NEAR(value_of(*a, "website"), 300, 1e-12);
  EXPECT_NEAR(value_of(*a, "direct_mail"), 99, 1e-12);
  EXPECT_EQ(a->total_conversions, 2);
  EXPECT_EQ(a->total_value, 599);
}

// Time decay (half-life 7 days) for ann, relative to her last touch (day 3):
// 3 days, 2 days, 1 day, 23 hours and 0 before it.
TEST_F(EngineJourneys, TimeDecayUsesTouchTimes) {
  auto j = journeys_from_engine(engine);
  ASSERT_TRUE(j.ok());
  AttributionOptions o;
  o.model = AttributionModel::time_decay;
  auto a = attribute(*j, o);
  ASSERT_TRUE(a.ok()) << a.status();
  const double w[] = {std::pow(2.0, -3.0 / 7), std::pow(2.0, -2.0 / 7), std::pow(2.0, -1.0 / 7),
                      std::pow(2.0, -(23.0 / 24) / 7), 1.0};
  const double sum = w[0] + w[1] + w[2] + w[3] + w[4];
  EXPECT_NEAR(conv_of(*a, "website"), (w[0] + w[2]) / sum, 1e-12);
  EXPECT_NEAR(conv_of(*a, "phone"), w[3] / sum, 1e-12);
  EXPECT_NEAR(conv_of(*a, "email"), w[4] / sum, 1e-12);
  EXPECT_NEAR(conv_of(*a, "direct_mail"), 1.0, 1e-12);
}

TEST_F(EngineJourneys, ConversionStageIsChosenAndChecked) {
  EngineJourneyOptions opt;
  opt.conversion_stage = "sal";  // handed to sales: ann at her demo request, nobody else
  EngineJourneyStats stats;
  auto j = journeys_from_engine(engine, opt, &stats);
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ(stats.converted, 1u);
  EXPECT_EQ(stats.not_converted, 2u);  // bob, cat (cat went straight to customer)
  EXPECT_EQ(names(*j, 0), (std::vector<std::string>{"website", "webinar", "website"}));
  EXPECT_EQ((*j)[0].value, 0);  // no outcome with a value before the handoff

  opt.conversion_stage = "custmer";
  auto bad = journeys_from_engine(engine, opt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "conversion_stage: unknown stage \"custmer\" (did you mean \"customer\"?)");
  opt.conversion_stage = "customer";
  opt.opportunity_stage = "oportunity";
  bad = journeys_from_engine(engine, opt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "opportunity_stage: unknown stage \"oportunity\" (did you mean \"opportunity\"?)");
}

TEST(Journeys, AddChecksItsArguments) {
  Journeys j;
  const std::uint32_t a = j.intern_channel("a");
  const std::uint32_t path[] = {a};
  EXPECT_FALSE(j.add({}, 1, 0, 0).ok());
  EXPECT_EQ(j.add(path, -1, 0, 0).message(), "conversions: -1 is negative");
  EXPECT_EQ(j.add(path, 1, std::nan(""), 0).message(), "value: nan is not a finite number");
  const std::uint32_t bad[] = {7};
  EXPECT_EQ(j.add(bad, 1, 0, 0).message(), "channels[0]: 7 is not a channel index (1 channels)");
  const Timestamp times[] = {1};
  EXPECT_EQ(j.add(path, 1, 0, 0, times).message(), "times: given for a Journeys made without times");
  EXPECT_EQ(j.add(path, 1, 0, 0, {}, 0, JourneyAnchors{3, -1}).message(), "anchors.handoff: 3 is not a position");
  EXPECT_EQ(j.size(), 0u);
  Journeys timed(true);
  EXPECT_FALSE(timed.append(j).ok());
}

}  // namespace
}  // namespace doorway
