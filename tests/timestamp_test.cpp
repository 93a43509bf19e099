// ISO-8601 reading: the exact `YYYY-MM-DDThh:mm:ssZ` fast form and the general
// grammar must agree on every string, and both on hand-worked instants.
#include "doorway/timestamp.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace doorway {
namespace {

TEST(Timestamp, HandWorkedInstants) {
  // 1970 → 2024: 54 years, 13 of them leap (1972 … 2020): 19,723 days.
  EXPECT_EQ(parse_iso8601("2024-01-01T00:00:00Z"), std::int64_t{19'723} * kDay);
  // 1970 → 2000: 10,957 days; 2000-02-29 is day 59 of its year; 12:34:56 is 45,296 s.
  EXPECT_EQ(parse_iso8601("2000-02-29T12:34:56Z"), std::int64_t{11'016} * kDay + std::int64_t{45'296} * kSecond);
  // A leap second reads as :59; the general grammar's other spellings give the same instant.
  EXPECT_EQ(parse_iso8601("2016-12-31T23:59:60Z"), parse_iso8601("2016-12-31T23:59:59Z"));
  EXPECT_EQ(parse_iso8601("2024-01-01t00:00:00z"), parse_iso8601("2024-01-01T00:00:00Z"));
  EXPECT_EQ(parse_iso8601("2024-01-01T01:00:00+01:00"), parse_iso8601("2024-01-01T00:00:00Z"));
  EXPECT_EQ(parse_iso8601("2024-01-01"), parse_iso8601("2024-01-01T00:00:00Z"));
}

TEST(Timestamp, OutOfRangeFieldsAreRefusedInTheFastForm) {
  for (const char* s : {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                        "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-32T00:00:00Z",
                        "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z",
                        "2024-01-01T23:59:61Z", "2024-01-01T23:59:5xZ", "2024-01-01T23:59:59X",
                        "2024/01/01T00:00:00Z", "2024-01-01T00:00:00Z "}) {
    EXPECT_EQ(parse_iso8601(s), std::nullopt) << s;
  }
  Timestamp t = 0;
  EXPECT_TRUE(detail::parse_iso8601_utc_seconds("2400-02-29T00:00:00Z", t));  // divisible by 400: leap
  EXPECT_FALSE(detail::parse_iso8601_utc_seconds("2024-01-01 00:00:00Z", t));  // the general form only
}

// The fast form against two independent readings: the general grammar (which
// predates it) and the C library's timegm() for the instants both accept.
TEST(Timestamp, FastFormAgreesWithTheGeneralGrammarAndTimegm) {
  std::mt19937_64 rng(20261123);
  // Separators, digits, and bytes of 0xFA and more, which carry when six is added.
  const std::string alphabet = "0123456789-:TZtz +./\xFA\xFF";
  int fast = 0;
  for (int n = 0; n < 200'000; ++n) {
    // Fields drawn over a little more than their valid range, then sometimes a byte changed.
    char buf[21];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02uT%02u:%02u:%02uZ", static_cast<unsigned>(rng() % 10'000),
                  static_cast<unsigned>(rng() % 14), static_cast<unsigned>(rng() % 33),
                  static_cast<unsigned>(rng() % 26), static_cast<unsigned>(rng() % 62),
                  static_cast<unsigned>(rng() % 62));
    std::string s(buf);
    for (auto changes = rng() % 4; changes-- > 1;) s[rng() % s.size()] = alphabet[rng() % alphabet.size()];
    const std::optional<Timestamp> got = parse_iso8601(s);
    ASSERT_EQ(got, detail::parse_iso8601_general(s)) << s;
    Timestamp t = 0;
    if (!detail::parse_iso8601_utc_seconds(s, t)) continue;
    ++fast;
    std::tm tm{};
    tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(s.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(s.substr(8, 2));
    tm.tm_hour = std::stoi(s.substr(11, 2));
    tm.tm_min = std::stoi(s.substr(14, 2));
    tm.tm_sec = std::min(std::stoi(s.substr(17, 2)), 59);
    ASSERT_EQ(t, static_cast<Timestamp>(timegm(&tm)) * kSecond) << s;
  }
  EXPECT_GT(fast, 10'000);  // the draw reaches the fast form often enough to mean something
}

// The four-digit-year day count the readers use, against H. Hinnant's
// civil_from_days (an independent algorithm: days to date, with eras) on every
// day of the years 0 to 9999, and on the two ends worked by hand: 1,970 years
// (478 of them leap: 493 divisible by 4, less 20 centuries, plus 5 of 400) from
// 0000-01-01 to the epoch, 719,528 days; 8,030 years (1,947 leap: 2,007 - 80 + 20)
// from the epoch to 10000-01-01, 2,932,897 days.
TEST(Timestamp, FourDigitYearDaysAgreeWithCivilFromDays) {
  EXPECT_EQ(detail::days_from_civil_4digit(0, 1, 1), -719'528);
  EXPECT_EQ(detail::days_from_civil_4digit(9999, 12, 31), 2'932'896);
  EXPECT_EQ(detail::days_from_civil_4digit(1970, 1, 1), 0);
  for (std::int64_t z = -719'528; z <= 2'932'896; ++z) {
    const detail::CivilDate c = detail::civil_from_days(z);
    ASSERT_EQ(detail::days_from_civil_4digit(static_cast<unsigned>(c.y), c.m, c.d), z)
        << c.y << "-" << c.m << "-" << c.d;
  }
}

// The run reader keeps a date's midnight between calls: it must give
// parse_iso8601's answer (itself checked above against timegm() and the general
// grammar) for every string in any order, above all for a time that is out of
// range or misspelt on a date it has kept.
TEST(Timestamp, RunReaderGivesParseIso8601sAnswers) {
  detail::Iso8601RunReader run;
  // Hand-worked: 2024-01-01 is day 19,723 (see HandWorkedInstants); 23:59:59 is 86,399 s.
  EXPECT_EQ(run.parse("2024-01-01T00:00:00Z"), std::int64_t{19'723} * kDay);
  EXPECT_EQ(run.parse("2024-01-01T23:59:59Z"), std::int64_t{19'723} * kDay + std::int64_t{86'399} * kSecond);
  EXPECT_EQ(run.parse("2024-01-01T23:59:60Z"), std::int64_t{19'723} * kDay + std::int64_t{86'399} * kSecond);
  EXPECT_EQ(run.parse("2024-01-01T12:00:00Z"), std::int64_t{19'723} * kDay + std::int64_t{12 * 3600} * kSecond);
  for (const char* bad : {"2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:61Z",
                          "2024-01-01T99:99:99Z", "2024-01-01T2x:00:00Z", "2024-01-01T00:00:00X"}) {
    EXPECT_EQ(run.parse(bad), std::nullopt) << bad;
  }
  // A fresh reader keeps no date: eleven NUL bytes (a JSON "\u0000") are no date.
  detail::Iso8601RunReader fresh;
  EXPECT_EQ(fresh.parse(std::string(11, '\0') + "00:00:00Z"), std::nullopt);
  // 0000-01-01 is 719,528 days before the epoch and 9999-12-31 2,932,896 after it
  // (FourDigitYearDaysAgreeWithCivilFromDays).
  EXPECT_EQ(run.parse("0000-01-01T00:00:01Z"), std::int64_t{-719'528} * kDay + kSecond);
  EXPECT_EQ(run.parse("0000-01-01T23:59:59Z"), std::int64_t{-719'527} * kDay - kSecond);
  EXPECT_EQ(run.parse("9999-12-31T23:59:59Z"), std::int64_t{2'932'897} * kDay - kSecond);

  // Every field of the time at its limits and one past, every position changed to
  // each byte of an alphabet, the spellings only the general grammar reads, on
  // kept dates of several kinds (a leap day, year 0, year 9999), each string read
  // right after its date was kept.
  const std::string alphabet = "0123456789-:TZtz +./\xFA\xFF";
  std::vector<std::string> strings;
  for (const char* date : {"2024-02-29", "2023-12-31", "0000-01-01", "9999-12-31", "1970-01-01", "1969-12-31"}) {
    for (const char* time : {"00:00:00", "23:59:59", "23:59:60", "24:00:00", "23:60:00", "23:59:61", "19:09:09",
                             "20:10:10", "09:59:59"}) {
      const std::string base = std::string(date) + "T" + time + "Z";
      strings.push_back(base);
      for (std::size_t at = 0; at < base.size(); ++at) {
        for (char c : alphabet) {
          std::string s = base;
          s[at] = c;
          strings.push_back(s);
        }
      }
      strings.push_back(base.substr(0, 19) + "+00:00");
      strings.push_back(base.substr(0, 19) + ".5Z");
      strings.push_back(base + " ");
      strings.push_back(base.substr(0, 19));
    }
  }
  std::mt19937_64 rng(20261123);
  detail::Iso8601RunReader reader;
  const std::string kept = "2024-02-29T12:00:00Z";
  for (int round = 0; round < 2; ++round) {
    for (const std::string& s : strings) {
      // The string's own date kept first (when it has one), then the string.
      ASSERT_EQ(reader.parse(s.substr(0, 11) + "12:00:00Z"), parse_iso8601(s.substr(0, 11) + "12:00:00Z")) << s;
      ASSERT_EQ(reader.parse(s), parse_iso8601(s)) << s;
      ASSERT_EQ(reader.parse(kept), parse_iso8601(kept));
      ASSERT_EQ(reader.parse(s), parse_iso8601(s)) << s;
    }
    std::shuffle(strings.begin(), strings.end(), rng);
  }
}

}  // namespace
}  // namespace doorway
