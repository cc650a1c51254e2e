/*
 * paths.c — one spelling for one file; see paths.h.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "report/paths.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#define MAX_PARTS 512

/* Splits p at '/' into parts (pointers into p, which is changed); -1 past MAX_PARTS. */
static int split(char *p, char **parts, size_t *np)
{
	size_t n = 0;
	char *save = NULL;
	for (char *s = strtok_r(p, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (n == MAX_PARTS)
			return -1;
		parts[n++] = s;
	}
	*np = n;
	return 0;
}

/* Joins parts[0..np) after prefix ("/" or "") into out; "." for nothing at all. */
static int join(char *out, size_t n, const char *prefix, char *const *parts, size_t np)
{
	char buf[PATH_MAX];
	size_t len = (size_t)snprintf(buf, sizeof buf, "%s", prefix);
	for (size_t i = 0; i < np && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "/" : "", parts[i]);
	if (!len)
		len = (size_t)snprintf(buf, sizeof buf, ".");
	if (len >= sizeof buf || len >= n)
		return -1;
	memcpy(out, buf, len + 1);
	return 0;
}

int tlc_path_normalize(char *out, size_t n, const char *path)
{
	char copy[PATH_MAX], *parts[MAX_PARTS], *keep[MAX_PARTS];
	size_t np, nk = 0;
	int abs = path[0] == '/';
	if (strlen(path) >= sizeof copy)
		return -1;
	strcpy(copy, path);
	if (split(copy, parts, &np) < 0)
		return -1;
	for (size_t i = 0; i < np; i++) {
		if (strcmp(parts[i], ".") == 0)
			continue;
		if (strcmp(parts[i], "..") == 0 && nk && strcmp(keep[nk - 1], "..") != 0)
			nk--;
		else if (strcmp(parts[i], "..") != 0 || !abs) /* the root is its own parent */
			keep[nk++] = parts[i];
	}
	return join(out, n, abs ? "/" : "", keep, nk);
}

int tlc_path_relative(char *out, size_t n, const char *path, const char *dir)
{
	char pc[PATH_MAX], dc[PATH_MAX], *pp[MAX_PARTS], *dp[MAX_PARTS], *res[MAX_PARTS];
	size_t np, nd, common = 0, nr = 0;
	if (strlen(path) >= sizeof pc || strlen(dir) >= sizeof dc)
		return -1;
	strcpy(pc, path);
	strcpy(dc, dir);
	if (split(pc, pp, &np) < 0 || split(dc, dp, &nd) < 0)
		return -1;
	while (common < np && common < nd && strcmp(pp[common], dp[common]) == 0)
		common++;
	static char dotdot[] = "..";
	for (size_t i = common; i < nd && nr < MAX_PARTS; i++)
		res[nr++] = dotdot;
	for (size_t i = common; i < np && nr < MAX_PARTS; i++)
		res[nr++] = pp[i];
	if (nr == MAX_PARTS)
		return -1;
	return join(out, n, "", res, nr);
}

void tlc_path_dirname(char *out, size_t n, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, n, ".");
	else if (slash == path)
		snprintf(out, n, "/");
	else
		snprintf(out, n, "%.*s", (int)(slash - path), path);
}

/* An absolute path lexically: the current folder before a relative one, then normalised. */
static int absolute(char *out, size_t n, const char *path)
{
	char cwd[PATH_MAX], buf[2 * PATH_MAX];
	if (path[0] == '/')
		return tlc_path_normalize(out, n, path);
	if (!getcwd(cwd, sizeof cwd))
		return -1;
	snprintf(buf, sizeof buf, "%s/%s", cwd, path);
	return tlc_path_normalize(out, n, buf);
}

/* A folder with its links resolved when it exists, else lexically absolute. */
static int resolve_dir(char *out, size_t n, const char *dir)
{
	char real[PATH_MAX];
	if (realpath(dir, real))
		return tlc_path_normalize(out, n, real);
	return absolute(out, n, dir);
}

int tlc_path_resolve(char *out, size_t n, const char *path)
{
	char dir[PATH_MAX], rdir[PATH_MAX], buf[2 * PATH_MAX];
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return resolve_dir(out, n, path); /* a folder's spelling */
	tlc_path_dirname(dir, sizeof dir, path);
	if (resolve_dir(rdir, sizeof rdir, dir) < 0)
		return -1;
	snprintf(buf, sizeof buf, "%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, base);
	return tlc_path_normalize(out, n, buf);
}

int tlc_path_key_from(char *out, size_t n, const char *path, const char *dir)
{
	char p[PATH_MAX], d[PATH_MAX];
	if (tlc_path_resolve(p, sizeof p, path) < 0 || resolve_dir(d, sizeof d, dir) < 0)
		return -1;
	return tlc_path_relative(out, n, p, d);
}

int tlc_path_repo_key(char *out, size_t n, const char *path)
{
	char p[PATH_MAX], dir[PATH_MAX], git[PATH_MAX + 8];
	struct stat st;
	if (tlc_path_resolve(p, sizeof p, path) < 0)
		return -1;
	tlc_path_dirname(dir, sizeof dir, p);
	for (;;) {
		snprintf(git, sizeof git, "%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
		if (lstat(git, &st) == 0)
			return tlc_path_relative(out, n, p, dir);
		if (strcmp(dir, "/") == 0)
			break;
		char up[PATH_MAX];
		tlc_path_dirname(up, sizeof up, dir);
		memcpy(dir, up, sizeof dir);
	}
	if (resolve_dir(dir, sizeof dir, ".") < 0) /* no repository: from the current folder */
		return -1;
	return tlc_path_relative(out, n, p, dir);
}
