// Tests for the JSON Lines touch reader: canonical and Segment field names,
// timestamps (worked out by hand), bad lines with their numbers and messages,
// blank lines, campaign fields, the canonical writer, and the any-input reader's
// format detection.
#include "doorway/touch_reader.hpp"

#include <gtest/gtest.h>

#include "doorway/channel_rules.hpp"
#include "doorway/touch_file_reader.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace doorway {
namespace {

// 2024-03-01T00:00:00Z: 2024-01-01 is day 19723 since the epoch (1704067200 s);
// January has 31 days and February 2024 29, so March 1 is day 19723 + 60 = 19783,
// i.e. 19783 * 86400 = 1709251200 s.
constexpr Timestamp kMarch1 = 1709251200LL * kSecond;
// 09:30 that day: + 9.5 h = + 34200 s.
constexpr Timestamp kMarch1At0930 = kMarch1 + 34200LL * kSecond;

OwnedTouch parse_ok(const std::string& line, TouchReaderOptions options = {}) {
  OwnedTouch t;
  std::string what;
  EXPECT_TRUE(parse_touch_json(line, t, what, options)) << line << " -> " << what;
  return t;
}

std::string parse_error(const std::string& line, TouchReaderOptions options = {}) {
  OwnedTouch t;
  std::string what;
  EXPECT_FALSE(parse_touch_json(line, t, what, options)) << line;
  return what;
}

TEST(TouchReaderTest, CanonicalFieldsAreRead) {
  const OwnedTouch t = parse_ok(
      R"({"event_id":"e1","lead_id":"ada","account_id":"acme","timestamp":"2024-03-01T09:30:00Z",)"
      R"("type":"webinar_attended","channel":"webinar","audience":"one_to_many","interaction":"one_way",)"
      R"("initiator":"prospect","team":"marketing","value":12.5,"outcome":"attended",)"
      R"("properties":{"campaign":"spring"},"traits":{"plan":"pro"},"ignored":[1,2,3]})");
  EXPECT_EQ(t.event_id, "e1");
  EXPECT_EQ(t.lead_id, "ada");
  EXPECT_EQ(t.account_id, "acme");
  EXPECT_EQ(t.timestamp, kMarch1At0930);
  EXPECT_EQ(t.type, "webinar_attended");
  EXPECT_EQ(t.channel, "webinar");
  EXPECT_EQ(t.audience, Audience::one_to_many);
  EXPECT_EQ(t.interaction, Interaction::one_way);
  EXPECT_EQ(t.initiator, Initiator::prospect);
  EXPECT_EQ(t.team, Team::marketing);
  ASSERT_TRUE(t.value.has_value());
  EXPECT_EQ(*t.value, 12.5);
  EXPECT_EQ(t.outcome, "attended");
  ASSERT_EQ(t.properties.size(), 1u);
  EXPECT_EQ(t.properties[0], (OwnedProperty{"campaign", "spring"}));
  ASSERT_EQ(t.traits.size(), 1u);
  EXPECT_EQ(t.traits[0], (OwnedProperty{"plan", "pro"}));
}

TEST(TouchReaderTest, OptionalFieldsDefaultToUnknownAndEmpty) {
  const OwnedTouch t = parse_ok(R"({"event_id":"e1","timestamp":"2024-03-01T09:30:00Z"})");
  EXPECT_EQ(t.lead_id, "");
  EXPECT_EQ(t.account_id, "");
  EXPECT_EQ(t.type, "");
  EXPECT_EQ(t.audience, Audience::unknown);
  EXPECT_EQ(t.interaction, Interaction::unknown);
  EXPECT_EQ(t.initiator, Initiator::unknown);
  EXPECT_EQ(t.team, Team::unknown);
  EXPECT_FALSE(t.value.has_value());
  EXPECT_TRUE(t.properties.empty());
}

TEST(TouchReaderTest, SegmentNamesAreAccepted) {
  const OwnedTouch t = parse_ok(
      R"({"messageId":"m-1","userId":"u-7","anonymousId":"anon-1","event":"demo_request",)"
      R"("timestamp":"2024-03-01T09:30:00Z","context":{"groupId":"acme"}})");
  EXPECT_EQ(t.event_id, "m-1");
  EXPECT_EQ(t.lead_id, "u-7");  // userId wins over anonymousId
  EXPECT_EQ(t.type, "demo_request");
  EXPECT_EQ(t.account_id, "acme");
}

TEST(TouchReaderTest, AnonymousIdIsTheLeadWhenThereIsNoUserId) {
  const OwnedTouch t =
      parse_ok(R"({"messageId":"m-1","userId":null,"anonymousId":"anon-1","timestamp":0})");
  EXPECT_EQ(t.lead_id, "anon-1");
}

TEST(TouchReaderTest, CanonicalNamesWinOverSegmentNames) {
  const OwnedTouch t = parse_ok(
      R"({"event_id":"e1","messageId":"m-1","lead_id":"ada","userId":"u-7","type":"page_view",)"
      R"("event":"Page Viewed","account_id":"a1","context":{"groupId":"g1"},"timestamp":0})");
  EXPECT_EQ(t.event_id, "e1");
  EXPECT_EQ(t.lead_id, "ada");
  EXPECT_EQ(t.type, "page_view");
  EXPECT_EQ(t.account_id, "a1");
}

TEST(TouchReaderTest, NumericIdsBecomeText) {
  const OwnedTouch t =
      parse_ok(R"({"event_id":42,"lead_id":7,"account_id":-3,"timestamp":"2024-03-01T09:30:00Z"})");
  EXPECT_EQ(t.event_id, "42");
  EXPECT_EQ(t.lead_id, "7");
  EXPECT_EQ(t.account_id, "-3");
}

TEST(TouchReaderTest, IsoTimestampsWithOffsetsAreUtc) {
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":"2024-03-01T09:30:00Z"})").timestamp, kMarch1At0930);
  // 10:30 at +01:00 and 04:30 at -05:00 are both 09:30 UTC.
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":"2024-03-01T10:30:00+01:00"})").timestamp, kMarch1At0930);
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":"2024-03-01T04:30:00-05:00"})").timestamp, kMarch1At0930);
  // Fractions of a second are kept to the microsecond.
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":"2024-03-01T09:30:00.25Z"})").timestamp,
            kMarch1At0930 + 250 * kMillisecond);
}

