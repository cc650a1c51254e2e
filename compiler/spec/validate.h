/*
 * validate.h — structural validation of a node tree against the key table (schema.h).
 */
#ifndef TLC_VALIDATE_H
#define TLC_VALIDATE_H
#include "base/ctx.h"
#include "front/node.h"
#include "spec/schema.h"

/* Appends a diagnostic per problem; returns 0 or TLC_EINPUT. */
int tlc_validate(tlc_ctx *ctx, const tlc_node *root, const tlc_type *t);
/* The candidate closest to word within a small edit distance, or NULL. NULL entries are skipped. */
const char *tlc_suggest(const char *word, size_t len, const char *const *cands, size_t n);
/* Levenshtein distance between (a, la) and (b, lb), bounded: limit + 1 when farther. */
size_t tlc_edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit);
/*
 * What an unknown zone name may have meant, as the text of a fix ("did you mean 'Europe/Berlin'?",
 * or what an abbreviation like 'PST' stands for), appended to `fix`; nothing when nothing fits.
 * Candidates are the zone files under `zonedir` (NULL: abbreviations only), sorted, so the
 * answer is the same on every run: a case-insensitive match first, then the closest name or
 * city within a small edit distance (the first in sorted order on a tie).
 */
void tlc_zone_suggest(tlc_buf *fix, const char *name, const char *zonedir);
/*
 * A legacy name the zone database still has but that is no place ("CET", "EST", "PST8PDT"):
 * true, with the warning's message and fix (static text). False for any other name.
 */
bool tlc_zone_legacy(const char *name, const char **msg, const char **fix);
/* The integer value of an INT scalar (decimal, 0x, 0o); TLC_ERANGE beyond int64. */
int tlc_scalar_int(const tlc_node *n, int64_t *out);
/* The value of an INT or FLOAT scalar as YAML 1.2's core schema reads it (0o17 is 15, 0x1F 31);
 * TLC_ERANGE for .inf, .nan and anything past a double (every consumer wants a finite number),
 * TLC_EINPUT for another kind of scalar. */
int tlc_scalar_number(const tlc_node *n, double *out);
#endif
