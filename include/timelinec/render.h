/*
 * timelinec/render.h — the text an iOS device shows for self-updating date runs and baked
 * messages, per locale (runtime render module, ICU 72; the runtime core never links it).
 *
 * Invariants:
 *  - Output never depends on the host: no setlocale(), no ICU default locale, no ICU default or
 *    bundled time zone. Display zones arrive as UTC offsets the caller computed with its own zone
 *    provider (zone.h); ICU formats wall-clock fields in "GMT" only.
 *  - Every style appends to a tlc_buf. On failure the buffer is truncated back to the length it
 *    had on entry (or is sticky-OOM, and TLC_ENOMEM is returned); flag outputs are written only
 *    on success. Appended text is UTF-8.
 *  - Instants are tlc_time in [TLC_TIME_MIN, TLC_TIME_MAX]; others give TLC_ERANGE.
 *  - Which rules come from Apple's documentation and which are approximations (ICU 72, CLDR 42)
 *    is listed rule by rule in docs/rendering.md.
 *
 * Ownership and threads:
 *  - A tlc_render_ctx holds every ICU object (number, unit, list, date, plural and message
 *    formatters) in per-locale caches. No global state: use one ctx per thread. A ctx and the
 *    tlc_render_locale handles it hands out must not be used by two threads at once.
 *  - A tlc_render_locale is owned by its ctx and lives until tlc_render_ctx_free(). It is not
 *    const because its caches fill lazily.
 *  - Strings passed in are borrowed for the duration of the call.
 */
#ifndef TIMELINEC_RENDER_H
#define TIMELINEC_RENDER_H

#include <stdbool.h>
#include "common.h"
#include "buf.h"
#include "program.h" /* tlc_style */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tlc_render_ctx tlc_render_ctx;
typedef struct tlc_render_locale tlc_render_locale;

/* Named limits. */
#define TLC_RENDER_MAX_LOCALES 64    /* distinct locales one ctx opens (TLC_ERANGE beyond) */
#define TLC_RENDER_LOCALE_MAX_LEN 96 /* bytes of a locale id (TLC_ENOTFOUND beyond) */
#define TLC_MSG_MAX_LEN 65536        /* bytes of a message pattern */
#define TLC_MSG_MAX_DEPTH 16         /* nesting of plural/select arguments */
#define TLC_MSG_MAX_NUM_ARGS 16      /* distinct integer arguments one message uses */
#define TLC_MSG_MAX_STR_ARGS 16      /* distinct string arguments one message uses */
#define TLC_MSG_CACHE_SIZE 32        /* compiled messages cached per locale (LRU) */
#define TLC_MSG_MAX_TEXT 4096        /* bytes one formatted message may produce (TLC_ERANGE) */

/* *out: a new context, freed with tlc_render_ctx_free(). */
TLC_API int tlc_render_ctx_new(tlc_render_ctx **out);
/* Frees ctx and every locale handle and ICU object it holds. Accepts NULL. */
TLC_API void tlc_render_ctx_free(tlc_render_ctx *ctx);

/*
 * The handle of locale `name` ("en_US", "de-DE", "ar_EG@numbers=latn"), opened on first use and
 * cached. Accepted: [A-Za-z0-9_-] subtags, optionally "@" and ICU keywords [A-Za-z0-9=;_-].
 * A locale ICU has no data for (it would fall back silently to the root or the host's default
 * locale), "root", "und" and "" are TLC_ENOTFOUND. A known language with an unknown region
 * ("en_ZZ") is accepted and renders as its language. *out is owned by ctx.
 */
TLC_API int tlc_render_locale_get(tlc_render_locale **out, tlc_render_ctx *ctx, const char *name);
/* The canonical ICU id of loc ("de_DE"). Owned by loc. */
TLC_API const char *tlc_render_locale_name(const tlc_render_locale *loc);
/* True when loc's digits are ASCII 0-9 (ar_EG: false, it uses U+0660..U+0669). */
TLC_API bool tlc_render_locale_ascii_digits(const tlc_render_locale *loc);

