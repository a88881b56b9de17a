"""lawcheck's pytest plugin: case files as test items (`pytest cases/`), one per scenario and
instrument, failures in a lawyer's words, invalid files as collection errors."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import REPO

ARGS = ("-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:hypothesispytest")


def _run(pytester, *args):
    return pytester.runpytest_inprocess(*ARGS, *args)


def _expected_items(suites):
    """What the plugin should collect, derived from the case files: for a scenario without a
    date, each expectation as written and from each of its changes' dates; with a date, once."""
    items = set()
    for suite in suites:
        for sc in suite.scenarios:
            for inst, exp in sc.expect.items():
                items.add(f"{sc.id}::{inst}")
                if sc.facts.date is None:
                    items.update(f"{sc.id}::{inst}[{c.since.isoformat()}]" for c in exp.changes)
    return items


def test_bundled_cases_are_items_and_hold(pytester, suites):
    shutil.copytree(REPO / "cases", pytester.path / "cases")   # (outside this repo's pytest set-up)
    result = _run(pytester, "cases", "-q", "-rs", "--co")
    ids = {line.split(".yaml::", 1)[1] for line in result.outlines if ".yaml::" in line}
    assert ids == _expected_items(suites)
    result = _run(pytester, "cases", "-q", "-rs")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == 0 and outcomes.get("error", 0) == 0, result.stdout.str()
    # without --as-of, every expectation is checked: nothing is skipped
    assert outcomes.get("skipped", 0) == 0
    assert outcomes["passed"] == len(_expected_items(suites))

_WRONG = """\
suite: mine
title: "My suite"
scenarios:
  - id: girl-17-recruited-without-means
    title: "A 17-year-old recruited for sexual exploitation without any means"
    facts: {victim_age: 17, acts: [recruitment], purposes: [sexual_exploitation]}
    expect:
      palermo: {verdict: met, reason: "Art. 3(c)-(d): a child needs no means"}
      vn-cc-150: {verdict: met, reason: "deliberately wrong: no means and no handover"}
"""


def test_a_wrong_expectation_fails_in_a_lawyers_words(pytester):
    pytester.makefile(".yaml", mine=_WRONG)
    result = _run(pytester, "mine.yaml")
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "Traceback" not in out and "def runtest" not in out and "raise " not in out
    result.stdout.fnmatch_lines([
        "*girl-17-recruited-without-means under vn-cc-150*",
        "Art. 150: met was expected, lawcheck says not met",
        "scenario girl-17-recruited-without-means (mine.yaml:4:5): A 17-year-old recruited*",
        "  expected: met",
        "    because: deliberately wrong: no means and no handover",
        "  lawcheck:  not met",
        "    Art. 150(1)*, the nearest to being met, is not met:",
        "    ✗ means ?Art. 150(1)*: means: none",
    ])
    assert "FAILED mine.yaml::girl-17-recruited-without-means::vn-cc-150" in out


def test_an_invalid_case_file_is_a_collection_error_with_its_place(pytester):
    pytester.makefile(".yaml", bad=_WRONG.replace("[recruitment]", "[recruitmnt]")
                      .replace("palermo:", "palermoo:"))
    result = _run(pytester, "bad.yaml")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    out = result.stdout.str()
    result.stdout.fnmatch_lines(["*ERROR collecting bad.yaml*",
                                 "bad.yaml:6:*: error: unknown act 'recruitmnt'",
                                 "*did you mean 'recruitment'?*",
                                 "bad.yaml:8:7: error: unknown instrument 'palermoo'",
                                 "2 errors found."])
    assert "Traceback" not in out


def test_other_yaml_files_are_left_alone(pytester):
    pytester.makefile(".yaml", workflow="name: CI\non: [push]\njobs: {}\n")
    pytester.makefile(".yml", compose="services:\n  web: {image: nginx}\n")
    pytester.makefile(".yml", load="config: {target: x}\nscenarios:\n  - flow: []\n")  # Artillery
    result = _run(pytester, ".")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_as_of_checks_the_law_of_that_date(pytester):
    """With --as-of, the expectation that applies on the date is checked, and instruments not in
    force then are skipped with the reason."""
    pytester.makefile(".yaml", mine=_WRONG.replace("deliberately wrong: no means and no handover",
                                                    "wrong").replace("vn-cc-150: {verdict: met",
                                                                     "vn-pc-1999-119: {verdict: met"))
    result = _run(pytester, "mine.yaml", "--as-of", "2026-01-01", "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*girl-17-recruited-without-means: PC 1999 Art. 119 is not in "
                                 "force on 2026-01-01 (in force *)"])
    result = _run(pytester, "mine.yaml", "--as-of", "2015-06-01")
    result.assert_outcomes(passed=1, failed=1)   # Palermo met; Art. 119 (2015): not met
    assert "the law in force on 2015-06-01" in result.stdout.str()
    result = _run(pytester, "mine.yaml", "--as-of", "2015-13-01")
    assert "--as-of: invalid date '2015-13-01'" in result.stderr.str()


def test_statutes_option_reads_another_statute_set(pytester):
    """An amended copy of the statutes (Art. 151's child line at 18) is what the items check."""
    folder = pytester.path / "amended"
    shutil.copytree(REPO / "statutes", folder)
    code = folder / "vn-cc-2015.law"
    code.write_text(code.read_text(encoding="utf-8").replace(
        'victim age < 16 "Art. 151(1)"', 'victim age < 18 "Art. 151(1)"'), encoding="utf-8")
    age = REPO / "cases" / "age.yaml"
    shutil.copy(age, pytester.path / "age.yaml")
    assert _run(pytester, "age.yaml").ret == pytest.ExitCode.OK
    result = _run(pytester, "age.yaml", "--statutes", str(folder))
    out = result.stdout.str()
    assert re.search(r"FAILED age\.yaml::age-17-handed-over-no-means::vn-cc-151", out)
    assert "Art. 151: not met was expected, lawcheck says met" in out


def test_unreadable_statutes_are_reported_once(pytester):
    pytester.makefile(".yaml", one=_WRONG, two=_WRONG.replace("suite: mine", "suite: mine2")
                      .replace("girl-17", "boy-17"))
    result = _run(pytester, ".", "--statutes", str(pytester.path / "missing"))
    out = result.stdout.str()
    assert out.count("missing") >= 1
    assert "not evaluated: the statute files could not be read" in out
    assert "Traceback" not in out
