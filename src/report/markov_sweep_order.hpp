// doorway — the order in which a block of the Markov chain is swept (private to
// src/report/; used by markov_first_passage.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "markov_chain.hpp"

namespace doorway {
inline namespace v0 {
namespace detail::markov {

// An order of block q's states in which little of the journeys' flow goes
// backwards, for forward sweeps: Eades, Lin and Smyth's greedy heuristic for a
// small feedback arc set, weighted by the flow on each transition (the journeys'
// weight on it). States left without flow out go to the back, states left
// without flow in to the front, else the state whose flow out most exceeds its
// flow in goes to the front. `local` (kNone for every state) is scratch.
std::vector<std::uint32_t> sweep_order(const Chain& ch, const Components& cc, std::uint32_t q,
                                       std::vector<std::uint32_t>& local);

}  // namespace detail::markov
}  // namespace v0
}  // namespace doorway
