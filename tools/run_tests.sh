#!/bin/sh
# run_tests.sh - run every suite (CUnit binaries, end-to-end tests of the binary, the
# authoring commands, the shipped ruleset's own fixtures through `vigie test`) and close
# with one line "N passed, N failed".
cd "$(dirname "$0")/.."
log=$(mktemp)
out=$(mktemp)
trap 'rm -f "$log" "$out"' EXIT
summary='^[a-z0-9_ -]+: [0-9]+ passed, [0-9]+ failed$'
status=0
extra=0
suites=0
# Run one suite, keep its output. A suite that exits non-zero without counting a failure
# (vigie test below --min-coverage, a crash after its summary) counts as one failure.
run_suite() {
  suites=$((suites + 1))
  "$@" >"$out" 2>&1
  rc=$?
  cat "$out" >>"$log"
  [ "$rc" -eq 0 ] && return
  status=1
  last=$(grep -E "$summary" "$out" | tail -1)
  if [ -n "$last" ] && [ "$(echo "$last" | awk '{print $(NF-1)}')" -eq 0 ]; then
    echo "FAIL: '$*' exited $rc with no failure counted (see its output)" >>"$log"
    extra=$((extra + 1))
  fi
}
for t in "$@"; do
  run_suite "$t"
done
run_suite sh tests/e2e.sh
run_suite sh tests/e2e_authoring.sh
run_suite sh tests/e2e_store.sh
run_suite sh tests/e2e_ranges.sh
run_suite sh tests/e2e_hostile.sh
run_suite sh tests/e2e_lists.sh
run_suite sh tests/browser.sh
run_suite sh tests/e2e_revision.sh
run_suite sh tests/e2e_booking.sh
run_suite "${VIGIE:-./vigie}" test scenarios
grep -v -E "$summary" "$log" | grep -E '^(FAIL|not ok)' | head -50
grep -E "$summary" "$log"
passed=$(grep -E "$summary" "$log" | awk '{s+=$(NF-3)} END {print s+0}')
failed=$(grep -E "$summary" "$log" | awk '{s+=$(NF-1)} END {print s+0}')
failed=$((failed + extra))
# A suite that crashed before its summary line counts as one failure.
reported=$(grep -cE "$summary" "$log")
if [ "$reported" -lt "$suites" ]; then
  failed=$((failed + suites - reported))
  echo "FAIL: $((suites - reported)) suite(s) ended without a summary line (crash?)"
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
