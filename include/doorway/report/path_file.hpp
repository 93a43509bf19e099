// doorway — path files: journeys as text in the layout existing attribution
// packages use (ChannelAttribution's path / total_conversions /
// total_conversion_value / total_null columns), so their users can switch and
// compare. Compiled in src/report/path_file.cpp.
//
// What the reader accepts, exactly
// - One journey per line: PATH;CONVERSIONS[;VALUE[;NULLS]] — the field separator
//   is ';'. VALUE and NULLS default to 0 when left out; more than four fields is
//   an error.
// - PATH: channel names separated by '>'. Spaces and tabs around each name (and
//   around every field) are ignored, so "a > b" and "a>b" are the same path; a name
//   keeps its inner spaces ("paid search > email" has the channel "paid search").
//   An empty name ("a > > b", a leading or trailing '>') is an error. Names are
//   bytes (UTF-8 expected) and may not contain ';' or '>'.
// - Numbers: decimal or scientific notation ("3", "2.5", "1e3"), finite, >= 0.
// - A header line is optional: the first non-blank, non-comment line is a header
//   when its second field is not a number (e.g.
//   "path;total_conversions;total_conversion_value;total_null").
// - Blank lines and lines whose first non-blank character is '#' are skipped.
//   Line endings may be "\n" or "\r\n"; a UTF-8 byte-order mark at the start is
//   skipped.
// - Rows with the same path are kept as separate journeys; every model sums them.
//   A row with 0 conversions and 0 nulls is kept (it weighs nothing anywhere).
// Errors name the place: "paths.csv:7:9: conversions: \"x\" is not a number".
//
// The writer writes a header and one line per journey, "a > b > c;3;120.5;1",
// numbers in their shortest exact form; reading it back gives the same journeys.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "doorway/report/journeys.hpp"

namespace doorway {
inline namespace v0 {

inline constexpr std::string_view kPathFileHeader = "path;total_conversions;total_conversion_value;total_null";

// Reads a whole path file. `source_name` names it in errors. InvalidArgument on
// the first bad line. Thread-safe.
absl::StatusOr<Journeys> read_path_file(std::string_view text, std::string_view source_name = "paths.csv");

// Writes journeys in the path-file layout (times and anchors are not part of it).
// Fails with InvalidArgument when a channel name contains ';', '>', a line break,
// or spaces at its ends (it would not read back). Thread-safe for const journeys.
absl::StatusOr<std::string> write_path_file(const Journeys& journeys);

}  // namespace v0
}  // namespace doorway
