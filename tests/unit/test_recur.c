/*
 * Tests for recur.h: RRULE and friendly parsing (canonical forms, exact error spans), the
 * RFC 5545 3.8.5.3 examples (tests/fixtures/recur/rfc5545.txt), a cross-check against
 * python-dateutil (tests/fixtures/recur/dateutil-cases.txt, made by tests/tools/gen-rrule-cases.py),
 * DST gaps and overlaps, EXDATE/RDATE, seeking, the year range and rules that never occur.
 * Runs with cwd = tests/ and the system's TZif zones.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timelinec/civil.h"
#include "timelinec/recur.h"
#include "timelinec/zone.h"

static tlc_zones *zones;

static void setup(void)
{
	cr_assert_eq(tlc_zones_new_tzif(&zones, NULL), 0, "system zoneinfo must be present");
}

static void teardown(void) { tlc_zones_free(zones); }

TestSuite(recur, .init = setup, .fini = teardown);

/* ---- helpers ------------------------------------------------------------------------------ */

static const tlc_zone *Z(const char *name)
{
	const tlc_zone *z = NULL;
	cr_assert_eq(tlc_zones_get(zones, name, &z), 0, "zone %s", name);
	return z;
}

/* Local (or UTC) seconds of a wall-clock reading. */
static tlc_time T(int y, int mo, int d, int h, int mi, int s)
{
	tlc_civil c = {y, mo, d, h, mi, s};
	return tlc_civil_to_secs(&c);
}

static tlc_recur *rrule(const char *rule, const char *dtstart)
{
	tlc_recur *r = NULL;
	tlc_err err;
	int rc = tlc_recur_parse_rrule(&r, rule, strlen(rule), &err);
	cr_assert_eq(rc, 0, "'%s': %s", rule, rc ? err.msg : "");
	if (dtstart) {
		rc = tlc_recur_set_dtstart(r, dtstart, strlen(dtstart), &err);
		cr_assert_eq(rc, 0, "dtstart '%s': %s", dtstart, rc ? err.msg : "");
	}
	return r;
}

static tlc_recur *friendly(const char *text)
{
	tlc_recur *r = NULL;
	tlc_err err;
	int rc = tlc_recur_parse_friendly(&r, text, strlen(text), &err);
	cr_assert_eq(rc, 0, "'%s': %s", text, rc ? err.msg : "");
	return r;
}

static char *format(const tlc_recur *r)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_recur_format(&b, r);
	cr_assert(!tlc_buf_oom(&b));
	return tlc_buf_detach(&b);
}

/* The first n occurrences at or after `from` (fewer when the set ends). */
static size_t take(tlc_recur_occ *out, size_t n, const tlc_recur *r, const tlc_zone *z,
		   const tlc_recur_opts *o, tlc_time from)
{
	tlc_recur_iter *it = NULL;
	size_t k = 0;
	cr_assert_eq(tlc_recur_iter_new(&it, r, z, o), 0);
	cr_assert_eq(tlc_recur_iter_seek(it, from), 0);
	while (k < n && tlc_recur_iter_next(&out[k], it) == 0)
		k++;
	tlc_recur_iter_free(it);
	return k;
}

typedef struct events {
	tlc_recur_event v[64];
	int n;
} events;

