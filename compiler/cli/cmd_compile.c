/*
 * cmd_compile.c — `timelinec compile SPEC... [-o FILE|DIR|-] [--timeline] [--param K=V]...
 * [--now T] [--display-zone Z]`: the program, or the instantiated timeline.
 *
 * Output is written atomically (a temporary file in the same directory, then rename), so a
 * failed run never leaves a half-written file. `now` comes from --now, else SOURCE_DATE_EPOCH,
 * else the clock; the timeline records which.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "cli/cli.h"
#include "lower/activity.h"
#include "lower/bake.h"
#include "display/display.h"
#include "lower/lower.h"
#include "report/report.h"
#include "spec/spec.h"
#include "spec/validate.h"
#include "lower/xcstrings.h"
#include "timelinec/civil.h"
#include "timelinec/timeline.h"
#include "timelinec/timeparse.h"

#define MAX_PARAMS TLC_MAX_PARAMS /* --param options */

typedef struct compile_opts {
	const char **specs;
	size_t nspecs;
	const char *out;
	bool timeline;
	bool check;
	const char *params[MAX_PARAMS];
	size_t nparams;
	const char *now;
	const char *display_zone;
	const char *xcstrings;
	bool program;
} compile_opts;

static const char compile_help[] =
	"usage: timelinec compile [options] SPEC...\n"
	"\n"
	"Compile each widget spec into a program (JSON, docs/program.schema.json); with\n"
	"--timeline, instantiate it into the timeline WidgetKit needs (docs/timeline.schema.json).\n"
	"A Live Activity spec compiles into its schedule: the content states over its life and the\n"
	"APNs requests a server sends (docs/schedule.schema.json); give its params and --now. With\n"
	"--program it compiles into its program instead (docs/activity-program.schema.json).\n"
	"SPEC may also be a compiled NAME.program.json, instantiated as the runtime would (a server\n"
	"that learns the parameters at run time): a widget's with --timeline, an activity's as is.\n"
	"\n"
	"  -o FILE|DIR|-          one spec: a file or '-' (stdout, the default); several specs: a\n"
	"                         directory, which gets NAME.program.json / NAME.timeline.json\n"
	"  --timeline             write the instantiated timeline instead of the program\n"
	"  --program              a Live Activity spec: write its program, not its schedule\n"
	"  --check                also run check's verifier: findings fail the build (exit 1)\n"
	"  --param NAME=VALUE     a parameter value (instant: RFC 3339, @EPOCH or a local time in\n"
	"                         the spec's zone; duration: 90m; text, integer, number)\n"
	"  --now T                the instantiation instant (RFC 3339 or @EPOCH); default\n"
	"                         $SOURCE_DATE_EPOCH, else the clock\n"
	"  --display-zone ZONE    the device's zone (default: the spec's zone; UTC if floating)\n"
	"  --xcstrings FILE|DIR   also write the widget's String Catalog (its messages in the\n"
	"                         source language), merged into the catalog already there; a\n"
	"                         directory gets WIDGET.xcstrings (the table name)\n"
	"  --format, --color, --tzdata, --werror as for check (diagnostics go to stderr)\n";

