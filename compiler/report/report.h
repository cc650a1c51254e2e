/*
 * report.h — the run's options and the printing of diagnostics for one run over many specs:
 * human, JSON or SARIF, baselines, the exit code.
 */
#ifndef TLC_REPORT_H
#define TLC_REPORT_H
#include <stdio.h>
#include <stdbool.h>
#include "base/ctx.h"

/* Exit codes, output formats and the run's options, as the CLI parses them and the report
 * applies them. */
enum exit_code { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_BAD_INPUT = 2 };
enum cli_format { FORMAT_HUMAN = 0, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB };

typedef struct cli_opts {
	int color;            /* colour in human output */
	enum cli_format format;
	const char *tzdata;   /* NULL: the default lookup */
	bool werror;
	bool werror_set;      /* given on the command line (the config file does not override) */
	long max_warnings;    /* -1: no limit */
	const char *output_sarif, *output_json; /* extra reports written to files */
	const char *baseline, *write_baseline;
	bool baseline_strict;
	bool no_config;
	const char *docs_url; /* --docs-url: timelinec's docs/ folder online (SARIF links), or NULL */
} cli_opts;


/* One finding as reported, independent of the context it came from. */
typedef struct rdiag {
	const char *rule;
	tlc_severity sev;
	char *file;
	unsigned line, col, end_line, end_col;
	char *message, *fix;
	char *related_file, *related_note;
	unsigned related_line, related_col;
	bool has_timing;
	int64_t first, worst, tolerated;
	size_t count;
	char fingerprint[17];
	char base_fingerprint[17]; /* for --write-baseline: hashing the path from its folder */
	/* a suppressed finding: the reason, and where the suppression is (in the spec: a comment
	 * or a suppress: entry), or external (a baseline) */
	char *justification;
	bool external;
	char *supp_file;
	unsigned supp_line, supp_col, supp_end_line, supp_end_col;
} rdiag;

typedef struct baseline_entry {
	char fingerprint[17];
	char rule[8];
	char *file;           /* version 2: relative to the baseline's folder, normalised */
	int matched;
} baseline_entry;

/* Writes data to path whole, or not at all (the CLI's atomic writer): 0, or -1 after saying why. */
typedef int (*report_write_fn)(const char *path, const char *data, size_t len);

typedef struct report {
	const cli_opts *opts;
	FILE *out;                /* the report (human, JSON or SARIF) */
	FILE *err;                /* what is not the report: a baseline's stale entries beside JSON */
	report_write_fn write_file; /* --output-sarif, --output-json, --write-baseline */
	int color;
	size_t count[TLC_SEV_MAX];
	rdiag *v;
	size_t n, cap;
	rdiag *sv;                /* suppressed findings (reported as such, never counted) */
	size_t ns, scap;
	baseline_entry *base;
	size_t nbase, baselined;
	int base_version;         /* of the baseline read: 1 (paths as typed) or 2 */
	char *base_dir;           /* its folder, links resolved (version 2 files are relative to it) */
} report;

void report_init(report *r, const cli_opts *o, FILE *out, FILE *err, report_write_fn write_file);
/* Reads a baseline (--baseline); -1 after a message. */
/* Reads a baseline (strictly: its problems are diagnostics in ctx); 0, or -1 after them. */
int report_load_baseline(report *r, struct tlc_ctx *ctx, const char *path);
/* The same for a baseline already read into ctx's sources (the fuzz harness's way in). */
int report_read_baseline(report *r, struct tlc_ctx *ctx, uint32_t file);
/* Frees what a report holds (findings and a baseline). */
void report_release(report *r);
/* Takes the findings of one spec: human output is printed now, the rest is kept. */
void report_ctx(report *r, tlc_ctx *ctx);
/* Prints JSON/SARIF, writes the extra reports and the baseline, prints the summary, frees the
 * report; returns the exit code (2 when input_failed or a report could not be written). */
int report_finish(report *r, int input_failed);
/* Where the value at keys[0..n) (then item `index` of it when index >= 0) of JSON file `file`
 * is, read with the project's own reader for its spans; the file's start when it is not there. */
tlc_span cli_json_span(tlc_ctx *ctx, uint32_t file, const char *const *keys, size_t n, long index);
#endif
