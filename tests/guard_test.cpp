// Tests for the guard language (doorway/guard.hpp) and did-you-mean suggestions
// (doorway/detail/suggest.hpp). Expected values are worked out by hand.
#include "doorway/guard.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doorway/catalog.hpp"
#include "doorway/detail/suggest.hpp"

// Counts heap allocations, to check that evaluation allocates nothing. The
// replacement pair is malloc/free underneath; GCC's -Wmismatched-new-delete cannot
// see that `new` and `delete` here are the matched replacements.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
namespace {
std::atomic<long> g_allocations{0};
}  // namespace
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using doorway::Catalog;
using doorway::ClauseResult;
using doorway::compile_guard;
using doorway::Guard;
using doorway::GuardError;
using doorway::GuardInput;
using doorway::GuardSymbols;
using doorway::Team;
using doorway::TouchFacts;
using doorway::Tri;

// Type ids: demo_request 0, webinar_attended 1, call_connected 2.
// Channel ids: email 0, paid_search 1, phone 2.
Catalog make_catalog() {
  Catalog c;
  auto type = [&](const char* id, Team team) {
    doorway::TouchTypeInfo info;
    info.id = id;
    info.team = team;
    c.add_type(info);
  };
  auto channel = [&](const char* id, Team team) {
    doorway::ChannelInfo info;
    info.id = id;
    info.team = team;
    c.add_channel(info);
  };
  type("demo_request", Team::sales);
  type("webinar_attended", Team::marketing);
  type("call_connected", Team::sales);
  channel("email", Team::marketing);
  channel("paid_search", Team::marketing);
  channel("phone", Team::sales);
  return c;
}

constexpr std::size_t kEngagement = 0, kFit = 1, kTemperature = 2;

class GuardTest : public ::testing::Test {
 protected:
  GuardTest() : catalog_(make_catalog()) {
    symbols_.catalog = &catalog_;
    symbols_.scores = {"engagement", "fit", "temperature"};
    symbols_.score_is_temperature = {false, false, true};
    input_.scores = scores_;
  }

  Guard compile(std::string_view text) {
    std::vector<GuardError> errors;
    auto g = compile_guard(text, symbols_, &errors);
    EXPECT_TRUE(g.has_value()) << text << ": "
                               << (errors.empty() ? std::string("?") : to_string(errors[0]));
    EXPECT_TRUE(errors.empty());
    return g ? *g : Guard{};
  }
  bool eval(std::string_view text) { return compile(text).evaluate(input_); }

  std::vector<GuardError> errors_of(std::string_view text) {
    std::vector<GuardError> errors;
    auto g = compile_guard(text, symbols_, &errors);
    EXPECT_FALSE(g.has_value()) << text;
    EXPECT_FALSE(errors.empty()) << text;
    return errors;
  }
  // The single error of `text`, as "column N: message".
  std::string error_of(std::string_view text) {
    auto errors = errors_of(text);
    EXPECT_EQ(errors.size(), 1u) << text;
    return errors.empty() ? std::string() : to_string(errors[0]);
  }

  Catalog catalog_;
  GuardSymbols symbols_;
  std::array<double, 3> scores_{0, 0, 0};  // engagement, fit, temperature
  GuardInput input_;
};

// --- evaluation -------------------------------------------------------------------

TEST_F(GuardTest, AndBindsTighterThanOr) {
  EXPECT_TRUE(eval("true or false and false"));   // true or (false and false)
  EXPECT_TRUE(eval("false and true or true"));    // (false and true) or true
  EXPECT_FALSE(eval("false or true and false"));  // false or (true and false)
  input_.touches = 5;
  input_.sales_touches = 0;
  scores_[kEngagement] = 10;
  // touches >= 3 or (sales_touches >= 1 and engagement >= 40)
  EXPECT_TRUE(eval("touches >= 3 or sales_touches >= 1 and engagement >= 40"));
  // (touches >= 3 or sales_touches >= 1) and engagement >= 40
  EXPECT_FALSE(eval("(touches >= 3 or sales_touches >= 1) and engagement >= 40"));
}

TEST_F(GuardTest, NotBindsTighterThanAndOr) {
  EXPECT_FALSE(eval("not false and false"));  // (not false) and false
  EXPECT_TRUE(eval("not (false and false)"));
  EXPECT_TRUE(eval("not true or true"));      // (not true) or true
  EXPECT_FALSE(eval("not (true or true)"));
  EXPECT_TRUE(eval("not not true"));
  input_.touches = 2;
  EXPECT_TRUE(eval("not touches >= 3"));  // not (touches >= 3)
}

TEST_F(GuardTest, ParenthesesAndWhitespace) {
  EXPECT_FALSE(eval("(true or false) and false"));
  EXPECT_TRUE(eval("((((true))))"));
  input_.touches = 3;
  input_.has_touch = true;
  input_.team = Team::sales;
  EXPECT_TRUE(eval("(touches>=3)and(team==sales)"));
  EXPECT_TRUE(eval(" \t touches\n>=\r3 "));
}

TEST_F(GuardTest, EveryNumericOperator) {
  input_.touches = 3;
  EXPECT_TRUE(eval("touches >= 3"));
  EXPECT_FALSE(eval("touches > 3"));
  EXPECT_TRUE(eval("touches <= 3"));
  EXPECT_FALSE(eval("touches < 3"));
  EXPECT_TRUE(eval("touches == 3"));
  EXPECT_FALSE(eval("touches != 3"));
  EXPECT_TRUE(eval("touches > 2.5"));
  EXPECT_TRUE(eval("touches < 3.5"));
  EXPECT_TRUE(eval("touches != 2"));
  EXPECT_TRUE(eval("touches > -3"));
  EXPECT_TRUE(eval("touches < 1e3"));
  EXPECT_TRUE(eval("touches == 0.3e1"));
  EXPECT_TRUE(eval("touches > .5"));
}

TEST_F(GuardTest, NumericFeaturesAndScores) {
  input_.touches = 7;
  input_.marketing_touches = 5;
  input_.sales_touches = 2;
  input_.touches_in_stage = 4;
  input_.days_in_stage = 1.5;
  scores_[kEngagement] = 42;
  scores_[kFit] = 42;
  EXPECT_TRUE(eval("marketing_touches == 5 and sales_touches == 2 and touches_in_stage == 4"));
  EXPECT_TRUE(eval("days_in_stage == 1.5"));
  EXPECT_TRUE(eval("hours_in_stage == 36"));  // 24 * 1.5
  EXPECT_TRUE(eval("marketing_touches > sales_touches"));
  EXPECT_FALSE(eval("touches < touches_in_stage"));
  EXPECT_TRUE(eval("engagement >= 40"));
  EXPECT_TRUE(eval("engagement == fit"));
  EXPECT_FALSE(eval("engagement > fit"));
  scores_[kEngagement] = 39.999;
  EXPECT_FALSE(eval("engagement >= 40"));
}

