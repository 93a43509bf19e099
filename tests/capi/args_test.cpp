// The C ABI survives NULL and invalid arguments at every entry point: each call
// returns an error code (never crashes) and doorway_error_last() names the function
// and the argument or input at fault. Uses the C API only (compiled as C++).
// One TEST_F(Args, <function>) per declaration in doorway.h; the capi.args_coverage
// test fails when a function lacks one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "doorway.h"

namespace {

using ::testing::HasSubstr;

// The call must fail with `code`, and the thread's error must carry the same code
// and a message "<function>: ..." containing `names`.
void expect_failure(int rc, int code, const char* call, const char* names) {
  const std::string fn = std::string(call).substr(0, std::string(call).find('('));
  EXPECT_EQ(rc, code) << call << ": " << doorway_error_last()->message;
  const doorway_error* e = doorway_error_last();
  ASSERT_NE(e, nullptr);
  ASSERT_NE(e->message, nullptr);
  EXPECT_EQ(e->code, code) << call;
  EXPECT_THAT(e->message, HasSubstr(fn + ": ")) << call;
  EXPECT_THAT(e->message, HasSubstr(names)) << call;
}

#define EXPECT_FAILS(code, names, call) expect_failure((call), (code), #call, (names))
#define EXPECT_OK(call) EXPECT_EQ((call), DOORWAY_OK) << #call << ": " << doorway_error_last()->message

const doorway_str kNoStr{nullptr, 0};
doorway_str S(const char* s) { return doorway_str{s, std::strlen(s)}; }

doorway_touch good_touch(const char* id = "e1", const char* lead = "ann", const char* type = "website_visit") {
  doorway_touch t = DOORWAY_TOUCH_INIT;
  t.event_id = S(id);
  t.lead_id = S(lead);
  t.timestamp = INT64_C(1767603600000000);  // 2026-01-05T09:00:00Z
  t.type = S(type);
  return t;
}

// A block of zeros posing as a handle: every entry point must spot it.
alignas(16) unsigned char g_fake[512] = {};
template <class T>
T* fake() {
  return reinterpret_cast<T*>(g_fake);
}

class Args : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(doorway_model_default(&model), DOORWAY_OK);
    ASSERT_EQ(doorway_engine_new(&engine, model, nullptr), DOORWAY_OK);
    const doorway_touch t = good_touch();
    ASSERT_EQ(doorway_engine_ingest(nullptr, engine, &t, 1, sizeof t), DOORWAY_OK);
  }
  void TearDown() override {
    doorway_engine_free(engine);
    doorway_model_free(model);
  }
  doorway_model* model = nullptr;
  doorway_engine* engine = nullptr;
};

// ---- versions and errors: total functions, they cannot fail -------------------------

TEST_F(Args, doorway_version) { EXPECT_STREQ(doorway_version(), DOORWAY_VERSION_STRING); }
TEST_F(Args, doorway_version_number) { EXPECT_EQ(doorway_version_number(), unsigned{DOORWAY_VERSION_NUMBER}); }
TEST_F(Args, doorway_abi_version) { EXPECT_EQ(doorway_abi_version(), unsigned{DOORWAY_ABI_VERSION}); }

TEST_F(Args, doorway_error_last) {
  ASSERT_NE(doorway_error_last(), nullptr);
  EXPECT_EQ(doorway_model_default(nullptr), DOORWAY_EINVAL);
  EXPECT_EQ(doorway_error_last()->code, DOORWAY_EINVAL);
  doorway_model* m = nullptr;
  EXPECT_OK(doorway_model_default(&m));
  EXPECT_EQ(doorway_error_last()->code, DOORWAY_OK);  // a success resets it
  EXPECT_STREQ(doorway_error_last()->message, "");
  doorway_model_free(m);
}

TEST_F(Args, doorway_strerror) {
  for (int code : {0, -1, -2, -3, -4, -5, -6, -7, -8, -9, 1, -10, 42, std::numeric_limits<int>::min(),
                   std::numeric_limits<int>::max()}) {
    ASSERT_NE(doorway_strerror(code), nullptr) << code;
    EXPECT_GT(std::strlen(doorway_strerror(code)), 0u) << code;
  }
  EXPECT_STREQ(doorway_strerror(-10), "unknown status");
}

TEST_F(Args, doorway_buf_dispose) {
  doorway_buf_dispose(nullptr);
  doorway_buf empty = DOORWAY_BUF_INIT;
  doorway_buf_dispose(&empty);
  EXPECT_EQ(empty.ptr, nullptr);
}

// ---- models -------------------------------------------------------------------------

TEST_F(Args, doorway_model_default) {
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_default(nullptr));
}

TEST_F(Args, doorway_model_free) {
  doorway_model_free(nullptr);
  // A handle of another type is left alone.
  doorway_model_free(reinterpret_cast<doorway_model*>(engine));
  size_t n = 0;
  EXPECT_OK(doorway_engine_lead_count(&n, engine));
  doorway_model_free(fake<doorway_model>());
}

TEST_F(Args, doorway_model_validate) {
  doorway_problems* p = reinterpret_cast<doorway_problems*>(&g_fake);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_validate(nullptr, model));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_validate(&p, nullptr));
  EXPECT_EQ(p, nullptr);  // *out is NULL after a failure
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live doorway_model",
               doorway_model_validate(&p, reinterpret_cast<doorway_model*>(engine)));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live doorway_model",
               doorway_model_validate(&p, fake<doorway_model>()));
}

TEST_F(Args, doorway_problems_count) {
  size_t n = 7;
  doorway_problems* p = nullptr;
  ASSERT_EQ(doorway_model_validate(&p, model), DOORWAY_OK);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_problems_count(nullptr, p));
  EXPECT_FAILS(DOORWAY_EINVAL, "problems is NULL", doorway_problems_count(&n, nullptr));
  EXPECT_EQ(n, 0u);
  EXPECT_FAILS(DOORWAY_EINVAL, "problems is not a live doorway_problems",
               doorway_problems_count(&n, reinterpret_cast<doorway_problems*>(model)));
  doorway_problems_free(p);
}

