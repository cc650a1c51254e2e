/*
 * lower.c — typed widget spec -> program (timelinec/program.h).
 *
 * Templates are split into runs (template.c), recurrences are parsed and printed canonically,
 * local times for recurrences are kept as wall-clock readings in the event zone, and every
 * phase and run keeps its spec position (line, column) for findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lower/lower.h"
#include "spec/template.h"
#include "timelinec/recur.h"

typedef struct lowerer {
	tlc_ctx *ctx;
	const tlc_spec *s;
	tlc_program *p;
	size_t msgcap;
	int errors;
	const char **args;    /* text/number parameters a template may use */
	bool item_end;        /* the texts of an events countdown's phases: `{timer end}` */
	bool no_time;         /* the empty text: no self-updating runs, no time units */
	bool *arg_int;        /* per arg: an integer parameter */
	size_t nargs;
	const char *const *absent; /* the empty text: the items' fields, which it cannot read */
	size_t nabsent;
} lowerer;

static char *xstrdup(lowerer *L, const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		L->errors++;
	return d;
}

static void linecol(lowerer *L, tlc_span sp, uint32_t *line, uint32_t *col)
{
	const tlc_source *src = tlc_sources_get(&L->ctx->sources, sp.file);
	unsigned l = 0, c = 0;
	if (src)
		tlc_source_linecol(src, sp.start, &l, &c);
	*line = l;
	*col = c;
}

int tlc_lower_when(const tlc_sp_when *w, tlc_prog_time *out)
{
	memset(out, 0, sizeof *out);
	if (!w->set)
		return 0;
	if (w->is_duration) {
		out->kind = TLC_PTIME_NOW;
		out->offset = w->duration;
		return 0;
	}
	out->offset = w->expr.offset;
	switch (w->expr.kind) {
	case TLC_TIME_EXPR_PARAM:
		out->kind = TLC_PTIME_PARAM;
		if (!(out->param = strdup(w->param ? w->param : "")))
			return TLC_ENOMEM;
		break;
	case TLC_TIME_EXPR_NOW:
		out->kind = TLC_PTIME_NOW;
		break;
	default:
		out->kind = w->local ? TLC_PTIME_LOCAL : TLC_PTIME_LITERAL;
		out->at = w->at;
		out->offset = 0; /* a UTC literal's offset is folded in; a local one's stays */
		if (w->expr.offset && !w->local)
			out->at = w->at + w->expr.offset;
		else if (w->expr.offset)
			out->offset = w->expr.offset;
		break;
	}
	return 0;
}

static void lower_time(lowerer *L, const tlc_sp_when *w, tlc_prog_time *out)
{
	if (tlc_lower_when(w, out) < 0)
		L->errors++;
}

/* The wall-clock reading (local seconds in the event zone) of a literal. */
static tlc_time local_of(const lowerer *L, const tlc_sp_when *w)
{
	const tlc_parsed_instant *pi = &w->expr.literal;
	if (pi->local)
		return pi->value;
	return L->s->zone ? tlc_zone_to_local(L->s->zone, w->at) : w->at;
}

static int add_message(lowerer *L, const tlc_tmpl_run *tr, const char *key, uint32_t *out)
{
	tlc_program *p = L->p;
	if (p->nmessages == L->msgcap) {
		size_t cap = L->msgcap ? L->msgcap * 2 : 8;
		tlc_prog_message *v = realloc(p->messages, cap * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		p->messages = v;
		L->msgcap = cap;
	}
	for (size_t i = 0; i < p->nmessages; i++) {
		if (strcmp(p->messages[i].key, key) != 0)
			continue;
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", tr->span,
					   "this message's key '%s' is also the key of the message at "
					   "line %u: both would read the same String Catalog entry",
					   key, (unsigned)p->messages[i].line);
		tlc_diag_set_fix(g, "rename a countdown 'id' or a phase 'key' (a '.' in them can "
				    "make two keys meet)");
		L->errors++;
		break;
	}
	tlc_prog_message *m = &p->messages[p->nmessages];
	memset(m, 0, sizeof *m);
	m->key = xstrdup(L, key);
	m->pattern = xstrdup(L, tr->text);
	m->units = tr->units;
	linecol(L, tr->span, &m->line, &m->col);
	if (tr->nnames) {
		m->params = calloc(tr->nnames, sizeof *m->params);
		if (!m->params)
			return TLC_ENOMEM;
		for (size_t i = 0; i < tr->nnames; i++) {
			bool dup = false;
			for (size_t j = 0; j < m->nparams; j++)
				dup = dup || strcmp(m->params[j], tr->names[i]) == 0;
			if (!dup)
				m->params[m->nparams++] = xstrdup(L, tr->names[i]);
		}
	}
	*out = (uint32_t)p->nmessages++;
	return 0;
}

