/*
 * POSIX TZ strings, as found in the footer of a TZif file (RFC 8536 3.3, POSIX.1-2017 8.3).
 *
 *   tz     = std offset [dst [offset] [',' rule ',' rule]]
 *   name   = 3*ALPHA | '<' 3*(ALPHA | DIGIT | '+' | '-') '>'
 *   offset = ['+' | '-'] hh [':' mm [':' ss]]      hh 0..24, positive west of Greenwich
 *   rule   = date ['/' time]                        time: ['+' | '-'] hhh[:mm[:ss]], hhh 0..167
 *   date   = 'J' n (1..365, no Feb 29) | n (0..365) | 'M' m '.' w '.' d
 *
 * Without rules a zone with DST uses the US rules "M3.2.0,M11.1.0" (as tzcode does).
 *
 * Evaluation: the start and end of DST in year Y are "events" (UTC instants). The state at t
 * is the one set by the last event at or before t; events at the same instant apply in
 * (year, start-before-end) order, so "0/0,J365/25" is DST all year (RFC 8536 3.3.1). Every
 * event of year Y lies within EVENT_SLACK of year Y (a rule time is at most 167 h and an
 * offset at most 26 h away from the date), which bounds the years each search must look at.
 */
#include "zone_internal.h"
#include "timelinec/civil.h"

#define HOURS_OFFSET_MAX 24
#define HOURS_RULE_MAX 167
#define NAME_MIN 3
#define EVENT_SLACK (10 * 86400)
#define SEARCH_ROUNDS 10 /* rounds of 3+ years: finds DST that exists only in leap years */

typedef struct cursor {
	const char *s;
	size_t len;
	size_t i;
} cursor;

static int peek(const cursor *c) { return c->i < c->len ? (unsigned char)c->s[c->i] : -1; }

static bool eat(cursor *c, int ch)
{
	if (peek(c) != ch)
		return false;
	c->i++;
	return true;
}

static bool is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static bool is_alpha(int ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }

/* 1*DIGIT with a value <= max. */
static int parse_uint(cursor *c, int32_t max, int32_t *out)
{
	int32_t v = 0;
	if (!is_digit(peek(c)))
		return TLC_EINPUT;
	while (is_digit(peek(c))) {
		v = v * 10 + (peek(c) - '0');
		if (v > max)
			return TLC_EINPUT;
		c->i++;
	}
	*out = v;
	return 0;
}

