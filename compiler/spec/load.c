/*
 * load.c — validated node tree -> typed spec (spec.h).
 *
 * Structure was checked by validate.c against the key table; here every value is read: time
 * values through the time module, zones through the provider, locales through ICU, parameter
 * references against `params`. Problems are diagnostics; loading goes on to report them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/parse.h"
#include "spec/spec.h"
#include "spec/template.h"
#include "spec/validate.h"
#include "timelinec/civil.h"
#include "timelinec/program.h"

const char *const tlc_family_names[TLC_FAMILY_MAX] = {
	"default", "small", "medium", "large", "extraLarge",
	"accessoryInline", "accessoryCircular", "accessoryRectangular"};
const char *const tlc_param_type_names[TLC_PARAM_TYPE_MAX] = {"instant", "duration", "text",
							       "integer", "number", "events"};
const char *const tlc_presentation_names[TLC_LA_PRESENTATIONS] = {
	"lock-screen", "compact-leading", "compact-trailing", "minimal",
	"expanded-leading", "expanded-trailing", "expanded-center", "expanded-bottom", "small"};

typedef struct loader {
	tlc_ctx *ctx;
	tlc_spec *spec;
	const tlc_source *src;
	int errors;
} loader;

static int enum_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

static void *alloc_n(loader *L, size_t n, size_t size)
{
	return tlc_arena_alloc(&L->ctx->arena, (n ? n : 1) * size);
}

/* A diagnostic on bytes [e->offset, e->offset + e->len) of a scalar's value. */
static tlc_diag *err_at(loader *L, const char *rule, const tlc_node *n, const tlc_err *e)
{
	tlc_span sp = tlc_node_subspan(L->src, n, e->offset, e->len ? e->len : 1);
	L->errors++;
	return tlc_diag_add(&L->ctx->diags, rule, sp, "%s", e->msg);
}

/* ---- durations and instants --------------------------------------------------------------- */

static int get_duration(loader *L, const tlc_node *n, bool sign, int64_t *out)
{
	tlc_err e = {0};
	int64_t v;
	if (n->type == TLC_SCALAR_INT && n->len > 2 && (n->str[1] == 'o' || n->str[1] == 'x') &&
	    tlc_scalar_int(n, &v) == 0) { /* YAML's 0o17 and 0x1F are integers, never a unit */
		tlc_diag_add(&L->ctx->diags, "TL020", n->span,
			     "'%s' is the integer %lld, not a duration: write it with a unit, like '%llds'",
			     n->str, (long long)v, (long long)v);
		L->errors++;
		return -1;
	}
	if (tlc_duration_parse(out, n->str, n->len, sign ? TLC_DURATION_SIGNED : 0, &e) < 0) {
		err_at(L, "TL020", n, &e);
		return -1;
	}
	return 0;
}

/* A parameter or field named like a time unit or a self-updating style could not be shown:
 * '{minutes}' means the unit. Refused at its key. */
static void refuse_reserved(loader *L, const tlc_node *k, const char *what)
{
	if (!tlc_template_reserved(k->str, k->len))
		return;
	tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", k->span,
				   "a %s cannot be named '%s': '{%s}' in a text means the built-in "
				   "placeholder, not the %s", what, k->str, k->str, what);
	tlc_diag_set_fix(g, "rename it, like '%s-left' or 'my-%s'", k->str, k->str);
	L->errors++;
}

static const tlc_sp_param *find_param(const tlc_spec *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->nparams; i++)
		if (strlen(s->params[i].name) == len && memcmp(s->params[i].name, name, len) == 0)
			return &s->params[i];
	return NULL;
}

static void format_local(char *buf, size_t n, tlc_time local)
{
	tlc_civil c;
	tlc_civil_from_secs(local, &c);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", (int)c.year, (int)c.month, (int)c.day,
		 (int)c.hour, (int)c.min);
}

static void format_offset(char *buf, size_t n, int32_t off)
{
	int32_t a = off < 0 ? -off : off;
	snprintf(buf, n, "UTC%c%02d:%02d", off < 0 ? '-' : '+', (int)(a / 3600), (int)(a / 60 % 60));
}

/* Warns (or errs, under reject) about a local time in a gap or an overlap. */
static void report_local(loader *L, const tlc_node *n, const tlc_parsed_instant *pi,
			 const tlc_local_result *r)
{
	const tlc_zone *z = L->spec->zone;
	char when[32], got[32], off[16], alt[32], altoff[16];
	format_local(when, sizeof when, pi->value);
	format_local(got, sizeof got, tlc_zone_to_local(z, r->utc));
	format_offset(off, sizeof off, tlc_zone_offset(z, r->utc));
	tlc_span sp = tlc_node_subspan(L->src, n, pi->offset, pi->len);
	bool reject = L->spec->disamb == TLC_DISAMB_REJECT;
	tlc_diag *g;
	if (r->kind == TLC_LOCAL_GAP) {
		g = tlc_diag_add(&L->ctx->diags, "TL022", sp,
				 "local time %s does not exist in %s (the clocks skip %d minutes)%s%s%s",
				 when, tlc_zone_name(z), (int)(r->gap_or_fold / 60),
				 reject ? "" : "; it is read as ", reject ? "" : got, reject ? "" : "");
		if (!reject)
			tlc_diag_set_fix(g, "write the time you mean, or set 'disambiguation' "
					    "(now %s %s)", got, off);
	} else {
		format_local(alt, sizeof alt, tlc_zone_to_local(z, r->alt));
		format_offset(altoff, sizeof altoff, tlc_zone_offset(z, r->alt));
		g = tlc_diag_add(&L->ctx->diags, "TL023", sp,
				 "local time %s happens twice in %s (%s and %s)%s%s",
				 when, tlc_zone_name(z), r->utc < r->alt ? off : altoff,
				 r->utc < r->alt ? altoff : off, reject ? "" : "; the spec takes ",
				 reject ? "" : off);
		if (!reject && !L->spec->disamb_explicit)
			tlc_diag_set_fix(g, "write an RFC 3339 time with its offset, or set "
					    "'disambiguation: later' for the second one");
	}
	if (reject && g) {
		g->sev = TLC_SEV_ERROR;
		L->errors++;
	} else if (g && L->spec->disamb_explicit) {
		g->sev = TLC_SEV_NOTE; /* the spec says how to read it: informational */
	}
}

static int resolve_literal(loader *L, const tlc_node *n, tlc_sp_when *w)
{
	const tlc_parsed_instant *pi = &w->expr.literal;
	if (!pi->local || !L->spec->zone) {
		w->at = pi->value;
		w->local = pi->local;
		return 0;
	}
	tlc_local_result r;
	tlc_err e = {0};
	/* under reject, resolve as compatible to tell the user what the time would have meant */
	tlc_disamb d = L->spec->disamb == TLC_DISAMB_REJECT ? TLC_DISAMB_COMPATIBLE : L->spec->disamb;
	int err = tlc_instant_resolve(&r, pi, L->spec->zone, d, &e);
	if (err < 0) {
		err_at(L, "TL020", n, &e);
		return -1;
	}
	if (r.kind != TLC_LOCAL_UNIQUE)
		report_local(L, n, pi, &r);
	w->at = r.utc;
	return 0;
}

/* "6pm", "6:30 PM": h[:mm][' '](am|pm), h 1..12, into seconds of the day. */
static bool twelve_hour(const tlc_node *v, int32_t *tod)
{
	const char *s = v->str;
	size_t i = 0, n = v->len;
	int h = 0, m = 0;
	while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
		h = h * 10 + (s[i++] - '0');
	if (i == 0 || h < 1 || h > 12)
		return false;
	if (i + 2 < n && s[i] == ':' && s[i + 1] >= '0' && s[i + 1] <= '5' && s[i + 2] >= '0' &&
	    s[i + 2] <= '9') {
		m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		i += 3;
	}
	if (i < n && s[i] == ' ')
		i++;
	if (i + 2 != n || ((s[i] | 0x20) != 'a' && (s[i] | 0x20) != 'p') || (s[i + 1] | 0x20) != 'm')
		return false;
	*tod = ((h % 12) + ((s[i] | 0x20) == 'p' ? 12 : 0)) * 3600 + m * 60;
	return true;
}

/*
 * After a failed 'to:': a time of day alone ("to: 18:00") may mean every day at that time, so
 * the error gets a second way out.
 */
static void suggest_every(loader *L, const tlc_node *v)
{
	int32_t tod;
	tlc_diag *g = L->ctx->diags.n ? &L->ctx->diags.v[L->ctx->diags.n - 1] : NULL;
	if (!g || v->kind != TLC_NODE_SCALAR ||
	    (tlc_time_of_day_parse(&tod, v->str, v->len, NULL) < 0 && !twelve_hour(v, &tod)) ||
	    tod % 60 != 0)
		return;
	tlc_diag_set_fix(g, "for every day at that time, write 'every: daily %02d:%02d' instead of "
			    "'to:'", (int)(tod / 3600), (int)(tod / 60 % 60));
}

