/* Unit tests for the strict JSON reader (compiler/front/parse_json.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "base/ctx.h"
#include "front/parse.h"
#include "timelinec/buf.h"
#include "timelinec/common.h"

static tlc_ctx ctx;
static uint32_t fid;
static tlc_node sentinel_node;
#define SENTINEL (&sentinel_node)

static void setup(void) { tlc_ctx_init(&ctx); }
static void teardown(void) { tlc_ctx_release(&ctx); }

TestSuite(parse_json, .init = setup, .fini = teardown, .timeout = 20);

/* Registers text (len bytes, may hold NULs) as "t.json" and parses it. */
static int parse_n(const char *text, size_t len, tlc_node **out)
{
	char *buf = malloc(len + 1);
	cr_assert(buf);
	memcpy(buf, text, len);
	buf[len] = '\0';
	fid = tlc_sources_add(&ctx.sources, "t.json", buf, len);
	cr_assert(fid);
	return tlc_parse_json(&ctx, fid, out);
}

static tlc_node *parse_ok(const char *text)
{
	tlc_node *root = SENTINEL;
	int rc = parse_n(text, strlen(text), &root);
	if (rc != 0 && ctx.diags.n)
		cr_log_error("unexpected diagnostic: %s", ctx.diags.v[0].message);
	cr_assert_eq(rc, 0, "parse of <%s> returned %d", text, rc);
	cr_assert_eq(ctx.diags.n, 0);
	cr_assert(root && root != SENTINEL);
	return root;
}

static const tlc_source *src(void) { return tlc_sources_get(&ctx.sources, fid); }

static void linecol(size_t off, unsigned *line, unsigned *col)
{
	tlc_source_linecol(src(), off, line, col);
}

/* The source text under a span, NUL-terminated (static buffer). */
static const char *span_text(tlc_span sp)
{
	static char buf[256];
	size_t n = sp.end - sp.start;
	cr_assert_eq(sp.file, fid);
	cr_assert(sp.end >= sp.start && sp.end <= src()->len);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, src()->text + sp.start, n);
	buf[n] = '\0';
	return buf;
}

static void assert_wording(const char *msg)
{
	size_t n = strlen(msg);
	cr_assert(n > 0);
	cr_assert(!(msg[0] >= 'A' && msg[0] <= 'Z'), "message starts uppercase: %s", msg);
	cr_assert_neq(msg[n - 1], '.', "message ends with a period: %s", msg);
	cr_assert_null(strchr(msg, '\n'), "message has several lines: %s", msg);
}

/* Parses text and checks exactly one diagnostic: rule, line:col of its span, message. */
static const tlc_diag *expect_error_n(const char *text, size_t len, const char *rule,
				      unsigned line, unsigned col, const char *msg)
{
	tlc_node *root = SENTINEL;
	int rc = parse_n(text, len, &root);
	cr_assert_eq(rc, TLC_EINPUT, "rc %d for <%s>", rc, text);
	cr_assert_eq(root, SENTINEL, "output written on failure");
	cr_assert_eq(ctx.diags.n, 1, "%zu diagnostics for <%s>", ctx.diags.n, text);
	const tlc_diag *g = &ctx.diags.v[0];
	unsigned l, c;
	linecol(g->span.start, &l, &c);
	cr_assert_str_eq(g->rule, rule, "<%s>: %s", text, g->message);
	cr_assert_str_eq(g->message, msg);
	cr_assert_eq(l, line, "<%s>: line %u, expected %u (%s)", text, l, line, g->message);
	cr_assert_eq(c, col, "<%s>: col %u, expected %u (%s)", text, c, col, g->message);
	cr_assert_eq(g->span.file, fid);
	assert_wording(g->message);
	return g;
}

static const tlc_diag *expect_error(const char *text, const char *rule, unsigned line,
				    unsigned col, const char *msg)
{
	return expect_error_n(text, strlen(text), rule, line, col, msg);
}

static void assert_scalar(const tlc_node *n, tlc_scalar_type type, const char *str)
{
	cr_assert_eq(n->kind, TLC_NODE_SCALAR);
	cr_assert_eq(n->type, type, "type %d, expected %d for '%s'", n->type, type, str);
	cr_assert_eq(n->len, strlen(str));
	cr_assert_eq(memcmp(n->str, str, n->len), 0, "value '%s', expected '%s'", n->str, str);
	cr_assert_eq(n->str[n->len], '\0');
}

/* ---------------------------------------------------------------------------------------- */
/* accepted input                                                                            */

