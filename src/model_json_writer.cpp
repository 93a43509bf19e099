// doorway — the model-file writer: a Model -> its JSON model file, in canonical
// form (fixed key order; one channel, type, rule, stage or transition per line;
// optional fields left out when they hold their default), so that writing what
// the reader loads gives the same text again.
#include <algorithm>
#include <string>

#include "doorway/detail/strings.hpp"
#include "doorway/model_json.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/temperature_policy.hpp"
#include "doorway/timestamp.hpp"
#include "model_json_internal.hpp"

namespace doorway {
inline namespace v0 {
namespace {

using detail::mjson::append_number;
using detail::mjson::append_string;

// Members of a one-line object: `"key": value` separated by ", ".
class Line {
 public:
  explicit Line(std::string& out) : out_(out) { out_ += '{'; }
  Line& str(std::string_view key, std::string_view value) {
    start(key);
    append_string(out_, value);
    return *this;
  }
  Line& str_if(std::string_view key, std::string_view value) { return value.empty() ? *this : str(key, value); }
  Line& num(std::string_view key, double value) {
    start(key);
    append_number(out_, value);
    return *this;
  }
  Line& boolean(std::string_view key, bool value) {
    start(key);
    out_ += value ? "true" : "false";
    return *this;
  }
  void end() { out_ += '}'; }

 private:
  void start(std::string_view key) {
    if (!first_) out_ += ", ";
    first_ = false;
    append_string(out_, key);
    out_ += ": ";
  }
  std::string& out_;
  bool first_ = true;
};

std::string_view axis_or_empty(std::string_view s) { return s == "unknown" ? std::string_view() : s; }

void write_axes(Line& l, const Axes& a) {
  l.str_if("audience", axis_or_empty(to_string(a.audience)));
  l.str_if("interaction", axis_or_empty(to_string(a.interaction)));
  l.str_if("initiator", axis_or_empty(to_string(a.initiator)));
}

// Writes `items` as a JSON array, one item per line, each produced by `one`.
template <class Items, class One>
void write_list(std::string& out, std::string_view indent, const Items& items, One one) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ",\n";
    first = false;
    out += indent;
    out += "  ";
    one(item);
  }
  out += '\n';
  out += indent;
  out += ']';
}

// Policy writers, one per kind the reader knows (model_json_reader.cpp), chosen
// by the policy's C++ type; each writes the members after "kind".
template <class P>
bool holds(const AnyPolicy& any) {
  return policy_cast<P>(any) != nullptr;
}

void write_points(std::string& out, const AnyPolicy& any, const Catalog& catalog) {
  const auto* p = policy_cast<PointsPolicy>(any);
  if (p->options().cap) {
    out += ",\n        \"cap\": ";
    append_number(out, *p->options().cap);
  }
  if (p->options().half_life > 0) {
    out += ",\n        \"half_life\": ";
    append_string(out, format_duration(p->options().half_life));
  }
  out += ",\n        \"rules\": ";
  write_list(out, "        ", p->rules(), [&](const PointsRule& r) {
    Line l(out);
    l.str("type", r.type < catalog.type_count() ? std::string_view(catalog.type(r.type).id) : std::string_view());
    l.num("points", r.points);
    if (r.once) l.boolean("once", true);
    l.end();
  });
}

void write_temperature(std::string& out, const AnyPolicy& any, const Catalog&) {
  const auto* p = policy_cast<TemperaturePolicy>(any);
  const TemperatureOptions& o = p->options();
  out += ", \"warm_enter\": ";
  append_number(out, o.warm_enter);
  out += ", \"warm_exit\": ";
  append_number(out, o.warm_exit);
  out += ", \"hot_enter\": ";
  append_number(out, o.hot_enter);
  out += ", \"hot_exit\": ";
  append_number(out, o.hot_exit);
  out += ", \"window\": ";
  append_string(out, format_duration(o.window));
}

struct PolicyWriter {
  std::string_view kind;  // as the file names it
  bool (*holds)(const AnyPolicy& policy);
  void (*write)(std::string& out, const AnyPolicy& policy, const Catalog& catalog);
  bool one_line;  // the whole policy object on one line
};
constexpr PolicyWriter kPolicyWriters[] = {
    {"points", holds<PointsPolicy>, write_points, false},
    {"temperature", holds<TemperaturePolicy>, write_temperature, true},
};

void write_map(std::string& out, std::string_view indent, const StageNameMap& map, const Journey& journey) {
  // In stage order, whatever order the entries were given in.
  std::vector<std::pair<std::size_t, const std::pair<std::string, std::string>*>> sorted;
  for (const auto& entry : map) {
    const auto id = journey.find_stage(entry.first);
    sorted.emplace_back(id ? std::size_t{*id} : journey.stage_count(), &entry);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out += "{\n";
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    out += indent;
    out += "  ";
    append_string(out, sorted[i].second->first);
    out += ": ";
    append_string(out, sorted[i].second->second);
    out += i + 1 < sorted.size() ? ",\n" : "\n";
  }
  out += indent;
  out += '}';
}

}  // namespace

