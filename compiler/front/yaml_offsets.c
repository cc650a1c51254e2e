/*
 * yaml_offsets.c — positions inside a YAML scalar's value.
 *
 * libyaml gives a scalar's start and end marks only. To point a finding at `{timer}` inside a
 * text we re-decode the scalar's source text by its style (YAML 1.2.2 §7.3 flow scalars with
 * line folding and escapes, §8.1 block scalars), recording for each value byte the source
 * offset it came from. The decoding is checked against libyaml's value: where they disagree (a
 * construct we do not replay exactly, such as an explicit indentation indicator) the caller
 * falls back to the scalar's start, which is still the right line.
 */
#include <stdlib.h>
#include <string.h>
#include "front/node.h"
#include "front/parse.h"

typedef struct ydec {
	char *out;
	size_t *map;
	size_t n, cap;
	size_t protect; /* bytes before this came from escapes and are not trimmed */
	int oom;
} ydec;

static void emit(ydec *d, char c, size_t at)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		char *o = realloc(d->out, cap);
		if (!o) {
			d->oom = 1;
			return;
		}
		d->out = o;
		size_t *m = realloc(d->map, cap * sizeof *m);
		if (!m) {
			d->oom = 1;
			return;
		}
		d->map = m;
		d->cap = cap;
	}
	d->out[d->n] = c;
	d->map[d->n++] = at;
}

static void emit_utf8(ydec *d, unsigned long cp, size_t at)
{
	if (cp < 0x80) {
		emit(d, (char)cp, at);
	} else if (cp < 0x800) {
		emit(d, (char)(0xC0 | (cp >> 6)), at);
		emit(d, (char)(0x80 | (cp & 0x3F)), at);
	} else if (cp < 0x10000) {
		emit(d, (char)(0xE0 | (cp >> 12)), at);
		emit(d, (char)(0x80 | ((cp >> 6) & 0x3F)), at);
		emit(d, (char)(0x80 | (cp & 0x3F)), at);
	} else {
		emit(d, (char)(0xF0 | (cp >> 18)), at);
		emit(d, (char)(0x80 | ((cp >> 12) & 0x3F)), at);
		emit(d, (char)(0x80 | ((cp >> 6) & 0x3F)), at);
		emit(d, (char)(0x80 | (cp & 0x3F)), at);
	}
	d->protect = d->n;
}

static bool is_break(char c) { return c == '\n' || c == '\r'; }
static bool is_white(char c) { return c == ' ' || c == '\t'; }

/* Skips one line break (CRLF counts as one); returns the new index. */
static size_t skip_break(const char *raw, size_t i, size_t end)
{
	if (raw[i] == '\r' && i + 1 < end && raw[i + 1] == '\n')
		return i + 2;
	return i + 1;
}

