/*
 * preview_activity_html.c — `timelinec preview ACTIVITY-SPEC --html OUT.html`: the page of a
 * Live Activity, with the same template and data format as the widget page (preview_html.c):
 * the segments of the activity's life stand where a widget's entries stand, the presentations
 * where its families stand, and one pseudo-countdown. Per segment and presentation the data names
 * a view: a list of parts, static strings per locale or self-updating parts ({timer},
 * {countdown}, {progress} from their instants and the locale's digits; {relative}, {offset} from
 * change points), or nothing (-1: not started, dismissed, or a presentation that is empty then,
 * like the Dynamic Island's once the activity has ended).
 *
 * Every string is tlc_activity_render()'s: a part alone is rendered by narrowing the view's
 * template to it (pa_part_text), on the real schedule for static parts and on a synthetic
 * one-state schedule for the change points and the timer digits. Before writing, the page's own
 * evaluation is compared with tlc_activity_render() of the whole presentation at sampled instants
 * of every segment (first, second, middle, a minute before the end, last second), text and phase:
 * a mismatch is an internal error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display/activity_render.h"
#include "preview/preview.h"
#include "timelinec/civil.h"

#define MAX_CHECKED_SEGS 4000

typedef struct fnsrc {
	size_t pi, part;
	int field;
} fnsrc;

typedef struct apage {
	pv_activity *pa;
	pvh_kit kit;
	long *seg_view;      /* nsegs x npres */
	fnsrc *fsrc;         /* by fn index: a part that renders it */
	size_t nfsrc, fscap;
	pa_part timer_part;  /* "{timer FIELD}": the digits */
	int timer_field;
} apage;

/* ---- the kit's callbacks: the renderer on a synthetic state ---------------------------------- */

static int act_fn_text(pvh_kit *k, tlc_buf *out, const pvh_fn *f, size_t li, tlc_time t)
{
	apage *ap = k->ud;
	size_t fi = (size_t)(f - k->fns);
	const fnsrc *src = &ap->fsrc[fi];
	tlc_la_state st;
	memset(&st, 0, sizeof st);
	st.values[src->field].set = true;
	st.values[src->field].date = f->target;
	return pa_part_text(ap->pa, out, src->pi, &ap->pa->pres[src->pi].parts[src->part], k->locales[li],
			    t, &st);
}

static int act_timer(pvh_kit *k, tlc_buf *out, size_t li, uint64_t secs)
{
	apage *ap = k->ud;
	const tlc_time base = 1700000000;
	tlc_la_state st;
	memset(&st, 0, sizeof st);
	st.values[ap->timer_field].set = true;
	st.values[ap->timer_field].date = base + (tlc_time)secs;
	return pa_part_text(ap->pa, out, 0, &ap->timer_part, k->locales[li], base, &st);
}

/* The first date field: "{timer FIELD}" renders the digits; none: no clock on the page. */
static int timer_setup(apage *ap)
{
	pv_activity *pa = ap->pa;
	ap->timer_field = -1;
	for (size_t f = 0; f < pa->spec->nfields && f < TLC_LA_MAX_FIELDS; f++)
		if (pa->spec->fields[f].type == TLC_FIELD_DATE) {
			ap->timer_field = (int)f;
			break;
		}
	if (ap->timer_field < 0 || !pa->npres)
		return 0;
	tlc_buf b = TLC_BUF_INIT;
	tlc_buf_printf(&b, "{timer %s}", pa->spec->fields[ap->timer_field].name);
	char *s = tlc_buf_oom(&b) ? NULL : tlc_arena_strndup(&pa->ctx->arena, b.ptr, b.len);
	size_t len = b.len;
	tlc_buf_release(&b);
	if (!s)
		return TLC_ENOMEM;
	ap->timer_part.node = *pa->spec->view_nodes[pa->pres[0].pres];
	ap->timer_part.node.str = s;
	ap->timer_part.node.len = len;
	ap->kit.timer = act_timer;
	return 0;
}

/* ---- views ---------------------------------------------------------------------------------- */