/* What a live style did, for the verifier. Bits of `unsigned *flags_out`. */
enum tlc_render_flags {
	TLC_RENDER_F_PAST_TARGET = 1 << 0,    /* now > target (.timer/.relative count up; .offset "+") */
	TLC_RENDER_F_HOURS_PAST_24 = 1 << 1,  /* an hour field >= 24 was shown ("25:12:34") */
	TLC_RENDER_F_RANGE_CLAMPED = 1 << 2,  /* timerInterval start > end: Swift traps; shown as start == end */
	TLC_RENDER_F_PAST_END = 1 << 3,       /* timerInterval: now > end and no pauseTime <= end:
						 Apple leaves this undefined; shown clamped */
	TLC_RENDER_F_PAUSED = 1 << 4,         /* timerInterval: the display is held at pauseTime */
	TLC_RENDER_F_BEFORE_START = 1 << 5,   /* timerInterval: now < start; shown clamped */
	TLC_RENDER_F_MAX = 1 << 6
};

/*
 * Text(target, style: .timer). Shows |target - now|: "M:SS" under one hour, "H:MM:SS" from one
 * hour, hours never rolled into days ("36:59:01"); counts up, unsigned, after the target. Digits
 * are loc's; ':' is the separator in every locale. No ICU call (digits cached per locale).
 * flags_out may be NULL.
 */
TLC_API int tlc_render_timer(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			     tlc_time now, tlc_time target);

/* Text(timerInterval: start...end, pauseTime:, countsDown:, showsHours:). */
typedef struct tlc_timer_interval {
	tlc_time start;    /* a */
	tlc_time end;      /* b; a > b is clamped to a == b and flagged (Swift traps) */
	tlc_time pause;    /* TLC_TIME_NONE: never paused */
	bool counts_down;  /* SwiftUI default true: b - t; false: t - a */
	bool shows_hours;  /* SwiftUI default true; false: minutes run past 60 ("90:00") */
} tlc_timer_interval;
#define TLC_TIMER_INTERVAL_INIT(a, b) { (a), (b), TLC_TIME_NONE, true, true }

/*
 * The reading at `now`: t = min(now, pause) when paused, clamped to [a, b]; the value b - t
 * (counts_down) or t - a, so always within [0, b - a]. Formatted like .timer, except that with
 * shows_hours false the minutes accumulate ("90:00"). flags_out may be NULL.
 */
TLC_API int tlc_render_timer_interval(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
				      tlc_time now, const tlc_timer_interval *ti);

typedef enum tlc_relative_width {
	TLC_RELATIVE_FULL = 0,    /* "2 hours, 23 minutes" (SwiftUI .relative) */
	TLC_RELATIVE_ABBREVIATED, /* "11 min, 14 sec" (the form Apple's widget article shows) */
	TLC_RELATIVE_WIDTH_MAX
} tlc_relative_width;

/*
 * Text(target, style: .relative): the unsigned difference as calendar components (years,
 * months, days, hours, minutes, seconds, counted on the wall clock of the display zone,
 * `utc_offset` seconds east of UTC), the largest nonzero unit and the next smaller unit when it
 * is nonzero, joined by the locale's unit list pattern. "0 seconds" at the target.
 * Approximate where Apple is silent: see docs/rendering.md. flags_out may be NULL.
 */
TLC_API int tlc_render_relative(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
				tlc_time now, tlc_time target, int32_t utc_offset,
				tlc_relative_width width);

/*
 * Text(target, style: .offset): the largest nonzero calendar unit of the difference, signed
 * "-" while the target is ahead and "+" from the target on ("-11 minutes", "+2 hours",
 * "+0 seconds" at the target). Components as in tlc_render_relative. flags_out may be NULL.
 */
TLC_API int tlc_render_offset(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			      tlc_time now, tlc_time target, int32_t utc_offset);

/*
 * iOS 18 Text(.currentDate, format: .offset(to: target, allowedFields:, maxFieldCount:, sign:))
 * at `now`: now - target in the style's fields (calendar months on the wall clock of the
 * display zone, `utc_offset` seconds east of UTC, then fixed weeks, days, hours, minutes,
 * seconds), at most style->max of them from the largest nonzero one, joined by the locale's unit
 * list pattern ("1 day, 2 hours"); a time pattern ("1:23:45") for the clock field sets. Signed
 * per style->sign. Rules, sources and what is inferred: docs/rendering.md. flags_out may be
 * NULL; TLC_EINVAL for a style out of range.
 */
