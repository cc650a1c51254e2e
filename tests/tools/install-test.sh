#!/bin/sh
# `make install` into a temporary PREFIX, then what a user does with the result:
#   - every file is there with its mode (install -m: only the binary and the shared libraries
#     executable); the shared libraries are libNAME.so.VERSION with the links libNAME.so.0 and
#     libNAME.so (macOS: libNAME.0.dylib and libNAME.dylib), their SONAME (install name) read
#     back is libNAME.so.0 (LIBDIR/libNAME.0.dylib); they export only functions the installed
#     headers declare and need nothing the runtime does not use (the core: no ICU, cJSON, libyaml);
#   - the installed binary runs (--version, check on an example);
#   - the man page renders with `man -l` (when man is installed) and `man -M PREFIX/share/man`
#     finds it; every docs/NAME it names is installed where its FILES section says (documents
#     in PREFIX/share/doc/timelinec/, JSON Schemas in PREFIX/share/timelinec/);
#   - the bash completion parses (bash -n) and completes; the zsh one parses (zsh -n, if zsh is
#     installed);
#   - a C program built with `pkg-config --cflags --libs timelinec` (no --static) runs against the
#     shared runtime with the ICU render module (rpath), one built with `pkg-config --cflags
#     --libs timelinec-core` against the shared core (LD_LIBRARY_PATH), and one against each
#     static archive (named, with `pkg-config --static --libs` for what it needs) with no
#     libtimelinec loaded: each reads a compiled example, instantiates it and prints its entries;
#   - `make uninstall` leaves no file behind, nor timelinec's own folders;
#   - DESTDIR stages an install with other LIBDIR, DATADIR, MANDIR: every file under DESTDIR, no
#     staging path inside them, pkg-config's libdir follows LIBDIR; uninstall with the same
#     variables empties it.
# Run from the top of the tree: sh tests/tools/install-test.sh   (MAKE, CC and BUILD are honoured)
set -u
# the folders come from this test alone, not from the environment or the calling make's command
# line (make check-install LIBDIR=/usr/lib would otherwise install there)
unset PREFIX BINDIR LIBDIR INCLUDEDIR DATADIR MANDIR DOCDIR PKGCONFIGDIR DESTDIR MAKEFLAGS MFLAGS
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

version=$(sed -n 's/^VERSION = //p' Makefile)
soversion=$(sed -n 's/^SOVERSION = //p' Makefile)
os=$(uname -s)
# shlib NAME: the file, the name programs record, the links (as the Makefile names them)
if [ "$os" = Darwin ]; then
	shlib_file() { echo "lib$1.$soversion.dylib"; }
	shlib_soname() { echo "lib$1.$soversion.dylib"; }
	shlib_links() { echo "lib$1.dylib:lib$1.$soversion.dylib"; }
	needed() { otool -L "$1" | sed -n '2,$s/^[[:space:]]*\([^ ]*\) .*/\1/p'; }
	soname_of() { otool -D "$1" | sed -n 2p; }
	exported() { nm -gU "$1" | awk '$2 ~ /^[TDRSB]$/ {sub(/^_/, "", $3); print $3}'; }
	libpath_var=DYLD_LIBRARY_PATH
else
	shlib_file() { echo "lib$1.so.$version"; }
	shlib_soname() { echo "lib$1.so.$soversion"; }
	shlib_links() { echo "lib$1.so.$soversion:lib$1.so.$version lib$1.so:lib$1.so.$soversion"; }
	needed() {
		if command -v readelf > /dev/null 2>&1; then
			readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
		else
			objdump -p "$1" | awk '$1 == "NEEDED" {print $2}'
		fi
	}
	soname_of() {
		if command -v readelf > /dev/null 2>&1; then
			readelf -d "$1" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'
		else
			objdump -p "$1" | awk '$1 == "SONAME" {print $2}'
		fi
	}
	exported() { nm -D --defined-only "$1" | awk '$2 ~ /^[TDRBVW]$/ {print $3}'; }
	libpath_var=LD_LIBRARY_PATH
fi
# where the Makefile installs the documents and schemas by default
docdir=share/doc/timelinec
schemadir=share/timelinec

# ---- install -------------------------------------------------------------------------------
if ! $make --no-print-directory install PREFIX="$prefix" BUILD="$build" > "$tmp/install.log" 2>&1; then
	tail -20 "$tmp/install.log" >&2
	fail "make install PREFIX=$prefix"
	exit 1
fi
for f in bin/timelinec lib/libtimelinec.a lib/libtimelinec-core.a \
	lib/"$(shlib_file timelinec)" lib/"$(shlib_file timelinec-core)" \
	lib/pkgconfig/timelinec.pc lib/pkgconfig/timelinec-core.pc include/timelinec/timeline.h \
	include/timelinec/module.modulemap share/man/man1/timelinec.1 \
	share/bash-completion/completions/timelinec share/zsh/site-functions/_timelinec \
	$docdir/LICENSE $docdir/README.md $docdir/spec.md $docdir/diagnostics/TL101.md \
	$schemadir/spec.schema.json $schemadir/program.schema.json; do
	[ -f "$prefix/$f" ] || fail "make install did not install $f"
