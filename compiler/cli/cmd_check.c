/*
 * cmd_check.c — `timelinec check SPEC...` and the diagnostics printing shared by commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lower/bake.h"
#include "cli/cli.h"
#include "cli/walk.h"
#include "report/report.h"
#include "lower/lower.h"
#include "verify/verify.h"
#include "report/gating.h"
#include "lower/activity.h"
#include "spec/spec.h"


static const char check_help[] =
	"usage: timelinec check [options] SPEC|DIR...\n"
	"\n"
	"Load each spec (YAML or JSON, '-' for stdin), replay what iOS will show under a refresh\n"
	"budget, and report every problem with its rule id, file:line:col, and a fix. A folder\n"
	"stands for the *.yaml, *.yml and *.json specs under it, in byte order (not hidden ones,\n"
	"compiled outputs, or what 'exclude:' in .timelinec.yaml names).\n"
	"\n"
	"  --format human|json|sarif|github  gcc-style lines with the source and a caret\n"
	"                        (default), JSON, SARIF 2.1.0 for GitHub code scanning, or GitHub\n"
	"                        Actions workflow commands (annotations on a pull request)\n"
	"  --docs-url URL        timelinec's docs/ folder online, for SARIF's rule links\n"
	"  --output-sarif FILE   also write SARIF to FILE (beside the --format output)\n"
	"  --output-json FILE    also write JSON to FILE\n"
	"  --color auto|always|never\n"
	"  --werror              warnings fail the run (exit 1)\n"
	"  --max-warnings N      more than N warnings fail the run\n"
	"  --severity RULE=LEVEL error, warning, note or off (repeatable; wins over the config)\n"
	"  --budget PROFILE      debugger, frequent, typical (default), rare, frozen, or\n"
	"                        custom:reloads=20,min-gap=1h,reload-lateness=2h,...\n"
	"  --now T               the instantiation instant to replay from (RFC 3339, @EPOCH);\n"
	"                        default: the window start, else before the first target\n"
	"  --display-zone ZONE   the device's zone (default: the spec's zone; a floating spec\n"
	"                        is checked in Europe/London, Australia/Sydney, Asia/Kolkata)\n"
	"  --baseline FILE       hide the findings recorded in FILE\n"
	"  --baseline-strict     fail when a baselined finding is gone (the baseline must shrink)\n"
	"  --write-baseline FILE record the current findings in FILE\n"
	"  --no-config           ignore .timelinec.yaml\n"
	"  --tzdata DIR          zoneinfo directory\n"
	"\n"
	"Settings also come from .timelinec.yaml in the spec's folder or above (budget, werror,\n"
	"max-warnings, severity, exclude). Suppress one finding with '# timelinec: ignore TL107 -- reason'\n"
	"on or above its line, or a whole rule with 'suppress: [{rule: TL107, reason: ...}]'.\n"
	"\n"
	"Exit status: 0 clean, 1 findings (errors: what the device shows even when every reload\n"
	"comes on time; warnings with --werror or over --max-warnings), 2 a spec could not be read\n"
	"or is invalid, or bad usage.\n";


/* The check options (common ones go to o); returns 0, or an exit code (-1: help printed). */
static int parse_check_opt(check_opts *c, cli_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;
	tlc_err e = {0};
	int r;
	if (cli_is_opt(a, "--budget")) {
		if (!(v = cli_opt_value(argc, argv, i, "--budget")) || tlc_budget_parse(&c->vo.budget, v, &e) < 0)
			return cli_usage_error("--budget: %s", v ? e.msg : "needs a profile");
		c->budget_given = true;
	} else if (cli_is_opt(a, "--now")) {
		tlc_now_source src;
		if (!(v = cli_opt_value(argc, argv, i, "--now")))
			return cli_usage_error("--now needs an instant");
		if ((r = cli_resolve_now(v, &c->vo.now, &src)) != 0)
			return r;
		c->vo.now_given = true;
	} else if (cli_is_opt(a, "--display-zone")) {
		if (!(c->vo.display_zone = cli_opt_value(argc, argv, i, "--display-zone")))
			return cli_usage_error("--display-zone needs a zone");
	} else if (cli_is_opt(a, "--severity")) {
		char why[256];
		if (!(v = cli_opt_value(argc, argv, i, "--severity")) || c->noverrides == TLC_MAX_OVERRIDES)
			return cli_usage_error("--severity takes RULE=error|warning|note|off, like TL107=off");
		if (tlc_override_parse(&c->overrides[c->noverrides], v) < 0) {
			tlc_override_explain(why, sizeof why, v);
			return cli_usage_error("--severity: %s", why);
		}
		c->noverrides++;
	} else if (cli_is_opt(a, "--max-warnings")) {
		char *end;
		if (!(v = cli_opt_value(argc, argv, i, "--max-warnings")) || !*v ||
		    (o->max_warnings = strtol(v, &end, 10)) < 0 || *end)
			return cli_usage_error("--max-warnings takes a count");
	} else if (cli_is_opt(a, "--output-sarif")) {
		if (!(o->output_sarif = cli_opt_value(argc, argv, i, "--output-sarif")))
			return cli_usage_error("--output-sarif needs a file");
	} else if (cli_is_opt(a, "--output-json")) {
		if (!(o->output_json = cli_opt_value(argc, argv, i, "--output-json")))
			return cli_usage_error("--output-json needs a file");
	} else if (cli_is_opt(a, "--baseline")) {
		if (!(o->baseline = cli_opt_value(argc, argv, i, "--baseline")))
			return cli_usage_error("--baseline needs a file");
	} else if (cli_is_opt(a, "--write-baseline")) {
		if (!(o->write_baseline = cli_opt_value(argc, argv, i, "--write-baseline")))
			return cli_usage_error("--write-baseline needs a file");
	} else if (strcmp(a, "--baseline-strict") == 0) {
		o->baseline_strict = true;
	} else if ((r = cli_common_opt(o, argc, argv, i)) <= 0) {
		return r < 0 ? -r : cli_usage_error("check: unknown option '%s'", a);
	}
	return 0;
}


