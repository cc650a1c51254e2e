/*
 * timelinec/activity.h — Live Activity programs and the schedules they instantiate into.
 *
 * `timelinec compile --program` lowers a Live Activity spec into a program (JSON,
 * docs/activity-program.schema.json): the content-state fields, the static attributes, the views'
 * patterns and the events (start, updates, end) with their instants as expressions of `now` and
 * the parameters. tlc_schedule_make() instantiates it with `now` and the parameter values into the
 * schedule: the content states over the activity's life, its stale and dismissal dates, and the
 * APNs request of each push (headers, body, bytes, curl) — byte for byte the schedule `compile
 * SPEC --now T --param ...` writes (docs/schedule.schema.json). A push server links the core alone
 * (no ICU, no libyaml, no cJSON) and runs this per order.
 *
 * Invariants:
 *  - A program read from JSON is checked whole: field indices in range, date fields set by
 *    instants and other fields by a value of their type or a parameter of a type they take,
 *    exactly one start first and at most one end; a program that breaks one is refused.
 *  - A schedule owns its strings; it points at its program, which must outlive it.
 *  - Output is deterministic and independent of the host's TZ, LANG and C locale.
 */
#ifndef TIMELINEC_ACTIVITY_H
#define TIMELINEC_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "common.h"
#include "program.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TLC_ACTIVITY_PROGRAM_VERSION 2
#define TLC_SCHEDULE_VERSION 2
/* content-state fields a Live Activity may have (more is TL003) */
#define TLC_LA_MAX_FIELDS 32
/* states a schedule may have (a repeating update counts each time; more is TL113) */
#define TLC_LA_MAX_EVENTS 2048
/* The largest int field value: messages format integers through a double (exact to 2^53). */
#define TLC_LA_MAX_INT (INT64_C(1) << 53)
#define TLC_LA_ACTIVE_MAX (8 * 3600)       /* the system ends an activity after 8 hours */
#define TLC_LA_LOCK_SCREEN_MAX (12 * 3600) /* ... and removes it from the Lock Screen at 12 */
#define TLC_LA_LINGER_MAX (4 * 3600)       /* an ended activity stays up to 4 hours */
/* lock-screen, the Dynamic Island's seven, and small (ActivityFamily.small: the Smart Stack) */
#define TLC_LA_PRESENTATIONS 9
/* 2001-01-01T00:00:00Z: the reference date of Swift's JSONDecoder default (deferred-to-date) */
#define TLC_LA_DEFERRED_EPOCH 978307200

typedef enum tlc_field_type {
	TLC_FIELD_DATE,
	TLC_FIELD_STRING,
	TLC_FIELD_INT,
	TLC_FIELD_DOUBLE,
	TLC_FIELD_BOOL,
	TLC_FIELD_TYPE_MAX
} tlc_field_type;

typedef enum tlc_la_event { TLC_LA_START, TLC_LA_UPDATE, TLC_LA_END, TLC_LA_EVENT_MAX } tlc_la_event;
/* Who makes an event: a server's push, the app itself (Activity.request, update, end), a
 * push-to-start (a start), or an App Intent the user runs from the activity (an update or the
 * end). The app and an intent send no push. */
typedef enum tlc_via {
	TLC_VIA_PUSH,
	TLC_VIA_APP,
	TLC_VIA_PUSH_TO_START,
	TLC_VIA_INTENT,
	TLC_VIA_MAX
} tlc_via;
typedef enum tlc_dismissal {
	TLC_DISMISS_DEFAULT,
	TLC_DISMISS_IMMEDIATE,
	TLC_DISMISS_AFTER,
	TLC_DISMISS_MAX
} tlc_dismissal;

typedef enum tlc_date_encoding {
	TLC_DATE_DEFERRED, /* seconds since 2001-01-01 (Swift's JSONDecoder default) */
	TLC_DATE_SECONDS_1970,
	TLC_DATE_MILLISECONDS_1970,
	TLC_DATE_ISO8601,
	TLC_DATE_ENCODING_MAX
} tlc_date_encoding;

/* ---- the program ------------------------------------------------------------------------------ */

typedef struct tlc_la_field {
	char *name;
	tlc_field_type type;
	bool since;          /* a date-since field: an elapsed timer, counting up is the point */
} tlc_la_field;

/* A static attribute: its value as compact JSON ("\"A-1234\"", "4", "18.5", "true", "null"). */
typedef struct tlc_la_attribute {
	char *name;
	char *json;
} tlc_la_attribute;

/* One field an event sets: a date by an instant expression, another field by a parameter or by
 * a literal of its type. */
typedef struct tlc_la_assign {
	int field;           /* index into the program's fields */
	tlc_prog_time when;  /* date fields */
	char *param;         /* other fields set by a parameter, or NULL */
	char *text;          /* string literal */
	int64_t i;           /* int literal */
	double d;            /* double literal (finite) */
	bool b;              /* bool literal */
} tlc_la_assign;

