"""The report as a lawyer opens it, in headless Chromium: the conformity summary answers first,
a pair chosen once (or given in the address) applies to every section, and the page has no
accessibility violations (axe-core, installed by .ci/run from the npm registry)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import test_report_browser as _pages
from test_report_browser import by_css, shot

# the page tests' fixtures: one browser and one page for the module
browser, report_file = _pages.browser, _pages.report_file

pytestmark = pytest.mark.browser


def _open(driver, path: Path, fragment: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get("about:blank")
    driver.get(path.as_uri() + fragment)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return document.readyState === 'complete'"))
    return driver


def _visible_text(driver, css: str) -> str:
    return "\n".join(e.text for e in by_css(driver, css) if e.is_displayed())


def _rows(driver, pair: str) -> list[dict]:
    """The summary's rows for one comparison, as a reader sees them."""
    return driver.execute_script("""
        var sec = document.querySelector('section.comparison[data-pair="' + arguments[0] + '"]');
        return Array.prototype.map.call(sec.querySelectorAll('tr.diff'), function (tr) {
          return {topic: tr.querySelector('.topic').textContent,
                  robust: tr.classList.contains('diff-robust'),
                  text: tr.innerText};
        });""", pair)


def test_the_page_opens_on_the_answer(browser, report_file):
    d = _open(browser, report_file)
    first = d.execute_script(
        "return document.querySelector('main').firstElementChild.id")
    assert first == "summary"
    top = d.execute_script(
        "return document.getElementById('summary').getBoundingClientRect().top")
    assert top < d.execute_script("return window.innerHeight") / 2   # on the first screen
    body = d.find_element("tag name", "body").text
    for jargon in ("legal-sources", ".yaml", "limb"):
        assert jargon not in body[:3000], jargon
    shot(d, "summary-top")


def test_art_150_and_151_rows_say_what_the_seed_report_says(browser, report_file):
    d = _open(browser, report_file)
    r150 = _rows(d, "palermo,vn-cc-150")
    r151 = _rows(d, "palermo,vn-cc-151")
    topics150 = [r["topic"] for r in r150]
    topics151 = [r["topic"] for r in r151]
    # means for a 16- or 17-year-old, the transfer, the money purpose, consent: Art. 150
    means = next(r for r in r150 if r["topic"] == "Means" and r["robust"])
    assert "16 to 17" in means["text"] and "no means" in means["text"]
    assert any(r["topic"] == "Transfer or receipt of the person" and r["robust"] for r in r150)
    purpose = next(r for r in r150 if r["topic"] == "Purpose" and r["robust"])
    assert "money" in purpose["text"]
    assert "The victim's consent" in topics150
    # the child line at 16 and the humanitarian exception: Art. 151, with its own words
    child = next(r for r in r151 if r["topic"] == "Who is a child")
    assert "under 18" in child["text"] and "người dưới 16 tuổi" in child["text"]
    assert "Exception" in topics151 and "The victim's consent" in topics151
    # in order of consequence: the robust gaps before anything that turns on an open point
    robust = [r["robust"] for r in r150]
    assert robust.index(False) > max(i for i, x in enumerate(robust) if x and i < 4)


def test_a_pair_in_the_address_restores_the_view(browser, report_file):
    d = _open(browser, report_file, "#pair=palermo,vn-cc-151")
    assert d.execute_script("return document.getElementById('compare').value") == \
        "palermo|vn-cc-151"
    shown = [s.get_attribute("data-pair") for s in by_css(d, "section.comparison")
             if s.is_displayed()]
    assert shown == ["palermo,vn-cc-151"]
    # the alignment table shows the two texts side by side, their words open
    heads = [th.get_attribute("data-inst") for th in by_css(d, "table.alignment thead th[data-inst]")
             if th.is_displayed()]
    assert heads == ["palermo", "vn-cc-151"]
    age = by_css(d, "#align-age")[0]
    assert "pair-differs" in age.get_attribute("class")
    assert "người dưới 16 tuổi" in age.text                 # Art. 151's words, open
    # the matrix shows the two columns too
    mheads = [th.get_attribute("data-inst") for th in by_css(d, "table.matrix thead th[data-inst]")
              if th.is_displayed()]
    assert mheads == ["palermo", "vn-cc-151"]
    shot(d, "pair-151")


