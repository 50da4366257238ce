#!/bin/sh
# e2e_store.sh - end-to-end tests of the review store: vigie run into it, the review
# commands, append-only enforced by SQLite itself, runs that die, collide or fail to
# write, purge. Prints one line per failure and closes with "store: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
case $VIGIE in /*) ;; *) VIGIE=$(pwd)/$VIGIE ;; esac
T=$(mktemp -d)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL store: $1"; }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
q() { sqlite3 -batch "$1" "$2"; }

E2E=fixtures/rulesets/e2e
M=fixtures/manifests
DB=$T/review.db
export VIGIE_OFFICER=alice
unset VIGIE_DB VIGIE_CLAIM_MINUTES

# ---- run into the store, then the officer's loop --------------------------------------
$VIGIE run -q -s $E2E --db "$DB" $M/travellers.csv $M/shipments.csv
check "run into the store exits 0" [ $? -eq 0 ]
check "the run is complete" [ "$(q "$DB" "select status from runs")" = complete ]
check "every hit is stored (9)" [ "$(q "$DB" "select count(*) from hits")" -eq 9 ]
check "run counts stored" [ "$(q "$DB" "select records_read||'='||records_evaluated||'+'||records_rejected from runs")" = "15=15+0" ]
check "inputs have size and sha256" [ "$(q "$DB" "select count(*) from run_inputs where length(sha256) = 64 and size > 0")" -eq 2 ]
# hashed on a thread during the run (no earlier run of this revision): the same digest as sha256sum
check "the recorded sha256 is the input's" [ "$(q "$DB" "select sha256 from run_inputs where path = '$M/travellers.csv'")" = "$(sha256sum < $M/travellers.csv | cut -d' ' -f1)" ]
check "each scenario's id and revision" [ "$(q "$DB" "select count(*) from run_scenarios where length(revision) = 64")" -eq 3 ]
check "population per protected group stored" [ "$(q "$DB" "select sum(records) from run_population where field = 'age'")" -eq 10 ]
check "group hits per scenario stored" [ "$(q "$DB" "select sum(hits) from run_group_hits where scenario_id = 'E2E-MINOR' and field = 'age'")" -eq 3 ]
check "identity fields kept with each hit" [ "$(q "$DB" "select json_extract(identity, '\$.surname') from hits where record_key = 'T1' limit 1")" = DOE ]
check "the full explanation kept" [ "$(q "$DB" "select json_extract(explanation, '\$.indicators[0].id') from hits where scenario_id = 'E2E-MINOR' limit 1")" = one_way ]
# a booking's travellers are one item: T1 hits two scenarios, one item with both
check "one item per booking, every scenario in it" [ "$(q "$DB" "select count(distinct item_id) from hits where record_key = 'T1'")" -eq 1 ]
check "items are per booking or bill of lading" [ "$(q "$DB" "select count(*) from items")" -eq 8 ]

$VIGIE review list --db "$DB" > "$T/list.txt"
check "list shows the 8 open items" [ "$(grep -c ' open ' "$T/list.txt")" -eq 8 ]
check "list is highest score first, then the widest margin" [ "$(sed -n 2,4p "$T/list.txt" | awk '{printf "%s ", $2}')" = "5/3 5/4 5/4 " ]
$VIGIE review list --db "$DB" --format json --subject goods > "$T/list.json"
check "list --subject goods --format json" [ "$(grep -c '"subjects":"goods"' "$T/list.json")" -eq 3 ]

$VIGIE review next --db "$DB" --subject possible-victim > "$T/next.txt"
check "next claims the top item" grep -q "^claimed item 1 for alice" "$T/next.txt"
check "next shows the explanation" grep -q "HIT  E2E-MINOR" "$T/next.txt"
check "next shows identity fields" grep -q "surname DOE" "$T/next.txt"
check "next shows guidance" grep -q "Refer to protection." "$T/next.txt"
VIGIE_OFFICER=bob $VIGIE review next --db "$DB" --subject possible-victim > "$T/next2.txt"
check "a second officer gets the next item, not the held one" grep -q "^claimed item 5 for bob" "$T/next2.txt"
VIGIE_OFFICER=bob $VIGIE review decide 1 --db "$DB" --disposition no-concern 2> "$T/err.txt"
check "deciding an item another officer holds is refused (8)" [ $? -eq 8 ]
check "... naming the holder" grep -q "held by alice" "$T/err.txt"
$VIGIE review show 1 --db "$DB" --lang fr > "$T/show.txt"
check "show in French" grep -q "Orienter vers la protection." "$T/show.txt"
check "show names who holds it" grep -q "held by alice" "$T/show.txt"

$VIGIE review decide 99 --db "$DB" --disposition no-concern 2> "$T/err.txt"
check "unknown item refused (7)" [ $? -eq 7 ]
$VIGIE review decide 1 --db "$DB" --disposition arrested 2> "$T/err.txt"
check "unknown disposition refused (2)" [ $? -eq 2 ]
check "... listing the vocabulary" grep -q "victim-referred, suspect-referred" "$T/err.txt"
$VIGIE review decide 1 --db "$DB" --disposition victim-referred 2> "$T/err.txt"
check "a disposition other than no-concern without a note is refused (2)" [ $? -eq 2 ]
$VIGIE review decide 1 --db "$DB" --disposition victim-referred --note "referred to victim services; hotline called" > "$T/out.txt"
check "decide records every hit of the item" grep -q "victim-referred recorded by alice for 2 hits" "$T/out.txt"
$VIGIE review decide 1 --db "$DB" --disposition no-concern 2> "$T/err.txt"
check "a decided item is refused without --amend (8)" [ $? -eq 8 ]
$VIGIE review decide 1 --db "$DB" --disposition inconclusive --note "second look" --amend > /dev/null
check "--amend adds a review" [ "$(q "$DB" "select count(*) from reviews where item_id = 1")" -eq 4 ]
check "the history stays, the latest counts" [ "$(q "$DB" "select disposition from reviews where item_id = 1 order by id desc limit 1")" = inconclusive ]
$VIGIE review list --db "$DB" --status decided > "$T/decided.txt"
check "list --status decided shows it" grep -q "^1 .* decided" "$T/decided.txt"
$VIGIE review list --db "$DB" > "$T/open.txt"
check "it left the open queue" [ "$(grep -c '^1 ' "$T/open.txt")" -eq 0 ]
$VIGIE review decide 7 --db "$DB" --hit 999 --disposition no-concern 2> "$T/err.txt"
check "a hit outside the item is refused (7)" [ $? -eq 7 ]
VIGIE_OFFICER=bob $VIGIE review release 5 --db "$DB" > /dev/null
check "release" [ "$(q "$DB" "select action from claims where item_id = 5 order by id desc limit 1")" = release ]
$VIGIE review claim 5 --db "$DB" > /dev/null
check "claim after release" [ "$(q "$DB" "select officer from claims where item_id = 5 order by id desc limit 1")" = alice ]
# a claim that lapsed gives the item back (a claim row that expired an hour ago)
q "$DB" "insert into claims(item_id, officer, action, at, expires_at) values (3, 'carol', 'claim', '2000-01-01T00:00:00Z', '2000-01-01T01:00:00Z')"
VIGIE_OFFICER=dave $VIGIE review claim 3 --db "$DB" > /dev/null
check "a lapsed claim does not hold the item" [ $? -eq 0 ]
$VIGIE review list --db "$DB" --mine > "$T/mine.txt"
check "list --mine" [ "$(grep -c '^5 ' "$T/mine.txt")" -eq 1 ]

# ---- the audit ------------------------------------------------------------------------
check "decisions audited" [ "$(q "$DB" "select count(*) from audit where action = 'decide' and actor = 'alice'")" -eq 2 ]
check "views audited" [ "$(q "$DB" "select count(*) from audit where action = 'view'")" -ge 3 ]
check "refused actions audited (held by another, decided without --amend, unknown item...)" [ "$(q "$DB" "select count(*) from audit where action = 'refused-decide'")" -ge 3 ]
check "claims audited" [ "$(q "$DB" "select count(*) from audit where action = 'claim'")" -ge 3 ]
$VIGIE review export --db "$DB" --format csv -o "$T/export.csv" 2> /dev/null
check "export csv: a header and every hit" [ "$(wc -l < "$T/export.csv")" -eq 10 ]
check "export carries dispositions" grep -q "\"inconclusive\"" "$T/export.csv"
$VIGIE review export --db "$DB" --format ndjson --status decided > "$T/export.ndjson"
check "export ndjson --status decided" [ "$(wc -l < "$T/export.ndjson")" -eq 2 ]
check "exports audited" [ "$(q "$DB" "select count(*) from audit where action = 'export'")" -eq 2 ]

# ---- append-only, enforced by the database itself -----------------------------------------
for stmt in "update hits set score = 99" "delete from hits" "update reviews set disposition = 'no-concern'" \
            "delete from reviews" "update audit set actor = 'x'" "delete from audit" "delete from runs" \
            "update runs set status = 'failed'" "delete from claims" "update items set group_key = 'x'"; do
  if q "$DB" "$stmt" 2> "$T/sqlerr.txt"; then fail "sqlite3 accepted: $stmt"; else ok; fi
done
check "the refusal says why" grep -q "append-only\|immutable" "$T/sqlerr.txt"
if q "$DB" "insert into reviews(hit_id, item_id, officer, disposition, note, decided_at) values (1, 1, 'x', 'arrested', 'n', 'now')" 2> /dev/null; then
  fail "sqlite3 accepted an unknown disposition"; else ok; fi
if q "$DB" "insert into reviews(hit_id, item_id, officer, disposition, note, decided_at) values (1, 1, 'x', 'victim-referred', '', 'now')" 2> /dev/null; then
  fail "sqlite3 accepted a victim-referred review without a note"; else ok; fi
check "confirmed is defined per subject in the store" [ "$(q "$DB" "select disposition from confirmed where subject = 'goods'")" = goods-detained ]

# ---- reruns -------------------------------------------------------------------------------
$VIGIE run -q -s $E2E --db "$DB" $M/travellers.csv 2> "$T/err.txt"
check "the same input and revision again is refused (2)" [ $? -eq 2 ]
check "... naming the earlier run" grep -q "already run with ruleset revision .*, in run run-" "$T/err.txt"
check "... and --rerun" grep -q "with --rerun" "$T/err.txt"
$VIGIE run -q -s $E2E --db "$DB" --rerun $M/travellers.csv
check "--rerun runs it" [ "$(q "$DB" "select count(*) from runs where status = 'complete'")" -eq 2 ]
# same size, other bytes: hashed before the run (it could have been a rerun), not refused
sed 's/DOE/ROE/' $M/travellers.csv > "$T/same-size.csv"
check "the look-alike input has the same size" [ "$(wc -c < "$T/same-size.csv")" -eq "$(wc -c < $M/travellers.csv)" ]
$VIGIE run -q -s $E2E --db "$T/size.db" $M/travellers.csv
$VIGIE run -q -s $E2E --db "$T/size.db" "$T/same-size.csv"
check "an input of the same size but other bytes is not a rerun" [ $? -eq 0 ]
check "... and its own sha256 is recorded" [ "$(q "$T/size.db" "select sha256 from run_inputs where path = '$T/same-size.csv'")" = "$(sha256sum < "$T/same-size.csv" | cut -d' ' -f1)" ]

# ---- random controls: seeded, the same at any thread count -------------------------------------
$VIGIE run -q -s $E2E --db "$T/c1.db" --random-rate 0.3 --seed 4 --threads 1 $M/travellers.csv
$VIGIE run -q -s $E2E --db "$T/c2.db" --random-rate 0.3 --seed 4 --threads 3 $M/travellers.csv
c1=$(q "$T/c1.db" "select group_concat(record_key) from (select record_key from hits where control = 1 order by record_key)")
c2=$(q "$T/c2.db" "select group_concat(record_key) from (select record_key from hits where control = 1 order by record_key)")
check "controls are sampled (some, not all)" [ -n "$c1" ] && [ "$(q "$T/c1.db" "select count(*) from hits where control = 1")" -lt 10 ]
check "the control sample does not depend on threads" [ "$c1" = "$c2" ]
check "control items are apart from hit items" [ "$(q "$T/c1.db" "select count(*) from items i where exists (select 1 from hits h where h.item_id = i.id and h.control = 1) and exists (select 1 from hits h where h.item_id = i.id and h.control = 0)")" -eq 0 ]

# ---- the circuit breaker is in the run's record -------------------------------------------------
$VIGIE run -q -s fixtures/rulesets/faulty --lua-memory 16 --max-errors 1 --db "$T/breaker.db" $M/travellers.csv
check "a run with a scenario switched off exits 6" [ $? -eq 6 ]
check "the store says which scenarios were switched off" [ "$(q "$T/breaker.db" "select count(*) from run_scenarios where switched_off = 1")" -eq 2 ]

# ---- purge: personal values masked, counts and dispositions kept -------------------------------
before_reviews=$(q "$DB" "select count(*) from reviews")
$VIGIE review purge --db "$DB" --before 2999-01-01 > "$T/purge.txt"
check "purge masks every hit" [ "$(q "$DB" "select count(*) from hits where masked_at is null")" -eq 0 ]
check "identity fields masked" [ "$(q "$DB" "select count(*) from hits where identity like '%DOE%' or record_key = 'T1'")" -eq 0 ]
check "evidence values masked" [ "$(q "$DB" "select count(*) from hits where explanation like '%SMITH%'")" -eq 0 ]
check "structure kept (indicator ids, weights)" [ "$(q "$DB" "select count(*) from hits where json_extract(explanation, '\$.indicators[0].weight') = 2")" -ge 1 ]
check "scores and reviews kept" [ "$(q "$DB" "select count(*) from reviews")" -eq "$before_reviews" ] && [ "$(q "$DB" "select max(score) from hits")" -eq 5 ]
check "run counts kept (9 + 6 hits)" [ "$(q "$DB" "select sum(hits) from runs")" -eq 15 ]
check "purge audited" [ "$(q "$DB" "select count(*) from audit where action = 'purge'")" -eq 1 ]
check "a purge leaves no window open" [ "$(q "$DB" "select count(*) from purge_in_progress")" -eq 0 ]
if q "$DB" "update hits set identity = '{}'" 2> /dev/null; then fail "masked hits can be changed after purge"; else ok; fi

# ---- runs that die ------------------------------------------------------------------------------
# A pipe keeps the run reading until the test kills it: mid-run whatever the machine's speed.
$VIGIE gen traveller -n 20000 --seed 11 --plant 0.05 -o "$T/big.csv" 2> /dev/null
mid_run() { # signal db hits
  rm -f "$T/fifo.csv"; mkfifo "$T/fifo.csv"
  ( cat "$T/big.csv"; sleep 30 ) > "$T/fifo.csv" &
  feeder=$!
  # the e2e ruleset: the shipped one reads link values, which need two passes (not a pipe)
  $VIGIE run -q -s fixtures/rulesets/e2e --threads 2 --db "$2" --hits "$3" "$T/fifo.csv" 2> "$T/mid.err" &
  runner=$!
  n=0
  while [ $n -lt 200 ] && [ "$(q "$2" "select count(*) from hits" 2> /dev/null || echo 0)" -lt 20 ]; do sleep 0.05; n=$((n + 1)); done
  kill "-$1" $runner
  wait $runner 2> /dev/null
  rc=$?
  kill $feeder 2> /dev/null
  wait $feeder 2> /dev/null
  return $rc
}
mid_run TERM "$T/term.db" "$T/term.ndjson"
check "SIGTERM mid-run exits 143" [ $? -eq 143 ]
check "SIGTERM: the run is stored as interrupted" [ "$(q "$T/term.db" "select status from runs")" = interrupted ]
check "SIGTERM: no hits file under the final name" [ ! -e "$T/term.ndjson" ]
check "SIGTERM: what was done is in FILE.partial" [ -s "$T/term.ndjson.partial" ]
check "SIGTERM: stored hits = hits in the partial file = the run's count" \
  [ "$(q "$T/term.db" "select count(*) from hits")" -eq "$(wc -l < "$T/term.ndjson.partial")" ] && \
  [ "$(q "$T/term.db" "select hits from runs")" -eq "$(wc -l < "$T/term.ndjson.partial")" ]
check "SIGTERM: read = evaluated + rejected" [ "$(q "$T/term.db" "select records_read = records_evaluated + records_rejected and records_read > 0 from runs")" -eq 1 ]
check "SIGTERM: integrity" [ "$(q "$T/term.db" "pragma integrity_check")" = ok ]
mid_run KILL "$T/kill.db" "$T/kill.ndjson"
check "SIGKILL: no hits file under the final name" [ ! -e "$T/kill.ndjson" ]
check "SIGKILL: integrity" [ "$(q "$T/kill.db" "pragma integrity_check")" = ok ]
$VIGIE review list --db "$T/kill.db" > /dev/null
check "SIGKILL: the run shows interrupted once its process is gone" [ "$(q "$T/kill.db" "select status from runs")" = interrupted ]
check "SIGKILL: hits committed before the kill are whole" [ "$(q "$T/kill.db" "select count(*) from hits where json_valid(explanation) and json_valid(identity)")" -eq "$(q "$T/kill.db" "select count(*) from hits")" ]

# ---- runs that collide -------------------------------------------------------------------------
$VIGIE gen traveller -n 30000 --seed 12 -o "$T/a.csv" 2> /dev/null
$VIGIE gen traveller -n 30000 --seed 13 -o "$T/b.csv" 2> /dev/null
$VIGIE run -q -s scenarios --db "$T/two.db" --hits "$T/a.ndjson" "$T/a.csv" & p1=$!
$VIGIE run -q -s scenarios --db "$T/two.db" --hits "$T/b.ndjson" "$T/b.csv" & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check "two concurrent runs on one store both succeed" [ $r1 -eq 0 ] && [ $r2 -eq 0 ]
check "both complete" [ "$(q "$T/two.db" "select count(*) from runs where status = 'complete'")" -eq 2 ]
check "each run has its own hits, all of them" [ "$(q "$T/two.db" "select group_concat(c) from (select count(*) c from hits group by run_id order by run_id)")" = \
  "$(q "$T/two.db" "select group_concat(hits) from (select hits from runs order by id)")" ] && \
  [ "$(q "$T/two.db" "select count(*) from hits")" -eq "$(cat "$T/a.ndjson" "$T/b.ndjson" | wc -l)" ]
check "two concurrent runs: 30,000 records each" [ "$(q "$T/two.db" "select sum(records_read) from runs")" -eq 60000 ]
# two runs writing one hits file: the second is refused while the first writes
rm -f "$T/fifo.csv"; mkfifo "$T/fifo.csv"
( head -100 "$T/big.csv"; sleep 30 ) > "$T/fifo.csv" & feeder=$!
$VIGIE run -q --no-store -s $E2E --hits "$T/same.ndjson" "$T/fifo.csv" 2> /dev/null & first=$!
n=0; while [ $n -lt 100 ] && [ ! -e "$T/same.ndjson.partial" ]; do sleep 0.05; n=$((n + 1)); done
$VIGIE run -q --no-store -s $E2E --hits "$T/same.ndjson" $M/travellers.csv 2> "$T/err.txt"
check "a second run on the same --hits is refused (4)" [ $? -eq 4 ]
check "... saying another run writes it" grep -q "another vigie run is writing" "$T/err.txt"
kill -TERM $first; wait $first; kill $feeder 2> /dev/null; wait $feeder 2> /dev/null

# ---- an existing hits file is kept unless --force; rejects to standard output ------------------
echo "earlier hits" > "$T/kept.ndjson"
$VIGIE run -q --no-store -s $E2E --hits "$T/kept.ndjson" $M/travellers.csv 2> "$T/err.txt"
check "an existing --hits file is refused without --force (2)" [ $? -eq 2 ] && [ "$(cat "$T/kept.ndjson")" = "earlier hits" ]
check "... saying how to replace it" grep -q -- "--force to replace it" "$T/err.txt"
$VIGIE run -q --no-store -s $E2E --force --hits "$T/kept.ndjson" $M/travellers.csv
check "--force replaces it" [ "$(grep -c '"verdict":"hit"' "$T/kept.ndjson")" -eq 6 ]
$VIGIE run -q --no-store -s $E2E --hits "$T/r.ndjson" --rejects - $M/travellers_bad.csv > "$T/rejects.out"
check "--rejects - writes the rejects to standard output" [ -s "$T/rejects.out" ] && [ ! -e ./- ] && grep -q "travellers_bad.csv:" "$T/rejects.out"

# ---- writes that fail ---------------------------------------------------------------------------
# a hits file that cannot grow (file size limit): a clear error and exit 4, even with -q
( ulimit -f 20; trap '' XFSZ; $VIGIE run -q --no-store -s scenarios --hits "$T/full.ndjson" "$T/a.csv" ) 2> "$T/err.txt"
check "a failed write exits 4 even with -q" [ $? -eq 4 ]
check "... with a clear error" grep -q "cannot write hits" "$T/err.txt"
check "... and no file under the final name" [ ! -e "$T/full.ndjson" ]
( ulimit -f 20; trap '' XFSZ; $VIGIE run -s scenarios --db "$T/full.db" "$T/a.csv" ) 2> "$T/err.txt"
check "a store that cannot grow exits 4" [ $? -eq 4 ]
check "... the summary does not claim the hits were stored" [ "$(grep -c "stored in" "$T/err.txt")" -eq 0 ]
# a store the user cannot write
$VIGIE run -q -s $E2E --db "$T/ro.db" $M/shipments.csv
chmod 444 "$T/ro.db"
if [ "$(id -u)" -eq 0 ]; then as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"; else as_other=""; fi
$as_other $VIGIE run -q -s $E2E --db "$T/ro.db" $M/travellers.csv 2> "$T/err.txt"
check "a read-only store exits 4" [ $? -eq 4 ]
check "... saying so" grep -qi "read-only\|unable to open\|cannot open" "$T/err.txt"
$VIGIE run -q -s $E2E --db "$T/m.db" --hits "$T/m.ndjson" $M/no-such-file.csv 2> /dev/null
check "a manifest that cannot be opened leaves no hits file" [ ! -e "$T/m.ndjson" ] && [ ! -e "$T/m.ndjson.partial" ]

# ---- versions -------------------------------------------------------------------------------------
cp "$DB" "$T/newer.db"
q "$T/newer.db" "insert into meta(key, value) values ('x', 'y'); create temp table t(x); " > /dev/null
sqlite3 "$T/newer.db" "drop trigger meta_no_delete; update meta set value = '99' where key = 'schema_version'"
$VIGIE review list --db "$T/newer.db" 2> "$T/err.txt"
check "a store from a newer vigie is refused" [ $? -eq 4 ]
check "... with a clear message" grep -q "schema version 99, made by a newer vigie" "$T/err.txt"
printf 'not a database' > "$T/junk.db"
$VIGIE review list --db "$T/junk.db" 2> "$T/err.txt"
check "a file that is not a store is refused" [ $? -eq 4 ]
VIGIE_DB="$DB" $VIGIE review list --status all > "$T/env.txt"
check "VIGIE_DB names the store" [ "$(grep -c ' decided \| open \| partly ' "$T/env.txt")" -ge 8 ]

echo "store: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
