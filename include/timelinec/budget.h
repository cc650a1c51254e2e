/*
 * timelinec/budget.h — the refresh-budget model and the replay of a timeline under it
 * (runtime core, no ICU). Numbers and their sources: docs/budget-model.md.
 *
 * The adversary: an entry shows up to `entry_lateness` after its date; a reload asked for at d
 * arrives at d + reload_lateness (the worst case), and only when the 24-hour sliding window
 * has a token and `min_gap` has passed since the previous reload, else when a token frees;
 * never under `frozen`, or under .never. Each arriving reload re-instantiates the program at
 * that instant. Exposure is computed per timeline tail, analytically: no time stepping.
 *
 * Ownership: tlc_replay() fills a caller-owned tlc_exposures, released with
 * tlc_exposures_release(). Nothing is global.
 */
#ifndef TIMELINEC_BUDGET_H
#define TIMELINEC_BUDGET_H

#include <stdbool.h>
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tlc_budget {
	char name[32];
	int reloads_per_day;      /* -1: unlimited; 0: no reload ever comes (frozen) */
	int64_t min_gap;          /* seconds between two reloads */
	int64_t reload_lateness;  /* a reload asked for at d arrives by d + this */
	int64_t entry_lateness;   /* an entry shows by its date + this */
	int64_t min_spacing;      /* entries closer than this are not honoured reliably */
	int max_entries;          /* timelines longer than this are not honoured reliably; 0: none */
	int64_t tolerance;        /* wrong displays shorter than this are transients, not findings */
	int64_t app_every;        /* not the profile's but the app's: it asks for a reload this often
				     while it runs in the background (a watch message, a background
				     task, a silent push), budgeted like any; 0: never. The verifier
				     sets it from the spec's refresh sources */
} tlc_budget;

/* Built-in profiles: "debugger", "frequent", "typical" (the default), "rare", "frozen". */
TLC_API int tlc_budget_get(tlc_budget *out, const char *name);
/* Names of the built-in profiles, NULL-terminated. */
TLC_API const char *const *tlc_budget_names(void);
/*
 * A custom profile: "custom:reloads=20,min-gap=1h,reload-lateness=2h,entry-lateness=2s,
 * spacing=5m,max-entries=400,tolerance=10s", starting from "typical"; or a base profile name
 * followed by overrides: "rare:reload-lateness=12h". err (may be NULL) says what is wrong.
 */
TLC_API int tlc_budget_parse(tlc_budget *out, const char *spec, tlc_err *err);

typedef enum tlc_exposure_kind {
	TLC_EXP_TIMER_OVER_24H = 0,  /* a {timer}/{countdown} shows 24:00:01 or more */
	TLC_EXP_COUNT_UP,            /* a {timer}/{relative}/{offset} shows past its target */
	TLC_EXP_STALE_TEXT,          /* the display differs from the spec: a reload came late */
	TLC_EXP_RELOAD_LOOP,         /* .atEnd on a constant tail: reloads for nothing */
	TLC_EXP_OVER_BUDGET,         /* the policy asks for more reloads than the profile gives */
	TLC_EXP_NO_RELOAD,           /* the display changes after the last entry, no reload comes */
	TLC_EXP_DENSE_ENTRIES,       /* entries closer than min_spacing */
	TLC_EXP_TOO_MANY_ENTRIES,    /* more than max_entries */
	TLC_EXP_KIND_MAX
} tlc_exposure_kind;

/* One aggregated finding of the replay: per (kind, countdown, phase, run). */
typedef struct tlc_exposure {
	tlc_exposure_kind kind;
	int countdown;          /* index, or -1 */
	int phase;              /* index, or -1 */
	int family;             /* tlc_family_id of the run, or -1 */
	int run;                /* index of the run in the phase's view, or -1 */
	tlc_time first;         /* the first instant it happens on the device */
	int64_t worst;          /* the longest it lasts (seconds); INT64_MAX: until something else */
	int64_t tolerated;      /* the largest reload delay with no finding; -1: none helps */
	size_t count;           /* how many times it happens in the replay */
	int64_t value;          /* kind-specific: reloads per day, entries, spacing (seconds) */
	bool certain;           /* it happens even when every entry and reload comes on time
				   (the spec's own doing, not the budget's) */
} tlc_exposure;

typedef struct tlc_exposures {
	tlc_exposure *v;
	size_t n, cap;
	size_t reloads;         /* reloads the replay used */
} tlc_exposures;

TLC_API void tlc_exposures_release(tlc_exposures *x);

/*
 * Replays `p` from opts->now to `until` under profile `b`, re-instantiating at each reload with
 * the same zones and params, and appends aggregated exposures to *out (which may already hold
 * exposures of other replays: aggregation merges them). TLC_ERANGE when an instantiation
 * exceeds the limits (see tlc_instantiate()).
 */
TLC_API int tlc_replay(tlc_exposures *out, const tlc_program *p, const tlc_instantiate_opts *opts,
		       const tlc_budget *b, tlc_time until, tlc_inst_err *err);

/*
 * The replay's model of one reload (docs/budget-model.md): a timeline shown from t asks for its
 * reload at d (tlc_timeline_request_date()); the new timeline arrives, at the worst the profile
 * allows, at the returned instant: d (not before t) plus the reload lateness, at least min_gap
 * after the last of the nhist earlier reloads in hist (ascending), and not before a daily token
 * is free again. TLC_TIME_NONE when d is TLC_TIME_NONE or the profile never reloads.
 */
TLC_API tlc_time tlc_budget_arrival(const tlc_budget *b, tlc_time d, tlc_time t,
				    const tlc_time *hist, size_t nhist);
/* When a timeline asks for its reload: the last entry (.atEnd), the policy date (.after), or
 * TLC_TIME_NONE (.never). */
TLC_API tlc_time tlc_timeline_request_date(const tlc_timeline *tl);

#ifdef __cplusplus
}
#endif
#endif
