// doorway report — the funnel, handoff ledger, workload, channel activity and
// diagnoses of a touch stream (run through a model, as `doorway run` does), and/or
// of reports written before with --json, merged: each engine of a lead-hash
// partition writes its report, and `doorway report a.json b.json` prints the whole.
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "cli_ingest.hpp"
#include "cli_input.hpp"
#include "commands.hpp"
#include "doorway/engine.hpp"
#include "cli_html.hpp"
#include "doorway/report/report.hpp"
#include "doorway/report/report_html.hpp"
#include "doorway/report/report_json.hpp"
#include "doorway/report/report_text.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::cli {

namespace {

// The first bytes of a named file ("" for standard input, which is read once).
std::string prefix_of(const std::string& path) {
  if (path == "-") return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuntimeError("cannot open \"" + path + "\"");
  std::string buf(4096, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.resize(static_cast<std::size_t>(in.gcount()));
  return buf;
}

// `doorway run` writes leads and events, not touches: say so instead of
// reporting every line as a bad touch.
void reject_run_output(const std::string& path, std::string_view prefix) {
  const std::string_view first = prefix.substr(0, prefix.find('\n'));
  const nlohmann::json j = nlohmann::json::parse(first, nullptr, false);
  if (!j.is_object() || j.contains("event_id") || j.contains("messageId") || j.contains("type") ||
      j.contains("event")) {
    return;
  }
  if (j.contains("lead_id") && j.contains("stage") && j.contains("owner")) {
    throw UsageError("\"" + path +
                     "\" holds `doorway run` output (one line per lead), which has no touches; a report needs the "
                     "touches themselves: pass the file `doorway run` read");
  }
  if (j.contains("kind") && j.contains("from") && j.contains("to")) {
    throw UsageError("\"" + path +
                     "\" holds an event log (`doorway run --events`), which has no touches; a report needs the "
                     "touches themselves: pass the file `doorway run` read");
  }
}

}  // namespace

std::string_view report_help() {
  static const std::string help = std::string(
      "Usage: doorway report FILE|- [FILE ...] [--model M] [--as-of T] [--json]\n"
      "                      [--output OUT] [--strict] [--quiet] [input options]\n"
      "\n"
      "Runs the touches as `doorway run` does and prints the report: per stage (in\n"
      "journey order) the leads that entered, are in it now, moved on and were won\n"
      "later, median and p90 time in stage, and touches before it (marketing/sales);\n"
      "outcomes and win rate; the handoff ledger (accepted, rejected, SLA breached,\n"
      "pending, re-handoffs, answer time, marketing- or sales-sourced); workload per\n"
      "team; marketing activity per channel and week; and the diagnoses, in words\n"
      "with their numbers: which side is the constraint (balance), whether marketing\n"
      "is steady and focused (cadence), whether every touch and stage has an owner\n"
      "and handoffs are answered in time (ownership).\n"
      "\n"
      "Each FILE is touches (all touch files feed one engine, as if concatenated) or\n"
      "a report written by `doorway report --json`: reports are merged, so the\n"
      "engines of a lead-hash partition each write theirs and one command prints the\n"
      "whole, exactly as one engine would. Reports must come from the same model.\n"
      "`doorway run` output (one line per lead) and its event log have no touches:\n"
      "pass the touch file run read.\n"
      "\n"
      "Options:\n"
      "  --model M     run the touches through the model file M (default model otherwise)\n"
      "  --as-of T     advance the clock to T after the touches (ISO-8601 with an\n"
      "                offset, or epoch ms); by default the latest timestamp\n"
      "  --json        the report as JSON (stable keys, README \"Reports\"), which\n"
      "                `doorway report` reads back and merges\n"
      "  --output OUT  write the report to OUT instead of standard output\n"
      "  --html FILE   also write the report as one self-contained HTML page (inline\n"
      "                SVG charts: funnel, stage flow, time in stage, touches per\n"
      "                stage, handoff ledger, findings; from touch files also why\n"
      "                leads wait and Markov attribution to customer)\n"
      "  --strict      stop at the first unreadable or invalid touch, exit code 3\n"
      "  -q, --quiet   no progress and no summary on standard error\n"
      "  -h, --help    show this help\n"
      "\n") + std::string(input_options_help()) +
      "\n"
      "Example:\n"
      "  doorway report events.jsonl --as-of 2026-03-31T00:00:00Z\n"
      "  doorway report events.jsonl --html report.html\n"
      "  doorway report part-0.jsonl --json --output part-0.report.json   # per engine\n"
      "  doorway report part-*.report.json                              # merged\n";
  return help;
}

int run_report(std::span<char* const> args) {
  static const std::vector<OptionSpec> kSpecs = with_input_options({{"model", true},
                                                                    {"html", true},
                                                                    {"as-of", true},
                                                                    {"json", false},
                                                                    {"output", true},
                                                                    {"strict", false},
                                                                    {"quiet", false},
                                                                    {"help", false}});
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(report_help());
    return kExitOk;
  }
  if (parsed.positional.empty()) throw UsageError("expects touch files or report files (or - for standard input)");
  std::optional<Timestamp> as_of;
  if (auto t = parsed.get("as-of")) as_of = parse_time_option("as-of", *t);
  const std::optional<std::string> output = parsed.get("output");
  if (output && output->empty()) throw UsageError("option \"--output\" needs a file name");
  const bool quiet = parsed.has("quiet");
  const std::optional<std::string> html_path = parsed.get("html");
  if (html_path && html_path->empty()) throw UsageError("option \"--html\" needs a file name");
  HtmlReportOptions html;
  html.generator = "doorway " DOORWAY_CLI_VERSION;
  std::size_t stdin_count = 0;
  for (const std::string& p : parsed.positional) stdin_count += p == "-" ? 1 : 0;
  if (stdin_count > 1) throw UsageError("standard input (-) can be read only once");

