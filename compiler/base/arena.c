/* Bump allocator in chunks; see arena.h. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"

struct tlc_arena_chunk {
	tlc_arena_chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

#define ARENA_CHUNK 65536u
#define ARENA_ALIGN 16u

void tlc_arena_init(tlc_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void tlc_arena_release(tlc_arena *a)
{
	tlc_arena_chunk *c = a->head;
	while (c) {
		tlc_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	tlc_arena_init(a);
}

static tlc_arena_chunk *arena_chunk_new(size_t cap)
{
	tlc_arena_chunk *c = malloc(sizeof *c + cap);
	if (!c)
		return NULL;
	c->next = NULL;
	c->used = 0;
	c->cap = cap;
	return c;
}

void *tlc_arena_alloc(tlc_arena *a, size_t n)
{
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
#ifndef TLC_ARENA_DEBUG
	tlc_arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		if (n > ARENA_CHUNK / 4) {
			/* big block: own chunk, linked behind the head so the head keeps filling */
			tlc_arena_chunk *big = arena_chunk_new(n);
			if (!big)
				return NULL;
			big->used = n;
			if (c) {
				big->next = c->next;
				c->next = big;
			} else {
				a->head = big;
			}
			a->total += n;
			memset(big->data, 0, n);
			return big->data;
		}
		c = arena_chunk_new(ARENA_CHUNK);
		if (!c)
			return NULL;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
#else
	tlc_arena_chunk *c = arena_chunk_new(n);
	if (!c)
		return NULL;
	c->next = a->head;
	a->head = c;
	void *p = c->data;
#endif
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *tlc_arena_strndup(tlc_arena *a, const char *s, size_t n)
{
	char *p = tlc_arena_alloc(a, n + 1);
	if (p && n)
		memcpy(p, s, n);
	return p;
}

char *tlc_arena_strdup(tlc_arena *a, const char *s) { return tlc_arena_strndup(a, s, strlen(s)); }

char *tlc_arena_printf(tlc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = tlc_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
