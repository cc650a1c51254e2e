/* bake.h — precomputed message text per locale, for runtimes without ICU (see bake.c). */
#ifndef TLC_BAKE_H
#define TLC_BAKE_H
#include "spec/spec.h"
#include "timelinec/program.h"
#include "timelinec/render.h"

/* Fills p->baked. Returns 0 or a negative status (TLC_ENOMEM, or a formatting error). */
/* Precomputes baked text (above). A message ICU cannot format in one of the spec's locales is a
 * TL025 diagnostic (at the spec's locales) and TLC_EINPUT; TLC_ENOMEM adds none. */
int tlc_bake(tlc_ctx *ctx, const tlc_spec *s, tlc_program *p);
#endif
