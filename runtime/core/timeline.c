/*
 * timeline.c — timelines: lookup, slicing, freeing, baked text and the canonical JSON form
 * (docs/timeline.schema.json). A timeline's JSON embeds its program, so `timelinec render`
 * and an app can read it alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inst_internal.h"
#include "pjson.h"

static const char *const now_names[TLC_NOW_SOURCE_MAX] = {"option", "SOURCE_DATE_EPOCH", "clock"};
static const char *const policy_names[TLC_POLICY_KIND_MAX] = {"auto", "at-end", "never", "after"};

int tlc_timeline_index(tlc_timeline *tl)
{
	free(tl->dates);
	tl->dates = malloc((tl->nentries ? tl->nentries : 1) * sizeof *tl->dates);
	if (!tl->dates)
		return TLC_ENOMEM;
	for (size_t i = 0; i < tl->nentries; i++)
		tl->dates[i] = tl->entries[i].date;
	return 0;
}

ptrdiff_t tlc_timeline_lookup(const tlc_timeline *tl, tlc_time t)
{
	size_t lo = 0, n = tl->nentries;
	if (!n || t < tl->entries[0].date)
		return -1;
	if (tl->dates) { /* branch-free search over the packed dates: cache-friendly */
		const tlc_time *d = tl->dates;
		while (n > 1) {
			size_t half = n / 2;
			lo = d[lo + half] <= t ? lo + half : lo;
			n -= half;
		}
		return (ptrdiff_t)lo;
	}
	size_t hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tl->entries[mid].date <= t)
			lo = mid;
		else
			hi = mid;
	}
	return (ptrdiff_t)lo;
}

/* An instantiated timeline's views and runs live in its instantiation's slab (bulk); a timeline
 * read from JSON or sliced owns each one. */
static void free_entries(tlc_entry *e, size_t n, size_t ncds, bool in_slab)
{
	for (size_t i = 0; !in_slab && i < n; i++) {
		for (size_t j = 0; e[i].views && j < ncds; j++)
			tlc_view_release(&e[i].views[j]);
		free(e[i].views);
	}
	free(e);
}

void tlc_timeline_free(tlc_timeline *tl)
{
	if (!tl)
		return;
	size_t ncds = tl->program ? tl->program->ncountdowns : 0;
	free_entries(tl->entries, tl->nentries, ncds, tl->inst != NULL);
	tlc__inst_release(tl->inst);
	if (tl->param_text && tl->program)
		for (size_t i = 0; i < tl->program->nparams; i++)
			free(tl->param_text[i]);
	free(tl->param_text);
	for (size_t i = 0; tl->lists && i < ncds; i++)
		tlc__list_release(&tl->lists[i], tl->program->countdowns[i].nfields);
	free(tl->lists);
	for (size_t i = 0; i < tl->nowned; i++)
		free(tl->owned[i]);
	free(tl->owned);
	free(tl->display_zone);
	free(tl->dates);
	tlc_program_free(tl->owned_program);
	free(tl);
}

int tlc__timeline_finish(tlc_timeline *tl, const inst *in)
{
	const tlc_program *p = tl->program;
	tl->display_zone = strdup(in->dz ? tlc_zone_name(in->dz) : "UTC");
	if (!tl->display_zone)
		return TLC_ENOMEM;
	if (!p->nparams)
		return 0;
	tl->param_text = calloc(p->nparams, sizeof *tl->param_text);
	if (!tl->param_text)
		return TLC_ENOMEM;
	for (size_t i = 0; i < p->nparams; i++)
		for (size_t j = 0; j < in->nparams; j++)
			if (strcmp(in->params[j].name, p->params[i].name) == 0 && in->params[j].text &&
			    !(tl->param_text[i] = strdup(in->params[j].text)))
				return TLC_ENOMEM;
	return 0;
}

/* ---- slicing -------------------------------------------------------------------------------- */

static int copy_view(tlc_tl_view *dst, const tlc_tl_view *src)
{
	*dst = *src;
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		dst->runs[f] = NULL;
		if (!src->nruns[f])
			continue;
		dst->runs[f] = malloc(src->nruns[f] * sizeof *dst->runs[f]);
		if (!dst->runs[f])
			return TLC_ENOMEM;
		memcpy(dst->runs[f], src->runs[f], src->nruns[f] * sizeof *dst->runs[f]);
	}
	return 0;
}

