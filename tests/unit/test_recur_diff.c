/*
 * A differential test of the recurrence expansion: 1000 generated rules (every FREQ, BYxxx
 * combinations, COUNT / UNTIL in all three forms, INTERVAL, BYSETPOS, WKST, six zones, the gap
 * and overlap options) are expanded and each expansion (the first 200 occurrences from DTSTART,
 * then 10 after each of three seeks, with the local reading, the instant, the flags and the end
 * reason) is hashed. tests/fixtures/recur/expand-vectors.txt holds the hashes the expansion gave
 * before the per-period rework of issue 21 (commit "test_recur_diff: vectors of the expansion
 * before ..."), so any change of result shows up here, with the rule that changed.
 *
 *   make recur-vectors-update   rewrites the file from the current expansion (only when a change
 *                               of result is intended; say why in the commit)
 *
 * Runs with cwd = tests/ and the system's TZif zones.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timelinec/civil.h"
#include "timelinec/recur.h"
#include "timelinec/zone.h"

#define NRULES 1000
#define VECTORS "fixtures/recur/expand-vectors.txt"

static tlc_zones *zones;

static void setup(void)
{
	cr_assert_eq(tlc_zones_new_tzif(&zones, NULL), 0, "system zoneinfo must be present");
}

static void teardown(void) { tlc_zones_free(zones); }

TestSuite(recur_diff, .init = setup, .fini = teardown);

/* ---- a deterministic rule generator -------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void) /* splitmix64 */
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static int pick(int n) { return (int)(rnd() % (uint64_t)n); }
static int chance(int percent) { return pick(100) < percent; }

static const char *const freqs[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
				    "WEEKLY",   "MONTHLY",  "YEARLY"};
static const char *const wdays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
static const char *const zone_names[] = {"Europe/Berlin",    "America/New_York", "Australia/Lord_Howe",
					 "Pacific/Apia",     "UTC",              "America/Sao_Paulo"};

/* n distinct values of lo..hi (each negated with probability neg%), comma-separated */
static void add_list(char *s, size_t cap, const char *name, int n, int lo, int hi, int neg)
{
	int used[800] = {0};
	size_t len = strlen(s);
	len += (size_t)snprintf(s + len, cap - len, ";%s=", name);
	for (int i = 0; i < n; i++) {
		int v = lo + pick(hi - lo + 1);
		if (neg && chance(neg))
			v = -v;
		if (used[v + 400]++)
			continue;
		len += (size_t)snprintf(s + len, cap - len, "%s%d", i && s[len - 1] != '=' ? "," : "", v);
	}
}

static void add_byday(char *s, size_t cap, int freq, bool weekno)
{
	bool ord = (freq == 5 || freq == 6) && !weekno && chance(50);
	int n = 1 + pick(3), used = 0;
	size_t len = strlen(s);
	len += (size_t)snprintf(s + len, cap - len, ";BYDAY=");
	for (int i = 0; i < n; i++) {
		int wd = pick(7);
		if (used & (1 << wd))
			continue;
		used |= 1 << wd;
		if (ord && chance(70)) {
			int k = freq == 6 && chance(20) ? 1 + pick(53) : 1 + pick(5);
			len += (size_t)snprintf(s + len, cap - len, "%s%d%s", used != (1 << wd) ? "," : "",
						chance(35) ? -k : k, wdays[wd]);
		} else {
			len += (size_t)snprintf(s + len, cap - len, "%s%s", used != (1 << wd) ? "," : "",
						wdays[wd]);
		}
	}
}

typedef struct gcase {
	char rule[512];
	char dtstart[32];
	const char *zone;
	tlc_recur_opts opts;
	char opts_name[16];
} gcase;

