#!/bin/sh
# e2e_ranges.sh - parallel reading in byte ranges gives what one thread streaming the
# file gives, byte for byte: hits, rejects (file and line), counts; with ranges so
# small that their borders fall inside quoted newlines, CRLF, blank lines and
# malformed quoting (VIGIE_RANGE_BYTES), on the reader fixtures and generated data.
# Prints one line per failure and closes with "e2e_ranges: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL e2e_ranges: $1"; }

# run LABEL THREADS RULESET FILE: hits without the run id, rejects, the summary's counts
run() {
  label=$1 threads=$2 ruleset=$3 file=$4
  $VIGIE run --no-store --threads "$threads" -s "$ruleset" --hits "$T/$label.hits" --rejects "$T/$label.rej" \
    "$file" > /dev/null 2> "$T/$label.err"
  echo "exit $?" > "$T/$label.out"
  sed -E 's/"run_id":"[^"]*"//' "$T/$label.hits" >> "$T/$label.out" 2>/dev/null
  cat "$T/$label.rej" >> "$T/$label.out" 2>/dev/null
  grep -E '^  (total|[a-z_]+ +[a-z-]+ +[0-9,]+ +[0-9,]+$)' "$T/$label.err" | sed -E 's/^ +//' >> "$T/$label.out"
  grep -F "$(basename "$file")" "$T/$label.err" | grep -v '^ ' | sort >> "$T/$label.out"
  rm -f "$T/$label.hits" "$T/$label.rej"
}

# same_at_any_range RULESET FILE SIZES...: --threads 2 in ranges of each size = --threads 1 streaming
same_at_any_range() {
  ruleset=$1 file=$2
  shift 2
  run one 1 "$ruleset" "$file"
  for size in "$@"; do
    VIGIE_RANGE_BYTES=$size run two 2 "$ruleset" "$file"
    if cmp -s "$T/one.out" "$T/two.out"; then ok; else
      fail "$file in ranges of $size bytes differs from one thread"
      diff "$T/one.out" "$T/two.out" | head -5
    fi
  done
}

