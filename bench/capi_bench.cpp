// doorway — what the stable C boundary costs. The same 200,000 generated touches
// (JourneyGenerator, seed 42, as BM_IngestGenerated in engine_bench.cpp) go into a
// fresh default-model engine (a) through the C++ Engine and (b) through
// doorway_engine_ingest() with a doorway_touch array built beforehand, untimed.
// Both run in the same process; the figure to read is the ratio C / C++, which
// this program prints after the usual table. See bench/README.md.
//
// `doorway_capi_bench --dump-jsonl=PATH` writes those touches as a doorway touch
// file (one JSON object a line, timestamps ISO-8601 with microseconds) and exits:
// bench/python_bench.py reads it, so Python ingests exactly the same touches.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "doorway.h"
#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "doorway/timestamp.hpp"
#include "ratio_reporter.hpp"

namespace {

using doorway::Touch;

constexpr std::int64_t kGeneratedTouches = 200'000;

struct Generated {
  std::vector<doorway::OwnedTouch> owned;
  std::vector<Touch> touches;      // views into `owned`
  std::vector<doorway_touch> c;    // the same touches as C structs (borrowing `owned`)
};

doorway_str c_str(std::string_view s) { return doorway_str{s.empty() ? nullptr : s.data(), s.size()}; }

// The first `count` touches of the seed-42 stream, made once per process exactly
// as engine_bench.cpp's generated() does, plus their C form.
const Generated& generated(std::size_t count) {
  static Generated g = [count] {
    Generated out;
    doorway::GenerateOptions o;
    o.seed = 42;
    o.leads = count / 4;
    doorway::JourneyGenerator gen(o);
    out.owned.reserve(count);
    doorway::OwnedTouch t;
    while (out.owned.size() < count && gen.next(t)) out.owned.push_back(t);
    out.touches.reserve(out.owned.size());
    out.c.reserve(out.owned.size());
    for (const doorway::OwnedTouch& ot : out.owned) {
      out.touches.push_back(ot.view());
      doorway_touch c = DOORWAY_TOUCH_INIT;
      c.event_id = c_str(ot.event_id);
      c.lead_id = c_str(ot.lead_id);
      c.account_id = c_str(ot.account_id);
      c.type = c_str(ot.type);
      c.channel = c_str(ot.channel);
      c.outcome = c_str(ot.outcome);
      c.timestamp = ot.timestamp;
      c.has_value = ot.value.has_value() ? 1 : 0;
      c.value = ot.value.value_or(0.0);
      // The C++ enums have the C header's pinned values.
      c.audience = static_cast<int>(ot.audience);
      c.interaction = static_cast<int>(ot.interaction);
      c.initiator = static_cast<int>(ot.initiator);
      c.team = static_cast<int>(ot.team);
      out.c.push_back(c);
    }
    return out;
  }();
  return g;
}

// (a) The C++ engine, as BM_IngestGenerated: a fresh engine, one batch.
void BM_CppIngestGenerated(benchmark::State& state) {
  const Generated& g = generated(static_cast<std::size_t>(state.range(0)));
  const auto model = doorway::default_model();
  for (auto _ : state) {
    doorway::Engine engine(model);
    auto r = engine.ingest(g.touches);
    benchmark::DoNotOptimize(r.accepted);
    state.PauseTiming();
    if (r.accepted != g.touches.size()) state.SkipWithError("a generated touch was rejected");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g.touches.size()));
}
BENCHMARK(BM_CppIngestGenerated)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

// (b) The same through the C ABI: doorway_engine_new, one doorway_engine_ingest of
// the prebuilt array, doorway_engine_free (the C++ engine's destructor is timed too).
void BM_CIngestGenerated(benchmark::State& state) {
  const Generated& g = generated(static_cast<std::size_t>(state.range(0)));
  doorway_model* model = nullptr;
  if (doorway_model_default(&model) != DOORWAY_OK) {
    state.SkipWithError(doorway_error_last()->message);
    return;
  }
  for (auto _ : state) {
    doorway_engine* engine = nullptr;
    doorway_ingest_result r{};
    const int rc_new = doorway_engine_new(&engine, model, nullptr);
    const int rc = doorway_engine_ingest(&r, engine, g.c.data(), g.c.size(), sizeof(doorway_touch));
    benchmark::DoNotOptimize(r.accepted);
    doorway_engine_free(engine);
    state.PauseTiming();
    if (rc_new != DOORWAY_OK || rc != DOORWAY_OK) {
      state.SkipWithError(doorway_error_last()->message);
    } else if (r.accepted != g.c.size()) {
      state.SkipWithError("a generated touch was rejected through the C API");
    }
    state.ResumeTiming();
  }
  doorway_model_free(model);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g.c.size()));
}
BENCHMARK(BM_CIngestGenerated)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

