/*
 * Tests for timeparse.h: every form, valid and invalid, with exact error offsets and messages;
 * range boundaries; overflow; DST gaps and overlaps through the system's TZif zones.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "timelinec/civil.h"
#include "timelinec/timeparse.h"

#define G_DUR "expected a duration like '90m', '2h30m', '7d' or 'PT2H30M'"
#define G_TOD "expected a time of day like '09:30' or '17:40:05'"
#define G_INST "expected an instant like '2026-12-01 18:00', '2026-12-01T18:00:00Z' or '@1764612000'"
#define G_WIN "expected a window like '2026-11-25 09:00 .. 2026-12-08 00:00'"
#define G_EXPR "expected '$param', 'now' or an instant, optionally with ' + ' or ' - ' and a " \
	"duration, like '$eta - 10m'"
#define G_DOM "expected a domain like '5m .. 36h after now' or '2026-12-01 .. 2026-12-31'"
#define G_ANCHOR "expected 'after' or 'before' and then 'now' or a '$param', like " \
	"'5m .. 36h after now'"
#define G_NAME "expected a parameter name after '$': a lowercase letter, then lowercase " \
	"letters, digits, '_' or '-'"
#define TOO_LONG "is too long: at most 253402300799 seconds (the span of years 1970..9999)"

static tlc_time T(int y, int mo, int d, int h, int mi, int s)
{
	tlc_civil c = {y, mo, d, h, mi, s};
	return tlc_civil_to_secs(&c);
}

/* An untouched tlc_err, to see that success leaves it alone. */
static tlc_err fresh_err(void)
{
	tlc_err e;
	memset(&e, 0x5a, sizeof e);
	e.msg[0] = '\0';
	return e;
}

static void check_err(const char *what, const char *s, size_t n, int rc, int want_rc,
		      const tlc_err *e, size_t off, size_t len, const char *msg)
{
	cr_assert_eq(rc, want_rc, "%s '%s': rc %d, want %d (%s)", what, s, rc, want_rc, e->msg);
	cr_assert_str_eq(e->msg, msg, "%s '%s': message\n  got:  %s\n  want: %s", what, s, e->msg, msg);
	cr_assert_eq(e->offset, off, "%s '%s': offset %zu, want %zu (%s)", what, s, e->offset, off,
		     e->msg);
	cr_assert_eq(e->len, len, "%s '%s': len %zu, want %zu (%s)", what, s, e->len, len, e->msg);
	cr_assert_leq(e->offset + e->len, n, "%s '%s': error span past the input", what, s);
	cr_assert(strchr(e->msg, '\n') == NULL);
	cr_assert(!(e->msg[0] >= 'A' && e->msg[0] <= 'Z'), "message starts uppercase: %s", e->msg);
}

/* ---- durations ---------------------------------------------------------------------------- */

static int64_t dur_ok(const char *s, unsigned flags)
{
	int64_t v = -12345;
	tlc_err e = fresh_err();
	int rc = tlc_duration_parse(&v, s, strlen(s), flags, &e);
	cr_assert_eq(rc, 0, "duration '%s': rc %d: %s", s, rc, e.msg);
	cr_assert_eq(e.msg[0], '\0', "err written on success");
	return v;
}

static void dur_bad_n(const char *s, size_t n, unsigned flags, int want, size_t off, size_t len,
		      const char *msg)
{
	int64_t v = -12345;
	tlc_err e = fresh_err();
	int rc = tlc_duration_parse(&v, s, n, flags, &e);
	check_err("duration", s, n, rc, want, &e, off, len, msg);
	cr_assert_eq(v, -12345, "output clobbered on failure");
}

static void dur_bad(const char *s, unsigned flags, int want, size_t off, size_t len,
		    const char *msg)
{
	dur_bad_n(s, strlen(s), flags, want, off, len, msg);
}

#define BAD TLC_EINPUT
#define RANGE TLC_ERANGE

Test(duration, friendly)
{
	cr_assert_eq(dur_ok("90m", 0), 5400);
	cr_assert_eq(dur_ok("2h30m", 0), 9000);
	cr_assert_eq(dur_ok("7d", 0), 604800);
	cr_assert_eq(dur_ok("45s", 0), 45);
	cr_assert_eq(dur_ok("0s", 0), 0);
	cr_assert_eq(dur_ok("1w", 0), 604800);
	cr_assert_eq(dur_ok("1w2d3h4m5s", 0), 604800 + 172800 + 10800 + 240 + 5);
	cr_assert_eq(dur_ok("007m", 0), 420);
	cr_assert_eq(dur_ok("36h", 0), 129600);
	cr_assert_eq(dur_ok("1d1s", 0), 86401);
}

Test(duration, iso8601)
{
	cr_assert_eq(dur_ok("PT2H30M", 0), 9000);
	cr_assert_eq(dur_ok("P1DT2H", 0), 93600);
	cr_assert_eq(dur_ok("P7D", 0), 604800);
	cr_assert_eq(dur_ok("P1W", 0), 604800);
	cr_assert_eq(dur_ok("P1W1D", 0), 691200);
	cr_assert_eq(dur_ok("PT0S", 0), 0);
	cr_assert_eq(dur_ok("P0D", 0), 0);
	cr_assert_eq(dur_ok("PT45S", 0), 45);
	cr_assert_eq(dur_ok("PT1M", 0), 60);
	cr_assert_eq(dur_ok("P1DT1H1M1S", 0), 90061);
}

Test(duration, signed)
{
	cr_assert_eq(dur_ok("-30m", TLC_DURATION_SIGNED), -1800);
	cr_assert_eq(dur_ok("+30m", TLC_DURATION_SIGNED), 1800);
	cr_assert_eq(dur_ok("30m", TLC_DURATION_SIGNED), 1800);
	cr_assert_eq(dur_ok("-PT30M", TLC_DURATION_SIGNED), -1800);
	cr_assert_eq(dur_ok("-0s", TLC_DURATION_SIGNED), 0);
	dur_bad("-30m", 0, BAD, 0, 1, "negative duration '-30m' is not allowed here");
	dur_bad("+30m", 0, BAD, 0, 1, "a sign is not allowed here: write '30m'");
	dur_bad("-", TLC_DURATION_SIGNED, BAD, 1, 0, G_DUR);
	dur_bad("--30m", TLC_DURATION_SIGNED, BAD, 1, 4, G_DUR);
	dur_bad("- 30m", TLC_DURATION_SIGNED, BAD, 1, 4, G_DUR);
}

Test(duration, limits)
{
	cr_assert_eq(dur_ok("253402300799s", 0), TLC_DURATION_MAX);
	cr_assert_eq(dur_ok("-253402300799s", TLC_DURATION_SIGNED), -TLC_DURATION_MAX);
	cr_assert_eq(dur_ok("418985w", 0), INT64_C(418985) * 604800);
	cr_assert_eq(dur_ok("418985w1d", 0), INT64_C(418985) * 604800 + 86400);
	dur_bad("253402300800s", 0, RANGE, 0, 13, "duration '253402300800s' " TOO_LONG);
	dur_bad("418986w", 0, RANGE, 0, 7, "duration '418986w' " TOO_LONG);
	dur_bad("418985w2d", 0, RANGE, 7, 2, "duration '418985w2d' " TOO_LONG);
	dur_bad("99999999999999999999d", 0, RANGE, 0, 21, "duration '99999999999999999999d' " TOO_LONG);
	dur_bad("999999999999999999999999999999s", 0, RANGE, 0, 31,
		"duration '999999999999999999999999999999s' " TOO_LONG);
	dur_bad("P99999999999999999999D", 0, RANGE, 1, 21, "duration 'P99999999999999999999D' " TOO_LONG);
	dur_bad("-99999999999999999999d", TLC_DURATION_SIGNED, RANGE, 1, 21,
		"duration '-99999999999999999999d' " TOO_LONG);
}

