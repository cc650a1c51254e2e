/*
 * schema.c — the table of every key of the spec language (v1). See schema.h.
 * Order of keys here is the order of the docs. Adding a key: add it here, extract it in load.c,
 * run `make reference-update`, document its semantics in docs/spec.md.
 */
#include <string.h>
#include "spec/schema.h"
#include "timelinec/program.h" /* TLC_MAX_PARAMS */

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- scalar types ------------------------------------------------------------------------- */

static const tlc_type t_string = {.kind = TLC_V_STRING, .name = "string"};
static const tlc_type t_name = {.kind = TLC_V_NAME, .name = "name"};
static const tlc_type t_version = {.kind = TLC_V_INT, .name = "integer", .min = 1, .max = 1};
static const tlc_type t_duration = {.kind = TLC_V_DURATION, .name = "duration"};
static const tlc_type t_sduration = {.kind = TLC_V_SDURATION, .name = "signed duration"};
static const tlc_type t_instant = {.kind = TLC_V_INSTANT, .name = "instant"};
static const tlc_type t_when = {.kind = TLC_V_WHEN, .name = "instant or duration"};
static const tlc_type t_window = {.kind = TLC_V_WINDOW, .name = "window"};
static const tlc_type t_zone = {.kind = TLC_V_ZONE, .name = "zone"};
static const tlc_type t_locale = {.kind = TLC_V_LOCALE, .name = "locale"};
static const tlc_type t_template = {.kind = TLC_V_TEMPLATE, .name = "template"};
static const tlc_type t_recurrence = {.kind = TLC_V_RECURRENCE, .name = "recurrence"};
static const tlc_type t_rrule = {.kind = TLC_V_RRULE, .name = "rrule"};
static const tlc_type t_domain = {.kind = TLC_V_DOMAIN, .name = "domain"};
static const tlc_type t_dismissal = {.kind = TLC_V_DISMISSAL, .name = "dismissal"};
static const tlc_type t_any = {.kind = TLC_V_ANY_SCALAR, .name = "value"};
static const tlc_type t_ios = {.kind = TLC_V_INT, .name = "iOS major version",
			       .min = TLC_IOS_LOWEST, .max = TLC_IOS_HIGHEST};
static const tlc_type t_score = {.kind = TLC_V_NUMBER, .name = "number", .min = 0, .max = 100};
static const tlc_type t_la_score = {.kind = TLC_V_NUMBER, .name = "number", .min = 0, .max = 1000000};

static const char *const e_reload[] = {"auto", "at-end", "never", NULL};
static const tlc_type t_reload_word = {.kind = TLC_V_ENUM, .name = "reload policy", .enums = e_reload};
static const char *const e_disamb[] = {"compatible", "earlier", "later", "reject", NULL};
static const tlc_type t_disamb = {.kind = TLC_V_ENUM, .name = "disambiguation", .enums = e_disamb};
static const char *const e_param_type[] = {"instant", "duration", "text", "integer", "number", NULL};
static const tlc_type t_param_type = {.kind = TLC_V_ENUM, .name = "parameter type", .enums = e_param_type};
static const char *const e_source[] = {"app-open", "push", "app-intent", "widget-push", NULL};
static const tlc_type t_source_word = {.kind = TLC_V_ENUM, .name = "refresh source", .enums = e_source};
static const char *const e_field_type[] = {"date", "date-since", "string", "int", "double", "bool", NULL};
static const tlc_type t_field_type = {.kind = TLC_V_ENUM, .name = "field type", .enums = e_field_type};
static const char *const e_date_enc[] = {"deferred-to-date", "seconds-since-1970", "milliseconds-since-1970", "iso8601", NULL};
static const tlc_type t_date_enc = {.kind = TLC_V_ENUM, .name = "date encoding", .enums = e_date_enc};
static const char *const e_via[] = {"push", "app", "intent", NULL};
static const tlc_type t_via = {.kind = TLC_V_ENUM, .name = "update source", .enums = e_via};
static const char *const e_end_via[] = {"push", "app", "intent", NULL};
static const tlc_type t_end_via = {.kind = TLC_V_ENUM, .name = "end source", .enums = e_end_via};
static const char *const e_while[] = {"foreground", NULL};
static const tlc_type t_while = {.kind = TLC_V_ENUM, .name = "condition", .enums = e_while};
static const tlc_type t_bool = {.kind = TLC_V_BOOL, .name = "bool"};
static const tlc_type t_field_names = {.kind = TLC_V_LIST, .name = "list of field names",
				       .elem = &t_name};