TEST_F(GuardTest, InLists) {
  input_.touches = 2;
  EXPECT_TRUE(eval("touches in (1, 2, 3)"));
  EXPECT_FALSE(eval("touches in (1,3)"));
  EXPECT_TRUE(eval("not touches in (5)"));
  input_.has_touch = true;
  input_.type = 1;  // webinar_attended
  input_.channel = 1;  // paid_search
  input_.team = Team::marketing;
  input_.outcome = "lost";
  EXPECT_TRUE(eval("type in (demo_request, \"webinar_attended\")"));
  EXPECT_FALSE(eval("type in (demo_request, call_connected)"));
  EXPECT_TRUE(eval("channel in ('paid_search')"));
  EXPECT_TRUE(eval("team in (sales, marketing)"));
  EXPECT_FALSE(eval("team in (sales, unknown)"));
  EXPECT_TRUE(eval("outcome in (\"won\", 'lost')"));
  EXPECT_FALSE(eval("outcome in (won, accepted)"));
  scores_[kTemperature] = 1;
  EXPECT_TRUE(eval("temperature in (warm, hot)"));
  EXPECT_FALSE(eval("temperature in (cold)"));
}

TEST_F(GuardTest, SymbolicFeaturesWithBareAndQuotedLiterals) {
  input_.has_touch = true;
  input_.type = 0;     // demo_request
  input_.channel = 0;  // email
  input_.team = Team::sales;
  input_.axes = {doorway::Audience::one_to_one, doorway::Interaction::two_way,
                 doorway::Initiator::prospect};
  input_.outcome = "accepted";
  EXPECT_TRUE(eval("type == demo_request"));
  EXPECT_TRUE(eval("type == \"demo_request\""));
  EXPECT_TRUE(eval("type == 'demo_request'"));
  EXPECT_TRUE(eval("type != webinar_attended"));
  EXPECT_TRUE(eval("channel == email and channel != phone"));
  EXPECT_TRUE(eval("team == sales and team != marketing"));
  EXPECT_TRUE(eval("initiator == prospect"));
  EXPECT_TRUE(eval("audience == one_to_one"));
  EXPECT_TRUE(eval("interaction == two_way"));
  EXPECT_FALSE(eval("interaction == one_way"));
  EXPECT_TRUE(eval("outcome == accepted"));
  EXPECT_TRUE(eval("outcome == \"accepted\""));
  EXPECT_FALSE(eval("outcome == rejected"));
  EXPECT_TRUE(eval("outcome != \"\""));
}

