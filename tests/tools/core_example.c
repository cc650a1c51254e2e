/*
 * A widget extension's view of the runtime: read a compiled program, instantiate it at EPOCH,
 * print the entries. Linked against libtimelinec-core.a and libc only (no ICU, no cJSON), which
 * tests/tools/core-link.sh checks; tests/tools/install-test.sh builds it against the installed
 * runtime with pkg-config, core and full (-DWITH_RENDER: the ICU render module too).
 */
#include <stdio.h>
#include <stdlib.h>
#include "timelinec/civil.h"
#include "timelinec/timeline.h"
#ifdef WITH_RENDER
#include "timelinec/render.h"
#endif

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: core_example PROGRAM.json EPOCH\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	static char buf[1 << 20];
	size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
	if (f)
		fclose(f);
	tlc_program *p = NULL;
	tlc_zones *zs = NULL;
	const tlc_zone *z = NULL;
	tlc_timeline *tl = NULL;
	tlc_err e = {0};
	if (tlc_program_read_json(&p, buf, n, &e) < 0) {
		fprintf(stderr, "program: %s\n", e.msg);
		return 1;
	}
	if (tlc_zones_new_tzif(&zs, NULL) < 0 || tlc_zones_get(zs, p->zone, &z) < 0)
		return 1;
	tlc_instantiate_opts o = {.now = strtoll(argv[2], NULL, 10), .data_time = TLC_TIME_NONE,
				  .now_source = TLC_NOW_OPTION, .event_zone = z, .display_zone = z};
	if (tlc_instantiate(&tl, p, &o, NULL) < 0)
		return 1;
	for (size_t i = 0; i < tl->nentries; i++) {
		char d[32];
		tlc_format_rfc3339(d, tl->entries[i].date);
		const tlc_tl_view *v = &tl->entries[i].views[0];
		printf("%s phase %d", d, v->phase);
		for (size_t k = 0; k < v->nruns[TLC_FAM_DEFAULT]; k++) {
			const tlc_tl_run *r = &v->runs[TLC_FAM_DEFAULT][k];
			const char *txt = r->kind == TLC_RUN_TEXT ? r->text
					  : r->kind == TLC_RUN_MESSAGE ? tlc_timeline_baked(tl, r, "de_DE")
								      : tlc_run_kind_name(r->kind);
			printf(" %s", txt ? txt : "(no text)");
		}
		printf("\n");
	}
#ifdef WITH_RENDER
	/* the ICU render module: what the last day's timer reads 1:02:03 before the target */
	tlc_render_ctx *rc = NULL;
	tlc_render_locale *loc = NULL;
	tlc_buf out = TLC_BUF_INIT;
	tlc_time target = tl->entries[tl->nentries - 1].views[0].target;
	if (tlc_render_ctx_new(&rc) < 0 || tlc_render_locale_get(&loc, rc, "de_DE") < 0 ||
	    tlc_render_timer(&out, NULL, loc, target - 3723, target) < 0)
		return 1;
	printf("timer %s\n", out.ptr);
	tlc_buf_release(&out);
	tlc_render_ctx_free(rc);
#endif
	printf("policy %d\n", (int)tl->policy);
	tlc_timeline_free(tl);
	tlc_zones_free(zs);
	tlc_program_free(p);
	return 0;
}
