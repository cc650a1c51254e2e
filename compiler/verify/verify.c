/*
 * verify.c — `check`'s verifier: replays the program under a refresh-budget profile
 * (runtime/core/replay.c) over the check-params domain, and turns what goes wrong on the device
 * into findings with rule ids, spans in the spec, when they happen and the fix. Plus the rules
 * that need no replay: background refresh wishes, targets before the start, unreachable
 * phases, plural categories a listed locale needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verify/verify.h"
#include "display/display.h"
#include "verify/families.h"
#include "timelinec/civil.h"
#include "timelinec/recur.h"

#define MAX_SAMPLES 48

typedef struct verifier {
	tlc_ctx *ctx;
	const tlc_spec *s;
	const tlc_program *p;
	const tlc_verify_opts *o;
	const tlc_source *src;
	const tlc_zone *ez, *dz;
	tlc_time now;
	bool zone_named;       /* several device zones are checked: messages name the zone */
	tlc_budget b;          /* the profile, with the app's own background reloads */
	const tlc_sp_source *app_bg; /* the refresh source that asks them, or NULL */
	char dur_text[16][32]; /* the text of each duration parameter's value in a replay */
	tlc_buf list_text[16]; /* the JSON of each list parameter's value in a replay */
} verifier;

/* ---- formatting ----------------------------------------------------------------------------- */

/* "2026-12-05 19:00 (UTC-05:00)"; a floating spec checked in several device zones names the
 * zone too: "2026-03-08 09:00 America/New_York (UTC-04:00)". */
static void fmt_local(const verifier *v, char *buf, size_t n, tlc_time t)
{
	tlc_civil c;
	int32_t off = v->dz ? tlc_zone_offset(v->dz, t) : 0;
	tlc_civil_from_secs(t + off, &c);
	int32_t a = off < 0 ? -off : off;
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d%s%s (UTC%c%02d:%02d)", (int)c.year, (int)c.month,
		 (int)c.day, (int)c.hour, (int)c.min, v->zone_named && v->dz ? " " : "",
		 v->zone_named && v->dz ? tlc_zone_name(v->dz) : "", off < 0 ? '-' : '+', (int)(a / 3600),
		 (int)(a / 60 % 60));
}

/* A literal instant of the spec in UTC: a floating one is local seconds in the device zone. */
static tlc_time utc_of(const verifier *v, tlc_time at, bool local)
{
	return local && v->dz ? at - tlc_zone_offset(v->dz, at - tlc_zone_offset(v->dz, at)) : at;
}

static void fmt_dur(char *buf, size_t n, int64_t s)
{
	if (s == INT64_MAX)
		snprintf(buf, n, "until the app runs");
	else if (s >= 86400)
		snprintf(buf, n, "%lld d %lld h", (long long)(s / 86400), (long long)(s / 3600 % 24));
	else if (s >= 3600)
		snprintf(buf, n, "%lld h %lld min", (long long)(s / 3600), (long long)(s / 60 % 60));
	else if (s >= 60)
		snprintf(buf, n, "%lld min %lld s", (long long)(s / 60), (long long)(s % 60));
	else
		snprintf(buf, n, "%lld s", (long long)s);
}

/* ---- spans ---------------------------------------------------------------------------------- */

static tlc_span span_at(const verifier *v, uint32_t line, uint32_t col)
{
	if (!line || line > v->src->nlines)
		return tlc_span_make(v->s->file, 0, 0);
	size_t off = v->src->lines[line - 1];
	for (uint32_t c = 1; c < col && off < v->src->len; c++) {
		off++;
		while (off < v->src->len && ((unsigned char)v->src->text[off] & 0xC0) == 0x80)
			off++;
	}
	size_t end = off;
	if (off < v->src->len && v->src->text[off] == '{') {
		while (end < v->src->len && v->src->text[end] != '}' && v->src->text[end] != '\n')
			end++;
		end += end < v->src->len && v->src->text[end] == '}';
	}
	return tlc_span_make(v->s->file, off, end);
}

static const tlc_prog_view *view_of(const tlc_prog_countdown *c, int phase)
{
	if (phase == -2)
		return c->stale_views;
	if (phase == -3)
		return c->empty_views;
	return phase >= 0 && (size_t)phase < c->nphases ? c->phases[phase].views : NULL;
}

static tlc_span exposure_span(const verifier *v, const tlc_exposure *e)
{
	if (e->countdown < 0) {
		const tlc_node *n = v->s->reload_node;
		if (!n && e->kind == TLC_EXP_OVER_BUDGET)
			n = tlc_node_get(v->s->root, "horizon");
		if (!n)
			n = tlc_node_get(v->s->root, "widget");
		return n ? n->span : tlc_span_make(v->s->file, 0, 0);
	}
	const tlc_prog_countdown *c = &v->p->countdowns[e->countdown];
	const tlc_prog_view *views = view_of(c, e->phase);
	if (views && e->run >= 0) {
		const tlc_prog_run *r = &views[e->family].runs[e->run];
		return span_at(v, r->line, r->col);
	}
	if (views)
		for (size_t i = 0; i < views[TLC_FAM_DEFAULT].nruns; i++)
			if (views[TLC_FAM_DEFAULT].runs[i].kind == TLC_RUN_MESSAGE)
				return span_at(v, views[TLC_FAM_DEFAULT].runs[i].line,
					       views[TLC_FAM_DEFAULT].runs[i].col);
	if (e->phase >= 0 && (size_t)e->phase < c->nphases)
		return span_at(v, c->phases[e->phase].line, c->phases[e->phase].col);
	return span_at(v, c->line, c->col);
}

static const char *run_name(const verifier *v, const tlc_exposure *e)
{
	const tlc_prog_view *views = view_of(&v->p->countdowns[e->countdown], e->phase);
	if (!views || e->run < 0)
		return "text";
	return tlc_run_kind_name(views[e->family].runs[e->run].kind);
}

/* False for an iOS 18 clock style with 'hours: false' ({countdown-timer}, {stopwatch}): its
 * minutes run past 60 ("2880:00") instead of the hours past 24 ("48:00:00"). */
static bool shows_hours(const verifier *v, const tlc_exposure *e)
{
	const tlc_prog_view *views = view_of(&v->p->countdowns[e->countdown], e->phase);
	if (!views || e->run < 0)
		return true;
	const tlc_prog_run *r = &views[e->family].runs[e->run];
	return !tlc_run_is_clock_style(r->kind) || r->style.hours;
}

/* What the timer reads with `value` seconds left: "48:00:00", or "2880:00" without hours. */
static void timer_reading(char *out, size_t n, int64_t value, bool hours)
{
	if (value < 0)
		value = 0;
	if (hours)
		snprintf(out, n, "%lld:%02lld:%02lld", (long long)(value / 3600),
			 (long long)(value / 60 % 60), (long long)(value % 60));
	else
		snprintf(out, n, "%lld:%02lld", (long long)(value / 60), (long long)(value % 60));
}

static void set_timing(tlc_diag *g, const tlc_exposure *e)
{
	if (!g)
		return;
	g->has_timing = true;
	g->first = e->first;
	g->worst = e->worst;
	g->tolerated = e->tolerated;
	g->count = e->count;
}

/* ---- exposures -> findings ------------------------------------------------------------------ */

