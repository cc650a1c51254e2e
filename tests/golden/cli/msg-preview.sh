# preview says what compile says: a widget's missing --param at the parameter's use with a value
# to give, and an unknown --display-zone with the zone it may have meant (check and preview of
# an activity too).
cp "$ROOT/examples/flight.yaml" flight.yaml
cp "$ROOT/examples/delivery-activity.yaml" delivery.yaml
"$TLC" preview flight.yaml --now 2026-12-03T10:00:00Z; echo "preview, no --param: $?"
"$TLC" preview flight.yaml --now 2026-12-03T10:00:00Z --param departure=2026-12-04T04:05:00Z --display-zone Europe/Berln; echo "preview widget: $?"
"$TLC" preview delivery.yaml --display-zone europe/berlin; echo "preview activity: $?"
"$TLC" check flight.yaml --display-zone America/New_Yrok; echo "check: $?"
