/*
 * Live Activity programs in the runtime core (runtime/core/activity.c, activity_json.c): every
 * activity example lowers to a program that writes, reads back and writes the same bytes, and
 * instantiates into the schedule the compiler's own path gives; the reader refuses what the
 * writer never writes, with where it is; instantiation reports what is missing and where, and
 * its output follows no C locale.
 */
#include <locale.h>
#include <stdio.h>
#include <glob.h>
#include "lower/activity.h"
#include "helpers.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(activity_program, .init = setup, .fini = teardown);

static char *slurp(const char *path)
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
	return b;
}

/* The program of an activity spec, as JSON (heap). */
static char *program_json(const char *text, tlc_la_program **out)
{
	tlc_spec *s;
	tctx_add(&T, "a.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s", T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	cr_assert_eq(tlc_activity_lower(&T.ctx, s, out), 0);
	tlc_buf b = TLC_BUF_INIT;
	tlc_la_program_write_json(&b, *out);
	return tlc_buf_detach(&b);
}

Test(activity_program, every_activity_example_round_trips)
{
	glob_t g;
	size_t checked = 0;
	cr_assert_eq(glob("../examples/*.yaml", 0, NULL, &g), 0);
	glob("../examples/scenarios/*.yaml", GLOB_APPEND, NULL, &g);
	glob("../examples/real-world/*.yaml", GLOB_APPEND, NULL, &g);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *text = slurp(g.gl_pathv[i]);
		if (!strstr(text, "\nlive-activity:")) {
			free(text);
			continue;
		}
		tlc_la_program *p, *q;
		tlc_err e = {0};
		char *json = program_json(text, &p);
		cr_assert_eq(tlc_la_program_read_json(&q, json, strlen(json), &e), 0, "%s: %s",
			     g.gl_pathv[i], e.msg);
		tlc_buf b = TLC_BUF_INIT;
		tlc_la_program_write_json(&b, q);
		cr_expect_str_eq(b.ptr, json, "%s: write(read(write(p))) differs", g.gl_pathv[i]);
		cr_expect_eq(q->nevents, p->nevents);
		cr_expect_gt(q->nevents, 0);
		tlc_buf_release(&b);
		tlc_la_program_free(q);
		tlc_la_program_free(p);
		free(json);
		free(text);
		checked++;
	}
	globfree(&g);
	cr_expect_geq(checked, 18, "activity examples found: %zu", checked);
}

static const char *const delivery =
	"timelinec: 1\n"
	"live-activity: Delivery\n"
	"bundle-id: com.example.shop\n"
	"timezone: America/New_York\n"
	"params: {eta: instant, courier: text, stops: integer, rating: number}\n"
	"content-state: {eta: date, courier: string, stops: int, rating: double, late: bool}\n"
	"attributes: {order: \"A-1\", items: 3, total: 18.5, gift: true, note: null}\n"
	"view:\n"
	"  lock-screen: \"{courier} · {countdown eta}\"\n"
	"start:\n"
	"  at: now\n"
	"  state: {eta: $eta, courier: $courier, stops: $stops, rating: $rating, late: false}\n"
	"updates:\n"
	"  - at: $eta - 10m\n"
	"    via: push\n"
	"    priority: 10\n"
	"    state: {stops: 0}\n"
	"    every: 5m\n"
	"    until: $eta\n"
	"end:\n"
	"  at: $eta + 5m\n"
	"  dismissal: after 15m\n";

static tlc_param_value pv(const char *name, tlc_time instant, int64_t number, const char *text)
{
	tlc_param_value v = {name, instant, number, text};
	return v;
}

