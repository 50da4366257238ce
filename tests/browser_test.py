#!/usr/bin/python3
"""browser_test.py - the review page in headless Chromium (Debian's chromium, chromium-driver,
python3-selenium) against `vigie serve` on a free loopback port, over a store filled by a
real `vigie run`. Prints one line per failure and closes with "browser: N passed, N failed".

usage: browser_test.py VIGIE WORKDIR SCREENSHOT_DIR
"""
import os
import socket
import subprocess
import sys
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

VIGIE, WORK, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
DB = os.path.join(WORK, "vigie.db")
PASSWORDS = {"olga": "officer-olga-2026", "omar": "officer-omar-2026", "anna": "analyst-anna-2026",
             "sam": "supervisor-sam-2026", "adam": "admin-adam-2026"}
ROLES = {"olga": "officer", "omar": "officer", "anna": "analyst", "sam": "supervisor", "adam": "admin"}

passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL browser: {name} {detail}".rstrip())


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vigie(*args, stdin=None):
    return subprocess.run([VIGIE, *args], input=stdin, capture_output=True, text=True)


def make_store():
    """A real run of the e2e ruleset over the travellers and shipments fixtures, and five accounts."""
    r = vigie("run", "-q", "-s", "fixtures/rulesets/e2e", "--db", DB,
              "fixtures/manifests/travellers.csv", "fixtures/manifests/shipments.csv")
    check("vigie run fills the store", r.returncode in (0, 1), r.stderr)
    for name, role in ROLES.items():
        r = vigie("user", "add", name, "--role", role, "--db", DB, stdin=PASSWORDS[name] + "\n")
        check(f"vigie user add {name}", r.returncode == 0, r.stderr)


