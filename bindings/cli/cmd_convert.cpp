// doorway convert — any accepted input (canonical JSON Lines, Segment events, CSV
// with a column map; gzip or not) to canonical JSON Lines, in input order.
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "cli_input.hpp"
#include "cli_progress.hpp"
#include "commands.hpp"
#include "doorway/default_model.hpp"

namespace doorway::cli {

std::string_view convert_help() {
  static const std::string help = std::string(
      "Usage: doorway convert FILE|- [--model M] [--output OUT] [--strict] [--quiet]\n"
      "                      [input options]\n"
      "\n"
      "Reads touches from any accepted input and writes them as canonical JSON Lines,\n"
      "one touch per line, in input order: event_id, lead_id, account_id, timestamp\n"
      "(ISO-8601 UTC), type, channel, audience, interaction, initiator, team, value,\n"
      "outcome, utm_*, properties, traits (empty fields left out). Segment event\n"
      "names become the model's touch types; campaign data without a channel gets\n"
      "one from the channel rules; CSV columns are mapped by the column map. The\n"
      "output reads back with `doorway run` unchanged, without any options.\n"
      "\n"
      "Bad lines are reported on standard error as FILE:LINE: what, counted, and\n"
      "skipped; a summary line follows at the end.\n"
      "\n"
      "Options:\n"
      "  --model M     map event names through the catalog of the model file M\n"
      "  --output OUT  write to OUT instead of standard output\n"
      "  --strict      stop at the first bad line, exit code 3\n"
      "  -q, --quiet   no progress and no summary on standard error\n"
      "  -h, --help    show this help\n"
      "\n") + std::string(input_options_help()) +
      "\n"
      "Examples:\n"
      "  doorway convert crm.csv --column 'lead_id=Contact ID' --column 'timestamp=Date' \\\n"
      "      --column 'type=Activity' --time-format '%m/%d/%Y' > touches.jsonl\n"
      "  doorway convert segment-export.jsonl.gz > touches.jsonl\n";
  return help;
}

int run_convert(std::span<char* const> args) {
  static const std::vector<OptionSpec> kSpecs = with_input_options(
      {{"model", true}, {"output", true}, {"strict", false}, {"quiet", false}, {"help", false}});
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(convert_help());
    return kExitOk;
  }
  const std::string& path = single_input(parsed);
  const bool strict = parsed.has("strict");
  const bool quiet = parsed.has("quiet");
  const std::shared_ptr<const Model> model = model_from_option(parsed);
  TouchInput input(parsed, path, *model);
  std::optional<OutputFile> file;
  if (auto o = parsed.get("output")) {
    if (o->empty()) throw UsageError("option \"--output\" needs a file name");
    file.emplace(*o);
  }
  Progress progress("doorway convert", Progress::wanted(quiet));
  std::string out;
  auto flush = [&] {
    if (file) {
      file->stream().write(out.data(), static_cast<std::streamsize>(out.size()));
    } else {
      write_stdout(out);
      flush_stdout();
    }
    out.clear();
  };
  OwnedTouch t;
  ReadError error;
  std::uint64_t written = 0;
  for (ReadStatus s; (s = input.next(t, error)) != ReadStatus::end;) {
    if (s == ReadStatus::error) {
      flush();
      progress.finish();
      std::cerr << error.message() << '\n';
      if (strict) {
        std::cerr << "doorway convert: stopped at the first bad line (--strict)\n";
        if (file) file->close();
        return kExitData;
      }
      continue;
    }
    append_touch_json(out, t);
    out += '\n';
    progress.tick(++written, 0);
    if (out.size() >= (1u << 20)) flush();
  }
  flush();
  progress.finish();
  if (file) file->close();
  if (!quiet) {
    const TouchFileReader& r = input.reader();
    std::cerr << "doorway convert: " << written << (written == 1 ? " touch" : " touches") << " written ("
              << to_string(r.format()) << " in), " << r.errors() << (r.errors() == 1 ? " bad line" : " bad lines");
    if (r.skipped()) std::cerr << ", " << r.skipped() << " Segment calls without a touch skipped";
    std::cerr << "\n";
  }
  return kExitOk;
}

}  // namespace doorway::cli
