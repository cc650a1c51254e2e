/*
 * The program reader (runtime/core/program.c) refuses programs the runtime cannot show
 * consistently, with a message and a position inside the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "timelinec/program.h"
#include "timelinec/timeline.h"

#define CD(id, text)                                                                          \
	"{\"id\": \"" id "\", \"mode\": \"to\", \"target\": {\"kind\": \"literal\", \"at\": "  \
	"\"2026-12-01T12:00:00Z\", \"offset\": 0}, \"from\": null, \"paused-at\": null, "     \
	"\"relevance\": null, \"stale\": null, \"phases\": [{\"above\": null, \"at\": [1, 1], " \
	"\"views\": {\"default\": [{\"text\": \"" text "\", \"at\": [1, 1]}]}}], \"at\": [1, 1]}"

#define PROGRAM(cds) PROGRAM_P("", cds)
#define PROGRAM_P(params, cds)                                                                \
	"{\"timelinec-program\": 2, \"widget\": \"W\", \"zone\": \"UTC\", "                   \
	"\"disambiguation\": \"compatible\", \"locales\": [], \"params\": [" params "], "      \
	"\"window\": {\"start\": {\"kind\": \"literal\", \"at\": \"2026-12-01T00:00:00Z\", "   \
	"\"offset\": 0}, \"end\": {\"kind\": \"literal\", \"at\": \"2026-12-02T00:00:00Z\", "  \
	"\"offset\": 0}}, \"reload\": {\"policy\": \"auto\"}, \"countdowns\": [" cds "], "     \
	"\"messages\": [], \"baked\": []}"

static int read(const char *json, tlc_program **p, tlc_err *e)
{
	*p = NULL;
	memset(e, 0, sizeof *e);
	return tlc_program_read_json(p, json, strlen(json), e);
}

Test(program, reads_two_countdowns)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(CD("a", "x") ", " CD("b", "y")), &p, &e), 0, "%s", e.msg);
	cr_assert_eq(p->ncountdowns, 2);
	cr_assert_str_eq(p->countdowns[1].id, "b");
	tlc_program_free(p);
}

/* Timelines key each entry's views by countdown id: two countdowns with one id cannot both be
 * written (a fuzzer found the round trip failing). */
Test(program, refuses_duplicate_countdown_ids)
{
	tlc_program *p;
	tlc_err e;
	const char *json = PROGRAM(CD("a", "x") ", " CD("a", "y"));
	cr_assert_eq(read(json, &p, &e), TLC_EINPUT);
	cr_assert_null(p);
	cr_assert(strstr(e.msg, "two countdowns have the id 'a'"), "message: %s", e.msg);
	cr_assert_leq(e.offset, strlen(json));
}

Test(program, refuses_no_countdowns)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(""), &p, &e), TLC_EINPUT);
	cr_assert(strstr(e.msg, "at least one countdown"), "message: %s", e.msg);
}

/* A daily rule over a year: 365 change points, none of which changes the text. */
#define DAILY                                                                                 \
	"{\"id\": \"d\", \"mode\": \"recur\", \"rrule\": \"FREQ=DAILY;BYHOUR=9;BYMINUTE=0\", " \
	"\"dtstart\": \"2026-01-01T09:00:00\", \"exdate\": [], \"rdate\": [], "                \
	"\"roll-after\": 0, \"from\": null, \"paused-at\": null, \"relevance\": null, "        \
	"\"stale\": null, \"phases\": [{\"above\": null, \"at\": [1, 1], \"views\": "          \
	"{\"default\": [{\"text\": \"x\", \"at\": [1, 1]}]}}], \"at\": [1, 1]}"

#define YEAR_PROGRAM                                                                          \
	"{\"timelinec-program\": 2, \"widget\": \"W\", \"zone\": \"UTC\", "                   \
	"\"disambiguation\": \"compatible\", \"locales\": [], \"params\": [], "                \
	"\"window\": {\"start\": {\"kind\": \"literal\", \"at\": \"2026-01-01T00:00:00Z\", "   \
	"\"offset\": 0}, \"end\": {\"kind\": \"literal\", \"at\": \"2027-01-01T00:00:00Z\", "  \
	"\"offset\": 0}}, \"reload\": {\"policy\": \"auto\"}, \"countdowns\": [" DAILY "], "   \
	"\"messages\": [], \"baked\": []}"

/* opts.max_candidates lowers the work limit (never raises it); 0 keeps TLC_MAX_CANDIDATES. */
Test(program, max_candidates)
{
	tlc_program *p;
	tlc_err e;
	tlc_zones *zs = NULL;
	const tlc_zone *z = NULL;
	tlc_timeline *tl = NULL;
	tlc_inst_err ie;
	cr_assert_eq(read(YEAR_PROGRAM, &p, &e), 0, "%s", e.msg);
	cr_assert_eq(tlc_zones_new_tzif(&zs, NULL), 0);
	cr_assert_eq(tlc_zones_get(zs, "UTC", &z), 0);
	tlc_instantiate_opts o = {.now = 1767225600 /* 2026-01-01 */, .data_time = TLC_TIME_NONE,
				  .now_source = TLC_NOW_OPTION, .event_zone = z, .display_zone = z};
	cr_assert_eq(tlc_instantiate(&tl, p, &o, &ie), 0, "%s", ie.msg);
	cr_assert_eq(tl->nentries, 1);
	tlc_timeline_free(tl);
	tl = NULL;
	o.max_candidates = 100;
	cr_assert_eq(tlc_instantiate(&tl, p, &o, &ie), TLC_ERANGE);
	cr_assert_null(tl);
	cr_assert_str_eq(ie.msg, "the display may change more than 100 times in the window");
	cr_assert_eq(ie.kind, TLC_INST_ERR_TOO_MANY_CHANGES);
	o.max_candidates = 400;
	cr_assert_eq(tlc_instantiate(&tl, p, &o, &ie), 0, "%s", ie.msg);
	tlc_timeline_free(tl);
	tlc_zones_free(zs);
	tlc_program_free(p);
}

