/*
 * timelinec/timeline.h — instantiated timelines: entries plus a reload policy, what WidgetKit's
 * getTimeline returns. Runtime core: libc only. JSON form: docs/timeline.schema.json.
 *
 * Invariants:
 *  - Entry dates strictly increase; entries[0].date is the instantiation start. An entry exists
 *    exactly where the display changes (a phase, a baked value, a relevance window, the stale
 *    point); self-updating runs carry themselves and need none.
 *  - Two adjacent entries never show the same display (same phase, same message arguments,
 *    same live runs, same relevance).
 *  - instantiate(p, t) == slice(instantiate(p, t0), t) for t0 <= t within the window, when both
 *    use the same data time (docs/semantics.md, tested by the property tests).
 *
 * Ownership: timelines come from tlc_instantiate(), tlc_timeline_slice() or
 * tlc_timeline_read_json() and are freed with tlc_timeline_free(). A timeline may point at the
 * program it came from (`program`), which must then outlive it; one read from JSON owns a copy.
 * Thread-safety: no global state; a timeline is immutable once built (tlc_evaluate excepted,
 * which steps the timeline's recurrence iterators: see below).
 */
#ifndef TIMELINEC_TIMELINE_H
#define TIMELINEC_TIMELINE_H

#include "program.h"
#include "zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The timeline format this runtime writes and reads (docs/timeline.schema.json). */
#define TLC_TIMELINE_VERSION 2

/* Named limits. */
#define TLC_MAX_ENTRIES 10000          /* entries in one timeline */
#define TLC_MAX_CANDIDATES 2000000     /* change points examined before giving up */
#define TLC_MAX_TIMELINE_BYTES (64u << 20) /* a timeline's JSON, read or written */
#define TLC_MAX_TIMELINE_MEMORY (96 << 20) /* an instantiated timeline's entries in memory */

/* A resolved run: what one piece of text is at this entry. */
typedef struct tlc_tl_run {
	tlc_run_kind kind;
	const char *text;    /* TEXT (borrowed from the program) */
	uint32_t message;    /* MESSAGE */
	int64_t args[TLC_UNIT_COUNT]; /* MESSAGE: value of each unit it uses, bit order */
	tlc_time target;     /* live runs: the target; DATE/TIME: the instant shown */
	tlc_time from;       /* COUNTDOWN, PROGRESS: interval start */
	tlc_time pause;      /* COUNTDOWN, TIMER: pauseTime, or TLC_TIME_NONE */
	tlc_style style;     /* tlc_run_is_ios18 kinds */
	const tlc_prog_event *event; /* MESSAGE in an events countdown: the item whose fields the
					message reads (borrowed from the program); else NULL */
} tlc_tl_run;

typedef struct tlc_tl_view {
	int32_t phase;       /* index into the countdown's phases; -1: nothing shows; -2: stale;
				-3: an events countdown's `empty` text (no item remains, no target) */
	tlc_time target;     /* the occurrence counted to (recurring targets roll) */
	int32_t item;        /* events countdowns: the item shown (index as written); else -1 */
	tlc_tl_run *runs[TLC_FAM_MAX]; /* runs per family; NULL where the family uses DEFAULT */
	size_t nruns[TLC_FAM_MAX];
} tlc_tl_view;

typedef struct tlc_entry {
	tlc_time date;
	double relevance;    /* TimelineEntryRelevance score; 0: not relevant */
	int64_t relevance_duration; /* seconds the relevance lasts from this entry */
	tlc_tl_view *views;  /* one per countdown, in program order */
} tlc_entry;

typedef enum tlc_now_source {
	TLC_NOW_OPTION = 0,      /* --now / the caller */
	TLC_NOW_SOURCE_DATE_EPOCH,
	TLC_NOW_CLOCK,
	TLC_NOW_SOURCE_MAX
} tlc_now_source;

/* The items of a list parameter as one timeline instantiated them (times resolved to UTC,
 * values as text), in the order the app passed them. */
typedef struct tlc_tl_list {
	tlc_prog_event *events;
	size_t nevents;
} tlc_tl_list;

typedef struct tlc_timeline {
	const tlc_program *program;
	tlc_program *owned_program; /* set when read from JSON */
	tlc_time now;            /* instantiation instant */
	tlc_time data_time;      /* age reference for `stale:` */
	tlc_now_source now_source;
	tlc_time start, end;     /* entries describe [start, end) */
	tlc_policy_kind policy;
	tlc_time policy_date;    /* AFTER */
	bool constant_tail;      /* the last entry shows forever without a reload */
	char *display_zone;      /* zone used for {calendar-days}, {date}, {time} */
	char **param_text;       /* text values of the program's params (NULL if not text) */
	tlc_tl_list *lists;      /* per countdown: a list parameter's items; NULL when no countdown
				    reads one (views' `item` and runs' `event` point into them) */
	tlc_entry *entries;
	size_t nentries;
	struct tlc__inst *inst;   /* private: the instantiation state (NULL when read from JSON) */
	char **owned;             /* private: strings a timeline read from JSON owns */
	size_t nowned;
	tlc_time *dates;          /* private: entry dates packed for lookup (tlc_timeline_index) */
} tlc_timeline;

/* A parameter value for tlc_instantiate(). */
typedef struct tlc_param_value {
	const char *name;
	tlc_time instant;    /* INSTANT */
	int64_t number;      /* DURATION (seconds), INTEGER */
	const char *text;    /* TEXT, NUMBER (as written); EVENTS: a JSON array of items (docs/spec.md,
				"Lists of events"), at most TLC_MAX_EVENTS */
} tlc_param_value;

