# check's middle sample of a list parameter sits off whole minutes from now, so a {relative}
# reads every unit ("5 hours, 58 minutes") and TL115 sees the longest inline text, as it does
# for written times (Solstice's sun countdown with the sun events as a list: see
# examples/real-world/solstice-sun-countdown.yaml).
cat > sun.yaml <<'SPEC'
timelinec: 1
widget: CountdownWidget
timezone: Europe/London
locales: [en_GB]
horizon: 3d
params:
  sun: {type: events}
check-params:
  sun: {count: 1 .. 14, start: 0s .. 12h after now, length: 0s .. 0s, gap: 7h .. 17h}
countdown:
  events: $sun
  show:
    - above: 0s
      text:
        default: "Sun event in {relative} · {time}"
        accessoryInline: "{time}, {relative}"
    - text: "Now"
SPEC
"$TLC" check sun.yaml --now 2026-12-14T12:00:00Z; echo "check: $?"
