/*
 * The ICU adapter: the only file of the render module that includes ICU headers, sees a
 * UErrorCode or calls ICU. Every function returns 0 or a TLC_E* status (tlc_icu_status()).
 *
 * Host independence: every ICU object is opened with an explicit locale; date formats with the
 * zone "GMT" (callers pass wall-clock local seconds); strings for ICU are built with
 * u_charsToUChars()/u_strFromUTF8(), never with the default converter; ures_open() falls back to
 * the host's default locale for unknown languages, which is detected (U_USING_DEFAULT_WARNING)
 * and reported as TLC_ENOTFOUND.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ulistformatter.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ureldatefmt.h>
#include <unicode/unum.h>
#include <unicode/unumberformatter.h>
#include <unicode/unumsys.h>
#include <unicode/upluralrules.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include "render_internal.h"

#define PART_CAP 128 /* UTF-16 units of one formatted unit amount or date */
#define LIST_CAP 512

typedef struct msg_entry {
	char *key; /* the positional pattern */
	size_t len;
	UMessageFormat fmt;
	uint64_t used;
} msg_entry;

struct tlc_icu_locale {
	char name[TLC_RENDER_LOCALE_MAX_LEN + 1];
	UNumberFormatter *unit[TLC_UNIT_MAX][TLC_UNIT_STYLE_MAX];
	UFormattedNumber *result;
	UListFormatter *list[2]; /* wide, short */
	UDateFormat *dat[2];     /* long date, short time */
	UPluralRules *plural[2]; /* cardinal, ordinal */
	uint8_t *samples[2];
	/* {n,number} and '#' of MessageFormat for 0 <= n < TLC_PLURAL_SAMPLES_DENSE, filled as asked:
	 * num_len[n] bytes at num_pool.ptr + num_off[n] (0: not yet) */
	UNumberFormat *num;
	tlc_buf num_pool;
	uint32_t num_off[TLC_PLURAL_SAMPLES_DENSE];
	uint8_t num_len[TLC_PLURAL_SAMPLES_DENSE];
	msg_entry msgs[TLC_MSG_CACHE_SIZE];
	uint64_t clock;
};

static int tlc_icu_status(UErrorCode st)
{
	if (!U_FAILURE(st))
		return 0;
	switch (st) {
	case U_MEMORY_ALLOCATION_ERROR: return TLC_ENOMEM;
	case U_MISSING_RESOURCE_ERROR: return TLC_ENOTFOUND;
	case U_BUFFER_OVERFLOW_ERROR: return TLC_ERANGE;
	case U_ILLEGAL_ARGUMENT_ERROR: return TLC_EINVAL;
	default: return TLC_EINPUT; /* syntax, type mismatch, invalid characters */
	}
}

/* Appends UTF-16 text as UTF-8. */
static int put_u16(tlc_buf *out, const UChar *s, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t written = 0;
	if (n < 0 || tlc_buf_grow(out, (size_t)n * 3) < 0)
		return TLC_ENOMEM;
	u_strToUTF8(out->ptr + out->len, (int32_t)(out->cap - out->len), &written, s, n, &st);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	out->len += (size_t)written;
	out->ptr[out->len] = 0;
	return 0;
}

/* *out: a heap NUL-terminated UTF-16 copy of UTF-8 s[0, n); TLC_EINPUT on invalid UTF-8. */
static int dup_u16(UChar **out, int32_t *len_out, const char *s, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;
	UChar *u = NULL;
	if (n > INT32_MAX / 2)
		return TLC_ERANGE;
	u_strFromUTF8(NULL, 0, &need, s, (int32_t)n, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return tlc_icu_status(st);
	u = malloc(((size_t)need + 1) * sizeof *u);
	if (!u)
		return TLC_ENOMEM;
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, need + 1, NULL, s, (int32_t)n, &st);
	if (U_FAILURE(st)) {
		free(u);
		return tlc_icu_status(st);
	}
	*out = u;
	if (len_out)
		*len_out = need;
	return 0;
}

