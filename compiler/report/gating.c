/*
 * gating.c — suppressions, severity overrides and the config file; see gating.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "report/gating.h"
#include "front/parse.h"
#include "base/rules.h"
#include "spec/validate.h"
#include "timelinec/budget.h"

/* ---- severity overrides --------------------------------------------------------------------- */

static int sev_from_name(const char *s, tlc_severity *out)
{
	static const char *const names[] = {"off", "note", "warning", "error"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (tlc_severity)i;
			return 0;
		}
	return TLC_EINPUT;
}

int tlc_override_parse(tlc_override *o, const char *s)
{
	const char *eq = strchr(s, '=');
	char rule[8];
	if (!eq || eq - s >= (long)sizeof rule)
		return TLC_EINPUT;
	memcpy(rule, s, (size_t)(eq - s));
	rule[eq - s] = 0;
	for (char *p = rule; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (!tlc_rule_find(rule) || sev_from_name(eq + 1, &o->sev) < 0)
		return TLC_EINPUT;
	memcpy(o->rule, rule, sizeof o->rule);
	return 0;
}

/* The rule named `name` ("unused-param"), or the one whose name is closest to it, or NULL. */
static const tlc_rule *rule_by_name(const char *name, size_t len)
{
	size_t nr;
	const tlc_rule *all = tlc_rules(&nr);
	const char *cands[256], *s;
	for (size_t i = 0; i < nr && i < 256; i++)
		cands[i] = all[i].name;
	s = tlc_suggest(name, len, cands, nr < 256 ? nr : 256);
	for (size_t i = 0; s && i < nr; i++)
		if (all[i].name == s)
			return &all[i];
	return NULL;
}

void tlc_override_explain(char *out, size_t cap, const char *s)
{
	static const char *const levels[] = {"error", "warning", "note", "off"};
	const char *eq = strchr(s, '=');
	size_t len = eq ? (size_t)(eq - s) : strlen(s);
	char rule[8] = "";
	tlc_override o;
	const tlc_rule *r = NULL;
	if (len == 0) {
		snprintf(out, cap, "expected RULE=LEVEL, like TL107=off");
		return;
	}
	for (size_t i = 0; i < len && i < sizeof rule - 1; i++)
		rule[i] = (char)toupper((unsigned char)s[i]);
	rule[len < sizeof rule ? len : 0] = 0;
	if (len >= sizeof rule || !(r = tlc_rule_find(rule))) {
		const tlc_rule *near = rule_by_name(s, len);
		if (near && strncmp(near->name, s, len) == 0 && !near->name[len])
			snprintf(out, cap, "'%s' is the name of rule %s: write %s=%s", near->name,
				 near->id, near->id, eq ? eq + 1 : "off");
		else if (near)
			snprintf(out, cap, "unknown rule '%.*s'; did you mean '%s' (%s)? write %s=%s",
				 (int)len, s, near->name, near->id, near->id, eq ? eq + 1 : "off");
		else
			snprintf(out, cap, "unknown rule '%.*s': rules are ids like TL107; "
				 "'timelinec explain --list' lists them", (int)len, s);
		return;
	}
	if (!eq || tlc_override_parse(&o, s) < 0) {
		const char *near = eq ? tlc_suggest(eq + 1, strlen(eq + 1), levels, 4) : NULL;
		if (eq)
			snprintf(out, cap, "unknown level '%s' for %s: expected error, warning, note or "
				 "off%s%s%s", eq + 1, r->id, near ? "; did you mean '" : "",
				 near ? near : "", near ? "'?" : "");
		else
			snprintf(out, cap, "%s needs a level: write %s=error, warning, note or off",
				 r->id, r->id);
		return;
	}
	snprintf(out, cap, "'%s' is a valid override", s);
}

void tlc_apply_overrides(tlc_diags *d, const tlc_override *o, size_t n)
{
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = 0; k < n; k++)
			if (strcmp(d->v[i].rule, o[k].rule) == 0 && d->v[i].sev != TLC_SEV_NONE)
				d->v[i].sev = o[k].sev;
			else if (strcmp(d->v[i].rule, o[k].rule) == 0 && d->v[i].suppressed_sev)
				d->v[i].suppressed_sev = o[k].sev; /* reported as suppressed at it; off: not */
}

/* ---- suppressions --------------------------------------------------------------------------- */

#define MAX_SUPP 256
#define MAX_SUPP_RULES 8

