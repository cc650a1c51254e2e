/*
 * fuzz_time.c — the time values of a spec (include/timelinec/timeparse.h): durations, times of
 * day, instants (and their resolution in a zone), windows, parameter expressions, check-params
 * domains; and budget profiles (timelinec/budget.h), the other value a user writes.
 *
 * Option bytes:
 *   0: bits 0-2 the parser (duration, time of day, instant, window, expression, domain,
 *      budget, all of them); bit 3 TLC_DURATION_SIGNED; bits 4-7 the zone to resolve in
 *   1: bits 0-1 the disambiguation
 * Then the value.
 *
 * Checked (timeparse.h's invariants): a failure points inside the input, has a message and
 * leaves the output untouched; results are in range (durations within TLC_DURATION_MAX and
 * unsigned without the flag, times of day 0..86399, instants and their resolution within
 * TLC_TIME_MIN..TLC_TIME_MAX, windows ending after they start, domains with lo < hi).
 */
#include "fuzz.h"
#include "timelinec/budget.h"
#include "timelinec/timeparse.h"

#define POISON 0xA5

static bool poisoned(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != POISON)
			return false;
	return true;
}

/* A failure: the error points inside s[0..n), the output was not written. */
static void check_fail(int rc, const tlc_err *e, size_t n, const void *out, size_t outsize)
{
	FUZZ_CHECK(rc == TLC_EINPUT || rc == TLC_ERANGE);
	FUZZ_CHECK(e->offset <= n && e->len <= n - e->offset);
	FUZZ_CHECK(memchr(e->msg, 0, sizeof e->msg) != NULL && e->msg[0] != 0);
	FUZZ_CHECK(poisoned(out, outsize));
}

static void check_instant(const tlc_parsed_instant *pi, size_t n)
{
	FUZZ_CHECK(pi->value >= TLC_TIME_MIN && pi->value <= TLC_TIME_MAX);
	FUZZ_CHECK(!pi->date_only || pi->local);
	FUZZ_CHECK(pi->offset <= n && pi->len <= n - pi->offset && pi->len > 0);
}

static void check_expr(const tlc_time_expr *x, size_t n)
{
	FUZZ_CHECK((unsigned)x->kind < TLC_TIME_EXPR_KIND_MAX);
	FUZZ_CHECK(x->offset >= -TLC_DURATION_MAX && x->offset <= TLC_DURATION_MAX);
	if (x->kind == TLC_TIME_EXPR_PARAM)
		FUZZ_CHECK(x->name_off <= n && x->name_len <= n - x->name_off && x->name_len > 0);
	if (x->kind == TLC_TIME_EXPR_LITERAL)
		check_instant(&x->literal, n);
}

static void resolve(const tlc_parsed_instant *pi, const tlc_zone *z, tlc_disamb d, size_t n)
{
	tlc_local_result r;
	tlc_err e;
	memset(&r, POISON, sizeof r);
	int rc = tlc_instant_resolve(&r, pi, z, d, &e);
	if (rc == 0) {
		FUZZ_CHECK(r.utc >= TLC_TIME_MIN && r.utc <= TLC_TIME_MAX);
		FUZZ_CHECK(!pi->local || (unsigned)r.kind < TLC_LOCAL_KIND_MAX);
		FUZZ_CHECK(pi->local || r.utc == pi->value);
		return;
	}
	FUZZ_CHECK(rc == TLC_EINPUT || rc == TLC_ERANGE || rc == TLC_EINVAL);
	FUZZ_CHECK(rc != TLC_EINVAL || (pi->local && !z));
	FUZZ_CHECK(rc == TLC_EINVAL || (e.offset <= n && e.len <= n - e.offset));
}

static void duration(const char *s, size_t n, unsigned flags)
{
	int64_t d;
	tlc_err e;
	memset(&d, POISON, sizeof d);
	int rc = tlc_duration_parse(&d, s, n, flags, &e);
	if (rc < 0) {
		check_fail(rc, &e, n, &d, sizeof d);
		return;
	}
	FUZZ_CHECK(d >= -TLC_DURATION_MAX && d <= TLC_DURATION_MAX);
	FUZZ_CHECK(d >= 0 || (flags & TLC_DURATION_SIGNED));
}

static void time_of_day(const char *s, size_t n)
{
	int32_t t;
	tlc_err e;
	memset(&t, POISON, sizeof t);
	int rc = tlc_time_of_day_parse(&t, s, n, &e);
	if (rc < 0) {
		check_fail(rc, &e, n, &t, sizeof t);
		return;
	}
	FUZZ_CHECK(t >= 0 && t <= 86399);
}

static void instant(const char *s, size_t n, const tlc_zone *z, tlc_disamb d)
{
	tlc_parsed_instant pi;
	tlc_err e;
	memset(&pi, POISON, sizeof pi);
	int rc = tlc_instant_parse(&pi, s, n, &e);
	if (rc < 0) {
		check_fail(rc, &e, n, &pi, sizeof pi);
		return;
	}
	check_instant(&pi, n);
	resolve(&pi, z, d, n);
	resolve(&pi, NULL, d, n);
}

