"""`--lang` on every command: read before the parser is built (so that the help is in that
language), before or after the command, else from LAWCHECK_LANG, else English; it reaches every
writer (run, explain, report, explore, coverage, check, history, list, the progress line, the
diagnostics, the saved case file, the pytest plugin); JSON keeps its codes in every language.

The tests do not depend on the real Vietnamese catalogue: they point the catalogue at a folder
holding a copy of the English one and a fixture "vi" (a few messages written here, the rest
falling back to English; or, to find words that miss the language, every message marked)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from lawcheck.cli import main
from lawcheck.views import catalogue

VI = '''msgid ""
msgstr ""
"Language: vi\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "verdict"
msgid "met"
msgstr "thỏa mãn"

msgctxt "verdict"
msgid "not_met"
msgstr "không thỏa mãn"

msgctxt "verdict"
msgid "uncertain"
msgstr "chưa xác định"

msgctxt "cli-argparse"
msgid "options"
msgstr "tùy chọn"

msgctxt "cli-help"
msgid "run-summary"
msgstr "đánh giá các tình huống theo mọi văn bản"

msgctxt "cli-help"
msgid "lang"
msgstr "ngôn ngữ: một trong {languages}; mặc định: {variable}, nếu không thì {default}"

msgctxt "diagnostic"
msgid "unknown-scenario"
msgstr "không có tình huống '{scenario}'"

msgctxt "diagnostic-frame"
msgid "found-one"
msgstr "Có {count} lỗi."

msgctxt "diagnostic-severity"
msgid "warning"
msgstr "cảnh báo"

msgctxt "list"
msgid "citation"
msgstr "trích dẫn: {citation}"

msgctxt "coverage"
msgid "untested"
msgstr "Chưa có tình huống nào cho thấy dấu hiệu này quyết định kết luận:"

msgctxt "explore-case"
msgid "suite-title"
msgstr "Các ví dụ tối thiểu về khác biệt"

msgctxt "cli"
msgid "wrote-report"
msgstr "đã ghi {path} ({bytes:,} byte)"

msgctxt "history"
msgid "intro"
msgstr "(kết luận của từng văn bản tại mỗi ngày pháp luật thay đổi)"

msgctxt "progress"
msgid "explored"
msgstr "số tổ hợp tình tiết đã xét"

msgctxt "pytest"
msgid "headline"
msgstr "{short}: dự kiến {expected}, lawcheck kết luận {actual}"
'''

MARK = "⟪"          # every message of the marked "vi" starts with it
ENGLISH = "⟦"       # ... and every message of the marked English


def _locale(tmp_path: Path, monkeypatch, vi: str, en: str | None = None) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(catalogue.LOCALE / "en", locale / "en")
    if en is not None:
        (locale / "en" / "LC_MESSAGES" / "lawcheck.po").write_text(en, encoding="utf-8")
    (locale / "vi" / "LC_MESSAGES").mkdir(parents=True)
    (locale / "vi" / "LC_MESSAGES" / "lawcheck.po").write_text(vi, encoding="utf-8")
    monkeypatch.setattr(catalogue, "LOCALE", locale)
    monkeypatch.delenv("LAWCHECK_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "100000")        # a line is never wrapped


@pytest.fixture
def vi(tmp_path, monkeypatch):
    """A fixture "vi" with the few messages above (the rest falls back to English)."""
    _locale(tmp_path, monkeypatch, VI)
    catalogue._messages.cache_clear()
    yield "vi"
    catalogue._messages.cache_clear()


def _marked(opening: str, closing: str, tmp_path: Path) -> str:
    """The English catalogue with every message marked."""
    from babel.messages.pofile import read_po, write_po
    with open(catalogue.LOCALE / "en" / "LC_MESSAGES" / "lawcheck.po", "rb") as f:
        po = read_po(f, locale="en")
    for m in po:
        if m.id:
            m.string = opening + (m.string or m.id) + closing
    out = tmp_path / f"{ord(opening)}.po"
    with open(out, "wb") as f:
        write_po(f, po, width=0)
    return out.read_text(encoding="utf-8")


@pytest.fixture
def marked_vi(tmp_path, monkeypatch):
    """A fixture "vi" whose every message is the English one marked ⟪...⟫, and English whose
    every message is marked ⟦...⟧: a ⟦ in the output of --lang vi is a message that missed
    the language (even inside another message), a line with no ⟪ a line that did."""
    _locale(tmp_path, monkeypatch, _marked(MARK, "⟫", tmp_path),
            _marked(ENGLISH, "⟧", tmp_path))
    catalogue._messages.cache_clear()
    yield "vi"
    catalogue._messages.cache_clear()


def _cli(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:           # --help, or argparse refusing an argument
        code = exc.code
    got = capsys.readouterr()
    return code, got.out, got.err


CASES = str(REPO / "cases")
SCENARIO = "age-17-handed-over-no-means"


_TITLE = "A 17-year-old recruited without any means"
_BROKEN = f"""\
suite: mine
title: "Mine"
scenarios:
  - id: girl-17-recruited-without-means
    title: "{_TITLE}"
    facts: {{victim_age: 17, acts: [recruitment], purposes: [sexual_exploitation]}}
    expect:
      palermo: {{verdict: not_met, reason: "deliberately wrong"}}
