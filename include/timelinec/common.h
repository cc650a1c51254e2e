/*
 * timelinec/common.h — conventions shared by every public header.
 *
 * Invariants:
 *  - Time is tlc_time: whole seconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
 *    Local (civil) time exists only at the edges and is then a tlc_time counted as if the
 *    local wall clock were UTC ("local seconds").
 *  - Functions return int: 0 (TLC_OK) or a negative TLC_E* code. Outputs come first in the
 *    parameter list and are written only on success.
 *  - No function in the library prints, exits or keeps global mutable state.
 */
#ifndef TIMELINEC_COMMON_H
#define TIMELINEC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(TLC_BUILDING) && defined(__GNUC__)
#define TLC_API __attribute__((visibility("default")))
#else
#define TLC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef int64_t tlc_time;

/* An absent instant (e.g. "no pause time"). Never a valid tlc_time of a spec. */
#define TLC_TIME_NONE INT64_MIN

/* The range of instants the product accepts: 1970-01-01T00:00:00Z .. 9999-12-31T23:59:59Z. */
#define TLC_TIME_MIN ((tlc_time)0)
#define TLC_TIME_MAX ((tlc_time)253402300799)

enum tlc_status {
	TLC_OK = 0,
	TLC_ENOMEM = -1,    /* an allocation failed */
	TLC_EINVAL = -2,    /* a caller broke an API contract (NULL where not allowed, ...) */
	TLC_EINPUT = -3,    /* the input is malformed; see the error detail */
	TLC_ENOTFOUND = -4, /* a named thing (zone, locale, param, file) does not exist */
	TLC_EIO = -5,       /* reading or writing a file failed */
	TLC_ERANGE = -6,    /* a value is outside the supported range */
	TLC_E_MAX = -7
};

/*
 * Detail of a failed parse of a string (a duration, an instant, an RRULE, a template).
 * offset/len are byte offsets into the string that was parsed; the compiler maps them back to
 * file:line:col through the scalar's source map.
 */
typedef struct tlc_err {
	size_t offset;
	size_t len;
	char msg[200];
} tlc_err;

/* Human-readable name of a status code ("out of memory", ...). Static storage. */
TLC_API const char *tlc_strerror(int status);

/* The library version, "MAJOR.MINOR.PATCH". */
TLC_API const char *tlc_version(void);

#ifdef __cplusplus
}
#endif
#endif
