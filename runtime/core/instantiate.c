/*
 * instantiate.c — program + params + now -> the fewest timeline entries and a reload policy.
 *
 * The display is a function of the instant (eval_view). It can change only at change points:
 * phase thresholds T - above, the boundaries of the time units a baked message uses
 * (T -/+ n * unit), local midnights for {calendar-days}, relevance window edges, the pause, the
 * stale point and the roll to the next occurrence. next_change() gives the first change point
 * after t; the loop evaluates the display there and emits an entry only when it differs from
 * the previous one. So entries sit exactly where the display changes, and nowhere else.
 * Semantics and boundary rules: docs/semantics.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inst_internal.h"
#include "timelinec/civil.h"

static const int64_t unit_period[TLC_UNIT_COUNT] = {86400, 3600, 60, 1, 3600, 60, 0};

/* ---- resolving times ------------------------------------------------------------------------ */

static const tlc_param_value *find_param(const inst *in, const char *name)
{
	for (size_t i = 0; i < in->nparams; i++)
		if (strcmp(in->params[i].name, name) == 0)
			return &in->params[i];
	return NULL;
}

/* The instant of a program time, or TLC_TIME_NONE for NONE. */
static int resolve_time(const inst *in, const tlc_prog_time *pt, tlc_time *out, tlc_inst_err *err)
{
	tlc_time base;
	switch (pt->kind) {
	case TLC_PTIME_NONE:
		*out = TLC_TIME_NONE;
		return 0;
	case TLC_PTIME_LITERAL:
		base = pt->at;
		break;
	case TLC_PTIME_LOCAL: {
		tlc_local_result r;
		tlc_disamb d = in->p->disambiguation == TLC_DISAMB_REJECT ? TLC_DISAMB_COMPATIBLE
									   : (tlc_disamb)in->p->disambiguation;
		if (!in->dz || tlc_zone_local_to_utc(in->dz, pt->at, d, &r) < 0) {
			snprintf(err->msg, sizeof err->msg, "a floating local time needs a display zone");
			return TLC_EINPUT;
		}
		base = r.utc;
		break;
	}
	case TLC_PTIME_PARAM: {
		const tlc_param_value *v = find_param(in, pt->param);
		if (!v) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s' has no value", pt->param);
			err->kind = TLC_INST_ERR_MISSING_PARAM;
			return TLC_EINPUT;
		}
		base = v->instant;
		break;
	}
	default:
		base = in->now;
		break;
	}
	if (base < TLC_TIME_MIN || base > TLC_TIME_MAX || pt->offset < -TLC_TIME_MAX ||
	    pt->offset > TLC_TIME_MAX || base + pt->offset < TLC_TIME_MIN ||
	    base + pt->offset > TLC_TIME_MAX) {
		snprintf(err->msg, sizeof err->msg, "an instant falls outside 1970..9999");
		return TLC_ERANGE;
	}
	*out = base + pt->offset;
	return 0;
}

/* ---- recurring targets ---------------------------------------------------------------------- */

/* The first occurrence >= x, or TLC_TIME_NONE. */
static tlc_time occ_from(cd_state *st, tlc_time x)
{
	tlc_recur_occ o;
	if (st->cache_from != TLC_TIME_NONE && x > st->cache_from && x <= st->cache_hi)
		return st->cache_occ;
	/* Just past the cached occurrence (the change-point loop moves forward one occurrence at
	 * a time): the iterator stands right after it, so its next occurrence is the answer when
	 * it is >= x, with no seek (a seek converts local times around zone transitions). */
	bool stepped = false;
	if (st->cache_from != TLC_TIME_NONE && st->cache_occ != TLC_TIME_NONE && x > st->cache_hi) {
		if (tlc_recur_iter_next(&o, st->it) == 0) {
			stepped = o.utc >= x;
		} else { /* the end of the rule, unless the step gave up on a long gap: seek then */
			o.utc = TLC_TIME_NONE;
			stepped = tlc_recur_iter_end(st->it) != TLC_RECUR_END_LIMIT;
		}
	}
	if (!stepped && (tlc_recur_iter_seek(st->it, x) < 0 || tlc_recur_iter_next(&o, st->it) < 0))
		o.utc = TLC_TIME_NONE;
	st->cache_from = x - 1;
	st->cache_occ = o.utc;
	/* no occurrence at or after x: none after any later x either */
	st->cache_hi = o.utc == TLC_TIME_NONE ? TLC_TIME_MAX : o.utc;
	return o.utc;
}

/* A recurring item's first occurrence >= x (TLC_TIME_NONE: none), cached as occ_from() is. */
static tlc_time item_occ_from(cd_state *st, size_t i, tlc_time x)
{
	tlc_recur_occ o;
	if (st->ev_qfrom[i] != TLC_TIME_NONE && x > st->ev_qfrom[i] &&
	    (st->ev_qocc[i] == TLC_TIME_NONE || x <= st->ev_qocc[i]))
		return st->ev_qocc[i];
	if (tlc_recur_iter_seek(st->ev_it[i], x) < 0 || tlc_recur_iter_next(&o, st->ev_it[i]) < 0)
		o.utc = TLC_TIME_NONE;
	st->ev_qfrom[i] = x - 1;
	st->ev_qocc[i] = o.utc;
	return o.utc;
}

/* EVENTS: the item shown at t (index as written), or -1: of the fixed items the first in
 * order not rolled, against each recurring item's first occurrence not rolled, by start,
 * end, then as written. Its occurrence is left in st->cur_start, cur_end and cur_roll. */
