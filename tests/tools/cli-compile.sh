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
expect "one spec, no -o: standard output" 0 $? '"timelinec-program": 2'
"$tool" compile launch.yaml -o - > "$t/log" 2>&1
expect "-o -: standard output" 0 $? '"timelinec-program": 2'
"$tool" compile launch.yaml -o one.json > "$t/log" 2>&1
expect "-o FILE" 0 $?
grep -q '"timelinec-program": 2' one.json; ok "-o FILE writes the program" $?
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

# an output never replaces an input, a device, a FIFO or a link
cp launch.yaml same.yaml
cp same.yaml same.orig
"$tool" compile same.yaml -o same.yaml > "$t/log" 2>&1
expect "compile -o the spec itself" 2 $? "it is an input of this run"
"$tool" check --write-baseline same.yaml same.yaml > "$t/log" 2>&1
expect "--write-baseline over the spec" 2 $? "it is an input of this run"
"$tool" check --output-sarif same.yaml same.yaml > "$t/log" 2>&1
expect "--output-sarif over the spec" 2 $? "it is an input of this run"
"$tool" preview --now 2026-11-25T08:00:00Z --html same.yaml same.yaml > "$t/log" 2>&1
expect "preview --html over the spec" 2 $? "it is an input of this run"
ln -s same.yaml same-link.yaml
"$tool" compile same-link.yaml -o same.yaml > "$t/log" 2>&1
expect "-o the spec under another name (a link)" 2 $? "it is an input of this run"
cmp -s same.yaml same.orig; ok "the spec is as it was" $?
"$tool" compile launch.yaml -o /dev/null > "$t/log" 2>&1
expect "-o /dev/null" 0 $?
[ -c /dev/null ]; ok "/dev/null is still a device" $?
mkfifo pipe
cat pipe > from-pipe.json &
"$tool" compile launch.yaml -o pipe > "$t/log" 2>&1
expect "-o a FIFO" 0 $?
wait
[ -p pipe ] && grep -q '"timelinec-program": 2' from-pipe.json; ok "a FIFO is written into, not replaced" $?
printf 'old\n' > target.json
chmod 600 target.json
ln -s target.json link.json
"$tool" compile launch.yaml -o link.json > "$t/log" 2>&1
expect "-o a link" 0 $?
[ -L link.json ] && grep -q '"timelinec-program": 2' target.json; ok "a link is followed to its file" $?
[ "$(ls -l target.json | cut -c1-10)" = "-rw-------" ]; ok "a replaced file keeps its permissions" $?
mkdir adir.json
"$tool" compile launch.yaml -o adir.json/ > "$t/log" 2>&1
ls adir.json | grep -q launch; ok "-o DIR/ still writes into it" $?

# readers give positions and their own limits; lenient readers are strict
"$tool" compile --timeline $now launch.yaml -o tl.json > "$t/log" 2>&1
head -c 3000 tl.json > cut.json
"$tool" render cut.json --at 2026-11-30T10:00:00Z > "$t/log" 2>&1
expect "render of a damaged timeline" 2 $? "cut.json:[0-9]*:[0-9]*: error: not a valid timeline: invalid JSON at line [0-9]*, column [0-9]*: a string that never ends \[TL001\]"
sed 's/"en_US"/"xx_XX"/; s|"display-zone": "Europe/Berlin"|"display-zone": "Europe/Nowhere"|' tl.json > badenv.json
"$tool" render badenv.json --at 2026-11-30T10:00:00Z > "$t/log" 2>&1
expect "render of a timeline with an unknown locale" 2 $? "badenv.json:[0-9]*:[0-9]*: error: unknown locale 'xx_XX' in the timeline \[TL026\]"
grep -q "badenv.json:7:19: error: the timeline's display zone 'Europe/Nowhere'" "$t/log"; ok "and an unknown display zone, at its place" $?
head -c 5000000 /dev/zero | tr '\0' 'a' > big.json
"$tool" render big.json --at 2026-11-30T10:00:00Z > "$t/log" 2>&1
expect "render of a 5 MB file that is not a timeline" 2 $? "a spec is at most 4 MiB (TLC_MAX_FILE_SIZE)"
head -c 70000000 /dev/zero > huge.json
"$tool" render huge.json --at 2026-11-30T10:00:00Z > "$t/log" 2>&1
expect "render of a file past the timeline limit" 2 $? "the timeline is larger than the limit of 64 MiB (TLC_MAX_TIMELINE_BYTES)"
rm -f huge.json big.json
"$tool" compile launch.yaml -o p.json > "$t/log" 2>&1
sed 's|"zone": "Europe/Berlin"|"zone": "Mars/Olympus"|' p.json > pz.json
"$tool" compile --timeline $now pz.json > "$t/log" 2>&1
expect "a program with an unknown zone" 2 $? "pz.json:5:11: error: the program's zone 'Mars/Olympus' is not in this machine's zone database \[TL021\]"
{ cat p.json; head -c 17000000 /dev/zero | tr '\0' ' '; } > padded.program.json
"$tool" compile --timeline $now padded.program.json > "$t/log" 2>&1
expect "a program past 16 MiB" 2 $? "the spec or program is larger than the limit of 16 MiB (TLC_MAX_PROGRAM_BYTES)"
rm -f padded.program.json

