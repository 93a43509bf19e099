// doorway — a seeded synthetic journey generator: realistic streams of touches for
// demos, tests and benchmarks. The same options give the same touches on every
// platform: the generator uses its own xoshiro256** stream and integer-only
// uniform, Bernoulli and exponential draws (never std:: distributions, whose
// output differs between standard libraries, nor libm).
//
// Each lead follows one persona, drawn from the seeds (DESIGN.md's domain table):
//   browser            1–4 marketing touches; stays cold or warm; may unsubscribe
//   engaged            5–8 marketing touches; hot, marketing-qualified, never writes
//   inbound            warms up on 3–5 marketing touches (seeds/001), knocks on the
//                      door (email_inquiry / contact_request / demo_request), sales
//                      replies and talks within 48 h, proposal, then won or lost
//   ignored            knocks, but sales lets the 48 h SLA pass; recycled to nurture;
//                      most re-engage weeks later and are handed off again
//   rejected           knocks; sales rejects the lead (sales_rejected)
//   outbound           a cold call, door-to-door visit or introduction (sales-sourced
//                      handoff); some get a meeting, some are left to the SLA
//   marketing_closed   a sales letter with an order form, then order_placed with a
//                      value and no conversation at all (seeds/004)
//   disqualified       knocks, talks to sales, is disqualified
// Some customers then take customer education and post a review or give a
// referral (advocates).
//
// Touches come out in (timestamp, lead, step) order, so the whole stream is sorted
// by time; event ids ("e000001", …) number the touches in that order and lead ids
// are "lead-00001", …. Generation streams: memory holds only the leads whose
// journeys are still running (leads arrive over `arrival_window`).
//
// Thread-safety: a generator is used by one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/touch_reader.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// 2024-01-01T00:00:00Z in microseconds since the epoch.
inline constexpr Timestamp kDefaultGenerateStart = 1704067200LL * kSecond;

// Where web traffic (page views, visits, downloads, forms) comes from: the
// generator's channel mix, as weights over these GA4 channel groups.
inline constexpr std::size_t kWebSourceCount = 6;
inline constexpr std::string_view kWebSourceNames[kWebSourceCount] = {
    "organic_search", "direct", "paid_search", "organic_social", "email", "referral"};

struct GenerateOptions {
  std::uint64_t seed = 1;
  std::uint64_t leads = 3000;
  Timestamp start = kDefaultGenerateStart;  // the first lead arrives here
  Duration mean_gap = 4 * kDay;             // mean gap between a lead's marketing touches
  Duration arrival_window = 180 * kDay;     // leads arrive over this span (on average)
  // Touches after this time are not generated: the stream stops "today", with
  // journeys in flight (handoffs waiting for sales, open deals). kNever: no cut.
  Timestamp end = kNever;
  // At most this many touches (the stream is cut there, in time order); 0: no limit.
  std::uint64_t max_touches = 0;
  // Relative weights of the personas (indexed by Persona; see below), and of the
  // web traffic sources (indexed like kWebSourceNames). A zero weight leaves one out;
  // at least one weight of each must be positive.
  std::array<std::uint32_t, 8> persona_weights = {35, 8, 22, 8, 6, 10, 8, 3};
  std::array<std::uint32_t, kWebSourceCount> web_source_weights = {35, 20, 15, 10, 10, 10};
};

enum class Persona : std::uint8_t {
  browser = 0,
  engaged = 1,
  inbound = 2,
  ignored = 3,
  rejected = 4,
  outbound = 5,
  marketing_closed = 6,
  disqualified = 7,
};
inline constexpr std::size_t kPersonaCount = 8;

// True for the personas whose journeys reach sales (a door touch or an outbound
// contact, then sales conversations or decisions): inbound, ignored, rejected,
// outbound, disqualified.
constexpr bool reaches_sales(Persona p) noexcept {
  return p == Persona::inbound || p == Persona::ignored || p == Persona::rejected || p == Persona::outbound ||
         p == Persona::disqualified;
}

