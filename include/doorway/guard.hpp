// doorway — guards: the small expression language on journey transitions
// (`engagement >= 40 and sales_touches >= 1`, `initiated_contact`,
// `outcome == "rejected"`, `days_in_stage > 14`, `temperature == warm`).
//
//   expr       := or
//   or         := and ("or" and)*
//   and        := unary ("and" unary)*
//   unary      := "not" unary | primary
//   primary    := "(" expr ")" | "true" | "false" | comparison | in_test | boolean_feature
//   comparison := feature (">=" | ">" | "<=" | "<" | "==" | "!=") operand
//   in_test    := feature "in" "(" literal ("," literal)* ")"
//
// Features: numeric `touches`, `marketing_touches`, `sales_touches`,
// `sales_conversations` (sales touches that were two-way), `touches_in_stage`,
// `days_in_stage`, `hours_in_stage`, `value`; symbolic, of the current touch,
// `type`, `channel`, `team`, `initiator`, `audience`, `interaction`, `outcome`;
// boolean `initiated_contact`; any other name is a score (numeric, cold < warm <
// hot for a temperature score, F < D- < … < A+ for a fit grade: `fit >= B`,
// `fit in (A, A+)`; a grade with a sign is one word, `A+`, or a string, "A+").
// Built-in names win over score names. Keywords (and, or, not, in, true, false)
// are lowercase.
//
// compile_guard() resolves every name to a small integer once; evaluate() walks
// a flat vector of nodes and never allocates. A compiled Guard is immutable and
// may be shared between threads.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "doorway/catalog.hpp"
#include "doorway/detail/suggest.hpp"
#include "doorway/grade.hpp"
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// Names a guard may use besides the built-in features.
struct GuardSymbols {
  const Catalog* catalog = nullptr;  // resolves type/channel literals; null => such literals are errors "no catalog"
  std::vector<std::string> scores;   // score names; index i is the score's index in GuardInput::scores
  std::vector<bool> score_is_temperature;  // same size as scores; true => ordered symbolic cold<warm<hot (value 0/1/2 in GuardInput)
  std::vector<bool> score_is_grade;        // same size as scores (or empty); true => a fit grade F<…<A+ (its rank 0…12 in GuardInput)
  // Account roll-ups (doorway/account.hpp), read as `account.<name>`; index i is the
  // roll-up's index in GuardInput::account. account_all[i] > 0 lets `account.<name>`
  // stand alone, meaning `account.<name> >= account_all[i]` (coverage: every role).
  std::vector<std::string> account_rollups;
  std::vector<double> account_all;
};

// One compile error. `column` is 1-based (in bytes) into the guard text; the
// message does not repeat it (see to_string below).
struct GuardError {
  std::size_t column;
  std::string message;
};

// "column 8: unknown touch type "demo_requst" (did you mean "demo_request"?)"
inline std::string to_string(const GuardError& e) {
  return "column " + std::to_string(e.column) + ": " + e.message;
}

// What the engine knows when it evaluates a guard.
struct GuardInput {
  std::span<const double> scores;  // current value of every score; temperature scores hold 0 cold, 1 warm, 2 hot
  double touches = 0, marketing_touches = 0, sales_touches = 0, touches_in_stage = 0;
  double sales_conversations = 0;  // sales touches that were two-way
  double days_in_stage = 0;  // fractional days; hours_in_stage = 24 * days_in_stage
  bool has_touch = false;    // false when evaluated by the clock (advance) or on a chained hop
  TypeId type = kNoType;
  ChannelId channel = kNoChannel;
  Team team = Team::unknown;
  Axes axes;
  bool initiated_contact = false;
  std::string_view outcome;    // the touch's outcome field, may be empty
  std::optional<double> value;  // the touch's value
  std::span<const double> account;  // the lead's account roll-ups; empty when the lead has no account
};

enum class Tri : std::uint8_t { no = 0, yes = 1, maybe = 2 };

