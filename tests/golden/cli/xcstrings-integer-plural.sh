# An integer parameter is a number in the String Catalog (%lld), and its plural a substitution
# (a plural of a text parameter is refused where it is written: TL025).
cat > laps.yaml <<'SPEC'
timelinec: 1
widget: Laps
timezone: UTC
window: 2026-12-01T00:00:00Z .. 2026-12-02T00:00:00Z
params:
  laps: integer
  rider: text
countdown:
  to: 2026-12-01T12:00:00Z
  show:
    - above: 1h
      text: "{rider}: {laps, plural, one {# lap} other {# laps}} in {hours}h"
    - text: "{rider} finished after {laps, number} laps"
SPEC
mkdir out && "$TLC" compile laps.yaml --xcstrings out -o laps.json; echo "compile: $?"
grep -E '"(comment|value|formatSpecifier|argNum)"' out/Laps.xcstrings
