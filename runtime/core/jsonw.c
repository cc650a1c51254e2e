/* The JSON writer; see jsonw.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "jsonw.h"
#include "timelinec/civil.h"

void jw_init(jsonw *w, tlc_buf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

static void jw_indent(jsonw *w)
{
	tlc_buf_putc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		tlc_buf_puts(w->out, "  ");
}

/* Separator and indentation before a value or a key. */
static void jw_pre(jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	bool was_first = w->first[w->depth];
	if (!was_first)
		tlc_buf_putc(w->out, ',');
	w->first[w->depth] = false;
	if (!w->compact[w->depth])
		jw_indent(w);
	else if (!was_first)
		tlc_buf_putc(w->out, ' ');
}

static void jw_open(jsonw *w, char c, bool compact)
{
	jw_pre(w);
	tlc_buf_putc(w->out, c);
	if (w->depth + 1 < JSONW_MAX_DEPTH)
		w->depth++;
	w->first[w->depth] = true;
	w->compact[w->depth] = compact || w->compact[w->depth - 1];
}

static void jw_close(jsonw *w, char c)
{
	bool empty = w->first[w->depth], compact = w->compact[w->depth];
	w->depth--;
	if (!empty && !compact)
		jw_indent(w);
	tlc_buf_putc(w->out, c);
	if (w->depth == 0)
		tlc_buf_putc(w->out, '\n');
}

void jw_obj(jsonw *w) { jw_open(w, '{', false); }
void jw_obj_compact(jsonw *w) { jw_open(w, '{', true); }
void jw_end_obj(jsonw *w) { jw_close(w, '}'); }
void jw_arr(jsonw *w) { jw_open(w, '[', false); }
void jw_arr_compact(jsonw *w) { jw_open(w, '[', true); }
void jw_end_arr(jsonw *w) { jw_close(w, ']'); }

void jw_key(jsonw *w, const char *k)
{
	jw_pre(w);
	tlc_buf_put_json_string(w->out, k, strlen(k));
	tlc_buf_puts(w->out, ": ");
	w->after_key = true;
}

void jw_str(jsonw *w, const char *s)
{
	jw_pre(w);
	if (s)
		tlc_buf_put_json_string(w->out, s, strlen(s));
	else
		tlc_buf_puts(w->out, "null");
}

void jw_int(jsonw *w, int64_t v)
{
	jw_pre(w);
	tlc_buf_printf(w->out, "%lld", (long long)v);
}

/*
 * printf's %g writes the C locale's decimal point: an app that called setlocale(LC_ALL,
 * "de_DE.UTF-8") gets "12,75". The number is formatted and read back in whatever locale is
 * current (so the two agree), then the decimal point, whatever its bytes, is written as '.'.
 */
static void put_decimal(tlc_buf *out, const char *b)
{
	const char *p = b;
	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	tlc_buf_put(out, b, (size_t)(p - b));
	if (*p && *p != 'e' && *p != 'E') { /* the decimal point: up to the next digit */
		tlc_buf_puts(out, ".");
		while (*p && !(*p >= '0' && *p <= '9'))
			p++;
	}
	tlc_buf_puts(out, p);
}

void jw_num(jsonw *w, double v)
{
	char b[64];
	jw_pre(w);
	if (!isfinite(v)) { /* JSON has no infinity or NaN; callers refuse them before */
		tlc_buf_puts(w->out, "null");
		return;
	}
	if (v > -1e15 && v < 1e15 && v == (double)(long long)v) { /* range first: the cast */
		tlc_buf_printf(w->out, "%lld", (long long)v);
		return;
	}
	/* the shortest of %.15g..%.17g that reads back the same */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(b, sizeof b, "%.*g", prec, v);
		double back;
		if (sscanf(b, "%lf", &back) == 1 && back == v)
			break;
	}
	put_decimal(w->out, b);
}

void jw_raw(jsonw *w, const char *json)
{
	jw_pre(w);
	tlc_buf_puts(w->out, json);
}

void jw_bool(jsonw *w, bool v)
{
	jw_pre(w);
	tlc_buf_puts(w->out, v ? "true" : "false");
}

void jw_null(jsonw *w)
{
	jw_pre(w);
	tlc_buf_puts(w->out, "null");
}

void tlc__format_rfc3339(char buf[32], int64_t t) { tlc_format_rfc3339(buf, t); }

void jw_time(jsonw *w, int64_t t)
{
	char b[32];
	tlc__format_rfc3339(b, t);
	jw_str(w, b);
}