Test(parse_json, scalars_keep_their_type_and_lexeme)
{
	static const struct {
		const char *text;
		tlc_scalar_type type;
		const char *str;
	} cases[] = {
		{"0", TLC_SCALAR_INT, "0"},
		{"-0", TLC_SCALAR_INT, "-0"},
		{"42", TLC_SCALAR_INT, "42"},
		{"-17", TLC_SCALAR_INT, "-17"},
		{"12345678901234567890123", TLC_SCALAR_INT, "12345678901234567890123"},
		{"1.5", TLC_SCALAR_FLOAT, "1.5"},
		{"-0.0", TLC_SCALAR_FLOAT, "-0.0"},
		{"1e10", TLC_SCALAR_FLOAT, "1e10"},
		{"1E+2", TLC_SCALAR_FLOAT, "1E+2"},
		{"-1.25e-3", TLC_SCALAR_FLOAT, "-1.25e-3"},
		{"true", TLC_SCALAR_BOOL, "true"},
		{"false", TLC_SCALAR_BOOL, "false"},
		{"null", TLC_SCALAR_NULL, "null"},
		{"\"hi\"", TLC_SCALAR_STR, "hi"},
		{"\"\"", TLC_SCALAR_STR, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_ctx_release(&ctx);
		tlc_ctx_init(&ctx);
		tlc_node *n = parse_ok(cases[i].text);
		assert_scalar(n, cases[i].type, cases[i].str);
		cr_assert_str_eq(span_text(n->span), cases[i].text);
		cr_assert_eq(n->style, cases[i].type == TLC_SCALAR_STR ? TLC_STYLE_JSON_STRING
								      : TLC_STYLE_PLAIN);
	}
}

Test(parse_json, tree_shape_and_spans)
{
	const char *text = "{\n  \"title\": \"Launch\",\n  \"tags\": [1, 2.5, true, null],\n"
			   "  \"empty\": {},\n  \"none\": []\n}\n";
	tlc_node *m = parse_ok(text);
	cr_assert_eq(m->kind, TLC_NODE_MAP);
	cr_assert_eq(m->n, 4);
	cr_assert_eq(m->span.start, 0);
	cr_assert_eq(m->span.end, strlen(text) - 1, "map span ends after '}'");
	cr_assert_str_eq(span_text(m->pairs[0].key->span), "\"title\"");
	assert_scalar(m->pairs[0].key, TLC_SCALAR_STR, "title");
	assert_scalar(m->pairs[0].value, TLC_SCALAR_STR, "Launch");
	cr_assert_str_eq(span_text(m->pairs[0].value->span), "\"Launch\"");
	unsigned l, c;
	linecol(m->pairs[0].value->span.start, &l, &c);
	cr_assert(l == 2 && c == 12);

	tlc_node *tags = m->pairs[1].value;
	cr_assert_eq(tags->kind, TLC_NODE_SEQ);
	cr_assert_str_eq(span_text(tags->span), "[1, 2.5, true, null]");
	cr_assert_eq(tags->n, 4);
	assert_scalar(tags->items[0], TLC_SCALAR_INT, "1");
	assert_scalar(tags->items[1], TLC_SCALAR_FLOAT, "2.5");
	assert_scalar(tags->items[2], TLC_SCALAR_BOOL, "true");
	assert_scalar(tags->items[3], TLC_SCALAR_NULL, "null");
	cr_assert_str_eq(span_text(tags->items[1]->span), "2.5");
	cr_assert_str_eq(span_text(tags->items[3]->span), "null");

	tlc_node *e = m->pairs[2].value, *s = m->pairs[3].value;
	cr_assert(e->kind == TLC_NODE_MAP && e->n == 0);
	cr_assert_str_eq(span_text(e->span), "{}");
	cr_assert(s->kind == TLC_NODE_SEQ && s->n == 0);
	cr_assert_str_eq(span_text(s->span), "[]");
}

Test(parse_json, top_level_may_be_any_value)
{
	tlc_node *n = parse_ok(" [ [ ] , { \"a\" : [ ] } ] ");
	cr_assert_eq(n->kind, TLC_NODE_SEQ);
	cr_assert_eq(n->n, 2);
	cr_assert_str_eq(span_text(n->span), "[ [ ] , { \"a\" : [ ] } ]");
	cr_assert_str_eq(span_text(n->items[1]->span), "{ \"a\" : [ ] }");
}

Test(parse_json, all_four_whitespace_characters)
{
	tlc_node *n = parse_ok("\r\n\t {\t\"a\"\r\n:\n1\t}\r\n ");
	cr_assert_eq(n->n, 1);
	assert_scalar(n->pairs[0].value, TLC_SCALAR_INT, "1");
}

Test(parse_json, simple_escapes)
{
	tlc_node *n = parse_ok("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"");
	assert_scalar(n, TLC_SCALAR_STR, "q\" b\\ s/ \b\f\n\r\t");
}

Test(parse_json, unicode_escapes_and_raw_utf8)
{
	tlc_node *n = parse_ok("[\"\\u00e9\\u00E9\", \"\\u20ac\", \"\\u0041\", \"caf\xC3\xA9 \xE2\x82\xAC\"]");
	assert_scalar(n->items[0], TLC_SCALAR_STR, "\xC3\xA9\xC3\xA9");
	assert_scalar(n->items[1], TLC_SCALAR_STR, "\xE2\x82\xAC");
	assert_scalar(n->items[2], TLC_SCALAR_STR, "A");
	assert_scalar(n->items[3], TLC_SCALAR_STR, "caf\xC3\xA9 \xE2\x82\xAC");
}

Test(parse_json, surrogate_pair_is_one_code_point)
{
	tlc_node *n = parse_ok("{\"icon\": \"\\ud83d\\ude80 go\", \"max\": \"\\uDBFF\\uDFFF\"}");
	assert_scalar(n->pairs[0].value, TLC_SCALAR_STR, "\xF0\x9F\x9A\x80 go");
	assert_scalar(n->pairs[1].value, TLC_SCALAR_STR, "\xF4\x8F\xBF\xBF");
	cr_assert_str_eq(span_text(n->pairs[0].value->span), "\"\\ud83d\\ude80 go\"");
}

Test(parse_json, bom_is_skipped)
{
	tlc_node *n = parse_ok("\xEF\xBB\xBF{\"a\": 1}");
	cr_assert_eq(n->kind, TLC_NODE_MAP);
	cr_assert_eq(n->span.start, 3);
	cr_assert_str_eq(span_text(n->span), "{\"a\": 1}");
	unsigned l, c;
	linecol(n->pairs[0].key->span.start, &l, &c);
	cr_assert(l == 1 && c == 2, "key at %u:%u", l, c); /* editors show no BOM: columns start after it */
}

Test(parse_json, bom_only_in_front)
{
	expect_error("{\"a\": \xEF\xBB\xBF 1}", "TL001", 1, 7,
		     "expected a value, found U+FEFF");
}

Test(parse_json, depth_limit_is_inclusive)
{
	char buf[2 * TLC_MAX_DEPTH + 1];
	memset(buf, '[', TLC_MAX_DEPTH);
	memset(buf + TLC_MAX_DEPTH, ']', TLC_MAX_DEPTH);
	buf[2 * TLC_MAX_DEPTH] = '\0';
	tlc_node *n = parse_ok(buf);
	for (int i = 1; i < TLC_MAX_DEPTH; i++) {
		cr_assert_eq(n->n, 1);
		n = n->items[0];
	}
	cr_assert(n->kind == TLC_NODE_SEQ && n->n == 0);
}

Test(parse_json, deep_nesting_is_a_limit_not_a_crash)
{
	size_t n = 100000;
	char *buf = malloc(n + 1);
	memset(buf, '[', n);
	buf[n] = '\0';
	expect_error(buf, "TL003", 1, TLC_MAX_DEPTH + 1, "nesting deeper than 64 levels");
	free(buf);
}

Test(parse_json, deep_object_nesting_is_a_limit)
{
	tlc_buf b = TLC_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		tlc_buf_puts(&b, "{\"a\":");
	expect_error(b.ptr, "TL003", 1, 5 * TLC_MAX_DEPTH + 1, "nesting deeper than 64 levels");
	tlc_buf_release(&b);
}

static char *zeros_array(size_t count)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_buf_putc(&b, '[');
	for (size_t i = 0; i < count; i++)
		tlc_buf_puts(&b, i ? ",0" : "0");
	tlc_buf_putc(&b, ']');
	cr_assert(!tlc_buf_oom(&b));
	return tlc_buf_detach(&b);
}

Test(parse_json, node_limit)
{
	char *ok = zeros_array(TLC_MAX_NODES - 1); /* plus the sequence itself */
	tlc_node *n = parse_ok(ok);
	cr_assert_eq(n->n, TLC_MAX_NODES - 1);
	free(ok);

	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	char *bad = zeros_array(TLC_MAX_NODES);
	/* "[" then "0," per element: the last zero is node TLC_MAX_NODES + 1 */
	expect_error(bad, "TL003", 1, 2 + 2 * (TLC_MAX_NODES - 1),
		     "more than 200000 keys and values in one file");
	free(bad);
}

Test(parse_json, keys_count_as_nodes)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_buf_putc(&b, '{');
	for (size_t i = 0; i < TLC_MAX_NODES / 2; i++)
		tlc_buf_printf(&b, "%s\"k%zu\":0", i ? "," : "", i);
	tlc_buf_putc(&b, '}');
	tlc_node *root = SENTINEL;
	cr_assert_eq(parse_n(b.ptr, b.len, &root), TLC_EINPUT);
	cr_assert_str_eq(ctx.diags.v[0].rule, "TL003");
	cr_assert_str_eq(span_text(ctx.diags.v[0].span), "0"); /* the last value */
	tlc_buf_release(&b);
}

