/*
 * render_internal.h — shared between the files of the render module; not installed.
 *
 * Layout:
 *  - icu.c        the only file that includes ICU headers or sees a UErrorCode (the adapter);
 *                 it exposes tlc_icu__* functions returning TLC_E* statuses.
 *  - render.c     ctx and locale handles, plural category names.
 *  - timer.c      .timer and Text(timerInterval:), pure C on cached digits.
 *  - relative.c   calendar components, .relative, .offset, .date, .time.
 *  - msg_parse.c  the MessageFormat scanner/converter (names -> ICU positional numbers).
 *  - msg.c        tlc_render_msg, tlc_render_msg_scan, plural coverage.
 *  - msg_fast.c   the common patterns, formatted from ICU's plural categories and number texts.
 */
#ifndef TLC_RENDER_INTERNAL_H
#define TLC_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "timelinec/render.h"

/* ---- ICU adapter (icu.c) ---- */

typedef struct tlc_icu_locale tlc_icu_locale; /* a locale's ICU objects, opened lazily */

typedef enum tlc_runit {
	TLC_UNIT_YEAR = 0,
	TLC_UNIT_MONTH,
	TLC_UNIT_DAY,
	TLC_UNIT_HOUR,
	TLC_UNIT_MINUTE,
	TLC_UNIT_SECOND,
	TLC_UNIT_WEEK,   /* the iOS 18 offset style only: calendar_diff never fills it */
	TLC_UNIT_MAX
} tlc_runit;

typedef enum tlc_unit_style {
	TLC_UNIT_STYLE_FULL = 0,    /* "2 hours", joined by the wide unit list pattern */
	TLC_UNIT_STYLE_SHORT,       /* "2 hr", joined by the short unit list pattern */
	TLC_UNIT_STYLE_FULL_SIGNED, /* "+2 hours", "-3 months" */
	TLC_UNIT_STYLE_MAX
} tlc_unit_style;

/* Digits of a locale's default numbering system, UTF-8. */
typedef struct tlc_digits {
	char d[10][4];
	uint8_t len[10];
	bool ascii;
} tlc_digits;

/*
 * Validates and canonicalises `name` (syntax already checked by the caller) into canon (cap
 * bytes) and opens its cache; fills *digits. TLC_ENOTFOUND when ICU has no data for it.
 */
int tlc_icu__locale_open(tlc_icu_locale **out, char *canon, size_t cap, tlc_digits *digits,
			 const char *name);
void tlc_icu__locale_free(tlc_icu_locale *l);
/* "M:SS", "H:MM:SS" (with_hours and secs >= 1 h; HOURS_PAST_24 from 24 h) or "MMM:SS" (minutes
 * accumulate) in dg's digits (timer.c). */
void tlc_render__clock(tlc_buf *out, unsigned *flags, const tlc_digits *dg, uint64_t secs,
		       bool with_hours);
/* Appends the n (1 or 2) unit amounts, joined by the locale's unit list pattern when n == 2. */
int tlc_icu__units(tlc_buf *out, tlc_icu_locale *l, tlc_unit_style style, const tlc_runit *units,
		   const int64_t *vals, size_t n);
/* The same for 1 to TLC_UNIT_MAX amounts, the first in style `first`, the others in `rest`
 * (both FULL or FULL_SIGNED: the wide list pattern). */
int tlc_icu__unit_list(tlc_buf *out, tlc_icu_locale *l, tlc_unit_style first, tlc_unit_style rest,
		       const tlc_runit *units, const int64_t *vals, size_t n);
/* Appends the long date (time == false) or short time of the wall clock `local` (local secs). */
int tlc_icu__datetime(tlc_buf *out, tlc_icu_locale *l, bool time, tlc_time local);
/* The iOS 18 reference style's relative form: n (0..TLC_UNIT_MAX) amounts, largest first, of a
 * date ahead (future) or behind: 0 "now"; 1 ICU's relative phrase ("in 5 minutes", "tomorrow");
 * more the numeric phrase of the first with its amount replaced by the unit list of all ("in 2
 * hours, 5 minutes") when the phrase opens or closes with that amount, else the list of the
 * phrase and the rest (ar "خلال يوم واحد و٣ ساعات"). */
