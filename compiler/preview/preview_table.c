/*
 * preview_table.c — `timelinec preview SPEC` in a terminal: one row group per instant where
 * something happens (an entry, a reload asked for or arriving, out-of-date text, a finding), in
 * time order, local time in the display zone. Self-updating stretches are summarised by their
 * text at the first second and at the last second before the next entry.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report.h"
#include "preview/preview.h"
#include "timelinec/civil.h"

#define MAX_RELOAD_ROWS 12

enum ev_kind { EV_ENTRY = 0, EV_END, EV_ARRIVE, EV_ASK, EV_STALE, EV_FINDING };

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

typedef struct table {
	pvt_rows r;
	const preview *pv;
	int view_w;      /* width of the VIEW column */
	int loc_w;
} table;

void pvt_row(pvt_rows *r, const char *fmt, ...)
{
	va_list ap;
	if (r->compact)
		fputs("  ", r->out);
	else
		fprintf(r->out, "%-26s  %-*s  ", r->when, r->what_w, r->what);
	va_start(ap, fmt);
	vfprintf(r->out, fmt, ap);
	va_end(ap);
	fputc('\n', r->out);
	r->when[0] = r->what[0] = 0;
}

static void group(table *tb, tlc_time t, const char *what)
{
	pv_fmt_local(tb->pv, tb->r.when, sizeof tb->r.when, t);
	snprintf(tb->r.what, sizeof tb->r.what, "%s", what);
}

static const char *live_words(const tlc_tl_view *v, tlc_family_id fam, tlc_time s0, tlc_time s1)
{
	const tlc_tl_run *runs = v->runs[fam] ? v->runs[fam] : v->runs[TLC_FAM_DEFAULT];
	size_t n = v->runs[fam] ? v->nruns[fam] : v->nruns[TLC_FAM_DEFAULT];
	for (size_t i = 0; i < n; i++) {
		const tlc_tl_run *r = &runs[i];
		tlc_time e = r->pause != TLC_TIME_NONE && r->pause < s1 ? r->pause : s1;
		switch (r->kind) {
		case TLC_RUN_TIMER:
			if (r->pause != TLC_TIME_NONE && r->pause <= s0)
				return "paused";
			if (r->pause != TLC_TIME_NONE && r->pause < s1)
				return "counts, then paused";
			if (e <= r->target)
				return "counts down";
			if (s0 >= r->target)
				return "counts up past its target";
			return "counts down, then up past its target";
		case TLC_RUN_COUNTDOWN:
			if (r->pause != TLC_TIME_NONE && r->pause <= s0)
				return "paused";
			if (r->pause != TLC_TIME_NONE && r->pause < s1)
				return "counts down, then paused";
			return s0 >= r->target ? "held at 0:00" : "counts down";
		case TLC_RUN_RELATIVE:
		case TLC_RUN_OFFSET:
		case TLC_RUN_DATE_OFFSET:
		case TLC_RUN_DATE_REFERENCE:
			return "updates itself";
		case TLC_RUN_COUNTDOWN_TIMER:
			return s0 >= r->target ? "held at 0:00" : e <= r->target ? "counts down"
								 : "counts down, then held at 0:00";
		case TLC_RUN_STOPWATCH:
			return e <= r->target ? "waits at 00:00" : s0 >= r->target ? "counts up"
										  : "waits, then counts up";
		case TLC_RUN_PROGRESS:
			return "fills";
		default:
			break;
		}
	}
	return NULL;
}

