/*
 * The MessageFormat scanner and converter: ICU's C API (umsg_*) takes positional arguments only
 * (a named {days} opens without error and prints "{days}"), so named arguments are mapped to
 * ICU indices here, in plain C, before ICU sees the pattern.
 *
 * Grammar (ICU MessagePattern, ApostropheMode DOUBLE_OPTIONAL), with the byte-level choices made
 * here; ws is ASCII white space:
 *   message   := (text | "''" | quoted | argument)*
 *   quoted    := "'" ( "{" | "}" | "#" in a plural branch ) ... "'"   ("''" inside stays quoted)
 *   argument  := "{" ws name ws ( "}" | "," ws type ws ( "}" | "," style "}" ) )
 *   name      := [A-Za-z0-9_-]+
 *   type      := number | spellout | ordinal | duration          (style: text, balanced braces)
 *              | plural | selectordinal | select                 (style: branches)
 *              (case-insensitive, as ICU; date, time and choice are rejected)
 *   branches  := ws [ "offset:" ws digits ] ( ws selector ws "{" message "}" )+ ws
 *   selector  := "=" number | keyword          (plural keywords: zero one two few many other)
 * Stricter than ICU, on purpose: an unterminated quote, an unknown plural keyword ("ohter"),
 * a duplicate selector and a missing "other" are errors (ICU accepts the first three silently).
 *
 * Conversion: each name becomes its ICU index; integer arguments get 0..n_num-1 in order of
 * first use, strings TLC_MSG_MAX_NUM_ARGS.. ; a plain {x} holding an integer becomes
 * {k,number} (a plain argument is typed as a string by ICU's varargs reader); when strings are
 * used, the unused numeric indices are padded with "{k,plural,other{}}" (renders nothing) so the
 * varargs layout has no holes (see icu.c, msg_call()).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

#define MAX_BRANCHES 64 /* selectors of one argument */

enum parent { PARENT_NONE, PARENT_PLURAL, PARENT_SELECT };
enum simple_type { TYPE_NONE, TYPE_NUMERIC };

typedef struct parser {
	const char *s;
	size_t n, i;
	tlc_err *err;
	tlc_msg_scan *sc;
	const tlc_msg_arg *args;
	size_t nargs;
	bool convert;
	size_t copied; /* bytes of s already copied to sc->out */
} parser;

#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static int fail(parser *p, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;
	if (p->err) {
		/* the span stays inside the pattern whatever the caller computed */
		if (off > p->n)
			off = p->n;
		if (len > p->n - off)
			len = p->n - off;
		p->err->offset = off;
		p->err->len = len;
		va_start(ap, fmt);
		vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
		va_end(ap);
	}
	return TLC_EINPUT;
}


static void skip_ws(parser *p)
{
	while (p->i < p->n && tlc_msg__is_ws(p->s[p->i]))
		p->i++;
}

static size_t span_while(parser *p, bool (*pred)(char))
{
	size_t start = p->i;
	while (p->i < p->n && pred(p->s[p->i]))
		p->i++;
	return p->i - start;
}

/* Shows at most 40 bytes of user text in a message. */
static int clip(size_t n) { return n > 40 ? 40 : (int)n; }

bool tlc_msg__word_is(const char *s, size_t n, const char *w)
{
	if (strlen(w) != n)
		return false;
	for (size_t k = 0; k < n; k++) {
		char c = s[k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[k])
			return false;
	}
	return true;
}


/* ---- growable arrays ---- */

int tlc_msg__grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *q;
	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / elem)
		return TLC_ENOMEM;
	if (!(q = realloc(*arr, ncap * elem)))
		return TLC_ENOMEM;
	*arr = q;
	*cap = ncap;
	return 0;
}

static int add_use(parser *p, size_t *idx_out, const tlc_msg_use *u)
{
	tlc_msg_scan *sc = p->sc;
	size_t cap = sc->cap_uses;
	if (tlc_msg__grow((void **)&sc->uses, &cap, sc->n_uses + 1, sizeof *sc->uses) < 0)
		return TLC_ENOMEM;
	if (tlc_msg__grow((void **)&sc->offsets, &sc->cap_uses, sc->n_uses + 1, sizeof *sc->offsets) < 0)
		return TLC_ENOMEM;
	sc->uses[sc->n_uses] = *u;
	sc->offsets[sc->n_uses] = 0;
	*idx_out = sc->n_uses++;
	return 0;
}

