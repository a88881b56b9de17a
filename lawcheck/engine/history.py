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


def text(scenario: Scenario, steps: list[Step], statutes: m.StatuteSet,
         today: date | None = None) -> str:
    from lawcheck.views.terminal import fill as wrap

    today = today or date.today()

    from lawcheck.views.catalogue import table
    words = table("verdict")
    lines = [wrap(f"History of {scenario.id}  {scenario.span}", ""), wrap(scenario.title, "  "),
             wrap("(the verdicts each instrument gives as written, at every date where the law "
                  "in force changed)", "")]
    for s in steps:
        until = (f" to {s.end.isoformat()}" if s.end else
                 " to now" if s.start <= today else " on (a date still to come)")
        lines += ["", f"{s.start.isoformat()}{until}"]
        changes = []
        if s.entered:
            changes.append("enter into force: " + ", ".join(
                f"{i} ({statutes.instrument(i).short})" for i in s.entered))
        if s.ceased:
            changes.append("cease to be in force: " + ", ".join(
                f"{i} ({statutes.instrument(i).short})" for i in s.ceased))
        for c in changes:
            lines.append(wrap(c, "  "))
        live = [i for i in statutes.ids if i in s.result.in_force]
        lines.append(wrap("verdicts: " + "; ".join(
            f"{i} {words[s.result.results[i].verdict]}" for i in live), "  "))
        for d in s.opened:
            lines.append(wrap(f"+ divergence opened, {d.between[0]} / {d.between[1]} "
                              f"[{d.element}]: {d.explanation}", "  "))
        for d in s.closed:
            lines.append(wrap(f"- divergence closed, {d.between[0]} / {d.between[1]} "
                              f"[{d.element}]", "  "))
    return "\n".join(lines) + "\n"


def document(scenario: Scenario, steps: list[Step]) -> dict:
    from lawcheck import __version__

    return {
        "lawcheck_version": __version__,
        "scenario": scenario.id,
        "steps": [{
            "from": s.start.isoformat(), "to": s.end.isoformat() if s.end else None,
            "entered": list(s.entered), "ceased": list(s.ceased),
            "verdicts": {i: s.result.results[i].verdict for i in sorted(s.result.in_force)},
            "opened": [{"between": list(d.between), "element": d.element,
                        "explanation": d.explanation} for d in s.opened],
            "closed": [{"between": list(d.between), "element": d.element} for d in s.closed],
        } for s in steps],
    }