static int32_t item_at(cd_state *st, tlc_time t)
{
	if (st->cur_t == t && st->cur_t != TLC_TIME_NONE)
		return st->cur_item;
	int32_t best = -1;
	tlc_time bs = 0, be = 0, br = 0;
	for (size_t k = 0; k < st->nevents; k++) {
		uint32_t i = st->ev_order[k];
		if (st->ev_roll[i] > t) {
			best = (int32_t)i, bs = st->ev_start[i], be = st->ev_end[i], br = st->ev_roll[i];
			break;
		}
	}
	for (size_t i = 0; st->ev_rule && i < st->nevents; i++) {
		if (!st->ev_rule[i])
			continue;
		int64_t len = st->events[i].length, stay = len > st->c->roll_after ? len : st->c->roll_after;
		tlc_time x = t - stay + 1;
		tlc_time o = item_occ_from(st, i, x < TLC_TIME_MIN ? TLC_TIME_MIN : x);
		if (o == TLC_TIME_NONE)
			continue;
		if (best < 0 || o < bs || (o == bs && (o + len < be || (o + len == be && (int32_t)i < best))))
			best = (int32_t)i, bs = o, be = o + len, br = o + stay;
	}
	st->cur_t = t;
	st->cur_item = best;
	st->cur_start = bs, st->cur_end = be, st->cur_roll = br;
	return best;
}

/* The target the countdown shows at t. */
static tlc_time target_at(cd_state *st, tlc_time t)
{
	if (st->c->mode == TLC_TARGET_MODE_EVENTS) {
		int32_t k = item_at(st, t);
		return k < 0 ? TLC_TIME_NONE : st->cur_start;
	}
	if (st->c->mode != TLC_TARGET_MODE_RECUR)
		return st->target;
	tlc_time x = t - st->c->roll_after + 1;
	return occ_from(st, x < TLC_TIME_MIN ? TLC_TIME_MIN : x);
}

/* ---- evaluation ----------------------------------------------------------------------------- */

static int32_t zone_off(const tlc_zone *z, tlc_time t) { return z ? tlc_zone_offset(z, t) : 0; }

static int64_t calendar_days(const inst *in, tlc_time a, tlc_time b)
{
	int64_t da = tlc_floordiv(a + zone_off(in->dz, a), 86400);
	int64_t db = tlc_floordiv(b + zone_off(in->dz, b), 86400);
	return da > db ? da - db : db - da;
}

/* Unit values at r = target - te (docs/semantics.md: "baked numbers"). */
static void unit_values(const inst *in, unsigned units, tlc_time target, tlc_time te,
			int64_t out[TLC_UNIT_COUNT])
{
	int64_t r = target - te;
	int64_t q = r > 0 ? r - 1 : -r; /* whole units left before the target, elapsed after */
	int64_t v[TLC_UNIT_COUNT] = {q / 86400, q / 3600 % 24, q / 60 % 60, q % 60, q / 3600, q / 60, 0};
	if (units & TLC_UNIT_CALENDAR_DAYS)
		v[6] = calendar_days(in, target, te);
	for (int u = 0; u < TLC_UNIT_COUNT; u++)
		out[u] = (units & (1u << u)) ? v[u] : 0;
}

/* Phase i's threshold for the item shown (`above: end`: T - E of that item). */
static int64_t phase_above(const cd_state *st, size_t i, int32_t item)
{
	if (st->c->phases[i].above_end)
		return item >= 0 ? st->cur_start - st->cur_end : 0; /* item_at() just ran */
	return st->above[i];
}

static tlc_time phase_start(const cd_state *st, tlc_time target, int32_t phase, int32_t item)
{
	if (phase > 0 && st->c->phases[phase - 1].has_above)
		return target - phase_above(st, (size_t)phase - 1, item);
	return st->origin;
}

/* Where a view's runs go: a buffer for family f with room for n runs (zeroed), or NULL. */
typedef tlc_tl_run *(*runs_alloc)(void *ud, int f, size_t n);

static tlc_tl_run *runs_calloc(void *ud, int f, size_t n)
{
	(void)ud;
	(void)f;
	return calloc(n, sizeof(tlc_tl_run));
}

static int build_runs(const inst *in, const cd_state *st, const tlc_prog_view *pv, tlc_time target,
		      tlc_time te, tlc_time from, int32_t item, int f, runs_alloc alloc, void *ud,
		      tlc_tl_run **out, size_t *nout)
{
	const tlc_prog_event *event = item >= 0 ? &st->events[item] : NULL;
	*out = NULL;
	*nout = 0;
	if (!pv->nruns)
		return 0;
	tlc_tl_run *runs = alloc(ud, f, pv->nruns);
	if (!runs)
		return TLC_ENOMEM;
	for (size_t i = 0; i < pv->nruns; i++) {
		const tlc_prog_run *pr = &pv->runs[i];
		tlc_tl_run *r = &runs[i];
		r->kind = pr->kind;
		r->pause = TLC_TIME_NONE;
		r->from = TLC_TIME_NONE;
		r->target = TLC_TIME_NONE;
		if (pr->kind == TLC_RUN_TEXT) {
			r->text = pr->text;
		} else if (pr->kind == TLC_RUN_MESSAGE) {
			r->message = pr->message;
			r->event = event;
			unit_values(in, in->p->messages[pr->message].units, target, te, r->args);
		} else {
			r->target = target;
			r->style = pr->style;
			/* only timers can hold: Text(timerInterval:pauseTime:) */
			if (pr->kind == TLC_RUN_TIMER || pr->kind == TLC_RUN_COUNTDOWN)
				r->pause = st->pause;
			if (tlc_run_has_from(pr->kind))
				r->from = from;
			if (pr->to_end && item >= 0) { /* {timer end}: to the item's end, an
							    interval from its start */
				r->target = st->cur_end;
				if (r->from != TLC_TIME_NONE)
					r->from = st->cur_start;
			}
		}
	}
	*out = runs;
	*nout = pv->nruns;
	return 0;
}

