// doorway run — JSON Lines touches through a model (the default one, or a model
// file with --model); one JSON line per
// lead out (stage, owner, temperature, scores, touch counts, SLA deadline), and
// optionally the event log.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "cli_ingest.hpp"
#include "cli_input.hpp"
#include "commands.hpp"
#include "run_lines.hpp"
#include "doorway/engine.hpp"
#include "doorway/timestamp.hpp"
#include "doorway/touch_reader.hpp"

namespace doorway::cli {

std::string_view run_help() {
  static const std::string help = std::string(
      "Usage: doorway run FILE|- [--model M] [--as-of T] [--events OUT] [--strict]\n"
      "                  [--quiet] [input options]\n"
      "\n"
      "Runs touches (JSON Lines, Segment events or CSV; `-` reads standard input;\n"
      ".gz is read transparently) through the default model (or the model file M)\n"
      "and writes one JSON object per lead, sorted by lead_id:\n"
      "  lead_id, stage, owner, temperature, scores {name: value}, touches\n"
      "  {marketing, sales, total}, entered_stage_at, and sla_deadline while the\n"
      "  lead waits for sales in an SLA stage (account_id too, when known).\n"
      "After the input the clock advances to T (by default the latest timestamp\n"
      "seen), so SLA deadlines up to then have fired.\n"
      "\n"
      "Touch fields: event_id, lead_id, timestamp (ISO-8601 with an offset, or epoch\n"
      "milliseconds), type, channel, audience, interaction, initiator, team, value,\n"
      "outcome, account_id, properties, traits, utm_source/medium/campaign; Segment\n"
      "events (messageId, userId, anonymousId, type track/page, event \"Demo\n"
      "Requested\", context.campaign, context.groupId) are read as they come. A touch\n"
      "with campaign data but no channel gets one from the GA4 channel rules.\n"
      "\n"
      "Lines that cannot be read, and touches the engine rejects (invalid, duplicate\n"
      "event_id, later than the late window) are reported on standard error as\n"
      "FILE:LINE: what; a summary line follows at the end.\n"
      "\n"
      "Options:\n"
      "  --model M     run the model file M instead of the default model (an invalid\n"
      "                model's problems are listed and the exit code is 3; see\n"
      "                `doorway model --default` and `doorway validate`)\n"
      "  --as-of T     advance the clock to T (ISO-8601 with an offset, or epoch ms)\n"
      "  --events OUT  write the event log (stage_changed, handoff, sla_breached,\n"
      "                recycled) to OUT as JSON Lines\n"
      "  --strict      stop at the first unreadable or invalid touch, exit code 3\n"
      "  -q, --quiet   no progress line and no summary on standard error\n"
      "  -h, --help    show this help\n"
      "\n") + std::string(input_options_help()) +
      "\n"
      "Examples:\n"
      "  printf '%s\\n' \\\n"
      "    '{\"event_id\":\"e1\",\"lead_id\":\"ada\",\"timestamp\":\"2024-03-01T09:00:00Z\",\"type\":\"demo_request\"}' \\\n"
      "    | doorway run - --as-of 2024-03-02T09:00:00Z\n"
      "  {\"lead_id\":\"ada\",\"stage\":\"sal\",\"owner\":\"sales\",...,\"sla_deadline\":\"2024-03-03T09:00:00Z\"}\n"
      "  doorway run crm-export.csv.gz --map crm-map.json > leads.jsonl\n"
      "  doorway run segment-events.jsonl --events events.jsonl > leads.jsonl\n";
  return help;
}

int run_run(std::span<char* const> args) {
  static const std::vector<OptionSpec> kSpecs = with_input_options(
      {{"as-of", true}, {"events", true}, {"model", true}, {"strict", false}, {"quiet", false}, {"help", false}});
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(run_help());
    return kExitOk;
  }
  const std::string& path = single_input(parsed);
  const bool strict = parsed.has("strict");
  const bool quiet = parsed.has("quiet");
  std::optional<Timestamp> as_of;
  if (auto t = parsed.get("as-of")) as_of = parse_time_option("as-of", *t);
  std::optional<std::string> events_path = parsed.get("events");
  if (events_path && events_path->empty()) throw UsageError("option \"--events\" needs a file name");

  // Load the model first: an invalid model stops the run before any input is read.
  const std::shared_ptr<const Model> model = model_from_option(parsed);
  TouchInput input(parsed, path, *model);
  // Open the events file before the work, so a bad path fails fast.
  std::optional<OutputFile> events_file;
  if (events_path) events_file.emplace(*events_path);

  Engine& engine = engine_for_command(model);
  if (ingest_input(input, engine, strict, quiet, "doorway run").stopped) return kExitData;
  advance_after_input(engine, as_of, "doorway run");

  // One buffer for all the lines, handed on every 64 KiB and written over again.
  std::string buffer;
  detail::JsonWriter out(buffer);
  engine.for_each_lead([&](const LeadView& v) {
    write_lead(out, v);
    if (out.text().size() > (1u << 16)) {
      write_stdout(out.text());
      out.clear();
    }
  });
  write_stdout(out.text());
  flush_stdout();

  if (events_file) {
    out.clear();
    for (const EventView& e : engine.events()) write_event(out, e);
    events_file->stream() << out.text();
    events_file->close();
  }

  if (!quiet) print_ingest_summary(engine, input, "doorway run");
  return kExitOk;
}

}  // namespace doorway::cli
