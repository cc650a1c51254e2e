/*
 * activity_json.c — Live Activity programs as JSON (docs/activity-program.schema.json): the
 * writer, and the strict reader that refuses what the writer would never write (unknown keys, a
 * field set by a value of another type, events out of order). See timelinec/activity.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonw.h"
#include "pjson.h"
#include "timelinec/activity.h"

static const char *const event_names[TLC_LA_EVENT_MAX] = {"start", "update", "end"};
static const char *const via_names[TLC_VIA_MAX] = {"push", "app", "push-to-start", "intent"};
static const char *const dismissal_names[TLC_DISMISS_MAX] = {"default", "immediate", "after"};
static const char *const encoding_names[TLC_DATE_ENCODING_MAX] = {
	"deferred-to-date", "seconds-since-1970", "milliseconds-since-1970", "iso8601"};
static const char *const field_names[] = {"date", "string", "int", "double", "bool", "date-since"};
static const char *const ptype_names[TLC_PPARAM_TYPE_MAX] = {"instant", "duration", "text",
							     "integer", "number"};

/* An `every` longer than this repeats nothing within an activity's 12 hours anyway. */
#define MAX_EVERY (366 * 86400)

void tlc_la_program_free(tlc_la_program *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->bundle_id);
	free(p->channel_id);
	free(p->zone);
	free(p->source);
	for (size_t i = 0; i < p->nlocales; i++)
		free(p->locales[i]);
	free(p->locales);
	for (size_t i = 0; i < p->nparams; i++)
		free(p->params[i].name);
	free(p->params);
	for (size_t i = 0; i < p->nfields; i++)
		free(p->fields[i].name);
	free(p->fields);
	for (size_t i = 0; i < p->nattributes; i++) {
		free(p->attributes[i].name);
		free(p->attributes[i].json);
	}
	free(p->attributes);
	for (int v = 0; v < TLC_LA_PRESENTATIONS; v++)
		free(p->views[v]);
	for (size_t i = 0; i < p->nevents; i++) {
		tlc_la_prog_event *e = &p->events[i];
		free(e->at.param);
		free(e->until.param);
		for (size_t k = 0; k < e->nstate; k++) {
			free(e->state[k].when.param);
			free(e->state[k].param);
			free(e->state[k].text);
		}
		free(e->state);
		free(e->alert_title);
		free(e->alert_body);
		free(e->alert_sound);
	}
	free(p->events);
	free(p);
}

/* ---- writing ---------------------------------------------------------------------------------- */

static void w_opt_str(jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s); /* NULL writes null */
}

static void w_assign(jsonw *w, const tlc_la_program *p, const tlc_la_assign *a)
{
	const tlc_la_field *f = &p->fields[a->field];
	jw_key(w, f->name);
	if (f->type == TLC_FIELD_DATE) {
		tlc__ptime_write(w, &a->when);
		return;
	}
	if (a->param) {
		jw_obj_compact(w);
		jw_key(w, "param");
		jw_str(w, a->param);
		jw_end_obj(w);
		return;
	}
	switch (f->type) {
	case TLC_FIELD_INT: jw_int(w, a->i); break;
	case TLC_FIELD_DOUBLE: jw_num(w, a->d); break;
	case TLC_FIELD_BOOL: jw_bool(w, a->b); break;
	default: jw_str(w, a->text ? a->text : ""); break;
	}
}

