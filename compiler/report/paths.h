/*
 * paths.h — one spelling for one file: what baselines and fingerprints compare a spec's path by.
 *
 * `b.yaml`, `./b.yaml`, `specs/../b.yaml` and `/abs/dir/b.yaml` name one file; Xcode passes
 * absolute paths, CI relative ones. These functions turn any of them into one key:
 *
 *   - tlc_path_normalize: lexical only ('.', '..', repeated '/'), never touches the disk;
 *   - tlc_path_relative: the way from one absolute normalised folder to an absolute normalised
 *     path ('.', 'b.yaml', '../other/b.yaml');
 *   - tlc_path_resolve: an absolute path with the folders' symbolic links resolved (realpath of the
 *     folder, as the system does when it opens the file) and the file's own name kept, so a
 *     spec that is itself a link keeps its name; lexical when the folder does not exist;
 *   - tlc_path_key_from: tlc_path_resolve relative to a folder (resolved the same way);
 *   - tlc_path_repo_key: relative to the repository root (the nearest folder above the file
 *     holding `.git`, a folder or a worktree's file), or outside a repository to the current
 *     folder (a source tree without .git, as a release tarball, keeps its fingerprints).
 *
 * Outputs are written only on success; each returns 0, or -1 when the result does not fit in n
 * bytes (or the current folder cannot be found). Paths use '/' only (Windows is not a target).
 */
#ifndef TLC_PATHS_H
#define TLC_PATHS_H
#include <stddef.h>

int tlc_path_normalize(char *out, size_t n, const char *path);
int tlc_path_relative(char *out, size_t n, const char *path, const char *dir);
int tlc_path_resolve(char *out, size_t n, const char *path);
int tlc_path_key_from(char *out, size_t n, const char *path, const char *dir);
int tlc_path_repo_key(char *out, size_t n, const char *path);
/* The folder part of path ("." when it has none, "/" for a file at the root). */
void tlc_path_dirname(char *out, size_t n, const char *path);
#endif