# where now comes from
"$tool" compile --timeline $now launch.yaml > "$t/log" 2>&1
expect "--now" 0 $? '"now-source": "option"'
SOURCE_DATE_EPOCH=1795593600 "$tool" compile --timeline launch.yaml > "$t/log" 2>&1
expect "SOURCE_DATE_EPOCH" 0 $? '"now-source": "SOURCE_DATE_EPOCH"'
grep -q '"now": "2026-11-25T08:00:00Z"' "$t/log"; ok "SOURCE_DATE_EPOCH is the instant" $?
# (a spec whose countdown is years ahead and has no window: launch.yaml's window ended on
# 2026-12-08, and the clock then fell past it)
printf 'timelinec: 1\nwidget: Clock\ntimezone: UTC\ncountdown:\n  to: 2099-01-01 00:00\n  show:\n    - above: 0s\n      text: Soon\n    - text: Now\n' > clock.yaml
env -u SOURCE_DATE_EPOCH "$tool" compile --timeline clock.yaml > "$t/log" 2>&1
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
printf '{"timelinec-program": 2, "widget": "W"}\n' > broken.program.json
"$tool" compile --timeline $now broken.program.json -o x.json > "$t/log" 2>&1
expect "a broken program" 2 $? "not a valid timelinec program"
[ ! -e x.json ]; ok "a broken program writes nothing" $?
"$tool" check out/flight.program.json > "$t/log" 2>&1
expect "check on a program" 2 $? "this is a compiled program, not a spec"
# a key the reader does not know (a newer or another writer's) is refused where it is, not skipped
sed 's/"reload": {"policy": "auto"}/"reload": {"policy": "auto", "jitter": 5}/' \
	out/launch.program.json > newer.program.json
"$tool" compile --timeline $now newer.program.json -o x.json > "$t/log" 2>&1
expect "a program with an unknown key" 2 $? \
	"^newer.program.json:10:32: error: not a valid timelinec program: unknown key 'jitter' in the reload \[TL001\]$"
[ ! -e x.json ]; ok "a program with an unknown key writes nothing" $?
sed '1,/"date": /s/"date": /"colour": "red", "date": /' out/launch.timeline.json > newer.timeline.json
"$tool" render newer.timeline.json --at 2026-11-30T10:00:00Z > "$t/log" 2>&1
expect "a timeline with an unknown key" 2 $? \
	"^newer.timeline.json:15:7: error: not a valid timeline: unknown key 'colour' in an entry \[TL001\]$"

"$tool" compile --param departure=2026-11-25T18:00:00Z flight.yaml > "$t/log" 2>&1
expect "--param without --timeline (it was ignored)" 2 $? "add --timeline"

# a parameter given twice: a usage error everywhere (it once wrote one value and used the other)
"$tool" compile --timeline $now --param departure=2026-11-25T18:00:00Z --param flight=LH400 \
	--param flight=BA1 flight.yaml > "$t/log" 2>&1
