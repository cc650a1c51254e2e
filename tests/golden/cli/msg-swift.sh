# Swift spellings of the reload policy get the spec's
for r in .atEnd atEnd .never '.after(6h)'; do
	printf 'timelinec: 1\nwidget: W\ntimezone: UTC\nreload: %s\ncountdown:\n  to: 2026-12-01 18:00\n  show:\n    - text: x\n' "$r" > r.yaml
	"$TLC" check --color=never r.yaml; echo "$r: $?"
done
