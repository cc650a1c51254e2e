/*
 * cmd_preview.c — `timelinec preview SPEC [--at T] [--html OUT.html] [--locale L]
 * [--display-zone Z] [--budget P] [--now T] [--param K=V]...`: what a widget reads when, for
 * designers. Loads, lowers, verifies (as `check` with the same options), bakes and instantiates
 * the spec (as `compile --timeline --now T`), works out what the device does under the budget
 * profile (preview_model.c), and prints a table (preview_table.c) or writes a page
 * (preview_html.c). A Live Activity spec is built into its schedule (as `compile --now T`),
 * checked (as `check --now T`) and shown presentation by presentation (preview_activity.c,
 * preview_activity_html.c). docs/preview.md describes both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lower/activity.h"
#include "verify/activity_rules.h"
#include "lower/bake.h"
#include "cli/cli.h"
#include "report/gating.h"
#include "lower/lower.h"
#include "preview/preview.h"
#include "report/report.h"
#include "spec/spec.h"
#include "verify/verify.h"
#include "timelinec/timeparse.h"

#define MAX_PARAMS TLC_MAX_PARAMS /* --param options */


/* ---- pages --------------------------------------------------------------------------------- */

static int widget_page(void *what, pvh_out *out, const char *locale)
{
	return preview_html(what, out, locale);
}

static int activity_page(void *what, pvh_out *out, const char *locale)
{
	return preview_activity_html(what, out, locale);
}

/* A page written to path as it is made (the file replaced only when it is whole; standard
 * output gets it at the end, or nothing). 0, or -1 after saying why; *bytes its size. */
static int write_page(const char *path, size_t *bytes,
		      int (*page)(void *what, pvh_out *out, const char *locale), void *what,
		      const char *locale)
{
	cli_out file;
	if (cli_out_open(&file, path) < 0) {
		cli_out_close(&file, false);
		return -1;
	}
	pvh_out out = {TLC_BUF_INIT, cli_out_write, &file, file.to_stdout ? 0 : 64 << 10, 0};
	int rc = page(what, &out, locale); /* on failure it said why */
	tlc_buf_release(&out.buf);
	if (cli_out_close(&file, rc == 0) < 0)
		rc = -1;
	*bytes = file.written;
	return rc < 0 ? -1 : 0;
}

static const char preview_help[] =
	"usage: timelinec preview SPEC [options]\n"
	"\n"
	"What a widget reads at every instant its display changes: the local time, each view's\n"
	"text per family and locale, the entry, the reloads it asks for and when they arrive at the\n"
	"latest, stretches of out-of-date text, and check's findings. Self-updating stretches are\n"
	"summarised by their first and last second. For a Live Activity spec: what each\n"
	"presentation reads from the start to its removal (each update, stale date, the end, the\n"
	"8-hour system end), the phase, the push sent at each state, and check's findings.\n"
	"\n"
	"  --at T                one instant only (RFC 3339 or @EPOCH)\n"
	"  --html OUT.html       write a self-contained page instead: time axis, scrubber, widget\n"
	"                        (or Lock Screen and Dynamic Island) mocks, locale switch ('-':\n"
	"                        standard output)\n"
	"  --locale L            only this locale in the table; the page starts in it (default:\n"
	"                        the spec's locales)\n"
	"  --now T               the instantiation instant (RFC 3339, @EPOCH); default: the window\n"
	"                        start, else an hour before the earliest target's first phase,\n"
	"                        else $SOURCE_DATE_EPOCH, else the clock (Live Activities: what\n"
	"                        'at: now' means; $SOURCE_DATE_EPOCH, else the clock)\n"
	"  --param NAME=VALUE    a parameter value, as for compile (--timeline)\n"
	"  --display-zone ZONE   the device's zone (default: the spec's zone; UTC if floating)\n"
	"  --budget PROFILE      debugger, frequent, typical (default), rare, frozen, or custom:...\n"
	"                        (widgets only)\n"
	"  --no-config           ignore .timelinec.yaml (its budget and severity settings)\n"
	"  --tzdata DIR          zoneinfo directory\n"
	"\n"
	"Exit status: 0 shown (findings do not fail a preview), 2 bad input or usage.\n";