def start_server():
    port = free_port()
    proc = subprocess.Popen([VIGIE, "serve", "--db", DB, "--listen", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login", timeout=1)
            return proc, base
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError("vigie serve exited: " + proc.stderr.read())
            time.sleep(0.1)
    raise RuntimeError("vigie serve did not answer")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1600",
                "--user-data-dir=" + os.path.join(WORK, f"chromium-{time.time_ns()}")):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def click(d, element):
    """Click and wait for the next page to replace this one (every click here loads a page)."""
    old = d.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        # chromedriver reports a node of the unloaded page as stale, or (under load) as
        # an "inspector error" that selenium's staleness_of does not catch: both mean gone
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(d, 10).until(replaced)
    WebDriverWait(d, 10).until(lambda drv: drv.execute_script("return document.readyState") == "complete")


def login(d, base, name):
    d.get(base + "/login")
    d.find_element(By.NAME, "name").send_keys(name)
    d.find_element(By.NAME, "password").send_keys(PASSWORDS[name])
    click(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def logout(d):
    click(d, d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))


def text(d):
    return d.find_element(By.TAG_NAME, "body").text


def queue_items(d):
    return [a.text for a in d.find_elements(By.CSS_SELECTOR, "table.queue a.item-link")]


def run_tests(d, base):
    # ---- an officer: queue, filter, item, explanation, decision ----------------------------
    login(d, base, "olga")
    check("login lands on the queue", d.current_url.startswith(base + "/queue"), d.current_url)
    items = queue_items(d)
    check("the queue lists the run's open items", len(items) == 8, str(items))
    check("the queue shows who: booking and surname", "DOE" in text(d))
    Select(d.find_element(By.NAME, "subject")).select_by_value("goods")
    click(d, d.find_element(By.CSS_SELECTOR, "form.filters button"))
    goods = queue_items(d)
    check("filter by subject keeps the goods items", len(goods) == 3, str(goods))
    check("the filter is in the address", "subject=goods" in d.current_url, d.current_url)
    Select(d.find_element(By.NAME, "subject")).select_by_value("")
    Select(d.find_element(By.NAME, "scenario")).select_by_value("E2E-MINOR")
    click(d, d.find_element(By.CSS_SELECTOR, "form.filters button"))
    minors = queue_items(d)
    check("filter by scenario", len(minors) == 3, str(minors))
    # the highest-scoring item first: booking LOC001 with two scenarios
    click(d, d.find_element(By.CSS_SELECTOR, "table.queue a.item-link"))
    page = text(d)
    check("the item page names the booking", "LOC001" in page)
    check("the item page shows identity fields to an officer", "DOE" in page and "2012-01-01" in page)
    check("the explanation shows the scenario title", "Minor travelling alone, paid by another" in page)
    check("the explanation shows an indicator label with its weight", "Paid by another surname" in page and "+2" in page)
    check("the explanation shows evidence values", "SMITH" in page)
    check("the explanation shows a list match", "IST" in page and "hubs" in page)
    check("the score bar is drawn", len(d.find_elements(By.CSS_SELECTOR, "svg.scorebar")) >= 2)
    check("the guidance is shown", "Refer to protection." in page)
    check("the protected ground read is justified", "Minors are a victim profile." in page)
    check("the scenario's rationale is shown", "End-to-end fixture." in page)
    item_url = d.current_url
    os.makedirs(SHOTS, exist_ok=True)
    d.set_window_size(1280, max(1200, d.execute_script("return document.body.scrollHeight") + 40))
    d.save_screenshot(os.path.join(SHOTS, "item-page.png"))
    d.set_window_size(1280, 1600)
    # a note is required for every disposition but no-concern (the form says so before the store)
    d.find_element(By.CSS_SELECTOR, "input[value='victim-referred']").click()
    click(d, d.find_element(By.CSS_SELECTOR, "section.decide button"))
    check("a disposition without its note is refused", "Write a note" in text(d))
    d.find_element(By.CSS_SELECTOR, "input[value='victim-referred']").click()
    d.find_element(By.NAME, "note").send_keys("Met at the gate with a social worker; referred to the hotline.")
    click(d, d.find_element(By.CSS_SELECTOR, "section.decide button"))
    check("deciding returns to the queue with a notice", "has left the open queue" in text(d), d.current_url)
    item_id = item_url.rsplit("/", 1)[1].split("?")[0]
    check("the decided item left the open queue", "#" + item_id not in queue_items(d), str(queue_items(d)))
    d.get(base + "/queue?status=decided")
    check("it is in the decided list", "#" + item_id in queue_items(d))
    d.get(item_url)
    check("the item page shows the earlier review", "social worker" in text(d) and "olga" in text(d))
    # ---- French ---------------------------------------------------------------------------
    click(d, d.find_element(By.CSS_SELECTOR, "a.lang"))
    page = text(d)
    check("?lang=fr turns the page French", "Dossier de contrôle" in page and "Examens précédents" in page)
    check("the dispositions are in French", "Victime possible repérée" in page)
    check("the scenario guidance is in French", "Orienter vers la protection." in page)
    check("the html element says fr", d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
    d.get(base + "/queue")
    check("the language sticks to the user", "File de contrôle" in text(d))
    d.save_screenshot(os.path.join(SHOTS, "queue-fr.png"))
    d.get(base + "/queue?lang=en")
    check("and switches back", "Review queue" in text(d))
    d.save_screenshot(os.path.join(SHOTS, "queue.png"))
    # ---- a POST without the CSRF token is refused ------------------------------------------
    d.get(base + "/item/2")
    d.execute_script("document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove(); });")
    d.find_element(By.CSS_SELECTOR, "input[value='no-concern']").click()
    click(d, d.find_element(By.CSS_SELECTOR, "section.decide button"))
    check("a POST without the CSRF token is refused", "security token" in text(d))
    d.get(base + "/queue")
    check("... and decided nothing", "#2" in queue_items(d))
    # ---- two officers, one item: the claim decides ---------------------------------------------
    d.get(base + "/item/2")
    click(d, d.find_element(By.CSS_SELECTOR, "form[action='/item/2/claim'] button"))
    check("olga claims item 2", "You hold this item" in text(d))
    logout(d)
    check("logout returns to the sign-in page", "/login" in d.current_url)
    d.get(base + "/queue")
    check("after logout the queue needs a login", "/login" in d.current_url)
    login(d, base, "omar")
    d.get(base + "/queue")
    check("the queue shows who holds an item", "olga" in text(d))
    d.get(base + "/item/2")
    d.find_element(By.CSS_SELECTOR, "input[value='no-concern']").click()
    click(d, d.find_element(By.CSS_SELECTOR, "section.decide button"))
    check("another officer gets a clear message", "olga holds this item" in text(d), text(d)[:300])
    d.get(base + "/users")
    check("an officer cannot open the users page", "Your role does not allow this" in text(d))
    logout(d)
    # ---- an analyst: runs, scenarios, no identity fields ---------------------------------------
    login(d, base, "anna")
    page = text(d)
    check("an analyst sees the queue without identities", "DOE" not in page and "LOC0" not in page and "(hidden)" in page)
    d.get(item_url)
    page = text(d)
    check("an analyst sees the explanation", "Paid by another surname" in page)
    check("an analyst does not see identity fields", "DOE" not in page and "2012-01-01" not in page and "LOC001" not in page)
    check("an analyst does not see identity evidence", "SMITH" not in page)
    check("an analyst gets no decision form", not d.find_elements(By.CSS_SELECTOR, "section.decide"))
    d.get(base + "/runs")
    click(d, d.find_element(By.CSS_SELECTOR, "table.runs a"))
    page = text(d)
    check("the run page shows the balance and per-scenario counts", "E2E-MINOR" in page and "Per scenario" in page)
    d.get(base + "/scenario/E2E-MINOR")
    page = text(d)
    check("the scenario page shows metadata and dispositions", "Threshold" in page and "Possible victim identified" in page)
    d.get(base + "/audit")
    check("an analyst cannot read the audit", "Your role does not allow this" in text(d))
    logout(d)
    # ---- a supervisor reads the audit -------------------------------------------------------------
    login(d, base, "sam")
    d.get(base + "/audit")
    page = text(d)
    check("the audit has every item view with its user", "view" in page and "anna" in page and "olga" in page)
    check("the audit has the decision", "decide" in page and "victim-referred" in page)
    logout(d)
    # ---- an admin adds a user -----------------------------------------------------------------------
    login(d, base, "adam")
    d.get(base + "/users")
    d.find_element(By.CSS_SELECTOR, "form[action='/users/add'] input[name=name]").send_keys("nadia")
    d.find_element(By.CSS_SELECTOR, "form[action='/users/add'] input[name=password]").send_keys("officer-nadia-2026")
    click(d, d.find_element(By.CSS_SELECTOR, "form[action='/users/add'] button"))
    check("an admin adds a user", "User added" in text(d) and "nadia" in text(d))
    d.get(item_url)
    check("an admin sees no identity fields", "DOE" not in text(d))
    logout(d)
    # ---- purged values: masked for everyone; a supervisor unmasks with a written reason ------------
    r = vigie("review", "purge", "--before", "2999-01-01", "--db", DB, "--officer", "sam")
    check("vigie review purge masks the store", r.returncode == 0, r.stderr)
    login(d, base, "olga")
    d.get(item_url)
    page = text(d)
    check("after purge the officer still reads the explanation", "Paid by another surname" in page)
    check("after purge an officer sees no identity", "DOE" not in page and "SMITH" not in page)
    check("an officer is not offered the unmask", not d.find_elements(By.CSS_SELECTOR, "section.unmask"))
    logout(d)
    login(d, base, "sam")
    d.get(item_url)
    check("a supervisor sees the purged item masked", "DOE" not in text(d))
    # the form itself asks for 10 characters; the server must refuse a short reason all the same
    d.execute_script("document.querySelectorAll('[name=reason]').forEach(function (e) {"
                     " e.removeAttribute('minlength'); e.removeAttribute('required'); });")
    form = d.find_element(By.CSS_SELECTOR, "section.unmask form")
    form.find_element(By.NAME, "reason").send_keys("short")
    click(d, form.find_element(By.TAG_NAME, "button"))
    check("an unmask without a real reason is refused", "DOE" not in text(d) and "at least 10 characters" in text(d))
    form = d.find_element(By.CSS_SELECTOR, "section.unmask form")
    form.find_element(By.NAME, "reason").send_keys("Court order 2026-114, case file T1")
    click(d, form.find_element(By.TAG_NAME, "button"))
    page = text(d)
    check("a supervisor's unmask shows the sealed values", "DOE" in page and "SMITH" in page)
    d.get(base + "/audit")
    check("the unmask and its reason are in the audit", "unmask" in text(d) and "Court order 2026-114" in text(d))
    logout(d)

    # ---- wrong passwords are rate limited (last: the limit holds the address too) -------------------------------------------------------------
    for _ in range(5):
        d.get(base + "/login")
        d.find_element(By.NAME, "name").send_keys("omar")
        d.find_element(By.NAME, "password").send_keys("wrong password")
        click(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    check("a wrong password is refused", "Wrong name or password" in text(d) or "Too many" in text(d))
    login(d, base, "omar")
    check("five failures lock the name", "Too many failed attempts" in text(d))


def tls_check():
    """--cert/--key: the page over HTTPS, cookies Secure (a self-signed key made here by openssl)."""
    import ssl
    cert, key = os.path.join(WORK, "cert.pem"), os.path.join(WORK, "key.pem")
    r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-keyout", key, "-out", cert], capture_output=True, text=True)
    if r.returncode != 0:
        check("openssl makes a test certificate", False, r.stderr)
        return
    port = free_port()
    proc = subprocess.Popen([VIGIE, "serve", "--db", DB, "--listen", f"127.0.0.1:{port}", "--cert", cert, "--key", key],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ctx = ssl.create_default_context(cafile=cert)
    ctx.check_hostname = False
    try:
        page = None
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"https://127.0.0.1:{port}/login", timeout=2, context=ctx)
                break
            except Exception:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        check("vigie serve answers over TLS with --cert/--key", page is not None and page.status == 200,
              proc.stderr.read() if proc.poll() is not None else "")
        if page is not None:
            cookies = " ".join(page.headers.get_all("Set-Cookie") or [])
            check("under TLS the cookie is Secure, HttpOnly, SameSite=Strict",
                  "Secure" in cookies and "HttpOnly" in cookies and "SameSite=Strict" in cookies, cookies)
            check("under TLS the page asks for HSTS", "max-age" in (page.headers.get("Strict-Transport-Security") or ""))
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2)
            check("plain HTTP on the TLS port is refused", False)
        except Exception:
            check("plain HTTP on the TLS port is refused", True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    os.makedirs(WORK, exist_ok=True)
    make_store()
    proc, base = start_server()
    d = None
    try:
        d = browser()
        run_tests(d, base)
    except WebDriverException as e:
        check("the browser session", False, str(e).splitlines()[0] if str(e) else repr(e))
    except Exception:
        check("the browser tests ran to the end", False, traceback.format_exc().splitlines()[-1])
    finally:
        if d:
            d.quit()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    check("vigie serve stops cleanly on SIGTERM", proc.returncode == 0, str(proc.returncode))
    tls_check()
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