/* TLC_MAX_COUNTDOWNS bounds a program (and the duplicate-id check's work). */
Test(program, too_many_countdowns)
{
	char json[40000], cds[36000];
	size_t o = 0;
	for (int i = 0; i <= TLC_MAX_COUNTDOWNS; i++)
		o += (size_t)snprintf(cds + o, sizeof cds - o, "%s" CD("c%d", "x"), i ? ", " : "", i);
	snprintf(json, sizeof json, PROGRAM("%s"), cds);
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(json, &p, &e), TLC_EINPUT);
	cr_assert(strstr(e.msg, "at most 64 countdowns"), "message: %s", e.msg);
}

/* Parameter values are given, and timelines record them, by name (a fuzzer found a program with
 * two parameters named "eta" whose timeline could not be read back). */
Test(program, refuses_duplicate_param_names)
{
	tlc_program *p;
	tlc_err e;
	const char *json = PROGRAM_P("{\"name\": \"eta\", \"type\": \"instant\"}, "
				     "{\"name\": \"x\", \"type\": \"text\"}, "
				     "{\"name\": \"eta\", \"type\": \"instant\"}",
				     CD("a", "x"));
	cr_assert_eq(read(json, &p, &e), TLC_EINPUT);
	cr_assert_null(p);
	cr_assert(strstr(e.msg, "two parameters have the name 'eta'"), "message: %s", e.msg);
	cr_assert_leq(e.offset, strlen(json));
}

/* TLC_MAX_PARAMS bounds a program's parameters (and the duplicate-name check's work). */
Test(program, too_many_params)
{
	char json[8000], params[6000];
	size_t o = 0;
	for (int i = 0; i <= TLC_MAX_PARAMS; i++)
		o += (size_t)snprintf(params + o, sizeof params - o,
				      "%s{\"name\": \"p%d\", \"type\": \"text\"}", i ? ", " : "", i);
	snprintf(json, sizeof json, PROGRAM_P("%s", CD("a", "x")), params);
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(json, &p, &e), TLC_EINPUT);
	cr_assert(strstr(e.msg, "at most 64 parameters"), "message: %s", e.msg);
	/* 64 are fine */
	o = 0;
	for (int i = 0; i < TLC_MAX_PARAMS; i++)
		o += (size_t)snprintf(params + o, sizeof params - o,
				      "%s{\"name\": \"p%d\", \"type\": \"text\"}", i ? ", " : "", i);
	snprintf(json, sizeof json, PROGRAM_P("%s", CD("a", "x")), params);
	cr_assert_eq(read(json, &p, &e), 0, "%s", e.msg);
	cr_assert_eq(p->nparams, TLC_MAX_PARAMS);
	tlc_program_free(p);
}

/*
 * The JSON writer does not follow the app's C locale: after setlocale(LC_ALL, "de_DE.UTF-8")
 * printf's %g writes "12,75", which the reader then refused. Programs and timelines are
 * written and read back under de_DE and tr_TR (a comma decimal point; Turkish also folds 'i'
 * case differently). The locales come from .ci/run (localedef); without them the test fails
 * when TLC_REQUIRE_LOCALES=1 (make check DEVELOPER=1) and is skipped otherwise.
 */
#include <locale.h>

#define CD_SCORE                                                                              \
	"{\"id\": \"a\", \"mode\": \"to\", \"target\": {\"kind\": \"literal\", \"at\": "       \
	"\"2026-12-01T12:00:00Z\", \"offset\": 0}, \"from\": null, \"paused-at\": null, "     \
	"\"relevance\": {\"score\": 12.75, \"from\": -7200, \"until\": 1800}, \"stale\": null, " \
	"\"phases\": [{\"above\": null, \"at\": [1, 1], "                                      \
	"\"views\": {\"default\": [{\"text\": \"x\", \"at\": [1, 1]}]}}], \"at\": [1, 1]}"

static void in_locale(const char *name)
{
	if (!setlocale(LC_ALL, name)) {
		const char *req = getenv("TLC_REQUIRE_LOCALES");
		cr_assert(!(req && strcmp(req, "1") == 0), "locale %s is not installed (localedef -i %.5s -f UTF-8 %s)",
			  name, name, name);
		cr_skip_test("locale %s is not installed", name);
	}
	char b[16];
	snprintf(b, sizeof b, "%.2f", 12.75);
	cr_assert_str_eq(b, "12,75", "%s: the test needs a comma decimal point", name);
}

static void round_trip_in(const char *loc)
{
	tlc_program *p, *q;
	tlc_err e;
	tlc_timeline *tl = NULL, *back = NULL;
	tlc_inst_err ie;
	cr_assert_eq(read(PROGRAM(CD_SCORE), &p, &e), 0, "%s", e.msg);
	in_locale(loc);
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_assert(strstr(b.ptr, "\"score\": 12.75") != NULL, "%s: %s", loc, strstr(b.ptr, "score"));
	cr_assert_eq(tlc_program_read_json(&q, b.ptr, b.len, &e), 0, "%s: %s", loc, e.msg);
	cr_assert_eq(q->countdowns[0].relevance_score, 12.75);
	tlc_instantiate_opts o = {.now = 1764547200 /* 2026-12-01T00:00:00Z */, .data_time = TLC_TIME_NONE};
	cr_assert_eq(tlc_instantiate(&tl, q, &o, &ie), 0, "%s", ie.msg);
	tlc_buf_clear(&b);
	cr_assert_eq(tlc_timeline_write_json(&b, tl, NULL, 0, NULL, NULL), 0);
	cr_assert(strstr(b.ptr, "\"score\": 12.75") != NULL, "%s: %s", loc, strstr(b.ptr, "score"));
	cr_assert_eq(tlc_timeline_read_json(&back, b.ptr, b.len, &e), 0, "%s: %s", loc, e.msg);
	tlc_timeline_free(back);
	tlc_timeline_free(tl);
	tlc_buf_release(&b);
	tlc_program_free(q);
	tlc_program_free(p);
	setlocale(LC_ALL, "C");
}

