// doorway — how reports write numbers for people (private to src/report/):
// shares as percentages, durations in the unit a reader expects.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::report_format {

// part / whole, 0 when whole is 0.
inline double ratio(std::uint64_t part, std::uint64_t whole) noexcept {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// A fraction as a percentage with one decimal: 0.375 -> "37.5%", 1 -> "100%".
inline std::string percent(double fraction) {
  char buf[32];
  const double p = std::round(fraction * 1000.0) / 10.0;
  if (p == std::floor(p)) {
    std::snprintf(buf, sizeof buf, "%.0f%%", p);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f%%", p);
  }
  return buf;
}
inline std::string percent(std::uint64_t part, std::uint64_t whole) { return percent(ratio(part, whole)); }

// A number with up to `decimals` decimals, trailing zeros dropped: 2.50 -> "2.5".
inline std::string decimal(double v, int decimals = 1) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// A duration for people: "45 s", "12 min", "5.2 h" (under 48 hours), "3.5 d".
inline std::string duration(Duration us) {
  const double s = static_cast<double>(us) / static_cast<double>(kSecond);
  if (s < 60) return decimal(s, 0) + " s";
  if (s < 3600) return decimal(s / 60, 0) + " min";
  if (s < 48 * 3600) return decimal(s / 3600, 1) + " h";
  return decimal(s / 86400, 1) + " d";
}

inline double hours(Duration us) { return static_cast<double>(us) / static_cast<double>(kHour); }

}  // namespace detail::report_format
}  // namespace v0
}  // namespace doorway
