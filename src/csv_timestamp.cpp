// doorway — timestamp formats of CSV columns (see include/doorway/csv_timestamp.hpp).
#include "doorway/csv_timestamp.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "doorway/detail/strings.hpp"
#include "doorway/timestamp.hpp"

namespace doorway {
inline namespace v0 {

namespace {

constexpr std::string_view kMonths[12] = {"january", "february", "march",     "april",   "may",      "june",
                                          "july",    "august",   "september", "october", "november", "december"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads min..max digits at `i`.
bool digits(std::string_view s, std::size_t& i, int min, int max, int& out) {
  int n = 0;
  int v = 0;
  while (n < max && i < s.size() && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  if (n < min) return false;
  out = v;
  return true;
}

// An offset: Z, ±hh:mm, ±hhmm or ±hh.
bool offset(std::string_view s, std::size_t& i, Duration& out) {
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
    out = 0;
    return true;
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
  const int sign = s[i] == '-' ? -1 : 1;
  ++i;
  int h = 0, m = 0;
  if (!digits(s, i, 2, 2, h)) return false;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && s[i] >= '0' && s[i] <= '9' && !digits(s, i, 2, 2, m)) return false;
  if (h > 23 || m > 59) return false;
  out = sign * (h * kHour + m * kMinute);
  return true;
}

constexpr std::string_view kDirectives = "YymdeHIMSfpbBzZTFD%";

}  // namespace

absl::StatusOr<TimestampFormat> TimestampFormat::parse(std::string_view spec) {
  TimestampFormat f;
  f.spec_ = std::string(spec);
  if (spec == "iso8601" || spec == "iso" || spec.empty()) {
    f.kind_ = Kind::iso8601;
    f.spec_ = "iso8601";
    return f;
  }
  if (spec == "epoch_s") {
    f.kind_ = Kind::epoch_s;
    return f;
  }
  if (spec == "epoch_ms") {
    f.kind_ = Kind::epoch_ms;
    return f;
  }
  if (spec.find('%') == std::string_view::npos) {
    return absl::InvalidArgumentError(detail::cat(
        "unknown timestamp format \"", spec, "\" (iso8601, epoch_s, epoch_ms, or a pattern such as %m/%d/%Y)"));
  }
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') continue;
    if (i + 1 >= spec.size()) {
      return absl::InvalidArgumentError(detail::cat("timestamp pattern \"", spec, "\" ends with a lone %"));
    }
    const char d = spec[++i];
    if (kDirectives.find(d) == std::string_view::npos) {
      return absl::InvalidArgumentError(detail::cat("timestamp pattern \"", spec, "\": unknown directive %",
                                                    std::string(1, d), " (known: %Y %y %m %d %e %H %I %M %S %f %p %b %B %z %Z %T %F %D %%)"));
    }
  }
  f.kind_ = Kind::pattern;
  return f;
}

std::string TimestampFormat::describe() const {
  switch (kind_) {
    case Kind::iso8601: return "ISO-8601 with an offset (or a date)";
    case Kind::epoch_s: return "epoch seconds";
    case Kind::epoch_ms: return "epoch milliseconds";
    case Kind::pattern: return detail::cat("the pattern ", spec_);
  }
  return spec_;
}

std::optional<Timestamp> TimestampFormat::read(std::string_view text) const {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  switch (kind_) {
    case Kind::iso8601: {
      if (auto t = parse_iso8601(text)) return t;
      // A date-time without an offset is read at the map's offset.
      if (auto t = parse_iso8601(detail::cat(text, "Z"))) return *t - offset_;
      return std::nullopt;
    }
    case Kind::epoch_s:
    case Kind::epoch_ms: {
      const Duration unit = kind_ == Kind::epoch_s ? kSecond : kMillisecond;
      const std::int64_t max = std::numeric_limits<Timestamp>::max() / unit - 1;
      std::int64_t n = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
      if (r.ec == std::errc{} && r.ptr == text.data() + text.size()) {
        if (n > max || n < -max) return std::nullopt;
        return n * unit;
      }
      double d = 0;
      const auto rd = std::from_chars(text.data(), text.data() + text.size(), d);
      if (rd.ec != std::errc{} || rd.ptr != text.data() + text.size() || !std::isfinite(d) ||
          std::fabs(d) > static_cast<double>(max)) {
        return std::nullopt;
      }
      return static_cast<Timestamp>(std::llround(d * static_cast<double>(unit)));
    }
    case Kind::pattern: return read_pattern(text);
  }
  return std::nullopt;
}

std::optional<Timestamp> TimestampFormat::read_pattern(std::string_view s) const {
  // Expand the shorthands once per call (patterns are short).
  std::string p;
  for (std::size_t k = 0; k < spec_.size(); ++k) {
    if (spec_[k] == '%' && k + 1 < spec_.size()) {
      const char d = spec_[k + 1];
      if (d == 'T') { p += "%H:%M:%S"; ++k; continue; }
      if (d == 'F') { p += "%Y-%m-%d"; ++k; continue; }
      if (d == 'D') { p += "%m/%d/%y"; ++k; continue; }
    }
    p += spec_[k];
  }
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
  bool pm = false, has_ampm = false, twelve = false;
  std::optional<Duration> zone;
  std::size_t i = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const char pc = p[k];
    if (pc == ' ') {
      if (i >= s.size() || s[i] != ' ') return std::nullopt;
      while (i < s.size() && s[i] == ' ') ++i;
      continue;
    }
    if (pc != '%') {
      if (i >= s.size() || s[i] != pc) return std::nullopt;
      ++i;
      continue;
    }
    const char d = p[++k];
    switch (d) {
      case 'Y':
        if (!digits(s, i, 4, 4, year)) return std::nullopt;
        break;
      case 'y': {
        int y = 0;
        if (!digits(s, i, 2, 2, y)) return std::nullopt;
        year = y < 69 ? 2000 + y : 1900 + y;
        break;
      }
      case 'm':
        if (!digits(s, i, 1, 2, month)) return std::nullopt;
        break;
      case 'd':
      case 'e':
        if (!digits(s, i, 1, 2, day)) return std::nullopt;
        break;
      case 'H':
        if (!digits(s, i, 1, 2, hour) || hour > 23) return std::nullopt;
        break;
      case 'I':
        if (!digits(s, i, 1, 2, hour) || hour < 1 || hour > 12) return std::nullopt;
        twelve = true;
        break;
      case 'M':
        if (!digits(s, i, 2, 2, minute) || minute > 59) return std::nullopt;
        break;
      case 'S':
        if (!digits(s, i, 2, 2, second) || second > 60) return std::nullopt;
        if (second == 60) second = 59;  // a leap second, folded as parse_iso8601 does
        break;
      case 'f': {
        int n = 0;
        int v = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (n < 6) {
            v = v * 10 + (s[i] - '0');
            ++n;
          }
          ++i;
        }
        if (n == 0) return std::nullopt;
        for (int z = n; z < 6; ++z) v *= 10;
        micros = v;
        break;
      }
      case 'p': {
        if (i + 2 > s.size()) return std::nullopt;
        const char a = lower(s[i]);
        if ((a != 'a' && a != 'p') || lower(s[i + 1]) != 'm') return std::nullopt;
        pm = a == 'p';
        has_ampm = true;
        i += 2;
        break;
      }
      case 'b':
      case 'B': {
        int found = -1;
        std::size_t len = 0;
        for (int m = 0; m < 12 && found < 0; ++m) {
          // Full name first, then the three-letter abbreviation.
          for (std::size_t n : {kMonths[m].size(), std::size_t{3}}) {
            if (i + n > s.size()) continue;
            bool same = true;
            for (std::size_t q = 0; q < n && same; ++q) same = lower(s[i + q]) == kMonths[m][q];
            if (same) {
              found = m;
              len = n;
              break;
            }
          }
        }
        if (found < 0) return std::nullopt;
        month = found + 1;
        i += len;
        break;
      }
      case 'z': {
        Duration z = 0;
        if (!offset(s, i, z)) return std::nullopt;
        zone = z;
        break;
      }
      case 'Z':
        if (s.substr(i, 3) == "UTC" || s.substr(i, 3) == "GMT") {
          i += 3;
        } else if (i < s.size() && s[i] == 'Z') {
          ++i;
        } else {
          return std::nullopt;
        }
        zone = 0;
        break;
      case '%':
        if (i >= s.size() || s[i] != '%') return std::nullopt;
        ++i;
        break;
      default:
        return std::nullopt;
    }
  }
  if (i != s.size()) return std::nullopt;
  if (twelve) {
    if (!has_ampm) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);
  } else if (has_ampm && hour >= 1 && hour <= 12) {
    hour = hour % 12 + (pm ? 12 : 0);
  }
  // Validate the date through the ISO parser's rules (month lengths, leap years).
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  const std::int64_t days = detail::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const Timestamp local = days * kDay + hour * kHour + minute * kMinute + second * kSecond + micros;
  return local - zone.value_or(offset_);
}

}  // namespace v0
}  // namespace doorway