static void w_event(jsonw *w, const tlc_la_program *p, const tlc_la_prog_event *e)
{
	jw_obj(w);
	jw_key(w, "event");
	jw_str(w, event_names[e->event]);
	jw_key(w, "at");
	tlc__ptime_write(w, &e->at);
	jw_key(w, "via");
	jw_str(w, via_names[e->via]);
	if (e->foreground) { /* written only when set: older programs stay the same */
		jw_key(w, "while");
		jw_str(w, "foreground");
	}
	jw_key(w, "priority");
	jw_int(w, e->priority);
	jw_key(w, "state");
	jw_obj_compact(w);
	for (size_t k = 0; k < e->nstate; k++)
		w_assign(w, p, &e->state[k]);
	jw_end_obj(w);
	jw_key(w, "stale-after");
	if (e->has_stale_after)
		jw_int(w, e->stale_after);
	else
		jw_null(w);
	jw_key(w, "relevance");
	if (e->has_relevance)
		jw_num(w, e->relevance);
	else
		jw_null(w);
	jw_key(w, "alert");
	if (e->has_alert) {
		jw_obj_compact(w);
		if (e->alert_title)
			w_opt_str(w, "title", e->alert_title);
		if (e->alert_body)
			w_opt_str(w, "body", e->alert_body);
		if (e->alert_sound)
			w_opt_str(w, "sound", e->alert_sound);
		jw_end_obj(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "dismissal");
	if (e->event == TLC_LA_END) {
		jw_obj_compact(w);
		jw_key(w, "kind");
		jw_str(w, dismissal_names[e->dismissal]);
		if (e->dismissal == TLC_DISMISS_AFTER) {
			jw_key(w, "after");
			jw_int(w, e->dismiss_after);
		}
		jw_end_obj(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "every");
	jw_int(w, e->every);
	jw_key(w, "until");
	tlc__ptime_write(w, &e->until);
	if (e->varies) { /* written only when some field varies: older programs stay the same */
		jw_key(w, "varies");
		jw_arr_compact(w);
		for (size_t f = 0; f < p->nfields && f < TLC_LA_MAX_FIELDS; f++)
			if (e->varies & (UINT32_C(1) << f))
				jw_str(w, p->fields[f].name);
		jw_end_arr(w);
	}
	if (e->line) {
		jw_key(w, "position");
		jw_arr_compact(w);
		jw_int(w, e->line);
		jw_int(w, e->col);
		jw_end_arr(w);
	}
	jw_end_obj(w);
}

void tlc_la_program_write_json(tlc_buf *out, const tlc_la_program *p)
{
	jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "timelinec-activity-program");
	jw_int(&w, TLC_ACTIVITY_PROGRAM_VERSION);
	w_opt_str(&w, "source", p->source);
	w_opt_str(&w, "live-activity", p->name);
	w_opt_str(&w, "bundle-id", p->bundle_id);
	w_opt_str(&w, "channel-id", p->channel_id);
	w_opt_str(&w, "zone", p->zone);
	w_opt_str(&w, "date-encoding", encoding_names[p->date_encoding]);
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
		w_opt_str(&w, "name", p->params[i].name);
		w_opt_str(&w, "type", ptype_names[p->params[i].type]);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_key(&w, "fields");
	jw_arr(&w);
	for (size_t i = 0; i < p->nfields; i++) {
		jw_obj_compact(&w);
		w_opt_str(&w, "name", p->fields[i].name);
		w_opt_str(&w, "type", tlc_la_field_type_name(&p->fields[i]));
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_key(&w, "attributes");
	jw_obj_compact(&w);
	for (size_t i = 0; i < p->nattributes; i++) {
		jw_key(&w, p->attributes[i].name);
		jw_raw(&w, p->attributes[i].json);
	}
	jw_end_obj(&w);
	jw_key(&w, "views");
	jw_obj(&w);
	for (int v = 0; v < TLC_LA_PRESENTATIONS; v++)
		if (p->views[v])
			w_opt_str(&w, tlc_la_presentation_name(v), p->views[v]);
	jw_end_obj(&w);
	jw_key(&w, "events");
	jw_arr(&w);
	for (size_t i = 0; i < p->nevents; i++)
		w_event(&w, p, &p->events[i]);
	jw_end_arr(&w);
	jw_end_obj(&w);
}

/* ---- reading ---------------------------------------------------------------------------------- */

/* An attribute's value in its canonical compact form: what the writer writes for it. */
static char *attribute_json(pjson *j, const tlc_json *v)
{
	tlc_buf b = TLC_BUF_INIT;
	switch (v->type) {
	case TLC_JSON_NULL: tlc_buf_puts(&b, "null"); break;
	case TLC_JSON_TRUE: tlc_buf_puts(&b, "true"); break;
	case TLC_JSON_FALSE: tlc_buf_puts(&b, "false"); break;
	case TLC_JSON_STRING: tlc_buf_put_json_string(&b, v->str, strlen(v->str)); break;
	case TLC_JSON_NUMBER:
		if (v->integer) {
			tlc_buf_printf(&b, "%lld", (long long)v->ival);
		} else if (!isfinite(v->num)) {
			pj_fail_at(j, v, "an attribute's number is finite");
			return NULL;
		} else {
			jsonw w;
			jw_init(&w, &b);
			jw_num(&w, v->num);
		}
		break;
	default:
		pj_fail_at(j, v, "an attribute is a string, a number, a boolean or null");
		return NULL;
	}
	char *s = tlc_buf_detach(&b);
	if (!s)
		pj_oom(j);
	return s;
}

static int field_index(const tlc_la_program *p, const char *name)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const tlc_prog_param *param_decl(const tlc_la_program *p, const char *name)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, name) == 0)
			return &p->params[i];
	return NULL;
}

