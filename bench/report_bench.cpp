// doorway — what a report costs next to the ingest it reports on. The first
// 1,000,000 touches of the seed-42 generated stream (JourneyGenerator, as in
// engine_bench.cpp) are ingested by a default-model engine; then:
//   BM_Ingest            a fresh engine ingests the million touches (the baseline)
//   BM_BuildReport       build_report() over that engine: every lead's history
//                        (touches and events) walked once
//   BM_MergeThreeParts   merging the reports of three lead-hash partitions
//   BM_ReportToJson      writing the report as JSON (diagnoses included)
//   BM_ReportToText      writing it as text
// The figure to read is the ratio build / ingest (CPU time), which this program
// prints after the usual table. See bench/README.md.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "doorway/report/report.hpp"
#include "doorway/report/report_json.hpp"
#include "doorway/report/report_text.hpp"
#include "ratio_reporter.hpp"

namespace {

using doorway::Touch;

constexpr std::size_t kTouches = 1'000'000;

struct Stream {
  std::vector<doorway::OwnedTouch> owned;
  std::vector<Touch> touches;
  std::array<std::vector<Touch>, 3> parts;  // by lead hash
};

std::uint64_t lead_hash(std::string_view id) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

const Stream& stream() {
  static const Stream s = [] {
    Stream out;
    doorway::GenerateOptions o;
    o.seed = 42;
    o.leads = kTouches / 4;
    doorway::JourneyGenerator gen(o);
    doorway::OwnedTouch t;
    out.owned.reserve(kTouches);
    while (out.owned.size() < kTouches && gen.next(t)) out.owned.push_back(t);
    for (const doorway::OwnedTouch& ot : out.owned) {
      out.touches.push_back(ot.view());
      out.parts[lead_hash(ot.lead_id) % 3].push_back(ot.view());
    }
    return out;
  }();
  return s;
}

// One engine over the whole stream, advanced a day past its last touch.
const doorway::Engine& engine() {
  static const std::unique_ptr<doorway::Engine> e = [] {
    auto out = std::make_unique<doorway::Engine>(doorway::default_model());
    out->ingest(stream().touches);
    out->advance(out->watermark() + doorway::kDay);
    return out;
  }();
  return *e;
}

void BM_Ingest(benchmark::State& state) {
  const Stream& s = stream();
  for (auto _ : state) {
    doorway::Engine e(doorway::default_model());
    e.ingest(s.touches);
    benchmark::DoNotOptimize(e.lead_count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.touches.size()));
}
BENCHMARK(BM_Ingest)->Unit(benchmark::kMillisecond);

void BM_BuildReport(benchmark::State& state) {
  const doorway::Engine& e = engine();
  for (auto _ : state) {
    doorway::Report r = doorway::build_report(e);
    benchmark::DoNotOptimize(r.leads);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream().touches.size()));
  state.counters["leads"] = static_cast<double>(e.lead_count());
}
BENCHMARK(BM_BuildReport)->Unit(benchmark::kMillisecond);

void BM_MergeThreeParts(benchmark::State& state) {
  static const std::array<doorway::Report, 3> parts = [] {
    std::array<doorway::Report, 3> out;
    for (std::size_t i = 0; i < 3; ++i) {
      doorway::Engine e(doorway::default_model());
      e.ingest(stream().parts[i]);
      out[i] = doorway::build_report(e);
    }
    return out;
  }();
  for (auto _ : state) {
    doorway::Report r = parts[0];
    if (!r.merge(parts[1]).ok() || !r.merge(parts[2]).ok()) state.SkipWithError("merge failed");
    benchmark::DoNotOptimize(r.leads);
  }
}
BENCHMARK(BM_MergeThreeParts)->Unit(benchmark::kMillisecond);

void BM_ReportToJson(benchmark::State& state) {
  static const doorway::Report r = doorway::build_report(engine());
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = doorway::report_to_json(r);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ReportToJson)->Unit(benchmark::kMillisecond);

void BM_ReportToText(benchmark::State& state) {
  static const doorway::Report r = doorway::build_report(engine());
  for (auto _ : state) {
    const std::string text = doorway::report_to_text(r);
    benchmark::DoNotOptimize(text.data());
  }
}
BENCHMARK(BM_ReportToText)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // After the table: build / ingest from the CPU times.
  doorway::bench::RatioReporter reporter([](const doorway::bench::RatioReporter& r) {
    const double ingest = r.time_of("BM_Ingest");
    const double build = r.time_of("BM_BuildReport");
    if (ingest > 0 && build > 0) {
      std::printf("\nreport / ingest (CPU time, %s, %zu touches): %.3f\n", r.kind(), stream().touches.size(),
                  build / ingest);
    }
  });
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
