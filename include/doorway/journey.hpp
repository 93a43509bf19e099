// doorway — the journey graph: stages with owners, kinds and SLAs, and guarded
// transitions between them, stored in a Boost.Graph adjacency_list.
//
// Stage ids handed out (StageId) are positions in declaration order, stable for a
// model; they are never BGL descriptors leaked to callers. `validate()` compiles
// every guard and reports every problem at once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>

#include "doorway/detail/strings.hpp"
#include "doorway/catalog.hpp"
#include "doorway/classify.hpp"
#include "doorway/detail/interner.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/guard.hpp"
#include "doorway/problem.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

using StageId = std::uint16_t;
inline constexpr StageId kNoStage = 0xFFFF;
using TransitionId = std::uint32_t;
inline constexpr TransitionId kNoTransition = 0xFFFFFFFF;

// entry: where a new lead starts (exactly one); inventory: an ordinary stage;
// sla: a stage with a deadline (its SLA transition fires when it passes);
// won / lost: terminal outcomes (a won stage may still lead on, e.g. to advocate).
enum class StageKind : std::uint8_t { entry = 0, inventory = 1, sla = 2, won = 3, lost = 4 };
// forward: along the journey; recycle: back to an earlier, nurturing stage;
// detour: sideways (e.g. to disqualified).
enum class TransitionKind : std::uint8_t { forward = 0, recycle = 1, detour = 2 };
// guard: taken when its guard holds (on a touch or when the clock advances);
// sla: taken when the source stage's SLA passes.
enum class Trigger : std::uint8_t { guard = 0, sla = 1 };

constexpr std::string_view to_string(StageKind k) noexcept {
  switch (k) {
    case StageKind::entry: return "entry";
    case StageKind::sla: return "sla";
    case StageKind::won: return "won";
    case StageKind::lost: return "lost";
    default: return "inventory";
  }
}
constexpr std::string_view to_string(TransitionKind k) noexcept {
  switch (k) {
    case TransitionKind::recycle: return "recycle";
    case TransitionKind::detour: return "detour";
    default: return "forward";
  }
}
constexpr std::string_view to_string(Trigger t) noexcept {
  return t == Trigger::sla ? "sla" : "guard";
}

struct Stage {
  std::string id;
  Team owner = Team::unknown;
  StageKind kind = StageKind::inventory;
  Duration sla = 0;  // > 0 only on sla stages
  std::string description{};
};

struct Transition {
  std::string from;
  std::string to;
  std::string name;   // the reason events carry, e.g. "door_touch"
  std::string guard;  // guard text; ignored for Trigger::sla
  int priority = 0;   // lower is tried first
  TransitionKind kind = TransitionKind::forward;
  Trigger trigger = Trigger::guard;
  std::string description = {};  // one line for humans, e.g. which seed the rule comes from
};

class Journey {
 public:
  // A transition once resolved and compiled.
  struct Edge {
    Transition spec;
    StageId from = kNoStage;
    StageId to = kNoStage;
    std::optional<Guard> guard;  // set for guard triggers after validate()
    bool handoff = false;        // forward, from a marketing-owned to a sales-owned stage
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, boost::property<boost::edge_index_t, TransitionId>>;

  void add_stage(Stage s) { stages_.push_back(std::move(s)); validated_ = false; }
  void add_transition(Transition t) {
    Edge e;
    e.spec = std::move(t);
    edges_.push_back(std::move(e));
    validated_ = false;
  }

