/*
 * parse_yaml.c — the YAML front end: libyaml's event parser -> tlc_node tree.
 *
 * The only file that sees libyaml: its 1/0 returns and 0-based marks stop here. We use the event
 * API, not libyaml's document loader, so that
 *  - every node gets a span from its start/end marks (converted to byte offsets through our own
 *    line table: libyaml columns count characters),
 *  - aliases are resolved to the anchored node (shared, never copied) while the expanded size is
 *    counted against TLC_MAX_NODES (billion laughs stops at the limit, not in the allocator),
 *  - duplicate keys, complex keys, tags and several documents are diagnosed with a location.
 * Plain scalars resolve by the YAML 1.2 core schema (`17:40`, `on`, `no` stay strings).
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "front/parse.h"

typedef struct yframe {
	tlc_node *node;
	tlc_node **kids; /* seq items, or map keys and values interleaved */
	size_t n, cap;
	size_t size;     /* expanded node count of the subtree so far */
	char *anchor;    /* malloc'd */
} yframe;

typedef struct yanchor {
	char *name;
	tlc_node *node;
	size_t size;
} yanchor;

typedef struct yparser {
	tlc_ctx *ctx;
	uint32_t file;
	const tlc_source *src;
	yaml_parser_t p;
	yframe stack[TLC_MAX_DEPTH + 1];
	size_t depth;
	yanchor *anchors; /* open-addressing hash */
	size_t acap, acount;
	size_t total;     /* nodes after alias expansion */
	tlc_node *root;
	int docs;
	size_t cidx, coff; /* mark_offset's cursor: character cidx starts at byte coff */
} yparser;

/* ---- positions ---------------------------------------------------------------------------- */

/*
 * A mark's byte offset, from its character index (libyaml counts code points, CRLF as two).
 * Not from its line and column: libyaml also breaks lines at U+0085, U+2028 and U+2029 (YAML
 * 1.1), which editors and our line table do not, so those would drift. Marks come mostly in
 * ascending order; a cursor walks from the last one, forwards or back, so a file costs O(n).
 */
static size_t mark_offset(yparser *y, yaml_mark_t m)
{
	const char *s = y->src->text;
	size_t len = y->src->len;
	while (y->cidx < m.index && y->coff < len) {
		y->coff++;
		while (y->coff < len && ((unsigned char)s[y->coff] & 0xC0) == 0x80)
			y->coff++;
		y->cidx++;
	}
	if (y->cidx < m.index) /* past the end: the end */
		return len;
	while (y->cidx > m.index && y->coff > 0) {
		y->coff--;
		while (y->coff > 0 && ((unsigned char)s[y->coff] & 0xC0) == 0x80)
			y->coff--;
		y->cidx--;
	}
	return y->coff;
}

static tlc_span marks_span(yparser *y, yaml_mark_t a, yaml_mark_t b)
{
	size_t s = mark_offset(y, a), e = mark_offset(y, b);
	return tlc_span_make(y->file, s, e < s ? s : e);
}

/* ---- anchors ------------------------------------------------------------------------------ */

static size_t anchor_hash(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static yanchor *anchor_slot(yparser *y, const char *name)
{
	size_t i = anchor_hash(name) & (y->acap - 1);
	while (y->anchors[i].name && strcmp(y->anchors[i].name, name) != 0)
		i = (i + 1) & (y->acap - 1);
	return &y->anchors[i];
}

static int anchor_grow(yparser *y)
{
	size_t ocap = y->acap, ncap = ocap ? ocap * 2 : 16;
	yanchor *old = y->anchors;
	y->anchors = calloc(ncap, sizeof *y->anchors);
	if (!y->anchors) {
		y->anchors = old;
		return TLC_ENOMEM;
	}
	y->acap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].name)
			*anchor_slot(y, old[i].name) = old[i];
	free(old);
	return 0;
}

