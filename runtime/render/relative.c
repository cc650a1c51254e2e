/*
 * .relative, .offset, .date and .time. Calendar components are computed here in plain C (civil.h)
 * on the wall clock of the display zone; ICU only formats amounts, lists and dates.
 * Rules and sources: docs/rendering.md.
 */
#include "timelinec/civil.h"
#include "render_internal.h"

/* Local seconds of t's wall clock moved by `months` calendar months, the day clamped to the
 * target month's length (Jan 31 + 1 month = Feb 28/29). */
static tlc_time add_months(tlc_time t, int64_t months)
{
	tlc_civil c;
	int64_t m0;
	int32_t y, m, d;
	tlc_civil_from_secs(t, &c);
	m0 = (int64_t)c.month - 1 + months;
	y = (int32_t)(c.year + tlc_floordiv(m0, 12));
	m = (int32_t)tlc_floormod(m0, 12) + 1;
	d = c.day;
	if (d > tlc_days_in_month(y, m))
		d = tlc_days_in_month(y, m);
	return tlc_days_from_civil(y, m, d) * 86400 + c.hour * 3600 + c.min * 60 + c.sec;
}

/*
 * Components of the span from lo to hi (lo <= hi, local seconds): whole calendar months counted
 * forward from lo (then split into years and months), the rest as days, hours, minutes, seconds.
 */
static void calendar_diff(int64_t v[TLC_UNIT_MAX], tlc_time lo, tlc_time hi)
{
	tlc_civil a, b;
	int64_t months, rem;
	tlc_civil_from_secs(lo, &a);
	tlc_civil_from_secs(hi, &b);
	months = ((int64_t)b.year - a.year) * 12 + (b.month - a.month);
	if (months > 0 && add_months(lo, months) > hi)
		months--;
	rem = hi - add_months(lo, months);
	v[TLC_UNIT_YEAR] = months / 12;
	v[TLC_UNIT_MONTH] = months % 12;
	v[TLC_UNIT_DAY] = rem / 86400;
	v[TLC_UNIT_HOUR] = rem / 3600 % 24;
	v[TLC_UNIT_MINUTE] = rem / 60 % 60;
	v[TLC_UNIT_SECOND] = rem % 60;
	v[TLC_UNIT_WEEK] = 0;
}

/* The components of |target - now| on the display zone's wall clock; flags PAST_TARGET. */
static int components(int64_t v[TLC_UNIT_MAX], unsigned *flags, tlc_time now, tlc_time target,
		      int32_t utc_offset)
{
	int error;
	if ((error = tlc_render__check_time(now)) < 0 ||
	    (error = tlc_render__check_time(target)) < 0 ||
	    (error = tlc_render__check_offset(utc_offset)) < 0)
		return error;
	if (now > target)
		*flags |= TLC_RENDER_F_PAST_TARGET;
	if (now <= target)
		calendar_diff(v, now + utc_offset, target + utc_offset);
	else
		calendar_diff(v, target + utc_offset, now + utc_offset);
	return 0;
}

/* Index of the largest nonzero component; TLC_UNIT_SECOND when all are zero. */
static tlc_runit largest_unit(const int64_t v[TLC_UNIT_MAX])
{
	for (int u = 0; u < TLC_UNIT_MAX; u++)
		if (v[u] != 0)
			return (tlc_runit)u;
	return TLC_UNIT_SECOND;
}

