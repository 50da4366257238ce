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
$VIGIE run -q -s $E2E --db "$DB" --force --hits "$T/hits.ndjson" $M/travellers.csv
check "run into the store exits 0" [ $? -eq 0 ]
# E2E-MINOR's revision, as the run wrote it (it hashes the scenario with its schema, so
# a new field in the shipped schema changes it): the checks below compare with it.
MINOR_REV=$(/usr/bin/python3 -c 'import json,sys
for l in open(sys.argv[1]):
    s = json.loads(l)["scenario"]
    if s["id"] == "E2E-MINOR": print(s["revision"]); break' "$T/hits.ndjson")
MINOR_REV12=$(printf %.12s "$MINOR_REV")
check "E2E-MINOR's revision is read from the hits" [ ${#MINOR_REV} -eq 64 ]
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
has "minor header" "$T/minor.txt" "E2E-MINOR  revision $MINOR_REV12  active  owner tests  review by 2099-12-31 (ok)"
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
has "a kind these runs never read is one line" "$T/r.txt" "not screened in these runs (no record of their kind): E2E-LISTED-GOOD"
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
has "CSV group row" "$T/g.csv" "E2E-MINOR,$MINOR_REV,age,0-17,6,3,0.5000,1.6667,yes,no"
has "CSV too small row" "$T/g.csv" "E2E-MINOR,$MINOR_REV,age,(missing),1,,,,no,yes"
$VIGIE report --db "$DB" --format csv --table indicators > "$T/i.csv"
has "CSV indicator row" "$T/i.csv" "E2E-MINOR,$MINOR_REV,hub,2,0.6667,2,1,0.5000,0.0945,0.9055"
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
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["days"]; print(" ".join("%s:%d:%d:%d" % (x["scenario"], x["records"], x["tally"]["hits"], x["tally"]["confirmed"]) for x in d))' "$T/r.json" > "$T/days.txt"
has "JSON days" "$T/days.txt" "E2E-CASH-LAST-MINUTE:10:3:0 E2E-LISTED-GOOD:0:0:0 E2E-MINOR:10:3:2"

# ---- report: usage -----------------------------------------------------------------------------
$VIGIE report --db "$DB" --format xml >/dev/null 2>&1
check "unknown format exits 2" [ $? -eq 2 ]
$VIGIE report --db "$DB" --since yesterday >/dev/null 2>&1
check "bad date exits 2" [ $? -eq 2 ]

# ---- random controls through vigie run --random-rate: confirmed rate and lift -----------------
# --random-rate 1 samples every record: 10 control items (T1..T10), each its own item,
# beside the scenario items of the first store.
DB2=$T/c.db
$VIGIE run -q -s $E2E --db "$DB2" --force --hits "$T/c.ndjson" --random-rate 1 $M/travellers.csv
check "run with --random-rate 1 exits 0" [ $? -eq 0 ]
$VIGIE review list --db "$DB2" --status all --limit 100 > "$T/queue.txt"
# item id of the control item, or of the scenario item, of a booking
control_item() { awk -v loc="$1" '$4 == "CONTROL" && $5 == loc { print $1 }' "$T/queue.txt"; }
scenario_item() { awk -v loc="$1" '$4 != "CONTROL" && $5 == loc { print $1 }' "$T/queue.txt"; }
check "10 control items" [ "$(awk '$4 == "CONTROL"' "$T/queue.txt" | wc -l)" -eq 10 ]
d2() { $VIGIE review decide --db "$DB2" --officer o2 "$@" >/dev/null; check "decide $*" [ $? -eq 0 ]; }
d2 "$(control_item LOC001)" --disposition victim-referred --note "found"   # the one confirmed control
for loc in LOC002 LOC003 LOC004 LOC005 LOC006 LOC007 LOC010; do
  d2 "$(control_item $loc)" --disposition no-concern
done
d2 "$(control_item LOC008)" --disposition suspect-referred --note "smuggler" # decided, not a victim
d2 "$(control_item LOC009)" --disposition not-examined --note "gone"         # not decided
d2 "$(scenario_item LOC001)" --disposition victim-referred --note "found"   # MINOR T1 and CASH T1
d2 "$(scenario_item LOC006)" --disposition victim-referred --note "found"   # MINOR T6
d2 "$(scenario_item LOC010)" --disposition no-concern                       # MINOR T10
d2 "$(scenario_item LOC003)" --disposition no-concern                       # CASH T3
d2 "$(scenario_item LOC008)" --disposition no-concern                       # CASH T8
$VIGIE report --db "$DB2" > "$T/rc.txt"
# controls, judged as possible-victim hits: decided 9 (all but T9), confirmed 1 (T1):
# rate 1/9 = 0.1111; Wilson n = 9: d = 1 + 3.8416/9 = 1.42684, centre = (0.11111 +
# 0.21342)/1.42684 = 0.22745, half = 1.96 sqrt(0.010974 + 0.011858)/1.42684 = 0.20756
# -> [0.0199, 0.4350]
has "control rate" "$T/rc.txt" "traveller  as possible-victim       controls 10  decided 9  confirmed 1  rate 0.1111 [0.0199, 0.4350]"
# E2E-MINOR: 2 confirmed of 3 decided; lift = (2/3)/(1/9) = 6; Katz se = sqrt(1/2 - 1/3 +
# 1/1 - 1/9) = 1.027402; bounds 6 exp(-/+ 1.96 * 1.027402) = [0.8010, 44.9463]
sed -n '/^E2E-MINOR /,/^$/p' "$T/rc.txt" > "$T/rcm.txt"
has "minor lift" "$T/rcm.txt" "lift over random controls 6.0000 [0.8010, 44.9463]  (controls: 1 confirmed of 9 decided)"
# E2E-CASH-LAST-MINUTE: T1 confirmed, T3 T8 not: 1/3; lift = (1/3)/(1/9) = 3; se =
# sqrt(1 - 1/3 + 1 - 1/9) = 1.247219 -> [0.2603, 34.5761]
sed -n '/^E2E-CASH-LAST-MINUTE /,/^$/p' "$T/rc.txt" > "$T/rcc.txt"
has "cash precision with controls" "$T/rcc.txt" "precision 0.3333 [0.0615, 0.7923]  (1 confirmed of 3 decided)"
has "cash lift" "$T/rcc.txt" "lift over random controls 3.0000 [0.2603, 34.5761]  (controls: 1 confirmed of 9 decided)"
has "control hits counted apart" "$T/rc.txt" "random controls: 10 hits"
$VIGIE report --db "$DB2" --format csv --table controls > "$T/rc.csv"
has "CSV controls" "$T/rc.csv" "traveller,possible-victim,10,10,9,1,0.1111,0.0199,0.4350"

# ---- report: one self-contained HTML page, opened in headless Chromium ------------------------
$VIGIE report --db "$DB2" --min-group 3 --format html -o "$T/r.html"
check "report --format html exits 0" [ $? -eq 0 ]
check "html: nothing to fetch (no src, link, script or url())" [ "$(grep -ciE 'src=|<link|<script|url\(' "$T/r.html")" -eq 0 ]
check "html: an inline chart" grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$T/r.html"
has "html: the flagged group" "$T/r.html" '<td>0-17</td><td class=n>6</td><td class=n>3</td><td class=n>0.5000</td><td class=n>1.6667</td><td><span class=flag>'
has "html: too small" "$T/r.html" '<td>(missing)</td><td class=n>1</td><td colspan=4>too small</td>'
has "html: precision and lift" "$T/r.html" '<td class=n>0.6667 <small>[0.2077, 0.9385]</small></td><td class=n>6.0000 <small>[0.8010, 44.9463]</small></td>'
has "html: control rate" "$T/r.html" '<td class=n>0.1111 <small>[0.0199, 0.4350]</small></td>'
SHOT=${VIGIE_SCREENSHOT:-build/report-screenshot.png}
mkdir -p "$(dirname "$SHOT")"
/usr/bin/python3 tests/browser_report.py "$T/r.html" "$SHOT" > "$T/browser.txt" 2>&1
check "headless Chromium opens the page and saves $SHOT" [ $? -eq 0 ]
grep '^FAIL' "$T/browser.txt" | sed 's/^/  browser: /'
grep -q 'Traceback' "$T/browser.txt" && tail -3 "$T/browser.txt"

# ---- backtest: a candidate that changes a weight, a threshold and a list entry, and adds an indicator
CAND=$T/candidate
cp -rL $E2E "$CAND"
# E2E-MINOR: threshold 4 -> 5; hub weight 1 -> 3; new indicator bags (-3 when 2 or more
# checked bags); hubs list gains YUL. E2E-CASH-LAST-MINUTE reads no list: unchanged.
sed -i -e 's/threshold = 4,/threshold = 5,/' \
       -e 's/indicator "hub" { label = "Via a hub", weight = 1,/indicator "hub" { label = "Via a hub", weight = 3,/' \
       -e 's/^    indicator "family"/    indicator "bags" { label = "Two or more bags", weight = -3, when = field "baggage_count" :ge(2) },\n    indicator "family"/' \
       "$CAND/traveller/minor.lua"
sed -i 's/entries: \[IST, DXB,/entries: [IST, DXB, YUL,/' "$CAND/lists/hubs.yaml"
check "candidate edited" grep -q '"bags"' "$CAND/traveller/minor.lua"
$VIGIE backtest --db "$DB" --candidate "$CAND" --baseline $E2E $M/travellers.csv > "$T/bt.txt" 2>"$T/bt.err"
check "backtest exits 0" [ $? -eq 0 ]
# Minors (condition age < 18): T1 T2 T4 T5 T6 T10. Baseline scores (one_way 2, other_payer 2,
# hub 1, family -3): T1 5, T2 2, T4 -3, T5 3, T6 4, T10 5 -> hits T1 T6 T10 at 4.
# Candidate (hub 3 with YUL, bags -3): T1 2+2+3 = 7; T2 2+2+3-3-3 = 1; T4 3-3-3 = -3;
# T5 2+3 = 5 (payer and party missing); T6 2+2+3 = 7 (YUL); T10 2+2+3-3 = 4
# -> hits at 5: T1 T5 T6. In both T1 (5 -> 7) and T6 (4 -> 7), gained T5, lost T10.
sed -n '/^E2E-MINOR /,/^$/p' "$T/bt.txt" > "$T/btm.txt"
has "bt read once" "$T/bt.txt" "records: read 10 = evaluated 10 + rejected 0; manifests read 1 time; 5 records with a known disposition"
has "bt stored" "$T/bt.txt" "(kind backtest: never in the review queue)"
has "bt minor counts" "$T/btm.txt" "hits: baseline 3, candidate 3; in both 2 (score changed 2), gained 1, lost 1"
has "bt gained T5" "$T/btm.txt" "gained T5               fixtures/manifests/travellers.csv:6  score 5"
has "bt lost T10" "$T/btm.txt" "lost   T10              fixtures/manifests/travellers.csv:11  score was 5  (no-concern)"
has "bt score T1" "$T/btm.txt" "score  T1               fixtures/manifests/travellers.csv:2  score 5 -> 7  (victim-referred, confirmed)"
has "bt score T6" "$T/btm.txt" "score  T6               fixtures/manifests/travellers.csv:7  score 4 -> 7  (victim-referred, confirmed)"
check "bt lists exactly 4 changes" [ "$(grep -cE '^    (gained|lost|score) ' "$T/btm.txt")" -eq 4 ]
# dispositions: T10 was no-concern (the amendment), so the lost hit is not confirmed; T5 was
# never hit; baseline known precision T1 T6 confirmed, T10 not: 2/3; candidate T1 T6: 2/2
has "bt lost split" "$T/btm.txt" "lost: 0 confirmed, 1 not confirmed, 0 with no decision"
has "bt gained split" "$T/btm.txt" "gained: 0 confirmed, 0 not confirmed, 1 with no decision"
has "bt precision" "$T/btm.txt" "known precision: baseline 0.6667 (2 confirmed of 3 decided), candidate 1.0000 (2 confirmed of 2 decided)"
# sweep over candidate scores 7 7 5 4 1 -3 (T1 T6 T5 T10 T2 T4; decided T1 T6 T10, confirmed T1 T6)
has "sweep low" "$T/btm.txt" "-15..-3         6      3      2  0.6667"
has "sweep -2..1" "$T/btm.txt" "-2..1           5      3      2  0.6667"
has "sweep 2..4" "$T/btm.txt" "2..4            4      3      2  0.6667"
has "sweep at 5" "$T/btm.txt" "5               3      2      2  1.0000  <- candidate"
has "sweep 6..7" "$T/btm.txt" "6..7            2      2      2  1.0000"
has "sweep high" "$T/btm.txt" "8..25           0      0      0  -"
sed -n '/^E2E-CASH-LAST-MINUTE /,/^$/p' "$T/bt.txt" > "$T/btc.txt"
has "cash unchanged" "$T/btc.txt" "unchanged (revision 999795850fb4)"
has "cash same hits" "$T/btc.txt" "hits: baseline 3, candidate 3; in both 3 (score changed 0), gained 0, lost 0"
check "no sweep for an unchanged scenario" sh -c "! grep -q sweep '$T/btc.txt'"
# the draft runs only in the backtest: 9 one-way travellers gained; subject other confirms
# suspect-referred or goods-detained only: T1 T6 (victim-referred), T3 (inconclusive) and
# T10 (no-concern) are decided, not confirmed; T8 not-examined and T2 T5 T7 T9 unknown
sed -n '/^E2E-DRAFT /,/^$/p' "$T/bt.txt" > "$T/btd.txt"
has "draft new" "$T/btd.txt" "NEW in the candidate"
has "draft gained" "$T/btd.txt" "hits: baseline 0, candidate 9; in both 0 (score changed 0), gained 9, lost 0"
has "draft split" "$T/btd.txt" "gained: 0 confirmed, 4 not confirmed, 5 with no decision"
$VIGIE backtest --db "$DB" --candidate "$CAND" --baseline $E2E --format html -o "$T/bt.html" $M/travellers.csv
check "backtest --format html exits 0" [ $? -eq 0 ]
check "backtest html: nothing to fetch" [ "$(grep -ciE 'src=|<link|<script|url\(' "$T/bt.html")" -eq 0 ]
has "backtest html: the minor row" "$T/bt.html" '<td>changed</td><td class=n>3</td><td class=n>3</td><td class=n>2</td><td class=n>2</td><td class=n>1</td><td class=n>1</td><td class=n>0</td><td class=n>1</td><td class=n>0</td><td class=n>0.6667 <small>(2/3)</small></td><td class=n>1.0000 <small>(2/2)</small></td>'
has "backtest html: the lost record" "$T/bt.html" '<tr class=""><td>lost</td><td>T10</td><td>fixtures/manifests/travellers.csv:11</td><td class=n>5</td><td class=n>&ndash;</td><td>no-concern</td></tr>'
/usr/bin/python3 tests/browser_report.py "$T/bt.html" "${SHOT%.png}-backtest.png" backtest > "$T/browser2.txt" 2>&1
check "headless Chromium opens the backtest page" [ $? -eq 0 ]
grep '^FAIL' "$T/browser2.txt" | sed 's/^/  browser: /'
# the same against the stored run instead of the baseline directory
RUN=$(sed -n 's/.*"run_id":"\([^"]*\)".*/\1/p' "$T/hits.ndjson" | head -1)
$VIGIE backtest --db "$DB" --candidate "$CAND" --baseline-run "$RUN" --format json -o "$T/bt.json" $M/travellers.csv
check "backtest --baseline-run exits 0" [ $? -eq 0 ]
python3 - "$T/bt.json" > "$T/btj.txt" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for s in b["scenarios"]:
    ch = " ".join("%s:%s" % (c["change"], c["key"]) for c in s["changes"])
    print(s["id"], s["baseline_hits"], s["candidate_hits"], s["both"], s["gained"], s["lost"], s["lost_not_confirmed"], ch)
PY
has "baseline-run minor" "$T/btj.txt" "E2E-MINOR 3 3 2 1 1 1 gained:T5 lost:T10 score:T1 score:T6"
has "baseline-run cash" "$T/btj.txt" "E2E-CASH-LAST-MINUTE 3 3 3 0 0 0"
# the backtests are not production runs: the report's figures stay
$VIGIE report --db "$DB" > "$T/r5.txt"
check "report ignores backtests" [ "$(grep -c 'subject possible-victim, threshold 4, 1 run' "$T/r5.txt")" -eq 1 ]
# a schema change: baseline scenarios of that kind need their own read
sed -i '/{name: sex, /a\  - {name: loyalty_tier, type: string, description: "Added for the test"}' "$CAND/schemas/traveller.yaml"
$VIGIE backtest --no-store --candidate "$CAND" --baseline $E2E $M/travellers.csv > "$T/bt2.txt" 2>&1
check "backtest over a changed schema exits 0" [ $? -eq 0 ]
has "two reads" "$T/bt2.txt" "manifests read 2 times"
sed -n '/^E2E-MINOR /,/^$/p' "$T/bt2.txt" > "$T/btm2.txt"
has "same answer on two reads" "$T/btm2.txt" "hits: baseline 3, candidate 3; in both 2 (score changed 2), gained 1, lost 1"
# the schema change adds a field no scenario reads: E2E-CASH-LAST-MINUTE (declarative) keeps
# its revision; E2E-MINOR has a Lua function indicator, which may read any field
sed -n '/^E2E-CASH-LAST-MINUTE /,/^$/p' "$T/bt2.txt" > "$T/btc2.txt"
has "cash keeps its revision over a schema change" "$T/btc2.txt" "unchanged (revision 999795850fb4)"

# ---- diff ------------------------------------------------------------------------------------
$VIGIE diff $E2E "$CAND" > "$T/diff.txt"
check "diff with changes exits 1" [ $? -eq 1 ]
has "diff minor" "$T/diff.txt" "E2E-MINOR  CHANGED (revision $MINOR_REV12 -> "
has "diff threshold" "$T/diff.txt" "    threshold: 4 -> 5"
has "diff weight" "$T/diff.txt" "    indicator hub: weight +1 -> +3"
has "diff added indicator" "$T/diff.txt" '    indicator bags "Two or more bags" added, weight -3: field "baggage_count" :ge(2)'
has "diff list entry" "$T/diff.txt" "    list hubs: added YUL"
has "diff schema" "$T/diff.txt" "    schema traveller changed (none of the fields it reads changed type or went away)"
has "diff cash unchanged" "$T/diff.txt" "E2E-CASH-LAST-MINUTE  unchanged (revision 999795850fb4)"
$VIGIE diff $E2E $E2E > "$T/diff0.txt"
check "diff of a ruleset with itself exits 0" [ $? -eq 0 ]
has "identical" "$T/diff0.txt" ": identical"
C3=$T/c3
cp -rL $E2E "$C3"
rm "$C3/traveller/draft.lua"
sed -i -e 's/owner = "tests", review_by = "2099-12-31"/owner = "analyst-7", review_by = "2027-06-30"/' \
       -e 's/label = "Paid cash"/label = "Paid in cash"/' -e 's/:lt(48)/:lt(24)/' -e 's/"cash" }/"cash", "late" }/' \
       -e '/condition "one_way"/d' "$C3/traveller/cash.lua"
sed -i 's/entries: \[IST, DXB,/entries: [IST,/' "$C3/lists/hubs.yaml"
cat > "$C3/traveller/new.lua" <<'LUA'
scenario {
  id = "E2E-NEW", title = { en = "Any cash ticket", fr = "Tout billet payé en espèces" }, applies_to = "traveller",
  status = "draft", owner = "tests", review_by = "2099-12-31", subject = "other",
  rationale = "New.", guidance = "None.", threshold = 1,
  indicators = { indicator "cash" { label = "Cash", weight = 1, when = field "form_of_payment" :equals "CASH" } },
}
LUA
$VIGIE diff $E2E "$C3" > "$T/diff3.txt"
check "diff 3 exits 1" [ $? -eq 1 ]
sed -n '/^E2E-CASH-LAST-MINUTE /,/^$/p' "$T/diff3.txt" > "$T/d3c.txt"
has "diff owner" "$T/d3c.txt" "    owner: tests -> analyst-7"
has "diff review_by" "$T/d3c.txt" "    review by: 2099-12-31 -> 2027-06-30"
has "diff tag" "$T/d3c.txt" "    tag added: late"
has "diff label" "$T/d3c.txt" '    condition cash: label "Paid cash" -> "Paid in cash"'
has "diff definition" "$T/d3c.txt" '    condition late: definition field "booking_lead_hours" :lt(48) -> field "booking_lead_hours" :lt(24)'
has "diff removed condition" "$T/d3c.txt" '    condition one_way "One way" removed: field "one_way" :equals(true)'
has "diff list entry removed" "$T/diff3.txt" "    list hubs: removed DXB"
has "diff new scenario" "$T/diff3.txt" "E2E-NEW  ADDED (traveller, draft, other, threshold 1)"
has "diff removed scenario" "$T/diff3.txt" "E2E-DRAFT  REMOVED (was traveller, draft)"
has "diff file added" "$T/diff3.txt" "file added: traveller/new.lua"
has "diff file removed" "$T/diff3.txt" "file removed: traveller/draft.lua"
$VIGIE diff $E2E /nonexistent >/dev/null 2>&1
check "diff of a missing directory exits 3" [ $? -eq 3 ]

cp -rL $E2E "$T/broken" && echo 'scenario { id = "X"' > "$T/broken/traveller/bad.lua"
$VIGIE backtest --no-store --candidate "$T/broken" --baseline $E2E $M/travellers.csv >/dev/null 2>&1
check "backtest of a candidate that does not load exits 3" [ $? -eq 3 ]
$VIGIE backtest --no-store --candidate $E2E --baseline $E2E "$T/missing.csv" >/dev/null 2>&1
check "backtest of a missing manifest exits 4" [ $? -eq 4 ]
$VIGIE backtest --candidate "$CAND" $M/travellers.csv >/dev/null 2>&1
check "backtest without a baseline exits 2" [ $? -eq 2 ]

# ---- two people publish ------------------------------------------------------------------------
DB3=$T/p.db
PUB=$T/published
cp -rL $E2E "$PUB"
$VIGIE run -q --published -s "$PUB" --db "$DB3" --force --hits "$T/p0.ndjson" $M/travellers.csv 2>"$T/p0.err"
check "--published with nothing approved exits 3" [ $? -eq 3 ]
has "nothing approved says so" "$T/p0.err" "no published revision is active"
$VIGIE publish "$PUB" --by ana --note "first" --db "$DB3" > "$T/p1.txt"
check "publish exits 0" [ $? -eq 0 ]
REV=$($VIGIE check --list "$PUB" | sed -n 's/.*ruleset .* revision \([0-9a-f]*\)$/\1/p')
has "publish names the revision" "$T/p1.txt" "publication 1: revision $REV"
$VIGIE publish "$PUB" --by ana --db "$DB3" >/dev/null 2>"$T/p2.err"
check "the same revision twice exits 8" [ $? -eq 8 ]
$VIGIE approve "$REV" --by ana --db "$DB3" >/dev/null 2>"$T/p3.err"
check "self-approval exits 8" [ $? -eq 8 ]
has "self-approval says why" "$T/p3.err" "ana proposed revision $REV and cannot approve it"
$VIGIE run -q --published -s "$PUB" --db "$DB3" --force --hits "$T/p0.ndjson" $M/travellers.csv 2>/dev/null
check "--published before approval still refused" [ $? -eq 3 ]
$VIGIE approve "$REV" --by bob --db "$DB3" > "$T/p4.txt"
check "approval by another person exits 0" [ $? -eq 0 ]
has "approval output" "$T/p4.txt" "is now the active ruleset, approved by bob"
$VIGIE approve 1 --by carl --db "$DB3" >/dev/null 2>&1
check "approving the active one again exits 8" [ $? -eq 8 ]
$VIGIE run -q --published -s "$PUB" --db "$DB3" --force --hits "$T/p1.ndjson" $M/travellers.csv
check "--published on the active revision runs" [ $? -eq 0 ]
check "and finds the 6 hits" [ "$(wc -l < "$T/p1.ndjson")" -eq 6 ]
sed -i 's/threshold = 4,/threshold = 3,/' "$PUB/traveller/minor.lua"
$VIGIE run -q --published -s "$PUB" --db "$DB3" --force --hits "$T/p2.ndjson" $M/shipments.csv 2>"$T/p5.err"
check "--published on an edited directory exits 3" [ $? -eq 3 ]
has "names the changed file" "$T/p5.err" "traveller/minor.lua changed"
check "nothing was written" [ ! -e "$T/p2.ndjson" ]
$VIGIE publish "$PUB" --by bob --db "$DB3" >/dev/null
$VIGIE approve 2 --by ana --db "$DB3" >/dev/null
check "the second revision approved" [ $? -eq 0 ]
$VIGIE run -q --published -s "$PUB" --db "$DB3" --force --hits "$T/p3.ndjson" $M/shipments.csv
check "--published runs the new active revision" [ $? -eq 0 ]
$VIGIE publish --list --db "$DB3" > "$T/pl.txt"
has "list: superseded" "$T/pl.txt" "1    $(echo $REV | cut -c1-12) superseded proposed by ana"
check "list: the second is active" grep -q '^2 .* ACTIVE .*approved by ana' "$T/pl.txt"
$VIGIE approve 1 --by carl --db "$DB3" >/dev/null
check "approving the first again rolls back" [ $? -eq 0 ]
$VIGIE run -q --published -s "$PUB" --db "$DB3" --force --hits "$T/p4.ndjson" $M/shipments.csv 2>/dev/null
check "after the rollback the edited directory is refused" [ $? -eq 3 ]
$VIGIE review list --db "$DB3" >/dev/null
python3 - "$DB3" > "$T/audit.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("SELECT actor, action, object FROM audit WHERE action IN ('publish','approve') ORDER BY id"):
    print(*row)
try:
    db.execute("DELETE FROM approvals")
    print("deleted")
except sqlite3.DatabaseError as e:
    print("refused:", e)
PY
check "audit: 2 publish, 3 approve" [ "$(grep -c ' publish ' "$T/audit.txt")" -eq 2 -a "$(grep -c ' approve ' "$T/audit.txt")" -eq 3 ]
has "approvals are append-only" "$T/audit.txt" "refused: approvals are append-only"

echo "revision: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
