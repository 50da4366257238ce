#!/bin/sh
# bench.sh - speed and memory of `vigie run` on a seeded manifest, against the
# parse-only limit of the same input (read and convert every record, evaluate nothing),
# both measured in this one invocation, as medians of a few repeats; and what the
# review store costs (the same run into a fresh store, against --no-store).
#   BENCH_N (1000000)  BENCH_SEED (1)  BENCH_REPEAT (3)  BENCH_RULESET (scenarios)
set -e
cd "$(dirname "$0")/.."
N=${BENCH_N:-1000000}
SEED=${BENCH_SEED:-1}
REPEAT=${BENCH_REPEAT:-3}
RULESET=${BENCH_RULESET:-scenarios}
dir=bench-data
mkdir -p "$dir"

# one measurement: wall seconds of the whole process and peak memory from its summary
measure() { # file flags...
  file=$1
  shift
  start=$(date +%s.%N)
  rm -f "$dir/bench.db" "$dir/bench.db-wal" "$dir/bench.db-shm"
  ./vigie run "$@" -s "$RULESET" --rejects "$dir/rejects.txt" "$file" 2> "$dir/summary.txt" || true
  end=$(date +%s.%N)
  rss=$(sed -n 's/.*peak memory \([0-9.]*\) MB.*/\1/p' "$dir/summary.txt")
  read=$(sed -n 's/.*total (read = evaluated + rejected) *\([0-9,]*\).*/\1/p' "$dir/summary.txt" | tr -d ,)
  awk -v s="$start" -v e="$end" -v r="$rss" -v n="$read" 'BEGIN { printf "%.3f %s %s\n", e - s, r, n }'
}

median() { sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

THREADS=$(nproc)
[ "$THREADS" -gt 16 ] && THREADS=16

bench_file() { # label file
  label=$1
  file=$2
  size=$(stat -c %s "$file")
  for mode in parse one all store; do
    case $mode in
      parse) flags="--parse-only" ;;
      one) flags="--threads 1 --no-store --force --hits $dir/hits.ndjson" ;;
      all) flags="--threads $THREADS --no-store --force --hits $dir/hits.ndjson" ;;
      store) flags="--threads $THREADS --db $dir/bench.db" ;;
    esac
    : > "$dir/$mode.times"
    i=0
    while [ $i -lt "$REPEAT" ]; do
      measure "$file" $flags >> "$dir/$mode.times"
      i=$((i + 1))
    done
  done
  records=$(head -1 "$dir/all.times" | cut -d' ' -f3)
  hits=$(wc -l < "$dir/hits.ndjson")
  pt=$(cut -d' ' -f1 "$dir/parse.times" | median)
  awk -v label="$label" -v n="$records" -v size="$size" -v rep="$REPEAT" -v hits="$hits" 'BEGIN {
    printf "\n%s: %d records, %.1f MB, %d hits; median of %d runs (whole process, ruleset load included)\n", label, n, size / 1e6, hits, rep
    printf "  %-22s %9s %12s %9s %14s %15s\n", "mode", "seconds", "records/s", "MB/s", "peak RSS (MB)", "vs parse-only"
  }'
  for mode in parse one all store; do
    t=$(cut -d' ' -f1 "$dir/$mode.times" | median)
    m=$(cut -d' ' -f2 "$dir/$mode.times" | median)
    case $mode in
      parse) name="parse-only" ;;
      one) name="full run, 1 thread" ;;
      all) name="full run, $THREADS threads" ;;
      store) name="same, into the store" ;;
    esac
    awk -v name="$name" -v n="$records" -v size="$size" -v t="$t" -v m="$m" -v pt="$pt" 'BEGIN {
      printf "  %-22s %9.2f %12.0f %9.1f %14.1f %15.2f\n", name, t, n / t, size / 1e6 / t, m, pt / t
    }'
  done
  at=$(cut -d' ' -f1 "$dir/all.times" | median)
  st=$(cut -d' ' -f1 "$dir/store.times" | median)
  awk -v a="$at" -v s="$st" 'BEGIN { printf "  the review store costs %.0f%% of the run time (store %.2f s against --no-store with --force --hits %.2f s)\n", (s / a - 1) * 100, s, a }'
}

travellers="$dir/travellers-$N-$SEED.csv"
shipments="$dir/shipments-$N-$SEED.ndjson"
[ -s "$travellers" ] || ./vigie gen traveller -n "$N" --seed "$SEED" --plant 0.01 -o "$travellers"
[ -s "$shipments" ] || ./vigie gen shipment -n "$N" --seed "$SEED" --plant 0.02 --format ndjson -o "$shipments"
echo "vigie bench: ruleset $RULESET, seed $SEED, $(nproc) cores; reading is one thread, evaluation 1 or $THREADS"
bench_file "travellers (CSV)" "$travellers"
bench_file "shipments (NDJSON)" "$shipments"
