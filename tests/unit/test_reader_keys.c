/*
 * The program and timeline readers (runtime/core/program.c, timeline.c) refuse a key they do not
 * know, at every object level they read, with the key's name and its position: a file from a
 * newer or another writer must not be misread by skipping what it says. The same objects are
 * closed in docs/program.schema.json and docs/timeline.schema.json (additionalProperties: false)
 * and in TimelineKit's readers; the maps (views by family or countdown id, params, a message
 * run's args) allow only their own names, and a message run's text (by locale) any locale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "timelinec/program.h"
#include "timelinec/timeline.h"

#define KEY "\"x-unknown\""

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

static int read_any(bool timeline, const char *json, size_t len, tlc_err *e)
{
	memset(e, 0, sizeof *e);
	if (timeline) {
		tlc_timeline *tl = NULL;
		int rc = tlc_timeline_read_json(&tl, json, len, e);
		cr_assert(rc == 0 || !tl);
		tlc_timeline_free(tl);
		return rc;
	}
	tlc_program *p = NULL;
	int rc = tlc_program_read_json(&p, json, len, e);
	cr_assert(rc == 0 || !p);
	tlc_program_free(p);
	return rc;
}

/*
 * Inserts "x-unknown": 1 as the first member of every object of the file in turn (but a message
 * run's text, a map of locales the reader does not read): each copy must be refused with the
 * key's name, at the key. Returns how many objects were tried.
 */
static int each_object(const char *path, bool timeline)
{
	size_t len;
	char *json = slurp(path, &len);
	tlc_err e;
	cr_assert_eq(read_any(timeline, json, len, &e), 0, "%s: %s", path, e.msg);
	char *copy = malloc(len + sizeof KEY + 8);
	int tried = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		if (in_string) {
			if (json[i] == '\\')
				i++;
			else if (json[i] == '"')
				in_string = false;
			continue;
		}
		if (json[i] == '"')
			in_string = true;
		if (json[i] != '{' || (i >= 8 && memcmp(json + i - 8, "\"text\": ", 8) == 0))
			continue;
		bool empty = json[i + 1] == '}';
		const char *ins = empty ? KEY ": 1" : KEY ": 1, ";
		size_t k = strlen(ins);
		memcpy(copy, json, i + 1);
		memcpy(copy + i + 1, ins, k);
		memcpy(copy + i + 1 + k, json + i + 1, len - i - 1);
		int rc = read_any(timeline, copy, len + k, &e);
		cr_expect_eq(rc, TLC_EINPUT, "%s: a key in the object at byte %zu was accepted", path, i);
		cr_expect(strstr(e.msg, "unknown") && strstr(e.msg, "'x-unknown'"),
			  "%s, object at byte %zu: %s", path, i, e.msg);
		cr_expect_eq(e.offset, i + 1, "%s, object at byte %zu: offset %zu (%s)", path, i,
			     e.offset, e.msg);
		cr_expect_eq(e.len, sizeof KEY - 1, "%s: len %zu", path, e.len);
		tried++;
	}
	free(copy);
	free(json);
	return tried;
}

Test(reader_keys, every_object_of_every_golden_program_and_timeline)
{
	static const char *const names[] = {"launch", "flight", "match", "sale", "standup"};
	char path[256];
	int tried = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "golden/examples/%s.program.json", names[i]);
		tried += each_object(path, false);
		snprintf(path, sizeof path, "golden/examples/%s.timeline.json", names[i]);
		tried += each_object(path, true);
	}
	/* paused countdowns, stale views and every live style */
	tried += each_object("swift/TimelineKitTests/Fixtures/live-runs.timeline.json", true);
	cr_assert_gt(tried, 500, "only %d objects tried", tried);
}

/* ---- keys that belong to another kind of the same object ------------------------------------ */

#define TIME(kind_and_more) "{\"kind\": " kind_and_more ", \"offset\": 0}"
#define CD_TARGET(target, more)                                                               \
	"{\"id\": \"a\", \"mode\": \"to\", \"target\": " target ", \"from\": null, "           \
	"\"paused-at\": null, \"relevance\": null, \"stale\": null, \"phases\": [{\"above\": " \
	"null, \"views\": {\"default\": [{\"text\": \"x\"" more "}]}}]}"
