#!/bin/sh
# e2e_hostile.sh - scenarios written by a hostile analyst (issue 11): each is refused by
# `check`, or is a counted error naming its scenario; every run ends within a bound;
# the ordinary scenarios of the same ruleset keep every hit, at 1 and 2 threads.
# Rulesets: fixtures/rulesets/hostile (runs; one file per class and per escape),
# hostile-load (refused at load), hostile-baseline (the ordinary file alone).
# Closes with "hostile: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL hostile: $1"; }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

H=fixtures/rulesets/hostile
LIMIT=60 # seconds any one command may take here (each is expected to take a few)
# run_bounded OUT ERR ARGS...: vigie with a time limit; the exit code goes to $T/rc
run_bounded() {
  out=$1 err=$2
  shift 2
  timeout $LIMIT $VIGIE "$@" > "$out" 2> "$err"
  echo $? > "$T/rc"
}
# a hit without what names the run and the ruleset (the baseline is another ruleset)
strip_run_id() { sed -E 's/"run_id":"[^"]*","ruleset_revision":"[^"]*"//' "$1"; }
# the summary's line for a scenario: "ID subject hits errors"
row() { grep -E "^  $2 " "$1" | awk '{ print $1, $3, $4 }'; }

# ---- refused at load (check names file, line and code) ----------------------------------
L=fixtures/rulesets/hostile-load
timeout $LIMIT $VIGIE check $L > "$T/check.txt" 2>&1
check "check of the hostile-load ruleset fails (exit 5)" [ $? -eq 5 ]
while read -r file code text; do
  check "$file refused at load: $code" grep -Eq "^$L/traveller/$file: error\[$code\]: .*$text" "$T/check.txt"
done <<EOF
upvalue.lua:6 impure-function file-level variable 'n'
closure.lua:6 impure-function file-level variable 'n'
helper.lua:3 impure-function file-level variable 'n'
env.lua:5 impure-function file-level variable '_ENV'
deep.lua:7 bad-predicate nest more than 32 deep
deeper.lua:8 bad-predicate more than 4096 parts
cycle.lua:7 bad-predicate contains itself
fails.lua:5 function-error fails on fixture case 'a plain record'
EOF
check "a file that loops at load is refused" grep -q "$L/traveller/loadloop.lua: error\[lua-error\]: instruction budget" "$T/check.txt"
run_bounded "$T/o" "$T/e" run --no-store -s $L --hits "$T/x.ndjson" fixtures/manifests/travellers.csv
check "run refuses the hostile-load ruleset (exit 3)" [ "$(cat "$T/rc")" -eq 3 ]

# ---- at run time: counted errors naming the scenario, the run bounded -------------------
$VIGIE check $H > "$T/check.txt" 2>&1
check "the hostile ruleset passes check (its faults show only at run time)" grep -q "^0 errors" "$T/check.txt"
$VIGIE gen traveller -n 3000 --seed 11 -q -o "$T/travellers.csv"
$VIGIE run --no-store -q -s $H-baseline --threads 1 --hits "$T/base.ndjson" "$T/travellers.csv"
check "the ordinary scenarios hit on their own" [ "$(grep -c '"id":"H-ORDINARY"' "$T/base.ndjson")" -gt 50 ]
for n in 1 2; do
  start=$(date +%s)
  run_bounded "$T/o$n" "$T/s$n" run --no-store -s $H --threads $n --max-errors 20 --lua-memory 16 \
    --hits "$T/h$n.ndjson" "$T/travellers.csv"
  took=$(($(date +%s) - start))
  check "threads $n: the run ends within 30 s (took $took s)" [ "$took" -lt 30 ]
  check "threads $n: exit 6, the circuit breaker switched scenarios off" [ "$(cat "$T/rc")" -eq 6 ]
  while read -r id text; do
    check "threads $n: $id is a counted error: $text" \
      grep -Eq "first error: $T/travellers.csv:[0-9]+: $id: error: .*$text" "$T/s$n"
    check "threads $n: $id switched off after 20 errors" [ "$(row "$T/s$n" "$id" | cut -d' ' -f3)" = 20 ]
  done <<EOF
