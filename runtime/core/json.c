/* The runtime core's JSON reader; see json.h. */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

typedef struct jparser {
	const char *s;
	size_t n, i;
	uint32_t line;
	size_t line_start;
	tlc_err *err;
	int rc;
} jparser;

static void fail_at(jparser *p, size_t at, const char *what)
{
	if (p->rc)
		return;
	p->rc = TLC_EINPUT;
	if (!p->err)
		return;
	/* the line and column of `at`: count from the start (errors are rare) */
	uint32_t line = 1;
	size_t ls = 0;
	for (size_t k = 0; k < at && k < p->n; k++)
		if (p->s[k] == '\n') {
			line++;
			ls = k + 1;
		}
	p->err->offset = at;
	p->err->len = at < p->n ? 1 : 0;
	snprintf(p->err->msg, sizeof p->err->msg, "invalid JSON at line %u, column %zu: %s", (unsigned)line,
		 at - ls + 1, what);
}

static void oom(jparser *p)
{
	if (!p->rc)
		p->rc = TLC_ENOMEM;
	if (p->err)
		snprintf(p->err->msg, sizeof p->err->msg, "out of memory");
}

static void skip_ws(jparser *p)
{
	while (p->i < p->n) {
		char c = p->s[p->i];
		if (c == '\n') {
			p->line++;
			p->line_start = p->i + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		p->i++;
	}
}

static tlc_json *node(jparser *p, tlc_json_type t)
{
	tlc_json *v = calloc(1, sizeof *v);
	if (!v) {
		oom(p);
		return NULL;
	}
	v->type = t;
	v->line = p->line;
	v->col = (uint32_t)(p->i - p->line_start + 1);
	v->offset = p->i;
	return v;
}

/* ---- strings -------------------------------------------------------------------------------- */

static int hex4(const char *s)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The length of the valid UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t k = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
		 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (!k || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, a surrogate, past U+10FFFF */
	return k;
}

/* A string at p->i (the opening quote): its decoded text, NUL-terminated (escapes never make it
 * longer than its source). */
static char *string(jparser *p)
{
	size_t start = p->i++;
	size_t end = p->i;
	/* find the closing quote first, to size the buffer */
	while (end < p->n && p->s[end] != '"')
		end += p->s[end] == '\\' ? 2 : 1;
	if (end >= p->n) {
		fail_at(p, start, "a string that never ends");
		return NULL;
	}
	char *o = malloc(end - p->i + 1), *w = o;
	if (!o) {
		oom(p);
		return NULL;
	}
	while (p->i < end) {
		unsigned char c = (unsigned char)p->s[p->i];
		if (c < 0x20) {
			fail_at(p, p->i, "a control character in a string (escape it)");
			break;
		}
		if (c >= 0x80) {
			size_t k = utf8_seq((const unsigned char *)p->s + p->i, end - p->i);
			if (!k) {
				fail_at(p, p->i, "bytes that are not UTF-8 in a string");
				break;
			}
			memcpy(w, p->s + p->i, k);
			w += k;
			p->i += k;
			continue;
		}
		if (c != '\\') {
			*w++ = (char)c;
			p->i++;
			continue;
		}
		char e = p->s[p->i + 1];
		const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
		const char *hit = e ? strchr(from, e) : NULL;
		if (hit) {
			*w++ = to[hit - from];
			p->i += 2;
			continue;
		}
		if (e != 'u' || p->i + 6 > end || hex4(p->s + p->i + 2) < 0) {
			fail_at(p, p->i, "an escape that is not \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX");
			break;
		}
		uint32_t cp = (uint32_t)hex4(p->s + p->i + 2);
		size_t at = p->i;
		p->i += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			int lo = p->i + 6 <= end && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u'
					 ? hex4(p->s + p->i + 2) : -1;
			if (lo < 0xDC00 || lo > 0xDFFF) {
				fail_at(p, at, "a \\u escape of a high surrogate without its low one");
				break;
			}
			cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
			p->i += 6;
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			fail_at(p, at, "a \\u escape of a lone low surrogate");
			break;
		} else if (cp == 0) {
			fail_at(p, at, "\\u0000: strings here cannot hold a NUL");
			break;
		}
		w += put_utf8(w, cp);
	}
	*w = 0;
	if (p->rc) {
		free(o);
		return NULL;
	}
	p->i = end + 1;
	return o;
}

/* ---- numbers -------------------------------------------------------------------------------- */