Test(duration, friendly_errors)
{
	dur_bad("", 0, BAD, 0, 0, G_DUR);
	dur_bad("abc", 0, BAD, 0, 3, G_DUR);
	dur_bad(" 30m", 0, BAD, 0, 4, G_DUR);
	dur_bad("90", 0, BAD, 0, 2, "missing unit after '90': expected s, m, h, d or w, like '90m'");
	dur_bad("2h30", 0, BAD, 2, 2, "missing unit after '30': expected s, m, h, d or w, like '30m'");
	dur_bad("90x", 0, BAD, 2, 1, "unknown unit 'x' in duration: expected s, m, h, d or w");
	dur_bad("90min", 0, BAD, 0, 5, "'90min': a duration takes a unit letter, write '90m'");
	dur_bad("90Sec", 0, BAD, 0, 5, "'90Sec': a duration takes a unit letter, write '90s'");
	dur_bad("90mn", 0, BAD, 2, 2, "unknown unit 'mn' in duration: expected s, m, h, d or w");
	dur_bad("2H", 0, BAD, 1, 1, "unknown unit 'H' in duration: expected s, m, h, d or w");
	dur_bad("5\xd0\xbc", 0, BAD, 1, 2, "unknown unit '\xd0\xbc' in duration: expected s, m, h, d or w");
	dur_bad("1y", 0, BAD, 0, 2, "years and months are not fixed lengths: use days, like '30d'");
	dur_bad("3mo", 0, BAD, 0, 3, "years and months are not fixed lengths: use days, like '30d'");
	dur_bad("1.5h", 0, BAD, 1, 2,
		"fraction '.5' in duration: use whole numbers of a smaller unit, like '90m'");
	dur_bad("30m2h", 0, BAD, 3, 2,
		"unit 'h' after 'm' in duration '30m2h': write units from largest to smallest, each "
		"once, like '2h30m'");
	dur_bad("1h1h", 0, BAD, 2, 2,
		"unit 'h' after 'h' in duration '1h1h': write units from largest to smallest, each "
		"once, like '2h30m'");
	dur_bad("1h 30m", 0, BAD, 2, 1, "unexpected space in duration '1h 30m': write '1h30m'");
	dur_bad("1h  30m 5s", 0, BAD, 2, 2,
		"unexpected space in duration '1h  30m 5s': write '1h30m5s'");
	dur_bad("30m ", 0, BAD, 3, 1, "unexpected ' ' after '30m'");
	dur_bad("30m!", 0, BAD, 3, 1, "unexpected '!' after '30m'");
	dur_bad_n("1h\0", 3, 0, BAD, 2, 1, "unexpected '?' after '1h'");
	dur_bad("1h\xff", 0, BAD, 2, 1, "unexpected '?' after '1h'");
}

/* Units in words get the duration as it is written with unit letters, never minutes for hours. */
Test(duration, in_words)
{
	dur_bad("24 hours", 0, BAD, 0, 8, "'24 hours': a duration takes a unit letter, write '24h'");
	dur_bad("1 day", 0, BAD, 0, 5, "'1 day': a duration takes a unit letter, write '1d'");
	dur_bad("2 Weeks", 0, BAD, 0, 7, "'2 Weeks': a duration takes a unit letter, write '2w'");
	dur_bad("1 day, 2 hours and 30 mins", 0, BAD, 0, 26,
		"'1 day, 2 hours and 30 mins': a duration takes a unit letter, write '1d2h30m'");
	dur_bad("90 s", 0, BAD, 0, 4, "'90 s': a duration takes a unit letter, write '90s'");
	dur_bad("-30 minutes", TLC_DURATION_SIGNED, BAD, 0, 11,
		"'-30 minutes': a duration takes a unit letter, write '-30m'");
	dur_bad("24 hrs ago", 0, BAD, 0, 2, "missing unit after '24': expected s, m, h, d or w, like '24m'");
	dur_bad("1 month", 0, BAD, 0, 7, "years and months are not fixed lengths: use days, like '30d'");
	dur_bad("2 Years", 0, BAD, 0, 7, "years and months are not fixed lengths: use days, like '30d'");
}

Test(duration, iso_errors)
{
	dur_bad("P", 0, BAD, 1, 0, "expected a number after 'P', like 'P7D' or 'PT2H30M'");
	dur_bad("PT", 0, BAD, 1, 1, "expected hours, minutes or seconds after 'T', like 'PT30M'");
	dur_bad("P1DT", 0, BAD, 3, 1, "expected hours, minutes or seconds after 'T', like 'PT30M'");
	dur_bad("P1Y", 0, BAD, 1, 2, "years and months are not fixed lengths: use days, like 'P30D'");
	dur_bad("P2M", 0, BAD, 1, 2, "years and months are not fixed lengths: use days, like 'P30D'");
	dur_bad("P1Y2M3D", 0, BAD, 1, 2,
		"years and months are not fixed lengths: use days, like 'P30D'");
	dur_bad("P1H", 0, BAD, 2, 1, "'H' must come after 'T' in an ISO 8601 duration, like 'PT2H'");
	dur_bad("PT1D", 0, BAD, 3, 1,
		"'D' must come before 'T' in an ISO 8601 duration, like 'P1DT2H'");
	dur_bad("PT0.5S", 0, BAD, 3, 2,
		"fraction '.5' in duration: use whole numbers of a smaller unit, like 'PT90M'");
	dur_bad("PT30M2H", 0, BAD, 5, 2,
		"unit 'H' after 'M' in duration 'PT30M2H': write units from largest to smallest, "
		"each once, like 'PT2H30M'");
	dur_bad("PT30", 0, BAD, 2, 2,
		"missing designator after '30' in ISO 8601 duration: expected W, D, H, M or S");
	dur_bad("P1X", 0, BAD, 2, 1,
		"unknown designator 'X' in ISO 8601 duration: expected W, D, H, M or S");
	dur_bad("P1d", 0, BAD, 2, 1,
		"unknown designator 'd' in ISO 8601 duration: expected W, D, H, M or S");
	dur_bad("PTT1H", 0, BAD, 2, 1,
		"unexpected 'T' in ISO 8601 duration: expected a number and W, D, H, M or S, like "
		"'PT2H30M'");
	dur_bad("PT1H ", 0, BAD, 4, 1,
		"unexpected ' ' in ISO 8601 duration: expected a number and W, D, H, M or S, like "
		"'PT2H30M'");
	dur_bad("pt2h", 0, BAD, 0, 4, G_DUR);
}

Test(duration, contract)
{
	int64_t v = 7;
	cr_assert_eq(tlc_duration_parse(NULL, "1s", 2, 0, NULL), TLC_EINVAL);
	cr_assert_eq(tlc_duration_parse(&v, NULL, 2, 0, NULL), TLC_EINVAL);
	cr_assert_eq(tlc_duration_parse(&v, "1s", 2, 2, NULL), TLC_EINVAL);
	cr_assert_eq(tlc_duration_parse(&v, NULL, 0, 0, NULL), TLC_EINPUT);
	cr_assert_eq(tlc_duration_parse(&v, "1sx", 2, 0, NULL), 0, "reads only n bytes");
	cr_assert_eq(v, 1);
	cr_assert_eq(tlc_duration_parse(&v, "zz", 2, 0, NULL), TLC_EINPUT, "err may be NULL");
}

