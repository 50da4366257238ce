#!/bin/sh
# e2e_revision.sh - end-to-end tests of rule revision: `vigie report` figures on a store
# with known dispositions (every figure checked against numbers worked out by hand
# below), `vigie backtest`, `vigie diff`, publish and approve.
# Prints one line per failure and closes with "revision: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL revision: $1"; }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
# has NAME FILE TEXT: FILE contains the line fragment TEXT (fixed string)
has() { if grep -qF -- "$3" "$2"; then ok; else fail "$1: no '$3' in $2"; fi; }

E2E=fixtures/rulesets/e2e
M=fixtures/manifests
DB=$T/v.db

# ---- a store with known dispositions ---------------------------------------------------
# fixtures/manifests/travellers.csv on the e2e ruleset hits (fixtures/expected):
#   item 1 LOC001: hit 1 E2E-CASH-LAST-MINUTE T1, hit 2 E2E-MINOR T1 (fired one_way, other_payer, hub)
#   item 2 LOC003: hit 3 E2E-CASH-LAST-MINUTE T3
#   item 3 LOC006: hit 4 E2E-MINOR T6 (fired one_way, other_payer)
#   item 4 LOC008: hit 5 E2E-CASH-LAST-MINUTE T8
#   item 5 LOC010: hit 6 E2E-MINOR T10 (fired one_way, other_payer, hub)
$VIGIE run -q -s $E2E --db "$DB" --hits "$T/hits.ndjson" $M/travellers.csv
check "run into the store exits 0" [ $? -eq 0 ]
decide() { $VIGIE review decide --db "$DB" --officer o1 "$@" >/dev/null; check "review decide $*" [ $? -eq 0 ]; }
decide 1 --hit 1 --disposition no-concern                          # CASH T1
decide 1 --hit 2 --disposition victim-referred --note "referred"   # MINOR T1: confirmed
decide 2 --disposition inconclusive --note "unclear"               # CASH T3
decide 3 --disposition victim-referred --note "referred"           # MINOR T6: confirmed
decide 4 --disposition not-examined --note "left"                  # CASH T8: not decided
decide 5 --disposition victim-referred --note "first view"         # MINOR T10, then amended:
decide 5 --disposition no-concern --amend                          #   the latest review counts

# ---- report: text ------------------------------------------------------------------------
$VIGIE report --db "$DB" --min-group 3 --as-of 2026-12-01 > "$T/r.txt"
check "report exits 0" [ $? -eq 0 ]
# E2E-MINOR: 10 records screened, 3 hits: 10000 * 3 / 10 = 3000.0 per 10,000; all 3 reviewed;
# latest dispositions victim-referred (T1, T6) and no-concern (T10, amended):
# decided 3, confirmed 2, precision 2/3.
# Wilson, z = 1.96, n = 3, p = 2/3: d = 1 + z^2/n = 2.28053; centre = (p + z^2/2n) / d =
# (0.66667 + 0.64027) / 2.28053 = 0.57309; half = z sqrt(p(1-p)/n + z^2/4n^2) / d =
# 1.96 * sqrt(0.07407 + 0.10671) / 2.28053 = 0.36543 -> [0.2077, 0.9385]
sed -n '/^E2E-MINOR /,/^$/p' "$T/r.txt" > "$T/minor.txt"
has "minor header" "$T/minor.txt" "E2E-MINOR  revision 7940de356dc8  active  owner tests  review by 2099-12-31 (ok)"
has "minor counts" "$T/minor.txt" "records 10  hits 3  per 10,000 records 3000.0  NOISY"
has "minor reviewed" "$T/minor.txt" "reviewed 3 of 3 (100.0%), victim-referred 2, no-concern 1"
has "minor precision" "$T/minor.txt" "precision 0.6667 [0.2077, 0.9385]  (2 confirmed of 3 decided)"
has "minor open" "$T/minor.txt" "errors 0  open 0  median open age - days"
# indicators: one_way and other_payer fired in all 3 hits (T1, T6, T10): 2 confirmed of 3,
# as above; hub fired in T1 and T10 only: share 2/3 = 66.7%, 1 confirmed of 2 decided:
# p = 0.5, d = 1 + 3.8416/2 = 2.9208, centre = (0.5 + 0.9604)/2.9208 = 0.5,
# half = 1.96 sqrt(0.125 + 0.2401)/2.9208 = 0.40549 -> [0.0945, 0.9055]
has "indicator one_way" "$T/minor.txt" "one_way                       3  100.0%       3         2  0.6667 [0.2077, 0.9385]"
has "indicator other_payer" "$T/minor.txt" "other_payer                   3  100.0%       3         2  0.6667 [0.2077, 0.9385]"
has "indicator hub" "$T/minor.txt" "hub                           2   66.7%       2         1  0.5000 [0.0945, 0.9055]"
# fairness on age (the one protected field E2E-MINOR reads): the run screened 10
# travellers: 0-17: 6 (hits T1, T6, T10 = 3), 35-49: 3 (0 hits), (missing): 1.
# Overall rate 3/10 = 0.3. 0-17: 3/6 = 0.5, ratio 0.5/0.3 = 1.6667 > 1.25 flagged;
# 35-49: 0/3 = 0, ratio 0 < 0.8 flagged; (missing): 1 < --min-group 3, too small.
has "group 0-17" "$T/minor.txt" "age                      0-17                6      3   0.5000   1.6667  OUTSIDE 0.8-1.25"
has "group 35-49" "$T/minor.txt" "age                      35-49               3      0   0.0000   0.0000  OUTSIDE 0.8-1.25"
has "group missing too small" "$T/minor.txt" "age                      (missing)           1      -        -        -  too small (under 3)"
# E2E-CASH-LAST-MINUTE: 3 hits of 10, latest no-concern (T1), inconclusive (T3),
# not-examined (T8): decided 2, confirmed 0, precision 0/2.
# Wilson n = 2, p = 0: d = 2.9208, centre = 0.9604/2.9208 = 0.32881, half = 1.96 *
# sqrt(0 + 0.2401)/2.9208 = 0.32881 -> [0.0000, 0.6576]; it reads no protected field.
sed -n '/^E2E-CASH-LAST-MINUTE /,/^$/p' "$T/r.txt" > "$T/cash.txt"
has "cash counts" "$T/cash.txt" "records 10  hits 3  per 10,000 records 3000.0  NOISY"
has "cash reviewed" "$T/cash.txt" "reviewed 3 of 3 (100.0%), no-concern 1, not-examined 1, inconclusive 1"
has "cash precision" "$T/cash.txt" "precision 0.0000 [0.0000, 0.6576]  (0 confirmed of 2 decided)"
check "cash has no fairness table" sh -c "! grep -q 'protected field' '$T/cash.txt'"
# noisy is hits > share * records: 3 > 0.3 * 10 is false, 3 > 0.29 * 10 is true
$VIGIE report --db "$DB" --noisy 0.3 > "$T/r2.txt"
check "--noisy 0.3: 3 hits in 10 records is not noisy" sh -c "! grep -q NOISY '$T/r2.txt'"
$VIGIE report --db "$DB" --noisy 0.29 > "$T/r2.txt"
check "--noisy 0.29: noisy" [ "$(grep -c NOISY "$T/r2.txt")" -eq 2 ]
# review_by 2099-12-31: due within 30 days as of 2099-12-15, overdue as of 2100-01-01
$VIGIE report --db "$DB" --as-of 2099-12-15 > "$T/r3.txt"
has "due soon" "$T/r3.txt" "review by 2099-12-31 (due-soon)"
$VIGIE report --db "$DB" --as-of 2100-01-01 > "$T/r3.txt"
has "overdue" "$T/r3.txt" "review by 2099-12-31 (overdue)"
has "overdue list" "$T/r3.txt" "reviews overdue or due within 30 days:"
# the window: a run outside it counts nothing
$VIGIE report --db "$DB" --until 2000-01-01 > "$T/r4.txt"
has "empty window" "$T/r4.txt" "no scenario ran in these runs"

