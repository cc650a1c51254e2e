/*
 * Conformance vectors (tests/conformance/NAME.vectors.json): a timeline file + an instant -> the
 * entry that shows, its phase per view, and the text each view reads in each locale. This test
 * runs them through the C reader (tlc_timeline_read_json), lookup and the renderer; a reader
 * in another language runs the same files.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include "display/display.h"
#include "helpers.h"
#include "timelinec/timeparse.h"

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

static tlc_time instant(const char *s)
{
	tlc_parsed_instant pi;
	cr_assert_eq(tlc_instant_parse(&pi, s, strlen(s), NULL), 0);
	return pi.value;
}

static void check_case(tctx *t, const tlc_timeline *tl, const cJSON *c, const char *file)
{
	const char *at = cJSON_GetObjectItemCaseSensitive(c, "at")->valuestring;
	tlc_time when = instant(at);
	ptrdiff_t k = tlc_timeline_lookup(tl, when);
	int want = cJSON_GetObjectItemCaseSensitive(c, "entry")->valueint;
	cr_assert_eq(k, want, "%s at %s: entry %td, want %d", file, at, k, want);
	const tlc_zone *dz = NULL;
	cr_assert_eq(tlc_zones_get(t->zones, tl->display_zone, &dz), 0);
	const cJSON *text = cJSON_GetObjectItemCaseSensitive(c, "text");
	for (const cJSON *view = text->child; view; view = view->next) {
		char id[64], fam[64];
		cr_assert_eq(sscanf(view->string, "%63[^/]/%63s", id, fam), 2);
		size_t ci = 0;
		while (ci < tl->program->ncountdowns && strcmp(tl->program->countdowns[ci].id, id))
			ci++;
		int f = 0;
		while (f < TLC_FAM_MAX && strcmp(tlc_family_name((tlc_family_id)f), fam))
			f++;
		cr_assert(ci < tl->program->ncountdowns && f < TLC_FAM_MAX);
		for (const cJSON *loc = view->child; loc; loc = loc->next) {
			tlc_buf b = TLC_BUF_INIT;
			cr_assert_eq(tlc_display_view(&b, NULL, t->render, tl, &tl->entries[k].views[ci],
						      (tlc_family_id)f, loc->string, when, dz), 0);
			cr_expect_str_eq(b.ptr, loc->valuestring, "%s at %s %s [%s]", file, at,
					 view->string, loc->string);
			tlc_buf_release(&b);
		}
	}
}

static void run_file(tctx *t, const char *name)
{
	char path[512];
	size_t len, tlen;
	snprintf(path, sizeof path, "conformance/%s", name);
	char *vec = slurp(path, &len);
	cJSON *root = cJSON_ParseWithLength(vec, len);
	cr_assert_not_null(root, "%s is not JSON", path);
	snprintf(path, sizeof path, "conformance/%s",
		 cJSON_GetObjectItemCaseSensitive(root, "timeline")->valuestring);
	char *json = slurp(path, &tlen);
	tlc_timeline *tl = NULL;
	tlc_err e = {0};
	cr_assert_eq(tlc_timeline_read_json(&tl, json, tlen, &e), 0, "%s: %s", path, e.msg);
	const cJSON *cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
	for (const cJSON *c = cases->child; c; c = c->next)
		check_case(t, tl, c, name);
	tlc_timeline_free(tl);
	cJSON_Delete(root);
	free(json);
	free(vec);
}

Test(conformance, vectors)
{
	tctx t;
	tctx_open(&t);
	DIR *d = opendir("conformance");
	cr_assert_not_null(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strstr(de->d_name, ".vectors.json")) {
			run_file(&t, de->d_name);
			n++;
		}
	closedir(d);
	cr_assert_geq(n, 5, "expected a vector file per example");
	tctx_close(&t);
}

Test(conformance, timeline_json_round_trips)
{
	size_t len;
	char *json = slurp("golden/examples/launch.timeline.json", &len);
	tlc_timeline *tl = NULL;
	cr_assert_eq(tlc_timeline_read_json(&tl, json, len, NULL), 0);
	tlc_buf b = TLC_BUF_INIT;
	cr_assert_eq(tlc_timeline_write_json(&b, tl, NULL, 0, NULL, NULL), 0);
	tlc_timeline *again = NULL;
	cr_assert_eq(tlc_timeline_read_json(&again, b.ptr, b.len, NULL), 0);
	cr_assert_eq(again->nentries, tl->nentries);
	for (size_t i = 0; i < tl->nentries; i++) {
		cr_assert_eq(again->entries[i].date, tl->entries[i].date);
		cr_assert(tlc_view_equal(&again->entries[i].views[0], &tl->entries[i].views[0]));
	}
	tlc_timeline_free(again);
	tlc_timeline_free(tl);
	tlc_buf_release(&b);
	free(json);
}

Test(conformance, hostile_timeline_json_is_refused)
{
	const char *bad[] = {
		"", "{", "[]", "{\"timelinec-timeline\": 2}", "{\"program\": 5}",
		"{\"program\": {\"timelinec-program\": 2, \"widget\": \"W\"}}",
		"{\"timelinec-timeline\": 2, \"timelinec-timeline\": 2}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tlc_timeline *tl = NULL;
		tlc_err e = {0};
		cr_expect_neq(tlc_timeline_read_json(&tl, bad[i], strlen(bad[i]), &e), 0, "accepted '%s'", bad[i]);
		cr_expect_null(tl);
	}
}
