/*
 * timelinec/civil.h — proleptic Gregorian calendar arithmetic, no time zones.
 *
 * A civil date-time is a wall-clock reading. It converts to "local seconds": the tlc_time the
 * same reading would be if the wall clock were UTC. Zones (zone.h) turn local seconds into
 * instants. All functions are pure and total over years 1..9999 (and beyond, within int64).
 */
#ifndef TIMELINEC_CIVIL_H
#define TIMELINEC_CIVIL_H

#include <stdbool.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tlc_civil {
	int32_t year;  /* e.g. 2026 */
	int32_t month; /* 1..12 */
	int32_t day;   /* 1..31 */
	int32_t hour;  /* 0..23 */
	int32_t min;   /* 0..59 */
	int32_t sec;   /* 0..59 */
} tlc_civil;

/* Days since 1970-01-01 of a date (Howard Hinnant's algorithm). */
TLC_API int64_t tlc_days_from_civil(int32_t y, int32_t m, int32_t d);
/* The date of a day number. */
TLC_API void tlc_civil_from_days(int64_t days, int32_t *y, int32_t *m, int32_t *d);
/* 0 = Sunday .. 6 = Saturday. */
TLC_API int tlc_weekday_from_days(int64_t days);
TLC_API bool tlc_is_leap_year(int32_t y);
TLC_API int tlc_days_in_month(int32_t y, int32_t m);
/* Local seconds of a civil reading (fields need not be normalised for hour/min/sec). */
TLC_API tlc_time tlc_civil_to_secs(const tlc_civil *c);
TLC_API void tlc_civil_from_secs(tlc_time secs, tlc_civil *out);
/* True when the fields name a real date and a time 00:00:00..23:59:59. */
TLC_API bool tlc_civil_valid(const tlc_civil *c);

/* Writes instant t as RFC 3339 UTC, "2026-12-01T17:00:00Z" (out holds at least 32 bytes). */
TLC_API void tlc_format_rfc3339(char *out, tlc_time t);

/* Floor division and modulo for int64 (C's / truncates). */
static inline int64_t tlc_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
static inline int64_t tlc_floormod(int64_t a, int64_t b) { return a - tlc_floordiv(a, b) * b; }

#ifdef __cplusplus
}
#endif
#endif
