// doorway — the engine's shadow (champion / challenger) scores and the
// explanations of scores that explain themselves (included by engine.hpp; see
// doorway/shadow.hpp for what is measured).
#pragma once

#include "doorway/engine.hpp"

namespace doorway {
inline namespace v0 {

// Before an outcome touch is applied: both values, at the outcome's time. Then the
// challengers see the touch (the champions see it right after, in apply_record).
inline void Engine::shadow_step(std::uint32_t lead, const ScoreContext& ctx) {
  if (ctx.classification.kind == TouchKind::outcome) {
    for (std::uint32_t i : shadow_scores_) {
      extras(lead).shadow_notes.push_back(
          {ctx.at, ctx.type, i, columns_[i]->value(lead, ctx.at), challengers_[i]->value(lead, ctx.at)});
    }
  }
  for (std::uint32_t i : shadow_scores_) challengers_[i]->apply(lead, ctx);
}

// A column that explains itself: its own contributions, with each touch index
// mapped back to the kept touch it stands for.
inline void Engine::explain_self(const detail::ScoreColumn& column, std::uint32_t lead, Timestamp at,
                                 ScoreExplanation& se) const {
  std::vector<const Record*> applied;
  for (const Record& r : leads_[lead].records) {
    if (!r.tick()) applied.push_back(&r);
  }
  std::vector<detail::ScoreColumn::Contribution> parts;
  column.explain(lead, at, parts);
  for (detail::ScoreColumn::Contribution& c : parts) {
    Contribution out;
    if (c.touch < applied.size()) {
      const Record& r = *applied[c.touch];
      out.event_id = std::string(event_id(r));
      out.type = std::string(type_name(r.type));
      out.at = r.at;
    }
    out.rule = std::move(c.rule);
    out.points = c.points;
    out.factor = c.factor;
    out.log_odds = c.log_odds;
    se.contributions.push_back(std::move(out));
  }
}

inline void Engine::explain_challengers(std::uint32_t lead, Timestamp at, Explanation& x) const {
  const LeadData& L = leads_[lead];
  for (std::uint32_t i : shadow_scores_) {
    const ScoreDef& def = model_->scores()[i];
    const detail::ScoreColumn& live = *challengers_[i];
    ScoreExplanation se;
    se.name = def.name;
    se.policy = std::string(def.challenger->kind());
    se.value = live.value(lead, at);
    if (def.challenger->leveled()) se.level = static_cast<Temperature>(static_cast<int>(live.guard_value(lead, at)));
    if (live.explains_itself()) {
      explain_self(live, lead, at, se);
    } else {
      // As for champions (engine_explain.hpp): replay the kept touches through a fresh column.
      auto fresh = def.challenger->make_column();
      fresh->resize(1);
      AttributeViews views;
      std::vector<Applied> parts;
      for (const Record& r : L.records) {
        if (r.tick()) continue;
        const std::optional<double> value = record_value(r);
        parts.clear();
        fresh->apply_parts(0, score_context(r, &value, lead, views), parts);
        const std::string_view type = type_name(r.type);
        for (const Applied& a : parts) {
          Contribution c;
          c.event_id = std::string(event_id(r));
          c.type = std::string(type);
          c.at = r.at;
          c.rule = fresh->rule_name(a, type.empty() ? channel_name(r.channel) : type);
          c.points = a.points;
          c.factor = fresh->contribution_factor(a, r.at, at);
          se.contributions.push_back(std::move(c));
        }
      }
    }
    x.challengers.push_back(std::move(se));
  }
}

inline absl::StatusOr<ShadowReport> Engine::shadow_report(std::string_view score, const ShadowOptions& options) const {
  const auto index = model_->find_score(score);
  if (!index) {
    std::vector<std::string_view> names;
    for (const ScoreDef& s : model_->scores()) names.push_back(s.name);
    std::string msg = detail::cat("shadow_report: unknown score \"", score, "\"");
    if (auto hint = detail::did_you_mean(score, names)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    return absl::NotFoundError(msg);
  }
  const ScoreDef& def = model_->scores()[*index];
  if (!def.challenger) {
    return absl::FailedPreconditionError(
        detail::cat("shadow_report: score \"", score, "\" has no challenger (declare one in the model)"));
  }
  // Outcome type names → label.
  const Catalog& cat = model_->catalog();
  std::vector<int> label(cat.type_count(), -1);  // 1 positive, 0 negative, -1 not labelled
  auto mark = [&](const std::vector<std::string>& names, int value, std::string_view field) -> absl::Status {
    for (const std::string& n : names) {
      const auto id = cat.find_type(n);
      if (!id) {
        std::vector<std::string_view> types;
        for (const TouchTypeInfo& t : cat.types()) types.push_back(t.id);
        std::string msg = detail::cat("shadow_report: ", field, ": unknown touch type \"", n, "\"");
        if (auto hint = detail::did_you_mean(n, types)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
        return absl::InvalidArgumentError(msg);
      }
      if (label[*id] != -1 && label[*id] != value) {
        return absl::InvalidArgumentError(
            detail::cat("shadow_report: touch type \"", n, "\" is both a positive and a negative outcome"));
      }
      label[*id] = value;
    }
    return absl::OkStatus();
  };
  auto defaults = [&](std::initializer_list<std::string_view> names) {
    std::vector<std::string> out;
    for (std::string_view n : names) {
      if (cat.find_type(n)) out.emplace_back(n);
    }
    return out;
  };
  const std::vector<std::string> positive = options.positive.value_or(defaults({"deal_won", "order_placed"}));
  const std::vector<std::string> negative = options.negative.value_or(defaults({"deal_lost"}));
  if (auto st = mark(positive, 1, "positive"); !st.ok()) return st;
  if (auto st = mark(negative, 0, "negative"); !st.ok()) return st;

  ShadowReport report;
  report.score = def.name;
  report.champion_policy = std::string(def.policy->kind());
  report.challenger_policy = std::string(def.challenger->kind());
  std::vector<double> champion, challenger;
  std::vector<bool> labels;
  for (std::uint32_t lead : leads_by_id()) {
    const LeadExtras* x = cold_[lead].extras.get();
    if (!x) continue;
    const std::string_view name = leads_[lead].name;
    for (const ShadowNote& n : x->shadow_notes) {
      if (n.score != *index || n.type == kNoType || n.type >= label.size() || label[n.type] < 0) continue;
      const bool is_positive = label[n.type] == 1;
      report.observations.push_back({std::string(name), n.at, std::string(type_name(n.type)), is_positive,
                                     n.champion, n.challenger});
      champion.push_back(n.champion);
      challenger.push_back(n.challenger);
      labels.push_back(is_positive);
      ++(is_positive ? report.positives : report.negatives);
    }
  }
  report.champion = {auc(champion, labels), lift_by_band(champion, labels, options.bands)};
  report.challenger = {auc(challenger, labels), lift_by_band(challenger, labels, options.bands)};
  return report;
}

}  // namespace v0
}  // namespace doorway
