#!/bin/sh
# Fails when the Makefile uses a construct GNU make 3.81 (macOS's make) does not understand.
set -u
mk=${1:-Makefile}
fail=0
check() { # pattern, explanation
	if grep -nE "$1" "$mk" | grep -v '^[0-9]*:[[:space:]]*#'; then
		echo "make-compat: $mk uses $2 (not in GNU make 3.81)" >&2
		fail=1
	fi
}
check '^[^#]*[^!=:+?]!=[^=]' "'!=' shell assignment"
check '^[^#]*::=' "'::=' assignment"
check '\$\(file[[:space:]]' "\$(file ...)"
check '\$\((let|intcmp|guile)[[:space:]]' "\$(let/intcmp/guile ...)"
check '^[[:space:]]*\.ONESHELL' ".ONESHELL"
check '^[[:space:]]*\.RECIPEPREFIX' ".RECIPEPREFIX"
check '^[[:space:]]*undefine[[:space:]]' "undefine"
check '^[[:space:]]*private[[:space:]]' "private"
check '^[^#	]*&:' "grouped targets (&:)"
check '^[^#]*\$\(abspath[^)]*\$\(' "nested \$(abspath) (fine in 3.81, flagged to be safe)"
[ $fail = 0 ] && echo "make-compat: $mk keeps to GNU make 3.81"
exit $fail
