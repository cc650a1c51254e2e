/*
 * program.c — the program model: names, freeing, and its canonical JSON (write and read).
 * The JSON form is documented by docs/program.schema.json.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "jsonw.h"
#include "pjson.h"
#include "timelinec/civil.h"
#include "timelinec/program.h"

static const char *const family_names[TLC_FAM_MAX] = {
	"default", "small", "medium", "large", "extraLarge",
	"accessoryInline", "accessoryCircular", "accessoryRectangular"};
static const char *const run_names[TLC_RUN_KIND_MAX] = {
	"text", "message", "timer", "countdown", "relative", "offset", "date", "time", "progress",
	"date-offset", "countdown-timer", "stopwatch", "date-reference"};
static const char *const style_field_names[TLC_SF_COUNT] = {"year", "month", "week", "day", "hour",
							    "minute", "second"};
static const char *const style_sign_names[TLC_SIGN_MAX] = {"automatic", "never", "always"};
static const char *const style_prec_names[TLC_PREC_MAX] = {"hundredths", "seconds", "minutes"};
static const char *const unit_names[TLC_UNIT_COUNT] = {
	"days", "hours", "minutes", "seconds", "total-hours", "total-minutes", "calendar-days"};
static const char *const mode_names[TLC_TARGET_MODE_MAX] = {"to", "since", "recur", "events"};
static const char *const field_type_names[] = {"text", "integer"};
static const char *const policy_names[TLC_POLICY_KIND_MAX] = {"auto", "at-end", "never", "after"};
static const char *const ptype_names[TLC_PPARAM_TYPE_MAX] = {"instant", "duration", "text",
							      "integer", "number", "events"};
static const char *const ptime_names[TLC_PTIME_KIND_MAX] = {"none", "literal", "local", "param",
							     "now"};
static const char *const disamb_names[] = {"compatible", "earlier", "later", "reject", NULL};

const char *tlc_family_name(tlc_family_id f)
{
	return (unsigned)f < TLC_FAM_MAX ? family_names[f] : NULL;
}

const char *tlc_run_kind_name(tlc_run_kind k)
{
	return (unsigned)k < TLC_RUN_KIND_MAX ? run_names[k] : NULL;
}

const char *tlc_style_field_name(unsigned field)
{
	for (int i = 0; i < TLC_SF_COUNT; i++)
		if (field == 1u << i)
			return style_field_names[i];
	return NULL;
}

const char *tlc_style_sign_name(tlc_style_sign s)
{
	return (unsigned)s < TLC_SIGN_MAX ? style_sign_names[s] : NULL;
}

const char *tlc_style_precision_name(tlc_style_precision p)
{
	return (unsigned)p < TLC_PREC_MAX ? style_prec_names[p] : NULL;
}

const char *const *tlc__style_keys(tlc_run_kind k)
{
	static const char *const offset[] = {"fields", "max", "sign", NULL};
	static const char *const clock[] = {"hours", "max", "precision", NULL};
	static const char *const reference[] = {"fields", "max", "threshold", NULL};
	return tlc_run_is_clock_style(k) ? clock : k == TLC_RUN_DATE_REFERENCE ? reference : offset;
}

void tlc__style_write(jsonw *w, tlc_run_kind k, const tlc_style *s)
{
	if (tlc_run_is_clock_style(k)) {
		jw_key(w, "hours");
		jw_bool(w, s->hours);
		jw_key(w, "max");
		jw_int(w, s->max);
		jw_key(w, "precision");
		jw_str(w, style_prec_names[(unsigned)s->precision < TLC_PREC_MAX ? s->precision : 1]);
		return;
	}
	jw_key(w, "fields");
	jw_arr_compact(w);
	for (int i = 0; i < TLC_SF_COUNT; i++)
		if (s->fields & (1u << i))
			jw_str(w, style_field_names[i]);
	jw_end_arr(w);
	jw_key(w, "max");
	jw_int(w, s->max);
	if (k == TLC_RUN_DATE_REFERENCE) {
		const char *th = tlc_style_field_name(s->threshold);
		jw_key(w, "threshold");
		jw_str(w, th ? th : "day");
		return;
	}
	jw_key(w, "sign");
	jw_str(w, style_sign_names[(unsigned)s->sign < TLC_SIGN_MAX ? s->sign : 0]);
}

/* At least one field, each once (the writer writes them largest first). The clock styles: hours,
 * max up to tlc_style_max_cap, a precision the kind takes (hundredths: {stopwatch} only). */
void tlc__style_read(pjson *j, const tlc_json *run, tlc_run_kind k, tlc_style *s)
{
	*s = tlc_style_default(k);
	if (tlc_run_is_clock_style(k)) {
		const tlc_json *h = pj_get(j, run, "hours", true);
		if (!j->failed && !tlc_json_is(h, TLC_JSON_TRUE) && !tlc_json_is(h, TLC_JSON_FALSE))
			pj_fail_at(j, h, "'hours' must be true or false");
		s->hours = !j->failed && tlc_json_is(h, TLC_JSON_TRUE);
		s->max = (int)pj_int(j, pj_get(j, run, "max", true), 1, tlc_style_max_cap(k));
		const tlc_json *pr = pj_get(j, run, "precision", true);
		int p = pj_enum(j, pr, style_prec_names, TLC_PREC_MAX);
		if (p == TLC_PREC_HUNDREDTHS && k != TLC_RUN_STOPWATCH && !j->failed)
			pj_fail_at(j, pr, "'precision' of a %s run is seconds or minutes",
				   run_names[k]);
		s->precision = p < 0 ? TLC_PREC_SECONDS : (tlc_style_precision)p;
		return;
	}
	const tlc_json *f = pj_get(j, run, "fields", true);
	if (pj_array(j, f) == 0 && !j->failed)
		pj_fail_at(j, f, "'fields' names at least one field");
	s->fields = 0;
	for (const tlc_json *it = j->failed ? NULL : f->child; it && !j->failed; it = it->next) {
		int b = pj_enum(j, it, style_field_names, TLC_SF_COUNT);
		if (b >= 0 && (s->fields & (1u << b)))
			pj_fail_at(j, it, "'fields' lists '%s' twice", style_field_names[b]);
		if (b >= 0)
			s->fields |= 1u << b;
	}
	s->max = (int)pj_int(j, pj_get(j, run, "max", true), 1, TLC_SF_COUNT);
	if (k == TLC_RUN_DATE_REFERENCE) {
		int th = pj_enum(j, pj_get(j, run, "threshold", true), style_field_names, TLC_SF_COUNT);
		s->threshold = th < 0 ? TLC_SF_DAY : 1u << th;
		return;
	}
	int sg = pj_enum(j, pj_get(j, run, "sign", true), style_sign_names, TLC_SIGN_MAX);
	s->sign = sg < 0 ? TLC_SIGN_AUTOMATIC : (tlc_style_sign)sg;
}

