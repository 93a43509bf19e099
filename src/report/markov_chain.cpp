// doorway — the Markov chain of markov attribution: building it, its strongly
// connected components, its solution and the removal of one channel at a time
// (steps 1–4 in markov_chain.hpp).
#include "markov_chain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"

namespace doorway {
inline namespace v0 {
namespace detail::markov {
namespace {

using Key = std::array<std::uint32_t, kMaxMarkovOrder>;

struct Transition {
  std::uint32_t from;
  std::uint32_t to;
  double weight;
};

}  // namespace

Chain build_chain(const Journeys& journeys, const AttributionOptions& o) {
  const int k = o.order;
  Chain ch;
  ch.newest.push_back(kNone);
  std::vector<double> conv_w(1, 0.0), null_w(1, 0.0), value_w(1, 0.0);
  std::vector<std::uint32_t> direct(k == 1 ? journeys.channel_count() : 0, kNone);
  absl::flat_hash_map<Key, std::uint32_t, absl::Hash<Key>> ids;
  std::vector<Transition> trans;
  trans.reserve(journeys.touch_count());

  auto new_state = [&](std::uint32_t newest) {
    const auto id = static_cast<std::uint32_t>(ch.newest.size());
    ch.newest.push_back(newest);
    conv_w.push_back(0);
    null_w.push_back(0);
    value_w.push_back(0);
    return id;
  };

  for (std::size_t j = 0; j < journeys.size(); ++j) {
    const double conv = journeys.conversions(j);
    if (!o.include_nulls && conv == 0) continue;
    const double nulls = o.include_nulls ? journeys.nulls(j) : 0.0;
    const double w = conv + nulls;
    if (w == 0) continue;
    Key key;
    key.fill(kNone);
    int len = 0;
    std::uint32_t prev = 0;
    std::uint32_t prev_channel = kNone;
    for (std::uint32_t c : journeys.channels(j)) {
      if (o.collapse_repeats && c == prev_channel) continue;
      prev_channel = c;
      std::uint32_t s;
      if (k == 1) {
        if (direct[c] == kNone) direct[c] = new_state(c);
        s = direct[c];
      } else {
        if (len < k) {
          key[static_cast<std::size_t>(len++)] = c;
        } else {
          std::copy(key.begin() + 1, key.begin() + k, key.begin());
          key[static_cast<std::size_t>(k - 1)] = c;
        }
        auto [it, inserted] = ids.try_emplace(key, 0u);
        if (inserted) it->second = new_state(c);
        s = it->second;
      }
      trans.push_back({prev, s, w});
      prev = s;
    }
    conv_w[prev] += conv;
    null_w[prev] += nulls;
    value_w[prev] += journeys.value(j);
  }

  ch.n = ch.newest.size();
  std::sort(trans.begin(), trans.end(), [](const Transition& a, const Transition& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  std::vector<double> out(ch.n, 0.0);
  for (std::size_t s = 0; s < ch.n; ++s) out[s] = conv_w[s] + null_w[s];
  for (const Transition& t : trans) out[t.from] += t.weight;
  ch.weight = out;
  ch.off.assign(ch.n + 1, 0);
  ch.self.assign(ch.n, 0.0);
  ch.to.reserve(trans.size());
  ch.p.reserve(trans.size());
  std::size_t i = 0;
  for (std::uint32_t s = 0; s < ch.n; ++s) {
    ch.off[s] = ch.to.size();
    while (i < trans.size() && trans[i].from == s) {
      const std::uint32_t t = trans[i].to;
      double w = 0;
      while (i < trans.size() && trans[i].from == s && trans[i].to == t) w += trans[i++].weight;
      if (t == s) {
        ch.self[s] = w / out[s];
      } else {
        ch.to.push_back(t);
        ch.p.push_back(w / out[s]);
      }
    }
  }
  ch.off[ch.n] = ch.to.size();
  ch.b.assign(ch.n, 0.0);
  ch.bv.assign(ch.n, 0.0);
  for (std::size_t s = 0; s < ch.n; ++s) {
    if (out[s] > 0) {
      ch.b[s] = conv_w[s] / out[s];
      ch.bv[s] = value_w[s] / out[s];
    }
  }
  return ch;
}

Components components(const Chain& ch) {
  const std::size_t n = ch.n;
  Components cc;
  cc.of.assign(n, kNone);
  std::vector<std::uint32_t> index(n, kNone), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t v;
    std::uint64_t e;
  };
  std::vector<Frame> call;
  std::uint32_t counter = 0;
  std::uint32_t ncomp = 0;
  std::vector<std::uint32_t> finish(n, 0);
  std::uint32_t finished = 0;
  auto visit = [&](std::uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = 1;
    call.push_back({v, ch.off[v]});
  };
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    visit(root);
    while (!call.empty()) {
      const std::uint32_t v = call.back().v;
      if (call.back().e < ch.off[v + 1]) {
        const std::uint32_t w = ch.to[call.back().e++];
        if (index[w] == kNone) {
          visit(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          cc.of[w] = ncomp;
        } while (w != v);
        ++ncomp;
      }
      finish[v] = finished++;
      call.pop_back();
      if (!call.empty()) {
        const std::uint32_t u = call.back().v;
        low[u] = std::min(low[u], low[v]);
      }
    }
  }
  cc.count = ncomp;
  cc.off.assign(ncomp + 1, 0);
  for (std::uint32_t s = 0; s < n; ++s) ++cc.off[cc.of[s] + 1];
  for (std::size_t q = 0; q < ncomp; ++q) cc.off[q + 1] += cc.off[q];
  cc.members.resize(n);
  cc.local.resize(n);
  std::vector<std::uint32_t> by_finish(n);
  for (std::uint32_t s = 0; s < n; ++s) by_finish[finish[s]] = s;
  std::vector<std::uint64_t> fill(cc.off.begin(), cc.off.end() - 1);
  for (std::uint32_t s : by_finish) {
    const std::uint64_t at = fill[cc.of[s]]++;
    cc.members[at] = s;
    cc.local[s] = static_cast<std::uint32_t>(at - cc.off[cc.of[s]]);
  }
  return cc;
}

absl::Status Solver::factorise() {
  block_of.assign(cc.count, -1);
  for (std::size_t q = 0; q < cc.count; ++q) {
    const std::size_t m = size(q);
    if (m == 1) continue;
    if (m > dense_limit) {
      largest_swept = std::max(largest_swept, m);
      continue;
    }
    Eigen::MatrixXd a = Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = member(q, i);
      a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) -= ch.self[s];
      for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
        const std::uint32_t t = ch.to[e];
        if (cc.of[t] == q) a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(cc.local[t])) -= ch.p[e];
      }
    }
    block_of[q] = static_cast<std::int64_t>(blocks.size());
    blocks.push_back(a.partialPivLu().inverse());
  }
  return absl::OkStatus();
}