done
for h in include/timelinec/*.h; do
	cmp -s "$h" "$prefix/$h" || fail "make install did not install $h as it is"
done
# install -m: the binary and the shared libraries executable, nothing else; nothing writable by others
bad=$(find "$prefix" -type f -perm -u+x ! -path "$prefix/bin/*" ! -name '*.so.*' ! -name '*.dylib')
[ -z "$bad" ] || fail "installed with an executable mode: $bad"
bad=$(find "$prefix" -type f \( -perm -g+w -o -perm -o+w \))
[ -z "$bad" ] || fail "installed writable by group or others: $bad"
[ -x "$prefix/bin/timelinec" ] || fail "bin/timelinec is not executable"

# ---- shared libraries: links, SONAME, exports, dependencies ----------------------------------
for name in timelinec timelinec-core; do
	lib=$prefix/lib/$(shlib_file $name)
	[ -f "$lib" ] || continue
	for l in $(shlib_links $name); do
		link=${l%%:*} to=${l#*:}
		[ -L "$prefix/lib/$link" ] || { fail "lib/$link is not a symbolic link"; continue; }
		[ "$(readlink "$prefix/lib/$link")" = "$to" ] ||
			fail "lib/$link points to '$(readlink "$prefix/lib/$link")', not $to"
	done
	sn=$(soname_of "$lib")
	if [ "$os" = Darwin ]; then want=$prefix/lib/$(shlib_soname $name); else want=$(shlib_soname $name); fi
	[ "$sn" = "$want" ] || fail "$(basename "$lib"): SONAME (install name) '$sn', not '$want'"
	# exports: only what the installed headers declare
	exported "$lib" | sort -u > "$tmp/exported"
	[ -s "$tmp/exported" ] || fail "$(basename "$lib") exports nothing (or nm failed)"
	while IFS= read -r sym; do
		grep -q "[^A-Za-z0-9_]$sym[^A-Za-z0-9_]" "$prefix"/include/timelinec/*.h ||
			fail "$(basename "$lib") exports $sym, which no public header declares"
	done < "$tmp/exported"
	needed "$lib" > "$tmp/needed"
	grep -E -e cjson -e yaml "$tmp/needed" && fail "$(basename "$lib") needs cJSON or libyaml (only the CLI uses them)"
	[ $name = timelinec-core ] && grep -E -e icu "$tmp/needed" && fail "$(basename "$lib") (the core) needs ICU"
done
# the core's exports are the full library's, less the render module
if [ -f "$prefix/lib/$(shlib_file timelinec-core)" ]; then
	exported "$prefix/lib/$(shlib_file timelinec-core)" | grep -q '^tlc_instantiate$' ||
		fail "the shared core does not export tlc_instantiate"
	exported "$prefix/lib/$(shlib_file timelinec-core)" | grep -q '^tlc_render_' &&
		fail "the shared core exports the render module"
fi

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

# every docs/NAME the page names is installed where its FILES section says
if [ -f "$page" ]; then
	grep -q "share/doc/timelinec" "$page" && grep -q "share/timelinec" "$page" ||
		fail "the man page's FILES do not say where the documents and schemas are installed"
	refs=$(sed '/^\.\\"/d; s/\\-/-/g; s/\\f[BIRP]//g' "$page" | grep -o 'docs/[A-Za-z0-9_./-]*' | sort -u)
	[ -n "$refs" ] || fail "found no docs/NAME in the man page (the check would check nothing)"
	for r in $refs; do
		n=${r#docs/}
		case "$n" in
		*.schema.json) f=$prefix/$schemadir/$n ;;
		*) f=$prefix/$docdir/$n ;;
		esac
		[ -e "$f" ] || fail "the man page names $r, not installed as $f"
	done
	[ "$(ls "$prefix/$docdir/diagnostics" | grep -c '^TL[0-9]*\.md$')" = "$(ls docs/diagnostics | grep -c '^TL[0-9]*\.md$')" ] ||
		fail "not every docs/diagnostics/TL*.md page is installed"
	[ "$(ls "$prefix/$schemadir" | grep -c '\.schema\.json$')" = "$(ls docs | grep -c '\.schema\.json$')" ] ||
		fail "not every docs/*.schema.json is installed"
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

# ---- pkg-config: programs against the installed runtime -------------------------------------
cp tests/tools/core_example.c "$work/example.c"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pc_prefix=$(pkg-config --variable=prefix timelinec 2> /dev/null)
[ "$pc_prefix" = "$prefix" ] ||
	fail "the installed timelinec.pc says prefix='$pc_prefix', not '$prefix' (was $build/timelinec.pc made for another PREFIX?)"
for pc in timelinec timelinec-core; do
	[ "$(pkg-config --modversion $pc 2> /dev/null)" = "$version" ] || fail "pkg-config --modversion $pc is not $version"
	pkg-config --static --libs $pc | grep -q cjson && fail "pkg-config --static --libs $pc lists cJSON (the runtime does not use it)"
done
pkg-config --static --libs timelinec-core | grep -q icu && fail "pkg-config --static --libs timelinec-core lists ICU"
# the archive, then what pkg-config --static says it needs, less -lNAME and -L of libdir:
# linking a static archive while the shared library sits next to it
static_flags() {
	libdir=$(pkg-config --variable=libdir "$1") || return 1
	printf '%s/lib%s.a' "$libdir" "$1"
	for w in $(pkg-config --static --libs "$1"); do
		[ "$w" = "-l$1" ] || [ "$w" = "-L$libdir" ] || printf ' %s' "$w"
	done
}
# example NAME OUTPUT: runs the built example on the compiled launch program, checks its entries
example() {
	if "$@" "$work/launch.program.json" 1795593600 > "$work/out" 2>&1; then
		[ "$(grep -c ' phase ' "$work/out")" = 10 ] || fail "$ex: expected 10 entries"
		grep -q '^2026-11-27T17:00:00Z phase 0 3 days to launch$' "$work/out" ||
			fail "$ex: the precomputed text is missing"
		return 0
	fi
	fail "$ex exited $?"; cat "$work/out" >&2
	return 1
}
if [ -x "$tl" ] && "$tl" compile examples/launch.yaml -o "$work/launch.program.json" 2> "$tmp/compile.err"; then
	# the full runtime, shared, with the render module: rpath, as an application installs it
	ex="example (pkg-config --libs timelinec, shared)"
	if flags=$(pkg-config --cflags --libs timelinec) &&
		$cc -std=c11 -Wall -DWITH_RENDER "$work/example.c" $flags -Wl,-rpath,"$prefix/lib" \
			-o "$work/example" 2> "$tmp/cc.err"; then
		if example "$work/example"; then
			grep -q '^timer 1:02:03$' "$work/out" || fail "$ex: the render module"
		fi
		needed "$work/example" | grep -qx "$(shlib_soname timelinec)\|$prefix/lib/$(shlib_soname timelinec)" ||
			fail "$ex does not record $(shlib_soname timelinec) (the SONAME): $(needed "$work/example" | tr '\n' ' ')"
		if [ "$os" != Darwin ]; then
			ldd "$work/example" 2> /dev/null | grep -q "$prefix/lib/$(shlib_soname timelinec)" ||
				fail "$ex is not linked to the installed $(shlib_soname timelinec)"
		fi
	else
		fail "cc example.c \$(pkg-config --cflags --libs timelinec)"; cat "$tmp/cc.err" >&2
	fi
	# the core, shared, without ICU: no --static, found through the library path at run time
	ex="example (pkg-config --libs timelinec-core, shared)"
	if flags=$(pkg-config --cflags --libs timelinec-core) &&
		$cc -std=c11 -Wall "$work/example.c" $flags -o "$work/example-core" 2> "$tmp/cc.err"; then
		example env $libpath_var="$prefix/lib" "$work/example-core"
		needed "$work/example-core" | grep -qx "$(shlib_soname timelinec-core)\|$prefix/lib/$(shlib_soname timelinec-core)" ||
			fail "$ex does not record $(shlib_soname timelinec-core): $(needed "$work/example-core" | tr '\n' ' ')"
		if [ "$os" != Darwin ]; then
			env LD_LIBRARY_PATH="$prefix/lib" ldd "$work/example-core" > "$tmp/ldd" 2>&1
			grep -q "$prefix/lib/$(shlib_soname timelinec-core)" "$tmp/ldd" ||
				fail "$ex is not linked to the installed $(shlib_soname timelinec-core)"
			grep -q -e icu -e cjson -e yaml "$tmp/ldd" && fail "$ex loads ICU, cJSON or libyaml"
		fi
	else
		fail "cc example.c \$(pkg-config --cflags --libs timelinec-core)"; cat "$tmp/cc.err" >&2
	fi
	# each static archive: no libtimelinec loaded; the core without ICU
	for pc in timelinec-core timelinec; do
		ex="example ($pc, static)"
		def=; [ $pc = timelinec ] && def=-DWITH_RENDER
		if sflags=$(static_flags $pc) &&
			$cc -std=c11 -Wall $def "$work/example.c" $(pkg-config --cflags $pc) $sflags \
				-o "$work/example-static" 2> "$tmp/cc.err"; then
			if example "$work/example-static" && [ $pc = timelinec ]; then
				grep -q '^timer 1:02:03$' "$work/out" || fail "$ex: the render module"
			fi
			needed "$work/example-static" | grep -q libtimelinec && fail "$ex loads a shared libtimelinec"
			[ $pc = timelinec-core ] && needed "$work/example-static" | grep -q -e icu -e cjson -e yaml &&
				fail "$ex links ICU, cJSON or libyaml"
		else
			fail "cc example.c $pc.a \$(pkg-config --static --libs $pc)"; cat "$tmp/cc.err" >&2
		fi
	done
else
	fail "the installed timelinec cannot compile examples/launch.yaml"; cat "$tmp/compile.err" >&2
fi
unset PKG_CONFIG_PATH

# ---- uninstall -----------------------------------------------------------------------------
if $make --no-print-directory uninstall PREFIX="$prefix" BUILD="$build" > "$tmp/uninstall.log" 2>&1; then
	left=$(find "$prefix" ! -type d 2> /dev/null)
	[ -z "$left" ] || { fail "make uninstall left files behind:"; printf '  %s\n' $left >&2; }
	for d in include/timelinec $docdir $schemadir; do
		[ -d "$prefix/$d" ] && fail "make uninstall left the folder $d"
	done
else
	tail -20 "$tmp/uninstall.log" >&2
	fail "make uninstall PREFIX=$prefix"
fi

# ---- DESTDIR, with other LIBDIR, DATADIR, MANDIR, DOCDIR -------------------------------------
stage=$tmp/stage
sp=/opt/timelinec-install-test
vars="PREFIX=$sp LIBDIR=$sp/lib64 DATADIR=$sp/data MANDIR=$sp/man DOCDIR=$sp/doc"
if [ -e "$sp" ]; then
	skip "$sp exists: the DESTDIR check would not know what it wrote there"
elif $make --no-print-directory install DESTDIR="$stage" $vars BUILD="$build" > "$tmp/stage.log" 2>&1; then
	[ -e "$sp" ] && fail "make install DESTDIR=... wrote into $sp itself"
	for f in bin/timelinec lib64/"$(shlib_file timelinec)" lib64/"$(shlib_file timelinec-core)" \
		lib64/libtimelinec.a lib64/pkgconfig/timelinec.pc man/man1/timelinec.1 doc/spec.md \
		doc/diagnostics/TL101.md doc/LICENSE data/timelinec/spec.schema.json \
		data/bash-completion/completions/timelinec include/timelinec/timeline.h; do
		[ -f "$stage$sp/$f" ] || fail "make install DESTDIR=... $vars did not install $sp/$f"
	done
	for l in $(shlib_links timelinec); do
		[ -L "$stage$sp/lib64/${l%%:*}" ] || fail "make install DESTDIR=... did not make the link lib64/${l%%:*}"
	done
	grep -rl "$stage" "$stage" > "$tmp/staged" 2> /dev/null &&
		{ fail "the staging folder is written inside installed files:"; cat "$tmp/staged" >&2; }
	pcs=$stage$sp/lib64/pkgconfig
	[ "$(PKG_CONFIG_PATH=$pcs pkg-config --variable=prefix timelinec)" = "$sp" ] ||
		fail "DESTDIR: timelinec.pc's prefix is not $sp"
	[ "$(PKG_CONFIG_PATH=$pcs pkg-config --variable=libdir timelinec-core)" = "$sp/lib64" ] ||
		fail "DESTDIR: timelinec-core.pc's libdir is not LIBDIR ($sp/lib64)"
	if [ "$os" = Darwin ]; then
		[ "$(soname_of "$stage$sp/lib64/$(shlib_file timelinec)")" = "$sp/lib64/$(shlib_soname timelinec)" ] ||
			fail "DESTDIR: the install name is not LIBDIR/$(shlib_soname timelinec)"
	fi
	if $make --no-print-directory uninstall DESTDIR="$stage" $vars BUILD="$build" > "$tmp/unstage.log" 2>&1; then
		left=$(find "$stage" ! -type d 2> /dev/null)
		[ -z "$left" ] || { fail "make uninstall DESTDIR=... left files behind:"; printf '  %s\n' $left >&2; }
	else
		tail -20 "$tmp/unstage.log" >&2
		fail "make uninstall DESTDIR=$stage $vars"
	fi
else
	tail -20 "$tmp/stage.log" >&2
	fail "make install DESTDIR=$stage $vars"
fi

if [ $fails = 0 ]; then
	echo "install-test: make install/uninstall PREFIX=... and DESTDIR=... work; the shared libraries (SONAME, links, exports), the binary, man page, documents, schemas, completions and pkg-config files (shared and static) are usable"
	exit 0
fi
echo "install-test: $fails failure(s)" >&2
exit 1