Test(activity_program, instantiates_every_parameter_type)
{
	tlc_la_program *p;
	char *json = program_json(delivery, &p);
	tlc_param_value vals[] = {pv("eta", 1796314200, 0, "2026-12-03T16:10:00Z"), pv("courier", 0, 0, "Ann"),
				  pv("stops", 0, 3, "3"), pv("rating", 0, 0, "4.9")};
	tlc_instantiate_opts o = {.now = 1796310000, .params = vals, .nparams = 4};
	tlc_schedule *s;
	tlc_inst_err e;
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), 0, "%s", e.msg);
	cr_assert_eq(s->nstates, 1 + 3 + 1, "a start, the update at -10m, -5m and 0, the end");
	cr_expect_str_eq(s->states[0].values[1].text, "Ann");
	cr_expect_eq(s->states[0].values[2].i, 3);
	cr_expect_eq(s->states[0].values[3].d, 4.9);
	cr_expect_eq(s->states[1].values[2].i, 0);
	cr_expect_eq(s->states[1].values[3].d, 4.9, "carried forward");
	cr_expect_eq(s->end, 1796314200 + 300);
	cr_expect_eq(s->gone, 1796314200 + 300 + 900);
	cr_assert_not_null(s->states[0].payload == NULL ? "app" : NULL, "the start is made by the app");
	cr_expect(strstr(s->states[1].payload, "\"content-state\":{\"eta\":818007000,\"courier\":\"Ann\","
			 "\"stops\":0,\"rating\":4.9,\"late\":false}") != NULL, "%s", s->states[1].payload);
	tlc_buf b = TLC_BUF_INIT;
	tlc_schedule_write_json(&b, s);
	cr_expect(strstr(b.ptr, "\"timelinec-schedule\": 2") != NULL);
	tlc_buf_release(&b);
	tlc_schedule_free(s);
	tlc_la_program_free(p);
	free(json);
}

Test(activity_program, a_missing_parameter_says_which_and_where)
{
	tlc_la_program *p;
	char *json = program_json(delivery, &p);
	tlc_param_value vals[] = {pv("eta", 1796314200, 0, NULL), pv("stops", 0, 3, "3"),
				  pv("rating", 0, 0, "4.9")};
	tlc_instantiate_opts o = {.now = 1796310000, .params = vals, .nparams = 3};
	tlc_schedule *s = NULL;
	tlc_inst_err e;
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), TLC_EINPUT);
	cr_assert_null(s);
	cr_expect_eq(e.kind, TLC_INST_ERR_MISSING_PARAM);
	cr_expect_str_eq(e.msg, "parameter '$courier' has no value");
	cr_expect_eq(e.countdown, 0, "the start");
	cr_expect_eq(e.phase, 1, "field 'courier'");
	vals[0].name = "nothing";
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), TLC_EINPUT);
	cr_expect_eq(e.phase, 0, "the start's eta (field 0) is the first use of $eta");
	tlc_la_program_free(p);
	free(json);
}

Test(activity_program, bad_values_are_refused)
{
	tlc_la_program *p;
	char *json = program_json(delivery, &p);
	tlc_param_value vals[] = {pv("eta", 1796314200, 0, NULL), pv("courier", 0, 0, "Ann"),
				  pv("stops", 0, (INT64_C(1) << 53) + 1, NULL), pv("rating", 0, 0, "4.9")};
	tlc_instantiate_opts o = {.now = 1796310000, .params = vals, .nparams = 4};
	tlc_schedule *s = NULL;
	tlc_inst_err e;
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), TLC_EINPUT);
	cr_expect(strstr(e.msg, "out of range for field 'stops'") != NULL, "%s", e.msg);
	vals[2].number = 3;
	vals[3].text = "4,9";
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), TLC_EINPUT);
	cr_expect_str_eq(e.msg, "parameter '$rating' is not a finite number");
	vals[3].text = "4.9";
	vals[0].instant = TLC_TIME_MAX;
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), TLC_EINPUT, "an end past 9999");
	cr_expect(strstr(e.msg, "out of range") != NULL, "%s", e.msg);
	tlc_la_program_free(p);
	free(json);
}

/* A repeating update over hours: the 2049th state is refused, not built. */
Test(activity_program, too_many_states)
{
	tlc_la_program *p;
	char *json = program_json("timelinec: 1\nlive-activity: A\nbundle-id: b.c\ntimezone: UTC\n"
				  "content-state: {n: int}\nview: {lock-screen: \"{n}\"}\n"
				  "start: {at: now, state: {n: 0}}\n"
				  "updates:\n  - at: now + 1m\n    via: push\n    priority: 5\n    state: {n: 1}\n"
				  "    every: 1m\n    until: now + 3d\n",
				  &p);
	tlc_instantiate_opts o = {.now = 1796310000};
	tlc_schedule *s = NULL;
	tlc_inst_err e;
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), TLC_ERANGE);
	cr_expect_eq(e.kind, TLC_INST_ERR_TOO_MANY_CHANGES);
	cr_expect_eq(e.countdown, 1);
	tlc_la_program_free(p);
	free(json);
}

