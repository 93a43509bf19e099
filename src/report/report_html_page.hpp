// doorway — the HTML report's page: everything it shows, as plain data, and the
// function that lays it out as one self-contained HTML file (inline CSS and SVG, no
// script, no network). Filled from a Report by report_html.cpp; kept separate so the
// layout is tested on data worked out by hand.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/svg_charts.hpp"

namespace doorway::report_html {

struct Finding {
  std::string severity;  // "info" or "warning"
  std::string title;     // e.g. "balance.sales_constraint"
  std::string text;      // the plain-language sentence with its numbers
  std::vector<std::string> more;  // further sentences of the same finding (folded away)
};

struct LedgerRow {
  std::string label;  // e.g. "handoffs", "accepted"
  std::string value;  // formatted
  std::string note;   // e.g. "62.5% of handoffs"
};

struct BlockerRow {
  std::string stage;
  std::string to;
  std::string clause;
  std::uint64_t leads = 0;
  bool waits_for_touch = false;
};

struct Page {
  std::string title;     // "doorway report — default"
  std::string subtitle;  // e.g. "as of 2026-03-01T00:00:00Z · 5,000 leads · 41,233 touches"
  std::string generator; // "doorway 0.3.0"
  std::vector<LedgerRow> headline;        // the few figures at the top
  std::vector<Finding> findings;          // balance, cadence, ownership
  std::vector<FunnelStep> funnel;
  std::vector<FlowNode> flow_nodes;
  std::vector<FlowLink> flow_links;
  std::vector<Bar> time_in_stage;         // median days, note carries p90
  std::vector<StackedBar> touches_by_stage;  // touches before reaching each stage
  std::vector<LedgerRow> ledger;          // the handoff ledger
  std::vector<BlockerRow> blockers;       // top explanations
  std::string attribution_title;          // empty: no attribution section
  std::vector<Bar> attribution;
};

// The whole page, deterministic: the same Page gives the same bytes.
std::string render_page(const Page& page);

}  // namespace doorway::report_html
