/*
 * ctx.h — one compilation context: the sources read, the diagnostics found, the arena that
 * holds trees and typed specs, and the zone provider. Not shared between threads.
 */
#ifndef TLC_CTX_H
#define TLC_CTX_H
#include "base/arena.h"
#include "base/diag.h"
#include "base/source.h"
#include "timelinec/render.h"
#include "timelinec/zone.h"

typedef struct tlc_ctx {
	tlc_sources sources;
	tlc_diags diags;
	tlc_arena arena;
	tlc_zones *zones;         /* borrowed: zone provider for event zones */
	tlc_render_ctx *render;   /* borrowed: ICU render context (locale checks, baked text) */
} tlc_ctx;

void tlc_ctx_init(tlc_ctx *c);
void tlc_ctx_release(tlc_ctx *c);
#endif
