// doorway generate — the seeded synthetic journey stream as canonical JSON Lines:
// for demos, tests and benchmarks (10 million touches and more, streamed).
#include <charconv>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "cli_progress.hpp"
#include "commands.hpp"
#include "doorway/classify.hpp"
#include "doorway/default_model.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/generate.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::cli {

namespace {

constexpr std::uint64_t kMaxLeads = 1'000'000'000;
constexpr std::uint64_t kMaxTouches = 100'000'000'000ULL;

// "organic_search=50,paid_search=30": weights over the web sources; those not
// named get 0.
std::array<std::uint32_t, kWebSourceCount> parse_channel_mix(std::string_view text) {
  std::array<std::uint32_t, kWebSourceCount> w{};
  std::uint64_t total = 0;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto eq = item.find('=');
    const std::string_view name = item.substr(0, eq);
    std::size_t index = kWebSourceCount;
    for (std::size_t i = 0; i < kWebSourceCount; ++i) {
      if (kWebSourceNames[i] == name) index = i;
    }
    if (index == kWebSourceCount) {
      std::string msg = "option \"--channel-mix\": unknown channel \"" + std::string(name) + "\"";
      if (auto hint = detail::did_you_mean(name, kWebSourceNames)) msg += " (did you mean \"" + *hint + "\"?)";
      msg += "; the web sources are organic_search, direct, paid_search, organic_social, email, referral";
      throw UsageError(msg);
    }
    std::uint32_t v = 0;
    const std::string_view num = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    const auto r = std::from_chars(num.data(), num.data() + num.size(), v);
    if (num.empty() || r.ec != std::errc{} || r.ptr != num.data() + num.size() || v > 1'000'000) {
      throw UsageError("option \"--channel-mix\": \"" + std::string(item) +
                       "\" is not CHANNEL=WEIGHT (a whole number up to 1000000)");
    }
    w[index] = v;
    total += v;
  }
  if (total == 0) throw UsageError("option \"--channel-mix\" needs at least one positive weight");
  return w;
}

}  // namespace

std::string_view generate_help() {
  return "Usage: doorway generate [--leads N] [--touches N] [--seed S] [--channel-mix MIX]\n"
         "                        [--sales-share P] [--start T] [--output FILE] [--quiet]\n"
         "\n"
         "Writes a seeded, realistic synthetic stream of touches as canonical JSON Lines\n"
         "(sorted by time; `doorway run` reads it back). Each lead follows one persona\n"
         "drawn from the seeds: browsers and engaged readers (marketing only), inbound\n"
         "leads who warm up on 3-5 marketing touches and knock on the door, talk to\n"
         "sales within the 48 h SLA and win or lose, ignored ones whose SLA passes and\n"
         "who are recycled to nurture, rejected ones, outbound cold calls and visits,\n"
         "marketing-closed purchases from a sales letter with no conversation, and\n"
         "disqualified ones; some customers become advocates. The same options give\n"
         "the same bytes. A summary (touches, leads, personas, the share of touches\n"
         "classified sales) goes to standard error.\n"
         "\n"
         "Options:\n"
         "  --leads N          number of leads (default 3000; with --touches alone,\n"
         "                     enough leads for N touches)\n"
         "  --touches N        stop after N touches (the stream is cut in time order)\n"
         "  --seed S           random seed (default 1)\n"
         "  --channel-mix MIX  where web traffic comes from, as weights:\n"
         "                     organic_search=35,direct=20,paid_search=15,\n"
         "                     organic_social=10,email=10,referral=10 (the default);\n"
         "                     sources left out get none\n"
         "  --sales-share P    percent of leads whose journey reaches sales (default 49;\n"
         "                     0 gives marketing only); the share of sales touches\n"
         "                     follows it\n"
         "  --start T          when the first lead arrives (default 2024-01-01T00:00:00Z)\n"
         "  --output FILE      write to FILE instead of standard output\n"
         "  -q, --quiet        no progress and no summary on standard error\n"
         "  -h, --help         show this help\n"
         "\n"
         "Examples:\n"
         "  doorway generate --leads 1000 --seed 7 > touches.jsonl\n"
         "  doorway generate --touches 10000000 --output bench.jsonl   # ~1.5 GB\n"
         "  doorway generate --leads 500 --sales-share 80 --channel-mix paid_search=1 | doorway run -\n";
}

