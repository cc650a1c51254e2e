/*
 * xcstrings.c — a program's messages as a String Catalog, merged into the one already there.
 * See xcstrings.h for the contract and docs/swift.md for the format of the values.
 *
 * The catalog is held as a small JSON tree of its own (xv, in the context's arena), copied from
 * the old file's node tree, so keys and fields this reader does not know are written back as
 * they were; it is printed the way Xcode writes catalogs, keys sorted by byte order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lower/xcstrings.h"
#include "base/diag.h"
#include "front/parse.h"

/* ---- ICU MessageFormat to the catalog's printf form ------------------------------------------ */

static const char *const plural_forms[6] = {"zero", "one", "two", "few", "many", "other"};

typedef struct conv {
	tlc_ctx *ctx;
	const tlc_program *p; /* for the parameters' and fields' types; NULL: every one is text */
	const tlc_prog_message *m;
	const char *s;
	size_t n, i;
	const char *why;      /* set once: the message has no printf form */
	tlc_xc_message *res;
	size_t capsubs;
	bool oom;
} conv;

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static bool is_name(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static void skip_ws(conv *c)
{
	while (c->i < c->n && is_ws(c->s[c->i]))
		c->i++;
}

static bool word_is(const char *s, size_t n, const char *w)
{
	if (strlen(w) != n)
		return false;
	for (size_t k = 0; k < n; k++) {
		char ch = s[k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != w[k])
			return false;
	}
	return true;
}

/* Whether parameter or field `name` of program p is an integer: an integer parameter, or a
 * field that every countdown with a field of that name declares an integer. */
bool tlc_xc_is_integer(const tlc_program *p, const char *name)
{
	if (!p)
		return false;
	for (size_t i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, name) == 0)
			return p->params[i].type == TLC_PPARAM_INTEGER;
	bool seen = false;
	for (size_t c = 0; c < p->ncountdowns; c++)
		for (size_t f = 0; f < p->countdowns[c].nfields; f++)
			if (strcmp(p->countdowns[c].fields[f].name, name) == 0) {
				if (!p->countdowns[c].fields[f].is_int)
					return false;
				seen = true;
			}
	return seen;
}

/* Argument `name`'s number (1-based; units first, then parameters and fields) and whether it is
 * an integer (a unit, an integer parameter or field); 0 when the message has no such argument. */
static int arg_of(const conv *c, const char *name, size_t len, bool *unit)
{
	int k = 0;
	for (unsigned u = 0; u < TLC_UNIT_COUNT; u++) {
		if (!(c->m->units & (1u << u)))
			continue;
		k++;
		const char *un = tlc_unit_name(1u << u);
		if (un && strlen(un) == len && memcmp(un, name, len) == 0) {
			*unit = true;
			return k;
		}
	}
	for (size_t p = 0; p < c->m->nparams; p++) {
		k++;
		if (strlen(c->m->params[p]) == len && memcmp(c->m->params[p], name, len) == 0) {
			*unit = tlc_xc_is_integer(c->p, c->m->params[p]);
			return k;
		}
	}
	return 0;
}

static void put_text(tlc_buf *b, char ch)
{
	if (ch == '%')
		tlc_buf_put(b, "%%", 2);
	else
		tlc_buf_putc(b, ch);
}

static void unsupported(conv *c, const char *why)
{
	if (!c->why)
		c->why = why;
}

static void message(conv *c, tlc_buf *out, int depth);

