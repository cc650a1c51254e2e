/*
 * What each widget family has room for (compiler/verify/families.c): the model behind check's TL115
 * and the preview's "text cut".
 */
#include <criterion/criterion.h>
#include "verify/families.h"

/* ---- what each widget family has room for (compiler/verify/families.c, check's TL115) ---- */


static bool fits1(tlc_family_id f, const char *text, unsigned *lines)
{
	const char *t[1] = {text};
	return tlc_family_fits(f, t, 1, lines);
}

Test(families, room_and_wrapping)
{
	unsigned lines;
	cr_expect(fits1(TLC_FAM_INLINE, "Launch in 23:59:59", &lines) && lines == 1);
	cr_expect(fits1(TLC_FAM_INLINE, "1234567890123456789012", &lines), "22 columns fit");
	cr_expect(!fits1(TLC_FAM_INLINE, "12345678901234567890123", &lines), "23 do not");
	/* circular, 7 columns x 3 lines: words wrap, a long one is broken */
	cr_expect(fits1(TLC_FAM_CIRCULAR, "12:34", &lines) && lines == 1);
	cr_expect(fits1(TLC_FAM_CIRCULAR, "in 3:00:00", &lines) && lines == 2, "%u", lines);
	cr_expect(!fits1(TLC_FAM_CIRCULAR, "Match starts in 3:00:00", &lines) && lines == 4, "%u", lines);
	cr_expect(fits1(TLC_FAM_CIRCULAR, "Kickoff", &lines) && lines == 1);
	cr_expect(fits1(TLC_FAM_CIRCULAR, "Kick-off!", &lines) && lines == 2, "a broken word: %u", lines);
	/* East Asian wide characters take two columns; combining marks none */
	cr_expect(!fits1(TLC_FAM_INLINE, "\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82"
				       "\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82"
				       "\xE3\x81\x82\xE3\x81\x82", &lines), "12 wide characters are 24 columns");
	cr_expect(fits1(TLC_FAM_INLINE, "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81"
				      "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81"
				      "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81"
				      "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81"
				      "e\xCC\x81" "e\xCC\x81", &lines), "22 letters with combining accents");
	/* several countdowns: stacked, or side by side on the inline line */
	const char *two[2] = {"Kick-off in 3:00:00", "2nd in 4:00:00"};
	cr_expect(!tlc_family_fits(TLC_FAM_INLINE, two, 2, NULL), "19 + 3 + 14 columns");
	cr_expect(tlc_family_fits(TLC_FAM_RECTANGULAR, two, 2, &lines) && lines == 2, "%u", lines);
	const char *three[3] = {"Stand-up at 9:30 AM", "Review in 151:00:00", "Fed 15 days ago"};
	cr_expect(tlc_family_fits(TLC_FAM_RECTANGULAR, three, 3, &lines) && lines == 3);
	cr_expect(!tlc_family_fits(TLC_FAM_CIRCULAR, three, 3, NULL));
	cr_expect(tlc_family_fits(TLC_FAM_SMALL, three, 3, &lines) && lines <= 6, "%u", lines);
	cr_expect(fits1(TLC_FAM_SMALL, "", &lines) && lines == 1);
	cr_expect(tlc_family_room_of(TLC_FAM_DEFAULT).cols == tlc_family_room_of(TLC_FAM_SMALL).cols);
}
