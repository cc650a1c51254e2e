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
/* The integer value of an INT scalar (decimal, 0x, 0o); TLC_ERANGE beyond int64. */
int tlc_scalar_int(const tlc_node *n, int64_t *out);
/* The value of an INT or FLOAT scalar as YAML 1.2's core schema reads it (0o17 is 15, 0x1F 31);
 * TLC_ERANGE for .inf, .nan and anything past a double (every consumer wants a finite number),
 * TLC_EINPUT for another kind of scalar. */
int tlc_scalar_number(const tlc_node *n, double *out);
#endif
