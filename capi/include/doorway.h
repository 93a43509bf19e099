/*
 * doorway.h — the stable C ABI of doorway, a buyer-journey engine.
 *
 * This is the only stable C header. It compiles as C89, C99, C11 and C++11/17/20.
 *
 * Conventions (the same for every function below)
 *
 * - Status: every fallible function returns an int: DOORWAY_OK (0) on success, a
 *   negative DOORWAY_E* code on failure. doorway_error_last() then holds the code
 *   and a message naming the function and the argument or input at fault.
 *   Callbacks that stop an iteration return their own non-zero value through the
 *   function that called them.
 * - Arguments: out-parameters first, then the object, then inputs, then
 *   callback and payload. Every function tolerates NULL and invalid arguments:
 *   it returns DOORWAY_EINVAL (or DOORWAY_EVERSION for an unknown struct version
 *   or size) and never crashes on them. A handle that is not what the function
 *   expects (a model passed as an engine, a freed handle) is detected on a best
 *   effort basis only; passing a dangling pointer is undefined behaviour.
 * - Failure leaves out-parameters zeroed (*out handles NULL, out structs all zero),
 *   except DOORWAY_EUSER: a scoring policy callback failed, the call still did its
 *   work (failed values read as 0) and filled its out-parameters (a filled
 *   doorway_buf must still be disposed).
 * - Strings in: pointer + length (doorway_str or `ptr, len` pairs), UTF-8, need
 *   not be NUL-terminated, copied when kept. { NULL, 0 } is the empty string;
 *   NULL with a non-zero length is invalid.
 * - Strings out: doorway_str borrowed from the object that produced them, NOT
 *   NUL-terminated unless stated; each function says how long they stay valid.
 * - Memory: handles returned through `**out` belong to the caller and are freed
 *   with their _free function (free(NULL) is a no-op). Bytes returned in a
 *   doorway_buf belong to the caller and are released with doorway_buf_dispose().
 *   Never call free() on library memory.
 * - Time: int64_t microseconds since the Unix epoch, UTC. The library never reads
 *   a clock: time moves only through touches and doorway_engine_advance().
 *   Accepted range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z.
 * - Thread-safety is stated at each declaration: "Thread-safe" (any thread, any
 *   time), "Per model/list" (a doorway_model or doorway_problems is immutable:
 *   any number of threads may use it at once, but not while it is being freed),
 *   or "Per engine" (an engine is used by one thread at a time, reads included:
 *   they use caches kept in the handle; different engines, even over one shared
 *   model, run in parallel). Errors are per thread. Callbacks run synchronously
 *   on the calling thread.
 * - No C++ exception ever crosses this boundary.
 *
 * Versioning: while doorway is 0.x the shared library's SOVERSION is 0.MINOR and
 * any change to this ABI bumps MINOR (and DOORWAY_ABI_VERSION); a committed
 * abidw baseline checked by abidiff in CI enforces it. Published signatures and
 * meanings never change: a changed function gets a new _v2 name. Structs the
 * caller fills are versioned (options: a version field; touches: a size
 * argument) and only grow at their end. Structs the library fills never change
 * layout. Enum values are pinned and never renumbered; new values may be added.
 */
#ifndef DOORWAY_H
#define DOORWAY_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(DOORWAY_C_BUILDING)
#define DOORWAY_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(DOORWAY_C_STATIC)
#define DOORWAY_API __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define DOORWAY_API __attribute__((visibility("default")))
#else
#define DOORWAY_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ===== Versions ================================================================= */

#define DOORWAY_VERSION_MAJOR 0
#define DOORWAY_VERSION_MINOR 3
#define DOORWAY_VERSION_PATCH 0
#define DOORWAY_VERSION_STRING "0.3.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH. */
#define DOORWAY_VERSION_NUMBER \
  (DOORWAY_VERSION_MAJOR * 10000 + DOORWAY_VERSION_MINOR * 100 + DOORWAY_VERSION_PATCH)
/* Incremented on every ABI change (while 0.x: any change, together with MINOR). A
 * binding asserts doorway_abi_version() == the DOORWAY_ABI_VERSION it was written
 * for when it loads the library. */
#define DOORWAY_ABI_VERSION 3

/* The library's version as "MAJOR.MINOR.PATCH" (static, NUL-terminated).
 * Thread-safe. */
DOORWAY_API const char *doorway_version(void);
/* The library's DOORWAY_VERSION_NUMBER. Thread-safe. */
DOORWAY_API unsigned int doorway_version_number(void);
/* The library's DOORWAY_ABI_VERSION. Thread-safe. */
DOORWAY_API unsigned int doorway_abi_version(void);

/* ===== Errors =================================================================== */

/* Status codes. Pinned: never renumbered, only added to. */
typedef enum doorway_status {
  DOORWAY_OK = 0,
  DOORWAY_EINVAL = -1,    /* an argument is invalid: NULL, out of range, empty, bad size */
  DOORWAY_ENOTFOUND = -2, /* no such lead, score, stage or item */
  DOORWAY_ENOMEM = -3,    /* out of memory */
  DOORWAY_EDATA = -4,     /* input data is invalid (e.g. a model that does not validate) */
  DOORWAY_ESTATE = -5,    /* the object is in a state that does not allow the call */
  DOORWAY_EUSER = -6,     /* a scoring policy callback failed (the call's work is done) */
  DOORWAY_EINTERNAL = -7, /* a bug in doorway: please report it with the message */
  DOORWAY_EVERSION = -8,  /* unknown struct version or size (caller built for another ABI) */
  DOORWAY_EBUFFER = -9    /* a caller-supplied buffer is too small */
} doorway_status;

