/*
 * activity.c — Live Activity schedules: the content states over the activity's life, the APNs
 * requests that carry them, what each presentation reads at an instant, and the rules of
 * ActivityKit that `check` enforces. See activity.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lower/activity.h"
#include "lower/lower.h"
#include "core/jsonw.h"
#include "spec/template.h"
#include "spec/validate.h"
#include "timelinec/civil.h"

#define DEFERRED_EPOCH 978307200 /* 2001-01-01T00:00:00Z, Swift's JSONDecoder default */

const char *tlc_la_phase_name(tlc_la_phase p)
{
	static const char *const names[] = {"not started", "active", "stale", "ended", "dismissed"};
	return (unsigned)p < TLC_LA_PHASE_MAX ? names[p] : "?";
}

bool tlc_la_value_equal(const tlc_spec *s, size_t f, const tlc_la_value *u, const tlc_la_value *v)
{
	if (u->set != v->set || !u->set)
		return u->set == v->set;
	switch (s->fields[f].type) {
	case TLC_FIELD_DATE: return u->date == v->date;
	case TLC_FIELD_INT: return u->i == v->i;
	case TLC_FIELD_DOUBLE: return u->d == v->d;
	case TLC_FIELD_BOOL: return u->b == v->b;
	default: return strcmp(u->text ? u->text : "", v->text ? v->text : "") == 0;
	}
}

/* ---- building ------------------------------------------------------------------------------- */

static int field_index(const tlc_spec *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const char *event_name(tlc_la_event e)
{
	return e == TLC_LA_START ? "start" : e == TLC_LA_END ? "end" : "update";
}

/* ---- lowering: the spec's program ------------------------------------------------------------ */

static char *dup(const char *s, bool *oom)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		*oom = true;
	return d;
}

/* A static attribute as JSON: its scalar's own type (a number stays a number). */
static char *attribute_json(const tlc_node *n)
{
	tlc_buf b = TLC_BUF_INIT;
	int64_t i;
	double d;
	jsonw w;
	switch (n->type) {
	case TLC_SCALAR_INT:
		if (tlc_scalar_int(n, &i) == 0) {
			tlc_buf_printf(&b, "%lld", (long long)i);
			return tlc_buf_detach(&b);
		}
		break;
	case TLC_SCALAR_FLOAT:
		if (tlc_scalar_number(n, &d) == 0 && isfinite(d)) {
			jw_init(&w, &b);
			jw_num(&w, d);
			return tlc_buf_detach(&b);
		}
		break;
	case TLC_SCALAR_BOOL: return strdup(n->str[0] == 't' || n->str[0] == 'T' ? "true" : "false");
	case TLC_SCALAR_NULL: return strdup("null");
	default: break;
	}
	const char *lit = tlc_spec_literal(n->str);
	tlc_buf_put_json_string(&b, lit, strlen(lit));
	return tlc_buf_detach(&b);
}

static int lower_assign(const tlc_spec *s, const tlc_sp_assign *a, tlc_la_assign *out, bool *oom)
{
	int f = field_index(s, a->field);
	if (f < 0 || f >= TLC_LA_MAX_FIELDS)
		return -1; /* the loader refused it */
	out->field = f;
	switch (s->fields[f].type) {
	case TLC_FIELD_DATE:
		if (tlc_lower_when(&a->when, &out->when) < 0)
			*oom = true;
		return 0;
	case TLC_FIELD_INT: out->i = a->i; break;
	case TLC_FIELD_DOUBLE: out->d = a->d; break;
	case TLC_FIELD_BOOL: out->b = a->value->str[0] == 't' || a->value->str[0] == 'T'; break;
	default:
		if (!a->param)
			out->text = dup(tlc_spec_literal(a->value->str), oom);
		break;
	}
	out->param = dup(a->param, oom);
	return 0;
}

