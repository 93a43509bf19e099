// Classification of every default catalog type, and the classifier's rule order.
// Expected teams and rules come from the seed rules applied by hand to the axes
// each type is documented with in src/default_model.cpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doorway/classify.hpp"
#include "doorway/default_model.hpp"

namespace doorway {
namespace {

struct Expect {
  const char* type;
  Team team;
  const char* rule;
};

Classification of(std::string_view type) {
  Touch t;
  t.type = type;
  return classify(default_model()->catalog(), t);
}

TEST(Classify, EveryMarketingTypeIsMarketing) {
  // One-way content and advertising: seed.one_way.
  for (const char* type :
       {"tv_ad", "radio_ad", "print_ad", "display_ad", "search_ad", "social_ad", "brochure", "pamphlet",
        "video_view", "website_visit", "page_view", "blog_post_view", "blog_comment", "social_post",
        "social_engagement", "pr_mention", "direct_mail", "sales_letter", "newsletter", "email_campaign_open",
        "email_campaign_click", "webinar_attended", "event_attended", "content_download", "form_submitted",
        "gift_sent", "customer_education"}) {
    SCOPED_TRACE(type);
    const Classification c = of(type);
    EXPECT_TRUE(c.known_type);
    EXPECT_EQ(c.team, Team::marketing);
    EXPECT_EQ(rule_id(c.rule), "seed.one_way");
    EXPECT_FALSE(c.initiated_contact());
  }
}

TEST(Classify, InteractiveButOneToManyIsStillMarketing) {
  // A booth or a networking event is a conversation with many: seeds/001, 002.
  for (const char* type : {"trade_show_booth_visit", "networking_event"}) {
    SCOPED_TRACE(type);
    const Classification c = of(type);
    EXPECT_EQ(c.team, Team::marketing);
    EXPECT_EQ(rule_id(c.rule), "seed.one_to_many");
    EXPECT_EQ(c.axes.interaction, Interaction::two_way);
  }
}

TEST(Classify, DoorTouchesAreMarketingInitiatedByTheProspect) {
  for (const char* type : {"email_inquiry", "contact_request", "demo_request"}) {
    SCOPED_TRACE(type);
    const Classification c = of(type);
    EXPECT_EQ(c.team, Team::marketing);
    EXPECT_EQ(rule_id(c.rule), "seed.one_way");
    EXPECT_EQ(c.kind, TouchKind::door);
    EXPECT_EQ(c.axes.initiator, Initiator::prospect);
    EXPECT_EQ(c.axes.audience, Audience::one_to_one);
    EXPECT_TRUE(c.initiated_contact());
  }
}

TEST(Classify, EverySalesTypeIsOneToOneTwoWay) {
  for (const char* type :
       {"cold_call", "door_to_door_visit", "phone_call", "inbound_call", "meeting", "face_to_face_meeting",
        "introduction", "email_inquiry_reply", "website_contact_reply", "sales_email", "demo", "proposal_sent",
        "negotiation"}) {
    SCOPED_TRACE(type);
    const Classification c = of(type);
    EXPECT_EQ(c.team, Team::sales);
    EXPECT_EQ(rule_id(c.rule), "seed.one_to_one_two_way");
  }
  EXPECT_TRUE(of("inbound_call").initiated_contact());
  EXPECT_FALSE(of("cold_call").initiated_contact());
}

TEST(Classify, Outcomes) {
  const std::vector<Expect> expected = {
      {"order_placed", Team::marketing, "seed.one_way"},  // seeds/004: no interaction
      {"sales_accepted", Team::sales, "catalog.team"},
      {"sales_rejected", Team::sales, "catalog.team"},
      {"deal_won", Team::sales, "catalog.team"},
      {"deal_lost", Team::sales, "catalog.team"},
      {"disqualified", Team::sales, "catalog.team"},
      {"unsubscribed", Team::marketing, "seed.one_way"},
      {"referral_given", Team::marketing, "seed.one_way"},
      {"review_posted", Team::marketing, "seed.one_way"},
  };
  for (const Expect& e : expected) {
    SCOPED_TRACE(e.type);
    const Classification c = of(e.type);
    EXPECT_EQ(c.team, e.team);
    EXPECT_EQ(rule_id(c.rule), e.rule);
    EXPECT_EQ(c.kind, TouchKind::outcome);
    EXPECT_FALSE(c.initiated_contact());
  }
}

TEST(Classify, NoCatalogTypeIsLeftUnknown) {
  const Catalog& cat = default_model()->catalog();
  EXPECT_GE(cat.type_count(), 54u);
  for (const TouchTypeInfo& t : cat.types()) {
    SCOPED_TRACE(t.id);
    EXPECT_NE(of(t.id).team, Team::unknown);
    EXPECT_NE(t.team, Team::unknown) << "every touch type has an owning team (seeds/002)";
  }
}

TEST(Classify, ExplicitTeamOverridesEverything) {
  Touch t;
  t.type = "newsletter";
  t.team = Team::sales;
  const Classification c = classify(default_model()->catalog(), t);
  EXPECT_EQ(c.team, Team::sales);
  EXPECT_EQ(rule_id(c.rule), "override.team");
}

TEST(Classify, AxesOnTheTouchOverrideTheCatalog) {
  // A newsletter answered one-to-one in a real exchange is a sales conversation.
  Touch t;
  t.type = "newsletter";
  t.audience = Audience::one_to_one;
  t.interaction = Interaction::two_way;
  Classification c = classify(default_model()->catalog(), t);
  EXPECT_EQ(c.team, Team::sales);
  EXPECT_EQ(rule_id(c.rule), "seed.one_to_one_two_way");

  // A phone call that only left a voicemail was one-way: marketing.
  Touch v;
  v.type = "phone_call";
  v.interaction = Interaction::one_way;
  c = classify(default_model()->catalog(), v);
  EXPECT_EQ(c.team, Team::marketing);
  EXPECT_EQ(rule_id(c.rule), "seed.one_way");
  EXPECT_EQ(c.axes.audience, Audience::one_to_one);  // still filled from the catalog
}

TEST(Classify, UnknownTypeFallsBackToItsChannel) {
  const Catalog& cat = default_model()->catalog();
  Touch t;
  t.type = "podcast_listen";
  t.channel = "audio";
  Classification c = classify(cat, t);
  EXPECT_FALSE(c.known_type);
  EXPECT_EQ(c.team, Team::marketing);
  EXPECT_EQ(rule_id(c.rule), "channel.one_way");

  t.type = "zoom_call";
  t.channel = "video_call";
  c = classify(cat, t);
  EXPECT_EQ(c.team, Team::sales);
  EXPECT_EQ(rule_id(c.rule), "channel.one_to_one_two_way");

  // The events channel knows its audience but not its interaction.
  t.type = "meetup";
  t.channel = "events";
  c = classify(cat, t);
  EXPECT_EQ(c.team, Team::marketing);
  EXPECT_EQ(rule_id(c.rule), "channel.one_to_many");
}

TEST(Classify, UnknownTypeWithoutChannelIsReportedUnknown) {
  const Catalog& cat = default_model()->catalog();
  Touch t;
  t.type = "carrier_pigeon";
  Classification c = classify(cat, t);
  EXPECT_EQ(c.team, Team::unknown);
  EXPECT_EQ(rule_id(c.rule), "unknown.type_without_channel");

  // ... unless the touch itself says enough: its own axes decide by the seed rule.
  t.audience = Audience::one_to_one;
  t.interaction = Interaction::two_way;
  c = classify(cat, t);
  EXPECT_EQ(c.team, Team::sales);
  EXPECT_EQ(rule_id(c.rule), "seed.one_to_one_two_way");

  // One-to-one with an unknown interaction is not enough to guess.
  t.interaction = Interaction::unknown;
  c = classify(cat, t);
  EXPECT_EQ(c.team, Team::unknown);
}

TEST(Classify, UnknownAxesOnAKnownTypeWithoutTeamAreReported) {
  Catalog cat;
  cat.add_type({"mystery", TouchKind::contact, Team::unknown, Axes{}, "", ""});
  Touch t;
  t.type = "mystery";
  const Classification c = classify(cat, t);
  EXPECT_EQ(c.team, Team::unknown);
  EXPECT_EQ(rule_id(c.rule), "unknown.axes");
}

}  // namespace
}  // namespace doorway
