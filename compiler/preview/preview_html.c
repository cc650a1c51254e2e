/*
 * preview_html.c — `timelinec preview SPEC --html OUT.html`: one self-contained page (the
 * template compiler/preview/preview.html, embedded at build time) with the data filled in.
 *
 * The page never formats anything itself: every text comes from the C renderer. The data says,
 * per entry, countdown and widget family, which *view* shows; a view is a list of parts, each
 * either a static string (literal text, baked messages, {date}, {time}: rendered here once per
 * locale) or a self-updating part, which the page fills from a small pattern made here:
 *
 *  - {timer} and {countdown}: the target, pause and interval, plus the locale's ten digit strings
 *    taken from the renderer; the page applies the renderer's rule (|T - t| as H:MM:SS under
 *    hours >= 1, else M:SS; hours past 24; ':' in every locale). Checked here against
 *    tlc_display_view() for every locale before the page is written.
 *  - {progress}: the interval; the page computes the percentage as display.c does.
 *  - {relative} and {offset}: a list of change points (instant, text) over the stretch where the
 *    run shows, rendered here: the text is probed at most an hour apart and every change is
 *    located to the second by bisection (and probed at every DST transition of the display zone,
 *    whose offset the style reads). Texts are interned per locale.
 *
 * So a scrub is a binary search over entry dates and a few string joins. Before writing, the
 * generator evaluates the page's own data at sampled instants (each entry's first and last
 * second, and inside its stretch) exactly as the page's script does, and compares with
 * tlc_display_view(): a mismatch is an internal error, never a wrong page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display/display.h"
#include "verify/families.h"
#include "preview/preview.h"
#include "timelinec/civil.h"

#define MAX_CHANGES 2000000      /* change points of {relative}/{offset} texts in one page */
#define MAX_PROBE_STRIDE 3600    /* seconds between two probes of a {relative} text */
#define MAX_CHECKED_ENTRIES 2000 /* entries the self-check samples */

/* ---- a string intern table ------------------------------------------------------------------ */

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static int intern_rehash(pvh_intern *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 256;
	size_t *s = calloc(ns, sizeof *s);
	if (!s)
		return TLC_ENOMEM;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = (size_t)hash_bytes(t->v[i], strlen(t->v[i])) & (ns - 1);
		while (s[h])
			h = (h + 1) & (ns - 1);
		s[h] = i + 1;
	}
	free(t->slots);
	t->slots = s;
	t->nslots = ns;
	return 0;
}

