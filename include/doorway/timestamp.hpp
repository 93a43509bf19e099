// doorway — timestamps as text: ISO-8601 / RFC 3339 parsing and formatting (UTC,
// microseconds), and epoch milliseconds. Pure functions; no clock is read.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "doorway/detail/decimal_digits.hpp"
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

// Days since 1970-01-01 for a date of the years 0 to 9999 (four digits as read)
// whose month and day are in range: days_from_civil's arithmetic in unsigned 32
// bits, the year moved on by 400 (146,097 days) so that a March-based year stays
// positive, with no era to divide out.
constexpr std::int64_t days_from_civil_4digit(unsigned y, unsigned m, unsigned d) noexcept {
  const unsigned yy = y + 400 - (m <= 2 ? 1 : 0);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  return static_cast<std::int64_t>(yy * 365 + yy / 4 - yy / 100 + yy / 400 + doy) - (719468 + 146097);
}

// The fields of a date-time as read (a year of four digits, 0 to 9999; the others
// of two), checked and turned into a timestamp: false when a field is out of
// range. A second of 60 (a leap second) reads as :59.
inline bool civil_time(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned se,
                       std::int64_t micros, std::int64_t offset, Timestamp& out) noexcept {
  static constexpr unsigned char kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  // Unsigned: a month or day of 0 wraps round and fails too.
  if (mo - 1 > 11 || d - 1 >= kDays[mo - 1] || (h > 23) | (mi > 59) | (se > 60)) return false;
  if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return false;  // not a leap year
  se -= se == 60 ? 1 : 0;
  const std::int64_t seconds = ((days_from_civil_4digit(y, mo, d) * 24 + h) * 60 + mi) * 60 + se;
  out = seconds * kSecond + micros - offset;
  return true;
}

// Exactly `YYYY-MM-DDThh:mm:ssZ`, the form nearly every export writes, read
// without the general grammar: true with `out` set; false when `s` is not that
// form or a field is out of range (the general reader then decides, and since
// this form is a case of its grammar, it gives the same answer).
//
// The 20 bytes are read as three little-endian words, 8 + 8 + 4 bytes:
//   "YYYY-MM-" "DDThh:mm" ":ssZ". In each word the separators are compared at
// once, the separator bytes are then set to '0' and every byte checked to be a
// digit, and byte k of 10·d + (d >> 8) (d: the digit values) is the two-digit
// number that starts at byte k (at most 99: no byte carries into the next).
inline bool parse_iso8601_utc_seconds(std::string_view s, Timestamp& out) noexcept {
  if (s.size() != 20) return false;
  auto word = [&](std::size_t at, std::size_t n) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + at, n);
    return w;  // little-endian: byte k of the text is bits 8k .. 8k + 7 (x86-64, AArch64)
  };
  constexpr std::uint64_t kZeros = 0x3030303030303030;
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0;
  constexpr std::uint64_t kSixes = 0x0606060606060606;
  // Per word: the separator bytes (mask and their expected text).
  constexpr std::uint64_t kSepA = 0xFF0000FF00000000, kTextA = 0x2D00002D00000000;  // '-' at 4, 7
  constexpr std::uint64_t kSepB = 0x0000FF0000FF0000, kTextB = 0x00003A0000540000;  // 'T' at 2, ':' at 5
  constexpr std::uint64_t kSepC = 0x00000000FF0000FF, kTextC = 0x000000005A00003A;  // ':' at 0, 'Z' at 3
  constexpr std::uint64_t kFullC = 0x00000000FFFFFFFF;  // the last word is 4 bytes
  const std::uint64_t a = word(0, 8), b = word(8, 8), c = word(16, 4);
  if ((a & kSepA) != kTextA || (b & kSepB) != kTextB || (c & kSepC) != kTextC) return false;
  const std::uint64_t xa = (a & ~kSepA) | (kZeros & kSepA);
  const std::uint64_t xb = (b & ~kSepB) | (kZeros & kSepB);
  const std::uint64_t xc = (c & ~kSepC) | (kZeros & kSepC) | (kZeros & ~kFullC);
  // A byte is a digit when its high nibble is 3 before and after adding 6. (A
  // byte of 0xFA or more carries into the next one; that can only fail a digit.)
  auto digits = [&](std::uint64_t x) { return (x & kHigh) == kZeros && ((x + kSixes) & kHigh) == kZeros; };
  if (!digits(xa) || !digits(xb) || !digits(xc)) return false;
  auto pairs = [&](std::uint64_t x) {
    const std::uint64_t d = x - kZeros;
    return d * 10 + (d >> 8);
  };
  auto byte = [](std::uint64_t x, unsigned k) { return static_cast<unsigned>(x >> (8 * k)) & 0xFF; };
  const std::uint64_t pa = pairs(xa), pb = pairs(xb), pc = pairs(xc);
  return civil_time(byte(pa, 0) * 100 + byte(pa, 2), byte(pa, 5), byte(pb, 0), byte(pb, 3), byte(pb, 6),
                    byte(pc, 1), 0, 0, out);
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