/* ---- locales ---- */

static bool is_root(const char *canon)
{
	char lang[ULOC_LANG_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = uloc_getLanguage(canon, lang, (int32_t)sizeof lang, &st);
	return U_FAILURE(st) || n == 0 || strcmp(lang, "und") == 0 || strcmp(lang, "root") == 0;
}

/* Whether ICU lists `actual` as a locale: its data folder also holds bundles that are not
   locales ("metadata", "plurals", "units", "icuver", "pool"), which ures_open opens without a
   fallback warning, and formatting with one of those reaches ICU code paths that leak (the
   spec fuzzer found DateFormatSymbols::initializeData losing 136 bytes for "metadata"). */
static bool is_available(const char *actual)
{
	int32_t n = uloc_countAvailable();
	for (int32_t i = 0; i < n; i++) {
		const char *a = uloc_getAvailable(i);
		if (a && strcmp(a, actual) == 0)
			return true;
	}
	return false;
}

/* TLC_ENOTFOUND when ICU would fall back to root or to the host's default locale, or when the
   name opens a data bundle that is not a locale. */
static int check_data(const char *canon)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *rb = NULL;
	const char *actual;
	int error = 0;
	if (is_root(canon))
		return TLC_ENOTFOUND;
	rb = ures_open(NULL, canon, &st);
	if (U_FAILURE(st)) {
		error = st == U_MEMORY_ALLOCATION_ERROR ? TLC_ENOMEM : TLC_ENOTFOUND;
		goto out;
	}
	if (st == U_USING_DEFAULT_WARNING) {
		error = TLC_ENOTFOUND;
		goto out;
	}
	actual = ures_getLocaleByType(rb, ULOC_ACTUAL_LOCALE, &st);
	if (U_FAILURE(st) || !actual || is_root(actual) || !is_available(actual))
		error = TLC_ENOTFOUND;
out:
	ures_close(rb);
	return error;
}

/* The digits of the locale's default numbering system; ASCII for algorithmic systems. */
static int load_digits(tlc_digits *dg, const char *canon)
{
	UErrorCode st = U_ZERO_ERROR;
	UNumberingSystem *ns = unumsys_open(canon, &st);
	UChar desc[64];
	int32_t n = 0, i = 0;
	int error = tlc_icu_status(st);
	for (int k = 0; k < 10; k++) {
		dg->d[k][0] = (char)('0' + k);
		dg->len[k] = 1;
	}
	dg->ascii = true;
	if (error)
		goto out;
	if (unumsys_isAlgorithmic(ns) || unumsys_getRadix(ns) != 10)
		goto out;
	n = unumsys_getDescription(ns, desc, 64, &st);
	if ((error = tlc_icu_status(st)) < 0)
		goto out;
	for (int k = 0; k < 10 && i < n; k++) {
		UChar32 c;
		int32_t len = 0;
		U16_NEXT(desc, i, n, c);
		U8_APPEND_UNSAFE(dg->d[k], len, c);
		dg->len[k] = (uint8_t)len;
		if (c != (UChar32)('0' + k))
			dg->ascii = false;
	}
out:
	unumsys_close(ns);
	return error;
}

int tlc_icu__locale_open(tlc_icu_locale **out, char *canon, size_t cap, tlc_digits *digits,
			 const char *name)
{
	UErrorCode st = U_ZERO_ERROR;
	tlc_icu_locale *l = NULL;
	tlc_digits dg;
	char buf[TLC_RENDER_LOCALE_MAX_LEN + 1];
	int32_t n = uloc_canonicalize(name, buf, (int32_t)sizeof buf, &st);
	int error;
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || n <= 0 || (size_t)n >= cap)
		return TLC_ENOTFOUND;
	if ((error = check_data(buf)) < 0)
		return error;
	if ((error = load_digits(&dg, buf)) < 0)
		return error;
	l = calloc(1, sizeof *l);
	if (!l)
		return TLC_ENOMEM;
	memcpy(l->name, buf, (size_t)n + 1);
	tlc_buf_init(&l->num_pool);
	memcpy(canon, buf, (size_t)n + 1);
	*digits = dg;
	*out = l;
	return 0;
}