static void finding(verifier *v, const tlc_exposure *e)
{
	char when[96], worst[48], tol[48], reading[48];
	const tlc_budget *b = &v->b;
	tlc_span sp = exposure_span(v, e);
	tlc_diag *g = NULL;
	fmt_local(v, when, sizeof when, e->first);
	fmt_dur(worst, sizeof worst, e->worst);
	fmt_dur(tol, sizeof tol, e->tolerated < 0 ? 0 : e->tolerated);
	switch (e->kind) {
	case TLC_EXP_TIMER_OVER_24H:
		timer_reading(reading, sizeof reading, e->value, shows_hours(v, e));
		g = tlc_diag_add(&v->ctx->diags, "TL101", sp,
				 "'{%s}' shows %s on %s: the timer style has no day field, so more "
				 "than 24 hours reads as %s", run_name(v, e), reading, when,
				 shows_hours(v, e) ? "24+ hours" : "1440+ minutes");
		if (strcmp(run_name(v, e), "stopwatch") == 0) /* counts up by design */
			tlc_diag_set_fix(g, "the stopwatch style has no day field either: end the "
					 "count-up within a day, or show the days elapsed from then on "
					 "with '{date-offset, fields: day hour minute, sign: never}' "
					 "(\"1 day, 2 hours\")");
		else if (v->p->minimum_ios >= TLC_IOS_FORMAT_STYLES)
			tlc_diag_set_fix(g, "the app supports iOS %d and later: use the iOS 18 style "
					 "with day fields, '{date-offset, fields: day hour minute, sign: "
					 "never}' (\"1 day, 2 hours\", then \"8 minutes\"); or add a phase "
					 "'above: 24h' that shows '{days, plural, one {# day} other {# days}}'",
					 v->p->minimum_ios);
		else
			tlc_diag_set_fix(g, "add a phase 'above: 24h' before this one that shows "
					    "'{days, plural, one {# day} other {# days}}'; the timer takes "
					    "over at 24:00:00");
		break;
	case TLC_EXP_COUNT_UP:
		if (e->worst == INT64_MAX)
			g = tlc_diag_add(&v->ctx->diags, "TL102", sp,
					 "'{%s}' keeps running past its target from %s, and nothing "
					 "replaces it until the app runs", run_name(v, e), when);
		else if (e->certain)
			g = tlc_diag_add(&v->ctx->diags, "TL102", sp,
					 "'{%s}' keeps running past its target from %s, for up to %s, "
					 "even when every entry and reload comes on time",
					 run_name(v, e), when, worst);
		else
			g = tlc_diag_add(&v->ctx->diags, "TL102", sp,
					 "'{%s}' keeps running past its target from %s, for up to %s, "
					 "until a late reload replaces it (the '%s' profile's lateness, an "
					 "assumption: docs/budget-model.md)",
					 run_name(v, e), when, worst, b->name);
		/* on the device for sure, whatever the budget: an error, like TL101 */
		if (e->certain)
			tlc_diag_set_severity(&v->ctx->diags, g, TLC_SEV_ERROR);
		tlc_diag_set_fix(g, "end this phase at the target ('above: 0s') and follow it with a "
				    "phase without a timer, so an entry replaces it exactly then; or "
				    "use '{countdown}', which holds at 0:00");
		break;
	case TLC_EXP_STALE_TEXT:
		if (b->reloads_per_day < 0)
			g = tlc_diag_add(&v->ctx->diags, "TL103", sp,
					 "this text is out of date from %s for up to %s: the next timeline "
					 "comes too late under the '%s' profile (reloads up to %lld min late, "
					 "unlimited)", when, worst, b->name,
					 (long long)(b->reload_lateness / 60));
		else
			g = tlc_diag_add(&v->ctx->diags, "TL103", sp,
					 "this text is out of date from %s for up to %s: the next timeline "
					 "comes too late under the '%s' profile (reloads up to %lld min late, "
					 "an assumption; %d a day)", when, worst, b->name,
					 (long long)(b->reload_lateness / 60), b->reloads_per_day);
		if (v->app_bg)
			tlc_diag_set_related(g, v->app_bg->node->span, "the app's reloads from the "
					     "background come out of the same budget; only an app in the "
					     "foreground reloads for free");
		tlc_diag_set_fix(g, "let the timeline run further past its reload date (a longer "
				    "'horizon'), or use self-updating text ({timer}, {relative}) that needs "
				    "no new entry; it tolerates reloads up to %s late", tol);
		break;
	case TLC_EXP_RELOAD_LOOP:
		g = tlc_diag_add(&v->ctx->diags, "TL104", sp,
				 "'.atEnd' on a timeline whose last entry never changes: from %s WidgetKit "
				 "asks for a new timeline again and again, spending the budget on nothing",
				 when);
		tlc_diag_set_fix(g, "use 'reload: auto' (it picks .never here) or 'reload: never'");
		break;
	case TLC_EXP_OVER_BUDGET:
		g = tlc_diag_add(&v->ctx->diags, "TL105", v->app_bg && v->app_bg->interval * e->value <= 86400
					 ? v->app_bg->node->span : sp,
				 "the reload policy%s asks for %lld reloads in 24 hours; the '%s' profile "
				 "gives %d, so reloads come hours late", v->app_bg ? " with the app's "
				 "background reloads (budgeted: only an app in the foreground reloads for "
				 "free)" : "", (long long)e->value, b->name, b->reloads_per_day);
		tlc_diag_set_fix(g, "let each timeline cover longer (a longer 'horizon', fewer baked "
				    "units), so it needs fewer reloads");
		break;
	case TLC_EXP_NO_RELOAD:
		g = tlc_diag_add(&v->ctx->diags, "TL106", sp,
				 "the display should change at %s, after the last entry, but no reload "
				 "comes (%s%s%s): it stays wrong %s%s", when,
				 v->s->reload == TLC_RELOAD_NEVER ? "'reload: never'" : "the '",
				 v->s->reload == TLC_RELOAD_NEVER ? "" : b->name,
				 v->s->reload == TLC_RELOAD_NEVER ? "" : "' profile never reloads",
				 e->worst == INT64_MAX ? "" : "for ", worst);
		tlc_diag_set_fix(g, "use 'reload: auto', or a longer window so the timeline covers "
				    "the change");
		/* under 'frozen' the profile, not the spec, withholds the reload */
		if (!e->certain)
			tlc_diag_set_severity(&v->ctx->diags, g, TLC_SEV_WARNING);
		break;
	case TLC_EXP_DENSE_ENTRIES:
		g = tlc_diag_add(&v->ctx->diags, "TL107", sp,
				 "entries %lld s apart (%zu time%s from %s): WidgetKit does not honour "
				 "entries closer than about %lld minutes (an assumption: Apple's current "
				 "documents give no spacing)", (long long)e->value, e->count,
				 e->count == 1 ? "" : "s", when, (long long)(b->min_spacing / 60));
		if (v->p->minimum_ios >= TLC_IOS_FORMAT_STYLES)
			tlc_diag_set_fix(g, "the app supports iOS %d and later: '{date-offset, fields: "
					 "hour minute, sign: never}' reads \"8 minutes\" and updates itself "
					 "with no entries; or bake coarser units ({hours} instead of "
					 "{minutes})", v->p->minimum_ios);
		else
			tlc_diag_set_fix(g, "bake coarser units ({hours} instead of {minutes}), or use "
					    "self-updating text ({timer}) for the last stretch");
		break;
	case TLC_EXP_TOO_MANY_ENTRIES:
		g = tlc_diag_add(&v->ctx->diags, "TL108", sp,
				 "the timeline has %lld entries; beyond about %d WidgetKit stops updating "
				 "the widget (an assumption from one developer's test: Apple documents "
				 "a size limit, not a count)", (long long)e->value, b->max_entries);
		tlc_diag_set_fix(g, "shorten 'horizon' or bake coarser units");
		break;
	default:
		return;
	}
	set_timing(g, e);
}

/* ---- samples of the parameters -------------------------------------------------------------- */

typedef struct psample {
	tlc_param_value vals[16];
	size_t n;
} psample;

static void add_sample(tlc_time *v, size_t *n, tlc_time x, tlc_time lo, tlc_time hi)
{
	if (x < lo || x > hi || *n >= MAX_SAMPLES)
		return;
	for (size_t i = 0; i < *n; i++)
		if (v[i] == x)
			return;
	v[(*n)++] = x;
}

/*
 * The parameter a domain is anchored at ('0s .. 2h before $eta'), or -1 for 'now' and windows.
 * The name is read from the check-params value the domain was parsed from.
 */
static int domain_anchor(const verifier *v, const tlc_sp_param *pp)
{
	if (!pp->has_domain || pp->domain.kind != TLC_PARAM_DOMAIN_RELATIVE ||
	    pp->domain.anchor.kind != TLC_TIME_EXPR_PARAM)
		return -1;
	const tlc_node *d = tlc_node_get(tlc_node_get(v->s->root, "check-params"), pp->name);
	const tlc_time_expr *a = &pp->domain.anchor;
	if (!d || d->kind != TLC_NODE_SCALAR || a->name_off + a->name_len > d->len)
		return -1;
	for (size_t i = 0; i < v->s->nparams; i++) {
		const tlc_sp_param *q = &v->s->params[i];
		if (q != pp && q->type == TLC_PARAM_INSTANT && strlen(q->name) == a->name_len &&
		    memcmp(q->name, d->str + a->name_off, a->name_len) == 0)
			return (int)i;
	}
	return -1;
}

/* Instants of parameter `name` worth checking: the domain's ends and middle, and values that
 * put each phase threshold at the start, around a reload and around DST changes. A relative
 * domain counts from `anchor`: the replay start, or the anchor parameter's current value. */