typedef struct preview_opts {
	const char *spec;
	const char *at;
	const char *html;
	const char *locale;
	const char *now;
	const char *display_zone;
	const char *budget;
	const char *params[MAX_PARAMS];
	size_t nparams;
} preview_opts;

static int parse_args(preview_opts *c, cli_opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(preview_help, stdout);
			return -1;
		} else if (cli_is_opt(a, "--at")) {
			if (!(c->at = cli_opt_value(argc, argv, &i, "--at")))
				return cli_usage_error("--at needs an instant");
		} else if (cli_is_opt(a, "--html")) {
			if (!(c->html = cli_opt_value(argc, argv, &i, "--html")))
				return cli_usage_error("--html needs a file name ('-': standard output)");
		} else if (cli_is_opt(a, "--locale")) {
			if (!(c->locale = cli_opt_value(argc, argv, &i, "--locale")))
				return cli_usage_error("--locale needs a locale");
		} else if (cli_is_opt(a, "--now")) {
			if (!(c->now = cli_opt_value(argc, argv, &i, "--now")))
				return cli_usage_error("--now needs an instant");
		} else if (cli_is_opt(a, "--display-zone")) {
			if (!(c->display_zone = cli_opt_value(argc, argv, &i, "--display-zone")))
				return cli_usage_error("--display-zone needs a zone name");
		} else if (cli_is_opt(a, "--budget")) {
			if (!(c->budget = cli_opt_value(argc, argv, &i, "--budget")))
				return cli_usage_error("--budget: needs a profile");
		} else if (cli_is_opt(a, "--param")) {
			const char *v = cli_opt_value(argc, argv, &i, "--param");
			if (!v || !strchr(v, '='))
				return cli_usage_error("--param takes NAME=VALUE");
			if (c->nparams == MAX_PARAMS)
				return cli_usage_error("at most %d --param options", MAX_PARAMS);
			c->params[c->nparams++] = v;
		} else if (a[0] == '-' && a[1]) {
			if ((r = cli_common_opt(o, argc, argv, &i)) == 0)
				return cli_usage_error("preview: unknown option '%s'", a);
			if (r < 0)
				return -r;
		} else if (!c->spec) {
			c->spec = a;
		} else {
			return cli_usage_error("preview takes one spec");
		}
	}
	if (!c->spec)
		return cli_usage_error("usage: timelinec preview SPEC [--at T | --html OUT.html]");
	if (c->at && c->html)
		return cli_usage_error("preview: --at and --html do not go together (the page has a "
				       "scrubber)");
	return 0;
}


/* ---- now ------------------------------------------------------------------------------------ */

static int parse_at(const char *s, tlc_time *out)
{
	tlc_parsed_instant pi;
	tlc_err e;
	if (tlc_instant_parse(&pi, s, strlen(s), &e) < 0 || pi.local)
		return cli_usage_error("--at takes an RFC 3339 instant with Z or an offset "
				       "('2026-12-01T16:57:28Z') or '@EPOCH', not '%s'", s);
	*out = pi.value;
	return 0;
}

/* check's default anchor (verify.c's choose_now()): the window start; else an hour before the
 * first phase of the earliest literal target; else SOURCE_DATE_EPOCH or the clock. */
