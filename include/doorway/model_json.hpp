// doorway — model files: the JSON model format (read and write) and the Graphviz
// DOT export of a model's journey. Compiled in src/model_json_*.cpp (part of
// doorway::doorway); the core headers know nothing of JSON.
//
// The format is documented in README "Model files". In short, a model file is
//   {"format": "doorway.model", "version": 1, "name": …, "description": …,
//    "catalog": {"channels": […], "types": […]}, "scores": […], "stages": […],
//    "transitions": […], "maps": {"hubspot_lifecycle": {…}, "salesforce": {…}}}
// and a file that loads is a valid model: it has passed ModelBuilder::build().
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "doorway/model.hpp"

namespace doorway {
inline namespace v0 {

// The "format" and "version" every model file starts with. A reader rejects other
// versions; versions only ever go up, and a new version gets a new reader path.
inline constexpr std::string_view kModelFormat = "doorway.model";
inline constexpr int kModelFormatVersion = 1;

// A problem found in a model file, located in it.
struct ModelProblem {
  std::string code;     // stable id, e.g. "json.unknown_key", "journey.unknown_stage"
  std::string path;     // JSON path, e.g. "transitions[7].guard"
  std::string message;  // what is wrong, with a suggestion for near-miss names
  std::string source;   // the source name given to the loader, e.g. "my-model.json"
  std::size_t line = 0;    // 1-based; 0 when unknown
  std::size_t column = 0;  // 1-based, in characters (UTF-8 code points) from the line start

  // "my-model.json:41:18: transitions[7].guard: column 12: unknown score ..."
  std::string to_string() const;
};

// Joins problems one per line.
std::string to_string(const std::vector<ModelProblem>& problems);

struct ModelLoadResult {
  std::shared_ptr<const Model> model;   // null when there is any problem
  std::vector<ModelProblem> problems;   // every problem found, in file order
  bool ok() const noexcept { return model != nullptr; }
};

// Reads a model file. Reports every problem it can find in one pass (a JSON syntax
// error stops the reading at that point, an unknown "version" stops it too),
// each with line, column and JSON path; `source_name` names the file in them.
// Thread-safe (no shared state).
ModelLoadResult load_model_json(std::string_view text, std::string_view source_name = "model.json");

// Writes a model as a model file (canonical form: fixed key order, one catalog
// entry, rule, stage or transition per line, defaults left out) that loads back
// to the same model; writing what it loads gives the same text again. Fails with
// FailedPrecondition when a score's policy has no JSON form (a custom C++ policy).
// Thread-safe.
absl::StatusOr<std::string> model_to_json(const Model& model);

// The journey as a Graphviz digraph: one cluster per owning team, stages coloured
// by owner and shaped by kind, transitions labelled with their name and guard;
// handoff edges (marketing -> sales) bold red, recycle edges dashed, detours dotted,
// SLA edges labelled with the deadline. Thread-safe.
std::string model_to_dot(const Model& model);

// The embedded default model's file, as shipped (it is in canonical form:
// model_to_json(*default_model()) gives the same text).
std::string_view default_model_json() noexcept;

}  // namespace v0
}  // namespace doorway