expect "--param twice (compile)" 2 $? "--param flight is given twice"
"$tool" preview $now --param departure=2026-11-25T18:00:00Z --param departure=2026-11-25T19:00:00Z \
	--param flight=BA1 flight.yaml > "$t/log" 2>&1
expect "--param twice (preview)" 2 $? "--param departure is given twice"

# Live Activity state values from parameters: every output carries the value, none '$name'
cat > la.yaml <<'YAML'
timelinec: 1
live-activity: Delivery
bundle-id: com.example.shop
timezone: Europe/Rome
params: {courier: text, eta: instant, stops: integer, fee: number}
check-params: {eta: 30m .. 3h after now}
content-state: {courier: string, eta: date, stops: int, fee: double, rush: bool}
attributes: {order: 0o17, price: 2.50}
view:
  lock-screen: "{courier}: {stops, plural, one {# stop} other {# stops}} · {fee} € · {countdown eta}"
start:
  at: now
  via: push-to-start
  alert: {title: "On the way"}
  state: {courier: $courier, eta: $eta, stops: $stops, fee: $fee, rush: false}
updates:
  - at: $eta - 10m
    state: {stops: 0x1, fee: 0o3}
YAML
la="--now 2026-12-03T15:00:00Z --param courier=Mario --param eta=2026-12-03T16:10:00Z --param stops=3 --param fee=2.5"
"$tool" compile $la la.yaml -o la.schedule.json > "$t/log" 2>&1
expect "an activity with text, integer and number parameters" 0 $?
grep -q '"content-state": {"courier": "Mario", "eta": "2026-12-03T16:10:00Z", "stops": 3, "fee": 2.5, "rush": false}' la.schedule.json
ok "the content state carries each parameter's value, typed" $?
grep -q '"content-state": {"courier": "Mario", "eta": "2026-12-03T16:10:00Z", "stops": 1, "fee": 3, "rush": false}' la.schedule.json
ok "0x1 and 0o3 are 1 and 3 (YAML 1.2), carried forward with the parameters" $?
grep -q '\\"courier\\":\\"Mario\\"' la.schedule.json; ok "the curl line carries the value" $?
grep -q '"body": {"aps":{.*"content-state":{"courier":"Mario"' la.schedule.json; ok "the APNs body carries the value" $?
grep -q '"attributes":{"order":15,"price":2.5}' la.schedule.json; ok "attributes keep their types (0o17 is 15)" $?
! grep -q '"\$[a-z]' la.schedule.json; ok "no '\$name' in the schedule" $?
"$tool" render la.yaml $la --at 2026-12-03T15:30:00Z --locale en_US > "$t/log" 2>&1
expect "render an activity with parameters" 0 $? "Mario: 3 stops · 2.5 € · 40:00"
"$tool" preview la.yaml $la > "$t/log" 2>&1
expect "preview an activity with parameters" 0 $? "Mario: 3 stops"
refute "preview shows no '\$courier'" '\$courier'
"$tool" compile $la --param courier=Luigi la.yaml > "$t/log" 2>&1
expect "--param twice (activity)" 2 $? "--param courier is given twice"
"$tool" render la.yaml $la --param courier=Luigi --at 2026-12-03T15:30:00Z > "$t/log" 2>&1
expect "--param twice (render)" 2 $? "--param courier is given twice"
"$tool" compile --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z --param stops=3 --param fee=2.5 \
	la.yaml -o missing.json > "$t/log" 2>&1
expect "a missing text parameter" 2 $? "la.yaml:15:20: error: parameter '\$courier' has no value \[TL018\]"
[ ! -e missing.json ]; ok "a missing text parameter writes nothing" $?
"$tool" compile --now 2026-12-03T15:00:00Z --param courier=Mario --param eta=2026-12-03T16:10:00Z \
	--param stops=3 --param fee=.inf la.yaml > "$t/log" 2>&1
expect "a number parameter that is not finite" 2 $? "expected a finite decimal number"
"$tool" check --now 2026-12-03T15:00:00Z la.yaml > "$t/log" 2>&1
expect "check an activity with parameters" 0 $?
refute "every parameter is used" "TL019"
sed 's/courier: \$courier, //' la.yaml > unused.yaml
"$tool" check --now 2026-12-03T15:00:00Z unused.yaml > "$t/log" 2>&1
expect "an unused parameter is a warning" 0 $? "unused.yaml:5:10: warning: parameter 'courier' is declared but nothing uses it"

