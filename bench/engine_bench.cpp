// doorway — engine throughput. The baseline in the same run is classification
// alone (the cheapest per-touch work), so the figures to read are the ratios
// ingest / classify, which survive a noisy shared machine. See bench/README.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/classify.hpp"
#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"

namespace {

using doorway::Touch;

// A fixed, deterministic stream: each lead gets the same 12-touch journey
// (marketing warm-up, a door touch, a conversation, a proposal, a win).
struct Stream {
  std::vector<std::string> event_ids;
  std::vector<std::string> lead_ids;
  std::vector<Touch> touches;
};

Stream make_stream(int leads) {
  static const char* kJourney[] = {"website_visit", "email_campaign_open", "content_download",
                                   "webinar_attended", "page_view", "demo_request",
                                   "email_inquiry_reply", "phone_call", "meeting",
                                   "proposal_sent", "negotiation", "deal_won"};
  constexpr int kSteps = sizeof(kJourney) / sizeof(kJourney[0]);
  Stream s;
  s.event_ids.reserve(static_cast<std::size_t>(leads) * kSteps);
  s.lead_ids.reserve(static_cast<std::size_t>(leads));
  for (int l = 0; l < leads; ++l) s.lead_ids.push_back("lead-" + std::to_string(l));
  for (int step = 0; step < kSteps; ++step) {
    for (int l = 0; l < leads; ++l) {
      s.event_ids.push_back("e" + std::to_string(step) + "-" + std::to_string(l));
    }
  }
  for (int step = 0; step < kSteps; ++step) {
    for (int l = 0; l < leads; ++l) {
      Touch t;
      t.event_id = s.event_ids[static_cast<std::size_t>(step * leads + l)];
      t.lead_id = s.lead_ids[static_cast<std::size_t>(l)];
      t.timestamp = 1'700'000'000'000'000 + static_cast<std::int64_t>(step) * doorway::kHour +
                    static_cast<std::int64_t>(l) * doorway::kSecond;
      t.type = kJourney[step];
      s.touches.push_back(t);
    }
  }
  return s;
}

void BM_Classify(benchmark::State& state) {
  const Stream s = make_stream(static_cast<int>(state.range(0)));
  const auto model = doorway::default_model();
  for (auto _ : state) {
    int sales = 0;
    for (const Touch& t : s.touches) sales += doorway::classify(model->catalog(), t).team == doorway::Team::sales;
    benchmark::DoNotOptimize(sales);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.touches.size()));
}
BENCHMARK(BM_Classify)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_Ingest(benchmark::State& state) {
  const Stream s = make_stream(static_cast<int>(state.range(0)));
  const auto model = doorway::default_model();
  std::size_t bytes = 0;
  for (auto _ : state) {
    doorway::Engine engine(model);
    auto r = engine.ingest(s.touches);
    benchmark::DoNotOptimize(r.accepted);
    state.PauseTiming();
    bytes = engine.memory_bytes();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.touches.size()));
  state.counters["bytes_per_lead"] = static_cast<double>(bytes) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_Ingest)->Arg(10'000)->Unit(benchmark::kMillisecond);

// --- the generator's stream: realistic journeys (eight personas, SLA breaches,
// recycles, wins and losses) rather than one journey repeated -------------------

// The first `touches` touches (in time order) of a seeded generated stream, made
// once per process. Journeys still running at the cut stay in flight, as in a live
// feed; the leads are those that appear in the prefix.
struct Generated {
  std::vector<doorway::OwnedTouch> owned;
  std::vector<Touch> touches;
  std::size_t leads = 0;
};

const Generated& generated(std::size_t touches) {
  static Generated g = [touches] {
    Generated out;
    doorway::GenerateOptions o;
    o.seed = 42;
    o.leads = touches / 4;  // about 6.5 touches a lead: more than enough leads
    doorway::JourneyGenerator gen(o);
    out.owned.reserve(touches);
    doorway::OwnedTouch t;
    while (out.owned.size() < touches && gen.next(t)) out.owned.push_back(t);
    out.touches.reserve(out.owned.size());
    std::set<std::string_view> leads;
    for (const doorway::OwnedTouch& ot : out.owned) {
      out.touches.push_back(ot.view());
      leads.insert(ot.lead_id);
    }
    out.leads = leads.size();
    return out;
  }();
  return g;
}

constexpr std::int64_t kGeneratedTouches = 200'000;

// Drawing touches from the generator (what `doorway demo` does before ingesting).
void BM_Generate(benchmark::State& state) {
  doorway::GenerateOptions o;
  o.seed = 42;
  o.leads = static_cast<std::uint64_t>(state.range(0)) / 4;
  std::uint64_t n = 0;
  for (auto _ : state) {
    doorway::JourneyGenerator gen(o);
    doorway::OwnedTouch t;
    n = 0;
    while (n < static_cast<std::uint64_t>(state.range(0)) && gen.next(t)) ++n;
    benchmark::DoNotOptimize(t.timestamp);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_Generate)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

// Baseline for the two below: classification alone over the same stream.
void BM_ClassifyGenerated(benchmark::State& state) {
  const Generated& g = generated(static_cast<std::size_t>(state.range(0)));
  const auto model = doorway::default_model();
  for (auto _ : state) {
    int sales = 0;
    for (const Touch& t : g.touches) sales += doorway::classify(model->catalog(), t).team == doorway::Team::sales;
    benchmark::DoNotOptimize(sales);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g.touches.size()));
}
BENCHMARK(BM_ClassifyGenerated)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

// The whole stream into a fresh default-model engine, one batch.
void BM_IngestGenerated(benchmark::State& state) {
  const Generated& g = generated(static_cast<std::size_t>(state.range(0)));
  const auto model = doorway::default_model();
  std::size_t bytes = 0;
  for (auto _ : state) {
    doorway::Engine engine(model);
    auto r = engine.ingest(g.touches);
    benchmark::DoNotOptimize(r.accepted);
    state.PauseTiming();
    if (r.accepted != g.touches.size()) state.SkipWithError("a generated touch was rejected");
    bytes = engine.memory_bytes();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g.touches.size()));
  state.counters["leads"] = static_cast<double>(g.leads);
  state.counters["bytes_per_lead"] = static_cast<double>(bytes) / static_cast<double>(g.leads);
}
BENCHMARK(BM_IngestGenerated)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

// Engine::advance as a scheduler would call it: the clock moves one hour at a
// time for 30 days past the stream's last touch, over every lead of the stream
// (SLA deadlines fire; leads in stages with time-dependent guards — decaying
// engagement, temperature — are re-evaluated). Items are lead-ticks: leads × 720.
// Filling the engine is untimed.
void BM_AdvanceHourly(benchmark::State& state) {
  const Generated& g = generated(static_cast<std::size_t>(state.range(0)));
  const auto model = doorway::default_model();
  constexpr int kTicks = 30 * 24;
  std::uint64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    doorway::Engine engine(model);
    engine.ingest(g.touches);
    const doorway::Timestamp from = engine.watermark();
    engine.advance(from);
    state.ResumeTiming();
    for (int h = 1; h <= kTicks; ++h) engine.advance(from + h * doorway::kHour);
    state.PauseTiming();
    events = engine.events().size();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kTicks *
                          static_cast<std::int64_t>(g.leads));
  state.counters["leads"] = static_cast<double>(g.leads);
  state.counters["events_after"] = static_cast<double>(events);
}
BENCHMARK(BM_AdvanceHourly)->Arg(kGeneratedTouches)->Unit(benchmark::kMillisecond);

}  // namespace
