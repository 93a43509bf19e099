// doorway — attribution speed (issue 6 targets): exact Markov removal effect of
// orders 1 to 4 over 200,000 journeys and 1,000 channels, heuristics over ten
// million touches, Shapley. Baselines in the same run: one pass summing the path
// lengths (the least any model must do) and reading the same journeys from a path
// file. See bench/README.md "Attribution".
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "doorway/report/attribution.hpp"
#include "doorway/report/journeys.hpp"
#include "doorway/report/path_file.hpp"

namespace {

using doorway::AttributionModel;
using doorway::Journeys;

// Deterministic synthetic journeys over `channels` channels: channel popularity
// is Zipf-like (rank r drawn with weight 1/(r + 10)), path length 1 + geometric
// (mean `mean_length`), each channel has a hidden lift and a journey converts with
// probability 0.05 + the mean lift of its touches (so channels differ). Converting
// journeys carry a value of 50 .. 500; the others are one null each.
Journeys make_journeys(std::size_t count, std::uint32_t channels, double mean_length, bool timed,
                       std::uint64_t seed = 42) {
  std::mt19937_64 rng(seed);
  std::vector<double> cumulative(channels);
  double total = 0;
  for (std::uint32_t r = 0; r < channels; ++r) cumulative[r] = (total += 1.0 / (r + 10.0));
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> lift(channels);
  for (double& l : lift) l = 0.2 * u(rng);
  Journeys j(timed);
  std::vector<std::uint32_t> ids(channels);
  for (std::uint32_t c = 0; c < channels; ++c) ids[c] = j.intern_channel("channel_" + std::to_string(c));
  std::geometric_distribution<int> extra(1.0 / mean_length);
  std::vector<std::uint32_t> path;
  std::vector<doorway::Timestamp> times;
  j.reserve(count, static_cast<std::size_t>(static_cast<double>(count) * mean_length * 1.1));
  for (std::size_t i = 0; i < count; ++i) {
    const int n = 1 + std::min(extra(rng), 40);
    path.clear();
    times.clear();
    double l = 0;
    doorway::Timestamp t = 1'700'000'000'000'000;
    for (int k = 0; k < n; ++k) {
      const double x = u(rng) * total;
      const auto r = static_cast<std::uint32_t>(std::lower_bound(cumulative.begin(), cumulative.end(), x) -
                                                cumulative.begin());
      const std::uint32_t c = std::min(r, channels - 1);
      path.push_back(ids[c]);
      l += lift[c];
      t += static_cast<doorway::Timestamp>(u(rng) * 5 * static_cast<double>(doorway::kDay));
      times.push_back(t);
    }
    const bool converts = u(rng) < 0.05 + l / n;
    const double value = converts ? 50 + std::floor(u(rng) * 450) : 0;
    if (timed) {
      (void)j.add(path, converts ? 1 : 0, value, converts ? 0 : 1, times, t);
    } else {
      (void)j.add(path, converts ? 1 : 0, value, converts ? 0 : 1);
    }
  }
  return j;
}

const Journeys& markov_data() {
  static const Journeys j = make_journeys(200'000, 1000, 4.0, false);
  return j;
}

// The first 20,000 journeys of the same stream (at order 2: one block of ~9,000
// states; over all 200,000: ~135,000, see bench/README.md).
const Journeys& markov_data_20k() {
  static const Journeys j = make_journeys(20'000, 1000, 4.0, false);
  return j;
}

const Journeys& heuristic_data() {
  static const Journeys j = make_journeys(2'500'000, 1000, 4.0, true);  // ~10 million touches
  return j;
}

void BM_SumPathLengths(benchmark::State& state, const Journeys& (*data)()) {
  const Journeys& j = data();
  for (auto _ : state) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < j.size(); ++i) sum += j.channels(i).size();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * j.touch_count()));
  state.counters["journeys"] = static_cast<double>(j.size());
  state.counters["touches"] = static_cast<double>(j.touch_count());
}
BENCHMARK_CAPTURE(BM_SumPathLengths, markov_data, markov_data)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SumPathLengths, heuristic_data, heuristic_data)->Unit(benchmark::kMillisecond);

void BM_ReadPathFile(benchmark::State& state) {
  const std::string text = *doorway::write_path_file(markov_data());
  for (auto _ : state) {
    auto r = doorway::read_path_file(text, "bench");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * markov_data().touch_count()));
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_ReadPathFile)->Unit(benchmark::kMillisecond);

void BM_Markov(benchmark::State& state) {
  const Journeys& j = state.range(1) == 200'000 ? markov_data() : markov_data_20k();
  doorway::AttributionOptions o;
  o.model = AttributionModel::markov;
  o.order = static_cast<int>(state.range(0));
  doorway::Attribution last;
  for (auto _ : state) {
    auto r = doorway::attribute(j, o);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    last = std::move(*r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * j.touch_count()));
  state.counters["states"] = static_cast<double>(last.states);
  state.counters["largest_block"] = static_cast<double>(last.largest_block);
  state.counters["sweeps"] = static_cast<double>(last.sweeps);
  state.counters["channels"] = static_cast<double>(last.channels.size());
}
// Arguments: order, journeys.
BENCHMARK(BM_Markov)->Args({1, 200'000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Markov)
    ->Args({2, 200'000})
    ->Args({3, 200'000})
    ->Args({4, 200'000})
    ->Args({1, 20'000})
    ->Args({2, 20'000})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_Heuristic(benchmark::State& state) {
  const Journeys& j = heuristic_data();
  doorway::AttributionOptions o;
  o.model = static_cast<AttributionModel>(state.range(0));
  state.SetLabel(std::string(doorway::to_string(o.model)));
  for (auto _ : state) {
    auto r = doorway::attribute(j, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * j.touch_count()));
}
BENCHMARK(BM_Heuristic)
    ->Arg(static_cast<int>(AttributionModel::first_touch))
    ->Arg(static_cast<int>(AttributionModel::linear))
    ->Arg(static_cast<int>(AttributionModel::linear_distinct))
    ->Arg(static_cast<int>(AttributionModel::time_decay))
    ->Arg(static_cast<int>(AttributionModel::position_decay))
    ->Arg(static_cast<int>(AttributionModel::u_shaped))
    ->Arg(static_cast<int>(AttributionModel::w_shaped))
    ->Arg(static_cast<int>(AttributionModel::full_path))
    ->Unit(benchmark::kMillisecond);

// Shapley: exact over 15 channels (200,000 journeys), and sampled (100 orders)
// over the 1,000-channel data.
void BM_ShapleyExact15(benchmark::State& state) {
  static const Journeys j = make_journeys(200'000, 15, 4.0, false, 7);
  doorway::AttributionOptions o;
  o.model = AttributionModel::shapley;
  for (auto _ : state) {
    auto r = doorway::attribute(j, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * j.touch_count()));
}
BENCHMARK(BM_ShapleyExact15)->Unit(benchmark::kMillisecond);

void BM_ShapleySampled(benchmark::State& state) {
  const Journeys& j = markov_data();
  doorway::AttributionOptions o;
  o.model = AttributionModel::shapley;
  o.samples = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    auto r = doorway::attribute(j, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * j.touch_count()));
}
BENCHMARK(BM_ShapleySampled)->Arg(100)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
