// doorway — channels from campaign (UTM) data: ordered, editable rules that turn
// a touch's campaign source, medium and name into a channel id. The default rules
// (src/ga4_channels.json, embedded) follow Google Analytics 4's default channel
// grouping, in its order, and name the default catalog's channels; a rules file of
// the same form replaces them (`doorway run --channel-rules FILE`).
//
// A rules file:
//   {"format": "doorway.channel_rules", "version": 1,
//    "sites": {"search": ["google", "bing", "t.co", …], …},
//    "rules": [
//      {"channel": "paid_search", "group": "Paid Search",
//       "all": [{"field": "source", "site": "search"},
//               {"any": [{"field": "medium", "contains": ["cp"]},
//                        {"field": "medium", "is": ["ppc", "retargeting"]},
//                        {"field": "medium", "starts_with": ["paid"]}]}]},
//      …]}
// The first rule whose `all` conditions hold gives the channel; none: no channel.
// A condition is one test or {"any": [tests]}. A test reads one field (`source`,
// `medium` or `campaign`, compared lower-cased; an absent one reads "(not set)")
// with one operator over a list of values: `is`, `contains`, `starts_with`,
// `ends_with`, `word_starts_with` (at the start or after a character that is not a
// letter a–z), or `site` naming a list under "sites" (a site without a dot matches
// any dot-separated label of the source: "google" matches "www.google.co.uk"; one
// with a dot matches the source or its end after a dot: "t.co", "m.t.co").
//
// Thread-safety: a built ChannelRules is immutable and may be shared.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace doorway {
inline namespace v0 {

// The campaign data of one touch (UTM parameters, Segment's context.campaign).
struct CampaignView {
  std::string_view source{};
  std::string_view medium{};
  std::string_view name{};
};

enum class CampaignField : std::uint8_t { source = 0, medium = 1, campaign = 2 };
enum class ChannelMatch : std::uint8_t {
  is = 0,
  contains = 1,
  starts_with = 2,
  ends_with = 3,
  word_starts_with = 4,
  site = 5,
};

struct ChannelTest {
  CampaignField field = CampaignField::source;
  ChannelMatch match = ChannelMatch::is;
  std::vector<std::string> values;  // lower-cased; for `site`, the list's entries
};

// Holds when any of its tests holds.
struct ChannelCondition {
  std::vector<ChannelTest> any;
};

struct ChannelRule {
  std::string channel;  // a catalog channel id, e.g. "paid_search"
  std::string group;    // the GA4 channel group it stands for, e.g. "Paid Search"
  std::vector<ChannelCondition> all;
};

class ChannelRules {
 public:
  ChannelRules() = default;
  explicit ChannelRules(std::vector<ChannelRule> rules) : rules_(std::move(rules)) {}

  // The first rule that holds for `c`, or null. Nothing matches a campaign whose
  // source, medium and name are all empty.
  const ChannelRule* match(const CampaignView& c) const;
  // match(c)'s channel, or an empty view.
  std::string_view channel_for(const CampaignView& c) const {
    const ChannelRule* r = match(c);
    return r ? std::string_view(r->channel) : std::string_view();
  }

  const std::vector<ChannelRule>& rules() const noexcept { return rules_; }

 private:
  std::vector<ChannelRule> rules_;
};

// Reads a rules file; on failure, InvalidArgument listing every problem, one per
// line, as SOURCE:LINE:COLUMN: PATH: message.
absl::StatusOr<ChannelRules> load_channel_rules_json(std::string_view text, std::string_view source);

// The GA4 default channel grouping, loaded once from the embedded
// src/ga4_channels.json; default_channel_rules_json() is that file's text.
std::shared_ptr<const ChannelRules> default_channel_rules();
std::string_view default_channel_rules_json() noexcept;

}  // namespace v0
}  // namespace doorway