# ---- report: CSV and JSON carry the same figures ---------------------------------------------
$VIGIE report --db "$DB" --min-group 3 --format csv > "$T/r.csv"
line=$(grep '^E2E-MINOR,' "$T/r.csv")
# ...,records 10, hits 3, per 10,000 3000, reviewed 3, share 1, dispositions (victim-referred,
# suspect-referred, goods-detained, no-concern, not-examined, inconclusive) 2,0,0,1,0,0,
# decided 3, confirmed 2, precision and bounds, errors 0, open 0, no age, no share, noisy
case "$line" in
  *",1,10,3,3000.0000,3,1.0000,2,0,0,1,0,0,3,2,0.6667,0.2077,0.9385,0,0,,,yes,,,") ok ;;
  *) fail "CSV scenario row: $line" ;;
esac
$VIGIE report --db "$DB" --min-group 3 --format csv --table groups > "$T/g.csv"
has "CSV group row" "$T/g.csv" "E2E-MINOR,7940de356dc8a4ba10fd8f85995466df3f7abdcd4d5c0d219d28caf57b7d25a8,age,0-17,6,3,0.5000,1.6667,yes,no"
has "CSV too small row" "$T/g.csv" "E2E-MINOR,7940de356dc8a4ba10fd8f85995466df3f7abdcd4d5c0d219d28caf57b7d25a8,age,(missing),1,,,,no,yes"
$VIGIE report --db "$DB" --format csv --table indicators > "$T/i.csv"
has "CSV indicator row" "$T/i.csv" "E2E-MINOR,7940de356dc8a4ba10fd8f85995466df3f7abdcd4d5c0d219d28caf57b7d25a8,hub,2,0.6667,2,1,0.5000,0.0945,0.9055"
$VIGIE report --db "$DB" --min-group 3 --format json -o "$T/r.json"
check "report -o json exits 0" [ $? -eq 0 ]
python3 - "$T/r.json" > "$T/j.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["scenarios"]:
    p = s["precision"]
    print(s["id"], s["tally"]["hits"], s["tally"]["decided"], s["tally"]["confirmed"],
          "%.4f" % s["hits_per_10000"], "-" if p["value"] is None else "%.4f %.4f %.4f" % (p["value"], p["low"], p["high"]))
    for g in s["groups"]:
        print(" ", g["field"], g["group"], g["too_small"], "-" if g["ratio"] is None else "%.4f" % g["ratio"], g["flagged"])
PY
has "JSON minor" "$T/j.txt" "E2E-MINOR 3 3 2 3000.0000 0.6667 0.2077 0.9385"
has "JSON cash" "$T/j.txt" "E2E-CASH-LAST-MINUTE 3 2 0 3000.0000 0.0000 0.0000 0.6576"
has "JSON group ratio" "$T/j.txt" "  age 0-17 False 1.6667 True"
has "JSON too small" "$T/j.txt" "  age (missing) True - False"

# ---- report: usage -----------------------------------------------------------------------------
$VIGIE report --db "$DB" --format xml >/dev/null 2>&1
check "unknown format exits 2" [ $? -eq 2 ]
$VIGIE report --db "$DB" --since yesterday >/dev/null 2>&1
check "bad date exits 2" [ $? -eq 2 ]

echo "revision: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