template <class ValueOf>
std::pair<double, double> Solver::outside(std::size_t q, std::uint32_t s, ValueOf&& value_of) const {
  double acc = ch.b[s], accv = ch.bv[s];
  for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
    const std::uint32_t t = ch.to[e];
    if (cc.of[t] == q) continue;
    const auto [xt, vt] = value_of(t);
    acc += ch.p[e] * xt;
    accv += ch.p[e] * vt;
  }
  return {acc, accv};
}

template <class ValueOf, class Zero>
void Solver::solve(std::size_t q, ValueOf&& value_of, Zero&& zero, bool rhs_same, std::vector<double>& xo,
                   std::vector<double>& vo) {
  const std::size_t m = size(q);
  if (m == 1) {
    const std::uint32_t s = member(q, 0);
    if (zero(s)) {
      xo[s] = vo[s] = 0;
      return;
    }
    // Every successor is outside q (self-loops are kept apart): outside() without
    // its test, on the path order 1 takes once per channel.
    double acc = ch.b[s], accv = ch.bv[s];
    for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
      const auto [xt, vt] = value_of(ch.to[e]);
      acc += ch.p[e] * xt;
      accv += ch.p[e] * vt;
    }
    const double keep = 1.0 - ch.self[s];
    xo[s] = acc / keep;
    vo[s] = accv / keep;
    return;
  }
  const Eigen::MatrixXd& g = blocks[static_cast<std::size_t>(block_of[q])];
  const auto em = static_cast<Eigen::Index>(m);
  Eigen::MatrixXd y(em, 2);
  if (rhs_same) {
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = member(q, i);
      y(static_cast<Eigen::Index>(i), 0) = x[s];
      y(static_cast<Eigen::Index>(i), 1) = v[s];
    }
  } else {
    Eigen::MatrixXd rhs(em, 2);
    for (std::size_t i = 0; i < m; ++i) {
      const auto [acc, accv] = outside(q, member(q, i), value_of);
      rhs(static_cast<Eigen::Index>(i), 0) = acc;
      rhs(static_cast<Eigen::Index>(i), 1) = accv;
    }
    y.noalias() = g * rhs;
  }
  std::vector<Eigen::Index> removed;
  for (std::size_t i = 0; i < m; ++i) {
    if (zero(member(q, i))) removed.push_back(static_cast<Eigen::Index>(i));
  }
  if (!removed.empty()) {
    const auto r = static_cast<Eigen::Index>(removed.size());
    Eigen::MatrixXd g_rr(r, r), y_r(r, 2), g_br(em, r);
    for (Eigen::Index a = 0; a < r; ++a) {
      y_r.row(a) = y.row(removed[static_cast<std::size_t>(a)]);
      g_br.col(a) = g.col(removed[static_cast<std::size_t>(a)]);
      for (Eigen::Index b = 0; b < r; ++b) {
        g_rr(a, b) = g(removed[static_cast<std::size_t>(a)], removed[static_cast<std::size_t>(b)]);
      }
    }
    const Eigen::MatrixXd z = g_rr.partialPivLu().solve(y_r);
    y.noalias() -= g_br * z;
    for (Eigen::Index idx : removed) y.row(idx).setZero();
  }
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t s = member(q, i);
    xo[s] = y(static_cast<Eigen::Index>(i), 0);
    vo[s] = y(static_cast<Eigen::Index>(i), 1);
  }
}

