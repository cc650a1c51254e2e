/*
 * common.c — what the commands share: the run's environment (zones, render context), the
 * instantiation instant and --param values, and check's pipeline for one spec (which
 * `compile --check` runs too). The commands call these; they never call each other.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "lower/activity.h"
#include "verify/activity_rules.h"
#include "lower/bake.h"
#include "lower/lower.h"
#include "report/gating.h"
#include "report/report.h"
#include "spec/spec.h"
#include "spec/validate.h"
#include "verify/verify.h"
#include "timelinec/civil.h"
#include "timelinec/timeparse.h"

/* ---- the run's environment ------------------------------------------------------------------- */

int cli_env_open(cli_env *env, const cli_opts *o)
{
	memset(env, 0, sizeof *env);
	int err = tlc_zones_new_tzif(&env->zones, o->tzdata);
	if (err < 0) {
		fprintf(stderr, "timelinec: error: cannot open the zone database%s%s: %s\n",
			o->tzdata ? " " : "", o->tzdata ? o->tzdata : "", tlc_strerror(err));
		return EXIT_BAD_INPUT;
	}
	if (tlc_render_ctx_new(&env->render) < 0) {
		tlc_zones_free(env->zones);
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	return 0;
}

void cli_env_close(cli_env *env)
{
	tlc_render_ctx_free(env->render);
	tlc_zones_free(env->zones);
	memset(env, 0, sizeof *env);
}

void cli_ctx_init(tlc_ctx *ctx, const cli_env *env)
{
	tlc_ctx_init(ctx);
	ctx->zones = env->zones;
	ctx->render = env->render;
}

/* ---- now and params ------------------------------------------------------------------------- */

static int parse_utc_instant(const char *s, tlc_time *out)
{
	tlc_parsed_instant pi;
	tlc_err e;
	if (tlc_instant_parse(&pi, s, strlen(s), &e) < 0 || pi.local)
		return -1;
	*out = pi.value;
	return 0;
}

int cli_resolve_now(const char *opt, tlc_time *now, tlc_now_source *src)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (opt) {
		*src = TLC_NOW_OPTION;
		if (parse_utc_instant(opt, now) < 0)
			return cli_usage_error("--now takes an RFC 3339 instant with Z or an offset "
					       "('2026-11-29T10:00:00Z') or '@EPOCH', not '%s'", opt);
		return 0;
	}
	if (sde && *sde) {
		char buf[64];
		*src = TLC_NOW_SOURCE_DATE_EPOCH;
		snprintf(buf, sizeof buf, "@%s", sde);
		if (parse_utc_instant(buf, now) < 0)
			return cli_usage_error("SOURCE_DATE_EPOCH must be seconds since 1970, not '%s'", sde);
		return 0;
	}
	*src = TLC_NOW_CLOCK;
	*now = (tlc_time)time(NULL);
	return 0;
}

static const tlc_prog_param *prog_param(const tlc_program *p, const char *name, size_t n)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (strlen(p->params[i].name) == n && memcmp(p->params[i].name, name, n) == 0)
			return &p->params[i];
	return NULL;
}

/* The files `--param NAME=@FILE` read: kept until the process ends. */
#define CLI_MAX_PARAM_FILES 16
#define CLI_MAX_PARAM_FILE_BYTES (1u << 20) /* a list parameter's JSON: 1 MiB */
static char *param_files[CLI_MAX_PARAM_FILES];
static size_t nparam_files;

static void free_param_files(void)
{
	for (size_t i = 0; i < nparam_files; i++)
		free(param_files[i]);
	nparam_files = 0;
}

/* A list parameter's JSON: inline, or '@FILE' read whole (at most 1 MiB). */
static int list_param_text(const char *name, const char *val, const char **out)
{
	if (val[0] != '@') {
		*out = val;
		return 0;
	}
	FILE *f = fopen(val + 1, "rb");
	char *buf = NULL;
	size_t n = 0;
	if (!f)
		return cli_usage_error("--param %s: cannot read '%s'", name, val + 1);
	if (nparam_files == CLI_MAX_PARAM_FILES || !(buf = malloc(CLI_MAX_PARAM_FILE_BYTES + 1))) {
		fclose(f);
		return cli_usage_error("--param %s: too many parameter files", name);
	}
	n = fread(buf, 1, CLI_MAX_PARAM_FILE_BYTES + 1, f);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || n > CLI_MAX_PARAM_FILE_BYTES) {
		free(buf);
		return cli_usage_error("--param %s: '%s' %s", name, val + 1,
				       bad ? "cannot be read" : "is larger than 1 MiB");
	}
	buf[n] = 0;
	if (!nparam_files)
		atexit(free_param_files);
	param_files[nparam_files++] = buf;
	*out = buf;
	return 0;
}

