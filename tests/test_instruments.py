"""Each instrument on its key scenarios. Expected verdicts come from reading the texts in
../shared/legal-sources.md (cited in each test), never from lawcheck's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from lawcheck import load_statutes
from helpers import result, verdict

TREATIES = ("palermo", "actip")


# --- the three verdicts the core issue names -------------------------------------------------

def test_17_year_old_handed_over_without_means(statutes):
    # Palermo Art. 3(c)-(d): under 18, no means needed. Art. 150(1): means required.
    # Art. 151(1): under 16 only.
    kw = dict(victim_age=17, acts=["transfer"], purposes=["sexual_exploitation"])
    assert {i: verdict(statutes, i, **kw) for i in TREATIES + ("vn-cc-150", "vn-cc-151")} == {
        "palermo": "met", "actip": "met", "vn-cc-150": "not_met", "vn-cc-151": "not_met"}


def test_employer_recruiting_and_harbouring_for_himself(statutes):
    # Palermo Art. 3(a): recruitment or harbouring alone suffices. Art. 150(1)(c) as guided by
    # Res. 02/2019 Art. 2(1)(đ): only in order to carry out a transfer.
    kw = dict(victim_age=30, acts=["recruitment", "harbouring"], means=["deception"],
              purposes=["forced_labour"], handover=False)
    assert verdict(statutes, "palermo", **kw) == "met"
    assert verdict(statutes, "vn-cc-150", **kw) == "not_met"
    r = result(statutes, "vn-cc-150", **kw)
    assert [e.type for e in r.limb.failures] == ["handover"]


def test_humanitarian_adoption_is_excepted_from_151(statutes):
    # Art. 151(1)(a) "trừ trường hợp vì mục đích nhân đạo"; Res. 02/2019 Art. 7(3).
    kw = dict(victim_age=0, acts=["transfer"], purposes=["material_benefit"],
              humanitarian_purpose=True)
    assert verdict(statutes, "vn-cc-151", **kw) == "not_met"
    r = result(statutes, "vn-cc-151", **kw)
    assert any(n.rule == "exception" for n in r.notes)
    # ... and the exception is the only thing that stops it
    assert verdict(statutes, "vn-cc-151", **{**kw, "humanitarian_purpose": False}) == "met"


def test_humanitarian_exception_does_not_reach_exploitation_limb(statutes):
    # Art. 151(1)(b) has no exception (legal-sources.md §5.2 structure notes).
    assert verdict(statutes, "vn-cc-151", victim_age=10, acts=["transfer"],
                   purposes=["forced_labour"], humanitarian_purpose=True) == "met"


# --- Palermo / ACTIP ------------------------------------------------------------------------

@pytest.mark.parametrize("inst", TREATIES)
@pytest.mark.parametrize("act", ["recruitment", "transportation", "transfer", "harbouring",
                                 "receipt"])
def test_any_one_act_suffices_under_the_treaties(statutes, inst, act):
    assert verdict(statutes, inst, victim_age=25, acts=[act], means=["force"],
                   purposes=["forced_labour"], handover=False if act not in ("transfer", "receipt")
                   else True) == "met"


@pytest.mark.parametrize("inst", TREATIES)
def test_adult_without_means_is_not_trafficked_under_treaties(statutes, inst):
    assert verdict(statutes, inst, victim_age=18, acts=["transfer"],
                   purposes=["sexual_exploitation"]) == "not_met"


@pytest.mark.parametrize("inst", TREATIES)
def test_money_alone_is_not_exploitation_under_treaties(statutes, inst):
    # Money appears in Art. 3(a) only as a means (payment to a person having control).
    assert verdict(statutes, inst, victim_age=20, acts=["transfer"], means=["deception"],
                   purposes=["material_benefit"]) == "not_met"


def test_forced_marriage_is_open_under_palermo(statutes):
    r = result(statutes, "palermo", victim_age=20, acts=["transfer"], means=["deception"],
               purposes=["forced_marriage"])
    assert r.verdict == "uncertain"
    assert r.reasons[0].kind == "open_law"
    assert "practice similar to slavery" in r.reasons[0].variable


def test_palermo_consent_rule_is_reported(statutes):
    r = result(statutes, "palermo", victim_age=22, acts=["transfer"], means=["deception"],
               purposes=["sexual_exploitation"], consent={"movement": True, "exploitation": True})
    assert r.verdict == "met"
    assert any(n.rule == "consent_irrelevant" for n in r.notes)


def test_scope_is_shown_but_is_not_an_element(statutes):
    # Art. 4 is scope of application; the definition is met with no border and no group.
    r = result(statutes, "palermo", victim_age=30, acts=["transfer"], means=["force"],
               purposes=["forced_labour"], border="none", organized_criminal_group=False)
    assert r.verdict == "met"
    [scope] = [n for n in r.notes if n.rule == "scope"]
    assert scope.value("values") == (("transnational", False), ("organized_criminal_group", False))
    from lawcheck.views.wording import Wording
    assert "not an element" in Wording.of(statutes).note(scope)


def test_actip_is_flagged_unverified(statutes):
    assert statutes.instrument("actip").unverified
    assert not statutes.instrument("palermo").unverified


# --- Criminal Code Art. 150 -----------------------------------------------------------------

@pytest.mark.parametrize("means,expected", [
    ("force", "met"), ("threat_of_force", "met"), ("deception", "met"), ("fraud", "met"),
    ("abduction", "met"), ("drugging", "met"), ("poisoning", "met"), ("abuse_of_power", "met"),
    ("abuse_of_vulnerability", "met"), ("abuse_of_dependence", "met"),
    ("abuse_of_brokerage", "met"),
    # no named counterpart: open to interpretation (Res. 02/2019 Art. 2(3) "như")
    ("other_coercion", "uncertain"), ("payment_to_controller", "uncertain"),
])
def test_art150_means(statutes, means, expected):
    assert verdict(statutes, "vn-cc-150", victim_age=30, acts=["transfer"], means=[means],
                   purposes=["forced_labour"]) == expected


def test_art150_money_only_purpose(statutes):
    # Art. 150(1)(a): transfer in order to receive money, with no exploitative purpose.
    assert verdict(statutes, "vn-cc-150", victim_age=20, acts=["transfer"], means=["deception"],
                   purposes=["material_benefit"]) == "met"


def test_art150_purpose_need_not_be_achieved(statutes):
    # Res. 02/2019 Art. 2(6) example: the cornea was not yet taken.
    assert verdict(statutes, "vn-cc-150", victim_age=30, acts=["transfer"], means=["deception"],
                   purposes=["organ_removal"], exploitation_occurred=False) == "met"


def test_art150_recruiting_for_onward_transfer(statutes):
    kw = dict(victim_age=19, acts=["recruitment"], means=["deception"],
              purposes=["sexual_exploitation"])
    assert verdict(statutes, "vn-cc-150", handover=True, **kw) == "met"
    assert verdict(statutes, "vn-cc-150", handover=False, **kw) == "not_met"
    assert verdict(statutes, "vn-cc-150", handover="unknown", **kw) == "uncertain"


def test_art150_victim_under_16_goes_to_151(statutes):
    kw = dict(acts=["transfer"], means=["deception"], purposes=["sexual_exploitation"])
    assert verdict(statutes, "vn-cc-150", victim_age=15, **kw) == "not_met"
    assert verdict(statutes, "vn-cc-150", victim_age=16, **kw) == "met"
    assert verdict(statutes, "vn-cc-151", victim_age=15, **kw) == "met"
    assert verdict(statutes, "vn-cc-151", victim_age=16, **kw) == "not_met"


# --- Law 66/2011 ----------------------------------------------------------------------------

def test_law_2011_clause_2_has_no_means(statutes):
    assert verdict(statutes, "vn-law-2011", victim_age=30, acts=["receipt"],
                   purposes=["forced_labour"]) == "met"


def test_law_2011_clause_1_reference_resolves_to_penal_code_1999(statutes):
    # selling an adult for money: a sale under Art. 119, hence Law 66/2011 Art. 3(1)
    kw = dict(victim_age=30, acts=["transfer"], purposes=["material_benefit"])
    assert verdict(statutes, "vn-pc-1999-119", **kw) == "met"
    r = result(statutes, "vn-law-2011", **kw)
    assert r.verdict == "met" and r.limb.limb == "1-119"
    ref = next(e for e in r.limb.elements if e.type == "refers")
    assert ref.status == "satisfied" and ref.found.refs == (("vn-pc-1999-119", "met"),)
    # with no money there is no sale, and clause 1 is not met
    assert verdict(statutes, "vn-pc-1999-119", victim_age=30, acts=["transfer"],
                   purposes=["forced_labour"]) == "not_met"


def test_law_2011_lawful_migration_is_not_met(statutes):
    assert verdict(statutes, "vn-law-2011", victim_age=30, acts=["recruitment"],
                   purposes=[], handover=False) == "not_met"


# --- three-valued propagation ---------------------------------------------------------------

def test_unknown_age_uncertain_only_where_it_matters(statutes):
    kw = dict(victim_age="unknown", acts=["transfer"], purposes=["sexual_exploitation"])
    r = result(statutes, "palermo", **kw)
    assert r.verdict == "uncertain"
    x = r.reasons[0]
    assert (x.kind, x.variable) == ("unknown_fact", "victim_age")
    assert dict(x.outcomes) == {(0, 17): "met", (18, 130): "not_met"}
    from lawcheck.views.wording import Wording
    assert Wording.of(statutes).detail(x) == "met if the victim is under 18; not met if the " \
        "victim is 18 or over"
    # With a means, every age gives met under Palermo: not uncertain.
    assert verdict(statutes, "palermo", means=["force"], **kw) == "met"
    # Without a means Art. 150 fails whatever the age.
    assert verdict(statutes, "vn-cc-150", **kw) == "not_met"


def test_age_range_within_one_band_is_definite(statutes):
    kw = dict(acts=["transfer"], purposes=["sexual_exploitation"])
    assert verdict(statutes, "vn-cc-151", victim_age={"min": 10, "max": 15}, **kw) == "met"
    assert verdict(statutes, "vn-cc-151", victim_age={"min": 15, "max": 16}, **kw) == "uncertain"


# --- divergences ------------------------------------------------------------------------------

def _divergences(statutes, **kw):
    from helpers import facts

    from lawcheck import evaluate_scenario
    from lawcheck import Scenario
    sc = Scenario(id="x", title="x", facts=facts(**kw))
    return {d.between: d for d in evaluate_scenario(sc, statutes).divergences}


def test_art_151_covers_a_child_that_art_150_misses(statutes):
    # A 15-year-old handed over by deception: Art. 151 is met, so Art. 150's "not met" is no gap.
    d = _divergences(statutes, victim_age=15, acts=["transfer"], means=["deception"],
                     purposes=["sexual_exploitation"])
    assert d[("palermo", "vn-cc-150")].kind == "complemented"
    assert d[("vn-cc-150", "vn-cc-151")].kind == "complemented"
    today = {"palermo", "actip", "vn-cc-150", "vn-cc-151"}
    assert all(x.kind != "verdict" for k, x in d.items() if set(k) <= today)


def test_gap_reported_against_both_articles_when_neither_applies(statutes):
    d = _divergences(statutes, victim_age=17, acts=["transfer"], purposes=["sexual_exploitation"])
    assert (d[("palermo", "vn-cc-150")].kind, d[("palermo", "vn-cc-150")].element) == \
        ("verdict", "means")
    assert (d[("palermo", "vn-cc-151")].kind, d[("palermo", "vn-cc-151")].element) == \
        ("verdict", "child age")


def test_transfer_divergence_names_the_handover(statutes):
    d = _divergences(statutes, victim_age=30, acts=["recruitment", "harbouring"],
                     means=["deception"], purposes=["forced_labour"], handover=False)
    div = d[("palermo", "vn-cc-150")]
    assert (div.kind, div.element) == ("verdict", "transfer")
    assert div.failed.type == "handover" and div.failed.citation.startswith("Art. 150(1)")
    from lawcheck.views.wording import Wording
    text = Wording.of(statutes).divergence(div)
    assert "handed over" in text and "Art. 150(1)(c)" in text


def test_rule_level_consent_divergence(statutes):
    d = _divergences(statutes, victim_age=22, acts=["transfer"], means=["deception"],
                     purposes=["sexual_exploitation"], consent={"exploitation": True})
    div = d[("palermo", "vn-cc-150")]
    assert (div.kind, div.element) == ("rule", "consent")


def test_a_scope_with_no_condition_is_shown_as_such(tmp_path):
    # `scope unconditional`: the instrument applies whatever the scope facts are (CETS 197 Art. 2)
    src = (Path(__file__).parent.parent / "statutes" / "palermo.law").read_text(encoding="utf-8")
    src = src.replace("scope transnational, organized_criminal_group", "scope unconditional")
    for f in ("vocabulary.law",):
        (tmp_path / f).write_text((Path(__file__).parent.parent / "statutes" / f)
                                  .read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "palermo.law").write_text(src, encoding="utf-8")
    s = load_statutes(tmp_path)
    assert s.instrument("palermo").provisions[0].scopes[0].conditions == ()
    r = result(s, "palermo", victim_age=30, acts=["transfer"], means=["force"],
               purposes=["forced_labour"], border="none")
    scope = [n for n in r.notes if n.rule == "scope"]
    assert scope and (scope[0].case, scope[0].value("values")) == ("scope-unconditional", ())
    from lawcheck.views.wording import Wording
    brief = Wording.of(s).note_brief(scope[0])
    assert "whether or not the conduct is transnational" in brief
