// doorway — files, standard input and gzip as bytes; lines over them (see
// include/doorway/touch_reader_bytes.hpp).
#include "doorway/touch_reader_bytes.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {

namespace {

// Raw bytes from somewhere: a file descriptor or memory.
class RawSource {
 public:
  virtual ~RawSource() = default;
  // Reads up to n bytes; 0 at the end; -1 with errno on failure.
  virtual long read(char* out, std::size_t n) = 0;
};

class FdSource final : public RawSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;
  long read(char* out, std::size_t n) override {
    for (;;) {
      const ssize_t r = ::read(fd_, out, n);
      if (r < 0 && errno == EINTR) continue;
      return static_cast<long>(r);
    }
  }

 private:
  int fd_;
  bool owned_;
};

class MemorySource final : public RawSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  long read(char* out, std::size_t n) override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(out, bytes_.data() + pos_, k);
    pos_ += k;
    return static_cast<long>(k);
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

// Reads a RawSource, inflating it when it starts with the gzip magic bytes.
class DecodingInput final : public ByteInput {
 public:
  DecodingInput(std::unique_ptr<RawSource> raw, std::string name)
      : ByteInput(std::move(name)), raw_(std::move(raw)), in_(kInChunk) {}
  ~DecodingInput() override {
    if (inflating_) inflateEnd(&z_);
  }
  DecodingInput(const DecodingInput&) = delete;
  DecodingInput& operator=(const DecodingInput&) = delete;

  absl::StatusOr<std::size_t> read(char* out, std::size_t n) override {
    if (!started_) {
      started_ = true;
      // Two bytes decide: gzip starts with 1f 8b.
      while (in_len_ < 2) {
        const long r = raw_->read(in_.data() + in_len_, in_.size() - in_len_);
        if (r < 0) return io_error();
        if (r == 0) break;
        in_len_ += static_cast<std::size_t>(r);
        consumed_ += static_cast<std::uint64_t>(r);
      }
      gzip_ = in_len_ >= 2 && static_cast<unsigned char>(in_[0]) == 0x1f &&
              static_cast<unsigned char>(in_[1]) == 0x8b;
      if (gzip_) {
        std::memset(&z_, 0, sizeof z_);
        if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {
          return absl::InternalError(detail::cat(name_, ": cannot start gzip decompression"));
        }
        inflating_ = true;
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(in_len_);
      }
    }
    if (!gzip_) return read_plain(out, n);
    return read_gzip(out, n);
  }

 private:
  static constexpr std::size_t kInChunk = std::size_t{1} << 18;

  absl::Status io_error() const {
    return absl::UnavailableError(detail::cat("error reading \"", name_, "\": ", std::strerror(errno)));
  }

  absl::StatusOr<std::size_t> read_plain(char* out, std::size_t n) {
    if (in_pos_ < in_len_) {  // the bytes read to sniff the format
      const std::size_t k = std::min(n, in_len_ - in_pos_);
      std::memcpy(out, in_.data() + in_pos_, k);
      in_pos_ += k;
      return k;
    }
    const long r = raw_->read(out, n);
    if (r < 0) return io_error();
    consumed_ += static_cast<std::uint64_t>(r);
    return static_cast<std::size_t>(r);
  }

  absl::StatusOr<std::size_t> read_gzip(char* out, std::size_t n) {
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    const uInt want = z_.avail_out;
    while (z_.avail_out == want) {
      if (z_.avail_in == 0) {
        if (raw_eof_) {
          if (member_open_) {
            return absl::DataLossError(detail::cat(name_, ": the gzip stream ends early (truncated file?)"));
          }
          break;
        }
        const long r = raw_->read(in_.data(), in_.size());
        if (r < 0) return io_error();
        if (r == 0) {
          raw_eof_ = true;
          continue;
        }
        consumed_ += static_cast<std::uint64_t>(r);
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(r);
      }
      member_open_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_open_ = false;
        // Another member may follow (concatenated .gz files).
        if (inflateReset(&z_) != Z_OK) {
          return absl::InternalError(detail::cat(name_, ": cannot restart gzip decompression"));
        }
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return absl::DataLossError(detail::cat(name_, ": not a valid gzip stream (",
                                               z_.msg ? z_.msg : "zlib error", ")"));
      }
    }
    return static_cast<std::size_t>(want - z_.avail_out);
  }

  std::unique_ptr<RawSource> raw_;
  std::vector<char> in_;
  std::size_t in_len_ = 0;
  std::size_t in_pos_ = 0;
  z_stream z_{};
  bool started_ = false;
  bool inflating_ = false;
  bool raw_eof_ = false;
  bool member_open_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ByteInput>> ByteInput::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteInput>(new DecodingInput(std::make_unique<FdSource>(0, false), "-"));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(detail::cat("cannot open \"", path, "\": ", std::strerror(errno)));
  return std::unique_ptr<ByteInput>(new DecodingInput(std::make_unique<FdSource>(fd, true), path));
}

std::unique_ptr<ByteInput> ByteInput::from_string(std::string bytes, std::string name) {
  return std::make_unique<DecodingInput>(std::make_unique<MemorySource>(std::move(bytes)), std::move(name));
}

LineReader::LineReader(ByteInput& input, std::size_t chunk)
    : input_(input), buf_(chunk + kBytePadding), chunk_(chunk) {}

absl::Status LineReader::fill() {
  // Move the unread tail to the front; grow when a line fills the buffer.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - kBytePadding - end_ < chunk_ / 2) buf_.resize(buf_.size() + chunk_);
  const std::size_t room = buf_.size() - kBytePadding - end_;
  absl::StatusOr<std::size_t> n = input_.read(buf_.data() + end_, room);
  if (!n.ok()) return n.status();
  if (*n == 0) eof_ = true;
  end_ += *n;
  return absl::OkStatus();
}

// next() when the line does not end within the bytes read (or the byte order mark
// is not yet looked for): reads more until it does, or the input ends.
absl::StatusOr<bool> LineReader::next_refill(std::string_view& line) {
  std::size_t scanned = begin_;
  for (;;) {
    if (!started_ && (end_ - begin_ >= 3 || eof_)) {
      started_ = true;
      if (end_ - begin_ >= 3 && std::memcmp(buf_.data() + begin_, "\xEF\xBB\xBF", 3) == 0) {
        begin_ += 3;
        scanned = begin_;
      }
    }
    if (started_) {
      const char* base = buf_.data();
      const void* nl = std::memchr(base + scanned, '\n', end_ - scanned);
      if (nl || (eof_ && end_ > begin_)) {
        const std::size_t stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : end_;
        std::size_t len = stop - begin_;
        if (len > 0 && base[begin_ + len - 1] == '\r') --len;
        line = std::string_view(base + begin_, len);
        begin_ = nl ? stop + 1 : end_;
        ++line_number_;
        return true;
      }
      if (eof_) return false;
      scanned = end_;
    } else if (eof_) {
      return false;
    }
    const std::size_t offset = scanned - begin_;
    if (absl::Status s = fill(); !s.ok()) return s;
    scanned = begin_ + offset;
  }
}

}  // namespace v0
}  // namespace doorway
