// doorway demo — generates a seeded synthetic journey stream, runs it through the
// default model and prints the funnel.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "cli_html.hpp"
#include "commands.hpp"
#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "doorway/report/report.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::cli {

namespace {

constexpr std::uint64_t kDefaultLeads = 3000;
constexpr std::uint64_t kDefaultSeed = 1;
constexpr std::uint64_t kMaxLeads = 100'000'000;
constexpr std::size_t kBatch = 4096;
constexpr Duration kToday = 14 * kDay;

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  std::string out;
  if (s.size() < width) out.append(width - s.size(), ' ');
  out += s;
  return out;
}

}  // namespace

std::string_view demo_help() {
  return "Usage: doorway demo [--leads N] [--seed S] [--html FILE]\n"
         "\n"
         "Generates a seeded, realistic synthetic stream of touches (browsers, leads\n"
         "who warm up and knock on the door, sales conversations, proposals, won and\n"
         "lost deals, ignored handoffs that breach the 48 h SLA and are recycled,\n"
         "rejected leads, outbound cold calls, purchases from a sales letter with no\n"
         "conversation, reviews and referrals), runs it through the default model, and\n"
         "prints the funnel: leads per stage now and ever, handoffs, SLA breaches,\n"
         "recycles and customers. The same --leads and --seed print the same table.\n"
         "It also writes the HTML report of the run (funnel, stage flow, findings,\n"
         "handoff ledger, why leads wait, attribution; one self-contained file) and\n"
         "prints its path.\n"
         "\n"
         "Options:\n"
         "  --leads N   number of leads (default 3000)\n"
         "  --seed S    random seed (default 1)\n"
         "  --html FILE where to write the HTML report (default doorway-demo.html)\n"
         "  -h, --help  show this help\n"
         "\n"
         "Example:\n"
         "  doorway demo --leads 10000 --seed 7\n";
}

