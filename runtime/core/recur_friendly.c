/*
 * The friendly recurrence form and its lowering to an RRULE; see recur.h and
 * docs/recurrence.md. Grammar (lowercase only; SP = one or more spaces; no leading or trailing
 * spaces):
 *
 *   friendly = days SP ["at" SP] times
 *            | "monthly" SP "on" SP "the" SP mday SP ["at" SP] times
 *            | "every" SP step [SP "from" SP time SP "to" SP time]      ; 'to' is inclusive
 *   days     = "daily" | "weekdays" | "weekends" | "mondays" | ... | "sundays"
 *            | abbr *("," *" " abbr)                  abbr = "mon" | "tue" | ... | "sun"
 *   mday     = 1*2DIGIT ("st" | "nd" | "rd" | "th") | "last" [SP "day"]
 *   step     = 1*7DIGIT ("s" | "m" | "h")
 *   times    = time *("," *" " time)                  time = hh ":" mm [":" ss]
 *
 * Lowering: a days form is FREQ=DAILY (+BYDAY), a monthly form FREQ=MONTHLY;BYMONTHDAY=d, both
 * with BYHOUR/BYMINUTE/BYSECOND spanning the times and, when the times are not the whole
 * product of those lists, a BYSETPOS picking them out of each day. 'every N' is
 * FREQ=SECONDLY/MINUTELY/HOURLY;INTERVAL=N; with a window it is FREQ=DAILY over the times
 * 'from', 'from' + N, ... up to 'to', which needs N to divide an hour or to be whole hours.
 */
#include "recur_int.h"

#include <string.h>

#include "timelinec/civil.h"

#define QUOTE_MAX 40
#define G_TIME "expected a time of day like '09:30' or '17:40:05'"
#define G_START "expected 'daily', 'weekdays', 'weekends', 'mondays', 'mon,wed,fri', " \
	"'monthly on the 1st' or 'every 15m'"
#define G_STEP "expected a step like '15m', '2h' or '30s'"

typedef struct fp {
	const char *s;
	size_t n;
	size_t i;
	tlc_err *err;
	tlc_recur *r;
	char q[QUOTE_MAX];
} fp;