TLC_API int tlc_render_date_offset(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
				   tlc_time now, tlc_time target, int32_t utc_offset,
				   const tlc_style *style);

/*
 * iOS 18 Text(.currentDate, format: .reference(to: target, allowedFields:, maxFieldCount:,
 * thresholdField:)) at `now`: relative while |target - now| is under one unit of the next larger
 * allowed field above style->threshold ("in 2 hours, 5 minutes", "3 days ago", "tomorrow", "now"
 * under the smallest allowed field when it is minute or second; at most style->max fields), else
 * the date in the locale's pattern for a skeleton: "yMMMM" in another year ("June 2019"),
 * "MMMMEEEEd" ("Monday, June 3"), with "jmm" for a threshold of hour or less. Wall clock of the
 * display zone (`utc_offset`). PAST_TARGET after target. Rules, sources and what is inferred:
 * docs/rendering.md. TLC_EINVAL for a style out of range.
 */
TLC_API int tlc_render_date_reference(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
				      tlc_time now, tlc_time target, int32_t utc_offset,
				      const tlc_style *style);

/*
 * iOS 18 Text(.currentDate, format: .timer(countingDownIn: from...target, showsHours:,
 * maxFieldCount:, maxPrecision:)) at `now`: target - now, from the interval's length before `from`
 * (BEFORE_START) down to 0:00, held at 0:00 past target (PAST_TARGET, PAST_END; inferred), as
 * "M:SS" / "H:MM:SS" (hours never roll into days: HOURS_PAST_24), the first style->max of hours
 * (style->hours), minutes, seconds (precision seconds). from > target: RANGE_CLAMPED.
 * docs/rendering.md. TLC_EINVAL for a style out of range (max 1..3, no hundredths).
 */
TLC_API int tlc_render_countdown_timer(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
				       tlc_time now, tlc_time from, tlc_time target,
				       const tlc_style *style);

/*
 * iOS 18 Text(.currentDate, format: .stopwatch(startingAt: start, showsHours:, maxFieldCount:,
 * maxPrecision:)) at `now`: now - start, "00:05.00", "01:00:00.00", "25:01:01.00" (no day field:
 * HOURS_PAST_24), "00:00.00" before the start (BEFORE_START); PAST_TARGET after it. Timelines hold
 * whole seconds, so hundredths read "00". docs/rendering.md. TLC_EINVAL for a style out of range
 * (max 1..4).
 */
TLC_API int tlc_render_stopwatch(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
				 tlc_time now, tlc_time start, const tlc_style *style);

/*
 * Text(t, style: .date) / .time: ICU's long date ("June 3, 2019") and short time
 * ("11:23\u202FPM": ICU 72 puts U+202F before AM/PM, Apple's page shows "11:23PM") of the wall
 * clock at t + utc_offset, in loc's default calendar.
 */
TLC_API int tlc_render_date(tlc_buf *out, tlc_render_locale *loc, tlc_time t, int32_t utc_offset);
TLC_API int tlc_render_time(tlc_buf *out, tlc_render_locale *loc, tlc_time t, int32_t utc_offset);

/* ---- Baked messages: ICU MessageFormat with named arguments ---- */

/* CLDR plural categories, as bits. */
enum tlc_plural_cat {
	TLC_PLURAL_ZERO = 1 << 0,
	TLC_PLURAL_ONE = 1 << 1,
	TLC_PLURAL_TWO = 1 << 2,
	TLC_PLURAL_FEW = 1 << 3,
	TLC_PLURAL_MANY = 1 << 4,
	TLC_PLURAL_OTHER = 1 << 5,
	TLC_PLURAL_ALL = (1 << 6) - 1
};
/* "zero", "one", ... for a single bit; NULL otherwise. Static storage. */
TLC_API const char *tlc_plural_cat_name(unsigned cat);

/* The categories loc's cardinal (or ordinal) plural rules have. Arabic: all six. */
TLC_API int tlc_render_plural_categories(unsigned *out, tlc_render_locale *loc, bool ordinal);

/*
 * The categories loc's cardinal (or ordinal) rules select for the integers min..max (capped at
 * 1999), as TLC_PLURAL_* bits: what the numbers that can really occur need.
 */
TLC_API int tlc_render_plural_range(unsigned *out, tlc_render_locale *loc, bool ordinal,
				    int64_t min, int64_t max);