typedef struct doorway_error {
  int code;            /* a doorway_status; DOORWAY_OK when the last call succeeded */
  const char *message; /* UTF-8, NUL-terminated, never NULL; "" after a success */
} doorway_error;

/* The calling thread's last error: set by every function that returns a status
 * (reset to DOORWAY_OK / "" when it succeeds). Never NULL; owned by the library;
 * valid until the thread's next doorway_* call. Thread-safe (each thread has its
 * own). */
DOORWAY_API const doorway_error *doorway_error_last(void);

/* Static text for a status code ("invalid argument", …); "unknown status" for a
 * value that is not a doorway_status. Never NULL. Thread-safe. */
DOORWAY_API const char *doorway_strerror(int code);

/* ===== Buffers and strings ====================================================== */

/* Bytes the library returns. ptr is NUL-terminated (size excludes the NUL). */
typedef struct doorway_buf {
  char *ptr;
  size_t size;
} doorway_buf;

#define DOORWAY_BUF_INIT {NULL, 0}

/* Releases the bytes and resets *buf to DOORWAY_BUF_INIT. NULL, or an empty buf,
 * is a no-op. Thread-safe for distinct bufs. */
DOORWAY_API void doorway_buf_dispose(doorway_buf *buf);

/* A UTF-8 string: pointer + length, not necessarily NUL-terminated. Strings in
 * are not validated as UTF-8; JSON output replaces invalid sequences. */
typedef struct doorway_str {
  const char *ptr;
  size_t len;
} doorway_str;

/* ===== Vocabulary (pinned enum values) ========================================== */

typedef enum doorway_team {
  DOORWAY_TEAM_UNKNOWN = 0,
  DOORWAY_TEAM_MARKETING = 1,
  DOORWAY_TEAM_SALES = 2
} doorway_team;

typedef enum doorway_audience {
  DOORWAY_AUDIENCE_UNKNOWN = 0,
  DOORWAY_AUDIENCE_ONE_TO_MANY = 1,
  DOORWAY_AUDIENCE_ONE_TO_ONE = 2
} doorway_audience;

typedef enum doorway_interaction {
  DOORWAY_INTERACTION_UNKNOWN = 0,
  DOORWAY_INTERACTION_ONE_WAY = 1,
  DOORWAY_INTERACTION_TWO_WAY = 2
} doorway_interaction;

typedef enum doorway_initiator {
  DOORWAY_INITIATOR_UNKNOWN = 0,
  DOORWAY_INITIATOR_BUSINESS = 1,
  DOORWAY_INITIATOR_PROSPECT = 2
} doorway_initiator;

/* contact: an ordinary touch; door: a prospect's first one-to-one contact before
 * any conversation; outcome: a result (order, acceptance, win), not a contact. */
typedef enum doorway_touch_kind {
  DOORWAY_TOUCH_CONTACT = 0,
  DOORWAY_TOUCH_DOOR = 1,
  DOORWAY_TOUCH_OUTCOME = 2
} doorway_touch_kind;

typedef enum doorway_temperature {
  DOORWAY_TEMPERATURE_COLD = 0,
  DOORWAY_TEMPERATURE_WARM = 1,
  DOORWAY_TEMPERATURE_HOT = 2
} doorway_temperature;

typedef enum doorway_stage_kind {
  DOORWAY_STAGE_ENTRY = 0,
  DOORWAY_STAGE_INVENTORY = 1,
  DOORWAY_STAGE_SLA = 2,
  DOORWAY_STAGE_WON = 3,
  DOORWAY_STAGE_LOST = 4
} doorway_stage_kind;

/* HISTORY_REVISED is not a move: it is delivered only by polling (see
 * doorway_engine_events_poll) when a late touch rewrote a lead's history. */
typedef enum doorway_event_kind {
  DOORWAY_EVENT_STAGE_CHANGED = 0, /* a move that is neither a handoff nor a recycle */
  DOORWAY_EVENT_HANDOFF = 1,       /* marketing-owned stage -> sales-owned stage */
  DOORWAY_EVENT_SLA_BREACHED = 2,  /* the stage's SLA passed; the SLA move follows */
  DOORWAY_EVENT_RECYCLED = 3,      /* a recycle transition (e.g. sal -> nurture) */
  DOORWAY_EVENT_HISTORY_REVISED = 4
} doorway_event_kind;

typedef enum doorway_reject_kind {
  DOORWAY_REJECT_INVALID = 0,   /* the touch is malformed (reason says which field) */
  DOORWAY_REJECT_DUPLICATE = 1, /* its event_id was already accepted */
  DOORWAY_REJECT_LATE = 2       /* older than the watermark minus the late window */
} doorway_reject_kind;

/* ===== Models =================================================================== */

/* A model: touch catalog, named scores, journey graph. Immutable once made;
 * share it freely across engines and threads. */
typedef struct doorway_model doorway_model;

