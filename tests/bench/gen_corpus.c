/*
 * gen_corpus.c — writes the benchmark corpus: N typical widget specs (15-20 lines each,
 * variations of the examples/ specs: launch, sale, flight, match, standup and an RRULE class) and
 * the pathological specs whose baked number changes every minute for a year.
 *
 *   gen_corpus OUTDIR [N]      writes OUTDIR/corpus/s00000.yaml ... and OUTDIR/patho-*.yaml
 *
 * Deterministic (a fixed seed): the same N gives the same bytes. Every spec is valid; most are
 * clean under `timelinec check`, a few carry the warnings real specs carry. Standalone C11 with
 * libc only, so the bench can be built before the library.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state = 0x74696d656c696e65ULL;

static uint64_t rng(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pick(int n) { return (int)(rng() % (uint64_t)n); }

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const zones[] = {
	"Europe/Berlin", "Europe/London", "Europe/Paris", "America/New_York",
	"America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "UTC", "America/Sao_Paulo",
	"Asia/Kolkata", "Europe/Madrid", "America/Chicago",
};
static const char *const locales[] = {
	"en_US", "de_DE", "fr_FR", "en_GB", "es_ES", "it_IT", "ja_JP", "nl_NL", "pt_BR",
};
static const char *const events[] = {
	"launch", "the sale", "the release", "the party", "kick-off", "the exam", "the concert",
	"the deadline", "the premiere", "the keynote", "the Café opening", "the Sommerfest",
};
static const char *const names[] = {
	"Launch", "Release", "Party", "Exam", "Concert", "Deadline", "Premiere", "Keynote", "Opening",
};
static const char *const comments[] = {
	"# A countdown the marketing team asked for.",
	"# Generated for the benchmark corpus (tests/bench/gen_corpus.c).",
	"# Days first, then a live timer on the last day.",
	"# Keep the strings short: accessory families truncate.",
};

/* Days since 1970-01-01 -> civil date (Howard Hinnant). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A local date-time "YYYY-MM-DD HH:MM" for day number `day` at minute-of-day `mod`. */
static void fmt_local(char *out, size_t n, int64_t day, int mod)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02d %02d:%02d", y, m, d, mod / 60, mod % 60);
}

