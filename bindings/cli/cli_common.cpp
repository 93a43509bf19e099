// doorway command line — shared helpers (see cli_common.hpp).
#include "cli_common.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/detail/json_text.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/model_json.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::cli {

ParsedArgs parse_args(std::span<char* const> args, std::span<const OptionSpec> specs) {
  ParsedArgs parsed;
  auto find = [&](std::string_view name) -> const OptionSpec* {
    for (const OptionSpec& s : specs) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg(args[i]);
    if (options_done || arg == "-" || !arg.starts_with("-")) {
      parsed.positional.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "-h") {
      parsed.options["help"] = "";
      continue;
    }
    if (arg == "-q" && find("quiet")) {
      parsed.options["quiet"] = "";
      continue;
    }
    if (!arg.starts_with("--")) {
      throw UsageError("unknown option \"" + std::string(arg) + "\"");
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> inline_value;
    if (const auto eq = name.find('='); eq != std::string_view::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = find(name);
    if (!spec) {
      std::vector<std::string_view> names;
      for (const OptionSpec& s : specs) names.push_back(s.name);
      std::string msg = "unknown option \"--" + std::string(name) + "\"";
      if (auto hint = doorway::detail::did_you_mean(name, names)) msg += " (did you mean \"--" + *hint + "\"?)";
      throw UsageError(msg);
    }
    std::string value;
    if (spec->takes_value) {
      if (inline_value) {
        value = std::string(*inline_value);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        throw UsageError("option \"--" + std::string(name) + "\" needs a value");
      }
    } else if (inline_value) {
      throw UsageError("option \"--" + std::string(name) + "\" takes no value");
    }
    if (spec->repeatable) parsed.lists[std::string(name)].push_back(value);
    parsed.options[std::string(name)] = std::move(value);
  }
  return parsed;
}

std::uint64_t parse_count(std::string_view option, std::string_view text, std::uint64_t max) {
  std::uint64_t v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size() || v == 0 || v > max) {
    throw UsageError("option \"--" + std::string(option) + "\" needs a whole number from 1 to " +
                     std::to_string(max) + ", not \"" + std::string(text) + "\"");
  }
  return v;
}

Timestamp parse_time_option(std::string_view option, std::string_view text) {
  if (auto t = parse_iso8601(text)) return *t;
  std::int64_t ms = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), ms);
  constexpr std::int64_t kMaxMs = std::numeric_limits<Timestamp>::max() / kMillisecond - 1;
  if (!text.empty() && r.ec == std::errc{} && r.ptr == text.data() + text.size() && ms <= kMaxMs &&
      ms >= -kMaxMs) {
    return ms * kMillisecond;
  }
  throw UsageError("option \"--" + std::string(option) + "\" needs an ISO-8601 time with an offset (" +
                   "2024-03-01T09:00:00Z) or epoch milliseconds, not \"" + std::string(text) + "\"");
}

Input::Input(const std::string& path) : name_(path) {
  if (path == "-") {
    stream_ = &std::cin;
    return;
  }
  file_.open(path, std::ios::binary);
  if (!file_) throw RuntimeError("cannot open \"" + path + "\": " + std::strerror(errno));
  stream_ = &file_;
}

OutputFile::OutputFile(const std::string& path) : path_(path) {
  file_.open(path, std::ios::binary | std::ios::trunc);
  if (!file_) throw RuntimeError("cannot open \"" + path + "\" for writing: " + std::strerror(errno));
}

void OutputFile::close() {
  file_.flush();
  if (!file_) throw RuntimeError("cannot write \"" + path_ + "\"");
  file_.close();
}

std::string read_all(const std::string& path) {
  Input input(path);
  std::ostringstream text;
  text << input.stream().rdbuf();
  if (input.stream().bad()) throw RuntimeError("error reading \"" + path + "\"");
  return std::move(text).str();
}

std::shared_ptr<const Model> model_from_option(const ParsedArgs& parsed) {
  const std::optional<std::string> path = parsed.get("model");
  if (!path) return default_model();
  if (path->empty()) throw UsageError("option \"--model\" needs a model file");
  if (*path == "-" && !parsed.positional.empty() && parsed.positional[0] == "-") {
    throw UsageError("the model and the input cannot both be standard input");
  }
  const std::string text = read_all(*path);
  ModelLoadResult r = load_model_json(text, *path == "-" ? "-" : *path);
  if (!r.model) {
    for (const ModelProblem& p : r.problems) std::cerr << p.to_string() << '\n';
    throw DataError("invalid model \"" + *path + "\" (" + std::to_string(r.problems.size()) +
                    (r.problems.size() == 1 ? " problem" : " problems") + "; `doorway validate " + *path +
                    "` lists them)");
  }
  return r.model;
}

void append_json_string(std::string& out, std::string_view s) { detail::append_json_string(out, s); }

void append_json_number(std::string& out, double v) { detail::append_json_number(out, v, kNumberDigits); }

void append_json_integer(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void write_stdout(std::string_view text) {
  std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!std::cout) throw RuntimeError("cannot write to standard output");
}

void flush_stdout() {
  std::cout.flush();
  if (!std::cout) throw RuntimeError("cannot write to standard output");
}

const std::string& single_input(const ParsedArgs& parsed) {
  if (parsed.positional.size() != 1) {
    throw UsageError(parsed.positional.empty()
                         ? "expects an input FILE (or - for standard input)"
                         : "expects one input FILE, got " + std::to_string(parsed.positional.size()));
  }
  return parsed.positional[0];
}

}  // namespace doorway::cli
