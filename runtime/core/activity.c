/*
 * activity.c — a Live Activity program instantiated into its schedule: the events at their
 * instants, the content state carried forward, the lifecycle the system imposes, and the `aps`
 * body of each push. See timelinec/activity.h; facts: ../shared/design/platform-facts.md §3.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonw.h"
#include "json.h"
#include "timelinec/activity.h"


static const char *const presentation_names[TLC_LA_PRESENTATIONS] = {
	"lock-screen", "compact-leading", "compact-trailing", "minimal",
	"expanded-leading", "expanded-trailing", "expanded-center", "expanded-bottom", "small"};

const char *tlc_la_presentation_name(int p)
{
	return p >= 0 && p < TLC_LA_PRESENTATIONS ? presentation_names[p] : NULL;
}

const char *tlc_la_field_type_name(const tlc_la_field *f)
{
	static const char *const names[TLC_FIELD_TYPE_MAX] = {"date", "string", "int", "double", "bool"};
	if (f->type == TLC_FIELD_DATE && f->since)
		return "date-since";
	return (unsigned)f->type < TLC_FIELD_TYPE_MAX ? names[f->type] : "?";
}

/* ---- building --------------------------------------------------------------------------------- */

typedef struct builder {
	tlc_schedule *s;
	const tlc_la_program *p;
	const tlc_instantiate_opts *o;
	tlc_inst_err *err;
	size_t cap;
} builder;

static int fail(builder *b, int rc, tlc_inst_err_kind kind, int event, int field, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 6, 7)))
#endif
	;
static int fail(builder *b, int rc, tlc_inst_err_kind kind, int event, int field, const char *fmt, ...)
{
	if (b->err) {
		va_list ap;
		b->err->kind = kind;
		b->err->countdown = event;
		b->err->phase = field;
		va_start(ap, fmt);
		vsnprintf(b->err->msg, sizeof b->err->msg, fmt, ap);
		va_end(ap);
	}
	return rc;
}

static const tlc_param_value *param_value(const builder *b, const char *name)
{
	for (size_t i = 0; i < b->o->nparams; i++)
		if (b->o->params[i].name && strcmp(b->o->params[i].name, name) == 0)
			return &b->o->params[i];
	return NULL;
}

static const tlc_prog_param *param_decl(const tlc_la_program *p, const char *name)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, name) == 0)
			return &p->params[i];
	return NULL;
}

static int resolve(builder *b, const tlc_prog_time *t, int event, int field, tlc_time *out)
{
	tlc_time base;
	switch (t->kind) {
	case TLC_PTIME_NOW: base = b->o->now; break;
	case TLC_PTIME_PARAM: {
		const tlc_param_value *v = param_value(b, t->param);
		if (!v)
			return fail(b, TLC_EINPUT, TLC_INST_ERR_MISSING_PARAM, event, field,
				    "parameter '$%s' has no value", t->param);
		base = v->instant;
		break;
	}
	/* a floating activity's local times are read as UTC: a push server has no device zone */
	case TLC_PTIME_LITERAL:
	case TLC_PTIME_LOCAL: base = t->at; break;
	default: return fail(b, TLC_EINPUT, TLC_INST_ERR_OTHER, event, field, "no instant");
	}
	if ((t->offset > 0 && base > TLC_TIME_MAX - t->offset) ||
	    (t->offset < 0 && base < TLC_TIME_MIN - t->offset))
		return fail(b, TLC_EINPUT, TLC_INST_ERR_OTHER, event, field,
			    "an instant out of range (years 1970 to 9999)");
	*out = base + t->offset;
	if (*out < TLC_TIME_MIN || *out > TLC_TIME_MAX)
		return fail(b, TLC_EINPUT, TLC_INST_ERR_OTHER, event, field,
			    "an instant out of range (years 1970 to 9999)");
	return 0;
}

static const char *own(builder *b, const char *s)
{
	char **v = realloc(b->s->owned, (b->s->nowned + 1) * sizeof *v);
	if (!v)
		return NULL;
	b->s->owned = v;
	if (!(v[b->s->nowned] = strdup(s ? s : "")))
		return NULL;
	return v[b->s->nowned++];
}

/* A decimal number as written (JSON's grammar), through the core's JSON reader: the C locale's
 * decimal point changes nothing. */
