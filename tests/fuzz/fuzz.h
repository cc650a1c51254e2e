/*
 * fuzz.h — what the fuzz harnesses (tests/fuzz/fuzz_*.c) share: the libFuzzer entry point, a
 * reader for the leading option bytes, the long-lived zone provider and ICU render context,
 * and the instantiation of a program (fuzz_program.c, fuzz_spec.c).
 *
 * Invariants:
 *  - A harness consumes its option bytes first (fuzz_byte: 0 once the input is exhausted), then
 *    hands the rest to the entry point. Options pick variants (front end, zone, now, locale);
 *    they never make an input invalid, so every seed is "options + a real file".
 *  - A broken documented invariant is a finding: FUZZ_CHECK prints it and aborts, so libFuzzer
 *    and the standalone replay (standalone.c) both stop on it like on a crash.
 *  - The zone provider and the render context live for the whole process (they are caches);
 *    everything else an input allocates is freed before LLVMFuzzerTestOneInput returns, so
 *    LeakSanitizer sees every leak.
 *  - Front-end inputs are checked against node.h and diag.h: spans inside their file, scalars
 *    NUL-free UTF-8 of the stated length, unique keys, bounded depth; every diagnostic renders.
 *  - Functions are static inline: each harness uses a subset, without unused warnings.
 */
#ifndef TLC_FUZZ_H
#define TLC_FUZZ_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/ctx.h"
#include "front/node.h"
#include "front/parse.h"
#include "timelinec/render.h"
#include "timelinec/timeline.h"
#include "timelinec/zone.h"

/* Change points one instantiation may examine here (TLC_MAX_CANDIDATES in production): enough
 * for TLC_MAX_ENTRIES and its refusal, small enough for millions of runs. */
#define FUZZ_MAX_CANDIDATES 20000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                            \
	do {                                                                                        \
		if (!(cond)) {                                                                      \
			fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__,   \
				#cond);                                                             \
			abort();                                                                    \
		}                                                                                   \
	} while (0)

typedef struct fuzz_in {
	const uint8_t *p;
	size_t n;
} fuzz_in;

static inline unsigned fuzz_byte(fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* The rest of the input as a malloc'd NUL-terminated copy (what tlc_sources_add takes). */
static inline char *fuzz_dup(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);
	if (!s)
		abort();
	if (n)
		memcpy(s, p, n);
	s[n] = 0;
	return s;
}

/* ---- long-lived state ------------------------------------------------------------------------ */

static inline tlc_zones *fuzz_zones(void)
{
	static tlc_zones *zones;
	if (!zones && tlc_zones_new_tzif(&zones, NULL) < 0) {
		fputs("fuzz: cannot open the system zone database\n", stderr);
		abort();
	}
	return zones;
}

/* Zones with awkward rules: 30-minute DST, negative DST, a skipped day, 45-minute offsets. */
static inline const char *fuzz_zone_name(unsigned k)
{
	static const char *const names[16] = {
		"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
		"Asia/Kathmandu", "America/Santiago", "Europe/Dublin", "Pacific/Apia", "+05:30",
		"-08:00", "Africa/Casablanca", "America/St_Johns", "Asia/Tehran", "Antarctica/Troll",
		"Pacific/Kiritimati"};
	return names[k % 16];
}

static inline const tlc_zone *fuzz_zone(unsigned k)
{
	const tlc_zone *z = NULL;
	if (tlc_zones_get(fuzz_zones(), fuzz_zone_name(k), &z) < 0)
		return NULL;
	return z;
}

static inline tlc_render_ctx *fuzz_render(void)
{
	static tlc_render_ctx *rc;
	if (!rc && tlc_render_ctx_new(&rc) < 0) {
		fputs("fuzz: cannot create the render context\n", stderr);
		abort();
	}
	return rc;
}

static inline const char *fuzz_locale(unsigned k)
{
	static const char *const names[8] = {"en_US", "de_DE", "ar_EG", "fr_FR",
					     "ja_JP", "pl_PL", "he_IL", "cy_GB"};
	return names[k % 8];
}

