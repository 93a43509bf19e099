// doorway — one touchpoint between a business and a lead, as the caller hands it in.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// A free key/value pair carried by a touch (`properties` of an event, `traits`
// of an identify call). Values are kept as text.
struct Property {
  std::string_view key{};
  std::string_view value{};
};

// One touchpoint. A Touch borrows its strings: they must stay valid for the
// duration of the call that receives the touch (the engine copies what it keeps).
//
// Required: `event_id`, `lead_id`, `timestamp`, and a `type` or a `channel`.
// The three seed axes may be left unknown; they are then filled from the catalog
// entry of `type` (or of `channel` when the type is not in the catalog).
// `team`, when set, overrides classification altogether.
struct Touch {
  std::string_view event_id{};
  std::string_view lead_id{};
  std::string_view account_id{};  // optional; empty when the lead has no account
  Timestamp timestamp = 0;      // UTC, microseconds since the epoch
  std::string_view type{};        // catalog touch type id, e.g. "webinar_attended"
  std::string_view channel{};     // optional, e.g. "email", "paid_search"
  Audience audience = Audience::unknown;
  Interaction interaction = Interaction::unknown;
  Initiator initiator = Initiator::unknown;
  Team team = Team::unknown;    // explicit override of the classifier
  std::optional<double> value{};  // e.g. the amount of an order
  std::string_view outcome{};     // e.g. "accepted", "rejected", "won", "lost"
  std::span<const Property> properties{};
  std::span<const Property> traits{};

  Axes axes() const noexcept { return Axes{audience, interaction, initiator}; }
};

}  // namespace v0
}  // namespace doorway