static const double pow10_exact[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
				     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The double nearest to the number text s[0..len): exactly for the common case (at most 19
 * significant digits that fit 2^53 and a power of ten up to 22: one exact multiplication or
 * division), else through strtod on a copy that uses the C library's current decimal point,
 * so that an app's setlocale(LC_NUMERIC) changes nothing.
 */
static double to_double(const char *s, size_t len)
{
	uint64_t mant = 0;
	int digits = 0, exp10 = 0;
	size_t i = 0;
	bool neg = s[0] == '-', exact = true;
	i += neg;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (digits < 19) {
			mant = mant * 10 + (uint64_t)(s[i] - '0');
			digits += mant != 0;
		} else {
			exact = false;
		}
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(s[i] - '0');
				digits += mant != 0;
				exp10--;
			} else {
				exact = exact && s[i] == '0';
			}
		}
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		bool eneg = s[++i] == '-';
		i += s[i] == '-' || s[i] == '+';
		int e = 0;
		for (; i < len; i++)
			e = e < 10000 ? e * 10 + (s[i] - '0') : e;
		exp10 += eneg ? -e : e;
	}
	if (exact && mant <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
		double d = (double)mant;
		d = exp10 < 0 ? d / pow10_exact[-exp10] : d * pow10_exact[exp10];
		return neg ? -d : d;
	}
	char buf[512];
	if (len >= sizeof buf)
		len = sizeof buf - 1; /* digits past this do not change a double */
	memcpy(buf, s, len);
	buf[len] = 0;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&lock); /* localeconv()'s buffer is shared */
	char *dot = strchr(buf, '.');
	const char *dp = localeconv()->decimal_point;
	if (dot && dp && dp[0] && !dp[1])
		*dot = dp[0];
	double d = strtod(buf, NULL);
	pthread_mutex_unlock(&lock);
	return d;
}

