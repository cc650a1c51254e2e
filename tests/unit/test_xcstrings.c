/*
 * Message keys that survive edits, and the String Catalog `compile --xcstrings` writes: the
 * catalog's form of each message says what ICU says (ICU is the oracle: its MessageFormat and
 * its plural rules), and merging keeps what translators wrote.
 */
#include <stdio.h>
#include "helpers.h"
#include "lower/lower.h"
#include "lower/xcstrings.h"
#include "timelinec/render.h"

static tctx T;
static void setup(void) { tctx_open(&T); }
static void teardown(void) { tctx_close(&T); }
TestSuite(xcstrings, .init = setup, .fini = teardown);

/* Loads and lowers a widget spec; NULL when lowering reports errors. */
static tlc_program *lower(const char *text)
{
	tlc_spec *s;
	tlc_program *p = NULL;
	tctx_add(&T, "w.yaml", text);
	cr_assert_eq(tlc_spec_load(&T.ctx, T.file, &s), 0, "%s",
		     T.ctx.diags.n ? T.ctx.diags.v[0].message : "");
	if (tlc_lower(&T.ctx, s, &p) < 0) {
		tlc_program_free(p);
		return NULL;
	}
	return p;
}

static const char *const phases_spec =
	"timelinec: 1\n"
	"widget: W\n"
	"timezone: Europe/Berlin\n"
	"countdown:\n"
	"  to: 2026-12-01 18:00\n"
	"  show:\n"
	"    - above: 24h\n"
	"      text: \"{days} days\"\n"
	"    - above: 90m\n"
	"      text: \"{hours} h\"\n"
	"    - above: 0s\n"
	"      key: soon\n"
	"      text: {default: \"{minutes} min\", accessoryInline: \"{minutes}m\"}\n"
	"    - above: -30m\n"
	"      text: \"{minutes} min ago\"\n"
	"    - text: \"Over {minutes}\"\n";

Test(xcstrings, keys_come_from_thresholds_and_key)
{
	tlc_program *p = lower(phases_spec);
	cr_assert_not_null(p);
	const char *want[] = {"main.above-1d.default", "main.above-1h30m.default", "main.soon.default",
			      "main.soon.accessoryInline", "main.above-minus-30m.default",
			      "main.otherwise.default"};
	cr_assert_eq(p->nmessages, 6);
	for (size_t i = 0; i < 6; i++)
		cr_expect_str_eq(p->messages[i].key, want[i]);
	tlc_program_free(p);
}

/* Inserting a phase renames no other phase's key (the old keys were main.phase<N>). */
Test(xcstrings, inserting_a_phase_keeps_the_other_keys)
{
	char spec[2048];
	const char *at = strstr(phases_spec, "    - above: 90m");
	snprintf(spec, sizeof spec, "%.*s    - above: 12h\n      text: \"{hours} hours\"\n%s",
		 (int)(at - phases_spec), phases_spec, at);
	tlc_program *p = lower(spec);
	cr_assert_not_null(p);
	cr_assert_eq(p->nmessages, 7);
	cr_expect_str_eq(p->messages[0].key, "main.above-1d.default");
	cr_expect_str_eq(p->messages[1].key, "main.above-12h.default");
	cr_expect_str_eq(p->messages[2].key, "main.above-1h30m.default");
	cr_expect_str_eq(p->messages[6].key, "main.otherwise.default");
	tlc_program_free(p);
}

Test(xcstrings, two_phases_with_one_key_are_an_error)
{
	cr_assert_null(lower("timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  to: 2026-12-01 18:00\n"
			     "  show:\n    - above: 1h\n      key: soon\n      text: \"{minutes} min\"\n"
			     "    - above: 0s\n      key: soon\n      text: \"{seconds} s\"\n"
			     "    - text: done\n"));
	assert_diag(&T, "TL014", 11, 12, "message key 'soon' is also phase 1's");
}

