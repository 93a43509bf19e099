// The hand-written JSON text helpers (doorway/detail/json_text.hpp) that the model
// writer and the command line stream their output through. Expected texts are
// written out by hand from RFC 8259's escaping rules and C++'s to_chars formats.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "doorway/detail/json_text.hpp"

namespace doorway {
namespace {

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

}  // namespace
}  // namespace doorway
