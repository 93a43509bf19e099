// doorway — an immutable string in 24 bytes: up to 23 bytes in place, longer ones
// on the heap. The engine keeps each lead's id in one (std::string takes 32 bytes
// and keeps only 15 in place), so the id a lookup compares sits in the lead's
// first cache line for ids of up to 23 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <utility>

namespace doorway {
inline namespace v0 {
namespace detail {

class CompactString {
 public:
  static constexpr std::size_t kInline = 23;

  CompactString() noexcept { bytes_[kInline] = 0; }
  explicit CompactString(std::string_view s) {
    if (s.size() <= kInline) {
      if (!s.empty()) std::memcpy(bytes_, s.data(), s.size());
      bytes_[kInline] = static_cast<unsigned char>(s.size());
      return;
    }
    char* p = new char[s.size()];
    std::memcpy(p, s.data(), s.size());
    const std::uint64_t n = s.size();
    std::memcpy(bytes_, &p, sizeof p);
    std::memcpy(bytes_ + sizeof p, &n, sizeof n);
    bytes_[kInline] = kOnHeap;
  }
  CompactString(const CompactString&) = delete;
  CompactString& operator=(const CompactString&) = delete;
  CompactString(CompactString&& o) noexcept {
    std::memcpy(bytes_, o.bytes_, sizeof bytes_);
    o.bytes_[kInline] = 0;
  }
  CompactString& operator=(CompactString&& o) noexcept {
    if (this != &o) {
      release();
      std::memcpy(bytes_, o.bytes_, sizeof bytes_);
      o.bytes_[kInline] = 0;
    }
    return *this;
  }
  ~CompactString() { release(); }

  std::string_view view() const noexcept {
    if (bytes_[kInline] != kOnHeap) return {reinterpret_cast<const char*>(bytes_), bytes_[kInline]};
    const char* p = nullptr;
    std::uint64_t n = 0;
    std::memcpy(&p, bytes_, sizeof p);
    std::memcpy(&n, bytes_ + sizeof p, sizeof n);
    return {p, static_cast<std::size_t>(n)};
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: reads as a string
  std::size_t size() const noexcept { return view().size(); }
  // Heap bytes held (0 for an id kept in place).
  std::size_t heap_bytes() const noexcept { return bytes_[kInline] == kOnHeap ? size() : 0; }

 private:
  static constexpr unsigned char kOnHeap = 0xFF;
  void release() noexcept {
    if (bytes_[kInline] != kOnHeap) return;
    char* p = nullptr;
    std::memcpy(&p, bytes_, sizeof p);
    delete[] p;
    bytes_[kInline] = 0;
  }

  unsigned char bytes_[kInline + 1];
};

static_assert(sizeof(CompactString) == 24);

}  // namespace detail
}  // namespace v0
}  // namespace doorway
