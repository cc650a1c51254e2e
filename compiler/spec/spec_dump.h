/* spec_dump.h — canonical JSON of a typed spec, positions left out (see spec_dump.c). */
#ifndef TLC_SPEC_DUMP_H
#define TLC_SPEC_DUMP_H
#include "spec/spec.h"
void tlc_spec_dump(tlc_buf *b, const tlc_spec *s);
#endif