static void gen_rule(gcase *c)
{
	static const int fw[] = {3, 3, 4, 15, 15, 30, 30}; /* weights of the FREQs */
	int f = 0, x = pick(100);
	while (x >= fw[f])
		x -= fw[f++];
	char *s = c->rule;
	size_t cap = sizeof c->rule;
	bool weekno = f == 6 && chance(20);
	snprintf(s, cap, "FREQ=%s", freqs[f]);
	if (chance(30))
		snprintf(s + strlen(s), cap - strlen(s), ";INTERVAL=%d",
			 chance(80) ? 2 + pick(4) : 6 + pick(20));
	/* DTSTART: half of them in the last days of March or October (DST changes), a few next to
	 * the ends of the local range */
	int y = chance(4) ? 9985 + pick(15) : chance(4) ? 1970 + pick(3) : 1995 + pick(45);
	int mo = chance(50) ? (chance(50) ? 3 : 10) : 1 + pick(12);
	int d = mo == 3 || mo == 10 ? 24 + pick(8) : 1 + pick(28);
	int h = chance(30) ? 2 : pick(24), mi = chance(50) ? 0 : pick(60);
	snprintf(c->dtstart, sizeof c->dtstart, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi,
		 chance(90) ? 0 : pick(60));
	if (chance(25)) {
		snprintf(s + strlen(s), cap - strlen(s), ";COUNT=%d", 1 + pick(80));
	} else if (chance(35)) {
		/* UNTIL within 40 years of DTSTART, in the three forms (UTC, local, a date) */
		int uy = y + pick(40), um = 1 + pick(12), ud = 1 + pick(28), form = pick(3);
		if (uy > 9999)
			uy = 9999;
		snprintf(s + strlen(s), cap - strlen(s), ";UNTIL=%04d%02d%02d%s", uy, um, ud,
			 form == 0 ? "T120000Z" : form == 1 ? "T093000" : "");
	}
	if (chance(f >= 3 ? 45 : 15))
		add_list(s, cap, "BYHOUR", 1 + pick(2), 0, 23, 0);
	if (chance(f >= 2 ? 30 : 10))
		add_list(s, cap, "BYMINUTE", 1 + pick(2), 0, 59, 0);
	if (chance(f >= 1 ? 10 : 5))
		add_list(s, cap, "BYSECOND", 1 + pick(2), 0, 59, 0);
	if (chance(f == 5 || f == 6 ? 55 : 25))
		add_byday(s, cap, f, weekno);
	if (f != 4 && chance(f == 5 || f == 6 ? 40 : 15))
		add_list(s, cap, "BYMONTHDAY", 1 + pick(3), 1, 31, 30);
	if ((f == 6 || f < 3) && chance(f == 6 ? 20 : 5))
		add_list(s, cap, "BYYEARDAY", 1 + pick(3), 1, 366, 30);
	if (weekno)
		add_list(s, cap, "BYWEEKNO", 1 + pick(2), 1, 53, 25);
	if (chance(f == 6 ? 45 : 15))
		add_list(s, cap, "BYMONTH", 1 + pick(3), 1, 12, 0);
	if (chance(20))
		add_list(s, cap, "BYSETPOS", 1 + pick(2), 1, chance(80) ? 5 : 40, 40);
	if (chance(20))
		snprintf(s + strlen(s), cap - strlen(s), ";WKST=%s", wdays[pick(7)]);
	c->zone = zone_names[pick(6)];
	c->opts = (tlc_recur_opts)TLC_RECUR_OPTS_INIT;
	x = pick(10);
	c->opts.gap = x < 3 ? TLC_RECUR_GAP_SHIFT : TLC_RECUR_GAP_SKIP;
	c->opts.overlap = x == 3 ? TLC_DISAMB_LATER : x == 4 ? TLC_DISAMB_REJECT : TLC_DISAMB_COMPATIBLE;
	snprintf(c->opts_name, sizeof c->opts_name, "%s/%s", x < 3 ? "shift" : "skip",
		 x == 3 ? "later" : x == 4 ? "reject" : "earlier");
}

/* ---- expansion, hashed --------------------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v) /* FNV-1a over the 8 bytes of v */
{
	for (int i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001B3u;
	}
	return h;
}

