/*
 * activity_rules.c — check's rules for Live Activities (TL201-TL214) over the schedule the core
 * instantiated: the lifetime ActivityKit allows, events in order, dates a view counts with, the
 * push budget. See activity_rules.h and docs/live-activities.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display/activity_render.h"
#include "spec/template.h"
#include "spec/validate.h"
#include "verify/activity_rules.h"
#include "timelinec/civil.h"

typedef struct la_check {
	tlc_ctx *ctx;
	const tlc_la_schedule *sch;
	const tlc_spec *s;
	const tlc_source *src;
} la_check;

static void fmt_when(const la_check *c, char *b, size_t n, tlc_time t)
{
	tlc_civil cv;
	int32_t off = c->s->zone ? tlc_zone_offset(c->s->zone, t) : 0;
	tlc_civil_from_secs(t + off, &cv);
	snprintf(b, n, "%04d-%02d-%02d %02d:%02d", (int)cv.year, (int)cv.month, (int)cv.day,
		 (int)cv.hour, (int)cv.min);
}

/* A stale date this long after the date shown is a grace period, not TL206's late form. */
#define STALE_GRACE (5 * 60)

/* A length in words for a message: "25 min", "1 h 30 min", "2 h". */
static void fmt_span(char *b, size_t n, int64_t s)
{
	if (s >= 3600 && s / 60 % 60)
		snprintf(b, n, "%lld h %lld min", (long long)(s / 3600), (long long)(s / 60 % 60));
	else if (s >= 3600)
		snprintf(b, n, "%lld h", (long long)(s / 3600));
	else if (s >= 60)
		snprintf(b, n, "%lld min", (long long)(s / 60));
	else
		snprintf(b, n, "%lld s", (long long)s);
}

/* A length in the spec's own syntax, whole minutes rounded down: "40m", "1h30m", "45s". */
static void spec_duration(char *b, size_t n, int64_t s)
{
	if (s < 60)
		snprintf(b, n, "%llds", (long long)(s < 0 ? 0 : s));
	else if (s >= 3600 && s / 60 % 60)
		snprintf(b, n, "%lldh%lldm", (long long)(s / 3600), (long long)(s / 60 % 60));
	else if (s >= 3600)
		snprintf(b, n, "%lldh", (long long)(s / 3600));
	else
		snprintf(b, n, "%lldm", (long long)(s / 60));
}

static const tlc_node *event_node(const la_check *c, const tlc_la_state *st, const char *key)
{
	const tlc_node *ev = c->s->events[st->src].node, *n = key ? tlc_node_get(ev, key) : NULL;
	return n ? n : ev;
}

static const tlc_node *state_value_node(const la_check *c, const tlc_la_state *st, int f)
{
	const tlc_sp_event *ev = &c->s->events[st->src];
	for (size_t i = 0; i < ev->nstate; i++)
		if (strcmp(ev->state[i].field, c->s->fields[f].name) == 0)
			return ev->state[i].value;
	return NULL;
}