// What is known about a touch when checking, before any lead exists, whether two
// guards can both hold.
struct TouchFacts {
  bool has_touch = true;
  TypeId type = kNoType;
  ChannelId channel = kNoChannel;  // kNoChannel here means "unknown channel"
  Team team = Team::unknown;
  Axes axes;
  bool initiated_contact = false;
};

struct ClauseResult {
  std::string clause;         // the clause's source text, e.g. "engagement >= 40"
  std::string actual;         // the left side's current value, formatted: "32", "32.5", "warm", "webinar_attended", "(no touch)"
  bool holds = false;
  std::optional<double> gap;  // numeric comparisons only: how far the value is from making the clause hold; 0 when it holds
};

namespace detail {

enum class GuardFeature : std::uint8_t {
  touches,
  marketing_touches,
  sales_touches,
  sales_conversations,
  touches_in_stage,
  days_in_stage,
  hours_in_stage,
  value,
  score,        // a numeric score
  temperature,  // a temperature score (0 cold, 1 warm, 2 hot)
  grade,        // a fit-grade score (its rank: 0 F … 12 A+)
  type,
  channel,
  team,
  initiator,
  audience,
  interaction,
  outcome,
  initiated_contact,
  account,  // an account roll-up (index in GuardRef::score)
  unknown,  // an unresolved name (only while compiling a guard with errors)
};

// How a feature's values compare. `ordered` is a temperature, `graded` a fit
// grade: both compare as numbers, written as names.
enum class GuardValueKind : std::uint8_t { numeric, ordered, symbol, text, flag, unknown, graded };

constexpr GuardValueKind guard_value_kind(GuardFeature f) noexcept {
  switch (f) {
    case GuardFeature::touches:
    case GuardFeature::marketing_touches:
    case GuardFeature::sales_touches:
    case GuardFeature::sales_conversations:
    case GuardFeature::touches_in_stage:
    case GuardFeature::days_in_stage:
    case GuardFeature::hours_in_stage:
    case GuardFeature::value:
    case GuardFeature::score: return GuardValueKind::numeric;
    case GuardFeature::temperature: return GuardValueKind::ordered;
    case GuardFeature::grade: return GuardValueKind::graded;
    case GuardFeature::type:
    case GuardFeature::channel:
    case GuardFeature::team:
    case GuardFeature::initiator:
    case GuardFeature::audience:
    case GuardFeature::interaction: return GuardValueKind::symbol;
    case GuardFeature::outcome: return GuardValueKind::text;
    case GuardFeature::initiated_contact: return GuardValueKind::flag;
    case GuardFeature::account: return GuardValueKind::numeric;
    case GuardFeature::unknown: return GuardValueKind::unknown;
  }
  return GuardValueKind::unknown;
}

constexpr bool guard_touch_feature(GuardFeature f) noexcept {
  switch (f) {
    case GuardFeature::type:
    case GuardFeature::channel:
    case GuardFeature::team:
    case GuardFeature::initiator:
    case GuardFeature::audience:
    case GuardFeature::interaction:
    case GuardFeature::initiated_contact:
    case GuardFeature::outcome:
    case GuardFeature::value: return true;
    default: return false;
  }
}

constexpr bool guard_time_feature(GuardFeature f) noexcept {
  return f == GuardFeature::days_in_stage || f == GuardFeature::hours_in_stage ||
         f == GuardFeature::score || f == GuardFeature::temperature || f == GuardFeature::grade ||
         f == GuardFeature::account;
}

struct GuardBuiltin {
  std::string_view name;
  GuardFeature feature;
};
inline constexpr GuardBuiltin kGuardBuiltins[] = {
    {"touches", GuardFeature::touches},
    {"marketing_touches", GuardFeature::marketing_touches},
    {"sales_touches", GuardFeature::sales_touches},
    {"sales_conversations", GuardFeature::sales_conversations},
    {"touches_in_stage", GuardFeature::touches_in_stage},
    {"days_in_stage", GuardFeature::days_in_stage},
    {"hours_in_stage", GuardFeature::hours_in_stage},
    {"value", GuardFeature::value},
    {"type", GuardFeature::type},
    {"channel", GuardFeature::channel},
    {"team", GuardFeature::team},
    {"initiator", GuardFeature::initiator},
    {"audience", GuardFeature::audience},
    {"interaction", GuardFeature::interaction},
    {"outcome", GuardFeature::outcome},
    {"initiated_contact", GuardFeature::initiated_contact},
};

enum class GuardOp : std::uint8_t { ge, gt, le, lt, eq, ne };

constexpr std::string_view guard_op_text(GuardOp op) noexcept {
  switch (op) {
    case GuardOp::ge: return ">=";
    case GuardOp::gt: return ">";
    case GuardOp::le: return "<=";
    case GuardOp::lt: return "<";
    case GuardOp::eq: return "==";
    case GuardOp::ne: return "!=";
  }
  return "==";
}

constexpr bool guard_ordering(GuardOp op) noexcept {
  return op != GuardOp::eq && op != GuardOp::ne;
}

constexpr bool guard_compare(GuardOp op, double x, double c) noexcept {
  switch (op) {
    case GuardOp::ge: return x >= c;
    case GuardOp::gt: return x > c;
    case GuardOp::le: return x <= c;
    case GuardOp::lt: return x < c;
    case GuardOp::eq: return x == c;
    case GuardOp::ne: return x != c;
  }
  return false;
}

enum class GuardNodeKind : std::uint8_t {
  constant,  // true / false
  all,       // and of children
  any,       // or of children
  negate,    // not of one child
  compare,   // feature OP literal-or-feature
  member,    // feature in (literals)
  flag,      // initiated_contact
};

struct GuardRef {
  GuardFeature feature = GuardFeature::unknown;
  std::uint32_t score = 0;  // for score / temperature / grade
};

struct GuardNode {
  GuardNodeKind kind = GuardNodeKind::constant;
  GuardOp op = GuardOp::eq;
  bool truth = false;        // constant
  bool rhs_is_feature = false;
  GuardRef lhs;
  GuardRef rhs;              // when rhs_is_feature
  double number = 0;         // numeric literal, a temperature's level or a grade's rank
  std::uint32_t symbol = 0;  // symbol id (type, channel, enum value) or index into the outcome texts
  std::uint32_t first = 0;   // children of all/any/negate, or the list items of member
  std::uint32_t count = 0;
  std::uint32_t clause_begin = 0;  // source span of a leaf clause
  std::uint32_t clause_end = 0;
};

// The touch features a guard can see, with "no touch" already applied.
struct GuardTouchView {
  bool has_touch;
  TypeId type;
  ChannelId channel;
  Team team;
  Axes axes;
};

constexpr std::uint32_t guard_symbol(GuardFeature f, const GuardTouchView& t) noexcept {
  if (!t.has_touch) {
    if (f == GuardFeature::type) return kNoType;
    if (f == GuardFeature::channel) return kNoChannel;
    return 0;  // every enum's unknown
  }
  switch (f) {
    case GuardFeature::type: return t.type;
    case GuardFeature::channel: return t.channel;
    case GuardFeature::team: return static_cast<std::uint32_t>(t.team);
    case GuardFeature::initiator: return static_cast<std::uint32_t>(t.axes.initiator);
    case GuardFeature::audience: return static_cast<std::uint32_t>(t.axes.audience);
    case GuardFeature::interaction: return static_cast<std::uint32_t>(t.axes.interaction);
    default: return 0;
  }
}

inline std::optional<double> guard_number(GuardRef r, const GuardInput& in) noexcept {
  switch (r.feature) {
    case GuardFeature::touches: return in.touches;
    case GuardFeature::marketing_touches: return in.marketing_touches;
    case GuardFeature::sales_touches: return in.sales_touches;
    case GuardFeature::sales_conversations: return in.sales_conversations;
    case GuardFeature::touches_in_stage: return in.touches_in_stage;
    case GuardFeature::days_in_stage: return in.days_in_stage;
    case GuardFeature::hours_in_stage: return 24.0 * in.days_in_stage;
    case GuardFeature::value:
      if (!in.has_touch) return std::nullopt;
      return in.value;
    case GuardFeature::score:
    case GuardFeature::temperature:
    case GuardFeature::grade:
      if (r.score < in.scores.size()) return in.scores[r.score];
      return std::nullopt;
    case GuardFeature::account:
      if (r.score < in.account.size()) return in.account[r.score];
      return std::nullopt;
    default: return std::nullopt;
  }
}

// Up to 6 significant digits, no trailing zeros; integral values in full.
inline std::string guard_format_number(double x) {
  if (x == 0) return "0";  // also -0
  char buf[64];
  std::to_chars_result r;
  if (std::isfinite(x) && std::trunc(x) == x && std::fabs(x) < 1e15) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(x));
  } else {
    r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 6);
  }
  return std::string(buf, r.ptr);
}

