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
  case "$1" in review-soon|function-reads-unknown|unknown-justification|no-fixtures|list-review-overdue|list-review-soon|never-true) return 0 ;; esac
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
[ "$rc" -eq 5 ] && [ "$(tail -2 "$tmp/out" | head -1)" = "ruleset: 1 passed, 1 failed" ] &&
  [ "$(tail -1 "$tmp/out")" = "vigie test: exit 5: 1 case failed" ] &&
  grep -q "^FAIL  B1  fixtures/broken/test-fails/person/b.test.yaml:6  case 'few bags'$" "$tmp/out" &&
  grep -q "verdict: expected hit, got no-hit; score: expected 1, got 0" "$tmp/out" &&
  grep -q "^      expected: hit, score 1$" "$tmp/out" &&
  grep -q "^      actual:   no-hit, score 0, fired \[\]$" "$tmp/out" &&
  grep -q "^no hit  B1  Broken example$" "$tmp/out" && grep -q "bags = 1" "$tmp/out"
check "test prints a failure: scenario, file:line, case, expected vs actual, explanation; exit 5" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test fixtures/broken/test-coverage >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && [ "$(tail -2 "$tmp/out" | head -1)" = "ruleset: 2 passed, 0 failed" ] &&
  [ "$(tail -1 "$tmp/out")" = "vigie test: exit 5: 1 active scenario below the 100% minimum coverage (--min-coverage)" ] &&
  grep -q "1/2 .*50.0%  BELOW MINIMUM" "$tmp/out" && grep -q "indicator 'p' (line 15): never true" "$tmp/out"
check "test fails an active scenario below 100% coverage, lists what is uncovered and says so on its last line" $? "exit $rc
$(cat "$tmp/out")"
$VIGIE test --min-coverage 50 fixtures/broken/test-coverage >/dev/null 2>&1
check "test --min-coverage 50 accepts 50% coverage" $?
sed 's/status     = "active"/status     = "draft"/' fixtures/broken/test-coverage/person/b.lua >"$tmp/draft.lua"
rm -rf "$tmp/draft" && cp -rL fixtures/broken/test-coverage "$tmp/draft" && cp "$tmp/draft.lua" "$tmp/draft/person/b.lua"
$VIGIE test "$tmp/draft" >"$tmp/out" 2>&1
check "a draft's coverage is reported, not enforced" $? "$(cat "$tmp/out")"
$VIGIE test fixtures/broken/bad-fixture.value >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && [ "$(tail -2 "$tmp/out" | head -1)" = "ruleset: 1 passed, 1 failed" ] && grep -q 'b.test.yaml:5: error\[bad-fixture\]' "$tmp/out"
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

# ---- the operator table: one definition, the language reference generated from it ----
$VIGIE help operators >"$tmp/ops.md" 2>&1
sed -n '/^<!-- operators: generated/,/^<!-- operators: end/p' scenarios/README.md | sed '1d;$d' >"$tmp/readme-ops.md"
cmp -s "$tmp/ops.md" "$tmp/readme-ops.md"
check "scenarios/README.md's operator reference is what 'vigie help operators' prints" $? "$(diff "$tmp/ops.md" "$tmp/readme-ops.md")"
$VIGIE check --strict fixtures/rulesets/operators >"$tmp/out" 2>&1
check "| & ~, not_equals, equals_exactly and whole-word lists pass check --strict" $? "$(cat "$tmp/out")"
$VIGIE test fixtures/rulesets/operators >"$tmp/out" 2>&1
check "| & ~, not_equals, equals_exactly and whole-word lists give the fixtures' results" $? "$(cat "$tmp/out")"
$VIGIE check fixtures/broken/lua-error.arity >"$tmp/out" 2>&1
grep -q 'b.lua:14: error\[lua-error\]: starts_with takes .*it was given (text, text)' "$tmp/out"
check "an extra argument to starts_with is an error at its line" $? "$(cat "$tmp/out")"
$VIGIE check fixtures/broken/never-true >"$tmp/out" 2>&1
grep -q 'b.lua:15: warning\[never-true\]: B1: indicator .q.: equals("") can never be true' "$tmp/out"
check "check warns that equals(\"\") can never be true" $? "$(cat "$tmp/out")"

