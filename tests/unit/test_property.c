/*
 * Property tests over seeded random programs:
 *  1. every instant shows what a naive evaluation of the semantics says (written here from
 *     docs/semantics.md, independently of instantiate.c): at every entry edge, around every
 *     phase threshold and at random instants;
 *  2. entries are minimal: no two adjacent entries show the same;
 *  3. instantiate at t == slice at t of an earlier instantiation (same data time).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timelinec/civil.h"
#include "timelinec/timeline.h"

#define NPROGRAMS 1000

static uint64_t rng_state;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}
static int64_t rnd_in(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }

static const int64_t thresholds[] = {3 * 86400, 36 * 3600, 86400, 6 * 3600, 5400, 3600,
				     1800, 300, 0, -600, -1800, -7200};
static const char *const zones[] = {"UTC", "Europe/Berlin", "America/New_York",
				    "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"};

typedef struct gen {
	tlc_program *p;
	tlc_zones *zones;
	const tlc_zone *dz;
	tlc_time ws, we;
} gen;

static char *xs(const char *s) { return strdup(s); }

static void gen_view(tlc_program *p, tlc_prog_view *v, int phase_kind)
{
	v->present = true;
	v->runs = calloc(3, sizeof *v->runs);
	v->runs[v->nruns].kind = TLC_RUN_TEXT;
	v->runs[v->nruns++].text = xs("x ");
	int k = (int)rnd_in(0, 5);
	if (k <= 2) {
		/* a baked message with a random set of units; seconds only rarely */
		unsigned units = 0;
		while (!units) {
			units = (unsigned)rnd() & (TLC_UNIT_DAYS | TLC_UNIT_HOURS | TLC_UNIT_TOTAL_HOURS |
						   TLC_UNIT_CALENDAR_DAYS | TLC_UNIT_MINUTES);
			if (phase_kind == 0)
				units &= TLC_UNIT_DAYS | TLC_UNIT_CALENDAR_DAYS | TLC_UNIT_TOTAL_HOURS;
			if (rnd() % 50 == 0)
				units = TLC_UNIT_SECONDS;
		}
		p->messages = realloc(p->messages, (p->nmessages + 1) * sizeof *p->messages);
		tlc_prog_message *m = &p->messages[p->nmessages];
		memset(m, 0, sizeof *m);
		m->key = xs("k");
		m->pattern = xs("{days}");
		m->units = units;
		v->runs[v->nruns].kind = TLC_RUN_MESSAGE;
		v->runs[v->nruns++].message = (uint32_t)p->nmessages++;
	} else if (k <= 4) {
		static const tlc_run_kind live[] = {TLC_RUN_TIMER, TLC_RUN_COUNTDOWN, TLC_RUN_RELATIVE,
						    TLC_RUN_DATE, TLC_RUN_PROGRESS};
		v->runs[v->nruns++].kind = live[rnd() % 5];
	}
}

/* A list of events instead of the target: 1 to 5 items, some overlapping, some without an
 * end, and sometimes an `above: end` phase before the last. */
static void gen_events(gen *g, tlc_prog_countdown *c)
{
	c->mode = TLC_TARGET_MODE_EVENTS;
	c->nevents = (size_t)rnd_in(1, 5);
	c->events = calloc(c->nevents, sizeof *c->events);
	c->fields = calloc(1, sizeof *c->fields);
	c->fields[0].name = xs("name");
	c->nfields = 1;
	for (size_t i = 0; i < c->nevents; i++) {
		tlc_prog_event *e = &c->events[i];
		e->countdown = c;
		e->at = (tlc_prog_time){TLC_PTIME_LITERAL, g->ws + rnd_in(-86400, (g->we - g->ws) + 3600),
					NULL, 0};
		if (i && rnd() % 4 == 0)
			e->at.at = c->events[i - 1].at.at; /* a tie: ordered by end, then as written */
		if (rnd() % 3)
			e->end = (tlc_prog_time){TLC_PTIME_LITERAL, e->at.at + rnd_in(0, 3) * 1800, NULL, 0};
		e->values = calloc(1, sizeof *e->values);
		e->values[0] = xs("x");
	}
	int64_t lowest = 0;
	for (size_t i = 0; i < c->nphases; i++)
		if (c->phases[i].has_above && c->phases[i].above < lowest)
			lowest = c->phases[i].above;
	c->roll_after = -lowest;
	if (c->nphases >= 2 && rnd() % 2) { /* the phase before the last ends at the item's end */
		tlc_prog_phase *ph = &c->phases[c->nphases - 2];
		if (ph->has_above && ph->above <= 0) {
			ph->above_end = true;
			ph->above = 0;
		}
	}
}

