/*
 * zone_internal.h — shared between zone.c (provider objects, generic algorithms), zone_tzif.c
 * (the TZif provider) and zone_posix.c (POSIX TZ strings, the TZif footer).
 *
 * Invariants:
 *  - Every UTC offset a zone reports lies in [TLC_ZONE_OFF_MIN, TLC_ZONE_OFF_MAX] (RFC 8536
 *    3.2 recommends -89999..93599); the generic algorithms rely on it to bound their search.
 *  - Instants are evaluated within [-TLC_ZONE_T_LIMIT, TLC_ZONE_T_LIMIT] (about ±142 million
 *    years); outside, a zone answers as at the nearest limit, so no arithmetic can overflow.
 *  - A transition is an instant where the UTC offset changes; changes of the DST flag or the
 *    abbreviation alone are not transitions.
 */
#ifndef TLC_ZONE_INTERNAL_H
#define TLC_ZONE_INTERNAL_H

#include <stdbool.h>
#include "timelinec/zone.h"

#define TLC_ZONE_OFF_MIN (-89999)
#define TLC_ZONE_OFF_MAX 93599
#define TLC_ZONE_T_LIMIT (INT64_C(1) << 52)
/* Named limits of the TZif provider. */
#define TLC_TZIF_FILE_MAX (1024 * 1024) /* bytes of one TZif file */
#define TLC_ZONE_NAME_MAX 255           /* bytes of a zone name */

static inline tlc_time tlc_zone__clamp(tlc_time t)
{
	if (t < -TLC_ZONE_T_LIMIT)
		return -TLC_ZONE_T_LIMIT;
	return t > TLC_ZONE_T_LIMIT ? TLC_ZONE_T_LIMIT : t;
}

static inline bool tlc_zone__off_ok(int64_t off)
{
	return off >= TLC_ZONE_OFF_MIN && off <= TLC_ZONE_OFF_MAX;
}

/* ---- POSIX TZ strings (zone_posix.c) ---- */

enum tlc_posix_rule_kind {
	TLC_POSIX_JULIAN1 = 0, /* Jn: 1..365, February 29 never counted */
	TLC_POSIX_JULIAN0,     /* n: 0..365, February 29 counted */
	TLC_POSIX_MWD,         /* Mm.w.d */
	TLC_POSIX_RULE_MAX
};

typedef struct tlc_posix_rule {
	enum tlc_posix_rule_kind kind;
	int32_t day;   /* JULIAN1/JULIAN0: the day number; MWD: the weekday 0..6 */
	int32_t month; /* MWD: 1..12 */
	int32_t week;  /* MWD: 1..5, 5 = last */
	int32_t time;  /* local time of day in seconds, -167h..167h (RFC 8536 3.3.1) */
} tlc_posix_rule;

typedef struct tlc_posix_tz {
	int32_t std_off; /* UTC offset of standard time, seconds east */
	int32_t dst_off; /* of daylight time; only when has_dst */
	bool has_dst;
	tlc_posix_rule start, end; /* when daylight time starts and ends (local time) */
} tlc_posix_tz;

/* Parses TZ string s[0..len) ("CET-1CEST,M3.5.0,M10.5.0/3"); TLC_EINPUT when malformed. */
int tlc_posix__parse(tlc_posix_tz *out, const char *s, size_t len);
/* Offset and DST flag in force at `utc`. */
int32_t tlc_posix__offset(const tlc_posix_tz *tz, tlc_time utc, bool *isdst_out);
/* The first instant t > `after` where the offset changes; TLC_ENOTFOUND if the rules never do. */
int tlc_posix__next(const tlc_posix_tz *tz, tlc_time after, tlc_time *out);
/* The last instant t with lo <= t <= at where the offset changes; TLC_ENOTFOUND if none. */
int tlc_posix__prev(const tlc_posix_tz *tz, tlc_time at, tlc_time lo, tlc_time *out);

/* ---- the TZif provider (zone_tzif.c) ---- */

/* Callbacks over a directory of TZif files; ud is the directory (a heap string). */
extern const tlc_zone_provider_ops tlc_tzif__ops;
/* Parses a TZif image; *out is a handle for tlc_tzif__ops (closed by its close callback). */
int tlc_tzif__parse(void **out, const unsigned char *p, size_t len);
/* The directory the TZif provider uses for `dir` (may be NULL): a heap string. */
int tlc_tzif__pick_dir(char **out, const char *dir);
/* The tz data version of a directory: a heap string, "unknown" when there is none. */
int tlc_tzif__read_version(char **out, const char *dir);

#endif
