/*
 * timelinec/zone.h — time zones behind a provider interface (runtime core, no ICU).
 *
 * The default provider reads the system's TZif files (RFC 8536 v1..v4, including the POSIX TZ
 * footer for instants past the last transition). An app can plug in its platform's zones by
 * filling a tlc_zone_provider_ops table. ICU's bundled tz data is never consulted.
 *
 * Ownership and threads:
 *  - A tlc_zones (a provider instance) is created by tlc_zones_new_tzif() or
 *    tlc_zones_new_custom() and freed by tlc_zones_free(). It caches opened zones; the cache is
 *    guarded by a mutex, so one tlc_zones may be shared between threads.
 *  - A tlc_zone returned by tlc_zones_get() is owned by its tlc_zones and lives until
 *    tlc_zones_free(); it is immutable and safe to use from any thread.
 *
 * Local seconds: see civil.h.
 */
#ifndef TIMELINEC_ZONE_H
#define TIMELINEC_ZONE_H

#include <stdbool.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tlc_zones tlc_zones;
typedef struct tlc_zone tlc_zone;

/*
 * A provider for an app that brings its own zone data. Every callback gets `ud`.
 * open: find zone `name`, return an opaque handle in *impl_out; TLC_ENOTFOUND if unknown.
 * offset: UTC offset in seconds (east positive) and DST flag in force at instant `utc`.
 * next_transition: the first instant t > `after` where the offset changes; TLC_ENOTFOUND if none.
 * prev_transition: the last instant t <= `at` where the offset changed; TLC_ENOTFOUND if none.
 * close: release an impl handle. version: the data version ("2025b"), or NULL.
 */
typedef struct tlc_zone_provider_ops {
	int (*open)(void *ud, const char *name, void **impl_out);
	int (*offset)(void *ud, const void *impl, tlc_time utc, int32_t *offset_out, bool *isdst_out);
	int (*next_transition)(void *ud, const void *impl, tlc_time after, tlc_time *out);
	int (*prev_transition)(void *ud, const void *impl, tlc_time at, tlc_time *out);
	void (*close)(void *ud, void *impl);
	const char *(*version)(void *ud);
	void (*free_ud)(void *ud);
} tlc_zone_provider_ops;

/*
 * The TZif provider. `dir` may be NULL: then $TIMELINEC_TZDIR, else $TZDIR, else
 * /usr/share/zoneinfo (on macOS /var/db/timezone/zoneinfo is also tried).
 */
TLC_API int tlc_zones_new_tzif(tlc_zones **out, const char *dir);
/* A provider from callbacks; `ops` is copied, `ud` is owned (freed through ops->free_ud). */
TLC_API int tlc_zones_new_custom(tlc_zones **out, const tlc_zone_provider_ops *ops, void *ud);
TLC_API void tlc_zones_free(tlc_zones *zones);
/* The tz data version ("2025b") or "unknown". Owned by zones. */
TLC_API const char *tlc_zones_version(const tlc_zones *zones);
/* The directory the TZif provider reads, or NULL for a custom provider. */
TLC_API const char *tlc_zones_dir(const tlc_zones *zones);

/*
 * Opens (or finds in the cache) zone `name`: an IANA name ("Europe/Berlin"), "UTC", or a fixed
 * offset "+05:30"/"-08:00". Names with "..", a leading "/" or characters outside
 * [A-Za-z0-9/_+-] are TLC_ENOTFOUND. *out is owned by zones.
 */
TLC_API int tlc_zones_get(tlc_zones *zones, const char *name, const tlc_zone **out);

TLC_API const char *tlc_zone_name(const tlc_zone *z);
/* UTC offset (seconds east) in force at `utc`. */
TLC_API int32_t tlc_zone_offset(const tlc_zone *z, tlc_time utc);
TLC_API bool tlc_zone_isdst(const tlc_zone *z, tlc_time utc);
/* First transition strictly after `after`; TLC_ENOTFOUND when the zone has none. */
TLC_API int tlc_zone_next_transition(const tlc_zone *z, tlc_time after, tlc_time *out);
TLC_API int tlc_zone_prev_transition(const tlc_zone *z, tlc_time at, tlc_time *out);
/* The local wall-clock reading of `utc` as seconds (utc + offset), saturated at the ends of
 * the tlc_time range instead of overflowing. */
static inline tlc_time tlc_zone_to_local(const tlc_zone *z, tlc_time utc)
{
	int32_t off = tlc_zone_offset(z, utc);
	if (off > 0 && utc > INT64_MAX - off)
		return INT64_MAX;
	if (off < 0 && utc < INT64_MIN - off)
		return INT64_MIN;
	return utc + off;
}

/*
 * How a local time that does not exist (a gap) or exists twice (an overlap) resolves. The names
 * and meanings follow TC39 Temporal's `disambiguation`:
 *  COMPATIBLE (default, RFC 5545 for a single DATE-TIME): gap -> moved forward by the gap length
 *             (interpreted with the offset before the gap); overlap -> the earlier instant.
 *  EARLIER:   gap -> interpreted with the offset after the gap (lands before the gap);
 *             overlap -> the earlier instant.
 *  LATER:     gap -> as COMPATIBLE; overlap -> the later instant.
 *  REJECT:    gap or overlap -> TLC_EINPUT.
 */
typedef enum tlc_disamb {
	TLC_DISAMB_COMPATIBLE = 0,
	TLC_DISAMB_EARLIER,
	TLC_DISAMB_LATER,
	TLC_DISAMB_REJECT,
	TLC_DISAMB_MAX
} tlc_disamb;

typedef enum tlc_local_kind {
	TLC_LOCAL_UNIQUE = 0, /* exactly one instant has this reading */
	TLC_LOCAL_GAP,        /* no instant has it (spring forward) */
	TLC_LOCAL_OVERLAP,    /* two instants have it (fall back) */
	TLC_LOCAL_KIND_MAX
} tlc_local_kind;

typedef struct tlc_local_result {
	tlc_time utc;         /* the chosen instant */
	tlc_local_kind kind;  /* what the reading was */
	tlc_time alt;         /* OVERLAP: the other instant; GAP: the instant of the transition */
	int32_t gap_or_fold;  /* length in seconds of the gap or the overlap, else 0 */
} tlc_local_result;

/*
 * Local seconds -> instant. Fills *out (even for REJECT, kind tells why) and returns 0, or
 * TLC_EINPUT when `d` is REJECT and the reading is a gap or an overlap.
 */
TLC_API int tlc_zone_local_to_utc(const tlc_zone *z, tlc_time local, tlc_disamb d,
				  tlc_local_result *out);

#ifdef __cplusplus
}
#endif
#endif