static int parse_compile_args(compile_opts *c, cli_opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		int r;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(compile_help, stdout);
			return -1;
		} else if (strcmp(a, "-o") == 0 || cli_is_opt(a, "--output")) {
			if (!(v = cli_opt_value(argc, argv, &i, a[1] == 'o' ? "-o" : "--output")))
				return cli_usage_error("%s needs a file, a directory or '-'", a);
			c->out = v;
		} else if (strcmp(a, "--timeline") == 0) {
			c->timeline = true;
		} else if (strcmp(a, "--program") == 0) {
			c->program = true;
		} else if (strcmp(a, "--check") == 0) {
			c->check = true;
		} else if (cli_is_opt(a, "--param")) {
			if (!(v = cli_opt_value(argc, argv, &i, "--param")) || !strchr(v, '='))
				return cli_usage_error("--param takes NAME=VALUE");
			if (c->nparams == MAX_PARAMS)
				return cli_usage_error("at most %d --param options", MAX_PARAMS);
			c->params[c->nparams++] = v;
		} else if (cli_is_opt(a, "--now")) {
			if (!(c->now = cli_opt_value(argc, argv, &i, "--now")))
				return cli_usage_error("--now needs an instant");
		} else if (cli_is_opt(a, "--xcstrings")) {
			if (!(c->xcstrings = cli_opt_value(argc, argv, &i, "--xcstrings")))
				return cli_usage_error("--xcstrings needs a file or a directory");
		} else if (cli_is_opt(a, "--display-zone")) {
			if (!(c->display_zone = cli_opt_value(argc, argv, &i, "--display-zone")))
				return cli_usage_error("--display-zone needs a zone name");
		} else if (a[0] == '-' && a[1]) {
			if ((r = cli_common_opt(o, argc, argv, &i)) == 0)
				return cli_usage_error("compile: unknown option '%s'", a);
			if (r < 0)
				return -r;
		} else {
			c->specs[c->nspecs++] = a;
		}
	}
	if (!c->nspecs)
		return cli_usage_error("compile: no spec given");
	if (c->program && c->timeline)
		return cli_usage_error("--program and --timeline: a program or its instantiation, not both");
	return 0;
}

/* ---- now and params ------------------------------------------------------------------------- */


/* ---- output --------------------------------------------------------------------------------- */


static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where the output for spec i goes. */
static char *output_path(const compile_opts *c, const char *spec, const char *kind)
{
	if (!c->out || strcmp(c->out, "-") == 0 || !is_dir(c->out))
		return strdup(c->out ? c->out : "-");
	const char *base = strrchr(spec, '/');
	base = base ? base + 1 : spec;
	size_t bl = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot != base)
		bl = (size_t)(dot - base);
	if (bl > 8 && memcmp(base + bl - 8, ".program", 8) == 0) /* NAME.program.json: NAME */
		bl -= 8;
	size_t n = strlen(c->out) + bl + 32;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%.*s.%s.json", c->out, (int)bl, base,
			 kind ? kind : c->timeline ? "timeline" : "program");
	return p;
}

/* ---- one spec ------------------------------------------------------------------------------- */

typedef struct compile_run {
	const compile_opts *c;
	cli_opts *o;
	bool first;
	cli_env *env;
	tlc_time now;
	tlc_now_source now_src;
} compile_run;

/* p's JSON into out, stopped at TLC_MAX_PROGRAM_BYTES (a TL003 at `where` then). */
static void program_json(tlc_ctx *ctx, tlc_span where, const tlc_program *p, tlc_buf *out)
{
	out->limit = TLC_MAX_PROGRAM_BYTES;
	tlc_program_write_json(out, p);
	if (tlc_buf_over(out)) {
		size_t baked = 0;
		for (size_t i = 0; i < p->nbaked; i++)
			baked += p->baked[i].ntuples;
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL003", where, "the program would be larger "
					   "than the limit of 16 MiB (TLC_MAX_PROGRAM_BYTES): %zu "
					   "messages, %zu baked texts", p->nmessages, baked);
		tlc_diag_set_fix(g, "fewer phases, locales or baked units (a text with {total-minutes} "
				 "bakes one text per minute)");
	}
}

