/* Suggestions for misspelled names: the bounded edit distance and the zone lookup behind TL021's
 * "did you mean", against a zoneinfo folder made here (so the answers do not depend on the host). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "spec/validate.h"

static char dir[64];

static void touch(const char *rel)
{
	char path[256], *slash;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	FILE *f = fopen(path, "w");
	cr_assert(f, "cannot create %s", path);
	fputs("TZif", f);
	fclose(f);
}

static void make_zoneinfo(void)
{
	static const char *const files[] = {
		"Europe/Berlin", "Europe/Paris", "Europe/Bern", "America/New_York",
		"America/Los_Angeles", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "UTC",
		"posix/Europe/Berlinn", "right/Europe/Berlim", "zone.tab", "posixrules", "tzdata.zi",
	};
	strcpy(dir, "/tmp/tlc-zoneinfo-XXXXXX");
	cr_assert(mkdtemp(dir));
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		touch(files[i]);
}

static void remove_zoneinfo(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(suggest, .init = make_zoneinfo, .fini = remove_zoneinfo);

/* The fix tlc_zone_suggest writes for name ("" when none). */
static void zone_fix(const char *name, const char *want)
{
	tlc_buf b = TLC_BUF_INIT;
	tlc_zone_suggest(&b, name, dir);
	cr_assert_str_eq(b.len ? b.ptr : "", want, "zone '%s'", name);
	tlc_buf_release(&b);
}

Test(suggest, edit_distance)
{
	cr_assert_eq(tlc_edit_distance("berln", 5, "berlin", 6, 3), 1);
	cr_assert_eq(tlc_edit_distance("kitten", 6, "sitting", 7, 3), 3);
	cr_assert_eq(tlc_edit_distance("abc", 3, "abc", 3, 0), 0);
	cr_assert_eq(tlc_edit_distance("", 0, "abc", 3, 5), 3);
	/* beyond the limit: limit + 1, whatever the true distance */
	cr_assert_eq(tlc_edit_distance("kitten", 6, "sitting", 7, 2), 3);
	cr_assert_eq(tlc_edit_distance("a", 1, "zzzzzzzz", 8, 1), 2);
}

Test(suggest, word_from_candidates)
{
	static const char *const c[] = {"at-end", "auto", "never", NULL};
	cr_assert_str_eq(tlc_suggest("nevr", 4, c, 4), "never");
	cr_assert_str_eq(tlc_suggest("atend", 5, c, 4), "at-end");
	cr_assert_null(tlc_suggest("sometimes", 9, c, 4));
}

Test(suggest, zone_case_first)
{
	zone_fix("europe/berlin", "did you mean 'Europe/Berlin'? Zone names are case-sensitive");
	zone_fix("america/new york",
		 "did you mean 'America/New_York'? Zone names are case-sensitive, with '_' for a space");
}

Test(suggest, zone_near)
{
	zone_fix("Europe/Berln", "did you mean 'Europe/Berlin'?");
	zone_fix("America/Los_Angles", "did you mean 'America/Los_Angeles'?");
	zone_fix("Kolkata", "did you mean 'Asia/Kolkata'?");        /* a city alone */
	zone_fix("Buenos Aires", "did you mean 'America/Argentina/Buenos_Aires'?");
	/* "Berne" is 1 from "Bern" and 2 from "Berlin": the closest wins */
	zone_fix("Europe/Berne", "did you mean 'Europe/Bern'?");
	/* posix/ and right/ copies and non-zone files are no candidates */
	zone_fix("Europe/Berlinn", "did you mean 'Europe/Berlin'?");
	zone_fix("zone.tab", "");
	zone_fix("Mars/Olympus_Mons", "");
}

Test(suggest, zone_abbreviations)
{
	zone_fix("PST", "'PST' is an abbreviation (Pacific Time), not a zone: write the IANA name of a "
			"place that uses it, like 'America/Los_Angeles', which also follows its daylight "
			"saving time");
	zone_fix("CEST", "'CEST' is an abbreviation (Central European Time), not a zone: write the "
			 "IANA name of a place that uses it, like 'Europe/Paris' or 'Europe/Berlin', "
			 "which also follows its daylight saving time");
	/* abbreviations need no zone folder */
	tlc_buf b = TLC_BUF_INIT;
	tlc_zone_suggest(&b, "JST", NULL);
	cr_assert(strstr(b.ptr, "'Asia/Tokyo'"));
	tlc_buf_release(&b);
}

Test(suggest, zone_is_deterministic)
{
	/* "Europe/Berin" is 1 from both "Europe/Berlin" and "Europe/Bern": the first in sorted
	 * order wins on every run, whatever order the folder lists them in */
	for (int i = 0; i < 3; i++)
		zone_fix("Europe/Berin", "did you mean 'Europe/Berlin'?");
}

Test(suggest, legacy_zones)
{
	const char *msg = NULL, *fix = NULL;
	cr_assert(tlc_zone_legacy("CET", &msg, &fix));
	cr_assert(strstr(msg, "not a place") && strstr(fix, "'Europe/Paris' or 'Europe/Berlin'"));
	cr_assert(tlc_zone_legacy("EST", &msg, &fix));
	cr_assert(strstr(msg, "no daylight saving") && strstr(fix, "'America/New_York'"));
	cr_assert(!tlc_zone_legacy("Europe/Berlin", &msg, &fix));
	cr_assert(!tlc_zone_legacy("cet", &msg, &fix));
}