/* Lifetime: 8 hours active, 12 on the Lock Screen, dismissal within 4 hours of the end. */
static void check_lifetime(la_check *c)
{
	const tlc_la_schedule *sch = c->sch;
	char when[32];
	size_t last = (size_t)-1;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		const tlc_sp_event *ev = &c->s->events[st->src];
		if (st->kind == TLC_LA_UPDATE && st->at >= sch->system_end && st->src != last) {
			last = st->src; /* a repeated update: its first time only */
			fmt_when(c, when, sizeof when, sch->system_end);
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL201", event_node(c, st, "at")->span,
						   "this update comes %lld h %02lld min after the start; the "
						   "system ends the activity at 8 hours (%s) and ignores it",
						   (long long)((st->at - sch->start) / 3600),
						   (long long)((st->at - sch->start) / 60 % 60), when);
			tlc_diag_set_fix(g, "start the activity later (closer to the event), or split it");
		}
		if (st->kind == TLC_LA_END && st->at - sch->start > TLC_LA_ACTIVE_MAX) {
			fmt_when(c, when, sizeof when, sch->system_end);
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL201", event_node(c, st, "at")->span,
						   "the end comes %lld h %02lld min after the start; the "
						   "system ends the activity at 8 hours (%s) and the Dynamic "
						   "Island loses it then", (long long)((st->at - sch->start) / 3600),
						   (long long)((st->at - sch->start) / 60 % 60), when);
			tlc_diag_set_fix(g, "start the activity later (closer to the event), or split it");
		}
		if (st->kind == TLC_LA_END && ev->dismissal == TLC_DISMISS_AFTER &&
		    ev->dismiss_after > TLC_LA_LINGER_MAX) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL203", tlc_node_get(ev->node, "dismissal")->span,
						   "dismissal %lld h after the end: the system removes an "
						   "ended activity after 4 hours, whichever comes first",
						   (long long)(ev->dismiss_after / 3600));
			tlc_diag_set_fix(g, "use 'after 15m' to 'after 4h' (Apple suggests 15-30 minutes)");
		}
	}
	if (sch->end == TLC_TIME_NONE) {
		char gone[32];
		fmt_when(c, gone, sizeof gone, sch->gone);
		const tlc_node *start = c->s->events[0].node;
		tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL202", start->span,
					   "nothing ends this activity: the system ends it after 8 hours and "
					   "it stays on the Lock Screen until %s, 12 hours in all, showing "
					   "whatever it showed last", gone);
		tlc_diag_set_fix(g, "add an 'end:' push with final content and a dismissal policy");
	}
}

/* TL213: an update or end due before the start has no activity to act on. */
static void check_order(la_check *c)
{
	const tlc_la_schedule *sch = c->sch;
	char when[32], start[32];
	size_t last = (size_t)-1;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		if (st->kind == TLC_LA_START || st->at >= sch->start || st->src == last)
			continue;
		last = st->src; /* a repeated update: its first time only */
		fmt_when(c, when, sizeof when, st->at);
		fmt_when(c, start, sizeof start, sch->start);
		tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL213", event_node(c, st, "at")->span,
					   "this %s is due at %s, before the activity starts (%s): there "
					   "is no activity to %s then",
					   tlc_la_event_name(st->kind), when, start,
					   st->kind == TLC_LA_END ? "end" : "update");
		tlc_diag_set_fix(g, "schedule it after the start, or start the activity earlier; when "
				    "a parameter moves it, narrow 'check-params' to the values that "
				    "really occur");
	}
}

/* Whether a view counts with date field f: a {timer}, {relative}, {offset}, {date-offset} (true: they count
 * up past the date) or a {countdown} or {progress} (kind_out set, false returned). A field
 * shown only as a timestamp ({time}, {date}) or not at all leaves *pres_out at -1. */
static bool view_uses(const la_check *c, int f, tlc_run_kind *kind_out, int *pres_out,
		      tlc_span *span_out, bool *interval_out)
{
	bool up = false;
	for (int p = 0; p < TLC_LA_PRESENTATIONS; p++) {
		tlc_tmpl tm;
		if (!c->s->views[p] || tlc__la_split(c->ctx, c->s, p, &tm) < 0)
			continue;
		for (size_t i = 0; i < tm.nruns; i++) {
			tlc_run_kind k = tm.runs[i].kind;
			if (!tm.runs[i].field || strcmp(tm.runs[i].field, c->s->fields[f].name) != 0 ||
			    (k != TLC_RUN_TIMER && k != TLC_RUN_RELATIVE && k != TLC_RUN_OFFSET &&
			     k != TLC_RUN_DATE_OFFSET && k != TLC_RUN_DATE_REFERENCE &&
			     !tlc_run_has_from(k)))
				continue; /* {stopwatch} counts up from its date by design, like {date} */
			/* Text(timerInterval:), ProgressView(timerInterval:), .timer(countingDownIn:):
			 * a range */
			*interval_out = *interval_out || tlc_run_has_from(k);
			if (up)
				continue; /* the first run that counts up names the finding */
			*kind_out = k;
			*pres_out = p;
			*span_out = tm.runs[i].span;
			up = !tlc_run_has_from(k); /* the ones that count up */
		}
	}
	return up;
}

/* Date fields: before the start, wrong epochs, timers counting up, no stale date, inverted
 * intervals. */