static bool read_number(const char *text, double *out)
{
	tlc_json *j = NULL;
	size_t n = text ? strlen(text) : 0;
	if (!n || tlc_json_parse(&j, text, n, NULL) < 0 || !tlc_json_is(j, TLC_JSON_NUMBER)) {
		tlc_json_free(j);
		return false;
	}
	*out = j->num;
	tlc_json_free(j);
	return isfinite(*out);
}

/* A field set from a parameter: its value from the options, typed as the field. */
static int state_param(builder *b, int event, const tlc_la_assign *a, tlc_la_value *v)
{
	const tlc_la_field *f = &b->p->fields[a->field];
	const tlc_param_value *pv = param_value(b, a->param);
	const tlc_prog_param *decl = param_decl(b->p, a->param);
	if (!pv || !decl)
		return fail(b, TLC_EINPUT, TLC_INST_ERR_MISSING_PARAM, event, a->field,
			    "parameter '$%s' has no value", a->param);
	switch (f->type) {
	case TLC_FIELD_STRING:
		if (!(v->text = own(b, pv->text)))
			return TLC_ENOMEM;
		break;
	case TLC_FIELD_INT:
		if (pv->number > TLC_LA_MAX_INT || pv->number < -TLC_LA_MAX_INT)
			return fail(b, TLC_EINPUT, TLC_INST_ERR_OTHER, event, a->field,
				    "parameter '$%s' is %lld, out of range for field '%s': at most 2^53 "
				    "either way, what a message formats exactly", a->param,
				    (long long)pv->number, f->name);
		v->i = pv->number;
		break;
	case TLC_FIELD_DOUBLE:
		if (decl->type == TLC_PPARAM_INTEGER)
			v->d = (double)pv->number;
		else if (!read_number(pv->text, &v->d))
			return fail(b, TLC_EINPUT, TLC_INST_ERR_OTHER, event, a->field,
				    "parameter '$%s' is not a finite number", a->param);
		break;
	default:
		return fail(b, TLC_EINPUT, TLC_INST_ERR_OTHER, event, a->field,
			    "field '%s' cannot be set by a parameter", f->name);
	}
	return 0;
}