/* The view of countdown st at t into v, its runs where `alloc` puts them. */
static int eval_view(const inst *in, cd_state *st, tlc_time t, tlc_tl_view *v, runs_alloc alloc,
		     void *ud)
{
	const tlc_prog_countdown *c = st->c;
	memset(v, 0, sizeof *v);
	v->phase = -1;
	v->item = c->mode == TLC_TARGET_MODE_EVENTS ? item_at(st, t) : -1;
	v->target = target_at(st, t);
	if (v->target == TLC_TIME_NONE && c->has_empty) { /* no item remains: the empty text */
		v->phase = -3;
		for (int f = 0; f < TLC_FAM_MAX; f++) {
			if (!c->empty_views[f].present)
				continue;
			int err = build_runs(in, st, &c->empty_views[f], TLC_TIME_NONE, t, TLC_TIME_NONE,
					     -1, f, alloc, ud, &v->runs[f], &v->nruns[f]);
			if (err < 0)
				return err;
		}
		return 0;
	}
	if (v->target == TLC_TIME_NONE)
		return 0; /* a finished recurrence shows nothing */
	tlc_time te = (st->pause != TLC_TIME_NONE && t >= st->pause) ? st->pause : t;
	int64_t r = v->target - te;
	const tlc_prog_view *views = NULL;
	if (c->has_stale && t >= in->data_time + c->stale_after) {
		v->phase = -2;
		views = c->stale_views;
	} else {
		for (size_t i = 0; i < c->nphases; i++)
			if (!c->phases[i].has_above || r > phase_above(st, i, v->item)) {
				v->phase = (int32_t)i;
				views = c->phases[i].views;
				break;
			}
	}
	if (!views)
		return 0;
	tlc_time from = st->from != TLC_TIME_NONE ? st->from
				: phase_start(st, v->target, v->phase < 0 ? 0 : v->phase, v->item);
	/* stale text is about the data: its self-updating runs count from the data time */
	tlc_time live_target = v->phase == -2 ? in->data_time : v->target;
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		if (!views[f].present)
			continue;
		int err = build_runs(in, st, &views[f], live_target, te, from,
				     v->item, f, alloc, ud, &v->runs[f], &v->nruns[f]);
		if (err < 0)
			return err;
	}
	return 0;
}

int tlc__eval_view(const inst *in, cd_state *st, tlc_time t, tlc_tl_view *v)
{
	int err = eval_view(in, st, t, v, runs_calloc, NULL);
	if (err < 0)
		tlc_view_release(v);
	return err;
}

void tlc_view_release(tlc_tl_view *v)
{
	for (int f = 0; f < TLC_FAM_MAX; f++)
		free(v->runs[f]);
	memset(v, 0, sizeof *v);
}

static bool run_equal(const tlc_program *p, const tlc_tl_run *a, const tlc_tl_run *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case TLC_RUN_TEXT:
		return a->text == b->text || strcmp(a->text, b->text) == 0;
	case TLC_RUN_MESSAGE:
		(void)p;
		return a->message == b->message &&
		       memcmp(a->args, b->args, sizeof a->args) == 0;
	default:
		return a->target == b->target && a->from == b->from && a->pause == b->pause;
	}
}

bool tlc_view_equal(const tlc_tl_view *a, const tlc_tl_view *b)
{
	if (a->phase != b->phase || a->item != b->item)
		return false;
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		if (a->nruns[f] != b->nruns[f] || (!a->runs[f]) != (!b->runs[f]))
			return false;
		for (size_t i = 0; i < a->nruns[f]; i++)
			if (!run_equal(NULL, &a->runs[f][i], &b->runs[f][i]))
				return false;
	}
	return true;
}

/* Relevance at t: the highest score among the windows [T + from, T + until) holding t. */
static void relevance_at(inst *in, tlc_time t, double *score, tlc_time *until)
{
	*score = 0;
	*until = TLC_TIME_NONE;
	for (size_t i = 0; i < in->ncds; i++) {
		cd_state *st = &in->cds[i];
		if (!st->c->has_relevance)
			continue;
		tlc_time T = target_at(st, t);
		if (T == TLC_TIME_NONE)
			continue;
		tlc_time a = T + st->c->relevance_from, b = T + st->c->relevance_until;
		if (t >= a && t < b && st->c->relevance_score > *score) {
			*score = st->c->relevance_score;
			*until = b;
		}
	}
}

/* ---- change points -------------------------------------------------------------------------- */

static void cand(tlc_time *best, tlc_time x, tlc_time t)
{
	if (x > t && x != TLC_TIME_NONE && (*best == TLC_TIME_NONE || x < *best))
		*best = x;
}

/* The first boundary of a unit of length `period` after t, on the grid T -/+ n * period. */
static tlc_time next_boundary(tlc_time T, int64_t period, tlc_time t)
{
	if (t < T) {
		int64_t d = T - t;
		return T - (d - 1) / period * period;
	}
	return T + ((t - T) / period + 1) * period;
}

static tlc_time next_midnight(const inst *in, tlc_time t)
{
	int64_t day = tlc_floordiv(t + zone_off(in->dz, t), 86400);
	tlc_local_result r;
	for (int k = 1; k <= 3; k++) {
		tlc_time local = (day + k) * 86400;
		if (!in->dz)
			return local;
		tlc_zone_local_to_utc(in->dz, local, TLC_DISAMB_COMPATIBLE, &r);
		if (r.utc > t)
			return r.utc;
	}
	return t + 86400;
}

