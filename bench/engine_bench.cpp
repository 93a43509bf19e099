// doorway — engine throughput. The baseline in the same run is classification
// alone (the cheapest per-touch work), so the figures to read are the ratios
// ingest / classify, which survive a noisy shared machine. See bench/README.md.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "doorway/classify.hpp"
#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"

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

}  // namespace
