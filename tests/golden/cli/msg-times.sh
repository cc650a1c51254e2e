# 12-hour times and times without a date, in to:, windows and reload
cat > t.yaml <<'YAML'
timelinec: 1
widget: W
timezone: Europe/Berlin
window: 2026-11-25 9am .. 2026-12-08 00:00
reload: {after: 2026-12-01 6:30 PM}
countdown:
  to: 18:00
  show:
    - text: x
YAML
"$TLC" check --color=never t.yaml; echo "times: $?"
printf 'timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  to: 6pm\n  show:\n    - text: x\n' > pm.yaml
"$TLC" check --color=never pm.yaml; echo "6pm: $?"
printf 'timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  every: weekdays 9:30, 6pm\n  show:\n    - text: x\n' > every.yaml
"$TLC" check --color=never every.yaml; echo "every, 12-hour: $?"
printf 'timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  every: every 15 minutes\n  show:\n    - text: x\n' > step.yaml
"$TLC" check --color=never step.yaml; echo "every, step in words: $?"