# a UTF-8 byte order mark starts a YAML spec as it starts a JSON one: the same program
printf '\357\273\277' | cat - launch.yaml > bom-launch.yaml
"$tool" compile launch.yaml -o plain.json > "$t/log" 2>&1 && "$tool" compile bom-launch.yaml -o bom.json > "$t/log" 2>&1
expect "a YAML spec with a byte order mark" 0 $?
sed 's/bom-launch/launch/' bom.json | cmp -s - plain.json; ok "the byte order mark changes nothing (lines and columns included)" $?

# a template error is one rule, one severity and exit 2 in every command, widget or activity
cp "$root/tests/bad/la-view-templates.yaml" views.yaml
printf 'timelinec: 1\nwidget: W\ntimezone: UTC\nparams: {days: integer}\ncountdown:\n  to: 2026-12-01 10:00\n  show:\n    - text: "{dayz}"\n' > wviews.yaml
for spec in views.yaml wviews.yaml; do
	"$tool" check --now 2026-12-03T15:00:00Z "$spec" > "$t/check.log" 2>&1
	expect "$spec: check" 2 $?
	grep 'error' "$t/check.log" | sort > "$t/check.err"
	for cmd in "compile" "compile --timeline" "preview" "render --at 2026-12-03T15:10:00Z"; do
		case "$spec:$cmd" in wviews.yaml:render*) continue ;; views.yaml:*--timeline) continue ;; esac
		case $cmd in compile*) o="-o x.json" ;; *) o= ;; esac
		"$tool" $cmd --now 2026-12-03T15:00:00Z "$spec" $o > "$t/log" 2>&1
		expect "$spec: $cmd" 2 $?
		[ ! -e x.json ]; ok "$spec: $cmd writes nothing" $?
		grep 'error' "$t/log" | sort | cmp -s - "$t/check.err"; ok "$spec: $cmd reports what check reports" $?
	done
done

# control characters from a spec or the command line never reach a message as they are
esc=$(printf '\033')
bel=$(printf '\007')
for fmt in human json sarif; do
	"$tool" check --format $fmt "$root/tests/bad/forged-diagnostic.yaml" > "$t/log" 2>&1
	expect "a forged diagnostic ($fmt)" 2 $? 'forged \[TL001\]\\\{1,2\}x1b\[31m'
	refute "no ESC in $fmt output" "$esc"
	refute "no BEL in $fmt output" "$bel"
	! grep -q '^other.yaml:99:1' "$t/log"; ok "no line is the forged diagnostic ($fmt)" $?
done
"$tool" compile --timeline --now 2026-11-25T08:00:00Z --param "$(printf 'a\033[31m=1')" launch.yaml > "$t/log" 2>&1
expect "a usage error echoing the command line" 2 $? 'a\\x1b\[31m'
refute "no ESC in a usage error" "$esc"

# --xcstrings: the widget's String Catalog, merged into the one already there
mkdir cat
"$tool" compile launch.yaml -o cat/launch.program.json --xcstrings cat > "$t/log" 2>&1
expect "--xcstrings DIR" 0 $?
grep -q '"main.above-1d.default" : {' cat/LaunchCountdown.xcstrings; ok "--xcstrings DIR: WIDGET.xcstrings with the message keys" $?
# a translator's work in the catalog survives the next build
sed 's/"en" : {/"fr" : {"stringUnit" : {"state" : "translated", "value" : "%1$lld j avant le lancement"}}, "en" : {/' \
	cat/LaunchCountdown.xcstrings > cat/edited && mv cat/edited cat/LaunchCountdown.xcstrings