static const char *const abbrs[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const plurals[7] = {"sundays", "mondays", "tuesdays", "wednesdays",
				       "thursdays", "fridays", "saturdays"};

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

static bool eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* The length of the run of lowercase letters at the cursor. */
static size_t word_len(const fp *p)
{
	size_t k = 0;
	while (p->i + k < p->n && is_lower(p->s[p->i + k]))
		k++;
	return k;
}

/* The token at the cursor (up to a space or a comma), for messages. */
static const char *token(fp *p, size_t at, size_t *len)
{
	size_t k = 0;
	while (at + k < p->n && p->s[at + k] != ' ' && p->s[at + k] != ',')
		k++;
	*len = k ? k : (at < p->n ? 1 : 0);
	return tlc_recur__quote(p->q, sizeof p->q, p->s + at, *len);
}

static int fail_here(fp *p, const char *what)
{
	size_t len;
	const char *t;
	if (p->i >= p->n)
		return tlc_recur__fail(p->err, TLC_EINPUT, p->n, 0, "%s at the end", what);
	t = token(p, p->i, &len);
	return tlc_recur__fail(p->err, TLC_EINPUT, p->i, len, "%s, not '%s'", what, t);
}

/* One or more spaces; false (and no move) when there are none. */
static bool spaces(fp *p)
{
	size_t i = p->i;
	while (p->i < p->n && p->s[p->i] == ' ')
		p->i++;
	return p->i > i;
}

/* The keyword `kw` followed by spaces (or the end when `last`). */
static bool keyword(fp *p, const char *kw)
{
	size_t k = word_len(p), save = p->i;
	if (!eq(p->s + p->i, k, kw))
		return false;
	p->i += k;
	if (spaces(p))
		return true;
	p->i = save;
	return false;
}

/* ---- times of day ------------------------------------------------------------------------- */

static bool two_digits(const fp *p, size_t at, int *out)
{
	if (at + 2 > p->n || !is_digit(p->s[at]) || !is_digit(p->s[at + 1]))
		return false;
	*out = (p->s[at] - '0') * 10 + (p->s[at + 1] - '0');
	return true;
}

/* "am"/"pm" (any case) at `at`, ending at the end, a space or a comma; *pm tells which. */
static bool am_pm(const fp *p, size_t at, bool *pm)
{
	char c = at + 1 < p->n ? (char)(p->s[at] | 0x20) : 0;
	if ((c != 'a' && c != 'p') || (p->s[at + 1] | 0x20) != 'm' ||
	    (at + 2 < p->n && p->s[at + 2] != ' ' && p->s[at + 2] != ','))
		return false;
	*pm = c == 'p';
	return true;
}

/*
 * A time that is not hh:mm: a 12-hour time ("6pm", "6:30 PM") gets its 24-hour spelling, a
 * 1-digit hour ("9:30") its 2-digit one; anything else the grammar's message.
 */
static int fail_time(fp *p)
{
	size_t at = p->i, k = 0, e, sp;
	int h = 0, m = 0;
	bool pm = false, minutes;
	while (at + k < p->n && is_digit(p->s[at + k]) && k < 3)
		h = h * 10 + (p->s[at + k++] - '0');
	e = at + k;
	minutes = k >= 1 && k <= 2 && e < p->n && p->s[e] == ':' && two_digits(p, e + 1, &m);
	if (minutes)
		e += 3;
	for (sp = e; sp < p->n && p->s[sp] == ' '; sp++)
		;
	if (k >= 1 && k <= 2 && h >= 1 && h <= 12 && m <= 59 && am_pm(p, sp, &pm))
		return tlc_recur__fail(p->err, TLC_EINPUT, at, sp + 2 - at,
				       "'%.*s' is a 12-hour time: write '%02d:%02d' (times are 24-hour)",
				       (int)(sp + 2 - at), p->s + at, h % 12 + (pm ? 12 : 0), m);
	if (k == 1 && minutes && (e == p->n || p->s[e] == ' ' || p->s[e] == ','))
		return tlc_recur__fail(p->err, TLC_EINPUT, at, 1,
				       "hour '%c' must have 2 digits: write '0%.*s'", p->s[at],
				       (int)(e - at), p->s + at);
	return fail_here(p, G_TIME);
}

/* time = hh ":" mm [":" ss]; *out: seconds of the day. */
static int parse_time(fp *p, int32_t *out)
{
	int h, m, s = 0;
	size_t at = p->i, len = 5;
	if (!two_digits(p, at, &h) || at + 2 >= p->n || p->s[at + 2] != ':' ||
	    !two_digits(p, at + 3, &m))
		return fail_time(p);
	if (at + 5 < p->n && p->s[at + 5] == ':') {
		if (!two_digits(p, at + 6, &s))
			return fail_here(p, G_TIME);
		len = 8;
	}
	if (at + len < p->n && p->s[at + len] != ' ' && p->s[at + len] != ',')
		return fail_time(p);
	if (h > 23 || m > 59 || s > 59)
		return tlc_recur__fail(p->err, TLC_EINPUT, at, len,
				       "'%.*s' is not a time of day (00:00..23:59:59)", (int)len,
				       p->s + at);
	p->i += len;
	*out = h * 3600 + m * 60 + s;
	return 0;
}

static int popcount(uint64_t w)
{
	int n = 0;
	for (; w; w &= w - 1)
		n++;
	return n;
}

typedef struct times {
	int32_t v[TLC_RECUR_TIMES_MAX];
	int n;
} times;

/* times = time *("," *" " time), kept sorted; duplicates are an error. */
static int parse_times(fp *p, times *t)
{
	while (true) {
		int32_t x;
		size_t at = p->i;
		int error = parse_time(p, &x), k;
		if (error < 0)
			return error;
		if (t->n == TLC_RECUR_TIMES_MAX)
			return tlc_recur__fail(p->err, TLC_ERANGE, at, p->i - at,
					       "too many times of day: at most %d", TLC_RECUR_TIMES_MAX);
		for (k = t->n; k > 0 && t->v[k - 1] >= x; k--)
			if (t->v[k - 1] == x)
				return tlc_recur__fail(p->err, TLC_EINPUT, at, p->i - at,
						       "'%.*s' is given twice", (int)(p->i - at),
						       p->s + at);
		memmove(t->v + k + 1, t->v + k, (size_t)(t->n - k) * sizeof t->v[0]);
		t->v[k] = x;
		t->n++;
		if (p->i == p->n || p->s[p->i] != ',')
			return 0;
		p->i++;
		while (p->i < p->n && p->s[p->i] == ' ')
			p->i++;
	}
}

/*
 * Lowers a sorted set of times of day v[0..n) into BYHOUR, BYMINUTE, BYSECOND and, when the set
 * is not their whole product, BYSETPOS positions within one day.
 */
static int lower_times(fp *p, const int32_t *v, int n, size_t at, size_t len)
{
	tlc_recur *r = p->r;
	int nh = 0, nm = 0, ns = 0, size;
	for (int i = 0; i < n; i++) {
		r->byhour |= (uint32_t)1 << (v[i] / 3600);
		r->byminute |= (uint64_t)1 << (v[i] / 60 % 60);
		r->bysecond |= (uint64_t)1 << (v[i] % 60);
	}
	nh = popcount(r->byhour);
	nm = popcount(r->byminute);
	ns = popcount(r->bysecond);
	r->parts |= TLC_RP_BIT(TLC_RP_BYHOUR) | TLC_RP_BIT(TLC_RP_BYMINUTE) |
		    TLC_RP_BIT(TLC_RP_BYSECOND);
	size = nh * nm * ns;
	if (size == n)
		return 0;
	for (int i = 0; i < n; i++) {
		int h = v[i] / 3600, m = v[i] / 60 % 60, s = v[i] % 60;
		int ih = popcount(r->byhour & (((uint64_t)1 << h) - 1));
		int im = popcount(r->byminute & (((uint64_t)1 << m) - 1));
		int is = popcount(r->bysecond & (((uint64_t)1 << s) - 1));
		int pos = (ih * nm + im) * ns + is + 1;
		if (pos <= 366)
			tlc_rbits_set(&r->bysetpos_pos, (unsigned)pos);
		else if (size + 1 - pos <= 366)
			tlc_rbits_set(&r->bysetpos_neg, (unsigned)(size + 1 - pos));
		else
			return tlc_recur__fail(p->err, TLC_ERANGE, at, len,
					       "too many times of day to express as an RRULE "
					       "(BYSETPOS reaches only 366 into a day)");
	}
	r->parts |= TLC_RP_BIT(TLC_RP_BYSETPOS);
	return 0;
}

/* [ "at" SP ] times, to the end of the input. */
static int tail_times(fp *p)
{
	times t;
	size_t at;
	int error;
	t.n = 0;
	keyword(p, "at");
	at = p->i;
	if ((error = parse_times(p, &t)) < 0)
		return error;
	if (p->i != p->n) {
		spaces(p);
		return fail_here(p, "expected ',' and another time of day, or the end");
	}
	return lower_times(p, t.v, t.n, at, p->i - at);
}

/* ---- day forms ---------------------------------------------------------------------------- */

static int find(const char *s, size_t n, const char *const *names)
{
	for (int i = 0; i < 7; i++)
		if (eq(s, n, names[i]))
			return i;
	return -1;
}

/* abbr *("," *" " abbr), the first one already known to be at the cursor. */
static int parse_day_list(fp *p, uint8_t *mask)
{
	while (true) {
		size_t k = word_len(p);
		int wd = find(p->s + p->i, k, abbrs);
		if (wd < 0)
			return fail_here(p, "expected a weekday 'mon', 'tue', 'wed', 'thu', 'fri', "
					 "'sat' or 'sun'");
		if (*mask & (1u << wd))
			return tlc_recur__fail(p->err, TLC_EINPUT, p->i, k, "'%s' is given twice",
					       abbrs[wd]);
		*mask |= (uint8_t)(1u << wd);
		p->i += k;
		if (p->i == p->n || p->s[p->i] != ',')
			return 0;
		p->i++;
		while (p->i < p->n && p->s[p->i] == ' ')
			p->i++;
	}
}

static int days_form(fp *p, const char *w, size_t k)
{
	uint8_t mask = 0;
	int wd, error;
	if (eq(w, k, "daily"))
		mask = 0x7f;
	else if (eq(w, k, "weekdays"))
		mask = 0x3e;
	else if (eq(w, k, "weekends"))
		mask = 0x41;
	else if ((wd = find(w, k, plurals)) >= 0)
		mask = (uint8_t)(1u << wd);
	if (mask != 0)
		p->i += k;
	else if ((error = parse_day_list(p, &mask)) < 0)
		return error;
	if (!spaces(p))
		return fail_here(p, "expected a space and a time of day");
	p->r->freq = TLC_RECUR_DAILY;
	if (mask != 0x7f) {
		p->r->byday = mask;
		p->r->parts |= TLC_RP_BIT(TLC_RP_BYDAY);
	}
	return tail_times(p);
}

/* mday = 1*2DIGIT suffix | "last" [SP "day"]; *out: 1..31 or -1. */
static int parse_mday(fp *p, int *out)
{
	static const char *const sfx[4] = {"th", "st", "nd", "rd"};
	size_t at = p->i, k = 0;
	int d = 0, want;
	if (keyword(p, "last")) {
		keyword(p, "day");
		*out = -1;
		return 0;
	}
	while (at + k < p->n && is_digit(p->s[at + k]) && k < 3)
		d = d * 10 + (p->s[at + k++] - '0');
	if (k == 0 || k > 2 || at + k + 2 > p->n || !is_lower(p->s[at + k]))
		return fail_here(p, "expected a day of the month like '1st', '15th' or 'last'");
	want = (d % 100 >= 11 && d % 100 <= 13) || d % 10 > 3 ? 0 : d % 10;
	if (d < 1 || d > 31)
		return tlc_recur__fail(p->err, TLC_EINPUT, at, k + 2,
				       "'%.*s' is not a day of the month (1st..31st or 'last')",
				       (int)(k + 2), p->s + at);
	if (memcmp(p->s + at + k, sfx[want], 2) != 0)
		return tlc_recur__fail(p->err, TLC_EINPUT, at, k + 2, "'%.*s' should be '%d%s'",
				       (int)(k + 2), p->s + at, d, sfx[want]);
	p->i = at + k + 2;
	if (!spaces(p))
		return fail_here(p, "expected a space and a time of day");
	*out = d;
	return 0;
}

static int monthly_form(fp *p)
{
	int d = 0, error;
	if (!keyword(p, "on") || !keyword(p, "the"))
		return fail_here(p, "expected 'on the' after 'monthly'");
	if ((error = parse_mday(p, &d)) < 0)
		return error;
	p->r->freq = TLC_RECUR_MONTHLY;
	if (d > 0)
		p->r->bymday_pos = (uint32_t)1 << d;
	else
		p->r->bymday_neg = 2u;
	p->r->parts |= TLC_RP_BIT(TLC_RP_BYMONTHDAY);
	return tail_times(p);
}

/* ---- every -------------------------------------------------------------------------------- */

/*
 * A step with its unit in words ("15 minutes", "2hours", "30 sec"): fails with the spelling
 * meant ("write '15m'") and returns true. k digits at `at`.
 */
static bool step_in_words(fp *p, size_t at, size_t k)
{
	static const char *const words[] = {"s", "sec", "secs", "second", "seconds",
					    "m", "min", "mins", "minute", "minutes",
					    "h", "hr", "hrs", "hour", "hours"};
	static const char units[] = "sssssmmmmmhhhhh";
	size_t w = at + k, len = 0;
	while (w < p->n && p->s[w] == ' ')
		w++;
	while (w + len < p->n && ((p->s[w + len] | 0x20) >= 'a' && (p->s[w + len] | 0x20) <= 'z'))
		len++;
	if ((w + len < p->n && p->s[w + len] != ' ') || (w == at + k && len < 2))
		return false; /* "15m" is the spelling itself */
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t j = 0;
		if (strlen(words[i]) != len)
			continue;
		while (j < len && (char)(p->s[w + j] | 0x20) == words[i][j])
			j++;
		if (j == len) {
			tlc_recur__fail(p->err, TLC_EINPUT, at, w + len - at,
					"'%.*s': a step takes a unit letter, write '%.*s%c'",
					(int)(w + len - at), p->s + at, (int)k, p->s + at, units[i]);
			return true;
		}
	}
	return false;
}