static int add_explicit(parser *p, size_t use, double v)
{
	tlc_msg_scan *sc = p->sc;
	if (tlc_msg__grow((void **)&sc->explicits, &sc->cap_explicits, sc->n_explicits + 1,
		 sizeof *sc->explicits) < 0)
		return TLC_ENOMEM;
	sc->explicits[sc->n_explicits].use = use;
	sc->explicits[sc->n_explicits++].value = v;
	return 0;
}

/* ---- conversion ---- */

/* Replaces s[off, off+len) with `rep` in the output. */
static int substitute(parser *p, size_t off, size_t len, const char *rep)
{
	tlc_msg_scan *sc = p->sc;
	tlc_msg_edit *e;
	tlc_buf_put(&sc->out, p->s + p->copied, off - p->copied);
	if (tlc_msg__grow((void **)&sc->edits, &sc->cap_edits, sc->n_edits + 1, sizeof *sc->edits) < 0)
		return TLC_ENOMEM;
	e = &sc->edits[sc->n_edits++];
	e->src_off = off;
	e->src_len = len;
	e->out_off = sc->out.len;
	tlc_buf_puts(&sc->out, rep);
	e->out_len = sc->out.len - e->out_off;
	p->copied = off + len;
	return tlc_buf_oom(&sc->out) ? TLC_ENOMEM : 0;
}

static const tlc_msg_arg *find_arg(parser *p, size_t off, size_t len, size_t *idx)
{
	for (size_t k = 0; k < p->nargs; k++) {
		const char *nm = p->args[k].name;
		if (nm && strlen(nm) == len && memcmp(nm, p->s + off, len) == 0) {
			*idx = k;
			return &p->args[k];
		}
	}
	return NULL;
}

static const char *kind_word(tlc_msg_kind k, enum simple_type t)
{
	switch (k) {
	case TLC_MSG_KIND_PLURAL: return "plural";
	case TLC_MSG_KIND_SELECTORDINAL: return "selectordinal";
	case TLC_MSG_KIND_SELECT: return "select";
	default: return t == TYPE_NUMERIC ? "a number format" : "a plain argument";
	}
}

/* Checks the value type against the use and assigns the ICU index. */
static int bind_arg(parser *p, const tlc_msg_use *u, enum simple_type t, int *slot_out)
{
	tlc_msg_scan *sc = p->sc;
	size_t idx = 0;
	const tlc_msg_arg *a = find_arg(p, u->name_off, u->name_len, &idx);
	bool want_num = u->kind == TLC_MSG_KIND_PLURAL || u->kind == TLC_MSG_KIND_SELECTORDINAL ||
			(u->kind == TLC_MSG_KIND_SIMPLE && t == TYPE_NUMERIC);
	bool want_str = u->kind == TLC_MSG_KIND_SELECT;
	if (!a)
		return fail(p, u->name_off, u->name_len, "unknown argument '%.*s'",
			    clip(u->name_len), p->s + u->name_off);
	if ((a->type == TLC_MSG_ARG_INT && want_str) || (a->type == TLC_MSG_ARG_STRING && want_num) ||
	    (unsigned)a->type >= TLC_MSG_ARG_TYPE_MAX)
		return fail(p, u->name_off, u->name_len, "argument '%.*s' is %s, but %s needs %s",
			    clip(u->name_len), p->s + u->name_off,
			    a->type == TLC_MSG_ARG_INT ? "an integer" : "a string",
			    kind_word(u->kind, t), want_num ? "an integer" : "a string");
	if (sc->slot[idx] < 0 && a->type == TLC_MSG_ARG_INT) {
		if (sc->n_num == TLC_MSG_MAX_NUM_ARGS)
			return fail(p, u->name_off, u->name_len,
				    "more than %d integer arguments in one message",
				    TLC_MSG_MAX_NUM_ARGS);
		sc->num_arg[sc->n_num] = idx;
		sc->slot[idx] = (int)sc->n_num++;
	} else if (sc->slot[idx] < 0) {
		if (sc->n_str == TLC_MSG_MAX_STR_ARGS)
			return fail(p, u->name_off, u->name_len,
				    "more than %d string arguments in one message",
				    TLC_MSG_MAX_STR_ARGS);
		sc->str_arg[sc->n_str] = idx;
		sc->slot[idx] = TLC_MSG_MAX_NUM_ARGS + (int)sc->n_str++;
	}
	*slot_out = sc->slot[idx];
	return 0;
}

