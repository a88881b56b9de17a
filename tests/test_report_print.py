"""The report printed, for a meeting: headless Chromium prints the page to PDF (the DevTools
protocol's Page.printToPDF, as the print dialog would, the page's own @page size) and pypdf reads
the PDF back, page by page: its text, its font sizes and the pages its internal links lead to.

The printed contents' page numbers are written by the page's script before printing (print.js);
they are checked against the pages Chromium itself put the sections on (the PDF's named
destinations) and against the text of those pages.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from dataclasses import dataclass

import pytest

from lawcheck.views import catalogue
from lawcheck.views.printview import css_content, css_string
from test_report_browser import ACTUAL, browser  # noqa: F401  (the browser fixture)

# The bundled suites (55 scenarios against 9 instruments, the law of December 2026) print on 40
# A4 pages with every cell closed; before the print style sheet they took 66 (72 with the
# conformity summary's rows at 5 pt). The bound leaves room for a few more scenarios.
PAGES_AT_MOST = 45
PAIR = "palermo,vn-cc-150"
SMALLEST_PT = 9.0


# ------------------------------------------------------------------------ the words, as CSS

def test_print_words_are_css_strings():
    assert css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert css_string("</style>") == '"\\3c /style\\3e "'
    assert css_content("Page {page} of {pages}", page="counter(page)",
                       pages="counter(pages)") == '"Page " counter(page) " of " counter(pages)'
    vi = catalogue.say("print", "page", "vi")
    assert css_content(vi, page="P", pages="N").count("P") == 1
    assert catalogue.say("print", "language", "vi") != catalogue.say("print", "language")


# ------------------------------------------------------------------------ printing to PDF

def _text(s: str) -> str:
    """Text as the PDF and the page both read: ligatures undone, spaces collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip()


@dataclass
class Printed:
    pages: list[str]                 # each page's text
    smallest: list[float]            # each page's smallest font size, in points
    dests: dict[str, int]            # an element's id -> the page it starts on (1-based)
    toc: list[tuple[str, str, str]]  # the contents: (target id, entry's words, page number)
    size: tuple[float, float]        # the first page's width and height, in points


def _print(driver, url: str, name: str) -> Printed:
    import pypdf
    from pypdf.generic import Destination
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.readyState === 'complete'"))
    pdf = base64.b64decode(driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    ACTUAL.mkdir(exist_ok=True)
    (ACTUAL / f"{name}.pdf").write_bytes(pdf)
    print(f"printed: {ACTUAL / name}.pdf")
    toc = driver.execute_script("""
        return [...document.querySelectorAll('#print-toc li:not([hidden]) > a')].map(a =>
          [a.getAttribute('href').slice(1), a.firstElementChild.textContent,
           a.querySelector('.toc-page').textContent])""")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages, smallest = [], []
    for page in reader.pages:
        sizes: list[float] = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                m = pypdf.mult(tm, cm)
                sizes.append(size * (m[2] ** 2 + m[3] ** 2) ** .5)
        pages.append(_text(page.extract_text(visitor_text=visit)))
        smallest.append(min(sizes, default=99.0))
    dests = {name.lstrip("/"): reader.get_destination_page_number(d) + 1
             for name, d in reader.named_destinations.items() if isinstance(d, Destination)}
    box = reader.pages[0].mediabox
    return Printed(pages, smallest, dests, [(i, _text(t), n) for i, t, n in toc],
                   (float(box.width), float(box.height)))


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory):
    """The page for the bundled suites, as `lawcheck report` writes it."""
    from conftest import run_cli
    out = tmp_path_factory.mktemp("print") / "lawcheck-report.html"
    p = run_cli("report", "-o", str(out))
    assert p.returncode == 0, p.stderr
    return out


@pytest.fixture(scope="module")
def printed(browser, bundled_report):  # noqa: F811
    return _print(browser, bundled_report.as_uri(), "report-print")


@pytest.fixture(scope="module")
def printed_pair(browser, bundled_report):  # noqa: F811
    return _print(browser, bundled_report.as_uri() + "#pair=" + PAIR, "report-print-pair")


def _headings(driver) -> list[str]:
    return [_text(h) for h in driver.execute_script(
        "return [...document.querySelectorAll('main h2, main h3')].map(h => h.textContent)")]


# ------------------------------------------------------------------------ the tests

needs_browser = pytest.mark.browser


