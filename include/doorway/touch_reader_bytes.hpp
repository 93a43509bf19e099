// doorway — the bytes a touch reader reads: a file, standard input ("-") or text
// in memory, gzip-compressed or not (recognised by its magic bytes, not its name),
// read in large chunks; and a line splitter over them that hands out lines as
// views into its buffer, so reading a line copies nothing.
//
// Every view a LineReader hands out is followed in memory by at least
// kBytePadding readable bytes, which lets the JSON parser (simdjson) read past
// the end of a line without a copy.
//
// Compiled in src/touch_reader_bytes.cpp (zlib). Thread-safety: one thread at a
// time per object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace doorway {
inline namespace v0 {

// Readable bytes that follow every line a LineReader returns.
inline constexpr std::size_t kBytePadding = 64;

// A source of bytes, decompressed when it is gzip (several concatenated gzip
// members are read as one stream, as `gzip -d` does).
class ByteInput {
 public:
  virtual ~ByteInput() = default;

  // Opens a file, or standard input for "-". The name is kept for messages.
  static absl::StatusOr<std::unique_ptr<ByteInput>> open(const std::string& path);
  // Bytes held in memory (for tests and embedded data); `name` is for messages.
  static std::unique_ptr<ByteInput> from_string(std::string bytes, std::string name);

  // Reads up to `n` bytes into `out`; 0 at the end. An error says what failed,
  // naming the input ("events.jsonl.gz: not a valid gzip stream (…)").
  virtual absl::StatusOr<std::size_t> read(char* out, std::size_t n) = 0;

  const std::string& name() const noexcept { return name_; }
  // True when the bytes are being decompressed from gzip (known after the first read).
  bool gzip() const noexcept { return gzip_; }
  // Compressed or raw bytes consumed so far (for progress).
  std::uint64_t bytes_consumed() const noexcept { return consumed_; }

 protected:
  explicit ByteInput(std::string name) : name_(std::move(name)) {}
  std::string name_;
  bool gzip_ = false;
  std::uint64_t consumed_ = 0;
};

// Splits a ByteInput into lines ending in "\n" (a "\r" before it is dropped; the
// last line may lack its "\n"). A UTF-8 byte order mark at the very start is
// skipped. Lines longer than the buffer make it grow.
class LineReader {
 public:
  explicit LineReader(ByteInput& input, std::size_t chunk = std::size_t{1} << 20);

  // The next line (without its ending), valid until the next call; false at the
  // end. Errors come from the input (see ByteInput::read). Inline when the line
  // ends within the bytes already read (nearly every call), so that the caller
  // sees an ok status without a test; next_refill() reads more otherwise.
  absl::StatusOr<bool> next(std::string_view& line) {
    if (started_) {
      const char* base = buf_.data();
      if (const void* nl = std::memchr(base + begin_, '\n', end_ - begin_)) {
        const auto stop = static_cast<std::size_t>(static_cast<const char*>(nl) - base);
        const std::size_t len = stop - begin_ - (stop > begin_ && base[stop - 1] == '\r' ? 1 : 0);
        line = std::string_view(base + begin_, len);
        begin_ = stop + 1;
        ++line_number_;
        return true;
      }
    }
    return next_refill(line);
  }
  // 1-based number of the line last returned.
  std::uint64_t line_number() const noexcept { return line_number_; }
  ByteInput& input() noexcept { return input_; }

 private:
  absl::Status fill();
  absl::StatusOr<bool> next_refill(std::string_view& line);

  ByteInput& input_;
  std::vector<char> buf_;
  std::size_t chunk_;
  std::size_t begin_ = 0;  // first unread byte
  std::size_t end_ = 0;    // one past the last byte read
  std::uint64_t line_number_ = 0;
  bool eof_ = false;
  bool started_ = false;
};

}  // namespace v0
}  // namespace doorway
