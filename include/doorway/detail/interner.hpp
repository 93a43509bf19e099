// doorway — string interning: each distinct string is stored once and named by a
// dense 32-bit id, so the hot path compares integers and lead state holds no strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "doorway/detail/string_hash.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

// Append-only storage for string bytes in large blocks; views into it stay valid
// for the arena's lifetime (blocks never move).
class StringArena {
 public:
  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > kBlock / 4) {  // large strings get a block of their own
      blocks_.push_back(std::make_unique<char[]>(s.size()));
      std::memcpy(blocks_.back().get(), s.data(), s.size());
      bytes_ += s.size();
      return {blocks_.back().get(), s.size()};
    }
    if (blocks_.empty() || used_ + s.size() > kBlock || current_ == nullptr) {
      blocks_.push_back(std::make_unique<char[]>(kBlock));
      current_ = blocks_.back().get();
      used_ = 0;
      bytes_ += kBlock;
    }
    char* out = current_ + used_;
    std::memcpy(out, s.data(), s.size());
    used_ += s.size();
    return {out, s.size()};
  }
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* current_ = nullptr;
  std::size_t used_ = 0;
  std::size_t bytes_ = 0;
};

// Maps strings to dense ids 0, 1, 2, … in first-seen order.
class Interner {
 public:
  Interner() = default;
  Interner(const Interner& other) { *this = other; }
  Interner& operator=(const Interner& other) {
    if (this == &other) return *this;
    arena_ = StringArena{};
    names_.clear();
    ids_.clear();
    for (std::string_view s : other.names_) intern(s);
    return *this;
  }
  Interner(Interner&&) noexcept = default;
  Interner& operator=(Interner&&) noexcept = default;

  // Returns the id of `s`, adding it when new; `inserted` tells which.
  std::uint32_t intern(std::string_view s, bool* inserted = nullptr) {
    auto it = ids_.find(s);
    if (it != ids_.end()) {
      if (inserted) *inserted = false;
      return it->second;
    }
    const auto id = static_cast<std::uint32_t>(names_.size());
    const std::string_view kept = arena_.store(s);
    names_.push_back(kept);
    ids_.emplace(kept, id);
    if (inserted) *inserted = true;
    return id;
  }
  // Hints that `s` is about to be interned or found (its table slot is fetched).
  void prefetch(std::string_view s) const { ids_.prefetch(s); }
  std::optional<std::uint32_t> find(std::string_view s) const {
    auto it = ids_.find(s);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  std::string_view name(std::uint32_t id) const { return names_[id]; }
  std::size_t size() const noexcept { return names_.size(); }
  // Approximate heap bytes held (arena blocks, name table, hash table slots).
  std::size_t memory_bytes() const noexcept {
    return arena_.bytes() + names_.capacity() * sizeof(std::string_view) +
           ids_.capacity() * (sizeof(std::string_view) + sizeof(std::uint32_t) + 1);
  }

 private:
  StringArena arena_;
  std::vector<std::string_view> names_;
  absl::flat_hash_map<std::string_view, std::uint32_t, StringViewHash, StringViewEq> ids_;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
