#!/bin/sh
# e2e.sh - end-to-end tests of the vigie binary on the fixtures: hits, formats,
# malformed input, broken and faulty scenarios, exit codes, determinism.
# Prints one line per failure and closes with "e2e: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL e2e: $1"; }
# check NAME COMMAND...: the command must succeed
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

# "key scenario score" per hit line, sorted
hits_summary() {
  sed -E 's/.*"key":"([^"]*)".*"scenario":\{"id":"([^"]*)".*"score":(-?[0-9]+).*/\1 \2 \3/' "$1" | LC_ALL=C sort
}

E2E=fixtures/rulesets/e2e
M=fixtures/manifests

# ---- hits on good input, in every format -------------------------------------------
for f in travellers.csv travellers.ndjson travellers.yaml; do
  $VIGIE run --no-store -q -s $E2E --force --hits "$T/hits.ndjson" --rejects "$T/rej.txt" $M/$f
  check "run $f exits 0" [ $? -eq 0 ]
  hits_summary "$T/hits.ndjson" > "$T/got.txt"
  check "hits of $f match fixtures/expected/travellers" cmp -s "$T/got.txt" fixtures/expected/expected_travellers.txt
  check "no rejects file for clean $f" [ ! -e "$T/rej.txt" ]
done
$VIGIE run --no-store -q -s $E2E --force --hits "$T/hits.ndjson" $M/shipments.csv
hits_summary "$T/hits.ndjson" > "$T/got.txt"
check "shipment hits match" cmp -s "$T/got.txt" fixtures/expected/expected_shipments.txt

# ---- what a hit line carries ----------------------------------------------------------
$VIGIE run --no-store -q -s $E2E --force --hits - $M/travellers.csv > "$T/hits.ndjson"
line=$(grep '"key":"T1"' "$T/hits.ndjson" | grep E2E-MINOR)
for want in '"run_id":"run-' '"ruleset_revision":"' '"source":"fixtures/manifests/travellers.csv","line":2' \
            '"subject":"possible-victim"' '"threshold":4' '{"field":"payer_surname","value":"SMITH"}' \
            '{"list":"hubs","entry":"IST"}' '"fired":["one_way","other_payer","hub"]' '"id":"family","label":' '"protected_fields_read":["age"]' \
            '"guidance":{"en":"Refer to protection.","fr":"Orienter vers la protection."}' '"revision":"'; do
  case "$line" in *"$want"*) ok ;; *) fail "hit line lacks $want" ;; esac
done

# ---- determinism: same input, same hits but for the run id ------------------------------
$VIGIE run --no-store -q -s $E2E --force --hits "$T/a.ndjson" $M/travellers.csv $M/shipments.csv
$VIGIE run --no-store -q -s $E2E --force --hits "$T/b.ndjson" $M/travellers.csv $M/shipments.csv
sed -E 's/"run_id":"[^"]*"//' "$T/a.ndjson" > "$T/a2"
sed -E 's/"run_id":"[^"]*"//' "$T/b.ndjson" > "$T/b2"
check "two runs give byte-identical hits" cmp -s "$T/a2" "$T/b2"

# ---- threads: the same hits, in the same order, at any thread count ---------------------
$VIGIE run --no-store -q --threads 1 -s $E2E --force --hits "$T/t1.ndjson" $M/travellers.csv $M/shipments.csv $M/travellers.ndjson
$VIGIE run --no-store -q --threads 3 -s $E2E --force --hits "$T/t3.ndjson" $M/travellers.csv $M/shipments.csv $M/travellers.ndjson
sed -E 's/"run_id":"[^"]*"//' "$T/t1.ndjson" > "$T/t1"
sed -E 's/"run_id":"[^"]*"//' "$T/t3.ndjson" > "$T/t3"
check "--threads 3 gives the hits of --threads 1, in order" cmp -s "$T/t1" "$T/t3"
$VIGIE run --no-store --threads 0 $M/travellers.csv 2>/dev/null
check "--threads 0 is a usage error" [ $? -eq 2 ]

# ---- malformed input: rejected with file, line and field; the run goes on --------------
$VIGIE run --no-store -s $E2E --force --hits "$T/hits.ndjson" --rejects "$T/rej.txt" $M/travellers_bad.csv 2> "$T/err.txt"
check "rejects give exit 1" [ $? -eq 1 ]
check "5 rejects written" [ "$(wc -l < "$T/rej.txt")" -eq 5 ]
check "reject names file, line and field" grep -q "travellers_bad.csv:2: field 'date_of_birth'" "$T/rej.txt"
check "reject of a short row names the line and (line) as its field" grep -q "travellers_bad.csv:4: field '(line)': expected" "$T/rej.txt"
check "reject of a bad integer" grep -q "travellers_bad.csv:5: field 'baggage_count'" "$T/rej.txt"
check "summary balances read = evaluated + rejected" grep -Eq 'total \(read = evaluated \+ rejected\) +7 +2 +5' "$T/err.txt"
check "good rows after bad ones still hit" [ "$(grep -c '"key":"T1"' "$T/hits.ndjson")" -eq 2 ]

