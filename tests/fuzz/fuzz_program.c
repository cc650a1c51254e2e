/*
 * fuzz_program.c — the program reader (tlc_program_read_json: what an app loads from its bundle
 * or a server) and the instantiation of what it accepts.
 *
 * Option bytes: 0 now (and, bits 3-7, seconds added to it); 1 the display zone (bit 4: the
 * event zone); 2 parameter values (bit 7: leave some out); 3 bit 0: the timeline JSON round
 * trip. Then the rest is the program JSON. A program that reads must write, read back and
 * write the same text; its timeline must keep timeline.h's invariants (ascending, minimal
 * entries, lookup, evaluation, slicing).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned b_now = fuzz_byte(&in), b_zone = fuzz_byte(&in), b_par = fuzz_byte(&in);
	unsigned flags = fuzz_byte(&in);
	tlc_program *p = NULL;
	tlc_err err;
	memset(&err, 0, sizeof err);
	int rc = tlc_program_read_json(&p, (const char *)in.p, in.n, &err);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM || rc == TLC_ERANGE);
	if (rc < 0) {
		FUZZ_CHECK(err.offset <= in.n);
		FUZZ_CHECK(memchr(err.msg, 0, sizeof err.msg) != NULL);
		return 0;
	}
	FUZZ_CHECK(p != NULL);
	fuzz_program_roundtrip(p);
	fuzz_instantiate(p, b_now, b_zone, b_par, flags);
	tlc_program_free(p);
	return 0;
}
