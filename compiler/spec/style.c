/*
 * style.c — options of the iOS 18 style placeholders; see style.h. Grammar (docs/spec.md):
 *   options = { ws "," ws name ws ":" ws value } ws
 *   fields: field-word { ws field-word }   (year month week day hour minute second, each once)
 *   max:    1..7                           (maxFieldCount)
 *   sign:   automatic | never | always
 * {date-reference} takes fields and max (1..7) as above, and instead of sign:
 *   threshold: field-word                  (thresholdField)
 * {countdown-timer} and {stopwatch} take instead:
 *   hours:     true | false                (showsHours)
 *   max:       1..3 ({countdown-timer}), 1..4 ({stopwatch})
 *   precision: seconds | minutes, and hundredths for {stopwatch} (maxPrecision)
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "spec/style.h"

static const char *const sign_words[TLC_SIGN_MAX] = {"automatic", "never", "always"};
static const char *const prec_words[TLC_PREC_MAX] = {"hundredths", "seconds", "minutes"};

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

static bool word_is(const char *w, const char *s, size_t len)
{
	return strlen(w) == len && memcmp(w, s, len) == 0;
}

/* opt: 0 fields, 1 max, 2 sign, 3 hours, 4 precision, 5 threshold */
static int parse_value(tlc_style *out, tlc_run_kind kind, int opt, const char *s, size_t i,
		       size_t end, tlc_style_err *e)
{
	static const char *const names[] = {"fields", "max", "sign", "hours", "precision",
					    "threshold"};
	size_t we = word_end(s, end, i);
	int cap = tlc_style_max_cap(kind);
	int wl = (int)(we - i < 40 ? we - i : 40);
	if (opt == 0)
		return parse_fields(out, s, i, end, e);
	if (skip_ws(s, end, we) != end)
		return fail(e, we, end - we, "'%s:' takes one value", names[opt]);
	if (opt == 1) {
		if (we - i == 1 && s[i] >= '1' && s[i] <= '0' + cap) {
			out->max = s[i] - '0';
			return 0;
		}
		return fail(e, i, we - i, "'max:' is a number of fields from 1 to %d, not '%.*s'",
			    cap, wl, s + i);
	}
	if (opt == 5) {
		int k = field_index(s + i, we - i);
		if (k < 0)
			return fail(e, i, we - i, "'threshold:' is a field: year, month, week, day, "
				    "hour, minute or second, not '%.*s'", wl, s + i);
		out->threshold = 1u << k;
		return 0;
	}
	if (opt == 3) {
		if (word_is("true", s + i, we - i) || word_is("false", s + i, we - i)) {
			out->hours = s[i] == 't';
			return 0;
		}
		return fail(e, i, we - i, "'hours:' is true or false, not '%.*s'", wl, s + i);
	}
	if (opt == 4) {
		bool sw = kind == TLC_RUN_STOPWATCH;
		for (int k = sw ? 0 : 1; k < TLC_PREC_MAX; k++)
			if (word_is(prec_words[k], s + i, we - i)) {
				out->precision = (tlc_style_precision)k;
				return 0;
			}
		return fail(e, i, we - i, "'precision:' is %s, not '%.*s'",
			    sw ? "hundredths, seconds or minutes" : "seconds or minutes", wl, s + i);
	}
	for (int k = 0; k < TLC_SIGN_MAX; k++)
		if (word_is(sign_words[k], s + i, we - i)) {
			out->sign = (tlc_style_sign)k;
			return 0;
		}
	return fail(e, i, we - i, "'sign:' is automatic, never or always, not '%.*s'", wl, s + i);
}

int tlc_style_parse(tlc_style *out, const char *s, size_t n, tlc_style_err *err)
{
	return tlc_style_parse_kind(out, TLC_RUN_DATE_OFFSET, s, n, err);
}

int tlc_style_parse_kind(tlc_style *out, tlc_run_kind kind, const char *s, size_t n,
			 tlc_style_err *err)
{
	static const char *const names[] = {"fields", "max", "sign", "hours", "precision",
					    "threshold"};
	/* the options each kind takes, as bits of opt */
	bool clock = tlc_run_is_clock_style(kind), ref = kind == TLC_RUN_DATE_REFERENCE;
	unsigned takes = clock ? 0x1a : ref ? 0x23 : 0x07;
	const char *list = clock ? "hours, max or precision"
			   : ref ? "fields, max or threshold" : "fields, max or sign";
	unsigned seen = 0;
	size_t i = skip_ws(s, n, 0);
	*out = tlc_style_default(kind);
	while (i < n) {
		if (s[i] != ',')
			return fail(err, i, word_end(s, n, i) - i, "expected ', option: value' here");
		size_t ns = skip_ws(s, n, i + 1), ne = ns;
		while (ne < n && s[ne] != ':' && s[ne] != ',' && !is_ws(s[ne]))
			ne++;
		if (ne == ns)
			return fail(err, i, 1, "expected an option after ',': %s", list);
		int opt = -1;
		for (int k = 0; k < 6; k++)
			if (word_is(names[k], s + ns, ne - ns) && (takes & (1u << k)))
				opt = k;
		if (opt < 0)
			return fail(err, ns, ne - ns, "unknown option '%.*s': the options are %s",
				    (int)(ne - ns < 40 ? ne - ns : 40), s + ns,
				    clock ? "hours, max and precision"
				    : ref ? "fields, max and threshold" : "fields, max and sign");
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
		int rc = parse_value(out, kind, opt, s, vs, vt, err);
		if (rc < 0)
			return rc;
		i = ve;
	}
	return 0;
}
