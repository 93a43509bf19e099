// doorway — removal effects by first passage (see markov_first_passage.hpp), how
// the flow h_c is computed:
// - 16 channels are lanes: every state holds 16 values side by side, so a pass
//   over a transition updates all of them (vector registers; an AVX2 build of
//   the sweep is chosen at run time, without FMA so that the sums round as in the
//   baseline build). A state removed by lane l holds 0 there.
// - Most states carry the flow without removal (from a first pass with one lane,
//   nothing removed) in every lane; only states downstream of a lane's E_c
//   differ, and only those are computed ("mixed").
// - Dense blocks: w = G_Bᵀ f for inflow f, then per lane u_R = z with
//   G_RRᵀ z = w_R, u_N = w_N − G_RNᵀ z (the transposed rank-|R| update).
// - Swept blocks: Gauss–Seidel over the states in an order with little flow
//   going backwards (a greedy feedback-arc-set order, markov_sweep_order.hpp),
//   from the flow without removal (above every lane's solution, so the values
//   fall monotonically), until every lane settles to 1e-15 of its largest
//   value. The error then shrinks by a steady factor ρ per sweep (the slowest
//   mode of the sweep): once every lane's ratio of successive changes is steady
//   to 1e-5, the sweep's change δ is extended to the limit of its geometric
//   series, u += δ ρ / (1 − ρ), which removes that mode; the sweeps then go on
//   to the same stopping rule, so the answer does not depend on it.
#include "markov_first_passage.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include "markov_sweep_order.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::markov {
namespace {

// A lane's sweeps are extended to the limit of their geometric series once the
// ratio of successive changes agrees with the one before to this (see
// FirstPassage::block).
constexpr double kSteady = 1e-5;

// In-edges of every state (the transpose of the out-edges, self-loops apart).
struct InEdges {
  std::vector<std::uint64_t> off;
  std::vector<std::uint32_t> from;
  std::vector<double> p;
};

InEdges in_edges(const Chain& ch) {
  InEdges in;
  in.off.assign(ch.n + 1, 0);
  for (std::uint32_t t : ch.to) ++in.off[t + 1];
  for (std::size_t s = 0; s < ch.n; ++s) in.off[s + 1] += in.off[s];
  in.from.resize(ch.to.size());
  in.p.resize(ch.to.size());
  std::vector<std::uint64_t> fill(in.off.begin(), in.off.end() - 1);
  for (std::uint32_t s = 0; s < ch.n; ++s) {
    for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
      const std::uint64_t at = fill[ch.to[e]]++;
      in.from[at] = s;
      in.p[at] = ch.p[e];
    }
  }
  return in;
}

// A block solved by sweeps, laid out for them: its states in sweep order (the
// slots), the transitions into each from inside the block (by slot) and from
// outside (by state).
struct SweptBlock {
  std::uint32_t component = 0;
  std::vector<std::uint32_t> state;    // slot → state
  std::vector<std::uint64_t> in_off;   // per slot
  std::vector<std::uint32_t> in_from;  // slot
  std::vector<double> in_p;
  std::vector<std::uint64_t> ext_off;  // per slot
  std::vector<std::uint32_t> ext_from;  // state
  std::vector<double> ext_p;
  std::vector<double> inv_keep;        // per slot: 1 / (1 − P(s → s))
  std::vector<std::uint32_t> exits;    // the slots with transitions out of the block
};

