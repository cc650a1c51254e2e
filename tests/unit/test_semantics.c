/*
 * The semantics table (tests/semantics/table.tsv): spec + instantiation instant + instant ->
 * the exact text a device shows. Boundaries, rounding, after-target phases, pause, count-ups,
 * calendar days and DST, through the whole pipeline (load, lower, instantiate, render).
 */
#include <stdio.h>
#include "display/display.h"
#include "helpers.h"
#include "lower/lower.h"
#include "timelinec/timeparse.h"

static tlc_time instant(const char *s)
{
	tlc_parsed_instant pi;
	cr_assert_eq(tlc_instant_parse(&pi, s, strlen(s), NULL), 0, "bad instant '%s'", s);
	return pi.value;
}

/* "lead=30m,sessions=@sessions.json": duration parameters, and list parameters read from a
 * file of tests/semantics/ (at most 4; texts[] keeps the files). */
static size_t parse_params(char *s, tlc_param_value v[4], char *texts[4], int line)
{
	size_t n = 0;
	for (char *tok = strtok(s, ","); tok && n < 4; tok = strtok(NULL, ",")) {
		char *eq = strchr(tok, '=');
		cr_assert_not_null(eq, "line %d: parameter '%s' has no '='", line, tok);
		*eq = 0;
		v[n].name = tok;
		v[n].text = eq + 1;
		if (eq[1] == '@') {
			char path[512];
			snprintf(path, sizeof path, "semantics/%s", eq + 2);
			FILE *f = fopen(path, "rb");
			cr_assert_not_null(f, "line %d: %s", line, path);
			texts[n] = calloc(1, 1 << 16);
			cr_assert_not_null(texts[n]);
			size_t got = fread(texts[n], 1, (1 << 16) - 1, f);
			texts[n][got] = 0;
			fclose(f);
			v[n].text = texts[n];
		} else {
			cr_assert_eq(tlc_duration_parse(&v[n].number, eq + 1, strlen(eq + 1),
							TLC_DURATION_SIGNED, NULL), 0,
				     "line %d: bad duration '%s'", line, eq + 1);
		}
		n++;
	}
	return n;
}

static void check_row(const char *spec, const char *now, const char *at, const char *cd,
		      const char *fam, const char *locale, const char *want, char *params, int line)
{
	tlc_param_value pv[4];
	char *texts[4] = {NULL, NULL, NULL, NULL};
	size_t npv = params ? parse_params(params, pv, texts, line) : 0;
	tctx t;
	tlc_spec *s;
	tlc_program *p = NULL;
	tlc_timeline *tl = NULL;
	char path[512];
	tctx_open(&t);
	snprintf(path, sizeof path, "semantics/%s", spec);
	cr_assert_eq(tlc_spec_load_file(&t.ctx, path, &s), 0, "line %d: %s does not load", line, path);
	cr_assert_eq(tlc_lower(&t.ctx, s, &p), 0, "line %d: %s does not lower", line, path);
	const tlc_zone *ez = NULL, *dz = NULL;
	if (strcmp(p->zone, "floating") != 0)
		cr_assert_eq(tlc_zones_get(t.zones, p->zone, &ez), 0);
	cr_assert_eq(tlc_zones_get(t.zones, ez ? p->zone : "UTC", &dz), 0);
	tlc_instantiate_opts o = {.now = instant(now), .data_time = TLC_TIME_NONE,
				  .now_source = TLC_NOW_OPTION, .event_zone = ez, .display_zone = dz,
				  .params = pv, .nparams = npv};
	tlc_inst_err ie;
	cr_assert_eq(tlc_instantiate(&tl, p, &o, &ie), 0, "line %d: %s", line, ie.msg);
	tlc_time when = instant(at);
	ptrdiff_t k = tlc_timeline_lookup(tl, when);
	cr_assert_geq(k, 0, "line %d: no entry at %s", line, at);
	size_t ci = p->ncountdowns;
	for (size_t i = 0; i < p->ncountdowns; i++)
		if (strcmp(p->countdowns[i].id, cd) == 0)
			ci = i;
	cr_assert_lt(ci, p->ncountdowns, "line %d: no countdown '%s'", line, cd);
	int f = -1;
	for (int i = 0; i < TLC_FAM_MAX; i++)
		if (strcmp(tlc_family_name((tlc_family_id)i), fam) == 0)
			f = i;
	cr_assert_geq(f, 0, "line %d: family '%s'", line, fam);
	tlc_buf b = TLC_BUF_INIT;
	int rc = tlc_display_view(&b, NULL, t.render, tl, &tl->entries[k].views[ci], (tlc_family_id)f,
				  locale, when, dz);
	cr_assert_eq(rc, 0, "line %d: render failed", line);
	cr_expect_str_eq(b.ptr, want, "table line %d (%s at %s): got '%s', want '%s'", line, spec,
			 at, b.ptr, want);
	tlc_buf_release(&b);
	tlc_timeline_free(tl);
	tlc_program_free(p);
	tctx_close(&t);
	for (size_t i = 0; i < 4; i++)
		free(texts[i]);
}

Test(semantics, table)
{
	FILE *f = fopen("semantics/table.tsv", "r");
	cr_assert_not_null(f, "semantics/table.tsv (run from tests/)");
	char line[1024];
	int n = 0, lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = 0;
		char *cols[8];
		int nc = 0;
		for (char *p = line, *tab; nc < 8; p = tab + 1) {
			cols[nc++] = p;
			if (!(tab = strchr(p, '\t')))
				break;
			*tab = 0;
		}
		cr_assert(nc == 7 || nc == 8, "table line %d has %d columns", lineno, nc);
		check_row(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6],
			  nc == 8 ? cols[7] : NULL, lineno);
		n++;
	}
	fclose(f);
	cr_assert_geq(n, 30, "the table has only %d rows", n);
}
