/* What each widget family has room for; see families.h. */
#include <string.h>
#include "verify/families.h"

tlc_family_room tlc_family_room_of(tlc_family_id f)
{
	/* columns: the content width in points over the font's average advance; lines: the
	 * content height over the line height (docs/preview.md gives the arithmetic) */
	static const tlc_family_room room[TLC_FAM_MAX] = {
		[TLC_FAM_DEFAULT] = {14, 6},     [TLC_FAM_SMALL] = {14, 6},
		[TLC_FAM_MEDIUM] = {32, 6},      [TLC_FAM_LARGE] = {32, 14},
		[TLC_FAM_EXTRA_LARGE] = {70, 14}, [TLC_FAM_INLINE] = {22, 1},
		[TLC_FAM_CIRCULAR] = {7, 3},     [TLC_FAM_RECTANGULAR] = {20, 3},
	};
	return (unsigned)f < TLC_FAM_MAX ? room[f] : room[TLC_FAM_DEFAULT];
}

/* The code point at s (UTF-8, validated upstream) and its length. */
static unsigned next_cp(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && s[1]) {
		*len = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
		*len = 3;
		return (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
		*len = 4;
		return (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
		       (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

/* Columns a code point takes: 0 for combining marks and format characters, 2 for East Asian
 * wide and fullwidth ones (Unicode 15, UAX #11, the common blocks), else 1. */
static unsigned cp_cols(unsigned c)
{
	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F))
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
	    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
	    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

/* Lines `text` takes at `cols` columns, wrapped greedily at spaces and line breaks. */
static unsigned text_lines(const char *text, unsigned cols)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned lines = 1, col = 0;
	while (*s) {
		if (*s == '\n') {
			lines++, col = 0, s++;
			continue;
		}
		if (*s == ' ') {
			if (col && col < cols)
				col++;
			s++;
			continue;
		}
		/* a word: its width, then placed on this line or the next (broken when too long) */
		unsigned w = 0;
		const unsigned char *e = s;
		while (*e && *e != ' ' && *e != '\n') {
			size_t k;
			w += cp_cols(next_cp(e, &k));
			e += k;
		}
		if (col && col + w > cols) {
			lines++;
			col = 0;
		}
		while (w > cols) {
			lines++;
			w -= cols;
		}
		col += w;
		s = e;
	}
	return lines;
}

bool tlc_family_fits(tlc_family_id f, const char *const *texts, size_t n, unsigned *lines_out)
{
	tlc_family_room r = tlc_family_room_of(f);
	unsigned lines = 0;
	if (f == TLC_FAM_INLINE) { /* one line: the texts side by side */
		unsigned w = 0;
		for (size_t i = 0; i < n; i++) {
			const unsigned char *s = (const unsigned char *)texts[i];
			if (i)
				w += 3; /* " · " */
			while (*s) {
				size_t k;
				w += cp_cols(next_cp(s, &k));
				s += k;
			}
		}
		lines = w > r.cols ? 2 : 1;
	} else {
		for (size_t i = 0; i < n; i++)
			lines += text_lines(texts[i], r.cols);
	}
	if (lines_out)
		*lines_out = lines;
	return lines <= r.lines;
}
