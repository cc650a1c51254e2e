/*
 * preview_model.c — what the preview shows besides the texts: the reloads a device asks for and
 * when they arrive at the latest, the stretches where it shows out-of-date text, the findings,
 * and the formatting shared by the table and the page.
 *
 * The reload chain follows the verifier's replay (runtime/core/replay.c) step by step: the first
 * timeline is made at `now`; its policy names a date; the reload asked for then arrives at the
 * latest the profile allows (the lateness, the minimum gap, the 24-hour token window); the device
 * then shows a timeline instantiated at that arrival, and so on. A stretch is out of date where
 * the entry the device shows differs from the one the first timeline (the intended display) has
 * there for longer than the profile's tolerance, as the replay compares them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display/display.h"
#include "preview/preview.h"
#include "timelinec/civil.h"

#define DAY 86400
#define MAX_CHAIN 100000

/* ---- formatting ----------------------------------------------------------------------------- */

void pv_fmt_local(const preview *pv, char *buf, size_t n, tlc_time t)
{
	tlc_civil c;
	int32_t off = pv->dz ? tlc_zone_offset(pv->dz, t) : 0;
	int32_t a = off < 0 ? -off : off;
	tlc_civil_from_secs(t + off, &c);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d", (int)c.year, (int)c.month,
		 (int)c.day, (int)c.hour, (int)c.min, (int)c.sec, off < 0 ? '-' : '+', (int)(a / 3600),
		 (int)(a / 60 % 60));
}

void pv_fmt_dur(char *buf, size_t n, int64_t s)
{
	if (s == INT64_MAX)
		snprintf(buf, n, "until the app runs");
	else if (s >= DAY)
		snprintf(buf, n, s % DAY / 3600 ? "%lld d %lld h" : "%lld d", (long long)(s / DAY),
			 (long long)(s / 3600 % 24));
	else if (s >= 3600)
		snprintf(buf, n, s / 60 % 60 ? "%lld h %lld min" : "%lld h", (long long)(s / 3600),
			 (long long)(s / 60 % 60));
	else if (s >= 60)
		snprintf(buf, n, s % 60 ? "%lld min %lld s" : "%lld min", (long long)(s / 60),
			 (long long)(s % 60));
	else
		snprintf(buf, n, "%lld s", (long long)s);
}

/* A threshold as a spec would write it: "24h", "-30m", "90s", "2d". */
static void fmt_above(char *buf, size_t n, int64_t s)
{
	int64_t a = s < 0 ? -s : s;
	const char *sign = s < 0 ? "-" : "";
	if (a && a % DAY == 0 && a >= 2 * DAY)
		snprintf(buf, n, "%s%lldd", sign, (long long)(a / DAY));
	else if (a && a % 3600 == 0)
		snprintf(buf, n, "%s%lldh", sign, (long long)(a / 3600));
	else if (a && a % 60 == 0)
		snprintf(buf, n, "%s%lldm", sign, (long long)(a / 60));
	else
		snprintf(buf, n, "%s%llds", sign, (long long)a);
}

void pv_phase_name(const preview *pv, char *buf, size_t n, size_t countdown, int32_t phase)
{
	const tlc_prog_countdown *c = &pv->p->countdowns[countdown];
	char above[32];
	if (phase == -2) {
		snprintf(buf, n, "stale text");
	} else if (phase == -3) {
		snprintf(buf, n, "empty text: no item remains");
	} else if (phase < 0 || (size_t)phase >= c->nphases) {
		snprintf(buf, n, "nothing shows");
	} else if (c->phases[phase].has_above && c->phases[phase].above_end) {
		snprintf(buf, n, "phase %d, above end", (int)phase);
	} else if (c->phases[phase].has_above && c->phases[phase].above_param) {
		snprintf(buf, n, "phase %d, above %s$%s", (int)phase,
			 c->phases[phase].above_sign < 0 ? "-" : "", c->phases[phase].above_param);
	} else if (c->phases[phase].has_above) {
		fmt_above(above, sizeof above, c->phases[phase].above);
		snprintf(buf, n, "phase %d, above %s", (int)phase, above);
	} else {
		snprintf(buf, n, "phase %d, the last", (int)phase);
	}
}