Test(program, json_ignores_the_c_locale_de) { round_trip_in("de_DE.UTF-8"); }
Test(program, json_ignores_the_c_locale_tr) { round_trip_in("tr_TR.UTF-8"); }

/* Two values for one parameter: the library refuses them (which one counts would be a guess),
 * as the CLI refuses `--param eta=A --param eta=B`. */
Test(program, instantiate_refuses_a_parameter_given_twice)
{
	tlc_program *p;
	tlc_err e;
	tlc_timeline *tl = NULL;
	tlc_inst_err ie;
	const char *json = PROGRAM_P("{\"name\": \"who\", \"type\": \"text\"}", CD("a", "x"));
	cr_assert_eq(read(json, &p, &e), 0, "%s", e.msg);
	tlc_param_value v[2] = {{.name = "who", .text = "Ann"}, {.name = "who", .text = "Bo"}};
	tlc_instantiate_opts o = {.now = 1764547200, .data_time = TLC_TIME_NONE, .params = v, .nparams = 2};
	cr_expect_eq(tlc_instantiate(&tl, p, &o, &ie), TLC_EINPUT);
	cr_expect_null(tl);
	cr_expect(strstr(ie.msg, "parameter 'who' is given twice") != NULL, "%s", ie.msg);
	o.nparams = 1;
	cr_expect_eq(tlc_instantiate(&tl, p, &o, &ie), 0, "%s", ie.msg);
	tlc_timeline_free(tl);
	tlc_program_free(p);
}

/* minimum-ios: absent means 17 and is written only when it is not 17; 17..26 is the range. */
#define PROGRAM_IOS(ios)                                                                      \
	"{\"timelinec-program\": 2, \"widget\": \"W\", \"zone\": \"UTC\", "                   \
	"\"disambiguation\": \"compatible\", \"minimum-ios\": " ios ", \"locales\": [], "       \
	"\"params\": [], \"horizon\": 86400, \"reload\": {\"policy\": \"auto\"}, "            \
	"\"countdowns\": [" CD("a", "x") "], \"messages\": [], \"baked\": []}"

Test(program, minimum_ios_defaults_round_trips_and_is_range_checked)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(CD("a", "x")), &p, &e), 0, "%s", e.msg);
	cr_assert_eq(p->minimum_ios, 17);
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_assert_null(strstr(b.ptr, "minimum-ios"), "the default is written: %s", b.ptr);
	tlc_program_free(p);

	cr_assert_eq(read(PROGRAM_IOS("18"), &p, &e), 0, "%s", e.msg);
	cr_assert_eq(p->minimum_ios, 18);
	tlc_buf_clear(&b);
	tlc_program_write_json(&b, p);
	cr_assert_not_null(strstr(b.ptr, "\"minimum-ios\": 18"), "%s", b.ptr);
	tlc_program_free(p);

	static const char *const bad[] = {PROGRAM_IOS("16"), PROGRAM_IOS("27"), PROGRAM_IOS("18.5"),
					  PROGRAM_IOS("\"18\"")};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_assert_eq(read(bad[i], &p, &e), TLC_EINPUT, "accepted: %s", bad[i]);
		cr_assert_null(p);
		cr_assert(strstr(e.msg, "expected an integer from 17 to 26"), "%zu: %s", i, e.msg);
	}
	tlc_buf_release(&b);
}

/* A date-offset run carries fields, max and sign (each required); other runs carry none. */
#define CD_RUN(run)                                                                           \
	"{\"id\": \"a\", \"mode\": \"to\", \"target\": {\"kind\": \"literal\", \"at\": "       \
	"\"2026-12-01T12:00:00Z\", \"offset\": 0}, \"from\": null, \"paused-at\": null, "     \
	"\"relevance\": null, \"stale\": null, \"phases\": [{\"above\": null, \"at\": [1, 1], " \
	"\"views\": {\"default\": [" run "]}}], \"at\": [1, 1]}"
#define STYLED(fields, max, sign)                                                             \
	"{\"live\": \"date-offset\", \"fields\": " fields ", \"max\": " max ", \"sign\": " sign \
	", \"at\": [1, 1]}"

Test(program, date_offset_runs_carry_their_style)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(CD_RUN(STYLED("[\"day\", \"hour\"]", "3", "\"never\""))), &p, &e), 0,
		     "%s", e.msg);
	const tlc_prog_run *r = &p->countdowns[0].phases[0].views[0].runs[0];
	cr_assert_eq(r->kind, TLC_RUN_DATE_OFFSET);
	cr_expect_eq(r->style.fields, TLC_SF_DAY | TLC_SF_HOUR);
	cr_expect_eq(r->style.max, 3);
	cr_expect_eq(r->style.sign, TLC_SIGN_NEVER);
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_expect_not_null(strstr(b.ptr, "{\"live\": \"date-offset\", \"fields\": [\"day\", \"hour\"], "
					 "\"max\": 3, \"sign\": \"never\""), "%s", b.ptr);
	tlc_buf_release(&b);
	tlc_program_free(p);

	static const struct { const char *json, *needle; } bad[] = {
		{PROGRAM(CD_RUN("{\"live\": \"date-offset\", \"fields\": [\"day\"], \"max\": 2, \"at\": [1, 1]}")),
		 "missing key 'sign'"},
		{PROGRAM(CD_RUN(STYLED("[]", "2", "\"never\""))), "'fields' names at least one field"},
		{PROGRAM(CD_RUN(STYLED("[\"day\", \"day\"]", "2", "\"never\""))), "'fields' lists 'day' twice"},
		{PROGRAM(CD_RUN(STYLED("[\"days\"]", "2", "\"never\""))), "unknown value 'days'"},
		{PROGRAM(CD_RUN(STYLED("[\"day\"]", "0", "\"never\""))), "expected an integer from 1 to 7"},
		{PROGRAM(CD_RUN(STYLED("[\"day\"]", "8", "\"never\""))), "expected an integer from 1 to 7"},
		{PROGRAM(CD_RUN(STYLED("[\"day\"]", "2", "\"negative\""))), "unknown value 'negative'"},
		{PROGRAM(CD_RUN("{\"live\": \"timer\", \"max\": 2, \"at\": [1, 1]}")), "unknown key 'max'"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_expect_eq(read(bad[i].json, &p, &e), TLC_EINPUT, "accepted case %zu", i);
		cr_expect_null(p);
		cr_expect(strstr(e.msg, bad[i].needle) != NULL, "case %zu: '%s' lacks '%s'", i, e.msg,
			  bad[i].needle);
		tlc_program_free(p);
	}
}

