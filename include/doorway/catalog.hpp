// doorway — the catalog: touch types and channels with their defaults (seed axes,
// owning team, kind). Names are interned once; the hot path sees small integers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/detail/interner.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

using TypeId = std::uint16_t;
using ChannelId = std::uint16_t;
inline constexpr TypeId kNoType = 0xFFFF;
inline constexpr ChannelId kNoChannel = 0xFFFF;

struct TouchTypeInfo {
  std::string id;            // e.g. "webinar_attended"
  TouchKind kind = TouchKind::contact;
  Team team = Team::unknown;  // the team that owns this kind of touch (seeds/002)
  Axes axes;                 // the defaults a touch of this type gets
  std::string channel{};     // default channel id, may be empty
  std::string description{};  // one line for humans
  // Event names that mean this type in event streams (Segment's `event`, e.g.
  // "Demo Requested"), besides the automatic match of the name to the id.
  std::vector<std::string> events{};
};

struct ChannelInfo {
  std::string id;     // e.g. "paid_search"
  std::string group;  // GA4 default channel group, e.g. "Paid Search"
  Team team = Team::unknown;
  Axes axes;
};

class Catalog {
 public:
  // Adds a type; returns its id. Adding an id twice replaces the earlier entry.
  TypeId add_type(TouchTypeInfo info) {
    bool inserted = false;
    const auto id = static_cast<TypeId>(type_ids_.intern(info.id, &inserted));
    if (inserted) {
      types_.push_back(std::move(info));
    } else {
      types_[id] = std::move(info);
    }
    return id;
  }
  ChannelId add_channel(ChannelInfo info) {
    bool inserted = false;
    const auto id = static_cast<ChannelId>(channel_ids_.intern(info.id, &inserted));
    if (inserted) {
      channels_.push_back(std::move(info));
    } else {
      channels_[id] = std::move(info);
    }
    return id;
  }

  std::optional<TypeId> find_type(std::string_view name) const {
    auto id = type_ids_.find(name);
    if (!id) return std::nullopt;
    return static_cast<TypeId>(*id);
  }
  std::optional<ChannelId> find_channel(std::string_view name) const {
    auto id = channel_ids_.find(name);
    if (!id) return std::nullopt;
    return static_cast<ChannelId>(*id);
  }
  const TouchTypeInfo& type(TypeId id) const { return types_[id]; }
  const ChannelInfo& channel(ChannelId id) const { return channels_[id]; }
  std::size_t type_count() const noexcept { return types_.size(); }
  std::size_t channel_count() const noexcept { return channels_.size(); }
  const std::vector<TouchTypeInfo>& types() const noexcept { return types_; }
  const std::vector<ChannelInfo>& channels() const noexcept { return channels_; }

 private:
  detail::Interner type_ids_;
  detail::Interner channel_ids_;
  std::vector<TouchTypeInfo> types_;
  std::vector<ChannelInfo> channels_;
};

}  // namespace v0
}  // namespace doorway
