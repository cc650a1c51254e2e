#!/bin/sh
# The push server on the core alone (examples/embed/activity_push.c): built against the shared
# core installed by `make install` into a temporary PREFIX (libtimelinec-core.so.0, found through
# an rpath), with `pkg-config --cflags --libs timelinec-core` and no ICU symbol linked, it prints for
# every case of tests/golden/schedules/cases.txt (every Live Activity example over several
# parameter values) the CLI's schedule byte for byte: from the program `compile --program`
# writes, at the case's --now (as seconds) with its --param values. The CLI instantiating that
# program (`compile PROGRAM.json ARGS`) prints it too.
# Run from the top of the tree: sh tests/tools/activity-push.sh   (MAKE, CC and BUILD are honoured)
set -u
make=${MAKE:-make}
cc=${CC:-cc}
build=${BUILD:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
. tests/tools/python.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/timelinec-push.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0
fail() { echo "activity-push: FAIL: $*" >&2; fails=$((fails + 1)); }

if ! $make --no-print-directory install PREFIX="$tmp/prefix" BUILD="$build" > "$tmp/install.log" 2>&1; then
	tail -20 "$tmp/install.log" >&2
	echo "activity-push: make install PREFIX=$tmp/prefix failed" >&2
	exit 1
fi
flags=$(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs timelinec-core) ||
	{ echo "activity-push: pkg-config timelinec-core failed" >&2; exit 1; }
# shellcheck disable=SC2086
$cc -std=c11 -Wall -Wextra -Werror examples/embed/activity_push.c $flags -Wl,-rpath,"$tmp/prefix/lib" \
	-o "$tmp/activity_push" ||
	{ echo "activity-push: examples/embed/activity_push.c does not build against the core" >&2; exit 1; }
if nm "$tmp/activity_push" 2>/dev/null | grep -E ' [UT] (u_|ucal_|udat_|unum_|umsg_|uloc_|uplrules_|cJSON_|yaml_)'; then
	fail "activity_push links ICU, cJSON or libyaml symbols"
fi
if ldd "$tmp/activity_push" 2>/dev/null | grep -E -e icu -e cjson -e yaml; then
	fail "activity_push links ICU, cJSON or libyaml"
fi
if command -v ldd >/dev/null 2>&1 && ! ldd "$tmp/activity_push" 2>/dev/null | grep -q "$tmp/prefix/lib/libtimelinec-core"; then
	fail "activity_push is not linked to the installed shared core"
fi

prev=
while IFS= read -r line; do
	case "$line" in '#'*|'') continue ;; esac
	eval "set -- $line"
	spec=$1
	shift
	name=$(basename "$spec" .yaml)
	if [ "$name" = "$prev" ]; then k=$((k + 1)); else k=1; prev=$name; fi
	want="tests/golden/schedules/$name.$k.schedule.json"
	now= params=
	cli_args=
	while [ $# -gt 0 ]; do
		case "$1" in
		--now) now=$2; shift 2 ;;
		--param) printf '%s\n' "$2" >> "$tmp/$name.$k.params"; shift 2 ;;
		*) fail "$name.$k: unexpected argument '$1'"; shift ;;
		esac
	done
	case "$now" in
	@*) epoch=${now#@} ;;
	*) epoch=$("$py" -c 'import sys, datetime; print(int(datetime.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00")).timestamp()))' "$now") ;;
	esac
	build/timelinec compile "$spec" --program -o "$tmp/$name.program.json" 2> "$tmp/err" ||
		{ fail "compile --program $spec"; cat "$tmp/err" >&2; continue; }
	# the parameters, one per line, as arguments (values may hold spaces and quotes)
	set --
	if [ -f "$tmp/$name.$k.params" ]; then
		while IFS= read -r kv; do set -- "$@" "$kv"; done < "$tmp/$name.$k.params"
	fi
	n=$((n + 1))
	"$tmp/activity_push" "$tmp/$name.program.json" "$epoch" "$@" > "$tmp/push.json" 2> "$tmp/err" ||
		{ fail "$name.$k: activity_push exited $?"; cat "$tmp/err" >&2; continue; }
	cmp -s "$want" "$tmp/push.json" ||
		{ fail "$name.$k: activity_push differs from the CLI's schedule ($want)"; diff -u "$want" "$tmp/push.json" | head -20 >&2; }
	for kv in "$@"; do set -- "$@" --param "$kv"; shift; done
	n=$((n + 1))
	build/timelinec compile "$tmp/$name.program.json" --now "$now" "$@" -o "$tmp/cli.json" 2> "$tmp/err" ||
		{ fail "$name.$k: compile PROGRAM.json exited $?"; cat "$tmp/err" >&2; continue; }
	cmp -s "$want" "$tmp/cli.json" ||
		{ fail "$name.$k: the CLI's schedule from the program differs from the spec's ($want)"; diff -u "$want" "$tmp/cli.json" | head -20 >&2; }
done < tests/golden/schedules/cases.txt

[ $fails = 0 ] && echo "activity-push: $n schedules from programs (activity_push on the core alone, and the CLI) are the spec's, byte for byte"
exit $((fails > 0))