const char *pv_policy_name(tlc_policy_kind k)
{
	switch (k) {
	case TLC_POLICY_AT_END:
		return ".atEnd";
	case TLC_POLICY_NEVER:
		return ".never";
	case TLC_POLICY_AFTER:
		return ".after";
	default:
		return "auto";
	}
}

/* ---- texts ---------------------------------------------------------------------------------- */

int pv_view_text(const preview *pv, tlc_buf *out, size_t k, size_t c, tlc_family_id fam,
		 const char *locale, tlc_time t)
{
	const tlc_tl_view *v = &pv->tl->entries[k].views[c];
	return tlc_display_view(out, NULL, pv->render, pv->tl, v, fam, locale, t, pv->dz);
}

/* ---- the device under the profile (after runtime/core/replay.c) ----------------------------- */


/* replay.c's same_display(): the same text, relevance and {countdown} starts aside. */
static bool same_display(const tlc_tl_view *a, const tlc_tl_view *b)
{
	if (a->phase != b->phase)
		return false;
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		if (a->nruns[f] != b->nruns[f])
			return false;
		for (size_t i = 0; i < a->nruns[f]; i++) {
			const tlc_tl_run *x = &a->runs[f][i], *y = &b->runs[f][i];
			if (x->kind != y->kind)
				return false;
			if (x->kind == TLC_RUN_MESSAGE &&
			    (x->message != y->message || memcmp(x->args, y->args, sizeof x->args)))
				return false;
			if (tlc_run_is_live(x->kind) && (x->target != y->target || x->pause != y->pause))
				return false;
		}
	}
	return true;
}