static int convert_name(parser *p, const tlc_msg_use *u, enum simple_type t, bool plain)
{
	char rep[32];
	int slot = 0, error;
	if (!p->convert)
		return 0;
	if ((error = bind_arg(p, u, t, &slot)) < 0)
		return error;
	if (plain && slot < TLC_MSG_MAX_NUM_ARGS)
		snprintf(rep, sizeof rep, "%d,number", slot);
	else
		snprintf(rep, sizeof rep, "%d", slot);
	return substitute(p, u->name_off, u->name_len, rep);
}

/* ---- the parser ---- */

static int parse_message(parser *p, enum parent parent, unsigned depth);

/* At "'": consumes "''", a quoted literal, or a lone apostrophe. */
static int skip_apostrophe(parser *p, enum parent parent)
{
	size_t start = p->i;
	char next = p->i + 1 < p->n ? p->s[p->i + 1] : 0;
	if (next == '\'') {
		p->i += 2;
		return 0;
	}
	if (next != '{' && next != '}' && !(next == '#' && parent == PARENT_PLURAL)) {
		p->i++;
		return 0;
	}
	for (p->i += 2; p->i < p->n; p->i++) {
		if (p->s[p->i] != '\'')
			continue;
		if (p->i + 1 < p->n && p->s[p->i + 1] == '\'') {
			p->i++;
			continue;
		}
		p->i++;
		return 0;
	}
	return fail(p, start, 2, "unterminated quote: \"'%c\" quotes up to the next \"'\"", next);
}

/* Style text of a simple argument, up to and including the "}" that closes the argument. */
static int parse_simple_style(parser *p, size_t arg_off)
{
	unsigned nest = 0;
	while (p->i < p->n) {
		char c = p->s[p->i++];
		if (c == '\'') {
			const char *q = memchr(p->s + p->i, '\'', p->n - p->i);
			if (!q)
				return fail(p, p->i - 1, 1, "unterminated quote in an argument style");
			p->i = (size_t)(q - p->s) + 1;
		} else if (c == '{') {
			nest++;
		} else if (c == '}') {
			if (nest == 0)
				return 0;
			nest--;
		}
	}
	return fail(p, arg_off, 1, "argument has no closing '}'");
}

int tlc_msg__read_number(const char *s, size_t n, size_t *i, double *out)
{
	size_t start = *i;
	if (*i < n && (s[*i] == '-' || s[*i] == '+'))
		(*i)++;
	if (*i >= n || !tlc_msg__is_digit(s[*i]))
		return TLC_MSG_NUM_NONE;
	while (*i < n && tlc_msg__is_digit(s[*i]))
		(*i)++;
	if (*i + 1 < n && s[*i] == '.' && tlc_msg__is_digit(s[*i + 1]))
		for ((*i)++; *i < n && tlc_msg__is_digit(s[*i]); (*i)++)
			;
	if (*i - start >= 48)
		return TLC_MSG_NUM_LONG;
	/* read here, not by strtod(), which follows the app's C locale ("1.5" is 1 under de_DE) */
	double v = 0, scale = 1;
	bool frac = false;
	for (size_t k = start; k < *i; k++) {
		char c = s[k];
		if (c == '.')
			frac = true;
		else if (c >= '0' && c <= '9') {
			if (frac)
				v += (c - '0') * (scale /= 10);
			else
				v = v * 10 + (c - '0');
		}
	}
	*out = s[start] == '-' ? -v : v;
	return 0;
}

static int parse_number(parser *p, double *out)
{
	size_t start = p->i;
	int rc = tlc_msg__read_number(p->s, p->n, &p->i, out);
	if (rc == TLC_MSG_NUM_NONE)
		return fail(p, start, 1, "expected a number");
	if (rc == TLC_MSG_NUM_LONG)
		return fail(p, start, p->i - start, "number too long");
	return 0;
}

typedef struct selectors {
	size_t off[MAX_BRANCHES], len[MAX_BRANCHES];
	size_t n;
} selectors;

/* Records a selector; fails on a duplicate. */
static int add_selector(parser *p, selectors *seen, size_t off, size_t len)
{
	for (size_t k = 0; k < seen->n; k++)
		if (seen->len[k] == len && memcmp(p->s + seen->off[k], p->s + off, len) == 0)
			return fail(p, off, len, "duplicate selector '%.*s'", clip(len), p->s + off);
	if (seen->n == MAX_BRANCHES)
		return fail(p, off, len, "more than %d branches in one argument", MAX_BRANCHES);
	seen->off[seen->n] = off;
	seen->len[seen->n++] = len;
	return 0;
}

