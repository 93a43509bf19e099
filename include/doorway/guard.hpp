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
// `touches_in_stage`, `days_in_stage`, `hours_in_stage`, `value`; symbolic, of
// the current touch, `type`, `channel`, `team`, `initiator`, `audience`,
// `interaction`, `outcome`; boolean `initiated_contact`; any other name is a
// score (numeric, or cold < warm < hot for a temperature score). Built-in names
// win over score names. Keywords (and, or, not, in, true, false) are lowercase.
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
#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

// Names a guard may use besides the built-in features.
struct GuardSymbols {
  const Catalog* catalog = nullptr;  // resolves type/channel literals; null => such literals are errors "no catalog"
  std::vector<std::string> scores;   // score names; index i is the score's index in GuardInput::scores
  std::vector<bool> score_is_temperature;  // same size as scores; true => ordered symbolic cold<warm<hot (value 0/1/2 in GuardInput)
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
  double days_in_stage = 0;  // fractional days; hours_in_stage = 24 * days_in_stage
  bool has_touch = false;    // false when evaluated by the clock (advance) or on a chained hop
  TypeId type = kNoType;
  ChannelId channel = kNoChannel;
  Team team = Team::unknown;
  Axes axes;
  bool initiated_contact = false;
  std::string_view outcome;    // the touch's outcome field, may be empty
  std::optional<double> value;  // the touch's value
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
  touches_in_stage,
  days_in_stage,
  hours_in_stage,
  value,
  score,        // a numeric score
  temperature,  // a temperature score (0 cold, 1 warm, 2 hot)
  type,
  channel,
  team,
  initiator,
  audience,
  interaction,
  outcome,
  initiated_contact,
  unknown,  // an unresolved name (only while compiling a guard with errors)
};

// How a feature's values compare.
enum class GuardValueKind : std::uint8_t { numeric, ordered, symbol, text, flag, unknown };