Test(xcstrings, an_explicit_key_meeting_a_derived_one_is_an_error)
{
	cr_assert_null(lower("timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  to: 2026-12-01 18:00\n"
			     "  show:\n    - above: 1h\n      text: \"{minutes} min\"\n"
			     "    - above: 0s\n      key: above-1h\n      text: \"{seconds} s\"\n"
			     "    - text: done\n"));
	assert_diag(&T, "TL014", 10, 12, "'above-1h' is also phase 1's");
}

Test(xcstrings, the_stale_key_is_reserved)
{
	cr_assert_null(lower("timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  to: 2026-12-01 18:00\n"
			     "  show:\n    - above: 0s\n      key: stale\n      text: \"{minutes} min\"\n"
			     "    - text: done\n"));
	assert_diag(&T, "TL014", 8, 12, "'stale' is the key of the countdown's stale text");
}

/* A '.' in ids can make two countdowns' keys meet: x.y + z and x + y.z. */
Test(xcstrings, keys_meeting_across_countdowns_are_an_error)
{
	cr_assert_null(lower("timelinec: 1\nwidget: W\ntimezone: UTC\ncountdowns:\n"
			     "  - id: x.y\n    to: 2026-12-01 18:00\n    show:\n"
			     "      - key: z\n        text: \"{days} d\"\n"
			     "  - id: x\n    to: 2026-12-02 18:00\n    show:\n"
			     "      - key: y.z\n        text: \"{hours} h\"\n"));
	assert_diag(&T, "TL014", 14, 16, "key 'x.y.z.default' is also the key of the message at line 9");
}

/* ---- the catalog's form against ICU --------------------------------------------------------- */

typedef struct vals {
	int64_t ints[16];
	const char *strs[16];
} vals;

/* The category Apple picks for n: `zero` for 0 when the form is given, else the locale's CLDR
 * category (ICU's plural rules), else `other`. */
static const char *pick(const struct tlc_xc_sub *s, int64_t n, tlc_render_locale *loc)
{
	if (n == 0 && s->forms[0])
		return s->forms[0];
	unsigned cat = 0;
	cr_assert_eq(tlc_render_plural_range(&cat, loc, false, n, n), 0);
	static const unsigned bits[6] = {TLC_PLURAL_ZERO, TLC_PLURAL_ONE, TLC_PLURAL_TWO,
					 TLC_PLURAL_FEW, TLC_PLURAL_MANY, TLC_PLURAL_OTHER};
	for (int f = 0; f < 6; f++)
		if ((cat & bits[f]) && s->forms[f])
			return s->forms[f];
	return s->forms[5];
}

/* A printf-style catalog string with these values, as Foundation formats it (positional %N$lld
 * and %N$@, %% and, inside a form, %arg). */
static void eval(tlc_buf *out, const tlc_xc_message *x, const char *f, const vals *v, int64_t argv,
		 tlc_render_locale *loc)
{
	while (*f) {
		if (*f != '%') {
			tlc_buf_putc(out, *f++);
			continue;
		}
		f++;
		if (*f == '%') {
			tlc_buf_putc(out, '%');
			f++;
		} else if (strncmp(f, "arg", 3) == 0) {
			tlc_buf_printf(out, "%lld", (long long)argv);
			f += 3;
		} else if (strncmp(f, "#@", 2) == 0) {
			const char *end = strchr(f + 2, '@');
			cr_assert_not_null(end);
			const struct tlc_xc_sub *s = NULL;
			for (size_t k = 0; k < x->nsubs; k++)
				if (strlen(x->subs[k].name) == (size_t)(end - f - 2) &&
				    memcmp(x->subs[k].name, f + 2, (size_t)(end - f - 2)) == 0)
					s = &x->subs[k];
			cr_assert_not_null(s, "no substitution for %s", f);
			int64_t n = v->ints[s->arg - 1];
			eval(out, x, pick(s, n, loc), v, n, loc);
			f = end + 1;
		} else {
			char *e;
			long k = strtol(f, &e, 10);
			cr_assert(k >= 1 && k <= 16 && *e == '$', "bad specifier at %s", f);
			if (strncmp(e, "$lld", 4) == 0) {
				tlc_buf_printf(out, "%lld", (long long)v->ints[k - 1]);
				f = e + 4;
			} else {
				cr_assert(strncmp(e, "$@", 2) == 0, "bad specifier at %s", f);
				tlc_buf_puts(out, v->strs[k - 1]);
				f = e + 2;
			}
		}
	}
}

