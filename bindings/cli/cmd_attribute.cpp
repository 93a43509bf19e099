// doorway attribute — multi-touch attribution over a path file or over the
// journeys of touches run through a model (doorway/report/attribution.hpp has each
// model's semantics). A text table by default, the library's JSON with --json.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli_common.hpp"
#include "cli_ingest.hpp"
#include "cli_input.hpp"
#include "commands.hpp"
#include "doorway/engine.hpp"
#include "doorway/report/attribution.hpp"
#include "doorway/report/journeys.hpp"
#include "doorway/report/path_file.hpp"

namespace doorway::cli {

namespace {

// "7d", "12h", "90m", "3600s": a positive number and a unit.
Duration parse_half_life(std::string_view text) {
  const auto bad = [&] {
    return UsageError("option \"--half-life\": \"" + std::string(text) +
                      "\" is not a duration such as 7d, 12h, 90m or 3600s");
  };
  if (text.size() < 2) throw bad();
  const char unit = text.back();
  const Duration scale = unit == 'd' ? kDay : unit == 'h' ? kHour : unit == 'm' ? kMinute : unit == 's' ? kSecond : 0;
  if (scale == 0) throw bad();
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size() - 1, v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() - 1 || !(v > 0) || v > 1e6) throw bad();
  return static_cast<Duration>(v * static_cast<double>(scale));
}

double parse_positive(std::string_view option, std::string_view text) {
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !(v > 0) || v > 1e9) {
    throw UsageError("option \"--" + std::string(option) + "\": \"" + std::string(text) +
                     "\" is not a number > 0");
  }
  return v;
}

std::uint64_t parse_seed(std::string_view text) {
  std::uint64_t v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
    throw UsageError("option \"--seed\": \"" + std::string(text) + "\" is not a whole number");
  }
  return v;
}

// Whether FILE is a path file: --paths / --touches decide; else the first
// non-blank, non-comment line is read: '{' first means JSON Lines touches, a ';'
// and no ',' a path file, anything else touches (CSV). Standard input and .gz
// files are touches unless --paths says otherwise.
bool is_path_file(const ParsedArgs& parsed, const std::string& path) {
  if (parsed.has("paths") && parsed.has("touches")) throw UsageError("--paths and --touches exclude each other");
  if (parsed.has("paths")) return true;
  if (parsed.has("touches") || path == "-" || path.ends_with(".gz")) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuntimeError("cannot open \"" + path + "\"");
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l(line);
    if (l.starts_with("\xEF\xBB\xBF")) l.remove_prefix(3);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t' || l.front() == '\r')) l.remove_prefix(1);
    if (l.empty() || l.front() == '#') continue;
    if (l.front() == '{') return false;
    return l.find(';') != std::string_view::npos && l.find(',') == std::string_view::npos;
  }
  return true;  // empty: an empty path file
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v == 0 ? 0.0 : v);
  return buf;
}

std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}
std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string table(const Attribution& a, const AttributionOptions& o) {
  std::string out(to_string(a.model));
  out += " attribution";
  if (a.model == AttributionModel::markov) {
    out += " (order " + std::to_string(a.order) + (o.include_nulls ? "" : ", without nulls") + ")";
  } else if (a.model == AttributionModel::shapley) {
    out += a.sampled ? " (sampled: " + std::to_string(a.samples) + " orders, seed " + std::to_string(o.seed) + ")"
                     : std::string(" (exact)");
  }
  out += ": " + std::to_string(a.journeys) + (a.journeys == 1 ? " journey, " : " journeys, ") +
         std::to_string(a.touches) + (a.touches == 1 ? " touch, " : " touches, ") + fixed(a.total_conversions, 4) +
         " conversions, value " + fixed(a.total_value, 4) + ", " + fixed(a.total_nulls, 4) + " nulls\n";
  std::size_t width = 7;
  for (const ChannelCredit& c : a.channels) width = std::max(width, c.channel.size());
  const bool markov = a.model == AttributionModel::markov;
  const bool sampled = a.model == AttributionModel::shapley && a.sampled;
  out += pad_right("channel", width) + "  conversions    share        value";
  if (markov) out += "  removal_effect";
  if (sampled) out += "  std_error";
  out += '\n';
  for (const ChannelCredit& c : a.channels) {
    out += pad_right(c.channel, width);
    out += "  " + pad_left(fixed(c.conversions, 4), 11);
    out += "  " + pad_left(a.total_conversions > 0 ? fixed(100 * c.conversions / a.total_conversions, 2) + "%"
                                                   : std::string("-"),
                           7);
    out += "  " + pad_left(fixed(c.value, 4), 11);
    if (markov) out += "  " + pad_left(fixed(c.removal_effect, 4), 14);
    if (sampled) out += "  " + pad_left(fixed(c.conversions_std_error, 4), 9);
    out += '\n';
  }
  return out;
}

}  // namespace

