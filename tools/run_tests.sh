#!/bin/sh
# run_tests.sh - run every suite (CUnit binaries, end-to-end tests of the binary, the
# shipped ruleset's own fixtures) and close with one line "N passed, N failed".
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for t in "$@"; do
  "$t" >>"$log" 2>&1 || status=1
done
sh tests/e2e.sh >>"$log" 2>&1 || status=1
grep -v -E '^[a-z0-9_ -]+: [0-9]+ passed, [0-9]+ failed$' "$log" | grep -E '^(FAIL|not ok)' | head -50
grep -E '^[a-z0-9_ -]+: [0-9]+ passed, [0-9]+ failed$' "$log"
passed=$(grep -E '^[a-z0-9_ -]+: [0-9]+ passed, [0-9]+ failed$' "$log" | awk '{s+=$(NF-3)} END {print s+0}')
failed=$(grep -E '^[a-z0-9_ -]+: [0-9]+ passed, [0-9]+ failed$' "$log" | awk '{s+=$(NF-1)} END {print s+0}')
# A suite that crashed before its summary line counts as one failure.
suites=$(( $# + 1 ))
reported=$(grep -cE '^[a-z0-9_ -]+: [0-9]+ passed, [0-9]+ failed$' "$log")
if [ "$reported" -lt "$suites" ]; then
  failed=$((failed + suites - reported))
  echo "FAIL: $((suites - reported)) suite(s) ended without a summary line (crash?)"
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