# ---- a manifest that cannot be opened: exit 4, the others still run ----------------------
$VIGIE run --no-store -q -s $E2E --force --hits "$T/hits.ndjson" $M/no-such-file.csv $M/travellers.csv 2> "$T/err.txt"
check "missing manifest gives exit 4" [ $? -eq 4 ]
check "the other manifest still ran" [ "$(wc -l < "$T/hits.ndjson")" -eq 6 ]
check "missing manifest is named" grep -q "no-such-file.csv" "$T/err.txt"

# ---- a broken scenario: the run fails closed, nothing is read ----------------------------
$VIGIE run --no-store -s fixtures/rulesets/broken --force --hits "$T/broken.ndjson" $M/travellers.csv 2> "$T/err.txt"
check "broken ruleset gives exit 3" [ $? -eq 3 ]
check "broken ruleset error names file and line" grep -q "broken/traveller/syntax.lua:4" "$T/err.txt"
check "broken ruleset: no hits file" [ ! -e "$T/broken.ndjson" ]

# ---- scenarios that loop or eat memory: errors counted, the run goes on ------------------
$VIGIE run --no-store -s fixtures/rulesets/faulty --lua-memory 16 --force --hits "$T/hits.ndjson" $M/travellers.csv 2> "$T/err.txt"
check "scenario errors give exit 1" [ $? -eq 1 ]
check "budget error reported with file:line" grep -q "travellers.csv:[0-9]*: FAULTY-LOOP: error: .*instruction budget" "$T/err.txt"
check "memory error reported" grep -q "FAULTY-MEMORY: error: memory cap exceeded" "$T/err.txt"
check "every record still read" grep -Eq 'total \(read = evaluated \+ rejected\) +10 +10 +0' "$T/err.txt"
# FAULTY-LOOP errors on the 7 travellers with bags and hits the 3 without
check "loop errors counted" grep -Eq 'FAULTY-LOOP +other +3 +7' "$T/err.txt"
$VIGIE run --no-store -s fixtures/rulesets/faulty --threads 2 --lua-memory 16 --force --hits "$T/hits2.ndjson" $M/travellers.csv 2> "$T/err2.txt"
check "errors are counted the same on two threads" grep -Eq 'FAULTY-LOOP +other +3 +7' "$T/err2.txt"
check "the first error is the same on two threads" [ "$(grep 'first error' "$T/err.txt")" = "$(grep 'first error' "$T/err2.txt")" ]

# ---- selection: drafts, tags ----------------------------------------------------------
$VIGIE run --no-store -q -s $E2E --include-drafts --force --hits "$T/hits.ndjson" $M/travellers.csv
check "drafts run with --include-drafts" [ "$(grep -c E2E-DRAFT "$T/hits.ndjson")" -eq 9 ]
$VIGIE run --no-store -q -s $E2E --force --hits "$T/hits.ndjson" $M/travellers.csv
check "drafts do not run by default" [ "$(grep -c E2E-DRAFT "$T/hits.ndjson")" -eq 0 ]
$VIGIE run --no-store -q -s $E2E --skip-tag cash --force --hits "$T/hits.ndjson" $M/travellers.csv
check "--skip-tag leaves a scenario out" [ "$(grep -c E2E-CASH "$T/hits.ndjson")" -eq 0 ]
$VIGIE run --no-store -q -s $E2E --tag cash --force --hits "$T/hits.ndjson" $M/travellers.csv
check "--tag keeps only tagged scenarios" [ "$(grep -c E2E-MINOR "$T/hits.ndjson")" -eq 0 ]

# ---- parse only --------------------------------------------------------------------------
$VIGIE run --no-store -s $E2E --parse-only $M/travellers.csv 2> "$T/err.txt"
check "parse-only exits 0" [ $? -eq 0 ]
check "parse-only counts records" grep -Eq 'total \(read = evaluated \+ rejected\) +10 +10 +0' "$T/err.txt"

# ---- explain --------------------------------------------------------------------------
$VIGIE explain -s $E2E --scenario E2E-MINOR $M/travellers.csv:6 > "$T/explain.txt"
check "explain exits 0" [ $? -eq 0 ]
check "explain shows the verdict" grep -q "^no hit  E2E-MINOR" "$T/explain.txt"
check "explain shows missing fields as unknown" grep -q "party_size missing" "$T/explain.txt"
$VIGIE explain -s $E2E --lang fr $M/travellers.csv:2 > "$T/explain.txt"
check "explain shows every scenario of the kind" [ "$(grep -cE '^(ALERTE|pas d.alerte)  E2E-' "$T/explain.txt")" -eq 3 ]
check "explain --lang fr translates the frame (score, seuil, indicateurs, consignes)" grep -q "^    score     [0-9-]* (seuil [0-9-]*)" "$T/explain.txt"
check "explain in French" grep -q "Orienter vers la protection" "$T/explain.txt"
$VIGIE explain -s $E2E --format json $M/shipments.csv:3 > "$T/explain.json"
check "explain json" grep -q '"verdict":[[:space:]]*"hit"' "$T/explain.json"
$VIGIE explain -s $E2E $M/travellers_bad.csv:3 2> "$T/err.txt"
check "explain of a rejected record exits 1" [ $? -eq 1 ]
check "explain says why the record is rejected" grep -q "one_way" "$T/err.txt"

