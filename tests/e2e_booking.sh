#!/bin/sh
# e2e_booking.sh - end-to-end tests of booking and link values: hand-written manifests
# whose every answer is known (fixtures/manifests/booking_*.csv on the ruleset
# fixtures/rulesets/booking), the same hits at 1, 2 and 4 threads and tiny ranges,
# explanations, governance and `check` errors on the new predicates, standard input.
# Prints one line per failure and closes with "booking: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL booking: $1"; }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
has() { if grep -qF -- "$3" "$2"; then ok; else fail "$1: no '$3' in $2"; fi; }
hasnt() { if grep -qF -- "$3" "$2"; then fail "$1: '$3' in $2"; else ok; fi; }

R=fixtures/rulesets/booking
TRV=fixtures/manifests/booking_travellers.csv
SHP=fixtures/manifests/booking_shipments.csv

# ---- the known answers ------------------------------------------------------------------
# travellers: ESC001 = DIAZ ANA (46, pays) with 4 minors of 4 other surnames, records far
# apart in the file; FAM001 = MARTIN PAUL (pays) with 4 MARTIN children; PAY001 = a minor
# paid for by SMITH JOHN, who is on no booking; PHN001-003 = ALVES, BRANCO, COSTA sharing
# +1 514 555 0101 written three ways; NUN001-003 = three NUNES bookings sharing one phone;
# MIS001 = OKAFOR (pays) with a companion whose date of birth is missing; every other
# record has no phone (a missing phone links nothing).
# shipments: BL-1 ACME TEXTILES first, BL-2 Beta Corp. first, BL-3 "acme textiles" and
# BL-5 "BETA CORP" seen before (keys fold case and punctuation), BL-4 has no shipper.
cat >"$T/expected" <<'X'
BK-ESCORT ESC-1 6 minors,unrelated,surnames
BK-SHARED-PHONE PH-1 2 surnames
BK-PAYER-ABSENT PAY-1 0 
BK-SHARED-PHONE PH-2 2 surnames
BK-SHARED-PHONE PH-3 2 surnames
BK-NEW-SHIPPER BL-1 0 
BK-NEW-SHIPPER BL-2 0 
X
summarise() {
  /usr/bin/python3 -c 'import json,sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    print(o["scenario"]["id"], o["record"]["key"], o["score"], ",".join(o["fired"]))' "$1"
}
strip_run() { sed 's/"run_id":"[^"]*",//' "$1"; }

for threads in 1 2 4; do
  quiet=-q; [ $threads -eq 2 ] && quiet=
  VIGIE_RANGE_BYTES=150 $VIGIE run $quiet -s $R --no-store --threads $threads --hits "$T/hits$threads.ndjson" \
    $TRV $SHP 2>"$T/err$threads"
  check "run at $threads threads exits 0" [ $? -eq 0 ]
  summarise "$T/hits$threads.ndjson" >"$T/got$threads"
  check "the hits at $threads threads are the known answers" cmp -s "$T/expected" "$T/got$threads"
  [ -s "$T/got$threads" ] && ! cmp -s "$T/expected" "$T/got$threads" && diff "$T/expected" "$T/got$threads"
done
strip_run "$T/hits1.ndjson" >"$T/h1"
strip_run "$T/hits2.ndjson" >"$T/h2"
strip_run "$T/hits4.ndjson" >"$T/h4"
check "hits are byte-identical at 1 and 2 threads" cmp -s "$T/h1" "$T/h2"
check "hits are byte-identical at 1 and 4 threads" cmp -s "$T/h1" "$T/h4"
has "the summary reports the index" "$T/err2" "booking and link index: 25 records"

# explanation data: the booking's records with ages and the payer; the linked records'
# keys and bookings, never the shared phone in the links section
/usr/bin/python3 - "$T/hits1.ndjson" >"$T/sections" <<'X'
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    k = o["record"]["key"]
    if "booking" in o:
        b = o["booking"]
        print(k, "booking", b["group"], b["records"],
              " ".join("%s:%s:%s%s" % (m["key"], m["surname"], m["age"], ":payer" if m.get("payer") else "") for m in b["members"]))
    for s in o.get("links", []):
        print(k, "link", s["link"], s["records"], s["bookings"], " ".join("%s@%s" % (m["key"], m["booking"]) for m in s["linked"]))
        print(k, "linksection", json.dumps(s))
