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


def click(driver, element):
    """Click an element as a user would, once it is in the middle of its scrolling box (not
    under the matrix's sticky header row)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})",
                          element)
    element.click()


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
    from datetime import date

    assert len(by_css(page, "table.instruments tbody tr")) == len(INSTRUMENTS)
    # the matrix's columns: every instrument once, under its short name; those in force on the
    # report's date (today) shown, the others hidden until asked
    heads = by_css(page, "table.matrix thead th")
    assert heads[0].text == "Scenario"
    ids = [th.get_attribute("data-inst") for th in heads[1:]]
    assert sorted(ids) == sorted(INSTRUMENTS)
    live = {i.id for i in statutes.instruments if i.in_force_on(date.today())}
    shown = [th for th in heads[1:] if th.is_displayed()]
    assert [th.get_attribute("data-inst") for th in shown] == [i for i in ids if i in live]
    assert all(th.text.startswith(statutes.instrument(th.get_attribute("data-inst")).short)
               for th in shown)
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
    """A scenario's cell for an instrument: the column its header cell names (once the page
    has parsed that far: a loaded machine may answer before it has)."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(page, 30).until(lambda d: by_css(d, f'table.matrix thead th[data-inst="{inst}"]')
                                  and by_css(d, f"#scenario-{scenario}"))
    ids = [th.get_attribute("data-inst") for th in by_css(page, "table.matrix thead th")]
    return by_css(page, f"#scenario-{scenario} > :nth-child({ids.index(inst) + 1})")[0]


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
    """A cell holds its verdict only; opening it writes its reasoning from the page's data."""
    cell = _cell(page, "age-17-handed-over-no-means", "vn-cc-150")
    button = by_css(cell, "button")[0]
    assert not by_css(cell, ".r") and "Art. 150(1)(b)" not in cell.text
    assert button.get_attribute("aria-expanded") == "false"
    click(page, button)
    assert button.get_attribute("aria-expanded") == "true"
    text = by_css(cell, ".r")[0].text
    assert "nearest to being met: Art. 150(1)(b)" in text
    assert "means" in text and "not satisfied" in text
    page.execute_script("arguments[0].scrollIntoView()", cell)
    shot(page, "report-cell-open")
    click(page, button)                      # and closes again
    assert button.get_attribute("aria-expanded") == "false" and not by_css(cell, ".r")


def test_an_opened_cell_names_the_element_that_decides(page):
    """Under Art. 151 a 17-year-old is not a child: the element is the age line, Art. 151(1),
    linked to its row of the alignment table, with the fact and what the element asks."""
    cell = _cell(page, "age-17-handed-over-no-means", "vn-cc-151")
    assert "Art. 151(1)" not in cell.text
    click(page, by_css(cell, "button")[0])
    issue = by_css(cell, ".r li")[0]
    assert issue.text == ("✗ victim's age Art. 151(1): 17 (not satisfied); "
                          "requires a victim under 16")
    link = by_css(issue, "a")[0]
    assert link.text == "Art. 151(1)" and link.get_attribute("href").endswith("#align-age")
    assert by_css(issue, "b")[0].text == "victim's age"
    # the scenario's own cell: its facts and its divergences, linked to their causes
    head = by_css(page, "#scenario-age-17-handed-over-no-means > th")[0]
    click(page, by_css(head, "button")[0])
    facts = by_css(head, ".r p.facts")[0].text
    assert "victim's age: 17" in facts and "acts: transfer" in facts
    causes = [a.get_attribute("href").split("#")[1] for a in by_css(head, ".r ul.divs a")]
    assert "cause-child-age" in causes


