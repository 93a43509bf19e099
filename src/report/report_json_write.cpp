// doorway — writing a report as JSON (the format is described in
// report/report_json.hpp and README "Reports"). Written by hand so the bytes are
// stable: keys in a fixed order, one stage / transition / channel per line.
#include <string>
#include <string_view>

#include "doorway/detail/json_text.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/report/report_json.hpp"
#include "doorway/timestamp.hpp"

namespace doorway {
inline namespace v0 {

namespace {

using detail::append_json_number;
using detail::append_json_string;
using detail::append_json_time;
using detail::cat_to;

void summary(std::string& out, const QuantileSketch& s) {
  cat_to(out, "{\"count\": ", s.count());
  if (!s.empty()) {
    cat_to(out, ", \"min\": ", s.min(), ", \"max\": ", s.max(), ", \"median\": ", *s.median(), ", \"p90\": ",
           *s.p90());
  }
  if (s.exact()) {
    out += ", \"values\": [";
    for (std::size_t i = 0; i < s.samples().size(); ++i) cat_to(out, i ? ", " : "", s.samples()[i]);
  } else {
    out += ", \"buckets\": [";
    for (std::size_t i = 0; i < s.buckets().size(); ++i) {
      cat_to(out, i ? ", " : "", "[", s.buckets()[i].first, ", ", s.buckets()[i].second, "]");
    }
  }
  out += "]}";
}

void buckets(std::string& out, const Report& r, const BucketCounts& counts) {
  out += "{";
  bool first = true;
  for (const auto& [bucket, n] : counts) {
    if (!first) out += ", ";
    first = false;
    append_json_time(out, r.options.bucket_start(bucket));
    cat_to(out, ": ", n);
  }
  out += "}";
}

// Leaves the object open: the caller adds its own members and the closing brace.
void team_counts_open(std::string& out, const TeamCounts& c) {
  cat_to(out, "{\"marketing\": ", c.marketing, ", \"sales\": ", c.sales, ", \"unknown\": ", c.unknown);
}

void stage(std::string& out, const Report& r, const StageReport& s) {
  out += "{\"stage\": ";
  append_json_string(out, s.stage);
  out += ", \"owner\": ";
  append_json_string(out, to_string(s.owner));
  out += ", \"kind\": ";
  append_json_string(out, to_string(s.kind));
  if (s.sla > 0) cat_to(out, ", \"sla_us\": ", s.sla);
  cat_to(out, ", \"leads\": ", s.leads, ", \"entries\": ", s.entries, ", \"exits\": ", s.exits,
         ", \"current\": ", s.current, ", \"moved_forward\": ", s.moved_forward, ", \"conversion\": ");
  append_json_number(out, s.conversion());
  cat_to(out, ", \"won_after\": ", s.won_after, ", \"lost_after\": ", s.lost_after, ", \"reached\": {");
  bool first = true;
  for (std::size_t j = 0; j < s.reached.size() && j < r.stages.size(); ++j) {
    if (s.reached[j] == 0) continue;
    if (!first) out += ", ";
    first = false;
    append_json_string(out, r.stages[j].stage);
    cat_to(out, ": ", s.reached[j]);
  }
  out += "}, \"time_in_stage_us\": ";
  summary(out, s.time_in_stage);
  out += ", \"touches_before\": ";
  team_counts_open(out, s.touches_before);
  out += ", \"total\": ";
  summary(out, s.touches_before_total);
  out += "}}";
}

void finding(std::string& out, const Finding& f) {
  out += "{\"code\": ";
  append_json_string(out, f.code);
  out += ", \"topic\": ";
  append_json_string(out, f.topic);
  out += ", \"severity\": ";
  append_json_string(out, to_string(f.severity));
  if (!f.subject.empty()) {
    out += ", \"subject\": ";
    append_json_string(out, f.subject);
  }
  out += ", \"sentence\": ";
  append_json_string(out, f.sentence);
  out += ", \"figures\": [";
  for (std::size_t i = 0; i < f.figures.size(); ++i) {
    out += i ? ", {\"name\": " : "{\"name\": ";
    append_json_string(out, f.figures[i].name);
    out += ", \"value\": ";
    append_json_number(out, f.figures[i].value);
    out += ", \"unit\": ";
    append_json_string(out, f.figures[i].unit);
    out += "}";
  }
  out += "]}";
}

}  // namespace

std::string report_to_json(const Report& r, const DiagnosisOptions& options) {
  std::string out;
  out.reserve(4096);
  out += "{\n  \"format\": ";
  append_json_string(out, kReportFormat);
  cat_to(out, ",\n  \"version\": ", kReportVersion, ",\n  \"model\": ");
  append_json_string(out, r.model);
  out += ",\n  \"as_of\": ";
  append_json_time(out, r.as_of);
  cat_to(out, ",\n  \"options\": {\"bucket_us\": ", r.options.bucket, ", \"bucket_origin\": ");
  append_json_time(out, r.options.bucket_origin);
  cat_to(out, ", \"exact_limit\": ", r.options.exact_limit, "},\n  \"leads\": ", r.leads, ",\n  \"touches\": ");
  team_counts_open(out, r.touches);
  cat_to(out, ", \"outcomes\": ", r.outcome_touches, "},\n");

  out += "  \"stages\": [";
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    stage(out, r, r.stages[i]);
  }
  out += r.stages.empty() ? "],\n" : "\n  ],\n";

  out += "  \"transitions\": [";
  for (std::size_t i = 0; i < r.transitions.size(); ++i) {
    const TransitionCount& t = r.transitions[i];
    out += i ? ",\n    {\"from\": " : "\n    {\"from\": ";
    append_json_string(out, t.from);
    out += ", \"to\": ";
    append_json_string(out, t.to);
    out += ", \"name\": ";
    append_json_string(out, t.name);
    out += ", \"kind\": ";
    append_json_string(out, to_string(t.kind));
    cat_to(out, ", \"handoff\": ", t.handoff ? "true" : "false", ", \"count\": ", t.count, "}");
  }
  out += r.transitions.empty() ? "],\n" : "\n  ],\n";

  const Outcomes& o = r.outcomes;
  cat_to(out, "  \"outcomes\": {\"won\": ", o.won, ", \"lost\": ", o.lost, ", \"open\": ", o.open,
         ", \"won_after_handoff\": ", o.won_after_handoff, ", \"lost_after_handoff\": ", o.lost_after_handoff,
         ", \"won_without_handoff\": ", o.won_without_handoff, ", \"win_rate\": ");
  append_json_number(out, o.win_rate());
  out += ", \"win_rate_after_handoff\": ";
  append_json_number(out, o.win_rate_after_handoff());
  out += "},\n";

  const HandoffLedger& h = r.handoffs;
  cat_to(out, "  \"handoffs\": {\"handoffs\": ", h.handoffs, ", \"leads\": ", h.leads, ", \"re_handoffs\": ",
         h.re_handoffs, ", \"accepted\": ", h.accepted, ", \"rejected\": ", h.rejected, ", \"sla_breached\": ",
         h.sla_breached, ", \"pending\": ", h.pending, ", \"marketing_sourced\": ", h.marketing_sourced,
         ", \"sales_sourced\": ", h.sales_sourced, ", \"response_time_us\": ");
  summary(out, h.response_time);
  out += "},\n";

  out += "  \"teams\": [";
  static constexpr Team kTeams[] = {Team::marketing, Team::sales, Team::unknown};
  for (std::size_t i = 0; i < 3; ++i) {
    const TeamWorkload& w = r.team(kTeams[i]);
    out += i ? ",\n    {\"team\": " : "\n    {\"team\": ";
    append_json_string(out, to_string(kTeams[i]));
    cat_to(out, ", \"touches\": ", w.touches, ", \"outcomes\": ", w.outcomes, ", \"leads_touched\": ",
           w.leads_touched, ", \"leads_owned\": ", w.leads_owned, ", \"stage_entries\": ", w.stage_entries, "}");
  }
  out += "\n  ],\n  \"owner_granularity\": \"team\",\n";

  out += "  \"unowned_touches\": {";
  bool first = true;
  for (const auto& [type, n] : r.unowned_touches) {
    if (!first) out += ", ";
    first = false;
    append_json_string(out, type);
    cat_to(out, ": ", n);
  }
  out += "},\n  \"channels\": [";
  first = true;
  for (const auto& [channel, counts] : r.channels) {
    out += first ? "\n    {\"channel\": " : ",\n    {\"channel\": ";
    first = false;
    append_json_string(out, channel);
    std::uint64_t total = 0;
    for (const auto& [bucket, n] : counts) total += n;
    cat_to(out, ", \"touches\": ", total, ", \"buckets\": ");
    buckets(out, r, counts);
    out += "}";
  }
  out += r.channels.empty() ? "],\n" : "\n  ],\n";

  out += "  \"series\": {\"new_leads\": ";
  buckets(out, r, r.new_leads);
  out += ",\n             \"handoffs\": ";
  buckets(out, r, r.handoffs_by_bucket);
  out += ",\n             \"won\": ";
  buckets(out, r, r.won_by_bucket);
  out += "},\n";

  out += "  \"diagnoses\": [";
  const std::vector<Finding> findings = diagnose(r, options);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    finding(out, findings[i]);
  }
  out += findings.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

bool looks_like_report_json(std::string_view text) {
  auto skip = [&](std::size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return i;
  };
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a UTF-8 byte order mark
  i = skip(i);
  if (i >= text.size() || text[i] != '{') return false;
  i = skip(i + 1);
  static constexpr std::string_view kKey = "\"format\"";
  if (text.substr(i, kKey.size()) != kKey) return false;
  i = skip(i + kKey.size());
  if (i >= text.size() || text[i] != ':') return false;
  i = skip(i + 1);
  return text.substr(i, kReportFormat.size() + 2) == "\"doorway.report\"";
}

}  // namespace v0
}  // namespace doorway