/* Instants to instantiate at: the examples' nows, the ends of the range, a DST change. */
static inline tlc_time fuzz_now(unsigned k)
{
	static const tlc_time nows[8] = {
		1795593600, /* 2026-11-25T08:00:00Z (launch) */
		1792648800, /* 2026-10-22T06:00:00Z (standup) */
		1774746000, /* 2026-03-29T01:00:00Z (a European DST change) */
		0,          /* 1970 */
		253402300799 - 86400,
		1767225599, /* 2025-12-31T23:59:59Z */
		1798761600, /* 2027-01-01 */
		1700000000};
	return nows[k % 8];
}

/* The instant an option byte picks: one of fuzz_now's, moved by up to 31 x 97 s. */
static inline tlc_time fuzz_now_from(unsigned b_now)
{
	return fuzz_now(b_now) + (tlc_time)((b_now >> 3) * 97);
}

/* ---- a program instantiated ------------------------------------------------------------------ */

/* A parameter's value from a 3-bit choice k: an instant around now, a number, a text. */
static inline void fuzz_param_value(tlc_param_value *v, const char *name, tlc_time now, unsigned k)
{
	static const int64_t offs[8] = {0, 60, 3600, -3600, 86400, 90000, 7 * 86400, -86400};
	memset(v, 0, sizeof *v);
	v->name = name;
	v->instant = now + offs[k & 7];
	if (v->instant < TLC_TIME_MIN || v->instant > TLC_TIME_MAX)
		v->instant = now;
	v->number = offs[k & 7];
	v->text = k & 1 ? "1.5" : "Ann";
}

/* Values of a list parameter: empty, items with or without an end and fields of any kind,
 * overlapping, and broken ones (not an array, a missing 'at', a bad instant). */
static const char *const fuzz_lists[8] = {
	"[]",
	"[{\"at\": \"2026-12-01T10:00:00Z\", \"end\": \"2026-12-01T11:00:00Z\", \"name\": \"a\"}]",
	"[{\"at\": \"@1796090000\"}, {\"at\": \"@1796080000\", \"end\": \"@1796190000\"}]",
	"[{\"at\": \"2026-12-01 10:00\", \"end\": null, \"name\": \"b\", \"n\": 3}]",
	"{}",
	"[{\"end\": \"@1796090000\"}]",
	"[{\"at\": \"2026-13-01T10:00:00Z\"}]",
	"[1, 2",
};

/* Whether option byte `seed` gives parameter i a value (some are left out), and which (*k). */
static inline bool fuzz_param_given(unsigned seed, size_t i, unsigned *k)
{
	*k = (seed + 3u * (unsigned)i) & 7;
	return !((seed & 0x80) && *k == 7);
}

/* Parameter values derived from an option byte, one per declared parameter (some left out). */
static inline size_t fuzz_params(const tlc_program *p, tlc_time now, unsigned seed,
				 tlc_param_value *v, size_t cap)
{
	size_t n = 0;
	unsigned k;
	for (size_t i = 0; i < p->nparams && n < cap; i++)
		if (fuzz_param_given(seed, i, &k)) {
			fuzz_param_value(&v[n], p->params[i].name, now, k);
			if (p->params[i].type == TLC_PPARAM_EVENTS) /* a list: some valid, some not */
				v[n].text = fuzz_lists[k & 7];
			n++;
		}
	return n;
}

/* The documented invariants of a timeline: ascending entries, lookup agreeing with the dates,
 * and (`minimal`: instantiated, not read from JSON) none showing the same as the one before. */
static inline void fuzz_check_timeline(const tlc_timeline *tl, bool minimal)
{
	size_t nc = tl->program ? tl->program->ncountdowns : 0;
	FUZZ_CHECK(tl->nentries > 0);
	for (size_t i = 1; i < tl->nentries; i++) {
		const tlc_entry *a = &tl->entries[i - 1], *b = &tl->entries[i];
		FUZZ_CHECK(a->date < b->date);
		if (!minimal)
			continue;
		bool same = a->relevance == b->relevance &&
			    a->date + a->relevance_duration == b->date + b->relevance_duration;
		for (size_t c = 0; same && c < nc; c++)
			same = tlc_view_equal(&a->views[c], &b->views[c]);
		FUZZ_CHECK(!same);
	}
	for (size_t i = 0; i < tl->nentries; i++)
		FUZZ_CHECK(tlc_timeline_lookup(tl, tl->entries[i].date) == (ptrdiff_t)i);
	if (tl->entries[0].date > INT64_MIN)
		FUZZ_CHECK(tlc_timeline_lookup(tl, tl->entries[0].date - 1) == -1);
}

