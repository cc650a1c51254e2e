/*
 * input.c — reading spec files (bounded) and choosing the front end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "front/parse.h"
#include "front/input.h"

static int input_fail(tlc_ctx *ctx, const char *path, const char *rule, const char *what,
		      const char *detail)
{
	char *empty = malloc(1);
	uint32_t file;
	if (!empty)
		return TLC_ENOMEM;
	empty[0] = 0;
	file = tlc_sources_add(&ctx->sources, path, empty, 0);
	if (!file)
		return TLC_ENOMEM;
	tlc_diag_add(&ctx->diags, rule, tlc_span_make(file, 0, 0), "%s%s", what, detail);
	return TLC_EINPUT;
}

/* Reads at most limit + 1 bytes so an oversized (or endless: /dev/zero) input stops early. */
static int read_bounded(FILE *f, size_t limit, char **text_out, size_t *len_out)
{
	size_t cap = 4096, len = 0;
	char *text = malloc(cap + 1);
	if (!text)
		return TLC_ENOMEM;
	for (;;) {
		if (len == cap) {
			if (cap > limit)
				break;
			cap *= 2;
			char *t = realloc(text, cap + 1);
			if (!t) {
				free(text);
				return TLC_ENOMEM;
			}
			text = t;
		}
		size_t got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(text);
		return TLC_EIO;
	}
	text[len] = 0;
	*text_out = text;
	*len_out = len;
	return 0;
}

int tlc_input_read_as(tlc_ctx *ctx, const char *path, const char *what, size_t limit,
		      const char *limit_name, uint32_t *file_out)
{
	bool is_stdin = strcmp(path, "-") == 0;
	struct stat st;
	char head[64];
	if (!is_stdin && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(head, sizeof head, "cannot read the %s: ", what);
		return input_fail(ctx, path, "TL005", head, "it is a directory");
	}
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(head, sizeof head, "cannot open the %s: ", what);
		return input_fail(ctx, path, "TL005", head, strerror(errno));
	}
	char *text = NULL;
	size_t len = 0;
	int err = read_bounded(f, limit, &text, &len);
	int saved = errno;
	if (!is_stdin)
		fclose(f);
	if (err == TLC_EIO) {
		snprintf(head, sizeof head, "cannot read the %s: ", what);
		return input_fail(ctx, path, "TL005", head, strerror(saved));
	}
	if (err < 0)
		return err;
	if (len > limit) {
		free(text);
		snprintf(head, sizeof head, "the %s is larger than the limit of ", what);
		return input_fail(ctx, path, "TL003", head, limit_name);
	}
	uint32_t file = tlc_sources_add(&ctx->sources, path, text, len);
	if (!file)
		return TLC_ENOMEM;
	*file_out = file;
	return 0;
}

int tlc_input_read(tlc_ctx *ctx, const char *path, uint32_t *file_out)
{
	return tlc_input_read_as(ctx, path, "spec", TLC_MAX_FILE_SIZE, TLC_MAX_FILE_SIZE_NAME, file_out);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* NUL bytes and invalid UTF-8 are refused before either reader sees the text. */
static int check_encoding(tlc_ctx *ctx, uint32_t file, const tlc_source *src)
{
	const char *nul = memchr(src->text, 0, src->len);
	size_t bad = tlc_utf8_check(src->text, src->len);
	if (nul && (bad == (size_t)-1 || (size_t)(nul - src->text) < bad)) {
		size_t at = (size_t)(nul - src->text);
		tlc_diag_add(&ctx->diags, "TL002", tlc_span_make(file, at, at + 1),
			     "the file contains a NUL byte; is it a binary file?");
		return TLC_EINPUT;
	}
	if (bad != (size_t)-1) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL002", tlc_span_make(file, bad, bad + 1),
					   "invalid UTF-8 byte 0x%02x",
					   (unsigned char)src->text[bad]);
		tlc_diag_set_fix(g, "save the file as UTF-8");
		return TLC_EINPUT;
	}
	return 0;
}

int tlc_parse_any(tlc_ctx *ctx, uint32_t file, tlc_node **out)
{
	const tlc_source *src = tlc_sources_get(&ctx->sources, file);
	int err = check_encoding(ctx, file, src);
	if (err < 0)
		return err;
	bool json = ends_with(src->name, ".json");
	if (!json && !ends_with(src->name, ".yaml") && !ends_with(src->name, ".yml")) {
		size_t i = 0;
		if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < src->len && strchr(" \t\r\n", src->text[i]))
			i++;
		json = i < src->len && (src->text[i] == '{' || src->text[i] == '[');
	}
	return json ? tlc_parse_json(ctx, file, out) : tlc_parse_yaml(ctx, file, out);
}
