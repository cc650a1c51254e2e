/*
 * The local-time generator: the readings of a rule in ascending local seconds, no zone
 * involved; see recur_int.h. Semantics follow RFC 5545 3.3.10 (and python-dateutil where the RFC
 * is silent):
 *
 *  - Every BYxxx part filters the days (or times) of a period; "expansion" is just a period
 *    holding many days. The day filters are precomputed per calendar year as a 366-bit mask
 *    (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY with ordinals counted in the month or the
 *    year), so a DAILY rule costs one bit test per day. A year's mask depends only on its kind
 *    (the weekday of January 1 and which of Y-1, Y, Y+1 is a leap year: 28 kinds), so each kind
 *    is built once per generator, a word or a month at a time, and a MONTHLY or YEARLY rule
 *    reuses it in later years.
 *  - Coarse frequencies (DAILY..YEARLY): a period is a day, a week starting on WKST, a month or
 *    a year; its candidates are (days that pass) x (times: BYHOUR x BYMINUTE x BYSECOND, or
 *    DTSTART's), in that order. Sub-daily ones: a period is INTERVAL hours/minutes/seconds of
 *    wall clock counted from DTSTART; it is kept only when its day and its hour/minute/second
 *    pass the filters, and its candidates are the finer BY lists inside it.
 *  - BYSETPOS picks indices out of a period's candidates. Readings before DTSTART are dropped
 *    after that (they still hold positions), and DTSTART itself is a reading only if it matches.
 *  - Termination: a run of empty periods longer than the rule's calendar cycle (400 Gregorian
 *    years times the part of INTERVAL they do not absorb) proves the rule dead; readings stop at
 *    the year 9999 and at UNTIL; TLC_RECUR_SCAN_MAX bounds the steps between two readings.
 */
#include "recur_int.h"

#include <stddef.h>
#include <string.h>

#include "timelinec/civil.h"

#define DAY 86400
#define CYCLE_DAYS 146097 /* days in 400 Gregorian years */
#define CYCLE_SECS ((int64_t)CYCLE_DAYS * DAY)
#define FAR ((tlc_time)INT64_MAX / 4)