static int copy_entry(tlc_entry *dst, const tlc_entry *src, size_t ncds, const tlc_tl_list *lists)
{
	*dst = *src;
	dst->views = calloc(ncds ? ncds : 1, sizeof *dst->views);
	if (!dst->views)
		return TLC_ENOMEM;
	for (size_t i = 0; i < ncds; i++) {
		tlc_tl_view *v = &dst->views[i];
		if (copy_view(v, &src->views[i]) < 0)
			return TLC_ENOMEM;
		for (int f = 0; lists && lists[i].events && v->item >= 0 && f < TLC_FAM_MAX; f++)
			for (size_t r = 0; r < v->nruns[f]; r++) /* the copy's own list */
				if (v->runs[f][r].event)
					v->runs[f][r].event = &lists[i].events[v->item];
	}
	return 0;
}

/* A deep copy of a timeline's lists (their items point at the same program countdowns). */
static int copy_lists(tlc_tl_list **out, const tlc_timeline *tl)
{
	const tlc_program *p = tl->program;
	*out = NULL;
	if (!tl->lists)
		return 0;
	tlc_tl_list *l = calloc(p->ncountdowns, sizeof *l);
	if (!l)
		return TLC_ENOMEM;
	*out = l;
	for (size_t c = 0; c < p->ncountdowns; c++) {
		const tlc_tl_list *src = &tl->lists[c];
		if (!src->nevents)
			continue;
		if (!(l[c].events = calloc(src->nevents, sizeof *l[c].events)))
			return TLC_ENOMEM;
		for (size_t i = 0; i < src->nevents; i++) {
			tlc_prog_event *e = &l[c].events[l[c].nevents++];
			*e = src->events[i];
			e->values = NULL; /* the copy's own, below */
			size_t nf = p->countdowns[c].nfields;
			if (!(e->values = calloc(nf ? nf : 1, sizeof *e->values)))
				return TLC_ENOMEM;
			for (size_t f = 0; f < nf; f++)
				if (!(e->values[f] = strdup(src->events[i].values[f])))
					return TLC_ENOMEM;
		}
	}
	return 0;
}

int tlc_timeline_slice(tlc_timeline **out, const tlc_timeline *tl, tlc_time t)
{
	ptrdiff_t k = tlc_timeline_lookup(tl, t);
	size_t first = k < 0 ? 0 : (size_t)k, ncds = tl->program->ncountdowns;
	tlc_timeline *s = calloc(1, sizeof *s);
	if (!s)
		return TLC_ENOMEM;
	s->program = tl->program;
	s->now = t;
	s->data_time = tl->data_time;
	s->now_source = tl->now_source;
	s->start = t > tl->start ? t : tl->start;
	s->end = tl->end;
	s->policy = tl->policy;
	s->policy_date = tl->policy_date;
	s->constant_tail = tl->constant_tail;
	s->display_zone = strdup(tl->display_zone ? tl->display_zone : "UTC");
	s->entries = calloc(tl->nentries - first + 1, sizeof *s->entries);
	if (!s->display_zone || !s->entries || copy_lists(&s->lists, tl) < 0)
		goto oom;
	for (size_t i = first; i < tl->nentries; i++) {
		if (copy_entry(&s->entries[s->nentries++], &tl->entries[i], ncds, s->lists) < 0)
			goto oom;
	}
	if (s->nentries && s->entries[0].date < t) {
		tlc_entry *e = &s->entries[0];
		int64_t end = e->date + e->relevance_duration;
		e->date = t;
		e->relevance_duration = e->relevance_duration ? end - t : 0;
	}
	tlc_timeline_index(s);
	*out = s;
	return 0;
oom:
	tlc_timeline_free(s);
	return TLC_ENOMEM;
}

const char *tlc_timeline_baked(const tlc_timeline *tl, const tlc_tl_run *run, const char *locale)
{
	const tlc_program *p = tl->program;
	unsigned units = p->messages[run->message].units;
	int64_t key[TLC_UNIT_COUNT];
	size_t nu = 0;
	for (int u = 0; u < TLC_UNIT_COUNT; u++)
		if (units & (1u << u))
			key[nu++] = run->args[u];
	for (size_t i = 0; i < p->nbaked; i++) {
		const tlc_prog_baked *b = &p->baked[i];
		if (b->message != run->message || strcmp(b->locale, locale) != 0)
			continue;
		for (size_t j = 0; j < b->ntuples; j++)
			if (!nu || memcmp(&b->keys[j * nu], key, nu * sizeof *key) == 0)
				return b->texts[j];
	}
	return NULL;
}

/* ---- writing -------------------------------------------------------------------------------- */