static void lower_event(const tlc_ctx *ctx, const tlc_spec *s, const tlc_sp_event *ev,
			tlc_la_prog_event *out, bool *oom)
{
	out->event = ev->event;
	if (tlc_lower_when(&ev->at, &out->at) < 0)
		*oom = true;
	out->via = ev->via;
	out->priority = ev->priority;
	out->state = calloc(ev->nstate ? ev->nstate : 1, sizeof *out->state);
	if (!out->state) {
		*oom = true;
		return;
	}
	for (size_t i = 0; i < ev->nstate; i++)
		if (lower_assign(s, &ev->state[i], &out->state[out->nstate], oom) == 0)
			out->nstate++;
	out->has_stale_after = ev->has_stale_after;
	out->stale_after = ev->stale_after;
	out->has_relevance = ev->has_relevance;
	out->relevance = ev->relevance;
	if ((out->has_alert = ev->has_alert)) {
		out->alert_title = ev->alert.title ? dup(tlc_spec_literal(ev->alert.title), oom) : NULL;
		out->alert_body = ev->alert.body ? dup(tlc_spec_literal(ev->alert.body), oom) : NULL;
		out->alert_sound = ev->alert.sound ? dup(tlc_spec_literal(ev->alert.sound), oom) : NULL;
	}
	out->dismissal = ev->dismissal;
	out->dismiss_after = ev->dismiss_after;
	out->every = ev->every > 0 ? ev->every : 0;
	if (out->every && ev->until.set && tlc_lower_when(&ev->until, &out->until) < 0)
		*oom = true;
	if (ev->node) {
		unsigned line, col;
		tlc_source_linecol(tlc_sources_get(&ctx->sources, ev->node->span.file),
				   ev->node->span.start, &line, &col);
		out->line = line;
		out->col = col;
	}
}

int tlc_activity_lower(tlc_ctx *ctx, const tlc_spec *s, tlc_la_program **out)
{
	tlc_la_program *p = calloc(1, sizeof *p);
	bool oom = !p;
	*out = NULL;
	if (!p)
		return TLC_ENOMEM;
	p->version = TLC_ACTIVITY_PROGRAM_VERSION;
	p->name = dup(s->name, &oom);
	p->bundle_id = dup(s->bundle_id, &oom);
	p->channel_id = dup(s->channel_id, &oom);
	p->zone = dup(s->zone_name, &oom);
	p->source = dup(tlc_sources_get(&ctx->sources, s->file)->name, &oom);
	p->date_encoding = s->date_encoding;
	p->locales = calloc(s->nlocales + 1, sizeof *p->locales);
	p->params = calloc(s->nparams + 1, sizeof *p->params);
	p->fields = calloc(s->nfields + 1, sizeof *p->fields);
	p->attributes = calloc(s->nattributes + 1, sizeof *p->attributes);
	p->events = calloc(s->nevents + 1, sizeof *p->events);
	oom = oom || !p->locales || !p->params || !p->fields || !p->attributes || !p->events;
	for (size_t i = 0; !oom && i < s->nlocales; i++)
		p->locales[p->nlocales++] = dup(s->locales[i], &oom);
	for (size_t i = 0; !oom && i < s->nparams; i++) {
		p->params[p->nparams].name = dup(s->params[i].name, &oom);
		p->params[p->nparams++].type = (tlc_prog_param_type)s->params[i].type;
	}
	for (size_t i = 0; !oom && i < s->nfields && i < TLC_LA_MAX_FIELDS; i++) {
		p->fields[p->nfields].name = dup(s->fields[i].name, &oom);
		p->fields[p->nfields].type = s->fields[i].type;
		p->fields[p->nfields++].since = s->fields[i].since;
	}
	for (size_t i = 0; !oom && i < s->nattributes; i++) {
		tlc_la_attribute *a = &p->attributes[p->nattributes++];
		a->name = dup(s->attributes[i].field, &oom);
		oom = oom || !(a->json = attribute_json(s->attributes[i].value));
	}
	for (int v = 0; !oom && v < TLC_LA_PRESENTATIONS; v++)
		p->views[v] = dup(s->views[v], &oom);
	for (size_t i = 0; !oom && i < s->nevents; i++)
		lower_event(ctx, s, &s->events[i], &p->events[p->nevents++], &oom);
	if (oom) {
		tlc_la_program_free(p);
		return TLC_ENOMEM;
	}
	*out = p;
	return 0;
}

