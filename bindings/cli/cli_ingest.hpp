// doorway command line — feeding a touch input to an engine in batches, with bad
// lines and rejected touches reported on stderr as FILE:LINE: what, in line
// order; progress while it runs. Shared by run, explain and report-like verbs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "cli_input.hpp"
#include "doorway/engine.hpp"

namespace doorway::cli {

struct IngestOutcome {
  bool stopped = false;      // --strict and a bad line: the caller exits with kExitData
  std::uint64_t read = 0;    // touches read
};

// The engine of a command that reads a whole input and then exits: left to the
// operating system at exit, which takes its memory back at once, instead of
// destroying millions of leads one allocation at a time (7 % of a 2-million-touch
// `doorway run`). The process is about to end; nothing else is left unreleased.
Engine& engine_for_command(std::shared_ptr<const Model> model);

// Reads every touch of `input` into `engine`. With `strict`, stops at the first
// unreadable or invalid touch (after reporting it). `verb` names the progress line.
IngestOutcome ingest_input(TouchInput& input, Engine& engine, bool strict, bool quiet, std::string_view verb);

// Advances the engine after the input: to `as_of` when given (a warning when it
// is before the latest touch), else to the latest timestamp seen.
void advance_after_input(Engine& engine, std::optional<Timestamp> as_of, std::string_view verb);

// The summary line ("doorway run: accepted 11, duplicate 0, late 0, invalid 0
// (3 leads as of …)") on stderr.
void print_ingest_summary(const Engine& engine, const TouchInput& input, std::string_view verb);

}  // namespace doorway::cli
