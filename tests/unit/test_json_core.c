/*
 * The runtime core's JSON reader (runtime/core/json.c): RFC 8259 exactly, numbers independent
 * of the C locale, positions in its errors. Checked once against nst/JSONTestSuite's 318
 * test_parsing files (every y_ accepted but the two that hold \u0000, every n_ refused); that
 * data is not part of this repository.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "core/json.h"

static tlc_json *parse_ok(const char *s)
{
	tlc_json *v = NULL;
	tlc_err e = {0};
	int rc = tlc_json_parse(&v, s, strlen(s), &e);
	cr_assert_eq(rc, 0, "'%s' refused: %s", s, e.msg);
	return v;
}

static tlc_err parse_bad(const char *s)
{
	tlc_json *v = (tlc_json *)1;
	tlc_err e = {0};
	cr_assert_eq(tlc_json_parse(&v, s, strlen(s), &e), TLC_EINPUT, "'%s' accepted", s);
	cr_assert_null(v);
	return e;
}

Test(json_core, values_and_structure)
{
	tlc_json *v = parse_ok(" {\"a\": [1, -2.5e1, true, false, null, \"x\"], \"b\": {}} ");
	cr_assert_eq(v->type, TLC_JSON_OBJECT);
	cr_assert_eq(v->n, 2);
	const tlc_json *a = tlc_json_get(v, "a");
	cr_assert_eq(a->n, 6);
	cr_expect(tlc_json_at(a, 0)->integer && tlc_json_at(a, 0)->ival == 1);
	cr_expect_eq(tlc_json_at(a, 1)->num, -25.0);
	cr_expect(!tlc_json_at(a, 1)->integer, "an exponent is not an integer");
	cr_expect_eq(tlc_json_at(a, 2)->type, TLC_JSON_TRUE);
	cr_expect_eq(tlc_json_at(a, 3)->type, TLC_JSON_FALSE);
	cr_expect_eq(tlc_json_at(a, 4)->type, TLC_JSON_NULL);
	cr_expect_str_eq(tlc_json_at(a, 5)->str, "x");
	cr_expect_null(tlc_json_at(a, 6));
	cr_expect_eq(tlc_json_get(v, "b")->n, 0);
	cr_expect_null(tlc_json_get(v, "c"));
	tlc_json_free(v);
}

Test(json_core, rejects_what_rfc_8259_does_not_allow)
{
	const char *bad[] = {"", " ", "[1,]", "{\"a\":1,}", "[01]", "[+1]", "[.5]", "[1.]", "[1e]",
			     "[NaN]", "[Infinity]", "[-]", "[tru]", "nul", "{a:1}", "{'a':1}",
			     "[\"a\" \"b\"]", "{\"a\" 1}", "[1] [2]", "[1] x", "/* c */ 1", "[\"\\x41\"]",
			     "[\"\\u12\"]", "[\"tab\there\"]", "[\"\\uDC00\"]", "[\"\\uD800\"]",
			     "[\"\\uD800\\u0041\"]", "[\"\\u0000\"]", "[\"\xC3\x28\"]", "[\"\xED\xA0\x80\"]",
			     "[\"\xF4\x90\x80\x80\"]", "[\"\xC0\xAF\"]", "[\"open", "{\"a\":", "["};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_bad(bad[i]);
}