static size_t param_samples(verifier *v, const tlc_sp_param *pp, tlc_time anchor, tlc_time *out)
{
	tlc_time lo = v->now + 60, hi = v->now + (v->p->has_window ? 7 * 86400 : v->p->horizon);
	size_t n = 0;
	if (pp->has_domain && pp->domain.kind == TLC_PARAM_DOMAIN_RELATIVE) {
		lo = anchor + pp->domain.lo;
		hi = anchor + pp->domain.hi;
	} else if (pp->has_domain) {
		tlc_local_result a, b;
		if (tlc_window_resolve(&a, &b, &pp->domain.window, v->ez, TLC_DISAMB_COMPATIBLE, NULL) == 0) {
			lo = a.utc;
			hi = b.utc;
		}
	}
	int64_t late = v->b.reload_lateness;
	add_sample(out, &n, lo, lo, hi);
	add_sample(out, &n, hi, lo, hi);
	add_sample(out, &n, lo + (hi - lo) / 2, lo, hi);
	for (size_t c = 0; c < v->p->ncountdowns; c++) {
		const tlc_prog_countdown *cd = &v->p->countdowns[c];
		if (cd->target.kind != TLC_PTIME_PARAM || strcmp(cd->target.param, pp->name) != 0)
			continue;
		for (size_t i = 0; i < cd->nphases; i++) {
			if (!cd->phases[i].has_above || cd->phases[i].above_param)
				continue;
			tlc_time x = v->now + cd->phases[i].above - cd->target.offset;
			add_sample(out, &n, x + 1, lo, hi);
			add_sample(out, &n, x + late, lo, hi);
			add_sample(out, &n, x + 86400, lo, hi);
			/* the threshold falls on each DST change in the domain */
			tlc_time tr = lo;
			for (int k = 0; v->ez && k < 8 && tlc_zone_next_transition(v->ez, tr, &tr) == 0 &&
					tr <= hi + v->p->horizon; k++)
				add_sample(out, &n, tr + cd->phases[i].above - cd->target.offset, lo, hi);
		}
	}
	return n;
}

/* ---- replays -------------------------------------------------------------------------------- */

static int replay_with(verifier *v, tlc_exposures *x, const tlc_param_value *vals, size_t nvals,
		       tlc_time until)
{
	tlc_instantiate_opts io = {.now = v->now, .data_time = TLC_TIME_NONE, .now_source = TLC_NOW_OPTION,
				   .event_zone = v->ez, .display_zone = v->dz, .params = vals,
				   .nparams = nvals, .max_candidates = v->o->max_candidates};
	tlc_inst_err ie;
	int rc = tlc_replay(x, v->p, &io, &v->b, until, &ie);
	if (rc == TLC_ERANGE && ie.kind != TLC_INST_ERR_TOO_MANY_CHANGES) {
		tlc_diag_add(&v->ctx->diags, "TL020", tlc_span_make(v->s->file, 0, 0),
			     "cannot instantiate the spec: %s", ie.msg);
	} else if (rc == TLC_ERANGE) {
		const tlc_node *w = tlc_node_get(v->s->root, "widget");
		tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL113", w ? w->span : TLC_SPAN_NONE,
					   "%s: no timeline can show this", ie.msg);
		tlc_diag_set_fix(g, "bake coarser units ({hours}, {days}) or use self-updating text "
				    "({timer}, {relative}) for the fast-changing part");
	} else if (rc == TLC_EINPUT && ie.kind == TLC_INST_ERR_PAST_WINDOW) {
		/* the window is over at the instant checked: say which instant, and what to pass */
		const tlc_node *w = tlc_node_get(v->s->root, "window");
		char at[64], from[64];
		fmt_local(v, at, sizeof at, v->now);
		tlc_time ws = v->s->window_start.at;
		if (v->s->window_start.local) /* floating: where the window starts first (UTC+14),
						 an instant before its end in every zone */
			ws -= 14 * 3600;
		tlc_civil c;
		tlc_civil_from_secs(ws, &c);
		snprintf(from, sizeof from, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)c.year, (int)c.month,
			 (int)c.day, (int)c.hour, (int)c.min, (int)c.sec);
		tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL020", w ? w->span : tlc_span_make(v->s->file, 0, 0),
					   "the window is over at the instant checked, %s%s: there is no "
					   "timeline to replay", at, v->o->now_given ? " (--now)"
					   : " (the clock: no --now given)");
		tlc_diag_set_fix(g, "check it as of a time inside the window, '--now %s' or later; or "
				    "move the window", from);
	} else if (rc == TLC_EINPUT) {
		tlc_diag_add(&v->ctx->diags, "TL020", tlc_span_make(v->s->file, 0, 0),
			     "cannot instantiate the spec: %s", ie.msg);
	}
	return rc;
}

/* The literal instants a countdown counts to, in UTC: its target, or an events list's first
 * start and last end. False for parameters, recurrences and floating local times. */
static bool literal_span(const tlc_sp_countdown *c, tlc_time *first, tlc_time *last)
{
	if (c->target_kind != TLC_TARGET_EVENTS) {
		*first = *last = c->target.at;
		return c->target.expr.kind == TLC_TIME_EXPR_LITERAL && !c->target.local;
	}
	bool any = false;
	for (size_t i = 0; i < c->nitems; i++) {
		const tlc_sp_item *it = &c->items[i];
		if (it->at.local || !it->at.set)
			return false;
		tlc_time e = it->end.set ? it->end.at : it->at.at;
		*first = any && *first < it->at.at ? *first : it->at.at;
		*last = any && *last > e ? *last : e;
		any = true;
	}
	return any;
}

/* Without a window, replay through the whole countdown: from a horizon and a day before the
 * first phase of the earliest literal target, so reloads happen at the real cadence. */
static tlc_time replay_start(const verifier *v, tlc_time now)
{
	if (v->o->now_given || v->s->has_window || now == v->o->now)
		return now;
	tlc_time x = now + 3600 - v->s->horizon - 86400;
	return x < TLC_TIME_MIN ? TLC_TIME_MIN : x;
}

/* ... and until two days after the last literal target's last phase. */
static tlc_time replay_until(const verifier *v)
{
	if (v->s->has_window && v->s->window_end.set)
		return v->s->window_end.at;
	tlc_time until = v->now + v->s->horizon + 2 * 86400;
	for (size_t i = 0; !v->o->now_given && i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		tlc_time first, last;
		if (!literal_span(c, &first, &last))
			continue;
		int64_t low = 0;
		for (size_t k = 0; k < c->nphases; k++)
			if (c->phases[k].has_above && c->phases[k].above < low)
				low = c->phases[k].above;
		if (last - low + 2 * 86400 > until)
			until = last - low + 2 * 86400;
	}
	return until;
}

/*
 * A list parameter's value for a replay: `count` items, the first starting `start` after the
 * replay start, each `len` long and `gap` after the end of the one before (a negative gap
 * overlaps them); text fields "NAME 1", "NAME 2", ..., integer fields 1, 2, .... *last_out is
 * the last end. The JSON lives in v->list_text[slot] until the next call for that slot.
 */
static const char *list_json(verifier *v, size_t slot, const tlc_sp_param *pp, int64_t count,
			     int64_t start, int64_t len, int64_t gap, tlc_time *last_out)
{
	tlc_buf *b = &v->list_text[slot];
	tlc_time at = v->now + start, last = at;
	tlc_buf_clear(b);
	tlc_buf_puts(b, "[");
	for (int64_t k = 0; k < count; k++) {
		if (at < TLC_TIME_MIN || at + len > TLC_TIME_MAX)
			break;
		tlc_buf_printf(b, "%s{\"at\": \"@%lld\", \"end\": \"@%lld\"", k ? ", " : "",
			       (long long)at, (long long)(at + len));
		for (size_t f = 0; f < pp->nfields; f++)
			if (pp->field_int[f])
				tlc_buf_printf(b, ", \"%s\": %lld", pp->fields[f], (long long)(k + 1));
			else
				tlc_buf_printf(b, ", \"%s\": \"%s %lld\"", pp->fields[f], pp->fields[f],
					       (long long)(k + 1));
		tlc_buf_puts(b, "}");
		last = at + len;
		at = last + gap;
	}
	tlc_buf_puts(b, "]");
	if (last_out)
		*last_out = last;
	return b->ptr;
}

/* The middle of [lo, hi] moved 61 s down, within the range: off whole minutes, so that texts
 * read every unit ("3 hours, 58 minutes") where whole durations from now read "4 hours". */
static int64_t off_round(int64_t lo, int64_t hi)
{
	int64_t mid = lo + (hi - lo) / 2;
	return mid - 61 >= lo ? mid - 61 : lo;
}

/* The middle of each of a list parameter's ranges (off whole minutes: off_round). */
static const char *list_mid(verifier *v, size_t slot, const tlc_sp_param *pp)
{
	return list_json(v, slot, pp, (pp->count_lo + pp->count_hi + 1) / 2,
			 off_round(pp->domain.lo, pp->domain.hi), off_round(pp->len_lo, pp->len_hi),
			 off_round(pp->gap_lo, pp->gap_hi), NULL);
}

/* Each parameter's value for a single run: text and numbers their stand-ins, each instant the
 * middle sample of its domain (anchors first; a cycle falls back to the start). */