/* exdate takes a bare local date (every occurrence that day) or a local date-time, both in the
 * written form; rdate and dtstart take date-times only. A bare date read back is written back. */
#define RECUR_EX(exdate, rdate)                                                               \
	"{\"id\": \"d\", \"mode\": \"recur\", \"rrule\": \"FREQ=DAILY;BYHOUR=9;BYMINUTE=0\", " \
	"\"dtstart\": \"2026-12-01T09:00:00\", \"exdate\": [" exdate "], \"rdate\": [" rdate  \
	"], \"roll-after\": 0, \"from\": null, \"paused-at\": null, \"relevance\": null, "     \
	"\"stale\": null, \"phases\": [{\"above\": null, \"at\": [1, 1], \"views\": "          \
	"{\"default\": [{\"text\": \"x\", \"at\": [1, 1]}]}}], \"at\": [1, 1]}"

Test(program, exdate_takes_a_bare_date)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(RECUR_EX("\"2026-12-25\", \"2026-12-24T09:00:00\"", "")), &p, &e), 0,
		     "%s", e.msg);
	cr_assert_eq(p->countdowns[0].nexdate, 2);
	cr_expect(p->countdowns[0].exdate_is_date[0]);
	cr_expect(!p->countdowns[0].exdate_is_date[1]);
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_expect(strstr(b.ptr, "\"exdate\": [\"2026-12-25\", \"2026-12-24T09:00:00\"]"), "%s", b.ptr);
	tlc_buf_release(&b);
	tlc_program_free(p);
	static const char *const bad[] = {RECUR_EX("\"2026-12-25Z\"", ""), RECUR_EX("\"2026-12-5\"", ""),
					  RECUR_EX("\"2026-13-25\"", ""), RECUR_EX("", "\"2026-12-25\""),
					  RECUR_EX("\"2026-12-24T09:00:00Z\"", "")};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char json[4096];
		snprintf(json, sizeof json, PROGRAM("%s"), bad[i]);
		cr_expect_eq(read(json, &p, &e), TLC_EINPUT, "accepted %s", bad[i]);
		tlc_program_free(p);
	}
}

#define CD_ABOVE(above)                                                                       \
	"{\"id\": \"a\", \"mode\": \"to\", \"target\": {\"kind\": \"literal\", \"at\": "       \
	"\"2026-12-01T12:00:00Z\", \"offset\": 0}, \"from\": null, \"paused-at\": null, "     \
	"\"relevance\": null, \"stale\": null, \"phases\": [{\"above\": " above ", \"at\": [1, 1], " \
	"\"views\": {\"default\": [{\"text\": \"early\", \"at\": [1, 1]}]}}, {\"above\": null, " \
	"\"at\": [1, 1], \"views\": {\"default\": [{\"text\": \"late\", \"at\": [1, 1]}]}}], "  \
	"\"at\": [1, 1]}"

static void refuses_above(const char *json, const char *want)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(json, &p, &e), TLC_EINPUT, "%s", want);
	cr_assert_null(p);
	cr_expect(strstr(e.msg, want) != NULL, "message: %s (want %s)", e.msg, want);
	cr_expect(e.offset > 0 && e.offset < strlen(json));
}

/* A threshold that is a parameter names a duration parameter of the program, with sign 1 or -1;
 * anything else is refused where it is. */
Test(program, above_param_refusals)
{
	refuses_above(PROGRAM_P("{\"name\": \"lead\", \"type\": \"instant\"}",
				    CD_ABOVE("{\"param\": \"lead\", \"sign\": 1}")),
		      "the threshold parameter 'lead' is not a duration");
	refuses_above(PROGRAM_P("", CD_ABOVE("{\"param\": \"lead\", \"sign\": 1}")),
		      "the threshold parameter 'lead' is not a parameter of the program");
	refuses_above(PROGRAM_P("{\"name\": \"lead\", \"type\": \"duration\"}",
				    CD_ABOVE("{\"param\": \"lead\", \"sign\": 0}")),
		      "sign is 1 or -1");
	refuses_above(PROGRAM_P("{\"name\": \"lead\", \"type\": \"duration\"}",
				    CD_ABOVE("{\"param\": \"lead\", \"sign\": 2}")),
		      "");
	refuses_above(PROGRAM_P("{\"name\": \"lead\", \"type\": \"duration\"}",
				    CD_ABOVE("{\"param\": \"lead\", \"sign\": 1, \"x\": 1}")),
		      "unknown key 'x'");
	refuses_above(PROGRAM_P("{\"name\": \"lead\", \"type\": \"duration\"}",
				    CD_ABOVE("{\"sign\": 1}")),
		      "param");
}

/* The threshold is resolved at instantiation: the early phase shows while r > the value (or
 * minus it), the change point sits at T - value, and a missing value is an error. */