TEST_F(Args, doorway_problems_get) {
  doorway_problem pr;
  doorway_problems* p = nullptr;
  ASSERT_EQ(doorway_model_validate(&p, model), DOORWAY_OK);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_problems_get(nullptr, p, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "problems is NULL", doorway_problems_get(&pr, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "problems is not a live doorway_problems",
               doorway_problems_get(&pr, fake<doorway_problems>(), 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "index 0 is past the end (0 problems)", doorway_problems_get(&pr, p, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "past the end", doorway_problems_get(&pr, p, SIZE_MAX));
  EXPECT_EQ(pr.code.ptr, nullptr);
  doorway_problems_free(p);
}

TEST_F(Args, doorway_problems_free) {
  doorway_problems_free(nullptr);
  doorway_problems_free(reinterpret_cast<doorway_problems*>(model));  // left alone
  size_t n = 0;
  EXPECT_OK(doorway_model_stage_count(&n, model));
}

TEST_F(Args, doorway_model_stage_count) {
  size_t n = 0;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_stage_count(nullptr, model));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_stage_count(&n, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live", doorway_model_stage_count(&n, fake<doorway_model>()));
}

TEST_F(Args, doorway_model_stage) {
  doorway_stage_info s;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_stage(nullptr, model, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_stage(&s, nullptr, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "id 11 is past the end (11 stages)", doorway_model_stage(&s, model, 11));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "past the end", doorway_model_stage(&s, model, SIZE_MAX));
}

TEST_F(Args, doorway_model_score_count) {
  size_t n = 0;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_score_count(nullptr, model));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_score_count(&n, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live",
               doorway_model_score_count(&n, reinterpret_cast<doorway_model*>(engine)));
}

TEST_F(Args, doorway_model_score_name) {
  doorway_str s;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_score_name(nullptr, model, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_score_name(&s, nullptr, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "index 2 is past the end (2 scores)", doorway_model_score_name(&s, model, 2));
}

// ---- classification -------------------------------------------------------------------

TEST_F(Args, doorway_classify) {
  doorway_classification c;
  doorway_touch t = good_touch();
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_classify(nullptr, model, &t, sizeof t));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_classify(&c, nullptr, &t, sizeof t));
  EXPECT_FAILS(DOORWAY_EINVAL, "touch is NULL", doorway_classify(&c, model, nullptr, sizeof t));
  EXPECT_FAILS(DOORWAY_EVERSION, "touch_size is 0", doorway_classify(&c, model, &t, 0));
  EXPECT_FAILS(DOORWAY_EVERSION, "touch_size", doorway_classify(&c, model, &t, sizeof t - 8));
  EXPECT_FAILS(DOORWAY_EVERSION, "touch_size", doorway_classify(&c, model, &t, sizeof t + 8));
  EXPECT_EQ(c.rule.ptr, nullptr);
  for (int bad : {-1, 3, 1000, std::numeric_limits<int>::min()}) {
    doorway_touch u = t;
    u.audience = bad;
    EXPECT_FAILS(DOORWAY_EINVAL, "touch->audience", doorway_classify(&c, model, &u, sizeof u));
    u = t;
    u.interaction = bad;
    EXPECT_FAILS(DOORWAY_EINVAL, "touch->interaction", doorway_classify(&c, model, &u, sizeof u));
    u = t;
    u.initiator = bad;
    EXPECT_FAILS(DOORWAY_EINVAL, "touch->initiator", doorway_classify(&c, model, &u, sizeof u));
    u = t;
    u.team = bad;
    EXPECT_FAILS(DOORWAY_EINVAL, "touch->team", doorway_classify(&c, model, &u, sizeof u));
  }
  t.type = doorway_str{nullptr, 5};
  EXPECT_FAILS(DOORWAY_EINVAL, "touch->type: ptr is NULL but len is 5", doorway_classify(&c, model, &t, sizeof t));
  t = good_touch();
  t.channel = doorway_str{nullptr, 1};
  EXPECT_FAILS(DOORWAY_EINVAL, "touch->channel", doorway_classify(&c, model, &t, sizeof t));
  // Fields classification does not read may hold anything.
  t = good_touch();
  t.event_id = doorway_str{nullptr, 3};
  t.timestamp = std::numeric_limits<int64_t>::min();
  EXPECT_OK(doorway_classify(&c, model, &t, sizeof t));
}

// ---- engines ------------------------------------------------------------------------

TEST_F(Args, doorway_engine_options_init) {
  doorway_engine_options o;
  EXPECT_FAILS(DOORWAY_EINVAL, "options is NULL", doorway_engine_options_init(nullptr, DOORWAY_ENGINE_OPTIONS_VERSION));
  EXPECT_FAILS(DOORWAY_EVERSION, "version is 0", doorway_engine_options_init(&o, 0));
  EXPECT_FAILS(DOORWAY_EVERSION, "version is 2", doorway_engine_options_init(&o, 2));
}

TEST_F(Args, doorway_engine_new) {
  doorway_engine* e = reinterpret_cast<doorway_engine*>(&g_fake);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_new(nullptr, model, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_engine_new(&e, nullptr, nullptr));
  EXPECT_EQ(e, nullptr);
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live doorway_model",
               doorway_engine_new(&e, reinterpret_cast<doorway_model*>(engine), nullptr));
  doorway_engine_options o = DOORWAY_ENGINE_OPTIONS_INIT;
  o.version = 0;
  EXPECT_FAILS(DOORWAY_EVERSION, "options->version is 0", doorway_engine_new(&e, model, &o));
  o.version = 99;
  EXPECT_FAILS(DOORWAY_EVERSION, "options->version is 99", doorway_engine_new(&e, model, &o));
  o = DOORWAY_ENGINE_OPTIONS_INIT;
  o.late_window_us = -1;
  EXPECT_FAILS(DOORWAY_EINVAL, "options->late_window_us is -1", doorway_engine_new(&e, model, &o));
  o.late_window_us = std::numeric_limits<int64_t>::max();
  EXPECT_FAILS(DOORWAY_EINVAL, "options->late_window_us", doorway_engine_new(&e, model, &o));
  o.late_window_us = 0;  // no late touches at all: valid
  EXPECT_OK(doorway_engine_new(&e, model, &o));
  doorway_engine_free(e);
}

TEST_F(Args, doorway_engine_free) {
  doorway_engine_free(nullptr);
  doorway_engine_free(reinterpret_cast<doorway_engine*>(model));  // left alone
  doorway_engine_free(fake<doorway_engine>());
  size_t n = 0;
  EXPECT_OK(doorway_model_stage_count(&n, model));
}