/* Starts with a digit, and is no date ("2026-"), time ("18:00") or 12-hour time ("6pm"). */
static bool looks_like_duration(const tlc_node *n)
{
	const char *t = n->len >= 2 ? n->str + n->len - 2 : "";
	bool ampm = (t[0] == 'a' || t[0] == 'A' || t[0] == 'p' || t[0] == 'P') &&
		    (t[1] == 'm' || t[1] == 'M');
	return n->len > 0 && n->str[0] >= '0' && n->str[0] <= '9' && !memchr(n->str, ':', n->len) &&
	       !ampm && (n->len < 5 || n->str[4] != '-');
}

/* An instant expression; `allow_duration` also takes a bare duration (reload.after). */
static int get_when(loader *L, const tlc_node *n, tlc_sp_when *w, bool allow_duration)
{
	tlc_err e = {0};
	memset(w, 0, sizeof *w);
	w->node = n;
	if (allow_duration && tlc_duration_parse(&w->duration, n->str, n->len, 0, &e) == 0) {
		w->set = w->is_duration = true;
		return 0;
	}
	if (allow_duration && looks_like_duration(n)) { /* its error says more than an instant's */
		err_at(L, "TL020", n, &e);
		return -1;
	}
	memset(&e, 0, sizeof e);
	if (tlc_time_expr_parse(&w->expr, n->str, n->len, &e) < 0) {
		err_at(L, "TL020", n, &e);
		return -1;
	}
	w->set = true;
	if (w->expr.kind == TLC_TIME_EXPR_PARAM) {
		const tlc_sp_param *p = find_param(L->spec, n->str + w->expr.name_off, w->expr.name_len);
		tlc_span sp = tlc_node_subspan(L->src, n, w->expr.name_off - 1, w->expr.name_len + 1);
		if (!p) {
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL018", sp,
						   "'$%.*s' is not a declared parameter",
						   (int)w->expr.name_len, n->str + w->expr.name_off);
			tlc_diag_set_fix(g, "declare it: 'params: {%.*s: instant}'",
					 (int)w->expr.name_len, n->str + w->expr.name_off);
			L->errors++;
			return -1;
		}
		if (p->type != TLC_PARAM_INSTANT) {
			tlc_diag_add(&L->ctx->diags, "TL011", sp,
				     "parameter '$%s' is %s, but an instant is needed here", p->name,
				     tlc_param_type_names[p->type]);
			L->errors++;
			return -1;
		}
		w->param = p->name;
		((tlc_sp_param *)p)->used = true;
		return 0;
	}
	if (w->expr.kind == TLC_TIME_EXPR_LITERAL)
		return resolve_literal(L, n, w);
	return 0;
}

/* ---- text ----------------------------------------------------------------------------------- */

static void get_text(loader *L, const tlc_node *n, tlc_sp_text *t)
{
	(void)L;
	memset(t, 0, sizeof *t);
	if (n->kind == TLC_NODE_SCALAR) {
		t->tmpl[TLC_FAMILY_DEFAULT] = n->str;
		t->node[TLC_FAMILY_DEFAULT] = n;
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		int f = enum_index(tlc_family_names, TLC_FAMILY_MAX, n->pairs[i].key->str);
		if (f >= 0) {
			t->tmpl[f] = n->pairs[i].value->str;
			t->node[f] = n->pairs[i].value;
		}
	}
}

/* ---- common top-level keys ------------------------------------------------------------------ */

static void load_zone(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "timezone");
	tlc_spec *s = L->spec;
	s->zone_name = n ? n->str : "floating";
	if (!n || strcmp(n->str, "floating") == 0)
		return;
	int err = L->ctx->zones ? tlc_zones_get(L->ctx->zones, n->str, &s->zone) : TLC_ENOTFOUND;
	if (err == TLC_ENOMEM) {
		L->errors++;
		return;
	}
	const char *msg, *fix;
	if (err < 0) {
		const char *dir = L->ctx->zones ? tlc_zones_dir(L->ctx->zones) : NULL;
		tlc_buf b = TLC_BUF_INIT;
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL021", n->span,
					   "unknown time zone '%s'", n->str);
		tlc_zone_suggest(&b, n->str, dir);
		if (b.len)
			tlc_diag_set_fix(g, "%s", b.ptr);
		else
			tlc_diag_set_fix(g, "use an IANA name such as 'Europe/Berlin' or "
					    "'America/New_York' (zone data: %s), or 'floating' for the "
					    "device's zone", dir ? dir : "none");
		tlc_buf_release(&b);
		L->errors++;
	} else if (tlc_zone_legacy(n->str, &msg, &fix)) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL021", n->span, "%s", msg);
		tlc_diag_set_severity(&L->ctx->diags, g, TLC_SEV_WARNING);
		tlc_diag_set_fix(g, "%s", fix);
	}
}

static void load_locales(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "locales");
	tlc_spec *s = L->spec;
	static const char *const dflt[] = {"en_US"};
	if (!n) {
		s->locales = (const char **)dflt;
		s->nlocales = 1;
		return;
	}
	s->locales = alloc_n(L, n->n, sizeof *s->locales);
	if (!s->locales)
		return;
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *it = n->items[i];
		tlc_render_locale *loc;
		int err = L->ctx->render ? tlc_render_locale_get(&loc, L->ctx->render, it->str)
					 : TLC_ENOTFOUND;
		if (err < 0) {
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL026", it->span,
						   "unknown locale '%s'", it->str);
			tlc_diag_set_fix(g, "use a locale ICU knows, like 'en_US', 'de_DE' or 'ja_JP'");
			L->errors++;
			continue;
		}
		s->locales[s->nlocales++] = tlc_arena_strdup(&L->ctx->arena, tlc_render_locale_name(loc));
	}
	if (n->n == 0) {
		tlc_diag_add(&L->ctx->diags, "TL014", n->span, "'locales' is empty; list at least one");
		L->errors++;
	}
}

/* A duration parameter's domain 'LO .. HI': two signed durations, LO <= HI. */
static int get_duration_domain(loader *L, const tlc_node *v, int64_t *lo, int64_t *hi)
{
	const char *dots = v->len >= 2 ? strstr(v->str, "..") : NULL;
	tlc_err e = {0};
	if (!dots) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL011", v->span,
					   "'%s' is not a duration domain; expected 'LO .. HI'", v->str);
		tlc_diag_set_fix(g, "write the range of values the parameter takes, like '5m .. 2h'");
		L->errors++;
		return -1;
	}
	size_t a0 = 0, a1 = (size_t)(dots - v->str), b0 = a1 + 2, b1 = v->len;
	while (a1 > a0 && v->str[a1 - 1] == ' ')
		a1--;
	while (b0 < b1 && v->str[b0] == ' ')
		b0++;
	if (tlc_duration_parse(lo, v->str + a0, a1 - a0, TLC_DURATION_SIGNED, &e) < 0 ||
	    tlc_duration_parse(hi, v->str + b0, b1 - b0, TLC_DURATION_SIGNED, &e) < 0) {
		err_at(L, "TL020", v, &e);
		return -1;
	}
	if (*lo > *hi) {
		tlc_diag_add(&L->ctx->diags, "TL020", v->span,
			     "the domain '%s' is empty: its low end is above its high end", v->str);
		L->errors++;
		return -1;
	}
	return 0;
}

/* `{type: events, fields: {name: text}}`: a list of events the app passes as JSON. The
 * default domain: 0 to 8 items, the first from now to 3 days on, each up to an hour long,
 * 0 to a day apart. */
static void load_list_param(loader *L, const tlc_node *v, tlc_sp_param *p)
{
	const tlc_node *f = tlc_node_get(v, "fields");
	p->type = TLC_PARAM_EVENTS;
	p->count_lo = 0, p->count_hi = 8, p->len_lo = 0, p->len_hi = 3600, p->gap_lo = 0;
	p->gap_hi = 86400;
	p->domain.kind = TLC_PARAM_DOMAIN_RELATIVE;
	p->domain.anchor.kind = TLC_TIME_EXPR_NOW;
	p->domain.lo = 0;
	p->domain.hi = 3 * 86400;
	if (!f)
		return;
	p->fields = alloc_n(L, f->n, sizeof *p->fields);
	p->field_int = alloc_n(L, f->n, sizeof *p->field_int);
	for (size_t k = 0; p->fields && p->field_int && k < f->n; k++) {
		const tlc_node *key = f->pairs[k].key;
		refuse_reserved(L, key, "field");
		if (!strcmp(key->str, "at") || !strcmp(key->str, "end")) {
			tlc_diag_add(&L->ctx->diags, "TL014", key->span,
				     "'%s' is an item's own key, not a field", key->str);
			L->errors++;
		}
		p->field_int[p->nfields] = !strcmp(f->pairs[k].value->str, "integer");
		p->fields[p->nfields++] = key->str;
	}
}