/* The text lines of entry k: every countdown, every family its view lists, every locale. */
static int entry_rows(table *tb, size_t k, tlc_time at)
{
	const preview *pv = tb->pv;
	const tlc_timeline *tl = pv->tl;
	const tlc_entry *e = &tl->entries[k];
	tlc_time s0 = at != TLC_TIME_NONE ? at : e->date;
	tlc_time s1 = k + 1 < tl->nentries ? tl->entries[k + 1].date : pv->until;
	char name[160], ph[96];
	for (size_t c = 0; c < pv->p->ncountdowns; c++) {
		const tlc_tl_view *v = &e->views[c];
		const tlc_tl_view *pv_prev = k > 0 ? &tl->entries[k - 1].views[c] : NULL;
		const char *id = pv->p->countdowns[c].id;
		if (at != TLC_TIME_NONE || !pv_prev || pv_prev->phase != v->phase) {
			pv_phase_name(pv, ph, sizeof ph, c, v->phase);
			pvt_row(&tb->r, "%s: %s", id, ph);
		}
		for (int f = 0; f < TLC_FAM_MAX; f++) {
			if (!v->runs[f])
				continue;
			snprintf(name, sizeof name, "%s/%s", id, tlc_family_name((tlc_family_id)f));
			for (size_t li = 0; li < pv->nlocales; li++) {
				tlc_buf a = TLC_BUF_INIT, b = TLC_BUF_INIT;
				const char *loc = pv->locales[li];
				int rc = pv_view_text(pv, &a, k, c, (tlc_family_id)f, loc, s0);
				const char *words = at == TLC_TIME_NONE && s1 - s0 > 1
							    ? live_words(v, (tlc_family_id)f, s0, s1) : NULL;
				if (rc == 0 && words)
					rc = pv_view_text(pv, &b, k, c, (tlc_family_id)f, loc, s1 - 1);
				if (rc < 0)
					pvt_row(&tb->r, "%-*s  %-*s  (cannot render: %s)", tb->view_w, li ? "" : name,
					    tb->loc_w, loc, tlc_strerror(rc));
				else if (words && strcmp(a.ptr, b.ptr) != 0)
					pvt_row(&tb->r, "%-*s  %-*s  %s \xe2\x86\x92 %s  (%s)", tb->view_w, li ? "" : name,
					    tb->loc_w, loc, a.ptr, b.ptr, words);
				else if (words)
					pvt_row(&tb->r, "%-*s  %-*s  %s  (%s)", tb->view_w, li ? "" : name, tb->loc_w, loc,
					    a.ptr, words);
				else
					pvt_row(&tb->r, "%-*s  %-*s  %s", tb->view_w, li ? "" : name, tb->loc_w, loc, a.ptr);
				tlc_buf_release(&a);
				tlc_buf_release(&b);
			}
		}
	}
	return 0;
}

static void relevance_row(table *tb, const tlc_entry *e, const tlc_entry *prev)
{
	char until[48];
	if (prev && prev->relevance == e->relevance &&
	    (e->relevance <= 0 || prev->date + prev->relevance_duration == e->date + e->relevance_duration))
		return;
	if (e->relevance > 0) {
		pv_fmt_local(tb->pv, until, sizeof until, e->date + e->relevance_duration);
		pvt_row(&tb->r, "relevance %g until %s", e->relevance, until);
	} else if (prev && prev->relevance > 0) {
		pvt_row(&tb->r, "relevance ends");
	}
}

static void finding_row(table *tb, const pv_finding *f)
{
	char loc[1100] = "";
	if (f->file && f->line)
		snprintf(loc, sizeof loc, " [%s:%u:%u]", f->file, f->line, f->col);
	else if (f->file)
		snprintf(loc, sizeof loc, " [%s]", f->file);
	pvt_row(&tb->r, "%s: %s%s", tlc_severity_name(f->sev), f->message, loc);
	if (f->has_timing && (f->worst > 0 || f->count > 1)) {
		char w[48];
		pv_fmt_dur(w, sizeof w, f->worst);
		pvt_row(&tb->r, "lasts %s%s, %zu time%s", f->worst == INT64_MAX ? "" : "up to ", w, f->count,
		    f->count == 1 ? "" : "s");
	}
}

static void widths(table *tb)
{
	const preview *pv = tb->pv;
	tb->view_w = 4;
	tb->loc_w = 6;
	bool used[TLC_FAM_MAX] = {false};
	for (size_t k = 0; k < pv->tl->nentries; k++)
		for (size_t c = 0; c < pv->p->ncountdowns; c++)
			for (int f = 0; f < TLC_FAM_MAX; f++)
				used[f] = used[f] || pv->tl->entries[k].views[c].runs[f];
	for (size_t c = 0; c < pv->p->ncountdowns; c++)
		for (int f = 0; f < TLC_FAM_MAX; f++) {
			int w = (int)(strlen(pv->p->countdowns[c].id) + 1 +
				      strlen(tlc_family_name((tlc_family_id)f)));
			if (used[f] && w > tb->view_w)
				tb->view_w = w;
		}
	for (size_t i = 0; i < pv->nlocales; i++)
		if ((int)strlen(pv->locales[i]) > tb->loc_w)
			tb->loc_w = (int)strlen(pv->locales[i]);
}

