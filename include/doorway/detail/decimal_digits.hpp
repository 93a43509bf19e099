// doorway — writing a number's decimal digits two at a time from a table of the
// pairs "00" … "99" (one division by 100 for two digits instead of one by 10 for
// each). Shared by the time writer (timestamp.hpp) and the JSON number writer
// (detail/json_text.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

namespace doorway {
inline namespace v0 {
namespace detail {

// "00" "01" … "99": the two digits of n at 2n and 2n + 1.
inline constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> t{};
  for (int n = 0; n < 100; ++n) {
    t[static_cast<std::size_t>(2 * n)] = static_cast<char>('0' + n / 10);
    t[static_cast<std::size_t>(2 * n + 1)] = static_cast<char>('0' + n % 10);
  }
  return t;
}();

// Writes v (< 100) as exactly two digits at p.
inline void write_two_digits(char* p, std::uint32_t v) noexcept { std::memcpy(p, &kDigitPairs[2 * v], 2); }

// Writes the last `count` decimal digits of v at p, with leading zeros as
// needed ("007" for 7 and 3), and returns p + count.
inline char* write_digits(char* p, std::uint64_t v, int count) noexcept {
  char* end = p + count;
  while (count >= 2) {
    count -= 2;
    write_two_digits(p + count, static_cast<std::uint32_t>(v % 100));
    v /= 100;
  }
  if (count != 0) *p = static_cast<char>('0' + v % 10);
  return end;
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
