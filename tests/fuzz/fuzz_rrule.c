/*
 * fuzz_rrule.c — recurrences (include/timelinec/recur.h): the RFC 5545 RRULE parser, the
 * friendly form, DTSTART/EXDATE/RDATE values, the canonical printer and the expansion.
 *
 * Option bytes:
 *   0: bit 0 the friendly form (else an RRULE); bits 1-4 the zone (0: none, local time is
 *      UTC); bit 5 shift readings out of gaps; bits 6-7 the overlap choice
 *   1: the instant to seek to
 * Then up to four lines: the rule, DTSTART, EXDATE values, RDATE values.
 *
 * Checked (recur.h's invariants): a failed parse points inside its input; the printed rule
 * parses back and prints identically; occurrences are strictly ascending, inside
 * TLC_TIME_MIN..TLC_TIME_MAX, and (when not shifted) have the local reading they claim;
 * seeking to an occurrence yields it; the next occurrence after one is the one after it.
 */
#include "fuzz.h"
#include "timelinec/recur.h"

#define NOCC 16

typedef struct line {
	const char *s;
	size_t n;
	bool present;
} line;

static void split_lines(fuzz_in *in, line out[4])
{
	memset(out, 0, 4 * sizeof *out);
	const char *s = (const char *)in->p, *end = s + in->n;
	for (int i = 0; i < 4 && s <= end; i++) {
		const char *nl = i < 3 ? memchr(s, '\n', (size_t)(end - s)) : NULL;
		const char *e = nl ? nl : end;
		out[i].s = s;
		out[i].n = (size_t)(e - s);
		out[i].present = i == 0 || out[i].n > 0;
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void check_err(int rc, const tlc_err *e, size_t n)
{
	FUZZ_CHECK(rc == TLC_EINPUT || rc == TLC_ERANGE || rc == TLC_ENOMEM);
	FUZZ_CHECK(e->offset <= n && e->len <= n - e->offset);
	FUZZ_CHECK(memchr(e->msg, 0, sizeof e->msg) != NULL && e->msg[0] != 0);
}

static void on_event(void *ud, const tlc_recur_event *ev)
{
	FUZZ_CHECK((unsigned)ev->kind < TLC_RECUR_EV_KIND_MAX);
	++*(size_t *)ud;
}

/* Prints r, parses the text as an RRULE, prints again: the same text. */
static void check_format(const tlc_recur *r)
{
	tlc_buf a = TLC_BUF_INIT, b = TLC_BUF_INIT;
	tlc_recur *back = NULL;
	tlc_err e;
	tlc_recur_format(&a, r);
	FUZZ_CHECK(!tlc_buf_oom(&a));
	int rc = tlc_recur_parse_rrule(&back, a.ptr, a.len, &e);
	if (rc < 0)
		fprintf(stderr, "fuzz: the printed rule '%s' does not parse: %s\n", a.ptr, e.msg);
	FUZZ_CHECK(rc == 0);
	tlc_recur_format(&b, back);
	if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0)
		fprintf(stderr, "fuzz: '%s' prints back as '%s'\n", a.ptr, b.ptr);
	FUZZ_CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	FUZZ_CHECK(tlc_recur_get_freq(back) == tlc_recur_get_freq(r));
	tlc_recur_free(back);
	tlc_buf_release(&a);
	tlc_buf_release(&b);
}

static void check_occ(const tlc_recur_occ *o, const tlc_zone *z)
{
	FUZZ_CHECK(o->utc >= TLC_TIME_MIN && o->utc <= TLC_TIME_MAX);
	if (!(o->flags & TLC_RECUR_OCC_SHIFTED))
		FUZZ_CHECK((z ? tlc_zone_to_local(z, o->utc) : o->utc) == o->local);
}

/* Up to NOCC occurrences from the start; returns how many. */
static size_t expand(tlc_recur_occ *occ, const tlc_recur *r, const tlc_zone *z,
		     const tlc_recur_opts *o)
{
	tlc_recur_iter *it = NULL;
	size_t n = 0;
	if (tlc_recur_iter_new(&it, r, z, o) < 0)
		return 0;
	while (n < NOCC && tlc_recur_iter_next(&occ[n], it) == 0) {
		check_occ(&occ[n], z);
		FUZZ_CHECK(n == 0 || occ[n - 1].utc < occ[n].utc);
		n++;
	}
	FUZZ_CHECK((unsigned)tlc_recur_iter_end(it) < TLC_RECUR_END_MAX);
	FUZZ_CHECK(tlc_recur_end_str(tlc_recur_iter_end(it)) != NULL);
	tlc_recur_iter_free(it);
	return n;
}

/* Seeking to occurrence k yields it; the next one after it is occurrence k + 1. */
static void check_seek(const tlc_recur_occ *occ, size_t n, size_t k, const tlc_recur *r,
		       const tlc_zone *z, const tlc_recur_opts *o)
{
	tlc_recur_iter *it = NULL;
	tlc_recur_occ got;
	tlc_time next;
	if (k >= n || tlc_recur_iter_new(&it, r, z, o) < 0)
		return;
	if (tlc_recur_iter_seek(it, occ[k].utc) == 0 && tlc_recur_iter_next(&got, it) == 0)
		FUZZ_CHECK(got.utc == occ[k].utc);
	tlc_recur_iter_free(it);
	int rc = tlc_recur_next_after(&next, NULL, r, z, o, occ[k].utc);
	if (k + 1 < n)
		FUZZ_CHECK(rc == 0 && next == occ[k + 1].utc);
}

static void check_from(const tlc_recur *r, const tlc_zone *z, const tlc_recur_opts *o,
		       tlc_time from)
{
	tlc_recur_iter *it = NULL;
	tlc_recur_occ occ;
	tlc_time prev = from - 1, out[64];
	size_t n = 0;
	if (tlc_recur_iter_new(&it, r, z, o) < 0)
		return;
	if (tlc_recur_iter_seek(it, from) == 0)
		for (int i = 0; i < 8 && tlc_recur_iter_next(&occ, it) == 0; i++) {
			check_occ(&occ, z);
			FUZZ_CHECK(occ.utc > prev);
			prev = occ.utc;
		}
	tlc_recur_iter_free(it);
	if (tlc_recur_between(out, 64, &n, r, z, o, from, from + 31 * 86400) == 0) {
		FUZZ_CHECK(n <= 64);
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK(out[i] >= from && out[i] < from + 31 * 86400 && (i == 0 || out[i - 1] < out[i]));
	}
}

static int setup(tlc_recur *r, const line *l)
{
	tlc_err e;
	int rc;
	if (l[1].present && (rc = tlc_recur_set_dtstart(r, l[1].s, l[1].n, &e)) < 0) {
		check_err(rc, &e, l[1].n);
		return -1;
	}
	if (tlc_recur_needs_dtstart(r))
		FUZZ_CHECK(tlc_recur_set_dtstart_local(r, 1767258000) == 0); /* 2026-01-01 09:00 */
	if (l[2].present && (rc = tlc_recur_add_exdates(r, l[2].s, l[2].n, &e)) < 0) {
		check_err(rc, &e, l[2].n);
		return -1;
	}
	if (l[3].present && (rc = tlc_recur_add_rdates(r, l[3].s, l[3].n, &e)) < 0) {
		check_err(rc, &e, l[3].n);
		return -1;
	}
	FUZZ_CHECK(!tlc_recur_needs_dtstart(r));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in), b_from = fuzz_byte(&in);
	line l[4];
	tlc_recur *r = NULL;
	tlc_err e;
	size_t events = 0;
	split_lines(&in, l);
	int rc = opt & 1 ? tlc_recur_parse_friendly(&r, l[0].s, l[0].n, &e)
			 : tlc_recur_parse_rrule(&r, l[0].s, l[0].n, &e);
	if (rc < 0) {
		check_err(rc, &e, l[0].n);
		return 0;
	}
	FUZZ_CHECK((unsigned)tlc_recur_get_freq(r) < TLC_RECUR_FREQ_MAX);
	check_format(r);
	if (setup(r, l) == 0) {
		unsigned zk = (opt >> 1) & 15;
		const tlc_zone *z = zk ? fuzz_zone(zk) : NULL;
		tlc_recur_opts o = {opt & 32 ? TLC_RECUR_GAP_SHIFT : TLC_RECUR_GAP_SKIP,
				    (tlc_disamb)(opt >> 6), on_event, &events};
		tlc_recur_occ occ[NOCC];
		size_t n = expand(occ, r, z, &o);
		check_seek(occ, n, 0, r, z, &o);
		check_seek(occ, n, n / 2, r, z, &o);
		check_from(r, z, &o, n ? occ[0].utc + (tlc_time)b_from * 86399 : fuzz_now(b_from));
	}
	tlc_recur_free(r);
	return 0;
}
