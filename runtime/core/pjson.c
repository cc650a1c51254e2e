/* Strict reading helpers over tlc_json; see pjson.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pjson.h"
#include "timelinec/timeparse.h"

void pj_fail(pjson *j, const char *fmt, ...)
{
	if (j->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(j->msg, sizeof j->msg, fmt, ap);
	va_end(ap);
	j->failed = true;
}

void pj_oom(pjson *j)
{
	pj_fail(j, "out of memory");
	j->oom = true;
}

static bool has_duplicates(const tlc_json *o)
{
	for (const tlc_json *a = o->child; a; a = a->next)
		for (const tlc_json *b = a->next; b; b = b->next)
			if (a->key && b->key && strcmp(a->key, b->key) == 0)
				return true;
	return false;
}

bool pj_object(pjson *j, const tlc_json *o)
{
	if (!tlc_json_is(o, TLC_JSON_OBJECT)) {
		pj_fail(j, "expected an object");
		return false;
	}
	if (has_duplicates(o)) {
		pj_fail(j, "an object has a duplicate key");
		return false;
	}
	return true;
}

const tlc_json *pj_get(pjson *j, const tlc_json *o, const char *key, bool required)
{
	if (j->failed || !o)
		return NULL;
	if (!pj_object(j, o))
		return NULL;
	const tlc_json *v = tlc_json_get(o, key);
	if (!v && required)
		pj_fail(j, "missing key '%s'", key);
	return v;
}

size_t pj_array(pjson *j, const tlc_json *a)
{
	if (j->failed)
		return 0;
	if (!tlc_json_is(a, TLC_JSON_ARRAY)) {
		pj_fail(j, "expected an array");
		return 0;
	}
	return (size_t)a->n;
}

int64_t pj_int(pjson *j, const tlc_json *v, int64_t min, int64_t max)
{
	if (j->failed || !v)
		return 0;
	/* exact: written as an integer (no fraction, no exponent) within int64 and the range */
	if (!tlc_json_is(v, TLC_JSON_NUMBER) || !v->integer || v->ival < min || v->ival > max) {
		pj_fail(j, "expected an integer from %lld to %lld", (long long)min, (long long)max);
		return 0;
	}
	return v->ival;
}

double pj_num(pjson *j, const tlc_json *v)
{
	if (j->failed || !v)
		return 0;
	if (!tlc_json_is(v, TLC_JSON_NUMBER)) {
		pj_fail(j, "expected a number");
		return 0;
	}
	return v->num;
}

char *pj_strdup(pjson *j, const tlc_json *v)
{
	if (j->failed || !v || tlc_json_is(v, TLC_JSON_NULL))
		return NULL;
	if (!tlc_json_is(v, TLC_JSON_STRING)) {
		pj_fail(j, "expected a string");
		return NULL;
	}
	char *s = strdup(v->str);
	if (!s)
		pj_oom(j);
	return s;
}

int pj_enum_name(pjson *j, const char *s, const char *const *names, int n)
{
	if (j->failed)
		return -1;
	for (int i = 0; i < n; i++)
		if (names[i] && s && strcmp(names[i], s) == 0)
			return i;
	pj_fail(j, "unknown value '%s'", s ? s : "");
	return -1;
}

int pj_enum(pjson *j, const tlc_json *v, const char *const *names, int n)
{
	if (j->failed || !v)
		return -1;
	if (!tlc_json_is(v, TLC_JSON_STRING)) {
		pj_fail(j, "expected a string");
		return -1;
	}
	return pj_enum_name(j, v->str, names, n);
}

tlc_time pj_time(pjson *j, const tlc_json *v, bool local)
{
	tlc_parsed_instant pi;
	if (j->failed || !v)
		return 0;
	if (!tlc_json_is(v, TLC_JSON_STRING) ||
	    tlc_instant_parse(&pi, v->str, strlen(v->str), NULL) < 0 ||
	    pi.local != local) {
		pj_fail(j, "expected %s", local ? "a local date-time 'YYYY-MM-DDTHH:MM:SS'"
						: "an instant 'YYYY-MM-DDTHH:MM:SSZ'");
		return 0;
	}
	return pi.value;
}

int pj_parse(pjson *j, tlc_json **root, const char *json, size_t len, tlc_err *err)
{
	memset(j, 0, sizeof *j);
	if (memchr(json, 0, len)) {
		if (err) {
			err->offset = (size_t)((const char *)memchr(json, 0, len) - json);
			err->len = 1;
			snprintf(err->msg, sizeof err->msg, "the JSON contains a NUL byte");
		}
		return TLC_EINPUT;
	}
	/* the core's own reader: no global state, positions in its messages */
	return tlc_json_parse(root, json, len, err);
}

void pj_finish(const pjson *j, tlc_err *err)
{
	if (j->failed && err) {
		err->offset = 0;
		err->len = 0;
		snprintf(err->msg, sizeof err->msg, "%s", j->msg);
	}
}