TEST(TouchReaderTest, NumericTimestampsAreEpochMilliseconds) {
  // 1709285400 s since the epoch is 2024-03-01T09:30:00Z (see kMarch1At0930).
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":1709285400000})").timestamp, kMarch1At0930);
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":1709285400123})").timestamp,
            kMarch1At0930 + 123 * kMillisecond);
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":1709285400000.5})").timestamp,
            kMarch1At0930 + 500 * kMicrosecond);
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":0})").timestamp, 0);
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":-1000})").timestamp, -1 * kSecond);
}

TEST(TouchReaderTest, BadTimestampsAreRejected) {
  const std::string msg = "timestamp is not ISO-8601 with an offset nor epoch milliseconds";
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":"2024-03-01T09:30:00"})"), msg);  // no offset
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":"yesterday"})"), msg);
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":"2024-02-30T09:30:00Z"})"), msg);
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":true})"), msg);
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":1e300})"), msg);  // out of range
  EXPECT_EQ(parse_error(R"({"event_id":"e"})"), "timestamp is missing");
}

TEST(TouchReaderTest, TimestampMayBeOptional) {
  TouchReaderOptions options;
  options.require_timestamp = false;
  EXPECT_EQ(parse_ok(R"({"event_id":"e","type":"tv_ad"})", options).timestamp, 0);
  // One that is there must still be valid.
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":"soon"})", options),
            "timestamp is not ISO-8601 with an offset nor epoch milliseconds");
}

