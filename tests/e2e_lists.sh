#!/bin/sh
# e2e_lists.sh - `vigie lists` end to end: import of each format from fixtures, a bad import
# that leaves the old list in place, diff, show, check --list and the overdue warning, and
# (when ../shared/lists-sources is beside the repository) that `make lists` reproduces the
# shipped dol_goods byte for byte. Last line: "lists: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else not_ok "$1" "$3"; fi; }
S=fixtures/lists/sources
TABLES="--hs-map scenarios/lists/sources/ilab_goods_hs.csv --countries scenarios/lists/sources/ilab_countries.csv"

# ---- import, each format ----
$VIGIE lists import --format ilab-xml $TABLES --edition 2022 --review-by 2027-01-01 $S/ilab_small.xml -o "$tmp/goods.yaml" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '6 records read, 7 entries, 1 left out' "$tmp/err"
check "import ilab-xml: exit 0 and the counts" $? "exit $rc: $(cat "$tmp/err")"
grep -q '^#   - Pornography, Colombia (line [0-9]*): no HS heading' "$tmp/goods.yaml" &&
  grep -q '^review_by: "2027-01-01"$' "$tmp/goods.yaml" &&
  grep -q 'value: "CN:3818".*source_name: "Photovoltaic Ingots; Photovoltaic Wafers", flags: \["downstream"\]' "$tmp/goods.yaml"
check "the list file says what was left out, its review date, each entry's name and flags" $? "$(cat "$tmp/goods.yaml")"
$VIGIE lists import --format ilab-csv $TABLES $S/ilab_changes.csv -o "$tmp/changes.yaml" 2>/dev/null
check "import ilab-csv" $? ""
$VIGIE lists import --format ftm --source "fixture" $S/entities.ftm.json -o "$tmp/entities.yaml" 2>/dev/null &&
  grep -q 'aliases: \["Example Silicon", "Old Example Silicon Co."\]' "$tmp/entities.yaml"
check "import ftm, with aliases" $? "$(cat "$tmp/entities.yaml")"
$VIGIE lists import --format csv $S/plain.csv -o "$tmp/places.yaml" 2>/dev/null
check "import csv" $? ""

# ---- a failed import never replaces the list ----
cp "$tmp/goods.yaml" "$tmp/keep.yaml"
$VIGIE lists import --format ilab-xml $TABLES $S/ilab_unknown_good.xml -o "$tmp/goods.yaml" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 4 ] && grep -q "good 'Moon Rocks'" "$tmp/err" && cmp -s "$tmp/goods.yaml" "$tmp/keep.yaml" && [ ! -e "$tmp/.goods.yaml.tmp" ]
check "an unknown good stops the import (exit 4) and the old list stays" $? "exit $rc: $(cat "$tmp/err")"
$VIGIE lists import --format ilab-xml $S/ilab_small.xml -o "$tmp/x.yaml" >/dev/null 2>&1
[ $? -eq 4 ]; check "ilab-xml without its tables exits 4" $? ""
$VIGIE lists import --format ilab-xml $TABLES $S/ilab_small.xml -o "$tmp/x.txt" >/dev/null 2>&1
[ $? -eq 2 ]; check "an output not named NAME.yaml exits 2" $? ""
$VIGIE lists import --format csv --review-by 2026-13-01 $S/plain.csv -o "$tmp/x.yaml" >/dev/null 2>&1
[ $? -eq 2 ]; check "a bad --review-by exits 2" $? ""

# ---- diff ----
$VIGIE lists diff "$tmp/changes.yaml" "$tmp/goods.yaml" >"$tmp/diff" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q '^+ CN:3818 ' "$tmp/diff" && grep -q '^- IN:030617 ' "$tmp/diff" &&
  grep -q '^~ CN:5201  .*edition: "" -> "2022"' "$tmp/diff" && grep -qE '^5 added, 5 removed, 2 changed, 0 unchanged$' "$tmp/diff"
