/* lower.h — typed widget spec -> program. */
#ifndef TLC_LOWER_H
#define TLC_LOWER_H
#include "spec/spec.h"
#include "timelinec/program.h"

/* Diagnostics (TL014, TL024, TL025) go to ctx. Returns 0, TLC_EINPUT, TLC_EINVAL (not a
 * widget spec) or TLC_ENOMEM. *out is owned by the caller (tlc_program_free()). */
int tlc_lower(tlc_ctx *ctx, const tlc_spec *s, tlc_program **out);
/* An instant of the spec as a program writes it (a literal, a parameter or now, and an offset);
 * out->param is malloc'd. Returns 0 or TLC_ENOMEM. Live Activity programs use it too. */
int tlc_lower_when(const tlc_sp_when *w, tlc_prog_time *out);
#endif
