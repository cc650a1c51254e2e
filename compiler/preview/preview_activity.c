/*
 * preview_activity.c — `timelinec preview ACTIVITY-SPEC`: what each presentation of a Live
 * Activity reads at every instant where that changes, for the schedule `compile` writes with the
 * same --now and --param. The model (the segments of the activity's life, the parts of each
 * presentation's template, the findings placed at their instants) and the terminal table; the
 * page is preview_activity_html.c.
 *
 * Every text comes from tlc_activity_render() (activity.c), as `render` prints it: the whole
 * presentation, or one part of its template alone (for the page), on the real schedule or on a
 * synthetic one-state schedule (the page's {relative} change points and timer digits).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verify/activity_rules.h"
#include "display/activity_render.h"
#include "base/arena.h"
#include "report/report.h"
#include "preview/preview.h"
#include "timelinec/civil.h"

/* activity.c: a presentation's template split into runs, in ctx's arena */

#define SCRATCH_RECYCLE 2048 /* renders between two emptyings of the scratch arena */

/* ---- rendering ------------------------------------------------------------------------------ */

static void scratch_open(pv_activity *pa)
{
	pa->scratch = *pa->ctx; /* the sources and the render context are shared, read only */
	tlc_diags_init(&pa->scratch.diags);
	tlc_arena_init(&pa->scratch.arena);
}

static void scratch_close(pv_activity *pa)
{
	tlc_diags_release(&pa->scratch.diags);
	tlc_arena_release(&pa->scratch.arena);
}

static tlc_ctx *scratch(pv_activity *pa)
{
	if (++pa->scratch_uses % SCRATCH_RECYCLE == 0) {
		scratch_close(pa);
		scratch_open(pa);
	}
	return &pa->scratch;
}

int pa_text(pv_activity *pa, tlc_buf *out, size_t pi, const char *locale, tlc_time t,
	    tlc_la_phase *phase)
{
	tlc_la_phase ph = TLC_LA_NOT_STARTED;
	tlc_buf_clear(out);
	int rc = tlc_activity_render(out, NULL, &ph, scratch(pa), pa->sch, pa->pres[pi].pres, locale, t,
				     pa->dz);
	if (phase)
		*phase = ph;
	return rc;
}

int pa_part_text(pv_activity *pa, tlc_buf *out, size_t pi, const pa_part *part,
		 const char *locale, tlc_time t, const tlc_la_state *st)
{
	int p = pa->pres[pi].pres;
	tlc_la_phase ph;
	const tlc_la_schedule *sch = &pa->sub_sch;
	tlc_buf_clear(out);
	pa->sub_spec.view_nodes[p] = &part->node;
	pa->sub_spec.views[p] = part->node.str;
	if (st) {
		tlc_time far = -((tlc_time)1 << 50);
		memcpy(pa->syn_state.values, st->values, sizeof st->values);
		pa->syn_state.at = far;
		pa->syn_state.stale = TLC_TIME_NONE;
		pa->syn.start = far;
		sch = &pa->syn;
	}
	int rc = tlc_activity_render(out, NULL, &ph, scratch(pa), sch, p, locale, t, pa->dz);
	pa->sub_spec.view_nodes[p] = pa->spec->view_nodes[p];
	pa->sub_spec.views[p] = pa->spec->views[p];
	return rc;
}

/* activity.c's state_at(): the last state at or before t, the start before it. */
static size_t state_at(const tlc_la_schedule *sch, tlc_time t)
{
	size_t cur = 0;
	for (size_t i = 0; i < sch->nstates; i++)
		if (sch->states[i].at <= t || i == 0)
			cur = i;
	return cur;
}

/* activity.c's phase_at(). */
static tlc_la_phase phase_at(const tlc_la_schedule *sch, size_t s, tlc_time t)
{
	tlc_time end = sch->end != TLC_TIME_NONE ? sch->end : sch->system_end;
	const tlc_la_state *st = &sch->states[s];
	if (t < sch->start)
		return TLC_LA_NOT_STARTED;
	if (t >= sch->gone)
		return TLC_LA_DISMISSED;
	if (t >= end)
		return TLC_LA_ENDED;
	return st->stale != TLC_TIME_NONE && t >= st->stale ? TLC_LA_STALE : TLC_LA_ACTIVE;
}

tlc_time pa_value_since(const pv_activity *pa, size_t s, int f)
{
	const tlc_la_schedule *sch = pa->sch;
	tlc_time since = sch->start;
	for (size_t i = 0; i < sch->nstates && i <= s; i++)
		if (i == 0 || sch->states[i].values[f].date != sch->states[i - 1].values[f].date)
			since = sch->states[i].at;
	return since;
}

/* ---- formatting ----------------------------------------------------------------------------- */

void pa_fmt_local(const pv_activity *pa, char *buf, size_t n, tlc_time t)
{
	tlc_civil c;
	int32_t off = pa->dz ? tlc_zone_offset(pa->dz, t) : 0;
	int32_t a = off < 0 ? -off : off;
	tlc_civil_from_secs(t + off, &c);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d", (int)c.year, (int)c.month,
		 (int)c.day, (int)c.hour, (int)c.min, (int)c.sec, off < 0 ? '-' : '+', (int)(a / 3600),
		 (int)(a / 60 % 60));
}

