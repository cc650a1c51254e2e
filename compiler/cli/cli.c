/*
 * cli.c — option helpers shared by the subcommands. Usage errors print one line to stderr and
 * map to exit code 2; nothing here exits.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "base/diag.h"

static int parse_color(cli_opts *o, const char *v)
{
	if (strcmp(v, "auto") == 0)
		o->color = -1; /* decided against the stream that gets the output */
	else if (strcmp(v, "always") == 0)
		o->color = 1;
	else if (strcmp(v, "never") == 0)
		o->color = 0;
	else
		return cli_usage_error("--color takes auto, always or never, not '%s'", v);
	return 0;
}

/* Option values: "--opt=value" or "--opt value". Returns the value or NULL (usage error). */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], name) == 0 && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

bool cli_is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(arg, name, n) == 0 && (arg[n] == 0 || arg[n] == '=');
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	tlc_buf raw = TLC_BUF_INIT, b = TLC_BUF_INIT;
	va_start(ap, fmt);
	tlc_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	tlc_diag_escape(&b, raw.ptr ? raw.ptr : "", raw.len); /* arguments echo what the user gave */
	fprintf(stderr, "timelinec: error: %s\nTry 'timelinec --help'.\n", tlc_buf_oom(&b) ? "out of memory" : b.ptr);
	tlc_buf_release(&raw);
	tlc_buf_release(&b);
	return EXIT_BAD_INPUT;
}

/* Common options; returns 1 if argv[*i] was one, 0 if not, or EXIT_BAD_INPUT negated. */
int cli_common_opt(cli_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;
	if (cli_is_opt(a, "--color")) {
		if (!(v = cli_opt_value(argc, argv, i, "--color")))
			return -cli_usage_error("--color needs a value");
		return parse_color(o, v) ? -EXIT_BAD_INPUT : 1;
	}
	if (cli_is_opt(a, "--format")) {
		if (!(v = cli_opt_value(argc, argv, i, "--format")))
			return -cli_usage_error("--format needs a value");
		if (strcmp(v, "human") == 0)
			o->format = FORMAT_HUMAN;
		else if (strcmp(v, "json") == 0)
			o->format = FORMAT_JSON;
		else if (strcmp(v, "sarif") == 0)
			o->format = FORMAT_SARIF;
		else
			return -cli_usage_error("--format takes human, json or sarif, not '%s'", v);
		return 1;
	}
	if (cli_is_opt(a, "--tzdata")) {
		if (!(o->tzdata = cli_opt_value(argc, argv, i, "--tzdata")))
			return -cli_usage_error("--tzdata needs a directory");
		return 1;
	}
	if (strcmp(a, "--werror") == 0) {
		o->werror = o->werror_set = true;
		return 1;
	}
	if (strcmp(a, "--no-config") == 0) {
		o->no_config = true;
		return 1;
	}
	return 0;
}


/* ---- inputs and outputs ----------------------------------------------------------------------- */

/* The files this run reads (device and inode): an output that is one of them is refused. */
#define MAX_INPUTS 4096
static struct { dev_t dev; ino_t ino; } inputs[MAX_INPUTS];
static size_t ninputs;

void cli_input(const char *path)
{
	struct stat st;
	/* "-": standard input, when it is a file (`compile - -o s.yaml < s.yaml`) */
	int got = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st);
	if (ninputs < MAX_INPUTS && got == 0 && S_ISREG(st.st_mode)) {
		inputs[ninputs].dev = st.st_dev;
		inputs[ninputs++].ino = st.st_ino;
	}
}

bool cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool is_input(const struct stat *st)
{
	for (size_t i = 0; i < ninputs; i++)
		if (inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino)
			return true;
	return false;
}

/* The temporary file being written, removed if SIGINT, SIGTERM or SIGHUP ends the run. */
static char *volatile pending_tmp;