#define PROGRAM_WITH(window_or_horizon, reload, cd)                                           \
	"{\"timelinec-program\": 2, \"widget\": \"W\", \"zone\": \"UTC\", "                   \
	"\"disambiguation\": \"compatible\", \"locales\": [], \"params\": [], "                \
	window_or_horizon ", \"reload\": " reload ", \"countdowns\": [" cd "], "              \
	"\"messages\": [], \"baked\": []}"
#define LITERAL TIME("\"literal\", \"at\": \"2026-12-01T12:00:00Z\"")
#define HORIZON "\"horizon\": 86400"
#define AUTO "{\"policy\": \"auto\"}"

static void refused(bool timeline, const char *json, const char *want)
{
	tlc_err e;
	cr_assert_eq(read_any(timeline, json, strlen(json), &e), TLC_EINPUT, "accepted: %s", json);
	cr_assert(strstr(e.msg, want), "message '%s', want '%s'", e.msg, want);
	cr_assert_leq(e.offset + e.len, strlen(json));
}

/* Instants in programs and timelines are read in the one form the writers write, as the
 * schemas and TimelineKit read them: lowercase letters, an offset or a space are refused. */
Test(reader_keys, instants_only_in_the_written_form)
{
	static const char *const bad[] = {"2026-12-01t12:00:00Z", "2026-12-01T12:00:00z",
					  "2026-12-01T12:00:00+00:00", "2026-12-01 12:00:00Z",
					  "2026-12-01T12:00Z", "2026-12-01T12:00:00.0Z", "2026-12-01T12:00:00"};
	char json[1024];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(json, sizeof json, "%s", PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(TIME("\"literal\", \"at\": \"@@\""), "")));
		char *at = strstr(json, "@@");
		char tail[1024];
		snprintf(tail, sizeof tail, "%s", at + 2);
		snprintf(at, sizeof json - (size_t)(at - json), "%s%s", bad[i], tail);
		refused(false, json, "expected an instant 'YYYY-MM-DDTHH:MM:SSZ'");
	}
}

/* The version is read first: an older or newer file says which it is and what to do. */
Test(reader_keys, versions_other_than_the_current_one)
{
	static const char *const v1 = "{\"timelinec-program\": 1, \"widget\": \"W\"}";
	static const char *const v3 = "{\"timelinec-program\": 3, \"future\": true}";
	static const char *const t1 = "{\"timelinec-timeline\": 1, \"widget\": \"W\"}";
	static const char *const t0 = "{\"timelinec-timeline\": 0}";
	refused(false, v1, "program version 1 is not supported: this runtime reads version 2; "
			   "compile it again with this timelinec");
	refused(false, v3, "program version 3 is not supported: this runtime reads version 2; "
			   "use a runtime that reads the newer version");
	refused(true, t1, "timeline version 1 is not supported");
	refused(true, t0, "expected the timeline format version, a positive integer");
	cr_assert_eq(TLC_PROGRAM_VERSION, 2);
	cr_assert_eq(TLC_TIMELINE_VERSION, 2);
}

Test(reader_keys, program_fixture_reads)
{
	tlc_err e;
	const char *json = PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(LITERAL, ""));
	cr_assert_eq(read_any(false, json, strlen(json), &e), 0, "%s", e.msg);
}

