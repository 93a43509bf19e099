// Tests for Segment-spec events as touches: event names to catalog types (the
// model's "events" lists, then the automatic match), and whole Segment calls read
// by the JSON Lines parser. Expected types are read off the default model file
// (src/default_model.json) by hand; instants as in touch_reader_test.cpp
// (2024-03-01T09:30:00Z = 1709285400 s).
#include "doorway/segment.hpp"

#include <gtest/gtest.h>

#include "doorway/channel_rules.hpp"
#include "doorway/default_model.hpp"
#include "doorway/model.hpp"
#include "doorway/touch_reader.hpp"

namespace doorway {
namespace {

constexpr Timestamp kMarch1At0930 = 1709285400LL * kSecond;

TEST(SegmentEventNames, Normalize) {
  EXPECT_EQ(normalize_event_name("Demo Requested"), "demo_requested");
  EXPECT_EQ(normalize_event_name("  Email-Opened!! "), "email_opened");
  EXPECT_EQ(normalize_event_name("webinar_attended"), "webinar_attended");
  EXPECT_EQ(normalize_event_name("DemoRequested"), "demorequested");  // camel case is not split
  EXPECT_EQ(normalize_event_name("Step 2 done"), "step_2_done");
}

TEST(SegmentEventNames, MapToTheDefaultCatalog) {
  const SegmentEventMap map(default_model()->catalog());
  // Listed in the catalog's "events".
  EXPECT_EQ(map.type_for("Email Opened"), "email_campaign_open");
  EXPECT_EQ(map.type_for("Email Link Clicked"), "email_campaign_click");
  EXPECT_EQ(map.type_for("Call Completed"), "phone_call");
  EXPECT_EQ(map.type_for("Order Completed"), "order_placed");
  EXPECT_EQ(map.type_for("Opportunity Won"), "deal_won");
  // The name is the id.
  EXPECT_EQ(map.type_for("Webinar Attended"), "webinar_attended");
  EXPECT_EQ(map.type_for("Order Placed"), "order_placed");
  EXPECT_EQ(map.type_for("demo_request"), "demo_request");
  // The past tense dropped: -ed, then -d.
  EXPECT_EQ(map.type_for("Demo Requested"), "demo_request");
  EXPECT_EQ(map.type_for("Page Viewed"), "page_view");
  EXPECT_EQ(map.type_for("Content Downloaded"), "content_download");
  EXPECT_EQ(map.type_for("email campaign opened"), "email_campaign_open");
  // Nothing close enough.
  EXPECT_EQ(map.type_for("Cart Viewed"), "");
}

TEST(SegmentEventNames, ListedNamesWinOverTheAutomaticMatch) {
  Catalog cat;
  TouchTypeInfo meeting;
  meeting.id = "meeting";
  meeting.team = Team::sales;
  cat.add_type(meeting);
  TouchTypeInfo booked;
  booked.id = "meeting_booked";
  booked.team = Team::marketing;
  booked.events = {"Meeting"};
  cat.add_type(booked);
  const SegmentEventMap map(cat);
  EXPECT_EQ(map.type_for("Meeting"), "meeting_booked");
  EXPECT_EQ(map.type_for("Meeting Booked"), "meeting_booked");
}

class SegmentCalls : public ::testing::Test {
 protected:
  SegmentCalls() : events_(default_model()->catalog()) {
    options_.events = &events_;
    options_.channels = default_channel_rules().get();
  }
  SegmentEventMap events_;
  TouchReaderOptions options_;
};

TEST_F(SegmentCalls, ATrackCallIsATouch) {
  TouchJsonParser parser(options_);
  OwnedTouch t;
  std::string what;
  ASSERT_EQ(parser.parse(R"({"type":"track","event":"Demo Requested","messageId":"m-1","userId":"u-7",)"
                         R"("anonymousId":"a-1","timestamp":"2024-03-01T09:30:00.000Z",)"
                         R"("properties":{"plan":"pro","revenue":99.5},)"
                         R"("context":{"groupId":"acme","traits":{"industry":"retail"},)"
                         R"("campaign":{"source":"google","medium":"cpc","name":"spring","term":"crm","content":"a"}}})",
                         t, what),
            ParseResult::touch)
      << what;
  EXPECT_TRUE(parser.last_was_segment());
  EXPECT_EQ(t.event_id, "m-1");
  EXPECT_EQ(t.lead_id, "u-7");
  EXPECT_EQ(t.account_id, "acme");
  EXPECT_EQ(t.timestamp, kMarch1At0930);
  EXPECT_EQ(t.type, "demo_request");
  EXPECT_EQ(t.channel, "paid_search");  // google / cpc through the GA4 rules
  EXPECT_EQ(t.value, 99.5);             // properties.revenue
  EXPECT_EQ(t.campaign, (Campaign{"google", "cpc", "spring", "crm", "a"}));
  ASSERT_EQ(t.properties.size(), 2u);
  EXPECT_EQ(t.properties[0], (OwnedProperty{"plan", "pro"}));
  EXPECT_EQ(t.properties[1], (OwnedProperty{"revenue", "99.5"}));
  ASSERT_EQ(t.traits.size(), 1u);
  EXPECT_EQ(t.traits[0], (OwnedProperty{"industry", "retail"}));
}

TEST_F(SegmentCalls, PageCallsArePageViewsAndIdentifyCallsAreSkipped) {
  TouchJsonParser parser(options_);
  OwnedTouch t;
  std::string what;
  ASSERT_EQ(parser.parse(R"({"type":"page","name":"Pricing","messageId":"m-2","anonymousId":"a-1",)"
                         R"("timestamp":"2024-03-01T09:30:00Z","properties":{"channel":"website"}})",
                         t, what),
            ParseResult::touch)
      << what;
  EXPECT_EQ(t.type, "page_view");
  EXPECT_EQ(t.lead_id, "a-1");
  EXPECT_EQ(t.channel, "website");  // properties.channel
  EXPECT_EQ(parser.parse(R"({"type":"identify","userId":"u-7","traits":{"plan":"pro"}})", t, what),
            ParseResult::skipped);
  EXPECT_EQ(what, "a Segment identify call carries no touch");
}

TEST_F(SegmentCalls, AnUnmappedEventNameIsKept) {
  OwnedTouch t;
  std::string what;
  ASSERT_TRUE(parse_touch_json(R"({"type":"track","event":"Cart Viewed","messageId":"m","userId":"u","timestamp":0})",
                               t, what, options_))
      << what;
  EXPECT_EQ(t.type, "Cart Viewed");
}

TEST_F(SegmentCalls, TheDialectDecidesWhatTypeMeans) {
  OwnedTouch t;
  std::string what;
  // Canonical: `type` is the touch type, even "track".
  TouchReaderOptions canonical = options_;
  canonical.dialect = JsonDialect::canonical;
  ASSERT_TRUE(parse_touch_json(R"({"event_id":"e","type":"track","timestamp":0})", t, what, canonical));
  EXPECT_EQ(t.type, "track");
  // Segment: a `type` that is not a call type is an error; no `type` is a track call.
  TouchReaderOptions segment = options_;
  segment.dialect = JsonDialect::segment;
  EXPECT_FALSE(parse_touch_json(R"({"messageId":"m","type":"tv_ad","timestamp":0})", t, what, segment));
  EXPECT_EQ(what, "\"type\" must be a Segment call type (track, page, screen, identify, group, alias)");
  ASSERT_TRUE(parse_touch_json(R"({"messageId":"m","event":"Email Opened","timestamp":0})", t, what, segment));
  EXPECT_EQ(t.type, "email_campaign_open");
}

}  // namespace
}  // namespace doorway
