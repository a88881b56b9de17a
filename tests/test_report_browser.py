"""The report in a real browser: headless Chromium (Debian's chromium + chromium-driver) via selenium.

The page is opened from disk, as a user would open it. These tests skip only where no chromium is
installed; `.ci/run` installs it and sets LAWCHECK_REQUIRE_BROWSER=1, which turns a skip into a
failure. Screenshots go to tests/actual/ (kept out of git) and their paths are printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lawcheck import load_statutes
from lawcheck.resources import data_dir

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
ACTUAL = HERE / "actual"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1400,1000")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for what, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not Path(path).exists():
            return f"no {what} at {path} (Debian: apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("LAWCHECK_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests required but cannot run: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    """The page for the bundled suites plus the fixture suite (a hostile title, a mismatch)."""
    out = tmp_path_factory.mktemp("report") / "lawcheck-report.html"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    p = subprocess.run([sys.executable, "-m", "lawcheck", "report", str(data_dir("cases")),
                        str(HERE / "fixtures" / "report" / "suite.yaml"), "-o", str(out)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 1, p.stderr      # the fixture holds one deliberately wrong expectation
    return out


@pytest.fixture
def page(browser, report_file):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get("about:blank")       # a fresh navigation each time, not a same-page no-op
    browser.get(report_file.as_uri())
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && "
        "document.querySelectorAll('table.matrix tbody tr').length > 0"))
    return browser


def shot(driver, name: str) -> Path:
    ACTUAL.mkdir(exist_ok=True)
    path = ACTUAL / f"{name}.png"
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")
    return path


def by_css(driver, css):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, css)


def _scenario_count() -> int:
    """The scenarios the page shows: the bundled suites and the fixture suite, as loaded."""
    from lawcheck import load_suites
    from lawcheck import load_statutes
    statutes = load_statutes()
    paths = [data_dir("cases"), HERE / "fixtures" / "report" / "suite.yaml"]
    return sum(len(s.scenarios) for s in load_suites(paths, statutes))


SCENARIOS = _scenario_count()
# the page's columns: every bundled instrument, in the statute set's order (from the data)
INSTRUMENTS = list(load_statutes().ids)


def test_tables_have_expected_shape(page, statutes):
    assert len(by_css(page, "table.instruments tbody tr")) == len(INSTRUMENTS)
    heads = [th.text.split("\n")[0] for th in by_css(page, "table.matrix thead th")]
    assert heads == ["Scenario", *INSTRUMENTS]
    rows = by_css(page, "table.matrix tbody tr")
    assert len(rows) == SCENARIOS
    assert all(len(by_css(r, ":scope > th, :scope > td")) == 1 + len(INSTRUMENTS) for r in rows)
    vocab = statutes.vocabulary
    terms = len(vocab.names("act")) + len(vocab.names("means")) + len(vocab.names("purpose"))
    element_rows = by_css(page, "table.alignment tbody tr:not(.group)")
    assert len(element_rows) == terms + 1 + 6    # + "a means is required" + the six rule rows
    assert all(len(by_css(r, ":scope > td")) == len(INSTRUMENTS) for r in element_rows)
    shot(page, "report-top")


def _cell(page, scenario, inst):
    column = INSTRUMENTS.index(inst) + 2      # after the scenario's own header cell
    return by_css(page, f"#scenario-{scenario} > :nth-child({column})")[0]


def test_specific_verdicts_in_specific_cells(page):
    row = "age-17-handed-over-no-means"
    assert _cell(page, row, "palermo").text.startswith("✓ met")
    assert _cell(page, row, "vn-cc-150").text.startswith("✗ not met")
    assert _cell(page, row, "vn-cc-151").text.startswith("✗ not met")
    emp = "employer-recruits-and-harbours-for-own-forced-labour"
    assert _cell(page, emp, "palermo").text.startswith("✓ met")
    assert _cell(page, emp, "vn-cc-150").text.startswith("✗ not met")
    mismatch = _cell(page, "fixture-hostile-title", "palermo")
    assert "! expected met" in mismatch.text
    assert "mismatch" in mismatch.get_attribute("class")


def test_opening_a_cell_reveals_its_reasoning(page):
    cell = _cell(page, "age-17-handed-over-no-means", "vn-cc-150")
    reasoning = by_css(cell, ".r")[0]
    assert not reasoning.is_displayed()
    by_css(cell, "summary")[0].click()
    assert reasoning.is_displayed()
    text = reasoning.text
    assert "closest alternative: Art. 150(1)(b)" in text
    assert "means" in text and "not satisfied" in text
    page.execute_script("arguments[0].scrollIntoView()", cell)
    shot(page, "report-cell-open")


def test_keyboard_reaches_and_opens_a_cell(page):
    """Tab from the filter's last control reaches the first scenario, with a visible focus ring;
    Enter opens it."""
    from selenium.webdriver.common.keys import Keys

    collapse = by_css(page, "#collapse")[0]
    page.execute_script("arguments[0].focus()", collapse)
    collapse.send_keys(Keys.TAB)
    focused = page.switch_to.active_element
    first = by_css(page, "table.matrix tbody tr:first-child th summary")[0]
    assert focused == first
    outline = page.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
    assert outline not in ("", "none")
    focused.send_keys(Keys.TAB)          # the row's first verdict cell
    cell_summary = page.switch_to.active_element
    cell_summary.send_keys(Keys.ENTER)
    details = page.execute_script("return arguments[0].parentElement", cell_summary)
    assert details.get_attribute("open") is not None


def test_filter_shows_only_divergent_rows(page):
    from selenium.webdriver.support.ui import Select

    rows = by_css(page, "table.matrix tbody tr")
    divergent = [r for r in rows if "diverges" in (r.get_attribute("class") or "")]
    assert 0 < len(divergent) < len(rows)
    by_css(page, "#only-divergent")[0].click()
    visible = [r for r in rows if r.is_displayed()]
    assert visible == divergent
    assert by_css(page, "#shown")[0].text == f"Showing {len(divergent)} of {len(rows)} scenarios."
    Select(by_css(page, "#pair")[0]).select_by_value("palermo|vn-cc-150")
    heads = [th.text.split("\n")[0] for th in by_css(page, "table.matrix thead th")
             if th.is_displayed()]
    assert heads == ["Scenario", "palermo", "vn-cc-150"]
    visible = [r.get_attribute("id") for r in rows if r.is_displayed()]
    assert "scenario-age-17-handed-over-no-means" in visible
    assert "scenario-age-15-handed-over-no-means" not in visible    # Art. 151 covers it
    assert all(" palermo|vn-cc-150" in " " + (r.get_attribute("data-pairs") or "")
               for r in rows if r.is_displayed())
    shot(page, "report-filtered")


def test_injected_script_does_not_run(page):
    assert page.execute_script("return window.lawcheckInjected === undefined")
    head = by_css(page, "#scenario-fixture-hostile-title th .title")[0]
    assert head.text == '<script>window.lawcheckInjected = true</script><b>bold?</b> & "quotes"'


def test_nothing_is_fetched(page):
    fetched = page.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert fetched == []


def test_unverified_text_is_marked(page):
    badges = by_css(page, 'table.alignment td[data-inst="actip"] .badge-unverified')
    assert badges and badges[0].text == "unverified"
    assert not by_css(page, 'table.alignment td[data-inst="palermo"] .badge-unverified')


def test_prints_on_a4_landscape_without_cutting_columns(page):
    """The page's own @page rule gives A4 landscape; in print media at that width (297 mm less
    2 x 10 mm margins, at 96 dpi) no table is wider than the page and no cell's content spills
    out of it, even with every cell opened; opened reasoning is in the PDF."""
    import base64
    import re as regex

    page.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    width = round((297 - 20) / 25.4 * 96)
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    try:
        wide = page.execute_script("""
            return [...document.querySelectorAll('table')]
              .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map(t => t.className)""")
        assert wide == []
        spilling = page.execute_script("""
            return [...document.querySelectorAll('td, th')]
              .filter(c => c.scrollWidth > c.clientWidth + 1).length""")
        assert spilling == 0
        sticky = page.execute_script(
            "return getComputedStyle(document.querySelector('table.matrix thead th')).position")
        assert sticky == "static"
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(page.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    boxes = set(regex.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf))
    assert boxes and all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in boxes), boxes
    ACTUAL.mkdir(exist_ok=True)
    (ACTUAL / "report.pdf").write_bytes(pdf)
    print(f"printed: {ACTUAL / 'report.pdf'} ({len(pdf):,} bytes)")
