/*
 * replay.c — what a device really shows when entries and reloads come late (budget.h).
 *
 * The intended display is the spec's at every instant: one "ideal" instantiation over the whole
 * replay span. The actual display is a chain of timelines: the first at `now`, then one per
 * reload, each arriving as late as the profile allows. Per timeline, each entry holds the
 * screen from its date until the next entry's date plus the entry lateness, and the last entry
 * until the next reload arrives. Exposures come from comparing these segments with the ideal
 * one and from the self-updating runs they hold — per segment, never per second.
 */
#include <stdlib.h>
#include <string.h>
#include "inst_internal.h"
#include "timelinec/budget.h"

/* reloads one replay follows: a week of reloads every minute; a reload asked for at once under
   a profile without lateness or gap (`reload: {after: 0m}`, debug) comes a second later, and
   each one instantiates the program again (100000 of them took 3.5 s) */
#define MAX_RELOADS 10000
/* entries one replay may instantiate (timelines and references): a replay of a per-minute
   display reloaded every minute under an unlimited budget stops here, not after minutes */
#define TLC_REPLAY_MAX_ENTRIES 2000000
#define DAY 86400

void tlc_exposures_release(tlc_exposures *x)
{
	free(x->v);
	memset(x, 0, sizeof *x);
}

static int add_exposure(tlc_exposures *x, const tlc_exposure *e)
{
	for (size_t i = 0; i < x->n; i++) {
		tlc_exposure *o = &x->v[i];
		if (o->kind != e->kind || o->countdown != e->countdown || o->phase != e->phase ||
		    o->family != e->family || o->run != e->run)
			continue;
		o->count += e->count;
		if (e->first < o->first)
			o->first = e->first;
		if (e->worst > o->worst)
			o->worst = e->worst;
		if (e->value > o->value)
			o->value = e->value;
		o->certain = o->certain || e->certain;
		if (o->tolerated < 0 || (e->tolerated >= 0 && e->tolerated < o->tolerated))
			o->tolerated = e->tolerated;
		return 0;
	}
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		tlc_exposure *v = realloc(x->v, cap * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		x->v = v;
		x->cap = cap;
	}
	x->v[x->n++] = *e;
	return 0;
}

typedef struct replay {
	tlc_exposures *out;
	const tlc_program *p;
	const tlc_budget *b;
	const tlc_timeline *ideal;
	tlc_time until;
	bool no_reload_tail;  /* the segment being analysed ends only when the app runs */
	bool certain;         /* the exposure being added happens with on-time entries and reloads */
	tlc_time dense_seen;  /* entries up to here were checked for spacing already */
	int rc;
} replay;

static void expose(replay *r, tlc_exposure_kind kind, int cd, int phase, int fam, int run,
		   tlc_time first, int64_t worst, int64_t tolerated, int64_t value)
{
	tlc_exposure e = {kind, cd, phase, fam, run, first, worst, tolerated, 1, value, r->certain};
	if (r->rc == 0)
		r->rc = add_exposure(r->out, &e);
}

/* Two views show the same text (relevance and the start of {countdown} intervals aside:
 * those depend on when the timeline was made, not on what the spec says). */
bool tlc_view_same_text(const tlc_tl_view *a, const tlc_tl_view *b)
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

/* Live runs on a segment [s0, s1) of the actual display: timers over 24 hours, count-ups. */
/* `on` is when the segment would end if every entry and reload came on time: a count-up that
 * shows even then is the spec's own doing (certain), not the budget's. */