SweptBlock lay_out(const Chain& ch, const Components& cc, const InEdges& in, std::uint32_t q,
                   std::vector<std::uint32_t>& local) {
  SweptBlock b;
  b.component = q;
  b.state = sweep_order(ch, cc, q, local);
  const std::size_t m = b.state.size();
  for (std::size_t i = 0; i < m; ++i) local[b.state[i]] = static_cast<std::uint32_t>(i);
  b.in_off.assign(m + 1, 0);
  b.ext_off.assign(m + 1, 0);
  b.inv_keep.resize(m);
  for (std::size_t slot = 0; slot < m; ++slot) {
    const std::uint32_t s = b.state[slot];
    b.inv_keep[slot] = 1.0 / (1.0 - ch.self[s]);
    for (std::uint64_t e = in.off[s]; e < in.off[s + 1]; ++e) {
      if (cc.of[in.from[e]] == q) {
        b.in_from.push_back(local[in.from[e]]);
        b.in_p.push_back(in.p[e]);
      } else {
        b.ext_from.push_back(in.from[e]);
        b.ext_p.push_back(in.p[e]);
      }
    }
    b.in_off[slot + 1] = b.in_from.size();
    b.ext_off[slot + 1] = b.ext_from.size();
    for (std::uint64_t e = ch.off[s]; e < ch.off[s + 1]; ++e) {
      if (cc.of[ch.to[e]] != q) {
        b.exits.push_back(static_cast<std::uint32_t>(slot));
        break;
      }
    }
  }
  for (std::uint32_t s : b.state) local[s] = kNone;
  return b;
}

// A swept block without removal: its flow and its inflow from outside, by slot.
struct Baseline {
  std::vector<double> flow;
  std::vector<double> inflow;
};

// K lanes of doubles side by side, in chunks of W lanes the compiler keeps in
// vector registers (GCC's and Clang's vector extension): W = 2 for the baseline
// x86-64 build (SSE2), 4 for the AVX2 build of the sweep, 1 (plain doubles)
// without the extension or when K is odd.
#if defined(__GNUC__)
#define DOORWAY_INLINE __attribute__((always_inline)) inline
typedef double Pair __attribute__((vector_size(16)));
typedef double Quad __attribute__((vector_size(32)));
#else
#define DOORWAY_INLINE inline
#endif
#if defined(__GNUC__) && !defined(__clang__)
// The chunks never cross a call that is not inlined, so GCC's note that passing
// them would change with the vector width is moot (for the rest of this file:
// template instantiations are diagnosed at its end).
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#if !defined(DOORWAY_MARKOV_AVX2)  // -DDOORWAY_MARKOV_AVX2=0 keeps to the baseline build
#if defined(__GNUC__) && defined(__x86_64__)
#define DOORWAY_MARKOV_AVX2 1
#else
#define DOORWAY_MARKOV_AVX2 0
#endif
#endif

template <std::size_t K>
constexpr std::size_t kBaseWidth =
#if defined(__GNUC__)
    K % 2 == 0 ? 2 : 1;
#else
    1;
#endif

template <std::size_t K, std::size_t W = kBaseWidth<K>>
struct Lanes {
  static_assert(K % W == 0, "whole chunks");
#if defined(__GNUC__)
  using Chunk = std::conditional_t<W == 4, Quad, std::conditional_t<W == 2, Pair, double>>;
#else
  static_assert(W == 1, "no vector extension");
  using Chunk = double;
#endif
  static constexpr std::size_t kWidth = W;
  static constexpr std::size_t kChunks = K / W;

  DOORWAY_INLINE static Chunk splat(double x) {
    if constexpr (W == 4) {
      return Chunk{x, x, x, x};
    } else if constexpr (W == 2) {
      return Chunk{x, x};
    } else {
      return x;
    }
  }
  DOORWAY_INLINE static Chunk load(const double* row, std::size_t v) {
    Chunk c;
    std::memcpy(&c, row + v * kWidth, sizeof c);
    return c;
  }
  DOORWAY_INLINE static void store(double* row, std::size_t v, const Chunk& c) {
    std::memcpy(row + v * kWidth, &c, sizeof c);
  }
  DOORWAY_INLINE static double get(const Chunk* c, std::size_t lane) {
    if constexpr (W > 1) {
      return c[lane / W][lane % W];
    } else {
      return c[lane];
    }
  }
  DOORWAY_INLINE static void set(Chunk* c, std::size_t lane, double x) {
    if constexpr (W > 1) {
      c[lane / W][lane % W] = x;
    } else {
      c[lane] = x;
    }
  }
  DOORWAY_INLINE static Chunk max(const Chunk& a, const Chunk& b) { return a > b ? a : b; }
  DOORWAY_INLINE static Chunk abs(const Chunk& a) { return a < 0 ? -a : a; }
  DOORWAY_INLINE static void prefetch(const double* row) {
#if defined(__GNUC__)
    for (std::size_t l = 0; l < K; l += 8) __builtin_prefetch(row + l, 0);
#else
    (void)row;
#endif
  }
};

