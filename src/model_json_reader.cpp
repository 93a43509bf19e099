// doorway — the model-file reader: JSON text -> a validated Model, or every
// problem found, each located at file:line:column with its JSON path.
//
// One pass over the document checks every object's keys (unknown ones are errors
// with a did-you-mean), every value's type and every name the reader can resolve
// (channels of types, types of points rules, policy kinds), building the model
// as it goes with best-effort values; then ModelBuilder::build() validates the
// journey (stages, transitions, guards, maps). Its problems carry JSON paths
// ("transitions[7].guard"), which are mapped back onto positions recorded during
// the pass (a guard's "column N" onto the very character in the file).
//
// One mistake gets one report: when the reader had to drop or default a value
// (a missing owner, a bad duration, an unknown policy kind), a build problem at
// the same element (or inside it, or above the field) is left out, since it is
// the same mistake seen again ("stage has no owning team"); and while a
// transition names an unknown stage, reachability problems are left out (they
// would blame the stage the typo meant).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/guard.hpp"
#include "doorway/logistic_policy.hpp"
#include "doorway/naive_bayes_policy.hpp"
#include "doorway/model_json.hpp"
#include "doorway/decay.hpp"
#include "doorway/fit_grade_policy.hpp"
#include "doorway/points_policy.hpp"
#include "doorway/readiness_policy.hpp"
#include "doorway/temperature_policy.hpp"
#include "model_json_internal.hpp"

