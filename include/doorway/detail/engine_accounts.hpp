// doorway — the engine's accounts: members, roll-ups as of a time, the replays
// that keep account guards deterministic, and account views (included by
// engine.hpp; the rules are in doorway/account.hpp). Also sets up the challenger
// columns of shadow scores (doorway/shadow.hpp).
#pragma once

#include "doorway/engine.hpp"

namespace doorway {
inline namespace v0 {

inline void Engine::setup_challengers_and_accounts() {
  const std::vector<ScoreDef>& scores = model_->scores();
  challengers_.resize(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!scores[i].challenger) continue;
    challengers_[i] = scores[i].challenger->make_column();
    shadow_scores_.push_back(static_cast<std::uint32_t>(i));
    for (std::string& key : scores[i].challenger->attribute_keys()) attribute_keys_.push_back(std::move(key));
  }
  for (auto& c : columns_) c->set_late_window(options_.late_window);
  for (auto& c : challengers_) {
    if (c) c->set_late_window(options_.late_window);
  }
  const AccountsSpec& spec = model_->accounts();
  for (const AccountRollup& r : spec.rollups) {
    rollup_scores_.push_back(model_->find_score(r.score).value_or(0));
    if (r.kind == RollupKind::coverage) attribute_keys_.push_back(r.role_trait);
  }
  if (!spec.empty()) attribute_keys_.push_back(std::string(account_role_trait()));
  account_scratch_.resize(spec.rollups.size());
  const Journey& j = model_->journey();
  for (std::size_t i = 0; i < j.transition_count(); ++i) {
    const auto& guard = j.transition(static_cast<TransitionId>(i)).guard;
    if (guard && guard->account_dependent()) account_guards_ = true;
  }
  members_listed_ = account_guards_;
}

// The trait account views show as a member's role: the first coverage roll-up's.
inline std::string_view Engine::account_role_trait() const {
  for (const AccountRollup& r : model_->accounts().rollups) {
    if (r.kind == RollupKind::coverage) return r.role_trait;
  }
  return "role";
}

// Members are read in lead-id order, so roll-ups add them up in an order arrival
// cannot change; they are sorted when next read, not at each join (comparing ids
// would read other leads' data on the ingest path). Without account guards nothing
// reads them while touches arrive: the lists are then made at the first read,
// from every lead's account, and kept up to date from there on.
inline void Engine::join_account(std::uint32_t lead, std::uint32_t account) {
  if (members_listed_) add_member(lead, account);
}

inline void Engine::add_member(std::uint32_t lead, std::uint32_t account) const {
  if (account_members_.size() <= account) account_members_.resize(std::size_t{account} + 1);
  AccountMembers& m = account_members_[account];
  m.leads.push_back(lead);
  m.sorted = m.leads.size() == 1;
}

inline const std::vector<std::uint32_t>& Engine::members_of(std::uint32_t account) const {
  if (!members_listed_) {
    account_members_.resize(accounts_.size());
    for (std::uint32_t lead = 0; lead < leads_.size(); ++lead) {
      const std::uint32_t a = leads_[lead].state.account;
      if (a != LeadState::kNoAccount) add_member(lead, a);
    }
    members_listed_ = true;
  }
  AccountMembers& m = account_members_[account];
  if (!m.sorted) {
    std::sort(m.leads.begin(), m.leads.end(),
              [&](std::uint32_t a, std::uint32_t b) { return leads_[a].name.view() < leads_[b].name.view(); });
    m.sorted = true;
  }
  return m.leads;
}

// Member `member` of an account as of `at`: false when it has no touch at or
// before `at`. Its score comes from its live column when no later touch has been
// applied to it (or when it is the lead whose guards are being evaluated, which is
// always brought up to `at`), else from its touches up to `at` replayed through a
// fresh column.
inline bool Engine::rollup_member(std::uint32_t member, std::uint32_t reader, std::size_t score,
                                  std::string_view role_trait, Timestamp at, RollupMember& out) const {
  const LeadData& M = leads_[member];
  if (M.records.empty() || M.records.front().at > at) return false;
  if (member == reader || M.state.last_touch_at <= at) {
    out.score = columns_[score]->value(member, at);
    out.last_touch = std::min(M.state.last_touch_at, at);
  } else {
    auto fresh = model_->scores()[score].policy->make_column();
    fresh->resize(1);
    AttributeViews views;
    Timestamp last = M.records.front().at;
    for (const Record& r : M.records) {
      if (r.at > at) break;
      if (r.tick()) continue;
      const std::optional<double> value = record_value(r);
      fresh->apply(0, score_context(r, &value, member, views));
      last = r.at;
    }
    out.score = fresh->value(0, at);
    out.last_touch = last;
  }
  out.role = role_trait.empty() ? std::string_view{} : role_at(member, role_trait, at);
  return true;
}

// The latest value of trait `key` among the member's touches at or before `at`.
inline std::string_view Engine::role_at(std::uint32_t member, std::string_view key, Timestamp at) const {
  auto k = std::lower_bound(attribute_keys_.begin(), attribute_keys_.end(), key,
                            [](const std::string& a, std::string_view b) { return a < b; });
  if (k == attribute_keys_.end() || *k != key) return {};
  const auto key_index = static_cast<std::uint32_t>(k - attribute_keys_.begin());
  const LeadData& M = leads_[member];
  for (auto r = M.records.rbegin(); r != M.records.rend(); ++r) {
    if (r->at > at || r->tick() || r->attribute_count == 0) continue;
    for (std::uint32_t i = r->attribute_first + r->attribute_count; i-- > r->attribute_first;) {
      const KeptAttribute& a = kept_attributes(member)[i];
      if (a.trait && a.key == key_index) return attribute_values_.name(a.value);
    }
  }
  return {};
}

inline std::span<const double> Engine::account_input(std::uint32_t lead, Timestamp at) const {
  const std::vector<AccountRollup>& rollups = model_->accounts().rollups;
  const std::uint32_t account = leads_[lead].state.account;
  if (account == LeadState::kNoAccount || rollups.empty()) return {};
  for (std::size_t k = 0; k < rollups.size(); ++k) {
    const AccountRollup& r = rollups[k];
    member_scratch_.clear();
    for (std::uint32_t m : members_of(account)) {
      RollupMember rm;
      const std::string_view trait = r.kind == RollupKind::coverage ? std::string_view(r.role_trait) : std::string_view{};
      if (rollup_member(m, lead, rollup_scores_[k], trait, at, rm)) member_scratch_.push_back(rm);
    }
    account_scratch_[k] = roll_up(r, member_scratch_, at);
  }
  return account_scratch_;
}

// A touch of `lead` at `at` changed its account as of `at` and later: the other
// members whose guards read the account at or after `at` read it without this
// touch, so they are replayed (their own touches again, now seeing it).
inline void Engine::replay_account_readers(std::uint32_t lead, Timestamp at) {
  if (!account_guards_) return;
  const std::uint32_t account = leads_[lead].state.account;
  if (account == LeadState::kNoAccount) return;
  const std::vector<std::uint32_t> members = members_of(account);
  for (std::uint32_t other : members) {
    if (other != lead && account_read_at(other) != kBeginning && account_read_at(other) >= at) {
      replay(other);
    }
  }
}

inline std::vector<std::string_view> Engine::account_ids() const {
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < accounts_.size(); ++i) ids.push_back(accounts_.name(i));
  std::sort(ids.begin(), ids.end());
  return ids;
}

