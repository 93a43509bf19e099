// doorway — the JSON reader with positions used by model files, and the small
// text helpers the model-file reader and writer share (see model_json_internal.hpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include "doorway/detail/json_text.hpp"
#include "model_json_internal.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::mjson {

std::string_view kind_name(Kind k) noexcept {
  switch (k) {
    case Kind::null: return "null";
    case Kind::boolean: return "a boolean";
    case Kind::number: return "a number";
    case Kind::string: return "a string";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
  }
  return "a value";
}

const Member* Value::find(std::string_view key) const {
  for (const Member& m : members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

std::uint32_t Value::byte_offset(std::size_t i) const {
  if (byte_offsets.empty()) return offset;
  return byte_offsets[std::min(i, byte_offsets.size() - 1)];
}

namespace {

constexpr int kMaxDepth = 128;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  std::optional<Value> document(ParseError* error) {
    Value v;
    skip_space();
    if (!value(v, 0)) {
      if (error) *error = error_;
      return std::nullopt;
    }
    skip_space();
    if (pos_ < s_.size()) {
      fail(pos_, "unexpected text after the JSON document");
      if (error) *error = error_;
      return std::nullopt;
    }
    return v;
  }

 private:
  bool fail(std::size_t at, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_.offset = static_cast<std::uint32_t>(at);
      error_.message = std::move(message);
    }
    return false;
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  std::string describe_here() const {
    if (pos_ >= s_.size()) return "the end of the file";
    const char c = s_[pos_];
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return "a stray character";
    return std::string("'") + c + "'";
  }

  bool value(Value& v, int depth) {
    if (depth > kMaxDepth) return fail(pos_, "nesting deeper than 128 levels");
    v.offset = static_cast<std::uint32_t>(pos_);
    if (pos_ >= s_.size()) return fail(pos_, "expected a value, found the end of the file");
    const char c = s_[pos_];
    switch (c) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"':
        v.kind = Kind::string;
        return string(v.text, &v.byte_offsets);
      case 't': return literal(v, "true", Kind::boolean, true);
      case 'f': return literal(v, "false", Kind::boolean, false);
      case 'n': return literal(v, "null", Kind::null, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        if (c == '\'') return fail(pos_, "strings take double quotes (\"), not single quotes");
        if (c == '}' || c == ']') return fail(pos_, std::string("expected a value, found '") + c + "' (a trailing comma?)");
        return fail(pos_, "expected a value, found " + describe_here());
    }
  }

  bool literal(Value& v, std::string_view word, Kind kind, bool b) {
    if (s_.substr(pos_, word.size()) != word) {
      std::size_t e = pos_;
      while (e < s_.size() && ((s_[e] >= 'a' && s_[e] <= 'z') || (s_[e] >= 'A' && s_[e] <= 'Z'))) ++e;
      return fail(pos_, "unknown word \"" + std::string(s_.substr(pos_, e - pos_)) +
                            "\" (strings take double quotes; literals are true, false and null)");
    }
    pos_ += word.size();
    v.kind = kind;
    v.boolean = b;
    return true;
  }

  bool number(Value& v) {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t d = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - d;
    };
    bool integral = true;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') return fail(start, "numbers do not start with 0");
    } else if (digits() == 0) {
      return fail(start, "invalid number");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      integral = false;
      if (digits() == 0) return fail(start, "invalid number: digits must follow the decimal point");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      integral = false;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail(start, "invalid number: digits must follow the exponent");
    }
    const std::string_view lit = s_.substr(start, pos_ - start);
    double d = 0;
    const auto r = std::from_chars(lit.data(), lit.data() + lit.size(), d);
    if (r.ec != std::errc{} || !std::isfinite(d)) return fail(start, "number out of range: " + std::string(lit));
    v.kind = Kind::number;
    v.number = d;
    v.integral = integral;
    v.text = std::string(lit);
    return true;
  }

  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      if (pos_ >= s_.size()) return false;
      const char c = s_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  // The length of a valid UTF-8 sequence starting at pos_, or 0.
  std::size_t utf8_length() const {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s_[pos_ + i]); };
    const unsigned char c = b(0);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      cp = c & 0x07;
    } else {
      return 0;
    }
    if (pos_ + n > s_.size()) return 0;
    for (std::size_t i = 1; i < n; ++i) {
      if ((b(i) & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (b(i) & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return 0;
    }
    return n;
  }

  // A string at pos_ (on its opening quote). With `offsets`, records the source
  // offset of every decoded byte when the string has escapes (else leaves it
  // empty: byte i is at opening quote + 1 + i) and always the closing quote.
  bool string(std::string& out, std::vector<std::uint32_t>* offsets) {
    const std::size_t open = pos_++;
    out.clear();
    std::vector<std::uint32_t> map;
    bool escaped = false;
    while (true) {
      if (pos_ >= s_.size()) return fail(open, "unterminated string");
      const char c = s_[pos_];
      const auto u = static_cast<unsigned char>(c);
      if (c == '"') break;
      if (u < 0x20) {
        return fail(pos_, c == '\n' ? "unterminated string (a line break inside a string must be written \\n)"
                                    : "control character inside a string (write it as an escape such as \\t)");
      }
      const auto here = static_cast<std::uint32_t>(pos_);
      if (c == '\\') {
        escaped = true;
        ++pos_;
        if (pos_ >= s_.size()) return fail(open, "unterminated string");
        const char e = s_[pos_++];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            std::uint32_t cp = 0;
            if (!hex4(cp)) return fail(here, "invalid \\u escape: four hex digits must follow \\u");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              std::uint32_t low = 0;
              if (s_.substr(pos_, 2) != "\\u") return fail(here, "invalid \\u escape: a high surrogate without its low surrogate");
              pos_ += 2;
              if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) {
                return fail(here, "invalid \\u escape: a high surrogate without its low surrogate");
              }
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return fail(here, "invalid \\u escape: a lone low surrogate");
            }
            put_utf8(out, cp);
            break;
          }
          default: return fail(here, std::string("invalid escape \\") + e);
        }
        while (map.size() < out.size()) map.push_back(here);
        continue;
      }
      if (u >= 0x80) {
        const std::size_t n = utf8_length();
        if (n == 0) return fail(pos_, "invalid UTF-8 inside a string");
        for (std::size_t i = 0; i < n; ++i) {
          map.push_back(static_cast<std::uint32_t>(pos_ + i));
          out += s_[pos_ + i];
        }
        pos_ += n;
        continue;
      }
      map.push_back(here);
      out += c;
      ++pos_;
    }
    if (offsets) {
      offsets->clear();
      if (escaped) *offsets = std::move(map);
      else {
        offsets->reserve(out.size() + 1);
        for (std::size_t i = 0; i < out.size(); ++i) offsets->push_back(static_cast<std::uint32_t>(open + 1 + i));
      }
      offsets->push_back(static_cast<std::uint32_t>(pos_));
    }
    ++pos_;  // the closing quote
    return true;
  }

  bool array(Value& v, int depth) {
    v.kind = Kind::array;
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      Value item;
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == ']') return fail(pos_, "trailing comma before ']'");
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail(pos_, "expected ',' or ']' after an array item, found " + describe_here());
    }
  }

  bool object(Value& v, int depth) {
    v.kind = Kind::object;
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '"') {
        if (pos_ < s_.size() && s_[pos_] == '}') return fail(pos_, "trailing comma before '}'");
        return fail(pos_, "expected a key in double quotes, found " + describe_here());
      }
      Member m;
      m.key_offset = static_cast<std::uint32_t>(pos_);
      if (!string(m.key, nullptr)) return false;
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        return fail(pos_, "expected ':' after the key \"" + m.key + "\", found " + describe_here());
      }
      ++pos_;
      skip_space();
      if (!value(m.value, depth + 1)) return false;
      v.members.push_back(std::move(m));
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail(pos_, "expected ',' or '}' after an object member, found " + describe_here());
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  ParseError error_;
};

}  // namespace