/* Takes ownership of name. */
static int anchor_set(yparser *y, char *name, tlc_node *node, size_t size)
{
	if ((y->acount + 1) * 2 > y->acap && anchor_grow(y) < 0) {
		free(name);
		return TLC_ENOMEM;
	}
	yanchor *a = anchor_slot(y, name);
	if (a->name) {
		free(name); /* redefinition: the newest wins, as YAML says */
	} else {
		a->name = name;
		y->acount++;
	}
	a->node = node;
	a->size = size;
	return 0;
}

static const yanchor *anchor_get(yparser *y, const char *name)
{
	if (!y->acap)
		return NULL;
	const yanchor *a = anchor_slot(y, name);
	return a->name ? a : NULL;
}

/* ---- scalars ------------------------------------------------------------------------------ */

static bool all_digits(const char *s, const char *digits)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr(digits, *s))
			return false;
	return true;
}

static bool is_core_float(const char *s)
{
	static const char *const special[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
	const char *t = (*s == '-' || *s == '+') ? s + 1 : s;
	for (size_t i = 0; i < 6; i++)
		if (strcmp(t, special[i]) == 0 && (t == s || i < 3))
			return true;
	size_t int_digits = 0, frac_digits = 0;
	while (*t >= '0' && *t <= '9')
		t++, int_digits++;
	if (*t == '.') {
		t++;
		while (*t >= '0' && *t <= '9')
			t++, frac_digits++;
	}
	if (!int_digits && !frac_digits)
		return false;
	if (*t == 'e' || *t == 'E') {
		t++;
		if (*t == '-' || *t == '+')
			t++;
		if (!(*t >= '0' && *t <= '9'))
			return false;
		while (*t >= '0' && *t <= '9')
			t++;
	}
	return *t == 0;
}

/* YAML 1.2.2 §10.3.2, the core schema. */
static tlc_scalar_type resolve_plain(const char *s)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
	for (size_t i = 0; i < 5; i++)
		if (strcmp(s, nulls[i]) == 0)
			return TLC_SCALAR_NULL;
	for (size_t i = 0; i < 6; i++)
		if (strcmp(s, bools[i]) == 0)
			return TLC_SCALAR_BOOL;
	const char *t = (*s == '-' || *s == '+') ? s + 1 : s;
	if (all_digits(t, "0123456789"))
		return TLC_SCALAR_INT;
	if (strncmp(s, "0o", 2) == 0 && all_digits(s + 2, "01234567"))
		return TLC_SCALAR_INT;
	if (strncmp(s, "0x", 2) == 0 && all_digits(s + 2, "0123456789abcdefABCDEF"))
		return TLC_SCALAR_INT;
	return is_core_float(s) ? TLC_SCALAR_FLOAT : TLC_SCALAR_STR;
}

static tlc_scalar_style map_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return TLC_STYLE_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return TLC_STYLE_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return TLC_STYLE_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return TLC_STYLE_FOLDED;
	default: return TLC_STYLE_PLAIN;
	}
}

/* ---- tree building ------------------------------------------------------------------------ */

static int too_many_nodes(yparser *y, tlc_span at)
{
	tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL003", at,
				   "the document expands to more than %u nodes", (unsigned)TLC_MAX_NODES);
	tlc_diag_set_fix(g, "specs are small; an alias expanding this much is most likely an alias "
			    "bomb ('billion laughs')");
	return TLC_EINPUT;
}

static int frame_push_kid(yframe *f, tlc_node *kid)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		tlc_node **k = realloc(f->kids, cap * sizeof *k);
		if (!k)
			return TLC_ENOMEM;
		f->kids = k;
		f->cap = cap;
	}
	f->kids[f->n++] = kid;
	return 0;
}

/*
 * Attaches a finished node to the parent or makes it the root. `size` is its expanded subtree
 * size (for the parent's anchor bookkeeping); `add` is how many nodes it adds to the document
 * now (1 for a new node, whose children were counted as they came; the whole size for an alias).
 */