TEST(TouchReaderTest, FieldErrorsNameTheField) {
  EXPECT_EQ(parse_error(R"({"timestamp":0})"), "event_id is missing (nor is there a messageId)");
  EXPECT_EQ(parse_error(R"({"event_id":"","timestamp":0})"), "\"event_id\" is empty");
  EXPECT_EQ(parse_error(R"({"event_id":true,"timestamp":0})"), "\"event_id\" must be a string or a number");
  EXPECT_EQ(parse_error(R"({"messageId":["x"],"timestamp":0})"), "\"messageId\" must be a string or a number");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"audience":"everyone"})"),
            "\"audience\" must be one of one_to_many, one_to_one, unknown");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"interaction":2})"),
            "\"interaction\" must be one of one_way, two_way, unknown");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"initiator":"customer"})"),
            "\"initiator\" must be one of business, prospect, unknown");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"team":"Sales"})"),
            "\"team\" must be one of marketing, sales, unknown");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"value":"12"})"), "\"value\" must be a number");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"type":5})"), "\"type\" must be a string");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"event":5})"), "\"event\" must be a string");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"properties":[1]})"),
            "\"properties\" must be an object");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0,"traits":"pro"})"), "\"traits\" must be an object");
  EXPECT_EQ(parse_error(R"([1,2])"), "not a JSON object (found array)");
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0)").rfind("not valid JSON: ", 0), 0u);
}

TEST(TouchReaderTest, PropertyValuesAreKeptAsText) {
  const OwnedTouch t = parse_ok(
      R"({"event_id":"e","timestamp":0,"properties":{"plan":"pro","seats":5,"trial":true,"ratio":0.5,)"
      R"("tags":["a"],"none":null}})");
  ASSERT_EQ(t.properties.size(), 6u);
  // In the line's order; nested values as their JSON text, null as empty.
  EXPECT_EQ(t.properties[0], (OwnedProperty{"plan", "pro"}));
  EXPECT_EQ(t.properties[1], (OwnedProperty{"seats", "5"}));
  EXPECT_EQ(t.properties[2], (OwnedProperty{"trial", "true"}));
  EXPECT_EQ(t.properties[3], (OwnedProperty{"ratio", "0.5"}));
  EXPECT_EQ(t.properties[4], (OwnedProperty{"tags", "[\"a\"]"}));
  EXPECT_EQ(t.properties[5], (OwnedProperty{"none", ""}));
}

TEST(TouchReaderTest, EscapesAndUnicodeAreDecoded) {
  const OwnedTouch t = parse_ok(R"({"event_id":"e\"1","lead_id":"Jos\u00e9","timestamp":0,"type":"tv_ad"})");
  EXPECT_EQ(t.event_id, "e\"1");
  EXPECT_EQ(t.lead_id, "Jos\xC3\xA9");  // U+00E9 in UTF-8
}

TEST(TouchReaderTest, TextAfterTheObjectIsAnError) {
  EXPECT_EQ(parse_error(R"({"event_id":"e","timestamp":0} {"x":1})").rfind("not valid JSON: ", 0), 0u);
}

TEST(TouchReaderTest, CampaignFieldsAreReadAndGiveAChannel) {
  TouchReaderOptions options;
  options.channels = default_channel_rules().get();
  const OwnedTouch t = parse_ok(
      R"({"event_id":"e","timestamp":0,"type":"page_view","utm_source":"newsletter","utm_medium":"email",)"
      R"("utm_campaign":"spring","utm_term":"crm","utm_content":"top"})",
      options);
  EXPECT_EQ(t.campaign, (Campaign{"newsletter", "email", "spring", "crm", "top"}));
  EXPECT_EQ(t.channel, "email");  // GA4: source or medium "email"
  // A channel given wins.
  EXPECT_EQ(parse_ok(R"({"event_id":"e","timestamp":0,"channel":"direct","utm_medium":"email"})", options).channel,
            "direct");
}