/* The embedded default model (subscriber -> lead -> mql -> sal -> sql ->
 * opportunity -> customer -> advocate, with nurture, disqualified, lost; scores
 * "engagement" and "temperature"). *out is the caller's; free it with
 * doorway_model_free(). Thread-safe. */
DOORWAY_API int doorway_model_default(doorway_model **out);

/* Frees a model handle. Engines and models made from it keep what they need, so
 * it may be freed before them. NULL is a no-op. Per model: not while another
 * thread uses this handle. */
DOORWAY_API void doorway_model_free(doorway_model *model);

/* A list of problems found in a model. */
typedef struct doorway_problems doorway_problems;

typedef struct doorway_problem {
  doorway_str code;    /* stable id, e.g. "journey.unreachable_stage" */
  doorway_str path;    /* where, e.g. "stages[3]", "transitions[7].guard" */
  doorway_str message; /* what, in a sentence a user can act on */
} doorway_problem;

/* Validates the model again and lists every problem found (a model handle is
 * always valid once made, so today the list is empty; model files, which can
 * hold problems, report through the same list: see doorway_model_from_json).
 * *out is the caller's; free it with doorway_problems_free(). Per model. */
DOORWAY_API int doorway_model_validate(doorway_problems **out, const doorway_model *model);
/* The number of problems. Per list. */
DOORWAY_API int doorway_problems_count(size_t *out, const doorway_problems *problems);
/* The index-th problem (DOORWAY_ENOTFOUND past the end). Strings are borrowed
 * from the list, NUL-terminated, valid until it is freed. Per list. */
DOORWAY_API int doorway_problems_get(doorway_problem *out, const doorway_problems *problems,
                                     size_t index);
/* NULL is a no-op. Per list: not while another thread uses it. */
DOORWAY_API void doorway_problems_free(doorway_problems *problems);

/* ----- Model files (the JSON model format; see README "Model files") ----------- */

/* Reads a model file: `json` (len bytes, UTF-8) as the format's text. source_name
 * (may be { NULL, 0 }: "model.json") names the file in problems. *out is the
 * caller's; free it with doorway_model_free(). DOORWAY_EDATA when the text is not
 * a valid model: every problem found (a JSON syntax error stops the reading
 * there) goes to *problems_out, in file order, each message starting with
 * "source:line:column: " (1-based; column in characters), its path the JSON path;
 * doorway_error_last() lists them all, one per line. problems_out may be NULL
 * (problems then only in the error message); when given, *problems_out is set
 * only by DOORWAY_EDATA (NULL otherwise) and freed with doorway_problems_free().
 * Thread-safe. */
DOORWAY_API int doorway_model_from_json(doorway_model **out, doorway_problems **problems_out,
                                        const char *json, size_t len, const char *source_name,
                                        size_t source_len);
/* The model as a model file (canonical form: fixed key order, defaults left out)
 * in *out, which must be empty (DOORWAY_BUF_INIT); doorway_model_from_json() reads
 * it back to the same model, and writing that gives the same text again.
 * DOORWAY_ESTATE when a score has no JSON form (a custom policy, see
 * doorway_model_with_policy). Per model. */
DOORWAY_API int doorway_model_to_json(doorway_buf *out, const doorway_model *model);
/* The journey as a Graphviz DOT digraph in *out, which must be empty
 * (DOORWAY_BUF_INIT): one cluster per owning team, handoff edges bold red,
 * recycles dashed, SLA edges labelled with the deadline. Per model. */
DOORWAY_API int doorway_model_to_dot(doorway_buf *out, const doorway_model *model);

/* A stage of the journey. Stage ids are positions in the model (0 .. count-1),
 * stable for a model. */
typedef struct doorway_stage_info {
  doorway_str name; /* e.g. "sal"; NUL-terminated, valid while the model lives */
  int owner;        /* doorway_team */
  int kind;         /* doorway_stage_kind */
  int64_t sla_us;   /* the SLA duration for DOORWAY_STAGE_SLA stages, else 0 */
} doorway_stage_info;

/* The number of stages. Per model. */
DOORWAY_API int doorway_model_stage_count(size_t *out, const doorway_model *model);
/* Stage `id` (DOORWAY_ENOTFOUND past the end). Per model. */
DOORWAY_API int doorway_model_stage(doorway_stage_info *out, const doorway_model *model,
                                    size_t id);
/* The number of scores; score i of every lead is the model's score i. Per model. */
DOORWAY_API int doorway_model_score_count(size_t *out, const doorway_model *model);
/* The name of score `index` (NUL-terminated, valid while the model lives;
 * DOORWAY_ENOTFOUND past the end). Per model. */
DOORWAY_API int doorway_model_score_name(doorway_str *out, const doorway_model *model,
                                         size_t index);

/* ===== Touches and classification =============================================== */

/* One touchpoint. Set every field you do not use to zero (memset, or
 * `doorway_touch t = DOORWAY_TOUCH_INIT;`). The struct may grow at its end in a
 * later version: functions taking touches also take sizeof(doorway_touch) as
 * the caller compiled it, and reject sizes they do not know. Strings are
 * borrowed for the duration of the call only. */