TEST_F(Args, doorway_engine_ingest) {
  doorway_ingest_result r;
  doorway_touch t = good_touch("e2");
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_ingest(&r, nullptr, &t, 1, sizeof t));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live doorway_engine",
               doorway_engine_ingest(&r, reinterpret_cast<doorway_engine*>(model), &t, 1, sizeof t));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live", doorway_engine_ingest(&r, fake<doorway_engine>(), &t, 1, sizeof t));
  EXPECT_FAILS(DOORWAY_EVERSION, "touch_size is 0", doorway_engine_ingest(&r, engine, &t, 1, 0));
  EXPECT_FAILS(DOORWAY_EVERSION, "expected sizeof(doorway_touch)", doorway_engine_ingest(&r, engine, &t, 1, sizeof t - 8));
  EXPECT_FAILS(DOORWAY_EVERSION, "touch_size", doorway_engine_ingest(&r, engine, &t, 1, sizeof t + 8));
  EXPECT_FAILS(DOORWAY_EINVAL, "touches is NULL but count is 3", doorway_engine_ingest(&r, engine, nullptr, 3, sizeof t));
  EXPECT_FAILS(DOORWAY_EINVAL, "count", doorway_engine_ingest(&r, engine, &t, SIZE_MAX, sizeof t));
  EXPECT_EQ(r.accepted + r.invalid, 0u);  // zeroed, nothing applied

  // Malformed touches are rejected one by one, each with the field named; the rest
  // of the batch goes on.
  struct Case {
    const char* names;
    void (*spoil)(doorway_touch&);
  };
  const Case cases[] = {
      {"touches[0].event_id: ptr is NULL but len is 4", [](doorway_touch& u) { u.event_id = {nullptr, 4}; }},
      {"touches[0].lead_id: ptr is NULL", [](doorway_touch& u) { u.lead_id = {nullptr, 1}; }},
      {"touches[0].account_id: ptr is NULL", [](doorway_touch& u) { u.account_id = {nullptr, 1}; }},
      {"touches[0].type: ptr is NULL", [](doorway_touch& u) { u.type = {nullptr, 1}; }},
      {"touches[0].channel: ptr is NULL", [](doorway_touch& u) { u.channel = {nullptr, 1}; }},
      {"touches[0].outcome: ptr is NULL", [](doorway_touch& u) { u.outcome = {nullptr, 1}; }},
      {"touches[0].audience: 3 is not a doorway_audience", [](doorway_touch& u) { u.audience = 3; }},
      {"touches[0].interaction: -1 is not", [](doorway_touch& u) { u.interaction = -1; }},
      {"touches[0].initiator: 77 is not", [](doorway_touch& u) { u.initiator = 77; }},
      {"touches[0].team: 3 is not a doorway_team", [](doorway_touch& u) { u.team = 3; }},
      {"touches[0].reserved: must be 0", [](doorway_touch& u) { u.reserved = 1; }},
      {"touches[0].timestamp:", [](doorway_touch& u) { u.timestamp = std::numeric_limits<int64_t>::max(); }},
      {"touches[0].timestamp:", [](doorway_touch& u) { u.timestamp = std::numeric_limits<int64_t>::min(); }},
      {"event_id is empty", [](doorway_touch& u) { u.event_id = kNoStr; }},
      {"lead_id is empty", [](doorway_touch& u) { u.lead_id = kNoStr; }},
      {"neither a type nor a channel", [](doorway_touch& u) { u.type = kNoStr; }},
      {"value is not a finite number",
       [](doorway_touch& u) {
         u.has_value = 1;
         u.value = std::nan("");
       }},
      {"value is not a finite number",
       [](doorway_touch& u) {
         u.has_value = 1;
         u.value = HUGE_VAL;
       }},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string id = "bad" + std::to_string(n++);
    const std::string ok = id + "-ok";  // the touches borrow these strings
    doorway_touch batch[2] = {good_touch(id.c_str()), good_touch(ok.c_str())};
    c.spoil(batch[0]);
    ASSERT_EQ(doorway_engine_ingest(&r, engine, batch, 2, sizeof(doorway_touch)), DOORWAY_OK) << c.names;
    EXPECT_EQ(r.invalid, 1u) << c.names;
    EXPECT_EQ(r.accepted, 1u) << c.names;
    doorway_rejection rej;
    ASSERT_EQ(doorway_engine_rejection(&rej, engine, 0), DOORWAY_OK);
    EXPECT_EQ(rej.index, 0u);
    EXPECT_EQ(rej.kind, DOORWAY_REJECT_INVALID);
    EXPECT_THAT(std::string(rej.reason.ptr, rej.reason.len), HasSubstr(c.names));
    EXPECT_EQ(rej.reason.ptr[rej.reason.len], '\0');
  }
  doorway_stats s;
  ASSERT_EQ(doorway_engine_stats(&s, engine), DOORWAY_OK);
  EXPECT_EQ(s.invalid, sizeof cases / sizeof cases[0]);
}

TEST_F(Args, doorway_engine_rejection_count) {
  size_t n = 9;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_rejection_count(nullptr, engine));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_rejection_count(&n, nullptr));
  EXPECT_EQ(n, 0u);
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live", doorway_engine_rejection_count(&n, fake<doorway_engine>()));
}

TEST_F(Args, doorway_engine_rejection) {
  doorway_rejection r;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_rejection(nullptr, engine, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_rejection(&r, nullptr, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "i 0 is past the end (0 rejections", doorway_engine_rejection(&r, engine, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "past the end", doorway_engine_rejection(&r, engine, SIZE_MAX));
}

TEST_F(Args, doorway_engine_advance) {
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_advance(nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live",
               doorway_engine_advance(reinterpret_cast<doorway_engine*>(model), 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "now is", doorway_engine_advance(engine, std::numeric_limits<int64_t>::max()));
  EXPECT_FAILS(DOORWAY_EINVAL, "now is", doorway_engine_advance(engine, std::numeric_limits<int64_t>::min()));
  EXPECT_OK(doorway_engine_advance(engine, 0));  // backwards: a no-op
}

TEST_F(Args, doorway_engine_lead) {
  doorway_lead l;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_lead(nullptr, engine, "ann", 3));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_lead(&l, nullptr, "ann", 3));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is NULL but its length is 3", doorway_engine_lead(&l, engine, nullptr, 3));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is empty", doorway_engine_lead(&l, engine, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is empty", doorway_engine_lead(&l, engine, "ann", 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "no lead with lead_id \"bob\"", doorway_engine_lead(&l, engine, "bob", 3));
  EXPECT_EQ(l.stage_name.ptr, nullptr);
  EXPECT_OK(doorway_engine_lead(&l, engine, "annx", 3));  // the length counts, not the NUL
}

TEST_F(Args, doorway_engine_lead_score_at) {
  doorway_score s;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_lead_score_at(nullptr, engine, "ann", 3, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_lead_score_at(&s, nullptr, "ann", 3, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is NULL", doorway_engine_lead_score_at(&s, engine, nullptr, 3, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "no lead", doorway_engine_lead_score_at(&s, engine, "bob", 3, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "index 2 is past the end (2 scores)",
               doorway_engine_lead_score_at(&s, engine, "ann", 3, 2));
}

TEST_F(Args, doorway_engine_lead_score) {
  double v = 5;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_lead_score(nullptr, engine, "ann", 3, "engagement", 10));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_lead_score(&v, nullptr, "ann", 3, "engagement", 10));
  EXPECT_EQ(v, 0);
  EXPECT_FAILS(DOORWAY_EINVAL, "name is NULL but its length is 10",
               doorway_engine_lead_score(&v, engine, "ann", 3, nullptr, 10));
  EXPECT_FAILS(DOORWAY_EINVAL, "name is empty", doorway_engine_lead_score(&v, engine, "ann", 3, "", 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is NULL", doorway_engine_lead_score(&v, engine, nullptr, 1, "engagement", 10));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "no lead", doorway_engine_lead_score(&v, engine, "bob", 3, "engagement", 10));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "no score named \"engagment\"",
               doorway_engine_lead_score(&v, engine, "ann", 3, "engagment", 9));
}

TEST_F(Args, doorway_engine_lead_count) {
  size_t n = 3;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_lead_count(nullptr, engine));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_lead_count(&n, nullptr));
  EXPECT_EQ(n, 0u);
}

TEST_F(Args, doorway_engine_lead_id_at) {
  doorway_str s;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_lead_id_at(nullptr, engine, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_lead_id_at(&s, nullptr, 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "index 1 is past the end (1 leads)", doorway_engine_lead_id_at(&s, engine, 1));
}

TEST_F(Args, doorway_engine_explain) {
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_explain(nullptr, engine, "ann", 3));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_explain(&b, nullptr, "ann", 3));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is NULL", doorway_engine_explain(&b, engine, nullptr, 3));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is empty", doorway_engine_explain(&b, engine, "", 0));
  EXPECT_FAILS(DOORWAY_ENOTFOUND, "no lead with lead_id \"bob\"", doorway_engine_explain(&b, engine, "bob", 3));
  EXPECT_EQ(b.ptr, nullptr);
  char garbage = 'x';
  doorway_buf used{&garbage, 1};  // not ours: refused, never freed
  EXPECT_FAILS(DOORWAY_EINVAL, "out is not empty", doorway_engine_explain(&used, engine, "ann", 3));
  EXPECT_EQ(used.ptr, &garbage);
}

// ---- events -------------------------------------------------------------------------

int count_events(const doorway_event*, void* payload) {
  ++*static_cast<int*>(payload);
  return 0;
}

