// doorway — explanations: why a lead has the scores it has and why it is (or is
// not yet) moving on. A score always equals the sum of its contributions' values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doorway/grade.hpp"
#include "doorway/guard.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// One touch's part in one score.
struct Contribution {
  std::string event_id;
  std::string type;
  Timestamp at = 0;
  std::string rule;     // e.g. "points.type:webinar_attended", "points.capped:demo"
  double points = 0;    // as added when the touch was applied
  double factor = 1;    // decay (or window) factor at the explanation's time
  // Predictive scores (naive Bayes, logistic): the feature's term in log-odds; the
  // baseline's plus the terms sum to the score's log-odds, while `points` are the
  // rise in probability the feature brought (they sum to the score).
  std::optional<double> log_odds = std::nullopt;
  double value() const noexcept { return points * factor; }
};

struct ScoreExplanation {
  std::string name;
  std::string policy;                  // e.g. "points", "temperature"
  double value = 0;                    // == Σ contributions[i].value()
  std::optional<Temperature> level;    // leveled scores
  std::optional<Grade> grade;          // fit-grade scores (value is the grade's rank)
  std::vector<Contribution> contributions;
};

// A transition out of the lead's current stage, evaluated now without a touch:
// clauses about the current touch show "(no touch)" and tell which touch would
// take it.
struct TransitionExplanation {
  std::string name;
  std::string to;
  int priority = 0;
  std::string guard;
  bool holds = false;
  bool needs_touch = false;  // the guard names features of the triggering touch
  std::vector<ClauseResult> clauses;
};

struct StepExplanation {
  std::string kind;   // event kind
  Timestamp at = 0;
  std::string from;
  std::string to;
  std::string reason;
};

struct Explanation {
  std::string lead_id;
  std::string stage;
  Team owner = Team::unknown;
  Timestamp as_of = 0;
  std::optional<Timestamp> sla_deadline;
  std::vector<StepExplanation> path;           // every move so far
  std::vector<ScoreExplanation> scores;
  // Shadow policies, one per score that declares a challenger (name = the score's).
  std::vector<ScoreExplanation> challengers;
  std::vector<TransitionExplanation> next;     // in the order they are tried
};

}  // namespace v0
}  // namespace doorway