/* `{name, plural, ...}` at the top level: a substitution. c->i is after "plural". */
static void plural(conv *c, tlc_buf *out, const char *name, size_t len, int arg)
{
	if (c->res->nsubs == c->capsubs) {
		size_t cap = c->capsubs ? c->capsubs * 2 : 4;
		struct tlc_xc_sub *v = tlc_arena_alloc(&c->ctx->arena, cap * sizeof *v);
		if (!v) {
			c->oom = true;
			return;
		}
		if (c->res->nsubs)
			memcpy(v, c->res->subs, c->res->nsubs * sizeof *v);
		c->res->subs = v;
		c->capsubs = cap;
	}
	struct tlc_xc_sub *sub = &c->res->subs[c->res->nsubs++];
	memset(sub, 0, sizeof *sub);
	sub->arg = arg;
	/* substitution names: the unit with '_' for '-', numbered when a unit has several */
	size_t same = 0;
	for (size_t k = 0; k + 1 < c->res->nsubs; k++)
		same += c->res->subs[k].arg == arg;
	char nm[64];
	size_t w = 0;
	for (size_t k = 0; k < len && w + 1 < sizeof nm; k++)
		nm[w++] = name[k] == '-' ? '_' : name[k];
	nm[w] = 0;
	sub->name = same ? tlc_arena_printf(&c->ctx->arena, "%s_%zu", nm, same + 1)
			 : tlc_arena_strdup(&c->ctx->arena, nm);
	if (!sub->name) {
		c->oom = true;
		return;
	}
	tlc_buf_printf(out, "%%#@%s@", sub->name);
	for (;;) {
		skip_ws(c);
		if (c->i >= c->n) {
			unsupported(c, "an unterminated plural");
			return;
		}
		if (c->s[c->i] == '}') {
			c->i++;
			break;
		}
		size_t sel = c->i;
		while (c->i < c->n && !is_ws(c->s[c->i]) && c->s[c->i] != '{')
			c->i++;
		size_t sellen = c->i - sel;
		if (sellen >= 7 && memcmp(c->s + sel, "offset:", 7) == 0) {
			unsupported(c, "a plural with an offset");
			return;
		}
		int form = -1;
		if (sellen == 2 && memcmp(c->s + sel, "=0", 2) == 0) {
			form = 0; /* Apple's "zero" is used for 0 in every language */
		} else if (c->s[sel] == '=') {
			unsupported(c, "a plural selector for an exact number other than =0");
			return;
		} else {
			for (int f = 0; f < 6; f++)
				if (strlen(plural_forms[f]) == sellen &&
				    memcmp(c->s + sel, plural_forms[f], sellen) == 0)
					form = f;
		}
		if (form < 0) {
			unsupported(c, "an unknown plural selector");
			return;
		}
		if (form == 0 && sub->forms[0]) {
			unsupported(c, "a plural with both '=0' and 'zero'");
			return;
		}
		skip_ws(c);
		if (c->i >= c->n || c->s[c->i] != '{') {
			unsupported(c, "a plural branch without braces");
			return;
		}
		c->i++;
		tlc_buf b = TLC_BUF_INIT;
		message(c, &b, 1);
		if (tlc_buf_oom(&b))
			c->oom = true;
		if (c->i >= c->n || c->s[c->i] != '}') {
			tlc_buf_release(&b);
			unsupported(c, "an unterminated plural branch");
			return;
		}
		c->i++;
		if (sub->forms[form]) { /* a duplicate selector: the reader refuses it */
			tlc_buf_release(&b);
			unsupported(c, "a duplicate plural selector");
			return;
		}
		sub->forms[form] = tlc_arena_strndup(&c->ctx->arena, b.ptr, b.len);
		tlc_buf_release(&b);
		if (!sub->forms[form])
			c->oom = true;
		if (c->why || c->oom)
			return;
	}
	if (!sub->forms[5])
		unsupported(c, "a plural without 'other'");
}