/* ---- times of day ------------------------------------------------------------------------- */

static int32_t tod_ok(const char *s)
{
	int32_t v = -1;
	tlc_err e = fresh_err();
	int rc = tlc_time_of_day_parse(&v, s, strlen(s), &e);
	cr_assert_eq(rc, 0, "time '%s': rc %d: %s", s, rc, e.msg);
	return v;
}

static void tod_bad(const char *s, int want, size_t off, size_t len, const char *msg)
{
	int32_t v = -1;
	tlc_err e = fresh_err();
	int rc = tlc_time_of_day_parse(&v, s, strlen(s), &e);
	check_err("time", s, strlen(s), rc, want, &e, off, len, msg);
	cr_assert_eq(v, -1);
}

Test(time_of_day, valid)
{
	cr_assert_eq(tod_ok("09:30"), 34200);
	cr_assert_eq(tod_ok("00:00"), 0);
	cr_assert_eq(tod_ok("23:59:59"), 86399);
	cr_assert_eq(tod_ok("17:40:05"), 63605);
	cr_assert_eq(tod_ok("17:40:05.000"), 63605);
	cr_assert_eq(tod_ok("12:00:00.0"), 43200);
}

Test(time_of_day, invalid)
{
	tod_bad("", BAD, 0, 0, G_TOD);
	tod_bad("noon", BAD, 0, 4, G_TOD);
	tod_bad("9:30", BAD, 0, 1, "hour '9' must have 2 digits: write '09'");
	tod_bad("24:00", BAD, 0, 2, "hour '24' is out of range: expected 00..23");
	tod_bad("12:60", BAD, 3, 2, "minute '60' is out of range: expected 00..59");
	tod_bad("12:00:60", BAD, 6, 2, "leap second '60' is not supported: expected seconds 00..59");
	tod_bad("12:00:61", BAD, 6, 2, "second '61' is out of range: expected 00..59");
	tod_bad("12:00:00.5", BAD, 8, 2,
		"fractional seconds '.5' are not supported: times are whole seconds");
	tod_bad("12:00:00.000001", BAD, 8, 7,
		"fractional seconds '.000001' are not supported: times are whole seconds");
	tod_bad("12:00:00.", BAD, 8, 1, "expected digits after '.' in the seconds");
	tod_bad("1230", BAD, 0, 4, "hour '1230' must have 2 digits");
	tod_bad("12.30", BAD, 2, 1, "unexpected '.' after the hour: expected ':', like '09:30'");
	tod_bad("12", BAD, 2, 0, "expected ':' after the hour, like '09:30'");
	tod_bad("12:", BAD, 3, 0, "expected a 2-digit minute, like '09:30'");
	tod_bad("12:3", BAD, 3, 1, "minute '3' must have 2 digits: write '03'");
	tod_bad("12:30:5", BAD, 6, 1, "second '5' must have 2 digits: write '05'");
	tod_bad("12:30 ", BAD, 5, 1, "unexpected ' ' after '12:30': expected the end of the time");
	tod_bad("12:30pm", BAD, 0, 7, "'12:30pm' is a 12-hour time: write '12:30' (times are 24-hour)");
	tod_bad("6pm", BAD, 0, 3, "'6pm' is a 12-hour time: write '18:00' (times are 24-hour)");
	tod_bad("12am", BAD, 0, 4, "'12am' is a 12-hour time: write '00:00' (times are 24-hour)");
	tod_bad("6:05 P.M.", BAD, 0, 9, "'6:05 P.M.' is a 12-hour time: write '18:05' (times are 24-hour)");
	tod_bad("13pm", BAD, 2, 1, "unexpected 'p' after the hour: expected ':', like '09:30'");
}

/* ---- instants ----------------------------------------------------------------------------- */

static tlc_parsed_instant inst_ok(const char *s)
{
	tlc_parsed_instant v;
	tlc_err e = fresh_err();
	int rc = tlc_instant_parse(&v, s, strlen(s), &e);
	cr_assert_eq(rc, 0, "instant '%s': rc %d: %s", s, rc, e.msg);
	cr_assert_eq(v.offset, 0);
	cr_assert_eq(v.len, strlen(s));
	return v;
}

static void utc_ok(const char *s, tlc_time want)
{
	tlc_parsed_instant v = inst_ok(s);
	cr_assert(!v.local, "'%s' should be UTC", s);
	cr_assert(!v.date_only);
	cr_assert_eq(v.value, want, "'%s': %lld, want %lld", s, (long long)v.value, (long long)want);
}

static void local_ok(const char *s, tlc_time want, bool date_only)
{
	tlc_parsed_instant v = inst_ok(s);
	cr_assert(v.local, "'%s' should be local", s);
	cr_assert_eq(v.date_only, date_only, "'%s': date_only", s);
	cr_assert_eq(v.value, want, "'%s': %lld, want %lld", s, (long long)v.value, (long long)want);
}

static void inst_bad(const char *s, int want, size_t off, size_t len, const char *msg)
{
	tlc_parsed_instant v;
	tlc_err e = fresh_err();
	int rc;
	memset(&v, 0x33, sizeof v);
	rc = tlc_instant_parse(&v, s, strlen(s), &e);
	check_err("instant", s, strlen(s), rc, want, &e, off, len, msg);
	cr_assert_eq(v.value, (tlc_time)0x3333333333333333, "output clobbered on failure");
}

Test(instant, rfc3339)
{
	utc_ok("2026-12-01T18:00:00Z", T(2026, 12, 1, 18, 0, 0));
	utc_ok("2026-12-01t18:00:00z", T(2026, 12, 1, 18, 0, 0));
	utc_ok("2026-12-01 18:00:00Z", T(2026, 12, 1, 18, 0, 0));
	utc_ok("2026-12-01T18:00Z", T(2026, 12, 1, 18, 0, 0));
	utc_ok("2026-12-01T18:00:00.000Z", T(2026, 12, 1, 18, 0, 0));
	utc_ok("2026-12-01T18:00:00+05:30", T(2026, 12, 1, 12, 30, 0));
	utc_ok("2026-12-01T18:00:00-08:00", T(2026, 12, 2, 2, 0, 0));
	utc_ok("2026-12-01T18:00:00-00:00", T(2026, 12, 1, 18, 0, 0));
	utc_ok("2026-12-31T23:59:59-23:59", T(2027, 1, 1, 23, 58, 59));
}

Test(instant, epoch)
{
	utc_ok("@1764612000", T(2025, 12, 1, 18, 0, 0));
	utc_ok("@0", 0);
	utc_ok("@-0", 0);
	utc_ok("@253402300799", TLC_TIME_MAX);
	inst_bad("@", BAD, 1, 0, "expected seconds since 1970 after '@', like '@1764612000'");
	inst_bad("@abc", BAD, 1, 1, "expected seconds since 1970 after '@', like '@1764612000'");
	inst_bad("@12x", BAD, 3, 1, "unexpected 'x' after '@12': expected the end of the instant");
	inst_bad("@1764612000.5", BAD, 11, 2,
		 "unexpected '.5' after '@1764612000': expected the end of the instant");
	inst_bad("@-5", RANGE, 1, 2, "epoch seconds '-5' are before 1970-01-01T00:00:00Z");
	inst_bad("@253402300800", RANGE, 1, 12,
		 "epoch seconds '253402300800' are after 9999-12-31T23:59:59Z");
	inst_bad("@1764612000000", RANGE, 1, 13,
		 "epoch seconds '1764612000000' are after 9999-12-31T23:59:59Z (milliseconds? write "
		 "seconds)");
	inst_bad("@99999999999999999999999", RANGE, 1, 23,
		 "epoch seconds '99999999999999999999999' are after 9999-12-31T23:59:59Z");
}