// A removed state met in a sweep, and a state whose inflow differs in one lane.
struct Stop {
  std::uint32_t slot;
  std::uint32_t lane;
  double arrived;  // the flow that arrived there in the last sweep
};
struct Special {
  std::uint32_t slot;
  std::uint32_t lane;
  double value;
};

// What one sweep over a block reads and writes.
struct SweepData {
  const SweptBlock* block;
  const double* inflow;    // per slot, the same in every lane
  const Special* special;  // by slot, then a sentinel
  Stop* stops;             // by slot, then a sentinel
  double* u;               // K per slot
  double* d;               // K per slot: the change, when recording
};

// One Gauss–Seidel sweep for K lanes: for each slot in order, its inflow plus
// the flow of its predecessors in the block, times 1 / (1 − P(s → s)), or held
// at 0 where the lane removes the state. Reports, per lane, the largest change,
// the largest value and the sum of the changes.
template <std::size_t K, std::size_t W, bool kRecord>
DOORWAY_INLINE void sweep_lanes(const SweepData& w, double* change, double* scale, double* sum) {
  using Pack = Lanes<K, W>;
  using Chunk = typename Pack::Chunk;
  constexpr std::size_t V = Pack::kChunks;
  constexpr std::size_t kAhead = 16;  // in-edges whose source is prefetched ahead
  const SweptBlock& b = *w.block;
  const std::size_t m = b.state.size();
  const std::size_t edges = b.in_from.size();
  const std::uint64_t* in_off = b.in_off.data();
  const std::uint32_t* in_from = b.in_from.data();
  const double* in_p = b.in_p.data();
  const double* inv_keep = b.inv_keep.data();
  double* const u = w.u;
  Chunk most[V], top[V], total[V];
  for (std::size_t v = 0; v < V; ++v) most[v] = top[v] = total[v] = Pack::splat(0.0);
  Stop* stop = w.stops;
  const Special* special = w.special;
  for (std::size_t slot = 0; slot < m; ++slot) {
    Chunk acc[V];
    for (std::size_t v = 0; v < V; ++v) acc[v] = Pack::splat(w.inflow[slot]);
    for (; special->slot == slot; ++special) Pack::set(acc, special->lane, special->value);
    for (std::uint64_t e = in_off[slot]; e < in_off[slot + 1]; ++e) {
      if (e + kAhead < edges) Pack::prefetch(u + std::size_t{in_from[e + kAhead]} * K);
      const Chunk p = Pack::splat(in_p[e]);
      const double* src = u + std::size_t{in_from[e]} * K;
      for (std::size_t v = 0; v < V; ++v) acc[v] += p * Pack::load(src, v);
    }
    Chunk keep[V];
    for (std::size_t v = 0; v < V; ++v) keep[v] = Pack::splat(inv_keep[slot]);
    if (stop->slot == slot) {
      Pack::set(keep, stop->lane, 0.0);
      stop->arrived = Pack::get(acc, stop->lane);
      ++stop;
    }
    double* dst = u + slot * K;
    double* row = w.d + slot * K;
    for (std::size_t v = 0; v < V; ++v) {
      const Chunk next = acc[v] * keep[v];
      const Chunk delta = next - Pack::load(dst, v);
      Pack::store(dst, v, next);
      if (kRecord) Pack::store(row, v, delta);
      total[v] += delta;
      most[v] = Pack::max(most[v], Pack::abs(delta));
      top[v] = Pack::max(top[v], next);
    }
  }
  for (std::size_t l = 0; l < K; ++l) {
    change[l] = Pack::get(most, l);
    scale[l] = Pack::get(top, l);
    sum[l] = Pack::get(total, l);
  }
}

