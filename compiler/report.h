/*
 * report.h — the CLI's shared environment (zone provider, render context) and the printing
 * of diagnostics for one run over many specs.
 */
#ifndef TLC_REPORT_H
#define TLC_REPORT_H
#include <stdio.h>
#include "cli.h"
#include "ctx.h"

typedef struct cli_env {
	tlc_zones *zones;
	tlc_render_ctx *render;
} cli_env;

/* Returns 0 or an exit code after printing why. */
int cli_env_open(cli_env *env, const cli_opts *o);
void cli_env_close(cli_env *env);
/* A fresh compilation context borrowing env's zones and render context. */
void cli_ctx_init(tlc_ctx *ctx, const cli_env *env);

typedef struct report {
	const cli_opts *opts;
	FILE *out;
	size_t count[TLC_SEV_MAX];
	size_t ndiags;
	tlc_buf json;
} report;

void report_init(report *r, const cli_opts *o, FILE *out);
void report_ctx(report *r, tlc_ctx *ctx);
/* Prints the summary; returns the exit code (2 when input_failed). */
int report_finish(report *r, int input_failed);
#endif