Test(instant, local)
{
	local_ok("2026-12-01 18:00", T(2026, 12, 1, 18, 0, 0), false);
	local_ok("2026-12-01T18:00", T(2026, 12, 1, 18, 0, 0), false);
	local_ok("2026-12-01 18:00:30", T(2026, 12, 1, 18, 0, 30), false);
	local_ok("2026-12-01", T(2026, 12, 1, 0, 0, 0), true);
	local_ok("2024-02-29", T(2024, 2, 29, 0, 0, 0), true);
	local_ok("2000-02-29 12:00", T(2000, 2, 29, 12, 0, 0), false);
}

Test(instant, year_range)
{
	utc_ok("1970-01-01T00:00:00Z", 0);
	utc_ok("9999-12-31T23:59:59Z", TLC_TIME_MAX);
	utc_ok("1970-01-01T05:30:00+05:30", 0);
	local_ok("1970-01-01", 0, true);
	local_ok("9999-12-31 23:59:59", TLC_TIME_MAX, false);
	inst_bad("1969-12-31T23:59:59Z", RANGE, 0, 4, "year '1969' is out of range: expected 1970..9999");
	inst_bad("1969-12-31", RANGE, 0, 4, "year '1969' is out of range: expected 1970..9999");
	inst_bad("0999-01-01", RANGE, 0, 4, "year '0999' is out of range: expected 1970..9999");
	inst_bad("10000-01-01", RANGE, 0, 5, "year '10000' is out of range: expected 1970..9999");
	inst_bad("10000-01-01T00:00:00Z", RANGE, 0, 5,
		 "year '10000' is out of range: expected 1970..9999");
	inst_bad("1970-01-01T00:00:00+01:00", RANGE, 0, 4,
		 "instant '1970-01-01T00:00:00+01:00' is before 1970-01-01T00:00:00Z");
	inst_bad("9999-12-31T23:59:59-01:00", RANGE, 0, 4,
		 "instant '9999-12-31T23:59:59-01:00' is after 9999-12-31T23:59:59Z");
}

Test(instant, date_errors)
{
	inst_bad("", BAD, 0, 0, G_INST);
	inst_bad("tomorrow", BAD, 0, 8, G_INST);
	inst_bad("26-12-01", BAD, 0, 2, "year '26' must have 4 digits, like '2026'");
	inst_bad("02026-12-01", BAD, 0, 5, "year '02026' must have 4 digits");
	inst_bad("20261201", BAD, 0, 8,
		 "'20261201' is not an instant: write a date like '2026-12-01' or epoch seconds "
		 "like '@20261201'");
	inst_bad("2026", BAD, 4, 0, "expected '-' after the year, like '2026-12-01'");
	inst_bad("2026/12/01", BAD, 4, 1, "unexpected '/' after the year: expected '-', like '2026-12-01'");
	inst_bad("2026-13-01", BAD, 5, 2, "month '13' is out of range: expected 01..12");
	inst_bad("2026-00-01", BAD, 5, 2, "month '00' is out of range: expected 01..12");
	inst_bad("2026-1-05", BAD, 5, 1, "month '1' must have 2 digits: write '01'");
	inst_bad("2026-12", BAD, 7, 0, "expected '-' after the month, like '2026-12-01'");
	inst_bad("2026-12-", BAD, 8, 0, "expected a 2-digit day, like '2026-12-01'");
	inst_bad("2026-02-30", BAD, 8, 2, "day '30' is out of range: 2026-02 has 28 days");
	inst_bad("2025-02-29", BAD, 8, 2, "day '29' is out of range: 2025-02 has 28 days");
	inst_bad("2100-02-29", BAD, 8, 2, "day '29' is out of range: 2100-02 has 28 days");
	inst_bad("2026-04-31 10:00", BAD, 8, 2, "day '31' is out of range: 2026-04 has 30 days");
	inst_bad("2026-12-00", BAD, 8, 2, "day '00' is out of range: 2026-12 has 31 days");
	inst_bad("2026-12-1", BAD, 8, 1, "day '1' must have 2 digits: write '01'");
}

Test(instant, time_errors)
{
	inst_bad("2026-12-01X18:00", BAD, 10, 6,
		 "unexpected 'X18:00' after the date: expected 'T' or a space and a time, like "
		 "'2026-12-01 18:00'");
	inst_bad("2026-12-01T", BAD, 11, 0, "expected a 2-digit hour, like '09:30'");
	inst_bad("2026-12-01  18:00", BAD, 11, 1, "expected a 2-digit hour, like '09:30'");
	inst_bad("2026-12-01 9:30", BAD, 11, 1, "hour '9' must have 2 digits: write '09'");
	inst_bad("2026-12-01 24:00", BAD, 11, 2, "hour '24' is out of range: expected 00..23");
	inst_bad("2026-12-01T18:00:60Z", BAD, 17, 2,
		 "leap second '60' is not supported: expected seconds 00..59");
	inst_bad("2016-12-31T23:59:60Z", BAD, 17, 2,
		 "leap second '60' is not supported: expected seconds 00..59");
	inst_bad("2026-12-01T18:00:00.5Z", BAD, 19, 2,
		 "fractional seconds '.5' are not supported: times are whole seconds");
	inst_bad("2026-12-01 18:00:00.250", BAD, 19, 4,
		 "fractional seconds '.250' are not supported: times are whole seconds");
	inst_bad("2026-12-01T18:00.5Z", BAD, 16, 3,
		 "unexpected '.5Z' after the time: expected 'Z' or a UTC offset like '+05:30'");
	inst_bad("2026-12-01T18:00:00+0530", BAD, 19, 5,
		 "expected a UTC offset like 'Z', '+05:30' or '-08:00', not '+0530'");
	inst_bad("2026-12-01T18:00:00+5:30", BAD, 19, 5,
		 "expected a UTC offset like 'Z', '+05:30' or '-08:00', not '+5:30'");
	inst_bad("2026-12-01T18:00:00+24:00", BAD, 19, 6,
		 "offset '+24:00' is out of range: expected -23:59..+23:59");
	inst_bad("2026-12-01T18:00:00+05:60", BAD, 19, 6,
		 "offset '+05:60' is out of range: expected -23:59..+23:59");
	inst_bad("2026-12-01T18:00:00 Z", BAD, 19, 2,
		 "unexpected ' Z' after the time: expected 'Z' or a UTC offset like '+05:30'");
	inst_bad("2026-12-01 18:00 ", BAD, 16, 1,
		 "unexpected ' ' after the time: expected 'Z' or a UTC offset like '+05:30'");
	inst_bad("2026-12-01T18:00:00Zx", BAD, 20, 1,
		 "unexpected 'x' after 'Z': expected the end of the instant");
	inst_bad("2026-12-01T18:00:00 UTC", BAD, 19, 4,
		 "unexpected ' UTC' after the time: expected 'Z' or a UTC offset like '+05:30'");
}