static unsigned view_units(const tlc_program *p, const tlc_prog_view *views)
{
	unsigned u = 0;
	for (int f = 0; f < TLC_FAM_MAX; f++)
		for (size_t i = 0; i < views[f].nruns; i++)
			if (views[f].runs[i].kind == TLC_RUN_MESSAGE)
				u |= p->messages[views[f].runs[i].message].units;
	return u;
}

static void unit_candidates(const inst *in, unsigned units, tlc_time T, tlc_time t, tlc_time *best)
{
	for (int u = 0; u < TLC_UNIT_COUNT; u++) {
		if (!(units & (1u << u)))
			continue;
		if (unit_period[u])
			cand(best, next_boundary(T, unit_period[u], t), t);
		else
			cand(best, next_midnight(in, t), t);
	}
}

static tlc_time next_change_cd(inst *in, cd_state *st, tlc_time t, int32_t phase)
{
	const tlc_prog_countdown *c = st->c;
	tlc_time best = TLC_TIME_NONE, T = target_at(st, t);
	if (c->has_stale)
		cand(&best, in->data_time + c->stale_after, t);
	if (T == TLC_TIME_NONE)
		return best;
	int32_t item = c->mode == TLC_TARGET_MODE_EVENTS ? item_at(st, t) : -1;
	if (c->mode == TLC_TARGET_MODE_RECUR)
		cand(&best, T + c->roll_after, t);
	if (item >= 0)
		cand(&best, st->cur_roll, t);
	if (c->has_relevance) {
		cand(&best, T + c->relevance_from, t);
		cand(&best, T + c->relevance_until, t);
	}
	if (st->pause != TLC_TIME_NONE) {
		cand(&best, st->pause, t);
		if (t >= st->pause)
			return best; /* frozen: only real-time changes remain */
	}
	for (size_t i = 0; i < c->nphases; i++)
		if (c->phases[i].has_above)
			cand(&best, T - phase_above(st, i, item), t);
	const tlc_prog_view *views = phase == -2 ? c->stale_views
				     : phase >= 0 ? c->phases[phase].views : NULL;
	if (views) /* stale text counts from the data time */
		unit_candidates(in, view_units(in->p, views), phase == -2 ? in->data_time : T, t, &best);
	return best;
}

/* ---- the instantiation loop ----------------------------------------------------------------- */

/*
 * Each countdown's view changes only at its own change points (next_change_cd), so the loop
 * keeps, per countdown, its next change point, and at a candidate instant x re-evaluates only
 * the countdowns whose change point x is: the cost is linear in the change points of all
 * countdowns, not their product with the number of countdowns.
 *
 * Memory: a candidate view is built in scratch buffers (two per countdown: the view shown and
 * the candidate), reused; only an entry that differs from the last one goes into the slab,
 * where its unchanged views share the previous entry's runs, and nothing is freed before the
 * timeline is. When the slab would pass TLC_MAX_TIMELINE_MEMORY the loop stops keeping entries
 * and only counts them, so that a display changing too often is refused with the same message
 * (TLC_MAX_ENTRIES) whatever its size, and one that does not is refused for its size.
 */

/* A chunk for at least n bytes: 4 KB first (most timelines are small, and a replay makes many),
 * each next one twice the last, up to 64 KB. */
static int slab_more(inst *in, size_t n)
{
	size_t want = in->slab ? in->slab->cap * 2 + sizeof(tlc__slab_chunk) : 4096;
	if (want > 65536)
		want = 65536;
	size_t cap = n > want - sizeof(tlc__slab_chunk) ? n : want - sizeof(tlc__slab_chunk);
	if (in->slab_bytes + cap > TLC_MAX_TIMELINE_MEMORY)
		return TLC_ERANGE;
	tlc__slab_chunk *nc = malloc(sizeof *nc + cap);
	if (!nc)
		return TLC_ENOMEM;
	nc->next = in->slab;
	nc->used = 0;
	nc->cap = cap;
	in->slab = nc;
	in->slab_bytes += cap;
	return 0;
}

/* n bytes of the slab, 16-aligned; NULL with *rc TLC_ENOMEM, or TLC_ERANGE past the budget. */
static void *slab_alloc(inst *in, size_t n, int *rc)
{
	n = (n + 15) & ~(size_t)15;
	if ((!in->slab || in->slab->cap - in->slab->used < n) && (*rc = slab_more(in, n)) < 0)
		return NULL;
	void *p = in->slab->data + in->slab->used;
	in->slab->used += n;
	return p;
}

/* Reused buffers for one view's runs, per family. */
typedef struct view_scratch {
	tlc_tl_run *runs[TLC_FAM_MAX];
	size_t cap[TLC_FAM_MAX];
} view_scratch;

static tlc_tl_run *runs_scratch(void *ud, int f, size_t n)
{
	view_scratch *sc = ud;
	if (n > sc->cap[f]) {
		tlc_tl_run *r = realloc(sc->runs[f], n * sizeof *r);
		if (!r)
			return NULL;
		sc->runs[f] = r;
		sc->cap[f] = n;
	}
	memset(sc->runs[f], 0, n * sizeof *sc->runs[f]);
	return sc->runs[f];
}