static int attach(yparser *y, tlc_node *node, size_t size, size_t add)
{
	if (add > TLC_MAX_NODES - y->total)
		return too_many_nodes(y, node->span);
	y->total += add;
	if (!y->depth) {
		y->root = node;
		return 0;
	}
	yframe *f = &y->stack[y->depth - 1];
	if (f->node->kind == TLC_NODE_MAP && f->n % 2 == 0 && node->kind != TLC_NODE_SCALAR) {
		tlc_diag_add(&y->ctx->diags, "TL017", node->span,
			     "a mapping key must be a plain string, not %s", tlc_node_kind_name(node));
		return TLC_EINPUT;
	}
	f->size += size;
	return frame_push_kid(f, node);
}

static tlc_node *new_node(yparser *y, tlc_node_kind kind, tlc_span span)
{
	tlc_node *n = tlc_arena_alloc(&y->ctx->arena, sizeof *n);
	if (n) {
		n->kind = kind;
		n->span = span;
	}
	return n;
}

static int check_tag(yparser *y, const yaml_char_t *tag, tlc_span span, bool *force_str)
{
	*force_str = false;
	if (!tag || strcmp((const char *)tag, "!") == 0)
		return 0;
	if (strcmp((const char *)tag, YAML_STR_TAG) == 0) {
		*force_str = true;
		return 0;
	}
	tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL017", span, "YAML tag '%s' is not supported",
				   (const char *)tag);
	tlc_diag_set_fix(g, "remove the tag; quote the value if it must be a string");
	return TLC_EINPUT;
}

static int on_scalar(yparser *y, yaml_event_t *e)
{
	tlc_span span = marks_span(y, e->start_mark, e->end_mark);
	bool force_str;
	int err = check_tag(y, e->data.scalar.tag, span, &force_str);
	if (err < 0)
		return err;
	if (e->data.scalar.length > TLC_MAX_SCALAR_LEN) {
		tlc_diag_add(&y->ctx->diags, "TL003", span, "a value is %zu bytes long; the limit is %u",
			     e->data.scalar.length, (unsigned)TLC_MAX_SCALAR_LEN);
		return TLC_EINPUT;
	}
	tlc_node *n = new_node(y, TLC_NODE_SCALAR, span);
	if (!n)
		return TLC_ENOMEM;
	n->len = e->data.scalar.length;
	n->str = tlc_arena_strndup(&y->ctx->arena, (const char *)e->data.scalar.value, n->len);
	if (!n->str)
		return TLC_ENOMEM;
	if (memchr(n->str, 0, n->len)) {
		tlc_diag_add(&y->ctx->diags, "TL002", span, "a value contains a NUL character");
		return TLC_EINPUT;
	}
	n->style = map_style(e->data.scalar.style);
	n->type = (n->style == TLC_STYLE_PLAIN && !force_str && e->data.scalar.plain_implicit)
			  ? resolve_plain(n->str)
			  : TLC_SCALAR_STR;
	if ((err = attach(y, n, 1, 1)) < 0)
		return err;
	if (e->data.scalar.anchor)
		return anchor_set(y, strdup((const char *)e->data.scalar.anchor), n, 1);
	return 0;
}