check "diff: added, removed, changed with the field" $? "$(cat "$tmp/diff")"
$VIGIE lists diff scenarios/lists/dol_goods.yaml scenarios/lists/dol_goods.yaml >"$tmp/diff" 2>&1
grep -q '^0 added, 0 removed, 0 changed, [0-9]* unchanged$' "$tmp/diff" && grep -q 'scenarios/shipment/dol_listed_pair.lua' "$tmp/diff"
check "diff of a list with itself: nothing, and the scenarios that read it" $? "$(tail -5 "$tmp/diff")"
# with manifests: what the update changes in hits (a backtest of the two rulesets)
mkdir -p "$tmp/old" && grep -v 'value: "CN:' scenarios/lists/dol_goods.yaml >"$tmp/old/dol_goods.yaml"
$VIGIE gen shipment -n 2000 --seed 5 --plant 0.05 -o "$tmp/ship.csv" 2>/dev/null
mkdir -p "$tmp/t"
TMPDIR="$tmp/t" $VIGIE lists diff "$tmp/old/dol_goods.yaml" scenarios/lists/dol_goods.yaml "$tmp/ship.csv" >"$tmp/diff" 2>&1
rc=$?
line=$(sed -n '/^SHP-DOL-LISTED-PAIR /,/hits:/p' "$tmp/diff" | grep 'hits:')
gained=$(echo "$line" | sed -n 's/.*gained \([0-9]*\), lost \([0-9]*\).*/\1/p')
lost=$(echo "$line" | sed -n 's/.*gained \([0-9]*\), lost \([0-9]*\).*/\2/p')
[ "$rc" -eq 0 ] && grep -q '^what the update changes in hits' "$tmp/diff" && [ "${gained:-0}" -gt 0 ] && [ "$lost" = 0 ] &&
  [ -z "$(ls -A "$tmp/t")" ]
check "diff with manifests: adding the CN: pairs gains DoL-pair hits, loses none; temporary rulesets removed" $? "exit $rc: $line"
$VIGIE lists diff "$tmp/nope.yaml" "$tmp/goods.yaml" >/dev/null 2>&1
[ $? -eq 3 ]; check "diff of a missing file exits 3" $? ""

# ---- show, check --list, overdue ----
export VIGIE_TODAY=2026-06-01
$VIGIE lists show fixtures/broken/list-review-overdue >"$tmp/show" 2>&1
grep -qE '^hubs +exact +2 +0 +2026-01 +2026-01-01 +2026-05-01 OVERDUE +unit test fixture$' "$tmp/show"
check "lists show: edition, as_of, review_by OVERDUE, source" $? "$(cat "$tmp/show")"
$VIGIE lists show --format json fixtures/broken/list-review-overdue >"$tmp/json" 2>&1
grep -q '"overdue":[[:space:]]*true' "$tmp/json"; check "lists show --format json" $? "$(cat "$tmp/json")"
$VIGIE check --list fixtures/broken/list-review-overdue >"$tmp/out" 2>&1
grep -qE '^hubs +exact .*2026-05-01 OVERDUE' "$tmp/out"; check "check --list shows each list's source, edition and review date" $? "$(cat "$tmp/out")"
unset VIGIE_TODAY
$VIGIE check scenarios >"$tmp/out" 2>&1
grep -q 'dol_goods.yaml:[0-9]*: warning\[list-review-overdue\]: list dol_goods: review_by 2024-09-05 is past (source edition 2022)' "$tmp/out"
check "check on the shipped ruleset reports dol_goods overdue (the 2024 edition is out)" $? "$(cat "$tmp/out")"

