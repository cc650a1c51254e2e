/*
 * validate.c — checks a node tree's structure against the key table (schema.c): unknown keys
 * (with "did you mean"), wrong types, required and conflicting keys, enums, integer ranges.
 * Values that need the time module, zones, locales or templates are checked in load.c.
 * Every problem is a diagnostic; validation continues past errors to report them all.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "spec/validate.h"

/* Levenshtein distance, bounded: returns limit + 1 when farther. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	size_t row[64];
	if (lb >= 64 || la >= 64)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = diag + cost;
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

const char *tlc_suggest(const char *word, size_t len, const char *const *cands, size_t n)
{
	size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3, best = limit + 1;
	const char *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t d = edit_distance(word, len, cands[i], strlen(cands[i]), limit);
		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return pick;
}

typedef struct vstate {
	tlc_ctx *ctx;
	int errors;
} vstate;

static void validate_node(vstate *v, const tlc_node *n, const tlc_type *t);

static void wrong_type(vstate *v, const tlc_node *n, const tlc_type *t)
{
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL011", n->span, "expected %s, found %s",
				   tlc_type_expectation(t), tlc_node_kind_name(n));
	if (n->kind == TLC_NODE_SCALAR && t->kind != TLC_V_INT && t->kind != TLC_V_NUMBER &&
	    t->kind != TLC_V_BOOL && (n->type == TLC_SCALAR_INT || n->type == TLC_SCALAR_FLOAT ||
				      n->type == TLC_SCALAR_BOOL))
		tlc_diag_set_fix(g, "quote it to make it a string: \"%s\"", n->str);
	v->errors++;
}

static const char *key_name_at(const void *keys, size_t i)
{
	return ((const tlc_keydef *)keys)[i].name;
}

static void unknown_key(vstate *v, const tlc_node *key, const tlc_type *t)
{
	const char *cands[128];
	size_t n = 0;
	for (size_t i = 0; i < t->nkeys && n < 128; i++)
		cands[n++] = key_name_at(t->keys, i);
	const char *s = tlc_suggest(key->str, key->len, cands, n);
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL010", key->span, "unknown key '%s' in %s",
				   key->str, t->name);
	if (s) {
		tlc_diag_set_fix(g, "did you mean '%s'?", s);
	} else if (t == &tlc_type_widget_spec &&
		   tlc_type_key(&tlc_type_activity_spec, key->str, key->len)) {
		tlc_diag_set_fix(g, "'%s' belongs to Live Activity specs (with 'live-activity:')", key->str);
	} else if (t == &tlc_type_activity_spec &&
		   tlc_type_key(&tlc_type_widget_spec, key->str, key->len)) {
		tlc_diag_set_fix(g, "'%s' belongs to widget specs (with 'widget:')", key->str);
	}
	v->errors++;
}

static void check_groups(vstate *v, const tlc_node *n, const tlc_type *t)
{
	for (const tlc_keygroup *g = t->groups; g && g->names; g++) {
		const tlc_node *first = NULL, *firstkey = NULL;
		size_t count = 0;
		for (size_t i = 0; i < n->n; i++)
			for (const char *const *nm = g->names; *nm; nm++)
				if (strcmp(n->pairs[i].key->str, *nm) == 0) {
					if (count++ == 0) {
						first = n->pairs[i].value;
						firstkey = n->pairs[i].key;
					} else {
						tlc_diag *d = tlc_diag_add(
							&v->ctx->diags, "TL016", n->pairs[i].key->span,
							"'%s' cannot be used together with '%s'",
							n->pairs[i].key->str, firstkey->str);
						tlc_diag_set_related(d, firstkey->span, "'%s' given here",
								     firstkey->str);
						v->errors++;
					}
				}
		(void)first;
		if (g->required && count == 0) {
			tlc_buf b = TLC_BUF_INIT;
			for (const char *const *nm = g->names; *nm; nm++)
				tlc_buf_printf(&b, "%s'%s'", nm == g->names ? "" : nm[1] ? ", " : " or ", *nm);
			tlc_diag_add(&v->ctx->diags, "TL013", tlc_span_make(n->span.file, n->span.start, n->span.start),
				     "%s needs one of %s", t->name, b.ptr);
			tlc_buf_release(&b);
			v->errors++;
		}
	}
}

/*
 * "text: {days}" is a YAML mapping {days: null}, not the text "{days}": a flow mapping of one
 * key without a value, where the key is unknown, is said to be a text needing quotes.
 */