void tlc_icu__locale_free(tlc_icu_locale *l)
{
	if (!l)
		return;
	for (int u = 0; u < TLC_UNIT_MAX; u++)
		for (int s = 0; s < TLC_UNIT_STYLE_MAX; s++)
			unumf_close(l->unit[u][s]);
	unumf_closeResult(l->result);
	for (int k = 0; k < 2; k++) {
		ulistfmt_close(l->list[k]);
		udat_close(l->dat[k]);
		uplrules_close(l->plural[k]);
		free(l->samples[k]);
	}
	unum_close(l->num);
	tlc_buf_release(&l->num_pool);
	for (size_t k = 0; k < TLC_MSG_CACHE_SIZE; k++) {
		free(l->msgs[k].key);
		umsg_close(l->msgs[k].fmt);
	}
	free(l);
}

/* ---- unit amounts ---- */

static const char *const unit_ids[TLC_UNIT_MAX] = {
	"duration-year", "duration-month", "duration-day",
	"duration-hour", "duration-minute", "duration-second", "duration-week",
};
static const char *const unit_widths[TLC_UNIT_STYLE_MAX] = {
	"unit-width-full-name", "unit-width-short", "unit-width-full-name sign-always",
};

static int unit_fmt(UNumberFormatter **out, tlc_icu_locale *l, tlc_runit u, tlc_unit_style s)
{
	char sk[128];
	UChar usk[128];
	UErrorCode st = U_ZERO_ERROR;
	size_t n;
	if (!l->unit[u][s]) {
		n = (size_t)snprintf(sk, sizeof sk, "measure-unit/%s %s", unit_ids[u], unit_widths[s]);
		u_charsToUChars(sk, usk, (int32_t)n + 1);
		l->unit[u][s] = unumf_openForSkeletonAndLocale(usk, (int32_t)n, l->name, &st);
		if (U_FAILURE(st)) {
			unumf_close(l->unit[u][s]);
			l->unit[u][s] = NULL;
			return tlc_icu_status(st);
		}
	}
	*out = l->unit[u][s];
	return 0;
}

static int format_unit(UChar *dst, int32_t *len_out, tlc_icu_locale *l, tlc_runit u,
		       tlc_unit_style s, int64_t v)
{
	UNumberFormatter *f = NULL;
	UErrorCode st = U_ZERO_ERROR;
	int error = unit_fmt(&f, l, u, s);
	if (error < 0)
		return error;
	if (!l->result) {
		l->result = unumf_openResult(&st);
		if (U_FAILURE(st)) {
			unumf_closeResult(l->result);
			l->result = NULL;
			return tlc_icu_status(st);
		}
	}
	unumf_formatInt(f, v, l->result, &st);
	*len_out = unumf_resultToString(l->result, dst, PART_CAP, &st);
	return tlc_icu_status(st);
}

static int list_fmt(UListFormatter **out, tlc_icu_locale *l, tlc_unit_style s)
{
	int k = s == TLC_UNIT_STYLE_SHORT ? 1 : 0;
	UErrorCode st = U_ZERO_ERROR;
	if (!l->list[k]) {
		l->list[k] = ulistfmt_openForType(l->name, ULISTFMT_TYPE_UNITS,
						  k ? ULISTFMT_WIDTH_SHORT : ULISTFMT_WIDTH_WIDE, &st);
		if (U_FAILURE(st)) {
			ulistfmt_close(l->list[k]);
			l->list[k] = NULL;
			return tlc_icu_status(st);
		}
	}
	*out = l->list[k];
	return 0;
}