/* An argument; c->i is at its '{'. depth > 0 inside a plural branch. */
static void argument(conv *c, tlc_buf *out, int depth)
{
	c->i++;
	skip_ws(c);
	size_t name = c->i;
	while (c->i < c->n && is_name(c->s[c->i]))
		c->i++;
	size_t len = c->i - name;
	skip_ws(c);
	bool unit = false;
	int arg = arg_of(c, c->s + name, len, &unit);
	if (!arg) {
		unsupported(c, "an argument the message does not list");
		return;
	}
	if (c->i < c->n && c->s[c->i] == '}') {
		c->i++;
		tlc_buf_printf(out, unit ? "%%%d$lld" : "%%%d$@", arg);
		return;
	}
	if (c->i >= c->n || c->s[c->i] != ',') {
		unsupported(c, "an unterminated argument");
		return;
	}
	c->i++;
	skip_ws(c);
	size_t type = c->i;
	while (c->i < c->n && is_name(c->s[c->i]))
		c->i++;
	size_t tlen = c->i - type;
	skip_ws(c);
	if (word_is(c->s + type, tlen, "number") && unit && c->i < c->n && c->s[c->i] == '}') {
		c->i++;
		tlc_buf_printf(out, "%%%d$lld", arg);
		return;
	}
	if (word_is(c->s + type, tlen, "plural") && unit && depth == 0 && c->i < c->n &&
	    c->s[c->i] == ',') {
		c->i++;
		plural(c, out, c->s + name, len, arg);
		return;
	}
	if (word_is(c->s + type, tlen, "plural")) {
		unsupported(c, depth ? "a plural inside a plural branch"
					    : "a plural of a text parameter or field");
		return;
	}
	if (word_is(c->s + type, tlen, "select")) {
		unsupported(c, "a 'select' argument (a String Catalog varies by plural and "
				      "device only)");
		return;
	}
	if (word_is(c->s + type, tlen, "selectordinal")) {
		unsupported(c, "a 'selectordinal' argument (a String Catalog has no ordinal "
				      "plural)");
		return;
	}
	if (word_is(c->s + type, tlen, "number")) {
		unsupported(c, "a 'number' argument with a style or skeleton");
		return;
	}
	unsupported(c, "a 'spellout', 'ordinal' or 'duration' argument (printf formats have "
		       "none)");
}

/* Text up to the end, or up to the '}' closing a plural branch (depth > 0). */
static void message(conv *c, tlc_buf *out, int depth)
{
	while (c->i < c->n && !c->why && !c->oom) {
		char ch = c->s[c->i];
		if (ch == '\'') {
			char nx = c->i + 1 < c->n ? c->s[c->i + 1] : 0;
			if (nx == '\'') {
				tlc_buf_putc(out, '\'');
				c->i += 2;
			} else if (nx == '{' || nx == '}' || (depth && nx == '#')) {
				/* quoted literal text up to the next lone apostrophe */
				c->i++;
				while (c->i < c->n) {
					if (c->s[c->i] == '\'') {
						if (c->i + 1 < c->n && c->s[c->i + 1] == '\'') {
							tlc_buf_putc(out, '\'');
							c->i += 2;
							continue;
						}
						c->i++;
						break;
					}
					put_text(out, c->s[c->i++]);
				}
			} else {
				tlc_buf_putc(out, '\'');
				c->i++;
			}
		} else if (ch == '{') {
			argument(c, out, depth);
		} else if (ch == '}') {
			if (depth)
				return;
			unsupported(c, "an unmatched '}'");
			return;
		} else if (ch == '#' && depth) {
			tlc_buf_puts(out, "%arg");
			c->i++;
		} else {
			put_text(out, ch);
			c->i++;
		}
	}
}

int tlc_xc_convert(tlc_ctx *ctx, const tlc_program *p, const tlc_prog_message *m, tlc_xc_message *out)
{
	memset(out, 0, sizeof *out);
	conv c = {ctx, p, m, m->pattern ? m->pattern : "", 0, 0, NULL, out, 0, false};
	c.n = strlen(c.s);
	tlc_buf b = TLC_BUF_INIT;
	message(&c, &b, 0);
	if (tlc_buf_oom(&b) || c.oom) {
		tlc_buf_release(&b);
		return TLC_ENOMEM;
	}
	out->ok = !c.why;
	out->why = c.why;
	out->value = tlc_arena_strndup(&ctx->arena, b.ptr, b.len);
	tlc_buf_release(&b);
	return out->value ? 0 : TLC_ENOMEM;
}

/* ---- the catalog tree ------------------------------------------------------------------------ */

typedef enum xv_kind { XV_OBJ, XV_ARR, XV_STR, XV_RAW } xv_kind;

typedef struct xv xv;
struct xv {
	xv_kind kind;
	const char *s; /* XV_STR: the string; XV_RAW: a number, true, false or null as written */
	size_t len;
	const char **keys; /* XV_OBJ */
	xv **vals;         /* XV_OBJ, XV_ARR */
	size_t n, cap;
};

typedef struct builder {
	tlc_ctx *ctx;
	bool oom;
} builder;

