#!/bin/sh
# The real-world set (examples/real-world/): specs written from public apps, each with the verdict
# a careful reader gives it, in its header:
#   # check-args: --now 2026-12-08T21:00:00Z        what `check` runs with
#   # verdict: exit=1 TL201 TL204 TL206              the exit status and every rule reported
#                                                    (notes too), or "clean"
# `check` must give exactly that verdict, and the same exit status in every output format.
set -u
tool=${1:?usage: real-world.sh path/to/timelinec}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
n=0
for f in "$root"/examples/real-world/*.yaml; do
	name=${f##*/}
	args=$(sed -n 's/^# check-args: //p' "$f" | head -1)
	verdict=$(sed -n 's/^# verdict: //p' "$f" | head -1)
	if [ -z "$verdict" ]; then
		echo "FAIL: $name has no '# verdict:' line" >&2
		status=1
		continue
	fi
	want_exit=${verdict%% *}
	want_exit=${want_exit#exit=}
	want_rules=$(printf '%s\n' "${verdict#* }" | tr ' ' '\n' | grep -v '^clean$' | grep . | sort -u | tr '\n' ' ')
	# shellcheck disable=SC2086
	"$tool" check --format json $args "$f" > "$tmp/out.json" 2>"$tmp/err"; rc=$?
	got_rules=$(grep -o '"rule": *"TL[0-9]*"' "$tmp/out.json" | grep -o 'TL[0-9]*' | sort -u | tr '\n' ' ')
	for fmt in human sarif; do
		# shellcheck disable=SC2086
		"$tool" check --format $fmt --color=never $args "$f" >/dev/null 2>&1; frc=$?
		if [ "$frc" != "$rc" ]; then
			echo "FAIL: $name: exit $frc with --format $fmt, $rc with --format json" >&2
			status=1
		fi
	done
	if [ "$rc" != "$want_exit" ] || [ "$got_rules" != "$want_rules" ]; then
		echo "FAIL: $name: want exit=$want_exit $want_rules; got exit=$rc $got_rules" >&2
		cat "$tmp/err" >&2
		status=1
	fi
	n=$((n + 1))
done
[ "$n" -ge 12 ] || { echo "FAIL: only $n real-world specs (at least 12)" >&2; status=1; }
[ $status = 0 ] && echo "real-world: $n specs give their verdicts"
exit $status
