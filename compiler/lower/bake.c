/*
 * bake.c — precomputed text for baked messages, so a widget extension that links only the
 * runtime core (no ICU) shows the same words: for each message and each of the spec's locales,
 * the text of every argument tuple the display can meet. Tuples are bounded by how far the
 * target can be (window, horizon, check-params domain); a message whose table would exceed
 * TLC_BAKE_MAX_TUPLES, or that uses a text parameter, is left to the app (key + arguments).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lower/bake.h"

#define TLC_BAKE_MAX_TUPLES 2000
#define TLC_E2BIG_BAKE (-1000) /* internal: the baked texts passed TLC_MAX_PROGRAM_BYTES */

/* The lowest a parameter threshold can be: over its domain, or a year below 0 without one. */
static int64_t param_low(const tlc_spec *s, const tlc_sp_phase *ph)
{
	for (size_t k = 0; k < s->nparams; k++)
		if (!strcmp(s->params[k].name, ph->above_param) && s->params[k].has_domain)
			return ph->above_sign < 0 ? -s->params[k].dur_hi : s->params[k].dur_lo;
	return -366 * 86400;
}

/* The largest |r| the display can meet, in seconds. */
static int64_t r_bound(const tlc_spec *s, const tlc_program *p)
{
	int64_t span = p->has_window ? s->window_end.at - s->window_start.at : p->horizon;
	int64_t extra = 0;
	for (size_t i = 0; i < s->ncountdowns; i++) {
		const tlc_sp_countdown *c = &s->countdowns[i];
		int64_t e = 366 * 86400;
		if (c->target.set && c->target.expr.kind == TLC_TIME_EXPR_LITERAL && !c->target.local &&
		    p->has_window) {
			tlc_time a = s->window_start.at, b = s->window_end.at, T = c->target.at;
			e = T > a ? T - a : a - T;
			if ((T > b ? T - b : b - T) > e)
				e = T > b ? T - b : b - T;
		}
		for (size_t k = 0; k < s->nparams; k++)
			if (s->params[k].has_domain && c->target.param &&
			    strcmp(c->target.param, s->params[k].name) == 0 &&
			    s->params[k].domain.kind == TLC_PARAM_DOMAIN_RELATIVE)
				e = s->params[k].domain.hi + span;
		for (size_t k = 0; k < c->nphases; k++) {
			int64_t low = c->phases[k].above;
			if (c->phases[k].above_param) /* the lowest value over the domain */
				low = param_low(s, &c->phases[k]);
			if (c->phases[k].has_above && -low > 0)
				e = e > -low ? e : -low;
		}
		if (e > extra)
			extra = e;
	}
	return p->has_window ? extra : span + extra;
}

typedef struct tuples {
	int64_t max[TLC_UNIT_COUNT];
	int units[TLC_UNIT_COUNT];
	size_t nu;
	size_t count;
} tuples;

static bool plan(tuples *t, unsigned units, int64_t r)
{
	const int64_t max[TLC_UNIT_COUNT] = {r / 86400, 23, 59, 59, r / 3600, r / 60, r / 86400 + 1};
	t->nu = 0;
	t->count = 1;
	for (int u = 0; u < TLC_UNIT_COUNT; u++) {
		if (!(units & (1u << u)))
			continue;
		t->units[t->nu] = u;
		t->max[t->nu++] = max[u];
		if (max[u] + 1 > TLC_BAKE_MAX_TUPLES || t->count * (size_t)(max[u] + 1) > TLC_BAKE_MAX_TUPLES)
			return false;
		t->count *= (size_t)(max[u] + 1);
	}
	return true;
}

/* A new table of message mi in `locale`, sized for t; p->nbaked counts it at once, so that
 * tlc_program_free releases what it holds whatever happens next. NULL when out of memory. */
static tlc_prog_baked *table_new(tlc_program *p, uint32_t mi, const char *locale, const tuples *t)
{
	tlc_prog_baked *b = &p->baked[p->nbaked++];
	memset(b, 0, sizeof *b);
	b->message = mi;
	b->locale = strdup(locale);
	b->keys = calloc(t->count * (t->nu ? t->nu : 1), sizeof *b->keys);
	b->texts = calloc(t->count, sizeof *b->texts);
	return b->locale && b->keys && b->texts ? b : NULL;
}

/* Counts a text of `len` bytes and its keys: every baked text is in the program's JSON, so
 * past its limit baking stops there (memory and time stay bounded) instead of after building
 * the whole table. Whether the program is now past it. */
static bool past_limit(size_t *bytes, size_t len, const tuples *t)
{
	*bytes += len + 8 * (t->nu + 1);
	return *bytes > TLC_MAX_PROGRAM_BYTES;
}

