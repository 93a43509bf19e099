// doorway — CSV records (see include/doorway/csv.hpp).
#include "doorway/csv.hpp"

#include <string>

#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {

namespace {
constexpr int kEnd = -1;
constexpr int kNone = -2;
}  // namespace

CsvReader::CsvReader(ByteInput& input, char delimiter)
    : input_(input), delimiter_(delimiter), buf_(std::size_t{1} << 18) {}

absl::StatusOr<int> CsvReader::get() {
  if (pending_ != kNone) {
    const int c = pending_;
    pending_ = kNone;
    return c;
  }
  if (pos_ == len_) {
    if (eof_) return kEnd;
    absl::StatusOr<std::size_t> n = input_.read(buf_.data(), buf_.size());
    if (!n.ok()) return n.status();
    if (*n == 0) {
      eof_ = true;
      return kEnd;
    }
    len_ = *n;
    pos_ = 0;
  }
  return static_cast<unsigned char>(buf_[pos_++]);
}

absl::StatusOr<CsvStatus> CsvReader::next(CsvRecord& out, std::string& what) {
  out.fields.clear();
  data_.clear();
  ends_.clear();
  auto read = [&](int& c) -> absl::Status {
    absl::StatusOr<int> r = get();
    if (!r.ok()) return r.status();
    c = *r;
    if (c == '\n') ++line_;
    return absl::OkStatus();
  };
  int c = 0;
  if (!started_) {
    started_ = true;
    // A UTF-8 byte order mark: EF BB BF.
    for (const int b : {0xEF, 0xBB, 0xBF}) {
      if (auto s = read(c); !s.ok()) return s;
      if (c != b) {
        // Not a BOM: put back what was read (only a prefix of EF BB BF can be lost,
        // and a CSV file cannot start with those bytes unless it has a BOM).
        if (b != 0xEF) {
          what = "the input starts with a broken byte order mark";
          out.line = line_;
          return CsvStatus::error;
        }
        pending_ = c;
        if (c == '\n') --line_;
        break;
      }
    }
  }
  // Skip blank lines.
  for (;;) {
    if (auto s = read(c); !s.ok()) return s;
    if (c == '\r' || c == '\n') continue;
    break;
  }
  if (c == kEnd) return CsvStatus::end;
  out.line = line_;
  bool bad = false;
  for (;;) {  // one field per turn; `c` is its first byte
    if (c == '"') {
      const std::uint64_t opened = line_;
      for (;;) {
        if (auto s = read(c); !s.ok()) return s;
        if (c == kEnd) {
          what = detail::cat("a quoted field opened on line ", opened, " is never closed");
          return CsvStatus::error;
        }
        if (c == '"') {
          if (auto s = read(c); !s.ok()) return s;
          if (c == '"') {
            data_ += '"';
            continue;
          }
          break;  // closed; `c` follows the quote
        }
        data_ += static_cast<char>(c);
      }
      if (c != delimiter_ && c != '\r' && c != '\n' && c != kEnd) {
        what = detail::cat("unexpected character '", std::string(1, static_cast<char>(c)),
                           "' after a closing quote (a quote inside a field is written \"\")");
        bad = true;
        // Skip to the end of the line.
        while (c != '\n' && c != kEnd) {
          if (auto s = read(c); !s.ok()) return s;
        }
      }
    } else {
      while (c != delimiter_ && c != '\r' && c != '\n' && c != kEnd) {
        data_ += static_cast<char>(c);
        if (auto s = read(c); !s.ok()) return s;
      }
    }
    ends_.push_back(data_.size());
    if (c == delimiter_) {
      if (auto s = read(c); !s.ok()) return s;
      continue;
    }
    if (c == '\r') {  // CRLF, or a lone CR
      absl::StatusOr<int> r = get();
      if (!r.ok()) return r.status();
      if (*r == '\n') {
        ++line_;
      } else {
        pending_ = *r;
      }
    }
    break;
  }
  if (bad) return CsvStatus::error;
  std::size_t begin = 0;
  for (std::size_t end : ends_) {
    out.fields.emplace_back(data_.data() + begin, end - begin);
    begin = end;
  }
  return CsvStatus::record;
}

}  // namespace v0
}  // namespace doorway