ptrdiff_t pvh_intern_add(pvh_intern *t, const char *s, size_t n, bool *added)
{
	if (added)
		*added = false;
	if ((t->n + 1) * 2 > t->nslots && intern_rehash(t) < 0)
		return -1;
	size_t h = (size_t)hash_bytes(s, n) & (t->nslots - 1);
	while (t->slots[h]) {
		const char *o = t->v[t->slots[h] - 1];
		if (strlen(o) == n && memcmp(o, s, n) == 0)
			return (ptrdiff_t)(t->slots[h] - 1);
		h = (h + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		char **v = realloc(t->v, nc * sizeof *v);
		if (!v)
			return -1;
		t->v = v;
		t->cap = nc;
	}
	char *c = malloc(n + 1);
	if (!c)
		return -1;
	memcpy(c, s, n);
	c[n] = 0;
	t->v[t->n] = c;
	t->slots[h] = ++t->n;
	if (added)
		*added = true;
	return (ptrdiff_t)(t->n - 1);
}

void pvh_intern_free(pvh_intern *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

/* ---- the page kit: live parts, change points, digits ------------------------------------------ */

int pvh_kit_init(pvh_kit *k)
{
	size_t nl = k->nlocales ? k->nlocales : 1;
	tlc_buf_init(&k->key);
	k->strings = calloc(nl, sizeof *k->strings);
	k->digits = calloc(nl, sizeof *k->digits);
	return k->strings && k->digits ? 0 : TLC_ENOMEM;
}

void pvh_kit_free(pvh_kit *k)
{
	for (size_t f = 0; f < k->nfns; f++) {
		for (size_t li = 0; li < k->nlocales; li++) {
			if (k->fns[f].t)
				free(k->fns[f].t[li]);
			if (k->fns[f].s)
				free(k->fns[f].s[li]);
		}
		free(k->fns[f].t);
		free(k->fns[f].s);
		free(k->fns[f].n);
		free(k->fns[f].cap);
	}
	free(k->fns);
	for (size_t v = 0; v < k->nviews; v++) {
		free(k->views[v].parts);
		if (k->views[v].slots)
			for (size_t li = 0; li < k->nlocales; li++)
				free(k->views[v].slots[li]);
		free(k->views[v].slots);
	}
	free(k->views);
	pvh_intern_free(&k->views_by_key);
	free(k->lives);
	pvh_intern_free(&k->live_by_key);
	if (k->strings)
		for (size_t li = 0; li < k->nlocales; li++)
			pvh_intern_free(&k->strings[li]);
	free(k->strings);
	free(k->digits);
	tlc_buf_release(&k->key);
	k->fns = NULL;
	k->views = NULL;
	k->nviews = k->vcap = 0;
	k->lives = NULL;
	k->strings = NULL;
	k->digits = NULL;
	k->nfns = k->nlives = 0;
}

ptrdiff_t pvh_add_view(pvh_kit *k, bool *added)
{
	if (k->nviews == k->vcap) { /* room first: the key table and the views stay in step */
		size_t nc = k->vcap ? k->vcap * 2 : 32;
		pvh_view *nv = realloc(k->views, nc * sizeof *nv);
		if (!nv)
			return -1;
		k->views = nv;
		k->vcap = nc;
	}
	ptrdiff_t vi = tlc_buf_oom(&k->key) ? -1
					    : pvh_intern_add(&k->views_by_key, k->key.ptr, k->key.len, added);
	if (vi >= 0 && *added)
		memset(&k->views[k->nviews++], 0, sizeof *k->views);
	return vi;
}

ptrdiff_t pvh_add_live(pvh_kit *k, tlc_run_kind rk, tlc_time target, tlc_time from,
		       tlc_time pause, tlc_time lo, tlc_time hi, const tlc_style *style)
{
	bool added;
	tlc_buf_clear(&k->key);
	int kind = rk == TLC_RUN_TIMER ? PVH_LIVE_TIMER : rk == TLC_RUN_COUNTDOWN ? PVH_LIVE_COUNTDOWN
		 : rk == TLC_RUN_PROGRESS ? PVH_LIVE_PROGRESS
		 : rk == TLC_RUN_COUNTDOWN_TIMER ? PVH_LIVE_CTIMER
		 : rk == TLC_RUN_STOPWATCH ? PVH_LIVE_STOPWATCH : PVH_LIVE_FN;
	tlc_buf_printf(&k->key, "%d %d %lld %lld %lld", kind, (int)rk, (long long)target,
		       (long long)(kind == PVH_LIVE_COUNTDOWN || kind == PVH_LIVE_PROGRESS ||
				   kind == PVH_LIVE_CTIMER ? from : 0),
		       (long long)(kind == PVH_LIVE_TIMER || kind == PVH_LIVE_COUNTDOWN ? pause : 0));
	if (style) /* the options change the text: two styles are two parts */
		tlc_buf_printf(&k->key, " %u %d %d %d %d %u", style->fields, style->max, (int)style->sign,
			       (int)style->hours, (int)style->precision, style->threshold);
	if (tlc_buf_oom(&k->key))
		return -1;
	ptrdiff_t i = pvh_intern_add(&k->live_by_key, k->key.ptr, k->key.len, &added);
	if (i < 0)
		return -1;
	if (!added) {
		if (kind == PVH_LIVE_FN) {
			pvh_fn *f = &k->fns[k->lives[i].fn];
			if (lo < f->lo)
				f->lo = lo;
			if (hi > f->hi)
				f->hi = hi;
		}
		return i;
	}
	if (k->nlives == k->lcap) {
		size_t nc = k->lcap ? k->lcap * 2 : 32;
		pvh_live *v = realloc(k->lives, nc * sizeof *v);
		if (!v)
			return -1;
		k->lives = v;
		k->lcap = nc;
	}
	pvh_live *l = &k->lives[k->nlives++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->target = target;
	l->from = from;
	l->pause = pause;
	if (style)
		l->style = *style;
	if (kind == PVH_LIVE_COUNTDOWN && l->pause == TLC_TIME_NONE)
		l->pause = target; /* pauseTime defaults to the target */
	if (kind == PVH_LIVE_FN) {
		if (k->nfns == k->fcap) {
			size_t nc = k->fcap ? k->fcap * 2 : 16;
			pvh_fn *v = realloc(k->fns, nc * sizeof *v);
			if (!v)
				return -1;
			k->fns = v;
			k->fcap = nc;
		}
		pvh_fn *f = &k->fns[k->nfns];
		memset(f, 0, sizeof *f);
		f->kind = rk;
		f->target = target;
		if (style)
			f->style = *style;
		f->lo = lo;
		f->hi = hi;
		l->fn = k->nfns++;
	}
	return i;
}

static int fn_push(pvh_kit *k, pvh_fn *f, size_t li, tlc_time t, const tlc_buf *text)
{
	if (++k->total_changes > MAX_CHANGES)
		return TLC_ERANGE;
	if (f->n[li] == f->cap[li]) {
		size_t nc = f->cap[li] ? f->cap[li] * 2 : 16;
		tlc_time *nt = realloc(f->t[li], nc * sizeof *nt);
		if (!nt)
			return TLC_ENOMEM;
		f->t[li] = nt;
		size_t *ns = realloc(f->s[li], nc * sizeof *ns);
		if (!ns)
			return TLC_ENOMEM;
		f->s[li] = ns;
		f->cap[li] = nc;
	}
	ptrdiff_t s = pvh_intern_add(&k->strings[li], text->ptr, text->len, NULL);
	if (s < 0)
		return TLC_ENOMEM;
	f->t[li][f->n[li]] = t;
	f->s[li][f->n[li]++] = (size_t)s;
	return 0;
}

bool pvh_buf_eq(const tlc_buf *a, const tlc_buf *b)
{
	return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

static int fn_changes(pvh_kit *k, pvh_fn *f, size_t li)
{
	tlc_buf cur = TLC_BUF_INIT, probe = TLC_BUF_INIT;
	tlc_time t = f->lo;
	int rc = k->fn_text(k, &cur, f, li, t);
	if (rc == 0)
		rc = fn_push(k, f, li, t, &cur);
	while (rc == 0 && t < f->hi) {
		tlc_time prev = t, forced = TLC_TIME_NONE, x;
		int64_t step = 1;
		if (k->dz && tlc_zone_next_transition(k->dz, t, &x) == 0 && x < f->hi)
			forced = x;
		for (;;) {
			tlc_time p = prev + step;
			if (forced != TLC_TIME_NONE && p > forced)
				p = forced;
			if (p >= f->hi) {
				t = f->hi;
				break;
			}
			if ((rc = k->fn_text(k, &probe, f, li, p)) < 0)
				break;
			if (!pvh_buf_eq(&probe, &cur)) {
				tlc_time a = prev, b = p; /* text(a) == cur, text(b) != cur */
				while (rc == 0 && b - a > 1) {
					tlc_time m = a + (b - a) / 2;
					if ((rc = k->fn_text(k, &probe, f, li, m)) == 0) {
						if (pvh_buf_eq(&probe, &cur))
							a = m;
						else
							b = m;
					}
				}
				if (rc == 0)
					rc = k->fn_text(k, &cur, f, li, b);
				if (rc == 0)
					rc = fn_push(k, f, li, b, &cur);
				t = b;
				break;
			}
			if (p == forced) {
				t = p; /* start again from the transition */
				break;
			}
			prev = p;
			step = step * 2 > MAX_PROBE_STRIDE ? MAX_PROBE_STRIDE : step * 2;
		}
	}
	tlc_buf_release(&cur);
	tlc_buf_release(&probe);
	return rc;
}

/* The iOS 18 clock styles as the page's script writes them (timer.c's put_style_clock). */
static void style_clock_text(tlc_buf *out, const char (*dg)[16], uint64_t secs,
			     const tlc_style *st, bool sw)
{
	uint64_t v[4];
	char sep[4], tmp[24];
	int n = 0;
	bool h = st->hours && secs >= 3600, hs = sw && st->precision == TLC_PREC_HUNDREDTHS;
	if (h) {
		v[n] = secs / 3600;
		sep[n++] = ':';
	}
	v[n] = h ? secs / 60 % 60 : secs / 60;
	sep[n++] = ':';
	if (st->precision <= TLC_PREC_SECONDS) {
		v[n] = secs % 60;
		sep[n++] = hs ? '.' : ':';
	}
	if (hs)
		v[n++] = 0;
	if (n > st->max)
		n = st->max;
	for (int i = 0; i < n; i++) {
		if (i)
			tlc_buf_putc(out, sep[i - 1]);
		int w = snprintf(tmp, sizeof tmp, (i || sw) ? "%02llu" : "%llu",
				 (unsigned long long)v[i]);
		for (int c = 0; c < w; c++)
			tlc_buf_puts(out, dg[tmp[c] - '0']);
	}
}

/* The clock text the page's script writes (timer.c's put_clock with hours). */
static void clock_text(tlc_buf *out, const char (*dg)[16], uint64_t secs)
{
	uint64_t h = secs / 3600, m = secs / 60 % 60, s = secs % 60;
	char tmp[24];
	int n;
	if (h > 0) {
		n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)h);
		for (int i = 0; i < n; i++)
			tlc_buf_puts(out, dg[tmp[i] - '0']);
		tlc_buf_putc(out, ':');
		tlc_buf_puts(out, dg[m / 10]);
		tlc_buf_puts(out, dg[m % 10]);
	} else {
		n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)(secs / 60));
		for (int i = 0; i < n; i++)
			tlc_buf_puts(out, dg[tmp[i] - '0']);
	}
	tlc_buf_putc(out, ':');
	tlc_buf_puts(out, dg[s / 10]);
	tlc_buf_puts(out, dg[s % 10]);
}

