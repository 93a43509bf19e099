// doorway — the HTML report's inline SVG charts (see svg_charts.hpp).
#include "report/svg_charts.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "doorway/detail/strings.hpp"

namespace doorway::report_html {
namespace {

using detail::cat_to;

constexpr std::string_view kMarketingColour = "#2f6db5";
constexpr std::string_view kSalesColour = "#d9822b";
constexpr std::string_view kForwardColour = "#5b8fd6";
constexpr std::string_view kBackwardColour = "#9b6fc3";
constexpr std::string_view kLossColour = "#c9484a";
constexpr std::string_view kBarColour = "#2f6db5";

// Coordinates with at most two decimals, so the text is short and stable.
std::string px(double v) {
  if (!std::isfinite(v)) v = 0;
  const double r = std::round(v * 100) / 100;
  return format_number(r == 0 ? 0 : r, 2);
}

void open_svg(std::string& out, std::string_view id, std::string_view title, double width, double height) {
  cat_to(out, "<svg class=\"chart\" id=\"");
  append_escaped(out, id);
  cat_to(out, "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"", px(width), "\" height=\"", px(height),
         "\" viewBox=\"0 0 ", px(width), " ", px(height), "\" role=\"img\"><title>");
  append_escaped(out, title);
  out += "</title>";
}

void text(std::string& out, double x, double y, std::string_view anchor, std::string_view content,
          std::string_view cls = "label") {
  cat_to(out, "<text class=\"", cls, "\" x=\"", px(x), "\" y=\"", px(y), "\" text-anchor=\"", anchor, "\">");
  append_escaped(out, content);
  out += "</text>";
}

void rect(std::string& out, std::string_view cls, double x, double y, double w, double h, std::string_view fill,
          std::string_view tooltip) {
  cat_to(out, "<rect class=\"", cls, "\" x=\"", px(x), "\" y=\"", px(y), "\" width=\"", px(std::max(0.0, w)),
         "\" height=\"", px(std::max(0.0, h)), "\" fill=\"", fill, "\"><title>");
  append_escaped(out, tooltip);
  out += "</title></rect>";
}

double positive(double v) { return std::isfinite(v) && v > 0 ? v : 0; }

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

std::string escaped(std::string_view s) {
  std::string out;
  append_escaped(out, s);
  return out;
}

std::string format_number(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  if (v == 0) v = 0;  // no "-0"
  char buf[64];
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    return std::string(buf, r.ptr);
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, std::clamp(decimals, 0, 6));
  std::string s(buf, r.ptr);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string format_percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return "–";
  return format_number(fraction * 100, decimals) + "%";
}

std::string bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                      std::string_view unit) {
  constexpr double kWidth = 720, kLabel = 200, kArea = 360, kRow = 24, kBar = 16, kTop = 6;
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, positive(b.value));
  std::string out;
  open_svg(out, id, title, kWidth, kTop * 2 + kRow * static_cast<double>(bars.size()));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = kTop + kRow * static_cast<double>(i);
    const double w = max > 0 ? positive(b.value) / max * kArea : 0;
    std::string value = format_number(b.value, 2);
    if (!unit.empty()) cat_to(value, " ", unit);
    text(out, kLabel - 8, y + kBar - 3, "end", b.label);
    rect(out, "bar", kLabel, y, w, kBar, kBarColour, detail::cat(b.label, ": ", value));
    std::string shown = value;
    if (!b.note.empty()) cat_to(shown, " (", b.note, ")");
    text(out, kLabel + w + 6, y + kBar - 3, "start", shown, "value");
  }
  out += "</svg>";
  return out;
}

