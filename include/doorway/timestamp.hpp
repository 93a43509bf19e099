// doorway — timestamps as text: ISO-8601 / RFC 3339 parsing and formatting (UTC,
// microseconds), and epoch milliseconds. Pure functions; no clock is read.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate { std::int64_t y; unsigned m; unsigned d; };

constexpr CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

inline bool read_digits(std::string_view s, std::size_t& i, std::size_t n, unsigned& out) noexcept {
  if (i + n > s.size()) return false;
  unsigned v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  i += n;
  return true;
}

// The fields of a date-time as read, checked and turned into a timestamp: false
// when a field is out of range. A second of 60 (a leap second) reads as :59.
inline bool civil_time(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned se,
                       std::int64_t micros, std::int64_t offset, Timestamp& out) noexcept {
  if (mo < 1 || mo > 12 || d < 1) return false;
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return false;
  if (h > 23 || mi > 59 || se > 60) return false;
  if (se == 60) se = 59;
  out = days_from_civil(y, mo, d) * kDay + static_cast<std::int64_t>(h) * kHour +
        static_cast<std::int64_t>(mi) * kMinute + static_cast<std::int64_t>(se) * kSecond + micros - offset;
  return true;
}

// Exactly `YYYY-MM-DDThh:mm:ssZ`, the form nearly every export writes, read
// without the general grammar: true with `out` set; false when `s` is not that
// form or a field is out of range (the general reader then decides, and since
// this form is a case of its grammar, it gives the same answer).
inline bool parse_iso8601_utc_seconds(std::string_view s, Timestamp& out) noexcept {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') {
    return false;
  }
  unsigned not_digit = 0;
  auto digit = [&](std::size_t i) {
    const unsigned v = static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
    not_digit |= static_cast<unsigned>(v > 9);
    return v;
  };
  auto two = [&](std::size_t i) { return digit(i) * 10 + digit(i + 1); };
  const unsigned y = two(0) * 100 + two(2);
  const unsigned mo = two(5), d = two(8), h = two(11), mi = two(14), se = two(17);
  return not_digit == 0 && civil_time(y, mo, d, h, mi, se, 0, 0, out);
}

// The general reader (see parse_iso8601).
inline std::optional<Timestamp> parse_iso8601_general(std::string_view s) noexcept {
  std::size_t i = 0;
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!read_digits(s, i, 4, y) || i >= s.size() || s[i++] != '-' || !read_digits(s, i, 2, mo) ||
      i >= s.size() || s[i++] != '-' || !read_digits(s, i, 2, d)) {
    return std::nullopt;
  }
  std::int64_t micros = 0;
  std::int64_t offset = 0;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    ++i;
    if (!read_digits(s, i, 2, h) || i >= s.size() || s[i++] != ':' || !read_digits(s, i, 2, mi)) {
      return std::nullopt;
    }
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!read_digits(s, i, 2, se)) return std::nullopt;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        std::size_t digits = 0;
        std::int64_t frac = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (digits < 6) frac = frac * 10 + (s[i] - '0');
          ++digits;
          ++i;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t k = digits; k < 6; ++k) frac *= 10;
        micros = frac;
      }
    }
    if (i >= s.size()) return std::nullopt;  // no offset: refuse to guess a zone
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      const int sign = s[i] == '-' ? -1 : 1;
      ++i;
      unsigned oh = 0, om = 0;
      if (!read_digits(s, i, 2, oh)) return std::nullopt;
      if (i < s.size() && s[i] == ':') ++i;
      if (!read_digits(s, i, 2, om) || oh > 23 || om > 59) return std::nullopt;
      offset = sign * (static_cast<std::int64_t>(oh) * kHour + static_cast<std::int64_t>(om) * kMinute);
    } else {
      return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
  }
  Timestamp t = 0;
  if (!civil_time(y, mo, d, h, mi, se, micros, offset, t)) return std::nullopt;
  return t;
}

}  // namespace detail

// Parses `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.ffffff]]` followed by `Z` or `±hh:mm`
// (or `±hhmm`); a space may stand for `T`. A date-time without an offset is
// rejected: the library never guesses a time zone. A bare date is midnight UTC.
inline std::optional<Timestamp> parse_iso8601(std::string_view s) noexcept {
  if (Timestamp t = 0; detail::parse_iso8601_utc_seconds(s, t)) return t;
  return detail::parse_iso8601_general(s);
}

// Appends `t` as `YYYY-MM-DDThh:mm:ssZ`, with `.ffffff` only when there are
// microseconds ("never" for kNever), without allocating a string of its own.
inline void append_iso8601(std::string& out, Timestamp t) {
  if (t == kNever) {
    out += "never";
    return;
  }
  std::int64_t days = t / kDay;
  std::int64_t rem = t % kDay;
  if (rem < 0) {
    rem += kDay;
    --days;
  }
  const detail::CivilDate c = detail::civil_from_days(days);
  const auto h = static_cast<int>(rem / kHour);
  const auto mi = static_cast<int>(rem % kHour / kMinute);
  const auto se = static_cast<int>(rem % kMinute / kSecond);
  const auto us = static_cast<int>(rem % kSecond);
  char buf[40];
  auto two = [](char* p, int v) { p[0] = static_cast<char>('0' + v / 10); p[1] = static_cast<char>('0' + v % 10); };
  auto r = std::to_chars(buf, buf + 12, c.y);
  char* p = r.ptr;
  *p++ = '-'; two(p, static_cast<int>(c.m)); p += 2;
  *p++ = '-'; two(p, static_cast<int>(c.d)); p += 2;
  *p++ = 'T'; two(p, h); p += 2;
  *p++ = ':'; two(p, mi); p += 2;
  *p++ = ':'; two(p, se); p += 2;
  if (us != 0) {
    *p++ = '.';
    int v = us;
    for (int k = 5; k >= 0; --k) { p[k] = static_cast<char>('0' + v % 10); v /= 10; }
    p += 6;
  }
  *p++ = 'Z';
  out.append(buf, p);
}

// Formats as `YYYY-MM-DDThh:mm:ssZ`, with `.ffffff` only when there are microseconds.
inline std::string format_iso8601(Timestamp t) {
  std::string s;
  append_iso8601(s, t);
  return s;
}

// A duration as text, in the largest unit that divides it exactly — days only
// from 3 days up, so 48 hours stays "48h": "90d", "48h", "90m", "1500ms", "0s".
// Model files write durations this way, and it reads back through their parser.
inline std::string format_duration(Duration d) {
  if (d == 0) return "0s";
  std::string sign = d < 0 ? "-" : "";
  if (d < 0) d = -d;
  struct Unit { const char* name; Duration micros; };
  static constexpr Unit kUnits[] = {{"d", kDay}, {"h", kHour}, {"m", kMinute}, {"s", kSecond}, {"ms", kMillisecond}};
  for (const Unit& u : kUnits) {
    if (u.micros == kDay && d < 3 * kDay) continue;
    if (d % u.micros == 0) return sign + std::to_string(d / u.micros) + u.name;
  }
  return sign + std::to_string(d) + "us";
}

}  // namespace v0
}  // namespace doorway
