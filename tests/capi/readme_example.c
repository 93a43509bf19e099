/* The README's C example, compiled as C and run by CTest so it cannot rot. */
#include <stdio.h>
#include <string.h>

#include <doorway.h>

static doorway_str str(const char *s) {
  doorway_str r;
  r.ptr = s;
  r.len = strlen(s);
  return r;
}

static int print_event(const doorway_event *ev, void *payload) {
  static const char *kinds[] = {"stage_changed", "handoff", "sla_breached", "recycled", "revised"};
  (void)payload;
  printf("%s %.*s -> %.*s (%.*s)\n", kinds[ev->kind], (int)ev->from.len, ev->from.ptr, (int)ev->to.len,
         ev->to.ptr, (int)ev->reason.len, ev->reason.ptr);
  return 0;
}

static int check(int rc) {
  if (rc < 0) fprintf(stderr, "doorway: %s\n", doorway_error_last()->message);
  return rc;
}

int main(void) {
  const int64_t t0 = INT64_C(1772442000000000); /* 2026-03-02T09:00:00Z, in microseconds */
  const int64_t hour = INT64_C(3600000000);
  doorway_model *model = NULL;
  doorway_engine *engine = NULL;
  doorway_touch touches[2] = {DOORWAY_TOUCH_INIT, DOORWAY_TOUCH_INIT};
  doorway_ingest_result result;
  doorway_lead ann;
  doorway_buf why = DOORWAY_BUF_INIT;

  if (check(doorway_model_default(&model)) < 0) return 1;
  if (check(doorway_engine_new(&engine, model, NULL)) < 0) return 1;

  touches[0].event_id = str("e1");
  touches[0].lead_id = str("ann");
  touches[0].timestamp = t0;
  touches[0].type = str("webinar_attended");
  touches[1].event_id = str("e2");
  touches[1].lead_id = str("ann");
  touches[1].timestamp = t0 + hour;
  touches[1].type = str("demo_request");
  if (check(doorway_engine_ingest(&result, engine, touches, 2, sizeof(doorway_touch))) < 0) return 1;
  if (check(doorway_engine_advance(engine, t0 + 72 * hour)) < 0) return 1; /* nobody in sales answered */

  if (check(doorway_engine_lead(&ann, engine, "ann", 3)) < 0) return 1;
  printf("%llu accepted; ann is in %s, owned by %s\n", (unsigned long long)result.accepted, ann.stage_name.ptr,
         ann.owner == DOORWAY_TEAM_SALES ? "sales" : "marketing");
  check(doorway_engine_events_foreach(engine, NULL, 0, print_event, NULL));
  if (check(doorway_engine_explain(&why, engine, "ann", 3)) == DOORWAY_OK) {
    printf("%.60s...\n", why.ptr); /* JSON: scores and their contributions */
    doorway_buf_dispose(&why);
  }

  doorway_engine_free(engine);
  doorway_model_free(model);
  return 0;
}