static size_t mid_params(verifier *v, tlc_param_value base[16], int anchor[16], size_t inst[16],
			 size_t *ninst)
{
	size_t nb = 0;
	bool done[16] = {false};
	*ninst = 0;
	for (size_t i = 0; i < v->s->nparams && nb < 16; i++) {
		const tlc_sp_param *pp = &v->s->params[i];
		/* stand-ins: a text reads as its name, a number or an integer as 1, a duration 1m */
		base[nb] = (tlc_param_value){pp->name, 0, pp->type == TLC_PARAM_DURATION ? 60 : 1,
					     pp->type == TLC_PARAM_NUMBER || pp->type == TLC_PARAM_INTEGER ? "1"
					     : pp->type == TLC_PARAM_DURATION ? "1m" : pp->name};
		if (pp->type == TLC_PARAM_DURATION && pp->has_domain) { /* the domain's middle */
			base[nb].number = pp->dur_lo + (pp->dur_hi - pp->dur_lo) / 2;
			snprintf(v->dur_text[nb], sizeof v->dur_text[nb], "%llds", (long long)base[nb].number);
			base[nb].text = v->dur_text[nb];
		}
		if (pp->type == TLC_PARAM_EVENTS)
			base[nb].text = list_mid(v, nb, pp);
		anchor[nb] = pp->type == TLC_PARAM_INSTANT ? domain_anchor(v, pp) : -1;
		if (anchor[nb] >= 16)
			anchor[nb] = -1;
		if (pp->type == TLC_PARAM_INSTANT)
			inst[(*ninst)++] = nb;
		else
			done[nb] = true;
		nb++;
	}
	for (size_t pass = 0; pass <= nb; pass++)
		for (size_t i = 0; i < nb; i++) {
			int a = anchor[i];
			if (done[i] || (a >= 0 && !done[a] && pass < nb))
				continue;
			if (a >= 0 && !done[a])
				anchor[i] = a = -1;
			tlc_time s[MAX_SAMPLES];
			size_t ns = param_samples(v, &v->s->params[i], a >= 0 ? base[a].instant : v->now, s);
			base[i].instant = s[2 < ns ? 2 : 0];
			done[i] = true;
		}
	return nb;
}

/* Whether a phase of the program has parameter `name` as its threshold. */
static bool is_threshold(const tlc_program *p, const char *name)
{
	for (size_t c = 0; c < p->ncountdowns; c++)
		for (size_t i = 0; i < p->countdowns[c].nphases; i++)
			if (p->countdowns[c].phases[i].above_param &&
			    !strcmp(p->countdowns[c].phases[i].above_param, name))
				return true;
	return false;
}

/*
 * Values of a duration parameter used as a threshold worth replaying (the others at their
 * middle values): the domain's ends, and where its threshold meets another phase's constant
 * threshold (one second either side), where the phases change order.
 */
static size_t threshold_samples(const verifier *v, const tlc_sp_param *pp, int64_t *out)
{
	size_t n = 0;
	int64_t lo = pp->dur_lo, hi = pp->dur_hi;
	add_sample(out, &n, lo, lo, hi);
	add_sample(out, &n, hi, lo, hi);
	for (size_t c = 0; c < v->s->ncountdowns; c++) {
		const tlc_sp_countdown *cd = &v->s->countdowns[c];
		for (size_t i = 0; i < cd->nphases; i++) {
			const tlc_sp_phase *ph = &cd->phases[i];
			if (!ph->above_param || strcmp(ph->above_param, pp->name) != 0)
				continue;
			for (size_t k = 0; k < cd->nphases; k++) {
				if (!cd->phases[k].has_above || cd->phases[k].above_param)
					continue;
				int64_t at = ph->above_sign * cd->phases[k].above; /* value meeting it */
				for (int64_t d = -1; d <= 1; d++)
					add_sample(out, &n, at + d, lo, hi);
			}
		}
	}
	return n;
}

/*
 * The replays of each list parameter over its domain (the middle was replayed already), the
 * others at their middle values: the fewest and the most items; the most, starting as early
 * and as late as the domain allows, at the shortest and longest lengths and gaps (the lowest
 * gap overlaps items when negative); one item at the longest length.
 */
static int replay_lists(verifier *v, tlc_exposures *x, tlc_param_value *base, size_t nb)
{
	for (size_t i = 0; i < nb; i++) {
		const tlc_sp_param *pp = &v->s->params[i];
		if (pp->type != TLC_PARAM_EVENTS)
			continue;
		const int64_t s[][4] = {
			{pp->count_lo, pp->domain.lo, pp->len_lo, pp->gap_lo},
			{pp->count_hi, pp->domain.lo, pp->len_hi, pp->gap_lo},
			{pp->count_hi, pp->domain.lo, pp->len_lo, pp->gap_hi},
			{pp->count_hi, pp->domain.hi, pp->len_hi, pp->gap_hi},
			{pp->count_hi, pp->domain.hi, pp->len_lo, pp->gap_lo},
			{pp->count_lo <= 1 && pp->count_hi >= 1 ? 1 : pp->count_lo, pp->domain.lo,
			 pp->len_hi, pp->gap_lo},
		};
		for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
			tlc_time last;
			base[i].text = list_json(v, i, pp, s[k][0], s[k][1], s[k][2], s[k][3], &last);
			tlc_time until = last + 2 * 86400 > replay_until(v) ? last + 2 * 86400 : replay_until(v);
			int rc = replay_with(v, x, base, nb, until);
			if (rc < 0)
				return rc;
		}
		base[i].text = list_mid(v, i, pp); /* back to the middle, for the next parameter */
	}
	return 0;
}

/* The replays of each duration parameter a threshold reads, over its domain (the middle was
 * replayed already); without a domain, the stand-in 1 min only (TL029). */
static int replay_thresholds(verifier *v, tlc_exposures *x, tlc_param_value *base, size_t nb,
			     tlc_time until)
{
	for (size_t i = 0; i < nb; i++) {
		const tlc_sp_param *pp = &v->s->params[i];
		if (pp->type != TLC_PARAM_DURATION || !is_threshold(v->p, pp->name))
			continue;
		if (!pp->has_domain) {
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL029", pp->node->span,
						   "'$%s' is a phase threshold without a check-params "
						   "domain; it was checked at 1 minute only", pp->name);
			tlc_diag_set_fix(g, "add 'check-params: {%s: 5m .. 2h}' with the range your "
					    "app really passes", pp->name);
			continue;
		}
		int64_t s[MAX_SAMPLES], keep = base[i].number;
		size_t ns = threshold_samples(v, pp, s);
		for (size_t k = 0; k < ns; k++) {
			base[i].number = s[k];
			snprintf(v->dur_text[i], sizeof v->dur_text[i], "%llds", (long long)s[k]);
			int rc = replay_with(v, x, base, nb, until);
			if (rc < 0)
				return rc;
		}
		base[i].number = keep;
		snprintf(v->dur_text[i], sizeof v->dur_text[i], "%llds", (long long)keep);
	}
	return 0;
}

static int run_replays(verifier *v, tlc_exposures *x)
{
	tlc_param_value base[16];
	tlc_time until = replay_until(v);
	size_t inst[16], ninst = 0;
	int anchor[16];   /* base index of the parameter each one's domain counts from, or -1 */
	size_t nb = mid_params(v, base, anchor, inst, &ninst);
	if (!ninst) {
		int rc = replay_with(v, x, base, nb, until);
		if (rc == 0)
			rc = replay_thresholds(v, x, base, nb, until);
		return rc < 0 ? rc : replay_lists(v, x, base, nb);
	}
	for (size_t k = 0; k < ninst; k++) {
		size_t idx = inst[k];
		const tlc_sp_param *pp = &v->s->params[idx];
		tlc_time s[MAX_SAMPLES], keep[16];
		size_t ns = param_samples(v, pp, anchor[idx] >= 0 ? base[anchor[idx]].instant : v->now, s);
		for (size_t j = 0; j < nb; j++)
			keep[j] = base[j].instant;
		for (size_t i = 0; i < ns; i++) {
			base[idx].instant = s[i];
			/* parameters anchored at this one move with it, keeping their place */
			for (size_t j = 0; j < nb; j++)
				if (anchor[j] == (int)idx)
					base[j].instant = keep[j] + (s[i] - keep[idx]);
			int rc = replay_with(v, x, base, nb, until + (s[i] - v->now));
			if (rc < 0)
				return rc;
		}
		for (size_t j = 0; j < nb; j++)
			base[j].instant = keep[j];
		if (!pp->has_domain) {
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL114", pp->node->span,
						   "'$%s' has no check-params domain; it was checked from 1 "
						   "minute to %s after the instantiation",
						   pp->name, v->p->has_window ? "7 days" : "the horizon");
			tlc_diag_set_fix(g, "add 'check-params: {%s: 5m .. 36h after now}' with the "
					    "range your data really has", pp->name);
		}
	}
	int rc = replay_thresholds(v, x, base, nb, until);
	return rc < 0 ? rc : replay_lists(v, x, base, nb);
}

/* ---- what each family has room for (TL115) --------------------------------------------------- */

/* The families whose room is known to matter: every one the spec writes a text for (the widget
 * supports it), and the small widget for the default text (WidgetKit's first family). Which
 * other families the app supports is in its Swift code, not here: no alarm about them. */
