/*
 * The occurrence iterator: local readings from the generator (recur_expand.c) turned into
 * instants in the event zone, with COUNT, UNTIL in UTC, EXDATE and RDATE; see recur.h.
 *
 * Order of decisions for one reading, per RFC 5545 3.3.10 and 3.8.5: a reading in a gap is
 * dropped and not counted (GAP_SKIP) or moved forward and counted (GAP_SHIFT); a reading in an
 * overlap takes the earlier or later instant (or is dropped with REJECT); then COUNT counts it;
 * then EXDATE may remove it (it still counted).
 *
 * Shifting breaks the ascending order: a reading shifted out of a gap [g, g + G) lands among the
 * readings of [g + G, g + 2G). The iterator then forks the generator (a plain struct copy): a
 * shadow stream yields the gap's readings, the main stream skips them (still counting) and yields
 * the rest, and the two are merged by instant, equal instants once.
 *
 * Zone lookups are cached: after a unique conversion, the whole span of local readings that
 * share its offset without ambiguity converts by subtraction, so a daily rule asks the zone
 * about twice a year. Readings half a year apart or more (a yearly rule) seldom share a span:
 * they are converted one by one without filling the cache.
 */
#include "recur_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "timelinec/civil.h"

#define DAY 86400
#define EV_NONE (-1)

typedef struct zcache {
	tlc_time lo, hi; /* local readings in [lo, hi) convert as local - off, uniquely */
	int32_t off;
	tlc_time last_miss; /* the last reading converted by the zone, or TLC_TIME_NONE */
} zcache;

/* Readings further apart than this rarely share a span of constant offset (DST changes come
 * twice a year): a miss that follows the previous one by more does not fill the cache. */
#define ZC_REACH (183 * DAY)

/* One stream of rule occurrences over a generator. */
typedef struct rstream {
	tlc_recur_gen g;
	uint32_t counted;      /* readings counted for COUNT */
	tlc_time quiet_below;  /* readings below this local time are counted but not yielded */
	tlc_time stop_at;      /* readings at or after this local time end the stream */
	tlc_recur_end end;
} rstream;

/* An occurrence with what the merge and the reporting need. */
typedef struct xocc {
	tlc_recur_occ occ;
	tlc_time gap_end; /* SHIFTED: the local time at which the gap ends */
	int ev;           /* the tlc_recur_event_kind to report, or EV_NONE */
	int32_t secs;     /* gap or overlap length */
} xocc;

struct tlc_recur_iter {
	const tlc_recur *r;
	const tlc_zone *z;
	tlc_recur_opts o;
	tlc_recur_plan pl;
	zcache zc;
	tlc_time min_utc; /* occurrences before this are dropped without a report (seek) */
	tlc_time last;    /* the last occurrence returned, or TLC_TIME_NONE */
	rstream main, shadow;
	bool merging, main_done;
	bool main_has, shadow_has, rule_has, rule_done;
	xocc main_head, shadow_head, rule_head;
	size_t nrd, rd_pos;
	xocc rd[]; /* RDATEs: resolved, ascending, EXDATEs removed */
};

/* ---- zone conversion ---------------------------------------------------------------------- */

/* After a unique conversion local -> utc: the span of readings sharing its offset unambiguously
 * (between the neighbouring transitions, minus any overlap or gap next to them). */
static void zc_fill(tlc_recur_iter *it, tlc_time local, tlc_time utc)
{
	int32_t off = (int32_t)(local - utc), o2;
	tlc_time t, lo = INT64_MIN / 4, hi = INT64_MAX / 4;
	int rc = tlc_zone_prev_transition(it->z, utc, &t);
	it->zc.lo = it->zc.hi = 0; /* empty until both ends are known */
	if (rc == 0) {
		o2 = tlc_zone_offset(it->z, t - 1);
		lo = t + (o2 > off ? o2 : off);
	} else if (rc != TLC_ENOTFOUND) {
		return;
	}
	rc = tlc_zone_next_transition(it->z, utc, &t);
	if (rc == 0) {
		o2 = tlc_zone_offset(it->z, t);
		hi = t + (o2 < off ? o2 : off);
	} else if (rc != TLC_ENOTFOUND) {
		return;
	}
	it->zc.off = off;
	it->zc.lo = lo;
	it->zc.hi = hi;
}