typedef struct supp {
	char rules[MAX_SUPP_RULES][8];
	int nrules;
	unsigned line;      /* 1-based first line it applies to; 0: the whole spec (suppress: key) */
	unsigned last;      /* last line it applies to */
	tlc_span span;      /* the comment or the suppress entry */
	const char *reason; /* the text after '--', or the entry's reason (not owned) */
	size_t reason_len;
	bool used;
	bool last_from_node;
} supp;

/* The suppressions of one spec: a few in place, more on the heap as they come, at most MAX_SUPP
 * (a spec without any allocates nothing: this was a 24.6 KB calloc per spec). */
typedef struct supp_list {
	supp *v;
	size_t n, cap;
	supp local[4];
} supp_list;

/* The slot after the last one, zeroed; NULL past MAX_SUPP or out of memory. */
static supp *supp_slot(supp_list *l)
{
	if (l->n >= MAX_SUPP)
		return NULL;
	if (l->n == l->cap) {
		size_t cap = l->cap * 4 < MAX_SUPP ? l->cap * 4 : MAX_SUPP;
		supp *v = l->v == l->local ? malloc(cap * sizeof *v) : realloc(l->v, cap * sizeof *v);
		if (!v)
			return NULL;
		if (l->v == l->local)
			memcpy(v, l->local, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	return &l->v[l->n];
}

static bool is_comment_start(const char *line, size_t i)
{
	bool sq = false, dq = false;
	for (size_t k = 0; k < i; k++) {
		if (line[k] == '\'' && !dq)
			sq = !sq;
		else if (line[k] == '"' && !sq && (k == 0 || line[k - 1] != '\\'))
			dq = !dq;
	}
	return !sq && !dq && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t');
}

/* "timelinec: ignore TL107, TL103 -- reason" after the '#'. Returns 1 if it is one (valid or
 * not), 0 if the comment is something else. */
static int parse_comment(tlc_ctx *ctx, const char *c, size_t n, tlc_span sp, supp *s)
{
	size_t i = 0;
	while (i < n && (c[i] == ' ' || c[i] == '\t'))
		i++;
	if (n - i < 17 || strncmp(c + i, "timelinec:", 10) != 0)
		return 0;
	i += 10;
	while (i < n && c[i] == ' ')
		i++;
	if (strncmp(c + i, "ignore", 6) != 0)
		return 0;
	i += 6;
	memset(s, 0, sizeof *s);
	s->span = sp;
	for (;;) {
		while (i < n && (c[i] == ' ' || c[i] == ','))
			i++;
		size_t b = i;
		while (i < n && isalnum((unsigned char)c[i]))
			i++;
		if (i == b)
			break;
		char id[8] = {0};
		for (size_t k = 0; k < i - b && k < 7; k++)
			id[k] = (char)toupper((unsigned char)c[b + k]);
		if (i - b > 7 || !tlc_rule_find(id)) {
			tlc_diag_add(&ctx->diags, "TL031", sp, "'%.*s' is not a rule id", (int)(i - b), c + b);
			return 1;
		}
		if (s->nrules < MAX_SUPP_RULES)
			memcpy(s->rules[s->nrules++], id, 8);
	}
	while (i < n && c[i] == ' ')
		i++;
	bool reason = i + 2 <= n && c[i] == '-' && c[i + 1] == '-';
	if (reason) {
		i += 2;
		while (i < n && (c[i] == ' ' || c[i] == '\t'))
			i++;
		reason = i < n;
		size_t e = n;
		while (e > i && (c[e - 1] == ' ' || c[e - 1] == '\t' || c[e - 1] == '\r'))
			e--;
		s->reason = c + i;
		s->reason_len = e - i;
	}
	if (!s->nrules || !reason) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL031", sp,
					   s->nrules ? "a suppression needs a reason"
						     : "a suppression needs a rule id");
		tlc_diag_set_fix(g, "write '# timelinec: ignore TL107 -- why this is fine here'");
		s->nrules = 0;
	}
	return 1;
}

static bool blank_or_comment(const char *l, size_t n)
{
	size_t i = 0;
	while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r'))
		i++;
	return i == n || l[i] == '#';
}

