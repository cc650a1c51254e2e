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
printf '{"timelinec-program": 2, "widget": "W"}\n' > "$tmp/broken.program.json"
run "$tool" compile --timeline --now 2026-11-25T08:00:00Z "$tmp/broken.program.json"
run "$tool" check "$tmp/flight.program.json"
for f in tests/bad/*.yaml tests/bad/*.json; do
	run "$tool" check "$f"
	run "$tool" compile "$f" -o "$tmp/bad.json"
done
# a spec whose baked texts pass the program limit: refused by the bake, in check and compile
# (1,901 long texts in 4 locales: the limit comes at about 4,100 texts)
x=$(head -c 3900 /dev/zero | tr '\0' x)
printf 'timelinec: 1\nwidget: W\ntimezone: UTC\nlocales: [en_US, de_DE, fr_FR, ja_JP]\nwindow: 2026-11-25 09:00 .. 2026-12-08 00:00\ncountdown:\n  to: 2026-12-08 00:00\n  show:\n    - above: 1900m\n      text: a\n    - above: 0s\n      text: "{total-minutes} %s"\n    - text: end\n' "$x" > "$tmp/baked.yaml"
"$tool" compile "$tmp/baked.yaml" -o "$tmp/baked.json" 2>&1 | grep -q 'TLC_MAX_PROGRAM_BYTES' ||
	{ echo "leakcheck: the baked-text spec is no longer refused; make it larger" >&2; status=1; }
run "$tool" check "$tmp/baked.yaml"
run "$tool" compile "$tmp/baked.yaml" -o "$tmp/baked.json"
# readers of damaged inputs
head -c 3000 "$tmp/t.json" > "$tmp/cut.json"
run "$tool" render "$tmp/cut.json" --at 2026-11-26T00:00:00Z
printf '{"timelinec-baseline": 1, "findings": [1, {"rule": null}]}' > "$tmp/base.json"
run "$tool" check --baseline "$tmp/base.json" examples/launch.yaml
run "$tool" --version
run "$tool" explain TL101
[ $status = 0 ] && echo "leakcheck: $n runs under valgrind, no leak and no error"
exit $status