/* Message `pattern` (units, then text parameters, as the program lists them) says in the
 * catalog what ICU says, in `locale`, for every value 0..n of its first unit. */
static void same_as_icu(const char *locale, const char *pattern, unsigned units,
			const char *const *params, size_t nparams, int64_t n)
{
	tlc_prog_message m = {(char *)"k", (char *)pattern, units, (char **)params, nparams, 1, 1};
	tlc_xc_message x;
	cr_assert_eq(tlc_xc_convert(&T.ctx, NULL, &m, &x), 0);
	cr_assert(x.ok, "%s: %s", pattern, x.why);
	tlc_render_locale *loc;
	cr_assert_eq(tlc_render_locale_get(&loc, T.render, locale), 0);
	for (int64_t i = 0; i <= n; i++) {
		vals v = {{0}, {0}};
		tlc_msg_arg args[16];
		size_t na = 0, k = 0;
		for (unsigned u = 0; u < TLC_UNIT_COUNT; u++) {
			if (!(units & (1u << u)))
				continue;
			v.ints[k] = i + 7 * (int64_t)k; /* distinct values per unit */
			args[na++] = (tlc_msg_arg){tlc_unit_name(1u << u), TLC_MSG_ARG_INT, v.ints[k], NULL};
			k++;
		}
		for (size_t q = 0; q < nparams; q++, k++) {
			v.strs[k] = q ? "Ann" : "LH454";
			args[na++] = (tlc_msg_arg){params[q], TLC_MSG_ARG_STRING, 0, v.strs[k]};
		}
		tlc_buf want = TLC_BUF_INIT, got = TLC_BUF_INIT;
		tlc_err e = {0};
		cr_assert_eq(tlc_render_msg(&want, &e, loc, pattern, strlen(pattern), args, na), 0,
			     "%s: %s", pattern, e.msg);
		eval(&got, &x, x.value, &v, 0, loc);
		cr_expect_str_eq(got.ptr, want.ptr, "%s in %s at %lld: catalog '%s', ICU '%s'", pattern,
				 locale, (long long)i, got.ptr, want.ptr);
		tlc_buf_release(&want);
		tlc_buf_release(&got);
	}
}

Test(xcstrings, plurals_say_what_icu_says)
{
	same_as_icu("en_US", "{days, plural, one {# day} other {# days}} to launch", TLC_UNIT_DAYS,
		    NULL, 0, 120);
	same_as_icu("en_US", "{days, plural, =0 {today} one {# day left} other {# days left}}",
		    TLC_UNIT_DAYS, NULL, 0, 120);
	/* French: 0 and 1 are "one"; an explicit =0 still wins */
	same_as_icu("fr_FR", "{days, plural, one {# jour} other {# jours}}", TLC_UNIT_DAYS, NULL, 0, 120);
	same_as_icu("fr_FR", "{days, plural, =0 {aujourd''hui} one {# jour} other {# jours}}",
		    TLC_UNIT_DAYS, NULL, 0, 120);
	/* Russian: one, few, many by the last digits */
	same_as_icu("ru_RU", "{days, plural, one {# день} few {# дня} many {# дней} other {# дня}}",
		    TLC_UNIT_DAYS, NULL, 0, 300);
	/* Arabic: all six categories */
	same_as_icu("ar_EG@numbers=latn",
		    "{days, plural, zero {لا أيام} one {يوم} two {يومان} few {# أيام} many {# يومًا} "
		    "other {# يوم}}",
		    TLC_UNIT_DAYS, NULL, 0, 300);
}