/* A time alone, or a 12-hour time, where an instant belongs: the instant it likely means. */
Test(instant, time_without_date_and_12_hour)
{
	inst_bad("18:00", BAD, 0, 5, "'18:00' is a time without a date: an instant needs both, like "
		 "'2026-12-01 18:00'");
	inst_bad("9:30", BAD, 0, 4, "'9:30' is a time without a date: an instant needs both, like "
		 "'2026-12-01 09:30'");
	inst_bad("6pm", BAD, 0, 3, "'6pm' is a time without a date: an instant needs both, like "
		 "'2026-12-01 18:00' (times are 24-hour)");
	inst_bad("2026-12-01 6pm", BAD, 11, 3,
		 "'6pm' is a 12-hour time: write '2026-12-01 18:00' (times are 24-hour)");
	inst_bad("2026-12-01T12:15 am", BAD, 11, 8,
		 "'12:15 am' is a 12-hour time: write '2026-12-01T00:15' (times are 24-hour)");
	inst_bad("2026-12-01 13pm", BAD, 13, 1, "unexpected 'p' after the hour: expected ':', like '09:30'");
}

Test(instant, long_input_is_quoted_short)
{
	inst_bad("2026-12-01T18:00:00Z and then a very long tail of words", BAD, 20, 35,
		 "unexpected ' and then a very long tail of wo...' after 'Z': expected the end of the "
		 "instant");
	inst_bad("2026-12-01X\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", BAD, 10, 35,
		 "unexpected 'X\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...' after the date: expected 'T' or "
		 "a space and a time, like '2026-12-01 18:00'");
}

Test(instant, resolve_utc_needs_no_zone)
{
	tlc_parsed_instant v = inst_ok("2026-12-01T18:00:00Z");
	tlc_local_result r;
	cr_assert_eq(tlc_instant_resolve(&r, &v, NULL, TLC_DISAMB_REJECT, NULL), 0);
	cr_assert_eq(r.utc, T(2026, 12, 1, 18, 0, 0));
	cr_assert_eq(r.kind, TLC_LOCAL_UNIQUE);
	cr_assert_eq(r.gap_or_fold, 0);
	v = inst_ok("2026-12-01 18:00");
	cr_assert_eq(tlc_instant_resolve(&r, &v, NULL, TLC_DISAMB_COMPATIBLE, NULL), TLC_EINVAL);
	cr_assert_eq(tlc_instant_resolve(&r, &v, NULL, TLC_DISAMB_MAX, NULL), TLC_EINVAL);
	cr_assert_eq(tlc_instant_resolve(NULL, &v, NULL, TLC_DISAMB_COMPATIBLE, NULL), TLC_EINVAL);
}

/* ---- windows ------------------------------------------------------------------------------ */

static tlc_window win_ok(const char *s)
{
	tlc_window w;
	tlc_err e = fresh_err();
	int rc = tlc_window_parse(&w, s, strlen(s), &e);
	cr_assert_eq(rc, 0, "window '%s': rc %d: %s", s, rc, e.msg);
	return w;
}

static void win_bad(const char *s, int want, size_t off, size_t len, const char *msg)
{
	tlc_window w;
	tlc_err e = fresh_err();
	int rc;
	memset(&w, 0x33, sizeof w);
	rc = tlc_window_parse(&w, s, strlen(s), &e);
	check_err("window", s, strlen(s), rc, want, &e, off, len, msg);
	cr_assert_eq(w.start.value, (tlc_time)0x3333333333333333, "output clobbered on failure");
}

Test(window, valid)
{
	tlc_window w = win_ok("2026-11-25 09:00 .. 2026-12-08 00:00");
	cr_assert(w.start.local && w.end.local);
	cr_assert_eq(w.start.value, T(2026, 11, 25, 9, 0, 0));
	cr_assert_eq(w.end.value, T(2026, 12, 8, 0, 0, 0));
	cr_assert_eq(w.start.offset, 0);
	cr_assert_eq(w.start.len, 16);
	cr_assert_eq(w.end.offset, 20);
	cr_assert_eq(w.end.len, 16);

	w = win_ok("2026-11-25 09:00..2026-12-08 00:00");
	cr_assert_eq(w.end.offset, 18);
	w = win_ok("2026-11-25T09:00:00Z   ..  2026-12-08T00:00:00Z");
	cr_assert(!w.start.local && !w.end.local);
	cr_assert_eq(w.end.offset, 27);
	w = win_ok("2026-12-01 .. 2026-12-31");
	cr_assert(w.start.date_only && w.end.date_only);
	w = win_ok("@0 .. @60");
	cr_assert_eq(w.end.value, 60);
	w = win_ok("2026-12-01 .. 2026-12-01T00:00:00Z"); /* mixed: compared when resolved */
	cr_assert(w.start.local && !w.end.local);
}

Test(window, invalid)
{
	win_bad("", BAD, 0, 0, G_WIN);
	win_bad("2026-12-01", BAD, 0, 10, G_WIN);
	win_bad(".. 2026-12-01", BAD, 0, 2, "missing the start of the window before '..'");
	win_bad("2026-12-01 ..", BAD, 11, 2, "missing the end of the window after '..'");
	win_bad("2026-12-01 ..  ", BAD, 11, 2, "missing the end of the window after '..'");
	win_bad("2026-12-08 00:00 .. 2026-11-25 09:00", BAD, 20, 16,
		"window end '2026-11-25 09:00' is not after its start '2026-12-08 00:00'");
	win_bad("2026-12-01 .. 2026-12-01", BAD, 14, 10,
		"window end '2026-12-01' is not after its start '2026-12-01'");
	win_bad("@60 .. @60", BAD, 7, 3, "window end '@60' is not after its start '@60'");
	win_bad("2026-12-01 .. 2026-02-30", BAD, 22, 2, "day '30' is out of range: 2026-02 has 28 days");
	win_bad("2026-13-01 .. 2026-12-30", BAD, 5, 2, "month '13' is out of range: expected 01..12");
	win_bad("2026-12-01 ... 2026-12-31", BAD, 13, 12, G_INST);
	win_bad("1969-12-01 .. 2026-12-31", RANGE, 0, 4, "year '1969' is out of range: expected 1970..9999");
	win_bad("2026-12-01 .. 10000-01-01", RANGE, 14, 5,
		"year '10000' is out of range: expected 1970..9999");
}

/* ---- parameter expressions ---------------------------------------------------------------- */

static tlc_time_expr expr_ok(const char *s, tlc_time_expr_kind kind, int64_t offset)
{
	tlc_time_expr x;
	tlc_err e = fresh_err();
	int rc = tlc_time_expr_parse(&x, s, strlen(s), &e);
	cr_assert_eq(rc, 0, "expr '%s': rc %d: %s", s, rc, e.msg);
	cr_assert_eq(x.kind, kind, "expr '%s': kind", s);
	cr_assert_eq(x.offset, offset, "expr '%s': offset %lld", s, (long long)x.offset);
	return x;
}

static void expr_param(const char *s, const char *name, int64_t offset)
{
	tlc_time_expr x = expr_ok(s, TLC_TIME_EXPR_PARAM, offset);
	cr_assert_eq(x.name_len, strlen(name), "expr '%s': name length", s);
	cr_assert(memcmp(s + x.name_off, name, x.name_len) == 0, "expr '%s': name", s);
}

static void expr_bad(const char *s, int want, size_t off, size_t len, const char *msg)
{
	tlc_time_expr x;
	tlc_err e = fresh_err();
	int rc;
	memset(&x, 0x33, sizeof x);
	rc = tlc_time_expr_parse(&x, s, strlen(s), &e);
	check_err("expr", s, strlen(s), rc, want, &e, off, len, msg);
	cr_assert_eq(x.offset, (int64_t)0x3333333333333333, "output clobbered on failure");
}