static void gen_countdown(gen *g, tlc_prog_countdown *c, int idx)
{
	tlc_program *p = g->p;
	char id[16];
	snprintf(id, sizeof id, "c%d", idx);
	c->id = xs(id);
	c->mode = rnd() % 8 == 0 ? TLC_TARGET_MODE_SINCE : TLC_TARGET_MODE_TO;
	c->target.kind = TLC_PTIME_LITERAL;
	c->target.at = g->ws + rnd_in(-86400, (g->we - g->ws) + 86400);
	if (rnd() % 6 == 0) {
		c->from.kind = TLC_PTIME_LITERAL;
		c->from.at = g->ws - rnd_in(0, 86400);
	}
	if (rnd() % 8 == 0) {
		c->paused_at.kind = TLC_PTIME_LITERAL;
		c->paused_at.at = g->ws + rnd_in(0, g->we - g->ws);
	}
	if (rnd() % 3 == 0) {
		c->has_relevance = true;
		c->relevance_score = (double)rnd_in(1, 100);
		c->relevance_from = -rnd_in(0, 3) * 3600;
		c->relevance_until = rnd_in(0, 2) * 1800;
	}
	size_t n = (size_t)rnd_in(1, 5), t = 0;
	c->phases = calloc(n, sizeof *c->phases);
	for (size_t i = 0; i < n; i++) {
		tlc_prog_phase *ph = &c->phases[c->nphases++];
		size_t left = sizeof thresholds / sizeof thresholds[0] - t;
		bool last = i + 1 == n;
		if (!(last && rnd() % 2) && left > 0) {
			t += (size_t)rnd_in(0, (int64_t)(left > 3 ? 3 : left - 1));
			ph->has_above = true;
			ph->above = thresholds[t++];
		}
		gen_view(p, &ph->views[TLC_FAM_DEFAULT], ph->has_above && ph->above >= 86400 ? 0 : 1);
		if (rnd() % 4 == 0)
			gen_view(p, &ph->views[TLC_FAM_INLINE], 0);
		if (!ph->has_above || t >= sizeof thresholds / sizeof thresholds[0])
			break;
	}
	if (rnd() % 4 == 0)
		gen_events(g, c);
}

static void gen_program(gen *g)
{
	tlc_program *p = calloc(1, sizeof *p);
	g->p = p;
	p->version = 1;
	p->widget = xs("W");
	p->zone = xs("UTC");
	g->ws = 1790000000 + rnd_in(0, 86400 * 365);
	g->we = g->ws + rnd_in(3600, 10 * 86400);
	p->has_window = true;
	p->window_start = (tlc_prog_time){TLC_PTIME_LITERAL, g->ws, NULL, 0};
	p->window_end = (tlc_prog_time){TLC_PTIME_LITERAL, g->we, NULL, 0};
	p->reload = TLC_POLICY_AUTO;
	size_t n = (size_t)rnd_in(1, 2);
	p->countdowns = calloc(n, sizeof *p->countdowns);
	for (size_t i = 0; i < n; i++)
		gen_countdown(g, &p->countdowns[p->ncountdowns++], (int)i);
	cr_assert_eq(tlc_zones_get(g->zones, zones[rnd() % 6], &g->dz), 0);
}

/* ---- the naive evaluation, straight from docs/semantics.md ------------------------------- */

