/*
 * The TZif provider: zones from a directory of TZif files (RFC 8536, versions 1 to 4).
 *
 * A file is read whole (at most TLC_TZIF_FILE_MAX bytes) and every count is checked against
 * the bytes that remain before anything is allocated or read. Version 2+ files are read from
 * their 64-bit block and footer; version 1 files from the 32-bit block. Rejected: leap-second
 * records ("right/" zones: tlc_time has no leap seconds), transitions out of order, type
 * indexes out of range, offsets outside [TLC_ZONE_OFF_MIN, TLC_ZONE_OFF_MAX], a malformed
 * footer. Anything that is not TZif at all is TLC_ENOTFOUND, a damaged TZif is TLC_EINPUT.
 *
 * The zone in force at t: type 0 before the first transition; the type of the last
 * transition <= t; after the last transition, the footer's rules (or the last type when the
 * footer is empty). At load the footer's transitions up to 2100 are unrolled into the table,
 * so lookups before then are binary searches even for "slim" files; `chg` lists the instants
 * where the offset changes, so next/prev are binary searches too. Abbreviations and the
 * isstd/isut indicators are not used (only their sizes are checked).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "zone_internal.h"

#define HEADER_LEN 44
#define TYPE_LEN 6
#define TYPES_MAX 256 /* a transition names its type in one byte */
#define VERSION_MAX 32
#define UNROLL_UNTIL INT64_C(4102444800) /* 2100-01-01T00:00:00Z */
#define UNROLL_MAX 1024 /* transitions the footer adds to the table */
#define VERSION_HEAD 128 /* bytes read of tzdata.zi (100 KiB) or +VERSION */

typedef struct tzif_type {
	int32_t off;
	bool isdst;
} tzif_type;

typedef struct tzif {
	int64_t *trans; /* strictly ascending */
	uint8_t *idx;   /* type of each transition */
	size_t n;
	tzif_type *types;
	size_t ntypes;
	int64_t *chg; /* ascending instants in (-TLC_ZONE_T_LIMIT, TLC_ZONE_T_LIMIT] */
	size_t nchg;
	bool has_footer; /* only when the last transition is before TLC_ZONE_T_LIMIT */
	tlc_posix_tz footer;
} tzif;

typedef struct tzif_header {
	char version; /* 0, '2', '3', '4', ... */
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
} tzif_header;

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	uint64_t v = (uint64_t)be32(p) << 32 | be32(p + 4);
	return v <= INT64_MAX ? (int64_t)v : -(int64_t)(UINT64_MAX - v) - 1;
}

static void tzif_free(tzif *z)
{
	if (!z)
		return;
	free(z->trans);
	free(z->idx);
	free(z->types);
	free(z->chg);
	free(z);
}

/* ---- parsing ---- */

static int parse_header(tzif_header *out, const unsigned char *p, size_t len)
{
	if (len < 4 || memcmp(p, "TZif", 4) != 0)
		return TLC_ENOTFOUND;
	if (len < HEADER_LEN || (p[4] != 0 && p[4] < '2'))
		return TLC_EINPUT;
	out->version = (char)p[4];
	out->isutcnt = be32(p + 20);
	out->isstdcnt = be32(p + 24);
	out->leapcnt = be32(p + 28);
	out->timecnt = be32(p + 32);
	out->typecnt = be32(p + 36);
	out->charcnt = be32(p + 40);
	return 0;
}

/* Bytes of the data block after a header; 64-bit arithmetic cannot overflow. */
static uint64_t block_len(const tzif_header *h, unsigned timesize)
{
	return (uint64_t)h->timecnt * timesize + h->timecnt + (uint64_t)h->typecnt * TYPE_LEN +
	       h->charcnt + (uint64_t)h->leapcnt * (timesize + 4) + h->isstdcnt + h->isutcnt;
}

static int check_counts(const tzif_header *h)
{
	if (h->typecnt == 0 || h->typecnt > TYPES_MAX || h->leapcnt != 0)
		return TLC_EINPUT;
	if ((h->isstdcnt != 0 && h->isstdcnt != h->typecnt) ||
	    (h->isutcnt != 0 && h->isutcnt != h->typecnt))
		return TLC_EINPUT;
	return 0;
}

static int alloc_tables(tzif *z, const tzif_header *h)
{
	z->n = h->timecnt;
	z->ntypes = h->typecnt;
	z->trans = malloc((z->n ? z->n : 1) * sizeof *z->trans);
	z->idx = malloc(z->n ? z->n : 1);
	z->types = malloc((z->ntypes + 2) * sizeof *z->types); /* + the footer's two */
	return z->trans && z->idx && z->types ? 0 : TLC_ENOMEM;
}

