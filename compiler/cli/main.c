/*
 * main.c — the timelinec command line. The only file that prints or exits.
 *
 * Exit codes (enum exit_code): 0 clean, 1 findings at or above the failing severity, 2 bad
 * input or usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include <unicode/uclean.h>
#include <unicode/ucal.h>
#include <unicode/uversion.h>
#include <yaml.h>
#include "cli/cli.h"
#include "base/rules.h"
#include "spec/schema.h"
#include "spec/spec.h"
#include "timelinec/zone.h"

static const char usage_text[] =
	"usage: timelinec <command> [options] SPEC...\n"
	"\n"
	"Compile countdown specs into WidgetKit timelines and Live Activity schedules, and check\n"
	"what iOS will really show.\n"
	"\n"
	"commands:\n"
	"  check SPEC|DIR...   load each spec, or a folder's specs; report every problem\n"
	"  compile SPEC...     write the program (or, with --timeline, the instantiated timeline)\n"
	"  preview SPEC        what the widget reads when, for designers\n"
	"  render FILE --at T  what a compiled timeline shows at instant T\n"
	"  explain RULE        the page of one diagnostic rule (TL012, ...)\n"
	"  reference           the key reference (--markdown) or JSON Schema (--json-schema)\n"
	"\n"
	"common options:\n"
	"  --format human|json|sarif|github\n"
	"                          how diagnostics are printed (default human; github: workflow\n"
	"                          commands, annotations on a pull request)\n"
	"  --docs-url URL          timelinec's docs/ folder online: SARIF links each rule's page\n"
	"  --color auto|always|never\n"
	"                          colour in human output (auto: on a terminal, unless NO_COLOR)\n"
	"  --tzdata DIR            zoneinfo directory (default $TIMELINEC_TZDIR, $TZDIR,\n"
	"                          /usr/share/zoneinfo)\n"
	"  --werror                warnings fail the run too (exit 1)\n"
	"  -h, --help              this help; 'timelinec <command> --help' for a command\n"
	"  --version               versions of timelinec, its libraries and the tz data\n"
	"\n"
	"'-' reads a spec from standard input. Exit status: 0 clean, 1 findings, 2 bad input or\n"
	"usage. Docs: docs/cli.md, docs/spec.md, docs/diagnostics/.\n";

static void print_version(const cli_opts *o)
{
	UVersionInfo v;
	char icu[U_MAX_VERSION_STRING_LENGTH];
	UErrorCode st = U_ZERO_ERROR;
	tlc_zones *z = NULL;
	u_getVersion(v);
	u_versionToString(v, icu);
	const char *icu_tz = ucal_getTZDataVersion(&st);
	printf("timelinec %s\n", tlc_version());
	printf("libyaml %s\n", yaml_get_version_string());
	printf("cJSON %s\n", cJSON_Version());
	printf("ICU %s (its own tz data %s is not used)\n", icu, U_SUCCESS(st) ? icu_tz : "unknown");
	if (tlc_zones_new_tzif(&z, o->tzdata) == 0)
		printf("tz data %s (%s)\n", tlc_zones_version(z), tlc_zones_dir(z));
	else
		printf("tz data: none found\n");
	tlc_zones_free(z);
}

static int cmd_reference(int argc, char **argv)
{
	tlc_buf b = TLC_BUF_INIT;
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: timelinec reference --markdown     the key reference (docs/spec.md)\n"
		     "       timelinec reference --json-schema  the spec's JSON Schema for editors");
		return EXIT_OK;
	}
	if (argc == 2 && strcmp(argv[1], "--markdown") == 0)
		tlc_schema_markdown(&b);
	else if (argc == 2 && strcmp(argv[1], "--json-schema") == 0)
		tlc_schema_json(&b);
	else
		return cli_usage_error("usage: timelinec reference --markdown | --json-schema");
	if (tlc_buf_oom(&b)) {
		fputs("timelinec: out of memory\n", stderr);
		return EXIT_BAD_INPUT;
	}
	fwrite(b.ptr, 1, b.len, stdout);
	tlc_buf_release(&b);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	cli_opts o = {0};
	o.max_warnings = -1;
	o.color = -1; /* auto */
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		}
		if (strcmp(argv[i], "--version") == 0) {
			print_version(&o);
			return EXIT_OK;
		}
		int r = cli_common_opt(&o, argc, argv, &i);
		if (r < 0)
			return -r;
		if (r == 0)
			return cli_usage_error("unknown option '%s'", argv[i]);
	}
	if (i >= argc) {
		fputs(usage_text, stderr);
		return EXIT_BAD_INPUT;
	}
	const char *cmd = argv[i];
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	int rc;
	if (strcmp(cmd, "check") == 0)
		rc = cmd_check(&o, sub_argc, sub_argv);
	else if (strcmp(cmd, "compile") == 0)
		rc = cmd_compile(&o, sub_argc, sub_argv);
	else if (strcmp(cmd, "explain") == 0)
		rc = cmd_explain(&o, sub_argc, sub_argv);
	else if (strcmp(cmd, "reference") == 0)
		rc = cmd_reference(sub_argc, sub_argv);
	else if (strcmp(cmd, "preview") == 0)
		rc = cmd_preview(&o, sub_argc, sub_argv);
	else if (strcmp(cmd, "render") == 0)
		rc = cmd_render(&o, sub_argc, sub_argv);
	else if (strcmp(cmd, "--version") == 0)
		rc = (print_version(&o), EXIT_OK);
	else
		rc = cli_usage_error("unknown command '%s'", cmd);
	u_cleanup();
	return rc;
}