static void header(table *tb)
{
	const preview *pv = tb->pv;
	const tlc_timeline *tl = pv->tl;
	const tlc_budget *b = &pv->budget;
	char a[48], z[48], now[32], late[48];
	pv_fmt_local(pv, a, sizeof a, tl->start);
	pv_fmt_local(pv, z, sizeof z, tl->end);
	tlc_format_rfc3339(now, pv->io.now);
	fprintf(tb->r.out, "%s (%s)\n", pv->p->widget, pv->path);
	fprintf(tb->r.out, "  %s .. %s in %s: %zu entr%s, reload policy %s\n", a, z,
		tlc_zone_name(pv->dz), tl->nentries, tl->nentries == 1 ? "y" : "ies",
		pv_policy_name(tl->policy));
	pv_fmt_dur(late, sizeof late, b->reload_lateness);
	if (b->reloads_per_day == 0)
		fprintf(tb->r.out, "  now %s (%s); budget '%s': no reload ever comes\n", now, pv->now_why,
			b->name);
	else if (b->reloads_per_day < 0)
		fprintf(tb->r.out, "  now %s (%s); budget '%s': reloads unlimited, up to %s late\n", now,
			pv->now_why, b->name, late);
	else
		fprintf(tb->r.out, "  now %s (%s); budget '%s': %d reloads a day, up to %s late\n", now,
			pv->now_why, b->name, b->reloads_per_day, late);
	fprintf(tb->r.out, "  locales:");
	for (size_t i = 0; i < pv->nlocales; i++)
		fprintf(tb->r.out, " %s", pv->locales[i]);
	fprintf(tb->r.out, "\n");
	fprintf(tb->r.out, "  findings: %zu, as 'timelinec check' reports them for the same --now, "
			 "--budget and --display-zone%s\n", pv->nfindings,
		pv->param_domain ? " (over the check-params domain, not only these --param values)" : "");
}

