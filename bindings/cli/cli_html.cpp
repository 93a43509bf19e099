// doorway command line — the HTML report (see cli_html.hpp).
#include "cli_html.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

#include "cli_common.hpp"
#include "doorway/report/attribution.hpp"
#include "doorway/report/blockers.hpp"
#include "doorway/report/journeys.hpp"

namespace doorway::cli {

void add_engine_sections(const Engine& engine, HtmlReportOptions& html) {
  BlockerTally tally;
  tally.add(engine, engine.now());
  html.blockers = tally.top(10);
  if (!engine.model().journey().find_stage("customer")) return;
  absl::StatusOr<Journeys> journeys = journeys_from_engine(engine);
  if (!journeys.ok()) return;
  AttributionOptions options;
  options.model = AttributionModel::markov;
  absl::StatusOr<Attribution> a = attribute(*journeys, options);
  if (!a.ok() || a->total_conversions <= 0) return;
  std::vector<ChannelCredit> credits = a->channels;
  std::stable_sort(credits.begin(), credits.end(),
                   [](const ChannelCredit& x, const ChannelCredit& y) { return x.conversions > y.conversions; });
  if (credits.size() > 15) credits.resize(15);
  html.attribution_title = "Attribution: Markov removal effect (order 1), conversions to customer";
  for (const ChannelCredit& c : credits) html.attribution.emplace_back(c.channel, c.conversions);
}

void write_html_report(const std::string& path, const Report& report, const HtmlReportOptions& html,
                       std::string_view who) {
  OutputFile file(path);
  file.stream() << report_to_html(report, html);
  file.close();
  if (!who.empty()) std::cerr << who << ": wrote " << path << '\n';
}

}  // namespace doorway::cli
