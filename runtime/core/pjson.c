/* Strict reading helpers over tlc_json; see pjson.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pjson.h"
#include "timelinec/timeparse.h"

static void vfail(pjson *j, size_t at, size_t len, const char *fmt, va_list ap)
{
	vsnprintf(j->msg, sizeof j->msg, fmt, ap);
	j->at = at;
	j->at_len = len;
	j->failed = true;
}

void pj_fail(pjson *j, const char *fmt, ...)
{
	if (j->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfail(j, 0, 0, fmt, ap);
	va_end(ap);
}

void pj_fail_at(pjson *j, const tlc_json *v, const char *fmt, ...)
{
	if (j->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfail(j, v ? v->offset : 0, v ? 1 : 0, fmt, ap);
	va_end(ap);
}

void pj_fail_key(pjson *j, const tlc_json *m, const char *fmt, ...)
{
	if (j->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfail(j, m->key_offset, m->key_len, fmt, ap);
	va_end(ap);
}

void pj_oom(pjson *j)
{
	pj_fail(j, "out of memory");
	j->oom = true;
}

/* The second member of o whose name an earlier member has, or NULL. */
static const tlc_json *duplicate(const tlc_json *o)
{
	for (const tlc_json *a = o->child; a; a = a->next)
		for (const tlc_json *b = a->next; b; b = b->next)
			if (a->key && b->key && strcmp(a->key, b->key) == 0)
				return b;
	return NULL;
}

bool pj_object(pjson *j, const tlc_json *o)
{
	const tlc_json *d;
	if (!tlc_json_is(o, TLC_JSON_OBJECT)) {
		pj_fail_at(j, o, "expected an object");
		return false;
	}
	if ((d = duplicate(o))) {
		char b[64];
		pj_fail_key(j, d, "an object has a duplicate key '%s'", pj_shown(b, d->key));
		return false;
	}
	return true;
}

const char *pj_shown(char buf[64], const char *key)
{
	size_t n = strlen(key), k = n > 60 ? 60 : n;
	while (k < n && k > 0 && ((unsigned char)key[k] & 0xC0) == 0x80)
		k--; /* cut between UTF-8 sequences */
	for (size_t i = 0; i < k; i++)
		buf[i] = (unsigned char)key[i] < 0x20 || key[i] == 0x7F ? '?' : key[i];
	strcpy(buf + k, k < n ? "..." : "");
	return buf;
}

bool pj_known(pjson *j, const tlc_json *o, const char *what, const char *const *known)
{
	if (j->failed || !pj_object(j, o))
		return false;
	for (const tlc_json *m = o->child; m; m = m->next) {
		size_t k = 0;
		while (known[k] && strcmp(known[k], m->key) != 0)
			k++;
		if (!known[k]) {
			char b[64];
			pj_fail_key(j, m, "unknown key '%s' in %s", pj_shown(b, m->key), what);
			return false;
		}
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
		pj_fail_at(j, o, "missing key '%s'", key);
	return v;
}

size_t pj_array(pjson *j, const tlc_json *a)
{
	if (j->failed)
		return 0;
	if (!tlc_json_is(a, TLC_JSON_ARRAY)) {
		pj_fail_at(j, a, "expected an array");
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
		pj_fail_at(j, v, "expected an integer from %lld to %lld", (long long)min, (long long)max);
		return 0;
	}
	return v->ival;
}

int pj_version(pjson *j, const tlc_json *v, const char *format, int version)
{
	int64_t n;
	if (j->failed || !v)
		return 0;
	if (!tlc_json_is(v, TLC_JSON_NUMBER) || !v->integer || v->ival < 1) {
		pj_fail_at(j, v, "expected the %s format version, a positive integer", format);
		return 0;
	}
	n = v->ival;
	if (n != version) {
		pj_fail_at(j, v, "%s version %lld is not supported: this runtime reads version %d; %s",
			   format, (long long)n, version,
			   n < version ? "compile it again with this timelinec"
				       : "use a runtime that reads the newer version");
		return 0;
	}
	return version;
}

double pj_num(pjson *j, const tlc_json *v)
{
	if (j->failed || !v)
		return 0;
	if (!tlc_json_is(v, TLC_JSON_NUMBER)) {
		pj_fail_at(j, v, "expected a number");
		return 0;
	}
	return v->num;
}

char *pj_strdup_req(pjson *j, const tlc_json *v)
{
	if (!j->failed && v && tlc_json_is(v, TLC_JSON_NULL)) {
		pj_fail_at(j, v, "expected a string, not null");
		return NULL;
	}
	return pj_strdup(j, v);
}

char *pj_strdup(pjson *j, const tlc_json *v)
{
	if (j->failed || !v || tlc_json_is(v, TLC_JSON_NULL))
		return NULL;
	if (!tlc_json_is(v, TLC_JSON_STRING)) {
		pj_fail_at(j, v, "expected a string");
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
	char b[64];
	pj_fail(j, "unknown value '%s'", pj_shown(b, s ? s : ""));
	return -1;
}

int pj_enum(pjson *j, const tlc_json *v, const char *const *names, int n)
{
	if (j->failed || !v)
		return -1;
	if (!tlc_json_is(v, TLC_JSON_STRING)) {
		pj_fail_at(j, v, "expected a string");
		return -1;
	}
	int k = pj_enum_name(j, v->str, names, n);
	if (k < 0) {
		j->at = v->offset;
		j->at_len = 1;
	}
	return k;
}

/* The one form the writers write: YYYY-MM-DDTHH:MM:SS, then Z for an instant. The schemas and
 * TimelineKit accept nothing else, so neither does the core (no 't', 'z', offset or space). */
static bool canonical_time(const char *s, size_t len, bool local)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (len != (local ? 19u : 20u))
		return false;
	for (size_t i = 0; i < len; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	return true;
}

tlc_time pj_time(pjson *j, const tlc_json *v, bool local)
{
	tlc_parsed_instant pi;
	if (j->failed || !v)
		return 0;
	if (!tlc_json_is(v, TLC_JSON_STRING) || !canonical_time(v->str, strlen(v->str), local) ||
	    tlc_instant_parse(&pi, v->str, strlen(v->str), NULL) < 0 ||
	    pi.local != local) {
		pj_fail_at(j, v, "expected %s", local ? "a local date-time 'YYYY-MM-DDTHH:MM:SS'"
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
		err->offset = j->at;
		err->len = j->at_len;
		snprintf(err->msg, sizeof err->msg, "%s", j->msg);
	}
}
