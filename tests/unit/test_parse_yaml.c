/* The YAML front end: core-schema resolution, spans, hostile input, positions inside scalars. */
#include "helpers.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(parse_yaml, .init = setup, .fini = teardown);

static tlc_node *parse(const char *text)
{
	tlc_node *root = NULL;
	tctx_add(&T, "t.yaml", text);
	int err = tlc_parse_yaml(&T.ctx, T.file, &root);
	cr_assert_eq(err, 0, "parse failed: %s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "?");
	return root;
}

static int parse_fails(const char *text)
{
	tlc_node *root = NULL;
	tctx_add(&T, "t.yaml", text);
	return tlc_parse_yaml(&T.ctx, T.file, &root);
}

Test(parse_yaml, core_schema_keeps_times_and_words_as_strings)
{
	tlc_node *r = parse("a: 17:40\nb: on\nc: no\nd: yes\ne: ~\nf: true\ng: 0x1F\nh: 1.5e3\n"
			    "i: .inf\nj: \"123\"\nk: 0o17\nl: 2026-12-01\nm: -30m\nn: 12\no: null\n");
	struct { const char *key; tlc_scalar_type type; } want[] = {
		{"a", TLC_SCALAR_STR}, {"b", TLC_SCALAR_STR}, {"c", TLC_SCALAR_STR},
		{"d", TLC_SCALAR_STR}, {"e", TLC_SCALAR_NULL}, {"f", TLC_SCALAR_BOOL},
		{"g", TLC_SCALAR_INT}, {"h", TLC_SCALAR_FLOAT}, {"i", TLC_SCALAR_FLOAT},
		{"j", TLC_SCALAR_STR}, {"k", TLC_SCALAR_INT}, {"l", TLC_SCALAR_STR},
		{"m", TLC_SCALAR_STR}, {"n", TLC_SCALAR_INT}, {"o", TLC_SCALAR_NULL},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		tlc_node *n = tlc_node_get(r, want[i].key);
		cr_assert_not_null(n);
		cr_expect_eq(n->type, want[i].type, "key %s: type %d", want[i].key, n->type);
	}
	cr_expect_str_eq(tlc_node_get(r, "a")->str, "17:40");
}

Test(parse_yaml, spans_are_one_based_line_and_column)
{
	tlc_node *r = parse("timelinec: 1\ncountdown:\n  to: 2026-12-01 18:00\n  show:\n    - text: hi\n");
	tlc_node *cd = tlc_node_get(r, "countdown");
	tlc_node *to = tlc_node_get(cd, "to");
	unsigned l, c;
	tctx_linecol(&T, to->span, &l, &c);
	cr_expect_eq(l, 3);
	cr_expect_eq(c, 7);
	cr_expect_eq(to->span.end - to->span.start, strlen("2026-12-01 18:00"));
	tlc_node *show = tlc_node_get(cd, "show");
	cr_assert_eq(show->kind, TLC_NODE_SEQ);
	tctx_linecol(&T, tlc_node_get(show->items[0], "text")->span, &l, &c);
	cr_expect_eq(l, 5);
	cr_expect_eq(c, 13);
}

Test(parse_yaml, columns_count_code_points)
{
	tlc_node *r = parse("a: {é: 1, b: 2}\n");
	tlc_node *b = tlc_node_get(tlc_node_get(r, "a"), "b");
	unsigned l, c;
	tctx_linecol(&T, b->span, &l, &c);
	cr_expect_eq(c, 14); /* 'é' is two bytes but one column */
}

Test(parse_yaml, duplicate_keys_point_at_both)
{
	cr_assert_eq(parse_fails("a: 1\nb: 2\na: 3\n"), TLC_EINPUT);
	assert_diag(&T, "TL012", 3, 1, "duplicate key 'a'");
	const tlc_diag *g = tctx_find(&T, "TL012");
	unsigned l, c;
	tctx_linecol(&T, g->related, &l, &c);
	cr_expect_eq(l, 1);
	cr_expect_str_eq(g->related_note, "first given here");
}

Test(parse_yaml, aliases_share_nodes)
{
	tlc_node *r = parse("x: &p {a: 1}\ny: *p\n");
	cr_expect_eq(tlc_node_get(r, "x"), tlc_node_get(r, "y"));
}

Test(parse_yaml, billion_laughs_stops_at_the_node_limit)
{
	const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
			   "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
			   "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	cr_assert_eq(parse_fails(bomb), TLC_EINPUT);
	assert_diag(&T, "TL003", 6, 8, "expands to more than 200000 nodes");
}

Test(parse_yaml, nesting_is_bounded)
{
	char text[4096];
	size_t n = 0;
	for (int i = 0; i < 200; i++)
		text[n++] = '[';
	text[n] = 0;
	cr_assert_eq(parse_fails(text), TLC_EINPUT);
	assert_diag(&T, "TL003", 1, 65, "nesting deeper than 64 levels");
}

Test(parse_yaml, one_document_per_file)
{
	cr_assert_eq(parse_fails("a: 1\n---\nb: 2\n"), TLC_EINPUT);
	assert_diag(&T, "TL004", 2, 1, "this is the second");
}

Test(parse_yaml, tags_are_refused_but_str_is_kept)
{
	tlc_node *r = parse("a: !!str 17\n");
	cr_expect_eq(tlc_node_get(r, "a")->type, TLC_SCALAR_STR);
	cr_assert_eq(parse_fails("a: !!binary aGk=\n"), TLC_EINPUT);
	assert_diag(&T, "TL017", 1, 4, "tag 'tag:yaml.org,2002:binary' is not supported");
}

Test(parse_yaml, complex_keys_are_refused)
{
	cr_assert_eq(parse_fails("? [a, b]\n: 1\n"), TLC_EINPUT);
	assert_diag(&T, "TL017", 1, 3, "mapping key must be a plain string");
}

Test(parse_yaml, undefined_alias)
{
	cr_assert_eq(parse_fails("a: *nope\n"), TLC_EINPUT);
	assert_diag(&T, "TL001", 1, 4, "alias '*nope'");
}

Test(parse_yaml, syntax_errors_have_positions)
{
	cr_assert_eq(parse_fails("a: [1, 2\nb: 3\n"), TLC_EINPUT);
	const tlc_diag *g = tctx_find(&T, "TL001");
	cr_assert_not_null(g);
	unsigned l, c;
	tctx_linecol(&T, g->span, &l, &c);
	cr_expect_eq(l, 2);
}

/* The source text at the mapped position of `needle` inside the value of key `key`. */
static void expect_inner(tlc_node *r, const char *key, const char *needle, unsigned line, unsigned col)
{
	tlc_node *n = tlc_node_get(r, key);
	cr_assert_not_null(n);
	const char *at = strstr(n->str, needle);
	cr_assert_not_null(at, "value '%s' lacks '%s'", n->str, needle);
	const tlc_source *src = tlc_sources_get(&T.ctx.sources, T.file);
	tlc_span sp = tlc_node_subspan(src, n, (size_t)(at - n->str), strlen(needle));
	unsigned l, c;
	tlc_source_linecol(src, sp.start, &l, &c);
	cr_expect_eq(l, line, "%s: line %u, want %u", key, l, line);
	cr_expect_eq(c, col, "%s: col %u, want %u", key, c, col);
	if (strchr(needle, '{'))
		cr_expect(strncmp(src->text + sp.start, needle, strlen(needle)) == 0,
			  "%s: source at span is '%.10s'", key, src->text + sp.start);
}

Test(parse_yaml, positions_inside_scalars_follow_every_style)
{
	tlc_node *r = parse("plain: Launch in {timer}\n"
			    "single: 'it''s {timer}'\n"
			    "double: \"caf\\u00e9 \\\"x\\\" {timer}\"\n"
			    "folded_plain: one\n  two {timer}\n"
			    "literal: |\n  first\n  second {timer}\n"
			    "folded: >\n  first\n  second {timer}\n"
			    "escaped_break: \"a \\\n  b {timer}\"\n");
	expect_inner(r, "plain", "{timer}", 1, 18);
	expect_inner(r, "single", "{timer}", 2, 16);
	expect_inner(r, "double", "{timer}", 3, 26);
	expect_inner(r, "folded_plain", "{timer}", 5, 7);
	expect_inner(r, "literal", "{timer}", 8, 10);
	expect_inner(r, "folded", "{timer}", 11, 10);
	expect_inner(r, "escaped_break", "{timer}", 13, 5);
}

/* A newcomer's YAML mistake is said in plain words at its cause: the rule, message, position. */
static const tlc_diag *plain_error(const char *text, const char *msg, unsigned line, unsigned col)
{
	unsigned l, c;
	cr_assert_eq(parse_fails(text), TLC_EINPUT);
	const tlc_diag *g = tctx_find(&T, "TL001");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, msg) != NULL, "message '%s' lacks '%s'", g->message, msg);
	tctx_linecol(&T, g->span, &l, &c);
	cr_expect(l == line && c == col, "at %u:%u, want %u:%u (%s)", l, c, line, col, g->message);
	return g;
}

