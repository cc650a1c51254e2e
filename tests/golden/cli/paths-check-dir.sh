# check DIR: the *.yaml, *.yml and *.json specs under DIR, nested folders included, in byte order
# of their paths; never hidden files or folders, compiled outputs (a "timelinec-..." key), other
# JSON (no "timelinec" key), or what exclude: in .timelinec.yaml names; links followed, loops not
# (each spec warns once, so the file names below are the specs checked)
S="$ROOT/examples/scenarios/06-reload-loop.broken.yaml"
mkdir -p specs/nested/deep specs/.hidden specs/drafts specs/a specs/Assets.xcassets/AppIcon.appiconset
cp "$S" specs/one.yaml
cp "$S" specs/two.yml
cp "$ROOT/tests/golden/cli/fixtures/paths/loop.json" specs/three.json
cp "$S" specs/a-c.yaml            # '-' sorts before '/': a-c.yaml comes before a/z.yaml
cp "$S" specs/a/z.yaml
cp "$S" specs/nested/deep/four.yaml
cp "$S" specs/.hidden/never.yaml   # a hidden folder
cp "$S" specs/.never.yaml          # a hidden file
cp "$S" specs/drafts/d.yaml        # excluded: drafts/
cp "$S" specs/nested/x.draft.yaml  # excluded: *.draft.yaml
cp "$S" specs/nested/deep/skip.yaml # excluded: nested/deep/skip.yaml
cp "$S" specs/notes.txt            # not a spec's extension
printf '{"images": [], "info": {"author": "xcode", "version": 1}}\n' > specs/Assets.xcassets/AppIcon.appiconset/Contents.json
printf '[1, 2]\n' > specs/data.json
printf "name: CI\non: push\njobs:\n  check:\n    runs-on: macos-latest\n" > specs/workflow.yml   # YAML without a timelinec key
"$TLC" compile specs/one.yaml -o specs/one.program.json; echo "compile: $?"
"$TLC" compile --timeline --now 2026-12-01T00:00:00Z specs/one.yaml -o specs/one.timeline.json; echo "compile --timeline: $?"
"$TLC" check --write-baseline specs/base.json specs/one.yaml > /dev/null; echo "baseline: $?"
ln -s .. specs/nested/up           # a loop: specs/nested/up/nested/up/...
ln -s ../a specs/nested/again      # a folder walked twice: its spec is checked once
cat > specs/.timelinec.yaml <<'YAML'
exclude:
  - drafts/
  - "*.draft.yaml"
  - nested/deep/skip.yaml
YAML
"$TLC" check specs | grep ': warning:' | cut -d: -f1; echo "check specs: $?"
echo "# with a trailing slash, and from inside (.)"
"$TLC" check specs/ | grep ': warning:' | cut -d: -f1 | head -2
(cd specs && "$TLC" check . | grep ': warning:' | cut -d: -f1 | head -2)
echo "# --no-config: no exclude: list"
"$TLC" check --no-config specs | grep -c ': warning:'
echo "# a folder and files on one command line, in their order"
"$TLC" check specs/two.yml specs/nested specs/one.yaml | grep ': warning:' | cut -d: -f1
echo "# a file named on the command line is checked even when excluded"
"$TLC" check specs/drafts/d.yaml | grep ': warning:' | cut -d: -f1
echo "# a spec named twice, or named and found, is checked once"
"$TLC" check specs/one.yaml ./specs/one.yaml specs | grep ': warning:' | cut -d: -f1