Test(time_expr, valid)
{
	tlc_time_expr x;
	expr_param("$eta", "eta", 0);
	expr_param("$eta - 10m", "eta", -600);
	expr_param("$eta + 1h30m", "eta", 5400);
	expr_param("$eta -10m", "eta", -600);
	expr_param("$eta   +   PT1H", "eta", 3600);
	expr_param("$kick-off + 5m", "kick-off", 300);
	expr_param("$a_b2 - 1d", "a_b2", -86400);
	expr_param("$leg-2", "leg-2", 0);
	expr_ok("now", TLC_TIME_EXPR_NOW, 0);
	expr_ok("now + 5m", TLC_TIME_EXPR_NOW, 300);
	expr_ok("now - PT5M", TLC_TIME_EXPR_NOW, -300);
	x = expr_ok("2026-12-01 18:00 - 30m", TLC_TIME_EXPR_LITERAL, -1800);
	cr_assert(x.literal.local);
	cr_assert_eq(x.literal.value, T(2026, 12, 1, 18, 0, 0));
	cr_assert_eq(x.literal.offset, 0);
	cr_assert_eq(x.literal.len, 16);
	x = expr_ok("2026-12-01T18:00:00-05:00 + 1h", TLC_TIME_EXPR_LITERAL, 3600);
	cr_assert(!x.literal.local);
	cr_assert_eq(x.literal.value, T(2026, 12, 1, 23, 0, 0));
	x = expr_ok("@1764612000", TLC_TIME_EXPR_LITERAL, 0);
	cr_assert_eq(x.literal.value, 1764612000);
	x = expr_ok("2026-12-01", TLC_TIME_EXPR_LITERAL, 0);
	cr_assert(x.literal.date_only);
}

Test(time_expr, invalid)
{
	expr_bad("$eta - 10 minutes", BAD, 7, 10,
		 "'10 minutes': a duration takes a unit letter, write '10m'");
	expr_bad("$eta - 2 hours + 1m", BAD, 7, 7, "'2 hours': a duration takes a unit letter, write '2h'");
	expr_bad("", BAD, 0, 0, G_EXPR);
	expr_bad("eta", BAD, 0, 3, G_EXPR);
	expr_bad("nowhere", BAD, 0, 7, G_EXPR);
	expr_bad("NOW", BAD, 0, 3, G_EXPR);
	expr_bad("$", BAD, 1, 0, G_NAME);
	expr_bad("$Eta", BAD, 1, 1, G_NAME);
	expr_bad("$1x", BAD, 1, 1, G_NAME);
	expr_bad("$eta-10m", BAD, 0, 8,
		 "'$eta-10m' would name a parameter 'eta-10m': write '$eta - 10m' to subtract");
	expr_bad("$kick-off-1h30m", BAD, 0, 15,
		 "'$kick-off-1h30m' would name a parameter 'kick-off-1h30m': write '$kick-off - "
		 "1h30m' to subtract");
	expr_bad("$eta+10m", BAD, 4, 1, "missing space before '+': write '$eta + 10m'");
	expr_bad("now-5m", BAD, 3, 1, "missing space before '-': write 'now - 5m'");
	expr_bad("$eta -", BAD, 5, 1, "missing duration after '-', like '$eta - 10m'");
	expr_bad("$eta + ", BAD, 5, 1, "missing duration after '+', like '$eta + 10m'");
	expr_bad("$eta ", BAD, 4, 1,
		 "unexpected ' ' after '$eta': expected ' + ' or ' - ' and a duration, like '$eta - "
		 "10m'");
	expr_bad("$eta * 2", BAD, 4, 4,
		 "unexpected ' * 2' after '$eta': expected ' + ' or ' - ' and a duration, like "
		 "'$eta - 10m'");
	expr_bad("$eta.x", BAD, 4, 2,
		 "unexpected '.x' after '$eta': expected ' + ' or ' - ' and a duration, like "
		 "'$eta - 10m'");
	expr_bad("$eta - -5m", BAD, 7, 1, "negative duration '-5m' is not allowed here");
	expr_bad("$eta - 1h 30m", BAD, 9, 1, "unexpected space in duration '1h 30m': write '1h30m'");
	expr_bad("$eta + 1h - 5m", BAD, 10, 4,
		 "unexpected '- 5m': only one ' + ' or ' - ' and a duration may follow, like '$eta + "
		 "55m'");
	expr_bad("$eta - 10m later", BAD, 10, 6,
		 "unexpected ' later' after '$eta - 10m': expected the end of the expression");
	expr_bad("$eta - 10", BAD, 7, 2,
		 "missing unit after '10': expected s, m, h, d or w, like '10m'");
	expr_bad("now - 99999999999999999999d", RANGE, 6, 21,
		 "duration '99999999999999999999d' " TOO_LONG);
	expr_bad("2026-12-01 25:00 - 1h", BAD, 11, 2, "hour '25' is out of range: expected 00..23");
	expr_bad("10000-01-01 - 1h", RANGE, 0, 5, "year '10000' is out of range: expected 1970..9999");
	expr_bad("2026-12-01 18:00 -05:00", BAD, 18, 2,
		 "missing unit after '05': expected s, m, h, d or w, like '05m'");
}

/* ---- check-params domains ----------------------------------------------------------------- */

static tlc_param_domain dom_ok(const char *s)
{
	tlc_param_domain d;
	tlc_err e = fresh_err();
	int rc = tlc_param_domain_parse(&d, s, strlen(s), &e);
	cr_assert_eq(rc, 0, "domain '%s': rc %d: %s", s, rc, e.msg);
	return d;
}

static void dom_bad(const char *s, int want, size_t off, size_t len, const char *msg)
{
	tlc_param_domain d;
	tlc_err e = fresh_err();
	int rc;
	memset(&d, 0x33, sizeof d);
	rc = tlc_param_domain_parse(&d, s, strlen(s), &e);
	check_err("domain", s, strlen(s), rc, want, &e, off, len, msg);
	cr_assert_eq(d.lo, (int64_t)0x3333333333333333, "output clobbered on failure");
}

Test(param_domain, relative)
{
	tlc_param_domain d = dom_ok("5m .. 36h after now");
	cr_assert_eq(d.kind, TLC_PARAM_DOMAIN_RELATIVE);
	cr_assert_eq(d.anchor.kind, TLC_TIME_EXPR_NOW);
	cr_assert_eq(d.anchor.offset, 0);
	cr_assert_eq(d.lo, 300);
	cr_assert_eq(d.hi, 129600);

	d = dom_ok("5m..36h after now");
	cr_assert_eq(d.hi, 129600);
	d = dom_ok("0s .. 2h before $eta");
	cr_assert_eq(d.anchor.kind, TLC_TIME_EXPR_PARAM);
	cr_assert_eq(d.anchor.name_off, 17);
	cr_assert_eq(d.anchor.name_len, 3);
	cr_assert_eq(d.lo, -7200);
	cr_assert_eq(d.hi, 0);
	d = dom_ok("1h .. 2d  after  $start-time");
	cr_assert_eq(d.anchor.name_len, 10);
	cr_assert_eq(d.lo, 3600);
	d = dom_ok("PT5M .. PT36H after now");
	cr_assert_eq(d.lo, 300);
	d = dom_ok("1h .. 6h before now");
	cr_assert_eq(d.lo, -21600);
	cr_assert_eq(d.hi, -3600);
}

