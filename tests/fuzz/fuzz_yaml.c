/*
 * fuzz_yaml.c — the YAML front end (compiler/front/parse_yaml.c, libyaml's event parser -> tlc_node).
 *
 * Option byte: bit 0 — through tlc_parse_any (the encoding check and the reader choice) under
 * the name bits 1-2 pick, else tlc_parse_yaml directly (inputs that break its precondition,
 * valid UTF-8 without NUL, are skipped). Then node.h's invariants on the tree, the map from
 * value offsets back to the source, and the rendering of every diagnostic.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[4] = {"spec.yaml", "spec.yml", "-", "spec"};
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in);
	tlc_ctx ctx;
	tlc_node *root = NULL;
	int rc;
	if (in.n > TLC_MAX_FILE_SIZE)
		return 0;
	if (!(opt & 1) && (memchr(in.p, 0, in.n) || tlc_utf8_check((const char *)in.p, in.n) != (size_t)-1))
		return 0;
	tlc_ctx_init(&ctx);
	uint32_t file = fuzz_source(&ctx, names[(opt >> 1) & 3], in.p, in.n);
	rc = opt & 1 ? tlc_parse_any(&ctx, file, &root) : tlc_parse_yaml(&ctx, file, &root);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
	FUZZ_CHECK(rc == 0 || ctx.diags.n > 0 || rc == TLC_ENOMEM);
	if (rc == 0)
		fuzz_check_tree(&ctx, root, 20000);
	fuzz_check_diags(&ctx);
	tlc_ctx_release(&ctx);
	return 0;
}