const char *pa_event_name(const tlc_la_state *st)
{
	return st->kind == TLC_LA_START ? "start" : st->kind == TLC_LA_END ? "end" : "update";
}

const char *pa_via_name(tlc_via v)
{
	return v == TLC_VIA_APP		  ? "app"
	       : v == TLC_VIA_PUSH_TO_START ? "push-to-start"
	       : v == TLC_VIA_INTENT	  ? "intent"
					  : "push";
}

/* ---- the model ------------------------------------------------------------------------------ */

static bool live_kind(tlc_run_kind k)
{
	return k == TLC_RUN_TIMER || k == TLC_RUN_COUNTDOWN || k == TLC_RUN_RELATIVE ||
	       k == TLC_RUN_OFFSET || k == TLC_RUN_PROGRESS || k == TLC_RUN_DATE_OFFSET ||
	       k == TLC_RUN_COUNTDOWN_TIMER || k == TLC_RUN_STOPWATCH || k == TLC_RUN_DATE_REFERENCE;
}

static int field_index(const tlc_spec *s, const char *name)
{
	for (size_t i = 0; name && i < s->nfields && i < TLC_LA_MAX_FIELDS; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The parts of presentation p: runs that do not depend on t grouped, self-updating ones alone. */
static int split_parts(pv_activity *pa, pa_pres *pr)
{
	const tlc_node *vn = pa->spec->view_nodes[pr->pres];
	int rc = tlc__la_split(pa->ctx, pa->spec, pr->pres, &pr->tm);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < pr->tm.nruns;) {
		const tlc_tmpl_run *r = &pr->tm.runs[i];
		size_t j = i + 1;
		pa_part *part = &pr->parts[pr->nparts++];
		memset(part, 0, sizeof *part);
		part->field = field_index(pa->spec, r->field);
		if (live_kind(r->kind) && part->field >= 0) {
			part->live = true;
			part->kind = r->kind;
			part->style = r->style;
		} else {
			while (j < pr->tm.nruns && !(live_kind(pr->tm.runs[j].kind) &&
						      field_index(pa->spec, pr->tm.runs[j].field) >= 0))
				j++;
		}
		const tlc_tmpl_run *last = &pr->tm.runs[j - 1];
		size_t off = r->off, len = last->off + last->len - r->off;
		char *s = tlc_arena_strndup(&pa->ctx->arena, vn->str + off, len);
		if (!s)
			return TLC_ENOMEM;
		part->node = *vn;
		part->node.str = s;
		part->node.len = len;
		i = j;
	}
	return 0;
}

static int cmp_time(const void *a, const void *b)
{
	const tlc_time *x = a, *y = b;
	return *x < *y ? -1 : *x > *y;
}

static int build_segments(pv_activity *pa)
{
	const tlc_la_schedule *sch = pa->sch;
	size_t cap = sch->nstates * 2 + 8, n = 0;
	tlc_time *b = malloc(cap * sizeof *b);
	if (!b)
		return TLC_ENOMEM;
#define ADD(x) do { tlc_time x_ = (x); if (x_ != TLC_TIME_NONE && x_ >= pa->from && x_ < pa->until) b[n++] = x_; } while (0)
	ADD(pa->from);
	ADD(sch->start);
	ADD(sch->end);
	ADD(sch->system_end);
	ADD(sch->gone);
	for (size_t i = 0; i < sch->nstates; i++) {
		ADD(sch->states[i].at);
		ADD(sch->states[i].stale);
	}
#undef ADD
	qsort(b, n, sizeof *b, cmp_time);
	pa->segs = calloc(n ? n : 1, sizeof *pa->segs);
	if (!pa->segs) {
		free(b);
		return TLC_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (i && b[i] == b[i - 1])
			continue;
		size_t s = state_at(sch, b[i]);
		tlc_la_phase ph = phase_at(sch, s, b[i]);
		pa_seg *prev = pa->nsegs ? &pa->segs[pa->nsegs - 1] : NULL;
		if (prev && prev->state == s && prev->phase == ph)
			continue; /* nothing changes there */
		pa_seg *g = &pa->segs[pa->nsegs++];
		g->from = b[i];
		g->state = s;
		g->phase = ph;
		if (prev)
			prev->to = g->from;
		if (g->from == sch->start && ph != TLC_LA_NOT_STARTED)
			g->at |= PA_AT_START;
		for (size_t k = 0; k < sch->nstates; k++)
			if (sch->states[k].at == g->from && sch->states[k].kind != TLC_LA_START)
				g->at |= sch->states[k].kind == TLC_LA_END ? PA_AT_END : PA_AT_UPDATE;
		if (prev && ph == TLC_LA_STALE && prev->phase != TLC_LA_STALE)
			g->at |= PA_AT_STALE;
		if (ph == TLC_LA_ENDED && (!prev || prev->phase != TLC_LA_ENDED)) {
			g->at |= PA_AT_ENDED;
			if (!(g->at & PA_AT_END))
				g->at |= g->from == sch->system_end ? PA_AT_SYSTEM_END : PA_AT_END;
		}
		if (ph == TLC_LA_DISMISSED && (!prev || prev->phase != TLC_LA_DISMISSED))
			g->at |= PA_AT_GONE;
	}
	if (pa->nsegs)
		pa->segs[pa->nsegs - 1].to = pa->until;
	free(b);
	return 0;
}

int pa_build(pv_activity *pa)
{
	const tlc_la_schedule *sch = pa->sch;
	tlc_time life = sch->gone - sch->start;
	tlc_time pad = life / 12;
	if (pad < 60)
		pad = 60;
	if (pad > 1800)
		pad = 1800;
	pa->from = sch->start - pad;
	pa->until = sch->gone + pad;
	scratch_open(pa);
	pa->sub_spec = *pa->spec;
	pa->sub_sch = *sch;
	pa->sub_sch.spec = &pa->sub_spec;
	memset(&pa->syn, 0, sizeof pa->syn);
	memset(&pa->syn_state, 0, sizeof pa->syn_state);
	pa->syn.spec = &pa->sub_spec;
	pa->syn.states = &pa->syn_state;
	pa->syn.nstates = 1;
	pa->syn.end = TLC_TIME_NONE;
	pa->syn.system_end = INT64_MAX;
	pa->syn.gone = INT64_MAX;
	pa->syn_state.stale = pa->syn_state.dismissal = TLC_TIME_NONE;
	for (int p = 0; p < TLC_LA_PRESENTATIONS; p++) {
		if (!pa->spec->views[p])
			continue;
		pa_pres *pr = &pa->pres[pa->npres++];
		memset(pr, 0, sizeof *pr);
		pr->pres = p;
		int rc = split_parts(pa, pr);
		if (rc < 0)
			return rc;
	}
	return build_segments(pa);
}

void pa_release(pv_activity *pa)
{
	if (pa->ctx && pa->scratch.render)
		scratch_close(pa);
	memset(&pa->scratch, 0, sizeof pa->scratch);
	free(pa->segs);
	free(pa->findings);
	pa->segs = NULL;
	pa->findings = NULL;
	pa->nsegs = pa->nfindings = 0;
}

ptrdiff_t pa_seg_at(const pv_activity *pa, tlc_time t)
{
	size_t lo = 0, hi = pa->nsegs;
	if (!pa->nsegs || t < pa->segs[0].from)
		return -1;
	while (hi - lo > 1) {
		size_t m = lo + (hi - lo) / 2;
		if (pa->segs[m].from <= t)
			lo = m;
		else
			hi = m;
	}
	return (ptrdiff_t)lo;
}

/* ---- findings at their instants ------------------------------------------------------------- */

static bool span_in(tlc_span inner, tlc_span outer)
{
	return inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end;
}

static tlc_time state_until(const tlc_la_schedule *sch, size_t i)
{
	for (size_t j = i + 1; j < sch->nstates; j++)
		if (sch->states[j].at > sch->states[i].at)
			return sch->states[j].at < sch->gone ? sch->states[j].at : sch->gone;
	return sch->gone;
}

/* Where value T of date field f, set by state i, holds: until the next state that changes it. */
static tlc_time value_until(const tlc_la_schedule *sch, size_t i, int f)
{
	for (size_t j = i + 1; j < sch->nstates; j++)
		if (sch->states[j].values[f].date != sch->states[i].values[f].date)
			return sch->states[j].at;
	return sch->gone;
}

static bool event_sets(const tlc_spec *s, size_t ev, int f)
{
	for (size_t i = 0; i < s->events[ev].nstate; i++)
		if (strcmp(s->events[ev].state[i].field, s->fields[f].name) == 0)
			return true;
	return false;
}

/* When finding g happens in this schedule: [from, to); false when it has no instant. The
 * instants follow the rules in activity.c's tlc_activity_verify(). */
static bool finding_when(const pv_activity *pa, const tlc_diag *g, tlc_time *from, tlc_time *to)
{
	const tlc_la_schedule *sch = pa->sch;
	const tlc_spec *s = pa->spec;
	if (!sch->nstates)
		return false;
	if (strcmp(g->rule, "TL201") == 0 || strcmp(g->rule, "TL202") == 0) {
		*from = sch->system_end;
		*to = sch->gone > *from ? sch->gone : *from + 1;
		return true;
	}
	if (strcmp(g->rule, "TL203") == 0 && sch->end != TLC_TIME_NONE) {
		*from = sch->end;
		*to = sch->gone > *from ? sch->gone : *from + 1;
		return true;
	}
	if (strcmp(g->rule, "TL204") == 0) { /* a run in a view: from the date it counts up from */
		int f = -1;
		for (size_t pi = 0; pi < pa->npres && f < 0; pi++)
			for (size_t r = 0; r < pa->pres[pi].tm.nruns; r++)
				if (pa->pres[pi].tm.runs[r].span.start == g->span.start &&
				    pa->pres[pi].tm.runs[r].span.file == g->span.file)
					f = field_index(s, pa->pres[pi].tm.runs[r].field);
		for (size_t i = 0; f >= 0 && i < sch->nstates; i++) {
			tlc_time T = sch->states[i].values[f].date, until = value_until(sch, i, f);
			if (!sch->states[i].values[f].set || (i && T == sch->states[i - 1].values[f].date))
				continue;
			if (T > sch->states[i].at && until > T + 10) {
				*from = T;
				*to = until;
				return true;
			}
		}
		return false;
	}
	if (strcmp(g->rule, "TL210") == 0) { /* from the push over the budget, for an hour */
		for (size_t i = 0, lo = 0; i < sch->nstates; i++) {
			const tlc_la_state *st = &sch->states[i];
			if (!st->payload || st->priority != 10)
				continue;
			size_t n = 0;
			while (sch->states[lo].at <= st->at - 3600)
				lo++;
			for (size_t j = lo; j <= i; j++)
				n += sch->states[j].payload && sch->states[j].priority == 10;
			if (n > (size_t)TLC_LA_BUDGET(s)) { /* TL210's assumption, as check passes it */
				*from = st->at;
				*to = st->at + 3600;
				return true;
			}
		}
		return false;
	}
	for (size_t k = 0; k < s->nevents; k++) {
		if (!span_in(g->span, s->events[k].node->span))
			continue;
		for (size_t i = 0; i < sch->nstates; i++) {
			const tlc_la_state *st = &sch->states[i];
			if (st->src != k)
				continue;
			if (strcmp(g->rule, "TL206") == 0) { /* from the date that passes unmarked */
				for (size_t f = 0; f < s->nfields && f < TLC_LA_MAX_FIELDS; f++) {
					tlc_time T = st->values[f].date, until = value_until(sch, i, (int)f);
					if (s->fields[f].type == TLC_FIELD_DATE && event_sets(s, k, (int)f) &&
					    T > st->at && until > T) {
						*from = T;
						*to = until;
						return true;
					}
				}
				continue;
			}
			*from = st->at;
			*to = state_until(sch, i);
			if (*to <= *from)
				*to = *from + 1;
			return true;
		}
		return false;
	}
	return false;
}

static const tlc_diag *find_diag(const tlc_diags *d, const tlc_diag *g)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev != TLC_SEV_NONE && strcmp(d->v[i].rule, g->rule) == 0 &&
		    d->v[i].span.file == g->span.file && d->v[i].span.start == g->span.start &&
		    d->v[i].span.end == g->span.end)
			return &d->v[i];
	return NULL;
}

