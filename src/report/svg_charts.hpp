// doorway — the charts of the HTML report, drawn as inline SVG text: horizontal
// bars, stacked marketing/sales bars, a funnel and a stage-to-stage flow diagram.
// Pure functions of their data (no I/O, no clock), deterministic text: the same data
// gives the same bytes. Every label is escaped; sizes are in CSS pixels.
//
// Each chart is one <svg class="chart" id=…> element with a <title> (for screen
// readers and the browser test), its marks carrying class names (`bar`, `band`,
// `node`, `link`) so a test can count what was drawn.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace doorway::report_html {

// Escapes text for HTML element content and attribute values (& < > " ').
void append_escaped(std::string& out, std::string_view text);
std::string escaped(std::string_view text);

// A number as the report prints it: integers without a fraction, others with up to
// `decimals` digits after the point (trailing zeros dropped).
std::string format_number(double v, int decimals = 1);
std::string format_percent(double fraction, int decimals = 1);  // 0.256 → "25.6%"

struct Bar {
  std::string label;
  double value = 0;
  std::string note;  // printed after the value, e.g. "median 3.5 days"
};

// Horizontal bars, longest = full width; negative values are drawn as zero-length.
std::string bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                      std::string_view unit = {});

struct StackedBar {
  std::string label;
  double marketing = 0;
  double sales = 0;
};

// One horizontal bar per row split into marketing (left) and sales (right) parts,
// scaled to the largest row total; a legend names the two colours.
std::string stacked_bar_chart(std::string_view id, std::string_view title, const std::vector<StackedBar>& rows);

struct FunnelStep {
  std::string label;
  double count = 0;
  double rate = -1;  // conversion from the previous step, 0..1; < 0 for none (the first)
};

// A centred funnel: each step a bar whose width is proportional to its count, with
// the conversion rate from the previous step between them.
std::string funnel_chart(std::string_view id, std::string_view title, const std::vector<FunnelStep>& steps);

enum class FlowKind { forward, backward, loss };

struct FlowNode {
  std::string label;
  int column = 0;  // left-to-right position; nodes of a column are stacked top-down
};

struct FlowLink {
  int from = 0;  // index into the nodes
  int to = 0;
  double count = 0;
  FlowKind kind = FlowKind::forward;
};

// A Sankey-style diagram: nodes are vertical bars sized by the larger of their
// inflow and outflow, links are bands whose width is proportional to the count.
// Forward links run left to right; backward links (recycles) loop under the
// diagram; losses are drawn in their own colour.
std::string flow_chart(std::string_view id, std::string_view title, const std::vector<FlowNode>& nodes,
                       const std::vector<FlowLink>& links);

}  // namespace doorway::report_html