/* The ten digit strings of locale li, from the renderer's own {timer} text, then checked. */
static int locale_digits(pvh_kit *k, size_t li)
{
	static const uint64_t samples[] = {0, 1, 9, 10, 59, 60, 61, 599, 600, 3599, 3600, 3661, 35999,
					   36000, 86399, 86400, 86401, 123456, 360000, 3599999};
	const char *loc = k->locales[li];
	tlc_buf b = TLC_BUF_INIT, mine = TLC_BUF_INIT;
	int rc = 0;
	size_t zero_len = 0;
	for (int d = 0; d < 10 && rc == 0; d++) {
		/* "D0:D0Dd": the first digit string ends at ':' */
		if ((rc = k->timer(k, &b, li, (uint64_t)d)) < 0)
			break;
		const char *colon = memchr(b.ptr, ':', b.len);
		if (!colon) {
			fprintf(k->err, "timelinec: error: the {timer} text of '%s' has no ':' ('%s')\n", loc,
				b.ptr);
			k->told = true;
			rc = TLC_EINPUT;
			break;
		}
		if (d == 0)
			zero_len = (size_t)(colon - b.ptr);
		size_t tail = (size_t)(b.ptr + b.len - (colon + 1));
		if (tail <= zero_len || tail - zero_len >= sizeof k->digits[li][d]) {
			fprintf(k->err, "timelinec: error: cannot read the digits of '%s' from its {timer} "
					"text '%s'\n", loc, b.ptr);
			k->told = true;
			rc = TLC_EINPUT;
			break;
		}
		memcpy(k->digits[li][d], colon + 1 + zero_len, tail - zero_len);
		k->digits[li][d][tail - zero_len] = 0;
	}
	for (size_t i = 0; rc == 0 && i < sizeof samples / sizeof samples[0]; i++) {
		tlc_buf_clear(&mine);
		if ((rc = k->timer(k, &b, li, samples[i])) < 0)
			break;
		clock_text(&mine, (const char (*)[16])k->digits[li], samples[i]);
		if (!pvh_buf_eq(&b, &mine)) {
			fprintf(k->err, "timelinec: error: the {timer} text of '%s' for %llu s is '%s', not "
					"'%s' as the page would write it\n", loc,
				(unsigned long long)samples[i], b.ptr, mine.ptr);
			k->told = true;
			rc = TLC_EINPUT;
		}
	}
	tlc_buf_release(&b);
	tlc_buf_release(&mine);
	return rc;
}

int pvh_kit_render(pvh_kit *k)
{
	size_t nl = k->nlocales;
	for (size_t li = 0; li < nl; li++) {
		int rc = k->timer ? locale_digits(k, li) : 0;
		if (rc < 0)
			return rc;
		if (!k->timer)
			for (int d = 0; d < 10; d++)
				snprintf(k->digits[li][d], sizeof k->digits[li][d], "%d", d);
	}
	for (size_t f = 0; f < k->nfns; f++) {
		pvh_fn *x = &k->fns[f];
		x->t = calloc(nl, sizeof *x->t);
		x->s = calloc(nl, sizeof *x->s);
		x->n = calloc(nl, sizeof *x->n);
		x->cap = calloc(nl, sizeof *x->cap);
		if (!x->t || !x->s || !x->n || !x->cap)
			return TLC_ENOMEM;
		for (size_t li = 0; li < nl; li++) {
			int rc = fn_changes(k, x, li);
			if (rc == TLC_ERANGE) {
				fprintf(k->err, "timelinec: error: the self-updating texts change more than "
						"%d times in this timeline; preview a shorter window\n",
					MAX_CHANGES);
				k->told = true;
			}
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* ---- the page's evaluation, in C: the self-check -------------------------------------------- */

void pvh_live_text(const pvh_kit *k, tlc_buf *out, size_t i, size_t li, tlc_time t)
{
	const pvh_live *l = &k->lives[i];
	switch (l->kind) {
	case PVH_LIVE_TIMER: {
		tlc_time u = l->pause != TLC_TIME_NONE && t >= l->pause ? l->pause : t;
		int64_t r = l->target - u;
		clock_text(out, (const char (*)[16])k->digits[li], (uint64_t)(r < 0 ? -r : r));
		break;
	}
	case PVH_LIVE_COUNTDOWN: {
		tlc_time a = l->from, b = l->target, u = t;
		if (a > b)
			b = a;
		if (l->pause <= u)
			u = l->pause;
		if (u > b)
			u = b;
		if (u < a)
			u = a;
		clock_text(out, (const char (*)[16])k->digits[li], (uint64_t)(b - u));
		break;
	}
	case PVH_LIVE_CTIMER: {
		tlc_time a = l->from, b = l->target, u = t;
		if (a > b)
			b = a;
		if (u > b)
			u = b;
		if (u < a)
			u = a;
		style_clock_text(out, (const char (*)[16])k->digits[li], (uint64_t)(b - u), &l->style,
				 false);
		break;
	}
	case PVH_LIVE_STOPWATCH:
		style_clock_text(out, (const char (*)[16])k->digits[li],
				 (uint64_t)(t > l->target ? t - l->target : 0), &l->style, true);
		break;
	case PVH_LIVE_PROGRESS: {
		int64_t span = l->target - l->from, done = t - l->from;
		int pct = span <= 0 ? 100 : done <= 0 ? 0 : done >= span ? 100 : (int)(done * 100 / span);
		tlc_buf_printf(out, "[progress %d%%]", pct);
		break;
	}
	default: {
		const pvh_fn *f = &k->fns[l->fn];
		size_t lo = 0, hi = f->n[li];
		while (hi - lo > 1) { /* the last change point <= t */
			size_t m = lo + (hi - lo) / 2;
			if (f->t[li][m] <= t)
				lo = m;
			else
				hi = m;
		}
		if (f->n[li])
			tlc_buf_puts(out, k->strings[li].v[f->s[li][lo]]);
		break;
	}
	}
}

void pvh_view_text(const pvh_kit *k, tlc_buf *out, long vi, size_t li, tlc_time t)
{
	if (vi < 0)
		return;
	const pvh_view *w = &k->views[vi];
	for (size_t i = 0; i < w->nparts; i++) {
		if (w->parts[i] >= 0)
			tlc_buf_puts(out, k->strings[li].v[w->slots[li][w->parts[i]]]);
		else
			pvh_live_text(k, out, (size_t)(-1 - w->parts[i]), li, t);
	}
}

/* ---- JSON ----------------------------------------------------------------------------------- */

void pvh_jstr(tlc_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	tlc_buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			tlc_buf_putc(b, '\\');
			tlc_buf_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
			char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			tlc_buf_puts(b, u);
		} else if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
			   ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
			tlc_buf_puts(b, (unsigned char)s[2] == 0xA8 ? "\\u2028" : "\\u2029");
			s += 2;
		} else {
			tlc_buf_putc(b, (char)c);
		}
	}
	tlc_buf_putc(b, '"');
}