/* Local seconds -> instant (COMPATIBLE: gap = earlier offset, overlap: utc earlier, alt later). */
static int conv(tlc_recur_iter *it, tlc_time local, tlc_local_result *lr)
{
	int error;
	if (!it->z || (local >= it->zc.lo && local < it->zc.hi)) {
		lr->utc = it->z ? local - it->zc.off : local;
		lr->alt = lr->utc;
		lr->kind = TLC_LOCAL_UNIQUE;
		lr->gap_or_fold = 0;
		return 0;
	}
	error = tlc_zone_local_to_utc(it->z, local, TLC_DISAMB_COMPATIBLE, lr);
	if (error < 0)
		return error;
	if (lr->kind == TLC_LOCAL_UNIQUE &&
	    (it->zc.last_miss == TLC_TIME_NONE || (local > it->zc.last_miss - ZC_REACH &&
						   local < it->zc.last_miss + ZC_REACH)))
		zc_fill(it, local, lr->utc);
	it->zc.last_miss = local;
	return 0;
}

/*
 * The lowest local reading that can give an instant >= utc: the local time at utc, or lower
 * when a transition within a few days turns the clock back, or when utc is just past a gap
 * (a shifted reading from inside the gap lands after it).
 */
static tlc_time local_floor(const tlc_recur_iter *it, tlc_time utc)
{
	tlc_time low, t = utc;
	if (!it->z)
		return utc;
	low = tlc_zone_to_local(it->z, utc);
	if (tlc_zone_prev_transition(it->z, utc, &t) == 0 && utc - t < 3 * DAY &&
	    t + tlc_zone_offset(it->z, t - 1) < low)
		low = t + tlc_zone_offset(it->z, t - 1);
	t = utc;
	for (int k = 0; k < 4 && tlc_zone_next_transition(it->z, t, &t) == 0 && t - utc < 3 * DAY;
	     k++)
		if (t + tlc_zone_offset(it->z, t) < low)
			low = t + tlc_zone_offset(it->z, t);
	return low;
}

/* ---- EXDATE ------------------------------------------------------------------------------- */

static bool in_dates(const tlc_recur_dates *d, tlc_time v)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->v[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n && d->v[lo] == v;
}

static bool excluded_local(const tlc_recur *r, tlc_time local)
{
	return (r->ex_local.n && in_dates(&r->ex_local, local)) ||
	       (r->ex_day.n && in_dates(&r->ex_day, tlc_floordiv(local, DAY)));
}

static bool excluded(const tlc_recur *r, const tlc_recur_occ *o)
{
	return excluded_local(r, o->local) || (r->ex_utc.n && in_dates(&r->ex_utc, o->utc));
}

static void report(const tlc_recur_iter *it, const xocc *x, bool rdate)
{
	tlc_recur_event ev;
	if (!it->o.on_event || x->ev == EV_NONE)
		return;
	ev.kind = (tlc_recur_event_kind)x->ev;
	ev.local = x->occ.local;
	ev.utc = x->occ.utc;
	ev.seconds = x->secs;
	ev.rdate = rdate;
	it->o.on_event(it->o.ud, &ev);
}

/*
 * Applies the gap and overlap policy to a converted reading. Returns false when the reading is
 * not part of the set (x->ev then says why, for the report).
 */
static bool resolve(const tlc_recur_iter *it, const tlc_local_result *lr, bool shift_gaps,
		    xocc *x)
{
	x->occ.utc = lr->utc;
	x->occ.flags = 0;
	x->ev = EV_NONE;
	x->secs = lr->gap_or_fold;
	if (lr->kind == TLC_LOCAL_GAP) {
		/* lr->utc = local - offset before; the gap ends at transition + offset after */
		x->gap_end = lr->alt + (x->occ.local - lr->utc) + lr->gap_or_fold;
		x->ev = shift_gaps ? TLC_RECUR_EV_GAP_SHIFTED : TLC_RECUR_EV_GAP_SKIPPED;
		x->occ.flags = TLC_RECUR_OCC_SHIFTED;
		return shift_gaps;
	}
	if (lr->kind != TLC_LOCAL_OVERLAP)
		return true;
	x->occ.flags = TLC_RECUR_OCC_OVERLAP;
	if (it->o.overlap == TLC_DISAMB_REJECT) {
		x->ev = TLC_RECUR_EV_OVERLAP_SKIPPED;
		return false;
	}
	if (it->o.overlap == TLC_DISAMB_LATER) {
		x->occ.utc = lr->alt;
		x->ev = TLC_RECUR_EV_OVERLAP_LATER;
	} else {
		x->ev = TLC_RECUR_EV_OVERLAP_EARLIER;
	}
	return true;
}