"$tool" compile launch.yaml -o cat/launch.program.json --xcstrings cat/LaunchCountdown.xcstrings > "$t/log" 2>&1
expect "--xcstrings FILE over an edited catalog" 0 $?
grep -q '"value" : "%1$lld j avant le lancement"' cat/LaunchCountdown.xcstrings; ok "the translation is kept" $?
grep -q '"needs_review"' cat/LaunchCountdown.xcstrings; [ $? = 1 ]; ok "an unchanged source marks nothing for review" $?
cp cat/LaunchCountdown.xcstrings cat/before
sed 's/{days}d to launch/{days}d left/' launch.yaml > launch2.yaml
"$tool" compile launch2.yaml -o cat/launch.program.json --xcstrings cat/LaunchCountdown.xcstrings > "$t/log" 2>&1
expect "--xcstrings after the source text changed" 0 $?
grep -q '"state" : "needs_review",' cat/LaunchCountdown.xcstrings; ok "a changed source marks its translations for review" $?
# a damaged catalog: exit 2 with its position, and neither output is touched
cp cat/launch.program.json cat/program.before
printf '{"sourceLanguage": "en", "strings": {"k": [1]}, "version": "1.0"}' > cat/bad.xcstrings
cp cat/bad.xcstrings cat/bad.before
"$tool" compile launch.yaml -o cat/launch.program.json --xcstrings cat/bad.xcstrings > "$t/log" 2>&1
expect "a damaged catalog" 2 $? 'bad.xcstrings:1:43: error: the entry of .k. is an object \[TL011\]'
cmp -s cat/bad.xcstrings cat/bad.before; ok "the damaged catalog is left as it was" $?
cmp -s cat/launch.program.json cat/program.before; ok "the program is not written when the catalog is refused" $?
printf '{"sourceLanguage": "en", "strings": {}, "version": "2.0"}' > cat/v2.xcstrings
"$tool" compile launch.yaml --xcstrings cat/v2.xcstrings > "$t/log" 2>&1
expect "a catalog of an unknown version" 2 $? 'reads versions 1.0 and 1.1'
"$tool" compile launch.yaml sale.yaml -o out --xcstrings cat/one.xcstrings > "$t/log" 2>&1
expect "several specs with --xcstrings FILE" 2 $? "several specs need --xcstrings DIR"
"$tool" compile launch.yaml sale.yaml -o out --xcstrings cat > "$t/log" 2>&1
expect "several specs with --xcstrings DIR" 0 $?
[ -f cat/FlashSale.xcstrings ]; ok "--xcstrings DIR: one catalog per widget" $?
"$tool" compile launch.yaml --xcstrings launch.yaml > "$t/log" 2>&1
expect "--xcstrings over the spec itself" 2 $?
grep -q '^timelinec: 1' launch.yaml; ok "the spec is not replaced by its catalog" $?
cp "$root/examples/delivery-activity.yaml" .
"$tool" compile delivery-activity.yaml --now 2026-12-03T10:00:00Z --xcstrings cat > "$t/log" 2>&1
expect "--xcstrings of a Live Activity spec" 2 $? "it has no message keys"
"$tool" compile --timeline $now launch.yaml -o cat/l.timeline.json --xcstrings cat/fromtl.xcstrings > "$t/log" 2>&1
expect "--xcstrings with --timeline" 0 $?
"$tool" compile launch.yaml -o cat/launch.program.json > "$t/log" 2>&1
"$tool" compile --timeline $now cat/launch.program.json -o cat/p.timeline.json --xcstrings cat/fromprog.xcstrings > "$t/log" 2>&1
expect "--xcstrings from a compiled program" 0 $?
cmp -s cat/fromtl.xcstrings cat/fromprog.xcstrings; ok "the catalog from the program is the spec's" $?