Test(parse_json, string_length_limit)
{
	size_t n = TLC_MAX_SCALAR_LEN;
	char *buf = malloc(n + 4);
	buf[0] = '"';
	memset(buf + 1, 'x', n);
	buf[n + 1] = '"';
	buf[n + 2] = '\0';
	tlc_node *s = parse_ok(buf);
	cr_assert_eq(s->len, n);

	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	buf[n + 1] = 'x';
	buf[n + 2] = '"';
	buf[n + 3] = '\0';
	const tlc_diag *g = expect_error(buf, "TL003", 1, (unsigned)n + 2,
					 "string longer than 65536 bytes");
	cr_assert_eq(g->related.start, 0);
	cr_assert_str_eq(g->related_note, "the string starts here");
	free(buf);
}

Test(parse_json, huge_number_lexeme)
{
	size_t n = 100000;
	char *buf = malloc(n + 3);
	buf[0] = '[';
	buf[1] = '1';
	memset(buf + 2, '0', n - 1);
	buf[n + 1] = ']';
	buf[n + 2] = '\0';
	expect_error(buf, "TL003", 1, 2 + TLC_MAX_SCALAR_LEN, "number longer than 65536 characters");
	free(buf);
}

Test(parse_json, number_at_the_length_limit)
{
	size_t n = TLC_MAX_SCALAR_LEN;
	char *buf = malloc(n + 1);
	memset(buf, '7', n);
	buf[n] = '\0';
	tlc_node *s = parse_ok(buf);
	cr_assert_eq(s->type, TLC_SCALAR_INT);
	cr_assert_eq(s->len, n);
	free(buf);
}

/* ---------------------------------------------------------------------------------------- */
/* syntax errors                                                                             */

Test(parse_json, empty_input) { expect_error("", "TL004", 1, 1, "the file is empty, expected a JSON value"); }

Test(parse_json, whitespace_only_input)
{
	expect_error(" \n\t\n", "TL004", 3, 1, "the file is empty, expected a JSON value");
}

Test(parse_json, leading_zeros)
{
	const tlc_diag *g = expect_error("01", "TL001", 1, 1,
					 "leading zeros are not allowed in JSON numbers");
	cr_assert_str_eq(span_text(g->span), "01");
	cr_assert_not_null(g->fix);
}

Test(parse_json, leading_zeros_negative_and_nested)
{
	const tlc_diag *g = expect_error("{\"n\": [1,\n -007]}", "TL001", 2, 2,
					 "leading zeros are not allowed in JSON numbers");
	cr_assert_str_eq(span_text(g->span), "-007");
}

Test(parse_json, plus_sign)
{
	expect_error("[+1]", "TL001", 1, 2, "numbers cannot start with '+' in JSON");
}

Test(parse_json, leading_dot)
{
	expect_error("{\"a\": .5}", "TL001", 1, 7, "numbers cannot start with '.' in JSON");
}

