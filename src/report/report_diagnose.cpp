// doorway — balance, cadence and ownership findings read from a report's counts.
// The rules and their thresholds are documented in report/diagnose.hpp.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "doorway/detail/strings.hpp"
#include "doorway/report/diagnose.hpp"
#include "report_format.hpp"

namespace doorway {
inline namespace v0 {

namespace {

namespace fmt = detail::report_format;
using detail::cat;

Finding finding(std::string code, Severity severity, std::string sentence, std::vector<Figure> figures = {},
                std::string subject = {}) {
  Finding f;
  f.topic = code.substr(0, code.find('.'));
  f.code = std::move(code);
  f.severity = severity;
  f.subject = std::move(subject);
  f.sentence = std::move(sentence);
  f.figures = std::move(figures);
  return f;
}

Figure count(std::string name, std::uint64_t v, std::string unit) {
  return Figure{std::move(name), static_cast<double>(v), std::move(unit)};
}
Figure share(std::string name, double v) { return Figure{std::move(name), v, "share"}; }

// "a, b and c"
std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// ---- balance ------------------------------------------------------------------

void diagnose_balance(const Report& r, const DiagnosisOptions& o, std::vector<Finding>& out) {
  const HandoffLedger& h = r.handoffs;
  const Outcomes& oc = r.outcomes;
  const std::uint64_t resolved = h.resolved();
  const std::uint64_t closed = oc.won_after_handoff + oc.lost_after_handoff;
  const std::uint64_t answered = h.accepted + h.rejected;
  const double handoff_rate = fmt::ratio(h.leads, r.leads);
  const double breach_share = fmt::ratio(h.sla_breached, resolved);
  const double rejected_share = fmt::ratio(h.rejected, answered);
  const double win_rate = oc.win_rate_after_handoff();
  const double sales_sourced_share = fmt::ratio(h.sales_sourced, h.handoffs);
  const std::vector<Figure> figures = {
      count("leads", r.leads, "leads"),
      count("handoffs", h.handoffs, "handoffs"),
      share("handoff_rate", handoff_rate),
      share("breach_share", breach_share),
      share("rejected_share", rejected_share),
      count("closed_after_handoff", closed, "leads"),
      share("win_rate_after_handoff", win_rate),
      share("sales_sourced_share", sales_sourced_share),
      count("won_without_handoff", oc.won_without_handoff, "leads"),
  };

  if (h.handoffs < o.min_handoffs) {
    out.push_back(finding("balance.too_little_data", Severity::info,
                          cat("Too few handoffs to judge the balance between marketing and sales: ", h.handoffs,
                              " (at least ", o.min_handoffs, " are needed); ", r.leads, " leads so far."),
                          figures));
    return;
  }
  bool any = false;
  const bool breaches = breach_share > o.max_breach_share;
  const bool weak_close = closed >= o.min_closed && win_rate < o.min_win_rate;
  if (breaches || weak_close) {
    std::string why;
    if (breaches) {
      why = cat(h.sla_breached, " of ", resolved, " handoffs with an outcome (", fmt::percent(breach_share),
                ") waited past their SLA with no answer from sales");
    }
    if (weak_close) {
      if (!why.empty()) why += ", and ";
      why += cat("only ", oc.won_after_handoff, " of ", closed, " handed-off leads that closed were won (",
                 fmt::percent(win_rate), ")");
    }
    out.push_back(finding("balance.sales_constraint", Severity::warning,
                          cat("Sales is the constraint: ", why,
                              ". Marketing brings people to the door, but they are not getting through it: "
                              "many leads, few closes (seeds/001, 004)."),
                          figures));
    any = true;
  }
  if (sales_sourced_share > o.max_sales_sourced_share) {
    out.push_back(finding("balance.marketing_constraint", Severity::warning,
                          cat("Marketing is the constraint: ", h.sales_sourced, " of ", h.handoffs, " handoffs (",
                              fmt::percent(sales_sourced_share),
                              ") began with sales' own cold calls, visits or introductions rather than with "
                              "prospects marketing brought to the door. The pipeline is starved, and sales spends "
                              "enormous effort finding its own prospects (seeds/001, 004)."),
                          figures));
    any = true;
  }
  if (answered > 0 && rejected_share > o.max_rejected_share) {
    out.push_back(finding("balance.lead_quality", Severity::warning,
                          cat("Sales rejected ", h.rejected, " of the ", answered, " handoffs it answered (",
                              fmt::percent(rejected_share),
                              "): marketing hands over leads sales does not want. Agree on when a lead is "
                              "ready (warm after three to five contact points, seeds/001)."),
                          figures));
    any = true;
  }
  if (!any) {
    std::string sentence =
        cat("Marketing and sales are in balance: ", h.handoffs, " handoffs from ", r.leads, " leads (",
            fmt::percent(handoff_rate), " of leads handed off), ", fmt::percent(1.0 - breach_share),
            " of those with an outcome answered within the SLA, ", fmt::percent(1.0 - sales_sourced_share),
            " brought to the door by marketing");
    if (closed >= o.min_closed) {
      detail::cat_to(sentence, ", and ", fmt::percent(win_rate), " of handed-off leads that closed won");
    }
    sentence += '.';
    out.push_back(finding("balance.balanced", Severity::info, std::move(sentence), figures));
  }
}

// ---- cadence ------------------------------------------------------------------

struct Window {
  bool any = false;
  std::int64_t first = 0;
  std::int64_t last = 0;
};

Window activity_window(const Report& r) {
  Window w;
  for (const auto& [name, counts] : r.channels) {
    if (counts.empty()) continue;
    const std::int64_t a = counts.begin()->first;
    const std::int64_t b = counts.rbegin()->first;
    if (!w.any) {
      w = {true, a, b};
    } else {
      w.first = std::min(w.first, a);
      w.last = std::max(w.last, b);
    }
  }
  return w;
}

std::uint64_t marketing_activity(const Report& r) {
  std::uint64_t total = 0;
  for (const auto& [name, counts] : r.channels) {
    for (const auto& [bucket, n] : counts) total += n;
  }
  return total;
}

void diagnose_cadence(const Report& r, const DiagnosisOptions& o, std::vector<Finding>& out) {
  const Window w = activity_window(r);
  const std::uint64_t window_buckets = w.any ? static_cast<std::uint64_t>(w.last - w.first + 1) : 0;
  const std::string bucket = format_duration(r.options.bucket);
  if (window_buckets < o.min_buckets) {
    out.push_back(finding("cadence.too_little_data", Severity::info,
                          cat("Too little marketing activity over time to judge its cadence: ", window_buckets,
                              " bucket(s) of ", bucket, " with activity (at least ", o.min_buckets, " are needed)."),
                          {count("buckets", window_buckets, "buckets")}));
    return;
  }
  const std::vector<ChannelCadence> channels = channel_cadence(r, o);
  std::vector<std::string> steady;
  std::vector<std::string> unjudged;
  // Per-channel findings, grouped by code (each group in the channels' order).
  std::vector<Finding> intermittent, stopped, bursty;
  for (const ChannelCadence& c : channels) {
    std::vector<Figure> figures = {
        count("touches", c.touches, "touches"), share("share", c.share),   count("span", c.span, "buckets"),
        count("active", c.active, "buckets"),   count("longest_gap", c.longest_gap, "buckets"),
        count("trailing_gap", c.trailing_gap, "buckets"),
        Figure{"mean", c.mean, "touches"},      Figure{"cv", c.cv, "ratio"}, count("bursts", c.bursts, "buckets"),
    };
    if (!c.judged) {
      unjudged.push_back(c.channel);
      continue;
    }
    if (c.intermittent) {
      intermittent.push_back(finding("cadence.intermittent", Severity::warning,
                            cat("Marketing on ", c.channel, " is intermittent: ", c.longest_gap, " buckets of ",
                                bucket, " in a row with no activity, active in ", c.active, " of ", c.span,
                                ". Marketing must be ongoing, constant and assured, not half-hearted (seeds/000)."),
                            figures, c.channel));
    }
    if (c.stopped) {
      stopped.push_back(finding("cadence.stopped", Severity::warning,
                            cat("Marketing on ", c.channel, " stopped: no activity in the last ", c.trailing_gap,
                                " buckets of ", bucket, " while marketing went on elsewhere (active in ", c.active,
                                " of ", c.span, "). Marketing must be ongoing, not intermittent (seeds/000)."),
                            figures, c.channel));
    }
    if (c.bursty) {
      bursty.push_back(finding("cadence.bursty", Severity::warning,
                            cat("Marketing on ", c.channel, " comes in bursts: touches per ", bucket,
                                " vary more than their mean (cv ", fmt::decimal(c.cv, 2), ", mean ",
                                fmt::decimal(c.mean, 1), "), with ", c.bursts, " bucket(s) above ",
                                fmt::decimal(o.burst_factor, 1), " times the mean (seeds/000)."),
                            figures, c.channel));
    }
    if (!c.intermittent && !c.stopped && !c.bursty) steady.push_back(c.channel);
  }
  for (std::vector<Finding>* group : {&stopped, &intermittent, &bursty}) {
    for (Finding& f : *group) out.push_back(std::move(f));
  }
  if (!steady.empty()) {
    out.push_back(finding("cadence.steady", Severity::info,
                          cat("Steady marketing activity on ", join_names(steady), " (no gap of ", o.max_gap_buckets,
                              " or more buckets of ", bucket, ", not stopped, and no bursts)."),
                          {count("channels", steady.size(), "channels")}));
  }
  if (!unjudged.empty()) {
    out.push_back(finding("cadence.too_little_data", Severity::info,
                          cat("Too little activity to judge the cadence of ", join_names(unjudged), " (fewer than ",
                              o.min_channel_touches, " touches or ", o.min_buckets, " buckets each)."),
                          {count("channels", unjudged.size(), "channels")}));
  }

  // Spread: the inverse Herfindahl index of the channels' shares.
  const double effective = effective_channels(r);
  double top3 = 0;
  std::vector<std::string> top_names;
  for (std::size_t i = 0; i < channels.size() && i < 3; ++i) {
    top3 += channels[i].share;
    top_names.push_back(channels[i].channel);
  }
  const std::vector<Figure> spread = {
      count("channels", channels.size(), "channels"),
      Figure{"effective_channels", effective, "channels"},
      share("top3_share", top3),
  };
  if (effective > o.max_effective_channels) {
    out.push_back(finding("cadence.spread_thin", Severity::warning,
                          cat("Marketing effort is spread over ", channels.size(), " channels, as evenly as ",
                              fmt::decimal(effective, 1), " equal ones; the top three (", join_names(top_names),
                              ") carry only ", fmt::percent(top3),
                              ". It is better to do a few things extremely well than many things poorly (seeds/000)."),
                          spread));
  } else {
    out.push_back(finding("cadence.focused", Severity::info,
                          cat("Marketing effort is focused: ", channels.size(), " channel(s), as concentrated as ",
                              fmt::decimal(effective, 1), " equal ones; the top three (", join_names(top_names),
                              ") carry ", fmt::percent(top3), "."),
                          spread));
  }
}

// ---- ownership ----------------------------------------------------------------

void diagnose_ownership(const Report& r, const DiagnosisOptions& o, std::vector<Finding>& out) {
  bool any = false;
  std::vector<std::string> unowned_stages;
  for (const StageReport& s : r.stages) {
    if (s.owner == Team::unknown) unowned_stages.push_back(s.stage);
  }
  if (!unowned_stages.empty()) {
    out.push_back(finding("ownership.unowned_stages", Severity::warning,
                          cat("No team owns ", join_names(unowned_stages),
                              ": leads there fall between the cracks. Give every stage one owner (seeds/002)."),
                          {count("stages", unowned_stages.size(), "stages")}));
    any = true;
  }
  std::uint64_t unowned = 0;
  for (const auto& [type, n] : r.unowned_touches) unowned += n;
  const std::uint64_t all = r.touches.total() + r.outcome_touches;
  if (unowned > 0) {
    std::vector<std::pair<std::string, std::uint64_t>> top(r.unowned_touches.begin(), r.unowned_touches.end());
    std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> names;
    for (std::size_t i = 0; i < top.size() && i < 5; ++i) names.push_back(cat(top[i].first, " (", top[i].second, ")"));
    if (top.size() > 5) names.push_back(cat(top.size() - 5, " more"));
    out.push_back(finding("ownership.unowned_touches", Severity::warning,
                          cat(unowned, " of ", all, " touches (", fmt::percent(unowned, all),
                              ") belong to no team: ", join_names(names),
                              ". Give each touch type an owning team in the catalog, or the work falls between "
                              "the cracks (seeds/002)."),
                          {count("unowned_touches", unowned, "touches"), count("touches", all, "touches"),
                           share("unowned_share", fmt::ratio(unowned, all))}));
    any = true;
  }
  const HandoffLedger& h = r.handoffs;
  if (h.sla_breached > 0) {
    const double breach = fmt::ratio(h.sla_breached, h.handoffs);
    const bool warn = breach > o.max_sla_breach_share;
    std::vector<Figure> figures = {count("handoffs", h.handoffs, "handoffs"),
                                   count("sla_breached", h.sla_breached, "handoffs"), share("breach_share", breach)};
    std::string answer;
    if (auto med = h.response_time.median()) {
      figures.push_back(Figure{"median_answer", fmt::hours(*med), "hours"});
      figures.push_back(Figure{"p90_answer", fmt::hours(*h.response_time.p90()), "hours"});
      answer = cat(" Answered handoffs took ", fmt::duration(*med), " (median; p90 ", fmt::duration(*h.response_time.p90()),
                   ").");
    }
    out.push_back(finding("ownership.sla_breached", warn ? Severity::warning : Severity::info,
                          cat(h.sla_breached, " of ", h.handoffs, " handoffs (", fmt::percent(breach),
                              ") waited past their SLA with nobody in sales acting; each went back to marketing ",
                              warn ? "(above the " : "(within the ", fmt::percent(o.max_sla_breach_share),
                              " tolerance).", answer),
                          std::move(figures)));
    any = any || warn;
  }
  if (!any) {
    std::string sentence = "Every touch and stage has an owning team";
    if (h.handoffs > 0 && h.sla_breached == 0) {
      detail::cat_to(sentence, ", and none of the ", h.handoffs, " handoffs waited past its SLA");
    }
    sentence += '.';
    out.push_back(finding("ownership.owned", Severity::info, std::move(sentence),
                          {count("handoffs", h.handoffs, "handoffs"), count("sla_breached", h.sla_breached, "handoffs")}));
  }
}

}  // namespace

double effective_channels(const Report& r) {
  const std::uint64_t total = marketing_activity(r);
  if (total == 0) return 0;
  double sum = 0;
  for (const auto& [name, counts] : r.channels) {
    std::uint64_t n = 0;
    for (const auto& [bucket, c] : counts) n += c;
    const double s = fmt::ratio(n, total);
    sum += s * s;
  }
  return sum == 0 ? 0 : 1.0 / sum;
}

std::vector<ChannelCadence> channel_cadence(const Report& r, const DiagnosisOptions& o) {
  std::vector<ChannelCadence> out;
  const Window w = activity_window(r);
  const std::uint64_t total = marketing_activity(r);
  if (!w.any) return out;
  const std::uint64_t window_buckets = static_cast<std::uint64_t>(w.last - w.first + 1);
  for (const auto& [name, counts] : r.channels) {
    if (counts.empty()) continue;
    ChannelCadence c;
    c.channel = name;
    c.first_bucket = counts.begin()->first;
    c.span = static_cast<std::uint64_t>(w.last - c.first_bucket + 1);
    c.active = counts.size();
    for (const auto& [bucket, n] : counts) c.touches += n;
    c.share = fmt::ratio(c.touches, total);
    c.mean = static_cast<double>(c.touches) / static_cast<double>(c.span);
    // Gaps: runs of empty buckets between active ones; and after the last one.
    std::int64_t prev = c.first_bucket - 1;
    double squares = 0;
    for (const auto& [bucket, n] : counts) {
      c.longest_gap = std::max(c.longest_gap, static_cast<std::uint64_t>(bucket - prev - 1));
      prev = bucket;
      const double d = static_cast<double>(n) - c.mean;
      squares += d * d;
      if (static_cast<double>(n) > o.burst_factor * c.mean) ++c.bursts;
    }
    c.trailing_gap = static_cast<std::uint64_t>(w.last - prev);
    squares += static_cast<double>(c.span - c.active) * c.mean * c.mean;  // the empty buckets
    c.cv = c.mean > 0 ? std::sqrt(squares / static_cast<double>(c.span)) / c.mean : 0;
    c.judged = window_buckets >= o.min_buckets && c.span >= o.min_buckets && c.touches >= o.min_channel_touches;
    if (c.judged) {
      c.intermittent = c.longest_gap >= o.max_gap_buckets;
      c.stopped = c.trailing_gap >= o.max_gap_buckets;
      c.bursty = c.mean >= o.min_mean_for_cv && c.cv > o.max_cv;
    }
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const ChannelCadence& a, const ChannelCadence& b) {
    if (a.touches != b.touches) return a.touches > b.touches;
    return a.channel < b.channel;
  });
  return out;
}

std::vector<Finding> diagnose(const Report& report, const DiagnosisOptions& options) {
  std::vector<Finding> out;
  diagnose_balance(report, options, out);
  diagnose_cadence(report, options, out);
  diagnose_ownership(report, options, out);
  return out;
}

}  // namespace v0
}  // namespace doorway
