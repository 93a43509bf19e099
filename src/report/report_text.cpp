// doorway — a report as text (report/report_text.hpp): aligned tables and the
// diagnoses' sentences wrapped to 88 columns.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/detail/strings.hpp"
#include "doorway/report/report_text.hpp"
#include "doorway/timestamp.hpp"
#include "report_format.hpp"

namespace doorway {
inline namespace v0 {

namespace {

namespace fmt = detail::report_format;
using detail::cat;
using detail::cat_to;

constexpr std::size_t kWidth = 88;

// Columns are left-aligned when their header is in `left`, right-aligned otherwise.
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::size_t left_columns = 1)
      : left_(left_columns) { rows_.push_back(std::move(header)); }
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void render(std::string& out, std::string_view indent = "  ") const {
    std::vector<std::size_t> width;
    for (const auto& r : rows_) {
      if (width.size() < r.size()) width.resize(r.size(), 0);
      for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    }
    for (const auto& r : rows_) {
      std::string line(indent);
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (i > 0) line += "  ";
        const std::size_t pad = width[i] - r[i].size();
        if (i < left_) {
          line += r[i];
          if (i + 1 < r.size()) line.append(pad, ' ');
        } else {
          line.append(pad, ' ');
          line += r[i];
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line;
      out += '\n';
    }
  }

 private:
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

// Words of `text` on lines of at most kWidth columns, each starting with `indent`.
void wrap(std::string& out, std::string_view text, std::string_view indent) {
  std::string line(indent);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    const std::string_view word = text.substr(i, end - i);
    if (line.size() > indent.size() && line.size() + 1 + word.size() > kWidth) {
      out += line;
      out += '\n';
      line.assign(indent);
    }
    if (line.size() > indent.size()) line += ' ';
    line += word;
    i = end + 1;
  }
  if (line.size() > indent.size()) {
    out += line;
    out += '\n';
  }
}

std::string with_share(std::uint64_t part, std::uint64_t whole) {
  return cat(part, " (", fmt::percent(part, whole), ")");
}

std::string quantile_duration(const QuantileSketch& s, bool p90) {
  const auto q = p90 ? s.p90() : s.median();
  return q ? fmt::duration(*q) : "-";
}

std::string figure_text(const Figure& f) {
  if (f.unit == "share") return cat(f.name, " ", fmt::percent(f.value));
  if (f.unit == "hours") return cat(f.name, " ", fmt::decimal(f.value, 1), " h");
  return cat(f.name, " ", fmt::decimal(f.value, 2));
}

void funnel(std::string& out, const Report& r) {
  out += "Funnel (stages in journey order; time in stage over completed stays)\n";
  Table t({"stage", "owner", "leads", "now", "moved on", "won later", "median stay", "p90 stay", "touches before"},
          2);
  for (const StageReport& s : r.stages) {
    std::string before = "-";
    if (s.leads > 0) {
      before = cat(fmt::decimal(static_cast<double>(s.touches_before.marketing) / static_cast<double>(s.leads), 1), " + ",
                   fmt::decimal(static_cast<double>(s.touches_before.sales) / static_cast<double>(s.leads), 1), " (",
                   *s.touches_before_total.median(), ")");
    }
    t.row({s.stage, std::string(to_string(s.owner)), cat(s.leads), cat(s.current),
           s.leads ? with_share(s.moved_forward, s.leads) : "-", s.leads ? with_share(s.won_after, s.leads) : "-",
           quantile_duration(s.time_in_stage, false), quantile_duration(s.time_in_stage, true), before});
  }
  t.render(out);
  out += "  (touches before: a lead's mean marketing + sales contacts when it first entered the stage,\n"
         "  and in parentheses the median of their total)\n";
}

void outcomes_and_handoffs(std::string& out, const Report& r) {
  const Outcomes& o = r.outcomes;
  cat_to(out, "\nOutcomes: ", o.won, " won, ", o.lost, " lost, ", o.open, " open; win rate ", fmt::percent(o.win_rate()),
         " (won / (won + lost)).\n");
  cat_to(out, "  After a handoff: ", o.won_after_handoff, " won, ", o.lost_after_handoff, " lost (",
         fmt::percent(o.win_rate_after_handoff()), " won); ", o.won_without_handoff,
         " won with no handoff (marketing-closed, seeds/004).\n");

  const HandoffLedger& h = r.handoffs;
  cat_to(out, "\nHandoffs: ", h.handoffs, " to sales (", h.leads, " leads; ", h.re_handoffs, " re-handoffs); ",
         h.marketing_sourced, " marketing-sourced, ", h.sales_sourced, " sales-sourced.\n");
  if (h.handoffs > 0) {
    cat_to(out, "  accepted ", with_share(h.accepted, h.handoffs), ", rejected ", with_share(h.rejected, h.handoffs),
           ", SLA breached ", with_share(h.sla_breached, h.handoffs), ", pending ", with_share(h.pending, h.handoffs),
           "\n");
  }
  if (!h.response_time.empty()) {
    cat_to(out, "  answered in ", quantile_duration(h.response_time, false), " (median), ",
           quantile_duration(h.response_time, true), " (p90)\n");
  }
}

void workload(std::string& out, const Report& r) {
  out += "\nWorkload per team (touches carry no rep id, so the owner is the team)\n";
  Table t({"team", "touches", "outcomes", "leads touched", "leads owned now", "stage entries"});
  for (Team team : {Team::marketing, Team::sales, Team::unknown}) {
    const TeamWorkload& w = r.team(team);
    t.row({std::string(to_string(team)), cat(w.touches), cat(w.outcomes), cat(w.leads_touched), cat(w.leads_owned),
           cat(w.stage_entries)});
  }
  t.render(out);
}

void channels(std::string& out, const Report& r, const DiagnosisOptions& options) {
  const std::vector<ChannelCadence> cad = channel_cadence(r, options);
  if (cad.empty()) return;
  cat_to(out, "\nMarketing activity per channel (buckets of ", format_duration(r.options.bucket), ")\n");
  Table t({"channel", "touches", "share", "active/span", "longest gap", "mean", "cv"});
  for (const ChannelCadence& c : cad) {
    t.row({c.channel, cat(c.touches), fmt::percent(c.share), cat(c.active, "/", c.span), cat(c.longest_gap),
           fmt::decimal(c.mean, 1), fmt::decimal(c.cv, 2)});
  }
  t.render(out);
}

// One line for a per-channel finding that follows another of the same code.
std::string compact(const Finding& f) {
  auto value = [&](std::string_view name) {
    const Figure* g = f.figure(name);
    return g ? fmt::decimal(g->value, 2) : std::string("-");
  };
  return cat(f.subject, ": touches ", value("touches"), ", active ", value("active"), " of ", value("span"),
             " buckets, longest gap ", value("longest_gap"), ", silent at the end ", value("trailing_gap"), ", cv ",
             value("cv"));
}

void diagnoses(std::string& out, const Report& r, const DiagnosisOptions& options) {
  out += "\nDiagnoses\n";
  const std::vector<Finding> findings = diagnose(r, options);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (i > 0 && !f.subject.empty() && findings[i - 1].code == f.code && !findings[i - 1].subject.empty()) {
      wrap(out, "also " + compact(f), "          ");
      continue;
    }
    cat_to(out, "  ", f.severity == Severity::warning ? "WARNING " : "info    ", f.code);
    if (!f.subject.empty()) cat_to(out, " (", f.subject, ")");
    out += '\n';
    wrap(out, f.sentence, "          ");
    if (!f.figures.empty()) {
      std::string figs = "[";
      for (std::size_t k = 0; k < f.figures.size(); ++k) cat_to(figs, k ? ", " : "", figure_text(f.figures[k]));
      figs += "]";
      wrap(out, figs, "          ");
    }
  }
}

}  // namespace

std::string report_to_text(const Report& r, const DiagnosisOptions& options) {
  std::string out;
  cat_to(out, "doorway report: model \"", r.model, "\", ", r.leads, r.leads == 1 ? " lead" : " leads", ", as of ",
         format_iso8601(r.as_of), "\n");
  cat_to(out, "Touches: ", r.touches.total(), " contacts (marketing ", r.touches.marketing, ", sales ",
         r.touches.sales, ", unknown ", r.touches.unknown, ") and ", r.outcome_touches, " outcomes\n\n");
  funnel(out, r);
  outcomes_and_handoffs(out, r);
  workload(out, r);
  channels(out, r, options);
  diagnoses(out, r, options);
  return out;
}

}  // namespace v0
}  // namespace doorway
