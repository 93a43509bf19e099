// doorway — JSON Lines touch reader (see include/doorway/touch_reader.hpp): a
// scanner of its own for the common flat line (the fast path), simdjson's On Demand
// parser for every other; one pass over each object's members, strings copied into
// the reused OwnedTouch.
#include "doorway/touch_reader.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <istream>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "doorway/channel_rules.hpp"
#include "doorway/detail/json_text.hpp"
#include "doorway/segment.hpp"
#include "doorway/timestamp.hpp"
#include "doorway/touch_reader_bytes.hpp"
#include "touch_reader_flat.hpp"

namespace doorway {
inline namespace v0 {

namespace {

namespace od = simdjson::ondemand;

static_assert(kBytePadding >= simdjson::SIMDJSON_PADDING, "lines must carry simdjson's padding");

constexpr std::string_view kTimestampError =
    "timestamp is not ISO-8601 with an offset nor epoch milliseconds";

std::string quoted(std::string_view key) {
  std::string s;
  s.reserve(key.size() + 2);
  s += '"';
  s += key;
  s += '"';
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// Copies `text` into a field of the reused OwnedTouch, keeping its capacity. Line
// after line a field mostly takes a text no longer than the last one (ids of one
// width, a few type and channel names): then the bytes are written over the old
// ones (two overlapping words for 4 to 16 bytes) and erase(n), which libstdc++
// inlines, cuts the string to the new length. A longer text goes through clear()
// and append() (compiled in libstdc++, as are assign() and resize()). `text` never
// overlaps `out`.
[[gnu::always_inline]] inline void copy_text(std::string& out, std::string_view text) {
  const std::size_t n = text.size();
  if (n > out.size()) {
    out.clear();
    out.append(text);
    return;
  }
  char* d = out.data();
  const char* s = text.data();
  if (n >= 8 && n <= 16) {
    std::uint64_t head, tail;
    std::memcpy(&head, s, 8);
    std::memcpy(&tail, s + n - 8, 8);
    std::memcpy(d, &head, 8);
    std::memcpy(d + n - 8, &tail, 8);
  } else if (n >= 4 && n < 8) {
    std::uint32_t head, tail;
    std::memcpy(&head, s, 4);
    std::memcpy(&tail, s + n - 4, 4);
    std::memcpy(d, &head, 4);
    std::memcpy(d + n - 4, &tail, 4);
  } else if (n != 0) {
    std::memcpy(d, s, n);
  }
  out.erase(n);
}

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// What a member held, before the fields are resolved (canonical names win over
// Segment names whatever their order in the line).
using detail::flat_json::Slot;

// The slots of the current line. A slot is filled from one member name only, so
// its name (for messages) is set once, here; a line sets kinds and texts.
struct LineSlots {
  Slot event_id, message_id, lead_id, user_id, anonymous_id, account_id, context_group, group_id;
  Slot timestamp, original_timestamp, type, event, channel, outcome, value, name;
  Slot audience, interaction, initiator, team;
  Slot prop_channel, prop_outcome, prop_value, prop_revenue, prop_name;
  bool has_properties = false, has_traits = false, has_context_traits = false;

  LineSlots() {
    event_id.name = "event_id";
    message_id.name = "messageId";
    lead_id.name = "lead_id";
    user_id.name = "userId";
    anonymous_id.name = "anonymousId";
    account_id.name = "account_id";
    context_group.name = "context.groupId";
    group_id.name = "groupId";
    timestamp.name = "timestamp";
    original_timestamp.name = "originalTimestamp";
    type.name = "type";
    event.name = "event";
    channel.name = "channel";
    outcome.name = "outcome";
    value.name = "value";
    name.name = "name";
    audience.name = "audience";
    interaction.name = "interaction";
    initiator.name = "initiator";
    team.name = "team";
    prop_channel.name = "channel";
    prop_outcome.name = "outcome";
    prop_value.name = "value";
    prop_revenue.name = "revenue";
    prop_name.name = "name";
  }
  LineSlots(const LineSlots&) = delete;
  LineSlots& operator=(const LineSlots&) = delete;

  // Marks every slot absent before a line: one byte each, as a slot's text is
  // read only when it is present.
  void reset() {
    event_id.kind = message_id.kind = lead_id.kind = user_id.kind = anonymous_id.kind = account_id.kind =
        context_group.kind = group_id.kind = timestamp.kind = original_timestamp.kind = type.kind = event.kind =
            channel.kind = outcome.kind = value.kind = name.kind = audience.kind = interaction.kind =
                initiator.kind = team.kind = prop_channel.kind = prop_outcome.kind = prop_value.kind =
                    prop_revenue.kind = prop_name.kind = Slot::Kind::absent;
    has_properties = has_traits = has_context_traits = false;
  }
};

std::string_view type_name(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "value";
}

bool is_segment_call(std::string_view t) {
  return t == "track" || t == "page" || t == "screen" || t == "identify" || t == "group" || t == "alias";
}

// Epoch milliseconds (a JSON number's literal) as a timestamp; false when out of range.
bool from_epoch_ms_literal(std::string_view lit, Timestamp& out) {
  constexpr std::int64_t kMaxMs = std::numeric_limits<Timestamp>::max() / kMillisecond - 1;
  std::int64_t ms = 0;
  const auto r = std::from_chars(lit.data(), lit.data() + lit.size(), ms);
  if (r.ec == std::errc{} && r.ptr == lit.data() + lit.size()) {
    if (ms > kMaxMs || ms < -kMaxMs) return false;
    out = ms * kMillisecond;
    return true;
  }
  double d = 0;
  const auto rd = std::from_chars(lit.data(), lit.data() + lit.size(), d);
  if (rd.ec != std::errc{} || rd.ptr != lit.data() + lit.size()) return false;
  if (!std::isfinite(d) || std::fabs(d) > static_cast<double>(kMaxMs)) return false;
  out = static_cast<Timestamp>(std::llround(d * static_cast<double>(kMillisecond)));
  return true;
}

static_assert(kBytePadding >= detail::flat_json::kScanPadding, "lines must carry the scanner's padding");

}  // namespace

struct TouchJsonParser::Impl : LineSlots {
  explicit Impl(TouchReaderOptions o) : options(o) {}

  TouchReaderOptions options;
  od::parser parser;
  std::string copy;  // unpadded input, copied with kBytePadding zero bytes after it
  detail::Iso8601RunReader timestamps;  // keeps the last date read (lines come sorted by time)

  bool segment_line = false;  // the last line was a Segment call
  bool fast_line = false;     // the last line was read by the fast path

  // Reads a scalar value as a slot without its name: a null is absent, an object,
  // array or boolean is `other` (text: its type's name).
  static simdjson::error_code scalar(od::value v, Slot& out) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    switch (t) {
      case od::json_type::string:
        out.kind = Slot::Kind::string;
        return v.get_string().get(out.text);
      case od::json_type::number:
        out.kind = Slot::Kind::number;
        out.text = trim_right(v.raw_json_token());
        return simdjson::SUCCESS;
      case od::json_type::null: {
        bool is_null = false;
        out = Slot{};
        return v.is_null().get(is_null);
      }
      default:
        out.kind = Slot::Kind::other;
        out.text = type_name(t);
        return simdjson::SUCCESS;
    }
  }

  // Reads a scalar member into a slot; null leaves it absent.
  static simdjson::error_code slot(od::value v, Slot& out) {
    Slot s;
    if (auto e = scalar(v, s)) return e;
    store(Member{Member::Kind::slot, &out, nullptr}, s);
    return simdjson::SUCCESS;
  }

  // A value as property text: strings unescaped, other values as their JSON text.
  simdjson::error_code property_text(od::value v, std::string& out) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    std::string_view s;
    switch (t) {
      case od::json_type::string:
        if (auto e = v.get_string().get(s)) return e;
        out.assign(s);
        return simdjson::SUCCESS;
      case od::json_type::null:
        out.clear();
        {
          bool is_null = false;
          return v.is_null().get(is_null);
        }
      case od::json_type::object:
      case od::json_type::array:
        if (auto e = simdjson::to_json_string(v).get(s)) return e;
        out.assign(s);
        return simdjson::SUCCESS;
      default:
        out.assign(trim_right(v.raw_json_token()));
        return simdjson::SUCCESS;
    }
  }

  // properties / traits objects into key/value lists. When `segment_fields`, the
  // members channel, outcome, value, revenue and name are noted too.
  simdjson::error_code properties(od::value v, std::string_view key, std::vector<OwnedProperty>& out,
                                  bool segment_fields, std::string& what, bool& ok) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::null) {
      bool is_null = false;
      return v.is_null().get(is_null);
    }
    if (t != od::json_type::object) {
      what = quoted(key) + " must be an object";
      ok = false;
      return simdjson::SUCCESS;
    }
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    for (auto field : obj) {
      std::string_view k;
      if (auto e = field.unescaped_key().get(k)) return e;
      od::value fv;
      if (auto e = field.value().get(fv)) return e;
      if (segment_fields) {
        Slot* s = k == "channel" ? &prop_channel
                  : k == "outcome" ? &prop_outcome
                  : k == "value"   ? &prop_value
                  : k == "revenue" ? &prop_revenue
                  : k == "name"    ? &prop_name
                                   : nullptr;
        if (s) {
          // Read once as a slot, keep its text as the property too.
          if (auto e = slot(fv, *s)) return e;
          OwnedProperty& p = out.emplace_back();
          p.key.assign(k);
          if (s->kind == Slot::Kind::string || s->kind == Slot::Kind::number) p.value.assign(s->text);
          continue;
        }
      }
      OwnedProperty& p = out.emplace_back();
      p.key.assign(k);
      if (auto e = property_text(fv, p.value)) return e;
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code campaign(od::value v, Campaign& c) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t != od::json_type::object) return simdjson::SUCCESS;  // skipped
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    for (auto field : obj) {
      std::string_view k;
      if (auto e = field.unescaped_key().get(k)) return e;
      std::string* dst = k == "source"    ? &c.source
                         : k == "medium"  ? &c.medium
                         : k == "name"    ? &c.name
                         : k == "term"    ? &c.term
                         : k == "content" ? &c.content
                                          : nullptr;
      if (!dst) continue;
      od::value fv;
      if (auto e = field.value().get(fv)) return e;
      Slot s;
      if (auto e = slot(fv, s)) return e;
      if (s.kind == Slot::Kind::string || s.kind == Slot::Kind::number) dst->assign(s.text);
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code context(od::value v, OwnedTouch& out, std::string& what, bool& ok) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t != od::json_type::object) return simdjson::SUCCESS;  // not Segment's: ignored
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    for (auto field : obj) {
      std::string_view k;
      if (auto e = field.unescaped_key().get(k)) return e;
      od::value fv;
      if (auto e = field.value().get(fv)) return e;
      if (k == "groupId") {
        if (auto e = slot(fv, context_group)) return e;
      } else if (k == "campaign") {
        if (auto e = campaign(fv, out.campaign)) return e;
      } else if (k == "traits") {
        if (has_traits) continue;  // top-level traits win
        has_context_traits = true;
        if (auto e = properties(fv, "context.traits", out.traits, false, what, ok)) return e;
      }
    }
    return simdjson::SUCCESS;
  }

  // Where a top-level member's value goes.
  struct Member {
    // The scalar kinds first: the fast path takes those alone.
    enum class Kind : std::uint8_t { ignored, slot, campaign, properties, traits, context };
    Kind kind = Kind::ignored;
    Slot* slot = nullptr;          // Kind::slot
    std::string* field = nullptr;  // Kind::campaign: the touch's campaign string
  };

  // The member named `k`, whose first 8 bytes must be readable (a name in a padded
  // line is followed by at least its closing quote and the padding).
  [[gnu::always_inline]] Member member_at(std::string_view k, OwnedTouch& out) {
    using K = Member::Kind;
    using detail::flat_json::name_words;
    auto to = [](Slot& s) { return Member{K::slot, &s, nullptr}; };
    auto utm = [](std::string& f) { return Member{K::campaign, nullptr, &f}; };
    if (k.size() == 17) return k == "originalTimestamp" ? to(original_timestamp) : Member{};
    if (k.size() < 4 || k.size() > 12) return Member{};
    // By length, then one or two 8-byte compares a name (see touch_reader_flat.hpp).
    using detail::flat_json::name_words_at;
    detail::flat_json::NameWords w{};
    auto is = [&](detail::flat_json::NameWords want) { return w.head == want.head && w.tail == want.tail; };
    switch (k.size()) {
      case 4:
        w = name_words_at<4>(k.data());
        if (is(name_words("type"))) return to(type);
        if (is(name_words("team"))) return to(team);
        if (is(name_words("name"))) return to(name);
        break;
      case 5:
        w = name_words_at<5>(k.data());
        if (is(name_words("value"))) return to(value);
        if (is(name_words("event"))) return to(event);
        break;
      case 6:
        w = name_words_at<6>(k.data());
        if (is(name_words("userId"))) return to(user_id);
        if (is(name_words("traits"))) return Member{K::traits};
        break;
      case 7:
        w = name_words_at<7>(k.data());
        if (is(name_words("lead_id"))) return to(lead_id);
        if (is(name_words("channel"))) return to(channel);
        if (is(name_words("outcome"))) return to(outcome);
        if (is(name_words("groupId"))) return to(group_id);
        if (is(name_words("context"))) return Member{K::context};
        break;
      case 8:
        w = name_words_at<8>(k.data());
        if (is(name_words("event_id"))) return to(event_id);
        if (is(name_words("audience"))) return to(audience);
        if (is(name_words("utm_term"))) return utm(out.campaign.term);
        break;
      case 9:
        w = name_words_at<9>(k.data());
        if (is(name_words("timestamp"))) return to(timestamp);
        if (is(name_words("messageId"))) return to(message_id);
        if (is(name_words("initiator"))) return to(initiator);
        break;
      case 10:
        w = name_words_at<10>(k.data());
        if (is(name_words("account_id"))) return to(account_id);
        if (is(name_words("properties"))) return Member{K::properties};
        if (is(name_words("utm_source"))) return utm(out.campaign.source);
        if (is(name_words("utm_medium"))) return utm(out.campaign.medium);
        break;
      case 11:
        w = name_words_at<11>(k.data());
        if (is(name_words("anonymousId"))) return to(anonymous_id);
        if (is(name_words("interaction"))) return to(interaction);
        if (is(name_words("utm_content"))) return utm(out.campaign.content);
        break;
      case 12:
        w = name_words_at<12>(k.data());
        if (is(name_words("utm_campaign"))) return utm(out.campaign.name);
        break;
      default:
        break;
    }
    return Member{};
  }

  // The member named `k`, wherever it is: the one table of member names, used by
  // both the On Demand walk (members()) and the fast path (flat_members()).
  Member member(std::string_view k, OwnedTouch& out) {
    char name_bytes[16] = {};  // names of 4 to 12 bytes, followed by readable zeros
    if (k.size() < 4 || k.size() > 12) return member_at(k, out);
    std::memcpy(name_bytes, k.data(), k.size());
    return member_at(std::string_view(name_bytes, k.size()), out);
  }

  // Stores a scalar member's value (a null is absent) where `m` says: a slot takes
  // the value whatever it is (a later duplicate wins, a null clears it); a campaign
  // field takes strings only.
  static void store(const Member& m, const Slot& v) {
    if (m.kind == Member::Kind::slot) {
      m.slot->kind = v.kind;  // the slot's name stays (see LineSlots)
      m.slot->text = v.text;
    } else if (m.kind == Member::Kind::campaign && v.kind == Slot::Kind::string) {
      m.field->assign(v.text);
    }
  }

  simdjson::error_code members(od::object obj, OwnedTouch& out, std::string& what, bool& ok) {
    for (auto field : obj) {
      std::string_view k;
      if (auto e = field.unescaped_key().get(k)) return e;
      od::value v;
      if (auto e = field.value().get(v)) return e;
      const Member m = member(k, out);
      switch (m.kind) {
        case Member::Kind::ignored:
          break;
        case Member::Kind::slot:
        case Member::Kind::campaign: {
          Slot s;
          if (auto e = scalar(v, s)) return e;
          store(m, s);
          break;
        }
        case Member::Kind::properties:
          if (has_properties) break;
          has_properties = true;
          if (auto e = properties(v, k, out.properties, true, what, ok)) return e;
          break;
        case Member::Kind::traits:
          if (has_traits) break;
          has_traits = true;
          out.traits.clear();  // over context.traits read before
          if (auto e = properties(v, k, out.traits, false, what, ok)) return e;
          break;
        case Member::Kind::context:
          if (auto e = context(v, out, what, ok)) return e;
          break;
      }
    }
    return simdjson::SUCCESS;
  }

  // The first present slot among `slots`.
  static const Slot* first(std::initializer_list<const Slot*> slots) {
    for (const Slot* s : slots) {
      if (s->present()) return s;
    }
    return nullptr;
  }

  // The id fields and read_string() copy over what the last line left (see
  // copy_text()) and clear a field only when the line has no text for it.
  // Inline in resolve(), with the message made out of line.
  [[gnu::always_inline]] static bool read_id(const Slot* s, std::string_view key, std::string& out,
                                             std::string& what) {
    if (s && (s->kind == Slot::Kind::string || s->kind == Slot::Kind::number)) {
      copy_text(out, s->text);
      return true;
    }
    out.clear();
    if (!s) return true;
    must_be(what, s->name.empty() ? key : s->name, " must be a string or a number");
    return false;
  }

  [[gnu::always_inline]] static bool read_string(const Slot& s, std::string& out, std::string& what) {
    if (s.kind == Slot::Kind::string) {
      copy_text(out, s.text);
      return true;
    }
    out.clear();
    if (!s.present()) return true;
    must_be(what, s.name, " must be a string");
    return false;
  }

  [[gnu::noinline, gnu::cold]] static void must_be(std::string& what, std::string_view name, std::string_view rule) {
    what = quoted(name);
    what += rule;
  }

  template <class Enum, class Parse>
  static bool read_enum(const Slot& s, std::string_view key, Parse parse, std::string_view choices, Enum& out,
                        std::string& what) {
    out = Enum{};
    if (!s.present()) return true;
    if (s.kind == Slot::Kind::string) {
      if (auto parsed = parse(s.text)) {
        out = *parsed;
        return true;
      }
    }
    what = quoted(key) + " must be one of " + std::string(choices);
    return false;
  }

  static bool read_number(const Slot& s, std::optional<double>& out) {
    double d = 0;
    const auto r = std::from_chars(s.text.data(), s.text.data() + s.text.size(), d);
    if (r.ec != std::errc{} || r.ptr != s.text.data() + s.text.size()) return false;
    out = d;
    return true;
  }

  ParseResult resolve(OwnedTouch& out, std::string& what) {
    // Which dialect this line speaks.
    bool segment = options.dialect == JsonDialect::segment;
    std::string_view call = "track";
    if (type.present() && type.kind == Slot::Kind::string && options.dialect != JsonDialect::canonical &&
        is_segment_call(type.text)) {
      segment = true;
      call = type.text;
    } else if (segment && type.present()) {
      what = "\"type\" must be a Segment call type (track, page, screen, identify, group, alias)";
      return ParseResult::error;
    }
    segment_line = segment;
    if (segment && (call == "identify" || call == "group" || call == "alias")) {
      what = detail_cat("a Segment ", call, " call carries no touch");
      return ParseResult::skipped;
    }

    const Slot* v = first({&event_id, &message_id});
    if (!v) {
      what = "event_id is missing (nor is there a messageId)";
      return ParseResult::error;
    }
    if (!read_id(v, "event_id", out.event_id, what)) return ParseResult::error;
    if (out.event_id.empty()) {
      what = quoted(v->name) + " is empty";
      return ParseResult::error;
    }
    if (!read_id(first({&lead_id, &user_id, &anonymous_id}), "lead_id", out.lead_id, what)) return ParseResult::error;
    if (!read_id(first({&account_id, &context_group, &group_id}), "account_id", out.account_id, what)) {
      return ParseResult::error;
    }

    out.timestamp = 0;
    if (const Slot* ts = first({&timestamp, &original_timestamp})) {
      if (ts->kind == Slot::Kind::string) {
        auto parsed = timestamps.parse(ts->text);
        if (!parsed) {
          what = kTimestampError;
          return ParseResult::error;
        }
        out.timestamp = *parsed;
      } else if (ts->kind != Slot::Kind::number || !from_epoch_ms_literal(ts->text, out.timestamp)) {
        what = kTimestampError;
        return ParseResult::error;
      }
    } else if (options.require_timestamp) {
      what = "timestamp is missing";
      return ParseResult::error;
    }

    // The type: canonical `type`, else `event` (mapped through the event names);
    // map_event() and read_string() write over the last line's.
    if (segment) {
      if (call == "page" || call == "screen") {
        map_event(call == "page" ? "Page Viewed" : "Screen Viewed", out.type);
      } else if (event.present()) {
        if (event.kind != Slot::Kind::string) {
          out.type.clear();
          what = "\"event\" must be a string";
          return ParseResult::error;
        }
        map_event(event.text, out.type);
      } else {
        out.type.clear();
      }
    } else if (type.present()) {
      if (!read_string(type, out.type, what)) return ParseResult::error;
    } else if (event.present()) {
      if (event.kind != Slot::Kind::string) {
        out.type.clear();
        what = "\"event\" must be a string";
        return ParseResult::error;
      }
      map_event(event.text, out.type);
    } else {
      out.type.clear();
    }
    if (!read_string(channel.present() ? channel : prop_channel, out.channel, what)) return ParseResult::error;
    if (!read_string(outcome.present() ? outcome : prop_outcome, out.outcome, what)) return ParseResult::error;
    if (!read_enum<Audience>(audience, "audience", parse_audience, "one_to_many, one_to_one, unknown", out.audience,
                             what) ||
        !read_enum<Interaction>(interaction, "interaction", parse_interaction, "one_way, two_way, unknown",
                                out.interaction, what) ||
        !read_enum<Initiator>(initiator, "initiator", parse_initiator, "business, prospect, unknown",
                              out.initiator, what) ||
        !read_enum<Team>(team, "team", parse_team, "marketing, sales, unknown", out.team, what)) {
      return ParseResult::error;
    }
    out.value.reset();
    if (value.present()) {
      if (value.kind != Slot::Kind::number || !read_number(value, out.value)) {
        what = "\"value\" must be a number";
        return ParseResult::error;
      }
    } else if (const Slot* pv = first({&prop_value, &prop_revenue}); pv && pv->kind == Slot::Kind::number) {
      read_number(*pv, out.value);
    }
    if (options.channels && out.channel.empty() && !out.campaign.empty()) apply_channel_rules(*options.channels, out);
    return ParseResult::touch;
  }

  void map_event(std::string_view name_text, std::string& out_type) const {
    if (options.events) {
      if (std::string_view t = options.events->type_for(name_text); !t.empty()) {
        copy_text(out_type, t);
        return;
      }
    }
    copy_text(out_type, name_text);
  }

  static std::string detail_cat(std::string_view a, std::string_view b, std::string_view c) {
    std::string s(a);
    s += b;
    s += c;
    return s;
  }

  // Clears what a line leaves behind before the next is read.
  void begin(OwnedTouch& out) {
    reset();
    segment_line = false;
    out.properties.clear();
    out.traits.clear();
    out.campaign.clear();
  }

  // The fast path's members: scalars go through the same name table (member_at()) and store()
  // as on the On Demand walk; properties, traits and context (objects, or values the
  // walk reports on) are left to the walk.
  bool flat_members(std::string_view text, OwnedTouch& out) {
    return detail::flat_json::scan_flat(text, !fast_line, [&](std::string_view k, const Slot& v) {
      const Member m = member_at(k, out);
      if (m.kind > Member::Kind::campaign) return false;  // an object, or a value the walk reports on
      store(m, v);
      return true;
    });
  }

  ParseResult parse(std::string_view text, OwnedTouch& out, std::string& what, bool padded) {
    begin(out);
    if (!padded) {
      copy.assign(text);
      copy.append(kBytePadding, '\0');
      text = std::string_view(copy.data(), text.size());
    }
    fast_line = options.fast_path && flat_members(text, out);
    if (fast_line) return resolve(out, what);
    if (options.fast_path) begin(out);  // undo what the fast path stored before it gave up
    const simdjson::padded_string_view input(text.data(), text.size(), text.size() + kBytePadding);
    od::document doc;
    auto fail = [&](simdjson::error_code e) {
      what = std::string("not valid JSON: ") + simdjson::error_message(e);
      return ParseResult::error;
    };
    if (auto e = parser.iterate(input).get(doc)) return fail(e);
    od::json_type t;
    if (auto e = doc.type().get(t)) return fail(e);
    if (t != od::json_type::object) {
      // A scalar must still be valid JSON ("not json" starts like null).
      simdjson::error_code e = simdjson::SUCCESS;
      switch (t) {
        case od::json_type::null: {
          bool is_null = false;
          e = doc.is_null().get(is_null);
          if (!e && !is_null) e = simdjson::N_ATOM_ERROR;
          break;
        }
        case od::json_type::boolean: {
          bool b = false;
          e = doc.get_bool().get(b);
          break;
        }
        case od::json_type::number: {
          double d = 0;
          e = doc.get_double().get(d);
          break;
        }
        case od::json_type::string: {
          std::string_view sv;
          e = doc.get_string().get(sv);
          break;
        }
        default: break;
      }
      if (e) return fail(e);
      what = std::string("not a JSON object (found ") + std::string(type_name(t)) + ")";
      return ParseResult::error;
    }
    od::object obj;
    if (auto e = doc.get_object().get(obj)) return fail(e);
    bool ok = true;
    if (auto e = members(obj, out, what, ok)) return fail(e);
    if (const char* rest = nullptr; doc.current_location().get(rest) == simdjson::SUCCESS) {
      what = "not valid JSON: unexpected text after the object";
      return ParseResult::error;
    }
    if (!ok) return ParseResult::error;
    return resolve(out, what);
  }
};

