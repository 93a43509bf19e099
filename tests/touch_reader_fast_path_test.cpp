// Tests for the touch reader's fast path (TouchReaderOptions::fast_path): the
// scanner for flat lines must give exactly what the simdjson path gives.
//
// Why the expected values are independent: in the differential tests the oracle is
// the simdjson On Demand path (fast_path = false), which parses every line with
// simdjson and never runs the scanner; the fast path shares only the member-name
// table and resolve() with it, and those are what the other reader tests check by
// hand. The direct checks at the end work their expected values out by hand.
#include <gtest/gtest.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/channel_rules.hpp"
#include "doorway/default_model.hpp"
#include "doorway/generate.hpp"
#include "doorway/segment.hpp"
#include "doorway/touch_reader.hpp"

namespace doorway {
namespace {

// 2024-03-01T09:30:00Z: 2024-01-01 is day 19723 since the epoch; + 31 (January) + 29
// (February 2024) = day 19783, × 86400 s = 1709251200 s, + 9.5 h = 1709285400 s.
constexpr Timestamp kMarch1At0930 = 1709285400LL * kSecond;

// A line as C++ source would spell it, for failure messages.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) {
      out += c;
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

struct Outcome {
  ParseResult result = ParseResult::error;
  std::string what;
  OwnedTouch touch;
  bool segment = false;
  bool fast = false;
};

// A canonical line the fast path takes.
constexpr std::string_view kGood =
    R"({"event_id":"e1","lead_id":"lead-1","account_id":"acct-1","timestamp":"2024-03-01T09:30:00Z",)"
    R"("type":"page_view","channel":"direct","value":12.5,"outcome":"won"})";

// Parses `line` into a fresh touch with a fresh parser, or with one that has just
// read kGood when `primed` (the fast path looks for nested objects first only
// after a line it did not take). When `padded`, the line is followed in memory by
// bytes that would change the result if read as part of it ("}\"" repeated).
Outcome read(std::string_view line, TouchReaderOptions options, bool fast, bool padded, bool primed) {
  options.fast_path = fast;
  TouchJsonParser parser(options);
  Outcome o;
  if (primed) {
    OwnedTouch scratch;
    parser.parse(kGood, scratch, o.what);
    o.what.clear();
  }
  if (padded) {
    std::string buf(line);
    for (int i = 0; i < 40; ++i) buf += "}\"";
    o.result = parser.parse(std::string_view(buf.data(), line.size()), o.touch, o.what, true);
  } else {
    o.result = parser.parse(line, o.touch, o.what);
  }
  o.segment = parser.last_was_segment();
  o.fast = parser.last_was_fast_path();
  return o;
}

void expect_same_touch(const OwnedTouch& a, const OwnedTouch& b) {
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.lead_id, b.lead_id);
  EXPECT_EQ(a.account_id, b.account_id);
  EXPECT_EQ(a.timestamp, b.timestamp);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.audience, b.audience);
  EXPECT_EQ(a.interaction, b.interaction);
  EXPECT_EQ(a.initiator, b.initiator);
  EXPECT_EQ(a.team, b.team);
  ASSERT_EQ(a.value.has_value(), b.value.has_value());
  if (a.value) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(*a.value), std::bit_cast<std::uint64_t>(*b.value));
  }
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.properties, b.properties);
  EXPECT_EQ(a.traits, b.traits);
  EXPECT_EQ(a.campaign, b.campaign);
  EXPECT_EQ(a.source_line, b.source_line);
}

// The option sets every line is read under: each dialect, an optional timestamp,
// and the event-name map with channel rules.
std::vector<TouchReaderOptions> option_sets() {
  static const SegmentEventMap events(default_model()->catalog());
  static const std::shared_ptr<const ChannelRules> channels = default_channel_rules();
  std::vector<TouchReaderOptions> sets(5);
  sets[1].dialect = JsonDialect::canonical;
  sets[2].dialect = JsonDialect::segment;
  sets[3].require_timestamp = false;
  sets[4].events = &events;
  sets[4].channels = channels.get();
  return sets;
}