static int lower_template(lowerer *L, const tlc_node *n, const char *key, tlc_prog_view *v)
{
	tlc_tmpl t;
	tlc_tmpl_env env = {L->args, L->nargs, NULL, 0, false, L->arg_int, L->s->minimum_ios,
			    L->item_end, L->absent, L->nabsent};
	v->present = true;
	if (tlc_template_split(L->ctx, n, &env, &t) < 0) {
		L->errors++;
		return 0;
	}
	v->runs = calloc(t.nruns ? t.nruns : 1, sizeof *v->runs);
	if (!v->runs)
		return TLC_ENOMEM;
	size_t nmsg = 0;
	for (size_t i = 0; i < t.nruns; i++) {
		const tlc_tmpl_run *tr = &t.runs[i];
		tlc_prog_run *r = &v->runs[v->nruns++];
		r->kind = tr->kind;
		r->style = tr->style;
		r->to_end = tr->to_end;
		if (L->no_time && (tlc_run_is_live(tr->kind) || (tr->kind == TLC_RUN_MESSAGE && tr->units))) {
			tlc_diag_add(&L->ctx->diags, "TL025", tr->span,
				     "the 'empty' text shows once no item remains, with no target: it "
				     "takes no self-updating style and no time unit");
			L->errors++;
		}
		linecol(L, tr->span, &r->line, &r->col);
		if (tr->kind == TLC_RUN_TEXT) {
			r->text = xstrdup(L, tr->text);
		} else if (tr->kind == TLC_RUN_MESSAGE) {
			const char *k = nmsg ? tlc_arena_printf(&L->ctx->arena, "%s.%zu", key, nmsg) : key;
			nmsg++;
			if (!k || add_message(L, tr, k, &r->message) < 0)
				return TLC_ENOMEM;
		}
	}
	return 0;
}

