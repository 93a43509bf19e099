// doorway — the Graphviz DOT export of a model's journey (`doorway validate
// MODEL --dot`): who owns each stage, where ownership passes, and what moves a
// lead along each edge.
//
//   stages       one cluster per owning team (marketing, sales), filled in the
//                team's colour; the kind and SLA under the id; won and lost
//                stages drawn with a double border, the entry stage bold
//   edges        labelled "name [priority]" and the guard (or "SLA passes (48h)")
//   handoff      forward, marketing-owned source to sales-owned target: bold red
//   recycle      dashed grey, not used for ranking (it points backwards)
//   detour       dotted
#include <string>

#include "doorway/detail/strings.hpp"
#include "doorway/model_json.hpp"
#include "doorway/timestamp.hpp"
#include "model_json_internal.hpp"

namespace doorway {
inline namespace v0 {
namespace {

struct TeamStyle {
  Team team;
  std::string_view border;
  std::string_view fill;
};
constexpr TeamStyle kTeamStyles[] = {
    {Team::marketing, "#4c78a8", "#dbe7f3"},
    {Team::sales, "#f58518", "#fde5cc"},
    {Team::unknown, "#7f7f7f", "#eeeeee"},
};

const TeamStyle& style_of(Team t) {
  for (const TeamStyle& s : kTeamStyles) {
    if (s.team == t) return s;
  }
  return kTeamStyles[2];
}

// A DOT double-quoted string; "\n" in `s` stays a line break in the label.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

void write_stage(std::string& out, std::string_view indent, const Stage& s) {
  std::string label = s.id;
  if (s.kind != StageKind::inventory) detail::cat_to(label, "\n(", to_string(s.kind), ")");
  if (s.sla > 0) detail::cat_to(label, "\nSLA ", format_duration(s.sla));
  const TeamStyle& st = style_of(s.owner);
  detail::cat_to(out, indent, quote(s.id), " [label=", quote(label), ", color=\"", st.border, "\", fillcolor=\"",
                 st.fill, "\"");
  if (s.kind == StageKind::entry) out += ", penwidth=2.5";
  if (s.kind == StageKind::won || s.kind == StageKind::lost) out += ", peripheries=2";
  if (!s.description.empty()) detail::cat_to(out, ", tooltip=", quote(s.description));
  out += "];\n";
}

}  // namespace

std::string model_to_dot(const Model& model) {
  const Journey& journey = model.journey();
  std::string out;
  detail::cat_to(out, "// ", model.name(), ": ", journey.stage_count(), " stages, ", journey.transition_count(),
                 " transitions (doorway validate --dot)\n");
  detail::cat_to(out, "digraph ", quote(model.name()), " {\n");
  detail::cat_to(out, "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label=",
                 quote(model.name() +
                       "\nbold red: handoff (marketing -> sales)   dashed: recycle   dotted: detour"),
                 "];\n");
  out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#333333\"];\n";

  for (const Team team : {Team::marketing, Team::sales}) {
    bool any = false;
    for (const Stage& s : journey.stages()) any = any || s.owner == team;
    if (!any) continue;
    const TeamStyle& st = style_of(team);
    detail::cat_to(out, "\n  subgraph cluster_", to_string(team), " {\n", "    label=", quote(to_string(team)),
                   "; style=\"rounded,dashed\"; color=\"", st.border, "\"; fontcolor=\"", st.border, "\";\n");
    for (const Stage& s : journey.stages()) {
      if (s.owner == team) write_stage(out, "    ", s);
    }
    out += "  }\n";
  }
  bool unowned = false;
  for (const Stage& s : journey.stages()) {
    if (s.owner != Team::marketing && s.owner != Team::sales) {
      if (!unowned) out += '\n';
      unowned = true;
      write_stage(out, "  ", s);
    }
  }

  out += '\n';
  for (std::size_t i = 0; i < journey.transition_count(); ++i) {
    const Journey::Edge& e = journey.transition(static_cast<TransitionId>(i));
    const Transition& t = e.spec;
    std::string label = detail::cat(e.handoff ? "handoff: " : "", t.name, " [", t.priority, "]\n");
    if (t.trigger == Trigger::sla) {
      const auto from = journey.find_stage(t.from);
      const Duration sla = from ? journey.stage(*from).sla : 0;
      label += sla > 0 ? detail::cat("SLA passes (", format_duration(sla), ")") : "SLA passes";
    } else {
      label += t.guard;
    }
    detail::cat_to(out, "  ", quote(t.from), " -> ", quote(t.to), " [label=", quote(label));
    if (e.handoff) out += ", color=\"#d62728\", fontcolor=\"#d62728\", penwidth=2.5, style=bold";
    if (t.kind == TransitionKind::recycle) out += ", style=dashed, color=\"#7f7f7f\", constraint=false";
    if (t.kind == TransitionKind::detour) out += ", style=dotted";
    if (!t.description.empty()) detail::cat_to(out, ", tooltip=", quote(t.description));
    out += "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace v0
}  // namespace doorway