static void remove_pending(int sig)
{
	char *t = pending_tmp;
	if (t)
		unlink(t); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t k = write(fd, data, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		data += k;
		len -= (size_t)k;
	}
	return 0;
}

static int write_fail(const char *path, const char *why)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_diag_escape(&b, path, strlen(path));
	fprintf(stderr, "timelinec: error: cannot write '%s': %s\n", tlc_buf_oom(&b) ? "?" : b.ptr, why);
	tlc_buf_release(&b);
	return -1;
}

/*
 * A regular file is replaced whole (a temporary file beside it, then rename), keeping its
 * permissions; a character device or a FIFO (/dev/null, a pipe) is written into, never replaced;
 * a link is followed to its file; anything else, or a file this run reads, is refused.
 */
int cli_write_atomic(const char *path, const char *data, size_t len)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return write_fail("standard output", strerror(errno));
		return 0;
	}
	struct stat st;
	char *real = NULL;
	const char *target = path;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!(real = realpath(path, NULL)))
			return write_fail(path, "a link whose file does not exist");
		target = real;
	}
	bool exists = stat(target, &st) == 0;
	int rc = 0;
	if (exists && is_input(&st)) {
		rc = write_fail(path, "it is an input of this run; writing it would replace it");
	} else if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		int fd = open(target, O_WRONLY | O_NOCTTY);
		if (fd < 0 || write_all(fd, data, len) < 0)
			rc = write_fail(path, strerror(errno));
		if (fd >= 0 && close(fd) < 0 && rc == 0)
			rc = write_fail(path, strerror(errno));
	} else if (exists && !S_ISREG(st.st_mode)) {
		rc = write_fail(path, S_ISDIR(st.st_mode) ? "it is a directory"
							  : "it is not a regular file, and is not replaced");
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode_t mode = exists ? st.st_mode & 07777 : 0666 & ~mask;
		size_t n = strlen(target);
		char *tmp = malloc(n + 16);
		if (!tmp) {
			free(real);
			return write_fail(path, "out of memory");
		}
		snprintf(tmp, n + 16, "%s.tmpXXXXXX", target);
		/* SIGINT, SIGTERM, SIGHUP while the temporary file exists remove it; a signal the
		 * caller ignores (nohup, a background job) stays ignored. They are blocked while the
		 * file comes into being and while it is renamed, so none falls between. */
		static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
		struct sigaction sa, old[3];
		bool installed[3] = {false, false, false};
		sigset_t block, was;
		sigemptyset(&block);
		for (int i = 0; i < 3; i++)
			sigaddset(&block, sigs[i]);
		sigprocmask(SIG_BLOCK, &block, &was);
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = remove_pending;
		sigemptyset(&sa.sa_mask);
		for (int i = 0; i < 3; i++)
			if (sigaction(sigs[i], NULL, &old[i]) == 0 && old[i].sa_handler != SIG_IGN)
				installed[i] = sigaction(sigs[i], &sa, NULL) == 0;
		int fd = mkstemp(tmp);
		if (fd >= 0)
			pending_tmp = tmp;
		sigprocmask(SIG_SETMASK, &was, NULL);
		if (fd < 0) {
			rc = write_fail(path, strerror(errno));
		} else {
			int err = write_all(fd, data, len) < 0 || fsync(fd) < 0 ? errno : 0;
			if (close(fd) < 0 && !err)
				err = errno;
			sigprocmask(SIG_BLOCK, &block, NULL);
			if (!err && (chmod(tmp, mode) < 0 || rename(tmp, target) < 0))
				err = errno;
			if (err)
				unlink(tmp);
			pending_tmp = NULL;
			if (err)
				rc = write_fail(path, strerror(err));
		}
		sigprocmask(SIG_BLOCK, &block, NULL);
		for (int i = 0; i < 3; i++)
			if (installed[i])
				sigaction(sigs[i], &old[i], NULL);
		sigprocmask(SIG_SETMASK, &was, NULL);
		free(tmp);
	}
	free(real);
	return rc;
}
