"""The terminal views (lawcheck run, explain, list, history, explore, coverage, the progress line)
and the failure report under pytest take every word from the wording catalogue: no English is
left in their string literals, and with every message marked, every line they write starts with
a message (or is data: a scenario's title, a table row, a rule)."""

from __future__ import annotations

import ast
import re
import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import REPO
from lawcheck.views import catalogue

MODULES = ("lawcheck/views/text.py", "lawcheck/views/exploreview.py",
           "lawcheck/views/progress.py", "lawcheck/pytest_plugin.py")

# Literals with letters that are not words a reader sees (data keys, ids, codes), each with why.
ALLOWED = {
    "lawcheck/views/text.py": {
        "penalty ",          # the engine's prefix on a penalty expectation (engine/run.py)
    },
    "lawcheck/views/exploreview.py": {
        # a saved scenario's id and suite id are built from codes, the same in every language
        "explore-", "robust", "reading", " complemented", "rule ", "explored",
    },
    "lawcheck/views/progress.py": {"Progress"},       # a type annotation
    "lawcheck/pytest_plugin.py": {
        "lawcheck", "--as-of", "--statutes", "lawcheck_as_of", "lawcheck_statutes", "DATE",
        "DIR", "rb",
        # pytest asks for its options' help in every session, before any case file is read:
        # reading the catalogue then would slow every pytest run of every project (the plugin
        # imports only the standard library at start-up)
        "lawcheck case files (YAML scenario suites)",
        "check the case files' expectations against the law in force on DATE (YYYY-MM-DD), as "
        "`lawcheck run --as-of DATE` does; default: each expectation as written, and each dated "
        "change from its date",
        "folder of statute files (*.law) to use instead of the bundled ones",
        "--lawcheck-lang", "lawcheck_lang", "LANG",
        "the language of lawcheck's failures, skips and errors, as `lawcheck --lang` takes it "
        "(default: the environment variable LAWCHECK_LANG, else en)",
        # the language when none is asked for: known without importing the catalogue
        "LAWCHECK_LANG", "en",
    },
}