Test(parse_json, trailing_dot)
{
	expect_error("[1.]", "TL001", 1, 4, "expected a digit after the decimal point, found ']'");
}

Test(parse_json, trailing_dot_at_end_of_input)
{
	expect_error("1.", "TL001", 1, 3,
		     "expected a digit after the decimal point, found end of input");
}

Test(parse_json, empty_exponent)
{
	expect_error("[1e+]", "TL001", 1, 5, "expected a digit in the exponent, found ']'");
}

Test(parse_json, lone_minus)
{
	expect_error("[-]", "TL001", 1, 3, "expected a digit after '-', found ']'");
}

Test(parse_json, hex_and_double_dot_numbers)
{
	const tlc_diag *g = expect_error("[0x1F]", "TL001", 1, 2, "invalid number '0x1F'");
	cr_assert_str_eq(span_text(g->span), "0x1F");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("[1.2.3]", "TL001", 1, 2, "invalid number '1.2.3'");
}

Test(parse_json, nan_and_infinity)
{
	expect_error("[NaN]", "TL001", 1, 2, "'NaN' is not allowed in JSON");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("[Infinity]", "TL001", 1, 2, "'Infinity' is not allowed in JSON");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	const tlc_diag *g = expect_error("[-Infinity]", "TL001", 1, 2,
					 "'-Infinity' is not allowed in JSON");
	cr_assert_str_eq(span_text(g->span), "-Infinity");
}

Test(parse_json, misspelt_literals)
{
	const tlc_diag *g = expect_error("{\"a\": tru}", "TL001", 1, 7, "expected a value, found 'tru'");
	cr_assert_str_eq(span_text(g->span), "tru");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("[truex]", "TL001", 1, 2, "expected a value, found 'truex'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	g = expect_error("[True]", "TL001", 1, 2, "expected a value, found 'True'");
	cr_assert_str_eq(g->fix, "JSON literals are lowercase: write 'true'");
}

Test(parse_json, single_quotes)
{
	expect_error("['a']", "TL001", 1, 2, "single-quoted strings are not allowed in JSON");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("{'a': 1}", "TL001", 1, 2, "single-quoted strings are not allowed in JSON");
}

Test(parse_json, trailing_comma_in_object)
{
	const tlc_diag *g = expect_error("{\"a\": 1,\n}", "TL001", 1, 8, "trailing comma before '}'");
	cr_assert_str_eq(span_text(g->span), ",");
}

Test(parse_json, trailing_comma_in_array)
{
	expect_error("[1, 2, ]", "TL001", 1, 6, "trailing comma before ']'");
}

Test(parse_json, comments)
{
	const tlc_diag *g = expect_error("// hi\n{}", "TL001", 1, 1, "comments are not allowed in JSON");
	cr_assert_str_eq(span_text(g->span), "//");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("{\"a\": 1 /* c */}", "TL001", 1, 9, "comments are not allowed in JSON");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("{\"a\": 1, // c\n\"b\": 2}", "TL001", 1, 10, "comments are not allowed in JSON");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("{} // end", "TL001", 1, 4, "comments are not allowed in JSON");
}

Test(parse_json, missing_comma_between_members)
{
	expect_error("{\"a\": 1\n \"b\": 2}", "TL001", 2, 2,
		     "expected ',' or '}' after an object member, found '\"'");
}

Test(parse_json, garbage_after_member)
{
	expect_error("{\"a\": 1 x}", "TL001", 1, 9,
		     "expected ',' or '}' after an object member, found 'x'");
}

Test(parse_json, missing_comma_between_elements)
{
	expect_error("[1 2]", "TL001", 1, 4, "expected ',' or ']' after an array element, found '2'");
}

Test(parse_json, missing_colon)
{
	expect_error("{\"a\" 1}", "TL001", 1, 6, "expected ':' after the object key, found '1'");
}

Test(parse_json, unquoted_key)
{
	const tlc_diag *g = expect_error("{title: 1}", "TL001", 1, 2,
					 "expected a double-quoted key or '}', found 'title'");
	cr_assert_str_eq(span_text(g->span), "title");
}

Test(parse_json, unquoted_key_after_comma)
{
	expect_error("{\"a\": 1, b: 2}", "TL001", 1, 10,
		     "expected a double-quoted key after ',', found 'b'");
}

Test(parse_json, missing_value)
{
	expect_error("{\"a\": }", "TL001", 1, 7, "expected a value, found '}'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("[,1]", "TL001", 1, 2, "expected a value, found ','");
}

Test(parse_json, non_json_whitespace)
{
	expect_error("{\"a\":\xC2\xA0" "1}", "TL001", 1, 6, "expected a value, found U+00A0");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("[1,\f2]", "TL001", 1, 4, "expected a value, found U+000C");
}

Test(parse_json, columns_count_code_points)
{
	expect_error("{\"\xC3\xA9t\xC3\xA9\": x}", "TL001", 1, 9, "expected a value, found 'x'");
}

Test(parse_json, trailing_garbage)
{
	expect_error("{\"a\": 1} x", "TL001", 1, 10,
		     "expected the end of input after the JSON value, found 'x'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("{}\n{}", "TL001", 2, 1,
		     "expected the end of input after the JSON value, found '{'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("1 2", "TL001", 1, 3, "expected the end of input after the JSON value, found '2'");
}

Test(parse_json, unclosed_object_points_at_opener)
{
	const tlc_diag *g = expect_error("\n\n{\"a\": 1,\n \"b\": 2\n", "TL001", 5, 1,
					 "unexpected end of input: unclosed '{' opened at line 3");
	unsigned l, c;
	linecol(g->related.start, &l, &c);
	cr_assert(l == 3 && c == 1);
	cr_assert_str_eq(g->related_note, "opened here");
	cr_assert_eq(g->related.file, fid);
}

Test(parse_json, unclosed_innermost_container)
{
	const tlc_diag *g = expect_error("{\"a\": [1,\n  [2", "TL001", 2, 5,
					 "unexpected end of input: unclosed '[' opened at line 2");
	cr_assert_str_eq(span_text(g->related), "[");
	cr_assert_eq(g->related.start, 12);
}

Test(parse_json, unclosed_after_key_and_colon)
{
	expect_error("{\"a\"", "TL001", 1, 5, "unexpected end of input: unclosed '{' opened at line 1");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("{\"a\":", "TL001", 1, 6, "unexpected end of input: unclosed '{' opened at line 1");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("[1,", "TL001", 1, 4, "unexpected end of input: unclosed '[' opened at line 1");
}

Test(parse_json, unclosed_string)
{
	const tlc_diag *g = expect_error("{\"a\": \"abc", "TL001", 1, 11,
					 "unexpected end of input: unclosed string opened at line 1");
	cr_assert_eq(g->related.start, 6);
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"abc\\", "TL001", 1, 6,
		     "unexpected end of input: unclosed string opened at line 1");
}

Test(parse_json, line_break_in_string)
{
	const tlc_diag *g = expect_error("{\"a\": \"abc\n}", "TL001", 1, 11,
					 "unescaped line break in a string");
	cr_assert_str_eq(g->related_note, "the string starts here");
	cr_assert_eq(g->related.start, 6);
}

Test(parse_json, control_characters_in_string)
{
	const tlc_diag *g = expect_error("\"a\tb\"", "TL001", 1, 3,
					 "unescaped control character U+0009 in a string");
	cr_assert_str_eq(g->fix, "write it as '\\t'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	g = expect_error("\"a\x01\"", "TL001", 1, 3, "unescaped control character U+0001 in a string");
	cr_assert_str_eq(g->fix, "write it as '\\u0001'");
}

Test(parse_json, invalid_escapes)
{
	const tlc_diag *g = expect_error("[\"a\\x\"]", "TL001", 1, 4, "invalid escape '\\x' in a string");
	cr_assert_str_eq(span_text(g->span), "\\x");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"it\\'s\"", "TL001", 1, 4, "invalid escape '\\'' in a string");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"a\\\tb\"", "TL001", 1, 3, "invalid escape: '\\' followed by U+0009");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\U00e9\"", "TL001", 1, 2, "invalid escape '\\U' in a string");
}