Test(xcstrings, several_arguments_keep_their_numbers)
{
	same_as_icu("en_US", "{hours, plural, one {# hour} other {# hours}} and {minutes} min",
		    TLC_UNIT_HOURS | TLC_UNIT_MINUTES, NULL, 0, 60);
	const char *courier[] = {"courier"};
	same_as_icu("en_US", "{courier} arrives in {minutes, plural, one {# minute} other {# minutes}}",
		    TLC_UNIT_MINUTES, courier, 1, 60);
	const char *two[] = {"flight", "gate"};
	same_as_icu("de_DE", "{flight} an {gate}: {minutes, plural, one {# Minute} other {# Minuten}} "
			     "({minutes})",
		    TLC_UNIT_MINUTES, two, 2, 60);
	same_as_icu("en_US", "{total-hours, plural, one {# hour} other {# hours}} left",
		    TLC_UNIT_TOTAL_HOURS, NULL, 0, 60);
	same_as_icu("en_US", "{days, plural, one {# day} other {# days}} ({days, plural, one {one} "
			     "other {several}})",
		    TLC_UNIT_DAYS, NULL, 0, 30);
	same_as_icu("en_US", "{days, number} days", TLC_UNIT_DAYS, NULL, 0, 30);
}

/* An integer parameter, and an integer field of an events countdown, are numbers in the
 * catalog (%N$lld) and may take a plural, as units do; a text one cannot. Without the program
 * every parameter is text. */
Test(xcstrings, integer_parameters_and_fields_are_numbers)
{
	tlc_prog_field fields[] = {{(char *)"round", true}, {(char *)"name", false}};
	tlc_prog_countdown cd;
	memset(&cd, 0, sizeof cd);
	cd.fields = fields;
	cd.nfields = 2;
	tlc_prog_param pp[] = {{(char *)"laps", TLC_PPARAM_INTEGER, NULL, 0},
			       {(char *)"city", TLC_PPARAM_TEXT, NULL, 0}};
	tlc_program p;
	memset(&p, 0, sizeof p);
	p.params = pp;
	p.nparams = 2;
	p.countdowns = &cd;
	p.ncountdowns = 1;
	cr_expect(tlc_xc_is_integer(&p, "laps"));
	cr_expect(tlc_xc_is_integer(&p, "round"));
	cr_expect(!tlc_xc_is_integer(&p, "city"));
	cr_expect(!tlc_xc_is_integer(&p, "name"));
	cr_expect(!tlc_xc_is_integer(&p, "nosuch"));
	cr_expect(!tlc_xc_is_integer(NULL, "laps"));
	const char *args[] = {"laps", "round", "name"};
	tlc_prog_message m = {(char *)"k",
			      (char *)"{laps, plural, one {# lap} other {# laps}} to go in {name} "
				      "(round {round}, {minutes} min)",
			      TLC_UNIT_MINUTES, (char **)args, 3, 1, 1};
	tlc_xc_message x;
	cr_assert_eq(tlc_xc_convert(&T.ctx, &p, &m, &x), 0);
	cr_assert(x.ok, "%s", x.why);
	cr_expect_str_eq(x.value, "%#@laps@ to go in %4$@ (round %3$lld, %1$lld min)");
	cr_assert_eq(x.nsubs, 1);
	cr_expect_eq(x.subs[0].arg, 2);
	cr_expect_str_eq(x.subs[0].forms[5], "%arg laps");
	const char *fld[] = {"round"};
	tlc_prog_message r = {(char *)"k", (char *)"{round, plural, one {# round} other {# rounds}}",
			      0, (char **)fld, 1, 1, 1};
	cr_assert_eq(tlc_xc_convert(&T.ctx, &p, &r, &x), 0);
	cr_expect(x.ok, "%s", x.why);
	cr_assert_eq(tlc_xc_convert(&T.ctx, NULL, &r, &x), 0);
	cr_expect(!x.ok);
	cr_expect(x.why && strstr(x.why, "a plural of a text parameter or field"), "%s", x.why);
	const char *city[] = {"city"};
	tlc_prog_message c = {(char *)"k", (char *)"{city, plural, one {#} other {#}}", 0,
			      (char **)city, 1, 1, 1};
	cr_assert_eq(tlc_xc_convert(&T.ctx, &p, &c, &x), 0);
	cr_expect(!x.ok, "a text parameter has no plural");
}