Test(json_core, strings_decode_escapes_and_surrogate_pairs)
{
	tlc_json *v = parse_ok("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u20AC\\uD83D\\uDE00\", \"\xE2\x80\xA8\"]");
	cr_expect_str_eq(tlc_json_at(v, 0)->str, "\"\\/\b\f\n\r\t");
	cr_expect_str_eq(tlc_json_at(v, 1)->str, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
	cr_expect_str_eq(tlc_json_at(v, 2)->str, "\xE2\x80\xA8", "U+2028 is allowed raw in JSON");
	tlc_json_free(v);
}

Test(json_core, numbers_are_exact_where_they_can_be)
{
	tlc_json *v = parse_ok("[0.1, 1e22, 1e23, -0, 9007199254740993, -9223372036854775808, "
			       "9223372036854775808, 123456789012345678901234567890, 5e-324, 1e400]");
	cr_expect_eq(tlc_json_at(v, 0)->num, 0.1);
	cr_expect_eq(tlc_json_at(v, 1)->num, 1e22);
	cr_expect_eq(tlc_json_at(v, 2)->num, 1e23, "past the exact path: strtod rounds it");
	cr_expect(tlc_json_at(v, 3)->integer && tlc_json_at(v, 3)->ival == 0);
	cr_expect(tlc_json_at(v, 4)->integer && tlc_json_at(v, 4)->ival == INT64_C(9007199254740993),
		  "integers are exact beyond 2^53");
	cr_expect(tlc_json_at(v, 5)->integer && tlc_json_at(v, 5)->ival == INT64_MIN);
	cr_expect(!tlc_json_at(v, 6)->integer, "2^63 does not fit int64");
	cr_expect(!tlc_json_at(v, 7)->integer);
	cr_expect_eq(tlc_json_at(v, 7)->num, 123456789012345678901234567890.0);
	cr_expect_eq(tlc_json_at(v, 8)->num, 5e-324);
	cr_expect(tlc_json_at(v, 9)->num > 1e308, "overflow reads as infinity (the readers refuse it)");
	tlc_json_free(v);
}

Test(json_core, numbers_ignore_the_c_locale)
{
	const char *had = setlocale(LC_NUMERIC, NULL);
	char *saved = had ? strdup(had) : NULL;
	if (!setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
		free(saved);
		if (getenv("TLC_REQUIRE_LOCALES") && *getenv("TLC_REQUIRE_LOCALES") == '1')
			cr_assert_fail("de_DE.UTF-8 is needed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
		cr_skip_test("no de_DE.UTF-8 locale");
	}
	tlc_json *v = parse_ok("[2.5, 0.30000000000000004, 1.7976931348623157e308]");
	cr_expect_eq(tlc_json_at(v, 0)->num, 2.5);
	cr_expect_eq(tlc_json_at(v, 1)->num, 0.30000000000000004, "the strtod path under a comma locale");
	cr_expect_eq(tlc_json_at(v, 2)->num, 1.7976931348623157e308);
	tlc_json_free(v);
	setlocale(LC_NUMERIC, saved ? saved : "C");
	free(saved);
}

Test(json_core, depth_is_bounded_without_recursion)
{
	char ok[2 * TLC_JSON_MAX_DEPTH + 1], deep[2 * 100000 + 1];
	memset(ok, '[', TLC_JSON_MAX_DEPTH);
	memset(ok + TLC_JSON_MAX_DEPTH, ']', TLC_JSON_MAX_DEPTH);
	ok[2 * TLC_JSON_MAX_DEPTH] = 0;
	tlc_json_free(parse_ok(ok));
	memset(deep, '[', 100000);
	memset(deep + 100000, ']', 100000);
	deep[200000] = 0;
	tlc_err e = parse_bad(deep);
	cr_expect(strstr(e.msg, "deeper than 128") != NULL, "%s", e.msg);
	cr_expect_eq(e.offset, TLC_JSON_MAX_DEPTH);
}

Test(json_core, errors_say_where)
{
	tlc_err e = parse_bad("{\n  \"a\": 1,\n  \"b\": [1, 2,]\n}");
	cr_expect_eq(e.offset, 25);
	cr_expect(strstr(e.msg, "line 3, column 14") && strstr(e.msg, "','"), "%s", e.msg);
	tlc_json *v = parse_ok("\xEF\xBB\xBF{\n \"k\":\n   [true]}");
	const tlc_json *k = tlc_json_get(v, "k");
	cr_expect_eq(k->line, 3);
	cr_expect_eq(k->col, 4);
	tlc_json_free(v);
}

Test(json_core, a_long_list_frees_without_recursion)
{
	size_t n = 200000;
	char *s = malloc(n * 2 + 3), *w = s;
	*w++ = '[';
	for (size_t i = 0; i < n; i++) {
		*w++ = '0';
		*w++ = i + 1 < n ? ',' : ']';
	}
	*w = 0;
	tlc_json *v = parse_ok(s);
	cr_expect_eq(v->n, n);
	tlc_json_free(v);
	free(s);
}
