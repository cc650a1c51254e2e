/* Live Activities: date encodings (vectors), payloads, lifecycle and rendering. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include "lower/activity.h"
#include "verify/activity_rules.h"
#include "display/activity_render.h"
#include "helpers.h"
#include "timelinec/timeparse.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(activity, .init = setup, .fini = teardown);

static tlc_time at(const char *s)
{
	tlc_parsed_instant pi;
	cr_assert_eq(tlc_instant_parse(&pi, s, strlen(s), NULL), 0, "%s", s);
	return pi.value;
}

static tlc_la_schedule *build(const char *text, const char *now, tlc_time eta)
{
	tlc_spec *s;
	tlc_la_schedule *sch = NULL;
	tctx_add(&T, "a.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	tlc_param_value v = {"eta", eta, 0, NULL};
	tlc_la_opts o = {at(now), TLC_NOW_OPTION, &v, 1, false};
	cr_assert_eq(tlc_activity_build(&T.ctx, s, &o, &sch), 0);
	return sch;
}

#define SPEC(enc)                                                                                   \
	"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\nparams: {eta: instant}\n"  \
	"content-state: {eta: date}\ndate-encoding: " enc "\nview: {lock-screen: \"{countdown eta}\"}\n" \
	"start: {at: now, state: {eta: $eta}, via: push-to-start, alert: {title: Go}}\n"

/* The encoded value, as JSON text, from the push's aps.content-state. */
static char *encoded(const tlc_la_schedule *sch)
{
	cJSON *root = cJSON_Parse(sch->states[0].payload);
	cr_assert_not_null(root, "payload is not JSON: %s", sch->states[0].payload);
	cJSON *v = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "aps"), "content-state"), "eta");
	char *s = cJSON_PrintUnformatted(v);
	cJSON_Delete(root);
	return s;
}

static tlc_time decode(const char *enc, const char *json)
{
	if (strcmp(enc, "iso8601") == 0) {
		char b[64];
		snprintf(b, sizeof b, "%.*s", (int)strlen(json) - 2, json + 1);
		return at(b);
	}
	double v = strtod(json, NULL);
	if (strcmp(enc, "deferred-to-date") == 0)
		return (tlc_time)v + 978307200;
	if (strcmp(enc, "milliseconds-since-1970") == 0)
		return (tlc_time)(v / 1000);
	return (tlc_time)v;
}

Test(activity, date_encoding_vectors)
{
	FILE *f = fopen("fixtures/activity/date-encoding.tsv", "r");
	cr_assert_not_null(f);
	char line[512];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		char when[64], enc[64], want[128];
		if (line[0] == '#' || sscanf(line, "%63[^\t]\t%63[^\t]\t%127[^\n]", when, enc, want) != 3)
			continue;
		char spec[1024];
		snprintf(spec, sizeof spec,
			 "timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"
			 "params: {eta: instant}\ncontent-state: {eta: date}\ndate-encoding: %s\n"
			 "view: {lock-screen: \"{countdown eta}\"}\n"
			 "start: {at: now, state: {eta: $eta}, via: push-to-start, alert: {title: Go}}\n",
			 enc);
		tctx_close(&T);
		tctx_open(&T);
		tlc_la_schedule *sch = build(spec, "1970-01-01T00:00:00Z", at(when));
		char *got = encoded(sch);
		cr_expect_str_eq(got, want, "%s as %s", when, enc);
		cr_expect_eq(decode(enc, got), at(when), "%s as %s does not decode back", when, enc);
		free(got);
		tlc_activity_free(sch);
		n++;
	}
	fclose(f);
	cr_assert_geq(n, 8);
}