/* Transition times, type indexes and types of the block at p (already length-checked). */
static int read_block(tzif *z, const unsigned char *p, unsigned timesize)
{
	for (size_t i = 0; i < z->n; i++, p += timesize) {
		z->trans[i] = timesize == 8 ? be64(p) : (int32_t)be32(p);
		if (i > 0 && z->trans[i] <= z->trans[i - 1])
			return TLC_EINPUT;
	}
	for (size_t i = 0; i < z->n; i++, p++) {
		z->idx[i] = *p;
		if (*p >= z->ntypes)
			return TLC_EINPUT;
	}
	for (size_t i = 0; i < z->ntypes; i++, p += TYPE_LEN) {
		int32_t off = (int32_t)be32(p);
		if (!tlc_zone__off_ok(off) || p[4] > 1)
			return TLC_EINPUT;
		z->types[i] = (tzif_type){off, p[4] == 1};
	}
	return 0;
}

/*
 * The footer, the rest of the file: '\n' TZ-string '\n'. An absent or empty one leaves
 * has_footer false.
 */
static int read_footer(tzif *z, const unsigned char *p, size_t len)
{
	if (len == 0)
		return 0;
	if (len < 2 || p[0] != '\n' || p[len - 1] != '\n' || memchr(p + 1, '\n', len - 2))
		return TLC_EINPUT;
	if (len == 2)
		return 0;
	if (tlc_posix__parse(&z->footer, (const char *)p + 1, len - 2) < 0)
		return TLC_EINPUT;
	z->has_footer = z->n == 0 || z->trans[z->n - 1] < TLC_ZONE_T_LIMIT;
	return 0;
}

/* The index of type {off, isdst}, added when missing; TLC_ERANGE when the table is full. */
static int type_index(tzif *z, int32_t off, bool isdst, uint8_t *out)
{
	size_t i = 0;
	while (i < z->ntypes && (z->types[i].off != off || z->types[i].isdst != isdst))
		i++;
	if (i == TYPES_MAX)
		return TLC_ERANGE;
	if (i == z->ntypes)
		z->types[z->ntypes++] = (tzif_type){off, isdst};
	*out = (uint8_t)i;
	return 0;
}

static int grow_transitions(tzif *z, size_t cap)
{
	int64_t *trans = realloc(z->trans, cap * sizeof *trans);
	if (!trans)
		return TLC_ENOMEM;
	z->trans = trans;
	uint8_t *idx = realloc(z->idx, cap);
	if (!idx)
		return TLC_ENOMEM;
	z->idx = idx;
	return 0;
}

/* Appends a transition at t to the footer's state at t. */
static void append_footer_state(tzif *z, tlc_time t, const uint8_t type_of[2])
{
	bool dst = false;
	tlc_posix__offset(&z->footer, t, &dst);
	z->trans[z->n] = t;
	z->idx[z->n++] = type_of[dst];
}

/*
 * Unrolls the footer's transitions after the last one, up to UNROLL_UNTIL, into the table, so
 * that lookups before then are binary searches (slim TZif files end their tables in 2007).
 * The zone does not change: the footer still rules after the (new) last transition.
 */
static int unroll_footer(tzif *z)
{
	uint8_t type_of[2] = {0, 0}; /* [isdst] */
	bool dst = false;
	tlc_time t;
	const tzif_type *last;
	if (!z->has_footer || z->n == 0 || z->trans[z->n - 1] >= UNROLL_UNTIL)
		return 0;
	if (type_index(z, z->footer.std_off, false, &type_of[0]) < 0 ||
	    (z->footer.has_dst && type_index(z, z->footer.dst_off, true, &type_of[1]) < 0))
		return 0; /* no room for the types: the footer is evaluated directly */
	if (grow_transitions(z, z->n + UNROLL_MAX + 1) < 0)
		return TLC_ENOMEM;
	t = z->trans[z->n - 1];
	last = &z->types[z->idx[z->n - 1]];
	if (tlc_posix__offset(&z->footer, t + 1, &dst) != last->off || dst != last->isdst)
		append_footer_state(z, t + 1, type_of); /* the footer disagrees with the table */
	for (size_t k = 0; k < UNROLL_MAX; k++) {
		if (tlc_posix__next(&z->footer, t, &t) < 0 || t > UNROLL_UNTIL)
			break;
		append_footer_state(z, t, type_of);
	}
	return 0;
}

