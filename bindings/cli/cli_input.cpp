// doorway command line — the touch input options and reader (see cli_input.hpp).
#include "cli_input.hpp"

#include <iostream>

namespace doorway::cli {

namespace {

constexpr OptionSpec kInputOptions[] = {
    {"format", true},      {"map", true},        {"column", true, true}, {"set", true, true},
    {"value", true, true}, {"time-format", true}, {"utc-offset", true},   {"delimiter", true},
    {"channel-rules", true},
};

std::string text(const absl::Status& s) { return std::string(s.message()); }

// Prints a file's problems (one per line) and throws DataError.
[[noreturn]] void invalid_file(const absl::Status& s, std::string_view what, const std::string& path) {
  std::cerr << text(s) << '\n';
  std::size_t n = 1;
  for (char c : text(s)) n += c == '\n';
  throw DataError("invalid " + std::string(what) + " \"" + path + "\" (" + std::to_string(n) +
                  (n == 1 ? " problem)" : " problems)"));
}

}  // namespace

std::vector<OptionSpec> with_input_options(std::initializer_list<OptionSpec> own) {
  std::vector<OptionSpec> all(own);
  all.insert(all.end(), std::begin(kInputOptions), std::end(kInputOptions));
  return all;
}

std::string_view input_options_help() {
  return "Input (FILE, or - for standard input; .gz is read transparently):\n"
         "  --format F        auto (default: `{` first means JSON Lines, else CSV),\n"
         "                    jsonl (canonical touches), segment (Segment events), csv\n"
         "  --map FILE        a CSV column map (JSON; see the README, \"Column maps\")\n"
         "  --column F=COL    CSV: touch field F comes from column COL (repeatable),\n"
         "                    e.g. --column 'lead_id=Contact ID'\n"
         "  --set F=VALUE     CSV: field F is VALUE where its cell is empty or absent\n"
         "                    (repeatable), e.g. --set interaction=one_way\n"
         "  --value F:FROM=TO CSV: a cell FROM of field F reads as TO (repeatable),\n"
         "                    e.g. --value 'type:Email Open=email_campaign_open'\n"
         "  --time-format T   CSV timestamps: iso8601 (default), epoch_s, epoch_ms, or\n"
         "                    a pattern such as '%m/%d/%Y %H:%M'\n"
         "  --utc-offset O    CSV times without an offset are at O (default Z), e.g. -05:00\n"
         "  --delimiter C     CSV field delimiter (default ,; `tab` for tabs)\n"
         "  --channel-rules R campaign source/medium -> channel rules file (default:\n"
         "                    the GA4 default channel grouping)\n";
}

TouchInput::TouchInput(const ParsedArgs& parsed, const std::string& path, const Model& model,
                       bool require_timestamp)
    : events_(model.catalog()) {
  TouchFileOptions options;
  options.require_timestamp = require_timestamp;
  if (auto f = parsed.get("format")) {
    auto format = parse_input_format(*f);
    if (!format) throw UsageError("option \"--format\" needs auto, jsonl, segment or csv, not \"" + *f + "\"");
    options.format = *format;
  }
  if (auto m = parsed.get("map")) {
    if (m->empty()) throw UsageError("option \"--map\" needs a file name");
    if (*m == "-" && path == "-") throw UsageError("the column map and the input cannot both be standard input");
    absl::StatusOr<ColumnMap> loaded = load_column_map_json(read_all(*m), *m);
    if (!loaded.ok()) invalid_file(loaded.status(), "column map", *m);
    map_ = std::move(*loaded);
  }
  auto check = [](const absl::Status& s, std::string_view option) {
    if (!s.ok()) throw UsageError("option \"--" + std::string(option) + "\": " + text(s));
  };
  for (const std::string& c : parsed.all("column")) check(map_.add_column(c), "column");
  for (const std::string& c : parsed.all("set")) check(map_.add_constant(c), "set");
  for (const std::string& c : parsed.all("value")) check(map_.add_value(c), "value");
  if (auto t = parsed.get("time-format")) check(map_.set_timestamp_format(*t), "time-format");
  if (auto o = parsed.get("utc-offset")) check(map_.set_utc_offset(*o), "utc-offset");
  if (auto d = parsed.get("delimiter")) check(map_.set_delimiter(*d), "delimiter");
  if (auto r = parsed.get("channel-rules")) {
    if (r->empty()) throw UsageError("option \"--channel-rules\" needs a file name");
    absl::StatusOr<ChannelRules> loaded = load_channel_rules_json(read_all(*r), *r);
    if (!loaded.ok()) invalid_file(loaded.status(), "channel rules", *r);
    rules_ = std::make_shared<const ChannelRules>(std::move(*loaded));
  } else {
    rules_ = default_channel_rules();
  }
  options.events = &events_;
  options.channels = rules_.get();
  options.column_map = &map_;
  absl::StatusOr<std::unique_ptr<TouchFileReader>> r = TouchFileReader::open(path, options);
  if (!r.ok()) {
    if (r.status().code() == absl::StatusCode::kInvalidArgument) throw UsageError(text(r.status()));
    throw RuntimeError(text(r.status()));
  }
  reader_ = std::move(*r);
}

ReadStatus TouchInput::next(OwnedTouch& out, ReadError& error) {
  absl::StatusOr<ReadStatus> s = reader_->next(out, error);
  if (!s.ok()) throw RuntimeError(text(s.status()));
  return *s;
}

}  // namespace doorway::cli
