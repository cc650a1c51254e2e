/*
 * walk.c — the specs `check` takes from its arguments; see walk.h. POSIX only (opendir, readdir,
 * stat, fnmatch), as on macOS.
 */
#define _XOPEN_SOURCE 700 /* realpath() in paths.c's users, fnmatch */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/walk.h"
#include "report/gating.h"
#include "report/paths.h"

#define SNIFF_BYTES (1 << 20) /* what is read of a file to tell a spec from something else */

typedef struct walk {
	cli_speclist *l;
	tlc_ctx *ctx;
	char **found;             /* this argument's specs, sorted at the end */
	size_t nfound, capfound;
	cli_walk_file *dirs;      /* the folders walked for this argument (loops, doubles) */
	size_t ndirs, capdirs;
	int err;
	bool too_many;            /* CLI_WALK_MAX_SPECS said once */
	char cfg_path[1024];      /* the config whose exclude: list is in cfg ("": none) */
	tlc_config cfg;
} walk;

/* A problem with a path (no line in it): a diagnostic at its start, as input.c's. */
static void walk_fail(walk *w, const char *path, const char *rule, const char *what,
		      const char *detail)
{
	char *empty = malloc(1);
	uint32_t file = 0;
	if (empty) {
		empty[0] = 0;
		file = tlc_sources_add(&w->ctx->sources, path, empty, 0);
	}
	if (!file) {
		w->err = TLC_ENOMEM;
		return;
	}
	tlc_diag_add(&w->ctx->diags, rule, tlc_span_make(file, 0, 0), "%s%s", what, detail);
	if (w->err == 0)
		w->err = TLC_EINPUT;
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 16;
	void *nv = realloc(*v, nc * size);
	if (!nv)
		return TLC_ENOMEM;
	*v = nv;
	*cap = nc;
	return 0;
}

static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcmp(name + n - e, ext) == 0;
}

/* ---- what is a spec ------------------------------------------------------------------------- */

bool cli_walk_json_is_spec(const char *s, size_t n)
{
	size_t i = 0;
	int depth = 0;
	bool want_key = false;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (i < n && s[i] == '[')
		return false; /* a JSON array is data, never a spec */
	if (i == n || s[i] != '{')
		return true;  /* not JSON: check says why */
	for (; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			size_t j = i + 1;
			while (j < n && s[j] != '"')
				j += s[j] == '\\' ? 2 : 1;
			if (j >= n)
				return true;
			if (depth == 1 && want_key) {
				size_t len = j - i - 1;
				if (len > 10 && strncmp(s + i + 1, "timelinec-", 10) == 0)
					return false; /* "timelinec-program" and the other outputs */
				if (len == 9 && strncmp(s + i + 1, "timelinec", 9) == 0)
					return true;
				want_key = false;
			}
			i = j;
		} else if (c == '{' || c == '[') {
			want_key = ++depth == 1;
		} else if (c == '}' || c == ']') {
			if (--depth == 0)
				return false; /* an object without "timelinec": not a spec */
		} else if (c == ',' && depth == 1) {
			want_key = true;
		}
	}
	return true; /* cut short or broken: check says why */
}

bool cli_walk_yaml_is_spec(const char *s, size_t n)
{
	static const char *const keys[] = {"timelinec:", "\"timelinec\":", "'timelinec':"};
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (i < n && s[i] == '{')
		return true; /* a flow mapping (JSON in a .yaml file): check says what it is */
	for (size_t line = 0; line < n; line = i + 1) {
		for (size_t k = 0; k < 3; k++) {
			size_t kl = strlen(keys[k]);
			if (n - line > kl && strncmp(s + line, keys[k], kl) == 0 &&
			    (s[line + kl] == ' ' || s[line + kl] == '\t' || s[line + kl] == '\r' ||
			     s[line + kl] == '\n'))
				return true;
		}
		const char *nl = memchr(s + line, '\n', n - line);
		if (!nl)
			break;
		i = (size_t)(nl - s);
	}
	return false;
}