/* ---- one stream --------------------------------------------------------------------------- */

static int stream_end(rstream *st, tlc_recur_end end)
{
	st->end = end;
	return TLC_ENOTFOUND;
}

/* The next occurrence of stream st; TLC_ENOTFOUND at its end, or a zone error. */
static int stream_next(tlc_recur_iter *it, rstream *st, xocc *x)
{
	const tlc_recur *r = it->r;
	tlc_local_result lr;
	int error;
	while (true) {
		if (st->end != TLC_RECUR_END_NONE)
			return TLC_ENOTFOUND;
		if (r->count && st->counted >= r->count)
			return stream_end(st, TLC_RECUR_END_COUNT);
		if (tlc_recur__gen_next(&st->g, &it->pl, &x->occ.local) < 0)
			return stream_end(st, st->g.end);
		if (x->occ.local >= st->stop_at)
			return stream_end(st, TLC_RECUR_END_UNTIL);
		if ((error = conv(it, x->occ.local, &lr)) < 0)
			return error;
		bool quiet = x->occ.local < st->quiet_below;
		if (!resolve(it, &lr, it->o.gap == TLC_RECUR_GAP_SHIFT, x)) {
			if (!quiet && x->occ.utc >= it->min_utc && !excluded_local(r, x->occ.local))
				report(it, x, false);
			continue;
		}
		if (r->until_kind == TLC_UNTIL_UTC && x->occ.utc > r->until)
			return stream_end(st, TLC_RECUR_END_UNTIL);
		st->counted++;
		if (x->occ.utc > TLC_TIME_MAX)
			return stream_end(st, TLC_RECUR_END_RANGE);
		if (quiet || excluded(r, &x->occ) || x->occ.utc < it->min_utc ||
		    x->occ.utc < TLC_TIME_MIN)
			continue;
		return 0;
	}
}

/* The first reading x of a gap came out of main: fork a shadow for the gap's readings. */
static void start_merge(tlc_recur_iter *it, const xocc *x)
{
	it->shadow = it->main;
	it->shadow.stop_at = x->gap_end;
	it->shadow_head = *x;
	it->shadow_has = true;
	it->main.quiet_below = x->gap_end;
	it->merging = true;
}

static void fetch_main(tlc_recur_iter *it, int *error)
{
	xocc x;
	while (!it->main_has && !it->main_done) {
		int rc = stream_next(it, &it->main, &x);
		if (rc < 0) {
			it->main_done = true;
			if (rc != TLC_ENOTFOUND)
				*error = rc;
			return;
		}
		if ((x.occ.flags & TLC_RECUR_OCC_SHIFTED) && !it->merging) {
			start_merge(it, &x);
			continue;
		}
		it->main_head = x;
		it->main_has = true;
	}
}

static void fetch_shadow(tlc_recur_iter *it, int *error)
{
	int rc;
	if (!it->merging || it->shadow_has)
		return;
	rc = stream_next(it, &it->shadow, &it->shadow_head);
	if (rc == 0) {
		it->shadow_has = true;
		return;
	}
	it->merging = false;
	if (rc != TLC_ENOTFOUND)
		*error = rc;
}

/* The next rule occurrence, merged across a shifted gap. */
static int rule_next(tlc_recur_iter *it, xocc *out)
{
	int error = 0;
	fetch_main(it, &error);
	fetch_shadow(it, &error);
	if (error < 0)
		return error;
	if (it->shadow_has && (!it->main_has || it->shadow_head.occ.utc < it->main_head.occ.utc)) {
		*out = it->shadow_head;
		it->shadow_has = false;
		return 0;
	}
	if (!it->main_has)
		return TLC_ENOTFOUND;
	if (it->shadow_has && it->shadow_head.occ.utc == it->main_head.occ.utc) {
		report(it, &it->shadow_head, false); /* one instant from two readings */
		it->shadow_has = false;
	}
	*out = it->main_head;
	it->main_has = false;
	return 0;
}

/* ---- RDATE -------------------------------------------------------------------------------- */

