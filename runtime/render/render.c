/* Render contexts, locale handles and plural category names; contracts in timelinec/render.h. */
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

int tlc_render_ctx_new(tlc_render_ctx **out)
{
	tlc_render_ctx *ctx;
	if (!out)
		return TLC_EINVAL;
	if (!(ctx = calloc(1, sizeof *ctx)))
		return TLC_ENOMEM;
	*out = ctx;
	return 0;
}

static void locale_free(tlc_render_locale *loc)
{
	if (!loc)
		return;
	tlc_icu__locale_free(loc->icu);
	free(loc);
}

void tlc_render_ctx_free(tlc_render_ctx *ctx)
{
	if (!ctx)
		return;
	for (size_t k = 0; k < ctx->n_locales; k++)
		locale_free(ctx->locales[k]);
	free(ctx);
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* [A-Za-z0-9][A-Za-z0-9_-]* ["@" [A-Za-z0-9=;_-]*], at most TLC_RENDER_LOCALE_MAX_LEN bytes. */
static bool locale_syntax_ok(const char *name)
{
	bool kw = false;
	size_t n = 0;
	if (!is_alnum(name[0]))
		return false;
	for (; name[n]; n++) {
		char c = name[n];
		if (n >= TLC_RENDER_LOCALE_MAX_LEN)
			return false;
		if (is_alnum(c) || c == '_' || c == '-')
			continue;
		if (c == '@' && !kw)
			kw = true;
		else if (!(kw && (c == '=' || c == ';')))
			return false;
	}
	return true;
}

static tlc_render_locale *locale_find(tlc_render_ctx *ctx, const char *name)
{
	for (size_t k = 0; k < ctx->n_locales; k++) {
		tlc_render_locale *loc = ctx->locales[k];
		if (strcmp(loc->req, name) == 0 || strcmp(loc->name, name) == 0)
			return loc;
	}
	return NULL;
}

int tlc_render_locale_get(tlc_render_locale **out, tlc_render_ctx *ctx, const char *name)
{
	tlc_render_locale *loc = NULL, *same;
	int error = 0;
	if (!out || !ctx || !name)
		return TLC_EINVAL;
	if ((loc = locale_find(ctx, name)) != NULL)
		goto found;
	if (!locale_syntax_ok(name))
		return TLC_ENOTFOUND;
	if (!(loc = calloc(1, sizeof *loc)))
		return TLC_ENOMEM;
	error = tlc_icu__locale_open(&loc->icu, loc->name, sizeof loc->name, &loc->digits, name);
	if (error < 0)
		goto out;
	memcpy(loc->req, name, strlen(name) + 1);
	if ((same = locale_find(ctx, loc->name)) != NULL) { /* "de-DE" after "de_DE" */
		locale_free(loc);
		loc = same;
		goto found;
	}
	if (ctx->n_locales == TLC_RENDER_MAX_LOCALES) {
		error = TLC_ERANGE;
		goto out;
	}
	ctx->locales[ctx->n_locales++] = loc;
found:
	*out = loc;
	return 0;
out:
	locale_free(loc);
	return error;
}

const char *tlc_render_locale_name(const tlc_render_locale *loc) { return loc ? loc->name : ""; }

bool tlc_render_locale_ascii_digits(const tlc_render_locale *loc)
{
	return loc ? loc->digits.ascii : true;
}

static const char *const cat_names[6] = {"zero", "one", "two", "few", "many", "other"};

const char *tlc_plural_cat_name(unsigned cat)
{
	for (unsigned k = 0; k < 6; k++)
		if (cat == 1u << k)
			return cat_names[k];
	return NULL;
}

unsigned tlc_plural__cat_from_name(const char *s, size_t n)
{
	for (unsigned k = 0; k < 6; k++)
		if (strlen(cat_names[k]) == n && memcmp(cat_names[k], s, n) == 0)
			return 1u << k;
	return 0;
}

int tlc_render_plural_categories(unsigned *out, tlc_render_locale *loc, bool ordinal)
{
	unsigned mask = 0;
	int error;
	if (!out || !loc)
		return TLC_EINVAL;
	if ((error = tlc_icu__plural_keywords(&mask, loc->icu, ordinal)) < 0)
		return error;
	*out = mask;
	return 0;
}
