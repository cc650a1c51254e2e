/* Diagnostics list and renderers; see diag.h. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/rules.h"
#include "timelinec/civil.h"

void tlc_diags_init(tlc_diags *d) { memset(d, 0, sizeof *d); }

static void diag_free_fields(tlc_diag *g)
{
	free(g->message);
	free(g->fix);
	free(g->related_note);
	free(g->justification);
}

void tlc_diag_remove(tlc_diags *d, size_t i)
{
	if (i >= d->n)
		return;
	d->count[d->v[i].sev]--;
	diag_free_fields(&d->v[i]);
	memmove(&d->v[i], &d->v[i + 1], (d->n - i - 1) * sizeof *d->v);
	d->n--;
}

void tlc_diags_release(tlc_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		diag_free_fields(&d->v[i]);
	free(d->v);
	tlc_diags_init(d);
}

/* The length of the UTF-8 sequence at s (n bytes left), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
		 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (!k || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, surrogate, past U+10FFFF */
	return k;
}

void tlc_diag_escape(tlc_buf *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		size_t k = utf8_len(s + i, n - i);
		if (k == 1 && s[i] >= 0x20 && s[i] != 0x7F) {
			size_t j = i + 1; /* a run of plain ASCII at once */
			while (j < n && s[j] >= 0x20 && s[j] < 0x7F)
				j++;
			tlc_buf_put(out, str + i, j - i);
			i = j;
		} else if (k == 1) {
			if (s[i] == '\n')
				tlc_buf_puts(out, "\\n");
			else if (s[i] == '\t')
				tlc_buf_puts(out, "\\t");
			else if (s[i] == '\r')
				tlc_buf_puts(out, "\\r");
			else
				tlc_buf_printf(out, "\\x%02x", s[i]);
			i++;
		} else if (k == 2 && s[i] == 0xC2 && s[i + 1] <= 0x9F) { /* C1: U+0080..U+009F */
			tlc_buf_printf(out, "\\u%04x", s[i + 1]);
			i += 2;
		} else if (k == 3 && s[i] == 0xE2 && ((s[i + 1] == 0x80 && s[i + 2] >= 0xA8 && s[i + 2] <= 0xAE) ||
						      (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9))) {
			/* U+2028, U+2029 (line breaks) and the bidirectional controls U+202A..202E,
			 * U+2066..2069, which can make a line read otherwise than it is */
			tlc_buf_printf(out, "\\u%04x", 0x2000 + ((s[i + 1] & 0x3F) << 6) + (s[i + 2] & 0x3F));
			i += 3;
		} else if (k == 0) {
			tlc_buf_printf(out, "\\x%02x", s[i]);
			i++;
		} else {
			tlc_buf_put(out, str + i, k);
			i += k;
		}
	}
}

static char *diag_vformat(const char *fmt, va_list ap)
{
	tlc_buf raw = TLC_BUF_INIT, b = TLC_BUF_INIT;
	tlc_buf_vprintf(&raw, fmt, ap);
	if (tlc_buf_oom(&raw)) {
		tlc_buf_release(&raw);
		return NULL;
	}
	tlc_diag_escape(&b, raw.ptr, raw.len);
	tlc_buf_release(&raw);
	return tlc_buf_detach(&b);
}

tlc_diag *tlc_diag_vadd(tlc_diags *d, const char *rule, tlc_span span, const char *fmt, va_list ap)
{
	const tlc_rule *r = tlc_rule_find(rule);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		tlc_diag *v = realloc(d->v, cap * sizeof *v);
		if (!v) {
			d->oom = 1;
			return NULL;
		}
		d->v = v;
		d->cap = cap;
	}
	tlc_diag *g = &d->v[d->n];
	memset(g, 0, sizeof *g);
	g->rule = r ? r->id : "TL000";
	g->sev = r ? r->sev : TLC_SEV_ERROR;
	g->span = span;
	g->message = diag_vformat(fmt, ap);
	if (!g->message) {
		d->oom = 1;
		return NULL;
	}
	d->count[g->sev]++;
	d->n++;
	return g;
}

void tlc_diag_set_severity(tlc_diags *d, tlc_diag *g, tlc_severity sev)
{
	if (!g || g->sev == sev)
		return;
	d->count[g->sev]--;
	d->count[sev]++;
	g->sev = sev;
}

tlc_diag *tlc_diag_add(tlc_diags *d, const char *rule, tlc_span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tlc_diag *g = tlc_diag_vadd(d, rule, span, fmt, ap);
	va_end(ap);
	return g;
}

void tlc_diag_set_fix(tlc_diag *g, const char *fmt, ...)
{
	if (!g)
		return;
	va_list ap;
	va_start(ap, fmt);
	free(g->fix);
	g->fix = diag_vformat(fmt, ap);
	va_end(ap);
}