TEST_F(GuardTest, StringEscapes) {
  input_.has_touch = true;
  input_.outcome = "say \"hi\"";
  EXPECT_TRUE(eval(R"(outcome == "say \"hi\"")"));
  input_.outcome = "it's";
  EXPECT_TRUE(eval(R"(outcome == 'it\'s')"));
  EXPECT_TRUE(eval(R"(outcome == "it's")"));
  input_.outcome = "a\\b";
  EXPECT_TRUE(eval(R"(outcome == "a\\b")"));
  input_.outcome = "two words, (and) more";
  EXPECT_TRUE(eval(R"(outcome == "two words, (and) more")"));
}

TEST_F(GuardTest, TemperatureIsOrdered) {
  scores_[kTemperature] = 1;  // warm
  EXPECT_TRUE(eval("temperature >= warm"));
  EXPECT_TRUE(eval("temperature == warm"));
  EXPECT_TRUE(eval("temperature == \"warm\""));
  EXPECT_FALSE(eval("temperature > warm"));
  EXPECT_TRUE(eval("temperature > cold"));
  EXPECT_TRUE(eval("temperature < hot"));
  EXPECT_TRUE(eval("temperature <= hot"));
  EXPECT_TRUE(eval("temperature != hot"));
  scores_[kTemperature] = 2;  // hot
  EXPECT_TRUE(eval("temperature > warm"));
  EXPECT_FALSE(eval("temperature < hot"));
  scores_[kTemperature] = 0;  // cold
  EXPECT_TRUE(eval("temperature < warm"));
  EXPECT_FALSE(eval("temperature >= warm"));
}

TEST_F(GuardTest, TemperatureAgainstAnotherTemperatureScore) {
  symbols_.scores.push_back("fit_temperature");
  symbols_.score_is_temperature.push_back(true);
  std::array<double, 4> scores{0, 0, 2, 1};
  input_.scores = scores;
  EXPECT_TRUE(eval("temperature > fit_temperature"));
  EXPECT_FALSE(eval("temperature == fit_temperature"));
}

TEST_F(GuardTest, NoTouchSemantics) {
  // Values set on the input are ignored without a touch.
  input_.has_touch = false;
  input_.type = 0;
  input_.channel = 0;
  input_.team = Team::sales;
  input_.axes.initiator = doorway::Initiator::prospect;
  input_.initiated_contact = true;
  input_.outcome = "won";
  input_.value = 100;
  EXPECT_FALSE(eval("type == demo_request"));
  EXPECT_TRUE(eval("type != demo_request"));
  EXPECT_FALSE(eval("type in (demo_request, webinar_attended, call_connected)"));
  EXPECT_FALSE(eval("channel == email"));
  EXPECT_TRUE(eval("channel != email"));
  EXPECT_TRUE(eval("team == unknown"));
  EXPECT_FALSE(eval("team == sales"));
  EXPECT_TRUE(eval("initiator == unknown and audience == unknown and interaction == unknown"));
  EXPECT_FALSE(eval("initiated_contact"));
  EXPECT_TRUE(eval("not initiated_contact"));
  EXPECT_TRUE(eval("outcome == \"\""));
  EXPECT_FALSE(eval("outcome == won"));
  EXPECT_FALSE(eval("value >= 0"));
  EXPECT_FALSE(eval("value != 5"));
  EXPECT_TRUE(eval("not value != 5"));

  input_.has_touch = true;
  EXPECT_TRUE(eval("type == demo_request and channel == email and team == sales"));
  EXPECT_TRUE(eval("initiated_contact and initiator == prospect"));
  EXPECT_TRUE(eval("outcome == won and value == 100"));
}

TEST_F(GuardTest, AbsentValueFailsEveryComparison) {
  input_.has_touch = true;
  input_.value.reset();
  for (std::string_view text : {"value >= 0", "value > 0", "value <= 0", "value < 0", "value == 0",
                                "value != 0", "value in (0, 1)", "touches <= value"}) {
    EXPECT_FALSE(eval(text)) << text;
  }
  input_.value = 5;
  EXPECT_TRUE(eval("value >= 5"));
  EXPECT_TRUE(eval("value in (4, 5)"));
  EXPECT_TRUE(eval("touches <= value"));
}

TEST_F(GuardTest, BuiltinNamesWinOverScores) {
  symbols_.scores = {"touches"};
  symbols_.score_is_temperature = {false};
  std::array<double, 1> scores{100};
  input_.scores = scores;
  input_.touches = 1;
  const Guard g = compile("touches == 1");
  EXPECT_TRUE(g.evaluate(input_));
  EXPECT_TRUE(g.scores_used().empty());
}

TEST_F(GuardTest, DefaultGuardIsTrueAndTextIsKept) {
  const Guard g;
  EXPECT_EQ(g.text(), "true");
  EXPECT_TRUE(g.evaluate(input_));
  EXPECT_EQ(compile("  touches >= 3 ").text(), "  touches >= 3 ");
}

TEST_F(GuardTest, EvaluationDoesNotAllocate) {
  const Guard g = compile(
      "(engagement >= 40 and sales_touches >= 1 or temperature in (warm, hot)) and "
      "not (type in (demo_request, call_connected) or channel == email) and "
      "outcome in (\"won\", accepted) or outcome != rejected and value > 3 and "
      "hours_in_stage < days_in_stage and initiated_contact and team == sales");
  input_.has_touch = true;
  input_.outcome = "accepted";
  input_.value = 5;
  TouchFacts facts;
  bool sink = false;
  const long before = g_allocations.load();
  for (int i = 0; i < 100; ++i) {
    scores_[kEngagement] = i;
    sink ^= g.evaluate(input_);
    sink ^= g.can_hold(facts) == Tri::yes;
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  (void)sink;
  // The counter does count: explain allocates.
  EXPECT_FALSE(g.explain(input_).empty());
  EXPECT_GT(g_allocations.load() - before, 0);
}

// --- errors -----------------------------------------------------------------------

TEST_F(GuardTest, UnknownScoreSuggestsTheClosestName) {
  EXPECT_EQ(error_of("engagment >= 40"),
            "column 1: unknown score or feature \"engagment\" (did you mean \"engagement\"?)");
  EXPECT_EQ(error_of("touches >= 1 and sales_touchs >= 1"),
            "column 18: unknown score or feature \"sales_touchs\" (did you mean \"sales_touches\"?)");
  EXPECT_EQ(error_of("zebra >= 1"), "column 1: unknown score or feature \"zebra\"");
  // An unknown name on the right of a numeric comparison.
  EXPECT_EQ(error_of("engagement >= fitt"),
            "column 15: unknown score or feature \"fitt\" (did you mean \"fit\"?)");
  // An unknown name standing alone is reported once, as unknown.
  EXPECT_EQ(error_of("initiated_contat"),
            "column 1: unknown score or feature \"initiated_contat\" (did you mean \"initiated_contact\"?)");
}

TEST_F(GuardTest, UnknownTypeAndChannelSuggestFromTheCatalog) {
  EXPECT_EQ(error_of("type == demo_requst"),
            "column 9: unknown touch type \"demo_requst\" (did you mean \"demo_request\"?)");
  EXPECT_EQ(error_of("type == \"webinar\""), "column 9: unknown touch type \"webinar\"");
  EXPECT_EQ(error_of("channel in (email, paid_serch)"),
            "column 20: unknown channel \"paid_serch\" (did you mean \"paid_search\"?)");
  EXPECT_EQ(error_of("channel == emial"),
            "column 12: unknown channel \"emial\" (did you mean \"email\"?)");
}

TEST_F(GuardTest, TypeLiteralsNeedACatalog) {
  symbols_.catalog = nullptr;
  EXPECT_EQ(error_of("type == demo_request"),
            "column 9: no catalog to resolve touch type \"demo_request\"");
  EXPECT_EQ(error_of("channel == email"), "column 12: no catalog to resolve channel \"email\"");
  input_.has_touch = true;
  input_.team = Team::sales;
  EXPECT_TRUE(eval("team == sales"));  // other symbols need no catalog
}

TEST_F(GuardTest, BadEnumAndTemperatureLiterals) {
  EXPECT_EQ(error_of("team == salse"), "column 9: unknown team \"salse\" (did you mean \"sales\"?)");
  EXPECT_EQ(error_of("team == nobody"),
            "column 9: unknown team \"nobody\" (expected marketing, sales or unknown)");
  EXPECT_EQ(error_of("initiator == prospekt"),
            "column 14: unknown initiator \"prospekt\" (did you mean \"prospect\"?)");
  EXPECT_EQ(error_of("audience == many"),
            "column 13: unknown audience \"many\" (expected one_to_many, one_to_one or unknown)");
  EXPECT_EQ(error_of("interaction == twoway"),
            "column 16: unknown interaction \"twoway\" (did you mean \"two_way\"?)");
  EXPECT_EQ(error_of("temperature >= wram"),
            "column 16: unknown temperature \"wram\" (did you mean \"warm\"?)");
  EXPECT_EQ(error_of("temperature >= 1"),
            "column 16: \"temperature\" is a temperature: expected cold, warm or hot but found \"1\"");
  EXPECT_EQ(error_of("team == 3"), "column 9: expected a name for \"team\" but found \"3\"");
  EXPECT_EQ(error_of("outcome == 3"),
            "column 12: expected a word or a quoted string for \"outcome\" but found \"3\"");
}

TEST_F(GuardTest, NumericFeatureRejectsNonNumbers) {
  EXPECT_EQ(error_of("touches >= \"3\""),
            "column 12: \"touches\" is numeric: expected a number or a numeric feature but found string \"3\"");
  EXPECT_EQ(error_of("touches >= team"),
            "column 12: cannot compare \"touches\" with \"team\": \"team\" is not numeric");
  EXPECT_EQ(error_of("touches in (1, two)"),
            "column 16: expected a number in the list for \"touches\" but found \"two\"");
}

TEST_F(GuardTest, OrderingOperatorOnSymbolicFeature) {
  EXPECT_EQ(error_of("team >= sales"),
            "column 6: operator \">=\" does not apply to \"team\", which is not ordered: use ==, != or in");
  EXPECT_EQ(error_of("outcome < \"won\""),
            "column 9: operator \"<\" does not apply to \"outcome\", which is not ordered: use ==, != or in");
}

TEST_F(GuardTest, BooleanFeatureStandsAlone) {
  EXPECT_EQ(error_of("initiated_contact >= 1"),
            "column 19: \"initiated_contact\" is a yes/no feature: write \"initiated_contact\" or "
            "\"not initiated_contact\"");
  EXPECT_EQ(error_of("engagement and true"),
            "column 12: expected a comparison after \"engagement\" but found \"and\"");
  EXPECT_EQ(error_of("team"), "column 5: expected a comparison after \"team\" but found end of input");
}

TEST_F(GuardTest, SyntaxErrorsNameColumnExpectedAndFound) {
  EXPECT_EQ(error_of(""), "column 1: empty guard");
  EXPECT_EQ(error_of(" \t\n "), "column 1: empty guard");
  EXPECT_EQ(error_of("touches >= "),
            "column 12: expected a value after \">=\" but found end of input");
  EXPECT_EQ(error_of("touches >= and"), "column 12: expected a value after \">=\" but found \"and\"");
  EXPECT_EQ(error_of("touches >= 3 3"),
            "column 14: expected \"and\", \"or\" or end of input but found \"3\"");
  EXPECT_EQ(error_of("touches >= 3)"),
            "column 13: expected \"and\", \"or\" or end of input but found \")\"");
  EXPECT_EQ(error_of("touches >= 3 AND true"),
            "column 14: expected \"and\", \"or\" or end of input but found \"AND\" "
            "(keywords are lowercase: \"and\")");
  EXPECT_EQ(error_of("(touches >= 3 and sales_touches >= 1"),
            "column 37: expected \")\" to close \"(\" at column 1 but found end of input");
  EXPECT_EQ(error_of("(true) and (touches >= 3 true)"),
            "column 26: expected \")\" to close \"(\" at column 12 but found \"true\"");
  EXPECT_EQ(error_of("outcome == \"won"), "column 12: unterminated string");
  EXPECT_EQ(error_of("outcome == 'won\\'"), "column 12: unterminated string");
  EXPECT_EQ(error_of("outcome == \"a\\nb\""),
            "column 14: unknown escape \"\\n\" in string (only \\\", \\' and \\\\ are allowed)");
  EXPECT_EQ(error_of("touches >= 3 and"),
            "column 17: expected a condition after \"and\" but found end of input");
  EXPECT_EQ(error_of("not"), "column 4: expected a condition after \"not\" but found end of input");
  EXPECT_EQ(error_of("()"), "column 2: expected a condition after \"(\" but found \")\"");
  EXPECT_EQ(error_of("or true"), "column 1: expected a condition but found \"or\"");
  EXPECT_EQ(error_of("3 >= touches"), "column 1: expected a condition but found \"3\"");
  EXPECT_EQ(error_of("touches = 3"), "column 9: unexpected \"=\" (did you mean \"==\"?)");
  EXPECT_EQ(error_of("!initiated_contact"),
            "column 1: unexpected \"!\" (did you mean \"!=\" or \"not\"?)");
  EXPECT_EQ(error_of("true && true"), "column 6: unexpected \"&\" (use \"and\")");
  EXPECT_EQ(error_of("touches >= @"), "column 12: unexpected character \"@\"");
  EXPECT_EQ(error_of("touches >= 3abc"), "column 12: malformed number \"3abc\"");
  EXPECT_EQ(error_of("touches >= 1.2.3"), "column 12: malformed number \"1.2.3\"");
  EXPECT_EQ(error_of("touches >= 1e999"), "column 12: number \"1e999\" is out of range");
  EXPECT_EQ(error_of("touches in 1"), "column 12: expected \"(\" after \"in\" but found \"1\"");
  EXPECT_EQ(error_of("touches in ()"), "column 13: expected a value after \"(\" but found \")\"");
  EXPECT_EQ(error_of("touches in (1,)"), "column 15: expected a value after \",\" but found \")\"");
  EXPECT_EQ(error_of("touches in (1 2)"),
            "column 15: expected \",\" or \")\" in the list opened at column 12 but found \"2\"");
}

TEST_F(GuardTest, ReportsEveryNameErrorButStopsAtTheFirstSyntaxError) {
  // "engagment >= 40 and team == salse or type == nope"
  //  1         11        21        31        41
  // engagment@1, salse@29, nope@46
  auto errors = errors_of("engagment >= 40 and team == salse or type == nope");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].column, 1u);
  EXPECT_EQ(errors[0].message, "unknown score or feature \"engagment\" (did you mean \"engagement\"?)");
  EXPECT_EQ(errors[1].column, 29u);
  EXPECT_EQ(errors[1].message, "unknown team \"salse\" (did you mean \"sales\"?)");
  EXPECT_EQ(errors[2].column, 46u);
  EXPECT_EQ(errors[2].message, "unknown touch type \"nope\"");

  // A name error before a syntax error is kept; nothing after the syntax error.
  errors = errors_of("zebra >= 1 and touches >= 3 3 and lion >= 1");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(to_string(errors[0]), "column 1: unknown score or feature \"zebra\"");
  EXPECT_EQ(to_string(errors[1]), "column 29: expected \"and\", \"or\" or end of input but found \"3\"");

  // Errors are appended; a null errors pointer is allowed.
  std::vector<GuardError> sink{{7, "earlier"}};
  EXPECT_FALSE(compile_guard("zebra", symbols_, &sink).has_value());
  ASSERT_EQ(sink.size(), 2u);
  EXPECT_EQ(sink[0].message, "earlier");
  EXPECT_FALSE(compile_guard("zebra", symbols_, nullptr).has_value());
}

TEST_F(GuardTest, NestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "not ";
  deep += "true";
  EXPECT_TRUE(eval(deep));  // 100 levels are fine
  const std::string too_deep = "not " + deep;
  EXPECT_EQ(error_of(too_deep),
            "column 401: guard nests more than 100 levels of parentheses and \"not\"");
  const std::string parens = std::string(150, '(') + "true" + std::string(150, ')');
  EXPECT_EQ(error_of(parens), "column 101: guard nests more than 100 levels of parentheses and \"not\"");
  // Long flat chains are not nesting.
  std::string chain = "true";
  for (int i = 0; i < 5000; ++i) chain += " and true";
  EXPECT_TRUE(eval(chain));
}

// --- explain ----------------------------------------------------------------------

TEST_F(GuardTest, ExplainListsEveryClauseInSourceOrder) {
  scores_[kEngagement] = 32;
  scores_[kTemperature] = 2;
  input_.sales_touches = 0;
  const Guard g = compile("engagement >= 40 and sales_touches>=1 or not temperature == warm");
  const auto r = g.explain(input_);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].clause, "engagement >= 40");
  EXPECT_EQ(r[0].actual, "32");
  EXPECT_FALSE(r[0].holds);
  EXPECT_EQ(r[0].gap, 8.0);
  EXPECT_EQ(r[1].clause, "sales_touches>=1");
  EXPECT_EQ(r[1].actual, "0");
  EXPECT_FALSE(r[1].holds);
  EXPECT_EQ(r[1].gap, 1.0);
  EXPECT_EQ(r[2].clause, "temperature == warm");  // the leaf, without the `not`
  EXPECT_EQ(r[2].actual, "hot");
  EXPECT_FALSE(r[2].holds);
  EXPECT_EQ(r[2].gap, std::nullopt);
  EXPECT_TRUE(g.evaluate(input_));  // not (hot == warm)
}