/* A view whose runs are in scratch buffers, into the slab. */
static int view_keep(inst *in, tlc_tl_view *dst, const tlc_tl_view *src)
{
	int rc = 0;
	*dst = *src;
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		if (!src->nruns[f])
			continue;
		if (!(dst->runs[f] = slab_alloc(in, src->nruns[f] * sizeof *src->runs[f], &rc)))
			return rc;
		memcpy(dst->runs[f], src->runs[f], src->nruns[f] * sizeof *src->runs[f]);
	}
	return 0;
}

static int too_many(tlc_inst_err *err)
{
	snprintf(err->msg, sizeof err->msg,
		 "the display changes more than %d times in the window", TLC_MAX_ENTRIES);
	err->kind = TLC_INST_ERR_TOO_MANY_CHANGES;
	return TLC_ERANGE;
}

static int push_entry(tlc_timeline *tl, size_t *cap, const tlc_entry *e)
{
	if (tl->nentries == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		tlc_entry *v = realloc(tl->entries, nc * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		tl->entries = v;
		*cap = nc;
	}
	tl->entries[tl->nentries++] = *e;
	return 0;
}

/* The state of the loop: per countdown the view shown (shown[i], in buf[2i + side[i]]), the
 * candidate (cand[i], in the other buffer) and the next change point. */
typedef struct loop {
	view_scratch *buf;
	unsigned char *side;
	tlc_tl_view *shown, *cand;
	tlc_time *next;
	bool *fresh, *changed;
	tlc_entry last;        /* date and relevance of the last entry (views: NULL) */
	size_t count, cap;     /* entries so far (kept or counted), the entries' capacity */
	bool counting;         /* past TLC_MAX_TIMELINE_MEMORY: entries counted, not kept */
} loop;

/*
 * An entry at x from the countdowns re-evaluated there (fresh[i], their views in cand[i]): when
 * it differs from the last one, kept (its unchanged views sharing the last entry's runs) or,
 * past the memory budget, counted; the changed views become the ones shown.
 */
static int step(inst *in, tlc_timeline *tl, loop *L, tlc_time x, tlc_inst_err *err)
{
	tlc_entry e = {x, 0, 0, NULL};
	tlc_time until;
	int rc = 0;
	relevance_at(in, x, &e.relevance, &until);
	e.relevance_duration = until == TLC_TIME_NONE ? 0 : until - x;
	bool same = L->count > 0 && e.relevance == L->last.relevance &&
		    (e.relevance <= 0 || e.date + e.relevance_duration ==
						 L->last.date + L->last.relevance_duration);
	for (size_t i = 0; i < in->ncds; i++) {
		L->changed[i] = L->fresh[i] && (L->count == 0 || !tlc_view_equal(&L->cand[i], &L->shown[i]));
		same = same && !L->changed[i];
	}
	if (same)
		return 0;
	if (L->count == TLC_MAX_ENTRIES)
		return too_many(err);
	L->count++;
	L->last = e;
	for (size_t i = 0; i < in->ncds; i++)
		if (L->changed[i]) { /* the candidate is shown now: swap the buffers */
			tlc_tl_view v = L->shown[i];
			L->shown[i] = L->cand[i];
			L->cand[i] = v;
			L->side[i] ^= 1;
		}
	if (L->counting)
		return 0;
	const tlc_entry *prev = tl->nentries ? &tl->entries[tl->nentries - 1] : NULL;
	if (!(e.views = slab_alloc(in, (in->ncds ? in->ncds : 1) * sizeof *e.views, &rc)))
		goto full;
	for (size_t i = 0; i < in->ncds; i++) {
		if (prev && !L->changed[i])
			e.views[i] = prev->views[i]; /* the same runs, in the slab */
		else if ((rc = view_keep(in, &e.views[i], &L->shown[i])) < 0)
			goto full;
	}
	return push_entry(tl, &L->cap, &e);
full:
	if (rc != TLC_ERANGE)
		return rc;
	L->counting = true; /* past the budget: count from here on */
	return 0;
}

static int run_loop(inst *in, tlc_timeline *tl, tlc_inst_err *err)
{
	size_t seen = 0, n = in->ncds ? in->ncds : 1;
	int rc = TLC_ENOMEM;
	loop L;
	memset(&L, 0, sizeof L);
	L.buf = calloc(2 * n, sizeof *L.buf);
	L.side = calloc(n, sizeof *L.side);
	L.shown = calloc(n, sizeof *L.shown);
	L.cand = calloc(n, sizeof *L.cand);
	L.next = calloc(n, sizeof *L.next);
	L.fresh = calloc(n, sizeof *L.fresh);
	L.changed = calloc(n, sizeof *L.changed);
	if (!L.buf || !L.side || !L.shown || !L.cand || !L.next || !L.fresh || !L.changed)
		goto out;
	for (tlc_time x = tl->start;;) {
		for (size_t i = 0; i < in->ncds; i++) {
			L.fresh[i] = x == tl->start || L.next[i] == x;
			if (L.fresh[i] && (rc = eval_view(in, &in->cds[i], x, &L.cand[i], runs_scratch,
							  &L.buf[2 * i + (L.side[i] ^ 1)])) < 0)
				goto out;
		}
		if ((rc = step(in, tl, &L, x, err)) < 0)
			goto out;
		for (size_t i = 0; i < in->ncds; i++)
			if (L.fresh[i])
				L.next[i] = next_change_cd(in, &in->cds[i], x, L.shown[i].phase);
		/* the next candidate: the first change point of any countdown */
		x = TLC_TIME_NONE;
		for (size_t i = 0; i < in->ncds; i++)
			if (L.next[i] != TLC_TIME_NONE && (x == TLC_TIME_NONE || L.next[i] < x))
				x = L.next[i];
		if (x == TLC_TIME_NONE || x >= tl->end) {
			tl->constant_tail = x == TLC_TIME_NONE;
			break;
		}
		if (++seen > in->max_candidates) {
			snprintf(err->msg, sizeof err->msg, "the display may change more than %zu times "
				 "in the window", in->max_candidates);
			err->kind = TLC_INST_ERR_TOO_MANY_CHANGES;
			rc = TLC_ERANGE;
			goto out;
		}
	}
	rc = 0;
	if (L.counting) { /* fewer than TLC_MAX_ENTRIES changes, but too large to keep */
		snprintf(err->msg, sizeof err->msg, "the display's %zu changes across %zu countdowns "
			 "need more than %d MB of entries", L.count, in->ncds,
			 TLC_MAX_TIMELINE_MEMORY >> 20);
		err->kind = TLC_INST_ERR_TOO_MANY_CHANGES;
		rc = TLC_ERANGE;
	}
out:
	for (size_t i = 0; L.buf && i < 2 * n; i++)
		for (int f = 0; f < TLC_FAM_MAX; f++)
			free(L.buf[i].runs[f]);
	free(L.buf);
	free(L.side);
	free(L.shown);
	free(L.cand);
	free(L.next);
	free(L.fresh);
	free(L.changed);
	return rc;
}

/* ---- setup and policy ----------------------------------------------------------------------- */

/* A recurring item's rule and iterator in the event zone (the display zone when floating). */
static int setup_item_rule(const inst *in, cd_state *st, size_t i, tlc_inst_err *err)
{
	size_t n = st->nevents;
	if (!st->ev_rule && (!(st->ev_rule = calloc(n, sizeof *st->ev_rule)) ||
			     !(st->ev_it = calloc(n, sizeof *st->ev_it)) ||
			     !(st->ev_qfrom = calloc(n, sizeof *st->ev_qfrom)) ||
			     !(st->ev_qocc = calloc(n, sizeof *st->ev_qocc))))
		return TLC_ENOMEM;
	const char *rr = st->events[i].rrule;
	tlc_err e = {0, 0, "the start is outside 1970..9999"};
	if (tlc_recur_parse_rrule(&st->ev_rule[i], rr, strlen(rr), &e) < 0 ||
	    tlc_recur_set_dtstart_local(st->ev_rule[i], 0) < 0) {
		snprintf(err->msg, sizeof err->msg, "event %zu: recurrence '%.80s': %.100s", i + 1, rr, e.msg);
		return TLC_EINPUT;
	}
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	o.overlap = (tlc_disamb)in->p->disambiguation;
	if (o.overlap == TLC_DISAMB_REJECT)
		o.overlap = TLC_DISAMB_COMPATIBLE;
	st->ev_qfrom[i] = TLC_TIME_NONE;
	return tlc_recur_iter_new(&st->ev_it[i], st->ev_rule[i], in->ez ? in->ez : in->dz, &o);
}

/* Whether item x comes before item y: by start, then end, then as written. */
static bool item_before(const cd_state *st, uint32_t x, uint32_t y)
{
	if (st->ev_start[x] != st->ev_start[y])
		return st->ev_start[x] < st->ev_start[y];
	if (st->ev_end[x] != st->ev_end[y])
		return st->ev_end[x] < st->ev_end[y];
	return x < y;
}

/* EVENTS: each item's start, end (its start when it has none) and roll instant
 * max(start + roll-after, end), and the order they are considered in. */
static int setup_events(const inst *in, cd_state *st, tlc_inst_err *err)
{
	const tlc_prog_countdown *c = st->c;
	st->events = c->events;
	st->nevents = c->nevents;
	if (c->events_param) { /* the items the app passed, into the timeline's list */
		const tlc_param_value *v = find_param(in, c->events_param);
		int rc;
		if (!v || !v->text) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s' has no value", c->events_param);
			err->kind = TLC_INST_ERR_MISSING_PARAM;
			return TLC_EINPUT;
		}
		if (!st->list)
			return TLC_EINVAL;
		if ((rc = tlc__list_parse(st->list, c, v->text, in->ez ? in->ez : in->dz, err)) < 0)
			return rc;
		st->events = st->list->events;
		st->nevents = st->list->nevents;
	}
	size_t n = st->nevents;
	st->ev_start = calloc(n ? n : 1, sizeof *st->ev_start);
	st->ev_end = calloc(n ? n : 1, sizeof *st->ev_end);
	st->ev_roll = calloc(n ? n : 1, sizeof *st->ev_roll);
	st->ev_order = calloc(n ? n : 1, sizeof *st->ev_order);
	st->cur_t = TLC_TIME_NONE;
	if (!st->ev_start || !st->ev_end || !st->ev_roll || !st->ev_order)
		return TLC_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		int rc;
		st->ev_order[i] = (uint32_t)i;
		if (st->events[i].rrule) { /* its occurrences come from its rule, item_at() */
			if ((rc = setup_item_rule(in, st, i, err)) < 0)
				return rc;
			st->ev_start[i] = st->ev_end[i] = TLC_TIME_MAX;
			st->ev_roll[i] = TLC_TIME_MIN;
			continue;
		}
		if ((rc = resolve_time(in, &st->events[i].at, &st->ev_start[i], err)) < 0 ||
		    (rc = resolve_time(in, &st->events[i].end, &st->ev_end[i], err)) < 0)
			return rc;
		if (st->ev_end[i] == TLC_TIME_NONE || st->ev_end[i] < st->ev_start[i])
			st->ev_end[i] = st->ev_start[i]; /* none; or a local end moved by a DST gap */
		tlc_time r = st->ev_start[i] + c->roll_after;
		st->ev_roll[i] = r > st->ev_end[i] ? r : st->ev_end[i];
		st->ev_order[i] = (uint32_t)i;
	}
	/* an insertion sort: at most TLC_MAX_EVENTS items, stable and without global state */
	for (size_t i = 1; i < n; i++) {
		uint32_t x = st->ev_order[i];
		size_t k = i;
		while (k > 0 && item_before(st, x, st->ev_order[k - 1])) {
			st->ev_order[k] = st->ev_order[k - 1];
			k--;
		}
		st->ev_order[k] = x;
	}
	return 0;
}