/* Points the table's texts into the pool (a NUL-terminated text at each offset) and gives the
 * pool to it, as one allocation. */
static int table_texts(tlc_prog_baked *b, tlc_buf *pool, const size_t *off)
{
	if (!b->ntuples)
		return 0;
	if (tlc_buf_oom(pool) || !(b->text_block = tlc_buf_detach(pool))) {
		b->ntuples = 0; /* texts[] stay NULL */
		return TLC_ENOMEM;
	}
	for (size_t k = 0; k < b->ntuples; k++)
		b->texts[k] = b->text_block + off[k];
	return 0;
}

static int bake_one(tlc_render_ctx *rc, tlc_program *p, uint32_t mi, const char *locale,
		    const tuples *t, size_t *bytes)
{
	const tlc_prog_message *m = &p->messages[mi];
	tlc_render_locale *loc;
	int err = tlc_render_locale_get(&loc, rc, locale);
	if (err < 0)
		return err;
	tlc_prog_baked *b = table_new(p, mi, locale, t);
	if (!b)
		return TLC_ENOMEM;
	tlc_msg_arg args[TLC_UNIT_COUNT];
	tlc_msg_prepared *pm = NULL; /* the pattern scanned once for the whole table */
	for (size_t j = 0; j < t->nu; j++)
		args[j] = (tlc_msg_arg){tlc_unit_name(1u << t->units[j]), TLC_MSG_ARG_INT, 0, NULL};
	if ((err = tlc_render_msg_prepare(&pm, NULL, loc, m->pattern, strlen(m->pattern), args, t->nu)) < 0)
		return err;
	tlc_buf pool = TLC_BUF_INIT; /* the texts, each with its NUL: one allocation */
	size_t *off = malloc(t->count * sizeof *off);
	if (!off)
		err = TLC_ENOMEM;
	for (size_t k = 0; off && k < t->count; k++) {
		size_t rest = k;
		for (size_t j = t->nu; j-- > 0;) {
			int64_t v = (int64_t)(rest % (size_t)(t->max[j] + 1));
			rest /= (size_t)(t->max[j] + 1);
			b->keys[k * t->nu + j] = v;
			args[j].i = v;
		}
		off[k] = pool.len;
		if ((err = tlc_render_msg_prepared(&pool, NULL, pm, args, t->nu)) < 0)
			break;
		tlc_buf_putc(&pool, 0);
		if (tlc_buf_oom(&pool)) {
			err = TLC_ENOMEM;
			break;
		}
		b->ntuples++;
		if (past_limit(bytes, pool.len - off[k] - 1, t)) {
			err = TLC_E2BIG_BAKE;
			break;
		}
	}
	int e2 = table_texts(b, &pool, off); /* also after a failure: the texts made are freed */
	if (e2 < 0)
		err = e2;
	free(off);
	tlc_buf_release(&pool);
	tlc_render_msg_prepared_free(pm);
	return err;
}

static int64_t abs64(int64_t x) { return x < 0 ? -x : x; }

/* The largest |r| message mi can show at: its phase's thresholds bound it, else r_bound. */
static int64_t message_bound(const tlc_program *p, uint32_t mi, int64_t global)
{
	int64_t best = -1;
	for (size_t c = 0; c < p->ncountdowns; c++)
		for (size_t i = 0; i < p->countdowns[c].nphases; i++) {
			const tlc_prog_phase *ph = &p->countdowns[c].phases[i];
			bool uses = false;
			for (int f = 0; f < TLC_FAM_MAX; f++)
				for (size_t k = 0; k < ph->views[f].nruns; k++)
					uses = uses || (ph->views[f].runs[k].kind == TLC_RUN_MESSAGE &&
							ph->views[f].runs[k].message == mi);
			if (!uses)
				continue;
			const tlc_prog_phase *prev = i ? &p->countdowns[c].phases[i - 1] : NULL;
			int64_t b = global;
			if ((prev && prev->above_param) || ph->above_param)
				b = global; /* a threshold known only at instantiation */
			else if (prev && prev->has_above && ph->has_above)
				b = abs64(prev->above) > abs64(ph->above) ? abs64(prev->above) : abs64(ph->above);
			else if (prev && prev->has_above && prev->above > 0 && !ph->has_above)
				b = global;
			if (b > best)
				best = b;
		}
	return best < 0 ? global : best;
}

static void bake_failed(tlc_ctx *ctx, const tlc_spec *s, const tlc_prog_message *m,
			const char *locale, int err)
{
	const tlc_node *at = tlc_node_get(s->root, "locales");
	if (!at)
		at = tlc_node_get(s->root, "widget");
	tlc_diag *g = tlc_diag_add(&ctx->diags, "TL025", at ? at->span : tlc_span_make(s->file, 0, 0),
				   "cannot bake the text of line %u ('%.60s') in %s: %s", (unsigned)m->line,
				   m->pattern, locale, tlc_strerror(err));
	if (g)
		g->sev = TLC_SEV_ERROR;
}