static int on_start(yparser *y, yaml_event_t *e, tlc_node_kind kind)
{
	const yaml_char_t *tag = kind == TLC_NODE_MAP ? e->data.mapping_start.tag
						      : e->data.sequence_start.tag;
	const yaml_char_t *anchor = kind == TLC_NODE_MAP ? e->data.mapping_start.anchor
							 : e->data.sequence_start.anchor;
	tlc_span span = marks_span(y, e->start_mark, e->end_mark);
	bool force_str;
	int err = check_tag(y, tag, span, &force_str);
	if (err < 0)
		return err;
	if (force_str) {
		tlc_diag_add(&y->ctx->diags, "TL017", span, "'!!str' cannot tag %s",
			     kind == TLC_NODE_MAP ? "a mapping" : "a sequence");
		return TLC_EINPUT;
	}
	if (y->depth >= TLC_MAX_DEPTH) {
		tlc_diag_add(&y->ctx->diags, "TL003", span, "nesting deeper than %d levels",
			     TLC_MAX_DEPTH);
		return TLC_EINPUT;
	}
	tlc_node *n = new_node(y, kind, span);
	if (!n)
		return TLC_ENOMEM;
	yframe *f = &y->stack[y->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->size = 1;
	if (anchor && !(f->anchor = strdup((const char *)anchor)))
		return TLC_ENOMEM;
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	const tlc_pair *x = a, *y = b;
	size_t n = x->key->len < y->key->len ? x->key->len : y->key->len;
	int c = memcmp(x->key->str, y->key->str, n);
	if (c)
		return c;
	if (x->key->len != y->key->len)
		return x->key->len < y->key->len ? -1 : 1;
	return x->key->span.start < y->key->span.start ? -1 : 1;
}

/* Duplicate keys: sort a copy by (key, position) and compare neighbours; O(n log n). */
static int check_duplicates(yparser *y, const tlc_node *m)
{
	if (m->n < 2)
		return 0;
	tlc_pair *v = malloc(m->n * sizeof *v);
	if (!v)
		return TLC_ENOMEM;
	memcpy(v, m->pairs, m->n * sizeof *v);
	qsort(v, m->n, sizeof *v, key_cmp);
	int err = 0;
	for (size_t i = 1; i < m->n; i++) {
		if (v[i].key->len != v[i - 1].key->len ||
		    memcmp(v[i].key->str, v[i - 1].key->str, v[i].key->len) != 0)
			continue;
		tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL012", v[i].key->span,
					   "duplicate key '%s'", v[i].key->str);
		tlc_diag_set_related(g, v[i - 1].key->span, "first given here");
		err = TLC_EINPUT;
	}
	free(v);
	return err;
}

static int finish_map(yparser *y, yframe *f)
{
	tlc_node *n = f->node;
	n->n = f->n / 2;
	n->pairs = tlc_arena_alloc(&y->ctx->arena, (n->n ? n->n : 1) * sizeof *n->pairs);
	if (!n->pairs)
		return TLC_ENOMEM;
	for (size_t i = 0; i < n->n; i++) {
		n->pairs[i].key = f->kids[2 * i];
		n->pairs[i].value = f->kids[2 * i + 1];
		if (n->pairs[i].key->type != TLC_SCALAR_STR && n->pairs[i].key->type != TLC_SCALAR_INT) {
			tlc_diag_add(&y->ctx->diags, "TL017", n->pairs[i].key->span,
				     "a mapping key must be a string, not %s",
				     tlc_node_kind_name(n->pairs[i].key));
			return TLC_EINPUT;
		}
	}
	return check_duplicates(y, n);
}

static int on_end(yparser *y, yaml_event_t *e)
{
	yframe *f = &y->stack[--y->depth];
	tlc_node *n = f->node;
	int err = 0;
	n->span.end = (uint32_t)mark_offset(y, e->end_mark);
	if (n->kind == TLC_NODE_MAP) {
		err = finish_map(y, f);
	} else {
		n->n = f->n;
		n->items = tlc_arena_alloc(&y->ctx->arena, (f->n ? f->n : 1) * sizeof *n->items);
		if (!n->items)
			err = TLC_ENOMEM;
		else if (f->n)
			memcpy(n->items, f->kids, f->n * sizeof *n->items);
	}
	size_t size = f->size;
	char *anchor = f->anchor;
	free(f->kids);
	memset(f, 0, sizeof *f);
	if (err < 0) {
		free(anchor);
		return err;
	}
	if ((err = attach(y, n, size, 1)) < 0) {
		free(anchor);
		return err;
	}
	return anchor ? anchor_set(y, anchor, n, size) : 0;
}

