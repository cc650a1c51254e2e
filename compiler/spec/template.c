/*
 * template.c — text templates -> runs; see template.h. Apostrophe quoting follows ICU's
 * default (DOUBLE_OPTIONAL): '' is one apostrophe, and an apostrophe before '{' or '}' starts
 * a quoted literal that runs to the next single apostrophe.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec/style.h"
#include "spec/template.h"
#include "spec/validate.h"
#include "timelinec/render.h"

static const char *const live_names[] = {"timer", "countdown", "relative", "offset",
					 "date", "time", "progress", "date-offset",
					 "countdown-timer", "stopwatch", "date-reference"};
static const tlc_run_kind live_kinds[] = {TLC_RUN_TIMER, TLC_RUN_COUNTDOWN, TLC_RUN_RELATIVE,
					  TLC_RUN_OFFSET, TLC_RUN_DATE, TLC_RUN_TIME,
					  TLC_RUN_PROGRESS, TLC_RUN_DATE_OFFSET,
					  TLC_RUN_COUNTDOWN_TIMER, TLC_RUN_STOPWATCH,
					  TLC_RUN_DATE_REFERENCE};
#define NLIVE (sizeof live_names / sizeof live_names[0])

typedef struct tsplit {
	tlc_ctx *ctx;
	const tlc_node *n;
	const tlc_source *src;
	const tlc_tmpl_env *env;
	tlc_tmpl_run runs[64];
	size_t nruns;
	int errors;
} tsplit;

static int live_index(const char *s, size_t n)
{
	for (size_t i = 0; i < NLIVE; i++)
		if (strlen(live_names[i]) == n && memcmp(live_names[i], s, n) == 0)
			return (int)i;
	return -1;
}

static int unit_index(const char *s, size_t n)
{
	for (int u = 0; u < TLC_UNIT_COUNT; u++) {
		const char *name = tlc_unit_name(1u << u);
		if (strlen(name) == n && memcmp(name, s, n) == 0)
			return u;
	}
	return -1;
}

bool tlc_template_reserved(const char *name, size_t len)
{
	return live_index(name, len) >= 0 || unit_index(name, len) >= 0;
}

static bool is_date_field(const tlc_tmpl_env *env, const char *s, size_t n)
{
	for (size_t d = 0; d < env->ndates; d++)
		if (strlen(env->dates[d]) == n && memcmp(env->dates[d], s, n) == 0)
			return true;
	return false;
}

#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static tlc_diag *terr(tsplit *t, size_t off, size_t len, const char *fmt, ...)
{
	tlc_span sp = tlc_node_subspan(t->src, t->n, off, len ? len : 1);
	va_list ap;
	va_start(ap, fmt);
	t->errors++;
	tlc_diag *g = tlc_diag_vadd(&t->ctx->diags, "TL025", sp, fmt, ap);
	va_end(ap);
	return g;
}

/* Skips a quoted literal starting at s[i] == '\''; returns the index after it. */
static size_t skip_quote(const char *s, size_t n, size_t i)
{
	if (i + 1 < n && s[i + 1] == '\'')
		return i + 2;
	if (i + 1 < n && (s[i + 1] == '{' || s[i + 1] == '}' || s[i + 1] == '|' || s[i + 1] == '#')) {
		for (i += 1; i < n; i++) {
			if (s[i] == '\'' && i + 1 < n && s[i + 1] == '\'')
				i++;
			else if (s[i] == '\'')
				return i + 1;
		}
		return n;
	}
	return i + 1;
}

/* The index of the '}' closing the argument opened at s[i] == '{', or n if unclosed. */
static size_t match_brace(const char *s, size_t n, size_t i)
{
	int depth = 0;
	while (i < n) {
		if (s[i] == '\'') {
			i = skip_quote(s, n, i);
			continue;
		}
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0)
			return i;
		i++;
	}
	return n;
}