static void check_dates(la_check *c)
{
	const tlc_la_schedule *sch = c->sch;
	tlc_time visible_until = sch->gone;
	/* sent[k]: the first state event k makes (a repeating update makes several) */
	size_t *sent = malloc((c->s->nevents ? c->s->nevents : 1) * sizeof *sent);
	if (!sent) {
		c->ctx->diags.oom = 1;
		return;
	}
	for (size_t k = 0; k < c->s->nevents; k++)
		sent[k] = SIZE_MAX;
	for (size_t i = sch->nstates; i-- > 0;)
		sent[sch->states[i].src] = i;
	for (size_t f = 0; f < c->s->nfields && f < TLC_LA_MAX_FIELDS; f++) {
		if (c->s->fields[f].type != TLC_FIELD_DATE)
			continue;
		tlc_run_kind kind = TLC_RUN_TEXT;
		int pres = -1;
		tlc_span vspan = TLC_SPAN_NONE;
		bool interval = false;
		bool counts_up = view_uses(c, (int)f, &kind, &pres, &vspan, &interval);
		/* an elapsed timer (date-since) counts up on purpose; a field no view counts with
		   (unshown, or a timestamp like "Updated {time reading-at}") may lie in the past */
		bool counted = pres >= 0 && !c->s->fields[f].since;
		counts_up = counts_up && !c->s->fields[f].since;
		for (size_t i = 0; i < sch->nstates; i++) {
			const tlc_la_state *st = &sch->states[i];
			const tlc_node *vn = state_value_node(c, st, (int)f);
			if (!vn || !st->values[f].set)
				continue;
			/* a value the server works out at each send (varies): its stand-in says
			   something at the update's first send only */
			uint32_t bit = UINT32_C(1) << f;
			if (c->s->events[st->src].varies & bit && sent[st->src] != i)
				continue;
			tlc_time T = st->values[f].date;
			char when[32];
			fmt_when(c, when, sizeof when, T);
			/* a value that only makes sense x1000, /1000 or shifted by the 2001 epoch */
			const tlc_time cands[4] = {T * 1000, T / 1000, T + TLC_LA_DEFERRED_EPOCH, T - TLC_LA_DEFERRED_EPOCH};
			const char *why[4] = {"seconds where milliseconds were meant",
					      "milliseconds where seconds were meant",
					      "seconds since 2001 (Swift's deferredToDate) read as since 1970",
					      "seconds since 1970 where the app decodes seconds since 2001"};
			int64_t dist = T > st->at ? T - st->at : st->at - T;
			bool flagged = false;
			for (int k = 0; k < 4 && dist > 30 * 86400; k++)
				if (cands[k] > st->at - 86400 && cands[k] < st->at + 2 * 86400) {
					tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL208", vn->span,
								   "'%s' is %s, which looks like %s",
								   c->s->fields[f].name, when, why[k]);
					tlc_diag_set_fix(g, "check the unit and the epoch of the date you pass");
					flagged = true;
					break;
				}
			if (!flagged && counted && T <= st->at && st->kind != TLC_LA_END) {
				tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL207", vn->span,
							   "'%s' is %s, at or before the %s that sets it: a "
							   "{countdown} shows 0:00 at once, a {timer} counts up",
							   c->s->fields[f].name, when, tlc_la_event_name(st->kind));
				tlc_diag_set_fix(g, "pass the real target (and its zone) or update it later");
			}
			/* the value holds until the next state changes it */
			tlc_time until = visible_until;
			for (size_t j = i + 1; j < sch->nstates; j++)
				if (sch->states[j].values[f].date != T ||
				    c->s->events[sch->states[j].src].varies & bit) {
					until = sch->states[j].at;
					break;
				}
			if (counts_up && T > st->at && until > T + 10) {
				tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL204", vspan,
							   "'{%s %s}' counts up from %s until %s%s",
							   tlc_run_kind_name(kind), c->s->fields[f].name, when,
							   until == visible_until ? "the activity leaves the Lock Screen"
									       : "the next update",
							   sch->end != TLC_TIME_NONE && until > sch->end
								   ? ", after the end too" : "");
				tlc_diag_set_fix(g, "use '{countdown %s}' (Text(timerInterval:) held at 0:00) "
						    "and push final content at the end",
						    c->s->fields[f].name);
			}
			/* out of date from T until new content comes: any update or end that the
			   activity still takes (before the system ends it), within a minute of T */
			tlc_time fresh = visible_until;
			for (size_t j = i + 1; j < sch->nstates; j++)
				if (sch->states[j].at >= T && sch->states[j].at < sch->system_end) {
					fresh = sch->states[j].at;
					break;
				}
			if (T > st->at && until > T && fresh > T + 60 && st->stale == TLC_TIME_NONE &&
			    pres >= 0) {
				tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL206", event_node(c, st, NULL)->span,
							   "after %s the content is out of date and nothing marks it "
							   "stale: this %s sets no stale date",
							   when, tlc_la_event_name(st->kind));
				tlc_diag_set_fix(g, "add 'stale-after:' so isStale turns on when the data is old");
			} else if (T > st->at && until > T && st->stale != TLC_TIME_NONE && pres >= 0 &&
				   (st->stale < fresh ? st->stale : fresh) > T + STALE_GRACE) {
				/* a stale date, but a late one: out of date, unmarked, from T until then */
				char late[32], dur[32];
				tlc_time marked = st->stale < fresh ? st->stale : fresh;
				fmt_span(late, sizeof late, marked - T);
				spec_duration(dur, sizeof dur, T - st->at);
				tlc_span sp = event_node(c, st, "stale-after")->span;
				tlc_diag *g =
					marked == st->stale
						? tlc_diag_add(&c->ctx->diags, "TL206", sp,
							       "after %s the content is out of date, and this "
							       "%s's stale date comes %s later: isStale stays "
							       "off meanwhile", when,
							       tlc_la_event_name(st->kind), late)
						: tlc_diag_add(&c->ctx->diags, "TL206", sp,
							       "after %s the content is out of date for %s, until "
							       "new content comes, and this %s's stale date comes "
							       "later still: isStale stays off meanwhile", when,
							       late, tlc_la_event_name(st->kind));
				tlc_diag_set_fix(g, "set 'stale-after: %s' (the date shown, %s), or less", dur,
						 when);
			}
			if (i > 0 && interval && T < sch->states[i - 1].values[f].date &&
			    T < st->at) {
				tlc_diag_add(&c->ctx->diags, "TL212", vn->span,
					     "the update moves '%s' before its own time: Text(timerInterval:) "
					     "with a range whose start is after its end traps in Swift",
					     c->s->fields[f].name);
			}
		}
	}
	free(sent);
}