Test(reader_keys, program_keys_of_another_kind)
{
	refused(false, PROGRAM_WITH("\"window\": {\"start\": null, \"end\": null}, " HORIZON, AUTO,
				    CD_TARGET(LITERAL, "")),
		"unknown key 'horizon' in a program");
	refused(false, PROGRAM_WITH(HORIZON, "{\"policy\": \"auto\", \"after\": null}",
				    CD_TARGET(LITERAL, "")),
		"unknown key 'after' in the reload");
	refused(false, PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(TIME("\"now\", \"at\": \"2026-12-01T12:00:00Z\""), "")),
		"unknown key 'at' in a time");
	refused(false, PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(TIME("\"literal\", \"at\": \"2026-12-01T12:00:00Z\", \"param\": \"p\""), "")),
		"unknown key 'param' in a time");
	refused(false, PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(TIME("\"none\""), "")),
		"a time of kind 'none' is written as null");
	refused(false, PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(LITERAL, ", \"message\": 0")),
		"unknown key 'message' in a text run");
	refused(false, PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(LITERAL, ", \"live\": \"timer\"")),
		"unknown key 'live' in a text run");
	refused(false, PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(LITERAL, "}], \"stale\": [{\"text\": \"y\"")),
		"unknown widget family 'stale' in views");
}

/* The live-runs fixture with one run replaced. */
static char *with_run(const char *from, const char *to)
{
	size_t len;
	char *json = slurp("swift/TimelineKitTests/Fixtures/live-runs.timeline.json", &len);
	char *at = strstr(json, from);
	cr_assert_not_null(at, "'%s' is not in the fixture", from);
	char *out = malloc(len + strlen(to) + 1);
	size_t head = (size_t)(at - json);
	memcpy(out, json, head);
	strcpy(out + head, to);
	strcat(out, at + strlen(from));
	free(json);
	return out;
}

#define TIMER "{\"live\": \"timer\", \"target\": \"2026-12-01T12:00:00Z\", \"pause\": \"2026-12-01T10:00:00Z\"}"
#define RELATIVE "{\"live\": \"relative\", \"target\": \"2026-12-01T12:00:00Z\"}"
#define PROGRESS "{\"live\": \"progress\", \"from\": \"2026-12-01T00:00:00Z\", \"target\": \"2026-12-01T12:00:00Z\"}"

/* `pause` is written for timer and countdown runs only (instantiate.c: only they can hold),
 * `from` for countdown and progress only: the reader, the schema and TimelineKit agree. */
Test(reader_keys, timeline_live_run_keys_by_style)
{
	char *j;
	j = with_run(RELATIVE, "{\"live\": \"relative\", \"target\": \"2026-12-01T12:00:00Z\", \"pause\": \"2026-12-01T10:00:00Z\"}");
	refused(true, j, "unknown key 'pause' in a live run of this style");
	free(j);
	j = with_run(PROGRESS, "{\"live\": \"progress\", \"from\": \"2026-12-01T00:00:00Z\", \"target\": \"2026-12-01T12:00:00Z\", \"pause\": \"2026-12-01T10:00:00Z\"}");
	refused(true, j, "unknown key 'pause' in a live run");
	free(j);
	j = with_run(TIMER, "{\"live\": \"timer\", \"from\": \"2026-12-01T00:00:00Z\", \"target\": \"2026-12-01T12:00:00Z\"}");
	refused(true, j, "unknown key 'from' in a live run");
	free(j);
	j = with_run(PROGRESS, "{\"live\": \"progress\", \"target\": \"2026-12-01T12:00:00Z\"}");
	refused(true, j, "missing key 'from'");
	free(j);
	j = with_run(TIMER, "{\"live\": \"text\", \"target\": \"2026-12-01T12:00:00Z\"}");
	refused(true, j, "'live' must name a self-updating style, not 'text'");
	free(j);
	j = with_run(TIMER, "{\"text\": \"x\", \"target\": \"2026-12-01T12:00:00Z\"}");
	refused(true, j, "unknown key 'target' in a text run");
	free(j);
}

