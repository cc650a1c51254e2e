/*
 * timelinec/program.h — a compiled spec ("program"): what the runtime instantiates into a
 * timeline. Runtime core: libc only. JSON form: docs/program.schema.json.
 *
 * Invariants:
 *  - A program is immutable once built or read; instantiate it from any number of threads.
 *  - Phases are on r = target - t in seconds; phase i shows while r > above (the last phase may
 *    have no threshold and then shows for every r below the previous one). Constant thresholds
 *    strictly decrease; the compiler checks it. A threshold may be a duration parameter
 *    (above_param, times above_sign), resolved at instantiation; the first match wins.
 *  - Every text is already split into runs: literal text, baked messages (an ICU MessageFormat
 *    pattern with named arguments, formatted by the app, by the precomputed table or by the
 *    render module) and self-updating runs the device renders itself.
 *  - Times are tlc_time; a LOCAL literal is local seconds in the display zone (floating specs).
 *
 * Ownership: tlc_program_read_json() returns a program freed with tlc_program_free(); every
 * string and array inside belongs to it.
 */
#ifndef TIMELINEC_PROGRAM_H
#define TIMELINEC_PROGRAM_H

#include <stdbool.h>
#include "buf.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TLC_PROGRAM_VERSION 2
/* Countdowns in one program (each entry of a timeline carries one view per countdown). */
#define TLC_MAX_COUNTDOWNS 64
/* Parameters of one spec or program (their names are unique). */
#define TLC_MAX_PARAMS 64
#define TLC_MAX_PROGRAM_BYTES (16u << 20) /* a program's JSON, read or written */
/* The iOS a spec targets (`minimum-ios:`, a major version): the default when the spec gives
 * none, and the range accepted. The lowest is the iOS the rules describe (docs/budget-model.md
 * is iOS 17 and later); the highest is the newest iOS released. Programs write the key only when
 * it is not the default. */
#define TLC_IOS_DEFAULT 17
#define TLC_IOS_LOWEST 17
#define TLC_IOS_HIGHEST 26
/* The first iOS with the SystemFormatStyle text styles (docs/rendering.md). */
#define TLC_IOS_FORMAT_STYLES 18
/* Items of one `events:` list, and fields of each item. */
#define TLC_MAX_EVENTS 256
#define TLC_MAX_EVENT_FIELDS 16

/* Widget families; DEFAULT applies to the families a view does not list. */
typedef enum tlc_family_id {
	TLC_FAM_DEFAULT = 0,
	TLC_FAM_SMALL,
	TLC_FAM_MEDIUM,
	TLC_FAM_LARGE,
	TLC_FAM_EXTRA_LARGE,
	TLC_FAM_INLINE,
	TLC_FAM_CIRCULAR,
	TLC_FAM_RECTANGULAR,
	TLC_FAM_MAX
} tlc_family_id;
TLC_API const char *tlc_family_name(tlc_family_id f);

typedef enum tlc_run_kind {
	TLC_RUN_TEXT = 0,  /* literal text */
	TLC_RUN_MESSAGE,   /* a baked message (index into the program's messages) */
	TLC_RUN_TIMER,     /* Text(target, style: .timer) */
	TLC_RUN_COUNTDOWN, /* Text(timerInterval: from...target, pauseTime: target) */
	TLC_RUN_RELATIVE,  /* Text(target, style: .relative) */
	TLC_RUN_OFFSET,    /* Text(target, style: .offset) */
	TLC_RUN_DATE,      /* Text(target, style: .date) */
	TLC_RUN_TIME,      /* Text(target, style: .time) */
	TLC_RUN_PROGRESS,  /* ProgressView(timerInterval: from...target) */
	TLC_RUN_DATE_OFFSET, /* iOS 18: Text(.currentDate, format: .offset(to: target,
				allowedFields:, maxFieldCount:, sign:)), with the run's style */
	TLC_RUN_COUNTDOWN_TIMER, /* iOS 18: Text(.currentDate, format: .timer(countingDownIn:
				from...target, showsHours:, maxFieldCount:, maxPrecision:)) */
	TLC_RUN_STOPWATCH,   /* iOS 18: Text(.currentDate, format: .stopwatch(startingAt: target,
				showsHours:, maxFieldCount:, maxPrecision:)) */
	TLC_RUN_DATE_REFERENCE, /* iOS 18: Text(.currentDate, format: .reference(to: target,
				allowedFields:, maxFieldCount:, thresholdField:)) */
	TLC_RUN_KIND_MAX
} tlc_run_kind;
TLC_API const char *tlc_run_kind_name(tlc_run_kind k);
/* True for the kinds the device renders and updates itself. */
static inline bool tlc_run_is_live(tlc_run_kind k) { return k >= TLC_RUN_TIMER; }
/* True for the iOS 18 format styles (SystemFormatStyle): they need minimum-ios 18 and carry a
 * tlc_style. */
