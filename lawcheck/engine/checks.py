"""Stage 3b: the statute set -> consistency findings (`lawcheck check`), a registry of small checks.

Each check has a code, a name and a one-line explanation, and returns findings as data; the CLI
selects or ignores checks by code or name (miniwdl's Lint.py is the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from lawcheck.statute import model as m
from lawcheck.errors import Diagnostic, Span


def Finding(code: str, span: Span, where: str, message: str, detail: str = "") -> Diagnostic:
    """A lint finding: a diagnostic with its check's code, severity "warning", where it is (the
    instrument, provision and limb, in words) and what to do about it."""
    return Diagnostic(span, message, suggestion=detail or None, context=where, code=code,
                      severity="warning")


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    explanation: str
    run: Callable[[m.StatuteSet], list[Diagnostic]]


REGISTRY: list[Check] = []


def check(code: str, name: str, explanation: str):
    def register(fn):
        REGISTRY.append(Check(code, name, explanation, fn))
        return fn
    return register


def _elements(statutes: m.StatuteSet):
    for inst in statutes.instruments:
        for p in inst.provisions:
            for lb in p.limbs:
                for el in lb.elements:
                    yield inst, p, lb, el


def _where(inst: m.Instrument, p: m.Provision, lb: m.Limb | None = None) -> str:
    out = f"instrument '{inst.id}', provision '{p.id}' ({p.citation})"
    return out + (f", limb '{lb.id}' ({lb.citation})" if lb else "")


@check("LC001", "stale-reference",
       "A provision refers to another that was repealed while the referring one was still in force.")
def stale_references(statutes: m.StatuteSet) -> list[Diagnostic]:
    out = []
    for inst, p, lb, el in _elements(statutes):
        if not isinstance(el, m.RefersElement) or el.unresolved:
            continue
        for target_id in el.targets:
            target = statutes.instrument(target_id)
            end = target.in_force_to
            if end is None or (inst.in_force_to is not None and inst.in_force_to <= end):
                continue
            repealed = end + timedelta(days=1)
            successors = [statutes.instrument(s) for s in target.succeeded_by
                          if s in statutes.ids]
            after = ("; recorded successor" + ("s" if len(successors) > 1 else "") + ": "
                     + ", ".join(f"{s.id} ({s.short}, in force {s.period})" for s in successors)
                     if successors else "; no successor is recorded (`succeeded_by`)")
            until = inst.in_force_to.isoformat() if inst.in_force_to else "now"
            out.append(Finding(
                "LC001", el.span, _where(inst, p, lb),
                f"{inst.id} {el.citation} refers to {target.short} ({target_id}), which ceased "
                f"to be in force on {repealed.isoformat()}, while {inst.id} stayed in force "
                f"until {until}",
                f"{target_id} in force {target.period}; {inst.id} in force {inst.period}{after}. "
                f"From {repealed.isoformat()} the reference points at a repealed provision"
                + (f"; from {el.successors.since.isoformat()} lawcheck reads it as an open point "
                   f"(as written, or as " + ", ".join(r.key for r in el.successors.targets)
                   + f"): {el.successors.question}"
                   if el.successors and el.successors.since <= repealed else ".")))
    return out


@check("LC002", "child-line",
       "Instruments draw the line below which a victim is a child (needing no means) at "
       "different ages.")
def child_lines(statutes: m.StatuteSet) -> list[Diagnostic]:
    lines: dict[int, list[tuple[m.Instrument, m.Provision, m.Limb, m.AgeElement]]] = {}
    for inst, p, lb, el in _elements(statutes):
        if isinstance(el, m.AgeElement) and el.op in ("<", "<=") and any(
                isinstance(e, m.NoMeansElement) for e in lb.elements):
            years = el.years if el.op == "<" else el.years + 1
            found = lines.setdefault(years, [])
            if not any(i.id == inst.id for i, *_ in found):
                found.append((inst, p, lb, el))
    defined: dict[int, list[m.Definition]] = {}
    for d in statutes.definitions:
        if d.term == "child":
            defined.setdefault(d.under, []).append(d)
    if len(set(lines) | set(defined)) < 2:
        return []
    summary = "; ".join(f"under {y}: " + ", ".join(
        [i.id for i, *_ in lines.get(y, [])] + [f"{d.id} ({d.citation})" for d in defined.get(y, [])])
        for y in sorted(set(lines) | set(defined)))
    out = []
    for y in sorted(lines):
        for inst, p, lb, el in lines[y]:
            out.append(Finding(
                "LC002", el.span, _where(inst, p, lb),
                f"{inst.short} treats a victim under {y} as a child ({el.citation}); other "
                f"instruments draw the line elsewhere",
                f"The child line across the statute set: {summary}."))
    for y in sorted(defined):
        for d in defined[y]:
            out.append(Finding(
                "LC002", d.span, f"definition '{d.id}'",
                f"{d.title} defines a child as a person under {y} ({d.term_citation}); "
                "instruments draw the line elsewhere",
                f"The child line across the statute set: {summary}."))
    return out


@check("LC003", "unverified-basis",
       "An element rests only on text the sources mark UNVERIFIED.")
def unverified_basis(statutes: m.StatuteSet) -> list[Diagnostic]:
    out = []
    for inst, p, lb, el in _elements(statutes):
        words = list(el.words)
        if isinstance(el, m.SetElement):
            words = [w for e in el.set.entries for w in e.words]
        if words and all(w.confidence == "unverified" for w in words):
            name = el.kind if isinstance(el, m.SetElement) else el.type
            out.append(Finding("LC003", el.span, _where(inst, p, lb),
                               f"the {name} element ({el.citation}) rests only on text marked "
                               "UNVERIFIED in the sources",
                               "Check the official text before relying on a verdict that "
                               "turns on it."))
    return out


@check("LC004", "unresolved-encoded",
       "A cross-reference is marked unresolved although its target is encoded.")
def unresolved_but_encoded(statutes: m.StatuteSet) -> list[Diagnostic]:
    out = []
    for inst, p, lb, el in _elements(statutes):
        if isinstance(el, m.RefersElement) and el.unresolved and all(
                t in statutes.ids for t in el.targets):
            out.append(Finding("LC004", el.span, _where(inst, p, lb),
                               f"the reference to {', '.join(el.targets)} is marked unresolved, "
                               "but the target is encoded",
                               "Remove `unresolved \"...\"` so that the reference is evaluated."))
    return out


def select(codes: list[str] | None, ignore: list[str] | None) -> list[Check]:
    """The checks to run: all, or those named by code or name, less those ignored."""
    def matches(c: Check, names):
        return any(n.lower() in (c.code.lower(), c.name) for n in names)
    chosen = [c for c in REGISTRY if not codes or matches(c, codes)]
    return [c for c in chosen if not (ignore and matches(c, ignore))]


def known(name: str) -> bool:
    return any(name.lower() in (c.code.lower(), c.name) for c in REGISTRY)


def run_checks(statutes: m.StatuteSet, checks: list[Check]) -> list[Diagnostic]:
    found = [f for c in checks for f in c.run(statutes)]
    return sorted(found, key=lambda f: (f.span.file, f.span.line, f.span.column, f.code))

