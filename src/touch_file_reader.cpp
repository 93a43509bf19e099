// doorway — touches from any accepted input (see include/doorway/touch_file_reader.hpp).
#include "doorway/touch_file_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "doorway/channel_rules.hpp"
#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {

namespace {

// Replays bytes read ahead (to detect the format), then the rest of the input.
class PeekedInput final : public ByteInput {
 public:
  PeekedInput(std::unique_ptr<ByteInput> inner, std::string prefix)
      : ByteInput(inner->name()), inner_(std::move(inner)), prefix_(std::move(prefix)) {
    gzip_ = inner_->gzip();
    consumed_ = inner_->bytes_consumed();
  }
  absl::StatusOr<std::size_t> read(char* out, std::size_t n) override {
    if (pos_ < prefix_.size()) {
      const std::size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(out, prefix_.data() + pos_, k);
      pos_ += k;
      if (pos_ == prefix_.size()) {
        std::string().swap(prefix_);  // replayed: free it
        pos_ = 0;
      }
      return k;
    }
    absl::StatusOr<std::size_t> r = inner_->read(out, n);
    consumed_ = inner_->bytes_consumed();
    return r;
  }

 private:
  std::unique_ptr<ByteInput> inner_;
  std::string prefix_;
  std::size_t pos_ = 0;
};

// The first non-blank character after an optional BOM, reading ahead as needed
// (up to 64 KiB); 0 when the input is empty or blank that far.
absl::StatusOr<char> sniff(ByteInput& in, std::string& prefix) {
  constexpr std::size_t kMax = std::size_t{1} << 16;
  std::size_t i = 0;
  char buf[4096];
  for (;;) {
    while (i < prefix.size()) {
      const char c = prefix[i];
      if (i == 0 && prefix.size() >= 3 && prefix.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        i = 3;
        continue;
      }
      if (i == 0 && prefix.size() < 3 && static_cast<unsigned char>(c) == 0xEF) break;  // need more to tell
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
      ++i;
    }
    if (prefix.size() >= kMax) return '\0';
    absl::StatusOr<std::size_t> n = in.read(buf, sizeof buf);
    if (!n.ok()) return n.status();
    if (*n == 0) {
      // An input of a lone partial BOM-like byte: look at it as is.
      for (; i < prefix.size(); ++i) {
        const char c = prefix[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
      }
      return '\0';
    }
    prefix.append(buf, *n);
  }
}

}  // namespace

std::string_view to_string(InputFormat f) noexcept {
  switch (f) {
    case InputFormat::jsonl: return "jsonl";
    case InputFormat::segment: return "segment";
    case InputFormat::csv: return "csv";
    default: return "auto";
  }
}

std::optional<InputFormat> parse_input_format(std::string_view s) noexcept {
  if (s == "auto") return InputFormat::automatic;
  if (s == "jsonl" || s == "json") return InputFormat::jsonl;
  if (s == "segment") return InputFormat::segment;
  if (s == "csv") return InputFormat::csv;
  return std::nullopt;
}

TouchFileReader::~TouchFileReader() = default;

const std::string& TouchFileReader::source() const noexcept { return input_->name(); }

std::uint64_t TouchFileReader::bytes_consumed() const noexcept { return input_->bytes_consumed(); }

bool TouchFileReader::last_was_segment() const noexcept { return parser_ && parser_->last_was_segment(); }

absl::StatusOr<std::unique_ptr<TouchFileReader>> TouchFileReader::open(const std::string& path,
                                                                       const TouchFileOptions& options) {
  absl::StatusOr<std::unique_ptr<ByteInput>> in = ByteInput::open(path);
  if (!in.ok()) return in.status();
  return from_input(std::move(*in), options);
}

absl::StatusOr<std::unique_ptr<TouchFileReader>> TouchFileReader::from_input(std::unique_ptr<ByteInput> input,
                                                                             const TouchFileOptions& options) {
  std::unique_ptr<TouchFileReader> r(new TouchFileReader());
  r->channels_ = options.channels;
  InputFormat format = options.format;
  std::string prefix;
  absl::StatusOr<char> first = sniff(*input, prefix);
  if (!first.ok()) return first.status();
  if (format == InputFormat::automatic) format = *first == '{' || *first == '\0' ? InputFormat::jsonl : InputFormat::csv;
  r->input_ = std::make_unique<PeekedInput>(std::move(input), std::move(prefix));
  r->format_ = format;
  if (format == InputFormat::csv) {
    const ColumnMap empty;
    const ColumnMap& map = options.column_map ? *options.column_map : empty;
    r->csv_ = std::make_unique<CsvReader>(*r->input_, map.delimiter);
    std::string what;
    absl::StatusOr<CsvStatus> s = r->csv_->next(r->record_, what);
    if (!s.ok()) return s.status();
    if (*s == CsvStatus::error) {
      return absl::InvalidArgumentError(detail::cat(r->input_->name(), ":", r->record_.line, ": header: ", what));
    }
    if (*s == CsvStatus::end) return r;  // an empty file: no touches
    absl::StatusOr<CsvTouchMapper> m =
        CsvTouchMapper::bind(map, r->record_.fields, r->input_->name(), options.require_timestamp);
    if (!m.ok()) return m.status();
    r->mapper_.emplace(std::move(*m));
    return r;
  }
  TouchReaderOptions jo;
  jo.require_timestamp = options.require_timestamp;
  jo.dialect = format == InputFormat::segment ? JsonDialect::segment
               : options.format == InputFormat::jsonl ? JsonDialect::canonical
                                                      : JsonDialect::automatic;
  jo.events = options.events;
  jo.channels = options.channels;
  r->parser_ = std::make_unique<TouchJsonParser>(jo);
  r->lines_ = std::make_unique<LineReader>(*r->input_);
  return r;
}

absl::StatusOr<ReadStatus> TouchFileReader::next(OwnedTouch& out, ReadError& error) {
  if (csv_) {
    if (!mapper_) return ReadStatus::end;
    std::string what;
    for (;;) {
      absl::StatusOr<CsvStatus> s = csv_->next(record_, what);
      if (!s.ok()) return s.status();
      if (*s == CsvStatus::end) return ReadStatus::end;
      if (*s == CsvStatus::record && mapper_->apply(record_, out, what)) {
        if (channels_ && out.channel.empty() && !out.campaign.empty()) apply_channel_rules(*channels_, out);
        ++touches_;
        return ReadStatus::touch;
      }
      ++errors_;
      error.source = input_->name();
      error.line = record_.line;
      error.what = std::move(what);
      return ReadStatus::error;
    }
  }
  for (;;) {
    absl::StatusOr<bool> more = lines_->next(line_);
    if (!more.ok()) return more.status();
    if (!*more) {
      line_ = {};
      return ReadStatus::end;
    }
    bool blank = true;
    for (char c : line_) {
      if (c != ' ' && c != '\t' && c != '\f' && c != '\v') {
        blank = false;
        break;
      }
    }
    if (blank) continue;
    switch (parser_->parse(line_, out, what_, true)) {
      case ParseResult::touch:
        out.source_line = lines_->line_number();
        ++touches_;
        return ReadStatus::touch;
      case ParseResult::skipped:
        ++skipped_;
        continue;
      case ParseResult::error:
        break;
    }
    ++errors_;
    error.source = input_->name();
    error.line = lines_->line_number();
    error.what = std::move(what_);
    what_.clear();
    return ReadStatus::error;
  }
}

}  // namespace v0
}  // namespace doorway
