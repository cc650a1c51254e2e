/*
 * cmd_render.c — `timelinec render FILE --at T [--locale L] [--family F]`: what each view of a
 * compiled timeline reads at instant T, rendered as the device would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "display/display.h"
#include "report/report.h"
#include "lower/activity.h"
#include "display/activity_render.h"
#include "front/parse.h"
#include "spec/spec.h"
#include "timelinec/civil.h"
#include "timelinec/timeparse.h"

static const char render_help[] =
	"usage: timelinec render FILE --at T [--locale L] [--family F]\n"
	"       timelinec render ACTIVITY-SPEC --at T --now T0 [--param NAME=VALUE]...\n"
	"\n"
	"Print what each countdown view of a timeline (from 'compile --timeline') reads at T; for\n"
	"a Live Activity spec, what each presentation reads at T and where the activity is in its\n"
	"life (active, stale, ended, dismissed), started at --now with the given params.\n"
	"\n"
	"  --at T        RFC 3339 instant or @EPOCH\n"
	"  --locale L    the device locale (default: each of the program's locales)\n"
	"  --family F    one widget family (default: every family the views list)\n"
	"  --tzdata DIR  zoneinfo directory\n";


static int print_view(cli_env *env, const tlc_timeline *tl, size_t ci, const tlc_entry *e,
		      const char *locale, int fam_only, tlc_time t, const tlc_zone *dz)
{
	int failed = 0;
	const tlc_tl_view *v = &e->views[ci];
	const char *id = tl->program->countdowns[ci].id;
	for (int f = 0; f < TLC_FAM_MAX; f++) {
		if ((fam_only >= 0 && f != fam_only) || (fam_only < 0 && !v->runs[f]))
			continue;
		tlc_buf b = TLC_BUF_INIT;
		int rc = tlc_display_view(&b, NULL, env->render, tl, v, (tlc_family_id)f, locale, t, dz);
		printf("%s/%s [%s]: %s%s\n", id, tlc_family_name((tlc_family_id)f), locale,
		       rc < 0 ? "(cannot render: " : b.ptr, rc < 0 ? tlc_strerror(rc) : "");
		if (rc < 0) {
			fprintf(stderr, "timelinec: error: cannot render %s/%s in %s: %s\n", id,
				tlc_family_name((tlc_family_id)f), locale, tlc_strerror(rc));
			failed = 1;
		}
		tlc_buf_release(&b);
	}
	return failed;
}

static int render_at(cli_env *env, const tlc_timeline *tl, tlc_time t, const char *locale,
		     int fam)
{
	const tlc_zone *dz = NULL;
	char when[32];
	int failed = 0;
	tlc_zones_get(env->zones, tl->display_zone, &dz); /* checked by the caller */
	ptrdiff_t k = tlc_timeline_lookup(tl, t);
	if (k < 0) {
		fprintf(stderr, "timelinec: error: the timeline starts after the instant\n");
		return EXIT_BAD_INPUT;
	}
	const tlc_entry *e = &tl->entries[k];
	tlc_format_rfc3339(when, e->date);
	printf("entry %td of %zu (from %s)", k + 1, tl->nentries, when);
	if (e->relevance > 0)
		printf(", relevance %g", e->relevance);
	printf("\n");
	for (size_t ci = 0; ci < tl->program->ncountdowns; ci++) {
		if (locale) {
			failed |= print_view(env, tl, ci, e, locale, fam, t, dz);
			continue;
		}
		for (size_t li = 0; li < tl->program->nlocales; li++)
			failed |= print_view(env, tl, ci, e, tl->program->locales[li], fam, t, dz);
	}
	return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

/* The timeline's display zone and locales exist here (the runtime reader cannot know). */
static int check_timeline_env(tlc_ctx *ctx, cli_env *env, uint32_t file, const tlc_timeline *tl)
{
	static const char *const dzk[] = {"display-zone"}, *const lk[] = {"program", "locales"};
	const tlc_zone *dz;
	int bad = 0;
	if (tlc_zones_get(env->zones, tl->display_zone, &dz) < 0) {
		tlc_diag_add(&ctx->diags, "TL021", cli_json_span(ctx, file, dzk, 1, -1),
			     "the timeline's display zone '%s' is not in this machine's zone database",
			     tl->display_zone);
		bad = 1;
	}
	for (size_t i = 0; i < tl->program->nlocales; i++) {
		tlc_render_locale *loc;
		if (tlc_render_locale_get(&loc, env->render, tl->program->locales[i]) < 0) {
			tlc_diag_add(&ctx->diags, "TL026", cli_json_span(ctx, file, lk, 2, (long)i),
				     "unknown locale '%s' in the timeline", tl->program->locales[i]);
			bad = 1;
		}
	}
	return bad;
}