TEST_F(Args, doorway_engine_events_foreach) {
  int n = 0;
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_events_foreach(nullptr, nullptr, 0, count_events, &n));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live",
               doorway_engine_events_foreach(fake<doorway_engine>(), nullptr, 0, count_events, &n));
  EXPECT_FAILS(DOORWAY_EINVAL, "cb is NULL", doorway_engine_events_foreach(engine, nullptr, 0, nullptr, &n));
  EXPECT_FAILS(DOORWAY_EINVAL, "lead_id is empty", doorway_engine_events_foreach(engine, "", 0, count_events, &n));
  EXPECT_OK(doorway_engine_events_foreach(engine, "nobody", 6, count_events, &n));  // no events
  EXPECT_EQ(n, 0);
}

TEST_F(Args, doorway_engine_events_pending) {
  size_t n = 4;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_events_pending(nullptr, engine));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_events_pending(&n, nullptr));
  EXPECT_EQ(n, 0u);
}

TEST_F(Args, doorway_engine_events_poll) {
  doorway_event ev[2];
  size_t n = 5;
  EXPECT_FAILS(DOORWAY_EINVAL, "count is NULL", doorway_engine_events_poll(ev, 2, nullptr, engine));
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL but capacity is 2", doorway_engine_events_poll(nullptr, 2, &n, engine));
  EXPECT_EQ(n, 0u);
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_events_poll(ev, 2, &n, nullptr));
  EXPECT_OK(doorway_engine_events_poll(nullptr, 0, &n, engine));  // capacity 0: nothing to write
}

// A callback that tries what it must not: change or drain the engine it runs in.
struct Reentry {
  doorway_engine* engine;
  int ingest_rc = 1;
  int drain_rc = 1;
  int poll_rc = 1;
  int advance_rc = 1;
  int read_rc = 1;
};

int reenter(const doorway_event*, void* payload) {
  auto* r = static_cast<Reentry*>(payload);
  const doorway_touch t = good_touch("inner");
  r->ingest_rc = doorway_engine_ingest(nullptr, r->engine, &t, 1, sizeof t);
  r->drain_rc = doorway_engine_events_drain(r->engine, count_events, nullptr);
  size_t n = 0;
  r->poll_rc = doorway_engine_events_poll(nullptr, 0, &n, r->engine);
  r->advance_rc = doorway_engine_advance(r->engine, 0);
  doorway_lead l;
  r->read_rc = doorway_engine_lead(&l, r->engine, "ann", 3);  // reads are fine
  doorway_engine_free(r->engine);                             // ignored
  return 0;
}

TEST_F(Args, doorway_engine_events_drain) {
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_events_drain(nullptr, count_events, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "cb is NULL", doorway_engine_events_drain(engine, nullptr, nullptr));
  // Re-entry from a callback is refused with DOORWAY_ESTATE, not undefined.
  const doorway_touch door = good_touch("door", "ann", "demo_request");
  ASSERT_EQ(doorway_engine_ingest(nullptr, engine, &door, 1, sizeof door), DOORWAY_OK);
  Reentry r{engine};
  EXPECT_OK(doorway_engine_events_drain(engine, reenter, &r));
  EXPECT_EQ(r.ingest_rc, DOORWAY_ESTATE);
  EXPECT_EQ(r.drain_rc, DOORWAY_ESTATE);
  EXPECT_EQ(r.poll_rc, DOORWAY_ESTATE);
  EXPECT_EQ(r.advance_rc, DOORWAY_ESTATE);
  EXPECT_EQ(r.read_rc, DOORWAY_OK);
  EXPECT_EQ(doorway_error_last()->code, DOORWAY_OK);  // the inner failures leave no trace
  Reentry again{engine};
  EXPECT_OK(doorway_engine_events_foreach(engine, nullptr, 0, reenter, &again));
  EXPECT_EQ(again.ingest_rc, DOORWAY_ESTATE);
  size_t n = 0;
  EXPECT_OK(doorway_engine_lead_count(&n, engine));  // the engine survived its callbacks
  EXPECT_EQ(n, 1u);
}

TEST_F(Args, doorway_engine_stats) {
  doorway_stats s;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_engine_stats(nullptr, engine));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_engine_stats(&s, nullptr));
  EXPECT_EQ(s.accepted, 0u);
}

// ---- custom policies ----------------------------------------------------------------

int policy_apply(void*, const doorway_policy_touch*, double* points, void*) {
  *points = 1;
  return 0;
}
int policy_value(const void*, int64_t, double* out, void*) {
  *out = 0;
  return 0;
}
void policy_free(void* payload) { ++*static_cast<int*>(payload); }

doorway_policy_vtable good_vtable() {
  doorway_policy_vtable vt{};
  vt.version = DOORWAY_POLICY_VTABLE_VERSION;
  vt.state_size = 8;
  vt.apply = policy_apply;
  vt.value = policy_value;
  return vt;
}

// A policy callback that calls into the engine running it.
struct Inside {
  doorway_engine* engine = nullptr;
  int ingest_rc = 1;
  int read_rc = 1;
};
int inside_apply(void*, const doorway_policy_touch*, double* points, void* payload) {
  auto* in = static_cast<Inside*>(payload);
  if (in->engine != nullptr) {
    const doorway_touch t = good_touch("nested", "nested");
    in->ingest_rc = doorway_engine_ingest(nullptr, in->engine, &t, 1, sizeof t);
    size_t n = 0;
    in->read_rc = doorway_engine_lead_count(&n, in->engine);
    doorway_engine_free(in->engine);  // ignored while busy
  }
  *points = 0;
  return 0;
}