# ---- the reader fixtures, malformed ones included, and the e2e manifests ---------------
for f in fixtures/readers/*.csv fixtures/readers/*.ndjson; do
  same_at_any_range scenarios "$f" 1 2 3 5 8 13 21 34 55 89 144 1000
done
for f in fixtures/manifests/*.csv fixtures/manifests/*.ndjson; do
  [ -f "$f" ] && same_at_any_range fixtures/rulesets/e2e "$f" 1 7 64 500
done

# ---- quoted newlines, doubled quotes, CRLF, blank lines, a stray quote, across borders --
awk 'BEGIN {
  print "passenger_id,surname,given_names,baggage_count"
  for (i = 1; i <= 400; i++) {
    if (i % 7 == 0) printf "Q-%d,\"MULTI\nLINE\n\"\"NAME\"\", %d\",\"A\r\nB\",%d\n", i, i, i % 4
    else if (i % 11 == 0) printf "C-%d,CRLF,X,%d\r\n", i, i % 3
    else if (i % 13 == 0) printf "\n\nB-%d,BLANK,\"\",1\n", i
    else if (i == 200) printf "S-%d,\"STRAY,QUOTE,2\nS-%d-next,AFTER,Y,1\n", i, i
    else if (i % 17 == 0) printf "N-%d,BAD,\"x\"y,notanumber\n", i
    else printf "P-%d,PLAIN,\"G %d\",%d\n", i, i, i % 5
  }
}' > "$T/quoted.csv"
same_at_any_range scenarios "$T/quoted.csv" 1 9 31 64 100 257 4096

# ---- random malformed CSV (stray quotes, CR, blanks, short rows), ranges of 1 to 50 bytes --
i=1
while [ $i -le 40 ]; do
  awk -v seed=$i 'BEGIN {
    srand(seed); n = split("a b 1 , \" _ \t \r \n \" , x 2 \n", alphabet, " ")
    print "passenger_id,surname,given_names,baggage_count"
    for (r = 0; r < 60; r++) {
      if (rand() < 0.5) { printf "K%d,S%d,\"G %d\",%d\n", r, r, r, r % 4; continue }
      line = "K" r ","
      len = int(rand() * 26)
      for (k = 0; k < len; k++) { c = alphabet[1 + int(rand() * n)]; line = line (c == "_" ? " " : c) }
      printf "%s%s", line, rand() < 0.9 ? "\n" : ""
    }
  }' > "$T/random.csv"
  same_at_any_range scenarios "$T/random.csv" $((i % 50 + 1)) $((i * 7 % 50 + 1))
  i=$((i + 1))
done

# ---- generated manifests through the shipped ruleset (hits of every scenario) ---------
$VIGIE gen traveller -n 3000 --seed 7 --plant 0.05 -o "$T/travellers.csv" > /dev/null 2>&1
$VIGIE gen traveller -n 2000 --seed 8 --plant 0.05 --format ndjson -o "$T/travellers.ndjson" > /dev/null 2>&1
$VIGIE gen shipment -n 2000 --seed 9 --plant 0.05 --format ndjson -o "$T/shipments.ndjson" > /dev/null 2>&1
for f in "$T/travellers.csv" "$T/travellers.ndjson" "$T/shipments.ndjson"; do
  same_at_any_range scenarios "$f" 999 8192 65536
done

# ---- streams: .gz files (zlib) and standard input give what the plain file gives -------
# hits without run id and source; the summary's counts
plain() { sed -E 's/"run_id":"[^"]*"//; s/"source":"[^"]*"//' "$1"; }
E2E=fixtures/rulesets/e2e
for f in fixtures/manifests/travellers.csv fixtures/manifests/travellers.ndjson fixtures/manifests/travellers.yaml \
         fixtures/readers/traveller_bad.csv fixtures/readers/traveller_bad.ndjson; do
  # The shipped ruleset reads booking and link values, which need two passes: standard
  # input cannot give them (checked below), so the streams are compared on the e2e one.
  rs=$E2E
  rm -f "$T/p.hits" "$T/g.hits" "$T/s.hits"
  $VIGIE run --no-store -q --threads 2 -s $rs --hits "$T/p.hits" --rejects "$T/p.rej" "$f" 2>/dev/null
  gzip -c "$f" > "$T/$(basename "$f").gz"
  $VIGIE run --no-store -q --threads 2 -s $rs --hits "$T/g.hits" --rejects "$T/g.rej" "$T/$(basename "$f").gz" 2>/dev/null
  if [ "$(plain "$T/p.hits")" = "$(plain "$T/g.hits")" ] && [ -s "$T/p.hits" -o ! -s "$T/g.hits" ]; then ok; else fail "$f.gz: other hits"; fi
  if [ "$(sed 's/^[^:]*:/F:/' "$T/p.rej" 2>/dev/null)" = "$(sed 's/^[^:]*:/F:/' "$T/g.rej" 2>/dev/null)" ]; then ok; else fail "$f.gz: other rejects"; fi
  case $f in *.yaml) continue ;; esac
  $VIGIE run --no-store -q -s $rs --hits "$T/s.hits" --rejects "$T/s.rej" - < "$f" 2>/dev/null
  if [ "$(plain "$T/p.hits")" = "$(plain "$T/s.hits")" ]; then ok; else fail "$f on standard input: other hits"; fi
  if [ "$(sed 's/^[^:]*:/F:/' "$T/p.rej" 2>/dev/null)" = "$(sed 's/^[^:]*:/F:/' "$T/s.rej" 2>/dev/null)" ]; then ok; else fail "$f on standard input: other rejects"; fi
  rm -f "$T/p.rej" "$T/g.rej" "$T/s.rej"
done
# a generated manifest, gzipped and piped, at two threads: the same hits as the plain file
gzip -c "$T/travellers.csv" > "$T/big.csv.gz"
rm -f "$T/p.hits" "$T/g.hits" "$T/s.hits"
$VIGIE run --no-store -q --threads 2 -s scenarios --hits "$T/p.hits" "$T/travellers.csv"
$VIGIE run --no-store -q --threads 2 -s scenarios --hits "$T/g.hits" "$T/big.csv.gz"
if [ -s "$T/p.hits" ] && [ "$(plain "$T/p.hits")" = "$(plain "$T/g.hits")" ]; then ok; else fail "generated .csv.gz: other hits"; fi
rm -f "$T/p.hits" "$T/s.hits"
$VIGIE run --no-store -q --threads 2 -s $E2E --hits "$T/p.hits" "$T/travellers.csv"
gzip -dc "$T/big.csv.gz" | $VIGIE run --no-store -q --threads 2 -s $E2E --hits "$T/s.hits" -
if [ -s "$T/p.hits" ] && [ "$(plain "$T/p.hits")" = "$(plain "$T/s.hits")" ]; then ok; else fail "generated CSV on standard input: other hits"; fi
# the shipped ruleset reads links (two passes): a pipe on standard input is copied to a
# temporary file first, and gives the hits of the plain file
rm -f "$T/p.hits" "$T/l.hits"
$VIGIE run --no-store -q --threads 2 -s scenarios --hits "$T/p.hits" "$T/travellers.csv"
gzip -dc "$T/big.csv.gz" | $VIGIE run --no-store -q -s scenarios --hits "$T/l.hits" - 2> "$T/l.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$T/p.hits" ] && [ "$(plain "$T/p.hits")" = "$(plain "$T/l.hits")" ]; then ok
else fail "shipped ruleset on piped standard input: exit $rc, $(cat "$T/l.err")"; fi
# ... and so does a file given on standard input (read again from where it starts)
$VIGIE run --no-store -q -s scenarios --hits "$T/r.hits" - < "$T/travellers.csv" 2> "$T/l.err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(plain "$T/p.hits")" = "$(plain "$T/r.hits")" ]; then ok
else fail "shipped ruleset on a file as standard input: exit $rc, $(cat "$T/l.err")"; fi
# a named pipe cannot be read twice: refused with the reason, never a hang
rm -f "$T/fifo.csv"; mkfifo "$T/fifo.csv"
timeout 20 $VIGIE run --no-store -q -s scenarios --hits "$T/f.hits" "$T/fifo.csv" 2> "$T/l.err"
rc=$?
if [ "$rc" -eq 4 ] && grep -q 'not a regular file (a pipe or a device) that can be read twice' "$T/l.err"; then ok
else fail "shipped ruleset on a named pipe: exit $rc, $(cat "$T/l.err")"; fi
rm -f "$T/l.hits" "$T/r.hits" "$T/f.hits" "$T/l.err" "$T/fifo.csv"
# a truncated .gz is a read error of that manifest (exit 4), not a crash
head -c 20000 "$T/big.csv.gz" > "$T/cut.csv.gz"
$VIGIE run --no-store -q -s scenarios --hits "$T/c.hits" "$T/cut.csv.gz" 2>/dev/null
rc=$?
if [ $rc -eq 4 ]; then ok; else fail "a truncated .gz exits $rc, not 4"; fi

# ---- progress: only on a terminal (stderr here is a file: no progress line) ------------
rm -f "$T/p.hits"
$VIGIE run --no-store --threads 2 -s scenarios --hits "$T/p.hits" "$T/travellers.csv" 2> "$T/progress.err"
if grep -q "$(printf '\033')" "$T/progress.err"; then fail "a progress line on a stderr that is not a terminal"; else ok; fi

echo "e2e_ranges: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
