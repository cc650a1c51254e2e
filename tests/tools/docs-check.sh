#!/bin/sh
# The docs agree with the code: every rule has a page (and `explain` prints it), each page's
# "Bad" example is reported with its rule and its "Good" example is not (docs-examples.py), and
# the key reference in docs/spec.md and docs/spec.schema.json are what the key table generates,
# and every ```console block of README.md and docs/*.md prints what it shows (docs-commands.py).
set -u
tool=$(cd "$(dirname "${1:?usage: docs-check.sh path/to/timelinec}")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
status=0
fail() { echo "docs-check: $*" >&2; status=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ids=$("$tool" explain --list | awk '{print $1}')
[ -n "$ids" ] || fail "explain --list printed nothing"
for id in $ids; do
	page="docs/diagnostics/$id.md"
	if [ ! -f "$page" ]; then
		fail "rule $id has no page $page"
		continue
	fi
	"$tool" explain "$id" > "$tmp/explain.txt" || fail "explain $id failed"
	cmp -s "$page" "$tmp/explain.txt" || fail "'timelinec explain $id' differs from $page"
	grep -q "$id" docs/diagnostics/README.md || fail "docs/diagnostics/README.md does not list $id"
done
for page in docs/diagnostics/TL*.md; do
	id=$(basename "$page" .md)
	printf '%s\n' "$ids" | grep -qx "$id" || fail "$page documents a rule the catalogue does not have"
done
"$tool" explain TL999 >/dev/null 2>&1 && fail "explain TL999 should exit 2"

"$tool" reference --markdown > "$tmp/ref.md"
awk '/^<!-- BEGIN GENERATED KEY REFERENCE -->$/{on=1; next} /^<!-- END GENERATED KEY REFERENCE -->$/{on=0} on' \
	docs/spec.md > "$tmp/spec-ref.md"
cmp -s "$tmp/ref.md" "$tmp/spec-ref.md" || fail "the key reference in docs/spec.md is stale (make reference-update)"
"$tool" reference --json-schema > "$tmp/schema.json"
cmp -s "$tmp/schema.json" docs/spec.schema.json || fail "docs/spec.schema.json is stale (make reference-update)"
. tests/tools/python.sh
"$py" tests/tools/docs-examples.py "$tool" || status=1
"$py" tests/tools/docs-commands.py "$tool" || status=1
[ $status = 0 ] && echo "docs-check: rule pages, explain, console blocks, key reference and spec schema agree with the code"
exit $status