H-LOOP instruction budget of 1000000 exceeded
H-DOUBLE memory cap exceeded
H-REP string.rep: a result of 1000000000 bytes is over the cap
H-REPSEP string.rep: too costly
H-MOVE table.move: too costly
H-UNPACK table.unpack: too costly
H-CONCAT table.concat: too costly
H-FIND string.find: pattern of 1001 characters on a text of 20000: too costly
H-FIND-NOSPECIAL string.find: pattern of 1001 characters on a text of 20000: too costly
H-BALANCE string.find: pattern of 4 characters on a text of 20000: too costly
H-BACKTRACK string.match: pattern of 7 characters on a text of 3000: too costly
H-FORMAT invalid conversion
H-TABLE file-level tables are read-only once the file is loaded
H-PREDSTATE file-level tables are read-only once the file is loaded
H-IO global 'io'
H-OS global 'os'
H-REQUIRE global 'require'
H-LOAD global 'load'
H-DOFILE global 'dofile'
H-DUMP field 'dump'
H-STRMETA method 'dump'
H-DEBUG global 'debug'
H-GC global 'collectgarbage'
H-PACKAGE global 'package'
H-SETMT global 'setmetatable'
H-GETMT global 'getmetatable'
H-RAWSET global 'rawset'
H-RAWGET global 'rawget'
H-COROUTINE global 'coroutine'
H-PCALL global 'pcall'
H-GLOBAL global writes are not allowed
H-LIBWRITE string.upper is read-only
H-RECORD records are read-only
H-SCENARIO-AT-RUN only allowed at the top level of a scenario file
EOF
  check "threads $n: a changed list value does not reach the record" [ "$(row "$T/s$n" H-LIST)" = "H-LIST 0 0" ]
  check "threads $n: memory hoarded by one file at load fails no one else" [ "$(row "$T/s$n" H-HOARD)" = "H-HOARD 0 0" ]
  for id in H-ORDINARY H-VICTIM H-DECLARATIVE; do
    check "threads $n: $id has no error" [ "$(row "$T/s$n" $id | cut -d' ' -f3)" = 0 ]
    grep "\"id\":\"$id\"" "$T/base.ndjson" | strip_run_id /dev/stdin > "$T/want"
    grep "\"id\":\"$id\"" "$T/h$n.ndjson" | strip_run_id /dev/stdin > "$T/got"
    check "threads $n: $id keeps every one of its hits, byte for byte" cmp -s "$T/want" "$T/got"
  done
done
strip_run_id "$T/h1.ndjson" > "$T/a"
strip_run_id "$T/h2.ndjson" > "$T/b"
check "hits are the same at 1 and 2 threads" cmp -s "$T/a" "$T/b"
grep -E '^  H-' "$T/s1" > "$T/r1"
grep -E '^  H-' "$T/s2" > "$T/r2"
check "hits and errors per scenario are the same at 1 and 2 threads" cmp -s "$T/r1" "$T/r2"
grep 'SWITCHED OFF by the circuit breaker at' "$T/s1" > "$T/w1"
grep 'SWITCHED OFF by the circuit breaker at' "$T/s2" > "$T/w2"
check "the breaker trips on the same record at 1 and 2 threads" cmp -s "$T/w1" "$T/w2"
check "the summary counts the scenarios switched off" grep -q "34 scenarios SWITCHED OFF by the circuit breaker" "$T/s1"

# the memo of function answers changes nothing
VIGIE_LUA_MEMO=0 run_bounded "$T/o" "$T/s" run --no-store -s $H --threads 2 --max-errors 20 --lua-memory 16 \
  --hits "$T/nomemo.ndjson" "$T/travellers.csv"
strip_run_id "$T/nomemo.ndjson" > "$T/c"
check "the same hits without the memo" cmp -s "$T/a" "$T/c"

# the default breaker: 100 errors; --max-errors 0 never switches off
run_bounded "$T/o" "$T/s" run --no-store -s $H --threads 2 --tag hostile --skip-tag ordinary --hits "$T/x.ndjson" "$T/travellers.csv"
check "by default a scenario is switched off after 100 errors" [ "$(row "$T/s" H-LOOP | cut -d' ' -f3)" = 100 ]
head -300 "$T/travellers.csv" > "$T/small.csv"
run_bounded "$T/o" "$T/s" run --no-store -s $H --threads 2 --max-errors 0 --hits "$T/x.ndjson" "$T/small.csv"
check "--max-errors 0: no breaker, every record counted, exit 1" [ "$(cat "$T/rc")" -eq 1 ] &&
  check "--max-errors 0: H-LOOP failed on all 299 records" [ "$(row "$T/s" H-LOOP | cut -d' ' -f3)" = 299 ]

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
