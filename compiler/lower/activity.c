/*
 * activity.c — a Live Activity spec lowered into its program (timelinec/activity.h), and its
 * schedule: the program instantiated by the runtime core, kept beside the spec for positions.
 * What a presentation reads is display/activity_render.c; check's rules verify/activity_rules.c.
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

int tlc_la_field_index(const tlc_spec *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *tlc_la_event_name(tlc_la_event e)
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
	int f = tlc_la_field_index(s, a->field);
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
	out->varies = ev->varies;
	out->foreground = ev->foreground;
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
	p->minimum_ios = s->minimum_ios;
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
			int f = tlc_la_field_index(s, a->field);
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
		if (tlc_la_field_index(s, ev->state[i].field) == e->phase)
			return ev->state[i].value->span;
	return ev->node->span;
}

/* An event the user makes: an intent (a button), or the app while the user has it open. */
bool tlc_la_user_event(const tlc_la_prog_event *e)
{
	return e->via == TLC_VIA_INTENT || e->foreground;
}

/* The schedule without the events the user makes: they move to the end of the program's events
 * while the core instantiates the others, then come back; each state's src is mapped back to the
 * spec's event. */
static int make_without_user(tlc_la_schedule *sch, const tlc_instantiate_opts *io, tlc_inst_err *e)
{
	tlc_la_program *p = sch->program;
	size_t n = p->nevents, kept = 0, *from = malloc((n ? n : 1) * sizeof *from);
	tlc_la_prog_event *orig = malloc((n ? n : 1) * sizeof *orig);
	if (!from || !orig) {
		free(from);
		free(orig);
		return TLC_ENOMEM;
	}
	memcpy(orig, p->events, n * sizeof *orig);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (tlc_la_user_event(&orig[i]) == (pass == 1)) {
				from[kept] = i;
				p->events[kept++] = orig[i];
			}
	for (kept = 0; kept < n && !tlc_la_user_event(&orig[from[kept]]); kept++)
		;
	p->nevents = kept;
	int rc = tlc_schedule_make(&sch->core, p, io, e);
	p->nevents = n;
	memcpy(p->events, orig, n * sizeof *orig);
	for (size_t i = 0; rc == 0 && i < sch->core->nstates; i++)
		sch->core->states[i].src = from[sch->core->states[i].src];
	if (rc == TLC_EINPUT && e->countdown >= 0 && (size_t)e->countdown < n)
		e->countdown = (int)from[e->countdown];
	free(from);
	free(orig);
	return rc;
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
		rc = o->without_user ? make_without_user(sch, &io, &e)
					: tlc_schedule_make(&sch->core, sch->program, &io, &e);
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
