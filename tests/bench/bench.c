/*
 * bench.c — `make bench`: every figure of issue 9 beside a floor measured in the same run.
 *
 *   bench [--dir BUILD/bench] [--tool BUILD/timelinec] [--runs N] [--n N] [--quick]
 *         [--yaml-floor-bin BUILD/bench/yaml_floor]   (the one-process-per-file floor)
 *   bench --yaml-floor FILE...   (child mode: libyaml alone over the files, for the end-to-end floor)
 *
 * A benchmark, never a test: it prints a table (figure, value, floor, ratio, target, result) and
 * exits 0 whatever the figures are, unless the corpus or a tool run is broken (exit 1). Timing is
 * clock_gettime(CLOCK_MONOTONIC) over many iterations; each figure is the median of several runs.
 * Peak memory is VmHWM (reset per section through /proc/self/clear_refs where Linux allows it),
 * and ru_maxrss from wait4() for the child processes.
 *
 * Floors:
 *   check, compile, instantiate  libyaml alone parsing the same file (read + every event)
 *   end-to-end check             this binary in --yaml-floor mode over the same 10,000 files
 *   pathological spec            libyaml over the same file (in-process); --yaml-floor (child)
 *   one-year replay              one tlc_instantiate() of the same program at the same instant
 *   lookup                       the same binary search, inlined, over a packed int64 array
 *   {timer} render               an inlined "H:MM:SS" formatter into the same tlc_buf
 *   recurrence                   tlc_zone_local_to_utc() alone on the same local readings
 *   recurrence beside daily      the DAILY rule's figure of the same run (MONTHLY, YEARLY: <= 2x)
 */
#define _DEFAULT_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>
#include "lower/bake.h"
#include "base/ctx.h"
#include "report/gating.h"
#include "lower/lower.h"
#include "report/report.h"
#include "spec/spec.h"
#include "verify/verify.h"
#include "timelinec/budget.h"
#include "timelinec/civil.h"
#include "timelinec/recur.h"
#include "timelinec/render.h"
#include "timelinec/timeline.h"

extern char **environ;

/* ---- clocks, medians, memory ----------------------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static volatile uint64_t sink;

/* VmHWM in MB, or ru_maxrss when /proc is not there. */
static double peak_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	if (kb < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
#ifdef __APPLE__
		kb = ru.ru_maxrss / 1024;
#else
		kb = ru.ru_maxrss;
#endif
	}
	return (double)kb / 1024.0;
}

static double peak_seen; /* the largest VmHWM before any reset */

/* Resets the high-water mark (Linux >= 4.0); false when it cannot. */
static int hwm_reset(void)
{
	double p = peak_mb();
	if (p > peak_seen)
		peak_seen = p;
	int fd = open("/proc/self/clear_refs", O_WRONLY);
	if (fd < 0)
		return 0;
	int ok = write(fd, "5", 1) == 1;
	close(fd);
	return ok;
}

static double rss_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return (double)kb / 1024.0;
}

/* ---- the table -------------------------------------------------------------------------------- */

enum { INFO = -1, MISS = 0, PASS = 1 };

typedef struct row {
	char figure[72];
	char value[24];
	char floor[24];
	char ratio[16];
	char target[24];
	int result;
} row;

static row rows[96];
static int nrows;

static void fmt_val(char *out, size_t n, double v, const char *unit)
{
	if (v < 0)
		snprintf(out, n, "-");
	else if (v < 10)
		snprintf(out, n, "%.2f %s", v, unit);
	else if (v < 100)
		snprintf(out, n, "%.1f %s", v, unit);
	else
		snprintf(out, n, "%.0f %s", v, unit);
}

/* floor < 0: none. */
static row *add_row(const char *figure, double value, double floor, const char *unit,
		    const char *target, int result)
{
	if (nrows == (int)(sizeof rows / sizeof rows[0]))
		return &rows[nrows - 1];
	row *r = &rows[nrows++];
	snprintf(r->figure, sizeof r->figure, "%s", figure);
	fmt_val(r->value, sizeof r->value, value, unit);
	fmt_val(r->floor, sizeof r->floor, floor, unit);
	if (floor > 0)
		snprintf(r->ratio, sizeof r->ratio, "%.1fx", value / floor);
	else
		snprintf(r->ratio, sizeof r->ratio, "-");
	snprintf(r->target, sizeof r->target, "%s", target ? target : "-");
	r->result = result;
	printf("  %-58s %10s  (floor %s)\n", figure, r->value, r->floor);
	fflush(stdout);
	return r;
}

static void print_table(void)
{
	printf("\n%-58s %10s %10s %7s %12s  %s\n", "figure", "value", "floor", "ratio", "target",
	       "result");
	for (int i = 0; i < 58 + 11 + 11 + 8 + 13 + 8; i++)
		putchar('-');
	putchar('\n');
	for (int i = 0; i < nrows; i++)
		printf("%-58s %10s %10s %7s %12s  %s\n", rows[i].figure, rows[i].value, rows[i].floor,
		       rows[i].ratio, rows[i].target,
		       rows[i].result == PASS ? "pass" : rows[i].result == MISS ? "MISS" : "-");
}

/* ---- files ------------------------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

/* ---- the libyaml floor ------------------------------------------------------------------------ */

/* Parses every event of a text with libyaml. */
static int yaml_floor_text(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0, ok = 1, nev = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = 0;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		nev++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	sink += (uint64_t)nev;
	return ok ? 0 : -1;
}

/* Reads the file and parses every event with libyaml: what any YAML tool has to do. */
static int yaml_floor_file(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text)
		return -1;
	int rc = yaml_floor_text(text, len);
	free(text);
	return rc;
}

static int yaml_floor_main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 0; i < argc; i++)
		if (yaml_floor_file(argv[i]) < 0)
			rc = 1;
	return rc;
}

/* ---- child processes -------------------------------------------------------------------------- */

typedef struct child_result {
	double seconds;
	double cpu;   /* user + system CPU seconds */
	double maxrss_mb;
	int status;   /* exit status, or 128 + signal */
} child_result;

/* Runs argv with stdout and stderr to files (or /dev/null), in this process. */
static int spawn_wait(child_result *out, char *const *argv, const char *out_path,
		      const char *err_path)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, err_path ? err_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pid_t pid;
	double t0 = now_s();
	int e = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		fprintf(stderr, "bench: cannot run '%s': %s\n", argv[0], strerror(e));
		return -1;
	}
	int st;
	struct rusage ru;
	if (wait4(pid, &st, 0, &ru) < 0)
		return -1;
	out->seconds = now_s() - t0;
	out->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
		   (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
#ifdef __APPLE__
	out->maxrss_mb = (double)ru.ru_maxrss / (1024.0 * 1024.0);
#else
	out->maxrss_mb = (double)ru.ru_maxrss / 1024.0;
#endif
	out->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}

/*
 * Children are started by a small spawner process forked at startup. Linux folds the peak RSS
 * of the image a process replaces at exec (for posix_spawn/vfork: the parent's) into the
 * child's ru_maxrss, so spawning from this process, which holds the corpus and 500,000 entries,
 * would report our peak as the child's. The spawner stays as small as the process was at start.
 */
static int spawn_req = -1, spawn_resp = -1;
static pid_t spawner_pid;

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static int put_str(int fd, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0;
	return write_all(fd, &n, sizeof n) < 0 || (n && write_all(fd, s, n) < 0) ? -1 : 0;
}