# ---- explain: the closest five by default, --all, --case ----
$VIGIE explain fixtures/readers/traveller_good.csv:2 >"$tmp/out" 2>&1
n=$(grep -cE '^(HIT|no hit|ERROR)  ' "$tmp/out")
[ "$n" -eq 5 ] && tail -1 "$tmp/out" | grep -q '^5 of 16 scenarios shown: those that hit, then the closest; --all shows every one' &&
  ! grep -A100 '^no hit ' "$tmp/out" | grep -q '^HIT '
check "explain shows the five scenarios that hit or came closest, hits first, and says so" $? "$(grep -E '^(HIT|no hit)|shown' "$tmp/out")"
$VIGIE explain --all fixtures/readers/traveller_good.csv:2 >"$tmp/out" 2>&1
[ "$(grep -cE '^(HIT|no hit|ERROR)  ' "$tmp/out")" -eq 16 ] && ! grep -q 'shown' "$tmp/out"
check "explain --all shows every scenario of the kind" $?
case1=$(grep -m1 'name:' scenarios/traveller/minor_third_party.test.yaml | sed 's/.*name: //')
$VIGIE explain --case "scenarios/traveller/minor_third_party.test.yaml:$case1" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q '^HIT  TRV-MINOR-THIRD-PARTY ' "$tmp/out" && tail -1 "$tmp/out" | grep -q "^case '$case1' (scenarios/traveller/minor_third_party.test.yaml:[0-9]*): as expected$"
check "explain --case FILE:NAME runs one fixture case and says it gives what it expects" $? "exit $rc
$(tail -3 "$tmp/out")"
$VIGIE explain --case "fixtures/broken/test-fails/person/b.test.yaml:few bags" -s fixtures/broken/test-fails >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 5 ] && tail -1 "$tmp/out" | grep -q "NOT as expected: verdict: expected hit, got no-hit"
check "explain --case on a failing case exits 5 and says what differs" $? "exit $rc
$(tail -3 "$tmp/out")"
$VIGIE explain --case "scenarios/traveller/minor_third_party.test.yaml:no such case" >"$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "has no valid case named 'no such case'" "$tmp/out"
check "explain --case with an unknown case is a usage error" $? "$(cat "$tmp/out")"

$VIGIE explain --scenario TRV-MINOR-THIRD-PARTY fixtures/readers/traveller_good.csv:2 >"$tmp/out" 2>&1
grep -q "^ *when: age is under 18$" "$tmp/out" && grep -q "^ *when: itinerary contains an entry of list transit_hubs$" "$tmp/out"
check "explain words each predicate from the operator table" $? "$(grep when "$tmp/out")"
$VIGIE explain --lang fr --scenario TRV-MINOR-THIRD-PARTY fixtures/readers/traveller_good.csv:2 >"$tmp/out" 2>&1
grep -q "^ *si : age est inférieur à 18$" "$tmp/out" && grep -q "^ *si : payer_surname diffère de surname$" "$tmp/out"
check "explain --lang fr words each predicate in French" $? "$(grep 'si :' "$tmp/out")"

# ---- --version and vigie.yaml ----
$VIGIE --version >"$tmp/out" 2>&1
rev=$($VIGIE check --list scenarios | sed -n 's/^[0-9]* scenarios, ruleset .* revision //p')
[ $? -eq 0 ] && head -1 "$tmp/out" | grep -q "^vigie $(sed -n 's/#define VIGIE_VERSION "\(.*\)"/\1/p' core/version.h)$" &&
  grep -q "^ruleset scenarios revision $rev" "$tmp/out"