def test_keyboard_reaches_and_opens_a_cell(page):
    """Tab from the filter's last control reaches the first scenario, with a visible focus ring;
    Enter opens it; the next Tab reaches its first verdict, which Enter opens too."""
    from selenium.webdriver.common.keys import Keys

    collapse = by_css(page, "#collapse")[0]
    page.execute_script("arguments[0].focus()", collapse)
    collapse.send_keys(Keys.TAB)
    focused = page.switch_to.active_element
    first = by_css(page, "table.matrix tbody tr:first-child th button")[0]
    assert focused == first
    outline = page.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
    assert outline not in ("", "none")
    focused.send_keys(Keys.ENTER)
    assert first.get_attribute("aria-expanded") == "true"
    focused.send_keys(Keys.TAB)          # the row's first verdict cell
    cell_button = page.switch_to.active_element
    assert cell_button.get_attribute("aria-expanded") == "false"
    cell_button.send_keys(Keys.ENTER)
    assert cell_button.get_attribute("aria-expanded") == "true"
    assert page.execute_script("return arguments[0].nextElementSibling.className",
                               cell_button) == "r"


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
    assert heads == ["Scenario", "Palermo Art. 3", "Art. 150"]
    visible = [r.get_attribute("id") for r in rows if r.is_displayed()]
    assert "scenario-age-17-handed-over-no-means" in visible
    assert "scenario-age-15-handed-over-no-means" not in visible    # Art. 151 covers it
    assert all(" palermo|vn-cc-150" in " " + (r.get_attribute("data-pairs") or "")
               for r in rows if r.is_displayed())
    shot(page, "report-filtered")


def test_injected_script_does_not_run(page):
    """A hostile title is text in the page; a hostile expectation reason is text in the
    matrix's data (JSON in a <script> element, its "<" escaped), and once its cell is opened,
    text in the cell: neither ends its element nor runs."""
    assert page.execute_script("return window.lawcheckInjected === undefined")
    head = by_css(page, "#scenario-fixture-hostile-title th .title")[0]
    hostile = "</script><script>window.lawcheckInjected = true</script>"
    assert head.text == hostile + '<b>bold?</b> & "quotes" <!--'
    assert len(by_css(page, "script")) == 2
    data = page.execute_script(
        "return JSON.parse(document.getElementById('matrix-data').textContent)")
    assert any(hostile in run for line in data["lines"] for run in line
               if isinstance(run, str))
    cell = _cell(page, "fixture-hostile-title", "palermo")
    click(page, by_css(cell, "button")[0])
    expected = by_css(cell, ".r p.expected")[0]
    assert hostile in expected.text and expected.text.endswith("<!--")
    assert not by_css(cell, "script") and not by_css(expected, "*")
    assert page.execute_script("return window.lawcheckInjected === undefined")
    assert len(by_css(page, "script")) == 2


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
    by_css(page, "#expand")[0].click()
    assert not [b for b in by_css(page, 'table.matrix button[aria-expanded="false"]')
                if b.is_displayed()]
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
        # the matrix prints whole, not in a scrolling box
        box = page.execute_script("""
            var b = document.querySelector('.matrix-box');
            return [getComputedStyle(b).overflowY, b.scrollHeight - b.clientHeight]""")
        assert box == ["visible", 0]
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


def test_expand_all_opens_the_rows_the_filters_show(page):
    """Expand all writes the reasoning of every cell of the rows and columns shown, and of
    those only; Collapse all takes it away again."""
    from selenium.webdriver.support.ui import Select

    by_css(page, "#only-divergent")[0].click()
    Select(by_css(page, "#pair")[0]).select_by_value("palermo|vn-cc-150")
    by_css(page, "#expand")[0].click()
    opened = by_css(page, 'table.matrix button[aria-expanded="true"]')
    shown = [r for r in by_css(page, "table.matrix tbody tr") if r.is_displayed()]
    # per row shown: its own cell and the two instruments' cells (both in force in every row)
    assert len(opened) == 3 * len(shown) > 0
    assert len(by_css(page, "table.matrix .r")) == len(opened)
    assert all(b.is_displayed() for b in opened)
    by_css(page, "#collapse")[0].click()
    assert not by_css(page, 'table.matrix button[aria-expanded="true"], table.matrix .r')


def _emulate(page, width: int, height: int):
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1,
                          "mobile": width < 600})


