// doorway — the seeded synthetic journey generator (see include/doorway/generate.hpp).
#include "doorway/generate.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace doorway {
inline namespace v0 {

namespace detail {

std::int64_t Rng::exponential(std::int64_t mean) noexcept {
  if (mean <= 0) return 0;
  // von Neumann (1951): draw u1 > u2 > … while the run descends; accept u1 when the
  // run has odd length (probability e^-u1), else add one to the whole part and try
  // again. The result whole + u1 is exponential with mean 1.
  std::uint64_t whole = 0;
  std::uint64_t first = 0;
  for (;; ++whole) {
    first = next();
    std::uint64_t prev = first;
    bool odd = true;
    for (;;) {
      const std::uint64_t v = next();
      if (v >= prev) break;
      prev = v;
      odd = !odd;
    }
    if (odd) break;
  }
  // mean × (whole + first / 2^64), in integers: mean = hi·2^32 + lo, and the
  // fraction is taken to 32 bits.
  const auto m = static_cast<std::uint64_t>(mean);
  const std::uint64_t frac = first >> 32;
  const std::uint64_t hi = m >> 32;
  const std::uint64_t lo = m & 0xFFFFFFFFULL;
  const std::uint64_t part = hi * frac + ((lo * frac) >> 32);
  return static_cast<std::int64_t>(m * whole + part);
}

}  // namespace detail

namespace {

// Touch types the generator uses: ids of the default catalog.
enum T : std::uint8_t {
  // marketing
  page_view, website_visit, blog_post_view, blog_comment, display_ad, search_ad, social_ad,
  social_post, social_engagement, email_campaign_open, email_campaign_click, newsletter,
  video_view, webinar_attended, event_attended, trade_show_booth_visit, networking_event,
  content_download, form_submitted, direct_mail, brochure, pamphlet, pr_mention, radio_ad,
  tv_ad, print_ad, sales_letter, gift_sent, customer_education,
  // door touches
  email_inquiry, contact_request, demo_request,
  // sales
  cold_call, door_to_door_visit, phone_call, inbound_call, meeting, face_to_face_meeting,
  introduction, email_inquiry_reply, website_contact_reply, sales_email, demo, proposal_sent,
  negotiation,
  // outcomes
  order_placed, sales_accepted, sales_rejected, deal_won, deal_lost, disqualified,
  unsubscribed, referral_given, review_posted,
  kTypeCount
};

constexpr std::string_view kTypeNames[kTypeCount] = {
  "page_view", "website_visit", "blog_post_view", "blog_comment", "display_ad", "search_ad",
  "social_ad", "social_post", "social_engagement", "email_campaign_open",
  "email_campaign_click", "newsletter", "video_view", "webinar_attended", "event_attended",
  "trade_show_booth_visit", "networking_event", "content_download", "form_submitted",
  "direct_mail", "brochure", "pamphlet", "pr_mention", "radio_ad", "tv_ad", "print_ad",
  "sales_letter", "gift_sent", "customer_education",
  "email_inquiry", "contact_request", "demo_request",
  "cold_call", "door_to_door_visit", "phone_call", "inbound_call", "meeting",
  "face_to_face_meeting", "introduction", "email_inquiry_reply", "website_contact_reply",
  "sales_email", "demo", "proposal_sent", "negotiation",
  "order_placed", "sales_accepted", "sales_rejected", "deal_won", "deal_lost", "disqualified",
  "unsubscribed", "referral_given", "review_posted",
};

// The outcome text an outcome touch carries ("" for none).
constexpr std::string_view outcome_of(std::uint8_t t) noexcept {
  switch (t) {
    case sales_accepted: return "accepted";
    case sales_rejected: return "rejected";
    case deal_won: return "won";
    case deal_lost: return "lost";
    case disqualified: return "disqualified";
    default: return {};
  }
}

// Channels (ids of the default catalog); 0 = none.
enum C : std::uint8_t {
  none, website, organic_search, paid_search, direct, referral, display, paid_social,
  organic_social, email, video, webinar, events, direct_mail_ch, print, pr, radio, tv, phone,
  in_person, video_call,
  kChannelCount
};

constexpr std::string_view kChannelNames[kChannelCount] = {
  "", "website", "organic_search", "paid_search", "direct", "referral", "display",
  "paid_social", "organic_social", "email", "video", "webinar", "events", "direct_mail",
  "print", "pr", "radio", "tv", "phone", "in_person", "video_call",
};

struct Weighted {
  std::uint8_t value;
  std::uint32_t weight;
};

// An index drawn with the given weights (the same draw as pick() over a table of
// those weights in that order).
template <std::size_t N>
std::uint8_t pick_index(detail::Rng& rng, const std::array<std::uint32_t, N>& weights) {
  std::uint32_t total = 0;
  for (std::uint32_t w : weights) total += w;
  std::uint32_t r = rng.below(total);
  for (std::size_t i = 0; i < N; ++i) {
    if (r < weights[i]) return static_cast<std::uint8_t>(i);
    r -= weights[i];
  }
  return static_cast<std::uint8_t>(N - 1);
}

template <std::size_t N>
std::uint8_t pick(detail::Rng& rng, const Weighted (&table)[N]) {
  std::uint32_t total = 0;
  for (const Weighted& w : table) total += w.weight;
  std::uint32_t r = rng.below(total);
  for (const Weighted& w : table) {
    if (r < w.weight) return w.value;
    r -= w.weight;
  }
  return table[N - 1].value;
}

// Marketing touches of a lead warming up (seeds/000, 001: ads, website, blog,
// social, email, events, direct mail, PR, …).
constexpr Weighted kWarmUp[] = {
  {page_view, 14}, {website_visit, 14}, {blog_post_view, 8}, {blog_comment, 1},
  {display_ad, 8}, {search_ad, 7}, {social_ad, 6}, {social_post, 5}, {social_engagement, 4},
  {email_campaign_open, 8}, {email_campaign_click, 5}, {newsletter, 5}, {video_view, 4},
  {webinar_attended, 2}, {event_attended, 1}, {trade_show_booth_visit, 1},
  {networking_event, 1}, {content_download, 3}, {form_submitted, 1}, {direct_mail, 2},
  {brochure, 1}, {pamphlet, 1}, {pr_mention, 1}, {radio_ad, 1}, {tv_ad, 1}, {print_ad, 1},
};
// Light marketing touches of a browser who never engages much.
constexpr Weighted kLight[] = {
  {page_view, 20}, {website_visit, 15}, {blog_post_view, 8}, {display_ad, 10},
  {search_ad, 6}, {social_ad, 8}, {social_post, 8}, {email_campaign_open, 10},
  {newsletter, 6}, {pr_mention, 2}, {radio_ad, 2}, {tv_ad, 2}, {print_ad, 2},
  {direct_mail, 3},
};
// Where web traffic comes from (GA4 default channel groups), in the order of
// kWebSourceNames; their weights are GenerateOptions::web_source_weights.
constexpr std::uint8_t kWebSources[kWebSourceCount] = {organic_search, direct,         paid_search,
                                                       organic_social, email,          referral};
constexpr Weighted kDoor[] = {{email_inquiry, 40}, {contact_request, 30}, {demo_request, 30}};
constexpr Weighted kConversation[] = {
  {phone_call, 50}, {meeting, 25}, {inbound_call, 15}, {face_to_face_meeting, 10},
};
constexpr Weighted kOutbound[] = {{cold_call, 70}, {door_to_door_visit, 15}, {introduction, 15}};
std::uint8_t channel_for(detail::Rng& rng, std::uint8_t type, const GenerateOptions& options) {
  switch (type) {
    case page_view: case website_visit: case blog_post_view: case content_download:
    case form_submitted:
      return kWebSources[pick_index(rng, options.web_source_weights)];
    case blog_comment: case contact_request: case demo_request: case customer_education:
      return website;
    case display_ad: return display;
    case search_ad: return paid_search;
    case social_ad: return paid_social;
    case social_post: case social_engagement: return organic_social;
    case email_campaign_open: case email_campaign_click: case newsletter: case email_inquiry:
    case email_inquiry_reply: case website_contact_reply: case sales_email: case proposal_sent:
    case unsubscribed:
      return email;
    case video_view: return video;
    case webinar_attended: return webinar;
    case event_attended: case trade_show_booth_visit: case networking_event: return events;
    case direct_mail: case brochure: case pamphlet: case sales_letter: case gift_sent:
      return direct_mail_ch;
    case pr_mention: return pr;
    case radio_ad: return radio;
    case tv_ad: return tv;
    case print_ad: return print;
    case cold_call: case phone_call: case inbound_call: return phone;
    case door_to_door_visit: case meeting: case face_to_face_meeting: case introduction:
    case negotiation:
      return in_person;
    case demo: return rng.percent(50) ? video_call : in_person;
    case order_placed: return rng.percent(60) ? direct_mail_ch : website;
    default: return none;
  }
}

// Builds one lead's journey: steps in time order, the first at the lead's arrival,
// each later one at least a minute after the one before, in whole seconds.
class JourneyBuilder {
 public:
  JourneyBuilder(detail::Rng& rng, std::vector<std::pair<Timestamp, std::uint8_t>>& steps,
                 std::vector<std::int64_t>& values, Timestamp start, Duration mean_gap)
      : rng_(rng), steps_(steps), values_(values), now_(start), mean_gap_(mean_gap) {}

  Timestamp now() const noexcept { return now_; }

  // A touch after a marketing-paced gap (exponential, mean `mean_gap`).
  void paced(std::uint8_t type) { after(rng_.exponential(mean_gap_), type); }
  // A touch somewhere in [lo, hi] after the previous one (uniform, whole minutes).
  void within(Duration lo, Duration hi, std::uint8_t type, std::int64_t value_cents = -1) {
    Duration span = hi > lo ? (hi - lo) / kMinute : 0;
    span = std::min<Duration>(span, 0xFFFFFFFELL);
    const Duration offset = static_cast<Duration>(rng_.below(static_cast<std::uint32_t>(span + 1))) * kMinute;
    after(lo + offset, type, value_cents);
  }

 private:
  void after(Duration gap, std::uint8_t type, std::int64_t value_cents = -1) {
    if (steps_.empty()) {
      gap = 0;
    } else {
      gap -= gap % kSecond;
      gap = std::max(gap, kMinute);
    }
    now_ += gap;
    steps_.emplace_back(now_, type);
    values_.push_back(value_cents);
  }

  detail::Rng& rng_;
  std::vector<std::pair<Timestamp, std::uint8_t>>& steps_;
  std::vector<std::int64_t>& values_;
  Timestamp now_;
  Duration mean_gap_;
};

template <std::size_t N>
void warm_up(detail::Rng& rng, JourneyBuilder& j, std::int64_t n, const Weighted (&table)[N]) {
  for (std::int64_t i = 0; i < n; ++i) j.paced(pick(rng, table));
}

// Sales picks up a door touch: a reply, maybe an acceptance, and a conversation
// within the 48 h SLA (seeds/003: sales answers the prospect at the door).
void sales_answers(detail::Rng& rng, JourneyBuilder& j, std::uint8_t door) {
  const Timestamp knocked = j.now();
  const std::uint8_t reply = door == email_inquiry     ? email_inquiry_reply
                             : door == contact_request ? website_contact_reply
                                                       : sales_email;
  j.within(20 * kMinute, 8 * kHour, reply);
  if (rng.percent(45)) j.within(10 * kMinute, 4 * kHour, sales_accepted);
  const std::uint8_t talk = door == demo_request && rng.percent(70) ? std::uint8_t{demo} : pick(rng, kConversation);
  const Duration left = knocked + 44 * kHour - j.now();
  j.within(30 * kMinute, std::max(left, 31 * kMinute), talk);
}

// After a customer: education, and some become advocates (seeds/000: marketing
// serves retention and reputation after the sale).
void after_sale(detail::Rng& rng, JourneyBuilder& j) {
  if (rng.percent(50)) j.within(7 * kDay, 30 * kDay, customer_education);
  if (rng.percent(30)) j.within(3 * kDay, 20 * kDay, newsletter);
  if (rng.percent(35)) j.within(14 * kDay, 60 * kDay, rng.percent(55) ? review_posted : referral_given);
}

// From sql: a proposal and a decision, or a stall, or a loss.
void close_deal(detail::Rng& rng, JourneyBuilder& j) {
  const std::uint32_t r = rng.below(100);
  if (r < 12) return;  // stalls in sql
  if (r < 22) {
    j.within(2 * kDay, 14 * kDay, deal_lost);
    return;
  }
  j.within(2 * kDay, 14 * kDay, proposal_sent);
  if (rng.percent(40)) j.within(2 * kDay, 10 * kDay, negotiation);
  if (rng.percent(30)) j.within(1 * kDay, 5 * kDay, sales_email);
  const std::uint32_t d = rng.below(100);
  if (d < 55) {
    j.within(3 * kDay, 21 * kDay, deal_won, rng.between(1000'00, 50000'00));
    after_sale(rng, j);
  } else if (d < 90) {
    j.within(3 * kDay, 21 * kDay, deal_lost);
  }  // else still open
}

Persona build_journey(detail::Rng& rng, JourneyBuilder& j, const GenerateOptions& options) {
  const auto persona = static_cast<Persona>(pick_index(rng, options.persona_weights));
  switch (persona) {
    case Persona::browser:
      warm_up(rng, j, rng.between(1, 4), kLight);
      if (rng.percent(10)) j.paced(unsubscribed);
      break;
    case Persona::engaged:
      warm_up(rng, j, rng.between(5, 8), kWarmUp);
      break;
    case Persona::inbound: {
      warm_up(rng, j, rng.between(3, 5), kWarmUp);
      const std::uint8_t door = pick(rng, kDoor);
      j.paced(door);
      sales_answers(rng, j, door);
      close_deal(rng, j);
      break;
    }
    case Persona::ignored: {
      warm_up(rng, j, rng.between(3, 5), kWarmUp);
      j.paced(pick(rng, kDoor));
      // Nobody answers: the 48 h SLA passes and the lead is recycled to nurture.
      if (rng.percent(25)) {
        if (rng.percent(50)) j.within(5 * kDay, 30 * kDay, newsletter);
        break;
      }
      // Weeks later the lead re-engages, re-qualifies and knocks again.
      j.within(10 * kDay, 45 * kDay, pick(rng, kWarmUp));
      warm_up(rng, j, rng.between(2, 4), kWarmUp);
      const std::uint8_t door = pick(rng, kDoor);
      j.paced(door);
      sales_answers(rng, j, door);
      close_deal(rng, j);
      break;
    }
    case Persona::rejected:
      warm_up(rng, j, rng.between(3, 5), kWarmUp);
      j.paced(pick(rng, kDoor));
      j.within(1 * kHour, 30 * kHour, sales_rejected);
      if (rng.percent(40)) warm_up(rng, j, rng.between(2, 5), kWarmUp);
      break;
    case Persona::outbound:
      warm_up(rng, j, rng.between(0, 2), kLight);
      j.paced(pick(rng, kOutbound));
      if (rng.percent(55)) {
        j.within(2 * kHour, 40 * kHour, rng.percent(60) ? meeting : phone_call);
        if (rng.percent(60)) close_deal(rng, j);
      } else if (rng.percent(40)) {
        // No conversation: the SLA passes; marketing keeps nurturing.
        j.within(4 * kDay, 20 * kDay, newsletter);
      }
      break;
    case Persona::marketing_closed:
      warm_up(rng, j, rng.between(0, 3), kLight);
      j.paced(sales_letter);
      // The order form does the selling: a purchase with no conversation (seeds/004).
      j.within(1 * kDay, 14 * kDay, order_placed, rng.between(20'00, 2000'00));
      if (rng.percent(30)) j.within(7 * kDay, 45 * kDay, review_posted);
      break;
    case Persona::disqualified:
      warm_up(rng, j, rng.between(2, 4), kWarmUp);
      j.paced(pick(rng, kDoor));
      if (rng.percent(50)) {
        j.within(2 * kHour, 30 * kHour, phone_call);
        j.within(1 * kDay, 10 * kDay, disqualified);
      } else {
        j.within(2 * kHour, 30 * kHour, disqualified);
      }
      break;
  }
  return persona;
}

int digits(std::uint64_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

constexpr std::uint64_t kLeadStream = 0xD1B54A32D192ED03ULL;
constexpr std::uint64_t kAccountStream = 0x8CB92BA72F3D8DD7ULL;

}  // namespace

JourneyGenerator::JourneyGenerator(GenerateOptions options)
    : options_(options), arrivals_(options.seed), next_arrival_(options.start) {
  lead_width_ = std::max(5, digits(options_.leads));
  event_width_ = std::max(6, digits(options_.leads * kMaxStepsPerLead));
}

std::int64_t JourneyGenerator::bucket_of(Timestamp t) const noexcept {
  // Floor division, so times before the epoch fall in the right bucket.
  return t >= 0 ? t / kBucket : -((-t + kBucket - 1) / kBucket);
}

void JourneyGenerator::push(const Step& s) {
  const std::int64_t b = bucket_of(s.at);
  if (buckets_.empty()) base_bucket_ = b;
  // Steps are never earlier than the bucket being handed out (a lead is added
  // before the bucket its arrival falls in is sorted).
  const auto index = static_cast<std::size_t>(b - base_bucket_);
  if (index >= buckets_.size()) buckets_.resize(index + 1);
  buckets_[index].push_back(s);
  ++pending_steps_;
}

void JourneyGenerator::add_lead() {
  const auto lead = static_cast<std::uint32_t>(next_lead_);
  // Each lead draws from its own stream, so a journey does not depend on others.
  detail::Rng rng(options_.seed ^ (kLeadStream * (next_lead_ + 1)));
  std::vector<std::pair<Timestamp, std::uint8_t>> steps;
  std::vector<std::int64_t> values;
  JourneyBuilder j(rng, steps, values, next_arrival_, options_.mean_gap);
  const Persona persona = build_journey(rng, j, options_);
  ++personas_[static_cast<std::size_t>(persona)];
  for (std::size_t i = 0; i < steps.size(); ++i) {
    Step s;
    s.at = steps[i].first;
    s.lead = lead;
    s.seq = static_cast<std::uint16_t>(i);
    s.type = steps[i].second;
    s.channel = channel_for(rng, s.type, options_);
    s.value_cents = values[i];
    push(s);
  }
  ++next_lead_;
  // The next lead arrives after an exponential gap, in whole seconds.
  const Duration mean = options_.leads == 0 ? 0 : options_.arrival_window / static_cast<Duration>(options_.leads);
  Duration gap = arrivals_.exponential(mean);
  gap -= gap % kSecond;
  next_arrival_ += gap;
}

bool JourneyGenerator::fill_current() {
  current_.clear();
  current_pos_ = 0;
  for (;;) {
    if (buckets_.empty() || pending_steps_ == 0) {
      if (next_lead_ >= options_.leads) return false;
      buckets_.clear();
      add_lead();  // starts the buckets at its arrival
      continue;
    }
    // Every lead arriving before the end of the first bucket must be in first:
    // its steps may fall in that bucket.
    const Timestamp end = (base_bucket_ + 1) * kBucket;
    while (next_lead_ < options_.leads && next_arrival_ < end) add_lead();
    std::vector<Step>& first = buckets_.front();
    if (first.empty()) {
      buckets_.pop_front();
      ++base_bucket_;
      continue;
    }
    current_.swap(first);
    buckets_.pop_front();
    ++base_bucket_;
    pending_steps_ -= current_.size();
    std::sort(current_.begin(), current_.end(), [](const Step& a, const Step& b) {
      if (a.at != b.at) return a.at < b.at;
      if (a.lead != b.lead) return a.lead < b.lead;
      return a.seq < b.seq;
    });
    return true;
  }
}

void JourneyGenerator::format_id(std::string& out, std::string_view prefix, std::uint64_t n,
                                 int width) const {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  const auto len = static_cast<int>(r.ptr - buf);
  out.assign(prefix);
  if (len < width) out.append(static_cast<std::size_t>(width - len), '0');
  out.append(buf, r.ptr);
}

bool JourneyGenerator::next(OwnedTouch& out) {
  if (done_) return false;
  if (options_.max_touches != 0 && emitted_ >= options_.max_touches) {
    done_ = true;
    return false;
  }
  if (current_pos_ >= current_.size() && !fill_current()) {
    done_ = true;
    return false;
  }
  const Step s = current_[current_pos_++];
  if (s.at > options_.end) {  // steps come in time order: the rest are later still
    done_ = true;
    return false;
  }
  ++emitted_;

  out.clear();
  format_id(out.event_id, "e", emitted_, event_width_);
  format_id(out.lead_id, "lead-", std::uint64_t{s.lead} + 1, lead_width_);
  // About half the leads belong to an account of a few leads each (B2B buyers).
  detail::SplitMix64 h(options_.seed ^ (kAccountStream * (std::uint64_t{s.lead} + 1)));
  const std::uint64_t a = h.next();
  if (a % 100 < 50) {
    const std::uint64_t accounts = std::max<std::uint64_t>(1, options_.leads / 3);
    format_id(out.account_id, "acct-", (a >> 8) % accounts + 1, lead_width_);
  }
  out.timestamp = s.at;
  out.type = kTypeNames[s.type];
  out.channel = kChannelNames[s.channel];
  out.outcome = outcome_of(s.type);
  if (s.value_cents >= 0) out.value = static_cast<double>(s.value_cents) / 100.0;
  return true;
}

void set_sales_share(GenerateOptions& options, unsigned percent) {
  percent = std::min(percent, 100u);
  std::uint64_t sales = 0;
  std::uint64_t other = 0;
  for (std::size_t p = 0; p < kPersonaCount; ++p) {
    (reaches_sales(static_cast<Persona>(p)) ? sales : other) += options.persona_weights[p];
  }
  if (sales == 0 || other == 0) {  // one side is empty: give it unit weights first
    for (std::size_t p = 0; p < kPersonaCount; ++p) {
      const bool s = reaches_sales(static_cast<Persona>(p));
      if ((s && sales == 0) || (!s && other == 0)) options.persona_weights[p] = 1;
    }
    return set_sales_share(options, percent);
  }
  // New weights: each side scaled to `percent` (resp. 100 - percent) parts of
  // 1,000,000, keeping its inner proportions.
  constexpr std::uint64_t kTotal = 1'000'000;
  for (std::size_t p = 0; p < kPersonaCount; ++p) {
    const bool s = reaches_sales(static_cast<Persona>(p));
    const std::uint64_t side = s ? percent : 100 - percent;
    options.persona_weights[p] =
        static_cast<std::uint32_t>(options.persona_weights[p] * kTotal / 100 * side / (s ? sales : other));
  }
}

std::vector<OwnedTouch> generate_touches(const GenerateOptions& options) {
  JourneyGenerator gen(options);
  std::vector<OwnedTouch> out;
  OwnedTouch t;
  while (gen.next(t)) out.push_back(t);
  return out;
}

}  // namespace v0
}  // namespace doorway