int cli_param_value(const tlc_program *p, const tlc_zone *ez, const char *kv, tlc_param_value *v)
{
	const char *eq = strchr(kv, '='), *val = eq + 1;
	const tlc_prog_param *pp = prog_param(p, kv, (size_t)(eq - kv));
	tlc_err e = {0};
	if (!pp)
		return cli_usage_error("--param '%.*s': the spec declares no such parameter",
				       (int)(eq - kv), kv);
	memset(v, 0, sizeof *v);
	v->name = pp->name;
	v->text = val;
	if (pp->type == TLC_PPARAM_INSTANT) {
		tlc_parsed_instant pi;
		tlc_local_result r;
		if (tlc_instant_parse(&pi, val, strlen(val), &e) < 0 ||
		    (pi.local && (!ez || tlc_instant_resolve(&r, &pi, ez, TLC_DISAMB_COMPATIBLE, &e) < 0)))
			return cli_usage_error("--param %s: %s", pp->name,
					       pi.local && !ez ? "a floating spec needs an RFC 3339 instant"
							       : e.msg);
		v->instant = pi.local ? r.utc : pi.value;
	} else if (pp->type == TLC_PPARAM_EVENTS) {
		return list_param_text(pp->name, val, &v->text); /* read at instantiation */
	} else if (pp->type == TLC_PPARAM_DURATION) {
		if (tlc_duration_parse(&v->number, val, strlen(val), TLC_DURATION_SIGNED, &e) < 0)
			return cli_usage_error("--param %s: %s", pp->name, e.msg);
	} else if (pp->type == TLC_PPARAM_INTEGER) {
		char *end;
		errno = 0;
		v->number = strtoll(val, &end, 10);
		if (errno || !*val || *end)
			return cli_usage_error("--param %s: expected an integer, not '%s'", pp->name, val);
	} else if (pp->type == TLC_PPARAM_NUMBER) {
		char *end;
		double d = strtod(val, &end);
		if (!*val || *end || !isfinite(d) || strspn(val, "0123456789+-.eE") != strlen(val))
			return cli_usage_error("--param %s: expected a finite decimal number, not '%s'",
					       pp->name, val);
	}
	return 0;
}

int cli_param_values(const tlc_program *p, const tlc_zone *ez, const char *const *kvs, size_t n,
		     tlc_param_value *vals)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = (size_t)(strchr(kvs[i], '=') - kvs[i]);
		for (size_t k = 0; k < i; k++)
			if (strncmp(kvs[k], kvs[i], len + 1) == 0)
				return cli_usage_error("--param %.*s is given twice ('%s' and '%s')",
						       (int)len, kvs[i], kvs[k], kvs[i]);
		if (cli_param_value(p, ez, kvs[i], &vals[i]) != 0)
			return EXIT_BAD_INPUT;
	}
	return 0;
}

int cli_spec_param_values(const tlc_spec *s, const tlc_zone *ez, const char *const *kvs, size_t n,
			  tlc_param_value *vals)
{
	tlc_program shim; /* cli_param_value() reads names and types from a program */
	tlc_prog_param pp[TLC_MAX_PARAMS];
	memset(&shim, 0, sizeof shim);
	for (size_t i = 0; i < s->nparams && i < TLC_MAX_PARAMS; i++) {
		pp[i].name = (char *)s->params[i].name;
		pp[i].type = (tlc_prog_param_type)s->params[i].type;
	}
	shim.params = pp;
	shim.nparams = s->nparams < TLC_MAX_PARAMS ? s->nparams : TLC_MAX_PARAMS;
	return cli_param_values(&shim, ez, kvs, n, vals);
}

/* ---- check's pipeline for one spec ---------------------------------------------------------- */

/* Finds the config for a spec, looking up each folder once (specs usually share one). */
static const char *config_for(check_opts *c, const char *spec_path)
{
	const char *slash = strrchr(spec_path, '/');
	size_t dl = slash ? (size_t)(slash - spec_path) : 0;
	if (dl >= sizeof c->cfg_dir)
		dl = sizeof c->cfg_dir - 1;
	if (!*c->cfg_dir || strlen(c->cfg_dir) != dl || strncmp(c->cfg_dir, spec_path, dl) != 0) {
		memcpy(c->cfg_dir, spec_path, dl);
		c->cfg_dir[dl] = 0;
		if (!dl)
			snprintf(c->cfg_dir, sizeof c->cfg_dir, ".");
		if (!tlc_config_find(c->cfg_path, sizeof c->cfg_path, spec_path))
			c->cfg_path[0] = 0;
	}
	return c->cfg_path;
}