def test_phone_width_does_not_scroll_the_page_sideways(page):
    """At 390 px the page itself never scrolls sideways, with every cell open too: the matrix
    scrolls inside its own box, its scenario column and header row kept in view."""
    _emulate(page, 390, 844)
    try:
        widths = "return [document.documentElement.scrollWidth, window.innerWidth]"
        page_width, screen = page.execute_script(widths)
        assert page_width <= screen
        by_css(page, "#expand")[0].click()
        page_width, screen = page.execute_script(widths)
        assert page_width <= screen
        box = page.execute_script("""
            var b = document.querySelector('.matrix-box');
            var head = document.querySelector('table.matrix tbody th');
            return [b.scrollWidth > b.clientWidth, getComputedStyle(head).position,
                    getComputedStyle(document.querySelector('table.matrix thead th')).position,
                    head.getBoundingClientRect().width]""")
        assert box[:3] == [True, "sticky", "sticky"]
        assert box[3] < screen / 2
        page.execute_script("document.querySelector('.matrix-box').scrollIntoView()")
        shot(page, "report-phone")
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_words_do_not_break_letter_by_letter_on_a_phone(page):
    """No word of the matrix is split between two of its letters or digits (a line may end
    after a space, a hyphen or a bracket), unless it is a token longer than 20 characters that
    no column could hold (the hostile title's "window.lawcheckInjected"): "uncertain" and
    "exploitation" stay whole, however narrow the screen."""
    _emulate(page, 390, 844)
    try:
        broken = page.execute_script("""
            var out = [], letter = /[\\p{L}\\p{N}]/u;
            var cells = document.querySelectorAll('table.matrix tbody tr > *');
            cells.forEach(function (cell) {
              var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                var text = node.textContent, range = document.createRange(), top = null;
                for (var j = 0; j < text.length; j++) {
                  range.setStart(node, j); range.setEnd(node, j + 1);
                  var rect = range.getClientRects()[0];
                  if (!rect) continue;
                  if (top !== null && rect.top > top + 2 && letter.test(text[j - 1])
                      && letter.test(text[j])) {
                    var s = j, e = j;         // the word around the break
                    while (s > 0 && !/\\s/.test(text[s - 1])) s--;
                    while (e < text.length && !/\\s/.test(text[e])) e++;
                    if (e - s <= 20) out.push(text.slice(s, e));
                  }
                  top = rect.top;
                }
              }
            });
            return out""")
        assert broken == []
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_desktop_screen_shows_a_dozen_scenarios(page):
    """At 1440x900, with the matrix's box at the top of the screen, its header row and at least
    12 scenario rows are in view (the bundled scenarios' titles are long sentences)."""
    _emulate(page, 1440, 900)
    try:
        page.execute_script("document.querySelector('.matrix-box').scrollIntoView()")
        rows = page.execute_script("""
            var box = document.querySelector('.matrix-box').getBoundingClientRect();
            var bottom = Math.min(window.innerHeight, box.bottom);
            return [...document.querySelectorAll('table.matrix tbody tr')].filter(function (r) {
              var b = r.getBoundingClientRect();
              return b.top >= box.top && b.bottom <= bottom; }).length""")
        print(f"scenario rows on the first screen of the matrix at 1440x900: {rows}")
        assert rows >= 12
        shot(page, "report-desktop")
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# ---- 1,000 scenarios -------------------------------------------------------------------------

# The matrix on the screen, as a reader clicking its buttons sees it, drawn (two frames).
IN_VIEW = """
    var done = arguments[arguments.length - 1];
    document.querySelector('.matrix-box').scrollIntoView();
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      setTimeout(done, 50); }); });
"""
# Time of a click until the browser has drawn the next frame (the script, style, layout, paint).
TIMED_CLICK = """
    var done = arguments[arguments.length - 1];
    var start = performance.now();
    document.getElementById(arguments[0]).click();
    requestAnimationFrame(function () {
      setTimeout(function () { done(performance.now() - start); }, 0); });
"""


