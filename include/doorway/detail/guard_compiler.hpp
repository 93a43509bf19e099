// doorway — the guard compiler: lexing, parsing and name resolution for the guard
// language (included at the end of doorway/guard.hpp; not a header to include on
// its own). It turns guard text into Guard's flat node vector, reporting every
// unknown name and bad literal with its column, and the first syntax error.
#pragma once

#include "doorway/guard.hpp"

namespace doorway {
inline namespace v0 {

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
      // A dotted name is one word: account.engagement.
      while (at(e) == '.' && ident_start(at(e + 1))) {
        ++e;
        while (e < src_.size() && ident_char(src_[e])) ++e;
      }
      // A grade with a sign is one word: A+, B-, … (one capital A to D, the sign
      // right after it, and no digit after the sign: "B-1" stays B, -1).
      if (e == pos_ + 1 && c >= 'A' && c <= 'D' && (at(e) == '+' || at(e) == '-') && !digit(at(e + 1)) &&
          at(e + 1) != '.') {
        ++e;
      }
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

    if (lhs.feature == Feature::account && lhs.score < symbols_.account_all.size() &&
        symbols_.account_all[lhs.score] > 0) {
      // `account.coverage` alone: every role engaged.
      n.kind = GuardNodeKind::compare;
      n.op = GuardOp::ge;
      n.number = symbols_.account_all[lhs.score];
      return add_leaf(n, name.pos, name.pos + name.len);
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
      case Kind::ordered:
      case Kind::graded: return static_cast<std::uint32_t>(g_.numbers_.size());
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
        const bool grade = i < symbols_.score_is_grade.size() && symbols_.score_is_grade[i];
        const Feature f = temp ? Feature::temperature : grade ? Feature::grade : Feature::score;
        return GuardRef{f, static_cast<std::uint32_t>(i)};
      }
    }
    if (name.substr(0, kAccountPrefix.size()) == kAccountPrefix) {
      for (std::size_t i = 0; i < symbols_.account_rollups.size(); ++i) {
        if (symbols_.account_rollups[i] == name.substr(kAccountPrefix.size())) {
          return GuardRef{Feature::account, static_cast<std::uint32_t>(i)};
        }
      }
    }
    return std::nullopt;
  }
  static constexpr std::string_view kAccountPrefix = "account.";

  // Resolves a feature name and records what it mentions; reports unknown names.
  GuardRef resolve_feature(std::string_view name, std::size_t pos) {
    if (auto r = lookup(name)) {
      note(*r);
      return *r;
    }
    std::vector<std::string_view> candidates;
    for (const GuardBuiltin& b : kGuardBuiltins) candidates.push_back(b.name);
    for (const std::string& s : symbols_.scores) candidates.push_back(s);
    if (name.substr(0, kAccountPrefix.size()) == kAccountPrefix) {
      std::vector<std::string> rollups;
      for (const std::string& r : symbols_.account_rollups) rollups.push_back(std::string(kAccountPrefix) + r);
      std::vector<std::string_view> names(rollups.begin(), rollups.end());
      error(pos, "unknown account roll-up " + quote(name) +
                     (names.empty() ? std::string(" (the model declares no account roll-ups)") : suggestion(name, names)));
      return GuardRef{};
    }
    error(pos, "unknown score or feature " + quote(name) + suggestion(name, candidates));
    return GuardRef{};
  }

  void note(GuardRef r) {
    if (guard_touch_feature(r.feature)) g_.touch_dependent_ = true;
    if (guard_time_feature(r.feature)) g_.time_dependent_ = true;
    if (r.feature == Feature::score || r.feature == Feature::temperature) used_scores_.push_back(r.score);
    if (r.feature == Feature::type) uses_type_ = true;
    if (r.feature == Feature::channel) uses_channel_ = true;
    if (r.feature == Feature::account) g_.account_dependent_ = true;
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
      case Kind::graded:
        if (t.kind == GuardTok::ident && !parse_grade(t.text)) {
          if (auto r = lookup(t.text); r && r->feature == Feature::grade) {
            note(*r);
            n.rhs_is_feature = true;
            n.rhs = *r;
            return;
          }
        }
        if (auto rank = grade_literal(lhs_name, t)) n.number = *rank;
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
      case Kind::graded:
        if (auto rank = grade_literal(lhs_name, t)) g_.numbers_.push_back(*rank);
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

  // A grade: a word (B, A+) or a string ("A+"); its rank.
  std::optional<double> grade_literal(std::string_view lhs_name, const GuardToken& t) {
    if (t.kind == GuardTok::number) {
      error(t.pos, quote(lhs_name) + " is a fit grade: expected F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A or A+ "
                                     "but found " + describe(t));
      return std::nullopt;
    }
    if (auto g = parse_grade(t.text)) return static_cast<double>(static_cast<int>(*g));
    // Grades are one or two characters, so any letter is "close" to one: suggest
    // only a change of case ("a+" -> "A+").
    std::string upper = t.text;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (parse_grade(upper)) {
      error(t.pos, "unknown grade " + quote(t.text) + " (did you mean " + quote(upper) + "?)");
    } else {
      error(t.pos, "unknown grade " + quote(t.text) + " (expected F, D-, D, D+, C-, C, C+, B-, B, B+, A-, A or A+)");
    }
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
