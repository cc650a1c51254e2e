/* One spelling for one file (compiler/report/paths.c): what baselines and fingerprints compare a
 * spec's path by. */
#define _XOPEN_SOURCE 700 /* mkdtemp, symlink */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report/paths.h"

static const char *norm(const char *p)
{
	static char out[256];
	cr_assert_eq(tlc_path_normalize(out, sizeof out, p), 0, "%s", p);
	return out;
}

Test(paths, normalize_is_lexical)
{
	cr_expect_str_eq(norm("b.yaml"), "b.yaml");
	cr_expect_str_eq(norm("./b.yaml"), "b.yaml");
	cr_expect_str_eq(norm("specs/../b.yaml"), "b.yaml");
	cr_expect_str_eq(norm("a//b/./c/"), "a/b/c");
	cr_expect_str_eq(norm("../x/../../y"), "../../y");
	cr_expect_str_eq(norm("a/.."), ".");
	cr_expect_str_eq(norm("."), ".");
	cr_expect_str_eq(norm(""), ".");
	cr_expect_str_eq(norm("/"), "/");
	cr_expect_str_eq(norm("/../a/./b/../c"), "/a/c"); /* the root is its own parent */
	cr_expect_str_eq(norm("//x///y"), "/x/y");
}

Test(paths, normalize_refuses_what_does_not_fit)
{
	char small[4] = "old";
	cr_expect_eq(tlc_path_normalize(small, sizeof small, "abcd"), -1);
	cr_expect_str_eq(small, "old"); /* not written on failure */
	cr_expect_eq(tlc_path_normalize(small, sizeof small, "abc"), 0);
	cr_expect_str_eq(small, "abc");
}

static const char *rel(const char *p, const char *d)
{
	static char out[256];
	cr_assert_eq(tlc_path_relative(out, sizeof out, p, d), 0);
	return out;
}

Test(paths, relative_from_a_folder)
{
	cr_expect_str_eq(rel("/r/b.yaml", "/r"), "b.yaml");
	cr_expect_str_eq(rel("/r/specs/b.yaml", "/r"), "specs/b.yaml");
	cr_expect_str_eq(rel("/r/b.yaml", "/r/ci"), "../b.yaml");
	cr_expect_str_eq(rel("/x/b.yaml", "/r/ci"), "../../x/b.yaml");
	cr_expect_str_eq(rel("/r", "/r"), ".");
	cr_expect_str_eq(rel("/b.yaml", "/"), "b.yaml");
	cr_expect_str_eq(rel("/rx/b.yaml", "/r"), "../rx/b.yaml"); /* components, not prefixes */
}

Test(paths, dirname)
{
	char d[64];
	tlc_path_dirname(d, sizeof d, "b.yaml");
	cr_expect_str_eq(d, ".");
	tlc_path_dirname(d, sizeof d, "/b.yaml");
	cr_expect_str_eq(d, "/");
	tlc_path_dirname(d, sizeof d, "ci/base.json");
	cr_expect_str_eq(d, "ci");
}

/* On the disk: every spelling of one file has one key; folders' links are resolved, the
 * file's own name is kept; the repository root is the folder holding .git. */
Test(paths, keys_on_the_disk)
{
	char tmpl[] = "/tmp/tlc-paths-XXXXXX", cwd[4096], k[4096], dir[4200], spec[4300];
	char *root = mkdtemp(tmpl);
	cr_assert(root);
	cr_assert(getcwd(cwd, sizeof cwd));
	snprintf(dir, sizeof dir, "%s/repo/specs", root);
	char cmd[20000];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' '%s/repo/.git' && touch '%s/b.yaml' && ln -s specs '%s/repo/alias'",
		 dir, root, dir, root);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(chdir(dir), 0);
	const char *forms[] = {"b.yaml", "./b.yaml", "../specs/b.yaml", "../alias/b.yaml", NULL};
	for (int i = 0; forms[i]; i++) {
		cr_assert_eq(tlc_path_repo_key(k, sizeof k, forms[i]), 0);
		cr_expect_str_eq(k, "specs/b.yaml", "%s", forms[i]);
		cr_assert_eq(tlc_path_key_from(k, sizeof k, forms[i], ".."), 0);
		cr_expect_str_eq(k, "specs/b.yaml", "%s", forms[i]);
		cr_assert_eq(tlc_path_key_from(k, sizeof k, forms[i], "../alias"), 0);
		cr_expect_str_eq(k, "b.yaml", "%s", forms[i]);
	}
	snprintf(spec, sizeof spec, "%s/b.yaml", dir);
	cr_assert_eq(tlc_path_key_from(k, sizeof k, spec, "/"), 0);
	cr_expect_eq(k[0] == '/' || k[0] == '.', 0, "%s", k); /* relative even from the root */
	cr_assert_eq(chdir(root), 0);
	cr_assert_eq(tlc_path_repo_key(k, sizeof k, "outside.yaml"), 0);
	cr_expect_str_eq(k, "outside.yaml"); /* no repository: from the current folder */
	cr_assert_eq(tlc_path_repo_key(k, sizeof k, "./x/../y/z.yaml"), 0);
	cr_expect_str_eq(k, "y/z.yaml");
	cr_assert_eq(chdir(cwd), 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	cr_expect_eq(system(cmd), 0);
}

