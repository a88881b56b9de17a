"""Properties a lawyer would recognise, checked over generated facts (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcheck import evaluate
from lawcheck import load_statutes
from lawcheck.statute import model as m
from lawcheck.strategies import facts

STATUTES = load_statutes()
VOCAB = STATUTES.vocabulary
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def v(inst, f):
    return evaluate(STATUTES.instrument(inst), f, STATUTES).verdict


@SETTINGS
@given(facts(VOCAB), st.sampled_from(VOCAB.names("means")))
def test_adding_a_means_never_removes_liability(f, extra):
    # Palermo Art. 3(a), Art. 150(1): means are alternatives; one more cannot hurt.
    more = f.model_copy(update={"means": tuple(dict.fromkeys(f.means + (extra,)))})
    for inst in ("palermo", "vn-cc-150", "actip", "vn-cc-151", "vn-law-2011"):
        if v(inst, f) == "met":
            assert v(inst, more) == "met", inst


@SETTINGS
@given(facts(VOCAB, unknown=False), st.integers(0, 17))
def test_means_do_not_matter_for_a_child_under_the_treaties(f, age):
    # Palermo Art. 3(c)-(d), ACTIP Art. 2(c)-(d).
    child = f.model_copy(update={"victim_age": age})
    none = child.model_copy(update={"means": ()})
    for inst in ("palermo", "actip"):
        assert v(inst, child) == v(inst, none)


@SETTINGS
@given(facts(VOCAB), st.sampled_from([True, False, None]), st.sampled_from([True, False, None]))
def test_consent_never_changes_a_verdict(f, movement, exploitation):
    # Palermo Art. 3(b); and no encoded instrument makes consent an element. When consent was
    # given and Palermo is met through a means, the result says that consent is irrelevant.
    from lawcheck.scenarios import Consent
    other = f.model_copy(update={"consent": Consent(movement=movement, exploitation=exploitation)})
    for inst in STATUTES.ids:
        assert v(inst, f) == v(inst, other)
    r = evaluate(STATUTES.instrument("palermo"), other, STATUTES)
    rules = {n.rule for n in r.notes}
    if r.verdict == "met" and r.limb.limb == "a" and (movement or exploitation):
        assert "consent_irrelevant" in rules
    if not (movement or exploitation):
        assert not rules & {"consent_irrelevant", "consent"}


@settings(SETTINGS, max_examples=100)
@given(facts(VOCAB, circumstances=True))
def test_aggravating_circumstances_change_only_the_penalty(f):
    # Arts 150(2)-(3) and 151(2)-(3), Penal Code 1999 Arts 119(2) and 120(2): the circumstances
    # raise the sentence; they are no element of the offence.
    none = f.model_copy(update={"circumstances": type(f.circumstances)()})
    for inst in STATUTES.ids:
        assert v(inst, f) == v(inst, none), inst


@settings(SETTINGS, max_examples=40)
@given(facts(VOCAB, unknown=False), st.randoms(use_true_random=False))
def test_evaluation_ignores_the_order_of_facts_and_statute_files(f, rnd):
    from lawcheck.statute.resolve import resolve
    from lawcheck.resources import data_dir
    from lawcheck import evaluate_scenario
    from lawcheck import Scenario
    from lawcheck.statute.statutes import parse_file, statute_files

    def shuffled(xs):
        xs = list(xs)
        rnd.shuffle(xs)
        return tuple(xs)

    other_statutes = resolve([parse_file(p) for p in shuffled(statute_files(data_dir("statutes")))])
    g = f.model_copy(update={"acts": shuffled(f.acts), "means": shuffled(f.means),
                             "purposes": shuffled(f.purposes)})

    def summary(statutes, facts_):
        r = evaluate_scenario(Scenario(id="x", title="x", facts=facts_), statutes)
        return ({k: (v.verdict, v.limb.citation, tuple(x.variable for x in v.reasons))
                 for k, v in r.results.items()},
                tuple((d.between, d.kind, d.element) for d in r.divergences))

    assert summary(STATUTES, f) == summary(other_statutes, g)


@SETTINGS
@given(facts(VOCAB))
def test_a_wider_article_always_diverges_from_a_narrower_instrument(f):
    # Complements (Arts 150/151) may stand in for a member that falls short, but never hide a
    # member that reaches further than the other instrument.
    from lawcheck import evaluate_scenario
    from lawcheck import Scenario
    rank = {"not_met": 0, "uncertain": 1, "met": 2}
    r = evaluate_scenario(Scenario(id="x", title="x", facts=f), STATUTES)
    kinds = {d.between: d.kind for d in r.divergences}
    for other in ("palermo", "actip", "vn-law-2011"):
        for member in ("vn-cc-150", "vn-cc-151"):
            if rank[r.results[member].verdict] > rank[r.results[other].verdict]:
                assert kinds[tuple(sorted((member, other)))] == "verdict"


def _age_elements(inst_id, seen=()):
    """The age elements an instrument's verdict can turn on, read from the statute files (so
    that adding an instrument needs no change here): its own, and those of the instruments it
    refers to, as written or in a successor reading (Law 66/2011 turns on 16 through Penal Code
    1999 Arts 119/120, and from 2018 possibly Arts 150/151)."""
    out = []
    for el in (e for p in STATUTES.instrument(inst_id).provisions for lb in p.limbs
               for e in lb.elements):
        if isinstance(el, m.AgeElement):
            out.append(el)
        elif isinstance(el, m.RefersElement):
            for ref in el.all_refs:
                if ref.instrument not in seen:
                    out += _age_elements(ref.instrument, (*seen, inst_id))
    return out


@SETTINGS
@given(facts(VOCAB, unknown=False), st.sampled_from([(15, 16), (17, 18)]))
def test_crossing_an_age_threshold_moves_only_provisions_with_that_threshold(f, pair):
    lo, hi = pair
    a = f.model_copy(update={"victim_age": lo})
    b = f.model_copy(update={"victim_age": hi})
    for inst in STATUTES.ids:
        if all(el.holds(lo) == el.holds(hi) for el in _age_elements(inst)):
            assert v(inst, a) == v(inst, b), inst


def _fillings(f):
    """Every way to fill in the facts left unknown (ages: each exact age in the range)."""
    lo, hi = f.age_range
    ages = range(lo, hi + 1) if f.victim_age != "unknown" else range(0, 61)
    handovers = [f.handover] if f.handover is not None else [True, False]
    humanitarian = [f.humanitarian_purpose] if f.humanitarian_purpose is not None else [True, False]
    for age, ho, hu in itertools.product(ages, handovers, humanitarian):
        yield f.model_copy(update={"victim_age": age, "handover": ho, "humanitarian_purpose": hu})


@settings(SETTINGS, max_examples=120)
@given(facts(VOCAB))
def test_three_valued_soundness(f):
    # Filling in the unknown facts every possible way: a definite verdict must survive every
    # filling; an uncertain one must not be one definite verdict under every filling; and where
    # only unknown facts are in doubt, fillings give both met and not met (or leave open law).
    for inst_id in STATUTES.ids:
        r = evaluate(STATUTES.instrument(inst_id), f, STATUTES)
        filled = {evaluate(STATUTES.instrument(inst_id), g, STATUTES).verdict for g in _fillings(f)}
        if r.verdict != "uncertain":
            assert filled == {r.verdict}, inst_id
            continue
        assert filled not in ({"met"}, {"not_met"}), (inst_id, r.reasons)
        if all(x.kind == "unknown_fact" for x in r.reasons):
            assert {"met", "not_met"} <= filled, (inst_id, r.reasons)


@SETTINGS
@given(facts(VOCAB), st.sampled_from([None, date(2015, 6, 1), date(2017, 12, 31),
                                      date(2018, 1, 1), date(2024, 6, 1)]))
def test_generated_verdict_functions_agree_with_enumeration(f, when):
    """The verdict function generated from each statute (lawcheck.engine.codegen, which checks only the
    two extreme readings in each age segment, for each reading of a reference open from a date)
    gives what enumerating every value of every unknown fact and open point gives, on any date
    the law is applied at."""
    from lawcheck.engine.evaluate import compile_instrument, outcome_table

    for inst in STATUTES.instruments:
        ci = compile_instrument(inst, STATUTES)
        assert ci.fast(f, when) == outcome_table(ci, f, when)[3], (inst.id, when)
