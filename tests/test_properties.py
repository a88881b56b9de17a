"""Properties a lawyer would recognise, checked over generated facts (hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcheck.evaluate import evaluate
from lawcheck.statutes import load_statutes
from lawcheck.strategies import facts

STATUTES = load_statutes()
VOCAB = STATUTES.vocabulary
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def v(inst, f):
    return evaluate(STATUTES.instrument(inst), f, VOCAB).verdict


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
    # Palermo Art. 3(b); and no encoded instrument makes consent an element.
    from lawcheck.scenarios import Consent
    other = f.model_copy(update={"consent": Consent(movement=movement, exploitation=exploitation)})
    for inst in STATUTES.ids:
        assert v(inst, f) == v(inst, other)


@SETTINGS
@given(facts(VOCAB, unknown=False))
def test_verdict_ignores_the_order_of_facts(f):
    shuffled = f.model_copy(update={"acts": f.acts[::-1], "means": f.means[::-1],
                                    "purposes": f.purposes[::-1]})
    for inst in STATUTES.ids:
        assert v(inst, f) == v(inst, shuffled)


@SETTINGS
@given(facts(VOCAB, unknown=False), st.sampled_from([(15, 16), (17, 18)]))
def test_crossing_an_age_threshold_moves_only_provisions_with_that_threshold(f, pair):
    lo, hi = pair
    a = f.model_copy(update={"victim_age": lo})
    b = f.model_copy(update={"victim_age": hi})
    thresholds = {"palermo": 18, "actip": 18, "vn-cc-150": 16, "vn-cc-151": 16,
                  "vn-law-2011": 16}
    for inst in STATUTES.ids:
        if thresholds[inst] != hi:
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
    for inst_id in STATUTES.ids:
        r = evaluate(STATUTES.instrument(inst_id), f, VOCAB)
        if any(x.kind == "open_law" for x in r.reasons):
            continue  # open law is a different source of doubt, checked below
        filled = {evaluate(STATUTES.instrument(inst_id), g, VOCAB).verdict for g in _fillings(f)}
        filled.discard("uncertain")  # open law may remain once facts are filled
        if r.verdict == "uncertain":
            assert filled == {"met", "not_met"}, (inst_id, r.reasons)
        elif filled:
            assert filled == {r.verdict}, inst_id
