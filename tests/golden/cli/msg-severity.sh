# --severity says what is wrong with a rule or a level
cp "$ROOT/examples/launch.yaml" launch.yaml
for o in TL999=off unused-param=off unused-parm=warning TL101=eror TL101 TL019=off; do
	"$TLC" check launch.yaml --severity "$o" > /dev/null; echo "$o: $?"
done
