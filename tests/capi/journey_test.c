/*
 * The C API driven from C: full journeys through the default model, polling and
 * callbacks, explanations, classification, rejections, and a custom scoring policy
 * written in C. Compiled as C99. Run with a test name (each is a CTest test), or
 * with no argument to run them all.
 *
 * Every expected value is worked out from the default model's rules
 * (src/default_model.cpp; the reasons are in tests/default_model_test.cpp):
 * - website_visit: marketing (one_to_many, one_way), 2 engagement points;
 *   demo_request: a door touch (one_to_one, one_way, prospect): marketing by
 *   seed.one_way, initiated_contact, 30 points once; door_touch (priority 2)
 *   moves subscriber -> sal, a marketing -> sales handoff, SLA 48 h;
 * - sal's SLA passing fires sla_breached then the recycle sal -> nurture
 *   ("sla_breached"), both at the deadline itself;
 * - a sales_letter then order_placed (an outcome, one-way: marketing) takes
 *   subscriber -> customer by "purchase" with no sales touch (seeds/004);
 * - engagement decays with a 30-day half-life: sum of points * 2^-(age / 30 d).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doorway.h"

static int failures = 0;

#define CHECK(cond)                                                                    \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);         \
      ++failures;                                                                      \
    }                                                                                  \
  } while (0)

#define CHECK_RC(expected, call)                                                       \
  do {                                                                                 \
    int rc_ = (call);                                                                  \
    if (rc_ != (expected)) {                                                           \
      fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d; last error: %s\n",     \
              __FILE__, __LINE__, #call, rc_, doorway_strerror(rc_), (expected),       \
              doorway_error_last()->message);                                          \
      ++failures;                                                                      \
    }                                                                                  \
  } while (0)

#define CHECK_OK(call) CHECK_RC(DOORWAY_OK, call)

#define CHECK_STR(s, lit) CHECK(str_is((s), (lit)))

#define CHECK_NEAR(a, b)                                                               \
  do {                                                                                 \
    double a_ = (a), b_ = (b);                                                         \
    if (!(fabs(a_ - b_) <= 1e-9 * (1.0 + fabs(b_)))) {                                 \
      fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g\n", __FILE__, __LINE__, #a,   \
              a_, b_);                                                                 \
      ++failures;                                                                      \
    }                                                                                  \
  } while (0)

/* 2026-01-05T09:00:00Z, a Monday (date -u -d @1767603600). */
static const int64_t T0 = INT64_C(1767603600000000);
static const int64_t HOUR = INT64_C(3600000000);
static const int64_t DAY = INT64_C(86400000000);

static doorway_str S(const char *s) {
  doorway_str r;
  r.ptr = s;
  r.len = s == NULL ? 0 : strlen(s);
  return r;
}

static int str_is(doorway_str s, const char *lit) {
  return s.len == strlen(lit) && (s.len == 0 || memcmp(s.ptr, lit, s.len) == 0);
}

static doorway_touch make_touch(const char *event_id, const char *lead, int64_t at, const char *type) {
  doorway_touch t = DOORWAY_TOUCH_INIT;
  t.event_id = S(event_id);
  t.lead_id = S(lead);
  t.timestamp = at;
  t.type = S(type);
  return t;
}

static void ingest_all(doorway_engine *e, const doorway_touch *touches, size_t n) {
  doorway_ingest_result r;
  CHECK_OK(doorway_engine_ingest(&r, e, touches, n, sizeof(doorway_touch)));
  CHECK(r.accepted == n);
}

static doorway_lead read_lead(const doorway_engine *e, const char *id) {
  doorway_lead l;
  CHECK_OK(doorway_engine_lead(&l, e, id, strlen(id)));
  return l;
}

static double score(const doorway_engine *e, const char *lead, const char *name) {
  double v = -1;
  CHECK_OK(doorway_engine_lead_score(&v, e, lead, strlen(lead), name, strlen(name)));
  return v;
}

/* ann: two website visits, then a demo request. */
static void ann_touches(doorway_touch out[3]) {
  out[0] = make_touch("e1", "ann", T0, "website_visit");
  out[1] = make_touch("e2", "ann", T0 + HOUR, "website_visit");
  out[2] = make_touch("e3", "ann", T0 + 2 * HOUR, "demo_request");
}

/* ---- versions and errors ----------------------------------------------------- */

static void test_versions(void) {
  CHECK(strcmp(doorway_version(), DOORWAY_VERSION_STRING) == 0);
  CHECK(doorway_version_number() == DOORWAY_VERSION_NUMBER);
  CHECK(doorway_abi_version() == DOORWAY_ABI_VERSION);
  CHECK(DOORWAY_VERSION_NUMBER == 300); /* 0.3.0 */
  CHECK(DOORWAY_ABI_VERSION == 3);
  CHECK(strcmp(doorway_strerror(DOORWAY_OK), "no error") == 0);
  CHECK(strcmp(doorway_strerror(DOORWAY_ENOTFOUND), "not found") == 0);
  CHECK(strcmp(doorway_strerror(12345), "unknown status") == 0);
  /* Pinned values: never renumbered. */
  CHECK(DOORWAY_EINVAL == -1 && DOORWAY_ENOTFOUND == -2 && DOORWAY_ENOMEM == -3);
  CHECK(DOORWAY_EDATA == -4 && DOORWAY_ESTATE == -5 && DOORWAY_EUSER == -6);
  CHECK(DOORWAY_EINTERNAL == -7 && DOORWAY_EVERSION == -8 && DOORWAY_EBUFFER == -9);
  {
    doorway_model *m = NULL;
    CHECK_RC(DOORWAY_EINVAL, doorway_model_default(NULL));
    CHECK(doorway_error_last()->code == DOORWAY_EINVAL);
    CHECK(strstr(doorway_error_last()->message, "doorway_model_default: out is NULL") != NULL);
    CHECK_OK(doorway_model_default(&m));
    CHECK(doorway_error_last()->code == DOORWAY_OK);
    CHECK(strcmp(doorway_error_last()->message, "") == 0);
    doorway_model_free(m);
  }
}

