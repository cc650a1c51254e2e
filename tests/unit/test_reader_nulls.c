/*
 * A null where the writers write a string: every string value of every golden program, timeline
 * and activity program replaced by null, one at a time. The readers refuse it with where it is,
 * or (where null is allowed: a program's source, a broadcast channel) take it; what they take
 * instantiates, writes and reads back without a crash. Before, a null widget zone, parameter
 * name, countdown id, message pattern or locale read as a NULL pointer that the CLI dereferenced.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "timelinec/activity.h"
#include "timelinec/program.h"
#include "timelinec/timeline.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return b;
}

enum kind { PROGRAM, TIMELINE, ACTIVITY };

/* Reads json as `kind`; what reads is used as an app or a server would. 0 or a status. */
static int use(enum kind kind, const char *json, size_t len, tlc_err *e)
{
	tlc_buf b = TLC_BUF_INIT;
	int rc;
	if (kind == PROGRAM) {
		tlc_program *p = NULL;
		if ((rc = tlc_program_read_json(&p, json, len, e)) == 0) {
			tlc_program_write_json(&b, p);
			tlc_timeline *tl = NULL;
			tlc_param_value v[2] = {{"departure", 1796316300, 0, "x"}, {"flight", 0, 0, "LH454"}};
			tlc_instantiate_opts o = {.now = 1796292000, .data_time = TLC_TIME_NONE, .params = v,
						  .nparams = p->nparams < 2 ? p->nparams : 2};
			tlc_inst_err ie;
			if (tlc_instantiate(&tl, p, &o, &ie) == 0)
				tlc_timeline_write_json(&b, tl, (const char *const *)p->locales, p->nlocales, NULL, NULL);
			tlc_timeline_free(tl);
			tlc_program_free(p);
		}
	} else if (kind == TIMELINE) {
		tlc_timeline *tl = NULL;
		if ((rc = tlc_timeline_read_json(&tl, json, len, e)) == 0) {
			tlc_timeline_write_json(&b, tl, NULL, 0, NULL, NULL);
			tlc_timeline_free(tl);
		}
	} else {
		tlc_la_program *p = NULL;
		if ((rc = tlc_la_program_read_json(&p, json, len, e)) == 0) {
			tlc_la_program_write_json(&b, p);
			tlc_schedule *s = NULL;
			tlc_param_value v = {"eta", 1796314200, 0, NULL};
			tlc_instantiate_opts o = {.now = 1796310000, .params = &v, .nparams = 1};
			tlc_inst_err ie;
			if (tlc_schedule_make(&s, p, &o, &ie) == 0)
				tlc_schedule_write_json(&b, s);
			tlc_schedule_free(s);
			tlc_la_program_free(p);
		}
	}
	tlc_buf_release(&b);
	return rc;
}

static void each_string_nulled(enum kind kind, const char *pattern)
{
	glob_t g;
	size_t tried = 0, refused = 0;
	cr_assert_eq(glob(pattern, 0, NULL, &g), 0, "%s", pattern);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		size_t len;
		char *json = slurp(g.gl_pathv[f], &len);
		/* each value string: a '"' after ": " up to its closing quote */
		for (char *q = strstr(json, ": \""); q; q = strstr(q + 1, ": \"")) {
			char *open = q + 2, *close = open + 1;
			while (*close && !(*close == '"' && close[-1] != '\\'))
				close++;
			if (!*close)
				break;
			size_t n = (size_t)(open - json) + 4 + strlen(close + 1);
			char *bad = malloc(n + 1);
			snprintf(bad, n + 1, "%.*snull%s", (int)(open - json), json, close + 1);
			tlc_err e = {0};
			int rc = use(kind, bad, strlen(bad), &e);
			cr_assert(rc == 0 || rc == TLC_EINPUT, "%s: null at byte %zu: status %d",
				  g.gl_pathv[f], (size_t)(open - json), rc);
			if (rc == TLC_EINPUT) {
				refused++;
				cr_expect_leq(e.offset, strlen(bad));
			}
			tried++;
			free(bad);
		}
		free(json);
	}
	globfree(&g);
	cr_expect_gt(tried, 20, "%s: %zu strings", pattern, tried);
	cr_expect_gt(refused, tried / 2, "%s: %zu of %zu refused", pattern, refused, tried);
}

Test(reader_nulls, programs) { each_string_nulled(PROGRAM, "../tests/golden/examples/*.program.json"); }
Test(reader_nulls, timelines) { each_string_nulled(TIMELINE, "../tests/golden/examples/*.timeline.json"); }
Test(reader_nulls, activity_programs) { each_string_nulled(ACTIVITY, "../tests/golden/examples/*.activity-program.json"); }

/* The three the review found: a null parameter name, field name and time parameter. */
Test(reader_nulls, activity_program_names)
{
#define ACTIVITY_JSON \
		"{\"timelinec-activity-program\": 2, \"source\": null, \"live-activity\": \"A\", " \
		"\"bundle-id\": \"b\", \"channel-id\": null, \"zone\": \"UTC\", \"date-encoding\": " \
		"\"iso8601\", \"locales\": [], \"params\": [%s], \"fields\": [%s], \"attributes\": {}, " \
		"\"views\": {}, \"events\": [{\"event\": \"start\", \"at\": %s, \"via\": \"app\", " \
		"\"priority\": 10, \"state\": {}, \"stale-after\": null, \"relevance\": null, \"alert\": " \
		"null, \"dismissal\": null, \"every\": 0, \"until\": null}]}"
	const char *cases[][3] = {
		{"{\"name\": null, \"type\": \"instant\"}", "", "{\"kind\": \"now\", \"offset\": 0}"},
		{"", "{\"name\": null, \"type\": \"date\"}", "{\"kind\": \"now\", \"offset\": 0}"},
		{"{\"name\": \"eta\", \"type\": \"instant\"}", "", "{\"kind\": \"param\", \"param\": null, \"offset\": 0}"},
	};
	for (size_t i = 0; i < 3; i++) {
		char buf[2048];
		snprintf(buf, sizeof buf, ACTIVITY_JSON, cases[i][0], cases[i][1], cases[i][2]);
		tlc_la_program *p = NULL;
		tlc_err e = {0};
		cr_expect_eq(tlc_la_program_read_json(&p, buf, strlen(buf), &e), TLC_EINPUT, "case %zu", i);
		cr_expect_str_eq(e.msg, "expected a string, not null", "case %zu", i);
		tlc_la_program_free(p);
	}
}