Touch OwnedTouch::view() const {
  property_views_.clear();
  trait_views_.clear();
  for (const OwnedProperty& p : properties) property_views_.push_back({p.key, p.value});
  for (const OwnedProperty& p : traits) trait_views_.push_back({p.key, p.value});
  Touch t;
  t.event_id = event_id;
  t.lead_id = lead_id;
  t.account_id = account_id;
  t.timestamp = timestamp;
  t.type = type;
  t.channel = channel;
  t.audience = audience;
  t.interaction = interaction;
  t.initiator = initiator;
  t.team = team;
  t.value = value;
  t.outcome = outcome;
  t.properties = property_views_;
  t.traits = trait_views_;
  return t;
}

void OwnedTouch::clear() {
  event_id.clear();
  lead_id.clear();
  account_id.clear();
  timestamp = 0;
  type.clear();
  channel.clear();
  audience = Audience::unknown;
  interaction = Interaction::unknown;
  initiator = Initiator::unknown;
  team = Team::unknown;
  value.reset();
  outcome.clear();
  properties.clear();
  traits.clear();
  campaign.clear();
  source_line = 0;
}

std::string ReadError::message() const {
  return source + ":" + std::to_string(line) + ": " + what;
}

void apply_channel_rules(const ChannelRules& rules, OwnedTouch& touch) {
  if (!touch.channel.empty()) return;
  const std::string_view ch =
      rules.channel_for(CampaignView{touch.campaign.source, touch.campaign.medium, touch.campaign.name});
  touch.channel.assign(ch);
}