static int on_alias(yparser *y, yaml_event_t *e)
{
	tlc_span span = marks_span(y, e->start_mark, e->end_mark);
	const yanchor *a = anchor_get(y, (const char *)e->data.alias.anchor);
	if (!a) {
		tlc_diag_add(&y->ctx->diags, "TL001", span, "alias '*%s' names no anchor defined before it",
			     (const char *)e->data.alias.anchor);
		return TLC_EINPUT;
	}
	for (size_t i = 0; i < y->depth; i++)
		if (y->stack[i].node == a->node) {
			tlc_diag_add(&y->ctx->diags, "TL001", span, "alias '*%s' refers to a node that contains it",
				     (const char *)e->data.alias.anchor);
			return TLC_EINPUT;
		}
	if (a->size > TLC_MAX_NODES - y->total)
		return too_many_nodes(y, span); /* point at the alias, not at the anchor */
	return attach(y, a->node, a->size, a->size);
}

/* ---- driver ------------------------------------------------------------------------------- */

/*
 * TL006: libyaml follows YAML 1.1, where U+0085, U+2028 and U+2029 are line breaks; YAML 1.2,
 * editors and our positions treat them as ordinary characters. In a quoted or plain value the
 * reader folds them into a space, in a comment they end it. Warn at each (the first 8).
 */
static void unicode_breaks(yparser *y)
{
	const char *s = y->src->text;
	size_t n = y->src->len;
	int found = 0;
	for (size_t i = 0; i + 1 < n && found < 8; i++) {
		size_t w = !memcmp(s + i, "\xC2\x85", 2) ? 2
			   : i + 2 < n && (!memcmp(s + i, "\xE2\x80\xA8", 3) ||
					   !memcmp(s + i, "\xE2\x80\xA9", 3)) ? 3
			   : 0;
		if (!w)
			continue;
		const char *name = w == 2 ? "U+0085 (next line)"
				   : s[i + 2] == '\xA8' ? "U+2028 (line separator)"
							: "U+2029 (paragraph separator)";
		const char *esc = w == 2 ? "\\N" : s[i + 2] == '\xA8' ? "\\L" : "\\P";
		tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL006", tlc_span_make(y->file, i, i + w),
					   "%s: the YAML reader (YAML 1.1) breaks the line here, though "
					   "editors show one line; a value gets a space instead",
					   name);
		if (g)
			tlc_diag_set_fix(g, "delete it, or write it as the escape %s inside a "
					    "double-quoted string", esc);
		found++;
		i += w - 1;
	}
}

/* ---- syntax errors in plain words -------------------------------------------------------- */

/* Byte offset where the line holding `off` starts. */
static size_t line_start(const tlc_source *src, size_t off)
{
	while (off > 0 && src->text[off - 1] != '\n')
		off--;
	return off;
}

/* A tab in the indentation of the line holding `off` (libyaml's "cannot start any token"). */
static bool tab_indent(yparser *y, size_t off)
{
	const char *t = y->src->text;
	size_t i = line_start(y->src, off);
	while (i < y->src->len && t[i] == ' ')
		i++;
	if (i >= y->src->len || t[i] != '\t')
		return false;
	tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL001", tlc_span_make(y->file, i, i + 1),
				   "a tab indents this line: YAML indents with spaces only");
	tlc_diag_set_fix(g, "replace the tab with spaces (as many as the lines around it use)");
	return true;
}

/*
 * The opening '"' of a quoted text left open on the line before `ls` (an odd number of
 * unescaped quotes there, the last one starting a value after ': ' or '- '), or len: the next
 * line's quote then closed it and broke that line.
 */
