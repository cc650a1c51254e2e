/*
 * recur_int.h — shared between recur_parse.c (RRULE, dates, canonical printing),
 * recur_friendly.c (the friendly form), recur_expand.c (local-time generation) and recur_iter.c
 * (zone conversion, COUNT, EXDATE/RDATE, the public iterator).
 *
 * Invariants:
 *  - Every BYxxx part is a bit set (so lists are canonical: sorted, no duplicates). `parts` says
 *    which parts were written; an absent part has no bits.
 *  - Local readings are local seconds (civil.h); weekdays are 0 = Sunday .. 6 = Saturday, as
 *    tlc_weekday_from_days() returns them.
 *  - The date lists are sorted ascending and free of duplicates.
 */
#ifndef TLC_RECUR_INT_H
#define TLC_RECUR_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "timelinec/recur.h"

/* 1970-01-01T00:00:00 and 10000-01-01T00:00:00 as local seconds: the local range. */
#define TLC_RECUR_LOCAL_MIN ((tlc_time)0)
#define TLC_RECUR_LOCAL_END ((tlc_time)253402300800)

/* A bit set of 384 bits (BYYEARDAY and BYSETPOS magnitudes 1..366). */
typedef struct tlc_rbits {
	uint64_t w[6];
} tlc_rbits;

static inline bool tlc_rbits_get(const tlc_rbits *b, unsigned i)
{
	return (b->w[i >> 6] >> (i & 63)) & 1u;
}
static inline void tlc_rbits_set(tlc_rbits *b, unsigned i)
{
	b->w[i >> 6] |= (uint64_t)1 << (i & 63);
}

/* The rule parts, in RFC 5545 grammar order (the canonical printing order). */
enum tlc_recur_part {
	TLC_RP_FREQ = 0,
	TLC_RP_UNTIL,
	TLC_RP_COUNT,
	TLC_RP_INTERVAL,
	TLC_RP_BYSECOND,
	TLC_RP_BYMINUTE,
	TLC_RP_BYHOUR,
	TLC_RP_BYDAY,
	TLC_RP_BYMONTHDAY,
	TLC_RP_BYYEARDAY,
	TLC_RP_BYWEEKNO,
	TLC_RP_BYMONTH,
	TLC_RP_BYSETPOS,
	TLC_RP_WKST,
	TLC_RP_MAX
};
#define TLC_RP_BIT(p) (1u << (p))

enum tlc_recur_until_kind {
	TLC_UNTIL_NONE = 0,
	TLC_UNTIL_LOCAL, /* a local date-time, compared with the reading */
	TLC_UNTIL_UTC,   /* 'Z': compared with the instant */
	TLC_UNTIL_DATE   /* a bare date: every reading on that local date is still in */
};

typedef struct tlc_recur_dates {
	tlc_time *v;
	size_t n;
} tlc_recur_dates;

struct tlc_recur {
	tlc_recur_freq freq;
	uint32_t interval;  /* >= 1 */
	uint32_t count;     /* 0: no COUNT */
	int until_kind;     /* enum tlc_recur_until_kind */
	tlc_time until;     /* local or UTC seconds; DATE: local midnight of the date */
	int wkst;           /* 0..6, default 1 (Monday) */
	uint32_t parts;     /* TLC_RP_BIT() of every part written */
	bool friendly;      /* from tlc_recur_parse_friendly(): anchored at 1970-01-01 */
	bool has_dtstart;
	tlc_time dtstart;   /* local seconds */

	uint64_t bysecond;  /* bits 0..60 */
	uint64_t byminute;  /* bits 0..59 */
	uint32_t byhour;    /* bits 0..23 */
	uint8_t byday;      /* weekdays without an ordinal */
	uint64_t byday_pos[7], byday_neg[7]; /* ordinals 1..53 of each weekday, + and - */
	uint32_t bymday_pos, bymday_neg;     /* 1..31 */
	tlc_rbits byyday_pos, byyday_neg;    /* 1..366 */
	uint64_t byweekno_pos, byweekno_neg; /* 1..53 */
	uint16_t bymonth;                    /* bits 1..12 */
	tlc_rbits bysetpos_pos, bysetpos_neg; /* 1..366 */

	tlc_recur_dates ex_local; /* EXDATE local date-times */
	tlc_recur_dates ex_utc;   /* EXDATE UTC instants */
	tlc_recur_dates ex_day;   /* EXDATE dates, as day numbers */
	tlc_recur_dates rd_local; /* RDATE local date-times */
	tlc_recur_dates rd_utc;   /* RDATE UTC instants */
};

/* ---- recur_parse.c ---- */