/* Numbers are written with '.' and read without the C library's locale. */
Test(activity_program, the_c_locale_changes_nothing)
{
	tlc_la_program *p;
	char *json = program_json(delivery, &p);
	tlc_param_value vals[] = {pv("eta", 1796314200, 0, NULL), pv("courier", 0, 0, "Ann"),
				  pv("stops", 0, 3, NULL), pv("rating", 0, 0, "4.9")};
	tlc_instantiate_opts o = {.now = 1796310000, .params = vals, .nparams = 4};
	tlc_schedule *s;
	tlc_inst_err e;
	tlc_buf c = TLC_BUF_INIT, d = TLC_BUF_INIT;
	cr_assert_eq(tlc_schedule_make(&s, p, &o, &e), 0, "%s", e.msg);
	tlc_schedule_write_json(&c, s);
	tlc_schedule_free(s);
	if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
		const char *req = getenv("TLC_REQUIRE_LOCALES");
		cr_assert(!(req && strcmp(req, "1") == 0), "locale de_DE.UTF-8 is not installed");
		cr_skip_test("locale de_DE.UTF-8 is not installed");
	}
	tlc_la_program *q;
	tlc_err re = {0};
	cr_assert_eq(tlc_la_program_read_json(&q, json, strlen(json), &re), 0, "%s", re.msg);
	cr_assert_eq(tlc_schedule_make(&s, q, &o, &e), 0, "%s", e.msg);
	tlc_schedule_write_json(&d, s);
	setlocale(LC_ALL, "C");
	cr_expect_str_eq(d.ptr, c.ptr);
	cr_expect(strstr(c.ptr, "\"rating\": 4.9") != NULL);
	cr_expect(strstr(json, "\"total\": 18.5, \"gift\": true, \"note\": null") != NULL,
		  "attributes keep their types: %s", strstr(json, "attributes"));
	tlc_schedule_free(s);
	tlc_la_program_free(q);
	tlc_la_program_free(p);
	tlc_buf_release(&c);
	tlc_buf_release(&d);
	free(json);
}

/* ---- the reader ------------------------------------------------------------------------------ */

/* The delivery program with `from` replaced by `to` (once), read: the error message, or "". */
static void refused(const char *from, const char *to, const char *needle)
{
	tlc_la_program *p, *q = NULL;
	char *json = program_json(delivery, &p);
	char *at = strstr(json, from);
	cr_assert_not_null(at, "'%s' is not in the program:\n%s", from, json);
	size_t n = strlen(json) - strlen(from) + strlen(to);
	char *bad = malloc(n + 1);
	snprintf(bad, n + 1, "%.*s%s%s", (int)(at - json), json, to, at + strlen(from));
	tlc_err e = {0};
	cr_expect_eq(tlc_la_program_read_json(&q, bad, strlen(bad), &e), TLC_EINPUT, "%s -> %s accepted", from, to);
	cr_expect_null(q);
	cr_expect(strstr(e.msg, needle) != NULL, "%s -> %s: '%s' lacks '%s'", from, to, e.msg, needle);
	cr_expect_leq(e.offset, strlen(bad));
	tlc_la_program_free(q);
	tlc_la_program_free(p);
	free(bad);
	free(json);
}

