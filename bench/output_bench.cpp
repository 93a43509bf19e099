// doorway run's output: the lead lines and event lines of 200,000 generated
// touches (seed 42, the default model, the clock advanced to the latest touch as
// the command does), written as `doorway run` writes them — into one buffer
// handed on every 64 KiB — against a baseline in the same run: copying the same
// finished lines into the same kind of buffer, the least any writer must do.
// Figures: bench/README.md, "Writing doorway run's lines".
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "run_lines.hpp"
#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "ratio_reporter.hpp"

namespace {

using namespace doorway;

constexpr std::uint64_t kTouches = 200'000;
constexpr std::size_t kFlushAt = std::size_t{1} << 16;  // as run_run hands its buffer on

// The engine after the touches, its leads' views (in id order) and its events,
// and the lines the command writes for them.
struct Leads {
  std::unique_ptr<Engine> engine;
  std::vector<LeadView> views;
  std::vector<EventView> events;
  std::vector<std::string> lead_lines;
  std::vector<std::string> event_lines;
};

const Leads& leads() {
  static const Leads l = [] {
    Leads out;
    out.engine = std::make_unique<Engine>(default_model());
    GenerateOptions o;
    o.seed = 42;
    o.leads = kTouches / 4;
    o.max_touches = kTouches;
    JourneyGenerator g(o);
    std::vector<OwnedTouch> owned;
    OwnedTouch t;
    while (g.next(t)) owned.push_back(t);
    std::vector<Touch> touches;
    for (const OwnedTouch& ot : owned) touches.push_back(ot.view());
    (void)out.engine->ingest(touches);
    out.engine->advance(out.engine->watermark());
    out.engine->for_each_lead([&](const LeadView& v) { out.views.push_back(v); });
    out.events = out.engine->events();
    for (const LeadView& v : out.views) {
      detail::JsonWriter w(out.lead_lines.emplace_back());
      cli::write_lead(w, v);
    }
    for (const EventView& e : out.events) {
      detail::JsonWriter w(out.event_lines.emplace_back());
      cli::write_event(w, e);
    }
    return out;
  }();
  return l;
}

void copy_lines(benchmark::State& state, const std::vector<std::string>& lines) {
  std::string out;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      out += line;
      if (out.size() > kFlushAt) {
        benchmark::DoNotOptimize(out.data());
        out.clear();
      }
    }
    benchmark::DoNotOptimize(out.data());
    out.clear();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(lines.size()) * state.iterations());
}

template <class View, class Write>
void write_lines(benchmark::State& state, const std::vector<View>& views, Write write) {
  std::string buffer;
  detail::JsonWriter out(buffer);
  for (auto _ : state) {
    for (const View& v : views) {
      write(out, v);
      if (out.text().size() > kFlushAt) {
        benchmark::DoNotOptimize(buffer.data());
        out.clear();
      }
    }
    benchmark::DoNotOptimize(buffer.data());
    out.clear();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(views.size()) * state.iterations());
}

void BM_CopyLeadLines(benchmark::State& state) { copy_lines(state, leads().lead_lines); }
BENCHMARK(BM_CopyLeadLines)->Unit(benchmark::kMillisecond);

void BM_WriteLeadLines(benchmark::State& state) {
  write_lines(state, leads().views, [](detail::JsonWriter& out, const LeadView& v) { cli::write_lead(out, v); });
}
BENCHMARK(BM_WriteLeadLines)->Unit(benchmark::kMillisecond);

void BM_CopyEventLines(benchmark::State& state) { copy_lines(state, leads().event_lines); }
BENCHMARK(BM_CopyEventLines)->Unit(benchmark::kMillisecond);

void BM_WriteEventLines(benchmark::State& state) {
  write_lines(state, leads().events, [](detail::JsonWriter& out, const EventView& e) { cli::write_event(out, e); });
}
BENCHMARK(BM_WriteEventLines)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  doorway::bench::RatioReporter reporter([](const doorway::bench::RatioReporter& r) {
    const Leads& l = leads();
    auto ratio = [&](const char* what, const char* write, const char* copy, std::size_t n) {
      const double w = r.time_of(write), c = r.time_of(copy);
      if (w > 0 && c > 0) std::printf("%s write / copy (CPU time, %s, %zu lines): %.2f\n", what, r.kind(), n, w / c);
    };
    std::printf("\n");
    ratio("lead lines: ", "BM_WriteLeadLines", "BM_CopyLeadLines", l.views.size());
    ratio("event lines:", "BM_WriteEventLines", "BM_CopyEventLines", l.events.size());
  });
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