static xv *xv_new(builder *b, xv_kind k)
{
	xv *v = tlc_arena_alloc(&b->ctx->arena, sizeof *v);
	if (!v)
		b->oom = true;
	else
		v->kind = k;
	return v;
}

static xv *xv_str(builder *b, const char *s)
{
	xv *v = xv_new(b, XV_STR);
	if (v && !(v->s = tlc_arena_strdup(&b->ctx->arena, s)))
		b->oom = true;
	if (v)
		v->len = v->s ? strlen(v->s) : 0;
	return v;
}

static void xv_push(builder *b, xv *o, const char *key, xv *val)
{
	if (!o || !val)
		return;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4;
		const char **k = tlc_arena_alloc(&b->ctx->arena, cap * sizeof *k);
		xv **v = tlc_arena_alloc(&b->ctx->arena, cap * sizeof *v);
		if (!k || !v) {
			b->oom = true;
			return;
		}
		if (o->n) {
			if (o->keys)
				memcpy(k, o->keys, o->n * sizeof *k);
			memcpy(v, o->vals, o->n * sizeof *v);
		}
		o->keys = k;
		o->vals = v;
		o->cap = cap;
	}
	o->keys[o->n] = key;
	o->vals[o->n++] = val;
}

static xv *xv_get(const xv *o, const char *key)
{
	if (!o || o->kind != XV_OBJ)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return o->vals[i];
	return NULL;
}

/* Sets key to val, in place when the key is there. */
static void xv_set(builder *b, xv *o, const char *key, xv *val)
{
	if (!o || !val)
		return;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0) {
			o->vals[i] = val;
			return;
		}
	const char *k = tlc_arena_strdup(&b->ctx->arena, key);
	if (!k) {
		b->oom = true;
		return;
	}
	xv_push(b, o, k, val);
}

/* The object at key, made when missing. */
static xv *xv_obj_at(builder *b, xv *o, const char *key)
{
	xv *v = xv_get(o, key);
	if (v && v->kind == XV_OBJ)
		return v;
	v = xv_new(b, XV_OBJ);
	xv_set(b, o, key, v);
	return v;
}

static xv *xv_copy(builder *b, const tlc_node *n)
{
	xv *v;
	if (n->kind == TLC_NODE_SCALAR) {
		v = xv_new(b, n->type == TLC_SCALAR_STR ? XV_STR : XV_RAW);
		if (v) {
			v->s = n->str;
			v->len = n->len;
		}
		return v;
	}
	v = xv_new(b, n->kind == TLC_NODE_MAP ? XV_OBJ : XV_ARR);
	for (size_t i = 0; v && i < n->n; i++)
		xv_push(b, v, n->kind == TLC_NODE_MAP ? n->pairs[i].key->str : NULL,
			xv_copy(b, n->kind == TLC_NODE_MAP ? n->pairs[i].value : n->items[i]));
	return v;
}

static bool xv_equal(const xv *a, const xv *b)
{
	if (!a || !b || a->kind != b->kind)
		return a == b;
	if (a->kind == XV_STR || a->kind == XV_RAW)
		return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		if (a->kind == XV_ARR) {
			if (!xv_equal(a->vals[i], b->vals[i]))
				return false;
		} else if (!xv_equal(a->vals[i], xv_get(b, a->keys[i]))) {
			return false;
		}
	}
	return true;
}

/* Every string unit under v that reads "translated" now reads "needs_review". */
static void needs_review(builder *b, xv *v)
{
	if (!v || (v->kind != XV_OBJ && v->kind != XV_ARR))
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->kind == XV_OBJ && strcmp(v->keys[i], "stringUnit") == 0) {
			xv *st = xv_get(v->vals[i], "state");
			if (st && st->kind == XV_STR && strcmp(st->s, "translated") == 0)
				xv_set(b, v->vals[i], "state", xv_str(b, "needs_review"));
		} else {
			needs_review(b, v->vals[i]);
		}
	}
}

/* ---- printing the way Xcode does ------------------------------------------------------------- */

static int cmp_key(const void *a, const void *b)
{
	return strcmp(**(const char *const *const *)a, **(const char *const *const *)b);
}