static const int16_t cum_days[2][13] = {
	{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
	{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};

/* ---- bits --------------------------------------------------------------------------------- */

static int ctz64(uint64_t w)
{
#if defined(__GNUC__) || defined(__clang__)
	return __builtin_ctzll(w);
#else
	int n = 0;
	while (!(w & 1u))
		w >>= 1, n++;
	return n;
#endif
}

/* The first set bit at or after `from` and before `end`, or `end`. */
static unsigned next_bit(const tlc_rbits *b, unsigned from, unsigned end)
{
	while (from < end) {
		uint64_t w = b->w[from >> 6] >> (from & 63);
		if (w)
			return from + (unsigned)ctz64(w) < end ? from + (unsigned)ctz64(w) : end;
		from = (from | 63) + 1;
	}
	return end;
}

static void set_range(tlc_rbits *b, unsigned lo, unsigned hi)
{
	for (; lo < hi && (lo & 63); lo++)
		tlc_rbits_set(b, lo);
	for (; lo + 64 <= hi; lo += 64)
		b->w[lo >> 6] = UINT64_MAX;
	for (; lo < hi; lo++)
		tlc_rbits_set(b, lo);
}

static void and_bits(tlc_rbits *a, const tlc_rbits *b)
{
	for (int i = 0; i < 6; i++)
		a->w[i] &= b->w[i];
}

static int64_t gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* ---- the plan ----------------------------------------------------------------------------- */

#define DAY_PARTS                                                                                  \
	(TLC_RP_BIT(TLC_RP_BYWEEKNO) | TLC_RP_BIT(TLC_RP_BYYEARDAY) |                              \
	 TLC_RP_BIT(TLC_RP_BYMONTHDAY) | TLC_RP_BIT(TLC_RP_BYDAY))

static bool any_nth(const tlc_recur *r)
{
	for (int i = 0; i < 7; i++)
		if (r->byday_pos[i] || r->byday_neg[i])
			return true;
	return false;
}

/* Day filters, with RFC 5545's defaults taken from DTSTART when no day part is given. */
static void plan_days(tlc_recur_plan *pl, const tlc_recur *r, const tlc_civil *c)
{
	pl->bymonth = r->bymonth;
	pl->bymday_pos = r->bymday_pos;
	pl->bymday_neg = r->bymday_neg;
	pl->byday = r->byday;
	if (!(r->parts & DAY_PARTS)) {
		if (r->freq == TLC_RECUR_YEARLY && !r->bymonth)
			pl->bymonth = (uint16_t)(1u << c->month);
		if (r->freq == TLC_RECUR_YEARLY || r->freq == TLC_RECUR_MONTHLY)
			pl->bymday_pos = (uint32_t)1 << c->day;
		if (r->freq == TLC_RECUR_WEEKLY)
			pl->byday = (uint8_t)(1u << tlc_weekday_from_days(
						     tlc_days_from_civil(c->year, c->month, c->day)));
	}
	pl->f_month = pl->bymonth != 0;
	pl->f_mday = (pl->bymday_pos | pl->bymday_neg) != 0;
	for (int len = 28; len <= 31; len++) {
		uint32_t all = (1u << len) - 1, v = pl->f_mday ? (pl->bymday_pos >> 1) & all : all;
		for (uint32_t w = pl->bymday_neg; w; w &= w - 1)
			if (ctz64(w) <= len)
				v |= 1u << (len - ctz64(w));
		pl->mdays[len - 28] = v;
	}
	pl->f_yday = (r->parts & TLC_RP_BIT(TLC_RP_BYYEARDAY)) != 0;
	pl->f_weekno = (r->parts & TLC_RP_BIT(TLC_RP_BYWEEKNO)) != 0;
	pl->f_nth = any_nth(r);
	pl->f_wday = pl->byday != 0 || pl->f_nth;
	pl->nth_in_month = r->freq == TLC_RECUR_MONTHLY || r->bymonth != 0;
}

static void add_list(tlc_recur_plan *pl, uint64_t mask, int32_t mul)
{
	int k = pl->nlists++;
	pl->tn[k] = 0;
	pl->tmul[k] = mul;
	for (int v = 0; v < 60; v++)
		if ((mask >> v) & 1u)
			pl->tv[k][pl->tn[k]++] = (uint8_t)v;
	pl->tsize *= pl->tn[k];
}

/* Time lists (expanding parts) and sub-daily filters (limiting parts). */
static void plan_times(tlc_recur_plan *pl, const tlc_recur *r, const tlc_civil *c)
{
	const uint64_t sec60 = ((uint64_t)1 << 60) - 1;
	uint64_t h = (r->parts & TLC_RP_BIT(TLC_RP_BYHOUR)) ? r->byhour : (uint64_t)1 << c->hour;
	uint64_t m = (r->parts & TLC_RP_BIT(TLC_RP_BYMINUTE)) ? r->byminute : (uint64_t)1 << c->min;
	uint64_t s = (r->parts & TLC_RP_BIT(TLC_RP_BYSECOND)) ? r->bysecond : (uint64_t)1 << c->sec;
	s &= sec60; /* no leap seconds: BYSECOND=60 never matches */
	pl->tsize = 1;
	pl->fhour = (r->parts & TLC_RP_BIT(TLC_RP_BYHOUR)) ? r->byhour : 0xffffffu;
	pl->fmin = (r->parts & TLC_RP_BIT(TLC_RP_BYMINUTE)) ? r->byminute : sec60;
	pl->fsec = (r->parts & TLC_RP_BIT(TLC_RP_BYSECOND)) ? s : sec60;
	if (r->freq >= TLC_RECUR_DAILY)
		add_list(pl, h, 3600);
	if (r->freq >= TLC_RECUR_HOURLY)
		add_list(pl, m, 60);
	if (r->freq >= TLC_RECUR_MINUTELY)
		add_list(pl, s, 1);
	if (r->freq >= TLC_RECUR_DAILY)
		pl->fhour = 0xffffffu;
	if (r->freq >= TLC_RECUR_HOURLY)
		pl->fmin = sec60;
	if (r->freq >= TLC_RECUR_MINUTELY)
		pl->fsec = sec60;
	pl->setpos = (r->parts & TLC_RP_BIT(TLC_RP_BYSETPOS)) != 0;
	for (unsigned v = 1; v <= 366; v++) {
		if (tlc_rbits_get(&r->bysetpos_pos, v))
			pl->sp_pos[pl->n_sp_pos++] = (uint16_t)v;
		if (tlc_rbits_get(&r->bysetpos_neg, v))
			pl->sp_neg[pl->n_sp_neg++] = (uint16_t)v;
	}
}

/* k * 400 years, where k is the smallest count of cycles that is a whole number of steps. */
static tlc_time cycle_len(int64_t step, int64_t per_cycle)
{
	int64_t k = step / gcd64(step, per_cycle);
	return k > 30 ? FAR : k * CYCLE_SECS;
}

static void plan_period(tlc_recur_plan *pl, const tlc_recur *r, const tlc_civil *c)
{
	int64_t day = tlc_floordiv(pl->dtstart, DAY), unit;
	int64_t i = pl->interval;
	switch (r->freq) {
	case TLC_RECUR_YEARLY:
		pl->p0 = c->year;
		pl->cycle = cycle_len(i, 400);
		break;
	case TLC_RECUR_MONTHLY:
		pl->p0 = (int64_t)c->year * 12 + c->month - 1;
		pl->cycle = cycle_len(i, 4800);
		break;
	case TLC_RECUR_WEEKLY:
		pl->week_off = (int32_t)tlc_floormod(r->wkst - 4, 7);
		pl->p0 = tlc_floordiv(day - pl->week_off, 7);
		pl->cycle = cycle_len(7 * i, CYCLE_DAYS);
		break;
	case TLC_RECUR_DAILY:
		pl->p0 = day;
		pl->cycle = cycle_len(i, CYCLE_DAYS);
		break;
	default:
		unit = r->freq == TLC_RECUR_HOURLY ? 3600 : r->freq == TLC_RECUR_MINUTELY ? 60 : 1;
		pl->step = i * unit;
		pl->origin = pl->dtstart - tlc_floormod(pl->dtstart, unit);
		pl->cycle = cycle_len(pl->step, CYCLE_SECS);
		break;
	}
	if (pl->cycle != FAR)
		pl->cycle += 2 * 366 * DAY + 2 * pl->step;
}

static void plan_stop(tlc_recur_plan *pl, const tlc_recur *r)
{
	pl->until_kind = r->until_kind;
	pl->until_local = FAR;
	pl->stop = TLC_RECUR_LOCAL_END;
	if (r->until_kind == TLC_UNTIL_LOCAL)
		pl->until_local = r->until;
	else if (r->until_kind == TLC_UNTIL_DATE)
		pl->until_local = r->until + DAY - 1;
	if (r->until_kind != TLC_UNTIL_NONE)
		/* a UTC UNTIL: no zone is more than a day and a few hours off */
		pl->stop = r->until_kind == TLC_UNTIL_UTC ? r->until + 2 * DAY : pl->until_local;
}

/* Sub-daily: can any period start (origin + k * step) fall on an allowed hour/minute/second? */
static bool sub_reachable(const tlc_recur_plan *pl)
{
	int64_t g = gcd64(pl->step, DAY);
	for (int64_t x = tlc_floormod(pl->origin, g); x < DAY; x += g)
		if (((pl->fhour >> (x / 3600)) & 1u) && ((pl->fmin >> (x / 60 % 60)) & 1u) &&
		    ((pl->fsec >> (x % 60)) & 1u))
			return true;
	return false;
}

/* BYSETPOS: can any position fall within the most candidates a period can hold? */
static bool setpos_reachable(const tlc_recur_plan *pl)
{
	static const int64_t max_days[TLC_RECUR_FREQ_MAX] = {1, 1, 1, 1, 7, 31, 366};
	int64_t most = max_days[pl->freq] * pl->tsize;
	if (!pl->setpos)
		return true;
	return (pl->n_sp_pos > 0 && pl->sp_pos[0] <= most) ||
	       (pl->n_sp_neg > 0 && pl->sp_neg[0] <= most);
}

int tlc_recur__plan_init(tlc_recur_plan *pl, const tlc_recur *r)
{
	tlc_civil c;
	if (!r->has_dtstart && !r->friendly)
		return TLC_EINVAL;
	memset(pl, 0, sizeof *pl);
	pl->r = r;
	pl->freq = r->freq;
	pl->interval = r->interval;
	pl->dtstart = r->has_dtstart ? r->dtstart : TLC_RECUR_LOCAL_MIN;
	tlc_civil_from_secs(pl->dtstart, &c);
	plan_days(pl, r, &c);
	plan_times(pl, r, &c);
	plan_period(pl, r, &c);
	plan_stop(pl, r);
	pl->never = pl->tsize == 0 || !setpos_reachable(pl) ||
		    (pl->freq < TLC_RECUR_DAILY && !sub_reachable(pl));
	return 0;
}

/* ---- year masks --------------------------------------------------------------------------- */

static int wday_at(const tlc_recur_ymask *m, int64_t i)
{
	return tlc_weekday_from_days(m->jan1 + i);
}

/* ORs v (at most 32 bits wide) into t at bit `at`. */
static void or_bits(tlc_rbits *t, unsigned at, uint64_t v)
{
	t->w[at >> 6] |= v << (at & 63);
	if ((at & 63) > 32 && (at >> 6) < 5)
		t->w[(at >> 6) + 1] |= v >> (64 - (at & 63));
}

/* BYYEARDAY: each listed day that the year has. */
static void mask_yday(tlc_rbits *t, const tlc_recur *r, int len)
{
	for (int k = 0; k < 6; k++) {
		for (uint64_t w = r->byyday_pos.w[k]; w; w &= w - 1) {
			int v = 64 * k + ctz64(w);
			if (v >= 1 && v <= len)
				tlc_rbits_set(t, (unsigned)(v - 1));
		}
		for (uint64_t w = r->byyday_neg.w[k]; w; w &= w - 1) {
			int v = 64 * k + ctz64(w);
			if (v >= 1 && v <= len)
				tlc_rbits_set(t, (unsigned)(len - v));
		}
	}
}

/* Day number of the first day of week 1 of `year`: the first week (starting on wkst) that has
 * at least four days in the year (ISO 8601 generalised, RFC 5545 BYWEEKNO). */
static int64_t week1_start(int32_t year, int wkst)
{
	int64_t jan1 = tlc_days_from_civil(year, 1, 1);
	int64_t delta = tlc_floormod(tlc_weekday_from_days(jan1) - wkst, 7);
	return delta <= 3 ? jan1 - delta : jan1 + 7 - delta;
}

static bool weekno_match(const tlc_recur *r, int64_t week, int64_t nweeks)
{
	return ((r->byweekno_pos >> week) & 1u) || ((r->byweekno_neg >> (nweeks + 1 - week)) & 1u);
}

/* BYWEEKNO: the matching weeks of the week-numbering years Y-1, Y and Y+1 that overlap year Y. */
static void mask_weekno(tlc_rbits *t, const tlc_recur *r, const tlc_recur_ymask *m)
{
	int64_t w[4];
	for (int k = 0; k < 4; k++)
		w[k] = week1_start(m->year - 1 + k, r->wkst);
	for (int k = 0; k < 3; k++) {
		int64_t nweeks = (w[k + 1] - w[k]) / 7;
		int64_t n = w[k] < m->jan1 ? (m->jan1 - w[k]) / 7 + 1 : 1; /* the week of jan1 */
		for (; n <= nweeks; n++) {
			int64_t lo = w[k] + 7 * (n - 1) - m->jan1;
			if (lo >= m->len)
				break;
			if (weekno_match(r, n, nweeks))
				set_range(t, (unsigned)(lo < 0 ? 0 : lo),
					  (unsigned)(lo + 7 > m->len ? m->len : lo + 7));
		}
	}
}

/* The n-th weekdays (BYDAY=1MO, -1FR) of day range [a, b) of the year. */
static void mask_nth_range(tlc_rbits *t, const tlc_recur *r, const tlc_recur_ymask *m, int a,
			   int b)
{
	for (int wd = 0; wd < 7; wd++) {
		if (!(r->byday_pos[wd] | r->byday_neg[wd]))
			continue;
		int first = a + (int)tlc_floormod(wd - wday_at(m, a), 7);
		int last = b - 1 - (int)tlc_floormod(wday_at(m, b - 1) - wd, 7);
		for (uint64_t w = r->byday_pos[wd]; w; w &= w - 1) {
			int day = first + (ctz64(w) - 1) * 7;
			if (day < b)
				tlc_rbits_set(t, (unsigned)day);
		}
		for (uint64_t w = r->byday_neg[wd]; w; w &= w - 1) {
			int day = last - (ctz64(w) - 1) * 7;
			if (day >= a)
				tlc_rbits_set(t, (unsigned)day);
		}
	}
}

/* The word whose bit j is set when weekday (wd + j) % 7 is in `days`. */
static uint64_t week_pattern(unsigned days, int wd)
{
	uint64_t p = ((days >> wd) | (days << (7 - wd))) & 0x7fu, v = 0;
	for (int j = 0; j < 64; j += 7)
		v |= p << j;
	return v;
}

static void mask_wday(tlc_rbits *t, const tlc_recur_plan *pl, const tlc_recur_ymask *m,
		      const int16_t *cum)
{
	/* day 64k of the year falls on weekday (jan1 + k) % 7, as 64 = 9 * 7 + 1 */
	for (int k = 0; k < 6 && pl->byday; k++)
		t->w[k] = week_pattern(pl->byday, (wday_at(m, 0) + k) % 7);
	if (!pl->f_nth)
		return;
	if (!pl->nth_in_month) {
		mask_nth_range(t, pl->r, m, 0, m->len);
		return;
	}
	for (int mo = 1; mo <= 12; mo++)
		if (pl->freq == TLC_RECUR_MONTHLY || ((pl->bymonth >> mo) & 1u))
			mask_nth_range(t, pl->r, m, cum[mo - 1], cum[mo]);
}

static void mask_build(tlc_recur_ymask *m, const tlc_recur_plan *pl, int32_t year)
{
	const int16_t *cum = cum_days[tlc_is_leap_year(year)];
	tlc_rbits t;
	m->year = year;
	m->len = cum[12];
	m->jan1 = tlc_days_from_civil(year, 1, 1);
	memset(&m->bits, 0, sizeof m->bits);
	for (int mo = 1; mo <= 12; mo++) /* BYMONTH and BYMONTHDAY, month by month */
		if (!pl->f_month || ((pl->bymonth >> mo) & 1u))
			or_bits(&m->bits, (unsigned)cum[mo - 1], pl->mdays[cum[mo] - cum[mo - 1] - 28]);
	for (int f = 0; f < 3; f++) {
		memset(&t, 0, sizeof t);
		if (f == 0 && pl->f_yday)
			mask_yday(&t, pl->r, m->len);
		else if (f == 1 && pl->f_weekno)
			mask_weekno(&t, pl->r, m);
		else if (f == 2 && pl->f_wday)
			mask_wday(&t, pl, m, cum);
		else
			continue;
		and_bits(&m->bits, &t);
	}
	m->any = next_bit(&m->bits, 0, (unsigned)m->len) < (unsigned)m->len;
}

/*
 * A year's mask depends only on its kind: the weekday of January 1 and which of the years Y-1, Y
 * and Y+1 is a leap year (BYWEEKNO looks into the neighbouring years; at most one of three
 * consecutive years is a leap year). 7 x 4 kinds.
 */
static bool leap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int year_kind(int32_t year, int64_t jan1)
{
	int which = leap(year - 1) ? 1 : leap(year) ? 2 : leap(year + 1) ? 3 : 0;
	return which * 7 + tlc_weekday_from_days(jan1);
}

/* The mask of the year holding day number `day` (two consecutive years stay at hand, and the
 * mask of every kind of year met so far). */
static const tlc_recur_ymask *mask_for(tlc_recur_gen *g, const tlc_recur_plan *pl, int64_t day)
{
	int32_t y = 0, mo, d;
	tlc_recur_ymask *m;
	int kind;
	for (int k = 0; k < 2; k++) {
		if (!g->m[k].year)
			continue;
		if (day >= g->m[k].jan1 && day - g->m[k].jan1 < g->m[k].len)
			return &g->m[k];
		if (day == g->m[k].jan1 + g->m[k].len)
			y = g->m[k].year + 1; /* the next year: no need for the calendar */
	}
	if (y == 0) {
		tlc_civil_from_days(day, &y, &mo, &d);
		day -= cum_days[leap(y)][mo - 1] + d - 1;
	}
	m = &g->m[y & 1];
	m->year = y;
	m->jan1 = day;
	m->len = leap(y) ? 366 : 365;
	kind = year_kind(y, m->jan1);
	if (!((g->kinds >> kind) & 1u)) {
		mask_build(m, pl, y);
		g->kind_bits[kind] = m->bits;
		g->kinds |= (uint32_t)1 << kind;
		g->kinds_any |= (uint32_t)m->any << kind;
	}
	m->bits = g->kind_bits[kind];
	m->any = (g->kinds_any >> kind) & 1u;
	return m;
}

/* ---- periods ------------------------------------------------------------------------------ */

static bool coarse(const tlc_recur_plan *pl) { return pl->freq >= TLC_RECUR_DAILY; }

static void period_days(const tlc_recur_plan *pl, int64_t p, int64_t *first, int32_t *len)
{
	int32_t y;
	switch (pl->freq) {
	case TLC_RECUR_YEARLY:
		*first = tlc_days_from_civil((int32_t)p, 1, 1);
		*len = tlc_is_leap_year((int32_t)p) ? 366 : 365;
		return;
	case TLC_RECUR_MONTHLY:
		y = (int32_t)tlc_floordiv(p, 12);
		*first = tlc_days_from_civil(y, (int32_t)(p - (int64_t)y * 12 + 1), 1);
		*len = tlc_days_in_month(y, (int32_t)(p - (int64_t)y * 12 + 1));
		return;
	case TLC_RECUR_WEEKLY:
		*first = p * 7 + pl->week_off;
		*len = 7;
		return;
	default:
		*first = p;
		*len = 1;
		return;
	}
}

static int64_t period_of_day(const tlc_recur_plan *pl, int64_t day)
{
	int32_t y, m, d;
	switch (pl->freq) {
	case TLC_RECUR_YEARLY:
	case TLC_RECUR_MONTHLY:
		tlc_civil_from_days(day, &y, &m, &d);
		return pl->freq == TLC_RECUR_YEARLY ? y : (int64_t)y * 12 + m - 1;
	case TLC_RECUR_WEEKLY: return tlc_floordiv(day - pl->week_off, 7);
	default: return day;
	}
}

/* The first active period (p0 + k * INTERVAL, k >= 0) at or after p. */
static int64_t first_active(const tlc_recur_plan *pl, int64_t p)
{
	if (p <= pl->p0)
		return pl->p0;
	return pl->p0 + (p - pl->p0 + pl->interval - 1) / pl->interval * pl->interval;
}

/* The start of period p; coarse periods also fill g->first and g->len. */
static tlc_time period_start(tlc_recur_gen *g, const tlc_recur_plan *pl, int64_t p)
{
	if (!coarse(pl))
		return pl->origin + p * pl->step;
	period_days(pl, p, &g->first, &g->len);
	return g->first * DAY;
}

/* Fills sel[] with the BYSETPOS picks among ncand candidates, ascending: positive positions
 * count from the start (ascending), negative ones from the end (descending magnitudes). */
static void select_setpos(tlc_recur_gen *g, const tlc_recur_plan *pl)
{
	uint64_t n = g->ncand;
	int a = 0, b = pl->n_sp_neg - 1;
	g->nsel = 0;
	while (b >= 0 && pl->sp_neg[b] > n)
		b--;
	while (true) {
		uint64_t ia = a < pl->n_sp_pos && pl->sp_pos[a] <= n ? pl->sp_pos[a] - 1u : UINT64_MAX;
		uint64_t ib = b >= 0 ? n - pl->sp_neg[b] : UINT64_MAX;
		if (ia == UINT64_MAX && ib == UINT64_MAX)
			return;
		g->sel[g->nsel++] = (uint32_t)(ia < ib ? ia : ib);
		if (ia <= ib)
			a++;
		if (ib <= ia)
			b--;
	}
}

static void finish_load(tlc_recur_gen *g, const tlc_recur_plan *pl)
{
	g->ncand = (uint64_t)g->ndays * pl->tsize;
	g->pos = 0;
	if (pl->setpos) {
		select_setpos(g, pl);
		g->lim = g->nsel;
	} else {
		g->lim = g->ncand;
	}
}

/* Loads coarse period p, whose days period_start() put in g->first and g->len. */
static void load_coarse(tlc_recur_gen *g, const tlc_recur_plan *pl, int64_t p)
{
	int64_t first = g->first, d;
	int32_t len = g->len;
	g->p = p;
	g->ndays = 0;
	for (d = first; d < first + len;) {
		const tlc_recur_ymask *m = mask_for(g, pl, d);
		unsigned end = (unsigned)(first + len - m->jan1 < m->len ? first + len - m->jan1 : m->len);
		unsigned i = next_bit(&m->bits, (unsigned)(d - m->jan1), end);
		for (; i < end; i = next_bit(&m->bits, i + 1, end))
			g->days[g->ndays++] = (int32_t)(m->jan1 + i);
		d = m->jan1 + end;
	}
	finish_load(g, pl);
}

/* After the coarse period loaded: the next active period worth loading (skips empty years and,
 * for DAILY, days the mask rules out). */
static int64_t next_coarse(tlc_recur_gen *g, const tlc_recur_plan *pl)
{
	const tlc_recur_ymask *m = mask_for(g, pl, g->first);
	unsigned i;
	if (!m->any && g->first + g->len <= m->jan1 + m->len)
		return first_active(pl, period_of_day(pl, m->jan1 + m->len));
	if (pl->freq != TLC_RECUR_DAILY)
		return g->p + pl->interval;
	i = next_bit(&m->bits, (unsigned)(g->p + 1 - m->jan1), (unsigned)m->len);
	return first_active(pl, m->jan1 + i);
}

/* The smallest period index whose start is at or after local time `t` (> the current one). */
static int64_t sub_period_at(const tlc_recur_plan *pl, tlc_time t)
{
	return (t - pl->origin + pl->step - 1) / pl->step;
}

/* The next set bit above `v` in `mask` (bits 0..lim-1), or -1. */
static int next_in(uint64_t mask, int v, int lim)
{
	for (int k = v + 1; k < lim; k++)
		if ((mask >> k) & 1u)
			return k;
	return -1;
}

/*
 * Sub-daily period p: loads it when its day and its hour/minute/second pass; otherwise returns
 * false with *next the first later period that might.
 */
static bool load_sub(tlc_recur_gen *g, const tlc_recur_plan *pl, int64_t p, int64_t *next)
{
	tlc_time base = pl->origin + p * pl->step;
	int64_t day = tlc_floordiv(base, DAY), tod = base - day * DAY;
	int h = (int)(tod / 3600), mi = (int)(tod / 60 % 60), s = (int)(tod % 60), k;
	const tlc_recur_ymask *m = mask_for(g, pl, day);
	tlc_time target;
	if (!tlc_rbits_get(&m->bits, (unsigned)(day - m->jan1))) {
		target = (m->jan1 + next_bit(&m->bits, (unsigned)(day - m->jan1), (unsigned)m->len)) * DAY;
	} else if (!((pl->fhour >> h) & 1u)) {
		k = next_in(pl->fhour, h, 24);
		target = day * DAY + (k < 0 ? DAY : k * 3600);
	} else if (!((pl->fmin >> mi) & 1u)) {
		k = next_in(pl->fmin, mi, 60);
		target = day * DAY + h * 3600 + (k < 0 ? 3600 : k * 60);
	} else if (!((pl->fsec >> s) & 1u)) {
		k = next_in(pl->fsec, s, 60);
		target = day * DAY + h * 3600 + mi * 60 + (k < 0 ? 60 : k);
	} else {
		g->p = p;
		g->base = base;
		g->ndays = 1;
		finish_load(g, pl);
		return true;
	}
	*next = sub_period_at(pl, target);
	if (*next <= p)
		*next = p + 1;
	return false;
}

static int finish(tlc_recur_gen *g, tlc_recur_end end)
{
	g->end = end;
	g->lim = g->pos = 0;
	return TLC_ENOTFOUND;
}

/* Counts a step that produced nothing; false (and g->end set) when the limit is reached. */
static bool gen_step(tlc_recur_gen *g)
{
	if (++g->steps <= TLC_RECUR_SCAN_MAX)
		return true;
	finish(g, TLC_RECUR_END_LIMIT);
	return false;
}

/* Loads the first period at or after p (an active one for coarse rules) that has readings. */
static int search(tlc_recur_gen *g, const tlc_recur_plan *pl, int64_t p)
{
	while (true) {
		tlc_time start = period_start(g, pl, p);
		int64_t next = p + 1;
		bool loaded = true;
		if (pl->until_kind != TLC_UNTIL_NONE && start > pl->stop)
			return finish(g, TLC_RECUR_END_UNTIL);
		if (start >= TLC_RECUR_LOCAL_END)
			return finish(g, TLC_RECUR_END_RANGE);
		if (g->empty_since != TLC_TIME_NONE && start - g->empty_since > pl->cycle)
			return finish(g, TLC_RECUR_END_NEVER);
		if (!gen_step(g))
			return TLC_ENOTFOUND;
		if (coarse(pl))
			load_coarse(g, pl, p);
		else
			loaded = load_sub(g, pl, p, &next);
		if (loaded && g->lim > 0) {
			g->empty_since = TLC_TIME_NONE;
			return 0;
		}
		if (g->empty_since == TLC_TIME_NONE)
			g->empty_since = start;
		p = coarse(pl) ? next_coarse(g, pl) : next;
	}
}

static int32_t tod_of(const tlc_recur_plan *pl, uint64_t t)
{
	int32_t v = 0;
	for (int k = pl->nlists - 1; k >= 0; k--) {
		v += pl->tv[k][t % pl->tn[k]] * pl->tmul[k];
		t /= pl->tn[k];
	}
	return v;
}

static tlc_time cand_local(const tlc_recur_gen *g, const tlc_recur_plan *pl, uint64_t pos)
{
	uint64_t c = pl->setpos ? g->sel[pos] : pos;
	if (pl->tsize == 1)
		return coarse(pl) ? (tlc_time)g->days[c] * DAY + tod_of(pl, 0) : g->base + tod_of(pl, 0);
	if (!coarse(pl))
		return g->base + tod_of(pl, c);
	return (tlc_time)g->days[c / pl->tsize] * DAY + tod_of(pl, c % pl->tsize);
}

void tlc_recur__gen_init(tlc_recur_gen *g)
{
	/* all but the scratch arrays (days, sel, kind_bits: 5.6 KB), each written before it is read
	 * (days below ndays, sel below nsel, kind_bits[k] once bit k of kinds is set) */
	memset(g, 0, offsetof(tlc_recur_gen, days));
	g->nsel = 0;
	memset(&g->ncand, 0, offsetof(tlc_recur_gen, kind_bits) - offsetof(tlc_recur_gen, ncand));
}

void tlc_recur__gen_seek(tlc_recur_gen *g, const tlc_recur_plan *pl, tlc_time local)
{
	g->end = TLC_RECUR_END_NONE;
	g->steps = 0;
	g->empty_since = TLC_TIME_NONE;
	g->pos = g->lim = 0;
	if (pl->never) {
		finish(g, TLC_RECUR_END_NEVER);
		return;
	}
	if (local < pl->dtstart)
		local = pl->dtstart;
	if (coarse(pl))
		g->p = first_active(pl, period_of_day(pl, tlc_floordiv(local, DAY)));
	else
		g->p = tlc_floordiv(local - pl->origin, pl->step);
	if (search(g, pl, g->p) < 0)
		return;
	/* the first candidate >= local: candidates ascend within a period */
	uint64_t lo = 0, hi = g->lim;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (cand_local(g, pl, mid) < local)
			lo = mid + 1;
		else
			hi = mid;
	}
	g->pos = lo;
}

int tlc_recur__gen_next(tlc_recur_gen *g, const tlc_recur_plan *pl, tlc_time *local_out)
{
	while (true) {
		if (g->end != TLC_RECUR_END_NONE)
			return TLC_ENOTFOUND;
		if (g->pos < g->lim) {
			tlc_time t = cand_local(g, pl, g->pos++);
			if (t < pl->dtstart)
				continue;
			if (t > pl->until_local)
				return finish(g, TLC_RECUR_END_UNTIL);
			if (t >= TLC_RECUR_LOCAL_END)
				return finish(g, TLC_RECUR_END_RANGE);
			g->steps = 0;
			*local_out = t;
			return 0;
		}
		int64_t next = coarse(pl) ? next_coarse(g, pl) : g->p + 1;
		if (search(g, pl, next) < 0)
			return TLC_ENOTFOUND;
	}
}