int tlc_icu__reference(tlc_buf *out, tlc_icu_locale *l, bool future, const tlc_runit *units,
		       const int64_t *vals, size_t n);
/* Appends the wall clock `local` in the locale's best pattern for the date skeleton. */
int tlc_icu__skeleton(tlc_buf *out, tlc_icu_locale *l, const char *skeleton, tlc_time local);
/* TLC_PLURAL_* bits of the locale's cardinal/ordinal categories. */
int tlc_icu__plural_keywords(unsigned *out, tlc_icu_locale *l, bool ordinal);
/*
 * *out: TLC_PLURAL_SAMPLES category bits, entry k for the value tlc_plural_sample(k). Owned by
 * l, computed once.
 */
int tlc_icu__plural_samples(const uint8_t **out, tlc_icu_locale *l, bool ordinal);
/*
 * *s, *n: v (0 <= v < TLC_PLURAL_SAMPLES_DENSE, else TLC_ERANGE) as MessageFormat prints an
 * integer argument ({n,number}, plain {n}, '#'): the locale's default decimal format, UTF-8,
 * cached in l; valid until the next call for l.
 */
int tlc_icu__int_text(const char **s, size_t *n, tlc_icu_locale *l, int64_t v);
/*
 * Formats the converted (positional) pattern with num[0..n_num) as ICU arguments
 * 0..n_num-1 and str[0..n_str) as TLC_MSG_MAX_NUM_ARGS.. (UTF-8, validated by the caller).
 * When ICU rejects the pattern: TLC_EINPUT, *why = ICU's error name (static storage) and
 * *bad_off = a byte offset into `pat`, or SIZE_MAX when ICU gives no position.
 */
int tlc_icu__msg_format(tlc_buf *out, size_t *bad_off, const char **why, tlc_icu_locale *l,
			const char *pat,
			size_t len, const int64_t *num, size_t n_num, const char *const *str,
			size_t n_str);

/* Values the plural coverage check tries: 0..1999 and a few large round numbers. */
#define TLC_PLURAL_SAMPLES_DENSE 2000
#define TLC_PLURAL_SAMPLES (TLC_PLURAL_SAMPLES_DENSE + 5)
static inline double tlc_plural_sample(size_t k)
{
	static const double big[5] = {1e6, 2e6, 1e9, 1e12, 1e15};
	return k < TLC_PLURAL_SAMPLES_DENSE ? (double)k : big[k - TLC_PLURAL_SAMPLES_DENSE];
}
/* TLC_PLURAL_* bit of a CLDR keyword, 0 if it is not one. */
unsigned tlc_plural__cat_from_name(const char *s, size_t n);

/* ---- ctx and locale handles (render.c) ---- */

struct tlc_render_locale {
	char name[TLC_RENDER_LOCALE_MAX_LEN + 1]; /* canonical */
	char req[TLC_RENDER_LOCALE_MAX_LEN + 1];  /* as first requested */
	tlc_digits digits;
	tlc_icu_locale *icu;
};

struct tlc_render_ctx {
	tlc_render_locale *locales[TLC_RENDER_MAX_LOCALES];
	size_t n_locales;
};

/* TLC_ERANGE unless TLC_TIME_MIN <= t <= TLC_TIME_MAX. */
static inline int tlc_render__check_time(tlc_time t)
{
	return (t < TLC_TIME_MIN || t > TLC_TIME_MAX) ? TLC_ERANGE : 0;
}
/* UTC offsets the product accepts: within +-26 h (TZif allows +-25 h). */
static inline int tlc_render__check_offset(int32_t off)
{
	return (off < -26 * 3600 || off > 26 * 3600) ? TLC_ERANGE : 0;
}
/*
 * Ends a style: turns a sticky OOM into TLC_ENOMEM and, on any failure, truncates out back to
 * `mark`. Returns the final status.
 */
static inline int tlc_render__finish(tlc_buf *out, size_t mark, int error)
{
	if (error == 0 && tlc_buf_oom(out))
		error = TLC_ENOMEM;
	if (error < 0)
		tlc_buf_truncate(out, mark);
	return error;
}

/* ---- message scanner (msg_parse.c) ---- */

/* One edit the converter made: src[src_off, +src_len) became out[out_off, +out_len). */
typedef struct tlc_msg_edit {
	size_t src_off, src_len, out_off, out_len;
} tlc_msg_edit;

