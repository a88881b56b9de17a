"""Stage 5d: a scenario through time -> its verdicts at every date where some instrument entered
into force or ceased, and the divergences each change opened or closed (`lawcheck history`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lawcheck.statute import model as m
from lawcheck.engine.compare import Divergence
from lawcheck.engine.run import ScenarioResult, evaluate_scenario
from lawcheck.scenarios import Scenario


@dataclass(frozen=True)
class Step:
    start: date                       # the law as from this date ...
    end: date | None                  # ... until this date (None: still now)
    entered: tuple[str, ...]          # instruments that entered into force on `start`
    ceased: tuple[str, ...]           # instruments that ceased to be in force the day before
    result: ScenarioResult            # the scenario as of `start`
    opened: tuple[Divergence, ...]    # divergences that exist from `start` and did not before
    closed: tuple[Divergence, ...]    # divergences that existed before and end here


def boundaries(statutes: m.StatuteSet) -> list[date]:
    out = set()
    for inst in statutes.instruments:
        for p in inst.provisions:   # a reading of a reference open from a date
            for lb in p.limbs:
                out.update(e.successors.since for e in lb.elements
                           if isinstance(e, m.RefersElement) and e.successors)
        if inst.in_force_from:
            out.add(inst.in_force_from)
        if inst.in_force_to:
            out.add(inst.in_force_to + timedelta(days=1))
    return sorted(out)


def _key(d: Divergence) -> tuple:
    return (d.between, d.element)


def history(scenario: Scenario, statutes: m.StatuteSet) -> list[Step]:
    timeless = scenario.model_copy(update={"facts": scenario.facts.model_copy(
        update={"date": None})})
    dates = boundaries(statutes)
    steps: list[Step] = []
    before: ScenarioResult | None = None
    for n, start in enumerate(dates):
        now = evaluate_scenario(timeless, statutes, start)
        prev_live = before.in_force if before else frozenset()
        prev = {_key(d): d for d in before.divergences if d.kind == "verdict"} if before else {}
        cur = {_key(d): d for d in now.divergences if d.kind == "verdict"}
        end = dates[n + 1] - timedelta(days=1) if n + 1 < len(dates) else None
        steps.append(Step(start, end, tuple(sorted(now.in_force - prev_live)),
                          tuple(sorted(prev_live - now.in_force)), now,
                          tuple(cur[k] for k in sorted(cur) if k not in prev),
                          tuple(prev[k] for k in sorted(prev) if k not in cur)))
        before = now
    return steps