// For scale only: what building the doorway_touch array from the C++ touches costs
// (a C caller pays its own version of this, from its own records).
void BM_CBuildTouches(benchmark::State& state) {
  const Generated& g = generated(static_cast<std::size_t>(state.range(0)));
  std::vector<doorway_touch> c;
  for (auto _ : state) {
    c.clear();
    c.reserve(g.touches.size());
    for (const Touch& t : g.touches) {
      doorway_touch x = DOORWAY_TOUCH_INIT;
      x.event_id = c_str(t.event_id);
      x.lead_id = c_str(t.lead_id);
      x.account_id = c_str(t.account_id);
      x.type = c_str(t.type);
      x.channel = c_str(t.channel);
      x.outcome = c_str(t.outcome);
      x.timestamp = t.timestamp;
      x.has_value = t.value.has_value() ? 1 : 0;
      x.value = t.value.value_or(0.0);
      x.audience = static_cast<int>(t.audience);
      x.interaction = static_cast<int>(t.interaction);
      x.initiator = static_cast<int>(t.initiator);
      x.team = static_cast<int>(t.team);
      c.push_back(x);
    }
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g.touches.size()));
}
BENCHMARK(BM_CBuildTouches)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

// Writes the touches as a doorway touch file. Generated strings are plain ids and
// catalog names: nothing to escape, which is checked.
int dump_jsonl(const char* path) {
  const Generated& g = generated(static_cast<std::size_t>(kGeneratedTouches));
  std::FILE* f = std::fopen(path, "wb");
  if (!f) {
    std::fprintf(stderr, "doorway_capi_bench: cannot write %s\n", path);
    return 1;
  }
  auto plain = [](std::string_view s) {
    for (char ch : s) {
      if (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) return false;
    }
    return true;
  };
  std::string line;
  for (const doorway::OwnedTouch& t : g.owned) {
    line = "{";
    auto field = [&](std::string_view key, std::string_view value) {
      if (value.empty()) return true;
      if (!plain(value)) return false;
      if (line.size() > 1) line += ',';
      line.append("\"").append(key).append("\":\"").append(value).append("\"");
      return true;
    };
    auto number = [&](std::string_view key, long long value) {
      if (line.size() > 1) line += ',';
      line.append("\"").append(key).append("\":").append(std::to_string(value));
    };
    bool ok = field("event_id", t.event_id) && field("lead_id", t.lead_id) &&
              field("account_id", t.account_id) && field("timestamp", doorway::format_iso8601(t.timestamp)) &&
              field("type", t.type) && field("channel", t.channel) && field("outcome", t.outcome);
    if (t.audience != doorway::Audience::unknown) number("audience", static_cast<int>(t.audience));
    if (t.interaction != doorway::Interaction::unknown) number("interaction", static_cast<int>(t.interaction));
    if (t.initiator != doorway::Initiator::unknown) number("initiator", static_cast<int>(t.initiator));
    if (t.team != doorway::Team::unknown) number("team", static_cast<int>(t.team));
    if (t.value) {
      char buf[64];
      std::snprintf(buf, sizeof buf, ",\"value\":%.17g", *t.value);
      line += buf;
    }
    if (!ok || !t.properties.empty() || !t.traits.empty()) {
      std::fprintf(stderr, "doorway_capi_bench: touch %s cannot be dumped as plain JSON\n", t.event_id.c_str());
      std::fclose(f);
      return 1;
    }
    line += "}\n";
    std::fwrite(line.data(), 1, line.size(), f);
  }
  if (std::fclose(f) != 0) return 1;
  std::fprintf(stderr, "doorway_capi_bench: wrote %zu touches to %s\n", g.owned.size(), path);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  constexpr std::string_view kDump = "--dump-jsonl=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.substr(0, kDump.size()) == kDump) return dump_jsonl(argv[i] + kDump.size());
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // After the table: C / C++ ingest from the CPU times.
  doorway::bench::RatioReporter reporter([](const doorway::bench::RatioReporter& r) {
    const double cpp = r.time_of("BM_CppIngestGenerated");
    const double c = r.time_of("BM_CIngestGenerated");
    if (cpp > 0 && c > 0) {
      std::printf("\nC / C++ ingest (CPU time, %s): %.3f  (C boundary cost: %+.1f %%)\n", r.kind(), c / cpp,
                  (c / cpp - 1.0) * 100.0);
    }
  });
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