static const char *const e_start_via[] = {"app", "push-to-start", NULL};
static const tlc_type t_start_via = {.kind = TLC_V_ENUM, .name = "start source", .enums = e_start_via};
static const char *const e_bg_mode[] = {"audio", "location", "bluetooth-central", "bluetooth-peripheral",
					"external-accessory", "voip", "fetch", "processing",
					"remote-notification", NULL};
static const tlc_type t_bg_mode = {.kind = TLC_V_ENUM, .name = "background mode", .enums = e_bg_mode};
static const tlc_type t_bg_modes = {.kind = TLC_V_LIST, .name = "list of background modes",
				    .elem = &t_bg_mode};
static const tlc_type t_priority = {.kind = TLC_V_INT, .name = "integer", .min = 5, .max = 10};
static const tlc_type t_rule_id = {.kind = TLC_V_NAME, .name = "rule id"};
static const tlc_type t_schema_ref = {.kind = TLC_V_STRING, .name = "schema URI"};
/* A phase's threshold: a signed duration, a duration parameter ('$lead', '-$lead') or `end`. */
static const tlc_type t_threshold = {.kind = TLC_V_SDURATION, .name = "threshold",
				     .flags = TLC_TYPE_THRESHOLD};

/* ---- text: a template, or a template per widget family ------------------------------------ */

static const char *const families[] = {"default", "small", "medium", "large", "extraLarge",
				       "accessoryInline", "accessoryCircular",
				       "accessoryRectangular", NULL};
static const tlc_type t_text_map = {.kind = TLC_V_MAP, .name = "text per family",
				    .elem = &t_template, .enums = families};
static const tlc_type t_text = {.kind = TLC_V_EITHER, .name = "text", .elem = &t_template,
				.alt = &t_text_map};

/* ---- widget pieces ------------------------------------------------------------------------ */

static const tlc_keydef k_phase[] = {
	{"above", &t_threshold, 0, NULL,
	 "The phase shows while r = target − now is greater than this. Phases are tried in order, "
	 "first match wins; the last phase may omit it and then shows for every r below the previous "
	 "threshold. A duration parameter, `$lead` or `-$lead`, is resolved at instantiation; "
	 "`end` (in an `events:` countdown) is the item's end.",
	 "24h"},
	{"text", &t_text, TLC_KEY_REQUIRED, NULL,
	 "What the widget reads: a template, or a map from widget family to template.",
	 "\"Launch in {timer}\""},
	{"key", &t_name, TLC_KEY_PROSE_DEFAULT, "`above-<above>`, or otherwise",
	 "The phase's part of its message keys (`<countdown id>.<key>.<family>`): the String "
	 "Catalog key stays the same however phases are added, removed or retimed.",
	 "boarding"},
};
static const tlc_type t_phase = {.kind = TLC_V_OBJECT, .name = "phase", .keys = k_phase,
				 .nkeys = N(k_phase)};
static const tlc_type t_phases = {.kind = TLC_V_LIST, .name = "list of phases", .elem = &t_phase};

static const tlc_keydef k_relevance[] = {
	{"score", &t_score, TLC_KEY_REQUIRED, NULL,
	 "TimelineEntryRelevance score while relevant (only relative scores matter).", "80"},
	{"from", &t_sduration, 0, "-2h", "Start of the relevant window, relative to the target.", "-2h"},
	{"until", &t_sduration, 0, "30m", "End of the relevant window, relative to the target.", "30m"},
};
static const tlc_type t_relevance = {.kind = TLC_V_OBJECT, .name = "relevance",
				     .keys = k_relevance, .nkeys = N(k_relevance)};

