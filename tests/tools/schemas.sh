#!/bin/sh
# Schema tests: docs/program.schema.json, timeline, schedule and diagnostics schemas against the
# goldens, docs/spec.schema.json against the example specs, docs/editors.md, `TOOL reference
# --json-schema` and the compiler's reader (pattern vectors run through `TOOL check`), and broken
# documents that must be rejected (tests/tools/validate_schemas.py),
# after the checker's own self-test (tests/tools/test_schemacheck.py).
#   usage: tests/tools/schemas.sh path/to/timelinec
# Needs Debian's python3 with python3-jsonschema and python3-ruamel.yaml
# (apt-get install python3-jsonschema python3-ruamel.yaml).
# Prints one summary line per part on success; every failure (and exit status 1) otherwise.
set -eu
tool=${1:?usage: schemas.sh path/to/timelinec}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/python.sh"
"$py" "$here/test_schemacheck.py"
exec "$py" "$here/validate_schemas.py" "$tool"