/* An explicit "=N" selector of the plural use uses[use]. */
typedef struct tlc_msg_explicit {
	size_t use;
	double value;
} tlc_msg_explicit;

typedef struct tlc_msg_scan {
	/* always */
	tlc_msg_use *uses;
	size_t n_uses, cap_uses;
	double *offsets; /* per use: the plural offset (0 if none) */
	tlc_msg_explicit *explicits;
	size_t n_explicits, cap_explicits;
	/* when converting (args given) */
	tlc_buf out;           /* the positional pattern */
	tlc_msg_edit *edits;
	size_t n_edits, cap_edits;
	size_t pad_len; /* bytes of padding put before the converted pattern */
	int *slot;             /* per argument: ICU index, -1 while unused */
	size_t num_arg[TLC_MSG_MAX_NUM_ARGS]; /* argument index of ICU index k */
	size_t str_arg[TLC_MSG_MAX_STR_ARGS]; /* argument index of ICU index MAX_NUM + k */
	size_t n_num, n_str;
} tlc_msg_scan;

void tlc_msg__scan_init(tlc_msg_scan *sc);
void tlc_msg__scan_release(tlc_msg_scan *sc);
/*
 * Scans pattern[0, len). With args (convert): resolves names, checks value types, assigns ICU
 * indices and writes the positional pattern to sc->out. args may be NULL (scan only).
 */
int tlc_msg__scan(tlc_msg_scan *sc, tlc_err *err, const char *pattern, size_t len,
		  const tlc_msg_arg *args, size_t nargs, bool convert);
/* Offset of the first byte of s[0, n) that is not well-formed UTF-8 (RFC 3629), or n. */
size_t tlc_msg__utf8_check(const char *s, size_t n);
/* Maps a byte offset in sc->out back to the pattern. */
size_t tlc_msg__map_offset(const tlc_msg_scan *sc, size_t out_off);

/* The scanner's characters and words, shared with the formatter of common patterns (one reading
 * of a pattern's syntax for both). ws is ASCII white space; a name is [A-Za-z0-9_-]. */
static inline bool tlc_msg__is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
static inline bool tlc_msg__is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool tlc_msg__is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool tlc_msg__is_name(char c)
{
	return tlc_msg__is_alpha(c) || tlc_msg__is_digit(c) || c == '_' || c == '-';
}
/* Whether s[0, n) is the lower-case word w, ignoring ASCII case. */
bool tlc_msg__word_is(const char *s, size_t n, const char *w);
/* Reads [+-] digits [. digits] at s[*i] (n bytes in all), advancing *i past what it took: 0 and
 * *out; TLC_MSG_NUM_NONE when no digit follows the sign; TLC_MSG_NUM_LONG at 48 bytes or more. */
enum { TLC_MSG_NUM_NONE = 1, TLC_MSG_NUM_LONG = 2 };
int tlc_msg__read_number(const char *s, size_t n, size_t *i, double *out);
/* Grows *arr (elements of elem bytes, capacity *cap) to hold need, doubling from 8. */
int tlc_msg__grow(void **arr, size_t *cap, size_t need, size_t elem);

/* ---- the formatter of common patterns (msg_fast.c) ---- */

typedef struct tlc_msg_fast tlc_msg_fast;
/* *out: the converted pattern pat[0, len) compiled, or NULL when it uses what only ICU formats
 * (0 either way; TLC_ENOMEM). */
int tlc_msg__fast_compile(tlc_msg_fast **out, const char *pat, size_t len);
/* Appends the text; 1 when this call needs ICU (a value outside 0..TLC_PLURAL_SAMPLES_DENSE-1
 * where its text or category is used: out may hold part of it); < 0 on failure. */
int tlc_msg__fast_run(tlc_buf *out, const tlc_msg_fast *f, tlc_render_locale *loc,
		      const int64_t *num, size_t n_num, const char *const *str, size_t n_str);
void tlc_msg__fast_free(tlc_msg_fast *f);
/* tlc_render_msg, formatting with ICU alone when icu_only (the tests compare both). */
int tlc_msg__render(tlc_buf *out, tlc_err *err, tlc_render_locale *loc, const char *pattern,
		    size_t len, const tlc_msg_arg *args, size_t nargs, bool icu_only);

#endif