static void indent(tlc_buf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		tlc_buf_put(out, "  ", 2);
}

static void print(tlc_ctx *ctx, tlc_buf *out, const xv *v, int depth, bool *oom)
{
	switch (v->kind) {
	case XV_STR:
		tlc_buf_put_json_string(out, v->s, v->len);
		return;
	case XV_RAW:
		tlc_buf_put(out, v->s, v->len);
		return;
	case XV_ARR:
		if (!v->n) {
			tlc_buf_puts(out, "[\n\n");
			indent(out, depth);
			tlc_buf_putc(out, ']');
			return;
		}
		tlc_buf_puts(out, "[\n");
		for (size_t i = 0; i < v->n; i++) {
			indent(out, depth + 1);
			print(ctx, out, v->vals[i], depth + 1, oom);
			tlc_buf_puts(out, i + 1 < v->n ? ",\n" : "\n");
		}
		indent(out, depth);
		tlc_buf_putc(out, ']');
		return;
	case XV_OBJ:
		break;
	}
	if (!v->n) {
		tlc_buf_puts(out, "{\n\n");
		indent(out, depth);
		tlc_buf_putc(out, '}');
		return;
	}
	/* sort pointers to the keys, keeping each key with its value */
	const char **order[64];
	const char ***ord = v->n > 64 ? malloc(v->n * sizeof *ord) : order;
	if (!ord) {
		*oom = true;
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		ord[i] = &v->keys[i];
	qsort(ord, v->n, sizeof *ord, cmp_key);
	tlc_buf_puts(out, "{\n");
	for (size_t i = 0; i < v->n; i++) {
		size_t k = (size_t)(ord[i] - v->keys);
		indent(out, depth + 1);
		tlc_buf_put_json_string(out, v->keys[k], strlen(v->keys[k]));
		tlc_buf_puts(out, " : ");
		print(ctx, out, v->vals[k], depth + 1, oom);
		tlc_buf_puts(out, i + 1 < v->n ? ",\n" : "\n");
	}
	indent(out, depth);
	tlc_buf_putc(out, '}');
	if (ord != order)
		free(ord);
}

/* ---- reading an existing catalog --------------------------------------------------------- */

static int cat_error(tlc_ctx *ctx, const char *rule, const tlc_node *n, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 4, 5)))
#endif
	;
static int cat_error(tlc_ctx *ctx, const char *rule, const tlc_node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tlc_diag *g = tlc_diag_vadd(&ctx->diags, rule, n->span, fmt, ap);
	va_end(ap);
	if (g)
		g->sev = TLC_SEV_ERROR;
	return -1;
}

static bool is_string(const tlc_node *n) { return n->kind == TLC_NODE_SCALAR && n->type == TLC_SCALAR_STR; }

int tlc_xc_read(tlc_ctx *ctx, uint32_t file, const tlc_node **root)
{
	tlc_node *r = NULL;
	int bad = 0;
	if (tlc_parse_json(ctx, file, &r) < 0)
		return -1;
	if (r->kind != TLC_NODE_MAP)
		return cat_error(ctx, "TL004", r, "a String Catalog is a JSON object");
	const tlc_node *lang = tlc_node_get(r, "sourceLanguage"), *strs = tlc_node_get(r, "strings"),
		       *ver = tlc_node_get(r, "version");
	if (!ver)
		return cat_error(ctx, "TL013", r, "not a String Catalog: it has no 'version'");
	if (!is_string(ver) || (strcmp(ver->str, "1.0") != 0 && strcmp(ver->str, "1.1") != 0))
		return cat_error(ctx, "TL014", ver, "String Catalog version %s: this timelinec reads "
				 "versions 1.0 and 1.1", ver->kind == TLC_NODE_SCALAR ? ver->str : "?");
	if (!lang)
		bad = cat_error(ctx, "TL013", r, "a String Catalog needs 'sourceLanguage'");
	else if (!is_string(lang) || !lang->len)
		bad = cat_error(ctx, "TL011", lang, "'sourceLanguage' is a language code (a string)");
	if (!strs)
		return cat_error(ctx, "TL013", r, "a String Catalog needs 'strings'");
	if (strs->kind != TLC_NODE_MAP)
		return cat_error(ctx, "TL011", strs, "'strings' is an object");
	for (size_t i = 0; i < strs->n; i++) {
		const tlc_node *e = strs->pairs[i].value;
		if (e->kind != TLC_NODE_MAP) {
			bad = cat_error(ctx, "TL011", e, "the entry of '%s' is an object",
					strs->pairs[i].key->str);
			continue;
		}
		const tlc_node *locs = tlc_node_get(e, "localizations");
		if (!locs)
			continue;
		if (locs->kind != TLC_NODE_MAP) {
			bad = cat_error(ctx, "TL011", locs, "'localizations' is an object");
			continue;
		}
		for (size_t k = 0; k < locs->n; k++)
			if (locs->pairs[k].value->kind != TLC_NODE_MAP)
				bad = cat_error(ctx, "TL011", locs->pairs[k].value,
						"the localization '%s' is an object",
						locs->pairs[k].key->str);
	}
	*root = r;
	return bad;
}

