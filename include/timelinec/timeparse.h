/*
 * timelinec/timeparse.h — parsing the time values of a spec: durations, instants, times of day,
 * windows, parameter expressions and check-params domains. The grammar of every form, with
 * examples and error examples, is docs/time-values.md.
 *
 * Invariants:
 *  - Every parser reads exactly the bytes s[0..n) (no NUL terminator needed; a NUL inside is an
 *    error) and accepts the whole of it: no leading or trailing spaces.
 *  - Results are deterministic: the host's TZ, LANG and locale are never consulted. A local
 *    reading is resolved only through an explicit tlc_zone (tlc_instant_resolve()).
 *  - Return 0, TLC_EINPUT (malformed) or TLC_ERANGE (well-formed but outside the supported range:
 *    years 1970..9999, durations up to TLC_DURATION_MAX); TLC_EINVAL for a broken API contract.
 *  - Outputs are written only on success. `err` may be NULL; it is written only on failure:
 *    err->offset/len are the offending bytes of the input, err->msg is one lowercase line.
 *  - All arithmetic is overflow-checked. Durations are fixed lengths: 1d is 86400 s exactly,
 *    1w is 604800 s; years and months are rejected.
 */
#ifndef TIMELINEC_TIMEPARSE_H
#define TIMELINEC_TIMEPARSE_H

#include <stdbool.h>
#include "common.h"
#include "zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest duration accepted: the span of the supported instants (about 8030 years). */
#define TLC_DURATION_MAX ((int64_t)(TLC_TIME_MAX - TLC_TIME_MIN))

enum tlc_duration_flags {
	TLC_DURATION_SIGNED = 1 << 0 /* accept a leading '-' or '+' ("above: -30m") */
};

/*
 * duration := [sign] (friendly | iso)
 * friendly := (digits unit)+    units w d h m s, largest first, each once: "90m", "2h30m", "7d"
 * iso      := 'P' [digits 'W'] [digits 'D'] ['T' [digits 'H'] [digits 'M'] [digits 'S']]
 * *out: seconds, |*out| <= TLC_DURATION_MAX. `flags`: enum tlc_duration_flags.
 */
TLC_API int tlc_duration_parse(int64_t *out, const char *s, size_t n, unsigned flags,
			       tlc_err *err);

/* time := hh ':' mm [':' ss ['.' '0'+]], 2-digit fields, 00:00:00..23:59:59. *out: 0..86399. */
TLC_API int tlc_time_of_day_parse(int32_t *out, const char *s, size_t n, tlc_err *err);

/*
 * An instant as written. `local` readings ("2026-12-01 18:00", "2026-12-01") are wall-clock
 * times in the event zone, held as local seconds (civil.h) until tlc_instant_resolve(); the
 * others (RFC 3339 with 'Z' or an offset, "@1764612000") are UTC already.
 */
typedef struct tlc_parsed_instant {
	tlc_time value;   /* UTC seconds, or local seconds when `local` */
	bool local;       /* a wall-clock reading without a UTC offset */
	bool date_only;   /* written as a bare date: midnight local (implies `local`) */
	size_t offset;    /* where it was written: bytes [offset, offset+len) of the parsed input */
	size_t len;
} tlc_parsed_instant;

/*
 * instant := '@' digits                              seconds since 1970 (UTC)
 *          | date [sep time [('Z' | 'z' | ('+'|'-') hh ':' mm)]]
 * date := yyyy '-' mm '-' dd; sep := 'T' | 't' | ' '; time as in tlc_time_of_day_parse().
 * Years 1970..9999 (TLC_ERANGE otherwise, pointing at the year); a UTC instant must also lie in
 * TLC_TIME_MIN..TLC_TIME_MAX.
 */
TLC_API int tlc_instant_parse(tlc_parsed_instant *out, const char *s, size_t n, tlc_err *err);