  // Sort the inputs: report files are read (and checked) first, so a bad one
  // fails before any touch is run.
  std::vector<std::string> touch_files;
  std::vector<std::pair<std::string, Report>> reports;  // (file, report)
  for (const std::string& path : parsed.positional) {
    const std::string prefix = prefix_of(path);
    if (!looks_like_report_json(prefix)) {
      reject_run_output(path, prefix);
      touch_files.push_back(path);
      continue;
    }
    absl::StatusOr<Report> r = report_from_json(read_all(path), path);
    if (!r.ok()) {
      std::cerr << r.status().message() << '\n';
      throw DataError("\"" + path + "\" is not a valid report");
    }
    reports.emplace_back(path, *std::move(r));
  }

  std::optional<Report> merged;
  if (!touch_files.empty()) {
    const std::shared_ptr<const Model> model = model_from_option(parsed);
    Engine& engine = engine_for_command(model);
    std::vector<std::unique_ptr<TouchInput>> inputs;
    for (const std::string& path : touch_files) {
      inputs.push_back(std::make_unique<TouchInput>(parsed, path, *model));
      if (ingest_input(*inputs.back(), engine, parsed.has("strict"), quiet, "doorway report").stopped) {
        return kExitData;
      }
    }
    advance_after_input(engine, as_of, "doorway report");
    merged = build_report(engine);
    if (html_path) add_engine_sections(engine, html);
    if (!quiet) print_ingest_summary(engine, *inputs.back(), "doorway report");
  } else if (parsed.has("model") || as_of) {
    throw UsageError("--model and --as-of apply to touch files, and every input is a report");
  }
  for (auto& [path, report] : reports) {
    if (!merged) {
      merged = std::move(report);
      continue;
    }
    if (const absl::Status s = merged->merge(report); !s.ok()) {
      throw DataError("\"" + path + "\": " + std::string(s.message()));
    }
  }

  if (html_path) write_html_report(*html_path, *merged, html, quiet ? "" : "doorway report");
  const std::string text = parsed.has("json") ? report_to_json(*merged) : report_to_text(*merged);
  if (output) {
    OutputFile file(*output);
    file.stream() << text;
    file.close();
  } else {
    write_stdout(text);
    flush_stdout();
  }
  return kExitOk;
}

}  // namespace doorway::cli