/* ---- building: the program instantiated by the core ------------------------------------------ */

static bool has_value(const tlc_la_opts *o, const char *name)
{
	for (size_t i = 0; i < o->nparams; i++)
		if (strcmp(o->params[i].name, name) == 0)
			return true;
	return false;
}

static void missing_instant(tlc_ctx *ctx, const tlc_sp_when *w)
{
	tlc_diag *g = tlc_diag_add(&ctx->diags, "TL018", w->node->span, "parameter '$%s' has no value",
				   w->param);
	tlc_diag_set_fix(g, "give it with --param %s=2026-12-01T18:00:00Z", w->param);
}

static bool when_missing(tlc_ctx *ctx, const tlc_sp_when *w, const tlc_la_opts *o)
{
	if (!w->set || w->is_duration || w->expr.kind != TLC_TIME_EXPR_PARAM || has_value(o, w->param))
		return false;
	missing_instant(ctx, w);
	return true;
}

/*
 * Every parameter without a value, each a TL018 where it is used, event by event as a build
 * meets them: an event's instant, then all of its state, then its `until`.
 */
static bool missing_params(tlc_ctx *ctx, const tlc_spec *s, const tlc_la_opts *o)
{
	for (size_t k = 0; k < s->nevents; k++) {
		const tlc_sp_event *ev = &s->events[k];
		bool missing = false;
		if (when_missing(ctx, &ev->at, o))
			return true;
		for (size_t i = 0; i < ev->nstate; i++) {
			const tlc_sp_assign *a = &ev->state[i];
			int f = field_index(s, a->field);
			if (f < 0 || f >= TLC_LA_MAX_FIELDS)
				continue;
			if (s->fields[f].type == TLC_FIELD_DATE) {
				missing = when_missing(ctx, &a->when, o) || missing;
			} else if (a->param && !has_value(o, a->param)) {
				tlc_diag *g = tlc_diag_add(&ctx->diags, "TL018", a->value->span,
							   "parameter '$%s' has no value", a->param);
				tlc_diag_set_fix(g, "give it with --param %s=%s", a->param,
						 s->fields[f].type == TLC_FIELD_STRING ? "Mario" : "3");
				missing = true;
			}
		}
		if (missing)
			return true;
		if (ev->every > 0 && when_missing(ctx, &ev->until, o))
			return true;
	}
	return false;
}

/* Where the core's failure is: the event's instant (-1), its `until` (-2) or the value of field f. */
static tlc_span failure_span(const tlc_spec *s, const tlc_inst_err *e)
{
	if (e->countdown < 0 || (size_t)e->countdown >= s->nevents)
		return s->events[0].node->span;
	const tlc_sp_event *ev = &s->events[e->countdown];
	if (e->phase == -1 && ev->at.node)
		return ev->at.node->span;
	if (e->phase == -2 && ev->until.node)
		return ev->until.node->span;
	for (size_t i = 0; e->phase >= 0 && i < ev->nstate; i++)
		if (field_index(s, ev->state[i].field) == e->phase)
			return ev->state[i].value->span;
	return ev->node->span;
}