"""
_PENALTY = """\
  - id: woman-deceived-and-handed-over
    title: "A woman deceived and handed over for sexual exploitation"
    facts: {victim_age: 25, acts: [transfer], means: [deception],
            purposes: [sexual_exploitation], handover: true}
    expect:
      vn-cc-150: {verdict: met, penalty: "Art. 150(3)", reason: "deliberately wrong"}
"""


# ---- the words of every command ------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (("run", CASES, "--as-of", "2026-12-04"), "✓ thỏa mãn"),
    (("explain", SCENARIO, "--instrument", "palermo"), "✓ THỎA MÃN"),
    (("explore", "--between", "palermo", "vn-cc-150", "--as-of", "2026-12-04"),
     "palermo thỏa mãn, vn-cc-150 không thỏa mãn"),
    (("coverage", CASES, "--as-of", "2026-12-04"),
     "Chưa có tình huống nào cho thấy dấu hiệu này quyết định kết luận:"),
    (("check",), ": cảnh báo: LC0"),
    (("history", SCENARIO), "(kết luận của từng văn bản tại mỗi ngày pháp luật thay đổi)"),
    (("list",), "\n  trích dẫn: "),
    (("explain", "no-such-scenario"), "không có tình huống 'no-such-scenario'"),
])
def test_the_language_reaches_each_commands_words(vi, capsys, args, words):
    english = "".join(_cli(capsys, *args)[1:])
    assert words not in english
    code, out, err = _cli(capsys, *args, "--lang", vi)
    assert words in out + err
    assert code == _cli(capsys, *args)[0]               # the language changes no outcome


def test_the_report_and_its_summary_are_in_the_language(vi, capsys, tmp_path):
    page = tmp_path / "r.html"
    code, out, _ = _cli(capsys, "report", CASES, "-o", str(page), "--lang", vi)
    assert code == 0 and out.startswith(f"đã ghi {page} (")
    text = page.read_text(encoding="utf-8")
    assert '<html lang="vi"' in text and "thỏa mãn" in text
    _cli(capsys, "report", CASES, "-o", str(page))
    assert '<html lang="en"' in page.read_text(encoding="utf-8")


def test_a_saved_case_file_has_its_titles_in_the_language_and_the_same_ids(vi, capsys,
                                                                          tmp_path):
    import yaml
    docs = {}
    for lang in ("en", vi):
        path = tmp_path / f"{lang}.yaml"
        _cli(capsys, "explore", "--between", "palermo", "vn-cc-150", "--save", str(path),
             "--lang", lang)
        docs[lang] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert docs[vi]["title"] == "Các ví dụ tối thiểu về khác biệt" != docs["en"]["title"]
    assert [s["id"] for s in docs[vi]["scenarios"]] == [s["id"] for s in docs["en"]["scenarios"]]
    assert [s["facts"] for s in docs[vi]["scenarios"]] == \
        [s["facts"] for s in docs["en"]["scenarios"]]


def test_the_progress_line_speaks_the_commands_language(vi):
    import io

    from lawcheck.errors import Said
    from lawcheck.views import progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    for lang, words in (("en", "fact patterns explored"), (vi, "số tổ hợp tình tiết đã xét")):
        token = catalogue.LANGUAGE.set(lang)         # as the command line sets it
        try:
            stream = Terminal()
            p = progress.Progress(Said("progress", "explored"), 10, stream)
            p.start = p.last = -100.0                # long running: the next step shows it
            p.step()
        finally:
            catalogue.LANGUAGE.reset(token)
        assert stream.getvalue() == f"\rlawcheck: {words}: 1 of 10 ..."


# ---- where --lang is read ------------------------------------------------------------------

def test_lang_before_or_after_the_command_or_from_the_environment(vi, capsys, monkeypatch):
    args = ("run", CASES, "--as-of", "2026-12-04")
    english = _cli(capsys, *args)[1]
    assert "thỏa mãn" not in english
    before = _cli(capsys, "--lang", vi, *args)[1]
    after = _cli(capsys, *args, "--lang", vi)
    equals = _cli(capsys, *args, f"--lang={vi}")[1]
    assert "✓ thỏa mãn" in before and after[1] == before == equals and after[0] == 0
    monkeypatch.setenv("LAWCHECK_LANG", vi)
    assert _cli(capsys, *args)[1] == before
    assert _cli(capsys, *args, "--lang", "en")[1] == english     # the option wins
    assert _cli(capsys, "--lang", "en", *args)[1] == english


@pytest.mark.parametrize("args", [("--lang", "vi", "run", "--help"),
                                  ("run", "--help", "--lang", "vi"),
                                  ("run", "--lang", "vi", "--help")])
def test_the_help_is_in_the_language(vi, capsys, args):
    code, out, _ = _cli(capsys, *args)
    assert code == 0
    assert "\ntùy chọn:\n" in out and "\noptions:\n" not in out
    assert "  --lang LANG " in out and "ngôn ngữ: một trong en, vi; mặc định: LAWCHECK_LANG" in out
    english = _cli(capsys, "run", "--help")[1]
    assert "\noptions:\n" in english and "tùy chọn" not in english


def test_the_commands_list_is_in_the_language(vi, capsys, monkeypatch):
    assert "đánh giá các tình huống theo mọi văn bản" in _cli(capsys, "--lang", vi, "--help")[1]
    monkeypatch.setenv("LAWCHECK_LANG", vi)
    assert "đánh giá các tình huống theo mọi văn bản" in _cli(capsys, "--help")[1]
    assert "đánh giá" not in _cli(capsys, "--help", "--lang", "en")[1]


def test_the_languages_are_those_with_a_catalogue(vi, capsys):
    assert catalogue.languages() == ("en", "vi")
    xx = catalogue.LOCALE / "xx" / "LC_MESSAGES"
    xx.mkdir(parents=True)
    code, _, err = _cli(capsys, "list", "--lang", "xx")
    assert code == 2 and "one of: en, vi" in err                 # a folder is not a catalogue
    (xx / "lawcheck.po").write_text(VI.replace("Language: vi", "Language: xx"), encoding="utf-8")
    assert catalogue.languages() == ("en", "vi", "xx")
    assert _cli(capsys, "list", "--lang", "xx")[0] == 0


@pytest.mark.parametrize("args, env, message, hint", [
    (("--lang", "fr", "run"), None, "unknown language 'fr'", None),
    (("run", "--lang", "vie"), None, "unknown language 'vie'", "did you mean 'vi'?"),
    (("list", "--lang", "vi_VN.UTF-8"), None, "unknown language 'vi_VN.UTF-8'",
     "did you mean 'vi'?"),
    (("run",), "VI", "unknown language 'VI' in the environment variable LAWCHECK_LANG",
     "did you mean 'vi'?"),
    (("run", "--help"), "de", "unknown language 'de' in the environment variable LAWCHECK_LANG",
     None),
])
def test_an_unknown_language_is_invalid_input(vi, capsys, monkeypatch, args, env, message,
                                              hint):
    if env:
        monkeypatch.setenv("LAWCHECK_LANG", env)
    code, out, err = _cli(capsys, *args)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"<command line>: error: {message}"
    assert "  expected: one of: en, vi" in lines
    assert (f"  hint: {hint}" in lines) if hint else not any("hint:" in x for x in lines)
    assert lines[-1] == "1 error found."


def test_an_unknown_language_exits_2_without_a_traceback(cli, tmp_path):
    p = cli("run", "--lang", "klingon", cwd=tmp_path)
    assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr
    assert p.stderr.startswith("<command line>: error: unknown language 'klingon'")
    assert f"one of: {', '.join(catalogue.languages())}" in p.stderr
    p = cli("run", "--lang", cwd=tmp_path)                       # no value: argparse's words
    assert p.returncode == 2 and "--lang: expected one argument" in p.stderr
    assert "Traceback" not in p.stderr


def test_a_bad_language_variable_is_overridden_by_the_option(vi, capsys, monkeypatch):
    monkeypatch.setenv("LAWCHECK_LANG", "zz")
    assert _cli(capsys, "list", "--lang", "en")[0] == 0
    code, _, err = _cli(capsys, "list", "--lang", "fr")
    assert code == 2 and "unknown language 'fr'" in err and "zz" not in err


def test_an_error_about_the_language_is_in_the_variables_language(vi, capsys, monkeypatch):
    monkeypatch.setenv("LAWCHECK_LANG", vi)
    code, _, err = _cli(capsys, "list", "--lang", "fr")
    assert code == 2 and err.endswith("Có 1 lỗi.\n")


# ---- every line in the language ------------------------------------------------------------

def _english_lines(out: str, data=()) -> list[str]:
    """Lines with words that are not the marked language's: not a message, not data (`data`:
    whole lines; a rule of - or =; a source line and its caret, indented four spaces)."""
    return [line for line in out.splitlines()
            if line.strip() and MARK not in line and line.strip() not in data
            and not set(line.strip()) <= {"-", "="} and not line.startswith("    ")]


def test_every_line_of_every_command_is_in_the_language(marked_vi, capsys, suites, tmp_path):
    titles = {sc.title for s in suites for sc in s.scenarios} | {
        "Mine", _TITLE, "A woman deceived and handed over for sexual exploitation"}
    mine, saved = tmp_path / "mine.yaml", tmp_path / "saved.yaml"
    mine.write_text(_BROKEN + _PENALTY, encoding="utf-8")
    runs = [("run", CASES, "--as-of", "2026-12-04"), ("run", CASES, "--all"), ("run", str(mine)),
            ("explain", "girl-17-recruited-without-means", str(mine)),
            ("explain", "girl-deceived-and-sold-abroad-may-2009", "--as-of", "2010-01-01"),
            ("explore", "--between", "palermo", "vn-cc-150", "--save", str(saved)),
            ("explain", SCENARIO), ("explain", "adult-sold-for-money-victims-unknown", "--brief"),
            ("history", SCENARIO), ("list",), ("list", "--paths"), ("check",),
            ("check", "--list-checks"), ("coverage", CASES, "--as-of", "2026-12-04"),
            ("explore", "--as-of", "2026-12-04"), ("explain", "nope"),
            ("explore", "--between", "palermo", "palermo")]
    for args in runs:
        code, out, err = _cli(capsys, *args, "--lang", marked_vi)
        assert MARK in out + err and ENGLISH not in out + err, args
        # a table row starts with its marks and the scenario's id
        rows = re.compile(r"^(⟪.⟫|\s)(⟪.⟫|\s) \S+\s+⟪")
        left = [x for x in _english_lines(out + err, titles) if not rows.match(x)]
        if args[0] == "check" and "--list-checks" in args:     # code, name, then the words
            left = [x for x in left if not re.match(r"LC\d{3}  \S+ +⟪", x)]
        assert left == [], (args, left[:5])
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# " + MARK) and ENGLISH not in text
    # the conformity summary and the CSV (their titles are the statute files')
    for args in (("summary",), ("summary", "--format", "csv"), ("summary", "--format", "json"),
                 ("run", CASES, "--format", "csv")):
        code, out, err = _cli(capsys, *args, "--lang", marked_vi)
        assert code == 0 and MARK in out and ENGLISH not in out + err, args


def test_a_failed_expectations_place_is_in_the_language(marked_vi, statutes, tmp_path):
    """A place in a bundled file reads "cases/age.yaml:3:5 (bundled)": in the language too."""
    from lawcheck import load_suites
    from lawcheck.engine.run import Tally, evaluate_scenario
    from lawcheck.errors import Span
    from lawcheck.views.text import summary_of
    from lawcheck.views.wording import Wording
    mine = tmp_path / "mine.yaml"
    mine.write_text(_BROKEN + _PENALTY, encoding="utf-8")
    suites = load_suites([mine], statutes)
    tally = Tally()
    for sc in suites[0].scenarios:
        tally.add(evaluate_scenario(sc, statutes, None))
    bundled = Span("cases/age.yaml", 3, 5)
    tally.mismatches[:] = [(sid, bundled, x) for sid, _, x in tally.mismatches]
    assert {x.on for _, _, x in tally.mismatches} == {"verdict", "penalty"}
    text = summary_of(tally, suites, Wording.of(statutes, marked_vi))
    assert f"{MARK}cases/age.yaml:3:5 (bundled)⟫" in text and ENGLISH not in text


# ---- JSON: codes in every language, words in the one asked for -----------------------------

# keys whose values are words (they follow --lang); every other value is a code or data
WORDED = {"name", "fact", "requirement", "subject", "detail", "text", "sentence", "grounds",
          "possible", "explanation", "describe", "summary", "element", "message", "where",
          "confidence_label"}


def _compare(en, vi, path="", worded=False) -> list[str]:
    """The paths where the two documents differ; fails where a code or the shape differs."""
    if isinstance(en, dict):
        assert isinstance(vi, dict) and list(en) == list(vi), path
        return [d for k in en for d in _compare(en[k], vi[k], f"{path}.{k}", k in WORDED)]
    if isinstance(en, list):
        assert isinstance(vi, list) and len(en) == len(vi), path
        return [d for i, (a, b) in enumerate(zip(en, vi))
                for d in _compare(a, b, f"{path}[{i}]", worded)]
    if en == vi:
        return []
    assert worded, f"{path}: {en!r} != {vi!r} (a code changed with the language)"
    # a worded field in the catalogue's words, or in the statute files' own Vietnamese (a
    # vocabulary label, a title: data, not the catalogue's)
    assert isinstance(vi, str) and isinstance(en, str), path
    return [path]


def _docs(text: str, jsonl: bool) -> list:
    return [json.loads(x) for x in text.splitlines()] if jsonl else [json.loads(text)]


@pytest.mark.parametrize("args, named", [
    (("run", CASES, "--format", "json", "--as-of", "2026-12-04"), True),
    (("run", CASES, "--format", "json", "--trace"), True),
    (("run", CASES, "--format", "jsonl", "--as-of", "2015-06-01"), True),
    (("explain", "adult-sold-for-money-victims-unknown", "--format", "json"), False),
    (("explore", "--format", "json", "--as-of", "2026-12-04"), True),
    (("coverage", CASES, "--format", "json", "--as-of", "2026-12-04"), True),
    (("history", SCENARIO, "--format", "json"), True),
    (("list", "--format", "json"), True),
    (("check", "--format", "json"), True),
])
def test_json_keeps_its_codes_in_every_language(marked_vi, capsys, args, named):
    jsonl = "jsonl" in args
    code_en, en, _ = _cli(capsys, *args)
    code_vi, vi, _ = _cli(capsys, *args, "--lang", marked_vi)
    assert code_en == code_vi
    assert ENGLISH not in vi and MARK in vi       # every worded field in the language asked for
    en_docs, vi_docs = _docs(en, jsonl), _docs(vi, jsonl)
    head_en, head_vi = en_docs[0], vi_docs[0]
    if named:                                   # the document names its language, at the top
        assert head_en.pop("lang") == "en" and head_vi.pop("lang") == "vi"
        assert head_en.get("lawcheck_version") is not None
    else:                                       # a SCENARIO object, as the run gives it
        assert "lang" not in head_en and "lang" not in head_vi
    differ = [d for a, b in zip(en_docs, vi_docs) for d in _compare(a, b)]
    assert differ                               # the words did follow the language


def test_json_in_english_is_what_it_was_but_for_its_language(capsys):
    """The "lang" field is the only change to an English document: next to the version."""
    out = _cli(capsys, "run", CASES, "--format", "json", "--as-of", "2026-12-04")[1]
    assert out.startswith('{\n  "lawcheck_version": "') and \
        '",\n  "schema_version": 2,\n  "lang": "en",\n  "statutes": {' in out
    first = _cli(capsys, "run", CASES, "--format", "jsonl", "--lang", "en")[1].splitlines()[0]
    assert re.match(r'\{"type": "run", "lawcheck_version": "[^"]+", "schema_version": 2, '
                    r'"lang": "en", "statutes": \{', first)


# ---- under pytest ----------------------------------------------------------------------------



def _pytest(pytester, *args):
    pytester.makefile(".yaml", mine=_BROKEN)
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:xdist",
                                        "-p", "no:hypothesispytest", "mine.yaml", *args)


def test_the_pytest_plugin_speaks_the_language(vi, pytester, monkeypatch):
    headline = "Art. 3: dự kiến không thỏa mãn, lawcheck kết luận thỏa mãn"
    english = _pytest(pytester).stdout.str()
    assert "Art. 3: not met was expected, lawcheck says met" in english
    assert headline not in english
    assert headline in _pytest(pytester, "--lawcheck-lang", vi).stdout.str()
    monkeypatch.setenv("LAWCHECK_LANG", vi)
    assert headline in _pytest(pytester).stdout.str()


def test_the_pytest_plugin_refuses_an_unknown_language(vi, pytester):
    result = _pytest(pytester, "--lawcheck-lang", "fr")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    err = result.stderr.str()
    assert "unknown language 'fr'" in err and "one of: en, vi" in err