static void check_events(la_check *c, int pushes_per_hour)
{
	const tlc_la_schedule *sch = c->sch;
	size_t lo = 0, most = 0, at_most = 0;
	for (size_t i = 0; i < sch->nstates; i++) {
		const tlc_la_state *st = &sch->states[i];
		const tlc_sp_event *ev = &c->s->events[st->src];
		if (st->stale != TLC_TIME_NONE && st->stale <= st->at)
			tlc_diag_add(&c->ctx->diags, "TL205", tlc_node_get(ev->node, "stale-after")->span,
				     "the stale date is at the %s itself: the activity starts out stale",
				     tlc_la_event_name(st->kind));
		if (st->kind == TLC_LA_START && st->via == TLC_VIA_PUSH_TO_START && !ev->has_alert) {
			const tlc_node *v = tlc_node_get(ev->node, "via");
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL214", v ? v->span : ev->node->span,
						   "a push-to-start without an 'alert': ActivityKit starts "
						   "an activity from a push only when the payload has one");
			tlc_diag_set_fix(g, "add 'alert: {title: ..., body: ...}' to the start");
		}
		if (st->payload_len > TLC_LA_PAYLOAD_MAX) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL209", ev->node->span,
						   "the push payload is %zu bytes; ActivityKit refuses more "
						   "than 4096 (content state, attributes and alert together)",
						   st->payload_len);
			tlc_diag_set_fix(g, "send identifiers instead of long texts");
		}
		if (st->via == TLC_VIA_APP && st->data_len > TLC_LA_PAYLOAD_MAX &&
		    (i == 0 || sch->states[i - 1].src != st->src)) {
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL209", ev->node->span,
						   "the attributes and content state the app sets here are "
						   "%zu bytes; ActivityKit refuses more than 4096 "
						   "(attributesTooLarge)", st->data_len);
			tlc_diag_set_fix(g, "send identifiers instead of long texts");
		}
		/* an app kept running by a background mode (audio, location, an accessory) makes
		   its own updates and its end on time; any other app runs only when the user or iOS
		   decides. An event via an intent, or while the user has the app open, comes when
		   the user acts: never TL211. */
		if (ev->event != TLC_LA_START && st->via == TLC_VIA_APP && !ev->foreground &&
		    ev->at.expr.kind != TLC_TIME_EXPR_NOW && !c->s->runs_in_background &&
		    (i == 0 || sch->states[i - 1].src != st->src)) {
			bool end = ev->event == TLC_LA_END;
			tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL211", tlc_node_get(ev->node, "via")
									? tlc_node_get(ev->node, "via")->span
									: ev->node->span,
						   "%s 'via: app' at a set time: nothing runs the app "
						   "then, so the %s never happens%s%s",
						   end ? "an end" : "an update", end ? "end" : "update",
						   c->s->background_modes ? " (its background modes run it when "
									    "iOS decides, not at a set time)" : "",
						   end ? ", and the activity stays until the system ends it at "
							 "8 hours" : "");
			if (end)
				tlc_diag_set_fix(g, "send the end as a push ('via: push'), make it "
						    "'while: foreground' if the user ends it in the app or 'via: "
						    "intent' with a button, or list the background mode that keeps "
						    "the app running ('background-modes: [audio]')");
			else
				tlc_diag_set_fix(g, "send it as a push ('via: push'), make it 'at: now' for an "
						    "update the app makes while it runs, make it 'via: intent' for "
						    "one the user makes with a button, 'while: foreground' for one "
						    "the app makes while the user has it open, or list the background "
						    "mode that keeps the app running ('background-modes: [audio]')");
		}
		/* priority-10 pushes in the busiest hour */
		if (st->payload && st->priority == 10) {
			while (sch->states[lo].at <= st->at - 3600 || !(sch->states[lo].payload &&
									  sch->states[lo].priority == 10))
				lo++;
			size_t n = 0;
			for (size_t k = lo; k <= i; k++)
				n += sch->states[k].payload && sch->states[k].priority == 10;
			if (n > most) {
				most = n;
				at_most = i;
			}
		}
	}
	if (pushes_per_hour > 0 && most > (size_t)pushes_per_hour) {
		const tlc_sp_event *ev = &c->s->events[sch->states[at_most].src];
		tlc_diag *g = tlc_diag_add(&c->ctx->diags, "TL210", ev->node->span,
					   "%zu priority-10 pushes in one hour: the push budget is not "
					   "published, and beyond about %d an hour (an assumption%s) the "
					   "system throttles them",
					   most, pushes_per_hour,
					   c->s->frequent_updates ? ", with frequent updates on; a user who "
								   "turns them off gets fewer" : "");
		tlc_diag_set_fix(g, "send routine updates at 'priority: 5' (not budgeted) and keep 10 "
				    "for what the user must see now");
	}
}