int tlc_activity_build(tlc_ctx *ctx, const tlc_spec *s, const tlc_la_opts *o, tlc_la_schedule **out)
{
	tlc_la_schedule *sch = calloc(1, sizeof *sch);
	tlc_inst_err e;
	*out = NULL;
	if (!sch)
		return TLC_ENOMEM;
	sch->spec = s;
	int rc = missing_params(ctx, s, o) ? TLC_EINPUT : tlc_activity_lower(ctx, s, &sch->program);
	if (rc == 0) {
		tlc_instantiate_opts io;
		memset(&io, 0, sizeof io);
		io.now = o->now;
		io.now_source = o->now_source;
		io.params = o->params;
		io.nparams = o->nparams;
		rc = tlc_schedule_make(&sch->core, sch->program, &io, &e);
		if (rc == TLC_ERANGE)
			tlc_diag_add(&ctx->diags, "TL113", s->events[0].node->span, "%s", e.msg);
		else if (rc == TLC_EINPUT)
			tlc_diag_add(&ctx->diags, e.kind == TLC_INST_ERR_MISSING_PARAM ? "TL018" :
				     strstr(e.msg, "out of range for field") ? "TL015" : "TL020",
				     failure_span(s, &e), "%s", e.msg);
	}
	if (rc < 0) {
		tlc_activity_free(sch);
		return rc == TLC_ERANGE ? TLC_EINPUT : rc;
	}
	const tlc_schedule *c = sch->core;
	sch->now = c->now;
	sch->now_source = c->now_source;
	sch->start = c->start;
	sch->end = c->end;
	sch->system_end = c->system_end;
	sch->gone = c->gone;
	sch->states = c->states;
	sch->nstates = c->nstates;
	*out = sch;
	return 0;
}

void tlc_activity_free(tlc_la_schedule *sch)
{
	if (!sch)
		return;
	tlc_schedule_free(sch->core);
	tlc_la_program_free(sch->program);
	free(sch);
}

void tlc_activity_write_json(tlc_buf *out, const tlc_la_schedule *sch)
{
	tlc_schedule_write_json(out, sch->core);
}

/* ---- rendering ------------------------------------------------------------------------------ */

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

int tlc__la_split(tlc_ctx *ctx, const tlc_spec *s, int pres, tlc_tmpl *t);
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
		int f = field_index(s, r->names[k]);
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
	int f = field_index(sch->spec, r->field);
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

/* ---- check's rules -------------------------------------------------------------------------- */

typedef struct la_check {
	tlc_ctx *ctx;
	const tlc_la_schedule *sch;
	const tlc_spec *s;
	const tlc_source *src;
} la_check;

static void fmt_when(const la_check *c, char *b, size_t n, tlc_time t)
{
	tlc_civil cv;
	int32_t off = c->s->zone ? tlc_zone_offset(c->s->zone, t) : 0;
	tlc_civil_from_secs(t + off, &cv);
	snprintf(b, n, "%04d-%02d-%02d %02d:%02d", (int)cv.year, (int)cv.month, (int)cv.day,
		 (int)cv.hour, (int)cv.min);
}

static const tlc_node *event_node(const la_check *c, const tlc_la_state *st, const char *key)
{
	const tlc_node *ev = c->s->events[st->src].node, *n = key ? tlc_node_get(ev, key) : NULL;
	return n ? n : ev;
}

static const tlc_node *state_value_node(const la_check *c, const tlc_la_state *st, int f)
{
	const tlc_sp_event *ev = &c->s->events[st->src];
	for (size_t i = 0; i < ev->nstate; i++)
		if (strcmp(ev->state[i].field, c->s->fields[f].name) == 0)
			return ev->state[i].value;
	return NULL;
}

