#!/bin/sh
# Xcode "Run Script" build phase: compiles the widget specs listed in the phase's input file
# list into the programs listed in its output file list (same order), checking each one.
# Findings print as gcc-style lines, which Xcode's issue navigator shows on the spec's line;
# an error (or, with TIMELINEC_WERROR=1, a warning) fails the build.
#
# Build phase settings (User Script Sandboxing stays on: every file is declared):
#   Shell:               /bin/sh
#   Script:              "${SRCROOT}/Scripts/xcode-compile-specs.sh"
#   Input File Lists:    $(SRCROOT)/Widgets/specs.xcfilelist        (one spec per line)
#   Output File Lists:   $(SRCROOT)/Widgets/programs.xcfilelist     (one program per line)
# where programs.xcfilelist lists, for each spec, e.g.
#   $(DERIVED_FILE_DIR)/timelinec/launch.program.json
# and a Copy Files / resources step bundles them for the widget extension.
set -eu
TIMELINEC=${TIMELINEC:-timelinec}
werror=""
[ "${TIMELINEC_WERROR:-0}" = 1 ] && werror="--werror"
: "${SCRIPT_INPUT_FILE_LIST_COUNT:?declare the specs in an Input File List}"
: "${SCRIPT_OUTPUT_FILE_LIST_COUNT:?declare the programs in an Output File List}"
inputs=$(cat "$SCRIPT_INPUT_FILE_LIST_0")
outputs=$(cat "$SCRIPT_OUTPUT_FILE_LIST_0")
n_in=$(printf '%s\n' "$inputs" | grep -c .)
n_out=$(printf '%s\n' "$outputs" | grep -c .)
if [ "$n_in" != "$n_out" ]; then
	echo "error: $n_in specs but $n_out programs in the file lists" >&2
	exit 1
fi
status=0
i=1
while [ "$i" -le "$n_in" ]; do
	spec=$(printf '%s\n' "$inputs" | grep . | sed -n "${i}p")
	out=$(printf '%s\n' "$outputs" | grep . | sed -n "${i}p")
	mkdir -p "$(dirname "$out")"
	# --color=never: Xcode's log is not a terminal; the gcc form is what it parses
	"$TIMELINEC" compile --check $werror --color=never "$spec" -o "$out" || status=1
	i=$((i + 1))
done
exit $status
