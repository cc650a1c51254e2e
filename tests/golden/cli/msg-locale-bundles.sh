# Names of ICU data bundles that are not locales ("metadata", "plurals", "units") are unknown
# locales, in a widget's locales and in --locale (the spec fuzzer found "metadata" accepted: ICU
# then leaked memory formatting dates with it)
cat > w.yaml <<'YAML'
timelinec: 1
widget: W
timezone: Europe/Berlin
locales: [en_US, metadata, plurals]
window: 2026-12-01 00:00 .. 2026-12-31 00:00
countdown:
  to: 2026-12-30 09:00
  show:
    - above: 0s
      text: "{time}"
    - text: Done
YAML
"$TLC" check --color=never w.yaml; echo "check: $?"
sed 's/, metadata, plurals//' w.yaml > ok.yaml
"$TLC" preview ok.yaml --now 2026-12-02T10:00:00Z --locale units; echo "preview --locale units: $?"