static void window(const char *s, size_t n, const tlc_zone *z, tlc_disamb d)
{
	tlc_window w;
	tlc_local_result a, b;
	tlc_err e;
	memset(&w, POISON, sizeof w);
	int rc = tlc_window_parse(&w, s, n, &e);
	if (rc < 0) {
		check_fail(rc, &e, n, &w, sizeof w);
		return;
	}
	check_instant(&w.start, n);
	check_instant(&w.end, n);
	FUZZ_CHECK(w.start.offset + w.start.len <= w.end.offset);
	if (w.start.local == w.end.local)
		FUZZ_CHECK(w.end.value > w.start.value);
	memset(&a, POISON, sizeof a);
	memset(&b, POISON, sizeof b);
	rc = tlc_window_resolve(&a, &b, &w, z, d, &e);
	if (rc == 0)
		FUZZ_CHECK(a.utc < b.utc && a.utc >= TLC_TIME_MIN && b.utc <= TLC_TIME_MAX);
	else
		FUZZ_CHECK(rc == TLC_EINVAL || (e.offset <= n && e.len <= n - e.offset));
}

static void expr(const char *s, size_t n)
{
	tlc_time_expr x;
	tlc_err e;
	memset(&x, POISON, sizeof x);
	int rc = tlc_time_expr_parse(&x, s, n, &e);
	if (rc < 0) {
		check_fail(rc, &e, n, &x, sizeof x);
		return;
	}
	check_expr(&x, n);
}

static void domain(const char *s, size_t n, const tlc_zone *z, tlc_disamb d)
{
	tlc_param_domain dm;
	tlc_err e;
	memset(&dm, POISON, sizeof dm);
	int rc = tlc_param_domain_parse(&dm, s, n, &e);
	if (rc < 0) {
		check_fail(rc, &e, n, &dm, sizeof dm);
		return;
	}
	FUZZ_CHECK((unsigned)dm.kind < TLC_PARAM_DOMAIN_KIND_MAX);
	if (dm.kind == TLC_PARAM_DOMAIN_RELATIVE) {
		FUZZ_CHECK(dm.lo < dm.hi);
		FUZZ_CHECK(dm.lo >= -TLC_DURATION_MAX && dm.hi <= TLC_DURATION_MAX);
		FUZZ_CHECK(dm.anchor.kind == TLC_TIME_EXPR_NOW || dm.anchor.kind == TLC_TIME_EXPR_PARAM);
		check_expr(&dm.anchor, n);
	} else {
		tlc_local_result a, b;
		check_instant(&dm.window.start, n);
		check_instant(&dm.window.end, n);
		if (tlc_window_resolve(&a, &b, &dm.window, z, d, &e) == 0)
			FUZZ_CHECK(a.utc < b.utc);
	}
}

static void budget(const char *s, size_t n)
{
	tlc_budget b;
	tlc_err e;
	char *z = fuzz_dup((const uint8_t *)s, n);
	memset(&b, POISON, sizeof b);
	int rc = tlc_budget_parse(&b, z, &e);
	if (rc < 0) {
		FUZZ_CHECK(rc == TLC_EINPUT || rc == TLC_ERANGE || rc == TLC_ENOTFOUND);
		FUZZ_CHECK(memchr(e.msg, 0, sizeof e.msg) != NULL && e.msg[0] != 0);
		FUZZ_CHECK(poisoned(&b, sizeof b));
	} else {
		FUZZ_CHECK(memchr(b.name, 0, sizeof b.name) != NULL);
		FUZZ_CHECK(b.reloads_per_day >= -1 && b.min_gap >= 0 && b.reload_lateness >= 0);
		FUZZ_CHECK(b.entry_lateness >= 0 && b.min_spacing >= 0 && b.max_entries >= 0);
		FUZZ_CHECK(b.tolerance >= 0);
	}
	free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in), b_d = fuzz_byte(&in);
	const char *s = (const char *)in.p;
	size_t n = in.n;
	const tlc_zone *z = fuzz_zone(opt >> 4);
	tlc_disamb d = (tlc_disamb)(b_d & 3);
	unsigned which = opt & 7;
	if (which == 0 || which == 7)
		duration(s, n, opt & 8 ? TLC_DURATION_SIGNED : 0);
	if (which == 1 || which == 7)
		time_of_day(s, n);
	if (which == 2 || which == 7)
		instant(s, n, z, d);
	if (which == 3 || which == 7)
		window(s, n, z, d);
	if (which == 4 || which == 7)
		expr(s, n);
	if (which == 5 || which == 7)
		domain(s, n, z, d);
	if (which == 6 || which == 7)
		budget(s, n);
	return 0;
}