/* Each phase's threshold: the constant, or the sign times a duration parameter's value. */
static int resolve_thresholds(const inst *in, cd_state *st, tlc_inst_err *err)
{
	const tlc_prog_countdown *c = st->c;
	st->above = calloc(c->nphases ? c->nphases : 1, sizeof *st->above);
	if (!st->above)
		return TLC_ENOMEM;
	for (size_t i = 0; i < c->nphases; i++) {
		const tlc_prog_phase *ph = &c->phases[i];
		st->above[i] = ph->above;
		if (!ph->has_above || !ph->above_param)
			continue;
		const tlc_param_value *v = find_param(in, ph->above_param);
		if (!v) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s' has no value", ph->above_param);
			err->kind = TLC_INST_ERR_MISSING_PARAM;
			err->phase = (int)i;
			return TLC_EINPUT;
		}
		if (v->number < -TLC_TIME_MAX || v->number > TLC_TIME_MAX) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s': a threshold of %lld s is "
				 "longer than 1970..9999", ph->above_param, (long long)v->number);
			err->phase = (int)i;
			return TLC_ERANGE;
		}
		st->above[i] = ph->above_sign < 0 ? -v->number : v->number;
	}
	return 0;
}

static int setup_countdown(inst *in, cd_state *st, const tlc_prog_countdown *c, tlc_inst_err *err)
{
	int rc;
	st->c = c;
	st->cache_from = TLC_TIME_NONE;
	st->origin = in->origin;
	if ((rc = resolve_thresholds(in, st, err)) < 0 ||
	    (rc = resolve_time(in, &c->from, &st->from, err)) < 0 ||
	    (rc = resolve_time(in, &c->paused_at, &st->pause, err)) < 0)
		return rc;
	if (c->mode == TLC_TARGET_MODE_EVENTS)
		return setup_events(in, st, err);
	if (c->mode != TLC_TARGET_MODE_RECUR)
		return resolve_time(in, &c->target, &st->target, err);
	tlc_err e = {0, 0, "the start is outside 1970..9999"};
	if ((rc = tlc_recur_parse_rrule(&st->rule, c->rrule, strlen(c->rrule), &e)) < 0 ||
	    (rc = tlc_recur_set_dtstart_local(st->rule, c->dtstart)) < 0) {
		snprintf(err->msg, sizeof err->msg, "recurrence '%s': %s", c->rrule, e.msg);
		return TLC_EINPUT;
	}
	for (size_t i = 0; i < c->nexdate + c->nrdate && rc == 0; i++) {
		char b[32];
		bool ex = i < c->nexdate;
		tlc__format_rfc3339(b, ex ? c->exdate[i] : c->rdate[i - c->nexdate]);
		size_t n = ex && c->exdate_is_date && c->exdate_is_date[i] ? 10 : 19; /* local: no 'Z' */
		b[n] = 0;
		rc = ex ? tlc_recur_add_exdates(st->rule, b, n, &e) : tlc_recur_add_rdates(st->rule, b, n, &e);
	}
	if (rc < 0) {
		snprintf(err->msg, sizeof err->msg, "recurrence dates: %s", e.msg);
		return TLC_EINPUT;
	}
	const tlc_zone *z = in->ez ? in->ez : in->dz;
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	o.overlap = (tlc_disamb)in->p->disambiguation;
	if (o.overlap == TLC_DISAMB_REJECT)
		o.overlap = TLC_DISAMB_COMPATIBLE;
	return tlc_recur_iter_new(&st->it, st->rule, z, &o);
}

