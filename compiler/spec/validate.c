/*
 * validate.c — checks a node tree's structure against the key table (schema.c): unknown keys
 * (with "did you mean"), wrong types, required and conflicting keys, enums, integer ranges.
 * Values that need the time module, zones, locales or templates are checked in load.c.
 * Every problem is a diagnostic; validation continues past errors to report them all.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "spec/validate.h"

/* Levenshtein distance, bounded: returns limit + 1 when farther. */
size_t tlc_edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	size_t row[64];
	if (lb >= 64 || la >= 64)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = diag + cost;
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb] > limit ? limit + 1 : row[lb];
}

const char *tlc_suggest(const char *word, size_t len, const char *const *cands, size_t n)
{
	size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3, best = limit + 1;
	const char *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t d = tlc_edit_distance(word, len, cands[i], strlen(cands[i]), limit);
		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return pick;
}

/* ---- zone names ------------------------------------------------------------------------- */

/* Abbreviations people write for a zone, and the IANA names of places that use them. */
static const struct zone_abbr {
	const char *abbr, *zones, *what;
} zone_abbrs[] = {
	{"PST", "'America/Los_Angeles'", "Pacific Time"},
	{"PDT", "'America/Los_Angeles'", "Pacific Time"},
	{"PT", "'America/Los_Angeles'", "Pacific Time"},
	{"MST", "'America/Denver' ('America/Phoenix' for Arizona, which has no daylight saving)",
	 "Mountain Time"},
	{"MDT", "'America/Denver'", "Mountain Time"},
	{"MT", "'America/Denver'", "Mountain Time"},
	{"CST", "'America/Chicago' (or 'Asia/Shanghai' for China Standard Time)", "Central Time"},
	{"CDT", "'America/Chicago'", "Central Time"},
	{"CT", "'America/Chicago'", "Central Time"},
	{"EST", "'America/New_York'", "Eastern Time"},
	{"EDT", "'America/New_York'", "Eastern Time"},
	{"ET", "'America/New_York'", "Eastern Time"},
	{"AKST", "'America/Anchorage'", "Alaska Time"},
	{"AKDT", "'America/Anchorage'", "Alaska Time"},
	{"HST", "'Pacific/Honolulu'", "Hawaii Time"},
	{"CET", "'Europe/Paris' or 'Europe/Berlin'", "Central European Time"},
	{"CEST", "'Europe/Paris' or 'Europe/Berlin'", "Central European Time"},
	{"EET", "'Europe/Athens' or 'Europe/Helsinki'", "Eastern European Time"},
	{"EEST", "'Europe/Athens' or 'Europe/Helsinki'", "Eastern European Time"},
	{"WET", "'Europe/Lisbon'", "Western European Time"},
	{"WEST", "'Europe/Lisbon'", "Western European Time"},
	{"BST", "'Europe/London'", "British Summer Time"},
	{"IST", "'Asia/Kolkata' (or 'Europe/Dublin', 'Asia/Jerusalem')", "India Standard Time"},
	{"MSK", "'Europe/Moscow'", "Moscow Time"},
	{"JST", "'Asia/Tokyo'", "Japan Standard Time"},
	{"KST", "'Asia/Seoul'", "Korea Standard Time"},
	{"HKT", "'Asia/Hong_Kong'", "Hong Kong Time"},
	{"SGT", "'Asia/Singapore'", "Singapore Time"},
	{"AEST", "'Australia/Sydney' ('Australia/Brisbane' for Queensland)", "Australian Eastern Time"},
	{"AEDT", "'Australia/Sydney'", "Australian Eastern Time"},
	{"AWST", "'Australia/Perth'", "Australian Western Time"},
	{"NZST", "'Pacific/Auckland'", "New Zealand Time"},
	{"NZDT", "'Pacific/Auckland'", "New Zealand Time"},
	{"BRT", "'America/Sao_Paulo'", "Brasilia Time"},
};