static void fmt_date(char *out, size_t n, int64_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

/* 2026-01-12, a Monday */
#define DAY0 20465

typedef struct out {
	FILE *f;
	int lines;
} out;

static void line(out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	fputc('\n', o->f);
	o->lines++;
}

static void header(out *o, const char *kind, int i, const char *zone, int comment_ok)
{
	if (comment_ok && pick(3) == 0)
		line(o, "%s", comments[pick(COUNT(comments))]);
	line(o, "timelinec: 1");
	line(o, "widget: %s%05d", kind, i);
	line(o, "timezone: %s", zone);
	int a = pick(COUNT(locales)), n = 1 + pick(3);
	char buf[128] = "";
	for (int k = 0; k < n; k++) {
		const char *l = locales[(a + k * 4) % COUNT(locales)];
		if (strstr(buf, l))
			continue;
		if (*buf)
			strcat(buf, ", ");
		strcat(buf, l);
	}
	line(o, "locales: [%s]", buf);
}

/* A start/target minute-of-day away from the 01:00-03:59 DST changes. */
static int day_minute(int lo_h, int hi_h) { return (lo_h + pick(hi_h - lo_h)) * 60 + 15 * pick(4); }

static void spec_launch(out *o, int i)
{
	char ws[32], we[32], to[32];
	const char *ev = events[pick(COUNT(events))];
	int64_t tday = DAY0 + 20 + pick(600);
	int lead = 3 + pick(18);
	fmt_local(ws, sizeof ws, tday - lead, 9 * 60);
	fmt_local(we, sizeof we, tday + 1 + pick(7), 0);
	fmt_local(to, sizeof to, tday, day_minute(10, 22));
	int rel = pick(2), inl = pick(2);
	header(o, names[pick(COUNT(names))], i, zones[pick(COUNT(zones))], !(rel && inl));
	line(o, "window: %s .. %s", ws, we);
	line(o, "");
	line(o, "countdown:");
	line(o, "  to: %s", to);
	if (rel)
		line(o, "  relevance: {score: %d, from: -2h, until: 30m}", 50 + 10 * pick(5));
	line(o, "  show:");
	line(o, "    - above: 24h");
	if (inl) {
		line(o, "      text:");
		line(o, "        default: \"{days, plural, one {# day} other {# days}} to %s\"", ev);
		line(o, "        accessoryInline: \"{days}d to %s\"", ev);
	} else {
		line(o, "      text: \"{days, plural, one {# day} other {# days}} to %s\"", ev);
	}
	line(o, "    - above: 0s");
	line(o, "      text: \"Starts in {timer}\"");
	line(o, "    - above: -%dm", 15 * (1 + pick(4)));
	line(o, "      text: \"Happening now\"");
	line(o, "    - text: \"Over\"");
}

static void spec_sale(out *o, int i)
{
	char to[32];
	fmt_local(to, sizeof to, DAY0 + 10 + pick(600), day_minute(12, 23) + 14);
	header(o, "Sale", i, zones[pick(COUNT(zones))], 1);
	line(o, "horizon: %dd", 2 + pick(6));
	line(o, "");
	line(o, "countdown:");
	line(o, "  to: %s", to);
	line(o, "  show:");
	line(o, "    - above: 24h");
	line(o, "      text: \"Sale ends in {days, plural, one {# day} other {# days}}\"");
	line(o, "    - above: 1h");
	line(o, "      text: \"Last day: {total-hours, plural, one {# hour} other {# hours}} left\"");
	line(o, "    - above: 0s");
	line(o, "      text: \"Ends in {timer}\"");
	line(o, "    - text: \"Sale over\"");
}

static void spec_flight(out *o, int i)
{
	header(o, "Flight", i, zones[pick(COUNT(zones))], 0);
	line(o, "horizon: 2d");
	line(o, "params:");
	line(o, "  departure: instant");
	line(o, "  flight: text");
	line(o, "check-params:");
	line(o, "  departure: 10m .. %dh after now", 12 + 12 * pick(3));
	line(o, "countdown:");
	line(o, "  to: $departure");
	line(o, "  show:");
	line(o, "    - above: 3h");
	line(o, "      text: \"{flight} departs at {time}\"");
	line(o, "    - above: 40m");
	line(o, "      text: \"{flight} boards in {timer}\"");
	line(o, "    - above: 0s");
	line(o, "      text: \"{flight} boarding\"");
	line(o, "    - text: \"{flight} departed\"");
}

static void spec_match(out *o, int i)
{
	char ws[32], we[32], to[32];
	int64_t d = DAY0 + pick(600);
	fmt_local(ws, sizeof ws, d, 9 * 60);
	fmt_local(we, sizeof we, d + 1, 9 * 60);
	fmt_local(to, sizeof to, d, day_minute(12, 21));
	header(o, "Match", i, zones[pick(COUNT(zones))], 1);
	line(o, "window: %s .. %s", ws, we);
	line(o, "");
	line(o, "countdown:");
	line(o, "  to: %s", to);
	line(o, "  relevance: {score: 100, from: -1h, until: 2h}");
	line(o, "  show:");
	line(o, "    - above: 2h");
	line(o, "      text: \"Kick-off at {time}\"");
	line(o, "    - above: 0s");
	line(o, "      text: \"Kick-off in {timer}\"");
	line(o, "    - above: -105m");
	line(o, "      text: \"LIVE\"");
	line(o, "    - text: \"Full time\"");
}

static void spec_standup(out *o, int i)
{
	static const char *const every[] = {"weekdays", "daily", "mondays", "mon,wed,fri", "weekends",
					    "tue,thu"};
	int mod = day_minute(7, 20);
	header(o, "Standup", i, zones[pick(COUNT(zones))], 1);
	line(o, "horizon: %dd", 3 + pick(5));
	line(o, "refresh-sources: [app-open]");
	line(o, "");
	line(o, "countdown:");
	line(o, "  every: %s %02d:%02d", every[pick(COUNT(every))], mod / 60, mod % 60);
	line(o, "  relevance: {score: 60, from: -1h, until: 15m}");
	line(o, "  show:");
	line(o, "    - above: 1h");
	line(o, "      text: \"Stand-up at {time}\"");
	line(o, "    - above: 0s");
	line(o, "      text: \"Stand-up in {timer}\"");
	line(o, "    - above: -15m");
	line(o, "      text: \"Stand-up now\"");
}

static void spec_rrule(out *o, int i)
{
	static const char *const byday[] = {"MO,WE", "TU,TH", "MO,WE,FR", "SA", "FR", "MO,TU,WE,TH,FR"};
	char ds[32];
	int h = 8 + pick(12);
	fmt_date(ds, sizeof ds, DAY0 + 7 * pick(60));
	header(o, "Class", i, zones[pick(COUNT(zones))], 1);
	line(o, "horizon: 7d");
	line(o, "");
	line(o, "countdown:");
	line(o, "  rrule: FREQ=WEEKLY;BYDAY=%s;BYHOUR=%d;BYMINUTE=0", byday[pick(COUNT(byday))], h);
	line(o, "  dtstart: %s %02d:00", ds, h);
	line(o, "  show:");
	line(o, "    - above: 2h");
	line(o, "      text: \"Next class at {time}\"");
	line(o, "    - above: 0s");
	line(o, "      text: \"Class starts in {timer}\"");
	line(o, "    - above: -1h");
	line(o, "      text: \"Class in progress\"");
}

static int write_spec(const char *path, void (*fn)(out *, int), int i)
{
	out o = {fopen(path, "w"), 0};
	if (!o.f) {
		fprintf(stderr, "gen_corpus: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	fn(&o, i);
	if (fclose(o.f) != 0)
		return -1;
	if (o.lines < 15 || o.lines > 20) {
		fprintf(stderr, "gen_corpus: %s has %d lines (15-20 wanted)\n", path, o.lines);
		return -1;
	}
	return 0;
}

/* The pathological specs: a baked number that changes every minute for a year. */
static const char patho_window[] =
	"# A baked minute count over a one-year window: 525,600 changes. Must be refused fast.\n"
	"timelinec: 1\n"
	"widget: MinuteYear\n"
	"timezone: Europe/Berlin\n"
	"locales: [en_US, de_DE]\n"
	"window: 2026-01-01 00:00 .. 2027-01-01 00:00\n"
	"countdown:\n"
	"  to: 2027-01-01 00:00\n"
	"  show:\n"
	"    - above: 0s\n"
	"      text: \"{total-minutes, plural, one {# minute} other {# minutes}} left\"\n"
	"    - text: \"Happy new year\"\n";
static const char patho_horizon[] =
	"# Days, hours and minutes baked, target a year out, a 365-day horizon.\n"
	"timelinec: 1\n"
	"widget: MinuteHorizon\n"
	"timezone: America/New_York\n"
	"horizon: 365d\n"
	"countdown:\n"
	"  to: 2027-03-01 12:00\n"
	"  show:\n"
	"    - above: 0s\n"
	"      text: \"{days}d {hours}h {minutes}m to go\"\n"
	"    - text: \"Done\"\n";
static const char patho_recur[] =
	"# A recurring target every minute, the minutes baked, over a one-year window.\n"
	"timelinec: 1\n"
	"widget: MinuteRecur\n"
	"timezone: Europe/Berlin\n"
	"window: 2026-01-01 00:00 .. 2027-01-01 00:00\n"
	"countdown:\n"
	"  every: every 1m\n"
	"  show:\n"
	"    - above: 0s\n"
	"      text: \"next in {seconds}s\"\n"
	"    - above: -1s\n"
	"      text: \"now\"\n";

/* For the one-year replay: a day count over a one-year window. */
static const char replay_year[] =
	"timelinec: 1\n"
	"widget: YearCountdown\n"
	"timezone: Europe/Berlin\n"
	"locales: [en_US, de_DE]\n"
	"window: 2026-01-01 10:00 .. 2027-01-02 00:00\n"
	"countdown:\n"
	"  to: 2026-12-31 18:00\n"
	"  relevance: {score: 80, from: -2h, until: 30m}\n"
	"  show:\n"
	"    - above: 24h\n"
	"      text: \"{days, plural, one {# day} other {# days}} to go\"\n"
	"    - above: 0s\n"
	"      text: \"{timer}\"\n"
	"    - text: \"Happy new year\"\n";

/*
 * The specs at the language's limits (issue 21): 64 countdowns, each text in all 8 families, 9
 * locales, over a one-year window. `same_target` gives every countdown one target (their
 * changes coincide); otherwise each has its own date. Every command must answer within 2 s and
 * 200 MB, whether it accepts or refuses them.
 */
static int write_limits(const char *dir, const char *name, const char *deflt, const char *fam,
			int same_target)
{
	static const char *const fams[] = {"small", "medium", "large", "extraLarge", "accessoryInline",
					   "accessoryCircular", "accessoryRectangular"};
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen_corpus: cannot write '%s'\n", path);
		return -1;
	}
	fprintf(f, "# At the limits: 64 countdowns x 8 families x 9 locales over a year (gen_corpus.c).\n"
		   "timelinec: 1\nwidget: Limits\ntimezone: Europe/Berlin\n"
		   "locales: [en_US, de_DE, fr_FR, ja_JP, ar_EG, ru_RU, es_ES, zh_CN, tr_TR]\n"
		   "window: 2026-12-07T00:00:00Z .. 2027-12-07T00:00:00Z\ncountdowns:\n");
	for (int i = 0; i < 64; i++) {
		fprintf(f, "  - id: c%d\n    to: 2027-%02d-%02d 09:00\n    show:\n      - above: 0s\n"
			   "        text:\n          default: \"%s\"\n", i, same_target ? 12 : i % 12 + 1,
			same_target ? 1 : i % 28 + 1, deflt);
		for (size_t k = 0; k < sizeof fams / sizeof fams[0]; k++)
			fprintf(f, "          %s: \"%s\"\n", fams[k], fam);
		fprintf(f, "      - text: \"Done\"\n");
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "gen_corpus: cannot write '%s'\n", path);
		return -1;
	}
	return 0;
}

static int write_text(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "gen_corpus: cannot write '%s'\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_corpus OUTDIR [N]\n");
		return 2;
	}
	long n = argc == 3 ? strtol(argv[2], NULL, 10) : 10000;
	if (n <= 0 || n > 99999) {
		fprintf(stderr, "gen_corpus: N must be 1..99999\n");
		return 2;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/corpus", argv[1]);
	mkdir(argv[1], 0755);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen_corpus: cannot create '%s': %s\n", dir, strerror(errno));
		return 1;
	}
	/* the mix: launch 25%, sale 20%, flight 15%, match 15%, standup 15%, rrule 10% */
	static void (*const kinds[20])(out *, int) = {
		spec_launch, spec_launch, spec_launch, spec_launch, spec_launch,
		spec_sale, spec_sale, spec_sale, spec_sale,
		spec_flight, spec_flight, spec_flight,
		spec_match, spec_match, spec_match,
		spec_standup, spec_standup, spec_standup,
		spec_rrule, spec_rrule,
	};
	for (long i = 0; i < n; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/s%05ld.yaml", dir, i);
		if (write_spec(path, kinds[pick(20)], (int)i) < 0)
			return 1;
	}
	if (write_text(argv[1], "patho-window.yaml", patho_window) < 0 ||
	    write_text(argv[1], "patho-horizon.yaml", patho_horizon) < 0 ||
	    write_text(argv[1], "patho-recur.yaml", patho_recur) < 0 ||
	    write_text(argv[1], "replay-year.yaml", replay_year) < 0)
		return 1;
	/* a minute count in each (more than TLC_MAX_ENTRIES changes); an hour count (fewer, but
	   more than TLC_MAX_TIMELINE_MEMORY of entries); a day count, one target for all (baked
	   texts past TLC_MAX_PROGRAM_BYTES) */
	if (write_limits(argv[1], "limits-minutes.yaml",
			 "{total-minutes, plural, one {# minute} other {# minutes}}",
			 "{days} d {hours} h {minutes} m", 0) < 0 ||
	    write_limits(argv[1], "limits-hours.yaml", "{total-hours, plural, one {# hour} other {# hours}}",
			 "{days} d {hours} h", 0) < 0 ||
	    write_limits(argv[1], "limits-days.yaml", "{days, plural, one {# day} other {# days}}",
			 "{days} d", 1) < 0)
		return 1;
	printf("gen_corpus: %ld specs in %s, 3 pathological specs, 3 at the limits and replay-year.yaml "
	       "in %s\n", n, dir, argv[1]);
	return 0;
}
