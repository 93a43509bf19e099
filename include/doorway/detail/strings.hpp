// doorway — building messages from pieces: std::string_view, strings, numbers.
// (Debian's Abseil 20220623 StrCat does not take std::string_view.)
#pragma once

#include <charconv>
#include <concepts>
#include <string>
#include <string_view>

namespace doorway {
inline namespace v0 {
namespace detail {

inline void append_piece(std::string& out, std::string_view s) { out.append(s); }
inline void append_piece(std::string& out, const char* s) { out.append(s); }
inline void append_piece(std::string& out, const std::string& s) { out.append(s); }
inline void append_piece(std::string& out, char c) { out.push_back(c); }
template <std::integral T>
  requires(!std::same_as<T, char> && !std::same_as<T, bool>)
void append_piece(std::string& out, T v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
// Shortest text that reads back as the same double ("32", "0.1", "1e+20").
inline void append_piece(std::string& out, double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

template <class... Pieces>
std::string cat(const Pieces&... pieces) {
  std::string out;
  (append_piece(out, pieces), ...);
  return out;
}
template <class... Pieces>
void cat_to(std::string& out, const Pieces&... pieces) {
  (append_piece(out, pieces), ...);
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