namespace detail {

// parse_iso8601 for a run of timestamps, as a reader of lines sees them: most
// share their date with the one before (exports come sorted by time). The
// midnight of the last date read in the fast form `YYYY-MM-DDThh:mm:ssZ` is kept,
// keyed by that text's first eleven bytes ("YYYY-MM-DDT"), so a timestamp on the
// same date checks and converts only its time of day. Everything else (another
// date, another form, an out-of-range time) goes to parse_iso8601, and the
// results are parse_iso8601's: the key is the exact bytes the date was read from.
class Iso8601RunReader {
 public:
  // Inline for the kept date; another date or form goes out of line (once a day
  // of input, for sorted lines).
  [[gnu::always_inline]] std::optional<Timestamp> parse(std::string_view s) noexcept {
    if (s.size() == 20) {
      std::uint64_t a = 0, b = 0, c = 0;  // little-endian, as in parse_iso8601_utc_seconds
      std::memcpy(&a, s.data(), 8);       // "YYYY-MM-"
      std::memcpy(&b, s.data() + 8, 8);   // "DDThh:mm"
      std::memcpy(&c, s.data() + 16, 4);  // ":ssZ"
      // The key ("YYYY-MM-DDT") and the ':' at byte 13 in two compares, ':' and 'Z' in a third.
      if (a == date_head_ && (b & kKeyB) == date_tail_ && (c & 0xFF0000FF) == 0x5A00003A) {
        // The six digits of the time in one word, bytes 0-7: "ss0hh0mm" (the
        // separators as '0'), checked as in parse_iso8601_utc_seconds; byte k of
        // 10·d + (d >> 8) is then the number of bytes k and k + 1.
        constexpr std::uint64_t kZeros = 0x3030303030303030, kHigh = 0xF0F0F0F0F0F0F0F0;
        constexpr std::uint64_t kSixes = 0x0606060606060606;
        const std::uint64_t x = (b & 0xFFFF00FFFF000000) | ((c >> 8) & 0xFFFF) | 0x0000300000300000;
        if ((x & kHigh) == kZeros && ((x + kSixes) & kHigh) == kZeros) {
          const std::uint64_t d = x - kZeros;
          const std::uint64_t pairs = d * 10 + (d >> 8);
          const auto se = static_cast<unsigned>(pairs) & 0xFF;
          const auto h = static_cast<unsigned>(pairs >> 24) & 0xFF;
          const auto mi = static_cast<unsigned>(pairs >> 48) & 0xFF;
          if ((h <= 23) & (mi <= 59) & (se <= 60)) {
            const unsigned secs = h * 3600 + mi * 60 + se - (se == 60 ? 1 : 0);  // a leap second reads as :59
            return day_start_ + static_cast<Timestamp>(secs) * kSecond;
          }
        }
      }
    }
    return parse_other(s);
  }

 private:
  static constexpr std::uint64_t kKeyB = 0x0000FF0000FFFFFF;  // "DDT" and the ':' of "hh:mm"

  // Another date (kept when it is in the fast form), or any other text.
  [[gnu::noinline]] std::optional<Timestamp> parse_other(std::string_view s) noexcept {
    Timestamp t = 0;
    if (!parse_iso8601_utc_seconds(s, t)) return parse_iso8601(s);
    std::memcpy(&date_head_, s.data(), 8);
    std::memcpy(&date_tail_, s.data() + 8, 8);
    date_tail_ &= kKeyB;
    day_start_ = t - ((t % kDay) + kDay) % kDay;
    return t;
  }