/* Literal text with quoting resolved. */
static char *unquote(tlc_arena *a, const char *s, size_t n)
{
	char *out = tlc_arena_alloc(a, n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		if (s[i] != '\'') {
			*o++ = s[i++];
			continue;
		}
		if (i + 1 < n && s[i + 1] == '\'') {
			*o++ = '\'';
			i += 2;
		} else if (i + 1 < n && strchr("{}|#", s[i + 1])) {
			for (i++; i < n; i++) {
				if (s[i] == '\'' && i + 1 < n && s[i + 1] == '\'') {
					*o++ = '\'';
					i++;
				} else if (s[i] == '\'') {
					i++;
					break;
				} else {
					*o++ = s[i];
				}
			}
		} else {
			*o++ = s[i++];
		}
	}
	*o = 0;
	return out;
}

static tlc_tmpl_run *new_run(tsplit *t, tlc_run_kind kind, size_t off, size_t len)
{
	if (t->nruns == sizeof t->runs / sizeof t->runs[0]) {
		terr(t, off, len, "a template may have at most 64 runs");
		return NULL;
	}
	tlc_tmpl_run *r = &t->runs[t->nruns++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->off = off;
	r->len = len;
	r->span = tlc_node_subspan(t->src, t->n, off, len);
	return r;
}

static bool known_arg(const tlc_tmpl_env *env, const char *s, size_t n, const char **name_out)
{
	for (size_t i = 0; i < env->nargs; i++)
		if (strlen(env->args[i]) == n && memcmp(env->args[i], s, n) == 0) {
			*name_out = env->args[i];
			return true;
		}
	return false;
}

static void unknown_name(tsplit *t, size_t off, const char *s, size_t n)
{
	const char *cands[64];
	size_t nc = 0;
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)(n < 60 ? n : 60), s);
	for (int u = 0; u < TLC_UNIT_COUNT; u++)
		cands[nc++] = tlc_unit_name(1u << u);
	for (size_t i = 0; i < NLIVE; i++)
		cands[nc++] = live_names[i];
	for (size_t i = 0; i < t->env->nargs && nc < 64; i++)
		cands[nc++] = t->env->args[i];
	for (size_t i = 0; i < t->env->nabsent; i++)
		if (strlen(t->env->absent[i]) == n && memcmp(t->env->absent[i], s, n) == 0) {
			tlc_diag *g = terr(t, off, n, "'{%s}' is a field of the items, and the 'empty' "
					   "text shows once no item remains: it has no item to read", name);
			tlc_diag_set_fix(g, "say it without the item's fields (\"No more sessions\"), "
					 "or show the last item in a phase of its own");
			return;
		}
	const char *sug = tlc_suggest(s, n, cands, nc);
	tlc_diag *g = terr(t, off, n, "unknown placeholder '{%s}'%s", name,
			   t->env->activity ? " (not a content-state field)" : "");
	if (sug)
		tlc_diag_set_fix(g, "did you mean '{%s}'?", sug);
	else if (t->env->activity)
		tlc_diag_set_fix(g, "use a content-state field (a date field through a self-updating "
				    "style: '{countdown eta}', '{timer eta}', '{relative eta}', "
				    "'{date eta}', '{time eta}')");
	else
		tlc_diag_set_fix(g, "use a time unit ({days}, {hours}, {minutes}, {seconds}, "
				    "{total-hours}, {total-minutes}, {calendar-days}), a self-updating "
				    "style ({timer}, {relative}, ...) or a declared parameter");
}

/*
 * ICU's own verdict on a message: it is opened and formatted once (en_US, every integer argument
 * 1, every string "x") so that what ICU refuses when the text is baked or rendered (a skeleton
 * it does not know, '::currency/ZZZZ', '::measure-unit/foo-bar') is a TL025 here, where `check`
 * sees it, at the place ICU names.
 */