absl::StatusOr<std::string> model_to_json(const Model& model) {
  const Catalog& catalog = model.catalog();
  const Journey& journey = model.journey();
  std::string out;
  out.reserve(32 * 1024);
  out += "{\n  \"format\": ";
  append_string(out, kModelFormat);
  out += ",\n  \"version\": ";
  append_number(out, kModelFormatVersion);
  out += ",\n  \"name\": ";
  append_string(out, model.name());
  if (!model.description().empty()) {
    out += ",\n  \"description\": ";
    append_string(out, model.description());
  }

  out += ",\n  \"catalog\": {\n    \"channels\": ";
  write_list(out, "    ", catalog.channels(), [&](const ChannelInfo& c) {
    Line l(out);
    l.str("id", c.id).str_if("group", c.group).str_if("team", axis_or_empty(to_string(c.team)));
    write_axes(l, c.axes);
    l.end();
  });
  out += ",\n    \"types\": ";
  write_list(out, "    ", catalog.types(), [&](const TouchTypeInfo& t) {
    Line l(out);
    l.str("id", t.id).str("kind", to_string(t.kind)).str("team", to_string(t.team));
    write_axes(l, t.axes);
    l.str_if("channel", t.channel).str_if("description", t.description);
    l.end();
  });
  out += "\n  }";

  out += ",\n  \"scores\": ";
  std::string error;
  write_list(out, "  ", model.scores(), [&](const ScoreDef& s) {
    out += "{\n      \"name\": ";
    append_string(out, s.name);
    if (!s.description.empty()) {
      out += ",\n      \"description\": ";
      append_string(out, s.description);
    }
    const PolicyWriter* writer = nullptr;
    for (const PolicyWriter& w : kPolicyWriters) {
      if (!writer && s.policy && w.holds(*s.policy)) writer = &w;
    }
    const std::string_view kind = writer ? writer->kind : s.policy ? s.policy->kind() : std::string_view("none");
    const bool one_line = !writer || writer->one_line;
    out += one_line ? ",\n      \"policy\": {\"kind\": " : ",\n      \"policy\": {\n        \"kind\": ";
    append_string(out, kind);
    if (writer) {
      writer->write(out, *s.policy, catalog);
    } else if (error.empty()) {
      error = detail::cat("score \"", s.name, "\": its policy (kind \"", kind,
                          "\") has no JSON form; model files hold points and temperature policies");
    }
    out += one_line ? "}" : "\n      }";
    out += "\n    }";
  });
  if (!error.empty()) return absl::FailedPreconditionError(error);

  out += ",\n  \"stages\": ";
  write_list(out, "  ", journey.stages(), [&](const Stage& s) {
    Line l(out);
    l.str("id", s.id).str("owner", to_string(s.owner)).str("kind", to_string(s.kind));
    if (s.sla > 0) l.str("sla", format_duration(s.sla));
    l.str_if("description", s.description);
    l.end();
  });

  out += ",\n  \"transitions\": ";
  std::vector<const Transition*> transitions;
  for (std::size_t i = 0; i < journey.transition_count(); ++i) {
    transitions.push_back(&journey.transition(static_cast<TransitionId>(i)).spec);
  }
  write_list(out, "  ", transitions, [&](const Transition* t) {
    Line l(out);
    l.str("from", t->from).str("to", t->to).str("name", t->name);
    if (t->trigger == Trigger::guard) l.str("guard", t->guard);
    l.num("priority", t->priority);
    if (t->kind != TransitionKind::forward) l.str("kind", to_string(t->kind));
    if (t->trigger != Trigger::guard) l.str("trigger", to_string(t->trigger));
    l.str_if("description", t->description);
    l.end();
  });

  const StageMaps& maps = model.maps();
  const bool salesforce = !maps.salesforce_lead_status.empty() || !maps.salesforce_opportunity_stage.empty();
  if (!maps.hubspot_lifecycle.empty() || salesforce) {
    out += ",\n  \"maps\": {";
    bool first = true;
    if (!maps.hubspot_lifecycle.empty()) {
      out += "\n    \"hubspot_lifecycle\": ";
      write_map(out, "    ", maps.hubspot_lifecycle, journey);
      first = false;
    }
    if (salesforce) {
      out += first ? "\n" : ",\n";
      out += "    \"salesforce\": {";
      bool inner_first = true;
      if (!maps.salesforce_lead_status.empty()) {
        out += "\n      \"lead_status\": ";
        write_map(out, "      ", maps.salesforce_lead_status, journey);
        inner_first = false;
      }
      if (!maps.salesforce_opportunity_stage.empty()) {
        out += inner_first ? "\n" : ",\n";
        out += "      \"opportunity_stage\": ";
        write_map(out, "      ", maps.salesforce_opportunity_stage, journey);
      }
      out += "\n    }";
    }
    out += "\n  }";
  }
  out += "\n}\n";
  return out;
}

}  // namespace v0
}  // namespace doorway