int tlc_render_relative(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			tlc_time now, tlc_time target, int32_t utc_offset,
			tlc_relative_width width)
{
	int64_t v[TLC_UNIT_MAX], vals[2];
	tlc_runit units[2];
	unsigned flags = 0;
	size_t n = 1, mark;
	int error;
	if (!out || !loc || (unsigned)width >= TLC_RELATIVE_WIDTH_MAX)
		return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = components(v, &flags, now, target, utc_offset)) < 0)
		return error;
	mark = out->len;
	units[0] = largest_unit(v);
	vals[0] = v[units[0]];
	if (units[0] + 1 < TLC_UNIT_MAX && v[units[0] + 1] != 0) {
		units[1] = (tlc_runit)(units[0] + 1);
		vals[1] = v[units[1]];
		n = 2;
	}
	error = tlc_icu__units(out, loc->icu,
			       width == TLC_RELATIVE_FULL ? TLC_UNIT_STYLE_FULL : TLC_UNIT_STYLE_SHORT,
			       units, vals, n);
	if ((error = tlc_render__finish(out, mark, error)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

int tlc_render_offset(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc, tlc_time now,
		      tlc_time target, int32_t utc_offset)
{
	int64_t v[TLC_UNIT_MAX], val;
	tlc_runit unit;
	unsigned flags = 0;
	size_t mark;
	int error;
	if (!out || !loc)
		return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = components(v, &flags, now, target, utc_offset)) < 0)
		return error;
	mark = out->len;
	unit = largest_unit(v);
	val = target > now ? -v[unit] : v[unit];
	error = tlc_icu__units(out, loc->icu, TLC_UNIT_STYLE_FULL_SIGNED, &unit, &val, 1);
	if ((error = tlc_render__finish(out, mark, error)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

/* ---- iOS 18 .offset(to:allowedFields:maxFieldCount:sign:) ---- */

/* The style's fields largest first, as render units. */
static const tlc_runit style_units[TLC_SF_COUNT] = {TLC_UNIT_YEAR, TLC_UNIT_MONTH, TLC_UNIT_WEEK,
						   TLC_UNIT_DAY, TLC_UNIT_HOUR, TLC_UNIT_MINUTE,
						   TLC_UNIT_SECOND};

/* From the first allowed field with a value, at most style->max allowed fields, appended to
 * units/vals from n on (zero amounts are counted but left out); returns the new count. The offset
 * and the reference style split their spans alike. */
static size_t capped_amounts(const tlc_style *style, const int64_t *v, int first, tlc_runit *units,
			     int64_t *vals, size_t n)
{
	for (int i = first, taken = 0; first >= 0 && i < TLC_SF_COUNT && taken < style->max; i++) {
		if (!(style->fields & (1u << i)))
			continue;
		taken++;
		if (v[i] != 0) {
			units[n] = style_units[i];
			vals[n++] = v[i];
		}
	}
	return n;
}

static const int64_t fixed_secs[TLC_SF_COUNT] = {0, 0, 7 * 86400, 86400, 3600, 60, 1};

/*
 * The value of each allowed field of the span lo..hi (local seconds, lo <= hi): whole calendar
 * months (12 a year when `year` is allowed, all of them in `month` when it is), then the rest in
 * fixed lengths; a remainder below the smallest allowed field is dropped.
 */
static void style_fields(int64_t v[TLC_SF_COUNT], unsigned fields, tlc_time lo, tlc_time hi)
{
	tlc_civil a, b;
	int64_t months = 0, years = 0, rem;
	if (fields & (TLC_SF_YEAR | TLC_SF_MONTH)) {
		tlc_civil_from_secs(lo, &a);
		tlc_civil_from_secs(hi, &b);
		months = ((int64_t)b.year - a.year) * 12 + (b.month - a.month);
		if (months > 0 && add_months(lo, months) > hi)
			months--;
		if (fields & TLC_SF_YEAR)
			years = months / 12;
		months = fields & TLC_SF_MONTH ? months - years * 12 : 0;
	}
	rem = hi - add_months(lo, years * 12 + months);
	v[0] = years;
	v[1] = months;
	for (int i = 2; i < TLC_SF_COUNT; i++) {
		v[i] = 0;
		if (fields & (1u << i)) {
			v[i] = rem / fixed_secs[i];
			rem %= fixed_secs[i];
		}
	}
}

static bool style_ok(const tlc_style *s)
{
	return s && s->fields && (s->fields & ~(unsigned)TLC_SF_ALL) == 0 && s->max >= 1 &&
	       s->max <= TLC_SF_COUNT && (unsigned)s->sign < TLC_SIGN_MAX;
}

int tlc_render_date_offset(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			   tlc_time now, tlc_time target, int32_t utc_offset, const tlc_style *style)
{
	int64_t v[TLC_SF_COUNT], vals[TLC_SF_COUNT];
	tlc_runit units[TLC_SF_COUNT];
	unsigned flags = 0;
	size_t n = 0, mark;
	int error, first = -1, last = -1, clock;
	bool negative = now < target;
	if (!out || !loc || !style_ok(style))
		return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = tlc_render__check_time(now)) < 0 || (error = tlc_render__check_time(target)) < 0 ||
	    (error = tlc_render__check_offset(utc_offset)) < 0)
		return error;
	if (now > target)
		flags |= TLC_RENDER_F_PAST_TARGET;
	mark = out->len;
	bool sign_minus = negative && style->sign != TLC_SIGN_NEVER;
	bool sign_plus = !negative && style->sign == TLC_SIGN_ALWAYS;
	if ((clock = tlc_style_clock(style))) {
		if (sign_minus || sign_plus)
			tlc_buf_puts(out, sign_minus ? "-" : "+");
		tlc_render__clock(out, &flags, &loc->digits,
				  (uint64_t)(negative ? target - now : now - target), clock == 2);
		error = 0;
	} else {
		style_fields(v, style->fields, (negative ? now : target) + utc_offset,
			     (negative ? target : now) + utc_offset);
		for (int i = 0; i < TLC_SF_COUNT; i++)
			if (style->fields & (1u << i)) {
				if (first < 0 && v[i] != 0)
					first = i;
				last = i;
			}
		if (first < 0) { /* zero: the smallest allowed field */
			units[n] = style_units[last];
			vals[n++] = 0;
		}
		n = capped_amounts(style, v, first, units, vals, n);
		if (sign_minus)
			vals[0] = -vals[0];
		error = tlc_icu__unit_list(out, loc->icu, sign_plus ? TLC_UNIT_STYLE_FULL_SIGNED
								    : TLC_UNIT_STYLE_FULL,
					   TLC_UNIT_STYLE_FULL, units, vals, n);
	}
	if ((error = tlc_render__finish(out, mark, error)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

/* ---- iOS 18 .reference(to:allowedFields:maxFieldCount:thresholdField:) ---- */

static int field_bit_index(unsigned bit)
{
	for (int i = 0; i < TLC_SF_COUNT; i++)
		if (bit == 1u << i)
			return i;
	return -1;
}

/* True while lo..hi (local seconds) is under one unit of the next larger allowed field above
 * the threshold (calendar months and years, fixed weeks, days, hours, minutes); always with none. */
static bool reference_relative(const tlc_style *s, tlc_time lo, tlc_time hi)
{
	int t = field_bit_index(s->threshold), up = -1;
	for (int i = 0; i < t; i++)
		if (s->fields & (1u << i))
			up = i;
	if (up < 0)
		return true;
	if (up <= 1)
		return add_months(lo, up == 0 ? 12 : 1) > hi;
	return hi - lo < fixed_secs[up];
}

int tlc_render_date_reference(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			      tlc_time now, tlc_time target, int32_t utc_offset,
			      const tlc_style *style)
{
	int64_t v[TLC_SF_COUNT], vals[TLC_SF_COUNT];
	tlc_runit units[TLC_SF_COUNT];
	unsigned flags = 0;
	size_t n = 0, mark;
	int error, first = -1, last = -1;
	bool future = now < target;
	if (!out || !loc || !style || !style->fields || (style->fields & ~(unsigned)TLC_SF_ALL) ||
	    style->max < 1 || style->max > TLC_SF_COUNT || field_bit_index(style->threshold) < 0)
		return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = tlc_render__check_time(now)) < 0 || (error = tlc_render__check_time(target)) < 0 ||
	    (error = tlc_render__check_offset(utc_offset)) < 0)
		return error;
	if (now > target)
		flags |= TLC_RENDER_F_PAST_TARGET;
	mark = out->len;
	tlc_time lo = (future ? now : target) + utc_offset, hi = (future ? target : now) + utc_offset;
	if (!reference_relative(style, lo, hi)) {
		tlc_civil a, b;
		tlc_civil_from_secs(now + utc_offset, &a);
		tlc_civil_from_secs(target + utc_offset, &b);
		bool timed = style->threshold & (TLC_SF_HOUR | TLC_SF_MINUTE | TLC_SF_SECOND);
		error = tlc_icu__skeleton(out, loc->icu, a.year != b.year ? "yMMMM"
					  : timed ? "MMMMEEEEdjmm" : "MMMMEEEEd", target + utc_offset);
	} else {
		style_fields(v, style->fields, lo, hi);
		for (int i = 0; i < TLC_SF_COUNT; i++)
			if (style->fields & (1u << i)) {
				if (first < 0 && v[i] != 0)
					first = i;
				last = i;
			}
		/* zero: "now" with a minute or second field, else ICU's "today", "this hour" */
		if (first < 0 && last < 5) {
			units[n] = style_units[last];
			vals[n++] = 0;
		}
		n = capped_amounts(style, v, first, units, vals, n);
		error = tlc_icu__reference(out, loc->icu, future, units, vals, n);
	}
	if ((error = tlc_render__finish(out, mark, error)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

static int render_datetime(tlc_buf *out, tlc_render_locale *loc, tlc_time t, int32_t utc_offset,
			   bool time)
{
	size_t mark;
	int error;
	if (!out || !loc)
		return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = tlc_render__check_time(t)) < 0 ||
	    (error = tlc_render__check_offset(utc_offset)) < 0)
		return error;
	mark = out->len;
	error = tlc_icu__datetime(out, loc->icu, time, t + utc_offset);
	return tlc_render__finish(out, mark, error);
}

int tlc_render_date(tlc_buf *out, tlc_render_locale *loc, tlc_time t, int32_t utc_offset)
{
	return render_datetime(out, loc, t, utc_offset, false);
}

int tlc_render_time(tlc_buf *out, tlc_render_locale *loc, tlc_time t, int32_t utc_offset)
{
	return render_datetime(out, loc, t, utc_offset, true);
}
