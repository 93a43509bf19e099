// doorway validate / doorway model — model files from the shell: check one
// (every problem at FILE:LINE:COLUMN with its JSON path), draw its journey as
// Graphviz DOT, print the default model to start from, or print a file in
// canonical form.
#include <iostream>
#include <string>
#include <string_view>

#include "cli_common.hpp"
#include "commands.hpp"
#include "doorway/default_model.hpp"
#include "doorway/model_json.hpp"

namespace doorway::cli {

namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Loads a model file, printing its problems to stderr; null when invalid.
std::shared_ptr<const Model> load_or_report(const std::string& path, std::string_view verb) {
  const std::string text = read_all(path);
  ModelLoadResult r = load_model_json(text, path);
  if (r.model) return r.model;
  for (const ModelProblem& p : r.problems) std::cerr << p.to_string() << '\n';
  std::cerr << "doorway " << verb << ": " << path << ": " << plural(r.problems.size(), "problem", "problems")
            << '\n';
  return nullptr;
}

}  // namespace

std::string_view validate_help() {
  return "Usage: doorway validate MODEL|- [--dot]\n"
         "\n"
         "Checks a model file (JSON; `-` reads standard input) and reports every\n"
         "problem it finds, one per line on standard error, as\n"
         "  FILE:LINE:COLUMN: JSON.PATH: message\n"
         "with a suggestion for near-miss names. A model that loads is valid: its\n"
         "journey has exactly one entry stage, every stage is owned, reachable and can\n"
         "end, every guard compiles, and the maps name known stages.\n"
         "\n"
         "On success prints \"ok: N stages, M transitions, K scores\" (exit 0); on\n"
         "problems exits with code 3.\n"
         "\n"
         "Options:\n"
         "  --dot       print the journey as a Graphviz digraph on standard output\n"
         "              (stages clustered and coloured by owning team; handoff edges\n"
         "              bold red, recycle dashed, detour dotted; guards as labels);\n"
         "              the ok line then goes to standard error\n"
         "  -h, --help  show this help\n"
         "\n"
         "Examples:\n"
         "  doorway validate my-model.json\n"
         "  my-model.json:41:18: transitions[7].guard: column 12: unknown score \"engagment\" (did you mean \"engagement\"?)\n"
         "  doorway validate my-model.json --dot | dot -Tsvg > journey.svg\n";
}

int run_validate(std::span<char* const> args) {
  static constexpr OptionSpec kSpecs[] = {{"dot", false}, {"help", false}};
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(validate_help());
    return kExitOk;
  }
  if (parsed.positional.size() != 1) {
    throw UsageError(parsed.positional.empty() ? "expects a MODEL file (or - for standard input)"
                                               : "expects one MODEL file, got " + std::to_string(parsed.positional.size()));
  }
  const std::string& path = parsed.positional[0];
  const auto model = load_or_report(path, "validate");
  if (!model) return kExitData;
  const std::string ok = "ok: " + plural(model->journey().stage_count(), "stage", "stages") + ", " +
                         plural(model->journey().transition_count(), "transition", "transitions") + ", " +
                         plural(model->scores().size(), "score", "scores") + "\n";
  if (parsed.has("dot")) {
    write_stdout(model_to_dot(*model));
    flush_stdout();
    std::cerr << ok;
  } else {
    write_stdout(ok);
  }
  return kExitOk;
}

std::string_view model_help() {
  return "Usage: doorway model --default\n"
         "       doorway model MODEL|-\n"
         "\n"
         "Prints a model file on standard output. With --default, the embedded default\n"
         "model: the seeds-derived catalog, the engagement and temperature scores, the\n"
         "subscriber -> ... -> advocate journey and the HubSpot / Salesforce stage maps;\n"
         "copy it, change stages, guards and policies, and check it with\n"
         "`doorway validate`. With MODEL, that file in canonical form (fixed key order,\n"
         "one entry per line, defaults left out), after validating it (exit 3 and its\n"
         "problems on standard error when it is invalid).\n"
         "\n"
         "Options:\n"
         "  --default   print the default model\n"
         "  -h, --help  show this help\n"
         "\n"
         "Example:\n"
         "  doorway model --default > my-model.json\n"
         "  doorway validate my-model.json && doorway run events.jsonl --model my-model.json\n";
}

int run_model(std::span<char* const> args) {
  static constexpr OptionSpec kSpecs[] = {{"default", false}, {"help", false}};
  const ParsedArgs parsed = parse_args(args, kSpecs);
  if (parsed.has("help")) {
    write_stdout(model_help());
    return kExitOk;
  }
  if (parsed.has("default")) {
    if (!parsed.positional.empty()) throw UsageError("takes either --default or a MODEL file, not both");
    write_stdout(default_model_json());
    return kExitOk;
  }
  if (parsed.positional.size() != 1) {
    throw UsageError(parsed.positional.empty() ? "expects --default or a MODEL file"
                                               : "expects one MODEL file, got " + std::to_string(parsed.positional.size()));
  }
  const auto model = load_or_report(parsed.positional[0], "model");
  if (!model) return kExitData;
  const absl::StatusOr<std::string> text = model_to_json(*model);
  if (!text.ok()) throw RuntimeError(std::string(text.status().message()));
  write_stdout(*text);
  return kExitOk;
}

}  // namespace doorway::cli