void pvh_jtime(tlc_buf *b, tlc_time t)
{
	if (t == TLC_TIME_NONE)
		tlc_buf_puts(b, "null");
	else
		tlc_buf_printf(b, "%lld", (long long)t);
}

void pvh_jkey(tlc_buf *b, const char *k)
{
	pvh_jstr(b, k);
	tlc_buf_putc(b, ':');
}

static const char *sev_word(tlc_severity s)
{
	return s == TLC_SEV_ERROR ? "error" : s == TLC_SEV_WARNING ? "warning" : "note";
}

void pvh_write_zone(tlc_buf *b, const tlc_zone *dz, tlc_time from, tlc_time until)
{
	tlc_time t = from - 2 * 86400, x;
	tlc_buf ts = TLC_BUF_INIT;
	tlc_buf_printf(b, "\"zoneT\":[%lld", (long long)t);
	tlc_buf_printf(&ts, "\"zoneO\":[%d", dz ? (int)tlc_zone_offset(dz, t) : 0);
	for (int i = 0; dz && i < 10000 && tlc_zone_next_transition(dz, t, &x) == 0 &&
			    x <= until + 2 * 86400; i++) {
		tlc_buf_printf(b, ",%lld", (long long)x);
		tlc_buf_printf(&ts, ",%d", (int)tlc_zone_offset(dz, x));
		t = x;
	}
	tlc_buf_puts(b, "],");
	tlc_buf_put(b, ts.ptr, ts.len);
	tlc_buf_puts(b, "],");
	tlc_buf_release(&ts);
}

static void write_live(const pvh_kit *k, tlc_buf *b)
{
	tlc_buf_puts(b, "\"live\":[");
	for (size_t i = 0; i < k->nlives; i++) {
		const pvh_live *l = &k->lives[i];
		if (i)
			tlc_buf_putc(b, ',');
		if (l->kind == PVH_LIVE_TIMER) {
			tlc_buf_printf(b, "{\"k\":\"timer\",\"T\":%lld,\"P\":", (long long)l->target);
			pvh_jtime(b, l->pause);
			tlc_buf_putc(b, '}');
		} else if (l->kind == PVH_LIVE_COUNTDOWN) {
			tlc_buf_printf(b, "{\"k\":\"countdown\",\"a\":%lld,\"b\":%lld,\"P\":%lld}",
				       (long long)l->from, (long long)l->target, (long long)l->pause);
		} else if (l->kind == PVH_LIVE_PROGRESS) {
			tlc_buf_printf(b, "{\"k\":\"progress\",\"a\":%lld,\"b\":%lld}", (long long)l->from,
				       (long long)l->target);
		} else if (l->kind == PVH_LIVE_CTIMER || l->kind == PVH_LIVE_STOPWATCH) {
			bool sw = l->kind == PVH_LIVE_STOPWATCH;
			tlc_buf_printf(b, "{\"k\":\"%s\",\"a\":%lld,\"b\":%lld,\"h\":%s,\"m\":%d,"
					  "\"p\":%d}", sw ? "stopwatch" : "countdown-timer",
				       (long long)(sw ? l->target : l->from), (long long)l->target,
				       l->style.hours ? "true" : "false", l->style.max,
				       (int)l->style.precision);
		} else {
			tlc_buf_printf(b, "{\"k\":\"%s\",\"f\":%zu}", tlc_run_kind_name(k->fns[l->fn].kind),
				       l->fn);
		}
	}
	tlc_buf_puts(b, "],");
}

static void write_locale(const pvh_kit *k, tlc_buf *b, size_t li)
{
	tlc_buf_puts(b, "\"digits\":[");
	for (int d = 0; d < 10; d++) {
		if (d)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, k->digits[li][d]);
	}
	tlc_buf_puts(b, "],\"strings\":[");
	for (size_t s = 0; s < k->strings[li].n; s++) {
		if (s)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, k->strings[li].v[s]);
	}
	tlc_buf_puts(b, "],\"fns\":[");
	for (size_t f = 0; f < k->nfns; f++) {
		const pvh_fn *x = &k->fns[f];
		tlc_buf_puts(b, f ? ",{\"t\":[" : "{\"t\":[");
		for (size_t i = 0; i < x->n[li]; i++)
			tlc_buf_printf(b, i ? ",%lld" : "%lld", (long long)x->t[li][i]);
		tlc_buf_puts(b, "],\"s\":[");
		for (size_t i = 0; i < x->n[li]; i++)
			tlc_buf_printf(b, i ? ",%zu" : "%zu", x->s[li][i]);
		tlc_buf_puts(b, "]}");
	}
	tlc_buf_puts(b, "]");
}

void pvh_write_views(const pvh_kit *k, tlc_buf *b)
{
	tlc_buf_puts(b, "\"views\":[");
	for (size_t v = 0; v < k->nviews; v++) {
		tlc_buf_puts(b, v ? ",[" : "[");
		for (size_t i = 0; i < k->views[v].nparts; i++)
			tlc_buf_printf(b, i ? ",%ld" : "%ld", k->views[v].parts[i]);
		tlc_buf_putc(b, ']');
	}
	tlc_buf_puts(b, "],");
	write_live(k, b);
	tlc_buf_puts(b, "\"byLocale\":{");
	for (size_t li = 0; li < k->nlocales; li++) {
		if (li)
			tlc_buf_putc(b, ',');
		pvh_jkey(b, k->locales[li]);
		tlc_buf_putc(b, '{');
		write_locale(k, b, li);
		tlc_buf_puts(b, ",\"slots\":[");
		for (size_t v = 0; v < k->nviews; v++) {
			tlc_buf_puts(b, v ? ",[" : "[");
			for (size_t s = 0; s < k->views[v].nslots; s++)
				tlc_buf_printf(b, s ? ",%zu" : "%zu", k->views[v].slots[li][s]);
			tlc_buf_putc(b, ']');
		}
		tlc_buf_puts(b, "]}");
	}
	tlc_buf_putc(b, '}');
}

