// doorway — reading a report back from its JSON form (report/report_json.hpp).
//
// Strict like the model reader: every object accepts exactly its keys (an
// unknown one is a problem, with a did-you-mean), every count must be a
// non-negative whole number, and each problem is located as
// source:line:column: path: what. Derived values (rates, medians, p90s,
// diagnoses) are accepted and skipped: they are recomputed from the counts. The
// positioned JSON parser is the model reader's (src/model_json_internal.hpp).
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/report/report_json.hpp"
#include "doorway/timestamp.hpp"
#include "model_json_internal.hpp"

namespace doorway {
inline namespace v0 {

namespace {

using detail::cat;
using detail::mjson::Kind;
using detail::mjson::Member;
using detail::mjson::Value;
using Keys = std::initializer_list<std::string_view>;

class Reader {
 public:
  Reader(std::string_view text, std::string_view source) : source_(source), map_(text) {}

  const std::vector<std::string>& problems() const noexcept { return problems_; }

  void problem(std::uint32_t offset, const std::string& path, std::string_view what) {
    const auto pos = map_.at(offset);
    problems_.push_back(cat(source_, ":", pos.line, ":", pos.column, ": ", path.empty() ? "" : path,
                            path.empty() ? "" : ": ", what));
  }

  // Every key of `obj` must be in `keys`; false (and problems) when not an object.
  bool object(const Value& obj, const std::string& path, Keys keys) {
    if (obj.kind != Kind::object) {
      problem(obj.offset, path, cat("expected an object, got ", detail::mjson::kind_name(obj.kind)));
      return false;
    }
    std::vector<std::string_view> names(keys.begin(), keys.end());
    for (std::size_t i = 0; i < obj.members.size(); ++i) {
      const Member& m = obj.members[i];
      bool known = false;
      for (std::string_view k : keys) known = known || k == m.key;
      if (!known) {
        std::string what = cat("unknown key \"", m.key, "\"");
        if (auto hint = detail::did_you_mean(m.key, std::span<const std::string_view>(names))) {
          detail::cat_to(what, " (did you mean \"", *hint, "\"?)");
        }
        problem(m.key_offset, join(path, m.key), what);
      }
      for (std::size_t k = 0; k < i; ++k) {
        if (obj.members[k].key == m.key) problem(m.key_offset, join(path, m.key), "key repeated");
      }
    }
    return true;
  }

  const Value* get(const Value& obj, const std::string& path, std::string_view key, Kind kind) {
    const Member* m = obj.find(key);
    if (m == nullptr) {
      problem(obj.offset, path.empty() ? std::string(key) : path, cat("missing key \"", key, "\""));
      return nullptr;
    }
    if (m->value.kind != kind) {
      problem(m->value.offset, join(path, key),
              cat("expected ", detail::mjson::kind_name(kind), ", got ", detail::mjson::kind_name(m->value.kind)));
      return nullptr;
    }
    return &m->value;
  }

  template <class Int>
  bool integer(const Value& v, const std::string& path, Int& out) {
    Int parsed{};
    const std::string& t = v.text;
    const bool ok = v.kind == Kind::number && v.integral &&
                    std::from_chars(t.data(), t.data() + t.size(), parsed).ec == std::errc{} &&
                    std::from_chars(t.data(), t.data() + t.size(), parsed).ptr == t.data() + t.size();
    bool negative = false;
    if constexpr (std::is_signed_v<Int>) negative = parsed < 0;
    if (!ok || negative) {
      problem(v.offset, path,
              v.kind == Kind::number ? cat("expected a non-negative whole number, got ", t)
                                     : cat("expected a whole number, got ", detail::mjson::kind_name(v.kind)));
      return false;
    }
    out = parsed;
    return true;
  }
  template <class Int>
  void count(const Value& obj, const std::string& path, std::string_view key, Int& out) {
    if (const Member* m = obj.find(key)) {
      integer(m->value, join(path, key), out);
    } else {
      problem(obj.offset, path.empty() ? std::string(key) : path, cat("missing key \"", key, "\""));
    }
  }

  std::optional<std::string> string(const Value& obj, const std::string& path, std::string_view key) {
    const Value* v = get(obj, path, key, Kind::string);
    if (v == nullptr) return std::nullopt;
    return v->text;
  }

  std::optional<Timestamp> time(const Value& v, const std::string& path) {
    if (v.kind != Kind::string) {
      problem(v.offset, path, cat("expected an ISO-8601 time string, got ", detail::mjson::kind_name(v.kind)));
      return std::nullopt;
    }
    auto t = parse_iso8601(v.text);
    if (!t) problem(v.offset, path, cat("\"", v.text, "\" is not an ISO-8601 time with an offset"));
    return t;
  }

  template <class E, std::size_t N>
  E named(const Value& obj, const std::string& path, std::string_view key, const std::pair<std::string_view, E> (&names)[N],
          E fallback) {
    auto s = string(obj, path, key);
    if (!s) return fallback;
    std::vector<std::string_view> candidates;
    for (const auto& [name, value] : names) {
      if (name == *s) return value;
      candidates.push_back(name);
    }
    std::string what = cat("\"", *s, "\" is not one of ");
    for (std::size_t i = 0; i < candidates.size(); ++i) detail::cat_to(what, i ? ", " : "", candidates[i]);
    if (auto hint = detail::did_you_mean(*s, std::span<const std::string_view>(candidates))) {
      detail::cat_to(what, " (did you mean \"", *hint, "\"?)");
    }
    problem(obj.find(key)->value.offset, join(path, key), what);
    return fallback;
  }

  void summary(const Value* v, const std::string& path, std::uint32_t limit, QuantileSketch& out) {
    out = QuantileSketch(limit);
    const std::size_t before = problems_.size();
    if (v == nullptr || !object(*v, path, {"count", "min", "max", "median", "p90", "values", "buckets"})) return;
    std::uint64_t n = 0;
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    count(*v, path, "count", n);
    if (n > 0) {
      count(*v, path, "min", lo);
      count(*v, path, "max", hi);
    }
    std::vector<std::int64_t> values;
    std::vector<QuantileSketch::Bucket> buckets;
    if (const Member* m = v->find("values")) {
      if (m->value.kind != Kind::array) {
        problem(m->value.offset, join(path, "values"), "expected an array of whole numbers");
      } else {
        for (std::size_t i = 0; i < m->value.items.size(); ++i) {
          std::int64_t x = 0;
          if (integer(m->value.items[i], cat(path, ".values[", i, "]"), x)) values.push_back(x);
        }
      }
    }
    if (const Member* m = v->find("buckets")) {
      if (m->value.kind != Kind::array) {
        problem(m->value.offset, join(path, "buckets"), "expected an array of [index, count] pairs");
      } else {
        for (std::size_t i = 0; i < m->value.items.size(); ++i) {
          const Value& pair = m->value.items[i];
          const std::string at = cat(path, ".buckets[", i, "]");
          if (pair.kind != Kind::array || pair.items.size() != 2) {
            problem(pair.offset, at, "expected an [index, count] pair");
            continue;
          }
          std::uint32_t index = 0;
          std::uint64_t c = 0;
          if (integer(pair.items[0], at + "[0]", index) && integer(pair.items[1], at + "[1]", c)) {
            buckets.emplace_back(index, c);
          }
        }
      }
    }
    if (problems_.size() == before) {
      const std::string why = QuantileSketch::from_parts(out, limit, n, lo, hi, std::move(values), std::move(buckets));
      if (!why.empty()) problem(v->offset, path, why);
    }
  }

  void bucket_counts(const Value* v, const std::string& path, const ReportOptions& o, BucketCounts& out) {
    if (v == nullptr) return;
    if (v->kind != Kind::object) {
      problem(v->offset, path, cat("expected an object of {\"start time\": count}, got ", detail::mjson::kind_name(v->kind)));
      return;
    }
    for (const Member& m : v->members) {
      const std::string at = join(path, m.key);
      auto t = parse_iso8601(m.key);
      if (!t) {
        problem(m.key_offset, at, cat("\"", m.key, "\" is not an ISO-8601 bucket start time"));
        continue;
      }
      const std::int64_t b = o.bucket_of(*t);
      if (o.bucket_start(b) != *t) {
        problem(m.key_offset, at,
                cat("\"", m.key, "\" is not the start of a bucket (buckets of ", format_duration(o.bucket),
                    " from ", format_iso8601(o.bucket_origin), ")"));
        continue;
      }
      std::uint64_t n = 0;
      if (!integer(m.value, at, n)) continue;
      if (out.count(b)) {
        problem(m.key_offset, at, "bucket repeated");
        continue;
      }
      out[b] = n;
    }
  }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : cat(path, ".", key);
  }

 private:
  std::string source_;
  detail::mjson::SourceMap map_;
  std::vector<std::string> problems_;
};

constexpr std::pair<std::string_view, Team> kTeams[] = {
    {"marketing", Team::marketing}, {"sales", Team::sales}, {"unknown", Team::unknown}};
constexpr std::pair<std::string_view, StageKind> kStageKinds[] = {{"entry", StageKind::entry},
                                                                  {"inventory", StageKind::inventory},
                                                                  {"sla", StageKind::sla},
                                                                  {"won", StageKind::won},
                                                                  {"lost", StageKind::lost}};
constexpr std::pair<std::string_view, TransitionKind> kTransitionKinds[] = {
    {"forward", TransitionKind::forward}, {"recycle", TransitionKind::recycle}, {"detour", TransitionKind::detour}};

void read_team_counts(Reader& rd, const Value& v, const std::string& path, TeamCounts& out) {
  rd.count(v, path, "marketing", out.marketing);
  rd.count(v, path, "sales", out.sales);
  rd.count(v, path, "unknown", out.unknown);
}

void read_stages(Reader& rd, const Value& arr, Report& r) {
  const std::uint32_t limit = r.options.exact_limit;
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < arr.items.size(); ++i) {
    const Value& v = arr.items[i];
    if (v.kind == Kind::object) {
      if (const Member* m = v.find("stage"); m != nullptr && m->value.kind == Kind::string) names.push_back(m->value.text);
    }
  }
  const std::size_t n = arr.items.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Value& v = arr.items[i];
    const std::string path = cat("stages[", i, "]");
    StageReport s;
    s.reached.assign(n, 0);
    if (!rd.object(v, path,
                   {"stage", "owner", "kind", "sla_us", "leads", "entries", "exits", "current", "moved_forward",
                    "conversion", "won_after", "lost_after", "reached", "time_in_stage_us", "touches_before"})) {
      r.stages.push_back(std::move(s));
      continue;
    }
    if (auto name = rd.string(v, path, "stage")) s.stage = *name;
    s.owner = rd.named(v, path, "owner", kTeams, Team::unknown);
    s.kind = rd.named(v, path, "kind", kStageKinds, StageKind::inventory);
    if (v.find("sla_us") != nullptr) rd.count(v, path, "sla_us", s.sla);
    rd.count(v, path, "leads", s.leads);
    rd.count(v, path, "entries", s.entries);
    rd.count(v, path, "exits", s.exits);
    rd.count(v, path, "current", s.current);
    rd.count(v, path, "moved_forward", s.moved_forward);
    rd.count(v, path, "won_after", s.won_after);
    rd.count(v, path, "lost_after", s.lost_after);
    if (s.entries != s.exits + s.current) {
      rd.problem(v.offset, path,
                 cat("entries (", s.entries, ") must equal exits (", s.exits, ") + current (", s.current, ")"));
    }
    if (const Value* reached = rd.get(v, path, "reached", Kind::object)) {
      for (const Member& m : reached->members) {
        std::size_t j = 0;
        while (j < names.size() && names[j] != m.key) ++j;
        if (j == names.size()) {
          std::string what = cat("unknown stage \"", m.key, "\"");
          if (auto hint = detail::did_you_mean(m.key, std::span<const std::string_view>(names))) {
            detail::cat_to(what, " (did you mean \"", *hint, "\"?)");
          }
          rd.problem(m.key_offset, cat(path, ".reached.", m.key), what);
          continue;
        }
        rd.integer(m.value, cat(path, ".reached.", m.key), s.reached[j]);
      }
    }
    rd.summary(rd.get(v, path, "time_in_stage_us", Kind::object), path + ".time_in_stage_us", limit, s.time_in_stage);
    if (const Value* tb = rd.get(v, path, "touches_before", Kind::object)) {
      const std::string at = path + ".touches_before";
      if (rd.object(*tb, at, {"marketing", "sales", "unknown", "total"})) {
        read_team_counts(rd, *tb, at, s.touches_before);
        rd.summary(rd.get(*tb, at, "total", Kind::object), at + ".total", limit, s.touches_before_total);
      }
    } else {
      s.touches_before_total = QuantileSketch(limit);
    }
    r.stages.push_back(std::move(s));
  }
}

