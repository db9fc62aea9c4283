#!/usr/bin/env python3
"""Drives the psea web workspace in Debian's headless Chromium through chromium-driver (Selenium).

Run by Tests/CLITests/WorkspaceBrowserTests.swift against a `psea serve` it started on a loopback port:

  * a judge signs in from an invite link, opens an entry, scores every criterion and sees the entry complete;
  * (with --staff-link) a staff member sees the ranking preview change once the judge has scored (in a second
    browser, read before and after) and records a consensus;
  * an applicant checks a broken file on /check and sees its findings, in Thai and in English.

Each page is saved as a screenshot at desktop (1280 px) and phone (390 px) widths in --out. Every step prints a
line (to stdout and to workspace.log in --out); a failed step prints what it expected, the page's address and the
start of its text, and exits 1.
"""

import argparse
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

WIDTHS = {"desktop": 1280, "phone": 390}
# How long a step may wait for the browser: long enough for a machine busy with the rest of the test suite.
PATIENCE = 60


class StepFailed(Exception):
    pass


class Tee:
    """Writes what the script prints to stdout and to a log file beside the screenshots (read it when a run fails)."""

    def __init__(self, *streams):
        self.streams = streams

    def write(self, data):
        for stream in self.streams:
            stream.write(data)
            stream.flush()

    def flush(self):
        for stream in self.streams:
            stream.flush()


def browser(chromium, driver):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=th-TH",
                 "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    driven = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    driven.set_page_load_timeout(2 * PATIENCE)
    return driven


def text(page):
    return page.find_element(By.TAG_NAME, "body").text


def expect(page, condition, what):
    if not condition:
        body = text(page)
        raise StepFailed(f"expected {what}\n  at {page.current_url}\n  page text: {body[:1500]}")


def gone(element):
    """Whether `element`'s page has been replaced. Asked while the browser navigates away, Chromium answers either
    "stale element" or an inspector error ("Node with given id does not belong to the document"): both say so."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def submit(page, form):
    """Submits `form` and waits for the page it leads to, fully loaded."""
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(page, PATIENCE).until(lambda _: gone(form))
    WebDriverWait(page, PATIENCE, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete")


def settled(page, condition, seconds=PATIENCE):
    """Whether `condition` holds within `seconds`, asked again while the page is still being replaced."""
    try:
        WebDriverWait(page, seconds, ignored_exceptions=(WebDriverException,)).until(lambda _: condition())
        return True
    except TimeoutException:
        return False


def shoot(page, out, name):
    """Screenshots of the whole page at each width (at most 8000 px tall), the phone one as a phone shows it."""
    for label, width in WIDTHS.items():
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": label == "phone"}
        page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        height = page.execute_script("return document.documentElement.scrollHeight")
        metrics["height"] = min(max(int(height), 600), 8000)
        page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        scroll = page.execute_script("return document.documentElement.scrollWidth")
        if label == "phone" and scroll > width + 1:
            raise StepFailed(f"{name}: the page is {scroll} px wide at {width} px (it scrolls sideways)\n  at {page.current_url}")
        page.save_screenshot(os.path.join(out, f"{name}-{label}.png"))
    page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"  screenshots {name}-desktop.png, {name}-phone.png")


def judge(page, base, link, out):
    print("judge: sign in from the invite link")
    page.get(link)
    expect(page, page.current_url.rstrip("/").endswith("/judge"), "the sign-in to land on /judge")
    expect(page, "ผลงานที่ได้รับมอบหมาย" in text(page), "the judge's list of entries")
    expect(page, "ประเมินครบแล้ว 0 จาก" in text(page), "no entry complete before the judge scores")
    shoot(page, out, "judge-list")
    links = page.find_elements(By.CSS_SELECTOR, "a[href^='/judge/entries/']")
    expect(page, len(links) > 0, "at least one entry assigned")
    href = links[0].get_attribute("href")
    entry = href.rsplit("/", 1)[-1]
    print(f"judge: open {entry}")
    page.get(href)
    expect(page, f"/judge/entries/{entry}" in page.current_url, f"the entry page of {entry}")
    shoot(page, out, "judge-entry")
    criteria = [form.find_element(By.NAME, "criterion").get_attribute("value")
                for form in page.find_elements(By.CSS_SELECTOR, "section.criterion form")]
    expect(page, len(criteria) > 0, "score forms on the entry page")
    for number, criterion in enumerate(criteria):
        form = page.find_element(By.CSS_SELECTOR, f"section.criterion[id='{criterion}'] form")
        percent = 50 + 5 * (number % 6)
        Select(form.find_element(By.NAME, "percent")).select_by_value(str(percent))
        form.find_element(By.NAME, "comment").send_keys(f"เหตุผลของคะแนนประเด็น {criterion}")
        submit(page, form)
        expect(page, settled(page, lambda: f"บันทึกแล้ว {percent}%" in page.find_element(By.ID, criterion).text),
               f"criterion {criterion} saved at {percent}%")
        print(f"judge: scored {criterion}")
    expect(page, "ประเมินครบแล้ว" in text(page), "the entry shown complete")
    expect(page, f"{len(criteria)}/{len(criteria)}" in text(page), "every criterion counted")
    shoot(page, out, "judge-entry-complete")
    page.get(base + "/judge")
    expect(page, "✓ ครบ" in text(page), "the entry complete in the judge's list")
    print("judge: the entry is complete")
    return entry


def ranking(page, base):
    """The text of the staff's ranking preview."""
    page.get(base + "/staff/ranking")
    expect(page, "ผลการจัดอันดับ" in text(page), "the ranking preview")
    return page.find_element(By.TAG_NAME, "main").text