typedef struct wctx {
	jsonw *w;
	const tlc_timeline *tl;
	const char *const *locales;
	size_t nlocales;
	tlc_format_fn format;
	void *ud;
	tlc_buf scratch;
	int rc;
} wctx;

static void w_message_run(wctx *c, const tlc_tl_run *r)
{
	const tlc_program *p = c->tl->program;
	const tlc_prog_message *m = &p->messages[r->message];
	jsonw *w = c->w;
	jw_key(w, "message");
	jw_int(w, r->message);
	jw_key(w, "key");
	jw_str(w, m->key);
	jw_key(w, "args");
	jw_obj_compact(w);
	for (int u = 0; u < TLC_UNIT_COUNT; u++)
		if (m->units & (1u << u)) {
			jw_key(w, tlc_unit_name(1u << u));
			jw_int(w, r->args[u]);
		}
	jw_end_obj(w);
	if (!c->nlocales)
		return;
	jw_key(w, "text");
	jw_obj_compact(w);
	for (size_t i = 0; i < c->nlocales; i++) {
		const char *txt = NULL;
		tlc_buf_clear(&c->scratch);
		if (c->format) {
			int rc = c->format(c->ud, &c->scratch, c->tl, r, c->locales[i]);
			if (rc < 0 && c->rc == 0)
				c->rc = rc;
			txt = rc < 0 ? NULL : c->scratch.ptr;
		} else {
			txt = tlc_timeline_baked(c->tl, r, c->locales[i]);
		}
		jw_key(w, c->locales[i]);
		jw_str(w, txt);
	}
	jw_end_obj(w);
}

static void w_run(wctx *c, const tlc_tl_run *r)
{
	jsonw *w = c->w;
	jw_obj_compact(w);
	if (r->kind == TLC_RUN_TEXT) {
		jw_key(w, "text");
		jw_str(w, r->text);
	} else if (r->kind == TLC_RUN_MESSAGE) {
		w_message_run(c, r);
	} else {
		jw_key(w, "live");
		jw_str(w, tlc_run_kind_name(r->kind));
		if (r->from != TLC_TIME_NONE) {
			jw_key(w, "from");
			jw_time(w, r->from);
		}
		jw_key(w, "target");
		jw_time(w, r->target);
		if (r->pause != TLC_TIME_NONE) {
			jw_key(w, "pause");
			jw_time(w, r->pause);
		}
		if (tlc_run_is_ios18(r->kind))
			tlc__style_write(w, r->kind, &r->style);
	}
	jw_end_obj(w);
}

static void w_view(wctx *c, const tlc_prog_countdown *pc, const tlc_tl_view *v)
{
	jsonw *w = c->w;
	jw_key(w, pc->id);
	jw_obj(w);
	jw_key(w, "phase");
	if (v->phase == -2)
		jw_str(w, "stale");
	else if (v->phase == -3)
		jw_str(w, "empty");
	else if (v->phase < 0)
		jw_null(w);
	else
		jw_int(w, v->phase);
	jw_key(w, "target");
	if (v->target == TLC_TIME_NONE)
		jw_null(w);
	else
		jw_time(w, v->target);
	if (pc->mode == TLC_TARGET_MODE_EVENTS) {
		jw_key(w, "item");
		if (v->item < 0)
			jw_null(w);
		else
			jw_int(w, v->item);
	}
	jw_key(w, "families");
	jw_obj(w);
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		if (!v->runs[f])
			continue;
		jw_key(w, tlc_family_name((tlc_family_id)f));
		jw_arr(w);
		for (size_t i = 0; i < v->nruns[f]; i++)
			w_run(c, &v->runs[f][i]);
		jw_end_arr(w);
	}
	jw_end_obj(w);
	jw_end_obj(w);
}

static void w_entry(wctx *c, const tlc_entry *e)
{
	jsonw *w = c->w;
	jw_obj(w);
	jw_key(w, "date");
	jw_time(w, e->date);
	if (e->relevance > 0) {
		jw_key(w, "relevance");
		jw_obj_compact(w);
		jw_key(w, "score");
		jw_num(w, e->relevance);
		jw_key(w, "duration");
		jw_int(w, e->relevance_duration);
		jw_end_obj(w);
	}
	jw_key(w, "views");
	jw_obj(w);
	for (size_t i = 0; i < c->tl->program->ncountdowns; i++)
		w_view(c, &c->tl->program->countdowns[i], &e->views[i]);
	jw_end_obj(w);
	jw_end_obj(w);
}