TEST_F(GuardTest, ExplainGaps) {
  scores_[kEngagement] = 32.5;
  input_.days_in_stage = 14;
  input_.has_touch = true;
  input_.value = 12.5;
  auto one = [&](std::string_view text) {
    auto r = compile(text).explain(input_);
    EXPECT_EQ(r.size(), 1u);
    return r.empty() ? ClauseResult{} : r[0];
  };
  EXPECT_EQ(one("engagement >= 40").gap, 7.5);
  EXPECT_EQ(one("engagement >= 30").gap, 0.0);
  EXPECT_TRUE(one("engagement >= 30").holds);
  EXPECT_EQ(one("engagement > 32.5").gap, 0.0);  // at the edge: fails, nothing left to add
  EXPECT_FALSE(one("engagement > 32.5").holds);
  EXPECT_EQ(one("days_in_stage > 10").gap, 0.0);
  EXPECT_EQ(one("days_in_stage <= 10").gap, 4.0);
  EXPECT_EQ(one("days_in_stage < 20").gap, 0.0);
  EXPECT_EQ(one("value <= 10").gap, 2.5);
  EXPECT_EQ(one("value <= 10").actual, "12.5");
  EXPECT_EQ(one("engagement == 40").gap, 7.5);
  EXPECT_EQ(one("engagement == 30").gap, 2.5);
  EXPECT_EQ(one("engagement != 40").gap, std::nullopt);
  EXPECT_EQ(one("engagement in (40)").gap, std::nullopt);
  EXPECT_EQ(one("hours_in_stage >= 400").gap, 64.0);  // 24 * 14 = 336
  EXPECT_EQ(one("hours_in_stage >= 400").actual, "336");
  scores_[kFit] = 50;
  EXPECT_EQ(one("engagement >= fit").gap, 17.5);
  input_.value.reset();
  EXPECT_EQ(one("value <= 10").gap, std::nullopt);
  EXPECT_EQ(one("value <= 10").actual, "(no value)");
  EXPECT_EQ(one("touches >= value").gap, std::nullopt);
}

