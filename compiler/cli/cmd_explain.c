/*
 * cmd_explain.c — `timelinec explain RULE`: the rule's page, embedded at build time from
 * docs/diagnostics/<ID>.md (explain_pages.c, generated), so an installed binary needs no docs.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "base/rules.h"
#include "spec/validate.h"

/* From the generated explain_pages.c. */
const char *tlc_explain_page(const char *id);

int cmd_explain(cli_opts *o, int argc, char **argv)
{
	(void)o;
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: timelinec explain RULE    the page of a rule (what happens on the device,\n"
		     "                                 why, a bad and a good example, the fix)\n"
		     "       timelinec explain --list  every rule: id, severity, name, summary");
		return EXIT_OK;
	}
	if (argc == 2 && (strcmp(argv[1], "--list") == 0)) {
		size_t n;
		const tlc_rule *r = tlc_rules(&n);
		for (size_t i = 0; i < n; i++)
			printf("%s  %-8s %-20s %s\n", r[i].id, tlc_severity_name(r[i].sev), r[i].name,
			       r[i].summary);
		return EXIT_OK;
	}
	if (argc != 2)
		return cli_usage_error("usage: timelinec explain RULE (e.g. TL012), or --list");
	char id[16] = {0};
	size_t n = strlen(argv[1]);
	for (size_t i = 0; i < n && i < sizeof id - 1; i++)
		id[i] = (char)toupper((unsigned char)argv[1][i]);
	const tlc_rule *r = n < sizeof id ? tlc_rule_find(id) : NULL;
	if (!r) {
		size_t nr;
		const tlc_rule *all = tlc_rules(&nr);
		const char *cands[256];
		for (size_t i = 0; i < nr && i < 256; i++)
			cands[i] = all[i].id;
		const char *s = tlc_suggest(id, strlen(id), cands, nr < 256 ? nr : 256);
		for (size_t i = 0; !s && i < nr; i++)
			if (strcmp(all[i].name, argv[1]) == 0)
				s = all[i].id;
		fprintf(stderr, "timelinec: error: unknown rule '%s'%s%s%s\n", argv[1],
			s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
		fputs("'timelinec explain --list' lists every rule.\n", stderr);
		return EXIT_BAD_INPUT;
	}
	const char *page = tlc_explain_page(r->id);
	if (page)
		fputs(page, stdout);
	else
		printf("%s (%s, %s): %s\n", r->id, r->name, tlc_severity_name(r->sev), r->summary);
	return EXIT_OK;
}