static void shown_families(const tlc_program *p, bool on[TLC_FAM_MAX])
{
	memset(on, 0, TLC_FAM_MAX * sizeof *on);
	on[TLC_FAM_SMALL] = true;
	for (size_t c = 0; c < p->ncountdowns; c++)
		for (size_t k = 0; k < p->countdowns[c].nphases; k++)
			for (int f = 1; f < TLC_FAM_MAX; f++)
				on[f] = on[f] || p->countdowns[c].phases[k].views[f].present;
}

/* The template family f reads at entry e: the first countdown's phase text of that family, else
 * its default text (where to point a TL115); the widget key when no phase shows. */
static const tlc_node *text_node(const verifier *v, const tlc_timeline *tl, size_t e, tlc_family_id f)
{
	for (size_t c = 0; c < v->s->ncountdowns && c < v->p->ncountdowns; c++) {
		int32_t ph = tl->entries[e].views[c].phase;
		const tlc_sp_countdown *cd = &v->s->countdowns[c];
		const tlc_sp_text *t = ph >= 0 && (size_t)ph < cd->nphases ? &cd->phases[ph].text
				       : ph == -2 && cd->has_stale ? &cd->stale_text
				       : ph == -3 && cd->has_empty ? &cd->empty_text : NULL;
		if (t && (t->node[f] || t->node[TLC_FAMILY_DEFAULT]))
			return t->node[f] ? t->node[f] : t->node[TLC_FAMILY_DEFAULT];
	}
	return tlc_node_get(v->s->root, "widget");
}

/* Whether entry e starts or ends a stretch of one phase per countdown: within a stretch the
 * numbers of a baked or self-updating text only count down or up, so its widest form is at one
 * end (the first or the last entry), and measuring the ends finds it without rendering 10,000
 * entries. */
static bool phase_edge(const tlc_timeline *tl, size_t e)
{
	if (e == 0 || e + 1 == tl->nentries)
		return true;
	for (size_t c = 0; c < tl->program->ncountdowns; c++)
		if (tl->entries[e].views[c].phase != tl->entries[e - 1].views[c].phase ||
		    tl->entries[e].views[c].phase != tl->entries[e + 1].views[c].phase)
			return true;
	return false;
}

/*
 * The entries of one timeline (the parameters' middle values) at the ends of each phase's
 * stretch, in every locale and family the widget shows: a text that takes more lines than the
 * family has is cut on the device. One
 * warning per family, at the first entry, with the text and the lines it needs.
 */
static void check_families(verifier *v)
{
	tlc_param_value base[16];
	size_t inst[16], ninst;
	int anchor[16];
	size_t nb = mid_params(v, base, anchor, inst, &ninst);
	tlc_instantiate_opts io = {.now = v->now, .data_time = TLC_TIME_NONE, .now_source = TLC_NOW_OPTION,
				   .event_zone = v->ez, .display_zone = v->dz, .params = base,
				   .nparams = nb, .max_candidates = v->o->max_candidates};
	tlc_timeline *tl = NULL;
	tlc_inst_err ie;
	bool on[TLC_FAM_MAX], warned[TLC_FAM_MAX] = {false};
	if (!v->ctx->render || tlc_instantiate(&tl, v->p, &io, &ie) < 0)
		return; /* the replays report why */
	shown_families(v->p, on);
	size_t nc = v->p->ncountdowns;
	tlc_buf *b = calloc(nc ? nc : 1, sizeof *b);
	const char **texts = calloc(nc ? nc : 1, sizeof *texts);
	for (size_t c = 0; b && c < nc; c++)
		tlc_buf_init(&b[c]); /* ptr "" (a zeroed buffer's is NULL) */
	for (size_t e = 0; b && texts && e < tl->nentries; e++) {
		if (!phase_edge(tl, e))
			continue;
		for (int f = 1; f < TLC_FAM_MAX; f++) {
			if (!on[f] || warned[f])
				continue;
			for (size_t li = 0; li < v->p->nlocales && !warned[f]; li++) {
				bool ok = true;
				for (size_t c = 0; c < nc; c++) {
					tlc_buf_clear(&b[c]);
					ok = ok && tlc_display_view(&b[c], NULL, v->ctx->render, tl,
								    &tl->entries[e].views[c], (tlc_family_id)f,
								    v->p->locales[li], tl->entries[e].date, v->dz) == 0;
					texts[c] = b[c].ptr;
				}
				unsigned lines;
				if (!ok || tlc_family_fits((tlc_family_id)f, texts, nc, &lines))
					continue;
				warned[f] = true;
				char when[48];
				fmt_local(v, when, sizeof when, tl->entries[e].date);
				tlc_family_room room = tlc_family_room_of((tlc_family_id)f);
				const tlc_node *at = text_node(v, tl, e, (tlc_family_id)f);
				tlc_buf joined = TLC_BUF_INIT; /* what the family shows, every countdown */
				for (size_t c = 0; c < nc; c++) {
					if (c)
						tlc_buf_puts(&joined, f == TLC_FAM_INLINE ? " · " : " / ");
					tlc_buf_puts(&joined, texts[c]);
				}
				texts[0] = joined.ptr;
				tlc_diag *g;
				if (f == TLC_FAM_INLINE)
					g = tlc_diag_add(&v->ctx->diags, "TL115", at ? at->span : TLC_SPAN_NONE,
							 "from %s the accessoryInline widget reads '%s' [%s]: "
							 "more than the one line of about %u columns it has; the "
							 "rest is cut", when, texts[0], v->p->locales[li], room.cols);
				else
					g = tlc_diag_add(&v->ctx->diags, "TL115", at ? at->span : TLC_SPAN_NONE,
							 "from %s the %s widget reads '%s' [%s]: %u lines of "
							 "about %u columns, and it has room for %u; the rest is cut",
							 when, tlc_family_name((tlc_family_id)f), texts[0],
							 v->p->locales[li], lines, room.cols, room.lines);
				tlc_diag_set_fix(g, "give %s a shorter text of its own ('text: {%s: ...}')",
						 tlc_family_name((tlc_family_id)f), tlc_family_name((tlc_family_id)f));
				tlc_buf_release(&joined);
			}
		}
	}
	for (size_t c = 0; b && c < nc; c++)
		tlc_buf_release(&b[c]);
	free(b);
	free(texts);
	tlc_timeline_free(tl);
}

/* ---- rules without replay ------------------------------------------------------------------- */

static void check_sources(verifier *v)
{
	for (size_t i = 0; i < v->s->nsources; i++) {
		const tlc_sp_source *src = &v->s->sources[i];
		if (src->kind != TLC_SOURCE_BACKGROUND_REFRESH)
			continue;
		char iv[48];
		fmt_dur(iv, sizeof iv, src->interval);
		tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL109", src->node->span,
					   "a background refresh every %s is a wish, not a promise: iOS "
					   "runs it when it decides (hours late, or not at all on rarely "
					   "used apps), so the check counts on none", iv);
		tlc_diag_set_fix(g, "put what must change on time in the timeline itself "
				    "(self-updating text, entries at the change points) and send a "
				    "push when the data really changes");
	}
}

static void check_targets(verifier *v)
{
	for (size_t i = 0; i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		if (c->target_kind != TLC_TARGET_TO || !c->target.set ||
		    c->target.expr.kind != TLC_TIME_EXPR_LITERAL || c->target.local)
			continue;
		tlc_time start = v->s->has_window ? v->s->window_start.at : v->now;
		if (c->target.at > start)
			continue;
		char when[64];
		fmt_local(v, when, sizeof when, c->target.at);
		tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL110", c->target.node->span,
					   "the target %s is at or before the timeline starts: the "
					   "countdown begins in its after-target phases", when);
		tlc_diag_set_fix(g, "check the date (and its zone), or start the window earlier");
	}
}

/* TL116: 'paused-at: now' stops the countdown's self-updating text at the instant each
 * timeline is made: the widget stands still ("starts in 45:00" for 45 minutes) until a reload.
 * Sometimes meant (a paused timer shown as paused), often a view computed at render time. */
static void check_frozen(verifier *v)
{
	for (size_t i = 0; i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		if (!c->paused_at.set || c->paused_at.expr.kind != TLC_TIME_EXPR_NOW)
			continue;
		tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL116", c->paused_at.node->span,
					   "'paused-at: now' freezes this countdown's {timer} and "
					   "{countdown} at the instant each timeline is made: the widget "
					   "shows the same time left (\"starts in 45:00\") until the next "
					   "reload, however late it comes");
		tlc_diag_set_fix(g, "drop 'paused-at' so the text counts by itself; keep it only for "
				    "a countdown the user paused, with the pause instant as a parameter");
	}
}

/* ---- thresholds that are parameters (TL028) ----------------------------------------------- */

static const tlc_sp_param *param_named(const tlc_spec *s, const char *name)
{
	for (size_t i = 0; i < s->nparams; i++)
		if (!strcmp(s->params[i].name, name))
			return &s->params[i];
	return NULL;
}

/* The range a phase's threshold takes: a constant, or the sign times the domain. False for a
 * parameter without a domain (TL029 says it was not explored). */
