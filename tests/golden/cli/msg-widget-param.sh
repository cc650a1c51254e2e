# a widget's parameter without --param: TL018 at its use, with a --param to give it
cp "$ROOT/examples/flight.yaml" flight.yaml
"$TLC" compile --timeline --now 2026-12-03T10:00:00Z flight.yaml -o out.json; echo "missing: $?"
test -e out.json; echo "nothing written: $?"
"$TLC" compile --timeline --now 2026-12-03T10:00:00Z --param nope=1 flight.yaml -o out.json; echo "undeclared first: $?"
"$TLC" compile --timeline --now 2026-12-03T10:00:00Z --param departure=2026-12-04T04:05:00Z \
	flight.yaml -o out.json; echo "given (the text parameter may stay empty): $?"
"$TLC" compile flight.yaml -o flight.program.json; echo "program: $?"
"$TLC" compile --timeline --now 2026-12-03T10:00:00Z flight.program.json -o out2.json; echo "program, missing: $?"
