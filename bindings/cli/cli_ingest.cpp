// doorway command line — a touch input into an engine (see cli_ingest.hpp).
#include "cli_ingest.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "cli_progress.hpp"
#include "doorway/timestamp.hpp"

namespace doorway::cli {

namespace {
// Small enough that the batch's touches (~0.5 kB each) stay in the core's L2
// cache between being parsed and being applied; large enough for the engine's
// prefetch pipeline (16 touches deep) to run at full depth.
constexpr std::size_t kBatch = 256;
}  // namespace

Engine& engine_for_command(std::shared_ptr<const Model> model) {
  return *new Engine(std::move(model));  // NOLINT: released by the process's exit (see the header)
}

IngestOutcome ingest_input(TouchInput& input, Engine& engine, bool strict, bool quiet, std::string_view verb) {
  Progress progress(std::string(verb), Progress::wanted(quiet));
  std::vector<OwnedTouch> batch(kBatch);
  std::vector<Touch> views;
  views.reserve(kBatch);
  std::size_t filled = 0;
  IngestOutcome outcome;

  // Diagnostics of the current batch, printed in line order once it is ingested.
  struct Diagnostic {
    std::uint64_t line;
    std::string text;
    bool bad;  // unreadable or invalid: stops a --strict run
  };
  std::vector<Diagnostic> diagnostics;

  auto ingest = [&] {
    views.clear();
    for (std::size_t i = 0; i < filled; ++i) views.push_back(batch[i].view());
    const IngestResult r = engine.ingest(views);
    for (const Rejection& rej : r.rejections) {
      const std::uint64_t line = batch[rej.index].source_line;
      diagnostics.push_back({line,
                             input.name() + ":" + std::to_string(line) + ": " + std::string(to_string(rej.kind)) +
                                 ": " + rej.reason,
                             rej.kind == RejectKind::invalid});
    }
    filled = 0;
    if (diagnostics.empty()) return;
    progress.finish();
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    for (const Diagnostic& d : diagnostics) {
      std::cerr << d.text << '\n';
      if (strict && d.bad) {
        outcome.stopped = true;
        break;
      }
    }
    diagnostics.clear();
  };

  ReadError error;
  for (ReadStatus s; !outcome.stopped && (s = input.next(batch[filled], error)) != ReadStatus::end;) {
    if (s == ReadStatus::error) {
      diagnostics.push_back({error.line, error.message(), true});
      if (strict) ingest();
      continue;
    }
    progress.tick(++outcome.read, engine.lead_count());
    if (++filled == kBatch) ingest();
  }
  if (!outcome.stopped) ingest();
  progress.finish();
  if (outcome.stopped) std::cerr << verb << ": stopped at the first bad line (--strict)\n";
  return outcome;
}

void advance_after_input(Engine& engine, std::optional<Timestamp> as_of, std::string_view verb) {
  if (engine.lead_count() > 0) {
    const Timestamp latest = engine.watermark();
    if (as_of && *as_of < latest) {
      std::cerr << verb << ": --as-of " << format_iso8601(*as_of) << " is before the latest touch ("
                << format_iso8601(latest) << "); reading the leads as of the latest touch\n";
    }
    engine.advance(as_of.value_or(latest));
  } else if (as_of) {
    engine.advance(*as_of);
  }
}

void print_ingest_summary(const Engine& engine, const TouchInput& input, std::string_view verb) {
  const IngestStats& st = engine.stats();
  const TouchFileReader& reader = input.reader();
  std::cerr << verb << ": accepted " << st.accepted << ", duplicate " << st.duplicate << ", late " << st.late
            << ", invalid " << st.invalid + reader.errors() << " (" << engine.lead_count()
            << (engine.lead_count() == 1 ? " lead" : " leads");
  if (engine.lead_count() > 0) std::cerr << " as of " << format_iso8601(engine.now());
  std::cerr << ")";
  if (const std::uint64_t skipped = reader.skipped()) {
    std::cerr << "; " << skipped << " Segment identify/group/alias " << (skipped == 1 ? "call" : "calls")
              << " skipped (no touch)";
  }
  std::cerr << "\n";
}

}  // namespace doorway::cli
