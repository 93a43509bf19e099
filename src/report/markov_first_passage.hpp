// doorway — removal effects of markov attribution by first passage, 16 channels
// per pass (private to src/report/; step 5 of the method in
// attribution_markov.cpp, after steps 1–4 in markov_chain.hpp).
//
// With E_c absorbing, h_c(r) = P(the first state of E_c a journey meets is r);
// until then the chain without c moves as the full one, after it converts with
// probability 0 instead of x_r, so x_start − x_start without c =
// Σ_{r ∈ E_c} h_c(r) x_r (and with v for value). h_c is the flow of the
// transposed system u = e_start + Q_cᵀ u (Q_c: rows of E_c zeroed), solved
// forwards from start, sources first: one right-hand side per channel serves
// conversions and value, and the effect is a sum of non-negative terms. How the
// flow is computed, 16 channels side by side, is in markov_first_passage.cpp.
#pragma once

#include <vector>

#include "markov_chain.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::markov {

// The removal effects (of conversions, re, and of value, re_value; one per
// channel) through first passage, given the solution without removal
// (solver.x, solver.v, after solve_all). Returns the most sweeps a block took,
// or -1 when the sweeps did not settle.
int remove_by_first_passage(const Chain& ch, const Components& cc, const Removals& r, const Solver& solver,
                            std::vector<double>& re, std::vector<double>& re_value);

}  // namespace detail::markov
}  // namespace v0
}  // namespace doorway
