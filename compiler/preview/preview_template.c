/*
 * preview_template.c — an empty stand-in for the page template. The build generates the real
 * one from compiler/preview/preview.html (compiler/preview/gen.sh, the Makefile's PREVIEW_PAGE
 * rule), whose definition replaces this weak one at link time. Without it, `preview --html` says
 * the template is missing instead of the program failing to link. (In a file of its own, so no
 * code that reads the template sees this one-element definition.)
 */
#include <stddef.h>
#include "preview/preview.h"

#ifdef __GNUC__
__attribute__((weak)) const char *const tlc_preview_page[] = {NULL};
#endif
