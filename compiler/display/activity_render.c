/*
 * activity_render.c — what each presentation of a Live Activity reads at an instant, from its
 * schedule: the state showing, where the activity is in its life, its template's messages
 * formatted (ICU) and its live runs rendered as the device would. See activity_render.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display/activity_render.h"
#include "spec/template.h"
#include "timelinec/civil.h"

static const tlc_la_state *state_at(const tlc_la_schedule *sch, tlc_time t)
{
	const tlc_la_state *cur = NULL;
	for (size_t i = 0; i < sch->nstates; i++) {
		/* after the system ended the activity, pushes are ignored */
		if (i > 0 && sch->states[i].at >= sch->system_end)
			break;
		if (sch->states[i].at <= t || i == 0)
			cur = &sch->states[i];
	}
	return cur;
}

static tlc_la_phase phase_at(const tlc_la_schedule *sch, const tlc_la_state *st, tlc_time t)
{
	tlc_time end = sch->end != TLC_TIME_NONE ? sch->end : sch->system_end;
	if (t < sch->start)
		return TLC_LA_NOT_STARTED;
	if (t >= sch->gone)
		return TLC_LA_DISMISSED;
	if (t >= end)
		return TLC_LA_ENDED;
	return st->stale != TLC_TIME_NONE && t >= st->stale ? TLC_LA_STALE : TLC_LA_ACTIVE;
}

int tlc__la_split(tlc_ctx *ctx, const tlc_spec *s, int pres, tlc_tmpl *t)
{
	const char *args[TLC_LA_MAX_FIELDS], *dates[TLC_LA_MAX_FIELDS];
	bool arg_int[TLC_LA_MAX_FIELDS];
	tlc_tmpl_env env;
	tlc_spec_activity_env(s, &env, args, dates, arg_int);
	return tlc_template_split(ctx, s->view_nodes[pres], &env, t);
}

/* When the state holding date field f's current value was set: the interval's start. */
static tlc_time value_since(const tlc_la_schedule *sch, const tlc_la_state *st, int f)
{
	tlc_time since = sch->start;
	for (size_t i = 0; i < sch->nstates && &sch->states[i] <= st; i++)
		if (i == 0 || sch->states[i].values[f].date != sch->states[i - 1].values[f].date)
			since = sch->states[i].at;
	return since;
}

/* The shortest text that reads back as d, with '.' whatever the C locale says. */
static void fmt_double(char b[40], double d)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(b, 40, "%.*g", prec, d);
		for (char *c = b; *c; c++)
			if (*c == ',')
				*c = '.';
		if (strtod(b, NULL) == d || prec == 17)
			break;
	}
}

static int render_message(tlc_buf *out, tlc_render_locale *loc, const tlc_spec *s,
			  const tlc_la_state *st, const tlc_tmpl_run *r)
{
	tlc_msg_arg args[TLC_LA_MAX_FIELDS];
	char num[TLC_LA_MAX_FIELDS][40];
	size_t n = 0;
	for (size_t k = 0; k < r->nnames && n < TLC_LA_MAX_FIELDS; k++) {
		int f = tlc_la_field_index(s, r->names[k]);
		if (f < 0)
			continue;
		const tlc_la_value *v = &st->values[f];
		char *b = num[n];
		switch (s->fields[f].type) {
		case TLC_FIELD_INT:
			args[n++] = (tlc_msg_arg){r->names[k], TLC_MSG_ARG_INT, v->set ? v->i : 0, NULL};
			continue;
		case TLC_FIELD_DOUBLE: fmt_double(b, v->d); break;
		case TLC_FIELD_BOOL: strcpy(b, v->b ? "true" : "false"); break;
		default: b = (char *)(v->text ? v->text : ""); break;
		}
		args[n++] = (tlc_msg_arg){r->names[k], TLC_MSG_ARG_STRING, 0, v->set ? b : ""};
	}
	return tlc_render_msg(out, NULL, loc, r->text, strlen(r->text), args, n);
}