static const tlc_keydef k_stale[] = {
	{"after", &t_duration, TLC_KEY_REQUIRED, NULL,
	 "Age of the timeline's data after which the stale text shows.", "2h"},
	{"text", &t_text, TLC_KEY_REQUIRED, NULL, "What the widget reads once the data is that old.",
	 "\"Updated {relative} ago\""},
};
static const tlc_type t_stale = {.kind = TLC_V_OBJECT, .name = "stale", .keys = k_stale,
				 .nkeys = N(k_stale)};
static const tlc_type t_instants = {.kind = TLC_V_LIST, .name = "list of instants", .elem = &t_instant};

/* An event item: `at`, an optional `end` and the item's fields (load.c checks them). */
static const tlc_type t_event = {.kind = TLC_V_MAP, .name = "event", .elem = &t_any};
static const tlc_type t_event_list = {.kind = TLC_V_LIST, .name = "list of events", .elem = &t_event};
static const tlc_type t_events_param = {.kind = TLC_V_STRING, .name = "list parameter"};
static const tlc_type t_events = {.kind = TLC_V_EITHER, .name = "list of events",
				  .elem = &t_events_param, .alt = &t_event_list};

static const char *const g_target[] = {"to", "since", "every", "rrule", "events", NULL};
static const char *const g_rrule_only[] = {"every", "dtstart", NULL};
static const tlc_keygroup g_countdown[] = {{g_target, true}, {g_rrule_only, false}, {NULL, false}};

static const tlc_keydef k_countdown[] = {
	{"id", &t_name, 0, NULL,
	 "Names the countdown; required in `countdowns:`, where an entry carries one view per id.",
	 "launch"},
	{"to", &t_instant, 0, NULL, "The target instant the countdown counts down to.",
	 "2026-12-01 18:00"},
	{"since", &t_instant, 0, NULL,
	 "A deliberate count-up from this instant (\"fed 2 h ago\", a stopwatch); timers counting up "
	 "are intended here and never flagged.",
	 "$last-feed"},
	{"every", &t_recurrence, 0, NULL,
	 "A recurring target in the friendly form; the countdown rolls to the next occurrence after "
	 "its after-target phases.",
	 "weekdays 09:30"},
	{"rrule", &t_rrule, 0, NULL, "A recurring target as an RFC 5545 RRULE, with `dtstart`.",
	 "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=18;BYMINUTE=0"},
	{"events", &t_events, 0, NULL,
	 "The next of a list of events, written here or a list parameter (`$sessions`): each item "
	 "has `at`, an optional `end` and its own fields, which texts show as `{name}`; an item "
	 "shows until the later of its after-target phases and its end. A written item may recur: "
	 "`every:` and `length:` instead of `at` and `end`.",
	 "[{at: 2026-12-05 12:30, end: 2026-12-05 13:30, name: FP1}]"},
	{"dtstart", &t_instant, 0, NULL, "The first occurrence of `rrule`, a local date-time.",
	 "2026-11-02 18:00"},
	{"exdate", &t_instants, 0, NULL, "Occurrences to leave out (local date-times).",
	 "[2026-12-25 18:00]"},
	{"rdate", &t_instants, 0, NULL, "Extra occurrences (local date-times).", "[2026-12-27 18:00]"},
	{"from", &t_instant, TLC_KEY_PROSE_DEFAULT, "the phase start",
	 "Start of the interval for `{countdown}`, `{progress}` and `{countdown-timer}`.", "$ordered-at"},
	{"paused-at", &t_instant, 0, NULL,
	 "Holds self-updating timers at this instant (pauseTime); resuming is an app-intent reload.",
	 "$paused"},
	{"show", &t_phases, TLC_KEY_REQUIRED, NULL,
	 "The phases on r = target − now, first match wins.", NULL},
	{"relevance", &t_relevance, 0, NULL, "Smart Stack relevance around the target.",
	 "{score: 80, from: -2h, until: 30m}"},
	{"stale", &t_stale, 0, NULL,
	 "What the widget shows once its data is older than `after` (widgets have no isStale).", NULL},
	{"empty", &t_text, TLC_KEY_PROSE_DEFAULT, "nothing shows",
	 "With `events:`, what shows once no item remains (no self-updating runs, no time units, no "
	 "fields).",
	 "\"No more sessions\""},
};
static const tlc_type t_countdown = {.kind = TLC_V_OBJECT, .name = "countdown", .keys = k_countdown,
				     .nkeys = N(k_countdown), .groups = g_countdown};