std::string_view attribute_help() {
  static const std::string help =
      std::string(
          "Usage: doorway attribute FILE|- [--model NAME] [--order K] [--stage S] [--json] ...\n"
          "\n"
          "Credits each channel with a share of the conversions and of the conversion\n"
          "value. FILE is either a path file (one journey per line,\n"
          "`channel > channel > channel;conversions;value;nulls`, header optional: the\n"
          "layout of existing attribution packages) or touches (JSON Lines or CSV), run\n"
          "through the default model (or --model-file): a lead's journey is its contact\n"
          "touches up to its first entry into the conversion stage; a lead that never\n"
          "entered it is a null. FILE is read as touches when its first line starts with\n"
          "`{` or has no `;` (or has a `,`); --paths and --touches decide otherwise.\n"
          "Standard input (-) is read as touches unless --paths is given.\n"
          "\n"
          "Models (README \"Attribution\" has their exact rules): first_touch (first),\n"
          "last_touch (last), linear, linear_distinct, time_decay, position_decay,\n"
          "u_shaped (u), w_shaped (w), full_path (z), markov (exact removal effect of\n"
          "order K), shapley (exact up to --max-exact channels, else sampled).\n"
          "\n"
          "Output: a table (channel, conversions, share of conversions, value; the\n"
          "removal effect for markov, the standard error for sampled shapley), channels\n"
          "by name; --json writes the library's JSON object instead.\n"
          "\n"
          "Options:\n"
          "  --model NAME            the attribution model (default markov)\n"
          "  --order K               markov: 1 .. 8 (default 1)\n"
          "  --no-nulls              markov: leave non-converting journeys out\n"
          "  --keep-repeats          markov: do not collapse repeated channels (a > a)\n"
          "  --half-life D           time_decay: 7d (default), 12h, 90m, 3600s\n"
          "  --position-half-life N  position_decay: in touches (default 1)\n"
          "  --max-exact N           shapley: exact up to N channels (default 15, at most 20)\n"
          "  --samples N             shapley, sampled: random orders (default 1000)\n"
          "  --seed N                shapley, sampled: (default 1)\n"
          "  --stage S               touches: the conversion stage (default customer)\n"
          "  --opportunity-stage S   touches: the W and full-path anchor (default opportunity)\n"
          "  --model-file M          touches: run the model file M (default: the built-in)\n"
          "  --as-of T               touches: advance the clock to T after the input\n"
          "  --export-paths OUT      also write the journeys to OUT as a path file\n"
          "  --paths, --touches      how to read FILE (default: by its first line)\n"
          "  --json                  write JSON instead of the table\n"
          "  --strict                touches: stop at the first bad line (exit code 3)\n"
          "  --quiet                 touches: no progress or summary on standard error\n"
          "  -h, --help              show this help\n"
          "\n") +
      std::string(input_options_help()) +
      "\n"
      "Example:\n"
      "  printf 'a > b;3;30;1\\na > c;1;20;1\\n' > paths.csv\n"
      "  doorway attribute paths.csv --model markov\n"
      "  markov attribution (order 1): 2 journeys, 4 touches, 4.0000 conversions, value 50.0000, 2.0000 nulls\n"
      "  channel  conversions    share        value  removal_effect\n"
      "  a             2.0000   50.00%      25.0000          1.0000\n"
      "  b             1.5000   37.50%      15.0000          0.7500\n"
      "  c             0.5000   12.50%      10.0000          0.2500\n"
      "  doorway attribute events.jsonl --model w --stage customer --export-paths paths.csv\n"
      "  doorway attribute paths.csv --model markov --order 2 --json\n";
  return help;
}