// From 0, members in finishing order, with the successors' values already in x
// and v. Values only rise towards the solution (the map is monotone), so the
// sweeps stop when the largest change is within kSweepTolerance of the largest
// value.
void Solver::sweep(std::size_t q) {
  const std::size_t m = size(q);
  auto value_of = [&](std::uint32_t t) { return std::pair<double, double>(x[t], v[t]); };
  // The block's right-hand side from outside it is fixed during the sweeps.
  std::vector<double> rx(m), rv(m);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t s = member(q, i);
    x[s] = v[s] = 0;
    std::tie(rx[i], rv[i]) = outside(q, s, value_of);
  }
  for (int n = 1; n <= kMaxSweeps; ++n) {
    double change = 0, scale = 0, change_v = 0, scale_v = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = member(q, i);
      double acc = rx[i], accv = rv[i];
      for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
        const std::uint32_t t = ch.to[e];
        if (cc.of[t] != q) continue;
        acc += ch.p[e] * x[t];
        accv += ch.p[e] * v[t];
      }
      const double keep = 1.0 - ch.self[s];
      const double nx = acc / keep, nv = accv / keep;
      change = std::max(change, std::abs(nx - x[s]));
      change_v = std::max(change_v, std::abs(nv - v[s]));
      scale = std::max(scale, std::abs(nx));
      scale_v = std::max(scale_v, std::abs(nv));
      x[s] = nx;
      v[s] = nv;
    }
    if (change <= kSweepTolerance * scale && change_v <= kSweepTolerance * scale_v) {
      max_sweeps_used = std::max(max_sweeps_used, n);
      return;
    }
  }
  diverged = true;
}

void Solver::solve_all() {
  x.assign(ch.n, 0.0);
  v.assign(ch.n, 0.0);
  auto value_of = [&](std::uint32_t t) { return std::pair<double, double>(x[t], v[t]); };
  auto keep = [](std::uint32_t) { return false; };
  for (std::size_t q = 0; q < cc.count; ++q) {
    if (size(q) > 1 && block_of[q] < 0) {
      sweep(q);
    } else {
      solve(q, value_of, keep, false, x, v);
    }
  }
}