@needs_browser
def test_pages_are_a4_landscape_numbered_and_headed(printed):
    n = len(printed.pages)
    print(f"{n} pages")
    assert n <= PAGES_AT_MOST
    assert round(printed.size[0]) == 842 and round(printed.size[1]) == 595   # A4 landscape
    title = _text(catalogue.say("report-page", "heading"))
    for number, text in enumerate(printed.pages, 1):
        assert f"Page {number} of {n}" in text, (number, text[:200])
        assert text.startswith(title), number          # the running head: title ...
        assert re.search(r"The law in force on \d{4}-\d\d-\d\d", text[:300]), number  # ... date


@needs_browser
def test_title_block_on_the_first_page(printed, statutes):
    from lawcheck import __version__

    first = printed.pages[0]
    reference = statutes.instrument("palermo")
    for words in (f"Reference {_text(reference.title)}", "Compared with",
                  _text(statutes.instrument("vn-cc-150").title),
                  _text(statutes.instrument("vn-cc-151").title),
                  f"Statutes the statutes bundled with lawcheck {__version__}",
                  f"lawcheck version {__version__}", "Language English", "Contents"):
        assert words in first, words
    assert re.search(r"Date The law in force on \d{4}-\d\d-\d\d", first)


@needs_browser
def test_no_text_under_9_points(printed):
    small = {i + 1: round(s, 2) for i, s in enumerate(printed.smallest) if s < SMALLEST_PT - .05}
    assert small == {}
    assert min(printed.smallest) < 9.5      # the notes are at 9 pt: the check reads real sizes


def _contents_are_right(printed: Printed):
    """Every entry of the contents has a number, the page Chromium put its section on (the
    PDF's destination for the entry's link), and that page shows the section's heading."""
    assert printed.toc, "no contents"
    listed = printed.pages[0]
    for target, words, number in printed.toc:
        assert number.isdigit(), (target, words, number)
        page = int(number)
        assert printed.dests[target] == page, (target, words, number, printed.dests[target])
        assert f"{words} {number}" in listed, (words, number)
        assert words in printed.pages[page - 1].replace(f"{words} {number}", ""), (words, page)
        assert all(words not in printed.pages[p] for p in range(1, page - 1)), (words, page)


@needs_browser
def test_contents_give_the_right_pages(printed):
    _contents_are_right(printed)
    assert len({n for _, _, n in printed.toc}) > 5     # sections on many pages, not all on one


@needs_browser
def test_no_heading_alone_at_a_page_foot_no_controls(browser, printed):  # noqa: F811
    heads = set(_headings(browser))
    for number, text in enumerate(printed.pages, 1):
        assert not any(text.endswith(h) for h in heads), (number, text[-120:])
    everything = " ".join(printed.pages)
    for control in (catalogue.say("report-page", "expand"),
                    catalogue.say("report-page", "collapse"),
                    catalogue.say("report-page", "only-divergent"),
                    catalogue.say("report-page", "show-not-in-force")):
        assert control not in everything, control


@needs_browser
def test_a_chosen_pair_prints_its_summary_on_two_pages_at_most(browser,  # noqa: F811
                                                               printed_pair):
    _contents_are_right(printed_pair)
    first = printed_pair.pages[0]
    assert "Printed for Palermo Art. 3 and Art. 150" in first
    # the other comparisons are not printed, nor listed
    assert "Palermo Art. 3 and Art. 151" not in " ".join(printed_pair.pages)
    start = printed_pair.dests["summary-palermo-vn-cc-150"]
    last_row = _text(browser.execute_script("""
        var rows = document.querySelectorAll('#summary-palermo-vn-cc-150 tr.diff');
        return rows[rows.length - 1].querySelector('td.follows p').textContent"""))
    end = next(i + 1 for i, t in enumerate(printed_pair.pages) if i + 1 >= start and last_row in t)
    print(f"the pair's summary: pages {start} to {end} of {len(printed_pair.pages)}")
    assert 1 <= end - start + 1 <= 2


@needs_browser
def test_a_narrow_window_prints_the_same_pages(browser, bundled_report, printed):  # noqa: F811
    """The script lays the page out at the printed width whatever the window's: printed from a
    phone-sized window, the pages and the contents are the same."""
    browser.set_window_size(420, 900)
    try:
        narrow = _print(browser, bundled_report.as_uri(), "report-print-narrow")
        # the phone's layout still holds on the screen (the summary's rows as cards)
        assert browser.execute_script(
            "return getComputedStyle(document.querySelector('table.summary tr')).display"
        ) == "block"
    finally:
        browser.set_window_size(1400, 1000)
    assert len(narrow.pages) == len(printed.pages)
    assert narrow.toc == printed.toc
    _contents_are_right(narrow)