int tlc_icu__unit_list(tlc_buf *out, tlc_icu_locale *l, tlc_unit_style first, tlc_unit_style rest,
		       const tlc_runit *units, const int64_t *vals, size_t n)
{
	UChar part[TLC_UNIT_MAX][PART_CAP], joined[LIST_CAP];
	int32_t plen[TLC_UNIT_MAX];
	const UChar *items[TLC_UNIT_MAX];
	UListFormatter *lf = NULL;
	UErrorCode st = U_ZERO_ERROR;
	int error;
	if (n < 1 || n > TLC_UNIT_MAX || first == TLC_UNIT_STYLE_SHORT || rest == TLC_UNIT_STYLE_SHORT)
		return TLC_EINVAL;
	for (size_t k = 0; k < n; k++) {
		items[k] = part[k];
		if ((error = format_unit(part[k], &plen[k], l, units[k], k ? rest : first, vals[k])) < 0)
			return error;
	}
	if (n == 1)
		return put_u16(out, part[0], plen[0]);
	if ((error = list_fmt(&lf, l, TLC_UNIT_STYLE_FULL)) < 0)
		return error;
	int32_t jlen = ulistfmt_format(lf, items, plen, (int32_t)n, joined, LIST_CAP, &st);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	return put_u16(out, joined, jlen);
}

int tlc_icu__units(tlc_buf *out, tlc_icu_locale *l, tlc_unit_style style, const tlc_runit *units,
		   const int64_t *vals, size_t n)
{
	UChar part[2][PART_CAP], joined[LIST_CAP];
	int32_t plen[2] = {0, 0}, jlen;
	const UChar *items[2] = {part[0], part[1]};
	UListFormatter *lf = NULL;
	UErrorCode st = U_ZERO_ERROR;
	int error;
	if (n < 1 || n > 2)
		return TLC_EINVAL;
	for (size_t k = 0; k < n; k++)
		if ((error = format_unit(part[k], &plen[k], l, units[k], style, vals[k])) < 0)
			return error;
	if (n == 1)
		return put_u16(out, part[0], plen[0]);
	if ((error = list_fmt(&lf, l, style)) < 0)
		return error;
	jlen = ulistfmt_format(lf, items, plen, 2, joined, LIST_CAP, &st);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	return put_u16(out, joined, jlen);
}

/* ---- dates ---- */

int tlc_icu__datetime(tlc_buf *out, tlc_icu_locale *l, bool time, tlc_time local)
{
	static const UChar gmt[] = {'G', 'M', 'T', 0};
	UChar buf[PART_CAP];
	UErrorCode st = U_ZERO_ERROR;
	int k = time ? 1 : 0;
	int32_t n;
	if (!l->dat[k]) {
		l->dat[k] = udat_open(time ? UDAT_SHORT : UDAT_NONE, time ? UDAT_NONE : UDAT_LONG,
				      l->name, gmt, -1, NULL, 0, &st);
		if (U_FAILURE(st)) {
			udat_close(l->dat[k]);
			l->dat[k] = NULL;
			return tlc_icu_status(st);
		}
	}
	n = udat_format(l->dat[k], (UDate)local * 1000.0, buf, PART_CAP, NULL, &st);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	return put_u16(out, buf, n);
}

/* ---- iOS 18 .reference(to:) ---- */

static const URelativeDateTimeUnit rel_units[TLC_UNIT_MAX] = {
	UDAT_REL_UNIT_YEAR, UDAT_REL_UNIT_MONTH, UDAT_REL_UNIT_DAY, UDAT_REL_UNIT_HOUR,
	UDAT_REL_UNIT_MINUTE, UDAT_REL_UNIT_SECOND, UDAT_REL_UNIT_WEEK,
};