namespace doorway {
inline namespace v0 {

std::string ModelProblem::to_string() const {
  std::string out = source;
  if (line > 0) detail::cat_to(out, ":", line, ":", column);
  out += ": ";
  if (!path.empty()) detail::cat_to(out, path, ": ");
  out += message;
  return out;
}

std::string to_string(const std::vector<ModelProblem>& problems) {
  std::string out;
  for (const ModelProblem& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}

namespace {

using detail::mjson::Kind;
using detail::mjson::Member;
using detail::mjson::Value;
using Names = std::span<const std::string_view>;

constexpr std::string_view kRootKeys[] = {"format", "version", "name",        "description", "catalog",
                                          "scores", "stages",  "transitions", "maps", "accounts"};
constexpr std::string_view kCatalogKeys[] = {"channels", "types"};
constexpr std::string_view kChannelKeys[] = {"id", "group", "team", "audience", "interaction", "initiator"};
constexpr std::string_view kTypeKeys[] = {"id",          "kind",      "team",    "audience",
                                          "interaction", "initiator", "channel", "description",
                                          "events"};
constexpr std::string_view kScoreKeys[] = {"name", "description", "policy", "challenger"};
constexpr std::string_view kPointsKeys[] = {"kind", "rules", "cap", "half_life", "decay", "groups"};
constexpr std::string_view kRuleKeys[] = {"type", "points", "once", "cap", "group"};
constexpr std::string_view kGroupKeys[] = {"name", "cap", "decay"};
constexpr std::string_view kFitGradeKeys[] = {"kind", "criteria"};
constexpr std::string_view kCriterionKeys[] = {"name", "trait", "in", "min", "max", "adjust"};
constexpr std::string_view kReadinessKeys[] = {"kind", "base", "price", "tangibility", "competition"};
constexpr std::string_view kPriceKeys[] = {"key", "steps", "per_step"};
constexpr std::string_view kTangibilityKeys[] = {"key", "service"};
constexpr std::string_view kCompetitionKeys[] = {"key", "medium", "high"};
constexpr std::string_view kNaiveBayesKeys[] = {"kind", "features", "alpha", "positive", "negative"};
constexpr std::string_view kLogisticKeys[] = {"kind", "intercept", "weights"};
constexpr std::string_view kAccountsKeys[] = {"rollups", "stage"};
constexpr std::string_view kAccountStageKeys[] = {"rule", "order"};
constexpr std::string_view kRollupKeys[] = {"name", "kind", "score", "half_life", "threshold", "roles", "role_trait"};
constexpr std::string_view kTemperatureKeys[] = {"kind",     "warm_enter", "warm_exit", "hot_enter",
                                                 "hot_exit", "window",     "weights",   "half_life"};
constexpr std::string_view kStageKeys[] = {"id", "owner", "kind", "sla", "description"};
constexpr std::string_view kTransitionKeys[] = {"from",     "to",   "name",    "guard",
                                                "priority", "kind", "trigger", "description"};
constexpr std::string_view kMapsKeys[] = {"hubspot_lifecycle", "salesforce"};
constexpr std::string_view kSalesforceKeys[] = {"lead_status", "opportunity_stage"};

constexpr std::string_view kOwners[] = {"marketing", "sales"};
constexpr Team kOwnerValues[] = {Team::marketing, Team::sales};
constexpr std::string_view kTeams[] = {"marketing", "sales", "unknown"};
constexpr Team kTeamValues[] = {Team::marketing, Team::sales, Team::unknown};
constexpr std::string_view kAudiences[] = {"one_to_many", "one_to_one", "unknown"};
constexpr Audience kAudienceValues[] = {Audience::one_to_many, Audience::one_to_one, Audience::unknown};
constexpr std::string_view kInteractions[] = {"one_way", "two_way", "unknown"};
constexpr Interaction kInteractionValues[] = {Interaction::one_way, Interaction::two_way, Interaction::unknown};
constexpr std::string_view kInitiators[] = {"business", "prospect", "unknown"};
constexpr Initiator kInitiatorValues[] = {Initiator::business, Initiator::prospect, Initiator::unknown};
constexpr std::string_view kTouchKinds[] = {"contact", "door", "outcome"};
constexpr TouchKind kTouchKindValues[] = {TouchKind::contact, TouchKind::door, TouchKind::outcome};
constexpr std::string_view kStageKinds[] = {"entry", "inventory", "sla", "won", "lost"};
constexpr StageKind kStageKindValues[] = {StageKind::entry, StageKind::inventory, StageKind::sla, StageKind::won,
                                          StageKind::lost};
constexpr std::string_view kTransitionKinds[] = {"forward", "recycle", "detour"};
constexpr TransitionKind kTransitionKindValues[] = {TransitionKind::forward, TransitionKind::recycle,
                                                    TransitionKind::detour};
constexpr std::string_view kTriggers[] = {"guard", "sla"};
constexpr Trigger kTriggerValues[] = {Trigger::guard, Trigger::sla};
constexpr std::string_view kGuardKeywords[] = {"and", "or", "not", "in", "true", "false"};

std::string join(Names names) {
  std::string out;
  for (std::string_view n : names) detail::cat_to(out, out.empty() ? "" : ", ", n);
  return out;
}

std::string member_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : detail::cat(path, ".", key);
}
std::string item_path(const std::string& path, std::size_t i) { return detail::cat(path, "[", i, "]"); }

bool starts_with_element(const std::string& longer, const std::string& prefix) {
  return longer.size() > prefix.size() && longer.compare(0, prefix.size(), prefix) == 0 &&
         (longer[prefix.size()] == '.' || longer[prefix.size()] == '[');
}

struct Found {
  std::string code;
  std::string path;
  std::string message;
  std::uint32_t offset = 0;
  bool lossy = true;  // the reader dropped or defaulted a value because of it
};

class Reader {
 public:
  Reader(std::string_view text, std::string_view source) : text_(text), source_(source), map_(text) {}

  ModelLoadResult run() {
    ModelLoadResult result;
    detail::mjson::ParseError error;
    std::optional<Value> root = detail::mjson::parse(text_, &error);
    if (!root) {
      report("json.syntax", "", error.offset, error.message);
      return finish(nullptr);
    }
    if (root->kind != Kind::object) {
      report("json.wrong_type", "", root->offset,
             detail::cat("a model file is a JSON object, not ", detail::mjson::kind_name(root->kind)));
      return finish(nullptr);
    }
    if (!read_header(*root)) return finish(nullptr);
    check_keys(*root, "", kRootKeys);

    ModelBuilder builder(get_string(*root, "", "name", true).value_or("model"));
    builder_ = &builder;
    if (auto d = get_string(*root, "", "description", false)) builder.set_description(*d);
    if (const Value* catalog = get_object(*root, "", "catalog", false, kCatalogKeys)) read_catalog(*catalog);
    if (const Value* scores = get_array(*root, "", "scores", false)) read_scores(*scores);
    if (const Value* stages = get_array(*root, "", "stages", false)) read_stages(*stages);
    if (const Value* transitions = get_array(*root, "", "transitions", false)) read_transitions(*transitions);
    if (const Value* maps = get_object(*root, "", "maps", false, kMapsKeys)) read_maps(*maps);
    if (const Value* accounts = get_object(*root, "", "accounts", false, kAccountsKeys)) read_accounts(*accounts);

    std::vector<Problem> built;
    std::shared_ptr<const Model> model = builder.build(&built);
    const std::size_t reader_count = found_.size();
    // Reachability is judged on the edges that resolved: with a misspelled stage
    // in a transition it would blame the stage the typo meant, so wait for the fix.
    const bool unresolved = std::any_of(built.begin(), built.end(),
                                        [](const Problem& p) { return p.code == "journey.unknown_stage"; });
    for (Problem& p : built) {
      if (covered(p.path, reader_count)) continue;
      if (unresolved && (p.code == "journey.unreachable_stage" || p.code == "journey.no_way_to_terminal")) continue;
      const std::uint32_t offset = locate(p);
      report(p.code, p.path, offset, std::move(p.message));
    }
    return finish(found_.empty() ? std::move(model) : nullptr);
  }

 private:
  // --- problems ----------------------------------------------------------------
  void report(std::string code, std::string path, std::uint32_t offset, std::string message) {
    found_.push_back({std::move(code), std::move(path), std::move(message), offset, true});
  }
  // A problem that changed nothing the builder sees (an ignored key, a name
  // guards cannot use): it hides no build problem.
  void remark(std::string code, std::string path, std::uint32_t offset, std::string message) {
    found_.push_back({std::move(code), std::move(path), std::move(message), offset, false});
  }

  ModelLoadResult finish(std::shared_ptr<const Model> model) {
    std::stable_sort(found_.begin(), found_.end(),
                     [](const Found& a, const Found& b) { return a.offset < b.offset; });
    ModelLoadResult r;
    r.model = std::move(model);
    for (Found& f : found_) {
      const auto pos = map_.at(f.offset);
      r.problems.push_back(
          {std::move(f.code), std::move(f.path), std::move(f.message), std::string(source_), pos.line, pos.column});
    }
    return r;
  }

  // True when the reader already reported a value it had to drop or default at
  // the same place: the same path, a field inside this element, or an element or
  // field this path lies in.
  bool covered(const std::string& path, std::size_t reader_count) const {
    for (std::size_t i = 0; i < reader_count; ++i) {
      const std::string& q = found_[i].path;
      if (q.empty() || !found_[i].lossy) continue;
      if (q == path) return true;
      if (!path.empty() && path.back() == ']' && starts_with_element(q, path)) return true;
      if (starts_with_element(path, q)) return true;
    }
    return false;
  }

  // Where a build problem points: its path's recorded offset (or its nearest
  // recorded ancestor's), refined for guard columns and extra entry stages.
  std::uint32_t locate(const Problem& p) const {
    if (p.code == "journey.guard") {
      const std::string_view m = p.message;
      constexpr std::string_view kColumn = "column ";
      if (m.substr(0, kColumn.size()) == kColumn) {
        std::size_t column = 0;
        const char* first = m.data() + kColumn.size();
        const auto r = std::from_chars(first, m.data() + m.size(), column);
        if (r.ec == std::errc{} && column > 0) {
          if (auto it = guards_.find(p.path); it != guards_.end()) return it->second->byte_offset(column - 1);
        }
      }
    }
    if (p.code == "journey.several_entries" && entry_kinds_.size() > 1) return entry_kinds_[1];
    std::string path = p.path;
    while (true) {
      if (auto it = where_.find(path); it != where_.end()) return it->second;
      if (path.empty()) return 0;
      const std::size_t cut = path.find_last_of(".[");
      path = cut == std::string::npos ? std::string() : path.substr(0, cut);
    }
  }

  void note(const std::string& path, std::uint32_t offset) { where_.emplace(path, offset); }

  // --- generic getters ---------------------------------------------------------
  // Unknown keys (with a suggestion) and repeated keys of an object.
  void check_keys(const Value& obj, const std::string& path, Names keys) {
    for (std::size_t i = 0; i < obj.members.size(); ++i) {
      const Member& m = obj.members[i];
      const std::string at = member_path(path, m.key);
      if (std::find(keys.begin(), keys.end(), m.key) == keys.end()) {
        std::string msg = detail::cat("unknown key \"", m.key, "\"");
        if (auto hint = detail::did_you_mean(m.key, keys)) {
          detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
        } else {
          detail::cat_to(msg, " (expected ", join(keys), ")");
        }
        remark("json.unknown_key", at, m.key_offset, std::move(msg));
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (obj.members[j].key == m.key) {
          remark("json.duplicate_key", at, m.key_offset,
                 detail::cat("key \"", m.key, "\" appears twice (first on line ",
                             map_.at(obj.members[j].key_offset).line, ")"));
          break;
        }
      }
    }
  }

  // The value of `key` when present and of kind `kind`; reports a missing
  // required key at the object and a wrong type at the value.
  const Value* get(const Value& obj, const std::string& path, std::string_view key, bool required, Kind kind,
                   std::string_view expected) {
    const Member* m = obj.find(key);
    if (!m) {
      if (required) {
        report("json.missing_key", path, obj.offset, detail::cat("missing \"", key, "\" (", expected, ")"));
      }
      return nullptr;
    }
    const std::string at = member_path(path, key);
    note(at, m->value.offset);
    if (m->value.kind != kind) {
      report("json.wrong_type", at, m->value.offset,
             detail::cat("expected ", expected, ", got ", detail::mjson::kind_name(m->value.kind)));
      return nullptr;
    }
    return &m->value;
  }

  std::optional<std::string> get_string(const Value& obj, const std::string& path, std::string_view key,
                                        bool required, bool non_empty = true) {
    const Value* v = get(obj, path, key, required, Kind::string, "a string");
    if (!v) return std::nullopt;
    if (non_empty && v->text.empty()) {
      report("json.empty_string", member_path(path, key), v->offset, detail::cat("\"", key, "\" is empty"));
      return std::nullopt;
    }
    return v->text;
  }

  std::optional<double> get_number(const Value& obj, const std::string& path, std::string_view key, bool required) {
    const Value* v = get(obj, path, key, required, Kind::number, "a number");
    if (!v) return std::nullopt;
    return v->number;
  }

  std::optional<bool> get_bool(const Value& obj, const std::string& path, std::string_view key) {
    const Value* v = get(obj, path, key, false, Kind::boolean, "true or false");
    if (!v) return std::nullopt;
    return v->boolean;
  }

  const Value* get_array(const Value& obj, const std::string& path, std::string_view key, bool required) {
    return get(obj, path, key, required, Kind::array, "an array");
  }

  const Value* get_object(const Value& obj, const std::string& path, std::string_view key, bool required,
                          Names keys) {
    const Value* v = get(obj, path, key, required, Kind::object, "an object");
    if (v) check_keys(*v, member_path(path, key), keys);
    return v;
  }

  // An item of an array that must be an object with `keys`.
  bool element(const Value& item, const std::string& path, Names keys, std::string_view what) {
    note(path, item.offset);
    if (item.kind != Kind::object) {
      report("json.wrong_type", path, item.offset,
             detail::cat("expected ", what, " (an object), got ", detail::mjson::kind_name(item.kind)));
      return false;
    }
    check_keys(item, path, keys);
    return true;
  }

  // One of `names`, as its index.
  std::optional<std::size_t> get_choice(const Value& obj, const std::string& path, std::string_view key,
                                        bool required, Names names, std::string_view what) {
    const Value* v = get(obj, path, key, required, Kind::string, detail::cat("a string: ", join(names)));
    if (!v) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == v->text) return i;
    }
    std::string msg = detail::cat("unknown ", what, " \"", v->text, "\"");
    if (auto hint = detail::did_you_mean(v->text, names)) {
      detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    } else {
      detail::cat_to(msg, " (expected one of ", join(names), ")");
    }
    report("json.unknown_value", member_path(path, key), v->offset, std::move(msg));
    return std::nullopt;
  }

  template <class E, std::size_t N>
  E get_enum(const Value& obj, const std::string& path, std::string_view key, bool required,
             const std::string_view (&names)[N], const E (&values)[N], std::string_view what, E fallback) {
    if (auto i = get_choice(obj, path, key, required, names, what)) return values[*i];
    return fallback;
  }

  // A duration: a string such as "30d" or "48h", or a number of seconds.
  std::optional<Duration> get_duration(const Value& obj, const std::string& path, std::string_view key) {
    const Member* m = obj.find(key);
    if (!m) return std::nullopt;
    const std::string at = member_path(path, key);
    const Value& v = m->value;
    note(at, v.offset);
    constexpr std::string_view kHow =
        "write a whole number with a unit (d, h, m, s, ms, us) such as \"30d\", \"48h\" or \"1d12h\", "
        "or a number of seconds";
    if (v.kind == Kind::string) {
      if (auto d = detail::mjson::parse_duration(v.text)) return d;
      report("json.bad_duration", at, v.offset, detail::cat("bad duration \"", v.text, "\": ", kHow));
      return std::nullopt;
    }
    if (v.kind == Kind::number) {
      if (v.number < 0) {
        report("json.bad_duration", at, v.offset, detail::cat("a duration cannot be negative (", v.text, ")"));
        return std::nullopt;
      }
      if (auto d = detail::mjson::duration_from_seconds(v.number)) return d;
      report("json.bad_duration", at, v.offset, detail::cat("duration out of range: ", v.text, " seconds"));
      return std::nullopt;
    }
    report("json.wrong_type", at, v.offset,
           detail::cat("expected a duration (a string such as \"30d\" or a number of seconds), got ",
                       detail::mjson::kind_name(v.kind)));
    return std::nullopt;
  }

  // --- sections ----------------------------------------------------------------
  // format and version; false when reading must stop (not a model file, or a
  // version this reader does not know).
  bool read_header(const Value& root) {
    bool go_on = true;
    if (const Member* f = root.find("format")) {
      note("format", f->value.offset);
      if (f->value.kind != Kind::string || f->value.text != kModelFormat) {
        report("model.format", "format", f->value.offset,
               detail::cat("\"format\" must be \"", kModelFormat, "\": this is not a doorway model file"));
        return false;
      }
    } else {
      report("json.missing_key", "", root.offset,
             detail::cat("missing \"format\": \"", kModelFormat, "\" (the first key of a doorway model file)"));
    }
    if (const Member* v = root.find("version")) {
      note("version", v->value.offset);
      if (v->value.kind != Kind::number || !v->value.integral) {
        report("model.version", "version", v->value.offset,
               detail::cat("\"version\" must be a whole number (this doorway reads version ", kModelFormatVersion,
                           ")"));
        go_on = false;
      } else if (v->value.number != kModelFormatVersion) {
        report("model.version", "version", v->value.offset,
               detail::cat("unsupported version ", v->value.text, ": this doorway reads version ",
                           kModelFormatVersion, " model files only"));
        go_on = false;
      }
    } else {
      report("json.missing_key", "", root.offset,
             detail::cat("missing \"version\": ", kModelFormatVersion, " (the model format version)"));
    }
    return go_on;
  }

  void read_catalog(const Value& catalog) {
    Catalog& cat = builder_->catalog();
    std::unordered_map<std::string, std::size_t> seen;
    if (const Value* channels = get_array(catalog, "catalog", "channels", false)) {
      for (std::size_t i = 0; i < channels->items.size(); ++i) {
        const Value& item = channels->items[i];
        const std::string path = item_path("catalog.channels", i);
        if (!element(item, path, kChannelKeys, "a channel")) continue;
        ChannelInfo info;
        auto id = get_string(item, path, "id", true);
        info.group = get_string(item, path, "group", false).value_or("");
        info.team = get_enum(item, path, "team", false, kTeams, kTeamValues, "team", Team::unknown);
        info.axes = get_axes(item, path);
        if (!id) continue;
        if (auto [it, inserted] = seen.emplace(*id, i); !inserted) {
          report("catalog.duplicate_channel", path + ".id", item.find("id")->value.offset,
                 detail::cat("channel \"", *id, "\" is declared twice (first at catalog.channels[", it->second,
                             "])"));
          continue;
        }
        info.id = *id;
        cat.add_channel(std::move(info));
      }
    }
    std::vector<std::string_view> channel_names;
    for (const ChannelInfo& c : cat.channels()) channel_names.push_back(c.id);
    seen.clear();
    if (const Value* types = get_array(catalog, "catalog", "types", false)) {
      for (std::size_t i = 0; i < types->items.size(); ++i) {
        const Value& item = types->items[i];
        const std::string path = item_path("catalog.types", i);
        if (!element(item, path, kTypeKeys, "a touch type")) continue;
        TouchTypeInfo info;
        auto id = get_string(item, path, "id", true);
        info.kind = get_enum(item, path, "kind", false, kTouchKinds, kTouchKindValues, "kind", TouchKind::contact);
        info.team = get_enum(item, path, "team", true, kOwners, kOwnerValues, "team", Team::unknown);
        info.axes = get_axes(item, path);
        if (auto ch = get_string(item, path, "channel", false)) {
          if (!cat.find_channel(*ch)) {
            std::string msg = detail::cat("unknown channel \"", *ch, "\"");
            if (auto hint = detail::did_you_mean(*ch, channel_names)) {
              detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
            }
            report("catalog.unknown_channel", path + ".channel", item.find("channel")->value.offset, std::move(msg));
          } else {
            info.channel = *ch;
          }
        }
        info.description = get_string(item, path, "description", false, false).value_or("");
        info.events = get_event_names(item, path);
        if (!id) continue;
        if (auto [it, inserted] = seen.emplace(*id, i); !inserted) {
          report("catalog.duplicate_type", path + ".id", item.find("id")->value.offset,
                 detail::cat("touch type \"", *id, "\" is declared twice (first at catalog.types[", it->second,
                             "])"));
          continue;
        }
        info.id = *id;
        cat.add_type(std::move(info));
      }
    }
  }

  // A touch type's event names ("events": ["Demo Requested"]), the names event
  // streams such as Segment use for it: non-empty strings.
  std::vector<std::string> get_event_names(const Value& item, const std::string& path) {
    std::vector<std::string> out;
    const Value* list = get_array(item, path, "events", false);
    if (!list) return out;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Value& v = list->items[i];
      if (v.kind != Kind::string || v.text.empty()) {
        report("json.wrong_type", item_path(member_path(path, "events"), i), v.offset,
               "an event name is a non-empty string");
        continue;
      }
      out.push_back(v.text);
    }
    return out;
  }

