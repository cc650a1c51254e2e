/*
 * msg_fast.c — the MessageFormat patterns baked text uses, formatted without ICU's formatter:
 * literal text, string arguments, integers ({k,number}, a plain {k} and '#'),
 * plural, selectordinal and select. A converted (positional) pattern compiles once into a small
 * tree; each format walks it, taking plural categories from the locale's sample table and the
 * text of an integer from the locale's cache, both filled by ICU itself (icu.c). The semantics
 * are ICU's (MessagePattern, ApostropheMode DOUBLE_OPTIONAL; PluralFormat::findSubMessage,
 * SelectFormat::findSubMessage):
 *
 *   - "''" is one apostrophe; an apostrophe before '{', '}' or (in a plural or selectordinal
 *     branch) '#' quotes up to the next single apostrophe; any other apostrophe is literal;
 *   - '#' directly in a plural or selectordinal branch is (value - offset) as a number; in a
 *     select branch nested in it, and at the top level, '#' is literal;
 *   - a '}' at the top level is literal;
 *   - plural: an explicit "=N" equal to the value (before the offset) wins, the first in the
 *     pattern; else the branch of the category of (value - offset); else "other";
 *   - select: the branch named as the value, else "other".
 *
 * What it does not cover falls back to ICU: for the whole pattern (number styles,
 * spellout, ordinal, duration, anything unexpected), or for one call (a value outside
 * 0..TLC_PLURAL_SAMPLES_DENSE-1 where its text or its category is needed). Equality with ICU
 * is tested on every row of tests/fixtures/render/msg.tsv in many locales (test_render.c) and on
 * every input of the template fuzz harness.
 */
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

#define MAX_BRANCHES 64 /* as the scanner */

typedef enum fkind { F_TEXT, F_NUM, F_STR, F_POUND, F_PLURAL, F_ORDINAL, F_SELECT } fkind;
typedef enum bkind { B_EXPLICIT, B_KEYWORD, B_STRING } bkind;
enum parent { PARENT_NONE, PARENT_PLURAL, PARENT_SELECT };

typedef struct fnode {
	uint8_t kind;
	uint8_t arg;    /* NUM, PLURAL, ORDINAL: numeric index; STR, SELECT: string index */
	int32_t next;   /* the next node of the same message, -1 at its end */
	uint32_t a, b;  /* TEXT: pool offset and length; choices: first branch and count */
	int64_t offset; /* PLURAL */
} fnode;

typedef struct fbranch {
	uint8_t kind;
	unsigned cat;         /* KEYWORD: its TLC_PLURAL_* bit */
	double value;         /* EXPLICIT */
	uint32_t s_off, s_len; /* STRING: the selector, in the pool */
	int32_t first;        /* the branch's message, -1 when empty */
} fbranch;

struct tlc_msg_fast {
	fnode *nodes;
	size_t n_nodes, cap_nodes;
	fbranch *br;
	size_t n_br, cap_br;
	tlc_buf pool;
	int32_t first;
};

typedef struct fparse {
	const char *s;
	size_t n, i;
	tlc_msg_fast *f;
	bool bad; /* not covered (or out of memory: nomem) */
	bool nomem;
} fparse;


static void skip_ws(fparse *p)
{
	while (p->i < p->n && tlc_msg__is_ws(p->s[p->i]))
		p->i++;
}

static int32_t add_node(fparse *p, fkind kind)
{
	tlc_msg_fast *f = p->f;
	if (f->n_nodes >= INT32_MAX ||
	    tlc_msg__grow((void **)&f->nodes, &f->cap_nodes, f->n_nodes + 1, sizeof *f->nodes) < 0) {
		p->bad = p->nomem = true;
		return -1;
	}
	memset(&f->nodes[f->n_nodes], 0, sizeof *f->nodes);
	f->nodes[f->n_nodes].kind = (uint8_t)kind;
	f->nodes[f->n_nodes].next = -1;
	return (int32_t)f->n_nodes++;
}

/* A message's nodes as a list: head and tail indices. */
typedef struct flist {
	int32_t head, tail;
} flist;

static void link(fparse *p, flist *l, int32_t node)
{
	if (node < 0)
		return;
	if (l->tail >= 0)
		p->f->nodes[l->tail].next = node;
	else
		l->head = node;
	l->tail = node;
}

/* Ends the literal text that began at pool offset `start`. */
static void flush_text(fparse *p, flist *l, size_t start)
{
	size_t len = p->f->pool.len - start;
	int32_t node;
	if (!len)
		return;
	if (p->f->pool.len > UINT32_MAX) {
		p->bad = true;
		return;
	}
	if ((node = add_node(p, F_TEXT)) < 0)
		return;
	p->f->nodes[node].a = (uint32_t)start;
	p->f->nodes[node].b = (uint32_t)len;
	link(p, l, node);
}

