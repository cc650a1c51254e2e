/* input.h — reading an input file into the context's sources: the size limit, UTF-8 and NUL
 * checks, and the reader the file's name or first byte picks (YAML or JSON). */
#ifndef TLC_INPUT_H
#define TLC_INPUT_H
#include <stddef.h>
#include <stdint.h>
#include "base/ctx.h"

/* Reads a file into ctx->sources with the size limit; TL005/TL003 diagnostics on failure. */
int tlc_input_read(tlc_ctx *ctx, const char *path, uint32_t *file_out);
/* The same for another kind of input (`what`: "program", "timeline", "configuration file"),
 * bounded by `limit` bytes, named in the TL003 it gives beyond ("16 MiB (TLC_MAX_PROGRAM_BYTES)"). */
int tlc_input_read_as(tlc_ctx *ctx, const char *path, const char *what, size_t limit,
		      const char *limit_name, uint32_t *file_out);
#endif
