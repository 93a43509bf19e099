// doorway command line — what the verbs share: exit codes, argument parsing,
// opening inputs, and small JSON output helpers.
#pragma once

#include <cstdint>
#include <fstream>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/model.hpp"
#include "doorway/types.hpp"

namespace doorway::cli {

// Exit codes (DESIGN.md "Command line").
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;  // e.g. a file cannot be opened
inline constexpr int kExitUsage = 2;    // unknown verb or option, bad option value
inline constexpr int kExitData = 3;     // invalid input data with --strict, or an invalid model

// A mistake on the command line. main() prints "doorway VERB: what" and a hint to
// --help, and exits with kExitUsage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failure while running (I/O). main() prints it and exits with kExitRuntime.
class RuntimeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Invalid input data whose details are already on stderr (e.g. an invalid model
// file's problems). main() prints the summary and exits with kExitData.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string_view name;  // without the dashes, e.g. "as-of"
  bool takes_value = false;
  bool repeatable = false;  // may be given several times; all values are kept in order
};

// A verb's parsed arguments: options by name (value "" for switches; the last
// value of a repeated option) and the positional arguments in order. "--name
// VALUE" and "--name=VALUE" both work; "-" is a positional (standard input); "--"
// ends the options; "-h" is "--help", "-q" is "--quiet".
struct ParsedArgs {
  std::map<std::string, std::string, std::less<>> options;
  std::map<std::string, std::vector<std::string>, std::less<>> lists;  // repeatable options
  std::vector<std::string> positional;

  bool has(std::string_view name) const { return options.find(name) != options.end(); }
  std::optional<std::string> get(std::string_view name) const {
    auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
  }
  // Every value of a repeatable option, in the order given.
  std::vector<std::string> all(std::string_view name) const {
    auto it = lists.find(name);
    if (it == lists.end()) return {};
    return it->second;
  }
};

// Throws UsageError for an unknown option (suggesting a close one) or a missing value.
ParsedArgs parse_args(std::span<char* const> args, std::span<const OptionSpec> specs);

// The one FILE (or "-") a verb reads; a UsageError when there is none or several.
const std::string& single_input(const ParsedArgs& parsed);

// A positive integer option value; throws UsageError naming the option otherwise.
std::uint64_t parse_count(std::string_view option, std::string_view text, std::uint64_t max);
// ISO-8601 with an offset, or epoch milliseconds; throws UsageError naming the option.
Timestamp parse_time_option(std::string_view option, std::string_view text);

// A file or standard input ("-").
class Input {
 public:
  // Throws RuntimeError when the file cannot be opened.
  explicit Input(const std::string& path);
  std::istream& stream() noexcept { return *stream_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::ifstream file_;
  std::istream* stream_ = nullptr;
  std::string name_;
};

// A file opened for writing; throws RuntimeError when it cannot be.
class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  std::ostream& stream() noexcept { return file_; }
  // Flushes and closes; throws RuntimeError when writing failed.
  void close();

 private:
  std::ofstream file_;
  std::string path_;
};

// The whole of a file or standard input ("-"); throws RuntimeError on failure.
std::string read_all(const std::string& path);

// The model a verb runs: the model file named by --model (validated), or the
// embedded default model. An invalid file's problems go to stderr, one per line
// as FILE:LINE:COLUMN: PATH: MESSAGE, and a DataError is thrown.
std::shared_ptr<const Model> model_from_option(const ParsedArgs& parsed);

// JSON text helpers (output is written by hand so it is byte-for-byte stable).
void append_json_string(std::string& out, std::string_view s);
// A number rounded to kNumberDigits (6) significant digits, in its shortest form
// ("32", "12.3457", "1.5e+07"); non-finite numbers are written as null.
inline constexpr int kNumberDigits = 6;
void append_json_number(std::string& out, double v);
void append_json_integer(std::string& out, std::uint64_t v);

// Writes `text` to standard output, throwing RuntimeError when stdout fails.
void write_stdout(std::string_view text);
void flush_stdout();

}  // namespace doorway::cli
