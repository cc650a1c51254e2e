/*
 * Text(date, style: .timer) and Text(timerInterval:pauseTime:countsDown:showsHours:).
 * Pure C: digits come from the locale handle (cached when it was opened), so the hot path makes
 * no ICU call. Rules and sources: docs/rendering.md, "Timers".
 */
#include "render_internal.h"

/* Worst case: 10-digit minutes (showsHours false) + 2 + 2 digits, 4 bytes each, 2 colons. */
#define CLOCK_MAX 64

/* Writes v with at least `min` digits (zero-padded) at p; returns the bytes written. */
static size_t put_digits(char *p, const tlc_digits *dg, uint64_t v, int min)
{
	uint8_t tmp[20];
	int n = 0;
	size_t w = 0;
	do {
		tmp[n++] = (uint8_t)(v % 10);
		v /= 10;
	} while (v);
	while (n < min)
		tmp[n++] = 0;
	if (dg->ascii) {
		while (n > 0)
			p[w++] = (char)('0' + tmp[--n]);
		return w;
	}
	while (n > 0) {
		uint8_t d = tmp[--n];
		for (uint8_t k = 0; k < dg->len[d]; k++)
			p[w++] = dg->d[d][k];
	}
	return w;
}

/* "M:SS", "H:MM:SS" (with_hours and secs >= 1 h) or "MMM:SS" (minutes accumulate). */
void tlc_render__clock(tlc_buf *out, unsigned *flags, const tlc_digits *dg, uint64_t secs,
		       bool with_hours)
{
	char buf[CLOCK_MAX];
	size_t n = 0;
	uint64_t h = secs / 3600, m = secs / 60 % 60, s = secs % 60;
	if (with_hours && h > 0) {
		n += put_digits(buf + n, dg, h, 1);
		buf[n++] = ':';
		n += put_digits(buf + n, dg, m, 2);
		if (h >= 24)
			*flags |= TLC_RENDER_F_HOURS_PAST_24;
	} else {
		n += put_digits(buf + n, dg, secs / 60, 1);
	}
	buf[n++] = ':';
	n += put_digits(buf + n, dg, s, 2);
	tlc_buf_put(out, buf, n);
}

