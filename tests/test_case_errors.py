"""Broken case files: field path and file:line:col, what was expected, did-you-mean; all errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawcheck.errors import LawcheckError
from lawcheck import load_suites

GOOD = """suite: demo
title: Demo
scenarios:
  - id: one
    title: A scenario
    facts:
      victim_age: 17
      acts: [transfer]
      means: [deception]
      purposes: [sexual_exploitation]
    expect:
      palermo: {verdict: met, reason: "Art. 3(a)"}
"""


def _errors(tmp_path: Path, statutes, text: str, name: str = "c.yaml"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    with pytest.raises(LawcheckError) as info:
        load_suites([f], statutes)
    return info.value.diagnostics


def test_good_file_loads(tmp_path, statutes):
    f = tmp_path / "c.yaml"
    f.write_text(GOOD, encoding="utf-8")
    [suite] = load_suites([f], statutes)
    assert suite.scenarios[0].facts.handover is True   # transfer is itself a handover


@pytest.mark.parametrize("old,new,message,suggestion,context,position", [
    ("purposes:", "purpose:", "unknown field 'purpose'", "did you mean 'purposes'?",
     "scenarios[0].facts.purpose", (10, 7)),
    ("[deception]", "[decepton]", "unknown means 'decepton'", "did you mean 'deception'?",
     "scenarios[0].facts.means[0]", (9, 15)),
])
def test_misspelling_with_suggestion(tmp_path, statutes, old, new, message, suggestion, context,
                                     position):
    [d] = _errors(tmp_path, statutes, GOOD.replace(old, new))
    assert d.message == message
    assert d.suggestion == suggestion
    assert d.context == context
    assert (d.span.line, d.span.column) == position


def test_wrong_type_and_bad_verdict_reported_together(tmp_path, statutes):
    text = GOOD.replace("victim_age: 17", "victim_age: seventeen").replace("verdict: met",
                                                                        "verdict: mett")
    diags = _errors(tmp_path, statutes, text)
    paths = [d.context for d in diags]
    assert "scenarios[0].expect.palermo.verdict" in paths
    assert any(p.startswith("scenarios[0].facts.victim_age") for p in paths)
    verdict = next(d for d in diags if d.context.endswith("verdict"))
    assert verdict.suggestion == "did you mean 'met'?"
    assert verdict.span.line == 12


def test_missing_field(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("    title: A scenario\n", ""))
    assert d.message == "missing field"
    assert d.context == "scenarios[0].title"


def test_unknown_instrument(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("palermo:", "palerno:"))
    assert d.message == "unknown instrument 'palerno'"
    assert d.suggestion == "did you mean 'palermo'?"
    assert d.span.line == 12


def test_contradictory_handover(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("      means:", "      handover: false\n      means:"))
    assert d.message == "handover is false, but transfer is itself a handover from one person to another"
    assert (d.span.line, d.context) == (9, "scenarios[0].facts.handover")


def test_duplicate_scenario_ids_across_files(tmp_path, statutes):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("suite: demo", "suite: demo2"), encoding="utf-8")
    with pytest.raises(LawcheckError) as info:
        load_suites([tmp_path], statutes)
    [d] = info.value.diagnostics
    assert d.message == "duplicate scenario id 'one'"
    assert d.span.file.endswith("b.yaml")


def test_duplicate_yaml_key(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("      acts: [transfer]\n",
                                                   "      acts: [transfer]\n      acts: [receipt]\n"))
    assert d.message == "duplicate key 'acts'"
    assert d.span.line == 9


def test_yaml_syntax_error(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("title: Demo", "title: [Demo"))
    assert d.message.startswith("invalid YAML")
    assert d.span.line >= 2


def test_bad_age_range(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("victim_age: 17", "victim_age: {min: 17, max: 15}"))
    assert "min is greater than max" in d.message


def test_every_scenario_is_checked_even_when_one_is_invalid(tmp_path, statutes):
    text = GOOD.replace("victim_age: 17", "victim_age: 17\n      border: abroad") + """  - id: two
    title: Another
    facts: {victim_age: 20, acts: [transfer], purposes: [sexual_exploitaton]}
