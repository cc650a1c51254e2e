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