void tlc_diag_set_related(tlc_diag *g, tlc_span span, const char *fmt, ...)
{
	if (!g)
		return;
	va_list ap;
	va_start(ap, fmt);
	free(g->related_note);
	g->related = span;
	g->related_note = diag_vformat(fmt, ap);
	va_end(ap);
}

static int diag_cmp(const void *a, const void *b)
{
	const tlc_diag *x = a, *y = b;
	if (x->span.file != y->span.file)
		return x->span.file < y->span.file ? -1 : 1;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	int c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	return strcmp(x->message, y->message);
}

void tlc_diags_sort(tlc_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, diag_cmp);
	/* the same finding from several replays (parameter samples) is reported once */
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (k && d->v[i].span.file == d->v[k - 1].span.file &&
		    d->v[i].span.start == d->v[k - 1].span.start &&
		    d->v[i].span.end == d->v[k - 1].span.end &&
		    strcmp(d->v[i].rule, d->v[k - 1].rule) == 0) {
			diag_free_fields(&d->v[i]);
			continue;
		}
		d->v[k++] = d->v[i];
	}
	d->n = k;
}

const char *tlc_severity_name(tlc_severity s)
{
	switch (s) {
	case TLC_SEV_NOTE: return "note";
	case TLC_SEV_WARNING: return "warning";
	case TLC_SEV_ERROR: return "error";
	default: return "none";
	}
}

static const char *sev_color(tlc_severity s)
{
	return s == TLC_SEV_ERROR ? "\033[1;31m" : s == TLC_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
}

static const char *display_name(const tlc_source *src)
{
	return strcmp(src->name, "-") == 0 ? "<stdin>" : src->name;
}

#define SNIPPET_MAX 120 /* bytes of a long source line shown around the caret */

/* The source line and a caret under [start, end) (clipped to the line); a long line is shown as
 * a window around the caret, marked with "...". */
static void render_snippet(tlc_buf *out, const tlc_source *src, tlc_span sp, int color)
{
	const char *ls;
	size_t ll;
	tlc_source_line(src, sp.start, &ls, &ll);
	size_t line_off = (size_t)(ls - src->text);
	if (sp.start < line_off) /* before line 1's text: a byte order mark */
		sp.start = line_off;
	if (sp.end < sp.start)
		sp.end = sp.start;
	size_t col0 = sp.start - line_off;
	size_t colE = sp.end > sp.start ? sp.end - (size_t)(ls - src->text) : col0 + 1;
	const char *lead = "", *trail = "";
	if (ll > SNIPPET_MAX) {
		size_t from = col0 > SNIPPET_MAX / 2 ? col0 - SNIPPET_MAX / 2 : 0;
		while (from > 0 && ((unsigned char)ls[from] & 0xC0) == 0x80)
			from--;
		size_t to = from + SNIPPET_MAX < ll ? from + SNIPPET_MAX : ll;
		while (to < ll && ((unsigned char)ls[to] & 0xC0) == 0x80)
			to++;
		lead = from ? "..." : "";
		trail = to < ll ? "..." : "";
		ls += from;
		ll = to - from;
		col0 -= from;
		colE -= from;
	}
	if (colE > ll)
		colE = ll > col0 ? ll : col0 + 1;
	tlc_buf_printf(out, "    %s", lead);
	for (size_t i = 0; i < ll;) { /* controls shown as '?': one column each, so the caret aligns */
		size_t k = utf8_len((const unsigned char *)ls + i, ll - i);
		unsigned char c = (unsigned char)ls[i];
		bool control = k == 0 || (k == 1 && ((c < 0x20 && c != '\t') || c == 0x7F)) ||
			       (k == 2 && c == 0xC2 && (unsigned char)ls[i + 1] <= 0x9F) ||
			       (k == 3 && c == 0xE2 &&
				(((unsigned char)ls[i + 1] == 0x80 && (unsigned char)ls[i + 2] >= 0xA8 &&
				  (unsigned char)ls[i + 2] <= 0xAE) ||
				 ((unsigned char)ls[i + 1] == 0x81 && (unsigned char)ls[i + 2] >= 0xA6 &&
				  (unsigned char)ls[i + 2] <= 0xA9)));
		if (control)
			tlc_buf_putc(out, '?');
		else
			tlc_buf_put(out, ls + i, k);
		i += k ? k : 1;
	}
	tlc_buf_printf(out, "%s\n    %s", trail, *lead ? "   " : "");
	for (size_t i = 0; i < col0 && i < ll; i++) {
		unsigned char c = (unsigned char)ls[i];
		if ((c & 0xC0) == 0x80)
			continue;
		tlc_buf_putc(out, c == '\t' ? '\t' : ' ');
	}
	if (color)
		tlc_buf_puts(out, "\033[1;32m");
	tlc_buf_putc(out, '^');
	for (size_t i = col0 + 1; i < colE; i++)
		if (((unsigned char)ls[i] & 0xC0) != 0x80)
			tlc_buf_putc(out, '~');
	if (color)
		tlc_buf_puts(out, "\033[0m");
	tlc_buf_putc(out, '\n');
}