/* The parameter types a field takes: a string text, an int an integer, a double a number or
 * an integer (dates take instants, in their time expression; bools none). */
static bool field_takes(tlc_field_type f, tlc_prog_param_type t)
{
	switch (f) {
	case TLC_FIELD_STRING: return t == TLC_PPARAM_TEXT;
	case TLC_FIELD_INT: return t == TLC_PPARAM_INTEGER;
	case TLC_FIELD_DOUBLE: return t == TLC_PPARAM_NUMBER || t == TLC_PPARAM_INTEGER;
	default: return false;
	}
}

/* An instant expression; a parameter in it is a declared instant. */
static void r_when(pjson *j, const tlc_la_program *p, const tlc_json *v, tlc_prog_time *t, bool required)
{
	if (j->failed)
		return;
	if (!v || tlc_json_is(v, TLC_JSON_NULL)) {
		if (required)
			pj_fail_at(j, v, "an instant is needed here");
		memset(t, 0, sizeof *t);
		return;
	}
	if (tlc__ptime_read(j, v, t) < 0)
		return;
	if (t->kind == TLC_PTIME_PARAM) {
		const tlc_prog_param *d = param_decl(p, t->param);
		if (!d || d->type != TLC_PPARAM_INSTANT)
			pj_fail_at(j, v, "'%s' is not a declared instant parameter", t->param);
	}
}

static void r_assign(pjson *j, const tlc_la_program *p, const tlc_json *m, tlc_la_assign *a)
{
	static const char *const param_keys[] = {"param", NULL};
	char shown[64];
	int f = field_index(p, m->key);
	if (f < 0) {
		pj_fail_key(j, m, "'%s' is not a content-state field", pj_shown(shown, m->key));
		return;
	}
	a->field = f;
	const tlc_la_field *fd = &p->fields[f];
	if (fd->type == TLC_FIELD_DATE) {
		r_when(j, p, m, &a->when, true);
		return;
	}
	if (tlc_json_is(m, TLC_JSON_OBJECT)) {
		if (!pj_known(j, m, "a parameter reference", param_keys))
			return;
		a->param = pj_strdup_req(j, pj_get(j, m, "param", true));
		const tlc_prog_param *d = a->param ? param_decl(p, a->param) : NULL;
		if (!j->failed && (!d || !field_takes(fd->type, d->type)))
			pj_fail_at(j, m, "field '%s' cannot take '%s'", fd->name, a->param ? a->param : "?");
		return;
	}
	switch (fd->type) {
	case TLC_FIELD_INT: a->i = pj_int(j, m, -TLC_LA_MAX_INT, TLC_LA_MAX_INT); break;
	case TLC_FIELD_DOUBLE:
		a->d = pj_num(j, m);
		if (!j->failed && !isfinite(a->d))
			pj_fail_at(j, m, "a double is finite");
		break;
	case TLC_FIELD_BOOL:
		if (!tlc_json_is(m, TLC_JSON_TRUE) && !tlc_json_is(m, TLC_JSON_FALSE))
			pj_fail_at(j, m, "field '%s' is a bool", fd->name);
		a->b = tlc_json_is(m, TLC_JSON_TRUE);
		break;
	default:
		if (!tlc_json_is(m, TLC_JSON_STRING))
			pj_fail_at(j, m, "field '%s' is a string", fd->name);
		else
			a->text = pj_strdup(j, m);
		break;
	}
}