TEST_F(GuardTest, ExplainFormatsValues) {
  auto actual = [&](std::string_view text) {
    auto r = compile(text).explain(input_);
    EXPECT_EQ(r.size(), 1u);
    return r.empty() ? std::string() : r[0].actual;
  };
  scores_[kEngagement] = 0.125;
  EXPECT_EQ(actual("engagement > 0"), "0.125");
  scores_[kEngagement] = 1.0 / 3.0;
  EXPECT_EQ(actual("engagement > 0"), "0.333333");
  scores_[kEngagement] = 1234567;
  EXPECT_EQ(actual("engagement > 0"), "1234567");
  scores_[kEngagement] = 1234567.5;
  EXPECT_EQ(actual("engagement > 0"), "1.23457e+06");
  scores_[kEngagement] = -2.5;
  EXPECT_EQ(actual("engagement > 0"), "-2.5");
  scores_[kTemperature] = 1;
  EXPECT_EQ(actual("temperature == hot"), "warm");
  scores_[kTemperature] = 0;
  EXPECT_EQ(actual("temperature in (hot)"), "cold");

  EXPECT_EQ(actual("true"), "true");
  EXPECT_EQ(actual("false"), "false");

  // Touch features without a touch.
  input_.has_touch = false;
  for (std::string_view text : {"type == demo_request", "channel == email", "team == sales",
                                "initiator == prospect", "audience == one_to_one",
                                "interaction == two_way", "outcome == won", "value > 1",
                                "initiated_contact"}) {
    EXPECT_EQ(actual(text), "(no touch)") << text;
  }
  input_.has_touch = true;
  input_.type = 1;
  input_.channel = 1;
  input_.team = Team::marketing;
  input_.axes = {doorway::Audience::one_to_many, doorway::Interaction::one_way,
                 doorway::Initiator::business};
  EXPECT_EQ(actual("type == demo_request"), "webinar_attended");
  EXPECT_EQ(actual("channel in (email)"), "paid_search");
  EXPECT_EQ(actual("team == sales"), "marketing");
  EXPECT_EQ(actual("initiator == prospect"), "business");
  EXPECT_EQ(actual("audience == one_to_one"), "one_to_many");
  EXPECT_EQ(actual("interaction == two_way"), "one_way");
  EXPECT_EQ(actual("initiated_contact"), "false");
  EXPECT_EQ(actual("outcome == won"), "(no outcome)");
  input_.outcome = "rejected";
  EXPECT_EQ(actual("outcome == won"), "rejected");
  input_.type = doorway::kNoType;
  input_.channel = doorway::kNoChannel;
  EXPECT_EQ(actual("type == demo_request"), "(no type)");
  EXPECT_EQ(actual("channel == email"), "(no channel)");
}

TEST_F(GuardTest, ExplainOutlivesTheCatalog) {
  std::optional<Guard> g;
  {
    Catalog local = make_catalog();
    GuardSymbols symbols;
    symbols.catalog = &local;
    g = compile_guard("type == call_connected", symbols, nullptr);
  }
  ASSERT_TRUE(g.has_value());
  input_.has_touch = true;
  input_.type = 2;
  const auto r = g->explain(input_);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].actual, "call_connected");
  EXPECT_TRUE(r[0].holds);
}

// --- can_hold ---------------------------------------------------------------------