int run_demo(std::span<char* const> args) {
  static constexpr OptionSpec kSpecs[] = {{"leads", true}, {"seed", true}, {"html", true}, {"help", false}};
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(demo_help());
    return kExitOk;
  }
  if (!parsed.positional.empty()) {
    throw UsageError("takes no arguments, got \"" + parsed.positional[0] + "\"");
  }
  GenerateOptions options;
  options.leads = kDefaultLeads;
  options.seed = kDefaultSeed;
  if (auto v = parsed.get("leads")) options.leads = parse_count("leads", *v, kMaxLeads);
  if (auto v = parsed.get("seed")) {
    // Any 64-bit value, 0 included.
    options.seed = *v == "0" ? 0 : parse_count("seed", *v, UINT64_MAX);
  }
  // "Today" is two weeks after the arrivals end: the latest leads are mid-journey.
  options.end = options.start + options.arrival_window + kToday;

  // Generate and ingest in batches, streaming.
  Engine engine(default_model());
  JourneyGenerator generator(options);
  std::vector<OwnedTouch> batch(kBatch);
  std::vector<Touch> views;
  views.reserve(kBatch);
  Timestamp first = kNever;
  Timestamp last = 0;
  for (;;) {
    std::size_t n = 0;
    while (n < kBatch && generator.next(batch[n])) {
      first = std::min(first, batch[n].timestamp);
      last = std::max(last, batch[n].timestamp);
      ++n;
    }
    if (n == 0) break;
    views.clear();
    for (std::size_t i = 0; i < n; ++i) views.push_back(batch[i].view());
    engine.ingest(views);
    if (n < kBatch) break;
  }
  engine.advance(last);

  // Tally the funnel.
  const Model& model = engine.model();
  const Journey& journey = model.journey();
  const std::size_t stages = journey.stage_count();
  std::vector<std::uint64_t> now(stages, 0);
  std::vector<std::uint64_t> ever(stages, 0);
  std::vector<bool> reached(stages, false);
  std::uint64_t handoffs = 0, breaches = 0, recycles = 0, customers = 0, marketing_closed = 0;
  std::uint64_t marketing_touches = 0, sales_touches = 0;
  for (std::string_view id : engine.lead_ids()) {
    const auto v = engine.lead(id);
    if (!v) continue;
    ++now[v->stage];
    marketing_touches += v->marketing_touches;
    sales_touches += v->sales_touches;
    std::fill(reached.begin(), reached.end(), false);
    reached[journey.entry()] = true;
    for (const EventView& e : engine.events(id)) {
      switch (e.kind) {
        case EventKind::handoff: ++handoffs; break;
        case EventKind::sla_breached: ++breaches; break;
        case EventKind::recycled: ++recycles; break;
        default: break;
      }
      if (auto to = journey.find_stage(e.to)) reached[*to] = true;
    }
    bool won = false;
    for (std::size_t s = 0; s < stages; ++s) {
      if (!reached[s]) continue;
      ++ever[s];
      if (journey.stage(static_cast<StageId>(s)).kind == StageKind::won) won = true;
    }
    if (won) {
      ++customers;
      if (v->sales_touches == 0) ++marketing_closed;
    }
  }
  const std::uint64_t leads = engine.lead_count();

  std::string out;
  out += "doorway demo: " + std::to_string(leads) + " synthetic leads (seed " + std::to_string(options.seed) +
         "), " + std::to_string(generator.touches_generated()) + " touches";
  if (first != kNever) {
    out += ", " + format_iso8601(first).substr(0, 10) + " to " + format_iso8601(last).substr(0, 10);
  }
  out += "\n\n";
  out += pad("stage", 14) + pad("owner", 11) + pad_left("now", 8) + pad_left("ever reached", 14) +
         pad_left("% of leads", 12) + "\n";
  for (std::size_t s = 0; s < stages; ++s) {
    const Stage& st = journey.stage(static_cast<StageId>(s));
    out += pad(st.id, 14) + pad(to_string(st.owner), 11) + pad_left(std::to_string(now[s]), 8) +
           pad_left(std::to_string(ever[s]), 14) + pad_left(percent(ever[s], leads), 12) + "\n";
  }
  out += pad("total", 25) + pad_left(std::to_string(leads), 8) + "\n\n";

  auto line = [&out](std::string_view label, std::uint64_t n, std::string note = {}) {
    out += pad(label, 40) + pad_left(std::to_string(n), 8);
    if (!note.empty()) out += "  " + note;
    out += "\n";
  };
  line("handoffs (marketing -> sales)", handoffs);
  line("SLA breaches (no sales answer in time)", breaches);
  line("recycles (sales -> nurture)", recycles);
  line("customers", customers, percent(customers, leads) + " of leads");
  line("  marketing-closed (no sales touch)", marketing_closed, percent(marketing_closed, customers) + " of customers");
  line("touches classified marketing", marketing_touches);
  line("touches classified sales", sales_touches);
  out += "\n";

  const IngestStats& st = engine.stats();
  out += "ingest: accepted " + std::to_string(st.accepted) + ", duplicate " + std::to_string(st.duplicate) +
         ", late " + std::to_string(st.late) + ", invalid " + std::to_string(st.invalid) + ", replays " +
         std::to_string(st.replays) + "\n";
  out += "personas:";
  for (std::size_t p = 0; p < kPersonaCount; ++p) {
    out += (p ? ", " : " ") + std::string(to_string(static_cast<Persona>(p))) + " " +
           std::to_string(generator.personas()[p]);
  }
  out += "\n";
  const std::string html_path = parsed.get("html").value_or("doorway-demo.html");
  if (html_path.empty()) throw UsageError("option \"--html\" needs a file name");
  HtmlReportOptions html;
  html.generator = "doorway " DOORWAY_CLI_VERSION;
  add_engine_sections(engine, html);
  write_html_report(html_path, build_report(engine), html, {});
  out += "HTML report: " + html_path + "\n";
  write_stdout(out);
  return kExitOk;
}

}  // namespace doorway::cli
