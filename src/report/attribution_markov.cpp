// doorway — Markov-chain removal effect of order k, solved exactly (semantics in
// include/doorway/report/attribution.hpp): markov_attribution builds the chain,
// solves it, removes each channel in turn and shares the credit out in
// proportion to the removal effects.
//
// How it is solved
// 1. The chain (markov_chain.hpp): transient states are start and the k-tuples
//    of channels the journeys pass through; x = Q x + b gives the probability of
//    converting from each state, and a second right-hand side the expected
//    conversion value.
// 2. Its strongly connected components are solved sinks first: a single state
//    directly, a block of up to dense_block_limit states by its dense inverse,
//    a larger one by Gauss–Seidel sweeps (Solver, markov_chain.cpp).
// 3. Removing channel c zeroes the states whose newest channel is c, E_c; only
//    the components that can reach E_c change (Removals).
// 4. Order 1 with every block dense: for each channel those components are
//    solved again, a rank-|R| update of each block's solution
//    (remove_one_by_one, markov_chain.cpp).
// 5. Otherwise by first passage, 16 channels per pass: the loss is
//    Σ_{r ∈ E_c} h_c(r) x_r, h_c the probability that r is the first state of
//    E_c a journey meets (markov_first_passage.hpp, .cpp; a large block is
//    swept in the order of markov_sweep_order.hpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "attribution_internal.hpp"
#include "doorway/detail/strings.hpp"
#include "markov_chain.hpp"
#include "markov_first_passage.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

absl::StatusOr<Attribution> markov_attribution(const Journeys& journeys, const AttributionOptions& options) {
  if (options.order < 1 || options.order > kMaxMarkovOrder) {
    return absl::InvalidArgumentError(
        detail::cat("order: ", options.order, " is not between 1 and ", kMaxMarkovOrder));
  }
  Attribution a = start_attribution(journeys, AttributionModel::markov);
  a.order = options.order;
  const markov::Chain ch = markov::build_chain(journeys, options);
  const markov::Components cc = markov::components(ch);
  markov::Solver solver(ch, cc, std::max<std::size_t>(1, options.dense_block_limit));
  if (auto s = solver.factorise(); !s.ok()) return s;
  solver.solve_all();
  a.states = ch.n;
  for (std::size_t q = 0; q < cc.count; ++q) a.largest_block = std::max<std::uint64_t>(a.largest_block, solver.size(q));
  a.conversion_probability = solver.x[0];

  const std::size_t C = journeys.channel_count();
  const markov::Removals r = markov::removals(ch, cc, C);
  std::vector<double> re(C, 0.0), re_value(C, 0.0);
  int sweeps = solver.max_sweeps_used;
  bool diverged = solver.diverged;
  // Order 1 with every block dense: a rank-|R| update per channel is cheapest
  // (the one block's successors absorb, so its solution is reused). Otherwise
  // first passage, 16 channels per pass (measured faster at orders 2 to 4 even
  // without a swept block: bench/README.md).
  if (solver.largest_swept == 0 && options.order == 1) {
    markov::remove_one_by_one(ch, cc, r, solver, re, re_value);
  } else if (!diverged) {
    const int used = markov::remove_by_first_passage(ch, cc, r, solver, re, re_value);
    diverged = used < 0;
    sweeps = std::max(sweeps, used);
  }
  if (diverged) {
    return absl::InternalError(detail::cat("markov: Gauss–Seidel sweeps over a block of ", solver.largest_swept,
                                           " states did not settle within ", markov::kMaxSweeps, " sweeps"));
  }
  a.sweeps = static_cast<std::uint64_t>(sweeps);
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