static bool check_live(replay *r, int cd, const tlc_tl_view *v, tlc_time s0, tlc_time s1,
		       tlc_time d, tlc_time on)
{
	const tlc_prog_countdown *c = &r->p->countdowns[cd];
	bool counted_up = false;
	for (int f = 0; f < TLC_FAM_MAX; f++)
		for (size_t i = 0; i < v->nruns[f]; i++) {
			const tlc_tl_run *x = &v->runs[f][i];
			tlc_time T = x->target;
			bool paused = x->pause != TLC_TIME_NONE && x->pause <= s0;
			if (!tlc_run_is_live(x->kind) || paused)
				continue;
			if (x->kind == TLC_RUN_STOPWATCH) {
				/* no day field: it reads 24:00:01.00 from T + 24 h on, on purpose or not */
				tlc_time over = T + DAY + 1 > s0 ? T + DAY + 1 : s0;
				r->certain = true;
				if (s1 > over)
					expose(r, TLC_EXP_TIMER_OVER_24H, cd, v->phase, f, (int)i, over, s1 - over,
					       -1, over - T);
				continue; /* it counts up from T by design: never a count-up finding */
			}
			if (x->kind == TLC_RUN_TIMER || x->kind == TLC_RUN_COUNTDOWN ||
			    x->kind == TLC_RUN_COUNTDOWN_TIMER ||
			    (x->kind == TLC_RUN_DATE_OFFSET && tlc_style_clock(&x->style) == 2)) {
				tlc_time start = tlc_run_has_from(x->kind) && x->from > s0 ? x->from : s0;
				r->certain = true; /* the segment's start, not a late reload, decides */
				if (T - start > DAY) /* shows 24:00:01 or more while counting down */
					expose(r, TLC_EXP_TIMER_OVER_24H, cd, v->phase, f, (int)i, start,
					       (s1 < T - DAY ? s1 : T - DAY) - start, -1, T - start);
				/* a count-up (since:) reads 24:00:01 from T + 24 h on */
				tlc_time over = T + DAY + 1 > s0 ? T + DAY + 1 : s0;
				if (x->kind == TLC_RUN_TIMER && c->mode == TLC_TARGET_MODE_SINCE && s1 > over)
					expose(r, TLC_EXP_TIMER_OVER_24H, cd, v->phase, f, (int)i, over, s1 - over,
					       -1, over - T);
			}
			bool counts_up = x->kind == TLC_RUN_TIMER || x->kind == TLC_RUN_RELATIVE ||
					 x->kind == TLC_RUN_OFFSET || x->kind == TLC_RUN_DATE_OFFSET ||
					 x->kind == TLC_RUN_DATE_REFERENCE; /* "3 days ago" */
			if (!counts_up || c->mode == TLC_TARGET_MODE_SINCE || s1 <= T)
				continue;
			tlc_time from = s0 > T ? s0 : T;
			counted_up = true;
			r->certain = (on > s1 ? s1 : on) - from > r->b->tolerance;
			if (s1 - from > r->b->tolerance)
				expose(r, TLC_EXP_COUNT_UP, cd, v->phase, f, (int)i, from,
				       s1 >= r->until && r->no_reload_tail ? INT64_MAX : s1 - from,
				       d == TLC_TIME_NONE ? -1 : (T > d ? T - d : 0), s1 - T);
		}
	return counted_up;
}

/* The actual view on [s0, s1) against the ideal one; mismatches longer than the tolerance. */
static void check_ideal(replay *r, int cd, const tlc_tl_view *v, tlc_time s0, tlc_time s1,
			tlc_time d, bool no_reload, bool never)
{
	ptrdiff_t k = tlc_timeline_lookup(r->ideal, s0);
	for (size_t i = k < 0 ? 0 : (size_t)k; i < r->ideal->nentries; i++) {
		const tlc_entry *ie = &r->ideal->entries[i];
		tlc_time u0 = ie->date > s0 ? ie->date : s0;
		tlc_time u1 = i + 1 < r->ideal->nentries ? r->ideal->entries[i + 1].date : r->until;
		if (u1 > s1)
			u1 = s1;
		if (u0 >= s1)
			break;
		if (u1 <= u0 || tlc_view_same_text(&ie->views[cd], v))
			continue;
		/* wrong from u0 until the actual display changes (s1) */
		if (s1 - u0 > r->b->tolerance) {
			int64_t worst = s1 >= r->until && no_reload ? INT64_MAX : s1 - u0;
			r->certain = no_reload && never; /* the policy, not the profile, asks none */
			expose(r, no_reload ? TLC_EXP_NO_RELOAD : TLC_EXP_STALE_TEXT, cd, v->phase, -1, -1,
			       u0, worst, d == TLC_TIME_NONE || u0 < d ? -1 : u0 - d, 0);
		}
		return; /* one finding per actual segment */
	}
}

