// The engine's storage pieces: the string hash and equality of its lookups, the
// lead index, the name memo, the append-only event id arena, the chunked per-lead vectors and
// the compact vector and string a lead's data is made of. Expected values come
// from the standard library (std::string_view ==, std::unordered_set,
// std::vector run side by side) or from the construction of each case.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "doorway/detail/append_arena.hpp"
#include "doorway/detail/chunked_vector.hpp"
#include "doorway/detail/compact_string.hpp"
#include "doorway/detail/compact_vector.hpp"
#include "doorway/detail/lead_index.hpp"
#include "doorway/detail/name_memo.hpp"
#include "doorway/detail/string_hash.hpp"

namespace doorway {
namespace {

using detail::string_hash;

std::vector<std::string> lead_ids(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "lead-%07d", i);
    ids.emplace_back(buf);
  }
  return ids;
}

TEST(StringHash, EqualStringsHashEqualAndSequentialIdsSpreadOverEveryBit) {
  const std::string a = "lead-0000042";
  const std::string b = std::string("xlead-0000042").substr(1);  // another buffer
  EXPECT_EQ(string_hash(a), string_hash(b));
  EXPECT_NE(string_hash(""), string_hash(std::string_view("\0", 1)));  // the length counts

  // 200,000 ids that differ only in their last digits: no two share a full hash,
  // and the 32-bit tags (the lead index's slot and check) collide about as often
  // as random 32-bit numbers would (expected 200000² / 2³³ ≈ 4.7).
  const std::vector<std::string> ids = lead_ids(200'000);
  std::unordered_set<std::uint64_t> full;
  std::unordered_set<std::uint32_t> tags;
  std::vector<int> low(1024, 0);
  for (const std::string& id : ids) {
    const std::uint64_t h = string_hash(id);
    full.insert(h);
    tags.insert(static_cast<std::uint32_t>(h >> 32));
    ++low[h & 1023];
  }
  EXPECT_EQ(full.size(), ids.size());
  EXPECT_GE(tags.size(), ids.size() - 30);
  // The low bits too: every one of 1,024 buckets within ±50 % of the mean (195).
  for (int count : low) {
    EXPECT_GT(count, 97);
    EXPECT_LT(count, 293);
  }
}

TEST(StringHash, EveryLengthAndEveryByteCounts) {
  // Strings of length 0..40; changing any one byte changes the hash.
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string s(n, 'a');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + i % 26);
    const std::uint64_t base = string_hash(s);
    for (std::size_t i = 0; i < n; ++i) {
      std::string t = s;
      t[i] = static_cast<char>(t[i] ^ 0x01);
      EXPECT_NE(string_hash(t), base) << "length " << n << ", byte " << i;
    }
  }
}

TEST(SameString, AgreesWithStringViewEqualityAtEveryLengthAndPosition) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i * 37 + 11);
    const std::string copy = s;
    EXPECT_TRUE(detail::same_string(s, copy)) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string t = s;
      t[i] = static_cast<char>(t[i] + 1);
      EXPECT_EQ(detail::same_string(s, t), std::string_view(s) == std::string_view(t)) << n << " " << i;
      EXPECT_FALSE(detail::same_string(s, t));
    }
    EXPECT_FALSE(detail::same_string(s, s + "x"));
  }
}

