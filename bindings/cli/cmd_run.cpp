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
#include "commands.hpp"
#include "doorway/engine.hpp"
#include "doorway/timestamp.hpp"
#include "doorway/touch_reader.hpp"

namespace doorway::cli {

namespace {

constexpr std::size_t kBatch = 4096;

void append_lead(std::string& out, const LeadView& v) {
  out += "{\"lead_id\":";
  append_json_string(out, v.lead_id);
  if (!v.account_id.empty()) {
    out += ",\"account_id\":";
    append_json_string(out, v.account_id);
  }
  out += ",\"stage\":";
  append_json_string(out, v.stage_name);
  out += ",\"owner\":";
  append_json_string(out, to_string(v.owner));
  if (v.temperature) {
    out += ",\"temperature\":";
    append_json_string(out, to_string(*v.temperature));
  }
  out += ",\"scores\":{";
  for (std::size_t i = 0; i < v.scores.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, v.scores[i].first);
    out += ':';
    append_json_number(out, v.scores[i].second);
  }
  out += "},\"touches\":{\"marketing\":";
  append_json_integer(out, v.marketing_touches);
  out += ",\"sales\":";
  append_json_integer(out, v.sales_touches);
  out += ",\"total\":";
  append_json_integer(out, v.touches);
  out += "},\"entered_stage_at\":";
  append_json_string(out, format_iso8601(v.entered_stage_at));
  if (v.sla_deadline) {
    out += ",\"sla_deadline\":";
    append_json_string(out, format_iso8601(*v.sla_deadline));
  }
  out += "}\n";
}

void append_event(std::string& out, const EventView& e) {
  out += "{\"kind\":";
  append_json_string(out, to_string(e.kind));
  out += ",\"lead_id\":";
  append_json_string(out, e.lead_id);
  out += ",\"at\":";
  append_json_string(out, format_iso8601(e.at));
  out += ",\"from\":";
  append_json_string(out, e.from);
  out += ",\"to\":";
  append_json_string(out, e.to);
  out += ",\"reason\":";
  append_json_string(out, e.reason);
  if (e.deadline) {
    out += ",\"deadline\":";
    append_json_string(out, format_iso8601(*e.deadline));
  }
  out += "}\n";
}

}  // namespace

std::string_view run_help() {
  return "Usage: doorway run FILE|- [--model M] [--as-of T] [--events OUT] [--strict]\n"
         "\n"
         "Runs touches (JSON Lines; `-` reads standard input) through the default model\n"
         "(or the model file M) and writes one JSON object per lead, sorted by lead_id:\n"
         "  lead_id, stage, owner, temperature, scores {name: value}, touches\n"
         "  {marketing, sales, total}, entered_stage_at, and sla_deadline while the\n"
         "  lead waits for sales in an SLA stage (account_id too, when known).\n"
         "After the input the clock advances to T (by default the latest timestamp\n"
         "seen), so SLA deadlines up to then have fired.\n"
         "\n"
         "Touch fields: event_id, lead_id, timestamp (ISO-8601 with an offset, or epoch\n"
         "milliseconds), type, channel, audience, interaction, initiator, team, value,\n"
         "outcome, account_id, properties, traits; Segment names (messageId, userId,\n"
         "anonymousId, event, context.groupId) are accepted too.\n"
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
         "  -h, --help    show this help\n"
         "\n"
         "Example:\n"
         "  printf '%s\\n' \\\n"
         "    '{\"event_id\":\"e1\",\"lead_id\":\"ada\",\"timestamp\":\"2024-03-01T09:00:00Z\",\"type\":\"demo_request\"}' \\\n"
         "    | doorway run - --as-of 2024-03-02T09:00:00Z\n"
         "  {\"lead_id\":\"ada\",\"stage\":\"sal\",\"owner\":\"sales\",...,\"sla_deadline\":\"2024-03-03T09:00:00Z\"}\n"
         "  doorway model --default > my-model.json   # edit it, then:\n"
         "  doorway run events.jsonl --model my-model.json\n";
}

