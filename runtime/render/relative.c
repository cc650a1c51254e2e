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
static tlc_unit largest_unit(const int64_t v[TLC_UNIT_MAX])
{
	for (int u = 0; u < TLC_UNIT_MAX; u++)
		if (v[u] != 0)
			return (tlc_unit)u;
	return TLC_UNIT_SECOND;
}

int tlc_render_relative(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			tlc_time now, tlc_time target, int32_t utc_offset,
			tlc_relative_width width)
{
	int64_t v[TLC_UNIT_MAX], vals[2];
	tlc_unit units[2];
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
		units[1] = (tlc_unit)(units[0] + 1);
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
	tlc_unit unit;
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