/* Enum values are part of the ABI but reach it as plain ints, which abidiff cannot
 * see: pinned here, never renumbered. */
static void test_pinned_values(void) {
  CHECK(DOORWAY_TEAM_UNKNOWN == 0 && DOORWAY_TEAM_MARKETING == 1 && DOORWAY_TEAM_SALES == 2);
  CHECK(DOORWAY_AUDIENCE_UNKNOWN == 0 && DOORWAY_AUDIENCE_ONE_TO_MANY == 1 && DOORWAY_AUDIENCE_ONE_TO_ONE == 2);
  CHECK(DOORWAY_INTERACTION_UNKNOWN == 0 && DOORWAY_INTERACTION_ONE_WAY == 1 && DOORWAY_INTERACTION_TWO_WAY == 2);
  CHECK(DOORWAY_INITIATOR_UNKNOWN == 0 && DOORWAY_INITIATOR_BUSINESS == 1 && DOORWAY_INITIATOR_PROSPECT == 2);
  CHECK(DOORWAY_TOUCH_CONTACT == 0 && DOORWAY_TOUCH_DOOR == 1 && DOORWAY_TOUCH_OUTCOME == 2);
  CHECK(DOORWAY_TEMPERATURE_COLD == 0 && DOORWAY_TEMPERATURE_WARM == 1 && DOORWAY_TEMPERATURE_HOT == 2);
  CHECK(DOORWAY_STAGE_ENTRY == 0 && DOORWAY_STAGE_INVENTORY == 1 && DOORWAY_STAGE_SLA == 2);
  CHECK(DOORWAY_STAGE_WON == 3 && DOORWAY_STAGE_LOST == 4);
  CHECK(DOORWAY_EVENT_STAGE_CHANGED == 0 && DOORWAY_EVENT_HANDOFF == 1 && DOORWAY_EVENT_SLA_BREACHED == 2);
  CHECK(DOORWAY_EVENT_RECYCLED == 3 && DOORWAY_EVENT_HISTORY_REVISED == 4);
  CHECK(DOORWAY_REJECT_INVALID == 0 && DOORWAY_REJECT_DUPLICATE == 1 && DOORWAY_REJECT_LATE == 2);
  CHECK(DOORWAY_ENGINE_OPTIONS_VERSION == 1 && DOORWAY_POLICY_VTABLE_VERSION == 1);
  CHECK(DOORWAY_POLICY_STATE_MAX == 65536);
}

/* ---- the default model as seen through the C API ------------------------------- */

static void test_model(void) {
  doorway_model *m = NULL;
  doorway_problems *problems = NULL;
  doorway_stage_info st;
  doorway_str name;
  size_t n = 0, i;
  int found_sal = 0;
  CHECK_OK(doorway_model_default(&m));
  CHECK_OK(doorway_model_validate(&problems, m));
  CHECK_OK(doorway_problems_count(&n, problems));
  CHECK(n == 0);
  doorway_problems_free(problems);

  CHECK_OK(doorway_model_stage_count(&n, m));
  CHECK(n == 11); /* subscriber lead mql sal sql opportunity customer advocate nurture disqualified lost */
  CHECK_OK(doorway_model_stage(&st, m, 0));
  CHECK_STR(st.name, "subscriber");
  CHECK(st.kind == DOORWAY_STAGE_ENTRY && st.owner == DOORWAY_TEAM_MARKETING);
  for (i = 0; i < n; ++i) {
    CHECK_OK(doorway_model_stage(&st, m, i));
    if (str_is(st.name, "sal")) {
      found_sal = 1;
      CHECK(st.kind == DOORWAY_STAGE_SLA && st.owner == DOORWAY_TEAM_SALES);
      CHECK(st.sla_us == 48 * HOUR);
    }
  }
  CHECK(found_sal);
  CHECK_OK(doorway_model_score_count(&n, m));
  CHECK(n == 2);
  CHECK_OK(doorway_model_score_name(&name, m, 0));
  CHECK_STR(name, "engagement");
  CHECK_OK(doorway_model_score_name(&name, m, 1));
  CHECK_STR(name, "temperature");
  CHECK_RC(DOORWAY_ENOTFOUND, doorway_model_score_name(&name, m, 2));
  doorway_model_free(m);
}

/* ---- website visits -> demo request -> handoff; SLA breach -> recycle ---------- */