/* One selector; updates the use's covered bits and explicit values. */
static int parse_selector(parser *p, size_t use, selectors *seen)
{
	tlc_msg_use *u = &p->sc->uses[use];
	size_t off = p->i, len;
	unsigned cat;
	double v = 0;
	int error;
	if (p->s[p->i] == '=' && u->kind != TLC_MSG_KIND_SELECT) {
		p->i++;
		if ((error = parse_number(p, &v)) < 0 || (error = add_explicit(p, use, v)) < 0)
			return error;
		return add_selector(p, seen, off, p->i - off);
	}
	if (!(len = span_while(p, tlc_msg__is_name)))
		return fail(p, off, 1, "expected a selector or '}'");
	if ((error = add_selector(p, seen, off, len)) < 0)
		return error;
	if (u->kind == TLC_MSG_KIND_SELECT)
		return 0;
	if (!(cat = tlc_plural__cat_from_name(p->s + off, len)))
		return fail(p, off, len,
			    "unknown plural category '%.*s' (zero, one, two, few, many, other)",
			    clip(len), p->s + off);
	u = &p->sc->uses[use];
	u->covered |= cat;
	return 0;
}

/* "offset:" ws digits, first in a plural style. */
static int parse_offset(parser *p, size_t use)
{
	size_t start = p->i;
	double v = 0;
	int error;
	p->i += 7;
	skip_ws(p);
	if ((error = parse_number(p, &v)) < 0)
		return error;
	/* range first: casting a double beyond int64 is undefined */
	if (!(v >= 0 && v <= 9007199254740992.0) || v != (double)(int64_t)v)
		return fail(p, start, p->i - start, "a plural offset is a whole number >= 0");
	p->sc->offsets[use] = v;
	return 0;
}

static bool has_other(parser *p, const selectors *seen)
{
	for (size_t k = 0; k < seen->n; k++)
		if (seen->len[k] == 5 && memcmp(p->s + seen->off[k], "other", 5) == 0)
			return true;
	return false;
}

/* Branches of a plural/selectordinal/select argument, through the closing "}". */
static int parse_branches(parser *p, size_t use, size_t arg_off, unsigned depth)
{
	selectors seen;
	tlc_msg_kind kind = p->sc->uses[use].kind;
	enum parent parent = kind == TLC_MSG_KIND_SELECT ? PARENT_SELECT : PARENT_PLURAL;
	int error;
	seen.n = 0;
	skip_ws(p);
	if (kind == TLC_MSG_KIND_PLURAL && p->n - p->i >= 7 && memcmp(p->s + p->i, "offset:", 7) == 0)
		if ((error = parse_offset(p, use)) < 0)
			return error;
	for (;;) {
		size_t sel;
		skip_ws(p);
		if (p->i >= p->n)
			return fail(p, arg_off, 1, "argument has no closing '}'");
		if (p->s[p->i] == '}')
			break;
		sel = p->i;
		if ((error = parse_selector(p, use, &seen)) < 0)
			return error;
		skip_ws(p);
		if (p->i >= p->n || p->s[p->i] != '{')
			return fail(p, sel, p->i - sel, "expected '{' after selector '%.*s'",
				    clip(p->i - sel), p->s + sel);
		p->i++;
		if ((error = parse_message(p, parent, depth + 1)) < 0)
			return error;
		if (p->i >= p->n)
			return fail(p, sel, p->i - sel, "branch '%.*s' has no closing '}'",
				    clip(p->i - sel), p->s + sel);
		p->i++;
	}
	p->i++;
	if (!has_other(p, &seen))
		return fail(p, arg_off, p->i - arg_off, "'%s' argument needs an 'other' branch",
			    kind_word(kind, TYPE_NONE));
	return 0;
}

/* Classifies the type word; fails on unsupported or unknown types. */
static int classify_type(parser *p, size_t off, size_t len, tlc_msg_kind *kind)
{
	static const char *const numeric[] = {"number", "spellout", "ordinal", "duration"};
	const char *w = p->s + off;
	for (size_t k = 0; k < sizeof numeric / sizeof *numeric; k++)
		if (tlc_msg__word_is(w, len, numeric[k])) {
			*kind = TLC_MSG_KIND_SIMPLE;
			return 0;
		}
	if (tlc_msg__word_is(w, len, "plural"))
		*kind = TLC_MSG_KIND_PLURAL;
	else if (tlc_msg__word_is(w, len, "selectordinal"))
		*kind = TLC_MSG_KIND_SELECTORDINAL;
	else if (tlc_msg__word_is(w, len, "select"))
		*kind = TLC_MSG_KIND_SELECT;
	else if (tlc_msg__word_is(w, len, "date") || tlc_msg__word_is(w, len, "time"))
		return fail(p, off, len, "'%.*s' arguments are not supported in baked text "
			    "(the device renders dates: use {date} or {time})", clip(len), w);
	else if (tlc_msg__word_is(w, len, "choice"))
		return fail(p, off, len, "'choice' arguments are not supported (use plural or select)");
	else
		return fail(p, off, len ? len : 1, "unknown argument type '%.*s'", clip(len), w);
	return 0;
}

