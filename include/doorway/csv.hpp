// doorway — CSV records (RFC 4180) from a ByteInput: fields separated by a
// delimiter (`,` by default), records by CRLF or LF; a field in double quotes may
// hold delimiters, line breaks and doubled quotes (""). UTF-8, with an optional
// byte order mark. Blank lines are skipped. Lenient where exports commonly are: a
// quote inside an unquoted field is kept as a character, and records may have
// different numbers of fields (the column map decides what is missing).
//
// Errors: a character after a closing quote other than the delimiter or a line
// break (the record is skipped, reading goes on at the next line), and a quoted
// field still open at the end of the input.
//
// Compiled in src/csv.cpp. Thread-safety: one thread at a time per reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "doorway/touch_reader_bytes.hpp"

namespace doorway {
inline namespace v0 {

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the reader's next call
  std::uint64_t line = 0;                // the 1-based line the record starts on
};

enum class CsvStatus : std::uint8_t { record = 0, error = 1, end = 2 };

class CsvReader {
 public:
  explicit CsvReader(ByteInput& input, char delimiter = ',');

  // The next record into `out`; on CsvStatus::error, `what` says what is wrong
  // with the record starting at out.line (without the place). An I/O or gzip
  // failure is an error status.
  absl::StatusOr<CsvStatus> next(CsvRecord& out, std::string& what);

  ByteInput& input() noexcept { return input_; }

 private:
  // The next byte, or -1 at the end.
  absl::StatusOr<int> get();

  ByteInput& input_;
  char delimiter_;
  std::vector<char> buf_;
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  bool eof_ = false;
  bool started_ = false;
  int pending_ = -2;  // a byte read ahead, or -2
  std::uint64_t line_ = 1;
  std::string data_;
  std::vector<std::size_t> ends_;
};

}  // namespace v0
}  // namespace doorway