TEST(TouchReaderTest, CanonicalJsonReadsBackTheSameTouch) {
  const std::string line =
      R"({"event_id":"e1","lead_id":"ada","account_id":"acme","timestamp":"2024-03-01T09:30:00.250000Z",)"
      R"("type":"phone_call","channel":"phone","audience":"one_to_one","interaction":"two_way",)"
      R"("initiator":"business","team":"sales","value":3.5,"outcome":"won","utm_source":"s",)"
      R"("utm_medium":"m","utm_campaign":"c","utm_term":"t","utm_content":"x",)"
      R"("properties":{"k":"v \"q\""},"traits":{"plan":"pro"}})";
  const OwnedTouch t = parse_ok(line);
  std::string out;
  append_touch_json(out, t);
  // Every field is written, in the documented order, so the text is the line itself.
  EXPECT_EQ(out, line);
  const OwnedTouch back = parse_ok(out);
  EXPECT_EQ(back.timestamp, kMarch1At0930 + 250 * kMillisecond);
  EXPECT_EQ(back.properties, t.properties);
  EXPECT_EQ(back.campaign, t.campaign);
}

TEST(TouchFileReaderTest, DetectsJsonOrCsvFromTheContent) {
  TouchFileOptions options;
  auto json = TouchFileReader::from_input(
      ByteInput::from_string("\n  {\"event_id\":\"e\",\"lead_id\":\"l\",\"timestamp\":0,\"type\":\"tv_ad\"}\n", "a"),
      options);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ((*json)->format(), InputFormat::jsonl);
  OwnedTouch t;
  ReadError err;
  ASSERT_EQ(*(*json)->next(t, err), ReadStatus::touch);
  EXPECT_EQ(t.source_line, 2u);
  EXPECT_EQ((*json)->line(), "  {\"event_id\":\"e\",\"lead_id\":\"l\",\"timestamp\":0,\"type\":\"tv_ad\"}");

  auto csv = TouchFileReader::from_input(
      ByteInput::from_string("event_id,lead_id,timestamp,type\ne,l,1970-01-01T00:00:00Z,tv_ad\n", "b"), options);
  ASSERT_TRUE(csv.ok()) << csv.status();
  EXPECT_EQ((*csv)->format(), InputFormat::csv);
  ASSERT_EQ(*(*csv)->next(t, err), ReadStatus::touch) << err.message();
  EXPECT_EQ(t.event_id, "e");
  EXPECT_EQ(t.source_line, 2u);
  EXPECT_EQ(*(*csv)->next(t, err), ReadStatus::end);

  // An empty input has no touches, whatever its format.
  auto empty = TouchFileReader::from_input(ByteInput::from_string("", "c"), options);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*(*empty)->next(t, err), ReadStatus::end);
}

TEST(TouchFileReaderTest, BadLinesAreNumberedAndSegmentCallsCounted) {
  TouchFileOptions options;
  auto r = TouchFileReader::from_input(
      ByteInput::from_string("{\"type\":\"identify\",\"userId\":\"u\"}\n"
                             "{\"event_id\":\"e\"}\n"
                             "{\"event_id\":\"f\",\"lead_id\":\"l\",\"timestamp\":0}\n",
                             "in.jsonl"),
      options);
  ASSERT_TRUE(r.ok());
  OwnedTouch t;
  ReadError err;
  ASSERT_EQ(*(*r)->next(t, err), ReadStatus::error);
  EXPECT_EQ(err.message(), "in.jsonl:2: timestamp is missing");
  ASSERT_EQ(*(*r)->next(t, err), ReadStatus::touch);
  EXPECT_EQ(t.event_id, "f");
  EXPECT_EQ(*(*r)->next(t, err), ReadStatus::end);
  EXPECT_EQ((*r)->skipped(), 1u);
  EXPECT_EQ((*r)->errors(), 1u);
  EXPECT_EQ((*r)->touches_read(), 1u);
}

