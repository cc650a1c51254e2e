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
