// doorway — the embedded default model. Every rule here traces to a seed text
// (../shared/seeds, summarised in DESIGN.md) or a named convention:
//   axes and teams of touch types ........ seeds/000–004 (marketing = one-to-many and
//                                          one-sided; sales = one-to-one, interactive)
//   door touches → handoff ................ seeds/003, 004 (sales starts when the
//                                          prospect initiates contact)
//   warm at 3, hot at 5 effective touches . seeds/001 ("three to five contact points")
//   order_placed → customer, no sales ..... seeds/004 (sales letter with order form)
//   channels and their groups ............. GA4 default channel groups, plus offline
//                                          and one-to-one channels
//   stages subscriber … advocate .......... HubSpot lifecycle stages / Salesforce lead
//                                          status; post-sale owned by marketing (seeds/000)
#include "doorway/default_model.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>

#include "doorway/points_policy.hpp"
#include "doorway/temperature_policy.hpp"

namespace doorway {
inline namespace v0 {
namespace {

constexpr Audience M = Audience::one_to_many;
constexpr Audience O = Audience::one_to_one;
constexpr Audience AU = Audience::unknown;
constexpr Interaction W1 = Interaction::one_way;
constexpr Interaction W2 = Interaction::two_way;
constexpr Interaction IU = Interaction::unknown;
constexpr Initiator B = Initiator::business;
constexpr Initiator P = Initiator::prospect;
constexpr Initiator NU = Initiator::unknown;

struct TypeRow {
  const char* id;
  TouchKind kind;
  Team team;
  Audience audience;
  Interaction interaction;
  Initiator initiator;
  const char* channel;
  double points;  // engagement points; 0 = does not score
  bool once;
  const char* description;
};

// clang-format off
constexpr TypeRow kTypes[] = {
  // Marketing: one-to-many and/or one-way (seeds/000, 001, 002, 003).
  {"tv_ad", TouchKind::contact, Team::marketing, M, W1, B, "tv", 1, false, "saw a TV advertisement"},
  {"radio_ad", TouchKind::contact, Team::marketing, M, W1, B, "radio", 1, false, "heard a radio advertisement"},
  {"print_ad", TouchKind::contact, Team::marketing, M, W1, B, "print", 1, false, "saw a print advertisement"},
  {"display_ad", TouchKind::contact, Team::marketing, M, W1, B, "display", 1, false, "clicked or viewed a display ad"},
  {"search_ad", TouchKind::contact, Team::marketing, M, W1, B, "paid_search", 2, false, "clicked a paid search ad"},
  {"social_ad", TouchKind::contact, Team::marketing, M, W1, B, "paid_social", 1, false, "clicked or viewed a paid social ad"},
  {"brochure", TouchKind::contact, Team::marketing, M, W1, B, "print", 2, false, "received a brochure"},
  {"pamphlet", TouchKind::contact, Team::marketing, M, W1, B, "print", 1, false, "received a pamphlet"},
  {"video_view", TouchKind::contact, Team::marketing, M, W1, P, "video", 3, false, "watched a video"},
  {"website_visit", TouchKind::contact, Team::marketing, M, W1, P, "website", 2, false, "visited the website"},
  {"page_view", TouchKind::contact, Team::marketing, M, W1, P, "website", 1, false, "viewed a page"},
  {"blog_post_view", TouchKind::contact, Team::marketing, M, W1, P, "website", 2, false, "read a blog post"},
  {"blog_comment", TouchKind::contact, Team::marketing, M, W1, P, "website", 5, false, "commented on a blog post (public)"},
  {"social_post", TouchKind::contact, Team::marketing, M, W1, B, "organic_social", 1, false, "saw an organic social post"},
  {"social_engagement", TouchKind::contact, Team::marketing, M, W1, P, "organic_social", 3, false, "liked, shared or replied publicly on social"},
  {"pr_mention", TouchKind::contact, Team::marketing, M, W1, B, "pr", 1, false, "met the business in press coverage"},
  {"direct_mail", TouchKind::contact, Team::marketing, M, W1, B, "direct_mail", 1, false, "received direct mail"},
  {"sales_letter", TouchKind::contact, Team::marketing, M, W1, B, "direct_mail", 2, false, "received a sales letter (order form included; seeds/004)"},
  {"newsletter", TouchKind::contact, Team::marketing, M, W1, B, "email", 1, false, "received a newsletter"},
  {"email_campaign_open", TouchKind::contact, Team::marketing, M, W1, B, "email", 1, false, "opened a campaign email"},
  {"email_campaign_click", TouchKind::contact, Team::marketing, M, W1, B, "email", 3, false, "clicked a campaign email"},
  {"webinar_attended", TouchKind::contact, Team::marketing, M, W1, P, "webinar", 15, false, "attended a webinar"},
  {"event_attended", TouchKind::contact, Team::marketing, M, W1, P, "events", 10, false, "attended an event"},
  {"trade_show_booth_visit", TouchKind::contact, Team::marketing, M, W2, P, "events", 10, false, "visited the booth at a trade show (one-to-many: seeds/002)"},
  {"networking_event", TouchKind::contact, Team::marketing, M, W2, B, "events", 5, false, "met at a networking event (seeds/001)"},
  {"content_download", TouchKind::contact, Team::marketing, M, W1, P, "website", 10, false, "downloaded content"},
  {"form_submitted", TouchKind::contact, Team::marketing, M, W1, P, "website", 10, false, "submitted a (gated content) form"},
  {"gift_sent", TouchKind::contact, Team::marketing, M, W1, B, "direct_mail", 1, false, "was sent a gift (seeds/002)"},
  {"customer_education", TouchKind::contact, Team::marketing, M, W1, B, "website", 2, false, "took part in customer education (seeds/000)"},
  // Door touches: the prospect initiates one-to-one contact, no conversation yet.
  {"email_inquiry", TouchKind::door, Team::marketing, O, W1, P, "email", 20, false, "sent an inquiry by email"},
  {"contact_request", TouchKind::door, Team::marketing, O, W1, P, "website", 25, true, "asked to be contacted"},
  {"demo_request", TouchKind::door, Team::marketing, O, W1, P, "website", 30, true, "asked for a demo"},
  // Sales: one-to-one and two-way (seeds/001, 003, 004).
  {"cold_call", TouchKind::contact, Team::sales, O, W2, B, "phone", 2, false, "was cold-called (seeds/000)"},
  {"door_to_door_visit", TouchKind::contact, Team::sales, O, W2, B, "in_person", 2, false, "was visited door to door (seeds/000)"},
  {"phone_call", TouchKind::contact, Team::sales, O, W2, B, "phone", 10, false, "had a phone conversation"},
  {"inbound_call", TouchKind::contact, Team::sales, O, W2, P, "phone", 15, false, "called in and spoke with sales"},
  {"meeting", TouchKind::contact, Team::sales, O, W2, B, "in_person", 15, false, "met with sales"},
  {"face_to_face_meeting", TouchKind::contact, Team::sales, O, W2, B, "in_person", 15, false, "met sales face to face (seeds/003)"},
  {"introduction", TouchKind::contact, Team::sales, O, W2, B, "in_person", 5, false, "was introduced to sales (seeds/001)"},
  {"email_inquiry_reply", TouchKind::contact, Team::sales, O, W2, B, "email", 5, false, "got a reply to an email inquiry (seeds/003)"},
  {"website_contact_reply", TouchKind::contact, Team::sales, O, W2, B, "email", 5, false, "got a reply to a website contact (seeds/003)"},
  {"sales_email", TouchKind::contact, Team::sales, O, W2, B, "email", 3, false, "exchanged one-to-one email with sales"},
  {"demo", TouchKind::contact, Team::sales, O, W2, B, "in_person", 20, false, "was given a demo"},
  {"proposal_sent", TouchKind::contact, Team::sales, O, W2, B, "email", 10, false, "was sent a proposal"},
  {"negotiation", TouchKind::contact, Team::sales, O, W2, B, "in_person", 10, false, "negotiated terms"},
  // Outcomes: results, not contacts. Classified by their own axes where they have
  // them (an order is one-way: seeds/004), else by the team that records them.
  {"order_placed", TouchKind::outcome, Team::marketing, O, W1, P, "", 0, false, "placed an order (carries value)"},
  {"sales_accepted", TouchKind::outcome, Team::sales, AU, IU, NU, "", 0, false, "sales accepted the lead"},
  {"sales_rejected", TouchKind::outcome, Team::sales, AU, IU, NU, "", 0, false, "sales rejected the lead (outcome carries the reason)"},
  {"deal_won", TouchKind::outcome, Team::sales, AU, IU, NU, "", 0, false, "the deal was won"},
  {"deal_lost", TouchKind::outcome, Team::sales, AU, IU, NU, "", 0, false, "the deal was lost"},
  {"disqualified", TouchKind::outcome, Team::sales, AU, IU, NU, "", 0, false, "the lead was disqualified"},
  {"unsubscribed", TouchKind::outcome, Team::marketing, M, W1, P, "email", -20, false, "unsubscribed from marketing email"},
  {"referral_given", TouchKind::outcome, Team::marketing, O, W1, P, "", 0, false, "referred someone"},
  {"review_posted", TouchKind::outcome, Team::marketing, M, W1, P, "", 0, false, "posted a public review"},
};

struct ChannelRow {
  const char* id;
  const char* group;
  Team team;
  Audience audience;
  Interaction interaction;
};

constexpr ChannelRow kChannels[] = {
  // GA4 default channel groups (one-to-many, one-way).
  {"direct", "Direct", Team::marketing, M, W1},
  {"organic_search", "Organic Search", Team::marketing, M, W1},
  {"paid_search", "Paid Search", Team::marketing, M, W1},
  {"display", "Display", Team::marketing, M, W1},
  {"paid_social", "Paid Social", Team::marketing, M, W1},
  {"organic_social", "Organic Social", Team::marketing, M, W1},
  {"paid_video", "Paid Video", Team::marketing, M, W1},
  {"video", "Organic Video", Team::marketing, M, W1},
  {"email", "Email", Team::marketing, M, W1},
  {"affiliates", "Affiliates", Team::marketing, M, W1},
  {"referral", "Referral", Team::marketing, M, W1},
  {"audio", "Audio", Team::marketing, M, W1},
  {"sms", "SMS", Team::marketing, M, W1},
  {"mobile_push", "Mobile Push Notifications", Team::marketing, M, W1},
  {"cross_network", "Cross-network", Team::marketing, M, W1},
  {"paid_shopping", "Paid Shopping", Team::marketing, M, W1},
  {"organic_shopping", "Organic Shopping", Team::marketing, M, W1},
  {"paid_other", "Paid Other", Team::marketing, M, W1},
  // Offline one-to-many channels.
  {"website", "Direct", Team::marketing, M, W1},
  {"tv", "Offline", Team::marketing, M, W1},
  {"radio", "Offline", Team::marketing, M, W1},
  {"print", "Offline", Team::marketing, M, W1},
  {"direct_mail", "Offline", Team::marketing, M, W1},
  {"pr", "Offline", Team::marketing, M, W1},
  {"events", "Offline", Team::marketing, M, IU},
  {"webinar", "Offline", Team::marketing, M, IU},
  // One-to-one, two-way channels: conversations (seeds/003, 004).
  {"phone", "Sales", Team::sales, O, W2},
  {"in_person", "Sales", Team::sales, O, W2},
  {"chat", "Sales", Team::sales, O, W2},
  {"video_call", "Sales", Team::sales, O, W2},
};
// clang-format on

std::shared_ptr<const Model> build_default_model() {
  ModelBuilder b("doorway-default");
  Catalog& cat = b.catalog();
  for (const ChannelRow& c : kChannels) {
    cat.add_channel({c.id, c.group, c.team, Axes{c.audience, c.interaction, Initiator::unknown}});
  }
  std::vector<PointsRule> points;
  for (const TypeRow& t : kTypes) {
    const TypeId id = cat.add_type({t.id, t.kind, t.team, Axes{t.audience, t.interaction, t.initiator},
                                    t.channel, t.description});
    if (t.points != 0) points.push_back({id, t.points, t.once});
  }

  // engagement: HubSpot-style points, capped at 100, halving every 30 days.
  PointsPolicy::Options engagement;
  engagement.cap = 100;
  engagement.half_life = 30 * kDay;
  b.add_score("engagement", make_policy(PointsPolicy(std::move(points), engagement), "points"),
              "points per touch type, capped at 100, half-life 30 days");
  // temperature: seeds/001 — warm at 3, hot at 5 contact points in 90 days.
  b.add_score("temperature", make_policy(TemperaturePolicy(TemperatureOptions{}), "temperature"),
              "effective touches in 90 days: warm >= 3 (exit < 2), hot >= 5 (exit < 4)");

  const Duration kSla = 48 * kHour;
  b.add_stage({"subscriber", Team::marketing, StageKind::entry, 0, "known contact, not yet engaged"});
  b.add_stage({"lead", Team::marketing, StageKind::inventory, 0, "warm: 3+ recent contact points"});
  b.add_stage({"mql", Team::marketing, StageKind::inventory, 0, "marketing qualified: hot or engagement >= 40"});
  b.add_stage({"sal", Team::sales, StageKind::sla, kSla, "handed to sales; accept or talk within 48 h"});
  b.add_stage({"sql", Team::sales, StageKind::inventory, 0, "sales qualified after a conversation"});
  b.add_stage({"opportunity", Team::sales, StageKind::inventory, 0, "proposal out"});
  b.add_stage({"customer", Team::marketing, StageKind::won, 0, "bought; retention is marketing's (seeds/000)"});
  b.add_stage({"advocate", Team::marketing, StageKind::won, 0, "refers or reviews"});
  b.add_stage({"nurture", Team::marketing, StageKind::inventory, 0, "recycled by sales; re-arms handoff"});
  b.add_stage({"disqualified", Team::sales, StageKind::lost, 0, "not a fit"});
  b.add_stage({"lost", Team::sales, StageKind::lost, 0, "deal lost"});

  auto edge = [&b](const char* from, const char* to, const char* name, const char* guard, int priority,
                   TransitionKind kind = TransitionKind::forward) {
    b.add_transition({from, to, name, guard, priority, kind, Trigger::guard});
  };
  // A purchase needs no conversation (seeds/004); disqualification can come anywhere.
  for (const char* s : {"subscriber", "lead", "mql", "nurture", "sal", "sql", "opportunity"}) {
    edge(s, "customer", "purchase", "type == order_placed", 0);
    edge(s, "disqualified", "disqualified", "type == disqualified", 1, TransitionKind::detour);
  }
  // The handoff: the prospect arrives at the door (seeds/003, 004), or sales starts
  // a conversation itself (sales-sourced). Re-armed from nurture.
  for (const char* s : {"subscriber", "lead", "mql", "nurture"}) {
    edge(s, "sal", "door_touch", "initiated_contact and team == marketing", 2);
    edge(s, "sal", "sales_sourced", "team == sales and interaction == two_way", 3);
  }
  edge("subscriber", "lead", "warmed", "temperature >= warm or engagement >= 40", 4);
  edge("lead", "mql", "qualified", "temperature == hot or engagement >= 40", 4);
  edge("nurture", "mql", "requalified", "touches_in_stage >= 3 and temperature >= warm", 4);
  edge("sal", "sql", "accepted", "type == sales_accepted", 2);
  edge("sal", "sql", "conversation", "type in (phone_call, inbound_call, meeting, face_to_face_meeting, demo)", 3);
  edge("sal", "nurture", "rejected", "type == sales_rejected", 4, TransitionKind::recycle);
  b.add_transition({"sal", "nurture", "sla_breached", "", 0, TransitionKind::recycle, Trigger::sla});
  edge("sql", "opportunity", "proposal", "type == proposal_sent", 2);
  edge("sql", "lost", "deal_lost", "type == deal_lost", 3, TransitionKind::detour);
  edge("opportunity", "customer", "won", "type == deal_won", 2);
  edge("opportunity", "lost", "deal_lost", "type == deal_lost", 3, TransitionKind::detour);
  edge("customer", "advocate", "advocacy", "type in (referral_given, review_posted)", 2);

  std::vector<Problem> problems;
  auto model = b.build(&problems);
  if (!model) {
    // The default model is fixed data: a problem here is a bug caught by the tests.
    std::string all = to_string(problems);
    throw std::logic_error("doorway: the embedded default model is invalid:\n" + all);
  }
  return model;
}

}  // namespace

std::shared_ptr<const Model> default_model() {
  static const std::shared_ptr<const Model> model = build_default_model();
  return model;
}

}  // namespace v0
}  // namespace doorway