/* ICU's long relative phrase of v units u ("in 5 minutes", "tomorrow"; numeric: "in 1 day"). */
static int rel_phrase(UChar *dst, int32_t *len_out, tlc_icu_locale *l, tlc_runit u, double v,
		      bool numeric)
{
	UErrorCode st = U_ZERO_ERROR;
	URelativeDateTimeFormatter *f = ureldatefmt_open(l->name, NULL, UDAT_STYLE_LONG,
							 UDISPCTX_CAPITALIZATION_NONE, &st);
	if (U_FAILURE(st)) {
		ureldatefmt_close(f);
		return tlc_icu_status(st);
	}
	*len_out = numeric ? ureldatefmt_formatNumeric(f, v, rel_units[u], dst, LIST_CAP, &st)
			   : ureldatefmt_format(f, v, rel_units[u], dst, LIST_CAP, &st);
	ureldatefmt_close(f);
	return tlc_icu_status(st);
}

static bool is_space16(UChar c) { return c == 0x20 || c == 0xA0 || c == 0x202F; }

static bool same_spaced(const UChar *a, const UChar *b, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (a[i] != b[i] && !(is_space16(a[i]) && is_space16(b[i])))
			return false;
	return true;
}

int tlc_icu__reference(tlc_buf *out, tlc_icu_locale *l, bool future, const tlc_runit *units,
		       const int64_t *vals, size_t n)
{
	UChar rel[LIST_CAP], meas[PART_CAP], res[2 * LIST_CAP];
	int32_t rlen = 0, mlen = 0;
	tlc_buf list = TLC_BUF_INIT;
	int error;
	if (n > TLC_UNIT_MAX)
		return TLC_EINVAL;
	if (n == 0) /* "now" */
		return (error = rel_phrase(rel, &rlen, l, TLC_UNIT_SECOND, 0, false)) < 0
			       ? error : put_u16(out, rel, rlen);
	double v0 = future ? (double)vals[0] : -(double)vals[0];
	if ((error = rel_phrase(rel, &rlen, l, units[0], v0, n > 1)) < 0)
		return error;
	if (n == 1)
		return put_u16(out, rel, rlen);
	/* more than one unit: the relative phrase of the first with its amount ("2 hours")
	 * replaced by the list of all ("2 hours, 5 minutes") when the phrase opens or closes with
	 * it; else the list of the phrase and the other amounts (docs/rendering.md) */
	if ((error = format_unit(meas, &mlen, l, units[0], TLC_UNIT_STYLE_FULL, vals[0])) < 0)
		return error;
	/* the amount must open or close the phrase (ar "خلال يوم واحد" holds "يوم" in its
	 * middle); spaces U+0020, U+00A0, U+202F match each other (fr "dans 2 heures") */
	UChar *at = NULL;
	if (mlen > 0 && mlen <= rlen && same_spaced(rel, meas, mlen))
		at = rel;
	else if (mlen > 0 && mlen <= rlen && same_spaced(rel + rlen - mlen, meas, mlen))
		at = rel + rlen - mlen;
	if (!at) {
		UChar part[TLC_UNIT_MAX][PART_CAP], joined[2 * LIST_CAP];
		const UChar *items[TLC_UNIT_MAX] = {rel};
		int32_t plen[TLC_UNIT_MAX] = {rlen};
		UListFormatter *lf = NULL;
		UErrorCode st = U_ZERO_ERROR;
		for (size_t k = 1; k < n; k++) {
			items[k] = part[k];
			if ((error = format_unit(part[k], &plen[k], l, units[k], TLC_UNIT_STYLE_FULL,
						 vals[k])) < 0)
				return error;
		}
		if ((error = list_fmt(&lf, l, TLC_UNIT_STYLE_FULL)) < 0)
			return error;
		int32_t jlen = ulistfmt_format(lf, items, plen, (int32_t)n, joined, 2 * LIST_CAP, &st);
		if (U_FAILURE(st))
			return tlc_icu_status(st);
		return put_u16(out, joined, jlen);
	}
	if ((error = tlc_icu__unit_list(&list, l, TLC_UNIT_STYLE_FULL, TLC_UNIT_STYLE_FULL, units,
					vals, n)) < 0 || tlc_buf_oom(&list)) {
		tlc_buf_release(&list);
		return error < 0 ? error : TLC_ENOMEM;
	}
	int32_t pre = (int32_t)(at - rel), llen = 0;
	UErrorCode st = U_ZERO_ERROR;
	u_memcpy(res, rel, pre);
	u_strFromUTF8(res + pre, LIST_CAP, &llen, list.ptr, (int32_t)list.len, &st);
	tlc_buf_release(&list);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	int32_t post = rlen - pre - mlen;
	if (pre + llen + post > 2 * LIST_CAP)
		return TLC_ERANGE;
	u_memcpy(res + pre + llen, at + mlen, post);
	return put_u16(out, res, pre + llen + post);
}

