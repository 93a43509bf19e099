// doorway benchmarks — a console reporter that also keeps each benchmark's CPU time
// per iteration (the median aggregate when there are repetitions, else the single
// run), so a suite can print its ratio to the baseline of the same run at the end.
#pragma once

#include <benchmark/benchmark.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace doorway::bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  // `print` runs after the table, with this reporter to read times from.
  explicit RatioReporter(std::function<void(const RatioReporter&)> print) : print_(std::move(print)) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      const std::string name = run.run_name.function_name;
      if (run.run_type == Run::RT_Aggregate) {
        if (run.aggregate_name == "median") median_[name] = run.GetAdjustedCPUTime();
      } else if (!run.error_occurred) {
        single_[name] = run.GetAdjustedCPUTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    print_(*this);
  }

  // CPU time per iteration of the benchmark function `name`; 0 when it did not run.
  double time_of(const std::string& name) const {
    if (auto it = median_.find(name); it != median_.end()) return it->second;
    if (auto it = single_.find(name); it != single_.end()) return it->second;
    return 0;
  }
  // "medians" or "single run": what time_of() reads.
  const char* kind() const { return median_.empty() ? "single run" : "medians"; }

 private:
  std::function<void(const RatioReporter&)> print_;
  std::map<std::string, double> median_;
  std::map<std::string, double> single_;
};

}  // namespace doorway::bench
