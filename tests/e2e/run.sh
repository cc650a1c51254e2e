#!/bin/sh
# End-to-end test of `timelinec preview --html` in Debian's chromium (tests/e2e/e2e.mjs).
#   usage: tests/e2e/run.sh path/to/timelinec
# Needs Node 20, npm and /usr/bin/chromium (apt-get install chromium nodejs npm); installs the
# pinned playwright-core (package-lock.json; it downloads no browser) into tests/e2e/node_modules
# with `npm ci` the first time, and again when the lock file changes. Pages, timelines and
# screenshots go to DIR/e2e/ beside the tool (build/e2e/).
# Prints one summary line on success; every failure (and exit status 1) otherwise.
set -eu
tool=${1:?usage: run.sh path/to/timelinec}
here=$(cd "$(dirname "$0")" && pwd)
for cmd in node npm; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "e2e: FAIL: $cmd is needed (apt-get install nodejs npm)" >&2
		exit 1
	fi
done
if [ ! -x "${TIMELINEC_CHROMIUM:-/usr/bin/chromium}" ]; then
	echo "e2e: FAIL: ${TIMELINEC_CHROMIUM:-/usr/bin/chromium} is needed (apt-get install chromium)" >&2
	exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ] ||
	[ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$here" --silent --no-audit --no-fund >&2; then
		echo "e2e: FAIL: 'npm ci --prefix tests/e2e' failed (is the npm registry reachable?)" >&2
		exit 1
	fi
fi
# Debian's chromium wrapper reads the machine's memory with a test some shells print a warning
# for; its output is not ours to judge, so only the test's own lines are shown.
exec node "$here/e2e.mjs" "$tool"