static int lower_text(lowerer *L, const tlc_sp_text *t, const char *key, tlc_prog_view *views)
{
	for (int f = 0; f < TLC_FAMILY_MAX; f++) {
		if (!t->node[f])
			continue;
		const char *k = tlc_arena_printf(&L->ctx->arena, "%s.%s", key, tlc_family_names[f]);
		int rc = k ? lower_template(L, t->node[f], k, &views[f]) : TLC_ENOMEM;
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * The phase's part of its message keys: `key:`, else one made from its threshold, so keys stay
 * the same when other phases are added, removed or retimed: "above-24h", "above-1h30m",
 * "above-0s", "above-minus-30m", and "otherwise" for a last phase without `above`.
 */
static const char *phase_key(lowerer *L, const tlc_sp_phase *ph)
{
	if (ph->key_node)
		return ph->key_node->str;
	if (!ph->has_above)
		return "otherwise";
	if (ph->above_end)
		return "above-end";
	if (ph->above_param)
		return tlc_arena_printf(&L->ctx->arena, "above-%s%s", ph->above_sign < 0 ? "minus-" : "",
					ph->above_param);
	static const struct { int64_t secs; char unit; } units[] = {
		{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
	char buf[64];
	int64_t v = ph->above;
	uint64_t left = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n = (size_t)snprintf(buf, sizeof buf, "above-%s", v < 0 ? "minus-" : "");
	for (size_t i = 0; i < sizeof units / sizeof *units && n < sizeof buf; i++) {
		uint64_t q = left / (uint64_t)units[i].secs;
		left %= (uint64_t)units[i].secs;
		if (q || (units[i].unit == 's' && n == (v < 0 ? 12u : 6u)))
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%llu%c", (unsigned long long)q,
					      units[i].unit);
	}
	return tlc_arena_strdup(&L->ctx->arena, buf);
}

/* Two phases of one countdown with one key would share their String Catalog entries. */
static void check_phase_keys(lowerer *L, const tlc_sp_countdown *c, const char **keys)
{
	for (size_t i = 0; i < c->nphases; i++) {
		const tlc_sp_phase *b = &c->phases[i];
		const tlc_node *at = b->key_node ? b->key_node : b->node;
		if (strcmp(keys[i], "stale") == 0 || strcmp(keys[i], "empty") == 0) {
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", at->span,
						   "'%s' is the key of the countdown's %s text; a phase "
						   "cannot use it", keys[i], keys[i]);
			tlc_diag_set_fix(g, "give this phase another 'key:'");
			L->errors++;
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(keys[i], keys[j]) != 0)
				continue;
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", at->span,
						   "this phase's message key '%s' is also phase %zu's: "
						   "both would read the same String Catalog entries",
						   keys[i], j + 1);
			const tlc_sp_phase *a = &c->phases[j];
			tlc_diag_set_related(g, (a->key_node ? a->key_node : a->node)->span,
					     "phase %zu's key comes from here", j + 1);
			tlc_diag_set_fix(g, "give one of them another 'key:'");
			L->errors++;
			break;
		}
	}
}

/* Constant thresholds strictly decrease, each below the constant before it; a parameter
 * threshold is compared over its domain by `check` (TL028), not here. */
static void check_thresholds(lowerer *L, const tlc_sp_countdown *c)
{
	const tlc_sp_phase *a = NULL;
	for (size_t i = 0; i < c->nphases; i++) {
		const tlc_sp_phase *b = &c->phases[i];
		if (!b->has_above || b->above_param || b->above_end)
			continue;
		if (!a || b->above < a->above) {
			a = b;
			continue;
		}
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", b->above_node->span,
					   "this phase's threshold is not below the one before it, so "
					   "it can never show");
		tlc_diag_set_related(g, a->above_node->span, "the phase before it starts here");
		tlc_diag_set_fix(g, "order phases from the largest 'above' to the smallest");
		L->errors++;
	}
}

/* The roll-after of the phases: max(0, -the lowest constant threshold). */
static int64_t roll_after_of(const tlc_sp_countdown *c)
{
	int64_t lowest = 0;
	for (size_t i = 0; i < c->nphases; i++) /* constant thresholds only */
		if (c->phases[i].has_above && !c->phases[i].above_param && !c->phases[i].above_end &&
		    c->phases[i].above < lowest)
			lowest = c->phases[i].above;
	return -lowest;
}

/* An events list: its items as written, their fields and the roll-after. */
static int lower_recurrence(lowerer *L, const tlc_sp_countdown *c, tlc_prog_countdown *pc)
{
	tlc_recur *r = NULL;
	tlc_err e = {0};
	const tlc_node *n = c->recur;
	int rc = c->target_kind == TLC_TARGET_EVERY ? tlc_recur_parse_friendly(&r, n->str, n->len, &e)
						    : tlc_recur_parse_rrule(&r, n->str, n->len, &e);
	if (rc < 0) {
		const tlc_source *src = tlc_sources_get(&L->ctx->sources, n->span.file);
		tlc_diag_add(&L->ctx->diags, "TL024", tlc_node_subspan(src, n, e.offset, e.len ? e.len : 1),
			     "%s", e.msg);
		L->errors++;
		return rc == TLC_ENOMEM ? rc : 0;
	}
	tlc_buf b = TLC_BUF_INIT;
	tlc_recur_format(&b, r);
	tlc_recur_free(r);
	pc->rrule = tlc_buf_detach(&b);
	if (!pc->rrule)
		return TLC_ENOMEM;
	pc->mode = TLC_TARGET_MODE_RECUR;
	pc->dtstart = c->dtstart.set ? local_of(L, &c->dtstart) : 0;
	pc->exdate = calloc(c->nexdate + 1, sizeof *pc->exdate);
	pc->exdate_is_date = calloc(c->nexdate + 1, sizeof *pc->exdate_is_date);
	pc->rdate = calloc(c->nrdate + 1, sizeof *pc->rdate);
	if (!pc->exdate || !pc->exdate_is_date || !pc->rdate)
		return TLC_ENOMEM;
	for (size_t i = 0; i < c->nexdate; i++) {
		pc->exdate_is_date[pc->nexdate] = c->exdate[i].expr.literal.date_only;
		pc->exdate[pc->nexdate++] = local_of(L, &c->exdate[i]);
	}
	for (size_t i = 0; i < c->nrdate; i++)
		pc->rdate[pc->nrdate++] = local_of(L, &c->rdate[i]);
	pc->roll_after = roll_after_of(c);
	return 0;
}

