#!/bin/sh
# Runs the CLI over every example, scenario and bad input under valgrind: no leak, no error.
set -u
tool=${1:?usage: leakcheck.sh path/to/timelinec}
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
status=0
n=0
run() {
	n=$((n + 1))
	$vg "$@" >/dev/null 2>"$tmp/err"
	if [ $? = 99 ]; then
		echo "leakcheck: valgrind found errors in: $*" >&2
		cat "$tmp/err" >&2
		status=1
	fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in examples/*.yaml examples/scenarios/*.yaml; do
	run "$tool" check "$f"
	run "$tool" compile "$f" --timeline --now 2026-11-25T08:00:00Z --param departure=2026-11-25T18:00:00Z --param flight=X -o "$tmp/t.json"
done
run "$tool" render "$tmp/t.json" --at 2026-11-26T00:00:00Z
# a compiled program as input, and a broken one
"$tool" compile examples/flight.yaml -o "$tmp/flight.program.json"
run "$tool" compile --timeline --now 2026-11-25T08:00:00Z --param departure=2026-11-25T18:00:00Z \
	--param flight=X "$tmp/flight.program.json" -o "$tmp/t2.json"
printf '{"timelinec-program": 1, "widget": "W"}\n' > "$tmp/broken.program.json"
run "$tool" compile --timeline --now 2026-11-25T08:00:00Z "$tmp/broken.program.json"
run "$tool" check "$tmp/flight.program.json"
for f in tests/bad/*.yaml tests/bad/*.json; do
	run "$tool" check "$f"
done
run "$tool" --version
run "$tool" explain TL101
[ $status = 0 ] && echo "leakcheck: $n runs under valgrind, no leak and no error"
exit $status