static int full_table(table *tb)
{
	const preview *pv = tb->pv;
	const tlc_timeline *tl = pv->tl;
	size_t n = tl->nentries + pv->nreloads * 2 + pv->nstale + pv->nfindings + 1, m = 0;
	event *ev = calloc(n, sizeof *ev);
	if (!ev)
		return TLC_ENOMEM;
	for (size_t k = 0; k < tl->nentries; k++)
		ev[m++] = (event){tl->entries[k].date, EV_ENTRY, k};
	for (size_t i = 0; i < pv->nreloads; i++) {
		const pv_reload *r = &pv->reloads[i];
		ev[m++] = (event){r->asked > r->made ? r->asked : r->made, EV_ASK, i};
		if (r->arrives != TLC_TIME_NONE)
			ev[m++] = (event){r->arrives, EV_ARRIVE, i};
	}
	for (size_t i = 0; i < pv->nstale; i++)
		ev[m++] = (event){pv->stale[i].from, EV_STALE, i};
	size_t untimed = 0;
	for (size_t i = 0; i < pv->nfindings; i++) {
		if (pv->findings[i].has_timing)
			ev[m++] = (event){pv->findings[i].first, EV_FINDING, i};
		else
			untimed++;
	}
	ev[m++] = (event){tl->end, EV_END, 0};
	qsort(ev, m, sizeof *ev, cmp_event);

	header(tb);
	if (untimed) {
		fprintf(tb->r.out, "\nfindings without an instant:\n");
		for (size_t i = 0; i < pv->nfindings; i++) {
			if (pv->findings[i].has_timing)
				continue;
			tb->r.when[0] = 0;
			snprintf(tb->r.what, sizeof tb->r.what, "%s", pv->findings[i].rule);
			finding_row(tb, &pv->findings[i]);
		}
	}
	fprintf(tb->r.out, "\n%-26s  %-8s  %-*s  %-*s  %s\n", "WHEN", "WHAT", tb->view_w, "VIEW",
		tb->loc_w, "LOCALE", "READS");
	size_t hidden_asks = 0, hidden_arrivals = 0;
	for (size_t i = 0; i < m; i++) {
		const event *x = &ev[i];
		char w[48], tmp[48];
		switch (x->kind) {
		case EV_ENTRY: {
			char what[24];
			snprintf(what, sizeof what, "entry %zu", x->idx + 1);
			group(tb, x->t, what);
			relevance_row(tb, &tl->entries[x->idx], x->idx ? &tl->entries[x->idx - 1] : NULL);
			entry_rows(tb, x->idx, TLC_TIME_NONE);
			break;
		}
		case EV_ASK: {
			const pv_reload *r = &pv->reloads[x->idx];
			if (x->idx >= MAX_RELOAD_ROWS) {
				hidden_asks++;
				break;
			}
			group(tb, x->t, "reload");
			if (r->arrives == TLC_TIME_NONE)
				pvt_row(&tb->r, "timeline %zu asks for a new one (%s), but no reload comes under '%s'",
				    r->timeline + 1, pv_policy_name(r->policy), pv->budget.name);
			else {
				pv_fmt_local(pv, w, sizeof w, r->arrives);
				pvt_row(&tb->r, "timeline %zu asks for a new one (%s%s); it arrives by %s at the latest",
				    r->timeline + 1, pv_policy_name(r->policy),
				    r->loop ? " on a last entry that never changes: a reload loop" : "", w);
			}
			break;
		}
		case EV_ARRIVE: {
			const pv_reload *r = &pv->reloads[x->idx];
			if (x->idx >= MAX_RELOAD_ROWS) {
				hidden_arrivals++;
				break;
			}
			group(tb, x->t, "arrives");
			pv_fmt_dur(tmp, sizeof tmp, r->arrives - (r->asked > r->made ? r->asked : r->made));
			pvt_row(&tb->r, "timeline %zu (worst case, %s after it was asked for): the device shows "
				"its entries from here", r->timeline + 2, tmp);
			break;
		}
		case EV_STALE: {
			const pv_stale *s = &pv->stale[x->idx];
			group(tb, x->t, "stale");
			pv_fmt_local(pv, w, sizeof w, s->to);
			pv_fmt_dur(tmp, sizeof tmp, s->to - s->from);
			pvt_row(&tb->r, "%s shows out-of-date text until %s (%s)%s: timeline %zu's entry, not what "
				"the spec asks for", pv->p->countdowns[s->countdown].id, w, tmp,
			    s->no_reload ? ", and no reload comes" : "", s->timeline + 1);
			break;
		}
		case EV_FINDING:
			group(tb, x->t, pv->findings[x->idx].rule);
			finding_row(tb, &pv->findings[x->idx]);
			break;
		case EV_END:
			group(tb, x->t, "end");
			if (tl->policy == TLC_POLICY_NEVER)
				pvt_row(&tb->r, "the timeline ends; %s: the last entry stays", pv_policy_name(tl->policy));
			else if (pv->nreloads && pv->reloads[0].arrives == TLC_TIME_NONE)
				pvt_row(&tb->r, "the timeline ends; the last entry stays, and no reload comes under '%s'",
				    pv->budget.name);
			else
				pvt_row(&tb->r, "the timeline ends; the last entry stays until a reload arrives");
			break;
		}
	}
	if (hidden_asks || hidden_arrivals)
		fprintf(tb->r.out, "(%zu more reloads asked for and %zu more arrivals are not listed; "
				 "--at T or --html shows them)\n", hidden_asks, hidden_arrivals);
	free(ev);
	return 0;
}