  // The three seed axes of a channel or a touch type; each optional, unknown by default.
  Axes get_axes(const Value& item, const std::string& path) {
    Axes a;
    a.audience = get_enum(item, path, "audience", false, kAudiences, kAudienceValues, "audience", Audience::unknown);
    a.interaction = get_enum(item, path, "interaction", false, kInteractions, kInteractionValues, "interaction",
                             Interaction::unknown);
    a.initiator = get_enum(item, path, "initiator", false, kInitiators, kInitiatorValues, "initiator",
                           Initiator::unknown);
    return a;
  }

  void read_scores(const Value& scores) {
    for (std::size_t i = 0; i < scores.items.size(); ++i) {
      const Value& item = scores.items[i];
      const std::string path = item_path("scores", i);
      if (!element(item, path, kScoreKeys, "a score")) continue;
      auto name = get_string(item, path, "name", true);
      if (name) check_score_name(*name, path + ".name", item.find("name")->value.offset);
      auto description = get_string(item, path, "description", false, false).value_or("");
      std::shared_ptr<const AnyPolicy> policy;
      if (const Value* p = get(item, path, "policy", true, Kind::object, "an object")) {
        policy = read_policy(*p, path + ".policy");
      }
      builder_->add_score(name.value_or(""), std::move(policy), std::move(description));
      if (const Value* c = get(item, path, "challenger", false, Kind::object, "an object: a policy")) {
        auto challenger = read_policy(*c, path + ".challenger");
        if (challenger && name) builder_->set_challenger(*name, std::move(challenger));
      }
    }
  }

