/*
 * RFC 5545 RECUR values, DTSTART/EXDATE/RDATE values and canonical printing; see recur.h.
 * Grammar (RFC 5545 3.3.10, names and values case-insensitive per 3.1):
 *
 *   rrule    = ["RRULE:"] part *(";" part)
 *   part     = name "=" value
 *   value    = FREQ: freq | UNTIL: date-time | COUNT, INTERVAL: 1*DIGIT | WKST: weekday
 *            | BYxxx: item *("," item)
 *   byday    = [["+" / "-"] 1*2DIGIT] weekday      weekday = SU / MO / TU / WE / TH / FR / SA
 *   date-time = yyyymmdd ["T" hhmmss ["Z"]] | yyyy-mm-dd [("T" / " ") hh:mm[:ss] ["Z"]]
 *
 * Sub-parsers work on a scratch rule; the public functions hand it out only on success.
 */
#include "recur_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timelinec/civil.h"

#define QUOTE_MAX 40
#define G_DATE "expected a date-time like '20260329T093000', '2026-03-29 09:30' or '2026-03-29'"

static const char *const part_names[TLC_RP_MAX] = {
	"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR",
	"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
};
static const char *const freq_names[TLC_RECUR_FREQ_MAX] = {
	"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY",
};
static const char *const wday_names[7] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

/* ---- errors and small helpers ------------------------------------------------------------- */

#ifdef __GNUC__
__attribute__((format(printf, 5, 0)))
#endif
static int vfail(tlc_err *err, int rc, size_t off, size_t len, const char *fmt, va_list ap)
{
	if (!err)
		return rc;
	err->offset = off;
	err->len = len;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return rc;
}

int tlc_recur__fail(tlc_err *err, int rc, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc = vfail(err, rc, off, len, fmt, ap);
	va_end(ap);
	return rc;
}