/* A range 'LO .. HI' of signed durations, or of counts when `count`. */
static int get_range(loader *L, const tlc_node *v, bool count, int64_t *lo, int64_t *hi)
{
	if (!count)
		return get_duration_domain(L, v, lo, hi);
	char *end = NULL;
	long long a = strtoll(v->str, &end, 10), b;
	while (end && *end == ' ')
		end++;
	if (!end || strncmp(end, "..", 2) != 0 || (b = strtoll(end + 2, &end, 10), *end) || a < 0 ||
	    a > b || b > TLC_MAX_EVENTS) {
		tlc_diag_add(&L->ctx->diags, "TL020", v->span,
			     "'%s' is not a count range like '0 .. 8' (0 to %d items)", v->str,
			     TLC_MAX_EVENTS);
		L->errors++;
		return -1;
	}
	*lo = a;
	*hi = b;
	return 0;
}

/* A list parameter's domain: `count`, `start` (an instant domain), `length` and `gap`. */
static int get_list_domain(loader *L, const tlc_node *v, tlc_sp_param *p)
{
	const tlc_node *x;
	tlc_err e = {0};
	int rc = 0;
	if ((x = tlc_node_get(v, "count")))
		rc |= get_range(L, x, true, &p->count_lo, &p->count_hi);
	if ((x = tlc_node_get(v, "length")))
		rc |= get_range(L, x, false, &p->len_lo, &p->len_hi);
	if ((x = tlc_node_get(v, "gap")))
		rc |= get_range(L, x, false, &p->gap_lo, &p->gap_hi);
	if ((x = tlc_node_get(v, "start")) && tlc_param_domain_parse(&p->domain, x->str, x->len, &e) < 0) {
		err_at(L, "TL020", x, &e);
		rc = -1;
	} else if (x && (p->domain.kind != TLC_PARAM_DOMAIN_RELATIVE ||
			 p->domain.anchor.kind != TLC_TIME_EXPR_NOW)) {
		tlc_diag_add(&L->ctx->diags, "TL011", x->span, "a list's start is a domain after or "
			     "before now, like '0s .. 3d after now'");
		L->errors++;
		rc = -1;
	}
	if (p->len_lo < 0) {
		tlc_diag_add(&L->ctx->diags, "TL020", tlc_node_get(v, "length")->span,
			     "an item's length is not negative");
		L->errors++;
		rc = -1;
	}
	return rc ? -1 : 0;
}

static void load_params(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "params"), *dom = tlc_node_get(root, "check-params");
	tlc_spec *s = L->spec;
	if (n && n->n > TLC_MAX_PARAMS) {
		tlc_diag_add(&L->ctx->diags, "TL003", n->span, "%zu parameters; a spec has at most %d",
			     n->n, TLC_MAX_PARAMS);
		L->errors++;
	}
	if (n) {
		s->params = alloc_n(L, n->n, sizeof *s->params);
		for (size_t i = 0; s->params && i < n->n; i++) {
			tlc_sp_param *p = &s->params[s->nparams++];
			p->name = n->pairs[i].key->str;
			p->node = n->pairs[i].key;
			refuse_reserved(L, p->node, "parameter");
			if (n->pairs[i].value->kind == TLC_NODE_MAP) {
				load_list_param(L, n->pairs[i].value, p);
				continue;
			}
			p->type = (tlc_param_type)enum_index(tlc_param_type_names, TLC_PARAM_TYPE_MAX,
							     n->pairs[i].value->str);
		}
	}
	for (size_t i = 0; dom && i < dom->n; i++) {
		const tlc_node *k = dom->pairs[i].key, *v = dom->pairs[i].value;
		tlc_sp_param *p = (tlc_sp_param *)find_param(s, k->str, k->len);
		tlc_err e = {0};
		if (!p) {
			tlc_diag_add(&L->ctx->diags, "TL018", k->span,
				     "check-params names '%s', which 'params' does not declare", k->str);
			L->errors++;
		} else if ((p->type == TLC_PARAM_EVENTS) != (v->kind == TLC_NODE_MAP)) {
			tlc_diag_add(&L->ctx->diags, "TL011", v->span,
				     "'%s' is %s: its domain is %s", k->str, tlc_param_type_names[p->type],
				     p->type == TLC_PARAM_EVENTS ? "a mapping like '{count: 0 .. 8, start: "
				     "0s .. 3d after now}'" : "a range, not a mapping");
			L->errors++;
		} else if (p->type == TLC_PARAM_EVENTS) {
			p->has_domain = get_list_domain(L, v, p) == 0;
		} else if (p->type == TLC_PARAM_DURATION) {
			p->has_domain = get_duration_domain(L, v, &p->dur_lo, &p->dur_hi) == 0;
		} else if (p->type != TLC_PARAM_INSTANT) {
			tlc_diag_add(&L->ctx->diags, "TL011", v->span,
				     "check-params domains are for instant and duration parameters; "
				     "'%s' is %s", k->str, tlc_param_type_names[p->type]);
			L->errors++;
		} else if (tlc_param_domain_parse(&p->domain, v->str, v->len, &e) < 0) {
			err_at(L, "TL020", v, &e);
		} else {
			p->has_domain = true;
		}
	}
}

static void load_suppress(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "suppress");
	tlc_spec *s = L->spec;
	if (!n)
		return;
	s->suppress = alloc_n(L, n->n, sizeof *s->suppress);
	for (size_t i = 0; s->suppress && i < n->n; i++) {
		tlc_sp_suppress *x = &s->suppress[s->nsuppress++];
		x->node = n->items[i];
		x->rule = tlc_node_get(n->items[i], "rule")->str;
		x->reason = tlc_node_get(n->items[i], "reason")->str;
	}
}

static void load_common(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "disambiguation");
	static const char *const names[] = {"compatible", "earlier", "later", "reject"};
	L->spec->disamb = n ? (tlc_disamb)enum_index(names, 4, n->str) : TLC_DISAMB_COMPATIBLE;
	L->spec->disamb_explicit = n != NULL;
	int64_t ios = TLC_IOS_DEFAULT;
	if ((n = tlc_node_get(root, "minimum-ios")))
		tlc_scalar_int(n, &ios); /* validated: an integer in the range of t_ios */
	L->spec->minimum_ios = (int)ios;
	load_zone(L, root);
	load_locales(L, root);
	load_params(L, root);
	load_suppress(L, root);
}

/* ---- widgets -------------------------------------------------------------------------------- */

/* `above: $lead` or `above: -$lead`: a duration parameter as the threshold. */
static int get_above_param(loader *L, const tlc_node *n, tlc_sp_phase *ph)
{
	size_t off = n->str[0] == '-' ? 2 : 1;
	const char *name = n->str + off;
	size_t len = n->len - off;
	tlc_span sp = tlc_node_subspan(L->src, n, off - 1, len + 1);
	const tlc_sp_param *p = find_param(L->spec, name, len);
	if (!p) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL018", sp,
					   "'$%.*s' is not a declared parameter", (int)len, name);
		tlc_diag_set_fix(g, "declare it: 'params: {%.*s: duration}'", (int)len, name);
		L->errors++;
		return -1;
	}
	if (p->type != TLC_PARAM_DURATION) {
		tlc_diag_add(&L->ctx->diags, "TL011", sp,
			     "parameter '$%s' is %s, but a threshold needs a duration", p->name,
			     tlc_param_type_names[p->type]);
		L->errors++;
		return -1;
	}
	((tlc_sp_param *)p)->used = true;
	ph->above_param = p->name;
	ph->above_sign = off == 2 ? -1 : 1;
	/* the one value the rules without a replay reason about: the domain's middle */
	int64_t mid = p->has_domain ? p->dur_lo + (p->dur_hi - p->dur_lo) / 2 : 60;
	ph->above = ph->above_sign * mid;
	return 0;
}