template <std::size_t K, bool kRecord>
void sweep_baseline(const SweepData& w, double* change, double* scale, double* sum) {
  sweep_lanes<K, kBaseWidth<K>, kRecord>(w, change, scale, sum);
}

#if DOORWAY_MARKOV_AVX2
// The same compiled for AVX2 (without FMA, so every sum rounds exactly as in
// the baseline build: the results do not depend on the processor).
template <std::size_t K, bool kRecord>
__attribute__((target("avx2"))) void sweep_avx2(const SweepData& w, double* change, double* scale, double* sum) {
  sweep_lanes<K, K % 4 == 0 ? 4 : kBaseWidth<K>, kRecord>(w, change, scale, sum);
}
#endif

template <std::size_t K, bool kRecord>
void sweep_once(const SweepData& w, double* change, double* scale, double* sum) {
#if DOORWAY_MARKOV_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    sweep_avx2<K, kRecord>(w, change, scale, sum);
    return;
  }
#endif
  sweep_baseline<K, kRecord>(w, change, scale, sum);
}

// Removal of the channels of K lanes at once, through first passage (the
// headers of this file and of markov_first_passage.hpp). Most states' flow is
// the same in every lane: the flow without removal, `base`, from a first pass
// with K = 1. A state is "mixed" in a pass when it has K values of its own in
// flow_; otherwise its flow in every lane is base[s], and a state whose
// predecessors are all unmixed and which no lane removes stays unmixed at no
// cost.
template <std::size_t K>
class FirstPassage {
  using Pack = Lanes<K>;
  using Chunk = typename Pack::Chunk;
  static constexpr std::size_t V = Pack::kChunks;

 public:
  FirstPassage(const Chain& ch, const Components& cc, const Solver& solver, const InEdges& in,
               const std::vector<SweptBlock>& swept, const std::vector<std::int64_t>& swept_of, std::size_t channels,
               const std::vector<double>* base)
      : ch_(ch), cc_(cc), solver_(solver), in_(in), swept_(swept), swept_of_(swept_of), base_(base),
        lane_of_(channels, kNone), mixed_(ch.n, 0), flow_(new double[ch.n * K]) {}

  int sweeps_used() const { return sweeps_used_; }
  bool diverged() const { return diverged_; }
  // The flow of every state in lane 0 (after a pass with K = 1 and no removal,
  // the flow without removal; a swept block's states only where they exit).
  std::vector<double> lane0() const {
    std::vector<double> f(ch_.n);
    for (std::size_t s = 0; s < ch_.n; ++s) f[s] = mixed_[s] == pass_ ? flow_[s * K] : 0.0;
    return f;
  }

  // Solves the components q with need[q] == stamp, sources first, for the lanes'
  // channels (kNone: nothing removed), and returns Σ_{r ∈ E_c} h_c(r) x_r and
  // the same with v per lane. `blocks` (per swept block) holds the flow and
  // inflow without removal, where sweeps start, or receives them (keep).
  void run(const std::array<std::uint32_t, K>& channels, const std::vector<std::uint32_t>& need, std::uint32_t stamp,
           std::vector<Baseline>& blocks, bool keep, std::array<double, K>& lost_x, std::array<double, K>& lost_v) {
    ++pass_;
    for (std::size_t l = 0; l < K; ++l) {
      if (channels[l] != kNone) lane_of_[channels[l]] = static_cast<std::uint32_t>(l);
    }
    lost_x_.fill(0.0);
    lost_v_.fill(0.0);
    for (std::size_t q = cc_.count; q-- > 0;) {
      if (need[q] != stamp) continue;
      if (cc_.off[q + 1] - cc_.off[q] == 1) {
        single(cc_.members[cc_.off[q]]);
      } else if (swept_of_[q] >= 0) {
        const auto i = static_cast<std::size_t>(swept_of_[q]);
        block(swept_[i], blocks[i], keep);
      } else {
        dense(static_cast<std::uint32_t>(q));
      }
    }
    for (std::size_t l = 0; l < K; ++l) {
      if (channels[l] != kNone) lane_of_[channels[l]] = kNone;
    }
    lost_x = lost_x_;
    lost_v = lost_v_;
  }