  // A score's name is what guards call it: a guard identifier that no built-in
  // feature or keyword shadows.
  void check_score_name(const std::string& name, const std::string& path, std::uint32_t offset) {
    const auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    const bool ident = start(name[0]) && std::all_of(name.begin(), name.end(), [&](char c) {
                         return start(c) || (c >= '0' && c <= '9');
                       });
    if (!ident) {
      remark("model.score_name", path, offset,
             detail::cat("score name \"", name,
                         "\" is not a guard name: use letters, digits and _, starting with a letter or _"));
      return;
    }
    for (const auto& b : detail::kGuardBuiltins) {
      if (b.name == name) {
        remark("model.score_name", path, offset,
               detail::cat("score name \"", name, "\" is a built-in guard feature; guards could never read the score"));
        return;
      }
    }
    if (std::find(std::begin(kGuardKeywords), std::end(kGuardKeywords), name) != std::end(kGuardKeywords)) {
      remark("model.score_name", path, offset, detail::cat("score name \"", name, "\" is a guard keyword"));
    }
  }

  // --- policies ----------------------------------------------------------------
  // Each policy kind: its name and its reader. Later kinds add a row here and one
  // in the writer (model_json_writer.cpp).
  using PolicyReader = std::shared_ptr<const AnyPolicy> (Reader::*)(const Value&, const std::string&);
  struct PolicyKind {
    std::string_view name;
    PolicyReader read;
  };

  std::shared_ptr<const AnyPolicy> read_policy(const Value& policy, const std::string& path) {
    static constexpr PolicyKind kPolicyKinds[] = {
        {"points", &Reader::read_points},
        {"temperature", &Reader::read_temperature},
        {"fit_grade", &Reader::read_fit_grade},
        {"readiness", &Reader::read_readiness},
        {"naive_bayes", &Reader::read_naive_bayes},
        {"logistic", &Reader::read_logistic},
    };
    std::vector<std::string_view> kinds;
    for (const PolicyKind& k : kPolicyKinds) kinds.push_back(k.name);
    auto kind = get_string(policy, path, "kind", true);
    if (!kind) return nullptr;
    for (const PolicyKind& k : kPolicyKinds) {
      if (k.name == *kind) return (this->*k.read)(policy, path);
    }
    std::string msg = detail::cat("unknown policy kind \"", *kind, "\"");
    if (auto hint = detail::did_you_mean(*kind, kinds)) {
      detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    } else {
      detail::cat_to(msg, " (expected one of ", join(kinds), ")");
    }
    report("model.unknown_policy_kind", path + ".kind", policy.find("kind")->value.offset, std::move(msg));
    return nullptr;
  }

