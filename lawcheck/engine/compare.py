"""Stage 5: results of one scenario -> divergences between instruments, in a lawyer's words."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from lawcheck.statute import model as m
from lawcheck.engine.evaluate import ElementResult, InstrumentResult, LimbResult

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
    memo = _PerResult()
    for a, b in combinations(ids, 2):
        ra, rb = results[a], results[b]
        ia, ib = statutes.instrument(a), statutes.instrument(b)
        if ra.verdict != rb.verdict:
            cover = _covered(ia, ib, results)
            if cover is None:
                out.append(_verdict_divergence(ra, ia, rb, ib))
            else:
                out.append(_complemented(ra, ia, rb, ib, cover, results, statutes))
        elif ra.verdict == "met" or getattr(ra, "may_have_rules", True):
            # a rule only one has (consent, exception) shows only where the facts raise it; a
            # purpose only one has, only where both are met
            out.extend(_rule_divergences(ra, ia, rb, ib, statutes, memo))
    return tuple(out)


_RANK = {"not_met": 0, "uncertain": 1, "met": 2}


def any_verdict_divergence(results: dict, statutes: m.StatuteSet) -> bool:
    """Whether `divergences` would list a divergence of kind "verdict", from the verdicts (and,
    rarely, a complement's limbs), without explaining any: what a table's mark needs."""
    by_verdict: dict[str, list[str]] = {}
    for i in sorted(results):
        by_verdict.setdefault(results[i].verdict, []).append(i)
    groups = list(by_verdict.values())
    for x in range(len(groups)):
        for y in range(x + 1, len(groups)):
            for a in groups[x]:
                for b in groups[y]:
                    if _covered(statutes.instrument(a), statutes.instrument(b), results) is None:
                        return True
    return False


def _covered(ia: m.Instrument, ib: m.Instrument, results) -> str | None:
    """The complementary instrument that accounts for a difference in verdicts, if any.

    Two instruments that split one regime between them (Arts 150 and 151, by the victim's age)
    do not diverge from each other. Where one of them falls short of a third instrument, its
    complement stands in for it if the complement reaches further (the shortfall is then
    reported against the complement, or is no gap at all). A member that reaches further than
    the third instrument diverges from it whatever its complement does."""
    if ib.id in ia.complements:
        return ib.id
    if ia.id in ib.complements:
        return ia.id
    for this, other in ((ia, ib), (ib, ia)):
        mine, target = _RANK[results[this.id].verdict], _RANK[results[other.id].verdict]
        if mine >= target or not this.complements:
            continue
        for c in this.complements:
            if c in results and _RANK[results[c].verdict] > mine:
                return c
        # Both fall short. If the victim's age puts the case outside every limb of this one
        # (the age line that divides the regime), and the other instrument does not rely on
        # the victim's age, the shortfall is the complement's to explain (Art. 151 and an
        # adult victim: the gap is Art. 150's).
        outside = all(any(e.type == "age" and e.status == "not_satisfied" for e in t.elements)
                      for t in results[this.id].limbs)
        relies_on_age = any(e.type == "age" for e in results[other.id].limb.elements)
        if outside and not relies_on_age and this.complements[0] in results:
            return this.complements[0]
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
        rc = results[cover]
        text = (f"{member.short} is {_word(rm)} ({rm.citation}), but {ic.short}, which "
                f"complements it, ")
        if rc.verdict == ro.verdict:
            text += f"is {_word(ro)} like {other.short}: no gap in the regime."
        elif _RANK[rc.verdict] > _RANK[rm.verdict]:
            text += (f"comes closer to {other.short} ({_word(ro)}), so the divergence is shown "
                     f"against {ic.short}.")
        else:
            text += (f"covers the victim's age; the divergence from {other.short} "
                     f"({_word(ro)}) is shown against {ic.short}.")
    return Divergence(pair, "complemented", "complement", text)


def _word(r: InstrumentResult) -> str:
    return r.verdict.replace("_", " ")


def _verdict_divergence(ra, ia, rb, ib) -> Divergence:
    # Order the pair so that `ra` is the instrument whose verdict is nearer to "met".
    if _RANK[ra.verdict] < _RANK[rb.verdict]:
        ra, ia, rb, ib = rb, ib, ra, ia
    pair = tuple(sorted((ia.id, ib.id)))
    if rb.verdict == "uncertain" or ra.verdict == "uncertain":
        unsure, sure, iu, isure = (rb, ra, ib, ia) if rb.verdict == "uncertain" else (ra, rb, ia, ib)
        reason = unsure.reasons[0] if unsure.reasons else None
        element = reason.category if reason else "reference"
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
    return min(fails, key=lambda e: _PRIORITY.index(e.category)
               if e.category in _PRIORITY else len(_PRIORITY))


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
        return (f"{where} requires {e.requirement.replace('act: ', 'an act: ')} ({cite}), but the "
                f"acts were: {_value(e)}")
    if e.type == "purpose":
        return (f"{where} requires a purpose it lists ({cite}), and the purpose here "
                f"({_value(e)}) is not among them")
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
    return f"{cite} covers it ({e.citation}: {_value(e)})"


def _value(e: ElementResult) -> str:
    """The facts an element looked at, without the field name: 'forced labour, ...'."""
    return e.fact.split(": ", 1)[-1]


class _PerResult:
    """What the pairs of one scenario ask of each result, worked out once per result: its
    notes by rule, and the purposes of the limbs by which it is met."""

    def __init__(self):
        self._notes: dict[str, dict] = {}
        self._purposes: dict[str, list] = {}

    def notes(self, r: InstrumentResult) -> dict:
        if r.instrument not in self._notes:
            self._notes[r.instrument] = {n.rule: n for n in r.notes}
        return self._notes[r.instrument]

    def purposes(self, r: InstrumentResult) -> list:
        """The purposes of each met limb, or [] if a met limb has none (or none is met)."""
        if r.instrument not in self._purposes:
            met = [t for t in r.limbs if t.status == "met"]
            used = [set(e.matched) for t in met for e in t.elements if e.type == "purpose"]
            self._purposes[r.instrument] = used if met and len(used) == len(met) else []
        return self._purposes[r.instrument]


def _rule_divergences(ra: InstrumentResult, ia: m.Instrument, rb: InstrumentResult,
                      ib: m.Instrument, statutes: m.StatuteSet,
                      memo: _PerResult | None = None) -> list[Divergence]:
    """Same verdict, but the scenario triggers a rule that only one of the two has."""
    memo = memo or _PerResult()
    out = []
    pair = tuple(sorted((ia.id, ib.id)))
    for (r1, i1), (r2, i2) in (((ra, ia), (rb, ib)), ((rb, ib), (ra, ia))):
        n1, n2 = memo.notes(r1), memo.notes(r2)
        c1 = n1.get("consent_irrelevant")
        if c1 and not any(p.consent_rules for p in i2.provisions):
            out.append(Divergence(pair, "rule", "consent",
                                  f"{i1.short} makes the victim's consent irrelevant once a means is "
                                  f"used ({c1.citation}); {i2.short} has no rule on consent. Both "
                                  f"are {_word(r1)}."))
        e1 = n1.get("exception")
        if e1 and "exception" not in n2:
            out.append(Divergence(pair, "rule", "exception",
                                  f"{i1.short} is {_word(r1)} because of its "
                                  f"exception for humanitarian purposes ({e1.citation}); {i2.short} "
                                  f"has no such exception and is {_word(r2)} on "
                                  f"other grounds."))
        only = _purposes_only_one_has(memo.purposes(r1), statutes.purposes[i2.id]) \
            if r1.verdict == "met" else None
        if only:
            out.append(Divergence(pair, "rule", "purpose",
                                  f"{i1.short} is met on a purpose {i2.short} does not have "
                                  f"({only}, {r1.limb.citation}); {i2.short} is "
                                  f"{_word(r2)} on another ground "
                                  f"({r2.limb.citation})."))
    return out


def _purposes_only_one_has(used: list, covered: frozenset[str]) -> str | None:
    """When every limb by which a result is met rests on purposes (`used`, one set a limb)
    that the other instrument does not list at all (`covered`: such as Art. 150(1)(a)'s money
    or other material benefit), those purposes; else None."""
    if not used or any(u & covered for u in used):
        return None
    return ", ".join(sorted(set().union(*used))).replace("_", " ")
