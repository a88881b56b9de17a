"""References read through time, references to some limbs, "in order to commit" a referred act,
aggravations shown by a term, and the statute-language errors that go with them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import facts
from test_statute_errors import GOOD_LIMB, _errors, _folder

from lawcheck.engine.codegen import source
from lawcheck.engine.evaluate import compile_instrument, evaluate, outcome_table
from lawcheck.engine.history import boundaries
from lawcheck import load_statutes
from lawcheck.views.wording import Wording

REPEAL = date(2018, 1, 1)
QUESTION_START = "From 1 Jan 2018, when Penal Code 1999 Arts 119 and 120 were repealed"


def _law2011(statutes, when, **kw):
    return evaluate(statutes.instrument("vn-law-2011"), facts(**kw), statutes, when)


# -------------------------------------------------------------- Law 66/2011 Art. 3(1) over time

SALE_NO_MEANS = dict(victim_age=22, acts=["transfer"], purposes=["material_benefit"])


@pytest.mark.parametrize("when,expected", [
    (None, "met"),                       # as written: the 1999 Code's Art. 119 needs no means
    (date(2015, 6, 1), "met"),           # Art. 119 in force
    (date(2017, 12, 31), "met"),         # the last day before the repeal
    (REPEAL, "uncertain"),               # Art. 119 repealed: as written, or Art. 150 (means)?
    (date(2025, 6, 30), "uncertain"),
])
def test_reference_to_repealed_article_is_open_from_the_repeal(statutes, when, expected):
    r = _law2011(statutes, when, **SALE_NO_MEANS)
    assert r.verdict == expected
    if expected == "uncertain":
        [reason] = r.reasons
        assert reason.kind == "open_law" and reason.variable.startswith(QUESTION_START)
        # yes = the successors (Art. 150 needs a means: not met); no = as written (met)
        assert reason.outcomes == ((True, "not_met"), (False, "met"))
        assert Wording.of(statutes).detail(reason) == "not met if a court answers yes, met if no"


def test_both_readings_agreeing_leave_the_verdict_settled(statutes):
    # deceived and sold for money: a sale under Art. 119 and trafficking under Art. 150 alike
    r = _law2011(statutes, date(2020, 1, 1), victim_age=22, acts=["transfer"],
                 means=["deception"], purposes=["material_benefit"])
    assert r.verdict == "met" and not r.reasons


def test_trace_shows_both_readings_and_the_question(statutes):
    r = _law2011(statutes, date(2020, 1, 1), **SALE_NO_MEANS)
    limb = next(lb for lb in r.limbs if lb.limb == "1-119")
    [el] = limb.elements
    assert el.status == "open"
    assert (el.found.refs, el.found.later) == ((("vn-pc-1999-119", "met"),),
                                               (("vn-cc-150", "not_met"),))
    assert Wording.of(statutes).fact(el) == (
        "as written, vn-pc-1999-119: met; read as its successors, vn-cc-150: not met")
    assert el.questions[0].startswith(QUESTION_START)
    before = _law2011(statutes, date(2017, 1, 1), **SALE_NO_MEANS)
    [el] = next(lb for lb in before.limbs if lb.limb == "1-119").elements
    assert el.found.refs == (("vn-pc-1999-119", "met"),) and not el.found.later
    assert el.status == "satisfied"


def test_art_3_1_refers_only_to_buying_and_selling_a_child(statutes):
    # a child abducted to be kept is appropriated under Art. 120(1), not sold: Law 66/2011
    # Art. 3(1) prohibits only 'Mua bán người'
    kept = dict(victim_age=6, acts=["transportation", "harbouring"], means=["abduction"])
    assert evaluate(statutes.instrument("vn-pc-1999-120"), facts(**kept), statutes).verdict == "met"
    r = _law2011(statutes, date(2015, 1, 1), **kept)
    assert r.verdict == "not_met"
    limb = next(lb for lb in r.limbs if lb.limb == "1-120")
    assert limb.elements[0].found.refs == (("vn-pc-1999-120(sale, preparatory)", "not_met"),)


def test_clause_3_evaluates_the_intended_sale_not_the_recruiting(statutes):
    recruiter = dict(victim_age=25, acts=["recruitment", "transportation"], handover=True,
                     purposes=["material_benefit"])
    r = _law2011(statutes, date(2015, 1, 1), **recruiter)
    assert r.verdict == "met"
    assert r.limb.limb in ("3-1", "1-119")
    limb = next(lb for lb in r.limbs if lb.limb == "3-1")
    assert limb.status == "met"
    # with no handover intended there is no sale to commit
    alone = _law2011(statutes, date(2015, 1, 1), **{**recruiter, "handover": False})
    assert next(lb for lb in alone.limbs if lb.limb == "3-1").status == "not_met"
    # the intended act raises the referred article's open points: buying for one's own use
    buyer = _law2011(statutes, date(2015, 1, 1), **{**recruiter, "purposes": ["payment_for_person"]})
    assert buyer.verdict == "uncertain"
    assert any("buying a person for one's own use" in x.variable for x in buyer.reasons)


def test_history_has_a_step_where_the_reading_opens(statutes):
    assert REPEAL in boundaries(statutes)


def test_generated_function_tries_both_readings_only_from_the_date(statutes):
    ci = compile_instrument(statutes.instrument("vn-law-2011"), statutes)
    text, constants = source(statutes.instrument("vn-law-2011"), ci.cut_points, statutes)
    assert "_product(((False, True) if when is not None and when >= D0 else (False,)))" in text
    assert constants["D0"] == REPEAL
    f = facts(**SALE_NO_MEANS)
    for when in (None, date(2017, 12, 31), REPEAL, date(2024, 1, 1)):
        assert ci.fast(f, when) == outcome_table(ci, f, when)[3], when


# ------------------------------------------------------------------------ aggravations by term

def test_abuse_of_power_against_a_child_is_151_2_a(statutes):
    r = evaluate(statutes.instrument("vn-cc-151"),
                 facts(victim_age=12, acts=["transfer"], means=["abuse_of_power"],
                       purposes=["forced_labour"]), statutes)
    assert r.verdict == "met" and r.penalty.clause == "Art. 151(2)"
    assert any(g.name == "abuse_of_position" for g in r.penalty.grounds)
    plain = evaluate(statutes.instrument("vn-cc-151"),
                     facts(victim_age=12, acts=["transfer"], purposes=["forced_labour"]), statutes)
    assert plain.penalty.clause == "Art. 151(1)"


def test_illegal_adoption_is_151_and_its_2_b(statutes):
    r = evaluate(statutes.instrument("vn-cc-151"),
                 facts(victim_age=4, acts=["receipt"], purposes=["illegal_adoption"]), statutes)
    assert r.verdict == "met" and r.penalty.clause == "Art. 151(2)"
    assert evaluate(statutes.instrument("vn-cc-150"),
                    facts(victim_age=17, acts=["receipt"], means=["deception"],
                          purposes=["illegal_adoption"]), statutes).verdict == "uncertain"


def test_many_times_under_119_is_only_possible(statutes):
    r = evaluate(statutes.instrument("vn-pc-1999-119"),
                 facts(victim_age=22, acts=["transfer"], purposes=["material_benefit"],
                       circumstances={"repeated": True}), statutes)
    assert r.penalty.clause == "Art. 119(1)"
    assert any(b.citation == "Art. 119(2)" for b, _ in r.penalty.possible)


# ---------------------------------------------------------------------- dates, bound, not encoded

def test_palermo_did_not_yet_bind_viet_nam_in_2010(statutes):
    f = facts(victim_age=15, acts=["transfer"], purposes=["sexual_exploitation"])
    early = evaluate(statutes.instrument("palermo"), f, statutes, date(2010, 6, 1))
    [note] = [n for n in early.notes if n.rule == "not_bound"]
    assert (note.value("party"), note.value("since")) == ("Viet Nam", date(2011, 12, 29))
    text = Wording.of(statutes).note(note)
    assert "Viet Nam was not yet bound" in text and "29 Dec 2011" in text
    late = evaluate(statutes.instrument("palermo"), f, statutes, date(2012, 6, 1))
    assert not [n for n in late.notes if n.rule == "not_bound"]


def test_art_119_before_the_2009_amendment_is_said_to_be_not_encoded(cli, tmp_path):
    p = cli("run", "--as-of", "2005-06-01", cwd=tmp_path)
    assert p.returncode == 0, p.stdout
    text = " ".join(p.stdout.split())
    assert "Not encoded: vn-pc-1999-119 from 2000-07-01 to 2009-12-31" in text
    assert "'Mua bán phụ nữ'" in text
    p = cli("explain", "girl-deceived-and-sold-abroad-may-2009", "--instrument", "vn-pc-1999-119",
            cwd=tmp_path)
    assert "vn-pc-1999-119: not encoded on 2009-05-01" in p.stdout
    doc = json.loads(cli("run", "--format", "json", cwd=tmp_path).stdout)
    [inst] = [i for i in doc["instruments"] if i["id"] == "vn-pc-1999-119"]
    assert inst["not_encoded"][0]["from"] == "2000-07-01"
    [palermo] = [i for i in doc["instruments"] if i["id"] == "palermo"]
    assert palermo["bound"]["from"] == "2011-12-29"


def test_art_120_applies_from_2000(statutes):
    assert statutes.instrument("vn-pc-1999-120").in_force_from == date(2000, 7, 1)


# ------------------------------------------------------------------------------- expectations

def _case_with_change(tmp_path, change: str):
    """A case file whose Law 66/2011 expectation (a sale without means) has one change."""
    case = tmp_path / "c.yaml"
    case.write_text(f"""suite: c
