# Suppressed findings are reported as such, with the reason the suppression requires (a comment
# or the suppress: key), and never counted: a human line and its reason, JSON's 'suppressed'
# list, SARIF results with 'suppressions' (inSource; external for a baseline)
sed 's|^    - above: 0s|    # timelinec: ignore TL107 -- the oven app refreshes the widget itself\n    - above: 0s|' \
	"$ROOT/examples/scenarios/07-dense-entries.broken.yaml" > oven.yaml
"$TLC" check --werror oven.yaml; echo "a comment: $?"
cat > oven.json <<'JSON'
{
  "timelinec": 1, "widget": "Oven", "timezone": "Europe/Paris",
  "window": "2026-12-24 17:00 .. 2026-12-24 21:00",
  "suppress": [{"rule": "TL107", "reason": "refreshed by the app:\u0007 100%"}],
  "countdown": {"to": "2026-12-24 19:30", "show": [
    {"above": "0s", "text": "{total-minutes} min"}, {"text": "ready"}]}
}
JSON
"$TLC" check --werror oven.json; echo "the suppress: key: $?"
"$TLC" check --format github --werror oven.yaml oven.json; echo "github: $?"
"$TLC" check --format json oven.yaml oven.json | grep -e '"suppress' -e '"justification"' -e '"summary"' -e '"diagnostics"'
echo "json: $?"
cp "$ROOT/examples/scenarios/07-dense-entries.broken.yaml" base.yaml
"$TLC" check --write-baseline baseline.json base.yaml; echo "--write-baseline: $?"
"$TLC" check --baseline baseline.json --format sarif oven.yaml base.yaml > all.sarif; echo "sarif: $?"
grep -e '"ruleId"' -e '"uri"' -e '"kind"' -e '"justification"' -e '"startLine"' all.sarif | tr -s ' '
"$TLC" check --baseline baseline.json oven.yaml base.yaml; echo "human, baselined: $?"
