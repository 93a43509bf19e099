// doorway — fills the HTML report's page from a Report (see report_html.hpp for
// what each part shows and how it is derived).
#include "doorway/report/report_html.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "doorway/detail/strings.hpp"
#include "doorway/timestamp.hpp"
#include "report/report_html_page.hpp"

namespace doorway {
inline namespace v0 {
namespace {

namespace html = report_html;
using detail::cat;
using html::format_number;
using html::format_percent;

// 12345 → "12,345"
std::string grouped(std::uint64_t n) {
  std::string digits = cat(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

double days(std::int64_t micros) { return static_cast<double>(micros) / static_cast<double>(kDay); }

std::optional<std::size_t> stage_index(const Report& r, std::string_view name) {
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    if (r.stages[i].stage == name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> entry_index(const Report& r) {
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    if (r.stages[i].kind == StageKind::entry) return i;
  }
  return std::nullopt;
}

// Column of each stage: the longest chain of forward transitions from the entry
// (relaxed stage-count times, so a cycle of forward edges cannot loop forever);
// stages no forward chain reaches get one more than their furthest source.
std::vector<int> columns(const Report& r, std::vector<bool>& forward_reached) {
  const std::size_t n = r.stages.size();
  std::vector<int> col(n, -1);
  forward_reached.assign(n, false);
  const auto entry = entry_index(r);
  if (!entry) return std::vector<int>(n, 0);
  col[*entry] = 0;
  forward_reached[*entry] = true;
  for (std::size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (const TransitionCount& t : r.transitions) {
      if (t.kind != TransitionKind::forward) continue;
      const auto a = stage_index(r, t.from), b = stage_index(r, t.to);
      if (!a || !b || col[*a] < 0) continue;
      if (col[*b] < col[*a] + 1 && col[*a] + 1 < static_cast<int>(n)) {
        col[*b] = col[*a] + 1;
        forward_reached[*b] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (std::size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (const TransitionCount& t : r.transitions) {
      const auto a = stage_index(r, t.from), b = stage_index(r, t.to);
      if (!a || !b || forward_reached[*b] || col[*a] < 0) continue;
      if (col[*b] < col[*a] + 1 && col[*a] + 1 < static_cast<int>(n)) {
        col[*b] = col[*a] + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (int& c : col) c = std::max(c, 0);
  return col;
}

std::string duration_days(std::int64_t micros) { return cat(format_number(days(micros), 1), " days"); }

void fill_headline(const Report& r, html::Page& p) {
  p.headline.push_back({"leads", grouped(r.leads), ""});
  p.headline.push_back({"touches", grouped(r.touches.total()),
                        cat(grouped(r.touches.marketing), " marketing · ", grouped(r.touches.sales), " sales")});
  p.headline.push_back({"handoffs", grouped(r.handoffs.handoffs),
                        cat(grouped(r.handoffs.accepted), " accepted")});
  p.headline.push_back({"won", grouped(r.outcomes.won),
                        cat("win rate ", format_percent(r.outcomes.win_rate()), " of ",
                            grouped(r.outcomes.won + r.outcomes.lost), " closed")});
}

// Findings in diagnose() order; consecutive findings of one code about several
// subjects (e.g. cadence.stopped per channel) become one, naming every subject,
// with the first sentence shown and the others folded away.
void fill_findings(const Report& r, const DiagnosisOptions& options, html::Page& p) {
  const std::vector<Finding> findings = diagnose(r, options);
  for (std::size_t i = 0; i < findings.size();) {
    const Finding& f = findings[i];
    std::size_t end = i + 1;
    while (!f.subject.empty() && end < findings.size() && findings[end].code == f.code) ++end;
    html::Finding out{std::string(to_string(f.severity)), f.code, f.sentence, {}};
    if (!f.subject.empty()) {
      std::string subjects;
      for (std::size_t k = i; k < end; ++k) subjects += cat(k > i ? ", " : "", findings[k].subject);
      out.title += cat(" — ", subjects);
    }
    for (std::size_t k = i + 1; k < end; ++k) out.more.push_back(findings[k].sentence);
    p.findings.push_back(std::move(out));
    i = end;
  }
}

void fill_funnel(const Report& r, const std::vector<bool>& forward_reached, html::Page& p) {
  std::optional<std::size_t> previous;
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    const StageReport& s = r.stages[i];
    if (!forward_reached[i] || s.kind == StageKind::lost || s.leads == 0) continue;
    double rate = -1;
    if (previous) {
      const StageReport& prev = r.stages[*previous];
      rate = i < prev.reached.size() ? share(prev.reached[i], prev.leads) : 0.0;
    }
    p.funnel.push_back({s.stage, static_cast<double>(s.leads), rate});
    previous = i;
  }
}

void fill_flow(const Report& r, const std::vector<int>& col, html::Page& p) {
  std::map<std::pair<std::size_t, std::size_t>, std::pair<std::uint64_t, html::FlowKind>> links;
  for (const TransitionCount& t : r.transitions) {
    if (t.count == 0) continue;
    const auto a = stage_index(r, t.from), b = stage_index(r, t.to);
    if (!a || !b) continue;
    html::FlowKind kind = html::FlowKind::forward;
    if (r.stages[*b].kind == StageKind::lost) kind = html::FlowKind::loss;
    else if (t.kind == TransitionKind::recycle || col[*b] <= col[*a]) kind = html::FlowKind::backward;
    auto& [count, k] = links[{*a, *b}];
    count += t.count;
    k = kind;
  }
  // Nodes: the stages some link touches, in stage order.
  std::vector<int> node_of(r.stages.size(), -1);
  for (const auto& [ends, link] : links) {
    node_of[ends.first] = 0;
    node_of[ends.second] = 0;
  }
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    if (node_of[i] < 0) continue;
    node_of[i] = static_cast<int>(p.flow_nodes.size());
    p.flow_nodes.push_back({r.stages[i].stage, col[i]});
  }
  for (const auto& [ends, link] : links) {
    p.flow_links.push_back({node_of[ends.first], node_of[ends.second], static_cast<double>(link.first), link.second});
  }
}

void fill_stages(const Report& r, html::Page& p) {
  for (const StageReport& s : r.stages) {
    if (const auto median = s.time_in_stage.median()) {
      p.time_in_stage.push_back({s.stage, days(*median),
                                 cat("p90 ", duration_days(s.time_in_stage.p90().value_or(*median)), ", ",
                                     grouped(s.time_in_stage.count()), " stays")});
    }
    if (s.leads > 0) {
      p.touches_by_stage.push_back({s.stage, static_cast<double>(s.touches_before.marketing),
                                    static_cast<double>(s.touches_before.sales)});
    }
  }
}

void fill_ledger(const Report& r, html::Page& p) {
  const HandoffLedger& h = r.handoffs;
  auto of_handoffs = [&](std::uint64_t n) { return cat(format_percent(share(n, h.handoffs)), " of handoffs"); };
  p.ledger.push_back({"handoffs", grouped(h.handoffs), cat(grouped(h.leads), " leads")});
  p.ledger.push_back({"re-handoffs", grouped(h.re_handoffs), "leads handed off again after a recycle"});
  p.ledger.push_back({"marketing-sourced", grouped(h.marketing_sourced), "the prospect came to the door"});
  p.ledger.push_back({"sales-sourced", grouped(h.sales_sourced), "cold calls, visits, introductions"});
  p.ledger.push_back({"accepted", grouped(h.accepted), of_handoffs(h.accepted)});
  p.ledger.push_back({"rejected", grouped(h.rejected), of_handoffs(h.rejected)});
  p.ledger.push_back({"SLA breached", grouped(h.sla_breached), of_handoffs(h.sla_breached)});
  p.ledger.push_back({"pending", grouped(h.pending), of_handoffs(h.pending)});
  if (const auto median = h.response_time.median()) {
    const double hours = static_cast<double>(*median) / static_cast<double>(kHour);
    p.ledger.push_back({"median response", cat(format_number(hours, 1), " hours"),
                        cat("p90 ", format_number(static_cast<double>(h.response_time.p90().value_or(*median)) /
                                                      static_cast<double>(kHour),
                                                  1),
                            " hours")});
  }
}

}  // namespace

std::string report_to_html(const Report& r, const HtmlReportOptions& options) {
  html::Page p;
  p.title = cat("doorway report — ", r.model.empty() ? std::string("model") : r.model);
  p.subtitle = cat("as of ", format_iso8601(r.as_of), " · ", grouped(r.leads), " leads · ",
                   grouped(r.touches.total() + r.outcome_touches), " touches");
  p.generator = options.generator;
  std::vector<bool> forward_reached;
  const std::vector<int> col = columns(r, forward_reached);
  fill_headline(r, p);
  fill_findings(r, options.diagnosis, p);
  fill_funnel(r, forward_reached, p);
  fill_flow(r, col, p);
  fill_stages(r, p);
  fill_ledger(r, p);
  for (const Blocker& b : options.blockers) {
    p.blockers.push_back({b.stage, b.to, b.clause, b.leads, b.waits_for_touch});
  }
  p.attribution_title = options.attribution_title;
  for (const auto& [channel, credit] : options.attribution) p.attribution.push_back({channel, credit, ""});
  return html::render_page(p);
}

}  // namespace v0
}  // namespace doorway