/* Instantiates p into its timeline JSON; `where` is what a failure points at. */
static int instantiate_json(compile_run *cr, tlc_ctx *ctx, tlc_span where, const tlc_program *p,
			    tlc_buf *out)
{
	const tlc_zone *ez = NULL, *dz = NULL;
	tlc_param_value vals[MAX_PARAMS];
	tlc_inst_err ie;
	tlc_timeline *tl = NULL;
	if (strcmp(p->zone, "floating") != 0 && tlc_zones_get(cr->env->zones, p->zone, &ez) < 0) {
		static const char *const zk[] = {"zone"};
		tlc_span at = where.start == 0 && where.end == 0 ? cli_json_span(ctx, where.file, zk, 1, -1) : where;
		tlc_diag_add(&ctx->diags, "TL021", at, "the program's zone '%s' is not in this machine's "
			     "zone database", p->zone);
		return EXIT_BAD_INPUT;
	}
	const char *dzn = cr->c->display_zone ? cr->c->display_zone : ez ? p->zone : "UTC";
	if (tlc_zones_get(cr->env->zones, dzn, &dz) < 0)
		return cli_unknown_display_zone(cr->env, dzn);
	if (cli_param_values(p, ez ? ez : dz, cr->c->params, cr->c->nparams, vals) != 0)
		return EXIT_BAD_INPUT;
	tlc_instantiate_opts o = {.now = cr->now, .data_time = TLC_TIME_NONE, .now_source = cr->now_src,
				  .event_zone = ez, .display_zone = dz, .params = vals,
				  .nparams = cr->c->nparams};
	int rc = tlc_instantiate(&tl, p, &o, &ie);
	if (rc == TLC_ENOMEM) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	if (rc < 0) { /* a diagnostic, so --format json and sarif carry it too */
		tlc_diag *g = tlc_diag_add(&ctx->diags, ie.kind == TLC_INST_ERR_TOO_MANY_CHANGES
							? "TL113" : "TL020",
					   where, "cannot instantiate: %s", ie.msg);
		const char *q = strchr(ie.msg, '\''), *qe = q ? strchr(q + 1, '\'') : NULL;
		if (ie.kind == TLC_INST_ERR_MISSING_PARAM && qe)
			tlc_diag_set_fix(g, "give it with --param %.*s=VALUE", (int)(qe - q - 1), q + 1);
		else if (ie.kind == TLC_INST_ERR_MISSING_PARAM)
			tlc_diag_set_fix(g, "give it with --param NAME=VALUE");
		g->sev = TLC_SEV_ERROR;
		return EXIT_BAD_INPUT;
	}
	out->limit = TLC_MAX_TIMELINE_BYTES; /* stop there, not after building 145 MB */
	rc = tlc_timeline_write_json(out, tl, (const char *const *)p->locales, p->nlocales,
				     tlc_display_format_cb, cr->env->render);
	size_t entries = tl->nentries;
	tlc_timeline_free(tl);
	if (tlc_buf_over(out)) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL003", where, "the timeline (%zu entries) "
					   "would be larger than the limit of 64 MiB "
					   "(TLC_MAX_TIMELINE_BYTES)", entries);
		tlc_diag_set_fix(g, "a shorter window or horizon, fewer locales or families, or "
				 "coarser texts (fewer entries)");
		return EXIT_BAD_INPUT;
	}
	if (rc < 0) {
		tlc_diag *g = tlc_diag_add(&ctx->diags, "TL025", where,
					   "cannot format a message: %s", tlc_strerror(rc));
		if (g)
			g->sev = TLC_SEV_ERROR;
		return EXIT_BAD_INPUT;
	}
	return 0;
}

/* A Live Activity compiles to its schedule: content states and the APNs requests. */
/* Writes `out` where -o says, atomically; in a directory as NAME.KIND.json (kind NULL: the
 * program or, with --timeline, the timeline). */
static int write_output(compile_run *cr, const char *path, const char *kind, const tlc_buf *out)
{
	char *dest = output_path(cr->c, path, kind);
	int rc = !dest || cli_write_atomic(dest, out->ptr, out->len) < 0 ? EXIT_BAD_INPUT : 0;
	free(dest);
	return rc;
}