/* Replays and gates one loaded spec: findings, suppressions, severity overrides. */
int cli_run_check(tlc_ctx *ctx, check_opts *c, const char *path, tlc_spec *spec,
		      cli_opts *o, bool first)
{
	tlc_config cfg;
	tlc_verify_opts vo = c->vo;
	int err = 0;
	tlc_config_init(&cfg);
	memcpy(cfg.overrides, c->overrides, c->noverrides * sizeof *cfg.overrides);
	cfg.noverrides = c->noverrides;
	const char *cfg_file = o->no_config ? "" : config_for(c, path);
	if (*cfg_file)
		cli_input(cfg_file);
	if (*cfg_file && tlc_config_load_path(ctx, &cfg, cfg_file) < 0)
		return TLC_EINPUT;
	if (!c->budget_given && *cfg.budget) {
		tlc_err e = {0};
		if (tlc_budget_parse(&vo.budget, cfg.budget, &e) < 0) {
			fprintf(stderr, "%s: error: budget: %s\n", cfg.path, e.msg);
			return TLC_EINPUT;
		}
	}
	if (first && !o->werror_set && cfg.werror >= 0)
		o->werror = cfg.werror;
	if (first && o->max_warnings < 0 && cfg.max_warnings >= 0)
		o->max_warnings = cfg.max_warnings;
	if (spec && spec->kind == TLC_SPEC_ACTIVITY) {
		if (!vo.now_given) {
			tlc_now_source src;
			cli_resolve_now(NULL, &vo.now, &src);
		}
		err = tlc_activity_check(ctx, spec, vo.now);
	} else if (spec && spec->kind == TLC_SPEC_WIDGET) {
		tlc_program *prog = NULL;
		err = tlc_lower(ctx, spec, &prog); /* templates, recurrences, thresholds */
		if (err == 0) /* what compile refuses, check reports: text ICU cannot bake */
			err = tlc_bake(ctx, spec, prog);
		if (err == TLC_ENOMEM)
			fputs("timelinec: out of memory\n", stderr);
		if (err == 0 && !vo.now_given) {
			tlc_now_source src;
			cli_resolve_now(NULL, &vo.now, &src); /* used only when the spec has no anchor */
		}
		if (err == 0 && tlc_verify(ctx, spec, prog, &vo) == TLC_EINVAL) {
			tlc_buf b = TLC_BUF_INIT;
			tlc_zone_suggest(&b, vo.display_zone, tlc_zones_dir(ctx->zones));
			fprintf(stderr, "timelinec: error: unknown display zone '%s'%s%s\n",
				vo.display_zone, b.len ? "; " : "", b.len ? b.ptr : "");
			tlc_buf_release(&b);
			err = TLC_EINPUT;
		}
		tlc_program_free(prog);
	}
	if (spec)
		tlc_apply_suppressions(ctx, spec->file, spec);
	tlc_apply_overrides(&ctx->diags, cfg.overrides, cfg.noverrides);
	return err;
}

int cli_check_spec(tlc_ctx *ctx, const char *path, tlc_spec *spec, cli_opts *o, bool first)
{
	check_opts c;
	memset(&c, 0, sizeof c);
	tlc_budget_get(&c.vo.budget, "typical");
	return cli_run_check(ctx, &c, path, spec, o, first);
}

/* ---- a widget's parameters without --param ------------------------------------------------ */

/* Whether "NAME=VALUE" gives parameter `name`. */
static bool param_given_as(const char *kv, const char *name)
{
	size_t len = strlen(name);
	return strncmp(kv, name, len) == 0 && kv[len] == '=';
}

static bool param_given(const char *const *kvs, size_t nkv, const char *name)
{
	for (size_t i = 0; i < nkv; i++)
		if (param_given_as(kvs[i], name))
			return true;
	return false;
}

/* Where (s, n) names parameter `name`: "$name" or a template's "{name", else -1. */
static long param_ref(const char *s, size_t n, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i + len < n; i++) {
		if ((s[i] != '$' && s[i] != '{') || memcmp(s + i + 1, name, len) != 0)
			continue;
		char c = i + 1 + len < n ? s[i + 1 + len] : ' ';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return (long)i;
	}
	return -1;
}