static const tlc_type t_countdowns = {.kind = TLC_V_LIST, .name = "list of countdowns",
				      .elem = &t_countdown};

static const tlc_keydef k_reload_after[] = {
	{"after", &t_when, TLC_KEY_REQUIRED, NULL,
	 "Ask for a new timeline at this instant or after this duration from the instantiation.",
	 "6h"},
};
static const tlc_type t_reload_obj = {.kind = TLC_V_OBJECT, .name = "reload", .keys = k_reload_after,
				      .nkeys = N(k_reload_after)};
static const tlc_type t_reload = {.kind = TLC_V_EITHER, .name = "reload", .elem = &t_reload_word,
				  .alt = &t_reload_obj};

static const tlc_keydef k_source_obj[] = {
	{"background-refresh", &t_duration, 0, NULL,
	 "A BGAppRefreshTask the app schedules at this interval (a wish, not a promise).", "30m"},
	{"app-background", &t_duration, 0, NULL,
	 "Reloads the app asks for while it runs in the background (a WatchConnectivity message, a "
	 "background task, a silent push), about this often: they count against the budget.",
	 "15m"},
};
static const char *const g_source_names[] = {"background-refresh", "app-background", NULL};
static const tlc_keygroup g_source[] = {{g_source_names, true}, {NULL, false}};
static const tlc_type t_source_obj = {.kind = TLC_V_OBJECT, .name = "refresh source with an interval",
				      .keys = k_source_obj, .nkeys = N(k_source_obj),
				      .groups = g_source};
static const tlc_type t_source = {.kind = TLC_V_EITHER, .name = "refresh source",
				  .elem = &t_source_word, .alt = &t_source_obj};
static const tlc_type t_sources = {.kind = TLC_V_LIST, .name = "list of refresh sources",
				   .elem = &t_source};

/* A list of events as a parameter: the app or the server passes the items as JSON. */
static const char *const e_events_word[] = {"events", NULL};
static const tlc_type t_events_word = {.kind = TLC_V_ENUM, .name = "parameter type", .enums = e_events_word};
static const char *const e_field_kind[] = {"text", "integer", NULL};
static const tlc_type t_field_kind = {.kind = TLC_V_ENUM, .name = "field type", .enums = e_field_kind};
static const tlc_type t_field_kinds = {.kind = TLC_V_MAP, .name = "fields", .elem = &t_field_kind,
				       .max = TLC_MAX_EVENT_FIELDS};
static const tlc_keydef k_param_events[] = {
	{"type", &t_events_word, TLC_KEY_REQUIRED, NULL, "`events`: a list of events.", "events"},
	{"fields", &t_field_kinds, TLC_KEY_PROSE_DEFAULT, "none",
	 "Each item's fields besides `at` and `end`, each `text` or `integer`.", "{name: text}"},
};
static const tlc_type t_param_events = {.kind = TLC_V_OBJECT, .name = "list parameter",
					.keys = k_param_events, .nkeys = N(k_param_events)};
static const tlc_type t_param = {.kind = TLC_V_EITHER, .name = "parameter", .elem = &t_param_type,
				 .alt = &t_param_events};
/* The loader refuses more than TLC_MAX_PARAMS parameters (TL003, load.c); max carries the limit
 * to the generated reference and schema. */
static const tlc_type t_params = {.kind = TLC_V_MAP, .name = "parameters", .elem = &t_param,
				  .max = TLC_MAX_PARAMS};
