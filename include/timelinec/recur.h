/*
 * timelinec/recur.h — recurring targets: RFC 5545 RRULEs and a small friendly form, expanded in
 * the event zone (runtime core, libc only). Grammar, semantics and limits: docs/recurrence.md.
 *
 * Invariants:
 *  - A tlc_recur is a parsed rule plus its DTSTART, EXDATE and RDATE values. Every local reading
 *    in it is "local seconds" (civil.h) in the event zone; the zone is supplied only when the
 *    rule is expanded, so one parsed rule can be expanded in any zone.
 *  - Parsers read exactly s[0..n) and accept the whole of it. On failure they return TLC_EINPUT
 *    (malformed) or TLC_ERANGE (well-formed, but a year outside 1970..9999 or a number past a
 *    named limit) and, when `err` is not NULL, fill it: err->offset/len are the offending bytes
 *    of s, err->msg one lowercase line quoting user text in single quotes. Outputs, and the rule a
 *    setter modifies, are changed only on success.
 *  - Expansion follows RFC 5545 3.3.10 and 3.8.5.3: local readings are generated on the wall
 *    clock of the event zone, then turned into instants. A reading that does not exist (a DST
 *    gap) is not part of the set and does not count for COUNT, unless the options ask to shift
 *    it; a reading that exists twice (an overlap) is the earlier instant unless the options say
 *    otherwise. Every such decision can be reported through a callback.
 *  - Occurrences come out strictly ascending (no duplicates) as tlc_time instants. Local years
 *    stay within 1970..9999; instants outside TLC_TIME_MIN..TLC_TIME_MAX are never returned.
 *  - Every search is bounded: a rule that can never produce another occurrence ends after at
 *    most one full calendar cycle (TLC_RECUR_END_NEVER) or at the year 9999
 *    (TLC_RECUR_END_RANGE), and no call does more than TLC_RECUR_SCAN_MAX steps without a
 *    reading (TLC_RECUR_END_LIMIT).
 *  - Nothing here prints, exits, reads TZ or LANG, or keeps global state. A tlc_recur is
 *    immutable once built and may be shared between threads; an iterator belongs to one thread.
 */
#ifndef TIMELINEC_RECUR_H
#define TIMELINEC_RECUR_H

#include <stdbool.h>
#include "buf.h"
#include "common.h"
#include "zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits. */
#define TLC_RECUR_INPUT_MAX 8192      /* bytes of one rule, DTSTART, EXDATE or RDATE string */
#define TLC_RECUR_INTERVAL_MAX 1000000 /* INTERVAL, and N in the friendly 'every N...' */
#define TLC_RECUR_COUNT_MAX 100000    /* COUNT */
#define TLC_RECUR_DATES_MAX 1000      /* EXDATE values, and RDATE values, per rule */
#define TLC_RECUR_TIMES_MAX 24        /* times of day in one friendly rule ('daily 09:00, 18:00') */
#define TLC_RECUR_SCAN_MAX (1L << 22) /* search steps without an occurrence before giving up */

typedef enum tlc_recur_freq {
	TLC_RECUR_SECONDLY = 0,
	TLC_RECUR_MINUTELY,
	TLC_RECUR_HOURLY,
	TLC_RECUR_DAILY,
	TLC_RECUR_WEEKLY,
	TLC_RECUR_MONTHLY,
	TLC_RECUR_YEARLY,
	TLC_RECUR_FREQ_MAX
} tlc_recur_freq;

typedef struct tlc_recur tlc_recur;

/*
 * An RFC 5545 RECUR value: "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9", optionally prefixed "RRULE:".
 * Names and values are case-insensitive (RFC 5545 3.1). Rejected with a precise span: unknown
 * or duplicate parts, values out of range or duplicated, COUNT with UNTIL, parts RFC 5545 forbids
 * with the frequency (BYWEEKNO without YEARLY, BYDAY ordinals outside MONTHLY/YEARLY, ...).
 * The rule has no DTSTART yet: set one with tlc_recur_set_dtstart() before expanding it.
 * *out is owned by the caller (tlc_recur_free()).
 */
TLC_API int tlc_recur_parse_rrule(tlc_recur **out, const char *s, size_t n, tlc_err *err);

