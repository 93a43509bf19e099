// The synthetic journey generator: what demos, tests and benchmarks rely on —
// reproducible streams, time order, unique ids, names the default model knows,
// lead counts, the `end` cut — and one property of its journeys worked out by hand
// from the default model's rules (a sales letter's order makes a customer).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/default_model.hpp"
#include "doorway/engine.hpp"
#include "doorway/generate.hpp"

namespace doorway {
namespace {

GenerateOptions options(std::uint64_t seed, std::uint64_t leads) {
  GenerateOptions o;
  o.seed = seed;
  o.leads = leads;
  return o;
}

// Every field the generator sets, as one line, for comparing streams.
std::string line(const OwnedTouch& t) {
  std::string out = t.event_id + "|" + t.lead_id + "|" + t.account_id + "|" + std::to_string(t.timestamp) + "|" +
                    t.type + "|" + t.channel + "|" + t.outcome + "|";
  if (t.value) out += std::to_string(*t.value);
  return out;
}

std::vector<std::string> lines(const std::vector<OwnedTouch>& ts) {
  std::vector<std::string> out;
  out.reserve(ts.size());
  for (const OwnedTouch& t : ts) out.push_back(line(t));
  return out;
}

std::vector<Touch> views(const std::vector<OwnedTouch>& ts) {
  std::vector<Touch> out;
  out.reserve(ts.size());
  for (const OwnedTouch& t : ts) out.push_back(t.view());
  return out;
}

TEST(Generate, TheSameSeedGivesTheSameStream) {
  const std::vector<std::string> a = lines(generate_touches(options(7, 300)));
  const std::vector<std::string> b = lines(generate_touches(options(7, 300)));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);

  // Pulling touches one at a time gives the same stream as generate_touches().
  JourneyGenerator gen(options(7, 300));
  std::vector<std::string> pulled;
  OwnedTouch t;
  while (gen.next(t)) pulled.push_back(line(t));
  EXPECT_EQ(pulled, a);
  EXPECT_EQ(gen.touches_generated(), a.size());
  EXPECT_FALSE(gen.next(t)) << "an ended generator stays ended";
}

TEST(Generate, ADifferentSeedGivesADifferentStream) {
  const std::vector<OwnedTouch> a = generate_touches(options(7, 300));
  const std::vector<OwnedTouch> b = generate_touches(options(8, 300));
  EXPECT_NE(lines(a), lines(b));
  // Not just shifted in time: the journeys themselves differ.
  std::vector<std::string> types_a, types_b;
  for (const OwnedTouch& t : a) types_a.push_back(t.lead_id + " " + t.type);
  for (const OwnedTouch& t : b) types_b.push_back(t.lead_id + " " + t.type);
  EXPECT_NE(types_a, types_b);
}

TEST(Generate, TouchesComeInTimeOrderWithUniqueNumberedEventIds) {
  const std::vector<OwnedTouch> ts = generate_touches(options(3, 500));
  ASSERT_GT(ts.size(), 500u);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    if (i > 0) {
      ASSERT_LE(ts[i - 1].timestamp, ts[i].timestamp) << "touch " << i;
    }
    EXPECT_TRUE(ids.insert(ts[i].event_id).second) << "duplicate event id " << ts[i].event_id;
    // "e000001", "e000002", … in stream order (500 leads × 64 steps fit in 6 digits).
    char expected[32];
    std::snprintf(expected, sizeof expected, "e%06zu", i + 1);
    EXPECT_EQ(ts[i].event_id, expected);
  }
  EXPECT_EQ(ts.front().timestamp, kDefaultGenerateStart) << "the first lead arrives at `start`";
}

TEST(Generate, EveryTypeAndChannelIsInTheDefaultCatalog) {
  const Catalog& catalog = default_model()->catalog();
  std::set<std::string> types_seen;
  for (const OwnedTouch& t : generate_touches(options(5, 800))) {
    EXPECT_TRUE(catalog.find_type(t.type).has_value()) << "type " << t.type;
    if (!t.channel.empty()) {
      EXPECT_TRUE(catalog.find_channel(t.channel).has_value()) << "channel " << t.channel;
    }
    types_seen.insert(t.type);
  }
  // The stream is varied: every door touch, conversations and outcomes appear.
  for (const char* type : {"email_inquiry", "contact_request", "demo_request", "phone_call", "cold_call",
                           "sales_letter", "order_placed", "sales_rejected", "deal_won", "deal_lost",
                           "disqualified", "unsubscribed"}) {
    EXPECT_TRUE(types_seen.count(type)) << type << " never generated in 800 leads";
  }
}