X
has "the booking's members" "$T/sections" "ESC-1 booking ESC001 5 ESC-1:DIAZ:46:payer ESC-2:LOPEZ:15 ESC-3:RUIZ:14 ESC-4:GARCIA:13 ESC-5:SOTO:12"
has "the payer is not on PAY-1's booking" "$T/sections" "PAY-1 booking PAY001 1 PAY-1:KANE:16"
has "the linked records and bookings" "$T/sections" "PH-2 link contact_phone 3 3 PH-1@PHN001 PH-2@PHN002 PH-3@PHN003"
has "first-seen shipper lists the shipper's shipments" "$T/sections" "BL-1 link shipper_name 2 2 BL-1@BL-1 BL-3@BL-3"
grep linksection "$T/sections" >"$T/linksections"
hasnt "no phone number in the link sections" "$T/linksections" "555"

$VIGIE explain -s $R --scenario BK-ESCORT $TRV:2 >"$T/explain.txt" 2>&1
has "explain shows the booking" "$T/explain.txt" "booking ESC001: 5 records in the run"
has "explain shows the payer" "$T/explain.txt" "payer  (this record)"
$VIGIE explain -s $R --scenario BK-ESCORT $TRV:3 >"$T/explain-fam.txt" 2>&1
has "explain: the one-surname family does not hit" "$T/explain-fam.txt" "no hit  BK-ESCORT"
has "explain: its exonerating indicator fired" "$T/explain-fam.txt" "[yes]   -3 one_family"
$VIGIE explain -s $R --scenario BK-ESCORT $TRV:18 >"$T/explain-mis.txt" 2>&1
has "a missing age makes the only-adult condition unknown" "$T/explain-mis.txt" "[ ? ]      only_adult"

