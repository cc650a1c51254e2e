# A baseline written with absolute paths (as Xcode runs it) is read with relative ones (as CI
# does), and the other way round; a spec outside the baseline's folder is '../'; folders reached
# through a symbolic link are the folder itself
cp "$ROOT/examples/scenarios/06-reload-loop.broken.yaml" b.yaml
mkdir ci
"$TLC" check --write-baseline "$PWD/ci/base.json" "$PWD/b.yaml" > /dev/null; echo "write (absolute): $?"
grep '"file"' ci/base.json | sed 's/"message".*//'
"$TLC" check --werror --baseline ci/base.json b.yaml; echo "read (relative): $?"
(cd ci && "$TLC" check --werror --baseline base.json ../b.yaml; echo "read from ci/: $?")
"$TLC" check --write-baseline ci/rel.json ./b.yaml > /dev/null; echo "write (relative): $?"
cmp ci/base.json ci/rel.json && echo "the same baseline either way"
"$TLC" check --werror --baseline "$PWD/ci/rel.json" "$PWD/b.yaml"; echo "read (absolute): $?"
echo "# symbolic links"
mkdir real && cp b.yaml real/b.yaml && ln -s real alias
"$TLC" check --write-baseline links.json real/b.yaml > /dev/null; echo "write real/: $?"
"$TLC" check --werror --baseline links.json alias/b.yaml; echo "read alias/: $?"
"$TLC" check --werror --baseline links.json alias/../b.yaml > /dev/null; echo "alias/../b.yaml (the link's parent, as the system reads it): $?"
echo "# a gone finding is named from the current folder"
cp "$ROOT/examples/launch.yaml" b.yaml
"$TLC" check --baseline ci/base.json b.yaml; echo "gone: $?"
(cd ci && "$TLC" check --baseline base.json ../b.yaml; echo "gone, from ci/: $?")