/* The display at t equals the naive evaluation of the semantics (timeline.h, docs/semantics.md). */
static inline void fuzz_check_evaluate(const tlc_timeline *tl, tlc_time t)
{
	size_t nc = tl->program->ncountdowns;
	ptrdiff_t at = tlc_timeline_lookup(tl, t);
	tlc_tl_view *views = calloc(nc ? nc : 1, sizeof *views);
	double rel = 0;
	if (!views)
		abort();
	if (at >= 0 && t < tl->end && tlc_evaluate(views, &rel, tl, t) == 0) {
		for (size_t c = 0; c < nc; c++)
			FUZZ_CHECK(tlc_view_equal(&views[c], &tl->entries[at].views[c]));
	}
	for (size_t c = 0; c < nc; c++)
		tlc_view_release(&views[c]);
	free(views);
}

/* instantiate(p, t) == slice(instantiate(p, t0), t) with the same data time, in the window
 * (docs/semantics.md, "Slicing"). */
static inline void fuzz_check_slice(const tlc_program *p, const tlc_instantiate_opts *o0,
				    const tlc_timeline *tl, const tlc_timeline *sl, tlc_time t)
{
	tlc_instantiate_opts o = *o0;
	tlc_timeline *it = NULL;
	tlc_inst_err ie;
	o.now = t;
	o.data_time = tl->data_time;
	if (tlc_instantiate(&it, p, &o, &ie) < 0)
		return;
	FUZZ_CHECK(it->nentries == sl->nentries);
	for (size_t i = 0; i < it->nentries; i++) {
		const tlc_entry *a = &it->entries[i], *b = &sl->entries[i];
		FUZZ_CHECK(a->date == b->date);
		FUZZ_CHECK(a->relevance == b->relevance);
		FUZZ_CHECK(a->relevance_duration == b->relevance_duration);
		for (size_t c = 0; c < p->ncountdowns; c++)
			FUZZ_CHECK(tlc_view_equal(&a->views[c], &b->views[c]));
	}
	tlc_timeline_free(it);
}

/* Writes tl, reads it back, writes that again: the two texts must be equal. */
static inline void fuzz_timeline_roundtrip(const tlc_timeline *tl)
{
	tlc_buf a = TLC_BUF_INIT, b = TLC_BUF_INIT;
	const tlc_program *p = tl->program;
	const char *const *locs = (const char *const *)p->locales;
	int rc = tlc_timeline_write_json(&a, tl, locs, p->nlocales, NULL, NULL);
	if (rc == 0 && !tlc_buf_oom(&a)) {
		tlc_timeline *back = NULL;
		tlc_err e;
		rc = tlc_timeline_read_json(&back, a.ptr, a.len, &e);
		if (rc < 0)
			fprintf(stderr, "fuzz: re-reading a written timeline: %s\n%s\n", e.msg, a.ptr);
		FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
		if (rc == 0) {
			rc = tlc_timeline_write_json(&b, back, locs, p->nlocales, NULL, NULL);
			FUZZ_CHECK(rc < 0 || tlc_buf_oom(&b) || (a.len == b.len && !memcmp(a.ptr, b.ptr, a.len)));
			tlc_timeline_free(back);
		}
	}
	tlc_buf_release(&a);
	tlc_buf_release(&b);
}

/* Writes p, reads it back, writes that again: the texts must be equal and the read succeed. */
static inline void fuzz_program_roundtrip(const tlc_program *p)
{
	tlc_buf a = TLC_BUF_INIT, b = TLC_BUF_INIT;
	tlc_program *back = NULL;
	tlc_err e;
	tlc_program_write_json(&a, p);
	if (!tlc_buf_oom(&a)) {
		int rc = tlc_program_read_json(&back, a.ptr, a.len, &e);
		if (rc < 0)
			fprintf(stderr, "fuzz: re-reading a written program: %s\n%s\n", e.msg, a.ptr);
		FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
		if (rc == 0) {
			tlc_program_write_json(&b, back);
			FUZZ_CHECK(tlc_buf_oom(&b) || (a.len == b.len && !memcmp(a.ptr, b.ptr, a.len)));
		}
		tlc_program_free(back);
	}
	tlc_buf_release(&a);
	tlc_buf_release(&b);
}

