#!/bin/sh
# The integration recipes, tried as written (as far as Linux allows): the Xcode Run Script
# phase with its input and output file lists, and the GitHub Actions workflow's steps.
set -u
tool=$(cd "$(dirname "${1:?usage: integration.sh path/to/timelinec}")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
phase() { # specs... : runs the build phase script the way Xcode does
	: > "$t/in.xcfilelist"; : > "$t/out.xcfilelist"
	for s in "$@"; do
		echo "$s" >> "$t/in.xcfilelist"
		echo "$t/derived/timelinec/$(basename "$s" .yaml).program.json" >> "$t/out.xcfilelist"
	done
	env TIMELINEC="$tool" SCRIPT_INPUT_FILE_LIST_COUNT=1 SCRIPT_INPUT_FILE_LIST_0="$t/in.xcfilelist" \
		SCRIPT_OUTPUT_FILE_LIST_COUNT=1 SCRIPT_OUTPUT_FILE_LIST_0="$t/out.xcfilelist" \
		sh "$root/examples/integration/xcode-compile-specs.sh" > "$t/log" 2>&1
}
phase "$root/examples/launch.yaml" "$root/examples/standup.yaml"
[ $? = 0 ] && [ -s "$t/derived/timelinec/standup.program.json" ] ||
	{ echo "FAIL: xcode phase on clean specs" >&2; cat "$t/log" >&2; fails=1; }
printf 'timelinec: 1\nwidget: W\ncountdown:\n  to: now\n  show:\n    - text: "{dayz} left"\n' > "$t/bad.yaml"
phase "$root/examples/launch.yaml" "$t/bad.yaml"
if [ $? = 0 ] || ! grep -q "bad.yaml:6:15: error: unknown placeholder '{dayz}'" "$t/log"; then
	echo "FAIL: xcode phase should fail the build with a gcc-style error" >&2; cat "$t/log" >&2; fails=1
fi
# a certain finding is an error: it fails the build by default, where Xcode shows it as one
phase "$root/examples/scenarios/02-count-up.broken.yaml"
if [ $? = 0 ] || ! grep -q "error: '{timer}' keeps running" "$t/log"; then
	echo "FAIL: xcode phase should fail on a certain finding (an error)" >&2; cat "$t/log" >&2; fails=1
fi
phase "$root/examples/scenarios/07-dense-entries.broken.yaml"
[ $? = 0 ] || { echo "FAIL: xcode phase should pass with warnings" >&2; cat "$t/log" >&2; fails=1; }
TIMELINEC_WERROR=1 phase "$root/examples/scenarios/07-dense-entries.broken.yaml"
if [ $? = 0 ] || ! grep -q "warning: entries 60 s apart" "$t/log"; then
	echo "FAIL: xcode phase with TIMELINEC_WERROR=1 should fail on a warning" >&2; cat "$t/log" >&2; fails=1
fi
. "$root/tests/tools/python.sh"
mkdir -p "$t/ws"
	# the workflow runs its own `make`: not the variables of the make running this test
	# (under check-asan, BUILD=build-asan, exported by make, would build elsewhere than the
	# PATH the workflow adds)
# what GitHub's runner sets (the --docs-url of the check step is made of them)
workflow() { # workdir, NAME=VALUE...
	wd=$1
	shift
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u BUILD -u SANITIZE \
		"$py" "$root/tests/tools/run_workflow.py" "$root/examples/integration/github-actions.yml" "$wd" \
		"TIMELINEC_DIR=$root" GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=example/app \
		GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 "$@"
}
workflow "$t/ws" "SPECS=$root/examples/launch.yaml $root/examples/scenarios/01-timer-25h.fixed.yaml" \
	> "$t/log" 2>&1 || { echo "FAIL: the workflow's steps" >&2; tail -20 "$t/log" >&2; fails=1; }
"$py" "$root/tests/tools/validate_sarif.py" "$t/ws/timelinec.sarif" >> "$t/log" 2>&1 ||
	{ echo "FAIL: the workflow's SARIF" >&2; tail -5 "$t/log" >&2; fails=1; }
grep -q "\"helpUri\": \"https://github.com/example/app/blob/0123456789abcdef0123456789abcdef01234567/$root/docs/diagnostics/TL001.md\"" \
	"$t/ws/timelinec.sarif" || { echo "FAIL: the workflow's SARIF links no rule page under --docs-url" >&2; fails=1; }
# a finding: the check step prints it as an annotation (a workflow command, the spec's path as
# the workflow gives it) and fails the job under --werror; the summary is a plain line
mkdir -p "$t/ws2/Widgets/Specs"
cp "$root/examples/scenarios/07-dense-entries.broken.yaml" "$t/ws2/Widgets/Specs/oven.yaml"
workflow "$t/ws2" > "$t/log" 2>&1 && { echo "FAIL: the workflow should fail on a warning (--werror)" >&2; fails=1; }
grep -q '^::warning file=Widgets/Specs/oven.yaml,line=14,col=14,endLine=14,endColumn=15,title=TL107 entries-too-close::entries 60 s apart' "$t/log" &&
	grep -qx '0 errors, 1 warning' "$t/log" && [ -s "$t/ws2/timelinec.sarif" ] ||
	{ echo "FAIL: the workflow's check step should annotate the finding" >&2; tail -20 "$t/log" >&2; fails=1; }
[ $fails = 0 ] && echo "integration: the Xcode build phase and the GitHub Actions steps (annotations, SARIF) work as written"
exit $fails
