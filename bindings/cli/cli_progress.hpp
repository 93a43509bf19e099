// doorway command line — progress on standard error for long runs: touches read,
// touches a second, leads, elapsed time, on one line rewritten in place. Shown
// only when standard error is a terminal and --quiet is not given.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace doorway::cli {

class Progress {
 public:
  // `verb` prefixes the line ("doorway run"); `enabled` is usually
  // Progress::wanted(quiet).
  Progress(std::string verb, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // True when standard error is a terminal and not `quiet`.
  static bool wanted(bool quiet);

  // Cheap to call per touch: looks at the clock every 16384 calls and redraws at
  // most twice a second.
  void tick(std::uint64_t touches, std::uint64_t leads) {
    if (!enabled_ || (++calls_ & 0x3FFF) != 0) return;
    draw(touches, leads, false);
  }
  // Clears the line (call before printing anything else to stderr).
  void finish();

 private:
  void draw(std::uint64_t touches, std::uint64_t leads, bool force);

  std::string verb_;
  bool enabled_;
  bool shown_ = false;
  std::uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace doorway::cli