TEST(TouchReaderTest, ViewBorrowsEveryField) {
  const OwnedTouch t = parse_ok(
      R"({"event_id":"e1","lead_id":"ada","account_id":"acme","timestamp":"2024-03-01T09:30:00Z",)"
      R"("type":"phone_call","channel":"phone","audience":"one_to_one","interaction":"two_way",)"
      R"("initiator":"business","team":"sales","value":3,"outcome":"won",)"
      R"("properties":{"k":"v","n":1},"traits":{"plan":"pro"}})");
  const Touch v = t.view();
  EXPECT_EQ(v.event_id, "e1");
  EXPECT_EQ(v.event_id.data(), t.event_id.data());  // borrowed, not copied
  EXPECT_EQ(v.lead_id, "ada");
  EXPECT_EQ(v.account_id, "acme");
  EXPECT_EQ(v.timestamp, kMarch1At0930);
  EXPECT_EQ(v.type, "phone_call");
  EXPECT_EQ(v.channel, "phone");
  EXPECT_EQ(v.axes(), (Axes{Audience::one_to_one, Interaction::two_way, Initiator::business}));
  EXPECT_EQ(v.team, Team::sales);
  EXPECT_EQ(v.value, 3.0);
  EXPECT_EQ(v.outcome, "won");
  ASSERT_EQ(v.properties.size(), 2u);
  EXPECT_EQ(v.properties[0].key, "k");
  EXPECT_EQ(v.properties[0].value, "v");
  EXPECT_EQ(v.properties[1].key, "n");
  EXPECT_EQ(v.properties[1].value, "1");
  ASSERT_EQ(v.traits.size(), 1u);
  EXPECT_EQ(v.traits[0].key, "plan");
  EXPECT_EQ(v.traits[0].value, "pro");

  // A copy lends its own strings.
  const OwnedTouch copy = t;
  const Touch cv = copy.view();
  EXPECT_EQ(cv.properties[0].key.data(), copy.properties[0].key.data());
  EXPECT_EQ(cv.properties[0].value, "v");
}

TEST(TouchReaderTest, ErrorMessageNamesSourceAndLine) {
  const ReadError e{"events.jsonl", 12, "timestamp is missing"};
  EXPECT_EQ(e.message(), "events.jsonl:12: timestamp is missing");
}