int run_run(std::span<char* const> args) {
  static constexpr OptionSpec kSpecs[] = {
      {"as-of", true}, {"events", true}, {"model", true}, {"strict", false}, {"help", false}};
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(run_help());
    return kExitOk;
  }
  const std::string& path = single_input(parsed);
  const bool strict = parsed.has("strict");
  std::optional<Timestamp> as_of;
  if (auto t = parsed.get("as-of")) as_of = parse_time_option("as-of", *t);
  std::optional<std::string> events_path = parsed.get("events");
  if (events_path && events_path->empty()) throw UsageError("option \"--events\" needs a file name");

  // Load the model first: an invalid model stops the run before any input is read.
  const std::shared_ptr<const Model> model = model_from_option(parsed);
  Input input(path);
  // Open the events file before the work, so a bad path fails fast.
  std::optional<OutputFile> events_file;
  if (events_path) events_file.emplace(*events_path);

  Engine engine(model);
  TouchReader reader(input.stream(), input.name());
  std::vector<OwnedTouch> batch(kBatch);
  std::vector<Touch> views;
  views.reserve(kBatch);
  std::size_t filled = 0;
  bool stop = false;

  // Diagnostics of the current batch, printed in line order once it is ingested.
  struct Diagnostic {
    std::uint64_t line;
    std::string text;
    bool bad;  // unreadable or invalid: stops a --strict run
  };
  std::vector<Diagnostic> diagnostics;

  auto ingest = [&] {
    views.clear();
    for (std::size_t i = 0; i < filled; ++i) views.push_back(batch[i].view());
    const IngestResult r = engine.ingest(views);
    for (const Rejection& rej : r.rejections) {
      const std::uint64_t line = batch[rej.index].source_line;
      diagnostics.push_back({line,
                             input.name() + ":" + std::to_string(line) + ": " + std::string(to_string(rej.kind)) +
                                 ": " + rej.reason,
                             rej.kind == RejectKind::invalid});
    }
    filled = 0;
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    for (const Diagnostic& d : diagnostics) {
      std::cerr << d.text << '\n';
      if (strict && d.bad) {
        stop = true;
        break;
      }
    }
    diagnostics.clear();
  };

  ReadError error;
  for (ReadStatus s; !stop && (s = reader.next(batch[filled], error)) != ReadStatus::end;) {
    if (s == ReadStatus::error) {
      diagnostics.push_back({error.line, error.message(), true});
      if (strict) ingest();
      continue;
    }
    if (++filled == kBatch) ingest();
  }
  if (!stop) ingest();
  if (stop) {
    std::cerr << "doorway run: stopped at the first bad line (--strict)\n";
    return kExitData;
  }
  if (reader.stream_failed()) throw RuntimeError("error reading \"" + input.name() + "\"");

  if (engine.lead_count() > 0) {
    const Timestamp latest = engine.watermark();
    if (as_of && *as_of < latest) {
      std::cerr << "doorway run: --as-of " << format_iso8601(*as_of) << " is before the latest touch ("
                << format_iso8601(latest) << "); reading the leads as of the latest touch\n";
    }
    engine.advance(as_of.value_or(latest));
  } else if (as_of) {
    engine.advance(*as_of);
  }

  std::string out;
  for (std::string_view id : engine.lead_ids()) {
    if (auto v = engine.lead(id)) append_lead(out, *v);
    if (out.size() > (1u << 16)) {
      write_stdout(out);
      out.clear();
    }
  }
  write_stdout(out);
  flush_stdout();

  if (events_file) {
    std::string text;
    for (const EventView& e : engine.events()) append_event(text, e);
    events_file->stream() << text;
    events_file->close();
  }

  const IngestStats& st = engine.stats();
  std::cerr << "doorway run: accepted " << st.accepted << ", duplicate " << st.duplicate << ", late "
            << st.late << ", invalid " << st.invalid + reader.errors() << " (" << engine.lead_count()
            << (engine.lead_count() == 1 ? " lead" : " leads");
  if (engine.lead_count() > 0) std::cerr << " as of " << format_iso8601(engine.now());
  std::cerr << ")\n";
  return kExitOk;
}

}  // namespace doorway::cli
