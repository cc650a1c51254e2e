/*
 * pjson.h — strict reading of the runtime's own JSON (programs, timelines) through cJSON:
 * case-sensitive keys, duplicate keys refused, integers checked for range and exactness, one
 * error message kept. Internal to the runtime.
 */
#ifndef TLC_PJSON_H
#define TLC_PJSON_H
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "timelinec/common.h"

typedef struct pjson {
	bool failed, oom;
	char msg[200];
} pjson;

int pj_parse(pjson *j, cJSON **root, const char *json, size_t len, tlc_err *err);
void pj_finish(const pjson *j, tlc_err *err);
void pj_fail(pjson *j, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void pj_oom(pjson *j);
/* The member `key` of object o (NULL and, if required, a failure when absent). */
const cJSON *pj_get(pjson *j, const cJSON *o, const char *key, bool required);
bool pj_object(pjson *j, const cJSON *o);
/* The array's size, failing when it is not an array. */
size_t pj_array(pjson *j, const cJSON *a);
int64_t pj_int(pjson *j, const cJSON *v, int64_t min, int64_t max);
double pj_num(pjson *j, const cJSON *v);
char *pj_strdup(pjson *j, const cJSON *v); /* NULL for JSON null */
int pj_enum(pjson *j, const cJSON *v, const char *const *names, int n);
int pj_enum_name(pjson *j, const char *s, const char *const *names, int n);
/* "2026-12-01T17:00:00Z" (local: without the 'Z'). */
tlc_time pj_time(pjson *j, const cJSON *v, bool local);
struct tlc_program;
/* Builds a program from parsed JSON (program.c); used for timelines that embed theirs. */
int tlc__program_from_cjson(struct tlc_program **out, const cJSON *root, pjson *j);
struct tlc_program;
/* Builds a program from parsed JSON (program.c); used for timelines that embed theirs. */
int tlc__program_from_cjson(struct tlc_program **out, const cJSON *root, pjson *j);
#endif