// Rescales `options.persona_weights` so that the personas that reach sales make up
// `percent` (0–100) of the leads, keeping the proportions within each side. The
// share of sales *touches* follows it (about 25 % of touches at the default 49 %).
void set_sales_share(GenerateOptions& options, unsigned percent);

constexpr std::string_view to_string(Persona p) noexcept {
  switch (p) {
    case Persona::browser: return "browser";
    case Persona::engaged: return "engaged";
    case Persona::inbound: return "inbound";
    case Persona::ignored: return "ignored";
    case Persona::rejected: return "rejected";
    case Persona::outbound: return "outbound";
    case Persona::marketing_closed: return "marketing_closed";
    case Persona::disqualified: return "disqualified";
  }
  return "browser";
}

namespace detail {

// splitmix64: seeds other generators from one 64-bit value.
class SplitMix64 {
 public:
  explicit constexpr SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}
  constexpr std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

// xoshiro256** (Blackman & Vigna) with integer-only helpers, identical everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) noexcept {
    SplitMix64 sm(seed);
    for (auto& s : s_) s = sm.next();
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for 0 < n < 2^32 (multiply-shift; bias below 2^-32 · n).
  std::uint32_t below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  // Uniform in [lo, hi], inclusive.
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint32_t>(hi - lo + 1)));
  }
  // True with probability num / den.
  bool chance(std::uint32_t num, std::uint32_t den) noexcept { return below(den) < num; }
  // True with probability `percent` / 100.
  bool percent(std::uint32_t p) noexcept { return chance(p, 100); }
  // An exponential draw with mean `mean` (>= 0), by von Neumann's method: only
  // comparisons of integers, no logarithm.
  std::int64_t exponential(std::int64_t mean) noexcept;

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace detail

class JourneyGenerator {
 public:
  explicit JourneyGenerator(GenerateOptions options);

  // The next touch in time order; false when every journey has ended.
  bool next(OwnedTouch& out);

  const GenerateOptions& options() const noexcept { return options_; }
  std::uint64_t touches_generated() const noexcept { return emitted_; }
  // How many leads so far were given each persona (indexed by Persona).
  const std::array<std::uint64_t, kPersonaCount>& personas() const noexcept { return personas_; }

  // The most steps one journey has; event ids are padded to fit leads × this.
  static constexpr std::size_t kMaxStepsPerLead = 64;

 private:
  struct Step {
    Timestamp at = 0;
    std::uint32_t lead = 0;
    std::uint16_t seq = 0;
    std::uint8_t type = 0;     // index into the generator's type table
    std::uint8_t channel = 0;  // index into its channel table; 0 = none
    std::int64_t value_cents = -1;  // -1 = no value
  };
  static constexpr Duration kBucket = kHour;  // width of one time bucket

  void add_lead();
  void push(const Step& s);
  std::int64_t bucket_of(Timestamp t) const noexcept;
  bool fill_current();
  void format_id(std::string& out, std::string_view prefix, std::uint64_t n, int width) const;

  GenerateOptions options_;
  detail::Rng arrivals_;
  Timestamp next_arrival_ = 0;
  std::uint64_t next_lead_ = 0;  // 0-based index of the next lead to arrive
  std::uint64_t emitted_ = 0;
  int lead_width_ = 5;
  int event_width_ = 6;
  // Steps not yet handed out, in hour-wide time buckets from base_bucket_ on; the
  // bucket being handed out is sorted into current_.
  std::deque<std::vector<Step>> buckets_;
  std::int64_t base_bucket_ = 0;
  std::vector<Step> current_;
  std::size_t current_pos_ = 0;
  std::uint64_t pending_steps_ = 0;
  bool done_ = false;
  std::array<std::uint64_t, kPersonaCount> personas_{};
};

// Every touch of a generated stream, sorted by timestamp.
std::vector<OwnedTouch> generate_touches(const GenerateOptions& options);

}  // namespace v0
}  // namespace doorway
