/*
 * parse_json.c — the strict, position-tracking JSON reader (RFC 8259); see parse.h.
 *
 * Grammar (RFC 8259 §2–§7):
 *   JSON-text = ws value ws                     (an optional UTF-8 BOM may precede it)
 *   value     = object / array / string / number / "true" / "false" / "null"
 *   object    = "{" ws [ member *( ws "," ws member ) ] ws "}"
 *   member    = string ws ":" ws value
 *   array     = "[" ws [ value *( ws "," ws value ) ] ws "]"
 *   number    = [ "-" ] ( "0" / [1-9] *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]
 *   string    = '"' *( unescaped / "\" ( '"' / "\" / "/" / "b" / "f" / "n" / "r" / "t" / "uXXXX" ) ) '"'
 *   ws        = *( SP / HTAB / LF / CR )
 *
 * Invariants:
 *  - The whole file is checked for UTF-8 validity and NUL bytes (TL002) before parsing, so the
 *    scanner may decode code points without further checks.
 *  - Recursion depth is bounded by TLC_MAX_DEPTH: a container deeper than that is a TL003
 *    diagnostic before the recursive call.
 *  - Children of open containers live on one shared stack (p->stk); a container's children are
 *    copied into the arena when it closes. Nothing but the arena outlives the call.
 *  - The first syntax error stops the parse. Duplicate keys are reported (TL012) when their
 *    object closes and parsing goes on, so every duplicate of the file is reported.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/parse.h"
#include "timelinec/common.h"

#define NO_OFFSET ((size_t)-1)

typedef struct json_parser {
	tlc_ctx *ctx;
	const tlc_source *src;
	const char *s;          /* src->text */
	size_t len, pos;
	uint32_t file;
	size_t nodes;           /* nodes created so far, for TLC_MAX_NODES */
	size_t open[TLC_MAX_DEPTH + 1]; /* offsets of the open '{', '[' and '"' (innermost last) */
	size_t nopen;
	unsigned depth;         /* open containers */
	tlc_node **stk;         /* children of open containers; a map pushes key then value */
	size_t nstk, capstk;
	char *sbuf;             /* the string being decoded */
	size_t slen, scap;
	tlc_node **keys;        /* scratch for the duplicate-key check */
	size_t capkeys;
	int dups;               /* a TL012 was reported */
} json_parser;

/* --- UTF-8 ------------------------------------------------------------------------------ */

/* Lead-byte classes of well-formed UTF-8 (Unicode 15, table 3-7). */
static const struct utf8_class {
	unsigned char lead_lo, lead_hi, len, second_lo, second_hi;
} utf8_classes[] = {
	{0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF},
	{0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF},
	{0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

/* Length of the well-formed sequence at s (n bytes available), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	for (size_t k = 0; k < sizeof utf8_classes / sizeof utf8_classes[0]; k++) {
		const struct utf8_class *c = &utf8_classes[k];
		if (s[0] < c->lead_lo || s[0] > c->lead_hi)
			continue;
		if (n < c->len || s[1] < c->second_lo || s[1] > c->second_hi)
			return 0;
		for (size_t i = 2; i < c->len; i++)
			if ((s[i] & 0xC0) != 0x80)
				return 0;
		return c->len;
	}
	return 0;
}

/* Returns the offset of the first byte that does not start a well-formed sequence (for a
 * truncated or overlong sequence, its lead byte), or (size_t)-1. */
size_t tlc_utf8_check(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = utf8_seq_len(u + i, n - i);
		if (k == 0)
			return i;
		i += k;
	}
	return (size_t)-1;
}

/* Decodes the (valid) sequence at s; *len gets its length. */
static unsigned utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
	size_t k = utf8_seq_len(s, n);
	if (k <= 1) {
		*len = 1;
		return s[0];
	}
	unsigned cp = s[0] & (0xFFu >> (k + 1));
	for (size_t i = 1; i < k; i++)
		cp = cp << 6 | (s[i] & 0x3Fu);
	*len = k;
	return cp;
}