constexpr Tri guard_tri_not(Tri a) noexcept {
  return a == Tri::yes ? Tri::no : a == Tri::no ? Tri::yes : Tri::maybe;
}

class GuardCompiler;

}  // namespace detail

class Guard {
 public:
  // The guard `true`: holds always. compile_guard() makes every other guard.
  Guard() { reset("true"); add_constant_true(); }

  const std::string& text() const noexcept { return text_; }

  bool evaluate(const GuardInput& in) const noexcept { return eval(root_, in); }

  // Every leaf clause (comparison, `in` test, boolean feature, true/false) in
  // source order, with its value and whether it holds.
  std::vector<ClauseResult> explain(const GuardInput& in) const {
    std::vector<ClauseResult> out;
    out.reserve(leaves_.size());
    for (std::uint32_t i : leaves_) {
      const detail::GuardNode& n = nodes_[i];
      ClauseResult r;
      r.clause = text_.substr(n.clause_begin, n.clause_end - n.clause_begin);
      r.holds = leaf(n, in);
      r.actual = actual(n, in);
      r.gap = gap(n, in);
      out.push_back(std::move(r));
    }
    return out;
  }

  // Kleene three-valued evaluation: touch features come from `facts`; lead-state
  // features (scores, counts, days/hours_in_stage) are unknown, and so are
  // outcome and value while there is a touch (with no touch they are empty and
  // absent, as in evaluate()).
  Tri can_hold(const TouchFacts& facts) const noexcept {
    return tri(root_, [&](const Node& n) { return tri_leaf(n, facts); });
  }
  // The same when all that is known is whether there is a touch and, if so, its
  // type: no only when that alone rules the guard out (`type == order_placed`
  // for a page view, anything about the touch when there is none). The engine
  // skips such guards without evaluating them.
  Tri can_hold_of_type(bool has_touch, TypeId type) const noexcept {
    return tri(root_, [&](const Node& n) { return tri_type_leaf(n, has_touch, type); });
  }