# ---- a fuzzy entity list through check, run and explain ----
R="$tmp/fuzzy-ruleset"
mkdir -p "$R/lists/sources" "$R/shipment"
cp -r scenarios/schemas "$R/schemas"
cp scenarios/lists/sources/entity_names.csv "$R/lists/sources/"
sed 's|^variants: .*|variants: sources/entity_names.csv|' fixtures/lists/fuzzy/entities.yaml >"$R/lists/entities.yaml"
cat >"$R/shipment/entity.lua" <<'LUA'
scenario {
  id = "E2E-FUZZY-ENTITY", title = { en = "Listed entity, spelled another way", fr = "Entité inscrite, autrement écrite" },
  applies_to = "shipment", status = "active", owner = "tests", review_by = "2099-12-31", subject = "goods",
  rationale = "End-to-end fixture.", guidance = "Confirm the identity.",
  threshold = 5,
  indicators = {
    indicator "manufacturer" { label = "Manufacturer is a listed entity", weight = 5, when = field "manufacturer_name" :is_in(list "entities") },
    indicator "shipper" { label = "Shipper is a listed entity", weight = 5, when = field "shipper_name" :contains_any(list "entities") },
  },
}
LUA
cat >"$tmp/fuzzy.csv" <<'CSV'
shipment_id,shipper_name,manufacturer_name,country_of_origin,hs_code
F1,Acme Trading,"Hoshine Silicon Industry (Shanshan) Co., Ltd.",CN,280461
F2,Sinkiang East Hope Non-Ferrous Metals,Acme Metals,CN,760110
F3,Xinjiang East Star Trading Co,Hoshin Co. Ltd.,CN,760110
F4,Acme Trading,新疆中泰化学股份有限公司,CN,290410
CSV
$VIGIE check "$R" >"$tmp/out" 2>&1
check "check accepts a fuzzy list with is_in and contains_any on names" $? "$(cat "$tmp/out")"
$VIGIE lists show -s "$R" >"$tmp/show" 2>&1
grep -qE '^entities +fuzzy 0\.90 +16 +6 ' "$tmp/show"
check "lists show: match fuzzy and its threshold" $? "$(cat "$tmp/show")"
$VIGIE lists show -s "$R" --format json >"$tmp/json" 2>&1
grep -q '"threshold":[[:space:]]*0.9' "$tmp/json" && grep -q '"match":[[:space:]]*"fuzzy"' "$tmp/json"
check "lists show --format json: match and threshold" $? "$(cat "$tmp/json")"
$VIGIE run -s "$R" --no-store --hits "$tmp/hits.ndjson" "$tmp/fuzzy.csv" >"$tmp/out" 2>&1
rc=$?
keys=$(sed -n 's/.*"key":"\(F[0-9]\)".*/\1/p' "$tmp/hits.ndjson" | sort | tr '\n' ' ')
[ "$rc" -eq 0 ] && [ "$keys" = "F1 F2 F4 " ]
check "run: the variant spellings hit (F1 F2 F4), the near misses do not (F3)" $? "exit $rc, hits: $keys $(cat "$tmp/out")"
grep '"F1"' "$tmp/hits.ndjson" | grep -q '"entry":"HOSHINE SILICON INDUSTRY","note":"polysilicon","similarity":0.975'
check "the hit carries the entry matched and its similarity" $? "$(cat "$tmp/hits.ndjson")"
$VIGIE explain -s "$R" "$tmp/fuzzy.csv:2" >"$tmp/explain" 2>&1
grep -qF "manufacturer_name = Hoshine Silicon Industry (Shanshan) Co., Ltd.; HOSHINE SILICON INDUSTRY in entities (polysilicon) (similarity 0.975)" "$tmp/explain"
check "explain shows the value, the entry matched and the similarity" $? "$(cat "$tmp/explain")"
$VIGIE explain -s "$R" --lang fr "$tmp/fuzzy.csv:2" 2>&1 | grep -qF "HOSHINE SILICON INDUSTRY dans entities (polysilicon) (similarité 0.975)"
check "explain --lang fr words the similarity in French" $? ""
# the variant table is a ruleset file: an edit changes the ruleset revision, diff names
# it, and a run of the published revision refuses the edited directory
R2="$tmp/fuzzy-edited"
cp -r "$R" "$R2"
rev() { $VIGIE check --list "$1" | sed -n 's/.*ruleset .* revision \([0-9a-f]*\)$/\1/p'; }
REV=$(rev "$R")
echo 'HSUNG,XIONG,variant,added by the test' >>"$R2/lists/sources/entity_names.csv"
[ -n "$REV" ] && [ "$(rev "$R2")" != "$REV" ]
check "an edit of the variant table changes the ruleset revision" $? "$REV -> $(rev "$R2")"
$VIGIE diff "$R" "$R2" >"$tmp/diff" 2>&1
rc=$?
[ "$rc" -eq 1 ] && grep -q '^file changed: lists/sources/entity_names.csv$' "$tmp/diff" &&
  grep -q '^E2E-FUZZY-ENTITY  CHANGED' "$tmp/diff"
check "diff names the changed variant table and the scenario that reads the list" $? "exit $rc: $(cat "$tmp/diff")"
$VIGIE publish "$R2" --by ana --db "$tmp/pub.db" >/dev/null 2>&1 && $VIGIE approve "$(rev "$R2")" --by bob --db "$tmp/pub.db" >/dev/null 2>&1 &&
  $VIGIE run -q --published -s "$R" --db "$tmp/pub.db" --force --hits "$tmp/pub.ndjson" "$tmp/fuzzy.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] && grep -q 'lists/sources/entity_names.csv changed' "$tmp/err"