  // Resolves names, compiles guards, builds the graph and checks it. Returns every
  // problem found (empty means the journey is valid and usable).
  std::vector<Problem> validate(const GuardSymbols& symbols) {
    std::vector<Problem> problems;
    validated_ = false;
    ids_ = detail::Interner{};
    names_.clear();
    auto at_stage = [](std::size_t i) { return detail::cat("stages[", i, "]"); };
    auto at_edge = [](std::size_t i) { return detail::cat("transitions[", i, "]"); };

    if (stages_.empty()) problems.push_back({"journey.no_stages", "stages", "the journey has no stages"});
    entry_ = kNoStage;
    std::vector<std::size_t> entries;
    for (std::size_t i = 0; i < stages_.size(); ++i) {
      const Stage& s = stages_[i];
      bool inserted = false;
      ids_.intern(s.id, &inserted);
      if (s.id.empty()) problems.push_back({"journey.stage_without_id", at_stage(i), "stage has no id"});
      if (!inserted) {
        problems.push_back({"journey.duplicate_stage", at_stage(i),
                            detail::cat("stage \"", s.id, "\" is declared twice")});
      }
      names_.push_back(s.id);
      if (s.owner == Team::unknown) {
        problems.push_back({"journey.unowned_stage", at_stage(i),
                            detail::cat("stage \"", s.id,
                                         "\" has no owning team (every stage needs exactly one "
                                         "owner: marketing or sales)")});
      }
      if (s.kind == StageKind::entry) entries.push_back(i);
      if (s.kind == StageKind::sla && s.sla <= 0) {
        problems.push_back({"journey.sla_without_duration", at_stage(i),
                            detail::cat("sla stage \"", s.id, "\" has no SLA duration")});
      }
      if (s.kind != StageKind::sla && s.sla > 0) {
        problems.push_back({"journey.sla_on_non_sla_stage", at_stage(i),
                            detail::cat("stage \"", s.id, "\" has an SLA duration but its kind is ",
                                         to_string(s.kind), ", not sla")});
      }
    }
    if (!stages_.empty() && entries.empty()) {
      problems.push_back({"journey.no_entry", "stages",
                          "no entry stage: exactly one stage must have kind \"entry\""});
    } else if (entries.size() > 1) {
      std::string list;
      for (std::size_t i : entries) detail::cat_to(list, list.empty() ? "" : ", ", "\"", stages_[i].id, "\"");
      problems.push_back({"journey.several_entries", "stages",
                          detail::cat("several entry stages (", list, "): exactly one is allowed")});
    } else if (entries.size() == 1) {
      entry_ = static_cast<StageId>(entries[0]);
    }

    // Resolve transitions and compile guards.
    std::vector<std::string_view> stage_names(names_.begin(), names_.end());
    for (std::size_t i = 0; i < edges_.size(); ++i) {
      Edge& e = edges_[i];
      e.from = resolve(e.spec.from, at_edge(i) + ".from", stage_names, problems);
      e.to = resolve(e.spec.to, at_edge(i) + ".to", stage_names, problems);
      e.guard.reset();
      if (e.spec.trigger == Trigger::guard) {
        std::vector<GuardError> errors;
        e.guard = compile_guard(e.spec.guard, symbols, &errors);
        for (const GuardError& g : errors) {
          problems.push_back({"journey.guard", at_edge(i) + ".guard",
                              detail::cat("column ", g.column, ": ", g.message)});
        }
      } else if (e.from != kNoStage && stages_[e.from].kind != StageKind::sla) {
        problems.push_back({"journey.sla_edge_without_sla", at_edge(i),
                            detail::cat("transition has trigger sla but stage \"", e.spec.from,
                                         "\" has no SLA")});
      }
      // A handoff moves a lead forward from marketing to sales; a detour into a
      // sales-owned stage (e.g. disqualified) or a recycle is not one.
      e.handoff = e.spec.kind == TransitionKind::forward && e.from != kNoStage && e.to != kNoStage &&
                  stages_[e.from].owner == Team::marketing && stages_[e.to].owner == Team::sales;
    }

    // Build the graph and the per-stage transition lists (by priority, then order).
    graph_ = Graph(stages_.size());
    out_.assign(stages_.size(), {});
    sla_edge_.assign(stages_.size(), kNoTransition);
    time_sensitive_.assign(stages_.size(), false);
    for (std::size_t i = 0; i < edges_.size(); ++i) {
      const Edge& e = edges_[i];
      if (e.from == kNoStage || e.to == kNoStage) continue;
      boost::add_edge(e.from, e.to, static_cast<TransitionId>(i), graph_);
      if (e.spec.trigger == Trigger::sla) {
        if (sla_edge_[e.from] != kNoTransition) {
          problems.push_back({"journey.several_sla_edges", at_edge(i),
                              detail::cat("stage \"", e.spec.from,
                                           "\" already has an SLA transition (transitions[",
                                           sla_edge_[e.from], "])")});
        }
        sla_edge_[e.from] = static_cast<TransitionId>(i);
      } else {
        out_[e.from].push_back(static_cast<TransitionId>(i));
        if (e.guard && e.guard->time_dependent()) time_sensitive_[e.from] = true;
      }
    }
    for (auto& list : out_) {
      std::stable_sort(list.begin(), list.end(), [&](TransitionId a, TransitionId b) {
        return edges_[a].spec.priority < edges_[b].spec.priority;
      });
    }
    for (std::size_t i = 0; i < stages_.size(); ++i) {
      if (stages_[i].kind == StageKind::sla && stages_[i].sla > 0 && sla_edge_[i] == kNoTransition) {
        problems.push_back({"journey.sla_without_edge", at_stage(i),
                            detail::cat("sla stage \"", stages_[i].id,
                                         "\" has no transition with trigger sla to take when its "
                                         "SLA passes")});
      }
    }

    check_reachability(entries, problems);
    check_ambiguity(symbols, problems);
    build_type_gates(symbols);
    validated_ = problems.empty();
    return problems;
  }