const char *tlc_unit_name(unsigned unit)
{
	for (int i = 0; i < TLC_UNIT_COUNT; i++)
		if (unit == (1u << i))
			return unit_names[i];
	return NULL;
}

/* ---- freeing -------------------------------------------------------------------------------- */

static void free_view(tlc_prog_view *v)
{
	for (size_t i = 0; i < v->nruns; i++)
		free(v->runs[i].text);
	free(v->runs);
}

static void free_views(tlc_prog_view *v)
{
	for (int f = 0; f < TLC_FAM_MAX; f++)
		free_view(&v[f]);
}

static void free_countdown(tlc_prog_countdown *c)
{
	free(c->id);
	free(c->target.param);
	free(c->from.param);
	free(c->paused_at.param);
	free(c->rrule);
	free(c->exdate);
	free(c->exdate_is_date);
	free(c->rdate);
	free_views(c->stale_views);
	free_views(c->empty_views);
	for (size_t i = 0; i < c->nphases; i++) {
		free_views(c->phases[i].views);
		free(c->phases[i].above_param);
	}
	free(c->phases);
	for (size_t i = 0; i < c->nevents; i++) {
		for (size_t f = 0; c->events[i].values && f < c->nfields; f++)
			free(c->events[i].values[f]);
		free(c->events[i].values);
		free(c->events[i].rrule);
	}
	free(c->events);
	free(c->events_param);
	for (size_t f = 0; f < c->nfields; f++)
		free(c->fields[f].name);
	free(c->fields);
}

void tlc_program_free(tlc_program *p)
{
	if (!p)
		return;
	free(p->widget);
	free(p->zone);
	free(p->source);
	for (size_t i = 0; i < p->nlocales; i++)
		free(p->locales[i]);
	free(p->locales);
	for (size_t i = 0; i < p->nparams; i++) {
		free(p->params[i].name);
		for (size_t f = 0; f < p->params[i].nfields; f++)
			free(p->params[i].fields[f].name);
		free(p->params[i].fields);
	}
	free(p->params);
	free(p->window_start.param);
	free(p->window_end.param);
	free(p->reload_after.param);
	for (size_t i = 0; i < p->ncountdowns; i++)
		free_countdown(&p->countdowns[i]);
	free(p->countdowns);
	for (size_t i = 0; i < p->nmessages; i++) {
		free(p->messages[i].key);
		free(p->messages[i].pattern);
		for (size_t j = 0; j < p->messages[i].nparams; j++)
			free(p->messages[i].params[j]);
		free(p->messages[i].params);
	}
	free(p->messages);
	for (size_t i = 0; i < p->nbaked; i++) {
		free(p->baked[i].locale);
		free(p->baked[i].keys);
		for (size_t j = 0; !p->baked[i].text_block && j < p->baked[i].ntuples; j++)
			free(p->baked[i].texts[j]);
		free(p->baked[i].text_block);
		free(p->baked[i].texts);
	}
	free(p->baked);
	free(p);
}

/* ---- writing -------------------------------------------------------------------------------- */

static void local_string(char buf[32], tlc_time local)
{
	tlc__format_rfc3339(buf, local);
	buf[19] = 0; /* no 'Z': a wall-clock reading */
}

void tlc__ptime_write(jsonw *w, const tlc_prog_time *t)
{
	char b[32];
	if (t->kind == TLC_PTIME_NONE) {
		jw_null(w);
		return;
	}
	jw_obj_compact(w);
	jw_key(w, "kind");
	jw_str(w, ptime_names[t->kind]);
	if (t->kind == TLC_PTIME_LITERAL) {
		jw_key(w, "at");
		jw_time(w, t->at);
	} else if (t->kind == TLC_PTIME_LOCAL) {
		local_string(b, t->at);
		jw_key(w, "at");
		jw_str(w, b);
	} else if (t->kind == TLC_PTIME_PARAM) {
		jw_key(w, "param");
		jw_str(w, t->param);
	}
	jw_key(w, "offset");
	jw_int(w, t->offset);
	jw_end_obj(w);
}

static void w_at(jsonw *w, uint32_t line, uint32_t col)
{
	if (!line)
		return;
	jw_key(w, "at");
	jw_arr_compact(w);
	jw_int(w, line);
	jw_int(w, col);
	jw_end_arr(w);
}