/* Lifetime: 8 hours active, 12 on the Lock Screen, dismissal within 4 hours of the end. */
static void check_lifetime(la_check *c)
{
	const tlc_la_schedule *sch = c->sch;
	char when[32];
	size_t last = (size_t)-1;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		const tlc_sp_event *ev = &c->s->events[st->src];
		if (st->kind == TLC_LA_UPDATE && st->at >= sch->system_end && st->src != last) {
			last = st->src; /* a repeated update: its first time only */
			fmt_when(c, when, sizeof when, sch->system_end);
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL201", event_node(c, st, "at")->span,
						   "this update comes %lld h %02lld min after the start; the "
						   "system ends the activity at 8 hours (%s) and ignores it",
						   (long long)((st->at - sch->start) / 3600),
						   (long long)((st->at - sch->start) / 60 % 60), when);
			tlc_diag_set_fix(g, "start the activity later (closer to the event), or split it");
		}
		if (st->kind == TLC_LA_END && st->at - sch->start > TLC_LA_ACTIVE_MAX) {
			fmt_when(c, when, sizeof when, sch->system_end);
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL201", event_node(c, st, "at")->span,
						   "the end comes %lld h %02lld min after the start; the "
						   "system ends the activity at 8 hours (%s) and the Dynamic "
						   "Island loses it then", (long long)((st->at - sch->start) / 3600),
						   (long long)((st->at - sch->start) / 60 % 60), when);
			tlc_diag_set_fix(g, "start the activity later (closer to the event), or split it");
		}
		if (st->kind == TLC_LA_END && ev->dismissal == TLC_DISMISS_AFTER &&
		    ev->dismiss_after > TLC_LA_LINGER_MAX) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL203", tlc_node_get(ev->node, "dismissal")->span,
						   "dismissal %lld h after the end: the system removes an "
						   "ended activity after 4 hours, whichever comes first",
						   (long long)(ev->dismiss_after / 3600));
			tlc_diag_set_fix(g, "use 'after 15m' to 'after 4h' (Apple suggests 15-30 minutes)");
		}
	}
	if (sch->end == TLC_TIME_NONE) {
		char gone[32];
		fmt_when(c, gone, sizeof gone, sch->gone);
		const tlc_node *start = c->s->events[0].node;
		tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL202", start->span,
					   "nothing ends this activity: the system ends it after 8 hours and "
					   "it stays on the Lock Screen until %s, 12 hours in all, showing "
					   "whatever it showed last", gone);
		tlc_diag_set_fix(g, "add an 'end:' push with final content and a dismissal policy");
	}
}

/* TL213: an update or end due before the start has no activity to act on. */
static void check_order(la_check *c)
{
	const tlc_la_schedule *sch = c->sch;
	char when[32], start[32];
	size_t last = (size_t)-1;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		if (st->kind == TLC_LA_START || st->at >= sch->start || st->src == last)
			continue;
		last = st->src; /* a repeated update: its first time only */
		fmt_when(c, when, sizeof when, st->at);
		fmt_when(c, start, sizeof start, sch->start);
		tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL213", event_node(c, st, "at")->span,
					   "this %s is due at %s, before the activity starts (%s): there "
					   "is no activity to %s then",
					   event_name(st->kind), when, start,
					   st->kind == TLC_LA_END ? "end" : "update");
		tlc_diag_set_fix(g, "schedule it after the start, or start the activity earlier; when "
				    "a parameter moves it, narrow 'check-params' to the values that "
				    "really occur");
	}
}

/* Whether a view counts with date field f: a {timer}, {relative}, {offset} (true: they count
 * up past the date) or a {countdown} or {progress} (kind_out set, false returned). A field
 * shown only as a timestamp ({time}, {date}) or not at all leaves *pres_out at -1. */