/* Writes a Live Activity spec's program (--program). */
static int compile_activity_program(compile_run *cr, tlc_ctx *ctx, const tlc_spec *spec,
				    const char *path)
{
	tlc_la_program *p = NULL;
	tlc_buf out = TLC_BUF_INIT;
	if (cr->c->nparams)
		return cli_usage_error("--param gives values at instantiation: a program leaves its "
				       "parameters open (drop --program for the schedule)");
	int rc = tlc_activity_lower(ctx, spec, &p) < 0 ? EXIT_BAD_INPUT : 0;
	if (rc == 0)
		tlc_la_program_write_json(&out, p);
	if (rc || tlc_buf_oom(&out)) {
		fputs("timelinec: out of memory\n", stderr);
		rc = EXIT_BAD_INPUT;
	}
	if (rc == 0)
		rc = write_output(cr, path, "program", &out);
	tlc_buf_release(&out);
	tlc_la_program_free(p);
	return rc;
}

static int compile_activity(compile_run *cr, tlc_ctx *ctx, const tlc_spec *spec, const char *path)
{
	tlc_param_value vals[MAX_PARAMS];
	tlc_la_schedule *sch = NULL;
	tlc_buf out = TLC_BUF_INIT;
	const tlc_zone *z = spec->zone;
	if (cr->c->program)
		return compile_activity_program(cr, ctx, spec, path);
	if (cr->c->timeline)
		return cli_usage_error("'%s' is a Live Activity spec: it compiles into its schedule "
				       "(no --timeline)", path);
	if (cli_spec_param_values(spec, z, cr->c->params, cr->c->nparams, vals) != 0)
		return EXIT_BAD_INPUT;
	tlc_la_opts o = {cr->now, cr->now_src, vals, cr->c->nparams, false};
	int rc = tlc_activity_build(ctx, spec, &o, &sch);
	if (rc < 0)
		return EXIT_BAD_INPUT;
	tlc_activity_write_json(&out, sch);
	rc = tlc_buf_oom(&out) ? EXIT_BAD_INPUT : 0;
	if (rc)
		fputs("timelinec: out of memory\n", stderr);
	if (rc == 0)
		rc = write_output(cr, path, "schedule", &out);
	tlc_buf_release(&out);
	tlc_activity_free(sch);
	return rc;
}

/*
 * The String Catalog of p, merged into the one at --xcstrings (a directory: WIDGET.xcstrings in
 * it), into *out and *path; nothing without --xcstrings. Made before any output is written, so
 * a damaged catalog (exit 2) leaves every file as it was.
 */
static int make_catalog(compile_run *cr, tlc_ctx *ctx, const tlc_program *p, uint32_t src_file,
			tlc_span where, tlc_buf *out, char **path)
{
	const char *opt = cr->c->xcstrings;
	*path = NULL;
	if (!opt)
		return 0;
	const char *widget = p->widget ? p->widget : "Widget";
	if (is_dir(opt)) {
		size_t n = strlen(opt) + strlen(widget) + 16;
		if ((*path = malloc(n)))
			snprintf(*path, n, "%s/%s.xcstrings", opt, widget);
	} else {
		*path = strdup(opt);
	}
	if (!*path) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	const tlc_node *old = NULL;
	uint32_t file;
	if (access(*path, F_OK) == 0 &&
	    (tlc_input_read_as(ctx, *path, "String Catalog", TLC_MAX_CATALOG_BYTES,
			       TLC_MAX_CATALOG_BYTES_NAME, &file) < 0 ||
	     tlc_xc_read(ctx, file, &old) < 0))
		return EXIT_BAD_INPUT;
	int rc = tlc_xc_build(ctx, p, old, src_file, where, out);
	if (rc == TLC_ENOMEM)
		fputs("timelinec: out of memory\n", stderr);
	return rc < 0 ? EXIT_BAD_INPUT : 0;
}

/* Writes the catalog made by make_catalog(), if any, and frees it. */
static int write_catalog(int rc, tlc_buf *cat, char *path)
{
	if (rc == 0 && path && cli_write_atomic(path, cat->ptr, cat->len) < 0)
		rc = EXIT_BAD_INPUT;
	tlc_buf_release(cat);
	free(path);
	return rc;
}

