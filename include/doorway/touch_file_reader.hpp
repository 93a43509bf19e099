// doorway — touches from any accepted input: a file or standard input, gzip or
// not, holding JSON Lines (canonical touches or Segment events) or CSV with a
// column map. The format is detected from the content when not given: a first
// non-blank character `{` means JSON Lines, anything else CSV (its first record
// is the header). Reading streams: memory holds one buffer, not the file.
//
//   TouchFileOptions options;                       // automatic format
//   auto reader = TouchFileReader::open("crm.csv.gz", options);
//   OwnedTouch t;
//   ReadError err;
//   for (;;) {
//     absl::StatusOr<ReadStatus> s = (*reader)->next(t, err);   // I/O errors: a status
//     if (!s.ok() || *s == ReadStatus::end) break;
//     if (*s == ReadStatus::error) { report(err.message()); continue; }
//     use(t.view());
//   }
//
// Compiled in src/touch_file_reader.cpp. Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "doorway/column_map.hpp"
#include "doorway/csv.hpp"
#include "doorway/touch_reader.hpp"
#include "doorway/touch_reader_bytes.hpp"

namespace doorway {
inline namespace v0 {

enum class InputFormat : std::uint8_t {
  automatic = 0,  // detect: JSON Lines (canonical or Segment, line by line) or CSV
  jsonl = 1,      // canonical JSON Lines (`type` is the touch type)
  segment = 2,    // Segment events, one per line
  csv = 3,        // CSV with a header row and a column map
};

std::string_view to_string(InputFormat f) noexcept;
// "auto", "jsonl", "segment", "csv"; nullopt otherwise.
std::optional<InputFormat> parse_input_format(std::string_view s) noexcept;

struct TouchFileOptions {
  InputFormat format = InputFormat::automatic;
  bool require_timestamp = true;
  const SegmentEventMap* events = nullptr;   // event names → types (JSON input)
  const ChannelRules* channels = nullptr;    // campaign data → channel (all inputs)
  const ColumnMap* column_map = nullptr;     // CSV; null: canonical column names
};

class TouchFileReader {
 public:
  // Opens `path` ("-": standard input) and reads enough to know its format (and a
  // CSV file's header). Errors: NotFound / Unavailable when it cannot be read,
  // InvalidArgument when the column map does not fit the CSV header.
  static absl::StatusOr<std::unique_ptr<TouchFileReader>> open(const std::string& path,
                                                               const TouchFileOptions& options);
  static absl::StatusOr<std::unique_ptr<TouchFileReader>> from_input(std::unique_ptr<ByteInput> input,
                                                                     const TouchFileOptions& options);
  ~TouchFileReader();

  // The next touch (ReadStatus::touch), a bad line or record (ReadStatus::error,
  // `error` says where and why) or the end. A failure to read is an error status.
  absl::StatusOr<ReadStatus> next(OwnedTouch& out, ReadError& error);

  InputFormat format() const noexcept { return format_; }  // as detected
  const std::string& source() const noexcept;
  // For JSON input, the line last returned (valid until the next call); empty for CSV.
  std::string_view line() const noexcept { return line_; }
  // True when the touch last returned was read from a Segment call.
  bool last_was_segment() const noexcept;
  std::uint64_t touches_read() const noexcept { return touches_; }
  std::uint64_t errors() const noexcept { return errors_; }
  std::uint64_t skipped() const noexcept { return skipped_; }  // Segment identify/group/alias calls
  std::uint64_t bytes_consumed() const noexcept;

 private:
  TouchFileReader() = default;

  std::unique_ptr<ByteInput> input_;
  InputFormat format_ = InputFormat::automatic;
  const ChannelRules* channels_ = nullptr;
  // JSON
  std::unique_ptr<LineReader> lines_;
  std::unique_ptr<TouchJsonParser> parser_;
  std::string_view line_;
  std::string what_;
  // CSV
  std::unique_ptr<CsvReader> csv_;
  std::optional<CsvTouchMapper> mapper_;
  CsvRecord record_;
  std::uint64_t touches_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t skipped_ = 0;
};

}  // namespace v0
}  // namespace doorway