/* As the scanner reads it (the same function: the same =N and offset: values). */
static bool parse_number(fparse *p, double *out)
{
	return tlc_msg__read_number(p->s, p->n, &p->i, out) == 0;
}

static int32_t parse_msg(fparse *p, enum parent parent, unsigned depth);

/* The branches of a choice argument, after its "type,", through the closing '}'. */
static void parse_branches(fparse *p, int32_t node, fkind kind, unsigned depth)
{
	fbranch br[MAX_BRANCHES];
	size_t nb = 0;
	bool other = false;
	enum parent child = kind == F_SELECT ? PARENT_SELECT : PARENT_PLURAL;
	skip_ws(p);
	if (kind == F_PLURAL && p->n - p->i >= 7 && memcmp(p->s + p->i, "offset:", 7) == 0) {
		double v = 0;
		p->i += 7;
		skip_ws(p);
		if (!parse_number(p, &v) || !(v >= 0 && v <= 9007199254740992.0) ||
		    v != (double)(int64_t)v) {
			p->bad = true;
			return;
		}
		p->f->nodes[node].offset = (int64_t)v;
	}
	for (;;) {
		fbranch b;
		size_t off;
		skip_ws(p);
		if (p->i >= p->n || nb == MAX_BRANCHES) {
			p->bad = true;
			return;
		}
		if (p->s[p->i] == '}') {
			p->i++;
			break;
		}
		memset(&b, 0, sizeof b);
		off = p->i;
		if (p->s[p->i] == '=' && kind != F_SELECT) {
			p->i++;
			b.kind = B_EXPLICIT;
			if (!parse_number(p, &b.value)) {
				p->bad = true;
				return;
			}
		} else {
			/* ICU's selectors are identifiers: no Pattern_Syntax character (the scanner
			 * takes '-' in a select keyword; ICU refuses it, and says so) */
			while (p->i < p->n && tlc_msg__is_name(p->s[p->i]) && p->s[p->i] != '-')
				p->i++;
			if (p->i == off) {
				p->bad = true;
				return;
			}
			if (p->i - off == 5 && memcmp(p->s + off, "other", 5) == 0)
				other = true;
			if (kind == F_SELECT) {
				b.kind = B_STRING;
				b.s_off = (uint32_t)p->f->pool.len;
				b.s_len = (uint32_t)(p->i - off);
				tlc_buf_put(&p->f->pool, p->s + off, p->i - off);
			} else {
				b.kind = B_KEYWORD;
				if (!(b.cat = tlc_plural__cat_from_name(p->s + off, p->i - off))) {
					p->bad = true;
					return;
				}
			}
		}
		skip_ws(p);
		if (p->i >= p->n || p->s[p->i] != '{') {
			p->bad = true;
			return;
		}
		p->i++;
		b.first = parse_msg(p, child, depth + 1);
		if (p->bad)
			return;
		if (p->i >= p->n || p->s[p->i] != '}') {
			p->bad = true;
			return;
		}
		p->i++;
		br[nb++] = b;
	}
	if (!other || !nb) {
		p->bad = true;
		return;
	}
	/* the branches of one choice are contiguous: appended after the nested ones */
	tlc_msg_fast *f = p->f;
	if (f->n_br + nb > INT32_MAX ||
	    tlc_msg__grow((void **)&f->br, &f->cap_br, f->n_br + nb, sizeof *f->br) < 0) {
		p->bad = p->nomem = true;
		return;
	}
	memcpy(f->br + f->n_br, br, nb * sizeof *br);
	f->nodes[node].a = (uint32_t)f->n_br;
	f->nodes[node].b = (uint32_t)nb;
	f->n_br += nb;
}