static int note_fn(apage *ap, ptrdiff_t li, size_t pi, size_t part, int field)
{
	const pvh_live *l = &ap->kit.lives[li];
	if (l->kind != PVH_LIVE_FN || l->fn < ap->nfsrc)
		return 0;
	if (ap->nfsrc == ap->fscap) {
		size_t nc = ap->fscap ? ap->fscap * 2 : 16;
		fnsrc *v = realloc(ap->fsrc, nc * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		ap->fsrc = v;
		ap->fscap = nc;
	}
	ap->fsrc[ap->nfsrc++] = (fnsrc){pi, part, field};
	return 0;
}

/* Whether presentation pi shows nothing over segment g (its first, middle and last second). */
static int shows_nothing(apage *ap, const pa_seg *g, size_t pi, bool *nothing)
{
	pv_activity *pa = ap->pa;
	tlc_time at[3] = {g->from, g->from + (g->to - g->from) / 2, g->to - 1};
	tlc_buf b = TLC_BUF_INIT;
	int rc = 0;
	*nothing = true;
	for (size_t li = 0; li < pa->nlocales && rc == 0 && *nothing; li++)
		for (int i = 0; i < 3 && rc == 0 && *nothing; i++)
			if ((rc = pa_text(pa, &b, pi, pa->locales[li], at[i], NULL)) == 0 && b.len)
				*nothing = false;
	tlc_buf_release(&b);
	return rc;
}

/* The view of segment k, presentation pi: its index, -1 when nothing shows, or TLC_E*. */
static long seg_view(apage *ap, size_t k, size_t pi, int *err)
{
	pv_activity *pa = ap->pa;
	const pa_seg *g = &pa->segs[k];
	const pa_pres *pr = &pa->pres[pi];
	const tlc_la_state *st = &pa->sch->states[g->state];
	long parts[PA_MAX_PARTS];
	size_t nparts = 0, nslots = 0;
	size_t *texts = NULL; /* [slot][locale] */
	tlc_buf b = TLC_BUF_INIT, *key = &ap->kit.key;
	bool nothing, added = false;
	long vi = -1;
	*err = 0;
	if (g->phase == TLC_LA_NOT_STARTED || g->phase == TLC_LA_DISMISSED)
		return -1;
	if ((*err = shows_nothing(ap, g, pi, &nothing)) < 0 || nothing)
		return -1;
	texts = calloc(pr->nparts * pa->nlocales + 1, sizeof *texts);
	if (!texts) {
		*err = TLC_ENOMEM;
		return -1;
	}
	for (size_t j = 0; j < pr->nparts && *err == 0; j++) {
		const pa_part *p = &pr->parts[j];
		if (p->live && st->values[p->field].set) {
			tlc_time T = st->values[p->field].date;
			tlc_time since = pa_value_since(pa, g->state, p->field);
			tlc_time from = tlc_run_has_from(p->kind) ? since : TLC_TIME_NONE;
			tlc_time pause = p->kind == TLC_RUN_COUNTDOWN ? T : TLC_TIME_NONE;
			ptrdiff_t li = pvh_add_live(&ap->kit, p->kind, T, from, pause, g->from, g->to + 1,
						    tlc_run_is_ios18(p->kind) ? &p->style : NULL);
			if (li < 0 || note_fn(ap, li, pi, j, p->field) < 0)
				*err = TLC_ENOMEM;
			parts[nparts++] = -1 - (long)li;
			continue;
		}
		/* static: rendered alone in every locale, within the segment */
		for (size_t li = 0; li < pa->nlocales && *err == 0; li++) {
			if ((*err = pa_part_text(pa, &b, pi, p, pa->locales[li], g->from, NULL)) < 0)
				break;
			ptrdiff_t s = pvh_intern_add(&ap->kit.strings[li], b.ptr, b.len, NULL);
			if (s < 0)
				*err = TLC_ENOMEM;
			else
				texts[nslots * pa->nlocales + li] = (size_t)s;
		}
		parts[nparts++] = (long)nslots++;
	}
	if (*err == 0) {
		tlc_buf_clear(key);
		tlc_buf_printf(key, "%zu", pi);
		for (size_t j = 0; j < nparts; j++)
			if (parts[j] < 0)
				tlc_buf_printf(key, "|L%ld", parts[j]);
			else
				for (size_t li = 0; li < pa->nlocales; li++)
					tlc_buf_printf(key, "|S%zu", texts[(size_t)parts[j] * pa->nlocales + li]);
		ptrdiff_t v = pvh_add_view(&ap->kit, &added);
		if (v < 0)
			*err = TLC_ENOMEM;
		vi = (long)v;
	}
	if (*err == 0 && added) {
		pvh_view *w = &ap->kit.views[vi];
		w->parts = calloc(nparts + 1, sizeof *w->parts);
		w->slots = calloc(pa->nlocales, sizeof *w->slots);
		if (!w->parts || !w->slots)
			*err = TLC_ENOMEM;
		for (size_t li = 0; li < pa->nlocales && *err == 0; li++)
			if (!(w->slots[li] = calloc(nslots + 1, sizeof **w->slots)))
				*err = TLC_ENOMEM;
		if (*err == 0) {
			memcpy(w->parts, parts, nparts * sizeof *parts);
			w->nparts = nparts;
			w->nslots = nslots;
			for (size_t s = 0; s < nslots; s++)
				for (size_t li = 0; li < pa->nlocales; li++)
					w->slots[li][s] = texts[s * pa->nlocales + li];
		}
	}
	free(texts);
	tlc_buf_release(&b);
	return *err < 0 ? -1 : vi;
}

/* The page's evaluation against tlc_activity_render(), text and phase. */
static int self_check(apage *ap)
{
	pv_activity *pa = ap->pa;
	size_t stride = pa->nsegs / MAX_CHECKED_SEGS + 1;
	tlc_buf want = TLC_BUF_INIT, got = TLC_BUF_INIT;
	int rc = 0;
	for (size_t k = 0; k < pa->nsegs && rc == 0; k++) {
		const pa_seg *g = &pa->segs[k];
		tlc_time a = g->from, b = g->to;
		tlc_time at[5] = {a, a + 1, a + (b - a) / 2, b - 61, b - 1};
		if (k % stride && k + 1 != pa->nsegs)
			continue;
		for (size_t pi = 0; pi < pa->npres && rc == 0; pi++) {
			long vi = ap->seg_view[k * pa->npres + pi];
			for (size_t li = 0; li < pa->nlocales && rc == 0; li++)
				for (int i = 0; i < 5 && rc == 0; i++) {
					tlc_la_phase ph;
					if (at[i] < a || at[i] >= b)
						continue;
					tlc_buf_clear(&got);
					rc = pa_text(pa, &want, pi, pa->locales[li], at[i], &ph);
					pvh_view_text(&ap->kit, &got, vi, li, at[i]);
					if (rc == 0 && (!pvh_buf_eq(&want, &got) || ph != g->phase)) {
						char iso[32];
						tlc_format_rfc3339(iso, at[i]);
						fprintf(ap->kit.err, "timelinec: internal error: at %s the page would read "
								"'%s' (%s) for %s [%s], the renderer '%s' (%s)\n",
							iso, got.ptr, tlc_la_phase_name(g->phase),
							tlc_presentation_names[pa->pres[pi].pres], pa->locales[li],
							want.ptr, tlc_la_phase_name(ph));
						ap->kit.told = true;
						rc = TLC_EINVAL;
					}
				}
		}
	}
	tlc_buf_release(&want);
	tlc_buf_release(&got);
	return rc;
}

/* ---- JSON ----------------------------------------------------------------------------------- */

static const char *sev_word(tlc_severity s)
{
	return s == TLC_SEV_ERROR ? "error" : s == TLC_SEV_WARNING ? "warning" : "note";
}

typedef struct fill {
	apage *ap;
	const char *initial;
} fill;

static void write_states(const pv_activity *pa, tlc_buf *b)
{
	const tlc_la_schedule *sch = pa->sch;
	tlc_buf_puts(b, "\"states\":[");
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		const tlc_sp_event *ev = &pa->spec->events[st->src];
		tlc_buf_puts(b, i ? ",{" : "{");
		pvh_jkey(b, "event");
		pvh_jstr(b, pa_event_name(st));
		tlc_buf_printf(b, ",\"at\":%lld,", (long long)st->at);
		pvh_jkey(b, "via");
		pvh_jstr(b, pa_via_name(st->via));
		if (ev->foreground) /* the app's own, while the user has it open (only then) */
			tlc_buf_puts(b, ",\"while\":\"foreground\"");
		tlc_buf_printf(b, ",\"priority\":%d,\"bytes\":%zu,\"stale\":", st->payload ? st->priority : 0,
			       st->payload ? st->payload_len : 0);
		pvh_jtime(b, st->kind == TLC_LA_END ? TLC_TIME_NONE : st->stale);
		tlc_buf_puts(b, ",\"dismissal\":");
		pvh_jtime(b, st->dismissal);
		tlc_buf_puts(b, ",\"alert\":");
		if (ev->has_alert) {
			tlc_buf tmp = TLC_BUF_INIT;
			tlc_buf_printf(&tmp, "%s%s%s", ev->alert.title ? ev->alert.title : "",
				       ev->alert.title && ev->alert.body ? ": " : "", ev->alert.body ? ev->alert.body : "");
			pvh_jstr(b, tmp.ptr);
			tlc_buf_release(&tmp);
		} else {
			tlc_buf_puts(b, "null");
		}
		tlc_buf_puts(b, ",\"body\":");
		if (st->payload)
			pvh_jstr(b, st->payload);
		else
			tlc_buf_puts(b, "null");
		tlc_buf_printf(b, ",\"ignored\":%s}",
			       st->kind == TLC_LA_END && sch->end != TLC_TIME_NONE && st->at > sch->end ? "true"
												  : "false");
	}
	tlc_buf_puts(b, "],");
}