typedef struct doorway_touch {
  doorway_str event_id;   /* required; unique per touch (duplicates are rejected) */
  doorway_str lead_id;    /* required */
  doorway_str account_id; /* optional */
  doorway_str type;       /* catalog touch type, e.g. "webinar_attended" */
  doorway_str channel;    /* optional, e.g. "paid_search"; a type or a channel is required */
  doorway_str outcome;    /* optional, e.g. "rejected" */
  int64_t timestamp;      /* microseconds since the epoch, UTC */
  double value;           /* read only when has_value is non-zero, e.g. an order amount */
  int has_value;
  int audience;    /* doorway_audience; UNKNOWN: filled from the catalog */
  int interaction; /* doorway_interaction; UNKNOWN: filled from the catalog */
  int initiator;   /* doorway_initiator; UNKNOWN: filled from the catalog */
  int team;        /* doorway_team; non-UNKNOWN overrides classification */
  int reserved;    /* must be 0 */
} doorway_touch;

#define DOORWAY_TOUCH_INIT \
  {{NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, 0, 0.0, 0, 0, 0, 0, 0, 0}

/* How a touch is classified, and why. */
typedef struct doorway_classification {
  doorway_str rule;      /* the deciding rule, e.g. "seed.one_way"; static, NUL-terminated */
  int team;              /* doorway_team */
  int audience;          /* doorway_audience, after filling from catalog and channel */
  int interaction;       /* doorway_interaction, idem */
  int initiator;         /* doorway_initiator, idem */
  int kind;              /* doorway_touch_kind of the catalog type (CONTACT if unknown) */
  int known_type;        /* non-zero when the type is in the model's catalog */
  int initiated_contact; /* non-zero: a prospect reaching out one-to-one (not an outcome) */
} doorway_classification;

/* Classifies one touch by the model's catalog, without an engine. Only type,
 * channel, the three axes and team are read (event_id, lead_id, timestamp may
 * be empty). touch_size: sizeof(doorway_touch). DOORWAY_EINVAL names the
 * malformed field (e.g. "touch->audience"). Per model. */
DOORWAY_API int doorway_classify(doorway_classification *out, const doorway_model *model,
                                 const doorway_touch *touch, size_t touch_size);

/* ===== Engines ================================================================== */

/* Owns lead states; runs every touch through classify -> score -> transition ->
 * events. Used by one thread at a time. */
typedef struct doorway_engine doorway_engine;

#define DOORWAY_ENGINE_OPTIONS_VERSION 1

typedef struct doorway_engine_options {
  unsigned int version;   /* DOORWAY_ENGINE_OPTIONS_VERSION */
  int64_t late_window_us; /* how far behind the watermark a touch may arrive and still
                             be applied; default 7 days; >= 0 */
} doorway_engine_options;

#define DOORWAY_ENGINE_OPTIONS_INIT {DOORWAY_ENGINE_OPTIONS_VERSION, INT64_C(604800000000)}

/* Fills *options with the defaults of `version` (DOORWAY_ENGINE_OPTIONS_VERSION).
 * Thread-safe (distinct options). */
DOORWAY_API int doorway_engine_options_init(doorway_engine_options *options,
                                            unsigned int version);

/* Makes an engine over `model` (which it keeps alive). options: NULL for the
 * defaults; else its version must be DOORWAY_ENGINE_OPTIONS_VERSION
 * (DOORWAY_EVERSION otherwise). *out is the caller's; free it with
 * doorway_engine_free(). Per model (engines over one model may be made and used
 * on different threads). */
DOORWAY_API int doorway_engine_new(doorway_engine **out, const doorway_model *model,
                                   const doorway_engine_options *options);

/* NULL is a no-op; so is freeing an engine from inside its own callbacks.
 * Per engine. */
DOORWAY_API void doorway_engine_free(doorway_engine *engine);

/* Accounting for one ingest call: every touch is counted exactly once. */
typedef struct doorway_ingest_result {
  uint64_t accepted;
  uint64_t duplicate;
  uint64_t late;
  uint64_t invalid;
} doorway_ingest_result;

/* Applies a batch of `count` touches (an array whose elements are `touch_size`
 * bytes: pass sizeof(doorway_touch)). A lead's touches are applied in
 * (timestamp, event_id) order whatever order they arrive in; the same touches in
 * any batch split give the same state. Touches that cannot be applied are not
 * dropped silently: each is counted in *result (may be NULL) and listed by
 * doorway_engine_rejection() until the next ingest call; a malformed touch
 * (bad enum value, NULL string with a length, timestamp out of range, empty
 * event_id or lead_id, neither type nor channel, non-finite value, reserved != 0)
 * is rejected as DOORWAY_REJECT_INVALID and the rest of the batch goes on.
 * Returns DOORWAY_EINVAL / DOORWAY_EVERSION for bad arguments (nothing applied),
 * DOORWAY_EUSER when a custom scoring policy's callback failed (see
 * doorway_policy_vtable: the whole batch was applied, *result is filled).
 * Touch strings are copied as needed; they need only live during the call.
 * DOORWAY_ESTATE when called from one of this engine's callbacks. Per engine. */
DOORWAY_API int doorway_engine_ingest(doorway_ingest_result *result, doorway_engine *engine,
                                      const doorway_touch *touches, size_t count,
                                      size_t touch_size);

typedef struct doorway_rejection {
  doorway_str event_id; /* as given */
  doorway_str reason;   /* e.g. "lead_id is empty", "touches[3].audience: 7 is not ..." */
  size_t index;         /* position in the batch */
  int kind;             /* doorway_reject_kind */
} doorway_rejection;

/* The number of touches the last ingest call did not accept. Per engine. */
DOORWAY_API int doorway_engine_rejection_count(size_t *out, const doorway_engine *engine);
/* The i-th of them, in batch order (DOORWAY_ENOTFOUND past the end). Strings are
 * NUL-terminated and valid until the next ingest call or doorway_engine_free().
 * Per engine. */
DOORWAY_API int doorway_engine_rejection(doorway_rejection *out, const doorway_engine *engine,
                                         size_t i);

/* Moves the engine's clock to `now` (never backwards: an earlier time is a
 * no-op): fires due SLA deadlines at their exact time and evaluates
 * time-dependent guards. DOORWAY_EUSER: a custom policy's callback failed (the
 * clock still moved; see doorway_policy_vtable). DOORWAY_ESTATE when called from
 * one of this engine's callbacks. Per engine. */
DOORWAY_API int doorway_engine_advance(doorway_engine *engine, int64_t now);

/* A lead, read as of the engine's time (the later of the last advance and the
 * latest touch). */
typedef struct doorway_lead {
  doorway_str lead_id;       /* valid until doorway_engine_free() */
  doorway_str account_id;    /* empty when unknown; idem */
  doorway_str stage_name;    /* NUL-terminated, valid while the engine lives */
  size_t stage;              /* stage id, see doorway_model_stage() */
  size_t score_count;        /* see doorway_engine_lead_score_at() */
  int owner;                 /* doorway_team owning the stage */
  int has_temperature;       /* non-zero when the model has a temperature score */
  int temperature;           /* doorway_temperature */
  int has_sla_deadline;      /* non-zero while the lead waits in an SLA stage */
  uint32_t touches;          /* contacts (outcomes excluded) */
  uint32_t marketing_touches;
  uint32_t sales_touches;
  uint32_t touches_in_stage;
  int64_t as_of;             /* the time this read was made at */
  int64_t entered_stage_at;
  int64_t last_touch_at;
  int64_t sla_deadline;      /* when has_sla_deadline */
} doorway_lead;

/* Reads one lead. DOORWAY_ENOTFOUND when the engine has no such lead. Per engine. */
DOORWAY_API int doorway_engine_lead(doorway_lead *out, const doorway_engine *engine,
                                    const char *lead_id, size_t lead_id_len);

typedef struct doorway_score {
  doorway_str name; /* NUL-terminated, valid while the engine lives */
  double value;
} doorway_score;

/* Score `index` of a lead (model order). DOORWAY_ENOTFOUND: no such lead, or
 * index >= score count. Per engine. */
DOORWAY_API int doorway_engine_lead_score_at(doorway_score *out, const doorway_engine *engine,
                                             const char *lead_id, size_t lead_id_len,
                                             size_t index);
/* A lead's score by name. DOORWAY_ENOTFOUND: no such lead or score. Per engine. */
DOORWAY_API int doorway_engine_lead_score(double *out, const doorway_engine *engine,
                                          const char *lead_id, size_t lead_id_len,
                                          const char *name, size_t name_len);

/* The number of leads. Per engine. */
DOORWAY_API int doorway_engine_lead_count(size_t *out, const doorway_engine *engine);
/* The id of the index-th lead in byte-wise sorted order (DOORWAY_ENOTFOUND past the
 * end); iterate 0 .. count-1. The order is recomputed after leads are added. The
 * id is valid until doorway_engine_free(). Per engine. */
DOORWAY_API int doorway_engine_lead_id_at(doorway_str *out, const doorway_engine *engine,
                                          size_t index);

/* Why the lead is where it is, as one JSON object (UTF-8) in *out, which must be
 * empty (DOORWAY_BUF_INIT): lead_id, stage, owner, as_of, sla_deadline, path
 * (every move so far), scores (each with its contributions: event_id, type, at,
 * rule, points, factor, value; a score's value is the sum of its contributions'
 * values), next (each transition out of the stage with its guard clauses and
 * whether they hold). Times are ISO-8601 UTC strings. DOORWAY_ENOTFOUND: no such
 * lead. Per engine. */
DOORWAY_API int doorway_engine_explain(doorway_buf *out, const doorway_engine *engine,
                                       const char *lead_id, size_t lead_id_len);

/* ----- Events ------------------------------------------------------------------ */

typedef struct doorway_event {
  int kind;             /* doorway_event_kind */
  int has_deadline;     /* handoff and sla_breached carry the SLA deadline */
  doorway_str lead_id;  /* valid until doorway_engine_free() */
  doorway_str from;     /* stage names, NUL-terminated, valid while the engine lives;
                           {NULL, 0} for HISTORY_REVISED */
  doorway_str to;
  doorway_str reason;   /* the transition's name, "sla" for sla_breached; NUL-terminated;
                           {NULL, 0} for HISTORY_REVISED */
  int64_t at;
  int64_t deadline;     /* when has_deadline */
  uint64_t seq;         /* position of the event in its lead's history, from 0 */
} doorway_event;

/* Called once per event; a non-zero return stops the iteration and is returned
 * by the function that called it. Called synchronously on the caller's thread;
 * it may call read-only functions (lead, score, explain) on the same engine but
 * must not ingest, advance or poll it. */
typedef int (*doorway_event_cb)(const doorway_event *ev, void *payload);

/* Calls cb for every event so far, ordered by (time, lead id, seq); with a
 * lead_id (not NULL), only that lead's events in their order (none for an
 * unknown lead). Does not change what polling delivers. Per engine. */
DOORWAY_API int doorway_engine_events_foreach(const doorway_engine *engine, const char *lead_id,
                                              size_t lead_id_len, doorway_event_cb cb,
                                              void *payload);

/* Polling. The engine remembers, per lead, the events already delivered by
 * doorway_engine_events_poll/_drain, and delivers the rest in (time, lead id,
 * seq) order. A late touch (within the late window) can rewrite a lead's
 * history; polling then first delivers a DOORWAY_EVENT_HISTORY_REVISED event
 * for that lead whose seq is the first position that changed — drop every event
 * you hold for that lead with seq >= it — followed by the lead's events from
 * there on. So a consumer that applies that one rule holds exactly each lead's
 * current history. */

/* The number of events waiting to be delivered. Per engine. */
DOORWAY_API int doorway_engine_events_pending(size_t *out, doorway_engine *engine);
/* Delivers up to `capacity` waiting events into out[0 .. *count-1]; *count < capacity
 * means none are left. Event strings stay valid until doorway_engine_free().
 * DOORWAY_ESTATE when called from one of this engine's callbacks. Per engine. */
DOORWAY_API int doorway_engine_events_poll(doorway_event *out, size_t capacity, size_t *count,
                                           doorway_engine *engine);
/* Delivers every waiting event to cb. When cb returns non-zero, that event and
 * the ones after it stay waiting and the value is returned. DOORWAY_ESTATE when
 * called from one of this engine's callbacks. Per engine. */
DOORWAY_API int doorway_engine_events_drain(doorway_engine *engine, doorway_event_cb cb,
                                            void *payload);

/* ----- Statistics -------------------------------------------------------------- */

typedef struct doorway_stats {
  uint64_t accepted;     /* touches, over the engine's life */
  uint64_t duplicate;
  uint64_t late;
  uint64_t invalid;
  uint64_t replays;      /* leads replayed because a touch arrived out of order */
  uint64_t leads;
  uint64_t memory_bytes; /* approximate heap bytes held for lead state */
  int64_t now;           /* the time reads are made at: the later of the latest touch
                            and the last advance; 0 before either */
} doorway_stats;

/* Accounting over the engine's life. Per engine. */
DOORWAY_API int doorway_engine_stats(doorway_stats *out, const doorway_engine *engine);

/* ===== Custom scoring policies ================================================== */

/* What a policy sees of one touch (filled by the library; may grow at its end in
 * a later vtable version). */
typedef struct doorway_policy_touch {
  doorway_str type;    /* the catalog type, empty when not in the catalog */
  doorway_str channel; /* the effective channel (the type's default when none was
                          given), empty when not in the catalog */
  doorway_str rule;    /* classification rule, e.g. "seed.one_way" */
  int64_t at;
  double value;        /* when has_value */
  int has_value;
  int team;            /* doorway_team, as classified */
  int audience;        /* doorway_audience, after filling from the catalog */
  int interaction;     /* doorway_interaction */
  int initiator;       /* doorway_initiator */
  int kind;            /* doorway_touch_kind */
} doorway_policy_touch;

#define DOORWAY_POLICY_VTABLE_VERSION 1
/* The largest per-lead state a policy may ask for. */
#define DOORWAY_POLICY_STATE_MAX 65536

/* A scoring policy written in C. Each lead gets `state_size` bytes of state, kept
 * by the engine in one flat buffer (aligned like malloc; it moves as leads are
 * added: never keep a pointer to it). Callbacks get the `payload` given to
 * doorway_model_with_policy, run synchronously on the thread calling the engine,
 * and may run concurrently on several threads when engines sharing the model are
 * used on several threads. They must not call into the engine that runs them.
 * Invariant to keep: value(state, now) == sum over applied touches of
 * points * factor(at, now) — explanations list those contributions.
 *
 * A callback returning non-zero is a failure. What results: a failing init
 * leaves the state zeroed; a failing apply leaves the state as it was before the
 * call and the touch contributes 0 to this score (everything else about the
 * touch — other scores, counts, stage moves — is applied as usual); a failing
 * value or factor reads as 0 (guards see 0). The engine call that ran the
 * callback (ingest, advance, a lead read, explain) finishes its work and then
 * returns DOORWAY_EUSER with a message naming the score, the callback and its
 * return value. */
typedef struct doorway_policy_vtable {
  unsigned int version; /* DOORWAY_POLICY_VTABLE_VERSION */
  size_t state_size;    /* bytes of per-lead state, 0 .. DOORWAY_POLICY_STATE_MAX */
  /* Optional (NULL: the zeroed state is the initial state). Called for each new
   * lead state, already zeroed, and again when a lead is replayed. */
  int (*init)(void *state, void *payload);
  /* Required. A touch arrives (per lead in time order): update the state and set
   * *points (preset to 0) to what the touch added to the score. A touch that
   * adds 0 is left out of explanations. */
  int (*apply)(void *state, const doorway_policy_touch *touch, double *points, void *payload);
  /* Required. The score at `now` (decay, if any, is computed here: lazily). */
  int (*value)(const void *state, int64_t now, double *out, void *payload);
  /* Optional (NULL: 1). What one point added at `at` is worth at `now`. */
  int (*factor)(int64_t at, int64_t now, double *out, void *payload);
} doorway_policy_vtable;

/* Makes a new model = `base` plus one score `name` computed by the policy in
 * `vtable` (copied; it need not outlive the call). The score is numeric (not a
 * temperature); guards of the base model are unchanged. payload_free (may be
 * NULL) is called with payload exactly once: when the last model or engine using
 * the policy is freed — or before this function returns, if it fails.
 * DOORWAY_EINVAL: empty name, a name the base model already has, or a bad vtable;
 * DOORWAY_EVERSION: unknown vtable version. Per model (base). */
DOORWAY_API int doorway_model_with_policy(doorway_model **out, const doorway_model *base,
                                          const char *name, size_t name_len,
                                          const doorway_policy_vtable *vtable, void *payload,
                                          void (*payload_free)(void *payload));

/* ===== Reports (funnel, handoff ledger, diagnoses; README "Reports") ============ */

/* A report over an engine's leads: per stage (in journey order) the leads that
 * entered, left, are in it now, moved on, were won later, time in stage and
 * touches before it; the handoff ledger; outcomes; workload per team; marketing
 * activity per channel; and, when written, the diagnoses (balance, cadence,
 * ownership) with the default thresholds. Reports merge: the reports of engines
 * over a lead-hash partition of the same touches, advanced to the same time,
 * merge into exactly the report of one engine over all of them. A report is a
 * copy: it does not change with the engine, and does not keep it alive. */
typedef struct doorway_report doorway_report;

/* The report of every lead of `engine`, as of the engine's time. *out is the
 * caller's; free it with doorway_report_free(). Per engine (a read). */
DOORWAY_API int doorway_report_new(doorway_report **out, const doorway_engine *engine);

/* Reads a report from its JSON form (doorway_report_to_json, `doorway report
 * --json`): `json` is len bytes of UTF-8; source_name (may be { NULL, 0 }:
 * "report.json") names it in problems. *out is the caller's; free it with
 * doorway_report_free(). DOORWAY_EDATA when the text is not a valid report:
 * doorway_error_last() lists every problem, one per line, as
 * "source:line:column: path: what". Thread-safe. */
DOORWAY_API int doorway_report_from_json(doorway_report **out, const char *json, size_t len,
                                         const char *source_name, size_t source_len);

/* Adds `other` into `into` (other may be into itself: every count doubles).
 * DOORWAY_EDATA when the two come from different journeys (stages or
 * transitions) or were built with different options; `into` is then unchanged.
 * Thread-safe for distinct reports; `other` may be read by other threads at the
 * same time, `into` must not be used elsewhere during the call. */
DOORWAY_API int doorway_report_merge(doorway_report *into, const doorway_report *other);

/* The report as one JSON object (UTF-8, stable keys documented in README
 * "Reports", the diagnoses included) in *out, which must be empty
 * (DOORWAY_BUF_INIT); doorway_report_from_json() reads it back. Thread-safe for
 * distinct reports; a report may be read by any number of threads at once, but
 * not while it is merged into or freed. */
DOORWAY_API int doorway_report_to_json(doorway_buf *out, const doorway_report *report);

/* The report as text for people (what `doorway report` prints) in *out, which
 * must be empty (DOORWAY_BUF_INIT). Thread-safe for distinct reports, like
 * doorway_report_to_json. */
DOORWAY_API int doorway_report_to_text(doorway_buf *out, const doorway_report *report);

/* NULL is a no-op. Thread-safe for distinct reports: not while another thread
 * uses this one. */
DOORWAY_API void doorway_report_free(doorway_report *report);

/* ===== Attribution ============================================================== */
/* Multi-touch attribution over journeys (README "Attribution" states each model's
 * exact semantics): heuristics, the exact Markov-chain removal effect of order k,
 * and Shapley values. A journey is an ordered list of channels with the
 * conversions, conversion value and nulls (non-conversions) it stands for. */

/* A set of journeys. Used by one thread at a time while it changes; once filled,
 * any number of threads may read it. */
typedef struct doorway_journeys doorway_journeys;

/* Pinned model numbers (doorway_attribution_options.model). */
typedef enum doorway_attribution_model {
  DOORWAY_ATTRIBUTION_FIRST_TOUCH = 0,
  DOORWAY_ATTRIBUTION_LAST_TOUCH = 1,
  DOORWAY_ATTRIBUTION_LINEAR = 2,
  DOORWAY_ATTRIBUTION_LINEAR_DISTINCT = 3,
  DOORWAY_ATTRIBUTION_TIME_DECAY = 4,
  DOORWAY_ATTRIBUTION_POSITION_DECAY = 5,
  DOORWAY_ATTRIBUTION_U_SHAPED = 6,
  DOORWAY_ATTRIBUTION_W_SHAPED = 7,
  DOORWAY_ATTRIBUTION_FULL_PATH = 8,
  DOORWAY_ATTRIBUTION_MARKOV = 9,
  DOORWAY_ATTRIBUTION_SHAPLEY = 10
} doorway_attribution_model;

/* An empty set of untimed journeys (as a path file gives). *out is the caller's;
 * free it with doorway_journeys_free(). Thread-safe. */
DOORWAY_API int doorway_journeys_new(doorway_journeys **out);
/* NULL is a no-op. Per list: not while another thread uses it. */
DOORWAY_API void doorway_journeys_free(doorway_journeys *journeys);
/* Adds one journey: channels[0 .. count-1] (non-empty names, count >= 1),
 * conversions, value and nulls finite and >= 0. DOORWAY_EINVAL names the argument
 * at fault; nothing is added then. DOORWAY_ESTATE: the set holds journeys from an
 * engine (timed). Per list (not while another thread uses it). */
DOORWAY_API int doorway_journeys_add(doorway_journeys *journeys, const doorway_str *channels, size_t count,
                                     double conversions, double value, double nulls);
/* Reads a path file (`a > b > c;conversions;value;nulls` lines, header optional;
 * README "Attribution" says what is accepted). source_name (may be { NULL, 0 }:
 * "paths.csv") names it in errors. DOORWAY_EDATA: the text is not a path file;
 * the message says "source:line:column: field: what". Thread-safe. */
DOORWAY_API int doorway_journeys_from_path_file(doorway_journeys **out, const char *text, size_t len,
                                                const char *source_name, size_t source_len);
/* Every lead's journey in the engine (lead-id order): its contact touches up to
 * its first entry into conversion_stage (NULL/empty: "customer"), or all of them
 * for a lead that never entered it (a null). opportunity_stage (NULL/empty:
 * "opportunity") anchors the W-shaped and full-path models. DOORWAY_EINVAL: a
 * stage the model does not have (with a suggestion). Per engine. */
DOORWAY_API int doorway_journeys_from_engine(doorway_journeys **out, const doorway_engine *engine,
                                             const char *conversion_stage, size_t conversion_stage_len,
                                             const char *opportunity_stage, size_t opportunity_stage_len);
/* The number of journeys. Per list. */
DOORWAY_API int doorway_journeys_count(size_t *out, const doorway_journeys *journeys);
/* The journeys as a path file (header line, then "a > b;3;120.5;1" lines) in
 * *out, which must be empty (DOORWAY_BUF_INIT). DOORWAY_EDATA: a channel name
 * the layout cannot hold (';', '>', line breaks, spaces at its ends). Per list. */
DOORWAY_API int doorway_journeys_to_path_file(doorway_buf *out, const doorway_journeys *journeys);

#define DOORWAY_ATTRIBUTION_OPTIONS_VERSION 1

typedef struct doorway_attribution_options {
  unsigned int version;      /* DOORWAY_ATTRIBUTION_OPTIONS_VERSION */
  int model;                 /* a doorway_attribution_model; default MARKOV */
  int order;                 /* markov: 1 .. 8; default 1 */
  int include_nulls;         /* markov: 0 drops the non-converting journeys; default 1 */
  int collapse_repeats;      /* markov: "a > a > b" is "a > b"; default 1 */
  int64_t half_life_us;      /* time_decay: > 0; default 7 days */
  double position_half_life; /* position_decay: in touches, > 0; default 1 */
  int max_exact_channels;    /* shapley: exact up to this many channels (1 .. 20); default 15 */
  uint64_t samples;          /* shapley, sampled: random orders (> 0); default 1000 */
  uint64_t seed;             /* shapley, sampled: default 1 */
} doorway_attribution_options;

#define DOORWAY_ATTRIBUTION_OPTIONS_INIT \
  {DOORWAY_ATTRIBUTION_OPTIONS_VERSION, DOORWAY_ATTRIBUTION_MARKOV, 1, 1, 1, INT64_C(604800000000), 1.0, 15, 1000, 1}

/* Fills *options with the defaults of `version`. Thread-safe (distinct options). */
DOORWAY_API int doorway_attribution_options_init(doorway_attribution_options *options, unsigned int version);
/* The model named `name` ("markov", "first_touch", "w_shaped", …; also "first",
 * "last", "u", "w", "z") in *out. DOORWAY_EINVAL names an unknown model and
 * suggests the closest name. Thread-safe. */
DOORWAY_API int doorway_attribution_model_from_name(int *out, const char *name, size_t len);
/* Runs one model over the journeys (options: NULL for the defaults, else its
 * version must be DOORWAY_ATTRIBUTION_OPTIONS_VERSION) and writes the result as
 * one JSON object in *out, which must be empty (DOORWAY_BUF_INIT): model,
 * journeys, touches, total_conversions, total_value, total_nulls, the model's own
 * figures (markov: order, states, largest_block, sweeps, conversion_probability;
 * shapley: sampled, samples, players) and channels, sorted by name, each
 * {channel, conversions, value} plus removal_effect and value_removal_effect
 * (markov) or conversions_std_error and value_std_error (sampled shapley).
 * DOORWAY_EINVAL: a bad option (named), or time_decay over journeys without
 * times. Per list (journeys). */
DOORWAY_API int doorway_attribute(doorway_buf *out, const doorway_journeys *journeys,
                                  const doorway_attribution_options *options);

#ifdef __cplusplus
}
#endif

#endif /* DOORWAY_H */