 private:
  std::uint32_t lane(std::uint32_t s) const { return ch_.newest[s] == kNone ? kNone : lane_of_[ch_.newest[s]]; }
  bool mixed(std::uint32_t s) const { return base_ == nullptr || mixed_[s] == pass_; }

  // Whether any of the transitions [begin, end) of `from` comes from a mixed state.
  bool any_mixed(const std::uint32_t* from, std::uint64_t begin, std::uint64_t end) const {
    for (std::uint64_t e = begin; e < end; ++e) {
      if (mixed(from[e])) return true;
    }
    return false;
  }

  // acc += the flow in along the transitions [begin, end).
  void gather(const std::uint32_t* from, const double* p, std::uint64_t begin, std::uint64_t end, Chunk* acc) const {
    for (std::uint64_t e = begin; e < end; ++e) {
      const std::uint32_t s = from[e];
      if (mixed(s)) {
        const Chunk pe = Pack::splat(p[e]);
        const double* src = &flow_[std::size_t{s} * K];
        for (std::size_t v = 0; v < V; ++v) acc[v] += pe * Pack::load(src, v);
      } else {
        const Chunk add = Pack::splat(p[e] * (*base_)[s]);
        for (std::size_t v = 0; v < V; ++v) acc[v] += add;
      }
    }
  }

  // The flow that arrived at a state lane l removes stops there.
  void lose(std::uint32_t s, std::uint32_t l, double arrived) {
    lost_x_[l] += arrived * solver_.x[s];
    lost_v_[l] += arrived * solver_.v[s];
  }

  // Writes a state's flow (K lanes) and marks it mixed.
  void put(std::uint32_t s, const Chunk* values) {
    for (std::size_t v = 0; v < V; ++v) Pack::store(&flow_[std::size_t{s} * K], v, values[v]);
    mixed_[s] = pass_;
  }

  void single(std::uint32_t s) {
    const std::uint32_t removed = lane(s);
    const std::uint64_t begin = in_.off[s], end = in_.off[s + 1];
    if (base_ && removed == kNone && !any_mixed(in_.from.data(), begin, end)) return;
    Chunk acc[V];
    for (std::size_t v = 0; v < V; ++v) acc[v] = Pack::splat(s == 0 ? 1.0 : 0.0);  // start: all flow begins there
    gather(in_.from.data(), in_.p.data(), begin, end, acc);
    const Chunk keep = Pack::splat(1.0 / (1.0 - ch_.self[s]));
    Chunk out[V];
    for (std::size_t v = 0; v < V; ++v) out[v] = acc[v] * keep;
    if (removed != kNone) {
      lose(s, removed, Pack::get(acc, removed));
      Pack::set(out, removed, 0.0);
    }
    put(s, out);
  }