/* Entries a timeline holds that are closer than the profile honours, and too many entries. */
static void check_density(replay *r, const tlc_timeline *tl, tlc_time shown_until)
{
	r->certain = false;
	if (r->b->max_entries > 0 && tl->nentries > (size_t)r->b->max_entries)
		expose(r, TLC_EXP_TOO_MANY_ENTRIES, -1, -1, -1, -1, tl->entries[0].date, 0, -1,
		       (int64_t)tl->nentries);
	/* the gap after the first entry depends on when the timeline was made, not on the spec;
	   entries after the next reload are never shown from this timeline */
	for (size_t i = 2; i < tl->nentries && tl->entries[i].date < shown_until; i++) {
		int64_t gap = tl->entries[i].date - tl->entries[i - 1].date;
		if (tl->entries[i].date <= r->dense_seen)
			continue; /* an earlier timeline showed this pair already */
		r->dense_seen = tl->entries[i].date;
		if (gap >= r->b->min_spacing)
			continue;
		/* blame the countdown, phase and run whose display changed */
		for (size_t c = 0; c < r->p->ncountdowns; c++) {
			const tlc_tl_view *a = &tl->entries[i - 1].views[c], *b = &tl->entries[i].views[c];
			if (tlc_view_equal(a, b))
				continue;
			int run = -1, fam = -1, phase = b->phase;
			for (int f = 0; f < TLC_FAM_MAX && run < 0 && a->phase == b->phase; f++)
				for (size_t j = 0; j < b->nruns[f] && j < a->nruns[f]; j++)
					if (b->runs[f][j].kind == TLC_RUN_MESSAGE &&
					    memcmp(a->runs[f][j].args, b->runs[f][j].args, sizeof a->runs[f][j].args)) {
						run = (int)j;
						fam = f;
						break;
					}
			/* a phase change right after a baked run's last change: blame that run */
			for (int f = 0; f < TLC_FAM_MAX && run < 0 && a->phase != b->phase; f++)
				for (size_t j = 0; j < a->nruns[f]; j++)
					if (a->runs[f][j].kind == TLC_RUN_MESSAGE &&
					    (r->p->messages[a->runs[f][j].message].units &
					     (TLC_UNIT_MINUTES | TLC_UNIT_SECONDS | TLC_UNIT_TOTAL_MINUTES))) {
						run = (int)j;
						fam = f;
						phase = a->phase;
						break;
					}
			expose(r, TLC_EXP_DENSE_ENTRIES, (int)c, phase, fam, run, tl->entries[i].date,
			       gap, -1, gap);
			break;
		}
	}
}

/* The segments of one timeline, from t until the next reload arrives at a. */
static void analyze(replay *r, const tlc_timeline *tl, tlc_time t, tlc_time a, tlc_time d)
{
	tlc_time end = a == TLC_TIME_NONE || a > r->until ? r->until : a;
	bool no_reload = a == TLC_TIME_NONE;
	for (size_t i = 0; i < tl->nentries; i++) {
		const tlc_entry *e = &tl->entries[i];
		tlc_time s0 = e->date > t ? e->date : t;
		tlc_time s1 = i + 1 < tl->nentries ? tl->entries[i + 1].date + r->b->entry_lateness : end;
		if (s1 > end)
			s1 = end;
		if (s1 <= s0)
			continue;
		bool tail = i + 1 == tl->nentries;
		/* on time: the next entry at its date, the reload at the date the policy asks */
		tlc_time on = !tail ? tl->entries[i + 1].date : d == TLC_TIME_NONE ? r->until : d > t ? d : t;
		r->no_reload_tail = tail && no_reload;
		for (size_t c = 0; c < r->p->ncountdowns; c++) {
			bool up = check_live(r, (int)c, &e->views[c], s0, s1, tail ? d : TLC_TIME_NONE, on);
			if (!up)
				check_ideal(r, (int)c, &e->views[c], s0, s1, tail ? d : TLC_TIME_NONE,
					    tail && no_reload, d == TLC_TIME_NONE);
		}
	}
}