/* Line folding at a break in a flow scalar; returns the index after the folded whitespace. */
static size_t fold_break(ydec *d, const char *raw, size_t i, size_t end, bool escaped)
{
	size_t at = i, breaks = 0;
	while (!escaped && d->n > d->protect && is_white(d->out[d->n - 1]))
		d->n--;
	while (i < end && (is_break(raw[i]) || is_white(raw[i]))) {
		if (is_break(raw[i])) {
			breaks++;
			i = skip_break(raw, i, end);
		} else {
			i++;
		}
	}
	if (escaped)
		breaks--; /* an escaped break joins the lines without a space */
	if (breaks == 1 && !escaped)
		emit(d, ' ', at);
	for (size_t k = escaped ? 0 : 1; k < breaks; k++)
		emit(d, '\n', at);
	d->protect = d->n;
	return i;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A double-quoted escape at raw[i] == '\\'; returns the index after it, or 0 on a bad one. */
static size_t decode_escape(ydec *d, const char *raw, size_t i, size_t end)
{
	static const char simple_in[] = "0abt\tnvfre \"/\\";
	static const char simple_out[] = "\0\a\b\t\t\n\v\f\r\033 \"/\\";
	if (i + 1 >= end)
		return 0;
	char e = raw[i + 1];
	const char *p = strchr(simple_in, e);
	if (e && p) {
		emit_utf8(d, (unsigned char)simple_out[p - simple_in], i);
		return i + 2;
	}
	unsigned long cp;
	int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
	if (e == 'N' || e == '_' || e == 'L' || e == 'P') {
		cp = e == 'N' ? 0x85 : e == '_' ? 0xA0 : e == 'L' ? 0x2028 : 0x2029;
		emit_utf8(d, cp, i);
		return i + 2;
	}
	if (is_break(e))
		return fold_break(d, raw, i + 1, end, true);
	if (!digits || i + 2 + (size_t)digits > end)
		return 0;
	cp = 0;
	for (int k = 0; k < digits; k++) {
		int h = hexval(raw[i + 2 + k]);
		if (h < 0)
			return 0;
		cp = cp * 16 + (unsigned long)h;
	}
	emit_utf8(d, cp, i);
	return i + 2 + (size_t)digits;
}

static int decode_flow(ydec *d, const char *raw, size_t n, int style)
{
	size_t i = 0, end = n;
	if (style != TLC_STYLE_PLAIN) {
		i = 1;
		if (end > 1)
			end--; /* closing quote */
	}
	while (i < end && !d->oom) {
		char c = raw[i];
		if (is_break(c)) {
			i = fold_break(d, raw, i, end, false);
		} else if (style == TLC_STYLE_SINGLE && c == '\'' && i + 1 < end && raw[i + 1] == '\'') {
			emit(d, '\'', i);
			i += 2;
		} else if (style == TLC_STYLE_DOUBLE && c == '\\') {
			if (!(i = decode_escape(d, raw, i, end)))
				return -1;
		} else {
			emit(d, c, i++);
		}
	}
	emit(d, 0, end); /* the end of the value maps to the closing quote */
	d->n--;
	return d->oom ? -1 : 0;
}

/* Leading spaces of the line starting at i. */
static size_t line_indent(const char *raw, size_t i, size_t end)
{
	size_t k = 0;
	while (i + k < end && raw[i + k] == ' ')
		k++;
	return k;
}

static size_t line_end(const char *raw, size_t i, size_t end)
{
	while (i < end && !is_break(raw[i]))
		i++;
	return i;
}

static int decode_block(ydec *d, const char *raw, size_t n, int style)
{
	size_t i = line_end(raw, 0, n), indent = 0;
	for (size_t k = 1; k < i && raw[k] != '#'; k++)
		if (raw[k] >= '1' && raw[k] <= '9')
			return -1; /* explicit indentation indicator: not replayed */
	if (i < n)
		i = skip_break(raw, i, n);
	size_t blanks = 0;
	int prev = 0; /* 0 none, 1 normal text line, 2 more-indented line */
	while (i < n && !d->oom) {
		size_t ind = line_indent(raw, i, n), e = line_end(raw, i + ind, n);
		if (e == i + ind) { /* blank line */
			blanks++;
			i = e < n ? skip_break(raw, e, n) : n;
			continue;
		}
		if (!indent)
			indent = ind;
		if (ind < indent)
			break;
		int kind = (ind > indent || raw[i + ind] == '\t') ? 2 : 1;
		if (style == TLC_STYLE_FOLDED && prev) {
			/* folded: a single break between two normal lines becomes a space */
			bool join = prev == 1 && kind == 1;
			if (join && !blanks)
				emit(d, ' ', i - 1);
			for (size_t k = 0; k < (join ? blanks : blanks + 1); k++)
				emit(d, '\n', i - 1);
		} else {
			for (size_t k = 0; k < blanks; k++)
				emit(d, '\n', i ? i - 1 : 0);
		}
		for (size_t k = i + indent; k < e; k++)
			emit(d, raw[k], k);
		if (style == TLC_STYLE_LITERAL)
			emit(d, '\n', e);
		blanks = 0;
		prev = kind;
		i = e < n ? skip_break(raw, e, n) : n;
	}
	return d->oom ? -1 : 0;
}

size_t tlc_yaml__value_offset(const char *raw, size_t rawlen, int style, const char *value,
			      size_t vlen, size_t voff)
{
	ydec d = {0};
	size_t r = (size_t)-1;
	int err = (style == TLC_STYLE_LITERAL || style == TLC_STYLE_FOLDED)
			  ? decode_block(&d, raw, rawlen, style)
			  : decode_flow(&d, raw, rawlen, style);
	if (err == 0 && voff <= vlen && voff <= d.n && (voff == 0 || memcmp(d.out, value, voff) == 0)) {
		if (voff < d.n)
			r = d.map[voff];
		else if (style == TLC_STYLE_LITERAL || style == TLC_STYLE_FOLDED)
			r = d.n ? d.map[d.n - 1] + 1 : rawlen;
		else
			r = style == TLC_STYLE_PLAIN ? rawlen : rawlen - 1;
	}
	free(d.out);
	free(d.map);
	return r;
}