/* At '{': one argument, through its closing '}'; the node, or -1 (p->bad). */
static int32_t parse_arg(fparse *p, unsigned depth)
{
	size_t idx = 0, digits = 0, toff;
	int32_t node = -1;
	p->i++;
	skip_ws(p);
	for (; p->i < p->n && tlc_msg__is_digit(p->s[p->i]) && digits < 3; p->i++, digits++)
		idx = idx * 10 + (size_t)(p->s[p->i] - '0');
	skip_ws(p);
	if (!digits || p->i >= p->n || idx >= TLC_MSG_MAX_NUM_ARGS + TLC_MSG_MAX_STR_ARGS)
		goto bad;
	if (p->s[p->i] == '}') { /* the converter makes a plain integer {k,number} */
		p->i++;
		if (idx < TLC_MSG_MAX_NUM_ARGS || (node = add_node(p, F_STR)) < 0)
			goto bad;
		p->f->nodes[node].arg = (uint8_t)(idx - TLC_MSG_MAX_NUM_ARGS);
		return node;
	}
	if (p->s[p->i++] != ',')
		goto bad;
	skip_ws(p);
	toff = p->i;
	while (p->i < p->n && tlc_msg__is_alpha(p->s[p->i]))
		p->i++;
	const char *w = p->s + toff;
	size_t wl = p->i - toff;
	skip_ws(p);
	if (p->i >= p->n)
		goto bad;
	if (tlc_msg__word_is(w, wl, "number") && idx < TLC_MSG_MAX_NUM_ARGS) {
		/* no style: "integer" becomes the skeleton ::precision-integer, whose formatter
		 * groups as CLDR's minimumGroupingDigits says ("1000" in es and pl, where the
		 * default format prints "1.000", "1 000"): ICU formats every styled number */
		if (p->s[p->i++] != '}' || (node = add_node(p, F_NUM)) < 0)
			goto bad;
		p->f->nodes[node].arg = (uint8_t)idx;
		return node;
	}
	fkind kind;
	if (tlc_msg__word_is(w, wl, "plural"))
		kind = F_PLURAL;
	else if (tlc_msg__word_is(w, wl, "selectordinal"))
		kind = F_ORDINAL;
	else if (tlc_msg__word_is(w, wl, "select"))
		kind = F_SELECT;
	else
		goto bad; /* spellout, ordinal, duration: ICU */
	if ((kind == F_SELECT) != (idx >= TLC_MSG_MAX_NUM_ARGS) || p->s[p->i++] != ',')
		goto bad;
	if ((node = add_node(p, kind)) < 0)
		goto bad;
	p->f->nodes[node].arg = (uint8_t)(kind == F_SELECT ? idx - TLC_MSG_MAX_NUM_ARGS : idx);
	parse_branches(p, node, kind, depth);
	return p->bad ? -1 : node;
bad:
	p->bad = true;
	return -1;
}

/* A message up to the end (top level) or up to, not through, the '}' that ends a branch. */
static int32_t parse_msg(fparse *p, enum parent parent, unsigned depth)
{
	flist l = {-1, -1};
	tlc_buf *pool = &p->f->pool;
	size_t start = pool->len;
	if (depth > TLC_MSG_MAX_DEPTH) {
		p->bad = true;
		return -1;
	}
	while (p->i < p->n && !p->bad) {
		char c = p->s[p->i];
		if (c == '\'') {
			char next = p->i + 1 < p->n ? p->s[p->i + 1] : 0;
			if (next == '\'') {
				tlc_buf_put(pool, "'", 1);
				p->i += 2;
			} else if (next == '{' || next == '}' || (next == '#' && parent == PARENT_PLURAL)) {
				bool closed = false;
				for (p->i++; p->i < p->n; p->i++) {
					if (p->s[p->i] != '\'') {
						tlc_buf_put(pool, p->s + p->i, 1);
					} else if (p->i + 1 < p->n && p->s[p->i + 1] == '\'') {
						tlc_buf_put(pool, "'", 1);
						p->i++;
					} else {
						p->i++;
						closed = true;
						break;
					}
				}
				if (!closed) /* the scanner refuses it: leave it to ICU */
					p->bad = true;
			} else {
				tlc_buf_put(pool, "'", 1);
				p->i++;
			}
		} else if (c == '#' && parent == PARENT_PLURAL) {
			flush_text(p, &l, start);
			link(p, &l, add_node(p, F_POUND));
			p->i++;
			start = pool->len;
		} else if (c == '{') {
			flush_text(p, &l, start);
			link(p, &l, parse_arg(p, depth));
			start = pool->len;
		} else if (c == '}' && parent != PARENT_NONE) {
			break;
		} else {
			size_t run = p->i + 1;
			while (run < p->n && p->s[run] != '\'' && p->s[run] != '{' && p->s[run] != '}' &&
			       p->s[run] != '#')
				run++;
			tlc_buf_put(pool, p->s + p->i, run - p->i);
			p->i = run;
		}
	}
	if (tlc_buf_oom(pool))
		p->bad = p->nomem = true;
	if (!p->bad)
		flush_text(p, &l, start);
	return p->bad ? -1 : l.head;
}

void tlc_msg__fast_free(tlc_msg_fast *f)
{
	if (!f)
		return;
	free(f->nodes);
	free(f->br);
	tlc_buf_release(&f->pool);
	free(f);
}