/* The items of each list parameter, by countdown id, as instantiated. */
static void w_lists(jsonw *w, const tlc_timeline *tl)
{
	const tlc_program *p = tl->program;
	jw_key(w, "lists");
	jw_obj(w);
	for (size_t c = 0; c < p->ncountdowns; c++) {
		if (!p->countdowns[c].events_param)
			continue;
		jw_key(w, p->countdowns[c].id);
		jw_arr(w);
		for (size_t i = 0; i < tl->lists[c].nevents; i++) {
			const tlc_prog_event *e = &tl->lists[c].events[i];
			jw_obj_compact(w);
			jw_key(w, "start");
			jw_time(w, e->at.at);
			jw_key(w, "end");
			if (e->end.kind == TLC_PTIME_NONE)
				jw_null(w);
			else
				jw_time(w, e->end.at);
			jw_key(w, "values");
			jw_arr_compact(w);
			for (size_t f = 0; f < p->countdowns[c].nfields; f++)
				jw_str(w, e->values[f]);
			jw_end_arr(w);
			jw_end_obj(w);
		}
		jw_end_arr(w);
	}
	jw_end_obj(w);
}

static void w_header(jsonw *w, const tlc_timeline *tl)
{
	const tlc_program *p = tl->program;
	jw_key(w, "timelinec-timeline");
	jw_int(w, TLC_TIMELINE_VERSION);
	jw_key(w, "widget");
	jw_str(w, p->widget);
	jw_key(w, "now");
	jw_time(w, tl->now);
	jw_key(w, "now-source");
	jw_str(w, now_names[tl->now_source]);
	jw_key(w, "data-time");
	jw_time(w, tl->data_time);
	jw_key(w, "display-zone");
	jw_str(w, tl->display_zone);
	jw_key(w, "start");
	jw_time(w, tl->start);
	jw_key(w, "end");
	jw_time(w, tl->end);
	jw_key(w, "policy");
	jw_obj_compact(w);
	jw_key(w, "kind");
	jw_str(w, policy_names[tl->policy]);
	if (tl->policy == TLC_POLICY_AFTER) {
		jw_key(w, "date");
		jw_time(w, tl->policy_date);
	}
	jw_end_obj(w);
	jw_key(w, "constant-tail");
	jw_bool(w, tl->constant_tail);
	if (tl->lists)
		w_lists(w, tl);
	jw_key(w, "params");
	jw_obj_compact(w);
	for (size_t i = 0; tl->param_text && i < p->nparams; i++)
		if (tl->param_text[i]) {
			jw_key(w, p->params[i].name);
			jw_str(w, tl->param_text[i]);
		}
	jw_end_obj(w);
}

int tlc_timeline_write_json(tlc_buf *out, const tlc_timeline *tl, const char *const *locales,
			    size_t nlocales, tlc_format_fn format, void *ud)
{
	jsonw w;
	wctx c = {&w, tl, locales, nlocales, format, ud, TLC_BUF_INIT, 0};
	jw_init(&w, out);
	jw_obj(&w);
	w_header(&w, tl);
	jw_key(&w, "entries");
	jw_arr(&w);
	for (size_t i = 0; i < tl->nentries; i++)
		w_entry(&c, &tl->entries[i]);
	jw_end_arr(&w);
	jw_key(&w, "program");
	/* the program's own writer, spliced in as the value */
	tlc_buf pb = TLC_BUF_INIT;
	tlc_program_write_json(&pb, tl->program);
	if (pb.len && pb.ptr[pb.len - 1] == '\n')
		pb.len--;
	for (size_t i = 0; i < pb.len; i++) {
		tlc_buf_putc(out, pb.ptr[i]);
		if (pb.ptr[i] == '\n')
			tlc_buf_puts(out, "  ");
	}
	tlc_buf_release(&pb);
	w.after_key = false;
	w.first[w.depth] = false;
	jw_end_obj(&w);
	tlc_buf_release(&c.scratch);
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	return c.rc;
}

/* ---- reading -------------------------------------------------------------------------------- */

/*
 * The keys each object may have, as the writer above writes them and docs/timeline.schema.json
 * allows them: any other key is refused (pj_known), where it is. The maps are checked by their
 * readers: params (by parameter name), an entry's views (by countdown id), a view's families (by
 * widget family), a message run's args (by the message's units); a message run's text (by
 * locale) is not read.
 */
static const char *const k_root[] = {"timelinec-timeline", "widget", "now", "now-source",
				     "data-time", "display-zone", "start", "end", "policy",
				     "constant-tail", "params", "entries", "program", NULL};
static const char *const k_root_lists[] = {"timelinec-timeline", "widget", "now", "now-source",
					   "data-time", "display-zone", "start", "end", "policy",
					   "constant-tail", "lists", "params", "entries", "program",
					   NULL};
