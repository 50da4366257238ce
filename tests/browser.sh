#!/bin/sh
# browser.sh - the review page in headless Chromium (tests/browser_test.py); a screenshot of the
# item page lands in build/screenshots/. Closes with "browser: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
VIGIE=${VIGIE:-./vigie}
for f in /usr/bin/python3 /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$f" ]; then
    echo "FAIL browser: $f is missing (make deps installs chromium, chromium-driver, python3-selenium)"
    echo "browser: 0 passed, 1 failed"
    exit 1
  fi
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p build/screenshots
/usr/bin/python3 tests/browser_test.py "$VIGIE" "$T" build/screenshots