  std::shared_ptr<const AnyPolicy> read_points(const Value& policy, const std::string& path) {
    check_keys(policy, path, kPointsKeys);
    const Catalog& cat = builder_->catalog();
    std::vector<std::string_view> type_names;
    for (const TouchTypeInfo& t : cat.types()) type_names.push_back(t.id);
    const std::vector<PointsGroup> groups = get_groups(policy, path);
    std::vector<PointsRule> rules;
    std::unordered_map<TypeId, std::size_t> ruled;
    if (const Value* list = get_array(policy, path, "rules", true)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Value& item = list->items[i];
        const std::string at = item_path(path + ".rules", i);
        if (!element(item, at, kRuleKeys, "a points rule")) continue;
        PointsRule rule;
        auto type = get_string(item, at, "type", true);
        auto points = get_number(item, at, "points", true);
        rule.once = get_bool(item, at, "once").value_or(false);
        rule.cap = get_amount(item, at, "cap", false);
        rule.group = get_rule_group(item, at, groups);
        if (!type) continue;
        const auto id = cat.find_type(*type);
        if (!id) {
          std::string msg = detail::cat("unknown touch type \"", *type, "\"");
          if (auto hint = detail::did_you_mean(*type, type_names)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
          report("model.unknown_type", at + ".type", item.find("type")->value.offset, std::move(msg));
          continue;
        }
        if (auto [it, inserted] = ruled.emplace(*id, i); !inserted) {
          report("model.duplicate_rule", at + ".type", item.find("type")->value.offset,
                 detail::cat("touch type \"", *type, "\" already has a rule (", path, ".rules[", it->second, "])"));
          continue;
        }
        if (!points) continue;
        rule.type = *id;
        rule.points = *points;
        rules.push_back(rule);
      }
    }
    PointsOptions options;
    options.cap = get_number(policy, path, "cap", false);
    get_score_decay(policy, path, options);
    options.groups = groups;
    return make_policy(PointsPolicy(std::move(rules), std::move(options)), "points");
  }

  std::shared_ptr<const AnyPolicy> read_temperature(const Value& policy, const std::string& path) {
    check_keys(policy, path, kTemperatureKeys);
    TemperatureOptions o;
    bool bad = false;
    auto threshold = [&](std::string_view key, double& out) {
      if (auto v = get_number(policy, path, key, false)) {
        if (*v < 0) {
          report("model.bad_threshold", member_path(path, key), policy.find(key)->value.offset,
                 detail::cat("\"", key, "\" cannot be negative"));
          bad = true;
        } else {
          out = *v;
        }
      }
    };
    threshold("warm_enter", o.warm_enter);
    threshold("warm_exit", o.warm_exit);
    threshold("hot_enter", o.hot_enter);
    threshold("hot_exit", o.hot_exit);
    o.window = get_duration(policy, path, "window").value_or(o.window);
    get_weights(policy, path, o);
    if (auto h = get_duration(policy, path, "half_life")) o.half_life = *h;
    // Hysteresis: a level is left below its exit threshold, which must not be
    // above its enter threshold (or a lead would fall back the moment it rose).
    auto order = [&](std::string_view low_key, double low, std::string_view high_key, double high) {
      if (bad || low <= high) return;
      const Member* m = policy.find(low_key);
      remark("model.bad_threshold", member_path(path, m ? low_key : high_key),
             m ? m->value.offset : policy.offset,
             detail::cat("\"", low_key, "\" (", low, ") must not be above \"", high_key, "\" (", high, ")"));
    };
    order("warm_exit", o.warm_exit, "warm_enter", o.warm_enter);
    order("hot_exit", o.hot_exit, "hot_enter", o.hot_enter);
    order("warm_enter", o.warm_enter, "hot_enter", o.hot_enter);
    return make_policy(TemperaturePolicy(o), "temperature");
  }

  // --- decay, caps and groups, temperature weights, fit grade, readiness --------
  // A non-negative (or, with `positive`, a greater than zero) number.
  std::optional<double> get_amount(const Value& obj, const std::string& path, std::string_view key, bool required,
                                   bool positive = false) {
    auto v = get_number(obj, path, key, required);
    if (!v) return std::nullopt;
    if (*v < 0 || (positive && *v == 0)) {
      report("model.bad_number", member_path(path, key), obj.find(key)->value.offset,
             detail::cat("\"", key, "\" must be ", positive ? "more than 0" : "0 or more", " (got ",
                         obj.find(key)->value.text, ")"));
      return std::nullopt;
    }
    return v;
  }

  // A duration that must be more than zero.
  std::optional<Duration> get_positive_duration(const Value& obj, const std::string& path, std::string_view key) {
    const Member* m = obj.find(key);
    if (!m) {
      report("json.missing_key", path, obj.offset, detail::cat("missing \"", key, "\" (a duration such as \"30d\")"));
      return std::nullopt;
    }
    auto d = get_duration(obj, path, key);
    if (d && *d <= 0) {
      report("json.bad_duration", member_path(path, key), m->value.offset,
             detail::cat("\"", key, "\" must be more than 0"));
      return std::nullopt;
    }
    return d;
  }

  // A decay (decay.hpp): {"kind": "exponential", "half_life": "30d"}, {"kind":
  // "linear", "per_day": 2}, {"kind": "window", "window": "30d"} or {"kind": "none"}.
  // `given` tells whether the key was there (then nullopt means it was bad).
  std::optional<Decay> get_decay(const Value& obj, const std::string& path, bool* given = nullptr) {
    static constexpr std::string_view kKinds[] = {"none", "exponential", "linear", "window"};
    static constexpr std::string_view kNoneKeys[] = {"kind"};
    static constexpr std::string_view kExponentialKeys[] = {"kind", "half_life"};
    static constexpr std::string_view kLinearKeys[] = {"kind", "per_day"};
    static constexpr std::string_view kWindowKeys[] = {"kind", "window"};
    static constexpr std::string_view kAnyKeys[] = {"kind", "half_life", "per_day", "window"};
    if (given) *given = obj.find("decay") != nullptr;
    const Value* d = get(obj, path, "decay", false, Kind::object,
                         "an object: a decay such as {\"kind\": \"linear\", \"per_day\": 2}");
    if (!d) return std::nullopt;
    const std::string at = member_path(path, "decay");
    const auto which = get_choice(*d, at, "kind", true, kKinds, "decay kind");
    if (!which) {
      check_keys(*d, at, kAnyKeys);
      return std::nullopt;
    }
    switch (*which) {
      case 1: {
        check_keys(*d, at, kExponentialKeys);
        auto h = get_positive_duration(*d, at, "half_life");
        if (!h) return std::nullopt;
        return Decay::exponential(*h);
      }
      case 2: {
        check_keys(*d, at, kLinearKeys);
        auto r = get_amount(*d, at, "per_day", true, true);
        if (!r) return std::nullopt;
        return Decay::linear(*r);
      }
      case 3: {
        check_keys(*d, at, kWindowKeys);
        auto w = get_positive_duration(*d, at, "window");
        if (!w) return std::nullopt;
        return Decay::window_of(*w);
      }
      default: check_keys(*d, at, kNoneKeys); return Decay::none();
    }
  }