static size_t open_quote_above(const tlc_source *src, size_t ls)
{
	size_t prev, i, last = src->len;
	int count = 0;
	if (ls == 0)
		return src->len;
	prev = line_start(src, ls - 1);
	for (i = prev; i + 1 < ls; i++)
		if (src->text[i] == '"' && (i == prev || src->text[i - 1] != '\\')) {
			count++;
			last = i;
		}
	if (count % 2 == 0 || last < prev + 2 || src->text[last - 1] != ' ' ||
	    (src->text[last - 2] != ':' && src->text[last - 2] != '-'))
		return src->len; /* balanced, or a '"' inside a plain text ("it"s"): no open quote */
	return last;
}

/* A quoted text that never ends: said at its opening quote, where the cause is. */
static bool open_quote(yparser *y, size_t off)
{
	size_t co = mark_offset(y, y->p.context_mark);
	bool quoted = y->p.context && strcmp(y->p.context, "while scanning a quoted scalar") == 0;
	bool eof = quoted && y->p.problem && strstr(y->p.problem, "end of stream");
	if (quoted && !eof)
		return false; /* a bad escape inside the quotes: libyaml's words say it */
	if (!eof)
		co = open_quote_above(y->src, line_start(y->src, off));
	if (co >= y->src->len)
		return false;
	char q = y->src->text[co];
	tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL001", tlc_span_make(y->file, co, co + 1),
				   "this quoted text has no closing %c: it runs on %s", q,
				   eof ? "to the end of the file" : "into the next line");
	tlc_diag_set_fix(g, "end the text with %c on this line", q);
	if (off != co)
		tlc_diag_set_related(g, tlc_span_make(y->file, off, off), "%s",
				     eof ? "the file ends here" : "the YAML reader stops here");
	return true;
}

/* Offset of the bracket closing the one at t[i] on its line, or len when it does not close. */
static size_t flow_close(const char *t, size_t i, size_t len)
{
	int depth = 0;
	for (; i < len && t[i] != '\n'; i++) {
		if (t[i] == '{' || t[i] == '[')
			depth++;
		else if ((t[i] == '}' || t[i] == ']') && --depth == 0)
			return i;
	}
	return len;
}

/*
 * A value starting with an unquoted '{' or '[' ("text: {days} days left") is a YAML flow
 * mapping or list, and the rest of the line then breaks the syntax. Finds such a value on the
 * line of the error and suggests it quoted.
 */
static bool flow_value(yparser *y, size_t off)
{
	const char *t = y->src->text;
	size_t ls = line_start(y->src, off), i = ls, e;
	while (i < y->src->len && t[i] == ' ')
		i++;
	if (i + 1 < y->src->len && t[i] == '-' && t[i + 1] == ' ')
		i += 2;
	while (i < y->src->len && t[i] != '\n' && t[i] != ':' && t[i] != '{' && t[i] != '[')
		i++;
	if (i + 1 >= y->src->len || t[i] != ':')
		return false; /* only a key's value: "- {at: ...} x" is a broken item, not a text */
	for (i++; i < y->src->len && t[i] == ' '; i++)
		;
	if (i >= off || i >= y->src->len || (t[i] != '{' && t[i] != '['))
		return false;
	if (flow_close(t, i, y->src->len) >= off)
		return false; /* the error is inside the braces: a broken mapping, not text */
	for (e = i; e < y->src->len && t[e] != '\n' && t[e] != '\r'; e++)
		;
	while (e > i && t[e - 1] == ' ')
		e--;
	tlc_buf b = TLC_BUF_INIT;
	for (size_t k = i; k < e; k++)
		tlc_buf_printf(&b, "%s%c", t[k] == '"' || t[k] == '\\' ? "\\" : "", t[k]);
	tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL001", tlc_span_make(y->file, i, e),
				   "a value starting with '%c' is read as a YAML %s, and the rest of the "
				   "line does not fit it", t[i], t[i] == '{' ? "mapping" : "list");
	tlc_diag_set_fix(g, "quote the text: \"%s\"", b.ptr ? b.ptr : "");
	tlc_buf_release(&b);
	return true;
}