/* What a JSON input is: 1 a compiled widget program (a JSON object with "timelinec-program"),
 * 2 a Live Activity program ("timelinec-activity-program"), 0 anything else (a spec). */
static int program_kind(const tlc_source *src)
{
	static const char *const keys[] = {"\"timelinec-program\"", "\"timelinec-activity-program\""};
	size_t i = 0;
	while (i < src->len && strchr(" \t\r\n", src->text[i]))
		i++;
	if (i == src->len || src->text[i] != '{')
		return 0;
	bool found = false;
	for (size_t q = 0; q < 2; q++)
		for (size_t k = i, n = strlen(keys[q]); !found && k + n <= src->len; k++)
			found = memcmp(src->text + k, keys[q], n) == 0;
	if (!found)
		return 0;
	cJSON *root = cJSON_ParseWithLength(src->text, src->len);
	int kind = !cJSON_IsObject(root) ? 0
		   : cJSON_GetObjectItemCaseSensitive(root, "timelinec-program") ? 1
		   : cJSON_GetObjectItemCaseSensitive(root, "timelinec-activity-program") ? 2 : 0;
	cJSON_Delete(root);
	return kind;
}

/* A compiled Live Activity program instantiated as a push server would: its schedule. */
static int compile_la_program(compile_run *cr, tlc_ctx *ctx, uint32_t file, const char *path)
{
	const tlc_source *src = tlc_sources_get(&ctx->sources, file);
	tlc_la_program *p = NULL;
	tlc_schedule *s = NULL;
	tlc_buf out = TLC_BUF_INIT;
	tlc_err e = {0};
	tlc_inst_err ie;
	tlc_param_value vals[MAX_PARAMS];
	const tlc_zone *ez = NULL;
	if (cr->c->timeline || cr->c->check || cr->c->program || cr->c->xcstrings)
		return cli_usage_error("'%s' is a compiled Live Activity program: compile writes its "
				       "schedule (give --now and --param; no --timeline, --check, "
				       "--program or --xcstrings)", path);
	int rc = tlc_la_program_read_json(&p, src->text, src->len, &e);
	if (rc == TLC_ENOMEM) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	if (rc < 0) {
		size_t at = e.offset < src->len ? e.offset : src->len;
		tlc_diag_add(&ctx->diags, "TL001", tlc_span_make(file, at, at + (e.len ? e.len : 0)),
			     "not a valid timelinec activity program: %s", e.msg);
		return EXIT_BAD_INPUT;
	}
	if (strcmp(p->zone, "floating") != 0 && tlc_zones_get(cr->env->zones, p->zone, &ez) < 0)
		ez = NULL; /* local --param instants then need an offset */
	tlc_program shim; /* cli_param_values() reads names and types from a program */
	memset(&shim, 0, sizeof shim);
	shim.params = p->params;
	shim.nparams = p->nparams;
	rc = cli_param_values(&shim, ez, cr->c->params, cr->c->nparams, vals);
	if (rc == 0) {
		tlc_instantiate_opts o = {.now = cr->now, .data_time = TLC_TIME_NONE,
					  .now_source = cr->now_src, .params = vals,
					  .nparams = cr->c->nparams};
		rc = tlc_schedule_make(&s, p, &o, &ie);
		if (rc == TLC_ENOMEM) {
			fputs("timelinec: out of memory\n", stderr);
		} else if (rc < 0) {
			tlc_diag *g = tlc_diag_add(&ctx->diags, ie.kind == TLC_INST_ERR_TOO_MANY_CHANGES
								? "TL113" : "TL020",
						   tlc_span_make(file, 0, 0), "cannot instantiate: %s", ie.msg);
			if (ie.kind == TLC_INST_ERR_MISSING_PARAM)
				tlc_diag_set_fix(g, "give it with --param NAME=VALUE");
			g->sev = TLC_SEV_ERROR;
		}
		rc = rc < 0 ? EXIT_BAD_INPUT : 0;
	}
	if (rc == 0) {
		tlc_schedule_write_json(&out, s);
		if (tlc_buf_oom(&out)) {
			fputs("timelinec: out of memory\n", stderr);
			rc = EXIT_BAD_INPUT;
		}
	}
	if (rc == 0)
		rc = write_output(cr, path, "schedule", &out);
	tlc_buf_release(&out);
	tlc_schedule_free(s);
	tlc_la_program_free(p);
	return rc;
}