static bool threshold_range(const tlc_spec *s, const tlc_sp_phase *ph, int64_t *lo, int64_t *hi)
{
	if (!ph->above_param) {
		*lo = *hi = ph->above;
		return true;
	}
	const tlc_sp_param *pp = param_named(s, ph->above_param);
	if (!pp || !pp->has_domain)
		return false;
	*lo = ph->above_sign < 0 ? -pp->dur_hi : pp->dur_lo;
	*hi = ph->above_sign < 0 ? -pp->dur_lo : pp->dur_hi;
	return true;
}

static void fmt_sdur(char *buf, size_t n, int64_t s)
{
	char d[48];
	fmt_dur(d, sizeof d, s < 0 ? -s : s);
	snprintf(buf, n, "%s%s", s < 0 ? "-" : "", d);
}

/*
 * A phase never shows while an earlier phase's threshold is at or below its own (first match
 * wins). With a parameter on either side the compiler could not tell; over the domains, say for
 * which values it happens.
 */
static void check_param_thresholds(verifier *v)
{
	for (size_t c = 0; c < v->s->ncountdowns; c++) {
		const tlc_sp_countdown *cd = &v->s->countdowns[c];
		for (size_t i = 0; i < cd->nphases; i++) {
			const tlc_sp_phase *b = &cd->phases[i];
			int64_t blo, bhi, alo, ahi;
			if (!b->has_above || !threshold_range(v->s, b, &blo, &bhi))
				continue;
			for (size_t j = 0; j < i; j++) {
				const tlc_sp_phase *a = &cd->phases[j];
				if (!a->has_above || (!a->above_param && !b->above_param) ||
				    !threshold_range(v->s, a, &alo, &ahi))
					continue;
				const char *pn = b->above_param ? b->above_param : a->above_param;
				const tlc_sp_param *pp = param_named(v->s, pn);
				int64_t vlo, vhi; /* the parameter values that hide phase i */
				if (a->above_param && b->above_param && !strcmp(a->above_param, b->above_param)) {
					if (a->above_sign == b->above_sign) { /* always equal */
						vlo = pp->dur_lo;
						vhi = pp->dur_hi;
					} else { /* -x >= x (a positive) or x >= -x (a negative) */
						vlo = a->above_sign > 0 ? pp->dur_lo : (pp->dur_lo > 0 ? pp->dur_lo : 0);
						vhi = a->above_sign > 0 ? (pp->dur_hi < 0 ? pp->dur_hi : 0) : pp->dur_hi;
					}
				} else if (a->above_param && b->above_param) {
					if (bhi < alo)
						continue;
					vlo = pp->dur_lo; /* some combination: name the range of b's */
					vhi = pp->dur_hi;
				} else if (b->above_param) { /* s*x >= K */
					int64_t K = a->above;
					vlo = b->above_sign > 0 ? (K > pp->dur_lo ? K : pp->dur_lo) : pp->dur_lo;
					vhi = b->above_sign > 0 ? pp->dur_hi : (-K < pp->dur_hi ? -K : pp->dur_hi);
				} else { /* K >= s*x */
					int64_t K = b->above;
					vlo = a->above_sign > 0 ? pp->dur_lo : (-K > pp->dur_lo ? -K : pp->dur_lo);
					vhi = a->above_sign > 0 ? (K < pp->dur_hi ? K : pp->dur_hi) : pp->dur_hi;
				}
				if (vlo > vhi)
					continue;
				char l[64], h[64];
				fmt_sdur(l, sizeof l, vlo);
				fmt_sdur(h, sizeof h, vhi);
				tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL028", b->above_node->span,
							   "for '$%s' from %s to %s this phase never shows: its "
							   "threshold is not below phase %zu's, which matches first",
							   pn, l, h, j + 1);
				tlc_diag_set_related(g, a->above_node->span, "phase %zu's threshold", j + 1);
				tlc_diag_set_fix(g, "narrow 'check-params: {%s: ...}' to the values the app "
						    "passes, or order the phases so this one's threshold stays "
						    "below", pn);
				break;
			}
		}
	}
}

static void check_reachable(verifier *v)
{
	if (!v->p->has_window)
		return;
	for (size_t i = 0; i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		if (c->target_kind != TLC_TARGET_TO || c->target.expr.kind != TLC_TIME_EXPR_LITERAL ||
		    c->target.local)
			continue;
		int64_t rmax = c->target.at - v->s->window_start.at; /* r is largest at the start */
		if (rmax <= 0)
			continue; /* TL110's case */
		for (size_t k = 0; k < c->nphases; k++) {
			const tlc_sp_phase *ph = &c->phases[k];
			if (!ph->has_above || rmax > ph->above)
				continue;
			/* r never exceeds this threshold: the phase never shows */
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL111", ph->node->span,
						   "this phase never shows: the window starts when the "
						   "target is only %lld h away, not more than its 'above'",
						   (long long)(rmax / 3600));
			tlc_diag_set_fix(g, "remove the phase or start the window earlier");
			break;
		}
	}
}

/* The largest |r| the display can meet, in seconds: a bound for the values of baked units. */
static int64_t r_bound(const verifier *v)
{
	int64_t span = v->s->has_window ? v->s->window_end.at - v->s->window_start.at : v->s->horizon;
	int64_t extra = 0;
	for (size_t i = 0; i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		int64_t e = 366 * 86400; /* a parameter or a recurrence: up to a year away */
		if (c->target.set && c->target.expr.kind == TLC_TIME_EXPR_LITERAL && !c->target.local) {
			tlc_time start = v->s->has_window ? v->s->window_start.at : v->now;
			e = c->target.at > start ? c->target.at - start : start - c->target.at;
		}
		for (size_t k = 0; k < v->s->nparams; k++)
			if (v->s->params[k].has_domain && c->target.param &&
			    strcmp(c->target.param, v->s->params[k].name) == 0)
				e = v->s->params[k].domain.hi;
		if (e > extra)
			extra = e;
	}
	return span + extra;
}

/* The range of values argument `name` can take in a phase where |r| >= rmin; false when it is
 * unknown (a parameter). */
static bool arg_range(const verifier *v, const char *name, size_t n, int64_t rmin, int64_t *lo,
		      int64_t *hi)
{
	static const char *const units[] = {"days", "hours", "minutes", "seconds", "total-hours",
					    "total-minutes", "calendar-days"};
	int64_t r = r_bound(v);
	const int64_t max[] = {r / 86400, 23, 59, 59, r / 3600, r / 60, r / 86400 + 1};
	const int64_t min[] = {rmin / 86400, 0, 0, 0, rmin / 3600, rmin / 60, 0};
	for (int u = 0; u < 7; u++)
		if (strlen(units[u]) == n && memcmp(units[u], name, n) == 0) {
			*lo = min[u];
			*hi = max[u] > min[u] ? max[u] : min[u];
			return true;
		}
	return false;
}

/* |r| is at least this much while phase k of c shows. */
static int64_t phase_rmin(const tlc_sp_countdown *c, size_t k)
{
	if (c->phases[k].has_above && c->phases[k].above >= 0)
		return c->phases[k].above;
	if (k > 0 && c->phases[k - 1].has_above && c->phases[k - 1].above < 0)
		return -c->phases[k - 1].above;
	return 0;
}

static void check_plurals_in(verifier *v, const tlc_node *n, int64_t rmin)
{
	for (size_t li = 0; li < v->s->nlocales; li++) {
		tlc_render_locale *loc;
		tlc_msg_use *uses = NULL;
		size_t nu = 0;
		if (tlc_render_locale_get(&loc, v->ctx->render, v->s->locales[li]) < 0 ||
		    tlc_render_msg_scan(&uses, &nu, NULL, loc, n->str, n->len) < 0)
			continue;
		for (size_t i = 0; i < nu; i++) {
			unsigned need = TLC_PLURAL_ALL;
			int64_t lo, hi;
			if (arg_range(v, n->str + uses[i].name_off, uses[i].name_len, rmin, &lo, &hi))
				tlc_render_plural_range(&need, loc,
							uses[i].kind == TLC_MSG_KIND_SELECTORDINAL, lo, hi);
			unsigned missing = uses[i].missing & need;
			if (!missing)
				continue;
			char cats[96] = "";
			for (unsigned b = 1; b < TLC_PLURAL_ALL; b <<= 1)
				if (missing & b) {
					strcat(cats, *cats ? ", " : "");
					strcat(cats, tlc_plural_cat_name(b));
				}
			tlc_span sp = tlc_node_subspan(v->src, n, uses[i].off, uses[i].len);
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL112", sp,
						   "'%.*s' has no branch for the %s plural categor%s %s "
						   "needs: those numbers fall back to 'other'",
						   (int)uses[i].name_len, n->str + uses[i].name_off, cats,
						   strchr(cats, ',') ? "ies" : "y", v->s->locales[li]);
			tlc_diag_set_fix(g, "add the branches (%s) or an exact '=N' branch", cats);
		}
		free(uses);
	}
}

