/*
 * spec.h — the typed spec: what load.c builds from a validated node tree.
 *
 * Invariants (after tlc_spec_load() returned 0):
 *  - every value has been checked: durations and instants parsed, zone and locales found,
 *    parameter references declared, exactly one target per countdown, at least one phase;
 *  - literal instants are resolved to UTC in the event zone (gap/overlap warnings were issued),
 *    except under `timezone: floating`, where they stay local seconds (`local` is set);
 *  - everything lives in the ctx arena; nodes point back into the tree for spans.
 */
#ifndef TLC_SPEC_H
#define TLC_SPEC_H
#include <stdbool.h>
#include "base/ctx.h"
#include "front/node.h"
#include "front/input.h"
#include "timelinec/activity.h"
#include "timelinec/timeparse.h"
#include "timelinec/zone.h"

typedef enum tlc_spec_kind { TLC_SPEC_WIDGET, TLC_SPEC_ACTIVITY, TLC_SPEC_KIND_MAX } tlc_spec_kind;

/* Widget families, in the order of the key table. DEFAULT applies to families not listed. */
typedef enum tlc_family {
	TLC_FAMILY_DEFAULT,
	TLC_FAMILY_SMALL,
	TLC_FAMILY_MEDIUM,
	TLC_FAMILY_LARGE,
	TLC_FAMILY_EXTRA_LARGE,
	TLC_FAMILY_INLINE,
	TLC_FAMILY_CIRCULAR,
	TLC_FAMILY_RECTANGULAR,
	TLC_FAMILY_MAX
} tlc_family;
extern const char *const tlc_family_names[TLC_FAMILY_MAX];

/* An instant expression as written, with its span; `at` is its value when it is a literal. */
typedef struct tlc_sp_when {
	bool set;
	tlc_time_expr expr;
	const char *param;   /* PARAM: the name (arena) */
	bool is_duration;    /* reload.after given as a duration from the instantiation */
	int64_t duration;
	tlc_time at;         /* LITERAL: UTC, or local seconds when `local` */
	bool local;          /* LITERAL under timezone: floating */
	const tlc_node *node;
} tlc_sp_when;

/* A template per family; tmpl[DEFAULT] may be NULL when every used family is listed. */
typedef struct tlc_sp_text {
	const char *tmpl[TLC_FAMILY_MAX];
	const tlc_node *node[TLC_FAMILY_MAX];
} tlc_sp_text;

typedef struct tlc_sp_phase {
	bool has_above;
	int64_t above;       /* seconds; the phase shows while r > above. A parameter threshold:
				the sign times its domain's middle (or the stand-in 1 min), for
				the rules that reason about one value */
	const char *above_param; /* `above: $lead` / `-$lead`: the duration parameter, or NULL */
	bool above_end;      /* `above: end`: the event item's end (has_above is set) */
	int above_sign;      /* 1, or -1 for `-$lead` */
	tlc_sp_text text;
	const tlc_node *node;
	const tlc_node *above_node;
	const tlc_node *key_node; /* `key:`, or NULL: the message keys' phase part */
} tlc_sp_phase;

typedef enum tlc_target_kind {
	TLC_TARGET_TO,
	TLC_TARGET_SINCE,
	TLC_TARGET_EVERY,
	TLC_TARGET_RRULE,
	TLC_TARGET_EVENTS,
	TLC_TARGET_KIND_MAX
} tlc_target_kind;

/* One item of an `events:` list: its start, its end (unset: none) and its field values, in the
 * order of the countdown's `fields`. */
typedef struct tlc_sp_item {
	tlc_sp_when at, end;
	const tlc_node *every;   /* a recurring item: `every:` (friendly form) instead of `at` */
	int64_t length;          /* a recurring item's `length` (its end: each occurrence + it) */
	const char **values;
	const tlc_node *node;
} tlc_sp_item;

