/*
 * source.h — the text of every input file and the map from byte offsets to line:col.
 *
 * Positions travel as tlc_span {file, start, end}: byte offsets into the file's text. They are
 * converted to 1-based line and column only when reported. Columns count Unicode code points
 * (as editors and Xcode show them), so an "é" before a key counts as one column.
 */
#ifndef TLC_SOURCE_H
#define TLC_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tlc_span {
	uint32_t file;  /* index into tlc_sources; 0 = none */
	uint32_t start; /* byte offset */
	uint32_t end;   /* byte offset, exclusive; end == start for a point */
} tlc_span;

#define TLC_SPAN_NONE ((tlc_span){0, 0, 0})

typedef struct tlc_source {
	char *name;      /* as the user wrote it ("-" shows as "<stdin>") */
	char *text;      /* the bytes, NUL-terminated (the file may contain NULs: len is the truth) */
	size_t len;
	uint32_t *lines; /* byte offset of the start of each line */
	size_t nlines;
} tlc_source;

typedef struct tlc_sources {
	tlc_source *v; /* v[0] is unused: file id 0 means "no file" */
	size_t n, cap;
} tlc_sources;

void tlc_sources_init(tlc_sources *s);
void tlc_sources_release(tlc_sources *s);
/* Takes ownership of text (malloc'd, len bytes plus a NUL). Returns the file id or 0 on OOM. */
uint32_t tlc_sources_add(tlc_sources *s, const char *name, char *text, size_t len);
const tlc_source *tlc_sources_get(const tlc_sources *s, uint32_t file);
/* 1-based line and column (code points) of byte offset off. */
void tlc_source_linecol(const tlc_source *src, size_t off, unsigned *line, unsigned *col);
/* The line containing off, without its newline. */
void tlc_source_line(const tlc_source *src, size_t off, const char **start, size_t *len);
static inline tlc_span tlc_span_make(uint32_t file, size_t start, size_t end)
{
	tlc_span s = {file, (uint32_t)start, (uint32_t)end};
	return s;
}
#endif