Test(activity_program, reader_refuses_a_newer_version) { refused("\"timelinec-activity-program\": 2", "\"timelinec-activity-program\": 3", "activity program version 3 is not supported: this runtime reads version 2; use a runtime that reads the newer version"); }
Test(activity_program, reader_refuses_unknown_keys)
{
	refused("\"zone\":", "\"x\": 1, \"zone\":", "unknown key 'x' in an activity program");
	refused("\"every\":", "\"x\": 1, \"every\":", "unknown key 'x' in an event");
	refused("\"dismissal\": {\"kind\"", "\"dismissal\": {\"x\": 1, \"kind\"", "unknown key 'x' in a dismissal");
	refused("{\"name\": \"eta\", \"type\": \"instant\"}", "{\"name\": \"eta\", \"type\": \"instant\", \"x\": 1}",
		"unknown key 'x' in a parameter");
	refused("\"courier\": {\"param\": \"courier\"}", "\"courier\": {\"param\": \"courier\", \"x\": 1}",
		"unknown key 'x' in a parameter reference");
}
Test(activity_program, reader_refuses_values_of_another_type)
{
	refused("\"late\": false", "\"late\": 0", "field 'late' is a bool");
	refused("\"stops\": 0", "\"stops\": \"0\"", "expected an integer");
	refused("\"stops\": 0", "\"stops\": 0.5", "expected an integer");
	refused("\"courier\": {\"param\": \"courier\"}", "\"courier\": {\"param\": \"stops\"}", "field 'courier' cannot take 'stops'");
	refused("\"eta\": {\"kind\": \"param\", \"param\": \"eta\"", "\"eta\": {\"kind\": \"param\", \"param\": \"courier\"",
		"'courier' is not a declared instant parameter");
	refused("\"late\": false", "\"early\": false", "'early' is not a content-state field");
	refused("\"total\": 18.5", "\"total\": [18.5]", "an attribute is a string, a number");
	refused("\"lock-screen\":", "\"lock-screens\":", "'lock-screens' is not a presentation");
	refused("\"priority\": 10", "\"priority\": 7", "a priority is 5 or 10");
}
Test(activity_program, reader_refuses_events_out_of_order)
{
	refused("\"event\": \"start\"", "\"event\": \"update\"", "events are the start, then updates");
	refused("\"event\": \"update\"", "\"event\": \"end\"", "the end has a dismissal");
	refused("\"every\": 300", "\"every\": 0", "'until' goes with 'every'");
	refused("\"every\": 0,\n      \"until\": null,\n      \"position\": [11, 3]",
		"\"every\": 60,\n      \"until\": null,\n      \"position\": [11, 3]", "only an update repeats");
	refused("\"dismissal\": null", "\"dismissal\": {\"kind\": \"default\"}", "only the end has a dismissal");
}
/* Who makes each event: a start the app or a push-to-start, an update a push, the app or an
 * intent (which does not repeat), an end a push, the app or an intent; `while: foreground` only
 * on an update or the end via the app. */
Test(activity_program, reader_refuses_a_via_the_event_cannot_have)
{
	refused("\"via\": \"app\"", "\"via\": \"push\"", "via 'push' cannot make the start");
	refused("\"via\": \"app\"", "\"via\": \"intent\"", "via 'intent' cannot make the start");
	refused("\"via\": \"push\"", "\"via\": \"push-to-start\"", "via 'push-to-start' cannot make the update");
	refused("\"via\": \"push\"", "\"via\": \"intent\"", "an update via 'intent' does not repeat");
	refused("\"via\": \"push\",\n      \"priority\": 10,\n      \"state\": {},",
		"\"via\": \"push-to-start\",\n      \"priority\": 10,\n      \"state\": {},",
		"via 'push-to-start' cannot make the end");
	refused("\"via\": \"app\"", "\"via\": \"app\", \"while\": \"foreground\"", "a start has no 'while'");
	refused("\"via\": \"push\"", "\"via\": \"push\", \"while\": \"foreground\"", "'while' goes with via 'app'");
	refused("\"via\": \"push\"", "\"via\": \"app\", \"while\": \"background\"", "unknown value 'background'");
	refused("\"via\": \"push\"", "\"via\": \"app\", \"while\": true", "expected a string");
}
/* An end via an intent and the app's own events while the user has it open read back; the
 * schedule marks them (`"while": "foreground"`), the others not. */