Test(program, above_param_resolves_at_instantiation)
{
	tlc_program *p;
	tlc_err e;
	const char *json = PROGRAM_P("{\"name\": \"lead\", \"type\": \"duration\"}",
				     CD_ABOVE("{\"param\": \"lead\", \"sign\": -1}"));
	cr_assert_eq(read(json, &p, &e), 0, "%s", e.msg);
	cr_assert_str_eq(p->countdowns[0].phases[0].above_param, "lead");
	cr_assert_eq(p->countdowns[0].phases[0].above_sign, -1);
	tlc_timeline *tl = NULL;
	tlc_inst_err ie;
	tlc_instantiate_opts o = {.now = 1796083200 /* 2026-12-01T00:00Z */, .data_time = TLC_TIME_NONE};
	cr_expect_eq(tlc_instantiate(&tl, p, &o, &ie), TLC_EINPUT);
	cr_expect(strstr(ie.msg, "parameter 'lead' has no value") != NULL, "%s", ie.msg);
	cr_expect_eq(ie.kind, TLC_INST_ERR_MISSING_PARAM);
	tlc_param_value v = {.name = "lead", .number = 1800};
	o.params = &v;
	o.nparams = 1;
	cr_assert_eq(tlc_instantiate(&tl, p, &o, &ie), 0, "%s", ie.msg);
	/* target 12:00Z, above -30m: "early" until 12:30Z, then "late" */
	cr_assert_eq(tl->nentries, 2);
	cr_expect_eq(tl->entries[0].views[0].phase, 0);
	cr_expect_eq(tl->entries[1].date, 1796128200, "%lld", (long long)tl->entries[1].date); /* 12:30Z */
	cr_expect_eq(tl->entries[1].views[0].phase, 1);
	/* the canonical JSON writes the threshold back as it was read */
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_expect(strstr(b.ptr, "\"above\": {\n            \"param\": \"lead\",\n            \"sign\": -1\n") != NULL,
		  "%s", b.ptr);
	tlc_buf_release(&b);
	tlc_timeline_free(tl);
	tlc_program_free(p);
}

/* An events countdown with fields name (text) and laps (integer); ITEMS are its events. */
#define CD_EVENTS(items, above)                                                               \
	"{\"id\": \"a\", \"mode\": \"events\", \"fields\": [{\"name\": \"name\", \"type\": "    \
	"\"text\"}, {\"name\": \"laps\", \"type\": \"integer\"}], \"events\": [" items "], "    \
	"\"roll-after\": 0, \"from\": null, \"paused-at\": null, \"relevance\": null, "        \
	"\"stale\": null, \"empty\": null, \"phases\": [{\"above\": " above ", \"at\": [1, 1], " \
	"\"views\": {\"default\": [{\"text\": \"x\", \"at\": [1, 1]}]}}], \"at\": [1, 1]}"
#define EV(start, end, values)                                                                \
	"{\"start\": {\"kind\": \"literal\", \"at\": \"" start "\", \"offset\": 0}, \"end\": " end \
	", \"values\": [" values "]}"
#define END(at) "{\"kind\": \"literal\", \"at\": \"" at "\", \"offset\": 0}"
#define EV1 EV("2026-12-01T12:00:00Z", END("2026-12-01T13:00:00Z"), "\"FP1\", \"2\"")

/* Items and fields are read as written; anything the writer would not write is refused where
 * it is: a wrong number of values, a non-integer integer field, a field named like a
 * parameter, a time that is not written out, an end before the start, 'end' elsewhere. */
Test(program, events_refusals)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(CD_EVENTS(EV1, "\"end\"")), &p, &e), 0, "%s", e.msg);
	cr_expect_eq(p->countdowns[0].mode, TLC_TARGET_MODE_EVENTS);
	cr_expect_eq(p->countdowns[0].nevents, 1);
	cr_expect_str_eq(p->countdowns[0].events[0].values[0], "FP1");
	cr_expect(p->countdowns[0].fields[1].is_int);
	cr_expect(p->countdowns[0].phases[0].above_end);
	tlc_program_free(p);
	refuses_above(PROGRAM(CD_EVENTS(EV("2026-12-01T12:00:00Z", "null", "\"FP1\""), "null")),
		      "an event has 1 values for 2 fields");
	refuses_above(PROGRAM(CD_EVENTS(EV("2026-12-01T12:00:00Z", "null", "\"FP1\", \"two\""), "null")),
		      "the integer field 'laps' has a value that is not an integer");
	refuses_above(PROGRAM_P("{\"name\": \"laps\", \"type\": \"text\"}", CD_EVENTS(EV1, "null")),
		      "the field 'laps' has the name of a parameter");
	refuses_above(PROGRAM(CD_EVENTS(EV("2026-12-01T12:00:00Z", END("2026-12-01T11:00:00Z"),
					   "\"FP1\", \"2\""), "null")),
		      "an event ends before it starts");
	refuses_above(PROGRAM(CD_EVENTS("{\"start\": {\"kind\": \"now\", \"offset\": 0}, \"end\": "
					"null, \"values\": [\"a\", \"1\"]}", "null")),
		      "an event's start or end is an instant written out");
	refuses_above(PROGRAM(CD_EVENTS("", "null")), "1 to 256 events, not 0");
	refuses_above(PROGRAM(CD_EVENTS("{\"rrule\": \"FREQ=DAILY\", \"length\": 60, \"start\": "
					"{\"kind\": \"now\", \"offset\": 0}, \"values\": [\"a\", \"1\"]}",
					"null")),
		      "unknown key 'start' in a recurring event");
	refuses_above(PROGRAM(CD_EVENTS("{\"rrule\": \"FREQ=DAILY\", \"length\": -1, \"values\": "
					"[\"a\", \"1\"]}", "null")), "");
	/* the empty text has no target: no live run in it */
	const char *ev = PROGRAM(CD_EVENTS(EV1, "null"));
	const char *nul = strstr(ev, "\"empty\": null");
	char eb[4096];
	cr_assert_not_null(nul);
	snprintf(eb, sizeof eb, "%.*s\"empty\": {\"default\": [{\"live\": \"timer\"}]}%s",
		 (int)(nul - ev), ev, nul + strlen("\"empty\": null"));
	refuses_above(eb, "the empty text has no self-updating run");
	refuses_above(PROGRAM(CD_ABOVE("\"end\"")), "in an events countdown, \"end\"");
	/* a live run to the item's end ({timer end}) only in an events countdown's phases */
	const char *to_end = PROGRAM(CD("a", "x"));
	char buf[4096];
	const char *textrun = "{\"text\": \"x\", \"at\": [1, 1]}";
	const char *hit = strstr(to_end, textrun);
	cr_assert_not_null(hit);
	snprintf(buf, sizeof buf, "%.*s{\"live\": \"timer\", \"to\": \"end\", \"at\": [1, 1]}%s",
		 (int)(hit - to_end), to_end, hit + strlen(textrun));
	refuses_above(buf, "a run to the item's end");
	snprintf(buf, sizeof buf, "%.*s{\"live\": \"timer\", \"to\": \"start\", \"at\": [1, 1]}%s",
		 (int)(hit - to_end), to_end, hit + strlen(textrun));
	refuses_above(buf, "a live run's 'to' is \"end\"");
	refuses_above(PROGRAM(CD_EVENTS(EV1, "\"start\"")), "in an events countdown, \"end\"");
}