static void collect_comments(tlc_ctx *ctx, uint32_t file, supp_list *out)
{
	const tlc_source *src = tlc_sources_get(&ctx->sources, file);
	for (size_t li = 0; src && li < src->nlines; li++) {
		const char *l = src->text + src->lines[li];
		size_t len = (li + 1 < src->nlines ? src->lines[li + 1] - 1 : src->len) - src->lines[li];
		const char *hash = memchr(l, '#', len);
		while (hash && !is_comment_start(l, (size_t)(hash - l)))
			hash = memchr(hash + 1, '#', len - (size_t)(hash + 1 - l));
		if (!hash)
			continue;
		size_t off = (size_t)(hash - src->text);
		tlc_span sp = tlc_span_make(file, off, src->lines[li] + len);
		supp *s = supp_slot(out);
		if (!s)
			return;
		if (!parse_comment(ctx, hash + 1, len - (size_t)(hash + 1 - l), sp, s) || !s->nrules)
			continue;
		/* on a line with content it applies there; alone, to the next line with content */
		size_t target = li;
		if (blank_or_comment(l, (size_t)(hash - l)))
			for (target = li + 1; target < src->nlines; target++) {
				const char *t = src->text + src->lines[target];
				size_t tl = (target + 1 < src->nlines ? src->lines[target + 1] - 1 : src->len) -
					    src->lines[target];
				if (!blank_or_comment(t, tl))
					break;
			}
		s->line = s->last = (unsigned)target + 1;
		s->last_from_node = target != li; /* a comment alone covers the node below it */
		out->n++;
	}
}

/* The last line of the outermost node that starts on `line` (a phase, a key and its value). */
static unsigned node_last_line(const tlc_source *src, const tlc_node *n, unsigned line, unsigned best)
{
	if (!n)
		return best;
	unsigned l0, c0, l1, c1;
	tlc_source_linecol(src, n->span.start, &l0, &c0);
	tlc_source_linecol(src, n->span.end ? n->span.end - 1 : 0, &l1, &c1);
	if (l0 > line || l1 < line)
		return best;
	if (l0 == line && l1 > best)
		return l1;
	if (n->kind == TLC_NODE_MAP)
		for (size_t i = 0; i < n->n; i++) {
			unsigned kl, kc;
			tlc_source_linecol(src, n->pairs[i].key->span.start, &kl, &kc);
			if (kl == line)
				best = node_last_line(src, n->pairs[i].value, kl, best > kl ? best : kl);
			best = node_last_line(src, n->pairs[i].value, line, best);
		}
	else if (n->kind == TLC_NODE_SEQ)
		for (size_t i = 0; i < n->n; i++)
			best = node_last_line(src, n->items[i], line, best);
	return best;
}

static void collect_key(tlc_ctx *ctx, const tlc_spec *spec, supp_list *out)
{
	for (size_t i = 0; spec && i < spec->nsuppress; i++) {
		supp *s = supp_slot(out);
		if (!s)
			return;
		s->span = spec->suppress[i].node->span;
		const tlc_node *rn = tlc_node_get(spec->suppress[i].node, "rule");
		if (!tlc_rule_find(spec->suppress[i].rule)) {
			tlc_diag_add(&ctx->diags, "TL031", rn->span, "'%s' is not a rule id",
				     spec->suppress[i].rule);
			continue;
		}
		if (!*spec->suppress[i].reason) {
			tlc_diag_add(&ctx->diags, "TL031", s->span, "a suppression needs a reason");
			continue;
		}
		snprintf(s->rules[0], sizeof s->rules[0], "%s", spec->suppress[i].rule);
		s->nrules = 1;
		s->reason = spec->suppress[i].reason;
		s->reason_len = strlen(s->reason);
		out->n++;
	}
}

/* The first suppression of `rule` that covers `line` (each one that does is used), or NULL. */
static const supp *suppressed(supp *s, size_t n, const char *rule, unsigned line)
{
	const supp *hit = NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i].line && (line < s[i].line || line > s[i].last))
			continue;
		for (int k = 0; k < s[i].nrules; k++)
			if (strcmp(s[i].rules[k], rule) == 0) {
				s[i].used = true;
				hit = hit ? hit : &s[i];
			}
	}
	return hit;
}

/* Marks g suppressed by s: dropped from the findings, kept with its severity and reason for
 * the reports that show suppressed findings (SARIF suppressions, JSON, a human line). */
static void suppress(tlc_diag *g, const supp *s)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_diag_escape(&b, s->reason ? s->reason : "", s->reason ? s->reason_len : 0);
	free(g->justification);
	g->justification = tlc_buf_oom(&b) ? NULL : tlc_buf_detach(&b);
	tlc_buf_release(&b);
	g->suppressed_sev = g->justification ? g->sev : TLC_SEV_NONE;
	g->suppressed_by = s->span;
	g->sev = TLC_SEV_NONE;
}