@pytest.fixture(scope="module")
def large_report(tmp_path_factory) -> Path:
    """The page for 1,000 generated scenarios (benchmarks/generate.py, a fixed seed)."""
    folder = tmp_path_factory.mktemp("large")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cases = folder / "generated.yaml"
    generate = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    cases.write_text(subprocess.run([sys.executable, str(generate), "1000"], capture_output=True,
                                    text=True, check=True, env=env).stdout, encoding="utf-8")
    out = folder / "report.html"
    p = subprocess.run([sys.executable, "-m", "lawcheck", "report", str(cases), "-o", str(out)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    return out


def test_expand_all_on_a_thousand_scenarios(browser, large_report):
    """Expand all on 1,000 scenarios opens every cell in force (their reasoning written from the
    data), and Collapse all shuts them; the times are printed, not asserted (they depend on the
    machine; benchmarks/bench_report.py reports them too)."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get("about:blank")
    browser.get(large_report.as_uri())
    WebDriverWait(browser, 60).until(lambda d: d.execute_script(
        "return document.readyState === 'complete'"))
    browser.set_script_timeout(120)
    buttons = browser.execute_script(
        "return document.querySelectorAll('table.matrix button[data-r]').length")
    rows = browser.execute_script(
        "return document.querySelectorAll('table.matrix tbody tr').length")
    assert rows == 1000 and buttons > rows
    browser.execute_async_script(IN_VIEW)
    expand = browser.execute_async_script(TIMED_CLICK, "expand")
    opened = browser.execute_script("""return [
        document.querySelectorAll('table.matrix button[aria-expanded="true"]').length,
        document.querySelectorAll('table.matrix .r').length]""")
    assert opened == [buttons, buttons]
    collapse = browser.execute_async_script(TIMED_CLICK, "collapse")
    assert browser.execute_script(
        "return document.querySelectorAll('table.matrix .r').length") == 0
    print(f"1,000 scenarios, {buttons:,} cells: Expand all {expand:,.0f} ms, "
          f"Collapse all {collapse:,.0f} ms")


def test_cells_open_in_the_language_the_page_is_switched_to(page):
    """Switched to Vietnamese in place, the matrix is bound again: a cell opens with its
    reasoning in Vietnamese (from that language's data), and Expand all still works."""
    # as the page's own tests choose it (the choice replaces the select element itself)
    page.execute_script("var s = document.getElementById('lang'); s.value = 'vi';"
                        "s.dispatchEvent(new Event('change'));")
    assert page.execute_script("return document.documentElement.lang") == "vi"
    cell = _cell(page, "age-17-handed-over-no-means", "vn-cc-150")
    click(page, by_css(cell, "button")[0])
    text = by_css(cell, ".r")[0].text
    assert "gần thỏa mãn nhất: Art. 150(1)(b)" in text or "gần thỏa mãn nhất: Điều" in text
    assert "không thỏa mãn" in text
    by_css(page, "#expand")[0].click()
    shown = [b for b in by_css(page, "table.matrix button[data-r]") if b.is_displayed()]
    assert shown and all(b.get_attribute("aria-expanded") == "true" for b in shown)


def test_without_javascript_the_verdicts_read_and_a_line_says_why_no_reasoning(browser,
                                                                                report_file):
    """With scripts off, every verdict is in the page, the filters stay hidden and one line
    says the reasoning needs JavaScript and which command gives it."""
    browser.get("about:blank")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(report_file.as_uri())
        cell = _cell(browser, "age-17-handed-over-no-means", "vn-cc-150")
        assert cell.text.startswith("✗ not met")
        assert not by_css(browser, "#controls")[0].is_displayed()
        line = [p for p in by_css(browser, "#matrix p.warning") if p.is_displayed()]
        assert len(line) == 1 and "JavaScript" in line[0].text
        assert "lawcheck explain SCENARIO" in line[0].text
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        browser.get("about:blank")