static void html_text(tlc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			tlc_buf_puts(b, "&lt;");
		else if (*s == '>')
			tlc_buf_puts(b, "&gt;");
		else if (*s == '&')
			tlc_buf_puts(b, "&amp;");
		else if (*s == '"')
			tlc_buf_puts(b, "&quot;");
		else
			tlc_buf_putc(b, *s);
	}
}

void pvh_flush(pvh_out *o, bool all)
{
	if (o->rc == 0 && tlc_buf_oom(&o->buf))
		o->rc = TLC_ENOMEM;
	if (o->rc != 0 || !o->buf.len || (!all && (!o->chunk || o->buf.len < o->chunk)))
		return;
	if (o->sink(o->ud, o->buf.ptr, o->buf.len) < 0)
		o->rc = -1;
	tlc_buf_clear(&o->buf);
}

int pvh_fill_template(FILE *err, pvh_out *o, const char *title,
		      void (*write_data)(void *ud, pvh_out *o), void *ud, bool *told)
{
	tlc_buf *out = &o->buf;
	bool data_done = false;
	if (!tlc_preview_page[0]) {
		fputs("timelinec: error: this timelinec was built without the page template "
		      "(compiler/preview/preview.html: the Makefile's PREVIEW_PAGE rule)\n", err);
		*told = true;
		return TLC_ENOTFOUND;
	}
	for (size_t i = 0; tlc_preview_page[i]; i++) {
		const char *line = tlc_preview_page[i], *m;
		while ((m = strstr(line, "@@")) != NULL) {
			tlc_buf_put(out, line, (size_t)(m - line));
			if (strncmp(m, "@@TITLE@@", 9) == 0) {
				html_text(out, title);
				line = m + 9;
			} else if (strncmp(m, "@@DATA@@", 8) == 0) {
				pvh_flush(o, false);
				write_data(ud, o);
				pvh_flush(o, false);
				data_done = true;
				line = m + 8;
			} else {
				tlc_buf_put(out, "@@", 2);
				line = m + 2;
			}
		}
		tlc_buf_puts(out, line);
	}
	pvh_flush(o, true);
	if (o->rc == -1)
		*told = true; /* the sink said why */
	return o->rc ? o->rc : data_done ? 0 : TLC_EINVAL;
}

/* ---- the widget page ------------------------------------------------------------------------ */

typedef struct page {
	const preview *pv;
	pvh_kit kit;
	tlc_family_id fams[TLC_FAM_MAX];
	size_t nfams;
	long *entry_view;         /* nentries x ncountdowns x nfams */
	unsigned *cut;            /* nentries x nlocales: bit f set when family fams[f] cuts the
				     texts at the entry's start (families.h, as check's TL115) */
} page;

static const tlc_family_id standard_fams[] = {TLC_FAM_SMALL, TLC_FAM_MEDIUM, TLC_FAM_INLINE,
					       TLC_FAM_RECTANGULAR};

static void pick_families(page *pg)
{
	bool on[TLC_FAM_MAX] = {false};
	const tlc_program *p = pg->pv->p;
	for (size_t i = 0; i < sizeof standard_fams / sizeof standard_fams[0]; i++)
		on[standard_fams[i]] = true;
	for (size_t c = 0; c < p->ncountdowns; c++) {
		const tlc_prog_countdown *cd = &p->countdowns[c];
		for (size_t k = 0; k < cd->nphases; k++)
			for (int f = 1; f < TLC_FAM_MAX; f++)
				if (cd->phases[k].views[f].present)
					on[f] = true;
		for (int f = 1; f < TLC_FAM_MAX; f++)
			if (cd->has_stale && cd->stale_views[f].present)
				on[f] = true;
	}
	for (int f = 1; f < TLC_FAM_MAX; f++)
		if (on[f])
			pg->fams[pg->nfams++] = (tlc_family_id)f;
}

/* The text of one run at t through display.c. */
static int run_text(const page *pg, tlc_buf *out, const tlc_tl_run *r, const char *locale,
		    tlc_time t)
{
	tlc_tl_view one;
	memset(&one, 0, sizeof one);
	one.runs[TLC_FAM_DEFAULT] = (tlc_tl_run *)r;
	one.nruns[TLC_FAM_DEFAULT] = 1;
	return tlc_display_view(out, NULL, pg->pv->render, pg->pv->tl, &one, TLC_FAM_DEFAULT, locale, t,
				pg->pv->dz);
}

/* The kit's callbacks: a {relative}/{offset} run and a {timer} through display.c. */
static int widget_fn_text(pvh_kit *k, tlc_buf *out, const pvh_fn *f, size_t li, tlc_time t)
{
	const page *pg = k->ud;
	tlc_tl_run r;
	memset(&r, 0, sizeof r);
	r.kind = f->kind;
	r.target = f->target;
	r.style = f->style;
	r.from = TLC_TIME_NONE;
	r.pause = TLC_TIME_NONE;
	tlc_buf_clear(out);
	return run_text(pg, out, &r, k->locales[li], t);
}

static int widget_timer(pvh_kit *k, tlc_buf *out, size_t li, uint64_t secs)
{
	const page *pg = k->ud;
	const tlc_time base = 1700000000;
	tlc_tl_run r;
	memset(&r, 0, sizeof r);
	r.kind = TLC_RUN_TIMER;
	r.pause = TLC_TIME_NONE;
	r.from = TLC_TIME_NONE;
	r.target = base + (tlc_time)secs;
	tlc_buf_clear(out);
	return run_text(pg, out, &r, k->locales[li], base);
}

static bool is_static(tlc_run_kind k)
{
	return k == TLC_RUN_TEXT || k == TLC_RUN_MESSAGE || k == TLC_RUN_DATE || k == TLC_RUN_TIME;
}

static ptrdiff_t add_live(page *pg, const tlc_tl_run *r, tlc_time lo, tlc_time hi)
{
	return pvh_add_live(&pg->kit, r->kind, r->target, r->from, r->pause, lo, hi,
			    tlc_run_is_ios18(r->kind) ? &r->style : NULL);
}

