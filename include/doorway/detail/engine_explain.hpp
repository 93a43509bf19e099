// doorway — Engine::explain and Engine::memory_bytes (included by engine.hpp).
// Explanations replay the lead's kept touches through fresh score columns, so the
// hot path keeps no per-touch contribution records.
#pragma once

#include "doorway/engine.hpp"

namespace doorway {
inline namespace v0 {

inline absl::StatusOr<Explanation> Engine::explain(std::string_view lead_id, Timestamp at) const {
  auto found = find_lead(lead_id);
  if (!found) return absl::NotFoundError(detail::cat("no lead with lead_id \"", lead_id, "\""));
  const std::uint32_t lead = *found;
  const LeadData& L = leads_[lead];
  const Journey& j = model_->journey();

  Explanation x;
  x.lead_id = std::string(lead_id);
  x.stage = j.stage(L.state.stage).id;
  x.owner = j.stage(L.state.stage).owner;
  x.as_of = at;
  if (L.state.deadline != kNever) x.sla_deadline = L.state.deadline;
  for (const Event& e : L.events) {
    const EventView v = event_view(e);
    x.path.push_back({std::string(to_string(v.kind)), v.at, std::string(v.from), std::string(v.to),
                      std::string(v.reason)});
  }

  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const ScoreDef& def = model_->scores()[i];
    ScoreExplanation se;
    se.name = def.name;
    se.policy = std::string(def.policy->kind());
    se.value = columns_[i]->value(lead, at);
    if (def.policy->leveled()) {
      se.level = static_cast<Temperature>(static_cast<int>(columns_[i]->guard_value(lead, at)));
    }
    if (def.policy->scale() == ScoreScale::grade) {
      se.grade = grade_of_rank(static_cast<int>(std::lround(columns_[i]->guard_value(lead, at))));
    }
    if (columns_[i]->explains_itself()) {
      explain_self(*columns_[i], lead, at, se);
      x.scores.push_back(std::move(se));
      continue;
    }
    auto fresh = def.policy->make_column();
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
        se.contributions.push_back({std::string(event_id(r)), std::string(type), r.at,
                                    fresh->rule_name(a, type.empty() ? channel_name(r.channel) : type),
                                    a.points, fresh->contribution_factor(a, r.at, at)});
      }
    }
    x.scores.push_back(std::move(se));
  }
  explain_challengers(lead, at, x);

  std::vector<double> scratch(columns_.size());
  const GuardInput in = state_input(lead, at, scratch);
  for (TransitionId id : j.outgoing(L.state.stage)) {
    const Journey::Edge& e = j.transition(id);
    TransitionExplanation te;
    te.name = e.spec.name;
    te.to = e.spec.to;
    te.priority = e.spec.priority;
    te.guard = e.spec.guard;
    te.holds = e.guard->evaluate(in);
    te.needs_touch = e.guard->touch_dependent();
    te.clauses = e.guard->explain(in);
    x.next.push_back(std::move(te));
  }
  if (TransitionId sla = j.sla_transition(L.state.stage); sla != kNoTransition) {
    const Journey::Edge& e = j.transition(sla);
    TransitionExplanation te;
    te.name = e.spec.name;
    te.to = e.spec.to;
    te.priority = e.spec.priority;
    te.guard = detail::cat("sla passes at ", format_iso8601(L.state.deadline));
    te.holds = L.state.deadline <= at;
    x.next.push_back(std::move(te));
  }
  return x;
}

inline std::size_t Engine::memory_bytes() const {
  std::size_t bytes = leads_.capacity() * leads_.row_bytes() + cold_.capacity() * sizeof(LeadCold);
  for (std::uint32_t lead = 0; lead < leads_.size(); ++lead) {
    const LeadData& L = leads_[lead];
    bytes += L.records.capacity() * sizeof(Record) + L.events.capacity() * sizeof(Event) + L.name.heap_bytes();
    if (const LeadExtras* x = cold_[lead].extras.get()) {
      bytes += sizeof(LeadExtras) + x->attributes.capacity() * sizeof(KeptAttribute) +
               x->shadow_notes.capacity() * sizeof(ShadowNote);
    }
    if (const auto& index = cold_[lead].event_index) {
      bytes += sizeof(*index) + index->capacity() * (sizeof(std::uint64_t) + 1);
    }
  }
  for (const auto& c : columns_) bytes += c->state_bytes();
  for (const auto& c : challengers_) {
    if (c) bytes += c->state_bytes();
  }
  bytes += lead_index_.memory_bytes() + event_ids_.memory_bytes() + accounts_.memory_bytes() +
           outcomes_.memory_bytes() + attribute_values_.memory_bytes() +
           values_.capacity() * (sizeof(std::pair<std::uint64_t, double>) + 1);
  return bytes;
}

}  // namespace v0
}  // namespace doorway
