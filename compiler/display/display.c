/*
 * display.c — the text a device shows for a timeline entry at an instant, through the ICU
 * render module: baked messages (precomputed table first, then ICU), literal text, and the
 * self-updating runs rendered at that instant. Used by `render`, `compile --timeline` (the
 * message texts) and the verifier.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display/display.h"

int tlc_display_message(tlc_buf *out, tlc_render_ctx *rc, const tlc_timeline *tl,
			const tlc_tl_run *run, const char *locale)
{
	const tlc_program *p = tl->program;
	const tlc_prog_message *m = &p->messages[run->message];
	const char *baked = tlc_timeline_baked(tl, run, locale);
	tlc_msg_arg args[TLC_UNIT_COUNT + 16];
	size_t n = 0;
	tlc_render_locale *loc;
	if (baked) {
		tlc_buf_puts(out, baked);
		return 0;
	}
	int err = tlc_render_locale_get(&loc, rc, locale);
	if (err < 0)
		return err;
	for (int u = 0; u < TLC_UNIT_COUNT; u++)
		if (m->units & (1u << u))
			args[n++] = (tlc_msg_arg){tlc_unit_name(1u << u), TLC_MSG_ARG_INT, run->args[u], NULL};
	for (size_t i = 0; i < m->nparams && n < sizeof args / sizeof args[0]; i++) {
		const char *v = NULL;
		tlc_prog_param_type type = TLC_PPARAM_TEXT;
		for (size_t j = 0; j < p->nparams; j++)
			if (strcmp(p->params[j].name, m->params[i]) == 0) {
				type = p->params[j].type;
				v = tl->param_text ? tl->param_text[j] : NULL;
			}
		/* a field of the event item the run shows (fields and parameters never share a name) */
		const tlc_prog_countdown *ec = run->event ? run->event->countdown : NULL;
		for (size_t j = 0; ec && j < ec->nfields; j++)
			if (strcmp(ec->fields[j].name, m->params[i]) == 0) {
				type = ec->fields[j].is_int ? TLC_PPARAM_INTEGER : TLC_PPARAM_TEXT;
				v = run->event->values[j];
			}
		if (type == TLC_PPARAM_INTEGER && v)
			args[n++] = (tlc_msg_arg){m->params[i], TLC_MSG_ARG_INT, strtoll(v, NULL, 10), NULL};
		else
			args[n++] = (tlc_msg_arg){m->params[i], TLC_MSG_ARG_STRING, 0, v ? v : ""};
	}
	return tlc_render_msg(out, NULL, loc, m->pattern, strlen(m->pattern), args, n);
}

int tlc_display_format_cb(void *ud, tlc_buf *out, const tlc_timeline *tl, const tlc_tl_run *run,
			  const char *locale)
{
	return tlc_display_message(out, ud, tl, run, locale);
}

static int display_live(tlc_buf *out, unsigned *flags, tlc_render_locale *loc,
			const tlc_tl_run *r, tlc_time t, const tlc_zone *dz)
{
	int32_t off = dz ? tlc_zone_offset(dz, r->target) : 0;
	switch (r->kind) {
	case TLC_RUN_TIMER:
		if (r->pause != TLC_TIME_NONE && t >= r->pause)
			t = r->pause;
		return tlc_render_timer(out, flags, loc, t, r->target);
	case TLC_RUN_COUNTDOWN: {
		tlc_timer_interval ti = TLC_TIMER_INTERVAL_INIT(r->from, r->target);
		ti.pause = r->pause != TLC_TIME_NONE ? r->pause : r->target;
		return tlc_render_timer_interval(out, flags, loc, t, &ti);
	}
	case TLC_RUN_RELATIVE:
		return tlc_render_relative(out, flags, loc, t, r->target, dz ? tlc_zone_offset(dz, t) : 0,
					   TLC_RELATIVE_FULL);
	case TLC_RUN_OFFSET:
		return tlc_render_offset(out, flags, loc, t, r->target, dz ? tlc_zone_offset(dz, t) : 0);
	case TLC_RUN_DATE_OFFSET:
		return tlc_render_date_offset(out, flags, loc, t, r->target,
					      dz ? tlc_zone_offset(dz, t) : 0, &r->style);
	case TLC_RUN_DATE_REFERENCE:
		return tlc_render_date_reference(out, flags, loc, t, r->target,
						 dz ? tlc_zone_offset(dz, t) : 0, &r->style);
	case TLC_RUN_COUNTDOWN_TIMER:
		return tlc_render_countdown_timer(out, flags, loc, t, r->from, r->target, &r->style);
	case TLC_RUN_STOPWATCH:
		return tlc_render_stopwatch(out, flags, loc, t, r->target, &r->style);
	case TLC_RUN_DATE:
		return tlc_render_date(out, loc, r->target, off);
	case TLC_RUN_TIME:
		return tlc_render_time(out, loc, r->target, off);
	case TLC_RUN_PROGRESS: {
		int64_t span = r->target - r->from, done = t - r->from;
		int pct = span <= 0 ? 100 : done <= 0 ? 0 : done >= span ? 100 : (int)(done * 100 / span);
		tlc_buf_printf(out, "[progress %d%%]", pct);
		return 0;
	}
	default:
		return TLC_EINVAL;
	}
}

int tlc_display_view(tlc_buf *out, unsigned *flags, tlc_render_ctx *rc, const tlc_timeline *tl,
		     const tlc_tl_view *v, tlc_family_id fam, const char *locale, tlc_time t,
		     const tlc_zone *dz)
{
	tlc_render_locale *loc;
	int err = tlc_render_locale_get(&loc, rc, locale);
	if (err < 0)
		return err;
	if (flags)
		*flags = 0;
	const tlc_tl_run *runs = v->runs[fam] ? v->runs[fam] : v->runs[TLC_FAM_DEFAULT];
	size_t n = v->runs[fam] ? v->nruns[fam] : v->nruns[TLC_FAM_DEFAULT];
	for (size_t i = 0; i < n && err == 0; i++) {
		const tlc_tl_run *r = &runs[i];
		unsigned f = 0;
		if (r->kind == TLC_RUN_TEXT)
			tlc_buf_puts(out, r->text);
		else if (r->kind == TLC_RUN_MESSAGE)
			err = tlc_display_message(out, rc, tl, r, locale);
		else
			err = display_live(out, &f, loc, r, t, dz);
		if (flags)
			*flags |= f;
	}
	return err;
}