check "run --published refuses a directory whose variant table differs from the published one" $? "exit $rc: $(cat "$tmp/err")"
$VIGIE explain -s "$R" --format json "$tmp/fuzzy.csv:5" >"$tmp/explain.json" 2>&1
grep -q '"entry":[[:space:]]*"XINJIANG ZHONGTAI HUAXUE"' "$tmp/explain.json" &&
  grep -q '"note":[[:space:]]*"alias of XINJIANG ZHONGTAI CHEMICAL"' "$tmp/explain.json"
check "explain --format json: an alias matched in Chinese characters names its entry" $? "$(cat "$tmp/explain.json")"
# the variant table is part of the revision of the scenarios that read the list
rev1=$(grep '"F1"' "$tmp/hits.ndjson" | sed -n 's/.*"status":"active","revision":"\([0-9a-f]*\)".*/\1/p')
printf '# one more comment line\n' >>"$R/lists/sources/entity_names.csv"
$VIGIE run -s "$R" --no-store --hits "$tmp/hits2.ndjson" "$tmp/fuzzy.csv" >/dev/null 2>&1
rev2=$(grep '"F1"' "$tmp/hits2.ndjson" | sed -n 's/.*"status":"active","revision":"\([0-9a-f]*\)".*/\1/p')
[ -n "$rev1" ] && [ -n "$rev2" ] && [ "$rev1" != "$rev2" ]
check "a change to the variant table changes the scenario's revision" $? "before '$rev1', after '$rev2'"
# invalid UTF-8 is defined: not transliterated, its bytes kept in the words, no crash
printf 'shipment_id,shipper_name,manufacturer_name\nF5,Acme,"Hoshine \377\376 Silicon Industry"\nF6,"\303\050 Acme",XPCC\n' >"$tmp/bad-utf8.csv"
$VIGIE run -s "$R" --no-store --hits "$tmp/hits-bad.ndjson" "$tmp/bad-utf8.csv" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q 'total (read = evaluated + rejected) *2 *2 *0' "$tmp/out" && [ "$(grep -c '"verdict":"hit"' "$tmp/hits-bad.ndjson")" -eq 2 ]
check "invalid UTF-8 in names: both records evaluated, the listed names still found" $? "exit $rc: $(cat "$tmp/out")"
# a fuzzy list on a code pair or an integer field is refused by check
sed -i 's|field "shipper_name" :contains_any(list "entities")|pair("country_of_origin", "hs_code") :is_in(list "entities")|' "$R/shipment/entity.lua"
$VIGIE check "$R" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -ne 0 ] && grep -q 'error\[list-match-mode\].*the list is declared match: fuzzy, which compares names, not code pairs' "$tmp/out"
check "check refuses a fuzzy list with pair(...) :is_in" $? "exit $rc: $(cat "$tmp/out")"
sed -i 's|pair("country_of_origin", "hs_code") :is_in(list "entities")|field "packages" :is_in(list "entities")|' "$R/shipment/entity.lua"
$VIGIE check "$R" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -ne 0 ] && grep -q "error\[list-match-mode\].*is_in(list ...) \"entities\" on integer field 'packages'" "$tmp/out"
check "check refuses a fuzzy list on an integer field" $? "exit $rc: $(cat "$tmp/out")"

# ---- the shipped list is what the importer makes of the published file ----
if [ -r ../shared/lists-sources/goods_2021.xml ]; then
  $VIGIE lists import --format ilab-xml $TABLES $(sed -n 's/^# Made by `vigie lists import --format ilab-xml \(.*\) goods_2021.xml -o dol_goods.yaml`.*/\1/p' scenarios/lists/dol_goods.yaml) \
    --title "$(sed -n 's/^title: "\(.*\)"$/\1/p' scenarios/lists/dol_goods.yaml)" \
    --source "$(sed -n 's/^source: "\(.*\)"$/\1/p' scenarios/lists/dol_goods.yaml)" \
    ../shared/lists-sources/goods_2021.xml -o "$tmp/dol_goods.yaml" 2>/dev/null
  cmp "$tmp/dol_goods.yaml" scenarios/lists/dol_goods.yaml >"$tmp/cmp" 2>&1
  check "scenarios/lists/dol_goods.yaml is reproduced byte for byte from ../shared/lists-sources/goods_2021.xml" $? "$(cat "$tmp/cmp")"
else
  echo "# ../shared/lists-sources not present: the reproduction test is skipped"
fi

echo "lists: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
