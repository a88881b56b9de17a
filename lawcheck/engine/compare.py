"""Stage 5: results of one scenario -> divergences between instruments, as data (the views word
them: lawcheck.views.wording)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from lawcheck.statute import model as m
from lawcheck.engine.evaluate import ElementResult, InstrumentResult, LimbResult

# When a limb fails on several elements (or an uncertain verdict turns on several points), the
# first of these names the divergence.
CAUSE_ORDER = ("child age", "means", "transfer", "act", "purpose", "exception", "reference")


def cause_rank(category: str) -> int:
    return CAUSE_ORDER.index(category) if category in CAUSE_ORDER else len(CAUSE_ORDER)


def main_cause(reasons) -> str:
    """The element an uncertain verdict's reasons bear on first (by CAUSE_ORDER, not by the
    wording of its open questions), or "reference" if it gives none."""
    return min((x.category for x in reasons), key=cause_rank, default="reference")


@dataclass(frozen=True)
class Divergence:
    """Two instruments part on a scenario, as data; lawcheck.views.wording puts it in words.

    `case` names the form of the explanation and the roles of the results it carries:
      verdict divergences   "met-not-met": `first` met, `second` not met, `failed` the element
                            the second's closest limb fails on (None: the limb as a whole);
                            "uncertain": `first` uncertain, `second` met or not met (`failed`
                            as above where it is not met); "both-uncertain": both, on different
                            open points (the explorer's; `terms`: the facts and open points
                            one turns on and the other not);
      complemented          "split": `first` and `second` divide one offence; "complement-same",
                            "complement-closer", "complement-age": `first` falls short, `second`
                            is the other instrument, `third` the complement that stands in;
      rule divergences      "consent", "exception", "purpose": `first` has the rule (or is met
                            on purposes `terms` the other lacks; for an exception, `terms` is
                            the fact that brings it into play), `second` has not; `citation`
                            is the rule's."""

    between: tuple[str, str]
    kind: Literal["verdict", "rule", "complemented"]
    element: str          # child age, means, transfer, act, purpose, consent, exception, ...
    case: str
    first: InstrumentResult
    second: InstrumentResult
    third: InstrumentResult | None = None
    failed: ElementResult | None = None
    terms: tuple[str, ...] = ()
    citation: str = ""


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
    if cover in (ia.id, ib.id):
        return Divergence(pair, "complemented", "complement", "split", ra, rb)
    # the member of the pair that the complement stands in for
    rm, ro = (ra, rb) if cover in ia.complements else (rb, ra)
    rc = results[cover]
    case = ("complement-same" if rc.verdict == ro.verdict else
            "complement-closer" if _RANK[rc.verdict] > _RANK[rm.verdict] else "complement-age")
    return Divergence(pair, "complemented", "complement", case, rm, ro, rc)


def _verdict_divergence(ra, ia, rb, ib) -> Divergence:
    # Order the pair so that `ra` is the instrument whose verdict is nearer to "met".
    if _RANK[ra.verdict] < _RANK[rb.verdict]:
        ra, ia, rb, ib = rb, ib, ra, ia
    pair = tuple(sorted((ia.id, ib.id)))
    if rb.verdict == "uncertain" or ra.verdict == "uncertain":
        unsure, sure = (rb, ra) if rb.verdict == "uncertain" else (ra, rb)
        element = main_cause(unsure.reasons)
        failed = _main_failure(sure.limb) if sure.verdict == "not_met" else None
        return Divergence(pair, "verdict", element, "uncertain", unsure, sure, failed=failed)
    # ra met, rb not met
    failed = _main_failure(rb.limb)
    return Divergence(pair, "verdict", failed.category if failed else "act", "met-not-met",
                      ra, rb, failed=failed)


def _main_failure(limb: LimbResult) -> ElementResult | None:
    fails = limb.failures
    if not fails:
        return None
    return min(fails, key=lambda e: cause_rank(e.category))


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
            out.append(Divergence(pair, "rule", "consent", "consent", r1, r2,
                                  citation=c1.citation))
        e1 = n1.get("exception")
        if e1 and "exception" not in n2:
            out.append(Divergence(pair, "rule", "exception", "exception", r1, r2,
                                  terms=(e1.value("fact"),), citation=e1.citation))
        only = _purposes_only_one_has(memo.purposes(r1), statutes.purposes[i2.id]) \
            if r1.verdict == "met" else ()
        if only:
            out.append(Divergence(pair, "rule", "purpose", "purpose", r1, r2, terms=only))
    return out


def _purposes_only_one_has(used: list, covered: frozenset[str]) -> tuple[str, ...]:
    """When every limb by which a result is met rests on purposes (`used`, one set a limb)
    that the other instrument does not list at all (`covered`: such as Art. 150(1)(a)'s money
    or other material benefit), those purposes; else none."""
    if not used or any(u & covered for u in used):
        return ()
    return tuple(sorted(set().union(*used)))
