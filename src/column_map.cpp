// doorway — column maps from CSV exports to touches (see include/doorway/column_map.hpp).
#include "doorway/column_map.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include "config_json.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"

namespace doorway {
inline namespace v0 {

namespace {

constexpr std::string_view kFieldNames[kTouchFieldCount] = {
    "event_id", "lead_id", "account_id", "timestamp", "type", "channel", "audience", "interaction", "initiator",
    "team", "value", "outcome", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
};

constexpr std::string_view kMapFormat = "doorway.csv_map";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

absl::StatusOr<TouchField> field_named(std::string_view name) {
  if (auto f = parse_touch_field(name)) return *f;
  std::string msg = detail::cat("unknown touch field \"", name, "\"");
  std::optional<std::string> hint = detail::did_you_mean(name, kFieldNames);
  if (!hint && !name.empty()) {  // a field the name begins: "lead" -> "lead_id"
    for (std::string_view f : kFieldNames) {
      if (f.size() > name.size() && f.starts_with(name) && f[name.size()] == '_') {
        hint = std::string(f);
        break;
      }
    }
  }
  if (hint) {
    detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
  } else {
    msg += " (fields: event_id lead_id account_id timestamp type channel audience interaction initiator team "
           "value outcome utm_source utm_medium utm_campaign utm_term utm_content)";
  }
  return absl::InvalidArgumentError(msg);
}

template <class List>
void put(List& list, TouchField f, std::string value) {
  for (auto& [field, v] : list) {
    if (field == f) {
      v = std::move(value);
      return;
    }
  }
  list.emplace_back(f, std::move(value));
}

// "+02:00", "-0500", "+02", "Z" → the offset.
std::optional<Duration> parse_offset(std::string_view s) {
  s = trim(s);
  if (s == "Z" || s == "z" || s == "UTC" || s == "0") return Duration{0};
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  auto two = [&](std::size_t i, int& out) {
    if (i + 2 > s.size() || s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9') return false;
    out = (s[i] - '0') * 10 + (s[i + 1] - '0');
    return true;
  };
  int h = 0, m = 0;
  if (!two(1, h)) return std::nullopt;
  std::size_t i = 3;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && (!two(i, m) || i + 2 != s.size())) return std::nullopt;
  if (h > 23 || m > 59) return std::nullopt;
  return sign * (h * kHour + m * kMinute);
}

}  // namespace

std::string_view to_string(TouchField f) noexcept { return kFieldNames[static_cast<std::size_t>(f)]; }

std::optional<TouchField> parse_touch_field(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kTouchFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<TouchField>(i);
  }
  return std::nullopt;
}

absl::Status ColumnMap::add_column(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size()) {
    return absl::InvalidArgumentError(detail::cat("\"", spec, "\" is not FIELD=COLUMN (e.g. lead_id=Contact ID)"));
  }
  absl::StatusOr<TouchField> f = field_named(trim(spec.substr(0, eq)));
  if (!f.ok()) return f.status();
  put(columns, *f, std::string(spec.substr(eq + 1)));
  return absl::OkStatus();
}

absl::Status ColumnMap::add_constant(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return absl::InvalidArgumentError(detail::cat("\"", spec, "\" is not FIELD=VALUE (e.g. interaction=one_way)"));
  }
  absl::StatusOr<TouchField> f = field_named(trim(spec.substr(0, eq)));
  if (!f.ok()) return f.status();
  put(constants, *f, std::string(spec.substr(eq + 1)));
  return absl::OkStatus();
}

absl::Status ColumnMap::add_value(std::string_view spec) {
  const auto colon = spec.find(':');
  const auto eq = spec.rfind('=');
  if (colon == std::string_view::npos || eq == std::string_view::npos || eq < colon || colon == 0) {
    return absl::InvalidArgumentError(
        detail::cat("\"", spec, "\" is not FIELD:FROM=TO (e.g. type:Impression=display_ad)"));
  }
  absl::StatusOr<TouchField> f = field_named(trim(spec.substr(0, colon)));
  if (!f.ok()) return f.status();
  std::string from(trim(spec.substr(colon + 1, eq - colon - 1)));
  std::string to(trim(spec.substr(eq + 1)));
  for (ValueMapping& v : values) {
    if (v.field == *f && v.from == from) {
      v.to = std::move(to);
      return absl::OkStatus();
    }
  }
  values.push_back({*f, std::move(from), std::move(to)});
  return absl::OkStatus();
}

absl::Status ColumnMap::set_timestamp_format(std::string_view spec) {
  absl::StatusOr<TimestampFormat> f = TimestampFormat::parse(spec);
  if (!f.ok()) return f.status();
  timestamp_format = f->with_utc_offset(timestamp_format.utc_offset());  // keep an offset set before
  return absl::OkStatus();
}