// How many of the reads compared took the fast path, and how many did not.
struct Tally {
  int fast = 0;
  int slow = 0;
};

// Requires the same result, message and touch from the fast path (a fresh or a
// primed parser) as from simdjson alone (a fresh parser), padded or not.
void expect_same(std::string_view line, Tally& tally) {
  SCOPED_TRACE("line: " + printable(line));
  for (const TouchReaderOptions& options : option_sets()) {
    for (bool padded : {false, true}) {
      const Outcome slow = read(line, options, false, padded, false);
      ASSERT_FALSE(slow.fast);
      for (bool primed : {false, true}) {
        SCOPED_TRACE(primed ? "primed parser" : "fresh parser");
        const Outcome fast = read(line, options, true, padded, primed);
        ASSERT_EQ(fast.result, slow.result) << "fast: " << fast.what << " / simdjson: " << slow.what;
        EXPECT_EQ(fast.what, slow.what);
        EXPECT_EQ(fast.segment, slow.segment);
        expect_same_touch(fast.touch, slow.touch);
        ++(fast.fast ? tally.fast : tally.slow);
      }
    }
  }
}

// A string literal's bytes, NULs included.
template <std::size_t N>
std::string bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

// Lines with `value` (a number, a literal, or something like one) as the value of
// several members.
std::vector<std::string> with_value(std::string_view value) {
  const std::string n(value);
  return {
      R"({"event_id":"e","timestamp":0,"value":)" + n + "}",
      R"({"event_id":"e","timestamp":)" + n + "}",
      R"({"event_id":)" + n + R"(,"lead_id":)" + n + R"(,"timestamp":0})",
      R"({"event_id":"e","timestamp":0,"ignored":)" + n + R"(,"channel":"x"})",
      R"({"event_id":"e","timestamp":0,"utm_source":)" + n + R"(,"account_id":)" + n + " }",
  };
}

