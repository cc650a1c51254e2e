#!/bin/sh
# The runtime core ships inside widget extensions: it must need nothing but libc (SwiftPM builds
# it for iOS, where there is no ICU to link and no cJSON package). Checks that
# libtimelinec-core.a references no ICU or cJSON symbol, and that a program linked with the core
# and libc only instantiates a compiled example.
set -eu
build=${1:?usage: core-link.sh BUILD_DIR}
cc=${CC:-cc}
lib="$build/libtimelinec-core.a"
if nm -u "$lib" 2>/dev/null | grep -E ' U (u_|ucal_|udat_|unum_|umsg_|uloc_|uplrules_|ulistfmt_|ures_|ubrk_)' ; then
	echo "core-link: $lib references ICU" >&2
	exit 1
fi
if nm -u "$lib" 2>/dev/null | grep -E ' U cJSON_' ; then
	echo "core-link: $lib references cJSON (the core reads JSON itself: runtime/core/json.c)" >&2
	exit 1
fi
$cc -std=c11 -Iinclude tests/tools/core_example.c "$lib" -lpthread \
	-o "$build/core_example"
if ldd "$build/core_example" 2>/dev/null | grep -q -e icu -e cjson; then
	echo "core-link: core_example links ICU or cJSON" >&2
	exit 1
fi
"$build/timelinec" compile examples/launch.yaml -o "$build/launch.program.json"
out=$("$build/core_example" "$build/launch.program.json" 1795593600)
n=$(printf '%s\n' "$out" | grep -c phase)
[ "$n" = 10 ] || { echo "core-link: expected 10 entries, got $n" >&2; printf '%s\n' "$out" >&2; exit 1; }
printf '%s\n' "$out" | grep -q '2026-11-27T17:00:00Z phase 0 3 days to launch' || {
	echo "core-link: the precomputed text is missing:" >&2; printf '%s\n' "$out" >&2; exit 1; }
echo "core-link: the core links without ICU and instantiates launch.yaml into $n entries"
