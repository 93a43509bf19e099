// doorway — accounts (buying groups): leads that share an `account_id` roll up
// into account scores and an account stage, and guards may read the roll-ups
// (`account.engagement >= 100`, `account.coverage`).
//
// Members. The first touch of a lead that carries an `account_id` makes the lead a
// member of that account (for good). A roll-up read at time t counts the members
// with at least one touch at or before t, each as of t: its score computed from its
// own touches at or before t, its role the latest value of the role trait among
// them.
//
// Roll-ups (`name` is what guards call `account.<name>`):
//   sum          Σ member score
//   max          the highest member score
//   decayed_sum  Σ member score × 2^(−(t − the member's latest touch) / half_life):
//                members who went quiet count less
//   coverage     the number of `roles` engaged: a role is engaged when some member
//                whose role trait (default key `role`) has that value has a score
//                ≥ `threshold`. In a guard, `account.<name>` alone means every role
//                is engaged (`account.<name> >= number of roles`).
// A roll-up reads a per-lead score: not a naive Bayes score, whose value depends on
// every lead's outcomes.
//
// Account stage: of the members' current stages, the most advanced (or least,
// by `stage.rule`) by the position in `stage.order` (default: the model's stage
// order); members in stages not in the order are left out. It is reported
// (Engine::account), not a guard feature.
//
// When account guards are evaluated, and determinism: a lead's guards read its
// account at the lead's own touches and at advance(now), like any time-dependent
// feature; a lead does not move because another member's touch changed the account
// until its own next touch or the next advance(). Because a roll-up at t depends
// only on the members' touches at or before t, the engine keeps its determinism
// promise: when a member's touch arrives with a timestamp at or before the latest
// time another member's guards read the account, that other member is replayed
// (engine.hpp), exactly as if the touch had arrived in order.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doorway/types.hpp"

namespace doorway {
inline namespace v0 {

enum class RollupKind : std::uint8_t { sum = 0, max = 1, decayed_sum = 2, coverage = 3 };

constexpr std::string_view to_string(RollupKind k) noexcept {
  switch (k) {
    case RollupKind::max: return "max";
    case RollupKind::decayed_sum: return "decayed_sum";
    case RollupKind::coverage: return "coverage";
    default: return "sum";
  }
}
inline constexpr std::string_view kRollupKinds[] = {"sum", "max", "decayed_sum", "coverage"};
constexpr std::optional<RollupKind> parse_rollup_kind(std::string_view s) noexcept {
  if (s == "sum") return RollupKind::sum;
  if (s == "max") return RollupKind::max;
  if (s == "decayed_sum") return RollupKind::decayed_sum;
  if (s == "coverage") return RollupKind::coverage;
  return std::nullopt;
}

struct AccountRollup {
  std::string name{};            // guards read it as account.<name>
  RollupKind kind = RollupKind::sum;
  std::string score{};           // the member score rolled up
  Duration half_life = 0;        // decayed_sum: > 0
  double threshold = 0;          // coverage: a member is engaged at score >= threshold
  std::string role_trait = "role";  // coverage: the trait that holds a member's role
  std::vector<std::string> roles{};  // coverage: the roles to engage (at least one)
};

enum class AccountStageRule : std::uint8_t { most_advanced = 0, least_advanced = 1 };

constexpr std::string_view to_string(AccountStageRule r) noexcept {
  return r == AccountStageRule::least_advanced ? "least_advanced" : "most_advanced";
}
inline constexpr std::string_view kAccountStageRules[] = {"most_advanced", "least_advanced"};
constexpr std::optional<AccountStageRule> parse_account_stage_rule(std::string_view s) noexcept {
  if (s == "most_advanced") return AccountStageRule::most_advanced;
  if (s == "least_advanced") return AccountStageRule::least_advanced;
  return std::nullopt;
}

// A model's "accounts" section.
struct AccountsSpec {
  std::vector<AccountRollup> rollups;
  AccountStageRule stage_rule = AccountStageRule::most_advanced;
  std::vector<std::string> stage_order;  // stage ids; empty: every stage, in model order

  bool empty() const noexcept {
    return rollups.empty() && stage_rule == AccountStageRule::most_advanced && stage_order.empty();
  }
};

// One member as a roll-up sees it at time t.
struct RollupMember {
  double score = 0;
  Timestamp last_touch = 0;  // the member's latest touch at or before t
  std::string_view role;     // empty: no role trait yet
};

// The roll-up's value at `now` over `members` (definitions above).
inline double roll_up(const AccountRollup& r, std::span<const RollupMember> members, Timestamp now) {
  double out = 0;
  switch (r.kind) {
    case RollupKind::sum:
      for (const RollupMember& m : members) out += m.score;
      return out;
    case RollupKind::max:
      for (std::size_t i = 0; i < members.size(); ++i) out = i == 0 ? members[i].score : std::max(out, members[i].score);
      return out;
    case RollupKind::decayed_sum:
      for (const RollupMember& m : members) {
        const double age = static_cast<double>(now - m.last_touch);
        out += r.half_life > 0 ? m.score * std::exp2(-age / static_cast<double>(r.half_life)) : m.score;
      }
      return out;
    case RollupKind::coverage:
      for (const std::string& role : r.roles) {
        for (const RollupMember& m : members) {
          if (m.role == role && m.score >= r.threshold) {
            out += 1;
            break;
          }
        }
      }
      return out;
  }
  return out;
}

// An account as a caller reads it, evaluated at `as_of`. Borrows from the engine.
struct AccountMemberView {
  std::string_view lead_id;
  std::string_view stage;  // current stage
  std::string_view role;   // latest role trait at or before as_of (the first coverage roll-up's trait, else "role")
};

struct AccountView {
  std::string_view account_id;
  Timestamp as_of = 0;
  std::vector<AccountMemberView> members;                   // by lead id
  std::vector<std::pair<std::string_view, double>> rollups;  // in model order
  std::string_view stage;                                    // empty when no member is in an ordered stage

  std::optional<double> rollup(std::string_view name) const {
    for (const auto& [n, v] : rollups) {
      if (n == name) return v;
    }
    return std::nullopt;
  }
};

}  // namespace v0
}  // namespace doorway