int tlc_icu__skeleton(tlc_buf *out, tlc_icu_locale *l, const char *skeleton, tlc_time local)
{
	static const UChar gmt[] = {'G', 'M', 'T', 0};
	UChar sk[32], pat[PART_CAP], buf[PART_CAP];
	UErrorCode st = U_ZERO_ERROR;
	size_t n = strlen(skeleton);
	if (n >= sizeof sk / sizeof sk[0])
		return TLC_EINVAL;
	u_charsToUChars(skeleton, sk, (int32_t)n + 1);
	UDateTimePatternGenerator *g = udatpg_open(l->name, &st);
	int32_t plen = U_FAILURE(st) ? 0 : udatpg_getBestPattern(g, sk, (int32_t)n, pat, PART_CAP, &st);
	udatpg_close(g);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, l->name, gmt, -1, pat, plen, &st);
	int32_t len = U_FAILURE(st) ? 0 : udat_format(f, (UDate)local * 1000.0, buf, PART_CAP, NULL, &st);
	udat_close(f);
	if (U_FAILURE(st))
		return tlc_icu_status(st);
	return put_u16(out, buf, len);
}

/* ---- plural rules ---- */

static int plural_rules(UPluralRules **out, tlc_icu_locale *l, bool ordinal)
{
	int k = ordinal ? 1 : 0;
	UErrorCode st = U_ZERO_ERROR;
	if (!l->plural[k]) {
		l->plural[k] = uplrules_openForType(l->name,
						    ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL,
						    &st);
		if (U_FAILURE(st)) {
			uplrules_close(l->plural[k]);
			l->plural[k] = NULL;
			return tlc_icu_status(st);
		}
	}
	*out = l->plural[k];
	return 0;
}

int tlc_icu__plural_keywords(unsigned *out, tlc_icu_locale *l, bool ordinal)
{
	UPluralRules *pr = NULL;
	UEnumeration *en = NULL;
	UErrorCode st = U_ZERO_ERROR;
	const char *kw;
	int32_t n = 0;
	unsigned mask = 0;
	int error = plural_rules(&pr, l, ordinal);
	if (error < 0)
		return error;
	en = uplrules_getKeywords(pr, &st);
	while (!U_FAILURE(st) && (kw = uenum_next(en, &n, &st)) != NULL)
		mask |= tlc_plural__cat_from_name(kw, (size_t)n);
	error = tlc_icu_status(st);
	uenum_close(en);
	if (error == 0)
		*out = mask;
	return error;
}