Test(activity, push_to_start_payload_and_headers)
{
	tlc_la_schedule *sch = build(SPEC("deferred-to-date"), "2026-12-03T15:00:00Z", at("2026-12-03T16:10:00Z"));
	cJSON *root = cJSON_Parse(sch->states[0].payload), *aps = cJSON_GetObjectItemCaseSensitive(root, "aps");
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(aps, "event")->valuestring, "start");
	cr_assert_eq(cJSON_GetObjectItemCaseSensitive(aps, "timestamp")->valuedouble, 1796310000.0);
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(aps, "attributes-type")->valuestring, "D");
	cr_assert_not_null(cJSON_GetObjectItemCaseSensitive(aps, "alert"));
	cJSON_Delete(root);
	tlc_buf b = TLC_BUF_INIT;
	tlc_activity_write_json(&b, sch);
	cr_expect(strstr(b.ptr, "\"apns-topic\": \"com.x.push-type.liveactivity\"") != NULL);
	cr_expect(strstr(b.ptr, "\"apns-push-type\": \"liveactivity\"") != NULL);
	tlc_buf_release(&b);
	tlc_activity_free(sch);
}

Test(activity, lifecycle_and_render)
{
	tlc_la_schedule *sch = build(
		"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\nparams: {eta: instant}\n"
		"content-state: {eta: date, s: string}\nview: {lock-screen: \"{s} {countdown eta}\"}\n"
		"start: {at: now, state: {eta: $eta, s: go}, stale-after: 30m}\n"
		"end: {at: $eta + 5m, state: {s: done}, dismissal: after 15m}\n",
		"2026-12-03T15:00:00Z", at("2026-12-03T16:00:00Z"));
	struct { const char *t; tlc_la_phase phase; const char *text; } cases[] = {
		{"2026-12-03T14:59:59Z", TLC_LA_NOT_STARTED, ""},
		{"2026-12-03T15:00:00Z", TLC_LA_ACTIVE, "go 1:00:00"},
		{"2026-12-03T15:30:00Z", TLC_LA_STALE, "go 30:00"},
		{"2026-12-03T16:04:59Z", TLC_LA_STALE, "go 0:00"},
		{"2026-12-03T16:05:00Z", TLC_LA_ENDED, "done 0:00"},
		{"2026-12-03T16:20:00Z", TLC_LA_DISMISSED, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tlc_buf b = TLC_BUF_INIT;
		tlc_la_phase ph;
		cr_assert_eq(tlc_activity_render(&b, NULL, &ph, &T.ctx, sch, 0, "en_US", at(cases[i].t), NULL), 0);
		cr_expect_eq(ph, cases[i].phase, "%s: %s", cases[i].t, tlc_la_phase_name(ph));
		cr_expect_str_eq(b.ptr, cases[i].text, "%s", cases[i].t);
		tlc_buf_release(&b);
	}
	tlc_activity_free(sch);
}

Test(activity, interval_moved_before_its_start_is_clamped)
{
	tlc_la_schedule *sch = build(
		"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\nparams: {eta: instant}\n"
		"content-state: {eta: date}\nview: {lock-screen: \"{countdown eta}\"}\n"
		"start: {at: now, state: {eta: $eta}, stale-after: 1h}\n"
		"updates: [{at: now + 20m, state: {eta: now + 10m}, stale-after: 1h}]\n",
		"2026-12-03T15:00:00Z", at("2026-12-03T16:00:00Z"));
	tlc_buf b = TLC_BUF_INIT;
	tlc_la_phase ph;
	unsigned flags;
	cr_assert_eq(tlc_activity_render(&b, &flags, &ph, &T.ctx, sch, 0, "en_US", at("2026-12-03T15:25:00Z"), NULL), 0);
	cr_expect_str_eq(b.ptr, "0:00");
	cr_expect(flags & TLC_RENDER_F_RANGE_CLAMPED, "a > b is flagged (Swift traps)");
	tlc_buf_release(&b);
	tlc_activity_free(sch);
}

/* The rules this file's specs meet: which ids tlc_activity_verify reports. */
static bool reported(const char *rule)
{
	for (size_t i = 0; i < T.ctx.diags.n; i++)
		if (strcmp(T.ctx.diags.v[i].rule, rule) == 0)
			return true;
	return false;
}

/* TL209 measures what the app sets too: attributes + content state over 4096 bytes. */
Test(activity, app_state_over_4kb)
{
	char text[6000], big[4200];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	snprintf(text, sizeof text,
		 "timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"
		 "content-state: {note: string}\nview: {lock-screen: \"{note}\"}\n"
		 "start: {at: now, state: {note: \"%s\"}}\nend: {at: now + 1h}\n", big);
	tlc_la_schedule *sch = build(text, "2026-12-03T15:00:00Z", 0);
	cr_assert_null(sch->states[0].payload); /* the app starts it: no push */
	cr_assert_eq(sch->states[0].data_len, strlen("{}") + strlen("{\"note\":\"\"}") + strlen(big));
	tlc_activity_verify(&T.ctx, sch, 0);
	cr_assert(reported("TL209"));
	tlc_activity_free(sch);
}

/* TL213: an update due before the start; TL214: a push-to-start without an alert. */
Test(activity, update_before_start_and_push_to_start_without_alert)
{
	tlc_la_schedule *sch = build(
		"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\nparams: {eta: instant}\n"
		"content-state: {eta: date, n: int}\nview: {lock-screen: \"{n} {countdown eta}\"}\n"
		"start: {at: now, state: {eta: $eta, n: 3}, via: push-to-start}\n"
		"updates: [{at: $eta - 40m, via: push, state: {n: 2}}]\nend: {at: $eta + 5m}\n",
		"2026-12-03T15:00:00Z", at("2026-12-03T15:20:00Z"));
	cr_assert_eq(sch->start, at("2026-12-03T15:00:00Z"));
	tlc_activity_verify(&T.ctx, sch, 0);
	cr_assert(reported("TL213"));
	cr_assert(reported("TL214"));
	tlc_activity_free(sch);
}

/* Whether the verifier reports TL201 for a push update due `offset` after the start. */
static bool tl201_for_update_at(const char *offset)
{
	char spec[512];
	snprintf(spec, sizeof spec,
		 "timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"
		 "content-state: {n: int}\nview: {lock-screen: \"{n}\"}\n"
		 "start: {at: now, state: {n: 3}}\n"
		 "updates: [{at: now + %s, via: push, state: {n: 2}}]\nend: {at: now + 7h59m30s}\n",
		 offset);
	tctx_close(&T);
	tctx_open(&T);
	tlc_la_schedule *sch = build(spec, "2026-12-03T15:00:00Z", 0);
	tlc_activity_verify(&T.ctx, sch, 0);
	bool r = reported("TL201");
	tlc_activity_free(sch);
	return r;
}

/* TL201 for an update the system ignores: due 8 hours or more after the start. */
Test(activity, update_after_8h)
{
	cr_assert(!tl201_for_update_at("7h59m"));
	cr_assert(tl201_for_update_at("8h"));
}

/* check's rules over spec `text` at 2026-12-03T15:00:00Z (tlc_activity_check: every schedule it
 * builds); the context is fresh. */
static void check_spec(const char *text)
{
	tlc_spec *s;
	tctx_close(&T);
	tctx_open(&T);
	tctx_add(&T, "a.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	cr_assert_eq(tlc_activity_check(&T.ctx, s, at("2026-12-03T15:00:00Z")), 0);
}

#define SLEEP(bg, end_via)                                                                          \
	"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n" bg                        \
	"content-state: {deadline: date}\nview: {lock-screen: \"{countdown deadline}\"}\n"            \
	"start: {at: 2026-12-03 16:00, state: {deadline: 2026-12-03 16:30}, stale-after: 30m}\n"     \
	"updates: [{at: 2026-12-03 16:20, via: intent, state: {deadline: 2026-12-03 16:35}}]\n"      \
	"end: {at: 2026-12-03 16:35, via: " end_via ", dismissal: immediate}\n"

/* An end the app makes has no push; without a background mode that keeps the app running it is
 * TL211, with one it is not. An update via an intent has no push and is never TL211. */
Test(activity, end_via_app_and_update_via_intent)
{
	tlc_la_schedule *sch = build(SLEEP("", "app"), "2026-12-03T15:00:00Z", 0);
	cr_assert_eq(sch->nstates, 3);
	cr_expect_eq(sch->states[1].via, TLC_VIA_INTENT);
	cr_expect_null(sch->states[1].payload, "an intent update sends no push");
	cr_expect_gt(sch->states[1].data_len, 0, "its size is what the app hands ActivityKit");
	cr_expect_eq(sch->states[2].kind, TLC_LA_END);
	cr_expect_null(sch->states[2].payload, "an end the app makes sends no push");
	cr_expect_eq(sch->end, at("2026-12-03T16:35:00Z"));
	cr_expect_eq(sch->gone, at("2026-12-03T16:35:00Z"));
	tlc_buf b = TLC_BUF_INIT;
	tlc_activity_write_json(&b, sch);
	cr_expect_null(strstr(b.ptr, "\"request\""), "no request in %s", b.ptr);
	cr_expect_not_null(strstr(b.ptr, "\"via\": \"intent\""));
	tlc_buf_release(&b);
	tlc_activity_free(sch);

	check_spec(SLEEP("", "app"));
	cr_expect(reported("TL211"), "an app end at a set time, nothing running the app");
	check_spec(SLEEP("background-modes: [audio]\n", "app"));
	cr_expect(!reported("TL211"), "audio keeps the app running");
	check_spec(SLEEP("background-modes: [fetch]\n", "app"));
	cr_expect(reported("TL211"), "fetch runs the app when iOS decides");
	check_spec(SLEEP("", "push"));
	cr_expect(!reported("TL211"), "the intent update is never TL211");
	cr_expect_eq(T.ctx.diags.n, 0, "clean: %s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
}

/* check verifies the schedule without the intents too: the user may never act. Here only the
 * intent's update carries a stale date, so without it the countdown sits at 0:00 unmarked. */
Test(activity, check_without_the_intents)
{
	const char *spec =
		"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"
		"content-state: {deadline: date}\nview: {lock-screen: \"{countdown deadline}\"}\n"
		"start: {at: 2026-12-03 16:00, state: {deadline: 2026-12-03 16:30}}\n"
		"updates: [{at: 2026-12-03 16:20, via: intent, state: {deadline: 2026-12-03 16:35}, "
		"stale-after: 15m}]\n"
		"end: {at: 2026-12-03 16:45, dismissal: immediate}\n";
	tlc_la_schedule *sch = build(spec, "2026-12-03T15:00:00Z", 0);
	tlc_activity_verify(&T.ctx, sch, 0);
	cr_expect(!reported("TL206"), "with the intent, new content comes before the date passes");
	tlc_activity_free(sch);
	check_spec(spec);
	cr_expect(reported("TL206"), "without it, 16:30 passes with nothing marking it stale");
}

/* The message of `rule`'s finding after check (sorted: one per place), or NULL. */
static const char *fix_of(const char *rule)
{
	for (size_t i = 0; i < T.ctx.diags.n; i++)
		if (strcmp(T.ctx.diags.v[i].rule, rule) == 0)
			return T.ctx.diags.v[i].fix;
	return NULL;
}

static const char *message_of(const char *rule)
{
	tlc_diags_sort(&T.ctx.diags);
	for (size_t i = 0; i < T.ctx.diags.n; i++)
		if (strcmp(T.ctx.diags.v[i].rule, rule) == 0)
			return T.ctx.diags.v[i].message;
	return NULL;
}

#define WORKOUT(update, end)                                                                        \
	"timelinec: 1\nlive-activity: W\nbundle-id: com.x\ntimezone: UTC\n"                          \
	"content-state: {sets: int}\nview: {lock-screen: \"{sets} sets\"}\n"                          \
	"start: {at: 2026-12-03 16:00, state: {sets: 0}, stale-after: " update "}\n"                \
	"updates: [{at: 2026-12-03 16:00:05, every: 5s, until: 2026-12-03 16:10, via: app, "         \
	"while: foreground, state: {sets: 1}, stale-after: 1m}]\n"                                   \
	"end: {at: 2026-12-03 17:00, " end ", dismissal: immediate}\n"

/* What the app does while the user has it open (Trai's workout: a 5-second timer, Finish in the
 * app) is never TL211, and repeats below a minute; without it (the user leaves the app) nothing
 * ends the activity: TL202, whose message says so. A finding both schedules have does not. */
Test(activity, while_foreground)
{
	tlc_la_schedule *sch = build(WORKOUT("1m", "via: app, while: foreground"), "2026-12-03T15:00:00Z", 0);
	cr_assert_eq(sch->nstates, 2 + 120, "start, 120 updates 5 s apart, end");
	cr_expect_eq(sch->states[1].at, at("2026-12-03T16:00:05Z"));
	cr_expect_null(sch->states[1].payload);
	cr_expect_null(sch->states[sch->nstates - 1].payload, "the app's end sends no push");
	tlc_buf b = TLC_BUF_INIT;
	tlc_activity_write_json(&b, sch);
	cr_expect_not_null(strstr(b.ptr, "\"via\": \"app\",\n      \"while\": \"foreground\""), "%s", b.ptr);
	cr_expect_not_null(strstr(b.ptr, "\"via\": \"app\",\n      \"content-state\""), "the start is not marked");
	tlc_buf_release(&b);
	tlc_activity_free(sch);

	check_spec(WORKOUT("1m", "via: app, while: foreground"));
	cr_expect(!reported("TL211"), "the user has the app open then");
	const char *m = message_of("TL202");
	cr_assert_not_null(m, "the user may never finish in the app");
	cr_expect_not_null(strstr(m, "(if the user never uses the app after the start)"), "%s", m);
	cr_expect_eq(T.ctx.diags.n, 1);
	/* the end is there, but only the user makes it: the fix asks for one that comes without them */
	const char *fix = fix_of("TL202");
	cr_expect(fix && strstr(fix, "keep the user's end, and add one that comes without them"), "%s", fix);

	check_spec(WORKOUT("0s", "via: app, while: foreground"));
	m = message_of("TL205");
	cr_assert_not_null(m);
	cr_expect_null(strstr(m, "if the user never"), "both schedules have it: %s", m);

	check_spec(WORKOUT("1m", "via: app"));
	cr_expect(reported("TL211"), "an end at a set time, nothing running the app");
	cr_expect(!reported("TL202"), "the app's own end stays in the schedule without the user");
}

/* An end the user makes with a button (its App Intent calls end): no push, never TL211; without
 * it nothing ends the activity. */
Test(activity, end_via_intent)
{
	tlc_la_schedule *sch = build(WORKOUT("1m", "via: intent"), "2026-12-03T15:00:00Z", 0);
	const tlc_la_state *end = &sch->states[sch->nstates - 1];
	cr_expect_eq(end->kind, TLC_LA_END);
	cr_expect_eq(end->via, TLC_VIA_INTENT);
	cr_expect_null(end->payload);
	cr_expect_eq(sch->end, at("2026-12-03T17:00:00Z"));
	tlc_activity_free(sch);
	check_spec(WORKOUT("1m", "via: intent"));
	cr_expect(!reported("TL211"));
	const char *m = message_of("TL202");
	cr_assert_not_null(m);
	cr_expect_not_null(strstr(m, "(if the user never taps the activity's buttons nor uses the app "
				     "after the start)"), "%s", m);
	const char *fix = fix_of("TL202");
	cr_expect(fix && strstr(fix, "keep the user's end"), "%s", fix);
}

/* Only the app's own updates repeat below a minute; `while` goes with `via: app`. */
Test(activity, while_and_every_refused)
{
	static const char *const bad[][2] = {
		{"updates: [{at: 2026-12-03 16:01, every: 5s, until: 2026-12-03 16:10, state: {sets: 1}}]\n", "TL015"},
		{"updates: [{at: 2026-12-03 16:01, while: foreground, state: {sets: 1}}]\n", "TL016"},
		{"updates: [{at: 2026-12-03 16:01, via: intent, while: foreground, state: {sets: 1}}]\n", "TL016"},
		{"updates: [{at: 2026-12-03 16:01, via: app, while: background, state: {sets: 1}}]\n", "TL014"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[1024];
		tlc_spec *s;
		snprintf(text, sizeof text, "timelinec: 1\nlive-activity: W\nbundle-id: com.x\ntimezone: UTC\n"
			 "content-state: {sets: int}\nview: {lock-screen: \"{sets}\"}\n"
			 "start: {at: 2026-12-03 16:00, state: {sets: 0}}\n%s", bad[i][0]);
		tctx_close(&T);
		tctx_open(&T);
		tctx_add(&T, "a.yaml", text);
		cr_expect_neq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", bad[i][0]);
		cr_expect(reported(bad[i][1]), "%s: %s", bad[i][0], T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	}
}

#define BUDGET(key)                                                                                 \
	"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n" key                      \
	"content-state: {n: int}\nview: {lock-screen: \"{n}\"}\n"                                      \
	"start: {at: 2026-12-03 16:00, state: {n: 0}}\n"                                              \
	"updates: [{at: 2026-12-03 16:01, every: 3m, until: 2026-12-03 16:58, state: {n: 1}}]\n"     \
	"end: {at: 2026-12-03 17:00, dismissal: immediate}\n"

/* The same 20 priority-10 pushes in an hour: over the budget of 12, within 60 with frequent
 * updates. */
Test(activity, frequent_updates_budget)
{
	check_spec(BUDGET(""));
	cr_expect(reported("TL210"));
	check_spec(BUDGET("frequent-updates: true\n"));
	cr_expect(!reported("TL210"), "20 an hour is within the frequent-updates assumption");
	check_spec(BUDGET("frequent-updates: false\n"));
	cr_expect(reported("TL210"));
}

/* The small presentation (ActivityFamily.small) is a view like the others: rendered, and its
 * runs checked (TL204: a timer shown after its date). */
Test(activity, small_presentation)
{
	const char *spec =
		"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"
		"content-state: {deadline: date}\n"
		"view: {lock-screen: \"{countdown deadline}\", small: \"Left {timer deadline}\"}\n"
		"start: {at: 2026-12-03 16:00, state: {deadline: 2026-12-03 16:30}, stale-after: 30m}\n"
		"end: {at: 2026-12-03 16:45, dismissal: immediate}\n";
	check_spec(spec);
	cr_expect(reported("TL204"), "the small view's timer counts up after 16:30");
	tlc_la_schedule *sch = build(spec, "2026-12-03T15:00:00Z", 0);
	cr_expect_str_eq(tlc_la_presentation_name(8), "small");
	cr_expect_not_null(sch->program->views[8]);
	tlc_activity_free(sch);
}

#define ETA(varies)                                                                                 \
	"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"                           \
	"content-state: {eta: date}\nview: {lock-screen: \"{countdown eta}\"}\n"                      \
	"start: {at: 2026-12-03 16:00, state: {eta: 2026-12-03 16:40}, stale-after: 10m}\n"           \
	"updates: [{at: 2026-12-03 16:05, every: 5m, until: 2026-12-03 16:45, priority: 5, "          \
	"state: {eta: 2026-12-03 16:40}, stale-after: 10m" varies "}]\n"                               \
	"end: {at: 2026-12-03 16:50, dismissal: immediate}\n"

/* A server re-sending the ETA every 5 minutes: the same ETA sent at 16:40 and 16:45 is at or
 * before the update (TL207); an ETA the server works out at each send (varies) is checked at
 * the first send only, and every state lists it for the push server. */
Test(activity, varies_is_not_the_same_content_again)
{
	check_spec(ETA(""));
	cr_expect(reported("TL207"));
	check_spec(ETA(", varies: [eta]"));
	cr_expect(!reported("TL207"), "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	tlc_la_schedule *sch = build(ETA(", varies: [eta]"), "2026-12-03T15:00:00Z", 0);
	tlc_buf b = TLC_BUF_INIT;
	tlc_activity_write_json(&b, sch);
	size_t n = 0;
	for (const char *q = b.ptr; (q = strstr(q, "\"varies\": [\"eta\"]")); q++)
		n++;
	cr_expect_eq(n, 9, "each of the 9 sends (16:05 to 16:45) lists it: %s", b.ptr);
	tlc_buf_release(&b);
	tlc_activity_free(sch);
}

/* The iOS 18 clock styles in a Live Activity: {countdown-timer} holds at 0:00 like {countdown}
 * (no TL204 past its date), {stopwatch} counts up from its date on purpose (no TL204 either);
 * {timer} on the same field is TL204. */
#define CLOCK_LA(view)                                                                              \
	"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\nminimum-ios: 18\n"          \
	"content-state: {deadline: date}\nview: {lock-screen: \"" view "\"}\n"                         \
	"start: {at: 2026-12-03 16:00, state: {deadline: 2026-12-03 16:30}, stale-after: 30m}\n"      \
	"end: {at: 2026-12-03 16:45, dismissal: immediate}\n"

Test(activity, clock_styles_past_their_date)
{
	check_spec(CLOCK_LA("Left {countdown-timer deadline, max: 2}"));
	cr_expect(!reported("TL204"), "the timer style holds at 0:00");
	check_spec(CLOCK_LA("Since {stopwatch deadline, precision: seconds}"));
	cr_expect(!reported("TL204"), "a stopwatch counts up on purpose");
	check_spec(CLOCK_LA("Left {timer deadline}"));
	cr_expect(reported("TL204"));
}

/* {date-reference} counts past its date ("5 minutes ago") like {relative}: TL204. */
Test(activity, date_reference_past_its_date)
{
	check_spec(CLOCK_LA("Due {date-reference deadline, fields: hour minute}"));
	cr_expect(reported("TL204"), "it reads \"5 minutes ago\" after the deadline");
	check_spec(CLOCK_LA("Due {date-offset deadline}"));
	cr_expect(reported("TL204"));
}

/* A stale date that comes well after the date shown leaves the content out of date and unmarked
 * in between: TL206's late form, at 'stale-after', with the length that fits. Up to 5 minutes
 * is a grace period, and a stale date at the date itself is clean. */
#define LATE_STALE(after, end)                                                                      \
	"timelinec: 1\nlive-activity: D\nbundle-id: com.x\ntimezone: UTC\n"                         \
	"content-state: {eta: date}\nview: {lock-screen: \"{countdown eta}\"}\n"                     \
	"start: {at: 2026-12-05 18:00, state: {eta: 2026-12-05 18:40}, stale-after: " after "}\n"   \
	"end: {at: " end ", dismissal: immediate}\n"

Test(activity, late_stale_date)
{
	check_spec(LATE_STALE("65m", "2026-12-05 19:30"));
	const char *m = message_of("TL206");
	cr_assert_not_null(m);
	cr_expect_not_null(strstr(m, "stale date comes 25 min later"), "%s", m);
	cr_expect_not_null(strstr(fix_of("TL206"), "'stale-after: 40m'"), "%s", fix_of("TL206"));
	check_spec(LATE_STALE("2h", "2026-12-05 19:30"));
	m = message_of("TL206");
	cr_assert_not_null(m);
	cr_expect_not_null(strstr(m, "out of date for 50 min, until new content comes"), "%s", m);
	check_spec(LATE_STALE("45m", "2026-12-05 19:30"));
	cr_expect(!reported("TL206"), "5 minutes after the date is a grace period");
	check_spec(LATE_STALE("46m", "2026-12-05 19:30"));
	cr_expect(reported("TL206"), "6 minutes is not");
	check_spec(LATE_STALE("40m", "2026-12-05 19:30"));
	cr_expect(!reported("TL206"));
	check_spec(LATE_STALE("2h", "2026-12-05 18:45"));
	cr_expect(!reported("TL206"), "the end comes within the grace period");
}
