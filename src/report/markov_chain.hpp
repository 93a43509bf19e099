// doorway — the Markov chain of markov attribution and its exact solution (private
// to src/report/; the method as a whole is in attribution_markov.cpp, removal by
// first passage in markov_first_passage.hpp).
//
// 1. The chain: transient states are start (0) and the k-tuples of channels the
//    journeys pass through; x = Q x + b where b(s) = P(s → conversion), and a
//    second right-hand side bv(s) = value ending at s / weight out of s gives the
//    expected conversion value.
// 2. Tarjan's algorithm splits the states into strongly connected components,
//    numbered sinks first, solved in that order. A single state is solved
//    directly (dividing by 1 − P(s → s) for a self-loop); a larger component B of
//    up to dense_block_limit states keeps G_B = (I − Q_BB)⁻¹ from a dense LU
//    factorisation (Eigen); a component larger still (at order ≥ 2 over many
//    channels one giant component holds the popular tuples) is solved by
//    Gauss–Seidel sweeps until no value moves by more than 1e-15 of the largest.
// 3. Removing channel c: every state containing c goes to null. A journey reaches
//    a state containing c only through a state whose newest channel is c (the
//    tuple gets c by appending it), so it is enough to zero those states, E_c.
//    Only the components that can reach E_c change.
// 4. Order 1 with every block dense (remove_one_by_one): for each channel the
//    components that can reach E_c are solved again, sinks first; inside one,
//    zeroing its members R = B ∩ E_c is a rank-|R| update of its solution y,
//    x = y − G_B[:, R] (G_B[R, R])⁻¹ y_R, and a component whose successors did
//    not change reuses its y. That is the classic x_start − h(start → c) · x_c
//    with h = G_sc / G_cc, O(states) per channel after one factorisation.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "doorway/report/attribution.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::markov {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;
// Blocks larger than AttributionOptions::dense_block_limit (default 4,000: an
// inverse of 4000² doubles is 128 MB) are solved by Gauss–Seidel sweeps until no
// value changes by more than kSweepTolerance of the largest (machine precision),
// at most kMaxSweeps sweeps.
inline constexpr double kSweepTolerance = 1e-15;
inline constexpr int kMaxSweeps = 100000;

struct Chain {
  std::size_t n = 1;                   // transient states; 0 is start
  std::vector<std::uint32_t> newest;   // newest channel of each state; kNone for start
  std::vector<std::uint64_t> off;      // CSR of out-edges (self-loops kept apart)
  std::vector<std::uint32_t> to;
  std::vector<double> p;
  std::vector<double> self;            // P(s → s)
  std::vector<double> b;               // P(s → conversion)
  std::vector<double> bv;              // value ending at s / weight out of s
  std::vector<double> weight;          // the journeys' weight out of each state
};

// Builds the order-k chain from the journeys.
Chain build_chain(const Journeys& journeys, const AttributionOptions& o);

// Strongly connected components (Tarjan, iterative), numbered in the order they
// complete: every edge leads to a component with a number not above its own.
struct Components {
  std::vector<std::uint32_t> of;     // component of each state
  std::vector<std::uint64_t> off;    // CSR: members of each component, in depth-first
  std::vector<std::uint32_t> members;  // finishing order (nearer the absorbing states first)
  std::vector<std::uint32_t> local;  // position of each state among its component's members
  std::size_t count = 0;
};

Components components(const Chain& ch);

// x = Q x + b and v = Q v + bv, component by component, sinks first (step 2).
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

  // Keeps the dense inverse of every block of up to dense_limit states; the
  // larger ones are left to sweeps (largest_swept).
  absl::Status factorise();

  // The solution without removal, x and v.
  void solve_all();

  // Solves component q — a single state or a block with its dense inverse —
  // given the values of its successors through `value_of` (state → {x, v}),
  // writing into xo, vo. `zero(s)`: the state is removed. `rhs_same`: the
  // successors are unchanged, so the stored solution is reused. Defined in
  // markov_chain.cpp, the only place that calls it.
  template <class ValueOf, class Zero>
  void solve(std::size_t q, ValueOf&& value_of, Zero&& zero, bool rhs_same, std::vector<double>& xo,
             std::vector<double>& vo);

 private:
  // b(s) + Σ p(s → t) x_t and bv(s) + Σ p(s → t) v_t over the successors t of s
  // outside component q ({x_t, v_t} from value_of).
  template <class ValueOf>
  std::pair<double, double> outside(std::size_t q, std::uint32_t s, ValueOf&& value_of) const;

  // Gauss–Seidel on block q, too large for its dense inverse, into x and v.
  void sweep(std::size_t q);
};

// The component graph backwards (the components that lead into each), and the
// states of each channel's E_c (newest channel c).
struct Removals {
  std::vector<std::uint64_t> pred_off;
  std::vector<std::uint32_t> pred;
  std::vector<std::uint64_t> e_off;
  std::vector<std::uint32_t> e_states;
};

Removals removals(const Chain& ch, const Components& cc, std::size_t channels);

// Marks with `stamp` the components that can reach a state of E_c (those whose
// values change when c is removed), appending the newly marked ones to `todo`.
void mark_upstream(const Removals& r, const Components& cc, std::uint32_t c, std::uint32_t stamp,
                   std::vector<std::uint32_t>& mark, std::vector<std::uint32_t>& todo);

// The removal effects (of conversions, re, and of value, re_value; one per
// channel) by re-solving, one channel at a time, the components that can reach
// E_c (step 4). Only when every block has its dense inverse (largest_swept == 0).
void remove_one_by_one(const Chain& ch, const Components& cc, const Removals& r, Solver& solver,
                       std::vector<double>& re, std::vector<double>& re_value);

}  // namespace detail::markov
}  // namespace v0
}  // namespace doorway