static const char *const k_list_item[] = {"start", "end", "values", NULL};
static const char *const k_policy[] = {"kind", NULL};
static const char *const k_policy_after[] = {"kind", "date", NULL};
static const char *const k_entry[] = {"date", "relevance", "views", NULL};
static const char *const k_relevance[] = {"score", "duration", NULL};
static const char *const k_view[] = {"phase", "target", "families", NULL};
static const char *const k_view_events[] = {"phase", "target", "item", "families", NULL};
static const char *const k_run_text[] = {"text", NULL};
static const char *const k_run_message[] = {"message", "key", "args", "text", NULL};

static const char *own(pjson *j, tlc_timeline *tl, const tlc_json *v)
{
	char *s = pj_strdup_req(j, v);
	if (!s)
		return NULL;
	char **o = realloc(tl->owned, (tl->nowned + 1) * sizeof *o);
	if (!o) {
		free(s);
		pj_oom(j);
		return NULL;
	}
	tl->owned = o;
	tl->owned[tl->nowned++] = s;
	return s;
}

static tlc_time opt_time(pjson *j, const tlc_json *o, const char *key)
{
	const tlc_json *v = pj_get(j, o, key, false);
	return v ? pj_time(j, v, false) : TLC_TIME_NONE;
}

/* A message run's args: a map of exactly the message's units. */
static void r_args(pjson *j, const tlc_json *args, unsigned units, tlc_tl_run *r)
{
	if (j->failed || !pj_object(j, args))
		return;
	for (const tlc_json *m = args->child; m && !j->failed; m = m->next) {
		int u = 0;
		while (u < TLC_UNIT_COUNT && strcmp(tlc_unit_name(1u << u), m->key) != 0)
			u++;
		if (u == TLC_UNIT_COUNT || !(units & (1u << u))) {
			char b[64];
			pj_fail_key(j, m, "unknown key '%s' in a message run's args (not a unit of its "
				    "message)", pj_shown(b, m->key));
			return;
		}
	}
	for (int u = 0; u < TLC_UNIT_COUNT && !j->failed; u++)
		if (units & (1u << u))
			r->args[u] = pj_int(j, pj_get(j, args, tlc_unit_name(1u << u), true),
					    -TLC_TIME_MAX, TLC_TIME_MAX);
}

static void r_run(pjson *j, tlc_timeline *tl, const tlc_json *o, tlc_tl_run *r)
{
	const tlc_program *p = tl->program;
	const tlc_json *x;
	r->from = r->pause = r->target = TLC_TIME_NONE;
	if ((x = pj_get(j, o, "text", false)) && !pj_get(j, o, "message", false)) {
		r->kind = TLC_RUN_TEXT;
		r->text = own(j, tl, x);
		pj_known(j, o, "a text run", k_run_text);
	} else if ((x = pj_get(j, o, "message", false))) {
		r->kind = TLC_RUN_MESSAGE;
		if (!p->nmessages)
			pj_fail_at(j, x, "a message run, but the program has no messages");
		r->message = (uint32_t)pj_int(j, x, 0, (int64_t)p->nmessages - 1);
		pj_known(j, o, "a message run", k_run_message);
		if (r->message < p->nmessages) /* else refused above */
			r_args(j, pj_get(j, o, "args", true), p->messages[r->message].units, r);
	} else {
		static const char *const names[] = {"text", "message", "timer", "countdown", "relative",
						    "offset", "date", "time", "progress",
						    "date-offset", "countdown-timer", "stopwatch",
						    "date-reference"};
		int k = pj_enum(j, pj_get(j, o, "live", true), names, TLC_RUN_KIND_MAX);
		r->kind = k < 2 ? TLC_RUN_TIMER : (tlc_run_kind)k;
		if (k >= 0 && k < 2)
			pj_fail_at(j, pj_get(j, o, "live", true), "'live' must name a self-updating "
				   "style, not '%s'", names[k]);
		/* `from`: the interval of countdown and progress; `pause`: only timer and countdown
		 * can hold (Text(timerInterval:pauseTime:)), as instantiate.c writes them */
		bool interval = tlc_run_has_from(r->kind);
		bool holds = r->kind == TLC_RUN_TIMER || r->kind == TLC_RUN_COUNTDOWN;
		const char *known[8] = {"live", "target"}, **kn = known + 2;
		if (interval)
			*kn++ = "from";
		if (holds)
			*kn++ = "pause";
		if (tlc_run_is_ios18(r->kind))
			for (const char *const *sk = tlc__style_keys(r->kind); *sk; sk++)
				*kn++ = *sk;
		pj_known(j, o, interval || holds ? "a live run" : "a live run of this style", known);
		r->target = pj_time(j, pj_get(j, o, "target", true), false);
		r->from = interval ? pj_time(j, pj_get(j, o, "from", true), false) : TLC_TIME_NONE;
		r->pause = opt_time(j, o, "pause");
		if (tlc_run_is_ios18(r->kind))
			tlc__style_read(j, o, r->kind, &r->style);
	}
}