static void test_handoff_and_sla(void) {
  doorway_model *m = NULL;
  doorway_engine *e = NULL;
  doorway_touch t[3];
  doorway_lead l;
  doorway_stage_info st;
  doorway_event ev[8];
  doorway_stats stats;
  size_t n = 0;
  int64_t now;

  CHECK_OK(doorway_model_default(&m));
  CHECK_OK(doorway_engine_new(&e, m, NULL));
  ann_touches(t);
  ingest_all(e, t, 3);

  l = read_lead(e, "ann");
  CHECK_STR(l.lead_id, "ann");
  CHECK_STR(l.stage_name, "sal");
  CHECK(l.owner == DOORWAY_TEAM_SALES);
  CHECK(l.has_sla_deadline && l.sla_deadline == T0 + 2 * HOUR + 48 * HOUR);
  CHECK(l.entered_stage_at == T0 + 2 * HOUR);
  CHECK(l.touches == 3 && l.marketing_touches == 3 && l.sales_touches == 0);
  CHECK(l.touches_in_stage == 0);
  CHECK(l.has_temperature && l.temperature == DOORWAY_TEMPERATURE_WARM); /* 3 touches */
  CHECK(l.score_count == 2);
  CHECK(l.as_of == T0 + 2 * HOUR);

  /* The handoff event, with its deadline 48 h later. */
  CHECK_OK(doorway_engine_events_pending(&n, e));
  CHECK(n == 1);
  CHECK_OK(doorway_engine_events_poll(ev, 8, &n, e));
  CHECK(n == 1);
  CHECK(ev[0].kind == DOORWAY_EVENT_HANDOFF);
  CHECK_STR(ev[0].lead_id, "ann");
  CHECK_STR(ev[0].from, "subscriber");
  CHECK_STR(ev[0].to, "sal");
  CHECK_STR(ev[0].reason, "door_touch");
  CHECK(ev[0].at == T0 + 2 * HOUR);
  CHECK(ev[0].has_deadline && ev[0].deadline == T0 + 50 * HOUR);
  CHECK(ev[0].seq == 0);
  CHECK_OK(doorway_engine_events_poll(ev, 8, &n, e));
  CHECK(n == 0);

  /* An hour before the deadline nothing happens. */
  CHECK_OK(doorway_engine_advance(e, T0 + 49 * HOUR));
  CHECK_STR(read_lead(e, "ann").stage_name, "sal");
  CHECK_OK(doorway_engine_events_pending(&n, e));
  CHECK(n == 0);

  /* Past it: breached at the deadline itself, then recycled to nurture. */
  now = T0 + 51 * HOUR;
  CHECK_OK(doorway_engine_advance(e, now));
  l = read_lead(e, "ann");
  CHECK_STR(l.stage_name, "nurture");
  CHECK(l.owner == DOORWAY_TEAM_MARKETING);
  CHECK(!l.has_sla_deadline);
  CHECK(l.entered_stage_at == T0 + 50 * HOUR);
  CHECK(l.as_of == now);
  CHECK_OK(doorway_model_stage(&st, m, l.stage));
  CHECK_STR(st.name, "nurture");
  CHECK_OK(doorway_engine_events_poll(ev, 8, &n, e));
  CHECK(n == 2);
  CHECK(ev[0].kind == DOORWAY_EVENT_SLA_BREACHED);
  CHECK_STR(ev[0].from, "sal");
  CHECK_STR(ev[0].to, "nurture");
  CHECK_STR(ev[0].reason, "sla");
  CHECK(ev[0].at == T0 + 50 * HOUR);
  CHECK(ev[0].seq == 1);
  CHECK(ev[1].kind == DOORWAY_EVENT_RECYCLED);
  CHECK_STR(ev[1].from, "sal");
  CHECK_STR(ev[1].to, "nurture");
  CHECK_STR(ev[1].reason, "sla_breached");
  CHECK(ev[1].at == T0 + 50 * HOUR);
  CHECK(!ev[1].has_deadline);
  CHECK(ev[1].seq == 2);

  /* engagement = sum of points * 2^-(age / 30 days), read at `now`. */
  CHECK_NEAR(score(e, "ann", "engagement"),
             2 * exp2(-(double)(now - T0) / (double)(30 * DAY)) +
                 2 * exp2(-(double)(now - (T0 + HOUR)) / (double)(30 * DAY)) +
                 30 * exp2(-(double)(now - (T0 + 2 * HOUR)) / (double)(30 * DAY)));
  /* temperature counts the 3 touches still in its 90-day window. */
  CHECK_NEAR(score(e, "ann", "temperature"), 3);
  {
    doorway_score s;
    CHECK_OK(doorway_engine_lead_score_at(&s, e, "ann", 3, 1));
    CHECK_STR(s.name, "temperature");
    CHECK_NEAR(s.value, 3);
    CHECK_RC(DOORWAY_ENOTFOUND, doorway_engine_lead_score_at(&s, e, "ann", 3, 2));
  }

  CHECK_OK(doorway_engine_stats(&stats, e));
  CHECK(stats.accepted == 3 && stats.duplicate == 0 && stats.late == 0 && stats.invalid == 0);
  CHECK(stats.leads == 1);
  CHECK(stats.now == now);
  CHECK(stats.memory_bytes > 0);
  doorway_engine_free(e);
  doorway_model_free(m);
}

/* ---- seeds/004: a sales letter with an order form is marketing all the way ---- */

static void test_sales_letter_customer(void) {
  doorway_model *m = NULL;
  doorway_engine *e = NULL;
  doorway_touch t[2];
  doorway_lead l;
  doorway_event ev[4];
  size_t n = 0;

  CHECK_OK(doorway_model_default(&m));
  CHECK_OK(doorway_engine_new(&e, m, NULL));
  t[0] = make_touch("b1", "bo", T0, "sales_letter");
  t[1] = make_touch("b2", "bo", T0 + 2 * DAY, "order_placed");
  t[1].has_value = 1;
  t[1].value = 99.0;
  t[1].account_id = S("acme");
  ingest_all(e, t, 2);

  l = read_lead(e, "bo");
  CHECK_STR(l.stage_name, "customer");
  CHECK(l.owner == DOORWAY_TEAM_MARKETING);
  CHECK_STR(l.account_id, "acme");
  CHECK(l.touches == 1); /* the order is an outcome, not a contact */
  CHECK(l.marketing_touches == 1 && l.sales_touches == 0);
  CHECK(!l.has_sla_deadline);
  CHECK_OK(doorway_engine_events_poll(ev, 4, &n, e));
  CHECK(n == 1);
  CHECK(ev[0].kind == DOORWAY_EVENT_STAGE_CHANGED);
  CHECK_STR(ev[0].from, "subscriber");
  CHECK_STR(ev[0].to, "customer");
  CHECK_STR(ev[0].reason, "purchase");
  CHECK(ev[0].at == T0 + 2 * DAY);
  CHECK(!ev[0].has_deadline);
  doorway_engine_free(e);
  doorway_model_free(m);
}