static void on_event(void *ud, const tlc_recur_event *ev)
{
	events *e = ud;
	if (e->n < 64)
		e->v[e->n++] = *ev;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* ---- RRULE parsing ------------------------------------------------------------------------ */

Test(recur, rrule_canonical_forms)
{
	static const char *const cases[][2] = {
		{"FREQ=DAILY", "FREQ=DAILY"},
		{"rrule:freq=weekly;byday=mo,we;interval=1", "FREQ=WEEKLY;BYDAY=MO,WE"},
		{"FREQ=MONTHLY;BYDAY=-1SU,1SU,+2MO", "FREQ=MONTHLY;BYDAY=1SU,2MO,-1SU"},
		{"FREQ=YEARLY;WKST=SU;BYWEEKNO=-1,1;BYMONTH=12,1;BYSETPOS=-1,1",
		 "FREQ=YEARLY;BYWEEKNO=1,-1;BYMONTH=1,12;BYSETPOS=1,-1;WKST=SU"},
		{"FREQ=DAILY;UNTIL=20261224", "FREQ=DAILY;UNTIL=20261224"},
		{"FREQ=DAILY;UNTIL=2026-12-24T17:00:00Z", "FREQ=DAILY;UNTIL=20261224T170000Z"},
		{"FREQ=DAILY;UNTIL=20261224T170000", "FREQ=DAILY;UNTIL=20261224T170000"},
		{"FREQ=SECONDLY;BYSECOND=60,0", "FREQ=SECONDLY;BYSECOND=0,60"},
		{"INTERVAL=2;FREQ=HOURLY;COUNT=3;WKST=MO", "FREQ=HOURLY;COUNT=3;INTERVAL=2"},
		{"FREQ=YEARLY;BYYEARDAY=366,-366,1;BYMONTHDAY=-31,31",
		 "FREQ=YEARLY;BYMONTHDAY=31,-31;BYYEARDAY=1,366,-366"},
		{"FREQ=DAILY;BYHOUR=9;BYMINUTE=30;BYSECOND=0", "FREQ=DAILY;BYSECOND=0;BYMINUTE=30;BYHOUR=9"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_recur *r = rrule(cases[i][0], NULL), *r2;
		char *s = format(r), *s2;
		cr_expect_str_eq(s, cases[i][1], "'%s'", cases[i][0]);
		r2 = rrule(s, NULL);
		s2 = format(r2);
		cr_expect_str_eq(s2, s, "fixpoint of '%s'", cases[i][0]);
		free(s);
		free(s2);
		tlc_recur_free(r);
		tlc_recur_free(r2);
	}
}

typedef struct bad {
	const char *in;
	size_t n; /* 0: strlen */
	int rc;
	size_t off, len;
	const char *msg;
} badcase;

static void check_bad(const badcase *b, size_t count,
		      int (*parse)(tlc_recur **, const char *, size_t, tlc_err *))
{
	for (size_t i = 0; i < count; i++) {
		tlc_recur *r = (tlc_recur *)&zones; /* must stay untouched */
		tlc_err err = {999, 999, "untouched"};
		size_t n = b[i].n ? b[i].n : strlen(b[i].in);
		int rc = parse(&r, b[i].in, n, &err);
		cr_expect_eq(rc, b[i].rc, "'%s': rc %d, want %d (%s)", b[i].in, rc, b[i].rc, err.msg);
		cr_expect(r == (tlc_recur *)&zones, "'%s': output written on failure", b[i].in);
		cr_expect_eq(err.offset, b[i].off, "'%s': offset %zu, want %zu (%s)", b[i].in,
			     err.offset, b[i].off, err.msg);
		cr_expect_eq(err.len, b[i].len, "'%s': len %zu, want %zu (%s)", b[i].in, err.len,
			     b[i].len, err.msg);
		cr_expect(strstr(err.msg, b[i].msg) != NULL, "'%s': message '%s' lacks '%s'", b[i].in,
			  err.msg, b[i].msg);
	}
}

Test(recur, rrule_errors)
{
	static const badcase cases[] = {
		{"", 0, TLC_EINPUT, 0, 0, "empty rule; expected 'FREQ=...'"},
		{"RRULE:", 0, TLC_EINPUT, 6, 0, "empty rule"},
		{"FREQ=DAILY;;COUNT=3", 0, TLC_EINPUT, 11, 0, "empty rule part"},
		{"FREQ=DAILY;", 0, TLC_EINPUT, 11, 0, "empty rule part"},
		{"FREQ=DAILY;FOO=1", 0, TLC_EINPUT, 11, 3, "unknown rule part 'FOO'"},
		{"FREQ=DAILY;COUNT=3;FREQ=WEEKLY", 0, TLC_EINPUT, 19, 11, "duplicate rule part 'FREQ'"},
		{"FREQ=DAILY;COUNT=3;UNTIL=20260101T000000Z", 0, TLC_EINPUT, 19, 22,
		 "'COUNT' and 'UNTIL' cannot both be given"},
		{"FREQ=DAILY;UNTIL=20260101;COUNT=3", 0, TLC_EINPUT, 26, 7,
		 "'COUNT' and 'UNTIL' cannot both be given"},
		{"COUNT=3", 0, TLC_EINPUT, 0, 7, "missing 'FREQ'"},
		{"FREQ=DAILY;BYHOUR=9,24", 0, TLC_EINPUT, 20, 2, "'BYHOUR' value '24' is out of range 0..23"},
		{"FREQ=DAILY;BYHOUR=-1", 0, TLC_EINPUT, 18, 2, "'BYHOUR' value '-1' is out of range 0..23"},
		{"FREQ=DAILY;BYHOUR=x", 0, TLC_EINPUT, 18, 1, "'BYHOUR' value 'x' is not a number in 0..23"},
		{"FREQ=DAILY;BYHOUR=9,9", 0, TLC_EINPUT, 20, 1, "'BYHOUR' value '9' is given twice"},
		{"RRULE:FREQ=DAILY;BYMINUTE=60", 0, TLC_EINPUT, 26, 2, "'BYMINUTE' value '60' is out of range"},
		{"FREQ=MONTHLY;BYMONTHDAY=0", 0, TLC_EINPUT, 24, 1, "out of range 1..31 or -31..-1"},
		{"FREQ=MONTHLY;BYMONTHDAY=1,,2", 0, TLC_EINPUT, 26, 0, "empty value in 'BYMONTHDAY'"},
		{"FREQ=YEARLY;BYYEARDAY=367", 0, TLC_EINPUT, 22, 3, "out of range 1..366 or -366..-1"},
		{"FREQ=YEARLY;BYMONTH=13", 0, TLC_EINPUT, 20, 2, "'BYMONTH' value '13' is out of range 1..12"},
		{"FREQ=YEARLY;BYMONTH=-1", 0, TLC_EINPUT, 20, 2, "out of range 1..12"},
		{"FREQ=MONTHLY;BYDAY=1XX", 0, TLC_EINPUT, 19, 3, "'BYDAY' value '1XX' is not a weekday"},
		{"FREQ=MONTHLY;BYDAY=+MO", 0, TLC_EINPUT, 19, 3, "is not a weekday"},
		{"FREQ=MONTHLY;BYDAY=0MO", 0, TLC_EINPUT, 19, 3, "has an ordinal out of range"},
		{"FREQ=YEARLY;BYDAY=54FR", 0, TLC_EINPUT, 18, 4, "has an ordinal out of range"},
		{"FREQ=DAILY;BYDAY=MO,mo", 0, TLC_EINPUT, 20, 2, "'BYDAY' value 'mo' is given twice"},
		{"FREQ=WEEKLY;BYDAY=TU,1MO", 0, TLC_EINPUT, 21, 3,
		 "a 'BYDAY' ordinal is only allowed with 'FREQ=MONTHLY' or 'YEARLY'"},
		{"FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", 0, TLC_EINPUT, 30, 3, "not allowed with 'BYWEEKNO'"},
		{"FREQ=MONTHLY;BYWEEKNO=1", 0, TLC_EINPUT, 13, 10,
		 "'BYWEEKNO' is only allowed with 'FREQ=YEARLY'"},
		{"FREQ=DAILY;BYYEARDAY=1", 0, TLC_EINPUT, 11, 11, "'BYYEARDAY' is not allowed"},
		{"FREQ=WEEKLY;BYMONTHDAY=1", 0, TLC_EINPUT, 12, 12, "'BYMONTHDAY' is not allowed"},
		{"FREQ=DAILY;BYSETPOS=1", 0, TLC_EINPUT, 11, 10, "'BYSETPOS' needs another BYxxx"},
		{"FREQ=DAILY;INTERVAL=0", 0, TLC_EINPUT, 20, 1,
		 "'INTERVAL' value '0' is not a whole number 1..1000000"},
		{"FREQ=DAILY;COUNT=-3", 0, TLC_EINPUT, 17, 2, "'COUNT' value '-3' is not a whole number"},
		{"FREQ=DAILY;COUNT=100001", 0, TLC_ERANGE, 17, 6, "past the limit 100000"},
		{"FREQ=DAILY;COUNT=99999999999", 0, TLC_EINPUT, 17, 11, "is not a whole number"},
		{"FREQ=FORTNIGHTLY", 0, TLC_EINPUT, 5, 11, "'FREQ' value 'FORTNIGHTLY' is not one of"},
		{"FREQ=DAILY;UNTIL=2026-02-30", 0, TLC_EINPUT, 17, 10, "'2026-02-30' is not a valid date-time"},
		{"FREQ=DAILY;UNTIL=20261301T000000Z", 0, TLC_EINPUT, 17, 16, "is not a valid date-time"},
		{"FREQ=DAILY;UNTIL=2026", 0, TLC_EINPUT, 17, 4, "expected a date-time like"},
		{"FREQ=DAILY;UNTIL=19691231T000000Z", 0, TLC_ERANGE, 17, 4,
		 "year '1969' is out of range 1970..9999"},
		{"FREQ=DAILY;RSCALE=GREGORIAN", 0, TLC_EINPUT, 11, 6, "(RFC 7529) is not supported"},
		{"FREQ=DAILY;COUNT", 0, TLC_EINPUT, 11, 5, "expected 'NAME=VALUE', not 'COUNT'"},
		{"FREQ=DAILY;COUNT=", 0, TLC_EINPUT, 17, 0, "'COUNT' has no value"},
		{"FREQ=DAILY;WKST=XX", 0, TLC_EINPUT, 16, 2, "'WKST' value 'XX' is not a weekday"},
		{"FREQ=DAILY\0;COUNT=1", 19, TLC_EINPUT, 10, 1, "a NUL byte is not allowed"},
	};
	check_bad(cases, sizeof cases / sizeof cases[0], tlc_recur_parse_rrule);
}

Test(recur, input_limit)
{
	size_t n = TLC_RECUR_INPUT_MAX + 10;
	char *s = malloc(n);
	tlc_recur *r = NULL;
	tlc_err err;
	memset(s, 'A', n);
	cr_expect_eq(tlc_recur_parse_rrule(&r, s, n, &err), TLC_ERANGE);
	cr_expect_eq(err.offset, (size_t)TLC_RECUR_INPUT_MAX);
	cr_expect_eq(tlc_recur_parse_friendly(&r, s, n, &err), TLC_ERANGE);
	cr_expect_null(r);
	free(s);
}

/* ---- friendly form ------------------------------------------------------------------------ */

Test(recur, friendly_lowering)
{
	static const char *const cases[][2] = {
		{"daily 09:30", "FREQ=DAILY;BYSECOND=0;BYMINUTE=30;BYHOUR=9"},
		{"daily at 09:30", "FREQ=DAILY;BYSECOND=0;BYMINUTE=30;BYHOUR=9"},
		{"weekdays 09:30", "FREQ=DAILY;BYSECOND=0;BYMINUTE=30;BYHOUR=9;BYDAY=MO,TU,WE,TH,FR"},
		{"weekends 10:00", "FREQ=DAILY;BYSECOND=0;BYMINUTE=0;BYHOUR=10;BYDAY=SA,SU"},
		{"mondays 18:00", "FREQ=DAILY;BYSECOND=0;BYMINUTE=0;BYHOUR=18;BYDAY=MO"},
		{"mon,wed, fri  at 18:00", "FREQ=DAILY;BYSECOND=0;BYMINUTE=0;BYHOUR=18;BYDAY=MO,WE,FR"},
		{"sun 07:00:30", "FREQ=DAILY;BYSECOND=30;BYMINUTE=0;BYHOUR=7;BYDAY=SU"},
		{"daily 18:30, 09:00", "FREQ=DAILY;BYSECOND=0;BYMINUTE=0,30;BYHOUR=9,18;BYSETPOS=1,4"},
		{"daily 09:00,09:30", "FREQ=DAILY;BYSECOND=0;BYMINUTE=0,30;BYHOUR=9"},
		{"monthly on the 1st at 09:00", "FREQ=MONTHLY;BYSECOND=0;BYMINUTE=0;BYHOUR=9;BYMONTHDAY=1"},
		{"monthly on the last day 18:00", "FREQ=MONTHLY;BYSECOND=0;BYMINUTE=0;BYHOUR=18;BYMONTHDAY=-1"},
		{"monthly on the last 18:00", "FREQ=MONTHLY;BYSECOND=0;BYMINUTE=0;BYHOUR=18;BYMONTHDAY=-1"},
		{"monthly on the 22nd 07:15:30",
		 "FREQ=MONTHLY;BYSECOND=30;BYMINUTE=15;BYHOUR=7;BYMONTHDAY=22"},
		{"monthly on the 13th 07:00", "FREQ=MONTHLY;BYSECOND=0;BYMINUTE=0;BYHOUR=7;BYMONTHDAY=13"},
		{"every 15m", "FREQ=MINUTELY;INTERVAL=15"},
		{"every 2h", "FREQ=HOURLY;INTERVAL=2"},
		{"every 1h", "FREQ=HOURLY"},
		{"every 30s", "FREQ=SECONDLY;INTERVAL=30"},
		{"every 20m from 09:00 to 16:40",
		 "FREQ=DAILY;BYSECOND=0;BYMINUTE=0,20,40;BYHOUR=9,10,11,12,13,14,15,16"},
		{"every 2h from 06:30 to 22:00",
		 "FREQ=DAILY;BYSECOND=0;BYMINUTE=30;BYHOUR=6,8,10,12,14,16,18,20"},
		{"every 120m from 06:00 to 06:00", "FREQ=DAILY;BYSECOND=0;BYMINUTE=0;BYHOUR=6"},
		{"every 15m from 06:40 to 07:10",
		 "FREQ=DAILY;BYSECOND=0;BYMINUTE=10,40,55;BYHOUR=6,7;BYSETPOS=2,3,4"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_recur *r = friendly(cases[i][0]), *r2;
		char *s = format(r), *s2;
		cr_expect_str_eq(s, cases[i][1], "'%s'", cases[i][0]);
		cr_expect(!tlc_recur_needs_dtstart(r));
		r2 = rrule(s, NULL);
		s2 = format(r2);
		cr_expect_str_eq(s2, s, "fixpoint of '%s'", cases[i][0]);
		free(s);
		free(s2);
		tlc_recur_free(r);
		tlc_recur_free(r2);
	}
}

Test(recur, friendly_errors)
{
	static const badcase cases[] = {
		{"", 0, TLC_EINPUT, 0, 0, "empty recurrence"},
		{"hourly 09:00", 0, TLC_EINPUT, 0, 6, "expected 'daily', 'weekdays', 'weekends', "
		 "'mondays', 'mon,wed,fri', 'monthly on the 1st' or 'every 15m', not 'hourly'"},
		{"Daily 09:30", 0, TLC_EINPUT, 0, 5, "not 'Daily'"},
		{"daily", 0, TLC_EINPUT, 5, 0, "expected a space and a time of day at the end"},
		{"daily 9:30", 0, TLC_EINPUT, 6, 1, "hour '9' must have 2 digits: write '09:30'"},
		{"daily 9:3", 0, TLC_EINPUT, 6, 3, "expected a time of day like '09:30' or '17:40:05', "
		 "not '9:3'"},
		{"daily 6pm", 0, TLC_EINPUT, 6, 3, "'6pm' is a 12-hour time: write '18:00' (times are "
		 "24-hour)"},
		{"weekdays 09:00, 6:30 PM", 0, TLC_EINPUT, 16, 7, "'6:30 PM' is a 12-hour time: write "
		 "'18:30'"},
		{"daily 12am", 0, TLC_EINPUT, 6, 4, "write '00:00'"},
		{"daily 13pm", 0, TLC_EINPUT, 6, 4, "expected a time of day like"},
		{"daily 24:00", 0, TLC_EINPUT, 6, 5, "'24:00' is not a time of day"},
		{"daily 09:60", 0, TLC_EINPUT, 6, 5, "'09:60' is not a time of day"},
		{"daily 09:30,", 0, TLC_EINPUT, 12, 0, "expected a time of day"},
		{"daily 09:30, 09:30", 0, TLC_EINPUT, 13, 5, "'09:30' is given twice"},
		{"daily 09:30 18:00", 0, TLC_EINPUT, 12, 5,
		 "expected ',' and another time of day, or the end, not '18:00'"},
		{"daily 09:30x", 0, TLC_EINPUT, 6, 6, "expected a time of day"},
		{"mon,wed,mon 18:00", 0, TLC_EINPUT, 8, 3, "'mon' is given twice"},
		{"mon,xyz 18:00", 0, TLC_EINPUT, 4, 3, "expected a weekday 'mon'"},
		{"monthly 09:00", 0, TLC_EINPUT, 8, 5, "expected 'on the' after 'monthly', not '09:00'"},
		{"monthly on the 1th 09:00", 0, TLC_EINPUT, 15, 3, "'1th' should be '1st'"},
		{"monthly on the 12nd 09:00", 0, TLC_EINPUT, 15, 4, "'12nd' should be '12th'"},
		{"monthly on the 32nd 09:00", 0, TLC_EINPUT, 15, 4, "'32nd' is not a day of the month"},
		{"monthly on the first 09:00", 0, TLC_EINPUT, 15, 5, "expected a day of the month"},
		{"every 0m", 0, TLC_EINPUT, 6, 2, "the step must be at least 1"},
		{"every 15", 0, TLC_EINPUT, 6, 2, "expected a step like '15m', '2h' or '30s'"},
		{"every 15min", 0, TLC_EINPUT, 6, 5, "'15min': a step takes a unit letter, write '15m'"},
		{"every 15 minutes", 0, TLC_EINPUT, 6, 10, "'15 minutes': a step takes a unit letter, "
		 "write '15m'"},
		{"every 2 Hours from 06:00 to 23:00", 0, TLC_EINPUT, 6, 7, "write '2h'"},
		{"every 15 m", 0, TLC_EINPUT, 6, 4, "write '15m'"},
		{"every 15 days", 0, TLC_EINPUT, 6, 2, "expected a step like"},
		{"every 2000000m", 0, TLC_ERANGE, 6, 8, "is past the limit 1000000"},
		{"every 25m from 06:00 to 23:00", 0, TLC_EINPUT, 6, 3,
		 "a window needs a step that divides an hour"},
		{"every 90m from 06:00 to 12:00", 0, TLC_EINPUT, 6, 3, "a window needs a step"},
		{"every 30s from 06:00 to 07:00", 0, TLC_EINPUT, 6, 3, "a window needs a step"},
		{"every 15m from 23:00 to 06:00", 0, TLC_EINPUT, 10, 19,
		 "the window must not end before it starts"},
		{"every 15m from 06:00", 0, TLC_EINPUT, 20, 0, "expected 'to' and the end of the window"},
		{"every 15m until 06:00", 0, TLC_EINPUT, 10, 5, "expected 'from'"},
		{"every 1m from 00:00 to 23:30", 0, TLC_ERANGE, 9, 19, "too many times of day"},
		{"daily 00:00,01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,11:00,"
		 "12:00,13:00,14:00,15:00,16:00,17:00,18:00,19:00,20:00,21:00,22:00,23:00,23:30",
		 0, TLC_ERANGE, 150, 5, "too many times of day: at most 24"},
		{"daily\0 09:00", 12, TLC_EINPUT, 5, 1, "a NUL byte is not allowed"},
	};
	check_bad(cases, sizeof cases / sizeof cases[0], tlc_recur_parse_friendly);
}

/* ---- DTSTART, EXDATE, RDATE --------------------------------------------------------------- */

Test(recur, dates)
{
	tlc_recur *r = rrule("FREQ=DAILY", NULL);
	tlc_err err = {0, 0, ""};
	cr_expect(tlc_recur_needs_dtstart(r));
	cr_expect_eq(tlc_recur_set_dtstart(r, "2026-03-29 09:30Z", 17, &err), TLC_EINPUT);
	cr_expect_eq(err.offset, 16);
	cr_expect(strstr(err.msg, "drop the 'Z'"), "%s", err.msg);
	cr_expect_eq(tlc_recur_set_dtstart(r, "2026-02-30", 10, &err), TLC_EINPUT);
	cr_expect(strstr(err.msg, "'2026-02-30' is not a valid date-time"), "%s", err.msg);
	cr_expect_eq(tlc_recur_set_dtstart(r, "1969-12-31 23:00", 16, &err), TLC_ERANGE);
	cr_expect_eq(err.offset, 0);
	cr_expect_eq(err.len, 4);
	cr_expect_eq(tlc_recur_set_dtstart(r, "2026-03-29 9:30", 15, &err), TLC_EINPUT);
	cr_expect(tlc_recur_needs_dtstart(r), "a failed set must not change the rule");
	cr_expect_eq(tlc_recur_set_dtstart(r, "2026-03-29T09:30", 16, &err), 0);
	cr_expect_eq(tlc_recur_set_dtstart(r, "20260329T093000", 15, &err), 0);
	cr_expect_eq(tlc_recur_set_dtstart(r, "2026-03-29", 10, &err), 0);
	cr_expect_eq(tlc_recur_set_dtstart_local(r, T(10000, 1, 1, 0, 0, 0)), TLC_ERANGE);
	cr_expect(!tlc_recur_needs_dtstart(r));

	cr_expect_eq(tlc_recur_add_exdates(r, "20260101T000000,,20260102T000000", 32, &err),
		     TLC_EINPUT);
	cr_expect_eq(err.offset, 16);
	cr_expect_eq(err.len, 0);
	cr_expect_eq(tlc_recur_add_rdates(r, "2026-12-24 14:00, 2026-12-24", 28, &err), TLC_EINPUT);
	cr_expect_eq(err.offset, 18);
	cr_expect_eq(err.len, 10);
	cr_expect(strstr(err.msg, "rdate '2026-12-24' needs a time of day"), "%s", err.msg);
	cr_expect_eq(tlc_recur_add_exdates(r, "EXDATE:2026-12-24, 20261231T120000Z", 35, &err), 0);
	cr_expect_eq(tlc_recur_add_rdates(r, "RDATE:20261224T140000", 21, &err), 0);
	tlc_recur_free(r);
}

static void add_many(tlc_buf *b, int year, int n)
{
	tlc_buf_clear(b);
	for (int i = 0; i < n; i++)
		tlc_buf_printf(b, "%s%04d%02d%02dT%02d0000", i ? "," : "", year, 1 + i % 12, 1 + i % 28,
			       i / 28);
}

Test(recur, dates_limit)
{
	tlc_recur *r = rrule("FREQ=DAILY", "2026-01-01");
	tlc_buf b = TLC_BUF_INIT;
	tlc_err err;
	add_many(&b, 2026, 500);
	cr_assert_eq(tlc_recur_add_exdates(r, b.ptr, b.len, &err), 0, "%s", err.msg);
	cr_expect_eq(tlc_recur_add_exdates(r, b.ptr, b.len, &err), 0, "duplicates merge");
	cr_expect_eq(tlc_recur_add_exdates(r, "20300101", 8, &err), 0);
	add_many(&b, 2027, 500);
	cr_expect_eq(tlc_recur_add_exdates(r, b.ptr, b.len, &err), TLC_ERANGE);
	cr_expect(strstr(err.msg, "at most 1000"), "%s", err.msg);
	cr_expect_eq(err.offset, 499 * 16, "the value past the limit");
	cr_expect_eq(tlc_recur_add_rdates(r, b.ptr, b.len, &err), 0, "a separate limit");
	tlc_buf_release(&b);
	tlc_recur_free(r);
}

/* ---- fixtures: RFC 5545 examples and the dateutil cross-check ------------------------------ */

typedef struct fcase {
	char name[64], zone[64], dtstart[64], seek[64];
	char rule[1024], exdate[1024], rdate[1024];
	tlc_time want[160];
	int32_t want_off[160];
	int nwant;
	bool complete;
} fcase;

/* "2026-03-29T09:30:00+02:00" -> instant and offset. */
static bool parse_expect(const char *s, tlc_time *utc, int32_t *off)
{
	int y, mo, d, h, mi, sec, oh, om;
	char sign;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h, &mi, &sec, &sign, &oh,
		   &om) != 9)
		return false;
	*off = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	*utc = T(y, mo, d, h, mi, sec) - *off;
	return true;
}

static int run_case(const fcase *c)
{
	const tlc_zone *z = Z(c->zone);
	tlc_recur *r = NULL, *r2 = NULL;
	tlc_recur_iter *it = NULL;
	tlc_recur_occ o;
	tlc_err err;
	char *s1, *s2;
	int bad = 0;
	cr_assert_eq(tlc_recur_parse_rrule(&r, c->rule, strlen(c->rule), &err), 0, "%s: %s", c->name,
		     err.msg);
	s1 = format(r);
	r2 = rrule(s1, NULL);
	s2 = format(r2);
	cr_expect_str_eq(s2, s1, "%s: format is not a fixpoint", c->name);
	cr_assert_eq(tlc_recur_set_dtstart(r, c->dtstart, strlen(c->dtstart), &err), 0, "%s", c->name);
	if (c->exdate[0])
		cr_assert_eq(tlc_recur_add_exdates(r, c->exdate, strlen(c->exdate), &err), 0, "%s: %s",
			     c->name, err.msg);
	if (c->rdate[0])
		cr_assert_eq(tlc_recur_add_rdates(r, c->rdate, strlen(c->rdate), &err), 0, "%s: %s",
			     c->name, err.msg);
	cr_assert_eq(tlc_recur_iter_new(&it, r, z, NULL), 0, "%s", c->name);
	if (c->seek[0]) {
		int y, mo, d, h, mi, sec;
		cr_assert_eq(sscanf(c->seek, "%4d%2d%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &sec), 6);
		tlc_recur_iter_seek(it, T(y, mo, d, h, mi, sec));
	}
	for (int i = 0; i < c->nwant && !bad; i++) {
		int rc = tlc_recur_iter_next(&o, it);
		if (rc != 0 || o.utc != c->want[i] || tlc_zone_offset(z, o.utc) != c->want_off[i]) {
			cr_expect_fail("%s (%s): occurrence %d: rc %d, got %lld (offset %d), want %lld "
				       "(offset %d)", c->name, c->rule, i, rc, (long long)o.utc,
				       tlc_zone_offset(z, o.utc), (long long)c->want[i], c->want_off[i]);
			bad = 1;
		}
	}
	if (!bad && c->complete && tlc_recur_iter_next(&o, it) != TLC_ENOTFOUND) {
		cr_expect_fail("%s (%s): an occurrence past the end: %lld", c->name, c->rule,
			       (long long)o.utc);
		bad = 1;
	}
	tlc_recur_iter_free(it);
	tlc_recur_free(r);
	tlc_recur_free(r2);
	free(s1);
	free(s2);
	return bad;
}

static void fixture_line(fcase *c, char *line, int *ncases, int *nbad)
{
	char *v = strchr(line, ' ');
	char *tok;
	if (v)
		*v++ = 0;
	if (strcmp(line, "case") == 0) {
		memset(c, 0, sizeof *c);
		snprintf(c->name, sizeof c->name, "%s", v);
	} else if (strcmp(line, "zone") == 0) {
		snprintf(c->zone, sizeof c->zone, "%s", v);
	} else if (strcmp(line, "dtstart") == 0) {
		snprintf(c->dtstart, sizeof c->dtstart, "%s", v);
	} else if (strcmp(line, "rrule") == 0) {
		snprintf(c->rule, sizeof c->rule, "%s", v);
	} else if (strcmp(line, "exdate") == 0) {
		snprintf(c->exdate, sizeof c->exdate, "%s", v);
	} else if (strcmp(line, "rdate") == 0) {
		snprintf(c->rdate, sizeof c->rdate, "%s", v);
	} else if (strcmp(line, "seek") == 0) {
		snprintf(c->seek, sizeof c->seek, "%s", v);
	} else if (strcmp(line, "expect") == 0) {
		for (tok = strtok(v, " "); tok; tok = strtok(NULL, " ")) {
			cr_assert_lt(c->nwant, 160, "%s: too many expected values", c->name);
			cr_assert(parse_expect(tok, &c->want[c->nwant], &c->want_off[c->nwant]),
				  "%s: bad value '%s'", c->name, tok);
			c->nwant++;
		}
	} else if (strcmp(line, "complete") == 0 || strcmp(line, "more") == 0) {
		c->complete = line[0] == 'c';
		*nbad += run_case(c);
		(*ncases)++;
	} else if (strcmp(line, "title") != 0) {
		cr_assert_fail("unknown fixture line '%s'", line);
	}
}

static int run_fixture(const char *path, int *nbad)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	fcase *c = calloc(1, sizeof *c);
	int ncases = 0;
	cr_assert_not_null(f, "cannot open %s (tests run with cwd = tests/)", path);
	*nbad = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (line[0] && line[0] != '#')
			fixture_line(c, line, &ncases, nbad);
	}
	fclose(f);
	free(c);
	return ncases;
}

Test(recur, rfc5545_examples)
{
	int bad, n = run_fixture("fixtures/recur/rfc5545.txt", &bad);
	cr_expect_eq(n, 42, "cases run: %d", n);
	cr_expect_eq(bad, 0, "%d of %d RFC 5545 examples differ", bad, n);
}

Test(recur, dateutil_cross_check)
{
	int bad, n = run_fixture("fixtures/recur/dateutil-cases.txt", &bad);
	cr_expect_eq(n, 400, "cases run: %d", n);
	cr_expect_eq(bad, 0, "%d of %d dateutil cases differ", bad, n);
}

/* ---- DST ---------------------------------------------------------------------------------- */

/* Daily 09:30 across both changes of a year: always 09:30 on the wall, the offset follows. */
static void daily_0930(const char *zone, int y, int m1, int d1, int m2, int d2, int32_t std,
		       int32_t dst)
{
	const tlc_zone *z = Z(zone);
	tlc_recur *r = friendly("daily 09:30");
	tlc_recur_occ o[8];
	tlc_time day1 = T(y, m1, d1, 0, 0, 0), day2 = T(y, m2, d2, 0, 0, 0);
	size_t n = take(o, 8, r, z, NULL, day1 - 3 * 86400 - std);
	cr_assert_eq(n, 8);
	for (size_t i = 0; i < n; i++) {
		tlc_time local = day1 + (tlc_time)(i - 3) * 86400 + 9 * 3600 + 1800;
		int32_t off = i < 3 ? std : dst;
		cr_expect_eq(o[i].utc, local - off, "%s spring %zu", zone, i);
		cr_expect_eq(o[i].local, local);
		cr_expect_eq(o[i].flags, 0u);
	}
	n = take(o, 8, r, z, NULL, day2 - 3 * 86400 - dst);
	cr_assert_eq(n, 8);
	for (size_t i = 0; i < n; i++) {
		tlc_time local = day2 + (tlc_time)(i - 3) * 86400 + 9 * 3600 + 1800;
		cr_expect_eq(o[i].utc, local - (i < 3 ? dst : std), "%s autumn %zu", zone, i);
	}
	tlc_recur_free(r);
}

Test(recur, dst_daily_0930_berlin_and_new_york)
{
	daily_0930("Europe/Berlin", 2026, 3, 29, 10, 25, 3600, 7200);
	daily_0930("America/New_York", 2026, 3, 8, 11, 1, -18000, -14400);
}

Test(recur, dst_gap_skipped_per_rfc)
{
	tlc_recur *r = rrule("FREQ=DAILY", "2026-03-27 02:30");
	events ev = {.n = 0};
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	tlc_recur_occ occ[4];
	o.on_event = on_event;
	o.ud = &ev;
	cr_assert_eq(take(occ, 4, r, Z("Europe/Berlin"), &o, TLC_TIME_MIN), 4);
	cr_expect_eq(occ[0].utc, T(2026, 3, 27, 1, 30, 0));
	cr_expect_eq(occ[1].utc, T(2026, 3, 28, 1, 30, 0));
	cr_expect_eq(occ[2].utc, T(2026, 3, 30, 0, 30, 0)); /* 03-29 02:30 does not exist */
	cr_expect_eq(occ[3].utc, T(2026, 3, 31, 0, 30, 0));
	cr_assert_eq(ev.n, 1);
	cr_expect_eq(ev.v[0].kind, TLC_RECUR_EV_GAP_SKIPPED);
	cr_expect_eq(ev.v[0].local, T(2026, 3, 29, 2, 30, 0));
	cr_expect_eq(ev.v[0].utc, T(2026, 3, 29, 1, 30, 0));
	cr_expect_eq(ev.v[0].seconds, 3600);
	cr_expect(!ev.v[0].rdate);
	tlc_recur_free(r);
}

Test(recur, dst_gap_not_counted)
{
	tlc_recur *r = rrule("FREQ=DAILY;COUNT=3", "2026-03-28 02:30");
	tlc_recur_occ occ[4];
	cr_assert_eq(take(occ, 4, r, Z("Europe/Berlin"), NULL, TLC_TIME_MIN), 3);
	cr_expect_eq(occ[2].utc, T(2026, 3, 31, 0, 30, 0), "the skipped 03-29 does not count");
	tlc_recur_free(r);
}

Test(recur, dst_gap_shifted_on_request)
{
	tlc_recur *r = friendly("daily 02:30");
	events ev = {.n = 0};
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	tlc_recur_occ occ[3];
	o.gap = TLC_RECUR_GAP_SHIFT;
	o.on_event = on_event;
	o.ud = &ev;
	cr_assert_eq(take(occ, 3, r, Z("Europe/Berlin"), &o, T(2026, 3, 28, 12, 0, 0)), 3);
	cr_expect_eq(occ[0].utc, T(2026, 3, 29, 1, 30, 0), "03:30 CEST");
	cr_expect_eq(occ[0].local, T(2026, 3, 29, 2, 30, 0));
	cr_expect_eq(occ[0].flags, (unsigned)TLC_RECUR_OCC_SHIFTED);
	cr_expect_eq(occ[1].utc, T(2026, 3, 30, 0, 30, 0));
	cr_expect_eq(occ[2].utc, T(2026, 3, 31, 0, 30, 0));
	cr_assert_eq(ev.n, 1);
	cr_expect_eq(ev.v[0].kind, TLC_RECUR_EV_GAP_SHIFTED);
	cr_expect_eq(ev.v[0].utc, T(2026, 3, 29, 1, 30, 0));
	tlc_recur_free(r);
}

Test(recur, dst_overlap_first_instant)
{
	tlc_recur *r = rrule("FREQ=DAILY;COUNT=3", "2026-10-31 01:30");
	const tlc_zone *z = Z("America/New_York");
	events ev = {.n = 0};
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	tlc_recur_occ occ[3];
	o.on_event = on_event;
	o.ud = &ev;
	cr_assert_eq(take(occ, 3, r, z, &o, TLC_TIME_MIN), 3);
	cr_expect_eq(occ[1].utc, T(2026, 11, 1, 5, 30, 0), "01:30 EDT, the first of the two");
	cr_expect_eq(occ[1].flags, (unsigned)TLC_RECUR_OCC_OVERLAP);
	cr_assert_eq(ev.n, 1);
	cr_expect_eq(ev.v[0].kind, TLC_RECUR_EV_OVERLAP_EARLIER);
	cr_expect_eq(ev.v[0].seconds, 3600);
	o.overlap = TLC_DISAMB_LATER;
	cr_assert_eq(take(occ, 3, r, z, &o, TLC_TIME_MIN), 3);
	cr_expect_eq(occ[1].utc, T(2026, 11, 1, 6, 30, 0), "01:30 EST with LATER");
	o.overlap = TLC_DISAMB_REJECT;
	ev.n = 0;
	cr_assert_eq(take(occ, 3, r, z, &o, TLC_TIME_MIN), 3);
	cr_expect_eq(occ[1].utc, T(2026, 11, 2, 6, 30, 0), "REJECT drops it");
	cr_expect_eq(occ[2].utc, T(2026, 11, 3, 6, 30, 0), "and it does not count");
	cr_assert_eq(ev.n, 1);
	cr_expect_eq(ev.v[0].kind, TLC_RECUR_EV_OVERLAP_SKIPPED);
	tlc_recur_free(r);
}

Test(recur, dst_shift_merges_and_dedups)
{
	/* every 30 min through Berlin's gap: 02:00 and 02:30 shift onto 03:00 and 03:30 */
	tlc_recur *r = rrule("FREQ=MINUTELY;INTERVAL=30;COUNT=8", "2026-03-29 01:00");
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	events ev = {.n = 0};
	tlc_recur_occ occ[10];
	static const int want[][2] = {{0, 0}, {0, 30}, {1, 0}, {1, 30}, {2, 0}, {2, 30}};
	o.gap = TLC_RECUR_GAP_SHIFT;
	o.on_event = on_event;
	o.ud = &ev;
	cr_assert_eq(take(occ, 10, r, Z("Europe/Berlin"), &o, TLC_TIME_MIN), 6,
		     "8 readings, 2 of them land on others");
	for (int i = 0; i < 6; i++)
		cr_expect_eq(occ[i].utc, T(2026, 3, 29, want[i][0], want[i][1], 0), "%d", i);
	cr_expect_eq(ev.n, 2, "both shifts are reported");
	tlc_recur_free(r);
	/* a shifted reading that lands between natural ones keeps the order */
	r = rrule("FREQ=MINUTELY;INTERVAL=45;COUNT=6", "2026-03-29 01:15");
	cr_assert_eq(take(occ, 10, r, Z("Europe/Berlin"), &o, TLC_TIME_MIN), 6);
	/* readings 01:15, 02:00 (gap -> 01:00Z), 02:45 (gap -> 01:45Z), 03:30, 04:15, 05:00 */
	cr_expect_eq(occ[0].utc, T(2026, 3, 29, 0, 15, 0));
	cr_expect_eq(occ[1].utc, T(2026, 3, 29, 1, 0, 0));
	cr_expect_eq(occ[2].utc, T(2026, 3, 29, 1, 30, 0));
	cr_expect_eq(occ[3].utc, T(2026, 3, 29, 1, 45, 0));
	cr_expect_eq(occ[4].utc, T(2026, 3, 29, 2, 15, 0));
	cr_expect_eq(occ[5].utc, T(2026, 3, 29, 3, 0, 0));
	tlc_recur_free(r);
}

Test(recur, dst_lord_howe_half_hour)
{
	/* Lord Howe springs from 02:00 to 02:30 (+10:30 -> +11:00) on 2026-10-04 */
	tlc_recur *r = friendly("every 15m");
	tlc_recur_occ occ[6];
	const tlc_zone *z = Z("Australia/Lord_Howe");
	cr_assert_eq(take(occ, 6, r, z, NULL, T(2026, 10, 4, 1, 30, 0) - 37800), 6);
	cr_expect_eq(occ[0].local, T(2026, 10, 4, 1, 30, 0));
	cr_expect_eq(occ[1].local, T(2026, 10, 4, 1, 45, 0));
	cr_expect_eq(occ[2].local, T(2026, 10, 4, 2, 30, 0), "02:00 and 02:15 do not exist");
	cr_expect_eq(occ[2].utc - occ[1].utc, 900);
	tlc_recur_free(r);
}

/* ---- friendly forms expanded -------------------------------------------------------------- */

Test(recur, friendly_expansion)
{
	const tlc_zone *berlin = Z("Europe/Berlin"), *ny = Z("America/New_York");
	tlc_recur *r = friendly("weekdays 09:30");
	tlc_recur_occ occ[80];
	tlc_time t;
	cr_assert_eq(take(occ, 1, r, berlin, NULL, T(2026, 12, 4, 9, 0, 0)), 1); /* a Friday */
	cr_expect_eq(occ[0].local, T(2026, 12, 7, 9, 30, 0), "then Monday");
	tlc_recur_free(r);

	r = friendly("every 15m from 06:00 to 23:00");
	cr_assert_eq(take(occ, 70, r, berlin, NULL, T(2026, 6, 1, 0, 0, 0)), 70);
	cr_expect_eq(occ[0].local, T(2026, 6, 1, 6, 0, 0));
	cr_expect_eq(occ[68].local, T(2026, 6, 1, 23, 0, 0), "'to' is inclusive");
	cr_expect_eq(occ[69].local, T(2026, 6, 2, 6, 0, 0));
	tlc_recur_free(r);

	r = friendly("every 2h");
	cr_assert_eq(take(occ, 3, r, ny, NULL, T(2026, 3, 8, 5, 0, 0)), 3);
	cr_expect_eq(occ[0].local, T(2026, 3, 8, 0, 0, 0));
	cr_expect_eq(occ[1].local, T(2026, 3, 8, 4, 0, 0), "02:00 does not exist in New York");
	cr_expect_eq(occ[1].utc - occ[0].utc, 3 * 3600);
	tlc_recur_free(r);

	r = friendly("monthly on the last day 18:00");
	cr_assert_eq(take(occ, 3, r, berlin, NULL, T(2026, 1, 1, 0, 0, 0)), 3);
	cr_expect_eq(occ[0].local, T(2026, 1, 31, 18, 0, 0));
	cr_expect_eq(occ[1].local, T(2026, 2, 28, 18, 0, 0));
	cr_expect_eq(occ[2].local, T(2026, 3, 31, 18, 0, 0));
	cr_expect_eq(tlc_recur_next_after(&t, NULL, r, berlin, NULL, occ[1].utc), 0);
	cr_expect_eq(t, occ[2].utc, "strictly after");
	cr_expect_eq(tlc_recur_next_after(&t, NULL, r, berlin, NULL, occ[1].utc - 1), 0);
	cr_expect_eq(t, occ[1].utc);
	tlc_recur_free(r);

	r = friendly("daily 09:00, 18:30");
	cr_assert_eq(take(occ, 3, r, NULL, NULL, T(2026, 5, 5, 12, 0, 0)), 3);
	cr_expect_eq(occ[0].utc, T(2026, 5, 5, 18, 30, 0));
	cr_expect_eq(occ[1].utc, T(2026, 5, 6, 9, 0, 0));
	cr_expect_eq(occ[2].utc, T(2026, 5, 6, 18, 30, 0));
	tlc_recur_free(r);
}

Test(recur, friendly_with_dtstart)
{
	tlc_recur *r = friendly("every 2h");
	tlc_recur_occ occ[3];
	tlc_err err;
	cr_assert_eq(tlc_recur_set_dtstart(r, "2026-05-05 09:10", 16, &err), 0);
	cr_assert_eq(take(occ, 3, r, NULL, NULL, TLC_TIME_MIN), 3);
	cr_expect_eq(occ[0].utc, T(2026, 5, 5, 9, 10, 0), "anchored at DTSTART");
	cr_expect_eq(occ[2].utc, T(2026, 5, 5, 13, 10, 0));
	tlc_recur_free(r);
}

/* ---- EXDATE and RDATE --------------------------------------------------------------------- */

Test(recur, exdate_and_rdate)
{
	tlc_recur *r = friendly("daily 09:30");
	const tlc_zone *z = Z("Europe/Berlin");
	tlc_recur_occ occ[8];
	tlc_err err;
	cr_assert_eq(tlc_recur_add_exdates(r, "2026-12-24, 2026-12-26 09:30, 20261227T083000Z", 46,
					   &err), 0, "%s", err.msg);
	cr_assert_eq(tlc_recur_add_rdates(r, "2026-12-24 14:00,2026-12-25 09:30,20261228T120000Z",
					  50, &err), 0, "%s", err.msg);
	cr_assert_eq(take(occ, 6, r, z, NULL, T(2026, 12, 23, 0, 0, 0)), 6);
	cr_expect_eq(occ[0].local, T(2026, 12, 23, 9, 30, 0));
	cr_expect_eq(occ[1].local, T(2026, 12, 25, 9, 30, 0), "24th excluded all day, 14:00 too");
	cr_expect_eq(occ[1].flags, 0u, "also from the rule: not flagged RDATE");
	cr_expect_eq(occ[2].local, T(2026, 12, 28, 9, 30, 0), "26th local and 27th UTC excluded");
	cr_expect_eq(occ[3].utc, T(2026, 12, 28, 12, 0, 0));
	cr_expect_eq(occ[3].flags, (unsigned)TLC_RECUR_OCC_RDATE);
	cr_expect_eq(occ[4].local, T(2026, 12, 29, 9, 30, 0));
	tlc_recur_free(r);
}

Test(recur, rdate_before_dtstart_and_count)
{
	tlc_recur *r = rrule("FREQ=WEEKLY;COUNT=2", "2026-01-05 10:00");
	tlc_recur_occ occ[8];
	tlc_err err;
	cr_assert_eq(tlc_recur_add_rdates(r, "2026-01-01 12:00, 2026-03-29 02:30", 34, &err), 0);
	cr_assert_eq(take(occ, 8, r, Z("Europe/Berlin"), NULL, TLC_TIME_MIN), 4);
	cr_expect_eq(occ[0].local, T(2026, 1, 1, 12, 0, 0), "RDATE ignores DTSTART and COUNT");
	cr_expect_eq(occ[1].local, T(2026, 1, 5, 10, 0, 0));
	cr_expect_eq(occ[2].local, T(2026, 1, 12, 10, 0, 0));
	cr_expect_eq(occ[3].utc, T(2026, 3, 29, 1, 30, 0), "an RDATE in a gap shifts (RFC 5545 3.3.5)");
	cr_expect_eq(occ[3].flags, (unsigned)(TLC_RECUR_OCC_RDATE | TLC_RECUR_OCC_SHIFTED));
	tlc_recur_free(r);
}

Test(recur, exdate_counts_for_count)
{
	tlc_recur *r = rrule("FREQ=DAILY;COUNT=3", "2026-01-01 08:00");
	tlc_recur_occ occ[4];
	tlc_err err;
	cr_assert_eq(tlc_recur_add_exdates(r, "20260102T080000", 15, &err), 0);
	cr_assert_eq(take(occ, 4, r, NULL, NULL, TLC_TIME_MIN), 2, "EXDATE removes, COUNT still counts");
	cr_expect_eq(occ[1].utc, T(2026, 1, 3, 8, 0, 0));
	tlc_recur_free(r);
}

Test(recur, until_forms)
{
	tlc_recur_occ occ[8];
	tlc_recur *r = rrule("FREQ=DAILY;UNTIL=20261224", "2026-12-20 09:30");
	cr_expect_eq(take(occ, 8, r, Z("Europe/Berlin"), NULL, TLC_TIME_MIN), 5,
		     "a bare-date UNTIL keeps the whole local day");
	tlc_recur_free(r);
	r = rrule("FREQ=DAILY;UNTIL=20261224T093000", "2026-12-20 09:30");
	cr_expect_eq(take(occ, 8, r, Z("Europe/Berlin"), NULL, TLC_TIME_MIN), 5, "local: inclusive");
	tlc_recur_free(r);
	r = rrule("FREQ=DAILY;UNTIL=20261224T082959Z", "2026-12-20 09:30");
	cr_expect_eq(take(occ, 8, r, Z("Europe/Berlin"), NULL, TLC_TIME_MIN), 4, "UTC: 08:30Z is past");
	cr_expect(tlc_recur_is_bounded(r));
	tlc_recur_free(r);
}

Test(recur, dtstart_counts_only_when_it_matches)
{
	tlc_recur_occ occ[2];
	tlc_recur *r = rrule("FREQ=WEEKLY;BYDAY=TU;COUNT=2", "2026-01-05 10:00"); /* a Monday */
	cr_assert_eq(take(occ, 2, r, NULL, NULL, TLC_TIME_MIN), 2);
	cr_expect_eq(occ[0].utc, T(2026, 1, 6, 10, 0, 0));
	cr_expect_eq(occ[1].utc, T(2026, 1, 13, 10, 0, 0));
	tlc_recur_free(r);
}

Test(recur, iterator_reseeks)
{
	tlc_recur *r = rrule("FREQ=HOURLY;INTERVAL=5;COUNT=20", "2026-03-28 21:00");
	tlc_recur_iter *it = NULL;
	tlc_recur_occ a[6], b;
	cr_assert_eq(tlc_recur_iter_new(&it, r, Z("Europe/Berlin"), NULL), 0);
	for (int i = 0; i < 6; i++)
		cr_assert_eq(tlc_recur_iter_next(&a[i], it), 0);
	cr_assert_eq(tlc_recur_iter_seek(it, a[2].utc), 0);
	cr_assert_eq(tlc_recur_iter_next(&b, it), 0);
	cr_expect_eq(b.utc, a[2].utc, "seeking back restarts");
	cr_assert_eq(tlc_recur_iter_seek(it, a[5].utc + 1), 0);
	cr_assert_eq(tlc_recur_iter_next(&b, it), 0);
	cr_expect_eq(b.utc - a[5].utc, 5 * 3600);
	cr_expect_eq(tlc_recur_iter_end(it), TLC_RECUR_END_NONE);
	tlc_recur_iter_free(it);
	tlc_recur_free(r);
}

/* ---- seeking ------------------------------------------------------------------------------ */

/* Seeking to any instant gives the same occurrences as the full expansion sliced there. */
static void seek_equals_slice(const char *rule, const char *dtstart, const char *zone,
			      tlc_recur_gap gap)
{
	enum { N = 300 };
	tlc_recur *r = rrule(rule, dtstart);
	const tlc_zone *z = Z(zone);
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	tlc_recur_occ *all = calloc(N, sizeof *all), got[3];
	size_t n;
	o.gap = gap;
	n = take(all, N, r, z, &o, TLC_TIME_MIN);
	cr_assert_gt(n, 10, "%s", rule);
	for (size_t i = 1; i + 2 < n; i += 1 + i / 3) {
		for (int d = -1; d <= 1; d++) {
			tlc_time at = all[i].utc + d;
			size_t k = d > 0 ? i + 1 : i, m = take(got, 2, r, z, &o, at);
			cr_assert_eq(m, 2, "%s at %lld", rule, (long long)at);
			cr_expect_eq(got[0].utc, all[k].utc, "%s: seek to %lld (occurrence %zu%+d)", rule,
				     (long long)at, i, d);
			cr_expect_eq(got[1].utc, all[k + 1].utc, "%s: after seek to %lld", rule,
				     (long long)at);
		}
	}
	free(all);
	tlc_recur_free(r);
}

Test(recur, seek_equals_slice)
{
	seek_equals_slice("FREQ=DAILY;BYHOUR=2,9;BYMINUTE=30", "2026-03-01", "Europe/Berlin",
			  TLC_RECUR_GAP_SKIP);
	seek_equals_slice("FREQ=MINUTELY;INTERVAL=20", "2026-03-29 01:00", "Europe/Berlin",
			  TLC_RECUR_GAP_SHIFT);
	seek_equals_slice("FREQ=MINUTELY;INTERVAL=20;COUNT=200", "2026-10-31 23:00",
			  "America/New_York", TLC_RECUR_GAP_SKIP);
	seek_equals_slice("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SA;BYHOUR=1,2,3", "2011-12-01 02:00",
			  "Pacific/Apia", TLC_RECUR_GAP_SHIFT);
	seek_equals_slice("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01 17:00",
			  "Asia/Kolkata", TLC_RECUR_GAP_SKIP);
	seek_equals_slice("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2000-02-29 12:00", "UTC",
			  TLC_RECUR_GAP_SKIP);
	seek_equals_slice("FREQ=HOURLY;INTERVAL=5;BYDAY=SU", "2026-03-01 00:30", "Australia/Lord_Howe",
			  TLC_RECUR_GAP_SHIFT);
}

Test(recur, samoa_skipped_day)
{
	/* Pacific/Apia skipped 2011-12-30 entirely (-10:00 -> +14:00 at midnight) */
	tlc_recur *r = friendly("daily 09:00");
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	tlc_recur_occ occ[3];
	const tlc_zone *z = Z("Pacific/Apia");
	cr_assert_eq(take(occ, 3, r, z, NULL, T(2011, 12, 29, 0, 0, 0)), 3);
	cr_expect_eq(occ[0].local, T(2011, 12, 29, 9, 0, 0));
	cr_expect_eq(occ[1].local, T(2011, 12, 31, 9, 0, 0));
	o.gap = TLC_RECUR_GAP_SHIFT;
	cr_assert_eq(take(occ, 3, r, z, &o, T(2011, 12, 29, 0, 0, 0)), 3);
	cr_expect_eq(occ[1].local, T(2011, 12, 31, 9, 0, 0), "the shifted 30th lands on the 31st");
	cr_expect_eq(occ[2].local, T(2012, 1, 1, 9, 0, 0), "once");
	tlc_recur_free(r);
}

Test(recur, between)
{
	tlc_recur *r = friendly("daily 09:30");
	tlc_time out[5];
	size_t n = 99;
	cr_expect_eq(tlc_recur_between(out, 5, &n, r, NULL, NULL, T(2026, 1, 1, 9, 30, 0),
				       T(2026, 1, 6, 9, 30, 0)), 0);
	cr_expect_eq(n, 5, "[from, to)");
	cr_expect_eq(out[0], T(2026, 1, 1, 9, 30, 0));
	n = 99;
	cr_expect_eq(tlc_recur_between(out, 5, &n, r, NULL, NULL, T(2026, 1, 1, 0, 0, 0),
				       T(2026, 1, 7, 0, 0, 0)), TLC_ERANGE);
	cr_expect_eq(n, 99, "not written on failure");
	tlc_recur_free(r);
}

Test(recur, api_contracts)
{
	tlc_recur *r = rrule("FREQ=DAILY", NULL);
	tlc_recur_iter *it = NULL;
	tlc_recur_opts o = TLC_RECUR_OPTS_INIT;
	tlc_time t;
	cr_expect_eq(tlc_recur_iter_new(&it, r, NULL, NULL), TLC_EINVAL, "needs a DTSTART");
	cr_expect_null(it);
	cr_expect_eq(tlc_recur_next_after(&t, NULL, r, NULL, NULL, 0), TLC_EINVAL);
	cr_expect_eq(tlc_recur_parse_rrule(NULL, "FREQ=DAILY", 10, NULL), TLC_EINVAL);
	tlc_recur_free(NULL);
	tlc_recur_iter_free(NULL);
	o.gap = TLC_RECUR_GAP_MAX;
	tlc_recur_set_dtstart_local(r, 0);
	cr_expect_eq(tlc_recur_iter_new(&it, r, NULL, &o), TLC_EINVAL);
	cr_expect_eq(tlc_recur_get_freq(r), TLC_RECUR_DAILY);
	cr_expect(!tlc_recur_is_bounded(r));
	for (int e = 0; e <= TLC_RECUR_END_MAX; e++)
		cr_expect_not_null(tlc_recur_end_str((tlc_recur_end)e));
	tlc_recur_free(r);
}

/* ---- limits and pathological rules -------------------------------------------------------- */

Test(recur, year_range)
{
	tlc_recur *r = rrule("FREQ=DAILY", "9999-12-30 20:00");
	tlc_recur_occ occ[4];
	tlc_recur_iter *it = NULL;
	cr_expect_eq(take(occ, 4, r, NULL, NULL, TLC_TIME_MIN), 2);
	cr_assert_eq(tlc_recur_iter_new(&it, r, Z("America/New_York"), NULL), 0);
	cr_expect_eq(tlc_recur_iter_next(&occ[0], it), 0);
	cr_expect_eq(tlc_recur_iter_next(&occ[1], it), TLC_ENOTFOUND,
		     "9999-12-31 20:00 in New York is past TLC_TIME_MAX");
	cr_expect_eq(tlc_recur_iter_end(it), TLC_RECUR_END_RANGE);
	tlc_recur_iter_free(it);
	tlc_recur_free(r);
	r = rrule("FREQ=DAILY", "1970-01-01 00:30");
	cr_expect_eq(take(occ, 1, r, Z("Europe/Berlin"), NULL, TLC_TIME_MIN), 1);
	cr_expect_eq(occ[0].local, T(1970, 1, 2, 0, 30, 0), "1969 in UTC is never returned");
	tlc_recur_free(r);
}

Test(recur, pathological_rules_end_fast)
{
	static const struct {
		const char *rule, *dtstart;
		tlc_recur_end end;
	} cases[] = {
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1,2,3", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=YEARLY;BYYEARDAY=1;BYMONTH=2", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=DAILY;INTERVAL=997;BYMONTH=2;BYMONTHDAY=30", "2026-01-01", TLC_RECUR_END_RANGE},
		{"FREQ=WEEKLY;INTERVAL=3;BYMONTH=2;BYDAY=MO;BYSETPOS=2", "1970-01-05", TLC_RECUR_END_NEVER},
		{"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=SECONDLY;INTERVAL=7;BYMONTHDAY=31;BYMONTH=9", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=HOURLY;INTERVAL=24;BYHOUR=10", "2026-01-01 09:00", TLC_RECUR_END_NEVER},
		{"FREQ=MINUTELY;INTERVAL=10080;BYDAY=TU", "2026-01-05 09:00", TLC_RECUR_END_NEVER},
		{"FREQ=MINUTELY;INTERVAL=2;BYMINUTE=1,3,5", "2026-01-05 09:00", TLC_RECUR_END_NEVER},
		{"FREQ=DAILY;BYSECOND=60", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=DAILY;BYSETPOS=2;BYHOUR=9", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=HOURLY;BYSETPOS=2;BYMINUTE=9", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=MINUTELY;BYSETPOS=-2;BYSECOND=9", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=WEEKLY;BYSETPOS=9;BYHOUR=9", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=WEEKLY;BYSETPOS=5;BYDAY=MO;BYHOUR=9", "2026-01-01", TLC_RECUR_END_NEVER},
		{"FREQ=YEARLY;UNTIL=20300101T000000Z;BYMONTH=2;BYMONTHDAY=30", "2026-01-01",
		 TLC_RECUR_END_UNTIL},
		{"FREQ=YEARLY;COUNT=5;BYMONTH=2;BYMONTHDAY=30", "2026-01-01", TLC_RECUR_END_NEVER},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_recur *r = rrule(cases[i].rule, cases[i].dtstart);
		tlc_recur_end end = TLC_RECUR_END_NONE;
		struct timespec t0;
		tlc_time t;
		double ms;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		cr_expect_eq(tlc_recur_next_after(&t, &end, r, Z("Europe/Berlin"), NULL, 0),
			     TLC_ENOTFOUND, "%s", cases[i].rule);
		ms = ms_since(&t0);
		cr_expect_eq(end, cases[i].end, "%s: ended with %s", cases[i].rule,
			     tlc_recur_end_str(end));
		/* speed is make bench's business (never a timed assertion); logged for a look */
		cr_log_info("%s took %.1f ms", cases[i].rule, ms);
		tlc_recur_free(r);
	}
}

Test(recur, sparse_rules_are_found)
{
	static const struct {
		const char *rule, *dtstart;
		int y, m, d;
	} cases[] = {
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "2017-01-01", 2044, 2, 29},
		{"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "2097-03-01", 2104, 2, 29},
		{"FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH", "2021-01-01", 2026, 12, 31},
		{"FREQ=SECONDLY;BYYEARDAY=366", "2025-01-01", 2028, 12, 31},
		{"FREQ=MONTHLY;BYDAY=5FR;BYMONTH=2", "2016-01-01", 2036, 2, 29},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_recur *r = rrule(cases[i].rule, cases[i].dtstart);
		tlc_recur_occ occ;
		cr_assert_eq(take(&occ, 1, r, NULL, NULL, TLC_TIME_MIN), 1, "%s", cases[i].rule);
		cr_expect_eq(tlc_floordiv(occ.utc, 86400) * 86400, T(cases[i].y, cases[i].m, cases[i].d, 0, 0, 0),
			     "%s", cases[i].rule);
		tlc_recur_free(r);
	}
}

Test(recur, iso_week_edges)
{
	/* Mondays of ISO week 1 and Thursdays of week -1 (WKST=MO), as Python's isocalendar() has
	 * them: week 1 may start in December, the last week may end in January. */
	static const int w1[][3] = {{2019, 12, 30}, {2021, 1, 4}, {2022, 1, 3}, {2023, 1, 2},
				    {2024, 1, 1}, {2024, 12, 30}, {2025, 12, 29}};
	static const int wl[][3] = {{2020, 12, 31}, {2021, 12, 30}, {2022, 12, 29}, {2023, 12, 28},
				    {2024, 12, 26}, {2025, 12, 25}, {2026, 12, 31}};
	tlc_recur *r = rrule("FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "2019-06-01");
	tlc_recur_occ occ[7];
	cr_assert_eq(take(occ, 7, r, NULL, NULL, TLC_TIME_MIN), 7);
	for (int i = 0; i < 7; i++)
		cr_expect_eq(occ[i].local, T(w1[i][0], w1[i][1], w1[i][2], 0, 0, 0), "week 1, %d", i);
	tlc_recur_free(r);
	r = rrule("FREQ=YEARLY;BYWEEKNO=-1;BYDAY=TH", "2020-06-01");
	cr_assert_eq(take(occ, 7, r, NULL, NULL, TLC_TIME_MIN), 7);
	for (int i = 0; i < 7; i++)
		cr_expect_eq(occ[i].local, T(wl[i][0], wl[i][1], wl[i][2], 0, 0, 0), "week -1, %d", i);
	tlc_recur_free(r);
	/* week 53 exists only in some years (dateutil 2.9 also returns 1994-01-02, in week 52) */
	r = rrule("FREQ=YEARLY;BYWEEKNO=53;BYDAY=SU", "1990-06-01");
	cr_assert_eq(take(occ, 4, r, NULL, NULL, TLC_TIME_MIN), 4);
	cr_expect_eq(occ[0].local, T(1993, 1, 3, 0, 0, 0));
	cr_expect_eq(occ[1].local, T(1999, 1, 3, 0, 0, 0));
	cr_expect_eq(occ[2].local, T(2005, 1, 2, 0, 0, 0));
	cr_expect_eq(occ[3].local, T(2010, 1, 3, 0, 0, 0));
	tlc_recur_free(r);
}

Test(recur, far_seek_is_direct)
{
	/* a friendly rule is anchored in 1970: seeking to 2026 must not walk there */
	tlc_recur *r = friendly("every 15m");
	tlc_recur_occ occ;
	struct timespec t0;
	double ms;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 100; i++)
		cr_assert_eq(take(&occ, 1, r, Z("Europe/Berlin"), NULL, T(2026 + i, 7, 1, 0, 7, 0)), 1);
	ms = ms_since(&t0);
	cr_expect_eq(occ.local, T(2125, 7, 1, 2, 15, 0));
	cr_log_info("100 seeks took %.1f ms", ms); /* speed: make bench */
	tlc_recur_free(r);
}