TEST(TouchReaderFastPathTest, HandWrittenEdgeCasesMatchSimdjson) {
  std::vector<std::string> lines = {
      std::string(kGood),
      // Objects and non-objects.
      "{}", " { } ", "", " ", "[]", "[1]", R"("x")", "1", "null", "nul", "true", "{", "}", "{{}}",
      // Escapes, unicode, control bytes.
      R"({"event_id":"e\"1","timestamp":0})",
      R"({"event_id":"e\u0031","timestamp":0})",
      R"({"event_id":"Jos\u00e9","timestamp":0,"type":"tv_ad"})",
      R"({"ev\u0065nt_id":"e1","timestamp":0})",
      R"({"event_id":"e1\\","timestamp":0})",
      "{\"event_id\":\"Jos\xC3\xA9\",\"timestamp\":0}",
      "{\"event_id\":\"\xF0\x9F\x98\x80 smile and more text to cross a word\",\"timestamp\":0}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"caf\xC3\xA9\":\"\xE2\x82\xAC\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xC3\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xC3\x28\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xC0\xAF\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xED\xA0\x80\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xF4\x90\x80\x80\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"abcdefgh\xFF\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"abcdefg\x80\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xE2\x82\"}",
      "{\"event_id\":\"e1\",\"timestamp\":0}\xC3\xA9",
      "{\xC3\xA9\"event_id\":\"e1\",\"timestamp\":0}",
      "\xEF\xBB\xBF{\"event_id\":\"e1\",\"timestamp\":0}",
      "{\"event_id\":\"e\x01\",\"timestamp\":0}",
      "{\"event_id\":\"e\t1\",\"timestamp\":0}",
      "{\"event_id\":\"e\x1F\",\"timestamp\":0}",
      "{\"event_id\":\"e\x7F\",\"timestamp\":0}",
      bytes("{\"event_id\":\"e\0\",\"timestamp\":0}"),
      bytes("{\"event_id\":\"e\",\"timestamp\":0}\0"),
      bytes("{\"event_id\":\"e\", \0\"timestamp\":0}"),
      // Nested values: the simdjson path's alone.
      R"({"event_id":"e1","timestamp":0,"properties":{"channel":"web","value":3}})",
      R"({"event_id":"e1","timestamp":0,"properties":null,"channel":"x"})",
      R"({"event_id":"e1","timestamp":0,"properties":"x"})",
      R"({"event_id":"e1","timestamp":0,"traits":5})",
      R"({"event_id":"e1","timestamp":0,"traits":{}})",
      R"({"event_id":"e1","timestamp":0,"context":null})",
      R"({"event_id":"e1","timestamp":0,"context":"x"})",
      R"({"event_id":"e1","timestamp":0,"context":{"groupId":"g1","campaign":{"source":"google"}}})",
      R"({"event_id":"e1","timestamp":0,"ignored":[1,2,3],"type":"a"})",
      R"({"event_id":"e1","timestamp":0,"ignored":{},"type":"a"})",
      R"({"event_id":{},"timestamp":0})",
      R"({"event_id":[],"timestamp":0})",
      R"({"event_id":"e1","timestamp":[0]})",
      // Duplicate keys: the later wins, a later null clears a slot, not a campaign field.
      R"({"event_id":"a","event_id":"b","timestamp":0})",
      R"({"event_id":"a","event_id":null,"timestamp":0})",
      R"({"event_id":null,"event_id":"b","timestamp":0})",
      R"({"event_id":"a","timestamp":"bad","timestamp":0})",
      R"({"event_id":"a","timestamp":0,"timestamp":"bad"})",
      R"({"event_id":"a","timestamp":0,"utm_source":"google","utm_source":null,"utm_medium":"cpc"})",
      R"({"event_id":"a","timestamp":0,"utm_source":"google","utm_source":"bing","utm_medium":"cpc"})",
      R"({"event_id":"a","timestamp":0,"utm_source":5,"utm_campaign":true,"utm_term":"t","utm_content":"c"})",
      R"({"event_id":"a","timestamp":0,"type":"x","type":"y","channel":"c","channel":1})",
      // Null members.
      R"({"event_id":"e","lead_id":null,"account_id":null,"channel":null,"timestamp":0,"type":null})",
      R"({"event_id":null,"messageId":"m1","userId":null,"anonymousId":"a1","timestamp":0})",
      R"({"event_id":"e","timestamp":0,"audience":null,"team":null,"outcome":null,"value":null})",
      // Whitespace between every token, and bytes that are not JSON whitespace.
      " \t\r\n{ \t\r\n\"event_id\" \t\r\n: \t\r\n\"e1\" \t\r\n, \"timestamp\"\n:\r0\t,\"value\" : -1.5e2 } \t\r\n",
      "{\"event_id\":\"e1\",\"timestamp\":0 }\r",
      "{\"event_id\":\"e1\",\f\"timestamp\":0}",
      "{\"event_id\":\"e1\",\v\"timestamp\":0}",
      "{\"event_id\":\"e1\",\"timestamp\":0}\f",
      "{\"event_id\":\"e1\",\"timestamp\":0}\v",
      "\f{\"event_id\":\"e1\",\"timestamp\":0}",
      "{\"event_id\":\"e1\",\"timestamp\"\xA0:0}",
      // Broken syntax.
      R"({"event_id":"e","timestamp":0,})",
      R"({,"event_id":"e","timestamp":0})",
      R"({,})",
      R"({"event_id":"e",,"timestamp":0})",
      R"({"event_id" "e","timestamp":0})",
      R"({"event_id"::"e","timestamp":0})",
      R"({"event_id":,"timestamp":0})",
      R"({"event_id":"e","timestamp":})",
      R"({:"e","timestamp":0})",
      R"({"event_id"})",
      R"({event_id:"e","timestamp":0})",
      R"({'event_id':'e','timestamp':0})",
      R"({"event_id":"e""timestamp":0})",
      R"({"event_id":"e" "timestamp":0})",
      R"({"event_id":"e","timestamp":0)",
      R"({"event_id":"e","timestamp":0]})",
      R"({"event_id":"e,"timestamp":0})",
      R"({"event_id":"e","timestamp":0"})",
      // Text after the object.
      std::string(kGood) + " x",
      std::string(kGood) + "}",
      std::string(kGood) + "{}",
      std::string(kGood) + ",",
      std::string(kGood) + " ",
      std::string(kGood) + "\n",
      std::string(kGood) + " " + std::string(kGood),
      // Timestamps: ISO and epoch milliseconds.
      R"({"event_id":"e","timestamp":1709285400000})",
      R"({"event_id":"e","timestamp":1709285400000.5})",
      R"({"event_id":"e","timestamp":-1000})",
      R"({"event_id":"e","timestamp":1.7092854e12})",
      R"({"event_id":"e","timestamp":1e30})",
      R"({"event_id":"e","timestamp":-9223372036854775808})",
      R"({"event_id":"e","timestamp":"2024-03-01T10:30:00+01:00"})",
      R"({"event_id":"e","timestamp":"2024-03-01T09:30:00"})",
      R"({"event_id":"e","originalTimestamp":"2024-03-01T09:30:00Z"})",
      R"({"event_id":"e","lead_id":"l"})",
      // Field types and enums.
      R"({"event_id":"","timestamp":0})",
      R"({"event_id":"e","timestamp":0,"channel":5})",
      R"({"event_id":"e","timestamp":0,"audience":"x"})",
      R"({"event_id":"e","timestamp":0,"team":true})",
      R"({"event_id":"e","timestamp":0,"value":"12"})",
      R"({"event_id":"e","timestamp":0,"audience":"one_to_one","interaction":"two_way",)"
      R"("initiator":"business","team":"sales"})",
      R"({"":1,"event_id":"e","timestamp":0})",
      R"({"event_id":"e","timestamp":0,"name":"n","event":7})",
      // Segment calls, flat and not.
      R"({"type":"track","messageId":"m1","userId":"u1","event":"Demo Requested","timestamp":"2024-03-01T09:30:00Z"})",
      R"({"type":"track","messageId":"m1","userId":"u1","event":5,"timestamp":0})",
      R"({"type":"page","messageId":"m1","anonymousId":"a1","timestamp":0,"groupId":"g1"})",
      R"({"type":"screen","messageId":"m1","timestamp":0})",
      R"({"type":"identify","userId":"u1","timestamp":0})",
      R"({"type":"group","groupId":"g1"})",
      R"({"type":"alias"})",
      R"({"type":7,"messageId":"m1","timestamp":0})",
      R"({"messageId":"m1","event":"Webinar Attended","timestamp":0,"utm_source":"google","utm_medium":"cpc"})",
      R"({"type":"track","messageId":"m1","userId":"u1","event":"Demo Requested","timestamp":0,)"
      R"("properties":{"channel":"web","revenue":9.5},"context":{"groupId":"acme"}})",
      // A long line with many members the reader ignores.
      R"({"event_id":"e1","a_rather_long_ignored_member_name":"and a rather long value too","timestamp":0,)"
      R"("n1":-0.000001,"n2":123456789.5E-3,"b":true,"z":null,"type":"webinar_attended_with_a_long_name"})",
  };
  // Numbers and literals, valid or not, in several members.
  for (std::string_view value :
       {"true", "false", "null", "tru", "nul", "nulll", "True", "NULL", "truefalse", "true1", "fals", "nan",
        "-0", "0", "-0.0", "0.0", "1e5", "1E5", "1e+5", "1e-5", "1.5e3", "12.5", "-12.5", "01", "-01", "00", "1.",
        ".5", "-", "--1", "+1", "1e", "1e+", "1e-", "0x10", "1.5e3.2", "1_000", "1.e5", "-.5",
        "123456789012345678901234567890", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity",
        "9007199254740993", "1.7976931348623157e308", "-9223372036854775809", "0e0", "-0E-0"}) {
    for (std::string& line : with_value(value)) lines.push_back(std::move(line));
  }
  // Every prefix of two lines: truncated text.
  for (std::string_view whole : {kGood, std::string_view(R"({ "event_id" : "e1" , "timestamp" : -1.5e3 })")}) {
    for (std::size_t n = 0; n < whole.size(); ++n) lines.emplace_back(whole.substr(0, n));
  }

  Tally tally;
  for (const std::string& line : lines) expect_same(line, tally);
  // Both paths were exercised (the counts depend on the lines above only).
  EXPECT_GT(tally.fast, 500);
  EXPECT_GT(tally.slow, 500);
}

