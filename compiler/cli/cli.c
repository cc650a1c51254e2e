/*
 * cli.c — option helpers shared by the subcommands. Usage errors print one line to stderr and
 * map to exit code 2; nothing here exits.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <ctype.h>
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

/* --docs-url: an absolute URI (SARIF's helpUri and informationUri must be) of a folder, to
 * which diagnostics/TL107.md is appended: no query, no fragment, nothing a URI cannot hold. */
static int parse_docs_url(cli_opts *o, const char *v)
{
	size_t i = 0, n = strlen(v);
	while (i < n && (isalnum((unsigned char)v[i]) || strchr("+-.", v[i])))
		i++;
	bool scheme = n && isalpha((unsigned char)v[0]) && i < n && v[i] == ':' && i + 1 < n;
	bool chars = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			       "-._~:/@!$&'()*+,;=%") == n;
	if (!scheme || !chars)
		return cli_usage_error("--docs-url takes an absolute URL of timelinec's docs/ folder "
				       "(https://..., no query or fragment), not '%s'", v);
	o->docs_url = v;
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
		else if (strcmp(v, "github") == 0)
			o->format = FORMAT_GITHUB;
		else
			return -cli_usage_error("--format takes human, json, sarif or github, not '%s'", v);
		return 1;
	}
	if (cli_is_opt(a, "--docs-url")) {
		if (!(v = cli_opt_value(argc, argv, i, "--docs-url")))
			return -cli_usage_error("--docs-url needs the URL of timelinec's docs/ folder");
		return parse_docs_url(o, v) ? -EXIT_BAD_INPUT : 1;
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

/* SIGINT, SIGTERM and SIGHUP while a temporary file exists remove it; a signal the caller
 * ignores (nohup, a background job) stays ignored. */
static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};

/*
 * A regular file is replaced whole (a temporary file beside it, written as the output comes,
 * then renamed over it), keeping its permissions; a character device or a FIFO (/dev/null, a
 * pipe) is written into, never replaced; a link is followed to its file; anything else, or a
 * file this run reads, is refused. "-" is standard output.
 */
int cli_out_open(cli_out *o, const char *path)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	o->fd = -1;
	if (strcmp(path, "-") == 0) {
		o->to_stdout = true;
		return 0;
	}
	struct stat st;
	const char *target = path;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!(o->real = realpath(path, NULL)))
			return o->failed = write_fail(path, "a link whose file does not exist");
		target = o->real;
	}
	bool exists = stat(target, &st) == 0;
	if (exists && is_input(&st))
		o->failed = write_fail(path, "it is an input of this run; writing it would replace it");
	else if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		if ((o->fd = open(target, O_WRONLY | O_NOCTTY)) < 0)
			o->failed = write_fail(path, strerror(errno));
	} else if (exists && !S_ISREG(st.st_mode)) {
		o->failed = write_fail(path, S_ISDIR(st.st_mode) ? "it is a directory"
								  : "it is not a regular file, and is not replaced");
	} else {
		mode_t mask = umask(0);
		umask(mask);
		o->mode = exists ? st.st_mode & 07777 : 0666 & ~mask;
		size_t n = strlen(target);
		if (!(o->target = strdup(target)) || !(o->tmp = malloc(n + 16)))
			return o->failed = write_fail(path, "out of memory");
		snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", target);
		/* signals are blocked while the file comes into being, so none falls between */
		struct sigaction sa;
		sigset_t block;
		sigemptyset(&block);
		for (int i = 0; i < 3; i++)
			sigaddset(&block, sigs[i]);
		sigprocmask(SIG_BLOCK, &block, &o->was);
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = remove_pending;
		sigemptyset(&sa.sa_mask);
		for (int i = 0; i < 3; i++)
			if (sigaction(sigs[i], NULL, &o->old[i]) == 0 && o->old[i].sa_handler != SIG_IGN)
				o->installed[i] = sigaction(sigs[i], &sa, NULL) == 0;
		o->fd = mkstemp(o->tmp);
		if (o->fd >= 0)
			pending_tmp = o->tmp;
		o->signals = true;
		sigprocmask(SIG_SETMASK, &o->was, NULL);
		if (o->fd < 0)
			o->failed = write_fail(path, strerror(errno));
	}
	return o->failed ? -1 : 0;
}

int cli_out_write(void *out, const char *data, size_t len)
{
	cli_out *o = out;
	if (o->failed)
		return -1;
	if (o->to_stdout) {
		if (fwrite(data, 1, len, stdout) != len)
			return o->failed = write_fail("standard output", strerror(errno));
	} else if (write_all(o->fd, data, len) < 0) {
		return o->failed = write_fail(o->path, strerror(errno));
	}
	o->written += len;
	return 0;
}

int cli_out_close(cli_out *o, bool keep)
{
	int err = 0;
	if (o->to_stdout) {
		if (keep && !o->failed && fflush(stdout) != 0)
			o->failed = write_fail("standard output", strerror(errno));
	} else if (!o->tmp) { /* a device or a FIFO: written in place */
		if (o->fd >= 0 && close(o->fd) < 0 && !o->failed)
			o->failed = write_fail(o->path, strerror(errno));
	} else {
		sigset_t block;
		sigemptyset(&block);
		for (int i = 0; i < 3; i++)
			sigaddset(&block, sigs[i]);
		if (o->fd >= 0) {
			err = keep && !o->failed && fsync(o->fd) < 0 ? errno : 0;
			if (close(o->fd) < 0 && !err)
				err = errno;
			sigprocmask(SIG_BLOCK, &block, NULL);
			if (keep && !o->failed && !err &&
			    (chmod(o->tmp, o->mode) < 0 || rename(o->tmp, o->target) < 0))
				err = errno;
			if (!keep || o->failed || err)
				unlink(o->tmp);
			pending_tmp = NULL;
			if (keep && err && !o->failed)
				o->failed = write_fail(o->path, strerror(err));
		}
		if (o->signals) {
			sigprocmask(SIG_BLOCK, &block, NULL);
			for (int i = 0; i < 3; i++)
				if (o->installed[i])
					sigaction(sigs[i], &o->old[i], NULL);
			sigprocmask(SIG_SETMASK, &o->was, NULL);
		}
	}
	free(o->tmp);
	free((char *)o->target);
	free(o->real);
	o->tmp = o->real = NULL;
	o->target = NULL;
	return o->failed || !keep ? -1 : 0;
}

int cli_write_atomic(const char *path, const char *data, size_t len)
{
	cli_out o;
	int rc = cli_out_open(&o, path);
	if (rc == 0)
		rc = cli_out_write(&o, data, len);
	return cli_out_close(&o, rc == 0) < 0 || rc < 0 ? -1 : 0;
}