static int build_changes(tzif *z)
{
	int32_t prev = z->types[0].off;
	if (!(z->chg = malloc((z->n + 1) * sizeof *z->chg)))
		return TLC_ENOMEM;
	z->nchg = 0;
	for (size_t i = 0; i < z->n; i++) {
		int32_t off = z->types[z->idx[i]].off;
		tlc_time t = z->trans[i];
		if (off != prev && t > -TLC_ZONE_T_LIMIT && t <= TLC_ZONE_T_LIMIT)
			z->chg[z->nchg++] = t;
		prev = off;
	}
	if (z->has_footer && z->n > 0) {
		tlc_time first = z->trans[z->n - 1] + 1;
		if (tlc_posix__offset(&z->footer, first, NULL) != prev)
			z->chg[z->nchg++] = first;
	}
	return 0;
}

int tlc_tzif__parse(void **out, const unsigned char *p, size_t len)
{
	tzif_header h;
	tzif *z = NULL;
	unsigned timesize = 4;
	int error = parse_header(&h, p, len);
	if (error < 0)
		goto out;
	if (h.version != 0) {
		uint64_t skip = HEADER_LEN + block_len(&h, 4);
		error = TLC_EINPUT;
		if (skip > len)
			goto out;
		p += skip;
		len -= (size_t)skip;
		if (parse_header(&h, p, len) < 0)
			goto out;
		timesize = 8;
	}
	error = TLC_EINPUT;
	uint64_t blen = block_len(&h, timesize);
	if (check_counts(&h) < 0 || blen > len - HEADER_LEN)
		goto out;
	error = TLC_ENOMEM;
	if (!(z = calloc(1, sizeof *z)) || alloc_tables(z, &h) < 0)
		goto out;
	if ((error = read_block(z, p + HEADER_LEN, timesize)) < 0)
		goto out;
	if (timesize == 8 && (error = read_footer(z, p + HEADER_LEN + blen,
						  len - HEADER_LEN - (size_t)blen)) < 0)
		goto out;
	if ((error = unroll_footer(z)) < 0 || (error = build_changes(z)) < 0)
		goto out;
	*out = z;
	z = NULL;
out:
	tzif_free(z);
	return error;
}

/* ---- lookup ---- */