static void render_location(tlc_buf *out, const tlc_sources *srcs, tlc_span sp, int color)
{
	const tlc_source *src = tlc_sources_get(srcs, sp.file);
	if (color)
		tlc_buf_puts(out, "\033[1m");
	if (!src) {
		tlc_buf_puts(out, "timelinec");
	} else if (src->len == 0) {
		/* unreadable or empty: no line to point at */
		tlc_diag_escape(out, display_name(src), strlen(display_name(src)));
	} else {
		unsigned line, col;
		tlc_source_linecol(src, sp.start, &line, &col);
		tlc_diag_escape(out, display_name(src), strlen(display_name(src)));
		tlc_buf_printf(out, ":%u:%u", line, col);
	}
	if (color)
		tlc_buf_puts(out, "\033[0m");
}

void tlc_diag_render_human(tlc_buf *out, const tlc_sources *srcs, const tlc_diag *g,
			   const tlc_render_opts *o)
{
	int color = o && o->color;
	render_location(out, srcs, g->span, color);
	tlc_buf_puts(out, ": ");
	if (color)
		tlc_buf_puts(out, sev_color(g->sev));
	tlc_buf_puts(out, tlc_severity_name(g->sev));
	if (color)
		tlc_buf_puts(out, "\033[0m\033[1m");
	tlc_buf_printf(out, ": %s [%s]", g->message, g->rule);
	if (color)
		tlc_buf_puts(out, "\033[0m");
	tlc_buf_putc(out, '\n');
	const tlc_source *src = tlc_sources_get(srcs, g->span.file);
	if (src && src->len)
		render_snippet(out, src, g->span, color);
	if (g->related_note) {
		render_location(out, srcs, g->related, color);
		tlc_buf_printf(out, ": note: %s\n", g->related_note);
		const tlc_source *rs = tlc_sources_get(srcs, g->related.file);
		if (rs && rs->len)
			render_snippet(out, rs, g->related, color);
	}
	if (g->fix)
		tlc_buf_printf(out, "    fix: %s\n", g->fix);
}

static void json_location(tlc_buf *out, const tlc_sources *srcs, tlc_span sp)
{
	const tlc_source *src = tlc_sources_get(srcs, sp.file);
	if (!src) {
		tlc_buf_puts(out, "null");
		return;
	}
	unsigned l0, c0, l1, c1;
	tlc_source_linecol(src, sp.start, &l0, &c0);
	tlc_source_linecol(src, sp.end > sp.start ? sp.end : sp.start, &l1, &c1);
	tlc_buf_puts(out, "{\"file\":");
	tlc_buf_put_json_string(out, display_name(src), strlen(display_name(src)));
	tlc_buf_printf(out, ",\"line\":%u,\"column\":%u,\"endLine\":%u,\"endColumn\":%u,"
			    "\"offset\":%u,\"length\":%u}",
		       l0, c0, l1, c1, sp.start, sp.end > sp.start ? sp.end - sp.start : 0);
}

void tlc_diag_render_json(tlc_buf *out, const tlc_sources *srcs, const tlc_diag *g)
{
	tlc_buf_puts(out, "{\"rule\":");
	tlc_buf_put_json_string(out, g->rule, strlen(g->rule));
	tlc_buf_printf(out, ",\"severity\":\"%s\",\"location\":", tlc_severity_name(g->sev));
	json_location(out, srcs, g->span);
	tlc_buf_puts(out, ",\"message\":");
	tlc_buf_put_json_string(out, g->message, strlen(g->message));
	tlc_buf_puts(out, ",\"fix\":");
	if (g->fix)
		tlc_buf_put_json_string(out, g->fix, strlen(g->fix));
	else
		tlc_buf_puts(out, "null");
	if (g->has_timing) {
		char first[32];
		tlc_format_rfc3339(first, g->first);
		tlc_buf_printf(out, ",\"timing\":{\"first\":\"%s\",\"worst\":", first);
		if (g->worst == INT64_MAX)
			tlc_buf_puts(out, "null");
		else
			tlc_buf_printf(out, "%lld", (long long)g->worst);
		tlc_buf_puts(out, ",\"tolerated\":");
		if (g->tolerated < 0)
			tlc_buf_puts(out, "null");
		else
			tlc_buf_printf(out, "%lld", (long long)g->tolerated);
		tlc_buf_printf(out, ",\"count\":%zu}", g->count);
	}
	tlc_buf_puts(out, ",\"related\":[");
	if (g->related_note) {
		tlc_buf_puts(out, "{\"location\":");
		json_location(out, srcs, g->related);
		tlc_buf_puts(out, ",\"message\":");
		tlc_buf_put_json_string(out, g->related_note, strlen(g->related_note));
		tlc_buf_putc(out, '}');
	}
	tlc_buf_puts(out, "]}");
}
