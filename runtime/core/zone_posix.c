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
#include <string.h>
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

/* Days since 1970-01-01 of the date `r` names in year y. */
static int64_t rule_day(const tlc_posix_rule *r, int32_t y)
{
	int64_t jan1 = tlc_days_from_civil(y, 1, 1);
	if (r->kind == TLC_POSIX_JULIAN1)
		return jan1 + r->day - 1 + (tlc_is_leap_year(y) && r->day >= 60);
	if (r->kind == TLC_POSIX_JULIAN0)
		return jan1 + r->day;
	int64_t first = tlc_days_from_civil(y, r->month, 1);
	int64_t day = first + (r->day - tlc_weekday_from_days(first) + 7) % 7 + (r->week - 1) * 7;
	if (day >= first + tlc_days_in_month(y, r->month))
		day -= 7;
	return day;
}

/*
 * The events of years y0..y0+nyears-1 (nyears <= 5) into ev, sorted by instant; ties keep
 * generation order (year, then start before end).
 */
static size_t events(const tlc_posix_tz *tz, int32_t y0, int nyears, event ev[static 10])
{
	size_t n = 0;
	for (int k = 0; k < nyears; k++) {
		int32_t y = y0 + k;
		tlc_time start = rule_day(&tz->start, y) * 86400 + tz->start.time - tz->std_off;
		tlc_time end = rule_day(&tz->end, y) * 86400 + tz->end.time - tz->dst_off;
		ev[n++] = (event){start, true};
		ev[n++] = (event){end, false};
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

/*
 * Events remembered per thread: instantiating a daily rule far past the zone's last transition
 * asks for offsets and neighbouring transitions on nearly every day of the same years, and
 * computing four or five years of events for each costs more than the rest of the lookup. A
 * slot is keyed by the rules (not the zone's pointer, which a freed and reallocated zone could
 * reuse), the first year and the number of years; a hit returns exactly what the computation
 * would.
 */
typedef struct events_slot {
	bool valid;
	tlc_posix_tz tz;
	int32_t y0;
	int nyears;
	size_t n;
	event ev[10];
} events_slot;

static _Thread_local events_slot slots[4];
static _Thread_local unsigned slot_next;

static bool rule_eq(const tlc_posix_rule *a, const tlc_posix_rule *b)
{
	return a->kind == b->kind && a->day == b->day && a->month == b->month &&
	       a->week == b->week && a->time == b->time;
}

/* Field by field: padding bytes may be uninitialised. */
static bool tz_eq(const tlc_posix_tz *a, const tlc_posix_tz *b)
{
	return a->std_off == b->std_off && a->dst_off == b->dst_off && a->has_dst == b->has_dst &&
	       rule_eq(&a->start, &b->start) && rule_eq(&a->end, &b->end);
}

/* events(), through the per-thread slots; *out stays valid until the next call. */
static size_t events_cached(const tlc_posix_tz *tz, int32_t y0, int nyears, const event **out)
{
	for (unsigned i = 0; i < 4; i++) {
		events_slot *c = &slots[i];
		if (c->valid && c->y0 == y0 && c->nyears == nyears && tz_eq(&c->tz, tz)) {
			*out = c->ev;
			return c->n;
		}
	}
	events_slot *c = &slots[slot_next++ & 3];
	c->tz = *tz;
	c->y0 = y0;
	c->nyears = nyears;
	c->n = events(tz, y0, nyears, c->ev);
	c->valid = true;
	*out = c->ev;
	return c->n;
}

/* The last year looked up by dst_at, per thread, to skip the civil conversion. */
static _Thread_local struct {
	bool valid;
	int32_t y;
	tlc_time lo, hi; /* [start of year y, start of year y+1) */
} last_year;

/* Events of years <= y-2 all precede year y; so the last event <= t is among y-2..y+1. */
static bool dst_at(const tlc_posix_tz *tz, tlc_time t)
{
	if (!last_year.valid || t < last_year.lo || t >= last_year.hi) {
		int32_t y = year_of(t);
		last_year.y = y;
		last_year.lo = year_start(y);
		last_year.hi = year_start(y + 1);
		last_year.valid = true;
	}
	const event *ev;
	size_t n = events_cached(tz, last_year.y - 2, 4, &ev);
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

static bool changes_at(const tlc_posix_tz *tz, tlc_time t)
{
	return tlc_posix__offset(tz, t, NULL) != tlc_posix__offset(tz, t - 1, NULL);
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
		event ev[10]; /* a copy: changes_at below reuses the slots */
		const event *cev;
		int32_t y = year_of(lo);
		size_t n = events_cached(tz, y - 1, 5, &cev);
		memcpy(ev, cev, n * sizeof *ev);
		tlc_time hi = year_start(y + 4) - EVENT_SLACK;
		for (size_t i = 0; i < n; i++) {
			tlc_time t = ev[i].t;
			if (t > lo && t < hi && t <= TLC_ZONE_T_LIMIT && changes_at(tz, t)) {
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
		event ev[10]; /* a copy: changes_at below reuses the slots */
		const event *cev;
		int32_t y = year_of(hi);
		size_t n = events_cached(tz, y - 3, 5, &cev);
		memcpy(ev, cev, n * sizeof *ev);
		tlc_time low = year_start(y - 2) + EVENT_SLACK;
		for (size_t i = n; i-- > 0;) {
			tlc_time t = ev[i].t;
			if (t <= hi && t >= low && t >= lo && changes_at(tz, t)) {
				*out = t;
				return 0;
			}
		}
		hi = low - 1;
	}
	return TLC_ENOTFOUND;
}
