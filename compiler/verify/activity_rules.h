/* activity_rules.h — check's rules for Live Activities (TL201-TL214). */
#ifndef TLC_ACTIVITY_RULES_H
#define TLC_ACTIVITY_RULES_H
#include "lower/activity.h"

/* check's rules for Live Activities (TL201..TL212), over the schedule. */
void tlc_activity_verify(tlc_ctx *ctx, const tlc_la_schedule *sch, int pushes_per_hour);
/* What `check` reports for a spec at `now`: the schedule built and verified with the first
 * instant parameter at the start, the end and the middle of its domain (a relative domain, else
 * 1 min .. 7 days after now), the other parameters in the middle of theirs. Returns 0, or
 * TLC_EINPUT/TLC_ENOMEM from tlc_activity_build. */
int tlc_activity_check(tlc_ctx *ctx, const tlc_spec *s, tlc_time now);
#endif