/*
 * Instantiates p: b_now picks now, b_zone the display zone (bit 4: the default), b_params the
 * parameter values; then the invariants, a slice, the evaluation at a few instants and the JSON
 * round trip (flags bit 0).
 */
static inline void fuzz_instantiate(const tlc_program *p, unsigned b_now, unsigned b_zone,
				    unsigned b_params, unsigned flags)
{
	const tlc_zone *ez = NULL, *dz = NULL;
	tlc_param_value vals[64];
	tlc_inst_err ie;
	tlc_timeline *tl = NULL, *sl = NULL;
	if (!p->zone || (strcmp(p->zone, "floating") != 0 && tlc_zones_get(fuzz_zones(), p->zone, &ez) < 0))
		return;
	dz = (b_zone & 0x10) && ez ? ez : fuzz_zone(b_zone);
	tlc_time now = fuzz_now_from(b_now);
	tlc_instantiate_opts o = {.now = now, .data_time = TLC_TIME_NONE, .now_source = TLC_NOW_OPTION,
				  .event_zone = ez, .display_zone = dz, .params = vals};
	o.nparams = fuzz_params(p, now, b_params, vals, 64);
	/* 2,000,000 change points take seconds under the sanitizers; the refusal is the same */
	o.max_candidates = FUZZ_MAX_CANDIDATES;
	if (tlc_instantiate(&tl, p, &o, &ie) < 0)
		return;
	fuzz_check_timeline(tl, true);
	tlc_time span = tl->entries[tl->nentries - 1].date - tl->entries[0].date;
	for (unsigned k = 0; k < 4; k++)
		fuzz_check_evaluate(tl, tl->entries[0].date + span / 4 * k + (tlc_time)k * 7);
	for (size_t k = 0, step = tl->nentries / 12 + 1; k < tl->nentries; k += step) {
		fuzz_check_evaluate(tl, tl->entries[k].date);
		if (tl->entries[k].date > 0)
			fuzz_check_evaluate(tl, tl->entries[k].date - 1);
	}
	tlc_time cut = tl->entries[0].date + span / 2 + 1;
	if (tlc_timeline_slice(&sl, tl, cut) == 0) {
		FUZZ_CHECK(sl->entries[0].date == cut);
		fuzz_check_timeline(sl, true);
		if (p->has_window && cut < tl->end)
			fuzz_check_slice(p, &o, tl, sl, cut);
		tlc_timeline_free(sl);
	}
	if ((flags & 1) && tl->nentries <= 512) /* the JSON of long timelines is slow to fuzz */
		fuzz_timeline_roundtrip(tl);
	tlc_timeline_free(tl);
}
/* ---- the compiler's front end ----------------------------------------------------------------- */

/* Registers a copy of bytes [p, p+n) as file `name`; aborts when out of memory. */
static inline uint32_t fuzz_source(tlc_ctx *ctx, const char *name, const uint8_t *p, size_t n)
{
	uint32_t file = tlc_sources_add(&ctx->sources, name, fuzz_dup(p, n), n);
	if (!file)
		abort();
	return file;
}

static inline void fuzz_check_span(const tlc_ctx *ctx, tlc_span sp)
{
	if (sp.file == 0)
		return;
	const tlc_source *src = tlc_sources_get(&ctx->sources, sp.file);
	FUZZ_CHECK(src != NULL);
	FUZZ_CHECK(sp.start <= sp.end && sp.end <= src->len);
}

/* The errors among the diagnostics (diags.count is not kept up to date when a severity changes). */
static inline size_t fuzz_errors(const tlc_ctx *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < ctx->diags.n; i++)
		n += ctx->diags.v[i].sev == TLC_SEV_ERROR;
	return n;
}

