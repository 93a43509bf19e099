// doorway — the touch reader's fast path (private to src/touch_reader.cpp): a
// scanner for the common JSON line, one flat object of plain scalars, and the
// word compares that name its members.
//
// Most lines are one flat object whose values are strings without escapes,
// numbers, true, false or null. scan_flat() reads such a text without
// simdjson, handing each member to `on_member(key, value)` as the Slot the On
// Demand walk builds for it (a null is an absent Slot, true and false are `other`
// with the text "boolean"). It accepts only valid JSON and returns true when the
// whole text was such an object. It returns false when it is not sure of a byte — a
// nested object or array, a backslash, a control character in a string, invalid
// UTF-8, a number outside RFC 8259's grammar, a trailing comma, text after the
// object — or when `on_member` returns false; the caller then parses the text
// again with simdjson, so results and messages for those texts are simdjson's.
//
// How: each string is found 16 bytes at a time (SSE2: at once; elsewhere a byte at a
// time): a bit per byte for quotes and a bit for "stop" bytes (backslash,
// control, >= 0x80); the first quote ends the string when no stop bit stands
// before it. The closing brace is found first, so that every run of digits,
// white space or letters stops at it and no other test of the text's end is
// needed. The scan reads up to kScanPadding bytes past the text's end.
#pragma once

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace doorway {
inline namespace v0 {
namespace detail::flat_json {

// What a member held, before the fields are resolved.
struct Slot {
  enum class Kind : std::uint8_t { absent, string, number, other };
  Kind kind = Kind::absent;
  // Both mean something only when the slot is present().
  std::string_view text;  // a string's unescaped value, or a number's literal
  std::string_view name;  // the member name it came from, for messages

  bool present() const noexcept { return kind != Kind::absent; }
};

// Bytes the scanner may read past the end of its text: one 16-byte chunk.
inline constexpr std::size_t kScanPadding = 16;

inline bool json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bit k of `quotes` is set when byte k of the 16 at `p` is '"'; bit k of `stops`
// when it is a backslash, a control character (< 0x20) or a byte of a multi-byte
// UTF-8 sequence (>= 0x80).
struct ChunkBits {
  unsigned quotes;
  unsigned stops;
};

#if defined(__SSE2__)
inline ChunkBits classify_chunk(const char* p) noexcept {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed: a byte >= 0x80 is negative, so below 0x20 too.
  const __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
  return {static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')))),
          static_cast<unsigned>(_mm_movemask_epi8(stop))};
}
#else
inline ChunkBits classify_chunk(const char* p) noexcept {
  ChunkBits b{0, 0};
  for (unsigned k = 0; k < 16; ++k) {
    const auto c = static_cast<unsigned char>(p[k]);
    b.quotes |= unsigned{c == '"'} << k;
    b.stops |= unsigned{c == '\\' || c < 0x20 || c >= 0x80} << k;
  }
  return b;
}
#endif

// string_end() beyond its first chunk, or when a stop byte comes first (out of
// line, so that the common case inlined where strings are scanned stays small).
[[gnu::noinline]] inline std::size_t string_end_slow(const char* p, std::size_t i, std::size_t end) {
  constexpr std::size_t npos = std::string_view::npos;
  const std::size_t begin = i;
  bool non_ascii = false;
  for (;; i += 16) {
    if (i >= end) return npos;
    const ChunkBits b = classify_chunk(p + i);
    // The stop bits before the first quote (all 16 when there is none).
    const unsigned before = b.quotes ? (b.quotes & (0u - b.quotes)) - 1 : 0xFFFFu;
    if ((b.stops & before) != 0) {
      // Only bytes of multi-byte sequences may stand in a string read as is.
      for (unsigned k = 0; k < 16; ++k) {
        if (!(b.stops & before & (1u << k))) continue;
        if (static_cast<unsigned char>(p[i + k]) < 0x80) return npos;
        non_ascii = true;
      }
    }
    if (b.quotes) {
      i += static_cast<std::size_t>(std::countr_zero(b.quotes));
      break;
    }
  }
  if (i >= end || (non_ascii && !simdjson::validate_utf8(p + begin, i - begin))) return npos;
  return i;
}

// The position of the quote closing the string whose contents start at `i`, or
// npos when the string holds an escape or a control character, is not valid
// UTF-8 (checked by simdjson's own validator, as its parser does), or is not
// closed before `end` (the object's closing brace, which no string reaches).
// Most strings end within their first 32 bytes (ids, names, a timestamp's 20)
// with no stop byte before the quote: the lowest bit of quotes | stops, in the
// first chunk or, when that has neither, the next, is then a quote.
[[gnu::always_inline]] inline std::size_t string_end(const char* p, std::size_t i, std::size_t end) {
  std::size_t at = i;
  ChunkBits b = classify_chunk(p + at);
  unsigned first = b.quotes | b.stops;
  if (first == 0 && at + 16 < end) {
    at += 16;
    b = classify_chunk(p + at);
    first = b.quotes | b.stops;
  }
  if ((first & (0u - first) & b.quotes) == 0) return string_end_slow(p, i, end);
  const std::size_t close = at + static_cast<std::size_t>(std::countr_zero(first));
  return close < end ? close : std::string_view::npos;
}

// The end of the JSON number starting at `i` (RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?
// ([eE][+-]?[0-9]+)?), or `npos`. The text must go on with a byte that is not a
// digit (the scanner's closing brace), which ends every run of digits.
inline std::size_t number_end(const char* p, std::size_t i) noexcept {
  constexpr std::size_t npos = std::string_view::npos;
  auto digit = [&](std::size_t j) { return p[j] >= '0' && p[j] <= '9'; };
  auto digits = [&] {
    if (!digit(i)) return false;
    while (digit(i)) ++i;
    return true;
  };
  if (p[i] == '-') ++i;
  if (!digit(i)) return npos;
  if (p[i] == '0') {
    ++i;
  } else {
    digits();
  }
  if (p[i] == '.') {
    ++i;
    if (!digits()) return npos;
  }
  if (p[i] == 'e' || p[i] == 'E') {
    ++i;
    if (p[i] == '+' || p[i] == '-') ++i;
    if (!digits()) return npos;
  }
  return i;
}

// Scans `text`, which must be followed by kScanPadding readable bytes (see the
// top of this file). When `look_for_nesting`, a text with a '{' after its first
// gives up before any member is scanned: one memchr, cheaper than scanning up to
// the nested object (Segment's properties and context) when such lines come in
// runs.
template <class OnMember>
bool scan_flat(std::string_view text, bool look_for_nesting, OnMember&& on_member) {
  const char* p = text.data();
  std::size_t i = 0;
  std::size_t last = text.size();
  while (i < last && json_space(p[i])) ++i;
  while (last > i && json_space(p[last - 1])) --last;
  if (last - i < 2 || p[i] != '{' || p[last - 1] != '}') return false;
  // The closing brace: every run below (digits, white space, letters of a
  // literal) stops at it and no string may reach it, so no read goes further
  // than a chunk past it, and the text's end needs no test.
  const std::size_t end = last - 1;
  ++i;
  if (look_for_nesting && std::memchr(p + i, '{', end - i)) return false;
  // All JSON white space is <= ' ': most tokens follow the last with none, for
  // one test.
  auto skip_space = [&] {
    if (static_cast<unsigned char>(p[i]) > ' ') return;
    while (json_space(p[i])) ++i;
  };
  auto literal = [&](const char* word, std::size_t n) {
    if (std::memcmp(p + i, word, n) != 0) return false;
    i += n;
    return true;
  };
  skip_space();
  if (p[i] == '}') return i == end;
  for (;;) {
    if (p[i] != '"') return false;
    const std::size_t key_end = string_end(p, i + 1, end);
    if (key_end == std::string_view::npos) return false;
    const std::string_view key(p + i + 1, key_end - i - 1);
    i = key_end + 1;
    skip_space();
    if (p[i] != ':') return false;
    ++i;
    skip_space();
    Slot v;
    switch (p[i]) {
      case '"': {
        const std::size_t close = string_end(p, i + 1, end);
        if (close == std::string_view::npos) return false;
        v.kind = Slot::Kind::string;
        v.text = std::string_view(p + i + 1, close - i - 1);
        i = close + 1;
        break;
      }
      case 't':
      case 'f':
        if (!(p[i] == 't' ? literal("true", 4) : literal("false", 5))) return false;
        v.kind = Slot::Kind::other;
        v.text = "boolean";
        break;
      case 'n':
        if (!literal("null", 4)) return false;
        break;
      default: {
        const std::size_t start = i;
        i = number_end(p, i);
        if (i == std::string_view::npos) return false;
        v.kind = Slot::Kind::number;
        v.text = std::string_view(p + start, i - start);
        break;
      }
    }
    if (!on_member(key, v)) return false;
    skip_space();
    if (p[i] == ',') {
      ++i;
      skip_space();
      continue;
    }
    return p[i] == '}' && i == end;
  }
}


// ---- Member names as words --------------------------------------------------------
//
// A member name of 1 to 16 bytes is told by two 8-byte words: its first 8 bytes
// (the bytes after a shorter name masked to zero) and, past 8 bytes, its last 8.

// The word of the 8 bytes at `p` as memcpy loads it.
inline std::uint64_t load_word(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The word load_word() gives for `s` (at most 8 bytes, zeros after), at compile time.
consteval std::uint64_t word_of(std::string_view s) {
  std::uint64_t w = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const auto byte = std::uint64_t{static_cast<unsigned char>(s[k])};
    w |= std::endian::native == std::endian::little ? byte << (8 * k) : byte << (56 - 8 * k);
  }
  return w;
}

struct NameWords {
  std::uint64_t head;
  std::uint64_t tail;
};

consteval NameWords name_words(std::string_view s) {
  return {word_of(s.substr(0, s.size() < 8 ? s.size() : 8)), s.size() > 8 ? word_of(s.substr(s.size() - 8)) : 0};
}

// The words of the `N` bytes (1 to 16) at `p`; reads 8 bytes at `p` even when
// `N` is less, so they must be readable. (`N` a constant: the mask is one.)
template <std::size_t N>
inline NameWords name_words_at(const char* p) noexcept {
  static_assert(N >= 1 && N <= 16);
  std::uint64_t head = load_word(p);
  if constexpr (N < 8) {
    head &= std::endian::native == std::endian::little ? ~std::uint64_t{0} >> (64 - 8 * N)
                                                       : ~std::uint64_t{0} << (64 - 8 * N);
  }
  return {head, N > 8 ? load_word(p + N - 8) : 0};
}

}  // namespace detail::flat_json
}  // namespace v0
}  // namespace doorway
