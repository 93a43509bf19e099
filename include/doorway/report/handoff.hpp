// doorway — the handoff ledger of a report: every handoff (a forward move from a
// marketing-owned stage to a sales-owned one) and what became of it.
//
// Each handoff ends in exactly one of: accepted (the lead left the handoff's
// target stage by a forward transition — sales accepted it, talked, or the lead
// bought), rejected (it left by a recycle or detour other than the SLA one —
// sales rejected or disqualified it), sla_breached (the stage's SLA passed
// first), pending (the lead is still there). So
//   accepted + rejected + sla_breached + pending == handoffs.
// A handoff is sales-sourced when the touch that triggered it (the lead's last
// touch at the handoff's very time) was classified sales — a cold call, a visit,
// an introduction — and marketing-sourced otherwise (a door touch: the prospect
// came to the door). A re-handoff is a handoff of a lead handed off before.
// response_time: from the handoff to accepted or rejected, microseconds.
#pragma once

#include <cstdint>

#include "doorway/report/quantile_sketch.hpp"

namespace doorway {
inline namespace v0 {

struct HandoffLedger {
  std::uint64_t handoffs = 0;
  std::uint64_t leads = 0;  // distinct leads handed off at least once
  std::uint64_t re_handoffs = 0;
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t sla_breached = 0;
  std::uint64_t pending = 0;
  std::uint64_t marketing_sourced = 0;
  std::uint64_t sales_sourced = 0;
  QuantileSketch response_time;

  // Handoffs with an answer or a breach (not pending).
  std::uint64_t resolved() const noexcept { return accepted + rejected + sla_breached; }

  void merge(const HandoffLedger& o) {
    handoffs += o.handoffs;
    leads += o.leads;
    re_handoffs += o.re_handoffs;
    accepted += o.accepted;
    rejected += o.rejected;
    sla_breached += o.sla_breached;
    pending += o.pending;
    marketing_sourced += o.marketing_sourced;
    sales_sourced += o.sales_sourced;
    response_time.merge(o.response_time);
  }
  friend bool operator==(const HandoffLedger&, const HandoffLedger&) = default;
};

}  // namespace v0
}  // namespace doorway