typedef struct tlc_sp_countdown {
	const char *id;              /* NULL for a lone `countdown:` */
	tlc_target_kind target_kind;
	tlc_sp_when target;          /* TO, SINCE */
	const tlc_node *recur;       /* EVERY (friendly form) or RRULE: the string node */
	tlc_sp_when dtstart;         /* RRULE */
	tlc_sp_when *exdate, *rdate;
	size_t nexdate, nrdate;
	const char *events_param;    /* EVENTS: `events: $name`, a list parameter (no items) */
	tlc_sp_item *items;          /* EVENTS: the items as written */
	size_t nitems;
	const char **fields;         /* EVENTS: the items' field names, as the first item has them */
	bool *field_int;             /* EVENTS: an integer in every item */
	size_t nfields;
	tlc_sp_when from, paused_at;
	tlc_sp_phase *phases;
	size_t nphases;
	bool has_relevance;
	double relevance_score;
	int64_t relevance_from, relevance_until;
	bool has_stale;
	int64_t stale_after;
	tlc_sp_text stale_text;
	bool has_empty;              /* EVENTS: `empty:`, the text once no item remains */
	tlc_sp_text empty_text;
	const tlc_node *empty_node;
	const tlc_node *node;
} tlc_sp_countdown;

typedef enum tlc_param_type {
	TLC_PARAM_INSTANT,
	TLC_PARAM_DURATION,
	TLC_PARAM_TEXT,
	TLC_PARAM_INTEGER,
	TLC_PARAM_NUMBER,
	TLC_PARAM_EVENTS,
	TLC_PARAM_TYPE_MAX
} tlc_param_type;
extern const char *const tlc_param_type_names[TLC_PARAM_TYPE_MAX];

typedef struct tlc_sp_param {
	const char *name;
	tlc_param_type type;
	bool has_domain;
	tlc_param_domain domain; /* INSTANT */
	int64_t dur_lo, dur_hi;  /* DURATION: the domain LO .. HI, LO <= HI */
	const char **fields;     /* EVENTS: the items' field names */
	bool *field_int;         /* EVENTS: per field, an integer */
	size_t nfields;
	int64_t count_lo, count_hi, len_lo, len_hi, gap_lo, gap_hi; /* EVENTS: the domain */
	const tlc_node *node;
	bool used;               /* referenced by an instant, a state value or a template */
} tlc_sp_param;

typedef enum tlc_reload_kind {
	TLC_RELOAD_AUTO,
	TLC_RELOAD_AT_END,
	TLC_RELOAD_NEVER,
	TLC_RELOAD_AFTER,
	TLC_RELOAD_KIND_MAX
} tlc_reload_kind;

typedef enum tlc_source_kind {
	TLC_SOURCE_APP_OPEN,
	TLC_SOURCE_PUSH,
	TLC_SOURCE_APP_INTENT,
	TLC_SOURCE_WIDGET_PUSH,
	TLC_SOURCE_BACKGROUND_REFRESH,
	TLC_SOURCE_APP_BACKGROUND,    /* reloads the app asks for while in the background: budgeted */
	TLC_SOURCE_KIND_MAX
} tlc_source_kind;

typedef struct tlc_sp_source {
	tlc_source_kind kind;
	int64_t interval; /* BACKGROUND_REFRESH, APP_BACKGROUND */
	const tlc_node *node;
} tlc_sp_source;

typedef struct tlc_sp_suppress {
	const char *rule, *reason;
	const tlc_node *node;
} tlc_sp_suppress;

/* Live Activity pieces (the enums they share with programs: timelinec/activity.h). */

typedef struct tlc_sp_field {
	const char *name;
	tlc_field_type type;
	bool since;           /* date-since: an elapsed timer, counting up is the point */
	const tlc_node *node;
} tlc_sp_field;


typedef struct tlc_sp_assign {
	const char *field;
	const tlc_node *value;   /* a scalar: for a date field, an instant expression */
	tlc_sp_when when;        /* date fields */
	const char *param;       /* other fields: the parameter '$name' names, or NULL */
	int64_t i;               /* int fields, when not a parameter */
	double d;                /* double fields, when not a parameter (finite) */
} tlc_sp_assign;

typedef struct tlc_sp_alert {
	const char *title, *body, *sound;
} tlc_sp_alert;