TEST_F(Args, doorway_model_with_policy) {
  doorway_model* m = reinterpret_cast<doorway_model*>(&g_fake);
  int frees = 0;
  const doorway_policy_vtable vt = good_vtable();
  // Every failure frees the payload exactly once, before returning.
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_with_policy(nullptr, model, "n", 1, &vt, &frees, policy_free));
  EXPECT_EQ(frees, 1);
  EXPECT_FAILS(DOORWAY_EINVAL, "base is NULL", doorway_model_with_policy(&m, nullptr, "n", 1, &vt, &frees, policy_free));
  EXPECT_EQ(m, nullptr);
  EXPECT_FAILS(DOORWAY_EINVAL, "base is not a live doorway_model",
               doorway_model_with_policy(&m, reinterpret_cast<doorway_model*>(engine), "n", 1, &vt, &frees, policy_free));
  EXPECT_FAILS(DOORWAY_EINVAL, "name is NULL but its length is 1",
               doorway_model_with_policy(&m, model, nullptr, 1, &vt, &frees, policy_free));
  EXPECT_FAILS(DOORWAY_EINVAL, "name is empty", doorway_model_with_policy(&m, model, "", 0, &vt, &frees, policy_free));
  EXPECT_FAILS(DOORWAY_EINVAL, "already has a score named \"temperature\"",
               doorway_model_with_policy(&m, model, "temperature", 11, &vt, &frees, policy_free));
  EXPECT_FAILS(DOORWAY_EINVAL, "vtable is NULL", doorway_model_with_policy(&m, model, "n", 1, nullptr, &frees, policy_free));
  doorway_policy_vtable bad = vt;
  bad.version = 0;
  EXPECT_FAILS(DOORWAY_EVERSION, "vtable->version is 0", doorway_model_with_policy(&m, model, "n", 1, &bad, &frees, policy_free));
  bad = vt;
  bad.version = 2;
  EXPECT_FAILS(DOORWAY_EVERSION, "vtable->version is 2", doorway_model_with_policy(&m, model, "n", 1, &bad, &frees, policy_free));
  bad = vt;
  bad.state_size = DOORWAY_POLICY_STATE_MAX + 1;
  EXPECT_FAILS(DOORWAY_EINVAL, "vtable->state_size", doorway_model_with_policy(&m, model, "n", 1, &bad, &frees, policy_free));
  bad = vt;
  bad.state_size = SIZE_MAX;
  EXPECT_FAILS(DOORWAY_EINVAL, "vtable->state_size", doorway_model_with_policy(&m, model, "n", 1, &bad, &frees, policy_free));
  bad = vt;
  bad.apply = nullptr;
  EXPECT_FAILS(DOORWAY_EINVAL, "vtable->apply is NULL", doorway_model_with_policy(&m, model, "n", 1, &bad, &frees, policy_free));
  bad = vt;
  bad.value = nullptr;
  EXPECT_FAILS(DOORWAY_EINVAL, "vtable->value is NULL", doorway_model_with_policy(&m, model, "n", 1, &bad, &frees, policy_free));
  EXPECT_EQ(frees, 13);
  EXPECT_EQ(m, nullptr);
  // NULL payload_free is fine; state_size 0 is fine (state pointers are then NULL).
  bad = vt;
  bad.state_size = 0;
  EXPECT_OK(doorway_model_with_policy(&m, model, "n", 1, &bad, nullptr, nullptr));
  doorway_model_free(m);

  // A policy callback calling into its own engine gets DOORWAY_ESTATE.
  Inside inside;
  doorway_policy_vtable in_vt = vt;
  in_vt.apply = inside_apply;
  ASSERT_EQ(doorway_model_with_policy(&m, model, "inside", 6, &in_vt, &inside, nullptr), DOORWAY_OK);
  doorway_engine* e = nullptr;
  ASSERT_EQ(doorway_engine_new(&e, m, nullptr), DOORWAY_OK);
  inside.engine = e;
  const doorway_touch t = good_touch();
  EXPECT_OK(doorway_engine_ingest(nullptr, e, &t, 1, sizeof t));
  EXPECT_EQ(inside.ingest_rc, DOORWAY_ESTATE);
  EXPECT_EQ(inside.read_rc, DOORWAY_ESTATE);
  inside.engine = nullptr;
  size_t n = 0;
  EXPECT_OK(doorway_engine_lead_count(&n, e));
  EXPECT_EQ(n, 1u);
  doorway_engine_free(e);
  doorway_model_free(m);
}

// Callbacks that fail, or "succeed" with a non-finite number, surface as DOORWAY_EUSER.
int failing_value(const void*, int64_t, double* out, void*) {
  *out = 0;
  return -42;
}
int nan_apply(void*, const doorway_policy_touch*, double* points, void*) {
  *points = std::nan("");
  return 0;
}
int failing_init(void*, void*) { return 3; }
int failing_factor(int64_t, int64_t, double*, void*) { return 9; }

TEST_F(Args, policy_callback_failures_are_euser) {
  struct Case {
    const char* names;
    void (*tweak)(doorway_policy_vtable&);
    int ingest_rc;
  };
  const Case cases[] = {
      {"value callback returned -42", [](doorway_policy_vtable& v) { v.value = failing_value; }, DOORWAY_EUSER},
      {"apply callback returned a non-finite number", [](doorway_policy_vtable& v) { v.apply = nan_apply; },
       DOORWAY_EUSER},
      {"init callback returned 3", [](doorway_policy_vtable& v) { v.init = failing_init; }, DOORWAY_EUSER},
      // factor is read only by explanations.
      {"factor callback returned 9", [](doorway_policy_vtable& v) { v.factor = failing_factor; }, DOORWAY_OK},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.names);
    doorway_policy_vtable vt = good_vtable();
    c.tweak(vt);
    doorway_model* m = nullptr;
    ASSERT_EQ(doorway_model_with_policy(&m, model, "custom", 6, &vt, nullptr, nullptr), DOORWAY_OK);
    doorway_engine* e = nullptr;
    ASSERT_EQ(doorway_engine_new(&e, m, nullptr), DOORWAY_OK);
    const doorway_touch t = good_touch();
    doorway_ingest_result r;
    EXPECT_EQ(doorway_engine_ingest(&r, e, &t, 1, sizeof t), c.ingest_rc);
    EXPECT_EQ(r.accepted, 1u);  // the work is done and reported
    if (c.ingest_rc == DOORWAY_EUSER) {
      EXPECT_THAT(doorway_error_last()->message, HasSubstr("doorway_engine_ingest: score \"custom\""));
      EXPECT_THAT(doorway_error_last()->message, HasSubstr(c.names));
    }
    doorway_buf b = DOORWAY_BUF_INIT;
    const int rc = doorway_engine_explain(&b, e, "ann", 3);
    if (c.tweak != nullptr && vt.factor == failing_factor) {
      EXPECT_EQ(rc, DOORWAY_EUSER);
      EXPECT_THAT(doorway_error_last()->message, HasSubstr(c.names));
      EXPECT_NE(b.ptr, nullptr);  // explained all the same (the factor read as 0)
    }
    doorway_buf_dispose(&b);
    doorway_engine_free(e);
    doorway_model_free(m);
  }
}

// ---- model files ------------------------------------------------------------------------

// "version": 7 on line 3: the value starts at column 14; an unknown version stops the reading.
const char kBadVersion[] = "{\n  \"format\": \"doorway.model\",\n  \"version\": 7\n}\n";

TEST_F(Args, doorway_model_from_json) {
  doorway_model* m = reinterpret_cast<doorway_model*>(&g_fake);
  doorway_problems* p = reinterpret_cast<doorway_problems*>(&g_fake);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_from_json(nullptr, &p, "{}", 2, nullptr, 0));
  EXPECT_EQ(p, nullptr);  // *problems_out is NULL after any failure but DOORWAY_EDATA
  EXPECT_FAILS(DOORWAY_EINVAL, "json is NULL but its length is 5", doorway_model_from_json(&m, &p, nullptr, 5, nullptr, 0));
  EXPECT_EQ(m, nullptr);
  EXPECT_FAILS(DOORWAY_EINVAL, "source_name is NULL but its length is 3",
               doorway_model_from_json(&m, nullptr, "{}", 2, nullptr, 3));
  // Empty text ({NULL, 0} is the empty string) is invalid data, not an invalid argument.
  EXPECT_FAILS(DOORWAY_EDATA, "model.json is not a valid model", doorway_model_from_json(&m, &p, nullptr, 0, nullptr, 0));
  EXPECT_NE(p, nullptr);
  doorway_problems_free(p);
  // Every problem, located: in the error message and in the list.
  EXPECT_FAILS(DOORWAY_EDATA, "my.json:3:14: version: unsupported version 7",
               doorway_model_from_json(&m, &p, kBadVersion, sizeof kBadVersion - 1, "my.json", 7));
  EXPECT_EQ(m, nullptr);
  size_t n = 0;
  ASSERT_EQ(doorway_problems_count(&n, p), DOORWAY_OK);
  ASSERT_EQ(n, 1u);
  doorway_problem pr;
  ASSERT_EQ(doorway_problems_get(&pr, p, 0), DOORWAY_OK);
  EXPECT_EQ(std::string(pr.path.ptr, pr.path.len), "version");
  EXPECT_THAT(std::string(pr.message.ptr, pr.message.len), ::testing::StartsWith("my.json:3:14: unsupported version 7"));
  doorway_problems_free(p);
  // problems_out is optional.
  EXPECT_FAILS(DOORWAY_EDATA, "model.json:3:14:",
               doorway_model_from_json(&m, nullptr, kBadVersion, sizeof kBadVersion - 1, nullptr, 0));
  // A good file: no problem list.
  doorway_buf b = DOORWAY_BUF_INIT;
  ASSERT_EQ(doorway_model_to_json(&b, model), DOORWAY_OK);
  p = reinterpret_cast<doorway_problems*>(&g_fake);
  EXPECT_OK(doorway_model_from_json(&m, &p, b.ptr, b.size, "default.json", 12));
  EXPECT_EQ(p, nullptr);
  EXPECT_NE(m, nullptr);
  doorway_model_free(m);
  doorway_buf_dispose(&b);
}

