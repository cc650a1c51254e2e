/*
 * activity.h — Live Activities: a spec's schedule (content states over the activity's life and
 * the APNs requests a server sends), its rendering at any instant, and `check`'s rules for it.
 * Facts: ../shared/design/platform-facts.md §3. Schedule JSON: docs/schedule.schema.json.
 */
#ifndef TLC_ACTIVITY_H
#define TLC_ACTIVITY_H
#include "spec.h"
#include "timelinec/render.h"
#include "timelinec/timeline.h"

#define TLC_LA_MAX_EVENTS 2048
#define TLC_LA_ACTIVE_MAX (8 * 3600)      /* the system ends an activity after 8 hours */
#define TLC_LA_LOCK_SCREEN_MAX (12 * 3600)/* ... and removes it from the Lock Screen at 12 */
#define TLC_LA_LINGER_MAX (4 * 3600)      /* an ended activity stays up to 4 hours */
#define TLC_LA_PAYLOAD_MAX 4096
/* ASSUMPTION: about one priority-10 push per 5 min sustained before the system throttles (TL210) */
#define TLC_LA_PUSHES_PER_HOUR 12

typedef struct tlc_la_value {
	bool set;
	tlc_time date;       /* date fields */
	const char *text;    /* string fields */
	int64_t i;           /* int fields */
	double d;            /* double fields (finite) */
	bool b;              /* bool fields */
} tlc_la_value;

typedef struct tlc_la_state {
	size_t src;                    /* index into spec->events */
	tlc_la_event kind;
	tlc_time at;
	tlc_via via;
	int priority;
	tlc_la_value values[TLC_LA_MAX_FIELDS];
	tlc_time stale;                /* TLC_TIME_NONE: no stale date */
	tlc_time dismissal;            /* END: the dismissal-date sent, or NONE (default policy) */
	char *payload;                 /* the aps body a push sends (malloc), or NULL */
	size_t payload_len;
	size_t data_len;               /* via app: attributes + content state, compact JSON */
} tlc_la_state;

typedef enum tlc_la_phase {
	TLC_LA_NOT_STARTED,
	TLC_LA_ACTIVE,
	TLC_LA_STALE,        /* active, isStale */
	TLC_LA_ENDED,        /* ended, lingering on the Lock Screen */
	TLC_LA_DISMISSED,
	TLC_LA_PHASE_MAX
} tlc_la_phase;

typedef struct tlc_la_schedule {
	const tlc_spec *spec;
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
} tlc_la_opts;

/* Builds the schedule; TLC_EINPUT after a diagnostic (a parameter without a value...). */
int tlc_activity_build(tlc_ctx *ctx, const tlc_spec *s, const tlc_la_opts *o, tlc_la_schedule **out);
void tlc_activity_free(tlc_la_schedule *sch);
/* The schedule as JSON, with the APNs requests ready for curl. */
void tlc_activity_write_json(tlc_buf *out, const tlc_la_schedule *sch);
/* What presentation `pres` (index into tlc_presentation_names) reads at t; *phase says where
 * the activity is in its life. flags: tlc_render_flags of the live runs. */
int tlc_activity_render(tlc_buf *out, unsigned *flags, tlc_la_phase *phase, tlc_ctx *ctx,
			const tlc_la_schedule *sch, int pres, const char *locale, tlc_time t,
			const tlc_zone *dz);
const char *tlc_la_phase_name(tlc_la_phase p);
/* Whether field f holds the same value in u and v (both set or both unset). */
bool tlc_la_value_equal(const tlc_spec *s, size_t f, const tlc_la_value *u, const tlc_la_value *v);
/* check's rules for Live Activities (TL201..TL212), over the schedule. */
void tlc_activity_verify(tlc_ctx *ctx, const tlc_la_schedule *sch, int pushes_per_hour);
/* What `check` reports for a spec at `now`: the schedule built and verified with the first
 * instant parameter at the start, the end and the middle of its domain (a relative domain, else
 * 1 min .. 7 days after now), the other parameters in the middle of theirs. Returns 0, or
 * TLC_EINPUT/TLC_ENOMEM from tlc_activity_build. */
int tlc_activity_check(tlc_ctx *ctx, const tlc_spec *s, tlc_time now);
#endif