/* A copy of an earlier table with the same pattern, locale and tuples: the same texts (one
 * text written for each of the 8 families, or in every countdown, is formatted once). `from`
 * was made by bake_one: its texts are in one block, in order. */
static int bake_copy(tlc_program *p, uint32_t mi, const tlc_prog_baked *from, const tuples *t,
		     size_t *bytes)
{
	tlc_prog_baked *b = table_new(p, mi, from->locale, t);
	if (!b)
		return TLC_ENOMEM;
	memcpy(b->keys, from->keys, t->count * t->nu * sizeof *b->keys);
	if (!from->ntuples)
		return 0;
	const char *last = from->texts[from->ntuples - 1]; /* the block holds the texts in order */
	size_t size = (size_t)(last - from->text_block) + strlen(last) + 1;
	if (!(b->text_block = malloc(size)))
		return TLC_ENOMEM;
	memcpy(b->text_block, from->text_block, size);
	for (size_t k = 0; k < from->ntuples; k++) {
		b->texts[k] = b->text_block + (from->texts[k] - from->text_block);
		b->ntuples++;
		if (past_limit(bytes, strlen(b->texts[k]), t))
			return TLC_E2BIG_BAKE;
	}
	return 0;
}

/* An earlier message with the same pattern and tuples, whose tables (one per locale, in the
 * program's locale order from first[j]) are finished; SIZE_MAX when none. */
static size_t same_message(const tlc_program *p, uint32_t mi, const tuples *plans, const size_t *first)
{
	const tuples *t = &plans[mi];
	for (uint32_t j = 0; j < mi; j++) {
		const tuples *u = &plans[j];
		if (first[j] == SIZE_MAX || u->nu != t->nu || u->count != t->count ||
		    memcmp(u->max, t->max, t->nu * sizeof *t->max) != 0 ||
		    memcmp(u->units, t->units, t->nu * sizeof *t->units) != 0 ||
		    strcmp(p->messages[j].pattern, p->messages[mi].pattern) != 0)
			continue;
		return j;
	}
	return SIZE_MAX;
}

int tlc_bake(tlc_ctx *ctx, const tlc_spec *s, tlc_program *p)
{
	tlc_render_ctx *rc = ctx->render;
	int64_t global = r_bound(s, p);
	size_t bytes = 0;
	if (!p->nmessages || !p->nlocales)
		return 0;
	p->baked = calloc(p->nmessages * p->nlocales, sizeof *p->baked);
	tuples *plans = calloc(p->nmessages, sizeof *plans);
	size_t *first = calloc(p->nmessages, sizeof *first); /* each message's first table */
	int rc_all = 0;
	if (!p->baked || !plans || !first) {
		rc_all = TLC_ENOMEM;
		goto out;
	}
	for (uint32_t i = 0; i < p->nmessages; i++) {
		tuples *t = &plans[i];
		first[i] = SIZE_MAX;
		if (p->messages[i].nparams || !plan(t, p->messages[i].units, message_bound(p, i, global)))
			continue; /* the app formats it: key and arguments are in every entry */
		size_t same = same_message(p, i, plans, first);
		first[i] = p->nbaked;
		for (size_t l = 0; l < p->nlocales; l++) {
			int err = same != SIZE_MAX ? bake_copy(p, i, &p->baked[first[same] + l], t, &bytes)
						   : bake_one(rc, p, i, p->locales[l], t, &bytes);
			if (err == TLC_ENOMEM) {
				rc_all = err;
				goto out;
			}
			if (err == TLC_E2BIG_BAKE) {
				const tlc_node *at = tlc_node_get(s->root, "widget");
				tlc_diag *g = tlc_diag_add(&ctx->diags, "TL003", at->span,
							   "the baked texts pass the limit of 16 MiB for a "
							   "program (TLC_MAX_PROGRAM_BYTES) at message %u of %zu, "
							   "in %s", i + 1, p->nmessages, p->locales[l]);
				tlc_diag_set_fix(g, "fewer phases, locales or baked units (a text with "
						 "{total-minutes} bakes one text per minute it can show)");
				rc_all = TLC_EINPUT;
				goto out;
			}
			if (err < 0) {
				bake_failed(ctx, s, &p->messages[i], p->locales[l], err);
				rc_all = TLC_EINPUT;
				goto out;
			}
		}
	}
out:
	free(plans);
	free(first);
	return rc_all;
}
