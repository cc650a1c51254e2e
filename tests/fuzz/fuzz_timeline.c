/*
 * fuzz_timeline.c — the timeline reader (tlc_timeline_read_json, which embeds its program),
 * then what a widget extension does with what it accepts: look up, slice and write.
 *
 * Option byte: bit 0 the JSON round trip (write, read back, write the same text), bits 1-7 an
 * instant to slice and look up at. Then the rest is the timeline JSON.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in);
	tlc_timeline *tl = NULL, *sl = NULL;
	tlc_err err;
	memset(&err, 0, sizeof err);
	int rc = tlc_timeline_read_json(&tl, (const char *)in.p, in.n, &err);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM || rc == TLC_ERANGE);
	if (rc < 0) {
		FUZZ_CHECK(err.offset <= in.n);
		FUZZ_CHECK(memchr(err.msg, 0, sizeof err.msg) != NULL);
		return 0;
	}
	FUZZ_CHECK(tl != NULL && tl->program != NULL);
	fuzz_check_timeline(tl, false);
	tlc_time first = tl->entries[0].date, last = tl->entries[tl->nentries - 1].date;
	tlc_time t = (tlc_time)((uint64_t)first + ((uint64_t)last - (uint64_t)first) / 128 * (opt >> 1));
	ptrdiff_t at = tlc_timeline_lookup(tl, t);
	FUZZ_CHECK(at >= 0 && (size_t)at < tl->nentries && tl->entries[at].date <= t);
	if (tlc_timeline_slice(&sl, tl, t) == 0) {
		FUZZ_CHECK(sl->entries[0].date == t);
		FUZZ_CHECK(sl->nentries == tl->nentries - (size_t)at);
		fuzz_check_timeline(sl, false);
		tlc_timeline_free(sl);
	}
	if (opt & 1)
		fuzz_timeline_roundtrip(tl);
	tlc_timeline_free(tl);
	return 0;
}
