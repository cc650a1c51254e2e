/*
 * activity_push.c — a push server's use of the timelinec runtime core: a Live Activity's
 * program (`timelinec compile SPEC --program`, made once at build time) instantiated for one
 * order, with the instant and the values the server learns at run time, into the schedule of
 * content states and APNs requests it sends. The core needs libc only: no ICU, no libyaml, no
 * cJSON.
 *
 *   cc activity_push.c $(pkg-config --cflags --libs timelinec-core) -o activity_push
 *   ./activity_push delivery.program.json 1796310000 eta=2026-12-03T16:10:00Z
 *
 * Prints the schedule JSON (docs/schedule.schema.json), byte for byte what
 * `timelinec compile SPEC --now @NOW_EPOCH --param NAME=VALUE...` writes. Instants are RFC 3339
 * (`2026-12-03T16:10:00Z`, or with an offset) or `@EPOCH`; durations like `90m`; text, integers
 * and numbers as written. Exit status: 0, or 2 with a message on standard error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <timelinec/activity.h>
#include <timelinec/timeparse.h>

#define MAX_PROGRAM (16u << 20) /* TLC_MAX_PROGRAM_BYTES */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *nb = cap < MAX_PROGRAM + 1 ? realloc(buf, cap = cap ? cap * 2 : 65536) : NULL;
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* NAME=VALUE for the declared parameter NAME, read by its type. */
static int param_value(const tlc_la_program *p, const char *arg, tlc_param_value *v)
{
	const char *eq = strchr(arg, '=');
	const tlc_prog_param *decl = NULL;
	tlc_err e = {0};
	for (size_t i = 0; eq && i < p->nparams; i++)
		if (strlen(p->params[i].name) == (size_t)(eq - arg) &&
		    memcmp(p->params[i].name, arg, (size_t)(eq - arg)) == 0)
			decl = &p->params[i];
	if (!decl) {
		fprintf(stderr, "activity_push: '%s': not NAME=VALUE of a parameter the program "
				"declares\n", arg);
		return -1;
	}
	const char *val = eq + 1;
	memset(v, 0, sizeof *v);
	v->name = decl->name;
	v->text = val;
	if (decl->type == TLC_PPARAM_INSTANT) {
		tlc_parsed_instant pi;
		if (tlc_instant_parse(&pi, val, strlen(val), &e) < 0 || pi.local) {
			fprintf(stderr, "activity_push: %s: %s\n", decl->name,
				pi.local ? "an instant needs 'Z' or an offset" : e.msg);
			return -1;
		}
		v->instant = pi.value;
	} else if (decl->type == TLC_PPARAM_DURATION) {
		if (tlc_duration_parse(&v->number, val, strlen(val), TLC_DURATION_SIGNED, &e) < 0) {
			fprintf(stderr, "activity_push: %s: %s\n", decl->name, e.msg);
			return -1;
		}
	} else if (decl->type == TLC_PPARAM_INTEGER) {
		char *end;
		errno = 0;
		v->number = strtoll(val, &end, 10);
		if (errno || !*val || *end) {
			fprintf(stderr, "activity_push: %s: expected an integer, not '%s'\n", decl->name, val);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	tlc_param_value vals[TLC_MAX_PARAMS];
	tlc_la_program *p = NULL;
	tlc_schedule *s = NULL;
	tlc_buf out = TLC_BUF_INIT;
	tlc_err e = {0};
	tlc_inst_err ie;
	size_t len = 0;
	char *end;
	if (argc < 3 || argc - 3 > TLC_MAX_PARAMS) {
		fputs("usage: activity_push PROGRAM.json NOW_EPOCH [NAME=VALUE]...\n", stderr);
		return 2;
	}
	errno = 0;
	long long now = strtoll(argv[2], &end, 10);
	if (errno || !*argv[2] || *end || now < TLC_TIME_MIN || now > TLC_TIME_MAX) {
		fprintf(stderr, "activity_push: NOW_EPOCH is seconds since 1970, not '%s'\n", argv[2]);
		return 2;
	}
	char *json = read_file(argv[1], &len);
	if (!json) {
		fprintf(stderr, "activity_push: cannot read %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	int rc = tlc_la_program_read_json(&p, json, len, &e);
	free(json);
	if (rc < 0) {
		fprintf(stderr, "activity_push: %s: not an activity program: %s\n", argv[1], e.msg);
		return 2;
	}
	for (int i = 3; i < argc; i++)
		if (param_value(p, argv[i], &vals[i - 3]) < 0) {
			tlc_la_program_free(p);
			return 2;
		}
	tlc_instantiate_opts o = {.now = now, .data_time = TLC_TIME_NONE, .now_source = TLC_NOW_OPTION,
				  .params = vals, .nparams = (size_t)(argc - 3)};
	rc = tlc_schedule_make(&s, p, &o, &ie);
	if (rc < 0) {
		fprintf(stderr, "activity_push: cannot make the schedule: %s\n",
			rc == TLC_ENOMEM ? "out of memory" : ie.msg);
		tlc_la_program_free(p);
		return 2;
	}
	tlc_schedule_write_json(&out, s);
	rc = tlc_buf_oom(&out) || fwrite(out.ptr, 1, out.len, stdout) != out.len || fflush(stdout) ? 2 : 0;
	if (rc)
		fputs("activity_push: cannot write the schedule\n", stderr);
	tlc_buf_release(&out);
	tlc_schedule_free(s);
	tlc_la_program_free(p);
	return rc;
}
