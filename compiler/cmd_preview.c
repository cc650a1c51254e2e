/*
 * cmd_preview.c — `timelinec preview SPEC`: not built yet (issue 8).
 */
#include <stdio.h>
#include "cli.h"

int cmd_preview(cli_opts *o, int argc, char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	fputs("timelinec: error: 'preview' is not built yet in this version (issue 8); nothing was "
	      "done\n", stderr);
	return EXIT_BAD_INPUT;
}
