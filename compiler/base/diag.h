/*
 * diag.h — diagnostics are values, accumulated in a tlc_diags list owned by the context.
 *
 * A diagnostic has a stable rule id (rules.c), a severity, a primary span, an optional related
 * span with a note, a message and a fix. Wording: lowercase, no final period, what is wrong
 * first, user text in single quotes, one line.
 */
#ifndef TLC_DIAG_H
#define TLC_DIAG_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "base/source.h"
#include "timelinec/buf.h"

typedef enum tlc_severity {
	TLC_SEV_NONE = 0, /* suppressed / off */
	TLC_SEV_NOTE,
	TLC_SEV_WARNING,
	TLC_SEV_ERROR,
	TLC_SEV_MAX
} tlc_severity;

typedef struct tlc_diag {
	const char *rule;     /* "TL012"; static */
	tlc_severity sev;
	tlc_span span;
	tlc_span related;     /* file == 0 when absent */
	char *related_note;   /* owned; may be NULL */
	char *message;        /* owned */
	char *fix;            /* owned; may be NULL */
	/* when it happens on the device (verifier findings; has_timing false otherwise) */
	bool has_timing;
	int64_t first;        /* the first instant */
	int64_t worst;        /* the longest it lasts, seconds (INT64_MAX: until the app runs) */
	int64_t tolerated;    /* the largest reload delay with no finding, seconds; -1: none */
	size_t count;         /* occurrences aggregated into this finding */
	/* a suppressed finding (sev is then TLC_SEV_NONE, gating.c): its severity, the reason
	 * written with the suppression (owned, escaped), and where the suppression is */
	tlc_severity suppressed_sev; /* TLC_SEV_NONE: not suppressed */
	char *justification;
	tlc_span suppressed_by;
} tlc_diag;

typedef struct tlc_diags {
	tlc_diag *v;
	size_t n, cap;
	size_t count[TLC_SEV_MAX];
	int oom;
} tlc_diags;

void tlc_diags_init(tlc_diags *d);
void tlc_diags_release(tlc_diags *d);
/* Appends a diagnostic with the rule's default severity; returns it (NULL on OOM) so callers can
 * add a fix or a related span. */
tlc_diag *tlc_diag_add(tlc_diags *d, const char *rule, tlc_span span, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 4, 5)))
#endif
	;
tlc_diag *tlc_diag_vadd(tlc_diags *d, const char *rule, tlc_span span, const char *fmt, va_list ap);
/* Removes diagnostic i (a duplicate), keeping the order of the others. */
void tlc_diag_remove(tlc_diags *d, size_t i);
/* A finding whose severity is not its rule's default: TL102's certain form is an error. */
void tlc_diag_set_severity(tlc_diags *d, tlc_diag *g, tlc_severity sev);
void tlc_diag_set_fix(tlc_diag *g, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void tlc_diag_set_related(tlc_diag *g, tlc_span span, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Sorts by file, offset, rule (stable), so output order is deterministic. */
void tlc_diags_sort(tlc_diags *d);
const char *tlc_severity_name(tlc_severity s);

typedef struct tlc_render_opts {
	int color;   /* 0 never, 1 always */
} tlc_render_opts;

/* gcc form "file:line:col: severity: message [TLxxx]", the source line and a caret line,
 * then "  fix: ..." and related notes. */
void tlc_diag_render_human(tlc_buf *out, const tlc_sources *src, const tlc_diag *g,
			   const tlc_render_opts *o);
/* One JSON object (docs/diagnostics.schema.json). */
void tlc_diag_render_json(tlc_buf *out, const tlc_sources *src, const tlc_diag *g);
/*
 * Appends s[0, n) with what a terminal or a log reader would act on made visible: C0 controls
 * and DEL as \n, \t, \r or \xHH, C1 controls, U+2028/U+2029 and the bidirectional controls
 * (U+202A..202E, U+2066..2069) as \uHHHH, bytes that are not
 * UTF-8 as \xHH. Every diagnostic's message, fix and note goes through it, so a spec value
 * ("x\nother.yaml:99:1: error: forged") cannot forge a line, nor ESC or BEL reach the terminal.
 */
void tlc_diag_escape(tlc_buf *out, const char *s, size_t n);
#endif
