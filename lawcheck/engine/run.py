"""Pipeline: statutes + suites -> per-scenario results, divergences and expectation checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Iterable, Iterator

from lawcheck.statute import model as m
from lawcheck.engine.compare import Divergence, any_verdict_divergence, divergences
from lawcheck.engine.evaluate import InstrumentResult, compile_instrument, evaluate, reasons_for
from lawcheck.scenarios import Facts, Scenario, Suite


class LazyResult:
    """An instrument's verdict on a scenario, from the generated verdict function (about a
    microsecond); the element-by-element trace (limbs, reasons, notes, penalty) is built the
    first time anything else is asked of it, so only what someone reads is traced: explain, the
    report's cells, mismatches, divergences, `--trace`."""

    __slots__ = ("instrument", "verdict", "may_have_rules", "_inst", "_facts", "_statutes",
                 "_when", "_full", "_reasons")

    def __init__(self, inst: m.Instrument, facts: Facts, statutes: m.StatuteSet,
                 when: date | None):
        self.instrument = inst.id
        self._inst, self._facts, self._statutes, self._when = inst, facts, statutes, when
        self.verdict = compile_instrument(inst, statutes).fast(facts, when or facts.date)
        self._full = None
        self._reasons = None
        # whether a rule-level divergence (consent, exception) can show, without a trace
        self.may_have_rules = (facts.consent.movement is True or facts.consent.exploitation
                               is True or any(getattr(facts, f) is True
                                              for f in m.EXCEPTION_FLAGS))

    @property
    def penalty(self):
        """The penalty bracket: from the verdict and the facts, no trace needed."""
        if self._full is not None:
            return self._full.penalty
        from lawcheck.engine.penalties import penalty
        return penalty(self._inst, self._facts, self.verdict)

    @property
    def reasons(self):
        """Why an uncertain verdict is uncertain: from the outcome table, no trace needed."""
        if self._full is not None or self.verdict != "uncertain":
            return self._full.reasons if self._full is not None else ()
        if self._reasons is None:
            self._reasons = reasons_for(compile_instrument(self._inst, self._statutes),
                                        self._facts, self._when or self._facts.date)
        return self._reasons

    @property
    def full(self) -> InstrumentResult:
        if self._full is None:
            try:
                self._full = evaluate(self._inst, self._facts, self._statutes, self._when)
            except AttributeError as exc:    # not "no such attribute": a bug inside evaluate
                raise RuntimeError(f"evaluating {self.instrument}: {exc}") from exc
        return self._full

    def __getattr__(self, name):
        if name.startswith("_") or name == "full":
            raise AttributeError(name)
        return getattr(self.full, name)


@dataclass(frozen=True)
class Mismatch:
    """An expectation that does not hold: on the verdict, or on the penalty bracket. `result`
    is lawcheck's (the views say why it differs: lawcheck.views.wording)."""
    instrument: str
    expected: str
    actual: str
    expected_reason: str
    result: InstrumentResult
    on: str = "verdict"          # verdict, penalty


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    results: dict[str, InstrumentResult]
    # the divergences, or a function that gives them: they are explained (which needs the
    # traces) only when someone reads them; the table's mark needs only `diverges`
    divergence_source: object
    mismatches: tuple[Mismatch, ...]
    # The date the law is taken at (the scenario's own date, else the run's as-of date; None:
    # every instrument as written), and the instruments in force then. Only those are compared
    # and have their expectations checked.
    when: date | None = None
    in_force: frozenset[str] = frozenset()
    skipped: tuple[str, ...] = ()       # expectations not checked: instrument not in force
    diverging: bool | None = None       # known without the divergences (None: ask them)

    @cached_property
    def divergences(self) -> tuple[Divergence, ...]:
        src = self.divergence_source
        return src() if callable(src) else src

    @property
    def passed(self) -> bool:
        return not self.mismatches

    @property
    def diverges(self) -> bool:
        if self.diverging is not None:
            return self.diverging
        return any(d.kind == "verdict" for d in self.divergences)


@dataclass(frozen=True)
class RunResult:
    statutes: m.StatuteSet
    suites: tuple[Suite, ...]
    scenarios: tuple[ScenarioResult, ...]
    as_of: date | None = None

    @cached_property
    def tally(self) -> "Tally":
        """The counts the summary gives, counted once."""
        return Tally.of(self)

    @property
    def passed(self) -> bool:
        return self.tally.passed

    @property
    def mismatch_count(self) -> int:
        return len(self.tally.mismatches)

    @property
    def expectation_count(self) -> int:
        """Expected verdicts checked (those of instruments in force at the scenario's date)."""
        return self.tally.expectations

    @property
    def skipped_count(self) -> int:
        return self.tally.skipped


def in_force(inst: m.Instrument, when: date | None) -> bool:
    """Whether the instrument is in force on the date (every instrument is, with no date)."""
    return inst.in_force_on(when)


def evaluate_scenario(scenario: Scenario, statutes: m.StatuteSet,
                      as_of: date | None = None) -> ScenarioResult:
    """Every instrument's verdict on the scenario. The law is taken at the scenario's own date,
    else at `as_of`; instruments not in force then are evaluated as written but neither compared
    nor checked against their expectations."""
    when = scenario.facts.date or as_of
    results = {inst.id: LazyResult(inst, scenario.facts, statutes, when)
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
            mismatches.append(Mismatch(inst_id, exp.verdict, got.verdict, exp.reason, got))
        elif exp.penalty is not None:
            clause = got.penalty.clause if got.penalty else "no penalty"
            if clause != exp.penalty:
                mismatches.append(Mismatch(inst_id, f"penalty {exp.penalty}",
                                           f"penalty {clause}", exp.reason, got, "penalty"))
    compared = {k: v for k, v in results.items() if k in live}
    return ScenarioResult(scenario, results, lambda: divergences(compared, statutes),
                          tuple(mismatches), when, live, tuple(skipped),
                          any_verdict_divergence(compared, statutes))


def iter_run(statutes: m.StatuteSet, suites: Iterable[Suite],
             as_of: date | None = None) -> Iterator[ScenarioResult]:
    """Every scenario's result, one at a time: a caller that writes each and lets it go keeps
    memory flat whatever the number of scenarios."""
    for suite in suites:
        for sc in suite.scenarios:
            yield evaluate_scenario(sc, statutes, as_of)


def run(statutes: m.StatuteSet, suites: list[Suite], as_of: date | None = None) -> RunResult:
    return RunResult(statutes, tuple(suites), tuple(iter_run(statutes, suites, as_of)), as_of)


@dataclass
class Tally:
    """What a run's summary says, counted while its results stream past."""

    scenarios: int = 0
    divergent: int = 0
    expectations: int = 0          # checked (the instrument in force at the scenario's date)
    skipped: int = 0
    # each mismatch with its scenario's id and where it is written
    mismatches: list[tuple[str, object, Mismatch]] = field(default_factory=list)

    def add(self, s: ScenarioResult) -> ScenarioResult:
        self.scenarios += 1
        self.divergent += s.diverges
        self.expectations += len(s.scenario.expect) - len(s.skipped)
        self.skipped += len(s.skipped)
        self.mismatches.extend((s.scenario.id, s.scenario.span, x) for x in s.mismatches)
        return s

    @property
    def passed(self) -> bool:
        return not self.mismatches

    @classmethod
    def of(cls, result: RunResult) -> "Tally":
        t = cls()
        for s in result.scenarios:
            t.add(s)
        return t