  // Mentions type, channel, team, initiator, audience, interaction,
  // initiated_contact, outcome or value.
  bool touch_dependent() const noexcept { return touch_dependent_; }
  // Mentions days_in_stage, hours_in_stage, or any score (scores decay with time).
  bool time_dependent() const noexcept { return time_dependent_; }
  // Mentions an account roll-up (account.<name>): depends on other leads.
  bool account_dependent() const noexcept { return account_dependent_; }
  // Sorted unique score indices.
  std::vector<std::size_t> scores_used() const { return scores_used_; }

 private:
  friend class detail::GuardCompiler;
  using Node = detail::GuardNode;
  using NodeKind = detail::GuardNodeKind;
  using Feature = detail::GuardFeature;
  using Kind = detail::GuardValueKind;

  void reset(std::string_view text) {
    text_.assign(text);
    nodes_.clear();
    children_.clear();
    numbers_.clear();
    symbols_.clear();
    texts_.clear();
    leaves_.clear();
    type_names_.clear();
    channel_names_.clear();
    scores_used_.clear();
    root_ = 0;
    touch_dependent_ = false;
    time_dependent_ = false;
    account_dependent_ = false;
  }
  void add_constant_true() {
    Node n;
    n.kind = NodeKind::constant;
    n.truth = true;
    n.clause_begin = 0;
    n.clause_end = static_cast<std::uint32_t>(text_.size());
    nodes_.push_back(n);
    leaves_.push_back(0);
    root_ = 0;
  }