/* varies: a non-empty array of the names of fields the event's state sets, each once. */
static void r_varies(pjson *j, const tlc_la_program *p, const tlc_json *x, tlc_la_prog_event *e)
{
	char shown[64];
	if (e->event != TLC_LA_UPDATE) {
		pj_fail_at(j, x, "only an update has 'varies'");
		return;
	}
	if (!pj_array(j, x) || j->failed) {
		if (!j->failed)
			pj_fail_at(j, x, "'varies' names at least one field (leave it out for none)");
		return;
	}
	for (const tlc_json *it = x->child; it && !j->failed; it = it->next) {
		int f = tlc_json_is(it, TLC_JSON_STRING) ? field_index(p, it->str) : -1;
		size_t k = 0;
		while (f >= 0 && k < e->nstate && e->state[k].field != f)
			k++;
		if (!tlc_json_is(it, TLC_JSON_STRING))
			pj_fail_at(j, it, "'varies' lists field names");
		else if (f < 0 || k == e->nstate)
			pj_fail_at(j, it, "'%s' is not a field this event's state sets",
				   pj_shown(shown, it->str));
		else if (e->varies & (UINT32_C(1) << f))
			pj_fail_at(j, it, "'%s' is listed twice", pj_shown(shown, it->str));
		else
			e->varies |= UINT32_C(1) << f;
	}
}

/* while: "foreground", on an update or the end via the app. */
static void r_while(pjson *j, const tlc_json *x, tlc_la_prog_event *e)
{
	static const char *const whiles[] = {"foreground"};
	if (pj_enum(j, x, whiles, 1) < 0)
		return;
	if (e->event == TLC_LA_START)
		pj_fail_at(j, x, "a start has no 'while'");
	else if (e->via != TLC_VIA_APP)
		pj_fail_at(j, x, "'while' goes with via 'app'");
	else
		e->foreground = true;
}