static bool view_uses(const la_check *c, int f, tlc_run_kind *kind_out, int *pres_out,
		      tlc_span *span_out, bool *interval_out)
{
	bool up = false;
	for (int p = 0; p < 8; p++) {
		tlc_tmpl tm;
		if (!c->s->views[p] || tlc__la_split(c->ctx, c->s, p, &tm) < 0)
			continue;
		for (size_t i = 0; i < tm.nruns; i++) {
			tlc_run_kind k = tm.runs[i].kind;
			if (!tm.runs[i].field || strcmp(tm.runs[i].field, c->s->fields[f].name) != 0 ||
			    (k != TLC_RUN_TIMER && k != TLC_RUN_RELATIVE && k != TLC_RUN_OFFSET &&
			     k != TLC_RUN_COUNTDOWN && k != TLC_RUN_PROGRESS))
				continue;
			/* Text(timerInterval:) or ProgressView(timerInterval:): a range */
			*interval_out = *interval_out || k == TLC_RUN_COUNTDOWN || k == TLC_RUN_PROGRESS;
			if (up)
				continue; /* the first run that counts up names the finding */
			*kind_out = k;
			*pres_out = p;
			*span_out = tm.runs[i].span;
			up = k != TLC_RUN_COUNTDOWN && k != TLC_RUN_PROGRESS; /* the ones that count up */
		}
	}
	return up;
}

/* Date fields: before the start, wrong epochs, timers counting up, no stale date, inverted
 * intervals. */
static void check_dates(la_check *c)
{
	const tlc_la_schedule *sch = c->sch;
	tlc_time visible_until = sch->gone;
	for (size_t f = 0; f < c->s->nfields && f < TLC_LA_MAX_FIELDS; f++) {
		if (c->s->fields[f].type != TLC_FIELD_DATE)
			continue;
		tlc_run_kind kind = TLC_RUN_TEXT;
		int pres = -1;
		tlc_span vspan = TLC_SPAN_NONE;
		bool interval = false;
		bool counts_up = view_uses(c, (int)f, &kind, &pres, &vspan, &interval);
		/* an elapsed timer (date-since) counts up on purpose; a field no view counts with
		   (unshown, or a timestamp like "Updated {time reading-at}") may lie in the past */
		bool counted = pres >= 0 && !c->s->fields[f].since;
		counts_up = counts_up && !c->s->fields[f].since;
		for (size_t i = 0; i < sch->nstates; i++) {
			const tlc_la_state *st = &sch->states[i];
			const tlc_node *vn = state_value_node(c, st, (int)f);
			if (!vn || !st->values[f].set)
				continue;
			tlc_time T = st->values[f].date;
			char when[32];
			fmt_when(c, when, sizeof when, T);
			/* a value that only makes sense x1000, /1000 or shifted by the 2001 epoch */
			const tlc_time cands[4] = {T * 1000, T / 1000, T + DEFERRED_EPOCH, T - DEFERRED_EPOCH};
			const char *why[4] = {"seconds where milliseconds were meant",
					      "milliseconds where seconds were meant",
					      "seconds since 2001 (Swift's deferredToDate) read as since 1970",
					      "seconds since 1970 where the app decodes seconds since 2001"};
			int64_t dist = T > st->at ? T - st->at : st->at - T;
			bool flagged = false;
			for (int k = 0; k < 4 && dist > 30 * 86400; k++)
				if (cands[k] > st->at - 86400 && cands[k] < st->at + 2 * 86400) {
					tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL208", vn->span,
								   "'%s' is %s, which looks like %s",
								   c->s->fields[f].name, when, why[k]);
					tlc_diag_set_fix(g, "check the unit and the epoch of the date you pass");
					flagged = true;
					break;
				}
			if (!flagged && counted && T <= st->at && st->kind != TLC_LA_END) {
				tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL207", vn->span,
							   "'%s' is %s, at or before the %s that sets it: a "
							   "{countdown} shows 0:00 at once, a {timer} counts up",
							   c->s->fields[f].name, when, event_name(st->kind));
				tlc_diag_set_fix(g, "pass the real target (and its zone) or update it later");
			}
			/* the value holds until the next state changes it */
			tlc_time until = visible_until;
			for (size_t j = i + 1; j < sch->nstates; j++)
				if (sch->states[j].values[f].date != T) {
					until = sch->states[j].at;
					break;
				}
			if (counts_up && T > st->at && until > T + 10) {
				tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL204", vspan,
							   "'{%s %s}' counts up from %s until %s%s",
							   tlc_run_kind_name(kind), c->s->fields[f].name, when,
							   until == visible_until ? "the activity leaves the Lock Screen"
									       : "the next update",
							   sch->end != TLC_TIME_NONE && until > sch->end
								   ? ", after the end too" : "");
				tlc_diag_set_fix(g, "use '{countdown %s}' (Text(timerInterval:) held at 0:00) "
						    "and push final content at the end",
						    c->s->fields[f].name);
			}
			/* out of date from T until new content comes: any update or end that the
			   activity still takes (before the system ends it), within a minute of T */
			tlc_time fresh = visible_until;
			for (size_t j = i + 1; j < sch->nstates; j++)
				if (sch->states[j].at >= T && sch->states[j].at < sch->system_end) {
					fresh = sch->states[j].at;
					break;
				}
			if (T > st->at && until > T && fresh > T + 60 && st->stale == TLC_TIME_NONE &&
			    pres >= 0) {
				tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL206", event_node(c, st, NULL)->span,
							   "after %s the content is out of date and nothing marks it "
							   "stale: this %s sets no stale date",
							   when, event_name(st->kind));
				tlc_diag_set_fix(g, "add 'stale-after:' so isStale turns on when the data is old");
			}
			if (i > 0 && interval && T < sch->states[i - 1].values[f].date &&
			    T < st->at) {
				tlc_diag_add(&c->ctx->diags, "TL212", vn->span,
					     "the update moves '%s' before its own time: Text(timerInterval:) "
					     "with a range whose start is after its end traps in Swift",
					     c->s->fields[f].name);
			}
		}
	}
}

