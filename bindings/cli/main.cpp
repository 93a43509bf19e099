// doorway command line — entry point: finds the verb, runs it, and turns errors
// into messages on stderr and exit codes (0 ok, 1 runtime, 2 usage, 3 data).
#include <exception>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "doorway.h"
#include "doorway/detail/suggest.hpp"

#ifndef DOORWAY_CLI_VERSION
#define DOORWAY_CLI_VERSION "unknown"
#endif

namespace {

using doorway::cli::Command;

const Command kCommands[] = {
    {"demo", "generate a synthetic journey stream, run it, print the funnel",
     doorway::cli::demo_help, doorway::cli::run_demo},
    {"run", "run touches (JSON Lines, Segment, CSV) through a model; one JSON line per lead",
     doorway::cli::run_help, doorway::cli::run_run},
    {"classify", "add the team (marketing or sales) and the deciding rule to each touch",
     doorway::cli::classify_help, doorway::cli::run_classify},
    {"explain", "why a lead stands where it does: path, score contributions, next stages",
     doorway::cli::explain_help, doorway::cli::run_explain},
    {"convert", "any accepted input (JSON Lines, Segment, CSV; .gz) to canonical JSON Lines",
     doorway::cli::convert_help, doorway::cli::run_convert},
    {"generate", "write a seeded synthetic journey stream as JSON Lines",
     doorway::cli::generate_help, doorway::cli::run_generate},
    {"report", "funnel, handoffs, workload and diagnoses (balance, cadence, ownership)",
     doorway::cli::report_help, doorway::cli::run_report},
    {"attribute", "which channels earned the conversions: heuristics, exact Markov, Shapley",
     doorway::cli::attribute_help, doorway::cli::run_attribute},
    {"validate", "check a model file: every problem at FILE:LINE:COL; --dot draws it",
     doorway::cli::validate_help, doorway::cli::run_validate},
    {"model", "print the default model (--default), or a model file in canonical form",
     doorway::cli::model_help, doorway::cli::run_model},
};

std::string main_help() {
  std::string s =
      "doorway - a buyer-journey engine: touches in; teams, scores, stages and\n"
      "handoffs out. Marketing brings people to the doorway; sales gets them\n"
      "through it.\n"
      "\n"
      "Usage: doorway COMMAND [OPTIONS] [ARGS]\n"
      "\n"
      "Commands:\n";
  for (const Command& c : kCommands) {
    s += "  ";
    s += c.name;
    s.append(12 - c.name.size(), ' ');
    s += c.summary;
    s += '\n';
  }
  s +=
      "\n"
      "Options:\n"
      "  -h, --help  show this help; `doorway COMMAND --help` shows a command's\n"
      "  --version   print the version\n"
      "\n"
      "Inputs: JSON Lines (canonical touches or Segment events), CSV with a column\n"
      "map, `-` for standard input; .gz files are read transparently.\n"
      "Results go to standard output, diagnostics to standard error; progress shows\n"
      "on standard error when it is a terminal (--quiet turns it off).\n"
      "Exit codes: 0 ok, 1 runtime error, 2 usage error, 3 invalid data (--strict)\n"
      "or an invalid model, column map or rules file.\n"
      "\n"
      "Examples:\n"
      "  doorway demo\n"
      "  doorway model --default > my-model.json    # then edit it\n"
      "  doorway validate my-model.json\n"
      "  doorway run events.jsonl --model my-model.json\n"
      "  doorway run events.jsonl --events events.out.jsonl > leads.jsonl\n"
      "  cat events.jsonl | doorway classify -\n"
      "  doorway run crm.csv.gz --map crm-map.json > leads.jsonl\n"
      "  doorway explain events.jsonl --lead ann\n"
      "  doorway generate --touches 1000000 | doorway run - --quiet > leads.jsonl\n";
  return s;
}

const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

int usage_error(std::string_view who, std::string_view what, std::string_view help_cmd) {
  std::cerr << who << ": " << what << "\nRun '" << help_cmd << "' for usage.\n";
  return doorway::cli::kExitUsage;
}

int unknown_command(std::string_view name) {
  std::vector<std::string_view> names;
  for (const Command& c : kCommands) names.push_back(c.name);
  std::string what = "unknown command \"" + std::string(name) + "\"";
  if (auto hint = doorway::detail::did_you_mean(name, names)) what += " (did you mean \"" + *hint + "\"?)";
  return usage_error("doorway", what, "doorway --help");
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::span<char* const> args(argv + 1, argc > 0 ? static_cast<std::size_t>(argc - 1) : 0);
  try {
    if (args.empty()) return usage_error("doorway", "no command given", "doorway --help");
    const std::string_view first(args[0]);
    if (first == "--help" || first == "-h") {
      std::cout << main_help();
      return doorway::cli::kExitOk;
    }
    if (first == "help") {
      if (args.size() == 1) {
        std::cout << main_help();
        return doorway::cli::kExitOk;
      }
      const Command* c = find_command(args[1]);
      if (!c) return unknown_command(args[1]);
      std::cout << c->help();
      return doorway::cli::kExitOk;
    }
    if (first == "--version") {
      std::cout << "doorway " DOORWAY_CLI_VERSION " (library " << doorway_version() << ", C ABI "
                << doorway_abi_version() << ")\n";
      return doorway::cli::kExitOk;
    }
    if (first.starts_with("-")) {
      return usage_error("doorway", "unknown option \"" + std::string(first) + "\"", "doorway --help");
    }
    const Command* c = find_command(first);
    if (!c) return unknown_command(first);
    const std::string who = "doorway " + std::string(c->name);
    try {
      const int code = c->run(args.subspan(1));
      std::cout.flush();
      if (!std::cout) {
        std::cerr << who << ": cannot write to standard output\n";
        return doorway::cli::kExitRuntime;
      }
      return code;
    } catch (const doorway::cli::UsageError& e) {
      return usage_error(who, e.what(), who + " --help");
    } catch (const doorway::cli::DataError& e) {
      std::cout.flush();
      std::cerr << who << ": " << e.what() << '\n';
      return doorway::cli::kExitData;
    } catch (const doorway::cli::RuntimeError& e) {
      std::cout.flush();
      std::cerr << who << ": " << e.what() << '\n';
      return doorway::cli::kExitRuntime;
    } catch (const std::exception& e) {
      std::cout.flush();
      std::cerr << who << ": internal error: " << e.what() << '\n';
      return doorway::cli::kExitRuntime;
    }
  } catch (const std::exception& e) {
    std::cerr << "doorway: internal error: " << e.what() << '\n';
    return doorway::cli::kExitRuntime;
  }
}