Test(parse_yaml, tab_indent_is_said_at_the_tab)
{
	plain_error("a:\n  b: 1\n\tc: 2\n", "a tab indents this line", 3, 1);
}

Test(parse_yaml, tab_after_spaces_is_said_at_the_tab)
{
	plain_error("a:\n  - 1\n  \t- 2\n", "a tab indents this line", 3, 3);
}

Test(parse_yaml, open_quote_is_said_at_its_opening)
{
	plain_error("a: 1\nb: \"open\nc: 2\n", "no closing \": it runs on to the end of the file", 2, 4);
}

Test(parse_yaml, quote_closed_by_the_next_line_is_said_at_its_opening)
{
	plain_error("l:\n  - t: \"open\n  - t: \"x\"\n", "runs on into the next line", 2, 8);
}

Test(parse_yaml, unquoted_brace_text_says_quote_it)
{
	const tlc_diag *g = plain_error("t: {days} left\n", "a value starting with '{'", 1, 4);
	cr_expect(strstr(g->fix, "\"{days} left\"") != NULL, "fix: %s", g->fix);
}

Test(parse_yaml, unquoted_bracket_text_is_quoted_with_escapes)
{
	const tlc_diag *g = plain_error("t: [x] \"y\" later\n", "a value starting with '['", 1, 4);
	cr_expect(strstr(g->fix, "\"[x] \\\"y\\\" later\"") != NULL, "fix: %s", g->fix);
}

Test(parse_yaml, broken_flow_mapping_keeps_libyaml_words)
{
	cr_assert_eq(parse_fails("r: {a: 1 b: 2}\n"), TLC_EINPUT);
	const tlc_diag *g = tctx_find(&T, "TL001");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "flow mapping") != NULL, "%s", g->message);
}

Test(parse_yaml, bad_escape_keeps_libyaml_words)
{
	cr_assert_eq(parse_fails("a: \"bad \\q escape\"\n"), TLC_EINPUT);
	const tlc_diag *g = tctx_find(&T, "TL001");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "unknown escape") != NULL, "%s", g->message);
}