// Generated lines (the shape `doorway generate` writes) and mutations of them:
// bytes inserted, deleted or replaced with characters that matter to JSON.
TEST(TouchReaderFastPathTest, MutatedGeneratedLinesMatchSimdjson) {
  GenerateOptions g;
  g.seed = 7;
  g.leads = 200;
  g.max_touches = 400;
  JourneyGenerator gen(g);
  std::vector<std::string> base;
  OwnedTouch t;
  while (gen.next(t)) {
    std::string line;
    append_touch_json(line, t);
    base.push_back(std::move(line));
  }
  ASSERT_EQ(base.size(), 400u);
  base.emplace_back(R"({"type":"track","messageId":"m-1","userId":"u-1","event":"Demo Requested",)"
                    R"("timestamp":"2024-03-01T09:30:00Z","utm_source":"google","value":1e2})");
  base.emplace_back(R"({"event_id":"e1","timestamp":1709285400000,"value":-0.5,"team":"sales","ok":true,"n":null})");

  // Every generated line is flat and plain: each must take the fast path.
  Tally plain;
  for (const std::string& line : base) expect_same(line, plain);
  EXPECT_EQ(plain.slow, 0);

  static constexpr std::string_view kSignificant[] = {
      "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\t", "\r", "\n", "\f", "\v", "-", "+", ".", "e", "E", "0",
      "1", "9", "t", "f", "n", "u", "x", "\x01", "\x7F", "\xC3", "\xA9", "\xFF", "\xE2\x82\xAC", "\xED\xA0\x80", "null",
      "true", "1e400", "\\u00e9", "\\\"", "{}", "[]", "\"\"", ",\"x\":1", ",\"event_id\":null"};
  // std::mt19937_64's output sequence is fixed by the standard, so the corpus is the
  // same everywhere; positions and choices are taken modulo, not through a
  // distribution (whose algorithm is the library's).
  std::mt19937_64 rng(20261123);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  Tally mutated;
  for (int round = 0; round < 3000; ++round) {
    std::string line = base[below(base.size())];
    const std::size_t edits = 1 + below(3);
    for (std::size_t e = 0; e < edits && !line.empty(); ++e) {
      const std::size_t at = below(line.size());
      const std::string_view with = kSignificant[below(std::size(kSignificant))];
      switch (below(3)) {
        case 0: line.insert(at, with); break;
        case 1: line.erase(at, 1 + below(3)); break;
        default: line.replace(at, 1, with); break;
      }
    }
    expect_same(line, mutated);
    if (::testing::Test::HasFatalFailure()) return;
  }
  // Many mutations keep the line flat and valid (a digit for a digit, a space
  // between tokens), many break it: both paths must have been taken.
  EXPECT_GT(mutated.fast, 2000);
  EXPECT_GT(mutated.slow, 2000);
}