static int render_live(tlc_buf *out, unsigned *flags, tlc_render_locale *loc,
		       const tlc_la_schedule *sch, const tlc_la_state *st, const tlc_tmpl_run *r,
		       tlc_time t, const tlc_zone *dz)
{
	int f = tlc_la_field_index(sch->spec, r->field);
	tlc_time T = f >= 0 && st->values[f].set ? st->values[f].date : t;
	int32_t off = dz ? tlc_zone_offset(dz, T) : 0;
	switch (r->kind) {
	case TLC_RUN_TIMER: return tlc_render_timer(out, flags, loc, t, T);
	case TLC_RUN_COUNTDOWN: {
		/* Text(timerInterval: since...T, pauseTime: T): held at 0:00; a > b clamped */
		tlc_timer_interval ti = TLC_TIMER_INTERVAL_INIT(value_since(sch, st, f), T);
		ti.pause = T;
		return tlc_render_timer_interval(out, flags, loc, t, &ti);
	}
	case TLC_RUN_RELATIVE:
		return tlc_render_relative(out, flags, loc, t, T, off, TLC_RELATIVE_FULL);
	case TLC_RUN_OFFSET: return tlc_render_offset(out, flags, loc, t, T, off);
	case TLC_RUN_DATE_OFFSET: return tlc_render_date_offset(out, flags, loc, t, T, off, &r->style);
	case TLC_RUN_DATE_REFERENCE:
		return tlc_render_date_reference(out, flags, loc, t, T, off, &r->style);
	case TLC_RUN_COUNTDOWN_TIMER:
		return tlc_render_countdown_timer(out, flags, loc, t, value_since(sch, st, f), T,
						  &r->style);
	case TLC_RUN_STOPWATCH: return tlc_render_stopwatch(out, flags, loc, t, T, &r->style);
	case TLC_RUN_DATE: return tlc_render_date(out, loc, T, off);
	case TLC_RUN_TIME: return tlc_render_time(out, loc, T, off);
	default: {
		tlc_time a = value_since(sch, st, f);
		int pct = T <= a || t >= T ? 100 : t <= a ? 0 : (int)((t - a) * 100 / (T - a));
		tlc_buf_printf(out, "[progress %d%%]", pct);
		return 0;
	}
	}
}

int tlc_activity_render(tlc_buf *out, unsigned *flags, tlc_la_phase *phase, tlc_ctx *ctx,
			const tlc_la_schedule *sch, int pres, const char *locale, tlc_time t,
			const tlc_zone *dz)
{
	const tlc_spec *s = sch->spec;
	tlc_render_locale *loc;
	tlc_tmpl tm;
	int err = tlc_render_locale_get(&loc, ctx->render, locale);
	if (flags)
		*flags = 0;
	if (err < 0 || !s->views[pres])
		return err < 0 ? err : TLC_ENOTFOUND;
	const tlc_la_state *st = state_at(sch, t);
	*phase = phase_at(sch, st, t);
	if (*phase == TLC_LA_NOT_STARTED || *phase == TLC_LA_DISMISSED)
		return 0;
	if (*phase == TLC_LA_ENDED && pres != 0)
		return 0; /* an ended activity leaves the Dynamic Island; only the Lock Screen keeps it */
	if ((err = tlc__la_split(ctx, s, pres, &tm)) < 0)
		return err;
	for (size_t i = 0; i < tm.nruns && err == 0; i++) {
		unsigned fl = 0;
		if (tm.runs[i].kind == TLC_RUN_TEXT)
			tlc_buf_puts(out, tm.runs[i].text);
		else if (tm.runs[i].kind == TLC_RUN_MESSAGE)
			err = render_message(out, loc, s, st, &tm.runs[i]);
		else
			err = render_live(out, &fl, loc, sch, st, &tm.runs[i], t, dz);
		if (flags)
			*flags |= fl;
	}
	return err;
}
