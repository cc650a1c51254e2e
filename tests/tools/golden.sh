#!/bin/sh
# Golden tests: every example compiles to the committed program and timeline, and `check`
# prints the committed diagnostics; the same bytes under any host TZ and LANG.
#   tests/golden/examples/NAME.program.json    timelinec compile examples/NAME.yaml
#   tests/golden/examples/NAME.xcstrings       ... --xcstrings (the String Catalog, made new)
#   tests/golden/examples/NAME.schedule.json   a Live Activity: compile <golden-args>
#   tests/golden/examples/NAME.activity-program.json  a Live Activity: compile --program
#   tests/golden/examples/NAME.timeline.json   ... --timeline <the example's "# golden-args:">
#                                              (and the same from NAME.program.json)
#   tests/golden/examples/NAME.check.txt       timelinec check (exit code, then the output)
#   tests/golden/examples/NAME.preview.txt     timelinec preview <golden-args> (exit code, table)
#   tests/golden/schedules/NAME.K.schedule.json a Live Activity's schedule for the K-th case of
#                                              NAME in tests/golden/schedules/cases.txt
#                                              (and the same table and --html page under other
#                                              TZ and LANG)
# UPDATE=1 rewrites the expected files (review the diff before committing).
set -u
tool=$(cd "$(dirname "${1:?usage: golden.sh path/to/timelinec}")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
gold="$root/tests/golden/examples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$gold"
status=0
count=0

compare() { # expected-file actual-file
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$2" "$1"
	elif [ ! -f "$1" ]; then
		echo "FAIL: missing $1 (run 'make golden-update')" >&2
		status=1
	elif ! cmp -s "$1" "$2"; then
		echo "FAIL: $1 differs:" >&2
		diff -u "$1" "$2" | head -40 >&2
		status=1
	fi
	count=$((count + 1))
}

# preview's table for the example's golden args, and its table and page under other TZ and LANG
preview() { # spec name args...
	pf=$1 pn=$2
	shift 2
	out=$("$tool" preview "$pf" "$@" 2>&1); rc=$?
	printf 'exit: %s\n%s\n' "$rc" "$out" > "$tmp/$pn.preview.txt"
	compare "$gold/$pn.preview.txt" "$tmp/$pn.preview.txt"
	"$tool" preview "$pf" "$@" --html "$tmp/$pn.html" >/dev/null 2>&1
	for env in "TZ=Pacific/Chatham LANG=ar_EG.UTF-8 LC_ALL=ar_EG.UTF-8" "TZ=America/Mexico_City LANG=de_DE.UTF-8"; do
		# shellcheck disable=SC2086
		env $env "$tool" preview "$pf" "$@" > "$tmp/$pn.alt.txt" 2>&1
		# shellcheck disable=SC2086
		env $env "$tool" preview "$pf" "$@" --html "$tmp/$pn.alt.html" >/dev/null 2>&1
		if ! printf '%s\n' "$out" | cmp -s - "$tmp/$pn.alt.txt" || ! cmp -s "$tmp/$pn.html" "$tmp/$pn.alt.html"; then
			echo "FAIL: preview $pf: output changes with $env" >&2
			status=1
		fi
	done
}

cd "$root"
for f in examples/*.yaml examples/*.json; do
	[ -e "$f" ] || continue
	name=$(basename "$f"); name=${name%.*}
	args=$(sed -n 's/^# golden-args: //p' "$f" | head -1)
	if grep -q '^live-activity:' "$f"; then
		# a Live Activity compiles into its schedule (content states and APNs requests)
		# shellcheck disable=SC2086
		"$tool" compile "$f" $args -o "$tmp/$name.schedule.json" 2>"$tmp/$name.err" || {
			echo "FAIL: compile $f" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
		compare "$gold/$name.schedule.json" "$tmp/$name.schedule.json"
		"$tool" compile "$f" --program -o "$tmp/$name.activity-program.json" 2>"$tmp/$name.err" || {
			echo "FAIL: compile --program $f" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
		compare "$gold/$name.activity-program.json" "$tmp/$name.activity-program.json"
		out=$(SOURCE_DATE_EPOCH=1796310000 "$tool" check --color=never "$f" 2>&1); rc=$?
		printf 'exit: %s\n%s\n' "$rc" "$out" > "$tmp/$name.check.txt"
		compare "$gold/$name.check.txt" "$tmp/$name.check.txt"
		# shellcheck disable=SC2086
		preview "$f" "$name" $args
		continue
	fi
	"$tool" compile "$f" -o "$tmp/$name.program.json" 2>"$tmp/$name.err" || {
		echo "FAIL: compile $f" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
	compare "$gold/$name.program.json" "$tmp/$name.program.json"
	"$tool" compile "$f" -o "$tmp/$name.p2.json" --xcstrings "$tmp/$name.xcstrings" 2>"$tmp/$name.err" || {
		echo "FAIL: compile --xcstrings $f" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
	compare "$gold/$name.xcstrings" "$tmp/$name.xcstrings"
	# shellcheck disable=SC2086
	"$tool" compile "$f" --timeline $args -o "$tmp/$name.timeline.json" 2>"$tmp/$name.err" || {
		echo "FAIL: compile --timeline $f" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
	compare "$gold/$name.timeline.json" "$tmp/$name.timeline.json"
	# the runtime's path: the compiled program, read back and instantiated, gives the same bytes
	# shellcheck disable=SC2086
	if ! "$tool" compile "$tmp/$name.program.json" --timeline $args -o "$tmp/$name.from-program.json" \
		2>"$tmp/$name.err" || ! cmp -s "$tmp/$name.timeline.json" "$tmp/$name.from-program.json"; then
		echo "FAIL: $name.program.json --timeline differs from $f --timeline" >&2
		cat "$tmp/$name.err" >&2
		status=1
	fi
	out=$("$tool" check --color=never "$f" 2>&1); rc=$?
	printf 'exit: %s\n%s\n' "$rc" "$out" > "$tmp/$name.check.txt"
	compare "$gold/$name.check.txt" "$tmp/$name.check.txt"
	# shellcheck disable=SC2086
	preview "$f" "$name" $args
	# host independence: other TZ and LANG, same bytes
	for env in "TZ=Pacific/Chatham LANG=ar_EG.UTF-8 LC_ALL=ar_EG.UTF-8" "TZ=America/Mexico_City LANG=de_DE.UTF-8"; do
		# shellcheck disable=SC2086
		env $env "$tool" compile "$f" --timeline $args -o "$tmp/$name.alt.json" 2>/dev/null
		if ! cmp -s "$tmp/$name.timeline.json" "$tmp/$name.alt.json"; then
			echo "FAIL: $f: output changes with $env" >&2
			status=1
		fi
	done
done
# scenarios: the broken spec is flagged, the fixed one is clean under the default profile
mkdir -p "$root/tests/golden/scenarios"
for f in examples/scenarios/*.yaml; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .yaml)
	out=$("$tool" check --color=never "$f" 2>&1); rc=$?
	printf 'exit: %s\n%s\n' "$rc" "$out" > "$tmp/$name.check.txt"
	compare "$root/tests/golden/scenarios/$name.check.txt" "$tmp/$name.check.txt"
	"$tool" check --format json "$f" > "$tmp/$name.check.json" 2>&1
	compare "$root/tests/golden/scenarios/$name.check.json" "$tmp/$name.check.json"
	case "$name" in
	*.fixed)
		if [ "$rc" != 0 ] || printf '%s' "$out" | grep -q 'warning\|error'; then
			echo "FAIL: $f (a fix) has findings" >&2; status=1
		fi ;;
	*.broken)
		printf '%s' "$out" | grep -q '\[TL' || { echo "FAIL: $f (broken) has no finding" >&2; status=1; } ;;
	esac
done

# Live Activity schedules over several parameter values (tests/golden/schedules/cases.txt)
mkdir -p "$root/tests/golden/schedules"
prev=
while IFS= read -r line; do
	case "$line" in '#'*|'') continue ;; esac
	eval "set -- $line"
	spec=$1
	shift
	name=$(basename "$spec" .yaml)
	if [ "$name" = "$prev" ]; then k=$((k + 1)); else k=1; prev=$name; fi
	"$tool" compile "$spec" "$@" -o "$tmp/$name.$k.schedule.json" 2>"$tmp/$name.err" || {
		echo "FAIL: compile $line" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
	compare "$root/tests/golden/schedules/$name.$k.schedule.json" "$tmp/$name.$k.schedule.json"
done < "$root/tests/golden/schedules/cases.txt"

# Live Activity programs of the scenarios and real-world examples, and TimelineKit's fixture
# (tests/swift/TimelineKitTests/ActivityProgramTests.swift reads them)
mkdir -p "$root/tests/golden/activity-programs"
for f in examples/scenarios/*.yaml examples/real-world/*.yaml tests/swift/TimelineKitTests/Fixtures/typed-delivery.yaml; do
	grep -q '^live-activity:' "$f" || continue
	name=$(basename "$f" .yaml)
	dir="$root/tests/golden/activity-programs"
	[ "$name" = typed-delivery ] && dir="$root/tests/swift/TimelineKitTests/Fixtures"
	"$tool" compile "$f" --program -o "$tmp/$name.activity-program.json" 2>"$tmp/$name.err" || {
		echo "FAIL: compile --program $f" >&2; cat "$tmp/$name.err" >&2; status=1; continue; }
	compare "$dir/$name.activity-program.json" "$tmp/$name.activity-program.json"
done

# SARIF for every scenario in one log (validated in tests/tools/gating.sh)
"$tool" check --format sarif examples/scenarios/*.yaml > "$tmp/scenarios.sarif" 2>&1
compare "$root/tests/golden/scenarios/scenarios.sarif" "$tmp/scenarios.sarif"

[ $status = 0 ] && echo "golden: $count files match (and are the same under other TZ and LANG)"
exit $status