def _literals(path: Path):
    """Every string literal with a word in it, but docstrings, the context and id a say() or
    table() call asks for, dict keys, subscripts, operands of comparisons and annotations."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()

    def skip_all(node):
        if node is not None:
            skip.update(id(x) for x in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.FunctionDef):
            skip_all(node.returns)
            for a in node.args.args + node.args.kwonlyargs:
                skip_all(a.annotation)
        if isinstance(node, ast.AnnAssign):
            skip_all(node.annotation)
        if isinstance(node, ast.Call):
            f = node.func
            name = getattr(f, "id", None) or getattr(f, "attr", None)
            if name in ("say", "table"):
                for a in node.args[:2]:
                    skip.add(id(a))
        if isinstance(node, ast.Dict):
            for k in node.keys:
                skip_all(k)
        if isinstance(node, ast.Subscript):
            skip_all(node.slice)
        if isinstance(node, ast.Compare):
            for x in (node.left, *node.comparators):
                skip_all(x)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in skip and re.search(r"[A-Za-z]{2,}", node.value):
            yield node.lineno, node.value


@pytest.mark.parametrize("module", MODULES)
def test_no_english_is_left_in_the_views_string_literals(module):
    left = [f"{module}:{line}: {text!r}" for line, text in _literals(REPO / module)
            if text not in ALLOWED[module]]
    assert left == [], "words a reader sees belong in the catalogue:\n" + "\n".join(left)


def test_the_check_finds_english():
    """The check above is not blind: an English sentence in a literal is found."""
    sample = REPO / "tests" / "fixtures" / "_english.py"
    try:
        sample.write_text('def f(n):\n    """Doc."""\n    return {"key": f"{n} scenarios"}\n',
                          encoding="utf-8")
        assert [t for _, t in _literals(sample)] == [" scenarios"]
    finally:
        sample.unlink()


def test_every_code_the_views_name_has_its_words():
    from lawcheck.engine.compare import CAUSE_ORDER
    from lawcheck.engine.elements import CATEGORY
    from lawcheck.statute import model as m
    known = catalogue._messages("en")
    for category in {*CATEGORY.values(), *CAUSE_ORDER, "consent", "complement"}:
        assert ("cause-name", category) in known, category
    evaluate = (REPO / "lawcheck" / "engine" / "evaluate.py").read_text(encoding="utf-8")
    rules = set(re.findall(r'\bNote\(\s*"([a-z_]+)"', evaluate))
    assert len(rules) >= 6
    for rule in rules:
        assert ("note-rule", rule) in known, rule
    # every confidence mark has its words (the JSON's confidence_label and the text's alike),
    # and so has the mark shown for user-supplied words, which no statute file may write
    import typing
    assert set(catalogue.table("confidence")) == {*typing.get_args(m.Confidence), m.SUPPLIED}
    assert m.SUPPLIED not in typing.get_args(m.Confidence)


CONTEXTS = ("run-text", "explain", "explain-facts", "mismatch", "list", "history", "explore",
            "explore-case", "coverage", "progress", "pytest")


def test_a_message_that_changes_with_a_number_has_both_forms():
    ids = set(catalogue._messages("en"))
    plural = [(c, i) for c, i in ids if c in CONTEXTS and i.endswith("-one")]
    assert len(plural) >= 4
    for context, msgid in plural:
        assert (context, msgid[:-4] + "-other") in ids, (context, msgid)


# ---- every line from the catalogue --------------------------------------------------------

OPEN, CLOSE = "⟦", "⟧"


@pytest.fixture
def marked(monkeypatch):
    """Every message of the catalogue marked ⟦...⟧, and lines that are never wrapped."""
    real = catalogue._messages

    @lru_cache(maxsize=None)
    def messages(lang):
        return {k: OPEN + v + CLOSE for k, v in real(lang).items()}
    monkeypatch.setattr(catalogue, "_messages", messages)
    monkeypatch.setenv("COLUMNS", "100000")


def _cli(capsys, *args) -> str:
    from lawcheck.cli import main
    main(list(args))
    return capsys.readouterr().out


def _unmarked(out: str, data=(), row=None) -> list[str]:
    """The lines that neither start with a message nor are data (`data`: whole lines; `row`:
    a pattern for a table row)."""
    left = []
    for line in out.splitlines():
        text = line.strip()
        if not text or text.startswith(OPEN) or text in data or set(text) <= {"-", "="}:
            continue
        if row is not None and re.fullmatch(row, line):
            continue
        left.append(line)
    return left


_BROKEN = """\
suite: mine
title: "Mine"
scenarios:
  - id: girl-17-recruited-without-means
    title: "A 17-year-old recruited without any means"
    facts: {victim_age: 17, acts: [recruitment], purposes: [sexual_exploitation]}
    expect:
      palermo: {verdict: not_met, reason: "deliberately wrong"}
      vn-cc-150: {verdict: met, penalty: "Art. 150(2)", reason: "deliberately wrong"}
