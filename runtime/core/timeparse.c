/*
 * Parsing of time values; see timeparse.h. Grammar, decisions and messages: docs/time-values.md.
 *
 * Every sub-parser gets a tp (the start of the caller's whole input and the error detail) and
 * a slice (s, n) of that input. Errors point at s + i, so offsets are always relative to the
 * caller's input and composite parsers (window, expression, domain) need no shifting.
 * Sub-parsers write their outputs freely; the public wrappers copy them out only on success.
 */
#include "timelinec/timeparse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "timelinec/civil.h"

#define G_DUR "expected a duration like '90m', '2h30m', '7d' or 'PT2H30M'"
#define G_TOD "expected a time of day like '09:30' or '17:40:05'"
#define G_INST "expected an instant like '2026-12-01 18:00', '2026-12-01T18:00:00Z' or '@1764612000'"
#define G_WIN "expected a window like '2026-11-25 09:00 .. 2026-12-08 00:00'"
#define G_EXPR "expected '$param', 'now' or an instant, optionally with ' + ' or ' - ' and a " \
	"duration, like '$eta - 10m'"
#define G_DOM "expected a domain like '5m .. 36h after now' or '2026-12-01 .. 2026-12-31'"
#define G_ANCHOR "expected 'after' or 'before' and then 'now' or a '$param', like " \
	"'5m .. 36h after now'"
#define G_NAME "expected a parameter name after '$': a lowercase letter, then lowercase " \
	"letters, digits, '_' or '-'"

/* At most this many bytes of user text are quoted in a message. */
#define QUOTE_MAX 32

#ifdef __GNUC__
#define TP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TP_PRINTF(a, b)
#endif

typedef struct tp {
	const char *org; /* the caller's input: error offsets count from here */
	tlc_err *err;    /* never NULL here: the wrappers pass a scratch one */
} tp;

typedef struct qbuf {
	char b[QUOTE_MAX + 4];
} qbuf;

/* ---- small helpers ------------------------------------------------------------------------ */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }
static bool is_name_char(char c) { return is_lower(c) || is_digit(c) || c == '_' || c == '-'; }

static size_t count_digits(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_digit(s[i]))
		i++;
	return i;
}

