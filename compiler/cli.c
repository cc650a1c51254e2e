/*
 * cli.c — option helpers shared by the subcommands. Usage errors print one line to stderr and
 * map to exit code 2; nothing here exits.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "diag.h"

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