/* The view of (entry k, countdown c, family fam): its index, or -1 when it shows nothing. */
static long add_view(page *pg, size_t k, size_t c, tlc_family_id fam)
{
	const tlc_timeline *tl = pg->pv->tl;
	const tlc_tl_view *v = &tl->entries[k].views[c];
	const tlc_tl_run *runs = v->runs[fam] ? v->runs[fam] : v->runs[TLC_FAM_DEFAULT];
	size_t n = v->runs[fam] ? v->nruns[fam] : v->nruns[TLC_FAM_DEFAULT];
	tlc_time lo = tl->entries[k].date;
	tlc_time hi = k + 1 < tl->nentries ? tl->entries[k + 1].date : pg->pv->until + 1;
	tlc_buf *key = &pg->kit.key;
	bool added;
	if (!n)
		return -1;
	/* the key: everything display.c reads from the runs */
	tlc_buf_clear(key);
	for (size_t i = 0; i < n; i++) {
		const tlc_tl_run *r = &runs[i];
		tlc_buf_printf(key, "|%d", (int)r->kind);
		if (r->kind == TLC_RUN_TEXT)
			tlc_buf_printf(key, ":%zu:%s", strlen(r->text), r->text);
		else if (r->kind == TLC_RUN_MESSAGE) {
			tlc_buf_printf(key, ":%u", r->message);
			for (int u = 0; u < TLC_UNIT_COUNT; u++)
				tlc_buf_printf(key, ",%lld", (long long)r->args[u]);
			for (size_t f = 0; r->event && f < r->event->countdown->nfields; f++)
				tlc_buf_printf(key, ";%zu:%s", strlen(r->event->values[f]),
					       r->event->values[f]); /* the item's fields */
		} else
			tlc_buf_printf(key, ":%lld:%lld:%lld", (long long)r->target, (long long)r->from,
				       (long long)r->pause);
	}
	ptrdiff_t vi = pvh_add_view(&pg->kit, &added);
	if (vi < 0)
		return -2;
	if (!added) {
		/* widen the stretches of its {relative}/{offset} parts */
		for (size_t i = 0; i < n; i++)
			if (!is_static(runs[i].kind) && add_live(pg, &runs[i], lo, hi) < 0)
				return -2;
		return (long)vi;
	}
	pvh_view *w = &pg->kit.views[vi];
	w->src = v;
	w->fam = fam;
	w->at = lo;
	w->parts = calloc(n, sizeof *w->parts);
	if (!w->parts)
		return -2;
	bool in_static = false;
	for (size_t i = 0; i < n; i++) {
		if (is_static(runs[i].kind)) {
			if (!in_static)
				w->parts[w->nparts++] = (long)w->nslots++;
			in_static = true;
			continue;
		}
		in_static = false;
		ptrdiff_t li = add_live(pg, &runs[i], lo, hi);
		if (li < 0)
			return -2;
		w->parts[w->nparts++] = -1 - (long)li;
	}
	return (long)vi;
}

/* The static slots of view w in locale li: rendered once, interned. */
static int view_slots(page *pg, pvh_view *w, size_t li)
{
	const tlc_tl_view *v = w->src;
	const tlc_tl_run *runs = v->runs[w->fam] ? v->runs[w->fam] : v->runs[TLC_FAM_DEFAULT];
	size_t n = v->runs[w->fam] ? v->nruns[w->fam] : v->nruns[TLC_FAM_DEFAULT];
	const char *loc = pg->pv->locales[li];
	tlc_buf b = TLC_BUF_INIT;
	size_t slot = 0;
	int rc = 0;
	w->slots[li] = calloc(w->nslots ? w->nslots : 1, sizeof **w->slots);
	if (!w->slots[li])
		return TLC_ENOMEM;
	for (size_t i = 0; i <= n && rc == 0; i++) {
		if (i < n && is_static(runs[i].kind)) {
			rc = run_text(pg, &b, &runs[i], loc, w->at);
			if (i + 1 < n && is_static(runs[i + 1].kind))
				continue;
			ptrdiff_t s = pvh_intern_add(&pg->kit.strings[li], b.ptr, b.len, NULL);
			if (s < 0)
				rc = TLC_ENOMEM;
			else
				w->slots[li][slot++] = (size_t)s;
			tlc_buf_clear(&b);
		}
	}
	tlc_buf_release(&b);
	return rc;
}

static int self_check(page *pg)
{
	const preview *pv = pg->pv;
	const tlc_timeline *tl = pv->tl;
	size_t nc = pv->p->ncountdowns, stride = tl->nentries / MAX_CHECKED_ENTRIES + 1;
	tlc_buf want = TLC_BUF_INIT, got = TLC_BUF_INIT;
	int rc = 0;
	for (size_t k = 0; k < tl->nentries && rc == 0; k++) {
		tlc_time a = tl->entries[k].date;
		tlc_time b = k + 1 < tl->nentries ? tl->entries[k + 1].date : pv->until + 1;
		tlc_time at[5] = {a, a + 1, a + (b - a) / 2, b - 61, b - 1};
		bool sampled = k % stride == 0 || k + 1 == tl->nentries;
		for (size_t c = 0; c < nc && rc == 0; c++)
			for (size_t f = 0; f < pg->nfams && rc == 0; f++) {
				long vi = pg->entry_view[(k * nc + c) * pg->nfams + f];
				bool has_live = vi >= 0 && pg->kit.views[vi].nparts != pg->kit.views[vi].nslots;
				if (!sampled && !(has_live && k % 7 == 0))
					continue;
				for (size_t li = 0; li < pv->nlocales && rc == 0; li++)
					for (int i = 0; i < (has_live ? 5 : 1) && rc == 0; i++) {
						if (at[i] < a || at[i] >= b)
							continue;
						tlc_buf_clear(&want);
						tlc_buf_clear(&got);
						rc = pv_view_text(pv, &want, k, c, pg->fams[f], pv->locales[li], at[i]);
						pvh_view_text(&pg->kit, &got, vi, li, at[i]);
						if (rc == 0 && !pvh_buf_eq(&want, &got)) {
							char iso[32];
							tlc_format_rfc3339(iso, at[i]);
							fprintf(pg->kit.err, "timelinec: internal error: at %s the page would "
									"read '%s' for %s/%s [%s], the renderer '%s'\n",
								iso, got.ptr, pv->p->countdowns[c].id,
								tlc_family_name(pg->fams[f]), pv->locales[li], want.ptr);
							pg->kit.told = true;
							rc = TLC_EINVAL;
						}
					}
			}
	}
	tlc_buf_release(&want);
	tlc_buf_release(&got);
	return rc;
}

/* The page's data, part by part, each handed on as it is written (pvh_flush). */

