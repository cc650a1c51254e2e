# SARIF for GitHub code scanning: every rule carries its page as help (text and markdown);
# helpUri and informationUri only under --docs-url (absolute, as SARIF wants them), and then the
# page's relative links point there too; a message ending in '?' gets no second period
printf 'timelinec: 1\nwidget: W\ntimezone: Europe/Paris\ncountdown:\n  to: 2026-12-01 18:00\n  show:\n    - text: "{dayz}"\n' > typo.yaml
"$TLC" check --format sarif typo.yaml > plain.sarif; echo "check: $?"
echo "rules: $("$TLC" explain --list | wc -l | tr -d ' '), with help: $(grep -c '"help": {$' plain.sarif)"
echo "help links: $(grep -c '"helpUri"' plain.sarif), information links: $(grep -c '"informationUri"' plain.sarif)"
grep -o '"text": "unknown placeholder[^"]*"' plain.sarif
"$TLC" explain TL025 > page.md
echo "TL025's help text and markdown open with its page's title: $(sed -n '/"id": "TL025"/,/"markdown"/p' plain.sarif |
	grep -c "\"$(head -1 page.md)\\\\n\\\\nSeverity: error (default)")"
"$TLC" check --format sarif --docs-url https://github.com/example/app/blob/v1/timelinec/docs typo.yaml > docs.sarif
echo "check --docs-url: $?"
grep -e '"informationUri"' -e '"helpUri": ".*/TL107.md"' docs.sarif
sed -n '/"id": "TL107"/,/"helpUri"/p' docs.sarif | grep -o '](https://[^)]*)'
"$TLC" check --format sarif --docs-url docs typo.yaml; echo "a relative --docs-url: $?"
"$TLC" check --format sarif --docs-url 'https://example.com/docs#x' typo.yaml; echo "a fragment: $?"