static inline bool tlc_run_is_ios18(tlc_run_kind k)
{
	return k == TLC_RUN_DATE_OFFSET || k == TLC_RUN_COUNTDOWN_TIMER || k == TLC_RUN_STOPWATCH ||
	       k == TLC_RUN_DATE_REFERENCE;
}
/* True for the kinds shown over an interval from...target ({countdown}, {progress},
 * {countdown-timer}): their runs carry `from`. */
static inline bool tlc_run_has_from(tlc_run_kind k)
{
	return k == TLC_RUN_COUNTDOWN || k == TLC_RUN_PROGRESS || k == TLC_RUN_COUNTDOWN_TIMER;
}
/* True for the iOS 18 clock styles ({countdown-timer}, {stopwatch}): options hours, max,
 * precision instead of fields, max, sign. */
static inline bool tlc_run_is_clock_style(tlc_run_kind k)
{
	return k == TLC_RUN_COUNTDOWN_TIMER || k == TLC_RUN_STOPWATCH;
}

/* The fields of an iOS 18 style (Date.ComponentsFormatStyle.Field), as bits, largest first. */
typedef enum tlc_style_field {
	TLC_SF_YEAR = 1 << 0,
	TLC_SF_MONTH = 1 << 1,
	TLC_SF_WEEK = 1 << 2,
	TLC_SF_DAY = 1 << 3,
	TLC_SF_HOUR = 1 << 4,
	TLC_SF_MINUTE = 1 << 5,
	TLC_SF_SECOND = 1 << 6,
	TLC_SF_ALL = (1 << 7) - 1
} tlc_style_field;
#define TLC_SF_COUNT 7
/* "year", "month", ... for a single bit, in bit order; NULL otherwise. */
TLC_API const char *tlc_style_field_name(unsigned field);

/* NumberFormatStyleConfiguration.SignDisplayStrategy, as the iOS 18 offset style takes it. */
typedef enum tlc_style_sign {
	TLC_SIGN_AUTOMATIC = 0, /* a minus sign before the target */
	TLC_SIGN_NEVER,
	TLC_SIGN_ALWAYS,        /* a minus sign before, a plus sign from the target on */
	TLC_SIGN_MAX
} tlc_style_sign;
TLC_API const char *tlc_style_sign_name(tlc_style_sign s);

/* maxPrecision of the clock styles: .milliseconds(10), .seconds(1), .seconds(60). */
typedef enum tlc_style_precision {
	TLC_PREC_HUNDREDTHS = 0, /* {stopwatch} only */
	TLC_PREC_SECONDS,
	TLC_PREC_MINUTES,
	TLC_PREC_MAX
} tlc_style_precision;
TLC_API const char *tlc_style_precision_name(tlc_style_precision p);

/* The options of an iOS 18 style; the defaults are Apple's (docs/spec.md, "Placeholders").
 * {date-offset}: fields, max, sign. {countdown-timer}, {stopwatch}: hours, max, precision (fields
 * and sign keep their defaults). {date-reference}: fields, max, threshold. */