absl::Status ColumnMap::set_utc_offset(std::string_view spec) {
  auto off = parse_offset(spec);
  if (!off) {
    return absl::InvalidArgumentError(detail::cat("\"", spec, "\" is not a UTC offset such as +02:00, -0500 or Z"));
  }
  timestamp_format = timestamp_format.with_utc_offset(*off);
  return absl::OkStatus();
}

absl::Status ColumnMap::set_delimiter(std::string_view spec) {
  if (spec == "tab" || spec == "\\t" || spec == "\t") {
    delimiter = '\t';
  } else if (spec.size() == 1 && spec[0] != '"' && spec[0] != '\n' && spec[0] != '\r') {
    delimiter = spec[0];
  } else {
    return absl::InvalidArgumentError(detail::cat("\"", spec, "\" is not a delimiter (one character, or tab)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<ColumnMap> load_column_map_json(std::string_view text, std::string_view source) {
  using Kind = detail::mjson::Kind;
  using Value = detail::mjson::Value;
  detail::ConfigJson json(text, source);
  ColumnMap map;
  std::optional<Value> root = json.parse();
  if (!root) return json.status();
  if (root->kind != Kind::object) {
    json.problem("", root->offset, "a column map is a JSON object");
    return json.status();
  }
  constexpr std::string_view kKeys[] = {"format",     "version",    "description", "columns", "constants", "values",
                                        "timestamp_format", "utc_offset", "properties", "traits", "delimiter"};
  json.check_keys(*root, "", kKeys);
  if (const Value* f = json.get(*root, "", "format", Kind::string, false); f && f->text != kMapFormat) {
    json.problem("format", f->offset, detail::cat("\"format\" must be \"", kMapFormat, "\""));
  }
  if (const Value* v = json.get(*root, "", "version", Kind::number, false); v && v->number != 1) {
    json.problem("version", v->offset, detail::cat("unsupported version ", v->text, ": this doorway reads version 1"));
  }
  // A field name as an object key: reported at the key.
  auto field_at = [&](const detail::mjson::Member& m, const std::string& path) -> std::optional<TouchField> {
    absl::StatusOr<TouchField> f = field_named(m.key);
    if (!f.ok()) {
      json.problem(detail::ConfigJson::child(path, m.key), m.key_offset, std::string(f.status().message()));
      return std::nullopt;
    }
    return *f;
  };
  if (const Value* cols = json.get(*root, "", "columns", Kind::object, false)) {
    for (const detail::mjson::Member& m : cols->members) {
      auto f = field_at(m, "columns");
      if (!f) continue;
      if (m.value.kind != Kind::string || m.value.text.empty()) {
        json.problem(detail::cat("columns.", m.key), m.value.offset, "expected a column name (a non-empty string)");
        continue;
      }
      put(map.columns, *f, m.value.text);
    }
  }
  if (const Value* consts = json.get(*root, "", "constants", Kind::object, false)) {
    for (const detail::mjson::Member& m : consts->members) {
      auto f = field_at(m, "constants");
      if (!f) continue;
      if (m.value.kind != Kind::string && m.value.kind != Kind::number) {
        json.problem(detail::cat("constants.", m.key), m.value.offset, "expected a string or a number");
        continue;
      }
      put(map.constants, *f, m.value.text);
    }
  }
  if (const Value* vals = json.get(*root, "", "values", Kind::object, false)) {
    for (const detail::mjson::Member& m : vals->members) {
      auto f = field_at(m, "values");
      if (!f) continue;
      const std::string path = detail::cat("values.", m.key);
      if (m.value.kind != Kind::object) {
        json.problem(path, m.value.offset, "expected an object of \"cell text\": \"value\" pairs");
        continue;
      }
      for (const detail::mjson::Member& v : m.value.members) {
        if (v.value.kind != Kind::string) {
          json.problem(detail::cat(path, ".", v.key), v.value.offset, "expected a string");
          continue;
        }
        map.values.push_back({*f, std::string(trim(v.key)), v.value.text});
      }
    }
  }
  if (const Value* tf = json.get(*root, "", "timestamp_format", Kind::string, false)) {
    if (absl::Status s = map.set_timestamp_format(tf->text); !s.ok()) {
      json.problem("timestamp_format", tf->offset, std::string(s.message()));
    }
  }
  if (const Value* off = json.get(*root, "", "utc_offset", Kind::string, false)) {
    if (absl::Status s = map.set_utc_offset(off->text); !s.ok()) json.problem("utc_offset", off->offset, std::string(s.message()));
  }
  if (const Value* d = json.get(*root, "", "delimiter", Kind::string, false)) {
    if (absl::Status s = map.set_delimiter(d->text); !s.ok()) json.problem("delimiter", d->offset, std::string(s.message()));
  }
  if (const Value* p = json.get(*root, "", "properties", Kind::array, false)) map.properties = json.strings(*p, "properties");
  if (const Value* t = json.get(*root, "", "traits", Kind::array, false)) map.traits = json.strings(*t, "traits");
  if (!json.ok()) return json.status();
  return map;
}

absl::StatusOr<CsvTouchMapper> CsvTouchMapper::bind(const ColumnMap& map, std::span<const std::string_view> header,
                                                    std::string_view source, bool require_timestamp) {
  CsvTouchMapper m;
  m.timestamp_format_ = map.timestamp_format;
  m.require_timestamp_ = require_timestamp;
  std::vector<std::string_view> names;
  for (std::string_view h : header) names.push_back(trim(h));
  std::vector<bool> used(names.size(), false);
  std::string problems;
  auto problem = [&](std::string msg) { detail::cat_to(problems, problems.empty() ? "" : "\n", source, ": ", msg); };
  auto find = [&](std::string_view name) -> int {
    name = trim(name);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (same_ignoring_case(names[i], name)) return static_cast<int>(i);
    }
    return -1;
  };
  auto missing = [&](std::string_view column, std::string_view what) {
    std::string msg = detail::cat("column \"", column, "\" (", what, ") is not in the header");
    if (auto hint = detail::did_you_mean(column, std::span<const std::string_view>(names))) {
      detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
    } else {
      msg += " (its columns:";
      for (std::string_view n : names) detail::cat_to(msg, " \"", n, "\"");
      msg += ")";
    }
    problem(std::move(msg));
  };
  for (const auto& [field, column] : map.columns) {
    Slot& s = m.slots_[static_cast<std::size_t>(field)];
    s.column = find(column);
    s.column_name = column;
    if (s.column < 0) {
      missing(column, to_string(field));
    } else {
      used[static_cast<std::size_t>(s.column)] = true;
    }
  }
  for (const auto& [field, value] : map.constants) m.slots_[static_cast<std::size_t>(field)].constant = value;
  for (const ValueMapping& v : map.values) m.slots_[static_cast<std::size_t>(v.field)].values.emplace_back(v.from, v.to);
  // Fields without a mapped column: a column named like the field.
  for (std::size_t f = 0; f < kTouchFieldCount; ++f) {
    Slot& s = m.slots_[f];
    bool mapped = false;
    for (const auto& c : map.columns) mapped = mapped || static_cast<std::size_t>(c.first) == f;
    if (mapped) continue;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (same_ignoring_case(names[i], kFieldNames[f])) {
        s.column = static_cast<int>(i);
        s.column_name = std::string(names[i]);
        used[i] = true;
        break;
      }
    }
  }
  auto has = [&](TouchField f) {
    const Slot& s = m.slots_[static_cast<std::size_t>(f)];
    return s.column >= 0 || s.constant.has_value();
  };
  auto columns_list = [&] {
    std::string out;
    for (std::string_view n : names) detail::cat_to(out, out.empty() ? "" : ", ", "\"", n, "\"");
    return out;
  };
  if (!has(TouchField::lead_id)) {
    problem(detail::cat("no column for lead_id: map one, e.g. --column 'lead_id=Contact ID' (the header has ",
                        columns_list(), ")"));
  }
  if (require_timestamp && !has(TouchField::timestamp)) {
    problem(detail::cat("no column for timestamp: map one, e.g. --column 'timestamp=Created Date' (the header has ",
                        columns_list(), ")"));
  }
  if (!has(TouchField::type) && !has(TouchField::channel)) {
    problem(detail::cat("no column for type (or channel): map one, e.g. --column 'type=Activity Type' (the header has ",
                        columns_list(), ")"));
  }
  if (!has(TouchField::event_id)) {
    std::string_view base = source;
    if (auto slash = base.rfind('/'); slash != std::string_view::npos) base.remove_prefix(slash + 1);
    m.event_prefix_ = detail::cat(base, ":");
  }
  auto keep = [&](const std::vector<std::string>& list, std::vector<std::pair<int, std::string>>& out,
                  std::string_view what) {
    for (const std::string& c : list) {
      if (c == "*") {
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (!used[i]) out.emplace_back(static_cast<int>(i), std::string(names[i]));
        }
        continue;
      }
      const int i = find(c);
      if (i < 0) {
        missing(c, what);
        continue;
      }
      out.emplace_back(i, std::string(names[static_cast<std::size_t>(i)]));
    }
  };
  keep(map.properties, m.properties_, "a property");
  keep(map.traits, m.traits_, "a trait");
  if (!problems.empty()) return absl::InvalidArgumentError(problems);
  return m;
}

