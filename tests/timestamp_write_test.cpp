// ISO-8601 writing: hand-worked instants at the edges of the four-digit-year
// path (the epoch, leap days, the last microsecond of 9999) and of the general
// path around it, and every day from 1970 to 9999 against the C library's
// gmtime_r, an independent calendar.
#include "doorway/timestamp.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <limits>
#include <string>

namespace doorway {
namespace {

TEST(TimestampWrite, HandWorkedInstants) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(1), "1970-01-01T00:00:00.000001Z");
  // 1970 → 2024: 54 years, 13 of them leap (1972 … 2020): 19,723 days.
  EXPECT_EQ(format_iso8601(std::int64_t{19'723} * kDay), "2024-01-01T00:00:00Z");
  // 1970 → 2000: 10,957 days; 2000-02-29 is day 59 of its year; 12:34:56 is 45,296 s.
  EXPECT_EQ(format_iso8601(std::int64_t{11'016} * kDay + std::int64_t{45'296} * kSecond + 120'000),
            "2000-02-29T12:34:56.120000Z");
  // 2000-03-01, the day after: the first day of a computational year.
  EXPECT_EQ(format_iso8601(std::int64_t{11'017} * kDay), "2000-03-01T00:00:00Z");
  // 1970 → 10000: 8,030 years, 1,947 of them leap (2,007 multiples of 4 from 1972
  // to 9996, less the 60 centuries 2100 … 9900 not divisible by 400): 2,932,897 days.
  const Timestamp year_10000 = std::int64_t{2'932'897} * kDay;
  EXPECT_EQ(detail::kYear10000, year_10000);
  EXPECT_EQ(format_iso8601(year_10000 - 1), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(format_iso8601(year_10000), "10000-01-01T00:00:00Z");  // the general path
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999999Z");    // the general path
  EXPECT_EQ(format_iso8601(kNever), "never");
}

// Every day of 1970 … 9999, at a time of day that moves through the whole day
// (and has microseconds every third day), against gmtime_r's fields printed
// with printf.
TEST(TimestampWrite, EveryDayOfFourDigitYearsMatchesGmtime) {
  const std::int64_t days = detail::kYear10000 / kDay;
  for (std::int64_t d = 0; d < days; ++d) {
    const std::int64_t second_of_day = (d * 7919) % 86'400;
    const std::int64_t micros = d % 3 == 0 ? (d * 104'729) % 1'000'000 : 0;
    const Timestamp t = d * kDay + second_of_day * kSecond + micros;
    const std::time_t seconds = static_cast<std::time_t>(d * 86'400 + second_of_day);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&seconds, &tm), nullptr);
    char expected[40];
    int n = std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (micros != 0) n += std::snprintf(expected + n, sizeof expected - static_cast<std::size_t>(n), ".%06d",
                                        static_cast<int>(micros));
    expected[n++] = 'Z';
    char got[kIso8601Bound];
    char* end = write_iso8601(got, t);
    ASSERT_EQ(std::string(got, end), std::string(expected, static_cast<std::size_t>(n))) << "day " << d;
  }
}

}  // namespace
}  // namespace doorway