static void r_event(pjson *j, const tlc_la_program *p, const tlc_json *o, tlc_la_prog_event *e)
{
	static const char *const keys[] = {"event", "at", "via", "while", "priority", "state", "stale-after",
					   "relevance", "alert", "dismissal", "every", "until",
					   "varies", "position", NULL};
	static const char *const alert_keys[] = {"title", "body", "sound", NULL};
	static const char *const dismissal_keys[] = {"kind", "after", NULL};
	const tlc_json *x;
	if (!pj_known(j, o, "an event", keys))
		return;
	int k = pj_enum(j, pj_get(j, o, "event", true), event_names, TLC_LA_EVENT_MAX);
	e->event = k < 0 ? TLC_LA_UPDATE : (tlc_la_event)k;
	r_when(j, p, pj_get(j, o, "at", true), &e->at, true);
	k = pj_enum(j, pj_get(j, o, "via", true), via_names, TLC_VIA_MAX);
	e->via = k < 0 ? TLC_VIA_PUSH : (tlc_via)k;
	x = pj_get(j, o, "while", false);
	if (x && !j->failed)
		r_while(j, x, e);
	x = pj_get(j, o, "priority", true);
	e->priority = (int)pj_int(j, x, 5, 10);
	if (!j->failed && e->priority != 5 && e->priority != 10)
		pj_fail_at(j, x, "a priority is 5 or 10");
	x = pj_get(j, o, "state", true);
	if (!j->failed && pj_object(j, x) && x->n) {
		if (!(e->state = calloc(x->n, sizeof *e->state))) {
			pj_oom(j);
			return;
		}
		for (const tlc_json *m = x->child; m && !j->failed; m = m->next)
			r_assign(j, p, m, &e->state[e->nstate++]);
	}
	x = pj_get(j, o, "stale-after", true);
	if (x && !tlc_json_is(x, TLC_JSON_NULL)) {
		e->has_stale_after = true;
		e->stale_after = pj_int(j, x, -TLC_TIME_MAX, TLC_TIME_MAX);
	}
	x = pj_get(j, o, "relevance", true);
	if (x && !tlc_json_is(x, TLC_JSON_NULL)) {
		e->has_relevance = true;
		e->relevance = pj_num(j, x);
		if (!j->failed && !isfinite(e->relevance))
			pj_fail_at(j, x, "a relevance is finite");
	}
	x = pj_get(j, o, "alert", true);
	if (x && !tlc_json_is(x, TLC_JSON_NULL) && pj_known(j, x, "an alert", alert_keys)) {
		e->has_alert = true;
		e->alert_title = pj_strdup_req(j, pj_get(j, x, "title", false));
		e->alert_body = pj_strdup_req(j, pj_get(j, x, "body", false));
		e->alert_sound = pj_strdup_req(j, pj_get(j, x, "sound", false));
	}
	x = pj_get(j, o, "dismissal", true);
	if (!j->failed && e->event == TLC_LA_END) {
		if (!x || tlc_json_is(x, TLC_JSON_NULL))
			pj_fail_at(j, x ? x : o, "the end has a dismissal ({\"kind\": \"default\"} at least)");
		else if (pj_known(j, x, "a dismissal", dismissal_keys)) {
			k = pj_enum(j, pj_get(j, x, "kind", true), dismissal_names, TLC_DISMISS_MAX);
			e->dismissal = k < 0 ? TLC_DISMISS_DEFAULT : (tlc_dismissal)k;
			if (e->dismissal == TLC_DISMISS_AFTER)
				e->dismiss_after = pj_int(j, pj_get(j, x, "after", true), 0, TLC_TIME_MAX);
			else if (!j->failed && tlc_json_get(x, "after"))
				pj_fail_key(j, tlc_json_get(x, "after"), "'after' goes with kind 'after'");
		}
	} else if (!j->failed && !tlc_json_is(x, TLC_JSON_NULL)) {
		pj_fail_at(j, x, "only the end has a dismissal");
	}
	x = pj_get(j, o, "every", true);
	e->every = pj_int(j, x, 0, MAX_EVERY);
	if (!j->failed && e->every && e->event != TLC_LA_UPDATE)
		pj_fail_at(j, x, "only an update repeats");
	if (!j->failed && e->every && e->via == TLC_VIA_INTENT)
		pj_fail_at(j, x, "an update via 'intent' does not repeat");
	x = pj_get(j, o, "until", true);
	r_when(j, p, x, &e->until, false);
	if (!j->failed && e->until.kind != TLC_PTIME_NONE && !e->every)
		pj_fail_at(j, x, "'until' goes with 'every'");
	x = pj_get(j, o, "varies", false);
	if (x && !j->failed)
		r_varies(j, p, x, e);
	x = pj_get(j, o, "position", false);
	if (x && !j->failed) {
		if (!tlc_json_is(x, TLC_JSON_ARRAY) || x->n != 2) {
			pj_fail_at(j, x, "'position' is [line, column]");
			return;
		}
		e->line = (uint32_t)pj_int(j, tlc_json_at(x, 0), 0, UINT32_MAX);
		e->col = (uint32_t)pj_int(j, tlc_json_at(x, 1), 0, UINT32_MAX);
	}
}

