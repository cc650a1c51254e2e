# YAML syntax errors in plain words, at their cause: a tab, an open quote, an unquoted '{'
spec() { printf 'timelinec: 1\nwidget: W\ntimezone: UTC\ncountdown:\n  to: 2026-12-01 18:00\n  show:\n'; }
{ spec; printf '\t- text: x\n'; } > tab.yaml
"$TLC" check --color=never tab.yaml; echo "tab: $?"
{ spec; printf '    - text: "Launch in {timer}\n    - text: done\n'; } > quote.yaml
"$TLC" check --color=never quote.yaml; echo "open quote: $?"
{ spec; printf '    - text: "Launch in {timer}\n    - text: "done"\n'; } > quote2.yaml
"$TLC" check --color=never quote2.yaml; echo "quote closed by the next line: $?"
{ spec; printf '    - text: {days} days left\n    - text: done\n'; } > brace.yaml
"$TLC" check --color=never brace.yaml; echo "brace and text: $?"
{ spec; printf '    - text: {days}\n'; } > brace2.yaml
"$TLC" check --color=never brace2.yaml; echo "brace alone: $?"