/*
 * The specs the arguments name, folders walked (walk.h): a folder that cannot be read is a
 * diagnostic of the run (failed), one without a spec a note on stderr, beside the report.
 */
static int collect_specs(cli_speclist *l, report *rep, const cli_env *env, const char **args,
			 size_t nargs, int *failed)
{
	tlc_ctx wctx;
	int rc = 0;
	cli_ctx_init(&wctx, env);
	for (size_t i = 0; i < nargs && rc != TLC_ENOMEM; i++) {
		size_t found;
		rc = cli_walk_add(l, &wctx, args[i], &found);
		if (rc < 0)
			*failed = 1;
		if (found == 0)
			fprintf(stderr, "%s: note: no spec in this folder (*.yaml, *.yml, *.json; hidden, "
				"compiled and excluded files aside)\n", args[i]);
	}
	report_ctx(rep, &wctx);
	tlc_ctx_release(&wctx);
	if (rc == TLC_ENOMEM)
		fputs("timelinec: out of memory\n", stderr);
	return rc == TLC_ENOMEM ? rc : 0;
}

int cmd_check(cli_opts *o, int argc, char **argv)
{
	const char **args = calloc((size_t)argc, sizeof *args);
	size_t nargs = 0;
	int rc = 0;
	check_opts c;
	memset(&c, 0, sizeof c);
	tlc_budget_get(&c.vo.budget, "typical");
	if (!args)
		return EXIT_BAD_INPUT;
	for (int i = 1; i < argc && rc == 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(check_help, stdout);
			rc = -1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			rc = parse_check_opt(&c, o, argc, argv, &i);
		} else {
			args[nargs++] = argv[i];
		}
	}
	if (rc == 0 && !nargs)
		rc = cli_usage_error("check: no spec given");
	if (rc != 0) {
		free(args);
		return rc < 0 ? EXIT_OK : rc;
	}
	cli_env env;
	if ((rc = cli_env_open(&env, o)) != 0) {
		free(args);
		return rc;
	}
	report rep;
	int failed = 0;
	cli_speclist list;
	memset(&list, 0, sizeof list);
	list.use_config = !o->no_config;
	report_init(&rep, o, stdout, stderr, cli_write_atomic);
	if (collect_specs(&list, &rep, &env, args, nargs, &failed) < 0) {
		report_release(&rep);
		cli_speclist_release(&list);
		cli_env_close(&env);
		free(args);
		return EXIT_BAD_INPUT;
	}
	const char *const *specs = (const char *const *)list.v;
	size_t nspecs = list.n;
	for (size_t i = 0; i < nspecs; i++) /* no report may replace what the run reads */
		cli_input(specs[i]);
	/* the baseline is an input, except to --write-baseline over itself: it is read whole first,
	 * and rewriting it is how a baseline shrinks */
	if (o->baseline && !(o->write_baseline && cli_same_file(o->baseline, o->write_baseline)))
		cli_input(o->baseline);
	bool no_baseline = false;
	if (o->baseline) {
		tlc_ctx bctx;
		cli_ctx_init(&bctx, &env);
		no_baseline = report_load_baseline(&rep, &bctx, o->baseline) < 0;
		report_ctx(&rep, &bctx);
		tlc_ctx_release(&bctx);
	}
	failed = failed || no_baseline;
	for (size_t i = 0; i < nspecs && !no_baseline; i++) {
		tlc_ctx ctx;
		tlc_spec *spec = NULL;
		cli_ctx_init(&ctx, &env);
		int err = tlc_spec_load_file(&ctx, specs[i], &spec);
		int gerr = cli_run_check(&ctx, &c, specs[i], err == 0 ? spec : NULL, o, i == 0);
		if (err == TLC_ENOMEM || gerr == TLC_ENOMEM)
			fputs("timelinec: out of memory\n", stderr);
		if (err < 0 || gerr < 0)
			failed = 1;
		report_ctx(&rep, &ctx);
		tlc_ctx_release(&ctx);
	}
	rc = report_finish(&rep, failed);
	cli_speclist_release(&list);
	cli_env_close(&env);
	free(args);
	return rc;
}