/*
 * The friendly form: 'daily 09:30', 'weekdays 09:30', 'weekends 10:00', 'mondays 18:00',
 * 'mon,wed,fri 18:00', 'daily 09:00, 18:00', 'monthly on the 1st at 09:00',
 * 'monthly on the last day 18:00', 'every 15m', 'every 2h', 'every 15m from 06:00 to 23:00'
 * ('to' is inclusive). Each lowers to an RRULE (tlc_recur_format() prints it). Without a
 * DTSTART the rule is anchored at 1970-01-01 00:00 local, which only matters for 'every N'
 * without a window (counted from local midnight). *out is owned by the caller.
 */
TLC_API int tlc_recur_parse_friendly(tlc_recur **out, const char *s, size_t n, tlc_err *err);

/*
 * DTSTART: a local date-time in the event zone, '2026-03-29 09:30[:00]', '2026-03-29T09:30',
 * '20260329T093000' or a bare date (midnight). A 'Z' or an offset is rejected: the series lives
 * on the event zone's wall clock. Replaces any earlier DTSTART.
 */
TLC_API int tlc_recur_set_dtstart(tlc_recur *r, const char *s, size_t n, tlc_err *err);
/* The same with a value already in local seconds (years 1970..9999, else TLC_ERANGE). */
TLC_API int tlc_recur_set_dtstart_local(tlc_recur *r, tlc_time local);

/*
 * EXDATE / RDATE values: a comma-separated list (spaces after commas allowed), optionally
 * prefixed "EXDATE:" / "RDATE:". Each value is a local date-time (as for DTSTART), a UTC
 * date-time ('20261224T170000Z', '2026-12-24T17:00:00Z') or, for EXDATE only, a bare date that
 * removes every occurrence on that local date. Appends to the rule's list (at most
 * TLC_RECUR_DATES_MAX values each).
 */
TLC_API int tlc_recur_add_exdates(tlc_recur *r, const char *s, size_t n, tlc_err *err);
TLC_API int tlc_recur_add_rdates(tlc_recur *r, const char *s, size_t n, tlc_err *err);

/* Accepts NULL. */
TLC_API void tlc_recur_free(tlc_recur *r);

TLC_API tlc_recur_freq tlc_recur_get_freq(const tlc_recur *r);
/* True when the set is finite by construction (COUNT or UNTIL). */
TLC_API bool tlc_recur_is_bounded(const tlc_recur *r);
/* True when expanding needs a DTSTART that is not set yet (an RRULE without one). */
TLC_API bool tlc_recur_needs_dtstart(const tlc_recur *r);

/*
 * Appends the canonical RECUR value ("FREQ=DAILY;BYHOUR=9;BYMINUTE=30;BYSECOND=0", parts in
 * RFC 5545 grammar order, lists sorted, defaults omitted). Parsing the output gives a rule that
 * formats identically. DTSTART, EXDATE and RDATE are not included. Check tlc_buf_oom(out).
 */
TLC_API void tlc_recur_format(tlc_buf *out, const tlc_recur *r);

/* ---- expansion ------------------------------------------------------------------------------ */

typedef enum tlc_recur_gap {
	TLC_RECUR_GAP_SKIP = 0, /* RFC 5545: a nonexistent reading is dropped and not counted */
	TLC_RECUR_GAP_SHIFT,    /* it moves forward by the gap (02:30 -> 03:30) and counts */
	TLC_RECUR_GAP_MAX
} tlc_recur_gap;

typedef enum tlc_recur_event_kind {
	TLC_RECUR_EV_GAP_SKIPPED = 0, /* a reading in a gap was dropped */
	TLC_RECUR_EV_GAP_SHIFTED,     /* a reading in a gap was moved forward */
	TLC_RECUR_EV_OVERLAP_EARLIER, /* a reading in an overlap took the earlier instant */
	TLC_RECUR_EV_OVERLAP_LATER,   /* ... the later instant */
	TLC_RECUR_EV_OVERLAP_SKIPPED, /* ... was dropped (overlap option TLC_DISAMB_REJECT) */
	TLC_RECUR_EV_KIND_MAX
} tlc_recur_event_kind;

typedef struct tlc_recur_event {
	tlc_recur_event_kind kind;
	tlc_time local;  /* the reading the rule produced (local seconds) */
	tlc_time utc;    /* the instant used; for a skipped reading, the one it would have had */
	int32_t seconds; /* length of the gap or the overlap */
	bool rdate;      /* the reading came from RDATE, not from the rule */
} tlc_recur_event;

typedef void (*tlc_recur_event_fn)(void *ud, const tlc_recur_event *ev);

