/* The loader: YAML and JSON load to the same typed spec; every bad value is a located error. */
#include <stdio.h>
#include "helpers.h"
#include "spec/spec_dump.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(load, .init = setup, .fini = teardown);

static char *dump_file(const char *path)
{
	tlc_spec *s = NULL;
	int err = tlc_spec_load_file(&T.ctx, path, &s);
	cr_assert_eq(err, 0, "%s: %s", path, T.ctx.diags.n ? T.ctx.diags.v[0].message : "?");
	tlc_buf b = TLC_BUF_INIT;
	tlc_spec_dump(&b, s);
	return tlc_buf_detach(&b);
}

static void same_spec(const char *base)
{
	char y[256], j[256];
	snprintf(y, sizeof y, "spec-examples/%s.yaml", base);
	snprintf(j, sizeof j, "spec-examples/%s.json", base);
	char *a = dump_file(y), *b = dump_file(j);
	cr_expect_str_eq(a, b, "%s: YAML and JSON load differently", base);
	free(a);
	free(b);
}

Test(load, spec_language_examples_yaml_equals_json)
{
	same_spec("widget");
	same_spec("template");
	same_spec("more");
	same_spec("activity");
}

Test(load, widget_example_has_its_meaning)
{
	char *d = dump_file("spec-examples/widget.yaml");
	/* 2026-12-01 18:00 in Berlin (CET) is 17:00Z = 1796144400 */
	cr_expect(strstr(d, "\"target\":{\"kind\":\"literal\",\"at\":1796144400") != NULL, "%s", d);
	cr_expect(strstr(d, "{\"above\":86400,") != NULL);
	cr_expect(strstr(d, "{\"above\":-1800,") != NULL);
	cr_expect(strstr(d, "\"locales\":[\"en_US\",\"de_DE\"]") != NULL);
	free(d);
}

static int load_text(const char *name, const char *text)
{
	tlc_spec *s = NULL;
	tctx_add(&T, name, text);
	return tlc_spec_load(&T.ctx, T.file, &s);
}

#define HEAD "timelinec: 1\nwidget: W\n"

