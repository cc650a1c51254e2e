/* The verifier: each finding's rule, first instant, worst duration and tolerated lateness. */
#include <stdio.h>
#include "helpers.h"
#include "lower/lower.h"
#include "verify/verify.h"
#include "timelinec/timeparse.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(verify, .init = setup, .fini = teardown);

static tlc_time at(const char *s)
{
	tlc_parsed_instant pi;
	cr_assert_eq(tlc_instant_parse(&pi, s, strlen(s), NULL), 0);
	return pi.value;
}

/* Loads, lowers and verifies `text` under `budget`; returns the number of diagnostics. */
static size_t verify_text(const char *text, const char *budget)
{
	tlc_spec *s;
	tlc_program *p = NULL;
	tlc_verify_opts o;
	memset(&o, 0, sizeof o);
	cr_assert_eq(tlc_budget_parse(&o.budget, budget, NULL), 0);
	tctx_add(&T, "t.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	cr_assert_eq(tlc_lower(&T.ctx, s, &p), 0);
	cr_assert_eq(tlc_verify(&T.ctx, s, p, &o), 0);
	tlc_program_free(p);
	return T.ctx.diags.n;
}

#define TIMER_SPEC(start)                                                                           \
	"timelinec: 1\nwidget: W\ntimezone: UTC\n"                                                  \
	"window: " start " .. 2026-12-04T00:00:00Z\n"                                                \
	"countdown:\n  to: 2026-12-03T00:00:00Z\n  show:\n"                                          \
	"    - above: 0s\n      text: \"in {timer}\"\n    - text: done\n"

Test(verify, timer_at_exactly_24_hours_is_fine)
{
	cr_expect_eq(verify_text(TIMER_SPEC("2026-12-02T00:00:00Z"), "typical"), 0,
		     "24:00:00 is not more than 24 hours: %s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}

Test(verify, timer_one_second_over_24_hours)
{
	cr_assert_eq(verify_text(TIMER_SPEC("2026-12-01T23:59:59Z"), "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL101");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "shows 24:00:01") != NULL, "%s", g->message);
	cr_expect_eq(g->first, at("2026-12-01T23:59:59Z"));
	cr_expect_eq(g->worst, 1, "shows more than 24 hours for one second");
	assert_diag(&T, "TL101", 9, 17, "{timer}");
}

/* TL101's fix follows minimum-ios: a day phase before iOS 18, the iOS 18 style with day fields
 * ({date-offset}, SystemFormatStyle.DateOffset) from 18 on; and that style is no TL101. */
Test(verify, timer_over_24_hours_fix_follows_minimum_ios)
{
	cr_assert_eq(verify_text(TIMER_SPEC("2026-12-01T00:00:00Z"), "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL101");
	cr_assert(g && g->fix);
	cr_expect(strstr(g->fix, "add a phase 'above: 24h'") == g->fix, "%s", g->fix);
	cr_expect_null(strstr(g->fix, "iOS 18"), "%s", g->fix);
	tctx_close(&T);
	tctx_open(&T);
	cr_assert_eq(verify_text("minimum-ios: 18\n" TIMER_SPEC("2026-12-01T00:00:00Z"), "typical"), 1);
	g = tctx_find(&T, "TL101");
	cr_assert(g && g->fix);
	cr_expect_not_null(strstr(g->fix, "supports iOS 18 and later"), "%s", g->fix);
	cr_expect_not_null(strstr(g->fix, "'{date-offset, fields: day hour minute, sign: never}'"),
			   "%s", g->fix);
}

/* {countdown-timer, hours: false} runs its minutes past 60: TL101 says what it reads then. */
Test(verify, countdown_timer_without_hours_reads_minutes)
{
	const char *spec = "timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"
			   "window: 2026-12-01T00:00:00Z .. 2026-12-04T00:00:00Z\n"
			   "countdown:\n  to: 2026-12-03T00:00:00Z\n  show:\n"
			   "    - above: 0s\n      text: \"in {countdown-timer, hours: false}\"\n"
			   "    - text: done\n";
	cr_assert_eq(verify_text(spec, "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL101");
	cr_assert_not_null(g);
	cr_expect_not_null(strstr(g->message, "shows 2880:00 on"), "%s", g->message);
	cr_expect_not_null(strstr(g->message, "reads as 1440+ minutes"), "%s", g->message);
}

#define DATE_OFFSET_SPEC(style)                                                                     \
	"timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"                                  \
	"window: 2026-12-01T00:00:00Z .. 2026-12-04T00:00:00Z\n"                                      \
	"countdown:\n  to: 2026-12-03T00:00:00Z\n  show:\n"                                          \
	"    - above: 0s\n      text: \"in {date-offset" style "}\"\n    - text: done\n"

/* {date-offset} has day fields: 48 hours away is no TL101; as a time pattern with an hour
 * field ("48:00:00") it is one. After the target it counts up like {offset} (TL102). */
Test(verify, date_offset_over_24_hours_and_past_the_target)
{
	cr_expect_eq(verify_text(DATE_OFFSET_SPEC(", fields: day hour minute"), "typical"), 0,
		     "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	tctx_close(&T);
	tctx_open(&T);
	cr_assert_eq(verify_text(DATE_OFFSET_SPEC(", fields: hour minute second, max: 3"), "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL101");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "shows 48:00:00") != NULL, "%s", g->message);
	tctx_close(&T);
	tctx_open(&T);
	const char *up = "timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"
			 "window: 2026-12-01T00:00:00Z .. 2026-12-04T00:00:00Z\n"
			 "countdown:\n  to: 2026-12-03T00:00:00Z\n  show:\n"
			 "    - text: \"{date-offset, fields: day hour}\"\n";
	cr_assert_geq(verify_text(up, "typical"), 1);
	cr_expect_not_null(tctx_find(&T, "TL102"));
}

/* TL107's fix names the iOS 18 offset style, which needs no entries, from minimum-ios 18 on. */
Test(verify, entries_too_close_fix_follows_minimum_ios)
{
	static const char *const oven =
		"timelinec: 1\nwidget: Oven\ntimezone: Europe/Paris\n"
		"window: 2026-12-24 17:00 .. 2026-12-24 21:00\n"
		"countdown:\n  to: 2026-12-24 19:30\n  show:\n"
		"    - above: 0s\n      text: \"Encore {total-minutes} min\"\n    - text: fini\n";
	char ios18[512];
	snprintf(ios18, sizeof ios18, "minimum-ios: 18\n%s", oven);
	cr_assert_geq(verify_text(oven, "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL107");
	cr_assert(g && g->fix);
	cr_expect_null(strstr(g->fix, "date-offset"), "%s", g->fix);
	tctx_close(&T);
	tctx_open(&T);
	cr_assert_geq(verify_text(ios18, "typical"), 1);
	g = tctx_find(&T, "TL107");
	cr_assert(g && g->fix);
	cr_expect_not_null(strstr(g->fix, "'{date-offset, fields: hour minute, sign: never}'"), "%s",
			   g->fix);
}

#define STALE_SPEC(reload)                                                                          \
	"timelinec: 1\nwidget: Trip\ntimezone: UTC\nhorizon: 2d\n" reload                            \
	"countdown:\n  to: 2026-12-20T00:00:00Z\n  show:\n"                                          \
	"    - above: 0s\n      text: \"{days} days\"\n    - text: gone\n"

Test(verify, stale_tail_reports_first_worst_and_tolerated)
{
	/* the reload is asked for when the entries run out; it arrives up to 1 h late */
	cr_assert_geq(verify_text(STALE_SPEC("reload: {after: 2d}\n"), "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL103");
	cr_assert_not_null(g);
	cr_expect_eq(g->worst, 3600);
	cr_expect_eq(g->tolerated, 0);
	cr_expect_eq(g->first, at("2026-12-19T00:00:00Z"));
	assert_diag(&T, "TL103", 10, 14, "out of date");
}

Test(verify, rare_profile_makes_it_last_longer)
{
	cr_assert_geq(verify_text(STALE_SPEC("reload: {after: 2d}\n"), "rare"), 1);
	const tlc_diag *g = tctx_find(&T, "TL103");
	cr_assert_not_null(g);
	cr_expect_eq(g->worst, 6 * 3600);
}

Test(verify, auto_reload_tolerates_six_hours)
{
	cr_expect_eq(verify_text(STALE_SPEC(""), "typical"), 0);
	/* a profile whose reloads come 7 h late breaks it after the 6 h margin */
	cr_assert_geq(verify_text(STALE_SPEC(""), "custom:reload-lateness=7h"), 1);
	const tlc_diag *g = tctx_find(&T, "TL103");
	cr_assert_not_null(g);
	cr_expect_eq(g->tolerated, 6 * 3600, "tolerated %lld", (long long)g->tolerated);
	cr_expect_eq(g->worst, 3600);
}

Test(verify, count_up_after_target)
{
	cr_assert_geq(verify_text("timelinec: 1\nwidget: W\ntimezone: UTC\n"
				  "window: 2026-12-05T00:00:00Z .. 2026-12-06T00:00:00Z\n"
				  "countdown:\n  to: 2026-12-05T19:00:00Z\n  show:\n"
				  "    - above: 2h\n      text: later\n"
				  "    - text: \"in {timer}\"\n", "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL102");
	cr_assert_not_null(g);
	cr_expect_eq(g->first, at("2026-12-05T19:00:00Z"));
	cr_expect_eq(g->worst, INT64_MAX, "nothing replaces it: until the app runs");
}

Test(verify, since_never_counts_up)
{
	cr_expect_eq(verify_text("timelinec: 1\nwidget: W\ntimezone: UTC\n"
				 "window: 2026-12-05T00:00:00Z .. 2026-12-05T20:00:00Z\n"
				 "countdown:\n  since: 2026-12-05T01:00:00Z\n  show:\n"
				 "    - text: \"fed {relative} ago\"\n", "typical"), 0);
}

Test(verify, frozen_profile_never_reloads)
{
	cr_assert_geq(verify_text(STALE_SPEC(""), "frozen"), 1);
	const tlc_diag *g = tctx_find(&T, "TL106");
	cr_assert_not_null(g);
	cr_expect_eq(g->first, at("2026-12-19T00:00:00Z"));
}

Test(verify, dense_entries_and_budget)
{
	cr_assert_geq(verify_text("timelinec: 1\nwidget: W\ntimezone: UTC\nhorizon: 30m\n"
				  "countdown:\n  to: 2026-12-07T09:00:00Z\n  show:\n"
				  "    - above: 0s\n      text: \"{total-minutes} min\"\n    - text: due\n",
				  "typical"), 2);
	const tlc_diag *d = tctx_find(&T, "TL107"), *b = tctx_find(&T, "TL105");
	cr_assert_not_null(d);
	cr_assert_not_null(b);
	cr_expect(strstr(b->message, "96 reloads") != NULL, "%s", b->message);
	assert_diag(&T, "TL105", 4, 10, "'typical' profile gives 40");
}

Test(verify, debugger_profile_is_lenient)
{
	cr_expect_eq(verify_text(STALE_SPEC("reload: {after: 2d}\n"), "debugger"), 0);
}

/* A check-params domain anchored at another parameter ('20m .. 45m before $departure') counts
 * from that parameter's sampled value, not from the start: boarding can then be 47 hours away,
 * and the {timer} shows more than 24 hours. Counted from the start it would lie in the past. */
Test(verify, domain_anchored_at_another_parameter)
{
	tlc_spec *s;
	tlc_program *p = NULL;
	tlc_verify_opts o;
	memset(&o, 0, sizeof o);
	cr_assert_eq(tlc_budget_parse(&o.budget, "typical", NULL), 0);
	o.now = at("2026-12-01T08:00:00Z");
	o.now_given = true;
	tctx_add(&T, "t.yaml",
		 "timelinec: 1\nwidget: W\ntimezone: UTC\nparams: {departure: instant, boarding: instant}\n"
		 "check-params:\n  departure: 1h .. 48h after now\n"
		 "  boarding: 20m .. 45m before $departure\n"
		 "countdown:\n  to: $boarding\n  show:\n"
		 "    - above: 0s\n      text: \"in {timer}\"\n    - text: boarding\n");
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0);
	cr_assert_eq(tlc_lower(&T.ctx, s, &p), 0);
	cr_assert_eq(tlc_verify(&T.ctx, s, p, &o), 0);
	tlc_program_free(p);
	const tlc_diag *g = tctx_find(&T, "TL101");
	cr_assert_not_null(g, "the anchored domain reaches 47 h ahead");
	cr_expect(strstr(g->message, "shows 47:") != NULL, "%s", g->message);
}

/* The reload model the replay and the preview share (docs/budget-model.md). */
Test(verify, budget_arrival)
{
	tlc_budget b;
	memset(&b, 0, sizeof b);
	b.reloads_per_day = 2;
	b.min_gap = 600;
	b.reload_lateness = 3600;
	cr_expect_eq(tlc_budget_arrival(&b, TLC_TIME_NONE, 0, NULL, 0), TLC_TIME_NONE);
	cr_expect_eq(tlc_budget_arrival(&b, 10000, 0, NULL, 0), 13600, "d + lateness");
	cr_expect_eq(tlc_budget_arrival(&b, 0, 5000, NULL, 0), 8600, "asked in the past: from t");
	tlc_time one[] = {13000};
	cr_expect_eq(tlc_budget_arrival(&b, 9000, 9000, one, 1), 13600, "min_gap after the last");
	tlc_time two[] = {1000, 20000};
	cr_expect_eq(tlc_budget_arrival(&b, 30000, 30000, two, 2), 1000 + 86400,
		     "two a day: the first token frees 24 h after it was used");
	b.reloads_per_day = 0;
	cr_expect_eq(tlc_budget_arrival(&b, 10000, 0, NULL, 0), TLC_TIME_NONE, "frozen");
	b.reloads_per_day = -1;
	b.reload_lateness = 0;
	cr_expect_eq(tlc_budget_arrival(&b, 5, 5, NULL, 0), 6, "zero lateness still moves on");
}

/* An iOS 18 style to an event item's end keeps its options ({date-offset end, fields: ...}); an
 * unknown option after 'end' is TL032 where it is written. */
Test(verify, iOS18_style_to_an_items_end_keeps_its_options)
{
	const char *spec = "timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"
			   "window: 2026-12-05T10:00:00Z .. 2026-12-06T00:00:00Z\n"
			   "countdown:\n  events:\n"
			   "    - {at: 2026-12-05 12:30, end: 2026-12-05 13:30, name: FP1}\n  show:\n"
			   "    - above: 0s\n      text: \"{name} in {date-offset, fields: hour minute}\"\n"
			   "    - above: end\n      text: \"{name} ends in {date-offset end, fields: hour minute, sign: never}\"\n";
	tlc_spec *s;
	tlc_program *p = NULL;
	tctx_add(&T, "t.yaml", spec);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	cr_assert_eq(tlc_lower(&T.ctx, s, &p), 0);
	const tlc_prog_view *v = &p->countdowns[0].phases[1].views[TLC_FAM_DEFAULT];
	const tlc_prog_run *r = &v->runs[v->nruns - 1];
	cr_assert_eq(r->kind, TLC_RUN_DATE_OFFSET);
	cr_expect(r->to_end);
	cr_expect_eq(r->style.fields, TLC_SF_HOUR | TLC_SF_MINUTE);
	cr_expect_eq(r->style.sign, TLC_SIGN_NEVER);
	tlc_program_free(p);
	tctx_close(&T);
	tctx_open(&T);
	const char *bad = "timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"
			  "window: 2026-12-05T10:00:00Z .. 2026-12-06T00:00:00Z\n"
			  "countdown:\n  events:\n"
			  "    - {at: 2026-12-05 12:30, end: 2026-12-05 13:30, name: FP1}\n  show:\n"
			  "    - above: end\n      text: \"{date-offset end, feilds: hour}\"\n";
	tctx_add(&T, "t.yaml", bad);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0);
	p = NULL;
	cr_expect_neq(tlc_lower(&T.ctx, s, &p), 0);
	tlc_program_free(p);
	cr_expect_not_null(tctx_find(&T, "TL032"));
}

#define CLOCK_SPEC(mode, text)                                                                      \
	"timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"                                  \
	"window: 2026-12-01T00:00:00Z .. 2026-12-04T00:00:00Z\n"                                      \
	"countdown:\n  " mode ": 2026-12-03T00:00:00Z\n  show:\n"                                    \
	"    - text: \"" text "\"\n"

/* {countdown-timer} has no day field (TL101 over 24 hours, hours: false too) and holds at 0:00
 * (no TL102); {stopwatch} counts up on purpose (no TL102, in 'to:' mode too) and is TL101 from
 * 24 hours after its target, with its own fix. */
Test(verify, clock_styles_over_24_hours_and_past_the_target)
{
	cr_assert_geq(verify_text(CLOCK_SPEC("to", "{countdown-timer}"), "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL101");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "'{countdown-timer}' shows 48:00:00") != NULL, "%s", g->message);
	cr_expect_null(tctx_find(&T, "TL102"));
	tctx_close(&T);
	tctx_open(&T);
	cr_assert_geq(verify_text(CLOCK_SPEC("to", "{countdown-timer, hours: false}"), "typical"), 1);
	cr_expect_not_null(tctx_find(&T, "TL101"));
	tctx_close(&T);
	tctx_open(&T);
	/* the stopwatch from 2026-12-03 00:00 to the window's end: 24 h, not more */
	cr_expect_eq(verify_text(CLOCK_SPEC("to", "{stopwatch}"), "typical"), 0, "%s",
		     T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	tctx_close(&T);
	tctx_open(&T);
	const char *long_sw = "timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"
			      "window: 2026-12-01T00:00:00Z .. 2026-12-05T00:00:00Z\n"
			      "countdown:\n  since: 2026-12-02T00:00:00Z\n  show:\n"
			      "    - text: \"{stopwatch, precision: seconds}\"\n";
	cr_assert_geq(verify_text(long_sw, "typical"), 1);
	g = tctx_find(&T, "TL101");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "'{stopwatch}'") != NULL, "%s", g->message);
	cr_expect(g->fix && strstr(g->fix, "the stopwatch style has no day field"), "%s", g->fix);
	cr_expect_null(tctx_find(&T, "TL102"));
}

/* {date-reference} counts past its target like {relative} ("3 days ago"): TL102 when its phase
 * goes on past the target, none with 'above: 0s'; it has day fields, so never TL101, even over
 * days, and not in 'since:' mode either (it is a count-up there by intent). */
Test(verify, date_reference_past_the_target_and_over_24_hours)
{
	cr_assert_geq(verify_text(CLOCK_SPEC("to", "{date-reference}"), "typical"), 1);
	const tlc_diag *g = tctx_find(&T, "TL102");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "'{date-reference}' keeps running past its target") != NULL, "%s",
		  g->message);
	cr_expect_null(tctx_find(&T, "TL101"));
	tctx_close(&T);
	tctx_open(&T);
	const char *phased = "timelinec: 1\nwidget: W\ntimezone: UTC\nminimum-ios: 18\n"
			     "window: 2026-12-01T00:00:00Z .. 2026-12-04T00:00:00Z\n"
			     "countdown:\n  to: 2026-12-03T00:00:00Z\n  show:\n"
			     "    - above: 0s\n      text: \"{date-reference, fields: day hour, max: 2}\"\n"
			     "    - text: \"Started\"\n";
	cr_expect_eq(verify_text(phased, "typical"), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	tctx_close(&T);
	tctx_open(&T);
	cr_expect_eq(verify_text(CLOCK_SPEC("since", "{date-reference, threshold: week}"), "typical"), 0,
		     "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}