  static detail::GuardTouchView view(const GuardInput& in) noexcept {
    return {in.has_touch, in.type, in.channel, in.team, in.axes};
  }
  static detail::GuardTouchView view(const TouchFacts& f) noexcept {
    return {f.has_touch, f.type, f.channel, f.team, f.axes};
  }

  bool numeric_leaf(const Node& n, std::optional<double> x, std::optional<double> rhs) const noexcept {
    if (!x) return false;
    if (n.kind == NodeKind::member) {
      for (std::uint32_t k = 0; k < n.count; ++k) {
        if (*x == numbers_[n.first + k]) return true;
      }
      return false;
    }
    if (!rhs) return false;
    return detail::guard_compare(n.op, *x, *rhs);
  }
  bool symbol_leaf(const Node& n, std::uint32_t s) const noexcept {
    if (n.kind == NodeKind::member) {
      for (std::uint32_t k = 0; k < n.count; ++k) {
        if (s == symbols_[n.first + k]) return true;
      }
      return false;
    }
    return n.op == detail::GuardOp::ne ? s != n.symbol : s == n.symbol;
  }
  bool text_leaf(const Node& n, std::string_view s) const noexcept {
    if (n.kind == NodeKind::member) {
      for (std::uint32_t k = 0; k < n.count; ++k) {
        if (s == texts_[n.first + k]) return true;
      }
      return false;
    }
    return n.op == detail::GuardOp::ne ? s != texts_[n.symbol] : s == texts_[n.symbol];
  }
  std::optional<double> rhs_number(const Node& n, const GuardInput& in) const noexcept {
    if (n.kind != NodeKind::compare) return std::nullopt;
    if (n.rhs_is_feature) return detail::guard_number(n.rhs, in);
    return n.number;
  }

  bool leaf(const Node& n, const GuardInput& in) const noexcept {
    switch (n.kind) {
      case NodeKind::constant: return n.truth;
      case NodeKind::flag: return in.has_touch && in.initiated_contact;
      case NodeKind::compare:
      case NodeKind::member: break;
      default: return false;
    }
    switch (detail::guard_value_kind(n.lhs.feature)) {
      case Kind::numeric:
      case Kind::ordered:
      case Kind::graded: return numeric_leaf(n, detail::guard_number(n.lhs, in), rhs_number(n, in));
      case Kind::symbol: return symbol_leaf(n, detail::guard_symbol(n.lhs.feature, view(in)));
      case Kind::text: return text_leaf(n, in.has_touch ? in.outcome : std::string_view{});
      default: return false;
    }
  }

  bool eval(std::uint32_t i, const GuardInput& in) const noexcept {
    const Node& n = nodes_[i];
    switch (n.kind) {
      case NodeKind::all:
        for (std::uint32_t k = 0; k < n.count; ++k) {
          if (!eval(children_[n.first + k], in)) return false;
        }
        return true;
      case NodeKind::any:
        for (std::uint32_t k = 0; k < n.count; ++k) {
          if (eval(children_[n.first + k], in)) return true;
        }
        return false;
      case NodeKind::negate: return !eval(children_[n.first], in);
      default: return leaf(n, in);
    }
  }

  // A numeric leaf that compares the touch's value (on either side): false with
  // no touch, whatever the lead's state.
  static bool reads_value(const Node& n) noexcept {
    return n.lhs.feature == Feature::value ||
           (n.kind == NodeKind::compare && n.rhs_is_feature && n.rhs.feature == Feature::value);
  }