/* Every diagnostic has a rule and a message, spans inside their file, and renders. */
static inline void fuzz_check_diags(tlc_ctx *ctx)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_render_opts color = {1}, plain = {0};
	tlc_diags_sort(&ctx->diags);
	for (size_t i = 0; i < ctx->diags.n; i++) {
		const tlc_diag *g = &ctx->diags.v[i];
		FUZZ_CHECK(g->rule != NULL && g->message != NULL);
		FUZZ_CHECK(strlen(g->rule) == 5 && strncmp(g->rule, "TL", 2) == 0);
		fuzz_check_span(ctx, g->span);
		fuzz_check_span(ctx, g->related);
		tlc_buf_clear(&b);
		tlc_diag_render_human(&b, &ctx->sources, g, i & 1 ? &color : &plain);
		tlc_diag_render_json(&b, &ctx->sources, g);
	}
	tlc_buf_release(&b);
}

typedef struct fuzz_walk {
	const tlc_ctx *ctx;
	size_t budget;   /* nodes left to visit: aliases make the tree a DAG */
	size_t offsets;  /* value offsets left to map */
} fuzz_walk;

static inline void fuzz_check_scalar(fuzz_walk *w, const tlc_node *n)
{
	const tlc_source *src = tlc_sources_get(&w->ctx->sources, n->span.file);
	FUZZ_CHECK(n->str != NULL && n->str[n->len] == 0 && strlen(n->str) == n->len);
	FUZZ_CHECK(n->len <= TLC_MAX_SCALAR_LEN);
	FUZZ_CHECK(tlc_utf8_check(n->str, n->len) == (size_t)-1);
	FUZZ_CHECK((unsigned)n->style < TLC_STYLE_MAX && (unsigned)n->type < TLC_SCALAR_TYPE_MAX);
	/* each call decodes the scalar again: all offsets of short values, a sample of long ones,
	 * within a budget of work per input */
	size_t cost = 1 + n->len / 64, step = n->len <= 64 ? 1 : n->len / 32;
	for (size_t v = 0; v <= n->len && w->offsets >= cost; w->offsets -= cost) {
		size_t off = tlc_node_value_offset(src, n, v);
		v = v < 8 || v + 8 >= n->len ? v + 1 : v + step > n->len - 8 ? n->len - 8 : v + step;
		FUZZ_CHECK(off >= n->span.start && off <= n->span.end);
	}
}

/* node.h's invariants, over at most w->budget nodes. */
static inline void fuzz_check_node(fuzz_walk *w, const tlc_node *n, unsigned depth)
{
	if (!w->budget)
		return;
	w->budget--;
	FUZZ_CHECK(n != NULL && depth <= TLC_MAX_DEPTH + 1);
	fuzz_check_span(w->ctx, n->span);
	FUZZ_CHECK(n->span.file != 0);
	if (n->kind == TLC_NODE_SCALAR) {
		fuzz_check_scalar(w, n);
		return;
	}
	FUZZ_CHECK(n->kind == TLC_NODE_MAP || n->kind == TLC_NODE_SEQ);
	for (size_t i = 0; i < n->n && w->budget; i++) {
		if (n->kind == TLC_NODE_SEQ) {
			fuzz_check_node(w, n->items[i], depth + 1);
			continue;
		}
		const tlc_node *k = n->pairs[i].key;
		FUZZ_CHECK(k != NULL && k->kind == TLC_NODE_SCALAR);
		for (size_t j = 0; j < i && j < 64; j++)
			FUZZ_CHECK(n->pairs[j].key->len != k->len ||
				   memcmp(n->pairs[j].key->str, k->str, k->len) != 0);
		FUZZ_CHECK(tlc_node_get(n, k->str) != NULL);
		fuzz_check_node(w, k, depth + 1);
		fuzz_check_node(w, n->pairs[i].value, depth + 1);
	}
}

/* offsets: the work budget for value offsets (0: none, when another harness maps them). */
static inline void fuzz_check_tree(const tlc_ctx *ctx, const tlc_node *root, size_t offsets)
{
	fuzz_walk w = {ctx, 20000, offsets};
	if (!root)
		return;
	fuzz_check_node(&w, root, 0);
}
#endif
