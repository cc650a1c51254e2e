/*
 * cli.h — the subcommands behind main.c. Each returns an exit code (enum exit_code) and
 * prints only through the helpers here or its own output stream.
 */
#ifndef TLC_CLI_H
#define TLC_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include "report/gating.h"
#include "report/report.h"
#include "verify/verify.h"
#include "timelinec/timeline.h"

bool cli_is_opt(const char *arg, const char *name);
const char *cli_opt_value(int argc, char **argv, int *i, const char *name);
/* Prints "timelinec: error: ..." and a hint; returns EXIT_BAD_INPUT. */
int cli_usage_error(const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* 1: argv[*i] was a common option (consumed); 0: not one; negative: -exit code. */
int cli_common_opt(cli_opts *o, int argc, char **argv, int *i);

/* The run's shared environment: the zone provider and the render context. */
typedef struct cli_env {
	tlc_zones *zones;
	tlc_render_ctx *render;
} cli_env;

/* Returns 0 or an exit code after printing why. */
int cli_env_open(cli_env *env, const cli_opts *o);
void cli_env_close(cli_env *env);
/* The usage error for an unknown --display-zone, with the zone it may have meant. */
int cli_unknown_display_zone(const cli_env *env, const char *name);
/* A fresh compilation context borrowing env's zones and render context. */
void cli_ctx_init(tlc_ctx *ctx, const cli_env *env);

/* check's options for one spec (cmd_check.c parses them; cli_check_spec runs them). */
typedef struct check_opts {
	tlc_verify_opts vo;
	char cfg_dir[1024];   /* the folder whose config lookup is cached */
	char cfg_path[1024];  /* ... and what it found ("" for none) */
	bool budget_given;
	tlc_override overrides[TLC_MAX_OVERRIDES];
	size_t noverrides;
} check_opts;

/* check's pipeline for one spec (common.c): replay, suppressions, severity overrides. */
int cli_run_check(tlc_ctx *ctx, check_opts *c, const char *path, struct tlc_spec *spec,
		  cli_opts *o, bool first);
/* now from --now (opt), SOURCE_DATE_EPOCH or the clock; 0 or an exit code after a message. */
int cli_resolve_now(const char *opt, tlc_time *now, tlc_now_source *src);
/* --param NAME=VALUE read by the type p declares for NAME (an instant: RFC 3339, @EPOCH or a
 * local time in zone ez); a usage error (exit 2) for an undeclared name or a bad value. */
int cli_param_value(const tlc_program *p, const tlc_zone *ez, const char *kv, tlc_param_value *v);
/* Every --param of kvs[0..n) into vals[0..n) by cli_param_value(); a name given twice is a usage
 * error (the last would be written, the first instantiated). */
int cli_param_values(const tlc_program *p, const tlc_zone *ez, const char *const *kvs, size_t n,
		     tlc_param_value *vals);
struct tlc_spec;
/* Each instant, duration or events parameter of a widget spec that a time uses and kvs (the
 * --param NAME=VALUE list) leaves without a value: a TL018 error in ctx at its first use, with a
 * --param to give (an instant inside its check-params range from `now`). True when any is
 * missing; false too when kvs names an undeclared parameter (that usage error comes first). */
bool cli_missing_params(tlc_ctx *ctx, const struct tlc_spec *spec, const char *const *kvs,
			size_t nkv, tlc_time now);
/* The same against a spec's declared parameters (a Live Activity builds from its spec). */
int cli_spec_param_values(const struct tlc_spec *s, const tlc_zone *ez, const char *const *kvs,
			  size_t n, tlc_param_value *vals);
/* Writes data to path ('-': stdout): a regular file through a temporary file and rename (removed
 * if a signal ends the run), a device or FIFO directly; refuses to replace anything else or a
 * file registered with cli_input(). -1 after a message. */
int cli_write_atomic(const char *path, const char *data, size_t len);
/* The same as the output comes (a page written as it is made): open, write any number of
 * times, then close, keeping the file (keep: the temporary file renamed over it) or not (it is
 * removed; an existing file stays as it was). Each returns 0, or -1 after saying why once. */
#include <signal.h>
#include <sys/types.h>
typedef struct cli_out {
	const char *path;     /* as given, for messages */
	bool to_stdout;
	int fd;
	char *real;           /* a link's file */
	const char *target;   /* the file replaced */
	char *tmp;            /* the temporary file, or NULL when written in place */
	mode_t mode;
	size_t written;
	int failed;
	bool signals, installed[3];
	struct sigaction old[3];
	sigset_t was;
} cli_out;
int cli_out_open(cli_out *o, const char *path);
int cli_out_write(void *o, const char *data, size_t len);
int cli_out_close(cli_out *o, bool keep);
/* Registers a file this run reads, so that no output replaces it. */
void cli_input(const char *path);
/* Whether two paths name one existing file (links and spellings aside). */
bool cli_same_file(const char *a, const char *b);

struct tlc_ctx;
/* check's verifier and gating for one loaded spec (compile --check); see cmd_check.c. */
int cli_check_spec(struct tlc_ctx *ctx, const char *path, struct tlc_spec *spec, cli_opts *o,
		   bool first);

int cmd_check(cli_opts *o, int argc, char **argv);
int cmd_render(cli_opts *o, int argc, char **argv);
int cmd_preview(cli_opts *o, int argc, char **argv);
int cmd_compile(cli_opts *o, int argc, char **argv);
int cmd_explain(cli_opts *o, int argc, char **argv);
#endif
