// doorway — JSON Lines touch reader (see include/doorway/touch_reader.hpp).
#include "doorway/touch_reader.hpp"

#include <cmath>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "doorway/timestamp.hpp"

namespace doorway {
inline namespace v0 {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kTimestampError =
    "timestamp is not ISO-8601 with an offset nor epoch milliseconds";

// The member `key` of `obj`, or nullptr when absent or null.
const Json* member(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

// The first present member among `keys`, with the name it was found under.
const Json* first_member(const Json& obj, std::initializer_list<std::string_view> keys,
                         std::string_view& found) {
  for (std::string_view k : keys) {
    if (const Json* v = member(obj, k)) {
      found = k;
      return v;
    }
  }
  return nullptr;
}

// Writes a JSON value as text: strings verbatim, numbers in their JSON form.
void as_text(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::string: out = v.get_ref<const std::string&>(); break;
    case Json::value_t::number_integer: out = std::to_string(v.get<std::int64_t>()); break;
    case Json::value_t::number_unsigned: out = std::to_string(v.get<std::uint64_t>()); break;
    default: out = v.dump(); break;
  }
}

std::string quoted(std::string_view key) {
  std::string s;
  s.reserve(key.size() + 2);
  s += '"';
  s += key;
  s += '"';
  return s;
}

// An id: a string, or a number kept as its text.
bool read_id(const Json* v, std::string_view key, std::string& out, std::string& what) {
  out.clear();
  if (!v) return true;
  if (v->is_string() || v->is_number()) {
    as_text(*v, out);
    return true;
  }
  what = quoted(key) + " must be a string or a number";
  return false;
}

bool read_string(const Json* v, std::string_view key, std::string& out, std::string& what) {
  out.clear();
  if (!v) return true;
  if (!v->is_string()) {
    what = quoted(key) + " must be a string";
    return false;
  }
  out = v->get_ref<const std::string&>();
  return true;
}

template <class Enum, class Parse>
bool read_enum(const Json& obj, std::string_view key, Parse parse, std::string_view choices,
               Enum& out, std::string& what) {
  out = Enum{};
  const Json* v = member(obj, key);
  if (!v) return true;
  if (v->is_string()) {
    if (auto parsed = parse(std::string_view(v->get_ref<const std::string&>()))) {
      out = *parsed;
      return true;
    }
  }
  what = quoted(key) + " must be one of " + std::string(choices);
  return false;
}

bool read_properties(const Json& obj, std::string_view key, std::vector<OwnedProperty>& out,
                     std::string& what) {
  out.clear();
  const Json* v = member(obj, key);
  if (!v) return true;
  if (!v->is_object()) {
    what = quoted(key) + " must be an object";
    return false;
  }
  out.reserve(v->size());
  for (auto it = v->begin(); it != v->end(); ++it) {
    OwnedProperty p;
    p.key = it.key();
    if (!it.value().is_null()) as_text(it.value(), p.value);
    out.push_back(std::move(p));
  }
  return true;
}

// Epoch milliseconds as a timestamp (microseconds); false when out of range.
bool from_epoch_ms(const Json& v, Timestamp& out) {
  constexpr std::int64_t kMaxMs = std::numeric_limits<Timestamp>::max() / kMillisecond - 1;
  if (v.is_number_integer() && !v.is_number_unsigned()) {
    const auto ms = v.get<std::int64_t>();
    if (ms > kMaxMs || ms < -kMaxMs) return false;
    out = ms * kMillisecond;
    return true;
  }
  if (v.is_number_unsigned()) {
    const auto ms = v.get<std::uint64_t>();
    if (ms > static_cast<std::uint64_t>(kMaxMs)) return false;
    out = static_cast<Timestamp>(ms) * kMillisecond;
    return true;
  }
  const double ms = v.get<double>();
  if (!std::isfinite(ms) || std::fabs(ms) > static_cast<double>(kMaxMs)) return false;
  out = static_cast<Timestamp>(std::llround(ms * static_cast<double>(kMillisecond)));
  return true;
}

// Strips nlohmann's "[json.exception.parse_error.101] " prefix from a message.
std::string json_error_text(const char* what) {
  std::string_view s(what);
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find("] ");
    if (close != std::string_view::npos) s.remove_prefix(close + 2);
  }
  // The text is one line: "at line 1, column 2" says only "at column 2".
  std::string out(s);
  if (const auto at = out.find("at line 1, column "); at != std::string::npos) out.erase(at + 3, 8);
  return out;
}

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

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
  source_line = 0;
}

