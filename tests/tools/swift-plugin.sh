#!/bin/sh
# The build-tool plugin (Plugins/TimelinecPlugin) in a package that uses it, as an app would:
# tests/swift/PluginSample depends on the repository by path, its spec
# Sources/LaunchWidget/Timelines/launch.yaml is compiled at build time by the timelinec that
# SwiftPM builds from the C sources (pkg-config: yaml-0.1, libcjson, icu-i18n), and its tests
# read the bundled launch.program.json through Bundle.module. Checks, in order:
#   1. swift test passes, and the resource bundle holds launch.program.json;
#   2. a second swift test passes, and a third one runs nothing again: neither the plugin's
#      command nor the tool (after a clean scratch path, SwiftPM 6.3 builds the tool twice, in
#      its plugin-tools build and in the main one, on the first two runs; then it settles);
#   3. after touching the spec, swift test runs the plugin's command again and passes;
#   4. a package with two specs of the same name fails to build (the plugin's error), and one
#      whose spec has an error fails to build, with the spec's file:line:col.
#   usage: swift-plugin.sh [SCRATCH]   (default: $SWIFT_PLUGIN_SCRATCH, else build/swift-plugin)
# SWIFT names the toolchain's driver (default swift). -j 1: the build machines have 2 cores.
set -u
SWIFT=${SWIFT:-swift}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${1:-${SWIFT_PLUGIN_SCRATCH:-$root/build/swift-plugin}}
# SwiftPM 6.3 reuses a scratch path whose modules were built from other Swift sources of the
# package and the test then crashes (SIGSEGV decoding a program): the scratch path is keyed by
# the package's Swift sources, and the keys of older sources are removed.
key=$(cd "$root" && find Package.swift Plugins runtime/swift tests/swift/PluginSample -name '*.swift' \
	-type f | LC_ALL=C sort | xargs cat | cksum | cut -d' ' -f1)
mkdir -p "$scratch" && scratch=$(cd "$scratch" && pwd)
for old in "$scratch"/src-*; do
	[ -d "$old" ] && [ "$old" != "$scratch/src-$key" ] && rm -rf "$old"
done
scratch="$scratch/src-$key"
mkdir -p "$scratch"
sample="$root/tests/swift/PluginSample"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
fail() { echo "swift-plugin: $*" >&2; status=1; }
# run LOG ARGS...: swift ARGS in the sample, output in LOG (shown when it fails)
run() {
	log=$1
	shift
	if ! (cd "$sample" && "$SWIFT" "$@" -j 1 --scratch-path "$scratch/sample") >"$log" 2>&1; then
		cat "$log" >&2
		return 1
	fi
}
ran_plugin() { grep -q 'timelinec compile launch.yaml' "$1"; }

run "$tmp/1.log" test || { fail "swift test of the sample failed"; exit 1; }
program=$(find "$scratch/sample" -name launch.program.json -path '*PluginSample_LaunchWidget*' | head -1)
[ -n "$program" ] || fail "no launch.program.json in the sample's resource bundle"

run "$tmp/2.log" test || fail "a second swift test failed"
run "$tmp/2b.log" test || fail "a third swift test failed"
ran_plugin "$tmp/2b.log" && fail "a third swift test ran 'timelinec compile' again (nothing changed)"
grep -q 'Linking timelinec-tool' "$tmp/2b.log" && fail "a third swift test linked timelinec again (nothing changed)"

touch "$sample/Sources/LaunchWidget/Timelines/launch.yaml"
run "$tmp/3.log" test || fail "swift test after touching the spec failed"
ran_plugin "$tmp/3.log" || fail "touching the spec did not run 'timelinec compile' again"

# 4. A copy of the sample's layout with a broken spec, in a folder of its own.
bad="$tmp/BadSpec"
mkdir -p "$bad/Sources/BadWidget/Timelines"
cat > "$bad/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "BadSpec",
    dependencies: [.package(name: "timelinec", path: "$root")],
    targets: [.target(name: "BadWidget", plugins: [.plugin(name: "TimelinecPlugin", package: "timelinec")])]
)
EOF
echo 'public let badWidget = 1' > "$bad/Sources/BadWidget/BadWidget.swift"
cat > "$bad/Sources/BadWidget/Timelines/bad.yaml" <<'EOF'
timelinec: 1
widget: Bad
timezone: Europe/Berlin
countdown:
  to: 2026-12-01 18:00
  show:
    - text: "{dayz} to go"
EOF
# Two specs named bad: an error of the plugin.
cp "$bad/Sources/BadWidget/Timelines/bad.yaml" "$bad/Sources/BadWidget/Timelines/bad.json"
if (cd "$bad" && "$SWIFT" build -j 1 --scratch-path "$scratch/bad") >"$tmp/4.log" 2>&1; then
	fail "two specs named bad built"
elif ! grep -q "would both write bad.program.json in target 'BadWidget'" "$tmp/4.log"; then
	fail "two specs named bad: not the plugin's error"
	cat "$tmp/4.log" >&2
fi
rm "$bad/Sources/BadWidget/Timelines/bad.json"
if (cd "$bad" && "$SWIFT" build -j 1 --scratch-path "$scratch/bad") >"$tmp/4.log" 2>&1; then
	fail "a spec with an error built"
	cat "$tmp/4.log" >&2
elif ! grep -q 'Timelines/bad.yaml:7:15: error: .*\[TL025\]' "$tmp/4.log"; then
	fail "the failed build does not show the spec's error as file:line:col"
	cat "$tmp/4.log" >&2
fi

[ $status = 0 ] && echo "swift-plugin: the sample builds and tests with its bundled program, runs the plugin again only when the spec changes, and a bad spec fails the build at its line"
exit $status
