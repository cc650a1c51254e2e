/*
 * style.h — the options of the iOS 18 style placeholders ({date-offset, fields: day hour, max: 2,
 * sign: never}); docs/spec.md, "Placeholders". Kept apart from template.c, which finds the
 * placeholder and hands over the text of its options.
 */
#ifndef TLC_STYLE_H
#define TLC_STYLE_H
#include <stddef.h>
#include "timelinec/program.h"

/* Longest message of a refused option, with its terminating NUL. */
#define TLC_STYLE_MSG_CAP 200

typedef struct tlc_style_err {
	size_t off, len;                 /* the refused bytes, relative to the options' text */
	char msg[TLC_STYLE_MSG_CAP];
} tlc_style_err;

/*
 * Parses s[0..n), the text after the style's name (and date field) up to its closing brace: empty,
 * or options each written ", name: value". *out starts from Apple's defaults (TLC_STYLE_DEFAULT).
 * Returns 0, or TLC_EINPUT with *err saying what and where; *out is then unspecified.
 */
int tlc_style_parse(tlc_style *out, const char *s, size_t n, tlc_style_err *err);
/* The same for the style of `kind` (a tlc_run_is_ios18 kind): {date-offset} takes fields, max,
 * sign; {countdown-timer} and {stopwatch} hours, max, precision (docs/spec.md). *out starts from
 * tlc_style_default(kind). tlc_style_parse is this with TLC_RUN_DATE_OFFSET. */
int tlc_style_parse_kind(tlc_style *out, tlc_run_kind kind, const char *s, size_t n,
			 tlc_style_err *err);
#endif