/* ---- classification without an engine ----------------------------------------- */

static void check_class(const doorway_model *m, doorway_touch t, int team, const char *rule) {
  doorway_classification c;
  CHECK_OK(doorway_classify(&c, m, &t, sizeof t));
  if (c.team != team || !str_is(c.rule, rule)) {
    fprintf(stderr, "classify %.*s/%.*s: team %d rule %.*s, expected team %d rule %s\n", (int)t.type.len,
            t.type.ptr == NULL ? "" : t.type.ptr, (int)t.channel.len, t.channel.ptr == NULL ? "" : t.channel.ptr,
            c.team, (int)c.rule.len, c.rule.ptr, team, rule);
    ++failures;
  }
}

static void test_classify(void) {
  doorway_model *m = NULL;
  doorway_touch t = DOORWAY_TOUCH_INIT;
  doorway_classification c;
  CHECK_OK(doorway_model_default(&m));

  t.type = S("order_placed"); /* one_to_one, one_way, prospect, an outcome */
  CHECK_OK(doorway_classify(&c, m, &t, sizeof t));
  CHECK(c.team == DOORWAY_TEAM_MARKETING);
  CHECK_STR(c.rule, "seed.one_way");
  CHECK(c.rule.ptr[c.rule.len] == '\0');
  CHECK(c.audience == DOORWAY_AUDIENCE_ONE_TO_ONE && c.interaction == DOORWAY_INTERACTION_ONE_WAY);
  CHECK(c.initiator == DOORWAY_INITIATOR_PROSPECT);
  CHECK(c.kind == DOORWAY_TOUCH_OUTCOME && c.known_type);
  CHECK(!c.initiated_contact); /* outcomes never count as contact */

  t.type = S("demo_request");
  CHECK_OK(doorway_classify(&c, m, &t, sizeof t));
  CHECK(c.kind == DOORWAY_TOUCH_DOOR && c.initiated_contact && c.team == DOORWAY_TEAM_MARKETING);

  t.type = S("sales_letter");
  check_class(m, t, DOORWAY_TEAM_MARKETING, "seed.one_way");
  t.type = S("phone_call");
  check_class(m, t, DOORWAY_TEAM_SALES, "seed.one_to_one_two_way");
  t.type = S("trade_show_booth_visit"); /* one_to_many but two-way: the audience decides */
  check_class(m, t, DOORWAY_TEAM_MARKETING, "seed.one_to_many");
  t.type = S("website_visit");
  t.team = DOORWAY_TEAM_SALES;
  check_class(m, t, DOORWAY_TEAM_SALES, "override.team");
  t.team = DOORWAY_TEAM_UNKNOWN;
  t.type = S("zoom_chat"); /* not in the catalog: the channel's axes decide */
  t.channel = S("phone");
  check_class(m, t, DOORWAY_TEAM_SALES, "channel.one_to_one_two_way");
  CHECK_OK(doorway_classify(&c, m, &t, sizeof t));
  CHECK(!c.known_type);
  t.channel = S(NULL);
  check_class(m, t, DOORWAY_TEAM_UNKNOWN, "unknown.type_without_channel");

  t.type = S("website_visit");
  t.audience = 7;
  CHECK_RC(DOORWAY_EINVAL, doorway_classify(&c, m, &t, sizeof t));
  CHECK(strstr(doorway_error_last()->message, "touch->audience") != NULL);
  doorway_model_free(m);
}

/* ---- explanations as JSON --------------------------------------------------------- */

static void check_contains(const char *json, const char *needle) {
  if (strstr(json, needle) == NULL) {
    fprintf(stderr, "explanation lacks %s:\n%s\n", needle, json);
    ++failures;
  }
}

