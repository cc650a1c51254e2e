/*
 * timelinec/buf.h — the one growable string buffer.
 *
 * Invariants:
 *  - ptr is never NULL and always NUL-terminated (an empty buffer points at a static "").
 *  - len < cap whenever cap > 0; the byte at ptr[len] is 0.
 *  - Growth is overflow-checked; a failed allocation makes the buffer sticky-OOM: further appends
 *    do nothing and tlc_buf_oom() returns true. Check it once after a run of appends.
 *  - tlc_buf_detach() is the only way to take ownership of the memory.
 *  - `limit` (0: none) bounds len: an append past it makes the buffer sticky-OOM with `over`
 *    set, so a writer whose output would exceed a named limit stops at the limit instead of
 *    first building the whole text (tlc_buf_over()).
 */
#ifndef TIMELINEC_BUF_H
#define TIMELINEC_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tlc_buf {
	char *ptr;
	size_t len;
	size_t cap;
	bool oom;
	size_t limit; /* 0: none */
	bool over;    /* an append went past limit (oom is set too) */
} tlc_buf;

#define TLC_BUF_INIT { (char *)tlc_buf__empty, 0, 0, false, 0, false }
extern TLC_API const char tlc_buf__empty[1];

TLC_API void tlc_buf_init(tlc_buf *b);
/* Frees the memory and resets to the empty state. Accepts an initialised empty buffer. */
TLC_API void tlc_buf_release(tlc_buf *b);
/* Truncates to length 0, keeping capacity. */
TLC_API void tlc_buf_clear(tlc_buf *b);
TLC_API int tlc_buf_grow(tlc_buf *b, size_t extra);
TLC_API void tlc_buf_put(tlc_buf *b, const char *s, size_t n);
TLC_API void tlc_buf_puts(tlc_buf *b, const char *s);
TLC_API void tlc_buf_putc(tlc_buf *b, char c);
TLC_API void tlc_buf_printf(tlc_buf *b, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
TLC_API void tlc_buf_vprintf(tlc_buf *b, const char *fmt, va_list ap);
TLC_API void tlc_buf_truncate(tlc_buf *b, size_t len);
/* Appends s as a JSON string literal (with quotes), escaping per RFC 8259. */
TLC_API void tlc_buf_put_json_string(tlc_buf *b, const char *s, size_t n);
static inline bool tlc_buf_oom(const tlc_buf *b) { return b->oom; }
/* Whether the buffer stopped at its limit (not at a failed allocation). */
static inline bool tlc_buf_over(const tlc_buf *b) { return b->over; }
/* Returns the heap string (caller frees with free()) and resets b; NULL when OOM. */
TLC_API char *tlc_buf_detach(tlc_buf *b);

#ifdef __cplusplus
}
#endif
#endif
