/*
 * Zone providers and the algorithms that run over any of them; see timelinec/zone.h.
 *
 * A tlc_zones holds a provider's callbacks, a cache of opened zones (an open-addressing hash
 * table keyed by the requested name) and the mutex that guards the cache. Fixed offsets
 * ("UTC", "Z", "+05:30") never reach the provider. Everything else (local -> UTC, transition
 * search) is written once, over the callbacks, so the TZif provider and an app's own provider
 * behave alike. Provider answers are checked: an offset outside
 * [TLC_ZONE_OFF_MIN, TLC_ZONE_OFF_MAX] or a transition on the wrong side of the query is
 * TLC_EINPUT.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "zone_internal.h"

#define CACHE_MIN 16
/* local -> UTC looks at most this many transitions within ~48 h before giving up. */
#define LOCAL_SEGMENTS_MAX 64

struct tlc_zones {
	tlc_zone_provider_ops ops;
	void *ud;
	const char *dir; /* the TZif provider's directory (its ud), else NULL */
	char *version;
	pthread_mutex_t lock;
	bool lock_ok;
	tlc_zone **slots; /* power-of-two open-addressing table */
	size_t cap, count;
};

struct tlc_zone {
	const tlc_zones *owner;
	char *name;
	void *impl;    /* the provider's handle, when `open` */
	bool open;     /* impl came from ops.open: close it */
	bool fixed;    /* a fixed offset: no provider */
	int32_t fixed_off;
};

/* ---- lifecycle ---- */

static int dup_str(char **out, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (!p)
		return TLC_ENOMEM;
	memcpy(p, s, n);
	*out = p;
	return 0;
}

static void zone_free(const tlc_zones *zs, tlc_zone *z)
{
	if (!z)
		return;
	if (z->open && zs->ops.close)
		zs->ops.close(zs->ud, z->impl);
	free(z->name);
	free(z);
}

void tlc_zones_free(tlc_zones *zones)
{
	if (!zones)
		return;
	for (size_t i = 0; zones->slots && i < zones->cap; i++)
		zone_free(zones, zones->slots[i]);
	free(zones->slots);
	if (zones->lock_ok)
		pthread_mutex_destroy(&zones->lock);
	if (zones->ops.free_ud)
		zones->ops.free_ud(zones->ud);
	free(zones->version);
	free(zones);
}

/* A provider object around ops/ud; takes ud (and `version`) only on success. */
static int zones_new(tlc_zones **out, const tlc_zone_provider_ops *ops, void *ud,
		     const char *version)
{
	tlc_zones *zs = calloc(1, sizeof *zs);
	int error = TLC_ENOMEM;
	if (!zs)
		goto out;
	zs->ops = *ops;
	zs->ops.free_ud = NULL; /* ud is the caller's until we succeed */
	if (!(zs->slots = calloc(CACHE_MIN, sizeof *zs->slots)))
		goto out;
	zs->cap = CACHE_MIN;
	if (dup_str(&zs->version, version ? version : "unknown") < 0)
		goto out;
	if (pthread_mutex_init(&zs->lock, NULL) != 0)
		goto out;
	zs->lock_ok = true;
	zs->ops.free_ud = ops->free_ud;
	zs->ud = ud;
	*out = zs;
	zs = NULL;
	error = 0;
out:
	tlc_zones_free(zs);
	return error;
}

int tlc_zones_new_tzif(tlc_zones **out, const char *dir)
{
	char *path = NULL, *version = NULL;
	tlc_zones *zs = NULL;
	int error = TLC_EINVAL;
	if (!out)
		goto out;
	if ((error = tlc_tzif__pick_dir(&path, dir)) < 0)
		goto out;
	if ((error = tlc_tzif__read_version(&version, path)) < 0)
		goto out;
	if ((error = zones_new(&zs, &tlc_tzif__ops, path, version)) < 0)
		goto out;
	zs->dir = path;
	path = NULL;
	*out = zs;
out:
	free(path);
	free(version);
	return error;
}

int tlc_zones_new_custom(tlc_zones **out, const tlc_zone_provider_ops *ops, void *ud)
{
	if (!out || !ops || !ops->open || !ops->offset || !ops->next_transition ||
	    !ops->prev_transition)
		return TLC_EINVAL;
	return zones_new(out, ops, ud, ops->version ? ops->version(ud) : NULL);
}

const char *tlc_zones_version(const tlc_zones *zones) { return zones ? zones->version : NULL; }
const char *tlc_zones_dir(const tlc_zones *zones) { return zones ? zones->dir : NULL; }

/* ---- the cache ---- */

static size_t name_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return (size_t)h;
}