static void load_phases(loader *L, const tlc_node *n, tlc_sp_countdown *c)
{
	c->phases = alloc_n(L, n->n, sizeof *c->phases);
	if (!c->phases)
		return;
	if (n->n == 0) {
		tlc_diag_add(&L->ctx->diags, "TL014", n->span, "'show' is empty; a countdown needs at "
							    "least one phase");
		L->errors++;
	}
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *pn = n->items[i], *above = tlc_node_get(pn, "above");
		tlc_sp_phase *p = &c->phases[c->nphases++];
		p->node = pn;
		p->above_node = above;
		p->key_node = tlc_node_get(pn, "key");
		get_text(L, tlc_node_get(pn, "text"), &p->text);
		if (above && above->type == TLC_SCALAR_STR && !strcmp(above->str, "end")) {
			p->has_above = p->above_end = true;
			if (c->target_kind != TLC_TARGET_EVENTS) {
				tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", above->span,
							   "'above: end' is the end of an event item; this "
							   "countdown has no 'events'");
				tlc_diag_set_fix(g, "use a duration, like 'above: -30m'");
				L->errors++;
			}
		} else if (above && above->type == TLC_SCALAR_STR &&
		    (above->str[0] == '$' || (above->str[0] == '-' && above->len > 1 && above->str[1] == '$'))) {
			p->has_above = get_above_param(L, above, p) == 0;
		} else if (above) {
			p->has_above = get_duration(L, above, true, &p->above) == 0;
		} else if (i + 1 < n->n) {
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL013", pn->span,
						   "only the last phase may omit 'above'; phase %zu "
						   "would hide every phase after it", i + 1);
			tlc_diag_set_fix(g, "add 'above: <duration>' or move this phase to the end");
			L->errors++;
		}
	}
}

static void load_when_list(loader *L, const tlc_node *n, tlc_sp_when **out, size_t *nout)
{
	if (!n)
		return;
	*out = alloc_n(L, n->n, sizeof **out);
	for (size_t i = 0; *out && i < n->n; i++)
		if (get_when(L, n->items[i], &(*out)[*nout], false) == 0)
			(*nout)++;
}

/* The fields of an events list: the first item's keys besides `at` and `end`. */
static void load_event_fields(loader *L, const tlc_node *first, tlc_sp_countdown *c)
{
	c->fields = alloc_n(L, first->n, sizeof *c->fields);
	c->field_int = alloc_n(L, first->n, sizeof *c->field_int);
	if (!c->fields || !c->field_int)
		return;
	for (size_t k = 0; k < first->n; k++) {
		const tlc_node *key = first->pairs[k].key;
		if (!strcmp(key->str, "at") || !strcmp(key->str, "end") || !strcmp(key->str, "every") ||
		    !strcmp(key->str, "length"))
			continue;
		if (c->nfields == TLC_MAX_EVENT_FIELDS) {
			tlc_diag_add(&L->ctx->diags, "TL003", key->span,
				     "more than %d fields in an event (TLC_MAX_EVENT_FIELDS)",
				     TLC_MAX_EVENT_FIELDS);
			L->errors++;
			return;
		}
		refuse_reserved(L, key, "field");
		if (find_param(L->spec, key->str, key->len)) {
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", key->span,
						   "the field '%s' has the name of a parameter: '{%s}' "
						   "could mean either", key->str, key->str);
			tlc_diag_set_fix(g, "rename the field or the parameter");
			L->errors++;
		}
		c->field_int[c->nfields] = true;
		c->fields[c->nfields++] = key->str;
	}
}

/* One item: `at`, an optional `end` not before it, and a scalar for each field. */
static void load_item(loader *L, const tlc_node *n, tlc_sp_countdown *c, tlc_sp_item *e)
{
	e->node = n;
	e->values = alloc_n(L, c->nfields, sizeof *e->values);
	const tlc_node *every = tlc_node_get(n, "every"), *len = tlc_node_get(n, "length");
	if (every && (tlc_node_get(n, "at") || tlc_node_get(n, "end"))) {
		tlc_diag_add(&L->ctx->diags, "TL016", every->span, "a recurring event has 'every' "
			     "and 'length' instead of 'at' and 'end'");
		L->errors++;
	} else if (len && !every) {
		tlc_diag_add(&L->ctx->diags, "TL016", len->span, "'length' belongs to a recurring "
			     "event ('every'); this one has 'at' and 'end'");
		L->errors++;
	}
	if (every && (every->kind != TLC_NODE_SCALAR || every->type != TLC_SCALAR_STR)) {
		tlc_diag_add(&L->ctx->diags, "TL011", every->span,
			     "'every' expects a recurrence like 'mondays 09:10'");
		L->errors++;
	} else if (every) {
		e->every = every;
	}
	if (len && get_duration(L, len, false, &e->length) < 0)
		e->length = 0;
	if (!every && !tlc_node_get(n, "at")) { /* at its first byte: the span of the whole item
						   may carry a missing field too, below */
		tlc_diag_add(&L->ctx->diags, "TL013", tlc_span_make(n->span.file, n->span.start,
								    n->span.start + 1),
			     "an event needs 'at', its start");
		L->errors++;
	}
	for (size_t k = 0; k < n->n; k++) { /* every key is a field of the first item */
		const tlc_node *key = n->pairs[k].key, *val = n->pairs[k].value;
		if (!strcmp(key->str, "every") || !strcmp(key->str, "length"))
			continue; /* above */
		if (!strcmp(key->str, "at") || !strcmp(key->str, "end")) {
			if (val->kind != TLC_NODE_SCALAR || val->type != TLC_SCALAR_STR) {
				tlc_diag_add(&L->ctx->diags, "TL011", val->span,
					     "'%s' expects an instant like '2026-12-05 12:30'", key->str);
				L->errors++;
			} else if (get_when(L, val, key->str[0] == 'a' ? &e->at : &e->end, false) == 0 &&
				   (key->str[0] == 'a' ? &e->at : &e->end)->expr.kind != TLC_TIME_EXPR_LITERAL) {
				tlc_diag_add(&L->ctx->diags, "TL020", val->span,
					     "an event's '%s' is an instant written out, not a parameter "
					     "or 'now'", key->str);
				L->errors++;
			}
			continue;
		}
		size_t f = 0;
		while (f < c->nfields && strcmp(c->fields[f], key->str) != 0)
			f++;
		if (f == c->nfields) {
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL010", key->span,
						   "'%s' is not a field of the first event; every event "
						   "has the same fields", key->str);
			tlc_diag_set_related(g, c->items[0].node->span, "the first event");
			L->errors++;
			continue;
		}
		if (val->kind != TLC_NODE_SCALAR || val->type == TLC_SCALAR_NULL) {
			tlc_diag_add(&L->ctx->diags, "TL011", val->span,
				     "field '%s' expects a text or an integer", key->str);
			L->errors++;
			continue;
		}
		int64_t iv;
		if (val->type != TLC_SCALAR_INT || tlc_scalar_int(val, &iv) < 0)
			c->field_int[f] = false;
		if (e->values)
			e->values[f] = val->str;
	}
	size_t missing = 0, first = 0;
	for (size_t f = 0; e->values && f < c->nfields; f++)
		if (!e->values[f] && !missing++)
			first = f;
	if (missing) { /* one diagnostic per item: they would share its span */
		tlc_diag_add(&L->ctx->diags, "TL013", n->span,
			     "this event has no '%s'%s; every event has the fields of the first",
			     c->fields[first], missing > 1 ? " (and more fields)" : "");
		L->errors++;
	}
	if (e->at.set && e->end.set && e->at.expr.kind == TLC_TIME_EXPR_LITERAL &&
	    e->end.expr.kind == TLC_TIME_EXPR_LITERAL && e->at.local == e->end.local &&
	    e->end.at < e->at.at) {
		tlc_diag_add(&L->ctx->diags, "TL020", e->end.node->span,
			     "this event ends before it starts");
		L->errors++;
	}
}

/* `events: $sessions`: a list parameter; the fields are the parameter's. */
static void load_events_param(loader *L, const tlc_node *v, tlc_sp_countdown *c)
{
	const tlc_sp_param *p = v->len > 1 && v->str[0] == '$' ? find_param(L->spec, v->str + 1, v->len - 1)
								: NULL;
	if (!p) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, v->str[0] == '$' ? "TL018" : "TL011", v->span,
					   v->str[0] == '$' ? "'%s' is not a declared parameter"
					   : "'events' is a list of items or a list parameter like "
					   "'$sessions', not '%s'", v->str);
		tlc_diag_set_fix(g, "declare it: 'params: {%s: {type: events, fields: {name: text}}}'",
				 v->str[0] == '$' ? v->str + 1 : "sessions");
		L->errors++;
		return;
	}
	if (p->type != TLC_PARAM_EVENTS) {
		tlc_diag_add(&L->ctx->diags, "TL011", v->span,
			     "parameter '$%s' is %s, but 'events' needs a list parameter", p->name,
			     tlc_param_type_names[p->type]);
		L->errors++;
		return;
	}
	((tlc_sp_param *)p)->used = true;
	c->events_param = p->name;
	c->fields = p->fields;
	c->field_int = p->field_int;
	c->nfields = p->nfields;
}

