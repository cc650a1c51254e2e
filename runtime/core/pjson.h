/*
 * pjson.h — strict reading of the runtime's own JSON (programs, timelines) through tlc_json:
 * case-sensitive keys, duplicate and unknown keys refused, integers checked for range and
 * exactness, one error message kept with where it is (a byte offset into the JSON, when known).
 * Internal to the runtime.
 */
#ifndef TLC_PJSON_H
#define TLC_PJSON_H
#include <stdbool.h>
#include "json.h"
#include "timelinec/common.h"
#include "timelinec/program.h"

typedef struct pjson {
	bool failed, oom;
	size_t at, at_len; /* where the failure is, as tlc_err's offset and len (0, 0: unknown) */
	char msg[200];
} pjson;

int pj_parse(pjson *j, tlc_json **root, const char *json, size_t len, tlc_err *err);
void pj_finish(const pjson *j, tlc_err *err);
void pj_fail(pjson *j, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A failure at value v (its first byte), or at member m's name (pj_fail_key). */
void pj_fail_at(pjson *j, const tlc_json *v, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;
void pj_fail_key(pjson *j, const tlc_json *m, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;
void pj_oom(pjson *j);
/*
 * Refuses a member of object o whose name is not in `known` (NULL-terminated): "unknown key 'K'
 * in WHAT", at the name. A newer or other writer's key is an error, never skipped: the file
 * would be misread. false on failure (also when o is not an object).
 */
bool pj_known(pjson *j, const tlc_json *o, const char *what, const char *const *known);
/* m->key for a message: at most 60 bytes, control characters as '?' (one line). */
const char *pj_shown(char buf[64], const char *key);
/* The member `key` of object o (NULL and, if required, a failure when absent). */
const tlc_json *pj_get(pjson *j, const tlc_json *o, const char *key, bool required);
bool pj_object(pjson *j, const tlc_json *o);
/* The array's size, failing when it is not an array. */
size_t pj_array(pjson *j, const tlc_json *a);
int64_t pj_int(pjson *j, const tlc_json *v, int64_t min, int64_t max);
/* A format version: exactly `version`, else an error that names both versions and the way out
 * (an older file: compile it again; a newer one: a newer runtime). Returns the version read. */
int pj_version(pjson *j, const tlc_json *v, const char *format, int version);
double pj_num(pjson *j, const tlc_json *v);
char *pj_strdup(pjson *j, const tlc_json *v); /* NULL for JSON null */
/* A string that must be there: a failure at v for JSON null too (NULL then). */
char *pj_strdup_req(pjson *j, const tlc_json *v);
int pj_enum(pjson *j, const tlc_json *v, const char *const *names, int n);
int pj_enum_name(pjson *j, const char *s, const char *const *names, int n);
/* "2026-12-01T17:00:00Z" (local: without the 'Z'). */
tlc_time pj_time(pjson *j, const tlc_json *v, bool local);
/* A local date-time, or a bare local date YYYY-MM-DD (its midnight): exdate entries. */
tlc_time pj_date_or_local(pjson *j, const tlc_json *v);
struct tlc_prog_time;
struct jsonw;
/* An instant expression of a program (program.c): null for none, else {"kind", "at" or "param",
 * "offset"}; Live Activity programs share it (activity_json.c). */
int tlc__ptime_read(pjson *j, const tlc_json *o, struct tlc_prog_time *t);
void tlc__ptime_write(struct jsonw *w, const struct tlc_prog_time *t);
/* An iOS 18 style's options as keys of its run ("fields", "max", "sign"; program.c): written
 * always, all three, and read the same way (each required). */
struct tlc_style;
void tlc__style_write(struct jsonw *w, tlc_run_kind k, const struct tlc_style *s);
void tlc__style_read(pjson *j, const tlc_json *run, tlc_run_kind k, struct tlc_style *s);
/* The keys tlc__style_write writes for kind k ("hours", "max", "precision" for the clock styles),
 * NULL-terminated. */
const char *const *tlc__style_keys(tlc_run_kind k);
struct tlc_prog_field;
/* An event's "values" (program.c): one string per field, an integer field's a decimal integer as
 * written; `what` names the item in messages ("an event", "a list item"). *out is set on success
 * only. Programs and the lists of timelines share it. */
void tlc__event_values_read(pjson *j, const tlc_json *vals, const struct tlc_prog_field *fields,
			    size_t nfields, const char *what, char ***out);
struct tlc_program;
/* Builds a program from parsed JSON (program.c); used for timelines that embed theirs. */
int tlc__program_from_json(struct tlc_program **out, const tlc_json *root, pjson *j);
#endif