title: c
scenarios:
  - id: sold
    title: sold without means
    facts: {{victim_age: 22, acts: [transfer], purposes: [material_benefit]}}
    expect:
      vn-law-2011:
        verdict: met
        reason: as written
        changes:
          - {change}
""", encoding="utf-8")
    return case


def test_expectation_changes_are_checked_at_their_dates(cli, tmp_path):
    case = _case_with_change(tmp_path, '{since: 2018-01-01, verdict: met, reason: "wrong on purpose"}')
    assert cli("run", str(case), "--as-of", "2015-01-01", cwd=tmp_path).returncode == 0
    p = cli("run", str(case), "--as-of", "2019-01-01", cwd=tmp_path)
    assert p.returncode == 1
    assert "expected met, got uncertain" in p.stdout and "wrong on purpose" in p.stdout


def test_a_misspelt_change_field_is_reported_with_its_path(cli, tmp_path):
    case = _case_with_change(tmp_path, '{sinse: 2018-01-01, verdict: uncertain, reason: "x"}')
    p = cli("run", str(case), cwd=tmp_path)
    assert p.returncode == 2
    assert "scenarios[0].expect.vn-law-2011.changes[0]" in p.stderr
    assert "did you mean 'since'?" in p.stderr


# ------------------------------------------------------------------------ statute-language errors

TARGET = GOOD_LIMB.replace("instrument demo", "instrument target")


def _with(tmp_path, bundled, referring: str):
    folder = _folder(tmp_path, bundled, TARGET, "target.law")
    (folder / "ref.law").write_text(referring, encoding="utf-8")
    return folder


def _ref(element: str) -> str:
    return GOOD_LIMB.replace("instrument demo", "instrument ref").replace(
        'act "Art. 1(a)" { transfer en "transfer" }\n      means "Art. 1(a)" { force en "force" }\n'
        '      purpose "Art. 1(a)" { forced_labour en "forced labour" }', element)


def test_unknown_limb_of_a_referred_instrument(tmp_path, bundled_statute_dir):
    [d] = _errors(_with(tmp_path, bundled_statute_dir, _ref('refers to target(b) "Art. 1"')))
    assert d.message == "'target' has no limb 'b'"
    assert d.expected == "one of: a" and d.span.file.endswith("ref.law")


def test_intended_act_must_be_a_handover(tmp_path, bundled_statute_dir):
    [d] = _errors(_with(tmp_path, bundled_statute_dir,
                        _ref('refers to target "Art. 1" for intended recruitment')))
    assert "'recruitment' is not a handover act" in d.message
    assert "transfer" in d.expected


def test_successor_reading_needs_a_real_date_and_known_targets(tmp_path, bundled_statute_dir):
    found = _errors(_with(tmp_path, bundled_statute_dir, _ref(
        'refers to target "Art. 1" or from 2018-02-30 as target open "q?"')))
    assert [d.message for d in found] == ["invalid date '2018-02-30'"]


def test_successor_reading_evaluates_from_its_date(tmp_path, bundled_statute_dir):
    other = GOOD_LIMB.replace("instrument demo", "instrument later").replace(
        "{ force en", "{ deception en")
    folder = _with(tmp_path, bundled_statute_dir, _ref(
        'refers to target "Art. 1" or from 2018-01-01 as later open "Is it later?"'))
    (folder / "later.law").write_text(other, encoding="utf-8")
    s = load_statutes(folder)
    f = facts(victim_age=30, acts=["transfer"], means=["force"], purposes=["forced_labour"])
    ref = s.instrument("ref")
    assert evaluate(ref, f, s, date(2017, 1, 1)).verdict == "met"
    r = evaluate(ref, f, s, date(2019, 1, 1))
    assert r.verdict == "uncertain" and r.reasons[0].variable == "Is it later?"


def test_aggravation_shown_by_an_unknown_term(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('    limb a', '''    penalty "Art. 1(2)" prison 1 to 2 years {
      organised "Art. 1(2)(a)" also means abuse_of_powr
    }
    limb a''')
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert d.message == "unknown means term 'abuse_of_powr'"
    assert d.suggestion == "did you mean 'abuse_of_power'?"
