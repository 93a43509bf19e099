// The hand-written JSON text helpers (doorway/detail/json_text.hpp) that the model
// writer and the command line stream their output through. Expected texts are
// written out by hand from RFC 8259's escaping rules and C++'s to_chars formats.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "doorway/detail/json_text.hpp"

namespace doorway {
namespace {

// RFC 8259's escaping written out one character at a time, the reference the
// fast writer is checked against.
std::string reference_escape(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    char buf[8];
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '\b') out += "\\b";
    else if (c == '\f') out += "\\f";
    else if (c < 0x20) out.append(buf, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "\\u%04x", c)));
    else out += ch;
  }
  return out + "\"";
}

std::string quoted(std::string_view s) {
  std::string out = "x=";  // appends after what is already there
  detail::append_json_string(out, s);
  return out;
}

TEST(JsonText, StringsEscapeQuotesBackslashesAndControlsAndPassEverythingElse) {
  EXPECT_EQ(quoted(""), "x=\"\"");
  EXPECT_EQ(quoted("lead-0000001"), "x=\"lead-0000001\"");
  EXPECT_EQ(quoted("a\"b\\c"), "x=\"a\\\"b\\\\c\"");
  EXPECT_EQ(quoted("\"\\"), "x=\"\\\"\\\\\"");  // nothing but escapes
  EXPECT_EQ(quoted("l1\nl2\tt\rr\bb\ff"), "x=\"l1\\nl2\\tt\\rr\\bb\\ff\"");
  EXPECT_EQ(quoted(std::string_view("a\0b\x01\x1f", 5)), "x=\"a\\u0000b\\u0001\\u001f\"");
  EXPECT_EQ(quoted("\x7f caf\xc3\xa9 /"), "x=\"\x7f caf\xc3\xa9 /\"");  // DEL, UTF-8 and / pass as they are
  EXPECT_EQ(quoted("end\n"), "x=\"end\\n\"");                      // an escape as the last character
}

// Against an escaper written here one character at a time, on strings of every
// length up to 40 drawn from bytes around the special ones (0x1f/0x20, '!' '"'
// '#', '[' '\\' ']', 0x7f, 0x80, 0xff), so that escapes fall in the 16-byte
// blocks the writer copies and in the overlapping words of a short tail.
TEST(JsonText, StringsMatchACharacterByCharacterEscaper) {
  const unsigned char alphabet[] = {0x00, 0x0a, 0x1f, 0x20, '!', '"', '#', 'a', '[', '\\', ']', 0x7f, 0x80, 0xff};
  std::uint64_t state = 12345;
  int checked = 0;
  for (std::size_t len = 0; len <= 40; ++len) {
    for (int k = 0; k < 300; ++k) {
      std::string s;
      for (std::size_t i = 0; i < len; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        // mostly plain letters, so that long plain runs and single escapes both occur
        s += (state >> 61) == 0 ? static_cast<char>(alphabet[(state >> 33) % sizeof alphabet]) : 'x';
      }
      std::string out;
      detail::append_json_string(out, s);
      ASSERT_EQ(out, reference_escape(s)) << "length " << len;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 41 * 300);
}

TEST(JsonText, NumbersAreShortestOrSignificantDigitsAndNullWhenNotFinite) {
  auto number = [](double v, int significant = 0) {
    std::string out;
    detail::append_json_number(out, v, significant);
    return out;
  };
  EXPECT_EQ(number(0.1), "0.1");
  EXPECT_EQ(number(3), "3");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(std::nan("")), "null");
  EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(number(0.8634821, 6), "0.863482");
  EXPECT_EQ(number(1234567, 6), "1.23457e+06");
  EXPECT_EQ(number(40, 6), "40");
}