TEST_F(Args, doorway_model_to_json) {
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_to_json(nullptr, model));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_to_json(&b, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live doorway_model",
               doorway_model_to_json(&b, reinterpret_cast<doorway_model*>(engine)));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live", doorway_model_to_json(&b, fake<doorway_model>()));
  EXPECT_EQ(b.ptr, nullptr);
  char byte = 'x';
  doorway_buf full{&byte, 1};
  EXPECT_FAILS(DOORWAY_EINVAL, "out is not empty", doorway_model_to_json(&full, model));
  EXPECT_EQ(full.ptr, &byte);  // left alone
  // A custom policy has no JSON form.
  const doorway_policy_vtable vt = good_vtable();
  doorway_model* m = nullptr;
  ASSERT_EQ(doorway_model_with_policy(&m, model, "custom", 6, &vt, nullptr, nullptr), DOORWAY_OK);
  EXPECT_FAILS(DOORWAY_ESTATE, "score \"custom\"", doorway_model_to_json(&b, m));
  EXPECT_THAT(doorway_error_last()->message, HasSubstr("no JSON form"));
  EXPECT_EQ(b.ptr, nullptr);
  EXPECT_EQ(b.size, 0u);
  doorway_model_free(m);
}

TEST_F(Args, doorway_model_to_dot) {
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_model_to_dot(nullptr, model));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is NULL", doorway_model_to_dot(&b, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "model is not a live doorway_model", doorway_model_to_dot(&b, fake<doorway_model>()));
  char byte = 'x';
  doorway_buf full{&byte, 1};
  EXPECT_FAILS(DOORWAY_EINVAL, "out is not empty", doorway_model_to_dot(&full, model));
  EXPECT_EQ(b.ptr, nullptr);
  ASSERT_EQ(doorway_model_to_dot(&b, model), DOORWAY_OK);
  EXPECT_THAT(std::string(b.ptr, b.size), HasSubstr("\ndigraph \"doorway-default\" {\n"));
  doorway_buf_dispose(&b);
}

// ---- reports ------------------------------------------------------------------------

// The report of the fixture's engine (one lead, one touch) as JSON text.
std::string report_json(doorway_engine* engine) {
  doorway_report* r = nullptr;
  EXPECT_EQ(doorway_report_new(&r, engine), DOORWAY_OK);
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_EQ(doorway_report_to_json(&b, r), DOORWAY_OK);
  std::string text = b.ptr == nullptr ? std::string() : std::string(b.ptr, b.size);
  doorway_buf_dispose(&b);
  doorway_report_free(r);
  return text;
}

TEST_F(Args, doorway_report_new) {
  doorway_report* r = reinterpret_cast<doorway_report*>(&g_fake);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_report_new(nullptr, engine));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_report_new(&r, nullptr));
  EXPECT_EQ(r, nullptr);
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live doorway_engine",
               doorway_report_new(&r, reinterpret_cast<doorway_engine*>(model)));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live", doorway_report_new(&r, fake<doorway_engine>()));
  EXPECT_OK(doorway_report_new(&r, engine));
  doorway_report_free(r);
}

TEST_F(Args, doorway_report_from_json) {
  doorway_report* r = reinterpret_cast<doorway_report*>(&g_fake);
  const std::string good = report_json(engine);
  EXPECT_THAT(good, HasSubstr("\"leads\": 1,"));
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_report_from_json(nullptr, good.data(), good.size(), nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "json is NULL but its length is 3", doorway_report_from_json(&r, nullptr, 3, nullptr, 0));
  EXPECT_EQ(r, nullptr);
  EXPECT_FAILS(DOORWAY_EINVAL, "source_name is NULL but its length is 2",
               doorway_report_from_json(&r, good.data(), good.size(), nullptr, 2));
  // Not JSON, and a report with a misspelt key: located, named, with a suggestion.
  EXPECT_FAILS(DOORWAY_EDATA, "mine.json:1:1: ", doorway_report_from_json(&r, "]", 1, "mine.json", 9));
  std::string bad = good;
  bad.replace(bad.find("\"leads\": 1"), 7, "\"leeds\"");
  EXPECT_FAILS(DOORWAY_EDATA, "report.json:7:3: leeds: unknown key \"leeds\" (did you mean \"leads\"?)",
               doorway_report_from_json(&r, bad.data(), bad.size(), nullptr, 0));
  EXPECT_EQ(r, nullptr);
  EXPECT_OK(doorway_report_from_json(&r, good.data(), good.size(), "good.json", 9));
  doorway_report_free(r);
}