/* The item shown is the first, by start, then end, then as written, whose roll instant
 * max(start + roll-after, end) is after t; 'above: end' matches while t is before the end. */
Test(program, events_order_roll_and_end)
{
	tlc_program *p;
	tlc_err e;
	/* written: B 13:00-13:15, A 12:00-14:00, C 15:00 (no end); now 2026-12-01T00:00Z */
	const char *json = PROGRAM(CD_EVENTS(
		EV("2026-12-01T13:00:00Z", END("2026-12-01T13:15:00Z"), "\"B\", \"1\"") ", "
		EV("2026-12-01T12:00:00Z", END("2026-12-01T14:00:00Z"), "\"A\", \"2\"") ", "
		EV("2026-12-01T15:00:00Z", "null", "\"C\", \"3\""), "\"end\""));
	cr_assert_eq(read(json, &p, &e), 0, "%s", e.msg);
	tlc_timeline *tl = NULL;
	tlc_inst_err ie;
	tlc_instantiate_opts o = {.now = 1796083200, .data_time = TLC_TIME_NONE};
	cr_assert_eq(tlc_instantiate(&tl, p, &o, &ie), 0, "%s", ie.msg);
	/* A (item 1) until 14:00 (B rolled inside it at 13:15), then C (no end: 'above: end' is
	   'above: 0s' for it) until its roll at 15:00, then no item */
	cr_assert_eq(tl->nentries, 3, "%zu entries", tl->nentries);
	cr_expect_eq(tl->entries[0].views[0].item, 1);
	cr_expect_eq(tl->entries[0].views[0].phase, 0);
	cr_expect_eq(tl->entries[0].views[0].target, 1796083200 + 12 * 3600);
	cr_expect_eq(tl->entries[1].date, 1796083200 + 14 * 3600);
	cr_expect_eq(tl->entries[1].views[0].item, 2);
	cr_expect_eq(tl->entries[1].views[0].phase, 0);
	cr_expect_eq(tl->entries[2].date, 1796083200 + 15 * 3600);
	cr_expect_eq(tl->entries[2].views[0].item, -1);
	tlc_tl_view v[1];
	double rel;
	cr_assert_eq(tlc_evaluate(v, &rel, tl, 1796083200 + 15 * 3600), 0);
	cr_expect_eq(v[0].item, -1, "every item rolled at 15:00");
	tlc_view_release(&v[0]);
	tlc_timeline_free(tl);
	tlc_program_free(p);
}

/* A program whose countdown reads the list parameter 'sessions' (fields name, laps). */
#define LIST_PROGRAM                                                                          \
	PROGRAM_P("{\"name\": \"sessions\", \"type\": \"events\", \"fields\": [{\"name\": "      \
		  "\"name\", \"type\": \"text\"}, {\"name\": \"laps\", \"type\": \"integer\"}]}",  \
		  "{\"id\": \"a\", \"mode\": \"events\", \"events-param\": \"sessions\", "        \
		  "\"roll-after\": 0, \"from\": null, \"paused-at\": null, \"relevance\": null, " \
		  "\"stale\": null, \"empty\": null, \"phases\": [{\"above\": \"end\", \"at\": [1, 1], " \
		  "\"views\": " \
		  "{\"default\": [{\"message\": 0, \"at\": [1, 1]}]}}], \"at\": [1, 1]}")

static int inst_list(tlc_timeline **tl, const tlc_program *p, const char *json, tlc_inst_err *ie)
{
	tlc_param_value v = {.name = "sessions", .text = json};
	tlc_instantiate_opts o = {.now = 1796083200, .data_time = TLC_TIME_NONE, .params = &v,
				  .nparams = 1};
	*tl = NULL;
	return tlc_instantiate(tl, p, &o, ie);
}

