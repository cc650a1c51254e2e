/* The options of the iOS 18 style placeholders (compiler/spec/style.c): what they read to, and
 * where and why they are refused. */
#include <criterion/criterion.h>
#include <string.h>
#include "spec/style.h"

static int parse(tlc_style *st, tlc_style_err *e, const char *s)
{
	memset(e, 0, sizeof *e);
	return tlc_style_parse(st, s, strlen(s), e);
}

Test(style, defaults_and_options)
{
	tlc_style st;
	tlc_style_err e;
	cr_assert_eq(parse(&st, &e, ""), 0);
	cr_expect_eq(st.fields, TLC_SF_ALL);
	cr_expect_eq(st.max, 2);
	cr_expect_eq(st.sign, TLC_SIGN_AUTOMATIC);
	cr_assert_eq(parse(&st, &e, " , sign:always ,max: 7,  fields:  second day\tweek  "), 0, "%s", e.msg);
	cr_expect_eq(st.fields, TLC_SF_SECOND | TLC_SF_DAY | TLC_SF_WEEK);
	cr_expect_eq(st.max, 7);
	cr_expect_eq(st.sign, TLC_SIGN_ALWAYS);
}

Test(style, refusals_point_at_the_option)
{
	static const struct { const char *in; size_t off, len; const char *needle; } bad[] = {
		{", precision: minute", 2, 9, "unknown option 'precision'"},
		{", fields: days", 10, 4, "'days' is not a field"},
		{", fields: day day", 14, 3, "the field 'day' is listed twice"},
		{", max: 0", 7, 1, "'max:' is a number of fields from 1 to 7"},
		{", max: 12", 7, 2, "not '12'"},
		{", sign: negative", 8, 8, "'sign:' is automatic, never or always"},
		{", sign: never never", 13, 6, "'sign:' takes one value"},
		{", max: 2, max: 3", 10, 3, "'max:' is given twice"},
		{", max 2", 2, 3, "write 'max:' and its value"},
		{", fields:", 8, 1, "'fields:' needs a value"},
		{", max: 2,", 8, 1, "expected an option after ','"},
		{"x", 0, 1, "expected ', option: value' here"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		tlc_style st;
		tlc_style_err e;
		cr_expect_eq(parse(&st, &e, bad[i].in), TLC_EINPUT, "accepted '%s'", bad[i].in);
		cr_expect(strstr(e.msg, bad[i].needle) != NULL, "'%s': '%s' lacks '%s'", bad[i].in, e.msg,
			  bad[i].needle);
		cr_expect_eq(e.off, bad[i].off, "'%s': at %zu", bad[i].in, e.off);
		cr_expect_eq(e.len, bad[i].len, "'%s': %zu bytes", bad[i].in, e.len);
		cr_expect_leq(e.off + e.len, strlen(bad[i].in) + 1);
	}
}

static int parse_kind(tlc_style *st, tlc_style_err *e, tlc_run_kind k, const char *s)
{
	memset(e, 0, sizeof *e);
	return tlc_style_parse_kind(st, k, s, strlen(s), e);
}

Test(style, clock_styles_defaults_and_options)
{
	tlc_style st;
	tlc_style_err e;
	cr_assert_eq(parse_kind(&st, &e, TLC_RUN_COUNTDOWN_TIMER, ""), 0);
	cr_expect(st.hours);
	cr_expect_eq(st.max, 3);
	cr_expect_eq(st.precision, TLC_PREC_SECONDS);
	cr_assert_eq(parse_kind(&st, &e, TLC_RUN_STOPWATCH, ""), 0);
	cr_expect(st.hours);
	cr_expect_eq(st.max, 4);
	cr_expect_eq(st.precision, TLC_PREC_HUNDREDTHS);
	cr_assert_eq(parse_kind(&st, &e, TLC_RUN_COUNTDOWN_TIMER,
				" , precision:minutes ,max: 2,  hours:\tfalse "), 0, "%s", e.msg);
	cr_expect(!st.hours);
	cr_expect_eq(st.max, 2);
	cr_expect_eq(st.precision, TLC_PREC_MINUTES);
	cr_assert_eq(parse_kind(&st, &e, TLC_RUN_STOPWATCH, ", max: 4, precision: seconds"), 0, "%s",
		     e.msg);
	cr_expect_eq(st.precision, TLC_PREC_SECONDS);
}

Test(style, clock_styles_refusals_point_at_the_option)
{
	static const struct { tlc_run_kind k; const char *in; size_t off, len; const char *needle; } bad[] = {
		{TLC_RUN_COUNTDOWN_TIMER, ", fields: day", 2, 6, "unknown option 'fields': the options are hours, max and precision"},
		{TLC_RUN_STOPWATCH, ", sign: never", 2, 4, "unknown option 'sign'"},
		{TLC_RUN_DATE_OFFSET, ", hours: true", 2, 5, "unknown option 'hours': the options are fields, max and sign"},
		{TLC_RUN_COUNTDOWN_TIMER, ", max: 4", 7, 1, "'max:' is a number of fields from 1 to 3"},
		{TLC_RUN_STOPWATCH, ", max: 5", 7, 1, "'max:' is a number of fields from 1 to 4"},
		{TLC_RUN_COUNTDOWN_TIMER, ", precision: hundredths", 13, 10, "'precision:' is seconds or minutes"},
		{TLC_RUN_STOPWATCH, ", precision: hours", 13, 5, "'precision:' is hundredths, seconds or minutes"},
		{TLC_RUN_STOPWATCH, ", hours: yes", 9, 3, "'hours:' is true or false"},
		{TLC_RUN_STOPWATCH, ", hours: true false", 13, 6, "'hours:' takes one value"},
		{TLC_RUN_COUNTDOWN_TIMER, ", hours: true, hours: false", 15, 5, "'hours:' is given twice"},
		{TLC_RUN_COUNTDOWN_TIMER, ", max: 2,", 8, 1, "expected an option after ',': hours, max or precision"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		tlc_style st;
		tlc_style_err e;
		cr_expect_eq(parse_kind(&st, &e, bad[i].k, bad[i].in), TLC_EINPUT, "accepted '%s'", bad[i].in);
		cr_expect(strstr(e.msg, bad[i].needle) != NULL, "'%s': '%s' lacks '%s'", bad[i].in, e.msg,
			  bad[i].needle);
		cr_expect_eq(e.off, bad[i].off, "'%s': at %zu", bad[i].in, e.off);
		cr_expect_eq(e.len, bad[i].len, "'%s': %zu bytes", bad[i].in, e.len);
	}
}

Test(style, date_reference_defaults_and_options)
{
	tlc_style st;
	tlc_style_err e;
	cr_assert_eq(parse_kind(&st, &e, TLC_RUN_DATE_REFERENCE, ""), 0);
	cr_expect_eq(st.fields, TLC_SF_YEAR | TLC_SF_MONTH | TLC_SF_DAY | TLC_SF_HOUR | TLC_SF_MINUTE);
	cr_expect_eq(st.max, 2);
	cr_expect_eq(st.threshold, TLC_SF_DAY);
	cr_assert_eq(parse_kind(&st, &e, TLC_RUN_DATE_REFERENCE,
				" , threshold:hour ,max: 3,  fields:\tweek day  hour "), 0, "%s", e.msg);
	cr_expect_eq(st.fields, TLC_SF_WEEK | TLC_SF_DAY | TLC_SF_HOUR);
	cr_expect_eq(st.max, 3);
	cr_expect_eq(st.threshold, TLC_SF_HOUR);
}

Test(style, date_reference_refusals_point_at_the_option)
{
	static const struct { const char *in; size_t off, len; const char *needle; } bad[] = {
		{", sign: never", 2, 4, "unknown option 'sign': the options are fields, max and threshold"},
		{", hours: true", 2, 5, "unknown option 'hours'"},
		{", threshold: days", 13, 4, "'threshold:' is a field: year, month, week, day, hour, minute or second, not 'days'"},
		{", threshold: day hour", 16, 5, "'threshold:' takes one value"},
		{", threshold:", 11, 1, "'threshold:' needs a value"},
		{", threshold: day, threshold: hour", 18, 9, "'threshold:' is given twice"},
		{", max: 8", 7, 1, "'max:' is a number of fields from 1 to 7"},
		{", fields: day day", 14, 3, "the field 'day' is listed twice"},
		{", max: 2,", 8, 1, "expected an option after ',': fields, max or threshold"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		tlc_style st;
		tlc_style_err e;
		cr_expect_eq(parse_kind(&st, &e, TLC_RUN_DATE_REFERENCE, bad[i].in), TLC_EINPUT,
			     "accepted '%s'", bad[i].in);
		cr_expect(strstr(e.msg, bad[i].needle) != NULL, "'%s': '%s' lacks '%s'", bad[i].in, e.msg,
			  bad[i].needle);
		cr_expect_eq(e.off, bad[i].off, "'%s': at %zu", bad[i].in, e.off);
		cr_expect_eq(e.len, bad[i].len, "'%s': %zu bytes", bad[i].in, e.len);
	}
}