  Tri tri_leaf(const Node& n, const TouchFacts& f) const noexcept {
    auto known = [](bool b) { return b ? Tri::yes : Tri::no; };
    switch (n.kind) {
      case NodeKind::constant: return known(n.truth);
      case NodeKind::flag: return known(f.has_touch && f.initiated_contact);
      case NodeKind::compare:
      case NodeKind::member: break;
      default: return Tri::maybe;
    }
    switch (detail::guard_value_kind(n.lhs.feature)) {
      case Kind::numeric:
      case Kind::ordered:
      case Kind::graded:
        // Lead state is unknown; only an absent value (no touch) is certain.
        if (!f.has_touch && reads_value(n)) return Tri::no;
        return Tri::maybe;
      case Kind::symbol:
        if (f.has_touch && n.lhs.feature == Feature::channel && f.channel == kNoChannel) {
          return Tri::maybe;
        }
        return known(symbol_leaf(n, detail::guard_symbol(n.lhs.feature, view(f))));
      case Kind::text:
        if (f.has_touch) return Tri::maybe;
        return known(text_leaf(n, std::string_view{}));
      default: return Tri::maybe;
    }
  }

  // Only the type (and whether there is a touch) known: a type comparison, and
  // any touch feature when there is no touch, are decided exactly as evaluate()
  // would; the rest is maybe.
  Tri tri_type_leaf(const Node& n, bool has_touch, TypeId type) const noexcept {
    auto known = [](bool b) { return b ? Tri::yes : Tri::no; };
    switch (n.kind) {
      case NodeKind::constant: return known(n.truth);
      case NodeKind::flag: return has_touch ? Tri::maybe : Tri::no;
      case NodeKind::compare:
      case NodeKind::member: break;
      default: return Tri::maybe;
    }
    const detail::GuardTouchView view{has_touch, type, kNoChannel, Team::unknown, Axes{}};
    switch (detail::guard_value_kind(n.lhs.feature)) {
      case Kind::numeric:
      case Kind::ordered:
      case Kind::graded:
        if (!has_touch && reads_value(n)) return Tri::no;
        return Tri::maybe;
      case Kind::symbol:
        if (has_touch && n.lhs.feature != Feature::type) return Tri::maybe;
        return known(symbol_leaf(n, detail::guard_symbol(n.lhs.feature, view)));
      case Kind::text:
        if (has_touch) return Tri::maybe;
        return known(text_leaf(n, std::string_view{}));
      default: return Tri::maybe;
    }
  }

  // Kleene logic over the tree, leaves decided by leaf(const Node&).
  template <class Leaf>
  Tri tri(std::uint32_t i, const Leaf& leaf) const noexcept {
    const Node& n = nodes_[i];
    switch (n.kind) {
      case NodeKind::all: {
        Tri r = Tri::yes;
        for (std::uint32_t k = 0; k < n.count; ++k) {
          const Tri c = tri(children_[n.first + k], leaf);
          if (c == Tri::no) return Tri::no;
          if (c == Tri::maybe) r = Tri::maybe;
        }
        return r;
      }
      case NodeKind::any: {
        Tri r = Tri::no;
        for (std::uint32_t k = 0; k < n.count; ++k) {
          const Tri c = tri(children_[n.first + k], leaf);
          if (c == Tri::yes) return Tri::yes;
          if (c == Tri::maybe) r = Tri::maybe;
        }
        return r;
      }
      case NodeKind::negate: return detail::guard_tri_not(tri(children_[n.first], leaf));
      default: return leaf(n);
    }
  }

  static std::string name_or_id(const std::vector<std::string>& names, std::uint32_t id) {
    if (id < names.size()) return names[id];
    return "#" + std::to_string(id);
  }

