/*
 * recur_occ.c — `make bench-recur`: what one recurrence occurrence costs, per FREQ (issue 21).
 *
 *   recur_occ [--runs N]         the table: ns per occurrence of each rule in Europe/Berlin over
 *                                2026-2035 (one iterator per rule; each pass seeks it to the start,
 *                                which loads the first period, and expands the span), beside its
 *                                floor (tlc_zone_local_to_utc() alone on the same readings) and the
 *                                DAILY rule, all measured in this run; "new" is the ns of one
 *                                tlc_recur_iter_new() + _free(), which the passes leave out; and
 *                                libical over the same rules (its iterator created in each pass,
 *                                each occurrence converted to UTC) when built with TLC_HAVE_LIBICAL
 *   recur_occ --only I --n N     expands rule I again and again until N occurrences, nothing else
 *                                (callgrind counts instructions inside expand_rule(): bench.mk
 *                                divides them by N)
 *
 * A benchmark, never a test: it exits 0 whatever the figures are.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timelinec/recur.h"
#include "timelinec/zone.h"

#ifdef TLC_HAVE_LIBICAL
#include <libical/ical.h>
#endif

typedef struct rule {
	const char *freq, *rule, *dtstart;
} rule;

static const rule rules[] = {
	{"DAILY", "FREQ=DAILY;BYHOUR=9;BYMINUTE=30", "2026-01-01 09:30"},
	{"WEEKLY", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=18;BYMINUTE=0", "2026-01-05 18:00"},
	{"MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9", "2026-01-15 09:00"},
	{"MONTHLY", "FREQ=MONTHLY;BYDAY=2TU", "2026-01-13 09:00"},
	{"MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31 09:00"},
	{"YEARLY", "FREQ=YEARLY", "2026-03-10 09:00"},
	{"YEARLY", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2026-03-29 09:00"},
	{"YEARLY", "FREQ=YEARLY;BYYEARDAY=100", "2026-04-10 09:00"},
	{"YEARLY", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "2026-05-11 09:00"},
};
#define NRULES (sizeof rules / sizeof rules[0])
#define SPAN_END 2082758400 /* 2036-01-01T00:00:00Z: 10 years, all within the TZif transitions */

static const tlc_zone *berlin;
static volatile uint64_t sink;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static tlc_recur *parse(const rule *r)
{
	tlc_recur *rr = NULL;
	tlc_err e = {0};
	if (tlc_recur_parse_rrule(&rr, r->rule, strlen(r->rule), &e) < 0 ||
	    tlc_recur_set_dtstart(rr, r->dtstart, strlen(r->dtstart), &e) < 0) {
		fprintf(stderr, "recur_occ: '%s': %s\n", r->rule, e.msg);
		exit(1);
	}
	return rr;
}

/* One pass over the span: the iterator seeks to the start (which loads the first period) and
 * expands the rule; the readings go to local[]. */
__attribute__((noinline)) static size_t expand_rule(tlc_recur_iter *it, tlc_time *local, size_t cap)
{
	tlc_recur_occ o;
	size_t n = 0;
	uint64_t acc = 0;
	tlc_recur_iter_seek(it, TLC_TIME_MIN);
	while (n < cap && tlc_recur_iter_next(&o, it) == 0 && o.utc < SPAN_END) {
		local[n++] = o.local;
		acc += (uint64_t)o.utc;
	}
	sink += acc;
	return n;
}

