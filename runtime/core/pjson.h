/*
 * pjson.h — strict reading of the runtime's own JSON (programs, timelines) through tlc_json:
 * case-sensitive keys, duplicate keys refused, integers checked for range and exactness, one
 * error message kept. Internal to the runtime.
 */
#ifndef TLC_PJSON_H
#define TLC_PJSON_H
#include <stdbool.h>
#include "json.h"
#include "timelinec/common.h"

typedef struct pjson {
	bool failed, oom;
	char msg[200];
} pjson;

int pj_parse(pjson *j, tlc_json **root, const char *json, size_t len, tlc_err *err);
void pj_finish(const pjson *j, tlc_err *err);
void pj_fail(pjson *j, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void pj_oom(pjson *j);
/* The member `key` of object o (NULL and, if required, a failure when absent). */
const tlc_json *pj_get(pjson *j, const tlc_json *o, const char *key, bool required);
bool pj_object(pjson *j, const tlc_json *o);
/* The array's size, failing when it is not an array. */
size_t pj_array(pjson *j, const tlc_json *a);
int64_t pj_int(pjson *j, const tlc_json *v, int64_t min, int64_t max);
double pj_num(pjson *j, const tlc_json *v);
char *pj_strdup(pjson *j, const tlc_json *v); /* NULL for JSON null */
int pj_enum(pjson *j, const tlc_json *v, const char *const *names, int n);
int pj_enum_name(pjson *j, const char *s, const char *const *names, int n);
/* "2026-12-01T17:00:00Z" (local: without the 'Z'). */
tlc_time pj_time(pjson *j, const tlc_json *v, bool local);
struct tlc_program;
/* Builds a program from parsed JSON (program.c); used for timelines that embed theirs. */
int tlc__program_from_json(struct tlc_program **out, const tlc_json *root, pjson *j);
struct tlc_program;
/* Builds a program from parsed JSON (program.c); used for timelines that embed theirs. */
int tlc__program_from_json(struct tlc_program **out, const tlc_json *root, pjson *j);
#endif