Test(xcstrings, quotes_and_percent_signs)
{
	same_as_icu("en_US", "It''s {days} days, 100% sure", TLC_UNIT_DAYS, NULL, 0, 5);
	same_as_icu("en_US", "'{'{days}'}' left, don't wait", TLC_UNIT_DAYS, NULL, 0, 5);
	same_as_icu("en_US", "{days, plural, one {# day '#'1} other {# days '#'1 at 5%}}",
		    TLC_UNIT_DAYS, NULL, 0, 5);
	same_as_icu("en_US", "'{literal {days}}' then {days}", TLC_UNIT_DAYS, NULL, 0, 5);
}

static void inexpressible(const char *pattern, unsigned units, const char *const *params,
			  size_t nparams, const char *why)
{
	tlc_prog_message m = {(char *)"k", (char *)pattern, units, (char **)params, nparams, 1, 1};
	tlc_xc_message x;
	cr_assert_eq(tlc_xc_convert(&T.ctx, NULL, &m, &x), 0);
	cr_expect(!x.ok, "%s should have no catalog form", pattern);
	cr_expect(x.why && strstr(x.why, why), "%s: '%s' lacks '%s'", pattern, x.why ? x.why : "", why);
}

Test(xcstrings, what_a_catalog_cannot_say)
{
	const char *courier[] = {"courier"};
	inexpressible("{courier, select, Ann {Ann} other {someone}}", 0, courier, 1, "'select'");
	inexpressible("{days, selectordinal, one {#st} other {#th}}", TLC_UNIT_DAYS, NULL, 0,
		      "'selectordinal'");
	inexpressible("{days, spellout}", TLC_UNIT_DAYS, NULL, 0, "'spellout'");
	inexpressible("{days, number, ::percent}", TLC_UNIT_DAYS, NULL, 0, "style or skeleton");
	inexpressible("{days, plural, offset:1 one {#} other {#}}", TLC_UNIT_DAYS, NULL, 0, "offset");
	inexpressible("{days, plural, =1 {one} other {#}}", TLC_UNIT_DAYS, NULL, 0, "exact number");
	inexpressible("{days, plural, =0 {none} zero {none} other {#}}", TLC_UNIT_DAYS, NULL, 0,
		      "'=0' and 'zero'");
	inexpressible("{days, plural, one {{hours, plural, one {#} other {#}}} other {#}}",
		      TLC_UNIT_DAYS | TLC_UNIT_HOURS, NULL, 0, "inside a plural branch");
}

/* ---- merging --------------------------------------------------------------------------------- */

static const char *const launch =
	"timelinec: 1\n"
	"widget: Launch\n"
	"timezone: Europe/Berlin\n"
	"locales: [de_DE, en_US]\n"
	"params:\n"
	"  courier: text\n"
	"countdown:\n"
	"  to: 2026-12-01 18:00\n"
	"  show:\n"
	"    - above: 24h\n"
	"      text: \"{days, plural, one {# Tag} other {# Tage}}\"\n"
	"    - above: 0s\n"
	"      text: \"Gleich {courier, select, Ann {Ann} other {jemand}}\"\n"
	"    - text: \"Vorbei\"\n";

