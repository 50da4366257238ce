#!/bin/sh
# demo.sh - the main job on generated data: make a seeded manifest of each kind, run the
# shipped ruleset over them into a fresh review store, print the summary, show the
# officer's queue and one explained item of each subject kind, then what to try next.
set -e
cd "$(dirname "$0")/.."
out=out/demo
db=$out/vigie.db
mkdir -p "$out"
rm -f "$out"/hits.ndjson "$out"/hits.ndjson.partial "$out"/rejects.txt "$db" "$db-wal" "$db-shm"
echo "== generating seeded synthetic manifests (no real personal data)"
./vigie gen traveller -n 200000 --seed 2026 --plant 0.01 --truth "$out/travellers.truth.csv" -o "$out/travellers.csv"
./vigie gen shipment -n 50000 --seed 2026 --plant 0.02 --truth "$out/shipments.truth.csv" -o "$out/shipments.ndjson" --format ndjson
ls -l "$out"/travellers.csv "$out"/shipments.ndjson | awk '{printf "   %s  %6.1f MB\n", $NF, $5 / 1e6}'
echo
echo "== vigie run -s scenarios --db $db --random-rate 0.0005 --hits $out/hits.ndjson $out/travellers.csv $out/shipments.ndjson"
set +e
./vigie run -s scenarios --db "$db" --random-rate 0.0005 --seed 2026 --hits "$out/hits.ndjson" \
  --rejects "$out/rejects.txt" "$out/travellers.csv" "$out/shipments.ndjson"
rc=$?
set -e
echo "   (exit code $rc: 0 clean, 1 rejects or scenario errors counted above)"
echo
echo "== the officers' queue: vigie review list --db $db --limit 12"
./vigie review list --db "$db" --limit 12
for subject in possible-victim goods; do
  item=$(./vigie review list --db "$db" --subject "$subject" --limit 1 --format json | sed -n 's/^{"item":\([0-9]*\),.*/\1/p')
  [ -n "$item" ] || continue
  echo
  echo "== one explained item ($subject): vigie review show $item --db $db"
  VIGIE_OFFICER=demo ./vigie review show "$item" --db "$db"
done
cat <<EOF2

== what to try next (the store is $db)
   export VIGIE_DB=$db VIGIE_OFFICER=officer1
   ./vigie review next                         # claim the highest open item and read it
   ./vigie review decide ITEM --disposition no-concern
   ./vigie review decide ITEM --disposition victim-referred --note "referred to victim services"
   ./vigie review list --status decided        # what has been decided
   ./vigie review list --subject goods --sort age
   ./vigie review export --format csv -o cases.csv
   ./vigie report                              # per scenario: precision, fairness, lift over the controls
   ./vigie explain -s scenarios $out/travellers.csv:LINE   # any record, scenario by scenario
   ./vigie help review                         # dispositions, claims, purge, exit codes
EOF2

# the review page: a demo officer (made once per store) and the command to serve it
if ! ./vigie user list --db "$db" | grep -q '^demo-officer '; then
  echo "demo-officer-2026" | ./vigie user add demo-officer --role officer --db "$db" >/dev/null
  echo "demo-analyst-2026" | ./vigie user add demo-analyst --role analyst --db "$db" >/dev/null
fi
cat <<EOF3

== the review page in a browser (English or French)
   ./vigie serve --db $db                      # then open http://127.0.0.1:8080/
   officer login:  demo-officer / demo-officer-2026
   analyst login:  demo-analyst / demo-analyst-2026  (no identity fields)
   ./vigie user add NAME --role officer|analyst|supervisor|admin --db $db
EOF3
