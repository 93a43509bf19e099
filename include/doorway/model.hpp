// doorway — a model: the catalog, the named scores with their policies, and the
// journey graph. A model that builds is valid; once built it is immutable and may
// be shared by any number of engines and threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "doorway/catalog.hpp"
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

class Model {
 public:
  const std::string& name() const noexcept { return name_; }
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

  Catalog& catalog() noexcept { return model_->catalog_; }
  const Catalog& catalog() const noexcept { return model_->catalog_; }
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
  std::shared_ptr<Model> model_;
};

}  // namespace v0
}  // namespace doorway
