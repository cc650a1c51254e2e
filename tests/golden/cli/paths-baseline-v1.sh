# A version 1 baseline (written before paths were normalised) is still read: its fingerprints
# hash the path as it was typed, so it matches that spelling only; --write-baseline rewrites it
# as version 2. An unknown version is refused.
mkdir specs
cp "$ROOT/examples/scenarios/06-reload-loop.broken.yaml" specs/b.yaml
cp "$ROOT/tests/golden/cli/fixtures/paths/v1-baseline.json" v1.json
"$TLC" check --werror --baseline v1.json specs/b.yaml; echo "v1, as typed then: $?"
"$TLC" check --werror --baseline v1.json ./specs/b.yaml > /dev/null; echo "v1, another spelling: $?"
"$TLC" check --write-baseline v1.json specs/b.yaml > /dev/null; echo "rewrite: $?"
grep -c '"timelinec-baseline": 2' v1.json
"$TLC" check --werror --baseline v1.json ./specs/b.yaml; echo "v2, another spelling: $?"
printf '{"timelinec-baseline": 3, "findings": []}\n' > v3.json
"$TLC" check --baseline v3.json specs/b.yaml; echo "v3: $?"