# ---- eval against ground truth --------------------------------------------------------
$VIGIE eval -s $E2E --min-group 1 $M/travellers.csv $M/travellers.truth.csv > "$T/eval.txt"
check "eval exits 0" [ $? -eq 0 ]
check "eval: precision and recall per scenario" grep -Eq 'E2E-MINOR +3 +2 +1 +0 +0.67 +0.50' "$T/eval.txt"
check "eval: background hits counted" grep -Eq 'E2E-CASH-LAST-MINUTE +3 +2 +0 +1 +0.67 +0.50' "$T/eval.txt"
check "eval: recall of the whole ruleset" grep -Eq 'any scenario \(records\) +6 .* 0.75' "$T/eval.txt"
check "eval: look-alikes hit" grep -q 'look-alikes hit by any scenario: 1 of 2' "$T/eval.txt"
check "eval: the planted pattern found least" grep -q 'lowest recall of a planted pattern: 0.67 (minor_third_party)' "$T/eval.txt"
check "eval: the look-alike kind hit most" grep -q 'highest hit rate of a look-alike kind: 100.0% (lookalike_student, 1 of 1)' "$T/eval.txt"
check "eval: hit rate per age band" grep -q '0-17 500.00 (n=6)' "$T/eval.txt"
check "eval: hit rate per age band (adults)" grep -q '35-49 666.67 (n=3)' "$T/eval.txt"
printf 'key,pattern,label\nT1,x,maybe\n' > "$T/bad.truth.csv"
$VIGIE eval -s $E2E $M/travellers.csv "$T/bad.truth.csv" 2> "$T/err.txt"
check "eval: a bad truth file is named with its line" grep -q "bad.truth.csv:2: field 'label'" "$T/err.txt"

# ---- usage -------------------------------------------------------------------------------
$VIGIE nonsense 2>/dev/null
check "unknown command exits 2" [ $? -eq 2 ]
$VIGIE run --no-store 2>/dev/null
check "run without manifest exits 2" [ $? -eq 2 ]
check "help run documents exit codes" sh -c "$VIGIE help run | grep -q 'exit codes'"

# ---- the generator feeds the engine ----------------------------------------------------
if $VIGIE help gen >/dev/null 2>&1; then
  $VIGIE gen shipment -n 3000 --seed 5 --plant 0.05 -q -o "$T/gs.ndjson" --format ndjson
  $VIGIE run --no-store -q --threads 1 -s scenarios --force --hits "$T/gs1.ndjson" "$T/gs.ndjson"
  $VIGIE run --no-store -q --threads 4 -s scenarios --force --hits "$T/gs4.ndjson" "$T/gs.ndjson"
  sed -E 's/"run_id":"[^"]*"//' "$T/gs1.ndjson" > "$T/gs1"
  sed -E 's/"run_id":"[^"]*"//' "$T/gs4.ndjson" > "$T/gs4"
  check "generated shipments: same hits at 1 and 4 threads" cmp -s "$T/gs1" "$T/gs4"
  check "generated shipments: some hits" [ -s "$T/gs1" ]
  VIGIE_LUA_MEMO=0 $VIGIE run --no-store --no-store -q -s scenarios --force --hits "$T/gs0.ndjson" "$T/gs.ndjson"
  sed -E 's/"run_id":"[^"]*"//' "$T/gs0.ndjson" > "$T/gs0"
  check "generated shipments: the memo of function answers changes no hit" cmp -s "$T/gs0" "$T/gs1"
  $VIGIE gen traveller -n 2000 --seed 7 -o "$T/g1.csv" 2>/dev/null
  $VIGIE gen traveller -n 2000 --seed 7 -o "$T/g2.csv" 2>/dev/null
  check "gen is reproducible" cmp -s "$T/g1.csv" "$T/g2.csv"
  $VIGIE gen traveller -n 2000 --seed 7 --format ndjson -o "$T/g.ndjson" 2>/dev/null
  $VIGIE run --no-store -q -s scenarios --force --hits "$T/h1.ndjson" "$T/g1.csv"
  check "generated CSV runs clean on the shipped ruleset" [ $? -eq 0 ]
  $VIGIE run --no-store -q -s scenarios --force --hits "$T/h2.ndjson" "$T/g.ndjson"
  check "generated NDJSON runs clean" [ $? -eq 0 ]
  hits_summary "$T/h1.ndjson" > "$T/s1"
  hits_summary "$T/h2.ndjson" > "$T/s2"
  check "CSV and NDJSON of the same records give the same hits" cmp -s "$T/s1" "$T/s2"
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