  // A points policy's groups, by name; their index is their place in the list.
  std::vector<PointsGroup> get_groups(const Value& policy, const std::string& path) {
    std::vector<PointsGroup> groups;
    const Value* list = get_array(policy, path, "groups", false);
    if (!list) return groups;
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Value& item = list->items[i];
      const std::string at = item_path(path + ".groups", i);
      if (!element(item, at, kGroupKeys, "a points group")) continue;
      PointsGroup g;
      auto name = get_string(item, at, "name", true);
      g.cap = get_amount(item, at, "cap", false);
      g.decay = get_decay(item, at);
      if (!name) continue;
      if (auto [it, inserted] = seen.emplace(*name, i); !inserted) {
        report("model.duplicate_group", at + ".name", item.find("name")->value.offset,
               detail::cat("group \"", *name, "\" is declared twice (first at ", path, ".groups[", it->second, "])"));
        continue;
      }
      g.name = *name;
      groups.push_back(std::move(g));
    }
    return groups;
  }

  // A rule's group: the index of the named group, or -1.
  int get_rule_group(const Value& item, const std::string& at, const std::vector<PointsGroup>& groups) {
    auto name = get_string(item, at, "group", false);
    if (!name) return -1;
    std::vector<std::string_view> names;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].name == *name) return static_cast<int>(g);
      names.push_back(groups[g].name);
    }
    std::string msg = detail::cat("unknown group \"", *name, "\"");
    if (auto hint = detail::did_you_mean(*name, names)) {
      detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    } else if (names.empty()) {
      msg += " (the policy declares no \"groups\")";
    } else {
      detail::cat_to(msg, " (expected one of ", join(names), ")");
    }
    report("model.unknown_group", at + ".group", item.find("group")->value.offset, std::move(msg));
    return -1;
  }

  // The score's decay: "half_life" (exponential, the short form) or "decay".
  void get_score_decay(const Value& policy, const std::string& path, PointsOptions& options) {
    options.half_life = get_duration(policy, path, "half_life").value_or(0);
    bool given = false;
    auto decay = get_decay(policy, path, &given);
    if (given && policy.find("half_life")) {
      report("model.decay_twice", path + ".decay", policy.find("decay")->value.offset,
             "give the score's decay once: \"half_life\" is short for {\"kind\": \"exponential\", \"half_life\": …}");
      return;
    }
    if (decay) options.decay = *decay;
  }

  // Team weights of a temperature score: {"marketing": 1, "sales": 2, "unknown": 1}.
  void get_weights(const Value& policy, const std::string& path, TemperatureOptions& o) {
    const Value* w = get_object(policy, path, "weights", false, kTeams);
    if (!w) return;
    const std::string at = path + ".weights";
    o.marketing_weight = get_amount(*w, at, "marketing", false).value_or(1);
    o.sales_weight = get_amount(*w, at, "sales", false).value_or(1);
    o.unknown_weight = get_amount(*w, at, "unknown", false).value_or(1);
  }

  std::shared_ptr<const AnyPolicy> read_fit_grade(const Value& policy, const std::string& path) {
    check_keys(policy, path, kFitGradeKeys);
    static constexpr std::string_view kAdjust[] = {"1/3", "2/3", "1"};
    std::vector<GradeCriterion> criteria;
    std::unordered_map<std::string, std::size_t> seen;
    if (const Value* list = get_array(policy, path, "criteria", true)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Value& item = list->items[i];
        const std::string at = item_path(path + ".criteria", i);
        if (!element(item, at, kCriterionKeys, "a grading criterion")) continue;
        GradeCriterion c;
        auto trait = get_string(item, at, "trait", true);
        auto name = get_string(item, at, "name", false);
        auto steps = get_choice(item, at, "adjust", true, kAdjust, "adjustment");
        bool ok = trait && steps;
        if (const Value* in = get_array(item, at, "in", false)) {
          for (std::size_t k = 0; k < in->items.size(); ++k) {
            const Value& v = in->items[k];
            note(item_path(at + ".in", k), v.offset);
            if (v.kind != Kind::string || v.text.empty()) {
              report("json.wrong_type", item_path(at + ".in", k), v.offset, "expected a non-empty string: a wanted value");
              ok = false;
              continue;
            }
            c.in.push_back(v.text);
          }
          if (in->items.empty()) {
            report("model.bad_criterion", at + ".in", in->offset, "the list of wanted values is empty");
            ok = false;
          }
        }
        c.min = get_number(item, at, "min", false);
        c.max = get_number(item, at, "max", false);
        const bool listed = item.find("in") != nullptr;
        const bool ranged = item.find("min") != nullptr || item.find("max") != nullptr;
        if (listed && ranged) {
          report("model.bad_criterion", at, item.offset,
                 "a criterion has either \"in\" (wanted values) or \"min\" / \"max\" (a numeric range), not both");
          ok = false;
        } else if (!listed && !ranged) {
          report("model.bad_criterion", at, item.offset,
                 "a criterion needs \"in\" (wanted values) or \"min\" / \"max\" (a numeric range)");
          ok = false;
        } else if (c.min && c.max && *c.min > *c.max) {
          report("model.bad_criterion", at + ".min", item.find("min")->value.offset,
                 detail::cat("\"min\" (", *c.min, ") is above \"max\" (", *c.max, ")"));
          ok = false;
        }
        if (!ok) continue;
        c.trait = *trait;
        c.name = name.value_or(*trait);
        c.steps = static_cast<int>(*steps) + 1;
        if (auto [it, inserted] = seen.emplace(c.name, i); !inserted) {
          const Member* m = item.find("name");
          report("model.duplicate_criterion", at + (m ? ".name" : ".trait"),
                 m ? m->value.offset : item.find("trait")->value.offset,
                 detail::cat("criterion \"", c.name, "\" is declared twice (first at ", path, ".criteria[", it->second,
                             "])", m ? "" : ": give each criterion on this trait a \"name\""));
          continue;
        }
        criteria.push_back(std::move(c));
      }
    }
    return make_policy(FitGradePolicy(std::move(criteria)), "fit_grade");
  }

  std::shared_ptr<const AnyPolicy> read_readiness(const Value& policy, const std::string& path) {
    check_keys(policy, path, kReadinessKeys);
    ReadinessOptions o;
    o.base = get_amount(policy, path, "base", false).value_or(o.base);
    if (const Value* p = get_object(policy, path, "price", false, kPriceKeys)) {
      const std::string at = path + ".price";
      o.price_key = get_string(*p, at, "key", false).value_or(o.price_key);
      o.per_price_step = get_amount(*p, at, "per_step", false).value_or(o.per_price_step);
      if (const Value* steps = get_array(*p, at, "steps", false)) {
        std::vector<double> read;
        for (std::size_t k = 0; k < steps->items.size(); ++k) {
          const Value& v = steps->items[k];
          const std::string item = item_path(at + ".steps", k);
          note(item, v.offset);
          if (v.kind != Kind::number) {
            report("json.wrong_type", item, v.offset,
                   detail::cat("expected a number (a price), got ", detail::mjson::kind_name(v.kind)));
          } else if (!read.empty() && v.number <= read.back()) {
            report("model.bad_number", item, v.offset,
                   detail::cat("price steps go up: ", v.text, " is not above the step before it (", read.back(), ")"));
          } else {
            read.push_back(v.number);
            continue;
          }
          read.clear();
          break;
        }
        if (read.size() == steps->items.size()) o.price_steps = std::move(read);
      }
    }
    if (const Value* t = get_object(policy, path, "tangibility", false, kTangibilityKeys)) {
      const std::string at = path + ".tangibility";
      o.tangibility_key = get_string(*t, at, "key", false).value_or(o.tangibility_key);
      o.service = get_amount(*t, at, "service", false).value_or(o.service);
    }
    if (const Value* c = get_object(policy, path, "competition", false, kCompetitionKeys)) {
      const std::string at = path + ".competition";
      o.competition_key = get_string(*c, at, "key", false).value_or(o.competition_key);
      o.medium_competition = get_amount(*c, at, "medium", false).value_or(o.medium_competition);
      o.high_competition = get_amount(*c, at, "high", false).value_or(o.high_competition);
    }
    return make_policy(ReadinessPolicy(std::move(o)), "readiness");
  }

  // --- predictive policies -------------------------------------------------------
  // A list of predictive features (predictive_features.hpp), each a string.
  std::vector<PredictiveFeature> get_features(const Value& list, const std::string& path, bool numeric_allowed) {
    std::vector<PredictiveFeature> out;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Value& v = list.items[i];
      const std::string at = item_path(path, i);
      note(at, v.offset);
      if (v.kind != Kind::string) {
        report("json.wrong_type", at, v.offset,
               detail::cat("expected a feature string such as \"type:demo_request\", got ",
                           detail::mjson::kind_name(v.kind)));
        continue;
      }
      if (auto f = feature(v.text, at, v.offset, numeric_allowed, out)) out.push_back(std::move(*f));
    }
    return out;
  }
  std::optional<PredictiveFeature> feature(const std::string& text, const std::string& at, std::uint32_t offset,
                                           bool numeric_allowed, const std::vector<PredictiveFeature>& before) {
    std::string error;
    auto f = parse_predictive_feature(text, builder_->catalog(), numeric_allowed, &error);
    if (!f) {
      report("model.bad_feature", at, offset, std::move(error));
      return std::nullopt;
    }
    for (const PredictiveFeature& b : before) {
      if (b.text == f->text) {
        report("model.duplicate_feature", at, offset, detail::cat("feature \"", text, "\" is listed twice"));
        return std::nullopt;
      }
    }
    return f;
  }

  // Touch type ids named by the strings of array `key`; nullopt when the key is absent.
  std::optional<std::vector<TypeId>> get_types(const Value& obj, const std::string& path, std::string_view key) {
    const Value* list = get_array(obj, path, key, false);
    if (!list) return std::nullopt;
    std::vector<std::string_view> names;
    for (const TouchTypeInfo& t : builder_->catalog().types()) names.push_back(t.id);
    std::vector<TypeId> out;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Value& v = list->items[i];
      const std::string at = item_path(member_path(path, key), i);
      note(at, v.offset);
      if (v.kind != Kind::string) {
        report("json.wrong_type", at, v.offset, detail::cat("expected a touch type id, got ", detail::mjson::kind_name(v.kind)));
        continue;
      }
      const auto id = builder_->catalog().find_type(v.text);
      if (!id) {
        std::string msg = detail::cat("unknown touch type \"", v.text, "\"");
        if (auto hint = detail::did_you_mean(v.text, names)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
        report("model.unknown_type", at, v.offset, std::move(msg));
        continue;
      }
      out.push_back(*id);
    }
    return out;
  }

  std::shared_ptr<const AnyPolicy> read_naive_bayes(const Value& policy, const std::string& path) {
    check_keys(policy, path, kNaiveBayesKeys);
    std::vector<PredictiveFeature> features;
    if (const Value* list = get_array(policy, path, "features", true)) {
      features = get_features(*list, path + ".features", false);
      if (list->items.empty()) report("model.no_features", path + ".features", list->offset, "list at least one feature");
    }
    NaiveBayesOptions o;
    if (auto a = get_number(policy, path, "alpha", false)) {
      if (*a < 0) {
        report("model.bad_alpha", path + ".alpha", policy.find("alpha")->value.offset, "\"alpha\" cannot be negative");
      } else {
        o.alpha = *a;
      }
    }
    auto outcomes = [&](std::string_view key, std::span<const std::string_view> defaults) {
      if (auto given = get_types(policy, path, key)) return *given;
      std::vector<TypeId> out;
      for (std::string_view d : defaults) {
        if (auto id = builder_->catalog().find_type(d)) out.push_back(*id);
      }
      if (out.empty()) {
        report("model.no_outcomes", member_path(path, key), policy.offset,
               detail::cat("no \"", key, "\" outcome types: the catalog has none of ", join(defaults),
                           "; name them in \"", key, "\""));
      }
      return out;
    };
    o.positive = outcomes("positive", kDefaultPositiveOutcomes);
    o.negative = outcomes("negative", kDefaultNegativeOutcomes);
    for (TypeId t : o.positive) {
      if (std::find(o.negative.begin(), o.negative.end(), t) != o.negative.end()) {
        const Member* m = policy.find("negative");
        report("model.outcome_both_ways", path + ".negative", m ? m->value.offset : policy.offset,
               detail::cat("touch type \"", builder_->catalog().type(t).id, "\" is both a positive and a negative outcome"));
      }
    }
    return make_naive_bayes_policy(NaiveBayesPolicy(std::move(features), std::move(o)));
  }

  std::shared_ptr<const AnyPolicy> read_logistic(const Value& policy, const std::string& path) {
    check_keys(policy, path, kLogisticKeys);
    const double intercept = get_number(policy, path, "intercept", false).value_or(0);
    std::vector<LogisticTerm> terms;
    if (const Value* weights = get(policy, path, "weights", true, Kind::object, "an object: feature -> weight")) {
      std::vector<PredictiveFeature> seen;
      for (const Member& m : weights->members) {
        const std::string at = member_path(path + ".weights", m.key);
        note(at, m.key_offset);
        auto f = feature(m.key, at, m.key_offset, true, seen);
        if (m.value.kind != Kind::number) {
          report("json.wrong_type", at, m.value.offset,
                 detail::cat("expected a number (the feature's weight), got ", detail::mjson::kind_name(m.value.kind)));
          continue;
        }
        if (!f) continue;
        seen.push_back(*f);
        terms.push_back({std::move(*f), m.value.number});
      }
    }
    return make_logistic_policy(LogisticPolicy(std::move(terms), intercept));
  }

  // --- accounts ------------------------------------------------------------------
  void read_accounts(const Value& accounts) {
    AccountsSpec& spec = builder_->accounts();
    if (const Value* list = get_array(accounts, "accounts", "rollups", false)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Value& item = list->items[i];
        const std::string path = item_path("accounts.rollups", i);
        if (!element(item, path, kRollupKeys, "an account roll-up")) continue;
        AccountRollup r;
        r.name = get_string(item, path, "name", true).value_or("");
        r.score = get_string(item, path, "score", true).value_or("");
        const auto kind = get_choice(item, path, "kind", true, kRollupKinds, "roll-up kind");
        if (kind) r.kind = *parse_rollup_kind(kRollupKinds[*kind]);
        // Keys that belong to other kinds.
        auto only_for = [&](std::string_view key, RollupKind k) {
          if (const Member* m = item.find(key); m && kind && r.kind != k) {
            remark("model.rollup_key", member_path(path, key), m->key_offset,
                   detail::cat("\"", key, "\" applies to ", to_string(k), " roll-ups, not ", to_string(r.kind)));
          }
        };
        only_for("half_life", RollupKind::decayed_sum);
        only_for("threshold", RollupKind::coverage);
        only_for("roles", RollupKind::coverage);
        only_for("role_trait", RollupKind::coverage);
        if (kind && r.kind == RollupKind::decayed_sum) {
          if (!item.find("half_life")) {
            report("json.missing_key", path, item.offset, "missing \"half_life\" (a duration) for a decayed_sum roll-up");
          }
          r.half_life = get_duration(item, path, "half_life").value_or(0);
        }
        if (kind && r.kind == RollupKind::coverage) {
          r.threshold = get_number(item, path, "threshold", true).value_or(0);
          r.role_trait = get_string(item, path, "role_trait", false).value_or("role");
          if (const Value* roles = get_array(item, path, "roles", true)) {
            for (std::size_t k = 0; k < roles->items.size(); ++k) {
              const Value& v = roles->items[k];
              const std::string at = item_path(path + ".roles", k);
              note(at, v.offset);
              if (v.kind != Kind::string || v.text.empty()) {
                report("json.wrong_type", at, v.offset, "a role is a non-empty string");
                continue;
              }
              if (std::find(r.roles.begin(), r.roles.end(), v.text) != r.roles.end()) {
                report("model.duplicate_role", at, v.offset, detail::cat("role \"", v.text, "\" is listed twice"));
                continue;
              }
              r.roles.push_back(v.text);
            }
          }
        }
        spec.rollups.push_back(std::move(r));
      }
    }
    if (const Value* stage = get_object(accounts, "accounts", "stage", false, kAccountStageKeys)) {
      if (auto rule = get_choice(*stage, "accounts.stage", "rule", false, kAccountStageRules, "account stage rule")) {
        spec.stage_rule = *parse_account_stage_rule(kAccountStageRules[*rule]);
      }
      if (const Value* order = get_array(*stage, "accounts.stage", "order", false)) {
        for (std::size_t k = 0; k < order->items.size(); ++k) {
          const Value& v = order->items[k];
          const std::string at = item_path("accounts.stage.order", k);
          note(at, v.offset);
          if (v.kind != Kind::string) {
            report("json.wrong_type", at, v.offset, detail::cat("expected a stage id, got ", detail::mjson::kind_name(v.kind)));
            continue;
          }
          spec.stage_order.push_back(v.text);
        }
      }
    }
  }

  // --- journey -----------------------------------------------------------------
  void read_stages(const Value& stages) {
    for (std::size_t i = 0; i < stages.items.size(); ++i) {
      const Value& item = stages.items[i];
      const std::string path = item_path("stages", i);
      if (!element(item, path, kStageKeys, "a stage")) continue;
      Stage s;
      s.id = get_string(item, path, "id", true).value_or("");
      s.owner = get_enum(item, path, "owner", true, kOwners, kOwnerValues, "owner", Team::unknown);
      s.kind = get_enum(item, path, "kind", false, kStageKinds, kStageKindValues, "stage kind", StageKind::inventory);
      if (s.kind == StageKind::entry) entry_kinds_.push_back(item.find("kind")->value.offset);
      s.sla = get_duration(item, path, "sla").value_or(0);
      s.description = get_string(item, path, "description", false, false).value_or("");
      builder_->add_stage(std::move(s));
    }
  }

  void read_transitions(const Value& transitions) {
    for (std::size_t i = 0; i < transitions.items.size(); ++i) {
      const Value& item = transitions.items[i];
      const std::string path = item_path("transitions", i);
      if (!element(item, path, kTransitionKeys, "a transition")) continue;
      Transition t;
      t.from = get_string(item, path, "from", true).value_or("");
      t.to = get_string(item, path, "to", true).value_or("");
      t.name = get_string(item, path, "name", true).value_or("");
      t.kind = get_enum(item, path, "kind", false, kTransitionKinds, kTransitionKindValues, "transition kind",
                        TransitionKind::forward);
      t.trigger = get_enum(item, path, "trigger", false, kTriggers, kTriggerValues, "trigger", Trigger::guard);
      if (t.trigger == Trigger::sla) {
        if (const Member* g = item.find("guard")) {
          remark("model.guard_on_sla_transition", path + ".guard", g->value.offset,
                 "a transition with trigger \"sla\" has no guard: it is taken when the stage's SLA passes");
        }
      } else if (const Value* g = get(item, path, "guard", true, Kind::string, "a string: the guard expression")) {
        t.guard = g->text;
        guards_.emplace(path + ".guard", g);
      }
      if (const Value* p = get(item, path, "priority", false, Kind::number, "a whole number")) {
        if (!p->integral || p->number < std::numeric_limits<int>::min() ||
            p->number > std::numeric_limits<int>::max()) {
          report("json.wrong_type", path + ".priority", p->offset,
                 detail::cat("expected a whole number, got ", p->text));
        } else {
          t.priority = static_cast<int>(p->number);
        }
      }
      t.description = get_string(item, path, "description", false, false).value_or("");
      builder_->add_transition(std::move(t));
    }
  }

  void read_maps(const Value& maps) {
    StageMaps& out = builder_->maps();
    if (const Value* hs = get(maps, "maps", "hubspot_lifecycle", false, Kind::object, "an object")) {
      read_name_map(*hs, "maps.hubspot_lifecycle", out.hubspot_lifecycle);
    }
    if (const Value* sf = get_object(maps, "maps", "salesforce", false, kSalesforceKeys)) {
      if (const Value* m = get(*sf, "maps.salesforce", "lead_status", false, Kind::object, "an object")) {
        read_name_map(*m, "maps.salesforce.lead_status", out.salesforce_lead_status);
      }
      if (const Value* m = get(*sf, "maps.salesforce", "opportunity_stage", false, Kind::object, "an object")) {
        read_name_map(*m, "maps.salesforce.opportunity_stage", out.salesforce_opportunity_stage);
      }
    }
  }

  void read_name_map(const Value& obj, const std::string& path, StageNameMap& out) {
    for (std::size_t i = 0; i < obj.members.size(); ++i) {
      const Member& m = obj.members[i];
      const std::string at = member_path(path, m.key);
      note(at, m.key_offset);
      bool repeated = false;
      for (std::size_t j = 0; j < i && !repeated; ++j) repeated = obj.members[j].key == m.key;
      if (repeated) {
        report("json.duplicate_key", at, m.key_offset, detail::cat("stage \"", m.key, "\" is mapped twice"));
        continue;
      }
      if (m.value.kind != Kind::string) {
        report("json.wrong_type", at, m.value.offset,
               detail::cat("expected a string (the stage's name there), got ",
                           detail::mjson::kind_name(m.value.kind)));
        continue;
      }
      out.emplace_back(m.key, m.value.text);
    }
  }

  std::string_view text_;
  std::string_view source_;
  detail::mjson::SourceMap map_;
  ModelBuilder* builder_ = nullptr;
  std::vector<Found> found_;
  std::unordered_map<std::string, std::uint32_t> where_;
  std::unordered_map<std::string, const Value*> guards_;
  std::vector<std::uint32_t> entry_kinds_;
};

}  // namespace

ModelLoadResult load_model_json(std::string_view text, std::string_view source_name) {
  Reader reader(text, source_name);
  return reader.run();
}

}  // namespace v0
}  // namespace doorway
