// Tests for the timestamp formats of CSV columns. Expected instants are worked
// out by hand from one anchor: 2024-03-01T00:00:00Z = 1709251200 s since the epoch
// (2024-01-01 is day 19723, i.e. 1704067200 s; January has 31 days and February
// 2024 has 29, so March 1 is day 19783 = 1709251200 s).
#include "doorway/csv_timestamp.hpp"

#include <gtest/gtest.h>

namespace doorway {
namespace {

constexpr Timestamp kMarch1 = 1709251200LL * kSecond;
constexpr Timestamp kMarch1At0930 = kMarch1 + (9 * 3600 + 30 * 60) * kSecond;

std::optional<Timestamp> read(std::string_view format, std::string_view text) {
  absl::StatusOr<TimestampFormat> f = TimestampFormat::parse(format);
  EXPECT_TRUE(f.ok()) << format;
  if (!f.ok()) return std::nullopt;
  return f->read(text);
}

TEST(CsvTimestamp, Iso8601) {
  EXPECT_EQ(read("iso8601", "2024-03-01T09:30:00Z"), kMarch1At0930);
  EXPECT_EQ(read("iso8601", "2024-03-01T10:30:00+01:00"), kMarch1At0930);
  EXPECT_EQ(read("iso8601", "2024-03-01"), kMarch1);
  // Without an offset: UTC, the map's default.
  EXPECT_EQ(read("iso8601", "2024-03-01 09:30:00"), kMarch1At0930);
  EXPECT_EQ(read("iso8601", " 2024-03-01T09:30:00Z "), kMarch1At0930);  // spaces trimmed
  EXPECT_EQ(read("iso8601", "03/01/2024"), std::nullopt);
  EXPECT_EQ(read("iso8601", ""), std::nullopt);
}

TEST(CsvTimestamp, EpochSecondsAndMilliseconds) {
  // 09:30 is 34200 s after midnight: 1709251200 + 34200 = 1709285400.
  EXPECT_EQ(read("epoch_s", "1709285400"), kMarch1At0930);
  EXPECT_EQ(read("epoch_s", "1709285400.5"), kMarch1At0930 + 500 * kMillisecond);
  EXPECT_EQ(read("epoch_ms", "1709285400123"), kMarch1At0930 + 123 * kMillisecond);
  EXPECT_EQ(read("epoch_ms", "-1000"), -kSecond);
  EXPECT_EQ(read("epoch_s", "soon"), std::nullopt);
  EXPECT_EQ(read("epoch_s", "1e300"), std::nullopt);
}

TEST(CsvTimestamp, Patterns) {
  EXPECT_EQ(read("%m/%d/%Y", "03/01/2024"), kMarch1);
  EXPECT_EQ(read("%m/%d/%Y", "3/1/2024"), kMarch1);  // one digit is enough
  EXPECT_EQ(read("%d.%m.%Y %H:%M", "01.03.2024 09:30"), kMarch1At0930);
  // 9:30 PM is 21:30: 1709251200 + 77400.
  EXPECT_EQ(read("%m/%d/%y %I:%M %p", "3/1/24 9:30 PM"), kMarch1 + 77400 * kSecond);
  // 12:05 AM is five minutes after midnight; 12:05 pm five minutes after noon.
  EXPECT_EQ(read("%m/%d/%y %I:%M %p", "3/1/24 12:05 AM"), kMarch1 + 300 * kSecond);
  EXPECT_EQ(read("%m/%d/%y %I:%M%p", "3/1/24 12:05pm"), kMarch1 + (12 * 3600 + 300) * kSecond);
  EXPECT_EQ(read("%Y-%m-%dT%H:%M:%S%z", "2024-03-01T10:30:00+01:00"), kMarch1At0930);
  EXPECT_EQ(read("%Y-%m-%dT%H:%M:%S%z", "2024-03-01T04:30:00-0500"), kMarch1At0930);
  EXPECT_EQ(read("%F %T %Z", "2024-03-01 09:30:00 UTC"), kMarch1At0930);
  EXPECT_EQ(read("%F %T.%f", "2024-03-01 09:30:00.25"), kMarch1At0930 + 250 * kMillisecond);
  EXPECT_EQ(read("%b %d, %Y", "Mar 1, 2024"), kMarch1);
  EXPECT_EQ(read("%B %d %Y", "march 01 2024"), kMarch1);
  EXPECT_EQ(read("%D", "03/01/24"), kMarch1);
  EXPECT_EQ(read("%Y%m%d", "20240301"), kMarch1);
  EXPECT_EQ(read("100%% on %F", "100% on 2024-03-01"), kMarch1);
  // 2024-02-29 exists (a leap year): one day before March 1.
  EXPECT_EQ(read("%F", "2024-02-29"), kMarch1 - kDay);
  // %y: 69-99 are the 1900s.
  EXPECT_EQ(read("%d/%m/%y", "01/01/70"), 0);
}

TEST(CsvTimestamp, PatternsRejectWhatDoesNotFit) {
  EXPECT_EQ(read("%m/%d/%Y", "02/30/2024"), std::nullopt);
  EXPECT_EQ(read("%m/%d/%Y", "13/01/2024"), std::nullopt);
  EXPECT_EQ(read("%F", "2023-02-29"), std::nullopt);
  EXPECT_EQ(read("%m/%d/%Y", "03/01/2024x"), std::nullopt);
  EXPECT_EQ(read("%m/%d/%Y", "03-01-2024"), std::nullopt);
  EXPECT_EQ(read("%H:%M", "24:00"), std::nullopt);
  EXPECT_EQ(read("%I:%M", "09:30"), std::nullopt);  // %I needs %p
  EXPECT_EQ(read("%b %Y", "Mrz 2024"), std::nullopt);
}

TEST(CsvTimestamp, UtcOffsetAppliesToTimesWithoutTheirOwn) {
  absl::StatusOr<TimestampFormat> f = TimestampFormat::parse("%m/%d/%Y %H:%M");
  ASSERT_TRUE(f.ok());
  const TimestampFormat ny = f->with_utc_offset(-5 * kHour);
  // 09:30 at -05:00 is 14:30Z.
  EXPECT_EQ(ny.read("03/01/2024 09:30"), kMarch1At0930 + 5 * kHour);
  absl::StatusOr<TimestampFormat> z = TimestampFormat::parse("%F %H:%M%z");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->with_utc_offset(-5 * kHour).read("2024-03-01 09:30Z"), kMarch1At0930);  // its own offset wins
  absl::StatusOr<TimestampFormat> iso = TimestampFormat::parse("iso8601");
  EXPECT_EQ(iso->with_utc_offset(2 * kHour).read("2024-03-01T11:30:00"), kMarch1At0930);
}

TEST(CsvTimestamp, BadFormatsAreErrorsNamingThem) {
  auto unknown = TimestampFormat::parse("%Q/%d");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(std::string(unknown.status().message()).find("unknown directive %Q"), std::string::npos);
  auto name = TimestampFormat::parse("monthly");
  ASSERT_FALSE(name.ok());
  EXPECT_NE(std::string(name.status().message()).find("unknown timestamp format \"monthly\""), std::string::npos);
  EXPECT_FALSE(TimestampFormat::parse("%Y-%").ok());
}

}  // namespace
}  // namespace doorway
