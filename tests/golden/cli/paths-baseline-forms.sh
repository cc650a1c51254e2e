# Baselines match a finding by the spec's path relative to the baseline's folder, however the
# command line spells it: b.yaml, ./b.yaml, specs/../b.yaml and $PWD/b.yaml are one file
cp "$ROOT/examples/scenarios/06-reload-loop.broken.yaml" b.yaml
mkdir specs
"$TLC" check --write-baseline base.json b.yaml > /dev/null; echo "write: $?"
cat base.json
for p in b.yaml ./b.yaml specs/../b.yaml "$PWD/b.yaml" "$PWD//specs/./../b.yaml"; do
	"$TLC" check --werror --baseline base.json "$p"; echo "$p: $?"
	"$TLC" check --format json "$p" | grep '"fingerprint"'
done
echo "# the baseline named by its absolute path, the spec by a relative one"
"$TLC" check --werror --baseline "$PWD/base.json" ./b.yaml; echo "absolute baseline: $?"
echo "# from another folder"
(cd specs && "$TLC" check --werror --baseline ../base.json ../b.yaml; echo "from specs/: $?")
echo "# another spec on the same line text is not hidden by b.yaml's entry"
cp b.yaml specs/b.yaml
"$TLC" check --werror --baseline base.json specs/b.yaml > /dev/null; echo "specs/b.yaml: $?"
echo "# in a repository (a folder holding .git) fingerprints hash the path from its root, from any folder"
mkdir -p repo/.git repo/specs && cp b.yaml repo/specs/b.yaml
"$TLC" check --format json repo/specs/b.yaml | grep '"fingerprint"'
(cd repo/specs && "$TLC" check --format json b.yaml | grep '"fingerprint"')
(cd repo/specs && "$TLC" check --format json "$PWD/../specs/b.yaml" | grep '"fingerprint"')
echo "# a baseline at the repository root records the fingerprints the reports show"
(cd repo && "$TLC" check --write-baseline base.json specs/b.yaml > /dev/null && grep -o '"fingerprint": "[0-9a-f]*"' base.json)