static int lower_views(lowerer *L, const tlc_sp_countdown *c, tlc_prog_countdown *pc);

static int lower_events(lowerer *L, const tlc_sp_countdown *c, tlc_prog_countdown *pc)
{
	pc->mode = TLC_TARGET_MODE_EVENTS;
	pc->roll_after = roll_after_of(c);
	pc->events = calloc(c->nitems ? c->nitems : 1, sizeof *pc->events);
	pc->fields = calloc(c->nfields ? c->nfields : 1, sizeof *pc->fields);
	if (!pc->events || !pc->fields)
		return TLC_ENOMEM;
	for (size_t f = 0; f < c->nfields; f++) {
		pc->fields[pc->nfields].is_int = c->field_int[f];
		pc->fields[pc->nfields++].name = xstrdup(L, c->fields[f]);
	}
	if (c->events_param) { /* the items come at instantiation */
		pc->events_param = xstrdup(L, c->events_param);
		return 0;
	}
	for (size_t i = 0; i < c->nitems; i++) {
		const tlc_sp_item *it = &c->items[i];
		tlc_prog_event *e = &pc->events[pc->nevents++];
		e->countdown = pc;
		linecol(L, it->node->span, &e->line, &e->col);
		if (it->every) { /* a recurring item: its rule, as `every:` lowers */
			tlc_recur *r = NULL;
			tlc_err er = {0};
			const tlc_node *n = it->every;
			if (tlc_recur_parse_friendly(&r, n->str, n->len, &er) < 0) {
				const tlc_source *src = tlc_sources_get(&L->ctx->sources, n->span.file);
				tlc_diag_add(&L->ctx->diags, "TL024",
					     tlc_node_subspan(src, n, er.offset, er.len ? er.len : 1), "%s", er.msg);
				L->errors++;
			} else {
				tlc_buf b = TLC_BUF_INIT;
				tlc_recur_format(&b, r);
				if (!(e->rrule = tlc_buf_detach(&b))) {
					tlc_recur_free(r);
					return TLC_ENOMEM;
				}
			}
			tlc_recur_free(r);
			e->length = it->length;
		} else {
			lower_time(L, &it->at, &e->at);
			lower_time(L, &it->end, &e->end);
		}
		if (!(e->values = calloc(c->nfields ? c->nfields : 1, sizeof *e->values)))
			return TLC_ENOMEM;
		for (size_t f = 0; f < c->nfields; f++)
			e->values[f] = xstrdup(L, tlc_spec_literal(it->values[f]));
	}
	return 0;
}

