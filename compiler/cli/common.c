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
#include "verify/verify.h"
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
			fprintf(stderr, "timelinec: error: unknown display zone '%s'\n", vo.display_zone);
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
