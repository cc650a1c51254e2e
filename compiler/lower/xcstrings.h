/*
 * xcstrings.h — the String Catalog (.xcstrings, Xcode 15+) of a program's messages, merged into
 * the catalog already there, so translations made in Xcode survive every build.
 *
 * One catalog per widget: its table name is the widget's kind (`Text(key, tableName:)`). Each
 * message key gets the source language's text, converted from ICU MessageFormat to the
 * catalog's printf form: arguments are numbered units first (in the program's unit order), then
 * text parameters (in the message's order), `{days}` is %1$lld, `{courier}` %2$@, a plural is a
 * substitution with one variation per category (`=0` is `zero`). See docs/swift.md.
 *
 * Merging keeps every other language, and every key and field the reader does not know, as it
 * is. A source text that changed marks the other languages' translated units `needs_review`; a
 * key the program no longer has is marked `extractionState: stale`, never deleted.
 */
#ifndef TLC_XCSTRINGS_H
#define TLC_XCSTRINGS_H
#include <stdbool.h>
#include "base/ctx.h"
#include "front/node.h"
#include "timelinec/buf.h"
#include "timelinec/program.h"

#define TLC_MAX_CATALOG_BYTES (16u << 20) /* an existing .xcstrings */
#define TLC_MAX_CATALOG_BYTES_NAME "16 MiB (TLC_MAX_CATALOG_BYTES)"

/* The catalog's format: the printf form of one message, or why it has none (TL027). */
typedef struct tlc_xc_message {
	bool ok;
	const char *value;       /* the string unit's value: "%#@days@ to launch" */
	const char *why;         /* !ok: what the catalog cannot say */
	size_t nsubs;
	struct tlc_xc_sub {
		const char *name;    /* "days" */
		int arg;             /* argNum, 1-based */
		const char *forms[6]; /* zero one two few many other: NULL where not given */
	} *subs;
} tlc_xc_message;

/* Converts message m (its pattern already valid MessageFormat) into `out`, allocated in
 * ctx->arena: units, integer parameters and integer fields of program p are `%N$lld` (and may
 * take a plural), other parameters and fields `%N$@`; p NULL takes every one as text. Returns
 * 0 or TLC_ENOMEM; an inexpressible message is out->ok == false. */
int tlc_xc_convert(tlc_ctx *ctx, const tlc_program *p, const tlc_prog_message *m, tlc_xc_message *out);

/* Whether parameter or field `name` of p is an integer for the catalog (false for p NULL): an
 * integer parameter, or a field every countdown declaring it declares an integer. */
bool tlc_xc_is_integer(const tlc_program *p, const char *name);

/*
 * Reads an existing catalog (registered as `file`) into *root, checking the shape the merge
 * relies on: an object with "sourceLanguage" (string), "strings" (object of objects) and
 * "version" ("1.0" or "1.1"); "localizations" an object of objects. Errors are diagnostics
 * with positions; returns 0 or -1.
 */
int tlc_xc_read(tlc_ctx *ctx, uint32_t file, const tlc_node **root);

/*
 * The catalog of p: `old` (or NULL) merged with p's messages, written into `out` the way Xcode
 * writes catalogs (2-space indent, " : ", keys sorted). `src_file` is the spec the program came
 * from (for the TL027 positions; 0 for none) and `where` the position of a finding without one.
 * `language` is the source language of a new catalog ("en" for en_US). Returns 0 or TLC_ENOMEM.
 */
int tlc_xc_build(tlc_ctx *ctx, const tlc_program *p, const tlc_node *old, uint32_t src_file,
		 tlc_span where, tlc_buf *out);

/* The source language of a new catalog for p: the language of its first locale, else "en". */
void tlc_xc_language(const tlc_program *p, char buf[16]);
#endif
