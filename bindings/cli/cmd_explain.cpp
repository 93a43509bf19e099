// doorway explain — why a lead stands where it does: its path, each score as the
// sum of its explained contributions, and each way out of its stage with the guard
// clauses that hold or fail and by how much. Human-readable by default; --json
// prints the engine's explanation object.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "cli_ingest.hpp"
#include "cli_input.hpp"
#include "commands.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/engine.hpp"
#include "doorway/explain_json.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::cli {

namespace {

std::string num(double v) {
  if (!std::isfinite(v)) return "n/a";
  std::string out;
  append_json_number(out, v);
  return out;
}

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string day_time(Timestamp t) {
  std::string s = format_iso8601(t);  // 2024-03-01T09:00:00Z
  if (s.size() >= 19) s = s.substr(0, 10) + " " + s.substr(11, 5);
  return s;
}

// What stands between the lead and a transition, in words.
std::string verdict(const TransitionExplanation& t) {
  if (t.holds) return "holds now: the lead moves on at the next touch or tick";
  if (t.needs_touch) {
    bool state_ok = true;
    for (const ClauseResult& c : t.clauses) {
      if (c.actual != "(no touch)" && !c.holds) state_ok = false;
    }
    return state_ok ? "waits for a touch that makes the guard true" : "not yet: needs a touch, and more";
  }
  return "not yet";
}

void explain_text(std::string& out, const Explanation& x) {
  out += "lead " + x.lead_id + ": " + x.stage + " (owned by " + std::string(to_string(x.owner)) + "), as of " +
         format_iso8601(x.as_of) + "\n";
  if (x.sla_deadline) {
    out += "  waiting for sales: the SLA deadline is " + format_iso8601(*x.sla_deadline) + "\n";
  }

  out += "\npath\n";
  if (x.path.empty()) out += "  (still in the entry stage)\n";
  for (const StepExplanation& s : x.path) {
    out += "  " + day_time(s.at) + "  " + pad(s.kind, 14) + pad(s.from + " -> " + s.to, 26) + s.reason + "\n";
  }

  out += "\nscores (each the sum of its contributions: points x decay factor)\n";
  for (const ScoreExplanation& s : x.scores) {
    out += "  " + s.name + " = " + num(s.value);
    if (s.level) out += " (" + std::string(to_string(*s.level)) + ")";
    out += "  [" + s.policy + "]\n";
    if (s.contributions.empty()) out += "    (no contributions)\n";
    for (const Contribution& c : s.contributions) {
      std::string line = "    " + day_time(c.at) + "  " + pad(c.event_id, 8) + " " + pad(c.type, 22) + " ";
      line += pad((c.points >= 0 ? "+" : "") + num(c.points) + " x " + num(c.factor) + " = " + num(c.value()), 26);
      line += c.rule;
      out += line + "\n";
    }
  }

  out += "\nnext (the ways out of " + x.stage + ", in the order they are tried)\n";
  if (x.next.empty()) out += "  none: " + x.stage + " is a final stage\n";
  for (const TransitionExplanation& t : x.next) {
    out += "  -> " + t.to + " via " + t.name + " [priority " + std::to_string(t.priority) + "]: " + verdict(t) + "\n";
    if (!t.guard.empty()) out += "     guard: " + t.guard + "\n";
    for (const ClauseResult& c : t.clauses) {
      std::string line = "       " + std::string(c.holds ? "yes " : "no  ") + pad(c.clause, 34) + " now " + c.actual;
      if (!c.holds && c.gap && *c.gap > 0) line += " (" + num(*c.gap) + " to go)";
      out += line + "\n";
    }
  }
}

}  // namespace

