"""What evaluation gives: each element's, limb's and instrument's result, with the reasons and
notes, and the names every stage uses for element kinds and categories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from lawcheck.statute import model as m

Status = Literal["satisfied", "not_satisfied", "unknown", "open", "not_required"]

FACT_FIELD = {"act": "acts", "means": "means", "purpose": "purposes"}   # term kind -> Facts field
# ------------------------------------------------------------------------------------- results

@dataclass(frozen=True)
class Found:
    """What the facts showed for one element, as data (the views put it in words, through the
    element's kind and the wording catalogue). Each kind fills the fields it reads:
      age         `age`: (lowest, highest) the victim may be, or None if unknown;
      act, means, purpose   `field` (acts, means, purposes) and `terms`: those that decided it,
                  or every term stated where none did;
      handover, except      `field` (the fact read) and `value`: True, False or None (unknown);
      refers      `refs`: ((target, verdict), ...) as written; `later`: the same read as its
                  successors, where that reading is in play; `targets`: not yet encoded;
      no_means    nothing."""

    field: str = ""
    terms: tuple[str, ...] = ()
    age: tuple[int, int] | None = None
    value: bool | None = None
    refs: tuple[tuple[str, str], ...] = ()
    later: tuple[tuple[str, str], ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Asks:
    """What an element asks for, as data (see Found): an age line (`op`, `years`); the terms
    a set lists (`field`, `terms`, and `all_open` where every one is open to interpretation);
    an exception's fact (`field`); a reference's intended act (`intended`)."""

    field: str = ""
    op: str = ""
    years: int = 0
    terms: tuple[str, ...] = ()
    all_open: bool = False
    intended: str = ""


@dataclass(frozen=True)
class ElementResult:
    type: str                      # age, act, means, purpose, handover, except, refers, no_means
    category: str                  # child age, act, means, purpose, transfer, exception, reference
    status: Status
    found: Found                   # the facts that decided it
    citation: str
    words: tuple[m.Words, ...]
    matched: tuple[str, ...] = ()  # vocabulary terms that satisfied it
    questions: tuple[str, ...] = ()  # open questions it raises
    asks: Asks = Asks()            # what the element asks for
    note: str | None = None


@dataclass(frozen=True)
class LimbResult:
    provision: str
    limb: str
    citation: str
    status: Literal["met", "not_met", "uncertain"]
    elements: tuple[ElementResult, ...]

    @property
    def failures(self) -> tuple[ElementResult, ...]:
        return tuple(e for e in self.elements if e.status == "not_satisfied")


@dataclass(frozen=True)
class Reason:
    """What an uncertain verdict turns on: a fact left unknown, or an open point of law."""

    kind: Literal["unknown_fact", "open_law"]
    variable: str     # the fact (victim_age, handover, an exception's fact), or the open question
    citation: str     # the open point's (none for a fact)
    # each value of the variable (an age segment; True, False) with the outcome under it:
    # met, not_met, or open (it depends on another variable)
    outcomes: tuple[tuple[object, str], ...]
    category: str     # the element it bears on: child age, transfer, exception, means, ...
    ages: tuple[int, int] = (0, 130)   # for the age: the first and last age the facts allow


@dataclass(frozen=True)
class Note:
    """A rule or circumstance the facts bring into play, as data: `rule` (consent_irrelevant,
    consent, no_consent_rule, exception, scope, in_force, not_encoded, not_bound), `case` the
    form it takes (the wording catalogue's message for it, in full and brief), and the values
    it names."""

    rule: str
    citation: str
    case: str
    values: tuple[tuple[str, object], ...] = ()

    def value(self, name: str):
        return dict(self.values)[name]


@dataclass(frozen=True)
class InstrumentResult:
    instrument: str
    verdict: Literal["met", "not_met", "uncertain"]
    limb: LimbResult                      # the deciding (or closest) limb
    limbs: tuple[LimbResult, ...]
    reasons: tuple[Reason, ...] = ()
    notes: tuple[Note, ...] = ()
    penalty: object = None        # lawcheck.engine.penalties.PenaltyResult where met or possibly met

    @property
    def citation(self) -> str:
        return self.limb.citation



@dataclass(frozen=True)
class OpenPoint:
    """A point of law the statute file marks open: the question, where it sits, and the
    vocabulary terms that raise it (none for an unresolved reference, which is always in play,
    and for a reading of a reference open from a date, in play from that date)."""

    question: str
    citation: str
    category: str
    terms: frozenset[str] = frozenset()
    since: date | None = None

    def in_play(self, fact_terms: set, when: date | None) -> bool:
        if self.since is not None and (when is None or when < self.since):
            return False
        return not self.terms or bool(self.terms & fact_terms)