void tlc_activity_verify(tlc_ctx *ctx, const tlc_la_schedule *sch, int pushes_per_hour)
{
	la_check c = {ctx, sch, sch->spec, tlc_sources_get(&ctx->sources, sch->spec->file)};
	tlc_tmpl tm;
	for (int p = 0; p < TLC_LA_PRESENTATIONS; p++) /* the views are templates: check them */
		if (sch->spec->views[p])
			tlc__la_split(ctx, sch->spec, p, &tm);
	check_order(&c);
	check_lifetime(&c);
	check_dates(&c);
	check_events(&c, pushes_per_hour);
}

/* " (if the user never ...)" for the events the spec has the user make. */
static const char *user_clause(const tlc_spec *s)
{
	bool intent = false, app = false;
	for (size_t i = 0; i < s->nevents; i++) {
		intent = intent || s->events[i].via == TLC_VIA_INTENT;
		app = app || s->events[i].foreground;
	}
	return intent && app ? " (if the user never taps the activity's buttons nor uses the app "
			       "after the start)"
	       : intent      ? " (if the user never taps the activity's buttons)"
	       : app	     ? " (if the user never uses the app after the start)"
			     : NULL;
}

/* The findings from `with_end` on come from the schedules without the user's events: one the
   schedules with them have too (same rule, same place) is dropped, the others say so. */
