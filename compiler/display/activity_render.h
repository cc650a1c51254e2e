/* activity_render.h — what each presentation of a Live Activity reads at an instant. */
#ifndef TLC_ACTIVITY_RENDER_H
#define TLC_ACTIVITY_RENDER_H
#include "lower/activity.h"
#include "spec/template.h"
#include "timelinec/render.h"

/* What presentation `pres` (index into tlc_presentation_names) reads at t; *phase says where
 * the activity is in its life. flags: tlc_render_flags of the live runs. */
int tlc_activity_render(tlc_buf *out, unsigned *flags, tlc_la_phase *phase, tlc_ctx *ctx,
			const tlc_la_schedule *sch, int pres, const char *locale, tlc_time t,
			const tlc_zone *dz);
/* Presentation `pres`'s template split into runs (the messages and live runs it shows). */
int tlc__la_split(tlc_ctx *ctx, const tlc_spec *s, int pres, tlc_tmpl *t);
#endif