static int lower_countdown(lowerer *L, const tlc_sp_countdown *c, tlc_prog_countdown *pc)
{
	int rc;
	pc->id = xstrdup(L, c->id ? c->id : "main");
	linecol(L, c->node->span, &pc->line, &pc->col);
	if (c->target_kind == TLC_TARGET_EVERY || c->target_kind == TLC_TARGET_RRULE) {
		if ((rc = lower_recurrence(L, c, pc)) < 0)
			return rc;
	} else if (c->target_kind == TLC_TARGET_EVENTS) {
		if ((rc = lower_events(L, c, pc)) < 0)
			return rc;
	} else {
		pc->mode = c->target_kind == TLC_TARGET_SINCE ? TLC_TARGET_MODE_SINCE : TLC_TARGET_MODE_TO;
		lower_time(L, &c->target, &pc->target);
	}
	lower_time(L, &c->from, &pc->from);
	lower_time(L, &c->paused_at, &pc->paused_at);
	pc->has_relevance = c->has_relevance;
	pc->relevance_score = c->relevance_score;
	pc->relevance_from = c->relevance_from;
	pc->relevance_until = c->relevance_until;
	size_t nargs = L->nargs; /* the items' fields, for this countdown's texts only */
	if (c->has_empty) { /* no item, so no fields */
		const char *key = tlc_arena_printf(&L->ctx->arena, "%s.empty", pc->id);
		pc->has_empty = true;
		L->no_time = true;
		L->absent = (const char *const *)c->fields;
		L->nabsent = c->nfields;
		rc = key ? lower_text(L, &c->empty_text, key, pc->empty_views) : TLC_ENOMEM;
		L->no_time = false;
		L->absent = NULL;
		L->nabsent = 0;
		if (rc < 0)
			return rc;
	}
	for (size_t f = 0; f < c->nfields; f++) {
		L->arg_int[L->nargs] = c->field_int[f];
		L->args[L->nargs++] = c->fields[f];
	}
	rc = lower_views(L, c, pc);
	L->nargs = nargs;
	return rc;
}

