// Lead rows: the row store (detail/row_store.hpp), the heap-held vector score
// states use (detail/heap_vector.hpp), and score states kept in the
// engine's lead rows beside the lead data, or in a column's own storage when they
// do not fit. Expected values follow from how each case is built: every lead gets a
// known number of touches, a counting policy's value is that number, and a live
// count of states (constructed minus destroyed) must come back to zero.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/detail/heap_vector.hpp"
#include "doorway/detail/row_store.hpp"
#include "doorway/engine.hpp"

namespace doorway {
namespace {

TEST(RowStore, RowsAreWholeCacheLinesAlignedAndNeverMove) {
  detail::RowStore rows(100);
  EXPECT_EQ(rows.stride(), 128u);
  const std::size_t n = 2 * detail::RowStore::kChunk + 17;  // three chunks
  std::vector<char*> at;
  for (std::size_t i = 0; i < n; ++i) {
    char* r = rows.add();
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(r) % 64, 0u) << "row " << i;
    std::memset(r, static_cast<int>(i % 251), rows.stride());
    at.push_back(r);
  }
  EXPECT_EQ(rows.size(), n);
  EXPECT_EQ(rows.capacity(), 3 * detail::RowStore::kChunk);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(rows.row(i), at[i]) << "row " << i << " moved";
    for (std::size_t b = 0; b < rows.stride(); ++b) {
      ASSERT_EQ(static_cast<unsigned char>(at[i][b]), i % 251) << "row " << i << " byte " << b << " overwritten";
    }
  }
  rows.remove_last();
  EXPECT_EQ(rows.size(), n - 1);
  EXPECT_EQ(rows.add(), at[n - 1]);  // the same row again
}

TEST(HeapVector, EmptyWithoutAllocationAndCopiesAreDeep) {
  // The expected contents follow std::vector's, run side by side.
  detail::HeapVector<int> a;
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.begin(), a.end());
  a.prefetch();  // nothing held: a no-op
  std::vector<int> ref;
  for (int i = 0; i < 10; ++i) {
    a.push_back(i);
    ref.push_back(i);
  }
  a.prefetch();
  detail::HeapVector<int> b = a;
  a.erase_first(3);
  ref.erase(ref.begin(), ref.begin() + 3);
  a.erase_if([](int x) { return x % 2 == 0; });
  std::erase_if(ref, [](int x) { return x % 2 == 0; });
  EXPECT_EQ(std::vector<int>(a.begin(), a.end()), ref);         // 3 5 7 9
  EXPECT_EQ(std::vector<int>(b.begin(), b.end()).size(), 10u);  // the copy kept all ten
  EXPECT_EQ(b[9], 9);
  b = a;
  EXPECT_EQ(std::vector<int>(b.begin(), b.end()), ref);
}

// States alive right now, across every counting policy below.
int g_live_states = 0;

// Counts a lead's touches. Its state owns heap memory (the touch times), so a
// state constructed in a row and never destroyed would leak, and one destroyed
// twice would corrupt the heap (both caught by the sanitizer builds); the live
// count catches either in any build. Pad makes it small or large.
template <std::size_t Pad>
struct Counting {
  struct State {
    std::vector<Timestamp> times;
    char pad[Pad] = {};
    State() { ++g_live_states; }
    State(const State& o) : times(o.times) { ++g_live_states; }
    State& operator=(const State& o) {
      times = o.times;
      return *this;
    }
    ~State() { --g_live_states; }
  };
  Applied apply(State& s, const ScoreContext& ctx) const {
    s.times.push_back(ctx.at);
    return {1.0, 0, true};
  }
  double value(const State& s, Timestamp) const { return static_cast<double>(s.times.size()); }
  double factor(Timestamp, Timestamp) const { return 1.0; }
  std::string rule_name(const Applied&, std::string_view type) const { return "touch:" + std::string(type); }
};
using SmallCounting = Counting<8>;    // fits beside the lead data
using LargeCounting = Counting<200>;  // over PolicyColumn::kRowStateMax: its own storage

