/*
 * schema.h — the one table of the spec language's keys.
 *
 * The table drives three things that must never disagree:
 *  - validation of the node tree (validate.c): unknown keys with "did you mean", wrong types,
 *    required and conflicting keys, enums and ranges;
 *  - the key reference in docs/spec.md (`timelinec reference --markdown`);
 *  - the JSON Schema editors use for autocompletion (`timelinec reference --json-schema`,
 *    docs/spec.schema.json).
 * The typed extraction (load.c) reads the validated tree by the same key names.
 */
#ifndef TLC_SCHEMA_H
#define TLC_SCHEMA_H
#include <stdbool.h>
#include <stdint.h>
#include "timelinec/buf.h"

typedef enum tlc_vkind {
	TLC_V_STRING,     /* any string */
	TLC_V_NAME,       /* an identifier: [A-Za-z][A-Za-z0-9_.-]* */
	TLC_V_INT,        /* integer within [min, max] */
	TLC_V_NUMBER,     /* integer or float within [min, max] */
	TLC_V_BOOL,
	TLC_V_ENUM,       /* one of enums[] */
	TLC_V_DURATION,   /* '90m', '2h30m', 'PT2H' (non-negative) */
	TLC_V_SDURATION,  /* a duration with an optional sign ('-30m') */
	TLC_V_INSTANT,    /* an instant expression: RFC 3339, local date-time, @EPOCH, $param ± d, now */
	TLC_V_WHEN,       /* an instant expression, or a duration from the instantiation instant */
	TLC_V_WINDOW,     /* 'A .. B' */
	TLC_V_ZONE,       /* IANA zone name or 'floating' */
	TLC_V_LOCALE,     /* ICU locale id */
	TLC_V_TEMPLATE,   /* a text template */
	TLC_V_RECURRENCE, /* friendly recurrence ('daily 09:30') */
	TLC_V_RRULE,      /* RFC 5545 RRULE */
	TLC_V_DOMAIN,     /* a check-params domain ('5m .. 36h after now') */
	TLC_V_DISMISSAL,  /* 'default' | 'immediate' | 'after 15m' */
	TLC_V_ANY_SCALAR, /* a scalar of any type (content-state values) */
	TLC_V_OBJECT,     /* a mapping with the keys of `keys` */
	TLC_V_LIST,       /* a sequence of `elem` (a single scalar is not accepted) */
	TLC_V_MAP,        /* a mapping from free names to `elem` */
	TLC_V_EITHER,     /* either `elem` (a scalar type) or `alt` (an object or map type) */
	TLC_V_KIND_MAX
} tlc_vkind;

enum tlc_key_flags {
	TLC_KEY_REQUIRED = 1 << 0,
	TLC_KEY_PROSE_DEFAULT = 1 << 1, /* `def` describes the default in words: not a value */
};

/* What a type accepts besides its kind's values (for the JSON Schema's patterns). */
enum tlc_type_flags {
	TLC_TYPE_THRESHOLD = 1 << 0, /* SDURATION: also '$param', '-$param' and `end` (load.c) */
};

typedef struct tlc_type tlc_type;

typedef struct tlc_keydef {
	const char *name;
	const tlc_type *type;
	unsigned flags;
	const char *def;     /* default: a YAML value (the schema's `default`), words with
			      * TLC_KEY_PROSE_DEFAULT, or NULL */
	const char *doc;     /* one or two sentences */
	const char *example; /* a YAML value (the schema's `examples`), or NULL */
} tlc_keydef;

/* "exactly one of" / "at most one of" groups inside an object. */
typedef struct tlc_keygroup {
	const char *const *names; /* NULL-terminated */
	bool required;            /* exactly one (true) or at most one (false) */
} tlc_keygroup;

struct tlc_type {
	tlc_vkind kind;
	const char *name;                /* for messages and docs: "duration", "phase" */
	const tlc_keydef *keys;          /* OBJECT */
	size_t nkeys;
	const tlc_keygroup *groups;      /* OBJECT, NULL-terminated by names == NULL */
	const tlc_type *elem;            /* LIST, MAP, EITHER (scalar side) */
	const tlc_type *alt;             /* EITHER (structured side) */
	const char *const *enums;        /* ENUM (NULL-terminated); MAP: allowed key names or NULL */
	int64_t min, max;                /* INT, NUMBER; MAP: max = most entries (0: any number) */
	unsigned flags;                  /* enum tlc_type_flags */
	const char *doc;
};

/* The top-level types: a widget spec and a Live Activity spec. */
extern const tlc_type tlc_type_widget_spec;
extern const tlc_type tlc_type_activity_spec;

const tlc_keydef *tlc_type_key(const tlc_type *t, const char *name, size_t len);
/* "a duration like '90m'": how messages name what a type expects. */
const char *tlc_type_expectation(const tlc_type *t);

/* Generators (docs/spec.md key reference; docs/spec.schema.json). Deterministic. */
void tlc_schema_markdown(tlc_buf *out);
void tlc_schema_json(tlc_buf *out);
#endif
