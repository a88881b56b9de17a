"""The command line, `lawcheck check`, coverage and the error framing take their words from the
wording catalogue: no English is left in their string literals, every message they ask for is
there (and none of theirs is left unused), and a finding is data, worded when it is shown, in
the language asked for."""

from __future__ import annotations

import ast
import re
import shutil
import typing
from pathlib import Path

import pytest

from lawcheck import cli, errors
from lawcheck.engine import checks, coverage
from lawcheck.statute import model as m
from lawcheck.views import catalogue

MODULES = [Path(mod.__file__) for mod in (cli, errors, checks, coverage)]

# calls whose first two literal arguments are a message's context and id, not words
WORDING_CALLS = {"say", "Said", "of"}
# calls whose first literal argument is a message id (msgctxt "diagnostic")
MESSAGE_ID_CALLS = {"_refuse": 0, "Finding": 3}
# literals that read like words but are data: the file name of a diagnostic about the
# command line (worded through the catalogue when shown), the program's name before its version
DATA = {"<command line>", "lawcheck "}

# the catalogue's contexts that only these modules use
CONTEXTS = ("cli", "cli-help", "cli-exit", "cli-argparse", "diagnostic", "diagnostic-frame",
            "diagnostic-severity", "diagnostic-list", "diagnostic-expected",
            "diagnostic-hint", "check-explanation", "finding-where", "finding-detail",
            "finding-part", "finding-element", "coverage-element")


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


