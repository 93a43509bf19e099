// doorway command line — the HTML report: what a run of the touches adds to the
// page (why leads wait, attribution) and writing the page to a file. Used by
// `doorway report --html` and `doorway demo`.
#pragma once

#include <string>
#include <string_view>

#include "doorway/engine.hpp"
#include "doorway/report/report.hpp"
#include "doorway/report/report_html.hpp"

namespace doorway::cli {

// Fills the sections only a run of the touches can give: the top 10 blockers
// (why leads wait) and, when the model has a "customer" stage and some lead
// reached it, the Markov (order 1) credit per channel, top 15.
void add_engine_sections(const Engine& engine, HtmlReportOptions& html);

// Writes the page to `path` (RuntimeError when it cannot); says so on standard
// error as "<who>: wrote PATH" unless `who` is empty.
void write_html_report(const std::string& path, const Report& report, const HtmlReportOptions& html,
                       std::string_view who);

}  // namespace doorway::cli
