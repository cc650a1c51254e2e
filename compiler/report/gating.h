/*
 * gating.h — what happens to findings before they are reported: suppressions written in the
 * spec (`# timelinec: ignore TL107 -- reason` comments, the `suppress:` key), severity
 * overrides (--severity, .timelinec.yaml), baselines, and the config file itself.
 */
#ifndef TLC_GATING_H
#define TLC_GATING_H
#include "base/ctx.h"
#include "spec/spec.h"

#define TLC_MAX_OVERRIDES 64
#define TLC_MAX_EXCLUDES 64      /* patterns in a config's exclude: list */
#define TLC_MAX_EXCLUDE_LEN 256  /* bytes in one pattern, with its NUL */

typedef struct tlc_override {
	char rule[8];
	tlc_severity sev;    /* TLC_SEV_NONE: off */
} tlc_override;

/* Settings from .timelinec.yaml (and the command line, which wins). */
typedef struct tlc_config {
	char path[1024];     /* the file read, or "" */
	char budget[128];    /* "" when not set */
	int werror;          /* -1 when not set */
	long max_warnings;   /* -1 when not set */
	tlc_override overrides[TLC_MAX_OVERRIDES];
	size_t noverrides;
	/* exclude: glob patterns (fnmatch) relative to the config file's folder, which `check DIR`
	 * leaves out of what it finds; checked when read: relative, no '..', not empty */
	char exclude[TLC_MAX_EXCLUDES][TLC_MAX_EXCLUDE_LEN];
	size_t nexclude;
} tlc_config;

void tlc_config_init(tlc_config *c);
/*
 * Finds .timelinec.yaml in the folder of `spec_path` or above and reads it into c (settings
 * already in c are kept: the command line wins). Problems are diagnostics in ctx (the config
 * file is a source like a spec). Returns 0 (also when there is no file) or TLC_EINPUT.
 */
int tlc_config_load(tlc_ctx *ctx, tlc_config *c, const char *spec_path);
/* The .timelinec.yaml that applies to spec_path (its folder or above), if any. */
bool tlc_config_find(char *out, size_t n, const char *spec_path);
/* Reads the config file at path into c (see tlc_config_load). */
int tlc_config_load_path(tlc_ctx *ctx, tlc_config *c, const char *path);
/* The same for a configuration already read into ctx's sources (the fuzz harness's way in). */
int tlc_config_read(tlc_ctx *ctx, tlc_config *c, uint32_t file);
/* Parses "TL107=off" into an override. */
int tlc_override_parse(tlc_override *o, const char *s);
/*
 * Why s is not an override, in words, into out: an unknown rule (a rule's name, or one close to
 * it, gets its id), a missing or unknown level (with the closest level).
 */
void tlc_override_explain(char *out, size_t cap, const char *s);

/* Applies overrides: changes severities (a suppressed finding's too); TLC_SEV_NONE drops the
 * finding, suppressed or not. */
void tlc_apply_overrides(tlc_diags *d, const tlc_override *o, size_t n);
/*
 * Applies the spec's suppressions (comments on or above the finding's line, the `suppress:`
 * key for the whole spec) to the diagnostics of file `file`: a suppressed finding gets severity
 * TLC_SEV_NONE (no longer counted), keeping its own in suppressed_sev with the reason and the
 * suppression's span, for the reports that show it as suppressed; a suppression that matched
 * nothing is a TL030 warning; one without a reason or with an unknown rule is a TL031 error.
 * `spec` may be NULL (the spec did not load: comments still apply).
 */
void tlc_apply_suppressions(tlc_ctx *ctx, uint32_t file, const tlc_spec *spec);
#endif
