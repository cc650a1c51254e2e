/*
 * fuzz_catalog.c — the String Catalog `compile --xcstrings` merges into (compiler/lower/xcstrings.c):
 * the reader of an existing .xcstrings, the merge, and the converter from ICU MessageFormat to
 * the catalog's printf form.
 *
 * Option byte: bit 0 picks the part.
 *  - 0: the input is a catalog. The reader refuses it with a diagnostic or accepts it; an
 *    accepted one merges with a fixed program's messages, and the merged catalog reads back
 *    (the writer's output is a catalog) and merging again gives the same bytes (a fixed point).
 *  - 1: the input is a message pattern (not necessarily valid MessageFormat, so the converter's
 *    defences are reached) with every unit and two parameters, text or (bit 1) the second an
 *    integer: it converts or says why not, and never reads outside the pattern.
 */
#include "fuzz.h"
#include "lower/xcstrings.h"

static const char *const params[] = {"courier", "gate"};

static tlc_prog_message msgs[] = {
	{(char *)"main.above-1d.default", (char *)"{days, plural, =0 {today} one {# day} other {# days}}",
	 TLC_UNIT_DAYS, NULL, 0, 3, 7},
	{(char *)"main.above-0s.default", (char *)"{courier} at {gate}: {minutes} min, 100%",
	 TLC_UNIT_MINUTES, (char **)params, 2, 5, 7},
	{(char *)"main.otherwise.small", (char *)"{courier, select, Ann {Ann} other {someone}}", 0,
	 (char **)params, 1, 7, 7},
};

static void merge(tlc_ctx *ctx, const tlc_node *old, tlc_buf *out)
{
	static char *locales[] = {(char *)"de_DE", (char *)"en_US"};
	tlc_program p;
	memset(&p, 0, sizeof p);
	p.widget = (char *)"Fuzz";
	p.locales = locales;
	p.nlocales = 2;
	p.messages = msgs;
	p.nmessages = sizeof msgs / sizeof *msgs;
	int rc = tlc_xc_build(ctx, &p, old, 0, tlc_span_make(1, 0, 0), out);
	FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM || rc == -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in);
	tlc_ctx ctx;
	if (in.n > TLC_MAX_CATALOG_BYTES)
		return 0;
	tlc_ctx_init(&ctx);
	if (opt & 1) {
		char *pat = fuzz_dup(in.p, in.n);
		tlc_prog_message m = {(char *)"k", pat, TLC_UNIT_ALL, (char **)params, 2, 1, 1};
		tlc_prog_param pp[2] = {{(char *)"courier", TLC_PPARAM_TEXT, NULL, 0},
					{(char *)"gate", TLC_PPARAM_INTEGER, NULL, 0}};
		tlc_program prog;
		memset(&prog, 0, sizeof prog);
		prog.params = pp;
		prog.nparams = 2;
		tlc_xc_message x;
		int rc = tlc_xc_convert(&ctx, opt & 2 ? &prog : NULL, &m, &x);
		FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
		FUZZ_CHECK(rc != 0 || x.ok || x.why);
		FUZZ_CHECK(rc != 0 || x.value);
		for (size_t i = 0; rc == 0 && x.ok && i < x.nsubs; i++) {
			FUZZ_CHECK(x.subs[i].name && x.subs[i].forms[5]);
			/* a plural's argument: a unit, or (bit 1) the integer parameter after them */
			FUZZ_CHECK(x.subs[i].arg >= 1 &&
				   x.subs[i].arg <= TLC_UNIT_COUNT + ((opt & 2) ? 2 : 0));
			FUZZ_CHECK(x.subs[i].arg <= TLC_UNIT_COUNT || x.subs[i].arg == TLC_UNIT_COUNT + 2);
		}
		free(pat);
	} else {
		uint32_t file = fuzz_source(&ctx, "old.xcstrings", in.p, in.n);
		const tlc_node *old = NULL;
		int rc = tlc_xc_read(&ctx, file, &old);
		FUZZ_CHECK(rc == 0 || rc == -1);
		FUZZ_CHECK(rc == 0 || ctx.diags.n > 0 || ctx.diags.oom);
		if (rc == 0) {
			tlc_buf once = TLC_BUF_INIT, twice = TLC_BUF_INIT;
			size_t before = ctx.diags.n;
			merge(&ctx, old, &once);
			/* a merge refused (a sourceLanguage that is no code) says why */
			if (!tlc_buf_oom(&once) && once.len) {
				uint32_t again = fuzz_source(&ctx, "merged.xcstrings",
							     (const uint8_t *)once.ptr, once.len);
				const tlc_node *merged = NULL;
				FUZZ_CHECK(tlc_xc_read(&ctx, again, &merged) == 0);
				merge(&ctx, merged, &twice);
				FUZZ_CHECK(twice.len == once.len && memcmp(twice.ptr, once.ptr, once.len) == 0);
			} else {
				FUZZ_CHECK(tlc_buf_oom(&once) || ctx.diags.n > before);
			}
			tlc_buf_release(&once);
			tlc_buf_release(&twice);
		}
	}
	fuzz_check_diags(&ctx);
	tlc_ctx_release(&ctx);
	return 0;
}
