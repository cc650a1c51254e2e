# Sourced by the CLI end-to-end tests (gating.sh, cli-compile.sh): counters and assertions over
# a command's exit status and its output in $t/log. The caller sets t, n=0 and fails=0.
expect() { # description, expected exit, actual exit, [pattern that must appear in $t/log]
	n=$((n + 1))
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1: exit $3, expected $2" >&2; cat "$t/log" >&2; fails=$((fails + 1)); return
	fi
	if [ $# -ge 4 ] && ! grep -q -- "$4" "$t/log"; then
		echo "FAIL: $1: output lacks '$4'" >&2; cat "$t/log" >&2; fails=$((fails + 1))
	fi
}
refute() { # description, pattern that must not appear in $t/log
	n=$((n + 1))
	if grep -q -- "$2" "$t/log"; then echo "FAIL: $1: output has '$2'" >&2; cat "$t/log" >&2; fails=$((fails + 1)); fi
}
ok() { # description, a command's status (0: passed)
	n=$((n + 1))
	[ "$2" = 0 ] || { echo "FAIL: $1" >&2; fails=$((fails + 1)); }
}
