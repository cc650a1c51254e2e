/* display.h — what a device shows for a timeline entry at an instant (ICU render module). */
#ifndef TLC_DISPLAY_H
#define TLC_DISPLAY_H
#include "timelinec/render.h"
#include "timelinec/timeline.h"

/* The text of a MESSAGE run in `locale`: the precomputed table, else ICU. */
int tlc_display_message(tlc_buf *out, tlc_render_ctx *rc, const tlc_timeline *tl,
			const tlc_tl_run *run, const char *locale);
/* tlc_format_fn for tlc_timeline_write_json(); ud is a tlc_render_ctx. */
int tlc_display_format_cb(void *ud, tlc_buf *out, const tlc_timeline *tl, const tlc_tl_run *run,
			  const char *locale);
/* The whole text of view v for family fam (DEFAULT when fam is not listed) at instant t, with
 * live runs rendered at t; flags collects tlc_render_flags of the live runs (may be NULL). */
int tlc_display_view(tlc_buf *out, unsigned *flags, tlc_render_ctx *rc, const tlc_timeline *tl,
		     const tlc_tl_view *v, tlc_family_id fam, const char *locale, tlc_time t,
		     const tlc_zone *dz);
#endif