void append_touch_json(std::string& out, const OwnedTouch& t) {
  using detail::append_json_string;
  auto str = [&](std::string_view key, std::string_view v, bool always = false) {
    if (v.empty() && !always) return;
    out += ",\"";
    out += key;
    out += "\":";
    append_json_string(out, v);
  };
  auto props = [&](std::string_view key, const std::vector<OwnedProperty>& list) {
    if (list.empty()) return;
    out += ",\"";
    out += key;
    out += "\":{";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, list[i].key);
      out += ':';
      append_json_string(out, list[i].value);
    }
    out += '}';
  };
  auto axis = [](std::string_view s) { return s == "unknown" ? std::string_view() : s; };
  out += "{\"event_id\":";
  append_json_string(out, t.event_id);
  str("lead_id", t.lead_id, true);
  str("account_id", t.account_id);
  str("timestamp", format_iso8601(t.timestamp), true);
  str("type", t.type);
  str("channel", t.channel);
  str("audience", axis(to_string(t.audience)));
  str("interaction", axis(to_string(t.interaction)));
  str("initiator", axis(to_string(t.initiator)));
  str("team", axis(to_string(t.team)));
  if (t.value) {
    out += ",\"value\":";
    detail::append_json_number(out, *t.value);
  }
  str("outcome", t.outcome);
  str("utm_source", t.campaign.source);
  str("utm_medium", t.campaign.medium);
  str("utm_campaign", t.campaign.name);
  str("utm_term", t.campaign.term);
  str("utm_content", t.campaign.content);
  props("properties", t.properties);
  props("traits", t.traits);
  out += '}';
}