static int compile_program(compile_run *cr, tlc_ctx *ctx, uint32_t file, const char *path)
{
	const tlc_source *src = tlc_sources_get(&ctx->sources, file);
	tlc_program *p = NULL;
	tlc_buf out = TLC_BUF_INIT;
	tlc_err e = {0};
	if (!cr->c->timeline)
		return cli_usage_error("'%s' is a compiled program; add --timeline to instantiate it",
				       path);
	if (cr->c->check)
		return cli_usage_error("--check needs a spec; '%s' is a compiled program", path);
	int rc = tlc_program_read_json(&p, src->text, src->len, &e);
	if (rc == TLC_ENOMEM) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	if (rc < 0) {
		size_t at = e.offset < src->len ? e.offset : src->len;
		tlc_diag_add(&ctx->diags, "TL001", tlc_span_make(file, at, at + (e.len ? e.len : 0)),
			     "not a valid timelinec program: %s", e.msg);
		return EXIT_BAD_INPUT;
	}
	tlc_buf cat = TLC_BUF_INIT;
	char *catpath = NULL;
	rc = make_catalog(cr, ctx, p, 0, tlc_span_make(file, 0, 0), &cat, &catpath);
	if (rc == 0)
		rc = instantiate_json(cr, ctx, tlc_span_make(file, 0, 0), p, &out);
	if (rc == 0)
		rc = tlc_buf_oom(&out) ? (fputs("timelinec: out of memory\n", stderr), EXIT_BAD_INPUT)
				       : write_output(cr, path, NULL, &out);
	rc = write_catalog(rc, &cat, catpath);
	tlc_buf_release(&out);
	tlc_program_free(p);
	return rc;
}

static int compile_one(compile_run *cr, tlc_ctx *ctx, const char *path)
{
	tlc_spec *spec = NULL;
	tlc_program *p = NULL;
	tlc_buf out = TLC_BUF_INIT;
	uint32_t file;
	/* a spec or a compiled program: read up to the larger limit, then hold each to its own */
	int rc = tlc_input_read_as(ctx, path, "spec or program", TLC_MAX_PROGRAM_BYTES,
				   "16 MiB (TLC_MAX_PROGRAM_BYTES)", &file);
	int kind = rc == 0 ? program_kind(tlc_sources_get(&ctx->sources, file)) : 0;
	if (kind == 1)
		return compile_program(cr, ctx, file, path);
	if (kind == 2)
		return compile_la_program(cr, ctx, file, path);
	if (rc == 0 && tlc_sources_get(&ctx->sources, file)->len > TLC_MAX_FILE_SIZE) {
		tlc_diag_add(&ctx->diags, "TL003", tlc_span_make(file, 0, 0),
			     "the spec is larger than the limit of " TLC_MAX_FILE_SIZE_NAME);
		rc = TLC_EINPUT;
	}
	if (rc == 0)
		rc = tlc_spec_load(ctx, file, &spec);
	if (rc == 0 && cr->c->check && cli_check_spec(ctx, path, spec, cr->o, cr->first) < 0)
		rc = TLC_EINPUT;
	if (rc == 0 && spec->kind == TLC_SPEC_ACTIVITY && cr->c->xcstrings)
		return cli_usage_error("--xcstrings: '%s' is a Live Activity spec: its text is the "
				       "app's own views, it has no message keys", path);
	if (rc == 0 && spec->kind == TLC_SPEC_ACTIVITY)
		return compile_activity(cr, ctx, spec, path);
	if (rc == 0 && !cr->c->timeline && cr->c->nparams)
		return cli_usage_error("--param gives values at instantiation: add --timeline (a "
				       "widget's program leaves its parameters open)");
	if (rc == 0)
		rc = tlc_lower(ctx, spec, &p);
	if (rc == 0)
		rc = tlc_bake(ctx, spec, p);
	if (rc == TLC_ENOMEM)
		fputs("timelinec: out of memory\n", stderr);
	if (rc < 0) {
		tlc_program_free(p); /* lowered, then refused by the bake */
		return EXIT_BAD_INPUT;
	}
	tlc_span widget = tlc_node_get(spec->root, "widget")->span;
	tlc_buf cat = TLC_BUF_INIT;
	char *catpath = NULL;
	rc = make_catalog(cr, ctx, p, file, widget, &cat, &catpath);
	if (rc == 0 && cr->c->timeline &&
	    cli_missing_params(ctx, spec, (const char *const *)cr->c->params, cr->c->nparams, cr->now))
		rc = EXIT_BAD_INPUT;
	else if (rc == 0 && cr->c->timeline)
		rc = instantiate_json(cr, ctx, widget, p, &out);
	else if (rc == 0)
		program_json(ctx, widget, p, &out);
	if (rc == 0 && tlc_buf_over(&out))
		rc = EXIT_BAD_INPUT; /* the diagnostic is out */
	if (rc == 0 && tlc_buf_oom(&out)) {
		fputs("timelinec: out of memory\n", stderr);
		rc = EXIT_BAD_INPUT;
	}
	if (rc == 0)
		rc = write_output(cr, path, NULL, &out);
	rc = write_catalog(rc, &cat, catpath);
	tlc_buf_release(&out);
	tlc_program_free(p);
	return rc;
}