check "--version prints vigie's version and the revision of the ruleset it would run" $? "$(cat "$tmp/out") (want $rev)"
mkdir -p "$tmp/cfg"
printf 'ruleset: %s/fixtures/rulesets/operators\nlanguage: fr\nthreads: 2\nstore: %s/cfg/x.db\n' "$PWD" "$tmp" >"$tmp/cfg/vigie.yaml"
(cd "$tmp/cfg" && "$OLDPWD/$VIGIE" test) >"$tmp/out" 2>&1
check "vigie.yaml in the working directory names the ruleset" $? "$(cat "$tmp/out")"
(cd "$tmp/cfg" && "$OLDPWD/$VIGIE" --version) | grep -q "^ruleset .*fixtures/rulesets/operators revision"
check "--version follows vigie.yaml's ruleset" $?
VIGIE_CONFIG="$tmp/cfg/vigie.yaml" $VIGIE explain -s scenarios --scenario TRV-MINOR-THIRD-PARTY fixtures/readers/traveller_good.csv:2 >"$tmp/out" 2>&1
grep -q "^ALERTE  TRV-MINOR-THIRD-PARTY" "$tmp/out"
check "VIGIE_CONFIG names the file; its language applies, and -s wins over its ruleset" $? "$(head -3 "$tmp/out")"
VIGIE_CONFIG="$tmp/cfg/vigie.yaml" $VIGIE explain --lang en -s scenarios --scenario TRV-MINOR-THIRD-PARTY fixtures/readers/traveller_good.csv:2 | grep -q "^HIT  TRV-MINOR"
check "--lang wins over vigie.yaml's language" $?
printf 'ruleset: scenarios\ntheads: 4\n' >"$tmp/bad.yaml"
VIGIE_CONFIG="$tmp/bad.yaml" $VIGIE check >"$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "bad.yaml:2: field 'theads': unknown key" "$tmp/out"
check "vigie.yaml with an unknown key is an error naming file, line and key" $? "$(cat "$tmp/out")"
printf 'ruleset: %s/scenarios\nstore: %s/cfg/run.db\nthreads: 2\n' "$PWD" "$tmp" >"$tmp/run.yaml"
VIGIE_CONFIG="$tmp/run.yaml" $VIGIE run -q fixtures/readers/traveller_good.csv >"$tmp/out" 2>&1
rc=$?
[ "$rc" -le 1 ] && [ -s "$tmp/cfg/run.db" ]
check "run takes its ruleset and store from vigie.yaml" $? "exit $rc
$(cat "$tmp/out")"
printf 'threads: 65\n' >"$tmp/bad.yaml"
VIGIE_CONFIG="$tmp/bad.yaml" $VIGIE run --no-store fixtures/readers/traveller_good.csv >"$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "bad.yaml:1: field 'threads': expects a number of threads from 1 to 64, not '65'" "$tmp/out"
check "vigie.yaml's threads has --threads' bound, and run reads vigie.yaml" $? "$(cat "$tmp/out")"
VIGIE_CONFIG="$tmp/none.yaml" $VIGIE check >"$tmp/out" 2>&1
[ $? -eq 2 ]; check "VIGIE_CONFIG naming a missing file is an error" $?