  // A block with its dense inverse G: with inflow f, the visits without removal
  // are w = Gᵀ f. When the members R absorb, u_R = z with G_RRᵀ z = w_R and
  // u_N = w_N − G_RNᵀ z (the transpose of the rank-|R| update).
  void dense(std::uint32_t q) {
    const Eigen::MatrixXd& g = solver_.blocks[static_cast<std::size_t>(solver_.block_of[q])];
    const std::uint64_t first = cc_.off[q];
    const std::size_t m = cc_.off[q + 1] - first;
    const auto em = static_cast<Eigen::Index>(m);
    std::array<std::vector<Eigen::Index>, K> removed;
    bool any = base_ == nullptr;
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = cc_.members[first + i];
      if (const std::uint32_t l = lane(s); l != kNone) {
        removed[l].push_back(static_cast<Eigen::Index>(i));
        any = true;
      }
      any = any || any_mixed(in_.from.data(), in_.off[s], in_.off[s + 1]);
    }
    if (!any) return;
    Eigen::MatrixXd f = Eigen::MatrixXd::Zero(em, static_cast<Eigen::Index>(K));
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t s = cc_.members[first + i];
      Chunk acc[V];
      for (std::size_t v = 0; v < V; ++v) acc[v] = Pack::splat(0.0);
      for (std::uint64_t e = in_.off[s]; e < in_.off[s + 1]; ++e) {
        if (cc_.of[in_.from[e]] != q) gather(in_.from.data(), in_.p.data(), e, e + 1, acc);
      }
      for (std::size_t l = 0; l < K; ++l) f(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(l)) = Pack::get(acc, l);
    }
    Eigen::MatrixXd w = g.transpose() * f;
    for (std::size_t l = 0; l < K; ++l) {
      const auto el = static_cast<Eigen::Index>(l);
      const auto r = static_cast<Eigen::Index>(removed[l].size());
      if (r == 0) continue;
      Eigen::MatrixXd g_rr(r, r), g_rb(r, em);
      Eigen::VectorXd w_r(r);
      for (Eigen::Index a = 0; a < r; ++a) {
        const Eigen::Index ia = removed[l][static_cast<std::size_t>(a)];
        w_r(a) = w(ia, el);
        g_rb.row(a) = g.row(ia);
        for (Eigen::Index c = 0; c < r; ++c) g_rr(a, c) = g(ia, removed[l][static_cast<std::size_t>(c)]);
      }
      const Eigen::VectorXd z = g_rr.transpose().partialPivLu().solve(w_r);
      w.col(el).noalias() -= g_rb.transpose() * z;
      for (Eigen::Index a = 0; a < r; ++a) {
        const Eigen::Index ia = removed[l][static_cast<std::size_t>(a)];
        lose(cc_.members[first + static_cast<std::size_t>(ia)], static_cast<std::uint32_t>(l), z(a));
        w(ia, el) = 0;  // its flow stops
      }
    }
    for (std::size_t i = 0; i < m; ++i) {
      Chunk out[V];
      for (std::size_t l = 0; l < K; ++l) Pack::set(out, l, w(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(l)));
      put(cc_.members[first + i], out);
    }
  }

  // Gauss–Seidel on u = f + Q_BBᵀ u for all lanes at once (K values per state side
  // by side), from the flow without removal (which is above every lane's solution,
  // so the values only fall; the first pass starts from 0, and they rise), until
  // in every lane no value changes by more than kSweepTolerance of the largest.
  // The inflow f is one value per state (the inflow without removal) and the few
  // lanes where it differs.
  //
  // The error then shrinks by a steady factor ρ per sweep (that of the slowest
  // mode): every few sweeps, in each lane where the sum of the changes has
  // shrunk by the same factor twice running, the sweep's change δ is extended
  // to the limit of that geometric series, u += δ ρ / (1 − ρ). This only moves
  // the starting point of the next sweeps; the stopping rule is unchanged.
  void block(const SweptBlock& b, Baseline& base, bool keep) {
    const std::size_t m = b.state.size();
    inflow_.resize(m);
    u_.resize(m * K);
    stops_.clear();
    special_.clear();
    for (std::size_t slot = 0; slot < m; ++slot) {
      const std::uint32_t s = b.state[slot];
      const std::uint64_t begin = b.ext_off[slot], end = b.ext_off[slot + 1];
      if (base_ && !any_mixed(b.ext_from.data(), begin, end)) {
        inflow_[slot] = base.inflow[slot];
      } else {
        Chunk acc[V];
        for (std::size_t v = 0; v < V; ++v) acc[v] = Pack::splat(0.0);
        gather(b.ext_from.data(), b.ext_p.data(), begin, end, acc);
        const double common = base_ ? base.inflow[slot] : Pack::get(acc, 0);
        inflow_[slot] = common;
        for (std::size_t l = 0; l < K; ++l) {
          const double value = Pack::get(acc, l);
          if (value != common) special_.push_back({static_cast<std::uint32_t>(slot), static_cast<std::uint32_t>(l), value});
        }
      }
      const Chunk start = Pack::splat(base_ ? base.flow[slot] : 0.0);
      for (std::size_t v = 0; v < V; ++v) Pack::store(&u_[slot * K], v, start);
      if (const std::uint32_t l = lane(s); l != kNone) {
        stops_.push_back({static_cast<std::uint32_t>(slot), l, 0.0});
        u_[slot * K + l] = 0;
      }
    }
    stops_.push_back({kNone, 0, 0.0});  // sentinels
    special_.push_back({kNone, 0, 0.0});

    // ratio: the sum of a lane's changes over that of the sweep before; steady
    // when it agrees with the previous ratio to kSteady.
    auto steady = [](double ratio, double before, double tolerance) {
      return ratio > 0 && ratio < 0.9 && std::abs(ratio - before) <= tolerance * ratio;
    };
    double change[K], scale[K], sum[K], sum_before[K], ratio[K], ratio_before[K];
    std::fill_n(change, K, 1.0);
    std::fill_n(scale, K, 0.0);
    std::fill_n(sum_before, K, 0.0);
    std::fill_n(ratio, K, 0.0);
    std::fill_n(ratio_before, K, 0.0);
    int n = 1;
    for (int last = 0;; ++n) {  // last: the sweep extended last
      if (n > kMaxSweeps) {
        diverged_ = true;
        break;
      }
      // Extend this sweep when every lane still moving has had a steady ratio
      // (the ratios right after an extension are not comparable).
      bool extend = n >= last + 4;
      for (std::size_t l = 0; l < K && extend; ++l) {
        extend = change[l] <= kSweepTolerance * scale[l] || steady(ratio[l], ratio_before[l], kSteady);
      }
      if (extend) d_.resize(m * K);
      const SweepData w{&b, inflow_.data(), special_.data(), stops_.data(), u_.data(), d_.data()};
      if (extend) {
        sweep_once<K, true>(w, change, scale, sum);
      } else {
        sweep_once<K, false>(w, change, scale, sum);
      }
      bool settled = true;
      for (std::size_t l = 0; l < K; ++l) settled = settled && change[l] <= kSweepTolerance * scale[l];
      if (settled) break;
      for (std::size_t l = 0; l < K; ++l) {
        ratio_before[l] = ratio[l];
        ratio[l] = sum_before[l] != 0 ? sum[l] / sum_before[l] : 0.0;
        sum_before[l] = sum[l];
      }
      if (extend) {
        double alpha[K];
        for (std::size_t l = 0; l < K; ++l) {
          alpha[l] = steady(ratio[l], ratio_before[l], 2 * kSteady) ? ratio[l] / (1 - ratio[l]) : 0.0;
        }
        Chunk a[V];
        for (std::size_t v = 0; v < V; ++v) a[v] = Pack::load(alpha, v);
        for (std::size_t slot = 0; slot < m; ++slot) {
          double* row = &u_[slot * K];
          const double* delta = &d_[slot * K];
          for (std::size_t v = 0; v < V; ++v) Pack::store(row, v, Pack::load(row, v) + a[v] * Pack::load(delta, v));
        }
        last = n;
      }
    }
    sweeps_used_ = std::max(sweeps_used_, n);

    for (std::uint32_t slot : b.exits) {
      Chunk out[V];
      for (std::size_t v = 0; v < V; ++v) out[v] = Pack::load(&u_[std::size_t{slot} * K], v);
      put(b.state[slot], out);
    }
    for (std::size_t i = 0; i + 1 < stops_.size(); ++i) lose(b.state[stops_[i].slot], stops_[i].lane, stops_[i].arrived);
    if (keep) {
      base.flow.resize(m);
      for (std::size_t slot = 0; slot < m; ++slot) base.flow[slot] = u_[slot * K];
      base.inflow = inflow_;
    }
  }

  const Chain& ch_;
  const Components& cc_;
  const Solver& solver_;
  const InEdges& in_;
  const std::vector<SweptBlock>& swept_;
  const std::vector<std::int64_t>& swept_of_;
  const std::vector<double>* base_;     // the flow without removal, or null (then every state is mixed)
  std::vector<std::uint32_t> lane_of_;  // channel → lane of the current pass, or kNone
  std::vector<std::uint32_t> mixed_;    // the pass in which a state was last mixed
  std::uint32_t pass_ = 0;
  std::unique_ptr<double[]> flow_;      // K per state, where mixed (left uninitialised elsewhere)
  std::array<double, K> lost_x_{}, lost_v_{};
  std::vector<double> inflow_, u_, d_;  // a swept block's inflow, flow and last change, by slot
  std::vector<Stop> stops_;
  std::vector<Special> special_;
  int sweeps_used_ = 0;
  bool diverged_ = false;
};