  bool validated() const noexcept { return validated_; }
  std::size_t stage_count() const noexcept { return stages_.size(); }
  const Stage& stage(StageId id) const { return stages_[id]; }
  const std::vector<Stage>& stages() const noexcept { return stages_; }
  std::optional<StageId> find_stage(std::string_view id) const {
    auto found = ids_.find(id);
    if (!found) return std::nullopt;
    return static_cast<StageId>(*found);
  }
  StageId entry() const noexcept { return entry_; }
  std::size_t transition_count() const noexcept { return edges_.size(); }
  const Edge& transition(TransitionId id) const { return edges_[id]; }
  // Guard-triggered transitions out of `s`, in the order they are tried.
  std::span<const TransitionId> outgoing(StageId s) const { return out_[s]; }
  TransitionId sla_transition(StageId s) const { return sla_edge_[s]; }
  // True when a guard out of `s` can change its answer as time passes alone.
  bool time_sensitive(StageId s) const { return time_sensitive_[s]; }
  // False when a touch of type `type` (has_touch), or no touch at all, rules out
  // transition e whatever else is true of the touch and the lead
  // (Guard::can_hold_of_type, tabulated at validation for the catalog's types);
  // the engine then skips evaluating its guard. True for types the catalog does
  // not know.
  bool may_hold(TransitionId e, bool has_touch, TypeId type) const noexcept {
    if (gates_.empty() || (has_touch && type >= gate_types_)) return true;
    return gates_[e * (gate_types_ + 1) + (has_touch ? type : gate_types_)] != 0;
  }
  bool terminal(StageId s) const {
    return stages_[s].kind == StageKind::won || stages_[s].kind == StageKind::lost;
  }
  const Graph& graph() const noexcept { return graph_; }

 private:
  StageId resolve(const std::string& name, const std::string& path,
                  std::span<const std::string_view> candidates, std::vector<Problem>& problems) {
    if (auto id = ids_.find(name)) return static_cast<StageId>(*id);
    std::string msg = detail::cat("unknown stage \"", name, "\"");
    if (auto hint = detail::did_you_mean(name, candidates)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    problems.push_back({"journey.unknown_stage", path, std::move(msg)});
    return kNoStage;
  }

  void build_type_gates(const GuardSymbols& symbols) {
    gates_.clear();
    gate_types_ = 0;
    if (!symbols.catalog) return;
    gate_types_ = symbols.catalog->type_count();
    const std::size_t row = gate_types_ + 1;  // each type, then no touch
    gates_.assign(edges_.size() * row, 1);
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      const std::optional<Guard>& guard = edges_[e].guard;
      if (!guard) continue;
      for (std::size_t t = 0; t < gate_types_; ++t) {
        gates_[e * row + t] = guard->can_hold_of_type(true, static_cast<TypeId>(t)) != Tri::no;
      }
      gates_[e * row + gate_types_] = guard->can_hold_of_type(false, kNoType) != Tri::no;
    }
  }

