/* Compilation context; see ctx.h. */
#include "base/ctx.h"

void tlc_ctx_init(tlc_ctx *c)
{
	tlc_sources_init(&c->sources);
	tlc_diags_init(&c->diags);
	tlc_arena_init(&c->arena);
	c->zones = NULL;
	c->render = NULL;
}

void tlc_ctx_release(tlc_ctx *c)
{
	tlc_sources_release(&c->sources);
	tlc_diags_release(&c->diags);
	tlc_arena_release(&c->arena);
}