static int preview_now(const preview_opts *c, const tlc_spec *s, tlc_time *now, const char **why)
{
	tlc_now_source src;
	int rc;
	if (c->now) {
		*why = "--now";
		return cli_resolve_now(c->now, now, &src);
	}
	if (s->has_window && !s->window_start.local) {
		*now = s->window_start.at;
		*why = "the window start; give --now to choose";
		return 0;
	}
	tlc_time best = TLC_TIME_NONE;
	for (size_t i = 0; i < s->ncountdowns; i++) {
		const tlc_sp_countdown *cd = &s->countdowns[i];
		if (cd->target.expr.kind != TLC_TIME_EXPR_LITERAL || cd->target.local)
			continue;
		int64_t top = 0;
		for (size_t k = 0; k < cd->nphases; k++)
			if (cd->phases[k].has_above && cd->phases[k].above > top)
				top = cd->phases[k].above;
		tlc_time x = cd->target.at - top - 3600;
		if (best == TLC_TIME_NONE || x < best)
			best = x;
	}
	if (best != TLC_TIME_NONE) {
		*now = best;
		*why = "an hour before the first phase; give --now to choose";
		return 0;
	}
	if ((rc = cli_resolve_now(NULL, now, &src)) != 0)
		return rc;
	*why = src == TLC_NOW_SOURCE_DATE_EPOCH ? "SOURCE_DATE_EPOCH" : "the clock; give --now to choose";
	return 0;
}

/* ---- the run -------------------------------------------------------------------------------- */

typedef struct preview_run {
	preview_opts c;
	cli_opts *o;
	cli_env env;
	tlc_ctx ctx;
	tlc_spec *spec;
	tlc_program *p;
	tlc_timeline *tl;
	tlc_param_value vals[MAX_PARAMS];
	const char *locale_list[TLC_RENDER_MAX_LOCALES + 1];
} preview_run;

/* Diagnostics of a spec that cannot be previewed, as check prints them; returns 2. */
static int bad_spec(preview_run *r)
{
	report rep;
	report_init(&rep, r->o, stderr, stderr, cli_write_atomic);
	report_ctx(&rep, &r->ctx);
	return report_finish(&rep, 1);
}

static int verify(preview_run *r, preview *pv)
{
	tlc_config cfg;
	tlc_verify_opts vo;
	memset(&vo, 0, sizeof vo);
	tlc_config_init(&cfg);
	if (!r->o->no_config && tlc_config_load(&r->ctx, &cfg, r->c.spec) < 0)
		return bad_spec(r);
	if (!r->c.budget && *cfg.budget) {
		tlc_err e = {0};
		if (tlc_budget_parse(&pv->budget, cfg.budget, &e) < 0) {
			fprintf(stderr, "%s: error: budget: %s\n", cfg.path, e.msg);
			return EXIT_BAD_INPUT;
		}
	}
	vo.budget = pv->budget;
	vo.now = pv->io.now;
	vo.now_given = r->c.now != NULL;
	if (!vo.now_given) { /* as check: SOURCE_DATE_EPOCH or the clock, used without an anchor */
		tlc_now_source src;
		cli_resolve_now(NULL, &vo.now, &src);
	}
	vo.display_zone = r->c.display_zone;
	int rc = tlc_verify(&r->ctx, r->spec, r->p, &vo);
	if (rc == TLC_EINVAL)
		return cli_unknown_display_zone(&r->env, r->c.display_zone);
	if (rc < 0) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	tlc_apply_suppressions(&r->ctx, r->spec->file, r->spec);
	tlc_apply_overrides(&r->ctx.diags, cfg.overrides, cfg.noverrides);
	tlc_diags_sort(&r->ctx.diags);
	return 0;
}

