// The HTML report's SVG charts: sizes proportional to the data, labels escaped,
// marks countable. Expected geometry worked out by hand from the layout constants
// documented in src/report/svg_charts.cpp.
#include <gtest/gtest.h>

#include <string>

#include "report/svg_charts.hpp"

namespace doorway::report_html {
namespace {

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
  return n;
}

TEST(SvgCharts, NumbersAndPercentagesPrintShortAndStable) {
  EXPECT_EQ(format_number(3), "3");
  EXPECT_EQ(format_number(2.25, 1), "2.2");  // to_chars rounds half to even on the exact binary value 2.25
  EXPECT_EQ(format_number(2.5, 2), "2.5");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_percent(0.256), "25.6%");
  EXPECT_EQ(format_percent(0.5), "50%");
}

TEST(SvgCharts, LabelsAreEscaped) {
  EXPECT_EQ(escaped("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  const std::string svg = bar_chart("x", "T<1>", {{"<script>", 1, ""}});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("<title>T&lt;1&gt;</title>"), std::string::npos);
}

TEST(SvgCharts, BarsAreProportionalToTheLargest) {
  // Bar area 360 px: 10 → 360, 5 → 180, -1 → 0.
  const std::string svg = bar_chart("b", "bars", {{"a", 10, ""}, {"b", 5, "half"}, {"c", -1, ""}});
  EXPECT_EQ(count(svg, "class=\"bar\""), 3u);
  EXPECT_NE(svg.find("width=\"360\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"180\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"0\""), std::string::npos);
  EXPECT_NE(svg.find("5 (half)"), std::string::npos);
}

TEST(SvgCharts, StackedBarsSplitMarketingAndSales) {
  // Largest total 40 fills 380 px: row 1 = 30 + 10 → 285 + 95; row 2 = 0 + 20 → 0 + 190.
  const std::string svg = stacked_bar_chart("s", "touches", {{"lead", 30, 10}, {"sal", 0, 20}});
  EXPECT_EQ(count(svg, "class=\"bar marketing\""), 2u);
  EXPECT_EQ(count(svg, "class=\"bar sales\""), 2u);
  EXPECT_NE(svg.find("width=\"285\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"95\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"190\""), std::string::npos);
}

TEST(SvgCharts, FunnelStepsScaleAndShowConversion) {
  // 100 → 440 px wide, 50 → 220 px, centred at x = 160 + 220 + 10 = 390, so the
  // second bar starts at 390 − 110 = 280; the rate 50 / 100 prints as "50%".
  const std::string svg = funnel_chart("f", "funnel", {{"lead", 100, -1}, {"mql", 50, 0.5}});
  EXPECT_EQ(count(svg, "class=\"bar band\""), 2u);
  EXPECT_NE(svg.find("x=\"170\" y=\"22\" width=\"440\""), std::string::npos);
  EXPECT_NE(svg.find("x=\"280\" y=\"66\" width=\"220\""), std::string::npos);
  EXPECT_NE(svg.find("↓ 50%"), std::string::npos);
}

TEST(SvgCharts, FlowNodesShareOneScaleAndLinksKeepTheirKind) {
  // a (column 0) → b 30, a → c 10 (columns 1), b → a 5 backward. Sizes: a =
  // max(in 5, out 40) = 40, b = max(30, 5) = 30, c = 10. Column 0 fits 40 in 300 px
  // (7.5 px each); column 1 fits 30 + 10 in 300 − 16 = 284 px (7.1): the smaller,
  // 7.1, is the scale, so a is 284 px, b 213 px, c 71 px high.
  const std::string svg = flow_chart("flow", "flow", {{"a", 0}, {"b", 1}, {"c", 1}},
                                     {{0, 1, 30, FlowKind::forward},
                                      {0, 2, 10, FlowKind::loss},
                                      {1, 0, 5, FlowKind::backward},
                                      {0, 9, 3, FlowKind::forward}});  // out of range: ignored
  EXPECT_EQ(count(svg, "class=\"node\""), 3u);
  EXPECT_EQ(count(svg, "class=\"link forward\""), 1u);
  EXPECT_EQ(count(svg, "class=\"link loss\""), 1u);
  EXPECT_EQ(count(svg, "class=\"link backward\""), 1u);
  EXPECT_NE(svg.find("height=\"284\""), std::string::npos);
  EXPECT_NE(svg.find("height=\"213\""), std::string::npos);
  EXPECT_NE(svg.find("height=\"71\""), std::string::npos);
  EXPECT_NE(svg.find("stroke-width=\"213\""), std::string::npos);  // the a → b band: 30 × 7.1
}

}  // namespace
}  // namespace doorway::report_html