TEST_F(Args, doorway_report_merge) {
  doorway_report* a = nullptr;
  ASSERT_EQ(doorway_report_new(&a, engine), DOORWAY_OK);
  EXPECT_FAILS(DOORWAY_EINVAL, "into is NULL", doorway_report_merge(nullptr, a));
  EXPECT_FAILS(DOORWAY_EINVAL, "other is NULL", doorway_report_merge(a, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "other is not a live doorway_report",
               doorway_report_merge(a, reinterpret_cast<doorway_report*>(model)));
  EXPECT_FAILS(DOORWAY_EINVAL, "into is not a live doorway_report", doorway_report_merge(fake<doorway_report>(), a));
  // Daily buckets instead of weekly: the two do not merge, and `a` is unchanged.
  std::string daily = report_json(engine);
  daily.replace(daily.find("\"bucket_us\": 604800000000"), 25, "\"bucket_us\": 86400000000");
  doorway_report* d = nullptr;
  ASSERT_EQ(doorway_report_from_json(&d, daily.data(), daily.size(), nullptr, 0), DOORWAY_OK)
      << doorway_error_last()->message;
  EXPECT_FAILS(DOORWAY_EDATA, "cannot merge reports: they were built with different options",
               doorway_report_merge(a, d));
  // Itself: one lead becomes two.
  EXPECT_OK(doorway_report_merge(a, a));
  doorway_buf b = DOORWAY_BUF_INIT;
  ASSERT_EQ(doorway_report_to_json(&b, a), DOORWAY_OK);
  EXPECT_THAT(std::string(b.ptr, b.size), HasSubstr("\"leads\": 2,"));
  doorway_buf_dispose(&b);
  doorway_report_free(d);
  doorway_report_free(a);
}

TEST_F(Args, doorway_report_to_json) {
  doorway_report* r = nullptr;
  ASSERT_EQ(doorway_report_new(&r, engine), DOORWAY_OK);
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_report_to_json(nullptr, r));
  EXPECT_FAILS(DOORWAY_EINVAL, "report is NULL", doorway_report_to_json(&b, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "report is not a live doorway_report", doorway_report_to_json(&b, fake<doorway_report>()));
  char byte = 'x';
  doorway_buf full{&byte, 1};
  EXPECT_FAILS(DOORWAY_EINVAL, "out is not empty", doorway_report_to_json(&full, r));
  EXPECT_EQ(full.ptr, &byte);
  EXPECT_EQ(b.ptr, nullptr);
  EXPECT_OK(doorway_report_to_json(&b, r));
  EXPECT_THAT(std::string(b.ptr, b.size), HasSubstr("{\n  \"format\": \"doorway.report\",\n"));
  doorway_buf_dispose(&b);
  doorway_report_free(r);
}

TEST_F(Args, doorway_report_to_text) {
  doorway_report* r = nullptr;
  ASSERT_EQ(doorway_report_new(&r, engine), DOORWAY_OK);
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_report_to_text(nullptr, r));
  EXPECT_FAILS(DOORWAY_EINVAL, "report is NULL", doorway_report_to_text(&b, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "report is not a live doorway_report",
               doorway_report_to_text(&b, reinterpret_cast<doorway_report*>(engine)));
  EXPECT_OK(doorway_report_to_text(&b, r));
  EXPECT_THAT(std::string(b.ptr, b.size), HasSubstr("doorway report: model \"doorway-default\", 1 lead, as of "));
  doorway_buf_dispose(&b);
  doorway_report_free(r);
}

TEST_F(Args, doorway_report_free) {
  doorway_report_free(nullptr);
  doorway_report_free(fake<doorway_report>());                   // not a report: left alone
  doorway_report_free(reinterpret_cast<doorway_report*>(model));  // idem
  size_t n = 0;
  EXPECT_OK(doorway_model_stage_count(&n, model));
}

// ---- attribution ----------------------------------------------------------------------

// The issue's example as a path file: a > b (3 conversions, 1 null), a > c (1, 1).
const char kPaths[] = "path;total_conversions;total_conversion_value;total_null\na > b;3;30;1\na > c;1;20;1\n";

doorway_journeys* issue_journeys() {
  doorway_journeys* j = nullptr;
  EXPECT_EQ(doorway_journeys_from_path_file(&j, kPaths, sizeof kPaths - 1, "p.csv", 5), DOORWAY_OK)
      << doorway_error_last()->message;
  return j;
}

TEST_F(Args, doorway_journeys_new) {
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_journeys_new(nullptr));
  doorway_journeys* j = nullptr;
  EXPECT_OK(doorway_journeys_new(&j));
  EXPECT_NE(j, nullptr);
  doorway_journeys_free(j);
}

TEST_F(Args, doorway_journeys_free) {
  doorway_journeys_free(nullptr);                            // no-op
  doorway_journeys_free(fake<doorway_journeys>());           // not a live handle: ignored
  doorway_journeys_free(reinterpret_cast<doorway_journeys*>(model));  // another type: ignored
  size_t n = 0;
  EXPECT_OK(doorway_model_stage_count(&n, model));           // the model is still alive
}

