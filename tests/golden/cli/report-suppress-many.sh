# Nine suppressions in one spec, more than the few kept in place before the list grows: seven
# comments and two suppress: entries; each unused one is reported where it is written (TL030),
# and the one that matches hides its finding (TL107)
cat > many.yaml <<'YAML'
timelinec: 1
widget: Oven
timezone: Europe/Paris
window: 2026-12-24 17:00 .. 2026-12-24 21:00
suppress:
  - {rule: TL101, reason: the timer is short}
  - {rule: TL102, reason: no count-up here}
countdown:  # timelinec: ignore TL104 -- one
  to: 2026-12-24 19:30  # timelinec: ignore TL105 -- two
  show:
    # timelinec: ignore TL107 -- the oven app pushes a reload every minute while cooking
    - above: 0s  # timelinec: ignore TL106 -- three
      text: "Encore {total-minutes} min"  # timelinec: ignore TL108 -- four
    # timelinec: ignore TL109 -- five
    - text: "C'est prêt !"  # timelinec: ignore TL110 -- six
YAML
"$TLC" check --color=never many.yaml; echo "check: $?"