/* The catalog of `spec` merged into `old` (NULL: none); returns it (heap). */
static char *build(const char *spec, const char *old, int want_rc)
{
	tlc_program *p = lower(spec);
	cr_assert_not_null(p);
	uint32_t src = T.file;
	const tlc_node *root = NULL;
	if (old) {
		uint32_t f = tctx_add(&T, "old.xcstrings", old);
		cr_assert_eq(tlc_xc_read(&T.ctx, f, &root), 0, "%s",
			     T.ctx.diags.n ? T.ctx.diags.v[T.ctx.diags.n - 1].message : "");
	}
	tlc_buf out = TLC_BUF_INIT;
	cr_assert_eq(tlc_xc_build(&T.ctx, p, root, src, tlc_span_make(src, 0, 0), &out), want_rc);
	tlc_program_free(p);
	return tlc_buf_detach(&out);
}

Test(xcstrings, a_new_catalog_in_the_first_locales_language)
{
	char *c = build(launch, NULL, 0);
	cr_expect(strstr(c, "\"sourceLanguage\" : \"de\""), "%s", c);
	cr_expect(strstr(c, "\"main.above-1d.default\" : {"));
	cr_expect(strstr(c, "\"value\" : \"%#@days@\""));
	cr_expect(strstr(c, "\"value\" : \"%arg Tage\""));
	cr_expect(strstr(c, "\"main.otherwise.default\"") == NULL, "literal text has no key");
	cr_expect(strstr(c, "\"main.above-0s.default\"") == NULL, "select is left out");
	cr_expect(strstr(c, "\"version\" : \"1.0\"\n}\n"));
	assert_diag(&T, "TL027", 13, 14, "uses a 'select' argument");
	free(c);
}

static const char *const translated =
	"{\n"
	"  \"sourceLanguage\" : \"de\",\n"
	"  \"strings\" : {\n"
	"    \"gone.key\" : {\n"
	"      \"extractionState\" : \"manual\",\n"
	"      \"localizations\" : {\"fr\" : {\"stringUnit\" : {\"state\" : \"translated\", \"value\" : \"parti\"}}}\n"
	"    },\n"
	"    \"main.above-1d.default\" : {\n"
	"      \"extractionState\" : \"manual\",\n"
	"      \"shouldTranslate\" : true,\n"
	"      \"localizations\" : {\n"
	"        \"de\" : {%s},\n"
	"        \"fr\" : {\n"
	"          \"stringUnit\" : {\"state\" : \"translated\", \"value\" : \"%%#@days@\"},\n"
	"          \"substitutions\" : {\"days\" : {\"argNum\" : 1, \"formatSpecifier\" : \"lld\", \"variations\" : {\"plural\" : {\n"
	"            \"one\" : {\"stringUnit\" : {\"state\" : \"translated\", \"value\" : \"%%arg jour\"}},\n"
	"            \"other\" : {\"stringUnit\" : {\"state\" : \"translated\", \"value\" : \"%%arg jours\"}}}}}}\n"
	"        }\n"
	"      }\n"
	"    }\n"
	"  },\n"
	"  \"version\" : \"1.0\"\n"
	"}\n";

/* The de source unit as the build writes it, so a rebuild changes nothing. */
static char *with_de(const char *de)
{
	size_t n = strlen(translated) + strlen(de) + 1;
	char *s = malloc(n);
	snprintf(s, n, translated, de);
	return s;
}

