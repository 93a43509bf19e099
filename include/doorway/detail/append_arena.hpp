// doorway — append-only bytes addressed by offset: the engine keeps every event id
// here, end to end, in the order touches arrive. Appending writes only at the
// tail (which stays in cache), nothing ever moves, and a 48-bit offset names any
// string. Storage is 16 MiB chunks; a string never straddles two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail {

class AppendArena {
 public:
  static constexpr std::size_t kChunkBits = 24;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;  // also the longest string
  static constexpr std::size_t kMaxChunks = std::size_t{1} << (48 - kChunkBits);

  // Whether a string of `n` bytes can still be appended.
  bool can_append(std::size_t n) const noexcept {
    return n <= kChunk && (chunks_.size() < kMaxChunks || used_ + n <= kChunk);
  }

  // Stores `s` (check can_append first) and returns its offset.
  std::uint64_t append(std::string_view s) {
    if (chunks_.empty() || used_ + s.size() > kChunk) {
      // Not value-initialised: the pages are committed as they are written.
      chunks_.push_back(std::unique_ptr<char[]>(new char[kChunk]));
      used_ = 0;
    }
    const std::uint64_t at = (static_cast<std::uint64_t>(chunks_.size() - 1) << kChunkBits) | used_;
    std::memcpy(chunks_.back().get() + used_, s.data(), s.size());
    used_ += s.size();
    return at;
  }

  std::string_view view(std::uint64_t at, std::size_t n) const noexcept {
    return {chunks_[at >> kChunkBits].get() + (at & (kChunk - 1)), n};
  }

  // Bytes written, counting the unused tails of full chunks (the pages of the
  // current chunk past its last write are never touched).
  std::size_t memory_bytes() const noexcept {
    return chunks_.empty() ? 0 : (chunks_.size() - 1) * kChunk + used_;
  }

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t used_ = 0;  // bytes written in the last chunk
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
