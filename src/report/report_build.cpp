// doorway — building a report from lead histories, and merging reports.
// Definitions of every count: report/funnel.hpp, report/handoff.hpp, report/report.hpp.
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "doorway/detail/strings.hpp"
#include "doorway/report/report.hpp"

namespace doorway {
inline namespace v0 {

namespace {

constexpr std::string_view kNoChannelName = "(none)";

void add_counts(BucketCounts& into, const BucketCounts& from) {
  for (const auto& [bucket, n] : from) into[bucket] += n;
}

template <class Map>
void add_keyed(Map& into, const Map& from) {
  for (const auto& [key, n] : from) {
    auto it = into.find(key);
    if (it == into.end()) {
      into.emplace(key, n);
    } else {
      it->second += n;
    }
  }
}

// Empty when `a` and `b` describe the same journey and options; else why not.
std::string incompatibility(const Report& a, const Report& b) {
  if (!(a.options == b.options)) {
    return detail::cat("they were built with different options (bucket ", format_duration(a.options.bucket), " from ",
                       format_iso8601(a.options.bucket_origin), ", exact_limit ", a.options.exact_limit, " vs bucket ",
                       format_duration(b.options.bucket), " from ", format_iso8601(b.options.bucket_origin),
                       ", exact_limit ", b.options.exact_limit, ")");
  }
  if (a.stages.size() != b.stages.size()) {
    return detail::cat("their journeys differ: ", a.stages.size(), " stages vs ", b.stages.size());
  }
  for (std::size_t i = 0; i < a.stages.size(); ++i) {
    const StageReport& x = a.stages[i];
    const StageReport& y = b.stages[i];
    if (x.stage != y.stage || x.owner != y.owner || x.kind != y.kind || x.sla != y.sla) {
      return detail::cat("their journeys differ at stage ", i, ": \"", x.stage, "\" (", to_string(x.owner), ", ",
                         to_string(x.kind), ") vs \"", y.stage, "\" (", to_string(y.owner), ", ", to_string(y.kind),
                         ")");
    }
  }
  if (a.transitions.size() != b.transitions.size()) {
    return detail::cat("their journeys differ: ", a.transitions.size(), " transitions vs ", b.transitions.size());
  }
  for (std::size_t i = 0; i < a.transitions.size(); ++i) {
    const TransitionCount& x = a.transitions[i];
    const TransitionCount& y = b.transitions[i];
    if (x.from != y.from || x.to != y.to || x.name != y.name || x.kind != y.kind || x.handoff != y.handoff) {
      return detail::cat("their journeys differ at transition ", i, ": ", x.from, " -> ", x.to, " (", x.name,
                         ") vs ", y.from, " -> ", y.to, " (", y.name, ")");
    }
  }
  return {};
}

}  // namespace

absl::Status check_report_options(const ReportOptions& o) {
  if (o.bucket <= 0) {
    return absl::InvalidArgumentError(detail::cat("report options: bucket is ", o.bucket, " us; it must be positive"));
  }
  if (o.exact_limit == 0) return absl::InvalidArgumentError("report options: exact_limit must be at least 1");
  return absl::OkStatus();
}

absl::Status Report::merge(const Report& other) {
  if (const std::string why = incompatibility(*this, other); !why.empty()) {
    return absl::InvalidArgumentError(detail::cat("cannot merge reports: ", why));
  }
  as_of = std::max(as_of, other.as_of);
  leads += other.leads;
  touches.merge(other.touches);
  outcome_touches += other.outcome_touches;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    StageReport& s = stages[i];
    const StageReport& o = other.stages[i];
    s.leads += o.leads;
    s.entries += o.entries;
    s.exits += o.exits;
    s.current += o.current;
    s.moved_forward += o.moved_forward;
    s.won_after += o.won_after;
    s.lost_after += o.lost_after;
    for (std::size_t j = 0; j < s.reached.size() && j < o.reached.size(); ++j) s.reached[j] += o.reached[j];
    s.time_in_stage.merge(o.time_in_stage);
    s.touches_before.merge(o.touches_before);
    s.touches_before_total.merge(o.touches_before_total);
  }
  for (std::size_t i = 0; i < transitions.size(); ++i) transitions[i].count += other.transitions[i].count;
  outcomes.merge(other.outcomes);
  handoffs.merge(other.handoffs);
  for (std::size_t t = 0; t < teams.size(); ++t) teams[t].merge(other.teams[t]);
  add_keyed(unowned_touches, other.unowned_touches);
  for (const auto& [channel, counts] : other.channels) add_counts(channels[channel], counts);
  add_counts(new_leads, other.new_leads);
  add_counts(handoffs_by_bucket, other.handoffs_by_bucket);
  add_counts(won_by_bucket, other.won_by_bucket);
  return absl::OkStatus();
}

struct ReportBuilder::Impl {
  const Model* model;
  Report report;
  std::size_t n = 0;
  // All transitions out of each stage (guard and SLA ones), to find the one an
  // event took by its target and name.
  std::vector<std::vector<TransitionId>> out;
  // Per-lead scratch, reset after each lead.
  std::vector<std::uint8_t> entered;
  std::vector<std::uint8_t> forward;
  std::vector<std::uint8_t> reached_seen;  // n × n
  std::vector<std::size_t> reached_set;
  struct Step {
    StageId stage = kNoStage;
    Timestamp at = 0;
  };
  std::vector<Step> path;
  // The last channel looked up (touches of a lead often share one): map nodes
  // never move, so the pointer stays valid.
  std::string last_channel;
  BucketCounts* last_counts = nullptr;

