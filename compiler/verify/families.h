/*
 * families.h — what each widget family has room for, as `check` and the preview model it: a
 * number of columns per line and of lines, at the default Dynamic Type size, text wrapped at
 * spaces (a longer word is broken), East Asian wide characters two columns, combining marks
 * none. The numbers are inferred from the families' sizes in points and the system font
 * (docs/preview.md, "What a family has room for"); Apple documents the sizes, not the counts.
 */
#ifndef TLC_FAMILIES_H
#define TLC_FAMILIES_H
#include <stdbool.h>
#include <stddef.h>
#include "timelinec/program.h"

typedef struct tlc_family_room {
	unsigned cols;  /* columns of one line */
	unsigned lines; /* lines the family shows; past them the text is cut */
} tlc_family_room;

/* The room of family f (DEFAULT: the small widget's, where WidgetKit shows it first). */
tlc_family_room tlc_family_room_of(tlc_family_id f);

/*
 * Whether n texts (one per countdown, shown one under the other; accessoryInline: on one line,
 * joined by " · ") fit family f. *lines_out (may be NULL) gets the lines they take.
 */
bool tlc_family_fits(tlc_family_id f, const char *const *texts, size_t n, unsigned *lines_out);
#endif
