/* The growable string buffer; invariants in timelinec/buf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timelinec/buf.h"

const char tlc_buf__empty[1] = "";

void tlc_buf_init(tlc_buf *b)
{
	b->ptr = (char *)tlc_buf__empty;
	b->len = b->cap = 0;
	b->oom = false;
	b->limit = 0;
	b->over = false;
}

void tlc_buf_release(tlc_buf *b)
{
	if (b->cap)
		free(b->ptr);
	tlc_buf_init(b);
}

void tlc_buf_clear(tlc_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = 0;
}

int tlc_buf_grow(tlc_buf *b, size_t extra)
{
	if (b->oom)
		return TLC_ENOMEM;
	if (extra >= SIZE_MAX / 2 - b->len)
		goto fail;
	if (b->limit && b->len + extra > b->limit) {
		b->over = true;
		goto fail;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap += cap / 2;
	char *p = b->cap ? realloc(b->ptr, cap) : malloc(cap);
	if (!p)
		goto fail;
	if (!b->cap)
		p[0] = 0;
	b->ptr = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = true;
	return TLC_ENOMEM;
}

void tlc_buf_put(tlc_buf *b, const char *s, size_t n)
{
	if (tlc_buf_grow(b, n) < 0)
		return;
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = 0;
}

void tlc_buf_puts(tlc_buf *b, const char *s) { tlc_buf_put(b, s, strlen(s)); }
void tlc_buf_putc(tlc_buf *b, char c) { tlc_buf_put(b, &c, 1); }

void tlc_buf_vprintf(tlc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || tlc_buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void tlc_buf_printf(tlc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tlc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void tlc_buf_truncate(tlc_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = 0;
	}
}

void tlc_buf_put_json_string(tlc_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	tlc_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		/* a run of bytes that need no escape goes in one copy */
		size_t run = i;
		while (run < n && (unsigned char)s[run] >= 0x20 && s[run] != 0x7f && s[run] != '"' &&
		       s[run] != '\\')
			run++;
		if (run > i) {
			tlc_buf_put(b, s + i, run - i);
			i = run - 1;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default: break;
		}
		if (esc) {
			tlc_buf_puts(b, esc);
		} else if (c < 0x20 || c == 0x7f) {
			char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			tlc_buf_puts(b, u);
		} else {
			tlc_buf_putc(b, (char)c);
		}
	}
	tlc_buf_putc(b, '"');
}

char *tlc_buf_detach(tlc_buf *b)
{
	char *p;
	if (b->oom) {
		tlc_buf_release(b);
		return NULL;
	}
	if (!b->cap) {
		p = malloc(1);
		if (p)
			p[0] = 0;
	} else {
		p = b->ptr;
	}
	tlc_buf_init(b);
	return p;
}