static int cmp_xocc(const void *a, const void *b)
{
	tlc_time x = ((const xocc *)a)->occ.utc, y = ((const xocc *)b)->occ.utc;
	return (x > y) - (x < y);
}

/* Resolves the RDATEs once: gaps shift (explicit DATE-TIMEs, RFC 5545 3.3.5). */
static int rdates_init(tlc_recur_iter *it)
{
	const tlc_recur *r = it->r;
	tlc_local_result lr;
	size_t n = 0;
	int error;
	for (size_t i = 0; i < r->rd_local.n + r->rd_utc.n; i++) {
		xocc *x = &it->rd[n];
		bool local = i < r->rd_local.n;
		tlc_time v = local ? r->rd_local.v[i] : r->rd_utc.v[i - r->rd_local.n];
		if (local) {
			x->occ.local = v;
			if ((error = conv(it, v, &lr)) < 0)
				return error;
			if (!resolve(it, &lr, true, x))
				continue;
		} else {
			x->occ.utc = v;
			x->occ.local = it->z ? tlc_zone_to_local(it->z, v) : v;
			x->occ.flags = 0;
			x->ev = EV_NONE;
		}
		x->occ.flags |= TLC_RECUR_OCC_RDATE;
		if (!excluded(r, &x->occ) && x->occ.utc >= TLC_TIME_MIN && x->occ.utc <= TLC_TIME_MAX)
			n++;
	}
	qsort(it->rd, n, sizeof it->rd[0], cmp_xocc);
	it->nrd = 0;
	for (size_t i = 0; i < n; i++)
		if (it->nrd == 0 || it->rd[i].occ.utc != it->rd[it->nrd - 1].occ.utc)
			it->rd[it->nrd++] = it->rd[i];
	return 0;
}

/* ---- public ------------------------------------------------------------------------------- */

static void stream_reset(tlc_recur_iter *it, rstream *st, tlc_time local)
{
	st->counted = 0;
	st->quiet_below = TLC_TIME_NONE;
	st->stop_at = INT64_MAX;
	st->end = TLC_RECUR_END_NONE;
	tlc_recur__gen_seek(&st->g, &it->pl, local);
}