std::string ReadError::message() const {
  return source + ":" + std::to_string(line) + ": " + what;
}

bool parse_touch_json(std::string_view text, OwnedTouch& out, std::string& what,
                      const TouchReaderOptions& options) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    what = "not valid JSON: " + json_error_text(e.what());
    return false;
  }
  if (!j.is_object()) {
    what = std::string("not a JSON object (found ") + j.type_name() + ")";
    return false;
  }

  std::string_view key;
  // event_id
  const Json* v = first_member(j, {"event_id", "messageId"}, key);
  if (!v) {
    what = "event_id is missing (nor is there a messageId)";
    return false;
  }
  if (!read_id(v, key, out.event_id, what)) return false;
  if (out.event_id.empty()) {
    what = quoted(key) + " is empty";
    return false;
  }
  // lead_id
  key = "lead_id";
  v = first_member(j, {"lead_id", "userId", "anonymousId"}, key);
  if (!read_id(v, key, out.lead_id, what)) return false;
  // account_id
  key = "account_id";
  v = member(j, "account_id");
  if (!v) {
    if (const Json* context = member(j, "context"); context && context->is_object()) {
      v = member(*context, "groupId");
      key = "context.groupId";
    }
  }
  if (!v) {
    v = member(j, "groupId");
    key = "groupId";
  }
  if (!read_id(v, key, out.account_id, what)) return false;
  // timestamp
  out.timestamp = 0;
  if (const Json* ts = member(j, "timestamp")) {
    if (ts->is_string()) {
      auto parsed = parse_iso8601(ts->get_ref<const std::string&>());
      if (!parsed) {
        what = kTimestampError;
        return false;
      }
      out.timestamp = *parsed;
    } else if (!ts->is_number() || !from_epoch_ms(*ts, out.timestamp)) {
      what = kTimestampError;
      return false;
    }
  } else if (options.require_timestamp) {
    what = "timestamp is missing";
    return false;
  }
  // type, channel, outcome
  key = "type";
  v = first_member(j, {"type", "event"}, key);
  if (!read_string(v, key, out.type, what)) return false;
  if (!read_string(member(j, "channel"), "channel", out.channel, what)) return false;
  if (!read_string(member(j, "outcome"), "outcome", out.outcome, what)) return false;
  // the axes and the team
  if (!read_enum<Audience>(j, "audience", parse_audience, "one_to_many, one_to_one, unknown",
                           out.audience, what) ||
      !read_enum<Interaction>(j, "interaction", parse_interaction, "one_way, two_way, unknown",
                              out.interaction, what) ||
      !read_enum<Initiator>(j, "initiator", parse_initiator, "business, prospect, unknown",
                            out.initiator, what) ||
      !read_enum<Team>(j, "team", parse_team, "marketing, sales, unknown", out.team, what)) {
    return false;
  }
  // value
  out.value.reset();
  if (const Json* val = member(j, "value")) {
    if (!val->is_number()) {
      what = "\"value\" must be a number";
      return false;
    }
    out.value = val->get<double>();
  }
  // properties and traits
  return read_properties(j, "properties", out.properties, what) &&
         read_properties(j, "traits", out.traits, what);
}

TouchReader::TouchReader(std::istream& in, std::string source, TouchReaderOptions options)
    : in_(in), source_(std::move(source)), options_(options) {}

ReadStatus TouchReader::next(OwnedTouch& out, ReadError& error) {
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_number_ == 1 && line_.starts_with("\xEF\xBB\xBF")) line_.erase(0, 3);  // UTF-8 BOM
    if (blank(line_)) continue;
    if (parse_touch_json(line_, out, what_, options_)) {
      out.source_line = line_number_;
      ++touches_;
      return ReadStatus::touch;
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