TEST(TouchReaderTest, BadLinesAreReportedWithTheirNumbersAndReadingGoesOn) {
  std::istringstream in(
      "{\"event_id\":\"e1\",\"lead_id\":\"l\",\"timestamp\":\"2024-03-01T09:30:00Z\",\"type\":\"tv_ad\"}\n"  // 1
      "\n"                                                                                             // 2
      "{\"event_id\":\"e3\",\"lead_id\":\"l\",\"timestamp\":\"2024-03-01T09:30:00\"}\n"                 // 3
      "not json\n"                                                                                     // 4
      "{\"lead_id\":\"l\",\"timestamp\":0}\n"                                                          // 5
      "{\"event_id\":\"e6\",\"timestamp\":0,\"audience\":\"everyone\"}\n"                              // 6
      "   \t \n"                                                                                       // 7
      "{\"event_id\":\"e8\",\"lead_id\":\"l\",\"timestamp\":1709285400000}\r\n"                         // 8
      "{\"event_id\":\"e9\"}");                                                                        // 9, no newline
  TouchReader reader(in, "events.jsonl");
  OwnedTouch t;
  ReadError err;

  ASSERT_EQ(reader.next(t, err), ReadStatus::touch);
  EXPECT_EQ(t.event_id, "e1");
  EXPECT_EQ(t.source_line, 1u);
  EXPECT_EQ(reader.line_number(), 1u);

  ASSERT_EQ(reader.next(t, err), ReadStatus::error);
  EXPECT_EQ(err.message(), "events.jsonl:3: timestamp is not ISO-8601 with an offset nor epoch milliseconds");
  EXPECT_EQ(reader.line(), "{\"event_id\":\"e3\",\"lead_id\":\"l\",\"timestamp\":\"2024-03-01T09:30:00\"}");

  ASSERT_EQ(reader.next(t, err), ReadStatus::error);
  EXPECT_EQ(err.source, "events.jsonl");
  EXPECT_EQ(err.line, 4u);
  EXPECT_EQ(err.what.rfind("not valid JSON: ", 0), 0u) << err.what;

  ASSERT_EQ(reader.next(t, err), ReadStatus::error);
  EXPECT_EQ(err.message(), "events.jsonl:5: event_id is missing (nor is there a messageId)");

  ASSERT_EQ(reader.next(t, err), ReadStatus::error);
  EXPECT_EQ(err.message(), "events.jsonl:6: \"audience\" must be one of one_to_many, one_to_one, unknown");

  ASSERT_EQ(reader.next(t, err), ReadStatus::touch);  // line 7 is blank
  EXPECT_EQ(t.event_id, "e8");
  EXPECT_EQ(t.source_line, 8u);
  EXPECT_EQ(t.timestamp, kMarch1At0930);
  EXPECT_EQ(reader.line(), "{\"event_id\":\"e8\",\"lead_id\":\"l\",\"timestamp\":1709285400000}");  // no \r

  ASSERT_EQ(reader.next(t, err), ReadStatus::error);
  EXPECT_EQ(err.message(), "events.jsonl:9: timestamp is missing");

  EXPECT_EQ(reader.next(t, err), ReadStatus::end);
  EXPECT_EQ(reader.next(t, err), ReadStatus::end);
  EXPECT_EQ(reader.touches_read(), 2u);
  EXPECT_EQ(reader.errors(), 5u);
  EXPECT_EQ(reader.line_number(), 9u);
  EXPECT_FALSE(reader.stream_failed());
}

TEST(TouchReaderTest, BlankInputHasNoTouches) {
  std::istringstream in("\n\n   \n\r\n");
  TouchReader reader(in, "-");
  OwnedTouch t;
  ReadError err;
  EXPECT_EQ(reader.next(t, err), ReadStatus::end);
  EXPECT_EQ(reader.touches_read(), 0u);
  EXPECT_EQ(reader.errors(), 0u);
  EXPECT_EQ(reader.line_number(), 4u);
}

TEST(TouchReaderTest, ByteOrderMarkIsSkipped) {
  std::istringstream in("\xEF\xBB\xBF{\"event_id\":\"e1\",\"timestamp\":0}\n");
  TouchReader reader(in, "bom.jsonl");
  OwnedTouch t;
  ReadError err;
  ASSERT_EQ(reader.next(t, err), ReadStatus::touch) << err.message();
  EXPECT_EQ(t.event_id, "e1");
}

TEST(TouchReaderTest, ReusedTouchIsClearedBetweenLines) {
  std::istringstream in(
      "{\"event_id\":\"e1\",\"lead_id\":\"l\",\"timestamp\":0,\"value\":5,\"channel\":\"email\","
      "\"team\":\"sales\",\"properties\":{\"a\":\"b\"}}\n"
      "{\"event_id\":\"e2\",\"timestamp\":0}\n");
  TouchReader reader(in, "-");
  OwnedTouch t;
  ReadError err;
  ASSERT_EQ(reader.next(t, err), ReadStatus::touch);
  ASSERT_EQ(reader.next(t, err), ReadStatus::touch);
  EXPECT_EQ(t.event_id, "e2");
  EXPECT_EQ(t.lead_id, "");
  EXPECT_EQ(t.channel, "");
  EXPECT_EQ(t.team, Team::unknown);
  EXPECT_FALSE(t.value.has_value());
  EXPECT_TRUE(t.properties.empty());
  EXPECT_EQ(t.source_line, 2u);
}

}  // namespace
}  // namespace doorway