static void test_explain_json(void) {
  doorway_model *m = NULL;
  doorway_engine *e = NULL;
  doorway_touch t[3];
  doorway_buf buf = DOORWAY_BUF_INIT;

  CHECK_OK(doorway_model_default(&m));
  CHECK_OK(doorway_engine_new(&e, m, NULL));
  ann_touches(t);
  ingest_all(e, t, 3);
  CHECK_OK(doorway_engine_explain(&buf, e, "ann", 3));
  CHECK(buf.ptr != NULL && buf.size == strlen(buf.ptr));
  if (buf.ptr != NULL) {
    check_contains(buf.ptr, "\"lead_id\":\"ann\"");
    check_contains(buf.ptr, "\"stage\":\"sal\"");
    check_contains(buf.ptr, "\"owner\":\"sales\"");
    check_contains(buf.ptr, "\"sla_deadline\":\"2026-01-07T11:00:00Z\""); /* T0 + 2 h + 48 h */
    check_contains(buf.ptr, "{\"kind\":\"handoff\",\"at\":\"2026-01-05T11:00:00Z\",\"from\":\"subscriber\","
                            "\"to\":\"sal\",\"reason\":\"door_touch\"}");
    /* The contributions: engagement points per touch, read at T0 + 2 h. */
    check_contains(buf.ptr, "{\"event_id\":\"e3\",\"type\":\"demo_request\",\"at\":\"2026-01-05T11:00:00Z\","
                            "\"rule\":\"points.type:demo_request\",\"points\":30.");
    check_contains(buf.ptr, "{\"event_id\":\"e1\",\"type\":\"website_visit\",\"at\":\"2026-01-05T09:00:00Z\","
                            "\"rule\":\"points.type:website_visit\",\"points\":2.0,");
    check_contains(buf.ptr, "\"rule\":\"temperature.effective_touch:demo_request\",\"points\":1.0");
    check_contains(buf.ptr, "\"level\":\"warm\"");
    /* What would move the lead on: an acceptance or a conversation. */
    check_contains(buf.ptr, "{\"name\":\"accepted\",\"to\":\"sql\",\"priority\":2,\"guard\":\"type == sales_accepted\","
                            "\"holds\":false,\"needs_touch\":true");
  }
  CHECK_RC(DOORWAY_EINVAL, doorway_engine_explain(&buf, e, "ann", 3)); /* buf not empty */
  doorway_buf_dispose(&buf);
  CHECK(buf.ptr == NULL && buf.size == 0);
  doorway_buf_dispose(&buf); /* disposing twice is harmless */
  CHECK_RC(DOORWAY_ENOTFOUND, doorway_engine_explain(&buf, e, "nobody", 6));
  CHECK(buf.ptr == NULL);
  CHECK(strstr(doorway_error_last()->message, "\"nobody\"") != NULL);
  doorway_engine_free(e);
  doorway_model_free(m);
}

/* ---- accounting: accepted, duplicate, late, invalid, with reasons -------------- */

static void test_rejections(void) {
  doorway_model *m = NULL;
  doorway_engine *e = NULL;
  doorway_engine_options o;
  doorway_touch t[6];
  doorway_ingest_result r;
  doorway_rejection rej;
  doorway_stats stats;
  doorway_str id;
  size_t n = 0;

  CHECK_OK(doorway_model_default(&m));
  CHECK_OK(doorway_engine_options_init(&o, DOORWAY_ENGINE_OPTIONS_VERSION));
  CHECK(o.late_window_us == 7 * DAY);
  o.late_window_us = HOUR;
  CHECK_OK(doorway_engine_new(&e, m, &o));
  t[0] = make_touch("e1", "ann", T0 + 10 * HOUR, "website_visit"); /* accepted; watermark T0+10h */
  t[1] = make_touch("e1", "ann", T0 + 10 * HOUR, "website_visit"); /* duplicate event_id */
  t[2] = make_touch("e2", "ann", T0, "website_visit");             /* 10 h behind, window 1 h: late */
  t[3] = make_touch("e3", "", T0 + 10 * HOUR, "website_visit");    /* no lead_id: invalid */
  t[4] = make_touch("e4", "ann", T0 + 10 * HOUR, "website_visit");
  t[4].audience = 9; /* not a doorway_audience: invalid, caught by the C layer */
  t[5] = make_touch("e5", "bo", T0 + 10 * HOUR, "page_view");      /* accepted */
  CHECK_OK(doorway_engine_ingest(&r, e, t, 6, sizeof(doorway_touch)));
  CHECK(r.accepted == 2 && r.duplicate == 1 && r.late == 1 && r.invalid == 2);

  CHECK_OK(doorway_engine_rejection_count(&n, e));
  CHECK(n == 4);
  CHECK_OK(doorway_engine_rejection(&rej, e, 0));
  CHECK(rej.index == 1 && rej.kind == DOORWAY_REJECT_DUPLICATE);
  CHECK_STR(rej.event_id, "e1");
  CHECK_OK(doorway_engine_rejection(&rej, e, 1));
  CHECK(rej.index == 2 && rej.kind == DOORWAY_REJECT_LATE);
  CHECK(strstr(rej.reason.ptr, "late window") != NULL);
  CHECK_OK(doorway_engine_rejection(&rej, e, 2));
  CHECK(rej.index == 3 && rej.kind == DOORWAY_REJECT_INVALID);
  CHECK_STR(rej.reason, "lead_id is empty");
  CHECK_OK(doorway_engine_rejection(&rej, e, 3));
  CHECK(rej.index == 4 && rej.kind == DOORWAY_REJECT_INVALID);
  CHECK_STR(rej.event_id, "e4");
  CHECK(strncmp(rej.reason.ptr, "touches[4].audience: 9 is not a doorway_audience", 48) == 0);
  CHECK_RC(DOORWAY_ENOTFOUND, doorway_engine_rejection(&rej, e, 4));

  /* The next call starts a new list; the engine's totals go on. */
  t[0] = make_touch("z1", "zed", T0 + 10 * HOUR, "page_view");
  t[1] = make_touch("a1", "amy", T0 + 10 * HOUR, "page_view");
  CHECK_OK(doorway_engine_ingest(NULL, e, t, 2, sizeof(doorway_touch)));
  CHECK_OK(doorway_engine_rejection_count(&n, e));
  CHECK(n == 0);
  CHECK_OK(doorway_engine_stats(&stats, e));
  CHECK(stats.accepted == 4 && stats.duplicate == 1 && stats.late == 1 && stats.invalid == 2);
  CHECK(stats.leads == 4);

  /* Leads in sorted order. */
  CHECK_OK(doorway_engine_lead_count(&n, e));
  CHECK(n == 4);
  CHECK_OK(doorway_engine_lead_id_at(&id, e, 0));
  CHECK_STR(id, "amy");
  CHECK_OK(doorway_engine_lead_id_at(&id, e, 1));
  CHECK_STR(id, "ann");
  CHECK_OK(doorway_engine_lead_id_at(&id, e, 2));
  CHECK_STR(id, "bo");
  CHECK_OK(doorway_engine_lead_id_at(&id, e, 3));
  CHECK_STR(id, "zed");
  CHECK_RC(DOORWAY_ENOTFOUND, doorway_engine_lead_id_at(&id, e, 4));
  CHECK_RC(DOORWAY_ENOTFOUND, doorway_engine_lead(&(doorway_lead){0}, e, "nobody", 6));

  /* An empty batch is fine. */
  CHECK_OK(doorway_engine_ingest(&r, e, NULL, 0, sizeof(doorway_touch)));
  CHECK(r.accepted == 0 && r.invalid == 0);
  doorway_engine_free(e);
  doorway_model_free(m);
}

