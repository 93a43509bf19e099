// doorway — a vector in fixed chunks of 4,096 elements: indexing is one shift and
// one mask away from std::vector's, but growing never moves an element. The
// engine keeps per-lead entries in these (its cold lead data, the states of
// scores that do not fit in a lead's row — see row_store.hpp): with millions of
// leads, std::vector's doubling would copy hundreds of megabytes and fault every
// page in twice.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail {

template <class T>
class ChunkedVector {
 public:
  static constexpr std::size_t kChunkBits = 12;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;

  ChunkedVector() = default;
  ChunkedVector(const ChunkedVector& other) { *this = other; }
  ChunkedVector& operator=(const ChunkedVector& other) {
    if (this == &other) return *this;
    clear();
    for (const T& v : other) push_back(v);
    return *this;
  }
  ChunkedVector(ChunkedVector&& other) noexcept
      : chunks_(std::move(other.chunks_)), size_(std::exchange(other.size_, 0)) {}
  ChunkedVector& operator=(ChunkedVector&& other) noexcept {
    if (this == &other) return *this;
    clear();
    chunks_ = std::move(other.chunks_);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  ~ChunkedVector() { clear(); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::size_t capacity() const noexcept { return chunks_.size() * kChunk; }

  T& operator[](std::size_t i) noexcept { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  const T& operator[](std::size_t i) const noexcept { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == capacity()) chunks_.push_back(Storage(static_cast<T*>(::operator new(kChunk * sizeof(T), kAlign))));
    T* slot = &chunks_[size_ >> kChunkBits][size_ & (kChunk - 1)];
    ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
    ++size_;
    return *slot;
  }
  void push_back(const T& v) { emplace_back(v); }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  // Grows (default-constructed elements) or shrinks to n elements.
  void resize(std::size_t n) {
    while (size_ > n) pop_back();
    while (size_ < n) emplace_back();
  }
  void pop_back() noexcept {
    --size_;
    (*this)[size_].~T();
  }
  void clear() noexcept {
    while (size_ > 0) pop_back();
    chunks_.clear();
  }

  template <class V, class Owner>
  class Iterator {
   public:
    using value_type = T;
    using reference = V&;
    using difference_type = std::ptrdiff_t;
    Iterator(Owner* v, std::size_t i) : v_(v), i_(i) {}
    V& operator*() const { return (*v_)[i_]; }
    V* operator->() const { return &(*v_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    Owner* v_;
    std::size_t i_;
  };
  auto begin() { return Iterator<T, ChunkedVector>(this, 0); }
  auto end() { return Iterator<T, ChunkedVector>(this, size_); }
  auto begin() const { return Iterator<const T, const ChunkedVector>(this, 0); }
  auto end() const { return Iterator<const T, const ChunkedVector>(this, size_); }

 private:
  static constexpr std::align_val_t kAlign{alignof(T) > 64 ? alignof(T) : 64};
  struct Free {
    void operator()(T* p) const noexcept { ::operator delete(p, kAlign); }
  };
  using Storage = std::unique_ptr<T[], Free>;

  std::vector<Storage> chunks_;
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