# Live Activity programs: compile --program, and the program instantiated as a push server would
"$tool" compile delivery-activity.yaml --program -o delivery.program.json > "$t/log" 2>&1
expect "compile --program of an activity spec" 0 $?
grep -q '"timelinec-activity-program": 2' delivery.program.json; ok "--program writes the activity program" $?
"$tool" compile delivery.program.json --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z -o from-program.json > "$t/log" 2>&1
expect "an activity program instantiated" 0 $?
"$tool" compile delivery-activity.yaml --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z -o from-spec.json > "$t/log" 2>&1
cmp -s from-program.json from-spec.json; ok "the program's schedule is the spec's" $?
"$tool" compile delivery.program.json --now 2026-12-03T15:00:00Z > "$t/log" 2>&1
expect "an activity program without its parameter" 2 $? "cannot instantiate: parameter '\$eta' has no value"
"$tool" compile delivery.program.json --timeline --now 2026-12-03T15:00:00Z > "$t/log" 2>&1
expect "an activity program with --timeline" 2 $? "compile writes its schedule"
"$tool" compile delivery-activity.yaml --program --timeline > "$t/log" 2>&1
expect "--program with --timeline" 2 $? "not both"
"$tool" compile delivery-activity.yaml --program --param eta=2026-12-03T16:10:00Z > "$t/log" 2>&1
expect "--program with --param" 2 $? "a program leaves its parameters open"
"$tool" compile delivery-activity.yaml --timeline --now 2026-12-03T15:00:00Z > "$t/log" 2>&1
expect "an activity spec with --timeline" 2 $? "it compiles into its schedule"
sed 's/"every": 0,/"every": 0, "jitter": 1,/' delivery.program.json > newer.program.json
"$tool" compile newer.program.json --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z > "$t/log" 2>&1
expect "an activity program with an unknown key" 2 $? "newer.program.json:36:19: error: not a valid timelinec activity program: unknown key 'jitter' in an event"
sed 's/"timelinec-activity-program": 2/"timelinec-activity-program": 3/' delivery.program.json > v2.program.json
"$tool" compile v2.program.json --now 2026-12-03T15:00:00Z --param eta=2026-12-03T16:10:00Z > "$t/log" 2>&1
expect "an activity program of a newer version" 2 $? "v2.program.json:2:33: error: not a valid timelinec activity program"
# a null where the writer writes a string is refused where it is (it was a NULL the CLI followed)
"$tool" compile flight.yaml -o flight.program.json > "$t/log" 2>&1
sed 's/"zone": "Europe\/Berlin"/"zone": null/' flight.program.json > nullzone.program.json
"$tool" compile --timeline nullzone.program.json --now 2026-12-03T10:00:00Z --param departure=2026-12-03T16:45:00Z --param flight=LH454 > "$t/log" 2>&1
expect "a program whose zone is null" 2 $? "nullzone.program.json:5:11: error: not a valid timelinec program: expected a string, not null"
"$tool" compile launch.yaml --program -o launch-p.json > "$t/log" 2>&1
expect "--program of a widget spec: its program, as without it" 0 $?
grep -q '"timelinec-program": 2' launch-p.json; ok "a widget's --program is its program" $?

# the invariant over every example: each output with the example's own arguments resolves every
# parameter (no '$name' of a declared parameter in a program's values, a timeline, a schedule,
# render or preview)
for spec in "$root"/examples/*.yaml "$root"/examples/scenarios/*.yaml; do
	args=$(sed -n 's/^# golden-args: //p' "$spec")
	names=$(awk '/^params:/{on=1; next} on && /^  [a-z]/{sub(/:.*/, ""); sub(/^ +/, ""); print; next} on && !/^  /{on=0}' "$spec")
	[ -n "$names" ] || continue
	if grep -q '^live-activity:' "$spec"; then
		"$tool" compile $args "$spec" -o out.json > /dev/null 2>&1 || continue
		first=$(grep -m1 '"at":' out.json | sed 's/.*"at": "\([^"]*\)".*/\1/')
		"$tool" render "$spec" $args --at "$first" >> out.json 2>&1
	else
		"$tool" compile --timeline $args "$spec" -o out.json > /dev/null 2>&1 || continue
		"$tool" render out.json --at "$(sed -n 's/^  "now": "\(.*\)",$/\1/p' out.json)" >> out.json 2>&1
	fi
	"$tool" preview "$spec" $args >> out.json 2>&1
	for p in $names; do
		! grep -q "\$$p\b" out.json
		ok "$(basename "$spec"): no unresolved '\$$p' in its outputs" $?
	done
done

[ $fails = 0 ] && echo "cli-compile: $n checks of compile's output, failures, now, params (widgets and activities) and program input pass"
exit $((fails > 0))