static int mark_without_user(tlc_ctx *ctx, const tlc_spec *s, size_t with_end, const char *clause)
{
	tlc_diags *d = &ctx->diags;
	bool user_end = false; /* the spec's end is the user's: without them nothing ends it */
	for (size_t i = 0; i < s->nevents; i++)
		user_end = user_end || (s->events[i].event == TLC_LA_END &&
					(s->events[i].via == TLC_VIA_INTENT || s->events[i].foreground));
	for (size_t i = with_end; i < d->n;) {
		bool dup = false;
		for (size_t k = 0; k < with_end && !dup; k++)
			dup = d->v[k].span.file == d->v[i].span.file &&
			      d->v[k].span.start == d->v[i].span.start &&
			      d->v[k].span.end == d->v[i].span.end && strcmp(d->v[k].rule, d->v[i].rule) == 0;
		if (dup) {
			tlc_diag_remove(d, i);
			continue;
		}
		size_t n = strlen(d->v[i].message), m = strlen(clause);
		char *msg = malloc(n + m + 1);
		if (!msg)
			return TLC_ENOMEM;
		memcpy(msg, d->v[i].message, n);
		memcpy(msg + n, clause, m + 1);
		free(d->v[i].message);
		d->v[i].message = msg;
		if (user_end && strcmp(d->v[i].rule, "TL202") == 0)
			tlc_diag_set_fix(&d->v[i], "keep the user's end, and add one that comes without "
					 "them: a push, or the app's own end with a background mode that "
					 "keeps it running, at the latest time the activity can matter");
		i++;
	}
	return 0;
}

int tlc_activity_check(tlc_ctx *ctx, const tlc_spec *s, tlc_time now)
{
	tlc_param_value vals[TLC_MAX_PARAMS];
	size_t n = 0;
	tlc_time lo[TLC_MAX_PARAMS], hi[TLC_MAX_PARAMS];
	int inst = -1;
	const char *clause = user_clause(s);
	size_t with_end = 0;
	for (size_t i = 0; i < s->nparams && n < TLC_MAX_PARAMS; i++, n++) {
		const tlc_sp_param *p = &s->params[i];
		/* a stand-in value of each type: text reads as its name, numbers as 1 */
		vals[n] = (tlc_param_value){.name = p->name, .number = 1,
					    .text = p->type == TLC_PARAM_NUMBER ? "1" : p->name};
		lo[n] = now + 60;
		hi[n] = now + 7 * 86400;
		if (p->has_domain && p->domain.kind == TLC_PARAM_DOMAIN_RELATIVE) {
			lo[n] = now + p->domain.lo;
			hi[n] = now + p->domain.hi;
		}
		vals[n].instant = lo[n] + (hi[n] - lo[n]) / 2;
		if (p->type == TLC_PARAM_INSTANT && inst < 0)
			inst = (int)n;
	}
	/* with the user's events where the spec puts them, then without: the user may never act
	   nor open the app, and the content must be right without them */
	for (int w = 0; w < (clause ? 2 : 1); w++) {
		if (w == 1)
			with_end = ctx->diags.n;
		for (int k = 0; k < (inst >= 0 ? 3 : 1); k++) {
			tlc_la_schedule *sch = NULL;
			if (inst >= 0)
				vals[inst].instant = k == 0 ? lo[inst] : k == 1 ? hi[inst]
						    : lo[inst] + (hi[inst] - lo[inst]) / 2;
			tlc_la_opts o = {.now = now, .now_source = TLC_NOW_OPTION, .params = vals,
					 .nparams = n, .without_user = w == 1};
			int err = tlc_activity_build(ctx, s, &o, &sch);
			if (err < 0)
				return err;
			tlc_activity_verify(ctx, sch, TLC_LA_BUDGET(s));
			tlc_activity_free(sch);
		}
	}
	if (clause)
		return mark_without_user(ctx, s, with_end, clause);
	return 0;
}
