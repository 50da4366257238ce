#!/bin/sh
# e2e_authoring.sh - the authoring commands end to end: `vigie check` on one broken ruleset
# per finding code (fixtures/broken/CODE[.variant]/, each must give exactly CODE), `vigie
# test` on failing and under-covered fixtures, a clean ruleset, JSON output, usage errors,
# and how runs treat what check finds. Last line: "authoring: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
export VIGIE_TODAY=2026-06-01   # review-overdue and review-soon are relative to it
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
check() { # check NAME CONDITION-EXIT-STATUS [DETAIL]
  if [ "$2" -eq 0 ]; then ok "$1"; else not_ok "$1" "$3"; fi
}

# Distinct finding codes of a text report, sorted, space-separated.
codes_text() { grep -o '^[^ ].*: \(error\|warning\)\[[a-z-]*\]' "$1" | sed 's/.*\[\(.*\)\]$/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
codes_json() { grep -o '"code":[[:space:]]*"[a-z-]*"' "$1" | sed 's/.*"\([a-z-]*\)"$/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

# Findings that are warnings; every other code is an error.
is_warning() {
  case "$1" in review-soon|function-reads-unknown|unknown-justification|no-fixtures|list-review-overdue|list-review-soon) return 0 ;; esac
  return 1
}

# ---- one broken ruleset per code: exactly that code, with file:line, and the exit code ----
for dir in fixtures/broken/*/; do
  dir=${dir%/}
  name=$(basename "$dir")
  case "$name" in test-*|bad-ruleset) continue ;; esac
  code=${name%%.*}
  $VIGIE check "$dir" >"$tmp/out" 2>&1
  rc=$?
  got=$(codes_text "$tmp/out")
  [ "$got" = "$code" ]; check "check $name gives exactly $code" $? "got: '$got'
$(cat "$tmp/out")"
  if is_warning "$code"; then want=0; else want=5; fi
  [ "$rc" -eq "$want" ]; check "check $name exits $want" $? "exit $rc"
  if is_warning "$code"; then
    $VIGIE check --strict "$dir" >/dev/null 2>&1
    rc=$?
    [ "$rc" -eq 5 ]; check "check --strict $name exits 5 on a warning" $? "exit $rc"
  fi
  # every finding names a file and a line
  bad=$(grep -E '(error|warning)\[' "$tmp/out" | grep -vE '^[^ :]+:[1-9][0-9]*: (error|warning)\[')
  [ -z "$bad" ]; check "check $name: every finding has file:line" $? "$bad"
  $VIGIE check --format json "$dir" >"$tmp/json" 2>&1
  got=$(codes_json "$tmp/json")
  [ "$got" = "$code" ]; check "check --format json $name gives exactly $code" $? "got: '$got'"
done

# ---- a ruleset that cannot be read at all ----
$VIGIE check fixtures/broken/bad-ruleset >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 3 ]; check "check on a broken schema exits 3" $? "exit $rc"
grep -q "schemas/person.yaml:14: field 'bags': unknown type 'count'" "$tmp/out"
check "check on a broken schema names file, line and field" $? "$(cat "$tmp/out")"
$VIGIE check --format json fixtures/broken/bad-ruleset >"$tmp/json" 2>/dev/null
[ "$(codes_json "$tmp/json")" = "bad-ruleset" ] && grep -q '"line":[[:space:]]*14' "$tmp/json"
check "check --format json on a broken schema: one bad-ruleset finding at line 14" $? "$(cat "$tmp/json")"
$VIGIE check "$tmp/no-such-dir" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 3 ]; check "check on a missing directory exits 3" $? "exit $rc"

# ---- what the function indicator was seen reading: named in the finding ----
$VIGIE check fixtures/broken/sensitive-field.function >"$tmp/out" 2>&1
grep -q "b.lua:16: error\[sensitive-field\]: B1: indicator 'p' reads the sensitive field 'religion'" "$tmp/out"
check "a Lua function's sensitive read, learned from fixtures, is reported at its line" $? "$(cat "$tmp/out")"
rm -rf "$tmp/nofix" && cp -rL fixtures/broken/sensitive-field.function "$tmp/nofix" && rm "$tmp/nofix/person/b.test.yaml"
$VIGIE check "$tmp/nofix" >"$tmp/out" 2>&1
[ "$(codes_text "$tmp/out")" = "function-reads-unknown no-fixtures" ]
check "without fixtures the same function is only function-reads-unknown (and no-fixtures)" $? "$(cat "$tmp/out")"

# ---- a clean ruleset ----
clean=fixtures/authoring/clean
$VIGIE check --strict "$clean" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "0 errors, 0 warnings in 2 scenarios" ]
check "check --strict on a clean ruleset: exit 0 and the summary line only" $? "exit $rc: $(cat "$tmp/out")"
$VIGIE check --format json "$clean" >"$tmp/out" 2>&1
[ "$(tr -d ' \n\t' <"$tmp/out")" = "[]" ]; check "check --format json on a clean ruleset prints []" $? "$(cat "$tmp/out")"
$VIGIE check --list "$clean" >"$tmp/out" 2>&1
head -1 "$tmp/out" | grep -q '^id  *status  *subject  *kind  *review_by  *revision  *tags$' &&
  grep -qE '^C-MINOR-HUB  +active  +possible-victim  +person  +2099-01-01  +[0-9a-f]{12}  +minor,routing$' "$tmp/out" &&
  grep -qE '^C-CASH-HUB  +draft  +other  +person  +2099-01-01  +[0-9a-f]{12}  +-$' "$tmp/out"
check "check --list: id, status, subject, kind, review_by, revision, tags" $? "$(cat "$tmp/out")"
$VIGIE check --list --format json "$clean" >"$tmp/out" 2>&1
grep -q '"id":[[:space:]]*"C-MINOR-HUB"' "$tmp/out" && grep -qE '"revision":[[:space:]]*"[0-9a-f]{64}"' "$tmp/out" &&
  grep -q '"fixture_cases":[[:space:]]*3' "$tmp/out"
check "check --list --format json" $? "$(cat "$tmp/out")"
$VIGIE test "$clean" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && [ "$(tail -1 "$tmp/out")" = "ruleset: 5 passed, 0 failed" ] &&
  grep -qE '^  C-MINOR-HUB  +active +3 cases +5/5 +100.0%$' "$tmp/out"
check "test on a clean ruleset: every case passes, full coverage" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test -s "$clean" --scenario C-CASH-HUB -v >"$tmp/out" 2>&1
[ "$(tail -1 "$tmp/out")" = "ruleset: 2 passed, 0 failed" ] && grep -q '^ok    C-CASH-HUB ' "$tmp/out" && ! grep -q C-MINOR-HUB "$tmp/out"
check "test --scenario runs one scenario's cases; -v lists them" $? "$(cat "$tmp/out")"
$VIGIE test --format json "$clean" >"$tmp/out" 2>"$tmp/err"
grep -q '"passed":[[:space:]]*5' "$tmp/out" && grep -q '"percent":[[:space:]]*100' "$tmp/out" &&
  [ "$(cat "$tmp/err")" = "ruleset: 5 passed, 0 failed" ]
check "test --format json: JSON on stdout, the summary line on stderr" $? "$(cat "$tmp/out" "$tmp/err")"

# ---- sorted by file, then line ----
rm -rf "$tmp/two" && cp -rL "$clean" "$tmp/two"
sed -i 's/rationale  = "Test rationale."/rationale  = "  "/; s/status     = "draft"/status     = "active"/' "$tmp/two/person/all_conditions.lua"
sed -i 's/review_by  = "2099-01-01"/review_by  = "2026-06-10"/; s/field "bags" :gt(2)/field "religion" :equals "X"/' "$tmp/two/person/minor_hub.lua"
sed -i 's/when = field "one_way" :equals(true) },$/when = field "religion" :equals "X" },/' "$tmp/two/person/minor_hub.lua"
$VIGIE check "$tmp/two" >"$tmp/out" 2>&1
rc=$?
grep -oE '^[^ ]+:[0-9]+: (error|warning)\[[a-z-]+\]' "$tmp/out" | sed "s#^$tmp/two/##" >"$tmp/got"
printf '%s\n' "person/all_conditions.lua:2: error[empty-rationale]" \
  "person/minor_hub.lua:3: warning[review-soon]" \
  "person/minor_hub.lua:22: error[sensitive-field]" >"$tmp/want"
cmp -s "$tmp/got" "$tmp/want" && [ "$rc" -eq 5 ] && [ "$(tail -1 "$tmp/out")" = "2 errors, 1 warning in 2 scenarios" ]
check "check sorts findings by file then line and sums them up" $? "exit $rc
$(cat "$tmp/out")"

# ---- vigie test failures and coverage ----
$VIGIE check --strict fixtures/broken/test-fails >/dev/null 2>&1
check "test-fails is clean for check" $?
$VIGIE test fixtures/broken/test-fails >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && [ "$(tail -1 "$tmp/out")" = "ruleset: 1 passed, 1 failed" ] &&
  grep -q "^FAIL  B1  fixtures/broken/test-fails/person/b.test.yaml:6  case 'few bags'$" "$tmp/out" &&
  grep -q "verdict: expected hit, got no-hit; score: expected 1, got 0" "$tmp/out" &&
  grep -q "^      expected: hit, score 1$" "$tmp/out" &&
  grep -q "^      actual:   no-hit, score 0, fired \[\]$" "$tmp/out" &&
  grep -q "^no hit  B1  Broken example$" "$tmp/out" && grep -q "bags = 1" "$tmp/out"
check "test prints a failure: scenario, file:line, case, expected vs actual, explanation; exit 5" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test fixtures/broken/test-coverage >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && [ "$(tail -1 "$tmp/out")" = "ruleset: 2 passed, 0 failed" ] &&
  grep -q "1/2 .*50.0%  BELOW MINIMUM" "$tmp/out" && grep -q "indicator 'p' (line 15): never true" "$tmp/out"
check "test fails an active scenario below 100% coverage and lists what is uncovered" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test --min-coverage 50 fixtures/broken/test-coverage >/dev/null 2>&1
check "test --min-coverage 50 accepts 50% coverage" $?
sed 's/status     = "active"/status     = "draft"/' fixtures/broken/test-coverage/person/b.lua >"$tmp/draft.lua"
rm -rf "$tmp/draft" && cp -rL fixtures/broken/test-coverage "$tmp/draft" && cp "$tmp/draft.lua" "$tmp/draft/person/b.lua"
$VIGIE test "$tmp/draft" >"$tmp/out" 2>&1
check "a draft's coverage is reported, not enforced" $? "$(cat "$tmp/out")"
$VIGIE test fixtures/broken/bad-fixture.value >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && [ "$(tail -1 "$tmp/out")" = "ruleset: 1 passed, 1 failed" ] && grep -q 'b.test.yaml:5: error\[bad-fixture\]' "$tmp/out"
check "test counts a broken fixture case as failed" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test fixtures/broken/lua-error >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && grep -q 'error\[lua-error\]' "$tmp/out"
check "test fails when a scenario file does not compile" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test fixtures/broken/duplicate-scenario-id >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ]; check "test fails on a refused duplicate scenario" $? "exit $rc"

# ---- runs: governance found through fixtures blocks them; broken fixtures do not ----
printf 'id,bags,religion\nP-1,7,\n' >"$tmp/people.csv"
$VIGIE run --no-store -q -s fixtures/broken/sensitive-field.function --kind person --force --hits "$tmp/hits.ndjson" "$tmp/people.csv" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 3 ] && grep -q 'sensitive-field' "$tmp/out"
check "run refuses a ruleset whose function reads a sensitive field (learned from fixtures)" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE run --no-store -q -s fixtures/broken/bad-fixture.value --kind person --force --hits "$tmp/hits.ndjson" "$tmp/people.csv" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q '"id":[[:space:]]*"B1"' "$tmp/hits.ndjson"
check "run is not blocked by a broken fixture" $? "exit $rc
$(cat "$tmp/out")"

# ---- usage ----
$VIGIE check --format xml "$clean" >/dev/null 2>&1; [ $? -eq 2 ]; check "check --format xml is a usage error" $?
$VIGIE check "$clean" "$clean" >/dev/null 2>&1; [ $? -eq 2 ]; check "check with two rulesets is a usage error" $?
$VIGIE test --min-coverage 101 "$clean" >/dev/null 2>&1; [ $? -eq 2 ]; check "test --min-coverage 101 is a usage error" $?
$VIGIE test --scenario NOPE "$clean" >/dev/null 2>&1; [ $? -eq 2 ]; check "test --scenario with an unknown id is a usage error" $?
for cmd in check test; do
  $VIGIE help $cmd >"$tmp/out" 2>&1
  grep -q "^usage: vigie $cmd" "$tmp/out" && grep -q "^exit codes:" "$tmp/out"
  check "vigie help $cmd documents usage and exit codes" $?
done

echo "authoring: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
