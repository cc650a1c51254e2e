#include <unicode/ucal.h>
#include <unicode/uversion.h>