int cmd_compile(cli_opts *o, int argc, char **argv)
{
	compile_opts c = {0};
	cli_env env;
	int rc;
	c.specs = calloc((size_t)argc, sizeof *c.specs);
	if (!c.specs)
		return EXIT_BAD_INPUT;
	if ((rc = parse_compile_args(&c, o, argc, argv)) != 0) {
		free(c.specs);
		return rc < 0 ? EXIT_OK : rc;
	}
	if (c.nspecs > 1 && (!c.out || !is_dir(c.out))) {
		free(c.specs);
		return cli_usage_error("several specs need -o DIR, an existing directory");
	}
	if (c.nspecs > 1 && c.xcstrings && !is_dir(c.xcstrings)) {
		free(c.specs);
		return cli_usage_error("several specs need --xcstrings DIR, an existing directory "
				       "(each widget gets WIDGET.xcstrings)");
	}
	if (c.out && c.nspecs == 1 && strcmp(c.out, "-") != 0 && c.out[strlen(c.out) - 1] == '/' &&
	    !is_dir(c.out)) {
		free(c.specs);
		return cli_usage_error("-o '%s': no such directory", c.out);
	}
	compile_run cr = {&c, o, true, &env, 0, TLC_NOW_CLOCK};
	if ((rc = cli_resolve_now(c.now, &cr.now, &cr.now_src)) != 0) {
		free(c.specs);
		return rc;
	}
	if ((rc = cli_env_open(&env, o)) != 0) {
		free(c.specs);
		return rc;
	}
	report rep;
	int failed = 0;
	report_init(&rep, o, stderr, stderr, cli_write_atomic);
	for (size_t i = 0; i < c.nspecs; i++) /* no output may replace an input */
		cli_input(c.specs[i]);
	for (size_t i = 0; i < c.nspecs; i++) {
		tlc_ctx ctx;
		cli_ctx_init(&ctx, &env);
		cr.first = i == 0;
		if (compile_one(&cr, &ctx, c.specs[i]) != 0)
			failed = 1;
		report_ctx(&rep, &ctx);
		tlc_ctx_release(&ctx);
	}
	rc = report_finish(&rep, failed);
	cli_env_close(&env);
	free(c.specs);
	return rc;
}