static tlc_recur_iter *iter(const tlc_recur *rr)
{
	tlc_recur_iter *it = NULL;
	if (tlc_recur_iter_new(&it, rr, berlin, NULL) < 0)
		exit(1);
	return it;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

#ifdef TLC_HAVE_LIBICAL
/* libical over the same rule and span, each occurrence converted to UTC in Europe/Berlin. */
static size_t ical_pass(const rule *r, icaltimezone *z)
{
	char dt[32];
	struct icalrecurrencetype rec = icalrecurrencetype_from_string(r->rule);
	/* "2026-01-01 09:30" -> "20260101T093000" */
	snprintf(dt, sizeof dt, "%.4s%.2s%.2sT%.2s%.2s00", r->dtstart, r->dtstart + 5, r->dtstart + 8,
		 r->dtstart + 11, r->dtstart + 14);
	struct icaltimetype start = icaltime_from_string(dt);
	start = icaltime_set_timezone(&start, z);
	icalrecur_iterator *it = icalrecur_iterator_new(rec, start);
	size_t n = 0;
	uint64_t acc = 0;
	for (struct icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
	     t = icalrecur_iterator_next(it)) {
		time_t u = icaltime_as_timet_with_zone(t, z);
		if (u >= SPAN_END)
			break;
		acc += (uint64_t)u;
		n++;
	}
	icalrecur_iterator_free(it);
	sink += acc;
	return n;
}
#endif

static double per_occ(tlc_recur_iter *it, tlc_time *local, size_t cap, size_t want, double *floor,
		      size_t *per_pass)
{
	size_t total = 0;
	double t_it = 0, t_fl = 0;
	while (total < want) {
		double t0 = now_s();
		size_t n = expand_rule(it, local, cap);
		double t1 = now_s();
		uint64_t acc = 0;
		for (size_t i = 0; i < n; i++) {
			tlc_local_result lr;
			tlc_zone_local_to_utc(berlin, local[i], TLC_DISAMB_COMPATIBLE, &lr);
			acc += (uint64_t)lr.utc;
		}
		double t2 = now_s();
		sink += acc;
		if (n == 0)
			exit(1);
		*per_pass = n;
		total += n;
		t_it += t1 - t0;
		t_fl += t2 - t1;
	}
	*floor = t_fl / (double)total * 1e9;
	return t_it / (double)total * 1e9;
}

/* ns for tlc_recur_iter_new() + tlc_recur_iter_free(), which the passes above leave out */
static double new_free(const tlc_recur *rr)
{
	const int n = 20000;
	double t0 = now_s();
	for (int i = 0; i < n; i++)
		tlc_recur_iter_free(iter(rr));
	return (now_s() - t0) / n * 1e9;
}

int main(int argc, char **argv)
{
	tlc_zones *zones = NULL;
	int runs = 7, only = -1;
	long nocc = 100000;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = atoi(argv[++i]);
		else if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
			nocc = atol(argv[++i]);
		else {
			fprintf(stderr, "usage: recur_occ [--runs N] | --only I --n N\n");
			return 2;
		}
	}
	if (runs < 1 || runs > 64 || only >= (int)NRULES || nocc < 1) {
		fprintf(stderr, "recur_occ: --runs 1..64, --only 0..%d, --n >= 1\n", (int)NRULES - 1);
		return 2;
	}
	if (tlc_zones_new_tzif(&zones, NULL) < 0 || tlc_zones_get(zones, "Europe/Berlin", &berlin) < 0) {
		fprintf(stderr, "recur_occ: cannot open Europe/Berlin\n");
		return 1;
	}
	size_t cap = 11 * 366 * 3 + 16;
	tlc_time *local = malloc(cap * sizeof *local);
	if (!local)
		return 1;
	if (only >= 0) {
		tlc_recur *rr = parse(&rules[only]);
		tlc_recur_iter *it = iter(rr);
		long total = 0;
		while (total < nocc)
			total += (long)expand_rule(it, local, cap);
		printf("%s: %ld occurrences\n", rules[only].rule, total);
		tlc_recur_iter_free(it);
		tlc_recur_free(rr);
		free(local);
		tlc_zones_free(zones);
		return 0;
	}
	double daily = 0;
#ifdef TLC_HAVE_LIBICAL
	icaltimezone *iz = icaltimezone_get_builtin_timezone("Europe/Berlin");
	printf("%-8s %-44s %7s %7s %6s %7s %6s %10s %7s\n", "FREQ", "rule (Europe/Berlin, 2026-2035)",
	       "ns/occ", "floor", "/floor", "/DAILY", "new", "libical", "/ours");
#else
	printf("%-8s %-44s %7s %7s %6s %7s %6s\n", "FREQ", "rule (Europe/Berlin, 2026-2035)", "ns/occ",
	       "floor", "/floor", "/DAILY", "new");
#endif
	for (size_t k = 0; k < NRULES; k++) {
		tlc_recur *rr = parse(&rules[k]);
		tlc_recur_iter *it = iter(rr);
		double tv[64], fv[64], nv[64];
		size_t per_pass = 0;
		for (int r = 0; r < runs; r++) {
			tv[r] = per_occ(it, local, cap, 200000, &fv[r], &per_pass);
			nv[r] = new_free(rr);
		}
		tlc_recur_iter_free(it);
		double v = median(tv, runs), f = median(fv, runs);
		if (k == 0)
			daily = v;
		printf("%-8s %-44s %7.1f %7.1f %5.1fx %6.2fx %6.0f", rules[k].freq, rules[k].rule, v, f,
		       v / f, v / daily, median(nv, runs));
#ifdef TLC_HAVE_LIBICAL
		double iv[64];
		for (int r = 0; r < runs; r++) {
			size_t total = 0, n;
			double t0 = now_s();
			while (total < 20000 && (n = ical_pass(&rules[k], iz)) > 0)
				total += n;
			iv[r] = total ? (now_s() - t0) / (double)total * 1e9 : 0;
		}
		double iw = median(iv, runs);
		printf(" %10.1f %7.0fx", iw, iw / v);
#endif
		printf("   (%zu per pass)\n", per_pass);
		tlc_recur_free(rr);
	}
	free(local);
	tlc_zones_free(zones);
	return 0;
}
