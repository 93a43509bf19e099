// doorway — column maps: how the columns of a CSV export become touches.
//
// A map names, for canonical touch fields, the column that holds them, constant
// values, value maps and the timestamp format; it comes from a small JSON file,
// from command-line options, or both (options add to the file and win):
//
//   {"format": "doorway.csv_map", "version": 1,
//    "columns":   {"event_id": "Activity ID", "lead_id": "Contact ID",
//                  "timestamp": "Activity Date", "type": "Activity Type",
//                  "value": "Amount", "utm_source": "UTM Source"},
//    "constants": {"interaction": "one_way"},
//    "values":    {"type": {"Email Open": "email_campaign_open", "Call": "phone_call"}},
//    "timestamp_format": "%m/%d/%Y %H:%M",
//    "utc_offset": "-05:00",
//    "properties": ["Campaign"], "traits": ["Industry"],
//    "delimiter": ","}
//
// Fields: event_id lead_id account_id timestamp type channel audience interaction
// initiator team value outcome utm_source utm_medium utm_campaign utm_term
// utm_content. A field without a mapped column takes the column named like it,
// if there is one (any case), so a file with canonical headers needs no map. A
// constant fills its field on every row whose cell is empty or absent. A value
// map replaces a cell's exact (trimmed) text; other texts pass unchanged. Without
// an event_id column, a row's event id is "FILE:LINE" (its file name and line).
// `properties` and `traits` list columns kept under their own names (empty cells
// left out); "*" in `properties` keeps every column no field uses.
//
// Compiled in src/column_map.cpp. Thread-safety: maps and bound mappers are
// immutable once built and may be shared.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "doorway/csv.hpp"
#include "doorway/csv_timestamp.hpp"
#include "doorway/touch_reader.hpp"

namespace doorway {
inline namespace v0 {

enum class TouchField : std::uint8_t {
  event_id, lead_id, account_id, timestamp, type, channel, audience, interaction, initiator, team,
  value, outcome, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
};
inline constexpr std::size_t kTouchFieldCount = 17;

std::string_view to_string(TouchField f) noexcept;
std::optional<TouchField> parse_touch_field(std::string_view name) noexcept;

struct ValueMapping {
  TouchField field = TouchField::type;
  std::string from;
  std::string to;
};

struct ColumnMap {
  std::vector<std::pair<TouchField, std::string>> columns;    // field <- column name
  std::vector<std::pair<TouchField, std::string>> constants;  // field = value
  std::vector<ValueMapping> values;
  TimestampFormat timestamp_format;
  std::vector<std::string> properties;
  std::vector<std::string> traits;
  char delimiter = ',';

  // Command-line forms; each returns InvalidArgument with a did-you-mean for an
  // unknown field. A later entry for the same field replaces an earlier one.
  absl::Status add_column(std::string_view spec);    // FIELD=COLUMN
  absl::Status add_constant(std::string_view spec);  // FIELD=VALUE
  absl::Status add_value(std::string_view spec);     // FIELD:FROM=TO
  absl::Status set_timestamp_format(std::string_view spec);
  absl::Status set_utc_offset(std::string_view spec);  // "+02:00", "-0500", "Z"
  absl::Status set_delimiter(std::string_view spec);   // one character, or "tab"
};

// Reads a map file; InvalidArgument listing every problem, one per line, as
// SOURCE:LINE:COLUMN: PATH: message.
absl::StatusOr<ColumnMap> load_column_map_json(std::string_view text, std::string_view source);

// A map bound to a file's header row: column indexes resolved once.
class CsvTouchMapper {
 public:
  // Binds `map` to `header`. Errors name the file and the column, with the
  // closest header name: `crm.csv: column "Contact Id" (lead_id) is not in the
  // header (did you mean "Contact ID"?)`, and say which required field has no
  // column (lead_id, timestamp when `require_timestamp`, and type or channel).
  static absl::StatusOr<CsvTouchMapper> bind(const ColumnMap& map, std::span<const std::string_view> header,
                                             std::string_view source, bool require_timestamp = true);

  // One record into `out` (cleared first; out.source_line = record.line). False
  // with `what` naming the column and field when a cell cannot be read.
  bool apply(const CsvRecord& record, OwnedTouch& out, std::string& what) const;

 private:
  struct Slot {
    int column = -1;  // -1: none
    std::string column_name;
    std::optional<std::string> constant;
    std::vector<std::pair<std::string, std::string>> values;
  };
  std::string_view cell(const CsvRecord& r, const Slot& s, std::string& buf) const;

  Slot slots_[kTouchFieldCount];
  std::vector<std::pair<int, std::string>> properties_;
  std::vector<std::pair<int, std::string>> traits_;
  TimestampFormat timestamp_format_;
  std::string event_prefix_;  // "FILE:" when event ids come from line numbers
  bool require_timestamp_ = true;
};

}  // namespace v0
}  // namespace doorway