/* check DIR's choices (compiler/cli/walk.c): which JSON files are specs, what exclude: names. */
#include "cli/walk.h"

static bool json_spec(const char *s)
{
	return cli_walk_json_is_spec(s, strlen(s));
}

Test(walk, json_specs_and_outputs)
{
	cr_expect(json_spec("{\"timelinec\": 1, \"widget\": \"W\"}"));
	cr_expect(json_spec("{\"widget\": {\"timelinec-program\": 1}, \"timelinec\": 1}")); /* nested keys do not count */
	cr_expect(json_spec("  \n{\"a\": [1, {\"b\": \"}\"}], \"timelinec\": 1}"));
	cr_expect(!json_spec("{\"timelinec-program\": 2, \"timelinec\": 1}"));
	cr_expect(!json_spec("{\"timelinec-timeline\": 2}"));
	cr_expect(!json_spec("{\"x\": \"a\\\"b\", \"timelinec-baseline\": 2}"));
	cr_expect(!json_spec("{\"images\": [], \"info\": {\"timelinec\": 1}}")); /* Contents.json */
	cr_expect(!json_spec("[1, 2]"));
	cr_expect(json_spec(""));            /* not JSON: check says why */
	cr_expect(json_spec("{\"widget\": 1,")); /* cut short */
	cr_expect(json_spec("timelinec: 1"));
}

Test(walk, exclude_patterns)
{
	cr_expect(cli_walk_excluded("drafts/", "drafts", true));
	cr_expect(!cli_walk_excluded("drafts/", "drafts", false)); /* a trailing '/': folders only */
	cr_expect(cli_walk_excluded("drafts", "specs/drafts", true)); /* no '/': a name at any depth */
	cr_expect(cli_walk_excluded("*.draft.yaml", "a/b/x.draft.yaml", false));
	cr_expect(!cli_walk_excluded("*.draft.yaml", "a/b/x.yaml", false));
	cr_expect(cli_walk_excluded("nested/*.yaml", "nested/x.yaml", false));
	cr_expect(!cli_walk_excluded("nested/*.yaml", "nested/deep/x.yaml", false)); /* '*' stays in a folder */
	cr_expect(!cli_walk_excluded("nested/*.yaml", "other/nested/x.yaml", false)); /* anchored */
	cr_expect(cli_walk_excluded("./legacy/*", "legacy/a.json", false));
	cr_expect(cli_walk_excluded("v[0-9].yaml", "v1.yaml", false));
}

static bool yaml_spec(const char *s)
{
	return cli_walk_yaml_is_spec(s, strlen(s));
}

Test(walk, yaml_specs_and_other_yaml)
{
	cr_expect(yaml_spec("timelinec: 1\nwidget: W\n"));
	cr_expect(yaml_spec("# a comment\n---\nwidget: W\ntimelinec: 2\n")); /* invalid, but a spec's */
	cr_expect(yaml_spec("\"timelinec\": 1\n"));
	cr_expect(yaml_spec("timelinec:\r\n"));
	cr_expect(yaml_spec("{timelinec: 1, widget: W}"));
	cr_expect(!yaml_spec("name: CI\non: push\njobs:\n  check:\n    timelinec: 1\n")); /* not top-level */
	cr_expect(!yaml_spec("timelinec-version: 1\n"));
	cr_expect(!yaml_spec("timelinec:x\n"));
	cr_expect(!yaml_spec(""));
}