/* What the page is of: the widget, now, the zone, the span, the policy and budget, locales. */
static void write_head(const page *pg, tlc_buf *b, const char *initial)
{
	const preview *pv = pg->pv;
	const tlc_timeline *tl = pv->tl;
	char iso[32];
	tlc_buf_puts(b, "{\"format\":\"timelinec-preview\",\"version\":1,\"kind\":\"widget\",");
	pvh_jkey(b, "generator");
	tlc_buf_printf(b, "\"timelinec %s\",", tlc_version());
	pvh_jkey(b, "widget");
	pvh_jstr(b, pv->p->widget);
	tlc_buf_putc(b, ',');
	pvh_jkey(b, "source");
	pvh_jstr(b, pv->path);
	tlc_buf_printf(b, ",\"now\":%lld,", (long long)pv->io.now);
	tlc_format_rfc3339(iso, pv->io.now);
	pvh_jkey(b, "nowText");
	pvh_jstr(b, iso);
	tlc_buf_putc(b, ',');
	pvh_jkey(b, "nowWhy");
	pvh_jstr(b, pv->now_why);
	tlc_buf_putc(b, ',');
	pvh_jkey(b, "zone");
	pvh_jstr(b, tlc_zone_name(pv->dz));
	tlc_buf_putc(b, ',');
	pvh_write_zone(b, pv->dz, pv->tl->start, pv->until);
	tlc_buf_printf(b, "\"start\":%lld,\"end\":%lld,\"until\":%lld,", (long long)tl->start,
		       (long long)tl->end, (long long)pv->until);
	pvh_jkey(b, "policy");
	pvh_jstr(b, pv_policy_name(tl->policy));
	tlc_buf_puts(b, ",\"policyDate\":");
	pvh_jtime(b, tl->policy == TLC_POLICY_AFTER ? tl->policy_date : TLC_TIME_NONE);
	tlc_buf_puts(b, ",\"budget\":{");
	pvh_jkey(b, "name");
	pvh_jstr(b, pv->budget.name);
	tlc_buf_printf(b, ",\"reloadsPerDay\":%d,\"reloadLateness\":%lld,\"minGap\":%lld,"
			  "\"entryLateness\":%lld,\"tolerance\":%lld},",
		       pv->budget.reloads_per_day, (long long)pv->budget.reload_lateness,
		       (long long)pv->budget.min_gap, (long long)pv->budget.entry_lateness,
		       (long long)pv->budget.tolerance);
	tlc_buf_printf(b, "\"paramDomain\":%s,", pv->param_domain ? "true" : "false");
	pvh_jkey(b, "locales");
	tlc_buf_putc(b, '[');
	for (size_t i = 0; i < pv->nlocales; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, pv->locales[i]);
	}
	tlc_buf_puts(b, "],");
	pvh_jkey(b, "initialLocale");
	pvh_jstr(b, initial ? initial : pv->locales[0]);
	tlc_buf_puts(b, ",\"families\":[");
	for (size_t f = 0; f < pg->nfams; f++) {
		if (f)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, tlc_family_name(pg->fams[f]));
	}
	tlc_buf_puts(b, "],");
}

/* The countdowns and the names of their phases. */
static void write_countdowns(const page *pg, tlc_buf *b)
{
	const preview *pv = pg->pv;
	const tlc_program *p = pv->p;
	char ph[96];
	tlc_buf_puts(b, "\"countdowns\":[");
	for (size_t c = 0; c < p->ncountdowns; c++) {
		const tlc_prog_countdown *cd = &p->countdowns[c];
		tlc_buf_puts(b, c ? ",{" : "{");
		pvh_jkey(b, "id");
		pvh_jstr(b, cd->id);
		tlc_buf_puts(b, ",\"phases\":[");
		for (size_t k = 0; k < cd->nphases; k++) {
			if (k)
				tlc_buf_putc(b, ',');
			pv_phase_name(pv, ph, sizeof ph, c, (int32_t)k);
			pvh_jstr(b, ph);
		}
		tlc_buf_puts(b, "]}");
	}
	tlc_buf_puts(b, "],");
}

/* The entries, one array per column (dates, relevance, phases, views, cut families): the
 * largest part, handed on as it grows. */
static void write_entries(const page *pg, pvh_out *o)
{
	const preview *pv = pg->pv;
	const tlc_timeline *tl = pv->tl;
	size_t nc = pv->p->ncountdowns;
	tlc_buf *b = &o->buf;
	tlc_buf_puts(b, "\"entries\":{\"date\":[");
	for (size_t k = 0; k < tl->nentries; k++, pvh_flush(o, false))
		tlc_buf_printf(b, k ? ",%lld" : "%lld", (long long)tl->entries[k].date);
	tlc_buf_puts(b, "],\"relevance\":[");
	for (size_t k = 0; k < tl->nentries; k++, pvh_flush(o, false))
		tlc_buf_printf(b, k ? ",%g" : "%g", tl->entries[k].relevance);
	tlc_buf_puts(b, "],\"relevanceEnd\":[");
	for (size_t k = 0; k < tl->nentries; k++, pvh_flush(o, false))
		tlc_buf_printf(b, k ? ",%lld" : "%lld",
			       (long long)(tl->entries[k].date + tl->entries[k].relevance_duration));
	tlc_buf_puts(b, "],\"phase\":[");
	for (size_t k = 0; k < tl->nentries; k++, pvh_flush(o, false))
		for (size_t c = 0; c < nc; c++)
			tlc_buf_printf(b, k || c ? ",%d" : "%d", (int)tl->entries[k].views[c].phase);
	tlc_buf_puts(b, "],\"view\":[");
	for (size_t i = 0; i < tl->nentries * nc * pg->nfams; i++, pvh_flush(o, false))
		tlc_buf_printf(b, i ? ",%ld" : "%ld", pg->entry_view[i]);
	tlc_buf_puts(b, "],\"cut\":[");
	for (size_t i = 0; i < tl->nentries * pv->nlocales; i++, pvh_flush(o, false))
		tlc_buf_printf(b, i ? ",%u" : "%u", pg->cut[i]);
	tlc_buf_puts(b, "]},");
}

/* The device over time: the reloads and the stretches it shows out-of-date texts. */
static void write_device(const page *pg, tlc_buf *b)
{
	const preview *pv = pg->pv;
	tlc_buf_puts(b, ",\"reloads\":[");
	for (size_t i = 0; i < pv->nreloads; i++) {
		const pv_reload *r = &pv->reloads[i];
		tlc_buf_printf(b, "%s{\"timeline\":%zu,\"made\":%lld,\"asked\":%lld,\"arrives\":", i ? "," : "",
			       r->timeline, (long long)r->made,
			       (long long)(r->asked > r->made ? r->asked : r->made));
		pvh_jtime(b, r->arrives);
		tlc_buf_puts(b, ",\"policy\":");
		pvh_jstr(b, pv_policy_name(r->policy));
		tlc_buf_printf(b, ",\"loop\":%s}", r->loop ? "true" : "false");
	}
	tlc_buf_puts(b, "],\"stale\":[");
	for (size_t i = 0; i < pv->nstale; i++) {
		const pv_stale *s = &pv->stale[i];
		tlc_buf_printf(b, "%s{\"from\":%lld,\"to\":%lld,\"countdown\":%d,\"timeline\":%zu,"
				  "\"noReload\":%s}", i ? "," : "", (long long)s->from, (long long)s->to,
			       s->countdown, s->timeline, s->no_reload ? "true" : "false");
	}
	tlc_buf_puts(b, "],");
}