static int lower_views(lowerer *L, const tlc_sp_countdown *c, tlc_prog_countdown *pc)
{
	int rc;
	const char *key;
	if ((pc->has_stale = c->has_stale)) {
		pc->stale_after = c->stale_after;
		if (!(key = tlc_arena_printf(&L->ctx->arena, "%s.stale", pc->id)))
			return TLC_ENOMEM;
		if ((rc = lower_text(L, &c->stale_text, key, pc->stale_views)) < 0)
			return rc;
	}
	check_thresholds(L, c);
	const char **keys = tlc_arena_alloc(&L->ctx->arena, (c->nphases + 1) * sizeof *keys);
	pc->phases = calloc(c->nphases ? c->nphases : 1, sizeof *pc->phases);
	if (!pc->phases || !keys)
		return TLC_ENOMEM;
	for (size_t i = 0; i < c->nphases; i++)
		if (!(keys[i] = phase_key(L, &c->phases[i])))
			return TLC_ENOMEM;
	check_phase_keys(L, c, keys);
	for (size_t i = 0; i < c->nphases; i++) {
		tlc_prog_phase *ph = &pc->phases[pc->nphases++];
		ph->has_above = c->phases[i].has_above;
		ph->above_end = c->phases[i].above_end;
		ph->above = c->phases[i].above_param || ph->above_end ? 0 : c->phases[i].above;
		if (c->phases[i].above_param) {
			ph->above_param = xstrdup(L, c->phases[i].above_param);
			ph->above_sign = c->phases[i].above_sign;
		}
		linecol(L, c->phases[i].node->span, &ph->line, &ph->col);
		if (!(key = tlc_arena_printf(&L->ctx->arena, "%s.%s", pc->id, keys[i])))
			return TLC_ENOMEM;
		L->item_end = c->target_kind == TLC_TARGET_EVENTS; /* not in stale text */
		rc = lower_text(L, &c->phases[i].text, key, ph->views);
		L->item_end = false;
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int lower_header(lowerer *L)
{
	const tlc_spec *s = L->s;
	tlc_program *p = L->p;
	p->version = TLC_PROGRAM_VERSION;
	p->widget = xstrdup(L, s->name);
	p->zone = xstrdup(L, s->zone_name);
	p->disambiguation = (int)s->disamb;
	p->minimum_ios = s->minimum_ios;
	p->source = xstrdup(L, tlc_sources_get(&L->ctx->sources, s->file)->name);
	p->locales = calloc(s->nlocales + 1, sizeof *p->locales);
	p->params = calloc(s->nparams + 1, sizeof *p->params);
	/* room for an events countdown's fields after the parameters (lower_countdown) */
	L->args = calloc(s->nparams + TLC_MAX_EVENT_FIELDS + 1, sizeof *L->args);
	L->arg_int = calloc(s->nparams + TLC_MAX_EVENT_FIELDS + 1, sizeof *L->arg_int);
	if (!p->locales || !p->params || !L->args || !L->arg_int)
		return TLC_ENOMEM;
	for (size_t i = 0; i < s->nlocales; i++)
		p->locales[p->nlocales++] = xstrdup(L, s->locales[i]);
	for (size_t i = 0; i < s->nparams; i++) {
		tlc_prog_param *q = &p->params[p->nparams++];
		q->name = xstrdup(L, s->params[i].name);
		q->type = (tlc_prog_param_type)s->params[i].type;
		if (q->type == TLC_PPARAM_EVENTS &&
		    !(q->fields = calloc(s->params[i].nfields + 1, sizeof *q->fields)))
			return TLC_ENOMEM;
		for (size_t f = 0; q->type == TLC_PPARAM_EVENTS && f < s->params[i].nfields; f++) {
			q->fields[q->nfields].is_int = s->params[i].field_int[f];
			q->fields[q->nfields++].name = xstrdup(L, s->params[i].fields[f]);
		}
		if (s->params[i].type != TLC_PARAM_INSTANT && s->params[i].type != TLC_PARAM_EVENTS) {
			L->arg_int[L->nargs] = s->params[i].type == TLC_PARAM_INTEGER;
			L->args[L->nargs++] = s->params[i].name;
		}
	}
	if ((p->has_window = s->has_window)) {
		lower_time(L, &s->window_start, &p->window_start);
		lower_time(L, &s->window_end, &p->window_end);
	}
	p->horizon = s->horizon;
	static const tlc_policy_kind kinds[] = {TLC_POLICY_AUTO, TLC_POLICY_AT_END, TLC_POLICY_NEVER,
						TLC_POLICY_AFTER};
	p->reload = kinds[s->reload];
	if (s->reload == TLC_RELOAD_AFTER)
		lower_time(L, &s->reload_after, &p->reload_after);
	return 0;
}

int tlc_lower(tlc_ctx *ctx, const tlc_spec *s, tlc_program **out)
{
	lowerer L = {ctx, s, NULL, 0, 0, NULL, false, false, NULL, 0, NULL, 0};
	int rc = TLC_ENOMEM;
	if (s->kind != TLC_SPEC_WIDGET)
		return TLC_EINVAL;
	if (!(L.p = calloc(1, sizeof *L.p)))
		return TLC_ENOMEM;
	if ((rc = lower_header(&L)) < 0)
		goto out;
	L.p->countdowns = calloc(s->ncountdowns ? s->ncountdowns : 1, sizeof *L.p->countdowns);
	if (!L.p->countdowns) {
		rc = TLC_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < s->ncountdowns; i++) {
		L.p->ncountdowns++;
		if ((rc = lower_countdown(&L, &s->countdowns[i], &L.p->countdowns[i])) < 0)
			goto out;
	}
	rc = L.errors ? TLC_EINPUT : 0;
	for (size_t i = 0; rc == 0 && i < s->nparams; i++) { /* TL019: used by no time or text */
		bool used = s->params[i].used;
		for (size_t m = 0; !used && m < L.p->nmessages; m++)
			for (size_t k = 0; !used && k < L.p->messages[m].nparams; k++)
				used = strcmp(L.p->messages[m].params[k], s->params[i].name) == 0;
		if (!used)
			tlc_spec_unused_param(ctx, &s->params[i]);
	}
out:
	free(L.args);
	free(L.arg_int);
	if (rc < 0) {
		tlc_program_free(L.p);
		return rc;
	}
	*out = L.p;
	return 0;
}
