#!/bin/sh
# e2e_edifact.sh - `vigie run` on EDIFACT manifests (PAXLST, PNRGOV): counts that balance,
# the rejects file, standard input and gzip, and `vigie gen --format paxlst|pnrgov`, whose
# output gives the hits of the CSV of the same seed on the fields each message carries.
# Prints one line per failure and closes with "e2e_edifact: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
F=fixtures/readers/edifact
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL e2e_edifact: $1"; }
export VIGIE_CARD_KEY=e2e-edifact-card-key-0123

# counts FILE READ EVALUATED REJECTED [run options...]: the summary's total line
counts() {
  file=$1 read=$2 evaluated=$3 rejected=$4
  shift 4
  $VIGIE run --no-store --parse-only --rejects "$T/rejects" "$@" "$file" > /dev/null 2> "$T/err"
  line=$(grep -E '^  total \(read = evaluated \+ rejected\)' "$T/err" | tr -s ' ' | tr -d ',')
  want=" total (read = evaluated + rejected) $read $evaluated $rejected"
  if [ "$line" = "$want" ]; then ok; else fail "$file: got '$line', want '$want'"; cat "$T/err" | head -5; fi
}

counts $F/paxlst_good.edi 4 4 0
counts $F/pnrgov_good.edi 4 4 0
counts $F/bad_truncated.edi 2 1 1
counts $F/bad_unt_count.edi 1 1 0
counts $F/bad_mandatory.edi 2 1 1
counts $F/bad_date.edi 2 1 1
counts $F/bad_no_unh.edi 2 1 1
counts $F/bad_release_end.edi 2 1 1
counts $F/bad_tag.edi 3 1 2
counts $F/bad_pnrgov.edi 4 1 3

# the rejects file: file, line, field and reason, one a line
counts $F/bad_tag.edi 3 1 2
cat > "$T/want" <<WANT
$F/bad_tag.edi:4: field '(segment)': message 1 (UNH B1), segment 3 (?): 'nad' is not a segment tag (three capital letters or digits)
$F/bad_tag.edi:6: field '(message)': message 2 (UNH B2), segment 1 (UNH): message type 'INVOIC' is not PAXLST or PNRGOV
WANT
if cmp -s "$T/want" "$T/rejects"; then ok; else fail "bad_tag.edi rejects file"; diff "$T/want" "$T/rejects" | head -5; fi

# the count warnings reach the operator, naming file, line and message
counts $F/bad_unt_count.edi 1 1 0
if grep -qF "vigie: $F/bad_unt_count.edi:12: warning: message 1 (UNH G1): UNT says 12 segments, the message has 11" "$T/err"; then ok
else fail "bad_unt_count.edi: no UNT warning"; fi

# standard input (told by its UNA/UNB) and gzip
$VIGIE run --no-store --parse-only - < $F/paxlst_good.edi > /dev/null 2> "$T/err"
if grep -qE '^  total \(read = evaluated \+ rejected\) +4 +4 +0$' "$T/err"; then ok; else fail "PAXLST on standard input"; fi
gzip -c $F/pnrgov_good.edi > "$T/pnr.edi.gz"
counts "$T/pnr.edi.gz" 4 4 0

# the card number goes nowhere: not in hits, rejects or the store
$VIGIE run --db "$T/store.db" -s fixtures/rulesets/e2e --hits "$T/hits" $F/pnrgov_good.edi > /dev/null 2>&1
if grep -q "4111" "$T/hits" "$T/store.db"; then fail "a card number reached the hits or the store"; else ok; fi

# ---- vigie gen: EDIFACT output evaluates like the CSV of the same seed ----------------------
# hits without what differs by input (run id, source file and line)
hits() {
  rm -f "$T/h"
  $VIGIE run --no-store --threads "$3" -s "$2" --hits "$T/h" "$1" > /dev/null 2> "$T/err" || { echo "run failed: $(tail -2 "$T/err")"; return; }
  sed -E 's/"run_id":"[^"]*"//; s/"source":"[^"]*","line":[0-9]+//' "$T/h" | sort
}
$VIGIE gen traveller -n 3000 --seed 11 --plant 0.05 -q -o "$T/g.csv"
$VIGIE gen traveller -n 3000 --seed 11 --plant 0.05 -q --format pnrgov -o "$T/g-pnr.edi"
$VIGIE gen traveller -n 3000 --seed 11 --plant 0.05 -q --format paxlst -o "$T/g-pax.edi"
counts "$T/g-pnr.edi" 3000 3000 0
counts "$T/g-pax.edi" 3000 3000 0
if grep -q '^UNH+' "$T/g-pnr.edi" && ! grep -q '^TIF' "$T/g-pax.edi" && grep -q '^NAD+FL' "$T/g-pax.edi"; then ok; else fail "gen EDIFACT output has the wrong segments"; fi

# PNRGOV carries every field the e2e ruleset reads (payment, booking date, party, one-way)
hits "$T/g.csv" fixtures/rulesets/e2e 1 > "$T/csv.hits"
hits "$T/g-pnr.edi" fixtures/rulesets/e2e 1 > "$T/pnr.hits"
if [ -s "$T/csv.hits" ] && cmp -s "$T/csv.hits" "$T/pnr.hits"; then ok; else
  fail "PNRGOV from gen: hits differ from the CSV's ($(wc -l < "$T/csv.hits") against $(wc -l < "$T/pnr.hits"))"
  diff "$T/csv.hits" "$T/pnr.hits" | head -3 | cut -c1-300
fi
# PAXLST carries API fields only: the API ruleset gives the same hits on all three
hits "$T/g.csv" fixtures/rulesets/edifact 1 > "$T/csv.api"
hits "$T/g-pax.edi" fixtures/rulesets/edifact 1 > "$T/pax.api"
hits "$T/g-pnr.edi" fixtures/rulesets/edifact 2 > "$T/pnr.api"
if [ -s "$T/csv.api" ] && cmp -s "$T/csv.api" "$T/pax.api" && cmp -s "$T/csv.api" "$T/pnr.api"; then ok; else
  fail "API ruleset: hits on PAXLST or PNRGOV differ from the CSV's ($(wc -l < "$T/csv.api"), $(wc -l < "$T/pax.api"), $(wc -l < "$T/pnr.api"))"
  diff "$T/csv.api" "$T/pax.api" | head -3 | cut -c1-300
fi
# PAXLST has no payment or booking date: the PNR scenario is unknown there, never a hit
hits "$T/g-pax.edi" fixtures/rulesets/e2e 1 > "$T/pax.hits"
if grep -q 'E2E-CASH-LAST-MINUTE' "$T/pax.hits"; then fail "a PNR scenario hit on PAXLST"; else ok; fi

# gen refuses what EDIFACT cannot carry or name
$VIGIE gen shipment -n 1 --format pnrgov > /dev/null 2>&1
[ $? -eq 2 ] && ok || fail "gen shipment --format pnrgov is not refused"
$VIGIE gen traveller -n 1 -o "$T/x.edi" > /dev/null 2>&1
[ $? -eq 2 ] && ok || fail "gen -o x.edi without --format is not refused"
$VIGIE gen traveller -n 1 --format paxlst -o "$T/x.csv" > /dev/null 2>&1
[ $? -eq 2 ] && ok || fail "gen --format paxlst -o x.csv is not refused"

echo "e2e_edifact: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