/* The slot holding `name`, or the empty slot where it belongs. */
static size_t cache_slot(tlc_zone *const *slots, size_t cap, const char *name)
{
	size_t i = name_hash(name) & (cap - 1);
	while (slots[i] && strcmp(slots[i]->name, name) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

static int cache_grow(tlc_zones *zs)
{
	size_t cap = zs->cap * 2;
	tlc_zone **slots = calloc(cap, sizeof *slots);
	if (!slots)
		return TLC_ENOMEM;
	for (size_t i = 0; i < zs->cap; i++)
		if (zs->slots[i])
			slots[cache_slot(slots, cap, zs->slots[i]->name)] = zs->slots[i];
	free(zs->slots);
	zs->slots = slots;
	zs->cap = cap;
	return 0;
}

static int cache_add(tlc_zones *zs, tlc_zone *z)
{
	if ((zs->count + 1) * 4 > zs->cap * 3 && cache_grow(zs) < 0)
		return TLC_ENOMEM;
	zs->slots[cache_slot(zs->slots, zs->cap, z->name)] = z;
	zs->count++;
	return 0;
}

/* ---- names ---- */

static bool two_digits(const char *s, int32_t max, int32_t *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return *out <= max;
}

/* "UTC", "Z", "+HH:MM" or "-HH:MM" (HH <= 23, MM <= 59). */
static bool parse_fixed(const char *name, int32_t *out)
{
	int32_t h, m;
	if (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0) {
		*out = 0;
		return true;
	}
	if ((name[0] != '+' && name[0] != '-') || strlen(name) != 6 || name[3] != ':' ||
	    !two_digits(name + 1, 23, &h) || !two_digits(name + 4, 59, &m))
		return false;
	*out = (name[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return true;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '/' || c == '_' || c == '+' || c == '-';
}

/* An IANA-style name: [A-Za-z0-9/_+-], no "..", no empty component, no leading "/". */
static bool name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > TLC_ZONE_NAME_MAX || name[0] == '/' || name[n - 1] == '/' ||
	    strstr(name, "..") || strstr(name, "//"))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!name_char(name[i]))
			return false;
	return true;
}

static int zone_open(tlc_zones *zs, const char *name, tlc_zone **out)
{
	tlc_zone *z = calloc(1, sizeof *z);
	int error = TLC_ENOMEM;
	if (!z || dup_str(&z->name, name) < 0)
		goto out;
	z->owner = zs;
	z->fixed = parse_fixed(name, &z->fixed_off);
	error = TLC_ENOTFOUND;
	if (!z->fixed && !name_ok(name))
		goto out;
	if (!z->fixed && (error = zs->ops.open(zs->ud, name, &z->impl)) != 0) {
		error = error < 0 ? error : TLC_EINVAL;
		goto out;
	}
	z->open = !z->fixed;
	*out = z;
	z = NULL;
	error = 0;
out:
	zone_free(zs, z);
	return error;
}

int tlc_zones_get(tlc_zones *zones, const char *name, const tlc_zone **out)
{
	tlc_zone *z = NULL;
	int error;
	if (!zones || !name || !out)
		return TLC_EINVAL;
	pthread_mutex_lock(&zones->lock);
	z = zones->slots[cache_slot(zones->slots, zones->cap, name)];
	error = 0;
	if (z)
		goto out;
	if ((error = zone_open(zones, name, &z)) < 0)
		goto out;
	if ((error = cache_add(zones, z)) < 0) {
		zone_free(zones, z);
		goto out;
	}
out:
	pthread_mutex_unlock(&zones->lock);
	if (error == 0)
		*out = z;
	return error;
}

/* ---- queries ---- */

const char *tlc_zone_name(const tlc_zone *z) { return z ? z->name : NULL; }

static int zone_offset(const tlc_zone *z, tlc_time utc, int32_t *offset_out, bool *isdst_out)
{
	const tlc_zones *zs = z->owner;
	int32_t off = 0;
	bool dst = false;
	if (z->fixed) {
		*offset_out = z->fixed_off;
		*isdst_out = false;
		return 0;
	}
	int error = zs->ops.offset(zs->ud, z->impl, utc, &off, &dst);
	if (error != 0)
		return error < 0 ? error : TLC_EINVAL;
	if (!tlc_zone__off_ok(off))
		return TLC_EINPUT;
	*offset_out = off;
	*isdst_out = dst;
	return 0;
}

int32_t tlc_zone_offset(const tlc_zone *z, tlc_time utc)
{
	int32_t off = 0;
	bool dst;
	if (!z || zone_offset(z, utc, &off, &dst) < 0)
		return 0;
	return off;
}

bool tlc_zone_isdst(const tlc_zone *z, tlc_time utc)
{
	int32_t off;
	bool dst = false;
	if (!z || zone_offset(z, utc, &off, &dst) < 0)
		return false;
	return dst;
}

int tlc_zone_next_transition(const tlc_zone *z, tlc_time after, tlc_time *out)
{
	tlc_time t = 0;
	if (!z || !out)
		return TLC_EINVAL;
	if (z->fixed)
		return TLC_ENOTFOUND;
	int error = z->owner->ops.next_transition(z->owner->ud, z->impl, after, &t);
	if (error != 0)
		return error < 0 ? error : TLC_EINVAL;
	if (t <= after)
		return TLC_EINPUT;
	*out = t;
	return 0;
}

int tlc_zone_prev_transition(const tlc_zone *z, tlc_time at, tlc_time *out)
{
	tlc_time t = 0;
	if (!z || !out)
		return TLC_EINVAL;
	if (z->fixed)
		return TLC_ENOTFOUND;
	int error = z->owner->ops.prev_transition(z->owner->ud, z->impl, at, &t);
	if (error != 0)
		return error < 0 ? error : TLC_EINVAL;
	if (t > at)
		return TLC_EINPUT;
	*out = t;
	return 0;
}

/* ---- local -> UTC ---- */

/*
 * What the instants around a local reading look like. u + offset(u) == local has its solutions
 * u in [local - OFF_MAX, local - OFF_MIN]; the scan walks the constant-offset segments of that
 * window and records every solution and the transition whose gap contains the reading.
 */
typedef struct local_scan {
	int n;                  /* solutions found */
	tlc_time first, last;   /* the earliest and the latest solution */
	tlc_time gap_at;        /* a gap containing the reading: its transition, */
	int32_t gap_before, gap_after; /* and the offsets on either side */
	bool gap;
} local_scan;

static void scan_segment(local_scan *s, tlc_time local, tlc_time from, tlc_time to, bool open,
			 int32_t off)
{
	tlc_time u = local - off;
	if (u < from || (!open && u >= to))
		return;
	if (s->n++ == 0)
		s->first = u;
	s->last = u;
}

static void scan_transition(local_scan *s, tlc_time local, tlc_time t, int32_t before,
			    int32_t after)
{
	if (after > before && t + before <= local && local < t + after) {
		s->gap = true;
		s->gap_at = t;
		s->gap_before = before;
		s->gap_after = after;
	}
}

static int scan_local(const tlc_zone *z, tlc_time local, local_scan *out)
{
	local_scan s = {0, 0, 0, 0, 0, 0, false};
	tlc_time from = local - TLC_ZONE_OFF_MAX, end = local - TLC_ZONE_OFF_MIN, to = 0;
	int32_t off, next_off;
	bool dst;
	int error = zone_offset(z, from, &off, &dst);
	for (int i = 0; error == 0; i++) {
		if (i == LOCAL_SEGMENTS_MAX)
			return TLC_EINPUT;
		error = tlc_zone_next_transition(z, from, &to);
		if (error == TLC_ENOTFOUND) {
			scan_segment(&s, local, from, 0, true, off);
			*out = s;
			return 0;
		}
		if (error < 0)
			break;
		scan_segment(&s, local, from, to, false, off);
		if (to > end) {
			*out = s;
			return 0;
		}
		if ((error = zone_offset(z, to, &next_off, &dst)) < 0)
			break;
		scan_transition(&s, local, to, off, next_off);
		from = to;
		off = next_off;
	}
	return error;
}

static void resolve_gap(const local_scan *s, tlc_time local, tlc_disamb d, tlc_local_result *r)
{
	r->kind = TLC_LOCAL_GAP;
	r->alt = s->gap_at;
	r->gap_or_fold = s->gap_after - s->gap_before;
	/* EARLIER reads it with the offset after the gap; the others with the one before */
	r->utc = local - (d == TLC_DISAMB_EARLIER ? s->gap_after : s->gap_before);
}

static void resolve_overlap(const local_scan *s, tlc_disamb d, tlc_local_result *r)
{
	bool later = d == TLC_DISAMB_LATER;
	r->kind = TLC_LOCAL_OVERLAP;
	r->utc = later ? s->last : s->first;
	r->alt = later ? s->first : s->last;
	r->gap_or_fold = (int32_t)(s->last - s->first);
}

int tlc_zone_local_to_utc(const tlc_zone *z, tlc_time local, tlc_disamb d,
			  tlc_local_result *out)
{
	local_scan s = {0, 0, 0, 0, 0, 0, false};
	tlc_local_result r = {0, TLC_LOCAL_UNIQUE, 0, 0};
	if (!z || !out || d < 0 || d >= TLC_DISAMB_MAX)
		return TLC_EINVAL;
	if (local < -TLC_ZONE_T_LIMIT || local > TLC_ZONE_T_LIMIT)
		return TLC_ERANGE;
	int error = scan_local(z, local, &s);
	if (error < 0)
		return error;
	if (s.n == 1) {
		r.utc = r.alt = s.first;
	} else if (s.n > 1) {
		resolve_overlap(&s, d, &r);
	} else if (s.gap) {
		resolve_gap(&s, local, d, &r);
	} else {
		return TLC_EINPUT; /* no solution and no gap: the provider contradicts itself */
	}
	*out = r;
	return d == TLC_DISAMB_REJECT && r.kind != TLC_LOCAL_UNIQUE ? TLC_EINPUT : 0;
}