TouchJsonParser::TouchJsonParser(TouchReaderOptions options) : impl_(std::make_unique<Impl>(options)) {}
TouchJsonParser::~TouchJsonParser() = default;

const TouchReaderOptions& TouchJsonParser::options() const noexcept { return impl_->options; }

bool TouchJsonParser::last_was_segment() const noexcept { return impl_->segment_line; }

bool TouchJsonParser::last_was_fast_path() const noexcept { return impl_->fast_line; }

ParseResult TouchJsonParser::parse(std::string_view text, OwnedTouch& out, std::string& what, bool padded) {
  return impl_->parse(text, out, what, padded);
}

bool parse_touch_json(std::string_view text, OwnedTouch& out, std::string& what, const TouchReaderOptions& options) {
  TouchJsonParser parser(options);
  return parser.parse(text, out, what) == ParseResult::touch;
}

TouchReader::TouchReader(std::istream& in, std::string source, TouchReaderOptions options)
    : in_(in), source_(std::move(source)), parser_(options) {}

ReadStatus TouchReader::next(OwnedTouch& out, ReadError& error) {
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_number_ == 1 && line_.starts_with("\xEF\xBB\xBF")) line_.erase(0, 3);  // UTF-8 BOM
    if (blank(line_)) continue;
    // The parser reads past the line's end: give it zeros there, not stale bytes.
    const std::size_t size = line_.size();
    line_.append(kBytePadding, '\0');
    const ParseResult result = parser_.parse(std::string_view(line_.data(), size), out, what_, true);
    line_.resize(size);
    switch (result) {
      case ParseResult::touch:
        out.source_line = line_number_;
        ++touches_;
        return ReadStatus::touch;
      case ParseResult::skipped:
        ++skipped_;
        continue;
      case ParseResult::error:
        break;
    }
    ++errors_;
    error.source = source_;
    error.line = line_number_;
    error.what = std::move(what_);
    what_.clear();
    return ReadStatus::error;
  }
  line_.clear();
  failed_ = in_.bad();
  return ReadStatus::end;
}

}  // namespace v0
}  // namespace doorway