/* ---- building -------------------------------------------------------------------------------- */

void tlc_xc_language(const tlc_program *p, char buf[16])
{
	const char *loc = p->nlocales ? p->locales[0] : "en";
	size_t n = 0;
	while (loc[n] && loc[n] != '_' && loc[n] != '-' && loc[n] != '@' && n < 15)
		n++;
	memcpy(buf, loc, n);
	buf[n] = 0;
	if (!n)
		strcpy(buf, "en");
}

static xv *string_unit(builder *b, const char *value)
{
	xv *su = xv_new(b, XV_OBJ), *u = xv_new(b, XV_OBJ);
	xv_set(b, u, "state", xv_str(b, "translated"));
	xv_set(b, u, "value", xv_str(b, value));
	xv_set(b, su, "stringUnit", u);
	return su;
}

/* The source language's localization of message m. */
static xv *localization(builder *b, const tlc_xc_message *x)
{
	xv *loc = string_unit(b, x->value);
	if (!x->nsubs || !loc)
		return loc;
	xv *subs = xv_obj_at(b, loc, "substitutions");
	for (size_t i = 0; i < x->nsubs; i++) {
		const struct tlc_xc_sub *s = &x->subs[i];
		xv *sv = xv_obj_at(b, subs, s->name);
		xv *num = xv_new(b, XV_RAW);
		if (num && !(num->s = tlc_arena_printf(&b->ctx->arena, "%d", s->arg)))
			b->oom = true;
		if (num)
			num->len = num->s ? strlen(num->s) : 0;
		xv_set(b, sv, "argNum", num);
		xv_set(b, sv, "formatSpecifier", xv_str(b, "lld"));
		xv *pl = xv_obj_at(b, xv_obj_at(b, sv, "variations"), "plural");
		for (int f = 0; f < 6; f++)
			if (s->forms[f])
				xv_set(b, pl, plural_forms[f], string_unit(b, s->forms[f]));
	}
	return loc;
}

static const char *comment(builder *b, const tlc_program *p, const tlc_prog_message *m)
{
	tlc_buf c = TLC_BUF_INIT;
	tlc_buf_printf(&c, "Widget %s (timelinec).", p->widget ? p->widget : "?");
	int k = 0;
	for (unsigned u = 0; u < TLC_UNIT_COUNT; u++) {
		if (!(m->units & (1u << u)))
			continue;
		k++;
		tlc_buf_printf(&c, "%s %%%d$lld: %s", k > 1 ? "," : " Arguments:", k,
			       tlc_unit_name(1u << u));
	}
	for (size_t i = 0; i < m->nparams; i++) {
		k++;
		tlc_buf_printf(&c, "%s %%%d$%s: %s", k > 1 ? "," : " Arguments:", k,
			       tlc_xc_is_integer(p, m->params[i]) ? "lld" : "@", m->params[i]);
	}
	const char *s = tlc_buf_oom(&c) ? NULL : tlc_arena_strndup(&b->ctx->arena, c.ptr, c.len);
	tlc_buf_release(&c);
	if (!s)
		b->oom = true;
	return s ? s : "";
}