static void r_view(pjson *j, tlc_timeline *tl, const tlc_prog_countdown *pc, const tlc_json *o,
		   tlc_tl_view *v)
{
	bool events = pc->mode == TLC_TARGET_MODE_EVENTS;
	size_t ci = (size_t)(pc - tl->program->countdowns);
	const tlc_prog_event *items = pc->events_param ? (tl->lists ? tl->lists[ci].events : NULL)
						       : pc->events;
	size_t nitems = pc->events_param ? (tl->lists ? tl->lists[ci].nevents : 0) : pc->nevents;
	pj_known(j, o, events ? "a view of an events countdown" : "a view", events ? k_view_events : k_view);
	v->item = -1;
	if (events) { /* the item shown, whose fields its messages read */
		const tlc_json *it = pj_get(j, o, "item", true);
		if (it && !tlc_json_is(it, TLC_JSON_NULL)) {
			if (!nitems)
				pj_fail_at(j, it, "an item of an empty list");
			else
				v->item = (int32_t)pj_int(j, it, 0, (int64_t)nitems - 1);
		}
	}
	const tlc_json *ph = pj_get(j, o, "phase", true), *fams;
	v->phase = tlc_json_is(ph, TLC_JSON_STRING) ? -2 : tlc_json_is(ph, TLC_JSON_NULL) ? -1 : (int32_t)pj_int(j, ph, 0, INT32_MAX);
	if (tlc_json_is(ph, TLC_JSON_STRING) && !strcmp(ph->str, "empty")) {
		v->phase = -3;
		if (!pc->has_empty)
			pj_fail_at(j, ph, "phase \"empty\" in a countdown without an empty text");
	} else if (tlc_json_is(ph, TLC_JSON_STRING) && strcmp(ph->str, "stale") != 0) {
		pj_fail_at(j, ph, "a view's phase is an index, \"stale\", \"empty\" or null");
	}
	const tlc_json *t = pj_get(j, o, "target", true);
	v->target = tlc_json_is(t, TLC_JSON_NULL) ? TLC_TIME_NONE : pj_time(j, t, false);
	fams = pj_get(j, o, "families", true);
	if (j->failed || !pj_object(j, fams))
		return;
	for (const tlc_json *f = fams->child; f && !j->failed; f = f->next) {
		int fi = -1;
		for (int k = 0; k < TLC_FAM_MAX; k++)
			if (strcmp(f->key, tlc_family_name((tlc_family_id)k)) == 0)
				fi = k;
		if (fi < 0) {
			char b[64];
			pj_fail_key(j, f, "unknown widget family '%s' in a view's families",
				    pj_shown(b, f->key));
			return;
		}
		size_t n = pj_array(j, f);
		v->runs[fi] = calloc(n ? n : 1, sizeof **v->runs);
		if (!v->runs[fi]) {
			pj_oom(j);
			return;
		}
		for (const tlc_json *r = f->child; r && !j->failed; r = r->next) {
			tlc_tl_run *run = &v->runs[fi][v->nruns[fi]++];
			r_run(j, tl, r, run);
			if (run->kind == TLC_RUN_MESSAGE && v->item >= 0)
				run->event = &items[v->item];
		}
	}
}

/* An entry's views: a map keyed by the program's countdown ids, and by nothing else. */
static void r_known_ids(pjson *j, const tlc_program *p, const tlc_json *views)
{
	if (j->failed || !pj_object(j, views))
		return;
	for (const tlc_json *m = views->child; m; m = m->next) {
		size_t i = 0;
		while (i < p->ncountdowns && strcmp(p->countdowns[i].id, m->key) != 0)
			i++;
		if (i == p->ncountdowns) {
			char b[64];
			pj_fail_key(j, m, "unknown countdown '%s' in an entry's views (not in the program)",
				    pj_shown(b, m->key));
			return;
		}
	}
}