static bool file_is_spec(const char *path, bool json)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return true; /* check says why it cannot be read */
	char *text = malloc(SNIFF_BYTES);
	size_t len = text ? fread(text, 1, SNIFF_BYTES, f) : 0;
	fclose(f);
	bool spec = !text || len == SNIFF_BYTES ||
		    (json ? cli_walk_json_is_spec(text, len) : cli_walk_yaml_is_spec(text, len));
	free(text);
	return spec;
}

/* ---- exclude: -------------------------------------------------------------------------------- */

bool cli_walk_excluded(const char *pattern, const char *rel, bool is_dir)
{
	char p[TLC_MAX_EXCLUDE_LEN];
	snprintf(p, sizeof p, "%s", strncmp(pattern, "./", 2) == 0 ? pattern + 2 : pattern);
	size_t len = strlen(p);
	bool dir_only = len && p[len - 1] == '/';
	while (len && p[len - 1] == '/')
		p[--len] = 0;
	if (!len || (dir_only && !is_dir))
		return false;
	if (strchr(p, '/'))
		return fnmatch(p, rel, FNM_PATHNAME) == 0;
	const char *base = strrchr(rel, '/');
	return fnmatch(p, base ? base + 1 : rel, FNM_PATHNAME) == 0;
}

/* The exclude: list of the config that applies to path (its folder's or above), read once. */
static const tlc_config *config_of(walk *w, const char *path, char *dir, size_t n)
{
	char cfg[1024];
	if (!w->l->use_config || !tlc_config_find(cfg, sizeof cfg, path))
		return NULL;
	if (strcmp(cfg, w->cfg_path) != 0) {
		tlc_ctx scratch; /* its problems are reported with the specs it applies to */
		tlc_ctx_init(&scratch);
		tlc_config_init(&w->cfg);
		if (tlc_config_load_path(&scratch, &w->cfg, cfg) < 0)
			w->cfg.nexclude = 0;
		tlc_ctx_release(&scratch);
		snprintf(w->cfg_path, sizeof w->cfg_path, "%s", cfg);
	}
	tlc_path_dirname(dir, n, cfg);
	return &w->cfg;
}

static bool excluded(walk *w, const char *path, bool is_dir)
{
	char dir[1024], rel[4096];
	const tlc_config *c = config_of(w, path, dir, sizeof dir);
	if (!c || !c->nexclude || tlc_path_key_from(rel, sizeof rel, path, dir) < 0 ||
	    strcmp(rel, "..") == 0 || strncmp(rel, "../", 3) == 0)
		return false;
	for (size_t i = 0; i < c->nexclude; i++)
		if (cli_walk_excluded(c->exclude[i], rel, is_dir))
			return true;
	return false;
}

/* ---- the walk -------------------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool once(cli_walk_file **v, size_t *n, size_t *cap, const struct stat *st, int *err)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].dev == (unsigned long long)st->st_dev && (*v)[i].ino == (unsigned long long)st->st_ino)
			return false;
	if (grow((void **)v, cap, *n, sizeof **v) < 0) {
		*err = TLC_ENOMEM;
		return false;
	}
	(*v)[*n].dev = (unsigned long long)st->st_dev;
	(*v)[(*n)++].ino = (unsigned long long)st->st_ino;
	return true;
}

/* Takes a copy of path into this argument's specs. */
static void take(walk *w, const char *path)
{
	char *p = NULL;
	if (w->nfound >= CLI_WALK_MAX_SPECS) {
		if (!w->too_many)
			walk_fail(w, path, "TL003", "more specs than the limit of ",
				  "100000 (CLI_WALK_MAX_SPECS)");
		w->too_many = true;
	} else if (grow((void **)&w->found, &w->capfound, w->nfound, sizeof *w->found) < 0 ||
		   !(p = strdup(path))) {
		w->err = TLC_ENOMEM;
	} else {
		w->found[w->nfound++] = p;
	}
}

static void walk_dir(walk *w, const char *path, int depth);