static int setup_window(inst *in, tlc_timeline *tl, tlc_inst_err *err)
{
	const tlc_program *p = in->p;
	int rc;
	if (p->has_window) {
		tlc_time ws, we;
		if ((rc = resolve_time(in, &p->window_start, &ws, err)) < 0 ||
		    (rc = resolve_time(in, &p->window_end, &we, err)) < 0)
			return rc;
		tl->start = in->now > ws ? in->now : ws;
		tl->end = we;
		in->origin = ws;
	} else {
		tl->start = in->now;
		tl->end = in->now > TLC_TIME_MAX - p->horizon ? TLC_TIME_MAX : in->now + p->horizon;
		in->origin = in->now;
	}
	if (tl->start >= tl->end) {
		snprintf(err->msg, sizeof err->msg, "the instantiation instant is past the window");
		err->kind = TLC_INST_ERR_PAST_WINDOW;
		return TLC_EINPUT;
	}
	return 0;
}

/* reload: auto (docs/semantics.md, "reload policy"). */
#define TLC_RELOAD_MARGIN_MAX 21600 /* ask at most 6 h before the entries run out */

static int setup_policy(inst *in, tlc_timeline *tl, tlc_inst_err *err)
{
	const tlc_program *p = in->p;
	switch (p->reload) {
	case TLC_POLICY_AUTO: {
		if (tl->constant_tail) {
			tl->policy = TLC_POLICY_NEVER;
			return 0;
		}
		int64_t span = tl->end - tl->start, margin = span / 2;
		if (margin > TLC_RELOAD_MARGIN_MAX)
			margin = TLC_RELOAD_MARGIN_MAX;
		tl->policy = TLC_POLICY_AFTER;
		tl->policy_date = tl->end - margin;
		return 0;
	}
	case TLC_POLICY_AFTER:
		tl->policy = TLC_POLICY_AFTER;
		return resolve_time(in, &p->reload_after, &tl->policy_date, err);
	default:
		tl->policy = p->reload;
		return 0;
	}
}