# the hit line (rendered without a tree) and explain's JSON (a cJSON tree) agree on the
# booking and link members
for at in ESC-1:2 PH-2:9; do
  key=${at%%:*}; line=${at#*:}
  for sc in BK-ESCORT BK-SHARED-PHONE; do
    $VIGIE explain -s $R --scenario $sc --format json $TRV:$line >"$T/ex.json" 2>/dev/null
    /usr/bin/python3 - "$T/ex.json" "$T/hits1.ndjson" "$key" "$sc" >"$T/agree" <<'X'
import json, sys
ex = json.load(open(sys.argv[1]))[0]
for l in open(sys.argv[2]):
    h = json.loads(l)
    if h["record"]["key"] == sys.argv[3] and h["scenario"]["id"] == sys.argv[4]:
        same = all(h.get(k) == ex.get(k) for k in ("booking", "links"))
        print("same" if same and ("booking" in h or "links" in h) else "differ")
X
    [ -s "$T/agree" ] && has "explain's JSON and the hit line agree ($key $sc)" "$T/agree" "same"
  done
done

# a PNRGOV message and its CSV twin give the same booking and link hits (ABC123's minor
# paid for by someone not on it; DEF456's payer travels with his daughter)
$VIGIE run -q -s $R --no-store --hits "$T/pnr-edi.ndjson" fixtures/readers/edifact/pnrgov_good.edi 2>/dev/null
$VIGIE run -q -s $R --no-store --hits "$T/pnr-csv.ndjson" fixtures/readers/edifact/pnrgov_good.csv 2>/dev/null
summarise "$T/pnr-edi.ndjson" >"$T/pnr-edi"
summarise "$T/pnr-csv.ndjson" >"$T/pnr-csv"
printf 'BK-PAYER-ABSENT ABC123-1 0 \n' >"$T/pnr-want"
check "PNRGOV: the booking values' hits" cmp -s "$T/pnr-want" "$T/pnr-edi"
check "PNRGOV and its CSV twin agree" cmp -s "$T/pnr-edi" "$T/pnr-csv"

# backtest evaluates booking and link values over the whole input too
$VIGIE backtest --no-store --candidate $R --baseline fixtures/rulesets/e2e $TRV >"$T/bt.txt" 2>&1
has "backtest: the escort is gained" "$T/bt.txt" "gained ESC-1            fixtures/manifests/booking_travellers.csv:2  score 6"
has "backtest: the shared phone's three bookings" "$T/bt.txt" "hits: baseline 0, candidate 3; in both 0 (score changed 0), gained 3, lost 0"

# the fixtures: booking: and others: make up the case's run
$VIGIE test $R >"$T/test.txt" 2>&1
check "vigie test on the booking ruleset passes" [ $? -eq 0 ]
has "vigie test counts the cases" "$T/test.txt" "ruleset: 16 passed, 0 failed"
has "coverage counts cases with booking records" "$T/test.txt" "BK-ESCORT        active     6 cases   6/6   100.0%"

# a broken booking: or others: is a bad-fixture finding with its line
mkdir -p "$T/badfx/schemas" "$T/badfx/traveller"
cp $R/schemas/*.yaml "$T/badfx/schemas/"
cp $R/traveller/payer_absent.lua "$T/badfx/traveller/"
cat >"$T/badfx/traveller/payer_absent.test.yaml" <<'X'
scenario: BK-PAYER-ABSENT
cases:
  - name: booking is not a sequence
    expect: hit
    record: { passenger_id: P-1, record_locator: PAY1, date_of_birth: 2010-09-09, departure: 2026-12-01T10:00:00Z }
    booking: { passenger_id: P-2 }
  - name: an other record with an unknown field
    expect: hit
    record: { passenger_id: P-1, record_locator: PAY1, date_of_birth: 2010-09-09, departure: 2026-12-01T10:00:00Z }
    others:
      - { passenger_id: P-3, phone: "1" }
X
$VIGIE check "$T/badfx" >"$T/badfx.txt" 2>&1
has "booking: must be a sequence" "$T/badfx.txt" "payer_absent.test.yaml:6: error[bad-fixture]: BK-PAYER-ABSENT: 'booking' is a mapping, not a sequence of records"
has "others: records are checked like the case's" "$T/badfx.txt" "payer_absent.test.yaml:11: error[bad-fixture]: BK-PAYER-ABSENT: field 'phone': no such field in the traveller schema"

# the store keeps the booking section with the hit; review show prints it; purge masks it
$VIGIE run -q -s $R --db "$T/r.db" $TRV 2>/dev/null
check "run into the store exits 0" [ $? -eq 0 ]
$VIGIE review show 1 --db "$T/r.db" --officer o1 >"$T/show.txt" 2>&1
has "review show prints the booking" "$T/show.txt" "booking ESC001: 5 records in the run"
has "review show prints the companions" "$T/show.txt" "ESC-5                SOTO                 age 12"
$VIGIE review purge --db "$T/r.db" --before 2999-01-01 --officer o1 >/dev/null 2>&1
$VIGIE review show 1 --db "$T/r.db" --officer o1 >"$T/show2.txt" 2>&1
hasnt "purge masks the companions' keys" "$T/show2.txt" "ESC-5"
hasnt "purge masks the companions' surnames" "$T/show2.txt" "SOTO"
has "purge keeps the booking's size" "$T/show2.txt" "booking (masked): 5 records in the run"

# standard input is read twice: a pipe through a temporary copy, the same hits as the file
$VIGIE run -q -s $R --no-store --hits "$T/file.ndjson" $TRV 2>/dev/null
cat $TRV | $VIGIE run -q -s $R --no-store --hits "$T/stdin.ndjson" - 2>"$T/stdin.err"
check "piped standard input with booking values runs" [ $? -eq 0 ]
check "... with the file's hits" [ -s "$T/file.ndjson" ] && [ "$(summarise "$T/file.ndjson")" = "$(summarise "$T/stdin.ndjson")" ]

# a ruleset without booking or link values builds no index
$VIGIE run -q -s fixtures/rulesets/e2e --no-store --hits "$T/plain.ndjson" fixtures/manifests/travellers.csv 2>"$T/plain.err"
hasnt "no index without booking or link values" "$T/plain.err" "booking and link index"

# ---- the store's link history ------------------------------------------------------------
H=$T/history.db
printf 'shipment_id,shipper_name,consignee_name,country_of_origin,hs_code\nBL-21,Acme Textiles,NORTH IMPORTS,CN,520100\nBL-22,Gamma Ltd,NORTH IMPORTS,VN,610910\n' >"$T/ship2.csv"
$VIGIE run -q -s $R --link-days 30 --db "$H" $SHP 2>/dev/null
check "a first shipment run into the store" [ $? -eq 0 ]
$VIGIE run -s $R --link-days 30 --db "$H" --hits "$T/hist.ndjson" "$T/ship2.csv" 2>"$T/hist.err"
summarise "$T/hist.ndjson" >"$T/hist.got"
printf 'BK-NEW-SHIPPER BL-22 0 \n' >"$T/hist.want"
check "a shipper seen in an earlier run is not new; a new one is" cmp -s "$T/hist.want" "$T/hist.got"
has "the summary counts the history" "$T/hist.err" "booking and link index: 4 records (2 from earlier runs in the store)"
$VIGIE run -q -s $R --db "$H" --rerun --link-days 0 --hits "$T/hist0.ndjson" "$T/ship2.csv" 2>/dev/null
summarise "$T/hist0.ndjson" >"$T/hist0.got"
printf 'BK-NEW-SHIPPER BL-21 0 \nBK-NEW-SHIPPER BL-22 0 \n' >"$T/hist0.want"
check "--link-days 0: this run only" cmp -s "$T/hist0.want" "$T/hist0.got"
check "--link-days 0 keeps nothing" [ "$(sqlite3 "$H" "SELECT count(*) FROM link_history WHERE run_id = (SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1)")" -eq 0 ]
$VIGIE run -q -s $R --db "$T/nohist.db" $SHP 2>/dev/null
check "without --link-days a run keeps no link history" [ "$(sqlite3 "$T/nohist.db" "SELECT count(*) FROM link_history")" -eq 0 ]
check "the store keeps hashes, never the shipper's name" [ "$(sqlite3 "$H" "SELECT count(*) FROM link_history WHERE link = 'shipper_name'")" -ge 6 ]
sqlite3 "$H" "SELECT * FROM link_history" >"$T/history.rows"
hasnt "no shipper name in the link history" "$T/history.rows" "cme"
has "the link history names the records" "$T/history.rows" "BL-21"
sqlite3 "$H" "UPDATE link_history SET value = 1" 2>"$T/upd.err"
has "link history is append-only" "$T/upd.err" "link history is append-only"
# a phone: two bookings in one run, the third in the next; the third links to the earlier ones
head -1 $TRV >"$T/ph1.csv"; grep -E '^PH-[12],' $TRV >>"$T/ph1.csv"
head -1 $TRV >"$T/ph2.csv"; grep -E '^PH-3,' $TRV >>"$T/ph2.csv"
$VIGIE run -q -s $R --link-days 30 --db "$T/ph.db" --hits "$T/ph1.ndjson" "$T/ph1.csv" 2>/dev/null
check "two bookings with the phone: no hit" [ ! -s "$T/ph1.ndjson" ]
$VIGIE run -q -s $R --link-days 30 --db "$T/ph.db" --hits "$T/ph2.ndjson" "$T/ph2.csv" 2>/dev/null
summarise "$T/ph2.ndjson" >"$T/ph2.got"
printf 'BK-SHARED-PHONE PH-3 2 surnames\n' >"$T/ph2.want"
check "the third booking, in the next run, hits" cmp -s "$T/ph2.want" "$T/ph2.got"
grep -qF '"linked":[{"key":"PH-1","booking":"PHN001","surname":""},{"key":"PH-2","booking":"PHN002","surname":""},{"key":"PH-3","booking":"PHN003","surname":"COSTA","self":true}]' "$T/ph2.ndjson"
check "its explanation names the earlier runs' records and bookings" [ $? -eq 0 ]
$VIGIE review purge --db "$T/ph.db" --before 2999-01-01 --officer o1 >"$T/purge.txt" 2>&1
$VIGIE run -q -s $R --link-days 30 --db "$T/ph.db" --rerun --hits "$T/ph3.ndjson" "$T/ph2.csv" 2>/dev/null
check "purge deletes the link history: the next run sees none" [ ! -s "$T/ph3.ndjson" ]
check "no link history row is left" [ "$(sqlite3 "$T/ph.db" "SELECT count(*) FROM link_history WHERE run_id <> (SELECT max(id) FROM runs)")" -eq 0 ]

# ---- check: governance, types, arity, names ----------------------------------------------
mk() { # mk NAME WHEN [JUSTIFICATION]: a ruleset with one traveller scenario
  d=$T/rs-$1
  mkdir -p "$d/schemas" "$d/traveller"
  cp $R/schemas/*.yaml "$d/schemas/"
  cat >"$d/traveller/x.lua" <<Y
scenario {
  id = "X-$1", title = { en = "x", fr = "x" }, applies_to = "${4:-traveller}", status = "draft", owner = "tests",
  review_by = "2099-12-31", subject = "other", rationale = "r", guidance = "g", threshold = 1,
  ${3:-}
  indicators = { indicator "i" { label = "l", weight = 1, when = $2 } },
}
Y
  $VIGIE check "$d" >"$T/check-$1.txt" 2>&1
}
mk unjustified 'booking "minors" :ge(2) & booking "payer_travels" :equals(false)'
has "an unjustified protected read through a booking value is refused" "$T/check-unjustified.txt" "error[unjustified-protected]: X-unjustified: reads the protected field 'age'"
mk justified 'booking "minors" :ge(2) & booking "payer_travels" :equals(false)' 'justification = { age = "minors" },'
hasnt "a justified one is accepted" "$T/check-justified.txt" "error["
mk type 'booking "minors" :equals(true)'
has "a count compared with a boolean" "$T/check-type.txt" "error[type-mismatch]"
mk order 'booking "payer_travels" :ge(1)'
has "an order on a yes/no value" "$T/check-order.txt" "error[wrong-field-type]"
mk value 'booking "grandparents" :ge(1)'
has "an unknown booking value" "$T/check-value.txt" "there is no booking value 'grandparents'"
mk key 'link("phone", "bookings") :ge(3)'
has "an unknown link key" "$T/check-key.txt" "record kind 'traveller' has no link key 'phone' (its keys: contact_phone, contact_email, card_fingerprint, payer, travel_agency)"
mk linkvalue 'link("contact_phone", "people") :ge(3)'
has "an unknown link value" "$T/check-linkvalue.txt" "there is no link value 'people'"
mk arity 'link("contact_phone") :ge(3)'
has "link needs a key and a value" "$T/check-arity.txt" "link expects a link key and a value name"
mk arity2 'booking "minors" :ge(2, 3)'
has "a method's arity is checked" "$T/check-arity2.txt" "ge takes booking \"v\" :ge(x); it was given (value, value)"
mk method 'booking "minors" :contains "x"'
has "a method booking values do not have" "$T/check-method.txt" "error[lua-error]"
mk logic 'booking "surnames" :ge(3) or link("contact_phone", "bookings") :ge(3)'
has "Lua's or on booking and link values is refused" "$T/check-logic.txt" "error[logic-on-predicates]"
mk shipment 'booking "minors" :ge(1)' "" shipment
has "a kind without the fields a value reads" "$T/check-shipment.txt" "booking \"minors\" reads field 'age', which record kind 'shipment' does not have"

echo "booking: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
