// doorway command line — the verbs. Each takes the arguments after its name and
// returns the process exit code; usage and runtime errors are thrown (see
// cli_common.hpp) and reported by main().
#pragma once

#include <span>
#include <string_view>

namespace doorway::cli {

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `doorway --help`
  std::string_view (*help)();  // the full text for `doorway NAME --help`
  int (*run)(std::span<char* const> args);
};

int run_demo(std::span<char* const> args);
int run_run(std::span<char* const> args);
int run_classify(std::span<char* const> args);
int run_validate(std::span<char* const> args);
int run_model(std::span<char* const> args);
int run_attribute(std::span<char* const> args);
int run_report(std::span<char* const> args);
int run_explain(std::span<char* const> args);
int run_convert(std::span<char* const> args);
int run_generate(std::span<char* const> args);

std::string_view demo_help();
std::string_view run_help();
std::string_view classify_help();
std::string_view validate_help();
std::string_view model_help();
std::string_view attribute_help();
std::string_view report_help();
std::string_view explain_help();
std::string_view convert_help();
std::string_view generate_help();

}  // namespace doorway::cli