typedef struct tlc_instantiate_opts {
	tlc_time now;
	tlc_time data_time;          /* TLC_TIME_NONE: now */
	tlc_now_source now_source;
	const tlc_zone *event_zone;  /* NULL for floating programs */
	const tlc_zone *display_zone;/* NULL: the event zone (floating programs: required) */
	const tlc_param_value *params; /* each name at most once (TLC_EINPUT otherwise) */
	size_t nparams;
	/* Change points examined before giving up (TLC_ERANGE): 0 means TLC_MAX_CANDIDATES; a
	 * caller with a tight time budget (a widget extension, a fuzzer) may set fewer, never more. */
	size_t max_candidates;
} tlc_instantiate_opts;

/* What kind of failure an instantiation met, for callers that react differently. */
typedef enum tlc_inst_err_kind {
	TLC_INST_ERR_OTHER = 0,
	TLC_INST_ERR_MISSING_PARAM, /* TLC_EINPUT: a parameter the program needs has no value */
	TLC_INST_ERR_TOO_MANY_CHANGES, /* TLC_ERANGE: TLC_MAX_ENTRIES or max_candidates was hit */
	TLC_INST_ERR_PAST_WINDOW,   /* TLC_EINPUT: the instantiation instant is at or after the
				       window's end */
} tlc_inst_err_kind;

/* Details of a failed instantiation: which parameter is missing, which limit was hit. */
typedef struct tlc_inst_err {
	int countdown;       /* index, or -1 */
	int phase;           /* index, or -1 */
	char msg[240];
	tlc_inst_err_kind kind;
} tlc_inst_err;

/*
 * Instantiates `p` at opts->now into the fewest entries and the reload policy (docs/semantics.md).
 * TLC_EINPUT: a parameter is missing or a recurrence cannot be expanded; TLC_ERANGE: the display
 * changes more often than TLC_MAX_ENTRIES / TLC_MAX_CANDIDATES allow. err may be NULL.
 * *out points at p, which must outlive it.
 */
TLC_API int tlc_instantiate(tlc_timeline **out, const tlc_program *p,
			    const tlc_instantiate_opts *opts, tlc_inst_err *err);

/* The entries from t on: the entry showing at t re-dated to t, then the later ones. */
TLC_API int tlc_timeline_slice(tlc_timeline **out, const tlc_timeline *tl, tlc_time t);

/* Packs the entry dates for fast lookup; instantiate, slice and read do it. Call it after
 * building entries by hand. TLC_ENOMEM leaves lookup working, only slower. */
TLC_API int tlc_timeline_index(tlc_timeline *tl);

/* The index of the entry showing at t (the last with date <= t), or -1 before the first. O(log n). */
TLC_API ptrdiff_t tlc_timeline_lookup(const tlc_timeline *tl, tlc_time t);

/* True when two views show the same (phase, message arguments, live runs). */
TLC_API bool tlc_view_equal(const tlc_tl_view *a, const tlc_tl_view *b);
/* True when two views read the same on the device: as tlc_view_equal(), but relevance and the
 * start of a {countdown}'s interval (which depend on when the timeline was made) aside. */
TLC_API bool tlc_view_same_text(const tlc_tl_view *a, const tlc_tl_view *b);

/*
 * The naive evaluation of the display at instant t, straight from the semantics, with no
 * change-point search: the property tests compare it with the entries. Writes one view per
 * countdown into views_out (caller allocates ncountdowns views; release with
 * tlc_view_release()) and the relevance. It steps the recurrence iterators the instantiation
 * kept, so calls on one timeline must not overlap (one thread at a time); everything else on a
 * built timeline only reads it.
 */
TLC_API int tlc_evaluate(tlc_tl_view *views_out, double *relevance_out, const tlc_timeline *tl,
			 tlc_time t);
TLC_API void tlc_view_release(tlc_tl_view *v);

TLC_API void tlc_timeline_free(tlc_timeline *tl);

/* Baked text of a MESSAGE run from the program's precomputed table, or NULL. */
TLC_API const char *tlc_timeline_baked(const tlc_timeline *tl, const tlc_tl_run *run,
				       const char *locale);

/*
 * A callback that formats a message run in a locale (the CLI passes the ICU render module;
 * an app its own localization). Appends to out; returns 0 or a negative status.
 */
typedef int (*tlc_format_fn)(void *ud, tlc_buf *out, const tlc_timeline *tl,
			     const tlc_tl_run *run, const char *locale);

/*
 * The canonical JSON form. For each MESSAGE run, the text in each of `locales` comes from
 * `format` (may be NULL: then from the precomputed table, else only key and arguments).
 */
TLC_API int tlc_timeline_write_json(tlc_buf *out, const tlc_timeline *tl, const char *const *locales,
				    size_t nlocales, tlc_format_fn format, void *ud);
/*
 * Reads a timeline written by tlc_timeline_write_json() (it embeds its program). Errors as
 * tlc_program_read_json(): unknown keys (docs/timeline.schema.json), a parameter or countdown
 * the program does not have, an arg its message does not use are refused at their position.
 */
TLC_API int tlc_timeline_read_json(tlc_timeline **out, const char *json, size_t len, tlc_err *err);

#ifdef __cplusplus
}
#endif
#endif
