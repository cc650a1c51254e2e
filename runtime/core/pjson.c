/* Strict reading helpers over cJSON; see pjson.h. */
#include <math.h>
#include <pthread.h>
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

static bool has_duplicates(const cJSON *o)
{
	for (const cJSON *a = o->child; a; a = a->next)
		for (const cJSON *b = a->next; b; b = b->next)
			if (a->string && b->string && strcmp(a->string, b->string) == 0)
				return true;
	return false;
}

bool pj_object(pjson *j, const cJSON *o)
{
	if (!cJSON_IsObject(o)) {
		pj_fail(j, "expected an object");
		return false;
	}
	if (has_duplicates(o)) {
		pj_fail(j, "an object has a duplicate key");
		return false;
	}
	return true;
}

const cJSON *pj_get(pjson *j, const cJSON *o, const char *key, bool required)
{
	if (j->failed || !o)
		return NULL;
	if (!pj_object(j, o))
		return NULL;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v && required)
		pj_fail(j, "missing key '%s'", key);
	return v;
}

size_t pj_array(pjson *j, const cJSON *a)
{
	if (j->failed)
		return 0;
	if (!cJSON_IsArray(a)) {
		pj_fail(j, "expected an array");
		return 0;
	}
	return (size_t)cJSON_GetArraySize(a);
}

int64_t pj_int(pjson *j, const cJSON *v, int64_t min, int64_t max)
{
	if (j->failed || !v)
		return 0;
	if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
	    v->valuedouble < (double)min || v->valuedouble > (double)max ||
	    fabs(v->valuedouble) > 9007199254740992.0) {
		pj_fail(j, "expected an integer from %lld to %lld", (long long)min, (long long)max);
		return 0;
	}
	return (int64_t)v->valuedouble;
}

double pj_num(pjson *j, const cJSON *v)
{
	if (j->failed || !v)
		return 0;
	if (!cJSON_IsNumber(v)) {
		pj_fail(j, "expected a number");
		return 0;
	}
	return v->valuedouble;
}

char *pj_strdup(pjson *j, const cJSON *v)
{
	if (j->failed || !v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		pj_fail(j, "expected a string");
		return NULL;
	}
	char *s = strdup(v->valuestring);
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

int pj_enum(pjson *j, const cJSON *v, const char *const *names, int n)
{
	if (j->failed || !v)
		return -1;
	if (!cJSON_IsString(v)) {
		pj_fail(j, "expected a string");
		return -1;
	}
	return pj_enum_name(j, v->valuestring, names, n);
}

tlc_time pj_time(pjson *j, const cJSON *v, bool local)
{
	tlc_parsed_instant pi;
	if (j->failed || !v)
		return 0;
	if (!cJSON_IsString(v) ||
	    tlc_instant_parse(&pi, v->valuestring, strlen(v->valuestring), NULL) < 0 ||
	    pi.local != local) {
		pj_fail(j, "expected %s", local ? "a local date-time 'YYYY-MM-DDTHH:MM:SS'"
						: "an instant 'YYYY-MM-DDTHH:MM:SSZ'");
		return 0;
	}
	return pi.value;
}

int pj_parse(pjson *j, cJSON **root, const char *json, size_t len, tlc_err *err)
{
	const char *end = NULL;
	memset(j, 0, sizeof *j);
	if (memchr(json, 0, len)) {
		if (err) {
			err->offset = (size_t)((const char *)memchr(json, 0, len) - json);
			err->len = 1;
			snprintf(err->msg, sizeof err->msg, "the JSON contains a NUL byte");
		}
		return TLC_EINPUT;
	}
	/* cJSON records every failure in a global of its own (global_error), written by each
	 * failed parse: two threads reading at once would race on it (helgrind). Parses take
	 * turns; the error position comes from `end`, never from that global. */
	static pthread_mutex_t cjson_lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&cjson_lock);
	*root = cJSON_ParseWithLengthOpts(json, len, &end, false);
	pthread_mutex_unlock(&cjson_lock);
	if (!*root) {
		if (err) {
			err->offset = end ? (size_t)(end - json) : 0;
			err->len = 1;
			snprintf(err->msg, sizeof err->msg, "invalid JSON");
		}
		return TLC_EINPUT;
	}
	return 0;
}

void pj_finish(const pjson *j, tlc_err *err)
{
	if (j->failed && err) {
		err->offset = 0;
		err->len = 0;
		snprintf(err->msg, sizeof err->msg, "%s", j->msg);
	}
}