/* ---- polling through a late touch, and callbacks -------------------------------- */

struct collected {
  int count;
  int stop_at; /* return 5 when count reaches it (0: never) */
  int kinds[16];
};

static int collect(const doorway_event *ev, void *payload) {
  struct collected *c = (struct collected *)payload;
  if (c->stop_at != 0 && c->count + 1 == c->stop_at) return 5;
  if (c->count < 16) c->kinds[c->count] = ev->kind;
  ++c->count;
  return 0;
}

static void test_polling_and_callbacks(void) {
  doorway_model *m = NULL;
  doorway_engine *e = NULL;
  doorway_touch t[2];
  doorway_event ev[8];
  size_t n = 0;
  struct collected c;

  CHECK_OK(doorway_model_default(&m));
  CHECK_OK(doorway_engine_new(&e, m, NULL));
  t[0] = make_touch("c1", "cy", T0, "demo_request");
  ingest_all(e, t, 1);
  CHECK_OK(doorway_engine_advance(e, T0 + 49 * HOUR)); /* breach at T0+48h, recycle */
  CHECK_OK(doorway_engine_events_poll(ev, 8, &n, e));
  CHECK(n == 3);
  CHECK(ev[0].kind == DOORWAY_EVENT_HANDOFF && ev[1].kind == DOORWAY_EVENT_SLA_BREACHED &&
        ev[2].kind == DOORWAY_EVENT_RECYCLED);

  /* Sales had accepted at T0+47h; the CRM sends it late (within the 7-day window).
   * The lead is replayed: sal -> sql by "accepted", and the breach never happened.
   * Polling says so: history revised from seq 1, then the new event at seq 1. */
  t[0] = make_touch("c2", "cy", T0 + 47 * HOUR, "sales_accepted");
  ingest_all(e, t, 1);
  CHECK_STR(read_lead(e, "cy").stage_name, "sql");
  CHECK_OK(doorway_engine_events_pending(&n, e));
  CHECK(n == 2);
  CHECK_OK(doorway_engine_events_poll(ev, 1, &n, e)); /* one at a time */
  CHECK(n == 1);
  CHECK(ev[0].kind == DOORWAY_EVENT_HISTORY_REVISED);
  CHECK_STR(ev[0].lead_id, "cy");
  CHECK(ev[0].seq == 1);
  CHECK_OK(doorway_engine_events_poll(ev, 8, &n, e));
  CHECK(n == 1);
  CHECK(ev[0].kind == DOORWAY_EVENT_STAGE_CHANGED);
  CHECK_STR(ev[0].from, "sal");
  CHECK_STR(ev[0].to, "sql");
  CHECK_STR(ev[0].reason, "accepted");
  CHECK(ev[0].at == T0 + 47 * HOUR);
  CHECK(ev[0].seq == 1);

  /* foreach: the lead's current history, independent of polling. */
  memset(&c, 0, sizeof c);
  CHECK_OK(doorway_engine_events_foreach(e, "cy", 2, collect, &c));
  CHECK(c.count == 2);
  CHECK(c.kinds[0] == DOORWAY_EVENT_HANDOFF && c.kinds[1] == DOORWAY_EVENT_STAGE_CHANGED);

  /* drain: a non-zero return stops, is returned, and leaves that event waiting. */
  t[0] = make_touch("d1", "dee", T0 + 50 * HOUR, "demo_request");
  t[1] = make_touch("f1", "flo", T0 + 50 * HOUR, "cold_call"); /* sales-sourced handoff */
  ingest_all(e, t, 2);
  memset(&c, 0, sizeof c);
  c.stop_at = 2;
  CHECK_RC(5, doorway_engine_events_drain(e, collect, &c));
  CHECK(c.count == 1);
  CHECK(doorway_error_last()->code == DOORWAY_EUSER);
  CHECK_OK(doorway_engine_events_pending(&n, e));
  CHECK(n == 1);
  c.stop_at = 0;
  CHECK_OK(doorway_engine_events_drain(e, collect, &c));
  CHECK(c.count == 2);
  CHECK(c.kinds[0] == DOORWAY_EVENT_HANDOFF && c.kinds[1] == DOORWAY_EVENT_HANDOFF);
  CHECK_OK(doorway_engine_events_pending(&n, e));
  CHECK(n == 0);
  doorway_engine_free(e);
  doorway_model_free(m);
}

/* ---- a custom scoring policy in C: counts contact touches ------------------------ */

struct counter_state {
  uint32_t magic; /* set by init, so apply can tell init ran */
  uint32_t count;
};

struct counter_payload {
  int frees;
  int doors_seen;
  int fail_on_demo; /* apply returns 7 for a demo_request */
};

static int counter_init(void *state, void *payload) {
  (void)payload;
  ((struct counter_state *)state)->magic = 0xC0FFEEu;
  return 0;
}