static const tlc_keydef k_events_domain[] = {
	{"count", &t_string, 0, "0 .. 8", "How many items: 'LO .. HI' (at most 256).", "0 .. 8"},
	{"start", &t_domain, 0, "0s .. 3d after now",
	 "Where the first item starts, as an instant parameter's domain.", "0s .. 3d after now"},
	{"length", &t_string, 0, "0s .. 1h", "Each item's end minus its start: 'LO .. HI'.",
	 "0s .. 2h"},
	{"gap", &t_string, 0, "0s .. 1d",
	 "Each item's start minus the previous item's end: 'LO .. HI' (negative: overlaps).",
	 "-30m .. 1d"},
};
static const tlc_type t_events_domain = {.kind = TLC_V_OBJECT, .name = "list domain",
					 .keys = k_events_domain, .nkeys = N(k_events_domain)};
static const tlc_type t_param_domain = {.kind = TLC_V_EITHER, .name = "parameter domain",
					.elem = &t_domain, .alt = &t_events_domain};
static const tlc_type t_check_params = {.kind = TLC_V_MAP, .name = "parameter domains",
					.elem = &t_param_domain};
static const tlc_type t_locales = {.kind = TLC_V_LIST, .name = "list of locales", .elem = &t_locale};

static const tlc_keydef k_suppress[] = {
	{"rule", &t_rule_id, TLC_KEY_REQUIRED, NULL, "The rule id to suppress.", "TL104"},
	{"reason", &t_string, TLC_KEY_REQUIRED, NULL, "Why; required, shown in reports.",
	 "\"the app reloads on open\""},
};
static const tlc_type t_suppress1 = {.kind = TLC_V_OBJECT, .name = "suppression", .keys = k_suppress,
				     .nkeys = N(k_suppress)};
static const tlc_type t_suppress = {.kind = TLC_V_LIST, .name = "list of suppressions",
				    .elem = &t_suppress1};

/* ---- top level: widget ---------------------------------------------------------------------- */

/* `$schema` names the JSON Schema for editors (docs/editors.md); the compiler ignores its value. */
#define COMMON_KEYS_HEAD                                                                            \
	{"$schema", &t_schema_ref, 0, NULL,                                                         \
	 "The JSON Schema an editor checks this file against (`timelinec reference --json-schema`, " \
	 "docs/editors.md); the compiler checks that it is a string and ignores it. In YAML, "       \
	 "yaml-language-server reads a `# yaml-language-server: $schema=...` comment instead.",     \
	 "../spec.schema.json"},                                                                     \
	{"timelinec", &t_version, TLC_KEY_REQUIRED, NULL, "Format version of the spec; must be 1.", "1"}

#define COMMON_KEYS_TAIL                                                                            \
	{"timezone", &t_zone, 0, "floating",                                                        \
	 "Event zone: where the local times in this file live. `floating` means the device's zone "  \
	 "(as RFC 5545 floating times).",                                                            \
	 "Europe/Berlin"},                                                                           \
	{"disambiguation", &t_disamb, 0, "compatible",                                              \
	 "How a local time in a DST gap or overlap resolves (TC39 Temporal names; `compatible` is "  \
	 "RFC 5545's rule).",                                                                        \
	 "reject"},                                                                                  \
	{"minimum-ios", &t_ios, 0, "17",                                                             \
	 "The oldest iOS the app supports (its deployment target, a major version from 17 to 26): "  \
	 "`check` refuses a text style that iOS lacks.",                                             \
	 "18"},                                                                                      \
	{"locales", &t_locales, 0, "[en_US]",                                                        \
	 "Locales `check` and `preview` render, and `compile` precomputes baked text for.",          \
	 "[en_US, de_DE]"},                                                                          \
	{"params", &t_params, 0, NULL,                                                              \
	 "Parameters supplied at instantiation (by the app or a server), each with its type.",       \
	 "{eta: instant, courier: text}"},                                                           \
	{"check-params", &t_check_params, 0, NULL,                                                  \
	 "The domain `check` explores for each instant or duration parameter.", "{eta: 5m .. 36h after now}"},   \
	{"suppress", &t_suppress, 0, NULL,                                                          \
	 "Findings to suppress, each with a reason (JSON specs have no comments).", NULL}

