/*
 * spec_dump.c — a canonical JSON rendering of a typed spec, without positions: two specs that
 * mean the same (one YAML, one JSON) dump to the same bytes. Used by the tests and by
 * `timelinec compile --emit spec` for debugging.
 */
#include <string.h>
#include "spec/spec_dump.h"

static void s_str(tlc_buf *b, const char *s)
{
	if (s)
		tlc_buf_put_json_string(b, s, strlen(s));
	else
		tlc_buf_puts(b, "null");
}

static void s_key(tlc_buf *b, const char *k, int *first)
{
	if (!*first)
		tlc_buf_putc(b, ',');
	*first = 0;
	s_str(b, k);
	tlc_buf_putc(b, ':');
}

static void s_when(tlc_buf *b, const tlc_sp_when *w)
{
	static const char *const kinds[] = {"param", "now", "literal"};
	if (!w->set) {
		tlc_buf_puts(b, "null");
		return;
	}
	if (w->is_duration) {
		tlc_buf_printf(b, "{\"duration\":%lld}", (long long)w->duration);
		return;
	}
	tlc_buf_printf(b, "{\"kind\":\"%s\"", kinds[w->expr.kind]);
	if (w->param) {
		tlc_buf_puts(b, ",\"param\":");
		s_str(b, w->param);
	}
	if (w->expr.kind == TLC_TIME_EXPR_LITERAL)
		tlc_buf_printf(b, ",\"at\":%lld,\"local\":%s", (long long)w->at,
			       w->local ? "true" : "false");
	tlc_buf_printf(b, ",\"offset\":%lld}", (long long)w->expr.offset);
}

static void s_text(tlc_buf *b, const tlc_sp_text *t)
{
	int first = 1;
	tlc_buf_putc(b, '{');
	for (int f = 0; f < TLC_FAMILY_MAX; f++)
		if (t->tmpl[f]) {
			s_key(b, tlc_family_names[f], &first);
			s_str(b, t->tmpl[f]);
		}
	tlc_buf_putc(b, '}');
}

static void s_whens(tlc_buf *b, const tlc_sp_when *w, size_t n)
{
	tlc_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		s_when(b, &w[i]);
	}
	tlc_buf_putc(b, ']');
}

static void s_countdown(tlc_buf *b, const tlc_sp_countdown *c)
{
	static const char *const kinds[] = {"to", "since", "every", "rrule"};
	tlc_buf_puts(b, "{\"id\":");
	s_str(b, c->id);
	tlc_buf_printf(b, ",\"target_kind\":\"%s\",\"target\":", kinds[c->target_kind]);
	s_when(b, &c->target);
	tlc_buf_puts(b, ",\"recurrence\":");
	s_str(b, c->recur ? c->recur->str : NULL);
	tlc_buf_puts(b, ",\"dtstart\":");
	s_when(b, &c->dtstart);
	tlc_buf_puts(b, ",\"exdate\":");
	s_whens(b, c->exdate, c->nexdate);
	tlc_buf_puts(b, ",\"rdate\":");
	s_whens(b, c->rdate, c->nrdate);
	tlc_buf_puts(b, ",\"from\":");
	s_when(b, &c->from);
	tlc_buf_puts(b, ",\"paused_at\":");
	s_when(b, &c->paused_at);
	if (c->has_relevance)
		tlc_buf_printf(b, ",\"relevance\":{\"score\":%g,\"from\":%lld,\"until\":%lld}",
			       c->relevance_score, (long long)c->relevance_from,
			       (long long)c->relevance_until);
	if (c->has_stale) {
		tlc_buf_printf(b, ",\"stale\":{\"after\":%lld,\"text\":", (long long)c->stale_after);
		s_text(b, &c->stale_text);
		tlc_buf_putc(b, '}');
	}
	tlc_buf_puts(b, ",\"phases\":[");
	for (size_t i = 0; i < c->nphases; i++) {
		const tlc_sp_phase *p = &c->phases[i];
		if (i)
			tlc_buf_putc(b, ',');
		if (p->has_above && p->above_param)
			tlc_buf_printf(b, "{\"above\":\"%s$%s\",\"text\":", p->above_sign < 0 ? "-" : "",
				       p->above_param);
		else if (p->has_above)
			tlc_buf_printf(b, "{\"above\":%lld,\"text\":", (long long)p->above);
		else
			tlc_buf_puts(b, "{\"above\":null,\"text\":");
		s_text(b, &p->text);
		tlc_buf_putc(b, '}');
	}
	tlc_buf_puts(b, "]}");
}

