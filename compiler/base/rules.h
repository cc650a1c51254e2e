/*
 * rules.h — the catalogue of diagnostic rules. Every diagnostic names one of these ids; each has
 * a page in docs/diagnostics/<ID>.md (checked by the tests).
 */
#ifndef TLC_RULES_H
#define TLC_RULES_H
#include "base/diag.h"

typedef struct tlc_rule {
	const char *id;         /* "TL012" */
	const char *name;       /* "duplicate-key" */
	tlc_severity sev;       /* default severity */
	const char *summary;    /* one line, for SARIF shortDescription and --list-rules */
} tlc_rule;

const tlc_rule *tlc_rule_find(const char *id);
const tlc_rule *tlc_rules(size_t *n);
#endif
