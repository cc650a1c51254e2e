/*
 * budget.c — the named refresh-budget profiles and custom ones. Every number and its source
 * (Apple's documentation, an Apple engineer, or our assumption) is in docs/budget-model.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timelinec/budget.h"
#include "timelinec/timeparse.h"

static const tlc_budget profiles[] = {
	/* name        reloads/day min-gap reload-late entry-late spacing max-entries tolerance app */
	{"debugger",   -1,         0,      0,          0,         1,      0,          10,       0},
	{"frequent",   70,         900,    900,        2,         300,    400,        10,       0},
	{"typical",    40,         2160,   3600,       2,         300,    400,        10,       0},
	{"rare",       8,          10800,  21600,      2,         300,    400,        10,       0},
	{"frozen",     0,          0,      0,          2,         300,    400,        10,       0},
};
static const char *const names[] = {"debugger", "frequent", "typical", "rare", "frozen", NULL};

const char *const *tlc_budget_names(void) { return names; }

int tlc_budget_get(tlc_budget *out, const char *name)
{
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if (strcmp(profiles[i].name, name) == 0) {
			*out = profiles[i];
			return 0;
		}
	return TLC_ENOTFOUND;
}

#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static int set_err(tlc_err *err, size_t off, size_t len, const char *msg, ...)
{
	va_list ap;
	if (err) {
		err->offset = off;
		err->len = len;
		va_start(ap, msg);
		vsnprintf(err->msg, sizeof err->msg, msg, ap);
		va_end(ap);
	}
	return TLC_EINPUT;
}

static int apply(tlc_budget *b, const char *key, size_t klen, const char *val, size_t vlen,
		 size_t off, tlc_err *err)
{
	static const char *const keys[] = {"reloads", "min-gap", "reload-lateness",
					   "entry-lateness", "spacing", "max-entries", "tolerance"};
	int64_t v = 0;
	int k = -1;
	for (int i = 0; i < 7; i++)
		if (strlen(keys[i]) == klen && memcmp(keys[i], key, klen) == 0)
			k = i;
	if (k < 0)
		return set_err(err, off, klen, "unknown budget setting '%.*s'; expected reloads, "
			       "min-gap, reload-lateness, entry-lateness, spacing, max-entries or "
			       "tolerance", (int)klen, key);
	if (k == 0 || k == 5) {
		char buf[32];
		char *end;
		if (vlen == 0 || vlen >= sizeof buf)
			return set_err(err, off, klen + 1 + vlen, "expected a number for '%s'", keys[k]);
		memcpy(buf, val, vlen);
		buf[vlen] = 0;
		v = strtoll(buf, &end, 10);
		if (*end || v < (k == 0 ? -1 : 0) || v > 100000)
			return set_err(err, off, klen + 1 + vlen, "'%s' takes a count (reloads: -1 for "
				       "unlimited)", keys[k]);
	} else if (tlc_duration_parse(&v, val, vlen, 0, NULL) < 0) {
		return set_err(err, off + klen + 1, vlen, "'%s' takes a duration like '30m'", keys[k]);
	}
	switch (k) {
	case 0: b->reloads_per_day = (int)v; break;
	case 1: b->min_gap = v; break;
	case 2: b->reload_lateness = v; break;
	case 3: b->entry_lateness = v; break;
	case 4: b->min_spacing = v; break;
	case 5: b->max_entries = (int)v; break;
	default: b->tolerance = v; break;
	}
	return 0;
}

int tlc_budget_parse(tlc_budget *out, const char *spec, tlc_err *err)
{
	tlc_budget b;
	const char *colon = strchr(spec, ':');
	size_t nl = colon ? (size_t)(colon - spec) : strlen(spec);
	char base[32];
	if (nl >= sizeof base)
		return set_err(err, 0, nl, "unknown budget profile '%.*s'", (int)nl, spec);
	memcpy(base, spec, nl);
	base[nl] = 0;
	if (tlc_budget_get(&b, strcmp(base, "custom") == 0 ? "typical" : base) < 0)
		return set_err(err, 0, nl, "unknown budget profile '%s'; expected debugger, frequent, "
			       "typical, rare, frozen or custom:...", base);
	snprintf(b.name, sizeof b.name, "%s", base);
	for (const char *p = colon ? colon + 1 : NULL; p && *p;) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			return set_err(err, (size_t)(p - spec), (size_t)(end - p),
				       "expected SETTING=VALUE, not '%.*s'", (int)(end - p), p);
		int rc = apply(&b, p, (size_t)(eq - p), eq + 1, (size_t)(end - eq - 1),
			       (size_t)(p - spec), err);
		if (rc < 0)
			return rc;
		p = comma ? comma + 1 : NULL;
	}
	*out = b;
	return 0;
}