/* The params: a map keyed by the program's parameter names, and by nothing else. */
static void r_params(pjson *j, tlc_timeline *tl, const tlc_json *params)
{
	const tlc_program *p = tl->program;
	if (j->failed || !pj_object(j, params))
		return;
	for (const tlc_json *m = params->child; m; m = m->next) {
		size_t i = 0;
		while (i < p->nparams && strcmp(p->params[i].name, m->key) != 0)
			i++;
		if (i == p->nparams) {
			char b[64];
			pj_fail_key(j, m, "unknown parameter '%s' in params (not in the program)",
				    pj_shown(b, m->key));
			return;
		}
	}
	if (!p->nparams)
		return;
	tl->param_text = calloc(p->nparams, sizeof *tl->param_text);
	if (!tl->param_text) {
		pj_oom(j);
		return;
	}
	for (size_t i = 0; i < p->nparams; i++)
		tl->param_text[i] = pj_strdup(j, pj_get(j, params, p->params[i].name, false));
}

static void r_entries(pjson *j, tlc_timeline *tl, const tlc_json *a)
{
	size_t n = pj_array(j, a), ncds = tl->program->ncountdowns;
	if (j->failed || !n)
		return;
	tl->entries = calloc(n, sizeof *tl->entries);
	if (!tl->entries) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_entry *e = &tl->entries[tl->nentries++];
		pj_known(j, it, "an entry", k_entry);
		const tlc_json *rel = pj_get(j, it, "relevance", false), *views;
		e->date = pj_time(j, pj_get(j, it, "date", true), false);
		if (tl->nentries > 1 && e->date <= e[-1].date)
			pj_fail_at(j, tlc_json_get(it, "date"), "entry dates must increase");
		if (rel) {
			pj_known(j, rel, "an entry's relevance", k_relevance);
			e->relevance = pj_num(j, pj_get(j, rel, "score", true));
			e->relevance_duration = pj_int(j, pj_get(j, rel, "duration", true), 0, TLC_TIME_MAX);
		}
		e->views = calloc(ncds ? ncds : 1, sizeof *e->views);
		if (!e->views) {
			pj_oom(j);
			return;
		}
		views = pj_get(j, it, "views", true);
		r_known_ids(j, tl->program, views);
		for (size_t i = 0; i < ncds && !j->failed; i++)
			r_view(j, tl, &tl->program->countdowns[i],
			       pj_get(j, views, tl->program->countdowns[i].id, true), &e->views[i]);
	}
}

/* "lists": the items of each list parameter, keyed by the ids of the countdowns that read
 * one, required exactly when the program has such a countdown. */
static void r_lists(pjson *j, tlc_timeline *tl, const tlc_json *root)
{
	const tlc_program *p = tl->program;
	bool any = false;
	for (size_t c = 0; c < p->ncountdowns; c++)
		any = any || p->countdowns[c].events_param;
	pj_known(j, root, "a timeline", any ? k_root_lists : k_root);
	if (!any || j->failed)
		return;
	const tlc_json *ls = pj_get(j, root, "lists", true);
	if (j->failed || !pj_object(j, ls))
		return;
	for (const tlc_json *m = ls->child; m && !j->failed; m = m->next) {
		size_t c = 0;
		while (c < p->ncountdowns && (strcmp(p->countdowns[c].id, m->key) != 0 ||
					      !p->countdowns[c].events_param))
			c++;
		if (c == p->ncountdowns) {
			char b[64];
			pj_fail_key(j, m, "'%s' in lists is not a countdown that reads a list parameter",
				    pj_shown(b, m->key));
			return;
		}
	}
	if (!(tl->lists = calloc(p->ncountdowns, sizeof *tl->lists))) {
		pj_oom(j);
		return;
	}
	for (size_t c = 0; c < p->ncountdowns && !j->failed; c++) {
		const tlc_prog_countdown *pc = &p->countdowns[c];
		if (!pc->events_param)
			continue;
		const tlc_json *a = pj_get(j, ls, pc->id, true);
		size_t n = pj_array(j, a);
		if (j->failed)
			return;
		if (n > TLC_MAX_EVENTS) {
			pj_fail_at(j, a, "a list has at most %d items", TLC_MAX_EVENTS);
			return;
		}
		tlc_tl_list *l = &tl->lists[c];
		if (!(l->events = calloc(n ? n : 1, sizeof *l->events))) {
			pj_oom(j);
			return;
		}
		for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
			tlc_prog_event *e = &l->events[l->nevents++];
			e->countdown = pc;
			pj_known(j, it, "a list item", k_list_item);
			e->at = (tlc_prog_time){.kind = TLC_PTIME_LITERAL,
						.at = pj_time(j, pj_get(j, it, "start", true), false)};
			const tlc_json *end = pj_get(j, it, "end", true);
			if (end && !tlc_json_is(end, TLC_JSON_NULL)) {
				e->end = (tlc_prog_time){.kind = TLC_PTIME_LITERAL, .at = pj_time(j, end, false)};
				if (!j->failed && e->end.at < e->at.at)
					pj_fail_at(j, end, "a list item ends before it starts");
			}
			tlc__event_values_read(j, pj_get(j, it, "values", true), pc->fields, pc->nfields,
					       "a list item", &e->values);
			if (j->failed)
				return;
		}
	}
}

