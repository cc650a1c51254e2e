#!/bin/sh
# `make install` into a temporary PREFIX, then what a user does with the result:
#   - the installed binary runs (--version, check on an example);
#   - the man page renders with `man -l` (when man is installed) and `man -M PREFIX/share/man`
#     finds it;
#   - the bash completion parses (bash -n) and completes; the zsh one parses (zsh -n, if zsh is
#     installed);
#   - `pkg-config --cflags --libs timelinec` (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig) builds a C
#     program against the installed runtime (shared, with the ICU render module) and
#     `timelinec-core` a static one without ICU; both read a compiled example, instantiate it
#     and print its entries, and are run;
#   - `make uninstall` leaves no file behind.
# Run from the top of the tree: sh tests/tools/install-test.sh   (MAKE, CC and BUILD are honoured)
set -u
make=${MAKE:-make}
cc=${CC:-cc}
build=${BUILD:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/timelinec-install.XXXXXX") || exit 2
prefix=$tmp/prefix
work=$tmp/work
mkdir -p "$work"
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "install-test: FAIL: $*" >&2; fails=$((fails + 1)); }
skip() { echo "install-test: skipped: $*"; }

# ---- install -------------------------------------------------------------------------------
if ! $make --no-print-directory install PREFIX="$prefix" BUILD="$build" > "$tmp/install.log" 2>&1; then
	tail -20 "$tmp/install.log" >&2
	fail "make install PREFIX=$prefix"
	exit 1
fi
for f in bin/timelinec lib/libtimelinec.a lib/libtimelinec-core.a lib/libtimelinec.so \
	lib/pkgconfig/timelinec.pc lib/pkgconfig/timelinec-core.pc include/timelinec/timeline.h \
	include/timelinec/module.modulemap share/man/man1/timelinec.1 \
	share/bash-completion/completions/timelinec share/zsh/site-functions/_timelinec; do
	[ -f "$prefix/$f" ] || fail "make install did not install $f"
done

# ---- the binary ----------------------------------------------------------------------------
tl=$prefix/bin/timelinec
if [ -x "$tl" ]; then
	"$tl" --version > "$tmp/version" 2>&1 && head -1 "$tmp/version" | grep -q '^timelinec [0-9]' ||
		{ fail "timelinec --version"; cat "$tmp/version" >&2; }
	"$tl" check examples/launch.yaml > "$tmp/check" 2>&1 ||
		{ fail "timelinec check examples/launch.yaml exited $?"; cat "$tmp/check" >&2; }
	"$tl" explain TL101 > /dev/null 2>&1 || fail "timelinec explain TL101 (pages built in)"
fi

# ---- the man page --------------------------------------------------------------------------
page=$prefix/share/man/man1/timelinec.1
if [ ! -f "$page" ]; then
	:
elif command -v man > /dev/null 2>&1; then
	if MANWIDTH=80 man -l "$page" > "$tmp/man.txt" 2> "$tmp/man.err" && [ -s "$tmp/man.txt" ]; then
		grep -q 'EXIT STATUS' "$tmp/man.txt" || fail "man -l: the page has no EXIT STATUS section"
		grep -v -e '^$' -e 'cannot adjust line' -e 'can.t break line' "$tmp/man.err" > "$tmp/man.err2"
		[ -s "$tmp/man.err2" ] && { fail "man -l printed warnings"; cat "$tmp/man.err2" >&2; }
	else
		fail "man -l $page"; cat "$tmp/man.err" >&2
	fi
	[ "$(man -M "$prefix/share/man" -w timelinec 2> /dev/null)" = "$page" ] ||
		fail "man -M PREFIX/share/man -w timelinec does not find the installed page"
else
	skip "man is not installed (the page is not rendered)"
fi

