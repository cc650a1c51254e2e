/*
 * eventlist.c — a list parameter's value (a JSON array of items) read into the items an events
 * countdown counts to: each item an object with "at" (an instant as instant parameters take
 * them: RFC 3339, "@EPOCH", or a local time in the event zone), an optional "end" (the same, or
 * null; not before "at") and exactly the parameter's fields (a text field a JSON string, an
 * integer field a JSON integer). Every refusal names the item and the key. docs/spec.md, "Lists
 * of events".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inst_internal.h"
#include "json.h"
#include "timelinec/timeparse.h"

void tlc__list_release(tlc_tl_list *l, size_t nfields)
{
	for (size_t i = 0; l && i < l->nevents; i++) {
		for (size_t f = 0; l->events[i].values && f < nfields; f++)
			free(l->events[i].values[f]);
		free(l->events[i].values);
	}
	if (l) {
		free(l->events);
		l->events = NULL;
		l->nevents = 0;
	}
}

/* An item's "at" or "end": an instant string; a local reading resolves in `z`. */
static int item_time(tlc_time *out, const tlc_json *v, const tlc_zone *z, const char *what,
		     size_t item, const char *name, tlc_inst_err *err)
{
	tlc_parsed_instant pi;
	tlc_local_result r;
	tlc_err e = {0};
	if (!tlc_json_is(v, TLC_JSON_STRING)) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu: '%s' is an instant "
			 "string like \"2026-12-05T12:30:00Z\"", name, item, what);
		return TLC_EINPUT;
	}
	/* pi is only read once the parse succeeded (a failed parse leaves it unset) */
	bool parsed = tlc_instant_parse(&pi, v->str, strlen(v->str), &e) == 0;
	bool zoneless = parsed && pi.local && !z;
	if (!parsed || zoneless ||
	    (pi.local && tlc_instant_resolve(&r, &pi, z, TLC_DISAMB_COMPATIBLE, &e) < 0)) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu: '%s': %s", name, item,
			 what, zoneless ? "a local time needs a zone" : e.msg);
		return TLC_EINPUT;
	}
	*out = pi.local ? r.utc : pi.value;
	return 0;
}

/* One value of field f: a string for a text field, an integer for an integer field. */
static char *field_value(const tlc_json *v, bool is_int)
{
	char b[32];
	if (is_int) {
		if (!tlc_json_is(v, TLC_JSON_NUMBER) || !v->integer)
			return NULL;
		snprintf(b, sizeof b, "%lld", (long long)v->ival);
		return strdup(b);
	}
	return tlc_json_is(v, TLC_JSON_STRING) ? strdup(v->str) : NULL;
}

static int read_item(tlc_prog_event *e, const tlc_json *o, const tlc_prog_countdown *c,
		     const tlc_zone *z, size_t item, const char *name, tlc_inst_err *err)
{
	tlc_time at, end;
	if (!tlc_json_is(o, TLC_JSON_OBJECT)) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu is not an object", name,
			 item);
		return TLC_EINPUT;
	}
	for (const tlc_json *m = o->child; m; m = m->next) { /* every key known, each once */
		bool known = !strcmp(m->key, "at") || !strcmp(m->key, "end");
		for (size_t f = 0; !known && f < c->nfields; f++)
			known = !strcmp(m->key, c->fields[f].name);
		if (!known || tlc_json_get(o, m->key) != m) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu: %s key '%.64s'",
				 name, item, known ? "a second" : "unknown", m->key);
			return TLC_EINPUT;
		}
	}
	const tlc_json *a = tlc_json_get(o, "at"), *b = tlc_json_get(o, "end");
	if (!a) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu has no 'at'", name, item);
		return TLC_EINPUT;
	}
	int rc = item_time(&at, a, z, "at", item, name, err);
	if (rc == 0 && b && !tlc_json_is(b, TLC_JSON_NULL))
		rc = item_time(&end, b, z, "end", item, name, err);
	else
		end = at;
	if (rc < 0)
		return rc;
	if (end < at) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu ends before it starts",
			 name, item);
		return TLC_EINPUT;
	}
	e->at = (tlc_prog_time){.kind = TLC_PTIME_LITERAL, .at = at};
	e->end = (tlc_prog_time){.kind = b && !tlc_json_is(b, TLC_JSON_NULL) ? TLC_PTIME_LITERAL
									 : TLC_PTIME_NONE,
				 .at = end};
	e->countdown = c;
	if (!(e->values = calloc(c->nfields ? c->nfields : 1, sizeof *e->values)))
		return TLC_ENOMEM;
	for (size_t f = 0; f < c->nfields; f++) {
		const tlc_json *v = tlc_json_get(o, c->fields[f].name);
		if (!v) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu has no '%s'", name,
				 item, c->fields[f].name);
			return TLC_EINPUT;
		}
		if (!(e->values[f] = field_value(v, c->fields[f].is_int))) {
			snprintf(err->msg, sizeof err->msg, "parameter '%s': item %zu: '%s' is %s", name,
				 item, c->fields[f].name, c->fields[f].is_int ? "an integer field"
				 : "a text field: a JSON string");
			return TLC_EINPUT;
		}
	}
	return 0;
}

int tlc__list_parse(tlc_tl_list *out, const tlc_prog_countdown *c, const char *json,
		    const tlc_zone *z, tlc_inst_err *err)
{
	const char *name = c->events_param;
	tlc_json *root = NULL;
	tlc_err e = {0};
	int rc = tlc_json_parse(&root, json, strlen(json), &e);
	if (rc == TLC_EINPUT) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s' is not JSON: %s", name, e.msg);
		return rc;
	}
	if (rc < 0)
		return rc;
	if (!tlc_json_is(root, TLC_JSON_ARRAY) || root->n > TLC_MAX_EVENTS) {
		snprintf(err->msg, sizeof err->msg, "parameter '%s' is a JSON array of at most %d "
			 "items (TLC_MAX_EVENTS)", name, TLC_MAX_EVENTS);
		rc = TLC_EINPUT;
		goto out;
	}
	rc = TLC_ENOMEM;
	if (!(out->events = calloc(root->n ? root->n : 1, sizeof *out->events)))
		goto out;
	rc = 0;
	for (const tlc_json *it = root->child; it && rc == 0; it = it->next) {
		size_t k = out->nevents++;
		rc = read_item(&out->events[k], it, c, z, k + 1, name, err);
	}
out:
	tlc_json_free(root);
	if (rc < 0)
		tlc__list_release(out, c->nfields);
	return rc;
}