static void icu_verdict(tsplit *t, size_t off, const char *s, size_t len, const tlc_msg_use *uses,
			size_t nuses)
{
	tlc_render_locale *loc;
	tlc_msg_arg args[TLC_MSG_MAX_NUM_ARGS + TLC_MSG_MAX_STR_ARGS];
	size_t nargs = 0;
	tlc_err e = {0};
	if (!t->ctx->render || tlc_render_locale_get(&loc, t->ctx->render, "en_US") < 0)
		return;
	/* each argument with the type it has when the text is shown: units and integer
	 * parameters or fields are integers, every other parameter or field a string (display.c,
	 * activity.c), so a number style on a text parameter fails here, not at instantiation */
	for (size_t i = 0; i < nuses; i++) {
		const char *nm = s + uses[i].name_off;
		size_t nl = uses[i].name_len, k = 0;
		while (k < nargs && !(strlen(args[k].name) == nl && memcmp(args[k].name, nm, nl) == 0))
			k++;
		if (k < nargs)
			continue;
		if (nargs == sizeof args / sizeof *args)
			return; /* the scan has refused more arguments than ICU takes */
		char *name = tlc_arena_strndup(&t->ctx->arena, nm, nl);
		if (!name)
			return;
		bool integer = !t->env->activity && unit_index(nm, nl) >= 0;
		for (size_t a = 0; a < t->env->nargs; a++)
			if (strlen(t->env->args[a]) == nl && memcmp(t->env->args[a], nm, nl) == 0)
				integer = t->env->arg_int && t->env->arg_int[a];
		args[nargs++] = integer ? (tlc_msg_arg){name, TLC_MSG_ARG_INT, 1, NULL}
					: (tlc_msg_arg){name, TLC_MSG_ARG_STRING, 0, "x"};
	}
	tlc_buf out = TLC_BUF_INIT;
	int err = tlc_render_msg(&out, &e, loc, s, len, args, nargs);
	if (err == TLC_EINPUT && e.len == len) {
		/* ICU named no place (a number skeleton, a currency): try each argument alone */
		for (size_t i = 0; i < nuses; i++) {
			tlc_err e1 = {0};
			if (uses[i].depth || uses[i].kind != TLC_MSG_KIND_SIMPLE)
				continue;
			tlc_buf_clear(&out);
			if (tlc_render_msg(&out, &e1, loc, s + uses[i].off, uses[i].len, args, nargs) ==
			    TLC_EINPUT) {
				tlc_buf_release(&out);
				terr(t, off + uses[i].off, uses[i].len, "ICU refuses the format of "
				     "'%.*s': %s", (int)uses[i].len, s + uses[i].off,
				     strstr(e1.msg, "SKELETON") ? "not a number skeleton it knows (a "
				     "stem or option misspelt, an unknown currency code or unit)" : e1.msg);
				return;
			}
		}
	}
	tlc_buf_release(&out);
	if (err == TLC_EINPUT)
		terr(t, off + (e.offset < len ? e.offset : 0), e.len ? e.len : len, "%s", e.msg);
	else if (err == TLC_ERANGE) { /* a text that formats to more than TLC_MSG_MAX_TEXT */
		tlc_diag_add(&t->ctx->diags, "TL003", tlc_node_subspan(t->src, t->n, off, len),
			     "%s, with every argument 1", e.msg);
		t->errors++;
	}
}

/* Checks a message segment with ICU's parser and records its arguments. */
static void message_run(tsplit *t, size_t off, size_t len)
{
	const char *s = t->n->str + off;
	tlc_msg_use *uses = NULL;
	size_t nuses = 0;
	tlc_err e = {0};
	if (tlc_render_msg_scan(&uses, &nuses, &e, NULL, s, len) < 0) {
		terr(t, off + e.offset, e.len, "%s", e.msg);
		return;
	}
	tlc_tmpl_run *r = new_run(t, TLC_RUN_MESSAGE, off, len);
	if (r && (r->text = tlc_arena_strndup(&t->ctx->arena, s, len)) &&
	    (r->names = tlc_arena_alloc(&t->ctx->arena, (nuses ? nuses : 1) * sizeof *r->names))) {
		for (size_t i = 0; i < nuses; i++) {
			const char *nm = s + uses[i].name_off;
			size_t nl = uses[i].name_len;
			int u = unit_index(nm, nl);
			const char *arg;
			if (live_index(nm, nl) >= 0)
				terr(t, off + uses[i].off, uses[i].len,
				     "self-updating '{%.*s}' cannot stand inside a plural or select "
				     "branch: the device renders it, the branch is baked",
				     (int)nl, nm);
			else if (t->env->activity && known_arg(t->env, nm, nl, &arg))
				r->names[r->nnames++] = arg; /* a field named like a unit: TL014 at its key */
			else if (t->env->activity && is_date_field(t->env, nm, nl))
				terr(t, off + uses[i].name_off, nl,
				     "'%.*s' is a date field: a text shows a date through a "
				     "self-updating style, like '{countdown %.*s}', '{timer %.*s}', "
				     "'{relative %.*s}', '{date %.*s}' or '{time %.*s}'", (int)nl, nm,
				     (int)nl, nm, (int)nl, nm, (int)nl, nm, (int)nl, nm, (int)nl, nm);
			else if (t->env->activity && u >= 0)
				terr(t, off + uses[i].name_off, nl,
				     "'{%.*s}' is a widget's time unit, counted to its countdown's "
				     "target: a Live Activity has none; its texts read content-state "
				     "fields ('{countdown eta}' counts down to a date field)", (int)nl, nm);
			else if (u >= 0)
				r->units |= 1u << u;
			else if (known_arg(t->env, nm, nl, &arg))
				r->names[r->nnames++] = arg;
			else
				unknown_name(t, off + uses[i].name_off, nm, nl);
		}
		if (t->errors == 0)
			icu_verdict(t, off, s, len, uses, nuses);
	}
	free(uses);
}