TEST(LeadIndex, FindsEveryLeadAcrossGrowthAndReportsAbsentOnes) {
  const std::vector<std::string> ids = lead_ids(100'000);
  detail::LeadIndex index;
  auto name_of = [&](std::uint32_t n) -> std::string_view { return ids[n]; };
  for (std::uint32_t n = 0; n < 50'000; ++n) {
    const std::uint64_t h = detail::LeadIndex::hash(ids[n]);
    ASSERT_FALSE(index.find(h, ids[n], name_of).has_value());
    index.insert(h, n);
  }
  EXPECT_EQ(index.size(), 50'000u);
  for (std::uint32_t n = 0; n < 100'000; ++n) {
    const auto found = index.find(detail::LeadIndex::hash(ids[n]), ids[n], name_of);
    if (n < 50'000) {
      ASSERT_TRUE(found.has_value()) << ids[n];
      EXPECT_EQ(*found, n);
    } else {
      EXPECT_FALSE(found.has_value()) << ids[n];
    }
  }
}

TEST(LeadIndex, ConfirmsByNameWhenTagsCollideAndProbesPastTheTableEnd) {
  // Every entry gets the same made-up hash: one long probe run that wraps around
  // the end of the table; each lookup must walk it and confirm by name.
  const std::uint64_t h = 0xFFFFFFFFull << 32;  // the tag's slot is the table's last
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) names.push_back("n" + std::to_string(i));
  auto name_of = [&](std::uint32_t n) -> std::string_view { return names[n]; };
  detail::LeadIndex index;
  for (std::uint32_t n = 0; n < names.size(); ++n) index.insert(h, n);
  for (std::uint32_t n = 0; n < names.size(); ++n) {
    EXPECT_EQ(index.find(h, names[n], name_of), std::optional<std::uint32_t>(n));
  }
  EXPECT_FALSE(index.find(h, "n40", name_of).has_value());
  std::vector<std::uint32_t> candidates;
  index.for_each_candidate(h, [&](std::uint32_t n) { candidates.push_back(n); });
  EXPECT_EQ(candidates.size(), names.size());
  // A different tag in the same slot run is not a candidate.
  candidates.clear();
  index.for_each_candidate(h ^ (1ull << 63), [&](std::uint32_t n) { candidates.push_back(n); });
  EXPECT_TRUE(candidates.empty());
}

TEST(AppendArena, StringsKeepTheirBytesAcrossChunks) {
  detail::AppendArena arena;
  std::vector<std::pair<std::uint64_t, std::string>> kept;
  // Three strings of 6 MiB: the third does not fit in the first 16 MiB chunk.
  for (char c : {'x', 'y', 'z'}) {
    std::string big(6u << 20, c);
    big.front() = '<';
    big.back() = '>';
    ASSERT_TRUE(arena.can_append(big.size()));
    kept.emplace_back(arena.append(big), big);
  }
  for (int i = 0; i < 1000; ++i) {
    const std::string small = "e" + std::to_string(i);
    kept.emplace_back(arena.append(small), small);
  }
  EXPECT_EQ(kept[2].first >> detail::AppendArena::kChunkBits, 1u);  // the second chunk
  for (const auto& [at, s] : kept) EXPECT_EQ(arena.view(at, s.size()), s);
  EXPECT_FALSE(arena.can_append(detail::AppendArena::kChunk + 1));
}

TEST(ChunkedVector, GrowsWithoutMovingElementsAndBehavesLikeAVector) {
  detail::ChunkedVector<std::string> v;
  v.push_back("first");
  const std::string* first = &v[0];
  const std::size_t n = 3 * detail::ChunkedVector<std::string>::kChunk + 5;  // four chunks
  for (std::size_t i = 1; i < n; ++i) v.push_back(std::to_string(i));
  EXPECT_EQ(&v[0], first);  // never moved
  EXPECT_EQ(v.size(), n);
  EXPECT_EQ(v.capacity(), 4 * detail::ChunkedVector<std::string>::kChunk);
  std::size_t i = 0;
  for (const std::string& s : v) {
    EXPECT_EQ(s, i == 0 ? "first" : std::to_string(i));
    ++i;
  }
  EXPECT_EQ(i, n);

  detail::ChunkedVector<std::string> copy = v;
  EXPECT_EQ(copy.size(), n);
  EXPECT_EQ(copy[n - 1], std::to_string(n - 1));
  detail::ChunkedVector<std::string> moved = std::move(v);
  EXPECT_EQ(moved.size(), n);
  EXPECT_EQ(&moved[0], first);
  EXPECT_EQ(v.size(), 0u);  // NOLINT(bugprone-use-after-move): a moved-from vector is empty

  moved.resize(3);
  EXPECT_EQ(moved.size(), 3u);
  moved.resize(5);
  EXPECT_EQ(moved[4], "");
  EXPECT_EQ(moved[2], "2");
}

struct Item {
  std::uint64_t a;
  std::uint32_t b;
  bool operator==(const Item&) const = default;
};

TEST(CompactVector, BehavesLikeStdVectorThroughGrowthInsertsAndMoves) {
  static_assert(sizeof(detail::CompactVector<Item>) == 16);
  detail::CompactVector<Item> v;
  std::vector<Item> model;  // the reference, run side by side
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), 0u);
  for (std::uint32_t i = 0; i < 1000; ++i) {
    const Item x{i * 3ull, i};
    if (i % 7 == 3) {  // an insert in the middle (an out-of-order touch)
      const std::size_t at = model.size() / 2;
      v.insert(v.begin() + at, x);
      model.insert(model.begin() + static_cast<std::ptrdiff_t>(at), x);
    } else {
      v.push_back(x);
      model.push_back(x);
    }
    ASSERT_EQ(v.size(), model.size());
    ASSERT_GE(v.capacity(), v.size());
  }
  EXPECT_TRUE(std::equal(v.begin(), v.end(), model.begin(), model.end()));
  EXPECT_EQ(v.front(), model.front());
  EXPECT_EQ(v.back(), model.back());
  EXPECT_TRUE(std::equal(v.rbegin(), v.rend(), model.rbegin(), model.rend()));
  // Growth doubles from 4: 4, 8, …, 1024 for 1,000 elements.
  EXPECT_EQ(v.capacity(), 1024u);

  v.insert(v.begin(), v[500]);  // the value lives in the vector being grown
  model.insert(model.begin(), model[500]);
  EXPECT_TRUE(std::equal(v.begin(), v.end(), model.begin(), model.end()));
  v.insert(v.end(), Item{7, 7});
  model.push_back(Item{7, 7});
  EXPECT_TRUE(std::equal(v.begin(), v.end(), model.begin(), model.end()));

  detail::CompactVector<Item> moved = std::move(v);
  EXPECT_EQ(v.size(), 0u);  // NOLINT(bugprone-use-after-move): a moved-from vector is empty
  EXPECT_EQ(v.data(), nullptr);
  EXPECT_TRUE(std::equal(moved.begin(), moved.end(), model.begin(), model.end()));
  moved.clear();
  EXPECT_TRUE(moved.empty());
  EXPECT_EQ(moved.capacity(), 1024u);  // 1,002 elements fit; clear keeps the storage
  moved.reserve(4);  // never shrinks
  EXPECT_EQ(moved.capacity(), 1024u);
  v = std::move(moved);
  v.push_back(Item{1, 2});
  EXPECT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0], (Item{1, 2}));
}