Test(xcstrings, merging_keeps_translations_and_unknown_fields)
{
	char *fresh = build(launch, NULL, 0);
	/* take the de unit of the fresh catalog: a rebuild over it marks nothing for review */
	const char *de = strstr(fresh, "\"de\" : {");
	cr_assert_not_null(de);
	const char *end = strstr(de, "\n        }\n      }\n    }");
	cr_assert_not_null(end);
	char unit[4096];
	snprintf(unit, sizeof unit, "%.*s", (int)(end - de - 8), de + 8);
	char *old = with_de(unit);
	char *c = build(launch, old, 0);
	cr_expect(strstr(c, "\"value\" : \"%arg jours\""), "fr kept: %s", c);
	cr_expect(strstr(c, "\"needs_review\"") == NULL, "nothing changed: %s", c);
	cr_expect(strstr(c, "\"shouldTranslate\" : true"), "unknown fields kept");
	/* a key the program no longer has is stale, its translation kept */
	const char *gone = strstr(c, "\"gone.key\" : {");
	cr_assert_not_null(gone);
	cr_expect(strstr(gone, "\"extractionState\" : \"stale\"") < strstr(gone, "\"main."));
	cr_expect(strstr(c, "\"value\" : \"parti\""));
	/* building over the result changes nothing: the merge is a fixed point */
	char *again = build(launch, c, 0);
	cr_expect_str_eq(again, c);
	free(fresh);
	free(old);
	free(c);
	free(again);
}

Test(xcstrings, a_changed_source_marks_translations_for_review)
{
	char *old = with_de("\"stringUnit\" : {\"state\" : \"translated\", \"value\" : \"%arg Tag(e)\"}");
	char *c = build(launch, old, 0);
	const char *fr = strstr(c, "\"fr\" : {");
	cr_assert_not_null(fr);
	cr_expect(strstr(fr, "\"state\" : \"needs_review\",\n                      \"value\" : \"%arg jour\""),
		  "%s", c);
	cr_expect(strstr(c, "\"value\" : \"%arg Tage\""), "the new source text");
	free(old);
	free(c);
}

static void bad_catalog(const char *text, const char *rule, unsigned line, unsigned col,
			const char *needle)
{
	uint32_t f = tctx_add(&T, "bad.xcstrings", text);
	const tlc_node *root = NULL;
	cr_expect_lt(tlc_xc_read(&T.ctx, f, &root), 0, "%s should be refused", text);
	assert_diag(&T, rule, line, col, needle);
}

Test(xcstrings, bad_catalog_not_json) { bad_catalog("{\"version\" : \"1.0\",", "TL001", 1, 20, ""); }
Test(xcstrings, bad_catalog_array) { bad_catalog("[]", "TL004", 1, 1, "a JSON object"); }
Test(xcstrings, bad_catalog_version)
{
	bad_catalog("{\"sourceLanguage\": \"en\", \"strings\": {},\n \"version\": \"2.0\"}", "TL014", 2, 13,
		    "version 2.0: this timelinec reads versions 1.0 and 1.1");
}
Test(xcstrings, bad_catalog_no_version)
{
	bad_catalog("{\"sourceLanguage\": \"en\", \"strings\": {}}", "TL013", 1, 1, "no 'version'");
}
Test(xcstrings, bad_catalog_strings_array)
{
	bad_catalog("{\"sourceLanguage\": \"en\", \"strings\": [], \"version\": \"1.0\"}", "TL011", 1, 37,
		    "'strings' is an object");
}
Test(xcstrings, bad_catalog_entry)
{
	bad_catalog("{\"sourceLanguage\": \"en\", \"version\": \"1.0\", \"strings\": {\n  \"k\": 3}}", "TL011", 2, 8,
		    "the entry of 'k' is an object");
}
Test(xcstrings, bad_catalog_localization)
{
	bad_catalog("{\"sourceLanguage\": \"en\", \"version\": \"1.0\", \"strings\": {\n  \"k\": "
		    "{\"localizations\": {\"de\": \"x\"}}}}",
		    "TL011", 2, 33, "the localization 'de' is an object");
}
Test(xcstrings, bad_catalog_language)
{
	bad_catalog("{\"sourceLanguage\": 1, \"version\": \"1.0\", \"strings\": {}}", "TL011", 1, 20,
		    "'sourceLanguage' is a language code");
}