void tlc__inst_release(inst *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->ncds; i++) {
		free(in->cds[i].above);
		free(in->cds[i].ev_start);
		free(in->cds[i].ev_end);
		free(in->cds[i].ev_roll);
		free(in->cds[i].ev_order);
		for (size_t k = 0; in->cds[i].ev_rule && k < in->cds[i].nevents; k++) {
			tlc_recur_iter_free(in->cds[i].ev_it[k]);
			tlc_recur_free(in->cds[i].ev_rule[k]);
		}
		free(in->cds[i].ev_rule);
		free(in->cds[i].ev_it);
		free(in->cds[i].ev_qfrom);
		free(in->cds[i].ev_qocc);
		tlc_recur_iter_free(in->cds[i].it);
		tlc_recur_free(in->cds[i].rule);
	}
	free(in->cds);
	free(in->params);
	for (tlc__slab_chunk *c = in->slab, *nx; c; c = nx) {
		nx = c->next;
		free(c);
	}
	free(in);
}

/* The values, each name once (two values for one name: which one would be used is a guess;
 * refused, as the CLI refuses `--param eta=A --param eta=B`). */
static int copy_params(inst *in, const tlc_instantiate_opts *o, tlc_inst_err *err)
{
	for (size_t i = 0; i < o->nparams; i++) {
		if (!o->params || !o->params[i].name) {
			snprintf(err->msg, sizeof err->msg, "parameter value %zu has no name", i + 1);
			return TLC_EINVAL;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(o->params[k].name, o->params[i].name) == 0) {
				snprintf(err->msg, sizeof err->msg, "parameter '%.64s' is given twice",
					 o->params[i].name);
				return TLC_EINPUT;
			}
	}
	in->nparams = o->nparams;
	if (!o->nparams)
		return 0;
	in->params = calloc(o->nparams, sizeof *in->params);
	if (!in->params)
		return TLC_ENOMEM;
	memcpy(in->params, o->params, o->nparams * sizeof *in->params);
	return 0;
}

int tlc_instantiate(tlc_timeline **out, const tlc_program *p, const tlc_instantiate_opts *o,
		    tlc_inst_err *err_out)
{
	tlc_inst_err scratch;
	tlc_inst_err *err = err_out ? err_out : &scratch;
	memset(err, 0, sizeof *err);
	err->countdown = err->phase = -1;
	if (!out || !p || !o)
		return TLC_EINVAL;
	tlc_timeline *tl = calloc(1, sizeof *tl);
	inst *in = calloc(1, sizeof *in);
	int rc = TLC_ENOMEM;
	if (!tl || !in)
		goto fail;
	in->p = p;
	in->now = o->now;
	in->data_time = o->data_time == TLC_TIME_NONE ? o->now : o->data_time;
	in->ez = o->event_zone;
	in->dz = o->display_zone ? o->display_zone : o->event_zone;
	in->max_candidates = o->max_candidates && o->max_candidates < TLC_MAX_CANDIDATES
				     ? o->max_candidates
				     : TLC_MAX_CANDIDATES;
	if ((rc = copy_params(in, o, err)) < 0)
		goto fail;
	tl->program = p;
	tl->now = o->now;
	tl->data_time = in->data_time;
	tl->now_source = o->now_source;
	tl->inst = in;
	if ((rc = setup_window(in, tl, err)) < 0)
		goto fail;
	in->cds = calloc(p->ncountdowns ? p->ncountdowns : 1, sizeof *in->cds);
	if (!in->cds) {
		rc = TLC_ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < p->ncountdowns && !tl->lists; i++)
		if (p->countdowns[i].events_param &&
		    !(tl->lists = calloc(p->ncountdowns, sizeof *tl->lists))) {
			rc = TLC_ENOMEM;
			goto fail;
		}
	for (size_t i = 0; i < p->ncountdowns; i++) {
		in->ncds++;
		in->cds[i].list = tl->lists ? &tl->lists[i] : NULL;
		if ((rc = setup_countdown(in, &in->cds[i], &p->countdowns[i], err)) < 0) {
			err->countdown = (int)i;
			goto fail;
		}
	}
	if ((rc = run_loop(in, tl, err)) < 0 || (rc = setup_policy(in, tl, err)) < 0 ||
	    (rc = tlc__timeline_finish(tl, in)) < 0)
		goto fail;
	tlc_timeline_index(tl);
	*out = tl;
	return 0;
fail:
	if (tl)
		tl->inst = in;
	else
		tlc__inst_release(in);
	tlc_timeline_free(tl);
	return rc;
}

int tlc_evaluate(tlc_tl_view *views_out, double *relevance_out, const tlc_timeline *tl, tlc_time t)
{
	inst *in = tl->inst;
	if (!in)
		return TLC_EINVAL;
	for (size_t i = 0; i < in->ncds; i++) {
		int err = tlc__eval_view(in, &in->cds[i], t, &views_out[i]);
		if (err < 0)
			return err;
	}
	tlc_time until;
	relevance_at(in, t, relevance_out, &until);
	return 0;
}
