// Path files (`a > b > c;conversions;value;nulls`): what the reader accepts, its
// errors with file:line:column, and the writer's round trip.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "doorway/report/path_file.hpp"

namespace doorway {
namespace {

std::string path_text(const Journeys& j, std::size_t i) {
  std::string s;
  for (std::uint32_t c : j.channels(i)) {
    if (!s.empty()) s += ">";
    s += j.channel_name(c);
  }
  return s;
}

TEST(PathFile, ReadsTheCommonLayout) {
  const std::string_view text =
      "\xEF\xBB\xBFpath;total_conversions;total_conversion_value;total_null\r\n"
      "a > b;3;120.5;1\r\n"
      "\n"
      "# a comment\n"
      "  paid search >email>  a ; 1 ; 0 ; 2 \n"
      "c;2\n"
      "c;0;0;0\n"
      "d > d;1e1;+5;0.5";
  auto r = read_path_file(text, "p.csv");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 5u);
  EXPECT_EQ(path_text(*r, 0), "a>b");
  EXPECT_EQ(r->conversions(0), 3);
  EXPECT_EQ(r->value(0), 120.5);
  EXPECT_EQ(r->nulls(0), 1);
  EXPECT_EQ(path_text(*r, 1), "paid search>email>a");  // inner space kept, outer blanks trimmed
  EXPECT_EQ(r->nulls(1), 2);
  EXPECT_EQ(path_text(*r, 2), "c");
  EXPECT_EQ(r->value(2), 0);  // VALUE and NULLS default to 0
  EXPECT_EQ(r->nulls(2), 0);
  EXPECT_EQ(r->conversions(3), 0);  // kept although it weighs nothing
  EXPECT_EQ(path_text(*r, 4), "d>d");  // repeats kept as read
  EXPECT_EQ(r->conversions(4), 10);
  EXPECT_EQ(r->value(4), 5);
  EXPECT_EQ(r->channel_count(), 6u);  // a, b, "paid search", email, c, d
  EXPECT_DOUBLE_EQ(r->total_conversions(), 16);
  EXPECT_FALSE(r->timed());
}

TEST(PathFile, HeaderIsOptional) {
  auto r = read_path_file("a>b;1;2;3\n", "x");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->size(), 1u);
  EXPECT_EQ(r->nulls(0), 3);
}

void expect_error(std::string_view text, std::string_view message) {
  auto r = read_path_file(text, "p.csv");
  ASSERT_FALSE(r.ok()) << text;
  EXPECT_EQ(std::string(r.status().message()), message) << text;
}

TEST(PathFile, ErrorsNameFileLineAndColumn) {
  // Columns are 1-based bytes; a header line counts as line 1.
  expect_error("path;conv\na > b;x;0;0\n", "p.csv:2:7: conversions: \"x\" is not a number");
  expect_error("a > b;1;-2;0\n", "p.csv:1:9: value: -2 is negative");
  expect_error("a > b;1;2; inf\n", "p.csv:1:12: nulls: \"inf\" is not finite");
  expect_error("a > > b;1\n", "p.csv:1:4: path: empty channel name (two '>' in a row, or one at an end)");
  expect_error("a >;1\n", "p.csv:1:4: path: empty channel name (two '>' in a row, or one at an end)");
  expect_error(" ;1\n", "p.csv:1:1: path: empty; a journey needs at least one channel");
  expect_error("a;1\nb\n", "p.csv:2:2: conversions: missing: a line is PATH;CONVERSIONS[;VALUE[;NULLS]] (fields separated by ';')");
  expect_error("a;1;2;3;4\n", "p.csv:1:9: line: 5 fields; at most 4: PATH;CONVERSIONS;VALUE;NULLS");
  expect_error("a;1;;3\n", "p.csv:1:5: value: empty; expected a number");
}

TEST(PathFile, WritesWhatItReads) {
  auto r = read_path_file("b > a > b;3;12.25;1\nc;0.5;0;7\n", "in");
  ASSERT_TRUE(r.ok()) << r.status();
  auto text = write_path_file(*r);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "path;total_conversions;total_conversion_value;total_null\n"
            "b > a > b;3;12.25;1\n"
            "c;0.5;0;7\n");
  auto back = read_path_file(*text, "out");
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ(*write_path_file(*back), *text);
}

TEST(PathFile, WriterRefusesNamesThatWouldNotReadBack) {
  Journeys j;
  const std::string_view bad[] = {"a>b"};
  ASSERT_TRUE(j.add_named(bad, 1, 0, 0).ok());
  auto r = write_path_file(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("channel \"a>b\""), std::string_view::npos) << r.status();
}

}  // namespace
}  // namespace doorway
