/* Source texts and offset -> line:col; see source.h. */
#include <stdlib.h>
#include <string.h>
#include "base/source.h"

void tlc_sources_init(tlc_sources *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

void tlc_sources_release(tlc_sources *s)
{
	for (size_t i = 1; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].text);
		free(s->v[i].lines);
	}
	free(s->v);
	tlc_sources_init(s);
}

/* A line break is LF, CRLF or a lone CR (YAML 1.2 and editors agree). */
static bool line_break_at(const tlc_source *src, size_t i)
{
	return src->text[i] == '\n' || (src->text[i] == '\r' && (i + 1 >= src->len || src->text[i + 1] != '\n'));
}

static int source_index_lines(tlc_source *src)
{
	size_t n = 1;
	for (size_t i = 0; i < src->len; i++)
		n += line_break_at(src, i);
	src->lines = malloc(n * sizeof *src->lines);
	if (!src->lines)
		return -1;
	src->nlines = 0;
	/* a UTF-8 byte order mark is not part of line 1: columns and shown lines start after it */
	src->lines[src->nlines++] = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (size_t i = 0; i < src->len; i++)
		if (line_break_at(src, i))
			src->lines[src->nlines++] = (uint32_t)(i + 1);
	return 0;
}

uint32_t tlc_sources_add(tlc_sources *s, const char *name, char *text, size_t len)
{
	if (s->n == 0)
		s->n = 1; /* id 0 is "no file" */
	if (s->n == s->cap || !s->v) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		tlc_source *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			goto fail;
		s->v = v;
		s->cap = cap;
	}
	tlc_source *src = &s->v[s->n];
	memset(src, 0, sizeof *src);
	src->name = strdup(name);
	src->text = text;
	src->len = len;
	if (!src->name || source_index_lines(src) < 0) {
		free(src->name);
		goto fail;
	}
	return (uint32_t)s->n++;
fail:
	free(text);
	return 0;
}

const tlc_source *tlc_sources_get(const tlc_sources *s, uint32_t file)
{
	return file > 0 && file < s->n ? &s->v[file] : NULL;
}

static size_t source_line_index(const tlc_source *src, size_t off)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void tlc_source_linecol(const tlc_source *src, size_t off, unsigned *line, unsigned *col)
{
	if (off > src->len)
		off = src->len;
	size_t li = source_line_index(src, off);
	unsigned c = 1;
	for (size_t i = src->lines[li]; i < off; i++)
		c += ((unsigned char)src->text[i] & 0xC0) != 0x80; /* count code points */
	*line = (unsigned)li + 1;
	*col = c;
}

void tlc_source_line(const tlc_source *src, size_t off, const char **start, size_t *len)
{
	if (off > src->len)
		off = src->len;
	size_t li = source_line_index(src, off);
	size_t b = src->lines[li], e = b;
	while (e < src->len && src->text[e] != '\n' && src->text[e] != '\r')
		e++;
	if (e > b && src->text[e - 1] == '\r')
		e--;
	*start = src->text + b;
	*len = e - b;
}
