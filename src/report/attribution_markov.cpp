// doorway — Markov-chain removal effect of order k, solved exactly (semantics in
// include/doorway/report/attribution.hpp).
//
// How it is solved
// 1. The chain: transient states are start (0) and the k-tuples of channels the
//    journeys pass through; x = Q x + b where b(s) = P(s → conversion), and a
//    second right-hand side bv(s) = value ending at s / weight out of s gives the
//    expected conversion value.
// 2. Tarjan's algorithm splits the states into strongly connected components,
//    numbered sinks first. A single state is solved directly (dividing by
//    1 − P(s → s) for a self-loop); a larger component B of up to
//    dense_block_limit states keeps G_B = (I − Q_BB)⁻¹ from a dense LU factorisation (Eigen) and is
//    solved as G_B · rhs. A component larger still (at order ≥ 2 over many
//    channels one giant component holds the popular tuples) is solved by
//    Gauss–Seidel sweeps to machine precision, from the solution without removal.
// 3. Removing channel c: every state containing c goes to null. A journey reaches
//    a state containing c only through a state whose newest channel is c (the
//    tuple gets c by appending it), so it is enough to zero those states, E_c.
//    Only components that can reach E_c change; they are found by a search over
//    the component graph and solved again in order. Inside a component, zeroing
//    the members R = B ∩ E_c is a rank-|R| update of its solution y:
//    x = y − G_B[:, R] (G_B[R, R])⁻¹ y_R (the rows of I − Q for R replaced by the
//    identity). A component whose successors did not change reuses its y.
//    For order 1 this is the classic x_start − h(start → c) · x_c with
//    h = G_sc / G_cc, at O(states) per channel after one factorisation.
#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "attribution_internal.hpp"
#include "doorway/detail/strings.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;
// Blocks larger than AttributionOptions::dense_block_limit (default 4,000: an
// inverse of 4000² doubles is 128 MB) are solved by Gauss–Seidel sweeps until no
// value changes by more than kSweepTolerance of the largest (machine precision),
// at most kMaxSweeps sweeps.
constexpr double kSweepTolerance = 1e-15;
constexpr int kMaxSweeps = 100000;

using Key = std::array<std::uint32_t, kMaxMarkovOrder>;

struct Transition {
  std::uint32_t from;
  std::uint32_t to;
  double weight;
};

struct Chain {
  std::size_t n = 1;                   // transient states; 0 is start
  std::vector<std::uint32_t> newest;   // newest channel of each state; kNone for start
  std::vector<std::uint64_t> off;      // CSR of out-edges (self-loops kept apart)
  std::vector<std::uint32_t> to;
  std::vector<double> p;
  std::vector<double> self;            // P(s → s)
  std::vector<double> b;               // P(s → conversion)
  std::vector<double> bv;              // value ending at s / weight out of s
};

// Builds the order-k chain from the journeys.
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

// Strongly connected components (Tarjan, iterative), numbered in the order they
// complete: every edge leads to a component with a number not above its own.
struct Components {
  std::vector<std::uint32_t> of;     // component of each state
  std::vector<std::uint64_t> off;    // CSR: members of each component, in depth-first
  std::vector<std::uint32_t> members;  // finishing order (nearer the absorbing states first)
  std::vector<std::uint32_t> local;  // position of each state among its component's members
  std::size_t count = 0;
};

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

struct Solver {
  const Chain& ch;
  const Components& cc;
  std::vector<std::int64_t> block_of;  // component → index into blocks, or -1 (single or swept)
  std::vector<Eigen::MatrixXd> blocks;  // G_B = (I − Q_BB)⁻¹
  std::vector<double> x, v;             // the solution without removal
  std::size_t largest_swept = 0;        // the largest block solved by sweeps (0: none)
  int max_sweeps_used = 0;
  bool diverged = false;

  std::size_t dense_limit;

  Solver(const Chain& chain, const Components& comps, std::size_t limit)
      : ch(chain), cc(comps), dense_limit(limit) {}

  std::size_t size(std::size_t q) const { return cc.off[q + 1] - cc.off[q]; }
  std::uint32_t member(std::size_t q, std::size_t i) const { return cc.members[cc.off[q] + i]; }

