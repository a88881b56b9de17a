"""Pipeline: statutes + suites -> per-scenario results, divergences and expectation checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lawcheck import model as m
from lawcheck.compare import Divergence, divergences
from lawcheck.evaluate import InstrumentResult, evaluate
from lawcheck.scenarios import Scenario, Suite


@dataclass(frozen=True)
class Mismatch:
    instrument: str
    expected: str
    actual: str
    expected_reason: str
    explanation: str


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    results: dict[str, InstrumentResult]
    divergences: tuple[Divergence, ...]
    mismatches: tuple[Mismatch, ...]
    # The date the law is taken at (the scenario's own date, else the run's as-of date; None:
    # every instrument as written), and the instruments in force then. Only those are compared
    # and have their expectations checked.
    when: date | None = None
    in_force: frozenset[str] = frozenset()
    skipped: tuple[str, ...] = ()       # expectations not checked: instrument not in force

    @property
    def passed(self) -> bool:
        return not self.mismatches

    @property
    def diverges(self) -> bool:
        return any(d.kind == "verdict" for d in self.divergences)


@dataclass(frozen=True)
class RunResult:
    statutes: m.StatuteSet
    suites: tuple[Suite, ...]
    scenarios: tuple[ScenarioResult, ...]
    as_of: date | None = None

    @property
    def passed(self) -> bool:
        return all(s.passed for s in self.scenarios)

    @property
    def mismatch_count(self) -> int:
        return sum(len(s.mismatches) for s in self.scenarios)

    @property
    def expectation_count(self) -> int:
        """Expected verdicts checked (those of instruments in force at the scenario's date)."""
        return sum(len(s.scenario.expect) - len(s.skipped) for s in self.scenarios)

    @property
    def skipped_count(self) -> int:
        return sum(len(s.skipped) for s in self.scenarios)


def in_force(inst: m.Instrument, when: date | None) -> bool:
    """Whether the instrument is in force on the date (every instrument is, with no date)."""
    return inst.in_force_on(when)


def evaluate_scenario(scenario: Scenario, statutes: m.StatuteSet,
                      as_of: date | None = None) -> ScenarioResult:
    """Every instrument's verdict on the scenario. The law is taken at the scenario's own date,
    else at `as_of`; instruments not in force then are evaluated as written but neither compared
    nor checked against their expectations."""
    when = scenario.facts.date or as_of
    results = {inst.id: evaluate(inst, scenario.facts, statutes, when)
               for inst in statutes.instruments}
    live = frozenset(i.id for i in statutes.instruments if in_force(i, when))
    mismatches, skipped = [], []
    for inst_id, exp in sorted(scenario.expect.items()):
        if inst_id not in live:
            skipped.append(inst_id)
            continue
        exp = exp.at(when)
        got = results[inst_id]
        if got.verdict != exp.verdict:
            mismatches.append(Mismatch(inst_id, exp.verdict, got.verdict, exp.reason,
                                       _why(got)))
        elif exp.penalty is not None:
            clause = got.penalty.clause if got.penalty else "no penalty"
            if clause != exp.penalty:
                mismatches.append(Mismatch(inst_id, f"penalty {exp.penalty}",
                                           f"penalty {clause}", exp.reason,
                                           _penalty_why(got)))
    compared = {k: v for k, v in results.items() if k in live}
    return ScenarioResult(scenario, results, divergences(compared, statutes), tuple(mismatches),
                          when, live, tuple(skipped))


def _penalty_why(r: InstrumentResult) -> str:
    p = r.penalty
    if p is None:
        return "no penalty bracket: the instrument is not met or sets no penalty"
    return f"{p.clause}: {p.sentence}" + (f", because {'; '.join(p.grounds)}" if p.grounds else "")


def _why(r: InstrumentResult) -> str:
    if r.verdict == "uncertain" and r.reasons:
        return "; ".join(x.text() for x in r.reasons)
    if r.verdict == "met":
        return f"{r.limb.citation} is met"
    fails = r.limb.failures
    if fails:
        return f"closest limb {r.limb.citation} fails on " + "; ".join(
            f"{e.name} ({e.fact})" for e in fails)
    return f"{r.limb.citation} is not met"


def run(statutes: m.StatuteSet, suites: list[Suite], as_of: date | None = None) -> RunResult:
    scenarios = tuple(evaluate_scenario(sc, statutes, as_of)
                      for suite in suites for sc in suite.scenarios)
    return RunResult(statutes, tuple(suites), scenarios, as_of)