static void s_state(tlc_buf *b, const tlc_sp_assign *a, size_t n)
{
	tlc_buf_putc(b, '{');
	for (size_t i = 0; i < n; i++) {
		int first = i == 0;
		s_key(b, a[i].field, &first);
		if (a[i].when.set) {
			s_when(b, &a[i].when);
			continue;
		}
		tlc_buf_printf(b, "{\"type\":\"%s\",\"value\":", tlc_node_kind_name(a[i].value));
		s_str(b, a[i].value->str);
		tlc_buf_putc(b, '}');
	}
	tlc_buf_putc(b, '}');
}

static void s_event(tlc_buf *b, const tlc_sp_event *e)
{
	static const char *const ev[] = {"start", "update", "end"};
	static const char *const via[] = {"push", "app", "push-to-start"};
	static const char *const dis[] = {"default", "immediate", "after"};
	tlc_buf_printf(b, "{\"event\":\"%s\",\"via\":\"%s\",\"priority\":%d,\"at\":", ev[e->event],
		       via[e->via], e->priority);
	s_when(b, &e->at);
	tlc_buf_puts(b, ",\"state\":");
	s_state(b, e->state, e->nstate);
	if (e->has_stale_after)
		tlc_buf_printf(b, ",\"stale_after\":%lld", (long long)e->stale_after);
	if (e->has_relevance)
		tlc_buf_printf(b, ",\"relevance\":%g", e->relevance);
	if (e->has_alert) {
		tlc_buf_puts(b, ",\"alert\":{\"title\":");
		s_str(b, e->alert.title);
		tlc_buf_puts(b, ",\"body\":");
		s_str(b, e->alert.body);
		tlc_buf_puts(b, ",\"sound\":");
		s_str(b, e->alert.sound);
		tlc_buf_putc(b, '}');
	}
	if (e->event == TLC_LA_END)
		tlc_buf_printf(b, ",\"dismissal\":\"%s\",\"dismiss_after\":%lld", dis[e->dismissal],
			       (long long)e->dismiss_after);
	tlc_buf_putc(b, '}');
}

static void s_common(tlc_buf *b, const tlc_spec *s)
{
	static const char *const dis[] = {"compatible", "earlier", "later", "reject"};
	tlc_buf_puts(b, "{\"kind\":");
	s_str(b, s->kind == TLC_SPEC_WIDGET ? "widget" : "live-activity");
	tlc_buf_puts(b, ",\"name\":");
	s_str(b, s->name);
	tlc_buf_puts(b, ",\"timezone\":");
	s_str(b, s->zone_name);
	tlc_buf_printf(b, ",\"disambiguation\":\"%s\",\"minimum-ios\":%d,\"locales\":[",
		       dis[s->disamb], s->minimum_ios);
	for (size_t i = 0; i < s->nlocales; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		s_str(b, s->locales[i]);
	}
	tlc_buf_puts(b, "],\"params\":[");
	for (size_t i = 0; i < s->nparams; i++) {
		const tlc_sp_param *p = &s->params[i];
		tlc_buf_printf(b, "%s{\"name\":", i ? "," : "");
		s_str(b, p->name);
		tlc_buf_printf(b, ",\"type\":\"%s\"", tlc_param_type_names[p->type]);
		if (p->has_domain && p->domain.kind == TLC_PARAM_DOMAIN_RELATIVE)
			tlc_buf_printf(b, ",\"domain\":{\"anchor\":%d,\"lo\":%lld,\"hi\":%lld}",
				       (int)p->domain.anchor.kind, (long long)p->domain.lo,
				       (long long)p->domain.hi);
		tlc_buf_putc(b, '}');
	}
	tlc_buf_puts(b, "],\"suppress\":[");
	for (size_t i = 0; i < s->nsuppress; i++) {
		tlc_buf_printf(b, "%s{\"rule\":", i ? "," : "");
		s_str(b, s->suppress[i].rule);
		tlc_buf_puts(b, ",\"reason\":");
		s_str(b, s->suppress[i].reason);
		tlc_buf_putc(b, '}');
	}
	tlc_buf_putc(b, ']');
}