TEST(Generate, EachLeadsTouchesStrictlyIncreaseInTime) {
  std::map<std::string, Timestamp> last;
  for (const OwnedTouch& t : generate_touches(options(9, 600))) {
    auto [it, first] = last.try_emplace(t.lead_id, t.timestamp);
    if (!first) {
      EXPECT_GT(t.timestamp, it->second) << t.lead_id << " " << t.event_id;
      it->second = t.timestamp;
    }
  }
  EXPECT_EQ(last.size(), 600u);
}

TEST(Generate, TheStreamHasAsManyLeadsAsAsked) {
  for (std::uint64_t leads : {1ULL, 7ULL, 250ULL}) {
    JourneyGenerator gen(options(2, leads));
    std::set<std::string> ids;
    OwnedTouch t;
    while (gen.next(t)) ids.insert(t.lead_id);
    ASSERT_EQ(ids.size(), leads);
    // "lead-00001" … "lead-0000N": the ids sort in number order.
    char first[32], last[32];
    std::snprintf(first, sizeof first, "lead-%05llu", 1ULL);
    std::snprintf(last, sizeof last, "lead-%05llu", static_cast<unsigned long long>(leads));
    EXPECT_EQ(*ids.begin(), first);
    EXPECT_EQ(*ids.rbegin(), last);
    const auto& personas = gen.personas();
    EXPECT_EQ(std::accumulate(personas.begin(), personas.end(), std::uint64_t{0}), leads);
  }
  EXPECT_TRUE(generate_touches(options(2, 0)).empty());
}

TEST(Generate, EndCutsTheStream) {
  const std::vector<OwnedTouch> full = generate_touches(options(4, 400));
  ASSERT_GT(full.size(), 100u);
  // Cut in the middle of the stream: the cut stream is exactly the touches of the
  // full one up to and including `end` — same ids, nothing shifted.
  GenerateOptions cut_options = options(4, 400);
  cut_options.end = full[full.size() / 2].timestamp;
  std::vector<std::string> expected;
  for (const OwnedTouch& t : full) {
    if (t.timestamp <= cut_options.end) expected.push_back(line(t));
  }
  const std::vector<std::string> cut = lines(generate_touches(cut_options));
  EXPECT_EQ(cut, expected);
  EXPECT_LT(cut.size(), full.size());
  EXPECT_GT(cut.size(), full.size() / 2);

  // An end before the first arrival leaves nothing.
  GenerateOptions before = options(4, 400);
  before.end = before.start - kSecond;
  EXPECT_TRUE(generate_touches(before).empty());
}

TEST(Generate, MaxTouchesCutsTheStreamInTimeOrder) {
  const std::vector<OwnedTouch> full = generate_touches(options(6, 300));
  GenerateOptions o = options(6, 300);
  o.max_touches = 100;
  const std::vector<std::string> cut = lines(generate_touches(o));
  // The first 100 touches of the same stream, unchanged.
  ASSERT_EQ(cut.size(), 100u);
  const std::vector<std::string> all = lines(full);
  ASSERT_GT(all.size(), 100u);
  EXPECT_EQ(cut, std::vector<std::string>(all.begin(), all.begin() + 100));
}

// Every persona of the issue appears in a stream of a few hundred leads; a sales
// share of 0 leaves only the three marketing-only personas, and of 100 only the
// five that reach sales (the persona weights, set_sales_share's contract).
TEST(Generate, PersonasAndTheSalesShare) {
  JourneyGenerator all(options(8, 600));
  OwnedTouch t;
  while (all.next(t)) {
  }
  for (std::size_t p = 0; p < kPersonaCount; ++p) {
    EXPECT_GT(all.personas()[p], 0u) << to_string(static_cast<Persona>(p));
  }
  for (unsigned share : {0u, 100u}) {
    GenerateOptions o = options(8, 300);
    set_sales_share(o, share);
    JourneyGenerator gen(o);
    while (gen.next(t)) {
    }
    for (std::size_t p = 0; p < kPersonaCount; ++p) {
      const bool sales = reaches_sales(static_cast<Persona>(p));
      if (sales != (share == 100)) {
        EXPECT_EQ(gen.personas()[p], 0u) << to_string(static_cast<Persona>(p)) << " at " << share;
      }
    }
  }
  // 49 % is what the default weights give already: 22+8+6+10+3 = 49 of 100.
  GenerateOptions half = options(8, 10);
  set_sales_share(half, 49);
  std::uint64_t sales = 0, total = 0;
  for (std::size_t p = 0; p < kPersonaCount; ++p) {
    total += half.persona_weights[p];
    if (reaches_sales(static_cast<Persona>(p))) sales += half.persona_weights[p];
  }
  EXPECT_EQ(sales * 100, total * 49);
}