static int instantiate(preview_run *r, preview *pv)
{
	const tlc_program *p = r->p;
	const tlc_zone *ez = NULL, *dz = NULL;
	tlc_inst_err ie;
	if (strcmp(p->zone, "floating") != 0 && tlc_zones_get(r->env.zones, p->zone, &ez) < 0)
		return cli_usage_error("zone '%s' is not in the zone database", p->zone);
	const char *dzn = r->c.display_zone ? r->c.display_zone : ez ? p->zone : "UTC";
	if (tlc_zones_get(r->env.zones, dzn, &dz) < 0)
		return cli_unknown_display_zone(&r->env, dzn);
	if (cli_param_values(p, ez ? ez : dz, r->c.params, r->c.nparams, r->vals) != 0)
		return EXIT_BAD_INPUT;
	/* a parameter a time needs and no --param gives: where it is used, with a value to give */
	if (cli_missing_params(&r->ctx, r->spec, r->c.params, r->c.nparams, pv->io.now))
		return bad_spec(r);
	tlc_instantiate_opts io = {.now = pv->io.now, .data_time = TLC_TIME_NONE,
				   .now_source = pv->io.now_source, .event_zone = ez,
				   .display_zone = dz, .params = r->vals, .nparams = r->c.nparams};
	pv->io = io;
	pv->dz = dz;
	int rc = tlc_instantiate(&r->tl, p, &io, &ie);
	if (rc == TLC_ENOMEM) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	if (rc < 0) {
		fprintf(stderr, "%s: error: cannot instantiate: %s%s\n", r->c.spec, ie.msg,
			ie.kind == TLC_INST_ERR_MISSING_PARAM ? " (give it with --param)" : "");
		return EXIT_BAD_INPUT;
	}
	pv->tl = r->tl;
	return 0;
}

/* ---- Live Activities ------------------------------------------------------------------------ */

/* The findings: check's (in ctx->diags) and those of this very schedule (in *local), both after
 * the spec's suppressions and the config's severity overrides. */
static int activity_findings(preview_run *r, pv_activity *pa, tlc_diags *local)
{
	tlc_config cfg;
	tlc_config_init(&cfg);
	if (!r->o->no_config && tlc_config_load(&r->ctx, &cfg, r->c.spec) < 0)
		return bad_spec(r);
	int err = tlc_activity_check(&r->ctx, r->spec, pa->now);
	if (err == TLC_ENOMEM) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	if (err < 0)
		return bad_spec(r);
	tlc_apply_suppressions(&r->ctx, r->spec->file, r->spec);
	tlc_apply_overrides(&r->ctx.diags, cfg.overrides, cfg.noverrides);
	tlc_diags_sort(&r->ctx.diags);
	/* the same rules over the previewed schedule, to place the findings at their instants */
	tlc_diags checked = r->ctx.diags;
	tlc_diags_init(&r->ctx.diags);
	tlc_activity_verify(&r->ctx, pa->sch, TLC_LA_BUDGET(pa->sch->spec));
	tlc_apply_suppressions(&r->ctx, r->spec->file, r->spec);
	tlc_apply_overrides(&r->ctx.diags, cfg.overrides, cfg.noverrides);
	tlc_diags_sort(&r->ctx.diags);
	*local = r->ctx.diags;
	r->ctx.diags = checked;
	if (pa_findings(pa, &r->ctx.diags, local) < 0) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	return 0;
}