std::string stacked_bar_chart(std::string_view id, std::string_view title, const std::vector<StackedBar>& rows) {
  constexpr double kWidth = 720, kLabel = 200, kArea = 380, kRow = 24, kBar = 16, kLegend = 24;
  double max = 0;
  for (const StackedBar& r : rows) max = std::max(max, positive(r.marketing) + positive(r.sales));
  std::string out;
  open_svg(out, id, title, kWidth, kLegend + 6 + kRow * static_cast<double>(rows.size()));
  rect(out, "legend", kLabel, 4, 12, 12, kMarketingColour, "marketing");
  text(out, kLabel + 16, 14, "start", "marketing", "legend-label");
  rect(out, "legend", kLabel + 110, 4, 12, 12, kSalesColour, "sales");
  text(out, kLabel + 126, 14, "start", "sales", "legend-label");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StackedBar& r = rows[i];
    const double y = kLegend + kRow * static_cast<double>(i);
    const double m = max > 0 ? positive(r.marketing) / max * kArea : 0;
    const double s = max > 0 ? positive(r.sales) / max * kArea : 0;
    text(out, kLabel - 8, y + kBar - 3, "end", r.label);
    rect(out, "bar marketing", kLabel, y, m, kBar, kMarketingColour,
         detail::cat(r.label, ": ", format_number(r.marketing, 2), " marketing"));
    rect(out, "bar sales", kLabel + m, y, s, kBar, kSalesColour,
         detail::cat(r.label, ": ", format_number(r.sales, 2), " sales"));
    text(out, kLabel + m + s + 6, y + kBar - 3, "start",
         detail::cat(format_number(r.marketing, 2), " / ", format_number(r.sales, 2)), "value");
  }
  out += "</svg>";
  return out;
}

std::string funnel_chart(std::string_view id, std::string_view title, const std::vector<FunnelStep>& steps) {
  constexpr double kWidth = 720, kLabel = 160, kArea = 440, kStep = 26, kGap = 18, kTop = 4;
  const double centre = kLabel + kArea / 2 + 10;
  double max = 0;
  for (const FunnelStep& s : steps) max = std::max(max, positive(s.count));
  std::string out;
  const double height = kTop * 2 + static_cast<double>(steps.size()) * (kStep + kGap);
  open_svg(out, id, title, kWidth, height);
  double y = kTop;
  for (const FunnelStep& s : steps) {
    if (s.rate >= 0) {
      text(out, centre, y + kGap - 5, "middle", detail::cat("↓ ", format_percent(s.rate)), "rate");
    }
    y += kGap;
    double w = max > 0 ? positive(s.count) / max * kArea : 0;
    if (s.count > 0) w = std::max(w, 2.0);  // a step with leads stays visible
    text(out, kLabel - 8, y + kStep - 9, "end", s.label);
    rect(out, "bar band", centre - w / 2, y, w, kStep, kBarColour,
         detail::cat(s.label, ": ", format_number(s.count, 2)));
    text(out, centre + std::max(w, 60.0) / 2 + 6, y + kStep - 9, "start", format_number(s.count, 2), "value");
    y += kStep;
  }
  out += "</svg>";
  return out;
}