/*
 * The instant of `in`: a UTC one as it is (kind UNIQUE; `zone` may be NULL), a local one through
 * tlc_zone_local_to_utc(zone, ..., disamb) so the caller can warn about gaps and overlaps.
 * Errors point at in->offset/len: TLC_EINPUT when `disamb` is REJECT and the reading is a gap or
 * an overlap, TLC_ERANGE when the instant falls outside TLC_TIME_MIN..TLC_TIME_MAX (at the year),
 * TLC_EINVAL when a local instant comes without a zone.
 */
TLC_API int tlc_instant_resolve(tlc_local_result *out, const tlc_parsed_instant *in,
				const tlc_zone *zone, tlc_disamb disamb, tlc_err *err);

/* window := instant ' '* '..' ' '* instant; the end must come after the start. */
typedef struct tlc_window {
	tlc_parsed_instant start, end;
} tlc_window;

/*
 * Parses a window. When both ends are local or both UTC, an end not after the start is
 * TLC_EINPUT pointing at the end; mixed windows are compared by tlc_window_resolve().
 */
TLC_API int tlc_window_parse(tlc_window *out, const char *s, size_t n, tlc_err *err);
/* Resolves both ends (tlc_instant_resolve) and checks that the end comes after the start. */
TLC_API int tlc_window_resolve(tlc_local_result *start_out, tlc_local_result *end_out,
			       const tlc_window *w, const tlc_zone *zone, tlc_disamb disamb,
			       tlc_err *err);

typedef enum tlc_time_expr_kind {
	TLC_TIME_EXPR_PARAM = 0, /* '$name' */
	TLC_TIME_EXPR_NOW,       /* 'now': the instantiation time */
	TLC_TIME_EXPR_LITERAL,   /* an instant */
	TLC_TIME_EXPR_KIND_MAX
} tlc_time_expr_kind;

/* The value is base + offset, where base is the parameter, now or the literal. */
typedef struct tlc_time_expr {
	tlc_time_expr_kind kind;
	size_t name_off;             /* PARAM: the name (without '$') is bytes        */
	size_t name_len;             /*        [name_off, name_off+name_len) of the input */
	tlc_parsed_instant literal;  /* LITERAL */
	int64_t offset;              /* seconds, |offset| <= TLC_DURATION_MAX */
} tlc_time_expr;

/*
 * expr := base [' '+ ('+' | '-') ' '* duration]      "$eta - 10m", "now + 5m", "now"
 * base := '$' name | 'now' | instant;  name := [a-z][a-z0-9_-]*
 * The duration is unsigned. A name ending in '-' and a duration ("$eta-10m") is an error: it
 * would silently name a parameter 'eta-10m'.
 */
TLC_API int tlc_time_expr_parse(tlc_time_expr *out, const char *s, size_t n, tlc_err *err);

typedef enum tlc_param_domain_kind {
	TLC_PARAM_DOMAIN_RELATIVE = 0, /* "5m .. 36h after now", "0s .. 2h before $eta" */
	TLC_PARAM_DOMAIN_WINDOW,       /* "2026-12-01 .. 2026-12-31" */
	TLC_PARAM_DOMAIN_KIND_MAX
} tlc_param_domain_kind;

/* The instants a check explores for an instant parameter. */
typedef struct tlc_param_domain {
	tlc_param_domain_kind kind;
	tlc_time_expr anchor; /* RELATIVE: NOW or PARAM, offset 0 */
	int64_t lo, hi;       /* RELATIVE: [anchor + lo, anchor + hi], lo < hi ('before' negates) */
	tlc_window window;    /* WINDOW */
} tlc_param_domain;

/*
 * domain := duration ' '* '..' ' '* duration ' '+ ('after' | 'before') ' '+ ('now' | '$' name)
 *         | window
 * Durations are unsigned and the second must be longer than the first.
 */
TLC_API int tlc_param_domain_parse(tlc_param_domain *out, const char *s, size_t n, tlc_err *err);

#ifdef __cplusplus
}
#endif
#endif