int tlc_icu__plural_samples(const uint8_t **out, tlc_icu_locale *l, bool ordinal)
{
	int k = ordinal ? 1 : 0;
	UPluralRules *pr = NULL;
	uint8_t *tab = NULL;
	char kw[16];
	int error;
	if (l->samples[k]) {
		*out = l->samples[k];
		return 0;
	}
	if ((error = plural_rules(&pr, l, ordinal)) < 0)
		return error;
	if (!(tab = malloc(TLC_PLURAL_SAMPLES)))
		return TLC_ENOMEM;
	for (size_t i = 0; i < TLC_PLURAL_SAMPLES; i++) {
		UErrorCode st = U_ZERO_ERROR;
		UChar ukw[16];
		int32_t n = uplrules_select(pr, tlc_plural_sample(i), ukw, 16, &st);
		if (U_FAILURE(st) || n <= 0 || n >= 16) {
			free(tab);
			return U_FAILURE(st) ? tlc_icu_status(st) : TLC_EINPUT;
		}
		u_UCharsToChars(ukw, kw, n);
		tab[i] = (uint8_t)tlc_plural__cat_from_name(kw, (size_t)n);
	}
	l->samples[k] = tab;
	*out = tab;
	return 0;
}

int tlc_icu__int_text(const char **s, size_t *n, tlc_icu_locale *l, int64_t v)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[64];
	int32_t len;
	size_t mark;
	int error;
	if (v < 0 || v >= TLC_PLURAL_SAMPLES_DENSE)
		return TLC_ERANGE;
	if (!l->num_len[v]) {
		/* MessageFormat's own number format: NumberFormat::createInstance(locale), UNUM_DECIMAL */
		if (!l->num) {
			l->num = unum_open(UNUM_DECIMAL, NULL, 0, l->name, NULL, &st);
			if (U_FAILURE(st) || !l->num) {
				unum_close(l->num);
				l->num = NULL;
				return U_FAILURE(st) ? tlc_icu_status(st) : TLC_ENOMEM;
			}
		}
		len = unum_formatInt64(l->num, v, u, (int32_t)(sizeof u / sizeof *u), NULL, &st);
		if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || len <= 0)
			return U_FAILURE(st) ? tlc_icu_status(st) : TLC_ERANGE;
		mark = l->num_pool.len;
		if ((error = put_u16(&l->num_pool, u, len)) < 0)
			return error;
		if (l->num_pool.len - mark > UINT8_MAX || l->num_pool.len > UINT32_MAX) {
			tlc_buf_truncate(&l->num_pool, mark);
			return TLC_ERANGE;
		}
		l->num_off[v] = (uint32_t)mark;
		l->num_len[v] = (uint8_t)(l->num_pool.len - mark);
	}
	*s = l->num_pool.ptr + l->num_off[v];
	*n = l->num_len[v];
	return 0;
}

/* ---- messages ---- */

/* UTF-16 index into the pattern -> byte offset of its UTF-8 form. */
static size_t u16_to_u8_off(const char *s, size_t len, int32_t u16)
{
	size_t i = 0;
	int32_t units = 0;
	while (i < len && units < u16) {
		unsigned char c = (unsigned char)s[i];
		size_t step = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		units += step == 4 ? 2 : 1;
		i += step;
	}
	return i < len ? i : len;
}

static int msg_open(UMessageFormat *out, size_t *bad_off, const char **why, tlc_icu_locale *l,
		    const char *pat, size_t len)
{
	UChar *upat = NULL;
	int32_t ulen = 0;
	UParseError pe;
	UErrorCode st = U_ZERO_ERROR;
	UMessageFormat fmt;
	int error = dup_u16(&upat, &ulen, pat, len);
	if (error < 0)
		return error;
	memset(&pe, 0, sizeof pe);
	pe.offset = -1;
	fmt = umsg_open(upat, ulen, l->name, &pe, &st);
	free(upat);
	if (U_FAILURE(st)) {
		umsg_close(fmt);
		*bad_off = pe.offset > 0 ? u16_to_u8_off(pat, len, pe.offset) : SIZE_MAX;
		*why = u_errorName(st);
		return tlc_icu_status(st);
	}
	*out = fmt;
	return 0;
}

