/*
 * Reading programs and timelines from several threads at once: the headers promise no global
 * state, so helgrind (make check-threads) must find no race. Each thread reads a valid program,
 * a valid timeline and damaged copies of both (a failed parse once wrote cJSON's global error
 * record from every thread), writes them back and instantiates the program.
 *   usage: threads PROGRAM.json TIMELINE.json
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timelinec/program.h"
#include "timelinec/timeline.h"

#define THREADS 4
#define ROUNDS 20

static char *program_json, *timeline_json;
static size_t program_len, timeline_len;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	long n;
	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(b = malloc((size_t)n + 1)) || fread(b, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "threads: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	b[n] = 0;
	*len = (size_t)n;
	return b;
}

static void *work(void *arg)
{
	long failures = 0;
	(void)arg;
	for (int r = 0; r < ROUNDS; r++) {
		tlc_program *p = NULL;
		tlc_timeline *tl = NULL;
		tlc_err e;
		tlc_buf b = TLC_BUF_INIT;
		if (tlc_program_read_json(&p, program_json, program_len, &e) != 0)
			failures++;
		if (tlc_timeline_read_json(&tl, timeline_json, timeline_len, &e) != 0)
			failures++;
		/* damaged: cut in the middle, so the JSON parser itself fails */
		tlc_program *bad = NULL;
		tlc_timeline *badtl = NULL;
		if (tlc_program_read_json(&bad, program_json, program_len / 2, &e) != TLC_EINPUT ||
		    tlc_timeline_read_json(&badtl, timeline_json, timeline_len / 3, &e) != TLC_EINPUT)
			failures++;
		if (p) {
			tlc_program_write_json(&b, p);
			tlc_timeline *inst = NULL;
			tlc_inst_err ie;
			tlc_instantiate_opts o = {.now = tl ? tl->now : 0, .data_time = TLC_TIME_NONE};
			(void)tlc_instantiate(&inst, p, &o, &ie);
			tlc_timeline_free(inst);
		}
		if (tl)
			tlc_timeline_write_json(&b, tl, NULL, 0, NULL, NULL);
		tlc_buf_release(&b);
		tlc_timeline_free(tl);
		tlc_program_free(p);
	}
	return (void *)failures;
}

int main(int argc, char **argv)
{
	pthread_t t[THREADS];
	long failures = 0;
	if (argc != 3) {
		fputs("usage: threads PROGRAM.json TIMELINE.json\n", stderr);
		return 2;
	}
	program_json = slurp(argv[1], &program_len);
	timeline_json = slurp(argv[2], &timeline_len);
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, work, NULL) != 0)
			return 2;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		failures += (long)r;
	}
	free(program_json);
	free(timeline_json);
	if (failures) {
		fprintf(stderr, "threads: %ld reads gave the wrong answer\n", failures);
		return 1;
	}
	printf("threads: %d threads read, wrote and instantiated %d times each\n", THREADS, ROUNDS);
	return 0;
}