static void write_data(void *ud, pvh_out *o)
{
	tlc_buf *b = &o->buf;
	const fill *fl = ud;
	const apage *ap = fl->ap;
	const pv_activity *pa = ap->pa;
	const tlc_la_schedule *sch = pa->sch;
	char iso[32];
	tlc_buf_puts(b, "{\"format\":\"timelinec-preview\",\"version\":1,\"kind\":\"activity\",");
	pvh_jkey(b, "generator");
	tlc_buf_printf(b, "\"timelinec %s\",", tlc_version());
	pvh_jkey(b, "widget");
	pvh_jstr(b, pa->spec->name);
	tlc_buf_putc(b, ',');
	pvh_jkey(b, "bundleId");
	pvh_jstr(b, pa->spec->bundle_id);
	tlc_buf_putc(b, ',');
	pvh_jkey(b, "source");
	pvh_jstr(b, pa->path);
	tlc_buf_printf(b, ",\"now\":%lld,", (long long)pa->now);
	tlc_format_rfc3339(iso, pa->now);
	pvh_jkey(b, "nowText");
	pvh_jstr(b, iso);
	tlc_buf_putc(b, ',');
	pvh_jkey(b, "nowWhy");
	pvh_jstr(b, pa->now_why);
	tlc_buf_puts(b, ",\"params\":[");
	for (size_t i = 0; i < pa->nparams; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, pa->params[i]);
	}
	tlc_buf_puts(b, "],");
	pvh_jkey(b, "zone");
	pvh_jstr(b, pa->dz ? tlc_zone_name(pa->dz) : "UTC");
	tlc_buf_putc(b, ',');
	pvh_write_zone(b, pa->dz, pa->from, pa->until);
	tlc_buf_printf(b, "\"start\":%lld,\"end\":%lld,\"until\":%lld,", (long long)pa->from,
		       (long long)sch->gone, (long long)pa->until);
	tlc_buf_printf(b, "\"lifecycle\":{\"start\":%lld,\"end\":", (long long)sch->start);
	pvh_jtime(b, sch->end);
	tlc_buf_printf(b, ",\"endBySystem\":%s,\"systemEnd\":%lld,\"gone\":%lld},",
		       sch->end != TLC_TIME_NONE && sch->end == sch->system_end ? "true" : "false",
		       (long long)sch->system_end, (long long)sch->gone);
	tlc_buf_printf(b, "\"paramDomain\":%s,", pa->param_domain ? "true" : "false");
	pvh_jkey(b, "locales");
	tlc_buf_putc(b, '[');
	for (size_t i = 0; i < pa->nlocales; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, pa->locales[i]);
	}
	tlc_buf_puts(b, "],");
	pvh_jkey(b, "initialLocale");
	pvh_jstr(b, fl->initial ? fl->initial : pa->locales[0]);
	tlc_buf_puts(b, ",\"families\":[");
	for (size_t pi = 0; pi < pa->npres; pi++) {
		if (pi)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, tlc_presentation_names[pa->pres[pi].pres]);
	}
	tlc_buf_puts(b, "],\"countdowns\":[{\"id\":\"activity\",\"phases\":[]}],\"phases\":[");
	for (int p = 0; p < TLC_LA_PHASE_MAX; p++) {
		if (p)
			tlc_buf_putc(b, ',');
		pvh_jstr(b, tlc_la_phase_name((tlc_la_phase)p));
	}
	tlc_buf_puts(b, "],\"entries\":{\"date\":[");
	for (size_t k = 0; k < pa->nsegs; k++)
		tlc_buf_printf(b, k ? ",%lld" : "%lld", (long long)pa->segs[k].from);
	tlc_buf_puts(b, "],\"phase\":[");
	for (size_t k = 0; k < pa->nsegs; k++)
		tlc_buf_printf(b, k ? ",%d" : "%d", (int)pa->segs[k].phase);
	tlc_buf_puts(b, "],\"state\":[");
	for (size_t k = 0; k < pa->nsegs; k++)
		tlc_buf_printf(b, k ? ",%zu" : "%zu", pa->segs[k].state);
	tlc_buf_puts(b, "],\"at\":[");
	for (size_t k = 0; k < pa->nsegs; k++)
		tlc_buf_printf(b, k ? ",%u" : "%u", pa->segs[k].at);
	tlc_buf_puts(b, "],\"view\":[");
	for (size_t i = 0; i < pa->nsegs * pa->npres; i++)
		tlc_buf_printf(b, i ? ",%ld" : "%ld", ap->seg_view[i]);
	tlc_buf_puts(b, "]},");
	pvh_write_views(&ap->kit, b);
	tlc_buf_puts(b, ",");
	write_states(pa, b);
	tlc_buf_puts(b, "\"findings\":[");
	for (size_t i = 0; i < pa->nfindings; i++) {
		const pa_finding *f = &pa->findings[i];
		tlc_buf_puts(b, i ? ",{" : "{");
		pvh_jkey(b, "rule");
		pvh_jstr(b, f->rule);
		tlc_buf_putc(b, ',');
		pvh_jkey(b, "sev");
		pvh_jstr(b, sev_word(f->sev));
		tlc_buf_putc(b, ',');
		pvh_jkey(b, "message");
		pvh_jstr(b, f->message);
		tlc_buf_putc(b, ',');
		pvh_jkey(b, "file");
		if (f->file)
			pvh_jstr(b, f->file);
		else
			tlc_buf_puts(b, "null");
		tlc_buf_printf(b, ",\"line\":%u,\"col\":%u,\"first\":", f->line, f->col);
		pvh_jtime(b, f->timed ? f->from : TLC_TIME_NONE);
		tlc_buf_puts(b, ",\"to\":");
		pvh_jtime(b, f->timed ? f->to : TLC_TIME_NONE);
		tlc_buf_printf(b, ",\"checked\":%s}", f->checked ? "true" : "false");
	}
	tlc_buf_puts(b, "]}");
}