static void check_events(la_check *c, int pushes_per_hour)
{
	const tlc_la_schedule *sch = c->sch;
	size_t lo = 0, most = 0, at_most = 0;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		const tlc_sp_event *ev = &c->s->events[st->src];
		if (st->stale != TLC_TIME_NONE && st->stale <= st->at)
			tlc_diag_add(&c->ctx->diags, "TL205", tlc_node_get(ev->node, "stale-after")->span,
				     "the stale date is at the %s itself: the activity starts out stale",
				     event_name(st->kind));
		if (st->kind == TLC_LA_START && st->via == TLC_VIA_PUSH_TO_START && !ev->has_alert) {
			const tlc_node *v = tlc_node_get(ev->node, "via");
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL214", v ? v->span : ev->node->span,
						   "a push-to-start without an 'alert': ActivityKit starts "
						   "an activity from a push only when the payload has one");
			tlc_diag_set_fix(g, "add 'alert: {title: ..., body: ...}' to the start");
		}
		if (st->payload_len > TLC_LA_PAYLOAD_MAX) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL209", ev->node->span,
						   "the push payload is %zu bytes; ActivityKit refuses more "
						   "than 4096 (content state, attributes and alert together)",
						   st->payload_len);
			tlc_diag_set_fix(g, "send identifiers instead of long texts");
		}
		if (st->via == TLC_VIA_APP && st->data_len > TLC_LA_PAYLOAD_MAX &&
		    (i == 0 || sch->states[i - 1].src != st->src)) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL209", ev->node->span,
						   "the attributes and content state the app sets here are "
						   "%zu bytes; ActivityKit refuses more than 4096 "
						   "(attributesTooLarge)", st->data_len);
			tlc_diag_set_fix(g, "send identifiers instead of long texts");
		}
		/* an app kept running by a background mode (audio, location, an accessory) makes
		   its own updates on time; any other app runs only when the user or iOS decides */
		if (ev->event == TLC_LA_UPDATE && st->via == TLC_VIA_APP && ev->at.expr.kind != TLC_TIME_EXPR_NOW &&
		    !c->s->runs_in_background && (i == 0 || sch->states[i - 1].src != st->src)) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL211", tlc_node_get(ev->node, "via")
									? tlc_node_get(ev->node, "via")->span
									: ev->node->span,
						   "an update 'via: app' at a set time: nothing runs the app "
						   "then, so the update never happens%s",
						   c->s->background_modes ? " (its background modes run it when "
									    "iOS decides, not at a set time)" : "");
			tlc_diag_set_fix(g, "send it as a push ('via: push'), make it 'at: now' for an "
					    "update the app makes while it runs, or list the background mode "
					    "that keeps the app running ('background-modes: [audio]')");
		}
		/* priority-10 pushes in the busiest hour */
		if (st->payload && st->priority == 10) {
			while (sch->states[lo].at <= st->at - 3600 || !(sch->states[lo].payload &&
									  sch->states[lo].priority == 10))
				lo++;
			size_t n = 0;
			for (size_t k = lo; k <= i; k++)
				n += sch->states[k].payload && sch->states[k].priority == 10;
			if (n > most) {
				most = n;
				at_most = i;
			}
		}
	}
	if (pushes_per_hour > 0 && most > (size_t)pushes_per_hour) {
		const tlc_sp_event *ev = &c->s->events[sch->states[at_most].src];
		tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL210", ev->node->span,
					   "%zu priority-10 pushes in one hour: the push budget is not "
					   "published, and beyond about %d an hour (an assumption) the "
					   "system throttles them",
					   most, pushes_per_hour);
		tlc_diag_set_fix(g, "send routine updates at 'priority: 5' (not budgeted) and keep 10 "
				    "for what the user must see now");
	}
}

