/* The rule catalogue; see rules.h. Ids never change meaning once released. */
#include <string.h>
#include "base/rules.h"

static const tlc_rule rules[] = {
	/* input: reading files and syntax */
	{"TL001", "syntax", TLC_SEV_ERROR, "the file is not valid YAML or JSON"},
	{"TL002", "encoding", TLC_SEV_ERROR, "the file is not valid UTF-8 or contains a NUL byte"},
	{"TL003", "limit", TLC_SEV_ERROR, "the input exceeds a limit (size, nesting, aliases, length)"},
	{"TL004", "document", TLC_SEV_ERROR, "the file is empty, holds several documents or is not a mapping"},
	{"TL005", "io", TLC_SEV_ERROR, "the file cannot be read"},
	{"TL006", "yaml-unicode-break", TLC_SEV_WARNING,
	 "U+2028, U+2029 or U+0085 in a YAML file: the YAML reader breaks the line there"},
	/* the spec: keys and values */
	{"TL010", "unknown-key", TLC_SEV_ERROR, "a key the spec language does not have"},
	{"TL011", "wrong-type", TLC_SEV_ERROR, "a value of the wrong type"},
	{"TL012", "duplicate-key", TLC_SEV_ERROR, "a key given twice in one mapping"},
	{"TL013", "missing-key", TLC_SEV_ERROR, "a required key is missing"},
	{"TL014", "invalid-value", TLC_SEV_ERROR, "a value outside the allowed set or form"},
	{"TL015", "out-of-range", TLC_SEV_ERROR, "a number outside its allowed range"},
	{"TL016", "conflicting-keys", TLC_SEV_ERROR, "keys that cannot be used together"},
	{"TL017", "unsupported-yaml", TLC_SEV_ERROR, "a YAML feature specs cannot use (tags, complex keys)"},
	{"TL018", "unknown-param", TLC_SEV_ERROR, "a reference to a parameter that is not declared"},
	{"TL019", "unused-param", TLC_SEV_WARNING, "a declared parameter that nothing uses"},
	/* time */
	{"TL020", "invalid-time", TLC_SEV_ERROR, "an instant, date, duration or window that cannot be read"},
	{"TL021", "unknown-zone", TLC_SEV_ERROR, "a time zone the zone database does not have"},
	{"TL022", "local-time-gap", TLC_SEV_WARNING, "a local time that does not exist (DST gap)"},
	{"TL023", "local-time-overlap", TLC_SEV_WARNING, "a local time that exists twice (DST overlap)"},
	{"TL024", "invalid-recurrence", TLC_SEV_ERROR, "a recurrence (every:, rrule:) that cannot be read"},
	{"TL025", "invalid-template", TLC_SEV_ERROR, "a text template that cannot be read"},
	{"TL026", "unknown-locale", TLC_SEV_ERROR, "a locale ICU does not know"},
	{"TL027", "uncatalogued-message", TLC_SEV_WARNING,
	 "a message a String Catalog cannot express (compile --xcstrings)"},
	{"TL028", "phase-hidden-by-param", TLC_SEV_WARNING,
	 "for some values of a parameter threshold a phase never shows (an earlier phase matches first)"},
	{"TL029", "unchecked-threshold", TLC_SEV_NOTE,
	 "a duration parameter used as a phase threshold without check-params was checked at 1 minute only"},
	/* suppressions */
	{"TL030", "unused-suppression", TLC_SEV_WARNING, "a suppression that matches no finding"},
	{"TL031", "bad-suppression", TLC_SEV_ERROR, "a suppression without a rule id or a reason"},
	/* the iOS 18 text styles */
	{"TL032", "invalid-style-option", TLC_SEV_ERROR,
	 "an option of an iOS 18 style placeholder ({date-offset, fields: ...}) that cannot be read"},
	{"TL033", "style-needs-newer-ios", TLC_SEV_ERROR,
	 "an iOS 18 style placeholder in a spec whose minimum-ios is below 18"},
	/* the verifier: what the device really shows */
	{"TL101", "timer-over-24h", TLC_SEV_ERROR, "a {timer}, {countdown}, {countdown-timer}, {stopwatch} or clock-like {date-offset} shows more than 24 hours (25:12:34)"},
	{"TL102", "count-up-after-target", TLC_SEV_WARNING, "a {timer}, {relative}, {offset}, {date-offset} or {date-reference} keeps running past its target"},
	{"TL103", "stale-text", TLC_SEV_WARNING, "baked text stays wrong because the next timeline comes late"},
	{"TL104", "reload-loop", TLC_SEV_WARNING, ".atEnd on a timeline whose last entry never changes"},
	{"TL105", "over-budget", TLC_SEV_WARNING, "the reload policy asks for more reloads than the budget gives"},
	{"TL106", "no-reload", TLC_SEV_ERROR, "the display changes after the last entry and no reload comes"},
	{"TL107", "entries-too-close", TLC_SEV_WARNING, "entries closer than about 5 minutes"},
	{"TL108", "too-many-entries", TLC_SEV_WARNING, "more entries than WidgetKit honours reliably"},
	{"TL109", "background-refresh-interval", TLC_SEV_WARNING, "relying on background refresh at a fixed interval"},
	{"TL110", "target-before-start", TLC_SEV_WARNING, "a countdown target at or before the timeline starts"},
	{"TL111", "unreachable-phase", TLC_SEV_WARNING, "a phase no instant in the window shows"},
	{"TL112", "missing-plural-category", TLC_SEV_WARNING, "a plural lacks a category a listed locale needs"},
	{"TL113", "changes-too-often", TLC_SEV_ERROR, "the display changes too often to fit a timeline"},
	{"TL114", "unchecked-param", TLC_SEV_NOTE, "an instant parameter without check-params was checked over a default domain"},
	{"TL115", "text-cut", TLC_SEV_WARNING, "a text longer than its widget family has room for"},
	{"TL116", "frozen-at-instantiation", TLC_SEV_NOTE,
	 "a countdown paused at the instantiation instant: the display stands still until a reload"},
	{"TL117", "device-zones", TLC_SEV_NOTE,
	 "a floating spec was checked in several device zones (which ones)"},
	/* Live Activities */
	{"TL201", "activity-over-8h", TLC_SEV_ERROR, "a Live Activity meant to run longer than the 8 hours the system allows"},
	{"TL202", "lock-screen-over-12h", TLC_SEV_WARNING, "a Live Activity meant to stay on the Lock Screen longer than 12 hours"},
	{"TL203", "dismissal-over-4h", TLC_SEV_WARNING, "a dismissal later than 4 hours after the end"},
	{"TL204", "activity-timer-counts-up", TLC_SEV_ERROR, "a {timer}, {relative} or {offset} still counting after its date"},
	{"TL205", "stale-before-start", TLC_SEV_WARNING, "a stale date at or before the event that sets it"},
	{"TL206", "no-stale-date", TLC_SEV_WARNING, "content that goes out of date with no stale date"},
	{"TL207", "activity-target-before-start", TLC_SEV_WARNING, "a date at or before the start or update that sets it"},
	{"TL208", "wrong-epoch", TLC_SEV_WARNING, "a date that only makes sense x1000, /1000 or shifted by 978,307,200 s"},
	{"TL209", "payload-over-4kb", TLC_SEV_ERROR, "a push payload over 4 KB"},
	{"TL210", "push-budget", TLC_SEV_WARNING, "priority-10 pushes more often than the budget allows"},
	{"TL211", "app-update-at-wall-clock", TLC_SEV_ERROR, "an update or end by the app at a set time, when nothing runs the app"},
	{"TL212", "inverted-interval", TLC_SEV_WARNING, "a Text(timerInterval:) range whose start is after its end"},
	{"TL213", "event-before-start", TLC_SEV_WARNING, "an update or end scheduled before the activity starts"},
	{"TL214", "push-to-start-without-alert", TLC_SEV_ERROR, "a push-to-start whose payload has no alert"},
};

const tlc_rule *tlc_rule_find(const char *id)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

const tlc_rule *tlc_rules(size_t *n)
{
	*n = sizeof rules / sizeof rules[0];
	return rules;
}