std::string flow_chart(std::string_view id, std::string_view title, const std::vector<FlowNode>& nodes,
                       const std::vector<FlowLink>& links) {
  // kLeft leaves room for backward links looping round the first column.
  constexpr double kWidth = 900, kMargin = 20, kLeft = 56, kLabelRoom = 120, kNode = 14, kPlot = 300,
                   kNodeGap = 16, kLoopRoom = 70;
  const int n = static_cast<int>(nodes.size());
  auto valid = [n](const FlowLink& l) { return l.from >= 0 && l.to >= 0 && l.from < n && l.to < n && l.count > 0; };

  // Node sizes: the larger of inflow and outflow.
  std::vector<double> in(nodes.size(), 0), out_flow(nodes.size(), 0);
  for (const FlowLink& l : links) {
    if (!valid(l)) continue;
    out_flow[static_cast<std::size_t>(l.from)] += l.count;
    in[static_cast<std::size_t>(l.to)] += l.count;
  }
  int columns = 1;
  for (const FlowNode& node : nodes) columns = std::max(columns, node.column + 1);
  // One scale for every column: the fullest column fills the plot height.
  std::map<int, std::pair<double, int>> per_column;  // column → (total size, node count)
  std::vector<double> size(nodes.size(), 0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    size[i] = std::max(in[i], out_flow[i]);
    auto& [total, count] = per_column[nodes[i].column];
    total += size[i];
    ++count;
  }
  double scale = 0;
  for (const auto& [column, tc] : per_column) {
    const double room = kPlot - kNodeGap * (tc.second - 1);
    if (tc.first > 0 && room > 0) scale = scale == 0 ? room / tc.first : std::min(scale, room / tc.first);
  }
  const double spacing = columns > 1 ? (kWidth - kLeft - kMargin - kLabelRoom - kNode) / (columns - 1) : 0;
  std::vector<double> x(nodes.size()), y(nodes.size()), h(nodes.size());
  std::map<int, double> next_y;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const int c = nodes[i].column;
    x[i] = kLeft + spacing * c;
    h[i] = std::max(size[i] * scale, 2.0);
    double& top = next_y.try_emplace(c, kMargin).first->second;
    y[i] = top;
    top += h[i] + kNodeGap;
  }

  std::string out;
  const double height = kMargin * 2 + kPlot + kLoopRoom;
  open_svg(out, id, title, kWidth, height);
  // Links first (under the nodes), in a stable order: by source, then target.
  std::vector<const FlowLink*> order;
  for (const FlowLink& l : links) {
    if (valid(l)) order.push_back(&l);
  }
  std::stable_sort(order.begin(), order.end(), [](const FlowLink* a, const FlowLink* b) {
    return std::pair(a->from, a->to) < std::pair(b->from, b->to);
  });
  std::vector<double> out_offset(nodes.size(), 0), in_offset(nodes.size(), 0);
  const double bottom = kMargin + kPlot;
  double loop_depth = 12;
  for (const FlowLink* l : order) {
    const auto s = static_cast<std::size_t>(l->from);
    const auto t = static_cast<std::size_t>(l->to);
    const double w = std::max(l->count * scale, 1.0);
    const double y1 = y[s] + out_offset[s] + w / 2;
    const double y2 = y[t] + in_offset[t] + w / 2;
    out_offset[s] += l->count * scale;
    in_offset[t] += l->count * scale;
    const double x1 = x[s] + kNode;
    const double x2 = x[t];
    std::string d;
    const bool backward = nodes[t].column <= nodes[s].column;
    if (!backward) {
      const double xm = (x1 + x2) / 2;
      d = detail::cat("M", px(x1), " ", px(y1), " C", px(xm), " ", px(y1), " ", px(xm), " ", px(y2), " ", px(x2),
                      " ", px(y2));
    } else {
      // Loop under the diagram: out of the source's right side, down, back left,
      // up into the target's left side.
      const double yb = bottom + loop_depth;
      loop_depth = std::min(loop_depth + 10, kLoopRoom - 4);
      d = detail::cat("M", px(x1), " ", px(y1), " C", px(x1 + 40), " ", px(y1), " ", px(x1 + 40), " ", px(yb), " ",
                      px(x1), " ", px(yb), " L", px(x2), " ", px(yb), " C", px(x2 - 40), " ", px(yb), " ",
                      px(x2 - 40), " ", px(y2), " ", px(x2), " ", px(y2));
    }
    const std::string_view cls = l->kind == FlowKind::loss       ? "link loss"
                                 : l->kind == FlowKind::backward ? "link backward"
                                                                 : "link forward";
    const std::string_view colour = l->kind == FlowKind::loss       ? kLossColour
                                    : l->kind == FlowKind::backward ? kBackwardColour
                                                                    : kForwardColour;
    cat_to(out, "<path class=\"", cls, "\" d=\"", d, "\" fill=\"none\" stroke=\"", colour,
           "\" stroke-opacity=\"0.45\" stroke-width=\"", px(w), "\"><title>");
    append_escaped(out, detail::cat(nodes[s].label, " → ", nodes[t].label, ": ", format_number(l->count, 2)));
    out += "</title></path>";
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    rect(out, "node", x[i], y[i], kNode, h[i], "#39424e", detail::cat(nodes[i].label, ": ", format_number(size[i], 2)));
    text(out, x[i] + kNode + 4, y[i] + h[i] / 2 + 4, "start",
         detail::cat(nodes[i].label, " ", format_number(size[i], 2)), "node-label");
  }
  out += "</svg>";
  return out;
}

}  // namespace doorway::report_html
