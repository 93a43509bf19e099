// doorway — path files: reader and writer (what is accepted is in
// include/doorway/report/path_file.hpp).
#include "doorway/report/path_file.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// A piece of the line with its 1-based column (bytes) after trimming blanks.
struct Piece {
  std::string_view text;
  std::size_t column = 1;
};

Piece trim(std::string_view line, std::size_t begin, std::size_t end) {
  while (begin < end && is_blank(line[begin])) ++begin;
  while (end > begin && is_blank(line[end - 1])) --end;
  return {line.substr(begin, end - begin), begin + 1};
}

// Splits [begin, end) of `line` at `sep` into trimmed pieces.
std::vector<Piece> split(std::string_view line, std::size_t begin, std::size_t end, char sep) {
  std::vector<Piece> out;
  std::size_t start = begin;
  for (std::size_t i = begin; i <= end; ++i) {
    if (i == end || line[i] == sep) {
      Piece p = trim(line, start, i);
      if (p.text.empty()) p.column = start + 1;
      out.push_back(p);
      start = i + 1;
    }
  }
  return out;
}

std::optional<double> parse_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (*b == '+') ++b;  // from_chars does not take a leading '+'
  const auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e) return std::nullopt;
  return v;
}

}  // namespace

absl::StatusOr<Journeys> read_path_file(std::string_view text, std::string_view source_name) {
  Journeys out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  static constexpr const char* kFields[] = {"path", "conversions", "value", "nulls"};
  std::vector<std::uint32_t> path;
  std::size_t line_no = 0;
  bool first_row = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const Piece whole = trim(line, 0, line.size());
    if (whole.text.empty() || whole.text.front() == '#') continue;

    auto error = [&](std::size_t column, std::string_view field, const std::string& what) {
      return absl::InvalidArgumentError(detail::cat(source_name, ":", line_no, ":", column, ": ", field, ": ", what));
    };
    const std::vector<Piece> fields = split(line, 0, line.size(), ';');
    const bool header = first_row && (fields.size() < 2 || !parse_number(fields[1].text));
    const bool was_first = first_row;
    first_row = false;
    if (header && was_first && fields.size() >= 2) continue;
    if (fields.size() < 2) {
      return error(line.size() + 1, "conversions",
                   "missing: a line is PATH;CONVERSIONS[;VALUE[;NULLS]] (fields separated by ';')");
    }
    if (fields.size() > 4) {
      return error(fields[4].column, "line", detail::cat(fields.size(), " fields; at most 4: PATH;CONVERSIONS;VALUE;NULLS"));
    }
    double amounts[3] = {0, 0, 0};
    for (std::size_t f = 1; f < fields.size(); ++f) {
      const Piece& p = fields[f];
      const auto v = parse_number(p.text);
      if (!v) {
        return error(p.column, kFields[f],
                     p.text.empty() ? std::string("empty; expected a number")
                                    : detail::cat("\"", p.text, "\" is not a number"));
      }
      if (!std::isfinite(*v)) return error(p.column, kFields[f], detail::cat("\"", p.text, "\" is not finite"));
      if (*v < 0) return error(p.column, kFields[f], detail::cat(p.text, " is negative"));
      amounts[f - 1] = *v;
    }
    const Piece& path_field = fields[0];
    const std::size_t path_begin = path_field.column - 1;
    const std::vector<Piece> names = split(line, path_begin, path_begin + path_field.text.size(), '>');
    path.clear();
    for (const Piece& n : names) {
      if (n.text.empty()) {
        return error(n.column, "path",
                     path_field.text.empty() ? std::string("empty; a journey needs at least one channel")
                                             : std::string("empty channel name (two '>' in a row, or one at an end)"));
      }
      path.push_back(out.intern_channel(n.text));
    }
    if (auto s = out.add(path, amounts[0], amounts[1], amounts[2]); !s.ok()) {
      return error(1, "line", std::string(s.message()));
    }
  }
  return out;
}

absl::StatusOr<std::string> write_path_file(const Journeys& journeys) {
  for (std::uint32_t c = 0; c < journeys.channel_count(); ++c) {
    const std::string_view name = journeys.channel_name(c);
    if (name.empty() || name.find_first_of(";>\r\n") != std::string_view::npos || is_blank(name.front()) ||
        is_blank(name.back())) {
      return absl::InvalidArgumentError(
          detail::cat("channel \"", name,
                      "\": a path file cannot hold it (no ';', '>', line breaks, or spaces at the ends)"));
    }
  }
  std::string out(kPathFileHeader);
  out += '\n';
  for (std::size_t i = 0; i < journeys.size(); ++i) {
    const auto path = journeys.channels(i);
    for (std::size_t k = 0; k < path.size(); ++k) {
      if (k) out += " > ";
      out += journeys.channel_name(path[k]);
    }
    detail::cat_to(out, ';', journeys.conversions(i), ';', journeys.value(i), ';', journeys.nulls(i), '\n');
  }
  return out;
}

}  // namespace v0
}  // namespace doorway
