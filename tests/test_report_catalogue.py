"""The report's words come from the wording catalogue: the view model (lawcheck/views/
reportview.py), the page's template and its script (lawcheck/views/html.py, htmlfiles/) write
none of their own, and every message they ask for is in the catalogue. A pseudo-translation
shows it: every sentence on the page changes with the language."""

from __future__ import annotations

import ast
import html as htmlmod
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from lawcheck import load_suites, run
from lawcheck.resources import data_dir
from lawcheck.views import catalogue, html, reportview

VIEWS = Path(reportview.__file__).parent
MODULES = (VIEWS / "reportview.py", VIEWS / "html.py", VIEWS / "summaryview.py")
TEMPLATE = VIEWS / "htmlfiles" / "report.html"
SCRIPT = VIEWS / "htmlfiles" / "report.js"
FIXTURE = Path(__file__).parent / "fixtures" / "report" / "suite.yaml"

# say("context", "id" ...), say_attr(...), say_n("context", "id", n ...) in the template
ASKED = re.compile(r'\b(say|say_attr|say_n)\(\s*"([^"]+)",\s*"([^"]+)"')


def _known() -> set[tuple[str, str]]:
    return set(catalogue._messages("en"))


def test_every_message_the_page_asks_for_is_in_the_catalogue():
    asked = set()
    for path in (TEMPLATE, SCRIPT, *MODULES):
        for fn, context, msgid in ASKED.findall(path.read_text(encoding="utf-8")):
            if fn == "say_n":
                asked |= {(context, f"{msgid}-one"), (context, f"{msgid}-other")}
            else:
                asked.add((context, msgid))
    assert len(asked) > 100                        # the pattern finds the calls
    assert sorted(asked - _known()) == []


def test_codes_the_report_words_have_their_messages():
    from lawcheck.engine.compare import CAUSE_ORDER
    from lawcheck.statute.model import EXCEPTION_FLAGS
    known = _known()
    for cause, _ in reportview.CAUSES:
        assert ("cause", cause) in known and ("cause-name", cause) in known, cause
    assert set(CAUSE_ORDER) <= {c for c, _ in reportview.CAUSES}
    for flag in EXCEPTION_FLAGS:
        assert ("report-except", flag) in known, flag
    for status in reportview.ALIGN_LEGEND:
        assert ("alignment", status) in known and ("alignment-symbol", status) in known
    for kind in ("showing-one", "showing-other", "showing-under-one", "showing-under-other",
                 "pair"):
        assert ("report-script", kind) in known


# ---- no words of their own ------------------------------------------------------------------

# String constants in reportview.py and html.py that are codes, not words: anchors, message ids,
# the engine's cause codes and the statute files' instrument kinds (which have spaces), a command line, a piece of JavaScript, and
# html.py's name for what it writes (files.py words that error message; not this module's).
CODE = re.compile(r"[a-z0-9_\-|.:#/ ]*")
ALLOWED = {"child age", "criminal code", "lawcheck run --format jsonl", "the report", "lawcheck.views",
           "htmlfiles", "report.html", ".join(",
           # the markers of the page's body and the inert copy of it in another language
           "<!--lang-body-->", "<!--/lang-body-->", '<template class="lang-body" data-lang="',
           "</template>\n"}


def _constants(path: Path):
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docs:
            yield node.lineno, node.value


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_report_modules_write_no_words(path):
    words = [(line, text) for line, text in _constants(path)
             if re.search(r"[A-Za-z]{2}", text) and text not in ALLOWED
             and not (CODE.fullmatch(text) and " " not in text.strip())]
    assert words == [], f"words in {path.name} belong in the catalogue: {words}"


def test_the_template_writes_no_words():
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)
    # attributes a reader meets (a tooltip, a label read aloud) come from the catalogue too
    attributes = re.findall(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"', text)
    assert len(attributes) >= 2 and [a for a in attributes if re.search(r"[A-Za-z]", a)] == []
    text = re.sub(r"<[^>]*>", "", text)
    words = re.findall(r"[A-Za-z]+", text)
    assert words == [], f"words in report.html belong in the catalogue: {words}"


def test_the_script_writes_no_words():
    text = SCRIPT.read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"^\s*//.*$", "", text, flags=re.M)
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', text)
    assert "controls" in literals                       # the pattern finds the literals
    words = [s for s in literals if s != "use strict" and not re.fullmatch(r"[a-z\-|]*| ", s)]
    assert words == [], f"words in report.js belong in the catalogue: {words}"


