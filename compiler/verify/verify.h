/* verify.h — check's verifier: replays under a budget profile and reports findings. */
#ifndef TLC_VERIFY_H
#define TLC_VERIFY_H
#include "spec/spec.h"
#include "timelinec/budget.h"
#include "timelinec/program.h"

typedef struct tlc_verify_opts {
	tlc_budget budget;
	tlc_time now;             /* used when now_given, or when the spec gives no anchor */
	bool now_given;
	const char *display_zone; /* NULL: the spec's zone (UTC when floating) */
	size_t max_candidates;    /* per instantiation; 0: TLC_MAX_CANDIDATES */
} tlc_verify_opts;

/* Appends findings (TL101..TL114) to ctx->diags. Returns 0, TLC_EINVAL (unknown display zone)
 * or TLC_ENOMEM. */
int tlc_verify(tlc_ctx *ctx, const tlc_spec *s, const tlc_program *p, const tlc_verify_opts *o);
#endif
