// doorway — the model-file writer: a Model -> its JSON model file, in canonical
// form (fixed key order; one channel, type, rule, stage or transition per line;
// optional fields left out when they hold their default), so that writing what
// the reader loads gives the same text again.
#include <algorithm>
#include <string>

#include "doorway/detail/strings.hpp"
#include "doorway/model_json.hpp"
#include "doorway/logistic_policy.hpp"
#include "doorway/naive_bayes_policy.hpp"
#include "doorway/decay.hpp"
#include "doorway/fit_grade_policy.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/readiness_policy.hpp"
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
  // A list of strings on the same line, left out when empty.
  Line& strings_if(std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) return *this;
    start(key);
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out_ += ", ";
      append_string(out_, values[i]);
    }
    out_ += ']';
    return *this;
  }
  // A key whose value the caller writes next.
  Line& raw(std::string_view key) {
    start(key);
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

void write_strings(std::string& out, const std::vector<std::string>& values);

// A decay object on one line: {"kind": "linear", "per_day": 2}.
void write_decay(std::string& out, const Decay& d) {
  out += "{\"kind\": ";
  append_string(out, to_string(d.kind));
  switch (d.kind) {
    case DecayKind::exponential:
      out += ", \"half_life\": ";
      append_string(out, format_duration(d.half_life));
      break;
    case DecayKind::linear:
      out += ", \"per_day\": ";
      append_number(out, d.per_day);
      break;
    case DecayKind::window:
      out += ", \"window\": ";
      append_string(out, format_duration(d.window));
      break;
    default: break;
  }
  out += '}';
}

void write_points(std::string& out, const AnyPolicy& any, const Catalog& catalog) {
  const auto* p = policy_cast<PointsPolicy>(any);
  const PointsOptions& o = p->options();
  if (o.cap) {
    out += ",\n        \"cap\": ";
    append_number(out, *o.cap);
  }
  // The score's decay: an exponential one in its short form, "half_life".
  const Decay decay = o.score_decay();
  if (decay.kind == DecayKind::exponential) {
    out += ",\n        \"half_life\": ";
    append_string(out, format_duration(decay.half_life));
  } else if (decay.kind != DecayKind::none) {
    out += ",\n        \"decay\": ";
    write_decay(out, decay);
  }
  if (!o.groups.empty()) {
    out += ",\n        \"groups\": ";
    write_list(out, "        ", o.groups, [&](const PointsGroup& g) {
      out += "{\"name\": ";
      append_string(out, g.name);
      if (g.cap) {
        out += ", \"cap\": ";
        append_number(out, *g.cap);
      }
      if (g.decay) {
        out += ", \"decay\": ";
        write_decay(out, *g.decay);
      }
      out += '}';
    });
  }
  out += ",\n        \"rules\": ";
  write_list(out, "        ", p->rules(), [&](const PointsRule& r) {
    Line l(out);
    l.str("type", r.type < catalog.type_count() ? std::string_view(catalog.type(r.type).id) : std::string_view());
    l.num("points", r.points);
    if (r.once) l.boolean("once", true);
    if (r.cap) l.num("cap", *r.cap);
    if (r.group >= 0) l.str("group", o.groups[static_cast<std::size_t>(r.group)].name);
    l.end();
  });
}

void write_fit_grade(std::string& out, const AnyPolicy& any, const Catalog&) {
  const auto* p = policy_cast<FitGradePolicy>(any);
  static constexpr std::string_view kAdjust[] = {"1/3", "2/3", "1"};
  out += ",\n        \"criteria\": ";
  write_list(out, "        ", p->criteria(), [&](const GradeCriterion& c) {
    Line l(out);
    if (c.name != c.trait) l.str("name", c.name);
    l.str("trait", c.trait);
    if (!c.in.empty()) {
      l.raw("in");
      write_strings(out, c.in);
    } else {
      if (c.min) l.num("min", *c.min);
      if (c.max) l.num("max", *c.max);
    }
    l.str("adjust", kAdjust[static_cast<std::size_t>(std::clamp(c.steps, 1, 3) - 1)]);
    l.end();
  });
}

void write_readiness(std::string& out, const AnyPolicy& any, const Catalog&) {
  const ReadinessOptions& o = policy_cast<ReadinessPolicy>(any)->options();
  out += ",\n        \"base\": ";
  append_number(out, o.base);
  out += ",\n        \"price\": ";
  {
    Line l(out);
    l.str("key", o.price_key).raw("steps");
    out += '[';
    for (std::size_t i = 0; i < o.price_steps.size(); ++i) {
      if (i) out += ", ";
      append_number(out, o.price_steps[i]);
    }
    out += ']';
    l.num("per_step", o.per_price_step).end();
  }
  out += ",\n        \"tangibility\": ";
  Line(out).str("key", o.tangibility_key).num("service", o.service).end();
  out += ",\n        \"competition\": ";
  Line(out).str("key", o.competition_key).num("medium", o.medium_competition).num("high", o.high_competition).end();
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
  if (o.weighted()) {
    out += ", \"weights\": ";
    Line(out).num("marketing", o.marketing_weight).num("sales", o.sales_weight).num("unknown", o.unknown_weight).end();
  }
  if (o.half_life > 0) {
    out += ", \"half_life\": ";
    append_string(out, format_duration(o.half_life));
  }
}

void write_strings(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    append_string(out, values[i]);
  }
  out += ']';
}

