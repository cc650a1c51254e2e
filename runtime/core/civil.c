/* Proleptic Gregorian arithmetic; see civil.h. */
#include <stdio.h>
#include "timelinec/civil.h"

int64_t tlc_days_from_civil(int32_t y, int32_t m, int32_t d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = tlc_floordiv(yy, 400);
	int64_t yoe = yy - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void tlc_civil_from_days(int64_t days, int32_t *y, int32_t *m, int32_t *d)
{
	int64_t z = days + 719468;
	int64_t era = tlc_floordiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int32_t)(yoe + era * 400 + (mm <= 2));
	*m = (int32_t)mm;
	*d = (int32_t)dd;
}

int tlc_weekday_from_days(int64_t days)
{
	return (int)tlc_floormod(days + 4, 7); /* 1970-01-01 was a Thursday */
}

bool tlc_is_leap_year(int32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int tlc_days_in_month(int32_t y, int32_t m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && tlc_is_leap_year(y) ? 29 : dim[m - 1];
}

tlc_time tlc_civil_to_secs(const tlc_civil *c)
{
	return tlc_days_from_civil(c->year, c->month, c->day) * 86400 + (int64_t)c->hour * 3600 +
	       (int64_t)c->min * 60 + c->sec;
}

void tlc_civil_from_secs(tlc_time secs, tlc_civil *out)
{
	int64_t days = tlc_floordiv(secs, 86400);
	int64_t rem = secs - days * 86400;
	tlc_civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int32_t)(rem / 3600);
	out->min = (int32_t)(rem / 60 % 60);
	out->sec = (int32_t)(rem % 60);
}

bool tlc_civil_valid(const tlc_civil *c)
{
	return c->month >= 1 && c->month <= 12 && c->day >= 1 &&
	       c->day <= tlc_days_in_month(c->year, c->month) && c->hour >= 0 && c->hour <= 23 &&
	       c->min >= 0 && c->min <= 59 && c->sec >= 0 && c->sec <= 59;
}

void tlc_format_rfc3339(char *out, tlc_time t)
{
	tlc_civil c;
	tlc_civil_from_secs(t, &c);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)c.year, (int)c.month, (int)c.day,
		 (int)c.hour, (int)c.min, (int)c.sec);
}
