// Tests for column maps: binding to a CSV header (errors with did-you-mean),
// canonical headers without a map, constants, value maps, generated event ids,
// timestamps, and the map file's problems with their positions. Expected touches
// are read off the rows by hand; instants as in csv_timestamp_test.cpp
// (2024-03-01T00:00:00Z = 1709251200 s).
#include "doorway/column_map.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doorway/touch_file_reader.hpp"

namespace doorway {
namespace {

constexpr Timestamp kMarch1 = 1709251200LL * kSecond;

std::vector<std::string_view> header(const std::vector<std::string>& names) {
  return std::vector<std::string_view>(names.begin(), names.end());
}

CsvRecord record(const std::vector<std::string>& cells, std::uint64_t line) {
  CsvRecord r;
  r.fields.assign(cells.begin(), cells.end());
  r.line = line;
  return r;
}

TEST(ColumnMap, MapsColumnsConstantsAndValues) {
  ColumnMap map;
  ASSERT_TRUE(map.add_column("event_id=Activity ID").ok());
  ASSERT_TRUE(map.add_column("lead_id=Contact").ok());
  ASSERT_TRUE(map.add_column("timestamp=When").ok());
  ASSERT_TRUE(map.add_column("type=Kind").ok());
  ASSERT_TRUE(map.add_column("value=Amount").ok());
  ASSERT_TRUE(map.add_column("utm_source=Src").ok());
  ASSERT_TRUE(map.add_column("utm_medium=Med").ok());
  ASSERT_TRUE(map.add_constant("interaction=one_way").ok());
  ASSERT_TRUE(map.add_value("type:Impression=display_ad").ok());
  ASSERT_TRUE(map.add_value("type: Call = phone_call").ok());
  ASSERT_TRUE(map.set_timestamp_format("%m/%d/%Y").ok());
  map.traits = {"Industry"};
  const std::vector<std::string> names = {"Activity ID", "Contact", "When", "Kind", "Amount", "Src", "Med",
                                          "Industry", "Notes"};
  const auto h = header(names);
  absl::StatusOr<CsvTouchMapper> m = CsvTouchMapper::bind(map, h, "crm.csv");
  ASSERT_TRUE(m.ok()) << m.status();

  OwnedTouch t;
  std::string what;
  ASSERT_TRUE(m->apply(record({"A-1", "c-7", "03/01/2024", "Impression", "", "google", "cpc", "Retail", "x"}, 2),
                       t, what))
      << what;
  EXPECT_EQ(t.event_id, "A-1");
  EXPECT_EQ(t.lead_id, "c-7");
  EXPECT_EQ(t.timestamp, kMarch1);
  EXPECT_EQ(t.type, "display_ad");  // value map
  EXPECT_EQ(t.interaction, Interaction::one_way);  // constant
  EXPECT_FALSE(t.value.has_value());  // empty cell
  EXPECT_EQ(t.campaign.source, "google");
  EXPECT_EQ(t.campaign.medium, "cpc");
  ASSERT_EQ(t.traits.size(), 1u);
  EXPECT_EQ(t.traits[0], (OwnedProperty{"Industry", "Retail"}));
  EXPECT_TRUE(t.properties.empty());
  EXPECT_EQ(t.source_line, 2u);

  // Unmapped values pass unchanged; a missing trailing cell reads as empty.
  ASSERT_TRUE(m->apply(record({"A-2", "c-7", "3/2/2024", "Call", "12.5"}, 3), t, what)) << what;
  EXPECT_EQ(t.type, "phone_call");
  EXPECT_EQ(t.timestamp, kMarch1 + kDay);
  EXPECT_EQ(t.value, 12.5);
  EXPECT_TRUE(t.traits.empty());
  ASSERT_TRUE(m->apply(record({"A-3", "c-8", "3/2/2024", "webinar_attended"}, 4), t, what)) << what;
  EXPECT_EQ(t.type, "webinar_attended");
}

TEST(ColumnMap, CellErrorsNameTheColumnAndField) {
  ColumnMap map;
  ASSERT_TRUE(map.add_column("lead_id=Who").ok());
  ASSERT_TRUE(map.add_column("timestamp=When").ok());
  ASSERT_TRUE(map.add_column("type=What").ok());
  ASSERT_TRUE(map.add_column("audience=Reach").ok());
  ASSERT_TRUE(map.add_column("value=Amount").ok());
  ASSERT_TRUE(map.set_timestamp_format("%m/%d/%Y").ok());
  const std::vector<std::string> names = {"Who", "When", "What", "Reach", "Amount"};
  const auto h = header(names);
  auto m = CsvTouchMapper::bind(map, h, "crm.csv");
  ASSERT_TRUE(m.ok()) << m.status();
  OwnedTouch t;
  std::string what;
  EXPECT_FALSE(m->apply(record({"a", "2024-03-01", "tv_ad", "", ""}, 5), t, what));
  EXPECT_EQ(what, "column \"When\" (timestamp): \"2024-03-01\" is not the pattern %m/%d/%Y");
  EXPECT_FALSE(m->apply(record({"a", "3/1/2024", "tv_ad", "everyone", ""}, 6), t, what));
  EXPECT_EQ(what,
            "column \"Reach\" (audience): \"everyone\" is not one of one_to_many, one_to_one, unknown (map the "
            "export's values with a value map)");
  EXPECT_FALSE(m->apply(record({"a", "3/1/2024", "tv_ad", "", "$12"}, 7), t, what));
  EXPECT_EQ(what, "column \"Amount\" (value): \"$12\" is not a number (write 1234.5)");
  EXPECT_FALSE(m->apply(record({"a", "", "tv_ad"}, 8), t, what));
  EXPECT_EQ(what, "timestamp is empty");
}

TEST(ColumnMap, WithoutAnEventIdColumnTheRowsPlaceIsTheId) {
  ColumnMap map;
  const std::vector<std::string> names = {"Lead_ID", "timestamp", "type"};  // canonical names, any case
  const auto h = header(names);
  auto m = CsvTouchMapper::bind(map, h, "exports/crm.csv");
  ASSERT_TRUE(m.ok()) << m.status();
  OwnedTouch t;
  std::string what;
  ASSERT_TRUE(m->apply(record({"ann", "2024-03-01T00:00:00Z", "tv_ad"}, 12), t, what)) << what;
  EXPECT_EQ(t.event_id, "crm.csv:12");
  EXPECT_EQ(t.lead_id, "ann");
  EXPECT_EQ(t.timestamp, kMarch1);
}

TEST(ColumnMap, BindingErrorsSayWhatIsMissing) {
  ColumnMap map;
  ASSERT_TRUE(map.add_column("lead_id=Contakt ID").ok());
  const std::vector<std::string> names = {"Contact ID", "Date", "Activity"};
  const auto h = header(names);
  auto m = CsvTouchMapper::bind(map, h, "crm.csv");
  ASSERT_FALSE(m.ok());
  const std::string msg(m.status().message());
  EXPECT_NE(msg.find("crm.csv: column \"Contakt ID\" (lead_id) is not in the header (did you mean \"Contact ID\"?)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("crm.csv: no column for timestamp"), std::string::npos) << msg;
  EXPECT_NE(msg.find("crm.csv: no column for type (or channel)"), std::string::npos) << msg;
}

TEST(ColumnMap, CommandLineFormsAreChecked) {
  ColumnMap map;
  absl::Status s = map.add_column("lead=Contact");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(std::string(s.message()), "unknown touch field \"lead\" (did you mean \"lead_id\"?)");
  EXPECT_FALSE(map.add_column("lead_id").ok());
  EXPECT_FALSE(map.add_value("type=display_ad").ok());
  EXPECT_FALSE(map.set_utc_offset("+25:00").ok());
  EXPECT_TRUE(map.set_utc_offset("-05:00").ok());
  EXPECT_EQ(map.timestamp_format.utc_offset(), -5 * kHour);
  // A format set later keeps the offset.
  EXPECT_TRUE(map.set_timestamp_format("%F %H:%M").ok());
  EXPECT_EQ(map.timestamp_format.read("2024-03-01 00:00"), kMarch1 + 5 * kHour);
  EXPECT_TRUE(map.set_delimiter("tab").ok());
  EXPECT_EQ(map.delimiter, '\t');
  EXPECT_FALSE(map.set_delimiter(";;").ok());
}

TEST(ColumnMapFile, ReadsEveryPart) {
  auto map = load_column_map_json(R"({
  "format": "doorway.csv_map", "version": 1,
  "columns": {"lead_id": "Contact ID", "timestamp": "Date", "type": "Activity"},
  "constants": {"audience": "one_to_many"},
  "values": {"type": {"Email Open": "email_campaign_open"}},
  "timestamp_format": "%d/%m/%Y",
  "utc_offset": "+01:00",
  "properties": ["*"],
  "delimiter": ";"
})",
                                  "map.json");
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->columns.size(), 3u);
  EXPECT_EQ(map->delimiter, ';');
  // 01/03/2024 at +01:00 is 2024-02-29T23:00:00Z.
  EXPECT_EQ(map->timestamp_format.read("01/03/2024"), kMarch1 - kHour);