void tlc_apply_suppressions(tlc_ctx *ctx, uint32_t file, const tlc_spec *spec)
{
	supp_list list;
	list.v = list.local;
	list.n = 0;
	list.cap = sizeof list.local / sizeof list.local[0];
	collect_comments(ctx, file, &list);
	const tlc_source *src = tlc_sources_get(&ctx->sources, file);
	supp *s = list.v;
	for (size_t i = 0; spec && i < list.n; i++)
		if (s[i].last_from_node)
			s[i].last = node_last_line(src, spec->root, s[i].line, s[i].line);
	collect_key(ctx, spec, &list);
	s = list.v;
	size_t n = list.n;
	size_t before = ctx->diags.n;
	for (size_t i = 0; i < before; i++) {
		tlc_diag *g = &ctx->diags.v[i];
		unsigned line, col;
		if (g->span.file != file || g->sev == TLC_SEV_NONE || !strcmp(g->rule, "TL030") ||
		    !strcmp(g->rule, "TL031"))
			continue;
		tlc_source_linecol(src, g->span.start, &line, &col);
		const supp *by = suppressed(s, n, g->rule, line);
		if (by)
			suppress(g, by);
	}
	for (size_t i = 0; i < n; i++)
		if (!s[i].used) {
			tlc_diag *g = tlc_diag_add(&ctx->diags, "TL030", s[i].span,
						   "this suppression of %s matches no finding", s[i].rules[0]);
			tlc_diag_set_fix(g, "remove it: the finding it was for is gone");
		}
	if (list.v != list.local)
		free(list.v);
}

/* ---- the config file ------------------------------------------------------------------------ */

void tlc_config_init(tlc_config *c)
{
	/* the lists are read below their counts and not zeroed: 16 KB of exclude: patterns for
	 * every spec `check` reads */
	c->path[0] = 0;
	c->budget[0] = 0;
	c->werror = -1;
	c->max_warnings = -1;
	c->noverrides = 0;
	c->nexclude = 0;
}

bool tlc_config_find(char *out, size_t n, const char *spec_path)
{
	char dir[900];
	struct stat st, up;
	if (strcmp(spec_path, "-") == 0 || !strchr(spec_path, '/'))
		snprintf(dir, sizeof dir, ".");
	else {
		snprintf(dir, sizeof dir, "%s", spec_path);
		*strrchr(dir, '/') = 0;
		if (!*dir)
			snprintf(dir, sizeof dir, "/");
	}
	for (int depth = 0; depth < 32; depth++) {
		snprintf(out, n, "%s/.timelinec.yaml", dir);
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return true;
		size_t l = strlen(dir);
		char parent[910];
		snprintf(parent, sizeof parent, "%s/..", dir);
		/* the root is its own parent */
		if (l + 4 >= sizeof dir || stat(dir, &st) < 0 || stat(parent, &up) < 0 ||
		    (st.st_dev == up.st_dev && st.st_ino == up.st_ino))
			return false;
		snprintf(dir + l, sizeof dir - l, "/..");
	}
	return false;
}

static int config_error(tlc_ctx *ctx, const tlc_node *n, const char *msg)
{
	tlc_diag_add(&ctx->diags, "TL014", n->span, "%s", msg);
	return TLC_EINPUT;
}

/* One exclude: pattern: a relative glob without a '..' folder (it names nothing outside). */
static const char *exclude_problem(const tlc_node *p)
{
	if (p->kind != TLC_NODE_SCALAR || p->type != TLC_SCALAR_STR || !p->len)
		return "an 'exclude' pattern is a non-empty string, like 'drafts/' or '*.draft.yaml'";
	if (p->len >= TLC_MAX_EXCLUDE_LEN)
		return "an 'exclude' pattern is at most 255 bytes (TLC_MAX_EXCLUDE_LEN)";
	if (p->str[0] == '/')
		return "an 'exclude' pattern is relative to the folder of .timelinec.yaml";
	for (const char *s = p->str; (s = strstr(s, "..")) != NULL; s += 2)
		if ((s == p->str || s[-1] == '/') && (s[2] == 0 || s[2] == '/'))
			return "an 'exclude' pattern names nothing outside the folder of .timelinec.yaml "
			       "(no '..')";
	return NULL;
}

/* exclude: [glob, ...]; a later file's list (another folder's) replaces none of this one's. */
static int config_exclude(tlc_ctx *ctx, tlc_config *c, const tlc_node *v)
{
	if (v->kind != TLC_NODE_SEQ)
		return config_error(ctx, v, "'exclude' is a list of glob patterns");
	if (v->n > TLC_MAX_EXCLUDES)
		return config_error(ctx, v->items[TLC_MAX_EXCLUDES],
				    "'exclude' has at most 64 patterns (TLC_MAX_EXCLUDES)");
	c->nexclude = 0;
	for (size_t i = 0; i < v->n; i++) {
		const char *why = exclude_problem(v->items[i]);
		if (why)
			return config_error(ctx, v->items[i], why);
		snprintf(c->exclude[c->nexclude++], TLC_MAX_EXCLUDE_LEN, "%s", v->items[i]->str);
	}
	return 0;
}

