// doorway — reading touches from JSON Lines: one JSON object per line, in the
// canonical touch schema, or a Segment-spec event as Segment sends it.
//
// Canonical fields (all optional unless marked):
//   event_id (required)   string, or a number kept as its text ("42")
//   lead_id, account_id   string or number
//   timestamp (required)  ISO-8601 with an offset ("2024-03-01T09:30:00Z",
//                         "2024-03-01T10:30:00+01:00"), or a JSON number = epoch
//                         milliseconds
//   type, channel, outcome                       strings
//   audience, interaction, initiator, team       the names in doorway/types.hpp
//   value                                        a number
//   properties, traits                           objects; values kept as text
//   utm_source, utm_medium, utm_campaign,        strings: campaign data; a touch with
//   utm_term, utm_content                        no channel gets one from them
//                                                (channel_rules.hpp)
// Segment names, used when the canonical one is absent: `messageId` (event_id),
// `userId`, else `anonymousId` (lead_id), `event` (type, through the model's event
// names: segment.hpp), `context.groupId` or `groupId` (account_id),
// `originalTimestamp` (timestamp), `context.campaign.{source, medium, name, term,
// content}` (utm_*), `context.traits` (traits); in `properties`, `channel`,
// `outcome` and `value` (or `revenue`) fill the touch's fields of those names.
// A line is a Segment call when its `type` is one of Segment's call types: `track`
// (a touch named by `event`), `page` and `screen` (the events "Page Viewed" and
// "Screen Viewed"); `identify`, `group` and `alias` calls carry no touch and are
// skipped (counted, not errors). Other fields are ignored. A JSON null counts as
// absent.
//
// A bad line is reported as an error naming the place (`events.jsonl:12: timestamp
// is not ISO-8601 with an offset nor epoch milliseconds`) and the stream goes on.
// The reader checks the form of each line only; whether a touch makes sense to a
// model (a lead id, a known type) is the engine's call.
//
// Parsing uses simdjson (On Demand), after a scanner for the common flat line
// (TouchReaderOptions::fast_path); compiled in src/touch_reader.cpp.
// Thread-safety: a reader, a parser and an OwnedTouch are used by one thread at a time.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/touch.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

struct OwnedProperty {
  std::string key;
  std::string value;

  friend bool operator==(const OwnedProperty&, const OwnedProperty&) = default;
};

// Campaign (UTM) data of a touch.
struct Campaign {
  std::string source;
  std::string medium;
  std::string name;
  std::string term;
  std::string content;

  bool empty() const noexcept {
    return source.empty() && medium.empty() && name.empty() && term.empty() && content.empty();
  }
  void clear() noexcept {
    source.clear();
    medium.clear();
    name.clear();
    term.clear();
    content.clear();
  }
  friend bool operator==(const Campaign&, const Campaign&) = default;
};

// A touch that owns its strings; view() lends them out as a doorway::Touch.
struct OwnedTouch {
  std::string event_id;
  std::string lead_id;
  std::string account_id;
  Timestamp timestamp = 0;
  std::string type;
  std::string channel;
  Audience audience = Audience::unknown;
  Interaction interaction = Interaction::unknown;
  Initiator initiator = Initiator::unknown;
  Team team = Team::unknown;
  std::optional<double> value;
  std::string outcome;
  std::vector<OwnedProperty> properties;
  std::vector<OwnedProperty> traits;
  // Campaign data (not part of a Touch: the channel is derived from it on reading).
  Campaign campaign;
  // The 1-based line this touch was read from; 0 when it was not read from text.
  std::uint64_t source_line = 0;

  // A Touch borrowing from this object. It stays valid until this object is
  // changed or destroyed, or view() is called on it again (the property views are
  // rebuilt in a cache inside the object).
  Touch view() const;

  // Empties every field, keeping the strings' capacity for reuse.
  void clear();

 private:
  mutable std::vector<Property> property_views_;
  mutable std::vector<Property> trait_views_;
};

// A line that could not be read as a touch.
struct ReadError {
  std::string source;     // the file name, or "-" for standard input
  std::uint64_t line = 0;  // 1-based
  std::string what;       // e.g. "timestamp is missing"

  // "source:line: what"
  std::string message() const;
};

class SegmentEventMap;
class ChannelRules;

// How a line's `type` is read.
enum class JsonDialect : std::uint8_t {
  automatic = 0,  // a Segment call when `type` is a Segment call type, else canonical
  canonical = 1,  // `type` is the touch type (`event` when it is absent)
  segment = 2,    // every line is a Segment call (`type` absent: track)
};