static void check_plurals(verifier *v)
{
	for (size_t i = 0; i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		for (size_t k = 0; k < c->nphases; k++)
			for (int f = 0; f < TLC_FAMILY_MAX; f++)
				if (c->phases[k].text.node[f])
					check_plurals_in(v, c->phases[k].text.node[f], phase_rmin(c, k));
	}
}

/* ---- recurrences across DST ----------------------------------------------------------------- */

typedef struct dst_events {
	size_t n[TLC_RECUR_EV_KIND_MAX];
	tlc_recur_event first[TLC_RECUR_EV_KIND_MAX];
} dst_events;

static void on_recur_event(void *ud, const tlc_recur_event *ev)
{
	dst_events *d = ud;
	if (d->n[ev->kind]++ == 0)
		d->first[ev->kind] = *ev;
}

/* Occurrences of one recurrence (`rrule` from local `dtstart` in zone z) from now until `until`
 * that fall into a DST gap or overlap: TL022 and TL023 at `at`, the first of each kind. */
static void recurrence_dst(verifier *v, const char *rrule, tlc_time dtstart, const tlc_zone *z,
			   tlc_time until, tlc_span at)
{
	tlc_recur *r = NULL;
	tlc_recur_iter *it = NULL;
	tlc_recur_occ o;
	dst_events d;
	memset(&d, 0, sizeof d);
	if (tlc_recur_parse_rrule(&r, rrule, strlen(rrule), NULL) < 0 ||
	    tlc_recur_set_dtstart_local(r, dtstart) < 0) {
		tlc_recur_free(r);
		return;
	}
	tlc_recur_opts opts = TLC_RECUR_OPTS_INIT;
	opts.on_event = on_recur_event;
	opts.ud = &d;
	if (tlc_recur_iter_new(&it, r, z, &opts) == 0 && tlc_recur_iter_seek(it, v->now) == 0)
		for (int k = 0; k < 100000 && tlc_recur_iter_next(&o, it) == 0 && o.utc < until; k++)
			;
	for (int kind = 0; kind < TLC_RECUR_EV_KIND_MAX; kind++) {
		if (!d.n[kind])
			continue;
		char when[32];
		tlc_civil cv;
		tlc_civil_from_secs(d.first[kind].local, &cv);
		snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", (int)cv.year, (int)cv.month,
			 (int)cv.day, (int)cv.hour, (int)cv.min);
		bool gap = kind == TLC_RECUR_EV_GAP_SKIPPED || kind == TLC_RECUR_EV_GAP_SHIFTED;
		tlc_diag *g = tlc_diag_add(&v->ctx->diags, gap ? "TL022" : "TL023", at,
					   gap ? "the occurrence at %s does not exist in %s (DST gap): "
						 "it is %s, as RFC 5545 says (%zu in the span checked)"
					       : "the occurrence at %s happens twice in %s (DST "
						 "overlap): the %s instant counts (%zu in the span "
						 "checked)",
					   when, tlc_zone_name(z),
					   kind == TLC_RECUR_EV_GAP_SKIPPED ? "skipped"
					   : kind == TLC_RECUR_EV_GAP_SHIFTED ? "shifted forward"
					   : kind == TLC_RECUR_EV_OVERLAP_LATER ? "later" : "earlier",
					   d.n[kind]);
		if (g && gap)
			tlc_diag_set_fix(g, "pick a time outside 02:00-03:00 local, or accept that "
					    "the countdown skips that day");
	}
	tlc_recur_iter_free(it);
	tlc_recur_free(r);
}

/* Occurrences of a recurring target, or of a recurring item of an events list, in the replay
 * span that fall into a DST gap or overlap. */
static void check_recurrence_dst(verifier *v, tlc_time until)
{
	const tlc_zone *z = v->ez ? v->ez : v->dz; /* floating: the device's */
	if (!z)
		return;
	for (size_t i = 0; i < v->p->ncountdowns; i++) {
		const tlc_prog_countdown *c = &v->p->countdowns[i];
		const tlc_sp_countdown *sc = &v->s->countdowns[i];
		if (c->mode == TLC_TARGET_MODE_RECUR)
			recurrence_dst(v, c->rrule, c->dtstart, z, until, sc->recur->span);
		for (size_t k = 0; c->mode == TLC_TARGET_MODE_EVENTS && k < c->nevents; k++) {
			if (!c->events[k].rrule || k >= sc->nitems)
				continue;
			const tlc_node *every = sc->items[k].every;
			recurrence_dst(v, c->events[k].rrule, 0, z, until,
				       every ? every->span : sc->items[k].node->span);
		}
	}
}

/* ---- entry ---------------------------------------------------------------------------------- */

static tlc_time choose_now(const verifier *v)
{
	if (v->o->now_given)
		return v->o->now;
	if (v->s->has_window)
		return utc_of(v, v->s->window_start.at, v->s->window_start.local);
	tlc_time best = TLC_TIME_NONE;
	for (size_t i = 0; i < v->s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		tlc_time first, last;
		if (!literal_span(c, &first, &last))
			continue;
		int64_t top = 0;
		for (size_t k = 0; k < c->nphases; k++)
			if (c->phases[k].has_above && c->phases[k].above > top)
				top = c->phases[k].above;
		tlc_time x = first - top - 3600;
		if (best == TLC_TIME_NONE || x < best)
			best = x;
	}
	return best != TLC_TIME_NONE ? best : v->o->now;
}

/*
 * TL106 past a window: a timeline that asks for no reload keeps its last entry on screen after
 * the window ends, while the spec's display goes on changing (a countdown whose target comes
 * later). The display past the window is the program's without it, instantiated at its end.
 */
static void check_window_end(verifier *v)
{
	tlc_param_value base[16];
	size_t inst[16], ninst;
	int anchor[16];
	if (!v->p->has_window || v->b.app_every > 0)
		return;
	for (size_t c = 0; c < v->p->ncountdowns; c++) /* its display past the window depends on
							    when it is made: no reference */
		if (v->p->countdowns[c].target.kind == TLC_PTIME_NOW ||
		    v->p->countdowns[c].paused_at.kind == TLC_PTIME_NOW ||
		    v->p->countdowns[c].from.kind == TLC_PTIME_NOW)
			return;
	size_t nb = mid_params(v, base, anchor, inst, &ninst);
	tlc_instantiate_opts io = {.now = v->now, .data_time = TLC_TIME_NONE, .now_source = TLC_NOW_OPTION,
				   .event_zone = v->ez, .display_zone = v->dz, .params = base,
				   .nparams = nb, .max_candidates = v->o->max_candidates};
	tlc_timeline *tl = NULL, *after = NULL;
	tlc_inst_err ie;
	if (tlc_instantiate(&tl, v->p, &io, &ie) < 0 || tl->policy != TLC_POLICY_NEVER || !tl->nentries) {
		tlc_timeline_free(tl);
		return; /* the replays report why; a reload comes otherwise */
	}
	tlc_program beyond = *v->p; /* the same display, without the window: the two days after */
	beyond.has_window = false;
	beyond.horizon = 2 * 86400;
	io.now = tl->end;
	for (size_t i = 0; i < v->s->ncountdowns; i++) { /* ... or up to the last target */
		const tlc_sp_countdown *c = &v->s->countdowns[i];
		if (c->target.set && c->target.expr.kind == TLC_TIME_EXPR_LITERAL) {
			tlc_time T = utc_of(v, c->target.at, c->target.local);
			if (T + 2 * 86400 - tl->end > beyond.horizon && T - tl->end < 366 * 86400)
				beyond.horizon = T + 2 * 86400 - tl->end;
		}
	}
	if (tlc_instantiate(&after, &beyond, &io, &ie) == 0) {
		const tlc_entry *last = &tl->entries[tl->nentries - 1];
		for (size_t e = 0; e < after->nentries; e++) {
			bool same = true;
			for (size_t c = 0; c < v->p->ncountdowns && same; c++)
				same = tlc_view_same_text(&last->views[c], &after->entries[e].views[c]);
			if (same)
				continue;
			char end[96], when[96];
			fmt_local(v, end, sizeof end, tl->end);
			fmt_local(v, when, sizeof when, after->entries[e].date > tl->end ? after->entries[e].date
												 : tl->end);
			const tlc_node *n = v->s->reload_node ? v->s->reload_node : tlc_node_get(v->s->root, "window");
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL106", n ? n->span : TLC_SPAN_NONE,
						   "the window ends %s and the timeline asks for no reload, so its "
						   "last entry stays on screen; but the display should change at %s: "
						   "it stays wrong until the app runs", end, when);
			if (v->s->reload == TLC_RELOAD_AUTO)
				tlc_diag_set_fix(g, "end the window after the display's last change");
			else
				tlc_diag_set_fix(g, "end the window after the display's last change, or use "
						    "'reload: auto' so a new timeline comes when this one ends");
			if (g) {
				g->has_timing = true;
				g->first = after->entries[e].date > tl->end ? after->entries[e].date : tl->end;
				g->worst = INT64_MAX;
				g->tolerated = -1;
				g->count = 1;
			}
			break;
		}
	}
	tlc_timeline_free(after);
	tlc_timeline_free(tl);
}