static int counter_apply(void *state, const doorway_policy_touch *touch, double *points, void *payload) {
  struct counter_state *s = (struct counter_state *)state;
  struct counter_payload *p = (struct counter_payload *)payload;
  if (s->magic != 0xC0FFEEu) return 99;
  if (p->fail_on_demo && str_is(touch->type, "demo_request")) {
    s->count = 1000; /* a failing callback's changes are undone */
    return 7;
  }
  if (touch->kind == DOORWAY_TOUCH_OUTCOME) return 0; /* *points stays 0: not counted */
  if (touch->kind == DOORWAY_TOUCH_DOOR && touch->team == DOORWAY_TEAM_MARKETING) ++p->doors_seen;
  ++s->count;
  *points = 1;
  return 0;
}

static int counter_value(const void *state, int64_t now, double *out, void *payload) {
  (void)now;
  (void)payload;
  *out = ((const struct counter_state *)state)->count;
  return 0;
}

static void counter_free(void *payload) { ++((struct counter_payload *)payload)->frees; }

static doorway_policy_vtable counter_vtable(void) {
  doorway_policy_vtable vt;
  memset(&vt, 0, sizeof vt);
  vt.version = DOORWAY_POLICY_VTABLE_VERSION;
  vt.state_size = sizeof(struct counter_state);
  vt.init = counter_init;
  vt.apply = counter_apply;
  vt.value = counter_value;
  vt.factor = NULL; /* contributions keep their full value */
  return vt;
}

static void test_custom_policy(void) {
  doorway_model *base = NULL, *m = NULL;
  doorway_engine *e = NULL;
  doorway_touch t[5];
  doorway_policy_vtable vt = counter_vtable();
  struct counter_payload p = {0, 0, 0};
  doorway_buf buf = DOORWAY_BUF_INIT;
  doorway_score s;
  doorway_str name;
  size_t n = 0;

  CHECK_OK(doorway_model_default(&base));
  CHECK_OK(doorway_model_with_policy(&m, base, "touch_count", 11, &vt, &p, counter_free));
  doorway_model_free(base); /* the new model stands alone */
  CHECK_OK(doorway_model_score_count(&n, m));
  CHECK(n == 3);
  CHECK_OK(doorway_model_score_name(&name, m, 2));
  CHECK_STR(name, "touch_count");

  CHECK_OK(doorway_engine_new(&e, m, NULL));
  ann_touches(t);
  t[3] = make_touch("b1", "bo", T0, "sales_letter");
  t[4] = make_touch("b2", "bo", T0 + 2 * DAY, "order_placed");
  ingest_all(e, t, 5);
  CHECK_NEAR(score(e, "ann", "touch_count"), 3);
  CHECK_NEAR(score(e, "bo", "touch_count"), 1); /* the order is an outcome: not counted */
  CHECK(p.doors_seen == 1);                      /* demo_request: a marketing door touch */
  CHECK_OK(doorway_engine_lead_score_at(&s, e, "ann", 3, 2));
  CHECK_STR(s.name, "touch_count");
  CHECK_NEAR(s.value, 3);
  /* The built-in scores and the journey are the default model's. */
  CHECK_STR(read_lead(e, "ann").stage_name, "sal");
  CHECK_STR(read_lead(e, "bo").stage_name, "customer");

  CHECK_OK(doorway_engine_explain(&buf, e, "ann", 3));
  if (buf.ptr != NULL) {
    check_contains(buf.ptr, "{\"name\":\"touch_count\",\"policy\":\"custom\",\"value\":3.0,\"level\":null,");
    check_contains(buf.ptr, "{\"event_id\":\"e3\",\"type\":\"demo_request\",\"at\":\"2026-01-05T11:00:00Z\","
                            "\"rule\":\"custom.touch_count:demo_request\",\"points\":1.0,\"factor\":1.0,"
                            "\"value\":1.0}");
  }
  doorway_buf_dispose(&buf);

  /* payload_free runs once, when the last user of the policy goes. */
  doorway_model_free(m);
  CHECK(p.frees == 0);
  doorway_engine_free(e);
  CHECK(p.frees == 1);
}

static void test_policy_failure(void) {
  doorway_model *base = NULL, *m = NULL;
  doorway_engine *e = NULL;
  doorway_touch t[3];
  doorway_policy_vtable vt = counter_vtable();
  struct counter_payload p = {0, 0, 1};
  doorway_ingest_result r;
  const char *msg;

  CHECK_OK(doorway_model_default(&base));
  CHECK_OK(doorway_model_with_policy(&m, base, "touch_count", 11, &vt, &p, counter_free));
  CHECK_OK(doorway_engine_new(&e, m, NULL));
  ann_touches(t);
  /* The demo_request's apply fails: the batch is applied all the same, the touch
   * adds 0 to touch_count, and the call reports DOORWAY_EUSER naming the score. */
  CHECK_RC(DOORWAY_EUSER, doorway_engine_ingest(&r, e, t, 3, sizeof(doorway_touch)));
  CHECK(r.accepted == 3);
  msg = doorway_error_last()->message;
  CHECK(strstr(msg, "doorway_engine_ingest: score \"touch_count\": the policy's apply callback returned 7") != NULL);
  CHECK(strstr(msg, "demo_request") != NULL);
  CHECK(doorway_error_last()->code == DOORWAY_EUSER);
  CHECK_NEAR(score(e, "ann", "touch_count"), 2); /* and the state it changed was restored */
  CHECK_STR(read_lead(e, "ann").stage_name, "sal"); /* everything else applied */
  CHECK(doorway_error_last()->code == DOORWAY_OK);

  /* A name the model already has is refused, and the payload is freed at once. */
  {
    struct counter_payload q = {0, 0, 0};
    doorway_model *dup = NULL;
    CHECK_RC(DOORWAY_EINVAL, doorway_model_with_policy(&dup, base, "engagement", 10, &vt, &q, counter_free));
    CHECK(dup == NULL);
    CHECK(q.frees == 1);
    CHECK(strstr(doorway_error_last()->message, "\"engagement\"") != NULL);
  }
  doorway_engine_free(e);
  doorway_model_free(m);
  doorway_model_free(base);
  CHECK(p.frees == 1);
}

