// doorway — reading touches: the same generated touches as canonical JSON Lines,
// Segment events, CSV, and gzip'ed JSON Lines, parsed from memory into
// OwnedTouch, against a baseline in the same run: splitting the same JSON Lines
// bytes into lines (LineReader, memchr) and touching each line's first byte, the
// least any line-oriented reader must do; and the JSON lines through the parser
// alone with its flat-line fast path on and off. Figures and how to read them:
// bench/README.md, "Reading touches".
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdint>
#include <string>

#include "doorway/channel_rules.hpp"
#include "doorway/column_map.hpp"
#include "doorway/default_model.hpp"
#include "doorway/generate.hpp"
#include "doorway/segment.hpp"
#include "doorway/timestamp.hpp"
#include "doorway/touch_file_reader.hpp"
#include "doorway/touch_reader.hpp"
#include "doorway/touch_reader_bytes.hpp"

namespace {

using namespace doorway;

constexpr std::uint64_t kTouches = 200'000;

GenerateOptions options() {
  GenerateOptions o;
  o.seed = 42;
  o.leads = kTouches / 4;
  o.max_touches = kTouches;
  return o;
}

const std::string& jsonl() {
  static const std::string text = [] {
    std::string s;
    JourneyGenerator g(options());
    OwnedTouch t;
    while (g.next(t)) {
      append_touch_json(s, t);
      s += '\n';
    }
    return s;
  }();
  return text;
}

// The same touches as Segment track calls (event names in title case, so each goes
// through the catalog's event-name map).
const std::string& segment() {
  static const std::string text = [] {
    std::string s;
    JourneyGenerator g(options());
    OwnedTouch t;
    while (g.next(t)) {
      std::string name;
      bool up = true;
      for (char c : t.type) {
        if (c == '_') {
          name += ' ';
          up = true;
        } else {
          name += up ? static_cast<char>(c - 'a' + 'A') : c;
          up = false;
        }
      }
      s += R"({"type":"track","messageId":")" + t.event_id + R"(","userId":")" + t.lead_id + R"(","event":")" +
           name + R"(","timestamp":")" + format_iso8601(t.timestamp) + R"(","properties":{"channel":")" +
           t.channel + R"("},"context":{"groupId":")" + t.account_id + "\"}}\n";
    }
    return s;
  }();
  return text;
}

const std::string& csv() {
  static const std::string text = [] {
    std::string s = "event_id,lead_id,account_id,timestamp,type,channel,outcome,value\n";
    JourneyGenerator g(options());
    OwnedTouch t;
    while (g.next(t)) {
      s += t.event_id + "," + t.lead_id + "," + t.account_id + "," + format_iso8601(t.timestamp) + "," + t.type +
           "," + t.channel + "," + t.outcome + "," + (t.value ? std::to_string(*t.value) : std::string()) + "\n";
    }
    return s;
  }();
  return text;
}

const std::string& jsonl_gz() {
  static const std::string text = [] {
    const std::string& in = jsonl();
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, in.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
  }();
  return text;
}

void BM_LineSplit(benchmark::State& state) {
  const std::string& text = jsonl();
  std::uint64_t lines = 0;
  for (auto _ : state) {
    auto in = ByteInput::from_string(text, "bench.jsonl");
    LineReader reader(*in);
    std::string_view line;
    unsigned sum = 0;
    while (*reader.next(line)) sum += static_cast<unsigned char>(line[0]);
    benchmark::DoNotOptimize(sum);
    lines = reader.line_number();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(lines) * state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * state.iterations());
}

void read_all(benchmark::State& state, const std::string& text, InputFormat format, bool with_maps) {
  static const SegmentEventMap events(default_model()->catalog());
  TouchFileOptions o;
  o.format = format;
  if (with_maps) {
    o.events = &events;
    o.channels = default_channel_rules().get();
  }
  std::uint64_t n = 0;
  for (auto _ : state) {
    auto r = TouchFileReader::from_input(ByteInput::from_string(text, "bench"), o);
    OwnedTouch t;
    ReadError err;
    n = 0;
    for (;;) {
      absl::StatusOr<ReadStatus> s = (*r)->next(t, err);
      if (*s == ReadStatus::end) break;
      if (*s == ReadStatus::touch) ++n;
    }
    benchmark::DoNotOptimize(t.timestamp);
    if (n != kTouches) state.SkipWithError("not every touch was read");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n) * state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * state.iterations());
}

void BM_ParseJsonl(benchmark::State& state) { read_all(state, jsonl(), InputFormat::automatic, true); }
void BM_ParseJsonlGzip(benchmark::State& state) { read_all(state, jsonl_gz(), InputFormat::automatic, true); }
void BM_ParseSegment(benchmark::State& state) { read_all(state, segment(), InputFormat::segment, true); }
void BM_ParseCsv(benchmark::State& state) { read_all(state, csv(), InputFormat::csv, true); }

// The lines through TouchJsonParser alone (LineReader + parse, no TouchFileReader),
// with the flat-line fast path on (argument 1) or off (0, simdjson for every line):
// what the scanner saves on the same bytes in the same run.
void parse_lines(benchmark::State& state, const std::string& text, JsonDialect dialect) {
  static const SegmentEventMap events(default_model()->catalog());
  TouchReaderOptions o;
  o.dialect = dialect;
  o.events = &events;
  o.channels = default_channel_rules().get();
  o.fast_path = state.range(0) != 0;
  std::uint64_t n = 0;
  for (auto _ : state) {
    auto in = ByteInput::from_string(text, "bench");
    LineReader lines(*in);
    TouchJsonParser parser(o);
    OwnedTouch t;
    std::string what;
    std::string_view line;
    n = 0;
    while (*lines.next(line)) {
      if (parser.parse(line, t, what, true) == ParseResult::touch) ++n;
    }
    benchmark::DoNotOptimize(t.timestamp);
    if (n != kTouches) state.SkipWithError("not every touch was read");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n) * state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * state.iterations());
}

void BM_ParserJsonl(benchmark::State& state) { parse_lines(state, jsonl(), JsonDialect::automatic); }
void BM_ParserSegment(benchmark::State& state) { parse_lines(state, segment(), JsonDialect::segment); }

BENCHMARK(BM_LineSplit)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseJsonl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseJsonlGzip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseSegment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParserJsonl)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParserSegment)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