TEST_F(GuardTest, CanHoldUsesTouchFactsAndLeavesLeadStateUnknown) {
  TouchFacts demo;
  demo.type = 0;  // demo_request
  demo.channel = 0;
  demo.team = Team::sales;
  demo.axes.initiator = doorway::Initiator::prospect;
  demo.initiated_contact = true;
  TouchFacts webinar;
  webinar.type = 1;
  webinar.channel = doorway::kNoChannel;  // unknown
  webinar.team = Team::marketing;
  TouchFacts clock;
  clock.has_touch = false;

  const Guard a = compile("type == demo_request and engagement >= 40");
  EXPECT_EQ(a.can_hold(demo), Tri::maybe);
  EXPECT_EQ(a.can_hold(webinar), Tri::no);
  EXPECT_EQ(a.can_hold(clock), Tri::no);

  const Guard b = compile("initiated_contact or engagement >= 40");
  EXPECT_EQ(b.can_hold(demo), Tri::yes);
  EXPECT_EQ(b.can_hold(webinar), Tri::maybe);

  const Guard c = compile("channel == email");
  EXPECT_EQ(c.can_hold(demo), Tri::yes);
  EXPECT_EQ(c.can_hold(webinar), Tri::maybe);  // channel unknown
  EXPECT_EQ(c.can_hold(clock), Tri::no);       // no touch: no channel

  const Guard d = compile("not (team == sales)");
  EXPECT_EQ(d.can_hold(demo), Tri::no);
  EXPECT_EQ(d.can_hold(webinar), Tri::yes);
  EXPECT_EQ(d.can_hold(clock), Tri::yes);

  const Guard e = compile("outcome == rejected");
  EXPECT_EQ(e.can_hold(demo), Tri::maybe);
  EXPECT_EQ(e.can_hold(clock), Tri::no);

  const Guard f = compile("value >= 1 or touches >= value");
  EXPECT_EQ(f.can_hold(demo), Tri::maybe);
  EXPECT_EQ(f.can_hold(clock), Tri::no);

  EXPECT_EQ(compile("true").can_hold(clock), Tri::yes);
  EXPECT_EQ(compile("false or false").can_hold(demo), Tri::no);
  EXPECT_EQ(compile("days_in_stage > 14").can_hold(clock), Tri::maybe);
  EXPECT_EQ(compile("not days_in_stage > 14").can_hold(clock), Tri::maybe);
  EXPECT_EQ(compile("team == unknown and initiator == unknown").can_hold(clock), Tri::yes);
  EXPECT_EQ(compile("team in (sales, marketing) and initiator == prospect").can_hold(demo), Tri::yes);
  // Kleene: maybe and no = no, maybe or yes = yes, not maybe = maybe.
  EXPECT_EQ(compile("engagement > 1 and team == marketing").can_hold(demo), Tri::no);
  EXPECT_EQ(compile("engagement > 1 or team == sales").can_hold(demo), Tri::yes);
  EXPECT_EQ(compile("not (engagement > 1 or team == marketing)").can_hold(demo), Tri::maybe);
}

