/* bake.h — precomputed message text per locale, for runtimes without ICU (see bake.c). */
#ifndef TLC_BAKE_H
#define TLC_BAKE_H
#include "spec.h"
#include "timelinec/program.h"
#include "timelinec/render.h"

/* Fills p->baked. Returns 0 or a negative status (TLC_ENOMEM, or a formatting error). */
int tlc_bake(tlc_render_ctx *rc, const tlc_spec *s, tlc_program *p);
#endif
