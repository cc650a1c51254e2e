/*
 * fuzz_spec.c — the whole front end as `timelinec check` and `compile` run it: reader, schema
 * validation, loading (zones, locales, durations, instants, recurrences, templates), lowering
 * to a program, and optionally baking, the verifier and an instantiation; for a Live Activity
 * spec, its schedule (as `check`, `compile` and `preview` build it), the schedule's rules, its
 * JSON and, with bit 2, what each presentation reads over the activity's life.
 *
 * Option bytes:
 *   0: bits 0-1 the file name ("spec.yaml", "spec.json", "-": by first byte, "spec.yml");
 *      bit 2 bake the messages (ICU); bit 3 run the verifier (budget profile from bits 5-7);
 *      bit 4 instantiate the program
 *   1: now and the display zone;  2: parameter values
 * Always: program JSON round trip, the spec's suppressions, every diagnostic rendered. The
 * render context is made for each input, so a replay does not depend on earlier inputs.
 * Left to other harnesses, which do them on the same kinds of input (they took about a third of
 * the time here): the tree's value offsets (fuzz_yaml, fuzz_json), the timeline JSON round trip
 * (fuzz_program).
 */
#include <cjson/cJSON.h>

#include "fuzz.h"
#include "lower/activity.h"
#include "verify/activity_rules.h"
#include "display/activity_render.h"
#include "lower/bake.h"
#include "report/gating.h"
#include "lower/lower.h"
#include "spec/spec.h"
#include "verify/verify.h"

static void verify(tlc_ctx *ctx, const tlc_spec *spec, const tlc_program *p, unsigned opt,
		   unsigned b_now)
{
	const char *const *profiles = tlc_budget_names();
	size_t np = 0;
	while (profiles[np])
		np++;
	tlc_verify_opts vo;
	memset(&vo, 0, sizeof vo);
	FUZZ_CHECK(tlc_budget_get(&vo.budget, profiles[(opt >> 5) % np]) == 0);
	vo.now = fuzz_now(b_now);
	vo.now_given = (b_now & 0x80) != 0;
	vo.display_zone = b_now & 0x40 ? fuzz_zone_name(b_now >> 3) : NULL;
	vo.max_candidates = FUZZ_MAX_CANDIDATES;
	int rc = tlc_verify(ctx, spec, p, &vo);
	FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
}

