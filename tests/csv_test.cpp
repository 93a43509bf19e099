// Tests for the CSV record reader (RFC 4180: quotes, doubled quotes, CRLF,
// embedded line breaks, BOM) and the byte input under it (gzip recognised by its
// magic bytes). Every expected record is read off the input text by hand; the gzip
// bytes are built here from the RFC 1951/1952 formats with a stored (uncompressed)
// block and a CRC-32 computed by a bitwise implementation written in this test.
#include "doorway/csv.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "doorway/touch_reader_bytes.hpp"

namespace doorway {
namespace {

std::vector<std::vector<std::string>> records(std::string text, char delimiter = ',',
                                              std::vector<std::uint64_t>* lines = nullptr) {
  auto in = ByteInput::from_string(std::move(text), "t.csv");
  CsvReader reader(*in, delimiter);
  CsvRecord r;
  std::string what;
  std::vector<std::vector<std::string>> out;
  for (;;) {
    absl::StatusOr<CsvStatus> s = reader.next(r, what);
    EXPECT_TRUE(s.ok());
    if (!s.ok() || *s == CsvStatus::end) break;
    EXPECT_EQ(*s, CsvStatus::record) << what;
    out.emplace_back(r.fields.begin(), r.fields.end());
    if (lines) lines->push_back(r.line);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, PlainFieldsAndRecords) {
  EXPECT_EQ(records("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  // The last record may lack its line break; empty fields are kept.
  EXPECT_EQ(records("a,,c\n,2,"), (Rows{{"a", "", "c"}, {"", "2", ""}}));
}

TEST(Csv, CrlfAndBlankLines) {
  std::vector<std::uint64_t> lines;
  EXPECT_EQ(records("a,b\r\n\r\n1,2\r\n\n3,4\r\n", ',', &lines), (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
  // Records start on lines 1, 3 and 5 (lines 2 and 4 are blank).
  EXPECT_EQ(lines, (std::vector<std::uint64_t>{1, 3, 5}));
}

TEST(Csv, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  std::vector<std::uint64_t> lines;
  const Rows got = records(
      "name,note\n"
      "\"Smith, Ann\",\"said \"\"hi\"\"\"\n"
      "\"Bo\",\"line one\r\nline two\"\n"
      "Cy,\"\"\n",
      ',', &lines);
  EXPECT_EQ(got, (Rows{{"name", "note"},
                       {"Smith, Ann", "said \"hi\""},
                       {"Bo", "line one\r\nline two"},
                       {"Cy", ""}}));
  // The record with the embedded line break starts on line 3; the next on line 5.
  EXPECT_EQ(lines, (std::vector<std::uint64_t>{1, 2, 3, 5}));
}

TEST(Csv, AQuoteInsideAnUnquotedFieldIsKept) {
  EXPECT_EQ(records("5\" disk,x\n"), (Rows{{"5\" disk", "x"}}));
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(records("\xEF\xBB\xBFid,type\n1,tv_ad\n"), (Rows{{"id", "type"}, {"1", "tv_ad"}}));
  // Without one, a first byte is not lost.
  EXPECT_EQ(records("x\n"), (Rows{{"x"}}));
}

TEST(Csv, OtherDelimiters) {
  EXPECT_EQ(records("a;b\n\"c;d\";e\n", ';'), (Rows{{"a", "b"}, {"c;d", "e"}}));
  EXPECT_EQ(records("a\tb\n", '\t'), (Rows{{"a", "b"}}));
}

TEST(Csv, TextAfterAClosingQuoteIsAnErrorAndReadingGoesOn) {
  auto in = ByteInput::from_string("a,b\n\"x\"y,2\n3,4\n", "t.csv");
  CsvReader reader(*in);
  CsvRecord r;
  std::string what;
  ASSERT_EQ(*reader.next(r, what), CsvStatus::record);
  ASSERT_EQ(*reader.next(r, what), CsvStatus::error);
  EXPECT_EQ(r.line, 2u);
  EXPECT_NE(what.find("after a closing quote"), std::string::npos) << what;
  ASSERT_EQ(*reader.next(r, what), CsvStatus::record);
  EXPECT_EQ(r.line, 3u);
  EXPECT_EQ(std::vector<std::string>(r.fields.begin(), r.fields.end()), (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(*reader.next(r, what), CsvStatus::end);
}

TEST(Csv, AnUnclosedQuoteIsReportedWithTheLineItOpensOn) {
  auto in = ByteInput::from_string("a\n\"open\nstill open\n", "t.csv");
  CsvReader reader(*in);
  CsvRecord r;
  std::string what;
  ASSERT_EQ(*reader.next(r, what), CsvStatus::record);
  ASSERT_EQ(*reader.next(r, what), CsvStatus::error);
  EXPECT_EQ(what, "a quoted field opened on line 2 is never closed");
}

// --- gzip, built by hand --------------------------------------------------------

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit.
std::uint32_t crc32(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// One gzip member (RFC 1952) holding `data` in one stored deflate block (RFC 1951
// 3.2.4: BFINAL=1, BTYPE=00, then LEN and its one's complement, little-endian).
std::string gzip_stored(const std::string& data) {
  std::string out = {'\x1f', '\x8b', '\x08', '\x00', '\0', '\0', '\0', '\0', '\x00', '\xff'};
  out += '\x01';
  const auto len = static_cast<std::uint16_t>(data.size());
  out += static_cast<char>(len & 0xFF);
  out += static_cast<char>(len >> 8);
  out += static_cast<char>(~len & 0xFF);
  out += static_cast<char>((~len >> 8) & 0xFF);
  out += data;
  put32(out, crc32(data));
  put32(out, static_cast<std::uint32_t>(data.size()));
  return out;
}

TEST(Crc32, KnownValue) {
  // The standard check value of CRC-32 for "123456789".
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
}

std::string read_everything(ByteInput& in) {
  std::string out;
  char buf[7];  // small, to cross buffer edges
  for (;;) {
    absl::StatusOr<std::size_t> n = in.read(buf, sizeof buf);
    EXPECT_TRUE(n.ok()) << n.status();
    if (!n.ok() || *n == 0) break;
    out.append(buf, *n);
  }
  return out;
}

TEST(ByteInput, GzipIsRecognisedByItsMagicBytes) {
  auto in = ByteInput::from_string(gzip_stored("id,type\n1,tv_ad\n"), "t.csv.gz");
  EXPECT_EQ(read_everything(*in), "id,type\n1,tv_ad\n");
  EXPECT_TRUE(in->gzip());
  auto plain = ByteInput::from_string("id,type\n", "t.csv");
  EXPECT_EQ(read_everything(*plain), "id,type\n");
  EXPECT_FALSE(plain->gzip());
}

TEST(ByteInput, ConcatenatedGzipMembersReadAsOneStream) {
  auto in = ByteInput::from_string(gzip_stored("a,b\n") + gzip_stored("c,d\n"), "t.csv.gz");
  EXPECT_EQ(read_everything(*in), "a,b\nc,d\n");
}

TEST(ByteInput, ATruncatedGzipStreamIsAnError) {
  std::string gz = gzip_stored("a,b\nc,d\n");
  gz.resize(gz.size() - 6);  // cut into the CRC
  auto in = ByteInput::from_string(gz, "t.csv.gz");
  char buf[64];
  absl::Status status;
  for (;;) {
    absl::StatusOr<std::size_t> n = in->read(buf, sizeof buf);
    if (!n.ok()) {
      status = n.status();
      break;
    }
    if (*n == 0) break;
  }
  EXPECT_FALSE(status.ok());
  EXPECT_NE(std::string(status.message()).find("t.csv.gz"), std::string::npos) << status;
}

TEST(LineReader, SplitsLinesDropsCrAndTheBom) {
  auto in = ByteInput::from_string("\xEF\xBB\xBF" "one\r\ntwo\n\nthree", "t.jsonl");
  LineReader lines(*in, 4);  // a tiny chunk: lines cross buffer refills
  std::vector<std::string> got;
  std::string_view line;
  for (;;) {
    absl::StatusOr<bool> more = lines.next(line);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    got.emplace_back(line);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"one", "two", "", "three"}));
  EXPECT_EQ(lines.line_number(), 4u);
}

TEST(ByteInput, AMissingFileSaysWhich) {
  auto in = ByteInput::open("/nonexistent/touches.jsonl");
  ASSERT_FALSE(in.ok());
  EXPECT_NE(std::string(in.status().message()).find("cannot open \"/nonexistent/touches.jsonl\""),
            std::string::npos);
}

}  // namespace
}  // namespace doorway
