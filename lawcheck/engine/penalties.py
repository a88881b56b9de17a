"""Stage 4c: a met (or possibly met) provision + the facts -> its penalty bracket.

The clauses of an article rank by their prison range. The bracket is the highest clause one of
whose aggravating circumstances holds, else the clause with none (clause 1). A circumstance whose
fact is unknown names a higher bracket that is possible. Treaties and the prevention laws set no
penalty: their instruments have no `penalty` statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawcheck.engine.results import FACT_FIELD
from lawcheck.statute import model as m


@dataclass(frozen=True)
class PenaltyResult:
    """The bracket, as data (the views word it: lawcheck.views.wording)."""

    bracket: m.Penalty                          # the clause, e.g. Art. 150(2): 8 to 15 years
    grounds: tuple[m.Aggravation, ...]          # the circumstances that put the case there
    # higher brackets that turn on a fact left unknown, each with the circumstances it turns on
    possible: tuple[tuple[m.Penalty, tuple[m.Aggravation, ...]], ...]
    additional: tuple[str, ...]                 # clauses of additional penalties (fines, bans)

    @property
    def clause(self) -> str:
        """The bracket's citation, e.g. "Art. 150(2)"."""
        return self.bracket.citation


def holds(a: m.Aggravation, facts) -> bool | None:
    """Whether the circumstance holds on the facts: True, False, or None (unknown, or an open
    reading of the text)."""
    value = _holds(a, facts)
    return None if value and a.open_question else value




def _shows(kind: str, term: str, facts) -> bool | None:
    """Whether the facts state the term (None: the border crossed is unknown)."""
    if kind == "border":
        return None if facts.border == m.UNKNOWN else facts.border == term
    return term in getattr(facts, FACT_FIELD[kind])


def _holds(a: m.Aggravation, facts) -> bool | None:
    """What the statute file says shows the circumstance (`also`, `maybe`), then the
    circumstance the case file states, if the vocabulary says it reads one."""
    shown = [_shows(kind, term, facts) for kind, term in a.also]
    if True in shown:
        return True
    own = _own(a, facts)                     # the circumstance the case file states, if any
    if own is True:
        return True
    if any(_shows(kind, term, facts) for kind, term in a.maybe):
        return None                          # an open reading: whether it holds is not settled
    if None in shown:                        # e.g. the border crossed is unknown
        return None
    return own


def _own(a: m.Aggravation, facts) -> bool | None:
    """The circumstance the case file states: False where the circumstance reads none of its
    own (it is shown only by `also`)."""
    read = a.term.reads
    if read is None:
        return False
    # (facts not typed by the vocabulary may leave it out: then it has its default)
    value = facts.circumstances.get(read.name, read.default)
    if value is None or value == m.UNKNOWN:
        return None
    if a.low is not None:                    # a counted circumstance: victims, injury rate
        return a.low <= value and (a.high is None or value <= a.high)
    return value


def penalty(inst: m.Instrument, facts, verdict: str) -> PenaltyResult | None:
    """The bracket where the instrument is met or may be met; None where it is not met or sets
    no penalty."""
    clauses = [p for prov in inst.provisions for p in prov.penalties]
    prisons = sorted((p for p in clauses if p.kind == "prison"),
                     key=lambda p: (p.low, p.high, p.life))
    if not prisons or verdict == "not_met":
        return None
    chosen = next((p for p in prisons if not p.aggravations), prisons[0])
    grounds: tuple[m.Aggravation, ...] = ()
    possible = []
    for p in prisons:
        if not p.aggravations:
            continue
        found = [(a, holds(a, facts)) for a in p.aggravations]
        sure = tuple(a for a, v in found if v is True)
        unsure = tuple(a for a, v in found if v is None)
        if sure:
            chosen, grounds = p, sure
        elif unsure:
            possible.append((p, unsure))
    rank = prisons.index(chosen)
    return PenaltyResult(chosen, grounds,
                         tuple((p, why) for p, why in possible if prisons.index(p) > rank),
                         tuple(p.citation for p in clauses if p.kind == "additional"))


def sets_penalties(inst: m.Instrument) -> bool:
    return any(prov.penalties for prov in inst.provisions)