static bool number(jparser *p, tlc_json *v)
{
	size_t start = p->i, i = p->i;
	const char *s = p->s;
	i += i < p->n && s[i] == '-';
	if (i >= p->n || s[i] < '0' || s[i] > '9') {
		fail_at(p, start, "a value that is not JSON (a number needs digits)");
		return false;
	}
	if (s[i] == '0' && i + 1 < p->n && s[i + 1] >= '0' && s[i + 1] <= '9') {
		fail_at(p, i, "a number with a leading zero");
		return false;
	}
	while (i < p->n && s[i] >= '0' && s[i] <= '9')
		i++;
	bool integer = true;
	if (i < p->n && s[i] == '.') {
		integer = false;
		if (++i >= p->n || s[i] < '0' || s[i] > '9') {
			fail_at(p, i, "a number with no digit after its '.'");
			return false;
		}
		while (i < p->n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < p->n && (s[i] == 'e' || s[i] == 'E')) {
		integer = false;
		i++;
		i += i < p->n && (s[i] == '+' || s[i] == '-');
		if (i >= p->n || s[i] < '0' || s[i] > '9') {
			fail_at(p, i, "a number with no digit in its exponent");
			return false;
		}
		while (i < p->n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	v->num = to_double(s + start, i - start);
	if (integer) { /* exact when it fits int64 */
		uint64_t m = 0;
		bool neg = s[start] == '-', fits = true;
		for (size_t k = start + neg; k < i && fits; k++) {
			uint64_t dgt = (uint64_t)(s[k] - '0');
			if (m > (UINT64_MAX - dgt) / 10)
				fits = false;
			else
				m = m * 10 + dgt;
		}
		if (fits && m <= (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
			v->integer = true;
			v->ival = neg ? (m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m) : (int64_t)m;
		}
	}
	p->i = i;
	return true;
}

/* ---- values --------------------------------------------------------------------------------- */

static bool word(jparser *p, const char *w)
{
	size_t k = strlen(w);
	if (p->n - p->i >= k && memcmp(p->s + p->i, w, k) == 0) {
		p->i += k;
		return true;
	}
	return false;
}

/*
 * One value at p->i. Arrays and objects are read without recursion: `stack` holds the open
 * containers (at most TLC_JSON_MAX_DEPTH) and `tail` their last child, so that a hostile depth
 * costs no C stack.
 */
static tlc_json *value(jparser *p)
{
	tlc_json *stack[TLC_JSON_MAX_DEPTH], *tail[TLC_JSON_MAX_DEPTH], *root = NULL;
	int depth = 0;
	for (;;) {
		skip_ws(p);
		char *key = NULL;
		size_t key_offset = 0, key_len = 0;
		if (depth > 0 && stack[depth - 1]->type == TLC_JSON_OBJECT) {
			if (p->i >= p->n || p->s[p->i] != '"') {
				fail_at(p, p->i, "an object member must start with a quoted name");
				break;
			}
			key_offset = p->i;
			if (!(key = string(p)))
				break;
			key_len = p->i - key_offset;
			skip_ws(p);
			if (p->i >= p->n || p->s[p->i] != ':') {
				free(key);
				fail_at(p, p->i, "a ':' after the member's name");
				break;
			}
			p->i++;
			skip_ws(p);
		}
		if (p->i >= p->n) {
			free(key);
			fail_at(p, p->i, "a value is missing at the end");
			break;
		}
		char c = p->s[p->i];
		tlc_json *v = node(p, c == '{' ? TLC_JSON_OBJECT : c == '[' ? TLC_JSON_ARRAY
				      : c == '"' ? TLC_JSON_STRING : c == 't' ? TLC_JSON_TRUE
				      : c == 'f' ? TLC_JSON_FALSE : c == 'n' ? TLC_JSON_NULL : TLC_JSON_NUMBER);
		if (!v) {
			free(key);
			break;
		}
		v->key = key;
		v->key_offset = key_offset;
		v->key_len = key_len;
		/* attach before reading, so that a failure frees it with the tree */
		if (depth == 0)
			root = v;
		else if (tail[depth - 1])
			tail[depth - 1] = tail[depth - 1]->next = v;
		else
			tail[depth - 1] = stack[depth - 1]->child = v;
		if (depth > 0)
			stack[depth - 1]->n++;
		bool open = false;
		switch (v->type) {
		case TLC_JSON_OBJECT:
		case TLC_JSON_ARRAY:
			if (depth == TLC_JSON_MAX_DEPTH) {
				fail_at(p, p->i, "nesting deeper than 128");
				break;
			}
			p->i++;
			stack[depth] = v;
			tail[depth++] = NULL;
			open = true;
			break;
		case TLC_JSON_STRING:
			v->str = string(p);
			break;
		case TLC_JSON_TRUE:
			if (!word(p, "true"))
				fail_at(p, p->i, "a value that is not JSON");
			break;
		case TLC_JSON_FALSE:
			if (!word(p, "false"))
				fail_at(p, p->i, "a value that is not JSON");
			break;
		case TLC_JSON_NULL:
			if (!word(p, "null"))
				fail_at(p, p->i, "a value that is not JSON");
			break;
		default:
			number(p, v);
			break;
		}
		if (p->rc)
			break;
		/* close what ends here: '}' or ']' after a value, or right after the opening */
		bool first = open;
		for (;;) {
			skip_ws(p);
			if (depth == 0)
				return root;
			tlc_json *top = stack[depth - 1];
			char close = top->type == TLC_JSON_OBJECT ? '}' : ']';
			if (p->i < p->n && p->s[p->i] == close) {
				p->i++;
				depth--;
				first = false;
				continue;
			}
			if (first)
				break; /* the first child comes */
			if (p->i < p->n && p->s[p->i] == ',') {
				p->i++;
				skip_ws(p);
				if (p->i < p->n && p->s[p->i] == close)
					fail_at(p, p->i, "a ',' before the end of an array or object");
				break;
			}
			fail_at(p, p->i, top->type == TLC_JSON_OBJECT ? "a ',' or '}' after a member"
								    : "a ',' or ']' after an element");
			break;
		}
		if (p->rc)
			break;
	}
	tlc_json_free(root);
	return NULL;
}

int tlc_json_parse(tlc_json **out, const char *s, size_t len, tlc_err *err)
{
	jparser p = {s, len, 0, 1, 0, err, 0};
	*out = NULL;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		p.i = p.line_start = 3; /* a byte order mark, as the readers of specs allow */
	tlc_json *v = value(&p);
	if (v) {
		skip_ws(&p);
		if (p.i < p.n)
			fail_at(&p, p.i, "more after the JSON value");
	}
	if (p.rc) {
		tlc_json_free(v);
		return p.rc;
	}
	*out = v;
	return 0;
}

void tlc_json_free(tlc_json *v)
{
	/* iteratively: splice each child list into the list being freed */
	while (v) {
		tlc_json *next = v->next;
		if (v->child) {
			tlc_json *last = v->child;
			while (last->next)
				last = last->next;
			last->next = next;
			next = v->child;
		}
		free(v->key);
		free(v->str);
		free(v);
		v = next;
	}
}

const tlc_json *tlc_json_get(const tlc_json *o, const char *key)
{
	if (!tlc_json_is(o, TLC_JSON_OBJECT))
		return NULL;
	for (const tlc_json *m = o->child; m; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const tlc_json *tlc_json_at(const tlc_json *a, size_t i)
{
	if (!tlc_json_is(a, TLC_JSON_ARRAY) && !tlc_json_is(a, TLC_JSON_OBJECT))
		return NULL;
	const tlc_json *c = a->child;
	while (c && i--)
		c = c->next;
	return c;
}