const char *tlc_recur__quote(char *q, size_t cap, const char *s, size_t n)
{
	size_t k = n < cap - 4 ? n : cap - 4;
	memcpy(q, s, k);
	if (k < n) {
		memcpy(q + k, "...", 3);
		k += 3;
	}
	q[k] = 0;
	return q;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

/* ASCII case-insensitive: does s[0..n) equal the upper-case literal `lit`? */
static bool ieq(const char *s, size_t n, const char *lit)
{
	size_t i;
	for (i = 0; i < n && lit[i]; i++)
		if (upper(s[i]) != lit[i])
			return false;
	return i == n && lit[i] == 0;
}

static int find_name(const char *s, size_t n, const char *const *names, int count)
{
	for (int i = 0; i < count; i++)
		if (ieq(s, n, names[i]))
			return i;
	return -1;
}

/* The value of the digits s[0..n) (1..9 of them, nothing else); -1 otherwise. */
static int64_t digits_value(const char *s, size_t n)
{
	int64_t v = 0;
	if (n == 0 || n > 9)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

tlc_recur *tlc_recur__alloc(void)
{
	tlc_recur *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->interval = 1;
	r->wkst = 1;
	r->until = TLC_TIME_NONE;
	return r;
}

static void dates_release(tlc_recur_dates *d)
{
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

void tlc_recur_free(tlc_recur *r)
{
	if (!r)
		return;
	dates_release(&r->ex_local);
	dates_release(&r->ex_utc);
	dates_release(&r->ex_day);
	dates_release(&r->rd_local);
	dates_release(&r->rd_utc);
	free(r);
}

/* ---- date-times --------------------------------------------------------------------------- */

typedef struct tlc_dt {
	tlc_time value; /* local seconds, UTC seconds, or the local midnight of a date */
	int kind;       /* TLC_UNTIL_LOCAL, _UTC or _DATE */
} tlc_dt;

/* Fixed-width digit fields: s[i..i+k) must be digits. */
static bool field(const char *s, size_t n, size_t i, size_t k, int32_t *out)
{
	int64_t v;
	if (i + k > n)
		return false;
	v = digits_value(s + i, k);
	if (v < 0)
		return false;
	*out = (int32_t)v;
	return true;
}

/* The date part; *used gets its length. Basic (yyyymmdd) or extended (yyyy-mm-dd). */
static bool parse_date_part(tlc_civil *c, bool *ext, size_t *used, const char *s, size_t n)
{
	*ext = n >= 5 && s[4] == '-';
	if (*ext) {
		*used = 10;
		return n >= 10 && s[7] == '-' && field(s, n, 0, 4, &c->year) &&
		       field(s, n, 5, 2, &c->month) && field(s, n, 8, 2, &c->day);
	}
	*used = 8;
	return field(s, n, 0, 4, &c->year) && field(s, n, 4, 2, &c->month) &&
	       field(s, n, 6, 2, &c->day);
}

/* The time part after the separator, to the end of s (minus a 'Z'). */
static bool parse_time_part(tlc_civil *c, bool ext, const char *s, size_t n)
{
	if (!ext)
		return n == 6 && field(s, n, 0, 2, &c->hour) && field(s, n, 2, 2, &c->min) &&
		       field(s, n, 4, 2, &c->sec);
	if (n != 5 && n != 8)
		return false;
	if (s[2] != ':' || !field(s, n, 0, 2, &c->hour) || !field(s, n, 3, 2, &c->min))
		return false;
	return n == 5 || (s[5] == ':' && field(s, n, 6, 2, &c->sec));
}

static int parse_dt(tlc_dt *out, const char *s, size_t n, size_t base, tlc_err *err)
{
	tlc_civil c = {0, 0, 0, 0, 0, 0};
	bool ext, utc = false, has_time = false;
	size_t used;
	char q[QUOTE_MAX];
	if (!parse_date_part(&c, &ext, &used, s, n))
		goto bad;
	if (used < n) {
		if (!(s[used] == 'T' || s[used] == 't' || (ext && s[used] == ' ')))
			goto bad;
		utc = s[n - 1] == 'Z' || s[n - 1] == 'z';
		if (!parse_time_part(&c, ext, s + used + 1, n - used - 1 - utc))
			goto bad;
		has_time = true;
	}
	if (!tlc_civil_valid(&c))
		return tlc_recur__fail(err, TLC_EINPUT, base, n, "'%s' is not a valid date-time",
				       tlc_recur__quote(q, sizeof q, s, n));
	if (c.year < 1970 || c.year > 9999)
		return tlc_recur__fail(err, TLC_ERANGE, base, 4,
				       "year '%04d' is out of range 1970..9999", (int)c.year);
	out->value = tlc_civil_to_secs(&c);
	out->kind = utc ? TLC_UNTIL_UTC : has_time ? TLC_UNTIL_LOCAL : TLC_UNTIL_DATE;
	return 0;
bad:
	return tlc_recur__fail(err, TLC_EINPUT, base, n, G_DATE ", not '%s'",
			       tlc_recur__quote(q, sizeof q, s, n));
}

int tlc_recur__check_input(const char *s, size_t n, tlc_err *err)
{
	if (!s && n > 0)
		return TLC_EINVAL;
	if (n > TLC_RECUR_INPUT_MAX)
		return tlc_recur__fail(err, TLC_ERANGE, TLC_RECUR_INPUT_MAX, n - TLC_RECUR_INPUT_MAX,
				       "too long: at most %d bytes", TLC_RECUR_INPUT_MAX);
	const char *z = n ? memchr(s, 0, n) : NULL;
	if (z)
		return tlc_recur__fail(err, TLC_EINPUT, (size_t)(z - s), 1, "a NUL byte is not allowed");
	return 0;
}

int tlc_recur_set_dtstart_local(tlc_recur *r, tlc_time local)
{
	if (!r)
		return TLC_EINVAL;
	if (local < TLC_RECUR_LOCAL_MIN || local >= TLC_RECUR_LOCAL_END)
		return TLC_ERANGE;
	r->dtstart = local;
	r->has_dtstart = true;
	return 0;
}

int tlc_recur_set_dtstart(tlc_recur *r, const char *s, size_t n, tlc_err *err)
{
	tlc_dt dt;
	int error;
	if (!r)
		return TLC_EINVAL;
	if ((error = tlc_recur__check_input(s, n, err)) < 0)
		return error;
	if ((error = parse_dt(&dt, s, n, 0, err)) < 0)
		return error;
	if (dt.kind == TLC_UNTIL_UTC)
		return tlc_recur__fail(err, TLC_EINPUT, n - 1, 1,
				       "dtstart is a local time in the event zone: drop the 'Z'");
	return tlc_recur_set_dtstart_local(r, dt.value);
}

/* ---- EXDATE / RDATE lists ----------------------------------------------------------------- */

static int cmp_time(const void *a, const void *b)
{
	tlc_time x = *(const tlc_time *)a, y = *(const tlc_time *)b;
	return (x > y) - (x < y);
}

/* Makes room for k more values in d (its values stay as they are). */
static int dates_reserve(tlc_recur_dates *d, size_t k)
{
	tlc_time *v;
	if (k == 0)
		return 0;
	v = realloc(d->v, (d->n + k) * sizeof *v);
	if (!v)
		return TLC_ENOMEM;
	d->v = v;
	return 0;
}

/* Appends add[0..k) to d (room reserved), then sorts and removes duplicates. */
static void dates_merge(tlc_recur_dates *d, const tlc_time *add, size_t k)
{
	size_t j = 0;
	if (k == 0)
		return;
	memcpy(d->v + d->n, add, k * sizeof *add);
	qsort(d->v, d->n + k, sizeof *d->v, cmp_time);
	for (size_t i = 0; i < d->n + k; i++)
		if (j == 0 || d->v[i] != d->v[j - 1])
			d->v[j++] = d->v[i];
	d->n = j;
}

typedef struct tlc_dates_acc {
	tlc_time *v[3]; /* LOCAL, UTC, DATE */
	size_t n[3];
} tlc_dates_acc;

static size_t skip_prefix(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);
	if (n > k && s[k] == ':' && ieq(s, k, name))
		return k + 1;
	return 0;
}

static int acc_add(tlc_dates_acc *a, const tlc_dt *dt, size_t total)
{
	int k = dt->kind == TLC_UNTIL_LOCAL ? 0 : dt->kind == TLC_UNTIL_UTC ? 1 : 2;
	if (!a->v[k]) {
		a->v[k] = malloc((total / 8 + 1) * sizeof(tlc_time));
		if (!a->v[k])
			return TLC_ENOMEM;
	}
	a->v[k][a->n[k]++] = dt->kind == TLC_UNTIL_DATE ? dt->value / 86400 : dt->value;
	return 0;
}

/* Parses "v1,v2, v3" into `a`; `is_rdate` forbids bare dates. `room`: values still allowed. */
static int parse_date_list(tlc_dates_acc *a, const char *s, size_t n, size_t i, bool is_rdate,
			   size_t room, tlc_err *err)
{
	size_t count = 0;
	int error;
	while (true) {
		size_t j = i;
		tlc_dt dt;
		while (j < n && s[j] != ',')
			j++;
		if (j == i)
			return tlc_recur__fail(err, TLC_EINPUT, i, 0, G_DATE);
		if ((error = parse_dt(&dt, s + i, j - i, i, err)) < 0)
			return error;
		if (is_rdate && dt.kind == TLC_UNTIL_DATE)
			return tlc_recur__fail(err, TLC_EINPUT, i, j - i,
					       "rdate '%.*s' needs a time of day",
					       (int)(j - i < 40 ? j - i : 40), s + i);
		if (++count > room)
			return tlc_recur__fail(err, TLC_ERANGE, i, j - i,
					       "too many dates: at most %d", TLC_RECUR_DATES_MAX);
		if ((error = acc_add(a, &dt, n)) < 0)
			return error;
		if (j == n)
			return 0;
		i = j + 1;
		while (i < n && s[i] == ' ')
			i++;
	}
}

static int add_dates(tlc_recur *r, const char *s, size_t n, bool is_rdate, tlc_err *err)
{
	tlc_dates_acc a = {{NULL, NULL, NULL}, {0, 0, 0}};
	tlc_recur_dates *dst[3];
	size_t have, i;
	int error;
	if (!r)
		return TLC_EINVAL;
	if ((error = tlc_recur__check_input(s, n, err)) < 0)
		return error;
	dst[0] = is_rdate ? &r->rd_local : &r->ex_local;
	dst[1] = is_rdate ? &r->rd_utc : &r->ex_utc;
	dst[2] = &r->ex_day;
	have = dst[0]->n + dst[1]->n + (is_rdate ? 0 : dst[2]->n);
	i = skip_prefix(s, n, is_rdate ? "RDATE" : "EXDATE");
	error = parse_date_list(&a, s, n, i, is_rdate, TLC_RECUR_DATES_MAX - have, err);
	for (int k = 0; k < 3 && error == 0; k++)
		error = dates_reserve(dst[k], a.n[k]);
	for (int k = 0; k < 3 && error == 0; k++)
		dates_merge(dst[k], a.v[k], a.n[k]);
	for (int k = 0; k < 3; k++)
		free(a.v[k]);
	return error;
}

int tlc_recur_add_exdates(tlc_recur *r, const char *s, size_t n, tlc_err *err)
{
	return add_dates(r, s, n, false, err);
}

int tlc_recur_add_rdates(tlc_recur *r, const char *s, size_t n, tlc_err *err)
{
	return add_dates(r, s, n, true, err);
}

/* ---- RRULE parts -------------------------------------------------------------------------- */

typedef struct rp {
	const char *s;
	size_t n;
	tlc_err *err;
	tlc_recur *r;
	size_t off[TLC_RP_MAX];    /* where each part's name starts */
	size_t len[TLC_RP_MAX];    /* the length of the whole part */
	size_t ord_off, ord_len;   /* the first BYDAY item with an ordinal */
	bool has_ord;
	char q[QUOTE_MAX];
} rp;

/* A list item: s[i..j) of the input. */
typedef struct item {
	size_t i, j;
} item;

/* The item's text, quoted into p->q (one quote per message). */
static const char *qit(rp *p, item it)
{
	return tlc_recur__quote(p->q, sizeof p->q, p->s + it.i, it.j - it.i);
}

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static int fail_item(rp *p, item it, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = vfail(p->err, TLC_EINPUT, it.i, it.j - it.i, fmt, ap);
	va_end(ap);
	return rc;
}

/* A signed or unsigned integer item; false when it is not one. */
static bool item_int(const rp *p, item it, bool allow_sign, int64_t *out)
{
	const char *s = p->s + it.i;
	size_t n = it.j - it.i;
	int64_t sign = 1, v;
	if (n > 0 && allow_sign && (s[0] == '+' || s[0] == '-')) {
		sign = s[0] == '-' ? -1 : 1;
		s++;
		n--;
	}
	v = digits_value(s, n);
	if (v < 0)
		return false;
	*out = sign * v;
	return true;
}

/* Bit-set storage for one BYxxx part: sets bit |v| in pos or neg; false when already set. */
typedef struct setter {
	int part;
	int64_t lo, hi; /* magnitude range; negatives allowed when `neg` is not NULL */
	const char *range;
} setter;

static bool put_bit(uint64_t *w, int64_t v)
{
	uint64_t b = (uint64_t)1 << v;
	if (*w & b)
		return false;
	*w |= b;
	return true;
}

static bool put_rbit(tlc_rbits *w, int64_t v)
{
	if (tlc_rbits_get(w, (unsigned)v))
		return false;
	tlc_rbits_set(w, (unsigned)v);
	return true;
}

/* Stores value v (already range-checked) of part `part`; false on a duplicate. */
static bool store_int(tlc_recur *r, int part, int64_t v)
{
	uint64_t w;
	bool ok;
	switch (part) {
	case TLC_RP_BYSECOND: return put_bit(&r->bysecond, v);
	case TLC_RP_BYMINUTE: return put_bit(&r->byminute, v);
	case TLC_RP_BYHOUR:
		w = r->byhour;
		ok = put_bit(&w, v);
		r->byhour = (uint32_t)w;
		return ok;
	case TLC_RP_BYMONTH:
		w = r->bymonth;
		ok = put_bit(&w, v);
		r->bymonth = (uint16_t)w;
		return ok;
	case TLC_RP_BYMONTHDAY:
		w = v > 0 ? r->bymday_pos : r->bymday_neg;
		ok = put_bit(&w, v > 0 ? v : -v);
		*(v > 0 ? &r->bymday_pos : &r->bymday_neg) = (uint32_t)w;
		return ok;
	case TLC_RP_BYWEEKNO: return put_bit(v > 0 ? &r->byweekno_pos : &r->byweekno_neg, v > 0 ? v : -v);
	case TLC_RP_BYYEARDAY: return put_rbit(v > 0 ? &r->byyday_pos : &r->byyday_neg, v > 0 ? v : -v);
	default: return put_rbit(v > 0 ? &r->bysetpos_pos : &r->bysetpos_neg, v > 0 ? v : -v);
	}
}

static const setter setters[] = {
	{TLC_RP_BYSECOND, 0, 60, "0..60"},
	{TLC_RP_BYMINUTE, 0, 59, "0..59"},
	{TLC_RP_BYHOUR, 0, 23, "0..23"},
	{TLC_RP_BYMONTHDAY, 1, 31, "1..31 or -31..-1"},
	{TLC_RP_BYYEARDAY, 1, 366, "1..366 or -366..-1"},
	{TLC_RP_BYWEEKNO, 1, 53, "1..53 or -53..-1"},
	{TLC_RP_BYMONTH, 1, 12, "1..12"},
	{TLC_RP_BYSETPOS, 1, 366, "1..366 or -366..-1"},
};

static const setter *find_setter(int part)
{
	for (size_t i = 0; i < sizeof setters / sizeof setters[0]; i++)
		if (setters[i].part == part)
			return &setters[i];
	return NULL;
}

static int int_item(rp *p, int part, item it)
{
	const setter *st = find_setter(part);
	bool neg_ok = st->lo == 1 && part != TLC_RP_BYMONTH;
	const char *name = part_names[part];
	int64_t v;
	if (!item_int(p, it, true, &v))
		return fail_item(p, it, "'%s' value '%s' is not a number in %s", name, qit(p, it),
				 st->range);
	if (!((v >= st->lo && v <= st->hi) || (neg_ok && v <= -st->lo && v >= -st->hi)))
		return fail_item(p, it, "'%s' value '%s' is out of range %s", name, qit(p, it),
				 st->range);
	if (!store_int(p->r, part, v))
		return fail_item(p, it, "'%s' value '%s' is given twice", name, qit(p, it));
	return 0;
}

static int weekday_of(const char *s, size_t n)
{
	return find_name(s, n, wday_names, 7);
}

#define G_WDAY "is not a weekday like 'MO', '1FR' or '-1SU'"

static int byday_item(rp *p, item it)
{
	size_t n = it.j - it.i;
	int wd = n >= 2 ? weekday_of(p->s + it.j - 2, 2) : -1;
	int64_t ord = 0;
	item num = {it.i, it.j - 2};
	bool ok;
	if (wd < 0 || (n > 2 && !item_int(p, num, true, &ord)))
		return fail_item(p, it, "'BYDAY' value '%s' " G_WDAY, qit(p, it));
	if (n > 2 && (ord == 0 || ord > 53 || ord < -53))
		return fail_item(p, it, "'BYDAY' value '%s' has an ordinal out of range "
				 "1..53 or -53..-1", qit(p, it));
	if (ord != 0 && !p->has_ord) {
		p->has_ord = true;
		p->ord_off = it.i;
		p->ord_len = n;
	}
	if (ord == 0) {
		ok = !(p->r->byday & (1u << wd));
		p->r->byday |= (uint8_t)(1u << wd);
	} else {
		ok = put_bit(ord > 0 ? &p->r->byday_pos[wd] : &p->r->byday_neg[wd], ord > 0 ? ord : -ord);
	}
	if (!ok)
		return fail_item(p, it, "'BYDAY' value '%s' is given twice", qit(p, it));
	return 0;
}

/* Parses the comma-separated list s[i..j) of part `part`. */
static int parse_list(rp *p, int part, size_t i, size_t j)
{
	int error;
	while (true) {
		item it = {i, i};
		while (it.j < j && p->s[it.j] != ',')
			it.j++;
		if (it.j == it.i)
			return tlc_recur__fail(p->err, TLC_EINPUT, it.i, 0, "empty value in '%s'",
					       part_names[part]);
		error = part == TLC_RP_BYDAY ? byday_item(p, it) : int_item(p, part, it);
		if (error < 0)
			return error;
		if (it.j == j)
			return 0;
		i = it.j + 1;
	}
}

/* COUNT and INTERVAL: 1..max. */
static int parse_count(rp *p, int part, item it, int64_t max, uint32_t *out)
{
	int64_t v;
	if (!item_int(p, it, false, &v) || v < 1)
		return fail_item(p, it, "'%s' value '%s' is not a whole number 1..%ld",
				 part_names[part], qit(p, it), (long)max);
	if (v > max)
		return tlc_recur__fail(p->err, TLC_ERANGE, it.i, it.j - it.i,
				       "'%s' value '%s' is past the limit %ld", part_names[part],
				       qit(p, it), (long)max);
	*out = (uint32_t)v;
	return 0;
}

static int parse_value(rp *p, int part, item it)
{
	const char *v = p->s + it.i;
	size_t n = it.j - it.i;
	int k;
	tlc_dt dt;
	int error;
	switch (part) {
	case TLC_RP_FREQ:
		if ((k = find_name(v, n, freq_names, TLC_RECUR_FREQ_MAX)) < 0)
			return fail_item(p, it, "'FREQ' value '%s' is not one of SECONDLY, MINUTELY, "
					 "HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY", qit(p, it));
		p->r->freq = (tlc_recur_freq)k;
		return 0;
	case TLC_RP_UNTIL:
		if ((error = parse_dt(&dt, v, n, it.i, p->err)) < 0)
			return error;
		p->r->until = dt.value;
		p->r->until_kind = dt.kind;
		return 0;
	case TLC_RP_COUNT: return parse_count(p, part, it, TLC_RECUR_COUNT_MAX, &p->r->count);
	case TLC_RP_INTERVAL: return parse_count(p, part, it, TLC_RECUR_INTERVAL_MAX, &p->r->interval);
	case TLC_RP_WKST:
		if ((k = weekday_of(v, n)) < 0)
			return fail_item(p, it, "'WKST' value '%s' is not a weekday (SU, MO, TU, WE, "
					 "TH, FR or SA)", qit(p, it));
		p->r->wkst = k;
		return 0;
	default: return parse_list(p, part, it.i, it.j);
	}
}

static int unknown_part(rp *p, item name)
{
	char q[QUOTE_MAX];
	const char *s = p->s + name.i;
	size_t n = name.j - name.i;
	tlc_recur__quote(q, sizeof q, s, n);
	if (ieq(s, n, "RSCALE") || ieq(s, n, "SKIP"))
		return tlc_recur__fail(p->err, TLC_EINPUT, name.i, n,
				       "rule part '%s' (RFC 7529) is not supported", q);
	return tlc_recur__fail(p->err, TLC_EINPUT, name.i, n, "unknown rule part '%s'", q);
}

/* One "NAME=VALUE" in s[i..j). */
static int parse_part(rp *p, size_t i, size_t j)
{
	const char *eq = memchr(p->s + i, '=', j - i);
	item name = {i, eq ? (size_t)(eq - p->s) : j};
	item value = {name.j + 1, j};
	char q[QUOTE_MAX];
	int part;
	if (i == j)
		return tlc_recur__fail(p->err, TLC_EINPUT, i, 0,
				       "empty rule part; expected 'NAME=VALUE'");
	if (!eq)
		return tlc_recur__fail(p->err, TLC_EINPUT, i, j - i,
				       "expected 'NAME=VALUE', not '%s'",
				       tlc_recur__quote(q, sizeof q, p->s + i, j - i));
	part = find_name(p->s + i, name.j - i, part_names, TLC_RP_MAX);
	if (part < 0)
		return unknown_part(p, name);
	if (p->r->parts & TLC_RP_BIT(part))
		return tlc_recur__fail(p->err, TLC_EINPUT, i, j - i, "duplicate rule part '%s'",
				       part_names[part]);
	if (value.i == value.j)
		return tlc_recur__fail(p->err, TLC_EINPUT, value.i, 0, "'%s' has no value",
				       part_names[part]);
	p->r->parts |= TLC_RP_BIT(part);
	p->off[part] = i;
	p->len[part] = j - i;
	return parse_value(p, part, value);
}

static int fail_part(rp *p, int part, const char *msg)
{
	return tlc_recur__fail(p->err, TLC_EINPUT, p->off[part], p->len[part], "%s", msg);
}

#define BY_ANY                                                                                     \
	(TLC_RP_BIT(TLC_RP_BYSECOND) | TLC_RP_BIT(TLC_RP_BYMINUTE) | TLC_RP_BIT(TLC_RP_BYHOUR) |  \
	 TLC_RP_BIT(TLC_RP_BYDAY) | TLC_RP_BIT(TLC_RP_BYMONTHDAY) |                                \
	 TLC_RP_BIT(TLC_RP_BYYEARDAY) | TLC_RP_BIT(TLC_RP_BYWEEKNO) | TLC_RP_BIT(TLC_RP_BYMONTH))

/* The rules of RFC 5545 3.3.10 that tie parts to each other and to FREQ. */
static int check_rule(rp *p)
{
	const tlc_recur *r = p->r;
	uint32_t has = r->parts;
	if (!(has & TLC_RP_BIT(TLC_RP_FREQ)))
		return tlc_recur__fail(p->err, TLC_EINPUT, 0, p->n, "missing 'FREQ'");
	if ((has & TLC_RP_BIT(TLC_RP_COUNT)) && (has & TLC_RP_BIT(TLC_RP_UNTIL)))
		return fail_part(p, p->off[TLC_RP_COUNT] > p->off[TLC_RP_UNTIL] ? TLC_RP_COUNT
										  : TLC_RP_UNTIL,
				 "'COUNT' and 'UNTIL' cannot both be given");
	if ((has & TLC_RP_BIT(TLC_RP_BYWEEKNO)) && r->freq != TLC_RECUR_YEARLY)
		return fail_part(p, TLC_RP_BYWEEKNO, "'BYWEEKNO' is only allowed with 'FREQ=YEARLY'");
	if ((has & TLC_RP_BIT(TLC_RP_BYYEARDAY)) &&
	    (r->freq == TLC_RECUR_DAILY || r->freq == TLC_RECUR_WEEKLY || r->freq == TLC_RECUR_MONTHLY))
		return fail_part(p, TLC_RP_BYYEARDAY,
				 "'BYYEARDAY' is not allowed with 'FREQ=DAILY', 'WEEKLY' or 'MONTHLY'");
	if ((has & TLC_RP_BIT(TLC_RP_BYMONTHDAY)) && r->freq == TLC_RECUR_WEEKLY)
		return fail_part(p, TLC_RP_BYMONTHDAY, "'BYMONTHDAY' is not allowed with 'FREQ=WEEKLY'");
	if (p->has_ord && r->freq != TLC_RECUR_MONTHLY && r->freq != TLC_RECUR_YEARLY)
		return tlc_recur__fail(p->err, TLC_EINPUT, p->ord_off, p->ord_len,
				       "a 'BYDAY' ordinal is only allowed with 'FREQ=MONTHLY' or "
				       "'YEARLY'");
	if (p->has_ord && (has & TLC_RP_BIT(TLC_RP_BYWEEKNO)))
		return tlc_recur__fail(p->err, TLC_EINPUT, p->ord_off, p->ord_len,
				       "a 'BYDAY' ordinal is not allowed with 'BYWEEKNO'");
	if ((has & TLC_RP_BIT(TLC_RP_BYSETPOS)) && !(has & BY_ANY))
		return fail_part(p, TLC_RP_BYSETPOS, "'BYSETPOS' needs another BYxxx rule part");
	return 0;
}

static int parse_rrule(rp *p)
{
	size_t i = skip_prefix(p->s, p->n, "RRULE");
	int error;
	if (i == p->n)
		return tlc_recur__fail(p->err, TLC_EINPUT, i, 0,
				       "empty rule; expected 'FREQ=...' like 'FREQ=DAILY;BYHOUR=9'");
	while (true) {
		size_t j = i;
		while (j < p->n && p->s[j] != ';')
			j++;
		if ((error = parse_part(p, i, j)) < 0)
			return error;
		if (j == p->n)
			break;
		i = j + 1;
	}
	return check_rule(p);
}

int tlc_recur_parse_rrule(tlc_recur **out, const char *s, size_t n, tlc_err *err)
{
	rp p;
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
	if ((error = parse_rrule(&p)) < 0)
		goto out;
	*out = p.r;
	p.r = NULL;
out:
	tlc_recur_free(p.r);
	return error;
}

/* ---- accessors ---------------------------------------------------------------------------- */

tlc_recur_freq tlc_recur_get_freq(const tlc_recur *r) { return r ? r->freq : TLC_RECUR_FREQ_MAX; }

bool tlc_recur_is_bounded(const tlc_recur *r)
{
	return r && (r->count > 0 || r->until_kind != TLC_UNTIL_NONE);
}

bool tlc_recur_needs_dtstart(const tlc_recur *r)
{
	return r && !r->friendly && !r->has_dtstart;
}

/* ---- canonical printing ------------------------------------------------------------------- */

static void put_sep(tlc_buf *b, bool *first)
{
	if (!*first)
		tlc_buf_putc(b, ',');
	*first = false;
}

/* Prints bits lo..hi of a positive and a negative set: 1,2,...,-1,-2,... */
static void put_signed(tlc_buf *b, const char *name, bool (*get)(const void *, int, bool),
		       const void *ctx, int lo, int hi)
{
	bool first = true;
	tlc_buf_printf(b, ";%s=", name);
	for (int neg = 0; neg < 2; neg++)
		for (int v = lo; v <= hi; v++)
			if (get(ctx, v, neg != 0)) {
				put_sep(b, &first);
				tlc_buf_printf(b, "%s%d", neg ? "-" : "", v);
			}
}

static bool get_u64(const void *c, int v, bool neg)
{
	const uint64_t *w = c;
	return (w[neg] >> v) & 1u;
}

static bool get_rbits(const void *c, int v, bool neg)
{
	const tlc_rbits *w = c;
	return tlc_rbits_get(&w[neg], (unsigned)v);
}

static void put_byday(tlc_buf *b, const tlc_recur *r)
{
	bool first = true;
	tlc_buf_puts(b, ";BYDAY=");
	for (int i = 0; i < 7; i++)
		if (r->byday & (1u << ((i + 1) % 7))) {
			put_sep(b, &first);
			tlc_buf_puts(b, wday_names[(i + 1) % 7]);
		}
	for (int neg = 0; neg < 2; neg++)
		for (int n = 1; n <= 53; n++)
			for (int i = 0; i < 7; i++) {
				int wd = (i + 1) % 7;
				uint64_t w = neg ? r->byday_neg[wd] : r->byday_pos[wd];
				if ((w >> n) & 1u) {
					put_sep(b, &first);
					tlc_buf_printf(b, "%s%d%s", neg ? "-" : "", n, wday_names[wd]);
				}
			}
}

static void put_until(tlc_buf *b, const tlc_recur *r)
{
	tlc_civil c;
	tlc_civil_from_secs(r->until, &c);
	tlc_buf_printf(b, ";UNTIL=%04d%02d%02d", (int)c.year, (int)c.month, (int)c.day);
	if (r->until_kind != TLC_UNTIL_DATE)
		tlc_buf_printf(b, "T%02d%02d%02d%s", (int)c.hour, (int)c.min, (int)c.sec,
			       r->until_kind == TLC_UNTIL_UTC ? "Z" : "");
}

static void put_bits(tlc_buf *b, const char *name, uint64_t w, int lo, int hi)
{
	uint64_t pair[2] = {w, 0};
	put_signed(b, name, get_u64, pair, lo, hi);
}

void tlc_recur_format(tlc_buf *b, const tlc_recur *r)
{
	uint32_t has = r->parts;
	uint64_t pair[2];
	tlc_rbits rb[2];
	tlc_buf_printf(b, "FREQ=%s", freq_names[r->freq]);
	if (r->until_kind != TLC_UNTIL_NONE)
		put_until(b, r);
	if (r->count)
		tlc_buf_printf(b, ";COUNT=%u", (unsigned)r->count);
	if (r->interval != 1)
		tlc_buf_printf(b, ";INTERVAL=%u", (unsigned)r->interval);
	if (has & TLC_RP_BIT(TLC_RP_BYSECOND))
		put_bits(b, "BYSECOND", r->bysecond, 0, 60);
	if (has & TLC_RP_BIT(TLC_RP_BYMINUTE))
		put_bits(b, "BYMINUTE", r->byminute, 0, 59);
	if (has & TLC_RP_BIT(TLC_RP_BYHOUR))
		put_bits(b, "BYHOUR", r->byhour, 0, 23);
	if (has & TLC_RP_BIT(TLC_RP_BYDAY))
		put_byday(b, r);
	if (has & TLC_RP_BIT(TLC_RP_BYMONTHDAY)) {
		pair[0] = r->bymday_pos;
		pair[1] = r->bymday_neg;
		put_signed(b, "BYMONTHDAY", get_u64, pair, 1, 31);
	}
	if (has & TLC_RP_BIT(TLC_RP_BYYEARDAY)) {
		rb[0] = r->byyday_pos;
		rb[1] = r->byyday_neg;
		put_signed(b, "BYYEARDAY", get_rbits, rb, 1, 366);
	}
	if (has & TLC_RP_BIT(TLC_RP_BYWEEKNO)) {
		pair[0] = r->byweekno_pos;
		pair[1] = r->byweekno_neg;
		put_signed(b, "BYWEEKNO", get_u64, pair, 1, 53);
	}
	if (has & TLC_RP_BIT(TLC_RP_BYMONTH))
		put_bits(b, "BYMONTH", r->bymonth, 1, 12);
	if (has & TLC_RP_BIT(TLC_RP_BYSETPOS)) {
		rb[0] = r->bysetpos_pos;
		rb[1] = r->bysetpos_neg;
		put_signed(b, "BYSETPOS", get_rbits, rb, 1, 366);
	}
	if (r->wkst != 1)
		tlc_buf_printf(b, ";WKST=%s", wday_names[r->wkst]);
}