// With significant digits the text is std::to_chars(general, p)'s (the fixed
// style is written by exact integer arithmetic instead): checked against
// to_chars itself on values that stress rounding — random magnitudes across
// the fixed range and beyond, exact halfway cases, neighbours of powers of ten
// and of values that round up into a new digit.
TEST(JsonText, SignificantDigitsMatchToCharsGeneral) {
  auto reference = [](double v, int p) {
    if (v == 0) v = 0;
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, p);
    return std::string(buf, r.ptr);
  };
  std::vector<double> values = {1, 0.5, 2.5, 0.125, 1.0625, 9.5, 99.5, 0.0001, 0.00015, 1e-5, 123456, 999999.5,
                                999999.4, 9.9999995, 0.863482, 1.0 / 3, 2.0 / 3, 40, 100, 1e14, 1e15, 5e-324};
  for (int e = -6; e <= 16; ++e) {
    const double ten = std::pow(10.0, e);
    values.push_back(ten);
    values.push_back(std::nextafter(ten, 0.0));
    values.push_back(std::nextafter(ten, 1e300));
    for (int p = 1; p <= 15; ++p) {  // just below where rounding carries into a new digit
      const double edge = ten * (1 - 0.5 * std::pow(10.0, -p));
      values.push_back(edge);
      values.push_back(std::nextafter(edge, 0.0));
      values.push_back(std::nextafter(edge, 1e300));
    }
  }
  for (int n = 1; n < 4096; ++n) values.push_back(n / 64.0);  // many exact halves at every precision
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 200000; ++i) {
    const double mantissa = 1 + static_cast<double>(next() >> 11) / 9007199254740992.0;
    values.push_back(std::ldexp(mantissa, static_cast<int>(next() % 80) - 30));
  }
  int checked = 0;
  for (const double v : values) {
    for (const double s : {v, -v}) {
      for (const int p : {1, 2, 3, 6, 7, 10, 15, 17}) {
        std::string out;
        detail::append_json_number(out, s, p);
        ASSERT_EQ(out, reference(s, p)) << "value " << s << " digits " << p;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 3000000);
}

// The writer's pieces are the append_* texts, one after another, whatever the
// string held before and however often the writer has to grow it; the string
// ends exactly at the last piece. The expected text is built with append_*.
TEST(JsonText, WriterWritesWhatTheAppendFormsWriteAcrossGrowth) {
  const std::vector<std::string> texts = {"", "lead-0000001", std::string(700, 'x'), "tab\there \"quoted\"",
                                          std::string(300, '\x01')};
  for (const std::string& before : {std::string(), std::string("prefix:"), std::string(5000, 'p')}) {
    std::string written = before;
    std::string expected = before;
    {
      detail::JsonWriter w(written);
      for (int round = 0; round < 40; ++round) {
        const std::string& t = texts[static_cast<std::size_t>(round) % texts.size()];
        w.raw("{\"k\":");
        expected += "{\"k\":";
        w.string(t);
        detail::append_json_string(expected, t);
        w.number(round / 7.0, 6);
        detail::append_json_number(expected, round / 7.0, 6);
        w.integer(static_cast<std::uint64_t>(round) * 1'000'000'007ull);
        expected += std::to_string(static_cast<std::uint64_t>(round) * 1'000'000'007ull);
        w.time(std::int64_t{round} * 86'400'123'456);
        detail::append_json_time(expected, std::int64_t{round} * 86'400'123'456);
      }
      w.done();
      EXPECT_EQ(written, expected);  // done() trims; the writer may go on
      w.raw("}");
      expected += "}";
    }
    EXPECT_EQ(written, expected);
  }
}

// Times at the ends of the range stay within kIso8601Bound, and read back.
TEST(JsonText, TimesAtTheEndsOfTheRangeFitTheirBound) {
  for (const Timestamp t : {std::numeric_limits<Timestamp>::min() + 1, std::numeric_limits<Timestamp>::max() - 1,
                            Timestamp{-1}, Timestamp{0}, kNever}) {
    char buf[kIso8601Bound + 8];
    const char* end = write_iso8601(buf, t);
    EXPECT_LE(static_cast<std::size_t>(end - buf), kIso8601Bound) << t;
  }
  // One microsecond before the epoch: the last microsecond of 1969.
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999999Z");
}

// write_json_string directly (JsonWriter's path): one special byte at every
// position of strings of every length from 1 to 48 — each place in the first
// three 16-byte blocks and in the 8- and 4-byte words of a tail — among plain
// letters, checked against the character-by-character escaper; and nothing is
// written past the text (guard bytes after exactly the room the text needs).
TEST(JsonText, EveryPositionOfABlockEscapesAndNothingIsWrittenPastTheText) {
  const unsigned char specials[] = {'"', '\\', '\n', '\t', 0x00, 0x01, 0x1f,  // escaped
                                    0x20, '!', '#', '[', ']', 0x7f, 0x80, 0xff};  // their neighbours, as they are
  int checked = 0;
  for (std::size_t len = 1; len <= 48; ++len) {
    for (std::size_t at = 0; at < len; ++at) {
      for (const unsigned char c : specials) {
        std::string s(len, 'q');
        s[at] = static_cast<char>(c);
        const std::string expected = reference_escape(s);
        std::string buf(expected.size() + 16, '\xAA');  // guard bytes after the text
        char* end = detail::write_json_string(buf.data(), s);
        ASSERT_EQ(std::string(buf.data(), end), expected) << "length " << len << " at " << at << " byte " << +c;
        ASSERT_EQ(buf.substr(expected.size()), std::string(16, '\xAA')) << "length " << len << " at " << at;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 48 * 49 / 2 * 15);
}

// Empty strings, strings of nothing but escapes, UTF-8 (multi-byte sequences
// across the 16-byte boundary pass untouched) and a long string with escapes
// here and there, each worked out by hand or by the reference escaper.
TEST(JsonText, EmptyAllEscapesUtf8AndLongStrings) {
  auto write = [](std::string_view s) {
    std::string buf(detail::json_string_bound(s), '\0');
    return std::string(buf.data(), detail::write_json_string(buf.data(), s));
  };
  EXPECT_EQ(write(""), "\"\"");
  std::string quotes_expected = "\"";  // 17 quotes: a block of escapes, then one in the tail
  for (int i = 0; i < 17; ++i) quotes_expected += "\\\"";
  EXPECT_EQ(write(std::string(17, '"')), quotes_expected + "\"");
  // Every control byte, 0x1f down to 0: five by name (RFC 8259), the rest as \u00XX.
  const char* const named[14] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                 nullptr, "\\b",  "\\t",  "\\n",  nullptr, "\\f",  "\\r"};
  std::string controls;
  std::string controls_expected = "\"";
  for (int c = 31; c >= 0; --c) {
    controls += static_cast<char>(c);
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", c);
    controls_expected += c < 14 && named[c] ? named[c] : buf;
  }
  EXPECT_EQ(write(controls), controls_expected + "\"");
  // "café" so that é's two bytes (C3 A9) straddle bytes 15 and 16, then "naïve" and a 4-byte emoji.
  const std::string utf8 = "0123456789  caf\xC3\xA9 na\xC3\xAFve \xF0\x9F\x98\x80!";
  EXPECT_EQ(write(utf8), "\"" + utf8 + "\"");
  std::string long_text;
  for (int i = 0; i < 4000; ++i) long_text += (i % 97 == 0) ? '\n' : (i % 251 == 0) ? '"' : static_cast<char>('a' + i % 26);
  EXPECT_EQ(write(long_text), reference_escape(long_text));
}

// Significant digits at rounding edges against the C library's printf("%.*g")
// (an independent formatter; the same text as to_chars(general) for every value
// here): whole numbers (the writer's shortcut) up to and at 10^p, halves that
// round to even, trailing zeros dropped, the smallest fixed-style values.
TEST(JsonText, SignificantDigitsAtRoundingEdgesMatchPrintf) {
  auto printf_g = [](double v, int p) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", p, v);
    return std::string(buf);
  };
  std::vector<double> values = {1, 2, 9, 10, 40, 99, 100, 12345, 99999, 999999, 1000000, 1000001, 123456789,
                                0.5, 12.5, 2.5, 3.5, 0.125, 0.0001, 0.00012, 0.000123456789, 1.0000005,
                                1.0000015, 9.9999949, 9.9999951, 99999.95, 999999.5, 0.30000000000000004,
                                5.20496, 1.19302, 0.596509, 2.72387, 1e-5, 0.000099999949, 1e14 + 0.5};
  for (int n = 1; n <= 100000; n += 7) values.push_back(n);  // whole numbers of 1 to 6 digits
  int checked = 0;
  for (const double v : values) {
    for (const double s : {v, -v}) {
      for (const int p : {1, 2, 3, 6, 8, 15}) {
        char buf[detail::kJsonNumberBound];
        const std::string got(buf, detail::write_json_number(buf, s, p));
        ASSERT_EQ(got, printf_g(s, p)) << "value " << s << " digits " << p;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(values.size()) * 2 * 6);
  // By hand: 6 digits of 999999.5 round half to even into 1e+06; 0.5 at 1 digit stays 0.5.
  char buf[detail::kJsonNumberBound];
  EXPECT_EQ(std::string(buf, detail::write_json_number(buf, 999999.5, 6)), "1e+06");
  EXPECT_EQ(std::string(buf, detail::write_json_number(buf, 40.0, 6)), "40");
  EXPECT_EQ(std::string(buf, detail::write_json_number(buf, -0.0001, 6)), "-0.0001");
}

// A literal is its characters without the NUL; a record written through
// reserve()/wrote() is the same text as piece by piece; text() and clear()
// hand the buffer on and start over, keeping the room.
TEST(JsonText, LiteralsAndRecordsWrittenThroughReservedRoom) {
  char buf[16] = {};
  EXPECT_EQ(detail::write_literal(buf, "{\"k\":") - buf, 5);
  EXPECT_EQ(std::string(buf, 5), "{\"k\":");
  EXPECT_EQ(buf[5], '\0');

  std::string out;
  detail::JsonWriter w(out);
  std::string expected;
  for (int line = 0; line < 200; ++line) {
    const std::string id = "lead-" + std::to_string(line) + (line % 5 == 0 ? "\"q\"" : "");
    char* p = w.reserve(detail::json_string_bound(id) + 16 + detail::kJsonNumberBound);
    p = detail::write_literal(p, "{\"id\":");
    p = detail::write_json_string(p, id);
    p = detail::write_literal(p, ",\"v\":");
    p = detail::write_json_number(p, line / 8.0, 6);
    p = detail::write_literal(p, "}\n");
    w.wrote(p);
    expected += "{\"id\":" + reference_escape(id) + ",\"v\":";
    char num[32];
    expected += std::string(num, static_cast<std::size_t>(std::snprintf(num, sizeof num, "%.6g", line / 8.0))) + "}\n";
    if (line == 99) {  // hand the first hundred on
      ASSERT_EQ(w.text(), expected);
      const std::size_t room = out.size();
      w.clear();
      expected.clear();
      EXPECT_EQ(w.text(), "");
      EXPECT_EQ(out.size(), room);  // the room is kept
    }
  }
  EXPECT_EQ(w.text(), expected);
  w.done();
  EXPECT_EQ(out, expected);
}

}  // namespace
}  // namespace doorway