static const char *const g_widget_cd[] = {"countdown", "countdowns", NULL};
static const char *const g_widget_win[] = {"window", "horizon", NULL};
static const tlc_keygroup g_widget[] = {{g_widget_cd, true}, {g_widget_win, false}, {NULL, false}};

static const tlc_keydef k_widget[] = {
	COMMON_KEYS_HEAD,
	{"widget", &t_name, TLC_KEY_REQUIRED, NULL, "The widget kind (the `kind` string of the widget).",
	 "LaunchCountdown"},
	COMMON_KEYS_TAIL,
	{"window", &t_window, 0, NULL, "The span of time the timeline covers.",
	 "2026-11-25 09:00 .. 2026-12-08 00:00"},
	{"horizon", &t_duration, 0, "7d",
	 "How far past the instantiation instant the timeline reaches (instead of `window`).", "14d"},
	{"reload", &t_reload, 0, "auto",
	 "Reload policy: `auto` computes it; `at-end`, `never` or `{after: ...}` insist.", "auto"},
	{"refresh-sources", &t_sources, 0, NULL,
	 "What else reloads the widget, for the verifier: app-open, push, app-intent, widget-push, "
	 "{background-refresh: 30m}, {app-background: 15m}.",
	 "[app-open, {background-refresh: 30m}]"},
	{"countdown", &t_countdown, 0, NULL, "The countdown the widget shows.", NULL},
	{"countdowns", &t_countdowns, 0, NULL, "Several countdowns, each with an `id`.", NULL},
};
const tlc_type tlc_type_widget_spec = {.kind = TLC_V_OBJECT, .name = "widget spec", .keys = k_widget,
				       .nkeys = N(k_widget), .groups = g_widget};

/* ---- top level: Live Activity --------------------------------------------------------------- */

static const tlc_type t_fields = {.kind = TLC_V_MAP, .name = "fields", .elem = &t_field_type};
static const tlc_type t_state = {.kind = TLC_V_MAP, .name = "content state", .elem = &t_any};
static const char *const presentations[] = {"lock-screen", "compact-leading", "compact-trailing",
					    "minimal", "expanded-leading", "expanded-trailing",
					    "expanded-center", "expanded-bottom", "small", NULL};
static const tlc_type t_views = {.kind = TLC_V_MAP, .name = "views", .elem = &t_template,
				 .enums = presentations};

static const tlc_keydef k_alert[] = {
	{"title", &t_string, 0, NULL, "Alert title.", "\"Nearby\""},
	{"body", &t_string, 0, NULL, "Alert body.", "\"Your order is 10 minutes away\""},
	{"sound", &t_string, 0, NULL, "Alert sound name.", "default"},
};
static const tlc_type t_alert = {.kind = TLC_V_OBJECT, .name = "alert", .keys = k_alert,
				 .nkeys = N(k_alert)};

static const tlc_keydef k_start[] = {
	{"at", &t_instant, TLC_KEY_REQUIRED, NULL, "When the activity starts.", "now"},
	{"via", &t_start_via, 0, "app", "Who starts it: the app in the foreground, or a push-to-start.",
	 "app"},
	{"state", &t_state, TLC_KEY_REQUIRED, NULL, "The initial content state.",
	 "{eta: $eta, status: \"On the way\"}"},
	{"stale-after", &t_duration, 0, NULL, "Stale date, relative to `at`.", "30m"},
	{"relevance-score", &t_la_score, 0, NULL, "Relevance score.", "50"},
	{"alert", &t_alert, 0, NULL, "The alert of a push-to-start.", NULL},
};
static const tlc_type t_start = {.kind = TLC_V_OBJECT, .name = "start", .keys = k_start,
				 .nkeys = N(k_start)};

