#!/bin/sh
# End to end through the CLI: output formats (SARIF validated by tests/tools/validate_sarif.py),
# suppressions (comments, the suppress: key, unused ones, missing reasons), severity overrides
# from the command line and .timelinec.yaml, --werror, --max-warnings, and baselines.
set -u
tool=$(cd "$(dirname "${1:?usage: gating.sh path/to/timelinec}")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
n=0
. "$root/tests/tools/expect.sh"

mkdir -p "$t/proj/specs"
broken="$root/examples/scenarios/07-dense-entries.broken.yaml"
cp "$broken" "$t/proj/specs/oven.yaml"
cd "$t/proj"

"$tool" check specs/oven.yaml > "$t/log" 2>&1
expect "a warning alone passes" 0 $? "TL107"
"$tool" check --werror specs/oven.yaml > "$t/log" 2>&1
expect "--werror fails on a warning" 1 $?
"$tool" check --max-warnings 0 specs/oven.yaml > "$t/log" 2>&1
expect "--max-warnings 0 fails" 1 $? "more than 0 warnings"
"$tool" check --max-warnings 1 specs/oven.yaml > "$t/log" 2>&1
expect "--max-warnings 1 passes" 0 $?
"$tool" check --severity TL107=error specs/oven.yaml > "$t/log" 2>&1
expect "--severity raises to error" 1 $? "error: entries 60 s apart"
"$tool" check --severity TL107=off --werror specs/oven.yaml > "$t/log" 2>&1
expect "--severity off drops it" 0 $?
refute "--severity off drops it" "TL107"
"$tool" check --severity TL999=off specs/oven.yaml > "$t/log" 2>&1
expect "--severity with an unknown rule is a usage error" 2 $?

# the config file, looked up from the spec's folder upward; the command line wins
printf 'werror: true\nseverity:\n  TL107: error\n' > .timelinec.yaml
"$tool" check specs/oven.yaml > "$t/log" 2>&1
expect "config: severity error" 1 $? "error: entries"
"$tool" check --severity TL107=note specs/oven.yaml > "$t/log" 2>&1
expect "config: the command line wins" 0 $? "note: entries"
"$tool" check --no-config specs/oven.yaml > "$t/log" 2>&1
expect "--no-config ignores it" 0 $? "warning: entries"
printf 'budget: nosuch\n' > .timelinec.yaml
"$tool" check specs/oven.yaml > "$t/log" 2>&1
expect "config: an unknown budget profile, at its place" 2 $? ".timelinec.yaml:1:9: error: unknown budget profile 'nosuch'"
printf 'werrror: true\n' > .timelinec.yaml
"$tool" check specs/oven.yaml > "$t/log" 2>&1
expect "config: unknown key is an error with its location" 2 $? ".timelinec.yaml:1:1: error: unknown key 'werrror'"
rm .timelinec.yaml

# suppression comments
sed 's|^    - above: 0s|    # timelinec: ignore TL107 -- the oven app refreshes the widget itself\n    - above: 0s|' "$broken" > specs/oven.yaml
"$tool" check --werror specs/oven.yaml > "$t/log" 2>&1
expect "a comment suppresses the finding on its line" 0 $? \
	"oven.yaml:15:14: suppressed: entries 60 s apart .* \[TL107\]"
expect "a suppressed finding shows its reason" 0 0 "^    reason: the oven app refreshes the widget itself$"
refute "a comment suppresses the finding on its line" "warning: entries"
refute "a suppressed finding is not counted" "1 warning"
sed 's|^    - above: 0s|    # timelinec: ignore TL107 -- the oven app refreshes the widget itself\n    - above: 0s|' \
	"$root/examples/scenarios/07-dense-entries.fixed.yaml" > specs/fixed.yaml
"$tool" check specs/fixed.yaml > "$t/log" 2>&1
expect "an unused suppression is reported" 0 $? "TL030"
sed 's|^    - above: 0s|    # timelinec: ignore TL107\n    - above: 0s|' "$broken" > specs/noreason.yaml
"$tool" check specs/noreason.yaml > "$t/log" 2>&1
expect "a suppression needs a reason" 1 $? "a suppression needs a reason \[TL031\]"
sed 's|^    - above: 0s|    # timelinec: ignore TL777 -- because\n    - above: 0s|' "$broken" > specs/badid.yaml
"$tool" check specs/badid.yaml > "$t/log" 2>&1
expect "a suppression of an unknown rule" 1 $? "'TL777' is not a rule id"

# the suppress: key (JSON specs have no comments)
cat > specs/oven.json <<'JSON'
{
  "timelinec": 1, "widget": "Oven", "timezone": "Europe/Paris",
  "window": "2026-12-24 17:00 .. 2026-12-24 21:00",
  "suppress": [{"rule": "TL107", "reason": "refreshed by the app"}],
  "countdown": {"to": "2026-12-24 19:30", "show": [
    {"above": "0s", "text": "{total-minutes} min"}, {"text": "ready"}]}
}
JSON
"$tool" check --werror specs/oven.json > "$t/log" 2>&1
expect "suppress: in a JSON spec" 0 $? "reason: refreshed by the app"
sed 's/TL107/TL101/' specs/oven.json > specs/oven2.json
"$tool" check specs/oven2.json > "$t/log" 2>&1
expect "an unused suppress: entry is reported" 0 $? "oven2.json:4:16: warning: this suppression of TL101 matches no finding \[TL030\]"

# baselines
cp "$broken" specs/oven.yaml
"$tool" check --write-baseline base.json specs/oven.yaml > "$t/log" 2>&1
expect "--write-baseline" 0 $?
grep -q '"TL107"' base.json || { echo "FAIL: baseline lacks TL107" >&2; fails=$((fails + 1)); }
grep -q '"timelinec-baseline": 2' base.json && grep -q '"file": "specs/oven.yaml"' base.json
ok "--write-baseline writes version 2, files relative to the baseline's folder" $?
"$tool" check --werror --baseline "$t/proj/base.json" ./specs/../specs/oven.yaml > "$t/log" 2>&1
expect "a baseline matches the spec however its path is spelled" 0 $?
(cd specs && "$tool" check --werror --baseline ../base.json oven.yaml) > "$t/log" 2>&1
expect "a baseline matches from another folder" 0 $?
"$tool" check --werror --baseline base.json specs/oven.yaml > "$t/log" 2>&1
expect "a baselined finding is hidden" 0 $?
refute "a baselined finding is hidden" "TL107"
printf '# a comment moves every line\n' | cat - "$broken" > specs/oven.yaml
"$tool" check --werror --baseline base.json specs/oven.yaml > "$t/log" 2>&1
expect "the baseline survives moved lines" 0 $?
cp "$root/examples/scenarios/07-dense-entries.fixed.yaml" specs/oven.yaml
"$tool" check --baseline base.json specs/oven.yaml > "$t/log" 2>&1
expect "a gone finding is a note" 0 $? "a baselined TL107 finding is gone"
"$tool" check --baseline base.json --baseline-strict specs/oven.yaml > "$t/log" 2>&1
expect "--baseline-strict fails when the baseline should shrink" 1 $?
cp base.json base-before.json
"$tool" check --baseline base.json --write-baseline base.json specs/oven.yaml > "$t/log" 2>&1
expect "--write-baseline over the baseline it reads (how it shrinks)" 0 $?
! cmp -s base.json base-before.json && ! grep -q TL107 base.json; ok "the baseline shrank" $?
"$tool" check --baseline base-before.json --output-sarif base-before.json specs/oven.yaml > "$t/log" 2>&1
expect "another report over the baseline is refused" 2 $? "it is an input of this run"
"$tool" check --baseline missing.json specs/oven.yaml > "$t/log" 2>&1
expect "a missing baseline is bad input" 2 $? "missing.json: error: cannot open the baseline"
# a baseline is read strictly, with positions (each of these was accepted)
bad_baseline() { # description, content, expected message
	printf '%s' "$2" > bad-base.json
	"$tool" check --baseline bad-base.json specs/oven.yaml > "$t/log" 2>&1
	expect "$1" 2 $? "$3"
}
bad_baseline "a baseline with findings that are not objects" '{"timelinec-baseline": 1, "findings": [1,2]}' \
	"bad-base.json:1:40: error: a baseline finding is an object \[TL011\]"
bad_baseline "a baseline of version 3" '{"timelinec-baseline": 3, "findings": []}' \
	"bad-base.json:1:24: error: baseline version 3: this timelinec reads versions 1 and 2 (write a new one with --write-baseline) \[TL014\]"
bad_baseline "a baseline with a duplicate key" '{"timelinec-baseline": 1, "timelinec-baseline": 1, "findings": []}' \
	"bad-base.json:1:27: error: duplicate key 'timelinec-baseline' \[TL012\]"
bad_baseline "a baseline finding with rule null" \
	'{"timelinec-baseline": 1, "findings": [{"rule": null, "file": "a", "fingerprint": "0123456789abcdef"}]}' \
	"bad-base.json:1:49: error: 'rule' of a baseline finding is a string \[TL011\]"
bad_baseline "a baseline finding of an unknown rule" \
	'{"timelinec-baseline": 1, "findings": [{"rule": "TL999", "file": "a", "fingerprint": "0123456789abcdef"}]}' \
	"'TL999' is not a rule id"
bad_baseline "a baseline with a syntax error" '{"timelinec-baseline": 1, "findings": [' \
	"bad-base.json:1:40: error: unexpected end of input"
bad_baseline "something else as a baseline" '{"findings": []}' "not a timelinec baseline"
"$tool" check --baseline /dev/zero specs/oven.yaml > "$t/log" 2>&1
expect "an endless baseline stops at its limit" 2 $? "the baseline is larger than the limit of 16 MiB (TLC_MAX_BASELINE_BYTES)"

# check DIR: a folder that cannot be read is bad input, reported like a spec that cannot be
# (root reads every folder, so this part needs another user)
mkdir -p walk/locked && cp "$broken" walk/oven.yaml && chmod 000 walk/locked
if [ "$(id -u)" != 0 ]; then
	"$tool" check walk > "$t/log" 2>&1
	expect "an unreadable folder is bad input" 2 $? "walk/locked: error: cannot read the folder: Permission denied \[TL005\]"
	grep -q "walk/oven.yaml:.*warning" "$t/log"; ok "the rest of the folder is still checked" $?
else
	echo "gating: SKIPPED an unreadable folder (running as root, which reads every folder)"
fi
chmod 755 walk/locked

# several formats in one run
cp "$broken" specs/oven.yaml
docs=https://github.com/example/app/blob/main/tools/timelinec/docs/
"$tool" check --output-sarif out.sarif --output-json out.json --docs-url "$docs" specs/oven.yaml > "$t/log" 2>&1
expect "human output beside --output-sarif" 0 $? "warning: entries"
grep -q '"ruleId": "TL107"' out.sarif || { echo "FAIL: out.sarif lacks the finding" >&2; fails=$((fails + 1)); }
grep -q '"rule": "TL107"' out.json || { echo "FAIL: out.json lacks the finding" >&2; fails=$((fails + 1)); }
"$tool" check --format sarif --docs-url "$docs" "$root"/examples/*.yaml "$root"/examples/scenarios/*.yaml \
	"$root"/examples/real-world/*.yaml > all.sarif 2>"$t/log"
# the broken scenarios hold certain findings (TL101, TL102, TL201, TL204): errors, exit 1
expect "--format sarif over every example" 1 $?
# suppressed findings stay in SARIF, with their reasons: a comment, the suppress: key, a baseline
sed 's|^    - above: 0s|    # timelinec: ignore TL107 -- the oven app refreshes the widget itself\n    - above: 0s|' "$broken" > specs/quiet.yaml
"$tool" check --write-baseline supp-base.json specs/oven.yaml > "$t/log" 2>&1
"$tool" check --format sarif --docs-url "$docs" --baseline supp-base.json specs/quiet.yaml specs/oven.json \
	specs/oven.yaml > supp.sarif 2>"$t/log"
expect "--format sarif with suppressed and baselined findings" 0 $?
. "$root/tests/tools/python.sh"
"$py" "$root/tests/tools/validate_sarif.py" out.sarif all.sarif supp.sarif > "$t/log" 2>&1
expect "SARIF: the 2.1.0 schema, the validator's rules and GitHub's" 0 $? "3 logs valid"
"$py" - supp.sarif > "$t/log" 2>&1 <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
for r in res:
    s = r["suppressions"][0]
    loc = s.get("location", {}).get("physicalLocation", {})
    print(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], s["kind"],
          s["justification"], loc.get("region", {}).get("startLine", "-"))
PY
expect "SARIF: a comment's suppression" 0 $? "^TL107 warning specs/quiet.yaml inSource the oven app refreshes the widget itself 13$"
expect "SARIF: a suppress: entry" 0 0 "^TL107 warning specs/oven.json inSource refreshed by the app 4$"
expect "SARIF: a baselined finding" 0 0 "^TL107 warning specs/oven.yaml external recorded in the baseline supp-base.json -$"
[ "$(wc -l < "$t/log")" = 3 ]; ok "SARIF: the three suppressed results, no other" $?
# the same in JSON: an optional 'suppressed' list (version 1 still), valid against the schema
"$tool" check --format json --baseline supp-base.json specs/quiet.yaml specs/oven.json specs/oven.yaml > supp.json 2>"$t/log"
expect "--format json with suppressed and baselined findings" 0 $?
"$py" - "$root/docs/diagnostics.schema.json" supp.json > "$t/log" 2>&1 <<'PY'
import json, sys, jsonschema
schema, doc = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.Draft202012Validator(schema).validate(doc)
print("diagnostics", len(doc["diagnostics"]), "summary", json.dumps(doc["summary"], sort_keys=True))
for d in doc["suppressed"]:
    s = d["suppression"]
    print(d["rule"], d["severity"], d["location"]["file"], s["kind"], s["justification"], s.get("location", {}).get("line", "-"))
PY
expect "JSON: valid, nothing counted" 0 $? \
	'^diagnostics 0 summary {"baselined": 1, "errors": 0, "notes": 0, "suppressed": 3, "warnings": 0}$'
expect "JSON: a comment's suppression" 0 0 "^TL107 warning specs/quiet.yaml inSource the oven app refreshes the widget itself 13$"
expect "JSON: a suppress: entry" 0 0 "^TL107 warning specs/oven.json inSource refreshed by the app 4$"
expect "JSON: a baselined finding" 0 0 "^TL107 warning specs/oven.yaml external recorded in the baseline supp-base.json -$"
"$tool" check --format json --severity TL107=error specs/quiet.yaml > "$t/log" 2>&1
expect "an override sets a suppressed finding's severity" 0 $? '"severity": "error"'
"$tool" check --format json --severity TL107=off specs/quiet.yaml > "$t/log" 2>&1
expect "off drops a suppressed finding too" 0 $?
refute "off drops a suppressed finding too" '"suppressed"'
# without --docs-url: no helpUri and no informationUri (timelinec has no site of its own), which
# Microsoft's validator notes (SARIF2005); GitHub needs neither, the help is in the log
"$tool" check --format sarif specs/oven.yaml > nodocs.sarif 2>"$t/log"
"$py" "$root/tests/tools/validate_sarif.py" --findings nodocs.sarif > "$t/log" 2>&1
expect "SARIF without --docs-url: only SARIF2005" 0 $? "^SARIF2005$"
[ "$(cat "$t/log")" = SARIF2005 ] && ! grep -q '"helpUri"' nodocs.sarif; ok "SARIF without --docs-url: no links, nothing else" $?
"$tool" check --format sarif --docs-url docs/ specs/oven.yaml > "$t/log" 2>&1
expect "--docs-url must be absolute" 2 $? "error: --docs-url takes an absolute URL"
"$tool" check --format sarif --docs-url 'https://example.com/docs/?v=1' specs/oven.yaml > "$t/log" 2>&1
expect "--docs-url has no query" 2 $? "error: --docs-url takes an absolute URL"
"$py" "$root/tests/tools/test_validate_sarif.py" out.sarif > "$t/log" 2>&1
expect "SARIF: each validator rule reports its broken log" 0 $? "each reported under their rules"
[ $fails = 0 ] && echo "gating: $n checks of formats, suppressions, overrides, config and baselines pass"
exit $((fails > 0))