static void load_events(loader *L, const tlc_node *v, tlc_sp_countdown *c)
{
	static const char *const recur_only[] = {"dtstart", "exdate", "rdate"};
	for (int k = 0; k < 3; k++) {
		const tlc_node *x = tlc_node_get(c->node, recur_only[k]);
		if (x) {
			tlc_diag_add(&L->ctx->diags, "TL016", x->span,
				     "'%s' belongs to recurrences, not to 'events'", recur_only[k]);
			L->errors++;
		}
	}
	if (v->kind == TLC_NODE_SCALAR) {
		load_events_param(L, v, c);
		return;
	}
	if (v->n == 0) {
		tlc_diag_add(&L->ctx->diags, "TL014", v->span, "'events' is empty; list at least one");
		L->errors++;
		return;
	}
	if (v->n > TLC_MAX_EVENTS) {
		tlc_diag_add(&L->ctx->diags, "TL003", v->span, "%zu events; a list has at most %d "
			     "(TLC_MAX_EVENTS)", v->n, TLC_MAX_EVENTS);
		L->errors++;
		return;
	}
	c->items = alloc_n(L, v->n, sizeof *c->items);
	if (!c->items)
		return;
	load_event_fields(L, v->items[0], c);
	for (size_t i = 0; i < v->n; i++) {
		c->items[c->nitems] = (tlc_sp_item){0};
		c->items[c->nitems].node = v->items[i];
		load_item(L, v->items[i], c, &c->items[c->nitems]);
		c->nitems++;
	}
}

static void load_countdown(loader *L, const tlc_node *n, tlc_sp_countdown *c, bool need_id)
{
	const tlc_node *v;
	c->node = n;
	if ((v = tlc_node_get(n, "id")))
		c->id = v->str;
	else if (need_id) {
		tlc_diag_add(&L->ctx->diags, "TL013", tlc_span_make(n->span.file, n->span.start, n->span.start),
			     "each of 'countdowns' needs an 'id'");
		L->errors++;
	}
	if ((v = tlc_node_get(n, "to"))) {
		c->target_kind = TLC_TARGET_TO;
		if (get_when(L, v, &c->target, false) < 0)
			suggest_every(L, v);
	} else if ((v = tlc_node_get(n, "since"))) {
		c->target_kind = TLC_TARGET_SINCE;
		get_when(L, v, &c->target, false);
	} else if ((v = tlc_node_get(n, "every"))) {
		c->target_kind = TLC_TARGET_EVERY;
		c->recur = v;
	} else if ((v = tlc_node_get(n, "events"))) {
		c->target_kind = TLC_TARGET_EVENTS;
		load_events(L, v, c);
	} else if ((v = tlc_node_get(n, "rrule"))) {
		c->target_kind = TLC_TARGET_RRULE;
		c->recur = v;
		if (!tlc_node_get(n, "dtstart")) {
			tlc_diag_add(&L->ctx->diags, "TL013", v->span, "'rrule' needs 'dtstart'");
			L->errors++;
		}
	}
	if ((v = tlc_node_get(n, "dtstart")))
		get_when(L, v, &c->dtstart, false);
	load_when_list(L, tlc_node_get(n, "exdate"), &c->exdate, &c->nexdate);
	load_when_list(L, tlc_node_get(n, "rdate"), &c->rdate, &c->nrdate);
	/* recurrences live on the event zone's wall clock: their dates are written out */
	const tlc_sp_when *lits[3] = {&c->dtstart, c->nexdate ? c->exdate : NULL,
				      c->nrdate ? c->rdate : NULL};
	for (int k = 0; k < 3; k++) {
		size_t cnt = k == 0 ? 1 : k == 1 ? c->nexdate : c->nrdate;
		for (size_t i = 0; lits[k] && i < cnt; i++)
			if (lits[k][i].set && lits[k][i].expr.kind != TLC_TIME_EXPR_LITERAL) {
				tlc_diag_add(&L->ctx->diags, "TL020", lits[k][i].node->span,
					     "%s takes a date-time written out, not a parameter or 'now'",
					     k == 0 ? "'dtstart'" : k == 1 ? "'exdate'" : "'rdate'");
				L->errors++;
			}
	}
	if ((v = tlc_node_get(n, "from")))
		get_when(L, v, &c->from, false);
	if ((v = tlc_node_get(n, "paused-at")))
		get_when(L, v, &c->paused_at, false);
	if ((v = tlc_node_get(n, "relevance"))) {
		const tlc_node *f;
		c->has_relevance = true;
		tlc_scalar_number(tlc_node_get(v, "score"), &c->relevance_score); /* validated */
		c->relevance_from = -7200;
		c->relevance_until = 1800;
		if ((f = tlc_node_get(v, "from")))
			get_duration(L, f, true, &c->relevance_from);
		if ((f = tlc_node_get(v, "until")))
			get_duration(L, f, true, &c->relevance_until);
	}
	if ((v = tlc_node_get(n, "stale"))) {
		c->has_stale = get_duration(L, tlc_node_get(v, "after"), false, &c->stale_after) == 0;
		get_text(L, tlc_node_get(v, "text"), &c->stale_text);
	}
	if ((v = tlc_node_get(n, "empty"))) {
		c->empty_node = v;
		c->has_empty = c->target_kind == TLC_TARGET_EVENTS;
		get_text(L, v, &c->empty_text);
		if (!c->has_empty) {
			tlc_diag_add(&L->ctx->diags, "TL016", v->span,
				     "'empty' is the text once no event item remains; this countdown "
				     "has no 'events'");
			L->errors++;
		}
	}
	load_phases(L, tlc_node_get(n, "show"), c);
}

static void load_reload(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "reload");
	static const char *const words[] = {"auto", "at-end", "never"};
	tlc_spec *s = L->spec;
	s->reload_node = n;
	if (!n)
		return;
	if (n->kind == TLC_NODE_SCALAR) {
		s->reload = (tlc_reload_kind)enum_index(words, 3, n->str);
		return;
	}
	s->reload = TLC_RELOAD_AFTER;
	get_when(L, tlc_node_get(n, "after"), &s->reload_after, true);
}

static void load_sources(loader *L, const tlc_node *root)
{
	const tlc_node *n = tlc_node_get(root, "refresh-sources");
	static const char *const words[] = {"app-open", "push", "app-intent", "widget-push"};
	tlc_spec *s = L->spec;
	if (!n)
		return;
	s->sources = alloc_n(L, n->n, sizeof *s->sources);
	for (size_t i = 0; s->sources && i < n->n; i++) {
		const tlc_node *it = n->items[i];
		tlc_sp_source *x = &s->sources[s->nsources++];
		x->node = it;
		if (it->kind == TLC_NODE_SCALAR) {
			x->kind = (tlc_source_kind)enum_index(words, 4, it->str);
		} else {
			const tlc_node *bg = tlc_node_get(it, "background-refresh");
			const tlc_node *ab = tlc_node_get(it, "app-background");
			x->kind = bg ? TLC_SOURCE_BACKGROUND_REFRESH : TLC_SOURCE_APP_BACKGROUND;
			if (get_duration(L, bg ? bg : ab, false, &x->interval) == 0 && !bg && x->interval < 60) {
				/* WidgetKit coalesces reloads closer than this; the replay asks at most
				   once a minute */
				tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL015", ab->span,
							   "the app asks for reloads at most once a minute "
							   "here, not every %s", ab->str);
				tlc_diag_set_fix(g, "write how often the app really asks, '1m' or more");
				L->errors++;
			}
		}
	}
}

static void check_unique_ids(loader *L)
{
	tlc_spec *s = L->spec;
	for (size_t i = 0; i < s->ncountdowns; i++)
		for (size_t j = 0; j < i; j++)
			if (s->countdowns[i].id && s->countdowns[j].id &&
			    strcmp(s->countdowns[i].id, s->countdowns[j].id) == 0) {
				const tlc_node *a = tlc_node_get(s->countdowns[i].node, "id");
				const tlc_node *b = tlc_node_get(s->countdowns[j].node, "id");
				tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", a->span,
							   "countdown id '%s' is used twice", a->str);
				tlc_diag_set_related(g, b->span, "first used here");
				L->errors++;
			}
}