/* step = 1*7DIGIT unit; *secs: the step in seconds, *unit: 's', 'm' or 'h'. */
static int parse_step(fp *p, int64_t *n_out, char *unit)
{
	size_t at = p->i, k = 0;
	int64_t v = 0;
	while (at + k < p->n && is_digit(p->s[at + k]) && k < 8)
		v = v * 10 + (p->s[at + k++] - '0');
	char u = at + k < p->n ? p->s[at + k] : 0;
	if (k > 0 && step_in_words(p, at, k))
		return TLC_EINPUT;
	if (k == 0 || (u != 's' && u != 'm' && u != 'h') ||
	    (at + k + 1 < p->n && p->s[at + k + 1] != ' '))
		return fail_here(p, G_STEP);
	if (v < 1)
		return tlc_recur__fail(p->err, TLC_EINPUT, at, k + 1, "the step must be at least 1");
	if (v > TLC_RECUR_INTERVAL_MAX)
		return tlc_recur__fail(p->err, TLC_ERANGE, at, k + 1,
				       "the step '%.*s' is past the limit %d", (int)(k + 1), p->s + at,
				       TLC_RECUR_INTERVAL_MAX);
	*n_out = v;
	*unit = p->s[at + k];
	p->i = at + k + 1;
	return 0;
}