Test(reader_keys, timeline_maps_take_only_their_names)
{
	char *j;
	j = with_run("\"args\": {\"days\": 0}", "\"args\": {\"days\": 0, \"weeks\": 1}");
	refused(true, j, "unknown key 'weeks' in a message run's args");
	free(j);
	j = with_run("\"args\": {\"days\": 0}", "\"args\": {\"hours\": 0}");
	refused(true, j, "unknown key 'hours' in a message run's args");
	free(j);
	j = with_run("\"params\": {}", "\"params\": {\"eta\": \"2026-12-01T12:00:00Z\"}");
	refused(true, j, "unknown parameter 'eta' in params (not in the program)");
	free(j);
	j = with_run("\"views\": {\n        \"paused\": {", "\"views\": {\"other\": {}, \"paused\": {");
	refused(true, j, "unknown countdown 'other' in an entry's views");
	free(j);
	j = with_run("\"families\": {\n            \"default\"", "\"families\": {\"systemSmall\": [], \"default\"");
	refused(true, j, "unknown widget family 'systemSmall' in a view's families");
	free(j);
	j = with_run("\"policy\": {\"kind\": \"at-end\"}", "\"policy\": {\"kind\": \"at-end\", \"date\": \"2026-12-02T00:00:00Z\"}");
	refused(true, j, "unknown key 'date' in the policy");
	free(j);
	j = with_run("\"policy\": {\"kind\": \"at-end\"}", "\"policy\": {\"kind\": \"auto\"}");
	refused(true, j, "a timeline's policy is 'at-end', 'never' or 'after'");
	free(j);
}

/* A key in a message's text map is a locale: any is allowed (the reader does not read them). */
Test(reader_keys, message_text_takes_any_locale)
{
	char *j = with_run("\"text\": {\"en_US\": \"0 days \"", "\"text\": {\"x-any\": null, \"en_US\": \"0 days \"");
	tlc_err e;
	cr_assert_eq(read_any(true, j, strlen(j), &e), 0, "%s", e.msg);
	free(j);
}

/* A key's name in a message stays one line and a bounded length. */
Test(reader_keys, key_names_are_shown_safely)
{
	const char *bad = "{\"a\\nb\": 1, \"timelinec-program\": 2}";
	tlc_err e;
	cr_assert_eq(read_any(false, bad, strlen(bad), &e), TLC_EINPUT);
	cr_assert_str_eq(e.msg, "unknown key 'a?b' in a program");
	char big[300] = "{\"timelinec-program\": 2, \"x";
	size_t n = strlen(big);
	for (int i = 0; i < 100; i++)
		memcpy(big + n + 2 * i, "\xc3\xa9", 2); /* é, with the 60-byte cut inside one */
	strcpy(big + n + 200, "\": 1}");
	cr_assert_eq(read_any(false, big, strlen(big), &e), TLC_EINPUT);
	cr_assert(strstr(e.msg, "x\xc3\xa9\xc3\xa9"), "%s", e.msg);
	cr_assert(strstr(e.msg, "\xc3\xa9...' in a program"), "%s", e.msg);
	cr_assert_eq(e.offset, n - 2);
	cr_assert_eq(e.len, 203);
}

/* The reader's other refusals carry the position of the value too (they were all at byte 0). */
Test(reader_keys, other_refusals_point_at_their_value)
{
	const char *json = PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(LITERAL, "") ", " CD_TARGET(LITERAL, ""));
	tlc_err e;
	cr_assert_eq(read_any(false, json, strlen(json), &e), TLC_EINPUT);
	cr_assert_str_eq(e.msg, "two countdowns have the id 'a'");
	const char *second = strstr(strstr(json, "\"id\": \"a\"") + 1, "\"id\": \"a\"");
	cr_assert_eq(e.offset, (size_t)(second - json) + 6);
	json = PROGRAM_WITH(HORIZON, AUTO, CD_TARGET(TIME("\"literal\", \"at\": \"2026-12-01T12:00\""), ""));
	cr_assert_eq(read_any(false, json, strlen(json), &e), TLC_EINPUT);
	cr_assert_eq(e.offset, (size_t)(strstr(json, "\"2026-12-01T12:00\"") - json), "%s", e.msg);
	json = PROGRAM_WITH(HORIZON, "{}", CD_TARGET(LITERAL, ""));
	cr_assert_eq(read_any(false, json, strlen(json), &e), TLC_EINPUT);
	cr_assert_str_eq(e.msg, "missing key 'policy'");
	cr_assert_eq(e.offset, (size_t)(strstr(json, "{}") - json));
}
