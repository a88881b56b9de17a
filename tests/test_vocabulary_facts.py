"""The border values, circumstances and aggravating circumstances are the vocabulary's: a statute
set for another jurisdiction declares its own, case files state them and penalty clauses name
them, and a name the vocabulary does not declare is an error with a did-you-mean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lawcheck
from lawcheck import evaluate_scenario, load_statutes, load_suites
from lawcheck.errors import LawcheckError
from lawcheck.statute.render import render

VOCABULARY = '''vocabulary {
  act transfer "handing the person over" handover
  act recruitment "recruitment"
  means force "force"
  purpose forced_labour "forced labour"
  border out_of_ruritania   "taken out of Ruritania"      crosses
  border through_ruritania  "moved through Ruritania"     crosses
  border at_home            "kept within Ruritania"       default
  circumstance armed        "armed"
  circumstance body-harmed  "body harmed"
  circumstance children     "children"  number 0 to 50 unit " in all" default 0 "no children"
  aggravation armed         "committed while armed"       reads armed
  aggravation harm          "the victim's body harmed"    reads body-harmed
  aggravation many_children "number of children"         reads children
  aggravation transit       "in order to move the victim through Ruritania"
}
'''

CODE = '''instrument ru-code {
  title "Ruritanian Code, Art. 9" short "Art. 9" kind "criminal code" jurisdiction "Ruritania"
  citation "Art. 9" source "test" in_force 2000-01-01 .. confidence verbatim
  provision art9 "Art. 9" {
    limb a "Art. 9(1)" {
      act "Art. 9(1)" { transfer en "hands over" recruitment en "recruits" }
      means "Art. 9(1)" { force en "by force" }
      purpose "Art. 9(1)" { forced_labour en "for forced labour" }
    }
    scope transnational "Art. 2" en "crossing a border"
    penalty "Art. 9(1)" prison 2 to 7 years
    penalty "Art. 9(2)" prison 7 to 12 years {
      armed               "Art. 9(2)(a)" en "armed"
      many_children 2 to 5 "Art. 9(2)(b)" en "two to five children"
      transit             "Art. 9(2)(c)" en "through Ruritania" also border through_ruritania
    }
    penalty "Art. 9(3)" prison 12 to 20 years {
      harm                "Art. 9(3)(a)" en "bodily harm"
      many_children 6 or more "Art. 9(3)(b)" en "six or more children"
    }
  }
}
'''

CASES = '''suite: ruritania
title: Ruritania
scenarios:
  - id: through
    title: Forced labour, moved through Ruritania by armed men, three children
    facts:
      victim_age: 30
      acts: [transfer]
      means: [force]
      purposes: [forced_labour]
      border: through_ruritania
      circumstances: {armed: true, children: 3}
    expect:
      ru-code: {verdict: met, penalty: "Art. 9(2)", reason: "Art. 9(2)(a)-(c)"}
  - id: harmed
    title: Forced labour at home, the victim's body harmed
    facts:
      victim_age: 30
      acts: [recruitment]
      means: [force]
      purposes: [forced_labour]
      circumstances: {body-harmed: true, children: unknown}
    expect:
      ru-code: {verdict: met, penalty: "Art. 9(3)", reason: "Art. 9(3)(a)"}
  - id: plain
    title: Forced labour at home, nothing more
    facts: {victim_age: 30, acts: [recruitment], means: [force], purposes: [forced_labour]}
    expect:
      ru-code: {verdict: met, penalty: "Art. 9(1)", reason: "Art. 9(1)"}
'''


def _statutes(tmp_path: Path, vocabulary: str = VOCABULARY, code: str = CODE) -> Path:
    folder = tmp_path / "ruritania"
    folder.mkdir()
    (folder / "vocabulary.law").write_text(vocabulary, encoding="utf-8")
    (folder / "ru.law").write_text(code, encoding="utf-8")
    return folder


def _case(tmp_path: Path, text: str = CASES) -> Path:
    f = tmp_path / "ruritania.yaml"
    f.write_text(text, encoding="utf-8")
    return f


def _errors(call) -> list:
    with pytest.raises(LawcheckError) as info:
        call()
    return info.value.diagnostics


def test_another_vocabulary_is_usable_end_to_end(tmp_path, cli):
    folder, cases = _statutes(tmp_path), _case(tmp_path)
    p = cli("run", str(cases), "--statutes", str(folder), "--format", "json", "--trace",
            "--as-of", "2020-01-01", cwd=tmp_path)
    assert p.returncode == 0, p.stderr           # every expected verdict and bracket holds
    doc = json.loads(p.stdout)
    through, harmed, plain = doc["scenarios"]
    assert through["facts"]["border"] == "through_ruritania"
    assert through["facts"]["circumstances"] == {"armed": True, "body-harmed": False,
                                                 "children": 3}
    assert plain["facts"]["border"] == "at_home"                 # the declared default
    assert plain["facts"]["circumstances"] == {"armed": False, "body-harmed": False,
                                               "children": 0}
    grounds = through["results"]["ru-code"]["penalty"]["grounds"]
    assert grounds == ["committed while armed (Art. 9(2)(a))",
                       "number of children 2 to 5 (Art. 9(2)(b))",
                       "in order to move the victim through Ruritania (Art. 9(2)(c))"]
    # the body harmed (an aliased name: not a Python attribute) puts it in Art. 9(3)
    assert harmed["results"]["ru-code"]["penalty"]["clause"] == "Art. 9(3)"
    notes = {n["rule"]: n["text"] for n in through["results"]["ru-code"]["notes"]}
    assert "transnational: yes" in notes["scope"]                # the value `crosses`
    notes = {n["rule"]: n["text"] for n in plain["results"]["ru-code"]["notes"]}
    assert "transnational: no" in notes["scope"]

    def explained(sid):
        p = cli("explain", sid, str(cases), "--statutes", str(folder), cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        return " ".join(p.stdout.split())           # (lines wrapped to the terminal's width)
    text = explained("through")
    assert "border: moved through Ruritania;" in text
    assert "(they change only the penalty): armed: yes; children: 3 in all " in text
    text = explained("plain")
    assert "border: kept within Ruritania;" in text
    assert "(they change only the penalty): none stated (no children) " in text


def test_another_vocabulary_round_trips_and_reads_its_own_facts(tmp_path):
    statutes = load_statutes(_statutes(tmp_path))
    again = tmp_path / "again"
    again.mkdir()
    (again / "all.law").write_text(render(statutes), encoding="utf-8")
    def plain(x):
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items() if k != "span"}
        return [plain(v) for v in x] if isinstance(x, (list, tuple)) else x
    assert plain(load_statutes(again).vocabulary.model_dump()) == \
        plain(statutes.vocabulary.model_dump())
    [suite] = load_suites([_case(tmp_path)], statutes)
    harmed = suite.scenarios[1]
    assert harmed.facts.circumstances.get("body-harmed") is True
    assert harmed.facts.circumstances.get("children") == "unknown"
    r = evaluate_scenario(harmed, statutes).results["ru-code"].penalty
    assert (r.clause, r.possible) == ("Art. 9(3)", ())   # nothing higher than Art. 9(3)


@pytest.mark.parametrize("written,message,expected,suggestion", [
    ("border: out_of_viet_nam", "invalid value 'out_of_viet_nam'",
     "'out_of_ruritania', 'through_ruritania', 'at_home' or 'unknown'",
     "did you mean 'out_of_ruritania'?"),
    ("border: through_ruritana", "invalid value 'through_ruritana'",
     "'out_of_ruritania', 'through_ruritania', 'at_home' or 'unknown'",
     "did you mean 'through_ruritania'?"),
    ("circumstances: {armd: true}", "unknown field 'armd'", None, "did you mean 'armed'?"),
    ("circumstances: {organised: true}", "unknown field 'organised'", None, None),
    ("circumstances: {body_harmed: true}", "unknown field 'body_harmed'", None,
     "did you mean 'body-harmed'?"),
    ("circumstances: {children: 51}", "invalid value 51",
     "a whole number from 0 to 50 (children,  in all), or unknown", None),
    ("circumstances: {armed: yes}", "invalid value 'yes'", "true, false or unknown",
     'write true, false or unknown (yes, no, 1 and "true" are not booleans here)'),
])
def test_a_case_file_states_only_what_the_vocabulary_declares(tmp_path, written, message,
                                                              expected, suggestion):
    statutes = load_statutes(_statutes(tmp_path))
    text = CASES.replace("      border: through_ruritania\n"
                         "      circumstances: {armed: true, children: 3}", f"      {written}")
    [d] = _errors(lambda: load_suites([_case(tmp_path, text)], statutes))
    field = written.split(":")[0]
    key = written.split("{")[1].split(":")[0] if "{" in written else None
    assert d.context == "scenarios[0].facts." + field + (f".{key}" if key else "")
    assert (d.message, d.expected, d.suggestion) == (message, expected, suggestion)
    assert (d.span.file.endswith("ruritania.yaml"), d.span.line) == (True, 11)


@pytest.mark.parametrize("old,new,message,suggestion", [
    ("      armed               \"Art. 9(2)(a)\"", "      armd                \"Art. 9(2)(a)\"",
     "unknown aggravating circumstance 'armd'", "did you mean 'armed'?"),
    ("also border through_ruritania", "also border through_ruritana",
     "unknown border term 'through_ruritana'", "did you mean 'through_ruritania'?"),
    ("also border through_ruritania", "", "'transit' is shown only by the facts the statute "
     "file names", None),
    ("many_children 2 to 5", "many_children", "'many_children' needs a band, e.g. `2 to 5` or "
     "`6 or more`", None),
    ("      armed               \"Art. 9(2)(a)\"", "      taken_abroad        \"Art. 9(2)(a)\"",
     "unknown aggravating circumstance 'taken_abroad'", None),
])
def test_a_penalty_clause_names_only_what_the_vocabulary_declares(tmp_path, old, new, message,
                                                                  suggestion):
    assert old in CODE
    [d] = _errors(lambda: load_statutes(_statutes(tmp_path, code=CODE.replace(old, new))))
    assert (d.message, d.suggestion) == (message, suggestion)
    assert d.span.file.endswith("ru.law") and "provision 'art9'" in d.context
    if message.startswith("unknown aggravating"):
        assert d.expected == "one of: armed, harm, many_children, transit"


@pytest.mark.parametrize("old,new,message,suggestion", [
    ("reads body-harmed", "reads body-harm", "unknown circumstance 'body-harm'",
     "did you mean 'body-harmed'?"),
    ('"kept within Ruritania"       default', '"kept within Ruritania"',
     "no default border value in the vocabulary", "copy the border values of the bundled "
     "vocabulary.law"),
    ('"moved through Ruritania"     crosses', '"moved through Ruritania"     default',
     "a second default border value 'at_home'", None),
    ("border at_home ", "border unknown ", "'unknown' cannot be declared as a border value", None),
    ("circumstance armed        \"armed\"", "circumstance children \"armed\"",
     "duplicate circumstance 'children'", None),
    ("number 0 to 50", "number 50 to 0", "number 50 to 0: the range is reversed", None),
    ("default 0 \"no children\"", "default 60 \"no children\"", "default 60 is outside 0 to 50",
     None),
])
def test_the_vocabulary_declarations_are_checked(tmp_path, old, new, message, suggestion):
    assert old in VOCABULARY
    found = _errors(lambda: load_statutes(_statutes(tmp_path, VOCABULARY.replace(old, new))))
    d = next(d for d in found if d.message == message)
    assert d.span.file.endswith("vocabulary.law")
    if suggestion is not None:
        assert d.suggestion == suggestion
    elif message.startswith("duplicate"):
        assert d.suggestion.startswith("it is already declared at ")


def test_a_vocabulary_keyword_misspelt_is_a_syntax_error_with_a_suggestion(tmp_path):
    text = VOCABULARY.replace("circumstance armed ", "circumstanse armed ")
    [d] = _errors(lambda: load_statutes(_statutes(tmp_path, text)))
    assert (d.message, d.suggestion) == ("unexpected 'circumstanse'",
                                         "did you mean 'circumstance'?")


def test_facts_made_in_code_are_read_as_the_vocabulary_declares_them(statutes):
    # through the public facade, without a case file: the border crossed and the circumstances
    # stated count as they do in a case file
    f = lawcheck.Facts(victim_age=20, acts=["transfer"], means=["deception"],
                       purposes=["sexual_exploitation"], border="out_of_viet_nam",
                       circumstances={"organised": True})
    r = lawcheck.evaluate(statutes.instrument("palermo"), f, statutes)
    [scope] = [n for n in r.notes if n.rule == "scope"]
    assert dict(scope.value("values"))["transnational"] is True
    r = lawcheck.evaluate(statutes.instrument("vn-cc-150"), f, statutes)
    assert r.penalty is not None and r.penalty.clause == "Art. 150(2)"
