# check's exit codes, through the CLI: 0 clean, 1 findings at error, 2 for bad input
cp "$ROOT/examples/launch.yaml" launch.yaml
"$TLC" check launch.yaml; echo "launch: $?"
printf 'timelinec: 2\nwidget: W\n' > bad.yaml
"$TLC" check bad.yaml; echo "bad: $?"
"$TLC" check "$PWD/launch.yaml" --format json | head -3; echo "absolute: $?"
