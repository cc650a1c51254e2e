/* Node helpers and the map from positions inside a scalar's value to its source; see node.h. */
#include <string.h>
#include "front/node.h"
#include "front/parse.h"

const char *tlc_node_kind_name(const tlc_node *n)
{
	if (n->kind == TLC_NODE_MAP)
		return "a mapping";
	if (n->kind == TLC_NODE_SEQ)
		return "a sequence";
	switch (n->type) {
	case TLC_SCALAR_INT: return "an integer";
	case TLC_SCALAR_FLOAT: return "a number";
	case TLC_SCALAR_BOOL: return "a boolean";
	case TLC_SCALAR_NULL: return "null";
	default: return "a string";
	}
}

tlc_node *tlc_node_get(const tlc_node *m, const char *key)
{
	if (!m || m->kind != TLC_NODE_MAP)
		return NULL;
	size_t kl = strlen(key);
	for (size_t i = 0; i < m->n; i++) {
		const tlc_node *k = m->pairs[i].key;
		if (k->len == kl && memcmp(k->str, key, kl) == 0)
			return m->pairs[i].value;
	}
	return NULL;
}

size_t tlc_node_value_offset(const tlc_source *src, const tlc_node *n, size_t voff)
{
	if (!src || n->kind != TLC_NODE_SCALAR || n->span.end <= n->span.start ||
	    n->span.end > src->len)
		return n->span.start;
	const char *raw = src->text + n->span.start;
	size_t rawlen = n->span.end - n->span.start, r;
	if (voff > n->len)
		voff = n->len;
	if (n->style == TLC_STYLE_JSON_STRING)
		r = tlc_json__string_offset(raw, rawlen, voff);
	else
		r = tlc_yaml__value_offset(raw, rawlen, (int)n->style, n->str, n->len, voff);
	return r == (size_t)-1 ? n->span.start : n->span.start + r;
}

tlc_span tlc_node_subspan(const tlc_source *src, const tlc_node *n, size_t voff, size_t vlen)
{
	size_t a = tlc_node_value_offset(src, n, voff);
	size_t b = tlc_node_value_offset(src, n, voff + vlen);
	if (b < a)
		b = a;
	return tlc_span_make(n->span.file, a, b);
}