static int render_activity(tlc_ctx *ctx, const tlc_spec *spec, tlc_time t, const char *now,
			   const char **params, size_t nparams, const char *locale)
{
	tlc_param_value vals[TLC_MAX_PARAMS];
	tlc_la_schedule *sch = NULL;
	tlc_time t0;
	tlc_now_source src;
	int rc = cli_resolve_now(now, &t0, &src);
	if (rc)
		return rc;
	if (cli_spec_param_values(spec, spec->zone, (const char *const *)params, nparams, vals) != 0)
		return EXIT_BAD_INPUT;
	tlc_la_opts lo = {t0, src, vals, nparams, false};
	rc = tlc_activity_build(ctx, spec, &lo, &sch) < 0 ? EXIT_BAD_INPUT : EXIT_OK;
	for (int p = 0; rc == 0 && p < TLC_LA_PRESENTATIONS; p++) {
		if (!spec->views[p])
			continue;
		for (size_t li = 0; li < spec->nlocales; li++) {
			const char *loc = locale ? locale : spec->locales[li];
			tlc_buf b = TLC_BUF_INIT;
			tlc_la_phase phase;
			int err = tlc_activity_render(&b, NULL, &phase, ctx, sch, p, loc, t, spec->zone);
			printf("%s [%s] (%s): %s\n", tlc_presentation_names[p], loc, tlc_la_phase_name(phase),
			       err < 0 ? "(cannot render)" : b.ptr);
			tlc_buf_release(&b);
			if (err < 0) { /* check and compile refuse what cannot render: a bug if it comes here */
				tlc_diag *g = tlc_diag_add(&ctx->diags, "TL025", spec->view_nodes[p]->span,
							   "cannot render %s in %s: %s", tlc_presentation_names[p],
							   loc, tlc_strerror(err));
				if (g)
					g->sev = TLC_SEV_ERROR;
				rc = EXIT_BAD_INPUT;
			}
			if (locale)
				break;
		}
	}
	tlc_activity_free(sch);
	return rc;
}

/* A spec file: Live Activities render from their schedule. */
/* A Live Activity spec, already read into ctx's sources (stdin too); diagnostics go into ctx. */
static int render_spec(tlc_ctx *ctx, uint32_t src_id, const char *file, tlc_time t, const char *now,
		       const char **params, size_t nparams, const char *locale)
{
	tlc_spec *spec = NULL;
	if (tlc_spec_load(ctx, src_id, &spec) < 0)
		return EXIT_BAD_INPUT;
	if (spec->kind != TLC_SPEC_ACTIVITY)
		return cli_usage_error("render takes a timeline (compile --timeline) or a Live Activity "
				       "spec; '%s' is a widget spec", file);
	return render_activity(ctx, spec, t, now, params, nparams, locale);
}