/* Legacy names tzdata keeps (in "backward" since 2024b) that name a rule, not a place. */
static const struct zone_legacy {
	const char *name, *msg, *fix;
} zone_legacies[] = {
	{"CET", "'CET' is a legacy zone name for a rule (Central European Time), not a place",
	 "write the zone of the place, like 'Europe/Paris' or 'Europe/Berlin': what 'CET' means "
	 "depends on the tzdata version (since 2024b, a link to 'Europe/Brussels')"},
	{"MET", "'MET' is a legacy zone name for a rule (Middle European Time), not a place",
	 "write the zone of the place, like 'Europe/Paris' or 'Europe/Berlin'"},
	{"EET", "'EET' is a legacy zone name for a rule (Eastern European Time), not a place",
	 "write the zone of the place, like 'Europe/Athens' or 'Europe/Helsinki'"},
	{"WET", "'WET' is a legacy zone name for a rule (Western European Time), not a place",
	 "write the zone of the place, like 'Europe/Lisbon'"},
	{"EST", "'EST' is UTC-5 all year, with no daylight saving time",
	 "for US Eastern Time write 'America/New_York'; for UTC-5 all year, 'America/Panama'"},
	{"MST", "'MST' is UTC-7 all year, with no daylight saving time",
	 "for US Mountain Time write 'America/Denver'; for Arizona, 'America/Phoenix'"},
	{"HST", "'HST' is a legacy zone name, not a place", "write 'Pacific/Honolulu'"},
	{"EST5EDT", "'EST5EDT' is a legacy POSIX-style rule, not a place",
	 "write 'America/New_York'"},
	{"CST6CDT", "'CST6CDT' is a legacy POSIX-style rule, not a place", "write 'America/Chicago'"},
	{"MST7MDT", "'MST7MDT' is a legacy POSIX-style rule, not a place", "write 'America/Denver'"},
	{"PST8PDT", "'PST8PDT' is a legacy POSIX-style rule, not a place",
	 "write 'America/Los_Angeles'"},
};

bool tlc_zone_legacy(const char *name, const char **msg, const char **fix)
{
	for (size_t i = 0; i < sizeof zone_legacies / sizeof zone_legacies[0]; i++)
		if (strcmp(name, zone_legacies[i].name) == 0) {
			*msg = zone_legacies[i].msg;
			*fix = zone_legacies[i].fix;
			return true;
		}
	return false;
}

typedef struct zone_names {
	char **v;
	size_t n, cap;
} zone_names;

#define ZONE_NAMES_MAX 4096

static void zone_names_add(zone_names *z, const char *name)
{
	if (z->n == z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 256;
		char **v = realloc(z->v, cap * sizeof *v);
		if (!v)
			return;
		z->v = v;
		z->cap = cap;
	}
	size_t len = strlen(name);
	char *c = malloc(len + 1);
	if (c) {
		memcpy(c, name, len + 1);
		z->v[z->n++] = c;
	}
}

/* A zone file's name: starts uppercase, no '.' (skips zone.tab, tzdata.zi, posixrules, ...). */
static bool zone_file_name(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && !strchr(s, '.');
}