int run_attribute(std::span<char* const> args) {
  static const std::vector<OptionSpec> kSpecs = with_input_options(
      {{"model", true},        {"order", true},     {"no-nulls", false},       {"keep-repeats", false},
       {"half-life", true},    {"position-half-life", true}, {"max-exact", true}, {"samples", true},
       {"seed", true},         {"stage", true},     {"opportunity-stage", true}, {"model-file", true},
       {"as-of", true},        {"export-paths", true}, {"paths", false},        {"touches", false},
       {"json", false},        {"strict", false},   {"quiet", false},          {"help", false}});
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(attribute_help());
    return kExitOk;
  }
  const std::string& path = single_input(parsed);

  AttributionOptions o;
  if (auto m = parsed.get("model")) {
    absl::StatusOr<AttributionModel> model = parse_attribution_model(*m);
    if (!model.ok()) throw UsageError("option \"--model\": " + std::string(model.status().message()));
    o.model = *model;
  }
  if (auto v = parsed.get("order")) o.order = static_cast<int>(parse_count("order", *v, kMaxMarkovOrder));
  o.include_nulls = !parsed.has("no-nulls");
  o.collapse_repeats = !parsed.has("keep-repeats");
  if (auto v = parsed.get("half-life")) o.half_life = parse_half_life(*v);
  if (auto v = parsed.get("position-half-life")) o.position_half_life = parse_positive("position-half-life", *v);
  if (auto v = parsed.get("max-exact")) {
    o.max_exact_channels = static_cast<int>(parse_count("max-exact", *v, kMaxExactShapleyChannels));
  }
  if (auto v = parsed.get("samples")) o.samples = parse_count("samples", *v, 100'000'000);
  if (auto v = parsed.get("seed")) o.seed = parse_seed(*v);
  std::optional<std::string> export_path = parsed.get("export-paths");
  if (export_path && export_path->empty()) throw UsageError("option \"--export-paths\" needs a file name");

  std::optional<Journeys> journeys;
  if (is_path_file(parsed, path)) {
    for (const char* touch_only : {"stage", "opportunity-stage", "model-file", "as-of"}) {
      if (parsed.has(touch_only)) {
        throw UsageError(std::string("--") + touch_only + " applies to touches, and \"" + path +
                         "\" is read as a path file");
      }
    }
    absl::StatusOr<Journeys> j = read_path_file(read_all(path), path == "-" ? "-" : path);
    if (!j.ok()) {
      std::cerr << j.status().message() << '\n';
      throw DataError("\"" + path + "\" is not a valid path file");
    }
    journeys.emplace(*std::move(j));
  } else {
    // model_from_option() reads --model, which names the attribution model here.
    ParsedArgs model_args;
    model_args.positional = parsed.positional;
    if (auto f = parsed.get("model-file")) model_args.options["model"] = *f;
    const std::shared_ptr<const Model> model = model_from_option(model_args);
    EngineJourneyOptions jo;
    if (auto s = parsed.get("stage")) jo.conversion_stage = *s;
    if (auto s = parsed.get("opportunity-stage")) jo.opportunity_stage = *s;
    std::optional<Timestamp> as_of;
    if (auto t = parsed.get("as-of")) as_of = parse_time_option("as-of", *t);
    // Check the stages before reading anything (on an engine with no leads).
    if (absl::StatusOr<Journeys> check = journeys_from_engine(Engine(model), jo); !check.ok()) {
      throw UsageError(std::string(check.status().message()));
    }
    Engine& engine = engine_for_command(model);
    TouchInput input(parsed, path, *model);
    const bool quiet = parsed.has("quiet");
    if (ingest_input(input, engine, parsed.has("strict"), quiet, "doorway attribute").stopped) return kExitData;
    advance_after_input(engine, as_of, "doorway attribute");
    if (!quiet) print_ingest_summary(engine, input, "doorway attribute");
    EngineJourneyStats stats;
    absl::StatusOr<Journeys> j = journeys_from_engine(engine, jo, &stats);
    if (!j.ok()) throw UsageError(std::string(j.status().message()));
    if (!quiet) {
      std::cerr << "doorway attribute: " << stats.converted << " converted and " << stats.not_converted
                << " not converted journeys (conversion stage " << jo.conversion_stage << "); "
                << stats.empty_converted << " leads converted with no touch before, " << stats.empty
                << " had no touch\n";
    }
    journeys.emplace(*std::move(j));
  }

  if (export_path) {
    absl::StatusOr<std::string> text = write_path_file(*journeys);
    if (!text.ok()) throw DataError("--export-paths: " + std::string(text.status().message()));
    OutputFile file(*export_path);
    file.stream() << *text;
    file.close();
  }

  absl::StatusOr<Attribution> a = attribute(*journeys, o);
  if (!a.ok()) {
    if (absl::IsInvalidArgument(a.status())) throw UsageError(std::string(a.status().message()));
    throw RuntimeError(std::string(a.status().message()));
  }
  write_stdout(parsed.has("json") ? to_json(*a) + "\n" : table(*a, o));
  flush_stdout();
  return kExitOk;
}

}  // namespace doorway::cli
