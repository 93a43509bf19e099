// doorway — lays out the HTML report's page (see report_html_page.hpp).
#include "report/report_html_page.hpp"

#include "doorway/detail/strings.hpp"

namespace doorway::report_html {
namespace {

using detail::cat_to;

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933;
       margin: 0; background: #f5f7fa; }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
.subtitle { color: #52606d; margin: 0 0 16px; }
section { background: #fff; border-radius: 6px; padding: 4px 16px 16px; margin-bottom: 16px;
          box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.headline { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { background: #fff; border-radius: 6px; padding: 10px 14px; min-width: 120px;
          box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.figure .value { font-size: 22px; font-weight: 600; }
.figure .label, .figure .note { color: #52606d; font-size: 12px; }
.finding { border-left: 4px solid #9aa5b1; padding: 6px 10px; margin: 8px 0; background: #f8fafc; }
.finding.ok { border-color: #3f9142; } .finding.info { border-color: #2f6db5; }
.finding.warning { border-color: #d9822b; } .finding.problem { border-color: #c9484a; }
.finding .severity { text-transform: uppercase; font-size: 11px; font-weight: 700; color: #52606d; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { background: #eef2f7; padding: 0 3px; border-radius: 3px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2933; }
svg text.rate { fill: #52606d; font-size: 11px; }
svg text.node-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.empty { color: #7b8794; font-style: italic; }
footer { color: #7b8794; font-size: 12px; margin-top: 24px; }
)css";

void heading(std::string& out, std::string_view id, std::string_view text) {
  cat_to(out, "<h2 id=\"", id, "\">");
  append_escaped(out, text);
  out += "</h2>";
}

void empty_note(std::string& out, std::string_view text) {
  out += "<p class=\"empty\">";
  append_escaped(out, text);
  out += "</p>";
}

void ledger_table(std::string& out, const std::vector<LedgerRow>& rows) {
  out += "<table class=\"ledger\"><tbody>";
  for (const LedgerRow& r : rows) {
    out += "<tr><th>";
    append_escaped(out, r.label);
    out += "</th><td class=\"num\">";
    append_escaped(out, r.value);
    out += "</td><td>";
    append_escaped(out, r.note);
    out += "</td></tr>";
  }
  out += "</tbody></table>";
}

}  // namespace

std::string render_page(const Page& p) {
  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"generator\" content=\"";
  append_escaped(out, p.generator);
  out += "\"><title>";
  append_escaped(out, p.title);
  cat_to(out, "</title><style>", kStyle, "</style></head>\n<body><main>\n<h1>");
  append_escaped(out, p.title);
  out += "</h1><p class=\"subtitle\">";
  append_escaped(out, p.subtitle);
  out += "</p>\n<div class=\"headline\">";
  for (const LedgerRow& r : p.headline) {
    out += "<div class=\"figure\"><div class=\"value\">";
    append_escaped(out, r.value);
    out += "</div><div class=\"label\">";
    append_escaped(out, r.label);
    out += "</div>";
    if (!r.note.empty()) {
      out += "<div class=\"note\">";
      append_escaped(out, r.note);
      out += "</div>";
    }
    out += "</div>";
  }
  out += "</div>\n";

  out += "<section>";
  heading(out, "findings", "Findings");
  if (p.findings.empty()) empty_note(out, "No findings.");
  for (const Finding& f : p.findings) {
    out += "<div class=\"finding ";
    append_escaped(out, f.severity);
    out += "\"><span class=\"severity\">";
    append_escaped(out, f.severity);
    out += "</span> <strong>";
    append_escaped(out, f.title);
    out += "</strong><br>";
    append_escaped(out, f.text);
    if (!f.more.empty()) {
      cat_to(out, "<details><summary>", f.more.size(), " more</summary><ul>");
      for (const std::string& m : f.more) {
        out += "<li>";
        append_escaped(out, m);
        out += "</li>";
      }
      out += "</ul></details>";
    }
    out += "</div>";
  }
  out += "</section>\n<section>";
  heading(out, "funnel", "Funnel");
  if (p.funnel.empty()) empty_note(out, "No leads.");
  else out += funnel_chart("funnel-chart", "Leads that reached each stage, with the conversion from the step before", p.funnel);
  out += "</section>\n<section>";
  heading(out, "flow", "Stage-to-stage flow");
  if (p.flow_links.empty()) empty_note(out, "No lead has moved yet.");
  else out += flow_chart("flow-chart", "Moves between stages, including recycles and losses", p.flow_nodes, p.flow_links);
  out += "</section>\n<section>";
  heading(out, "time-in-stage", "Time in stage");
  if (p.time_in_stage.empty()) empty_note(out, "No lead has left a stage yet.");
  else out += bar_chart("time-in-stage-chart", "Median days in each stage over completed stays (p90 in brackets)", p.time_in_stage, "days");
  out += "</section>\n<section>";
  heading(out, "touches", "Marketing and sales touches before each stage");
  if (p.touches_by_stage.empty()) empty_note(out, "No touches.");
  else out += stacked_bar_chart("touches-chart", "Touches leads had before reaching each stage, by team", p.touches_by_stage);
  out += "</section>\n<section>";
  heading(out, "handoffs", "Handoff ledger");
  ledger_table(out, p.ledger);
  out += "</section>\n<section>";
  heading(out, "explanations", "Why leads are waiting");
  if (p.blockers.empty()) {
    empty_note(out, "No lead is waiting on a guard.");
  } else {
    out += "<table class=\"blockers\"><thead><tr><th>stage</th><th>next</th><th>waits on</th>"
           "<th class=\"num\">leads</th></tr></thead><tbody>";
    for (const BlockerRow& b : p.blockers) {
      out += "<tr><td>";
      append_escaped(out, b.stage);
      out += "</td><td>";
      append_escaped(out, b.to);
      out += "</td><td><code>";
      append_escaped(out, b.clause);
      out += "</code>";
      if (b.waits_for_touch) out += " (a touch of this kind)";
      cat_to(out, "</td><td class=\"num\">", b.leads, "</td></tr>");
    }
    out += "</tbody></table>";
  }
  out += "</section>\n";
  if (!p.attribution_title.empty()) {
    out += "<section>";
    heading(out, "attribution", p.attribution_title);
    if (p.attribution.empty()) empty_note(out, "No conversions to attribute.");
    else out += bar_chart("attribution-chart", p.attribution_title, p.attribution);
    out += "</section>\n";
  }
  out += "<footer>Generated by ";
  append_escaped(out, p.generator);
  out += ". One self-contained file: no scripts, no network.</footer>\n</main></body></html>\n";
  return out;
}

}  // namespace doorway::report_html