std::string_view explain_help() {
  static const std::string help = std::string(
      "Usage: doorway explain FILE|- --lead ID [--lead ID ...] [--model M] [--as-of T]\n"
      "                      [--json] [--strict] [--quiet] [input options]\n"
      "\n"
      "Runs the touches as `doorway run` does, then explains each lead named by\n"
      "--lead: where it stands and since when; its path (every stage change,\n"
      "handoff, SLA breach and recycle, with its reason); each score as the sum of\n"
      "its contributions (touch, rule, points x decay factor); and, for each way out\n"
      "of its stage, the guard's clauses — which hold, the lead's value now, and how\n"
      "far it is from the threshold (\"engagement >= 40  now 32 (8 to go)\").\n"
      "\n"
      "Options:\n"
      "  --lead ID     the lead to explain (repeatable)\n"
      "  --model M     the model file M instead of the default model\n"
      "  --as-of T     explain as of T (ISO-8601 with an offset, or epoch ms); by\n"
      "                default the latest timestamp in the input\n"
      "  --json        one JSON object per lead instead of text (the same object the\n"
      "                C API's doorway_engine_explain gives)\n"
      "  --strict      stop at the first unreadable or invalid touch, exit code 3\n"
      "  -q, --quiet   no progress and no summary on standard error\n"
      "  -h, --help    show this help\n"
      "\n") + std::string(input_options_help()) +
      "\n"
      "Example:\n"
      "  doorway explain events.jsonl --lead ann\n"
      "  lead ann: nurture (owned by marketing), as of 2026-03-05T00:00:00Z\n"
      "  ...\n"
      "  -> mql via requalified [priority 4]: not yet\n"
      "     guard: touches_in_stage >= 3 and temperature >= warm\n"
      "       no  touches_in_stage >= 3               now 0 (3 to go)\n";
  return help;
}

int run_explain(std::span<char* const> args) {
  static const std::vector<OptionSpec> kSpecs = with_input_options({{"lead", true, true},
                                                                    {"model", true},
                                                                    {"as-of", true},
                                                                    {"json", false},
                                                                    {"strict", false},
                                                                    {"quiet", false},
                                                                    {"help", false}});
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(explain_help());
    return kExitOk;
  }
  const std::string& path = single_input(parsed);
  const std::vector<std::string> leads = parsed.all("lead");
  if (leads.empty()) throw UsageError("needs --lead ID (the lead to explain)");
  for (const std::string& l : leads) {
    if (l.empty()) throw UsageError("option \"--lead\" needs a lead id");
  }
  std::optional<Timestamp> as_of;
  if (auto t = parsed.get("as-of")) as_of = parse_time_option("as-of", *t);
  const bool quiet = parsed.has("quiet");

  const std::shared_ptr<const Model> model = model_from_option(parsed);
  TouchInput input(parsed, path, *model);
  Engine& engine = engine_for_command(model);
  if (ingest_input(input, engine, parsed.has("strict"), quiet, "doorway explain").stopped) return kExitData;
  advance_after_input(engine, as_of, "doorway explain");

  // Every lead must exist before anything is printed.
  for (const std::string& l : leads) {
    if (engine.lead(l)) continue;
    std::string msg = "no lead \"" + l + "\" in " + input.name();
    const std::vector<std::string_view> ids = engine.lead_ids();
    if (auto hint = detail::did_you_mean(l, std::span<const std::string_view>(ids))) {
      msg += " (did you mean \"" + *hint + "\"?)";
    } else {
      msg += " (" + std::to_string(ids.size()) + (ids.size() == 1 ? " lead" : " leads") + " read)";
    }
    throw UsageError(msg);
  }
  std::string out;
  for (std::size_t i = 0; i < leads.size(); ++i) {
    absl::StatusOr<Explanation> x = engine.explain(leads[i]);
    if (!x.ok()) throw RuntimeError(std::string(x.status().message()));
    if (parsed.has("json")) {
      out += explanation_to_json(*x);
      out += '\n';
    } else {
      if (i) out += "\n";
      explain_text(out, *x);
    }
  }
  write_stdout(out);
  flush_stdout();
  if (!quiet) print_ingest_summary(engine, input, "doorway explain");
  return kExitOk;
}

}  // namespace doorway::cli
