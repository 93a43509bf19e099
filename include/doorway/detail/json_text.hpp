// doorway — writing JSON text by hand: string escaping, times and numbers. Used by the
// model writer and the command line, which stream JSON without building a DOM.
//
// Two forms of each: write_*(p, …) writes at p, which has room for the bound the
// function states, and returns the end of what it wrote; append_*(out, …) grows
// a std::string by that bound, writes and trims. A record of many pieces
// (doorway run's lead lines) goes through a JsonWriter (at the end), which
// checks its room once a piece and writes with the write_* forms.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
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

namespace json_text_internal {

// Grows `out` by `bound` bytes, has `write` fill them from the old end, keeps
// what it wrote.
template <class Write>
void append_bounded(std::string& out, std::size_t bound, Write write) {
  const std::size_t n = out.size();
  out.resize(n + bound);
  char* end = write(out.data() + n);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

// write_json_string with the length of s's plain prefix known (see plain_prefix).
inline char* write_json_string_from(char* p, std::string_view s, std::size_t plain) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  *p++ = '"';
  std::memcpy(p, s.data(), plain);
  p += plain;
  for (std::size_t i = plain; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      *p++ = static_cast<char>(c);
      continue;
    }
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:
        std::memcpy(p, "u00", 3);
        p[3] = kHex[c >> 4];
        p[4] = kHex[c & 0xF];
        p += 5;
    }
  }
  *p++ = '"';
  return p;
}

}  // namespace json_text_internal

// Room write_json_string needs for `s`: its quotes and six bytes a character
// (a control character's \u00XX).
constexpr std::size_t json_string_bound(std::string_view s) noexcept { return 2 + 6 * s.size(); }

// Writes `s` as a JSON string: quotes, backslash escapes, \u00XX for controls.
// The run of characters that need no escape up to the first that does (usually
// the whole of an id or a name) is found 8 bytes at a time and copied whole.
inline char* write_json_string(char* p, std::string_view s) noexcept {
  return json_text_internal::write_json_string_from(p, s, json_text_internal::plain_prefix(s));
}

inline void append_json_string(std::string& out, std::string_view s) {
  // (No string is this long; saying so keeps the bounds below from wrapping around.)
  if (s.size() > out.max_size() / 8) throw std::length_error("append_json_string: string too long");
  const std::size_t plain = json_text_internal::plain_prefix(s);
  // Without an escape the text is exactly the string and its quotes.
  const std::size_t bound = plain == s.size() ? s.size() + 2 : json_string_bound(s);
  json_text_internal::append_bounded(
      out, bound, [&](char* p) { return json_text_internal::write_json_string_from(p, s, plain); });
}

namespace json_text_internal {

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 U128;

// |v| rounded to `p` significant digits as std::to_chars(general, p) writes it
// when that is the fixed style (decimal exponent x with -4 <= x < p): the
// digits come from exact integer arithmetic — |v| = m·2^e, so |v|·10^k = m·10^k
// >> -e, rounded half to even on the exact remainder — where libstdc++ goes
// through its general printf path. Writes at most 22 bytes at `out`; returns
// null (nothing written) for what it leaves to to_chars: the exponent style, p
// outside [1, 15], subnormals and exponents the 128-bit product cannot hold.
inline char* write_fixed_significant(char* out, double v, int p) noexcept {
  if (p < 1 || p > 15) return nullptr;
  const double a = std::fabs(v);
  if (!(a >= 1e-5 && a < 1e15)) return nullptr;
  const auto bits = std::bit_cast<std::uint64_t>(a);
  const int biased = static_cast<int>(bits >> 52);  // a is positive and normal here
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const int shift = 1075 - biased;  // a = m / 2^shift, 53-bit m
  if (shift <= 0 || shift >= 120) return nullptr;  // 3 … 69 for the range above
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
    if (k < 0 || k > 19) return nullptr;
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
    if (x < -4 || x >= p) return nullptr;  // the exponent style
    char digits[16];
    auto d = static_cast<std::uint64_t>(n);
    for (int i = p - 1; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + d % 10);
      d /= 10;
    }
    int last = p - 1;  // trailing zeros after the point are dropped
    while (last > x && last > 0 && digits[last] == '0') --last;
    // At most 1 + 15 + 1 bytes (x >= 0), or 1 + 2 + 3 + 15 (x >= -4): 22.
    if (v < 0) *out++ = '-';
    if (x >= 0) {
      std::memcpy(out, digits, static_cast<std::size_t>(x) + 1);
      out += x + 1;
      if (last > x) {
        *out++ = '.';
        std::memcpy(out, digits + x + 1, static_cast<std::size_t>(last - x));
        out += last - x;
      }
    } else {
      *out++ = '0';
      *out++ = '.';
      std::memset(out, '0', static_cast<std::size_t>(-x - 1));
      out += -x - 1;
      std::memcpy(out, digits, static_cast<std::size_t>(last) + 1);
      out += last + 1;
    }
    return out;
  }
  return nullptr;
}
#else
inline char* write_fixed_significant(char*, double, int) noexcept { return nullptr; }
#endif

}  // namespace json_text_internal