/* The times from, from + step, ... <= to (step in seconds), lowered as a day's times. */
static int window_times(fp *p, int32_t from, int32_t to, int64_t step, size_t at, size_t len)
{
	int32_t buf[1440];
	int n = 0;
	for (int64_t t = from; t <= to; t += step)
		buf[n++] = (int32_t)t;
	return lower_times(p, buf, n, at, len);
}

static int every_window(fp *p, int64_t n, char unit, size_t step_at, size_t step_len)
{
	int32_t from, to;
	size_t at = p->i;
	int error;
	int64_t step = n * (unit == 'h' ? 3600 : 60);
	if (!keyword(p, "from"))
		return fail_here(p, "expected 'from' and a window like 'from 06:00 to 23:00'");
	if ((error = parse_time(p, &from)) < 0)
		return error;
	if (!spaces(p) || !keyword(p, "to"))
		return fail_here(p, "expected 'to' and the end of the window");
	if ((error = parse_time(p, &to)) < 0)
		return error;
	if (p->i != p->n)
		return fail_here(p, "expected the end after the window");
	if (unit == 's' || (step < 3600 && 3600 % step != 0) || (step >= 3600 && step % 3600 != 0))
		return tlc_recur__fail(p->err, TLC_EINPUT, step_at, step_len,
				       "a window needs a step that divides an hour ('5m', '15m', "
				       "'20m', ...) or is whole hours");
	if (to < from)
		return tlc_recur__fail(p->err, TLC_EINPUT, at, p->n - at,
				       "the window must not end before it starts (windows do not "
				       "cross midnight)");
	p->r->freq = TLC_RECUR_DAILY;
	return window_times(p, from, to, step, at, p->n - at);
}

