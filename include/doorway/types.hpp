// doorway — the small vocabulary every other header uses: teams, the three seed
// axes, timestamps and durations.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace doorway {
inline namespace v0 {

// Microseconds since the Unix epoch, UTC. The core never reads a clock: every
// time it needs is passed in.
using Timestamp = std::int64_t;
// A span of time in microseconds.
using Duration = std::int64_t;

inline constexpr Timestamp kNever = std::numeric_limits<Timestamp>::max();
inline constexpr Duration kMicrosecond = 1;
inline constexpr Duration kMillisecond = 1000;
inline constexpr Duration kSecond = 1000 * kMillisecond;
inline constexpr Duration kMinute = 60 * kSecond;
inline constexpr Duration kHour = 60 * kMinute;
inline constexpr Duration kDay = 24 * kHour;

// Which team owns a touch, a stage or a decision.
enum class Team : std::uint8_t { unknown = 0, marketing = 1, sales = 2 };

// The three axes the seeds separate marketing from sales by. Each may be unknown
// on a touch and is then filled from the catalog.
enum class Audience : std::uint8_t { unknown = 0, one_to_many = 1, one_to_one = 2 };
enum class Interaction : std::uint8_t { unknown = 0, one_way = 1, two_way = 2 };
enum class Initiator : std::uint8_t { unknown = 0, business = 1, prospect = 2 };

// What a catalog touch type stands for. A `door` touch is a prospect's first
// one-to-one contact before any conversation (seeds/003, 004); an `outcome`
// records a result (an order, an acceptance, a win) rather than a contact, and
// does not count towards touch counts or temperature.
enum class TouchKind : std::uint8_t { contact = 0, door = 1, outcome = 2 };

// Lead temperature from effective touch counts (seeds/001).
enum class Temperature : std::uint8_t { cold = 0, warm = 1, hot = 2 };

constexpr std::string_view to_string(Team t) noexcept {
  switch (t) {
    case Team::marketing: return "marketing";
    case Team::sales: return "sales";
    default: return "unknown";
  }
}
constexpr std::string_view to_string(Audience a) noexcept {
  switch (a) {
    case Audience::one_to_many: return "one_to_many";
    case Audience::one_to_one: return "one_to_one";
    default: return "unknown";
  }
}
constexpr std::string_view to_string(Interaction i) noexcept {
  switch (i) {
    case Interaction::one_way: return "one_way";
    case Interaction::two_way: return "two_way";
    default: return "unknown";
  }
}
constexpr std::string_view to_string(Initiator i) noexcept {
  switch (i) {
    case Initiator::business: return "business";
    case Initiator::prospect: return "prospect";
    default: return "unknown";
  }
}
constexpr std::string_view to_string(TouchKind k) noexcept {
  switch (k) {
    case TouchKind::door: return "door";
    case TouchKind::outcome: return "outcome";
    default: return "contact";
  }
}
constexpr std::string_view to_string(Temperature t) noexcept {
  switch (t) {
    case Temperature::warm: return "warm";
    case Temperature::hot: return "hot";
    default: return "cold";
  }
}

// Parsers for the names above. They return nullopt for anything but the exact
// lower-case name ("unknown" parses to the unknown value).
constexpr std::optional<Team> parse_team(std::string_view s) noexcept {
  if (s == "marketing") return Team::marketing;
  if (s == "sales") return Team::sales;
  if (s == "unknown") return Team::unknown;
  return std::nullopt;
}
constexpr std::optional<Audience> parse_audience(std::string_view s) noexcept {
  if (s == "one_to_many") return Audience::one_to_many;
  if (s == "one_to_one") return Audience::one_to_one;
  if (s == "unknown") return Audience::unknown;
  return std::nullopt;
}
constexpr std::optional<Interaction> parse_interaction(std::string_view s) noexcept {
  if (s == "one_way") return Interaction::one_way;
  if (s == "two_way") return Interaction::two_way;
  if (s == "unknown") return Interaction::unknown;
  return std::nullopt;
}
constexpr std::optional<Initiator> parse_initiator(std::string_view s) noexcept {
  if (s == "business") return Initiator::business;
  if (s == "prospect") return Initiator::prospect;
  if (s == "unknown") return Initiator::unknown;
  return std::nullopt;
}
constexpr std::optional<TouchKind> parse_touch_kind(std::string_view s) noexcept {
  if (s == "contact") return TouchKind::contact;
  if (s == "door") return TouchKind::door;
  if (s == "outcome") return TouchKind::outcome;
  return std::nullopt;
}
constexpr std::optional<Temperature> parse_temperature(std::string_view s) noexcept {
  if (s == "cold") return Temperature::cold;
  if (s == "warm") return Temperature::warm;
  if (s == "hot") return Temperature::hot;
  return std::nullopt;
}

// The three axes together, each possibly unknown.
struct Axes {
  Audience audience = Audience::unknown;
  Interaction interaction = Interaction::unknown;
  Initiator initiator = Initiator::unknown;

  friend constexpr bool operator==(const Axes&, const Axes&) = default;
};

}  // namespace v0
}  // namespace doorway