"""
    diags = _errors(tmp_path, statutes, text)
    assert [d.context for d in diags] == ["scenarios[0].facts.border",
                                          "scenarios[1].facts.purposes[0]"]


def test_bad_date_is_an_input_error_not_a_crash(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("acts: [transfer]",
                                                   "acts: [transfer]\n      date: 2023-13-45"))
    assert d.message == "invalid date '2023-13-45'"
    assert d.span.line == 9


def test_yaml_words_are_not_booleans(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("verdict: met", "verdict: no"))
    assert d.message == "invalid value 'no'"
    assert "'not_met'" in d.expected


def test_misspelt_field_is_one_error(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("victim_age:", "victm_age:"))
    assert d.message == "unknown field 'victm_age'"
    assert d.suggestion == "did you mean 'victim_age'?"


@pytest.mark.parametrize("field,value", [("handover", '"yes"'), ("handover", "0"),
                                         ("victim_age", "true"), ("acts", "5")])
def test_strict_types(tmp_path, statutes, field, value):
    text = GOOD.replace("      means:", f"      {field}: {value}\n      means:") \
        if field == "handover" else GOOD.replace(
            {"victim_age": "victim_age: 17", "acts": "acts: [transfer]"}[field], f"{field}: {value}")
    diags = _errors(tmp_path, statutes, text)
    assert [d.context for d in diags] == [f"scenarios[0].facts.{field}"]


def test_unknown_handover_with_a_handover_act_is_a_handover(tmp_path, statutes):
    f = tmp_path / "c.yaml"
    f.write_text(GOOD.replace("acts: [transfer]", "acts: [transfer, recruitment]\n      handover: unknown"),
                 encoding="utf-8")
    [suite] = load_suites([f], statutes)
    assert suite.scenarios[0].facts.handover is True


def test_half_an_age_range_names_the_missing_end(tmp_path, statutes):
    [d] = _errors(tmp_path, statutes, GOOD.replace("victim_age: 17", "victim_age: {min: 3}"))
    assert (d.message, d.context) == ("missing field", "scenarios[0].facts.victim_age.max")


def test_files_with_a_byte_order_mark_load(tmp_path, statutes):
    f = tmp_path / "c.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert load_suites([f], statutes)[0].suite == "demo"


def test_unreadable_entry_is_an_input_error(tmp_path, statutes):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "x.yaml").mkdir()
    with pytest.raises(LawcheckError) as info:
        load_suites([folder], statutes)
    assert info.value.diagnostics[0].message == "not read: a folder, not a regular file"


def test_empty_folder(tmp_path, statutes):
    with pytest.raises(LawcheckError) as info:
        load_suites([tmp_path], statutes)
    [d] = info.value.diagnostics
    assert d.message == "no case files (*.yaml) found"
    assert d.span.file == str(tmp_path)


@pytest.mark.parametrize("old,new,message,context", [
    ("suite: demo", "Suite: demo", "unknown field 'Suite'", "Suite"),
    ("suite: demo", "suite: demo\n([: 1", "unknown field '(['", "(["),
    ("palermo:", "Palermo:", "unknown instrument 'Palermo'", "scenarios[0].expect.Palermo"),
])
def test_keys_that_look_like_pydantic_branch_names_are_still_named(tmp_path, statutes, old, new,
                                                                   message, context):
    """A key written with a capital or a bracket is the user's, not one of pydantic's names for
    the branches of a union: it is named, with its field path, and nothing crashes."""
    found = _errors(tmp_path, statutes, GOOD.replace(old, new))
    assert any(d.message == message and d.context == context for d in found), found


def test_every_error_in_one_round_in_a_readers_words(statutes):
    """A file with many kinds of mistake: all are reported at once (an invalid scenario's terms,
    instruments, handover flag and id are still checked), and no message speaks Python."""
    path = Path(__file__).parent / "fixtures" / "many-errors.yaml"
    with pytest.raises(LawcheckError) as info:
        load_suites([path], statutes)
    found = {(d.span.line, d.message) for d in info.value.diagnostics}
    for line, message in [
        (1, "invalid id 'Bad Suite'"), (7, "invalid value 200"),
        (8, "unknown act 'recruitmnt'"), (9, "unknown means 'decepton'"),
        (10, "wrong type: a list is needed here"), (11, "wrong type: a mapping is needed here"),
        (12, "unknown field 'organized'"), (14, "unknown instrument 'palermoo'"),
        (15, "invalid value 'maybe'"), (15, "the text is empty"),
        (16, "duplicate scenario id 'one'"), (20, "the list is empty"),
        (22, "invalid date '2019-02-30'"), (24, "missing field"), (25, "invalid value 'nope'"),
        (26, "invalid id 'Three'"),
        (27, "handover is false, but transfer is itself a handover from one person to another"),
    ]:
        assert (line, message) in found, (line, message, sorted(found))
    words = " ".join(f"{d.message} {d.expected or ''} {d.suggestion or ''}"
                     for d in info.value.diagnostics)
    for python in ("instance of", "tuple", "dictionary", "after validation", "Consent",
                   "Circumstances", "NoneType", "str ", "int "):
        assert python not in words, python


def test_a_field_left_empty_is_an_error_not_unknown(tmp_path, statutes):
    """`handover:` with nothing after it is YAML's null: never taken silently as 'unknown'."""
    found = _errors(tmp_path, statutes, GOOD.replace("      victim_age: 17\n",
                                                     "      victim_age: 17\n      handover:\n"))
    assert [(d.message, d.context) for d in found] == [
        ("'handover' has no value", "scenarios[0].facts.handover")]
    assert "unknown" in found[0].expected