/* ---- model files: the default model's JSON, read back, written again, run ------ */

/* "version": 7 on line 3: the value starts at column 14 (two spaces, the quoted
 * key in columns 3-11, ':' at 12, a space at 13). */
static const char BAD_VERSION[] = "{\n  \"format\": \"doorway.model\",\n  \"version\": 7\n}\n";

static void test_model_json(void) {
  doorway_model *def = NULL, *m = NULL;
  doorway_problems *problems = NULL;
  doorway_problem pr;
  doorway_buf json = DOORWAY_BUF_INIT, again = DOORWAY_BUF_INIT, dot = DOORWAY_BUF_INIT;
  doorway_engine *e = NULL;
  doorway_touch t[3];
  doorway_stage_info st;
  doorway_lead l;
  size_t n = 0;

  CHECK_OK(doorway_model_default(&def));
  CHECK_OK(doorway_model_to_json(&json, def));
  CHECK(json.ptr != NULL && json.size == strlen(json.ptr));
  CHECK(strstr(json.ptr, "\"format\": \"doorway.model\"") != NULL);

  /* Read back: the same model, written the same way again. */
  CHECK_OK(doorway_model_from_json(&m, &problems, json.ptr, json.size, "default.json", 12));
  CHECK(m != NULL && problems == NULL);
  CHECK_OK(doorway_model_to_json(&again, m));
  CHECK(again.size == json.size && memcmp(again.ptr, json.ptr, json.size) == 0);
  CHECK_OK(doorway_model_stage_count(&n, m));
  CHECK(n == 11);
  CHECK_OK(doorway_model_stage(&st, m, 0));
  CHECK_STR(st.name, "subscriber");

  /* The DOT export names the stages. */
  CHECK_OK(doorway_model_to_dot(&dot, m));
  CHECK(dot.ptr != NULL && strstr(dot.ptr, "\ndigraph \"doorway-default\" {\n") != NULL);
  CHECK(strstr(dot.ptr, "sal") != NULL && strstr(dot.ptr, "subscriber") != NULL);

  /* The model read from JSON runs ann's journey as the default model does: two
   * website visits, then demo_request (a door touch) moves subscriber -> sal by
   * door_touch, a handoff with the 48 h SLA; engagement 2 + 2 + 30 points (the
   * visits decayed over 2 h and 1 h of a 30-day half-life). */
  CHECK_OK(doorway_engine_new(&e, m, NULL));
  ann_touches(t);
  ingest_all(e, t, 3);
  l = read_lead(e, "ann");
  CHECK_STR(l.stage_name, "sal");
  CHECK(l.owner == DOORWAY_TEAM_SALES);
  CHECK(l.has_sla_deadline && l.sla_deadline == T0 + 50 * HOUR);
  CHECK_NEAR(score(e, "ann", "engagement"),
             2 * pow(2.0, -2.0 / (30 * 24)) + 2 * pow(2.0, -1.0 / (30 * 24)) + 30);
  doorway_engine_free(e);

  /* A broken file: DOORWAY_EDATA, each problem located as file:line:column. */
  doorway_model_free(m);
  m = NULL;
  CHECK_RC(DOORWAY_EDATA, doorway_model_from_json(&m, &problems, BAD_VERSION, strlen(BAD_VERSION), "bad.json", 8));
  CHECK(m == NULL && problems != NULL);
  CHECK(strstr(doorway_error_last()->message, "bad.json:3:14: version: unsupported version 7") != NULL);
  CHECK_OK(doorway_problems_count(&n, problems));
  CHECK(n == 1);
  CHECK_OK(doorway_problems_get(&pr, problems, 0));
  CHECK_STR(pr.path, "version");
  CHECK(strncmp(pr.message.ptr, "bad.json:3:14: unsupported version 7", 36) == 0);
  doorway_problems_free(problems);

  doorway_buf_dispose(&json);
  doorway_buf_dispose(&again);
  doorway_buf_dispose(&dot);
  doorway_model_free(def);
}

/* ---- driver ---------------------------------------------------------------------- */

struct test_case {
  const char *name;
  void (*run)(void);
};

static const struct test_case tests[] = {
    {"versions", test_versions},
    {"pinned_values", test_pinned_values},
    {"model", test_model},
    {"handoff_and_sla", test_handoff_and_sla},
    {"sales_letter_customer", test_sales_letter_customer},
    {"classify", test_classify},
    {"explain_json", test_explain_json},
    {"rejections", test_rejections},
    {"polling_and_callbacks", test_polling_and_callbacks},
    {"custom_policy", test_custom_policy},
    {"policy_failure", test_policy_failure},
    {"model_json", test_model_json},
};

int main(int argc, char **argv) {
  size_t i;
  int ran = 0;
  for (i = 0; i < sizeof tests / sizeof tests[0]; ++i) {
    if (argc > 1 && strcmp(argv[1], tests[i].name) != 0) continue;
    tests[i].run();
    ++ran;
  }
  if (ran == 0) {
    fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "(none)");
    return 2;
  }
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  return 0;
}