typedef struct tlc_style {
	unsigned fields;      /* tlc_style_field bits, not 0 */
	int max;              /* maxFieldCount: 1..TLC_SF_COUNT; the clock styles tlc_style_max_cap */
	tlc_style_sign sign;
	bool hours;           /* showsHours */
	tlc_style_precision precision;
	unsigned threshold;   /* thresholdField, one tlc_style_field bit ({date-reference}) */
} tlc_style;
#define TLC_STYLE_DEFAULT {TLC_SF_ALL, 2, TLC_SIGN_AUTOMATIC, true, TLC_PREC_SECONDS, TLC_SF_DAY}
/* {date-reference}'s default allowedFields: [.year, .month, .day, .hour, .minute]. */
#define TLC_SF_REFERENCE_DEFAULT (TLC_SF_YEAR | TLC_SF_MONTH | TLC_SF_DAY | TLC_SF_HOUR | TLC_SF_MINUTE)
/* Apple's defaults per kind: {countdown-timer} max 3, precision seconds; {stopwatch} max 4,
 * precision hundredths; {date-reference} fields year month day hour minute, max 2, threshold day. */
static inline tlc_style tlc_style_default(tlc_run_kind k)
{
	tlc_style s = TLC_STYLE_DEFAULT;
	if (k == TLC_RUN_COUNTDOWN_TIMER)
		s.max = 3;
	if (k == TLC_RUN_STOPWATCH) {
		s.max = 4;
		s.precision = TLC_PREC_HUNDREDTHS;
	}
	if (k == TLC_RUN_DATE_REFERENCE)
		s.fields = TLC_SF_REFERENCE_DEFAULT;
	return s;
}
/* The largest max: for a kind: {countdown-timer} 3 (hours, minutes, seconds), {stopwatch} 4
 * (and hundredths), {date-offset} TLC_SF_COUNT. */
static inline int tlc_style_max_cap(tlc_run_kind k)
{
	return k == TLC_RUN_COUNTDOWN_TIMER ? 3 : k == TLC_RUN_STOPWATCH ? 4 : TLC_SF_COUNT;
}
/* The offset style prints a time pattern ("5:32", "1:23:45") for exactly these fields and
 * counts (Apple's DateOffset page); 2: with an hour field (no day field: "25:00:00"). */
static inline int tlc_style_clock(const tlc_style *s)
{
	if (s->fields == (TLC_SF_MINUTE | TLC_SF_SECOND) && s->max == 2)
		return 1;
	if (s->fields == (TLC_SF_HOUR | TLC_SF_MINUTE | TLC_SF_SECOND) && s->max == 3)
		return 2;
	return 0;
}

/* Time units a baked message uses, as bits. */
typedef enum tlc_unit {
	TLC_UNIT_DAYS = 1 << 0,          /* {days}: whole days */
	TLC_UNIT_HOURS = 1 << 1,         /* {hours}: hours after the days */
	TLC_UNIT_MINUTES = 1 << 2,       /* {minutes}: minutes after the hours */
	TLC_UNIT_SECONDS = 1 << 3,       /* {seconds}: seconds after the minutes */
	TLC_UNIT_TOTAL_HOURS = 1 << 4,   /* {total-hours} */
	TLC_UNIT_TOTAL_MINUTES = 1 << 5, /* {total-minutes} */
	TLC_UNIT_CALENDAR_DAYS = 1 << 6, /* {calendar-days}: local dates apart in the display zone */
	TLC_UNIT_ALL = (1 << 7) - 1
} tlc_unit;
#define TLC_UNIT_COUNT 7
/* "days", "hours", ... for a single bit, in bit order; NULL otherwise. */
TLC_API const char *tlc_unit_name(unsigned unit);

typedef struct tlc_prog_run {
	tlc_run_kind kind;
	char *text;        /* TEXT */
	uint32_t message;  /* MESSAGE */
	tlc_style style;   /* tlc_run_is_ios18 kinds */
	bool to_end;       /* live runs of an events countdown's phase: to the item's end (`{timer
			      end}`; {countdown end} and {progress end} run from its start) */
	uint32_t line, col; /* where the run was written in the spec (0: unknown) */
} tlc_prog_run;