/* ---- the page ------------------------------------------------------------------------------- */

static void apage_free(apage *ap)
{
	free(ap->fsrc);
	free(ap->seg_view);
	pvh_kit_free(&ap->kit);
}

static int build(apage *ap)
{
	pv_activity *pa = ap->pa;
	int rc;
	ap->seg_view = calloc(pa->nsegs * pa->npres + 1, sizeof *ap->seg_view);
	if (!ap->seg_view || (rc = pvh_kit_init(&ap->kit)) < 0)
		return TLC_ENOMEM;
	if ((rc = timer_setup(ap)) < 0)
		return rc;
	for (size_t k = 0; k < pa->nsegs; k++)
		for (size_t pi = 0; pi < pa->npres; pi++) {
			long v = seg_view(ap, k, pi, &rc);
			if (rc < 0)
				return rc;
			ap->seg_view[k * pa->npres + pi] = v;
		}
	if ((rc = pvh_kit_render(&ap->kit)) < 0)
		return rc;
	return self_check(ap);
}

int preview_activity_html(pv_activity *pa, pvh_out *out, const char *initial_locale)
{
	apage ap;
	memset(&ap, 0, sizeof ap);
	ap.pa = pa;
	ap.kit.err = pa->err;
	ap.kit.locales = pa->locales;
	ap.kit.nlocales = pa->nlocales;
	ap.kit.dz = pa->dz;
	ap.kit.fn_text = act_fn_text;
	ap.kit.ud = &ap;
	int rc = build(&ap);
	fill fl = {&ap, initial_locale};
	if (rc == 0)
		rc = pvh_fill_template(pa->err, out, pa->spec->name, write_data, &fl, &ap.kit.told);
	if (rc < 0 && !ap.kit.told)
		fprintf(pa->err, "timelinec: error: cannot build the page: %s\n", tlc_strerror(rc));
	apage_free(&ap);
	return rc;
}
