/*
 * standalone.c — replays files through a fuzz harness without libFuzzer, so the corpora run
 * under gcc in `make check` (and under ASan/UBSan in `make check-asan`): every crash found by
 * fuzzing stays a test. Linked once per harness (tests/fuzz/fuzz.mk).
 *
 *   fuzz_<entry> [-v] PATH...     PATH: a file, or a directory whose regular files are replayed
 *                                 in name order (dot files skipped)
 *
 * Exit status 0 when every input ran, 1 when a file could not be read. A crash or a broken
 * invariant aborts; the name of the input being replayed is printed first (a signal handler,
 * or the sanitizer's death callback).
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__has_feature)
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_HAVE_SANITIZER 1
#elif __has_feature(address_sanitizer)
#define FUZZ_HAVE_SANITIZER 1
#endif
#endif
#ifdef FUZZ_HAVE_SANITIZER
#include <sanitizer/common_interface_defs.h>
#endif

#define MAX_INPUT (8u << 20)

static char current[4096];

static void say_current(void)
{
	static const char pre[] = "\nfuzz replay: failed on input ";
	size_t n = strlen(current);
	if (!n)
		return;
	if (write(2, pre, sizeof pre - 1) < 0 || write(2, current, n) < 0 || write(2, "\n", 1) < 0)
		return;
}

static void on_signal(int sig)
{
	say_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
#ifdef FUZZ_HAVE_SANITIZER
	__sanitizer_set_death_callback(say_current);
#endif
	/* abort() from FUZZ_CHECK and UBSan raise SIGABRT; a sanitizer keeps its own SEGV handler */
	signal(SIGABRT, on_signal);
#ifndef FUZZ_HAVE_SANITIZER
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	signal(SIGILL, on_signal);
#endif
}

static int read_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	if (!f || !buf) {
		if (f)
			fclose(f);
		free(buf);
		return -1;
	}
	for (;;) {
		if (n == cap) {
			uint8_t *b = cap >= MAX_INPUT ? NULL : realloc(buf, cap * 2);
			if (!b)
				break;
			buf = b;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f) || n == cap;
	fclose(f);
	if (bad) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

static int run_file(const char *path, int verbose)
{
	uint8_t *data;
	size_t len;
	if (read_file(path, &data, &len) < 0) {
		fprintf(stderr, "fuzz replay: cannot read '%s'\n", path);
		return -1;
	}
	snprintf(current, sizeof current, "%s", path);
	if (verbose)
		fprintf(stderr, "fuzz replay: %s (%zu bytes)\n", path, len);
	/* an exact-size copy, so reading past the end is caught as it is under libFuzzer */
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	if (len)
		memcpy(copy, data, len);
	free(data);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	current[0] = 0;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir, sorted; *n_out gets their number. Caller frees. */
static char **list_dir(const char *dir, size_t *n_out)
{
	DIR *d = opendir(dir);
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *p = malloc(len);
		struct stat st;
		if (!p)
			abort();
		snprintf(p, len, "%s/%s", dir, e->d_name);
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **nv = realloc(v, cap * sizeof *v);
			if (!nv)
				abort();
			v = nv;
		}
		v[n++] = p;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof *v, cmp_names);
	*n_out = n;
	return v;
}

int main(int argc, char **argv)
{
	int verbose = 0, failed = 0;
	size_t count = 0;
	install_handlers();
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
		} else if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t n = 0;
			char **files = list_dir(argv[i], &n);
			for (size_t k = 0; k < n; k++) {
				if (run_file(files[k], verbose) < 0)
					failed = 1;
				else
					count++;
				free(files[k]);
			}
			free(files);
		} else if (run_file(argv[i], verbose) < 0) {
			failed = 1;
		} else {
			count++;
		}
	}
	fprintf(stderr, "fuzz replay: %s: %zu inputs%s\n", argc > 0 ? argv[0] : "?", count,
		failed ? ", some unreadable" : "");
	return failed;
}