static void r_params(pjson *j, const tlc_json *a, tlc_la_program *p)
{
	static const char *const keys[] = {"name", "type", NULL};
	size_t n = pj_array(j, a);
	if (!n || j->failed)
		return;
	if (n > TLC_MAX_PARAMS) {
		pj_fail_at(j, a, "a program has at most %d parameters, not %zu", TLC_MAX_PARAMS, n);
		return;
	}
	if (!(p->params = calloc(n, sizeof *p->params))) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		if (!pj_known(j, it, "a parameter", keys))
			return;
		tlc_prog_param *q = &p->params[p->nparams++];
		q->name = pj_strdup_req(j, pj_get(j, it, "name", true));
		int t = pj_enum(j, pj_get(j, it, "type", true), ptype_names, TLC_PPARAM_TYPE_MAX);
		q->type = t < 0 ? TLC_PPARAM_TEXT : (tlc_prog_param_type)t;
		for (size_t k = 0; !j->failed && q->name && k + 1 < p->nparams; k++)
			if (p->params[k].name && !strcmp(p->params[k].name, q->name))
				pj_fail_at(j, it, "two parameters have the name '%s'", q->name);
	}
}

static void r_fields(pjson *j, const tlc_json *a, tlc_la_program *p)
{
	static const char *const keys[] = {"name", "type", NULL};
	size_t n = pj_array(j, a);
	if (!n || j->failed)
		return;
	if (n > TLC_LA_MAX_FIELDS) {
		pj_fail_at(j, a, "a Live Activity has at most %d content-state fields, not %zu",
			   TLC_LA_MAX_FIELDS, n);
		return;
	}
	if (!(p->fields = calloc(n, sizeof *p->fields))) {
		pj_oom(j);
		return;
	}
	for (const tlc_json *it = a->child; it && !j->failed; it = it->next) {
		if (!pj_known(j, it, "a field", keys))
			return;
		tlc_la_field *f = &p->fields[p->nfields++];
		f->name = pj_strdup_req(j, pj_get(j, it, "name", true));
		int t = pj_enum(j, pj_get(j, it, "type", true), field_names, 6);
		f->type = t == 5 ? TLC_FIELD_DATE : t < 0 ? TLC_FIELD_STRING : (tlc_field_type)t;
		f->since = t == 5;
		for (size_t k = 0; !j->failed && f->name && k + 1 < p->nfields; k++)
			if (p->fields[k].name && !strcmp(p->fields[k].name, f->name))
				pj_fail_at(j, it, "two fields have the name '%s'", f->name);
	}
}

