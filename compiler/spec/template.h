/*
 * template.h — splitting a text template into runs: literal text, baked messages (ICU
 * MessageFormat with named arguments) and self-updating placeholders the device renders.
 *
 * Grammar (docs/spec.md, "Templates"): ICU MessageFormat text, where a top-level argument whose
 * name is a self-updating style ({timer}, {countdown}, {relative}, {offset}, {date}, {time},
 * {progress}, and the iOS 18 {date-offset} with options: {date-offset, fields: day hour}; in Live
 * Activities optionally with a date field: {countdown eta}) becomes its own run. Everything between them is one message if it has arguments, else literal text.
 * Self-updating placeholders may not stand inside a plural or select branch (TL025).
 */
#ifndef TLC_TEMPLATE_H
#define TLC_TEMPLATE_H
#include "base/ctx.h"
#include "front/node.h"
#include "timelinec/program.h"

typedef struct tlc_tmpl_run {
	tlc_run_kind kind;
	char *text;          /* TEXT: literal (quoting resolved); MESSAGE: the ICU pattern */
	unsigned units;      /* MESSAGE: tlc_unit bits */
	const char **names;  /* MESSAGE: other argument names (params, content-state fields) */
	size_t nnames;
	const char *field;   /* live run on a Live Activity date field, or NULL */
	tlc_style style;     /* tlc_run_is_ios18 kinds: their options (spec/style.h) */
	bool to_end;         /* live run `{timer end}`: to the event item's end */
	size_t off, len;     /* bytes of the template */
	tlc_span span;
} tlc_tmpl_run;

typedef struct tlc_tmpl {
	tlc_tmpl_run *runs;
	size_t nruns;
} tlc_tmpl;

/* What names a template may use besides the time units. */
typedef struct tlc_tmpl_env {
	const char *const *args;      /* text/number parameters or content-state fields */
	size_t nargs;
	const char *const *dates;     /* Live Activity date fields live runs may name */
	size_t ndates;
	bool activity;                /* live runs need a field ({countdown eta}) */
	const bool *arg_int;          /* per arg: an integer (a message reads it as a number); the
					 others reach messages as strings. NULL: all strings */
	int minimum_ios;              /* the spec's minimum-ios: an iOS 18 style below 18 is TL033;
					 0: not checked */
	bool item_end;                /* an events countdown's phase: `{timer end}` may stand */
	const char *const *absent;    /* names that exist elsewhere but not here (an `empty:` text:
					 the items' fields), said so when used; may be NULL */
	size_t nabsent;
} tlc_tmpl_env;

/* Whether a name is one templates give a meaning of their own: a time unit ({days},
 * {total-minutes}, ...) or a self-updating style ({timer}, {date}, ...). A parameter or a
 * content-state field cannot have it: '{minutes}' would not show the field. */
bool tlc_template_reserved(const char *name, size_t len);

/* Splits node n's string (a template). Diagnostics (TL025) go to ctx; returns 0 or TLC_EINPUT.
 * Everything is allocated in ctx->arena. */
int tlc_template_split(tlc_ctx *ctx, const tlc_node *n, const tlc_tmpl_env *env, tlc_tmpl *out);
#endif