int tlc_recur_iter_seek(tlc_recur_iter *it, tlc_time from)
{
	size_t lo = 0, hi;
	if (!it)
		return TLC_EINVAL;
	if (from < TLC_TIME_MIN)
		from = TLC_TIME_MIN;
	it->min_utc = from;
	it->last = TLC_TIME_NONE;
	it->merging = it->main_done = it->main_has = it->shadow_has = false;
	it->rule_has = it->rule_done = false;
	/* offsets stay under 26 hours: an instant two days before DTSTART reads before it */
	stream_reset(it, &it->main,
		     it->r->count || from < it->pl.dtstart - 2 * DAY ? it->pl.dtstart
								      : local_floor(it, from));
	for (hi = it->nrd; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		if (it->rd[mid].occ.utc < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	it->rd_pos = lo;
	return 0;
}

int tlc_recur_iter_new(tlc_recur_iter **out, const tlc_recur *r, const tlc_zone *z,
		       const tlc_recur_opts *opts)
{
	static const tlc_recur_opts defaults = TLC_RECUR_OPTS_INIT;
	tlc_recur_iter *it = NULL;
	size_t nrd;
	int error;
	if (!out || !r)
		return TLC_EINVAL;
	if (opts && ((unsigned)opts->gap >= TLC_RECUR_GAP_MAX ||
		     (unsigned)opts->overlap >= TLC_DISAMB_MAX))
		return TLC_EINVAL;
	nrd = r->rd_local.n + r->rd_utc.n;
	/* not calloc: zeroing the generators' scratch arrays was most of an iterator's cost (the
	 * replay makes one per rule at every reload it models) */
	it = malloc(sizeof *it + nrd * sizeof it->rd[0]);
	if (!it)
		return TLC_ENOMEM;
	memset(it, 0, offsetof(tlc_recur_iter, main));
	memset(&it->main.counted, 0, sizeof it->main - offsetof(rstream, counted));
	tlc_recur__gen_init(&it->main.g); /* shadow: a copy of main when a gap forks it */
	memset(&it->merging, 0, sizeof *it - offsetof(tlc_recur_iter, merging));
	memset(it->rd, 0, nrd * sizeof it->rd[0]);
	it->r = r;
	it->z = z;
	it->o = opts ? *opts : defaults;
	it->zc.lo = it->zc.hi = 0;
	it->zc.last_miss = TLC_TIME_NONE;
	if ((error = tlc_recur__plan_init(&it->pl, r)) < 0)
		goto out;
	if ((error = rdates_init(it)) < 0)
		goto out;
	tlc_recur_iter_seek(it, TLC_TIME_MIN);
	*out = it;
	it = NULL;
out:
	free(it);
	return error;
}

void tlc_recur_iter_free(tlc_recur_iter *it) { free(it); }

int tlc_recur_iter_next(tlc_recur_occ *out, tlc_recur_iter *it)
{
	int error;
	if (!out || !it)
		return TLC_EINVAL;
	while (true) {
		const xocc *rd = it->rd_pos < it->nrd ? &it->rd[it->rd_pos] : NULL;
		const xocc *pick;
		if (!it->rule_has && !it->rule_done) {
			error = rule_next(it, &it->rule_head);
			if (error < 0 && error != TLC_ENOTFOUND)
				return error;
			it->rule_has = error == 0;
			it->rule_done = error != 0;
		}
		if (!it->rule_has && !rd)
			return TLC_ENOTFOUND;
		if (it->rule_has && (!rd || it->rule_head.occ.utc <= rd->occ.utc)) {
			if (rd && rd->occ.utc == it->rule_head.occ.utc)
				it->rd_pos++;
			it->rule_has = false;
			pick = &it->rule_head;
		} else {
			it->rd_pos++;
			pick = rd;
		}
		if (it->last != TLC_TIME_NONE && pick->occ.utc <= it->last)
			continue; /* never out of order, never twice */
		it->last = pick->occ.utc;
		report(it, pick, pick == rd);
		*out = pick->occ;
		return 0;
	}
}

tlc_recur_end tlc_recur_iter_end(const tlc_recur_iter *it)
{
	return it && it->rule_done ? it->main.end : TLC_RECUR_END_NONE;
}

const char *tlc_recur_end_str(tlc_recur_end end)
{
	switch (end) {
	case TLC_RECUR_END_NONE: return "the rule has not ended";
	case TLC_RECUR_END_COUNT: return "the rule reached its COUNT";
	case TLC_RECUR_END_UNTIL: return "the rule passed its UNTIL";
	case TLC_RECUR_END_RANGE: return "the rule passed the year 9999";
	case TLC_RECUR_END_NEVER: return "the rule has no further occurrence";
	case TLC_RECUR_END_LIMIT: return "no occurrence within the search limit";
	default: return "unknown end";
	}
}

int tlc_recur_next_after(tlc_time *out, tlc_recur_end *end_out, const tlc_recur *r,
			 const tlc_zone *z, const tlc_recur_opts *opts, tlc_time after)
{
	tlc_recur_iter *it = NULL;
	tlc_recur_occ o;
	int error;
	if (!out)
		return TLC_EINVAL;
	if ((error = tlc_recur_iter_new(&it, r, z, opts)) < 0)
		return error;
	tlc_recur_iter_seek(it, after < TLC_TIME_MAX ? after + 1 : TLC_TIME_MAX);
	error = tlc_recur_iter_next(&o, it);
	if (error == 0)
		*out = o.utc;
	else if (error == TLC_ENOTFOUND && end_out)
		*end_out = tlc_recur_iter_end(it);
	tlc_recur_iter_free(it);
	return error;
}

int tlc_recur_between(tlc_time *out, size_t cap, size_t *n_out, const tlc_recur *r,
		      const tlc_zone *z, const tlc_recur_opts *opts, tlc_time from, tlc_time to)
{
	tlc_recur_iter *it = NULL;
	tlc_recur_occ o;
	size_t n = 0;
	int error;
	if ((!out && cap > 0) || !n_out)
		return TLC_EINVAL;
	if ((error = tlc_recur_iter_new(&it, r, z, opts)) < 0)
		return error;
	tlc_recur_iter_seek(it, from);
	while ((error = tlc_recur_iter_next(&o, it)) == 0 && o.utc < to) {
		if (n == cap) {
			error = TLC_ERANGE;
			goto out;
		}
		out[n++] = o.utc;
	}
	if (error == TLC_ENOTFOUND || error == 0) {
		error = 0;
		*n_out = n;
	}
out:
	tlc_recur_iter_free(it);
	return error;
}