/* The core reads a list parameter's JSON itself: every refusal names the item and the key. */
Test(program, list_param_refusals)
{
	tlc_program *p;
	tlc_err e;
	char *json = NULL;
	const char *prog = LIST_PROGRAM;
	/* the message the phase shows, so the program is complete */
	const char *msgs = "\"messages\": []";
	const char *at = strstr(prog, msgs);
	cr_assert_not_null(at);
	size_t n = strlen(prog) + 200;
	json = malloc(n);
	snprintf(json, n, "%.*s\"messages\": [{\"key\": \"a.x\", \"pattern\": \"{name} {laps}\", "
		 "\"units\": [], \"params\": [\"name\", \"laps\"], \"at\": [1, 1]}]%s",
		 (int)(at - prog), prog, at + strlen(msgs));
	cr_assert_eq(read(json, &p, &e), 0, "%s", e.msg);
	cr_expect_str_eq(p->countdowns[0].events_param, "sessions");
	cr_expect_eq(p->countdowns[0].nfields, 2);
	static const struct { const char *in, *want; } cases[] = {
		{"{}", "parameter 'sessions' is a JSON array"},
		{"[1", "parameter 'sessions' is not JSON"},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"name\": \"a\", \"laps\": 1}, 3]", "item 2 is not an object"},
		{"[{\"name\": \"a\", \"laps\": 1}]", "item 1 has no 'at'"},
		{"[{\"at\": \"tomorrow\", \"name\": \"a\", \"laps\": 1}]", "item 1: 'at': "},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"laps\": 1}]", "item 1 has no 'name'"},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"name\": \"a\", \"laps\": \"1\"}]", "item 1: 'laps' is an integer field"},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"name\": 1, \"laps\": 1}]", "item 1: 'name' is a text field"},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"name\": \"a\", \"laps\": 1, \"x\": 1}]", "item 1: unknown key 'x'"},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"at\": \"2026-12-01T12:00:00Z\", \"name\": \"a\", \"laps\": 1}]", "item 1: a second key 'at'"},
		{"[{\"at\": \"2026-12-01T12:00:00Z\", \"end\": \"2026-12-01T11:00:00Z\", \"name\": \"a\", \"laps\": 1}]", "item 1 ends before it starts"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_timeline *tl;
		tlc_inst_err ie;
		cr_expect_eq(inst_list(&tl, p, cases[i].in, &ie), TLC_EINPUT, "%s", cases[i].in);
		cr_expect(strstr(ie.msg, cases[i].want) != NULL, "%s: %s (want %s)", cases[i].in, ie.msg,
			  cases[i].want);
	}
	/* 257 items: over TLC_MAX_EVENTS */
	tlc_buf b = TLC_BUF_INIT;
	tlc_buf_puts(&b, "[");
	for (int i = 0; i <= TLC_MAX_EVENTS; i++)
		tlc_buf_printf(&b, "%s{\"at\": \"@1796090000\", \"name\": \"a\", \"laps\": 1}", i ? "," : "");
	tlc_buf_puts(&b, "]");
	tlc_timeline *tl;
	tlc_inst_err ie;
	cr_expect_eq(inst_list(&tl, p, b.ptr, &ie), TLC_EINPUT);
	cr_expect(strstr(ie.msg, "at most 256 items") != NULL, "%s", ie.msg);
	tlc_buf_release(&b);
	/* the items live in the timeline: its JSON carries them, its reader and a slice keep them */
	cr_assert_eq(inst_list(&tl, p, "[{\"at\": \"2026-12-01T12:00:00Z\", \"end\": "
			       "\"2026-12-01T13:00:00Z\", \"name\": \"FP1\", \"laps\": 2}]", &ie), 0,
		     "%s", ie.msg);
	cr_assert_eq(tl->lists[0].nevents, 1);
	cr_expect_str_eq(tl->entries[0].views[0].runs[0][0].event->values[0], "FP1");
	tlc_timeline *sl = NULL, *back = NULL;
	cr_assert_eq(tlc_timeline_slice(&sl, tl, 1796083200 + 3600), 0);
	cr_expect(sl->entries[0].views[0].runs[0][0].event == &sl->lists[0].events[0]);
	tlc_buf_init(&b);
	cr_assert_eq(tlc_timeline_write_json(&b, sl, NULL, 0, NULL, NULL), 0);
	cr_expect(strstr(b.ptr, "\"lists\": {") != NULL, "%s", b.ptr);
	cr_assert_eq(tlc_timeline_read_json(&back, b.ptr, b.len, &e), 0, "%s", e.msg);
	cr_expect_str_eq(back->entries[0].views[0].runs[0][0].event->values[1], "2");
	cr_expect_eq(back->entries[0].views[0].item, 0);
	tlc_buf_release(&b);
	tlc_timeline_free(back);
	tlc_timeline_free(sl);
	tlc_timeline_free(tl);
	tlc_program_free(p);
	free(json);
}

/* The clock styles' runs carry hours, max and precision (each required; countdown-timer: max 1..3,
 * no hundredths; stopwatch: max 1..4); no fields or sign. */
#define CLOCK(kind, hours, max, prec)                                                          \
	"{\"live\": \"" kind "\", \"hours\": " hours ", \"max\": " max ", \"precision\": " prec \
	", \"at\": [1, 1]}"

Test(program, clock_style_runs_carry_their_style)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(CD_RUN(CLOCK("countdown-timer", "false", "2", "\"minutes\"") ", "
					 CLOCK("stopwatch", "true", "4", "\"hundredths\""))), &p, &e), 0,
		     "%s", e.msg);
	const tlc_prog_run *r = &p->countdowns[0].phases[0].views[0].runs[0];
	cr_assert_eq(r[0].kind, TLC_RUN_COUNTDOWN_TIMER);
	cr_expect(!r[0].style.hours);
	cr_expect_eq(r[0].style.max, 2);
	cr_expect_eq(r[0].style.precision, TLC_PREC_MINUTES);
	cr_assert_eq(r[1].kind, TLC_RUN_STOPWATCH);
	cr_expect(r[1].style.hours);
	cr_expect_eq(r[1].style.max, 4);
	cr_expect_eq(r[1].style.precision, TLC_PREC_HUNDREDTHS);
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_expect_not_null(strstr(b.ptr, CLOCK("countdown-timer", "false", "2", "\"minutes\"")), "%s",
			   b.ptr);
	cr_expect_not_null(strstr(b.ptr, CLOCK("stopwatch", "true", "4", "\"hundredths\"")), "%s",
			   b.ptr);
	tlc_buf_release(&b);
	tlc_program_free(p);

	static const struct { const char *json, *needle; } bad[] = {
		{PROGRAM(CD_RUN("{\"live\": \"stopwatch\", \"hours\": true, \"max\": 2, \"at\": [1, 1]}")),
		 "missing key 'precision'"},
		{PROGRAM(CD_RUN(CLOCK("countdown-timer", "true", "4", "\"seconds\""))),
		 "expected an integer from 1 to 3"},
		{PROGRAM(CD_RUN(CLOCK("stopwatch", "true", "5", "\"seconds\""))),
		 "expected an integer from 1 to 4"},
		{PROGRAM(CD_RUN(CLOCK("stopwatch", "true", "0", "\"seconds\""))),
		 "expected an integer from 1 to 4"},
		{PROGRAM(CD_RUN(CLOCK("countdown-timer", "true", "3", "\"hundredths\""))),
		 "'precision' of a countdown-timer run is seconds or minutes"},
		{PROGRAM(CD_RUN(CLOCK("stopwatch", "true", "3", "\"hours\""))), "unknown value 'hours'"},
		{PROGRAM(CD_RUN(CLOCK("stopwatch", "\"true\"", "3", "\"seconds\""))),
		 "'hours' must be true or false"},
		{PROGRAM(CD_RUN("{\"live\": \"stopwatch\", \"hours\": true, \"max\": 2, \"precision\": "
				"\"seconds\", \"sign\": \"never\", \"at\": [1, 1]}")), "unknown key 'sign'"},
		{PROGRAM(CD_RUN(STYLED("[\"day\"]", "2", "\"never\"") ", {\"live\": \"date-offset\", "
				"\"fields\": [\"day\"], \"max\": 2, \"sign\": \"never\", \"hours\": true, "
				"\"at\": [1, 1]}")), "unknown key 'hours'"},
		{PROGRAM(CD_RUN("{\"live\": \"countdown\", \"precision\": \"seconds\", \"at\": [1, 1]}")),
		 "unknown key 'precision'"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_expect_eq(read(bad[i].json, &p, &e), TLC_EINPUT, "accepted case %zu", i);
		cr_expect_null(p);
		cr_expect(strstr(e.msg, bad[i].needle) != NULL, "case %zu: '%s' lacks '%s'", i, e.msg,
			  bad[i].needle);
		tlc_program_free(p);
	}
}