/* check's findings, as the page lists them. */
static void write_findings(const page *pg, tlc_buf *b)
{
	const preview *pv = pg->pv;
	tlc_buf_puts(b, "\"findings\":[");
	for (size_t i = 0; i < pv->nfindings; i++) {
		const pv_finding *f = &pv->findings[i];
		tlc_buf_puts(b, i ? ",{" : "{");
		pvh_jkey(b, "rule");
		pvh_jstr(b, f->rule);
		tlc_buf_putc(b, ',');
		pvh_jkey(b, "sev");
		pvh_jstr(b, sev_word(f->sev));
		tlc_buf_putc(b, ',');
		pvh_jkey(b, "message");
		pvh_jstr(b, f->message);
		tlc_buf_putc(b, ',');
		pvh_jkey(b, "file");
		if (f->file)
			pvh_jstr(b, f->file);
		else
			tlc_buf_puts(b, "null");
		tlc_buf_printf(b, ",\"line\":%u,\"col\":%u,\"first\":", f->line, f->col);
		pvh_jtime(b, f->has_timing ? f->first : TLC_TIME_NONE);
		tlc_buf_puts(b, ",\"worst\":");
		if (f->has_timing && f->worst != INT64_MAX)
			tlc_buf_printf(b, "%lld", (long long)f->worst);
		else
			tlc_buf_puts(b, "null");
		tlc_buf_printf(b, ",\"count\":%zu}", f->count);
	}
	tlc_buf_puts(b, "]}");
}

static void write_data(page *pg, pvh_out *o, const char *initial)
{
	write_head(pg, &o->buf, initial);
	write_countdowns(pg, &o->buf);
	pvh_flush(o, false);
	write_entries(pg, o);
	pvh_write_views(&pg->kit, &o->buf);
	pvh_flush(o, false);
	write_device(pg, &o->buf);
	pvh_flush(o, false);
	write_findings(pg, &o->buf);
}

typedef struct widget_fill {
	page *pg;
	const char *initial;
} widget_fill;

static void widget_write(void *ud, pvh_out *o)
{
	widget_fill *w = ud;
	write_data(w->pg, o, w->initial);
}

static void page_free(page *pg)
{
	pvh_kit_free(&pg->kit);
	free(pg->entry_view);
	free(pg->cut);
}

/* Which families cut the texts of each entry, in each locale (the model of check's TL115). */
static int find_cuts(page *pg)
{
	const preview *pv = pg->pv;
	const tlc_timeline *tl = pv->tl;
	size_t nc = pv->p->ncountdowns;
	tlc_buf *b = calloc(nc ? nc : 1, sizeof *b);
	const char **texts = calloc(nc ? nc : 1, sizeof *texts);
	for (size_t c = 0; b && c < nc; c++)
		tlc_buf_init(&b[c]); /* ptr "" (a zeroed buffer's is NULL) */
	int rc = b && texts ? 0 : TLC_ENOMEM;
	for (size_t k = 0; rc == 0 && k < tl->nentries; k++)
		for (size_t li = 0; rc == 0 && li < pv->nlocales; li++)
			for (size_t f = 0; rc == 0 && f < pg->nfams; f++) {
				for (size_t c = 0; rc == 0 && c < nc; c++) {
					tlc_buf_clear(&b[c]);
					if (tlc_display_view(&b[c], NULL, pv->render, tl, &tl->entries[k].views[c],
							     pg->fams[f], pv->locales[li], tl->entries[k].date,
							     pv->dz) == TLC_ENOMEM)
						rc = TLC_ENOMEM;
					texts[c] = b[c].ptr;
				}
				if (rc == 0 && !tlc_family_fits(pg->fams[f], texts, nc, NULL))
					pg->cut[k * pv->nlocales + li] |= 1u << f;
			}
	for (size_t c = 0; b && c < nc; c++)
		tlc_buf_release(&b[c]);
	free(b);
	free(texts);
	return rc;
}

static int build(page *pg)
{
	const preview *pv = pg->pv;
	const tlc_timeline *tl = pv->tl;
	size_t nc = pv->p->ncountdowns, nl = pv->nlocales;
	int rc;
	pick_families(pg);
	pg->entry_view = calloc(tl->nentries * nc * pg->nfams + 1, sizeof *pg->entry_view);
	pg->cut = calloc(tl->nentries * nl + 1, sizeof *pg->cut);
	if (!pg->entry_view || !pg->cut || (rc = pvh_kit_init(&pg->kit)) < 0)
		return TLC_ENOMEM;
	if ((rc = find_cuts(pg)) < 0)
		return rc;
	for (size_t k = 0; k < tl->nentries; k++)
		for (size_t c = 0; c < nc; c++)
			for (size_t f = 0; f < pg->nfams; f++) {
				long v = add_view(pg, k, c, pg->fams[f]);
				if (v < -1)
					return TLC_ENOMEM;
				pg->entry_view[(k * nc + c) * pg->nfams + f] = v;
			}
	for (size_t v = 0; v < pg->kit.nviews; v++) {
		pvh_view *w = &pg->kit.views[v];
		if (!(w->slots = calloc(nl, sizeof *w->slots)))
			return TLC_ENOMEM;
		for (size_t li = 0; li < nl; li++)
			if ((rc = view_slots(pg, w, li)) < 0)
				return rc;
	}
	if ((rc = pvh_kit_render(&pg->kit)) < 0)
		return rc;
	return self_check(pg);
}

int preview_html(const preview *pv, pvh_out *out, const char *initial_locale)
{
	page pg;
	memset(&pg, 0, sizeof pg);
	pg.pv = pv;
	pg.kit.err = pv->err;
	pg.kit.locales = pv->locales;
	pg.kit.nlocales = pv->nlocales;
	pg.kit.dz = pv->dz;
	pg.kit.fn_text = widget_fn_text;
	pg.kit.timer = widget_timer;
	pg.kit.ud = &pg;
	int rc = build(&pg);
	widget_fill wf = {&pg, initial_locale};
	if (rc == 0)
		rc = pvh_fill_template(pv->err, out, pv->p->widget, widget_write, &wf, &pg.kit.told);
	if (rc < 0 && !pg.kit.told)
		fprintf(pv->err, "timelinec: error: cannot build the page: %s\n", tlc_strerror(rc));
	page_free(&pg);
	return rc;
}