/* The device zones a floating spec is checked in by default: a DST zone in each hemisphere
 * (their clocks change in opposite seasons) and a 30-minute offset. */
static const char *const floating_zones[] = {"Europe/London", "Australia/Sydney", "Asia/Kolkata"};

static bool same_finding(const tlc_diag *a, const tlc_diag *b)
{
	return strcmp(a->rule, b->rule) == 0 && a->span.file == b->span.file &&
	       a->span.start == b->span.start && a->span.end == b->span.end;
}

/* Whether a recurring countdown still has an occurrence after t (a rule without COUNT or UNTIL
 * always has; an 'rdate' list of computed times ends). */
static bool recurs_after(const verifier *v, const tlc_zone *z, tlc_time t)
{
	for (size_t i = 0; i < v->p->ncountdowns; i++) {
		const tlc_prog_countdown *c = &v->p->countdowns[i];
		tlc_recur *r = NULL;
		tlc_recur_iter *it = NULL;
		tlc_recur_occ o;
		bool later = false;
		if (c->mode != TLC_TARGET_MODE_RECUR)
			continue;
		for (size_t k = 0; k < c->nrdate && !later; k++)
			later = c->rdate[k] - 14 * 3600 > t; /* local seconds: any zone's offset */
		if (!later && tlc_recur_parse_rrule(&r, c->rrule, strlen(c->rrule), NULL) == 0 &&
		    tlc_recur_set_dtstart_local(r, c->dtstart) == 0) {
			tlc_recur_opts opts = TLC_RECUR_OPTS_INIT;
			later = tlc_recur_iter_new(&it, r, z, &opts) == 0 && tlc_recur_iter_seek(it, t) == 0 &&
				tlc_recur_iter_next(&o, it) == 0;
		}
		tlc_recur_iter_free(it);
		tlc_recur_free(r);
		if (later)
			return true;
	}
	return false;
}

/* Whether what the device shows can depend on its zone: floating local times, recurrences,
 * calendar days (midnights), {date} and {time}. A program with none of them is checked in one
 * zone: the others would give the same findings. */
static bool zone_dependent(const tlc_program *p)
{
	if (p->has_window && (p->window_start.kind == TLC_PTIME_LOCAL || p->window_end.kind == TLC_PTIME_LOCAL))
		return true;
	for (size_t i = 0; i < p->nmessages; i++)
		if (p->messages[i].units & TLC_UNIT_CALENDAR_DAYS)
			return true;
	for (size_t i = 0; i < p->ncountdowns; i++) {
		const tlc_prog_countdown *c = &p->countdowns[i];
		if (c->mode == TLC_TARGET_MODE_RECUR || c->target.kind == TLC_PTIME_LOCAL ||
		    c->from.kind == TLC_PTIME_LOCAL || c->paused_at.kind == TLC_PTIME_LOCAL)
			return true;
		for (size_t k = 0; k < c->nphases; k++)
			for (int f = 0; f < TLC_FAM_MAX; f++)
				for (size_t r = 0; r < c->phases[k].views[f].nruns; r++) {
					tlc_run_kind kind = c->phases[k].views[f].runs[r].kind;
					if (kind == TLC_RUN_DATE || kind == TLC_RUN_TIME)
						return true;
				}
	}
	return false;
}

/* The replays and what depends on the device zone, in v->dz. */
static int verify_zone(verifier *v)
{
	tlc_exposures x = {0};
	tlc_time now = v->now = replay_start(v, choose_now(v));
	check_recurrence_dst(v, replay_until(v));
	int rc = run_replays(v, &x);
	/* a recurring countdown meets every DST change of the year: replay from the day before the
	   next two of them too (a daily timer reads 25:00:00 across the autumn one) */
	const tlc_zone *z = v->ez ? v->ez : v->dz;
	tlc_time tr = now;
	for (int k = 0; rc == 0 && !v->p->has_window && z && k < 2 &&
			tlc_zone_next_transition(z, tr, &tr) == 0 && tr < now + 366 * 86400; k++) {
		if (tr - 86400 - 7200 <= now + v->p->horizon || !recurs_after(v, z, tr))
			continue; /* the first replay covers it, or nothing recurs that late */
		v->now = tr - 86400 - 7200;
		/* the parameters at their middle values: the change, not the domain, is the point */
		tlc_param_value base[16];
		size_t inst[16], ninst;
		int anchor[16];
		size_t nb = mid_params(v, base, anchor, inst, &ninst);
		rc = replay_with(v, &x, base, nb, replay_until(v));
		rc = rc == TLC_ENOMEM ? rc : 0; /* the first replay reported a failure already */
	}
	v->now = now;
	if (rc == 0) {
		check_families(v);
		check_window_end(v);
	}
	for (size_t i = 0; rc == 0 && i < x.n; i++)
		finding(v, &x.v[i]);
	tlc_exposures_release(&x);
	return rc;
}

int tlc_verify(tlc_ctx *ctx, const tlc_spec *s, const tlc_program *p, const tlc_verify_opts *o)
{
	verifier v = {ctx, s, p, o, tlc_sources_get(&ctx->sources, s->file), s->zone, NULL, 0, false,
		      o->budget, NULL, {{0}}, {TLC_BUF_INIT}};
	for (size_t i = 0; i < s->nsources; i++) /* the most frequent asks */
		if (s->sources[i].kind == TLC_SOURCE_APP_BACKGROUND &&
		    (!v.app_bg || s->sources[i].interval < v.app_bg->interval))
			v.app_bg = &s->sources[i];
	v.b.app_every = v.app_bg ? v.app_bg->interval : 0;
	/* a floating spec follows the device: check it where clocks change, unless pinned; a
	   zone database without them (--tzdata) leaves UTC */
	const char *one = o->display_zone ? o->display_zone : s->zone ? s->zone_name : NULL;
	const tlc_zone *zones[sizeof floating_zones / sizeof floating_zones[0]];
	const char *names[sizeof floating_zones / sizeof floating_zones[0]];
	size_t nz = 0;
	if (one) {
		if (tlc_zones_get(ctx->zones, one, &zones[nz]) < 0)
			return TLC_EINVAL;
		names[nz++] = one;
	} else {
		for (size_t k = 0; k < sizeof floating_zones / sizeof floating_zones[0]; k++)
			if (tlc_zones_get(ctx->zones, floating_zones[k], &zones[nz]) == 0)
				names[nz++] = floating_zones[k];
		if (!nz && tlc_zones_get(ctx->zones, "UTC", &zones[nz]) == 0)
			names[nz++] = "UTC";
		if (!nz)
			return TLC_EINVAL;
	}
	size_t nnamed = nz;
	if (!one && nz > 1 && !zone_dependent(p))
		nz = 1; /* the same findings in every zone: the note still names them all */
	v.zone_named = !one;
	/* the checks that need no replay read the start and the first zone */
	v.dz = zones[0];
	v.now = replay_start(&v, choose_now(&v));
	check_sources(&v);
	check_targets(&v);
	check_reachable(&v);
	check_param_thresholds(&v);
	check_frozen(&v);
	check_plurals(&v);
	int rc = 0;
	for (size_t k = 0; k < nz && rc != TLC_ENOMEM; k++) {
		size_t before = ctx->diags.n;
		v.dz = zones[k];
		rc = verify_zone(&v);
		/* a finding an earlier zone reported already is the same finding */
		for (size_t i = before; i < ctx->diags.n;) {
			size_t j = 0;
			while (j < before && !same_finding(&ctx->diags.v[j], &ctx->diags.v[i]))
				j++;
			if (j == before) {
				i++;
				continue;
			}
			if (ctx->diags.v[i].sev > ctx->diags.v[j].sev) { /* keep the stronger: certain */
				tlc_diag t = ctx->diags.v[j];
				ctx->diags.v[j] = ctx->diags.v[i];
				ctx->diags.v[i] = t;
			}
			tlc_diag_remove(&ctx->diags, i);
		}
	}
	if (!one) {
		const tlc_node *tz = tlc_node_get(s->root, "timezone");
		char list[160] = "";
		for (size_t k = 0; k < nnamed; k++) {
			size_t l = strlen(list);
			snprintf(list + l, sizeof list - l, "%s%s", k == 0 ? "" : k + 1 == nnamed ? " and " : ", ",
				 names[k]);
		}
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL117", tz ? tz->span : tlc_span_make(s->file, 0, 0),
					   "the spec follows the device's zone (floating): it was checked in "
					   "%s", list);
		tlc_diag_set_fix(g, "pin one device zone with --display-zone, or give the spec a "
				    "'timezone:'");
	}
	for (size_t i = 0; i < 16; i++)
		tlc_buf_release(&v.list_text[i]);
	return rc == TLC_ENOMEM ? rc : 0;
}