static bool braced_text(vstate *v, const tlc_node *n)
{
	const tlc_source *src = tlc_sources_get(&v->ctx->sources, n->span.file);
	const tlc_node *val = n->n == 1 ? n->pairs[0].value : NULL;
	if (!src || !val || val->kind != TLC_NODE_SCALAR || val->type != TLC_SCALAR_NULL ||
	    n->span.start >= src->len || src->text[n->span.start] != '{' || n->span.end > src->len)
		return false;
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL011", n->span,
				   "'%.*s' is read as a YAML mapping, not a text",
				   (int)(n->span.end - n->span.start), src->text + n->span.start);
	tlc_diag_set_fix(g, "quote the text: \"%.*s\"", (int)(n->span.end - n->span.start),
			 src->text + n->span.start);
	v->errors++;
	return true;
}

static void validate_object(vstate *v, const tlc_node *n, const tlc_type *t)
{
	if (n->kind != TLC_NODE_MAP) {
		wrong_type(v, n, t);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *k = n->pairs[i].key;
		const tlc_keydef *kd = tlc_type_key(t, k->str, k->len);
		if (!kd && !braced_text(v, n))
			unknown_key(v, k, t);
		else if (kd)
			validate_node(v, n->pairs[i].value, kd->type);
	}
	for (size_t i = 0; i < t->nkeys; i++)
		if ((t->keys[i].flags & TLC_KEY_REQUIRED) && !tlc_node_get(n, t->keys[i].name)) {
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL013",
						   tlc_span_make(n->span.file, n->span.start, n->span.start),
						   "%s is missing the required key '%s'", t->name,
						   t->keys[i].name);
			if (t->keys[i].example)
				tlc_diag_set_fix(g, "add '%s: %s'", t->keys[i].name, t->keys[i].example);
			v->errors++;
		}
	check_groups(v, n, t);
}

static bool is_name(const char *s, size_t n)
{
	if (!n || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static void validate_map(vstate *v, const tlc_node *n, const tlc_type *t)
{
	if (n->kind != TLC_NODE_MAP) {
		wrong_type(v, n, t);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *k = n->pairs[i].key;
		if (t->enums) {
			bool ok = false;
			size_t ne = 0;
			for (; t->enums[ne]; ne++)
				ok = ok || strcmp(t->enums[ne], k->str) == 0;
			if (!ok && braced_text(v, n))
				return;
			if (!ok) {
				const char *s = tlc_suggest(k->str, k->len, t->enums, ne);
				tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL010", k->span,
							   "unknown key '%s' in %s", k->str, t->name);
				if (s)
					tlc_diag_set_fix(g, "did you mean '%s'?", s);
				v->errors++;
				continue;
			}
		} else if (!is_name(k->str, k->len)) {
			tlc_diag_add(&v->ctx->diags, "TL014", k->span,
				     "'%s' is not a valid name; use letters, digits, '_', '-' and '.', "
				     "starting with a letter", k->str);
			v->errors++;
			continue;
		}
		validate_node(v, n->pairs[i].value, t->elem);
	}
}

static void validate_enum(vstate *v, const tlc_node *n, const tlc_type *t)
{
	size_t ne = 0;
	for (; t->enums[ne]; ne++)
		if (strcmp(t->enums[ne], n->str) == 0)
			return;
	tlc_buf b = TLC_BUF_INIT;
	for (size_t i = 0; i < ne; i++)
		tlc_buf_printf(&b, "%s'%s'", i == 0 ? "" : i + 1 == ne ? " or " : ", ", t->enums[i]);
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL014", n->span, "unknown %s '%s'; expected %s",
				   t->name, n->str, b.ptr);
	const char *s = tlc_suggest(n->str, n->len, t->enums, ne);
	if (s)
		tlc_diag_set_fix(g, "did you mean '%s'?", s);
	tlc_buf_release(&b);
	v->errors++;
}

int tlc_scalar_int(const tlc_node *n, int64_t *out)
{
	if (n->kind != TLC_NODE_SCALAR || n->type != TLC_SCALAR_INT)
		return TLC_EINPUT;
	errno = 0;
	char *end;
	int base = (n->len > 2 && n->str[0] == '0' && (n->str[1] == 'x' || n->str[1] == 'o')) ? 16 : 10;
	const char *s = n->str;
	if (base == 16 && n->str[1] == 'o') {
		base = 8;
		s += 2;
	}
	long long v = strtoll(s, &end, base);
	if (errno == ERANGE || *end)
		return TLC_ERANGE;
	*out = v;
	return 0;
}

