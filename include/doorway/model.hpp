// doorway — a model: the catalog, the named scores with their policies, and the
// journey graph. A model that builds is valid; once built it is immutable and may
// be shared by any number of engines and threads.
#pragma once

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "doorway/catalog.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/journey.hpp"
#include "doorway/problem.hpp"
#include "doorway/score.hpp"

namespace doorway {
inline namespace v0 {

struct ScoreDef {
  std::string name;
  std::shared_ptr<const AnyPolicy> policy;
  std::string description;
};

// Stage id -> the name another system gives that stage, for import and export.
// Several stages may share a name; keys are stage ids (build() checks them).
using StageNameMap = std::vector<std::pair<std::string, std::string>>;

// The stage-name maps a model carries for CRM import/export.
struct StageMaps {
  StageNameMap hubspot_lifecycle;             // HubSpot lifecycle stage internal names (kHubspotLifecycleStages)
  StageNameMap salesforce_lead_status;        // Salesforce Lead Status picklist values
  StageNameMap salesforce_opportunity_stage;  // Salesforce Opportunity Stage picklist values
};

// HubSpot's default lifecycle stages, by internal name (the `lifecyclestage`
// property's values), in their order; source: HubSpot Knowledge Base, "Use
// lifecycle stages". A portal's custom lifecycle stages have numeric internal
// names, which are accepted too.
inline constexpr std::string_view kHubspotLifecycleStages[] = {
    "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
    "opportunity", "customer", "evangelist", "other"};

// The name `map` gives stage `id`, or nullopt.
inline std::optional<std::string_view> find_stage_name(const StageNameMap& map, std::string_view id) {
  for (const auto& [stage, name] : map) {
    if (stage == id) return std::string_view(name);
  }
  return std::nullopt;
}

class Model {
 public:
  const std::string& name() const noexcept { return name_; }
  const std::string& description() const noexcept { return description_; }
  const StageMaps& maps() const noexcept { return maps_; }
  const Catalog& catalog() const noexcept { return catalog_; }
  const Journey& journey() const noexcept { return journey_; }
  const std::vector<ScoreDef>& scores() const noexcept { return scores_; }
  std::optional<std::size_t> find_score(std::string_view name) const {
    for (std::size_t i = 0; i < scores_.size(); ++i) {
      if (scores_[i].name == name) return i;
    }
    return std::nullopt;
  }
  // The first leveled score (cold/warm/hot), the lead's temperature; nullopt if none.
  std::optional<std::size_t> temperature_score() const noexcept { return temperature_; }

 private:
  friend class ModelBuilder;
  std::string name_;
  std::string description_;
  StageMaps maps_;
  Catalog catalog_;
  Journey journey_;
  std::vector<ScoreDef> scores_;
  std::optional<std::size_t> temperature_;
};

// Assembles a model. The catalog is filled first (scores resolve type names
// against it), then scores, stages and transitions; build() validates everything.
class ModelBuilder {
 public:
  explicit ModelBuilder(std::string name = "model") : model_(std::make_shared<Model>()) {
    model_->name_ = std::move(name);
  }
  // Starts from a copy of a built model (same catalog, scores, stages and
  // transitions, same ids), e.g. to add a score; build() validates the result.
  explicit ModelBuilder(const Model& base) : model_(std::make_shared<Model>(base)) {}

  Catalog& catalog() noexcept { return model_->catalog_; }
  const Catalog& catalog() const noexcept { return model_->catalog_; }
  ModelBuilder& set_description(std::string description) {
    model_->description_ = std::move(description);
    return *this;
  }
  // The CRM stage-name maps; build() checks their keys are stages.
  StageMaps& maps() noexcept { return model_->maps_; }
  ModelBuilder& add_score(std::string name, std::shared_ptr<const AnyPolicy> policy,
                          std::string description = {}) {
    model_->scores_.push_back({std::move(name), std::move(policy), std::move(description)});
    return *this;
  }
  ModelBuilder& add_stage(Stage s) {
    model_->journey_.add_stage(std::move(s));
    return *this;
  }
  ModelBuilder& add_transition(Transition t) {
    model_->journey_.add_transition(std::move(t));
    return *this;
  }

  // Validates and returns the model, or every problem found. The builder is spent.
  std::shared_ptr<const Model> build(std::vector<Problem>* problems) {
    std::vector<Problem> found;
    Model& m = *model_;
    GuardSymbols symbols;
    symbols.catalog = &m.catalog_;
    for (std::size_t i = 0; i < m.scores_.size(); ++i) {
      const ScoreDef& s = m.scores_[i];
      const std::string path = "scores[" + std::to_string(i) + "]";
      if (s.name.empty()) found.push_back({"model.score_without_name", path, "score has no name"});
      if (!s.policy) found.push_back({"model.score_without_policy", path, "score \"" + s.name + "\" has no policy"});
      for (std::size_t j = 0; j < i; ++j) {
        if (m.scores_[j].name == s.name) {
          found.push_back({"model.duplicate_score", path, "score \"" + s.name + "\" is declared twice"});
        }
      }
      symbols.scores.push_back(s.name);
      const bool leveled = s.policy && s.policy->leveled();
      symbols.score_is_temperature.push_back(leveled);
      if (leveled && !m.temperature_) m.temperature_ = i;
    }
    for (Problem& p : m.journey_.validate(symbols)) found.push_back(std::move(p));
    check_map(m.maps_.hubspot_lifecycle, "maps.hubspot_lifecycle", true, found);
    check_map(m.maps_.salesforce_lead_status, "maps.salesforce.lead_status", false, found);
    check_map(m.maps_.salesforce_opportunity_stage, "maps.salesforce.opportunity_stage", false, found);
    if (problems) *problems = found;
    if (!found.empty()) return nullptr;
    return std::move(model_);
  }

  absl::StatusOr<std::shared_ptr<const Model>> build() {
    std::vector<Problem> problems;
    auto m = build(&problems);
    if (!m) return absl::InvalidArgumentError(to_string(problems));
    return m;
  }

 private:
  // Keys must be stages, each at most once; HubSpot names must be HubSpot's
  // (a default stage's internal name, or a custom stage's numeric one).
  void check_map(const StageNameMap& map, std::string_view where, bool hubspot,
                 std::vector<Problem>& found) const {
    std::vector<std::string_view> stages;
    for (const Stage& s : model_->journey_.stages()) stages.push_back(s.id);
    for (std::size_t i = 0; i < map.size(); ++i) {
      const auto& [stage, name] = map[i];
      const std::string path = detail::cat(where, ".", stage);
      if (std::find(stages.begin(), stages.end(), stage) == stages.end()) {
        std::string msg = detail::cat("unknown stage \"", stage, "\"");
        if (auto hint = detail::did_you_mean(stage, stages)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
        found.push_back({"model.map_unknown_stage", path, std::move(msg)});
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (map[j].first == stage) {
          found.push_back({"model.map_duplicate_stage", path, detail::cat("stage \"", stage, "\" is mapped twice")});
          break;
        }
      }
      if (name.empty()) {
        found.push_back({"model.map_empty_name", path, "the name is empty"});
      } else if (hubspot && !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                 std::find(std::begin(kHubspotLifecycleStages), std::end(kHubspotLifecycleStages), name) ==
                     std::end(kHubspotLifecycleStages)) {
        std::string msg = detail::cat("\"", name, "\" is not a HubSpot lifecycle stage internal name");
        if (auto hint = detail::did_you_mean(name, kHubspotLifecycleStages)) {
          detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
        } else {
          msg += " (subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity, customer, "
                 "evangelist, other, or a custom stage's numeric id)";
        }
        found.push_back({"model.map_unknown_hubspot_stage", path, std::move(msg)});
      }
    }
  }

  std::shared_ptr<Model> model_;
};

}  // namespace v0
}  // namespace doorway
