/*
 * yaml_floor.c — the smallest program that does what any YAML tool must: read each file named on
 * the command line and parse every libyaml event. Linked with libyaml alone, so its process start
 * is a YAML tool's, not timelinec's (ICU, zones): the floor of `make bench`'s one-process-per-file
 * figures. Exit status 1 when a file cannot be read or parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static int parse_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	yaml_parser_t p;
	yaml_event_t ev;
	int ok = 1, done = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = 0;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(f);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (parse_file(argv[i]) < 0)
			rc = 1;
	return rc;
}
