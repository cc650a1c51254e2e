/*
 * style.c — options of the iOS 18 style placeholders; see style.h. Grammar (docs/spec.md):
 *   options = { ws "," ws name ws ":" ws value } ws
 *   fields: field-word { ws field-word }   (year month week day hour minute second, each once)
 *   max:    1..7                           (maxFieldCount)
 *   sign:   automatic | never | always
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "spec/style.h"

static const char *const sign_words[TLC_SIGN_MAX] = {"automatic", "never", "always"};

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n'; }

#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static int fail(tlc_style_err *e, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;
	e->off = off;
	e->len = len ? len : 1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return TLC_EINPUT;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

/* The end of the word at s[i] (up to white space, ',' or the end). */
static size_t word_end(const char *s, size_t n, size_t i)
{
	while (i < n && !is_ws(s[i]) && s[i] != ',')
		i++;
	return i;
}

static int field_index(const char *w, size_t len)
{
	for (int k = 0; k < TLC_SF_COUNT; k++) {
		const char *nm = tlc_style_field_name(1u << k);
		if (strlen(nm) == len && memcmp(nm, w, len) == 0)
			return k;
	}
	return -1;
}

static int parse_fields(tlc_style *out, const char *s, size_t i, size_t end, tlc_style_err *e)
{
	out->fields = 0;
	while ((i = skip_ws(s, end, i)) < end) {
		size_t we = word_end(s, end, i);
		int k = field_index(s + i, we - i);
		if (k < 0)
			return fail(e, i, we - i, "'%.*s' is not a field: use year, month, week, day, "
				    "hour, minute or second", (int)(we - i < 40 ? we - i : 40), s + i);
		if (out->fields & (1u << k))
			return fail(e, i, we - i, "the field '%s' is listed twice",
				    tlc_style_field_name(1u << k));
		out->fields |= 1u << k;
		i = we;
	}
	return 0;
}

static int parse_value(tlc_style *out, int opt, const char *s, size_t i, size_t end,
		       tlc_style_err *e)
{
	size_t we = word_end(s, end, i);
	if (opt == 0)
		return parse_fields(out, s, i, end, e);
	if (skip_ws(s, end, we) != end)
		return fail(e, we, end - we, "'%s:' takes one value", opt == 1 ? "max" : "sign");
	if (opt == 1) {
		if (we - i == 1 && s[i] >= '1' && s[i] <= '0' + TLC_SF_COUNT) {
			out->max = s[i] - '0';
			return 0;
		}
		return fail(e, i, we - i, "'max:' is a number of fields from 1 to %d, not '%.*s'",
			    TLC_SF_COUNT, (int)(we - i < 40 ? we - i : 40), s + i);
	}
	for (int k = 0; k < TLC_SIGN_MAX; k++)
		if (strlen(sign_words[k]) == we - i && memcmp(sign_words[k], s + i, we - i) == 0) {
			out->sign = (tlc_style_sign)k;
			return 0;
		}
	return fail(e, i, we - i, "'sign:' is automatic, never or always, not '%.*s'",
		    (int)(we - i < 40 ? we - i : 40), s + i);
}

int tlc_style_parse(tlc_style *out, const char *s, size_t n, tlc_style_err *err)
{
	static const char *const names[] = {"fields", "max", "sign"};
	unsigned seen = 0;
	size_t i = skip_ws(s, n, 0);
	*out = (tlc_style)TLC_STYLE_DEFAULT;
	while (i < n) {
		if (s[i] != ',')
			return fail(err, i, word_end(s, n, i) - i, "expected ', option: value' here");
		size_t ns = skip_ws(s, n, i + 1), ne = ns;
		while (ne < n && s[ne] != ':' && s[ne] != ',' && !is_ws(s[ne]))
			ne++;
		if (ne == ns)
			return fail(err, i, 1, "expected an option after ',': fields, max or sign");
		int opt = -1;
		for (int k = 0; k < 3; k++)
			if (strlen(names[k]) == ne - ns && memcmp(names[k], s + ns, ne - ns) == 0)
				opt = k;
		if (opt < 0)
			return fail(err, ns, ne - ns, "unknown option '%.*s': the options are fields, max "
				    "and sign", (int)(ne - ns < 40 ? ne - ns : 40), s + ns);
		size_t colon = skip_ws(s, n, ne);
		if (colon == n || s[colon] != ':')
			return fail(err, ns, ne - ns, "write '%s:' and its value", names[opt]);
		if (seen & (1u << opt))
			return fail(err, ns, ne - ns, "'%s:' is given twice", names[opt]);
		seen |= 1u << opt;
		size_t vs = skip_ws(s, n, colon + 1), ve = vs;
		while (ve < n && s[ve] != ',')
			ve++;
		size_t vt = ve; /* the value without trailing white space */
		while (vt > vs && is_ws(s[vt - 1]))
			vt--;
		if (vt == vs)
			return fail(err, colon, 1, "'%s:' needs a value", names[opt]);
		int rc = parse_value(out, opt, s, vs, vt, err);
		if (rc < 0)
			return rc;
		i = ve;
	}
	return 0;
}
