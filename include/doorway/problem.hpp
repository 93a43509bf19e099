// doorway — a problem found in a model: where it is, what is wrong, stable code.
#pragma once

#include <string>
#include <vector>

namespace doorway {
inline namespace v0 {

struct Problem {
  std::string code;     // stable id, e.g. "journey.unreachable_stage"
  std::string path;     // where, e.g. "stages[3]" or "transitions[7].guard"
  std::string message;  // what, in a sentence a user can act on

  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

// Joins problems one per line, for error messages.
inline std::string to_string(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}

}  // namespace v0
}  // namespace doorway
