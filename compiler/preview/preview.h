/*
 * preview.h — the model behind `timelinec preview SPEC`: one instantiated timeline (the one
 * `compile --timeline` writes for the same --now, --param and --display-zone), what a device does
 * with it under a refresh-budget profile (the reloads it asks for, their worst-case arrivals, the
 * stretches where it shows out-of-date text), and the findings `check --now T` reports. Printed as
 * a terminal table (preview_table.c) or as one self-contained HTML page (preview_html.c).
 *
 * Every text comes from the ICU render module through tlc_display_view() (display.h), as
 * `render` prints it. Ownership: preview_release() frees what preview_device() and
 * preview_findings() allocated; the spec, program and timeline belong to the caller.
 */
#ifndef TLC_PREVIEW_H
#define TLC_PREVIEW_H
#include <stdio.h>
#include "base/ctx.h"
#include "spec/spec.h"
#include "timelinec/budget.h"
#include "timelinec/timeline.h"

/* One reload: asked for by timeline `timeline` (0: the first), arriving at worst `arrives`. */
typedef struct pv_reload {
	size_t timeline;      /* the timeline that asks */
	tlc_time made;        /* when that timeline was made (the instant it was instantiated at) */
	tlc_time asked;       /* the date its policy names (.after date; .atEnd: its last entry) */
	tlc_time arrives;     /* the worst-case arrival under the profile; TLC_TIME_NONE: never */
	tlc_policy_kind policy;
	bool loop;            /* .atEnd on a constant tail: a reload loop */
} pv_reload;

/* A stretch where the device shows something else than the spec asks for, because an entry or
 * a reload comes late (as the verifier's replay sees it, runtime/core/replay.c). */
typedef struct pv_stale {
	tlc_time from, to;    /* [from, to) */
	int countdown;
	size_t timeline;      /* the timeline whose entry the device still shows */
	bool no_reload;       /* nothing replaces it until the app runs */
} pv_stale;

typedef struct pv_finding {
	const char *rule;     /* static */
	tlc_severity sev;
	const char *message;  /* borrowed from the ctx's diagnostics */
	const char *file;     /* borrowed; NULL when the finding has no file */
	unsigned line, col;
	bool has_timing;
	tlc_time first;
	int64_t worst;        /* INT64_MAX: until the app runs */
	size_t count;
} pv_finding;

typedef struct preview {
	FILE *err;                   /* where problems are told (the caller's: standard error) */
	const char *path;            /* the spec as given */
	const tlc_spec *spec;
	const tlc_program *p;
	const tlc_timeline *tl;      /* the first timeline: what the text columns show */
	tlc_time until;              /* the preview covers [tl->start, until): tl->end, or later when
					the reload tl asks for arrives after its end (horizon specs) */
	const tlc_zone *dz;          /* the display zone */
	tlc_render_ctx *render;
	tlc_instantiate_opts io;     /* how tl was made (reloads re-instantiate with these) */
	tlc_budget budget;
	const char *now_why;         /* where `now` came from, for humans */
	bool param_domain;           /* findings replay the check-params domain, not io.params */
	const char **locales;        /* the locales shown */
	size_t nlocales;
	pv_reload *reloads;
	size_t nreloads;
	pv_stale *stale;
	size_t nstale;
	pv_finding *findings;        /* sorted: timed ones by first instant, after the untimed */
	size_t nfindings;
} preview;

/* Sets until; the reload chain and the out-of-date stretches over [tl->start, until), against
 * the intended display (tl, instantiated further when until > tl->end); 0 or TLC_E*. */
int preview_device(preview *pv, tlc_inst_err *err);
/* Takes the diagnostics of ctx (after suppressions and overrides) as findings; 0 or TLC_ENOMEM. */
int preview_findings(preview *pv, const tlc_ctx *ctx);
void preview_release(preview *pv);

/* "2026-12-01 17:57:28 +01:00": local time in the display zone. buf: at least 40 bytes. */
void pv_fmt_local(const preview *pv, char *buf, size_t n, tlc_time t);

/* The rows of a terminal table (preview_table.c, preview_activity.c): WHEN and WHAT print on
 * the first row of a group and blank after it; compact (--at) drops both columns. */
typedef struct pvt_rows {
	FILE *out;
	int what_w;      /* width of the WHAT column */
	char when[48];   /* the WHEN cell of the next row ("" after the first row of a group) */
	char what[24];
	bool compact;
} pvt_rows;