int tlc_scalar_number(const tlc_node *n, double *out)
{
	int64_t iv;
	if (n->kind != TLC_NODE_SCALAR)
		return TLC_EINPUT;
	if (n->type == TLC_SCALAR_INT) {
		if (tlc_scalar_int(n, &iv) < 0)
			return TLC_ERANGE;
		*out = (double)iv;
		return 0;
	}
	if (n->type != TLC_SCALAR_FLOAT)
		return TLC_EINPUT;
	const char *s = n->str, *t = (*s == '-' || *s == '+') ? s + 1 : s;
	if (t[0] == '.' && (t[1] == 'i' || t[1] == 'I' || t[1] == 'n' || t[1] == 'N'))
		return TLC_ERANGE; /* .inf, .nan (strtod would read them as 0) */
	char *end;
	double d = strtod(s, &end);
	if (*end || !isfinite(d))
		return TLC_ERANGE;
	*out = d;
	return 0;
}

static void validate_number(vstate *v, const tlc_node *n, const tlc_type *t)
{
	int64_t iv;
	double d;
	if (n->type == TLC_SCALAR_FLOAT && t->kind == TLC_V_NUMBER) {
		if (tlc_scalar_number(n, &d) < 0) {
			tlc_diag_add(&v->ctx->diags, "TL015", n->span, "%s is not a finite number", n->str);
			v->errors++;
			return;
		}
		if (!(d >= (double)t->min && d <= (double)t->max))
			goto range;
		return;
	}
	if (n->type != TLC_SCALAR_INT) {
		wrong_type(v, n, t);
		return;
	}
	if (tlc_scalar_int(n, &iv) < 0 || iv < t->min || iv > t->max)
		goto range;
	return;
range:
	tlc_diag_add(&v->ctx->diags, "TL015", n->span, "%s is out of range; expected %lld to %lld",
		     n->str, (long long)t->min, (long long)t->max);
	v->errors++;
}

static void validate_scalar(vstate *v, const tlc_node *n, const tlc_type *t)
{
	if (n->kind != TLC_NODE_SCALAR) {
		wrong_type(v, n, t);
		return;
	}
	switch (t->kind) {
	case TLC_V_INT:
	case TLC_V_NUMBER:
		validate_number(v, n, t);
		return;
	case TLC_V_BOOL:
		if (n->type != TLC_SCALAR_BOOL)
			wrong_type(v, n, t);
		return;
	case TLC_V_ANY_SCALAR:
		return;
	case TLC_V_SDURATION:
	case TLC_V_DURATION:
		/* '0' is a duration too; units are checked by the time module */
		if (n->type != TLC_SCALAR_STR && n->type != TLC_SCALAR_INT)
			wrong_type(v, n, t);
		return;
	default:
		break;
	}
	if (n->type != TLC_SCALAR_STR) {
		wrong_type(v, n, t);
		return;
	}
	if (t->kind == TLC_V_ENUM)
		validate_enum(v, n, t);
	else if (t->kind == TLC_V_NAME && !is_name(n->str, n->len)) {
		tlc_diag_add(&v->ctx->diags, "TL014", n->span,
			     "'%s' is not a valid %s; use letters, digits, '_', '-' and '.', starting "
			     "with a letter", n->str, t->name);
		v->errors++;
	}
}

static void validate_node(vstate *v, const tlc_node *n, const tlc_type *t)
{
	switch (t->kind) {
	case TLC_V_OBJECT:
		validate_object(v, n, t);
		return;
	case TLC_V_MAP:
		validate_map(v, n, t);
		return;
	case TLC_V_LIST:
		if (n->kind != TLC_NODE_SEQ) {
			wrong_type(v, n, t);
			return;
		}
		for (size_t i = 0; i < n->n; i++)
			validate_node(v, n->items[i], t->elem);
		return;
	case TLC_V_EITHER:
		validate_node(v, n, n->kind == TLC_NODE_SCALAR ? t->elem : t->alt);
		return;
	default:
		validate_scalar(v, n, t);
		return;
	}
}

int tlc_validate(tlc_ctx *ctx, const tlc_node *root, const tlc_type *t)
{
	vstate v = {ctx, 0};
	validate_node(&v, root, t);
	return v.errors ? TLC_EINPUT : 0;
}