/* After "{ name ws ,": type and style, through the closing "}". */
static int parse_typed(parser *p, size_t use, size_t arg_off, unsigned depth)
{
	size_t toff, tlen;
	tlc_msg_kind kind = TLC_MSG_KIND_SIMPLE;
	int error;
	skip_ws(p);
	toff = p->i;
	tlen = span_while(p, tlc_msg__is_alpha);
	if ((error = classify_type(p, toff, tlen, &kind)) < 0)
		return error;
	p->sc->uses[use].kind = kind;
	if ((error = convert_name(p, &p->sc->uses[use], TYPE_NUMERIC, false)) < 0)
		return error;
	skip_ws(p);
	if (p->i < p->n && p->s[p->i] == '}' && kind == TLC_MSG_KIND_SIMPLE) {
		p->i++;
		return 0;
	}
	if (p->i >= p->n || p->s[p->i] != ',')
		return fail(p, toff, tlen, kind == TLC_MSG_KIND_SIMPLE ? "expected ',' or '}' after '%.*s'"
			    : "'%.*s' argument has no branches", clip(tlen), p->s + toff);
	p->i++;
	if (kind == TLC_MSG_KIND_SIMPLE) {
		size_t soff = p->i, send;
		if ((error = parse_simple_style(p, arg_off)) < 0)
			return error;
		/* ICU reads a "number, integer" argument from the varargs as an int32_t (its kLong);
		 * every other numeric argument, and msg_call() passes every one, as a double. The
		 * skeleton formats integers as the style does (no fraction digits, half-even, the
		 * locale's grouping), from a double, for values past 32 bits too. */
		send = p->i - 1;
		while (soff < send && tlc_msg__is_ws(p->s[soff]))
			soff++;
		while (send > soff && tlc_msg__is_ws(p->s[send - 1]))
			send--;
		if (p->convert && tlc_msg__word_is(p->s + toff, tlen, "number") &&
		    tlc_msg__word_is(p->s + soff, send - soff, "integer"))
			return substitute(p, soff, send - soff, "::precision-integer");
		return 0;
	}
	return parse_branches(p, use, arg_off, depth);
}

static int parse_argument(parser *p, unsigned depth)
{
	tlc_msg_use u;
	size_t use = 0;
	int error;
	memset(&u, 0, sizeof u);
	u.off = p->i++;
	u.depth = depth;
	if (depth >= TLC_MSG_MAX_DEPTH)
		return fail(p, u.off, 1, "arguments nested deeper than %d", TLC_MSG_MAX_DEPTH);
	skip_ws(p);
	u.name_off = p->i;
	if (!(u.name_len = span_while(p, tlc_msg__is_name)))
		return fail(p, u.off, 1, "expected an argument name ([A-Za-z0-9_-]) after '{'");
	skip_ws(p);
	if ((error = add_use(p, &use, &u)) < 0)
		return error;
	if (p->i < p->n && p->s[p->i] == '}') {
		p->i++;
		error = convert_name(p, &u, TYPE_NONE, true);
	} else if (p->i < p->n && p->s[p->i] == ',') {
		p->i++;
		error = parse_typed(p, use, u.off, depth);
	} else {
		error = fail(p, u.off, p->i - u.off, "argument '%.*s' has no closing '}'",
			     clip(u.name_len), p->s + u.name_off);
	}
	if (error < 0)
		return error;
	p->sc->uses[use].len = p->i - u.off;
	return 0;
}

/* Text up to the end (top level) or up to, not through, the "}" that ends a branch. */
static int parse_message(parser *p, enum parent parent, unsigned depth)
{
	int error;
	while (p->i < p->n) {
		char c = p->s[p->i];
		if (c == '\'')
			error = skip_apostrophe(p, parent);
		else if (c == '{')
			error = parse_argument(p, depth);
		else if (c == '}' && parent != PARENT_NONE)
			return 0;
		else if (c == 0)
			return fail(p, p->i, 1, "NUL byte in a message");
		else {
			p->i++;
			error = 0;
		}
		if (error < 0)
			return error;
	}
	return 0;
}