/* The reference style's runs carry fields, max and threshold (each required; threshold a field);
 * no sign, hours or precision. */
#define REFERENCE(fields, max, threshold)                                                      \
	"{\"live\": \"date-reference\", \"fields\": " fields ", \"max\": " max ", \"threshold\": " \
	threshold ", \"at\": [1, 1]}"

Test(program, date_reference_runs_carry_their_style)
{
	tlc_program *p;
	tlc_err e;
	cr_assert_eq(read(PROGRAM(CD_RUN(REFERENCE("[\"week\", \"day\", \"hour\"]", "3", "\"hour\""))),
			  &p, &e), 0, "%s", e.msg);
	const tlc_prog_run *r = &p->countdowns[0].phases[0].views[0].runs[0];
	cr_assert_eq(r->kind, TLC_RUN_DATE_REFERENCE);
	cr_expect_eq(r->style.fields, TLC_SF_WEEK | TLC_SF_DAY | TLC_SF_HOUR);
	cr_expect_eq(r->style.max, 3);
	cr_expect_eq(r->style.threshold, TLC_SF_HOUR);
	tlc_buf b = TLC_BUF_INIT;
	tlc_program_write_json(&b, p);
	cr_expect_not_null(strstr(b.ptr, REFERENCE("[\"week\", \"day\", \"hour\"]", "3", "\"hour\"")),
			   "%s", b.ptr);
	tlc_buf_release(&b);
	tlc_program_free(p);

	static const struct { const char *json, *needle; } bad[] = {
		{PROGRAM(CD_RUN("{\"live\": \"date-reference\", \"fields\": [\"day\"], \"max\": 2, "
				"\"at\": [1, 1]}")), "missing key 'threshold'"},
		{PROGRAM(CD_RUN(REFERENCE("[\"day\"]", "2", "\"days\""))), "unknown value 'days'"},
		{PROGRAM(CD_RUN(REFERENCE("[\"day\"]", "8", "\"day\""))), "expected an integer from 1 to 7"},
		{PROGRAM(CD_RUN(REFERENCE("[]", "2", "\"day\""))), "'fields' names at least one field"},
		{PROGRAM(CD_RUN(REFERENCE("[\"day\", \"day\"]", "2", "\"day\""))), "'fields' lists 'day' twice"},
		{PROGRAM(CD_RUN("{\"live\": \"date-reference\", \"fields\": [\"day\"], \"max\": 2, "
				"\"threshold\": \"day\", \"sign\": \"never\", \"at\": [1, 1]}")),
		 "unknown key 'sign'"},
		{PROGRAM(CD_RUN("{\"live\": \"date-offset\", \"fields\": [\"day\"], \"max\": 2, "
				"\"sign\": \"never\", \"threshold\": \"day\", \"at\": [1, 1]}")),
		 "unknown key 'threshold'"},
		{PROGRAM(CD_RUN("{\"live\": \"relative\", \"threshold\": \"day\", \"at\": [1, 1]}")),
		 "unknown key 'threshold'"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_expect_eq(read(bad[i].json, &p, &e), TLC_EINPUT, "accepted case %zu", i);
		cr_expect_null(p);
		cr_expect(strstr(e.msg, bad[i].needle) != NULL, "case %zu: '%s' lacks '%s'", i, e.msg,
			  bad[i].needle);
		tlc_program_free(p);
	}
}

/* A relevance score is read from 0 to 100: an overflow (1e999, inf when read) was accepted and
 * written back as null, which the reader then refused (found by the program fuzzer). */
Test(program, relevance_score_from_0_to_100)
{
	static const char *const scores[] = {"1e999", "-1e999", "-0.5", "100.5", "6.0999E99"};
	char cd[1024], json[4096];
	tlc_program *p;
	tlc_err e;
	for (size_t i = 0; i < sizeof scores / sizeof *scores; i++) {
		snprintf(cd, sizeof cd,
			 "{\"id\": \"a\", \"mode\": \"to\", \"target\": {\"kind\": \"literal\", \"at\": "
			 "\"2026-12-01T12:00:00Z\", \"offset\": 0}, \"from\": null, \"paused-at\": null, "
			 "\"relevance\": {\"score\": %s, \"from\": -3600, \"until\": 900}, \"stale\": null, "
			 "\"phases\": [{\"above\": null, \"at\": [1, 1], \"views\": {\"default\": "
			 "[{\"text\": \"x\", \"at\": [1, 1]}]}}], \"at\": [1, 1]}", scores[i]);
		snprintf(json, sizeof json, PROGRAM("%s"), cd);
		cr_expect_eq(read(json, &p, &e), TLC_EINPUT, "accepted score %s", scores[i]);
		cr_expect(strstr(e.msg, "the relevance score is a number from 0 to 100") != NULL, "%s: %s",
			  scores[i], e.msg);
		tlc_program_free(p);
	}
	cr_assert_eq(read(PROGRAM(CD("a", "x")), &p, &e), 0, "%s", e.msg);
	tlc_program_free(p);
}