inline std::optional<AccountView> Engine::account(std::string_view id, Timestamp at) const {
  const auto found = accounts_.find(id);
  if (!found) return std::nullopt;
  const AccountsSpec& spec = model_->accounts();
  const Journey& j = model_->journey();
  const std::vector<std::uint32_t>& members = members_of(*found);
  AccountView v;
  v.account_id = accounts_.name(*found);
  v.as_of = at;
  const std::string_view trait = account_role_trait();
  for (std::uint32_t m : members) {
    v.members.push_back({leads_[m].name, j.stage(leads_[m].state.stage).id, role_at(m, trait, at)});
  }
  constexpr std::uint32_t kNoReader = 0xFFFFFFFF;
  std::vector<RollupMember> scratch;
  for (std::size_t k = 0; k < spec.rollups.size(); ++k) {
    const AccountRollup& r = spec.rollups[k];
    scratch.clear();
    for (std::uint32_t m : members) {
      RollupMember rm;
      const std::string_view role = r.kind == RollupKind::coverage ? std::string_view(r.role_trait) : std::string_view{};
      if (rollup_member(m, kNoReader, rollup_scores_[k], role, at, rm)) scratch.push_back(rm);
    }
    v.rollups.push_back({r.name, roll_up(r, scratch, at)});
  }
  // The stage: rank by position in the order (default: model order).
  std::optional<std::size_t> best;
  for (std::uint32_t m : members) {
    const std::string& stage = j.stage(leads_[m].state.stage).id;
    std::optional<std::size_t> rank;
    if (spec.stage_order.empty()) {
      rank = leads_[m].state.stage;
    } else {
      auto it = std::find(spec.stage_order.begin(), spec.stage_order.end(), stage);
      if (it != spec.stage_order.end()) rank = static_cast<std::size_t>(it - spec.stage_order.begin());
    }
    if (!rank) continue;
    const bool better = !best || (spec.stage_rule == AccountStageRule::most_advanced ? *rank > *best : *rank < *best);
    if (better) best = rank;
  }
  if (best) v.stage = spec.stage_order.empty() ? std::string_view(j.stage(static_cast<StageId>(*best)).id)
                                               : std::string_view(spec.stage_order[*best]);
  return v;
}

}  // namespace v0
}  // namespace doorway