// Only the type known (has a touch of type t, or no touch): decided where that
// alone decides, else maybe. Then a brute-force check that it is sound: over
// every combination of the other touch features and a spread of lead states,
// evaluate() never holds where it says no and always holds where it says yes.
TEST_F(GuardTest, CanHoldOfTypeDecidesOnlyWhatTheTypeDecides) {
  constexpr doorway::TypeId kDemo = 0, kWebinar = 1, kCall = 2;
  const Guard a = compile("type == demo_request and engagement >= 40");
  EXPECT_EQ(a.can_hold_of_type(true, kDemo), Tri::maybe);
  EXPECT_EQ(a.can_hold_of_type(true, kWebinar), Tri::no);
  EXPECT_EQ(a.can_hold_of_type(false, doorway::kNoType), Tri::no);
  const Guard b = compile("type != demo_request");
  EXPECT_EQ(b.can_hold_of_type(true, kDemo), Tri::no);
  EXPECT_EQ(b.can_hold_of_type(true, kCall), Tri::yes);
  EXPECT_EQ(b.can_hold_of_type(false, doorway::kNoType), Tri::yes);  // no touch: no type, which is not a demo
  const Guard c = compile("initiated_contact and team == marketing");
  EXPECT_EQ(c.can_hold_of_type(true, kWebinar), Tri::maybe);  // the touch may carry its own axes and team
  EXPECT_EQ(c.can_hold_of_type(false, doorway::kNoType), Tri::no);
  const Guard d = compile("temperature >= warm or engagement >= 40");
  EXPECT_EQ(d.can_hold_of_type(true, kDemo), Tri::maybe);
  EXPECT_EQ(d.can_hold_of_type(false, doorway::kNoType), Tri::maybe);
  const Guard e = compile("type in (demo_request, call_connected) and value > 10");
  EXPECT_EQ(e.can_hold_of_type(true, kCall), Tri::maybe);
  EXPECT_EQ(e.can_hold_of_type(true, kWebinar), Tri::no);
  EXPECT_EQ(e.can_hold_of_type(false, doorway::kNoType), Tri::no);
  const Guard f = compile("not (type == demo_request) and team == unknown");
  EXPECT_EQ(f.can_hold_of_type(true, kDemo), Tri::no);
  EXPECT_EQ(f.can_hold_of_type(true, kWebinar), Tri::maybe);
  EXPECT_EQ(f.can_hold_of_type(false, doorway::kNoType), Tri::yes);  // no touch: team reads unknown
  const Guard g = compile("outcome == rejected or channel == email");
  EXPECT_EQ(g.can_hold_of_type(true, kDemo), Tri::maybe);
  EXPECT_EQ(g.can_hold_of_type(false, doorway::kNoType), Tri::no);

  const std::vector<std::string_view> texts = {
      "type == demo_request and engagement >= 40", "type != demo_request",
      "initiated_contact and team == marketing", "temperature >= warm or engagement >= 40",
      "type in (demo_request, call_connected) and value > 10", "not (type == demo_request) and team == unknown",
      "outcome == rejected or channel == email", "not (type == webinar_attended or touches >= 3)",
      "team == sales and interaction == two_way", "value >= 1 or touches >= value"};
  int checked = 0;
  for (const std::string_view text : texts) {
    const Guard guard = compile(text);
    for (int touch = 0; touch < 4; ++touch) {
      const bool has_touch = touch < 3;
      const doorway::TypeId type = has_touch ? static_cast<doorway::TypeId>(touch) : doorway::kNoType;
      const Tri claim = guard.can_hold_of_type(has_touch, type);
      for (int combo = 0; combo < 3 * 3 * 3 * 16; ++combo) {  // 3 scores × 3 temperatures × 3 counts × 4 touch bits
        GuardInput in;
        int rest = combo;
        const double scores[3] = {rest % 3 == 0 ? 0.0 : rest % 3 == 1 ? 39.0 : 80.0, 0, static_cast<double>((rest / 3) % 3)};
        rest /= 9;
        in.scores = scores;
        in.touches = (rest % 3) * 2;
        rest /= 3;
        in.has_touch = has_touch;
        in.type = type;
        in.team = rest % 2 ? Team::marketing : Team::sales;
        in.channel = static_cast<doorway::ChannelId>((rest / 2) % 2);
        in.axes.interaction = (rest / 4) % 2 ? doorway::Interaction::two_way : doorway::Interaction::one_way;
        in.initiated_contact = (rest / 8) % 2 != 0;
        in.outcome = in.initiated_contact ? "rejected" : "";
        if (in.initiated_contact) in.value = 20;
        const bool holds = guard.evaluate(in);
        if (claim == Tri::no) {
          EXPECT_FALSE(holds) << text << " type " << touch << " case " << combo;
        } else if (claim == Tri::yes) {
          EXPECT_TRUE(holds) << text << " type " << touch << " case " << combo;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 10 * 4 * 432);
}

// --- dependencies -----------------------------------------------------------------

TEST_F(GuardTest, TouchAndTimeDependenceAndScoresUsed) {
  struct Case {
    std::string_view text;
    bool touch;
    bool time;
    std::vector<std::size_t> scores;
  };
  const std::vector<Case> cases = {
      {"touches >= 3 and sales_touches >= 1", false, false, {}},
      {"touches_in_stage > 1 or marketing_touches > 1", false, false, {}},
      {"days_in_stage > 14", false, true, {}},
      {"hours_in_stage > 2", false, true, {}},
      {"engagement >= 40", false, true, {kEngagement}},
      {"fit >= engagement and engagement > 3", false, true, {kEngagement, kFit}},
      {"temperature == warm", false, true, {kTemperature}},
      {"touches < 3 or temperature in (hot) or fit > 1 or fit < 9", false, true, {kFit, kTemperature}},
      {"type == demo_request", true, false, {}},
      {"channel == email", true, false, {}},
      {"team == sales", true, false, {}},
      {"initiator == prospect", true, false, {}},
      {"audience == one_to_one", true, false, {}},
      {"interaction == two_way", true, false, {}},
      {"initiated_contact", true, false, {}},
      {"outcome == rejected", true, false, {}},
      {"value > 100", true, false, {}},
      {"touches <= value", true, false, {}},
      {"initiated_contact and engagement >= 40", true, true, {kEngagement}},
      {"true", false, false, {}},
  };
  for (const Case& c : cases) {
    const Guard g = compile(c.text);
    EXPECT_EQ(g.touch_dependent(), c.touch) << c.text;
    EXPECT_EQ(g.time_dependent(), c.time) << c.text;
    EXPECT_EQ(g.scores_used(), c.scores) << c.text;
  }
}

// --- did_you_mean -----------------------------------------------------------------

TEST(DidYouMean, ClosestWithinAThirdOfTheLength) {
  using doorway::detail::did_you_mean;
  const std::vector<std::string> names = {"engagement", "fit", "temperature"};
  EXPECT_EQ(did_you_mean("engagment", names), "engagement");  // 1 deletion
  EXPECT_EQ(did_you_mean("engaegment", names), "engagement");  // 1 transposition
  EXPECT_EQ(did_you_mean("fti", names), "fit");                // 1 transposition, limit 1
  EXPECT_EQ(did_you_mean("fix", names), "fit");                // 1 substitution, limit 1
  EXPECT_EQ(did_you_mean("fxx", names), std::nullopt);         // distance 2 > limit 1
  EXPECT_EQ(did_you_mean("zebra", names), std::nullopt);
  EXPECT_EQ(did_you_mean("", names), std::nullopt);
  EXPECT_EQ(did_you_mean("fit", names), std::nullopt);  // exact match: nothing to suggest
  EXPECT_EQ(did_you_mean("anything", std::vector<std::string>{}), std::nullopt);
}

TEST(DidYouMean, LimitGrowsWithLength) {
  using doorway::detail::did_you_mean;
  // "abcdefghi" has 9 bytes: limit 3.
  EXPECT_EQ(did_you_mean("abcdefghi", std::vector<std::string>{"abcdefxyz"}), "abcdefxyz");  // 3
  EXPECT_EQ(did_you_mean("abcdefghi", std::vector<std::string>{"abcdewxyz"}), std::nullopt);  // 4
  // "abcde" has 5 bytes: limit 1.
  EXPECT_EQ(did_you_mean("abcde", std::vector<std::string>{"abxye"}), std::nullopt);  // 2
}

TEST(DidYouMean, TiesGoToTheSmallestAndCloserWins) {
  using doorway::detail::did_you_mean;
  const std::array<std::string_view, 3> tied = {"cbt", "cas", "bat"};  // all at distance 1 from "cat"
  EXPECT_EQ(did_you_mean("cat", tied), "bat");
  const std::array<std::string_view, 3> mixed = {"aaaaaaaaz", "aaaaaaayy", "aaaaaaaa"};
  // From "aaaaaaaaa" (limit 3): 1, 2, 1 -> the closer two tie; "aaaaaaaa" < "aaaaaaaaz".
  EXPECT_EQ(did_you_mean("aaaaaaaaa", mixed), "aaaaaaaa");
  const std::array<std::string_view, 2> exact_and_near = {"fit", "fix"};
  EXPECT_EQ(did_you_mean("fit", exact_and_near), "fix");  // distance 0 is not a suggestion
}

TEST(DidYouMean, OptimalStringAlignmentDistance) {
  using doorway::detail::osa_distance;
  EXPECT_EQ(osa_distance("", ""), 0u);
  EXPECT_EQ(osa_distance("abc", ""), 3u);
  EXPECT_EQ(osa_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(osa_distance("ab", "ba"), 1u);
  EXPECT_EQ(osa_distance("ca", "abc"), 3u);  // OSA, not unrestricted Damerau (2)
  EXPECT_GT(osa_distance("aaaaaaaa", "bbbbbbbb", 2), 2u);  // early exit stays above the limit
}

// --- fit grades and sales conversations ---------------------------------------------
// Scores: fit and fit2 are fit grades (their rank in GuardInput: F 0, D- 1, D 2,
// D+ 3, C- 4, C 5, C+ 6, B- 7, B 8, B+ 9, A- 10, A 11, A+ 12); required is numeric.
class GradeGuardTest : public ::testing::Test {
 protected:
  GradeGuardTest() {
    symbols_.scores = {"fit", "fit2", "required"};
    symbols_.score_is_temperature = {false, false, false};
    symbols_.score_is_grade = {true, true, false};
    input_.scores = scores_;
  }
  std::optional<Guard> compile(std::string_view text, std::vector<GuardError>* errors = nullptr) {
    return compile_guard(text, symbols_, errors);
  }
  bool eval(std::string_view text) {
    auto g = compile(text);
    EXPECT_TRUE(g.has_value()) << text;
    return g && g->evaluate(input_);
  }
  std::string error_of(std::string_view text) {
    std::vector<GuardError> errors;
    EXPECT_FALSE(compile(text, &errors).has_value()) << text;
    EXPECT_EQ(errors.size(), 1u) << text;
    return errors.empty() ? std::string() : to_string(errors[0]);
  }
  GuardSymbols symbols_;
  std::array<double, 3> scores_{8, 12, 3};  // fit B, fit2 A+, required 3
  GuardInput input_;
};

TEST_F(GradeGuardTest, GradesCompareByRank) {
  EXPECT_TRUE(eval("fit >= B"));
  EXPECT_TRUE(eval("fit > B-"));
  EXPECT_FALSE(eval("fit > B"));
  EXPECT_FALSE(eval("fit >= B+"));
  EXPECT_TRUE(eval("fit < A-"));
  EXPECT_TRUE(eval("fit2 == A+"));
  EXPECT_TRUE(eval("fit2 == \"A+\""));  // a string serves too
  EXPECT_TRUE(eval("fit in (A, B, C)"));
  EXPECT_FALSE(eval("fit in (A+, A)"));
  EXPECT_TRUE(eval("fit < fit2"));       // B (8) < A+ (12)
  EXPECT_TRUE(eval("fit>=D-and fit2>F"));  // signs end a word: "D-" then "and"
}

TEST_F(GradeGuardTest, ExplainShowsTheLetter) {
  auto g = compile("fit >= A-");
  ASSERT_TRUE(g);
  const std::vector<ClauseResult> r = g->explain(input_);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].clause, "fit >= A-");
  EXPECT_EQ(r[0].actual, "B");
  EXPECT_FALSE(r[0].holds);
  EXPECT_TRUE(g->time_dependent());
}

TEST_F(GradeGuardTest, BadGradesAreNamed) {
  EXPECT_EQ(error_of("fit >= E"),
            "column 8: unknown grade \"E\" (expected F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A or A+)");
  EXPECT_EQ(error_of("fit >= \"a+\""), "column 8: unknown grade \"a+\" (did you mean \"A+\"?)");
  EXPECT_EQ(error_of("fit >= 3"),
            "column 8: \"fit\" is a fit grade: expected F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A or A+ but found \"3\"");
  EXPECT_EQ(error_of("fit in (B, Z)"), "column 12: unknown grade \"Z\" (expected F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A or A+)");
}

TEST_F(GradeGuardTest, SalesConversationsAgainstARequiredCount) {
  input_.sales_conversations = 2;
  EXPECT_FALSE(eval("sales_conversations >= required"));
  auto g = compile("sales_conversations >= required");
  ASSERT_TRUE(g);
  const std::vector<ClauseResult> r = g->explain(input_);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].actual, "2");
  ASSERT_TRUE(r[0].gap.has_value());
  EXPECT_DOUBLE_EQ(*r[0].gap, 1);  // one more conversation needed: 3 − 2
  input_.sales_conversations = 3;
  EXPECT_TRUE(eval("sales_conversations >= required"));
  // A minus sign followed by a digit still starts a number: B -1 is not a grade.
  EXPECT_TRUE(eval("required > -1"));
}

}  // namespace