static void s_widget(tlc_buf *b, const tlc_spec *s)
{
	static const char *const rl[] = {"auto", "at-end", "never", "after"};
	static const char *const src[] = {"app-open", "push", "app-intent", "widget-push",
					  "background-refresh", "app-background"};
	_Static_assert(sizeof src / sizeof src[0] == TLC_SOURCE_KIND_MAX, "a name per source kind");
	tlc_buf_puts(b, ",\"window\":");
	if (s->has_window) {
		tlc_buf_puts(b, "[");
		s_when(b, &s->window_start);
		tlc_buf_putc(b, ',');
		s_when(b, &s->window_end);
		tlc_buf_putc(b, ']');
	} else {
		tlc_buf_puts(b, "null");
	}
	tlc_buf_printf(b, ",\"horizon\":%lld,\"reload\":\"%s\",\"reload_after\":",
		       (long long)s->horizon, rl[s->reload]);
	s_when(b, &s->reload_after);
	tlc_buf_puts(b, ",\"refresh_sources\":[");
	for (size_t i = 0; i < s->nsources; i++)
		tlc_buf_printf(b, "%s{\"kind\":\"%s\",\"interval\":%lld}", i ? "," : "",
			       src[s->sources[i].kind], (long long)s->sources[i].interval);
	tlc_buf_puts(b, "],\"countdowns\":[");
	for (size_t i = 0; i < s->ncountdowns; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		s_countdown(b, &s->countdowns[i]);
	}
	tlc_buf_putc(b, ']');
}

static void s_activity(tlc_buf *b, const tlc_spec *s)
{
	static const char *const enc[] = {"deferred-to-date", "seconds-since-1970",
					  "milliseconds-since-1970", "iso8601"};
	static const char *const ft[] = {"date", "string", "int", "double", "bool"};
	tlc_buf_puts(b, ",\"bundle_id\":");
	s_str(b, s->bundle_id);
	tlc_buf_puts(b, ",\"channel_id\":");
	s_str(b, s->channel_id);
	tlc_buf_printf(b, ",\"date_encoding\":\"%s\",\"fields\":{", enc[s->date_encoding]);
	for (size_t i = 0; i < s->nfields; i++) {
		int first = i == 0;
		s_key(b, s->fields[i].name, &first);
		s_str(b, s->fields[i].since ? "date-since" : ft[s->fields[i].type]);
	}
	tlc_buf_puts(b, "},\"attributes\":");
	s_state(b, s->attributes, s->nattributes);
	tlc_buf_puts(b, ",\"views\":{");
	for (int i = 0, first = 1; i < 8; i++)
		if (s->views[i]) {
			s_key(b, tlc_presentation_names[i], &first);
			s_str(b, s->views[i]);
		}
	tlc_buf_puts(b, "},\"events\":[");
	for (size_t i = 0; i < s->nevents; i++) {
		if (i)
			tlc_buf_putc(b, ',');
		s_event(b, &s->events[i]);
	}
	tlc_buf_putc(b, ']');
}

void tlc_spec_dump(tlc_buf *b, const tlc_spec *s)
{
	s_common(b, s);
	if (s->kind == TLC_SPEC_WIDGET)
		s_widget(b, s);
	else
		s_activity(b, s);
	tlc_buf_puts(b, "}\n");
}