int cmd_render(cli_opts *o, int argc, char **argv)
{
	const char *file = NULL, *at = NULL, *locale = NULL, *family = NULL, *now = NULL;
	const char *params[TLC_MAX_PARAMS];
	size_t nparams = 0;
	int fam = -1;
	for (int i = 1; i < argc; i++) {
		int r;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(render_help, stdout);
			return EXIT_OK;
		} else if (cli_is_opt(argv[i], "--at")) {
			if (!(at = cli_opt_value(argc, argv, &i, "--at")))
				return cli_usage_error("--at needs an instant");
		} else if (cli_is_opt(argv[i], "--locale")) {
			if (!(locale = cli_opt_value(argc, argv, &i, "--locale")))
				return cli_usage_error("--locale needs a locale");
		} else if (cli_is_opt(argv[i], "--now")) {
			if (!(now = cli_opt_value(argc, argv, &i, "--now")))
				return cli_usage_error("--now needs an instant");
		} else if (cli_is_opt(argv[i], "--param")) {
			if (nparams == TLC_MAX_PARAMS)
				return cli_usage_error("at most %d --param options", TLC_MAX_PARAMS);
			if (!(params[nparams++] = cli_opt_value(argc, argv, &i, "--param")) ||
			    !strchr(params[nparams - 1], '='))
				return cli_usage_error("--param takes NAME=VALUE");
		} else if (cli_is_opt(argv[i], "--family")) {
			if (!(family = cli_opt_value(argc, argv, &i, "--family")))
				return cli_usage_error("--family needs a family name");
		} else if (argv[i][0] == '-' && argv[i][1]) {
			if ((r = cli_common_opt(o, argc, argv, &i)) == 0)
				return cli_usage_error("render: unknown option '%s'", argv[i]);
			if (r < 0)
				return -r;
		} else if (!file) {
			file = argv[i];
		} else {
			return cli_usage_error("render takes one timeline file");
		}
	}
	if (!file || !at)
		return cli_usage_error("usage: timelinec render FILE --at T");
	if (family) {
		for (int f = 0; f < TLC_FAM_MAX; f++)
			if (strcmp(family, tlc_family_name((tlc_family_id)f)) == 0)
				fam = f;
		if (fam < 0)
			return cli_usage_error("unknown family '%s'", family);
	}
	tlc_time t;
	tlc_now_source src;
	int rc = cli_resolve_now(at, &t, &src);
	if (rc)
		return rc;
	/* a timeline (or a Live Activity spec), read once, with the timeline's limit */
	cli_env env;
	tlc_ctx ctx;
	uint32_t src_id = 0;
	tlc_timeline *tl = NULL;
	bool as_spec = false;
	if ((rc = cli_env_open(&env, o)) != 0)
		return rc;
	cli_ctx_init(&ctx, &env);
	rc = tlc_input_read_as(&ctx, file, "timeline", TLC_MAX_TIMELINE_BYTES,
			       "64 MiB (TLC_MAX_TIMELINE_BYTES)", &src_id) < 0 ? EXIT_BAD_INPUT : 0;
	const tlc_source *in = rc ? NULL : tlc_sources_get(&ctx.sources, src_id);
	if (in && !strstr(in->text, "\"timelinec-timeline\"")) {
		if (in->len > TLC_MAX_FILE_SIZE) {
			tlc_diag_add(&ctx.diags, "TL003", tlc_span_make(src_id, 0, 0), "neither a timeline "
				     "nor a spec: a spec is at most " TLC_MAX_FILE_SIZE_NAME);
			rc = EXIT_BAD_INPUT;
		} else {
			rc = render_spec(&ctx, src_id, file, t, now, params, nparams, locale);
			as_spec = true;
		}
	}
	if (in && !as_spec && rc == 0) {
		tlc_err e = {0};
		int err = tlc_timeline_read_json(&tl, in->text, in->len, &e);
		if (err == TLC_ENOMEM) {
			fputs("timelinec: out of memory\n", stderr);
			rc = EXIT_BAD_INPUT;
		} else if (err < 0) {
			size_t off = e.offset < in->len ? e.offset : in->len;
			tlc_diag_add(&ctx.diags, "TL001", tlc_span_make(src_id, off, off + e.len),
				     "not a valid timeline: %s", e.msg);
			rc = EXIT_BAD_INPUT;
		} else if (check_timeline_env(&ctx, &env, src_id, tl)) {
			rc = EXIT_BAD_INPUT;
		}
	}
	if (rc == 0 && !as_spec) {
		tlc_render_locale *loc;
		if (locale && tlc_render_locale_get(&loc, env.render, locale) < 0)
			rc = cli_usage_error("unknown locale '%s'", locale);
		else
			rc = render_at(&env, tl, t, locale, fam);
	}
	if (rc && ctx.diags.n) { /* a spec's warnings stay out of a rendering that worked */
		report rep;
		report_init(&rep, o, stderr, stderr, cli_write_atomic);
		report_ctx(&rep, &ctx);
		report_finish(&rep, 1);
	}
	tlc_timeline_free(tl);
	tlc_ctx_release(&ctx);
	cli_env_close(&env);
	return rc;
}