  // Stages no entry reaches are unreachable (with several entries, from any of them,
  // so one mistake is not reported twice); stages from which no won or lost stage
  // can be reached are stuck.
  void check_reachability(const std::vector<std::size_t>& entries, std::vector<Problem>& problems) const {
    const std::size_t n = stages_.size();
    if (n == 0) return;
    using Color = boost::default_color_type;
    if (!entries.empty()) {
      std::vector<Color> color(n, boost::white_color);
      auto cmap = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, graph_));
      boost::queue<std::size_t> queue;
      for (std::size_t e : entries) {
        if (color[e] == boost::white_color) {
          boost::breadth_first_visit(graph_, e, queue, boost::default_bfs_visitor{}, cmap);
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (color[i] == boost::white_color) {
          problems.push_back({"journey.unreachable_stage", detail::cat("stages[", i, "]"),
                              detail::cat("stage \"", stages_[i].id, "\" cannot be reached from the entry stage \"",
                                          stages_[entries.front()].id, "\"")});
        }
      }
    }
    // Walk the reversed graph from every terminal: what it reaches can end.
    auto reversed = boost::make_reverse_graph(graph_);
    std::vector<Color> color(n, boost::white_color);
    auto cmap = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, reversed));
    boost::queue<std::size_t> queue;
    bool any_terminal = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!terminal(static_cast<StageId>(i)) || color[i] != boost::white_color) continue;
      any_terminal = true;
      boost::breadth_first_visit(reversed, i, queue, boost::default_bfs_visitor{}, cmap);
    }
    if (!any_terminal) {
      problems.push_back({"journey.no_terminal", "stages",
                          "no terminal stage: at least one stage must have kind \"won\" or \"lost\""});
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (color[i] == boost::white_color) {
        problems.push_back({"journey.no_way_to_terminal", detail::cat("stages[", i, "]"),
                            detail::cat("stage \"", stages_[i].id,
                                         "\" cannot reach a won or lost stage: leads there are stuck")});
      }
    }
  }

  // Two transitions out of one stage with the same priority are ambiguous when some
  // catalog touch type (or the clock, with no touch) lets both guards hold.
  void check_ambiguity(const GuardSymbols& symbols, std::vector<Problem>& problems) const {
    std::vector<TouchFacts> cases;
    std::vector<std::string> labels;
    if (symbols.catalog) {
      const Catalog& cat = *symbols.catalog;
      for (std::size_t t = 0; t < cat.type_count(); ++t) {
        const TouchTypeInfo& info = cat.type(static_cast<TypeId>(t));
        const ChannelId ch = info.channel.empty() ? kNoChannel : cat.find_channel(info.channel).value_or(kNoChannel);
        const Classification c = classify(cat, static_cast<TypeId>(t), ch, Axes{}, Team::unknown);
        TouchFacts f;
        f.type = static_cast<TypeId>(t);
        f.channel = ch;
        f.team = c.team;
        f.axes = c.axes;
        f.initiated_contact = c.initiated_contact();
        cases.push_back(f);
        labels.push_back(detail::cat("a \"", info.id, "\" touch"));
      }
    }
    TouchFacts clock;
    clock.has_touch = false;
    cases.push_back(clock);
    labels.push_back("the clock alone (no touch)");

    for (std::size_t s = 0; s < out_.size(); ++s) {
      const auto& list = out_[s];
      for (std::size_t a = 0; a < list.size(); ++a) {
        for (std::size_t b = a + 1; b < list.size(); ++b) {
          const Edge& ea = edges_[list[a]];
          const Edge& eb = edges_[list[b]];
          if (ea.spec.priority != eb.spec.priority || !ea.guard || !eb.guard) continue;
          for (std::size_t k = 0; k < cases.size(); ++k) {
            if (ea.guard->can_hold(cases[k]) != Tri::no && eb.guard->can_hold(cases[k]) != Tri::no) {
              problems.push_back({"journey.ambiguous_transitions", detail::cat("transitions[", list[b], "]"),
                                  detail::cat("transitions[", list[a], "] (to \"", ea.spec.to, "\") and transitions[",
                                               list[b], "] (to \"", eb.spec.to, "\") leave \"", stages_[s].id,
                                               "\" with the same priority ", ea.spec.priority,
                                               " and both can hold on ", labels[k],
                                               ": give them different priorities or exclusive guards")});
              break;
            }
          }
        }
      }
    }
  }

  std::vector<Stage> stages_;
  std::vector<Edge> edges_;
  detail::Interner ids_;
  std::vector<std::string> names_;
  Graph graph_;
  std::vector<std::vector<TransitionId>> out_;
  std::vector<TransitionId> sla_edge_;
  std::vector<bool> time_sensitive_;
  std::vector<std::uint8_t> gates_;  // [transition × (gate_types_ + 1)]: see may_hold()
  std::size_t gate_types_ = 0;
  StageId entry_ = kNoStage;
  bool validated_ = false;
};

}  // namespace v0
}  // namespace doorway
