"""Stage 5: results of one scenario -> divergences between instruments, in a lawyer's words."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from lawcheck import model as m
from lawcheck.evaluate import ElementResult, InstrumentResult, LimbResult

# When a limb fails on several elements, the first of these names the divergence.
_PRIORITY = ("child age", "means", "transfer", "act", "purpose", "exception", "reference")


@dataclass(frozen=True)
class Divergence:
    between: tuple[str, str]
    kind: Literal["verdict", "rule", "complemented"]
    element: str          # child age, means, transfer, act, purpose, consent, exception, ...
    explanation: str


def divergences(results: dict[str, InstrumentResult], statutes: m.StatuteSet) -> tuple[Divergence, ...]:
    out: list[Divergence] = []
    ids = sorted(results)
    for a, b in combinations(ids, 2):
        ra, rb = results[a], results[b]
        ia, ib = statutes.instrument(a), statutes.instrument(b)
        if ra.verdict != rb.verdict:
            cover = _covered(ia, ib, results, statutes)
            if cover is None:
                out.append(_verdict_divergence(ra, ia, rb, ib))
            else:
                out.append(_complemented(ra, ia, rb, ib, cover, results, statutes))
        else:
            out.extend(_rule_divergences(ra, ia, rb, ib))
    return tuple(out)


_RANK = {"not_met": 0, "uncertain": 1, "met": 2}


def _covered(ia: m.Instrument, ib: m.Instrument, results, statutes) -> str | None:
    """The complementary instrument that accounts for a difference in verdicts, if any.

    Two instruments that split one regime between them (Arts 150 and 151, by the victim's age)
    do not diverge from each other; nor does one of them from a third instrument when its
    complement gives the third's verdict, or comes closer to it (the divergence is then reported
    against the complement)."""
    if ib.id in ia.complements:
        return ib.id
    if ia.id in ib.complements:
        return ia.id
    for this, other in ((ia, ib), (ib, ia)):
        target = _RANK[results[other.id].verdict]
        gap = abs(_RANK[results[this.id].verdict] - target)
        for c in this.complements:
            if c in results and abs(_RANK[results[c].verdict] - target) < gap:
                return c
    return None


def _complemented(ra, ia, rb, ib, cover: str, results, statutes) -> Divergence:
    pair = tuple(sorted((ia.id, ib.id)))
    ic = statutes.instrument(cover)
    if cover in (ia.id, ib.id):
        text = (f"{ia.short} and {ib.short} divide one offence between them; "
                f"{ia.short} is {_word(ra)} and {ib.short} is {_word(rb)}.")
    else:
        # the member of the pair that the complement stands in for
        member, other, rm, ro = (ia, ib, ra, rb) if cover in ia.complements else (ib, ia, rb, ra)
        text = (f"{member.short} is {_word(rm)} ({rm.citation}), but {ic.short}, which "
                f"complements it, ")
        text += (f"is {_word(ro)} like {other.short}: no gap in the regime."
                 if results[cover].verdict == ro.verdict else
                 f"comes closer to {other.short} ({_word(ro)}), so the divergence is shown "
                 f"against {ic.short}.")
    return Divergence(pair, "complemented", "complement", text)


def _word(r: InstrumentResult) -> str:
    return r.verdict.replace("_", " ")


def _verdict_divergence(ra, ia, rb, ib) -> Divergence:
    # Order the pair so that `hi` is the instrument whose verdict is the more certain "met".
    rank = {"met": 2, "uncertain": 1, "not_met": 0}
    if rank[ra.verdict] < rank[rb.verdict]:
        ra, ia, rb, ib = rb, ib, ra, ia
    pair = tuple(sorted((ia.id, ib.id)))
    if rb.verdict == "uncertain" or ra.verdict == "uncertain":
        unsure, sure, iu, isure = (rb, ra, ib, ia) if rb.verdict == "uncertain" else (ra, rb, ia, ib)
        reason = unsure.reasons[0] if unsure.reasons else None
        element = _reason_category(unsure)
        why = reason.text() if reason else "it turns on a point the facts or the law leave open"
        if sure.verdict == "not_met":
            settled = f"{isure.short} is not met: {_failure_text(sure.limb, _main_failure(sure.limb))}."
        else:
            settled = f"{isure.short} is met ({sure.citation})."
        return Divergence(pair, "verdict", element,
                          f"{iu.short} is uncertain ({unsure.citation}): {why} {settled}")
    # ra met, rb not met
    failed = _main_failure(rb.limb)
    element = failed.category if failed else "act"
    counterpart = _counterpart(ra.limb, failed)
    text = f"{ib.short} is not met: {_failure_text(rb.limb, failed)}; {ia.short} is met: {counterpart}."
    return Divergence(pair, "verdict", element, text)


def _main_failure(limb: LimbResult) -> ElementResult | None:
    fails = limb.failures
    if not fails:
        return None
    return sorted(fails, key=lambda e: _PRIORITY.index(e.category)
                  if e.category in _PRIORITY else 99)[0]


def _failure_text(limb: LimbResult, e: ElementResult | None) -> str:
    """Why the closest limb fails, naming the limb and, in brackets, the element's citation."""
    if e is None:
        return f"{limb.citation} is not satisfied"
    where, cite = limb.citation, e.citation
    if e.type == "age":
        return (f"{where} applies only to {e.requirement} ({cite}), and the victim is "
                + e.fact.replace("victim's age: ", ""))
    if e.type == "means":
        if e.fact.endswith(": none"):
            return f"{where} requires a means ({cite}) and none was used"
        return f"{where} requires a means ({cite}) and none of those used is listed ({e.fact})"
    if e.type == "handover":
        return (f"{where} requires that the person be handed over, or be meant to be handed "
                f"over, from one person to another ({cite}), and here no one was")
    if e.type == "act":
        return f"{where} requires {e.requirement.replace('act: ', 'an act: ')} ({cite}), and the {e.fact}"
    if e.type == "purpose":
        return f"{where} requires a purpose it lists ({cite}), and the {e.fact} is not among them"
    if e.type == "except":
        return f"{where} is excluded by its exception for humanitarian purposes ({cite})"
    return f"{where}: {e.fact} ({cite})"


