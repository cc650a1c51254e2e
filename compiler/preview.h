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
#include "ctx.h"
#include "spec.h"
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
/* The page (compiler/preview/preview.html with the data filled in); initial_locale may be NULL.
 * On failure it has said why on stderr. */
int preview_html(const preview *pv, tlc_buf *out, const char *initial_locale);

/* The page template, generated from compiler/preview/preview.html (compiler/preview/gen.sh):
 * NULL-terminated lines. */
extern const char *const tlc_preview_page[];
#endif