typedef struct tlc_prog_view {
	bool present;      /* DEFAULT is always present when the phase has text */
	tlc_prog_run *runs;
	size_t nruns;
} tlc_prog_view;

typedef struct tlc_prog_phase {
	bool has_above;
	int64_t above;     /* 0 when above_param is set */
	char *above_param; /* a duration parameter's name: the threshold is above_sign * its value */
	bool above_end;    /* EVENTS: the threshold is T - E of the item shown (r > T - E: t < E) */
	int above_sign;    /* 1 or -1 (above_param only) */
	tlc_prog_view views[TLC_FAM_MAX];
	uint32_t line, col;
} tlc_prog_phase;

typedef struct tlc_prog_message {
	char *key;          /* stable id "countdown.above-1d.default" for the app's own localization */
	char *pattern;      /* ICU MessageFormat, named arguments */
	unsigned units;     /* enum tlc_unit bits used */
	char **params;      /* text/number parameters used, by name */
	size_t nparams;
	uint32_t line, col;
} tlc_prog_message;

/* An instant as the spec gave it: a literal, a parameter or the instantiation instant, plus an
 * offset in seconds. */
typedef enum tlc_prog_time_kind {
	TLC_PTIME_NONE = 0,
	TLC_PTIME_LITERAL,
	TLC_PTIME_LOCAL,   /* local seconds in the display zone (timezone: floating) */
	TLC_PTIME_PARAM,
	TLC_PTIME_NOW,
	TLC_PTIME_KIND_MAX
} tlc_prog_time_kind;

typedef struct tlc_prog_time {
	tlc_prog_time_kind kind;
	tlc_time at;       /* LITERAL, LOCAL */
	char *param;       /* PARAM */
	int64_t offset;
} tlc_prog_time;

typedef enum tlc_target_mode {
	TLC_TARGET_MODE_TO = 0,  /* counts down to `target` */
	TLC_TARGET_MODE_SINCE,   /* counts up from `target`: count-ups are intended */
	TLC_TARGET_MODE_RECUR,   /* the next occurrence of `rrule`, rolling over */
	TLC_TARGET_MODE_EVENTS,  /* the next item of `events` not rolled yet */
	TLC_TARGET_MODE_MAX
} tlc_target_mode;

/* One item of an events countdown: its start, its end (NONE: the start) and its field values
 * (values[k] for the countdown's fields[k]; an integer field's value is its decimal text). */
typedef struct tlc_prog_event {
	tlc_prog_time at, end;   /* NONE for a recurring item */
	char *rrule;             /* a recurring item: every occurrence of this canonical RRULE in
				    the event zone (DTSTART 1970-01-01T00:00:00 local), or NULL */
	int64_t length;          /* a recurring item: each occurrence's end is O + length */
	char **values;
	const struct tlc_prog_countdown *countdown; /* the list's countdown (field names), borrowed */
	uint32_t line, col;
} tlc_prog_event;

typedef struct tlc_prog_field {
	char *name;
	bool is_int;       /* an integer: messages read it as a number */
} tlc_prog_field;

typedef struct tlc_prog_countdown {
	char *id;                  /* "main" for a lone countdown */
	tlc_target_mode mode;
	tlc_prog_time target;      /* TO, SINCE */
	char *rrule;               /* RECUR: canonical RRULE */
	tlc_time dtstart;          /* RECUR: local seconds in the event zone */
	tlc_time *exdate, *rdate;  /* RECUR: local seconds */
	bool *exdate_is_date;      /* RECUR: a bare date removes every occurrence that day */
	size_t nexdate, nrdate;
	int64_t roll_after;        /* RECUR, EVENTS: move on at T + roll_after (EVENTS: or the end) */
	tlc_prog_event *events;    /* EVENTS: the items as written (at least one), or none when */
	size_t nevents;
	char *events_param;        /* EVENTS: ... they come from this list parameter */
	tlc_prog_field *fields;    /* EVENTS: the items' fields (a list parameter's: a copy) */
	size_t nfields;
	tlc_prog_time from;        /* start of {countdown}/{progress}; NONE: the phase start */
	tlc_prog_time paused_at;
	bool has_relevance;
	double relevance_score;
	int64_t relevance_from, relevance_until;
	bool has_stale;
	int64_t stale_after;
	tlc_prog_view stale_views[TLC_FAM_MAX];
	bool has_empty;            /* EVENTS: what shows once no item remains (phase -3) */
	tlc_prog_view empty_views[TLC_FAM_MAX];
	tlc_prog_phase *phases;
	size_t nphases;
	uint32_t line, col;
} tlc_prog_countdown;

