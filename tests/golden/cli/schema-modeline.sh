# docs/editors.md: a JSON spec that names its schema with "$schema", and a YAML spec that names
# it in a yaml-language-server modeline, both compile; the value of "$schema" is ignored, but it
# must be a string (TL011)
"$TLC" reference --json-schema > spec.schema.json; echo "schema: $?"
mkdir specs
cat > specs/launch.json <<'JSON'
{
  "$schema": "../spec.schema.json",
  "timelinec": 1,
  "widget": "LaunchCountdown",
  "timezone": "Europe/Berlin",
  "window": "2026-11-25 09:00 .. 2026-12-08 00:00",
  "countdown": {
    "to": "2026-12-01 18:00",
    "show": [
      {"above": "24h", "text": "{days, plural, one {# day} other {# days}} to launch"},
      {"above": "0s", "text": "Launch in {timer}"},
      {"text": "Launched"}
    ]
  }
}
JSON
"$TLC" check specs/launch.json --now 2026-11-25T08:00:00Z; echo "json with \$schema: $?"
{ echo '# yaml-language-server: $schema=../spec.schema.json'; cat "$ROOT/examples/launch.yaml"; } > specs/launch.yaml
"$TLC" check specs/launch.yaml --now 2026-11-25T08:00:00Z; echo "yaml with the modeline: $?"
"$TLC" compile specs/launch.json --now 2026-11-25T08:00:00Z > launch.program.json; echo "compile: $?"
echo "programs naming the schema: $(grep -c 'spec.schema.json' launch.program.json)"
sed 's|"\$schema": "../spec.schema.json"|"$schema": 1|' specs/launch.json > specs/bad.json
"$TLC" check specs/bad.json --now 2026-11-25T08:00:00Z; echo "\$schema not a string: $?"
