/* The rule catalogue; see rules.h. Ids never change meaning once released. */
#include <string.h>
#include "rules.h"

static const tlc_rule rules[] = {
	/* input: reading files and syntax */
	{"TL001", "syntax", TLC_SEV_ERROR, "the file is not valid YAML or JSON"},
	{"TL002", "encoding", TLC_SEV_ERROR, "the file is not valid UTF-8 or contains a NUL byte"},
	{"TL003", "limit", TLC_SEV_ERROR, "the input exceeds a limit (size, nesting, aliases, length)"},
	{"TL004", "document", TLC_SEV_ERROR, "the file is empty, holds several documents or is not a mapping"},
	{"TL005", "io", TLC_SEV_ERROR, "the file cannot be read"},
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
	/* time */
	{"TL020", "invalid-time", TLC_SEV_ERROR, "an instant, date, duration or window that cannot be read"},
	{"TL021", "unknown-zone", TLC_SEV_ERROR, "a time zone the zone database does not have"},
	{"TL022", "local-time-gap", TLC_SEV_WARNING, "a local time that does not exist (DST gap)"},
	{"TL023", "local-time-overlap", TLC_SEV_WARNING, "a local time that exists twice (DST overlap)"},
	{"TL024", "invalid-recurrence", TLC_SEV_ERROR, "a recurrence (every:, rrule:) that cannot be read"},
	{"TL025", "invalid-template", TLC_SEV_ERROR, "a text template that cannot be read"},
	{"TL026", "unknown-locale", TLC_SEV_ERROR, "a locale ICU does not know"},
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
