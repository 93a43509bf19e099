// Predictive scores, shadow policies and accounts: the cost of each on the
// generator's 200,000-touch stream, against the default model in the same run
// (ratios are what to compare; see bench/README.md).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"
#include "doorway/logistic_policy.hpp"
#include "doorway/naive_bayes_policy.hpp"

namespace {

using doorway::Touch;

constexpr std::size_t kTouches = 200'000;

// The first 200,000 touches of the seed-42 stream (as engine_bench.cpp), each
// lead given one of leads / 5 accounts by a hash of its id.
struct Generated {
  std::vector<doorway::OwnedTouch> owned;
  std::vector<Touch> touches;
  std::vector<Touch> with_accounts;
  std::deque<std::string> account_names;
};

const Generated& generated() {
  static Generated g = [] {
    Generated out;
    doorway::GenerateOptions o;
    o.seed = 42;
    o.leads = kTouches / 4;
    doorway::JourneyGenerator gen(o);
    doorway::OwnedTouch t;
    while (out.owned.size() < kTouches && gen.next(t)) out.owned.push_back(t);
    for (std::size_t i = 0; i < 10'000; ++i) out.account_names.push_back("acct" + std::to_string(i));
    for (const doorway::OwnedTouch& ot : out.owned) {
      out.touches.push_back(ot.view());
      Touch a = ot.view();
      a.account_id = out.account_names[std::hash<std::string>{}(ot.lead_id) % out.account_names.size()];
      out.with_accounts.push_back(a);
    }
    return out;
  }();
  return g;
}

doorway::PredictiveFeature feature(const doorway::Catalog& cat, const char* text) {
  return *doorway::parse_predictive_feature(text, cat, true, nullptr);
}

// The default model plus a naive Bayes `win` score over six features.
std::shared_ptr<const doorway::Model> naive_bayes_model() {
  doorway::ModelBuilder b(*doorway::default_model());
  const doorway::Catalog& cat = b.catalog();
  std::vector<doorway::PredictiveFeature> features;
  for (const char* f : {"type:webinar_attended", "type:demo_request", "type:content_download", "type:phone_call",
                        "type:meeting", "type:proposal_sent"}) {
    features.push_back(feature(cat, f));
  }
  doorway::NaiveBayesOptions o;
  o.positive = {*cat.find_type("deal_won"), *cat.find_type("order_placed")};
  o.negative = {*cat.find_type("deal_lost")};
  b.add_score("win", doorway::make_naive_bayes_policy(doorway::NaiveBayesPolicy(std::move(features), o)));
  return b.build().value();
}

// The default model with a logistic challenger on `engagement`.
std::shared_ptr<const doorway::Model> challenger_model() {
  doorway::ModelBuilder b(*doorway::default_model());
  const doorway::Catalog& cat = b.catalog();
  b.set_challenger("engagement", doorway::make_logistic_policy(doorway::LogisticPolicy(
                                     {{feature(cat, "type:demo_request"), 1.5}, {feature(cat, "type:meeting"), 1}}, -2)));
  return b.build().value();
}

// The default model with two account roll-ups and an account guard out of `lead`.
std::shared_ptr<const doorway::Model> account_model() {
  doorway::ModelBuilder b(*doorway::default_model());
  b.accounts().rollups.push_back({"total", doorway::RollupKind::sum, "engagement"});
  b.accounts().rollups.push_back(
      {"coverage", doorway::RollupKind::coverage, "engagement", 0, 20, "role", {"decision_maker", "user"}});
  b.add_transition({"lead", "mql", "account_hot", "account.total >= 150", 9});
  return b.build().value();
}

void run(benchmark::State& state, const std::shared_ptr<const doorway::Model>& model, const std::vector<Touch>& touches) {
  for (auto _ : state) {
    doorway::Engine engine(model);
    auto r = engine.ingest(touches);
    benchmark::DoNotOptimize(r.accepted);
    state.PauseTiming();
    if (r.accepted != touches.size()) state.SkipWithError("a generated touch was rejected");
    state.counters["replays"] = static_cast<double>(engine.stats().replays);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * touches.size()));
}

void BM_IngestDefault(benchmark::State& state) { run(state, doorway::default_model(), generated().touches); }
void BM_IngestNaiveBayes(benchmark::State& state) { run(state, naive_bayes_model(), generated().touches); }
void BM_IngestChallenger(benchmark::State& state) { run(state, challenger_model(), generated().touches); }
void BM_IngestAccountsDefault(benchmark::State& state) { run(state, doorway::default_model(), generated().with_accounts); }
void BM_IngestAccounts(benchmark::State& state) { run(state, account_model(), generated().with_accounts); }

BENCHMARK(BM_IngestDefault)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestNaiveBayes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestChallenger)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestAccountsDefault)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestAccounts)->Unit(benchmark::kMillisecond);

}  // namespace
