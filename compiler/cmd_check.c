/*
 * cmd_check.c — `timelinec check SPEC...` and the diagnostics printing shared by commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "report.h"
#include "lower.h"
#include "verify.h"
#include "spec.h"

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

void report_init(report *r, const cli_opts *o, FILE *out)
{
	memset(r, 0, sizeof *r);
	r->opts = o;
	r->out = out;
	tlc_buf_init(&r->json);
}

/* Prints (human) or collects (json) the diagnostics of one spec, sorted. */
void report_ctx(report *r, tlc_ctx *ctx)
{
	tlc_render_opts ro = {r->opts->color};
	tlc_buf b = TLC_BUF_INIT;
	tlc_diags_sort(&ctx->diags);
	for (size_t i = 0; i < ctx->diags.n; i++) {
		const tlc_diag *g = &ctx->diags.v[i];
		r->count[g->sev]++;
		if (r->opts->format == FORMAT_JSON) {
			if (r->ndiags++)
				tlc_buf_putc(&r->json, ',');
			tlc_buf_puts(&r->json, "\n    ");
			tlc_diag_render_json(&r->json, &ctx->sources, g);
		} else {
			tlc_diag_render_human(&b, &ctx->sources, g, &ro);
		}
	}
	if (b.len)
		fwrite(b.ptr, 1, b.len, r->out);
	tlc_buf_release(&b);
}

int report_finish(report *r, int input_failed)
{
	if (r->opts->format == FORMAT_JSON) {
		fprintf(r->out,
			"{\n  \"version\": 1,\n  \"diagnostics\": [%s%s],\n"
			"  \"summary\": {\"errors\": %zu, \"warnings\": %zu, \"notes\": %zu}\n}\n",
			r->json.ptr, r->ndiags ? "\n  " : "", r->count[TLC_SEV_ERROR],
			r->count[TLC_SEV_WARNING], r->count[TLC_SEV_NOTE]);
	} else if (r->count[TLC_SEV_ERROR] + r->count[TLC_SEV_WARNING] > 0) {
		fprintf(r->out, "%zu error%s, %zu warning%s\n", r->count[TLC_SEV_ERROR],
			r->count[TLC_SEV_ERROR] == 1 ? "" : "s", r->count[TLC_SEV_WARNING],
			r->count[TLC_SEV_WARNING] == 1 ? "" : "s");
	}
	tlc_buf_release(&r->json);
	if (input_failed)
		return EXIT_BAD_INPUT;
	if (r->count[TLC_SEV_ERROR] || (r->opts->werror && r->count[TLC_SEV_WARNING]))
		return EXIT_FINDINGS;
	return EXIT_OK;
}

static const char check_help[] =
	"usage: timelinec check [options] SPEC...\n"
	"\n"
	"Load each spec (YAML or JSON, '-' for stdin) and report every problem with its rule id,\n"
	"file:line:col, and a fix.\n"
	"\n"
	"  --format human|json   gcc-style lines with the source and a caret (default), or JSON\n"
	"  --color auto|always|never\n"
	"  --werror              warnings fail the run (exit 1)\n"
	"  --budget PROFILE      debugger, frequent, typical (default), rare, frozen, or\n"
	"                        custom:reloads=20,min-gap=1h,reload-lateness=2h,...\n"
	"  --now T               the instantiation instant to replay from (RFC 3339, @EPOCH);\n"
	"                        default: the window start, else before the first target\n"
	"  --display-zone ZONE   the device's zone (default: the spec's zone)\n"
	"  --tzdata DIR          zoneinfo directory\n"
	"\n"
	"Exit status: 0 clean, 1 findings (errors, or warnings with --werror), 2 a spec could not\n"
	"be read or is invalid, or bad usage.\n";

int cmd_check(cli_opts *o, int argc, char **argv)
{
	const char **specs = calloc((size_t)argc, sizeof *specs);
	size_t nspecs = 0;
	int rc;
	tlc_verify_opts vo;
	memset(&vo, 0, sizeof vo);
	tlc_budget_get(&vo.budget, "typical");
	if (!specs)
		return EXIT_BAD_INPUT;
	for (int i = 1; i < argc; i++) {
		int r;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(check_help, stdout);
			free(specs);
			return EXIT_OK;
		}
		const char *val;
		if (cli_is_opt(argv[i], "--budget")) {
			tlc_err e = {0};
			if (!(val = cli_opt_value(argc, argv, &i, "--budget")) ||
			    tlc_budget_parse(&vo.budget, val, &e) < 0) {
				free(specs);
				return cli_usage_error("--budget: %s", val ? e.msg : "needs a profile");
			}
			continue;
		}
		if (cli_is_opt(argv[i], "--now")) {
			tlc_now_source src;
			if (!(val = cli_opt_value(argc, argv, &i, "--now")) ||
			    (r = cli_resolve_now(val, &vo.now, &src)) != 0) {
				free(specs);
				return val ? r : cli_usage_error("--now needs an instant");
			}
			vo.now_given = true;
			continue;
		}
		if (cli_is_opt(argv[i], "--display-zone")) {
			if (!(vo.display_zone = cli_opt_value(argc, argv, &i, "--display-zone"))) {
				free(specs);
				return cli_usage_error("--display-zone needs a zone");
			}
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			if ((r = cli_common_opt(o, argc, argv, &i)) == 0)
				r = -cli_usage_error("check: unknown option '%s'", argv[i]);
			if (r < 0) {
				free(specs);
				return -r;
			}
			continue;
		}
		specs[nspecs++] = argv[i];
	}
	if (!nspecs) {
		free(specs);
		return cli_usage_error("check: no spec given");
	}
	cli_env env;
	if ((rc = cli_env_open(&env, o)) != 0) {
		free(specs);
		return rc;
	}
	report rep;
	int failed = 0;
	report_init(&rep, o, stdout);
	for (size_t i = 0; i < nspecs; i++) {
		tlc_ctx ctx;
		tlc_spec *spec;
		cli_ctx_init(&ctx, &env);
		int err = tlc_spec_load_file(&ctx, specs[i], &spec);
		if (err == 0 && spec->kind == TLC_SPEC_WIDGET) {
			tlc_program *prog = NULL;
			err = tlc_lower(&ctx, spec, &prog); /* templates, recurrences, thresholds */
			if (err == 0 && !vo.now_given) {
				tlc_now_source src;
				cli_resolve_now(NULL, &vo.now, &src); /* only when the spec has no anchor */
			}
			if (err == 0 && tlc_verify(&ctx, spec, prog, &vo) == TLC_EINVAL) {
				fprintf(stderr, "timelinec: error: unknown display zone '%s'\n",
					vo.display_zone);
				err = TLC_EINPUT;
			}
			tlc_program_free(prog);
		}
		if (err == TLC_ENOMEM) {
			fputs("timelinec: out of memory\n", stderr);
			failed = 1;
		} else if (err < 0) {
			failed = 1;
		}
		report_ctx(&rep, &ctx);
		tlc_ctx_release(&ctx);
	}
	rc = report_finish(&rep, failed);
	cli_env_close(&env);
	free(specs);
	return rc;
}
