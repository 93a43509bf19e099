// doorway classify — JSON Lines touches in; the same objects out with the team
// (marketing, sales or unknown) and the id of the rule that decided it.
#include <iostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "cli_input.hpp"
#include "commands.hpp"
#include "doorway/classify.hpp"
#include "doorway/touch_reader.hpp"

namespace doorway::cli {

std::string_view classify_help() {
  static const std::string help = std::string(
      "Usage: doorway classify FILE|- [--model M] [--strict] [input options]\n"
      "\n"
      "Reads touches (JSON Lines, Segment events or CSV; `-` reads standard input)\n"
      "and writes each one back, compactly and in input order, with two fields\n"
      "added: `team` (marketing, sales or unknown) and `rule` (the rule of the\n"
      "classifier that decided it, e.g. seed.one_to_one_two_way), using the default\n"
      "model's catalog of touch types and channels, or that of the model file M.\n"
      "A JSON line keeps its own members; a CSV row or Segment event is written in\n"
      "the canonical form (as `doorway convert` writes it). A touch needs an\n"
      "`event_id`; its `timestamp` may be left out.\n"
      "\n"
      "Bad lines are reported on standard error as FILE:LINE: what, counted, and\n"
      "skipped; a summary line follows at the end.\n"
      "\n"
      "Options:\n"
      "  --model M   classify with the catalog of the model file M\n"
      "  --strict    stop at the first bad line and exit with code 3\n"
      "  -q, --quiet no summary line on standard error\n"
      "  -h, --help  show this help\n"
      "\n") + std::string(input_options_help()) +
      "\n"
      "Example:\n"
      "  echo '{\"event_id\":\"e1\",\"type\":\"sales_letter\"}' | doorway classify -\n"
      "  {\"event_id\":\"e1\",\"type\":\"sales_letter\",\"team\":\"marketing\",\"rule\":\"seed.one_way\"}\n";
  return help;
}

int run_classify(std::span<char* const> args) {
  static const std::vector<OptionSpec> kSpecs =
      with_input_options({{"model", true}, {"strict", false}, {"quiet", false}, {"help", false}});
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(classify_help());
    return kExitOk;
  }
  const std::string& path = single_input(parsed);
  const bool strict = parsed.has("strict");

  const auto model = model_from_option(parsed);
  TouchInput input(parsed, path, *model, /*require_timestamp=*/false);
  const Catalog& catalog = model->catalog();
  // A JSON line that names its type directly is echoed with its own members; CSV
  // rows and Segment events are written in the canonical form.
  const bool echo = input.reader().format() == InputFormat::jsonl;

  OwnedTouch touch;
  ReadError error;
  std::string out;
  std::uint64_t classified = 0;
  for (ReadStatus s; (s = input.next(touch, error)) != ReadStatus::end;) {
    if (s == ReadStatus::error) {
      write_stdout(out);
      out.clear();
      flush_stdout();
      std::cerr << error.message() << '\n';
      if (strict) {
        std::cerr << "doorway classify: stopped at the first bad line (--strict)\n";
        return kExitData;
      }
      continue;
    }
    const Classification c = classify(catalog, touch.view());
    const std::string_view line = input.reader().line();
    if (echo && !line.empty() && !input.reader().last_was_segment()) {
      // The reader has checked the line is a JSON object; keep its members' order.
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
      j["team"] = std::string(to_string(c.team));
      j["rule"] = std::string(rule_id(c.rule));
      out += j.dump();
    } else {
      append_touch_json(out, touch);
      out.pop_back();  // the closing brace
      out += ",\"team\":";
      append_json_string(out, to_string(c.team));
      out += ",\"rule\":";
      append_json_string(out, rule_id(c.rule));
      out += '}';
    }
    out += '\n';
    ++classified;
    if (out.size() > (1u << 16)) {
      write_stdout(out);
      out.clear();
    }
  }
  write_stdout(out);
  flush_stdout();
  if (parsed.has("quiet")) return kExitOk;
  const TouchFileReader& reader = input.reader();
  std::cerr << "doorway classify: " << classified << (classified == 1 ? " touch" : " touches")
            << " classified, " << reader.errors() << (reader.errors() == 1 ? " bad line" : " bad lines")
            << '\n';
  return kExitOk;
}

}  // namespace doorway::cli