/* Every zone file under dir/prefix, depth-first, at most ZONE_NAMES_MAX. */
static void zone_walk(zone_names *z, const char *dir, const char *prefix, int depth)
{
	char path[1024], name[512];
	struct stat st;
	DIR *d;
	struct dirent *e;
	snprintf(path, sizeof path, "%s%s%s", dir, *prefix ? "/" : "", prefix);
	if (depth > 3 || !(d = opendir(path)))
		return;
	while ((e = readdir(d)) != NULL && z->n < ZONE_NAMES_MAX) {
		if (!zone_file_name(e->d_name) || (depth == 0 && (strcmp(e->d_name, "posix") == 0 ||
								  strcmp(e->d_name, "right") == 0)))
			continue;
		int w = snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "/" : "", e->d_name);
		if (w < 0 || (size_t)w >= sizeof name)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			zone_walk(z, dir, name, depth + 1);
		else if (S_ISREG(st.st_mode))
			zone_names_add(z, name);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* s lowercased, with spaces as '_' ("new york" reads as "new_york"); at most cap - 1 bytes. */
static size_t zone_fold(char *out, size_t cap, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < cap; i++)
		out[i] = s[i] == ' ' ? '_' : (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[i] = '\0';
	return i;
}

/* The candidate whose full name, or city (the part after the last '/'), is closest to name. */
static const char *zone_closest(const zone_names *z, const char *name)
{
	char a[128], b[128];
	size_t la = zone_fold(a, sizeof a, name);
	size_t limit = la <= 3 ? 1 : la <= 6 ? 2 : 3, best = limit + 1;
	const char *pick = NULL;
	for (size_t i = 0; i < z->n; i++) {
		const char *city = strrchr(z->v[i], '/');
		size_t lb = zone_fold(b, sizeof b, z->v[i]), d;
		d = tlc_edit_distance(a, la, b, lb, limit);
		if (city && !strchr(name, '/')) {
			size_t lc = zone_fold(b, sizeof b, city + 1);
			size_t dc = tlc_edit_distance(a, la, b, lc, limit);
			d = dc < d ? dc : d;
		}
		if (d < best) {
			best = d;
			pick = z->v[i];
		}
	}
	return pick;
}

/*
 * The sorted zone names under one folder, read once per process (a fuzzer or a server reports
 * many unknown zones; the folder holds some 1,800 files). Guarded: specs load in threads.
 */
static pthread_mutex_t zone_cache_lock = PTHREAD_MUTEX_INITIALIZER;
static zone_names zone_cache;
static char zone_cache_dir[1024];

static const zone_names *zone_cache_get(const char *zonedir)
{
	if (strcmp(zone_cache_dir, zonedir) == 0 && zone_cache.n)
		return &zone_cache;
	for (size_t i = 0; i < zone_cache.n; i++)
		free(zone_cache.v[i]);
	zone_cache.n = 0;
	zone_walk(&zone_cache, zonedir, "", 0);
	if (zone_cache.n)
		qsort(zone_cache.v, zone_cache.n, sizeof *zone_cache.v, cmp_str);
	snprintf(zone_cache_dir, sizeof zone_cache_dir, "%s", zonedir);
	return &zone_cache;
}

void tlc_zone_suggest(tlc_buf *fix, const char *name, const char *zonedir)
{
	static const zone_names none = {NULL, 0, 0};
	char a[128], b[128];
	const char *pick = NULL;
	for (size_t i = 0; i < sizeof zone_abbrs / sizeof zone_abbrs[0]; i++)
		if (strcmp(name, zone_abbrs[i].abbr) == 0) {
			tlc_buf_printf(fix, "'%s' is an abbreviation (%s), not a zone: write the IANA "
					    "name of a place that uses it, like %s, which also follows its "
					    "daylight saving time", name, zone_abbrs[i].what,
				       zone_abbrs[i].zones);
			return;
		}
	pthread_mutex_lock(&zone_cache_lock);
	const zone_names *z = zonedir ? zone_cache_get(zonedir) : &none;
	zone_fold(a, sizeof a, name);
	for (size_t i = 0; i < z->n && !pick; i++)
		if (zone_fold(b, sizeof b, z->v[i]) && strcmp(a, b) == 0)
			pick = z->v[i];
	if (pick) {
		tlc_buf_printf(fix, "did you mean '%s'? Zone names are case-sensitive%s", pick,
			       strchr(name, ' ') ? ", with '_' for a space" : "");
	} else if ((pick = zone_closest(z, name)) != NULL) {
		tlc_buf_printf(fix, "did you mean '%s'?", pick);
	}
	pthread_mutex_unlock(&zone_cache_lock);
}

typedef struct vstate {
	tlc_ctx *ctx;
	int errors;
} vstate;

static void validate_node(vstate *v, const tlc_node *n, const tlc_type *t);

static void wrong_type(vstate *v, const tlc_node *n, const tlc_type *t)
{
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL011", n->span, "expected %s, found %s",
				   tlc_type_expectation(t), tlc_node_kind_name(n));
	if (n->kind == TLC_NODE_SCALAR && t->kind != TLC_V_INT && t->kind != TLC_V_NUMBER &&
	    t->kind != TLC_V_BOOL && (n->type == TLC_SCALAR_INT || n->type == TLC_SCALAR_FLOAT ||
				      n->type == TLC_SCALAR_BOOL))
		tlc_diag_set_fix(g, "quote it to make it a string: \"%s\"", n->str);
	v->errors++;
}

static const char *key_name_at(const void *keys, size_t i)
{
	return ((const tlc_keydef *)keys)[i].name;
}

