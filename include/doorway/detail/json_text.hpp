// doorway — writing JSON text by hand: string escaping, times and numbers. Used by the
// model writer and the command line, which stream JSON without building a DOM.
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "doorway/timestamp.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

namespace json_text_internal {

// Whether any byte of w is below 0x20, '"' or '\\' (word-at-a-time tests: a
// byte below n sets its high bit in (w − n·0x01…) & ~w & 0x80… for n <= 0x80,
// and an equal byte is a zero byte of w ^ c).
inline bool needs_escape(std::uint64_t w) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t quote = w ^ (kOnes * '"');
  const std::uint64_t backslash = w ^ (kOnes * '\\');
  return (((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHigh;
}

// A position at or before the first character of s that needs an escape (the
// start of the 8-byte word holding it), or s.size() when none does.
inline std::size_t plain_prefix(std::string_view s) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (needs_escape(w)) return i;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return i;
}

}  // namespace json_text_internal

// Appends `s` as a JSON string: quotes, backslash escapes, \u00XX for controls.
// Runs of characters that need no escape are appended whole (ids and names
// usually are one run, found 8 bytes at a time).
inline void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  const std::size_t plain = json_text_internal::plain_prefix(s);
  std::size_t run = 0;  // where the pending run of plain characters starts
  for (std::size_t i = plain; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace json_text_internal {

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 U128;

// |v| rounded to `p` significant digits as std::to_chars(general, p) writes it
// when that is the fixed style (decimal exponent x with -4 <= x < p): the
// digits come from exact integer arithmetic — |v| = m·2^e, so |v|·10^k = m·10^k
// >> -e, rounded half to even on the exact remainder — where libstdc++ goes
// through its general printf path. Returns false (nothing written) for
// what it leaves to to_chars: the exponent style, p outside [1, 15],
// subnormals and exponents the 128-bit product cannot hold.
inline bool append_fixed_significant(std::string& out, double v, int p) {
  if (p < 1 || p > 15) return false;
  const double a = std::fabs(v);
  if (!(a >= 1e-5 && a < 1e15)) return false;
  const auto bits = std::bit_cast<std::uint64_t>(a);
  const int biased = static_cast<int>(bits >> 52);  // a is positive and normal here
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const int shift = 1075 - biased;  // a = m / 2^shift, 53-bit m
  if (shift <= 0 || shift >= 120) return false;  // 3 … 69 for the range above
  static constexpr auto pow10 = [] {
    std::array<std::uint64_t, 20> t{};
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  // n = round(a · 10^k) for k = p − 1 − x, x = floor(log10 a): estimated, then
  // corrected on the exact product.
  // floor(log10 2^(biased − 1023)): x or x − 1 (78913 / 2^18 ≈ log10 2)
  int x = ((biased - 1023) * 78913) >> 18;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int k = p - 1 - x;
    if (k < 0 || k > 19) return false;
    const U128 t = static_cast<U128>(m) * pow10[k];  // < 2^53 · 10^19 < 2^117
    const U128 whole = t >> shift;  // floor(|v| · 10^k): compared exactly with 10^x below
    if (whole < pow10[p - 1]) {     // |v| < 10^x
      --x;
      continue;
    }
    if (whole >= pow10[p]) {  // |v| >= 10^(x+1)
      ++x;
      continue;
    }
    U128 n = whole;
    const U128 rest = t - (whole << shift);
    const U128 half = static_cast<U128>(1) << (shift - 1);
    if (rest > half || (rest == half && (n & 1) != 0)) ++n;
    if (n == pow10[p]) {  // 9.99…5 rounded up into a new digit: 10^(x+1)
      n = pow10[p - 1];
      ++x;
    }
    if (x < -4 || x >= p) return false;  // the exponent style
    char digits[16];
    auto d = static_cast<std::uint64_t>(n);
    for (int i = p - 1; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + d % 10);
      d /= 10;
    }
    int last = p - 1;  // trailing zeros after the point are dropped
    while (last > x && last > 0 && digits[last] == '0') --last;
    if (v < 0) out += '-';
    if (x >= 0) {
      out.append(digits, static_cast<std::size_t>(x) + 1);
      if (last > x) {
        out += '.';
        out.append(digits + x + 1, static_cast<std::size_t>(last - x));
      }
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-x - 1), '0');
      out.append(digits, static_cast<std::size_t>(last) + 1);
    }
    return true;
  }
  return false;
}
#else
inline bool append_fixed_significant(std::string&, double, int) { return false; }
#endif

}  // namespace json_text_internal

// Appends a time as a JSON string (format_iso8601's text; none of its characters
// needs an escape).
inline void append_json_time(std::string& out, Timestamp t) {
  out += '"';
  append_iso8601(out, t);
  out += '"';
}

// Appends a JSON number: the shortest text that reads back exactly, or with
// `significant` digits when > 0 (the text std::to_chars(general, significant)
// gives). Non-finite values become null; -0 becomes 0.
inline void append_json_number(std::string& out, double v, int significant = 0) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) v = 0;
  if (significant > 0 && v != 0 && json_text_internal::append_fixed_significant(out, v, significant)) return;
  char buf[32];
  const auto r = significant > 0 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, significant)
                                 : std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