static size_t utf8_encode(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* --- \uXXXX and the string offset map (shared by the reader and node.c) ------------------ */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the 4 hex digits after "\u" at s[0..n); returns how many were hex (4 = *cp is set). */
static size_t hex4(const char *s, size_t n, unsigned *cp)
{
	unsigned v = 0;
	size_t i;
	for (i = 0; i < 4 && i < n; i++) {
		int h = hex_value(s[i]);
		if (h < 0)
			break;
		v = v << 4 | (unsigned)h;
	}
	*cp = v;
	return i;
}

static int is_high_surrogate(unsigned cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
static int is_low_surrogate(unsigned cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

/* The escape "\uXXXX" at raw[i] (already known to start with "\u"), combined with a following
 * low surrogate. *rlen gets its raw length and *dlen the length of its UTF-8 value. */
static void uescape_measure(const char *raw, size_t rawlen, size_t i, size_t *rlen, size_t *dlen)
{
	unsigned cp = 0, lo = 0;
	hex4(raw + i + 2, rawlen - i - 2, &cp);
	*rlen = 6;
	if (is_high_surrogate(cp) && i + 12 <= rawlen && raw[i + 6] == '\\' && raw[i + 7] == 'u' &&
	    hex4(raw + i + 8, 4, &lo) == 4 && is_low_surrogate(lo)) {
		*rlen = 12;
		*dlen = 4;
		return;
	}
	char tmp[4];
	*dlen = utf8_encode(tmp, cp);
}

/* Raw length and value length of the character at raw[i] of a string literal's body. */
static void string_char_measure(const char *raw, size_t rawlen, size_t i, size_t *rlen,
				size_t *dlen)
{
	*rlen = *dlen = 1;
	if (raw[i] != '\\' || i + 1 >= rawlen)
		return;
	if (raw[i + 1] == 'u' && i + 6 <= rawlen) {
		uescape_measure(raw, rawlen, i, rlen, dlen);
		return;
	}
	*rlen = 2;
}

size_t tlc_json__string_offset(const char *raw, size_t rawlen, size_t voff)
{
	size_t i = 1, v = 0;
	if (rawlen == 0 || raw[0] != '"')
		return (size_t)-1;
	while (i < rawlen && raw[i] != '"') {
		size_t rlen, dlen;
		string_char_measure(raw, rawlen, i, &rlen, &dlen);
		if (voff < v + dlen)
			return rlen == dlen ? i + (voff - v) : i;
		v += dlen;
		i += rlen;
	}
	return voff == v ? i : (size_t)-1;
}

/* --- diagnostics ------------------------------------------------------------------------ */

static int status_of(const tlc_diag *g) { return g ? TLC_EINPUT : TLC_ENOMEM; }

static tlc_diag *report(json_parser *p, const char *rule, size_t start, size_t end,
			const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;

static tlc_diag *report(json_parser *p, const char *rule, size_t start, size_t end,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tlc_diag *g = tlc_diag_vadd(&p->ctx->diags, rule, tlc_span_make(p->file, start, end), fmt, ap);
	va_end(ap);
	return g;
}

static unsigned line_of(const json_parser *p, size_t off)
{
	unsigned line, col;
	tlc_source_linecol(p->src, off, &line, &col);
	return line;
}

static int is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static size_t word_end(const json_parser *p, size_t i)
{
	while (i < p->len && is_word_char(p->s[i]))
		i++;
	return i;
}

/* Describes the token at p->pos for a "found …" message ("'x'", "'word'", "U+00A0") and
 * returns the offset just past it. */
static size_t describe_token(const json_parser *p, char *desc, size_t cap)
{
	unsigned char c = (unsigned char)p->s[p->pos];
	if (is_word_char((char)c)) {
		size_t e = word_end(p, p->pos), n = e - p->pos;
		snprintf(desc, cap, "'%.*s%s'", (int)(n > 32 ? 32 : n), p->s + p->pos, n > 32 ? "..." : "");
		return e;
	}
	if (c > 0x20 && c < 0x7F) {
		snprintf(desc, cap, "'%c'", c);
		return p->pos + 1;
	}
	size_t k;
	unsigned cp = utf8_decode((const unsigned char *)p->s + p->pos, p->len - p->pos, &k);
	snprintf(desc, cap, "U+%04X", cp);
	return p->pos + k;
}

/* End of input inside an open container or string: points at the end and at the opener. */
static int unclosed(json_parser *p)
{
	size_t at = p->open[p->nopen - 1];
	char c = p->s[at];
	tlc_diag *g = c == '"'
		? report(p, "TL001", p->len, p->len,
			 "unexpected end of input: unclosed string opened at line %u", line_of(p, at))
		: report(p, "TL001", p->len, p->len,
			 "unexpected end of input: unclosed '%c' opened at line %u", c, line_of(p, at));
	tlc_diag_set_related(g, tlc_span_make(p->file, at, at + 1), "opened here");
	return status_of(g);
}

static int is_comment_at(const json_parser *p, size_t i)
{
	return i + 1 < p->len && p->s[i] == '/' && (p->s[i + 1] == '/' || p->s[i + 1] == '*');
}

/* "expected <what>, found <token at p->pos>", or the more specific message for a comment or
 * the end of input. */
static int expected(json_parser *p, const char *what)
{
	if (p->pos >= p->len && p->nopen > 0)
		return unclosed(p);
	if (p->pos >= p->len)
		return status_of(report(p, "TL001", p->len, p->len,
					"expected %s, found end of input", what));
	if (is_comment_at(p, p->pos))
		return status_of(report(p, "TL001", p->pos, p->pos + 2,
					"comments are not allowed in JSON"));
	char desc[64];
	size_t end = describe_token(p, desc, sizeof desc);
	return status_of(report(p, "TL001", p->pos, end, "expected %s, found %s", what, desc));
}

static int trailing_comma(json_parser *p, size_t comma, char close)
{
	tlc_diag *g = report(p, "TL001", comma, comma + 1, "trailing comma before '%c'", close);
	tlc_diag_set_fix(g, "remove the ','");
	return status_of(g);
}

/* Writes n bytes of user text for a message: control characters escaped, cut after 40 bytes
 * (at a character boundary). */
static void quote_user(char *dst, size_t cap, const char *s, size_t n)
{
	size_t o = 0, i = 0;
	while (i < n && o + 8 < cap && i < 40) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			o += (size_t)snprintf(dst + o, cap - o, "\\u%04X", c);
		else
			dst[o++] = (char)c;
		i++;
	}
	while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80 && o + 4 < cap)
		dst[o++] = s[i++];
	if (i < n && o + 4 < cap)
		o += (size_t)snprintf(dst + o, cap - o, "...");
	dst[o] = '\0';
}

/* --- nodes and the child stack ---------------------------------------------------------- */

static int node_new(json_parser *p, tlc_node **out, tlc_node_kind kind, size_t start)
{
	if (p->nodes >= TLC_MAX_NODES)
		return status_of(report(p, "TL003", start, start + 1,
					"more than %u keys and values in one file",
					(unsigned)TLC_MAX_NODES));
	tlc_node *n = tlc_arena_alloc(&p->ctx->arena, sizeof *n);
	if (!n)
		return TLC_ENOMEM;
	p->nodes++;
	n->kind = kind;
	n->span = tlc_span_make(p->file, start, start);
	*out = n;
	return 0;
}

static int stack_push(json_parser *p, tlc_node *n)
{
	if (p->nstk == p->capstk) {
		size_t cap = p->capstk ? p->capstk * 2 : 64;
		tlc_node **v = realloc(p->stk, cap * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		p->stk = v;
		p->capstk = cap;
	}
	p->stk[p->nstk++] = n;
	return 0;
}

static int scalar_finish(json_parser *p, tlc_node *n, const char *s, size_t len,
			 tlc_scalar_type type, tlc_scalar_style style)
{
	char *v = tlc_arena_strndup(&p->ctx->arena, s, len);
	if (!v)
		return TLC_ENOMEM;
	n->str = v;
	n->len = len;
	n->type = type;
	n->style = style;
	n->span.end = (uint32_t)p->pos;
	return 0;
}

/* --- strings ---------------------------------------------------------------------------- */

static int sbuf_put(json_parser *p, const char *s, size_t n)
{
	if (p->scap - p->slen < n) {
		size_t cap = p->scap ? p->scap * 2 : 256;
		char *b = realloc(p->sbuf, cap);
		if (!b)
			return TLC_ENOMEM;
		p->sbuf = b;
		p->scap = cap;
	}
	memcpy(p->sbuf + p->slen, s, n);
	p->slen += n;
	return 0;
}

static int bad_escape(json_parser *p)
{
	size_t at = p->pos;
	unsigned char c = (unsigned char)p->s[at + 1];
	tlc_diag *g;
	if (c > 0x20 && c < 0x7F) {
		g = report(p, "TL001", at, at + 2, "invalid escape '\\%c' in a string", c);
	} else {
		size_t k;
		unsigned cp = utf8_decode((const unsigned char *)p->s + at + 1, p->len - at - 1, &k);
		g = report(p, "TL001", at, at + 1 + k, "invalid escape: '\\' followed by U+%04X", cp);
	}
	tlc_diag_set_fix(g, "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; "
			    "write a backslash as '\\\\'");
	return status_of(g);
}

/* Reads "\uXXXX" at `at`; on bad hex reports at the offending character. */
static int read_uescape(json_parser *p, size_t at, unsigned *cp)
{
	size_t n = hex4(p->s + at + 2, p->len - at - 2, cp);
	if (n == 4)
		return 0;
	p->pos = at + 2 + n;
	return expected(p, "4 hex digits after '\\u'");
}

static int unpaired_surrogate(json_parser *p, size_t at)
{
	tlc_diag *g = report(p, "TL001", at, at + 6, "unpaired surrogate '%.6s' in a string", p->s + at);
	tlc_diag_set_fix(g, "write the character itself, or a surrogate pair such as "
			    "'\\ud83d\\ude80'");
	return status_of(g);
}

/* "\uXXXX", or a surrogate pair "\uD8xx\uDCxx", at p->pos. */
static int string_uescape(json_parser *p)
{
	size_t at = p->pos;
	unsigned cp, lo;
	int err = read_uescape(p, at, &cp);
	if (err < 0)
		return err;
	if (cp == 0)
		return status_of(report(p, "TL001", at, at + 6,
					"'\\u0000' is not allowed: values cannot contain NUL characters"));
	if (is_low_surrogate(cp))
		return unpaired_surrogate(p, at);
	p->pos = at + 6;
	if (is_high_surrogate(cp)) {
		if (p->len - p->pos < 2 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
			return unpaired_surrogate(p, at);
		if ((err = read_uescape(p, p->pos, &lo)) < 0)
			return err;
		if (!is_low_surrogate(lo))
			return unpaired_surrogate(p, at);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		p->pos += 6;
	}
	char u[4];
	return sbuf_put(p, u, utf8_encode(u, cp));
}

static int string_escape(json_parser *p)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	if (p->len - p->pos < 2) {
		p->pos = p->len; /* reported as an unclosed string */
		return 0;
	}
	char c = p->s[p->pos + 1];
	if (c == 'u')
		return string_uescape(p);
	const char *e = c ? strchr(from, c) : NULL;
	if (!e)
		return bad_escape(p);
	p->pos += 2;
	return sbuf_put(p, &to[e - from], 1);
}

static int string_control(json_parser *p, size_t open)
{
	unsigned char c = (unsigned char)p->s[p->pos];
	tlc_diag *g;
	if (c == '\n' || c == '\r') {
		g = report(p, "TL001", p->pos, p->pos + 1, "unescaped line break in a string");
		tlc_diag_set_fix(g, "close the string with '\"' or write the line break as '\\n'");
	} else {
		g = report(p, "TL001", p->pos, p->pos + 1,
			   "unescaped control character U+%04X in a string", c);
		if (c == '\t')
			tlc_diag_set_fix(g, "write it as '\\t'");
		else
			tlc_diag_set_fix(g, "write it as '\\u%04X'", c);
	}
	tlc_diag_set_related(g, tlc_span_make(p->file, open, open + 1), "the string starts here");
	return status_of(g);
}

static int too_long(json_parser *p, size_t at, size_t start, const char *what, const char *unit)
{
	tlc_diag *g = report(p, "TL003", at, at + 1, "%s longer than %u %s", what,
			     (unsigned)TLC_MAX_SCALAR_LEN, unit);
	tlc_diag_set_related(g, tlc_span_make(p->file, start, start + 1), "the %s starts here", what);
	return status_of(g);
}

/* Decodes the string literal at p->pos into p->sbuf/p->slen; p->pos ends past the quote. */
static int string_decode(json_parser *p)
{
	size_t open = p->pos++;
	int err = 0;
	p->slen = 0;
	for (;;) {
		size_t at = p->pos;
		if (at >= p->len)
			return unclosed(p);
		unsigned char c = (unsigned char)p->s[at];
		if (c == '"')
			break;
		if (c < 0x20)
			return string_control(p, open);
		if (c == '\\') {
			err = string_escape(p);
		} else {
			err = sbuf_put(p, p->s + at, 1);
			p->pos++;
		}
		if (err < 0)
			return err;
		if (p->slen > TLC_MAX_SCALAR_LEN)
			return too_long(p, at, open, "string", "bytes");
	}
	p->pos++;
	return 0;
}

static int parse_string(json_parser *p, tlc_node **out)
{
	tlc_node *n;
	size_t start = p->pos;
	int err = node_new(p, &n, TLC_NODE_SCALAR, start);
	if (err < 0)
		return err;
	p->open[p->nopen++] = start;
	err = string_decode(p);
	p->nopen--;
	if (err < 0)
		return err;
	if ((err = scalar_finish(p, n, p->sbuf, p->slen, TLC_SCALAR_STR,
				 TLC_STYLE_JSON_STRING)) < 0)
		return err;
	*out = n;
	return 0;
}

/* --- numbers and literals --------------------------------------------------------------- */

static int is_digit_at(const json_parser *p, size_t i)
{
	return i < p->len && p->s[i] >= '0' && p->s[i] <= '9';
}

static void skip_digits(json_parser *p)
{
	while (is_digit_at(p, p->pos))
		p->pos++;
}

static int is_number_char(char c) { return is_word_char(c) || c == '.' || c == '+' || c == '-'; }

/* A number lexeme followed by letters, digits or dots ("0x1F", "1.2.3", "1e5e"). */
static int bad_number(json_parser *p, size_t start)
{
	size_t e = p->pos;
	while (e < p->len && is_number_char(p->s[e]))
		e++;
	size_t n = e - start;
	return status_of(report(p, "TL001", start, e, "invalid number '%.*s%s'",
				(int)(n > 32 ? 32 : n), p->s + start, n > 32 ? "..." : ""));
}

static int minus_without_digit(json_parser *p)
{
	size_t e = word_end(p, p->pos);
	if (e - p->pos == 8 && memcmp(p->s + p->pos, "Infinity", 8) == 0)
		return status_of(report(p, "TL001", p->pos - 1, e,
					"'-Infinity' is not allowed in JSON"));
	return expected(p, "a digit after '-'");
}

static int leading_zero(json_parser *p, size_t start)
{
	size_t e = p->pos;
	while (is_digit_at(p, e))
		e++;
	tlc_diag *g = report(p, "TL001", start, e, "leading zeros are not allowed in JSON numbers");
	tlc_diag_set_fix(g, "remove the leading zeros, or quote the value if it is a code");
	return status_of(g);
}

/* Scans number = [ "-" ] int [ frac ] [ exp ]; *is_float says whether frac or exp is there. */
static int number_scan(json_parser *p, size_t start, int *is_float)
{
	if (p->s[p->pos] == '-')
		p->pos++;
	if (!is_digit_at(p, p->pos))
		return minus_without_digit(p);
	if (p->s[p->pos] == '0' && is_digit_at(p, p->pos + 1))
		return leading_zero(p, start);
	skip_digits(p);
	if (p->pos < p->len && p->s[p->pos] == '.') {
		if (!is_digit_at(p, ++p->pos))
			return expected(p, "a digit after the decimal point");
		skip_digits(p);
		*is_float = 1;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (!is_digit_at(p, p->pos))
			return expected(p, "a digit in the exponent");
		skip_digits(p);
		*is_float = 1;
	}
	return 0;
}

static int parse_number(json_parser *p, tlc_node **out)
{
	size_t start = p->pos;
	int is_float = 0, err;
	tlc_node *n;
	if ((err = number_scan(p, start, &is_float)) < 0)
		return err;
	if (p->pos < p->len && is_number_char(p->s[p->pos]))
		return bad_number(p, start);
	if (p->pos - start > TLC_MAX_SCALAR_LEN)
		return too_long(p, start + TLC_MAX_SCALAR_LEN, start, "number", "characters");
	if ((err = node_new(p, &n, TLC_NODE_SCALAR, start)) < 0)
		return err;
	if ((err = scalar_finish(p, n, p->s + start, p->pos - start,
				 is_float ? TLC_SCALAR_FLOAT : TLC_SCALAR_INT, TLC_STYLE_PLAIN)) < 0)
		return err;
	*out = n;
	return 0;
}

static int word_is(const json_parser *p, size_t end, const char *w)
{
	size_t n = strlen(w);
	return end - p->pos == n && memcmp(p->s + p->pos, w, n) == 0;
}

static int word_is_nocase(const json_parser *p, size_t end, const char *w)
{
	size_t n = strlen(w);
	if (end - p->pos != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((p->s[p->pos + i] | 0x20) != w[i])
			return 0;
	return 1;
}

/* A word where a value is expected: true, false, null, or an error. */
static int parse_word(json_parser *p, tlc_node **out)
{
	static const char *const lits[] = {"true", "false", "null"};
	static const tlc_scalar_type types[] = {TLC_SCALAR_BOOL, TLC_SCALAR_BOOL, TLC_SCALAR_NULL};
	size_t start = p->pos, end = word_end(p, start);
	for (size_t i = 0; i < 3; i++) {
		if (!word_is(p, end, lits[i]))
			continue;
		tlc_node *n;
		int err = node_new(p, &n, TLC_NODE_SCALAR, start);
		if (err < 0)
			return err;
		p->pos = end;
		if ((err = scalar_finish(p, n, lits[i], strlen(lits[i]), types[i],
					 TLC_STYLE_PLAIN)) < 0)
			return err;
		*out = n;
		return 0;
	}
	if (word_is(p, end, "NaN") || word_is(p, end, "Infinity"))
		return status_of(report(p, "TL001", start, end, "'%.*s' is not allowed in JSON",
					(int)(end - start), p->s + start));
	for (size_t i = 0; i < 3; i++) {
		if (!word_is_nocase(p, end, lits[i]))
			continue;
		tlc_diag *g = report(p, "TL001", start, end, "expected a value, found '%.*s'",
				     (int)(end - start), p->s + start);
		tlc_diag_set_fix(g, "JSON literals are lowercase: write '%s'", lits[i]);
		return status_of(g);
	}
	return expected(p, "a value");
}

/* Something that starts no JSON value: a few common mistakes get their own message. */
static int parse_other(json_parser *p)
{
	char c = p->s[p->pos];
	tlc_diag *g;
	if (c == '+' && (is_digit_at(p, p->pos + 1) || p->s[p->pos + 1] == '.')) {
		g = report(p, "TL001", p->pos, p->pos + 1, "numbers cannot start with '+' in JSON");
		tlc_diag_set_fix(g, "remove the '+'");
		return status_of(g);
	}
	if (c == '.' && is_digit_at(p, p->pos + 1)) {
		g = report(p, "TL001", p->pos, p->pos + 1, "numbers cannot start with '.' in JSON");
		tlc_diag_set_fix(g, "write a zero before the '.'");
		return status_of(g);
	}
	if (c == '\'') {
		g = report(p, "TL001", p->pos, p->pos + 1,
			   "single-quoted strings are not allowed in JSON");
		tlc_diag_set_fix(g, "use double quotes");
		return status_of(g);
	}
	return expected(p, "a value");
}

/* --- containers ------------------------------------------------------------------------- */

static void skip_ws(json_parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		p->pos++;
	}
}

static int peek_is(const json_parser *p, char c) { return p->pos < p->len && p->s[p->pos] == c; }

static int parse_value(json_parser *p, tlc_node **out);

/* Opens the container at p->pos: depth and node limits, the node, the opener stack. */
static int container_enter(json_parser *p, tlc_node **out, tlc_node_kind kind)
{
	if (p->depth >= TLC_MAX_DEPTH)
		return status_of(report(p, "TL003", p->pos, p->pos + 1,
					"nesting deeper than %u levels", (unsigned)TLC_MAX_DEPTH));
	int err = node_new(p, out, kind, p->pos);
	if (err < 0)
		return err;
	p->depth++;
	p->open[p->nopen++] = p->pos++;
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	const tlc_node *x = *(tlc_node *const *)a, *y = *(tlc_node *const *)b;
	int c = memcmp(x->str, y->str, x->len < y->len ? x->len : y->len);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->span.start < y->span.start ? -1 : x->span.start > y->span.start;
}

static int duplicate_key(json_parser *p, const tlc_node *first, const tlc_node *again)
{
	char key[128];
	quote_user(key, sizeof key, again->str, again->len);
	tlc_diag *g = report(p, "TL012", again->span.start, again->span.end, "duplicate key '%s'", key);
	tlc_diag_set_related(g, first->span, "first given here");
	tlc_diag_set_fix(g, "keep only one of them");
	p->dups = 1;
	return g ? 0 : TLC_ENOMEM;
}

/* Reports every repeated key of a closed map (sorted copy: linear after the sort). */
static int check_duplicates(json_parser *p, const tlc_pair *pairs, size_t n)
{
	if (n < 2)
		return 0;
	if (p->capkeys < n) {
		tlc_node **v = realloc(p->keys, n * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		p->keys = v;
		p->capkeys = n;
	}
	for (size_t i = 0; i < n; i++)
		p->keys[i] = pairs[i].key;
	qsort(p->keys, n, sizeof *p->keys, key_cmp);
	size_t first = 0;
	for (size_t i = 1; i < n; i++) {
		const tlc_node *a = p->keys[first], *b = p->keys[i];
		if (a->len != b->len || memcmp(a->str, b->str, a->len) != 0) {
			first = i;
			continue;
		}
		int err = duplicate_key(p, a, b);
		if (err < 0)
			return err;
	}
	return 0;
}

/* Copies the children above `base` into the map or sequence n and closes it (p->pos is on
 * its closing bracket). */
static int container_leave(json_parser *p, tlc_node *n, size_t base)
{
	size_t k = p->nstk - base;
	if (k > 0 && n->kind == TLC_NODE_MAP) {
		n->pairs = tlc_arena_alloc(&p->ctx->arena, k / 2 * sizeof *n->pairs);
		if (!n->pairs)
			return TLC_ENOMEM;
		for (size_t i = 0; i < k / 2; i++) {
			n->pairs[i].key = p->stk[base + 2 * i];
			n->pairs[i].value = p->stk[base + 2 * i + 1];
		}
		n->n = k / 2;
	} else if (k > 0) {
		n->items = tlc_arena_alloc(&p->ctx->arena, k * sizeof *n->items);
		if (!n->items)
			return TLC_ENOMEM;
		memcpy(n->items, p->stk + base, k * sizeof *n->items);
		n->n = k;
	}
	p->nstk = base;
	p->depth--;
	p->nopen--;
	n->span.end = (uint32_t)++p->pos;
	return n->kind == TLC_NODE_MAP ? check_duplicates(p, n->pairs, n->n) : 0;
}

/* member = string ws ":" ws value; pushes the key and the value. */
static int parse_member(json_parser *p, const char *what)
{
	tlc_node *key, *value;
	int err;
	if (peek_is(p, '\''))
		return parse_other(p);
	if (!peek_is(p, '"'))
		return expected(p, what);
	if ((err = parse_string(p, &key)) < 0 || (err = stack_push(p, key)) < 0)
		return err;
	skip_ws(p);
	if (!peek_is(p, ':'))
		return expected(p, "':' after the object key");
	p->pos++;
	if ((err = parse_value(p, &value)) < 0)
		return err;
	return stack_push(p, value);
}

/* One member of a map or one element of a sequence, pushed on the child stack. */
static int parse_element(json_parser *p, int map)
{
	tlc_node *item;
	int err;
	if (map)
		return parse_member(p, "a double-quoted key or '}'");
	if ((err = parse_value(p, &item)) < 0)
		return err;
	return stack_push(p, item);
}

/* Parses elements separated by ',' up to `close`; p->pos ends on `close`. */
static int container_body(json_parser *p, char close)
{
	int map = close == '}', err;
	skip_ws(p);
	if (peek_is(p, close))
		return 0;
	for (;;) {
		if ((err = parse_element(p, map)) < 0)
			return err;
		skip_ws(p);
		if (peek_is(p, close))
			return 0;
		if (!peek_is(p, ','))
			return expected(p, map ? "',' or '}' after an object member"
					       : "',' or ']' after an array element");
		size_t comma = p->pos++;
		skip_ws(p);
		if (peek_is(p, close))
			return trailing_comma(p, comma, close);
		if (map && !peek_is(p, '"') && !peek_is(p, '\''))
			return expected(p, "a double-quoted key after ','");
	}
}

static int parse_container(json_parser *p, tlc_node **out, tlc_node_kind kind)
{
	size_t base = p->nstk;
	tlc_node *n;
	int err = container_enter(p, &n, kind);
	if (err < 0)
		return err;
	if ((err = container_body(p, kind == TLC_NODE_MAP ? '}' : ']')) < 0)
		return err;
	if ((err = container_leave(p, n, base)) < 0)
		return err;
	*out = n;
	return 0;
}

static int parse_value(json_parser *p, tlc_node **out)
{
	skip_ws(p);
	if (p->pos >= p->len)
		return expected(p, "a value");
	char c = p->s[p->pos];
	if (c == '{')
		return parse_container(p, out, TLC_NODE_MAP);
	if (c == '[')
		return parse_container(p, out, TLC_NODE_SEQ);
	if (c == '"')
		return parse_string(p, out);
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p, out);
	if (is_word_char(c))
		return parse_word(p, out);
	return parse_other(p);
}

/* --- the entry point -------------------------------------------------------------------- */

/* TL002: the first invalid UTF-8 sequence or NUL byte of the file (worded as input.c does,
 * which checks the same before choosing a reader). */
static int check_encoding(json_parser *p)
{
	size_t bad = tlc_utf8_check(p->s, p->len);
	const char *nul = memchr(p->s, '\0', bad == NO_OFFSET ? p->len : bad);
	if (nul) {
		size_t at = (size_t)(nul - p->s);
		return status_of(report(p, "TL002", at, at + 1,
					"the file contains a NUL byte; is it a binary file?"));
	}
	if (bad == NO_OFFSET)
		return 0;
	tlc_diag *g = report(p, "TL002", bad, bad + 1, "invalid UTF-8 byte 0x%02x",
			     (unsigned)(unsigned char)p->s[bad]);
	tlc_diag_set_fix(g, "save the file as UTF-8");
	return status_of(g);
}

static void parser_init(json_parser *p, tlc_ctx *ctx, uint32_t file, const tlc_source *src)
{
	memset(p, 0, sizeof *p);
	p->ctx = ctx;
	p->src = src;
	p->s = src->text;
	p->len = src->len;
	p->file = file;
}

static void parser_release(json_parser *p)
{
	free(p->stk);
	free(p->sbuf);
	free(p->keys);
}

/* JSON-text = [BOM] ws value ws */
static int parse_text(json_parser *p, tlc_node **out)
{
	int err = check_encoding(p);
	if (err < 0)
		return err;
	if (p->len >= 3 && memcmp(p->s, "\xEF\xBB\xBF", 3) == 0)
		p->pos = 3;
	skip_ws(p);
	if (p->pos >= p->len)
		return status_of(report(p, "TL004", p->len, p->len,
					"the file is empty, expected a JSON value"));
	if ((err = parse_value(p, out)) < 0)
		return err;
	skip_ws(p);
	if (p->pos < p->len)
		return expected(p, "the end of input after the JSON value");
	return p->dups ? TLC_EINPUT : 0;
}

int tlc_parse_json(tlc_ctx *ctx, uint32_t file, tlc_node **out)
{
	const tlc_source *src = ctx ? tlc_sources_get(&ctx->sources, file) : NULL;
	json_parser p;
	tlc_node *root = NULL;
	int err;
	if (!src || !out)
		return TLC_EINVAL;
	parser_init(&p, ctx, file, src);
	if ((err = parse_text(&p, &root)) < 0)
		goto out;
	*out = root;
out:
	parser_release(&p);
	return err;
}