void pvt_row(pvt_rows *r, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* "2 h 30 min", "45 s", "3 d 4 h". */
void pv_fmt_dur(char *buf, size_t n, int64_t s);
/* "phase 0, above 24h", "phase 3, the last", "stale text", "nothing shows". */
void pv_phase_name(const preview *pv, char *buf, size_t n, size_t countdown, int32_t phase);
const char *pv_policy_name(tlc_policy_kind k);
/* The whole text of countdown c's view for family fam in entry k at instant t (display.h). */
int pv_view_text(const preview *pv, tlc_buf *out, size_t k, size_t c, tlc_family_id fam,
		 const char *locale, tlc_time t);

/* The terminal table: every entry, reload, stretch and finding, or one instant (at != NONE). */
int preview_table(const preview *pv, FILE *out, tlc_time at);
/*
 * Where a page goes as it is made: the bytes gather in `buf` and go to the caller's `sink` (the
 * CLI's atomic file) in chunks of `chunk` bytes (0: all at the end, as standard output wants:
 * a page that fails halfway writes nothing), so a page is never held whole. `rc` keeps the first
 * failure (the sink's -1, or TLC_ENOMEM).
 */
typedef struct pvh_out {
	tlc_buf buf;
	int (*sink)(void *ud, const char *data, size_t len);
	void *ud;
	size_t chunk;
	int rc;
} pvh_out;
/* Hands buf to the sink once it holds `chunk` bytes (all of it when `all`). */
void pvh_flush(pvh_out *o, bool all);

/* The page (compiler/preview/preview.html with the data filled in), written to out;
 * initial_locale may be NULL. On failure it has said why on pv->err. */
int preview_html(const preview *pv, pvh_out *out, const char *initial_locale);

/* The page template, generated from compiler/preview/preview.html (compiler/preview/gen.sh):
 * NULL-terminated lines. */
extern const char *const tlc_preview_page[];

/* ---- the page's building blocks (preview_html.c), shared by the widget and Live Activity pages -- */

/* A string intern table: index of each distinct string. */
typedef struct pvh_intern {
	char **v;
	size_t n, cap;
	size_t *slots;   /* open addressing: index + 1, 0 empty */
	size_t nslots;
} pvh_intern;

/* The index of s (n bytes) in t, adding it when new; -1 on OOM. */
ptrdiff_t pvh_intern_add(pvh_intern *t, const char *s, size_t n, bool *added);
void pvh_intern_free(pvh_intern *t);

/* A self-updating part, as the page evaluates it. */
enum { PVH_LIVE_TIMER, PVH_LIVE_COUNTDOWN, PVH_LIVE_FN, PVH_LIVE_PROGRESS,
       PVH_LIVE_CTIMER,     /* {countdown-timer}: from, target, style */
       PVH_LIVE_STOPWATCH }; /* {stopwatch}: target (the start), style */
typedef struct pvh_live {
	int kind;            /* PVH_LIVE_* */
	tlc_time target, from, pause; /* pause: TLC_TIME_NONE when none */
	size_t fn;           /* PVH_LIVE_FN */
	tlc_style style;     /* PVH_LIVE_CTIMER, PVH_LIVE_STOPWATCH: hours, max, precision */
} pvh_live;

/* A {relative} or {offset} text as a function of t: change points per locale. */
typedef struct pvh_fn {
	tlc_run_kind kind;
	tlc_time target;
	tlc_style style;     /* DATE_OFFSET: its options */
	tlc_time lo, hi;     /* [lo, hi): where it shows */
	tlc_time **t;        /* per locale: change instants */
	size_t **s;          /* per locale: string index at each */
	size_t *n, *cap;
} pvh_fn;

/* A distinct view of a page: parts >= 0 are static slots, < 0 are live parts -(1 + index). */
typedef struct pvh_view {
	long *parts;
	size_t nparts, nslots;
	size_t **slots;               /* per locale: string index per slot */
	/* the widget page's: a view that shows it (to render its static runs), family, instant */
	const tlc_tl_view *src;
	tlc_family_id fam;
	tlc_time at;
} pvh_view;

struct pvh_kit;
/* The renderer's text of fn f in locale li at t (out is cleared first). */
typedef int (*pvh_fn_text_cb)(struct pvh_kit *k, tlc_buf *out, const pvh_fn *f, size_t li, tlc_time t);
/* The renderer's {timer} text for |T - t| == secs in locale li (out is cleared first). */
typedef int (*pvh_timer_cb)(struct pvh_kit *k, tlc_buf *out, size_t li, uint64_t secs);

/* What both pages share: the locales' strings and digits, the live parts and their change
 * points. The owner sets locales, nlocales, dz, fn_text, timer and ud, then calls pvh_kit_init. */
typedef struct pvh_kit {
	FILE *err;                    /* where problems are told (the caller's: standard error) */
	const char *const *locales;
	size_t nlocales;
	const tlc_zone *dz;           /* the display zone ({relative}/{offset} probes its transitions) */
	pvh_fn_text_cb fn_text;
	pvh_timer_cb timer;
	void *ud;
	pvh_intern *strings;          /* per locale */
	char (*digits)[10][16];       /* per locale */
	pvh_intern live_by_key;
	pvh_live *lives;
	size_t nlives, lcap;
	pvh_fn *fns;
	size_t nfns, fcap;
	size_t total_changes;
	pvh_intern views_by_key;      /* index = view index */
	pvh_view *views;
	size_t nviews, vcap;
	tlc_buf key;
	bool told;                    /* an error was explained already */
} pvh_kit;

int pvh_kit_init(pvh_kit *k);
void pvh_kit_free(pvh_kit *k);
/* The live part of run kind `kind` (a TIMER, COUNTDOWN, PROGRESS, RELATIVE, OFFSET or
 * DATE_OFFSET run) with these instants, shown over [lo, hi): its index, or -1 on OOM. A
 * COUNTDOWN's pause NONE means its target. style: an iOS 18 style's options, else NULL. */
ptrdiff_t pvh_add_live(pvh_kit *k, tlc_run_kind kind, tlc_time target, tlc_time from,
		       tlc_time pause, tlc_time lo, tlc_time hi, const tlc_style *style);
/* The digits of every locale (checked against k->timer), then the change points of every fn. */
int pvh_kit_render(pvh_kit *k);
/* The view whose key is in k->key: its index, or -1 on OOM. *added when new: then it is a
 * zeroed view at the end, for the caller to fill. */
ptrdiff_t pvh_add_view(pvh_kit *k, bool *added);
/* What the page's script writes for live part i in locale li at t (the self-check). */
void pvh_live_text(const pvh_kit *k, tlc_buf *out, size_t i, size_t li, tlc_time t);
/* ... and for view vi (none when vi < 0): its static slots and live parts. */
void pvh_view_text(const pvh_kit *k, tlc_buf *out, long vi, size_t li, tlc_time t);
bool pvh_buf_eq(const tlc_buf *a, const tlc_buf *b);

/* JSON pieces of the page's data. jstr: a string that is also safe inside <script>. */
void pvh_jstr(tlc_buf *b, const char *s);
void pvh_jtime(tlc_buf *b, tlc_time t);
void pvh_jkey(tlc_buf *b, const char *k);
/* "zoneT":[...],"zoneO":[...], over [from - 2 d, until + 2 d], then a comma. */
void pvh_write_zone(tlc_buf *b, const tlc_zone *dz, tlc_time from, tlc_time until);
/* "views":[...],"live":[...],"byLocale":{LOCALE:{"digits","strings","fns","slots"},...} */
void pvh_write_views(const pvh_kit *k, tlc_buf *b);
/* The template with @@TITLE@@ (title, escaped) and @@DATA@@ (write_data's output) filled in;
 * *told when it said why it failed. */
int pvh_fill_template(FILE *err, pvh_out *out, const char *title,
		      void (*write_data)(void *ud, pvh_out *o), void *ud, bool *told);

/* ---- Live Activities (preview_activity.c, preview_activity_html.c) -------------------------- */

#include "lower/activity.h"
#include "spec/template.h"

#define PA_MAX_PARTS 64

/* One part of a presentation's template: static text (literal text, messages, {date}, {time},
 * and live runs on a field the state leaves unset), or a self-updating run. */
typedef struct pa_part {
	bool live;           /* {timer}, {countdown}, {relative}, {offset} or {progress} on a field */
	tlc_run_kind kind;   /* live: the run's kind */
	int field;           /* live: the date field */
	tlc_style style;     /* live DATE_OFFSET: its options */
	tlc_node node;       /* the part alone, as a template (a narrowed copy of the view's node) */
} pa_part;

typedef struct pa_pres {
	int pres;            /* index into tlc_presentation_names */
	tlc_tmpl tm;         /* the view's runs */
	pa_part parts[PA_MAX_PARTS];
	size_t nparts;
} pa_pres;

/* What happens at a segment's start. */
enum {
	PA_AT_START = 1, PA_AT_UPDATE = 2, PA_AT_END = 4, PA_AT_STALE = 8, PA_AT_SYSTEM_END = 16,
	PA_AT_GONE = 32, PA_AT_ENDED = 64 /* the phase turns ended (by the end push or the system) */
};

/* A stretch where the same state shows in the same phase. */
typedef struct pa_seg {
	tlc_time from, to;   /* [from, to) */
	size_t state;        /* the state shown (index into sch->states) */
	tlc_la_phase phase;
	unsigned at;         /* PA_AT_* */
} pa_seg;

typedef struct pa_finding {
	const char *rule;    /* static */
	tlc_severity sev;
	const char *message; /* borrowed from the ctx's diagnostics */
	const char *file;    /* borrowed; NULL when the finding has no file */
	unsigned line, col;
	bool timed;          /* it happens with these --param values, over [from, to) */
	tlc_time from, to;
	bool checked;        /* check reports it (over the check-params domain) */
} pa_finding;

typedef struct pv_activity {
	FILE *err;                   /* where problems are told (the caller's: standard error) */
	const char *path;            /* the spec as given */
	const tlc_spec *spec;
	const tlc_la_schedule *sch;
	tlc_ctx *ctx;                /* the spec's context: sources, the render context */
	const tlc_zone *dz;          /* the display zone */
	tlc_time now;
	const char *now_why;
	const char *const *params;   /* NAME=VALUE as given */
	size_t nparams;
	bool param_domain;           /* check samples instant parameters over their domain */
	const char **locales;
	size_t nlocales;
	tlc_time from, until;        /* the page covers [from, until]: the life with a margin */
	pa_pres pres[TLC_LA_PRESENTATIONS];
	size_t npres;
	pa_seg *segs;                /* cover [from, until) */
	size_t nsegs;
	pa_finding *findings;        /* untimed first, then by instant */
	size_t nfindings;
	/* rendering: a context sharing ctx's sources with an arena of its own, emptied now and then
	 * (every render splits the template into the arena); a spec and a schedule to render one
	 * part or a synthetic state with */
	tlc_ctx scratch;
	size_t scratch_uses;
	tlc_spec sub_spec;
	tlc_la_schedule sub_sch;
	tlc_la_schedule syn;
	tlc_la_state syn_state;
} pv_activity;

/* The presentations' parts and the segments over [from, until); 0 or TLC_E*. */
int pa_build(pv_activity *pa);
/* The findings: those of `checked` (what check reports), placed at their instants when `local`
 * (the same rules over this very schedule) has them too, with local's message then (it speaks of
 * this schedule), then those only `local` has. Borrows the messages. 0 or TLC_ENOMEM. */
int pa_findings(pv_activity *pa, const tlc_diags *checked, const tlc_diags *local);
void pa_release(pv_activity *pa);
/* What presentation pa->pres[pi] reads at t, and the phase (tlc_activity_render). */
int pa_text(pv_activity *pa, tlc_buf *out, size_t pi, const char *locale, tlc_time t,
	    tlc_la_phase *phase);
/* Part `part` of pa->pres[pi] alone at t, on the real schedule (sch NULL) or state st of a
 * synthetic one (the page's {relative} change points and digits). */
int pa_part_text(pv_activity *pa, tlc_buf *out, size_t pi, const pa_part *part,
		 const char *locale, tlc_time t, const tlc_la_state *st);
/* When the value of date field f that state s holds was set (activity.c's value_since()). */
tlc_time pa_value_since(const pv_activity *pa, size_t s, int f);
/* The segment holding t, or -1 before pa->from. */
ptrdiff_t pa_seg_at(const pv_activity *pa, tlc_time t);
/* "2026-12-01 17:57:28 +01:00" in the display zone. */
void pa_fmt_local(const pv_activity *pa, char *buf, size_t n, tlc_time t);
const char *pa_event_name(const tlc_la_state *st);
const char *pa_via_name(tlc_via v);

int preview_activity_table(pv_activity *pa, FILE *out, tlc_time at);
int preview_activity_html(pv_activity *pa, pvh_out *out, const char *initial_locale);
#endif