Test(parse_json, short_unicode_escape)
{
	const tlc_diag *g = expect_error("\"\\u12G4\"", "TL001", 1, 6,
					 "expected 4 hex digits after '\\u', found 'G4'");
	cr_assert_str_eq(span_text(g->span), "G4");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\u12\"", "TL001", 1, 6, "expected 4 hex digits after '\\u', found '\"'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\u12", "TL001", 1, 6, "unexpected end of input: unclosed string opened at line 1");
}

Test(parse_json, escaped_nul_is_rejected)
{
	const tlc_diag *g = expect_error("{\"a\": \"x\\u0000y\"}", "TL001", 1, 9,
					 "'\\u0000' is not allowed: values cannot contain NUL characters");
	cr_assert_str_eq(span_text(g->span), "\\u0000");
}

Test(parse_json, lone_low_surrogate)
{
	const tlc_diag *g = expect_error("\"\\ude80\"", "TL001", 1, 2,
					 "unpaired surrogate '\\ude80' in a string");
	cr_assert_str_eq(span_text(g->span), "\\ude80");
}

Test(parse_json, lone_high_surrogate)
{
	expect_error("\"x\\ud83d\"", "TL001", 1, 3, "unpaired surrogate '\\ud83d' in a string");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\ud83dx\"", "TL001", 1, 2, "unpaired surrogate '\\ud83d' in a string");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\ud83d\\u0041\"", "TL001", 1, 2, "unpaired surrogate '\\ud83d' in a string");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\ud83d\\ud83d\"", "TL001", 1, 2, "unpaired surrogate '\\ud83d' in a string");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error("\"\\ud83d\\n\"", "TL001", 1, 2, "unpaired surrogate '\\ud83d' in a string");
}

Test(parse_json, reversed_surrogate_pair)
{
	expect_error("\"\\ude80\\ud83d\"", "TL001", 1, 2, "unpaired surrogate '\\ude80' in a string");
}

/* ---------------------------------------------------------------------------------------- */
/* encoding                                                                                  */

Test(parse_json, invalid_utf8_in_string)
{
	const tlc_diag *g = expect_error("{\"a\": \"x\xC3(\"}", "TL002", 1, 9, "invalid UTF-8 byte 0xc3");
	cr_assert_eq(g->span.start, 8);
	cr_assert_str_eq(g->fix, "save the file as UTF-8");
}

Test(parse_json, invalid_utf8_outside_strings)
{
	/* Latin-1 "é" after a valid value: reported as encoding, not syntax */
	expect_error("{\"a\": 1}\n\xE9", "TL002", 2, 1, "invalid UTF-8 byte 0xe9");
}

Test(parse_json, raw_nul_byte)
{
	expect_error_n("{\"a\": \"x\0\"}", 11, "TL002", 1, 9, "the file contains a NUL byte; is it a binary file?");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	expect_error_n("{}\0", 3, "TL002", 1, 3, "the file contains a NUL byte; is it a binary file?");
}

Test(parse_json, first_encoding_problem_wins)
{
	expect_error_n("[\"\xFF\", \"\0\"]", 10, "TL002", 1, 3, "invalid UTF-8 byte 0xff");
}

