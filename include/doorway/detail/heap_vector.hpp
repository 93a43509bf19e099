// doorway — a std::vector held through one pointer, allocated at the first
// push_back: 8 bytes in a per-lead score state for what few leads keep (a points
// group's live contributions, a temperature's per-touch weights), so that the
// state of every other lead stays within one cache line. Copies are deep, as a
// score state's must be (ScoringPolicy requires a copyable State).
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail {

template <class T>
class HeapVector {
 public:
  HeapVector() = default;
  HeapVector(const HeapVector& o) : v_(o.v_ ? std::make_unique<std::vector<T>>(*o.v_) : nullptr) {}
  HeapVector& operator=(const HeapVector& o) {
    if (this != &o) v_ = o.v_ ? std::make_unique<std::vector<T>>(*o.v_) : nullptr;
    return *this;
  }
  HeapVector(HeapVector&&) noexcept = default;
  HeapVector& operator=(HeapVector&&) noexcept = default;

  bool empty() const noexcept { return !v_ || v_->empty(); }
  std::size_t size() const noexcept { return v_ ? v_->size() : 0; }
  const T* data() const noexcept { return v_ ? v_->data() : nullptr; }
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + size(); }
  const T& operator[](std::size_t i) const { return (*v_)[i]; }
  // Hints that the vector is about to be read: fetches what the pointer holds (the
  // vector itself) without reading through it, so the hint never waits on a miss.
  void prefetch() const noexcept {
    if (v_) __builtin_prefetch(v_.get());
  }

  void push_back(const T& x) {
    if (!v_) v_ = std::make_unique<std::vector<T>>();
    v_->push_back(x);
  }
  void erase_first(std::size_t n) {
    if (v_) v_->erase(v_->begin(), v_->begin() + static_cast<std::ptrdiff_t>(n));
  }
  template <class Pred>
  void erase_if(Pred pred) {
    if (v_) std::erase_if(*v_, std::move(pred));
  }

 private:
  std::unique_ptr<std::vector<T>> v_;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