/* The first value under n (in document order) that uses parameter `name`, or NULL. *budget
 * counts the nodes seen: an alias is a shared node, so a walk must stop somewhere. */
static const tlc_node *param_use(const tlc_node *n, const char *name, size_t *budget, long *at)
{
	const tlc_node *u = NULL;
	if (!n || *budget == 0)
		return NULL;
	--*budget;
	if (n->kind == TLC_NODE_SCALAR)
		return (*at = param_ref(n->str, n->len, name)) >= 0 ? n : NULL;
	for (size_t i = 0; i < n->n && !u; i++) {
		if (n->kind == TLC_NODE_MAP && (strcmp(n->pairs[i].key->str, "params") == 0 ||
						strcmp(n->pairs[i].key->str, "check-params") == 0))
			continue; /* declarations and checker ranges are no use */
		u = param_use(n->kind == TLC_NODE_MAP ? n->pairs[i].value : n->items[i], name, budget, at);
	}
	return u;
}

/* A value of p's type to show in the fix: an instant inside its check-params range when it is
 * relative to now (else an hour after --now), in UTC. */
static void param_example(char *out, size_t cap, const tlc_sp_param *p, tlc_time now)
{
	tlc_civil c;
	tlc_time t = now + 3600;
	switch (p->type) {
	case TLC_PARAM_INSTANT:
		if (p->has_domain && p->domain.kind == TLC_PARAM_DOMAIN_RELATIVE &&
		    p->domain.anchor.kind == TLC_TIME_EXPR_NOW)
			t = now + p->domain.lo + (p->domain.hi - p->domain.lo) / 2 / 60 * 60;
		tlc_civil_from_secs(t, &c);
		snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:00Z", (int)c.year, (int)c.month,
			 (int)c.day, (int)c.hour, (int)c.min);
		break;
	case TLC_PARAM_DURATION: snprintf(out, cap, "90m"); break;
	case TLC_PARAM_TEXT: snprintf(out, cap, "'some text'"); break;
	case TLC_PARAM_INTEGER: snprintf(out, cap, "3"); break;
	case TLC_PARAM_NUMBER: snprintf(out, cap, "0.5"); break;
	default: snprintf(out, cap, "@%s.json", p->name); break;
	}
}

/*
 * Each used instant, duration or events parameter that --param leaves without a value (the ones
 * instantiation cannot do without): a TL018 error at its first use,
 * with a --param to give it, as a Live Activity's build says. True when any is missing.
 */
bool cli_missing_params(tlc_ctx *ctx, const tlc_spec *spec, const char *const *kvs, size_t nkv,
			tlc_time now)
{
	const tlc_source *src = tlc_sources_get(&ctx->sources, spec->root->span.file);
	bool missing = false;
	for (size_t k = 0; k < nkv; k++) {
		bool declared = false;
		for (size_t i = 0; i < spec->nparams && !declared; i++)
			declared = param_given_as(kvs[k], spec->params[i].name);
		if (!declared)
			return false; /* the usage error about that --param comes first */
	}
	for (size_t i = 0; i < spec->nparams; i++) {
		const tlc_sp_param *p = &spec->params[i];
		size_t budget = TLC_MAX_NODES;
		long at = 0;
		char ex[64];
		if (param_given(kvs, nkv, p->name) || (p->type != TLC_PARAM_INSTANT &&
						 p->type != TLC_PARAM_DURATION &&
						 p->type != TLC_PARAM_EVENTS))
			continue; /* a text or number without a value is an empty text */
		const tlc_node *u = param_use(spec->root, p->name, &budget, &at);
		if (!u || !src)
			continue; /* unused (TL019): the timeline needs no value */
		tlc_span sp = tlc_node_subspan(src, u, (size_t)at, strlen(p->name) + 1);
		param_example(ex, sizeof ex, p, now);
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL018", sp, "parameter '%s' has no value",
					   p->name);
		tlc_diag_set_fix(g, "give it with --param %s=%s", p->name, ex);
		g->sev = TLC_SEV_ERROR;
		missing = true;
	}
	return missing;
}

int cli_unknown_display_zone(const cli_env *env, const char *name)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_zone_suggest(&b, name, tlc_zones_dir(env->zones));
	int rc = cli_usage_error("--display-zone: unknown zone '%s'%s%s", name, b.len ? "; " : "",
				 b.len ? b.ptr : "");
	tlc_buf_release(&b);
	return rc;
}