static int add_stale(preview *pv, size_t *cap, const pv_stale *s)
{
	/* continue the previous stretch of the same countdown when they touch */
	for (size_t i = pv->nstale; i-- > 0;) {
		pv_stale *o = &pv->stale[i];
		if (o->countdown == s->countdown && o->to >= s->from && o->from <= s->from) {
			if (s->to > o->to)
				o->to = s->to;
			o->no_reload = o->no_reload || s->no_reload;
			return 0;
		}
	}
	if (pv->nstale == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		pv_stale *v = realloc(pv->stale, nc * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		pv->stale = v;
		*cap = nc;
	}
	pv->stale[pv->nstale++] = *s;
	return 0;
}

/* The segments of timeline `cur` (number idx) shown from t until the next reload arrives at a,
 * against the intended display (replay.c's analyze() and check_ideal()). */
static int compare(preview *pv, size_t *cap, const tlc_timeline *ideal, const tlc_timeline *cur,
		   size_t idx, tlc_time t, tlc_time a, tlc_time until)
{
	tlc_time end = a == TLC_TIME_NONE || a > until ? until : a;
	for (size_t i = 0; i < cur->nentries; i++) {
		const tlc_entry *e = &cur->entries[i];
		tlc_time s0 = e->date > t ? e->date : t;
		tlc_time s1 = i + 1 < cur->nentries ? cur->entries[i + 1].date + pv->budget.entry_lateness
						     : end;
		if (s1 > end)
			s1 = end;
		if (s1 <= s0)
			continue;
		bool tail_no_reload = i + 1 == cur->nentries && a == TLC_TIME_NONE;
		for (size_t c = 0; c < pv->p->ncountdowns; c++) {
			ptrdiff_t k = tlc_timeline_lookup(ideal, s0);
			for (size_t j = k < 0 ? 0 : (size_t)k; j < ideal->nentries; j++) {
				const tlc_entry *ie = &ideal->entries[j];
				tlc_time u0 = ie->date > s0 ? ie->date : s0;
				tlc_time u1 = j + 1 < ideal->nentries ? ideal->entries[j + 1].date : until;
				if (u1 > s1)
					u1 = s1;
				if (u0 >= s1)
					break;
				if (u1 <= u0 || same_display(&ie->views[c], &e->views[c]))
					continue;
				if (s1 - u0 > pv->budget.tolerance) {
					pv_stale s = {u0, s1, (int)c, idx, tail_no_reload};
					int rc = add_stale(pv, cap, &s);
					if (rc < 0)
						return rc;
				}
				break;
			}
		}
	}
	return 0;
}

static int add_reload(preview *pv, size_t *cap, const pv_reload *r)
{
	if (pv->nreloads == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		pv_reload *v = realloc(pv->reloads, nc * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		pv->reloads = v;
		*cap = nc;
	}
	pv->reloads[pv->nreloads++] = *r;
	return 0;
}

int preview_device(preview *pv, tlc_inst_err *err)
{
	const tlc_timeline *first = pv->tl, *cur = first, *ideal = first;
	tlc_timeline *own = NULL, *wide_tl = NULL;
	tlc_program wide = *pv->p; /* the intended display further on: replay.c's `wide`; wide_tl
				      points at it, so it lives as long */
	tlc_time t = pv->io.now;
	tlc_time *hist = calloc(MAX_CHAIN, sizeof *hist);
	size_t nhist = 0, rcap = 0, scap = 0, idx = 0;
	int rc = 0;
	if (!hist)
		return TLC_ENOMEM;
	/* a horizon's timeline ends; the device keeps its last entry until the reload arrives */
	tlc_time a1 = tlc_budget_arrival(&pv->budget, tlc_timeline_request_date(first), t, hist, 0);
	pv->until = first->end;
	if (!pv->p->has_window && a1 != TLC_TIME_NONE && a1 > first->end) {
		pv->until = a1;
		wide.horizon = a1 - pv->io.now;
		if ((rc = tlc_instantiate(&wide_tl, &wide, &pv->io, err)) < 0)
			goto done;
		ideal = wide_tl;
	}
	while (rc == 0 && t < pv->until) {
		tlc_time d = tlc_timeline_request_date(cur);
		tlc_time a = tlc_budget_arrival(&pv->budget, d, t, hist, nhist);
		if (d != TLC_TIME_NONE) {
			pv_reload r = {idx, t, d, a, cur->policy,
				       cur->policy == TLC_POLICY_AT_END && cur->constant_tail};
			rc = add_reload(pv, &rcap, &r);
		}
		if (rc == 0)
			rc = compare(pv, &scap, ideal, cur, idx, t, a, pv->until);
		if (rc < 0 || a == TLC_TIME_NONE || a >= pv->until || nhist == MAX_CHAIN)
			break;
		hist[nhist++] = a;
		tlc_instantiate_opts o = pv->io;
		o.now = a;
		o.data_time = a;
		tlc_timeline_free(own);
		own = NULL;
		if ((rc = tlc_instantiate(&own, pv->p, &o, err)) < 0)
			break;
		cur = own;
		t = a;
		idx++;
	}
done:
	tlc_timeline_free(own);
	tlc_timeline_free(wide_tl);
	free(hist);
	return rc;
}

/* ---- findings ------------------------------------------------------------------------------- */

static int cmp_finding(const void *a, const void *b)
{
	const pv_finding *x = a, *y = b;
	if (x->has_timing != y->has_timing)
		return x->has_timing ? 1 : -1;
	if (x->has_timing && x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

int preview_findings(preview *pv, const tlc_ctx *ctx)
{
	size_t n = 0;
	pv->findings = calloc(ctx->diags.n ? ctx->diags.n : 1, sizeof *pv->findings);
	if (!pv->findings)
		return TLC_ENOMEM;
	for (size_t i = 0; i < ctx->diags.n; i++) {
		const tlc_diag *g = &ctx->diags.v[i];
		pv_finding *f = &pv->findings[n];
		if (g->sev == TLC_SEV_NONE)
			continue;
		const tlc_source *src = tlc_sources_get(&ctx->sources, g->span.file);
		f->rule = g->rule;
		f->sev = g->sev;
		f->message = g->message;
		f->file = src ? (strcmp(src->name, "-") == 0 ? "<stdin>" : src->name) : NULL;
		if (src && src->len)
			tlc_source_linecol(src, g->span.start, &f->line, &f->col);
		f->has_timing = g->has_timing;
		f->first = g->first;
		f->worst = g->worst;
		f->count = g->count;
		n++;
	}
	pv->nfindings = n;
	qsort(pv->findings, n, sizeof *pv->findings, cmp_finding);
	return 0;
}

void preview_release(preview *pv)
{
	free(pv->reloads);
	free(pv->stale);
	free(pv->findings);
	pv->reloads = NULL;
	pv->stale = NULL;
	pv->findings = NULL;
	pv->nreloads = pv->nstale = pv->nfindings = 0;
}
