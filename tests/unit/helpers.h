/* helpers.h — shared fixtures for the compiler's unit tests (not a test file itself). */
#ifndef TLC_TEST_HELPERS_H
#define TLC_TEST_HELPERS_H
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "base/ctx.h"
#include "front/parse.h"
#include "spec/spec.h"

typedef struct tctx {
	tlc_ctx ctx;
	tlc_zones *zones;
	tlc_render_ctx *render;
	uint32_t file;
} tctx;

static inline void tctx_open(tctx *t)
{
	memset(t, 0, sizeof *t);
	tlc_ctx_init(&t->ctx);
	cr_assert_eq(tlc_zones_new_tzif(&t->zones, NULL), 0, "system zoneinfo must be present");
	cr_assert_eq(tlc_render_ctx_new(&t->render), 0);
	t->ctx.zones = t->zones;
	t->ctx.render = t->render;
}

static inline void tctx_close(tctx *t)
{
	tlc_ctx_release(&t->ctx);
	tlc_render_ctx_free(t->render);
	tlc_zones_free(t->zones);
}

static inline uint32_t tctx_add(tctx *t, const char *name, const char *text)
{
	size_t n = strlen(text);
	char *copy = malloc(n + 1);
	memcpy(copy, text, n + 1);
	t->file = tlc_sources_add(&t->ctx.sources, name, copy, n);
	cr_assert_neq(t->file, 0);
	return t->file;
}

/* The first diagnostic of `rule`, or NULL. */
static inline const tlc_diag *tctx_find(const tctx *t, const char *rule)
{
	for (size_t i = 0; i < t->ctx.diags.n; i++)
		if (strcmp(t->ctx.diags.v[i].rule, rule) == 0)
			return &t->ctx.diags.v[i];
	return NULL;
}

static inline void tctx_linecol(const tctx *t, tlc_span sp, unsigned *line, unsigned *col)
{
	tlc_source_linecol(tlc_sources_get(&t->ctx.sources, sp.file), sp.start, line, col);
}

/* Asserts a diagnostic of `rule` at line:col whose message contains `needle`. */
#define assert_diag(t, rule, L, C, needle)                                                          \
	do {                                                                                        \
		const tlc_diag *g_ = tctx_find((t), (rule));                                        \
		cr_assert_not_null(g_, "expected a %s diagnostic", (rule));                         \
		unsigned l_, c_;                                                                    \
		tctx_linecol((t), g_->span, &l_, &c_);                                              \
		cr_expect_eq(l_, (unsigned)(L), "%s line: got %u, want %u (%s)", (rule), l_,        \
			     (unsigned)(L), g_->message);                                           \
		cr_expect_eq(c_, (unsigned)(C), "%s col: got %u, want %u (%s)", (rule), c_,         \
			     (unsigned)(C), g_->message);                                           \
		cr_expect(strstr(g_->message, (needle)) != NULL, "%s message '%s' lacks '%s'",      \
			  (rule), g_->message, (needle));                                           \
	} while (0)
#endif
