// doorway command line — reading touches: the input options every verb that reads
// touches takes (format, CSV column map, channel rules), and the reader they open.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "doorway/channel_rules.hpp"
#include "doorway/column_map.hpp"
#include "doorway/model.hpp"
#include "doorway/segment.hpp"
#include "doorway/touch_file_reader.hpp"

namespace doorway::cli {

// The input options, to append to a verb's own.
std::vector<OptionSpec> with_input_options(std::initializer_list<OptionSpec> own);

// The help text describing them (one block, for each verb's --help).
std::string_view input_options_help();

// A verb's touch input: the file (or "-"), read through the options in `parsed`
// with the model's event names. Throws UsageError for bad options or a column map
// that does not fit the CSV header, DataError (problems on stderr) for an invalid
// map or rules file, RuntimeError when the input cannot be read.
class TouchInput {
 public:
  TouchInput(const ParsedArgs& parsed, const std::string& path, const Model& model, bool require_timestamp = true);

  TouchFileReader& reader() noexcept { return *reader_; }
  const TouchFileReader& reader() const noexcept { return *reader_; }
  const std::string& name() const noexcept { return reader_->source(); }
  // The next touch, bad line or end; a read failure throws RuntimeError.
  ReadStatus next(OwnedTouch& out, ReadError& error);

 private:
  ColumnMap map_;
  SegmentEventMap events_;
  std::shared_ptr<const ChannelRules> rules_;
  std::unique_ptr<TouchFileReader> reader_;
};

}  // namespace doorway::cli