  std::string actual(const Node& n, const GuardInput& in) const {
    switch (n.kind) {
      case NodeKind::constant: return n.truth ? "true" : "false";
      case NodeKind::flag:
        if (!in.has_touch) return "(no touch)";
        return in.initiated_contact ? "true" : "false";
      case NodeKind::compare:
      case NodeKind::member: break;
      default: return {};
    }
    const Feature f = n.lhs.feature;
    if (detail::guard_touch_feature(f) && !in.has_touch) return "(no touch)";
    switch (detail::guard_value_kind(f)) {
      case Kind::numeric: {
        const auto x = detail::guard_number(n.lhs, in);
        if (!x && f == Feature::account) return "(no account)";
        return x ? detail::guard_format_number(*x) : "(no value)";
      }
      case Kind::ordered: {
        const auto x = detail::guard_number(n.lhs, in);
        if (!x) return "(no value)";
        if (*x == 0 || *x == 1 || *x == 2) {
          return std::string(to_string(static_cast<Temperature>(static_cast<int>(*x))));
        }
        return detail::guard_format_number(*x);
      }
      case Kind::graded: {
        const auto x = detail::guard_number(n.lhs, in);
        if (!x) return "(no value)";
        return std::string(to_string(grade_of_rank(static_cast<int>(std::lround(*x)))));
      }
      case Kind::symbol:
        switch (f) {
          case Feature::type:
            return in.type == kNoType ? "(no type)" : name_or_id(type_names_, in.type);
          case Feature::channel:
            return in.channel == kNoChannel ? "(no channel)" : name_or_id(channel_names_, in.channel);
          case Feature::team: return std::string(to_string(in.team));
          case Feature::initiator: return std::string(to_string(in.axes.initiator));
          case Feature::audience: return std::string(to_string(in.axes.audience));
          case Feature::interaction: return std::string(to_string(in.axes.interaction));
          default: return {};
        }
      case Kind::text: return in.outcome.empty() ? "(no outcome)" : std::string(in.outcome);
      default: return {};
    }
  }

  std::optional<double> gap(const Node& n, const GuardInput& in) const {
    if (n.kind != NodeKind::compare) return std::nullopt;
    if (detail::guard_value_kind(n.lhs.feature) != Kind::numeric) return std::nullopt;
    const auto x = detail::guard_number(n.lhs, in);
    const auto c = rhs_number(n, in);
    if (!x || !c) return std::nullopt;
    switch (n.op) {
      case detail::GuardOp::ge:
      case detail::GuardOp::gt: return std::max(0.0, *c - *x);
      case detail::GuardOp::le:
      case detail::GuardOp::lt: return std::max(0.0, *x - *c);
      case detail::GuardOp::eq: return std::fabs(*x - *c);
      case detail::GuardOp::ne: return std::nullopt;
    }
    return std::nullopt;
  }

  std::string text_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> children_;  // of all/any/negate nodes
  std::vector<double> numbers_;          // `in` lists of numeric and temperature features
  std::vector<std::uint32_t> symbols_;   // `in` lists of symbolic features
  std::vector<std::string> texts_;       // outcome literals
  std::vector<std::uint32_t> leaves_;    // leaf clauses in source order
  std::vector<std::string> type_names_;     // catalog names, for explain (copied: no lifetime tie)
  std::vector<std::string> channel_names_;
  std::vector<std::size_t> scores_used_;
  std::uint32_t root_ = 0;
  bool touch_dependent_ = false;
  bool time_dependent_ = false;
  bool account_dependent_ = false;
};

// Compiles `text`. On failure returns nullopt and appends every error it can find
// to `errors` (when not null): a syntax error stops parsing; otherwise every
// unknown name and bad literal is reported, each with its column. Defined in
// doorway/detail/guard_compiler.hpp.
inline std::optional<Guard> compile_guard(std::string_view text, const GuardSymbols& symbols,
                                          std::vector<GuardError>* errors);

}  // namespace v0
}  // namespace doorway

#include "doorway/detail/guard_compiler.hpp"
