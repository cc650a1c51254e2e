/*
 * arena.h — one arena per compilation: node trees, the typed spec and interned strings.
 * Everything allocated from an arena is freed by tlc_arena_release(). Allocation failure
 * returns NULL (callers report TLC_ENOMEM). With -DTLC_ARENA_DEBUG every allocation is a real
 * malloc, so ASan and valgrind see overruns.
 */
#ifndef TLC_ARENA_H
#define TLC_ARENA_H
#include <stddef.h>

typedef struct tlc_arena_chunk tlc_arena_chunk;
typedef struct tlc_arena {
	tlc_arena_chunk *head;
	size_t total; /* bytes handed out, for limits */
} tlc_arena;

void tlc_arena_init(tlc_arena *a);
void tlc_arena_release(tlc_arena *a);
void *tlc_arena_alloc(tlc_arena *a, size_t n);    /* aligned for any type, zeroed */
char *tlc_arena_strndup(tlc_arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *tlc_arena_strdup(tlc_arena *a, const char *s);
char *tlc_arena_printf(tlc_arena *a, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
#endif