void tlc_activity_verify(tlc_ctx *ctx, const tlc_la_schedule *sch, int pushes_per_hour)
{
	la_check c = {ctx, sch, sch->spec, tlc_sources_get(&ctx->sources, sch->spec->file)};
	tlc_tmpl tm;
	for (int p = 0; p < 8; p++) /* the views are templates: check them */
		if (sch->spec->views[p])
			tlc__la_split(ctx, sch->spec, p, &tm);
	check_order(&c);
	check_lifetime(&c);
	check_dates(&c);
	check_events(&c, pushes_per_hour);
}

int tlc_activity_check(tlc_ctx *ctx, const tlc_spec *s, tlc_time now)
{
	tlc_param_value vals[TLC_MAX_PARAMS];
	size_t n = 0;
	tlc_time lo[TLC_MAX_PARAMS], hi[TLC_MAX_PARAMS];
	int inst = -1;
	for (size_t i = 0; i < s->nparams && n < TLC_MAX_PARAMS; i++, n++) {
		const tlc_sp_param *p = &s->params[i];
		/* a stand-in value of each type: text reads as its name, numbers as 1 */
		vals[n] = (tlc_param_value){.name = p->name, .number = 1,
					    .text = p->type == TLC_PARAM_NUMBER ? "1" : p->name};
		lo[n] = now + 60;
		hi[n] = now + 7 * 86400;
		if (p->has_domain && p->domain.kind == TLC_PARAM_DOMAIN_RELATIVE) {
			lo[n] = now + p->domain.lo;
			hi[n] = now + p->domain.hi;
		}
		vals[n].instant = lo[n] + (hi[n] - lo[n]) / 2;
		if (p->type == TLC_PARAM_INSTANT && inst < 0)
			inst = (int)n;
	}
	for (int k = 0; k < (inst >= 0 ? 3 : 1); k++) {
		tlc_la_schedule *sch = NULL;
		if (inst >= 0)
			vals[inst].instant = k == 0 ? lo[inst] : k == 1 ? hi[inst] : lo[inst] + (hi[inst] - lo[inst]) / 2;
		tlc_la_opts o = {.now = now, .now_source = TLC_NOW_OPTION, .params = vals, .nparams = n};
		int err = tlc_activity_build(ctx, s, &o, &sch);
		if (err < 0)
			return err;
		tlc_activity_verify(ctx, sch, TLC_LA_PUSHES_PER_HOUR);
		tlc_activity_free(sch);
	}
	return 0;
}