static int every_form(fp *p)
{
	int64_t n = 0;
	char unit = 0;
	size_t at = p->i;
	int error = parse_step(p, &n, &unit);
	if (error < 0)
		return error;
	if (p->i < p->n) {
		size_t len = p->i - at;
		if (!spaces(p))
			return fail_here(p, G_STEP);
		return every_window(p, n, unit, at, len);
	}
	p->r->freq = unit == 's' ? TLC_RECUR_SECONDLY : unit == 'm' ? TLC_RECUR_MINUTELY
								     : TLC_RECUR_HOURLY;
	p->r->interval = (uint32_t)n;
	p->r->parts |= TLC_RP_BIT(TLC_RP_INTERVAL);
	return 0;
}

/* ---- entry -------------------------------------------------------------------------------- */

static int parse_friendly(fp *p)
{
	size_t k = word_len(p);
	const char *w = p->s + p->i;
	if (p->n == 0)
		return tlc_recur__fail(p->err, TLC_EINPUT, 0, 0, "empty recurrence; " G_START);
	if (eq(w, k, "monthly")) {
		p->i += k;
		if (!spaces(p))
			return fail_here(p, "expected 'on the' after 'monthly'");
		return monthly_form(p);
	}
	if (eq(w, k, "every")) {
		p->i += k;
		if (!spaces(p))
			return fail_here(p, G_STEP " after 'every'");
		return every_form(p);
	}
	if (eq(w, k, "daily") || eq(w, k, "weekdays") || eq(w, k, "weekends") ||
	    find(w, k, plurals) >= 0 || (k == 3 && find(w, k, abbrs) >= 0))
		return days_form(p, w, k);
	return fail_here(p, G_START);
}

int tlc_recur_parse_friendly(tlc_recur **out, const char *s, size_t n, tlc_err *err)
{
	fp p;
	int error;
	if (!out)
		return TLC_EINVAL;
	if ((error = tlc_recur__check_input(s, n, err)) < 0)
		return error;
	memset(&p, 0, sizeof p);
	p.s = s;
	p.n = n;
	p.err = err;
	p.r = tlc_recur__alloc();
	if (!p.r)
		return TLC_ENOMEM;
	p.r->friendly = true;
	p.r->parts = TLC_RP_BIT(TLC_RP_FREQ);
	if ((error = parse_friendly(&p)) < 0)
		goto out;
	*out = p.r;
	p.r = NULL;
out:
	tlc_recur_free(p.r);
	return error;
}
