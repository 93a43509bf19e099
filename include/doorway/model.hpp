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
#include "doorway/account.hpp"
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
  // A shadow policy run on the same touches and reported beside the score, never
  // read by guards (doorway/shadow.hpp); null when none.
  std::shared_ptr<const AnyPolicy> challenger = nullptr;
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
  // Account roll-ups and the account stage rule (doorway/account.hpp).
  const AccountsSpec& accounts() const noexcept { return accounts_; }

 private:
  friend class ModelBuilder;
  std::string name_;
  std::string description_;
  StageMaps maps_;
  Catalog catalog_;
  Journey journey_;
  std::vector<ScoreDef> scores_;
  std::optional<std::size_t> temperature_;
  AccountsSpec accounts_;
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
  // Gives score `name` a challenger (shadow) policy; build() reports an unknown name.
  ModelBuilder& set_challenger(std::string_view name, std::shared_ptr<const AnyPolicy> challenger) {
    for (ScoreDef& s : model_->scores_) {
      if (s.name == name) {
        s.challenger = std::move(challenger);
        return *this;
      }
    }
    unknown_challengers_.emplace_back(name);
    return *this;
  }
  // Account roll-ups and stage rule; build() checks them.
  AccountsSpec& accounts() noexcept { return model_->accounts_; }
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
      symbols.score_is_grade.push_back(s.policy && s.policy->scale() == ScoreScale::grade);
      if (leveled && !m.temperature_) m.temperature_ = i;
    }
    check_accounts(symbols, found);
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
  // Challengers name scores; roll-ups are guard names over per-lead scores;
  // the stage order names stages. Fills the account roll-ups guards may read.
  void check_accounts(GuardSymbols& symbols, std::vector<Problem>& found) const {
    const Model& m = *model_;
    std::vector<std::string_view> score_names;
    for (const ScoreDef& s : m.scores_) score_names.push_back(s.name);
    auto unknown = [&](std::string_view what, std::string_view name, std::span<const std::string_view> names) {
      std::string msg = detail::cat("unknown ", what, " \"", name, "\"");
      if (auto hint = detail::did_you_mean(name, names)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
      return msg;
    };
    for (const std::string& name : unknown_challengers_) {
      found.push_back({"model.challenger_unknown_score", "scores", unknown("score", name, score_names)});
    }
    const AccountsSpec& a = m.accounts_;
    for (std::size_t i = 0; i < a.rollups.size(); ++i) {
      const AccountRollup& r = a.rollups[i];
      const std::string path = detail::cat("accounts.rollups[", i, "]");
      const auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
      const bool ident = !r.name.empty() && start(r.name[0]) && std::all_of(r.name.begin(), r.name.end(), [&](char c) {
                           return start(c) || (c >= '0' && c <= '9');
                         });
      if (!ident) {
        found.push_back({"model.account_rollup_name", path + ".name",
                         detail::cat("roll-up name \"", r.name,
                                     "\" is not a guard name: use letters, digits and _, starting with a letter or _")});
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (a.rollups[j].name == r.name) {
          found.push_back({"model.account_duplicate_rollup", path + ".name",
                           detail::cat("roll-up \"", r.name, "\" is declared twice (first at accounts.rollups[", j, "])")});
          break;
        }
      }
      if (auto idx = m.find_score(r.score)) {
        const ScoreDef& def = m.scores_[*idx];
        if (def.policy && def.policy->learns_across_leads()) {
          found.push_back({"model.account_predictive_score", path + ".score",
                           detail::cat("score \"", r.score, "\" (", def.policy->kind(),
                                       ") learns from every lead's outcomes; account roll-ups read per-lead scores")});
        }
      } else {
        found.push_back({"model.account_unknown_score", path + ".score", unknown("score", r.score, score_names)});
      }
      if (r.kind == RollupKind::decayed_sum && r.half_life <= 0) {
        found.push_back({"model.account_half_life", path + ".half_life", "a decayed_sum roll-up needs a half_life > 0"});
      }
      if (r.kind == RollupKind::coverage) {
        if (r.roles.empty()) found.push_back({"model.account_no_roles", path + ".roles", "a coverage roll-up needs at least one role"});
        if (r.role_trait.empty()) found.push_back({"model.account_role_trait", path + ".role_trait", "the role trait is empty"});
      }
      symbols.account_rollups.push_back(r.name);
      symbols.account_all.push_back(r.kind == RollupKind::coverage ? static_cast<double>(r.roles.size()) : 0.0);
    }
    std::vector<std::string_view> stage_names;
    for (const Stage& s : m.journey_.stages()) stage_names.push_back(s.id);
    for (std::size_t i = 0; i < a.stage_order.size(); ++i) {
      const std::string path = detail::cat("accounts.stage.order[", i, "]");
      const std::string& id = a.stage_order[i];
      if (std::find(stage_names.begin(), stage_names.end(), id) == stage_names.end()) {
        found.push_back({"model.account_unknown_stage", path, unknown("stage", id, stage_names)});
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (a.stage_order[j] == id) {
          found.push_back({"model.account_duplicate_stage", path, detail::cat("stage \"", id, "\" is listed twice")});
          break;
        }
      }
    }
  }

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
  std::vector<std::string> unknown_challengers_;
};

}  // namespace v0
}  // namespace doorway
