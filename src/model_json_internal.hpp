// doorway — what the model-file reader, writer and DOT export share (private to
// src/): a JSON value tree that remembers where each value starts in the text,
// its parser, positions as line:column, and the duration syntax.
//
// Why a JSON reader of our own: nlohmann::json (our JSON library elsewhere) keeps
// no positions in its DOM, and its SAX events fire after a token is consumed,
// with no start offset; the Debian JSON libraries that do keep positions
// (jsoncpp's offsets) would add a dependency for one feature. Model files are
// small, so a strict RFC 8259 recursive-descent reader (~300 lines, tested by
// the loader tests) that records the byte offset of every value and key, and of
// every decoded byte of a string with escapes, is the simplest way to point each
// problem at its exact character, down to a column inside a guard.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::mjson {

enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

// "a string", "an object", … for messages.
std::string_view kind_name(Kind k) noexcept;

struct Member;

struct Value {
  Kind kind = Kind::null;
  std::uint32_t offset = 0;  // byte offset of the value's first character
  bool boolean = false;
  double number = 0;
  bool integral = false;     // a number written without fraction or exponent
  std::string text;          // a string's decoded value; a number's literal
  // For a string: the byte offset in the source of each decoded byte, plus one
  // entry for the closing quote (so a guard column can be located exactly).
  std::vector<std::uint32_t> byte_offsets;
  std::vector<Value> items;     // array
  std::vector<Member> members;  // object, in file order (duplicates kept)

  // The first member named `key`, or null.
  const Member* find(std::string_view key) const;
  // Source offset of decoded byte `i` of a string (the closing quote past the end).
  std::uint32_t byte_offset(std::size_t i) const;
};

struct Member {
  std::string key;
  std::uint32_t key_offset = 0;  // offset of the key's opening quote
  Value value;
};

struct ParseError {
  std::uint32_t offset = 0;
  std::string message;
};

// Parses one JSON document (RFC 8259; a UTF-8 byte order mark is skipped).
// Nesting deeper than 128 levels is an error.
std::optional<Value> parse(std::string_view text, ParseError* error);

// Byte offsets to 1-based line and column (columns count UTF-8 code points).
class SourceMap {
 public:
  explicit SourceMap(std::string_view text);
  struct Position {
    std::size_t line = 1;
    std::size_t column = 1;
  };
  Position at(std::uint32_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> line_starts_;
};

// Durations: "90d", "48h", "30m", "45s", "250ms", "10us", or several such parts
// in any order ("1d12h"); "0" is zero. A JSON number is seconds.
std::optional<Duration> parse_duration(std::string_view text);
std::optional<Duration> duration_from_seconds(double seconds);
// The canonical text: the largest unit that divides the duration exactly, days
// only from 3 days up (so 48h stays "48h"); zero is "0s".

// JSON text output.
void append_string(std::string& out, std::string_view s);
void append_number(std::string& out, double v);  // shortest text that reads back exactly

}  // namespace detail::mjson
}  // namespace v0
}  // namespace doorway