Test(load, unknown_key_suggests)
{
	cr_assert_eq(load_text("t.yaml", HEAD "countdown:\n  too: 2026-12-01\n  show: [{text: x}]\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL010", 4, 3, "unknown key 'too' in countdown");
	cr_expect_str_eq(tctx_find(&T, "TL010")->fix, "did you mean 'to'?");
}

Test(load, activity_key_in_widget_says_where_it_belongs)
{
	cr_assert_eq(load_text("t.yaml", HEAD "bundle-id: com.x\ncountdown: {to: now, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL010", 3, 1, "unknown key 'bundle-id'");
	cr_expect(strstr(tctx_find(&T, "TL010")->fix, "Live Activity") != NULL);
}

Test(load, wrong_type_says_what_was_expected)
{
	cr_assert_eq(load_text("t.yaml", HEAD "locales: en_US\ncountdown: {to: now, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL011", 3, 10, "expected a sequence, found a string");
}

Test(load, missing_required_and_conflicts)
{
	cr_assert_eq(load_text("t.yaml", "widget: W\ncountdown: {to: now, since: now, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL013", 1, 1, "missing the required key 'timelinec'");
	assert_diag(&T, "TL016", 2, 22, "'since' cannot be used together with 'to'");
}

Test(load, version_out_of_range)
{
	cr_assert_eq(load_text("t.yaml", "timelinec: 2\nwidget: W\ncountdown: {to: now, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL015", 1, 12, "2 is out of range; expected 1 to 1");
}

Test(load, widget_and_activity_at_once)
{
	cr_assert_eq(load_text("t.yaml", HEAD "live-activity: A\n"), TLC_EINPUT);
	assert_diag(&T, "TL016", 3, 16, "not both");
}

Test(load, unknown_zone_and_locale)
{
	cr_assert_eq(load_text("t.yaml", HEAD "timezone: Europe/Berln\nlocales: [en_US, qq_ZZ]\n"
					   "countdown: {to: now, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL021", 3, 11, "unknown time zone 'Europe/Berln'");
	assert_diag(&T, "TL026", 4, 18, "unknown locale 'qq_ZZ'");
}

Test(load, bad_duration_points_inside_the_value)
{
	cr_assert_eq(load_text("t.yaml", HEAD "countdown:\n  to: now\n  show:\n    - above: 24x\n      text: a\n"),
		     TLC_EINPUT);
	const tlc_diag *g = tctx_find(&T, "TL020");
	cr_assert_not_null(g);
	unsigned l, c;
	tctx_linecol(&T, g->span, &l, &c);
	cr_expect_eq(l, 6);
	cr_expect_geq(c, 14);
}

Test(load, undeclared_param)
{
	cr_assert_eq(load_text("t.yaml", HEAD "countdown: {to: $eta - 10m, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL018", 3, 17, "'$eta' is not a declared parameter");
}

Test(load, param_of_the_wrong_type)
{
	cr_assert_eq(load_text("t.yaml", HEAD "params: {who: text}\ncountdown: {to: $who, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL011", 4, 17, "parameter '$who' is text");
}

Test(load, dst_gap_warns_and_moves_forward)
{
	cr_assert_eq(load_text("t.yaml", HEAD "timezone: Europe/Berlin\ncountdown: {to: 2026-03-29 02:30, show: [{text: x}]}\n"),
		     0);
	assert_diag(&T, "TL022", 4, 17, "does not exist in Europe/Berlin");
	cr_expect_eq(tctx_find(&T, "TL022")->sev, TLC_SEV_WARNING);
}

Test(load, dst_overlap_warns)
{
	cr_assert_eq(load_text("t.yaml", HEAD "timezone: America/New_York\ncountdown: {to: 2026-11-01 01:30, show: [{text: x}]}\n"),
		     0);
	assert_diag(&T, "TL023", 4, 17, "happens twice in America/New_York");
}

Test(load, dst_reject_is_an_error)
{
	cr_assert_eq(load_text("t.yaml", HEAD "timezone: Europe/Berlin\ndisambiguation: reject\n"
					   "countdown: {to: 2026-03-29 02:30, show: [{text: x}]}\n"),
		     TLC_EINPUT);
	cr_expect_eq(tctx_find(&T, "TL022")->sev, TLC_SEV_ERROR);
}

Test(load, only_the_last_phase_may_omit_above)
{
	cr_assert_eq(load_text("t.yaml", HEAD "countdown:\n  to: now\n  show:\n    - text: a\n    - text: b\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL013", 6, 7, "only the last phase may omit 'above'");
}

Test(load, countdown_ids_are_unique)
{
	cr_assert_eq(load_text("t.yaml", HEAD "countdowns:\n  - {id: a, to: now, show: [{text: x}]}\n"
					   "  - {id: a, to: now, show: [{text: y}]}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL014", 5, 10, "countdown id 'a' is used twice");
}

Test(load, top_level_must_be_a_mapping)
{
	cr_assert_eq(load_text("t.yaml", "- a\n- b\n"), TLC_EINPUT);
	assert_diag(&T, "TL004", 1, 1, "not a sequence");
}

Test(load, empty_file)
{
	cr_assert_eq(load_text("t.yaml", "# only a comment\n"), TLC_EINPUT);
	assert_diag(&T, "TL004", 1, 1, "holds no spec");
}

Test(load, activity_state_fields_are_checked)
{
	cr_assert_eq(load_text("t.yaml", "timelinec: 1\nlive-activity: D\nbundle-id: com.x\n"
					   "content-state: {eta: date, status: string}\n"
					   "view: {lock-screen: \"{status}\"}\n"
					   "start: {at: now, state: {stauts: x, eta: 5}}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL010", 6, 26, "'stauts' is not a field of 'content-state'");
	cr_expect_str_eq(tctx_find(&T, "TL010")->fix, "did you mean 'status'?");
	assert_diag(&T, "TL011", 6, 42, "field 'eta' expects an instant");
}

Test(load, json_specs_report_json_positions)
{
	cr_assert_eq(load_text("t.json", "{\"timelinec\": 1, \"widget\": \"W\",\n \"reload\": \"sometimes\",\n"
					   " \"countdown\": {\"to\": \"now\", \"show\": [{\"text\": \"x\"}]}}\n"),
		     TLC_EINPUT);
	assert_diag(&T, "TL014", 2, 12, "unknown reload policy 'sometimes'");
}

/* minimum-ios: 17 when absent, as written otherwise, the same from YAML and JSON. */
Test(load, minimum_ios_yaml_and_json)
{
	static const char *const yaml = "timelinec: 1\nwidget: W\nminimum-ios: 18\n"
					"countdown: {to: 2026-12-01 10:00, show: [{text: x}]}\n";
	static const char *const json = "{\"timelinec\": 1, \"widget\": \"W\", \"minimum-ios\": 18, "
					"\"countdown\": {\"to\": \"2026-12-01 10:00\", \"show\": [{\"text\": \"x\"}]}}";
	static const char *const plain = "timelinec: 1\nwidget: W\n"
					 "countdown: {to: 2026-12-01 10:00, show: [{text: x}]}\n";
	tlc_spec *a, *b, *c;
	tctx_add(&T, "a.yaml", yaml);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &a), 0);
	tctx_add(&T, "a.json", json);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &b), 0);
	tctx_add(&T, "b.yaml", plain);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &c), 0);
	cr_expect_eq(a->minimum_ios, 18);
	cr_expect_eq(b->minimum_ios, 18);
	cr_expect_eq(c->minimum_ios, 17);
	tlc_buf da = TLC_BUF_INIT, db = TLC_BUF_INIT;
	tlc_spec_dump(&da, a);
	tlc_spec_dump(&db, b);
	cr_expect_str_eq(da.ptr, db.ptr);
	cr_expect_not_null(strstr(da.ptr, "\"minimum-ios\":18"), "%s", da.ptr);
	tlc_buf_release(&da);
	tlc_buf_release(&db);
}
