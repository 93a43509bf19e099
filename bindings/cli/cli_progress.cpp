// doorway command line — progress on standard error (see cli_progress.hpp). The
// command reads the clock here, for people; the library never does.
#include "cli_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace doorway::cli {

namespace {

std::string human(double v) {
  char buf[32];
  if (v >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
  } else if (v >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

}  // namespace

Progress::Progress(std::string verb, bool enabled)
    : verb_(std::move(verb)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

bool Progress::wanted(bool quiet) { return !quiet && ::isatty(2) == 1; }

void Progress::draw(std::uint64_t touches, std::uint64_t leads, bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? static_cast<double>(touches) / secs : 0;
  std::fprintf(stderr, "\r%s: %s touches, %s touches/s, %s leads, %.1f s\033[K", verb_.c_str(),
               human(static_cast<double>(touches)).c_str(), human(rate).c_str(),
               human(static_cast<double>(leads)).c_str(), secs);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::finish() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace doorway::cli
