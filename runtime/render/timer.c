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
