// doorway — the classifier: is a touch marketing (one-to-many, one-sided) or sales
// (one-to-one, interactive)? Every answer names the rule that decided it.
//
// Order of rules (seeds first, then the catalog, then the channel):
//   1. override.team            the touch carries an explicit team
//   2. seed.one_to_one_two_way  one-to-one AND two-way            -> sales
//      seed.one_way             one-way (whatever the audience)   -> marketing
//      seed.one_to_many         one-to-many (whatever the reply)  -> marketing
//      Axes come from the touch first, then from its catalog type. When an axis
//      that decided came from the channel instead, the rule is channel.<same>.
//   3. catalog.team             axes still undecided: the type's owning team
//   4. channel.team             unknown type: the channel's owning team
//   5. unknown.*                nothing to go on: reported, never guessed
// Interaction decides, not outcome: an order placed through a sales letter's
// order form is one-way and so marketing (seeds/004).
#pragma once

#include <cstdint>
#include <string_view>

#include "doorway/catalog.hpp"
#include "doorway/touch.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

enum class Rule : std::uint8_t {
  override_team = 0,
  seed_one_to_one_two_way = 1,
  seed_one_way = 2,
  seed_one_to_many = 3,
  catalog_team = 4,
  channel_one_to_one_two_way = 5,
  channel_one_way = 6,
  channel_one_to_many = 7,
  channel_team = 8,
  unknown_type_without_channel = 9,
  unknown_axes = 10,
};

// The stable text id of a rule, as it appears in output and explanations.
constexpr std::string_view rule_id(Rule r) noexcept {
  switch (r) {
    case Rule::override_team: return "override.team";
    case Rule::seed_one_to_one_two_way: return "seed.one_to_one_two_way";
    case Rule::seed_one_way: return "seed.one_way";
    case Rule::seed_one_to_many: return "seed.one_to_many";
    case Rule::catalog_team: return "catalog.team";
    case Rule::channel_one_to_one_two_way: return "channel.one_to_one_two_way";
    case Rule::channel_one_way: return "channel.one_way";
    case Rule::channel_one_to_many: return "channel.one_to_many";
    case Rule::channel_team: return "channel.team";
    case Rule::unknown_type_without_channel: return "unknown.type_without_channel";
    case Rule::unknown_axes: return "unknown.axes";
  }
  return "unknown.axes";
}

struct Classification {
  Team team = Team::unknown;
  Rule rule = Rule::unknown_axes;
  Axes axes;                         // the axes after filling from catalog and channel
  TouchKind kind = TouchKind::contact;
  bool known_type = false;           // the type is in the catalog

  // A prospect reaching out one-to-one: the "arrives at the door" signal
  // (seeds/003, 004). Outcomes never count as contact.
  bool initiated_contact() const noexcept {
    return kind != TouchKind::outcome && axes.audience == Audience::one_to_one &&
           axes.initiator == Initiator::prospect;
  }
};

// Classifies by ids already resolved against `catalog` (kNoType / kNoChannel when
// absent or not in the catalog). This is the form the engine's hot path uses.
inline Classification classify(const Catalog& catalog, TypeId type, ChannelId channel,
                               Axes given, Team explicit_team) noexcept {
  Classification c;
  const TouchTypeInfo* t =
      type != kNoType && type < catalog.type_count() ? &catalog.type(type) : nullptr;
  const ChannelInfo* ch = channel != kNoChannel && channel < catalog.channel_count()
                              ? &catalog.channel(channel)
                              : nullptr;
  c.known_type = t != nullptr;
  if (t) c.kind = t->kind;

  // Fill each unknown axis from the type, then from the channel, remembering
  // which axes the channel supplied.
  bool audience_from_channel = false;
  bool interaction_from_channel = false;
  c.axes = given;
  if (t) {
    if (c.axes.audience == Audience::unknown) c.axes.audience = t->axes.audience;
    if (c.axes.interaction == Interaction::unknown) c.axes.interaction = t->axes.interaction;
    if (c.axes.initiator == Initiator::unknown) c.axes.initiator = t->axes.initiator;
  }
  if (ch) {
    if (c.axes.audience == Audience::unknown && ch->axes.audience != Audience::unknown) {
      c.axes.audience = ch->axes.audience;
      audience_from_channel = true;
    }
    if (c.axes.interaction == Interaction::unknown &&
        ch->axes.interaction != Interaction::unknown) {
      c.axes.interaction = ch->axes.interaction;
      interaction_from_channel = true;
    }
    if (c.axes.initiator == Initiator::unknown) c.axes.initiator = ch->axes.initiator;
  }

  if (explicit_team != Team::unknown) {
    c.team = explicit_team;
    c.rule = Rule::override_team;
    return c;
  }
  if (c.axes.audience == Audience::one_to_one && c.axes.interaction == Interaction::two_way) {
    c.team = Team::sales;
    c.rule = audience_from_channel || interaction_from_channel
                 ? Rule::channel_one_to_one_two_way
                 : Rule::seed_one_to_one_two_way;
    return c;
  }
  if (c.axes.interaction == Interaction::one_way) {
    c.team = Team::marketing;
    c.rule = interaction_from_channel ? Rule::channel_one_way : Rule::seed_one_way;
    return c;
  }
  if (c.axes.audience == Audience::one_to_many) {
    c.team = Team::marketing;
    c.rule = audience_from_channel ? Rule::channel_one_to_many : Rule::seed_one_to_many;
    return c;
  }
  if (t && t->team != Team::unknown) {
    c.team = t->team;
    c.rule = Rule::catalog_team;
    return c;
  }
  if (!t && ch && ch->team != Team::unknown) {
    c.team = ch->team;
    c.rule = Rule::channel_team;
    return c;
  }
  c.team = Team::unknown;
  c.rule = !t && !ch ? Rule::unknown_type_without_channel : Rule::unknown_axes;
  return c;
}

// Classifies a touch by its names.
inline Classification classify(const Catalog& catalog, const Touch& touch) noexcept {
  const TypeId type = catalog.find_type(touch.type).value_or(kNoType);
  const ChannelId channel = touch.channel.empty()
                                ? kNoChannel
                                : catalog.find_channel(touch.channel).value_or(kNoChannel);
  ChannelId effective = channel;
  if (effective == kNoChannel && type != kNoType && !catalog.type(type).channel.empty()) {
    effective = catalog.find_channel(catalog.type(type).channel).value_or(kNoChannel);
  }
  return classify(catalog, type, effective, touch.axes(), touch.team);
}

}  // namespace v0
}  // namespace doorway
