// doorway — timestamps as CRM exports write them: the formats a column map names
// for its timestamp column.
//
//   "iso8601"   ISO-8601 (the default): with an offset, or without one and then at
//               the map's UTC offset; a bare date is midnight
//   "epoch_s"   seconds since 1970-01-01T00:00:00Z (a fraction is allowed)
//   "epoch_ms"  milliseconds since the epoch
//   a pattern   strftime-style, e.g. "%m/%d/%Y", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%S%z"
//
// Pattern directives: %Y (4-digit year), %y (2 digits: 00–68 → 2000s, 69–99 →
// 1900s), %m, %d, %e (1 or 2 digits; %m and %d accept one digit too), %H (0–23),
// %I (1–12) with %p (AM/PM, any case), %M, %S, %f (fraction of a second, 1–6
// digits), %b / %B (English month names, abbreviated or full, any case), %j is not
// supported, %z (Z, ±hh:mm or ±hhmm), %Z (UTC or GMT), %T (= %H:%M:%S), %F
// (= %Y-%m-%d), %D (= %m/%d/%y), %% (a percent sign). A space in the pattern
// matches one or more spaces; any other character matches itself. A time without
// %z is read at the map's UTC offset (UTC unless the map says otherwise): the
// library never guesses a time zone from the machine it runs on.
//
// Thread-safety: a TimestampFormat is immutable and may be shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

class TimestampFormat {
 public:
  enum class Kind : std::uint8_t { iso8601 = 0, epoch_s = 1, epoch_ms = 2, pattern = 3 };

  TimestampFormat() = default;

  // "iso8601", "epoch_s", "epoch_ms", or a pattern with at least one directive.
  // An unknown directive or name is an error naming it.
  static absl::StatusOr<TimestampFormat> parse(std::string_view spec);

  // The time `text` stands for (surrounding spaces ignored), or nullopt.
  std::optional<Timestamp> read(std::string_view text) const;

  // The UTC offset of times written without one, as in "-05:00" (pass -5 * kHour):
  // 09:00 then reads as 14:00Z. Times with their own offset (%z, ISO-8601) keep it.
  TimestampFormat with_utc_offset(Duration offset) const {
    TimestampFormat f = *this;
    f.offset_ = offset;
    return f;
  }

  Duration utc_offset() const noexcept { return offset_; }
  Kind kind() const noexcept { return kind_; }
  const std::string& spec() const noexcept { return spec_; }
  // What read() expects, for messages: "ISO-8601 with an offset", "%m/%d/%Y", …
  std::string describe() const;

 private:
  std::optional<Timestamp> read_pattern(std::string_view text) const;

  Kind kind_ = Kind::iso8601;
  std::string spec_ = "iso8601";
  Duration offset_ = 0;
};

}  // namespace v0
}  // namespace doorway