"""


def test_run_writes_only_the_catalogues_words(marked, capsys, tmp_path, suites):
    (tmp_path / "mine.yaml").write_text(_BROKEN, encoding="utf-8")
    ids = "|".join(re.escape(sc.id) for s in suites for sc in s.scenarios)
    row = rf"(⟦.⟧|\s)(⟦.⟧|\s) ({ids}|girl-17-recruited-without-means)\s.*"
    for args in ((str(REPO / "cases"), "--as-of", "2026-12-04"), (str(REPO / "cases"), "--all"),
                 (str(tmp_path / "mine.yaml"),)):
        out = _cli(capsys, "run", *args)
        assert OPEN in out
        assert _unmarked(out, row=row) == []
    assert "⟦MISMATCH girl-17-recruited-without-means [palermo]" in out


@pytest.mark.parametrize("scenario", [
    "adult-sold-for-money-victims-unknown", "girl-deceived-and-sold-abroad-may-2009",
    "consent-to-travel-then-sold-abroad", "abducted-for-forced-marriage-no-money"])
def test_explain_and_history_write_only_the_catalogues_words(marked, capsys, suites, scenario):
    title = next(sc.title for s in suites for sc in s.scenarios if sc.id == scenario)
    for args in ((), ("--brief",), ("--as-of", "2010-01-01")):
        out = _cli(capsys, "explain", scenario, *args)
        assert _unmarked(out, data={title}) == [], args
    out = _cli(capsys, "history", scenario)
    assert _unmarked(out, data={title}) == []


def test_list_explore_and_coverage_write_only_the_catalogues_words(marked, capsys, tmp_path):
    assert _unmarked(_cli(capsys, "list")) == []
    out = _cli(capsys, "explore", "--between", "palermo", "vn-cc-150", "--as-of", "2026-12-04",
               "--save", str(tmp_path / "saved.yaml"))
    # (the line saying where the case file went is lawcheck.cli's, not this view's)
    assert OPEN in out and _unmarked(out, row=r"wrote .*") == []
    assert _unmarked(_cli(capsys, "coverage", "--as-of", "2026-12-04")) == []
    import yaml
    saved = (tmp_path / "saved.yaml").read_text(encoding="utf-8")
    assert saved.startswith("# " + OPEN)
    doc = yaml.safe_load(saved)
    assert doc["title"].startswith(OPEN)
    for sc in doc["scenarios"]:
        assert sc["title"].startswith(OPEN) and OPEN not in sc["id"]
        assert all(e["reason"].startswith(OPEN) for e in sc["expect"].values())


def test_the_progress_line_is_the_catalogues(marked):
    import io

    from lawcheck.views import progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    stream = Terminal()
    p = progress.Progress("work", 10, stream)
    p.start = p.last = -100.0                  # long running: the next step shows the line
    p.step()
    assert stream.getvalue() == "\r⟦lawcheck: work: 1 of 10 ...⟧"


def test_the_failure_under_pytest_is_the_catalogues(marked, pytester):
    shutil.copy(REPO / "cases" / "age.yaml", pytester.path / "age.yaml")
    pytester.makefile(".yaml", mine=_BROKEN)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:xdist",
                                          "-p", "no:hypothesispytest", "mine.yaml",
                                          "--as-of", "2015-06-01", "-rs")
    out = result.stdout.str()
    failure = out.split("_ ⟦girl-17-recruited-without-means under palermo⟧ _", 1)[1]
    failure = failure.split("\n=", 1)[0].strip("_ \n")
    assert failure and _unmarked(failure) == []
    assert "SKIPPED [1] mine.yaml: ⟦girl-17-recruited-without-means: Art. 150 is not in " \
        "force on 2015-06-01 (in force ⟦2018-01-01 to ⟦now⟧⟧)⟧" in out


def test_a_count_of_one_reads_in_the_singular(capsys, tmp_path, monkeypatch):
    """The plural messages are chosen by n == 1: one scenario, one expectation, one that fails."""
    monkeypatch.setenv("COLUMNS", "100000")
    (tmp_path / "one.yaml").write_text(_BROKEN.replace(
        '      vn-cc-150: {verdict: met, penalty: "Art. 150(2)", reason: "deliberately wrong"}\n',
        ""), encoding="utf-8")
    out = _cli(capsys, "run", str(tmp_path / "one.yaml"), "--as-of", "2026-12-04")
    assert "\n1 scenario (suites: mine) x " in out
    assert "; 1 expected verdict checked: 1 does not hold.\n" in out
    out = _cli(capsys, "run", str(REPO / "cases"), "--as-of", "2026-12-04")
    assert " expected verdicts checked" in out and "1 expected verdict checked" not in out