typedef struct tlc_sp_event {
	tlc_la_event event;
	tlc_sp_when at;
	tlc_via via;
	int priority;            /* 5 or 10 */
	tlc_sp_assign *state;
	size_t nstate;
	bool has_stale_after;
	int64_t stale_after;
	bool has_relevance;
	double relevance;
	bool has_alert;
	tlc_sp_alert alert;
	tlc_dismissal dismissal; /* END */
	int64_t dismiss_after;
	int64_t every;           /* UPDATE repeated at this interval (0: once) */
	tlc_sp_when until;       /* ... until this instant */
	uint32_t varies;         /* UPDATE: fields (bit i: field i) whose sent values differ */
	bool foreground;         /* `while: foreground`: via app, only while the user has it open */
	const tlc_node *node;
} tlc_sp_event;


typedef struct tlc_spec {
	tlc_spec_kind kind;
	uint32_t file;
	const tlc_node *root;
	const char *name;            /* widget kind or activity type */
	const char *zone_name;       /* "floating" or an IANA name */
	const tlc_zone *zone;        /* NULL when floating */
	tlc_disamb disamb;
	bool disamb_explicit;         /* the spec chose it: gap/overlap warnings are notes */
	int minimum_ios;             /* `minimum-ios`, or TLC_IOS_DEFAULT */
	const char **locales;
	size_t nlocales;
	tlc_sp_param *params;
	size_t nparams;
	tlc_sp_suppress *suppress;
	size_t nsuppress;
	/* widget */
	bool has_window;
	tlc_sp_when window_start, window_end;
	int64_t horizon;
	tlc_reload_kind reload;
	tlc_sp_when reload_after;
	const tlc_node *reload_node;
	tlc_sp_source *sources;
	size_t nsources;
	tlc_sp_countdown *countdowns;
	size_t ncountdowns;
	/* Live Activity */
	const char *bundle_id;
	const char *channel_id;
	tlc_date_encoding date_encoding;
	/* background-modes: the app keeps running in the background (audio, location, a Bluetooth
	   accessory), so its own updates at set times happen; NULL when it does not */
	const tlc_node *runs_in_background;
	const tlc_node *background_modes;
	bool frequent_updates;       /* NSSupportsLiveActivitiesFrequentUpdates: TL210's larger budget */
	tlc_sp_field *fields;
	size_t nfields;
	tlc_sp_assign *attributes;
	size_t nattributes;
	const char *views[TLC_LA_PRESENTATIONS]; /* by presentation, order of the key table */
	const tlc_node *view_nodes[TLC_LA_PRESENTATIONS];
	tlc_sp_event *events;        /* start, updates..., end */
	size_t nevents;
} tlc_spec;

extern const char *const tlc_presentation_names[TLC_LA_PRESENTATIONS];

/*
 * Reads, parses, validates and loads the spec in file `path` ("-" = stdin). Diagnostics go to
 * ctx->diags. Returns 0, TLC_EINPUT (see diagnostics) or TLC_ENOMEM. *out lives in ctx->arena.
 */
int tlc_spec_load_file(tlc_ctx *ctx, const char *path, tlc_spec **out);
/* The same from a registered source. */
int tlc_spec_load(tlc_ctx *ctx, uint32_t file, tlc_spec **out);
/* TL019 at p's declaration: a parameter no instant, state value or template uses (its value,
 * given with --param or by the app, would change nothing). */
void tlc_spec_unused_param(tlc_ctx *ctx, const tlc_sp_param *p);
struct tlc_tmpl_env;
/* What a Live Activity's views may name: text fields as arguments, date fields in live runs.
 * args and dates hold TLC_LA_MAX_FIELDS names each, arg_int as many flags (int fields). */
void tlc_spec_activity_env(const tlc_spec *s, struct tlc_tmpl_env *env, const char **args,
			   const char **dates, bool *arg_int);
/* A literal string value as the app receives it: "$$USD" (the escape) is "$USD". */
const char *tlc_spec_literal(const char *s);
#endif