/* One entry of a folder: a folder to walk, a spec to take, or nothing. */
static void walk_entry(walk *w, const char *path, const char *name, int depth)
{
	struct stat st;
	bool spec_name = has_ext(name, ".yaml") || has_ext(name, ".yml") || has_ext(name, ".json");
	if (stat(path, &st) < 0) {
		if (spec_name && !excluded(w, path, false)) /* a dangling link: check says so */
			take(w, path);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!excluded(w, path, true))
			walk_dir(w, path, depth + 1);
	} else if (S_ISREG(st.st_mode) && spec_name && !excluded(w, path, false) &&
		   file_is_spec(path, has_ext(name, ".json"))) {
		take(w, path);
	}
}

static void walk_dir(walk *w, const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) < 0 || !once(&w->dirs, &w->ndirs, &w->capdirs, &st, &w->err))
		return; /* walked already: a link back up, or twice */
	if (depth > CLI_WALK_MAX_DEPTH) {
		walk_fail(w, path, "TL003", "folders nested deeper than the limit of ",
			  "64 (CLI_WALK_MAX_DEPTH)");
		return;
	}
	DIR *d = opendir(path);
	if (!d) {
		walk_fail(w, path, "TL005", "cannot read the folder: ", strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.') /* hidden, and . and .. */
			continue;
		if (grow((void **)&names, &cap, n, sizeof *names) < 0 || !(names[n] = strdup(e->d_name))) {
			w->err = TLC_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 1) /* the same walk on every system (qsort takes no NULL, even for 0) */
		qsort(names, n, sizeof *names, cmp_str);
	size_t plen = strlen(path);
	bool here = strcmp(path, ".") == 0, slash = plen && path[plen - 1] == '/';
	for (size_t i = 0; i < n; i++) {
		size_t len = plen + strlen(names[i]) + 2;
		char *child = malloc(len);
		if (child) {
			snprintf(child, len, "%s%s%s", here ? "" : path, here || slash ? "" : "/", names[i]);
			walk_entry(w, child, names[i], depth);
		} else {
			w->err = TLC_ENOMEM;
		}
		free(child);
		free(names[i]);
	}
	free(names);
}

int cli_walk_add(cli_speclist *l, tlc_ctx *ctx, const char *path, size_t *nfound)
{
	struct stat st;
	*nfound = SIZE_MAX;
	bool is_stdin = strcmp(path, "-") == 0, got = !is_stdin && stat(path, &st) == 0;
	if (!got || !S_ISDIR(st.st_mode)) {
		int err = 0;
		if (got && S_ISREG(st.st_mode) && !once(&l->seen, &l->nseen, &l->capseen, &st, &err))
			return err; /* named already, or found in a folder before */
		char *p = strdup(path); /* a file, or what check will say cannot be read */
		if (!p || grow((void **)&l->v, &l->cap, l->n, sizeof *l->v) < 0) {
			free(p);
			return TLC_ENOMEM;
		}
		l->v[l->n++] = p;
		return 0;
	}
	walk w;
	memset(&w, 0, sizeof w);
	w.l = l;
	w.ctx = ctx;
	walk_dir(&w, path, 0);
	if (w.nfound > 1)
		qsort(w.found, w.nfound, sizeof *w.found, cmp_str);
	*nfound = w.nfound;
	for (size_t i = 0; i < w.nfound; i++) {
		struct stat fs;
		bool fresh = stat(w.found[i], &fs) < 0 ||
			     once(&l->seen, &l->nseen, &l->capseen, &fs, &w.err);
		if (fresh && grow((void **)&l->v, &l->cap, l->n, sizeof *l->v) == 0) {
			l->v[l->n++] = w.found[i];
			continue;
		}
		if (fresh)
			w.err = TLC_ENOMEM;
		free(w.found[i]);
	}
	free(w.found);
	free(w.dirs);
	return w.err;
}

void cli_speclist_release(cli_speclist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->seen);
	memset(l, 0, sizeof *l);
}