static void w_runs(jsonw *w, const tlc_prog_view *v)
{
	jw_arr(w);
	for (size_t i = 0; i < v->nruns; i++) {
		const tlc_prog_run *r = &v->runs[i];
		jw_obj_compact(w);
		if (r->kind == TLC_RUN_TEXT) {
			jw_key(w, "text");
			jw_str(w, r->text);
		} else if (r->kind == TLC_RUN_MESSAGE) {
			jw_key(w, "message");
			jw_int(w, r->message);
		} else {
			jw_key(w, "live");
			jw_str(w, run_names[r->kind]);
			if (tlc_run_is_ios18(r->kind))
				tlc__style_write(w, r->kind, &r->style);
			if (r->to_end) {
				jw_key(w, "to");
				jw_str(w, "end");
			}
		}
		w_at(w, r->line, r->col);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void w_views(jsonw *w, const tlc_prog_view *views)
{
	jw_obj(w);
	for (int f = 0; f < TLC_FAM_MAX; f++)
		if (views[f].present) {
			jw_key(w, family_names[f]);
			w_runs(w, &views[f]);
		}
	jw_end_obj(w);
}

static void w_locals(jsonw *w, const tlc_time *v, const bool *is_date, size_t n)
{
	char b[32];
	jw_arr_compact(w);
	for (size_t i = 0; i < n; i++) {
		local_string(b, v[i]);
		if (is_date && is_date[i])
			b[10] = 0; /* "2026-12-25": the whole day */
		jw_str(w, b);
	}
	jw_end_arr(w);
}

static void w_fields(jsonw *w, const tlc_prog_field *fields, size_t n)
{
	jw_arr(w);
	for (size_t f = 0; f < n; f++) {
		jw_obj_compact(w);
		jw_key(w, "name");
		jw_str(w, fields[f].name);
		jw_key(w, "type");
		jw_str(w, field_type_names[fields[f].is_int]);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* An events countdown: "fields", "events" (start, end, values, at) and "roll-after"; or, for
 * a list parameter, "events-param" and "roll-after" (the fields are the parameter's). */
static void w_events(jsonw *w, const tlc_prog_countdown *c)
{
	if (c->events_param) {
		jw_key(w, "events-param");
		jw_str(w, c->events_param);
		jw_key(w, "roll-after");
		jw_int(w, c->roll_after);
		return;
	}
	jw_key(w, "fields");
	w_fields(w, c->fields, c->nfields);
	jw_key(w, "events");
	jw_arr(w);
	for (size_t i = 0; i < c->nevents; i++) {
		const tlc_prog_event *e = &c->events[i];
		jw_obj(w);
		if (e->rrule) {
			jw_key(w, "rrule");
			jw_str(w, e->rrule);
			jw_key(w, "length");
			jw_int(w, e->length);
		} else {
			jw_key(w, "start");
			tlc__ptime_write(w, &e->at);
			jw_key(w, "end");
			tlc__ptime_write(w, &e->end);
		}
		jw_key(w, "values");
		jw_arr_compact(w);
		for (size_t f = 0; f < c->nfields; f++)
			jw_str(w, e->values[f]);
		jw_end_arr(w);
		w_at(w, e->line, e->col);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_key(w, "roll-after");
	jw_int(w, c->roll_after);
}

static void w_countdown(jsonw *w, const tlc_prog_countdown *c)
{
	char b[32];
	jw_obj(w);
	jw_key(w, "id");
	jw_str(w, c->id);
	jw_key(w, "mode");
	jw_str(w, mode_names[c->mode]);
	if (c->mode == TLC_TARGET_MODE_RECUR) {
		jw_key(w, "rrule");
		jw_str(w, c->rrule);
		local_string(b, c->dtstart);
		jw_key(w, "dtstart");
		jw_str(w, b);
		jw_key(w, "exdate");
		w_locals(w, c->exdate, c->exdate_is_date, c->nexdate);
		jw_key(w, "rdate");
		w_locals(w, c->rdate, NULL, c->nrdate);
		jw_key(w, "roll-after");
		jw_int(w, c->roll_after);
	} else if (c->mode == TLC_TARGET_MODE_EVENTS) {
		w_events(w, c);
	} else {
		jw_key(w, "target");
		tlc__ptime_write(w, &c->target);
	}
	jw_key(w, "from");
	tlc__ptime_write(w, &c->from);
	jw_key(w, "paused-at");
	tlc__ptime_write(w, &c->paused_at);
	jw_key(w, "relevance");
	if (c->has_relevance) {
		jw_obj_compact(w);
		jw_key(w, "score");
		jw_num(w, c->relevance_score);
		jw_key(w, "from");
		jw_int(w, c->relevance_from);
		jw_key(w, "until");
		jw_int(w, c->relevance_until);
		jw_end_obj(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "stale");
	if (c->has_stale) {
		jw_obj(w);
		jw_key(w, "after");
		jw_int(w, c->stale_after);
		jw_key(w, "views");
		w_views(w, c->stale_views);
		jw_end_obj(w);
	} else {
		jw_null(w);
	}
	if (c->mode == TLC_TARGET_MODE_EVENTS) {
		jw_key(w, "empty");
		if (c->has_empty)
			w_views(w, c->empty_views);
		else
			jw_null(w);
	}
	jw_key(w, "phases");
	jw_arr(w);
	for (size_t i = 0; i < c->nphases; i++) {
		const tlc_prog_phase *ph = &c->phases[i];
		jw_obj(w);
		jw_key(w, "above");
		if (ph->has_above && ph->above_end) {
			jw_str(w, "end");
		} else if (ph->has_above && ph->above_param) {
			jw_obj(w);
			jw_key(w, "param");
			jw_str(w, ph->above_param);
			jw_key(w, "sign");
			jw_int(w, ph->above_sign < 0 ? -1 : 1);
			jw_end_obj(w);
		} else if (ph->has_above) {
			jw_int(w, ph->above);
		} else {
			jw_null(w);
		}
		w_at(w, ph->line, ph->col);
		jw_key(w, "views");
		w_views(w, ph->views);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	w_at(w, c->line, c->col);
	jw_end_obj(w);
}

static void w_messages(jsonw *w, const tlc_program *p)
{
	jw_arr(w);
	for (size_t i = 0; i < p->nmessages; i++) {
		const tlc_prog_message *m = &p->messages[i];
		jw_obj(w);
		jw_key(w, "key");
		jw_str(w, m->key);
		jw_key(w, "pattern");
		jw_str(w, m->pattern);
		jw_key(w, "units");
		jw_arr_compact(w);
		for (int u = 0; u < TLC_UNIT_COUNT; u++)
			if (m->units & (1u << u))
				jw_str(w, unit_names[u]);
		jw_end_arr(w);
		jw_key(w, "params");
		jw_arr_compact(w);
		for (size_t j = 0; j < m->nparams; j++)
			jw_str(w, m->params[j]);
		jw_end_arr(w);
		w_at(w, m->line, m->col);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void w_baked(jsonw *w, const tlc_program *p)
{
	jw_arr(w);
	for (size_t i = 0; i < p->nbaked; i++) {
		const tlc_prog_baked *b = &p->baked[i];
		size_t nu = (size_t)__builtin_popcount(p->messages[b->message].units);
		jw_obj(w);
		jw_key(w, "message");
		jw_int(w, b->message);
		jw_key(w, "locale");
		jw_str(w, b->locale);
		jw_key(w, "texts");
		jw_arr(w);
		for (size_t j = 0; j < b->ntuples; j++) {
			jw_arr_compact(w);
			for (size_t u = 0; u < nu; u++)
				jw_int(w, b->keys[j * nu + u]);
			jw_str(w, b->texts[j]);
			jw_end_arr(w);
		}
		jw_end_arr(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

void tlc_program_write_json(tlc_buf *out, const tlc_program *p)
{
	jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "timelinec-program");
	jw_int(&w, p->version);
	jw_key(&w, "source");
	jw_str(&w, p->source);
	jw_key(&w, "widget");
	jw_str(&w, p->widget);
	jw_key(&w, "zone");
	jw_str(&w, p->zone);
	jw_key(&w, "disambiguation");
	jw_str(&w, disamb_names[p->disambiguation]);
	if (p->minimum_ios > TLC_IOS_DEFAULT) { /* absent: the default */
		jw_key(&w, "minimum-ios");
		jw_int(&w, p->minimum_ios);
	}
	jw_key(&w, "locales");
	jw_arr_compact(&w);
	for (size_t i = 0; i < p->nlocales; i++)
		jw_str(&w, p->locales[i]);
	jw_end_arr(&w);
	jw_key(&w, "params");
	jw_arr(&w);
	for (size_t i = 0; i < p->nparams; i++) {
		jw_obj_compact(&w);
		jw_key(&w, "name");
		jw_str(&w, p->params[i].name);
		jw_key(&w, "type");
		jw_str(&w, ptype_names[p->params[i].type]);
		if (p->params[i].type == TLC_PPARAM_EVENTS) {
			jw_key(&w, "fields");
			w_fields(&w, p->params[i].fields, p->params[i].nfields);
		}
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	if (p->has_window) {
		jw_key(&w, "window");
		jw_obj_compact(&w);
		jw_key(&w, "start");
		tlc__ptime_write(&w, &p->window_start);
		jw_key(&w, "end");
		tlc__ptime_write(&w, &p->window_end);
		jw_end_obj(&w);
	} else {
		jw_key(&w, "horizon");
		jw_int(&w, p->horizon);
	}
	jw_key(&w, "reload");
	jw_obj_compact(&w);
	jw_key(&w, "policy");
	jw_str(&w, policy_names[p->reload]);
	if (p->reload == TLC_POLICY_AFTER) {
		jw_key(&w, "after");
		tlc__ptime_write(&w, &p->reload_after);
	}
	jw_end_obj(&w);
	jw_key(&w, "countdowns");
	jw_arr(&w);
	for (size_t i = 0; i < p->ncountdowns; i++)
		w_countdown(&w, &p->countdowns[i]);
	jw_end_arr(&w);
	jw_key(&w, "messages");
	w_messages(&w, p);
	jw_key(&w, "baked");
	w_baked(&w, p);
	jw_end_obj(&w);
}

/* ---- reading -------------------------------------------------------------------------------- */

/*
 * The keys each object may have, as the writer above writes them and docs/program.schema.json
 * allows them: any other key is refused (pj_known), where it is. Maps (views by family) are
 * checked by their own readers.
 */
static const char *const k_root_window[] = {"timelinec-program", "source", "widget", "zone",
					    "disambiguation", "minimum-ios", "locales", "params", "window",
					    "reload", "countdowns", "messages", "baked", NULL};
static const char *const k_root_horizon[] = {"timelinec-program", "source", "widget", "zone",
					     "disambiguation", "minimum-ios", "locales", "params", "horizon",
					     "reload", "countdowns", "messages", "baked", NULL};
static const char *const k_param[] = {"name", "type", NULL};
static const char *const k_param_events[] = {"name", "type", "fields", NULL};
static const char *const k_countdown_events_param[] = {"id", "mode", "events-param", "roll-after",
						       "from", "paused-at", "relevance", "stale",
						       "empty", "phases", "at", NULL};
static const char *const k_window[] = {"start", "end", NULL};
static const char *const k_reload[] = {"policy", NULL};
static const char *const k_reload_after[] = {"policy", "after", NULL};
/* a time, by kind: "none" is written as null, never as an object */
static const char *const *const k_ptime[TLC_PTIME_KIND_MAX] = {
	[TLC_PTIME_LITERAL] = (const char *const[]){"kind", "at", "offset", NULL},
	[TLC_PTIME_LOCAL] = (const char *const[]){"kind", "at", "offset", NULL},
	[TLC_PTIME_PARAM] = (const char *const[]){"kind", "param", "offset", NULL},
	[TLC_PTIME_NOW] = (const char *const[]){"kind", "offset", NULL}};
static const char *const k_countdown[] = {"id", "mode", "target", "from", "paused-at",
					  "relevance", "stale", "phases", "at", NULL};
static const char *const k_countdown_recur[] = {"id", "mode", "rrule", "dtstart", "exdate",
						"rdate", "roll-after", "from", "paused-at",
						"relevance", "stale", "phases", "at", NULL};
static const char *const k_countdown_events[] = {"id", "mode", "fields", "events", "roll-after",
						 "from", "paused-at", "relevance", "stale", "empty",
						 "phases", "at", NULL};
static const char *const k_field[] = {"name", "type", NULL};
static const char *const k_event[] = {"start", "end", "values", "at", NULL};
static const char *const k_event_recur[] = {"rrule", "length", "values", "at", NULL};
static const char *const k_relevance[] = {"score", "from", "until", NULL};
static const char *const k_stale[] = {"after", "views", NULL};
static const char *const k_phase[] = {"above", "at", "views", NULL};
static const char *const k_above_param[] = {"param", "sign", NULL};
static const char *const k_run_text[] = {"text", "at", NULL};
static const char *const k_run_message[] = {"message", "at", NULL};
static const char *const k_run_live[] = {"live", "to", "at", NULL};
static const char *const k_run_styled[] = {"live", "fields", "max", "sign", "to", "at", NULL};
static const char *const k_run_clock[] = {"live", "hours", "max", "precision", "to", "at", NULL};
static const char *const k_run_reference[] = {"live", "fields", "max", "threshold", "to", "at", NULL};
static const char *const k_message[] = {"key", "pattern", "units", "params", "at", NULL};
static const char *const k_baked[] = {"message", "locale", "texts", NULL};

int tlc__ptime_read(pjson *j, const tlc_json *o, tlc_prog_time *t)
{
	memset(t, 0, sizeof *t);
	if (!o || tlc_json_is(o, TLC_JSON_NULL))
		return 0;
	const tlc_json *kind = pj_get(j, o, "kind", true);
	int k = pj_enum(j, kind, ptime_names, TLC_PTIME_KIND_MAX);
	if (k == TLC_PTIME_NONE)
		pj_fail_at(j, kind, "a time of kind 'none' is written as null");
	if (k <= TLC_PTIME_NONE || !pj_known(j, o, "a time", k_ptime[k]))
		return -1;
	t->kind = (tlc_prog_time_kind)k;
	t->offset = pj_int(j, pj_get(j, o, "offset", true), -TLC_TIME_MAX, TLC_TIME_MAX);
	if (k == TLC_PTIME_LITERAL)
		t->at = pj_time(j, pj_get(j, o, "at", true), false);
	else if (k == TLC_PTIME_LOCAL)
		t->at = pj_time(j, pj_get(j, o, "at", true), true);
	else if (k == TLC_PTIME_PARAM)
		t->param = pj_strdup_req(j, pj_get(j, o, "param", true));
	return j->failed ? -1 : 0;
}

static void r_at(pjson *j, const tlc_json *o, uint32_t *line, uint32_t *col)
{
	const tlc_json *at = pj_get(j, o, "at", false);
	if (!at)
		return;
	if (!tlc_json_is(at, TLC_JSON_ARRAY) || at->n != 2) {
		pj_fail_at(j, at, "'at' must be [line, column]");
		return;
	}
	*line = (uint32_t)pj_int(j, tlc_json_at(at, 0), 0, UINT32_MAX);
	*col = (uint32_t)pj_int(j, tlc_json_at(at, 1), 0, UINT32_MAX);
}

static void r_runs(pjson *j, const tlc_json *a, tlc_prog_view *v, const tlc_program *p)
{
	size_t n = pj_array(j, a);
	v->present = true;
	if (!n || j->failed)
		return;
	v->runs = calloc(n, sizeof *v->runs);
	if (!v->runs) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_prog_run *r = &v->runs[v->nruns++];
		const tlc_json *x;
		if ((x = pj_get(j, it, "text", false))) {
			r->kind = TLC_RUN_TEXT;
			r->text = pj_strdup_req(j, x);
			pj_known(j, it, "a text run", k_run_text);
		} else if ((x = pj_get(j, it, "message", false))) {
			r->kind = TLC_RUN_MESSAGE;
			r->message = (uint32_t)pj_int(j, x, 0, (int64_t)p->nmessages - 1);
			pj_known(j, it, "a message run", k_run_message);
		} else {
			const tlc_json *live = pj_get(j, it, "live", true);
			int k = pj_enum(j, live, run_names, TLC_RUN_KIND_MAX);
			if (k >= 0 && !tlc_run_is_live((tlc_run_kind)k))
				pj_fail_at(j, live, "'live' must name a self-updating style, not '%s'", run_names[k]);
			r->kind = k < 0 ? TLC_RUN_TEXT : (tlc_run_kind)k;
			pj_known(j, it, "a live run", tlc_run_is_clock_style(r->kind) ? k_run_clock
						      : r->kind == TLC_RUN_DATE_REFERENCE ? k_run_reference
						      : tlc_run_is_ios18(r->kind) ? k_run_styled : k_run_live);
			if (tlc_run_is_ios18(r->kind))
				tlc__style_read(j, it, r->kind, &r->style);
			const tlc_json *to = pj_get(j, it, "to", false);
			if (to && (!tlc_json_is(to, TLC_JSON_STRING) || strcmp(to->str, "end") != 0))
				pj_fail_at(j, to, "a live run's 'to' is \"end\" (the event item's end)");
			r->to_end = to != NULL;
		}
		r_at(j, it, &r->line, &r->col);
	}
}

/* A map: each key a widget family. */
static void r_views(pjson *j, const tlc_json *o, tlc_prog_view *views, const tlc_program *p)
{
	if (!pj_object(j, o))
		return;
	for (const tlc_json *it = o->child; it && !j->failed; it = it->next) {
		int f = 0;
		while (f < TLC_FAM_MAX && strcmp(family_names[f], it->key) != 0)
			f++;
		if (f == TLC_FAM_MAX) {
			char b[64];
			pj_fail_key(j, it, "unknown widget family '%s' in views", pj_shown(b, it->key));
			return;
		}
		r_runs(j, it, &views[f], p);
	}
}

static void r_locals(pjson *j, const tlc_json *a, tlc_time **out, bool **is_date, size_t *n)
{
	size_t m = pj_array(j, a);
	if (!m || j->failed)
		return;
	*out = calloc(m, sizeof **out);
	if (is_date)
		*is_date = calloc(m, sizeof **is_date);
	if (!*out || (is_date && !*is_date)) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it; it = it->next) {
		if (is_date)
			(*is_date)[*n] = tlc_json_is(it, TLC_JSON_STRING) && strlen(it->str) == 10;
		(*out)[(*n)++] = is_date ? pj_date_or_local(j, it) : pj_time(j, it, true);
	}
}

/* A threshold that is a parameter: {"param": NAME, "sign": 1 | -1}, NAME a declared duration
 * parameter (the params are read before the countdowns). */
static void r_above_param(pjson *j, const tlc_json *a, tlc_prog_phase *f, const tlc_program *p)
{
	char b[64];
	pj_known(j, a, "a threshold", k_above_param);
	const tlc_json *n = pj_get(j, a, "param", true);
	f->above_param = pj_strdup_req(j, n);
	int64_t sign = pj_int(j, pj_get(j, a, "sign", true), -1, 1);
	if (j->failed)
		return;
	if (sign == 0) {
		pj_fail_at(j, tlc_json_get(a, "sign"), "a threshold's sign is 1 or -1, not 0");
		return;
	}
	f->above_sign = (int)sign;
	for (size_t k = 0; k < p->nparams; k++)
		if (p->params[k].name && !strcmp(p->params[k].name, f->above_param)) {
			if (p->params[k].type != TLC_PPARAM_DURATION)
				pj_fail_at(j, n, "the threshold parameter '%s' is not a duration",
					   pj_shown(b, f->above_param));
			return;
		}
	pj_fail_at(j, n, "the threshold parameter '%s' is not a parameter of the program",
		   pj_shown(b, f->above_param));
}

/* Fields of events: unique names, none a parameter's (of the p->nparams read so far), text or
 * integer. */
static void r_field_list(pjson *j, const tlc_json *a, tlc_prog_field **out, size_t *nout,
			 const tlc_program *p)
{
	char b[64];
	size_t n = pj_array(j, a);
	if (j->failed)
		return;
	if (n > TLC_MAX_EVENT_FIELDS) {
		pj_fail_at(j, a, "an event has at most %d fields, not %zu", TLC_MAX_EVENT_FIELDS, n);
		return;
	}
	if (!(*out = calloc(n ? n : 1, sizeof **out))) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_prog_field *f = &(*out)[(*nout)++];
		pj_known(j, it, "a field", k_field);
		const tlc_json *nm = pj_get(j, it, "name", true);
		f->name = pj_strdup_req(j, nm);
		f->is_int = pj_enum(j, pj_get(j, it, "type", true), field_type_names, 2) == 1;
		for (size_t k = 0; !j->failed && k + 1 < *nout; k++)
			if (!strcmp((*out)[k].name, f->name))
				pj_fail_at(j, nm, "two fields have the name '%s'", pj_shown(b, f->name));
		for (size_t k = 0; !j->failed && k < p->nparams; k++)
			if (p->params[k].name && !strcmp(p->params[k].name, f->name))
				pj_fail_at(j, nm, "the field '%s' has the name of a parameter",
					   pj_shown(b, f->name));
	}
}

static void r_fields(pjson *j, const tlc_json *a, tlc_prog_countdown *c, const tlc_program *p)
{
	r_field_list(j, a, &c->fields, &c->nfields, p);
}

/* A decimal integer as the writers write one: an optional '-', then 1 to 18 digits. */
static bool is_int_text(const char *s)
{
	const char *d = s + (*s == '-');
	size_t n = strspn(d, "0123456789");
	return n && n <= 18 && !d[n];
}

void tlc__event_values_read(pjson *j, const tlc_json *vals, const tlc_prog_field *fields,
			    size_t nfields, const char *what, char ***out)
{
	size_t nv = pj_array(j, vals), f = 0;
	char **v;
	if (j->failed)
		return;
	if (nv != nfields) {
		pj_fail_at(j, vals, "%s has %zu values for %zu fields", what, nv, nfields);
		return;
	}
	if (!(v = calloc(nv ? nv : 1, sizeof *v))) {
		pj_oom(j);
		return;
	}
	*out = v; /* owned by the item from here: freed with it on failure too */
	for (const tlc_json *x = vals->child; x && !j->failed; x = x->next, f++) {
		v[f] = pj_strdup_req(j, x);
		if (!j->failed && fields[f].is_int && !is_int_text(v[f]))
			pj_fail_at(j, x, "the integer field '%s' has a value that is not an integer",
				   fields[f].name);
	}
}
/* An item's start or end: an instant written out (literal or floating local), never a
 * parameter or the instantiation instant; the end may be null. */
static void r_event_time(pjson *j, const tlc_json *v, tlc_prog_time *t, bool may_be_null)
{
	tlc__ptime_read(j, v, t);
	if (j->failed || (may_be_null && t->kind == TLC_PTIME_NONE))
		return;
	if (t->kind != TLC_PTIME_LITERAL && t->kind != TLC_PTIME_LOCAL)
		pj_fail_at(j, v, "an event's start or end is an instant written out (literal or local)");
}

/* `events-param`: a list parameter of the program, whose fields the countdown copies. */
static void r_events_param(pjson *j, const tlc_json *n, tlc_prog_countdown *c, const tlc_program *p)
{
	char b[64];
	c->events_param = pj_strdup_req(j, n);
	if (j->failed)
		return;
	for (size_t k = 0; k < p->nparams; k++) {
		const tlc_prog_param *q = &p->params[k];
		if (!q->name || strcmp(q->name, c->events_param) != 0)
			continue;
		if (q->type != TLC_PPARAM_EVENTS) {
			pj_fail_at(j, n, "the list parameter '%s' is not a list of events",
				   pj_shown(b, c->events_param));
			return;
		}
		if (!(c->fields = calloc(q->nfields ? q->nfields : 1, sizeof *c->fields))) {
			pj_oom(j);
			return;
		}
		for (size_t f = 0; f < q->nfields; f++) {
			c->fields[f].is_int = q->fields[f].is_int;
			if (!(c->fields[c->nfields++].name = strdup(q->fields[f].name))) {
				pj_oom(j);
				return;
			}
		}
		return;
	}
	pj_fail_at(j, n, "the list parameter '%s' is not a parameter of the program",
		   pj_shown(b, c->events_param));
}

static void r_events(pjson *j, const tlc_json *o, tlc_prog_countdown *c, const tlc_program *p)
{
	const tlc_json *ep = pj_get(j, o, "events-param", false);
	if (ep) {
		r_events_param(j, ep, c, p);
		c->roll_after = pj_int(j, pj_get(j, o, "roll-after", true), 0, TLC_TIME_MAX);
		return;
	}
	r_fields(j, pj_get(j, o, "fields", true), c, p);
	c->roll_after = pj_int(j, pj_get(j, o, "roll-after", true), 0, TLC_TIME_MAX);
	const tlc_json *a = pj_get(j, o, "events", true);
	size_t n = pj_array(j, a);
	if (j->failed)
		return;
	if (!n || n > TLC_MAX_EVENTS) {
		pj_fail_at(j, a, "an events countdown has 1 to %d events, not %zu", TLC_MAX_EVENTS, n);
		return;
	}
	if (!(c->events = calloc(n, sizeof *c->events))) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_prog_event *e = &c->events[c->nevents++];
		e->countdown = c;
		const tlc_json *rr = pj_get(j, it, "rrule", false), *end = NULL;
		pj_known(j, it, rr ? "a recurring event" : "an event", rr ? k_event_recur : k_event);
		if (rr) { /* a recurring item: checked when instantiated, as a countdown's rrule */
			e->rrule = pj_strdup_req(j, rr);
			e->length = pj_int(j, pj_get(j, it, "length", true), 0, TLC_TIME_MAX);
		} else {
			r_event_time(j, pj_get(j, it, "start", true), &e->at, false);
			end = pj_get(j, it, "end", true);
			r_event_time(j, end, &e->end, true);
		}
		if (!j->failed && end && e->end.kind != TLC_PTIME_NONE &&
		    (e->end.kind != e->at.kind || e->end.at + e->end.offset < e->at.at + e->at.offset))
			pj_fail_at(j, end, "an event ends before it starts, or in another kind of time");
		tlc__event_values_read(j, pj_get(j, it, "values", true), c->fields, c->nfields,
				       "an event", &e->values);
		if (j->failed)
			return;
		r_at(j, it, &e->line, &e->col);
	}
}

/* Whether a view has a live run to the event item's end. */
static bool views_to_end(const tlc_prog_view *views)
{
	for (int f = 0; f < TLC_FAM_MAX; f++)
		for (size_t r = 0; r < views[f].nruns; r++)
			if (views[f].runs[r].to_end)
				return true;
	return false;
}

static void r_countdown(pjson *j, const tlc_json *o, tlc_prog_countdown *c, const tlc_program *p)
{
	const tlc_json *x;
	c->id = pj_strdup_req(j, pj_get(j, o, "id", true));
	int m = pj_enum(j, pj_get(j, o, "mode", true), mode_names, TLC_TARGET_MODE_MAX);
	c->mode = m < 0 ? TLC_TARGET_MODE_TO : (tlc_target_mode)m;
	if (c->mode == TLC_TARGET_MODE_RECUR)
		pj_known(j, o, "a recurring countdown", k_countdown_recur);
	else if (c->mode == TLC_TARGET_MODE_EVENTS)
		pj_known(j, o, "an events countdown", pj_get(j, o, "events-param", false)
						       ? k_countdown_events_param : k_countdown_events);
	else
		pj_known(j, o, "a countdown", k_countdown);
	if (c->mode == TLC_TARGET_MODE_RECUR) {
		c->rrule = pj_strdup_req(j, pj_get(j, o, "rrule", true));
		c->dtstart = pj_time(j, pj_get(j, o, "dtstart", true), true);
		r_locals(j, pj_get(j, o, "exdate", true), &c->exdate, &c->exdate_is_date, &c->nexdate);
		r_locals(j, pj_get(j, o, "rdate", true), &c->rdate, NULL, &c->nrdate);
		c->roll_after = pj_int(j, pj_get(j, o, "roll-after", true), 0, TLC_TIME_MAX);
	} else if (c->mode == TLC_TARGET_MODE_EVENTS) {
		r_events(j, o, c, p);
	} else {
		tlc__ptime_read(j, pj_get(j, o, "target", true), &c->target);
	}
	tlc__ptime_read(j, pj_get(j, o, "from", false), &c->from);
	tlc__ptime_read(j, pj_get(j, o, "paused-at", false), &c->paused_at);
	if ((x = pj_get(j, o, "relevance", false)) && !tlc_json_is(x, TLC_JSON_NULL)) {
		c->has_relevance = true;
		pj_known(j, x, "a countdown's relevance", k_relevance);
		const tlc_json *score = pj_get(j, x, "score", true);
		c->relevance_score = pj_num(j, score);
		/* 0 to 100, as the spec allows: not-a-number or an overflow (1e999) would be
		   written back as null */
		if (!j->failed && !(c->relevance_score >= 0 && c->relevance_score <= 100))
			pj_fail_at(j, score, "the relevance score is a number from 0 to 100");
		c->relevance_from = pj_int(j, pj_get(j, x, "from", true), -TLC_TIME_MAX, TLC_TIME_MAX);
		c->relevance_until = pj_int(j, pj_get(j, x, "until", true), -TLC_TIME_MAX, TLC_TIME_MAX);
	}
	if ((x = pj_get(j, o, "stale", false)) && !tlc_json_is(x, TLC_JSON_NULL)) {
		c->has_stale = true;
		pj_known(j, x, "a countdown's stale", k_stale);
		c->stale_after = pj_int(j, pj_get(j, x, "after", true), 0, TLC_TIME_MAX);
		r_views(j, pj_get(j, x, "views", true), c->stale_views, p);
	}
	if (c->mode == TLC_TARGET_MODE_EVENTS && (x = pj_get(j, o, "empty", true)) &&
	    !tlc_json_is(x, TLC_JSON_NULL)) {
		c->has_empty = true;
		r_views(j, x, c->empty_views, p);
		for (int f = 0; !j->failed && f < TLC_FAM_MAX; f++)
			for (size_t r = 0; r < c->empty_views[f].nruns; r++) {
				const tlc_prog_run *pr = &c->empty_views[f].runs[r];
				if (tlc_run_is_live(pr->kind) || (pr->kind == TLC_RUN_MESSAGE &&
								  p->messages[pr->message].units)) {
					pj_fail_at(j, x, "the empty text has no self-updating run and no "
						   "time unit");
					break;
				}
			}
	}
	const tlc_json *ph = pj_get(j, o, "phases", true);
	size_t n = pj_array(j, ph);
	if (j->failed)
		return;
	c->phases = calloc(n ? n : 1, sizeof *c->phases);
	if (!c->phases) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = ph->child; it && !j->failed; it = it->next) {
		tlc_prog_phase *f = &c->phases[c->nphases++];
		pj_known(j, it, "a phase", k_phase);
		const tlc_json *a = pj_get(j, it, "above", true);
		if (a && tlc_json_is(a, TLC_JSON_STRING)) {
			f->has_above = f->above_end = true;
			if (strcmp(a->str, "end") != 0 || c->mode != TLC_TARGET_MODE_EVENTS)
				pj_fail_at(j, a, "a phase's above is a number, an object or, in an events "
					   "countdown, \"end\"");
		} else if (a && tlc_json_is(a, TLC_JSON_OBJECT)) {
			f->has_above = true;
			r_above_param(j, a, f, p);
		} else if (a && !tlc_json_is(a, TLC_JSON_NULL)) {
			f->has_above = true;
			f->above = pj_int(j, a, -TLC_TIME_MAX, TLC_TIME_MAX);
		}
		r_at(j, it, &f->line, &f->col);
		r_views(j, pj_get(j, it, "views", true), f->views, p);
		if (!j->failed && c->mode != TLC_TARGET_MODE_EVENTS && views_to_end(f->views))
			pj_fail_at(j, it, "a run to the item's end ('to': \"end\") in a countdown "
				   "without events");
	}
	if (!j->failed && c->has_stale && views_to_end(c->stale_views))
		pj_fail_at(j, pj_get(j, o, "stale", true), "a run to the item's end ('to': \"end\") "
			   "in stale text");
	r_at(j, o, &c->line, &c->col);
}

static void r_messages(pjson *j, const tlc_json *a, tlc_program *p)
{
	size_t n = pj_array(j, a);
	if (!n || j->failed)
		return;
	p->messages = calloc(n, sizeof *p->messages);
	if (!p->messages) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_prog_message *m = &p->messages[p->nmessages++];
		pj_known(j, it, "a message", k_message);
		m->key = pj_strdup_req(j, pj_get(j, it, "key", true));
		m->pattern = pj_strdup_req(j, pj_get(j, it, "pattern", true));
		const tlc_json *u = pj_get(j, it, "units", true);
		pj_array(j, u);
		for (const tlc_json *x = u ? u->child : NULL; x && !j->failed; x = x->next) {
			int k = pj_enum(j, x, unit_names, TLC_UNIT_COUNT);
			if (k >= 0)
				m->units |= 1u << k;
		}
		const tlc_json *ps = pj_get(j, it, "params", true);
		size_t np = pj_array(j, ps);
		if (np && !j->failed) {
			m->params = calloc(np, sizeof *m->params);
			if (!m->params)
				pj_oom(j);
			for (const tlc_json *x = ps->child; x && m->params; x = x->next)
				m->params[m->nparams++] = pj_strdup_req(j, x);
		}
		r_at(j, it, &m->line, &m->col);
	}
}

static void r_baked(pjson *j, const tlc_json *a, tlc_program *p)
{
	size_t n = pj_array(j, a);
	if (!n || j->failed)
		return;
	p->baked = calloc(n, sizeof *p->baked);
	if (!p->baked) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_prog_baked *b = &p->baked[p->nbaked++];
		pj_known(j, it, "a baked table", k_baked);
		b->message = (uint32_t)pj_int(j, pj_get(j, it, "message", true), 0,
					      (int64_t)p->nmessages - 1);
		b->locale = pj_strdup_req(j, pj_get(j, it, "locale", true));
		if (j->failed)
			return;
		size_t nu = (size_t)__builtin_popcount(p->messages[b->message].units);
		const tlc_json *t = pj_get(j, it, "texts", true);
		size_t nt = pj_array(j, t);
		if (!nt || j->failed)
			continue;
		b->keys = calloc(nt * (nu ? nu : 1), sizeof *b->keys);
		b->texts = calloc(nt, sizeof *b->texts);
		if (!b->keys || !b->texts) {
			pj_oom(j);
			return;
		}
		for (const tlc_json *row = t->child; row && !j->failed; row = row->next) {
			if (pj_array(j, row) != nu + 1) {
				pj_fail_at(j, row, "a baked row needs %zu numbers and a text", nu);
				return;
			}
			const tlc_json *x = row->child;
			for (size_t u = 0; u < nu; u++, x = x->next)
				b->keys[b->ntuples * nu + u] = pj_int(j, x, INT64_MIN, INT64_MAX);
			b->texts[b->ntuples++] = pj_strdup(j, x);
		}
	}
}

static void r_params(pjson *j, const tlc_json *a, tlc_program *p)
{
	size_t n = pj_array(j, a);
	if (!n || j->failed)
		return;
	if (n > TLC_MAX_PARAMS) {
		pj_fail_at(j, a, "a program has at most %d parameters, not %zu", TLC_MAX_PARAMS, n);
		return;
	}
	p->params = calloc(n, sizeof *p->params);
	if (!p->params) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		tlc_prog_param *q = &p->params[p->nparams++];
		char b[64];
		q->name = pj_strdup_req(j, pj_get(j, it, "name", true));
		int t = pj_enum(j, pj_get(j, it, "type", true), ptype_names, TLC_PPARAM_TYPE_MAX);
		q->type = t < 0 ? TLC_PPARAM_TEXT : (tlc_prog_param_type)t;
		pj_known(j, it, "a parameter", q->type == TLC_PPARAM_EVENTS ? k_param_events : k_param);
		if (q->type == TLC_PPARAM_EVENTS) { /* names against the params: once all are read */
			static const tlc_program none;
			r_field_list(j, pj_get(j, it, "fields", true), &q->fields, &q->nfields, &none);
		}
		/* values are given, and timelines record them, by name: names are unique */
		for (size_t k = 0; !j->failed && q->name && k + 1 < p->nparams; k++)
			if (p->params[k].name && !strcmp(p->params[k].name, q->name))
				pj_fail_at(j, tlc_json_get(it, "name"), "two parameters have the name '%s'",
					   pj_shown(b, q->name));
	}
}

/* No field of a list parameter is named like a parameter: '{name}' would mean either. */
static void r_param_fields_unique(pjson *j, const tlc_json *a, const tlc_program *p)
{
	char b[64];
	for (size_t i = 0; !j->failed && i < p->nparams; i++)
		for (size_t f = 0; !j->failed && f < p->params[i].nfields; f++)
			for (size_t k = 0; !j->failed && k < p->nparams; k++)
				if (!strcmp(p->params[k].name, p->params[i].fields[f].name))
					pj_fail_at(j, tlc_json_at(a, i), "the field '%s' has the name of "
						   "a parameter", pj_shown(b, p->params[k].name));
}

int tlc__program_from_json(tlc_program **out, const tlc_json *root, pjson *j)
{
	tlc_program *p = calloc(1, sizeof *p);
	const tlc_json *x;
	if (!p)
		return TLC_ENOMEM;
	if (!pj_object(j, root))
		goto out;
	/* the version first: a newer program says so, not that it has an unknown key */
	p->version = pj_version(j, pj_get(j, root, "timelinec-program", true), "program",
				TLC_PROGRAM_VERSION);
	pj_known(j, root, "a program", pj_get(j, root, "window", false) ? k_root_window : k_root_horizon);
	p->source = pj_strdup(j, pj_get(j, root, "source", false));
	p->widget = pj_strdup_req(j, pj_get(j, root, "widget", true));
	p->zone = pj_strdup_req(j, pj_get(j, root, "zone", true));
	int d = pj_enum(j, pj_get(j, root, "disambiguation", true), disamb_names, 4);
	p->disambiguation = d < 0 ? 0 : d;
	x = pj_get(j, root, "minimum-ios", false);
	p->minimum_ios = x ? (int)pj_int(j, x, TLC_IOS_LOWEST, TLC_IOS_HIGHEST) : TLC_IOS_DEFAULT;
	const tlc_json *loc = pj_get(j, root, "locales", true);
	size_t nl = pj_array(j, loc);
	if (nl && !j->failed && (p->locales = calloc(nl, sizeof *p->locales)))
		for (const tlc_json *it = loc->child; it; it = it->next)
			p->locales[p->nlocales++] = pj_strdup_req(j, it);
	r_params(j, pj_get(j, root, "params", true), p);
	if (!j->failed)
		r_param_fields_unique(j, pj_get(j, root, "params", true), p);
	if ((x = pj_get(j, root, "window", false))) {
		p->has_window = true;
		pj_known(j, x, "the window", k_window);
		tlc__ptime_read(j, pj_get(j, x, "start", true), &p->window_start);
		tlc__ptime_read(j, pj_get(j, x, "end", true), &p->window_end);
	} else {
		p->horizon = pj_int(j, pj_get(j, root, "horizon", true), 1, TLC_TIME_MAX);
	}
	x = pj_get(j, root, "reload", true);
	int pk = pj_enum(j, pj_get(j, x, "policy", true), policy_names, TLC_POLICY_KIND_MAX);
	p->reload = pk < 0 ? TLC_POLICY_AUTO : (tlc_policy_kind)pk;
	pj_known(j, x, "the reload", p->reload == TLC_POLICY_AFTER ? k_reload_after : k_reload);
	if (p->reload == TLC_POLICY_AFTER)
		tlc__ptime_read(j, pj_get(j, x, "after", true), &p->reload_after);
	r_messages(j, pj_get(j, root, "messages", true), p);
	const tlc_json *cds = pj_get(j, root, "countdowns", true);
	size_t nc = pj_array(j, cds);
	if (!j->failed && nc > TLC_MAX_COUNTDOWNS)
		pj_fail_at(j, cds, "a program has at most %d countdowns, not %zu", TLC_MAX_COUNTDOWNS,
			   nc);
	if (!j->failed && nc && !(p->countdowns = calloc(nc, sizeof *p->countdowns)))
		pj_oom(j);
	for (const tlc_json *it = cds && p->countdowns ? cds->child : NULL; it && !j->failed; it = it->next) {
		tlc_prog_countdown *c = &p->countdowns[p->ncountdowns++];
		r_countdown(j, it, c, p);
		/* Timelines key their views by countdown id: ids are unique. */
		for (size_t k = 0; !j->failed && c->id && k + 1 < p->ncountdowns; k++)
			if (p->countdowns[k].id && !strcmp(p->countdowns[k].id, c->id)) {
				char b[64];
				pj_fail_at(j, tlc_json_get(it, "id"), "two countdowns have the id '%s'",
					   pj_shown(b, c->id));
			}
	}
	if (!j->failed && !nc)
		pj_fail_at(j, cds, "a program needs at least one countdown");
	r_baked(j, pj_get(j, root, "baked", false), p);
out:
	if (j->failed) {
		tlc_program_free(p);
		return j->oom ? TLC_ENOMEM : TLC_EINPUT;
	}
	*out = p;
	return 0;
}

int tlc_program_read_json(tlc_program **out, const char *json, size_t len, tlc_err *err)
{
	pjson j;
	tlc_json *root = NULL;
	if (len > TLC_MAX_PROGRAM_BYTES) {
		if (err) {
			err->offset = TLC_MAX_PROGRAM_BYTES;
			err->len = 0;
			snprintf(err->msg, sizeof err->msg, "the program is larger than the limit of 16 MiB "
				 "(TLC_MAX_PROGRAM_BYTES)");
		}
		return TLC_EINPUT;
	}
	int rc = pj_parse(&j, &root, json, len, err);
	if (rc < 0)
		return rc;
	rc = tlc__program_from_json(out, root, &j);
	pj_finish(&j, err);
	tlc_json_free(root);
	return rc;
}
