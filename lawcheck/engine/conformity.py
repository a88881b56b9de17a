"""Stage 5d: the law in force -> where each domestic definition parts from the treaty that binds
the State, as data (the report's conformity summary words it).

* The reference is a treaty the statute files say binds a State (`bound`), with its text not
  marked unverified; the domestic instruments are those of that State's jurisdiction in force on
  the date. Other treaties in force are compared with the reference (do they mirror it?).
* Each difference is a region of the explorer between the reference and one domestic
  instrument (every fact pattern the two statutes distinguish, so nothing is sampled), or a
  rule only one of them has (consent, an exception); with the bundled scenarios that show it.
* Differences are ordered by consequence: first those under every reading of the open points
  (robust) where the treaty reaches a victim the domestic text does not, then those where the
  domestic text reaches further, then the rules, then those that turn on an open point, last
  those a complementary article accounts for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lawcheck.statute import model as m
from lawcheck.engine.compare import cause_rank
from lawcheck.engine.explore import Exploration, Witness, explore, shown_by
from lawcheck.engine.run import RunResult


@dataclass(frozen=True)
class Difference:
    reference: str
    instrument: str
    kind: str                  # verdict, rule (same verdict, a rule only one has), complemented
    cause: str                 # child age, means, transfer, act, purpose, consent, exception, ...
    robust: bool               # under every reading of the open points
    # who reaches further on the witness: "reference" (the treaty reaches a victim the domestic
    # text does not), "instrument" (the domestic text reaches further), "either" (both
    # uncertain), or "" for a rule
    reaches: str
    witness: Witness
    witnesses: int             # how many minimal fact patterns show it
    points: tuple[str, ...]    # the open points it turns on (reading-dependent)
    scenarios: tuple[str, ...]  # the scenarios of the run that show it

    @property
    def rank(self) -> tuple:
        group = (0 if self.robust and self.kind == "verdict" and self.reaches == "reference"
                 else 1 if self.robust and self.kind == "verdict"
                 else 2 if self.kind == "rule"
                 else 3 if self.kind == "verdict" else 4)
        return (group, cause_rank(self.cause), -self.witnesses)


@dataclass(frozen=True)
class Comparison:
    reference: str
    instrument: str
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Mirror:
    """Another treaty in force, against the reference: whether some fact pattern parts them."""
    instrument: str
    differences: int           # verdict regions between it and the reference
    robust: int


@dataclass(frozen=True)
class Conformity:
    as_of: date | None
    state: str                 # the State bound, e.g. "Viet Nam"
    reference: str
    comparisons: tuple[Comparison, ...]
    mirrors: tuple[Mirror, ...]


def reference_of(statutes: m.StatuteSet, as_of: date | None) -> m.Instrument | None:
    """The treaty that binds a State on the date, with a text not marked unverified."""
    for inst in statutes.instruments:
        if (inst.bound and inst.in_force_on(as_of) and not inst.unverified
                and (as_of is None or inst.bound.since <= as_of)):
            return inst
    return None


def conformity(result: RunResult, reference: str | None = None) -> Conformity | None:
    """Every difference between the reference treaty and each domestic instrument in force on
    the run's date; None when the statute set has no binding treaty to compare against."""
    statutes, as_of = result.statutes, result.as_of
    ref = statutes.instrument(reference) if reference else reference_of(statutes, as_of)
    if ref is None or ref.bound is None:
        return None
    state = ref.bound.party
    live = tuple(i.id for i in statutes.instruments if i.in_force_on(as_of))
    domestic = [i.id for i in statutes.instruments
                if i.jurisdiction == state and i.in_force_on(as_of)]
    others = [i.id for i in statutes.instruments
              if i.id != ref.id and i.jurisdiction != state and i.kind == ref.kind
              and i.in_force_on(as_of)]
    # one exploration of every pair with the reference, over the space of the instruments in
    # force (as `lawcheck explore` on that date: the same regions and witnesses)
    e = explore(statutes, ids=live, when=as_of,
                pairs=[(ref.id, i) for i in domestic + others])
    shown = shown_by(result.scenarios)
    comparisons = tuple(Comparison(ref.id, i, _differences(e, ref.id, i, shown))
                        for i in domestic)
    mirrors = []
    for i in others:
        regions = [r for r in e.regions if set(r.between) == {ref.id, i} and r.kind == "verdict"]
        mirrors.append(Mirror(i, len(regions), sum(1 for r in regions if r.robust)))
    return Conformity(as_of, state, ref.id, comparisons, tuple(mirrors))


def _differences(e: Exploration, ref: str, inst: str,
                 shown: dict[tuple, list[str]]) -> tuple[Difference, ...]:
    out = []
    for r in e.regions:
        if set(r.between) != {ref, inst}:
            continue
        reaches = ("either" if r.nearer == "either" else
                   "reference" if r.nearer == ref else "instrument")
        points = tuple(dict.fromkeys(q for w in r.witnesses for reading in w.readings
                                     for q, _ in reading))
        out.append(Difference(ref, inst, r.kind, r.cause, r.robust, reaches, r.witness,
                              len(r.witnesses), points,
                              tuple(dict.fromkeys(shown.get(r.key, ())))))
    for w in e.rules:
        d = w.divergence
        if set(d.between) != {ref, inst}:
            continue
        out.append(Difference(ref, inst, "rule", d.element, True, "", w, 1, (),
                              tuple(dict.fromkeys(shown.get((d.between, "rule", d.element),
                                                            ())))))
    return tuple(sorted(out, key=lambda d: d.rank))
