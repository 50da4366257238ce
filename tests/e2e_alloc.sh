#!/bin/sh
# e2e_alloc.sh - out of memory at every allocation, the way SQLite tests it. Each small
# fixed job (runs with and without the review store, check, test, review, report) runs
# once with VIGIE_ALLOC_COUNT to learn its allocation count C, then again with
# VIGIE_ALLOC_FAIL=N for N in 1..C. Every such run must stop with exit code 9 and
# "vigie: out of memory" (or, past its own count, give the normal result): never a signal,
# never a sanitizer report (under `make sanitize` they are sent to stderr, where each case
# looks), never a half-written hits file under its final name, never a store that is no
# longer consistent. Closes with "alloc: N passed, N failed", one check per job (a job
# passes when every refusal in it did) plus the guard against bare allocations.
#
# Every N is failed for the store-free run and for check, test, review and report
# (ALLOC_MODES=... runs only the jobs named). The
# runs with two threads or a store cost more per case (a store is checked with sqlite3
# and `vigie review list` after each failure), so they test the first and last ALLOC_EDGE
# N (default 50) and every ALLOC_STRIDE-th N between (default 10); ALLOC_STRIDE=1 tests
# every N (about three times as long). The defaults keep the suite near 20 s on a
# two-core machine. Cases run ALLOC_JOBS at a time (default 2).
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
case $VIGIE in /*) ;; *) VIGIE=$(pwd)/$VIGIE ;; esac
export VIGIE
RS=fixtures/rulesets/alloc
M=fixtures/manifests/alloc.csv
# sanitizer reports go to each run's stderr, where the case finds them
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=stderr"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=stderr"
export ASAN_OPTIONS UBSAN_OPTIONS
export VIGIE_OFFICER=alloc
unset VIGIE_DB VIGIE_ALLOC_FAIL VIGIE_ALLOC_COUNT
SANITIZER='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:'

# The command of one job, its files in the directory $2 named by $3 (a store of an
# earlier run is $BASE).
job() {
  mode=$1 dir=$2 n=$3
  case $mode in
    nostore) set -- run -q -s $RS --threads 1 --no-store --hits "$dir/hits$n.ndjson" --rejects "$dir/rejects$n.txt" $M ;;
    threads) set -- run -q -s $RS --threads 2 --no-store --hits "$dir/hits$n.ndjson" --rejects "$dir/rejects$n.txt" $M ;;
    fresh)   set -- run -q -s $RS --threads 1 --db "$dir/s$n.db" --hits "$dir/hits$n.ndjson" --rejects "$dir/rejects$n.txt" $M ;;
    again)   cp "$BASE" "$dir/s$n.db"
             set -- run -q -s $RS --threads 1 --rerun --db "$dir/s$n.db" --hits "$dir/hits$n.ndjson" --rejects "$dir/rejects$n.txt" $M ;;
    check)   set -- check $RS ;;
    test)    set -- test $RS ;;
    review)  cp "$BASE" "$dir/s$n.db"; set -- review show 1 --db "$dir/s$n.db" ;;
    report)  cp "$BASE" "$dir/s$n.db"; set -- report --db "$dir/s$n.db" ;;
  esac
  "$VIGIE" "$@" > "$dir/out" 2> "$dir/err"
}

# The hits of a run without what changes from one run to the next (its id).
hits_of() { sed 's/"run_id":"[^"]*",//' "$1"; }

# One case: job $1 with its Nth allocation refused, its files in the directory $3;
# prints "ok" or one FAIL line. The job's stderr is read by the shell itself (thousands
# of cases: every process counts): a sanitizer report, the out-of-memory line, the
# job's own allocation count.
one() {
  mode=$1 n=$2 dir=$3
  VIGIE_ALLOC_FAIL=$n VIGIE_ALLOC_COUNT=1 job "$mode" "$dir" "$n"
  rc=$?
  sanitizer=0 oom=0 own=0
  while IFS= read -r line; do
    case $line in
      *AddressSanitizer*|*LeakSanitizer*|*UndefinedBehaviorSanitizer*|*ThreadSanitizer*|*"runtime error:"*) sanitizer=1 ;;
      "vigie: out of memory") oom=1 ;;
      "vigie: "*" allocations") own=${line#vigie: }; own=${own% allocations} ;;
    esac
  done < "$dir/err"
  why=""
  if [ "$sanitizer" -eq 1 ]; then why="a sanitizer report: $(grep -m1 -E "$SANITIZER" "$dir/err")"
  elif [ "$rc" -ge 128 ]; then why="killed by signal $((rc - 128))"
  elif [ "$oom" -eq 1 ]; then
    [ "$rc" -eq 9 ] || why="out of memory but exit $rc, not 9"
  elif [ "$rc" -eq 9 ]; then why="exit 9 without 'vigie: out of memory'"
  elif [ "$n" -le "$own" ]; then why="allocation $n of $own was not refused (exit $rc)"
  elif [ "$rc" -ne "$(cat "$T/$mode.rc")" ]; then why="past its $own allocations, exit $rc instead of $(cat "$T/$mode.rc")"
  fi
  # the final name only ever holds every hit: a refusal after the rename leaves it whole
  if [ -z "$why" ] && [ -e "$dir/hits$n.ndjson" ] && [ -s "$T/$mode.hits" ] &&
     [ "$(hits_of "$dir/hits$n.ndjson")" != "$(cat "$T/$mode.hits")" ]; then
    why="a partial hits file under its final name"
  fi
  # a store it wrote to: whole, every complete run with all its hits, and usable (one
  # refused before the store's tables were made is empty, and usable too)
  if [ -z "$why" ] && [ -e "$dir/s$n.db" ]; then
    # "ok", the number of tables and triggers (0: refused before the store's tables were
    # made, in one transaction), then the complete runs that miss hits (none)
    state=$(sqlite3 -batch "$dir/s$n.db" "pragma integrity_check; select count(*) from sqlite_master;
      select count(*) from runs r where status = 'complete' and hits <> (select count(*) from hits h where h.run_id = r.id);" 2> /dev/null | tr '\n' ' ')
    case $state in
      "ok 0 "|"ok "[1-9]*" 0 ") ;;
      *) why="the store is not consistent: $state" ;;
    esac
    if [ -z "$why" ] && ! "$VIGIE" review list --db "$dir/s$n.db" > /dev/null 2> "$dir/review.err"; then
      why="vigie review list fails on the store it left: $(head -1 "$dir/review.err")"
    fi
  fi
  if [ -n "$why" ]; then echo "FAIL alloc: $mode, allocation $n refused: $why"
  else echo ok; fi
}

if [ "$1" = --one ]; then
  T=$2 BASE=$2/base.db
  shift 2
  dir=$(mktemp -d "$T/case.XXXXXX")
  for n in "$@"; do one "$MODE" "$n" "$dir"; done
  rm -rf "$dir"
  exit 0
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
BASE=$T/base.db
export T BASE
passed=0
failed=0
fail() { failed=$((failed + 1)); echo "FAIL alloc: $1"; }

# every allocation of core/ goes through the family (tools/xalloc_route.py converts new
# code; a line that must keep the C library's allocator says "xalloc: plain")
bare=$(grep -nE '(^|[^[:alnum:]_.>$])(malloc|calloc|realloc|strdup|strndup)[[:space:]]*\(' core/*.c |
       grep -v '^core/xalloc\.c:' | grep -v 'xalloc: plain')
if [ -z "$bare" ]; then passed=$((passed + 1))
else fail "allocations outside core/xalloc.h (run tools/xalloc_route.py): $(echo "$bare" | head -5)"; fi

# the store the jobs on an existing store start from: one complete run
"$VIGIE" run -q -s $RS --threads 1 --db "$BASE" $M 2> /dev/null
[ -s "$BASE" ] || fail "cannot make the base store"

STRIDE=${ALLOC_STRIDE:-10}
EDGE=${ALLOC_EDGE:-50}
JOBS=${ALLOC_JOBS:-2}
for mode in ${ALLOC_MODES:-nostore check test review report threads fresh again}; do
  # the job once, whole: its exit code, hits and allocation count
  mkdir -p "$T/$mode.0"
  VIGIE_ALLOC_COUNT=1 job $mode "$T/$mode.0"
  echo $? > "$T/$mode.rc"
  count=$(sed -n 's/^vigie: \([0-9]*\) allocations$/\1/p' "$T/$mode.0/err" | tail -1)
  if [ -f "$T/$mode.0/hits.ndjson" ]; then hits_of "$T/$mode.0/hits.ndjson" > "$T/$mode.hits"; else : > "$T/$mode.hits"; fi
  if [ -z "$count" ] || [ "$count" -lt 10 ] || grep -qE "$SANITIZER" "$T/$mode.0/err"; then
    fail "$mode: the whole job did not run cleanly (exit $(cat "$T/$mode.rc")): $(head -3 "$T/$mode.0/err")"
    continue
  fi
  case $mode in
    threads|fresh|again) list=$(awk -v c="$count" -v s="$STRIDE" -v e="$EDGE" 'BEGIN { for (n = 1; n <= c; n++) if (n <= e || n > c - e || n % s == 0) print n }') ;;
    *) list=$(seq 1 "$count") ;;
  esac
  echo "$list" | MODE=$mode xargs -n 25 -P "$JOBS" sh tests/e2e_alloc.sh --one "$T" > "$T/$mode.results"
  ok=$(grep -c '^ok$' "$T/$mode.results")
  bad=$(grep -c '^FAIL' "$T/$mode.results")
  want=$(echo "$list" | wc -l)
  grep '^FAIL' "$T/$mode.results" | head -20
  echo "alloc $mode: $count allocations, $want refused one at a time, $bad failed"
  if [ "$bad" -gt 0 ]; then fail "$mode: $bad of $want refusals went wrong (above)"
  elif [ "$ok" -ne "$want" ]; then fail "$mode: $want cases, $ok reported"
  else passed=$((passed + 1)); fi
done
echo "alloc: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
