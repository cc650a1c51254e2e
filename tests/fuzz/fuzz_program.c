/*
 * fuzz_program.c — the program reader (tlc_program_read_json: what an app loads from its bundle
 * or a server) and the instantiation of what it accepts.
 *
 * Option bytes: 0 now (and, bits 3-7, seconds added to it); 1 the display zone (bit 4: the
 * event zone); 2 parameter values (bit 7: leave some out); 3 bit 0: the timeline JSON round
 * trip, bit 1: the input is a Live Activity program (tlc_la_program_read_json, then
 * tlc_schedule_make; see activity_program()). Then the rest is the program JSON. A program that reads must write, read back and
 * write the same text; its timeline must keep timeline.h's invariants (ascending, minimal
 * entries, lookup, evaluation, slicing).
 */
#include "fuzz.h"
#include "core/json.h"
#include "timelinec/activity.h"

/* The schedule's invariants (timelinec/activity.h): the start first, then states in time order,
 * within the limit; every push body and the schedule are JSON the core reads back. */
static void check_schedule(const tlc_schedule *s)
{
	FUZZ_CHECK(s->nstates <= TLC_LA_MAX_EVENTS);
	FUZZ_CHECK(s->nstates == 0 || s->states[0].kind == TLC_LA_START);
	FUZZ_CHECK(s->nstates == 0 || s->start == s->states[0].at);
	FUZZ_CHECK(s->system_end == s->start + TLC_LA_ACTIVE_MAX);
	FUZZ_CHECK(s->gone >= s->start);
	FUZZ_CHECK(s->end == TLC_TIME_NONE || (s->end >= s->start && s->end <= s->system_end));
	for (size_t i = 0; i < s->nstates; i++) {
		const tlc_la_state *st = &s->states[i];
		FUZZ_CHECK(i < 2 || st->at >= s->states[i - 1].at);
		FUZZ_CHECK(st->src < s->program->nevents);
		FUZZ_CHECK((st->payload == NULL) == (st->via == TLC_VIA_APP || st->via == TLC_VIA_INTENT));
		if (st->payload) {
			tlc_json *j = NULL;
			FUZZ_CHECK(strlen(st->payload) == st->payload_len);
			int rc = tlc_json_parse(&j, st->payload, st->payload_len, NULL);
			FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
			tlc_json_free(j);
		}
	}
	tlc_buf b = TLC_BUF_INIT;
	tlc_schedule_write_json(&b, s);
	if (!tlc_buf_oom(&b)) {
		tlc_json *j = NULL;
		int rc = tlc_json_parse(&j, b.ptr, b.len, NULL);
		FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
		tlc_json_free(j);
	}
	tlc_buf_release(&b);
}

/* A Live Activity program (flags bit 1): read; what reads writes, reads back and writes the same,
 * and instantiates (or says why not) into a schedule that keeps its invariants. */
static int activity_program(fuzz_in in, unsigned b_now, unsigned b_par)
{
	tlc_la_program *p = NULL, *back = NULL;
	tlc_err err;
	memset(&err, 0, sizeof err);
	int rc = tlc_la_program_read_json(&p, (const char *)in.p, in.n, &err);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
	if (rc < 0) {
		FUZZ_CHECK(p == NULL);
		FUZZ_CHECK(err.offset <= in.n);
		FUZZ_CHECK(memchr(err.msg, 0, sizeof err.msg) != NULL);
		return 0;
	}
	tlc_buf a = TLC_BUF_INIT, b = TLC_BUF_INIT;
	tlc_la_program_write_json(&a, p);
	if (!tlc_buf_oom(&a)) {
		rc = tlc_la_program_read_json(&back, a.ptr, a.len, &err);
		if (rc < 0)
			fprintf(stderr, "fuzz: re-reading a written activity program: %s\n%s\n", err.msg, a.ptr);
		FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM);
		if (rc == 0) {
			tlc_la_program_write_json(&b, back);
			FUZZ_CHECK(tlc_buf_oom(&b) || (a.len == b.len && !memcmp(a.ptr, b.ptr, a.len)));
		}
		tlc_la_program_free(back);
	}
	tlc_buf_release(&a);
	tlc_buf_release(&b);
	/* parameter values as a server gives them: instants around now, texts, numbers */
	static const char *const numbers[8] = {"4.9", "0", "-2.5e-3", "1e308", "1e309", "abc", "", "7"};
	tlc_param_value vals[TLC_MAX_PARAMS];
	tlc_time now = fuzz_now_from(b_now);
	size_t n = 0;
	unsigned k;
	for (size_t i = 0; i < p->nparams && n < TLC_MAX_PARAMS; i++)
		if (fuzz_param_given(b_par, i, &k)) {
			fuzz_param_value(&vals[n], p->params[i].name, now, k);
			if (p->params[i].type == TLC_PPARAM_NUMBER)
				vals[n].text = numbers[k];
			if (p->params[i].type == TLC_PPARAM_INTEGER && k == 5)
				vals[n].number = INT64_MAX;
			n++;
		}
	tlc_instantiate_opts o = {.now = now, .params = vals, .nparams = n};
	tlc_schedule *s = NULL;
	tlc_inst_err ie;
	rc = tlc_schedule_make(&s, p, &o, &ie);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ERANGE || rc == TLC_ENOMEM);
	FUZZ_CHECK((rc == 0) == (s != NULL));
	if (rc == TLC_EINPUT || rc == TLC_ERANGE) {
		FUZZ_CHECK(ie.msg[0] && memchr(ie.msg, 0, sizeof ie.msg) != NULL);
		FUZZ_CHECK(ie.countdown >= -1 && ie.countdown < (int)p->nevents);
		FUZZ_CHECK(ie.phase >= -2 && ie.phase < (int)p->nfields);
	}
	if (s)
		check_schedule(s);
	tlc_schedule_free(s);
	tlc_la_program_free(p);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned b_now = fuzz_byte(&in), b_zone = fuzz_byte(&in), b_par = fuzz_byte(&in);
	unsigned flags = fuzz_byte(&in);
	if (flags & 2)
		return activity_program(in, b_now, b_par);
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
