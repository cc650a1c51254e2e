/*
 * json.h — the runtime core's own JSON reader (programs, timelines): RFC 8259 exactly, no
 * dependency, no global state, numbers read the same under any C locale. Internal to the core;
 * pjson.h reads programs and timelines through it.
 *
 * Strict where cJSON is lenient: one value and only whitespace around it; no comments, no
 * trailing commas, no NaN or Infinity, no leading zeros or '+'; strings of valid UTF-8 with no
 * control characters, escapes whose \u pairs are real surrogate pairs, and no \u0000 (strings
 * are C strings). Nesting deeper than TLC_JSON_MAX_DEPTH is refused. Every value keeps the line
 * and column it starts at, and its byte offset (a member also its name's), for messages.
 *
 * Ownership: tlc_json_parse() returns a tree the caller frees with tlc_json_free().
 */
#ifndef TLC_JSON_H
#define TLC_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "timelinec/common.h"

#define TLC_JSON_MAX_DEPTH 128

typedef enum tlc_json_type {
	TLC_JSON_NULL,
	TLC_JSON_FALSE,
	TLC_JSON_TRUE,
	TLC_JSON_NUMBER,
	TLC_JSON_STRING,
	TLC_JSON_ARRAY,
	TLC_JSON_OBJECT
} tlc_json_type;

typedef struct tlc_json {
	tlc_json_type type;
	struct tlc_json *child;  /* ARRAY, OBJECT: the first element or member */
	struct tlc_json *next;   /* the next element or member of the parent */
	char *key;               /* a member's name (NUL-terminated; NULL for elements) */
	char *str;               /* STRING (NUL-terminated) */
	double num;              /* NUMBER, rounded to the nearest double */
	bool integer;            /* NUMBER written without fraction or exponent, within int64 */
	int64_t ival;            /* ... then its exact value */
	size_t n;                /* ARRAY, OBJECT: the number of children */
	uint32_t line, col;      /* where the value starts, 1-based (columns in bytes) */
	size_t offset;           /* ... and its byte offset */
	size_t key_offset;       /* a member: the byte offset of its name's opening quote */
	size_t key_len;          /* ... and the name's length in the source, quotes included */
} tlc_json;

/* Parses len bytes. 0, TLC_EINPUT (err: offset, line:col and what is wrong) or TLC_ENOMEM. */
int tlc_json_parse(tlc_json **out, const char *s, size_t len, tlc_err *err);
void tlc_json_free(tlc_json *v);

/* The member `key` of an object (the first one; duplicates are the caller's to refuse). */
const tlc_json *tlc_json_get(const tlc_json *o, const char *key);
/* The i-th element of an array, or NULL. */
const tlc_json *tlc_json_at(const tlc_json *a, size_t i);

static inline bool tlc_json_is(const tlc_json *v, tlc_json_type t) { return v && v->type == t; }
#endif
