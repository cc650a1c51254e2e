# did-you-mean for zones, from the system's zone files; abbreviations and legacy names explained
for z in Europe/Berln europe/berlin 'new york' Kolkata PST CEST Mars/Base CET EST; do
	printf 'timelinec: 1\nwidget: W\ntimezone: %s\ncountdown:\n  to: 2026-12-01 18:00\n  show:\n    - text: x\n' "$z" > zone.yaml
	"$TLC" check --color=never zone.yaml; echo "$z: $?"
done
# --display-zone of compile --timeline gets the same suggestions
cp "$ROOT/examples/launch.yaml" launch.yaml
"$TLC" compile --timeline launch.yaml --now 2026-11-25T08:00:00Z --display-zone America/New_Yrok -o out.json; echo "--display-zone: $?"
