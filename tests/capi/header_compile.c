/* Compiled (not linked) as C89, C99, C11 and C++11/17/20 with -Wall -Wextra
 * -pedantic -Werror (and -Wstrict-prototypes for C): the header, its
 * initialiser macros and its types must be clean in every one. */
#include "doorway.h"
#include "doorway.h" /* include guard */

static int on_event(const doorway_event *ev, void *payload) {
  (void)payload;
  return ev->kind == DOORWAY_EVENT_HISTORY_REVISED;
}

static int apply(void *state, const doorway_policy_touch *touch, double *points, void *payload) {
  (void)state;
  (void)payload;
  *points = touch->kind == DOORWAY_TOUCH_OUTCOME ? 0.0 : 1.0;
  return DOORWAY_OK;
}

static int value(const void *state, int64_t now, double *out, void *payload) {
  (void)state;
  (void)now;
  (void)payload;
  *out = 0.0;
  return DOORWAY_OK;
}

int main(void) {
  doorway_touch touch = DOORWAY_TOUCH_INIT;
  doorway_engine_options options = DOORWAY_ENGINE_OPTIONS_INIT;
  doorway_buf buf = DOORWAY_BUF_INIT;
  doorway_policy_vtable vt = {DOORWAY_POLICY_VTABLE_VERSION, 8, NULL, apply, value, NULL};
  doorway_event_cb cb = on_event;
  doorway_lead lead;
  doorway_event event;
  doorway_stats stats;
  doorway_classification classification;
  doorway_rejection rejection;
  doorway_ingest_result result;
  doorway_problem problem;
  doorway_stage_info stage;
  doorway_score score;
  doorway_str s;
  const doorway_error *error = doorway_error_last();
  int codes[10];
  int kinds[16];
  codes[0] = DOORWAY_OK;
  codes[1] = DOORWAY_EINVAL;
  codes[2] = DOORWAY_ENOTFOUND;
  codes[3] = DOORWAY_ENOMEM;
  codes[4] = DOORWAY_EDATA;
  codes[5] = DOORWAY_ESTATE;
  codes[6] = DOORWAY_EUSER;
  codes[7] = DOORWAY_EINTERNAL;
  codes[8] = DOORWAY_EVERSION;
  codes[9] = DOORWAY_EBUFFER;
  kinds[0] = DOORWAY_TEAM_SALES;
  kinds[1] = DOORWAY_AUDIENCE_ONE_TO_ONE;
  kinds[2] = DOORWAY_INTERACTION_TWO_WAY;
  kinds[3] = DOORWAY_INITIATOR_PROSPECT;
  kinds[4] = DOORWAY_TOUCH_DOOR;
  kinds[5] = DOORWAY_TEMPERATURE_HOT;
  kinds[6] = DOORWAY_STAGE_LOST;
  kinds[7] = DOORWAY_EVENT_RECYCLED;
  kinds[8] = DOORWAY_REJECT_LATE;
  kinds[9] = DOORWAY_VERSION_NUMBER;
  kinds[10] = DOORWAY_ABI_VERSION;
  kinds[11] = DOORWAY_POLICY_STATE_MAX;
  kinds[12] = DOORWAY_ENGINE_OPTIONS_VERSION;
  kinds[13] = DOORWAY_VERSION_MAJOR + DOORWAY_VERSION_MINOR + DOORWAY_VERSION_PATCH;
  kinds[14] = DOORWAY_EVENT_HISTORY_REVISED;
  kinds[15] = DOORWAY_STAGE_ENTRY;
  s.ptr = DOORWAY_VERSION_STRING;
  s.len = sizeof DOORWAY_VERSION_STRING - 1;
  (void)touch; (void)options; (void)buf; (void)vt; (void)cb; (void)lead; (void)event; (void)stats;
  (void)classification; (void)rejection; (void)result; (void)problem; (void)stage; (void)score;
  (void)s; (void)error; (void)codes; (void)kinds;
  return 0;
}