/*
 * Expansion options; a NULL pointer means TLC_RECUR_OPTS_INIT.
 * gap:      what happens to a rule reading in a gap. RDATE readings in a gap always shift (they
 *           are explicit DATE-TIMEs, RFC 5545 3.3.5).
 * overlap:  COMPATIBLE or EARLIER: the earlier instant; LATER: the later one; REJECT: dropped
 *           and not counted.
 * on_event: called for every gap and overlap decision about an occurrence at or after the
 *           position the iterator was sought to (never for the ones a seek skips). May be NULL.
 */
typedef struct tlc_recur_opts {
	tlc_recur_gap gap;
	tlc_disamb overlap;
	tlc_recur_event_fn on_event;
	void *ud;
} tlc_recur_opts;

#define TLC_RECUR_OPTS_INIT { TLC_RECUR_GAP_SKIP, TLC_DISAMB_COMPATIBLE, NULL, NULL }

typedef enum tlc_recur_occ_flags {
	TLC_RECUR_OCC_RDATE = 1 << 0,   /* from RDATE (and not also from the rule) */
	TLC_RECUR_OCC_SHIFTED = 1 << 1, /* moved forward out of a gap */
	TLC_RECUR_OCC_OVERLAP = 1 << 2  /* its reading exists twice */
} tlc_recur_occ_flags;

typedef struct tlc_recur_occ {
	tlc_time utc;   /* the instant */
	tlc_time local; /* the reading it came from, before any shift (local seconds) */
	unsigned flags; /* enum tlc_recur_occ_flags */
} tlc_recur_occ;

/* Why the rule's own stream (RDATEs aside) ended. */
typedef enum tlc_recur_end {
	TLC_RECUR_END_NONE = 0, /* it has not ended */
	TLC_RECUR_END_COUNT,    /* COUNT occurrences were produced */
	TLC_RECUR_END_UNTIL,    /* past UNTIL */
	TLC_RECUR_END_RANGE,    /* past the year 9999 or TLC_TIME_MAX */
	TLC_RECUR_END_NEVER,    /* the rule can produce no further reading at all */
	TLC_RECUR_END_LIMIT,    /* TLC_RECUR_SCAN_MAX steps without an occurrence */
	TLC_RECUR_END_MAX
} tlc_recur_end;

typedef struct tlc_recur_iter tlc_recur_iter;

/*
 * An iterator over the occurrences of `r` in zone `z` (NULL: local time is UTC). `r` and `z`
 * must outlive it; `opts` is copied. It starts at the beginning of the set (DTSTART).
 * TLC_EINVAL when the rule needs a DTSTART. *out is owned by the caller (tlc_recur_iter_free());
 * stepping allocates nothing.
 */
TLC_API int tlc_recur_iter_new(tlc_recur_iter **out, const tlc_recur *r, const tlc_zone *z,
			       const tlc_recur_opts *opts);
/* Accepts NULL. */
TLC_API void tlc_recur_iter_free(tlc_recur_iter *it);
/*
 * Positions the iterator so that the next occurrence is the first one at or after `from`.
 * Without COUNT this jumps straight to `from`; with COUNT the set is counted from DTSTART.
 */
TLC_API int tlc_recur_iter_seek(tlc_recur_iter *it, tlc_time from);
/* The next occurrence; TLC_ENOTFOUND when there is none (see tlc_recur_iter_end()). */
TLC_API int tlc_recur_iter_next(tlc_recur_occ *out, tlc_recur_iter *it);
/* Why the rule's stream ended; TLC_RECUR_END_NONE while it has not. */
TLC_API tlc_recur_end tlc_recur_iter_end(const tlc_recur_iter *it);
/* A static lowercase description of an end reason ("the rule has no further occurrence"). */
TLC_API const char *tlc_recur_end_str(tlc_recur_end end);

/*
 * The first occurrence strictly after `after`: what a countdown rolls to. TLC_ENOTFOUND when
 * there is none; *end_out (may be NULL) then says why.
 */
TLC_API int tlc_recur_next_after(tlc_time *out, tlc_recur_end *end_out, const tlc_recur *r,
				 const tlc_zone *z, const tlc_recur_opts *opts, tlc_time after);

/*
 * The occurrences in [from, to), ascending, into out[0..cap). *n_out gets their number.
 * TLC_ERANGE when there are more than `cap` (out[] then holds the first `cap`, *n_out is not
 * written). out[] may be partly written on any failure.
 */
TLC_API int tlc_recur_between(tlc_time *out, size_t cap, size_t *n_out, const tlc_recur *r,
			      const tlc_zone *z, const tlc_recur_opts *opts, tlc_time from,
			      tlc_time to);

#ifdef __cplusplus
}
#endif
#endif