Test(param_domain, window)
{
	tlc_param_domain d = dom_ok("2026-12-01 .. 2026-12-31");
	cr_assert_eq(d.kind, TLC_PARAM_DOMAIN_WINDOW);
	cr_assert_eq(d.window.start.value, T(2026, 12, 1, 0, 0, 0));
	cr_assert_eq(d.window.end.value, T(2026, 12, 31, 0, 0, 0));
	cr_assert_eq(d.window.end.offset, 14);
	d = dom_ok("@1764612000 .. @1764700000");
	cr_assert_eq(d.kind, TLC_PARAM_DOMAIN_WINDOW);
}

Test(param_domain, invalid)
{
	dom_bad("5 minutes .. 36 hours after now", BAD, 0, 9,
		"'5 minutes': a duration takes a unit letter, write '5m'");
	dom_bad("", BAD, 0, 0, G_DOM);
	dom_bad("5m", BAD, 0, 2, G_DOM);
	dom_bad(".. 36h after now", BAD, 0, 2, "missing the start of the range before '..'");
	dom_bad("5m ..", BAD, 3, 2, "missing the end of the range after '..'");
	dom_bad("5m .. 36h", BAD, 9, 0, G_ANCHOR);
	dom_bad("5m .. 36h from now", BAD, 10, 8, G_ANCHOR);
	dom_bad("5m .. 36h after", BAD, 10, 5, G_ANCHOR);
	dom_bad("5m .. 36h after ", BAD, 16, 0, G_ANCHOR);
	dom_bad("5m .. 36h after tomorrow", BAD, 16, 8, G_ANCHOR);
	dom_bad("5m .. 36h after $Eta", BAD, 17, 1, G_NAME);
	dom_bad("5m .. 36h after $eta x", BAD, 20, 2,
		"unexpected ' x' after '$eta': expected the end of the domain");
	dom_bad("5m .. 36h after now x", BAD, 16, 5, G_ANCHOR);
	dom_bad("36h .. 5m after now", BAD, 7, 2, "range end '5m' is not longer than its start '36h'");
	dom_bad("5m .. 5m after now", BAD, 6, 2, "range end '5m' is not longer than its start '5m'");
	dom_bad("5m .. 1h 30m after now", BAD, 8, 1,
		"unexpected space in duration '1h 30m': write '1h30m'");
	dom_bad("-5m .. 36h after now", BAD, 0, 1, "negative duration '-5m' is not allowed here");
	dom_bad("5x .. 36h after now", BAD, 1, 1, "unknown unit 'x' in duration: expected s, m, h, d or w");
	dom_bad("5m .. 36 after now", BAD, 6, 2,
		"missing unit after '36': expected s, m, h, d or w, like '36m'");
	dom_bad("2026-12-31 .. 2026-12-01", BAD, 14, 10,
		"window end '2026-12-01' is not after its start '2026-12-31'");
	dom_bad("2026-12-01 .. 5m after now", BAD, 14, 1, "year '5' must have 4 digits, like '2026'");
}

/* ---- resolving through real zones (the system's TZif files) ------------------------------- */

static tlc_zones *zones;

static void zones_setup(void)
{
	cr_assert_eq(tlc_zones_new_tzif(&zones, NULL), 0);
}

static void zones_teardown(void)
{
	tlc_zones_free(zones);
	zones = NULL;
}

static const tlc_zone *zone(const char *name)
{
	const tlc_zone *z = NULL;
	cr_assert_eq(tlc_zones_get(zones, name, &z), 0, "zone %s", name);
	return z;
}

static tlc_local_result resolve_ok(const char *zname, const char *s, tlc_disamb d)
{
	tlc_parsed_instant v = inst_ok(s);
	tlc_local_result r;
	tlc_err e = fresh_err();
	int rc = tlc_instant_resolve(&r, &v, zone(zname), d, &e);
	cr_assert_eq(rc, 0, "resolve '%s' in %s: rc %d: %s", s, zname, rc, e.msg);
	return r;
}

static void resolve_bad(const char *zname, const char *s, tlc_disamb d, int want, size_t off,
			size_t len, const char *msg)
{
	tlc_parsed_instant v = inst_ok(s);
	tlc_local_result r;
	tlc_err e = fresh_err();
	int rc;
	memset(&r, 0x33, sizeof r);
	rc = tlc_instant_resolve(&r, &v, zone(zname), d, &e);
	check_err("resolve", s, strlen(s), rc, want, &e, off, len, msg);
	cr_assert_eq(r.utc, (tlc_time)0x3333333333333333, "output clobbered on failure");
}

static void expect_result(tlc_local_result r, tlc_time utc, tlc_local_kind kind, tlc_time alt,
			  int32_t gap_or_fold)
{
	cr_assert_eq(r.utc, utc, "utc %lld, want %lld", (long long)r.utc, (long long)utc);
	cr_assert_eq(r.kind, kind, "kind %d, want %d", (int)r.kind, (int)kind);
	if (kind != TLC_LOCAL_UNIQUE)
		cr_assert_eq(r.alt, alt, "alt %lld, want %lld", (long long)r.alt, (long long)alt);
	cr_assert_eq(r.gap_or_fold, gap_or_fold);
}

TestSuite(zones, .init = zones_setup, .fini = zones_teardown);

Test(zones, unique)
{
	expect_result(resolve_ok("Europe/Berlin", "2026-12-01 18:00", TLC_DISAMB_REJECT),
		      T(2026, 12, 1, 17, 0, 0), TLC_LOCAL_UNIQUE, 0, 0);
	expect_result(resolve_ok("Europe/Berlin", "2026-07-01", TLC_DISAMB_COMPATIBLE),
		      T(2026, 6, 30, 22, 0, 0), TLC_LOCAL_UNIQUE, 0, 0);
	expect_result(resolve_ok("America/New_York", "2026-12-01T18:00", TLC_DISAMB_COMPATIBLE),
		      T(2026, 12, 1, 23, 0, 0), TLC_LOCAL_UNIQUE, 0, 0);
	expect_result(resolve_ok("UTC", "2026-12-01 18:00:30", TLC_DISAMB_REJECT),
		      T(2026, 12, 1, 18, 0, 30), TLC_LOCAL_UNIQUE, 0, 0);
}

Test(zones, berlin_gap)
{
	const char *s = "2026-03-29 02:30";
	tlc_time tr = T(2026, 3, 29, 1, 0, 0);
	expect_result(resolve_ok("Europe/Berlin", s, TLC_DISAMB_COMPATIBLE),
		      T(2026, 3, 29, 1, 30, 0), TLC_LOCAL_GAP, tr, 3600);
	expect_result(resolve_ok("Europe/Berlin", s, TLC_DISAMB_LATER),
		      T(2026, 3, 29, 1, 30, 0), TLC_LOCAL_GAP, tr, 3600);
	expect_result(resolve_ok("Europe/Berlin", s, TLC_DISAMB_EARLIER),
		      T(2026, 3, 29, 0, 30, 0), TLC_LOCAL_GAP, tr, 3600);
	resolve_bad("Europe/Berlin", s, TLC_DISAMB_REJECT, BAD, 0, 16,
		    "local time '2026-03-29 02:30' does not exist in 'Europe/Berlin': the clocks "
		    "skip from 02:00 to 03:00");
}