static void r_header(pjson *j, tlc_timeline *tl, const tlc_json *root)
{
	const tlc_json *pol = pj_get(j, root, "policy", true);
	int k;
	pj_version(j, pj_get(j, root, "timelinec-timeline", true), "timeline", TLC_TIMELINE_VERSION);
	/* after the version: a newer timeline says so, not that it has an unknown key */
	/* the root's keys: r_lists, once the program says whether "lists" belongs */
	tl->now = pj_time(j, pj_get(j, root, "now", true), false);
	k = pj_enum(j, pj_get(j, root, "now-source", true), now_names, TLC_NOW_SOURCE_MAX);
	tl->now_source = k < 0 ? TLC_NOW_OPTION : (tlc_now_source)k;
	tl->data_time = pj_time(j, pj_get(j, root, "data-time", true), false);
	tl->display_zone = pj_strdup_req(j, pj_get(j, root, "display-zone", true));
	tl->start = pj_time(j, pj_get(j, root, "start", true), false);
	tl->end = pj_time(j, pj_get(j, root, "end", true), false);
	k = pj_enum(j, pj_get(j, pol, "kind", true), policy_names, TLC_POLICY_KIND_MAX);
	if (k == TLC_POLICY_AUTO)
		pj_fail_at(j, pj_get(j, pol, "kind", true), "a timeline's policy is 'at-end', 'never' "
			   "or 'after' ('auto' is a program's)");
	tl->policy = k < 0 ? TLC_POLICY_NEVER : (tlc_policy_kind)k;
	pj_known(j, pol, "the policy", tl->policy == TLC_POLICY_AFTER ? k_policy_after : k_policy);
	if (tl->policy == TLC_POLICY_AFTER)
		tl->policy_date = pj_time(j, pj_get(j, pol, "date", true), false);
	const tlc_json *ct = pj_get(j, root, "constant-tail", true);
	tl->constant_tail = tlc_json_is(ct, TLC_JSON_TRUE);
	r_params(j, tl, pj_get(j, root, "params", true));
	r_lists(j, tl, root);
}

int tlc_timeline_read_json(tlc_timeline **out, const char *json, size_t len, tlc_err *err)
{
	pjson j;
	tlc_json *root = NULL;
	if (len > TLC_MAX_TIMELINE_BYTES) {
		if (err) {
			err->offset = TLC_MAX_TIMELINE_BYTES;
			err->len = 0;
			snprintf(err->msg, sizeof err->msg, "the timeline is larger than the limit of 64 MiB "
				 "(TLC_MAX_TIMELINE_BYTES)");
		}
		return TLC_EINPUT;
	}
	int rc = pj_parse(&j, &root, json, len, err);
	if (rc < 0)
		return rc;
	tlc_timeline *tl = calloc(1, sizeof *tl);
	if (!tl) {
		tlc_json_free(root);
		return TLC_ENOMEM;
	}
	/* the version before the embedded program: an older or newer timeline says so */
	if (pj_object(&j, root) &&
	    pj_version(&j, pj_get(&j, root, "timelinec-timeline", true), "timeline", TLC_TIMELINE_VERSION)) {
		rc = tlc__program_from_json(&tl->owned_program, pj_get(&j, root, "program", true), &j);
		tl->program = tl->owned_program;
	}
	if (rc == 0 && !j.failed) {
		r_header(&j, tl, root);
		r_entries(&j, tl, pj_get(&j, root, "entries", true));
	}
	if (!j.failed && !tl->nentries)
		pj_fail_at(&j, tlc_json_get(root, "entries"), "a timeline needs at least one entry");
	pj_finish(&j, err);
	tlc_json_free(root);
	if (j.failed || rc < 0) {
		tlc_timeline_free(tl);
		return rc < 0 ? rc : j.oom ? TLC_ENOMEM : TLC_EINPUT;
	}
	tlc_timeline_index(tl);
	*out = tl;
	return 0;
}
