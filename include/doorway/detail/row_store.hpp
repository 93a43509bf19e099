// doorway — rows of one byte size, fixed when the store is made, in chunks of
// 4,096 rows that never move: the engine keeps each lead's data and the states of
// the scores that fit beside it in one row, so a touch reads one place in memory
// (one page, a few neighbouring cache lines) instead of one per score.
//
// The store holds raw bytes: whoever places an object in a row constructs and
// destroys it (Engine::LeadRows for the lead data, PolicyColumn for score states).
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail {

class RowStore {
 public:
  static constexpr std::size_t kChunkBits = 12;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;
  static constexpr std::size_t kAlign = 64;  // rows start on a cache line

  // `row_bytes` is rounded up to a whole number of cache lines.
  explicit RowStore(std::size_t row_bytes) : stride_((row_bytes + kAlign - 1) / kAlign * kAlign) {}
  RowStore(const RowStore&) = delete;
  RowStore& operator=(const RowStore&) = delete;

  std::size_t stride() const noexcept { return stride_; }
  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return chunks_.size() * kChunk; }

  char* row(std::size_t i) noexcept { return chunks_[i >> kChunkBits].get() + (i & (kChunk - 1)) * stride_; }
  const char* row(std::size_t i) const noexcept {
    return chunks_[i >> kChunkBits].get() + (i & (kChunk - 1)) * stride_;
  }

  // Adds a row of uninitialised bytes and returns it.
  char* add() {
    if (size_ == capacity()) {
      chunks_.push_back(Chunk(static_cast<char*>(::operator new(kChunk * stride_, std::align_val_t{kAlign}))));
    }
    return row(size_++);
  }
  // Forgets the last row (its objects destroyed by their owners first).
  void remove_last() noexcept { --size_; }

 private:
  struct Free {
    void operator()(char* p) const noexcept { ::operator delete(p, std::align_val_t{kAlign}); }
  };
  using Chunk = std::unique_ptr<char[], Free>;

  std::vector<Chunk> chunks_;
  std::size_t stride_;
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
