// doorway — writing JSON text by hand: string escaping and numbers. Used by the
// model writer and the command line, which stream JSON without building a DOM.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace doorway {
inline namespace v0 {
namespace detail {

// Appends `s` as a JSON string: quotes, backslash escapes, \u00XX for controls.
// Runs of characters that need no escape are appended whole.
inline void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // where the pending run of plain characters starts
  for (std::size_t i = 0; i < s.size(); ++i) {
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

// Appends a JSON number: the shortest text that reads back exactly, or with
// `significant` digits when > 0. Non-finite values become null; -0 becomes 0.
inline void append_json_number(std::string& out, double v, int significant = 0) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) v = 0;
  char buf[32];
  const auto r = significant > 0 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, significant)
                                 : std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