TEST_F(Args, doorway_journeys_add) {
  doorway_journeys* j = nullptr;
  ASSERT_EQ(doorway_journeys_new(&j), DOORWAY_OK);
  const doorway_str path[] = {S("a"), S("b")};
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is NULL", doorway_journeys_add(nullptr, path, 2, 1, 0, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is not a live doorway_journeys",
               doorway_journeys_add(fake<doorway_journeys>(), path, 2, 1, 0, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "channels is NULL", doorway_journeys_add(j, nullptr, 2, 1, 0, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "count is 0", doorway_journeys_add(j, path, 0, 1, 0, 0));
  const doorway_str empty[] = {S("a"), kNoStr};
  EXPECT_FAILS(DOORWAY_EINVAL, "channels[1] is empty", doorway_journeys_add(j, empty, 2, 1, 0, 0));
  const doorway_str dangling[] = {doorway_str{nullptr, 3}};
  EXPECT_FAILS(DOORWAY_EINVAL, "channels[0].ptr is NULL but its length is 3",
               doorway_journeys_add(j, dangling, 1, 1, 0, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "conversions is -1", doorway_journeys_add(j, path, 2, -1, 0, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "value is nan", doorway_journeys_add(j, path, 2, 1, std::nan(""), 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "nulls is inf",
               doorway_journeys_add(j, path, 2, 1, 0, std::numeric_limits<double>::infinity()));
  size_t n = 9;
  ASSERT_EQ(doorway_journeys_count(&n, j), DOORWAY_OK);
  EXPECT_EQ(n, 0u);  // nothing was added by the failures
  EXPECT_OK(doorway_journeys_add(j, path, 2, 3, 30, 1));
  ASSERT_EQ(doorway_journeys_count(&n, j), DOORWAY_OK);
  EXPECT_EQ(n, 1u);
  doorway_journeys_free(j);
  // Journeys from an engine carry times: adding untimed ones is refused.
  doorway_journeys* from_engine = nullptr;
  ASSERT_EQ(doorway_journeys_from_engine(&from_engine, engine, nullptr, 0, nullptr, 0), DOORWAY_OK);
  EXPECT_FAILS(DOORWAY_ESTATE, "journeys come from an engine", doorway_journeys_add(from_engine, path, 2, 1, 0, 0));
  doorway_journeys_free(from_engine);
}

TEST_F(Args, doorway_journeys_from_path_file) {
  doorway_journeys* j = reinterpret_cast<doorway_journeys*>(&g_fake);
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_journeys_from_path_file(nullptr, kPaths, 5, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "text is NULL but its length is 5", doorway_journeys_from_path_file(&j, nullptr, 5, nullptr, 0));
  EXPECT_EQ(j, nullptr);
  EXPECT_FAILS(DOORWAY_EINVAL, "source_name is NULL but its length is 2",
               doorway_journeys_from_path_file(&j, kPaths, 5, nullptr, 2));
  const char bad[] = "a > b;3\na > > c;1\n";
  EXPECT_FAILS(DOORWAY_EDATA, "my.txt:2:4: path: empty channel name",
               doorway_journeys_from_path_file(&j, bad, sizeof bad - 1, "my.txt", 6));
  EXPECT_FAILS(DOORWAY_EDATA, "paths.csv:2:4:", doorway_journeys_from_path_file(&j, bad, sizeof bad - 1, nullptr, 0));
  EXPECT_EQ(j, nullptr);
  EXPECT_OK(doorway_journeys_from_path_file(&j, nullptr, 0, nullptr, 0));  // empty text: no journeys
  size_t n = 7;
  EXPECT_OK(doorway_journeys_count(&n, j));
  EXPECT_EQ(n, 0u);
  doorway_journeys_free(j);
}

TEST_F(Args, doorway_journeys_from_engine) {
  doorway_journeys* j = nullptr;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_journeys_from_engine(nullptr, engine, nullptr, 0, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is NULL", doorway_journeys_from_engine(&j, nullptr, nullptr, 0, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "engine is not a live doorway_engine",
               doorway_journeys_from_engine(&j, fake<doorway_engine>(), nullptr, 0, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "conversion_stage is NULL but its length is 4",
               doorway_journeys_from_engine(&j, engine, nullptr, 4, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "conversion_stage: unknown stage \"custmer\" (did you mean \"customer\"?)",
               doorway_journeys_from_engine(&j, engine, "custmer", 7, nullptr, 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "opportunity_stage: unknown stage",
               doorway_journeys_from_engine(&j, engine, nullptr, 0, "opp", 3));
  EXPECT_EQ(j, nullptr);
  // ann (one website visit, from SetUp) never converted: one null journey.
  EXPECT_OK(doorway_journeys_from_engine(&j, engine, "customer", 8, nullptr, 0));
  size_t n = 0;
  EXPECT_OK(doorway_journeys_count(&n, j));
  EXPECT_EQ(n, 1u);
  doorway_buf b = DOORWAY_BUF_INIT;
  ASSERT_EQ(doorway_journeys_to_path_file(&b, j), DOORWAY_OK);
  EXPECT_EQ(std::string(b.ptr, b.size), "path;total_conversions;total_conversion_value;total_null\nwebsite;0;0;1\n");
  doorway_buf_dispose(&b);
  doorway_journeys_free(j);
}

TEST_F(Args, doorway_journeys_count) {
  size_t n = 3;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_journeys_count(nullptr, nullptr));
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is NULL", doorway_journeys_count(&n, nullptr));
  EXPECT_EQ(n, 0u);
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is not a live", doorway_journeys_count(&n, reinterpret_cast<doorway_journeys*>(engine)));
  doorway_journeys* j = issue_journeys();
  EXPECT_OK(doorway_journeys_count(&n, j));
  EXPECT_EQ(n, 2u);
  doorway_journeys_free(j);
}

TEST_F(Args, doorway_journeys_to_path_file) {
  doorway_journeys* j = issue_journeys();
  doorway_buf b = DOORWAY_BUF_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_journeys_to_path_file(nullptr, j));
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is NULL", doorway_journeys_to_path_file(&b, nullptr));
  char byte = 'x';
  doorway_buf full{&byte, 1};
  EXPECT_FAILS(DOORWAY_EINVAL, "out is not empty", doorway_journeys_to_path_file(&full, j));
  ASSERT_EQ(doorway_journeys_to_path_file(&b, j), DOORWAY_OK);
  EXPECT_STREQ(b.ptr, kPaths);  // written as read
  doorway_buf_dispose(&b);
  doorway_journeys* odd = nullptr;
  ASSERT_EQ(doorway_journeys_new(&odd), DOORWAY_OK);
  const doorway_str name[] = {S("a;b")};
  ASSERT_EQ(doorway_journeys_add(odd, name, 1, 1, 0, 0), DOORWAY_OK);
  EXPECT_FAILS(DOORWAY_EDATA, "channel \"a;b\"", doorway_journeys_to_path_file(&b, odd));
  EXPECT_EQ(b.ptr, nullptr);
  doorway_journeys_free(odd);
  doorway_journeys_free(j);
}

TEST_F(Args, doorway_attribution_options_init) {
  doorway_attribution_options o;
  EXPECT_FAILS(DOORWAY_EINVAL, "options is NULL", doorway_attribution_options_init(nullptr, 1));
  EXPECT_FAILS(DOORWAY_EVERSION, "version is 2", doorway_attribution_options_init(&o, 2));
  ASSERT_EQ(doorway_attribution_options_init(&o, DOORWAY_ATTRIBUTION_OPTIONS_VERSION), DOORWAY_OK);
  const doorway_attribution_options init = DOORWAY_ATTRIBUTION_OPTIONS_INIT;
  EXPECT_EQ(o.model, init.model);
  EXPECT_EQ(o.model, DOORWAY_ATTRIBUTION_MARKOV);
  EXPECT_EQ(o.order, 1);
  EXPECT_EQ(o.half_life_us, init.half_life_us);
  EXPECT_EQ(o.samples, init.samples);
  EXPECT_EQ(o.max_exact_channels, 15);
}

TEST_F(Args, doorway_attribution_model_from_name) {
  int m = 5;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_attribution_model_from_name(nullptr, "markov", 6));
  EXPECT_FAILS(DOORWAY_EINVAL, "name is NULL but its length is 6", doorway_attribution_model_from_name(&m, nullptr, 6));
  EXPECT_FAILS(DOORWAY_EINVAL, "name is empty", doorway_attribution_model_from_name(&m, "", 0));
  EXPECT_FAILS(DOORWAY_EINVAL, "unknown attribution model \"shapely\" (did you mean \"shapley\"?)",
               doorway_attribution_model_from_name(&m, "shapely", 7));
  EXPECT_EQ(m, 0);
  EXPECT_OK(doorway_attribution_model_from_name(&m, "w", 1));
  EXPECT_EQ(m, DOORWAY_ATTRIBUTION_W_SHAPED);
}

TEST_F(Args, doorway_attribute) {
  doorway_journeys* j = issue_journeys();
  doorway_buf b = DOORWAY_BUF_INIT;
  doorway_attribution_options o = DOORWAY_ATTRIBUTION_OPTIONS_INIT;
  EXPECT_FAILS(DOORWAY_EINVAL, "out is NULL", doorway_attribute(nullptr, j, &o));
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is NULL", doorway_attribute(&b, nullptr, &o));
  EXPECT_FAILS(DOORWAY_EINVAL, "journeys is not a live", doorway_attribute(&b, fake<doorway_journeys>(), &o));
  o.version = 9;
  EXPECT_FAILS(DOORWAY_EVERSION, "options->version is 9", doorway_attribute(&b, j, &o));
  o.version = DOORWAY_ATTRIBUTION_OPTIONS_VERSION;
  o.model = 11;
  EXPECT_FAILS(DOORWAY_EINVAL, "options->model: 11 is not a doorway_attribution_model", doorway_attribute(&b, j, &o));
  o.model = DOORWAY_ATTRIBUTION_MARKOV;
  o.order = 0;
  EXPECT_FAILS(DOORWAY_EINVAL, "options->order: 0 is not between 1 and 8", doorway_attribute(&b, j, &o));
  o.order = 1;
  o.model = DOORWAY_ATTRIBUTION_TIME_DECAY;  // path-file journeys have no times
  EXPECT_FAILS(DOORWAY_EINVAL, "needs touch times", doorway_attribute(&b, j, &o));
  o.model = DOORWAY_ATTRIBUTION_POSITION_DECAY;
  o.position_half_life = std::nan("");
  EXPECT_FAILS(DOORWAY_EINVAL, "position_half_life", doorway_attribute(&b, j, &o));
  o.position_half_life = 1;
  o.model = DOORWAY_ATTRIBUTION_SHAPLEY;
  o.samples = 0;
  EXPECT_FAILS(DOORWAY_EINVAL, "samples: must be > 0", doorway_attribute(&b, j, &o));
  EXPECT_EQ(b.ptr, nullptr);
  // The issue's example, order 1 (hand-worked in tests/attribution_markov_test.cpp):
  // removal effects 1, 0.75, 0.25; conversions 2, 1.5, 0.5; value 25, 15, 10.
  ASSERT_EQ(doorway_attribute(&b, j, nullptr), DOORWAY_OK) << doorway_error_last()->message;
  const std::string json(b.ptr, b.size);
  EXPECT_THAT(json, HasSubstr("\"model\":\"markov\",\"journeys\":2,\"touches\":4,\"total_conversions\":4"));
  EXPECT_THAT(json, HasSubstr("{\"channel\":\"a\",\"conversions\":2,\"value\":25,\"removal_effect\":1,"));
  EXPECT_THAT(json, HasSubstr("{\"channel\":\"b\",\"conversions\":1.5,"));
  EXPECT_THAT(json, HasSubstr("\"removal_effect\":0.75,"));
  doorway_buf_dispose(&b);
  doorway_journeys_free(j);
}

}  // namespace
