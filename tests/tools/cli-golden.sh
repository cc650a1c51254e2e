#!/bin/sh
# CLI golden tests: each tests/golden/cli/NAME.sh is a short sh script run in a fresh empty
# folder (its working directory) with
#   $TLC    the timelinec under test (call it as "$TLC" check ...)
#   $ROOT   the repository (copy inputs from "$ROOT/examples/..." or "$ROOT/tests/golden/cli/fixtures/...")
# Everything it prints (stdout and stderr, each command's exit status where the script echoes
# it) must equal tests/golden/cli/NAME.out, with the folder's absolute path written as $PWD.
# The same script under another TZ, LANG and LC_ALL must print the same bytes.
# UPDATE=1 rewrites the .out files (review the diff before committing).
set -u
tool=$(cd "$(dirname "${1:?usage: cli-golden.sh path/to/timelinec}")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
gold="$root/tests/golden/cli"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
count=0

run() { # case-script output-file env...
	cs=$1 of=$2
	shift 2
	rm -rf "$tmp/w" && mkdir "$tmp/w"
	w=$(cd "$tmp/w" && pwd -P)
	(cd "$w" && env "$@" TLC="$tool" ROOT="$root" sh "$cs") > "$tmp/raw" 2>&1
	echo "exit: $?" >> "$tmp/raw"
	# the folder's path, as the script sees it, becomes $PWD (sed with a delimiter no path has)
	sed "s$(printf '\001')$w$(printf '\001')\$PWD$(printf '\001')g" "$tmp/raw" > "$of"
}

for cs in "$gold"/*.sh; do
	[ -f "$cs" ] || continue
	name=$(basename "$cs" .sh)
	run "$cs" "$tmp/$name.out" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
	count=$((count + 1))
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/$name.out" "$gold/$name.out"
	elif [ ! -f "$gold/$name.out" ]; then
		echo "FAIL: missing $gold/$name.out (run 'make golden-update')" >&2
		status=1
		continue
	elif ! cmp -s "$gold/$name.out" "$tmp/$name.out"; then
		echo "FAIL: tests/golden/cli/$name.out differs:" >&2
		diff -u "$gold/$name.out" "$tmp/$name.out" | head -40 >&2
		status=1
		continue
	fi
	run "$cs" "$tmp/$name.alt" TZ=Pacific/Chatham LANG=ar_EG.UTF-8 LC_ALL=ar_EG.UTF-8
	if ! cmp -s "$tmp/$name.out" "$tmp/$name.alt"; then
		echo "FAIL: tests/golden/cli/$name.sh: output changes with TZ=Pacific/Chatham LANG=ar_EG.UTF-8:" >&2
		diff -u "$tmp/$name.out" "$tmp/$name.alt" | head -20 >&2
		status=1
	fi
done
[ "$status" = 0 ] && echo "cli-golden: $count cases match"
exit "$status"