/* The cached compiled form of `pat`, compiled now when absent (the LRU entry is reused). */
static int msg_get(UMessageFormat *out, size_t *bad_off, const char **why, tlc_icu_locale *l,
		   const char *pat, size_t len)
{
	msg_entry *victim = &l->msgs[0];
	UMessageFormat fmt = NULL;
	char *key = NULL;
	int error;
	for (size_t k = 0; k < TLC_MSG_CACHE_SIZE; k++) {
		msg_entry *e = &l->msgs[k];
		if (e->key && e->len == len && memcmp(e->key, pat, len) == 0) {
			e->used = ++l->clock;
			*out = e->fmt;
			return 0;
		}
		if (e->used < victim->used)
			victim = e;
	}
	if (!(key = malloc(len + 1)))
		return TLC_ENOMEM;
	memcpy(key, pat, len);
	key[len] = 0;
	if ((error = msg_open(&fmt, bad_off, why, l, pat, len)) < 0) {
		free(key);
		return error;
	}
	free(victim->key);
	umsg_close(victim->fmt);
	victim->key = key;
	victim->len = len;
	victim->fmt = fmt;
	victim->used = ++l->clock;
	*out = fmt;
	return 0;
}

/*
 * umsg_format() reads its varargs by the argument types the pattern declares: the converter
 * guarantees indices 0..MAX_NUM-1 are numeric (kDouble) and the rest strings (kString), with
 * no holes below the highest index, so this one call site passes exactly that shape.
 */
static int32_t msg_call(UMessageFormat fmt, UChar *dst, int32_t cap, UErrorCode *st,
			const double *d, UChar *const *s)
{
	return umsg_format(fmt, dst, cap, st,
			   d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
			   d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15],
			   s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
			   s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15]);
}

#if TLC_MSG_MAX_NUM_ARGS != 16 || TLC_MSG_MAX_STR_ARGS != 16
#error "msg_call() passes exactly 16 numeric and 16 string arguments"
#endif

static int msg_run(tlc_buf *out, UMessageFormat fmt, const double *d, UChar *const *s)
{
	UChar stackbuf[256];
	UChar *heap = NULL;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = msg_call(fmt, stackbuf, 256, &st, d, s);
	int error;
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		if (!(heap = malloc(((size_t)n + 1) * sizeof *heap)))
			return TLC_ENOMEM;
		st = U_ZERO_ERROR;
		n = msg_call(fmt, heap, n + 1, &st, d, s);
	}
	/* Format-time failures (e.g. a type conflict the converter missed) carry no position. */
	error = U_FAILURE(st) ? tlc_icu_status(st) : put_u16(out, heap ? heap : stackbuf, n);
	free(heap);
	return error;
}

int tlc_icu__msg_format(tlc_buf *out, size_t *bad_off, const char **why, tlc_icu_locale *l,
			const char *pat, size_t len, const int64_t *num, size_t n_num, const char *const *str,
			size_t n_str)
{
	static const UChar empty[1] = {0};
	double d[TLC_MSG_MAX_NUM_ARGS] = {0};
	UChar *s[TLC_MSG_MAX_STR_ARGS];
	UMessageFormat fmt = NULL;
	int error = 0;
	size_t k;
	if (n_num > TLC_MSG_MAX_NUM_ARGS || n_str > TLC_MSG_MAX_STR_ARGS)
		return TLC_ERANGE;
	for (k = 0; k < TLC_MSG_MAX_STR_ARGS; k++)
		s[k] = (UChar *)empty; /* read only: ICU copies string arguments */
	for (k = 0; k < n_num; k++)
		d[k] = (double)num[k];
	if ((error = msg_get(&fmt, bad_off, why, l, pat, len)) < 0)
		return error;
	for (k = 0; k < n_str; k++)
		if ((error = dup_u16(&s[k], NULL, str[k], strlen(str[k]))) < 0)
			goto out;
	error = msg_run(out, fmt, d, s);
out:
	while (k-- > 0)
		free(s[k]);
	return error;
}
