// doorway — writing JSON text by hand: string escaping, times and numbers. Used by the
// model writer and the command line, which stream JSON without building a DOM.
//
// Two forms of each: write_*(p, …) writes at p, which has room for the bound the
// function states, and returns the end of what it wrote; append_*(out, …) grows
// a std::string by that bound, writes and trims. A record of many pieces
// goes through a JsonWriter (at the end), which checks its room once a piece —
// or, for a record with a known bound (doorway run's lead lines), once a record
// — and writes with the write_* forms.
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

#include "doorway/detail/decimal_digits.hpp"
#include "doorway/timestamp.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace doorway {
inline namespace v0 {
namespace detail {

namespace json_text_internal {

// The high bit of each byte of w that is below 0x20, '"' or '\\' — exact for
// the lowest such byte; a byte above it may be flagged too (word-at-a-time
// tests: a byte below n sets its high bit in (w − n·0x01…) & ~w & 0x80… for
// n <= 0x80, and an equal byte is a zero byte of w ^ c; a borrow runs upwards
// only from a byte that is itself flagged).
inline std::uint64_t escape_bits(std::uint64_t w) noexcept {
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
    if (escape_bits(w) != 0) return i;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return i;
}

// Grows `out` by `bound` bytes, has `write` fill them from the old end, keeps
// what it wrote.
template <class Write>
void append_bounded(std::string& out, std::size_t bound, Write write) {
  const std::size_t n = out.size();
  out.resize(n + bound);
  char* end = write(out.data() + n);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

// Writes the escape of c (a control character, '"' or '\\') at p: two bytes,
// or six for \u00XX.
inline char* write_escape(char* p, unsigned char c) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
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
  return p;
}

inline bool needs_no_escape(unsigned char c) noexcept { return c >= 0x20 && c != '"' && c != '\\'; }

// The string writer's block: kBlock bytes of the string copied to the output
// as they are, and the position of the first that needs an escape (kBlock when
// none does) — with SSE2 16 bytes compared at once, else one 8-byte word (see
// escape_bits). plain_words(a, b): whether no byte of the words a and b needs one.
#if defined(__SSE2__)
inline constexpr std::size_t kBlock = 16;
// Bit i set when byte i of b needs an escape.
inline unsigned escape_mask(__m128i b) noexcept {
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(b, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));  // b <= 0x1f
  const __m128i quote = _mm_cmpeq_epi8(b, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(b, _mm_set1_epi8('\\'));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}
inline std::size_t copy_block(char* out, const char* in) noexcept {
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), b);
  return static_cast<std::size_t>(std::countr_zero(escape_mask(b) | 0x10000u));
}
inline bool plain_words(std::uint64_t a, std::uint64_t b) noexcept {
  return escape_mask(_mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a))) == 0;
}
#else
inline constexpr std::size_t kBlock = 8;
inline std::size_t copy_block(char* out, const char* in) noexcept {
  std::uint64_t w;
  std::memcpy(&w, in, 8);
  std::memcpy(out, &w, 8);
  return static_cast<std::size_t>(std::countr_zero(escape_bits(w))) / 8;
}
inline bool plain_words(std::uint64_t a, std::uint64_t b) noexcept { return (escape_bits(a) | escape_bits(b)) == 0; }
#endif

// Fewer than kBlock bytes at `in` written as write_json_string writes them
// (without the quotes). When none needs an escape they are checked at once and
// copied whole: 8 to 15 bytes as two 8-byte words that overlap in the middle, 4
// to 7 as two 4-byte words, 1 to 3 as the first, middle and last bytes (which
// are all of them); otherwise a byte at a time.
inline char* write_json_string_tail(char* p, const char* in, std::size_t n) noexcept {
  if (n >= 8) {
    std::uint64_t head, tail;
    std::memcpy(&head, in, 8);
    std::memcpy(&tail, in + n - 8, 8);
    if (plain_words(head, tail)) {
      std::memcpy(p, &head, 8);
      std::memcpy(p + n - 8, &tail, 8);
      return p + n;
    }
  } else if (n >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, in, 4);
    std::memcpy(&tail, in + n - 4, 4);
    const std::uint64_t both = head | (std::uint64_t{tail} << 32);
    if (plain_words(both, both)) {
      std::memcpy(p, &head, 4);
      std::memcpy(p + n - 4, &tail, 4);
      return p + n;
    }
  } else if (n > 0) {
    const auto first = static_cast<unsigned char>(in[0]);
    const auto middle = static_cast<unsigned char>(in[n / 2]);
    const auto last = static_cast<unsigned char>(in[n - 1]);
    // The three bytes, and the first again in the other five.
    const std::uint64_t all = (first * 0x0101010101000001ull) | (std::uint64_t{middle} << 8) | (std::uint64_t{last} << 16);
    if (plain_words(all, all)) {
      p[0] = static_cast<char>(first);
      p[n / 2] = static_cast<char>(middle);
      p[n - 1] = static_cast<char>(last);
      return p + n;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (needs_no_escape(c)) {
      *p++ = static_cast<char>(c);
    } else {
      p = write_escape(p, c);
    }
  }
  return p;
}

}  // namespace json_text_internal