  absl::Status factorise() {
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

  // Solves component q given the values of its successors through `value_of`
  // (state → {x, v}), writing into xo, vo. `zero(s)`: the state is removed.
  // `rhs_same`: the successors are unchanged, so the stored solution is reused.
  template <class ValueOf, class Zero>
  void solve(std::size_t q, ValueOf&& value_of, Zero&& zero, bool rhs_same, std::vector<double>& xo,
             std::vector<double>& vo) {
    const std::size_t m = size(q);
    if (m == 1) {
      const std::uint32_t s = member(q, 0);
      if (zero(s)) {
        xo[s] = vo[s] = 0;
        return;
      }
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
    if (block_of[q] < 0) {
      sweep(q, value_of, zero, xo, vo);
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
        const std::uint32_t s = member(q, i);
        double acc = ch.b[s], accv = ch.bv[s];
        for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
          const std::uint32_t t = ch.to[e];
          if (cc.of[t] == q) continue;
          const auto [xt, vt] = value_of(t);
          acc += ch.p[e] * xt;
          accv += ch.p[e] * vt;
        }
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

  // Gauss–Seidel on a block too large for its dense inverse, from the solution
  // without removal (or 0), members in finishing order. Values only move towards
  // the solution (the map is monotone), so the sweeps stop when the largest change
  // is within kSweepTolerance of the largest value.
  template <class ValueOf, class Zero>
  void sweep(std::size_t q, ValueOf&& value_of, Zero&& zero, std::vector<double>& xo, std::vector<double>& vo) {
    const std::size_t m = size(q);
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = member(q, i);
      const bool first = &xo == &x;
      xo[s] = zero(s) ? 0.0 : (first ? 0.0 : x[s]);
      vo[s] = zero(s) ? 0.0 : (first ? 0.0 : v[s]);
    }
    // The block's right-hand side from outside it is fixed during the sweeps.
    std::vector<double> rx(m), rv(m);
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = member(q, i);
      double acc = ch.b[s], accv = ch.bv[s];
      for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
        const std::uint32_t t = ch.to[e];
        if (cc.of[t] == q) continue;
        const auto [xt, vt] = value_of(t);
        acc += ch.p[e] * xt;
        accv += ch.p[e] * vt;
      }
      rx[i] = acc;
      rv[i] = accv;
    }
    for (int n = 1; n <= kMaxSweeps; ++n) {
      double change = 0, scale = 0, change_v = 0, scale_v = 0;
      for (std::size_t i = 0; i < m; ++i) {
        const std::uint32_t s = member(q, i);
        if (zero(s)) continue;
        double acc = rx[i], accv = rv[i];
        for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
          const std::uint32_t t = ch.to[e];
          if (cc.of[t] != q) continue;
          acc += ch.p[e] * xo[t];
          accv += ch.p[e] * vo[t];
        }
        const double keep = 1.0 - ch.self[s];
        const double nx = acc / keep, nv = accv / keep;
        change = std::max(change, std::abs(nx - xo[s]));
        change_v = std::max(change_v, std::abs(nv - vo[s]));
        scale = std::max(scale, std::abs(nx));
        scale_v = std::max(scale_v, std::abs(nv));
        xo[s] = nx;
        vo[s] = nv;
      }
      if (change <= kSweepTolerance * scale && change_v <= kSweepTolerance * scale_v) {
        max_sweeps_used = std::max(max_sweeps_used, n);
        return;
      }
    }
    diverged = true;
  }

  void solve_all() {
    x.assign(ch.n, 0.0);
    v.assign(ch.n, 0.0);
    auto value_of = [&](std::uint32_t t) { return std::pair<double, double>(x[t], v[t]); };
    auto keep = [](std::uint32_t) { return false; };
    for (std::size_t q = 0; q < cc.count; ++q) solve(q, value_of, keep, false, x, v);
  }
};

double removal_effect(double with, double without) {
  if (!(with > 0)) return 0;
  return std::clamp(1.0 - without / with, 0.0, 1.0);
}

}  // namespace