/* Where message m was written: its line and column in src_file, else `where`. */
static tlc_span message_span(tlc_ctx *ctx, uint32_t src_file, const tlc_prog_message *m,
			     tlc_span where)
{
	const tlc_source *src = src_file ? tlc_sources_get(&ctx->sources, src_file) : NULL;
	if (!src || !m->line || m->line > src->nlines)
		return where;
	size_t off = src->lines[m->line - 1];
	for (uint32_t col = 1; col < m->col && off < src->len && src->text[off] != '\n'; col++) {
		off++;
		while (off < src->len && ((unsigned char)src->text[off] & 0xC0) == 0x80)
			off++;
	}
	return tlc_span_make(src_file, off, off);
}

int tlc_xc_build(tlc_ctx *ctx, const tlc_program *p, const tlc_node *old, uint32_t src_file,
		 tlc_span where, tlc_buf *out)
{
	builder b = {ctx, false};
	xv *root = old ? xv_copy(&b, old) : xv_new(&b, XV_OBJ);
	if (!root || b.oom)
		return TLC_ENOMEM;
	char lang[16];
	const xv *sl = xv_get(root, "sourceLanguage");
	if (sl && sl->kind == XV_STR) {
		snprintf(lang, sizeof lang, "%s", sl->s);
		if (strlen(sl->s) >= sizeof lang) /* a code that long is not one we made */
			return cat_error(ctx, "TL014", old ? tlc_node_get(old, "sourceLanguage") : NULL,
					 "'sourceLanguage' is not a language code");
	} else {
		tlc_xc_language(p, lang);
		xv_set(&b, root, "sourceLanguage", xv_str(&b, lang));
	}
	if (!xv_get(root, "version"))
		xv_set(&b, root, "version", xv_str(&b, "1.0"));
	xv *strings = xv_obj_at(&b, root, "strings");
	bool *ours = calloc(strings && strings->n ? strings->n : 1, sizeof *ours);
	size_t nold = strings ? strings->n : 0;
	if (!ours || b.oom) {
		free(ours);
		return TLC_ENOMEM;
	}
	for (size_t i = 0; i < p->nmessages && !b.oom; i++) {
		const tlc_prog_message *m = &p->messages[i];
		tlc_xc_message x;
		if (tlc_xc_convert(ctx, p, m, &x) < 0) {
			b.oom = true;
			break;
		}
		if (!x.ok) {
			tlc_diag *g = tlc_diag_add(&ctx->diags, "TL027", message_span(ctx, src_file, m, where),
						   "message '%s' uses %s, which a String Catalog cannot "
						   "express: it is left out, and the app shows the baked "
						   "text", m->key, x.why);
			tlc_diag_set_fix(g, "write it with plain arguments and plurals, or keep the "
					    "baked text (MessageRun.text(locale:))");
			continue;
		}
		for (size_t k = 0; k < nold; k++)
			if (strcmp(strings->keys[k], m->key) == 0) {
				ours[k] = true;
				break;
			}
		xv *entry = xv_obj_at(&b, strings, m->key);
		xv_set(&b, entry, "extractionState", xv_str(&b, "manual"));
		xv_set(&b, entry, "comment", xv_str(&b, comment(&b, p, m)));
		xv *locs = xv_obj_at(&b, entry, "localizations");
		xv *was = xv_get(locs, lang), *now = localization(&b, &x);
		if (was && !xv_equal(was, now))
			for (size_t k = 0; k < (locs ? locs->n : 0); k++)
				if (strcmp(locs->keys[k], lang) != 0)
					needs_review(&b, locs->vals[k]);
		xv_set(&b, locs, lang, now);
	}
	for (size_t k = 0; k < nold && !b.oom; k++)
		if (!ours[k] && strings->vals[k]->kind == XV_OBJ)
			xv_set(&b, strings->vals[k], "extractionState", xv_str(&b, "stale"));
	free(ours);
	if (b.oom)
		return TLC_ENOMEM;
	bool oom = false;
	print(ctx, out, root, 0, &oom);
	tlc_buf_putc(out, '\n');
	return oom || tlc_buf_oom(out) ? TLC_ENOMEM : 0;
}