static void load_widget(loader *L, const tlc_node *root)
{
	tlc_spec *s = L->spec;
	const tlc_node *n;
	s->kind = TLC_SPEC_WIDGET;
	s->name = tlc_node_get(root, "widget")->str;
	s->horizon = 7 * 86400;
	if ((n = tlc_node_get(root, "horizon")) && get_duration(L, n, false, &s->horizon) == 0 &&
	    s->horizon < 60) {
		tlc_diag_add(&L->ctx->diags, "TL015", n->span,
			     "'horizon' must be at least 1m: a timeline covers a span of time");
		L->errors++;
	}
	if ((n = tlc_node_get(root, "window"))) {
		tlc_window w;
		tlc_err e = {0};
		if (tlc_window_parse(&w, n->str, n->len, &e) < 0) {
			err_at(L, "TL020", n, &e);
		} else {
			s->has_window = true;
			s->window_start.expr.kind = TLC_TIME_EXPR_LITERAL;
			s->window_end.expr.kind = TLC_TIME_EXPR_LITERAL;
			s->window_start.expr.literal = w.start;
			s->window_end.expr.literal = w.end;
			s->window_start.set = s->window_end.set = true;
			s->window_start.node = s->window_end.node = n;
			if (resolve_literal(L, n, &s->window_start) == 0 &&
			    resolve_literal(L, n, &s->window_end) == 0 &&
			    s->window_end.at <= s->window_start.at) {
				tlc_span sp = tlc_node_subspan(L->src, n, w.end.offset, w.end.len);
				tlc_diag_add(&L->ctx->diags, "TL020", sp,
					     "the window ends before it starts");
				L->errors++;
			}
		}
	}
	load_reload(L, root);
	load_sources(L, root);
	if ((n = tlc_node_get(root, "countdown"))) {
		s->countdowns = alloc_n(L, 1, sizeof *s->countdowns);
		if (s->countdowns) {
			s->ncountdowns = 1;
			load_countdown(L, n, &s->countdowns[0], false);
		}
	} else if ((n = tlc_node_get(root, "countdowns"))) {
		s->countdowns = alloc_n(L, n->n, sizeof *s->countdowns);
		for (size_t i = 0; s->countdowns && i < n->n; i++)
			load_countdown(L, n->items[i], &s->countdowns[s->ncountdowns++], true);
		if (n->n == 0) {
			tlc_diag_add(&L->ctx->diags, "TL014", n->span, "'countdowns' is empty");
			L->errors++;
		} else if (n->n > TLC_MAX_COUNTDOWNS) {
			tlc_diag_add(&L->ctx->diags, "TL003", n->span,
				     "%zu countdowns; a widget has at most %d", n->n, TLC_MAX_COUNTDOWNS);
			L->errors++;
		}
		check_unique_ids(L);
	}
}

/* ---- Live Activities ------------------------------------------------------------------------ */

static const tlc_sp_field *find_field(const tlc_spec *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return &s->fields[i];
	return NULL;
}

/* '$' and a letter: how a state value names a parameter. Elsewhere in an activity (attributes,
 * alerts) such a value would reach the app as the literal '$courier': refused, not sent. A text
 * that should start with '$' is written with '$$' ('$$USD' is the text "$USD"). */
static bool looks_like_param(const tlc_node *v)
{
	return v->kind == TLC_NODE_SCALAR && v->type == TLC_SCALAR_STR && v->len >= 2 && v->str[0] == '$' &&
	       ((v->str[1] >= 'a' && v->str[1] <= 'z') || (v->str[1] >= 'A' && v->str[1] <= 'Z'));
}

const char *tlc_spec_literal(const char *s)
{
	return s[0] == '$' && s[1] == '$' ? s + 1 : s;
}

/* Which parameter types a field of each type takes: a date an instant, a string a text, an int
 * an integer, a double a number or an integer; no parameter type holds a bool. */
static bool field_takes(tlc_field_type f, tlc_param_type p)
{
	switch (f) {
	case TLC_FIELD_DATE: return p == TLC_PARAM_INSTANT;
	case TLC_FIELD_STRING: return p == TLC_PARAM_TEXT;
	case TLC_FIELD_INT: return p == TLC_PARAM_INTEGER;
	case TLC_FIELD_DOUBLE: return p == TLC_PARAM_NUMBER || p == TLC_PARAM_INTEGER;
	default: return false;
	}
}

/*
 * A value that is '$' and a letter in a string, int, double or bool field names a parameter
 * ('$courier'): the whole value, declared, of a type the field takes. A date field's value is an
 * instant expression (get_when) and names its parameter the same way.
 */
static void field_param(loader *L, const tlc_sp_field *f, const tlc_node *v, tlc_sp_assign *a)
{
	static const char *const field_types[] = {"a date", "a string", "an int", "a double", "a bool"};
	static const char *const wants[] = {"instant", "text", "integer", "number", "?"};
	const char *name = v->str + 1;
	size_t len = v->len - 1, k = 0;
	tlc_span sp = v->span;
	while (k < len && ((name[k] >= 'a' && name[k] <= 'z') || (name[k] >= '0' && name[k] <= '9') ||
			   name[k] == '_' || name[k] == '-'))
		k++;
	if (k != len || !(name[0] >= 'a' && name[0] <= 'z')) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", sp,
					   "'%s' is neither a parameter reference nor a value of field '%s': "
					   "a parameter is '$' and a lowercase name",
					   v->str, f->name);
		tlc_diag_set_fix(g, "name a declared parameter ('$courier'), or write '$%s' for the text itself",
			 v->str);
		L->errors++;
		return;
	}
	const tlc_sp_param *p = find_param(L->spec, name, len);
	if (!p) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL018", sp, "'$%s' is not a declared parameter", name);
		if (f->type != TLC_FIELD_BOOL)
			tlc_diag_set_fix(g, "declare it: 'params: {%s: %s}', or write '$%s' for the text "
					 "itself", name, wants[f->type], v->str);
		L->errors++;
		return;
	}
	((tlc_sp_param *)p)->used = true;
	if (!field_takes(f->type, p->type)) {
		tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL011", sp,
					   "parameter '$%s' is %s, but field '%s' is %s", p->name,
					   tlc_param_type_names[p->type], f->name, field_types[f->type]);
		if (f->type == TLC_FIELD_BOOL)
			tlc_diag_set_fix(g, "no parameter type holds a bool: write true or false");
		else
			tlc_diag_set_fix(g, "declare it as '%s: %s'", p->name, wants[f->type]);
		L->errors++;
		return;
	}
	a->param = p->name;
}

static void check_field_value(loader *L, const tlc_sp_field *f, const tlc_node *v, tlc_sp_assign *a)
{
	bool ok;
	if (f->type != TLC_FIELD_DATE && looks_like_param(v)) {
		field_param(L, f, v, a);
		return;
	}
	switch (f->type) {
	case TLC_FIELD_DATE:
		if (v->type != TLC_SCALAR_STR) {
			ok = false;
			break;
		}
		get_when(L, v, &a->when, false);
		return;
	case TLC_FIELD_STRING: ok = v->type == TLC_SCALAR_STR; break;
	case TLC_FIELD_INT:
		if ((ok = v->type == TLC_SCALAR_INT) &&
		    (tlc_scalar_int(v, &a->i) < 0 || a->i > TLC_LA_MAX_INT || a->i < -TLC_LA_MAX_INT)) {
			tlc_diag_add(&L->ctx->diags, "TL015", v->span,
				     "%s is out of range for field '%s': at most 2^53 either way, what a "
				     "message formats exactly", v->str, f->name);
			L->errors++;
			return;
		}
		break;
	case TLC_FIELD_DOUBLE:
		if ((ok = v->type == TLC_SCALAR_INT || v->type == TLC_SCALAR_FLOAT) &&
		    tlc_scalar_number(v, &a->d) < 0) {
			tlc_diag_add(&L->ctx->diags, "TL015", v->span,
				     "%s is not a finite number: field '%s' is a Swift Double the app "
				     "decodes from JSON, which has no infinity or NaN", v->str, f->name);
			L->errors++;
			return;
		}
		break;
	default: ok = v->type == TLC_SCALAR_BOOL; break;
	}
	if (!ok) {
		static const char *const want[] = {"an instant", "a string", "an integer", "a number",
						   "true or false"};
		tlc_diag_add(&L->ctx->diags, "TL011", v->span, "field '%s' expects %s, found %s",
			     f->name, want[f->type], tlc_node_kind_name(v));
		L->errors++;
	}
}

static void load_state(loader *L, const tlc_node *n, tlc_sp_assign **out, size_t *nout)
{
	if (!n)
		return;
	*out = alloc_n(L, n->n, sizeof **out);
	for (size_t i = 0; *out && i < n->n; i++) {
		const tlc_node *k = n->pairs[i].key;
		const tlc_sp_field *f = find_field(L->spec, k->str);
		tlc_sp_assign *a = &(*out)[(*nout)++];
		a->field = k->str;
		a->value = n->pairs[i].value;
		if (!f) {
			const char *cands[64];
			size_t nc = 0;
			for (size_t j = 0; j < L->spec->nfields && nc < 64; j++)
				cands[nc++] = L->spec->fields[j].name;
			tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL010", k->span,
						   "'%s' is not a field of 'content-state'", k->str);
			const char *s = tlc_suggest(k->str, k->len, cands, nc);
			if (s)
				tlc_diag_set_fix(g, "did you mean '%s'?", s);
			L->errors++;
			continue;
		}
		check_field_value(L, f, a->value, a);
	}
}