tlc_time tlc_budget_arrival(const tlc_budget *b, tlc_time d, tlc_time t, const tlc_time *hist,
			    size_t nhist)
{
	if (d == TLC_TIME_NONE || b->reloads_per_day == 0)
		return TLC_TIME_NONE;
	tlc_time a = (d > t ? d : t) + b->reload_lateness;
	if (a <= t)
		a = t + 1; /* a reload loop under a zero-lateness profile still moves on */
	if (nhist && a < hist[nhist - 1] + b->min_gap)
		a = hist[nhist - 1] + b->min_gap;
	if (b->reloads_per_day > 0 && nhist >= (size_t)b->reloads_per_day) {
		/* the token used reloads_per_day reloads ago frees 24 hours after it was used */
		tlc_time freed = hist[nhist - (size_t)b->reloads_per_day] + DAY;
		if (a < freed)
			a = freed;
	}
	return a;
}

tlc_time tlc_timeline_request_date(const tlc_timeline *tl)
{
	switch (tl->policy) {
	case TLC_POLICY_AT_END:
		return tl->entries[tl->nentries - 1].date;
	case TLC_POLICY_AFTER:
		return tl->policy_date;
	default:
		return TLC_TIME_NONE;
	}
}

/* Reloads per 24 hours the policy asks for when each reload comes on time: a timeline that asks
 * after `interval` seconds needs 86400 / interval of them. */
static void check_budget(replay *r, const tlc_time *intervals, size_t n)
{
	r->certain = false;
	int64_t shortest = INT64_MAX;
	for (size_t i = 0; i < n; i++)
		if (intervals[i] < shortest)
			shortest = intervals[i];
	if (shortest == INT64_MAX || r->b->reloads_per_day <= 0)
		return;
	int64_t per_day = shortest <= 0 ? 86400 : (86400 + shortest - 1) / shortest;
	if (per_day > r->b->reloads_per_day)
		expose(r, TLC_EXP_OVER_BUDGET, -1, -1, -1, -1, r->ideal->start, 0, -1, per_day);
}

/* Appends x to a growing array (reload times are few: allocate as they come). */
static int push_time(tlc_time **v, size_t *n, size_t *cap, tlc_time x)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		tlc_time *g = realloc(*v, nc * sizeof *g);
		if (!g)
			return TLC_ENOMEM;
		*v = g;
		*cap = nc;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* Whether the display depends on when the timeline is made ('to: now + 1m', 'paused-at: now'):
 * then each reload brings its own reference display, as it brings fresh data. */
static bool reads_now(const tlc_program *p)
{
	for (size_t i = 0; i < p->ncountdowns; i++) {
		const tlc_prog_countdown *c = &p->countdowns[i];
		if (c->target.kind == TLC_PTIME_NOW || c->from.kind == TLC_PTIME_NOW ||
		    c->paused_at.kind == TLC_PTIME_NOW)
			return true;
	}
	return false;
}

