/*
 * fuzz_settings.c — the readers of a run's settings: a baseline (compiler/report/report.c,
 * report_read_baseline: the strict JSON reader, then the baseline's shape) and a
 * .timelinec.yaml (compiler/report/gating.c, tlc_config_read: YAML or JSON, then the settings).
 *
 * Option byte: bit 0 picks the reader. Either refuses with a diagnostic (every one with a span
 * inside the input) or accepts; a baseline's entries are well formed when accepted.
 */
#include "fuzz.h"
#include "report/gating.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in);
	tlc_ctx ctx;
	if (in.n > TLC_MAX_BASELINE_BYTES)
		return 0;
	tlc_ctx_init(&ctx);
	if (opt & 1) {
		cli_opts o;
		report r;
		memset(&o, 0, sizeof o);
		report_init(&r, &o, stderr, stderr, NULL);
		uint32_t file = fuzz_source(&ctx, "baseline.json", in.p, in.n);
		int rc = report_read_baseline(&r, &ctx, file);
		FUZZ_CHECK(rc == 0 || rc == -1);
		FUZZ_CHECK(rc == 0 || ctx.diags.n > 0 || ctx.diags.oom);
		for (size_t i = 0; rc == 0 && i < r.nbase; i++) {
			FUZZ_CHECK(strlen(r.base[i].fingerprint) == 16);
			FUZZ_CHECK(r.base[i].file != NULL);
		}
		report_release(&r);
	} else {
		tlc_config c;
		tlc_config_init(&c);
		uint32_t file = fuzz_source(&ctx, ".timelinec.yaml", in.p, in.n);
		int rc = tlc_config_read(&ctx, &c, file);
		FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
		FUZZ_CHECK(rc == 0 || ctx.diags.n > 0 || rc == TLC_ENOMEM);
		FUZZ_CHECK(c.noverrides <= TLC_MAX_OVERRIDES);
	}
	fuzz_check_diags(&ctx);
	tlc_ctx_release(&ctx);
	return 0;
}