// --- account roll-ups: `account.<name>` (doorway/account.hpp) ----------------------

class AccountGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    symbols_.scores = {"engagement"};
    symbols_.score_is_temperature = {false};
    // total (a sum: no bare form), coverage (two roles: bare means >= 2).
    symbols_.account_rollups = {"total", "coverage"};
    symbols_.account_all = {0, 2};
    scores_[0] = 15;
    input_.scores = scores_;
  }
  std::optional<Guard> compile(std::string_view text, std::vector<GuardError>* errors = nullptr) {
    return compile_guard(text, symbols_, errors);
  }
  std::string error_of(std::string_view text) {
    std::vector<GuardError> errors;
    EXPECT_FALSE(compile(text, &errors));
    return errors.empty() ? std::string() : doorway::to_string(errors[0]);
  }
  bool eval(std::string_view text) {
    auto g = compile(text);
    EXPECT_TRUE(g) << text;
    return g && g->evaluate(input_);
  }
  GuardSymbols symbols_;
  std::array<double, 1> scores_{};
  std::array<double, 2> account_{};
  GuardInput input_;
};

TEST_F(AccountGuardTest, DottedNamesReadTheLeadsAccount) {
  account_ = {120, 1};
  input_.account = account_;
  EXPECT_TRUE(eval("account.total >= 100"));
  EXPECT_TRUE(eval("account.total >= 100 and engagement < 20"));
  EXPECT_FALSE(eval("account.total > 120"));
  auto g = compile("account.total >= 100");
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->account_dependent());
  EXPECT_TRUE(g->time_dependent());  // the account changes with other leads, read at advance() too
  EXPECT_FALSE(compile("engagement >= 1")->account_dependent());
}

TEST_F(AccountGuardTest, ACoverageRollUpAloneMeansEveryRoleEngaged) {
  account_ = {0, 1};
  input_.account = account_;
  EXPECT_FALSE(eval("account.coverage"));
  EXPECT_TRUE(eval("not account.coverage"));
  auto g = compile("account.coverage");
  const std::vector<ClauseResult> r = g->explain(input_);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].clause, "account.coverage");
  EXPECT_EQ(r[0].actual, "1");
  EXPECT_DOUBLE_EQ(*r[0].gap, 1);  // one more role to engage: 2 − 1
  account_ = {0, 2};
  EXPECT_TRUE(eval("account.coverage"));
  EXPECT_TRUE(eval("account.coverage >= 1"));
}

TEST_F(AccountGuardTest, WithoutAnAccountNothingHoldsAndExplainSaysSo) {
  // input_.account is empty: the lead has no account.
  EXPECT_FALSE(eval("account.total >= 0"));
  EXPECT_FALSE(eval("account.coverage"));
  auto g = compile("account.total >= 0");
  EXPECT_EQ(g->explain(input_)[0].actual, "(no account)");
}

TEST_F(AccountGuardTest, UnknownRollUpsAndMisuse) {
  EXPECT_EQ(error_of("account.totl >= 1"), "column 1: unknown account roll-up \"account.totl\" (did you mean \"account.total\"?)");
  EXPECT_EQ(error_of("account.total"), "column 14: expected a comparison after \"account.total\" but found end of input");
  symbols_.account_rollups.clear();
  symbols_.account_all.clear();
  EXPECT_EQ(error_of("account.total >= 1"),
            "column 1: unknown account roll-up \"account.total\" (the model declares no account roll-ups)");
  // Other dotted names are not features.
  EXPECT_EQ(error_of("engagement.total >= 1"), "column 1: unknown score or feature \"engagement.total\"");
}
