# Recurring items of an events list get TL022 and TL023 at DST gaps and overlaps, as recurring
# targets do: Berlin skips 02:00-03:00 on 2027-03-28 and repeats it on 2027-10-31.
cat > classes.yaml <<'SPEC'
timelinec: 1
widget: Classes
timezone: Europe/Berlin
horizon: 14d
countdown:
  events:
    - {every: "sundays 02:30", length: 30m, title: Night shift}
    - {every: "sundays 10:00", length: 30m, title: Brunch}
    - {every: "sundays 02:15", length: 30m, title: Late}
  show:
    - above: 0s
      text: "{title} in {relative}"
    - text: "{title} now"
SPEC
"$TLC" check classes.yaml --now 2027-03-20T00:00:00Z; echo "spring: $?"
"$TLC" check classes.yaml --now 2027-10-20T00:00:00Z; echo "autumn: $?"
"$TLC" check classes.yaml --now 2027-06-20T00:00:00Z; echo "summer: $?"