typedef struct naive_view {
	int phase;
	int item;
	tlc_time target;
	int64_t args[TLC_FAM_MAX][3][TLC_UNIT_COUNT];
	tlc_time from[TLC_FAM_MAX][3];
} naive_view;

static int64_t local_day(const tlc_zone *z, tlc_time t)
{
	return tlc_floordiv(t + tlc_zone_offset(z, t), 86400);
}

static int64_t unit_value(const gen *g, int u, tlc_time T, tlc_time te)
{
	int64_t r = T - te;
	if (u == 6) {
		int64_t d = local_day(g->dz, T) - local_day(g->dz, te);
		return d < 0 ? -d : d;
	}
	static const int64_t len[] = {86400, 3600, 60, 1, 3600, 60};
	static const int64_t wrap[] = {0, 24, 60, 60, 0, 0};
	/* before the target: whole units left, ceil(r / len) - 1; after: whole units elapsed */
	int64_t v = r > 0 ? (r + len[u] - 1) / len[u] - 1 : (-r) / len[u];
	if (u == 1 || u == 2 || u == 3) {
		/* a component after the larger units: the same count taken modulo */
		int64_t q = r > 0 ? r - 1 : -r;
		v = q / len[u] % wrap[u];
	}
	return v;
}

/* The item an events countdown shows at t: the first by start, then end, then as written,
 * whose roll max(start + roll-after, end) is after t; -1 for none. The target otherwise. */
static int naive_item(const tlc_prog_countdown *c, tlc_time t)
{
	int best = -1;
	for (size_t i = 0; i < c->nevents; i++) {
		const tlc_prog_event *e = &c->events[i];
		tlc_time end = e->end.kind ? e->end.at : e->at.at;
		tlc_time roll = e->at.at + c->roll_after > end ? e->at.at + c->roll_after : end;
		if (roll <= t)
			continue;
		if (best < 0)
			best = (int)i;
		else {
			const tlc_prog_event *b = &c->events[best];
			tlc_time bend = b->end.kind ? b->end.at : b->at.at;
			if (e->at.at < b->at.at || (e->at.at == b->at.at && end < bend))
				best = (int)i;
		}
	}
	return best;
}

static tlc_time naive_target(const tlc_prog_countdown *c, tlc_time t, int *item)
{
	*item = -1;
	if (c->mode != TLC_TARGET_MODE_EVENTS)
		return c->target.at;
	*item = naive_item(c, t);
	return *item < 0 ? TLC_TIME_NONE : c->events[*item].at.at;
}

static int64_t naive_above(const tlc_prog_countdown *c, size_t i, int item)
{
	if (!c->phases[i].above_end)
		return c->phases[i].above;
	const tlc_prog_event *e = &c->events[item];
	return e->end.kind ? e->at.at - e->end.at : 0;
}

static void naive(const gen *g, const tlc_prog_countdown *c, tlc_time t, naive_view *nv)
{
	memset(nv, 0, sizeof *nv);
	int item;
	tlc_time T = naive_target(c, t, &item);
	nv->phase = -1;
	nv->item = item;
	if (T == TLC_TIME_NONE)
		return;
	tlc_time te = (c->paused_at.kind && t >= c->paused_at.at) ? c->paused_at.at : t;
	int64_t r = T - te;
	for (size_t i = 0; i < c->nphases; i++)
		if (!c->phases[i].has_above || r > naive_above(c, i, item)) {
			nv->phase = (int)i;
			break;
		}
	if (nv->phase < 0)
		return;
	const tlc_prog_phase *ph = &c->phases[nv->phase];
	tlc_time start = nv->phase > 0 && c->phases[nv->phase - 1].has_above
				 ? T - naive_above(c, (size_t)nv->phase - 1, item) : g->ws;
	nv->target = T;
	for (int f = 0; f < TLC_FAM_MAX; f++)
		for (size_t i = 0; i < ph->views[f].nruns; i++) {
			const tlc_prog_run *pr = &ph->views[f].runs[i];
			nv->from[f][i] = c->from.kind ? c->from.at : start;
			if (pr->kind != TLC_RUN_MESSAGE)
				continue;
			unsigned units = g->p->messages[pr->message].units;
			for (int u = 0; u < TLC_UNIT_COUNT; u++)
				if (units & (1u << u))
					nv->args[f][i][u] = unit_value(g, u, T, te);
		}
}

