#!/bin/sh
# Schema tests: docs/program.schema.json and docs/timeline.schema.json against the goldens,
# docs/spec.schema.json against the example specs and against `TOOL reference --json-schema`,
# and broken documents that must be rejected (tests/tools/validate-schemas.mjs).
#   usage: tests/tools/schemas.sh path/to/timelinec
# Needs Node 20 and npm; installs the pinned packages (package-lock.json) into
# tests/tools/node_modules with `npm ci` the first time, and again when the lock file changes.
# Prints one summary line on success; every failure (and exit status 1) otherwise.
set -eu
tool=${1:?usage: schemas.sh path/to/timelinec}
here=$(cd "$(dirname "$0")" && pwd)
sh "$here/node-deps.sh" || { echo "schemas: FAIL: see above" >&2; exit 1; }
exec node "$here/validate-schemas.mjs" "$tool"