static void unknown_key(vstate *v, const tlc_node *key, const tlc_type *t)
{
	const char *cands[128];
	size_t n = 0;
	for (size_t i = 0; i < t->nkeys && n < 128; i++)
		cands[n++] = key_name_at(t->keys, i);
	const char *s = tlc_suggest(key->str, key->len, cands, n);
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL010", key->span, "unknown key '%s' in %s",
				   key->str, t->name);
	if (s) {
		tlc_diag_set_fix(g, "did you mean '%s'?", s);
	} else if (t == &tlc_type_widget_spec &&
		   tlc_type_key(&tlc_type_activity_spec, key->str, key->len)) {
		tlc_diag_set_fix(g, "'%s' belongs to Live Activity specs (with 'live-activity:')", key->str);
	} else if (t == &tlc_type_activity_spec &&
		   tlc_type_key(&tlc_type_widget_spec, key->str, key->len)) {
		tlc_diag_set_fix(g, "'%s' belongs to widget specs (with 'widget:')", key->str);
	}
	v->errors++;
}

static void check_groups(vstate *v, const tlc_node *n, const tlc_type *t)
{
	for (const tlc_keygroup *g = t->groups; g && g->names; g++) {
		const tlc_node *first = NULL, *firstkey = NULL;
		size_t count = 0;
		for (size_t i = 0; i < n->n; i++)
			for (const char *const *nm = g->names; *nm; nm++)
				if (strcmp(n->pairs[i].key->str, *nm) == 0) {
					if (count++ == 0) {
						first = n->pairs[i].value;
						firstkey = n->pairs[i].key;
					} else {
						tlc_diag *d = tlc_diag_add(
							&v->ctx->diags, "TL016", n->pairs[i].key->span,
							"'%s' cannot be used together with '%s'",
							n->pairs[i].key->str, firstkey->str);
						tlc_diag_set_related(d, firstkey->span, "'%s' given here",
								     firstkey->str);
						v->errors++;
					}
				}
		(void)first;
		if (g->required && count == 0) {
			tlc_buf b = TLC_BUF_INIT;
			for (const char *const *nm = g->names; *nm; nm++)
				tlc_buf_printf(&b, "%s'%s'", nm == g->names ? "" : nm[1] ? ", " : " or ", *nm);
			tlc_diag_add(&v->ctx->diags, "TL013", tlc_span_make(n->span.file, n->span.start, n->span.start),
				     "%s needs one of %s", t->name, b.ptr);
			tlc_buf_release(&b);
			v->errors++;
		}
	}
}

/*
 * "text: {days}" is a YAML mapping {days: null}, not the text "{days}": a flow mapping of one
 * key without a value, where the key is unknown, is said to be a text needing quotes.
 */
static bool braced_text(vstate *v, const tlc_node *n)
{
	const tlc_source *src = tlc_sources_get(&v->ctx->sources, n->span.file);
	const tlc_node *val = n->n == 1 ? n->pairs[0].value : NULL;
	if (!src || !val || val->kind != TLC_NODE_SCALAR || val->type != TLC_SCALAR_NULL ||
	    n->span.start >= src->len || src->text[n->span.start] != '{' || n->span.end > src->len ||
	    memchr(src->text + n->span.start, '\n', n->span.end - n->span.start))
		return false;
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL011", n->span,
				   "'%.*s' is read as a YAML mapping, not a text",
				   (int)(n->span.end - n->span.start), src->text + n->span.start);
	tlc_diag_set_fix(g, "quote the text: \"%.*s\"", (int)(n->span.end - n->span.start),
			 src->text + n->span.start);
	v->errors++;
	return true;
}

static void validate_object(vstate *v, const tlc_node *n, const tlc_type *t)
{
	if (n->kind != TLC_NODE_MAP) {
		wrong_type(v, n, t);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *k = n->pairs[i].key;
		const tlc_keydef *kd = tlc_type_key(t, k->str, k->len);
		if (!kd && !braced_text(v, n))
			unknown_key(v, k, t);
		else if (kd)
			validate_node(v, n->pairs[i].value, kd->type);
	}
	for (size_t i = 0; i < t->nkeys; i++)
		if ((t->keys[i].flags & TLC_KEY_REQUIRED) && !tlc_node_get(n, t->keys[i].name)) {
			tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL013",
						   tlc_span_make(n->span.file, n->span.start, n->span.start),
						   "%s is missing the required key '%s'", t->name,
						   t->keys[i].name);
			if (t->keys[i].example)
				tlc_diag_set_fix(g, "add '%s: %s'", t->keys[i].name, t->keys[i].example);
			v->errors++;
		}
	check_groups(v, n, t);
}