/* Takes up to n occurrences from it into the hash; returns how many came. */
static int drain(uint64_t *h, tlc_recur_iter *it, int n)
{
	tlc_recur_occ o;
	int k = 0, rc = 0;
	while (k < n && (rc = tlc_recur_iter_next(&o, it)) == 0) {
		*h = mix(mix(mix(*h, (uint64_t)o.local), (uint64_t)o.utc), o.flags);
		k++;
	}
	*h = mix(*h, (uint64_t)(k < n ? 1000 + tlc_recur_iter_end(it) : 0));
	cr_assert(rc == 0 || rc == TLC_ENOTFOUND, "iterator error %d", rc);
	return k;
}

/* The hash of c's expansion, its number of occurrences from DTSTART and the first one; false when
 * the rule does not parse (the generator's draws are not all valid RFC 5545). */
static bool expand(const gcase *c, uint64_t *hash, int *n, tlc_time *first)
{
	tlc_recur *r = NULL;
	tlc_recur_iter *it = NULL;
	const tlc_zone *z = NULL;
	tlc_recur_occ o;
	tlc_err err;
	uint64_t h = 0xcbf29ce484222325u;
	if (tlc_recur_parse_rrule(&r, c->rule, strlen(c->rule), &err) < 0)
		return false;
	cr_assert_eq(tlc_recur_set_dtstart(r, c->dtstart, strlen(c->dtstart), &err), 0, "%s",
		     c->dtstart);
	cr_assert_eq(tlc_zones_get(zones, c->zone, &z), 0);
	cr_assert_eq(tlc_recur_iter_new(&it, r, z, &c->opts), 0);
	*first = tlc_recur_iter_next(&o, it) == 0 ? o.local : -1;
	tlc_recur_iter_seek(it, TLC_TIME_MIN);
	*n = drain(&h, it, 200);
	for (int k = 0; k < 3; k++) {
		/* seek somewhere in the 60 years after DTSTART (a fixed function of the rule) */
		tlc_time at = (tlc_time)(mix(h, (uint64_t)k) % (60ull * 365 * 86400)) +
			      (*first >= 0 ? *first : 946684800) - 86400 * 30;
		tlc_recur_iter_seek(it, at);
		h = mix(h, (uint64_t)at);
		drain(&h, it, 10);
	}
	tlc_recur_iter_free(it);
	tlc_recur_free(r);
	*hash = h;
	return true;
}

/* The line of case i: rule, dtstart, zone, options, count, first local reading, hash. */
static bool case_line(char *line, size_t cap, int i)
{
	gcase c;
	uint64_t h;
	int n;
	tlc_time first;
	do
		gen_rule(&c);
	while (!expand(&c, &h, &n, &first));
	snprintf(line, cap, "%d\t%s\t%s\t%s\t%s\t%d\t%lld\t%016llx", i, c.rule, c.dtstart, c.zone,
		 c.opts_name, n, (long long)first, (unsigned long long)h);
	return true;
}

Test(recur_diff, expansion_unchanged)
{
	const char *out_path = getenv("TLC_RECUR_VECTORS_WRITE");
	FILE *f = fopen(out_path ? out_path : VECTORS, out_path ? "w" : "r");
	char want[1024], got[1024];
	int bad = 0, i;
	cr_assert_not_null(f, "cannot open %s (tests run with cwd = tests/)", out_path ? out_path : VECTORS);
	rng_state = 21;
	if (out_path)
		fprintf(f, "# index, rule, dtstart, zone, gap/overlap option, occurrences from DTSTART "
			   "(of at most 200), first local reading, hash\n");
	for (i = 0; i < NRULES; i++) {
		case_line(got, sizeof got, i);
		if (out_path) {
			fprintf(f, "%s\n", got);
			continue;
		}
		do
			cr_assert_not_null(fgets(want, sizeof want, f), "%s ends at case %d", VECTORS, i);
		while (want[0] == '#');
		want[strcspn(want, "\n")] = 0;
		if (strcmp(want, got) != 0 && bad++ < 20)
			cr_expect_fail("case %d differs:\n  want %s\n  got  %s", i, want, got);
	}
	fclose(f);
	cr_expect_eq(bad, 0, "%d of %d generated rules expand differently", bad, NRULES);
}