static const tlc_keydef k_update[] = {
	{"at", &t_instant, TLC_KEY_REQUIRED, NULL, "When the update is sent.", "$eta - 10m"},
	{"via", &t_via, 0, "push",
	 "`push` (a server sends it), `app` (the app's own update: at a set time only with a "
	 "`background-modes` that keeps it running) or `intent` (a button's App Intent, when the "
	 "user acts: never TL211).",
	 "push"},
	{"while", &t_while, 0, NULL,
	 "`foreground`: with `via: app`, the app makes it only while the user has the app open "
	 "(never TL211; check also verifies the schedule without it).",
	 "foreground"},
	{"priority", &t_priority, 0, "10", "apns-priority: 10 counts toward the push budget, 5 does not.",
	 "5"},
	{"state", &t_state, 0, NULL, "Fields of the content state that change.",
	 "{status: \"Nearby\"}"},
	{"stale-after", &t_duration, 0, NULL, "Stale date, relative to `at`.", "15m"},
	{"relevance-score", &t_la_score, 0, NULL, "Relevance score.", "100"},
	{"alert", &t_alert, 0, NULL, "An alert shown with the update.", NULL},
	{"every", &t_duration, 0, NULL,
	 "Repeat the update at this interval from `at`: at least 1m for a push, 1s for `via: app`.",
	 "5m"},
	{"until", &t_instant, 0, NULL, "When a repeating update stops (required with `every`).",
	 "$eta"},
	{"varies", &t_field_names, 0, NULL,
	 "Fields of `state` whose values differ at each send (the server's or the app's latest "
	 "data); the values in `state` stand in for them.",
	 "[score]"},
};
static const char *const g_repeat[] = {"every", NULL};
static const tlc_keygroup g_update[] = {{g_repeat, false}, {NULL, false}};
static const tlc_type t_update = {.kind = TLC_V_OBJECT, .name = "update", .keys = k_update,
				  .nkeys = N(k_update), .groups = g_update};
static const tlc_type t_updates = {.kind = TLC_V_LIST, .name = "list of updates", .elem = &t_update};

static const tlc_keydef k_end[] = {
	{"at", &t_instant, TLC_KEY_REQUIRED, NULL,
	 "When the end push is sent (the system itself ends an activity only at 8 h).", "$eta + 5m"},
	{"via", &t_end_via, 0, "push",
	 "`push` (a server sends the end), `app` (the app's own activity.end: no push request; at "
	 "a set time only with a `background-modes` that keeps it running) or `intent` (a button's "
	 "App Intent, when the user acts: never TL211).",
	 "app"},
	{"while", &t_while, 0, NULL,
	 "`foreground`: with `via: app`, the user ends it in the app (never TL211; check also "
	 "verifies the schedule without it).",
	 "foreground"},
	{"state", &t_state, 0, NULL, "The final content state.", "{status: \"Delivered\"}"},
	{"dismissal", &t_dismissal, 0, "default",
	 "`default` (up to 4 h on the Lock Screen), `immediate`, or `after <duration>` (at most 4h).",
	 "after 15m"},
	{"alert", &t_alert, 0, NULL, "An alert shown with the end.", NULL},
};
static const tlc_type t_end = {.kind = TLC_V_OBJECT, .name = "end", .keys = k_end, .nkeys = N(k_end)};