static int apply_state(builder *b, int event, tlc_la_state *st, const tlc_la_prog_event *ev)
{
	for (size_t i = 0; i < ev->nstate; i++) {
		const tlc_la_assign *a = &ev->state[i];
		tlc_la_value *v = &st->values[a->field];
		int rc;
		memset(v, 0, sizeof *v);
		v->set = true;
		switch (b->p->fields[a->field].type) {
		case TLC_FIELD_DATE:
			rc = resolve(b, &a->when, event, a->field, &v->date);
			break;
		case TLC_FIELD_INT: rc = a->param ? state_param(b, event, a, v) : (v->i = a->i, 0); break;
		case TLC_FIELD_DOUBLE: rc = a->param ? state_param(b, event, a, v) : (v->d = a->d, 0); break;
		case TLC_FIELD_BOOL: v->b = a->b; rc = 0; break;
		default:
			rc = a->param ? state_param(b, event, a, v) : (v->text = a->text ? a->text : "", 0);
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int add_state(builder *b, const tlc_la_state *st, int event)
{
	tlc_schedule *s = b->s;
	if (s->nstates == TLC_LA_MAX_EVENTS)
		return fail(b, TLC_ERANGE, TLC_INST_ERR_TOO_MANY_CHANGES, event, -1,
			    "the schedule has more than %d updates", TLC_LA_MAX_EVENTS);
	if (s->nstates == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 16;
		tlc_la_state *v = realloc(s->states, nc * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		s->states = v;
		b->cap = nc;
	}
	s->states[s->nstates++] = *st;
	return 0;
}

/* One state per event, and per repetition of a repeating update. */
static int build_event(builder *b, size_t k)
{
	const tlc_la_prog_event *ev = &b->p->events[k];
	tlc_la_state st;
	int rc;
	memset(&st, 0, sizeof st);
	st.src = k;
	st.kind = ev->event;
	st.via = ev->via;
	st.priority = ev->priority;
	st.stale = st.dismissal = TLC_TIME_NONE;
	if ((rc = resolve(b, &ev->at, (int)k, -1, &st.at)) < 0)
		return rc;
	if ((rc = apply_state(b, (int)k, &st, ev)) < 0)
		return rc;
	tlc_time until = st.at;
	if (ev->every > 0 && ev->until.kind != TLC_PTIME_NONE &&
	    (rc = resolve(b, &ev->until, (int)k, -2, &until)) < 0)
		return rc;
	for (tlc_time at = st.at; at <= until; at += ev->every > 0 ? ev->every : 1) {
		st.at = at;
		st.stale = ev->has_stale_after ? at + ev->stale_after : TLC_TIME_NONE;
		if (ev->event == TLC_LA_END)
			st.dismissal = ev->dismissal == TLC_DISMISS_IMMEDIATE ? at
				       : ev->dismissal == TLC_DISMISS_AFTER ? at + ev->dismiss_after
									   : TLC_TIME_NONE;
		if ((rc = add_state(b, &st, (int)k)) < 0)
			return rc;
		if (ev->every <= 0)
			break;
	}
	return 0;
}

static int state_cmp(const void *a, const void *b)
{
	const tlc_la_state *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->src < y->src ? -1 : x->src > y->src;
}

/* Values are carried forward: each state holds the whole content state after its event. */
static void carry_forward(tlc_schedule *s)
{
	for (size_t i = 1; i < s->nstates; i++)
		for (size_t f = 0; f < TLC_LA_MAX_FIELDS; f++)
			if (!s->states[i].values[f].set)
				s->states[i].values[f] = s->states[i - 1].values[f];
}

static void lifecycle(tlc_schedule *s)
{
	const tlc_la_program *p = s->program;
	/* the start is first whatever its time */
	s->start = s->nstates ? s->states[0].at : s->now;
	s->end = TLC_TIME_NONE;
	s->system_end = s->start + TLC_LA_ACTIVE_MAX;
	for (size_t i = 0; i < s->nstates; i++) {
		const tlc_la_state *e = &s->states[i];
		/* an end before the start never happens (TL213) */
		if (e->kind != TLC_LA_END || e->at < s->start)
			continue;
		const tlc_la_prog_event *ev = &p->events[e->src];
		if (e->at >= s->system_end) {
			/* the system ended it first; the late end push is ignored */
			s->end = s->system_end;
			s->gone = s->start + TLC_LA_LOCK_SCREEN_MAX;
			return;
		}
		s->end = e->at;
		tlc_time linger = ev->dismissal == TLC_DISMISS_IMMEDIATE ? 0
				  : ev->dismissal == TLC_DISMISS_AFTER ? ev->dismiss_after
								      : TLC_LA_LINGER_MAX;
		if (linger > TLC_LA_LINGER_MAX)
			linger = TLC_LA_LINGER_MAX; /* whichever comes first */
		s->gone = s->end + linger;
		return;
	}
	s->gone = s->start + TLC_LA_LOCK_SCREEN_MAX;
}

/* ---- payloads --------------------------------------------------------------------------------- */

/* A number as the payloads have always written it: integers exactly, other values the shortest
 * of %.15g..%.17g that reads back the same, '.' whatever the C locale says. */
static void put_number(tlc_buf *out, double d)
{
	jsonw w;
	jw_init(&w, out);
	jw_num(&w, d);
}

static void put_date(tlc_buf *out, tlc_date_encoding enc, tlc_time t)
{
	char b[32];
	switch (enc) {
	case TLC_DATE_SECONDS_1970: tlc_buf_printf(out, "%lld", (long long)t); return;
	case TLC_DATE_MILLISECONDS_1970: tlc_buf_printf(out, "%lld", (long long)t * 1000); return;
	case TLC_DATE_ISO8601:
		tlc__format_rfc3339(b, t);
		tlc_buf_put_json_string(out, b, strlen(b));
		return;
	default: tlc_buf_printf(out, "%lld", (long long)(t - TLC_LA_DEFERRED_EPOCH)); return;
	}
}

/* A field's value as the app's JSONDecoder reads it (ints exact past 2^53). */
static void put_value(tlc_buf *out, const tlc_la_program *p, size_t f, const tlc_la_value *v)
{
	switch (p->fields[f].type) {
	case TLC_FIELD_DATE: put_date(out, p->date_encoding, v->date); return;
	case TLC_FIELD_INT: tlc_buf_printf(out, "%lld", (long long)v->i); return;
	case TLC_FIELD_DOUBLE: put_number(out, v->d); return;
	case TLC_FIELD_BOOL: tlc_buf_puts(out, v->b ? "true" : "false"); return;
	default: tlc_buf_put_json_string(out, v->text ? v->text : "", v->text ? strlen(v->text) : 0); return;
	}
}

static void put_key(tlc_buf *out, bool *first, const char *key)
{
	if (!*first)
		tlc_buf_putc(out, ',');
	*first = false;
	tlc_buf_put_json_string(out, key, strlen(key));
	tlc_buf_putc(out, ':');
}

static void content_state(tlc_buf *out, const tlc_la_program *p, const tlc_la_state *st)
{
	bool first = true;
	tlc_buf_putc(out, '{');
	for (size_t f = 0; f < p->nfields && f < TLC_LA_MAX_FIELDS; f++)
		if (st->values[f].set) {
			put_key(out, &first, p->fields[f].name);
			put_value(out, p, f, &st->values[f]);
		}
	tlc_buf_putc(out, '}');
}

void tlc_la_content_state_json(tlc_buf *out, const tlc_schedule *s, const tlc_la_state *st)
{
	content_state(out, s->program, st);
}

static void attributes(tlc_buf *out, const tlc_la_program *p)
{
	bool first = true;
	tlc_buf_putc(out, '{');
	for (size_t i = 0; i < p->nattributes; i++) {
		put_key(out, &first, p->attributes[i].name);
		tlc_buf_puts(out, p->attributes[i].json);
	}
	tlc_buf_putc(out, '}');
}

static const char *event_name(tlc_la_event e)
{
	return e == TLC_LA_START ? "start" : e == TLC_LA_END ? "end" : "update";
}

/* The `aps` body a push carries (Apple: "starting and updating Live Activities with ActivityKit
 * push notifications"); via the app, the size of what it hands ActivityKit. */
static int build_payload(const tlc_la_program *p, tlc_la_state *st)
{
	const tlc_la_prog_event *ev = &p->events[st->src];
	tlc_buf b = TLC_BUF_INIT;
	if (st->via == TLC_VIA_APP || st->via == TLC_VIA_INTENT) {
		/* the 4 KB limit covers the attributes and the content state however they come */
		attributes(&b, p);
		content_state(&b, p, st);
		st->data_len = b.len;
		int rc = tlc_buf_oom(&b) ? TLC_ENOMEM : 0;
		tlc_buf_release(&b);
		return rc;
	}
	bool first = true;
	tlc_buf_puts(&b, "{\"aps\":{");
	put_key(&b, &first, "timestamp");
	tlc_buf_printf(&b, "%lld", (long long)st->at);
	put_key(&b, &first, "event");
	tlc_buf_printf(&b, "\"%s\"", event_name(st->kind));
	put_key(&b, &first, "content-state");
	content_state(&b, p, st);
	if (st->stale != TLC_TIME_NONE) {
		put_key(&b, &first, "stale-date");
		tlc_buf_printf(&b, "%lld", (long long)st->stale);
	}
	if (st->dismissal != TLC_TIME_NONE) {
		put_key(&b, &first, "dismissal-date");
		tlc_buf_printf(&b, "%lld", (long long)st->dismissal);
	}
	if (ev->has_relevance) {
		put_key(&b, &first, "relevance-score");
		put_number(&b, ev->relevance);
	}
	if (st->kind == TLC_LA_START) {
		put_key(&b, &first, "attributes-type");
		tlc_buf_put_json_string(&b, p->name, strlen(p->name));
		put_key(&b, &first, "attributes");
		attributes(&b, p);
	}
	if (ev->has_alert) {
		bool af = true;
		put_key(&b, &first, "alert");
		tlc_buf_putc(&b, '{');
		const char *keys[3] = {"title", "body", "sound"};
		const char *vals[3] = {ev->alert_title, ev->alert_body, ev->alert_sound};
		for (int k = 0; k < 3; k++)
			if (vals[k]) {
				put_key(&b, &af, keys[k]);
				tlc_buf_put_json_string(&b, vals[k], strlen(vals[k]));
			}
		tlc_buf_putc(&b, '}');
	}
	tlc_buf_puts(&b, "}}");
	st->payload_len = b.len;
	st->payload = tlc_buf_detach(&b);
	return st->payload ? 0 : TLC_ENOMEM;
}

int tlc_schedule_make(tlc_schedule **out, const tlc_la_program *p, const tlc_instantiate_opts *o,
		      tlc_inst_err *err)
{
	tlc_schedule *s = calloc(1, sizeof *s);
	int rc = 0;
	*out = NULL;
	if (err) {
		memset(err, 0, sizeof *err);
		err->countdown = err->phase = -1;
	}
	if (!s)
		return TLC_ENOMEM;
	builder b = {s, p, o, err, 0};
	s->program = p;
	s->now = o->now;
	s->now_source = o->now_source;
	for (size_t k = 0; k < p->nevents && rc == 0; k++)
		rc = build_event(&b, k);
	if (rc == 0 && s->nstates) {
		/* the start comes first whatever its time; then the updates in time order */
		qsort(s->states + 1, s->nstates - 1, sizeof *s->states, state_cmp);
		carry_forward(s);
		lifecycle(s);
		for (size_t i = 0; i < s->nstates && rc == 0; i++)
			rc = build_payload(p, &s->states[i]);
	} else if (rc == 0) {
		lifecycle(s);
	}
	if (rc < 0) {
		tlc_schedule_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void tlc_schedule_free(tlc_schedule *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nstates; i++)
		free(s->states[i].payload);
	free(s->states);
	for (size_t i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	free(s);
}

/* ---- the schedule as JSON --------------------------------------------------------------------- */

static void w_opt_time(jsonw *w, const char *key, tlc_time t)
{
	jw_key(w, key);
	if (t == TLC_TIME_NONE)
		jw_null(w);
	else
		jw_time(w, t);
}

static void shell_quote(tlc_buf *b, const char *s)
{
	tlc_buf_putc(b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			tlc_buf_puts(b, "'\\''");
		else
			tlc_buf_putc(b, *s);
	tlc_buf_putc(b, '\'');
}

static void w_request(jsonw *w, const tlc_schedule *s, const tlc_la_state *st, tlc_time expires)
{
	const tlc_la_program *p = s->program;
	tlc_buf topic = TLC_BUF_INIT, url = TLC_BUF_INIT, c = TLC_BUF_INIT;
	char prio[16], exp[32];
	tlc_buf_printf(&topic, "%s.push-type.liveactivity", p->bundle_id);
	if (p->channel_id)
		tlc_buf_printf(&url, "https://api.push.apple.com/4/broadcasts/apps/%s", p->bundle_id);
	else
		tlc_buf_puts(&url, "https://api.push.apple.com/3/device/${DEVICE_TOKEN}");
	snprintf(prio, sizeof prio, "%d", st->priority);
	snprintf(exp, sizeof exp, "%lld", (long long)expires);
	jw_key(w, "request");
	jw_obj(w);
	jw_key(w, "method");
	jw_str(w, "POST");
	jw_key(w, "url");
	jw_str(w, url.ptr);
	jw_key(w, "headers");
	jw_obj(w);
	jw_key(w, "apns-push-type");
	jw_str(w, "liveactivity");
	jw_key(w, "apns-topic");
	jw_str(w, topic.ptr);
	jw_key(w, "apns-priority");
	jw_str(w, prio);
	jw_key(w, "apns-expiration");
	jw_str(w, exp);
	if (p->channel_id) {
		jw_key(w, "apns-channel-id");
		jw_str(w, p->channel_id);
	}
	jw_end_obj(w);
	jw_key(w, "body");
	jw_raw(w, st->payload);
	jw_key(w, "bytes");
	jw_int(w, (int64_t)st->payload_len);
	jw_key(w, "curl");
	tlc_buf_printf(&c, "curl --http2 -H \"authorization: bearer ${JWT}\" -H 'apns-push-type: "
			   "liveactivity' -H 'apns-topic: %s' -H 'apns-priority: %s' -H "
			   "'apns-expiration: %s'", topic.ptr, prio, exp);
	if (p->channel_id)
		tlc_buf_printf(&c, " -H 'apns-channel-id: %s'", p->channel_id);
	tlc_buf_puts(&c, " --data ");
	shell_quote(&c, st->payload);
	tlc_buf_printf(&c, " %s", url.ptr);
	jw_str(w, c.ptr);
	tlc_buf_release(&c);
	tlc_buf_release(&url);
	tlc_buf_release(&topic);
	jw_end_obj(w);
}

static void w_state(jsonw *w, const tlc_schedule *s, size_t i)
{
	static const char *const via[] = {"push", "app", "push-to-start", "intent"};
	const tlc_la_state *st = &s->states[i];
	const tlc_la_program *p = s->program;
	jw_obj(w);
	jw_key(w, "event");
	jw_str(w, event_name(st->kind));
	jw_key(w, "at");
	jw_time(w, st->at);
	jw_key(w, "via");
	jw_str(w, via[st->via]);
	if (p->events[st->src].foreground) { /* only then: other schedules stay the same */
		jw_key(w, "while");
		jw_str(w, "foreground");
	}
	jw_key(w, "content-state");
	jw_obj_compact(w);
	for (size_t f = 0; f < p->nfields && f < TLC_LA_MAX_FIELDS; f++) {
		const tlc_la_value *v = &st->values[f];
		if (!v->set)
			continue;
		jw_key(w, p->fields[f].name);
		switch (p->fields[f].type) {
		case TLC_FIELD_DATE: jw_time(w, v->date); break;
		case TLC_FIELD_STRING: jw_str(w, v->text ? v->text : ""); break;
		case TLC_FIELD_INT: jw_int(w, v->i); break;
		case TLC_FIELD_DOUBLE: jw_num(w, v->d); break;
		default: jw_bool(w, v->b); break;
		}
	}
	jw_end_obj(w);
	w_opt_time(w, "stale-date", st->stale);
	w_opt_time(w, "dismissal-date", st->dismissal);
	uint32_t varies = p->events[st->src].varies;
	if (varies) { /* the fields a server fills in at each send (only when some vary) */
		jw_key(w, "varies");
		jw_arr_compact(w);
		for (size_t f = 0; f < p->nfields && f < TLC_LA_MAX_FIELDS; f++)
			if (varies & (UINT32_C(1) << f))
				jw_str(w, p->fields[f].name);
		jw_end_arr(w);
	}
	if (st->payload) {
		/* a push expires when the next state replaces it, or 8 hours after the start */
		tlc_time expires = i + 1 < s->nstates ? s->states[i + 1].at : s->system_end;
		w_request(w, s, st, expires);
	}
	jw_end_obj(w);
}

void tlc_schedule_write_json(tlc_buf *out, const tlc_schedule *s)
{
	static const char *const enc[] = {"deferred-to-date", "seconds-since-1970",
					  "milliseconds-since-1970", "iso8601"};
	static const char *const now_src[] = {"option", "SOURCE_DATE_EPOCH", "clock"};
	const tlc_la_program *p = s->program;
	jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "timelinec-schedule");
	jw_int(&w, TLC_SCHEDULE_VERSION);
	jw_key(&w, "live-activity");
	jw_str(&w, p->name);
	jw_key(&w, "bundle-id");
	jw_str(&w, p->bundle_id);
	jw_key(&w, "date-encoding");
	jw_str(&w, enc[p->date_encoding]);
	jw_key(&w, "now");
	jw_time(&w, s->now);
	jw_key(&w, "now-source");
	jw_str(&w, now_src[s->now_source]);
	jw_key(&w, "lifecycle");
	jw_obj_compact(&w);
	jw_key(&w, "start");
	jw_time(&w, s->start);
	w_opt_time(&w, "end", s->end);
	jw_key(&w, "system-end");
	jw_time(&w, s->system_end);
	jw_key(&w, "gone");
	jw_time(&w, s->gone);
	jw_end_obj(&w);
	jw_key(&w, "views");
	jw_obj(&w);
	for (int v = 0; v < TLC_LA_PRESENTATIONS; v++)
		if (p->views[v]) {
			jw_key(&w, presentation_names[v]);
			jw_str(&w, p->views[v]);
		}
	jw_end_obj(&w);
	jw_key(&w, "states");
	jw_arr(&w);
	for (size_t i = 0; i < s->nstates; i++)
		w_state(&w, s, i);
	jw_end_arr(&w);
	jw_end_obj(&w);
}