TEST(CompactString, KeepsUpTo23BytesInPlaceAndLongerOnTheHeap) {
  static_assert(sizeof(detail::CompactString) == 24);
  EXPECT_EQ(detail::CompactString().view(), "");
  const std::string with_nul("ab\0cd", 5);
  for (const std::string& s : {std::string("lead-0000001"), std::string(23, 'x'), std::string(24, 'y'),
                               std::string("0123456789abcdef0123456789abcdef-uuid-like-id"), with_nul, std::string()}) {
    const detail::CompactString c(s);
    EXPECT_EQ(c.view(), s);
    EXPECT_EQ(c.size(), s.size());
    EXPECT_EQ(c.heap_bytes(), s.size() > 23 ? s.size() : 0u) << s;
    detail::CompactString source(s);
    detail::CompactString moved(std::move(source));
    EXPECT_EQ(moved.view(), s);
    EXPECT_EQ(source.view(), "");  // NOLINT(bugprone-use-after-move): a moved-from string is empty
    detail::CompactString assigned;
    assigned = std::move(moved);
    EXPECT_EQ(assigned.view(), s);
    EXPECT_EQ(moved.view(), "");  // NOLINT(bugprone-use-after-move): a moved-from string is empty
  }
}

// The memo against a std::unordered_map of everything remembered: a hit must be
// the id last remembered for that very name; a miss is always allowed (a slot
// keeps one name), and the last name remembered is always a hit.
TEST(NameMemo, HitsOnlyWithTheIdLastRememberedForThatName) {
  detail::NameMemo<std::uint16_t> memo;
  std::vector<std::string> names;  // stable storage for the remembered views
  names.reserve(300);
  for (int i = 0; i < 300; ++i) names.push_back((i % 3 ? "type_" : "t") + std::to_string(i * 7919 % 1000));
  std::unordered_map<std::string, std::uint16_t> truth;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto id = static_cast<std::uint16_t>(i + 1000 * round);
      memo.remember(names[i], id);
      truth[names[i]] = id;
      const std::uint16_t* hit = memo.find(std::string(names[i]));  // another copy of the same bytes
      ASSERT_NE(hit, nullptr);
      EXPECT_EQ(*hit, id);
    }
    int hits = 0;
    for (const std::string& n : names) {
      if (const std::uint16_t* hit = memo.find(n)) {
        EXPECT_EQ(*hit, truth.at(n)) << n;
        ++hits;
      }
    }
    EXPECT_GT(hits, 0);
    EXPECT_LE(hits, 64);  // one name per slot
  }
  EXPECT_EQ(memo.find("never_remembered"), nullptr);
}

}  // namespace
}  // namespace doorway
