// doorway — a vector of trivially copyable values in 16 bytes (pointer, 32-bit
// size and capacity) instead of std::vector's 24: the engine keeps two per lead
// (its touches and its events) in the lead's first two cache lines. Growing
// doubles (malloc, copy, free: glibc serves small blocks from its per-thread
// cache, which realloc bypasses); at most 2³² − 1 elements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <new>
#include <type_traits>
#include <utility>

namespace doorway {
inline namespace v0 {
namespace detail {

template <class T>
class CompactVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "CompactVector moves its elements with memcpy");

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  CompactVector() = default;
  CompactVector(const CompactVector&) = delete;
  CompactVector& operator=(const CompactVector&) = delete;
  CompactVector(CompactVector&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)), capacity_(std::exchange(o.capacity_, 0)) {}
  CompactVector& operator=(CompactVector&& o) noexcept {
    if (this != &o) {
      std::free(data_);
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      capacity_ = std::exchange(o.capacity_, 0);
    }
    return *this;
  }
  ~CompactVector() { std::free(data_); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& front() noexcept { return data_[0]; }
  const T& front() const noexcept { return data_[0]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }
  std::reverse_iterator<const T*> rbegin() const noexcept { return std::reverse_iterator<const T*>(end()); }
  std::reverse_iterator<const T*> rend() const noexcept { return std::reverse_iterator<const T*>(begin()); }

  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    if (n > UINT32_MAX) throw std::bad_alloc();
    void* p = std::malloc(n * sizeof(T));
    if (!p) throw std::bad_alloc();
    if (size_ > 0) std::memcpy(p, data_, size_ * sizeof(T));
    std::free(data_);
    data_ = static_cast<T*>(p);
    capacity_ = static_cast<std::uint32_t>(n);
  }
  void push_back(const T& v) {
    if (size_ == capacity_) grow();
    std::memcpy(static_cast<void*>(data_ + size_), &v, sizeof(T));
    ++size_;
  }
  // Inserts `v` before `pos` (an iterator into this vector); returns where it went.
  T* insert(const T* pos, const T& v) {
    const std::size_t at = static_cast<std::size_t>(pos - data_);
    const T copy = v;  // `v` may live in this vector
    if (size_ == capacity_) grow();
    std::memmove(static_cast<void*>(data_ + at + 1), data_ + at, (size_ - at) * sizeof(T));
    std::memcpy(static_cast<void*>(data_ + at), &copy, sizeof(T));
    ++size_;
    return data_ + at;
  }
  void clear() noexcept { size_ = 0; }

 private:
  void grow() { reserve(capacity_ == 0 ? 4 : std::size_t{capacity_} * 2); }

  T* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