  Impl(const Model& m, ReportOptions options) : model(&m) {
    if (const absl::Status s = check_report_options(options); !s.ok()) {
      throw std::invalid_argument(std::string(s.message()));
    }
    const Journey& j = m.journey();
    n = j.stage_count();
    report.model = m.name();
    report.options = options;
    report.stages.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Stage& st = j.stage(static_cast<StageId>(i));
      StageReport& s = report.stages[i];
      s.stage = st.id;
      s.owner = st.owner;
      s.kind = st.kind;
      s.sla = st.sla;
      s.reached.assign(n, 0);
      s.time_in_stage = QuantileSketch(options.exact_limit);
      s.touches_before_total = QuantileSketch(options.exact_limit);
    }
    report.handoffs.response_time = QuantileSketch(options.exact_limit);
    out.resize(n);
    for (TransitionId t = 0; t < j.transition_count(); ++t) {
      const Journey::Edge& e = j.transition(t);
      TransitionCount c;
      c.from = e.spec.from;
      c.to = e.spec.to;
      c.name = e.spec.name;
      c.kind = e.spec.kind;
      c.handoff = e.handoff;
      report.transitions.push_back(std::move(c));
      if (e.from != kNoStage && e.from < n) out[e.from].push_back(t);
    }
    entered.assign(n, 0);
    forward.assign(n, 0);
    reached_seen.assign(n * n, 0);
  }

  TransitionId find_transition(StageId from, StageId to, std::string_view name) const {
    for (TransitionId t : out[from]) {
      const Journey::Edge& e = model->journey().transition(t);
      if (e.to == to && e.spec.name == name) return t;
    }
    return kNoTransition;
  }

  BucketCounts& channel_counts(std::string_view channel) {
    if (channel.empty()) channel = kNoChannelName;
    if (last_counts != nullptr && channel == last_channel) return *last_counts;
    auto it = report.channels.find(channel);
    if (it == report.channels.end()) it = report.channels.emplace(std::string(channel), BucketCounts{}).first;
    last_channel.assign(channel);
    last_counts = &it->second;
    return it->second;
  }