static int one_instant(table *tb, tlc_time t)
{
	const preview *pv = tb->pv;
	const tlc_timeline *tl = pv->tl;
	char when[48], iso[32], w[48], d[48];
	ptrdiff_t k = tlc_timeline_lookup(tl, t);
	pv_fmt_local(pv, when, sizeof when, t);
	tlc_format_rfc3339(iso, t);
	if (k < 0) {
		pv_fmt_local(pv, w, sizeof w, tl->start);
		fprintf(tb->pv->err, "timelinec: error: %s is before the timeline starts (%s)\n", iso, w);
		return EXIT_BAD_INPUT;
	}
	const tlc_entry *e = &tl->entries[k];
	fprintf(tb->r.out, "%s (%s) at %s (%s)\n", pv->p->widget, pv->path, when, iso);
	pv_fmt_local(pv, w, sizeof w, e->date);
	fprintf(tb->r.out, "  entry %td of %zu, from %s", k + 1, tl->nentries, w);
	if (e->relevance > 0) {
		pv_fmt_local(pv, d, sizeof d, e->date + e->relevance_duration);
		fprintf(tb->r.out, "; relevance %g until %s", e->relevance, d);
	}
	fprintf(tb->r.out, "%s\n", t >= tl->end ? " (past the timeline's end: the last entry stays)" : "");
	tb->r.compact = true;
	entry_rows(tb, (size_t)k, t);
	if ((size_t)k + 1 < tl->nentries) {
		pv_fmt_local(pv, w, sizeof w, tl->entries[k + 1].date);
		fprintf(tb->r.out, "  next entry: %s (entry %td)\n", w, k + 2);
	} else {
		fprintf(tb->r.out, "  next entry: none (reload policy %s)\n", pv_policy_name(tl->policy));
	}
	/* the reload the device waits for at t, if any */
	bool any = false;
	for (size_t i = 0; i < pv->nreloads; i++) {
		const pv_reload *r = &pv->reloads[i];
		tlc_time asked = r->asked > r->made ? r->asked : r->made;
		if (r->made > t || (r->arrives != TLC_TIME_NONE && r->arrives <= t && i + 1 < pv->nreloads))
			continue;
		pv_fmt_local(pv, w, sizeof w, asked);
		if (r->arrives == TLC_TIME_NONE)
			fprintf(tb->r.out, "  reload: asked for at %s (%s); none comes under '%s'\n", w,
				pv_policy_name(r->policy), pv->budget.name);
		else {
			pv_fmt_local(pv, d, sizeof d, r->arrives);
			fprintf(tb->r.out, "  reload: asked for at %s (%s), arrives by %s%s\n", w,
				pv_policy_name(r->policy), d,
				r->arrives <= t ? " (arrived)" : asked <= t ? " (pending)" : "");
		}
		any = true;
		break;
	}
	if (!any)
		fprintf(tb->r.out, "  reload: none asked for (%s)\n", pv_policy_name(tl->policy));
	for (size_t i = 0; i < pv->nstale; i++) {
		const pv_stale *s = &pv->stale[i];
		if (t < s->from || t >= s->to)
			continue;
		pv_fmt_local(pv, w, sizeof w, s->from);
		pv_fmt_local(pv, d, sizeof d, s->to);
		fprintf(tb->r.out, "  out of date: %s shows timeline %zu's entry from %s to %s\n",
			pv->p->countdowns[s->countdown].id, s->timeline + 1, w, d);
	}
	for (size_t i = 0; i < pv->nfindings; i++) {
		const pv_finding *f = &pv->findings[i];
		if (!f->has_timing || t < f->first ||
		    (f->worst != INT64_MAX && t >= f->first + (f->worst > 0 ? f->worst : 1)))
			continue;
		fprintf(tb->r.out, "  %s %s: %s\n", f->rule, tlc_severity_name(f->sev), f->message);
	}
	return EXIT_OK;
}

int preview_table(const preview *pv, FILE *out, tlc_time at)
{
	table tb;
	memset(&tb, 0, sizeof tb);
	tb.pv = pv;
	tb.r.out = out;
	tb.r.what_w = 8;
	widths(&tb);
	if (at != TLC_TIME_NONE)
		return one_instant(&tb, at);
	int rc = full_table(&tb);
	if (rc < 0) {
		fputs("timelinec: out of memory\n", pv->err);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}
