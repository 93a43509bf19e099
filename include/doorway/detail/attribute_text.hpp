// doorway — reading a trait's or property's text (touch values are kept as text)
// as a number or as a word, the way the fit-grade and readiness policies compare
// them.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace doorway {
inline namespace v0 {
namespace detail {

// The text without leading and trailing ASCII blanks.
constexpr std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// ASCII case-insensitive equality, blanks around `text` ignored ("SaaS " == "saas").
constexpr bool same_word(std::string_view text, std::string_view word) noexcept {
  text = trim_blanks(text);
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char a = text[i];
    char b = word[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// The whole text (blanks around it ignored) as a finite decimal number: "250",
// "-3.5", "1e4"; nullopt for anything else ("", "12 seats", "n/a", "1,000").
inline std::optional<double> number_of(std::string_view text) noexcept {
  text = trim_blanks(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) return std::nullopt;
  if (!(v == v) || v > 1.7e308 || v < -1.7e308) return std::nullopt;  // nan, inf
  return v;
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
