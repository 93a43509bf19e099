// doorway — Segment-spec events (https://segment.com/docs/connections/spec/) as
// touches: which catalog touch type an event name stands for.
//
// The JSON Lines reader (touch_reader.hpp) reads Segment's fields — `messageId`,
// `userId`/`anonymousId`, `type` (track, page, screen, identify, group, alias),
// `event`, `timestamp`, `properties`, `context.campaign.{source, medium, name,
// term, content}`, `context.groupId` — and asks this map for the touch type of
// each `track` event's name (`page` calls read as "Page Viewed", `screen` calls as
// "Screen Viewed"). A name maps to a type, in this order:
//   1. a name listed in the type's "events" in the model's catalog
//      ("Email Opened" → email_campaign_open in the default model);
//   2. the name in snake case equals a type id ("Webinar Attended" →
//      webinar_attended; "demo_request" → demo_request);
//   3. the same with the past tense dropped from the last word: "-ed", then "-d"
//      ("Demo Requested" → demo_request, "Page Viewed" → page_view).
// Names compare without regard to case, spaces, dashes or underscores. A name that
// maps to nothing is kept as the touch's type; the engine then classifies the
// touch by its channel, or reports it.
//
// Thread-safety: a built SegmentEventMap is immutable and may be shared.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "doorway/catalog.hpp"

namespace doorway {
inline namespace v0 {

// "Demo Requested", "demo-requested", "DemoRequested"? → "demo_requested": ASCII
// letters and digits lower-cased; every run of other characters (spaces, dashes,
// underscores, dots) becomes one underscore, none at either end. Camel case is
// not split ("DemoRequested" → "demorequested").
std::string normalize_event_name(std::string_view name);

class SegmentEventMap {
 public:
  explicit SegmentEventMap(const Catalog& catalog);

  // The catalog type id `event` maps to, or an empty view when it maps to none.
  std::string_view type_for(std::string_view event) const;

 private:
  std::unordered_map<std::string, std::string> by_name_;  // normalized name → type id
};

}  // namespace v0
}  // namespace doorway