std::vector<std::string> feature_texts(const std::vector<PredictiveFeature>& features) {
  std::vector<std::string> out;
  for (const PredictiveFeature& f : features) out.push_back(f.text);
  return out;
}

void write_naive_bayes(std::string& out, const AnyPolicy& any, const Catalog& catalog) {
  const auto* p = policy_cast<NaiveBayesPolicy>(any);
  out += ",\n        \"features\": ";
  write_strings(out, feature_texts(p->features()));
  if (p->options().alpha != 1) {
    out += ",\n        \"alpha\": ";
    append_number(out, p->options().alpha);
  }
  // Outcome lists are left out when they are the defaults the reader would pick.
  auto outcomes = [&](std::string_view key, const std::vector<TypeId>& ids, std::span<const std::string_view> defaults) {
    std::vector<TypeId> fallback;
    for (std::string_view d : defaults) {
      if (auto id = catalog.find_type(d)) fallback.push_back(*id);
    }
    if (ids == fallback) return;
    std::vector<std::string> names;
    for (TypeId t : ids) names.push_back(t < catalog.type_count() ? catalog.type(t).id : std::string());
    out += ",\n        ";
    append_string(out, key);
    out += ": ";
    write_strings(out, names);
  };
  outcomes("positive", p->options().positive, kDefaultPositiveOutcomes);
  outcomes("negative", p->options().negative, kDefaultNegativeOutcomes);
}

void write_logistic(std::string& out, const AnyPolicy& any, const Catalog&) {
  const auto* p = policy_cast<LogisticPolicy>(any);
  if (p->intercept() != 0) {
    out += ",\n        \"intercept\": ";
    append_number(out, p->intercept());
  }
  out += ",\n        \"weights\": {";
  for (std::size_t i = 0; i < p->terms().size(); ++i) {
    out += i ? ",\n          " : "\n          ";
    append_string(out, p->terms()[i].feature.text);
    out += ": ";
    append_number(out, p->terms()[i].weight);
  }
  out += p->terms().empty() ? "}" : "\n        }";
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
    {"fit_grade", holds<FitGradePolicy>, write_fit_grade, false},
    {"readiness", holds<ReadinessPolicy>, write_readiness, false},
    {"naive_bayes", holds<NaiveBayesPolicy>, write_naive_bayes, false},
    {"logistic", holds<LogisticPolicy>, write_logistic, false},
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

// The "accounts" section, left out when it holds only defaults.
void write_accounts(std::string& out, const AccountsSpec& spec) {
  if (spec.empty()) return;
  out += ",\n  \"accounts\": {";
  bool first = true;
  if (!spec.rollups.empty()) {
    out += "\n    \"rollups\": ";
    write_list(out, "    ", spec.rollups, [&](const AccountRollup& r) {
      Line l(out);
      l.str("name", r.name).str("kind", to_string(r.kind)).str("score", r.score);
      if (r.kind == RollupKind::decayed_sum) l.str("half_life", format_duration(r.half_life));
      if (r.kind == RollupKind::coverage) {
        l.num("threshold", r.threshold).strings_if("roles", r.roles);
        if (r.role_trait != "role") l.str("role_trait", r.role_trait);
      }
      l.end();
    });
    first = false;
  }
  if (spec.stage_rule != AccountStageRule::most_advanced || !spec.stage_order.empty()) {
    out += first ? "\n" : ",\n";
    out += "    \"stage\": ";
    Line l(out);
    if (spec.stage_rule != AccountStageRule::most_advanced) l.str("rule", to_string(spec.stage_rule));
    l.strings_if("order", spec.stage_order);
    l.end();
  }
  out += "\n  }";
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
    l.str_if("channel", t.channel).strings_if("events", t.events).str_if("description", t.description);
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
    // The score's policy, and its challenger (a shadow policy) when it has one.
    auto write_policy = [&](std::string_view key, const AnyPolicy* policy) {
      const PolicyWriter* writer = nullptr;
      for (const PolicyWriter& w : kPolicyWriters) {
        if (!writer && policy && w.holds(*policy)) writer = &w;
      }
      const std::string_view kind = writer ? writer->kind : policy ? policy->kind() : std::string_view("none");
      const bool one_line = !writer || writer->one_line;
      out += ",\n      ";
      append_string(out, key);
      out += one_line ? ": {\"kind\": " : ": {\n        \"kind\": ";
      append_string(out, kind);
      if (writer) {
        writer->write(out, *policy, catalog);
      } else if (error.empty()) {
        error = detail::cat("score \"", s.name, "\": its ", key, " (kind \"", kind,
                            "\") has no JSON form; model files hold only the built-in policy kinds");
      }
      out += one_line ? "}" : "\n      }";
    };
    write_policy("policy", s.policy.get());
    if (s.challenger) write_policy("challenger", s.challenger.get());
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
  write_accounts(out, model.accounts());
  out += "\n}\n";
  return out;
}

}  // namespace v0
}  // namespace doorway