# ---- the shared indicator library: scenarios/lib/, and revisions that follow it ----
rm -rf "$tmp/lib" && cp -r scenarios "$tmp/lib"
$VIGIE check --list "$tmp/lib" | awk '$1 ~ /^[A-Z]+-/ {print $1, $6}' | sort >"$tmp/rev1"
printf '\n-- a changed comment still changes the file\n' >>"$tmp/lib/lib/payment.lua"
$VIGIE check --list "$tmp/lib" | awk '$1 ~ /^[A-Z]+-/ {print $1, $6}' | sort >"$tmp/rev2"
users=$(grep -l 'use "payment"' scenarios/*/*.lua | xargs sed -n 's/^ *id *= *"\([A-Z0-9-]*\)".*/\1/p' | sort | tr '\n' ' ')
changed=$(join "$tmp/rev1" "$tmp/rev2" | awk '$2 != $3 {print $1}' | sort | tr '\n' ' ')
[ -n "$users" ] && [ "$changed" = "$users" ]
check "a change in lib/payment.lua changes the revision of every scenario that uses it, and only theirs" $? "users: $users
changed: $changed"
$VIGIE test "$tmp/lib" >/dev/null 2>&1
check "the shipped scenarios pass their fixtures through the shared library" $?
sed -i 's/use "payment"/use "paymnet"/' "$tmp/lib/traveller/minor_third_party.lua"
$VIGIE check "$tmp/lib" >"$tmp/out" 2>&1
grep -q 'minor_third_party.lua:2: error\[lua-error\]: use "paymnet": no such library (lib/paymnet.lua)' "$tmp/out"
check "use of a library that does not exist is an error at its line" $? "$(grep paymnet "$tmp/out")"

# ---- eval: truth files scored by the quality module; no silent merge of a 65th pattern ----
$VIGIE gen traveller -n 300 --seed 3 --plant 0.05 --truth "$tmp/truth.csv" -o "$tmp/t.csv" -q
$VIGIE eval -s scenarios --threads 1 "$tmp/t.csv" "$tmp/truth.csv" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q "precision" "$tmp/out" && grep -q "300 records read" "$tmp/out"
check "eval scores a generated manifest against its truth" $? "exit $rc
$(head -5 "$tmp/out")"
{ echo key,pattern,label; i=1; while [ $i -le 65 ]; do echo "K$i,pattern$i,planted"; i=$((i + 1)); done; } >"$tmp/truth65.csv"
$VIGIE eval -s scenarios --threads 1 "$tmp/t.csv" "$tmp/truth65.csv" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 4 ] && grep -q "truth65.csv:66: field 'pattern': pattern 'pattern65' is one more than the 64 patterns" "$tmp/out"
check "eval refuses a 65th pattern instead of merging it into the 64th" $? "exit $rc
$(cat "$tmp/out")"

# ---- man page and bash completion, installed by make install ----
sh tools/man.sh "$VIGIE" >"$tmp/vigie.1"
missing=""
for cmd in $($VIGIE help | sed -n 's/^  \([a-z][a-z]*\)  *.*/\1/p' | grep -v '^help$'); do
  grep -q "^\.SS $cmd\$" "$tmp/vigie.1" || missing="$missing $cmd"
done
[ -z "$missing" ] && grep -q '^\.TH VIGIE 1' "$tmp/vigie.1" && grep -q 'VIGIE_CONFIG' "$tmp/vigie.1" &&
  man -l "$tmp/vigie.1" 2>/dev/null | grep -q 'equals_exactly'
check "the man page documents every command, vigie.yaml and the operators" $? "missing:$missing"
got=$(bash -c '. tools/vigie.bash; COMP_WORDS=("$1" e); COMP_CWORD=1; _vigie; echo "${COMPREPLY[*]}"' _ "$VIGIE")
[ "$got" = "eval explain" ]; check "bash completion completes commands" $? "got '$got'"
got=$(bash -c '. tools/vigie.bash; COMP_WORDS=("$1" explain --ca); COMP_CWORD=2; _vigie; echo "${COMPREPLY[*]}"' _ "$VIGIE")
[ "$got" = "--case" ]; check "bash completion completes a command's options from its help" $? "got '$got'"
if [ "$VIGIE" = ./vigie ]; then
  make -s install DESTDIR="$tmp/inst" PREFIX=/opt/v >"$tmp/out" 2>&1 &&
    [ -x "$tmp/inst/opt/v/bin/vigie" ] && [ -s "$tmp/inst/opt/v/share/man/man1/vigie.1" ] &&
    [ -s "$tmp/inst/opt/v/share/bash-completion/completions/vigie" ]
  check "make install puts binary, man page and completion under DESTDIR/PREFIX" $? "$(cat "$tmp/out")"
fi

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