  std::uint64_t date_head_ = 0;                  // "YYYY-MM-" of the date kept
  std::uint64_t date_tail_ = ~std::uint64_t{0};  // its "DDT" and ':' (none yet: no text has this)
  Timestamp day_start_ = 0;                      // its midnight
};

}  // namespace detail

// Room write_iso8601 needs: a year of at most 7 characters (-292277 … 294247),
// "-MM-DDThh:mm:ss", ".ffffff" and "Z".
inline constexpr std::size_t kIso8601Bound = 32;

namespace detail {

// The first microsecond of the year 10000: write_iso8601 writes the times from
// the epoch up to it (every year with four digits) by write_iso8601_common.
inline constexpr Timestamp kYear10000 = days_from_civil(10000, 1, 1) * kDay;

// write_iso8601 for 0 <= t < kYear10000, in 32-bit arithmetic: the date from
// the days since 0000-03-01 (a year that starts in March ends with the leap
// day) by C. Neri and L. Schneider's Euclidean affine functions ("Euclidean
// affine functions and their application to calendar algorithms", 2022): the
// century and the day in it, the year in the century and the day in the year,
// then month and day from one product (2141 · day + 197913: month in its high
// 16 bits, counting March as 3, and 2141 · (day − 1) in its low bits); the
// digits two at a time.
inline char* write_iso8601_common(char* out, Timestamp t) noexcept {
  const auto u = static_cast<std::uint64_t>(t);
  const std::uint64_t seconds = u / static_cast<std::uint64_t>(kSecond);
  const auto us = static_cast<std::uint32_t>(u - seconds * static_cast<std::uint64_t>(kSecond));
  const auto days = static_cast<std::uint32_t>(seconds / 86400);
  auto in_day = static_cast<std::uint32_t>(seconds - std::uint64_t{days} * 86400);
  const std::uint32_t h = in_day / 3600;
  in_day -= h * 3600;
  const std::uint32_t mi = in_day / 60;
  const std::uint32_t se = in_day - mi * 60;

  const std::uint32_t n1 = 4 * (days + 719468) + 3;  // days since 0000-03-01, < 2^25 here
  const std::uint32_t century = n1 / 146097;
  const std::uint32_t n2 = (n1 % 146097) | 3;  // 4 · (day in the century) + 3
  const std::uint32_t year_in_century = n2 / 1461;
  const std::uint32_t day_in_year = n2 % 1461 / 4;  // 0 is March 1
  const std::uint32_t n3 = 2141 * day_in_year + 197913;
  const std::uint32_t january = day_in_year >= 306;  // January and February end the computational year
  const std::uint32_t year = 100 * century + year_in_century + january;
  const std::uint32_t month = (n3 >> 16) - 12 * january;
  const std::uint32_t day = (n3 & 0xFFFF) / 2141 + 1;

  write_two_digits(out, year / 100);
  write_two_digits(out + 2, year % 100);
  out[4] = '-';
  write_two_digits(out + 5, month);
  out[7] = '-';
  write_two_digits(out + 8, day);
  out[10] = 'T';
  write_two_digits(out + 11, h);
  out[13] = ':';
  write_two_digits(out + 14, mi);
  out[16] = ':';
  write_two_digits(out + 17, se);
  char* p = out + 19;
  if (us != 0) {
    *p = '.';
    p = write_digits(p + 1, us, 6);
  }
  *p = 'Z';
  return p + 1;
}

}  // namespace detail

// Writes `t` at `out` as `YYYY-MM-DDThh:mm:ssZ`, with `.ffffff` only when there
// are microseconds ("never" for kNever); returns the end. Years before 1970 or
// after 9999 (a sign, or more than four digits) take the general path.
inline char* write_iso8601(char* out, Timestamp t) noexcept {
  if (t >= 0 && t < detail::kYear10000) return detail::write_iso8601_common(out, t);
  if (t == kNever) {
    std::memcpy(out, "never", 5);
    return out + 5;
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
  auto two = [](char* p, int v) { p[0] = static_cast<char>('0' + v / 10); p[1] = static_cast<char>('0' + v % 10); };
  char* p = std::to_chars(out, out + 12, c.y).ptr;
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
  return p;
}

// Appends `t` as write_iso8601 writes it, without allocating a string of its own.
inline void append_iso8601(std::string& out, Timestamp t) {
  char buf[kIso8601Bound];
  out.append(buf, write_iso8601(buf, t));
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
