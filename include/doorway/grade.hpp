// doorway — the fit-grade letter scale, F < D- < D < D+ < C- < … < A < A+, the
// scale Pardot grades prospects on (see fit_grade_policy.hpp). Each step is a
// third of a letter; F sits one step below D-, so D to A+ is ten steps. A grade
// is stored and compared as its rank: F = 0, D = 2, C = 5, B = 8, A = 11, A+ = 12.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace doorway {
inline namespace v0 {

enum class Grade : std::uint8_t {
  F = 0,
  D_minus = 1,
  D = 2,
  D_plus = 3,
  C_minus = 4,
  C = 5,
  C_plus = 6,
  B_minus = 7,
  B = 8,
  B_plus = 9,
  A_minus = 10,
  A = 11,
  A_plus = 12,
};

inline constexpr int kGradeSteps = 12;  // rank of A+
inline constexpr std::string_view kGradeNames[] = {"F",  "D-", "D", "D+", "C-", "C", "C+",
                                                   "B-", "B",  "B+", "A-", "A", "A+"};

constexpr std::string_view to_string(Grade g) noexcept {
  const auto i = static_cast<std::size_t>(g);
  return i <= static_cast<std::size_t>(kGradeSteps) ? kGradeNames[i] : std::string_view("F");
}

// "A+", "B", "D-", … (upper case, as Pardot writes them); nullopt otherwise.
constexpr std::optional<Grade> parse_grade(std::string_view s) noexcept {
  for (std::size_t i = 0; i <= static_cast<std::size_t>(kGradeSteps); ++i) {
    if (kGradeNames[i] == s) return static_cast<Grade>(i);
  }
  return std::nullopt;
}

// The grade of a rank, clamped to F … A+.
constexpr Grade grade_of_rank(int rank) noexcept {
  if (rank < 0) return Grade::F;
  if (rank > kGradeSteps) return Grade::A_plus;
  return static_cast<Grade>(rank);
}

}  // namespace v0
}  // namespace doorway
