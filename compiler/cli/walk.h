/*
 * walk.h — the specs `check` takes from its arguments: a file as it is named, a folder as the
 * specs found under it (docs/cli.md, "Folders").
 *
 * Under a folder: `*.yaml`, `*.yml` and `*.json` files, in byte order of their paths; never a
 * hidden file or folder (a name starting with '.', so not .timelinec.yaml), a file that is not a
 * spec (a JSON object with a top-level "timelinec-…" key: a compiled program, timeline, schedule
 * or a baseline; JSON or YAML without a top-level "timelinec" key: an asset catalog's
 * Contents.json, a report, a CI workflow), or what an `exclude:` pattern of the .timelinec.yaml
 * that applies names. A file that does not parse, or is larger than 1 MiB, is taken. Links are
 * followed; a folder already on the way down (a loop) or already walked is not walked again,
 * and a spec already in the list (named, or found under another folder) is not added twice.
 */
#ifndef TLC_CLI_WALK_H
#define TLC_CLI_WALK_H
#include <stdbool.h>
#include <stddef.h>
#include "base/ctx.h"

#define CLI_WALK_MAX_DEPTH 64      /* folders below an argument */
#define CLI_WALK_MAX_SPECS 100000  /* specs in one run */

typedef struct cli_walk_file { unsigned long long dev, ino; } cli_walk_file;

typedef struct cli_speclist {
	char **v;             /* owned paths, as the command line spelled the folder */
	size_t n, cap;
	cli_walk_file *seen;  /* the files walked into v (device, inode), for duplicates */
	size_t nseen, capseen;
	bool use_config;      /* read exclude: (false with --no-config) */
} cli_speclist;

/*
 * Adds what path names to l: the path itself when it is not a folder (it is then read, or
 * refused, as a spec; not when that file is in l already), else the specs under it. A folder that cannot be read is a TL005
 * diagnostic in ctx, a tree too deep a TL003 (the walk goes on with the rest); *nfound is the
 * number of specs the folder holds (0: say so), SIZE_MAX when path is not a folder. Returns 0, TLC_EINPUT after such diagnostics,
 * or TLC_ENOMEM.
 */
int cli_walk_add(cli_speclist *l, tlc_ctx *ctx, const char *path, size_t *nfound);
void cli_speclist_release(cli_speclist *l);
/* Whether JSON text (len bytes) is a spec for the walk (see above); a text that does not parse
 * is one, so that check reports why. */
bool cli_walk_json_is_spec(const char *text, size_t len);
/* The same for YAML: a line starting with the key 'timelinec:' (or a flow mapping, '{'). */
bool cli_walk_yaml_is_spec(const char *text, size_t len);
/* Whether an exclude: pattern matches rel, a path relative to its config's folder ('/'
 * between folders; is_dir: rel is a folder). */
bool cli_walk_excluded(const char *pattern, const char *rel, bool is_dir);
#endif