TEST(Generate, TheChannelMixDecidesWhereWebTrafficComesFrom) {
  GenerateOptions o = options(9, 200);
  o.web_source_weights = {0, 0, 1, 0, 0, 0};  // paid_search only
  std::set<std::string> web_channels;
  for (const OwnedTouch& t : generate_touches(o)) {
    if (t.type == "page_view" || t.type == "website_visit" || t.type == "blog_post_view") web_channels.insert(t.channel);
  }
  EXPECT_EQ(web_channels, (std::set<std::string>{"paid_search"}));
}

// The seeds/004 journey: a sales letter with an order form, then an order with no
// conversation. By the default model's rules ("purchase": any pre-sale stage →
// customer on order_placed, priority 0; "advocacy": customer → advocate on a review
// or referral; nothing else leaves customer), such a lead ends as a customer, or
// as an advocate when it reviews or refers afterwards.
TEST(Generate, AnOrderAfterASalesLetterWithNoSalesTouchMakesACustomer) {
  // One-to-one, two-way conversations: the sales touches of seeds/001, 003, 004.
  const std::set<std::string> kSalesTouches = {
      "cold_call", "door_to_door_visit", "phone_call", "inbound_call", "meeting", "face_to_face_meeting",
      "introduction", "email_inquiry_reply", "website_contact_reply", "sales_email", "demo",
      "proposal_sent", "negotiation"};
  const std::set<std::string> kSalesOutcomes = {"sales_accepted", "sales_rejected", "deal_won", "deal_lost",
                                                 "disqualified"};
  const std::vector<OwnedTouch> ts = generate_touches(options(11, 1000));

  Engine engine(default_model());
  const std::vector<Touch> batch = views(ts);
  const IngestResult r = engine.ingest(batch);
  ASSERT_EQ(r.accepted, ts.size()) << "a generated stream is accepted whole";
  EXPECT_EQ(r.duplicate + r.late + r.invalid, 0u);

  struct Walk {
    bool letter_open = false;  // a sales_letter with no sales touch since
    bool bought = false;       // an order_placed while a letter was open
    bool advocated = false;    // a review or referral after that order
    bool met_sales = false;    // any sales touch or sales-recorded outcome at all
  };
  std::map<std::string, Walk> walks;
  for (const OwnedTouch& t : ts) {  // time order, so each lead's touches in order
    Walk& w = walks[t.lead_id];
    if (kSalesTouches.count(t.type) || kSalesOutcomes.count(t.type)) w.met_sales = true;
    if (t.type == "sales_letter") {
      w.letter_open = true;
    } else if (kSalesTouches.count(t.type)) {
      w.letter_open = false;
    } else if (t.type == "order_placed" && w.letter_open) {
      w.bought = true;
    } else if (w.bought && (t.type == "review_posted" || t.type == "referral_given")) {
      w.advocated = true;
    }
  }

  int customers = 0, advocates = 0;
  for (const auto& [lead, w] : walks) {
    if (!w.bought) continue;
    const std::optional<LeadView> v = engine.lead(lead);
    ASSERT_TRUE(v.has_value()) << lead;
    EXPECT_EQ(v->stage_name, w.advocated ? "advocate" : "customer") << lead;
    if (!w.met_sales) {
      EXPECT_EQ(v->sales_touches, 0u) << lead << ": the order itself is not a sales touch";
    }
    ++(w.advocated ? advocates : customers);
  }
  // Not vacuous: about 8% of leads are marketing-closed, some of them review.
  EXPECT_GE(customers, 30);
  EXPECT_GE(advocates, 5);
}

}  // namespace
}  // namespace doorway