static void flush(tsplit *t, size_t from, size_t to, bool has_args)
{
	if (to <= from)
		return;
	if (has_args) {
		message_run(t, from, to - from);
		return;
	}
	tlc_tmpl_run *r = new_run(t, TLC_RUN_TEXT, from, to - from);
	if (r)
		r->text = unquote(&t->ctx->arena, t->n->str + from, to - from);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/*
 * An iOS 18 style s[i..j] (braces included): its options from s[k] (after the name and any date
 * field) up to the closing brace (TL032), and the spec's minimum-ios (TL033).
 */
static void style_run(tsplit *t, tlc_tmpl_run *r, size_t i, size_t j, size_t k)
{
	tlc_style_err e;
	const char *s = t->n->str;
	if (tlc_style_parse_kind(&r->style, r->kind, s + k, j - k, &e) < 0) {
		tlc_diag *g = tlc_diag_add(&t->ctx->diags, "TL032",
					   tlc_node_subspan(t->src, t->n, k + e.off, e.len), "%s", e.msg);
		if (tlc_run_is_clock_style(r->kind))
			tlc_diag_set_fix(g, "write the options as ', hours: false, max: 2, precision: "
					    "%s' (docs/spec.md, \"Placeholders\")",
					 r->kind == TLC_RUN_STOPWATCH ? "hundredths" : "minutes");
		else if (r->kind == TLC_RUN_DATE_REFERENCE)
			tlc_diag_set_fix(g, "write the options as ', fields: day hour minute, max: 2, "
					    "threshold: day' (docs/spec.md, \"Placeholders\")");
		else
			tlc_diag_set_fix(g, "write the options as ', fields: day hour minute, max: 2, "
					    "sign: never' (docs/spec.md, \"Placeholders\")");
		t->errors++;
	}
	if (t->env->minimum_ios && t->env->minimum_ios < TLC_IOS_FORMAT_STYLES) {
		tlc_diag *g = tlc_diag_add(&t->ctx->diags, "TL033",
					   tlc_node_subspan(t->src, t->n, i, j + 1 - i),
					   "'{%s}' is an iOS %d text style, and the spec supports iOS %d "
					   "('minimum-ios: %d')", tlc_run_kind_name(r->kind),
					   TLC_IOS_FORMAT_STYLES, t->env->minimum_ios, t->env->minimum_ios);
		tlc_diag_set_fix(g, "set 'minimum-ios: %d' when the app supports iOS %d and later; "
				 "otherwise use %s", TLC_IOS_FORMAT_STYLES, TLC_IOS_FORMAT_STYLES,
				 r->kind == TLC_RUN_COUNTDOWN_TIMER ? "'{countdown}' (Text(timerInterval:))"
				 : r->kind == TLC_RUN_STOPWATCH ? "'{timer}' counting up from the date "
								  "('since:' or a date-since field)"
				 : "'{relative}' or a day phase with '{timer}'");
		t->errors++;
	}
}

/* A top-level argument s[i..j] (braces included) that names a self-updating style. */
static void live_run(tsplit *t, size_t i, size_t j, int li, size_t name_end)
{
	const char *s = t->n->str;
	size_t k = name_end;
	bool styled = tlc_run_is_ios18(live_kinds[li]);
	while (k < j && is_space(s[k]))
		k++;
	tlc_tmpl_run *r = new_run(t, live_kinds[li], i, j + 1 - i);
	if (!r)
		return;
	if (styled)
		r->style = tlc_style_default(r->kind);
	if (styled && !t->env->activity && (k == j || s[k] == ',')) {
		style_run(t, r, i, j, k); /* a widget's: options right after the name */
		return;
	}
	if (styled && s[k] == ',') {
		terr(t, k, 1, "'{%s}' needs a date field in a Live Activity before its options, "
			      "like '{%s eta, %s}'", live_names[li], live_names[li],
		     tlc_run_is_clock_style(live_kinds[li]) ? "max: 2"
		     : live_kinds[li] == TLC_RUN_DATE_REFERENCE ? "threshold: hour" : "fields: day hour");
		return;
	}
	if (s[k] == ',') {
		terr(t, k, 1, "'{%s}' takes no format: the device formats it", live_names[li]);
		return;
	}
	if (k == j) {
		if (t->env->activity)
			terr(t, i, j + 1 - i, "'{%s}' needs a date field in a Live Activity, like "
					       "'{%s eta}'", live_names[li], live_names[li]);
		return;
	}
	size_t fe = k;
	while (fe < j && !is_space(s[fe]) && !(styled && s[fe] == ','))
		fe++;
	for (size_t d = 0; d < t->env->ndates; d++)
		if (strlen(t->env->dates[d]) == fe - k && memcmp(t->env->dates[d], s + k, fe - k) == 0) {
			r->field = t->env->dates[d];
			if (styled)
				style_run(t, r, i, j, fe);
			return;
		}
	if (!t->env->activity && fe - k == 3 && memcmp(s + k, "end", 3) == 0 && t->env->item_end) {
		r->to_end = true; /* the event item's end */
		if (styled)
			style_run(t, r, i, j, fe); /* its options after 'end' */
		return;
	}
	if (t->env->activity)
		terr(t, k, fe - k, "'%.*s' is not a date field of 'content-state'", (int)(fe - k), s + k);
	else if (fe - k == 3 && memcmp(s + k, "end", 3) == 0)
		terr(t, k, fe - k, "'{%s end}' counts to an event item's end: it stands in a phase "
				   "of an 'events:' countdown", live_names[li]);
	else
		terr(t, k, fe - k, "'{%s ...}' takes no field in a widget: it counts to the "
				   "countdown's target%s", live_names[li],
		     t->env->item_end ? ", or to the item's end with 'end'" : "");
}

int tlc_template_split(tlc_ctx *ctx, const tlc_node *n, const tlc_tmpl_env *env, tlc_tmpl *out)
{
	tsplit t = {ctx, n, tlc_sources_get(&ctx->sources, n->span.file), env, {{0}}, 0, 0};
	const char *s = n->str;
	size_t len = n->len, seg = 0, i = 0;
	bool args = false;
	while (i < len) {
		if (s[i] == '\'') {
			i = skip_quote(s, len, i);
		} else if (s[i] == '}') {
			terr(&t, i, 1, "unmatched '}'; write \"'}'\" for a literal brace");
			return TLC_EINPUT;
		} else if (s[i] != '{') {
			i++;
		} else {
			size_t j = match_brace(s, len, i), k = i + 1;
			if (j == len) {
				terr(&t, i, 1, "unclosed '{'; write \"'{'\" for a literal brace");
				return TLC_EINPUT;
			}
			while (k < j && is_space(s[k]))
				k++;
			size_t ne = k;
			while (ne < j && !is_space(s[ne]) && s[ne] != ',' && s[ne] != '}')
				ne++;
			int li = live_index(s + k, ne - k);
			if (li >= 0) {
				flush(&t, seg, i, args);
				live_run(&t, i, j, li, ne);
				seg = j + 1;
				args = false;
			} else {
				args = true;
			}
			i = j + 1;
		}
	}
	flush(&t, seg, len, args);
	if (t.errors)
		return TLC_EINPUT;
	out->nruns = t.nruns;
	out->runs = tlc_arena_alloc(&ctx->arena, (t.nruns ? t.nruns : 1) * sizeof *out->runs);
	if (!out->runs)
		return TLC_ENOMEM;
	memcpy(out->runs, t.runs, t.nruns * sizeof *out->runs);
	return 0;
}
