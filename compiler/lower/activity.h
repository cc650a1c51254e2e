/*
 * activity.h — Live Activities: a spec's schedule (content states over the activity's life and
 * the APNs requests a server sends), its rendering at any instant, and `check`'s rules for it.
 * Facts: ../shared/design/platform-facts.md §3. Schedule JSON: docs/schedule.schema.json.
 */
#ifndef TLC_ACTIVITY_H
#define TLC_ACTIVITY_H
#include "spec/spec.h"
#include "timelinec/timeline.h"
#include "timelinec/activity.h"

#define TLC_LA_PAYLOAD_MAX 4096
/* ASSUMPTION: about one priority-10 push per 5 min sustained before the system throttles (TL210) */
#define TLC_LA_PUSHES_PER_HOUR 12
/* ASSUMPTION: with NSSupportsLiveActivitiesFrequentUpdates (`frequent-updates: true`) and the
   user's consent, about one a minute (TL210); Apple publishes neither number */
#define TLC_LA_FREQUENT_PUSHES_PER_HOUR 60
/* TL210's budget for spec s: TLC_LA_FREQUENT_PUSHES_PER_HOUR with `frequent-updates: true`. */
#define TLC_LA_BUDGET(s) ((s)->frequent_updates ? TLC_LA_FREQUENT_PUSHES_PER_HOUR : TLC_LA_PUSHES_PER_HOUR)

typedef enum tlc_la_phase {
	TLC_LA_NOT_STARTED,
	TLC_LA_ACTIVE,
	TLC_LA_STALE,        /* active, isStale */
	TLC_LA_ENDED,        /* ended, lingering on the Lock Screen */
	TLC_LA_DISMISSED,
	TLC_LA_PHASE_MAX
} tlc_la_phase;

/* A spec's schedule: the core's (timelinec/activity.h), instantiated from the spec's program,
 * with the spec beside it for positions and views. states, start... are the core's. */
typedef struct tlc_la_schedule {
	const tlc_spec *spec;
	tlc_la_program *program;       /* owned */
	tlc_schedule *core;            /* owned */
	tlc_time now;
	tlc_now_source now_source;
	tlc_time start, end;           /* end: the end push, or TLC_TIME_NONE */
	tlc_time system_end;           /* start + 8 h */
	tlc_time gone;                 /* when it leaves the Lock Screen */
	tlc_la_state *states;          /* in time order */
	size_t nstates;
} tlc_la_schedule;

typedef struct tlc_la_opts {
	tlc_time now;
	tlc_now_source now_source;
	const tlc_param_value *params;
	size_t nparams;
	bool without_user;       /* leave out the events the user makes (`via: intent`, `while:
				    foreground`): the user never acts */
} tlc_la_opts;

/* Lowers an activity spec into its program (timelinec/activity.h). Returns 0 or TLC_ENOMEM. */
int tlc_activity_lower(tlc_ctx *ctx, const tlc_spec *s, tlc_la_program **out);
/* Builds the schedule: the spec's program instantiated by the core; TLC_EINPUT after a
 * diagnostic (a parameter without a value...). */
int tlc_activity_build(tlc_ctx *ctx, const tlc_spec *s, const tlc_la_opts *o, tlc_la_schedule **out);
void tlc_activity_free(tlc_la_schedule *sch);
/* The schedule as JSON, with the APNs requests ready for curl. */
void tlc_activity_write_json(tlc_buf *out, const tlc_la_schedule *sch);
const char *tlc_la_phase_name(tlc_la_phase p);
/* Whether field f holds the same value in u and v (both set or both unset). */
bool tlc_la_value_equal(const tlc_spec *s, size_t f, const tlc_la_value *u, const tlc_la_value *v);
/* Field `name`'s index in s->fields, or -1. */
int tlc_la_field_index(const tlc_spec *s, const char *name);
/* Whether the user makes e: via an intent, or the app `while: foreground`. */
bool tlc_la_user_event(const tlc_la_prog_event *e);
/* "start", "update" or "end". */
const char *tlc_la_event_name(tlc_la_event e);
#endif