constexpr std::size_t kLanes = 16;

}  // namespace

int remove_by_first_passage(const Chain& ch, const Components& cc, const Removals& r, const Solver& solver,
                            std::vector<double>& re, std::vector<double>& re_value) {
  const std::size_t C = re.size();
  const InEdges in = in_edges(ch);
  std::vector<SweptBlock> swept;
  std::vector<std::int64_t> swept_of(cc.count, -1);
  {
    std::vector<std::uint32_t> local(ch.n, kNone);
    for (std::uint32_t q = 0; q < cc.count; ++q) {
      if (cc.off[q + 1] - cc.off[q] > 1 && solver.block_of[q] < 0) {
        swept_of[q] = static_cast<std::int64_t>(swept.size());
        swept.push_back(lay_out(ch, cc, in, q, local));
      }
    }
  }
  // The flow without removal: every state's, and each swept block's, where the
  // batches' sweeps start.
  std::vector<Baseline> blocks(swept.size());
  std::vector<std::uint32_t> need(cc.count, 1);
  std::vector<double> base;
  int sweeps = 0;
  {
    FirstPassage<1> full(ch, cc, solver, in, swept, swept_of, C, nullptr);
    std::array<double, 1> lx{}, lv{};
    full.run({kNone}, need, 1, blocks, true, lx, lv);
    if (full.diverged()) return -1;
    sweeps = full.sweeps_used();
    base = full.lane0();
  }
  // Channels by decreasing number of states, so that a batch holds removals of
  // similar reach (a batch sweeps until its slowest lane settles).
  std::vector<std::uint32_t> channels;
  for (std::uint32_t c = 0; c < C; ++c) {
    if (r.e_off[c + 1] > r.e_off[c]) channels.push_back(c);
  }
  std::stable_sort(channels.begin(), channels.end(), [&](std::uint32_t a, std::uint32_t b) {
    return r.e_off[a + 1] - r.e_off[a] > r.e_off[b + 1] - r.e_off[b];
  });
  FirstPassage<kLanes> batch(ch, cc, solver, in, swept, swept_of, C, &base);
  std::vector<std::uint32_t> todo;
  std::fill(need.begin(), need.end(), 0);
  const double x0 = solver.x[0], v0 = solver.v[0];
  for (std::size_t first = 0; first < channels.size(); first += kLanes) {
    const auto stamp = static_cast<std::uint32_t>(first / kLanes + 1);
    std::array<std::uint32_t, kLanes> lanes;
    lanes.fill(kNone);
    todo.clear();
    for (std::size_t l = 0; l < kLanes && first + l < channels.size(); ++l) {
      lanes[l] = channels[first + l];
      mark_upstream(r, cc, lanes[l], stamp, need, todo);
    }
    std::array<double, kLanes> lost_x{}, lost_v{};
    batch.run(lanes, need, stamp, blocks, false, lost_x, lost_v);
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (lanes[l] == kNone) continue;
      re[lanes[l]] = x0 > 0 ? std::clamp(lost_x[l] / x0, 0.0, 1.0) : 0.0;
      re_value[lanes[l]] = v0 > 0 ? std::clamp(lost_v[l] / v0, 0.0, 1.0) : 0.0;
    }
  }
  if (batch.diverged()) return -1;
  return std::max(sweeps, batch.sweeps_used());
}

}  // namespace detail::markov
}  // namespace v0
}  // namespace doorway