int run_generate(std::span<char* const> args) {
  static constexpr OptionSpec kSpecs[] = {{"leads", true},   {"touches", true},     {"seed", true},
                                          {"channel-mix", true}, {"sales-share", true}, {"start", true},
                                          {"output", true},  {"quiet", false},      {"help", false}};
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(generate_help());
    return kExitOk;
  }
  if (!parsed.positional.empty()) throw UsageError("takes no arguments, got \"" + parsed.positional[0] + "\"");
  GenerateOptions options;
  options.leads = 3000;
  if (auto v = parsed.get("touches")) {
    options.max_touches = parse_count("touches", *v, kMaxTouches);
    // About 5 touches a lead: enough leads that the cut comes before they run out.
    if (!parsed.has("leads")) options.leads = std::max<std::uint64_t>(1, options.max_touches / 4);
  }
  if (auto v = parsed.get("leads")) options.leads = parse_count("leads", *v, kMaxLeads);
  if (auto v = parsed.get("seed")) options.seed = *v == "0" ? 0 : parse_count("seed", *v, UINT64_MAX);
  if (auto v = parsed.get("channel-mix")) options.web_source_weights = parse_channel_mix(*v);
  if (auto v = parsed.get("sales-share")) {
    const std::uint64_t p = *v == "0" ? 0 : parse_count("sales-share", *v, 100);
    set_sales_share(options, static_cast<unsigned>(p));
  }
  if (auto v = parsed.get("start")) options.start = parse_time_option("start", *v);
  const bool quiet = parsed.has("quiet");
  std::optional<OutputFile> file;
  if (auto o = parsed.get("output")) {
    if (o->empty()) throw UsageError("option \"--output\" needs a file name");
    file.emplace(*o);
  }

  const std::shared_ptr<const Model> model = default_model();
  JourneyGenerator generator(options);
  Progress progress("doorway generate", Progress::wanted(quiet));
  OwnedTouch t;
  std::string out;
  std::uint64_t sales = 0;
  auto flush = [&] {
    if (file) {
      file->stream().write(out.data(), static_cast<std::streamsize>(out.size()));
    } else {
      write_stdout(out);
    }
    out.clear();
  };
  while (generator.next(t)) {
    append_touch_json(out, t);
    out += '\n';
    if (classify(model->catalog(), t.view()).team == Team::sales) ++sales;
    progress.tick(generator.touches_generated(), 0);
    if (out.size() >= (1u << 20)) flush();
  }
  flush();
  progress.finish();
  if (file) {
    file->close();
  } else {
    flush_stdout();
  }
  if (!quiet) {
    const std::uint64_t n = generator.touches_generated();
    std::uint64_t leads = 0;
    for (std::uint64_t c : generator.personas()) leads += c;
    std::cerr << "doorway generate: " << n << (n == 1 ? " touch" : " touches") << ", " << leads
              << (leads == 1 ? " lead" : " leads") << " (seed " << options.seed << "), "
              << (n ? (sales * 1000 / n) / 10.0 : 0.0) << "% of touches classified sales\n";
    std::cerr << "personas:";
    for (std::size_t p = 0; p < kPersonaCount; ++p) {
      std::cerr << (p ? ", " : " ") << to_string(static_cast<Persona>(p)) << " " << generator.personas()[p];
    }
    std::cerr << "\n";
  }
  return kExitOk;
}

}  // namespace doorway::cli