constexpr GuardValueKind guard_value_kind(GuardFeature f) noexcept {
  switch (f) {
    case GuardFeature::touches:
    case GuardFeature::marketing_touches:
    case GuardFeature::sales_touches:
    case GuardFeature::touches_in_stage:
    case GuardFeature::days_in_stage:
    case GuardFeature::hours_in_stage:
    case GuardFeature::value:
    case GuardFeature::score: return GuardValueKind::numeric;
    case GuardFeature::temperature: return GuardValueKind::ordered;
    case GuardFeature::type:
    case GuardFeature::channel:
    case GuardFeature::team:
    case GuardFeature::initiator:
    case GuardFeature::audience:
    case GuardFeature::interaction: return GuardValueKind::symbol;
    case GuardFeature::outcome: return GuardValueKind::text;
    case GuardFeature::initiated_contact: return GuardValueKind::flag;
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
         f == GuardFeature::score || f == GuardFeature::temperature;
}

struct GuardBuiltin {
  std::string_view name;
  GuardFeature feature;
};
inline constexpr GuardBuiltin kGuardBuiltins[] = {
    {"touches", GuardFeature::touches},
    {"marketing_touches", GuardFeature::marketing_touches},
    {"sales_touches", GuardFeature::sales_touches},
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
  std::uint32_t score = 0;  // for score / temperature
};

struct GuardNode {
  GuardNodeKind kind = GuardNodeKind::constant;
  GuardOp op = GuardOp::eq;
  bool truth = false;        // constant
  bool rhs_is_feature = false;
  GuardRef lhs;
  GuardRef rhs;              // when rhs_is_feature
  double number = 0;         // numeric literal, or a temperature's level
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
    case GuardFeature::touches_in_stage: return in.touches_in_stage;
    case GuardFeature::days_in_stage: return in.days_in_stage;
    case GuardFeature::hours_in_stage: return 24.0 * in.days_in_stage;
    case GuardFeature::value:
      if (!in.has_touch) return std::nullopt;
      return in.value;
    case GuardFeature::score:
    case GuardFeature::temperature:
      if (r.score < in.scores.size()) return in.scores[r.score];
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
  Tri can_hold(const TouchFacts& facts) const noexcept { return tri(root_, facts); }

  // Mentions type, channel, team, initiator, audience, interaction,
  // initiated_contact, outcome or value.
  bool touch_dependent() const noexcept { return touch_dependent_; }
  // Mentions days_in_stage, hours_in_stage, or any score (scores decay with time).
  bool time_dependent() const noexcept { return time_dependent_; }
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
      case Kind::ordered: return numeric_leaf(n, detail::guard_number(n.lhs, in), rhs_number(n, in));
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
        // Lead state is unknown; only an absent value (no touch) is certain.
        if (!f.has_touch && (n.lhs.feature == Feature::value ||
                             (n.kind == NodeKind::compare && n.rhs_is_feature &&
                              n.rhs.feature == Feature::value))) {
          return Tri::no;
        }
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

  Tri tri(std::uint32_t i, const TouchFacts& f) const noexcept {
    const Node& n = nodes_[i];
    switch (n.kind) {
      case NodeKind::all: {
        Tri r = Tri::yes;
        for (std::uint32_t k = 0; k < n.count; ++k) {
          const Tri c = tri(children_[n.first + k], f);
          if (c == Tri::no) return Tri::no;
          if (c == Tri::maybe) r = Tri::maybe;
        }
        return r;
      }
      case NodeKind::any: {
        Tri r = Tri::no;
        for (std::uint32_t k = 0; k < n.count; ++k) {
          const Tri c = tri(children_[n.first + k], f);
          if (c == Tri::yes) return Tri::yes;
          if (c == Tri::maybe) r = Tri::maybe;
        }
        return r;
      }
      case NodeKind::negate: return detail::guard_tri_not(tri(children_[n.first], f));
      default: return tri_leaf(n, f);
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
};

namespace detail {

enum class GuardTok : std::uint8_t {
  end,
  ident,
  number,
  string,
  op,
  lparen,
  rparen,
  comma,
  kw_and,
  kw_or,
  kw_not,
  kw_in,
  kw_true,
  kw_false,
};

struct GuardToken {
  GuardTok kind = GuardTok::end;
  std::size_t pos = 0;  // 0-based byte offset
  std::size_t len = 0;
  double number = 0;
  GuardOp op = GuardOp::eq;
  std::string text;  // identifier name or unescaped string
};

// Deepest nesting of parentheses and `not` a guard may have (keeps evaluation's
// recursion bounded).
inline constexpr int kGuardMaxDepth = 100;

class GuardCompiler {
 public:
  GuardCompiler(std::string_view text, const GuardSymbols& symbols, Guard& out)
      : src_(text), symbols_(symbols), g_(out) {}

  // Fills the guard; false when there were errors (then in `errors`).
  bool run() {
    g_.reset(src_);
    if (src_.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) {
      errors.push_back({1, "empty guard"});
      return false;
    }
    advance();
    if (stop_) return false;
    const std::uint32_t root = parse_or(0, {});
    if (stop_) return false;
    if (tok_.kind != GuardTok::end) {
      fatal(tok_.pos, "expected \"and\", \"or\" or end of input but found " + describe(tok_) +
                          keyword_hint(tok_));
      return false;
    }
    if (!errors.empty()) return false;
    g_.root_ = root;
    finish();
    return true;
  }

  std::vector<GuardError> errors;

 private:
  using Feature = GuardFeature;
  using Kind = GuardValueKind;

  // --- errors -----------------------------------------------------------------
  void error(std::size_t pos, std::string message) {
    errors.push_back({pos + 1, std::move(message)});
  }
  void fatal(std::size_t pos, std::string message) {
    error(pos, std::move(message));
    stop_ = true;
    tok_ = GuardToken{};
    tok_.pos = src_.size();
  }
  static std::string quote(std::string_view s) {
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
  }
  std::string_view source(const GuardToken& t) const { return src_.substr(t.pos, t.len); }
  std::string describe(const GuardToken& t) const {
    if (t.kind == GuardTok::end) return "end of input";
    if (t.kind == GuardTok::string) return "string " + quote(t.text);
    return quote(source(t));
  }
  // " (keywords are lowercase: "and")" when an identifier is a keyword in capitals.
  std::string keyword_hint(const GuardToken& t) const {
    if (t.kind != GuardTok::ident) return {};
    std::string lower(t.text);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (lower == t.text) return {};
    for (std::string_view k : {"and", "or", "not", "in", "true", "false"}) {
      if (lower == k) return " (keywords are lowercase: " + quote(k) + ")";
    }
    return {};
  }
  static std::string suggestion(std::string_view name, std::span<const std::string_view> candidates) {
    if (auto s = did_you_mean(name, candidates)) return " (did you mean " + quote(*s) + "?)";
    return {};
  }

  // --- lexer ------------------------------------------------------------------
  static bool ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool digit(char c) { return c >= '0' && c <= '9'; }
  static bool ident_char(char c) { return ident_start(c) || digit(c); }
  char at(std::size_t i) const { return i < src_.size() ? src_[i] : '\0'; }

  void advance() {
    if (stop_) return;
    tok_ = lex();
  }

  GuardToken lex() {
    while (pos_ < src_.size() &&
           (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' || src_[pos_] == '\r' ||
            src_[pos_] == '\f' || src_[pos_] == '\v')) {
      ++pos_;
    }
    GuardToken t;
    t.pos = pos_;
    if (pos_ >= src_.size()) return t;
    const char c = src_[pos_];
    if (ident_start(c)) {
      std::size_t e = pos_;
      while (e < src_.size() && ident_char(src_[e])) ++e;
      t.len = e - pos_;
      t.text.assign(src_.substr(pos_, t.len));
      pos_ = e;
      t.kind = GuardTok::ident;
      if (t.text == "and") t.kind = GuardTok::kw_and;
      else if (t.text == "or") t.kind = GuardTok::kw_or;
      else if (t.text == "not") t.kind = GuardTok::kw_not;
      else if (t.text == "in") t.kind = GuardTok::kw_in;
      else if (t.text == "true") t.kind = GuardTok::kw_true;
      else if (t.text == "false") t.kind = GuardTok::kw_false;
      return t;
    }
    if (digit(c) || ((c == '-' || c == '.') && digit(at(pos_ + 1))) ||
        (c == '-' && at(pos_ + 1) == '.' && digit(at(pos_ + 2)))) {
      return lex_number();
    }
    if (c == '"' || c == '\'') return lex_string();
    auto single = [&](GuardTok k) {
      t.kind = k;
      t.len = 1;
      ++pos_;
      return t;
    };
    auto oper = [&](GuardOp op, std::size_t len) {
      t.kind = GuardTok::op;
      t.op = op;
      t.len = len;
      pos_ += len;
      return t;
    };
    const char n = at(pos_ + 1);
    switch (c) {
      case '(': return single(GuardTok::lparen);
      case ')': return single(GuardTok::rparen);
      case ',': return single(GuardTok::comma);
      case '>': return n == '=' ? oper(GuardOp::ge, 2) : oper(GuardOp::gt, 1);
      case '<': return n == '=' ? oper(GuardOp::le, 2) : oper(GuardOp::lt, 1);
      case '=':
        if (n == '=') return oper(GuardOp::eq, 2);
        fatal(pos_, "unexpected \"=\" (did you mean \"==\"?)");
        return tok_;
      case '!':
        if (n == '=') return oper(GuardOp::ne, 2);
        fatal(pos_, "unexpected \"!\" (did you mean \"!=\" or \"not\"?)");
        return tok_;
      case '&':
        fatal(pos_, "unexpected \"&\" (use \"and\")");
        return tok_;
      case '|':
        fatal(pos_, "unexpected \"|\" (use \"or\")");
        return tok_;
      default: break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7F) {
      fatal(pos_, "unexpected character " + quote(std::string_view(&src_[pos_], 1)));
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string hex = "0x";
      hex += kHex[u >> 4];
      hex += kHex[u & 0xF];
      fatal(pos_, "unexpected byte " + hex);
    }
    return tok_;
  }

  GuardToken lex_number() {
    GuardToken t;
    t.pos = pos_;
    std::size_t e = pos_;
    if (at(e) == '-') ++e;
    while (digit(at(e))) ++e;
    if (at(e) == '.') {
      ++e;
      while (digit(at(e))) ++e;
    }
    if (at(e) == 'e' || at(e) == 'E') {
      std::size_t x = e + 1;
      if (at(x) == '+' || at(x) == '-') ++x;
      if (digit(at(x))) {
        while (digit(at(x))) ++x;
        e = x;
      }
    }
    if (ident_char(at(e)) || at(e) == '.') {
      std::size_t bad = e;
      while (ident_char(at(bad)) || at(bad) == '.') ++bad;
      fatal(pos_, "malformed number " + quote(src_.substr(pos_, bad - pos_)));
      return tok_;
    }
    const char* first = src_.data() + pos_;
    const char* last = src_.data() + e;
    if (*first == '.') {  // from_chars wants a digit first
      std::string fixed = "0";
      fixed.append(first, last);
      const auto r = std::from_chars(fixed.data(), fixed.data() + fixed.size(), t.number);
      if (r.ec != std::errc{}) return number_error(e);
    } else if (first[0] == '-' && first[1] == '.') {
      std::string fixed = "-0";
      fixed.append(first + 1, last);
      const auto r = std::from_chars(fixed.data(), fixed.data() + fixed.size(), t.number);
      if (r.ec != std::errc{}) return number_error(e);
    } else {
      const auto r = std::from_chars(first, last, t.number);
      if (r.ec != std::errc{} || r.ptr != last) return number_error(e);
    }
    t.kind = GuardTok::number;
    t.len = e - pos_;
    pos_ = e;
    return t;
  }
  GuardToken number_error(std::size_t end) {
    fatal(pos_, "number " + quote(src_.substr(pos_, end - pos_)) + " is out of range");
    return tok_;
  }

  GuardToken lex_string() {
    GuardToken t;
    t.pos = pos_;
    const char q = src_[pos_];
    std::size_t i = pos_ + 1;
    while (true) {
      if (i >= src_.size()) {
        fatal(t.pos, "unterminated string");
        return tok_;
      }
      const char c = src_[i];
      if (c == q) break;
      if (c == '\\') {
        const char e = at(i + 1);
        if (e == '"' || e == '\'' || e == '\\') {
          t.text += e;
          i += 2;
          continue;
        }
        if (i + 1 >= src_.size()) {
          fatal(t.pos, "unterminated string");
          return tok_;
        }
        fatal(i, "unknown escape " + quote(src_.substr(i, 2)) +
                     " in string (only \\\", \\' and \\\\ are allowed)");
        return tok_;
      }
      t.text += c;
      ++i;
    }
    t.kind = GuardTok::string;
    t.len = i + 1 - pos_;
    pos_ = i + 1;
    return t;
  }

  // --- nodes ------------------------------------------------------------------
  std::uint32_t add(const GuardNode& n) {
    g_.nodes_.push_back(n);
    return static_cast<std::uint32_t>(g_.nodes_.size() - 1);
  }
  std::uint32_t add_leaf(GuardNode n, std::size_t begin, std::size_t end) {
    n.clause_begin = static_cast<std::uint32_t>(begin);
    n.clause_end = static_cast<std::uint32_t>(end);
    const std::uint32_t i = add(n);
    g_.leaves_.push_back(i);
    return i;
  }
  std::uint32_t add_list(GuardNodeKind kind, const std::vector<std::uint32_t>& kids) {
    GuardNode n;
    n.kind = kind;
    n.first = static_cast<std::uint32_t>(g_.children_.size());
    n.count = static_cast<std::uint32_t>(kids.size());
    g_.children_.insert(g_.children_.end(), kids.begin(), kids.end());
    return add(n);
  }

  // --- parser -----------------------------------------------------------------
  // `after` names what came before, for "expected a condition after …".
  std::uint32_t parse_or(int depth, std::string_view after) {
    const std::uint32_t first = parse_and(depth, after);
    if (stop_ || tok_.kind != GuardTok::kw_or) return first;
    std::vector<std::uint32_t> kids{first};
    while (!stop_ && tok_.kind == GuardTok::kw_or) {
      advance();
      const std::uint32_t k = parse_and(depth, "or");
      if (stop_) return 0;
      kids.push_back(k);
    }
    return add_list(GuardNodeKind::any, kids);
  }

  std::uint32_t parse_and(int depth, std::string_view after) {
    const std::uint32_t first = parse_unary(depth, after);
    if (stop_ || tok_.kind != GuardTok::kw_and) return first;
    std::vector<std::uint32_t> kids{first};
    while (!stop_ && tok_.kind == GuardTok::kw_and) {
      advance();
      const std::uint32_t k = parse_unary(depth, "and");
      if (stop_) return 0;
      kids.push_back(k);
    }
    return add_list(GuardNodeKind::all, kids);
  }

  bool deeper(int depth) {
    if (depth < kGuardMaxDepth) return true;
    fatal(tok_.pos, "guard nests more than " + std::to_string(kGuardMaxDepth) +
                        " levels of parentheses and \"not\"");
    return false;
  }

  std::uint32_t parse_unary(int depth, std::string_view after) {
    if (tok_.kind != GuardTok::kw_not) return parse_primary(depth, after);
    if (!deeper(depth)) return 0;
    advance();
    const std::uint32_t child = parse_unary(depth + 1, "not");
    if (stop_) return 0;
    return add_list(GuardNodeKind::negate, {child});
  }

  std::uint32_t parse_primary(int depth, std::string_view after) {
    switch (tok_.kind) {
      case GuardTok::lparen: {
        if (!deeper(depth)) return 0;
        const std::size_t open = tok_.pos;
        advance();
        const std::uint32_t inner = parse_or(depth + 1, "(");
        if (stop_) return 0;
        if (tok_.kind != GuardTok::rparen) {
          fatal(tok_.pos, "expected \")\" to close \"(\" at column " + std::to_string(open + 1) +
                              " but found " + describe(tok_) + keyword_hint(tok_));
          return 0;
        }
        advance();
        return inner;
      }
      case GuardTok::kw_true:
      case GuardTok::kw_false: {
        GuardNode n;
        n.kind = GuardNodeKind::constant;
        n.truth = tok_.kind == GuardTok::kw_true;
        const std::uint32_t i = add_leaf(n, tok_.pos, tok_.pos + tok_.len);
        advance();
        return i;
      }
      case GuardTok::ident: return parse_condition();
      default: {
        std::string m = "expected a condition";
        if (!after.empty()) m += " after " + quote(after);
        fatal(tok_.pos, m + " but found " + describe(tok_));
        return 0;
      }
    }
  }

  // feature OP operand | feature in (…) | boolean feature
  std::uint32_t parse_condition() {
    const GuardToken name = tok_;
    advance();
    if (stop_) return 0;
    const GuardRef lhs = resolve_feature(name.text, name.pos);
    const Kind kind = guard_value_kind(lhs.feature);
    GuardNode n;
    n.lhs = lhs;

    if (tok_.kind == GuardTok::op) {
      const GuardToken op = tok_;
      n.kind = GuardNodeKind::compare;
      n.op = op.op;
      advance();
      if (stop_) return 0;
      if (!value_token(tok_)) {
        fatal(tok_.pos, "expected a value after " + quote(source(op)) + " but found " + describe(tok_));
        return 0;
      }
      if (kind == Kind::flag) {
        error(op.pos, flag_message(name.text));
      } else if (guard_ordering(op.op) && (kind == Kind::symbol || kind == Kind::text)) {
        error(op.pos, "operator " + quote(source(op)) + " does not apply to " + quote(name.text) +
                          ", which is not ordered: use ==, != or in");
      }
      compare_operand(n, name.text, tok_);
      const std::uint32_t i = add_leaf(n, name.pos, tok_.pos + tok_.len);
      advance();
      return i;
    }

    if (tok_.kind == GuardTok::kw_in) {
      const GuardToken in = tok_;
      n.kind = GuardNodeKind::member;
      if (kind == Kind::flag) error(in.pos, flag_message(name.text));
      advance();
      if (stop_) return 0;
      if (tok_.kind != GuardTok::lparen) {
        fatal(tok_.pos, "expected \"(\" after \"in\" but found " + describe(tok_));
        return 0;
      }
      const std::size_t open = tok_.pos;
      advance();
      if (stop_) return 0;
      const std::uint32_t first = pool_size(kind);
      std::string_view after = "(";
      while (true) {
        if (!value_token(tok_)) {
          fatal(tok_.pos, "expected a value after " + quote(after) + " but found " + describe(tok_));
          return 0;
        }
        list_item(lhs, name.text, tok_);
        advance();
        if (stop_) return 0;
        if (tok_.kind == GuardTok::comma) {
          after = ",";
          advance();
          if (stop_) return 0;
          continue;
        }
        if (tok_.kind == GuardTok::rparen) break;
        fatal(tok_.pos, "expected \",\" or \")\" in the list opened at column " +
                            std::to_string(open + 1) + " but found " + describe(tok_));
        return 0;
      }
      n.first = first;
      n.count = pool_size(kind) - first;
      const std::uint32_t i = add_leaf(n, name.pos, tok_.pos + tok_.len);
      advance();
      return i;
    }

    if (kind == Kind::flag || kind == Kind::unknown) {
      // An unknown name standing alone was already reported; a boolean feature is
      // a condition by itself.
      n.kind = GuardNodeKind::flag;
      return add_leaf(n, name.pos, name.pos + name.len);
    }
    fatal(tok_.pos, "expected a comparison after " + quote(name.text) + " but found " +
                        describe(tok_) + keyword_hint(tok_));
    return 0;
  }

  static std::string flag_message(std::string_view name) {
    return quote(name) + " is a yes/no feature: write " + quote(name) + " or " +
           quote("not " + std::string(name));
  }

  static bool value_token(const GuardToken& t) {
    return t.kind == GuardTok::ident || t.kind == GuardTok::number || t.kind == GuardTok::string;
  }

  std::uint32_t pool_size(Kind kind) const {
    switch (kind) {
      case Kind::numeric:
      case Kind::ordered: return static_cast<std::uint32_t>(g_.numbers_.size());
      case Kind::symbol: return static_cast<std::uint32_t>(g_.symbols_.size());
      case Kind::text: return static_cast<std::uint32_t>(g_.texts_.size());
      default: return 0;
    }
  }

  // --- names ------------------------------------------------------------------
  std::optional<GuardRef> lookup(std::string_view name) const {
    for (const GuardBuiltin& b : kGuardBuiltins) {
      if (b.name == name) return GuardRef{b.feature, 0};
    }
    for (std::size_t i = 0; i < symbols_.scores.size(); ++i) {
      if (symbols_.scores[i] == name) {
        const bool temp = i < symbols_.score_is_temperature.size() && symbols_.score_is_temperature[i];
        return GuardRef{temp ? Feature::temperature : Feature::score, static_cast<std::uint32_t>(i)};
      }
    }
    return std::nullopt;
  }

  // Resolves a feature name and records what it mentions; reports unknown names.
  GuardRef resolve_feature(std::string_view name, std::size_t pos) {
    if (auto r = lookup(name)) {
      note(*r);
      return *r;
    }
    std::vector<std::string_view> candidates;
    for (const GuardBuiltin& b : kGuardBuiltins) candidates.push_back(b.name);
    for (const std::string& s : symbols_.scores) candidates.push_back(s);
    error(pos, "unknown score or feature " + quote(name) + suggestion(name, candidates));
    return GuardRef{};
  }

  void note(GuardRef r) {
    if (guard_touch_feature(r.feature)) g_.touch_dependent_ = true;
    if (guard_time_feature(r.feature)) g_.time_dependent_ = true;
    if (r.feature == Feature::score || r.feature == Feature::temperature) used_scores_.push_back(r.score);
    if (r.feature == Feature::type) uses_type_ = true;
    if (r.feature == Feature::channel) uses_channel_ = true;
  }

  // --- operands ---------------------------------------------------------------
  void compare_operand(GuardNode& n, std::string_view lhs_name, const GuardToken& t) {
    const Kind kind = guard_value_kind(n.lhs.feature);
    switch (kind) {
      case Kind::numeric:
        if (t.kind == GuardTok::number) {
          n.number = t.number;
        } else if (t.kind == GuardTok::ident) {
          const GuardRef r = resolve_feature(t.text, t.pos);
          if (r.feature == Feature::unknown) return;
          if (guard_value_kind(r.feature) != Kind::numeric) {
            error(t.pos, "cannot compare " + quote(lhs_name) + " with " + quote(t.text) + ": " +
                             quote(t.text) + " is not numeric");
            return;
          }
          n.rhs_is_feature = true;
          n.rhs = r;
        } else {
          error(t.pos, quote(lhs_name) + " is numeric: expected a number or a numeric feature but found " +
                           describe(t));
        }
        return;
      case Kind::ordered:
        if (t.kind == GuardTok::ident && !parse_temperature(t.text)) {
          if (auto r = lookup(t.text); r && r->feature == Feature::temperature) {
            note(*r);
            n.rhs_is_feature = true;
            n.rhs = *r;
            return;
          }
        }
        if (auto level = temperature_literal(lhs_name, t)) n.number = *level;
        return;
      case Kind::symbol:
        if (auto s = symbol_literal(n.lhs.feature, lhs_name, t)) n.symbol = *s;
        return;
      case Kind::text:
        if (auto s = text_literal(lhs_name, t)) {
          n.symbol = static_cast<std::uint32_t>(g_.texts_.size());
          g_.texts_.push_back(std::move(*s));
        }
        return;
      default: return;  // flag (already reported) or unknown feature
    }
  }

  void list_item(GuardRef lhs, std::string_view lhs_name, const GuardToken& t) {
    switch (guard_value_kind(lhs.feature)) {
      case Kind::numeric:
        if (t.kind == GuardTok::number) {
          g_.numbers_.push_back(t.number);
        } else {
          error(t.pos, "expected a number in the list for " + quote(lhs_name) + " but found " + describe(t));
        }
        return;
      case Kind::ordered:
        if (auto level = temperature_literal(lhs_name, t)) g_.numbers_.push_back(*level);
        return;
      case Kind::symbol:
        if (auto s = symbol_literal(lhs.feature, lhs_name, t)) g_.symbols_.push_back(*s);
        return;
      case Kind::text:
        if (auto s = text_literal(lhs_name, t)) g_.texts_.push_back(std::move(*s));
        return;
      default: return;
    }
  }

  std::optional<double> temperature_literal(std::string_view lhs_name, const GuardToken& t) {
    if (t.kind == GuardTok::number) {
      error(t.pos, quote(lhs_name) + " is a temperature: expected cold, warm or hot but found " + describe(t));
      return std::nullopt;
    }
    if (auto v = parse_temperature(t.text)) return static_cast<double>(static_cast<int>(*v));
    static constexpr std::string_view kNames[] = {"cold", "warm", "hot"};
    error(t.pos, "unknown temperature " + quote(t.text) + hint(t.text, kNames, "cold, warm or hot"));
    return std::nullopt;
  }

  // " (did you mean "x"?)" or " (expected a, b or c)".
  static std::string hint(std::string_view name, std::span<const std::string_view> names,
                          std::string_view expected) {
    std::string s = suggestion(name, names);
    if (!s.empty()) return s;
    return " (expected " + std::string(expected) + ")";
  }

  std::optional<std::uint32_t> symbol_literal(Feature f, std::string_view lhs_name, const GuardToken& t) {
    if (t.kind == GuardTok::number) {
      error(t.pos, "expected a name for " + quote(lhs_name) + " but found " + describe(t));
      return std::nullopt;
    }
    const std::string& v = t.text;
    switch (f) {
      case Feature::team: {
        if (auto x = parse_team(v)) return static_cast<std::uint32_t>(*x);
        static constexpr std::string_view kNames[] = {"marketing", "sales", "unknown"};
        error(t.pos, "unknown team " + quote(v) + hint(v, kNames, "marketing, sales or unknown"));
        return std::nullopt;
      }
      case Feature::initiator: {
        if (auto x = parse_initiator(v)) return static_cast<std::uint32_t>(*x);
        static constexpr std::string_view kNames[] = {"business", "prospect", "unknown"};
        error(t.pos, "unknown initiator " + quote(v) + hint(v, kNames, "business, prospect or unknown"));
        return std::nullopt;
      }
      case Feature::audience: {
        if (auto x = parse_audience(v)) return static_cast<std::uint32_t>(*x);
        static constexpr std::string_view kNames[] = {"one_to_many", "one_to_one", "unknown"};
        error(t.pos, "unknown audience " + quote(v) + hint(v, kNames, "one_to_many, one_to_one or unknown"));
        return std::nullopt;
      }
      case Feature::interaction: {
        if (auto x = parse_interaction(v)) return static_cast<std::uint32_t>(*x);
        static constexpr std::string_view kNames[] = {"one_way", "two_way", "unknown"};
        error(t.pos, "unknown interaction " + quote(v) + hint(v, kNames, "one_way, two_way or unknown"));
        return std::nullopt;
      }
      case Feature::type: {
        if (symbols_.catalog == nullptr) {
          error(t.pos, "no catalog to resolve touch type " + quote(v));
          return std::nullopt;
        }
        if (auto id = symbols_.catalog->find_type(v)) return *id;
        std::vector<std::string_view> names;
        for (const TouchTypeInfo& info : symbols_.catalog->types()) names.push_back(info.id);
        error(t.pos, "unknown touch type " + quote(v) + suggestion(v, names));
        return std::nullopt;
      }
      case Feature::channel: {
        if (symbols_.catalog == nullptr) {
          error(t.pos, "no catalog to resolve channel " + quote(v));
          return std::nullopt;
        }
        if (auto id = symbols_.catalog->find_channel(v)) return *id;
        std::vector<std::string_view> names;
        for (const ChannelInfo& info : symbols_.catalog->channels()) names.push_back(info.id);
        error(t.pos, "unknown channel " + quote(v) + suggestion(v, names));
        return std::nullopt;
      }
      default: return std::nullopt;
    }
  }

  std::optional<std::string> text_literal(std::string_view lhs_name, const GuardToken& t) {
    if (t.kind == GuardTok::number) {
      error(t.pos, "expected a word or a quoted string for " + quote(lhs_name) + " but found " + describe(t));
      return std::nullopt;
    }
    return t.text;
  }

  // --- finishing --------------------------------------------------------------
  void finish() {
    std::sort(used_scores_.begin(), used_scores_.end());
    used_scores_.erase(std::unique(used_scores_.begin(), used_scores_.end()), used_scores_.end());
    g_.scores_used_.assign(used_scores_.begin(), used_scores_.end());
    if (symbols_.catalog != nullptr) {
      if (uses_type_) {
        for (const TouchTypeInfo& info : symbols_.catalog->types()) g_.type_names_.push_back(info.id);
      }
      if (uses_channel_) {
        for (const ChannelInfo& info : symbols_.catalog->channels()) g_.channel_names_.push_back(info.id);
      }
    }
  }

  std::string_view src_;
  const GuardSymbols& symbols_;
  Guard& g_;
  std::size_t pos_ = 0;
  GuardToken tok_;
  bool stop_ = false;
  bool uses_type_ = false;
  bool uses_channel_ = false;
  std::vector<std::uint32_t> used_scores_;
};

}  // namespace detail

// Compiles `text`. On failure returns nullopt and appends every error it can find
// to `errors` (when not null): a syntax error stops parsing; otherwise every
// unknown name and bad literal is reported, each with its column.
inline std::optional<Guard> compile_guard(std::string_view text, const GuardSymbols& symbols,
                                          std::vector<GuardError>* errors) {
  Guard g;
  detail::GuardCompiler compiler(text, symbols, g);
  const bool ok = compiler.run();
  if (errors != nullptr) errors->insert(errors->end(), compiler.errors.begin(), compiler.errors.end());
  if (!ok) return std::nullopt;
  return g;
}

}  // namespace v0
}  // namespace doorway