static size_t count_spaces(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Length of s without its trailing spaces. */
static size_t rtrim(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

/* The value of the k digits at s; false when it would exceed `max` (overflow-safe). */
static bool digits_value(const char *s, size_t k, int64_t max, int64_t *out)
{
	int64_t v = 0;
	size_t i;
	for (i = 0; i < k; i++) {
		int d = s[i] - '0';
		if (d > max || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static int32_t two_digits(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* Length of the valid UTF-8 sequence at s (0 when it is not one; n must be > 0). */
static size_t utf8_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3
		   : c >= 0xF0 && c < 0xF5 ? 4 : 0;
	size_t i;
	if (len == 0 || len > n)
		return 0;
	for (i = 1; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* Bytes of the character at s (1 for a broken sequence), 0 at the end of the input. */
static size_t char_len(const char *s, size_t n)
{
	size_t len;
	if (n == 0)
		return 0;
	len = utf8_len(s, n);
	return len ? len : 1;
}

/*
 * User text for a message: at most QUOTE_MAX bytes, cut at a character boundary and then
 * marked "...". Control bytes and broken UTF-8 become '?', so a message is always clean text.
 */
static const char *quote(qbuf *qb, const char *s, size_t n)
{
	size_t i = 0, o = 0, len;
	while (i < n) {
		len = utf8_len(s + i, n - i);
		if (o + (len ? len : 1) > QUOTE_MAX)
			break;
		if (len == 0 || (len == 1 && ((unsigned char)s[i] < 0x20 || s[i] == 0x7f))) {
			qb->b[o++] = '?';
			i++;
			continue;
		}
		memcpy(qb->b + o, s + i, len);
		o += len;
		i += len;
	}
	strcpy(qb->b + o, i < n ? "..." : "");
	return qb->b;
}

/* Drops a UTF-8 sequence cut by a truncating vsnprintf. */
static void trim_partial_utf8(char *msg)
{
	size_t n = strlen(msg), k = n;
	while (k > 0 && ((unsigned char)msg[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0 && (unsigned char)msg[k - 1] >= 0xC0 && utf8_len(msg + k - 1, n - k + 1) == 0)
		msg[k - 1] = '\0';
}

static int vfail_at(tlc_err *e, int rc, size_t off, size_t len, const char *fmt, va_list ap)
	TP_PRINTF(5, 0);
static int vfail_at(tlc_err *e, int rc, size_t off, size_t len, const char *fmt, va_list ap)
{
	int w;
	e->offset = off;
	e->len = len;
	w = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	if (w >= (int)sizeof e->msg)
		trim_partial_utf8(e->msg);
	return rc;
}

static int fail_at(tlc_err *e, int rc, size_t off, size_t len, const char *fmt, ...)
	TP_PRINTF(5, 6);
static int fail_at(tlc_err *e, int rc, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(e, rc, off, len, fmt, ap);
	va_end(ap);
	return rc;
}

/* Records an error at bytes [at, at+len) of the input and returns rc. */
static int fail(const tp *p, int rc, const char *at, size_t len, const char *fmt, ...)
	TP_PRINTF(5, 6);
static int fail(const tp *p, int rc, const char *at, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(p->err, rc, (size_t)(at - p->org), len, fmt, ap);
	va_end(ap);
	return rc;
}

/* "unexpected 'x' after 'prev': <expected>", pointing at the rest of the input. */
static int fail_trailing(const tp *p, const char *prev, const char *s, size_t n,
			 const char *expected)
{
	qbuf qa, qb;
	return fail(p, TLC_EINPUT, s, n, "unexpected '%s' after '%s'%s%s", quote(&qa, s, n),
		    quote(&qb, prev, (size_t)(s - prev)), expected ? ": " : "",
		    expected ? expected : "");
}

/* Position of the first "..", or NULL. */
static const char *find_dots(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i + 1 < n; i++)
		if (s[i] == '.' && s[i + 1] == '.')
			return s + i;
	return NULL;
}

/* ---- durations ---------------------------------------------------------------------------- */

typedef struct dur_state {
	const char *s;  /* the whole duration as written (sign included), for messages */
	size_t n;
	int64_t total;  /* seconds so far, <= TLC_DURATION_MAX */
	int rank;       /* rank of the last unit: units must strictly decrease */
	char last;      /* the last unit letter */
	bool iso;       /* ISO 8601 form, for examples in messages */
} dur_state;

typedef struct dur_unit {
	char c;
	int64_t secs;
	int rank;
	bool time_part; /* ISO: after 'T' */
} dur_unit;

static const dur_unit *find_unit(char c)
{
	static const dur_unit units[] = {
		{'w', 604800, 5, false}, {'d', 86400, 4, false}, {'h', 3600, 3, true},
		{'m', 60, 2, true},      {'s', 1, 1, true},
	};
	size_t i;
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (units[i].c == c)
			return &units[i];
	return NULL;
}

/* Adds the component [s, s+len) (k digits, then unit u) to d->total. */
static int dur_add(const tp *p, dur_state *d, const char *s, size_t k, size_t len,
		   const dur_unit *u, char written)
{
	int64_t v;
	qbuf qa;
	if (u->rank >= d->rank)
		return fail(p, TLC_EINPUT, s, len,
			    "unit '%c' after '%c' in duration '%s': write units from largest to "
			    "smallest, each once, like '%s'",
			    written, d->last, quote(&qa, d->s, d->n), d->iso ? "PT2H30M" : "2h30m");
	if (!digits_value(s, k, TLC_DURATION_MAX / u->secs, &v) ||
	    v * u->secs > TLC_DURATION_MAX - d->total)
		return fail(p, TLC_ERANGE, s, len,
			    "duration '%s' is too long: at most %lld seconds (the span of years "
			    "1970..9999)", quote(&qa, d->s, d->n), (long long)TLC_DURATION_MAX);
	d->total += v * u->secs;
	d->rank = u->rank;
	d->last = written;
	return 0;
}

static int fail_fraction(const tp *p, const char *s, size_t n, const char *like)
{
	size_t k = 1 + count_digits(s + 1, n - 1);
	qbuf qa;
	return fail(p, TLC_EINPUT, s, k,
		    "fraction '%s' in duration: use whole numbers of a smaller unit, like '%s'",
		    quote(&qa, s, k), like);
}

static bool is_fraction(const char *s, size_t n)
{
	return n >= 2 && (s[0] == '.' || s[0] == ',') && is_digit(s[1]);
}

/*
 * The unit an English word names ("hours", "Min", "sec"), or 0. Lets "24 hours" and "90min"
 * get the spelling they meant ('24h', '90m') instead of a list of letters.
 */
static char unit_word(const char *w, size_t n)
{
	static const struct { const char *word; char unit; } words[] = {
		{"s", 's'}, {"sec", 's'}, {"secs", 's'}, {"second", 's'}, {"seconds", 's'},
		{"m", 'm'}, {"min", 'm'}, {"mins", 'm'}, {"minute", 'm'}, {"minutes", 'm'},
		{"h", 'h'}, {"hr", 'h'}, {"hrs", 'h'}, {"hour", 'h'}, {"hours", 'h'},
		{"d", 'd'}, {"day", 'd'}, {"days", 'd'}, {"w", 'w'}, {"wk", 'w'}, {"wks", 'w'},
		{"week", 'w'}, {"weeks", 'w'},
	};
	size_t i, j;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strlen(words[i].word) != n)
			continue;
		for (j = 0; j < n; j++)
			if ((char)(w[j] | 0x20) != words[i].word[j])
				break;
		if (j == n)
			return words[i].unit;
	}
	return 0;
}

/* Length of the alphabetic word at s. */
static size_t word_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_alpha(s[i]))
		i++;
	return i;
}

/*
 * The friendly spelling of a duration written in words ("1 day 2 hours", "90 mins", "1h 30m"):
 * each part is digits, spaces, a unit word, spaces (an "and" or a comma between parts is
 * dropped). Writes it into out (QUOTE_MAX + 1 bytes) and returns true when every part reads so.
 */
static bool dur_in_words(char *out, const char *s, size_t n)
{
	size_t i = 0, o = 0, k, w;
	char u;
	while (i < n) {
		k = count_digits(s + i, n - i);
		if (k == 0)
			return false;
		w = i + k + count_spaces(s + i + k, n - i - k);
		u = unit_word(s + w, word_len(s + w, n - w));
		if (!u || o + k + 1 > QUOTE_MAX)
			return false;
		memcpy(out + o, s + i, k);
		o += k;
		out[o++] = u;
		i = w + word_len(s + w, n - w);
		i += count_spaces(s + i, n - i);
		if (i < n && s[i] == ',')
			i += 1 + count_spaces(s + i + 1, n - i - 1);
		if (n - i > 4 && memcmp(s + i, "and ", 4) == 0)
			i += 4 + count_spaces(s + i + 4, n - i - 4);
	}
	out[o] = '\0';
	return o > 0;
}

/* Whether s has a unit in words: a space before a letter, or a word of 2 letters or more. */
static bool has_unit_word(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if ((s[i] == ' ' && i + 1 < n && is_alpha(s[i + 1])) ||
		    (is_alpha(s[i]) && i + 1 < n && is_alpha(s[i + 1])))
			return true;
	return false;
}

/*
 * After a failed friendly duration: one written in words ("24 hours", "90min", "1 day") gets
 * its spelling, "write '24h'", over the whole duration; else rc stays.
 */
static int fail_in_words(const tp *p, const char *s, size_t n, int rc)
{
	char fixed[QUOTE_MAX + 1];
	size_t i = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
	size_t w = i + count_digits(s + i, n - i);
	qbuf qa;
	if (rc == 0 || !has_unit_word(s + i, n - i))
		return rc;
	w += count_spaces(s + w, n - w);
	if (w < n && ((s[w] | 0x20) == 'y' || (n - w >= 2 && (s[w] | 0x20) == 'm' &&
						  (s[w + 1] | 0x20) == 'o')))
		return fail(p, TLC_EINPUT, s, n,
			    "years and months are not fixed lengths: use days, like '30d'");
	if (!dur_in_words(fixed, s + i, n - i))
		return rc;
	return fail(p, TLC_EINPUT, s, n, "'%s': a duration takes a unit letter, write '%.*s%s'",
		    quote(&qa, s, n), (int)i, s, fixed);
}

/* The unit letters of a friendly component: exactly one of w d h m s. */
static int friendly_unit(const tp *p, const char *num, size_t k, const char *s, size_t n,
			 const dur_unit **out)
{
	size_t ul = 0;
	qbuf qa;
	while (ul < n && is_alpha(s[ul]))
		ul++;
	if (ul == 0 && n > 0 && (unsigned char)s[0] >= 0x80)
		ul = char_len(s, n); /* "5м": still an (unknown) unit */
	if (ul == 0 && is_fraction(s, n))
		return fail_fraction(p, s, n, "90m");
	if (ul == 0)
		return fail(p, TLC_EINPUT, num, k,
			    "missing unit after '%s': expected s, m, h, d or w, like '%sm'",
			    quote(&qa, num, k), qa.b);
	if (s[0] == 'y' || s[0] == 'Y' || (ul >= 2 && s[0] == 'm' && s[1] == 'o'))
		return fail(p, TLC_EINPUT, num, k + ul,
			    "years and months are not fixed lengths: use days, like '30d'");
	*out = ul == 1 ? find_unit(s[0]) : NULL;
	if (!*out)
		return fail(p, TLC_EINPUT, s, ul,
			    "unknown unit '%s' in duration: expected s, m, h, d or w",
			    quote(&qa, s, ul));
	return 0;
}

/* component := digits unit; *used = its length. */
static int friendly_component(const tp *p, dur_state *d, const char *s, size_t n, size_t *used)
{
	size_t k = count_digits(s, n);
	const dur_unit *u = NULL;
	int rc = friendly_unit(p, s, k, s + k, n - k, &u);
	if (rc)
		return rc;
	*used = k + 1;
	return dur_add(p, d, s, k, k + 1, u, u->c);
}

/* After a complete friendly duration: a space before more digits gets a precise message. */
static int dur_trailing(const tp *p, const dur_state *d, const char *s, size_t n)
{
	char joined[QUOTE_MAX + 1];
	size_t sp = count_spaces(s, n), i, o = 0;
	qbuf qa, qb;
	if (sp == 0 || sp == n || !is_digit(s[sp]))
		return fail_trailing(p, d->s, s, n, NULL);
	for (i = 0; i < d->n && o < QUOTE_MAX; i++)
		if (d->s[i] != ' ')
			joined[o++] = d->s[i];
	return fail(p, TLC_EINPUT, s, sp, "unexpected space in duration '%s': write '%s'",
		    quote(&qa, d->s, d->n), quote(&qb, joined, o));
}

/* friendly := (digits unit)+, s[0] is a digit. */
static int dur_friendly(const tp *p, dur_state *d, const char *s, size_t n)
{
	size_t i = 0, used = 0;
	int rc;
	do {
		rc = friendly_component(p, d, s + i, n - i, &used);
		if (rc)
			return rc;
		i += used;
	} while (i < n && is_digit(s[i]));
	return i < n ? dur_trailing(p, d, s + i, n - i) : 0;
}

/* The unit of ISO designator c, checked against the part ('T' seen or not) it stands in. */
static int iso_unit(const tp *p, const char *num, size_t k, size_t n, bool in_time,
		    const dur_unit **out)
{
	const dur_unit *u = NULL;
	char c = num[k];
	qbuf qa;
	if (c == 'Y' || (c == 'M' && !in_time))
		return fail(p, TLC_EINPUT, num, k + 1,
			    "years and months are not fixed lengths: use days, like 'P30D'");
	if (c == 'W' || c == 'D' || c == 'H' || c == 'M' || c == 'S')
		u = find_unit((char)(c - 'A' + 'a'));
	if (!u)
		return fail(p, TLC_EINPUT, num + k, char_len(num + k, n - k),
			    "unknown designator '%s' in ISO 8601 duration: expected W, D, H, M or S",
			    quote(&qa, num + k, char_len(num + k, n - k)));
	if (u->time_part && !in_time)
		return fail(p, TLC_EINPUT, num + k, 1,
			    "'%c' must come after 'T' in an ISO 8601 duration, like 'PT2H'", c);
	if (!u->time_part && in_time)
		return fail(p, TLC_EINPUT, num + k, 1,
			    "'%c' must come before 'T' in an ISO 8601 duration, like 'P1DT2H'", c);
	*out = u;
	return 0;
}

/* iso component := digits designator */
static int iso_component(const tp *p, dur_state *d, const char *s, size_t n, bool in_time,
			 size_t *used)
{
	size_t k = count_digits(s, n);
	const dur_unit *u = NULL;
	qbuf qa;
	int rc;
	if (k == 0)
		return fail(p, TLC_EINPUT, s, char_len(s, n),
			    "unexpected '%s' in ISO 8601 duration: expected a number and W, D, H, M "
			    "or S, like 'PT2H30M'", quote(&qa, s, char_len(s, n)));
	if (is_fraction(s + k, n - k))
		return fail_fraction(p, s + k, n - k, "PT90M");
	if (k == n)
		return fail(p, TLC_EINPUT, s, k,
			    "missing designator after '%s' in ISO 8601 duration: expected W, D, H, "
			    "M or S", quote(&qa, s, k));
	rc = iso_unit(p, s, k, n, in_time, &u);
	if (rc)
		return rc;
	*used = k + 1;
	return dur_add(p, d, s, k, k + 1, u, s[k]);
}

/* iso := 'P' [n 'W'] [n 'D'] ['T' [n 'H'] [n 'M'] [n 'S']], s[0] == 'P'. */
static int dur_iso(const tp *p, dur_state *d, const char *s, size_t n)
{
	const char *t = NULL;
	size_t i = 1, used = 0;
	int parts = 0, rc;
	while (i < n) {
		if (s[i] == 'T' && !t) {
			t = s + i++;
			parts = 0;
			continue;
		}
		rc = iso_component(p, d, s + i, n - i, t != NULL, &used);
		if (rc)
			return rc;
		i += used;
		parts++;
	}
	if (t && parts == 0)
		return fail(p, TLC_EINPUT, t, 1,
			    "expected hours, minutes or seconds after 'T', like 'PT30M'");
	if (!t && parts == 0)
		return fail(p, TLC_EINPUT, s + 1, 0,
			    "expected a number after 'P', like 'P7D' or 'PT2H30M'");
	return 0;
}

static int fail_sign(const tp *p, const char *s, size_t n)
{
	qbuf qa;
	if (s[0] == '-')
		return fail(p, TLC_EINPUT, s, 1, "negative duration '%s' is not allowed here",
			    quote(&qa, s, n));
	return fail(p, TLC_EINPUT, s, 1, "a sign is not allowed here: write '%s'",
		    quote(&qa, s + 1, n - 1));
}

/* duration := [sign] (friendly | iso) */
static int dur_parse(const tp *p, int64_t *out, const char *s, size_t n, unsigned flags)
{
	dur_state d = {s, n, 0, 6, 0, false};
	size_t i = 0;
	int rc;
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		if (!(flags & TLC_DURATION_SIGNED))
			return fail_sign(p, s, n);
		i = 1;
	}
	d.iso = i < n && s[i] == 'P';
	if (d.iso)
		rc = dur_iso(p, &d, s + i, n - i);
	else if (i < n && is_digit(s[i]))
		rc = fail_in_words(p, s, n, dur_friendly(p, &d, s + i, n - i));
	else
		return fail(p, TLC_EINPUT, s + i, n - i, G_DUR);
	if (rc)
		return rc;
	*out = s[0] == '-' ? -d.total : d.total;
	return 0;
}

/*
 * How far a duration inside a longer text reaches: its first space-separated word plus every
 * following word that starts with a digit, so that "1h 30m after now" hands "1h 30m" to
 * dur_parse() (which then explains that durations take no spaces).
 */
static size_t dur_extent(const char *s, size_t n)
{
	size_t i = 0, j;
	for (;;) {
		while (i < n && s[i] != ' ')
			i++;
		j = i + count_spaces(s + i, n - i);
		if (j < n && !is_digit(s[j]) && unit_word(s + j, word_len(s + j, n - j)) &&
		    (j + word_len(s + j, n - j) == n || s[j + word_len(s + j, n - j)] == ' ')) {
			i = j + word_len(s + j, n - j); /* "10 minutes": the unit in words */
			continue;
		}
		if (j == n || !is_digit(s[j]))
			return i;
		i = j;
	}
}

/* ---- times of day and dates --------------------------------------------------------------- */

/* A 2-digit field at s: `name` for messages, `like` an example of the whole form. */
static int field2(const tp *p, const char *s, size_t n, const char *name, const char *like,
		  int32_t *out)
{
	size_t k = count_digits(s, n);
	qbuf qa;
	if (k == 0)
		return fail(p, TLC_EINPUT, s, char_len(s, n), "expected a 2-digit %s, like '%s'",
			    name, like);
	if (k == 1)
		return fail(p, TLC_EINPUT, s, k, "%s '%c' must have 2 digits: write '0%c'", name,
			    s[0], s[0]);
	if (k > 2)
		return fail(p, TLC_EINPUT, s, k, "%s '%s' must have 2 digits", name,
			    quote(&qa, s, k));
	*out = two_digits(s);
	return 0;
}

/* The separator `c` at s[0], else an error naming what it should follow. */
static int expect_sep(const tp *p, const char *s, size_t n, char c, const char *after,
		      const char *like)
{
	qbuf qa;
	if (n > 0 && s[0] == c)
		return 0;
	if (n == 0)
		return fail(p, TLC_EINPUT, s, 0, "expected '%c' after the %s, like '%s'", c, after,
			    like);
	return fail(p, TLC_EINPUT, s, char_len(s, n),
		    "unexpected '%s' after the %s: expected '%c', like '%s'",
		    quote(&qa, s, char_len(s, n)), after, c, like);
}

/* '.' '0'+ after the seconds: only a zero fraction is a whole second. *used = its length. */
static int zero_fraction(const tp *p, const char *s, size_t n, size_t *used)
{
	size_t k = count_digits(s + 1, n - 1), i;
	qbuf qa;
	if (k == 0)
		return fail(p, TLC_EINPUT, s, 1, "expected digits after '.' in the seconds");
	for (i = 1; i <= k; i++)
		if (s[i] != '0')
			return fail(p, TLC_EINPUT, s, k + 1,
				    "fractional seconds '%s' are not supported: times are whole "
				    "seconds", quote(&qa, s, k + 1));
	*used = k + 1;
	return 0;
}

static int check_range(const tp *p, const char *s, int32_t v, int32_t max, const char *name)
{
	if (v <= max)
		return 0;
	if (max == 59 && v == 60 && name[0] == 's')
		return fail(p, TLC_EINPUT, s, 2,
			    "leap second '60' is not supported: expected seconds 00..59");
	return fail(p, TLC_EINPUT, s, 2, "%s '%.2s' is out of range: expected 00..%02d", name, s,
		    (int)max);
}

/* The seconds part ':' ss ['.' '0'+] at s[0] == ':'; *used = its length. */
static int clock_seconds(const tp *p, const char *s, size_t n, int32_t *sec, size_t *used)
{
	size_t f = 0;
	int rc = field2(p, s + 1, n - 1, "second", "17:40:05", sec);
	if (!rc)
		rc = check_range(p, s + 1, *sec, 59, "second");
	if (!rc && n > 3 && s[3] == '.')
		rc = zero_fraction(p, s + 3, n - 3, &f);
	*used = 3 + f;
	return rc;
}

/* Whether s starts with "am"/"pm"/"a.m."/"p.m." (any case) ending the input; *pm, *len. */
static bool am_pm(const char *s, size_t n, bool *pm, size_t *len)
{
	char c = n > 0 ? (char)(s[0] | 0x20) : 0;
	if (c != 'a' && c != 'p')
		return false;
	*pm = c == 'p';
	if (n == 2 && (s[1] | 0x20) == 'm')
		*len = 2;
	else if (n == 4 && s[1] == '.' && (s[2] | 0x20) == 'm' && s[3] == '.')
		*len = 4;
	else
		return false;
	return true;
}

/*
 * A 12-hour time, all of (s, n): h or hh (1..12), [':' mm], [' '], am or pm. Writes the
 * 24-hour spelling ("18:00", "00:30") into out (16 bytes).
 */
static bool twelve_hour(const char *s, size_t n, char *out)
{
	size_t k = count_digits(s, n), i, len = 0;
	int64_t h = 0, m = 0;
	bool pm = false;
	if (k < 1 || k > 2 || !digits_value(s, k, 12, &h) || h == 0)
		return false;
	i = k;
	if (i < n && s[i] == ':') {
		if (count_digits(s + i + 1, n - i - 1) != 2 || !digits_value(s + i + 1, 2, 59, &m))
			return false;
		i += 3;
	}
	i += count_spaces(s + i, n - i);
	if (!am_pm(s + i, n - i, &pm, &len))
		return false;
	h = h % 12 + (pm ? 12 : 0);
	snprintf(out, 16, "%02d:%02d", (int)h % 24, (int)m % 60);
	return true;
}

/* clock := hh ':' mm [':' ss ['.' '0'+]]; *used = bytes read (the rest is the caller's). */
static int clock_parse(const tp *p, const char *s, size_t n, size_t *used, int32_t *out)
{
	int32_t h = 0, m = 0, sec = 0;
	size_t i = 5;
	int rc = field2(p, s, n, "hour", "09:30", &h);
	if (!rc)
		rc = check_range(p, s, h, 23, "hour");
	if (!rc)
		rc = expect_sep(p, s + 2, n - 2, ':', "hour", "09:30");
	if (!rc)
		rc = field2(p, s + 3, n - 3, "minute", "09:30", &m);
	if (!rc)
		rc = check_range(p, s + 3, m, 59, "minute");
	if (!rc && n > 5 && s[5] == ':') {
		rc = clock_seconds(p, s + 5, n - 5, &sec, &i);
		i += 5;
	}
	if (rc)
		return rc;
	*used = i;
	*out = h * 3600 + m * 60 + sec;
	return 0;
}

static int tod_parse(const tp *p, int32_t *out, const char *s, size_t n)
{
	size_t used = 0;
	char h24[16];
	qbuf qa;
	int rc;
	if (twelve_hour(s, n, h24))
		return fail(p, TLC_EINPUT, s, n, "'%s' is a 12-hour time: write '%s' (times are 24-hour)",
			    quote(&qa, s, n), h24);
	if (n == 0 || !is_digit(s[0]))
		return fail(p, TLC_EINPUT, s, n, G_TOD);
	rc = clock_parse(p, s, n, &used, out);
	if (!rc && used < n)
		return fail_trailing(p, s, s + used, n - used, "expected the end of the time");
	return rc;
}

/* The year: 4 digits, 1970..9999. A bare number gets a hint about epoch seconds. */
static int year_parse(const tp *p, const char *s, size_t n, int32_t *out)
{
	size_t k = count_digits(s, n);
	int64_t y = 0;
	qbuf qa, qb;
	if (k > 4 && k == n)
		return fail(p, TLC_EINPUT, s, n,
			    "'%s' is not an instant: write a date like '2026-12-01' or epoch "
			    "seconds like '@%s'", quote(&qa, s, n), quote(&qb, s, n));
	if (k < 4) /* k >= 1: the caller saw a digit */
		return fail(p, TLC_EINPUT, s, k, "year '%s' must have 4 digits, like '2026'",
			    quote(&qa, s, k));
	if (!digits_value(s, k, 9999, &y) || y < 1970)
		return fail(p, TLC_ERANGE, s, k, "year '%s' is out of range: expected 1970..9999",
			    quote(&qa, s, k));
	if (k > 4)
		return fail(p, TLC_EINPUT, s, k, "year '%s' must have 4 digits", quote(&qa, s, k));
	*out = (int32_t)y;
	return 0;
}

/* date := yyyy '-' mm '-' dd, a real calendar day; reads 10 bytes. */
static int date_parse(const tp *p, const char *s, size_t n, tlc_civil *c)
{
	int rc = year_parse(p, s, n, &c->year);
	if (!rc)
		rc = expect_sep(p, s + 4, n - 4, '-', "year", "2026-12-01");
	if (!rc)
		rc = field2(p, s + 5, n - 5, "month", "2026-12-01", &c->month);
	if (!rc && (c->month < 1 || c->month > 12))
		return fail(p, TLC_EINPUT, s + 5, 2, "month '%.2s' is out of range: expected 01..12",
			    s + 5);
	if (!rc)
		rc = expect_sep(p, s + 7, n - 7, '-', "month", "2026-12-01");
	if (!rc)
		rc = field2(p, s + 8, n - 8, "day", "2026-12-01", &c->day);
	if (!rc && (c->day < 1 || c->day > tlc_days_in_month(c->year, c->month)))
		return fail(p, TLC_EINPUT, s + 8, 2, "day '%.2s' is out of range: %.7s has %d days",
			    s + 8, s, tlc_days_in_month(c->year, c->month));
	return rc;
}

/* ---- instants ----------------------------------------------------------------------------- */

/* offset := 'Z' | 'z' | ('+' | '-') hh ':' mm, and nothing after it. */
static int utc_offset_parse(const tp *p, const char *s, size_t n, int32_t *out)
{
	qbuf qa;
	int32_t h, m;
	if ((s[0] == 'Z' || s[0] == 'z') && n == 1) {
		*out = 0;
		return 0;
	}
	if ((s[0] == 'Z' || s[0] == 'z'))
		return fail_trailing(p, s, s + 1, n - 1, "expected the end of the instant");
	if (s[0] != '+' && s[0] != '-')
		return fail(p, TLC_EINPUT, s, n,
			    "unexpected '%s' after the time: expected 'Z' or a UTC offset like "
			    "'+05:30'", quote(&qa, s, n));
	if (n != 6 || count_digits(s + 1, 2) != 2 || s[3] != ':' || count_digits(s + 4, 2) != 2)
		return fail(p, TLC_EINPUT, s, n,
			    "expected a UTC offset like 'Z', '+05:30' or '-08:00', not '%s'",
			    quote(&qa, s, n));
	h = two_digits(s + 1);
	m = two_digits(s + 4);
	if (h > 23 || m > 59)
		return fail(p, TLC_EINPUT, s, n,
			    "offset '%s' is out of range: expected -23:59..+23:59",
			    quote(&qa, s, n));
	*out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 0;
}

/* After the date: sep clock [offset]. *utc tells whether an offset was given. */
static int instant_time(const tp *p, const char *s, size_t n, int32_t *tod, bool *utc,
			int32_t *off)
{
	size_t used = 0;
	char h24[16];
	qbuf qa, qb;
	int rc;
	if (n > 1 && twelve_hour(s + 1, n - 1, h24))
		return fail(p, TLC_EINPUT, s + 1, n - 1,
			    "'%s' is a 12-hour time: write '%s%c%s' (times are 24-hour)",
			    quote(&qa, s + 1, n - 1), quote(&qb, s - 10, 10), s[0], h24);
	if (s[0] != 'T' && s[0] != 't' && s[0] != ' ')
		return fail(p, TLC_EINPUT, s, n,
			    "unexpected '%s' after the date: expected 'T' or a space and a time, "
			    "like '2026-12-01 18:00'", quote(&qa, s, n));
	rc = clock_parse(p, s + 1, n - 1, &used, tod);
	if (rc)
		return rc;
	used++;
	*utc = used < n;
	return *utc ? utc_offset_parse(p, s + used, n - used, off) : 0;
}

/* A UTC instant must lie in TLC_TIME_MIN..TLC_TIME_MAX; errors point at the year. */
static int utc_range(const tp *p, const char *s, size_t n, tlc_time t)
{
	qbuf qa;
	if (t < TLC_TIME_MIN)
		return fail(p, TLC_ERANGE, s, 4, "instant '%s' is before 1970-01-01T00:00:00Z",
			    quote(&qa, s, n));
	if (t > TLC_TIME_MAX)
		return fail(p, TLC_ERANGE, s, 4, "instant '%s' is after 9999-12-31T23:59:59Z",
			    quote(&qa, s, n));
	return 0;
}

/* '@' ['-'] digits: seconds since 1970. */
static int epoch_parse(const tp *p, tlc_parsed_instant *out, const char *s, size_t n)
{
	size_t i = (n > 1 && s[1] == '-') ? 2 : 1, k = count_digits(s + i, n - i);
	int64_t v = 0;
	qbuf qa;
	if (k == 0)
		return fail(p, TLC_EINPUT, s + i, char_len(s + i, n - i),
			    "expected seconds since 1970 after '@', like '@1764612000'");
	if (i + k < n)
		return fail_trailing(p, s, s + i + k, n - i - k, "expected the end of the instant");
	if (i == 2 && !digits_value(s + i, k, 0, &v))
		return fail(p, TLC_ERANGE, s + 1, k + 1,
			    "epoch seconds '%s' are before 1970-01-01T00:00:00Z", quote(&qa, s + 1, k + 1));
	if (!digits_value(s + i, k, TLC_TIME_MAX, &v))
		return fail(p, TLC_ERANGE, s + i, k,
			    "epoch seconds '%s' are after 9999-12-31T23:59:59Z%s", quote(&qa, s + i, k),
			    k >= 13 && digits_value(s + i, k, TLC_TIME_MAX * 1000 + 999, &v)
				    ? " (milliseconds? write seconds)" : "");
	out->value = v;
	out->local = false;
	out->date_only = false;
	return 0;
}

/*
 * "18:00", "9:30" or "6pm" where an instant belongs: says a date is needed and shows the time
 * with one (in 24 hours). True when it failed so.
 */
static bool time_without_date(const tp *p, const char *s, size_t n)
{
	size_t k = count_digits(s, n);
	char h24[16];
	qbuf qa, qb;
	if (twelve_hour(s, n, h24)) {
		fail(p, TLC_EINPUT, s, n, "'%s' is a time without a date: an instant needs both, "
			  "like '2026-12-01 %s' (times are 24-hour)", quote(&qa, s, n), h24);
		return true;
	}
	if (k < 1 || k > 2 || k + 3 > n || s[k] != ':' || count_digits(s + k + 1, n - k - 1) != 2)
		return false;
	fail(p, TLC_EINPUT, s, n, "'%s' is a time without a date: an instant needs both, like "
		  "'2026-12-01 %s%s'", quote(&qa, s, n), k == 1 ? "0" : "", quote(&qb, s, n));
	return true;
}

static int instant_parse(const tp *p, tlc_parsed_instant *out, const char *s, size_t n)
{
	tlc_civil c = {0, 0, 0, 0, 0, 0};
	int32_t tod = 0, off = 0;
	bool utc = false;
	int rc;
	out->offset = (size_t)(s - p->org);
	out->len = n;
	if (n > 0 && s[0] == '@')
		return epoch_parse(p, out, s, n);
	if (n == 0 || !is_digit(s[0]))
		return fail(p, TLC_EINPUT, s, n, G_INST);
	if (time_without_date(p, s, n))
		return TLC_EINPUT;
	rc = date_parse(p, s, n, &c);
	if (!rc && n > 10)
		rc = instant_time(p, s + 10, n - 10, &tod, &utc, &off);
	if (rc)
		return rc;
	out->value = tlc_civil_to_secs(&c) + tod - off;
	out->local = !utc;
	out->date_only = n == 10;
	return utc ? utc_range(p, s, n, out->value) : 0;
}

/* ---- resolving local readings ------------------------------------------------------------- */

/* "2026-03-29 02:30" (":ss" when not 0), or the date alone. */
static void format_local(char *buf, size_t cap, tlc_time local, bool date_only)
{
	tlc_civil c;
	tlc_civil_from_secs(local, &c);
	if (date_only)
		snprintf(buf, cap, "%04d-%02d-%02d", (int)c.year, (int)c.month, (int)c.day);
	else if (c.sec == 0)
		snprintf(buf, cap, "%04d-%02d-%02d %02d:%02d", (int)c.year, (int)c.month,
			 (int)c.day, (int)c.hour, (int)c.min);
	else
		snprintf(buf, cap, "%04d-%02d-%02d %02d:%02d:%02d", (int)c.year, (int)c.month,
			 (int)c.day, (int)c.hour, (int)c.min, (int)c.sec);
}

/* The wall-clock time ("02:00", or "02:00:30") of local seconds. */
static void format_clock(char *buf, size_t cap, tlc_time local)
{
	int64_t s = tlc_floormod(local, 86400);
	if (s % 60)
		snprintf(buf, cap, "%02d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60),
			 (int)(s % 60));
	else
		snprintf(buf, cap, "%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60));
}

/* Clock readings just before and at transition `tr`. */
static void format_jump(char *from, char *to, size_t cap, const tlc_zone *z, tlc_time tr)
{
	format_clock(from, cap, tr + tlc_zone_offset(z, tr - 1));
	format_clock(to, cap, tr + tlc_zone_offset(z, tr));
}

/* The message for a gap or an overlap under TLC_DISAMB_REJECT. */
static int fail_ambiguous(tlc_err *e, const tlc_parsed_instant *in, const tlc_zone *z,
			  const tlc_local_result *r)
{
	char when[64], from[32] = "", to[32] = "";
	tlc_time tr = r->alt;
	qbuf qa;
	format_local(when, sizeof when, in->value, in->date_only);
	quote(&qa, tlc_zone_name(z), strlen(tlc_zone_name(z)));
	if (r->kind == TLC_LOCAL_GAP) {
		format_jump(from, to, sizeof from, z, tr);
		return fail_at(e, TLC_EINPUT, in->offset, in->len,
			       "local time '%s' does not exist in '%s': the clocks skip from %s to %s",
			       when, qa.b, from, to);
	}
	if (tlc_zone_next_transition(z, r->utc < r->alt ? r->utc : r->alt, &tr) == 0)
		format_jump(from, to, sizeof from, z, tr);
	return fail_at(e, TLC_EINPUT, in->offset, in->len,
		       "local time '%s' is ambiguous in '%s': it happens twice%s%s%s%s", when,
		       qa.b, from[0] ? " as the clocks go back from " : "", from,
		       from[0] ? " to " : "", to);
}

/* The zone provider failed (bad data, a contradiction): keep its code, say where. */
static int fail_unresolved(tlc_err *e, const tlc_parsed_instant *in, const tlc_zone *z, int rc)
{
	char when[64];
	qbuf qa;
	format_local(when, sizeof when, in->value, in->date_only);
	quote(&qa, tlc_zone_name(z), strlen(tlc_zone_name(z)));
	return fail_at(e, rc, in->offset, in->len, "local time '%s' cannot be resolved in '%s'",
		       when, qa.b);
}

static int fail_resolved_range(tlc_err *e, const tlc_parsed_instant *in, const char *zone,
			       tlc_time utc)
{
	char when[64];
	qbuf qa;
	format_local(when, sizeof when, in->value, in->date_only);
	return fail_at(e, TLC_ERANGE, in->offset, in->len < 4 ? in->len : 4,
		       "time '%s' in '%s' is %s", when, quote(&qa, zone, strlen(zone)),
		       utc < TLC_TIME_MIN ? "before 1970-01-01T00:00:00Z"
					  : "after 9999-12-31T23:59:59Z");
}

static int instant_resolve(tlc_err *e, tlc_local_result *out, const tlc_parsed_instant *in,
			   const tlc_zone *zone, tlc_disamb disamb)
{
	tlc_local_result r = {in->value, TLC_LOCAL_UNIQUE, 0, 0};
	int rc = 0;
	if (in->local && !zone)
		return TLC_EINVAL;
	if (in->local)
		rc = tlc_zone_local_to_utc(zone, in->value, disamb, &r);
	if (rc == TLC_EINPUT && disamb == TLC_DISAMB_REJECT && r.kind != TLC_LOCAL_UNIQUE)
		return fail_ambiguous(e, in, zone, &r);
	if (rc)
		return fail_unresolved(e, in, zone, rc);
	if (r.utc < TLC_TIME_MIN || r.utc > TLC_TIME_MAX)
		return fail_resolved_range(e, in, in->local ? tlc_zone_name(zone) : "UTC", r.utc);
	*out = r;
	return 0;
}

/* ---- windows, expressions, domains -------------------------------------------------------- */

/* window := instant ' '* '..' ' '* instant */
static int window_parse(const tp *p, tlc_window *out, const char *s, size_t n)
{
	const char *dots = find_dots(s, n);
	size_t a, b;
	qbuf qa, qb;
	int rc;
	if (!dots)
		return fail(p, TLC_EINPUT, s, n, G_WIN);
	a = rtrim(s, (size_t)(dots - s));
	b = (size_t)(dots + 2 - s);
	b += count_spaces(s + b, n - b);
	if (a == 0)
		return fail(p, TLC_EINPUT, dots, 2, "missing the start of the window before '..'");
	if (b == n)
		return fail(p, TLC_EINPUT, dots, 2, "missing the end of the window after '..'");
	rc = instant_parse(p, &out->start, s, a);
	if (!rc)
		rc = instant_parse(p, &out->end, s + b, n - b);
	if (!rc && out->start.local == out->end.local && out->end.value <= out->start.value)
		return fail(p, TLC_EINPUT, s + b, n - b, "window end '%s' is not after its start '%s'",
			    quote(&qa, s + b, n - b), quote(&qb, s, a));
	return rc;
}

/*
 * The '$' name at s[0] == '$'; *len = the name's length. A name whose last '-' part is a
 * duration ("$eta-10m") is refused: it would silently name a parameter 'eta-10m'.
 */
static int param_name(const tp *p, const char *s, size_t n, size_t *len)
{
	size_t j = 1, m;
	int64_t d;
	tlc_err scratch;
	tp quiet = {s, &scratch};
	qbuf qa, qb, qc, qd;
	if (n < 2 || !is_lower(s[1]))
		return fail(p, TLC_EINPUT, s + 1, char_len(s + 1, n - 1), G_NAME);
	while (j < n && is_name_char(s[j]))
		j++;
	for (m = j - 1; m > 1 && s[m] != '-'; m--)
		;
	if (m > 1 && dur_parse(&quiet, &d, s + m + 1, j - m - 1, 0) == 0)
		return fail(p, TLC_EINPUT, s, j,
			    "'%s' would name a parameter '%s': write '%s - %s' to subtract",
			    quote(&qa, s, j), quote(&qb, s + 1, j - 1), quote(&qc, s, m),
			    quote(&qd, s + m + 1, j - m - 1));
	*len = j - 1;
	return 0;
}

/* Where a literal instant ends inside an expression: before the first ' '+ '+'|'-'. */
static size_t literal_end(const char *s, size_t n)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		if (s[i] != ' ')
			continue;
		j = i + count_spaces(s + i, n - i);
		if (j < n && (s[j] == '+' || s[j] == '-'))
			return i;
		i = j - 1;
	}
	return n;
}

/* base := '$' name | 'now' | instant; *end = its length. */
static int expr_base(const tp *p, tlc_time_expr *e, const char *s, size_t n, size_t *end)
{
	size_t k = 0;
	int rc = 0;
	if (s[0] == '$') {
		rc = param_name(p, s, n, &k);
		e->kind = TLC_TIME_EXPR_PARAM;
		e->name_off = (size_t)(s + 1 - p->org);
		e->name_len = k;
		*end = k + 1;
	} else if (n >= 3 && memcmp(s, "now", 3) == 0 && (n == 3 || !is_alpha(s[3]))) {
		e->kind = TLC_TIME_EXPR_NOW;
		*end = 3;
	} else if (is_digit(s[0]) || s[0] == '@') {
		*end = literal_end(s, n);
		e->kind = TLC_TIME_EXPR_LITERAL;
		rc = instant_parse(p, &e->literal, s, *end);
	} else {
		rc = fail(p, TLC_EINPUT, s, n, G_EXPR);
	}
	return rc;
}

/* What follows a duration that must end the input. */
static int fail_after_offset(const tp *p, const char *s, size_t n, const char *prev)
{
	size_t sp = count_spaces(s, n);
	qbuf qa;
	if (sp < n && (s[sp] == '+' || s[sp] == '-'))
		return fail(p, TLC_EINPUT, s + sp, n - sp,
			    "unexpected '%s': only one ' + ' or ' - ' and a duration may follow, "
			    "like '$eta + 55m'", quote(&qa, s + sp, n - sp));
	return fail_trailing(p, prev, s, n, "expected the end of the expression");
}

/* The offset ' '+ ('+' | '-') ' '* duration after the base s[0..i). */
static int expr_offset(const tp *p, int64_t *out, const char *s, size_t n, size_t i)
{
	size_t j = i + count_spaces(s + i, n - i), k, dl;
	int64_t d = 0;
	qbuf qa, qb;
	int rc;
	if (j == n || (s[j] != '+' && s[j] != '-'))
		return fail_trailing(p, s, s + i, n - i,
				     "expected ' + ' or ' - ' and a duration, like '$eta - 10m'");
	k = j + 1 + count_spaces(s + j + 1, n - j - 1);
	if (j == i)
		return fail(p, TLC_EINPUT, s + j, 1, "missing space before '%c': write '%s %c %s'",
			    s[j], quote(&qa, s, i), s[j], quote(&qb, s + k, n - k));
	if (k == n)
		return fail(p, TLC_EINPUT, s + j, 1, "missing duration after '%c', like '$eta %c 10m'",
			    s[j], s[j]);
	dl = dur_extent(s + k, n - k);
	rc = dur_parse(p, &d, s + k, dl, 0);
	if (!rc && k + dl < n)
		return fail_after_offset(p, s + k + dl, n - k - dl, s);
	*out = s[j] == '-' ? -d : d;
	return rc;
}

/* expr := base [' '+ ('+' | '-') ' '* duration] */
static int expr_parse(const tp *p, tlc_time_expr *out, const char *s, size_t n)
{
	size_t end = 0;
	int rc;
	memset(out, 0, sizeof *out);
	if (n == 0)
		return fail(p, TLC_EINPUT, s, 0, G_EXPR);
	rc = expr_base(p, out, s, n, &end);
	if (!rc && end < n)
		rc = expr_offset(p, &out->offset, s, n, end);
	return rc;
}

/* The anchor of a relative domain: ' '+ ('after' | 'before') ' '+ ('now' | '$' name). */
static int domain_anchor(const tp *p, tlc_time_expr *a, bool *before, const char *s, size_t n)
{
	size_t i = count_spaces(s, n), w = 0, j, k = 0;
	if (i > 0 && n - i >= 6 && memcmp(s + i, "after ", 6) == 0)
		w = 5;
	else if (i > 0 && n - i >= 7 && memcmp(s + i, "before ", 7) == 0)
		w = 6;
	if (w == 0)
		return fail(p, TLC_EINPUT, s + i, n - i, G_ANCHOR);
	*before = w == 6;
	j = i + w + count_spaces(s + i + w, n - i - w);
	memset(a, 0, sizeof *a);
	if (n - j == 3 && memcmp(s + j, "now", 3) == 0) {
		a->kind = TLC_TIME_EXPR_NOW;
		return 0;
	}
	if (j == n || s[j] != '$')
		return fail(p, TLC_EINPUT, s + j, n - j, G_ANCHOR);
	if (param_name(p, s + j, n - j, &k))
		return TLC_EINPUT;
	if (j + 1 + k < n)
		return fail_trailing(p, s + j, s + j + 1 + k, n - j - 1 - k,
				     "expected the end of the domain");
	a->kind = TLC_TIME_EXPR_PARAM;
	a->name_off = (size_t)(s + j + 1 - p->org);
	a->name_len = k;
	return 0;
}

/* duration ' '* '..' ' '* duration anchor */
static int domain_relative(const tp *p, tlc_param_domain *out, const char *s, size_t n,
			   const char *dots)
{
	size_t a = rtrim(s, (size_t)(dots - s)), b = (size_t)(dots + 2 - s), k;
	int64_t lo = 0, hi = 0;
	bool before = false;
	qbuf qa, qb;
	int rc;
	b += count_spaces(s + b, n - b);
	if (a == 0 || b == n)
		return fail(p, TLC_EINPUT, dots, 2, "missing the %s of the range %s '..'",
			    a == 0 ? "start" : "end", a == 0 ? "before" : "after");
	k = dur_extent(s + b, n - b);
	rc = dur_parse(p, &lo, s, a, 0);
	if (!rc)
		rc = dur_parse(p, &hi, s + b, k, 0);
	if (!rc)
		rc = domain_anchor(p, &out->anchor, &before, s + b + k, n - b - k);
	if (!rc && hi <= lo)
		return fail(p, TLC_EINPUT, s + b, k, "range end '%s' is not longer than its start '%s'",
			    quote(&qa, s + b, k), quote(&qb, s, a));
	out->kind = TLC_PARAM_DOMAIN_RELATIVE;
	out->lo = before ? -hi : lo;
	out->hi = before ? -lo : hi;
	return rc;
}

static int domain_parse(const tp *p, tlc_param_domain *out, const char *s, size_t n)
{
	const char *dots = find_dots(s, n);
	memset(out, 0, sizeof *out);
	if (!dots)
		return fail(p, TLC_EINPUT, s, n, G_DOM);
	if (s[0] == '@' || (count_digits(s, n) == 4 && n > 4 && s[4] == '-')) {
		out->kind = TLC_PARAM_DOMAIN_WINDOW;
		return window_parse(p, &out->window, s, n);
	}
	return domain_relative(p, out, s, n, dots);
}

/* ---- public entry points ------------------------------------------------------------------ */

/* Checks (s, n) and sets up a tp; false on a broken contract. */
static bool tp_start(tp *p, const char **s, size_t n, tlc_err *err, tlc_err *scratch)
{
	if (!*s && n)
		return false;
	if (!*s)
		*s = "";
	p->org = *s;
	p->err = err ? err : scratch;
	return true;
}

int tlc_duration_parse(int64_t *out, const char *s, size_t n, unsigned flags, tlc_err *err)
{
	tlc_err scratch;
	tp p;
	int64_t v = 0;
	int rc;
	if (!out || (flags & ~(unsigned)TLC_DURATION_SIGNED) || !tp_start(&p, &s, n, err, &scratch))
		return TLC_EINVAL;
	rc = dur_parse(&p, &v, s, n, flags);
	if (rc == 0)
		*out = v;
	return rc;
}

int tlc_time_of_day_parse(int32_t *out, const char *s, size_t n, tlc_err *err)
{
	tlc_err scratch;
	tp p;
	int32_t v = 0;
	int rc;
	if (!out || !tp_start(&p, &s, n, err, &scratch))
		return TLC_EINVAL;
	rc = tod_parse(&p, &v, s, n);
	if (rc == 0)
		*out = v;
	return rc;
}

int tlc_instant_parse(tlc_parsed_instant *out, const char *s, size_t n, tlc_err *err)
{
	tlc_err scratch;
	tlc_parsed_instant v;
	tp p;
	int rc;
	if (!out || !tp_start(&p, &s, n, err, &scratch))
		return TLC_EINVAL;
	rc = instant_parse(&p, &v, s, n);
	if (rc == 0)
		*out = v;
	return rc;
}

int tlc_instant_resolve(tlc_local_result *out, const tlc_parsed_instant *in,
			const tlc_zone *zone, tlc_disamb disamb, tlc_err *err)
{
	tlc_err scratch;
	if (!out || !in || (unsigned)disamb >= (unsigned)TLC_DISAMB_MAX)
		return TLC_EINVAL;
	return instant_resolve(err ? err : &scratch, out, in, zone, disamb);
}

int tlc_window_parse(tlc_window *out, const char *s, size_t n, tlc_err *err)
{
	tlc_err scratch;
	tlc_window v;
	tp p;
	int rc;
	if (!out || !tp_start(&p, &s, n, err, &scratch))
		return TLC_EINVAL;
	rc = window_parse(&p, &v, s, n);
	if (rc == 0)
		*out = v;
	return rc;
}

int tlc_window_resolve(tlc_local_result *start_out, tlc_local_result *end_out,
		       const tlc_window *w, const tlc_zone *zone, tlc_disamb disamb, tlc_err *err)
{
	tlc_err scratch, *e = err ? err : &scratch;
	tlc_local_result a = {0, TLC_LOCAL_UNIQUE, 0, 0}, b = a;
	char sa[64], sb[64];
	int rc;
	if (!start_out || !end_out || !w || (unsigned)disamb >= (unsigned)TLC_DISAMB_MAX)
		return TLC_EINVAL;
	rc = instant_resolve(e, &a, &w->start, zone, disamb);
	if (!rc)
		rc = instant_resolve(e, &b, &w->end, zone, disamb);
	if (rc)
		return rc;
	if (b.utc <= a.utc) {
		format_local(sa, sizeof sa, a.utc, false);
		format_local(sb, sizeof sb, b.utc, false);
		return fail_at(e, TLC_EINPUT, w->end.offset, w->end.len,
			       "window end (%s UTC) is not after its start (%s UTC)", sb, sa);
	}
	*start_out = a;
	*end_out = b;
	return 0;
}

int tlc_time_expr_parse(tlc_time_expr *out, const char *s, size_t n, tlc_err *err)
{
	tlc_err scratch;
	tlc_time_expr v;
	tp p;
	int rc;
	if (!out || !tp_start(&p, &s, n, err, &scratch))
		return TLC_EINVAL;
	rc = expr_parse(&p, &v, s, n);
	if (rc == 0)
		*out = v;
	return rc;
}

int tlc_param_domain_parse(tlc_param_domain *out, const char *s, size_t n, tlc_err *err)
{
	tlc_err scratch;
	tlc_param_domain v;
	tp p;
	int rc;
	if (!out || !tp_start(&p, &s, n, err, &scratch))
		return TLC_EINVAL;
	rc = domain_parse(&p, &v, s, n);
	if (rc == 0)
		*out = v;
	return rc;
}