def _asked(path: Path) -> tuple[set[tuple[str, str]], set[str], list[tuple[int, str]]]:
    """(context, id) pairs asked for literally, message ids given to diagnostics, and every
    other string literal (line, text) that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    pairs, ids = set(), set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        literal = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                   for a in node.args]
        if name in WORDING_CALLS and len(literal) >= 2:
            for a in node.args[:2]:
                skip.add(id(a))
            if None not in literal[:2]:
                pairs.add((literal[0], literal[1]))
        if name in MESSAGE_ID_CALLS and len(literal) > MESSAGE_ID_CALLS[name]:
            i = MESSAGE_ID_CALLS[name]
            if literal[i] is not None:
                ids.add(literal[i])
                skip.add(id(node.args[i]))
        for k in node.keywords:          # Diagnostic(..., message_id="..." [if ... else "..."])
            if k.arg == "message_id":
                for c in ast.walk(k.value):
                    if isinstance(c, ast.Constant) and isinstance(c.value, str):
                        ids.add(c.value)
                        skip.add(id(c))
    rest = [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip]
    return pairs, ids, rest


def test_no_english_is_left_in_the_string_literals():
    """A literal with two words in a row, or a capitalised word, is a sentence or a label that
    belongs in the catalogue (ids, option names, JSON keys and metavars are single tokens)."""
    english = re.compile(r"[A-Za-z']{2,}\s+[A-Za-z']{2,}|^[A-Z][a-z]+\b")
    found = []
    for path in MODULES:
        for line, text in _asked(path)[2]:
            bare = re.sub(r"\{[^{}]*\}", " ", text)
            if text not in DATA and english.search(bare):
                found.append(f"{path.name}:{line}: {text!r}")
    assert found == []


def test_the_check_catches_english():
    """The check above sees a sentence left in a literal, a word glued into a message, and a
    message id used as words."""
    source = 'def f(n):\n    say("cli", "x")\n    return f"{n} findings found" + "Copy"\n'
    tmp = Path(__file__).parent / "_english_probe.py"
    try:
        tmp.write_text(source, encoding="utf-8")
        texts = [t for _, t in _asked(tmp)[2]]
    finally:
        tmp.unlink()
    assert " findings found" in texts and "Copy" in texts and "cli" not in texts


def test_every_message_asked_for_is_there_and_every_one_of_ours_is_used():
    known = set(catalogue._messages("en"))
    pairs, ids = set(), set()
    for path in MODULES:
        p, i, _ = _asked(path)
        pairs |= p
        ids |= i
    pairs |= {("diagnostic", i) for i in ids}
    assert sorted(pairs - known) == []
    # messages asked for by a code read from data, checked below
    dynamic = {"check-explanation", "finding-element", "coverage-element",
               "diagnostic-severity", "diagnostic-list"}
    ours = {(c, i) for c, i in known if c in CONTEXTS and c not in dynamic}
    assert sorted(ours - pairs) == []


def test_every_code_read_from_data_has_its_words():
    known = set(catalogue._messages("en"))
    for c in checks.REGISTRY:
        assert ("check-explanation", c.name) in known
        assert c.explanation.words() != c.name
    kinds = set(typing.get_args(m.TermKind))
    types = {typing.get_args(cls.model_fields["type"].annotation)[0]
             for cls in (m.AgeElement, m.NoMeansElement, m.HandoverElement, m.ExceptElement,
                         m.RefersElement)}
    for t in kinds | types:
        assert ("finding-element", t) in known, t
        assert t == "no_means" or ("coverage-element", t) in known, t
    for severity in ("error", "warning"):
        assert ("diagnostic-severity", severity) in known
    for separator in ("items", "groups"):
        assert ("diagnostic-list", separator) in known


def test_a_finding_is_data(statutes):
    found = checks.run_checks(statutes, checks.select(None, None))
    assert {f.code for f in found} >= {"LC001", "LC002", "LC003"}
    for f in found:
        assert f.message == "" and f.message_id and f.params
        assert isinstance(f.context, errors.Said) and isinstance(f.suggestion, errors.Said)
    # the engine's checks write no words and ask the catalogue for none
    source = Path(checks.__file__).read_text(encoding="utf-8")
    assert not re.search(r"lawcheck\.views|\bsay\(|\.words\(", source)


XX = '''msgid ""
msgstr ""
"Language: xx\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "diagnostic"
msgid "unverified-basis"
msgstr "xx-unverified {element} ({citation})"

msgctxt "finding-element"
msgid "age"
msgstr "xx-age"

msgctxt "finding-where"
msgid "limb"
msgstr "xx-limb {limb}"

msgctxt "finding-detail"
msgid "unverified-basis"
msgstr "xx-detail"

msgctxt "diagnostic-severity"
msgid "warning"
msgstr "xx-warning"

msgctxt "diagnostic-frame"
msgid "in"
msgstr "xx-in {text}"

msgctxt "diagnostic-frame"
msgid "found-other"
msgstr "xx {count}"

msgctxt "check-explanation"
msgid "child-line"
msgstr "xx-child-line"
'''


@pytest.fixture
def xx_language(tmp_path, monkeypatch):
    """A language "xx" with a few messages translated (the rest fall back to English)."""
    shutil.copytree(catalogue.LOCALE / "en", tmp_path / "en")
    (tmp_path / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "xx" / "LC_MESSAGES" / "lawcheck.po").write_text(XX, encoding="utf-8")
    monkeypatch.setattr(catalogue, "LOCALE", tmp_path)
    catalogue._messages.cache_clear()
    yield "xx"
    catalogue._messages.cache_clear()


def test_a_finding_is_worded_when_shown_in_the_language_asked_for(statutes, xx_language):
    found = [f for f in checks.run_checks(statutes, checks.select(["LC003"], None))
             if f.params and dict(f.params)["element"] == errors.Said("finding-element", "age")]
    assert found
    f = found[0]
    english, xx = errors.render(f), errors.render(f, lang=xx_language)
    assert ": warning: LC003 the age element (" in english.splitlines()[0]
    assert ": xx-warning: LC003 xx-unverified xx-age (" in xx.splitlines()[0]
    assert "  xx-in xx-limb " in xx and "  xx-detail" in xx
    assert "  in instrument '" in english and "Check the official text" in english
    assert errors.render_all(errors.LawcheckError([f, f]), lang=xx_language).endswith("\nxx 2")
    child = next(c for c in checks.REGISTRY if c.name == "child-line")
    assert child.explanation.words(xx_language) == "xx-child-line"
    assert child.explanation.words().startswith("Instruments draw the line")


def test_a_message_without_an_id_is_shown_as_given():
    d = errors.Diagnostic(errors.Span("x.law", 1, 1), "unknown thing 'y'",
                          expected="a thing", suggestion=errors.did_you_mean("y", ["yy"]))
    text = errors.render(d)
    assert text.startswith("x.law:1:1: error: unknown thing 'y'")
    assert "  expected: a thing" in text and "  hint: did you mean 'yy'?" in text
    assert errors.LawcheckError([d]).args == ("unknown thing 'y'",)


def test_coverage_names_an_element_by_its_kind():
    e = coverage.ElementCoverage("palermo", "Art. 3(a)", "age", "Art. 3(d)", (), ())
    assert e.type == "age" and e.element == "victim's age" == e.name()
    assert coverage.ElementCoverage("a", "b", "except", "c", (), ()).element == "exception"
