/*
 * fuzz_json.c — the strict JSON front end (compiler/front/parse_json.c), which checks the encoding
 * itself.
 *
 * Option byte: bit 0 — through tlc_parse_any under the name bits 1-2 pick ("-" and a name
 * without extension choose the reader by the first byte), else tlc_parse_json directly. Then
 * node.h's invariants on the tree, value offsets mapped back through the string escapes, and
 * the rendering of every diagnostic.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[4] = {"spec.json", "-", "spec", "x.JSON"};
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in);
	tlc_ctx ctx;
	tlc_node *root = NULL;
	int rc;
	if (in.n > TLC_MAX_FILE_SIZE)
		return 0;
	tlc_ctx_init(&ctx);
	uint32_t file = fuzz_source(&ctx, names[(opt >> 1) & 3], in.p, in.n);
	rc = opt & 1 ? tlc_parse_any(&ctx, file, &root) : tlc_parse_json(&ctx, file, &root);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
	FUZZ_CHECK(rc == 0 || ctx.diags.n > 0 || rc == TLC_ENOMEM);
	if (rc == 0)
		fuzz_check_tree(&ctx, root, 20000);
	fuzz_check_diags(&ctx);
	tlc_ctx_release(&ctx);
	return 0;
}