template <class P>
std::shared_ptr<const Model> model_with(P policy) {
  ModelBuilder b(*default_model());
  b.add_score("count", make_policy(std::move(policy), "count"));
  std::vector<Problem> problems;
  std::shared_ptr<const Model> m = b.build(&problems);
  EXPECT_TRUE(m) << to_string(problems);
  return m;
}

// Lead i gets i % 3 + 1 page views, an hour apart.
constexpr int kLeads = 2 * 4096 + 100;  // lead rows over three chunks
int touches_of(int i) { return i % 3 + 1; }
void feed(Engine& e) {
  std::vector<std::string> ids, events;
  for (int i = 0; i < kLeads; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "lead-%05d", i);
    ids.emplace_back(buf);
    for (int k = 0; k < touches_of(i); ++k) events.push_back(ids.back() + "/" + std::to_string(k));
  }
  std::vector<Touch> batch;
  std::size_t ev = 0;
  for (int i = 0; i < kLeads; ++i) {
    for (int k = 0; k < touches_of(i); ++k) {
      batch.push_back({.event_id = events[ev++], .lead_id = ids[i], .timestamp = k * kHour, .type = "page_view"});
    }
  }
  const IngestResult r = e.ingest(batch);
  ASSERT_EQ(r.accepted, batch.size());
}
void expect_counts(const Engine& e) {
  int i = 0;
  e.for_each_lead([&](const LeadView& v) {
    ASSERT_TRUE(v.score("count")) << v.lead_id;
    EXPECT_EQ(*v.score("count"), touches_of(i)) << v.lead_id;
    ++i;
  });
  EXPECT_EQ(i, kLeads);
}

template <class P>
void counts_survive_moves() {
  const std::shared_ptr<const Model> model = model_with(P{});
  {
    Engine a(model);
    feed(a);
    expect_counts(a);
    Engine b(std::move(a));  // the rows move with the engine; the columns keep pointing at them
    expect_counts(b);
    Engine c(model);
    feed(c);
    c = std::move(b);  // c's own rows and states are dropped first
    expect_counts(c);
    EXPECT_EQ(g_live_states, kLeads);
  }
  EXPECT_EQ(g_live_states, 0);
}

TEST(LeadRows, SmallStatesGoBesideTheLeadDataAndLargeOnesStayInTheirColumn) {
  EXPECT_EQ(model_with(SmallCounting{})->scores().back().policy->make_column()->row_bytes(),
            sizeof(SmallCounting::State));
  EXPECT_EQ(model_with(LargeCounting{})->scores().back().policy->make_column()->row_bytes(), 0u);
  // The default model's two scores both fit: lead data and states in four lines.
  Engine e(default_model());
  e.ingest(Touch{.event_id = "1", .lead_id = "ann", .timestamp = 0, .type = "page_view"});
  EXPECT_EQ(g_live_states, 0);
}

TEST(LeadRows, StatesInRowsCountEveryTouchAndAreDestroyedOnceThroughMoves) { counts_survive_moves<SmallCounting>(); }

TEST(LeadRows, StatesInTheirOwnColumnDoTheSame) { counts_survive_moves<LargeCounting>(); }

TEST(LeadRows, AReplayResetsAStateInItsRow) {
  // Touches out of order make the engine reset the lead's states and apply its
  // touches again: the count is the number of touches, not more.
  Engine e(model_with(SmallCounting{}));
  e.ingest(Touch{.event_id = "b", .lead_id = "ann", .timestamp = 2 * kHour, .type = "page_view"});
  e.ingest(Touch{.event_id = "a", .lead_id = "ann", .timestamp = kHour, .type = "page_view"});
  e.ingest(Touch{.event_id = "c", .lead_id = "ann", .timestamp = 3 * kHour, .type = "page_view"});
  EXPECT_EQ(e.stats().replays, 1u);
  EXPECT_EQ(*e.lead("ann")->score("count"), 3);
}

}  // namespace
}  // namespace doorway
