// doorway — why leads are not moving on, counted over many leads: the "top
// explanations" of a report.
//
// For a lead in a stage with forward transitions, its blocker is the list of failing
// clauses of the stage's next step: the forward transition whose target comes first
// in the model's stage order (ties: the order transitions are tried). Stage order in
// a model is journey order, so this is the main path — `lead → mql` waits on
// "temperature == hot, engagement >= 40", not on the purchase shortcut. A clause
// about the triggering touch (shown with the value "(no touch)") means the lead
// waits for a touch of that kind. Leads in stages with no forward transition out,
// and leads whose next step already holds, have no blocker.
//
// A tally is a count per (stage, target, failing clauses); tallies merge by adding
// counts, so N engines over a lead partition give the tally of one engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "doorway/engine.hpp"
#include "doorway/explain.hpp"
#include "doorway/journey.hpp"

namespace doorway {
inline namespace v0 {

struct Blocker {
  std::string stage;   // where the leads are
  std::string to;      // where the first forward transition would take them
  std::string clause;  // the guard's failing clauses, e.g. "temperature == hot, engagement >= 40"
  std::uint64_t leads = 0;
  bool waits_for_touch = false;  // the clause is about the triggering touch

  friend bool operator==(const Blocker&, const Blocker&) = default;
};

class BlockerTally {
 public:
  // Counts one lead's blocker, if it has one, from its explanation.
  void add(const Journey& journey, const Explanation& e) {
    const auto stage = journey.find_stage(e.stage);
    if (!stage) return;
    const Journey::Edge* next = nullptr;
    for (TransitionId id : journey.outgoing(*stage)) {
      const auto& edge = journey.transition(id);
      if (edge.spec.kind != TransitionKind::forward) continue;
      if (next == nullptr || edge.to < next->to) next = &edge;
    }
    if (next == nullptr) return;
    auto it = std::find_if(e.next.begin(), e.next.end(),
                           [&](const TransitionExplanation& t) { return t.name == next->spec.name && t.to == journey.stage(next->to).id; });
    if (it == e.next.end() || it->holds) return;
    std::string failing;
    bool touch = false;
    for (const ClauseResult& c : it->clauses) {
      if (c.holds) continue;
      if (!failing.empty()) failing += ", ";
      failing += c.clause;
      touch = touch || c.actual == "(no touch)";
    }
    Entry& entry = counts_[Key{e.stage, it->to, failing}];
    ++entry.leads;
    entry.waits_for_touch = entry.waits_for_touch || touch;
    order_.try_emplace(e.stage, *stage);
  }

  // Counts every lead of the engine, explained at `at`.
  void add(const Engine& engine, Timestamp at) {
    for (std::string_view id : engine.lead_ids()) {
      auto e = engine.explain(id, at);
      if (e.ok()) add(engine.model().journey(), *e);
    }
  }

  void merge(const BlockerTally& other) {
    for (const auto& [key, entry] : other.counts_) {
      Entry& mine = counts_[key];
      mine.leads += entry.leads;
      mine.waits_for_touch = mine.waits_for_touch || entry.waits_for_touch;
    }
    for (const auto& [stage, id] : other.order_) order_.try_emplace(stage, id);
  }

  // The `limit` largest blockers: most leads first, then journey order of the
  // stage, then target and clause text (a total order, so output is stable).
  std::vector<Blocker> top(std::size_t limit) const {
    std::vector<Blocker> all;
    all.reserve(counts_.size());
    for (const auto& [key, entry] : counts_) {
      all.push_back(Blocker{std::get<0>(key), std::get<1>(key), std::get<2>(key), entry.leads, entry.waits_for_touch});
    }
    std::stable_sort(all.begin(), all.end(), [this](const Blocker& a, const Blocker& b) {
      if (a.leads != b.leads) return a.leads > b.leads;
      const StageId sa = order_.at(a.stage), sb = order_.at(b.stage);
      if (sa != sb) return sa < sb;
      return std::tie(a.to, a.clause) < std::tie(b.to, b.clause);
    });
    if (all.size() > limit) all.resize(limit);
    return all;
  }

  std::uint64_t total() const {
    std::uint64_t n = 0;
    for (const auto& [key, entry] : counts_) n += entry.leads;
    return n;
  }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  struct Entry {
    std::uint64_t leads = 0;
    bool waits_for_touch = false;
  };
  std::map<Key, Entry> counts_;
  std::map<std::string, StageId> order_;  // stage name → its id, for journey order
};

}  // namespace v0
}  // namespace doorway
