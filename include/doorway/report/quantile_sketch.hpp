// doorway — a mergeable quantile summary of non-negative integers (durations in
// microseconds, touch counts): exact for small sets, a fixed log-bucket histogram
// past a size limit.
//
// Exact part: up to `exact_limit` values are kept, sorted. Quantiles are then the
// exact nearest-rank values.
// Sketch part: past the limit every value is counted in a bucket of a fixed
// logarithmic grid (HDR-histogram style, integers only): values below 128 each
// have their own bucket; above, each power of two [2^e, 2^(e+1)) is split into 128
// equal buckets. A bucket's representative is its midpoint, so a quantile read
// from the sketch is within 1/256 (0.39%) of the exact nearest-rank value (and
// never outside the exact min and max, which are kept).
//
// Merge-order independence: the state is a function of the multiset of values
// added and the limit alone — the sorted values while there are at most
// `exact_limit` of them, otherwise their bucket counts (the histogram of a union
// is the sum of the histograms). So any merge order, and any split of the values
// into parts, gives the same state, and operator== compares states.
//
// Quantile rule (nearest rank): the q-quantile of n values is the value of rank
// ceil(q·n) (1-based) in sorted order; the median of {1, 2, 3, 4} is 2.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace doorway {
inline namespace v0 {

class QuantileSketch {
 public:
  static constexpr std::uint32_t kDefaultExactLimit = 1000;
  static constexpr int kSubBucketBits = 7;  // 128 buckets per power of two
  static constexpr std::int64_t kSubBuckets = std::int64_t{1} << kSubBucketBits;
  // Bound on |sketch quantile − exact quantile| / exact quantile.
  static constexpr double kRelativeError = 1.0 / 256;

  using Bucket = std::pair<std::uint32_t, std::uint64_t>;  // (bucket index, count)

  explicit QuantileSketch(std::uint32_t exact_limit = kDefaultExactLimit) : limit_(exact_limit) {}

  // Adds one value; negative values count as 0.
  void add(std::int64_t v) {
    if (v < 0) v = 0;
    if (count_ == 0) {
      min_ = max_ = v;
    } else {
      min_ = std::min(min_, v);
      max_ = std::max(max_, v);
    }
    ++count_;
    if (exact_) {
      samples_.insert(std::upper_bound(samples_.begin(), samples_.end(), v), v);
      if (samples_.size() > limit_) to_buckets();
      return;
    }
    bump(bucket_of(v), 1);
  }

  // Adds every value of `other`. Both must have the same exact limit (Report::merge
  // checks it before merging).
  void merge(const QuantileSketch& other) {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      const std::uint32_t limit = limit_;
      *this = other;
      limit_ = limit;
      if (exact_ && samples_.size() > limit_) to_buckets();
      return;
    }
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    count_ += other.count_;
    if (exact_ && other.exact_ && samples_.size() + other.samples_.size() <= limit_) {
      std::vector<std::int64_t> merged(samples_.size() + other.samples_.size());
      std::merge(samples_.begin(), samples_.end(), other.samples_.begin(), other.samples_.end(), merged.begin());
      samples_ = std::move(merged);
      return;
    }
    if (exact_) to_buckets();
    if (other.exact_) {
      for (std::int64_t v : other.samples_) bump(bucket_of(v), 1);
    } else {
      for (const Bucket& b : other.buckets_) bump(b.first, b.second);
    }
  }

  std::uint64_t count() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  bool exact() const noexcept { return exact_; }
  std::uint32_t exact_limit() const noexcept { return limit_; }
  std::int64_t min() const noexcept { return min_; }
  std::int64_t max() const noexcept { return max_; }
  // The sorted values while exact(); empty otherwise.
  const std::vector<std::int64_t>& samples() const noexcept { return samples_; }
  // The non-empty buckets by index while !exact(); empty otherwise.
  const std::vector<Bucket>& buckets() const noexcept { return buckets_; }

  // The nearest-rank quantile num/den (0 < num/den <= 1), e.g. (1, 2) for the
  // median, (9, 10) for p90. nullopt when empty.
  std::optional<std::int64_t> quantile(std::uint64_t num, std::uint64_t den) const {
    if (count_ == 0 || den == 0) return std::nullopt;
    // rank = ceil(count · num / den), at least 1, at most count; computed as
    // (count / den) · num + ceil((count % den) · num / den), which cannot overflow
    // for num <= den < 2^32.
    if (num > den || den > 0xFFFFFFFFu) return std::nullopt;
    std::uint64_t rank = count_ / den * num + ((count_ % den) * num + den - 1) / den;
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    if (exact_) return samples_[rank - 1];
    if (rank == count_) return max_;
    if (rank == 1) return min_;
    std::uint64_t seen = 0;
    for (const Bucket& b : buckets_) {
      seen += b.second;
      if (seen >= rank) return std::clamp(representative(b.first), min_, max_);
    }
    return max_;
  }
  std::optional<std::int64_t> median() const { return quantile(1, 2); }
  std::optional<std::int64_t> p90() const { return quantile(9, 10); }

  // The bucket grid.
  static std::uint32_t bucket_of(std::int64_t v) noexcept {
    if (v < kSubBuckets) return static_cast<std::uint32_t>(v < 0 ? 0 : v);
    const auto u = static_cast<std::uint64_t>(v);
    const int e = std::bit_width(u) - 1;  // >= kSubBucketBits
    const std::uint64_t sub = (u >> (e - kSubBucketBits)) & static_cast<std::uint64_t>(kSubBuckets - 1);
    return static_cast<std::uint32_t>(kSubBuckets + (e - kSubBucketBits) * kSubBuckets + static_cast<std::int64_t>(sub));
  }
  static std::int64_t bucket_low(std::uint32_t index) noexcept {
    if (index < kSubBuckets) return index;
    const std::int64_t e = (index - kSubBuckets) / kSubBuckets + kSubBucketBits;
    const std::int64_t sub = (index - kSubBuckets) % kSubBuckets;
    return (kSubBuckets + sub) << (e - kSubBucketBits);
  }
  static std::int64_t bucket_high(std::uint32_t index) noexcept {
    if (index < kSubBuckets) return index;
    const std::int64_t e = (index - kSubBuckets) / kSubBuckets + kSubBucketBits;
    return bucket_low(index) + ((std::int64_t{1} << (e - kSubBucketBits)) - 1);
  }
  static std::int64_t representative(std::uint32_t index) noexcept {
    const std::int64_t lo = bucket_low(index);
    return lo + (bucket_high(index) - lo) / 2;
  }
  // The largest valid bucket index (values up to INT64_MAX).
  static constexpr std::uint32_t kMaxBucket =
      static_cast<std::uint32_t>(kSubBuckets + (62 - kSubBucketBits) * kSubBuckets + kSubBuckets - 1);

  // Rebuilds a sketch from its parts (as written by the report's JSON form).
  // Returns an empty string when they are consistent, else what is wrong.
  static std::string from_parts(QuantileSketch& out, std::uint32_t exact_limit, std::uint64_t count,
                                std::int64_t min, std::int64_t max, std::vector<std::int64_t> samples,
                                std::vector<Bucket> buckets) {
    QuantileSketch s(exact_limit);
    if (count == 0) {
      if (!samples.empty() || !buckets.empty()) return "count is 0 but values are listed";
      out = s;
      return {};
    }
    if (min < 0 || max < min) return "min and max must satisfy 0 <= min <= max";
    if (count <= exact_limit) {
      if (!buckets.empty()) return "a summary of at most exact_limit values lists them, not buckets";
      if (samples.size() != count) return "count does not match the number of values";
      if (!std::is_sorted(samples.begin(), samples.end())) return "values are not sorted";
      if (samples.front() != min || samples.back() != max) return "min or max does not match the values";
      s.samples_ = std::move(samples);
    } else {
      if (!samples.empty()) return "a summary of more than exact_limit values lists buckets, not values";
      std::uint64_t total = 0;
      for (std::size_t i = 0; i < buckets.size(); ++i) {
        if (buckets[i].first > kMaxBucket) return "bucket index out of range";
        if (i > 0 && buckets[i].first <= buckets[i - 1].first) return "buckets are not in increasing order";
        if (buckets[i].second == 0) return "a bucket has count 0";
        total += buckets[i].second;
      }
      if (total != count) return "count does not match the bucket counts";
      if (bucket_of(min) != buckets.front().first || bucket_of(max) != buckets.back().first) {
        return "min or max does not fall in the first or last bucket";
      }
      s.exact_ = false;
      s.buckets_ = std::move(buckets);
    }
    s.count_ = count;
    s.min_ = min;
    s.max_ = max;
    out = std::move(s);
    return {};
  }

  friend bool operator==(const QuantileSketch&, const QuantileSketch&) = default;

 private:
  void to_buckets() {
    exact_ = false;
    buckets_.clear();
    for (std::int64_t v : samples_) {
      const std::uint32_t b = bucket_of(v);
      if (!buckets_.empty() && buckets_.back().first == b) {
        ++buckets_.back().second;
      } else {
        buckets_.emplace_back(b, 1);
      }
    }
    samples_.clear();
    samples_.shrink_to_fit();
  }
  void bump(std::uint32_t index, std::uint64_t n) {
    auto it = std::lower_bound(buckets_.begin(), buckets_.end(), index,
                               [](const Bucket& b, std::uint32_t i) { return b.first < i; });
    if (it != buckets_.end() && it->first == index) {
      it->second += n;
    } else {
      buckets_.insert(it, Bucket{index, n});
    }
  }

  std::uint32_t limit_ = kDefaultExactLimit;
  bool exact_ = true;
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  std::vector<std::int64_t> samples_;  // sorted, while exact_
  std::vector<Bucket> buckets_;        // by index, while !exact_
};

}  // namespace v0
}  // namespace doorway
