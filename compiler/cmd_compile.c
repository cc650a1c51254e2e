/*
 * cmd_compile.c — `timelinec compile SPEC...`.
 */
#include <stdio.h>
#include "cli.h"

int cmd_compile(cli_opts *o, int argc, char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	fputs("timelinec: error: 'compile' is not built yet in this version (issue 4); nothing was "
	      "written\n", stderr);
	return EXIT_BAD_INPUT;
}