typedef enum tlc_msg_arg_type {
	TLC_MSG_ARG_INT = 0, /* i, |i| <= 2^53 */
	TLC_MSG_ARG_STRING,  /* s, UTF-8 */
	TLC_MSG_ARG_TYPE_MAX
} tlc_msg_arg_type;

/* One argument value. name and s are borrowed, NUL-terminated. */
typedef struct tlc_msg_arg {
	const char *name;
	tlc_msg_arg_type type;
	int64_t i;
	const char *s;
} tlc_msg_arg;

/*
 * Formats `pattern` (UTF-8, `len` bytes) in loc. Arguments are named ({days}, {total-hours}:
 * names are [A-Za-z0-9_-]+); the module maps them to ICU's positional arguments itself,
 * respecting apostrophe quoting and nesting. Integer arguments work in plural, selectordinal,
 * number, spellout, ordinal, duration and plain {x}; strings in select and plain {x}. date, time
 * and choice arguments are rejected (the first two would use ICU's zone; the device renders
 * dates). On TLC_EINPUT, err (may be NULL) locates the problem in `pattern`.
 */
TLC_API int tlc_render_msg(tlc_buf *out, tlc_err *err, tlc_render_locale *loc,
			   const char *pattern, size_t len, const tlc_msg_arg *args, size_t nargs);

/*
 * A message scanned once and formatted with many values (a table of baked texts): the same
 * result and errors as tlc_render_msg for each call, without converting the pattern again.
 * tlc_render_msg_prepare takes the argument names and types (values are ignored); each call of
 * tlc_render_msg_prepared passes the same names and types in the same order (TLC_EINVAL
 * otherwise) with their values. The pattern and the names are copied only as far as the
 * prepared message needs: `pattern` may be freed after preparing, but the names (and loc) must
 * live as long as it. At most TLC_MSG_MAX_NUM_ARGS + TLC_MSG_MAX_STR_ARGS arguments (TLC_ERANGE).
 * Not for concurrent use (like the render context it came from).
 */
typedef struct tlc_msg_prepared tlc_msg_prepared;
TLC_API int tlc_render_msg_prepare(tlc_msg_prepared **out, tlc_err *err, tlc_render_locale *loc,
				   const char *pattern, size_t len, const tlc_msg_arg *args,
				   size_t nargs);
TLC_API int tlc_render_msg_prepared(tlc_buf *out, tlc_err *err, const tlc_msg_prepared *m,
				    const tlc_msg_arg *args, size_t nargs);
TLC_API void tlc_render_msg_prepared_free(tlc_msg_prepared *m);

typedef enum tlc_msg_kind {
	TLC_MSG_KIND_SIMPLE = 0,     /* {x} or {x, number|spellout|ordinal|duration[, style]} */
	TLC_MSG_KIND_PLURAL,
	TLC_MSG_KIND_SELECTORDINAL,
	TLC_MSG_KIND_SELECT,
	TLC_MSG_KIND_MAX
} tlc_msg_kind;

/* One argument occurrence in a pattern; offsets are bytes into the pattern. */
typedef struct tlc_msg_use {
	size_t off, len;           /* the whole "{...}" */
	size_t name_off, name_len; /* the argument name */
	tlc_msg_kind kind;
	unsigned depth;            /* 0 at top level, 1 inside one plural/select branch, ... */
	unsigned covered;          /* PLURAL/SELECTORDINAL: TLC_PLURAL_* keyword branches present */
	unsigned missing;          /* PLURAL/SELECTORDINAL: categories loc has that neither a
				      keyword branch nor explicit =N branches cover (0 when loc
				      is NULL); see docs/rendering.md */
} tlc_msg_use;

/*
 * Checks pattern syntax (as tlc_render_msg, without argument values) and lists every argument
 * occurrence in pattern order. loc may be NULL (then `missing` is 0). *out is a heap array the
 * caller frees with free(); NULL when *n_out is 0. On TLC_EINPUT, err (may be NULL) is filled.
 */
TLC_API int tlc_render_msg_scan(tlc_msg_use **out, size_t *n_out, tlc_err *err,
				tlc_render_locale *loc, const char *pattern, size_t len);

#ifdef __cplusplus
}
#endif
#endif
