"""Stage 5c: scenarios + explorer -> what the scenarios leave untested.

* Elements. A scenario *shows an element deciding* when the element is the only one its limb
  fails on (so the verdict of that limb turns on it), and *shows it holding* when its limb is met.
  An element no scenario shows deciding is untested in the way that matters: deleting it from the
  statute file would change no bundled verdict.
* Divergence regions. A region the explorer finds is *demonstrated* when some scenario diverges
  the same way: the same pair, the same instrument nearer to met, the same robustness and cause.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawcheck.statute import model as m
from lawcheck.engine.explore import Exploration, Region, shown_by
from lawcheck.engine.run import RunResult


@dataclass(frozen=True)
class ElementCoverage:
    instrument: str
    limb: str              # the limb's citation
    type: str              # the element's kind: age, handover, except, refers, or a set's kind
    citation: str
    deciding: tuple[str, ...]   # scenarios that show it deciding
    holding: tuple[str, ...]    # scenarios whose limb is met

    def name(self, lang: str | None = None) -> str:
        """The element's name, in words (the wording catalogue's msgctxt "coverage-element")."""
        from lawcheck.views.catalogue import SOURCE_LANGUAGE, say
        return say("coverage-element", self.type, lang or SOURCE_LANGUAGE)

    @property
    def element(self) -> str:
        """The element's name in the source language, as the coverage text and JSON give it."""
        return self.name()


@dataclass(frozen=True)
class RegionCoverage:
    region: Region
    scenarios: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    elements: tuple[ElementCoverage, ...]
    regions: tuple[RegionCoverage, ...]

    @property
    def untested(self) -> tuple[ElementCoverage, ...]:
        return tuple(e for e in self.elements if not e.deciding)

    @property
    def undemonstrated(self) -> tuple[RegionCoverage, ...]:
        return tuple(r for r in self.regions if not r.scenarios)


def coverage(result: RunResult, exploration: Exploration) -> Coverage:
    statutes = result.statutes
    deciding: dict[tuple, list[str]] = {}
    holding: dict[tuple, list[str]] = {}
    for s in result.scenarios:
        for inst_id, r in s.results.items():
            for t in r.limbs:
                failing = [i for i, e in enumerate(t.elements) if e.status == "not_satisfied"]
                if len(failing) == 1:
                    deciding.setdefault((inst_id, t.provision, t.limb, failing[0]),
                                        []).append(s.scenario.id)
                if t.status == "met":
                    for i in range(len(t.elements)):
                        holding.setdefault((inst_id, t.provision, t.limb, i),
                                           []).append(s.scenario.id)
    elements = []
    for inst in statutes.instruments:
        for p in inst.provisions:
            for lb in p.limbs:
                for i, el in enumerate(lb.elements):
                    if isinstance(el, m.NoMeansElement):
                        continue        # nothing to prove, nothing to test
                    key = (inst.id, p.id, lb.id, i)
                    elements.append(ElementCoverage(
                        inst.id, lb.citation, _type(el), el.citation,
                        tuple(dict.fromkeys(deciding.get(key, ()))),
                        tuple(dict.fromkeys(holding.get(key, ())))))
    shown = shown_by(result.scenarios)
    regions = tuple(RegionCoverage(r, tuple(dict.fromkeys(shown.get(r.key, ()))))
                    for r in exploration.regions)
    return Coverage(tuple(elements), regions)


def _type(el) -> str:
    return el.kind if isinstance(el, m.SetElement) else el.type
