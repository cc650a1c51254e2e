/*
 * Verdicts users can trust: each false alarm that is gone, each miss that is caught, and the
 * severity that follows certainty. Every test here failed before the change it pins.
 */
#include "lower/activity.h"
#include "verify/activity_rules.h"
#include "helpers.h"
#include "lower/lower.h"
#include "verify/verify.h"
#include "timelinec/timeparse.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(verdicts, .init = setup, .fini = teardown);

static tlc_time at(const char *s)
{
	tlc_parsed_instant pi;
	cr_assert_eq(tlc_instant_parse(&pi, s, strlen(s), NULL), 0, "%s", s);
	return pi.value;
}

/* Loads, lowers and verifies a widget spec; now and zone may be NULL. */
static void widget(const char *text, const char *budget, const char *now, const char *zone)
{
	tlc_spec *s;
	tlc_program *p = NULL;
	tlc_verify_opts o;
	memset(&o, 0, sizeof o);
	cr_assert_eq(tlc_budget_parse(&o.budget, budget, NULL), 0);
	if (now) {
		o.now = at(now);
		o.now_given = true;
	} else {
		o.now = at("2026-12-07T00:00:00Z");
	}
	o.display_zone = zone;
	tctx_add(&T, "w.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	cr_assert_eq(tlc_lower(&T.ctx, s, &p), 0);
	cr_assert_eq(tlc_verify(&T.ctx, s, p, &o), 0);
	tlc_program_free(p);
}

static void activity(const char *text, const char *now)
{
	tlc_spec *s;
	tctx_add(&T, "a.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	cr_assert_eq(tlc_activity_check(&T.ctx, s, at(now)), 0);
}

static void expect_none(const char *rule)
{
	const tlc_diag *g = tctx_find(&T, rule);
	cr_expect_null(g, "unexpected %s: %s", rule, g ? g->message : "");
}

static const tlc_diag *expect_sev(const char *rule, tlc_severity sev)
{
	const tlc_diag *g = tctx_find(&T, rule);
	cr_assert_not_null(g, "expected %s", rule);
	cr_expect_eq(g->sev, sev, "%s is %s: %s", rule, tlc_severity_name(g->sev), g->message);
	return g;
}

/* ---- 1. false alarms ------------------------------------------------------------------------ */

/* A timer restarted from now on every reload (an itcodar.com copy of a Stack Overflow answer,
 * examples/real-world/qa-one-minute-timer.yaml): each timeline is right when it comes. */
#define RESTART "timelinec: 1\nwidget: W\ntimezone: UTC\nhorizon: 1m\nreload: at-end\n"            \
		"countdown:\n  to: now + 1m\n  show:\n    - above: 10s\n      text: \"{timer}\"\n"   \
		"    - text: \"{timer}\"\n"

Test(verdicts, timer_restarted_per_reload_is_clean_under_the_debugger)
{
	widget(RESTART, "debugger", "2026-12-01T12:00:00Z", NULL);
	cr_expect_eq(T.ctx.diags.n, 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}

Test(verdicts, timer_restarted_per_reload_is_over_budget_not_a_loop)
{
	widget(RESTART, "typical", "2026-12-01T12:00:00Z", NULL);
	expect_none("TL103");
	expect_none("TL104");
	expect_sev("TL105", TLC_SEV_WARNING);
	const tlc_diag *g = expect_sev("TL102", TLC_SEV_WARNING); /* only a late reload causes it */
	cr_expect(strstr(g->message, "late reload") && strstr(g->message, "assumption"), "%s", g->message);
}

#define STALE "timelinec: 1\nwidget: Trip\ntimezone: UTC\nhorizon: 2d\nreload: {after: 2d}\n"     \
	      "countdown:\n  to: 2026-12-20T00:00:00Z\n  show:\n"                                    \
	      "    - above: 0s\n      text: \"{days} days\"\n    - text: gone\n"

Test(verdicts, unlimited_budget_is_not_minus_one_a_day)
{
	widget(STALE, "debugger:reload-lateness=1h", NULL, NULL);
	const tlc_diag *g = expect_sev("TL103", TLC_SEV_WARNING);
	cr_expect(strstr(g->message, "-1 a day") == NULL && strstr(g->message, "unlimited"), "%s", g->message);
}

#define LA_HEAD "timelinec: 1\nlive-activity: A\nbundle-id: com.x\ntimezone: UTC\n"

Test(verdicts, timestamp_and_unshown_dates_may_be_past)
{
	/* GlucoseDirect's "Updated {time}" (examples/real-world/glucosedirect-glucose.yaml) */
	activity(LA_HEAD "content-state: {reading-at: date, logged: date, ends: date}\n"
		 "view: {lock-screen: \"Updated {time reading-at} · {countdown ends}\"}\n"
		 "start: {at: 2026-12-08 22:00, via: app, state: {reading-at: 2026-12-08 21:59,"
		 " logged: 2026-12-08 21:00, ends: 2026-12-08 23:00}, stale-after: 1h}\n"
		 "end: {at: 2026-12-08 23:00, dismissal: immediate}\n",
		 "2026-12-08T21:00:00Z");
	expect_none("TL207");
}

Test(verdicts, past_date_a_timer_counts_with_is_still_reported)
{
	activity(LA_HEAD "content-state: {ends: date}\nview: {lock-screen: \"{countdown ends}\"}\n"
		 "start: {at: 2026-12-08 22:00, via: app, state: {ends: 2026-12-08 21:00}}\n"
		 "end: {at: 2026-12-08 23:00, dismissal: immediate}\n",
		 "2026-12-08T21:00:00Z");
	expect_sev("TL207", TLC_SEV_WARNING);
}

Test(verdicts, elapsed_timer_counts_up_on_purpose)
{
	/* a workout: "running for {timer started}" */
	activity(LA_HEAD "content-state: {started: date-since}\n"
		 "view: {lock-screen: \"Running for {timer started}\"}\n"
		 "start: {at: 2026-12-08 07:00, via: app, state: {started: 2026-12-08 07:00}}\n"
		 "end: {at: 2026-12-08 08:00, dismissal: immediate}\n",
		 "2026-12-08T06:00:00Z");
	expect_none("TL207");
	expect_none("TL204");
	cr_expect_eq(T.ctx.diags.count[TLC_SEV_ERROR] + T.ctx.diags.count[TLC_SEV_WARNING], 0, "%s",
		     T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}

Test(verdicts, update_at_the_date_keeps_content_fresh)
{
	/* po-gl/Pomodoro: the next segment is pushed when the current one ends */
	activity(LA_HEAD "content-state: {ends: date, status: string}\n"
		 "view: {lock-screen: \"{status} · {countdown ends}\"}\n"
		 "start: {at: 2026-12-08 09:00, via: app, state: {ends: 2026-12-08 09:25, status: Work}}\n"
		 "updates:\n  - at: 2026-12-08 09:25\n    state: {ends: 2026-12-08 09:30, status: Rest}\n"
		 "  - at: 2026-12-08 09:30\n    state: {status: Done}\n",
		 "2026-12-08T08:00:00Z");
	expect_none("TL206");
}

Test(verdicts, content_left_past_its_date_is_still_stale)
{
	activity(LA_HEAD "content-state: {ends: date, status: string}\n"
		 "view: {lock-screen: \"{status} · {countdown ends}\"}\n"
		 "start: {at: 2026-12-08 09:00, via: app, state: {ends: 2026-12-08 09:25, status: Work}}\n"
		 "end: {at: 2026-12-08 10:30, state: {status: Done}, dismissal: immediate}\n",
		 "2026-12-08T08:00:00Z");
	expect_sev("TL206", TLC_SEV_WARNING);
}

#define APP_UPDATES(modes)                                                                           \
	LA_HEAD modes "content-state: {eta: date}\nview: {lock-screen: \"{countdown eta}\"}\n"         \
		"start: {at: 2026-12-11 18:00, via: app, state: {eta: 2026-12-11 18:30}}\n"          \
		"updates:\n  - at: 2026-12-11 18:10\n    via: app\n    state: {eta: 2026-12-11 18:35}\n" \
		"end: {at: 2026-12-11 18:35, dismissal: immediate}\n"

Test(verdicts, app_kept_running_makes_its_own_updates)
{
	activity(APP_UPDATES("background-modes: [location, audio]\n"), "2026-12-11T17:00:00Z");
	expect_none("TL211");
}

Test(verdicts, background_fetch_does_not_run_at_a_set_time)
{
	activity(APP_UPDATES("background-modes: [fetch]\n"), "2026-12-11T17:00:00Z");
	const tlc_diag *g = expect_sev("TL211", TLC_SEV_ERROR);
	cr_expect(strstr(g->message, "when iOS decides") != NULL, "%s", g->message);
}

/* ---- 2. misses ------------------------------------------------------------------------------- */

#define FLOATING_DAILY "timelinec: 1\nwidget: Standup\ntimezone: floating\nhorizon: 2d\n"           \
		       "countdown:\n  every: daily 09:00\n  show:\n    - text: \"Standup in {timer}\"\n"

Test(verdicts, floating_daily_timer_is_checked_across_dst)
{
	widget(FLOATING_DAILY, "typical", "2026-12-07T00:00:00Z", NULL);
	const tlc_diag *g = expect_sev("TL101", TLC_SEV_ERROR);
	cr_expect(strstr(g->message, "25:00:00") != NULL, "%s", g->message);
	cr_expect(strstr(g->message, "Europe/London") != NULL || strstr(g->message, "Australia/Sydney") != NULL,
		  "names the device zone: %s", g->message);
	g = expect_sev("TL117", TLC_SEV_NOTE);
	cr_expect(strstr(g->message, "Europe/London") && strstr(g->message, "Australia/Sydney") &&
		  strstr(g->message, "Asia/Kolkata"), "%s", g->message);
	size_t n101 = 0;
	for (size_t i = 0; i < T.ctx.diags.n; i++)
		n101 += strcmp(T.ctx.diags.v[i].rule, "TL101") == 0;
	cr_expect_eq(n101, 1, "one finding, however many zones show it");
}

Test(verdicts, display_zone_pins_one_zone)
{
	widget(FLOATING_DAILY, "typical", "2026-12-07T00:00:00Z", "Asia/Kolkata");
	expect_none("TL117");
	expect_none("TL101"); /* no DST in India */
}

Test(verdicts, window_without_reload_misses_a_later_change)
{
	widget("timelinec: 1\nwidget: Sale\ntimezone: Europe/Berlin\n"
	       "window: 2026-11-25 09:00 .. 2026-11-29 00:00\nreload: never\n"
	       "countdown:\n  to: 2026-11-30 18:00\n  show:\n    - above: 0s\n"
	       "      text: \"{days} days left\"\n    - text: \"Sale over\"\n",
	       "typical", NULL, NULL);
	const tlc_diag *g = expect_sev("TL106", TLC_SEV_ERROR);
	assert_diag(&T, "TL106", 5, 9, "should change at 2026-11-29 18:00");
	cr_expect_eq(g->worst, INT64_MAX);
}

Test(verdicts, window_covering_every_change_needs_no_reload)
{
	widget("timelinec: 1\nwidget: Sale\ntimezone: Europe/Berlin\n"
	       "window: 2026-11-25 09:00 .. 2026-12-01 00:00\nreload: never\n"
	       "countdown:\n  to: 2026-11-30 18:00\n  show:\n    - above: 0s\n"
	       "      text: \"{days} days left\"\n    - text: \"Sale over\"\n",
	       "typical", NULL, NULL);
	expect_none("TL106");
}

Test(verdicts, countdown_paused_at_now_gets_a_note)
{
	widget("timelinec: 1\nwidget: F1\ntimezone: UTC\nhorizon: 7d\n"
	       "countdown:\n  to: 2026-11-28T16:00:00Z\n  paused-at: now\n  show:\n"
	       "    - above: 0s\n      text: \"Session starts in {countdown}\"\n    - text: Live\n",
	       "typical", "2026-11-28T12:00:00Z", NULL);
	assert_diag(&T, "TL116", 7, 14, "until the next reload");
	expect_sev("TL116", TLC_SEV_NOTE);
}

Test(verdicts, window_passed_says_what_to_pass)
{
	widget("timelinec: 1\nwidget: Sale\ntimezone: UTC\n"
	       "window: 2025-11-25T09:00:00Z .. 2025-12-01T00:00:00Z\n"
	       "countdown:\n  to: 2025-11-30T18:00:00Z\n  show:\n    - text: \"{days} days\"\n",
	       "typical", "2026-12-01T00:00:00Z", NULL);
	assert_diag(&T, "TL020", 4, 9, "the window is over");
	const tlc_diag *g = tctx_find(&T, "TL020");
	cr_expect(g->fix && strstr(g->fix, "--now 2025-11-25T09:00:00Z"), "%s", g->fix ? g->fix : "");
}

Test(verdicts, floating_window_starts_where_the_device_is)
{
	/* without --now a floating window is checked from its start, not from the clock */
	widget("timelinec: 1\nwidget: Sale\ntimezone: floating\n"
	       "window: 2025-11-25 09:00 .. 2025-12-01 00:00\n"
	       "countdown:\n  to: 2025-11-30 18:00\n  show:\n    - text: \"{days} days\"\n",
	       "typical", NULL, NULL);
	expect_none("TL020");
}

/* ---- 3. refresh sources ---------------------------------------------------------------------- */

/* A widget reloaded on every watch message (po-gl/Pomodoro issue #1; Apple: "While debugging
 * with Xcode these limits are not imposed", developer.apple.com/forums/thread/653265). */
#define WATCH "timelinec: 1\nwidget: Hydration\ntimezone: UTC\nhorizon: 15m\nreload: never\n"     \
	      "refresh-sources: [{app-background: 10m}]\n"                                          \
	      "countdown:\n  to: 2026-12-20T00:00:00Z\n  show:\n"                                   \
	      "    - above: 0s\n      text: \"{total-hours} h left\"\n    - text: done\n"

Test(verdicts, app_background_reloads_are_free_under_the_debugger)
{
	widget(WATCH, "debugger", "2026-12-19T12:00:00Z", NULL);
	cr_expect_eq(T.ctx.diags.count[TLC_SEV_ERROR] + T.ctx.diags.count[TLC_SEV_WARNING], 0, "%s",
		     T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}

Test(verdicts, app_background_reloads_are_budgeted)
{
	widget(WATCH, "typical", "2026-12-19T12:00:00Z", NULL);
	assert_diag(&T, "TL105", 6, 19, "background reloads");
	expect_none("TL106"); /* reloads do come, late */
}

/* ---- 4. exit status follows certainty ------------------------------------------------------- */

Test(verdicts, count_up_with_no_reload_is_an_error)
{
	widget("timelinec: 1\nwidget: Doors\ntimezone: America/New_York\n"
	       "window: 2026-12-05 08:00 .. 2026-12-06 08:00\n"
	       "countdown:\n  to: 2026-12-05 19:00\n  show:\n    - text: \"Doors open in {timer}\"\n",
	       "typical", NULL, NULL);
	expect_sev("TL102", TLC_SEV_ERROR);
}

Test(verdicts, no_reload_under_frozen_is_a_warning)
{
	widget(STALE, "frozen", NULL, NULL);
	expect_sev("TL106", TLC_SEV_WARNING);
}

Test(verdicts, activity_over_8h_and_counting_up_are_errors)
{
	activity(LA_HEAD "content-state: {eta: date}\nview: {lock-screen: \"{timer eta}\"}\n"
		 "start: {at: 2026-12-05 06:00, via: app, state: {eta: 2026-12-05 07:00}, stale-after: 1h}\n"
		 "end: {at: 2026-12-05 18:00, dismissal: immediate}\n",
		 "2026-12-05T05:00:00Z");
	expect_sev("TL201", TLC_SEV_ERROR);
	expect_sev("TL204", TLC_SEV_ERROR);
}

Test(verdicts, app_background_faster_than_a_minute_is_refused)
{
	tlc_spec *s;
	tctx_add(&T, "w.yaml", "timelinec: 1\nwidget: W\nrefresh-sources: [{app-background: 30s}]\n"
			       "countdown:\n  to: 2026-12-20T00:00:00Z\n  show:\n    - text: x\n");
	cr_expect_eq(tlc_spec_load(&T.ctx, T.file, &s), TLC_EINPUT);
	assert_diag(&T, "TL015", 3, 36, "at most once a minute");
}

Test(verdicts, both_intervals_in_one_source_are_refused)
{
	tlc_spec *s;
	tctx_add(&T, "w.yaml", "timelinec: 1\nwidget: W\n"
			       "refresh-sources: [{app-background: 5m, background-refresh: 30m}]\n"
			       "countdown:\n  to: 2026-12-20T00:00:00Z\n  show:\n    - text: x\n");
	cr_expect_eq(tlc_spec_load(&T.ctx, T.file, &s), TLC_EINPUT);
	cr_expect_not_null(tctx_find(&T, "TL016"), "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}

/* ---- what a second reader found --------------------------------------------------------------- */

Test(verdicts, target_before_now_is_still_reported)
{
	/* the checks without replay read the instant checked from (it was 0 for a while) */
	widget("timelinec: 1\nwidget: W\ntimezone: Europe/Berlin\nhorizon: 1d\n"
	       "countdown:\n  to: 2026-12-01 18:00\n  show:\n    - above: 0s\n      text: \"in {timer}\"\n"
	       "    - text: done\n", "typical", "2026-12-07T00:00:00Z", NULL);
	assert_diag(&T, "TL110", 6, 7, "2026-12-01 18:00");
}

Test(verdicts, plural_categories_follow_the_instant_checked)
{
	/* {days} stays at 5 or less from --now on: Arabic needs no 'many' branch */
	widget("timelinec: 1\nwidget: W\ntimezone: UTC\nlocales: [ar]\nhorizon: 1d\n"
	       "countdown:\n  to: 2026-12-13 18:00\n  show:\n    - above: 1d\n"
	       "      text: \"{days, plural, zero {# a} one {# b} two {# c} few {# d} other {# e}}\"\n"
	       "    - text: done\n", "typical", "2026-12-07T00:00:00Z", NULL);
	expect_none("TL112");
}

Test(verdicts, floating_messages_name_a_zone)
{
	widget("timelinec: 1\nwidget: W\nhorizon: 1d\n"
	       "countdown:\n  to: 2026-12-01T18:00:00Z\n  show:\n    - text: \"{days} days\"\n",
	       "typical", "2026-12-07T00:00:00Z", NULL);
	const tlc_diag *g = tctx_find(&T, "TL110");
	cr_assert_not_null(g);
	cr_expect(strstr(g->message, "(null)") == NULL && strstr(g->message, "Europe/London"), "%s", g->message);
}

Test(verdicts, progress_range_moved_back_traps_too)
{
	activity(LA_HEAD "content-state: {eta: date}\nview: {lock-screen: \"{countdown eta} {progress eta}\"}\n"
		 "start: {at: 2026-12-11 18:00, via: app, state: {eta: 2026-12-11 19:00}, stale-after: 1h}\n"
		 "updates:\n  - at: 2026-12-11 18:30\n    state: {eta: 2026-12-11 18:10}\n"
		 "end: {at: 2026-12-11 19:00, dismissal: immediate}\n",
		 "2026-12-11T17:00:00Z");
	cr_expect_not_null(tctx_find(&T, "TL212"));
}

Test(verdicts, a_real_loop_in_a_program_that_reads_now)
{
	/* paused at now, after its target: every timeline is the same "done" */
	widget("timelinec: 1\nwidget: W\ntimezone: UTC\nhorizon: 1h\nreload: at-end\n"
	       "countdown:\n  to: 2026-12-10T18:00:00Z\n  paused-at: now\n  show:\n"
	       "    - above: 0s\n      text: \"in {countdown}\"\n    - text: done\n",
	       "typical", "2026-12-10T19:00:00Z", NULL);
	expect_sev("TL104", TLC_SEV_WARNING);
}