static int syntax_error(yparser *y)
{
	/* A reader error (bad UTF-8, a control character) has a byte offset and no mark. */
	size_t off = y->p.error == YAML_READER_ERROR
			     ? (y->p.problem_offset < y->src->len ? y->p.problem_offset : y->src->len)
			     : mark_offset(y, y->p.problem_mark);
	const char *problem = y->p.problem ? y->p.problem : "invalid YAML";
	tlc_diag *g;
	if (y->p.error != YAML_READER_ERROR &&
	    (((strstr(problem, "cannot start any token") || strstr(problem, "tab")) &&
	      tab_indent(y, off)) ||
	     open_quote(y, off) || flow_value(y, off)))
		return TLC_EINPUT;
	if (y->p.context) {
		g = tlc_diag_add(&y->ctx->diags, "TL001", tlc_span_make(y->file, off, off), "%s %s",
				 problem, y->p.context);
		size_t co = mark_offset(y, y->p.context_mark);
		if (co != off)
			tlc_diag_set_related(g, tlc_span_make(y->file, co, co), "%s", y->p.context);
	} else {
		g = tlc_diag_add(&y->ctx->diags, "TL001", tlc_span_make(y->file, off, off), "%s", problem);
	}
	(void)g;
	return TLC_EINPUT;
}

static int on_event(yparser *y, yaml_event_t *e, bool *done)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++y->docs > 1) {
			tlc_diag *g = tlc_diag_add(&y->ctx->diags, "TL004",
						   marks_span(y, e->start_mark, e->end_mark),
						   "a spec file holds one YAML document; this is the second");
			tlc_diag_set_fix(g, "put each spec in its own file");
			return TLC_EINPUT;
		}
		return 0;
	case YAML_SCALAR_EVENT: return on_scalar(y, e);
	case YAML_SEQUENCE_START_EVENT: return on_start(y, e, TLC_NODE_SEQ);
	case YAML_MAPPING_START_EVENT: return on_start(y, e, TLC_NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: return on_end(y, e);
	case YAML_ALIAS_EVENT: return on_alias(y, e);
	case YAML_STREAM_END_EVENT: *done = true; return 0;
	default: return 0;
	}
}

static void yparser_release(yparser *y)
{
	for (size_t i = 0; i < y->depth; i++) {
		free(y->stack[i].kids);
		free(y->stack[i].anchor);
	}
	for (size_t i = 0; i < y->acap; i++)
		free(y->anchors[i].name);
	free(y->anchors);
	yaml_parser_delete(&y->p);
}

int tlc_parse_yaml(tlc_ctx *ctx, uint32_t file, tlc_node **out)
{
	yparser *y = calloc(1, sizeof *y);
	if (!y)
		return TLC_ENOMEM;
	int err = 0;
	bool done = false;
	y->ctx = ctx;
	y->file = file;
	y->src = tlc_sources_get(&ctx->sources, file);
	if (!yaml_parser_initialize(&y->p)) {
		free(y);
		return TLC_ENOMEM;
	}
	/* A UTF-8 byte order mark may start the stream (YAML 1.2, 5.2), as it may start JSON: the
	 * parser reads after it (with the encoding given, libyaml would take it for content), and
	 * mark_offset()'s cursor starts there, so every position stays a byte of the file. */
	size_t bom = y->src->len >= 3 && memcmp(y->src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	y->coff = bom;
	yaml_parser_set_input_string(&y->p, (const unsigned char *)y->src->text + bom, y->src->len - bom);
	yaml_parser_set_encoding(&y->p, YAML_UTF8_ENCODING);
	unicode_breaks(y);
	while (!done && err == 0) {
		yaml_event_t e;
		if (!yaml_parser_parse(&y->p, &e)) {
			err = syntax_error(y);
			break;
		}
		err = on_event(y, &e, &done);
		yaml_event_delete(&e);
	}
	if (err == 0)
		*out = y->root; /* NULL for a stream with no document */
	yparser_release(y);
	free(y);
	return err;
}