struct TouchReaderOptions {
  // When false, a line without a timestamp is read with timestamp 0 (a timestamp
  // that is present must still be valid). `doorway classify` needs no time.
  bool require_timestamp = true;
  JsonDialect dialect = JsonDialect::automatic;
  // Maps event names ("Demo Requested") to touch types; null: names kept as they are.
  const SegmentEventMap* events = nullptr;
  // Gives a touch without a channel one from its campaign data; null: none.
  const ChannelRules* channels = nullptr;
  // Reads a flat object of plain scalars (no nesting, no escapes) with a scanner of
  // its own before simdjson; any other text, valid or not, goes to simdjson from its
  // start. Results and messages are the same either way; false turns the scanner
  // off (for comparing the two paths, or debugging).
  bool fast_path = true;
};

enum class ParseResult : std::uint8_t {
  touch = 0,    // `out` holds the touch
  error = 1,    // `what` says why the text is not a touch
  skipped = 2,  // a Segment identify, group or alias call: no touch, no error
};

// Parses JSON objects into touches, reusing its buffers between calls.
class TouchJsonParser {
 public:
  explicit TouchJsonParser(TouchReaderOptions options = {});
  ~TouchJsonParser();
  TouchJsonParser(const TouchJsonParser&) = delete;
  TouchJsonParser& operator=(const TouchJsonParser&) = delete;

  // Parses `text` into `out` (leaving `out.source_line` as it is). When `padded`,
  // `text` is followed by at least kBytePadding readable bytes
  // (touch_reader_bytes.hpp) and is parsed in place; otherwise it is copied first.
  ParseResult parse(std::string_view text, OwnedTouch& out, std::string& what, bool padded = false);
  const TouchReaderOptions& options() const noexcept;
  // True when the text last parsed was a Segment call (its `type` is not a touch type).
  bool last_was_segment() const noexcept;
  // True when the text last parsed was read by the fast path (see
  // TouchReaderOptions::fast_path), false when simdjson read it.
  bool last_was_fast_path() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses one JSON object text into `out`. Returns false and sets `what` (without a
// place) when the text is not a touch (a skipped Segment call included).
// `out.source_line` is left as it is. For many lines, a TouchJsonParser is faster.
bool parse_touch_json(std::string_view text, OwnedTouch& out, std::string& what,
                      const TouchReaderOptions& options = {});

// Fills an empty `channel` from the campaign data through `rules`.
void apply_channel_rules(const ChannelRules& rules, OwnedTouch& touch);

// Appends `t` as one canonical JSON object, without a newline, in a fixed key
// order: event_id, lead_id, account_id, timestamp (ISO-8601 UTC), type, channel,
// audience, interaction, initiator, team, value, outcome, utm_source … utm_content,
// properties, traits — each left out when empty or unknown (lead_id and timestamp
// always written). Reading the text back gives the same touch.
void append_touch_json(std::string& out, const OwnedTouch& t);

enum class ReadStatus : std::uint8_t {
  touch = 0,  // `out` holds the next touch
  error = 1,  // the next non-blank line is bad: `error` says why; reading may go on
  end = 2,    // no more lines (or the stream failed: see TouchReader::stream_failed)
};

// Reads touches from a stream of JSON Lines, skipping blank lines.
//
//   TouchReader reader(in, "events.jsonl");
//   OwnedTouch t;
//   ReadError err;
//   for (ReadStatus s; (s = reader.next(t, err)) != ReadStatus::end;) {
//     if (s == ReadStatus::error) { std::cerr << err.message() << '\n'; continue; }
//     use(t.view());
//   }
class TouchReader {
 public:
  TouchReader(std::istream& in, std::string source, TouchReaderOptions options = {});

  ReadStatus next(OwnedTouch& out, ReadError& error);

  const std::string& source() const noexcept { return source_; }
  // The line last returned (as touch or error), without its line ending.
  std::string_view line() const noexcept { return line_; }
  // The number of the line last read (1-based; 0 before the first).
  std::uint64_t line_number() const noexcept { return line_number_; }
  std::uint64_t touches_read() const noexcept { return touches_; }
  std::uint64_t errors() const noexcept { return errors_; }
  // Segment identify, group and alias calls passed over.
  std::uint64_t skipped() const noexcept { return skipped_; }
  // True when reading stopped because the stream failed, not at its end.
  bool stream_failed() const noexcept { return failed_; }

 private:
  std::istream& in_;
  std::string source_;
  TouchJsonParser parser_;
  std::string line_;
  std::string what_;
  std::uint64_t line_number_ = 0;
  std::uint64_t touches_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t skipped_ = 0;
  bool failed_ = false;
};

}  // namespace v0
}  // namespace doorway