int tlc_msg__fast_compile(tlc_msg_fast **out, const char *pat, size_t len)
{
	fparse p;
	tlc_msg_fast *f = calloc(1, sizeof *f);
	*out = NULL;
	if (!f)
		return TLC_ENOMEM;
	tlc_buf_init(&f->pool);
	memset(&p, 0, sizeof p);
	p.s = pat;
	p.n = len;
	p.f = f;
	f->first = parse_msg(&p, PARENT_NONE, 0);
	if (p.bad || p.i != len) {
		tlc_msg__fast_free(f);
		return p.nomem ? TLC_ENOMEM : 0;
	}
	*out = f;
	return 0;
}

typedef struct fctx {
	const tlc_msg_fast *f;
	tlc_render_locale *loc;
	const int64_t *num;
	const char *const *str;
	size_t n_num, n_str;
} fctx;

#define FALLBACK 1

static int put_int(tlc_buf *out, const fctx *c, int64_t v)
{
	const char *s;
	size_t n;
	int error = tlc_icu__int_text(&s, &n, c->loc->icu, v);
	if (error == TLC_ERANGE)
		return FALLBACK;
	if (error < 0)
		return error;
	tlc_buf_put(out, s, n);
	return 0;
}

static int run(tlc_buf *out, const fctx *c, int32_t node, int64_t pound)
{
	const tlc_msg_fast *f = c->f;
	int error;
	for (; node >= 0; node = f->nodes[node].next) {
		const fnode *nd = &f->nodes[node];
		const fbranch *br = nd->kind >= F_PLURAL ? f->br + nd->a : NULL, *pick = NULL;
		int64_t sub = 0;
		switch ((fkind)nd->kind) {
		case F_TEXT:
			tlc_buf_put(out, f->pool.ptr + nd->a, nd->b);
			continue;
		case F_STR:
			if (nd->arg >= c->n_str)
				return FALLBACK;
			tlc_buf_puts(out, c->str[nd->arg]);
			continue;
		case F_NUM:
		case F_POUND:
			if (nd->kind == F_NUM && nd->arg >= c->n_num)
				return FALLBACK;
			if ((error = put_int(out, c, nd->kind == F_NUM ? c->num[nd->arg] : pound)) != 0)
				return error;
			continue;
		case F_SELECT:
			if (nd->arg >= c->n_str)
				return FALLBACK;
			for (uint32_t k = 0; k < nd->b && !pick; k++)
				if (strlen(c->str[nd->arg]) == br[k].s_len &&
				    memcmp(c->str[nd->arg], f->pool.ptr + br[k].s_off, br[k].s_len) == 0)
					pick = &br[k];
			for (uint32_t k = 0; k < nd->b && !pick; k++)
				if (br[k].s_len == 5 && memcmp(f->pool.ptr + br[k].s_off, "other", 5) == 0)
					pick = &br[k];
			break;
		case F_PLURAL:
		case F_ORDINAL: {
			const uint8_t *tab = NULL;
			int64_t v;
			if (nd->arg >= c->n_num)
				return FALLBACK;
			v = c->num[nd->arg];
			for (uint32_t k = 0; k < nd->b && !pick; k++)
				if (br[k].kind == B_EXPLICIT && (double)v == br[k].value)
					pick = &br[k];
			sub = v - nd->offset;
			if (sub < 0 || sub >= TLC_PLURAL_SAMPLES_DENSE)
				return FALLBACK;
			if (!pick) {
				if ((error = tlc_icu__plural_samples(&tab, c->loc->icu,
								     nd->kind == F_ORDINAL)) < 0)
					return error;
				for (uint32_t k = 0; k < nd->b && !pick; k++)
					if (br[k].kind == B_KEYWORD && br[k].cat == tab[sub])
						pick = &br[k];
				for (uint32_t k = 0; k < nd->b && !pick; k++)
					if (br[k].kind == B_KEYWORD && br[k].cat == TLC_PLURAL_OTHER)
						pick = &br[k];
			}
			break;
		}
		default:
			return FALLBACK;
		}
		if (!pick)
			return FALLBACK;
		if ((error = run(out, c, pick->first, sub)) != 0)
			return error;
	}
	return 0;
}

int tlc_msg__fast_run(tlc_buf *out, const tlc_msg_fast *f, tlc_render_locale *loc,
		      const int64_t *num, size_t n_num, const char *const *str, size_t n_str)
{
	fctx c = {f, loc, num, str, n_num, n_str};
	return run(out, &c, f->first, 0);
}