static double naive_relevance(const gen *g, tlc_time t)
{
	double best = 0;
	for (size_t i = 0; i < g->p->ncountdowns; i++) {
		const tlc_prog_countdown *c = &g->p->countdowns[i];
		int item;
		tlc_time T = naive_target(c, t, &item);
		if (c->has_relevance && T != TLC_TIME_NONE && t >= T + c->relevance_from &&
		    t < T + c->relevance_until && c->relevance_score > best)
			best = c->relevance_score;
	}
	return best;
}

static void check_instant(const gen *g, const tlc_timeline *tl, tlc_time t, int seed)
{
	if (t < tl->start || t >= tl->end)
		return;
	ptrdiff_t k = tlc_timeline_lookup(tl, t);
	cr_assert_geq(k, 0);
	const tlc_entry *e = &tl->entries[k];
	cr_assert_eq(e->relevance, naive_relevance(g, t), "seed %d t %lld: relevance", seed, (long long)t);
	for (size_t ci = 0; ci < g->p->ncountdowns; ci++) {
		const tlc_prog_countdown *c = &g->p->countdowns[ci];
		const tlc_tl_view *v = &e->views[ci];
		naive_view nv;
		naive(g, c, t, &nv);
		cr_assert_eq(v->phase, nv.phase, "seed %d t %lld (entry %td at %lld): phase %d, naive %d",
			     seed, (long long)t, k, (long long)e->date, v->phase, nv.phase);
		cr_assert_eq(v->item, nv.item, "seed %d t %lld: item %d, naive %d", seed, (long long)t,
			     v->item, nv.item);
		if (nv.phase < 0)
			continue;
		const tlc_prog_phase *ph = &c->phases[nv.phase];
		for (int f = 0; f < TLC_FAM_MAX; f++) {
			cr_assert_eq(v->nruns[f], ph->views[f].nruns, "seed %d: runs", seed);
			for (size_t i = 0; i < v->nruns[f]; i++) {
				const tlc_tl_run *r = &v->runs[f][i];
				cr_assert_eq(r->kind, ph->views[f].runs[i].kind);
				if (r->kind == TLC_RUN_MESSAGE)
					for (int u = 0; u < TLC_UNIT_COUNT; u++)
						cr_assert_eq(r->args[u], nv.args[f][i][u],
							     "seed %d t %lld: unit %d = %lld, naive %lld",
							     seed, (long long)t, u, (long long)r->args[u],
							     (long long)nv.args[f][i][u]);
				else if (tlc_run_is_live(r->kind)) {
					cr_assert_eq(r->target, nv.target);
					if (r->kind == TLC_RUN_COUNTDOWN || r->kind == TLC_RUN_PROGRESS)
						cr_assert_eq(r->from, nv.from[f][i], "seed %d: from", seed);
				}
			}
		}
	}
}

static void check_entries_equal(const tlc_timeline *a, const tlc_timeline *b, int seed)
{
	cr_assert_eq(a->nentries, b->nentries, "seed %d: slice has %zu entries, instantiate %zu",
		     seed, a->nentries, b->nentries);
	for (size_t i = 0; i < a->nentries; i++) {
		cr_assert_eq(a->entries[i].date, b->entries[i].date, "seed %d entry %zu date", seed, i);
		cr_assert_eq(a->entries[i].relevance, b->entries[i].relevance);
		cr_assert_eq(a->entries[i].relevance_duration, b->entries[i].relevance_duration);
		for (size_t c = 0; c < a->program->ncountdowns; c++)
			cr_assert(tlc_view_equal(&a->entries[i].views[c], &b->entries[i].views[c]),
				  "seed %d entry %zu view %zu", seed, i, c);
	}
}

