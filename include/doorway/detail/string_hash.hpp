// doorway — a fast 64-bit hash for the short strings the hot path looks up (lead
// ids, event ids, type and channel names): whole 8-byte words folded through a
// 64 × 64 → 128-bit multiply, the tail read as two overlapping loads (never past
// the end), the length mixed in first. Every output bit depends on every input
// bit, so tables may take their slot from any bits of it. Not for anything an
// adversary could choose to collide: the engine confirms every hit by comparing
// the strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace doorway {
inline namespace v0 {
namespace detail {

namespace string_hash_internal {

constexpr std::uint64_t kP0 = 0x9E3779B97F4A7C15ull;  // 2⁶⁴ / golden ratio
constexpr std::uint64_t kP1 = 0xC2B2AE3D27D4EB4Full;  // odd constants with well-spread bits
constexpr std::uint64_t kP2 = 0x165667B19E3779F9ull;

// The 128-bit product of a and b, its halves xored: a full-avalanche mixing step.
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 U128;
inline std::uint64_t fold(std::uint64_t a, std::uint64_t b) noexcept {
  const U128 p = static_cast<U128>(a) * b;
  return static_cast<std::uint64_t>(p) ^ static_cast<std::uint64_t>(p >> 64);
}
#else
inline std::uint64_t fold(std::uint64_t a, std::uint64_t b) noexcept {
  const std::uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
  const std::uint64_t lo = (cross << 32) | (lo_lo & 0xFFFFFFFFu);
  const std::uint64_t hi = hi_hi + (hi_lo >> 32) + (cross >> 32);
  return lo ^ hi;
}
#endif
inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint64_t load32(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace string_hash_internal

inline std::uint64_t string_hash(std::string_view s) noexcept {
  using namespace string_hash_internal;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = kP0 ^ fold(n ^ kP1, kP2);
  for (; n > 16; n -= 16, p += 16) h = fold(load64(p) ^ kP1, load64(p + 8) ^ h);
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (n >= 8) {
    a = load64(p);
    b = load64(p + n - 8);
  } else if (n >= 4) {
    a = load32(p);
    b = load32(p + n - 4);
  } else if (n > 0) {
    a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1]));
  }
  return fold(fold(a ^ kP1, b ^ h), kP2 ^ s.size());
}

// a == b for the short strings hash tables confirm: the length, then whole words,
// without a library call (std::string_view's == calls memcmp).
inline bool same_string(std::string_view a, std::string_view b) noexcept {
  using namespace string_hash_internal;
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load64(p + i) != load64(q + i)) return false;
    }
    return load64(p + n - 8) == load64(q + n - 8);
  }
  if (n >= 4) return load32(p) == load32(q) && load32(p + n - 4) == load32(q + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

// For hash containers keyed by string_view (heterogeneous lookup).
struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return string_hash(s); }
};
struct StringViewEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return same_string(a, b); }
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