static int config_key(tlc_ctx *ctx, tlc_config *c, const tlc_node *k, const tlc_node *v)
{
	if (strcmp(k->str, "budget") == 0) {
		tlc_budget b;
		tlc_err e = {0};
		if (v->kind != TLC_NODE_SCALAR)
			return config_error(ctx, v, "'budget' takes a profile name");
		if (tlc_budget_parse(&b, v->str, &e) < 0) { /* said where it is written, not later */
			tlc_diag_add(&ctx->diags, "TL014", v->span, "%s", e.msg);
			return TLC_EINPUT;
		}
		if (strlen(v->str) >= sizeof c->budget)
			return config_error(ctx, v, "'budget' is too long");
		if (!*c->budget)
			snprintf(c->budget, sizeof c->budget, "%s", v->str);
	} else if (strcmp(k->str, "werror") == 0) {
		if (v->kind != TLC_NODE_SCALAR || v->type != TLC_SCALAR_BOOL)
			return config_error(ctx, v, "'werror' takes true or false");
		if (c->werror < 0)
			c->werror = v->str[0] == 't' || v->str[0] == 'T';
	} else if (strcmp(k->str, "max-warnings") == 0) {
		int64_t x;
		if (tlc_scalar_int(v, &x) < 0 || x < 0)
			return config_error(ctx, v, "'max-warnings' takes a count");
		if (c->max_warnings < 0)
			c->max_warnings = (long)x;
	} else if (strcmp(k->str, "severity") == 0) {
		if (v->kind != TLC_NODE_MAP)
			return config_error(ctx, v, "'severity' maps rule ids to error, warning, note or off");
		for (size_t i = 0; i < v->n && c->noverrides < TLC_MAX_OVERRIDES; i++) {
			char buf[64];
			tlc_override o;
			snprintf(buf, sizeof buf, "%s=%s", v->pairs[i].key->str, v->pairs[i].value->str);
			if (tlc_override_parse(&o, buf) < 0)
				return config_error(ctx, v->pairs[i].key,
						    "expected 'TLxxx: error|warning|note|off' with a rule id");
			bool set = false;
			for (size_t j = 0; j < c->noverrides; j++)
				set = set || strcmp(c->overrides[j].rule, o.rule) == 0;
			if (!set) /* the command line came first and wins */
				c->overrides[c->noverrides++] = o;
		}
	} else if (strcmp(k->str, "exclude") == 0) {
		return config_exclude(ctx, c, v);
	} else {
		static const char *const keys[] = {"budget", "werror", "max-warnings", "severity", "exclude"};
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL010", k->span,
					   "unknown key '%s' in .timelinec.yaml", k->str);
		const char *s = tlc_suggest(k->str, k->len, keys, 5);
		if (s)
			tlc_diag_set_fix(g, "did you mean '%s'?", s);
		return TLC_EINPUT;
	}
	return 0;
}

int tlc_config_load(tlc_ctx *ctx, tlc_config *c, const char *spec_path)
{
	char path[1024];
	if (!tlc_config_find(path, sizeof path, spec_path))
		return 0;
	return tlc_config_load_path(ctx, c, path);
}

int tlc_config_load_path(tlc_ctx *ctx, tlc_config *c, const char *path)
{
	uint32_t file;
	snprintf(c->path, sizeof c->path, "%s", path);
	int rc = tlc_input_read_as(ctx, path, "configuration file", TLC_MAX_CONFIG_BYTES,
				   "1 MiB (TLC_MAX_CONFIG_BYTES)", &file);
	return rc < 0 ? rc : tlc_config_read(ctx, c, file);
}

int tlc_config_read(tlc_ctx *ctx, tlc_config *c, uint32_t file)
{
	tlc_node *root = NULL;
	int rc = tlc_parse_any(ctx, file, &root);
	if (rc < 0)
		return rc;
	if (!root)
		return 0;
	if (root->kind != TLC_NODE_MAP)
		return config_error(ctx, root, ".timelinec.yaml is a mapping of settings");
	for (size_t i = 0; i < root->n; i++)
		if ((rc = config_key(ctx, c, root->pairs[i].key, root->pairs[i].value)) < 0)
			return rc;
	return 0;
}
