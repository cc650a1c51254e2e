#!/bin/sh
# Every bad input gets exit code 2 and exactly the expected diagnostics, within bounded time.
# Cases: tests/bad/*.{yaml,json,yml,txt} (committed) and hostile files generated below.
# Expected output: tests/bad/expected/NAME.out. UPDATE=1 rewrites the expected files.
set -u
tool=$(cd "$(dirname "${1:?usage: bad-inputs.sh path/to/timelinec}")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
gen=$(dirname "$tool")/bad-gen
rm -rf "$gen" && mkdir -p "$gen" "$here/bad/expected"

# hostile inputs that are better generated than committed
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' > "$gen/deep-brackets.json"
awk 'BEGIN { for (i = 0; i < 100; i++) { for (j = 0; j < i; j++) printf " "; print "- " } }' > "$gen/deep-yaml.yaml"
awk 'BEGIN { printf "timelinec: 1\nwidget: W\nx: \""; for (i = 0; i < 70000; i++) printf "a"; print "\"" }' > "$gen/long-scalar.yaml"
awk 'BEGIN { print "timelinec: 1"; for (i = 0; i < 90000; i++) printf "k%06d: 0123456789012345678901234567890123456789\n", i }' > "$gen/too-big.yaml"
printf 'timelinec: 1\nwidget: W\000\n' > "$gen/nul-byte.yaml"
awk 'BEGIN { print "timelinec: 1\nwidget: W\ntimezone: UTC\ncountdowns:"; for (i = 0; i < 65; i++) printf "  - {id: c%d, to: 2026-12-01 10:00, show: [{text: x}]}\n", i }' > "$gen/too-many-countdowns.yaml"
awk 'BEGIN { print "timelinec: 1\nwidget: W\ntimezone: UTC\nparams:"; for (i = 0; i < 65; i++) printf "  p%d: instant\n", i; print "countdown: {to: $p0, show: [{text: x}]}" }' > "$gen/too-many-params.yaml"
awk 'BEGIN { print "timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  show: [{text: x}]\n  events:"; for (i = 0; i < 257; i++) printf "    - {at: 2026-12-01 10:00, n: %d}\n", i }' > "$gen/too-many-events.yaml"
printf 'timelinec: 1\nwidget: "Caf\351"\n' > "$gen/latin1.yaml"
printf '{"timelinec": 1, "widget": "\355\240\200"}\n' > "$gen/surrogate-utf8.json"
printf '\357\273\277timelinec: 1\n\357\273\277widget: W\n' > "$gen/bom-twice.yaml"
printf '\357\273\277timelinec: 1\nwidgt: W\n' > "$gen/bom-unknown-key.yaml"
# 1,000 one-minute phases, each baking {total-minutes} in 4 locales: the baked texts would pass
# a program's 16 MiB; check stops there (TL003) in about a second, at bounded memory
awk 'BEGIN { print "timelinec: 1\nwidget: W\ntimezone: UTC\nlocales: [en_US, de_DE, fr_FR, ja_JP]\nwindow: 2026-11-25 09:00 .. 2026-12-08 00:00\ncountdown:\n  to: 2026-12-08 00:00\n  show:"; for (i = 1000; i > 0; i--) printf "    - above: %dm\n      text: {default: \"{total-minutes} a %d\", accessoryInline: \"x%d {total-minutes}\"}\n", i, i, i; print "    - text: end" }' > "$gen/baked-too-big.yaml"
# (a folder is no longer bad input to check, which walks it: tests/golden/cli/paths-check-dir*.sh;
# compile's "it is a directory" is there too)

status=0
total=0
# A hang is what the timeout catches: 10 s, times TLC_TIMEOUT_SCALE under the sanitizers (the
# biggest case, 4000 texts baked until the program limit, takes 1.3 s plain and 6 s of CPU
# under ASan+UBSan, more on a loaded machine).
limit=$((10 * ${TLC_TIMEOUT_SCALE:-1}))
run_case() { # file, name
	f=$1
	name=$2
	total=$((total + 1))
	out=$(cd "$(dirname "$f")" && timeout "$limit" "$tool" check --color=never "$(basename "$f")" 2>&1)
	rc=$?
	exp="$here/bad/expected/$name.out"
	got="exit: $rc
$out"
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$got" > "$exp"
	fi
	if [ $rc -ne 2 ]; then
		echo "FAIL $name: exit $rc, expected 2" >&2
		printf '%s\n' "$out" | head -5 >&2
		status=1
	elif [ ! -f "$exp" ]; then
		echo "FAIL $name: no expected output $exp (run with UPDATE=1)" >&2
		status=1
	elif [ "$(cat "$exp")" != "$got" ]; then
		echo "FAIL $name: output differs from $exp" >&2
		printf '%s\n' "$got" | diff "$exp" - >&2
		status=1
	fi
}
for f in "$here"/bad/*.yaml "$here"/bad/*.yml "$here"/bad/*.json "$here"/bad/*.txt; do
	[ -e "$f" ] || continue
	n=$(basename "$f")
	run_case "$f" "${n%.*}-${n##*.}"
done
for f in "$gen"/*; do
	n=$(basename "$f")
	run_case "$f" "gen-${n%.*}-${n##*.}"
done
run_case "$gen/does-not-exist.yaml" "gen-missing-file"
# several specs: one bad makes the run exit 2 but every spec is still reported
if [ $status = 0 ]; then
	echo "bad-inputs: $total cases, each exits 2 with the expected diagnostics"
fi
exit $status
