# check --format github: GitHub Actions workflow commands, one line per finding (annotations on
# a pull request): ::error, ::warning or ::notice by severity; the path relative to the working
# directory; col and endColumn only when the finding is on one line; GitHub's escaping of data
# ('%') and of properties (also ':' and ','); the fix and a related note inside the message;
# then the plain summary line, which is no workflow command; the exit codes of every format
mkdir specs
cp "$ROOT/examples/scenarios/07-dense-entries.broken.yaml" specs/oven.yaml
"$TLC" check --format github "$PWD/specs/oven.yaml"; echo "a warning: $?"
"$TLC" check --format github --werror specs/oven.yaml > /dev/null; echo "--werror: $?"
"$TLC" check --format github --max-warnings 0 specs/oven.yaml; echo "--max-warnings 0: $?"
grep -v '^timezone' "$ROOT/examples/launch.yaml" > floating.yaml
"$TLC" check --format=github floating.yaml; echo "a note: $?"
cp "$ROOT/examples/scenarios/01-timer-25h.broken.yaml" 'a,b:c%.yaml'
"$TLC" check --format github 'a,b:c%.yaml'; echo "an error: $?"
cp "$ROOT/examples/scenarios/06-reload-loop.broken.yaml" "$(printf 'two\nlines\r.yaml')"
"$TLC" check --format github two*.yaml | cut -c1-40; echo "a line feed and a carriage return in a name: $?"
printf 'timelinec: 1\nwidget: W\ntimezone: Europe/Paris\ncountdown:\n  to: 2026-12-01 18:00\n  "a:b,100%%": 1\n  show:\n    - text: "{dayz}"\n' > bad.yaml
"$TLC" check --format github bad.yaml; echo "bad input: $?"
printf 'timelinec: 1\ntimelinec: 1\n' > dup.yaml
"$TLC" check --format github dup.yaml; echo "a related note: $?"
cp "$ROOT/examples/scenarios/12-push-budget.broken.yaml" push.yaml
SOURCE_DATE_EPOCH=1796310000 "$TLC" check --format github push.yaml | grep -e TL210 -e '^[0-9]'; echo "a span over lines: $?"
"$TLC" check --format github "$ROOT/examples/launch.yaml"; echo "clean: $?"
"$TLC" check --format githb specs/oven.yaml; echo "usage: $?"
