// doorway — multi-touch attribution: which touches earned the conversions.
// Heuristics, the exact Markov-chain removal effect of order k, and Shapley
// values, over Journeys (report/journeys.hpp). Compiled in
// src/report/attribution_*.cpp.
//
// Every model credits each channel with a share of the conversions and of the
// conversion value; the shares of all channels add up to the journeys' total
// conversions and total value (up to floating-point rounding). Channels are listed
// by name, byte-wise; channels of journeys that carry nothing get 0.
//
// Heuristics (per journey with conversions or value; n = its number of touches;
// each touch's weight, normalised to sum to 1, times the journey's conversions
// and value is added to the touch's channel; repeated channels are separate
// touches):
//   first_touch      the first touch gets everything.
//   last_touch       the last touch gets everything.
//   linear           1/n per touch.
//   linear_distinct  1/d per distinct channel of the journey (d of them), however
//                    often each occurs.
//   time_decay       weight 2^(-(end - t)/half_life) for a touch at time t, end =
//                    the conversion time. Needs timed journeys (from the engine);
//                    path files have no times (use position_decay).
//   position_decay   weight 2^(-(n - 1 - i)/position_half_life) for the touch at
//                    position i (the last touch weighs 1).
//   u_shaped         40% first, 40% last, 20% shared by the touches between; one
//                    touch: 100%; two touches: 50% each.
//   w_shaped         30% first touch, 30% handoff touch, 30% opportunity touch,
//                    10% shared by the other touches. An anchor the journey lacks
//                    (every path-file journey lacks both; a lead that bought with
//                    no handoff lacks it) falls on the last touch — the moment the
//                    journey converted, which is where those stages then happened.
//                    Anchors on one touch add up; when no other touch is left the
//                    weights are normalised (so 1 touch: 100%; 2 touches with no
//                    anchors: 1/3 first, 2/3 last).
//   full_path        Z-shaped: 22.5% each to first, handoff, opportunity and the
//                    last (closing) touch, 10% shared by the others; the same rules
//                    for missing and coinciding anchors.
//
// Markov chain removal effect of order k (1 ≤ k ≤ kMaxMarkovOrder), solved exactly:
// - States: start, then after each touch the tuple of the last (up to) k
//   channels; absorbing states conversion and null. Every journey adds its weight
//   (conversions + nulls) to each of its transitions, its conversions to
//   last state → conversion and its nulls to last state → null. Transition
//   probabilities are the weights out of a state divided by their sum.
// - Repeated consecutive channels are collapsed ("a > a > b" is "a > b") unless
//   collapse_repeats is false. (For k = 1 this changes nothing: a self-loop does
//   not change where a state is absorbed.)
// - include_nulls = false drops the journeys without conversions and the nulls of
//   the others (the chain then converts with probability 1: the effect of a
//   channel is the share of conversion paths that need it).
// - Solved as linear equations, not by simulation: x = Q x + b (x = probability
//   of conversion from each state), by strongly connected blocks in reverse
//   topological order; a block of up to dense_block_limit (4,000) states by its dense LU
//   factorisation, a larger one (they appear at order ≥ 2 over many channels) by
//   Gauss–Seidel sweeps until no value changes by more than 1e-15 of the largest
//   (machine precision; `sweeps` reports the most one block took). Deterministic:
//   the same numbers on every run, with or without the AVX2 build of the sweeps.
// - Removing channel c sends every state containing c to null. Removal effect
//   RE(c) = 1 − P(conversion without c) / P(conversion), computed as
//   P(a journey meets c and converts) / P(conversion): the first state holding c
//   a journey meets is found by solving the transposed equations forwards from
//   start, 16 channels at a time (at order 1 with every block dense, by a
//   rank-|R| update per channel instead). Attributed conversions
//   = total conversions × RE(c) / Σ RE; when Σ RE is 0 (no conversion) all are 0.
// - Value: the same with the reward of a conversion at the last state equal to
//   the average value of the conversions that ended there; value removal effect
//   and attributed value likewise, normalised to the total value.
// - A journey with neither conversions nor nulls weighs nothing and is ignored.
//
// Shapley values: the players are the channels, and v(S) = the conversions (or
// value) of the journeys whose set of channels lies within S. Computed exactly
// over every coalition when at most max_exact_channels channels carry anything;
// beyond, by permutation sampling (`samples` random orders from `seed`, so the
// result is deterministic) with the standard error of each channel's estimate
// reported. With this v the exact Shapley value equals linear_distinct (each
// journey's conversions split equally among its distinct channels), a theorem
// the tests check on random journeys; the sampled estimate converges to it.
//
// Ties: there are none to break — touches keep the journey's order (from the
// engine: (timestamp, event_id)), equal times decay equally, and every model
// gives exact shares.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "doorway/report/journeys.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