def test_the_script_words_are_javascript_strings():
    """The count line, split into what both sentences share and what differs; each part a
    JavaScript expression, safe inside the page's <script> element."""
    report = reportview.Report(**{**_empty_report(), "lang": "en"})
    words = html.script_words(report)
    assert words == {"start": '"Showing " + count + " of " + rows.length + " scenarios"',
                     "all": '""', "under": '" under " + chosen.join(" and ")', "end": '"."'}
    one = html.script_words(reportview.Report(**{**_empty_report(), "rows": ("row",)}))
    assert one["start"] == '"Showing " + count + " of " + rows.length + " scenario"'
    assert html._js_string('</script><b>"x"') == '"\\u003c/script\\u003e\\u003cb\\u003e\\"x\\""'
    # a language that shares nothing between the two sentences, or words the pair otherwise
    every = html._units("{shown}/{total}")
    assert html._js(every, {"shown": "count", "total": "rows.length"}) == \
        'count + "/" + rows.length'
    assert html._joined("{a}, {b}!", "chosen") == 'chosen[0] + ", " + chosen[1] + "!"'


def _empty_report() -> dict:
    import dataclasses
    return {f.name: () for f in dataclasses.fields(reportview.Report)
            if f.default is dataclasses.MISSING}


# ---- a pseudo-translation ---------------------------------------------------------------------

OPEN, CLOSE = "«", "»"


def _pseudo(text: str) -> str:
    """A message in the pseudo-language: the English between « and », its parameters kept."""
    return f"{OPEN}{text}{CLOSE}" if re.search(r"[A-Za-z]", text) else text


@pytest.fixture
def pseudo_language(tmp_path, monkeypatch):
    """A catalogue "xx" in which every message with a word in it reads «...»."""
    locale = tmp_path / "locale"
    shutil.copytree(catalogue.LOCALE, locale)
    with open(catalogue.LOCALE / "en" / "LC_MESSAGES" / "lawcheck.po", "rb") as f:
        po = read_po(f, locale="en")
    for m in po:
        if m.id:
            m.string = _pseudo(m.string or m.id)
    (locale / "xx" / "LC_MESSAGES").mkdir(parents=True)
    with open(locale / "xx" / "LC_MESSAGES" / "lawcheck.po", "wb") as f:
        write_po(f, po)
    monkeypatch.setattr(catalogue, "LOCALE", locale)
    catalogue._messages.cache_clear()
    yield "xx"
    catalogue._messages.cache_clear()


def _visible(page: str) -> str:
    """The text a reader sees, and the attributes read to them."""
    attributes = " ".join(re.findall(r'\b(?:title|aria-label)="([^"]*)"', page))
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return htmlmod.unescape(re.sub(r"<[^>]*>", " ", page) + " " + attributes)


def _without_messages(text: str) -> str:
    """The text with every «message» taken out (innermost first: messages nest)."""
    inner = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
    while True:
        text, n = inner.subn(" ", text)
        if not n:
            return text


def test_every_sentence_on_the_page_follows_the_language(statutes, pseudo_language,
                                                        monkeypatch):
    """Take every message out of the page in the pseudo-language: what is left is data from
    the statute and case files (titles, citations, quoted words, reasons), numbers and marks,
    and none of the catalogue's English."""
    monkeypatch.chdir(FIXTURE.parent.parent.parent)
    result = run(statutes, load_suites([FIXTURE.relative_to(Path.cwd())], statutes))
    page = html.render(reportview.build(result, lang=pseudo_language))
    assert 'lang="xx"' in page
    left = " ".join(_without_messages(_visible(page)).split())
    # the data: a phrase the statute or case files use too cannot tell where it came from
    data = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                    for p in (*data_dir("statutes").rglob("*.law"), FIXTURE))
    english = set()
    for (context, _), text in catalogue._messages("en").items():
        for chunk in re.split(r"\{[^}]*\}", text):
            chunk = " ".join(chunk.split()).strip(" ,;:.()")
            if len(chunk.split()) >= 2 and chunk not in data:   # a phrase, not a word
                english.add(chunk)
    assert len(english) > 100
    # and no word the data does not have
    known = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", data)}
    assert sorted({w for w in re.findall(r"[^\W\d_]{2,}", left) if w.lower() not in known}) == []
    found = sorted(c for c in english if c in left)
    assert found == [], [left[max(0, left.index(c) - 150):left.index(c) + 80] for c in found]
    # the script's count line too
    line = re.search(r"shown\.textContent = (.*?);\n", page, flags=re.S).group(1)
    assert f'"{OPEN}Showing "' in line and f'{CLOSE}"' in line


def test_codes_the_summary_words_have_their_messages():
    from lawcheck.engine.compare import CAUSE_ORDER
    from lawcheck.engine.explore import explore  # noqa: F401  (the causes a region can have)
    known = _known()
    for cause in (*CAUSE_ORDER, "complement"):
        assert ("summary-topic", cause) in known, cause
    for rule in ("consent", "exception"):
        assert ("summary", f"rule-{rule}") in known and ("summary", f"no-rule-{rule}") in known
    for who in ("reference", "instrument", "either"):
        assert ("summary", f"reaches-{who}") in known
    for verdict in ("met", "not_met", "uncertain"):
        assert ("summary-verdict", verdict) in known