static const tlc_keydef k_activity[] = {
	COMMON_KEYS_HEAD,
	{"live-activity", &t_name, TLC_KEY_REQUIRED, NULL,
	 "The activity's attributes type name (`attributes-type` in push-to-start).", "Delivery"},
	{"bundle-id", &t_name, TLC_KEY_REQUIRED, NULL, "The app's bundle id (apns-topic prefix).",
	 "com.example.shop"},
	COMMON_KEYS_TAIL,
	{"content-state", &t_fields, TLC_KEY_REQUIRED, NULL,
	 "The app's ContentState, field by field: date, string, int, double, bool; date-since is a "
	 "date the views count up from (an elapsed timer: the count-up is intended).",
	 "{eta: date, status: string}"},
	{"attributes", &t_state, 0, NULL, "The static attributes (count toward the 4 KB limit).",
	 "{order: \"A-1234\"}"},
	{"date-encoding", &t_date_enc, 0, "deferred-to-date",
	 "How the app's JSONDecoder reads dates: Swift's default is seconds since 2001-01-01.",
	 "seconds-since-1970"},
	{"channel-id", &t_string, 0, NULL, "Broadcast channel: pushes carry apns-channel-id.", NULL},
	{"background-modes", &t_bg_modes, 0, NULL,
	 "The app's UIBackgroundModes (Info.plist). With audio, location, bluetooth-central, "
	 "bluetooth-peripheral or external-accessory the app keeps running, so its own updates at "
	 "set times happen; fetch and processing run when iOS decides.",
	 "[audio]"},
	{"frequent-updates", &t_bool, 0, "false",
	 "The app's NSSupportsLiveActivitiesFrequentUpdates (Info.plist): TL210 assumes 60 "
	 "priority-10 pushes an hour instead of 12, while the user keeps frequent updates on.",
	 "true"},
	{"view", &t_views, TLC_KEY_REQUIRED, NULL, "What each presentation shows, over the content state.",
	 "{lock-screen: \"{status} · arrives in {countdown eta}\"}"},
	{"start", &t_start, TLC_KEY_REQUIRED, NULL, "How and when the activity starts.", NULL},
	{"updates", &t_updates, 0, NULL, "Updates over its life.", NULL},
	{"end", &t_end, 0, NULL, "The end push and its dismissal policy.", NULL},
};
const tlc_type tlc_type_activity_spec = {.kind = TLC_V_OBJECT, .name = "Live Activity spec",
					 .keys = k_activity, .nkeys = N(k_activity)};

/* ---- lookups ------------------------------------------------------------------------------ */

const tlc_keydef *tlc_type_key(const tlc_type *t, const char *name, size_t len)
{
	for (size_t i = 0; i < t->nkeys; i++)
		if (strlen(t->keys[i].name) == len && memcmp(t->keys[i].name, name, len) == 0)
			return &t->keys[i];
	return NULL;
}

const char *tlc_type_expectation(const tlc_type *t)
{
	switch (t->kind) {
	case TLC_V_STRING: return "a string";
	case TLC_V_NAME: return "a name (letters, digits, '_', '-', '.')";
	case TLC_V_INT: return "an integer";
	case TLC_V_NUMBER: return "a number";
	case TLC_V_BOOL: return "true or false";
	case TLC_V_ENUM: return "one of the listed words";
	case TLC_V_DURATION: return "a duration like '90m', '2h30m', '7d' or 'PT2H30M'";
	case TLC_V_SDURATION: return "a duration like '24h' or '-30m'";
	case TLC_V_INSTANT: return "an instant like '2026-12-01 18:00', '2026-12-01T17:00:00Z', '@1764612000', '$param - 10m' or 'now'";
	case TLC_V_WHEN: return "an instant, or a duration after the instantiation instant like '6h'";
	case TLC_V_WINDOW: return "a window like '2026-11-25 09:00 .. 2026-12-08 00:00'";
	case TLC_V_ZONE: return "a time zone like 'Europe/Berlin' or 'floating'";
	case TLC_V_LOCALE: return "a locale like 'en_US'";
	case TLC_V_TEMPLATE: return "a text template like 'Launch in {timer}'";
	case TLC_V_RECURRENCE: return "a recurrence like 'daily 09:30' or 'weekdays 09:30'";
	case TLC_V_RRULE: return "an RFC 5545 RRULE like 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30'";
	case TLC_V_DOMAIN: return "a domain like '5m .. 36h after now'";
	case TLC_V_DISMISSAL: return "'default', 'immediate' or 'after 15m'";
	case TLC_V_ANY_SCALAR: return "a string, number or boolean";
	case TLC_V_OBJECT: return "a mapping";
	case TLC_V_LIST: return "a sequence";
	case TLC_V_MAP: return "a mapping";
	case TLC_V_EITHER: return "a value or a mapping";
	default: return "a value";
	}
}
