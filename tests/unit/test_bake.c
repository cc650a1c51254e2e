/*
 * test_bake.c — baking (compiler/lower/bake.c): a text written again (the same pattern for
 * several families, in several countdowns) is formatted once per locale and copied, and the copy
 * is the table a fresh formatting gives: equal texts and keys, its own memory, the same bytes
 * counted against TLC_MAX_PROGRAM_BYTES (the same TL003 at the same message).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include "helpers.h"
#include "lower/bake.h"
#include "lower/lower.h"

static tlc_program *bake_spec(tctx *t, const char *text, int *rc)
{
	tlc_spec *spec = NULL;
	tlc_program *p = NULL;
	tctx_open(t);
	uint32_t f = tctx_add(t, "bake.yaml", text);
	cr_assert_eq(tlc_spec_load(&t->ctx, f, &spec), 0);
	cr_assert_eq(tlc_lower(&t->ctx, spec, &p), 0);
	*rc = tlc_bake(&t->ctx, spec, p);
	return p;
}

static const tlc_prog_baked *table(const tlc_program *p, uint32_t message, const char *locale)
{
	for (size_t k = 0; k < p->nbaked; k++)
		if (p->baked[k].message == message && strcmp(p->baked[k].locale, locale) == 0)
			return &p->baked[k];
	return NULL;
}

static void assert_same_table(const tlc_prog_baked *a, const tlc_prog_baked *b, size_t nu)
{
	cr_assert(a && b);
	cr_assert_eq(a->ntuples, b->ntuples);
	cr_assert_gt(a->ntuples, 0);
	for (size_t k = 0; k < a->ntuples; k++) {
		cr_assert_str_eq(a->texts[k], b->texts[k]);
		cr_assert_neq(a->texts[k], b->texts[k], "a copy has its own strings");
		for (size_t u = 0; u < nu; u++)
			cr_assert_eq(a->keys[k * nu + u], b->keys[k * nu + u]);
	}
}

Test(bake, the_same_text_twice_bakes_the_same_tables)
{
	/* one pattern in two families of one countdown and in a second countdown with the same
	   target; a third text differs by a '!' and is formatted on its own */
	static const char spec[] =
		"timelinec: 1\nwidget: W\ntimezone: Europe/Berlin\nlocales: [en_US, ar_EG, ru_RU]\n"
		"window: 2026-12-01 00:00 .. 2026-12-31 00:00\ncountdowns:\n"
		"  - id: a\n    to: 2026-12-30 09:00\n    show:\n      - above: 0s\n        text:\n"
		"          default: \"{days, plural, one {# day} other {# days}}\"\n"
		"          small: \"{days, plural, one {# day} other {# days}}\"\n"
		"          medium: \"{days, plural, one {# day} other {# days}}!\"\n"
		"      - text: Done\n"
		"  - id: b\n    to: 2026-12-30 09:00\n    show:\n      - above: 0s\n"
		"        text: \"{days, plural, one {# day} other {# days}}\"\n      - text: Done\n";
	tctx t;
	int rc;
	tlc_program *p = bake_spec(&t, spec, &rc);
	cr_assert_eq(rc, 0);
	cr_assert_eq(p->nmessages, 4);
	cr_assert_eq(p->nbaked, 4 * 3);
	const char *locs[] = {"en_US", "ar_EG", "ru_RU"};
	for (int l = 0; l < 3; l++) {
		assert_same_table(table(p, 0, locs[l]), table(p, 1, locs[l]), 1);
		assert_same_table(table(p, 0, locs[l]), table(p, 3, locs[l]), 1);
		/* the third differs: its own texts, each one '!' longer */
		const tlc_prog_baked *a = table(p, 0, locs[l]), *c = table(p, 2, locs[l]);
		cr_assert_eq(a->ntuples, c->ntuples);
		for (size_t k = 0; k < a->ntuples; k++)
			cr_assert_eq(strlen(c->texts[k]), strlen(a->texts[k]) + 1);
	}
	cr_assert_str_eq(table(p, 0, "en_US")->texts[1], "1 day");
	tlc_program_free(p);
	tctx_close(&t);
}

/* Past TLC_MAX_PROGRAM_BYTES the copies count as the first tables do: 64 countdowns with one
 * text in every family, 9 locales, a day count over a year. */
Test(bake, copies_count_against_the_program_limit)
{
	static const char *const fams[] = {"default", "small", "medium", "large", "extraLarge",
					   "accessoryInline", "accessoryCircular", "accessoryRectangular"};
	size_t cap = 64 * 1024, n = 0;
	char *s = malloc(cap);
	cr_assert(s);
	n += (size_t)snprintf(s + n, cap - n,
			      "timelinec: 1\nwidget: W\ntimezone: Europe/Berlin\n"
			      "locales: [en_US, de_DE, fr_FR, ja_JP, ar_EG, ru_RU, es_ES, zh_CN, tr_TR]\n"
			      "window: 2026-12-07T00:00:00Z .. 2027-12-07T00:00:00Z\ncountdowns:\n");
	for (int i = 0; i < 64; i++) {
		n += (size_t)snprintf(s + n, cap - n, "  - id: c%d\n    to: 2027-12-01 09:00\n    show:\n"
				      "      - above: 0s\n        text:\n", i);
		for (int f = 0; f < 8; f++)
			n += (size_t)snprintf(s + n, cap - n, "          %s: \"{days} d\"\n", fams[f]);
		n += (size_t)snprintf(s + n, cap - n, "      - text: Done\n");
	}
	cr_assert_lt(n, cap);
	tctx t;
	int rc;
	tlc_program *p = bake_spec(&t, s, &rc);
	cr_assert_eq(rc, TLC_EINPUT);
	const tlc_diag *g = tctx_find(&t, "TL003");
	cr_assert(g);
	/* 367 texts of 3-7 bytes plus 16 bytes of keys each: message 247 in ru_RU, where it was
	   when every table was formatted (the build before the copies said so) */
	cr_assert(strstr(g->message, "at message 247 of 512, in ru_RU"), "%s", g->message);
	tlc_program_free(p);
	tctx_close(&t);
	free(s);
}
