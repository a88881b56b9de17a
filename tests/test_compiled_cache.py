"""What evaluation keeps between calls (compiled instruments, limb traces) never hands one case
another's answer."""

from __future__ import annotations

import lawcheck
from lawcheck.statute import model as m


def _two_element_instrument(statutes):
    """A limb of just two elements, the handover and the acts: its trace key (True, acts) has
    the shape of an element's key (1, acts), which once collided (True == 1)."""
    cc = statutes.instrument("vn-cc-150")
    prov = cc.provisions[0]
    limb = next(lb for lb in prov.limbs if any(isinstance(e, m.HandoverElement)
                                               for e in lb.elements))
    handover = next(e for e in limb.elements if isinstance(e, m.HandoverElement))
    acts = next(e for e in limb.elements if isinstance(e, m.SetElement) and e.kind == "act")
    limb = limb.model_copy(update={"elements": (handover, acts)})
    inst = cc.model_copy(update={"id": "two", "provisions": (
        prov.model_copy(update={"limbs": (limb,)}),)})
    return inst, m.StatuteSet(vocabulary=statutes.vocabulary, instruments=(inst,))


def test_limb_and_element_traces_are_kept_apart(statutes):
    inst, own = _two_element_instrument(statutes)
    for handover in (True, False, True, False):
        facts = lawcheck.Facts(victim_age=30, acts=("recruitment",), handover=handover)
        result = lawcheck.evaluate(inst, facts, own)
        for element in result.limbs[0].elements:
            assert element.type in ("handover", "act"), element
        assert [e.status for e in result.limbs[0].elements][0] == (
            "satisfied" if handover else "not_satisfied")


def test_a_copy_of_a_statute_set_compiles_with_its_own_vocabulary(statutes):
    facts = lawcheck.Facts(victim_age=17, acts=("transfer",), purposes=("sexual_exploitation",))
    palermo = statutes.instrument("palermo")
    before = lawcheck.evaluate(palermo, facts, statutes)
    relabelled = m.Vocabulary(terms=tuple(
        t.model_copy(update={"label": "RELABELLED"}) if t.name == "transfer" else t
        for t in statutes.vocabulary.terms))
    copy = statutes.model_copy(update={"vocabulary": relabelled})
    after = lawcheck.evaluate(copy.instrument("palermo"), facts, copy)
    # a trace is data (terms, not labels); the words come from the set the views are given
    from lawcheck.views.wording import Wording
    [act] = [e for e in after.limbs[0].elements if e.type == "act"]
    assert act.found.terms == ("transfer",)
    assert "RELABELLED" in Wording.of(copy).fact(act)
    assert "RELABELLED" not in Wording.of(statutes).fact(act)
    assert before.limbs[0].elements == after.limbs[0].elements    # the same data
    assert copy.compiled is not statutes.compiled