void read_transitions(Reader& rd, const Value& arr, Report& r) {
  for (std::size_t i = 0; i < arr.items.size(); ++i) {
    const Value& v = arr.items[i];
    const std::string path = cat("transitions[", i, "]");
    TransitionCount t;
    if (rd.object(v, path, {"from", "to", "name", "kind", "handoff", "count"})) {
      if (auto s = rd.string(v, path, "from")) t.from = *s;
      if (auto s = rd.string(v, path, "to")) t.to = *s;
      if (auto s = rd.string(v, path, "name")) t.name = *s;
      t.kind = rd.named(v, path, "kind", kTransitionKinds, TransitionKind::forward);
      if (const Value* h = rd.get(v, path, "handoff", Kind::boolean)) t.handoff = h->boolean;
      rd.count(v, path, "count", t.count);
    }
    r.transitions.push_back(std::move(t));
  }
}

void read_report(Reader& rd, const Value& root, Report& r) {
  if (!rd.object(root, "",
                 {"format", "version", "model", "as_of", "options", "leads", "touches", "stages", "transitions",
                  "outcomes", "handoffs", "teams", "owner_granularity", "unowned_touches", "channels", "series",
                  "diagnoses"})) {
    return;
  }
  const auto format = rd.string(root, "", "format");
  if (!format) return;
  if (*format != kReportFormat) {
    rd.problem(root.find("format")->value.offset, "format",
               cat("\"", *format, "\" is not \"", kReportFormat, "\": not a doorway report"));
    return;
  }
  if (const Value* v = rd.get(root, "", "version", Kind::number)) {
    int version = 0;
    if (rd.integer(*v, "version", version) && version != kReportVersion) {
      rd.problem(v->offset, "version", cat("unsupported version ", version, " (this reader knows ", kReportVersion, ")"));
      return;
    }
  }
  if (auto s = rd.string(root, "", "model")) r.model = *s;
  if (const Member* m = root.find("as_of")) {
    if (auto t = rd.time(m->value, "as_of")) r.as_of = *t;
  } else {
    rd.problem(root.offset, "as_of", "missing key \"as_of\"");
  }
  if (const Value* o = rd.get(root, "", "options", Kind::object)) {
    if (rd.object(*o, "options", {"bucket_us", "bucket_origin", "exact_limit"})) {
      rd.count(*o, "options", "bucket_us", r.options.bucket);
      if (const Member* m = o->find("bucket_origin")) {
        if (auto t = rd.time(m->value, "options.bucket_origin")) r.options.bucket_origin = *t;
      } else {
        rd.problem(o->offset, "options", "missing key \"bucket_origin\"");
      }
      rd.count(*o, "options", "exact_limit", r.options.exact_limit);
      if (const absl::Status s = check_report_options(r.options); !s.ok()) {
        rd.problem(o->offset, "options", std::string(s.message()));
        return;
      }
    }
  }
  rd.count(root, "", "leads", r.leads);
  if (const Value* t = rd.get(root, "", "touches", Kind::object)) {
    if (rd.object(*t, "touches", {"marketing", "sales", "unknown", "outcomes"})) {
      read_team_counts(rd, *t, "touches", r.touches);
      rd.count(*t, "touches", "outcomes", r.outcome_touches);
    }
  }
  if (const Value* s = rd.get(root, "", "stages", Kind::array)) read_stages(rd, *s, r);
  if (const Value* s = rd.get(root, "", "transitions", Kind::array)) read_transitions(rd, *s, r);
  if (const Value* o = rd.get(root, "", "outcomes", Kind::object)) {
    if (rd.object(*o, "outcomes",
                  {"won", "lost", "open", "won_after_handoff", "lost_after_handoff", "won_without_handoff",
                   "win_rate", "win_rate_after_handoff"})) {
      rd.count(*o, "outcomes", "won", r.outcomes.won);
      rd.count(*o, "outcomes", "lost", r.outcomes.lost);
      rd.count(*o, "outcomes", "open", r.outcomes.open);
      rd.count(*o, "outcomes", "won_after_handoff", r.outcomes.won_after_handoff);
      rd.count(*o, "outcomes", "lost_after_handoff", r.outcomes.lost_after_handoff);
      rd.count(*o, "outcomes", "won_without_handoff", r.outcomes.won_without_handoff);
    }
  }
  if (const Value* h = rd.get(root, "", "handoffs", Kind::object)) {
    HandoffLedger& l = r.handoffs;
    if (rd.object(*h, "handoffs",
                  {"handoffs", "leads", "re_handoffs", "accepted", "rejected", "sla_breached", "pending",
                   "marketing_sourced", "sales_sourced", "response_time_us"})) {
      rd.count(*h, "handoffs", "handoffs", l.handoffs);
      rd.count(*h, "handoffs", "leads", l.leads);
      rd.count(*h, "handoffs", "re_handoffs", l.re_handoffs);
      rd.count(*h, "handoffs", "accepted", l.accepted);
      rd.count(*h, "handoffs", "rejected", l.rejected);
      rd.count(*h, "handoffs", "sla_breached", l.sla_breached);
      rd.count(*h, "handoffs", "pending", l.pending);
      rd.count(*h, "handoffs", "marketing_sourced", l.marketing_sourced);
      rd.count(*h, "handoffs", "sales_sourced", l.sales_sourced);
      if (l.accepted + l.rejected + l.sla_breached + l.pending != l.handoffs) {
        rd.problem(h->offset, "handoffs", "accepted + rejected + sla_breached + pending must equal handoffs");
      }
      rd.summary(rd.get(*h, "handoffs", "response_time_us", Kind::object), "handoffs.response_time_us",
                 r.options.exact_limit, l.response_time);
    }
  }
  if (const Value* teams = rd.get(root, "", "teams", Kind::array)) {
    for (std::size_t i = 0; i < teams->items.size(); ++i) {
      const Value& v = teams->items[i];
      const std::string path = cat("teams[", i, "]");
      if (!rd.object(v, path, {"team", "touches", "outcomes", "leads_touched", "leads_owned", "stage_entries"})) continue;
      TeamWorkload& w = r.team(rd.named(v, path, "team", kTeams, Team::unknown));
      rd.count(v, path, "touches", w.touches);
      rd.count(v, path, "outcomes", w.outcomes);
      rd.count(v, path, "leads_touched", w.leads_touched);
      rd.count(v, path, "leads_owned", w.leads_owned);
      rd.count(v, path, "stage_entries", w.stage_entries);
    }
  }
  if (const Value* u = rd.get(root, "", "unowned_touches", Kind::object)) {
    for (const Member& m : u->members) rd.integer(m.value, cat("unowned_touches.", m.key), r.unowned_touches[m.key]);
  }
  if (const Value* channels = rd.get(root, "", "channels", Kind::array)) {
    for (std::size_t i = 0; i < channels->items.size(); ++i) {
      const Value& v = channels->items[i];
      const std::string path = cat("channels[", i, "]");
      if (!rd.object(v, path, {"channel", "touches", "buckets"})) continue;
      auto name = rd.string(v, path, "channel");
      if (!name) continue;
      if (r.channels.count(*name)) {
        rd.problem(v.offset, path, cat("channel \"", *name, "\" listed twice"));
        continue;
      }
      rd.bucket_counts(rd.get(v, path, "buckets", Kind::object), path + ".buckets", r.options, r.channels[*name]);
    }
  }
  if (const Value* s = rd.get(root, "", "series", Kind::object)) {
    if (rd.object(*s, "series", {"new_leads", "handoffs", "won"})) {
      rd.bucket_counts(rd.get(*s, "series", "new_leads", Kind::object), "series.new_leads", r.options, r.new_leads);
      rd.bucket_counts(rd.get(*s, "series", "handoffs", Kind::object), "series.handoffs", r.options,
                       r.handoffs_by_bucket);
      rd.bucket_counts(rd.get(*s, "series", "won", Kind::object), "series.won", r.options, r.won_by_bucket);
    }
  }
}

}  // namespace

absl::StatusOr<Report> report_from_json(std::string_view text, std::string_view source) {
  Reader rd(text, source);
  detail::mjson::ParseError error;
  const std::optional<Value> root = detail::mjson::parse(text, &error);
  if (!root) {
    rd.problem(error.offset, "", error.message);
    return absl::InvalidArgumentError(rd.problems().front());
  }
  Report r;
  read_report(rd, *root, r);
  if (!rd.problems().empty()) {
    std::string all;
    for (const std::string& p : rd.problems()) {
      if (!all.empty()) all += '\n';
      all += p;
    }
    return absl::InvalidArgumentError(all);
  }
  return r;
}

}  // namespace v0
}  // namespace doorway