/* Returns false when the program changes too often for a timeline (TLC_ERANGE, by design). */
static bool run_one(int seed, tlc_zones *zs)
{
	gen g = {0};
	g.zones = zs;
	rng_state = 0x9E3779B97F4A7C15ull ^ (uint64_t)seed * 0x2545F4914F6CDD1Dull;
	gen_program(&g);
	tlc_instantiate_opts o = {.now = g.ws, .data_time = TLC_TIME_NONE, .now_source = TLC_NOW_OPTION,
				  .display_zone = g.dz};
	tlc_timeline *tl = NULL;
	tlc_inst_err ie;
	int rc = tlc_instantiate(&tl, g.p, &o, &ie);
	if (rc == TLC_ERANGE) {
		tlc_program_free(g.p);
		return false;
	}
	cr_assert_eq(rc, 0, "seed %d: %s", seed, ie.msg);
	/* minimal: adjacent entries differ */
	for (size_t i = 1; i < tl->nentries; i++) {
		bool same = tl->entries[i].relevance == tl->entries[i - 1].relevance;
		for (size_t c = 0; same && c < g.p->ncountdowns; c++)
			same = tlc_view_equal(&tl->entries[i].views[c], &tl->entries[i - 1].views[c]);
		cr_assert(!same || (tl->entries[i].relevance > 0 &&
				    tl->entries[i].date + tl->entries[i].relevance_duration !=
					    tl->entries[i - 1].date + tl->entries[i - 1].relevance_duration),
			  "seed %d: entries %zu and %zu show the same", seed, i - 1, i);
	}
	/* the display at every entry edge, around thresholds, and at random instants */
	for (size_t i = 0; i < tl->nentries; i++) {
		check_instant(&g, tl, tl->entries[i].date, seed);
		check_instant(&g, tl, tl->entries[i].date - 1, seed);
	}
	for (size_t c = 0; c < g.p->ncountdowns; c++) {
		const tlc_prog_countdown *cd = &g.p->countdowns[c];
		for (size_t i = 0; i < cd->nphases; i++) {
			tlc_time x = cd->target.at - cd->phases[i].above;
			for (int d = -2; d <= 2; d++)
				check_instant(&g, tl, x + d, seed);
		}
		for (size_t i = 0; i < cd->nevents; i++) /* each item's start, end and roll */
			for (int d = -2; d <= 2; d++) {
				check_instant(&g, tl, cd->events[i].at.at + d, seed);
				check_instant(&g, tl, cd->events[i].at.at + cd->roll_after + d, seed);
				if (cd->events[i].end.kind)
					check_instant(&g, tl, cd->events[i].end.at + d, seed);
			}
	}
	for (int i = 0; i < 100; i++)
		check_instant(&g, tl, rnd_in(g.ws, g.we - 1), seed);
	/* instantiate at t == slice at t */
	tlc_time t = rnd_in(g.ws, g.we - 1);
	tlc_timeline *sl = NULL, *it = NULL;
	cr_assert_eq(tlc_timeline_slice(&sl, tl, t), 0);
	tlc_instantiate_opts o2 = {.now = t, .data_time = g.ws, .now_source = TLC_NOW_OPTION,
				   .display_zone = g.dz};
	cr_assert_eq(tlc_instantiate(&it, g.p, &o2, &ie), 0, "seed %d: %s", seed, ie.msg);
	check_entries_equal(sl, it, seed);
	tlc_timeline_free(sl);
	tlc_timeline_free(it);
	tlc_timeline_free(tl);
	tlc_program_free(g.p);
	return true;
}

Test(property, instantiated_timelines_match_the_naive_semantics, .timeout = 600)
{
	tlc_zones *zs = NULL;
	cr_assert_eq(tlc_zones_new_tzif(&zs, NULL), 0);
	int ran = 0;
	for (int seed = 1; seed <= NPROGRAMS; seed++)
		ran += run_one(seed, zs);
	tlc_zones_free(zs);
	cr_assert_geq(ran, NPROGRAMS * 9 / 10, "only %d of %d programs fit a timeline", ran, NPROGRAMS);
}
