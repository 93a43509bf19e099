// doorway — a small direct-mapped memo of name → id for the engine's hot
// lookups (each touch's type and channel name): a hit costs one comparison of
// the name, instead of hashing it and probing the catalog's table and then the
// engine's own table of names the catalog does not know. A miss just means the
// long way; a slot holds the last name that landed on it.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "doorway/detail/string_hash.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

template <class Id>
class NameMemo {
 public:
  // The id remembered for `name` (not empty), or null.
  const Id* find(std::string_view name) const noexcept {
    const Entry& e = slots_[slot(name)];
    return same_string(e.name, name) ? &e.id : nullptr;
  }
  // Remembers `name` (not empty) → `id`. The name's bytes must stay valid as
  // long as the memo is used: pass a view of the catalog's or an interner's copy.
  void remember(std::string_view name, Id id) noexcept { slots_[slot(name)] = Entry{name, id}; }

 private:
  static constexpr std::size_t kSlots = 64;
  // Length, first and last byte: a catalog's names (a few dozen snake_case
  // words) mostly differ in one of these, so few share a slot.
  static std::size_t slot(std::string_view s) noexcept {
    const auto first = static_cast<unsigned char>(s.front());
    const auto last = static_cast<unsigned char>(s.back());
    return (s.size() * 13 + first * 5 + last) % kSlots;
  }
  struct Entry {
    std::string_view name;  // empty: the slot is free (names are never empty)
    Id id{};
  };
  std::array<Entry, kSlots> slots_{};
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