std::optional<Value> parse(std::string_view text, ParseError* error) {
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    if (error) *error = {0, "the file is too large (4 GiB or more)"};
    return std::nullopt;
  }
  Parser p(text);
  return p.document(error);
}

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

SourceMap::Position SourceMap::at(std::uint32_t offset) const {
  const std::uint32_t off = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  std::size_t column = 1;
  for (std::uint32_t i = start; i < off; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // not a UTF-8 continuation byte
  }
  // A BOM at the start of the file is not a column.
  if (line == 1 && text_.substr(0, 3) == "\xEF\xBB\xBF" && off >= 3) --column;
  return {line, column};
}

namespace {

struct Unit {
  std::string_view name;
  Duration micros;
};
// Longest names first, so "ms" is not read as "m" then "s".
constexpr Unit kUnits[] = {{"ms", kMillisecond}, {"us", kMicrosecond}, {"d", kDay},
                           {"h", kHour},          {"m", kMinute},      {"s", kSecond}};

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  if (text == "0") return Duration{0};
  if (text.empty()) return std::nullopt;
  Duration total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t d = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == d) return std::nullopt;
    std::int64_t n = 0;
    const auto r = std::from_chars(text.data() + d, text.data() + i, n);
    if (r.ec != std::errc{}) return std::nullopt;
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (text.substr(i, u.name.size()) == u.name) {
        unit = &u;
        break;
      }
    }
    if (!unit) return std::nullopt;
    i += unit->name.size();
    if (n > std::numeric_limits<Duration>::max() / unit->micros) return std::nullopt;
    const Duration part = n * unit->micros;
    if (total > std::numeric_limits<Duration>::max() - part) return std::nullopt;
    total += part;
  }
  return total;
}

std::optional<Duration> duration_from_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return std::nullopt;
  const double micros = std::round(seconds * static_cast<double>(kSecond));
  if (micros >= 9.0e18) return std::nullopt;
  return static_cast<Duration>(micros);
}

void append_string(std::string& out, std::string_view s) { detail::append_json_string(out, s); }

void append_number(std::string& out, double v) { detail::append_json_number(out, v); }

}  // namespace detail::mjson
}  // namespace v0
}  // namespace doorway