  void add(const LeadHistory& h) {
    Report& r = report;
    const Journey& j = model->journey();
    const ReportOptions& opt = r.options;
    ++r.leads;

    // --- touches: team totals, workload, unowned, channel activity.
    std::array<bool, 3> touched{};
    for (const TouchRecordView& t : h.touches) {
      const auto team = static_cast<std::size_t>(t.team);
      if (t.kind == TouchKind::outcome) {
        ++r.outcome_touches;
        ++r.teams[team].outcomes;
      } else {
        ++r.touches[t.team];
        ++r.teams[team].touches;
        touched[team] = true;
        if (t.team == Team::marketing && t.kind == TouchKind::contact) ++channel_counts(t.channel)[opt.bucket_of(t.at)];
      }
      if (t.team == Team::unknown) {
        const std::string_view key = t.type.empty() ? t.channel : t.type;
        auto it = r.unowned_touches.find(key);
        if (it == r.unowned_touches.end()) {
          r.unowned_touches.emplace(std::string(key), 1);
        } else {
          ++it->second;
        }
      }
    }
    for (std::size_t t = 0; t < touched.size(); ++t) {
      if (touched[t]) ++r.teams[t].leads_touched;
    }

    // --- the path through the journey.
    const Timestamp first_at = h.touches.empty() ? 0 : h.touches.front().at;
    ++r.new_leads[opt.bucket_of(first_at)];
    path.clear();
    std::size_t next_touch = 0;  // touches[0 .. next_touch) are at or before the current time
    TeamCounts so_far;
    auto catch_up = [&](Timestamp at) {
      while (next_touch < h.touches.size() && h.touches[next_touch].at <= at) {
        const TouchRecordView& t = h.touches[next_touch++];
        if (t.kind != TouchKind::outcome) ++so_far[t.team];
      }
    };
    std::optional<std::size_t> first_won, first_lost, first_handoff;
    auto enter = [&](StageId s, Timestamp at) {
      StageReport& st = r.stages[s];
      ++st.entries;
      ++r.team(st.owner).stage_entries;
      if (!entered[s]) {
        entered[s] = 1;
        ++st.leads;
        catch_up(at);
        st.touches_before.merge(so_far);
        st.touches_before_total.add(static_cast<std::int64_t>(so_far.total()));
      }
      if (st.kind == StageKind::won && !first_won) {
        first_won = path.size();
        ++r.won_by_bucket[opt.bucket_of(at)];
      }
      if (st.kind == StageKind::lost && !first_lost) first_lost = path.size();
      path.push_back({s, at});
    };

    StageId current = j.entry();
    if (current == kNoStage || current >= n) return;
    enter(current, first_at);
    bool breach = false;
    bool handed = false;
    bool open = false;  // a handoff waits for its answer:
    Step open_handoff;  // its target stage and time
    HandoffLedger& ledger = r.handoffs;
    for (const EventView& ev : h.events) {
      if (ev.kind == EventKind::sla_breached) {
        breach = true;
        continue;
      }
      const std::optional<StageId> to = j.find_stage(ev.to);
      if (!to || *to >= n) continue;
      const StageId from = current;
      const TransitionId tid = find_transition(from, *to, ev.reason);
      TransitionKind kind = ev.kind == EventKind::recycled ? TransitionKind::recycle : TransitionKind::forward;
      if (tid != kNoTransition) {
        ++r.transitions[tid].count;
        kind = j.transition(tid).spec.kind;
      }
      // Leave `from`.
      StageReport& left = r.stages[from];
      ++left.exits;
      left.time_in_stage.add(ev.at - path.back().at);
      if (kind == TransitionKind::forward) forward[from] = 1;
      if (open && open_handoff.stage == from) {
        if (breach) {
          ++ledger.sla_breached;
        } else {
          ++(kind == TransitionKind::forward ? ledger.accepted : ledger.rejected);
          ledger.response_time.add(ev.at - open_handoff.at);
        }
        open = false;
      }
      if (ev.kind == EventKind::handoff) {
        ++ledger.handoffs;
        if (handed) ++ledger.re_handoffs;
        if (!handed) {
          handed = true;
          ++ledger.leads;
          first_handoff = path.size();
        }
        ++r.handoffs_by_bucket[opt.bucket_of(ev.at)];
        catch_up(ev.at);
        const bool sales = next_touch > 0 && h.touches[next_touch - 1].at == ev.at &&
                           h.touches[next_touch - 1].team == Team::sales;
        ++(sales ? ledger.sales_sourced : ledger.marketing_sourced);
        open = true;
        open_handoff = Step{*to, ev.at};
      }
      breach = false;
      current = *to;
      enter(current, ev.at);
    }
    if (open) ++ledger.pending;
    ++r.stages[current].current;
    ++r.team(r.stages[current].owner).leads_owned;

    // --- per distinct stage: moved forward, reached later, won / lost later.
    std::optional<std::size_t> last_won, last_lost;
    for (std::size_t p = 0; p < path.size(); ++p) {
      const StageKind k = r.stages[path[p].stage].kind;
      if (k == StageKind::won) last_won = p;
      if (k == StageKind::lost) last_lost = p;
    }
    for (std::size_t p = 0; p < path.size(); ++p) {
      const StageId s = path[p].stage;
      for (std::size_t q = p + 1; q < path.size(); ++q) {
        const std::size_t key = static_cast<std::size_t>(s) * n + path[q].stage;
        if (!reached_seen[key]) {
          reached_seen[key] = 1;
          reached_set.push_back(key);
          ++r.stages[s].reached[path[q].stage];
        }
      }
      if (entered[s] == 1) {  // first position of s
        entered[s] = 2;
        if (forward[s]) ++r.stages[s].moved_forward;
        if (last_won && *last_won >= p) ++r.stages[s].won_after;
        if (last_lost && *last_lost >= p) ++r.stages[s].lost_after;
      }
    }

    // --- outcomes.
    if (first_won) {
      ++r.outcomes.won;
      if (first_handoff && *first_handoff < *first_won) {
        ++r.outcomes.won_after_handoff;
      } else {
        ++r.outcomes.won_without_handoff;
      }
    } else if (first_lost) {
      ++r.outcomes.lost;
      if (first_handoff && *first_handoff < *first_lost) ++r.outcomes.lost_after_handoff;
    } else {
      ++r.outcomes.open;
    }

    // --- reset the scratch.
    for (const Step& st : path) {
      entered[st.stage] = 0;
      forward[st.stage] = 0;
    }
    for (std::size_t key : reached_set) reached_seen[key] = 0;
    reached_set.clear();
  }
};

ReportBuilder::ReportBuilder(const Model& model, ReportOptions options)
    : impl_(std::make_unique<Impl>(model, options)) {}
ReportBuilder::ReportBuilder(ReportBuilder&&) noexcept = default;
ReportBuilder& ReportBuilder::operator=(ReportBuilder&&) noexcept = default;
ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::add(const LeadHistory& lead) { impl_->add(lead); }
void ReportBuilder::set_as_of(Timestamp t) noexcept { impl_->report.as_of = t; }
const Report& ReportBuilder::report() const noexcept { return impl_->report; }
Report ReportBuilder::take() && { return std::move(impl_->report); }

Report build_report(const Engine& engine, ReportOptions options) {
  ReportBuilder b(engine.model(), options);
  engine.for_each_history([&](const LeadHistory& h) { b.add(h); });
  b.set_as_of(engine.now());
  return std::move(b).take();
}

}  // namespace v0
}  // namespace doorway