int tlc_render_timer(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc, tlc_time now,
		     tlc_time target)
{
	size_t mark;
	unsigned flags = 0;
	int64_t r;
	int error;
	if (!out || !loc)
		return TLC_EINVAL;
	if ((error = tlc_render__check_time(now)) < 0 || (error = tlc_render__check_time(target)) < 0)
		return error;
	mark = out->len;
	r = target - now;
	if (r < 0) {
		r = -r;
		flags |= TLC_RENDER_F_PAST_TARGET;
	}
	tlc_render__clock(out, &flags, &loc->digits, (uint64_t)r, true);
	if ((error = tlc_render__finish(out, mark, 0)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

static int check_interval(const tlc_timer_interval *ti)
{
	int error;
	if ((error = tlc_render__check_time(ti->start)) < 0 ||
	    (error = tlc_render__check_time(ti->end)) < 0)
		return error;
	if (ti->pause != TLC_TIME_NONE)
		return tlc_render__check_time(ti->pause);
	return 0;
}

/* The value the interval timer shows at `now`, in [0, b - a]; see render.h. */
static uint64_t interval_value(unsigned *flags, tlc_time now, const tlc_timer_interval *ti)
{
	tlc_time a = ti->start, b = ti->end, t = now;
	if (a > b) {
		*flags |= TLC_RENDER_F_RANGE_CLAMPED;
		b = a;
	}
	if (now > b)
		*flags |= TLC_RENDER_F_PAST_TARGET;
	if (ti->pause != TLC_TIME_NONE && ti->pause <= now) {
		*flags |= TLC_RENDER_F_PAUSED;
		t = ti->pause;
	}
	if (t > b) {
		*flags |= TLC_RENDER_F_PAST_END;
		t = b;
	}
	if (t < a) {
		*flags |= TLC_RENDER_F_BEFORE_START;
		t = a;
	}
	return (uint64_t)(ti->counts_down ? b - t : t - a);
}

int tlc_render_timer_interval(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			      tlc_time now, const tlc_timer_interval *ti)
{
	size_t mark;
	unsigned flags = 0;
	uint64_t v;
	int error;
	if (!out || !loc || !ti)
		return TLC_EINVAL;
	if ((error = tlc_render__check_time(now)) < 0 || (error = check_interval(ti)) < 0)
		return error;
	mark = out->len;
	v = interval_value(&flags, now, ti);
	tlc_render__clock(out, &flags, &loc->digits, v, ti->shows_hours);
	if ((error = tlc_render__finish(out, mark, 0)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

/*
 * The iOS 18 clock styles (docs/rendering.md, "{countdown-timer} and {stopwatch}"): the fields
 * hours (with style->hours and v >= 1 h), minutes (all of them without hours), seconds (precision
 * seconds or finer) and hundredths ({stopwatch}, precision hundredths), of which the first
 * style->max are shown, from the largest. `pad_first`: the stopwatch pads its first field to two
 * digits ("00:05.23"); the timer does not ("4:32").
 */
static void put_style_clock(tlc_buf *out, unsigned *flags, const tlc_digits *dg, uint64_t secs,
			    const tlc_style *st, bool hundredths, bool pad_first)
{
	char buf[CLOCK_MAX];
	uint64_t v[4];
	char sep[4];
	int n = 0;
	size_t w = 0;
	bool h = st->hours && secs >= 3600;
	if (h) {
		v[n] = secs / 3600;
		sep[n++] = ':';
		if (v[0] >= 24)
			*flags |= TLC_RENDER_F_HOURS_PAST_24;
	}
	v[n] = h ? secs / 60 % 60 : secs / 60;
	sep[n++] = ':';
	if (st->precision <= TLC_PREC_SECONDS) {
		v[n] = secs % 60;
		sep[n++] = hundredths && st->precision == TLC_PREC_HUNDREDTHS ? '.' : ':';
	}
	if (hundredths && st->precision == TLC_PREC_HUNDREDTHS) {
		v[n] = 0; /* timelines are whole seconds */
		sep[n++] = 0;
	}
	if (n > st->max)
		n = st->max;
	for (int i = 0; i < n; i++) {
		if (i)
			buf[w++] = sep[i - 1];
		w += put_digits(buf + w, dg, v[i], i || pad_first ? 2 : 1);
	}
	tlc_buf_put(out, buf, w);
}

static int check_clock_style(const tlc_style *st, int cap)
{
	if (!st || st->max < 1 || st->max > cap || (unsigned)st->precision >= TLC_PREC_MAX)
		return TLC_EINVAL;
	return 0;
}

int tlc_render_countdown_timer(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc,
			       tlc_time now, tlc_time from, tlc_time target, const tlc_style *style)
{
	unsigned flags = 0;
	int error;
	if (!out || !loc || check_clock_style(style, 3) < 0 ||
	    style->precision == TLC_PREC_HUNDREDTHS)
		return TLC_EINVAL;
	if ((error = tlc_render__check_time(now)) < 0 || (error = tlc_render__check_time(from)) < 0 ||
	    (error = tlc_render__check_time(target)) < 0)
		return error;
	size_t mark = out->len;
	/* countingDownIn: from...target, from the duration down to 0:00, held there (inferred) */
	tlc_timer_interval ti = TLC_TIMER_INTERVAL_INIT(from, target);
	uint64_t v = interval_value(&flags, now, &ti);
	put_style_clock(out, &flags, &loc->digits, v, style, false, false);
	if ((error = tlc_render__finish(out, mark, 0)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}

int tlc_render_stopwatch(tlc_buf *out, unsigned *flags_out, tlc_render_locale *loc, tlc_time now,
			 tlc_time start, const tlc_style *style)
{
	unsigned flags = 0;
	int error;
	if (!out || !loc || check_clock_style(style, 4) < 0)
		return TLC_EINVAL;
	if ((error = tlc_render__check_time(now)) < 0 || (error = tlc_render__check_time(start)) < 0)
		return error;
	size_t mark = out->len;
	uint64_t v = 0;
	if (now < start)
		flags |= TLC_RENDER_F_BEFORE_START; /* Apple: "00:00.00" before the start */
	else
		v = (uint64_t)(now - start);
	if (now > start)
		flags |= TLC_RENDER_F_PAST_TARGET;
	put_style_clock(out, &flags, &loc->digits, v, style, true, true);
	if ((error = tlc_render__finish(out, mark, 0)) < 0)
		return error;
	if (flags_out)
		*flags_out = flags;
	return 0;
}