absl::StatusOr<Attribution> markov_attribution(const Journeys& journeys, const AttributionOptions& options) {
  if (options.order < 1 || options.order > kMaxMarkovOrder) {
    return absl::InvalidArgumentError(
        detail::cat("order: ", options.order, " is not between 1 and ", kMaxMarkovOrder));
  }
  Attribution a = start_attribution(journeys, AttributionModel::markov);
  a.order = options.order;
  const Chain ch = build_chain(journeys, options);
  const Components cc = components(ch);
  Solver solver(ch, cc, std::max<std::size_t>(1, options.dense_block_limit));
  if (auto s = solver.factorise(); !s.ok()) return s;
  solver.solve_all();
  a.states = ch.n;
  for (std::size_t q = 0; q < cc.count; ++q) a.largest_block = std::max<std::uint64_t>(a.largest_block, solver.size(q));
  const double x0 = solver.x[0];
  const double v0 = solver.v[0];
  a.conversion_probability = x0;

  // The component graph backwards: predecessors of each component.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> back;  // (successor, predecessor)
  for (std::uint32_t s = 0; s < ch.n; ++s) {
    for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
      if (cc.of[ch.to[e]] != cc.of[s]) back.emplace_back(cc.of[ch.to[e]], cc.of[s]);
    }
  }
  std::sort(back.begin(), back.end());
  back.erase(std::unique(back.begin(), back.end()), back.end());
  std::vector<std::uint64_t> pred_off(cc.count + 1, 0);
  std::vector<std::uint32_t> pred(back.size());
  for (const auto& [succ, p] : back) ++pred_off[succ + 1];
  for (std::size_t q = 0; q < cc.count; ++q) pred_off[q + 1] += pred_off[q];
  for (std::size_t i = 0; i < back.size(); ++i) pred[i] = back[i].second;  // sorted by successor
  back.clear();
  back.shrink_to_fit();

  // States by newest channel (E_c).
  const std::size_t C = journeys.channel_count();
  std::vector<std::uint64_t> e_off(C + 1, 0);
  for (std::uint32_t s = 1; s < ch.n; ++s) ++e_off[ch.newest[s] + 1];
  for (std::size_t c = 0; c < C; ++c) e_off[c + 1] += e_off[c];
  std::vector<std::uint32_t> e_states(ch.n > 0 ? ch.n - 1 : 0);
  {
    std::vector<std::uint64_t> fill(e_off.begin(), e_off.end() - 1);
    for (std::uint32_t s = 1; s < ch.n; ++s) e_states[fill[ch.newest[s]]++] = s;
  }

  std::vector<double> xc(ch.n, 0.0), vc(ch.n, 0.0);
  std::vector<std::uint32_t> reached(cc.count, 0), done(cc.count, 0), dirty(cc.count, 0);
  std::vector<std::uint32_t> todo;
  std::vector<double> re(C, 0.0), re_value(C, 0.0);
  for (std::uint32_t c = 0; c < C; ++c) {
    const std::uint32_t stamp = c + 1;
    todo.clear();
    for (std::uint64_t i = e_off[c]; i < e_off[c + 1]; ++i) {
      const std::uint32_t q = cc.of[e_states[i]];
      if (reached[q] != stamp) {
        reached[q] = stamp;
        todo.push_back(q);
      }
    }
    if (todo.empty()) continue;
    for (std::size_t head = 0; head < todo.size(); ++head) {
      const std::uint32_t q = todo[head];
      for (std::uint64_t i = pred_off[q]; i < pred_off[q + 1]; ++i) {
        if (reached[pred[i]] != stamp) {
          reached[pred[i]] = stamp;
          todo.push_back(pred[i]);
        }
      }
    }
    std::sort(todo.begin(), todo.end());  // sinks first
    auto value_of = [&](std::uint32_t t) {
      return done[cc.of[t]] == stamp ? std::pair<double, double>(xc[t], vc[t])
                                     : std::pair<double, double>(solver.x[t], solver.v[t]);
    };
    auto zero = [&](std::uint32_t s) { return ch.newest[s] == c; };
    for (std::uint32_t q : todo) {
      solver.solve(q, value_of, zero, dirty[q] != stamp, xc, vc);
      done[q] = stamp;
      for (std::uint64_t i = pred_off[q]; i < pred_off[q + 1]; ++i) dirty[pred[i]] = stamp;
    }
    if (done[cc.of[0]] == stamp) {
      re[c] = removal_effect(x0, xc[0]);
      re_value[c] = removal_effect(v0, vc[0]);
    }
  }

  if (solver.diverged) {
    return absl::InternalError(detail::cat("markov: Gauss–Seidel sweeps over a block of ", solver.largest_swept,
                                           " states did not settle within ", kMaxSweeps, " sweeps"));
  }
  a.sweeps = static_cast<std::uint64_t>(solver.max_sweeps_used);
  double sum = 0, sum_value = 0;
  for (std::size_t c = 0; c < C; ++c) {
    sum += re[c];
    sum_value += re_value[c];
  }
  double total_conv = 0, total_value = 0;
  for (std::size_t j = 0; j < journeys.size(); ++j) {
    if (!options.include_nulls && journeys.conversions(j) == 0) continue;
    total_conv += journeys.conversions(j);
    total_value += journeys.value(j);
  }
  for (std::size_t c = 0; c < C; ++c) {
    ChannelCredit& cr = a.channels[c];
    cr.removal_effect = re[c];
    cr.value_removal_effect = re_value[c];
    cr.conversions = sum > 0 ? total_conv * re[c] / sum : 0.0;
    cr.value = sum_value > 0 ? total_value * re_value[c] / sum_value : 0.0;
  }
  finish_attribution(a);
  return a;
}

}  // namespace detail
}  // namespace v0
}  // namespace doorway