// The scanner classifies strings 16 bytes at a time (two chunks inline, more out
// of line) and finds the closing brace first: a filler member `"f":"x…x"` of 0 to
// 140 bytes moves every later byte (quotes, stop bytes, the closing brace, the
// text's end) through every offset of a chunk, and makes the filler itself end
// in the first chunk, the second, or later. Each line is compared with
// simdjson (the oracle); whether the fast path must take it is said by hand: a
// plain flat object yes, an escape, a control byte in a string, invalid UTF-8 or
// broken syntax no.
TEST(TouchReaderFastPathTest, EveryOffsetInABlockMatchesSimdjson) {
  struct Tail {
    std::string text;
    bool fast;
  };
  const std::vector<Tail> tails = {
      {R"("event_id":"e1","timestamp":"2024-03-01T09:30:00Z","type":"a_type_name_long_enough_to_cross",)"
       R"("value":1.5})", true},
      {"\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"caf\xC3\xA9 \xE2\x82\xAC\"}", true},  // UTF-8 in a string
      {"\"event_id\":\"e1\",\t\"timestamp\":0,\"type\":\"t\"}", true},  // a tab between members
      {"\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"t\"} \t", true},  // white space after the object
      {R"("event_id":"e1","timestamp":0,"value":12})", true},           // a number before the brace
      {R"("event_id":"e1","timestamp":0,"ok":true})", true},            // a literal before the brace
      {R"("event_id":"e1","timestamp":0,"n":null})", true},
      {"\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"t\x01\"}", false},  // a control byte in a string
      {"\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"t\tu\"}", false},   // a tab in a string
      {R"("event_id":"e\"1","timestamp":0})", false},                    // an escape
      {"\"event_id\":\"e1\",\"timestamp\":0,\"type\":\"\xC3\"}", false},  // invalid UTF-8
      {"\"event_id\":\"e1\",\"timestamp\":0,\xC3\xA9:1}", false},         // UTF-8 outside a string
      {R"("event_id":"e1","timestamp":0,"type":"t")", false},             // no closing brace
      {R"("event_id":"e1","timestamp":0,"type":"t})", false},             // an unclosed string
      {R"("event_id":"e1","timestamp":0,"type":"t"}})", false},           // a brace too many
      {R"("event_id":"e1","timestamp":0,"value":1})" "\"", false},       // a quote after the object
      {R"("event_id":"e1","timestamp":0,"value":tru})", false},
  };
  Tally tally;
  for (const Tail& tail : tails) {
    for (std::size_t k = 0; k <= 140; ++k) {
      const std::string line = R"({"f":")" + std::string(k, 'x') + R"(",)" + tail.text;
      expect_same(line, tally);
      if (::testing::Test::HasFatalFailure()) return;
      TouchJsonParser parser;
      OwnedTouch t;
      std::string what;
      parser.parse(line, t, what);
      EXPECT_EQ(parser.last_was_fast_path(), tail.fast) << printable(line);
    }
  }
}