/* A zeroed rule with the RFC defaults (INTERVAL 1, WKST MO); NULL when out of memory. */
tlc_recur *tlc_recur__alloc(void);
/* Fills err (when not NULL) and returns rc; msg is printf-style. */
int tlc_recur__fail(tlc_err *err, int rc, size_t off, size_t len, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;
/* The input contract of every parser: s not NULL unless n is 0, n <= the limit, no NUL byte. */
int tlc_recur__check_input(const char *s, size_t n, tlc_err *err);
/* Copies at most a short prefix of s[0..n) into q (for quoting user text in messages). */
const char *tlc_recur__quote(char *q, size_t cap, const char *s, size_t n);

/* ---- recur_expand.c: the local-time generator ---- */

/*
 * What the generator needs, derived once from a rule and its DTSTART (defaults applied):
 * the day filters, the time lists, the period arithmetic and the dead-rule bound.
 */
typedef struct tlc_recur_plan {
	const tlc_recur *r;
	tlc_recur_freq freq;
	int64_t interval;
	tlc_time dtstart;
	tlc_time stop;        /* no reading after this can be in the set (UNTIL), else END */
	int until_kind;
	tlc_time until_local; /* LOCAL/DATE: the last reading allowed */

	/* day filters (after RFC defaults) */
	bool f_month, f_mday, f_yday, f_weekno, f_wday, f_nth;
	uint16_t bymonth;
	uint32_t bymday_pos, bymday_neg;
	uint32_t mdays[4]; /* days passing BYMONTHDAY in a month of 28..31 days: bit d - 1 for day d */
	uint8_t byday;
	bool nth_in_month; /* BYDAY ordinals count within the month (else within the year) */

	/* times: a product of up to three sorted lists, most significant first */
	int nlists;
	uint8_t tn[3];
	uint8_t tv[3][60];
	int32_t tmul[3];
	uint32_t tsize;
	/* sub-daily period filters (all ones when absent) */
	uint32_t fhour;
	uint64_t fmin, fsec;
	bool setpos;
	uint16_t sp_pos[366], sp_neg[366]; /* BYSETPOS magnitudes, ascending */
	int n_sp_pos, n_sp_neg;

	int64_t step;     /* sub-daily: period length in seconds */
	tlc_time origin;  /* sub-daily: start of period 0 (DTSTART truncated to the unit) */
	int64_t p0;       /* coarse: the period index of DTSTART */
	int32_t week_off; /* WEEKLY: day numbers d with (d - week_off) % 7 == 0 start a week */
	tlc_time cycle;   /* a run of empty periods this long proves the rule dead */
	bool never;       /* known at plan time to produce nothing */
} tlc_recur_plan;

typedef struct tlc_recur_ymask {
	int32_t year;   /* 0: not built */
	int32_t len;    /* 365 or 366 */
	int64_t jan1;   /* day number of January 1 */
	bool any;       /* some bit is set */
	tlc_rbits bits; /* bit i: day jan1 + i passes the day filters */
} tlc_recur_ymask;

/* The generator's position. Plain data: copying it forks the stream. */
typedef struct tlc_recur_gen {
	int64_t p;          /* current period index */
	int64_t first;      /* coarse: day number of the first day of period p */
	int32_t len;        /* coarse: days in period p */
	tlc_time base;      /* sub-daily: start of the current period */
	int32_t ndays;      /* coarse: days of the period that pass the filters */
	int32_t days[372];
	uint32_t nsel;      /* BYSETPOS: selected candidate indices, ascending */
	uint32_t sel[732];
	uint64_t ncand;     /* candidates in the period (before BYSETPOS) */
	uint64_t pos;       /* next index: into sel[] with BYSETPOS, else a candidate index */
	uint64_t lim;       /* pos < lim while the period has more */
	tlc_time empty_since; /* start of the current run of empty periods, or TLC_TIME_NONE */
	long steps;         /* steps since the last reading */
	tlc_recur_end end;
	tlc_recur_ymask m[2];
	uint32_t kinds;          /* bit k: kind_bits[k] is built (see mask_for()) */
	uint32_t kinds_any;      /* bit k: kind_bits[k] has a bit set */
	tlc_rbits kind_bits[28]; /* the mask of each kind of year */
} tlc_recur_gen;

/* Derives the plan; TLC_EINVAL when the rule needs a DTSTART. */
int tlc_recur__plan_init(tlc_recur_plan *pl, const tlc_recur *r);
/* Clears g's position and caches (a new generator; then tlc_recur__gen_seek). */
void tlc_recur__gen_init(tlc_recur_gen *g);
/* Positions g so that the next reading is the first one >= local (and >= DTSTART). */
void tlc_recur__gen_seek(tlc_recur_gen *g, const tlc_recur_plan *pl, tlc_time local);
/* The next reading (ascending local seconds); 0, or TLC_ENOTFOUND with g->end set. */
int tlc_recur__gen_next(tlc_recur_gen *g, const tlc_recur_plan *pl, tlc_time *local_out);

#endif