static char *get_str(int fd)
{
	uint32_t n;
	if (read_all(fd, &n, sizeof n) < 0 || n == 0)
		return NULL;
	char *s = malloc(n);
	if (s && read_all(fd, s, n) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

static void spawner_loop(int req, int resp)
{
	uint32_t argc;
	while (read_all(req, &argc, sizeof argc) == 0) {
		char **argv = calloc((size_t)argc + 1, sizeof *argv);
		for (uint32_t i = 0; argv && i < argc; i++)
			argv[i] = get_str(req);
		char *o = get_str(req), *e = get_str(req);
		child_result c = {0, 0, 0, -1};
		if (!argv || spawn_wait(&c, argv, o, e) < 0)
			c.status = -1;
		if (write_all(resp, &c, sizeof c) < 0)
			_exit(1);
		for (uint32_t i = 0; argv && i < argc; i++)
			free(argv[i]);
		free(argv);
		free(o);
		free(e);
	}
	_exit(0);
}

static void spawner_start(void)
{
	int a[2], b[2];
	if (pipe(a) < 0 || pipe(b) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		spawner_loop(a[0], b[1]);
	}
	close(a[0]);
	close(b[1]);
	if (pid < 0) {
		close(a[1]);
		close(b[0]);
		return;
	}
	spawner_pid = pid;
	spawn_req = a[1];
	spawn_resp = b[0];
}

static void spawner_stop(void)
{
	if (spawn_req < 0)
		return;
	close(spawn_req);
	close(spawn_resp);
	waitpid(spawner_pid, NULL, 0);
	spawn_req = spawn_resp = -1;
}

/* Runs argv (through the spawner when there is one); SOURCE_DATE_EPOCH is in the environment. */
static int run_child(child_result *out, char *const *argv, const char *out_path,
		     const char *err_path)
{
	if (spawn_req < 0)
		return spawn_wait(out, argv, out_path, err_path);
	uint32_t argc = 0;
	while (argv[argc])
		argc++;
	int bad = write_all(spawn_req, &argc, sizeof argc) < 0;
	for (uint32_t i = 0; !bad && i < argc; i++)
		bad = put_str(spawn_req, argv[i]) < 0;
	if (bad || put_str(spawn_req, out_path) < 0 || put_str(spawn_req, err_path) < 0 ||
	    read_all(spawn_resp, out, sizeof *out) < 0 || out->status < 0) {
		fprintf(stderr, "bench: the spawner failed to run '%s'\n", argv[0]);
		return -1;
	}
	return 0;
}

static int file_contains(const char *path, const char *needle)
{
	size_t len;
	char *t = read_file(path, &len);
	if (!t)
		return 0;
	char *nt = realloc(t, len + 1);
	if (!nt) {
		free(t);
		return 0;
	}
	nt[len] = 0;
	int r = strstr(nt, needle) != NULL;
	free(nt);
	return r;
}

/* ---- the environment shared by every spec (as the CLI's cli_env) ------------------------------ */

static tlc_zones *zones;
static tlc_render_ctx *render;
static tlc_time fixed_now = 1780300800; /* 2026-06-01T08:00:00Z: for specs without an anchor */

static void ctx_open(tlc_ctx *ctx)
{
	tlc_ctx_init(ctx);
	ctx->zones = zones;
	ctx->render = render;
}

/* ---- check in-process: the body of cmd_check's loop, output to /dev/null -------------------- */

enum { ST_READ, ST_LOAD, ST_CONFIG, ST_LOWER, ST_BAKE, ST_VERIFY, ST_GATE, ST_MAX };
static const char *const stage_names[ST_MAX] = {
	"read the file", "parse + validate + load", "find .timelinec.yaml", "lower",
	"bake (ICU: what compile would refuse)", "verify (replay)", "gating + report + release",
};

typedef struct check_stats {
	double stage[ST_MAX];
	size_t errors, warnings, notes, failed;
} check_stats;

static int check_one(check_stats *cs, report *rep, const char *path, tlc_time now, bool now_given)
{
	tlc_ctx ctx;
	tlc_spec *spec = NULL;
	tlc_program *prog = NULL;
	tlc_config cfg;
	uint32_t file;
	double t[ST_MAX + 1];
	int rc;
	t[0] = now_s();
	ctx_open(&ctx);
	rc = tlc_input_read(&ctx, path, &file);
	t[1] = now_s();
	if (rc == 0)
		rc = tlc_spec_load(&ctx, file, &spec);
	t[2] = now_s();
	tlc_config_init(&cfg);
	/* as the CLI does: the config lookup is made once per folder (all specs share one here) */
	static char found[1024];
	static int looked; /* bench-local cache; the library keeps no state */
	if (!looked) {
		looked = 1;
		if (!tlc_config_find(found, sizeof found, path))
			found[0] = 0;
	}
	if (rc == 0 && *found)
		rc = tlc_config_load_path(&ctx, &cfg, found);
	t[3] = now_s();
	if (rc == 0 && spec->kind == TLC_SPEC_WIDGET)
		rc = tlc_lower(&ctx, spec, &prog);
	t[4] = now_s();
	if (rc == 0 && prog) /* as cli_run_check: check reports the text ICU cannot bake */
		rc = tlc_bake(&ctx, spec, prog);
	t[5] = now_s();
	if (rc == 0 && prog) {
		tlc_verify_opts vo;
		memset(&vo, 0, sizeof vo);
		tlc_budget_get(&vo.budget, "typical");
		vo.now = now;
		vo.now_given = now_given;
		rc = tlc_verify(&ctx, spec, prog, &vo);
	}
	t[6] = now_s();
	tlc_program_free(prog);
	if (spec)
		tlc_apply_suppressions(&ctx, spec->file, spec);
	tlc_apply_overrides(&ctx.diags, cfg.overrides, cfg.noverrides);
	cs->errors += ctx.diags.count[TLC_SEV_ERROR];
	cs->warnings += ctx.diags.count[TLC_SEV_WARNING];
	cs->notes += ctx.diags.count[TLC_SEV_NOTE];
	if (rep)
		report_ctx(rep, &ctx);
	tlc_ctx_release(&ctx);
	t[7] = now_s();
	for (int i = 0; i < ST_MAX; i++)
		cs->stage[i] += t[i + 1] - t[i];
	if (rc < 0)
		cs->failed++;
	return rc;
}

/* ---- compile in-process: load + lower + bake + program JSON ----------------------------------- */

enum { CS_LOAD, CS_LOWER, CS_BAKE, CS_WRITE, CS_MAX };
static const char *const cstage_names[CS_MAX] = {
	"read + parse + validate + load", "lower", "bake (ICU, per locale)", "program JSON",
};

/* Returns the program (caller frees) or NULL; adds stage times. */
static tlc_program *compile_one(double *stage, const char *path, size_t *json_bytes)
{
	tlc_ctx ctx;
	tlc_spec *spec = NULL;
	tlc_program *p = NULL;
	tlc_buf out = TLC_BUF_INIT;
	double t[CS_MAX + 1];
	t[0] = now_s();
	ctx_open(&ctx);
	int rc = tlc_spec_load_file(&ctx, path, &spec);
	t[1] = now_s();
	if (rc == 0)
		rc = tlc_lower(&ctx, spec, &p);
	t[2] = now_s();
	if (rc == 0)
		rc = tlc_bake(&ctx, spec, p);
	t[3] = now_s();
	if (rc == 0) {
		tlc_program_write_json(&out, p);
		*json_bytes += out.len;
	}
	tlc_buf_release(&out);
	tlc_ctx_release(&ctx);
	t[4] = now_s();
	for (int i = 0; i < CS_MAX; i++)
		stage[i] += t[i + 1] - t[i];
	if (rc < 0) {
		tlc_program_free(p);
		return NULL;
	}
	return p;
}

/* The instant check would replay from: the window start, else an hour before the first phase
 * of a literal target, else a fixed instant. Parameters get plausible values. */
typedef struct inst_setup {
	tlc_instantiate_opts o;
	tlc_param_value vals[16];
} inst_setup;

static int inst_prepare(inst_setup *s, const tlc_program *p)
{
	const tlc_zone *ez = NULL;
	memset(s, 0, sizeof *s);
	if (strcmp(p->zone, "floating") != 0 && tlc_zones_get(zones, p->zone, &ez) < 0)
		return -1;
	tlc_time now = fixed_now;
	if (p->has_window && p->window_start.kind == TLC_PTIME_LITERAL) {
		now = p->window_start.at;
	} else if (p->ncountdowns && p->countdowns[0].target.kind == TLC_PTIME_LITERAL) {
		int64_t top = 0;
		for (size_t k = 0; k < p->countdowns[0].nphases; k++)
			if (p->countdowns[0].phases[k].has_above && p->countdowns[0].phases[k].above > top)
				top = p->countdowns[0].phases[k].above;
		now = p->countdowns[0].target.at - top - 3600;
	}
	size_t n = 0;
	for (size_t i = 0; i < p->nparams && n < 16; i++, n++) {
		tlc_param_value *v = &s->vals[n];
		v->name = p->params[i].name;
		v->instant = now + 6 * 3600;
		v->number = 3600;
		v->text = p->params[i].type == TLC_PPARAM_NUMBER || p->params[i].type == TLC_PPARAM_INTEGER
				  ? "42" : "LH454";
	}
	s->o.now = now;
	s->o.data_time = TLC_TIME_NONE;
	s->o.now_source = TLC_NOW_OPTION;
	s->o.event_zone = ez;
	s->o.display_zone = ez;
	if (!ez && tlc_zones_get(zones, "UTC", &s->o.display_zone) < 0)
		return -1;
	s->o.params = s->vals;
	s->o.nparams = n;
	return 0;
}

/* ---- options ------------------------------------------------------------------------------------ */

typedef struct bench_opts {
	const char *dir;
	const char *tool;
	const char *self;
	const char *yaml_floor; /* tests/bench/yaml_floor.c built: libyaml alone (NULL: self) */
	int runs;
	int n;
	int quick;
} bench_opts;

static char **corpus_paths(const bench_opts *b)
{
	char **v = calloc((size_t)b->n, sizeof *v);
	for (int i = 0; v && i < b->n; i++) {
		size_t len = strlen(b->dir) + 32;
		v[i] = malloc(len);
		if (!v[i])
			return NULL;
		snprintf(v[i], len, "%s/corpus/s%05d.yaml", b->dir, i);
	}
	return v;
}

/* ---- sections ------------------------------------------------------------------------------------ */

static double floor_us_per_spec; /* in-process libyaml floor, per spec */

static int bench_corpus(const bench_opts *b, char **paths)
{
	int runs = b->runs;
	double *fl = calloc((size_t)runs, sizeof *fl), *ck = calloc((size_t)runs, sizeof *ck);
	double (*st)[ST_MAX] = calloc((size_t)runs, sizeof *st);
	check_stats last = {{0}, 0, 0, 0, 0};
	cli_opts co;
	memset(&co, 0, sizeof co);
	co.max_warnings = -1;
	FILE *devnull = fopen("/dev/null", "w");
	if (!fl || !ck || !st || !devnull)
		return -1;

	printf("corpus: %d specs in %s/corpus, %d runs each\n", b->n, b->dir, runs);
	/* warm the page cache, the zone cache and the ICU locale caches once */
	for (int i = 0; i < b->n; i++) {
		check_stats cs = {{0}, 0, 0, 0, 0};
		if (yaml_floor_file(paths[i]) < 0 || check_one(&cs, NULL, paths[i], fixed_now, false) < 0 ||
		    cs.failed) {
			fprintf(stderr, "bench: %s does not load or check: the corpus is broken\n", paths[i]);
			return -1;
		}
	}
	hwm_reset();
	double rss0 = rss_mb();
	for (int r = 0; r < runs; r++) {
		double t0 = now_s();
		for (int i = 0; i < b->n; i++)
			yaml_floor_file(paths[i]);
		fl[r] = (now_s() - t0) / b->n * 1e6;

		check_stats cs = {{0}, 0, 0, 0, 0};
		report rep;
		report_init(&rep, &co, devnull, devnull, NULL);
		t0 = now_s();
		for (int i = 0; i < b->n; i++)
			check_one(&cs, &rep, paths[i], fixed_now, false);
		report_finish(&rep, 0);
		ck[r] = (now_s() - t0) / b->n * 1e6;
		for (int k = 0; k < ST_MAX; k++)
			st[r][k] = cs.stage[k] / b->n * 1e6;
		last = cs;
	}
	double check_peak = peak_mb() - rss0;
	fclose(devnull);
	floor_us_per_spec = median(fl, runs);
	{
		/* the same floor without the file read, for reference */
		double po[64];
		char **texts = calloc((size_t)b->n, sizeof *texts);
		size_t *lens = calloc((size_t)b->n, sizeof *lens);
		if (!texts || !lens)
			return -1;
		for (int i = 0; i < b->n; i++)
			if (!(texts[i] = read_file(paths[i], &lens[i])))
				return -1;
		for (int r = 0; r < runs; r++) {
			double t0 = now_s();
			for (int i = 0; i < b->n; i++)
				yaml_floor_text(texts[i], lens[i]);
			po[r] = (now_s() - t0) / b->n * 1e6;
		}
		for (int i = 0; i < b->n; i++)
			free(texts[i]);
		free(texts);
		free(lens);
		add_row("floor: libyaml read + parse /spec (the floor used)", floor_us_per_spec,
			floor_us_per_spec, "us", NULL, INFO);
		add_row("  libyaml parse only, from memory /spec", median(po, runs), floor_us_per_spec,
			"us", NULL, INFO);
	}
	double ckm = median(ck, runs);
	printf("  findings per run: %zu errors, %zu warnings, %zu notes\n", last.errors, last.warnings,
	       last.notes);
	/* issue 21's goal: 2.5x (issue 9's was 5x) */
	add_row("check in-process (load+lower+bake+verify+gating) /spec", ckm, floor_us_per_spec, "us",
		"<= 2.5x floor", ckm <= 2.5 * floor_us_per_spec ? PASS : MISS);
	for (int k = 0; k < ST_MAX; k++) {
		double v[64];
		for (int r = 0; r < runs; r++)
			v[r] = st[r][k];
		char name[72];
		snprintf(name, sizeof name, "  check stage: %s", stage_names[k]);
		add_row(name, median(v, runs), floor_us_per_spec, "us", NULL, INFO);
	}
	add_row("check in-process: memory growth over the corpus", check_peak, -1, "MB", NULL, INFO);

	/* compile and instantiate */
	double (*cst)[CS_MAX] = calloc((size_t)runs, sizeof *cst);
	double *inst = calloc((size_t)runs, sizeof *inst), *instj = calloc((size_t)runs, sizeof *instj);
	size_t json_bytes = 0, entries = 0, ninst = 0;
	if (!cst || !inst || !instj)
		return -1;
	for (int r = 0; r < runs; r++)
		for (int i = 0; i < b->n; i++) {
			tlc_program *p = compile_one(cst[r], paths[i], &json_bytes);
			if (!p) {
				fprintf(stderr, "bench: %s does not compile\n", paths[i]);
				return -1;
			}
			if (r == 0) {
				/* instantiate each program `runs` times: run k's total is the sum of
				 * every spec's k-th instantiation */
				inst_setup s;
				if (inst_prepare(&s, p) < 0)
					return -1;
				for (int k = 0; k < runs; k++) {
					tlc_timeline *tl = NULL;
					tlc_inst_err ie;
					double t0 = now_s();
					int rc = tlc_instantiate(&tl, p, &s.o, &ie);
					double t1 = now_s();
					if (rc < 0) {
						fprintf(stderr, "bench: %s: cannot instantiate: %s\n", paths[i], ie.msg);
						return -1;
					}
					tlc_buf jb = TLC_BUF_INIT;
					tlc_timeline_write_json(&jb, tl, (const char *const *)p->locales, p->nlocales,
								NULL, NULL);
					double t2 = now_s();
					if (k == 0) {
						entries += tl->nentries;
						ninst++;
					}
					tlc_buf_release(&jb);
					tlc_timeline_free(tl);
					inst[k] += t1 - t0;
					instj[k] += t2 - t0;
				}
			}
			tlc_program_free(p);
		}
	double cm[64];
	for (int r = 0; r < runs; r++) {
		cm[r] = 0;
		for (int k = 0; k < CS_MAX; k++)
			cm[r] += cst[r][k];
		cm[r] = cm[r] / b->n * 1e6;
	}
	add_row("compile in-process (load+lower+bake+JSON) /spec", median(cm, runs), floor_us_per_spec, "us",
		NULL, INFO);
	for (int k = 0; k < CS_MAX; k++) {
		double v[64];
		for (int r = 0; r < runs; r++)
			v[r] = cst[r][k] / b->n * 1e6;
		char name[72];
		snprintf(name, sizeof name, "  compile stage: %s", cstage_names[k]);
		add_row(name, median(v, runs), floor_us_per_spec, "us", NULL, INFO);
	}
	for (int r = 0; r < runs; r++) {
		inst[r] = inst[r] / b->n * 1e6;
		instj[r] = instj[r] / b->n * 1e6;
	}
	printf("  %zu instantiations, %.1f entries on average, program JSON %.0f bytes on average\n",
	       ninst, (double)entries / (double)ninst, (double)json_bytes / runs / b->n);
	add_row("instantiate (tlc_instantiate) /spec", median(inst, runs), floor_us_per_spec, "us", NULL,
		INFO);
	add_row("instantiate + timeline JSON /spec", median(instj, runs), floor_us_per_spec, "us", NULL,
		INFO);
	free(fl);
	free(ck);
	free(st);
	free(cst);
	free(inst);
	free(instj);
	return 0;
}

static int bench_e2e(const bench_opts *b, char **paths)
{
	int runs = b->runs < 3 ? 3 : b->runs;
	char **argv_check = calloc((size_t)b->n + 5, sizeof *argv_check);
	char **argv_floor = calloc((size_t)b->n + 3, sizeof *argv_floor);
	double *tc = calloc((size_t)runs, sizeof *tc), *tf = calloc((size_t)runs, sizeof *tf);
	double rc_max = 0, rf_max = 0;
	if (!argv_check || !argv_floor || !tc || !tf)
		return -1;
	argv_check[0] = (char *)b->tool;
	argv_check[1] = (char *)"check";
	argv_floor[0] = (char *)b->self;
	argv_floor[1] = (char *)"--yaml-floor";
	for (int i = 0; i < b->n; i++)
		argv_check[i + 2] = argv_floor[i + 2] = paths[i];
	char outp[4200];
	snprintf(outp, sizeof outp, "%s/e2e-check.out", b->dir);
	for (int r = 0; r < runs; r++) {
		child_result c, f;
		if (run_child(&f, argv_floor, NULL, NULL) < 0 || run_child(&c, argv_check, outp, NULL) < 0)
			return -1;
		if (f.status != 0 || c.status > 1) {
			fprintf(stderr, "bench: end-to-end check exited %d (floor %d); see %s\n", c.status,
				f.status, outp);
			return -1;
		}
		tc[r] = c.seconds;
		tf[r] = f.seconds;
		rc_max = c.maxrss_mb > rc_max ? c.maxrss_mb : rc_max;
		rf_max = f.maxrss_mb > rf_max ? f.maxrss_mb : rf_max;
	}
	double c = median(tc, runs), f = median(tf, runs);
	char name[72];
	snprintf(name, sizeof name, "check end-to-end: timelinec check, %d files", b->n);
	add_row(name, c * 1e3, f * 1e3, "ms", "<= 2.5x floor", c <= 2.5 * f ? PASS : MISS);
	add_row("  the same per spec", c / b->n * 1e6, f / b->n * 1e6, "us", NULL, INFO);
	add_row("peak RSS: timelinec check over the corpus", rc_max, rf_max, "MB", NULL, INFO);

	/* compile end-to-end, once, over the first 1,000 specs: each program is written atomically
	 * (fsync + rename), so this measures the disk as much as the compiler */
	int nc = b->n < 1000 ? b->n : 1000;
	char outdir[4200];
	snprintf(outdir, sizeof outdir, "%s/out", b->dir);
	mkdir(outdir, 0755);
	argv_check[1] = (char *)"compile";
	argv_check[2] = (char *)"-o";
	argv_check[3] = outdir;
	for (int i = 0; i < nc; i++)
		argv_check[i + 4] = paths[i];
	argv_check[nc + 4] = NULL;
	child_result cc;
	if (run_child(&cc, argv_check, NULL, NULL) < 0 || cc.status != 0) {
		fprintf(stderr, "bench: end-to-end compile failed\n");
		return -1;
	}
	snprintf(name, sizeof name, "compile end-to-end: compile -o DIR, fsync'd /spec");
	add_row(name, cc.seconds / nc * 1e6, f / b->n * 1e6, "us", NULL, INFO);
	free(argv_check);
	free(argv_floor);
	free(tc);
	free(tf);
	return 0;
}

static int bench_patho(const bench_opts *b)
{
	static const char *const names[] = {"patho-window.yaml", "patho-horizon.yaml", "patho-recur.yaml"};
	int runs = b->runs < 3 ? 3 : b->runs;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		char path[4200], outp[4300], errp[4300], name[72];
		snprintf(path, sizeof path, "%s/%s", b->dir, names[k]);
		snprintf(outp, sizeof outp, "%s.out", path);
		snprintf(errp, sizeof errp, "%s.err", path);
		/* in-process: the check pipeline, and the floor */
		double tv[64], fv[64];
		size_t flagged = 0;
		for (int r = 0; r < runs; r++) {
			check_stats cs = {{0}, 0, 0, 0, 0};
			double t0 = now_s();
			yaml_floor_file(path);
			double t1 = now_s();
			check_one(&cs, NULL, path, fixed_now, false);
			tv[r] = now_s() - t1;
			fv[r] = t1 - t0;
			flagged = cs.errors + cs.failed;
		}
		double tin = median(tv, runs);
		snprintf(name, sizeof name, "%s: check in-process%s", names[k], flagged ? "" : " NOT FLAGGED");
		add_row(name, tin * 1e3, median(fv, runs) * 1e3, "ms", "< 1000 ms",
			flagged && tin < 1.0 ? PASS : MISS);
		/* end-to-end: check (flagged: exit 1 with TL113) and compile --timeline (refused: 2) */
		char *const argv_check[] = {(char *)b->tool, (char *)"check", path, NULL};
		char *const argv_comp[] = {(char *)b->tool, (char *)"compile", (char *)"--timeline",
					   (char *)"--now", (char *)"2026-01-01T00:00:00Z",
					   (char *)"-o", (char *)"-", path, NULL};
		char *const argv_floor[] = {(char *)b->self, (char *)"--yaml-floor", path, NULL};
		child_result c, cc, f;
		if (run_child(&f, argv_floor, NULL, NULL) < 0 || run_child(&c, argv_check, outp, NULL) < 0)
			return -1;
		int ok_check = c.status == 1 && file_contains(outp, "[TL113]");
		if (run_child(&cc, argv_comp, NULL, errp) < 0)
			return -1;
		int ok_comp = cc.status == 2 && file_contains(errp, "cannot instantiate");
		snprintf(name, sizeof name, "%s: timelinec check%s", names[k],
			 ok_check ? " (TL113)" : " NOT FLAGGED");
		add_row(name, c.seconds * 1e3, f.seconds * 1e3, "ms", "< 1000 ms",
			ok_check && c.seconds < 1.0 ? PASS : MISS);
		snprintf(name, sizeof name, "%s: compile --timeline%s", names[k],
			 ok_comp ? " (refused)" : " NOT REFUSED");
		add_row(name, cc.seconds * 1e3, f.seconds * 1e3, "ms", "< 1000 ms",
			ok_comp && cc.seconds < 1.0 ? PASS : MISS);
		double rss = c.maxrss_mb > cc.maxrss_mb ? c.maxrss_mb : cc.maxrss_mb;
		snprintf(name, sizeof name, "%s: peak RSS (check, compile)", names[k]);
		add_row(name, rss, f.maxrss_mb, "MB", "< 200 MB", rss < 200 ? PASS : MISS);
	}
	return 0;
}

/*
 * The specs at the limits (issue 21): check, compile --timeline and preview each answer (accept,
 * or refuse with exit 1 or 2 and a message, never a crash) within 2 s and 200 MB. Floor: this
 * binary's --yaml-floor over the same file (process start, dynamic linking, the read, libyaml).
 */
static int bench_limits(const bench_opts *b)
{
	static const char *const names[] = {"limits-minutes.yaml", "limits-hours.yaml", "limits-days.yaml"};
	static const char *const what[] = {"check", "compile --timeline", "preview"};
	int runs = b->runs < 3 ? 3 : b->runs;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		char path[4200], outp[4300], errp[4300], name[96];
		snprintf(path, sizeof path, "%s/%s", b->dir, names[k]);
		snprintf(outp, sizeof outp, "%s.out", path);
		snprintf(errp, sizeof errp, "%s.err", path);
		char *const argv_floor[] = {(char *)b->self, (char *)"--yaml-floor", path, NULL};
		char *const argv_cmd[3][9] = {
			{(char *)b->tool, (char *)"check", (char *)"--now", (char *)"2026-12-07T00:00:00Z",
			 path, NULL},
			{(char *)b->tool, (char *)"compile", (char *)"--timeline", (char *)"--now",
			 (char *)"2026-12-07T00:00:00Z", (char *)"-o", (char *)"-", path, NULL},
			{(char *)b->tool, (char *)"preview", (char *)"--now", (char *)"2026-12-07T00:00:00Z",
			 path, NULL},
		};
		double fv[64], floor_mb = 0, peak = 0;
		for (int r = 0; r < runs; r++) {
			child_result f;
			if (run_child(&f, argv_floor, NULL, NULL) < 0)
				return -1;
			fv[r] = f.seconds;
			floor_mb = f.maxrss_mb;
		}
		double floor_s = median(fv, runs);
		for (int c = 0; c < 3; c++) {
			double tv[64];
			int status = -1;
			for (int r = 0; r < runs; r++) {
				child_result cr;
				if (run_child(&cr, argv_cmd[c], outp, errp) < 0)
					return -1;
				tv[r] = cr.seconds;
				status = cr.status;
				if (cr.maxrss_mb > peak)
					peak = cr.maxrss_mb;
			}
			double t = median(tv, runs);
			/* 0 accepted, 1 findings, 2 refused with a message; anything else is a failure */
			bool answered = status == 0 || ((status == 1 || status == 2) &&
							(file_contains(errp, "error") || file_contains(outp, "error")));
			snprintf(name, sizeof name, "%s: %s (exit %d)%s", names[k], what[c], status,
				 answered ? "" : " NO ANSWER");
			add_row(name, t * 1e3, floor_s * 1e3, "ms", "< 2000 ms", answered && t < 2.0 ? PASS : MISS);
		}
		snprintf(name, sizeof name, "%s: peak RSS (check, compile, preview)", names[k]);
		add_row(name, peak, floor_mb, "MB", "< 200 MB", peak < 200 ? PASS : MISS);
	}
	return 0;
}

