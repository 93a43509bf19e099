// doorway — explanations as JSON (see include/doorway/explain_json.hpp).
#include "doorway/explain_json.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "doorway/timestamp.hpp"

namespace doorway {
inline namespace v0 {
namespace {

using Json = nlohmann::ordered_json;

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

std::string explanation_to_json(const Explanation& x) {
  Json out;
  out["lead_id"] = x.lead_id;
  out["stage"] = x.stage;
  out["owner"] = std::string(to_string(x.owner));
  out["as_of"] = format_iso8601(x.as_of);
  out["sla_deadline"] = x.sla_deadline ? Json(format_iso8601(*x.sla_deadline)) : Json(nullptr);

  Json path = Json::array();
  for (const StepExplanation& s : x.path) {
    path.push_back({{"kind", s.kind}, {"at", format_iso8601(s.at)}, {"from", s.from}, {"to", s.to},
                    {"reason", s.reason}});
  }
  out["path"] = std::move(path);

  auto score_json = [](const ScoreExplanation& s) {
    Json contributions = Json::array();
    for (const Contribution& c : s.contributions) {
      Json item = {{"event_id", c.event_id},
                   {"type", c.type},
                   {"at", format_iso8601(c.at)},
                   {"rule", c.rule},
                   {"points", number(c.points)},
                   {"factor", number(c.factor)},
                   {"value", number(c.value())}};
      if (c.log_odds) item["log_odds"] = number(*c.log_odds);  // predictive scores only
      contributions.push_back(std::move(item));
    }
    return Json{{"name", s.name},
                {"policy", s.policy},
                {"value", number(s.value)},
                {"level", s.level ? Json(std::string(to_string(*s.level))) : Json(nullptr)},
                {"grade", s.grade ? Json(std::string(to_string(*s.grade))) : Json(nullptr)},
                {"contributions", std::move(contributions)}};
  };
  Json scores = Json::array();
  for (const ScoreExplanation& s : x.scores) scores.push_back(score_json(s));
  out["scores"] = std::move(scores);
  Json challengers = Json::array();
  for (const ScoreExplanation& s : x.challengers) challengers.push_back(score_json(s));
  out["challengers"] = std::move(challengers);

  Json next = Json::array();
  for (const TransitionExplanation& t : x.next) {
    Json clauses = Json::array();
    for (const ClauseResult& c : t.clauses) {
      clauses.push_back({{"clause", c.clause},
                         {"actual", c.actual},
                         {"holds", c.holds},
                         {"gap", c.gap ? number(*c.gap) : Json(nullptr)}});
    }
    next.push_back({{"name", t.name},
                    {"to", t.to},
                    {"priority", t.priority},
                    {"guard", t.guard},
                    {"holds", t.holds},
                    {"needs_touch", t.needs_touch},
                    {"clauses", std::move(clauses)}});
  }
  out["next"] = std::move(next);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace v0
}  // namespace doorway
