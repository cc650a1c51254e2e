#!/bin/sh
# Installs the pinned npm packages of tests/tools (package-lock.json) into tests/tools/node_modules
# with `npm ci` the first time, and again when the lock file changes. Used by schemas.sh and
# gating.sh, so each runs on its own in a fresh checkout.
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "node-deps: node and npm are needed (Node 20)" >&2
	exit 1
fi
if [ ! -d "$here/node_modules" ] ||
	[ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	if ! npm ci --prefix "$here" --silent --no-audit --no-fund >&2; then
		echo "node-deps: 'npm ci --prefix tests/tools' failed (is the npm registry reachable?)" >&2
		exit 1
	fi
fi