/* The schedule for parameter values from b_par, its rules, its JSON and its rendering. */
static void activity(tlc_ctx *ctx, const tlc_spec *spec, unsigned opt, unsigned b_now,
		     unsigned b_par)
{
	tlc_param_value vals[TLC_MAX_PARAMS];
	size_t n = 0;
	unsigned k;
	tlc_time now = fuzz_now_from(b_now);
	for (size_t i = 0; i < spec->nparams && n < TLC_MAX_PARAMS; i++)
		if (fuzz_param_given(b_par, i, &k))
			fuzz_param_value(&vals[n++], spec->params[i].name, now, k);
	tlc_la_opts lo = {.now = now, .now_source = TLC_NOW_OPTION, .params = vals, .nparams = n};
	tlc_la_schedule *sch = NULL;
	int rc = tlc_activity_build(ctx, spec, &lo, &sch);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
	FUZZ_CHECK(rc != TLC_EINPUT || fuzz_errors(ctx) > 0);
	if (rc != 0)
		return;
	FUZZ_CHECK(sch != NULL);
	/* the start first, then the updates and the end in time order */
	for (size_t i = 2; i < sch->nstates; i++)
		FUZZ_CHECK(sch->states[i - 1].at <= sch->states[i].at);
	tlc_activity_verify(ctx, sch, TLC_LA_PUSHES_PER_HOUR);
	/* every parameter reference resolves: no state holds "$name" of a declared parameter, so
	 * none reaches the content states, the APNs bodies, the curl lines or the rendered text */
	for (size_t i = 0; i < sch->nstates; i++)
		for (size_t f = 0; f < spec->nfields && f < TLC_LA_MAX_FIELDS; f++) {
			const tlc_la_value *v = &sch->states[i].values[f];
			if (!v->set || spec->fields[f].type != TLC_FIELD_STRING)
				continue;
			FUZZ_CHECK(v->text != NULL);
			/* ... unless the spec wrote it escaped: '$$courier' is the text "$courier" (the
			 * value then points just past the escape's first '$' in the spec's string) */
			for (size_t q = 0; v->text[0] == '$' && q < spec->nparams; q++)
				FUZZ_CHECK(strcmp(v->text + 1, spec->params[q].name) != 0 || v->text[-1] == '$');
		}
	tlc_buf b = TLC_BUF_INIT;
	tlc_activity_write_json(&b, sch);
	if (!tlc_buf_oom(&b)) {
		cJSON *j = cJSON_ParseWithLength(b.ptr, b.len);
		FUZZ_CHECK(j != NULL);
		cJSON_Delete(j);
	}
	for (int pres = 0; (opt & 4) && pres < 8; pres++) {
		if (!spec->views[pres])
			continue;
		const char *locale = spec->nlocales ? spec->locales[pres % spec->nlocales] : "en_US";
		for (size_t i = 0; i <= sch->nstates; i++) {
			tlc_time t = i < sch->nstates ? sch->states[i].at : sch->gone;
			for (int d = -1; d <= 1 && t != TLC_TIME_NONE; d++) {
				tlc_la_phase phase = TLC_LA_NOT_STARTED;
				unsigned flags;
				tlc_buf_clear(&b);
				rc = tlc_activity_render(&b, &flags, &phase, ctx, sch, pres, locale,
							 t + d * 61, fuzz_zone(b_now));
				FUZZ_CHECK(rc <= 0);
				FUZZ_CHECK(phase < TLC_LA_PHASE_MAX);
			}
		}
	}
	tlc_buf_release(&b);
	tlc_activity_free(sch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[4] = {"spec.yaml", "spec.json", "-", "spec.yml"};
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in), b_now = fuzz_byte(&in), b_par = fuzz_byte(&in);
	tlc_ctx ctx;
	tlc_spec *spec = NULL;
	tlc_program *p = NULL;
	if (in.n > TLC_MAX_FILE_SIZE)
		return 0;
	tlc_ctx_init(&ctx);
	ctx.zones = fuzz_zones();
	/* a fresh render context: its locale cache would grow from input to input (64 at most) */
	if (tlc_render_ctx_new(&ctx.render) < 0)
		abort();
	uint32_t file = fuzz_source(&ctx, names[opt & 3], in.p, in.n);
	int rc = tlc_spec_load(&ctx, file, &spec);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
	FUZZ_CHECK(rc != TLC_EINPUT || fuzz_errors(&ctx) > 0);
	if (rc == 0) {
		FUZZ_CHECK(spec != NULL && spec->file == file);
		/* the value offsets of these trees are fuzz_yaml's and fuzz_json's (a seventh of
		 * the time here) */
		fuzz_check_tree(&ctx, spec->root, 0);
	}
	if (rc == 0 && spec->kind == TLC_SPEC_WIDGET) {
		rc = tlc_lower(&ctx, spec, &p);
		FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
		FUZZ_CHECK(rc != TLC_EINPUT || fuzz_errors(&ctx) > 0);
		FUZZ_CHECK(rc != 0 || p != NULL);
	}
	if (rc == 0 && spec->kind != TLC_SPEC_WIDGET)
		activity(&ctx, spec, opt, b_now, b_par);
	if (rc == 0 && p) {
		if (opt & 4)
			(void)tlc_bake(&ctx, spec, p);
		fuzz_program_roundtrip(p);
		if (opt & 8)
			verify(&ctx, spec, p, opt, b_now);
		if (opt & 16)
			fuzz_instantiate(p, b_now, b_now >> 3, b_par, 0); /* JSON: fuzz_program's */
	}
	tlc_apply_suppressions(&ctx, file, spec);
	fuzz_check_diags(&ctx);
	tlc_program_free(p);
	tlc_render_ctx_free(ctx.render);
	tlc_ctx_release(&ctx);
	return 0;
}