std::string_view CsvTouchMapper::cell(const CsvRecord& r, const Slot& s, std::string& buf) const {
  std::string_view v;
  if (s.column >= 0 && static_cast<std::size_t>(s.column) < r.fields.size()) v = trim(r.fields[static_cast<std::size_t>(s.column)]);
  for (const auto& [from, to] : s.values) {
    if (v == from) {
      buf = to;
      return buf;
    }
  }
  if (v.empty() && s.constant) return *s.constant;
  return v;
}

bool CsvTouchMapper::apply(const CsvRecord& record, OwnedTouch& out, std::string& what) const {
  out.clear();
  out.source_line = record.line;
  std::string buf;
  auto name_of = [&](TouchField f) {
    const Slot& s = slots_[static_cast<std::size_t>(f)];
    if (s.column >= 0 && static_cast<std::size_t>(s.column) < record.fields.size() &&
        !trim(record.fields[static_cast<std::size_t>(s.column)]).empty()) {
      return detail::cat("column \"", s.column_name, "\" (", to_string(f), ")");
    }
    return detail::cat(to_string(f));
  };
  auto get = [&](TouchField f) { return cell(record, slots_[static_cast<std::size_t>(f)], buf); };

  if (event_prefix_.empty()) {
    out.event_id.assign(get(TouchField::event_id));
    if (out.event_id.empty()) {
      what = detail::cat(name_of(TouchField::event_id), " is empty");
      return false;
    }
  } else {
    out.event_id = detail::cat(event_prefix_, record.line);
  }
  out.lead_id.assign(get(TouchField::lead_id));
  out.account_id.assign(get(TouchField::account_id));
  if (std::string_view ts = get(TouchField::timestamp); !ts.empty()) {
    auto t = timestamp_format_.read(ts);
    if (!t) {
      what = detail::cat(name_of(TouchField::timestamp), ": \"", ts, "\" is not ", timestamp_format_.describe());
      return false;
    }
    out.timestamp = *t;
  } else if (require_timestamp_) {
    what = detail::cat(name_of(TouchField::timestamp), " is empty");
    return false;
  }
  out.type.assign(get(TouchField::type));
  out.channel.assign(get(TouchField::channel));
  out.outcome.assign(get(TouchField::outcome));
  auto axis = [&](TouchField f, auto parse, std::string_view choices, auto& dst) {
    std::string_view v = get(f);
    if (v.empty()) return true;
    if (auto p = parse(v)) {
      dst = *p;
      return true;
    }
    what = detail::cat(name_of(f), ": \"", v, "\" is not one of ", choices,
                       " (map the export's values with a value map)");
    return false;
  };
  if (!axis(TouchField::audience, parse_audience, "one_to_many, one_to_one, unknown", out.audience) ||
      !axis(TouchField::interaction, parse_interaction, "one_way, two_way, unknown", out.interaction) ||
      !axis(TouchField::initiator, parse_initiator, "business, prospect, unknown", out.initiator) ||
      !axis(TouchField::team, parse_team, "marketing, sales, unknown", out.team)) {
    return false;
  }
  if (std::string_view v = get(TouchField::value); !v.empty()) {
    double d = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), d);
    if (r.ec != std::errc{} || r.ptr != v.data() + v.size()) {
      what = detail::cat(name_of(TouchField::value), ": \"", v, "\" is not a number (write 1234.5)");
      return false;
    }
    out.value = d;
  }
  out.campaign.source.assign(get(TouchField::utm_source));
  out.campaign.medium.assign(get(TouchField::utm_medium));
  out.campaign.name.assign(get(TouchField::utm_campaign));
  out.campaign.term.assign(get(TouchField::utm_term));
  out.campaign.content.assign(get(TouchField::utm_content));
  // Kept columns: empty cells are left out.
  auto keep = [&](const std::vector<std::pair<int, std::string>>& columns, std::vector<OwnedProperty>& dst) {
    for (const auto& [i, name] : columns) {
      if (static_cast<std::size_t>(i) >= record.fields.size()) continue;
      const std::string_view v = trim(record.fields[static_cast<std::size_t>(i)]);
      if (!v.empty()) dst.push_back({name, std::string(v)});
    }
  };
  keep(properties_, out.properties);
  keep(traits_, out.traits);
  return true;
}

}  // namespace v0
}  // namespace doorway