def staff_before(page, base, link, out):
    print("staff: sign in from the invite link and read the ranking preview")
    page.get(link)
    expect(page, "/staff" in page.current_url, "the sign-in to land on /staff")
    shoot(page, out, "staff-home")
    before = ranking(page, base)
    shoot(page, out, "staff-ranking-before")
    return before


def staff_after(page, base, out, before, entry):
    print("staff: the ranking preview after the judge's scores")
    after = ranking(page, base)
    expect(page, after != before, "the ranking preview to change once the judge has scored")
    expect(page, entry in after, f"{entry} in the ranking preview")
    shoot(page, out, "staff-ranking-after")
    print("staff: record a consensus")
    page.get(base + "/staff#consensus")
    forms = page.find_elements(By.CSS_SELECTOR, "form.disagreement")
    expect(page, len(forms) > 0, "a criterion waiting for consensus")
    form = forms[0]
    application = form.find_element(By.NAME, "application").get_attribute("value")
    criterion = form.find_element(By.NAME, "criterion").get_attribute("value")
    Select(form.find_element(By.NAME, "percent")).select_by_value("100")
    form.find_element(By.NAME, "reason").send_keys("คณะกรรมการประชุมแล้วเห็นพ้องกัน")
    submit(page, form)
    expect(page, "บันทึกฉันทามติแล้ว" in text(page), f"the consensus on {application} {criterion} recorded")
    shoot(page, out, "staff-consensus")
    print(f"staff: consensus recorded on {application} {criterion}")


def applicant(page, base, broken, out, codes):
    print("applicant: check a broken file on /check")
    page.delete_all_cookies()
    page.get(base + "/check")
    expect(page, "ตรวจใบสมัครด้วยตนเอง" in text(page), "the self-check form in Thai")
    shoot(page, out, "check-form")
    page.find_element(By.ID, "file").send_keys(os.path.abspath(broken))
    submit(page, page.find_element(By.CSS_SELECTOR, "form.check"))
    body = text(page)
    expect(page, "สิ่งที่พบ: " + os.path.basename(broken) in body, "the findings of the file")
    for code in codes:
        expect(page, code in body, f"finding {code}")
    expect(page, len(page.find_elements(By.CSS_SELECTOR, ".finding tr.focus mark")) > 0, "the place marked in the lines shown")
    shoot(page, out, "check-findings")
    print("applicant: the same in English")
    page.get(base + "/check?lang=en")
    page.find_element(By.ID, "file").send_keys(os.path.abspath(broken))
    submit(page, page.find_element(By.CSS_SELECTOR, "form.check"))
    expect(page, "Findings: " + os.path.basename(broken) in text(page), "the findings in English")
    shoot(page, out, "check-findings-en")
    print("applicant: findings shown")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8123")
    parser.add_argument("--judge-link", required=True)
    parser.add_argument("--staff-link")
    parser.add_argument("--broken", required=True, help="an application file with findings")
    parser.add_argument("--code", action="append", default=[], help="a code the broken file's findings include")
    parser.add_argument("--out", required=True, help="the folder for screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--driver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "workspace.log"), "w", encoding="utf-8")
    sys.stdout = Tee(sys.__stdout__, log)
    page = browser(args.chromium, args.driver)
    staff_page = browser(args.chromium, args.driver) if args.staff_link else None
    try:
        before = staff_before(staff_page, args.base, args.staff_link, args.out) if staff_page else None
        entry = judge(page, args.base, args.judge_link, args.out)
        if staff_page:
            staff_after(staff_page, args.base, args.out, before, entry)
        applicant(page, args.base, args.broken, args.out, args.code)
    except StepFailed as failure:
        print(f"FAILED: {failure}")
        return 1
    except Exception as error:  # a Selenium error (no such element, timeout): the same report
        try:
            where = f"\n  at {page.current_url}\n  page text: {text(page)[:1500]}"
        except Exception:
            where = ""
        print(f"FAILED: {type(error).__name__}: {error}{where}")
        return 1
    finally:
        page.quit()
        if staff_page:
            staff_page.quit()
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
