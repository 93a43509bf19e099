// The fit-grade policy (Pardot semantics: start at D, a criterion raises or lowers
// by ⅓, ⅔ or a whole letter when it matches or explicitly fails, unknown changes
// nothing). Ranks: F 0, D- 1, D 2, D+ 3, C- 4, C 5, C+ 6, B- 7, B 8, B+ 9, A- 10,
// A 11, A+ 12; every expected rank below is D (2) plus the criteria's effects,
// added by hand in the comments.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doorway/fit_grade_policy.hpp"

namespace doorway {
namespace {

constexpr Timestamp T0 = 1'767'600'000LL * kSecond;

// A touch carrying `traits`.
struct TraitTouch {
  std::vector<Property> traits;
  ScoreContext context(Timestamp at) const {
    ScoreContext c;
    c.at = at;
    c.traits = traits;
    return c;
  }
};

// industry: a whole letter (3 steps); employees ≥ 200: ⅔ (2); title: ⅓ (1);
// country: ⅔ (2).
FitGradePolicy profile() {
  std::vector<GradeCriterion> c(4);
  c[0].name = c[0].trait = "industry";
  c[0].in = {"software", "fintech"};
  c[0].steps = 3;
  c[1].name = "size";
  c[1].trait = "employees";
  c[1].min = 200;
  c[1].steps = 2;
  c[2].name = c[2].trait = "title";
  c[2].in = {"VP", "CTO"};
  c[2].steps = 1;
  c[3].name = c[3].trait = "country";
  c[3].in = {"us"};
  c[3].steps = 2;
  return FitGradePolicy(std::move(c));
}

// Applies one touch through apply_parts, the way explanations see it; returns
// the parts and checks that they add up to the change of the value.
std::vector<Applied> touch(const FitGradePolicy& p, FitGradePolicy::State& s, const TraitTouch& t,
                           Timestamp at = T0) {
  const double before = p.value(s, at);
  std::vector<Applied> parts;
  p.apply_parts(s, t.context(at), parts);
  double sum = 0;
  for (const Applied& a : parts) sum += a.points;
  EXPECT_DOUBLE_EQ(before + sum, p.value(s, at));
  return parts;
}

std::vector<std::string> names(const FitGradePolicy& p, const std::vector<Applied>& parts) {
  std::vector<std::string> out;
  for (const Applied& a : parts) out.push_back(p.rule_name(a, "identify") + " " + std::to_string(int(a.points)));
  return out;
}

TEST(FitGrade, EveryLeadStartsAtD) {
  const FitGradePolicy p = profile();
  FitGradePolicy::State s;
  const auto parts = touch(p, s, {});  // a touch with no traits
  EXPECT_EQ(names(p, parts), (std::vector<std::string>{"grade.start:D 2"}));
  EXPECT_EQ(p.grade(s, T0), Grade::D);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 2);
}

TEST(FitGrade, CriteriaRaiseAndLowerByTheirThirds) {
  const FitGradePolicy p = profile();
  FitGradePolicy::State s;
  // industry matches (+3), employees 50 fails (−2): 2 + 3 − 2 = 3 → D+.
  auto parts = touch(p, s, {{{"industry", "Software"}, {"employees", "50"}}});
  EXPECT_EQ(names(p, parts),
            (std::vector<std::string>{"grade.start:D 2", "grade.match:industry 3", "grade.fail:size -2"}));
  EXPECT_EQ(p.grade(s, T0), Grade::D_plus);
  // employees 500 now matches: −2 → +2 is a change of +4: 7 → B-.
  parts = touch(p, s, {{{"employees", "500"}}});
  EXPECT_EQ(names(p, parts), (std::vector<std::string>{"grade.match:size 4"}));
  EXPECT_EQ(p.grade(s, T0), Grade::B_minus);
  // title CTO (+1) and country us (+2): 7 + 3 = 10 → A-.
  parts = touch(p, s, {{{"title", "cto"}, {"country", "US "}}});
  EXPECT_EQ(names(p, parts), (std::vector<std::string>{"grade.match:title 1", "grade.match:country 2"}));
  EXPECT_EQ(p.grade(s, T0), Grade::A_minus);
  // An emptied employees field is unknown again: +2 → 0, 10 − 2 = 8 → B.
  parts = touch(p, s, {{{"employees", ""}}});
  EXPECT_EQ(names(p, parts), (std::vector<std::string>{"grade.unknown:size -2"}));
  EXPECT_EQ(p.grade(s, T0), Grade::B);
  // The industry changes to retail: +3 → −3, a change of −6: 8 − 6 = 2 → D.
  parts = touch(p, s, {{{"industry", "retail"}}});
  EXPECT_EQ(names(p, parts), (std::vector<std::string>{"grade.fail:industry -6"}));
  EXPECT_EQ(p.grade(s, T0), Grade::D);
}

TEST(FitGrade, UnknownTraitsAndRepeatsChangeNothing) {
  const FitGradePolicy p = profile();
  FitGradePolicy::State s;
  touch(p, s, {{{"industry", "fintech"}}});  // 2 + 3 = 5 → C
  // A trait no criterion reads, and the same industry again: no parts, not counted.
  EXPECT_TRUE(touch(p, s, {{{"favourite_colour", "green"}}}).empty());
  EXPECT_TRUE(touch(p, s, {{{"industry", "FinTech"}}}).empty());
  EXPECT_FALSE(p.apply(s, TraitTouch{{{"industry", "software"}}}.context(T0)).counted);
  EXPECT_EQ(p.grade(s, T0), Grade::C);
  // A number a numeric criterion cannot read ("n/a") is unknown: no effect.
  EXPECT_TRUE(touch(p, s, {{{"employees", "n/a"}}}).empty());
  EXPECT_EQ(p.grade(s, T0), Grade::C);
}

TEST(FitGrade, TheGradeIsHeldWithinFAndAPlus) {
  // Five whole-letter criteria: all matching would be D + 5 letters = rank 17,
  // held at A+ (12): the bound contributes 12 − 17 = −5.
  std::vector<GradeCriterion> c(5);
  for (int i = 0; i < 5; ++i) {
    c[i].name = c[i].trait = "t" + std::to_string(i);
    c[i].in = {"yes"};
    c[i].steps = 3;
  }
  const FitGradePolicy p(std::move(c));
  FitGradePolicy::State s;
  auto parts = touch(p, s, {{{"t0", "yes"}, {"t1", "yes"}, {"t2", "yes"}, {"t3", "yes"}, {"t4", "yes"}}});
  ASSERT_EQ(parts.size(), 7u);  // start, five matches, the bound
  EXPECT_EQ(p.rule_name(parts.back(), "identify"), "grade.held_at:A+");
  EXPECT_EQ(parts.back().points, -5);
  EXPECT_EQ(p.grade(s, T0), Grade::A_plus);
  // One criterion fails: raw 17 − 6 = 11 → A (11), and the bound gives back its 5:
  // parts −6 and +5 move the grade by −1, from 12 to 11.
  parts = touch(p, s, {{{"t0", "no"}}});
  EXPECT_EQ(names(p, parts), (std::vector<std::string>{"grade.fail:t0 -6", "grade.held_at:A 5"}));
  EXPECT_EQ(p.grade(s, T0), Grade::A);
  // Four fail, one matches: 2 − 12 + 3 = −7 → F (0).
  parts = touch(p, s, {{{"t1", "no"}, {"t2", "no"}, {"t3", "no"}}});
  EXPECT_EQ(p.grade(s, T0), Grade::F);
  EXPECT_DOUBLE_EQ(p.value(s, T0), 0);
  // The order of changes does not matter: the grade is D moved by the current
  // effects, held — raw −7 with all statuses known, whatever came first.
  FitGradePolicy::State other;
  touch(p, other, {{{"t1", "no"}, {"t2", "no"}, {"t3", "no"}, {"t0", "no"}}});
  touch(p, other, {{{"t4", "yes"}}});
  EXPECT_EQ(p.grade(other, T0), Grade::F);
}

TEST(FitGrade, NumericRanges) {
  std::vector<GradeCriterion> c(1);
  c[0].name = c[0].trait = "employees";
  c[0].min = 50;
  c[0].max = 1000;
  c[0].steps = 2;
  const FitGradePolicy p(std::move(c));
  FitGradePolicy::State s;
  touch(p, s, {{{"employees", "1000"}}});  // within [50, 1000]: 2 + 2 = 4 → C-
  EXPECT_EQ(p.grade(s, T0), Grade::C_minus);
  touch(p, s, {{{"employees", "1001"}}});  // above: 2 − 2 = 0 → F
  EXPECT_EQ(p.grade(s, T0), Grade::F);
  touch(p, s, {{{"employees", " 49.5 "}}});  // below: still −2
  EXPECT_EQ(p.grade(s, T0), Grade::F);
}

TEST(FitGrade, PropertiesServeWhenTheTouchHasNoSuchTrait) {
  const FitGradePolicy p = profile();
  FitGradePolicy::State s;
  const std::vector<Property> traits = {{"industry", "retail"}};
  const std::vector<Property> properties = {{"industry", "software"}, {"country", "us"}};
  ScoreContext ctx;
  ctx.at = T0;
  ctx.traits = traits;
  ctx.properties = properties;
  p.apply(s, ctx);
  // industry from the trait (retail, −3), country from the property (+2): 2 − 3 + 2 = 1 → D-.
  EXPECT_EQ(p.grade(s, T0), Grade::D_minus);
  EXPECT_EQ(p.attribute_keys(), (std::vector<std::string>{"industry", "employees", "title", "country"}));
}

TEST(Grade, NamesAndRanks) {
  EXPECT_EQ(parse_grade("A+"), Grade::A_plus);
  EXPECT_EQ(parse_grade("D-"), Grade::D_minus);
  EXPECT_EQ(parse_grade("a+"), std::nullopt);
  EXPECT_EQ(parse_grade("E"), std::nullopt);
  EXPECT_EQ(to_string(Grade::B_plus), "B+");
  EXPECT_EQ(static_cast<int>(Grade::A_plus) - static_cast<int>(Grade::D), 10);  // ten ⅓ steps from D to A+
  EXPECT_EQ(grade_of_rank(-3), Grade::F);
  EXPECT_EQ(grade_of_rank(40), Grade::A_plus);
}

}  // namespace
}  // namespace doorway
