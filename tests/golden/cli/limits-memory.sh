# At the language's limits (64 countdowns, 8 families, 9 locales), a display that changes too
# often is refused with the same message as ever (TLC_MAX_ENTRIES), found while only counting
# entries once they pass TLC_MAX_TIMELINE_MEMORY; one that changes fewer times but would need
# more memory than that is refused for its size. Neither builds 800 MB of entries first.
spec() { # NAME DEFAULT-TEXT FAMILY-TEXT
	{
		printf 'timelinec: 1\nwidget: Limits\ntimezone: Europe/Berlin\n'
		printf 'locales: [en_US, de_DE, fr_FR, ja_JP, ar_EG, ru_RU, es_ES, zh_CN, tr_TR]\n'
		printf 'window: 2026-12-07T00:00:00Z .. 2027-12-07T00:00:00Z\ncountdowns:\n'
		i=0
		while [ $i -lt 64 ]; do
			printf '  - id: c%d\n    to: 2027-%02d-%02d 09:00\n    show:\n      - above: 0s\n        text:\n' \
				$i $((i % 12 + 1)) $((i % 28 + 1))
			printf '          default: "%s"\n' "$2"
			for f in small medium large extraLarge accessoryInline accessoryCircular accessoryRectangular; do
				printf '          %s: "%s"\n' $f "$3"
			done
			printf '      - text: "Done"\n'
			i=$((i + 1))
		done
	} > "$1"
}
spec minutes.yaml '{total-minutes, plural, one {# minute} other {# minutes}}' '{days} d {hours} h {minutes} m'
spec hours.yaml '{total-hours, plural, one {# hour} other {# hours}}' '{days} d {hours} h'
"$TLC" check minutes.yaml --now 2026-12-07T00:00:00Z > log 2>&1; echo "check minutes: $?"
grep TL113 log
"$TLC" compile minutes.yaml --timeline --now 2026-12-07T00:00:00Z -o m.json > log 2>&1; echo "compile minutes: $?"
grep TL113 log
"$TLC" compile hours.yaml --timeline --now 2026-12-07T00:00:00Z -o h.json > log 2>&1; echo "compile hours: $?"
grep TL113 log
for f in m.json h.json; do [ -e $f ] && echo "$f written" || echo "no $f"; done