// Quote marks and JSON's structural characters inside a string are not taken for
// the string's end or for tokens: an escaped quote sends its line to simdjson, and
// ",:}]" in a string stay in it on the fast path (expected values by hand).
TEST(TouchReaderFastPathTest, QuotesInsideStringsAreNotTakenForEnds) {
  TouchJsonParser parser;
  OwnedTouch t;
  std::string what;
  ASSERT_EQ(parser.parse(R"({"event_id":"a\",\"b","timestamp":0,"type":"x"})", t, what), ParseResult::touch);
  EXPECT_FALSE(parser.last_was_fast_path());
  EXPECT_EQ(t.event_id, "a\",\"b");
  EXPECT_EQ(t.type, "x");
  ASSERT_EQ(parser.parse(R"({"event_id":"a,:b}]","timestamp":0,"type":"x"})", t, what), ParseResult::touch);
  EXPECT_TRUE(parser.last_was_fast_path());
  EXPECT_EQ(t.event_id, "a,:b}]");
  EXPECT_EQ(t.type, "x");
}

// Direct checks, expected values by hand.

OwnedTouch read_fast(std::string_view line, TouchReaderOptions options = {}) {
  TouchJsonParser parser(options);
  OwnedTouch t;
  std::string what;
  EXPECT_EQ(parser.parse(line, t, what), ParseResult::touch) << what;
  EXPECT_TRUE(parser.last_was_fast_path()) << line;
  return t;
}

TEST(TouchReaderFastPathTest, FlatLineGivesItsTouch) {
  const OwnedTouch t = read_fast(kGood);
  EXPECT_EQ(t.event_id, "e1");
  EXPECT_EQ(t.lead_id, "lead-1");
  EXPECT_EQ(t.account_id, "acct-1");
  EXPECT_EQ(t.timestamp, kMarch1At0930);
  EXPECT_EQ(t.type, "page_view");
  EXPECT_EQ(t.channel, "direct");
  ASSERT_TRUE(t.value.has_value());
  EXPECT_EQ(*t.value, 12.5);
  EXPECT_EQ(t.outcome, "won");
  EXPECT_TRUE(t.properties.empty());
  EXPECT_TRUE(t.campaign.empty());
}