/* varies: names of fields this event's state sets, each once. */
static void load_varies(loader *L, const tlc_node *n, tlc_sp_event *ev)
{
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *it = n->items[i];
		size_t k = 0;
		while (k < ev->nstate && strcmp(ev->state[k].field, it->str) != 0)
			k++;
		int f = -1;
		for (size_t j = 0; j < L->spec->nfields; j++)
			if (strcmp(L->spec->fields[j].name, it->str) == 0)
				f = (int)j;
		if (k == ev->nstate || f < 0) {
			tlc_diag_add(&L->ctx->diags, "TL014", it->span,
				     "'%s' is not a field this update's 'state' sets: 'varies' names the "
				     "fields whose sent values differ", it->str);
			L->errors++;
		} else if (ev->varies & (UINT32_C(1) << f)) {
			tlc_diag_add(&L->ctx->diags, "TL014", it->span, "'%s' is listed twice", it->str);
			L->errors++;
		} else {
			ev->varies |= UINT32_C(1) << f;
		}
	}
}

static void refuse_param(loader *L, const tlc_node *v, const char *where)
{
	if (!looks_like_param(v))
		return;
	tlc_diag *g = tlc_diag_add(&L->ctx->diags, "TL014", v->span,
				   "'%s' in %s would reach the app as written: parameters are resolved "
				   "in times and content-state values only", v->str, where);
	if (strcmp(where, "an alert") == 0)
		tlc_diag_set_fix(g, "an alert is sent as written: write its text itself ('$%s' for a "
				 "text that starts with '$')", v->str);
	else
		tlc_diag_set_fix(g, "attributes are static: write the value itself ('$%s' for a text "
				 "that starts with '$'), or carry it in a content-state field", v->str);
	L->errors++;
}

static void load_alert(loader *L, const tlc_node *n, tlc_sp_event *ev)
{
	const tlc_node *v;
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		refuse_param(L, n->pairs[i].value, "an alert");
	ev->has_alert = true;
	if ((v = tlc_node_get(n, "title")))
		ev->alert.title = v->str;
	if ((v = tlc_node_get(n, "body")))
		ev->alert.body = v->str;
	if ((v = tlc_node_get(n, "sound")))
		ev->alert.sound = v->str;
}

static void load_dismissal(loader *L, const tlc_node *n, tlc_sp_event *ev)
{
	if (strcmp(n->str, "default") == 0) {
		ev->dismissal = TLC_DISMISS_DEFAULT;
	} else if (strcmp(n->str, "immediate") == 0) {
		ev->dismissal = TLC_DISMISS_IMMEDIATE;
	} else if (strncmp(n->str, "after ", 6) == 0) {
		tlc_err e = {0};
		ev->dismissal = TLC_DISMISS_AFTER;
		if (tlc_duration_parse(&ev->dismiss_after, n->str + 6, n->len - 6, 0, &e) < 0) {
			e.offset += 6;
			err_at(L, "TL020", n, &e);
		}
	} else {
		tlc_diag_add(&L->ctx->diags, "TL014", n->span,
			     "unknown dismissal '%s'; expected 'default', 'immediate' or 'after <duration>'",
			     n->str);
		L->errors++;
	}
}

static void load_event(loader *L, const tlc_node *n, tlc_la_event kind, tlc_sp_event *ev)
{
	const tlc_node *v;
	ev->event = kind;
	ev->node = n;
	ev->priority = 10;
	ev->via = kind == TLC_LA_START ? TLC_VIA_APP : TLC_VIA_PUSH;
	get_when(L, tlc_node_get(n, "at"), &ev->at, false);
	if ((v = tlc_node_get(n, "via")))
		ev->via = strcmp(v->str, "push") == 0	? TLC_VIA_PUSH
			  : strcmp(v->str, "app") == 0	? TLC_VIA_APP
			  : strcmp(v->str, "intent") == 0 ? TLC_VIA_INTENT
							  : TLC_VIA_PUSH_TO_START;
	if ((v = tlc_node_get(n, "priority"))) {
		int64_t pr = 0;
		tlc_scalar_int(v, &pr); /* validated: an integer from 5 to 10 */
		ev->priority = (int)pr;
		if (ev->priority != 5 && ev->priority != 10) {
			tlc_diag_add(&L->ctx->diags, "TL015", v->span,
				     "apns-priority is 5 or 10, not %d", ev->priority);
			L->errors++;
		}
	}
	if ((v = tlc_node_get(n, "every"))) {
		get_duration(L, v, false, &ev->every);
		const tlc_node *u = tlc_node_get(n, "until");
		if (!u) {
			tlc_diag_add(&L->ctx->diags, "TL013", v->span, "'every' needs 'until'");
			L->errors++;
		} else {
			get_when(L, u, &ev->until, false);
		}
		if (ev->via == TLC_VIA_INTENT) {
			tlc_diag_add(&L->ctx->diags, "TL016", v->span,
				     "an update 'via: intent' comes when the user acts: it does not repeat");
			L->errors++;
		}
		if (ev->every > 0 && ev->every < 60 && ev->via != TLC_VIA_APP) {
			tlc_diag_add(&L->ctx->diags, "TL015", v->span,
				     "a repeating push at least 1m apart (only the app's own updates, "
				     "'via: app', may repeat more often)");
			L->errors++;
		}
	}
	if ((v = tlc_node_get(n, "while"))) {
		ev->foreground = true; /* validated: the one value, 'foreground' */
		if (ev->via != TLC_VIA_APP) {
			const tlc_node *via = tlc_node_get(n, "via");
			tlc_diag_add(&L->ctx->diags, "TL016", v->span,
				     "'while: foreground' goes with 'via: app' (the app's own %s while the "
				     "user has it open), not 'via: %s'", kind == TLC_LA_END ? "end" : "update",
				     via ? via->str : "push");
			L->errors++;
		}
	}
	load_state(L, tlc_node_get(n, "state"), &ev->state, &ev->nstate);
	if ((v = tlc_node_get(n, "varies")))
		load_varies(L, v, ev);
	if ((v = tlc_node_get(n, "stale-after")))
		ev->has_stale_after = get_duration(L, v, false, &ev->stale_after) == 0;
	if ((v = tlc_node_get(n, "relevance-score"))) {
		ev->has_relevance = true;
		tlc_scalar_number(v, &ev->relevance); /* validated */
	}
	load_alert(L, tlc_node_get(n, "alert"), ev);
	if ((v = tlc_node_get(n, "dismissal")))
		load_dismissal(L, v, ev);
}

