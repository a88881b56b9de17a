"""Stage 4c: a met (or possibly met) provision + the facts -> its penalty bracket.

The clauses of an article rank by their prison range. The bracket is the highest clause one of
whose aggravating circumstances holds, else the clause with none (clause 1). A circumstance whose
fact is unknown names a higher bracket that is possible. Treaties and the prevention laws set no
penalty: their instruments have no `penalty` statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawcheck.statute import model as m


@dataclass(frozen=True)
class PenaltyResult:
    clause: str                 # the bracket's citation, e.g. "Art. 150(2)"
    sentence: str               # "8 to 15 years' imprisonment"
    grounds: tuple[str, ...]    # the circumstances that put the case there, with citations
    possible: tuple[str, ...]   # higher brackets that turn on a fact left unknown
    additional: tuple[str, ...]  # clauses of additional penalties (fines, bans)


def holds(a: m.Aggravation, facts) -> bool | None:
    """Whether the circumstance holds on the facts: True, False, or None (unknown, or an open
    reading of the text)."""
    value = _holds(a, facts)
    return None if value and a.open_question else value


_FIELD = {"act": "acts", "means": "means", "purpose": "purposes"}


def _holds(a: m.Aggravation, facts) -> bool | None:
    if any(term in getattr(facts, _FIELD[kind]) for kind, term in a.also):
        return True
    c = facts.circumstances
    if a.name == "purpose_taking_abroad":    # 1999: "in order to take abroad", a purpose
        return None if facts.border == "unknown" else facts.border == "out_of_viet_nam"
    if a.name in ("victims", "injury"):
        value = c.victims if a.name == "victims" else c.injury_percent
        if value == "unknown":
            return None
        return a.low <= value and (a.high is None or value <= a.high)
    if a.name == "purpose_prostitution":
        return "prostitution_of_others" in facts.purposes
    if a.name == "purpose_organ_removal":
        return "organ_removal" in facts.purposes
    if a.name == "purpose_inhumane":
        if "other_inhumane_purpose" in facts.purposes:
            return True
        # Res. 02/2019 Art. 2(7) counts begging and experiments as inhumane purposes under the
        # 2015 Code only; for the 1999 Code the sources are silent
        return None if {"forced_begging", "experiments"} & set(facts.purposes) else False
    return getattr(c, a.name)


def penalty(inst: m.Instrument, facts, verdict: str) -> PenaltyResult | None:
    """The bracket where the instrument is met or may be met; None where it is not met or sets
    no penalty."""
    clauses = [p for prov in inst.provisions for p in prov.penalties]
    prisons = sorted((p for p in clauses if p.kind == "prison"),
                     key=lambda p: (p.low, p.high, p.life))
    if not prisons or verdict == "not_met":
        return None
    chosen = next((p for p in prisons if not p.aggravations), prisons[0])
    grounds: tuple[str, ...] = ()
    possible = []
    for p in prisons:
        if not p.aggravations:
            continue
        found = [(a, holds(a, facts)) for a in p.aggravations]
        sure = [a for a, v in found if v is True]
        unsure = [a for a, v in found if v is None]
        if sure:
            chosen = p
            grounds = tuple(f"{a.describe()} ({a.citation})" for a in sure)
        elif unsure:
            possible.append((p, "if " + " or ".join(f"{a.describe()} ({a.citation})"
                                                    for a in unsure)))
    rank = prisons.index(chosen)
    maybe = tuple(f"{p.citation}: {p.describe()} {why}" for p, why in possible
                  if prisons.index(p) > rank)
    return PenaltyResult(chosen.citation, chosen.describe(), grounds, maybe,
                         tuple(p.citation for p in clauses if p.kind == "additional"))


def sets_penalties(inst: m.Instrument) -> bool:
    return any(prov.penalties for prov in inst.provisions)