// Room write_json_string needs for `s`: its quotes and six bytes a character
// (a control character's \u00XX).
constexpr std::size_t json_string_bound(std::string_view s) noexcept { return 2 + 6 * s.size(); }

// Writes `s` as a JSON string: quotes, backslash escapes, \u00XX for controls.
// Writes nothing beyond its text (so a string without escapes needs only
// s.size() + 2 bytes of room). Copies kBlock bytes (16 with SSE2) at a time to
// the first that needs an escape, and the last few bytes of an id or a name as
// two overlapping words.
inline char* write_json_string(char* p, std::string_view s) noexcept {
  const char* in = s.data();
  std::size_t n = s.size();
  *p++ = '"';
  // A block is written only while kBlock bytes are left: at most as many as it reads.
  while (n >= json_text_internal::kBlock) {
    const std::size_t plain = json_text_internal::copy_block(p, in);
    if (plain == json_text_internal::kBlock) {
      p += plain;
      in += plain;
      n -= plain;
      continue;
    }
    p = json_text_internal::write_escape(p + plain, static_cast<unsigned char>(in[plain]));
    in += plain + 1;
    n -= plain + 1;
  }
  p = json_text_internal::write_json_string_tail(p, in, n);
  *p++ = '"';
  return p;
}

inline void append_json_string(std::string& out, std::string_view s) {
  // (No string is this long; saying so keeps the bounds below from wrapping around.)
  if (s.size() > out.max_size() / 8) throw std::length_error("append_json_string: string too long");
  // Without an escape the text is exactly the string and its quotes.
  const std::size_t bound = json_text_internal::plain_prefix(s) == s.size() ? s.size() + 2 : json_string_bound(s);
  json_text_internal::append_bounded(out, bound, [&](char* p) { return write_json_string(p, s); });
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
  static constexpr auto pow10 = [] {
    std::array<std::uint64_t, 20> t{};
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  // A whole number of at most p digits is its digits (no point, no rounding).
  if (const auto whole = static_cast<std::uint64_t>(static_cast<std::int64_t>(a));
      static_cast<double>(whole) == a && whole < pow10[p]) {
    if (v < 0) *out++ = '-';
    return std::to_chars(out, out + 16, whole).ptr;
  }
  const auto bits = std::bit_cast<std::uint64_t>(a);
  const int biased = static_cast<int>(bits >> 52);  // a is positive and normal here
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const int shift = 1075 - biased;  // a = m / 2^shift, 53-bit m
  if (shift <= 0 || shift >= 120) return nullptr;  // 3 … 69 for the range above
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
    auto n = static_cast<std::uint64_t>(whole);
    const U128 rest = t - (whole << shift);
    const U128 half = static_cast<U128>(1) << (shift - 1);
    if (rest > half || (rest == half && (n & 1) != 0)) ++n;
    if (n == pow10[p]) {  // 9.99…5 rounded up into a new digit: 10^(x+1)
      n = pow10[p - 1];
      ++x;
    }
    if (x < -4 || x >= p) return nullptr;  // the exponent style
    // |v| is n / 10^places; trailing zeros after the point are dropped.
    int places = p - 1 - x;
    while (places > 0 && n % 10 == 0) {
      n /= 10;
      --places;
    }
    // At most 1 + 15 + 1 bytes (x >= 0), or 1 + 2 + 3 + 15 (x >= -4): 22.
    if (v < 0) *out++ = '-';
    if (places == 0) return write_digits(out, n, x + 1);
    const std::uint64_t scale = pow10[static_cast<std::size_t>(places)];
    out = x >= 0 ? write_digits(out, n / scale, x + 1) : write_digits(out, 0, 1);
    *out++ = '.';
    return write_digits(out, n % scale, places);
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

// Writes a string literal's characters (without its terminating NUL) as they
// are: a copy whose length is known when compiling, so it is a few moves and
// no call.
template <std::size_t N>
char* write_literal(char* p, const char (&text)[N]) noexcept {
  std::memcpy(p, text, N - 1);
  return p + (N - 1);
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

  // A record whose size has a known bound makes its room once: reserve(n)
  // returns where to write n bytes at most (with the write_* forms, through a
  // pointer of the caller's own), and wrote(end) keeps what was written up to end.
  char* reserve(std::size_t n) { return room(n); }
  void wrote(const char* end) noexcept { pos_at(end); }
  // The string's text up to the end of what was written; and starting over at
  // the string's start, keeping its room — for a buffer handed on when full.
  std::string_view text() const noexcept { return {out_.data(), pos_}; }
  void clear() noexcept { pos_ = 0; }

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