int tlc_replay(tlc_exposures *out, const tlc_program *p, const tlc_instantiate_opts *opts,
	       const tlc_budget *b, tlc_time until, tlc_inst_err *err)
{
	tlc_program wide = *p; /* the ideal display: one instantiation over the whole span */
	tlc_timeline *ideal = NULL, *cur = NULL, *next = NULL;
	tlc_time *hist = NULL, *req = NULL;
	size_t nhist = 0, nreq = 0, caphist = 0, capreq = 0, work = 0;
	replay r = {out, p, b, NULL, until, false, false, TLC_TIME_MIN, 0};
	bool fresh = reads_now(p);
	tlc_instantiate_opts o = *opts;
	int rc;
	if ((rc = tlc_instantiate(&cur, p, opts, err)) < 0)
		goto done;
	if (!fresh) {
		if (!p->has_window && until - opts->now > wide.horizon)
			wide.horizon = until - opts->now;
		if ((rc = tlc_instantiate(&ideal, &wide, opts, err)) < 0)
			goto done;
		if (ideal->end < r.until)
			r.until = ideal->end;
		r.ideal = ideal;
		work += ideal->nentries;
	} else if (p->has_window && cur->end < r.until) {
		r.until = cur->end;
	}
	for (tlc_time t = opts->now; t < r.until && r.rc == 0;) {
		tlc_time d = tlc_timeline_request_date(cur);
		/* the app's own requests from the background come out of the same budget. With no
		   budget to spend, those that come while this timeline still covers the screen make
		   the same timeline again (the display does not read the instant it is made): only
		   the last of them, before the timeline ends, changes anything */
		if (b->app_every > 0) {
			tlc_time da = t + b->app_every;
			if (b->reloads_per_day < 0 && !fresh && cur->end != TLC_TIME_NONE && cur->end - t > b->app_every)
				da = t + (cur->end - t) / b->app_every * b->app_every;
			if (d == TLC_TIME_NONE || da < d)
				d = da;
		}
		/* TL104's loop: .atEnd on a tail that never changes (a program that reads the
		   instant it is made is judged below, against the timeline that follows) */
		bool loop = cur->policy == TLC_POLICY_AT_END && cur->constant_tail && !fresh;
		r.certain = false;
		if (loop)
			expose(&r, TLC_EXP_RELOAD_LOOP, -1, -1, -1, -1, d, 0, -1, 0);
		/* how long this timeline lasts before asking */
		if (d != TLC_TIME_NONE && !loop && nreq < MAX_RELOADS &&
		    (rc = push_time(&req, &nreq, &capreq, (d > t ? d : t) - t)) < 0)
			goto done;
		tlc_time a = tlc_budget_arrival(b, d, t, hist, nhist);
		if (fresh) { /* the spec's display as this timeline's data shows it, until the next */
			tlc_time e = a == TLC_TIME_NONE || a > r.until ? r.until : a;
			if (!p->has_window)
				wide.horizon = e - t > p->horizon ? e - t : p->horizon;
			tlc_timeline_free(ideal);
			ideal = NULL;
			if ((rc = tlc_instantiate(&ideal, &wide, &o, err)) < 0)
				goto done;
			r.ideal = ideal;
			work += ideal->nentries;
		}
		check_density(&r, cur, a == TLC_TIME_NONE || a > r.until ? r.until : a);
		analyze(&r, cur, t, a, d);
		work += cur->nentries;
		if (a == TLC_TIME_NONE || a >= r.until || nhist == MAX_RELOADS || work > TLC_REPLAY_MAX_ENTRIES)
			break;
		if ((rc = push_time(&hist, &nhist, &caphist, a)) < 0)
			goto done;
		o.now = a;
		o.data_time = a;
		if ((rc = tlc_instantiate(&next, p, &o, err)) < 0)
			goto done;
		/* .atEnd on a constant tail that the next timeline shows again: a loop after all */
		if (fresh && cur->policy == TLC_POLICY_AT_END && cur->constant_tail && next->nentries &&
		    cur->nentries) {
			bool same = true;
			for (size_t c = 0; c < p->ncountdowns && same; c++)
				same = tlc_view_same_text(&cur->entries[cur->nentries - 1].views[c],
							  &next->entries[0].views[c]);
			if (same)
				expose(&r, TLC_EXP_RELOAD_LOOP, -1, -1, -1, -1, d, 0, -1, 0);
		}
		tlc_timeline_free(cur);
		cur = next;
		next = NULL;
		t = a;
	}
	check_budget(&r, req, nreq);
	out->reloads += nhist;
	rc = r.rc;
done:
	tlc_timeline_free(next);
	tlc_timeline_free(cur);
	tlc_timeline_free(ideal);
	free(hist);
	free(req);
	return rc;
}