/* The first index i with a[i] > t (n when none). */
static size_t upper_bound(const int64_t *a, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool in_footer(const tzif *z, tlc_time t)
{
	return z->has_footer && (z->n == 0 || t > z->trans[z->n - 1]);
}

static int tzif_offset(void *ud, const void *impl, tlc_time utc, int32_t *offset_out,
		       bool *isdst_out)
{
	const tzif *z = impl;
	const tzif_type *ty;
	tlc_time t = tlc_zone__clamp(utc);
	(void)ud;
	if (in_footer(z, t)) {
		*offset_out = tlc_posix__offset(&z->footer, t, isdst_out);
		return 0;
	}
	size_t i = upper_bound(z->trans, z->n, t);
	ty = &z->types[i == 0 ? 0 : z->idx[i - 1]];
	*offset_out = ty->off;
	*isdst_out = ty->isdst;
	return 0;
}

static int tzif_next(void *ud, const void *impl, tlc_time after, tlc_time *out)
{
	const tzif *z = impl;
	(void)ud;
	if (after >= TLC_ZONE_T_LIMIT)
		return TLC_ENOTFOUND;
	size_t i = upper_bound(z->chg, z->nchg, after);
	if (i < z->nchg) {
		*out = z->chg[i];
		return 0;
	}
	if (!z->has_footer)
		return TLC_ENOTFOUND;
	if (z->n > 0 && after <= z->trans[z->n - 1])
		after = z->trans[z->n - 1] + 1;
	return tlc_posix__next(&z->footer, after, out);
}

static int tzif_prev(void *ud, const void *impl, tlc_time at, tlc_time *out)
{
	const tzif *z = impl;
	(void)ud;
	if (at > TLC_ZONE_T_LIMIT)
		at = TLC_ZONE_T_LIMIT;
	if (z->has_footer && (z->n == 0 || at > z->trans[z->n - 1] + 1)) {
		tlc_time lo = z->n ? z->trans[z->n - 1] + 2 : -TLC_ZONE_T_LIMIT;
		int error = tlc_posix__prev(&z->footer, at, lo, out);
		if (error != TLC_ENOTFOUND)
			return error;
	}
	size_t i = upper_bound(z->chg, z->nchg, at);
	if (i == 0)
		return TLC_ENOTFOUND;
	*out = z->chg[i - 1];
	return 0;
}

/* ---- files ---- */

static int join_path(char **out, const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p = malloc(dl + nl + 2);
	if (!p)
		return TLC_ENOMEM;
	memcpy(p, dir, dl);
	p[dl] = '/';
	memcpy(p + dl + 1, name, nl + 1);
	*out = p;
	return 0;
}

static int open_error(int e)
{
	if (e == ENOENT || e == ENOTDIR || e == ENAMETOOLONG || e == ELOOP)
		return TLC_ENOTFOUND;
	return TLC_EIO;
}

/* Reads until EOF or `cap` bytes. */
static int read_all(int fd, unsigned char *buf, size_t cap, size_t *len_out)
{
	size_t len = 0;
	while (len < cap) {
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return TLC_EIO;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	*len_out = len;
	return 0;
}

/*
 * Reads a regular file: whole (at most `max` bytes, else TLC_EINPUT) or, when !whole, only its
 * first `max` bytes.
 */
static int read_file(unsigned char **out, size_t *len_out, const char *path, size_t max,
		     bool whole)
{
	struct stat st;
	unsigned char *buf = NULL;
	size_t len = 0, cap;
	int error, fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return open_error(errno);
	error = TLC_EIO;
	if (fstat(fd, &st) < 0)
		goto out;
	error = TLC_ENOTFOUND;
	if (!S_ISREG(st.st_mode) || st.st_size < 0)
		goto out;
	error = TLC_EINPUT;
	if (whole && (uint64_t)st.st_size > max)
		goto out;
	cap = whole ? (size_t)st.st_size + 1 : max; /* whole: one more byte detects growth */
	error = TLC_ENOMEM;
	if (!(buf = malloc(cap ? cap : 1)))
		goto out;
	if ((error = read_all(fd, buf, cap, &len)) < 0)
		goto out;
	error = TLC_EIO;
	if (whole && len == cap) /* the file grew while we read it */
		goto out;
	*out = buf;
	*len_out = len;
	buf = NULL;
	error = 0;
out:
	free(buf);
	close(fd);
	return error;
}

static int tzif_open(void *ud, const char *name, void **impl_out)
{
	char *path = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	int error = TLC_ENOTFOUND;
	if (strcmp(name, "localtime") == 0) /* the host's zone: output would depend on it */
		goto out;
	if ((error = join_path(&path, ud, name)) < 0)
		goto out;
	if ((error = read_file(&data, &len, path, TLC_TZIF_FILE_MAX, true)) < 0)
		goto out;
	error = tlc_tzif__parse(impl_out, data, len);
out:
	free(path);
	free(data);
	return error;
}

static void tzif_close(void *ud, void *impl)
{
	(void)ud;
	tzif_free(impl);
}

const tlc_zone_provider_ops tlc_tzif__ops = {
	tzif_open, tzif_offset, tzif_next, tzif_prev, tzif_close, NULL, free,
};

/* ---- directory and version ---- */

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

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

int tlc_tzif__pick_dir(char **out, const char *dir)
{
	static const char *const vars[] = {"TIMELINEC_TZDIR", "TZDIR"};
	for (size_t i = 0; !dir && i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			dir = v;
	}
	if (!dir) {
		dir = "/usr/share/zoneinfo";
#ifdef __APPLE__
		if (!is_dir(dir))
			dir = "/var/db/timezone/zoneinfo";
#endif
	}
	if (!*dir || !is_dir(dir))
		return TLC_ENOTFOUND;
	return dup_str(out, dir);
}

static bool version_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.' || c == '-' || c == '_';
}

/* The first word of s (a line of `len` bytes) when it is a plausible version ("2025b"). */
static int version_word(char **out, const char *s, size_t len)
{
	size_t n = 0;
	char word[VERSION_MAX + 1];
	while (n < len && n < VERSION_MAX && version_char(s[n])) {
		word[n] = s[n];
		n++;
	}
	if (n == 0 || (n < len && s[n] != '\n' && s[n] != '\r' && s[n] != ' '))
		return TLC_ENOTFOUND;
	word[n] = 0;
	return dup_str(out, word);
}

/* The version named by the start of file dir/name after `prefix`. */
static int version_from(char **out, const char *dir, const char *name, const char *prefix)
{
	char *path = NULL;
	unsigned char *data = NULL;
	size_t len = 0, plen = strlen(prefix);
	int error = join_path(&path, dir, name);
	if (error < 0)
		goto out;
	if ((error = read_file(&data, &len, path, VERSION_HEAD, false)) < 0)
		goto out;
	error = TLC_ENOTFOUND;
	if (len < plen || memcmp(data, prefix, plen) != 0)
		goto out;
	error = version_word(out, (const char *)data + plen, len - plen);
out:
	free(path);
	free(data);
	return error;
}

int tlc_tzif__read_version(char **out, const char *dir)
{
	int error = version_from(out, dir, "tzdata.zi", "# version ");
	if (error == TLC_ENOMEM)
		return error;
	if (error < 0)
		error = version_from(out, dir, "+VERSION", "");
	if (error == TLC_ENOMEM)
		return error;
	return error < 0 ? dup_str(out, "unknown") : 0;
}