def _counterpart(limb: LimbResult, failed: ElementResult | None) -> str:
    """How the instrument that is met deals with the element the other one failed on."""
    cite = limb.citation
    if failed is None:
        return f"{cite} is satisfied"
    same = [e for e in limb.elements if e.type == failed.type]
    if failed.type == "means":
        no_means = [e for e in limb.elements if e.type == "no_means"]
        if no_means:
            age = [e for e in limb.elements if e.type == "age"]
            child = f" for {age[0].requirement} ({age[0].citation})" if age else ""
            return f"{no_means[0].citation} needs no means{child}"
        if same:
            return f"{same[0].citation} lists the means used ({same[0].fact})"
    if failed.type == "age":
        age = [e for e in limb.elements if e.type == "age"]
        if age:
            return f"{cite} covers {age[0].requirement} ({age[0].citation})"
        return f"{cite} has no age condition"
    if failed.type == "handover":
        acts = [e for e in limb.elements if e.type == "act"]
        shown = acts[0].fact if acts else "the act"
        return f"{cite} needs no handover: any one of its acts suffices ({shown})"
    if not same:
        return f"{cite} has no such element"
    e = same[0]
    return f"{e.citation} is satisfied ({e.fact})"


def _reason_category(r: InstrumentResult) -> str:
    if not r.reasons:
        return "reference"
    reason = r.reasons[0]
    if reason.kind == "unknown_fact":
        if "age" in reason.subject:
            return "child age"
        if "handed over" in reason.subject:
            return "transfer"
        if "humanitarian" in reason.subject:
            return "exception"
        return "fact"
    for limb in (r.limb, *r.limbs):
        for e in limb.elements:
            if reason.subject in e.questions:
                return e.category
    return "open point of law"


def _rule_divergences(ra: InstrumentResult, ia: m.Instrument, rb: InstrumentResult,
                      ib: m.Instrument) -> list[Divergence]:
    """Same verdict, but the scenario triggers a rule that only one of the two has."""
    out = []
    pair = tuple(sorted((ia.id, ib.id)))
    for (r1, i1), (r2, i2) in (((ra, ia), (rb, ib)), ((rb, ib), (ra, ia))):
        n1 = {n.rule: n for n in r1.notes}
        n2 = {n.rule: n for n in r2.notes}
        c1 = n1.get("consent_irrelevant")
        if c1 and not any(p.consent_rules for p in i2.provisions):
            out.append(Divergence(pair, "rule", "consent",
                                  f"{i1.short} makes the victim's consent irrelevant once a means is "
                                  f"used ({c1.citation}); {i2.short} has no rule on consent. Both "
                                  f"are {r1.verdict.replace('_', ' ')}."))
        e1 = n1.get("exception")
        if e1 and "exception" not in n2:
            out.append(Divergence(pair, "rule", "exception",
                                  f"{i1.short} is {r1.verdict.replace('_', ' ')} because of its "
                                  f"exception for humanitarian purposes ({e1.citation}); {i2.short} "
                                  f"has no such exception and is {r2.verdict.replace('_', ' ')} on "
                                  f"other grounds."))
        if r1.verdict == "met" and _met_only_on_money(r1) and not _money_limb(r2):
            out.append(Divergence(pair, "rule", "purpose",
                                  f"{i1.short} is met on its purpose of money or other material "
                                  f"benefit ({r1.limb.citation}), a purpose {i2.short} does not "
                                  f"have; {i2.short} is met on another ground ({r2.limb.citation})."))
    return out


def _money_only(limb: LimbResult) -> bool:
    return any(e.type == "purpose" and e.matched == ("material_benefit",) for e in limb.elements)


def _met_only_on_money(r: InstrumentResult) -> bool:
    met = [t for t in r.limbs if t.status == "met"]
    return bool(met) and all(_money_only(t) for t in met)


def _money_limb(r: InstrumentResult) -> bool:
    return any(_money_only(t) for t in r.limbs if t.status == "met")