Test(activity_program, end_via_intent_and_while_foreground_round_trip)
{
	tlc_la_program *p, *q;
	tlc_err e = {0};
	char *json = program_json("timelinec: 1\nlive-activity: W\nbundle-id: com.x\ntimezone: UTC\n"
				  "content-state: {n: int}\nview: {lock-screen: \"{n}\"}\n"
				  "start: {at: now, state: {n: 0}}\n"
				  "updates: [{at: now + 5s, every: 5s, until: now + 1m, via: app, while: foreground, "
				  "state: {n: 1}}]\n"
				  "end: {at: now + 2m, via: intent}\n", &p);
	cr_expect(strstr(json, "\"via\": \"app\",\n      \"while\": \"foreground\"") != NULL, "%s", json);
	cr_expect(strstr(json, "\"via\": \"intent\"") != NULL, "%s", json);
	cr_expect_eq(p->events[1].every, 5, "the app's own update may repeat every 5 s");
	cr_assert_eq(tlc_la_program_read_json(&q, json, strlen(json), &e), 0, "%s", e.msg);
	cr_expect(q->events[1].foreground && !q->events[0].foreground && !q->events[2].foreground);
	cr_expect_eq(q->events[2].via, TLC_VIA_INTENT);
	tlc_buf b = TLC_BUF_INIT;
	tlc_la_program_write_json(&b, q);
	cr_expect_str_eq(b.ptr, json, "the program round-trips");
	tlc_buf_release(&b);
	tlc_la_program_free(q);
	tlc_la_program_free(p);
	free(json);
}
/* varies round-trips, and each state of the update lists it. */
Test(activity_program, varies_round_trips)
{
	tlc_la_program *p, *q;
	tlc_err e = {0};
	char *json = program_json("timelinec: 1\nlive-activity: S\nbundle-id: com.x\ntimezone: UTC\n"
				  "content-state: {home: int, away: int}\nview: {lock-screen: \"{home}-{away}\"}\n"
				  "start: {at: now, state: {home: 0, away: 0}}\n"
				  "updates: [{at: now + 1m, every: 1m, until: now + 3m, state: {away: 0, home: 1}, "
				  "varies: [away, home]}]\n", &p);
	cr_expect(strstr(json, "\"varies\": [\"home\", \"away\"]") != NULL, "in field order: %s", json);
	cr_assert_eq(tlc_la_program_read_json(&q, json, strlen(json), &e), 0, "%s", e.msg);
	cr_expect_eq(q->events[1].varies, 3u);
	tlc_buf b = TLC_BUF_INIT;
	tlc_la_program_write_json(&b, q);
	cr_expect_str_eq(b.ptr, json);
	tlc_buf_release(&b);
	tlc_la_program_free(q);
	tlc_la_program_free(p);
	free(json);
}

/* varies: on an update, a non-empty list of fields its state sets, each once. */
Test(activity_program, reader_refuses_bad_varies)
{
	refused("\"until\": {", "\"varies\": [], \"until\": {", "names at least one field");
	refused("\"until\": {", "\"varies\": [\"eta\"], \"until\": {", "'eta' is not a field this event's state sets");
	refused("\"until\": {", "\"varies\": [\"stops\", \"stops\"], \"until\": {", "'stops' is listed twice");
	refused("\"until\": {", "\"varies\": [3], \"until\": {", "'varies' lists field names");
	refused("\"until\": null", "\"until\": null, \"varies\": [\"eta\"]", "only an update has 'varies'");
}

/* minimum-ios goes from the spec into the activity program and back; absent means 17 and is not
 * written; outside 17..26 the reader refuses it. */
Test(activity_program, minimum_ios_round_trips_and_is_range_checked)
{
	tlc_la_program *p, *q = NULL;
	char *json = program_json(delivery, &p);
	cr_assert_eq(p->minimum_ios, 17);
	cr_assert_null(strstr(json, "minimum-ios"), "the default is written");
	tlc_la_program_free(p);
	free(json);

	char *spec = malloc(strlen(delivery) + 32);
	snprintf(spec, strlen(delivery) + 32, "minimum-ios: 18\n%s", delivery);
	json = program_json(spec, &p);
	cr_assert_eq(p->minimum_ios, 18);
	cr_assert_not_null(strstr(json, "\"minimum-ios\": 18"), "%s", json);
	tlc_err e = {0};
	cr_assert_eq(tlc_la_program_read_json(&q, json, strlen(json), &e), 0, "%s", e.msg);
	cr_assert_eq(q->minimum_ios, 18);
	tlc_la_program_free(q);
	tlc_la_program_free(p);
	free(json);
	free(spec);

	refused("\"zone\":", "\"minimum-ios\": 16, \"zone\":", "expected an integer from 17 to 26");
	refused("\"zone\":", "\"minimum-ios\": 27, \"zone\":", "expected an integer from 17 to 26");
	refused("\"zone\":", "\"minimum-ios\": \"18\", \"zone\":", "expected an integer from 17 to 26");
}