Test(zones, berlin_overlap)
{
	const char *s = "2026-10-25 02:30";
	tlc_time first = T(2026, 10, 25, 0, 30, 0), second = T(2026, 10, 25, 1, 30, 0);
	expect_result(resolve_ok("Europe/Berlin", s, TLC_DISAMB_COMPATIBLE), first,
		      TLC_LOCAL_OVERLAP, second, 3600);
	expect_result(resolve_ok("Europe/Berlin", s, TLC_DISAMB_EARLIER), first, TLC_LOCAL_OVERLAP,
		      second, 3600);
	expect_result(resolve_ok("Europe/Berlin", s, TLC_DISAMB_LATER), second, TLC_LOCAL_OVERLAP,
		      first, 3600);
	resolve_bad("Europe/Berlin", s, TLC_DISAMB_REJECT, BAD, 0, 16,
		    "local time '2026-10-25 02:30' is ambiguous in 'Europe/Berlin': it happens twice "
		    "as the clocks go back from 03:00 to 02:00");
}

Test(zones, new_york)
{
	expect_result(resolve_ok("America/New_York", "2026-03-08 02:30", TLC_DISAMB_COMPATIBLE),
		      T(2026, 3, 8, 7, 30, 0), TLC_LOCAL_GAP, T(2026, 3, 8, 7, 0, 0), 3600);
	expect_result(resolve_ok("America/New_York", "2026-03-08T02:30", TLC_DISAMB_EARLIER),
		      T(2026, 3, 8, 6, 30, 0), TLC_LOCAL_GAP, T(2026, 3, 8, 7, 0, 0), 3600);
	resolve_bad("America/New_York", "2026-03-08 02:30", TLC_DISAMB_REJECT, BAD, 0, 16,
		    "local time '2026-03-08 02:30' does not exist in 'America/New_York': the "
		    "clocks skip from 02:00 to 03:00");
	expect_result(resolve_ok("America/New_York", "2026-11-01 01:30", TLC_DISAMB_COMPATIBLE),
		      T(2026, 11, 1, 5, 30, 0), TLC_LOCAL_OVERLAP, T(2026, 11, 1, 6, 30, 0), 3600);
	expect_result(resolve_ok("America/New_York", "2026-11-01 01:30", TLC_DISAMB_LATER),
		      T(2026, 11, 1, 6, 30, 0), TLC_LOCAL_OVERLAP, T(2026, 11, 1, 5, 30, 0), 3600);
	resolve_bad("America/New_York", "2026-11-01 01:30:15", TLC_DISAMB_REJECT, BAD, 0, 19,
		    "local time '2026-11-01 01:30:15' is ambiguous in 'America/New_York': it happens "
		    "twice as the clocks go back from 02:00 to 01:00");
}

Test(zones, lord_howe_half_hour)
{
	/* +10:30 standard, +11:00 daylight; the clocks move 30 minutes at 02:00. */
	tlc_time gap_tr = T(2026, 10, 3, 15, 30, 0);
	expect_result(resolve_ok("Australia/Lord_Howe", "2026-10-04 02:15", TLC_DISAMB_COMPATIBLE),
		      T(2026, 10, 3, 15, 45, 0), TLC_LOCAL_GAP, gap_tr, 1800);
	expect_result(resolve_ok("Australia/Lord_Howe", "2026-10-04 02:15", TLC_DISAMB_EARLIER),
		      T(2026, 10, 3, 15, 15, 0), TLC_LOCAL_GAP, gap_tr, 1800);
	resolve_bad("Australia/Lord_Howe", "2026-10-04 02:15", TLC_DISAMB_REJECT, BAD, 0, 16,
		    "local time '2026-10-04 02:15' does not exist in 'Australia/Lord_Howe': the "
		    "clocks skip from 02:00 to 02:30");
	expect_result(resolve_ok("Australia/Lord_Howe", "2026-04-05 01:45", TLC_DISAMB_COMPATIBLE),
		      T(2026, 4, 4, 14, 45, 0), TLC_LOCAL_OVERLAP, T(2026, 4, 4, 15, 15, 0), 1800);
	expect_result(resolve_ok("Australia/Lord_Howe", "2026-04-05 01:45", TLC_DISAMB_LATER),
		      T(2026, 4, 4, 15, 15, 0), TLC_LOCAL_OVERLAP, T(2026, 4, 4, 14, 45, 0), 1800);
	resolve_bad("Australia/Lord_Howe", "2026-04-05 01:45", TLC_DISAMB_REJECT, BAD, 0, 16,
		    "local time '2026-04-05 01:45' is ambiguous in 'Australia/Lord_Howe': it happens "
		    "twice as the clocks go back from 02:00 to 01:30");
	expect_result(resolve_ok("Australia/Lord_Howe", "2026-04-05 02:00", TLC_DISAMB_REJECT),
		      T(2026, 4, 4, 15, 30, 0), TLC_LOCAL_UNIQUE, 0, 0);
}

Test(zones, resolved_range)
{
	resolve_bad("Europe/Berlin", "1970-01-01 00:30", TLC_DISAMB_COMPATIBLE, RANGE, 0, 4,
		    "time '1970-01-01 00:30' in 'Europe/Berlin' is before 1970-01-01T00:00:00Z");
	resolve_bad("Europe/Berlin", "1970-01-01", TLC_DISAMB_COMPATIBLE, RANGE, 0, 4,
		    "time '1970-01-01' in 'Europe/Berlin' is before 1970-01-01T00:00:00Z");
	resolve_bad("America/New_York", "9999-12-31 23:30", TLC_DISAMB_COMPATIBLE, RANGE, 0, 4,
		    "time '9999-12-31 23:30' in 'America/New_York' is after 9999-12-31T23:59:59Z");
	expect_result(resolve_ok("America/New_York", "1970-01-01 00:30", TLC_DISAMB_REJECT),
		      T(1970, 1, 1, 5, 30, 0), TLC_LOCAL_UNIQUE, 0, 0);
	expect_result(resolve_ok("Europe/Berlin", "9999-12-31 23:59:59", TLC_DISAMB_REJECT),
		      T(9999, 12, 31, 22, 59, 59), TLC_LOCAL_UNIQUE, 0, 0);
}

Test(zones, window_resolve)
{
	const char *s = "2026-10-25 02:30 .. 2026-10-25T00:15:00Z";
	tlc_window w = win_ok(s);
	tlc_local_result a, b;
	tlc_err e = fresh_err();
	int rc = tlc_window_resolve(&a, &b, &w, zone("Europe/Berlin"), TLC_DISAMB_COMPATIBLE, &e);
	check_err("window", s, strlen(s), rc, BAD, &e, 20, 20,
		  "window end (2026-10-25 00:15 UTC) is not after its start (2026-10-25 00:30 UTC)");

	w = win_ok("2026-03-29 02:30 .. 2026-10-25 02:30");
	e = fresh_err();
	rc = tlc_window_resolve(&a, &b, &w, zone("Europe/Berlin"), TLC_DISAMB_COMPATIBLE, &e);
	cr_assert_eq(rc, 0, "%s", e.msg);
	expect_result(a, T(2026, 3, 29, 1, 30, 0), TLC_LOCAL_GAP, T(2026, 3, 29, 1, 0, 0), 3600);
	expect_result(b, T(2026, 10, 25, 0, 30, 0), TLC_LOCAL_OVERLAP, T(2026, 10, 25, 1, 30, 0),
		      3600);

	e = fresh_err();
	rc = tlc_window_resolve(&a, &b, &w, zone("Europe/Berlin"), TLC_DISAMB_REJECT, &e);
	check_err("window", "", 36, rc, BAD, &e, 0, 16,
		  "local time '2026-03-29 02:30' does not exist in 'Europe/Berlin': the clocks skip "
		  "from 02:00 to 03:00");
}
