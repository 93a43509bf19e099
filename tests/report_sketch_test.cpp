// QuantileSketch: exact nearest-rank quantiles up to the limit, the fixed bucket
// grid worked out by hand, the documented relative error checked against an
// independent exact computation (std::nth_element), and merge-order independence.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "doorway/generate.hpp"
#include "doorway/report/quantile_sketch.hpp"

namespace doorway {
namespace {

QuantileSketch of(std::initializer_list<std::int64_t> values, std::uint32_t limit = 1000) {
  QuantileSketch s(limit);
  for (std::int64_t v : values) s.add(v);
  return s;
}

TEST(QuantileSketch, NearestRankWhileExact) {
  // {1,2,3,4,5}: median rank ceil(2.5) = 3 -> 3; p90 rank ceil(4.5) = 5 -> 5.
  const QuantileSketch odd = of({5, 1, 4, 2, 3});
  EXPECT_TRUE(odd.exact());
  EXPECT_EQ(*odd.median(), 3);
  EXPECT_EQ(*odd.p90(), 5);
  EXPECT_EQ(odd.samples(), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  // {1,2,3,4}: median rank 2 -> 2 (not 2.5); p90 rank ceil(3.6) = 4 -> 4.
  const QuantileSketch even = of({4, 3, 2, 1});
  EXPECT_EQ(*even.median(), 2);
  EXPECT_EQ(*even.p90(), 4);
  EXPECT_EQ(*even.quantile(1, 4), 1);  // rank 1
  EXPECT_EQ(*even.quantile(1, 1), 4);  // the maximum
  EXPECT_EQ(even.min(), 1);
  EXPECT_EQ(even.max(), 4);
  EXPECT_FALSE(QuantileSketch().median().has_value());
  EXPECT_FALSE(even.quantile(3, 2).has_value());  // q > 1
  EXPECT_EQ(*of({-5}).median(), 0);               // negatives count as 0
}

TEST(QuantileSketch, BucketGridByHand) {
  // Below 128 every value is its own bucket.
  EXPECT_EQ(QuantileSketch::bucket_of(0), 0u);
  EXPECT_EQ(QuantileSketch::bucket_of(127), 127u);
  // [128, 256): e = 7, one bucket per value still: index 128 + (v - 128).
  EXPECT_EQ(QuantileSketch::bucket_of(128), 128u);
  EXPECT_EQ(QuantileSketch::bucket_of(255), 255u);
  // [256, 512): e = 8, buckets 2 wide: 256 and 257 share index 256.
  EXPECT_EQ(QuantileSketch::bucket_of(256), 256u);
  EXPECT_EQ(QuantileSketch::bucket_of(257), 256u);
  EXPECT_EQ(QuantileSketch::bucket_of(258), 257u);
  EXPECT_EQ(QuantileSketch::bucket_low(256), 256);
  EXPECT_EQ(QuantileSketch::bucket_high(256), 257);
  // 1000 = 0b1111101000: e = 9, sub = (1000 >> 2) & 127 = 250 & 127 = 122, index
  // 128 + 2*128 + 122 = 506; the bucket is [1000, 1003], its midpoint 1001.
  EXPECT_EQ(QuantileSketch::bucket_of(1000), 506u);
  EXPECT_EQ(QuantileSketch::bucket_low(506), 1000);
  EXPECT_EQ(QuantileSketch::bucket_high(506), 1003);
  EXPECT_EQ(QuantileSketch::representative(506), 1001);
  // The grid covers int64: the largest value falls in the last bucket.
  EXPECT_EQ(QuantileSketch::bucket_of(INT64_MAX), QuantileSketch::kMaxBucket);
  EXPECT_EQ(QuantileSketch::bucket_high(QuantileSketch::kMaxBucket), INT64_MAX);
}

TEST(QuantileSketch, SketchPastTheLimit) {
  // Limit 2, values 1000, 2000, 3000: buckets [1000,1003] and [2000,2007]
  // (2000: e = 10, sub = 250 & 127 = 122, width 8) and 3000's; median = rank 2 ->
  // the midpoint of 2000's bucket, 2003; p90 = rank 3 = the maximum, 3000, exactly.
  const QuantileSketch s = of({1000, 2000, 3000}, 2);
  EXPECT_FALSE(s.exact());
  EXPECT_TRUE(s.samples().empty());
  EXPECT_EQ(s.buckets().size(), 3u);
  EXPECT_EQ(*s.median(), 2003);
  EXPECT_EQ(*s.p90(), 3000);
  EXPECT_EQ(*s.quantile(1, 3), 1000);  // rank 1 = the minimum
}

TEST(QuantileSketch, RelativeErrorAgainstExactQuantiles) {
  // 20,000 draws spanning microseconds to months; the sketch's quantiles must be
  // within 1/256 of the exact nearest-rank values computed with nth_element.
  detail::Rng rng(42);
  std::vector<std::int64_t> values;
  QuantileSketch s(100);
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t v = rng.exponential(std::int64_t{1} << (rng.below(36)));
    values.push_back(v);
    s.add(v);
  }
  ASSERT_FALSE(s.exact());
  for (std::uint64_t num : {1, 10, 25, 50, 75, 90, 99, 100}) {
    const std::size_t rank = (values.size() * num + 99) / 100;
    std::vector<std::int64_t> copy = values;
    std::nth_element(copy.begin(), copy.begin() + static_cast<std::ptrdiff_t>(rank - 1), copy.end());
    const double exact = static_cast<double>(copy[rank - 1]);
    const double got = static_cast<double>(*s.quantile(num, 100));
    EXPECT_LE(std::abs(got - exact), exact * QuantileSketch::kRelativeError + 0.5) << "q = " << num << "%";
  }
}

TEST(QuantileSketch, MergeOrderDoesNotMatter) {
  // Values split into parts of every size around the limit; any merge order gives
  // the state of one sketch fed everything.
  detail::Rng rng(7);
  std::vector<std::int64_t> values;
  for (int i = 0; i < 300; ++i) values.push_back(static_cast<std::int64_t>(rng.below(1u << 30)));
  for (std::uint32_t limit : {10u, 100u, 299u, 300u, 1000u}) {
    QuantileSketch whole(limit);
    for (std::int64_t v : values) whole.add(v);
    std::vector<QuantileSketch> parts(4, QuantileSketch(limit));
    for (std::size_t i = 0; i < values.size(); ++i) parts[(i * 7 + i / 50) % 4].add(values[i]);
    QuantileSketch a(limit);
    for (const QuantileSketch& p : parts) a.merge(p);
    QuantileSketch b = parts[3];
    b.merge(parts[1]);
    QuantileSketch c = parts[2];
    c.merge(parts[0]);
    b.merge(c);
    EXPECT_TRUE(a == whole) << "limit " << limit;
    EXPECT_TRUE(b == whole) << "limit " << limit;
    EXPECT_EQ(whole.exact(), limit >= 300) << "limit " << limit;
  }
}

TEST(QuantileSketch, FromPartsChecksConsistency) {
  QuantileSketch s;
  EXPECT_EQ(QuantileSketch::from_parts(s, 10, 3, 1, 5, {1, 2, 5}, {}), "");
  EXPECT_TRUE(s == of({5, 2, 1}, 10));
  EXPECT_EQ(QuantileSketch::from_parts(s, 10, 3, 1, 5, {1, 5}, {}), "count does not match the number of values");
  EXPECT_EQ(QuantileSketch::from_parts(s, 10, 2, 1, 5, {5, 1}, {}), "values are not sorted");
  EXPECT_EQ(QuantileSketch::from_parts(s, 2, 3, 1, 5, {1, 2, 5}, {}),
            "a summary of more than exact_limit values lists buckets, not values");
  const QuantileSketch big = of({1000, 2000, 3000}, 2);
  EXPECT_EQ(QuantileSketch::from_parts(s, 2, 3, 1000, 3000, {}, big.buckets()), "");
  EXPECT_TRUE(s == big);
  EXPECT_EQ(QuantileSketch::from_parts(s, 2, 4, 1000, 3000, {}, big.buckets()),
            "count does not match the bucket counts");
}

}  // namespace
}  // namespace doorway
