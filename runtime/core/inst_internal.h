/*
 * inst_internal.h — the instantiation state shared by instantiate.c (the loop), timeline.c
 * (slice, free, JSON) and the naive evaluator. Internal to the runtime core.
 */
#ifndef TLC_INST_INTERNAL_H
#define TLC_INST_INTERNAL_H
#include "jsonw.h"
#include "timelinec/recur.h"
#include "timelinec/timeline.h"

typedef struct cd_state {
	const tlc_prog_countdown *c;
	tlc_time target;      /* TO, SINCE */
	tlc_time from;        /* resolved `from`, or TLC_TIME_NONE */
	tlc_time pause;       /* resolved `paused-at`, or TLC_TIME_NONE */
	tlc_time origin;      /* `from` of phase 0 when none is given: the window start */
	int64_t *above;       /* each phase's threshold, parameters resolved (has_above phases) */
	tlc_time *ev_start, *ev_end, *ev_roll; /* EVENTS: per item as written, resolved */
	uint32_t *ev_order;   /* EVENTS: item indexes by start, then end, then as written (a
				 recurring item has start TLC_TIME_MAX and roll TLC_TIME_MIN there) */
	tlc_recur **ev_rule;  /* EVENTS: a recurring item's rule and iterator, else NULL */
	tlc_recur_iter **ev_it;
	tlc_time *ev_qfrom, *ev_qocc; /* ... its first occurrence >= x is ev_qocc for x in
					 (ev_qfrom, ev_qocc] */
	tlc_time cur_t;       /* EVENTS: item_at(cur_t) is cur_item, its occurrence below */
	int32_t cur_item;
	tlc_time cur_start, cur_end, cur_roll;
	const tlc_prog_event *events; /* EVENTS: the program's items, or a list parameter's */
	size_t nevents;
	tlc_tl_list *list;    /* EVENTS from a list parameter: the timeline's list to fill */
	tlc_recur *rule;      /* RECUR */
	tlc_recur_iter *it;
	tlc_time cache_from, cache_hi, cache_occ; /* occ_from(x) == cache_occ for x in (cache_from, cache_hi] */
} cd_state;

/* Bulk storage for an instantiated timeline's entries (their views and runs): allocated as
 * entries are pushed, freed with the timeline, never one by one. */
typedef struct tlc__slab_chunk {
	struct tlc__slab_chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
} tlc__slab_chunk;

typedef struct tlc__inst {
	tlc__slab_chunk *slab; /* the entries' views and runs (tlc_timeline_free releases them) */
	size_t slab_bytes;     /* its size, at most TLC_MAX_TIMELINE_MEMORY */
	const tlc_program *p;
	tlc_time now, data_time, origin;
	const tlc_zone *ez, *dz;
	tlc_param_value *params;
	size_t nparams;
	cd_state *cds;
	size_t ncds;
	size_t max_candidates; /* opts->max_candidates, or TLC_MAX_CANDIDATES */
} inst;

int tlc__eval_view(const inst *in, cd_state *st, tlc_time t, tlc_tl_view *v);
/* A list parameter's JSON value into out (eventlist.c); local times resolve in z. */
int tlc__list_parse(tlc_tl_list *out, const tlc_prog_countdown *c, const char *json,
		    const tlc_zone *z, tlc_inst_err *err);
void tlc__list_release(tlc_tl_list *l, size_t nfields);
void tlc__inst_release(inst *in);
int tlc__timeline_finish(tlc_timeline *tl, const inst *in);
#endif
