/*
 * jsonw.h — a small deterministic JSON writer into a tlc_buf: 2-space indentation, keys in the
 * order written, integers exact, doubles with %.17g trimmed. Internal to the runtime.
 */
#ifndef TLC_JSONW_H
#define TLC_JSONW_H
#include <stdbool.h>
#include "timelinec/buf.h"

#define JSONW_MAX_DEPTH 32

typedef struct jsonw {
	tlc_buf *out;
	int depth;
	bool first[JSONW_MAX_DEPTH];
	bool compact[JSONW_MAX_DEPTH]; /* this container on one line */
	bool after_key;
} jsonw;

void jw_init(jsonw *w, tlc_buf *out);
void jw_obj(jsonw *w);          /* { */
void jw_obj_compact(jsonw *w);  /* { on one line */
void jw_end_obj(jsonw *w);
void jw_arr(jsonw *w);
void jw_arr_compact(jsonw *w);
void jw_end_arr(jsonw *w);
void jw_key(jsonw *w, const char *k);
void jw_str(jsonw *w, const char *s);   /* NULL writes null */
void jw_int(jsonw *w, int64_t v);
void jw_num(jsonw *w, double v);
void jw_bool(jsonw *w, bool v);
void jw_null(jsonw *w);
/* A value already serialised as JSON (one line), written as it is. */
void jw_raw(jsonw *w, const char *json);
/* An instant as an RFC 3339 UTC string "2026-12-01T17:00:00Z". */
void jw_time(jsonw *w, int64_t t);
void tlc__format_rfc3339(char buf[32], int64_t t);
#endif
