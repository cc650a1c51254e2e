/* Status names and the library version. */
#include "timelinec/common.h"

#ifndef TLC_VERSION
#define TLC_VERSION "0.0.0"
#endif

const char *tlc_strerror(int status)
{
	switch (status) {
	case TLC_OK: return "success";
	case TLC_ENOMEM: return "out of memory";
	case TLC_EINVAL: return "invalid argument";
	case TLC_EINPUT: return "invalid input";
	case TLC_ENOTFOUND: return "not found";
	case TLC_EIO: return "input/output error";
	case TLC_ERANGE: return "value out of range";
	default: return "unknown error";
	}
}

const char *tlc_version(void) { return TLC_VERSION; }