// Room write_json_time and write_json_number need.
inline constexpr std::size_t kJsonTimeBound = 2 + kIso8601Bound;
inline constexpr std::size_t kJsonNumberBound = 32;

// Writes a time as a JSON string (format_iso8601's text; none of its characters
// needs an escape).
inline char* write_json_time(char* p, Timestamp t) noexcept {
  *p++ = '"';
  p = write_iso8601(p, t);
  *p++ = '"';
  return p;
}
inline void append_json_time(std::string& out, Timestamp t) {
  json_text_internal::append_bounded(out, kJsonTimeBound, [&](char* p) { return write_json_time(p, t); });
}

// Writes a JSON number: the shortest text that reads back exactly, or with
// `significant` digits (at most 17) when > 0 (the text std::to_chars(general,
// significant) gives). Non-finite values become null; -0 becomes 0.
inline char* write_json_number(char* p, double v, int significant = 0) noexcept {
  if (!std::isfinite(v)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  if (v == 0) v = 0;
  significant = std::min(significant, 17);  // a double has no more (and the text stays within the bound)
  if (significant > 0 && v != 0) {
    if (char* end = json_text_internal::write_fixed_significant(p, v, significant)) return end;
  }
  // Shortest: at most 24 bytes; general with 17 digits: sign, 17 digits, point, e-308.
  return significant > 0 ? std::to_chars(p, p + kJsonNumberBound, v, std::chars_format::general, significant).ptr
                         : std::to_chars(p, p + kJsonNumberBound, v).ptr;
}
inline void append_json_number(std::string& out, double v, int significant = 0) {
  json_text_internal::append_bounded(out, kJsonNumberBound,
                                     [&](char* p) { return write_json_number(p, v, significant); });
}

// Writes an unsigned integer (at most 20 digits).
inline constexpr std::size_t kJsonIntegerBound = 20;
inline char* write_json_integer(char* p, std::uint64_t v) noexcept {
  return std::to_chars(p, p + kJsonIntegerBound, v).ptr;
}

// Writes `text` as it is (a key, punctuation: JSON text already).
inline char* write_raw(char* p, std::string_view text) noexcept {
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

// Writes JSON text at the end of a std::string through a pointer: each piece
// makes sure of its room with one comparison and is written with the write_*
// forms, instead of std::string's bookkeeping for every append. The string
// holds exactly the text written once the writer is gone (or after done()).
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) noexcept : out_(out), pos_(out.size()) {}
  ~JsonWriter() { done(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void raw(std::string_view text) { pos_at(write_raw(room(text.size()), text)); }
  void string(std::string_view s) { pos_at(write_json_string(room(json_string_bound(s)), s)); }
  void number(double v, int significant = 0) { pos_at(write_json_number(room(kJsonNumberBound), v, significant)); }
  void integer(std::uint64_t v) { pos_at(write_json_integer(room(kJsonIntegerBound), v)); }
  void time(Timestamp t) { pos_at(write_json_time(room(kJsonTimeBound), t)); }
  // Trims the string to what was written.
  void done() { out_.resize(pos_); }

 private:
  // Grown a few hundred bytes at a time beyond the need: a record's pieces then
  // mostly fit in what the first piece made room for.
  static constexpr std::size_t kSlack = 512;
  char* room(std::size_t n) {
    if (out_.size() - pos_ < n) out_.resize(pos_ + n + kSlack);
    return out_.data() + pos_;
  }
  void pos_at(const char* end) noexcept { pos_ = static_cast<std::size_t>(end - out_.data()); }

  std::string& out_;
  std::size_t pos_;  // the end of what was written; out_ may hold room beyond it
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