static int run_activity(preview_run *r)
{
	const tlc_spec *s = r->spec;
	tlc_la_schedule *sch = NULL;
	tlc_diags local;
	pv_activity pa;
	tlc_now_source src;
	int rc;
	memset(&pa, 0, sizeof pa);
	tlc_diags_init(&local);
	if (r->c.budget)
		return cli_usage_error("--budget applies to widget specs: a Live Activity is updated by "
				       "pushes, not reloads (TL210 assumes about %d priority-10 pushes an "
				       "hour)", TLC_LA_PUSHES_PER_HOUR);
	const char *dzn = r->c.display_zone ? r->c.display_zone : s->zone ? s->zone_name : "UTC";
	if (tlc_zones_get(r->env.zones, dzn, &pa.dz) < 0)
		return cli_unknown_display_zone(&r->env, dzn);
	if (cli_spec_param_values(s, s->zone, r->c.params, r->c.nparams, r->vals) != 0)
		return EXIT_BAD_INPUT;
	if ((rc = cli_resolve_now(r->c.now, &pa.now, &src)) != 0)
		return rc;
	pa.now_why = r->c.now ? "--now"
		     : src == TLC_NOW_SOURCE_DATE_EPOCH ? "SOURCE_DATE_EPOCH" : "the clock; give --now to choose";
	tlc_la_opts lo = {pa.now, src, r->vals, r->c.nparams, false};
	if ((rc = tlc_activity_build(&r->ctx, s, &lo, &sch)) < 0) {
		if (rc == TLC_ENOMEM) {
			fputs("timelinec: out of memory\n", stderr);
			return EXIT_BAD_INPUT;
		}
		return bad_spec(r);
	}
	if (!sch->nstates) {
		tlc_activity_free(sch);
		fprintf(stderr, "%s: error: the activity has no states to preview\n", r->c.spec);
		return EXIT_BAD_INPUT;
	}
	pa.err = stderr;
	pa.path = r->c.spec;
	pa.spec = s;
	pa.sch = sch;
	pa.ctx = &r->ctx;
	pa.params = r->c.params;
	pa.nparams = r->c.nparams;
	for (size_t i = 0; i < s->nparams; i++)
		if (s->params[i].type == TLC_PARAM_INSTANT)
			pa.param_domain = true;
	/* the locales: as for widgets */
	if (r->c.locale && !r->c.html) {
		r->locale_list[pa.nlocales++] = r->c.locale;
	} else {
		bool listed = false;
		for (size_t i = 0; i < s->nlocales && i < TLC_RENDER_MAX_LOCALES; i++) {
			r->locale_list[pa.nlocales++] = s->locales[i];
			listed = listed || (r->c.locale && strcmp(s->locales[i], r->c.locale) == 0);
		}
		if (r->c.locale && !listed)
			r->locale_list[pa.nlocales++] = r->c.locale;
	}
	pa.locales = r->locale_list;
	if ((rc = pa_build(&pa)) < 0) { /* a template that does not split: its diagnostics */
		if (rc == TLC_EINPUT)
			rc = bad_spec(r);
		else
			fprintf(stderr, "%s: error: cannot preview the presentations: %s\n", r->c.spec,
				tlc_strerror(rc));
		rc = EXIT_BAD_INPUT;
		goto done;
	}
	if ((rc = activity_findings(r, &pa, &local)) != 0)
		goto done;
	if (r->c.html) {
		size_t bytes = 0;
		rc = write_page(r->c.html, &bytes, activity_page, &pa, r->c.locale);
		if (rc == 0 && strcmp(r->c.html, "-") != 0)
			printf("wrote %s: %zu state%s, %zu locale%s, %zu KiB\n", r->c.html, sch->nstates,
			       sch->nstates == 1 ? "" : "s", pa.nlocales, pa.nlocales == 1 ? "" : "s",
			       (bytes + 1023) / 1024);
		rc = rc < 0 ? EXIT_BAD_INPUT : EXIT_OK;
	} else {
		tlc_time at = TLC_TIME_NONE;
		if (!r->c.at || (rc = parse_at(r->c.at, &at)) == 0)
			rc = preview_activity_table(&pa, stdout, at);
	}
done:
	pa_release(&pa);
	tlc_diags_release(&local);
	tlc_activity_free(sch);
	return rc;
}