/* Pads unused numeric indices when strings are used (see the opening comment). The padding goes
 * first: after the pattern, a trailing literal apostrophe would start quoting it. */
static void pad_numeric(tlc_msg_scan *sc)
{
	/* "{k,plural,other{}}" for k = 0..15, one after the other: the tail from n_num is the pad */
	static const char pads[] = "{0,plural,other{}}{1,plural,other{}}{2,plural,other{}}"
		"{3,plural,other{}}{4,plural,other{}}{5,plural,other{}}{6,plural,other{}}"
		"{7,plural,other{}}{8,plural,other{}}{9,plural,other{}}{10,plural,other{}}"
		"{11,plural,other{}}{12,plural,other{}}{13,plural,other{}}{14,plural,other{}}"
		"{15,plural,other{}}";
	if (sc->n_str == 0 || sc->n_num >= TLC_MSG_MAX_NUM_ARGS)
		return;
	size_t from = sc->n_num < 10 ? 18 * sc->n_num : 18 * 10 + 19 * (sc->n_num - 10);
	tlc_buf pad = TLC_BUF_INIT;
	tlc_buf_put(&pad, pads + from, sizeof pads - 1 - from);
	tlc_buf_put(&pad, sc->out.ptr, sc->out.len);
	if (tlc_buf_oom(&pad)) {
		sc->out.oom = true;
		tlc_buf_release(&pad);
		return;
	}
	sc->pad_len = pad.len - sc->out.len;
	tlc_buf_release(&sc->out);
	sc->out = pad;
}

/* Length of the well-formed UTF-8 sequence at s[0, n), 0 if it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t len;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	return len;
}

size_t tlc_msg__utf8_check(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, step;
	while (i < n && (step = utf8_seq(u + i, n - i)) != 0)
		i += step;
	return i;
}

void tlc_msg__scan_init(tlc_msg_scan *sc)
{
	memset(sc, 0, sizeof *sc);
	tlc_buf_init(&sc->out);
}

void tlc_msg__scan_release(tlc_msg_scan *sc)
{
	if (!sc)
		return;
	free(sc->uses);
	free(sc->offsets);
	free(sc->explicits);
	free(sc->edits);
	free(sc->slot);
	tlc_buf_release(&sc->out);
	tlc_msg__scan_init(sc);
}

int tlc_msg__scan(tlc_msg_scan *sc, tlc_err *err, const char *pattern, size_t len,
		  const tlc_msg_arg *args, size_t nargs, bool convert)
{
	parser p;
	size_t bad;
	int error;
	memset(&p, 0, sizeof p);
	p.s = pattern;
	p.n = len;
	p.err = err;
	p.sc = sc;
	p.args = args;
	p.nargs = nargs;
	p.convert = convert;
	if (len > TLC_MSG_MAX_LEN)
		return fail(&p, 0, 0, "message longer than %d bytes", TLC_MSG_MAX_LEN);
	if ((bad = tlc_msg__utf8_check(pattern, len)) < len)
		return fail(&p, bad, 1, "invalid UTF-8");
	if (convert) {
		if (nargs && !(sc->slot = malloc(nargs * sizeof *sc->slot)))
			return TLC_ENOMEM;
		for (size_t k = 0; k < nargs; k++)
			sc->slot[k] = -1;
	}
	if ((error = parse_message(&p, PARENT_NONE, 0)) < 0)
		return error;
	if (convert) {
		tlc_buf_put(&sc->out, p.s + p.copied, p.n - p.copied);
		pad_numeric(sc);
		if (tlc_buf_oom(&sc->out))
			return TLC_ENOMEM;
	}
	return 0;
}

size_t tlc_msg__map_offset(const tlc_msg_scan *sc, size_t out_off)
{
	size_t src_end = 0, out_end = 0;
	if (out_off < sc->pad_len)
		return 0;
	out_off -= sc->pad_len;
	for (size_t k = 0; k < sc->n_edits; k++) {
		const tlc_msg_edit *e = &sc->edits[k];
		if (out_off < e->out_off)
			break;
		if (out_off < e->out_off + e->out_len)
			return e->src_off;
		src_end = e->src_off + e->src_len;
		out_end = e->out_off + e->out_len;
	}
	return src_end + (out_off - out_end);
}