typedef enum tlc_policy_kind {
	TLC_POLICY_AUTO = 0, /* program only: computed at instantiation */
	TLC_POLICY_AT_END,
	TLC_POLICY_NEVER,
	TLC_POLICY_AFTER,
	TLC_POLICY_KIND_MAX
} tlc_policy_kind;

typedef enum tlc_prog_param_type {
	TLC_PPARAM_INSTANT = 0,
	TLC_PPARAM_DURATION,
	TLC_PPARAM_TEXT,
	TLC_PPARAM_INTEGER,
	TLC_PPARAM_NUMBER,
	TLC_PPARAM_EVENTS, /* a list of events, passed as a JSON array (tlc_param_value.text) */
	TLC_PPARAM_TYPE_MAX
} tlc_prog_param_type;

typedef struct tlc_prog_param {
	char *name;
	tlc_prog_param_type type;
	tlc_prog_field *fields; /* EVENTS: each item's fields */
	size_t nfields;
} tlc_prog_param;

/* Precomputed baked text: for one message and locale, the text of each argument tuple. */
typedef struct tlc_prog_baked {
	uint32_t message;
	char *locale;
	int64_t *keys;     /* ntuples x nunits values, units in bit order */
	char **texts;      /* ntuples */
	size_t ntuples;
	char *text_block;  /* when set, texts[] point into this one allocation, freed with it;
			    * else each text is an allocation of its own */
} tlc_prog_baked;

typedef struct tlc_program {
	int version;
	char *widget;
	char *zone;                /* event zone: IANA name or "floating" */
	int disambiguation;        /* tlc_disamb */
	int minimum_ios;           /* major version, TLC_IOS_LOWEST..TLC_IOS_HIGHEST */
	char **locales;
	size_t nlocales;
	tlc_prog_param *params;
	size_t nparams;
	bool has_window;
	tlc_prog_time window_start, window_end;
	int64_t horizon;           /* without a window */
	tlc_policy_kind reload;
	tlc_prog_time reload_after; /* AFTER: an instant, or NOW + duration */
	tlc_prog_countdown *countdowns;
	size_t ncountdowns;
	tlc_prog_message *messages;
	size_t nmessages;
	tlc_prog_baked *baked;
	size_t nbaked;
	char *source;              /* the spec file name, for humans */
} tlc_program;

/* Frees a program and everything in it. Accepts NULL. */
TLC_API void tlc_program_free(tlc_program *p);
/* The canonical JSON form (deterministic; 2-space indentation). Check tlc_buf_oom(out). */
TLC_API void tlc_program_write_json(tlc_buf *out, const tlc_program *p);
/*
 * Reads a program. On TLC_EINPUT, err (may be NULL) says what is wrong, with err->offset the
 * byte where the JSON reader stopped for syntax errors (and err->msg its line and column), else
 * the byte of the offending key or value and err->len its length (0, 0 when it has none). Every
 * object is read against the keys the writer writes (docs/program.schema.json): any other key
 * is refused ("unknown key 'K' in a countdown"), never skipped. *out is owned by the caller.
 */
TLC_API int tlc_program_read_json(tlc_program **out, const char *json, size_t len, tlc_err *err);

#ifdef __cplusplus
}
#endif
#endif