static int cmp_finding(const void *a, const void *b)
{
	const pa_finding *x = a, *y = b;
	if (x->timed != y->timed)
		return x->timed ? 1 : -1;
	if (x->timed && x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* g: check's finding (checked) or this schedule's; here: this schedule's own, when it has one
 * (its message then speaks of this schedule's instants) */
static void take_finding(pv_activity *pa, const tlc_diag *g, bool checked, const tlc_diag *here)
{
	pa_finding *f = &pa->findings[pa->nfindings++];
	const tlc_source *src = tlc_sources_get(&pa->ctx->sources, g->span.file);
	memset(f, 0, sizeof *f);
	f->rule = g->rule;
	f->sev = g->sev;
	f->message = here ? here->message : g->message;
	f->file = src ? (strcmp(src->name, "-") == 0 ? "<stdin>" : src->name) : NULL;
	if (src && src->len)
		tlc_source_linecol(src, g->span.start, &f->line, &f->col);
	f->checked = checked;
	f->timed = here && finding_when(pa, g, &f->from, &f->to);
}

int pa_findings(pv_activity *pa, const tlc_diags *checked, const tlc_diags *local)
{
	pa->findings = calloc(checked->n + local->n + 1, sizeof *pa->findings);
	if (!pa->findings)
		return TLC_ENOMEM;
	for (size_t i = 0; i < checked->n; i++)
		if (checked->v[i].sev != TLC_SEV_NONE)
			take_finding(pa, &checked->v[i], true, find_diag(local, &checked->v[i]));
	for (size_t i = 0; i < local->n; i++)
		if (local->v[i].sev != TLC_SEV_NONE && !find_diag(checked, &local->v[i]))
			take_finding(pa, &local->v[i], false, &local->v[i]);
	qsort(pa->findings, pa->nfindings, sizeof *pa->findings, cmp_finding);
	return 0;
}

/* ---- the table ------------------------------------------------------------------------------ */

typedef struct table {
	pvt_rows r;
	pv_activity *pa;
	int pres_w, loc_w;
} table;

static void group(table *tb, tlc_time t, const char *what)
{
	pa_fmt_local(tb->pa, tb->r.when, sizeof tb->r.when, t);
	snprintf(tb->r.what, sizeof tb->r.what, "%s", what);
}

/* What the first self-updating part of presentation pi does over [s0, s1) in state s. */
static const char *live_words(const pv_activity *pa, size_t pi, size_t s, tlc_time s0, tlc_time s1)
{
	const pa_pres *pr = &pa->pres[pi];
	const tlc_la_state *st = &pa->sch->states[s];
	for (size_t j = 0; j < pr->nparts; j++) {
		const pa_part *p = &pr->parts[j];
		if (!p->live || !st->values[p->field].set)
			continue;
		tlc_time T = st->values[p->field].date;
		switch (p->kind) {
		case TLC_RUN_STOPWATCH:
			if (s1 <= T)
				return "waits at 00:00";
			return s0 >= T ? "counts up" : "waits, then counts up";
		case TLC_RUN_COUNTDOWN:
		case TLC_RUN_COUNTDOWN_TIMER:
			if (s0 >= T || pa_value_since(pa, s, p->field) >= T)
				return "held at 0:00";
			return s1 <= T ? "counts down" : "counts down, then held at 0:00";
		case TLC_RUN_TIMER:
			if (s1 <= T)
				return "counts down";
			return s0 >= T ? "counts up past its date" : "counts down, then up past its date";
		case TLC_RUN_PROGRESS:
			return "fills";
		default:
			return "updates itself";
		}
	}
	return NULL;
}

/* The text rows of segment k: every presentation in every locale, or one line when nothing
 * shows. at: one instant (--at), else the segment's stretch, summarised. */
static int text_rows(table *tb, size_t k, tlc_time at)
{
	pv_activity *pa = tb->pa;
	const pa_seg *g = &pa->segs[k];
	tlc_time s0 = at != TLC_TIME_NONE ? at : g->from, s1 = g->to;
	int rc = 0;
	if (g->phase == TLC_LA_NOT_STARTED || g->phase == TLC_LA_DISMISSED) {
		pvt_row(&tb->r, "(nothing shows)");
		return 0;
	}
	for (size_t pi = 0; pi < pa->npres && rc == 0; pi++) {
		const char *name = tlc_presentation_names[pa->pres[pi].pres];
		for (size_t li = 0; li < pa->nlocales && rc == 0; li++) {
			tlc_buf a = TLC_BUF_INIT, b = TLC_BUF_INIT;
			const char *loc = pa->locales[li];
			rc = pa_text(pa, &a, pi, loc, s0, NULL);
			const char *words = at == TLC_TIME_NONE && s1 - s0 > 1
						    ? live_words(pa, pi, g->state, s0, s1) : NULL;
			if (rc == 0 && words)
				rc = pa_text(pa, &b, pi, loc, s1 - 1, NULL);
			if (rc < 0)
				pvt_row(&tb->r, "%-*s  %-*s  (cannot render: %s)", tb->pres_w, li ? "" : name, tb->loc_w,
				    loc, tlc_strerror(rc));
			else if (!a.len && (!words || !b.len))
				pvt_row(&tb->r, "%-*s  %-*s  (nothing shows)", tb->pres_w, li ? "" : name, tb->loc_w, loc);
			else if (words && strcmp(a.ptr, b.ptr) != 0)
				pvt_row(&tb->r, "%-*s  %-*s  %s \xe2\x86\x92 %s  (%s)", tb->pres_w, li ? "" : name,
				    tb->loc_w, loc, a.ptr, b.ptr, words);
			else if (words)
				pvt_row(&tb->r, "%-*s  %-*s  %s  (%s)", tb->pres_w, li ? "" : name, tb->loc_w, loc, a.ptr,
				    words);
			else
				pvt_row(&tb->r, "%-*s  %-*s  %s", tb->pres_w, li ? "" : name, tb->loc_w, loc, a.ptr);
			tlc_buf_release(&a);
			tlc_buf_release(&b);
		}
	}
	return rc;
}

/* Two states that show the same in every presentation: the same values and intervals. */
static bool same_content(const pv_activity *pa, size_t a, size_t b)
{
	const tlc_la_state *x = &pa->sch->states[a], *y = &pa->sch->states[b];
	for (size_t f = 0; f < pa->spec->nfields && f < TLC_LA_MAX_FIELDS; f++) {
		const tlc_la_value *u = &x->values[f], *v = &y->values[f];
		if (!tlc_la_value_equal(pa->spec, f, u, v))
			return false;
		if (pa->spec->fields[f].type == TLC_FIELD_DATE && u->set &&
		    pa_value_since(pa, a, (int)f) != pa_value_since(pa, b, (int)f))
			return false;
	}
	return true;
}

/* "push, priority 10, 225 bytes, alert 'Your order is nearby: About 10 minutes away'" */
static void push_words(const pv_activity *pa, const tlc_la_state *st, char *buf, size_t n)
{
	const tlc_sp_event *ev = &pa->spec->events[st->src];
	if (!st->payload) {
		snprintf(buf, n, st->via == TLC_VIA_INTENT ? "by the user, through an App Intent (no push)"
				 : ev->foreground ? "by the app while the user has it open (no push)"
						  : "by the app (no push)");
		return;
	}
	int k = snprintf(buf, n, "%s, priority %d, %zu bytes", pa_via_name(st->via), st->priority,
			 st->payload_len);
	if (ev->has_alert && k > 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, ", alert '%s%s%s'", ev->alert.title ? ev->alert.title : "",
			 ev->alert.title && ev->alert.body ? ": " : "", ev->alert.body ? ev->alert.body : "");
}

/* The lines saying what happens at segment g's start: the states made then, the phase. */
static void happen_rows(table *tb, const pa_seg *g)
{
	pv_activity *pa = tb->pa;
	const tlc_la_schedule *sch = pa->sch;
	char w[48], push[600];
	bool first = true;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		if (st->at != g->from)
			continue;
		push_words(pa, st, push, sizeof push);
		char tail[160] = "";
		if (st->kind == TLC_LA_END) {
			if (st->dismissal != TLC_TIME_NONE) {
				pa_fmt_local(pa, w, sizeof w, st->dismissal);
				snprintf(tail, sizeof tail, "; dismissal-date %s", w);
			} else {
				snprintf(tail, sizeof tail, "; default dismissal (up to 4 h)");
			}
		} else if (st->stale != TLC_TIME_NONE) {
			pa_fmt_local(pa, w, sizeof w, st->stale);
			snprintf(tail, sizeof tail, "; stale-date %s", w);
		} else {
			snprintf(tail, sizeof tail, "; no stale date");
		}
		bool prefix = first && (g->phase == TLC_LA_ACTIVE || g->phase == TLC_LA_STALE);
		pvt_row(&tb->r, "%s%s%s: %s%s%s", prefix ? tlc_la_phase_name(g->phase) : "", prefix ? "; " : "",
		    pa_event_name(st), push, tail,
		    st->kind == TLC_LA_END && sch->end != TLC_TIME_NONE && st->at > sch->end
			    ? " (the system ended the activity at 8 hours: the device ignores it)" : "");
		first = false;
	}
	if (first && g->phase != TLC_LA_STALE && g->phase != TLC_LA_ENDED && g->phase != TLC_LA_DISMISSED)
		pvt_row(&tb->r, "%s", tlc_la_phase_name(g->phase));
	switch (g->phase) {
	case TLC_LA_STALE:
		if (g->at & PA_AT_STALE)
			pvt_row(&tb->r, "stale: the stale date has passed, isStale is true (the views read on; the "
				"app's view decides how stale looks)");
		else if (first)
			pvt_row(&tb->r, "stale");
		break;
	case TLC_LA_ENDED:
		if ((g->at & PA_AT_SYSTEM_END) && (g->at & PA_AT_ENDED))
			pvt_row(&tb->r, "ended: the system ends the activity after 8 hours and removes it from the "
				"Dynamic Island; the Lock Screen keeps the last content");
		else if (g->at & PA_AT_ENDED)
			pvt_row(&tb->r, "ended: gone from the Dynamic Island; the Lock Screen keeps the final content "
				"until %s", (pa_fmt_local(pa, w, sizeof w, sch->gone), w));
		else if (first)
			pvt_row(&tb->r, "ended");
		break;
	case TLC_LA_DISMISSED:
		if (g->at & PA_AT_GONE)
			pvt_row(&tb->r, "dismissed: it leaves the Lock Screen");
		else if (first)
			pvt_row(&tb->r, "dismissed");
		break;
	default:
		break;
	}
}

static void seg_label(const pv_activity *pa, const pa_seg *g, char *buf, size_t n)
{
	if (g->at & PA_AT_START)
		snprintf(buf, n, "start");
	else if (g->at & PA_AT_END)
		snprintf(buf, n, "end");
	else if (g->at & PA_AT_UPDATE) {
		size_t u = 0;
		for (size_t i = 0; i < pa->sch->nstates && pa->sch->states[i].at <= g->from; i++)
			u += pa->sch->states[i].kind == TLC_LA_UPDATE;
		snprintf(buf, n, "update %zu", u);
	} else if (g->at & PA_AT_STALE)
		snprintf(buf, n, "stale");
	else if (g->at & PA_AT_SYSTEM_END)
		snprintf(buf, n, "8 h end");
	else if (g->at & PA_AT_GONE)
		snprintf(buf, n, "gone");
	else
		snprintf(buf, n, "%s", tlc_la_phase_name(g->phase));
}

static void finding_row(table *tb, const pa_finding *f)
{
	char loc[1100] = "", w[48];
	if (f->file && f->line)
		snprintf(loc, sizeof loc, " [%s:%u:%u]", f->file, f->line, f->col);
	else if (f->file)
		snprintf(loc, sizeof loc, " [%s]", f->file);
	pvt_row(&tb->r, "%s: %s%s", tlc_severity_name(f->sev), f->message, loc);
	if (!f->checked)
		pvt_row(&tb->r, "(with these --param values only: check, over the check-params domain, does "
			"not report it)");
	if (f->timed) {
		pa_fmt_local(tb->pa, w, sizeof w, f->to);
		pvt_row(&tb->r, "until %s", w);
	}
}

static void widths(table *tb)
{
	pv_activity *pa = tb->pa;
	tb->pres_w = 12;
	tb->loc_w = 6;
	for (size_t i = 0; i < pa->npres; i++)
		if ((int)strlen(tlc_presentation_names[pa->pres[i].pres]) > tb->pres_w)
			tb->pres_w = (int)strlen(tlc_presentation_names[pa->pres[i].pres]);
	for (size_t i = 0; i < pa->nlocales; i++)
		if ((int)strlen(pa->locales[i]) > tb->loc_w)
			tb->loc_w = (int)strlen(pa->locales[i]);
}

/* "starts ...; ends ... (the end push); leaves the Lock Screen ... ; the 8-hour system end ..." */
static void lifecycle_line(table *tb, const char *indent)
{
	pv_activity *pa = tb->pa;
	const tlc_la_schedule *sch = pa->sch;
	char a[48], e[48], s8[48], g[48];
	pa_fmt_local(pa, a, sizeof a, sch->start);
	pa_fmt_local(pa, s8, sizeof s8, sch->system_end);
	pa_fmt_local(pa, g, sizeof g, sch->gone);
	if (sch->end == TLC_TIME_NONE) {
		fprintf(tb->r.out, "%slifecycle: starts %s; nothing ends it: the system ends it at %s (8 h) "
				 "and it leaves the Lock Screen at %s (12 h)\n", indent, a, s8, g);
		return;
	}
	pa_fmt_local(pa, e, sizeof e, sch->end);
	/* who ends it: the end event (the spec has at most one) */
	const char *by = NULL, *who = NULL;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		if (st->kind != TLC_LA_END)
			continue;
		bool user_app = pa->spec->events[st->src].foreground;
		by = st->via == TLC_VIA_INTENT ? "by the user's button" : user_app ? "by the user in the app"
		   : st->via == TLC_VIA_APP   ? "by the app" : "push";
		who = st->via == TLC_VIA_INTENT ? "the user ends it with a button"
		    : user_app		    ? "the user ends it in the app"
		    : st->via == TLC_VIA_APP  ? "the app ends it" : "the end push";
	}
	if (sch->end == sch->system_end)
		fprintf(tb->r.out, "%slifecycle: starts %s; the system ends it at %s (8 h), before its end "
				 "%s; it leaves the Lock Screen at %s\n", indent, a, e, by ? by : "push", g);
	else
		fprintf(tb->r.out, "%slifecycle: starts %s; ends %s (%s); leaves the Lock Screen at "
				 "%s; the system would end it at %s (8 h)\n", indent, a, e,
			who ? who : "the end push", g, s8);
}

static size_t npushes(const tlc_la_schedule *sch)
{
	size_t n = 0;
	for (size_t i = 0; i < sch->nstates; i++)
		n += sch->states[i].payload != NULL;
	return n;
}

static void header(table *tb)
{
	pv_activity *pa = tb->pa;
	const tlc_la_schedule *sch = pa->sch;
	char now[32], a[48], z[48];
	tlc_format_rfc3339(now, pa->now);
	pa_fmt_local(pa, a, sizeof a, sch->start);
	pa_fmt_local(pa, z, sizeof z, sch->gone);
	fprintf(tb->r.out, "%s (%s): a Live Activity of %s\n", pa->spec->name, pa->path, pa->spec->bundle_id);
	fprintf(tb->r.out, "  %s .. %s in %s: %zu state%s, %zu push%s\n", a, z,
		pa->dz ? tlc_zone_name(pa->dz) : "UTC", sch->nstates, sch->nstates == 1 ? "" : "s",
		npushes(sch), npushes(sch) == 1 ? "" : "es");
	fprintf(tb->r.out, "  now %s (%s)", now, pa->now_why);
	for (size_t i = 0; i < pa->nparams; i++)
		fprintf(tb->r.out, "%s%s", i ? ", " : "; --param ", pa->params[i]);
	fprintf(tb->r.out, "\n");
	lifecycle_line(tb, "  ");
	fprintf(tb->r.out, "  locales:");
	for (size_t i = 0; i < pa->nlocales; i++)
		fprintf(tb->r.out, " %s", pa->locales[i]);
	fprintf(tb->r.out, "\n");
	size_t nchecked = 0;
	for (size_t i = 0; i < pa->nfindings; i++)
		nchecked += pa->findings[i].checked;
	fprintf(tb->r.out, "  findings: %zu, as 'timelinec check --now %s' reports them%s\n", nchecked, now,
		pa->param_domain ? " (over the check-params domain, not only these --param values)" : "");
}

enum { EV_SEG = 0, EV_FINDING };

typedef struct event {
	tlc_time t;
	int kind;
	size_t idx;
} event;

static int cmp_event(const void *a, const void *b)
{
	const event *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int full_table(table *tb)
{
	pv_activity *pa = tb->pa;
	size_t m = 0, untimed = 0;
	event *ev = calloc(pa->nsegs + pa->nfindings + 1, sizeof *ev);
	int rc = 0;
	if (!ev)
		return TLC_ENOMEM;
	for (size_t k = 0; k < pa->nsegs; k++)
		if (pa->segs[k].phase != TLC_LA_NOT_STARTED && pa->segs[k].from < pa->sch->gone + 1)
			ev[m++] = (event){pa->segs[k].from, EV_SEG, k};
	for (size_t i = 0; i < pa->nfindings; i++) {
		if (pa->findings[i].timed)
			ev[m++] = (event){pa->findings[i].from, EV_FINDING, i};
		else
			untimed++;
	}
	qsort(ev, m, sizeof *ev, cmp_event);
	header(tb);
	if (untimed) {
		fprintf(tb->r.out, "\nfindings without an instant here:\n");
		for (size_t i = 0; i < pa->nfindings; i++) {
			const pa_finding *f = &pa->findings[i];
			if (f->timed)
				continue;
			tb->r.when[0] = 0;
			snprintf(tb->r.what, sizeof tb->r.what, "%s", f->rule);
			finding_row(tb, f);
			if (f->checked)
				pvt_row(&tb->r, "(not with these --param values: check finds it elsewhere in the "
					"check-params domain, or it has no instant)");
		}
	}
	fprintf(tb->r.out, "\n%-26s  %-9s  %-*s  %-*s  %s\n", "WHEN", "WHAT", tb->pres_w, "PRESENTATION",
		tb->loc_w, "LOCALE", "READS");
	for (size_t i = 0; i < m && rc == 0; i++) {
		const event *x = &ev[i];
		if (x->kind == EV_FINDING) {
			group(tb, x->t, pa->findings[x->idx].rule);
			finding_row(tb, &pa->findings[x->idx]);
			continue;
		}
		const pa_seg *g = &pa->segs[x->idx];
		char label[24];
		seg_label(pa, g, label, sizeof label);
		group(tb, x->t, label);
		happen_rows(tb, g);
		const pa_seg *prev = x->idx ? &pa->segs[x->idx - 1] : NULL;
		if (prev && prev->state != g->state && prev->phase == g->phase &&
		    same_content(pa, prev->state, g->state))
			pvt_row(&tb->r, "(the same content: every presentation reads on as before)");
		else
			rc = text_rows(tb, x->idx, TLC_TIME_NONE);
	}
	free(ev);
	return rc;
}

static int one_instant(table *tb, tlc_time t)
{
	pv_activity *pa = tb->pa;
	const tlc_la_schedule *sch = pa->sch;
	char when[48], iso[32], w[48], push[600];
	size_t s = state_at(sch, t);
	tlc_la_phase ph = phase_at(sch, s, t);
	pa_fmt_local(pa, when, sizeof when, t);
	tlc_format_rfc3339(iso, t);
	fprintf(tb->r.out, "%s (%s) at %s (%s)\n", pa->spec->name, pa->path, when, iso);
	tb->r.compact = true;
	if (ph == TLC_LA_NOT_STARTED) {
		pa_fmt_local(pa, w, sizeof w, sch->start);
		fprintf(tb->r.out, "  not started: it starts at %s\n", w);
	} else if (ph == TLC_LA_DISMISSED) {
		pa_fmt_local(pa, w, sizeof w, sch->gone);
		fprintf(tb->r.out, "  dismissed: it left the Lock Screen at %s\n", w);
	} else {
		const tlc_la_state *st = &sch->states[s];
		size_t u = 0;
		for (size_t i = 0; i <= s; i++)
			u += sch->states[i].kind == TLC_LA_UPDATE;
		pa_fmt_local(pa, w, sizeof w, st->at);
		push_words(pa, st, push, sizeof push);
		fprintf(tb->r.out, "  %s; the content of the %s", tlc_la_phase_name(ph), pa_event_name(st));
		if (st->kind == TLC_LA_UPDATE)
			fprintf(tb->r.out, " %zu", u);
		fprintf(tb->r.out, " at %s (%s)", w, push);
		if (st->stale != TLC_TIME_NONE && st->kind != TLC_LA_END) {
			pa_fmt_local(pa, w, sizeof w, st->stale);
			fprintf(tb->r.out, ", stale from %s", w);
		}
		fprintf(tb->r.out, "\n");
		if (ph == TLC_LA_ENDED)
			fprintf(tb->r.out, "  the Dynamic Island no longer shows it; the Lock Screen does\n");
	}
	/* the texts, as render prints them */
	for (size_t pi = 0; pi < pa->npres; pi++)
		for (size_t li = 0; li < pa->nlocales; li++) {
			tlc_buf b = TLC_BUF_INIT;
			int rc = pa_text(pa, &b, pi, pa->locales[li], t, NULL);
			pvt_row(&tb->r, "%-*s  %-*s  %s", tb->pres_w, li ? "" : tlc_presentation_names[pa->pres[pi].pres],
			    tb->loc_w, pa->locales[li], rc < 0 ? "(cannot render)" : b.len ? b.ptr : "(nothing shows)");
			tlc_buf_release(&b);
		}
	ptrdiff_t k = pa_seg_at(pa, t);
	size_t next = k < 0 ? 0 : (size_t)k + 1;
	while (next < pa->nsegs && pa->segs[next].from <= t)
		next++;
	if (next < pa->nsegs) {
		char label[24];
		seg_label(pa, &pa->segs[next], label, sizeof label);
		pa_fmt_local(pa, w, sizeof w, pa->segs[next].from);
		fprintf(tb->r.out, "  next change: %s (%s, %s)\n", w, label,
			tlc_la_phase_name(pa->segs[next].phase));
	} else {
		fprintf(tb->r.out, "  next change: none\n");
	}
	lifecycle_line(tb, "  ");
	for (size_t i = 0; i < pa->nfindings; i++) {
		const pa_finding *f = &pa->findings[i];
		if (f->timed && t >= f->from && t < f->to)
			fprintf(tb->r.out, "  %s %s: %s\n", f->rule, tlc_severity_name(f->sev), f->message);
	}
	return EXIT_OK;
}

int preview_activity_table(pv_activity *pa, FILE *out, tlc_time at)
{
	table tb;
	memset(&tb, 0, sizeof tb);
	tb.pa = pa;
	tb.r.out = out;
	tb.r.what_w = 9;
	widths(&tb);
	if (at != TLC_TIME_NONE)
		return one_instant(&tb, at);
	if (full_table(&tb) < 0) {
		fputs("timelinec: error: cannot render the presentations\n", pa->err);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}