TEST(TouchReaderFastPathTest, NumbersKeepTheirTextAndValue) {
  // Ids keep the number's text exactly; -1.5e2 = -150; epoch ms 1709285400000 is
  // 2024-03-01T09:30:00Z (kMarch1At0930 above).
  const OwnedTouch t =
      read_fast(R"({ "event_id" : 4.20E+1 , "lead_id":-0, "timestamp" : 1709285400000 , "value" : -1.5e2 })");
  EXPECT_EQ(t.event_id, "4.20E+1");
  EXPECT_EQ(t.lead_id, "-0");
  EXPECT_EQ(t.timestamp, kMarch1At0930);
  ASSERT_TRUE(t.value.has_value());
  EXPECT_EQ(*t.value, -150.0);
}

TEST(TouchReaderFastPathTest, LaterDuplicatesWinAndNullClears) {
  // "b" replaces "a"; the null lead_id clears "l1", leaving the userId as lead;
  // a null utm_source leaves "google" (campaign fields take strings only).
  const OwnedTouch t = read_fast(
      R"({"event_id":"a","event_id":"b","lead_id":"l1","userId":"u1","lead_id":null,"timestamp":0,)"
      R"("utm_source":"google","utm_source":null,"utm_term":"shoes"})");
  EXPECT_EQ(t.event_id, "b");
  EXPECT_EQ(t.lead_id, "u1");
  EXPECT_EQ(t.campaign.source, "google");
  EXPECT_EQ(t.campaign.term, "shoes");
}

TEST(TouchReaderFastPathTest, FieldErrorsAreTheSame) {
  TouchJsonParser parser;
  OwnedTouch t;
  std::string what;
  EXPECT_EQ(parser.parse(R"({"event_id":"e","timestamp":0,"channel":5})", t, what), ParseResult::error);
  EXPECT_TRUE(parser.last_was_fast_path());
  EXPECT_EQ(what, "\"channel\" must be a string");
  EXPECT_EQ(parser.parse(R"({"event_id":"e","timestamp":true})", t, what), ParseResult::error);
  EXPECT_EQ(what, "timestamp is not ISO-8601 with an offset nor epoch milliseconds");
  EXPECT_EQ(parser.parse(R"({"type":"identify","userId":"u1"})", t, what), ParseResult::skipped);
  EXPECT_TRUE(parser.last_was_fast_path());
  EXPECT_TRUE(parser.last_was_segment());
}

TEST(TouchReaderFastPathTest, OtherLinesGoToSimdjson) {
  TouchJsonParser parser;
  OwnedTouch t;
  std::string what;
  for (std::string_view line : {
           std::string_view(R"({"event_id":"e\u0031","timestamp":0})"),
           std::string_view(R"({"event_id":"e1","timestamp":0,"properties":{"a":"b"}})"),
           std::string_view(R"({"event_id":"e1","timestamp":01})"),
           std::string_view(R"({"event_id":"e1","timestamp":0} x)"),
       }) {
    parser.parse(line, t, what);
    EXPECT_FALSE(parser.last_was_fast_path()) << line;
  }
  TouchReaderOptions off;
  off.fast_path = false;
  TouchJsonParser slow(off);
  EXPECT_EQ(slow.parse(kGood, t, what), ParseResult::touch);
  EXPECT_FALSE(slow.last_was_fast_path());
  EXPECT_EQ(t.event_id, "e1");
}

TEST(TouchReaderFastPathTest, BraceInAStringAfterANestedLine) {
  // After a line it did not take, the fast path first looks for a '{' anywhere in
  // the line; a '{' inside a string then sends the line to simdjson, with the same
  // touch. After a flat line it does not look, and takes that line itself.
  TouchJsonParser parser;
  OwnedTouch t;
  std::string what;
  const std::string_view nested = R"({"event_id":"e0","timestamp":0,"properties":{"a":"b"}})";
  const std::string_view brace = R"({"event_id":"e{1}","timestamp":0})";
  ASSERT_EQ(parser.parse(nested, t, what), ParseResult::touch);
  EXPECT_FALSE(parser.last_was_fast_path());
  ASSERT_EQ(parser.parse(brace, t, what), ParseResult::touch);
  EXPECT_FALSE(parser.last_was_fast_path());
  EXPECT_EQ(t.event_id, "e{1}");
  ASSERT_EQ(parser.parse(kGood, t, what), ParseResult::touch);
  EXPECT_TRUE(parser.last_was_fast_path());
  ASSERT_EQ(parser.parse(brace, t, what), ParseResult::touch);
  EXPECT_TRUE(parser.last_was_fast_path());
  EXPECT_EQ(t.event_id, "e{1}");
}

