/*
 * node.h — the one document tree both front ends build (YAML through libyaml, JSON through our
 * strict reader, parse_json.c).
 *
 * Invariants:
 *  - Every node has a span in its file. A scalar's span covers its source text including quotes
 *    (and, for block scalars, the indicator line).
 *  - Scalar values are UTF-8, NUL-terminated, and never contain NUL (rejected by the readers).
 *  - Plain YAML scalars are resolved by the YAML 1.2 core schema; quoted ones are strings.
 *    JSON values keep their JSON type.
 *  - Mapping keys are scalars (complex keys are rejected); duplicate keys are rejected by the
 *    reader, so pairs are unique by key.
 *  - YAML aliases share nodes (the tree is a DAG); the reader bounds the expanded size.
 *  - All memory belongs to the arena passed to the reader.
 */
#ifndef TLC_NODE_H
#define TLC_NODE_H
#include <stdbool.h>
#include <stdint.h>
#include "base/source.h"

typedef enum tlc_node_kind { TLC_NODE_SCALAR, TLC_NODE_MAP, TLC_NODE_SEQ, TLC_NODE_KIND_MAX } tlc_node_kind;

/* How the scalar was written: needed to map offsets inside its value back to the source. */
typedef enum tlc_scalar_style {
	TLC_STYLE_PLAIN,         /* YAML plain, or a JSON number/true/false/null */
	TLC_STYLE_SINGLE,        /* YAML 'single quoted' */
	TLC_STYLE_DOUBLE,        /* YAML "double quoted" */
	TLC_STYLE_LITERAL,       /* YAML | block */
	TLC_STYLE_FOLDED,        /* YAML > block */
	TLC_STYLE_JSON_STRING,   /* JSON "string" */
	TLC_STYLE_MAX
} tlc_scalar_style;

/* The resolved type of a scalar. */
typedef enum tlc_scalar_type {
	TLC_SCALAR_STR,
	TLC_SCALAR_INT,
	TLC_SCALAR_FLOAT,
	TLC_SCALAR_BOOL,
	TLC_SCALAR_NULL,
	TLC_SCALAR_TYPE_MAX
} tlc_scalar_type;

typedef struct tlc_node tlc_node;
typedef struct tlc_pair {
	tlc_node *key;
	tlc_node *value;
} tlc_pair;

struct tlc_node {
	tlc_node_kind kind;
	tlc_span span;
	/* scalar */
	const char *str;         /* the value */
	size_t len;
	tlc_scalar_style style;
	tlc_scalar_type type;
	/* map (pairs) or seq (items) */
	tlc_pair *pairs;
	tlc_node **items;
	size_t n;
};

/* Limits on hostile input; each violation is a diagnostic. */
#define TLC_MAX_FILE_SIZE (4u << 20)      /* 4 MiB per spec file */
#define TLC_MAX_FILE_SIZE_NAME "4 MiB (TLC_MAX_FILE_SIZE)"
#define TLC_MAX_CONFIG_BYTES (1u << 20)   /* a .timelinec.yaml */
#define TLC_MAX_BASELINE_BYTES (16u << 20) /* a baseline file */
#define TLC_MAX_DEPTH 64                  /* nesting of maps and sequences */
#define TLC_MAX_NODES 200000              /* nodes after alias expansion */
#define TLC_MAX_SCALAR_LEN (64u << 10)    /* 64 KiB per scalar */

const char *tlc_node_kind_name(const tlc_node *n); /* "mapping", "sequence", "string", "integer"… */
/* The value of key `key` in map `m` (exact, case-sensitive), or NULL. */
tlc_node *tlc_node_get(const tlc_node *m, const char *key);

/*
 * Maps byte offset `voff` inside a scalar's value to a byte offset in its file, following the
 * scalar's style (escapes, quotes doubled, line folding, block indentation). Returns the start
 * of the scalar's span when the value cannot be mapped exactly (documented fallback).
 */
size_t tlc_node_value_offset(const tlc_source *src, const tlc_node *n, size_t voff);
/* A span for bytes [voff, voff+vlen) of a scalar's value. */
tlc_span tlc_node_subspan(const tlc_source *src, const tlc_node *n, size_t voff, size_t vlen);
#endif