static int program_from_json(tlc_la_program **out, const tlc_json *root, pjson *j)
{
	static const char *const keys[] = {"timelinec-activity-program", "source", "live-activity",
					   "bundle-id", "channel-id", "zone", "date-encoding",
					   "minimum-ios",
					   "locales", "params", "fields", "attributes", "views",
					   "events", NULL};
	tlc_la_program *p = calloc(1, sizeof *p);
	const tlc_json *x;
	if (!p)
		return TLC_ENOMEM;
	if (!pj_object(j, root))
		goto out;
	/* the version first: a newer writer's file says so, whatever else it holds */
	p->version = pj_version(j, pj_get(j, root, "timelinec-activity-program", true),
				"activity program", TLC_ACTIVITY_PROGRAM_VERSION);
	if (!pj_known(j, root, "an activity program", keys))
		goto out;
	p->source = pj_strdup(j, pj_get(j, root, "source", false));
	p->name = pj_strdup(j, pj_get(j, root, "live-activity", true));
	p->bundle_id = pj_strdup(j, pj_get(j, root, "bundle-id", true));
	p->channel_id = pj_strdup(j, pj_get(j, root, "channel-id", true));
	p->zone = pj_strdup(j, pj_get(j, root, "zone", true));
	if (!j->failed && (!p->name || !p->bundle_id || !p->zone))
		pj_fail_at(j, root, "'live-activity', 'bundle-id' and 'zone' are strings");
	int d = pj_enum(j, pj_get(j, root, "date-encoding", true), encoding_names, TLC_DATE_ENCODING_MAX);
	p->date_encoding = d < 0 ? TLC_DATE_DEFERRED : (tlc_date_encoding)d;
	x = pj_get(j, root, "minimum-ios", false);
	p->minimum_ios = x ? (int)pj_int(j, x, TLC_IOS_LOWEST, TLC_IOS_HIGHEST) : TLC_IOS_DEFAULT;
	x = pj_get(j, root, "locales", true);
	size_t nl = pj_array(j, x);
	if (nl && !j->failed && !(p->locales = calloc(nl, sizeof *p->locales)))
		pj_oom(j);
	for (const tlc_json *it = nl ? x->child : NULL; it && !j->failed; it = it->next)
		if (!(p->locales[p->nlocales++] = pj_strdup(j, it)) && !j->failed)
			pj_fail_at(j, it, "a locale is a string");
	r_params(j, pj_get(j, root, "params", true), p);
	r_fields(j, pj_get(j, root, "fields", true), p);
	x = pj_get(j, root, "attributes", true);
	if (!j->failed && pj_object(j, x) && x->n) {
		if (!(p->attributes = calloc(x->n, sizeof *p->attributes)))
			pj_oom(j);
		for (const tlc_json *m = x->child; m && !j->failed; m = m->next) {
			tlc_la_attribute *a = &p->attributes[p->nattributes++];
			if (!(a->name = strdup(m->key)))
				pj_oom(j);
			a->json = attribute_json(j, m);
		}
	}
	x = pj_get(j, root, "views", true);
	if (!j->failed && pj_object(j, x))
		for (const tlc_json *m = x->child; m && !j->failed; m = m->next) {
			int v = 0;
			char shown[64];
			while (v < TLC_LA_PRESENTATIONS && strcmp(tlc_la_presentation_name(v), m->key) != 0)
				v++;
			if (v == TLC_LA_PRESENTATIONS)
				pj_fail_key(j, m, "'%s' is not a presentation", pj_shown(shown, m->key));
			else if (!tlc_json_is(m, TLC_JSON_STRING))
				pj_fail_at(j, m, "a view is a string");
			else
				p->views[v] = pj_strdup(j, m);
		}
	x = pj_get(j, root, "events", true);
	size_t ne = pj_array(j, x);
	if (!j->failed && (ne == 0 || ne > TLC_LA_MAX_EVENTS))
		pj_fail_at(j, x, "an activity program has 1 to %d events, not %zu", TLC_LA_MAX_EVENTS, ne);
	if (!j->failed && !(p->events = calloc(ne, sizeof *p->events)))
		pj_oom(j);
	for (const tlc_json *it = j->failed ? NULL : x->child; it && !j->failed; it = it->next) {
		tlc_la_prog_event *e = &p->events[p->nevents++];
		r_event(j, p, it, e);
		/* the start first, then updates, the end last */
		bool first = p->nevents == 1, last = it->next == NULL;
		if (!j->failed && (first != (e->event == TLC_LA_START) ||
				   (e->event == TLC_LA_END && !last)))
			pj_fail_at(j, it, "events are the start, then updates, then at most one end");
		/* a start by the app or a push-to-start; an update or the end by a push, the app or
		   an intent (checked after the order, which says more) */
		if (!j->failed &&
		    (e->event == TLC_LA_START ? e->via != TLC_VIA_APP && e->via != TLC_VIA_PUSH_TO_START
					      : e->via == TLC_VIA_PUSH_TO_START))
			pj_fail_at(j, tlc_json_get(it, "via"), "via '%s' cannot make the %s",
				   via_names[e->via], event_names[e->event]);
	}
out:
	if (j->failed) {
		tlc_la_program_free(p);
		return j->oom ? TLC_ENOMEM : TLC_EINPUT;
	}
	*out = p;
	return 0;
}

int tlc_la_program_read_json(tlc_la_program **out, const char *json, size_t len, tlc_err *err)
{
	pjson j;
	tlc_json *root = NULL;
	*out = NULL;
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
	rc = program_from_json(out, root, &j);
	pj_finish(&j, err);
	tlc_json_free(root);
	return rc;
}
