#!/bin/sh
# `timelinec compile` end to end: where output goes (-o FILE, DIR, -, several specs), that a
# failed run leaves no file and never half-writes one, where `now` comes from (--now,
# SOURCE_DATE_EPOCH, the clock), --param, and compiled programs as input to --timeline.
set -u
tool=$(cd "$(dirname "${1:?usage: cli-compile.sh path/to/timelinec}")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
n=0
. "$root/tests/tools/expect.sh"

cd "$t"
cp "$root/examples/launch.yaml" "$root/examples/sale.yaml" "$root/examples/flight.yaml" .
now="--now 2026-11-25T08:00:00Z"

# where output goes
"$tool" compile launch.yaml > "$t/log" 2>&1
expect "one spec, no -o: standard output" 0 $? '"timelinec-program": 1'
"$tool" compile launch.yaml -o - > "$t/log" 2>&1
expect "-o -: standard output" 0 $? '"timelinec-program": 1'
"$tool" compile launch.yaml -o one.json > "$t/log" 2>&1
expect "-o FILE" 0 $?
grep -q '"timelinec-program": 1' one.json; ok "-o FILE writes the program" $?
mkdir out
"$tool" compile launch.yaml sale.yaml -o out > "$t/log" 2>&1
expect "several specs into a directory" 0 $?
[ -f out/launch.program.json ] && [ -f out/sale.program.json ]; ok "-o DIR: NAME.program.json" $?
"$tool" compile --timeline $now launch.yaml -o out > "$t/log" 2>&1
expect "--timeline into a directory" 0 $?
[ -f out/launch.timeline.json ]; ok "-o DIR --timeline: NAME.timeline.json" $?
"$tool" compile launch.yaml sale.yaml > "$t/log" 2>&1
expect "several specs without -o DIR" 2 $? "several specs need -o DIR"
"$tool" compile launch.yaml sale.yaml -o one.json > "$t/log" 2>&1
expect "several specs with -o FILE" 2 $? "several specs need -o DIR"
"$tool" compile launch.yaml -o nowhere/ > "$t/log" 2>&1
expect "-o DIR/ that does not exist" 2 $? "no such directory"

# a failure writes nothing and keeps what was there
printf 'timelinec: 1\nwidget: W\nrelaod: never\n' > bad.yaml
"$tool" compile bad.yaml -o fresh.json > "$t/log" 2>&1
expect "a bad spec" 2 $? "TL010"
[ ! -e fresh.json ]; ok "a failed compile creates no file" $?
cp one.json before.json
"$tool" compile bad.yaml -o one.json > "$t/log" 2>&1
expect "a bad spec over an existing file" 2 $?
cmp -s one.json before.json; ok "a failed compile leaves the existing file as it was" $?
"$tool" compile launch.yaml bad.yaml sale.yaml -o out > "$t/log" 2>&1
expect "one bad spec among several" 2 $? "bad.yaml"
[ ! -e out/bad.program.json ]; ok "the bad one writes nothing" $?
ls -a out | grep -q '\.tmp\|~' && { echo "FAIL: temporary files left in out/" >&2; fails=$((fails + 1)); }

# where now comes from
"$tool" compile --timeline $now launch.yaml > "$t/log" 2>&1
expect "--now" 0 $? '"now-source": "option"'
SOURCE_DATE_EPOCH=1795593600 "$tool" compile --timeline launch.yaml > "$t/log" 2>&1
expect "SOURCE_DATE_EPOCH" 0 $? '"now-source": "SOURCE_DATE_EPOCH"'
grep -q '"now": "2026-11-25T08:00:00Z"' "$t/log"; ok "SOURCE_DATE_EPOCH is the instant" $?
env -u SOURCE_DATE_EPOCH "$tool" compile --timeline launch.yaml > "$t/log" 2>&1
expect "the clock" 0 $? '"now-source": "clock"'
"$tool" compile --timeline --now 2026-11-25T08:00:00 launch.yaml > "$t/log" 2>&1
expect "a local --now" 2 $?

# parameters
"$tool" compile --timeline $now flight.yaml > "$t/log" 2>&1
expect "a missing instant parameter" 2 $? "parameter 'departure' has no value"
"$tool" compile --timeline $now --param nope=1 flight.yaml > "$t/log" 2>&1
expect "an undeclared parameter" 2 $? "declares no such parameter"
"$tool" compile --timeline $now --param departure=2026-11-25T18:00:00Z --param flight=LH400 \
	flight.yaml -o flight.timeline.json > "$t/log" 2>&1
expect "parameters given" 0 $?

# a compiled program as input: what a server does with the runtime, through the CLI
"$tool" compile flight.yaml -o out/flight.program.json > "$t/log" 2>&1
expect "compile flight" 0 $?
"$tool" compile --timeline $now --param departure=2026-11-25T18:00:00Z --param flight=LH400 \
	out/flight.program.json -o from-program.json > "$t/log" 2>&1
expect "--timeline from a program" 0 $?
cmp -s flight.timeline.json from-program.json; ok "the program gives the spec's timeline" $?
"$tool" compile --timeline $now --param departure=2026-11-25T18:00:00Z --param flight=LH400 \
	out/flight.program.json -o out > "$t/log" 2>&1
expect "--timeline from a program into a directory" 0 $?
[ -f out/flight.timeline.json ]; ok "NAME.program.json gives NAME.timeline.json" $?
"$tool" compile out/flight.program.json > "$t/log" 2>&1
expect "a program without --timeline" 2 $? "add --timeline"
"$tool" compile --timeline --check $now out/flight.program.json > "$t/log" 2>&1
expect "--check on a program" 2 $? "--check needs a spec"
"$tool" compile --timeline $now out/flight.program.json > "$t/log" 2>&1
expect "a program's missing parameter" 2 $? "parameter 'departure' has no value"
printf '{"timelinec-program": 1, "widget": "W"}\n' > broken.program.json
"$tool" compile --timeline $now broken.program.json -o x.json > "$t/log" 2>&1
expect "a broken program" 2 $? "not a valid timelinec program"
[ ! -e x.json ]; ok "a broken program writes nothing" $?
"$tool" check out/flight.program.json > "$t/log" 2>&1
expect "check on a program" 2 $? "this is a compiled program, not a spec"

[ $fails = 0 ] && echo "cli-compile: $n checks of compile's output, failures, now, params and program input pass"
exit $((fails > 0))