/* ['+' | '-'] hh [':' mm [':' ss]] in seconds. */
static int parse_hms(cursor *c, int32_t max_hours, int32_t *out)
{
	int32_t sign = 1, h, m = 0, s = 0;
	if (eat(c, '-'))
		sign = -1;
	else
		eat(c, '+');
	if (parse_uint(c, max_hours, &h) < 0)
		return TLC_EINPUT;
	if (eat(c, ':')) {
		if (parse_uint(c, 59, &m) < 0)
			return TLC_EINPUT;
		if (eat(c, ':') && parse_uint(c, 59, &s) < 0)
			return TLC_EINPUT;
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return 0;
}

static int parse_name(cursor *c)
{
	size_t n = 0;
	if (eat(c, '<')) {
		while (is_alpha(peek(c)) || is_digit(peek(c)) || peek(c) == '+' || peek(c) == '-') {
			c->i++;
			n++;
		}
		return n >= NAME_MIN && eat(c, '>') ? 0 : TLC_EINPUT;
	}
	while (is_alpha(peek(c))) {
		c->i++;
		n++;
	}
	return n >= NAME_MIN ? 0 : TLC_EINPUT;
}

/* A POSIX offset (positive west) as a UTC offset (positive east). */
static int parse_offset(cursor *c, int32_t *out)
{
	int32_t v;
	if (parse_hms(c, HOURS_OFFSET_MAX, &v) < 0)
		return TLC_EINPUT;
	*out = -v;
	return 0;
}

static int parse_date(cursor *c, tlc_posix_rule *r)
{
	if (eat(c, 'J')) {
		r->kind = TLC_POSIX_JULIAN1;
		if (parse_uint(c, 365, &r->day) < 0 || r->day < 1)
			return TLC_EINPUT;
		return 0;
	}
	if (!eat(c, 'M')) {
		r->kind = TLC_POSIX_JULIAN0;
		return parse_uint(c, 365, &r->day);
	}
	r->kind = TLC_POSIX_MWD;
	if (parse_uint(c, 12, &r->month) < 0 || r->month < 1 || !eat(c, '.') ||
	    parse_uint(c, 5, &r->week) < 0 || r->week < 1 || !eat(c, '.') ||
	    parse_uint(c, 6, &r->day) < 0)
		return TLC_EINPUT;
	return 0;
}

static int parse_rule(cursor *c, tlc_posix_rule *r)
{
	if (parse_date(c, r) < 0)
		return TLC_EINPUT;
	r->time = 7200;
	if (eat(c, '/'))
		return parse_hms(c, HOURS_RULE_MAX, &r->time);
	return 0;
}

static void default_rules(tlc_posix_tz *tz)
{
	static const tlc_posix_rule start = {TLC_POSIX_MWD, 0, 3, 2, 7200};
	static const tlc_posix_rule end = {TLC_POSIX_MWD, 0, 11, 1, 7200};
	tz->start = start;
	tz->end = end;
}

/* What follows the DST name: [offset] [',' rule ',' rule]. */
static int parse_dst(cursor *c, tlc_posix_tz *tz)
{
	int ch = peek(c);
	tz->has_dst = true;
	tz->dst_off = tz->std_off + 3600;
	if ((is_digit(ch) || ch == '+' || ch == '-') && parse_offset(c, &tz->dst_off) < 0)
		return TLC_EINPUT;
	if (!eat(c, ',')) {
		default_rules(tz);
		return 0;
	}
	if (parse_rule(c, &tz->start) < 0 || !eat(c, ','))
		return TLC_EINPUT;
	return parse_rule(c, &tz->end);
}

int tlc_posix__parse(tlc_posix_tz *out, const char *s, size_t len)
{
	cursor c = {s, len, 0};
	tlc_posix_tz tz = {0, 0, false, {TLC_POSIX_MWD, 0, 1, 1, 0}, {TLC_POSIX_MWD, 0, 1, 1, 0}};
	if (parse_name(&c) < 0 || parse_offset(&c, &tz.std_off) < 0)
		return TLC_EINPUT;
	if (c.i < len && (parse_name(&c) < 0 || parse_dst(&c, &tz) < 0))
		return TLC_EINPUT;
	if (c.i != len || !tlc_zone__off_ok(tz.std_off) || !tlc_zone__off_ok(tz.dst_off))
		return TLC_EINPUT;
	*out = tz;
	return 0;
}

/* ---- evaluation ---- */

typedef struct event {
	tlc_time t;
	bool dst; /* the state from t on */
} event;

static int32_t year_of(tlc_time t)
{
	int32_t y, m, d;
	tlc_civil_from_days(tlc_floordiv(t, 86400), &y, &m, &d);
	return y;
}

static tlc_time year_start(int32_t y) { return tlc_days_from_civil(y, 1, 1) * 86400; }

/* Days before each month, in common and leap years. */
static const int16_t days_before[2][13] = {
	{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
	{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};

/*
 * Day of year (0-based) of the date `r` names in a year whose January 1 is weekday wday1
 * (0 = Sunday) and which is a leap year or not: the rule depends on nothing else, so the
 * callers step from year to year without converting dates.
 */
static int rule_doy(const tlc_posix_rule *r, bool leap, int wday1)
{
	if (r->kind == TLC_POSIX_JULIAN1)
		return r->day - 1 + (leap && r->day >= 60);
	if (r->kind == TLC_POSIX_JULIAN0)
		return r->day;
	int first = days_before[leap][r->month - 1];
	int day = first + (r->day - (wday1 + first) % 7 + 7) % 7 + (r->week - 1) * 7;
	if (day >= days_before[leap][r->month])
		day -= 7;
	return day;
}

/*
 * The events of years y0..y0+nyears-1 (nyears <= 5) into ev, sorted by instant; ties keep
 * generation order (year, then start before end). One date conversion for the first year;
 * the others step by their length.
 */
static size_t events(const tlc_posix_tz *tz, int32_t y0, int nyears, event ev[static 10])
{
	size_t n = 0;
	int64_t jan1 = tlc_days_from_civil(y0, 1, 1);
	int wday1 = tlc_weekday_from_days(jan1);
	for (int k = 0; k < nyears; k++) {
		bool leap = tlc_is_leap_year(y0 + k);
		tlc_time start = (jan1 + rule_doy(&tz->start, leap, wday1)) * 86400 + tz->start.time -
				 tz->std_off;
		tlc_time end = (jan1 + rule_doy(&tz->end, leap, wday1)) * 86400 + tz->end.time -
			       tz->dst_off;
		ev[n++] = (event){start, true};
		ev[n++] = (event){end, false};
		jan1 += leap ? 366 : 365;
		wday1 = (wday1 + (leap ? 2 : 1)) % 7;
	}
	for (size_t i = 1; i < n; i++) {
		event e = ev[i];
		size_t j = i;
		for (; j > 0 && ev[j - 1].t > e.t; j--)
			ev[j] = ev[j - 1];
		ev[j] = e;
	}
	return n;
}

/* Events of years <= y-2 all precede year y; so the last event <= t is among y-2..y+1. */
static bool dst_at(const tlc_posix_tz *tz, tlc_time t)
{
	event ev[10];
	size_t n = events(tz, year_of(t) - 2, 4, ev);
	bool dst = false;
	for (size_t i = 0; i < n && ev[i].t <= t; i++)
		dst = ev[i].dst;
	return dst;
}

int32_t tlc_posix__offset(const tlc_posix_tz *tz, tlc_time utc, bool *isdst_out)
{
	bool dst = tz->has_dst && dst_at(tz, tlc_zone__clamp(utc));
	if (isdst_out)
		*isdst_out = dst;
	return dst ? tz->dst_off : tz->std_off;
}

static int32_t offset_of(const tlc_posix_tz *tz, bool dst) { return dst ? tz->dst_off : tz->std_off; }

/*
 * Walks the sorted events ev[i..n) from `state` (the DST flag just before ev[i]) and returns
 * the index after the group of events at ev[i].t, setting *state to the flag after them. The
 * offset changes at ev[i].t when offset_of(*state) differs before and after: events at one
 * instant apply together, as in dst_at().
 */
static size_t group(const event *ev, size_t i, size_t n, bool *state)
{
	tlc_time t = ev[i].t;
	for (; i < n && ev[i].t == t; i++)
		*state = ev[i].dst;
	return i;
}

static bool never_changes(const tlc_posix_tz *tz)
{
	return !tz->has_dst || tz->std_off == tz->dst_off;
}

/*
 * Rounds of (lo, hi): the events of years y-1..y+3 (y = year of lo) are every event in that
 * interval when hi is EVENT_SLACK before year y+4.
 */
int tlc_posix__next(const tlc_posix_tz *tz, tlc_time after, tlc_time *out)
{
	tlc_time lo = after < -TLC_ZONE_T_LIMIT ? -TLC_ZONE_T_LIMIT : after;
	if (never_changes(tz))
		return TLC_ENOTFOUND;
	for (int round = 0; round < SEARCH_ROUNDS && lo < TLC_ZONE_T_LIMIT; round++) {
		event ev[10];
		int32_t y = year_of(lo);
		size_t n = events(tz, y - 1, 5, ev);
		tlc_time hi = year_start(y + 4) - EVENT_SLACK;
		/* every event in (lo, hi) is in ev: walk them from the state at lo */
		bool state = dst_at(tz, lo);
		size_t i = 0;
		while (i < n && ev[i].t <= lo)
			i++;
		while (i < n && ev[i].t < hi && ev[i].t <= TLC_ZONE_T_LIMIT) {
			tlc_time t = ev[i].t;
			bool before = state;
			i = group(ev, i, n, &state);
			if (offset_of(tz, state) != offset_of(tz, before)) {
				*out = t;
				return 0;
			}
		}
		lo = hi - 1;
	}
	return TLC_ENOTFOUND;
}

/* Mirror of tlc_posix__next: rounds of [low, hi] over the events of years y-3..y+1. */
int tlc_posix__prev(const tlc_posix_tz *tz, tlc_time at, tlc_time lo, tlc_time *out)
{
	tlc_time hi = at > TLC_ZONE_T_LIMIT ? TLC_ZONE_T_LIMIT : at;
	if (lo <= -TLC_ZONE_T_LIMIT)
		lo = -TLC_ZONE_T_LIMIT + 1;
	if (never_changes(tz))
		return TLC_ENOTFOUND;
	for (int round = 0; round < SEARCH_ROUNDS && hi >= lo; round++) {
		event ev[10];
		int32_t y = year_of(hi);
		size_t n = events(tz, y - 3, 5, ev);
		tlc_time low = year_start(y - 2) + EVENT_SLACK;
		/* every event in [low, hi] is in ev: walk them forwards from the state before low,
		 * keeping the last change */
		bool state = dst_at(tz, low - 1), found = false;
		size_t i = 0;
		while (i < n && ev[i].t < low)
			i++;
		while (i < n && ev[i].t <= hi) {
			tlc_time t = ev[i].t;
			bool before = state;
			i = group(ev, i, n, &state);
			if (t >= lo && offset_of(tz, state) != offset_of(tz, before)) {
				*out = t;
				found = true;
			}
		}
		if (found)
			return 0;
		hi = low - 1;
	}
	return TLC_ENOTFOUND;
}