// A reader reuses one OwnedTouch line after line, and the parser writes a field
// over the last line's text (and keeps the last timestamp's date): each line read
// that way must give what a fresh touch from the simdjson path gives. The fields
// take texts of every length class the copy treats apart (0, 1-3, 4-7, 8-16 and
// longer), in random order, so they grow and shrink; timestamps share dates,
// some with a time out of range; some lines are errors or skipped calls.
TEST(TouchReaderFastPathTest, OneTouchReusedLineAfterLineMatchesFreshReads) {
  const std::vector<std::string> texts = {"",
                                          "a",
                                          "abc",
                                          "abcd",
                                          "abcdefg",
                                          "abcdefgh",
                                          "lead-0000001",
                                          "abcdefghijklmno",
                                          "abcdefghijklmnop",
                                          "abcdefghijklmnopq",
                                          "a-forty-byte-long-identifier-of-a-touch!"};
  const std::vector<std::string> stamps = {
      R"("2024-03-01T09:30:00Z")", R"("2024-03-01T23:59:60Z")", R"("2024-03-01T24:00:00Z")",
      R"("2024-03-01T09:3x:00Z")", R"("2024-03-01t09:30:00z")", R"("2024-03-02T00:00:00Z")",
      R"("2024-02-30T00:00:00Z")", R"("2024-03-01T09:30:00+01:00")", "1709285400000", "true"};
  std::mt19937_64 rng(5);
  auto pick = [&](const std::vector<std::string>& from) { return from[rng() % from.size()]; };
  auto quoted_text = [&] { return "\"" + pick(texts) + "\""; };
  int touches = 0;
  for (const TouchReaderOptions& base : option_sets()) {
    TouchReaderOptions options = base;
    options.fast_path = true;
    TouchJsonParser parser(options);
    OwnedTouch reused;
    std::string what;
    for (int n = 0; n < 1500; ++n) {
      std::string line = "{\"event_id\":" + (rng() % 16 ? quoted_text() : std::string("7"));
      if (rng() % 4) line += ",\"lead_id\":" + quoted_text();
      if (rng() % 2) line += ",\"account_id\":" + quoted_text();
      if (rng() % 16) line += ",\"timestamp\":" + pick(stamps);
      switch (rng() % 5) {
        case 0: break;
        case 1: line += ",\"type\":\"track\",\"event\":" + quoted_text(); break;
        case 2: line += ",\"type\":\"page\""; break;
        case 3: line += ",\"event\":" + quoted_text(); break;
        default: line += ",\"type\":" + (rng() % 16 ? quoted_text() : std::string("1")); break;
      }
      if (rng() % 2) line += ",\"channel\":" + quoted_text();
      if (rng() % 2) line += ",\"outcome\":" + quoted_text();
      if (rng() % 8 == 0) line += R"(,"type":"identify")";
      line += "}";
      SCOPED_TRACE("line: " + line);
      const Outcome fresh = read(line, options, false, false, false);
      what.clear();
      const ParseResult got = parser.parse(line, reused, what);
      ASSERT_TRUE(parser.last_was_fast_path());
      ASSERT_EQ(got, fresh.result) << what << " / " << fresh.what;
      EXPECT_EQ(what, fresh.what);
      if (got == ParseResult::touch) {
        expect_same_touch(reused, fresh.touch);
        ++touches;
      }
    }
  }
  EXPECT_GT(touches, 1000);  // the draw gives touches often enough to mean something
}

}  // namespace
}  // namespace doorway