/* ---- CPU time, best of rounds: the examples' shapes, per-file invocations, instructions ------ */

static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The specs of examples/, examples/scenarios/ and examples/real-world/ (widgets and
 * activities), in name order: a corpus shaped like what users write. */
static char **example_paths(int *n_out)
{
	static const char *const dirs[] = {"examples", "examples/scenarios", "examples/real-world"};
	char **v = NULL;
	int n = 0, cap = 0;
	for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;
		while (dir && (e = readdir(dir)) != NULL) {
			size_t len = strlen(e->d_name);
			if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				char **w = realloc(v, (size_t)cap * sizeof *w);
				if (!w)
					break;
				v = w;
			}
			size_t need = strlen(dirs[d]) + len + 2;
			if (!(v[n] = malloc(need)))
				break;
			snprintf(v[n++], need, "%s/%s", dirs[d], e->d_name);
		}
		if (dir)
			closedir(dir);
	}
	if (n)
		qsort(v, (size_t)n, sizeof *v, cmp_str);
	*n_out = n;
	return v;
}

static double min_of(const double *v, int n)
{
	double m = v[0];
	for (int i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

/* In-process check and libyaml over `paths`, CPU seconds per spec, best of the rounds. */
static void cpu_in_process(const char *what, char **paths, int n, int runs)
{
	double tc[64], tf[64];
	for (int i = 0; i < n; i++) { /* warm the caches, as bench_corpus does */
		check_stats cs = {{0}, 0, 0, 0, 0};
		yaml_floor_file(paths[i]);
		check_one(&cs, NULL, paths[i], fixed_now, false);
	}
	for (int r = 0; r < runs; r++) {
		double t0 = cpu_s();
		for (int i = 0; i < n; i++)
			yaml_floor_file(paths[i]);
		double t1 = cpu_s();
		for (int i = 0; i < n; i++) {
			check_stats cs = {{0}, 0, 0, 0, 0};
			check_one(&cs, NULL, paths[i], fixed_now, false);
		}
		tf[r] = (t1 - t0) / n;
		tc[r] = (cpu_s() - t1) / n;
	}
	double c = min_of(tc, runs), f = min_of(tf, runs);
	char name[96];
	snprintf(name, sizeof name, "%s: check in-process, CPU, best of %d /spec", what, runs);
	add_row(name, c * 1e6, f * 1e6, "us", "<= 2.5x floor", c <= 2.5 * f ? PASS : MISS);
}

/* One `timelinec check FILE` per file against one `bench --yaml-floor FILE` per file: the cost
 * an Xcode build phase run per spec pays (process start, ICU and zones opened each time). */
static int cpu_per_file(const bench_opts *b, const char *what, char **paths, int n, int runs)
{
	double tc[64], tf[64];
	for (int r = 0; r < runs; r++) {
		tc[r] = tf[r] = 0;
		for (int i = 0; i < n; i++) {
			/* no --now: SOURCE_DATE_EPOCH is the in-process figures' fixed_now. The floor is a
			   program linked with libyaml alone: this binary's start-up (ICU, the compiler)
			   would hide most of timelinec's own */
			char *const argv_check[] = {(char *)b->tool, (char *)"check", paths[i], NULL};
			char *const argv_self[] = {(char *)b->self, (char *)"--yaml-floor", paths[i], NULL};
			char *const argv_small[] = {(char *)b->yaml_floor, paths[i], NULL};
			char *const *argv_floor = b->yaml_floor ? argv_small : argv_self;
			child_result c, f;
			if (run_child(&f, argv_floor, NULL, NULL) < 0 || run_child(&c, argv_check, NULL, NULL) < 0)
				return -1;
			if (f.status != 0 || c.status > 2) {
				fprintf(stderr, "bench: check %s exited %d (floor %d)\n", paths[i], c.status, f.status);
				return -1;
			}
			tc[r] += c.cpu;
			tf[r] += f.cpu;
		}
	}
	double c = min_of(tc, runs) / n, f = min_of(tf, runs) / n;
	char name[96];
	snprintf(name, sizeof name, "%s: one check per file, CPU, best of %d /spec%s", what, runs,
		 b->yaml_floor ? "" : " (floor: this binary)");
	add_row(name, c * 1e6, f * 1e6, "us", "<= 2.5x floor", c <= 2.5 * f ? PASS : MISS);
	return 0;
}

/* Instructions (callgrind, deterministic) of one `timelinec check` over the files against one
 * `bench --yaml-floor` over the same files; nothing when valgrind is not installed. */
static int instructions(const bench_opts *b, const char *what, char **paths, int n)
{
	static const char *const vg[] = {"/usr/bin/valgrind", "/usr/local/bin/valgrind", "/opt/homebrew/bin/valgrind"};
	const char *valgrind = NULL;
	for (size_t k = 0; k < sizeof vg / sizeof vg[0] && !valgrind; k++)
		if (access(vg[k], X_OK) == 0)
			valgrind = vg[k];
	if (!valgrind) {
		printf("  %s: no instruction counts (valgrind is not installed)\n", what);
		return 0;
	}
	double ir[2];
	for (int side = 0; side < 2; side++) {
		char outf[4300], opt[4400];
		snprintf(outf, sizeof outf, "%s/callgrind.%s.%d", b->dir, what, side);
		snprintf(opt, sizeof opt, "--callgrind-out-file=%s", outf);
		char **argv = calloc((size_t)n + 10, sizeof *argv);
		if (!argv)
			return -1;
		int k = 0;
		argv[k++] = (char *)valgrind;
		argv[k++] = (char *)"--tool=callgrind";
		argv[k++] = opt;
		if (side == 0) {
			argv[k++] = (char *)b->tool;
			argv[k++] = (char *)"check";
		} else {
			argv[k++] = (char *)b->self;
			argv[k++] = (char *)"--yaml-floor";
		}
		for (int i = 0; i < n; i++)
			argv[k++] = paths[i];
		child_result c;
		int rc = run_child(&c, argv, NULL, NULL);
		free(argv);
		size_t len;
		char *t = rc < 0 ? NULL : read_file(outf, &len);
		const char *sum = t ? strstr(t, "\nsummary: ") : NULL;
		if (!sum && t)
			sum = strstr(t, "\ntotals: ");
		if (!sum) {
			free(t);
			fprintf(stderr, "bench: callgrind gave no count for %s\n", what);
			return -1;
		}
		ir[side] = strtod(strchr(sum, ':') + 1, NULL);
		free(t);
	}
	char name[96];
	snprintf(name, sizeof name, "%s: instructions per spec (callgrind, one process)", what);
	add_row(name, ir[0] / n / 1e3, ir[1] / n / 1e3, "k", "<= 2.5x floor", ir[0] <= 2.5 * ir[1] ? PASS : MISS);
	return 0;
}

/*
 * Issue 21, item 3: `check` against the libyaml floor in CPU time, best of the rounds, on the
 * generated corpus and on the examples' own specs, in-process and as one process per file, with
 * callgrind's instruction counts beside them.
 */
static int bench_cpu(const bench_opts *b, char **paths)
{
	int runs = b->runs < 3 ? 3 : b->runs, ne = 0;
	int nfile = b->n < 300 ? b->n : 300; /* one process per file: the first 300 of the corpus */
	char **ex = example_paths(&ne);
	if (!ex || ne == 0) {
		fprintf(stderr, "bench: no examples/*.yaml (run from the repository's root)\n");
		return -1;
	}
	printf("CPU time, best of %d rounds: the corpus, and %d specs of examples/ (widgets and activities)\n",
	       runs, ne);
	cpu_in_process("corpus", paths, b->n, runs);
	cpu_in_process("examples", ex, ne, runs);
	int rc = cpu_per_file(b, "corpus, first 300", paths, nfile, runs);
	if (rc == 0)
		rc = cpu_per_file(b, "examples", ex, ne, runs);
	if (rc == 0)
		rc = instructions(b, "corpus-300", paths, nfile);
	if (rc == 0)
		rc = instructions(b, "examples", ex, ne);
	for (int i = 0; i < ne; i++)
		free(ex[i]);
	free(ex);
	return rc;
}

/* A program compiled in-process from a spec file. */
static tlc_program *program_of(const char *path)
{
	double st[CS_MAX] = {0};
	size_t bytes = 0;
	return compile_one(st, path, &bytes);
}

static int bench_replay(const bench_opts *b, const char *spec, const char *profile, tlc_time from)
{
	tlc_program *p = program_of(spec);
	tlc_budget bu;
	inst_setup s;
	if (!p || tlc_budget_get(&bu, profile) < 0 || inst_prepare(&s, p) < 0) {
		fprintf(stderr, "bench: cannot set up the replay of %s\n", spec);
		tlc_program_free(p);
		return -1;
	}
	s.o.now = from;
	int runs = b->runs < 5 ? 5 : b->runs;
	double tv[64], fv[64];
	size_t reloads = 0, nexp = 0;
	for (int r = 0; r < runs; r++) {
		tlc_exposures x = {0};
		tlc_inst_err ie;
		tlc_timeline *tl = NULL;
		double t0 = now_s();
		int rc = tlc_instantiate(&tl, p, &s.o, &ie);
		double t1 = now_s();
		tlc_timeline_free(tl);
		double t2 = now_s();
		rc = rc < 0 ? rc : tlc_replay(&x, p, &s.o, &bu, from + 365 * 86400, &ie);
		double t3 = now_s();
		if (rc < 0) {
			fprintf(stderr, "bench: replay of %s: %s\n", spec, ie.msg);
			tlc_program_free(p);
			return -1;
		}
		reloads = x.reloads;
		nexp = x.n;
		tlc_exposures_release(&x);
		tv[r] = (t3 - t2) * 1e6;
		fv[r] = (t1 - t0) * 1e6;
	}
	const char *base = strrchr(spec, '/');
	char name[72];
	snprintf(name, sizeof name, "one-year replay, %s, '%s' (%zu reloads)", base ? base + 1 : spec,
		 profile, reloads);
	add_row(name, median(tv, runs), median(fv, runs), "us", NULL, INFO);
	(void)nexp;
	tlc_program_free(p);
	return 0;
}

static ptrdiff_t packed_lookup(const int64_t *d, size_t n, tlc_time t)
{
	size_t lo = 0, hi = n;
	if (!hi || t < d[0])
		return -1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (d[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return (ptrdiff_t)lo;
}

static uint64_t rng_state = 0x62656e6368ULL;
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int bench_lookup(const bench_opts *b, size_t n)
{
	const size_t nq = (size_t)1 << 20;
	tlc_timeline tl;
	memset(&tl, 0, sizeof tl);
	tl.entries = calloc(n, sizeof *tl.entries);
	tl.nentries = n;
	int64_t *packed = malloc(n * sizeof *packed);
	tlc_time *q = malloc(nq * sizeof *q), *qs = malloc(nq * sizeof *qs);
	if (!tl.entries || !packed || !q || !qs)
		return -1;
	const tlc_time base = 1780000000;
	for (size_t i = 0; i < n; i++)
		packed[i] = tl.entries[i].date = base + (tlc_time)i * 60 + (tlc_time)(i % 7);
	tl.start = base;
	tl.end = packed[n - 1] + 60;
	if (tlc_timeline_index(&tl) < 0)
		return -1;
	const tlc_time span = packed[n - 1] - base + 120;
	for (size_t i = 0; i < nq; i++) {
		q[i] = base - 60 + (tlc_time)(rng() % (uint64_t)span);
		qs[i] = base - 60 + (tlc_time)((double)i / (double)nq * (double)span);
	}
	/* correctness of the floor against the library */
	for (size_t i = 0; i < 4096; i++)
		if (tlc_timeline_lookup(&tl, q[i]) != packed_lookup(packed, n, q[i])) {
			fprintf(stderr, "bench: lookup disagrees with the packed search\n");
			return -1;
		}
	int runs = b->runs < 7 ? 7 : b->runs;
	double lr[64], fr[64], ls[64], fs[64];
	for (int r = 0; r < runs; r++) {
		uint64_t acc = 0;
		double t0 = now_s();
		for (size_t i = 0; i < nq; i++)
			acc += (uint64_t)tlc_timeline_lookup(&tl, q[i]);
		double t1 = now_s();
		for (size_t i = 0; i < nq; i++)
			acc += (uint64_t)packed_lookup(packed, n, q[i]);
		double t2 = now_s();
		for (size_t i = 0; i < nq; i++)
			acc += (uint64_t)tlc_timeline_lookup(&tl, qs[i]);
		double t3 = now_s();
		for (size_t i = 0; i < nq; i++)
			acc += (uint64_t)packed_lookup(packed, n, qs[i]);
		double t4 = now_s();
		sink += acc;
		lr[r] = (t1 - t0) / (double)nq * 1e9;
		fr[r] = (t2 - t1) / (double)nq * 1e9;
		ls[r] = (t3 - t2) / (double)nq * 1e9;
		fs[r] = (t4 - t3) / (double)nq * 1e9;
	}
	double v = median(lr, runs), vs = median(ls, runs);
	char name[72];
	snprintf(name, sizeof name, "lookup, %zu entries, random instants", n);
	add_row(name, v, median(fr, runs), "ns", "< 100 ns", v < 100 ? PASS : MISS);
	snprintf(name, sizeof name, "lookup, %zu entries, ascending instants", n);
	add_row(name, vs, median(fs, runs), "ns", "< 100 ns", vs < 100 ? PASS : MISS);
	free(tl.entries);
	free(tl.dates);
	free(packed);
	free(q);
	free(qs);
	return 0;
}

/* The floor of {timer}: "H:MM:SS" / "M:SS" with ASCII digits, appended to the same tlc_buf. */
static void floor_timer(tlc_buf *out, int64_t r)
{
	char s[32], *p = s + sizeof s;
	if (r < 0)
		r = -r;
	int64_t h = r / 3600, m = r / 60 % 60, sec = r % 60;
	*--p = (char)('0' + sec % 10);
	*--p = (char)('0' + sec / 10);
	*--p = ':';
	*--p = (char)('0' + m % 10);
	if (h || m >= 10)
		*--p = (char)('0' + m / 10);
	if (h) {
		if (m < 10 && p[0] != '0')
			*--p = '0';
		*--p = ':';
		do
			*--p = (char)('0' + h % 10);
		while (h /= 10);
	}
	tlc_buf_put(out, p, (size_t)(s + sizeof s - p));
}

static int bench_timer(const bench_opts *b, const char *locale)
{
	tlc_render_locale *loc;
	if (tlc_render_locale_get(&loc, render, locale) < 0)
		return -1;
	const size_t n = 1000000;
	const tlc_time target = 1780000000;
	int runs = b->runs < 7 ? 7 : b->runs;
	double tv[64], fv[64];
	tlc_buf out = TLC_BUF_INIT;
	for (int r = 0; r < runs; r++) {
		uint64_t acc = 0;
		double t0 = now_s();
		for (size_t i = 0; i < n; i++) {
			unsigned flags;
			tlc_buf_clear(&out);
			/* 0 .. 100 h before the target, and a tenth after it */
			tlc_time now = target - (tlc_time)((i * 7919) % 360000) + (i % 10 == 0 ? 5000 : 0);
			tlc_render_timer(&out, &flags, loc, now, target);
			acc += out.len + flags;
		}
		double t1 = now_s();
		for (size_t i = 0; i < n; i++) {
			tlc_buf_clear(&out);
			tlc_time now = target - (tlc_time)((i * 7919) % 360000) + (i % 10 == 0 ? 5000 : 0);
			floor_timer(&out, target - now);
			acc += out.len;
		}
		double t2 = now_s();
		sink += acc;
		tv[r] = (t1 - t0) / (double)n * 1e9;
		fv[r] = (t2 - t1) / (double)n * 1e9;
	}
	tlc_buf_release(&out);
	char name[72];
	snprintf(name, sizeof name, "{timer} render (tlc_render_timer), %s", locale);
	double v = median(tv, runs);
	add_row(name, v, median(fv, runs), "ns", "< 200 ns", v < 200 ? PASS : MISS);
	return 0;
}

/*
 * Expands `rule` from `dtstart` over `years` years in Europe/Berlin, again and again until about
 * 200,000 occurrences per run; the iterator is created once, outside the timed loop, and each pass
 * seeks it back to the start (which loads the first period) inside it. The floor converts the same
 * local readings with tlc_zone_local_to_utc() alone. *out (when not NULL) gets the median.
 */
static int bench_recur(const bench_opts *b, const char *rule, const char *dtstart, int years,
		       const char *label, double *out)
{
	tlc_recur *rr = NULL;
	const tlc_zone *z;
	tlc_err e = {0};
	if (tlc_zones_get(zones, "Europe/Berlin", &z) < 0 ||
	    tlc_recur_parse_rrule(&rr, rule, strlen(rule), &e) < 0 ||
	    tlc_recur_set_dtstart(rr, dtstart, strlen(dtstart), &e) < 0) {
		fprintf(stderr, "bench: recurrence '%s': %s\n", rule, e.msg);
		return -1;
	}
	const size_t want = 200000;
	size_t cap = (size_t)years * 366 * 8 + 16, per_pass = 0;
	tlc_time *local = malloc(cap * sizeof *local);
	if (!local)
		return -1;
	int runs = b->runs < 5 ? 5 : b->runs;
	double tv[64], fv[64];
	tlc_recur_iter *it = NULL;
	if (tlc_recur_iter_new(&it, rr, z, NULL) < 0)
		return -1;
	for (int r = 0; r < runs; r++) {
		uint64_t acc = 0;
		size_t total = 0;
		double t_it = 0, t_fl = 0;
		while (total < want) {
			tlc_recur_occ o;
			size_t got = 0;
			double t0 = now_s();
			tlc_recur_iter_seek(it, TLC_TIME_MIN);
			/* the first occurrence sets the end of the span */
			tlc_time end = TLC_TIME_NONE;
			while (got < cap && tlc_recur_iter_next(&o, it) == 0) {
				if (end == TLC_TIME_NONE)
					end = o.utc + (tlc_time)years * 365 * 86400;
				if (o.utc >= end)
					break;
				local[got++] = o.local;
				acc += (uint64_t)o.utc;
			}
			double t1 = now_s();
			for (size_t i = 0; i < got; i++) {
				tlc_local_result lr;
				tlc_zone_local_to_utc(z, local[i], TLC_DISAMB_COMPATIBLE, &lr);
				acc += (uint64_t)lr.utc;
			}
			double t2 = now_s();
			if (got == 0)
				return -1;
			per_pass = got;
			total += got;
			t_it += t1 - t0;
			t_fl += t2 - t1;
		}
		sink += acc;
		tv[r] = t_it / (double)total * 1e9;
		fv[r] = t_fl / (double)total * 1e9;
	}
	tlc_recur_iter_free(it);
	char name[72];
	snprintf(name, sizeof name, "recurrence /occ, %s", label);
	double v = median(tv, runs);
	add_row(name, v, median(fv, runs), "ns", "< 100 ns", v < 100 ? PASS : MISS);
	printf("    (%zu occurrences per %d-year pass)\n", per_pass, years);
	free(local);
	tlc_recur_free(rr);
	if (out)
		*out = v;
	return 0;
}

/* MONTHLY and YEARLY rules (issue 21): each beside its floor, then beside the DAILY rule of the
 * same run (the floor column of the second row), which they may cost at most twice. */
static int bench_recur_freqs(const bench_opts *b, double daily)
{
	static const struct {
		const char *rule, *dtstart, *label;
	} rules[] = {
		{"FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9", "2026-01-15 09:00", "monthly BYMONTHDAY=15"},
		{"FREQ=MONTHLY;BYDAY=2TU", "2026-01-13 09:00", "monthly BYDAY=2TU"},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31 09:00", "monthly BYMONTHDAY=-1"},
		{"FREQ=YEARLY", "2026-03-10 09:00", "yearly (DTSTART's day)"},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2026-03-29 09:00", "yearly BYMONTH=3;BYDAY=-1SU"},
		{"FREQ=YEARLY;BYYEARDAY=100", "2026-04-10 09:00", "yearly BYYEARDAY=100"},
		{"FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "2026-05-11 09:00", "yearly BYWEEKNO=20;BYDAY=MO"},
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		char label[72], name[72];
		double v;
		snprintf(label, sizeof label, "%s, 2026-2035", rules[i].label);
		if (bench_recur(b, rules[i].rule, rules[i].dtstart, 10, label, &v) < 0)
			return -1;
		snprintf(name, sizeof name, "  the same, beside daily 09:30 (floor column)");
		add_row(name, v, daily, "ns", "<= 2x daily", v <= 2 * daily ? PASS : MISS);
	}
	return 0;
}

/* The 1-minute load average, or -1. */
static double loadavg(void)
{
	double l = -1;
	FILE *f = fopen("/proc/loadavg", "r");
	if (f) {
		if (fscanf(f, "%lf", &l) != 1)
			l = -1;
		fclose(f);
	}
	return l;
}

static void load_note(const char *when)
{
	double l = loadavg();
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (l < 0)
		return;
	printf("load average %s: %.2f on %ld CPUs%s\n", when, l, n,
	       l > 0.5 * (double)n ? " (busy: other processes share the CPUs; the figures are noisy)"
				     : "");
}

static void machine(void)
{
	struct utsname u;
	char model[256] = "unknown";
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "model name", 10) == 0) {
			char *c = strchr(line, ':');
			if (c) {
				snprintf(model, sizeof model, "%s", c + 2);
				model[strcspn(model, "\n")] = 0;
			}
			break;
		}
	if (f)
		fclose(f);
	uname(&u);
	printf("machine: %s, %ld CPUs; %s %s %s; compiler %s\n", model, sysconf(_SC_NPROCESSORS_ONLN),
	       u.sysname, u.release, u.machine,
#ifdef __VERSION__
	       __VERSION__
#else
	       "unknown"
#endif
	);
	printf("timelinec %s, libyaml %s\n", tlc_version(), yaml_get_version_string());
	load_note("at start");
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--yaml-floor") == 0)
		return yaml_floor_main(argc - 2, argv + 2);
	bench_opts b = {"build/bench", "build/timelinec", argv[0], NULL, 5, 10000, 0};
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			b.dir = argv[++i];
		else if (strcmp(argv[i], "--tool") == 0 && i + 1 < argc)
			b.tool = argv[++i];
		else if (strcmp(argv[i], "--yaml-floor-bin") == 0 && i + 1 < argc)
			b.yaml_floor = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			b.runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
			b.n = atoi(argv[++i]);
		else if (strcmp(argv[i], "--quick") == 0)
			b.quick = 1;
		else {
			fprintf(stderr, "usage: bench [--dir DIR] [--tool TIMELINEC] [--runs N] [--n N] "
					"[--quick] [--yaml-floor-bin YAML_FLOOR]\n       bench --yaml-floor FILE...\n");
			return 2;
		}
	}
	if (b.runs < 1 || b.runs > 64 || b.n < 1 || b.n > 99999) {
		fprintf(stderr, "bench: --runs 1..64, --n 1..99999\n");
		return 2;
	}
	if (b.quick) {
		b.runs = 1;
		if (b.n > 1000)
			b.n = 1000;
	}
	/* argv[0] must be a path posix_spawn can run for the end-to-end floor */
	static char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl > 0) {
		self[sl] = 0;
		b.self = self;
	}
	/* the host's TZ and LANG never matter, but keep children reproducible */
	setenv("SOURCE_DATE_EPOCH", "1780300800", 1);
	fflush(stdout);
	spawner_start();
	machine();
	if (tlc_zones_new_tzif(&zones, NULL) < 0 || tlc_render_ctx_new(&render) < 0) {
		fprintf(stderr, "bench: cannot open the zone database or ICU\n");
		return 1;
	}
	char **paths = corpus_paths(&b);
	if (!paths)
		return 1;
	int rc = 0;
	char spec[4200];
	printf("\n");
	if (bench_corpus(&b, paths) < 0 || bench_e2e(&b, paths) < 0 || bench_cpu(&b, paths) < 0 ||
	    bench_patho(&b) < 0 || bench_limits(&b) < 0)
		rc = 1;
	snprintf(spec, sizeof spec, "examples/standup.yaml");
	if (rc == 0 && (bench_replay(&b, spec, "typical", 1767600000) < 0 ||
			bench_replay(&b, spec, "debugger", 1767600000) < 0))
		rc = 1;
	snprintf(spec, sizeof spec, "%s/replay-year.yaml", b.dir);
	if (rc == 0 && bench_replay(&b, spec, "typical", 1767261600) < 0)
		rc = 1;
	if (rc == 0 && (bench_lookup(&b, 500000) < 0 || bench_lookup(&b, TLC_MAX_ENTRIES) < 0 ||
			bench_timer(&b, "en_US") < 0 ||
			bench_timer(&b, "ar_EG") < 0))
		rc = 1;
	double daily = 0;
	if (rc == 0 &&
	    (bench_recur(&b, "FREQ=DAILY;BYHOUR=9;BYMINUTE=30", "2026-01-01 09:30", 10,
			 "daily 09:30, 2026-2035", &daily) < 0 ||
	     bench_recur(&b, "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=18;BYMINUTE=0", "2026-01-05 18:00", 10,
			 "weekly MO,WE,FR 18:00, 2026-2035", NULL) < 0 ||
	     bench_recur(&b, "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=30", "2026-01-04 02:30", 10,
			 "weekly SU 02:30 (DST gap/overlap)", NULL) < 0 ||
	     bench_recur(&b, "FREQ=DAILY;BYHOUR=9;BYMINUTE=30", "2500-01-01 09:30", 10,
			 "daily 09:30, 2500-2509 (POSIX rule)", NULL) < 0 ||
	     bench_recur_freqs(&b, daily) < 0))
		rc = 1;
	double pk = peak_mb();
	add_row("peak RSS: this bench process (VmHWM)", pk > peak_seen ? pk : peak_seen, -1, "MB", NULL,
		INFO);
	print_table();
	load_note("at the end");
	spawner_stop();
	for (int i = 0; i < b.n; i++)
		free(paths[i]);
	free(paths);
	tlc_render_ctx_free(render);
	tlc_zones_free(zones);
	if (rc != 0)
		fprintf(stderr, "bench: a section failed; the table is incomplete\n");
	return rc;
}