Test(parse_json, utf8_check)
{
	static const struct {
		const char *s;
		size_t bad;
	} cases[] = {
		{"", (size_t)-1},
		{"plain ascii", (size_t)-1},
		{"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80", (size_t)-1},
		{"\xED\x9F\xBF", (size_t)-1},          /* U+D7FF */
		{"\xEE\x80\x80", (size_t)-1},          /* U+E000 */
		{"\xF4\x8F\xBF\xBF", (size_t)-1},      /* U+10FFFF */
		{"\xEF\xBB\xBF", (size_t)-1},          /* BOM */
		{"a\x80", 1},                          /* stray continuation */
		{"ab\xC3", 2},                         /* truncated at the end */
		{"\xC3(", 0},                          /* missing continuation */
		{"\xC0\xAF", 0},                       /* overlong '/' */
		{"\xC1\xBF", 0},                       /* overlong */
		{"\xE0\x80\xAF", 0},                   /* overlong 3-byte */
		{"\xE0\x9F\xBF", 0},                   /* overlong 3-byte (U+07FF) */
		{"\xF0\x8F\xBF\xBF", 0},               /* overlong 4-byte (U+FFFF) */
		{"x\xED\xA0\x80", 1},                  /* U+D800 */
		{"\xED\xBF\xBF", 0},                   /* U+DFFF */
		{"\xF4\x90\x80\x80", 0},               /* U+110000 */
		{"\xF5\x80\x80\x80", 0},
		{"\xFE", 0},
		{"\xFF", 0},
		{"\xE2\x82", 0},                       /* truncated 3-byte */
		{"\xF0\x9F\x9A", 0},                   /* truncated 4-byte */
		{"\xF0\x9F\x9A(", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_assert_eq(tlc_utf8_check(cases[i].s, strlen(cases[i].s)), cases[i].bad,
			     "case %zu", i);
	cr_assert_eq(tlc_utf8_check("a\0b", 3), (size_t)-1, "NUL is valid UTF-8");
	cr_assert_eq(tlc_utf8_check("\xC3\xA9", 1), 0, "length is respected");
}

/* ---------------------------------------------------------------------------------------- */
/* duplicate keys                                                                            */

Test(parse_json, duplicate_key)
{
	const char *text = "{\"title\": \"a\",\n \"n\": 1,\n \"title\": \"b\"}";
	const tlc_diag *g = expect_error(text, "TL012", 3, 2, "duplicate key 'title'");
	cr_assert_str_eq(span_text(g->span), "\"title\"");
	unsigned l, c;
	linecol(g->related.start, &l, &c);
	cr_assert(l == 1 && c == 2);
	cr_assert_str_eq(span_text(g->related), "\"title\"");
	cr_assert_str_eq(g->related_note, "first given here");
}

Test(parse_json, duplicate_key_through_escapes)
{
	const tlc_diag *g = expect_error("{\"a\xC3\xA9\": 1, \"\\u0061\\u00e9\": 2}", "TL012", 1, 11,
					 "duplicate key 'a\xC3\xA9'");
	cr_assert_eq(g->related.start, 1);
}

Test(parse_json, every_duplicate_is_reported)
{
	tlc_node *root = SENTINEL;
	const char *text = "{\"a\":1,\"b\":{\"x\":1,\"x\":2},\"a\":2,\"c\":3,\"a\":3} ";
	cr_assert_eq(parse_n(text, strlen(text), &root), TLC_EINPUT);
	cr_assert_eq(root, SENTINEL);
	cr_assert_eq(ctx.diags.n, 3);
	tlc_diags_sort(&ctx.diags);
	cr_assert_eq(ctx.diags.v[0].span.start, 18); /* inner "x" */
	cr_assert_eq(ctx.diags.v[0].related.start, 12);
	cr_assert_eq(ctx.diags.v[1].span.start, 25); /* second "a" */
	cr_assert_eq(ctx.diags.v[2].span.start, 37); /* third "a" */
	for (size_t i = 1; i < 3; i++) {
		cr_assert_str_eq(ctx.diags.v[i].rule, "TL012");
		cr_assert_eq(ctx.diags.v[i].related.start, 1, "related to the first 'a'");
	}
}

Test(parse_json, same_key_in_different_objects_is_fine)
{
	tlc_node *n = parse_ok("[{\"a\": 1}, {\"a\": 2, \"b\": {\"a\": 3}}]");
	cr_assert_eq(n->n, 2);
}

Test(parse_json, keys_differ_by_case_or_prefix)
{
	tlc_node *n = parse_ok("{\"a\": 1, \"A\": 2, \"ab\": 3, \"\": 4, \"a \": 5}");
	cr_assert_eq(n->n, 5);
}

Test(parse_json, duplicate_then_syntax_error)
{
	tlc_node *root = SENTINEL;
	const char *text = "[{\"a\":1,\"a\":2}, ]";
	cr_assert_eq(parse_n(text, strlen(text), &root), TLC_EINPUT);
	cr_assert_eq(ctx.diags.n, 2);
	cr_assert_str_eq(ctx.diags.v[0].rule, "TL012");
	cr_assert_str_eq(ctx.diags.v[1].rule, "TL001");
}

Test(parse_json, duplicate_key_message_is_one_line)
{
	expect_error("{\"a\\nb\": 1, \"a\\nb\": 2}", "TL012", 1, 13, "duplicate key 'a\\u000Ab'");
	tlc_ctx_release(&ctx);
	tlc_ctx_init(&ctx);
	tlc_buf b = TLC_BUF_INIT;
	char key[101];
	memset(key, 'k', 100);
	key[100] = '\0';
	tlc_buf_printf(&b, "{\"%s\": 1, \"%s\": 2}", key, key);
	tlc_node *root = SENTINEL;
	cr_assert_eq(parse_n(b.ptr, b.len, &root), TLC_EINPUT);
	cr_assert_eq(ctx.diags.n, 1);
	cr_assert(strlen(ctx.diags.v[0].message) < 80, "%s", ctx.diags.v[0].message);
	cr_assert(strstr(ctx.diags.v[0].message, "...'") != NULL);
	tlc_buf_release(&b);
}

Test(parse_json, many_duplicates_are_fast)
{
	size_t n = 20000;
	tlc_buf b = TLC_BUF_INIT;
	tlc_buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++)
		tlc_buf_printf(&b, "%s\"k%zu\":0", i ? "," : "", i % 2 ? (size_t)7 : i);
	tlc_buf_putc(&b, '}');
	tlc_node *root = SENTINEL;
	cr_assert_eq(parse_n(b.ptr, b.len, &root), TLC_EINPUT);
	cr_assert_eq(ctx.diags.n, n / 2 - 1);
	tlc_buf_release(&b);
}

/* ---------------------------------------------------------------------------------------- */
/* offsets inside string values                                                              */

static size_t soff(const char *raw, size_t voff)
{
	return tlc_json__string_offset(raw, strlen(raw), voff);
}

Test(parse_json, string_offset_plain)
{
	const char *raw = "\"abc\"";
	for (size_t v = 0; v <= 3; v++)
		cr_assert_eq(soff(raw, v), v + 1);
	cr_assert_eq(soff(raw, 4), (size_t)-1);
	cr_assert_eq(soff("\"\"", 0), 1);
	cr_assert_eq(soff("\"\"", 1), (size_t)-1);
}

Test(parse_json, string_offset_through_simple_escapes)
{
	/* value "a\nb\"c" (5 bytes) */
	const char *raw = "\"a\\nb\\\"c\"";
	static const size_t want[] = {1, 2, 4, 5, 7, 8};
	for (size_t v = 0; v < 6; v++)
		cr_assert_eq(soff(raw, v), want[v], "voff %zu", v);
	cr_assert_eq(soff(raw, 6), (size_t)-1);
}

Test(parse_json, string_offset_through_unicode_escape)
{
	const char *raw = "\"Launch in \\u00e9 {timer}\"";
	/* value "Launch in é {timer}": é is value bytes 10-11, '{' is value byte 13 */
	cr_assert_eq(soff(raw, 9), 10);
	cr_assert_eq(soff(raw, 10), 11);
	cr_assert_eq(soff(raw, 11), 11, "second byte of é maps to its escape");
	cr_assert_eq(soff(raw, 12), 17);
	cr_assert_eq(soff(raw, 13), 18);
	cr_assert_eq(raw[soff(raw, 13)], '{');
	cr_assert_eq(soff(raw, 20), strlen(raw) - 1, "the end maps to the closing quote");
	cr_assert_eq(soff(raw, 21), (size_t)-1);
}

Test(parse_json, string_offset_through_surrogate_pair)
{
	const char *raw = "\"\\ud83d\\ude80!\"";
	for (size_t v = 0; v < 4; v++)
		cr_assert_eq(soff(raw, v), 1, "voff %zu", v);
	cr_assert_eq(soff(raw, 4), 13);
	cr_assert_eq(soff(raw, 5), 14);
	cr_assert_eq(soff(raw, 6), (size_t)-1);
}

Test(parse_json, string_offset_raw_utf8_is_byte_exact)
{
	const char *raw = "\"\xC3\xA9{x}\"";
	cr_assert_eq(soff(raw, 0), 1);
	cr_assert_eq(soff(raw, 1), 2);
	cr_assert_eq(soff(raw, 2), 3);
}

Test(parse_json, string_offset_rejects_non_literals)
{
	cr_assert_eq(tlc_json__string_offset("abc", 3, 0), (size_t)-1);
	cr_assert_eq(tlc_json__string_offset("", 0, 0), (size_t)-1);
}

/* Every value byte of a parsed string maps into its literal; raw (unescaped) bytes map to
 * themselves, and the mapping never goes backwards. */
static void check_string_map(const tlc_node *n)
{
	const char *raw = src()->text + n->span.start;
	size_t rawlen = n->span.end - n->span.start, prev = 0;
	for (size_t v = 0; v <= n->len; v++) {
		size_t o = tlc_json__string_offset(raw, rawlen, v);
		cr_assert(o != (size_t)-1 && o >= 1 && o < rawlen, "voff %zu of '%s'", v, n->str);
		cr_assert(o >= prev);
		if (v < n->len && raw[o] != '\\')
			cr_assert_eq(raw[o], n->str[v]);
		prev = o;
	}
	cr_assert_eq(tlc_json__string_offset(raw, rawlen, n->len), rawlen - 1);
	cr_assert_eq(tlc_json__string_offset(raw, rawlen, n->len + 1), (size_t)-1);
}

static void check_all_strings(const tlc_node *n)
{
	if (n->kind == TLC_NODE_SCALAR && n->type == TLC_SCALAR_STR)
		check_string_map(n);
	for (size_t i = 0; n->kind == TLC_NODE_MAP && i < n->n; i++) {
		check_all_strings(n->pairs[i].key);
		check_all_strings(n->pairs[i].value);
	}
	for (size_t i = 0; n->kind == TLC_NODE_SEQ && i < n->n; i++)
		check_all_strings(n->items[i]);
}

/* ---------------------------------------------------------------------------------------- */
/* round trip                                                                                */

static void print_node(tlc_buf *b, const tlc_node *n)
{
	if (n->kind == TLC_NODE_SCALAR) {
		if (n->type == TLC_SCALAR_STR)
			tlc_buf_put_json_string(b, n->str, n->len);
		else
			tlc_buf_put(b, n->str, n->len);
		return;
	}
	tlc_buf_putc(b, n->kind == TLC_NODE_MAP ? '{' : '[');
	for (size_t i = 0; i < n->n; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		if (n->kind == TLC_NODE_MAP) {
			print_node(b, n->pairs[i].key);
			tlc_buf_putc(b, ':');
			print_node(b, n->pairs[i].value);
		} else {
			print_node(b, n->items[i]);
		}
	}
	tlc_buf_putc(b, n->kind == TLC_NODE_MAP ? '}' : ']');
}

static const char realistic_spec[] =
	"\xEF\xBB\xBF{\n"
	"  \"version\": 1,\n"
	"  \"id\": \"launch-countdown\",\n"
	"  \"zone\": \"Europe/Paris\",\n"
	"  \"locale\": \"fr_FR\",\n"
	"  \"params\": {\"name\": {\"type\": \"string\", \"default\": \"Ariane\"}},\n"
	"  \"target\": \"2025-12-31T23:59:00+01:00\",\n"
	"  \"refresh\": {\"every\": \"PT1M\", \"ratio\": 0.5, \"jitter\": -1.5e-3},\n"
	"  \"entries\": [\n"
	"    {\"until\": \"-P1D\", \"text\": \"Lancement dans {days, plural, one {# jour} other {# jours}}\"},\n"
	"    {\"until\": \"-PT1H\", \"text\": \"Launch in \\u00e9 {timer} \\ud83d\\ude80\"},\n"
	"    {\"until\": \"PT0S\", \"text\": \"\\\"Go\\\"\\tnow\\n\", \"relevance\": null, \"pinned\": true}\n"
	"  ],\n"
	"  \"after\": {\"text\": \"D\xC3\xA9\x63ollage ! \xF0\x9F\x9A\x80\", \"hide\": false}\n"
	"}\n";

static const char realistic_canonical[] =
	"{\"version\":1,\"id\":\"launch-countdown\",\"zone\":\"Europe/Paris\",\"locale\":\"fr_FR\","
	"\"params\":{\"name\":{\"type\":\"string\",\"default\":\"Ariane\"}},"
	"\"target\":\"2025-12-31T23:59:00+01:00\","
	"\"refresh\":{\"every\":\"PT1M\",\"ratio\":0.5,\"jitter\":-1.5e-3},"
	"\"entries\":["
	"{\"until\":\"-P1D\",\"text\":\"Lancement dans {days, plural, one {# jour} other {# jours}}\"},"
	"{\"until\":\"-PT1H\",\"text\":\"Launch in \xC3\xA9 {timer} \xF0\x9F\x9A\x80\"},"
	"{\"until\":\"PT0S\",\"text\":\"\\\"Go\\\"\\tnow\\n\",\"relevance\":null,\"pinned\":true}"
	"],"
	"\"after\":{\"text\":\"D\xC3\xA9\x63ollage ! \xF0\x9F\x9A\x80\",\"hide\":false}}";

Test(parse_json, realistic_spec_round_trip)
{
	tlc_node *root = parse_ok(realistic_spec);
	check_all_strings(root);
	tlc_buf once = TLC_BUF_INIT, twice = TLC_BUF_INIT;
	print_node(&once, root);
	cr_assert(!tlc_buf_oom(&once));
	cr_assert_str_eq(once.ptr, realistic_canonical);

	tlc_node *again = parse_ok(once.ptr);
	print_node(&twice, again);
	cr_assert_str_eq(twice.ptr, once.ptr, "print(parse(print(x))) == print(x)");
	tlc_buf_release(&once);
	tlc_buf_release(&twice);
}

Test(parse_json, realistic_spec_positions)
{
	tlc_node *root = parse_ok(realistic_spec);
	tlc_node *entries = NULL;
	for (size_t i = 0; i < root->n; i++)
		if (strcmp(root->pairs[i].key->str, "entries") == 0)
			entries = root->pairs[i].value;
	cr_assert_not_null(entries);
	tlc_node *e1 = entries->items[1], *text = NULL;
	for (size_t i = 0; i < e1->n; i++)
		if (strcmp(e1->pairs[i].key->str, "text") == 0)
			text = e1->pairs[i].value;
	cr_assert_not_null(text);
	unsigned l, c;
	linecol(text->span.start, &l, &c);
	cr_assert(l == 11 && c == 32, "text at %u:%u", l, c);
	/* "{timer}" inside the value, mapped back through the \u00e9 escape */
	const char *brace = strstr(text->str, "{timer}");
	cr_assert_not_null(brace);
	size_t o = tlc_json__string_offset(src()->text + text->span.start,
					   text->span.end - text->span.start,
					   (size_t)(brace - text->str));
	linecol(text->span.start + o, &l, &c);
	cr_assert(l == 11 && c == 50, "{timer} at %u:%u", l, c);
	cr_assert_eq(memcmp(src()->text + text->span.start + o, "{timer}", 7), 0);
}

/* ---------------------------------------------------------------------------------------- */
/* API contract                                                                              */

Test(parse_json, unknown_file_is_einval)
{
	tlc_node *root = SENTINEL;
	cr_assert_eq(tlc_parse_json(&ctx, 7, &root), TLC_EINVAL);
	cr_assert_eq(root, SENTINEL);
	cr_assert_eq(ctx.diags.n, 0);
}

Test(parse_json, two_files_keep_their_ids)
{
	tlc_node *a = parse_ok("{\"a\": 1}");
	uint32_t fa = fid;
	tlc_node *b = parse_ok("[\"b\"]");
	cr_assert_neq(fa, fid);
	cr_assert_eq(a->span.file, fa);
	cr_assert_eq(a->pairs[0].value->span.file, fa);
	cr_assert_eq(b->items[0]->span.file, fid);
}