enum class AttributionModel : std::uint8_t {
  first_touch = 0,
  last_touch = 1,
  linear = 2,
  linear_distinct = 3,
  time_decay = 4,
  position_decay = 5,
  u_shaped = 6,
  w_shaped = 7,
  full_path = 8,
  markov = 9,
  shapley = 10,
};

inline constexpr int kMaxMarkovOrder = 8;
inline constexpr int kMaxExactShapleyChannels = 20;

// "first_touch", "last_touch", "linear", "linear_distinct", "time_decay",
// "position_decay", "u_shaped", "w_shaped", "full_path", "markov", "shapley".
std::string_view to_string(AttributionModel m) noexcept;
// All model names, in enum order.
std::span<const std::string_view> attribution_model_names() noexcept;
// Parses a model name; also accepts "first", "last", "u", "w", "z". InvalidArgument
// names the unknown model and suggests the closest name.
absl::StatusOr<AttributionModel> parse_attribution_model(std::string_view name);

struct AttributionOptions {
  AttributionModel model = AttributionModel::markov;
  // time_decay: a touch this long before the conversion counts half.
  Duration half_life = 7 * kDay;
  // position_decay: each this many touches further back count half (> 0).
  double position_half_life = 1.0;
  // markov
  int order = 1;
  bool include_nulls = true;
  bool collapse_repeats = true;
  // Strongly connected blocks of more states than this are solved by sweeps
  // instead of their dense inverse (memory: limit² doubles). 1 sweeps every block.
  std::size_t dense_block_limit = 4000;
  // shapley
  int max_exact_channels = 15;      // 1 .. kMaxExactShapleyChannels
  std::uint64_t samples = 1000;     // permutations when sampling (> 0)
  std::uint64_t seed = 1;
};

struct ChannelCredit {
  std::string channel;
  double conversions = 0;
  double value = 0;
  // markov: the removal effects (0 .. 1).
  double removal_effect = 0;
  double value_removal_effect = 0;
  // shapley, sampled: the standard error of the two estimates (0 when exact).
  double conversions_std_error = 0;
  double value_std_error = 0;
};

struct Attribution {
  AttributionModel model = AttributionModel::markov;
  std::vector<ChannelCredit> channels;  // by channel name
  std::uint64_t journeys = 0;           // journeys given
  std::uint64_t touches = 0;
  double total_conversions = 0;
  double total_value = 0;
  double total_nulls = 0;
  // markov
  int order = 0;
  std::uint64_t states = 0;             // transient states, start included
  std::uint64_t largest_block = 0;      // states in the largest strongly connected block
  std::uint64_t sweeps = 0;             // most Gauss–Seidel sweeps one large block took (0: none)
  double conversion_probability = 0;    // from start
  // shapley
  bool sampled = false;
  std::uint64_t samples = 0;
  std::uint64_t players = 0;            // channels that carry anything
};

// Runs one model. InvalidArgument for bad options (naming the option) and for
// time_decay over untimed journeys. Thread-safe for const journeys.
absl::StatusOr<Attribution> attribute(const Journeys& journeys, const AttributionOptions& options);

// The result as one JSON object: model, journeys, touches, totals, the model's
// own figures (order, states, largest_block, sweeps, conversion_probability /
// sampled, samples, players) and channels [{channel, conversions, value, ...}] — removal effects
// for markov, standard errors for sampled shapley. Numbers in shortest exact form.
std::string to_json(const Attribution& a);

}  // namespace v0
}  // namespace doorway
