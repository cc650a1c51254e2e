/*
 * parse.h — the two front ends. Both read the source already registered in ctx->sources (file
 * id `file`), build a tlc_node tree in ctx->arena and report problems to ctx->diags with rule
 * ids TL001..TL005. They return 0, TLC_EINPUT (diagnostics were added) or TLC_ENOMEM.
 * Limits: node.h (TLC_MAX_*). The whole file must be valid UTF-8 without NUL bytes.
 */
#ifndef TLC_PARSE_H
#define TLC_PARSE_H
#include "base/ctx.h"
#include "front/node.h"

int tlc_parse_yaml(tlc_ctx *ctx, uint32_t file, tlc_node **out);
/* Strict RFC 8259: no leading zeros, no trailing commas, no comments, no duplicate keys,
 * surrogate pairs combined, lone surrogates rejected, numbers kept as written. */
int tlc_parse_json(tlc_ctx *ctx, uint32_t file, tlc_node **out);
/* Picks the reader by extension (.json -> JSON) or, for stdin and other names, by the first
 * non-space byte ('{' or '[' -> JSON). */
int tlc_parse_any(tlc_ctx *ctx, uint32_t file, tlc_node **out);

/* For node.c: offset inside the raw text of a JSON string literal (from the opening quote) of
 * value byte voff; returns (size_t)-1 when voff is past the end. */
size_t tlc_json__string_offset(const char *raw, size_t rawlen, size_t voff);
/* For node.c: the same for a YAML scalar of the given style; raw is its source text (the
 * node's span) and value its decoded value; returns (size_t)-1 when the value cannot be mapped exactly. */
size_t tlc_yaml__value_offset(const char *raw, size_t rawlen, int style, const char *value,
			      size_t vlen, size_t voff);
/* Checks UTF-8 validity; returns the offset of the first bad byte or (size_t)-1 when valid. */
size_t tlc_utf8_check(const char *s, size_t n);
#endif