static void load_activity(loader *L, const tlc_node *root)
{
	static const char *const enc[] = {"deferred-to-date", "seconds-since-1970",
					  "milliseconds-since-1970", "iso8601"};
	tlc_spec *s = L->spec;
	const tlc_node *n;
	s->kind = TLC_SPEC_ACTIVITY;
	for (size_t i = 0; i < s->nparams; i++)
		if (s->params[i].type == TLC_PARAM_EVENTS) {
			tlc_diag_add(&L->ctx->diags, "TL011", s->params[i].node->span,
				     "a list parameter is for a widget's 'events:'; a Live Activity "
				     "spec cannot use '%s'", s->params[i].name);
			L->errors++;
		}
	s->name = tlc_node_get(root, "live-activity")->str;
	s->bundle_id = tlc_node_get(root, "bundle-id")->str;
	if ((n = tlc_node_get(root, "channel-id")))
		s->channel_id = n->str;
	if ((n = tlc_node_get(root, "background-modes"))) {
		/* the modes that keep the app running, not those iOS runs when it decides */
		static const char *const running[] = {"audio", "location", "bluetooth-central",
						      "bluetooth-peripheral", "external-accessory"};
		s->background_modes = n;
		for (size_t i = 0; i < n->n && !s->runs_in_background; i++)
			if (enum_index(running, 5, n->items[i]->str) >= 0)
				s->runs_in_background = n->items[i];
	}
	if ((n = tlc_node_get(root, "frequent-updates")))
		s->frequent_updates = n->str[0] == 't' || n->str[0] == 'T';
	if ((n = tlc_node_get(root, "date-encoding")))
		s->date_encoding = (tlc_date_encoding)enum_index(enc, 4, n->str);
	n = tlc_node_get(root, "content-state");
	if (n->n > TLC_LA_MAX_FIELDS) {
		tlc_diag_add(&L->ctx->diags, "TL003", n->span, "%zu content-state fields; a Live "
			     "Activity has at most %d", n->n, TLC_LA_MAX_FIELDS);
		L->errors++;
		return;
	}
	s->fields = alloc_n(L, n->n, sizeof *s->fields);
	for (size_t i = 0; s->fields && i < n->n; i++) {
		tlc_sp_field *f = &s->fields[s->nfields++];
		static const char *const types[] = {"date", "string", "int", "double", "bool"};
		f->name = n->pairs[i].key->str;
		f->node = n->pairs[i].key;
		refuse_reserved(L, f->node, "content-state field");
		/* date-since: a Date like any other, that the views count up from on purpose */
		f->since = strcmp(n->pairs[i].value->str, "date-since") == 0;
		f->type = f->since ? TLC_FIELD_DATE
				   : (tlc_field_type)enum_index(types, 5, n->pairs[i].value->str);
	}
	if ((n = tlc_node_get(root, "attributes"))) {
		s->attributes = alloc_n(L, n->n, sizeof *s->attributes);
		for (size_t i = 0; s->attributes && i < n->n; i++) {
			const tlc_node *v = n->pairs[i].value;
			double d;
			s->attributes[s->nattributes].field = n->pairs[i].key->str;
			s->attributes[s->nattributes++].value = v;
			refuse_param(L, v, "the attributes");
			int64_t iv;
			if (v->type == TLC_SCALAR_INT && tlc_scalar_int(v, &iv) < 0) {
				tlc_diag_add(&L->ctx->diags, "TL015", v->span,
					     "%s is out of range: an integer attribute is at most 64 bits", v->str);
				L->errors++;
			} else if (v->type == TLC_SCALAR_FLOAT && tlc_scalar_number(v, &d) < 0) {
				tlc_diag_add(&L->ctx->diags, "TL015", v->span,
					     "%s is not a finite number: attributes reach the app as JSON, "
					     "which has no infinity or NaN", v->str);
				L->errors++;
			}
		}
	}
	n = tlc_node_get(root, "view");
	for (size_t i = 0; i < n->n; i++) {
		int p = enum_index(tlc_presentation_names, TLC_LA_PRESENTATIONS, n->pairs[i].key->str);
		if (p >= 0) {
			s->views[p] = n->pairs[i].value->str;
			s->view_nodes[p] = n->pairs[i].value;
		}
	}
	const tlc_node *ups = tlc_node_get(root, "updates"), *end = tlc_node_get(root, "end");
	size_t total = 1 + (ups ? ups->n : 0) + (end ? 1 : 0);
	s->events = alloc_n(L, total, sizeof *s->events);
	if (!s->events)
		return;
	load_event(L, tlc_node_get(root, "start"), TLC_LA_START, &s->events[s->nevents++]);
	for (size_t i = 0; ups && i < ups->n; i++)
		load_event(L, ups->items[i], TLC_LA_UPDATE, &s->events[s->nevents++]);
	if (end)
		load_event(L, end, TLC_LA_END, &s->events[s->nevents++]);
	/* the views' templates, read here so that every command refuses the same ones (TL025) */
	const char *args[TLC_LA_MAX_FIELDS], *dates[TLC_LA_MAX_FIELDS];
	bool arg_int[TLC_LA_MAX_FIELDS];
	tlc_tmpl_env env;
	tlc_tmpl t;
	tlc_spec_activity_env(s, &env, args, dates, arg_int);
	for (int p = 0; p < TLC_LA_PRESENTATIONS; p++)
		if (s->view_nodes[p] && tlc_template_split(L->ctx, s->view_nodes[p], &env, &t) < 0)
			L->errors++;
	for (size_t i = 0; i < s->nparams; i++)
		if (!s->params[i].used)
			tlc_spec_unused_param(L->ctx, &s->params[i]);
}

void tlc_spec_activity_env(const tlc_spec *s, tlc_tmpl_env *env, const char **args, const char **dates,
			   bool *arg_int)
{
	memset(env, 0, sizeof *env);
	for (size_t f = 0; f < s->nfields && f < TLC_LA_MAX_FIELDS; f++)
		if (s->fields[f].type == TLC_FIELD_DATE) {
			dates[env->ndates++] = s->fields[f].name;
		} else {
			arg_int[env->nargs] = s->fields[f].type == TLC_FIELD_INT; /* as activity.c passes them */
			args[env->nargs++] = s->fields[f].name;
		}
	env->args = args;
	env->dates = dates;
	env->activity = true;
	env->arg_int = arg_int;
	env->minimum_ios = s->minimum_ios;
}

void tlc_spec_unused_param(tlc_ctx *ctx, const tlc_sp_param *p)
{
	tlc_diag *g = tlc_diag_add(&ctx->diags, "TL019", p->node->span,
				   "parameter '%s' is declared but nothing uses it: its value would "
				   "change nothing", p->name);
	if (p->type == TLC_PARAM_INSTANT)
		tlc_diag_set_fix(g, "use it ('$%s' in a time or a date field), or remove it", p->name);
	else
		tlc_diag_set_fix(g, "use it ('{%s}' in a widget's text, '$%s' as a Live Activity's "
				 "state value), or remove it", p->name, p->name);
}

/* ---- entry points --------------------------------------------------------------------------- */

static const tlc_type *pick_type(tlc_ctx *ctx, const tlc_node *root)
{
	const tlc_node *w = tlc_node_get(root, "widget"), *a = tlc_node_get(root, "live-activity");
	if (w && a) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL016", a->span,
					   "a spec is a widget or a Live Activity, not both");
		tlc_diag_set_related(g, w->span, "'widget' given here");
		return NULL;
	}
	if (!w && !a) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL013",
					   tlc_span_make(root->span.file, root->span.start, root->span.start),
					   "a spec needs 'widget: <kind>' or 'live-activity: <type>'");
		tlc_diag_set_fix(g, "start the file with 'timelinec: 1' and 'widget: MyWidget'");
		return NULL;
	}
	return w ? &tlc_type_widget_spec : &tlc_type_activity_spec;
}

int tlc_spec_load(tlc_ctx *ctx, uint32_t file, tlc_spec **out)
{
	tlc_node *root = NULL;
	int err = tlc_parse_any(ctx, file, &root);
	if (err < 0)
		return err;
	const tlc_source *src = tlc_sources_get(&ctx->sources, file);
	if (!root || (root->kind == TLC_NODE_SCALAR && root->type == TLC_SCALAR_NULL)) {
		tlc_diag_add(&ctx->diags, "TL004", tlc_span_make(file, 0, 0),
			     "the file holds no spec (it is empty or only comments)");
		return TLC_EINPUT;
	}
	if (root->kind != TLC_NODE_MAP) {
		tlc_diag_add(&ctx->diags, "TL004", root->span,
			     "a spec is a mapping of keys at the top level, not %s",
			     tlc_node_kind_name(root));
		return TLC_EINPUT;
	}
	const tlc_node *compiled = NULL; /* the key of a program's or timeline's header */
	for (size_t i = 0; i < root->n && !compiled; i++)
		if (!strcmp(root->pairs[i].key->str, "timelinec-program") ||
		    !strcmp(root->pairs[i].key->str, "timelinec-timeline"))
			compiled = root->pairs[i].key;
	if (compiled) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL004", compiled->span,
					   "this is a compiled %s, not a spec",
					   strcmp(compiled->str, "timelinec-program") ? "timeline" : "program");
		tlc_diag_set_fix(g, "check and compile read the spec it came from; 'compile "
				    "--timeline' instantiates a program, 'render' reads a timeline");
		return TLC_EINPUT;
	}
	const tlc_type *t = pick_type(ctx, root);
	if (!t)
		return TLC_EINPUT;
	if ((err = tlc_validate(ctx, root, t)) < 0)
		return err;
	loader L = {ctx, NULL, src, 0};
	L.spec = tlc_arena_alloc(&ctx->arena, sizeof *L.spec);
	if (!L.spec)
		return TLC_ENOMEM;
	L.spec->file = file;
	L.spec->root = root;
	load_common(&L, root);
	if (t == &tlc_type_widget_spec)
		load_widget(&L, root);
	else
		load_activity(&L, root);
	if (ctx->diags.oom)
		return TLC_ENOMEM;
	if (L.errors)
		return TLC_EINPUT;
	*out = L.spec;
	return 0;
}

int tlc_spec_load_file(tlc_ctx *ctx, const char *path, tlc_spec **out)
{
	uint32_t file;
	int err = tlc_input_read(ctx, path, &file);
	if (err < 0)
		return err;
	return tlc_spec_load(ctx, file, out);
}