  // Through the whole reader: properties "*" keeps the column no field uses.
  TouchFileOptions options;
  options.column_map = &*map;
  auto reader = TouchFileReader::from_input(
      ByteInput::from_string("Contact ID;Date;Activity;Note\nann;01/03/2024;Email Open;hi\n", "crm.csv"), options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->format(), InputFormat::csv);
  OwnedTouch t;
  ReadError err;
  ASSERT_EQ(*(*reader)->next(t, err), ReadStatus::touch) << err.message();
  EXPECT_EQ(t.type, "email_campaign_open");
  EXPECT_EQ(t.audience, Audience::one_to_many);
  ASSERT_EQ(t.properties.size(), 1u);
  EXPECT_EQ(t.properties[0], (OwnedProperty{"Note", "hi"}));
  EXPECT_EQ(*(*reader)->next(t, err), ReadStatus::end);
}

TEST(ColumnMapFile, ProblemsAreLocated) {
  // Line 2: `  "columns": {"lead": "Contact ID"},` — the key "lead" opens at column 15.
  auto map = load_column_map_json("{\n  \"columns\": {\"lead\": \"Contact ID\"},\n  \"timestamp_formt\": \"%m\"\n}",
                                  "map.json");
  ASSERT_FALSE(map.ok());
  const std::string msg(map.status().message());
  EXPECT_NE(msg.find("map.json:2:15: columns.lead: unknown touch field \"lead\" (did you mean \"lead_id\"?)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("map.json:3:3: timestamp_formt: unknown key (did you mean \"timestamp_format\"?)"),
            std::string::npos)
      << msg;
}

}  // namespace
}  // namespace doorway
