# durations written in words get their spelling with unit letters, wherever durations are read
cat > d.yaml <<'YAML'
timelinec: 1
widget: W
timezone: UTC
window: 2026-11-25 09:00 .. 2026-12-08 00:00
params: {eta: instant}
check-params:
  eta: 5 minutes .. 36h after now
reload: {after: 6 hours}
countdown:
  to: $eta - 10 minutes
  relevance: {score: 50, from: -2 hours, until: 30m}
  show:
    - above: 24 hours
      text: a
    - above: 1 day, 2 hours
      text: b
    - above: 90min
      text: c
    - above: 2 months
      text: d
    - text: e
YAML
"$TLC" check --color=never d.yaml; echo "in words: $?"