Removals removals(const Chain& ch, const Components& cc, std::size_t channels) {
  Removals r;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> back;  // (successor, predecessor)
  for (std::uint32_t s = 0; s < ch.n; ++s) {
    for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
      if (cc.of[ch.to[e]] != cc.of[s]) back.emplace_back(cc.of[ch.to[e]], cc.of[s]);
    }
  }
  std::sort(back.begin(), back.end());
  back.erase(std::unique(back.begin(), back.end()), back.end());
  r.pred_off.assign(cc.count + 1, 0);
  r.pred.resize(back.size());
  for (const auto& [succ, p] : back) ++r.pred_off[succ + 1];
  for (std::size_t q = 0; q < cc.count; ++q) r.pred_off[q + 1] += r.pred_off[q];
  for (std::size_t i = 0; i < back.size(); ++i) r.pred[i] = back[i].second;  // sorted by successor
  r.e_off.assign(channels + 1, 0);
  for (std::uint32_t s = 1; s < ch.n; ++s) ++r.e_off[ch.newest[s] + 1];
  for (std::size_t c = 0; c < channels; ++c) r.e_off[c + 1] += r.e_off[c];
  r.e_states.resize(ch.n > 0 ? ch.n - 1 : 0);
  std::vector<std::uint64_t> fill(r.e_off.begin(), r.e_off.end() - 1);
  for (std::uint32_t s = 1; s < ch.n; ++s) r.e_states[fill[ch.newest[s]]++] = s;
  return r;
}

void mark_upstream(const Removals& r, const Components& cc, std::uint32_t c, std::uint32_t stamp,
                   std::vector<std::uint32_t>& mark, std::vector<std::uint32_t>& todo) {
  const std::size_t first = todo.size();
  for (std::uint64_t i = r.e_off[c]; i < r.e_off[c + 1]; ++i) {
    const std::uint32_t q = cc.of[r.e_states[i]];
    if (mark[q] != stamp) {
      mark[q] = stamp;
      todo.push_back(q);
    }
  }
  for (std::size_t head = first; head < todo.size(); ++head) {
    const std::uint32_t q = todo[head];
    for (std::uint64_t i = r.pred_off[q]; i < r.pred_off[q + 1]; ++i) {
      if (mark[r.pred[i]] != stamp) {
        mark[r.pred[i]] = stamp;
        todo.push_back(r.pred[i]);
      }
    }
  }
}

namespace {

double removal_effect(double with, double without) {
  if (!(with > 0)) return 0;
  return std::clamp(1.0 - without / with, 0.0, 1.0);
}

}  // namespace

void remove_one_by_one(const Chain& ch, const Components& cc, const Removals& r, Solver& solver,
                       std::vector<double>& re, std::vector<double>& re_value) {
  const std::size_t C = re.size();
  const double x0 = solver.x[0];
  const double v0 = solver.v[0];
  std::vector<double> xc(ch.n, 0.0), vc(ch.n, 0.0);
  std::vector<std::uint32_t> reached(cc.count, 0), done(cc.count, 0), dirty(cc.count, 0);
  std::vector<std::uint32_t> todo;
  for (std::uint32_t c = 0; c < C; ++c) {
    const std::uint32_t stamp = c + 1;
    todo.clear();
    mark_upstream(r, cc, c, stamp, reached, todo);
    if (todo.empty()) continue;
    std::sort(todo.begin(), todo.end());  // sinks first
    auto value_of = [&](std::uint32_t t) {
      return done[cc.of[t]] == stamp ? std::pair<double, double>(xc[t], vc[t])
                                     : std::pair<double, double>(solver.x[t], solver.v[t]);
    };
    auto zero = [&](std::uint32_t s) { return ch.newest[s] == c; };
    for (std::uint32_t q : todo) {
      solver.solve(q, value_of, zero, dirty[q] != stamp, xc, vc);
      done[q] = stamp;
      for (std::uint64_t i = r.pred_off[q]; i < r.pred_off[q + 1]; ++i) dirty[r.pred[i]] = stamp;
    }
    if (done[cc.of[0]] == stamp) {
      re[c] = removal_effect(x0, xc[0]);
      re_value[c] = removal_effect(v0, vc[0]);
    }
  }
}

}  // namespace detail::markov
}  // namespace v0
}  // namespace doorway