typedef struct tlc_la_prog_event {
	tlc_la_event event;
	tlc_prog_time at;
	tlc_via via;
	int priority;        /* 5 or 10 */
	tlc_la_assign *state;
	size_t nstate;
	bool has_stale_after;
	int64_t stale_after;
	bool has_relevance;
	double relevance;
	bool has_alert;
	char *alert_title, *alert_body, *alert_sound; /* each may be NULL */
	tlc_dismissal dismissal; /* END */
	int64_t dismiss_after;   /* END, AFTER */
	int64_t every;           /* UPDATE repeated at this interval (0: once) */
	tlc_prog_time until;     /* ... until this instant (NONE: once) */
	uint32_t varies;         /* UPDATE: fields (bit i: field i) whose sent values differ each
				    time; the state's values stand in for them */
	bool foreground;         /* UPDATE, END via the app: made only while the user has the app
				    open (`while: foreground`) */
	uint32_t line, col;      /* where the event is in the spec (0: unknown) */
} tlc_la_prog_event;

typedef struct tlc_la_program {
	int version;
	char *name;              /* the ActivityAttributes type */
	char *bundle_id;
	char *channel_id;        /* broadcast pushes, or NULL */
	int minimum_ios;         /* major version, TLC_IOS_LOWEST..TLC_IOS_HIGHEST (program.h) */
	char *zone;              /* the spec's zone: IANA name or "floating" */
	tlc_date_encoding date_encoding;
	char **locales;
	size_t nlocales;
	tlc_prog_param *params;
	size_t nparams;
	tlc_la_field *fields;
	size_t nfields;
	tlc_la_attribute *attributes;
	size_t nattributes;
	char *views[TLC_LA_PRESENTATIONS]; /* by presentation (tlc_la_presentation_name), or NULL */
	tlc_la_prog_event *events; /* start first, then updates, then the end */
	size_t nevents;
	char *source;            /* the spec's file name, for humans */
} tlc_la_program;

/* "lock-screen", "compact-leading", ... for presentation p (0..7); NULL past them. */
TLC_API const char *tlc_la_presentation_name(int p);
/* "date", "date-since", "string", "int", "double", "bool". */
TLC_API const char *tlc_la_field_type_name(const tlc_la_field *f);

TLC_API int tlc_la_program_read_json(tlc_la_program **out, const char *json, size_t len, tlc_err *err);
TLC_API void tlc_la_program_write_json(tlc_buf *out, const tlc_la_program *p);
TLC_API void tlc_la_program_free(tlc_la_program *p);

/* ---- the schedule ----------------------------------------------------------------------------- */

typedef struct tlc_la_value {
	bool set;
	tlc_time date;       /* date fields */
	const char *text;    /* string fields */
	int64_t i;           /* int fields */
	double d;            /* double fields (finite) */
	bool b;              /* bool fields */
} tlc_la_value;

typedef struct tlc_la_state {
	size_t src;                    /* index into the program's events */
	tlc_la_event kind;
	tlc_time at;
	tlc_via via;
	int priority;
	tlc_la_value values[TLC_LA_MAX_FIELDS]; /* the whole content state after the event */
	tlc_time stale;                /* TLC_TIME_NONE: no stale date */
	tlc_time dismissal;            /* END: the dismissal-date sent, or NONE (default policy) */
	char *payload;                 /* the aps body a push sends, or NULL (via app) */
	size_t payload_len;
	size_t data_len;               /* via app: attributes + content state, compact JSON */
} tlc_la_state;

typedef struct tlc_schedule {
	const tlc_la_program *program;
	tlc_time now;
	tlc_now_source now_source;
	tlc_time start, end;           /* end: the end push, or TLC_TIME_NONE */
	tlc_time system_end;           /* start + 8 h */
	tlc_time gone;                 /* when it leaves the Lock Screen */
	tlc_la_state *states;          /* the start first, then in time order */
	size_t nstates;
	char **owned;                  /* private: strings the schedule owns */
	size_t nowned;
} tlc_schedule;

/*
 * Instantiates p at o->now with o->params (o's zones and max_candidates are not used) into the
 * schedule. TLC_EINPUT: a parameter is missing or of the wrong form (err->kind MISSING_PARAM or
 * OTHER; err->countdown is the event's index, err->phase the field's, -1 for the event's `at`,
 * -2 for its `until`); TLC_ERANGE: more than TLC_LA_MAX_EVENTS states (TOO_MANY_CHANGES). err
 * may be NULL. *out points at p.
 */
TLC_API int tlc_schedule_make(tlc_schedule **out, const tlc_la_program *p,
			      const tlc_instantiate_opts *o, tlc_inst_err *err);
/* The schedule as JSON (docs/schedule.schema.json), with each push's APNs request for curl. */
TLC_API void tlc_schedule_write_json(tlc_buf *out, const tlc_schedule *s);
/* A state's content state as the app's JSONDecoder reads it (the program's date-encoding),
 * compact JSON into out. */
TLC_API void tlc_la_content_state_json(tlc_buf *out, const tlc_schedule *s, const tlc_la_state *st);
TLC_API void tlc_schedule_free(tlc_schedule *s);

#ifdef __cplusplus
}
#endif
#endif
