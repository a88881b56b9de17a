"""Pipeline: statutes + suites -> per-scenario results, divergences and expectation checks."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def passed(self) -> bool:
        return all(s.passed for s in self.scenarios)

    @property
    def mismatch_count(self) -> int:
        return sum(len(s.mismatches) for s in self.scenarios)

    @property
    def expectation_count(self) -> int:
        return sum(len(s.scenario.expect) for s in self.scenarios)


def evaluate_scenario(scenario: Scenario, statutes: m.StatuteSet) -> ScenarioResult:
    results = {inst.id: evaluate(inst, scenario.facts, statutes) for inst in statutes.instruments}
    mismatches = []
    for inst_id, exp in sorted(scenario.expect.items()):
        got = results[inst_id]
        if got.verdict != exp.verdict:
            mismatches.append(Mismatch(inst_id, exp.verdict, got.verdict, exp.reason,
                                       _why(got)))
    return ScenarioResult(scenario, results, divergences(results, statutes), tuple(mismatches))


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


def run(statutes: m.StatuteSet, suites: list[Suite]) -> RunResult:
    scenarios = tuple(evaluate_scenario(sc, statutes) for suite in suites for sc in suite.scenarios)
    return RunResult(statutes, tuple(suites), scenarios)
