#!/usr/bin/python3
"""browser_report.py - open a `vigie report --format html` page in headless Chromium
(Debian's chromium and chromium-driver, through python3-selenium) with the network
off, check what it shows, and save a screenshot.

usage: browser_report.py PAGE.html SCREENSHOT.png [report|backtest]
Prints one line per check, "ok ..." or "FAIL ...", and exits 1 when one failed."""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

page, shot = os.path.abspath(sys.argv[1]), sys.argv[2]
kind = sys.argv[3] if len(sys.argv) > 3 else "report"
opts = webdriver.ChromeOptions()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1400,1800", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
    opts.add_argument(arg)
opts.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
failed = 0


def check(name, ok):
    global failed
    print(("ok " if ok else "FAIL ") + name)
    failed += not ok


try:
    driver.get("file://" + page)
    check("title is 'vigie %s'" % kind, driver.title == "vigie " + kind)
    svgs = driver.find_elements(By.CSS_SELECTOR, "svg")
    check("an inline chart", len(svgs) >= 1)
    bars = [b for b in driver.find_elements(By.CSS_SELECTOR, "svg rect.bar") if b.size["height"] > 0]
    check("bars are laid out (non-zero height)", len(bars) >= 1)
    check("the chart draws precision", len(driver.find_elements(By.CSS_SELECTOR, "svg circle.dot")) >= 1)
    if kind == "report":
        flagged = driver.find_elements(By.CSS_SELECTOR, "#disparity ~ table tr.bad")
        check("the disparity table flags groups", len(flagged) >= 1)
    else:
        check("the candidate's threshold is marked", len(driver.find_elements(By.CSS_SELECTOR, "svg rect.bar.now")) >= 1)
        check("gained and lost records listed", "lost" in driver.find_element(By.TAG_NAME, "body").text)
    # nothing was fetched: every resource the page loaded is the page itself
    entries = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    check("no resource fetched (%s)" % entries, entries == [])
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, min(height + 40, 8000))
    driver.save_screenshot(shot)
    check("screenshot saved", os.path.getsize(shot) > 10000)
finally:
    driver.quit()
sys.exit(1 if failed else 0)
