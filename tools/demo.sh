#!/bin/sh
# demo.sh - the main job on generated data: make a seeded manifest of each kind, run the
# shipped ruleset over them, print the summary and explain one hit of each subject kind.
set -e
cd "$(dirname "$0")/.."
out=out/demo
mkdir -p "$out"
rm -f "$out"/hits.ndjson "$out"/rejects.txt
echo "== generating seeded synthetic manifests (no real personal data)"
./vigie gen traveller -n 200000 --seed 2026 --plant 0.01 --truth "$out/travellers.truth.csv" -o "$out/travellers.csv"
./vigie gen shipment -n 50000 --seed 2026 --plant 0.02 --truth "$out/shipments.truth.csv" -o "$out/shipments.ndjson" --format ndjson
ls -l "$out"/travellers.csv "$out"/shipments.ndjson | awk '{printf "   %s  %6.1f MB\n", $NF, $5 / 1e6}'
echo
echo "== vigie run -s scenarios --hits $out/hits.ndjson $out/travellers.csv $out/shipments.ndjson"
set +e
./vigie run -s scenarios --hits "$out/hits.ndjson" --rejects "$out/rejects.txt" "$out/travellers.csv" "$out/shipments.ndjson"
rc=$?
set -e
echo "   (exit code $rc: 0 clean, 1 rejects or scenario errors counted above)"
for subject in possible-victim possible-facilitator goods; do
  hit=$(grep -m1 "\"subject\":\"$subject\"" "$out/hits.ndjson" || true)
  [ -n "$hit" ] || continue
  id=$(printf '%s' "$hit" | sed -E 's/.*"scenario":\{"id":"([^"]*)".*/\1/')
  src=$(printf '%s' "$hit" | sed -E 's/.*"source":"([^"]*)","line":([0-9]+).*/\1:\2/')
  echo
  echo "== one explained hit ($subject): vigie explain -s scenarios --scenario $id $src"
  ./vigie explain -s scenarios --scenario "$id" "$src"
done