static bool is_name(const char *s, size_t n)
{
	if (!n || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static void validate_map(vstate *v, const tlc_node *n, const tlc_type *t)
{
	if (n->kind != TLC_NODE_MAP) {
		wrong_type(v, n, t);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const tlc_node *k = n->pairs[i].key;
		if (t->enums) {
			bool ok = false;
			size_t ne = 0;
			for (; t->enums[ne]; ne++)
				ok = ok || strcmp(t->enums[ne], k->str) == 0;
			if (!ok && braced_text(v, n))
				return;
			if (!ok) {
				const char *s = tlc_suggest(k->str, k->len, t->enums, ne);
				tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL010", k->span,
							   "unknown key '%s' in %s", k->str, t->name);
				if (s)
					tlc_diag_set_fix(g, "did you mean '%s'?", s);
				v->errors++;
				continue;
			}
		} else if (!is_name(k->str, k->len)) {
			tlc_diag_add(&v->ctx->diags, "TL014", k->span,
				     "'%s' is not a valid name; use letters, digits, '_', '-' and '.', "
				     "starting with a letter", k->str);
			v->errors++;
			continue;
		}
		validate_node(v, n->pairs[i].value, t->elem);
	}
}

/*
 * A value written as in Swift (".atEnd", "atEnd", ".after(6h)"): the fix shows the spec's
 * spelling ("at-end", "{after: 6h}"). False when the value is not such a spelling.
 */
static bool swift_spelling(tlc_diag *g, const tlc_node *n, const tlc_type *t)
{
	const char *w = n->str[0] == '.' ? n->str + 1 : n->str;
	size_t len = strlen(w), o = 0;
	char kebab[64];
	if (len > 7 && strncmp(w, "after(", 6) == 0 && w[len - 1] == ')' &&
	    strcmp(t->name, "reload policy") == 0) {
		tlc_diag_set_fix(g, "'%s' is the Swift spelling: in a spec write 'reload: {after: %.*s}'",
				 n->str, (int)(len - 7), w + 6);
		return true;
	}
	for (size_t i = 0; i < len && o + 2 < sizeof kebab; i++) {
		if (w[i] >= 'A' && w[i] <= 'Z' && i > 0)
			kebab[o++] = '-';
		kebab[o++] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
	}
	kebab[o] = '\0';
	if (w == n->str && strcmp(kebab, n->str) == 0)
		return false; /* neither a leading '.' nor camelCase */
	for (size_t i = 0; t->enums[i]; i++)
		if (strcmp(t->enums[i], kebab) == 0) {
			tlc_diag_set_fix(g, "'%s' is the Swift spelling: in a spec write '%s'", n->str,
					 kebab);
			return true;
		}
	return false;
}

static void validate_enum(vstate *v, const tlc_node *n, const tlc_type *t)
{
	size_t ne = 0;
	for (; t->enums[ne]; ne++)
		if (strcmp(t->enums[ne], n->str) == 0)
			return;
	tlc_buf b = TLC_BUF_INIT;
	for (size_t i = 0; i < ne; i++)
		tlc_buf_printf(&b, "%s'%s'", i == 0 ? "" : i + 1 == ne ? " or " : ", ", t->enums[i]);
	tlc_diag *g = tlc_diag_add(&v->ctx->diags, "TL014", n->span, "unknown %s '%s'; expected %s",
				   t->name, n->str, b.ptr);
	const char *s = tlc_suggest(n->str, n->len, t->enums, ne);
	if (!swift_spelling(g, n, t) && s)
		tlc_diag_set_fix(g, "did you mean '%s'?", s);
	tlc_buf_release(&b);
	v->errors++;
}

int tlc_scalar_int(const tlc_node *n, int64_t *out)
{
	if (n->kind != TLC_NODE_SCALAR || n->type != TLC_SCALAR_INT)
		return TLC_EINPUT;
	errno = 0;
	char *end;
	int base = (n->len > 2 && n->str[0] == '0' && (n->str[1] == 'x' || n->str[1] == 'o')) ? 16 : 10;
	const char *s = n->str;
	if (base == 16 && n->str[1] == 'o') {
		base = 8;
		s += 2;
	}
	long long v = strtoll(s, &end, base);
	if (errno == ERANGE || *end)
		return TLC_ERANGE;
	*out = v;
	return 0;
}

int tlc_scalar_number(const tlc_node *n, double *out)
{
	int64_t iv;
	if (n->kind != TLC_NODE_SCALAR)
		return TLC_EINPUT;
	if (n->type == TLC_SCALAR_INT) {
		if (tlc_scalar_int(n, &iv) < 0)
			return TLC_ERANGE;
		*out = (double)iv;
		return 0;
	}
	if (n->type != TLC_SCALAR_FLOAT)
		return TLC_EINPUT;
	const char *s = n->str, *t = (*s == '-' || *s == '+') ? s + 1 : s;
	if (t[0] == '.' && (t[1] == 'i' || t[1] == 'I' || t[1] == 'n' || t[1] == 'N'))
		return TLC_ERANGE; /* .inf, .nan (strtod would read them as 0) */
	char *end;
	double d = strtod(s, &end);
	if (*end || !isfinite(d))
		return TLC_ERANGE;
	*out = d;
	return 0;
}

static void validate_number(vstate *v, const tlc_node *n, const tlc_type *t)
{
	int64_t iv;
	double d;
	if (n->type == TLC_SCALAR_FLOAT && t->kind == TLC_V_NUMBER) {
		if (tlc_scalar_number(n, &d) < 0) {
			tlc_diag_add(&v->ctx->diags, "TL015", n->span, "%s is not a finite number", n->str);
			v->errors++;
			return;
		}
		if (!(d >= (double)t->min && d <= (double)t->max))
			goto range;
		return;
	}
	if (n->type != TLC_SCALAR_INT) {
		wrong_type(v, n, t);
		return;
	}
	if (tlc_scalar_int(n, &iv) < 0 || iv < t->min || iv > t->max)
		goto range;
	return;
range:
	tlc_diag_add(&v->ctx->diags, "TL015", n->span, "%s is out of range; expected %lld to %lld",
		     n->str, (long long)t->min, (long long)t->max);
	v->errors++;
}

static void validate_scalar(vstate *v, const tlc_node *n, const tlc_type *t)
{
	if (n->kind != TLC_NODE_SCALAR) {
		wrong_type(v, n, t);
		return;
	}
	switch (t->kind) {
	case TLC_V_INT:
	case TLC_V_NUMBER:
		validate_number(v, n, t);
		return;
	case TLC_V_BOOL:
		if (n->type != TLC_SCALAR_BOOL)
			wrong_type(v, n, t);
		return;
	case TLC_V_ANY_SCALAR:
		return;
	case TLC_V_SDURATION:
	case TLC_V_DURATION:
		/* '0' is a duration too; units are checked by the time module */
		if (n->type != TLC_SCALAR_STR && n->type != TLC_SCALAR_INT)
			wrong_type(v, n, t);
		return;
	default:
		break;
	}
	if (n->type != TLC_SCALAR_STR) {
		wrong_type(v, n, t);
		return;
	}
	if (t->kind == TLC_V_ENUM)
		validate_enum(v, n, t);
	else if (t->kind == TLC_V_NAME && !is_name(n->str, n->len)) {
		tlc_diag_add(&v->ctx->diags, "TL014", n->span,
			     "'%s' is not a valid %s; use letters, digits, '_', '-' and '.', starting "
			     "with a letter", n->str, t->name);
		v->errors++;
	}
}

static void validate_node(vstate *v, const tlc_node *n, const tlc_type *t)
{
	switch (t->kind) {
	case TLC_V_OBJECT:
		validate_object(v, n, t);
		return;
	case TLC_V_MAP:
		validate_map(v, n, t);
		return;
	case TLC_V_LIST:
		if (n->kind != TLC_NODE_SEQ) {
			wrong_type(v, n, t);
			return;
		}
		for (size_t i = 0; i < n->n; i++)
			validate_node(v, n->items[i], t->elem);
		return;
	case TLC_V_EITHER:
		validate_node(v, n, n->kind == TLC_NODE_SCALAR ? t->elem : t->alt);
		return;
	default:
		validate_scalar(v, n, t);
		return;
	}
}

int tlc_validate(tlc_ctx *ctx, const tlc_node *root, const tlc_type *t)
{
	vstate v = {ctx, 0};
	validate_node(&v, root, t);
	return v.errors ? TLC_EINPUT : 0;
}
