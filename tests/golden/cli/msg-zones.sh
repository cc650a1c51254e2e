# did-you-mean for zones, from the system's zone files; abbreviations and legacy names explained
for z in Europe/Berln europe/berlin 'new york' Kolkata PST CEST Mars/Base CET EST; do
	printf 'timelinec: 1\nwidget: W\ntimezone: %s\ncountdown:\n  to: 2026-12-01 18:00\n  show:\n    - text: x\n' "$z" > zone.yaml
	"$TLC" check --color=never zone.yaml; echo "$z: $?"
done