static int run(preview_run *r)
{
	preview pv;
	tlc_err e = {0};
	int rc;
	memset(&pv, 0, sizeof pv);
	pv.err = stderr;
	pv.path = r->c.spec;
	pv.render = r->env.render;
	if (tlc_budget_parse(&pv.budget, r->c.budget ? r->c.budget : "typical", &e) < 0)
		return cli_usage_error("--budget: %s", e.msg);
	if (r->c.locale) {
		tlc_render_locale *loc;
		if (tlc_render_locale_get(&loc, r->env.render, r->c.locale) < 0)
			return cli_usage_error("unknown locale '%s'", r->c.locale);
	}
	if (tlc_spec_load_file(&r->ctx, r->c.spec, &r->spec) < 0)
		return bad_spec(r);
	if (r->spec->kind == TLC_SPEC_ACTIVITY)
		return run_activity(r);
	if (tlc_lower(&r->ctx, r->spec, &r->p) < 0)
		return bad_spec(r);
	if ((rc = preview_now(&r->c, r->spec, &pv.io.now, &pv.now_why)) != 0)
		return rc;
	pv.io.now_source = TLC_NOW_OPTION;
	if ((rc = verify(r, &pv)) != 0)
		return rc;
	for (size_t i = 0; i < r->spec->nparams; i++)
		if (r->spec->params[i].type == TLC_PARAM_INSTANT)
			pv.param_domain = true;
	if ((rc = tlc_bake(&r->ctx, r->spec, r->p)) == TLC_ENOMEM) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	if (rc < 0)
		return bad_spec(r);
	if ((rc = instantiate(r, &pv)) != 0)
		return rc;
	pv.spec = r->spec;
	pv.p = r->p;
	/* the table: --locale alone, else the spec's; the page: the spec's, and --locale too */
	if (r->c.locale && !r->c.html) {
		r->locale_list[pv.nlocales++] = r->c.locale;
	} else {
		bool listed = false;
		for (size_t i = 0; i < r->p->nlocales && i < TLC_RENDER_MAX_LOCALES; i++) {
			r->locale_list[pv.nlocales++] = r->p->locales[i];
			listed = listed || (r->c.locale && strcmp(r->p->locales[i], r->c.locale) == 0);
		}
		if (r->c.locale && !listed)
			r->locale_list[pv.nlocales++] = r->c.locale;
	}
	pv.locales = r->locale_list;
	tlc_inst_err ie;
	rc = preview_device(&pv, &ie);
	if (rc == 0)
		rc = preview_findings(&pv, &r->ctx);
	if (rc < 0) {
		fprintf(stderr, "%s: error: cannot replay the reloads: %s\n", r->c.spec,
			rc == TLC_ENOMEM ? "out of memory" : ie.msg);
		preview_release(&pv);
		return EXIT_BAD_INPUT;
	}
	if (r->c.html) {
		size_t bytes = 0;
		rc = write_page(r->c.html, &bytes, widget_page, &pv, r->c.locale);
		if (rc == 0 && strcmp(r->c.html, "-") != 0)
			printf("wrote %s: %zu entr%s, %zu locale%s, %zu KiB\n", r->c.html,
			       r->tl->nentries, r->tl->nentries == 1 ? "y" : "ies", pv.nlocales,
			       pv.nlocales == 1 ? "" : "s", (bytes + 1023) / 1024);
		rc = rc < 0 ? EXIT_BAD_INPUT : EXIT_OK;
	} else {
		tlc_time at = TLC_TIME_NONE;
		if (r->c.at && (rc = parse_at(r->c.at, &at)) != 0) {
			preview_release(&pv);
			return rc;
		}
		rc = preview_table(&pv, stdout, at);
	}
	preview_release(&pv);
	return rc;
}

int cmd_preview(cli_opts *o, int argc, char **argv)
{
	preview_run r;
	int rc;
	memset(&r, 0, sizeof r);
	r.o = o;
	if ((rc = parse_args(&r.c, o, argc, argv)) != 0)
		return rc < 0 ? EXIT_OK : rc;
	if (r.c.at) { /* a usage error before any work */
		tlc_time t;
		if ((rc = parse_at(r.c.at, &t)) != 0)
			return rc;
	}
	if (r.c.spec)
		cli_input(r.c.spec); /* --html SPEC would replace it */
	if ((rc = cli_env_open(&r.env, o)) != 0)
		return rc;
	cli_ctx_init(&r.ctx, &r.env);
	rc = run(&r);
	tlc_timeline_free(r.tl);
	tlc_program_free(r.p);
	tlc_ctx_release(&r.ctx);
	cli_env_close(&r.env);
	return rc;
}
