# check DIR's edges: an empty folder, a folder whose files are all skipped, a bad exclude: list,
# a broken spec under a folder, a dangling link named like a spec, a JSON spec that does not parse
mkdir empty
"$TLC" check empty; echo "empty: $?"
mkdir only-outputs
"$TLC" compile "$ROOT/examples/launch.yaml" -o only-outputs/launch.program.json; echo "compile: $?"
"$TLC" check only-outputs; echo "only outputs: $?"
"$TLC" check --format json empty "$ROOT/examples/launch.yaml"; echo "empty and a file, JSON: $?"
echo "# exclude: is checked where it is written"
mkdir cfg && cp "$ROOT/examples/launch.yaml" cfg/launch.yaml
printf 'exclude: drafts/\n' > cfg/.timelinec.yaml
"$TLC" check cfg; echo "not a list: $?"
printf 'exclude:\n  - ../elsewhere\n' > cfg/.timelinec.yaml
"$TLC" check cfg; echo "outside: $?"
printf 'exclude:\n  - /abs\n' > cfg/.timelinec.yaml
"$TLC" check cfg; echo "absolute: $?"
printf 'exclud:\n  - x\n' > cfg/.timelinec.yaml
"$TLC" check cfg; echo "misspelt: $?"
echo "# problems found under a folder are reported like named files"
mkdir broken
printf 'timelinec: 2\nwidget: W\n' > broken/bad.yaml
printf '{"timelinec": 1,\n' > broken/cut.json
ln -s nowhere.yaml broken/dangling.yaml
"$TLC" check broken; echo "broken: $?"
echo "# a folder named like a spec is walked by check; compile still takes files only"
mkdir a-directory.yaml
"$TLC" check a-directory.yaml; echo "check a-directory.yaml: $?"
"$TLC" compile a-directory.yaml -o out.json; echo "compile a-directory.yaml: $?"