# ---- completions ---------------------------------------------------------------------------
bc=$prefix/share/bash-completion/completions/timelinec
if [ -f "$bc" ]; then
	if bash -n "$bc"; then
		# complete 'timelinec ch' and 'timelinec explain TL10' with the installed binary
		out=$(PATH="$prefix/bin:$PATH" bash -c '
			. "$1"
			c() { COMP_LINE=$1; COMP_POINT=${#1}; COMP_WORDS=(); COMP_CWORD=0; COMPREPLY=()
			      _timelinec; printf "%s " "${COMPREPLY[@]}"; echo; }
			c "timelinec ch"; c "timelinec explain TL10"; c "timelinec check --format="' _ "$bc" 2>&1)
		printf '%s\n' "$out" | sed -n 1p | grep -q '^check $' || fail "bash completion of 'timelinec ch': $out"
		printf '%s\n' "$out" | sed -n 2p | grep -q 'TL101 ' || fail "bash completion of rule ids: $out"
		printf '%s\n' "$out" | sed -n 3p | grep -q 'sarif' || fail "bash completion of --format=: $out"
	else
		fail "bash -n $bc"
	fi
fi
zc=$prefix/share/zsh/site-functions/_timelinec
if [ ! -f "$zc" ]; then
	:
elif command -v zsh > /dev/null 2>&1; then
	zsh -n "$zc" || fail "zsh -n $zc"
else
	skip "zsh is not installed (the zsh completion is not parsed)"
fi

# ---- pkg-config: a program against the installed runtime -------------------------------------
cp tests/tools/core_example.c "$work/example.c"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pc_prefix=$(pkg-config --variable=prefix timelinec 2> /dev/null)
[ "$pc_prefix" = "$prefix" ] ||
	fail "the installed timelinec.pc says prefix='$pc_prefix', not '$prefix' (was $build/timelinec.pc made for another PREFIX?)"
if [ -x "$tl" ] && "$tl" compile examples/launch.yaml -o "$work/launch.program.json" 2> "$tmp/compile.err"; then
	# the full runtime, shared, with the render module
	if flags=$(pkg-config --cflags --libs timelinec) &&
		$cc -std=c11 -Wall -DWITH_RENDER "$work/example.c" $flags -Wl,-rpath,"$prefix/lib" \
			-o "$work/example" 2> "$tmp/cc.err"; then
		if "$work/example" "$work/launch.program.json" 1795593600 > "$work/out" 2>&1; then
			[ "$(grep -c ' phase ' "$work/out")" = 10 ] || fail "example (timelinec): expected 10 entries"
			grep -q '^2026-11-27T17:00:00Z phase 0 3 days to launch$' "$work/out" ||
				fail "example (timelinec): the precomputed text is missing"
			grep -q '^timer 1:02:03$' "$work/out" || fail "example (timelinec): the render module"
			ldd "$work/example" 2> /dev/null | grep -q "$prefix/lib/libtimelinec.so" ||
				fail "example (timelinec) is not linked to the installed libtimelinec.so"
		else
			fail "example (timelinec) exited $?"; cat "$work/out" >&2
		fi
	else
		fail "cc example.c \$(pkg-config --cflags --libs timelinec)"; cat "$tmp/cc.err" >&2
	fi
	# the core, static, without ICU
	if flags=$(pkg-config --static --cflags --libs timelinec-core) &&
		$cc -std=c11 -Wall "$work/example.c" $flags -o "$work/example-core" 2> "$tmp/cc.err"; then
		if "$work/example-core" "$work/launch.program.json" 1795593600 > "$work/out" 2>&1; then
			[ "$(grep -c ' phase ' "$work/out")" = 10 ] || fail "example (timelinec-core): expected 10 entries"
			ldd "$work/example-core" 2> /dev/null | grep -q -e icu -e libtimelinec &&
				fail "example (timelinec-core) links ICU or a shared libtimelinec"
		else
			fail "example (timelinec-core) exited $?"; cat "$work/out" >&2
		fi
	else
		fail "cc example.c \$(pkg-config --static --cflags --libs timelinec-core)"; cat "$tmp/cc.err" >&2
	fi
else
	fail "the installed timelinec cannot compile examples/launch.yaml"; cat "$tmp/compile.err" >&2
fi

# ---- uninstall -----------------------------------------------------------------------------
if $make --no-print-directory uninstall PREFIX="$prefix" BUILD="$build" > "$tmp/uninstall.log" 2>&1; then
	left=$(find "$prefix" ! -type d 2> /dev/null)
	[ -z "$left" ] || { fail "make uninstall left files behind:"; printf '  %s\n' $left >&2; }
else
	tail -20 "$tmp/uninstall.log" >&2
	fail "make uninstall PREFIX=$prefix"
fi

if [ $fails = 0 ]; then
	echo "install-test: make install/uninstall PREFIX=... work; the binary, man page, completions and pkg-config files are usable"
	exit 0
fi
echo "install-test: $fails failure(s)" >&2
exit 1
