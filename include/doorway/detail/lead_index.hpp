// doorway — the engine's index from lead ids to dense lead numbers.
//
// Open addressing with linear probing over 8-byte slots, at most half full. A slot
// holds a 32-bit tag (the high half of the id's string_hash) and the lead number
// + 1 (0: empty); the slot's position is the tag's low bits, so growing the table
// needs no hash recomputed and no name read. The names themselves live with the
// caller's lead data: a hit is confirmed by `name_of(number)`, so a lookup touches
// the slot's cache line and the lead's own data, which the engine reads next
// anyway. That makes lookups cheap to prefetch in two steps: the slot from the
// hash alone, then the candidates' lead data (Engine::ingest runs this pipeline
// over a batch).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "doorway/detail/string_hash.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

class LeadIndex {
 public:
  static std::uint64_t hash(std::string_view id) noexcept { return string_hash(id); }

  std::size_t size() const noexcept { return size_; }
  std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(std::uint64_t); }

  void prefetch(std::uint64_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[tag(h) & mask_]);
  }

  // Calls f(number) for each lead whose tag matches h, in probe order: the
  // candidates a lookup of h would confirm.
  template <class F>
  void for_each_candidate(std::uint64_t h, F&& f) const {
    if (slots_.empty()) return;
    const std::uint32_t t = tag(h);
    for (std::size_t i = t & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return;
      if (static_cast<std::uint32_t>(s >> 32) == t) f(static_cast<std::uint32_t>(s) - 1);
    }
  }

  // The number of the lead whose name_of(number) equals `id` (h = hash(id)).
  template <class NameOf>
  std::optional<std::uint32_t> find(std::uint64_t h, std::string_view id, NameOf&& name_of) const {
    std::optional<std::uint32_t> found;
    if (slots_.empty()) return found;
    const std::uint32_t t = tag(h);
    for (std::size_t i = t & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return found;
      if (static_cast<std::uint32_t>(s >> 32) == t) {
        const auto number = static_cast<std::uint32_t>(s) - 1;
        if (same_string(name_of(number), id)) return found = number;
      }
    }
  }

  // Adds `number` under h; the caller has checked that its id is absent.
  // Numbers must stay below 2³² − 1.
  void insert(std::uint64_t h, std::uint32_t number) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    place(slots_, mask_, (static_cast<std::uint64_t>(tag(h)) << 32) | (static_cast<std::uint64_t>(number) + 1));
    ++size_;
  }

 private:
  static std::uint32_t tag(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h >> 32); }

  static void place(std::vector<std::uint64_t>& slots, std::size_t mask, std::uint64_t slot) {
    std::size_t i = static_cast<std::uint32_t>(slot >> 32) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = slot;
  }

  void grow() {
    const std::size_t n = slots_.empty() ? 64 : 2 * slots_.size();
    std::vector<std::uint64_t> bigger(n, 0);
    for (std::uint64_t s : slots_) {
      if (s != 0) place(bigger, n - 1, s);
    }
    slots_ = std::move(bigger);
    mask_ = n - 1;
  }

  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