def test_choosing_a_pair_writes_it_in_the_address(browser, report_file):
    from selenium.webdriver.support.ui import Select
    d = _open(browser, report_file)
    Select(by_css(d, "#compare")[0]).select_by_value("palermo|vn-cc-150")
    assert d.execute_script("return location.hash") == "#pair=palermo,vn-cc-150"
    # a link in the page keeps it
    by_css(d, "nav a[href='#matrix']")[0].click()
    assert d.execute_script("return location.hash") == "#pair=palermo,vn-cc-150"
    Select(by_css(d, "#compare")[0]).select_by_value("")
    assert d.execute_script("return location.hash") == ""
    assert len([s for s in by_css(d, "section.comparison") if s.is_displayed()]) > 1


def test_instruments_not_in_force_are_hidden_until_asked(browser, report_file):
    d = _open(browser, report_file)
    hidden = [th.get_attribute("data-inst")
              for th in by_css(d, "table.alignment thead th.col-nif")]
    assert "vn-law-2011" in hidden and "vn-pc-1999-119" in hidden    # repealed before today
    assert not any(th.is_displayed() for th in by_css(d, "table.alignment thead th.col-nif"))
    by_css(d, "#show-nif")[0].click()
    assert all(th.is_displayed() for th in by_css(d, "table.alignment thead th.col-nif"))


# ---- accessibility ---------------------------------------------------------------------------

def _axe() -> Path | None:
    env = os.environ.get("LAWCHECK_AXE")
    for p in ([Path(env)] if env else []) + [
            Path.home() / ".cache" / "lawcheck-axe" / "node_modules" / "axe-core" / "axe.min.js"]:
        if p.is_file():
            return p
    return None


@pytest.mark.parametrize("fragment", ["", "#pair=palermo,vn-cc-150"])
def test_no_accessibility_violations(browser, report_file, fragment):
    axe = _axe()
    if axe is None:
        if os.environ.get("LAWCHECK_REQUIRE_BROWSER"):
            pytest.fail("axe-core is not installed (.ci/run installs it; or set LAWCHECK_AXE)")
        pytest.skip("axe-core is not installed (npm install axe-core; LAWCHECK_AXE=.../axe.min.js)")
    d = _open(browser, report_file, fragment)
    d.execute_script(axe.read_text(encoding="utf-8"))
    d.set_script_timeout(120)
    found = d.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(function (r) {
          done(r.violations.map(function (v) {
            return {id: v.id, nodes: v.nodes.length,
                    first: v.nodes[0] && v.nodes[0].target.join(' ')};
          }));
        });""")
    assert found == [], json.dumps(found, indent=1)


@pytest.mark.parametrize("fragment", ["", "#pair=palermo,vn-cc-150"])
def test_a_phone_never_scrolls_the_page_sideways(browser, report_file, fragment):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        d = _open(browser, report_file, fragment)
        width, inner = d.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == 390
        assert width <= inner
        # the summary's rows are cards: each cell as wide as the screen allows
        cell = by_css(d, "section.comparison:not([hidden]) table.summary td.side")[0]
        assert cell.size["width"] > 300
        shot(d, f"phone{fragment.replace('#', '-').replace('=', '-').replace(',', '-')}")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _choose_language(d, lang):
    """As a reader does (the control is replaced with the body it belongs to)."""
    d.execute_script("var s = document.getElementById('lang'); s.value = arguments[0];"
                     "s.dispatchEvent(new Event('change'));", lang)


def test_the_language_switches_in_place_and_keeps_the_pair(browser, report_file):
    from selenium.webdriver.support.ui import Select
    d = _open(browser, report_file, "#pair=palermo,vn-cc-151")
    assert d.execute_script("return document.documentElement.lang") == "en"
    _choose_language(d, "vi")
    assert d.execute_script("return document.documentElement.lang") == "vi"
    assert d.execute_script("return location.hash") == "#pair=palermo,vn-cc-151&lang=vi"
    summary = by_css(d, "#summary")[0].text
    assert "thỏa mãn" in summary and "Ai là trẻ em" in summary
    # the pair is still chosen in the new body, and its controls work
    assert d.execute_script("return document.getElementById('compare').value") == \
        "palermo|vn-cc-151"
    Select(by_css(d, "#compare")[0]).select_by_value("palermo|vn-cc-150")
    assert d.execute_script("return location.hash") == "#pair=palermo,vn-cc-150&lang=vi"
    shown = [s.get_attribute("data-pair") for s in by_css(d, "section.comparison")
             if s.is_displayed()]
    assert shown == ["palermo,vn-cc-150"]
    shot(d, "vietnamese")
    # a link with the language opens in it
    d = _open(browser, report_file, "#lang=vi")
    assert d.execute_script("return document.documentElement.lang") == "vi"
    _choose_language(d, "en")
    assert "Who is a child" in by_css(d, "#summary")[0].text
