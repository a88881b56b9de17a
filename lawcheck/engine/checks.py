"""Stage 3b: the statute set -> consistency findings (`lawcheck check`), a registry of checks.

Each check has a code and a name (codes both, given to --select and --ignore) and returns
findings as data: a diagnostic whose message, place in the law and detail are message ids of the
wording catalogue with their parameters (lawcheck.errors.Said), worded only when shown. Its
one-line explanation is the catalogue's too (msgctxt "check-explanation", the check's name).
The CLI selects or ignores checks by code or name (miniwdl's Lint.py is the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from lawcheck.statute import model as m
from lawcheck.errors import Diagnostic, Listed, Said, Span, period


def Finding(code: str, span: Span, where: Said, message_id: str, detail: Said | None = None,
            **params) -> Diagnostic:
    """A lint finding: a diagnostic with its check's code, severity "warning", where it is (the
    instrument, provision and limb), its message (an id in msgctxt "diagnostic", with `params`)
    and what to do about it, all worded when shown."""
    return Diagnostic(span, suggestion=detail, context=where, code=code, severity="warning",
                      message_id=message_id, params=tuple(params.items()))


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    run: Callable[[m.StatuteSet], list[Diagnostic]]

    @property
    def explanation(self) -> Said:
        """What the check finds, in one line (lawcheck check --list-checks)."""
        return Said("check-explanation", self.name)


REGISTRY: list[Check] = []


def check(code: str, name: str):
    def register(fn):
        REGISTRY.append(Check(code, name, fn))
        return fn
    return register


def _elements(statutes: m.StatuteSet):
    for inst in statutes.instruments:
        for p in inst.provisions:
            for lb in p.limbs:
                for el in lb.elements:
                    yield inst, p, lb, el


def _where(inst: m.Instrument, p: m.Provision, lb: m.Limb) -> Said:
    return Said.of("finding-where", "limb", instrument=inst.id, provision=p.id,
                   provision_citation=p.citation, limb=lb.id, limb_citation=lb.citation)


def _in_force(inst: m.Instrument) -> Said:
    return period(inst.in_force_from, inst.in_force_to)


@check("LC001", "stale-reference")
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
            recorded = Listed(tuple(Said.of("finding-part", "successor", id=s.id, short=s.short,
                                            period=_in_force(s)) for s in successors))
            after = Said("finding-part", "successors-none") if not successors else \
                Said.of("finding-part", "successors-one", successors=recorded) \
                if len(successors) == 1 else \
                Said.of("finding-part", "successors-other", successors=recorded)
            reading = el.successors if el.successors and el.successors.since <= repealed \
                else None
            then = Said.of("finding-part", "repealed", repealed=repealed.isoformat()) \
                if reading is None else \
                Said.of("finding-part", "repealed-open", repealed=repealed.isoformat(),
                        since=reading.since.isoformat(),
                        readings=Listed(tuple(r.key for r in reading.targets)),
                        question=reading.question)
            out.append(Finding(
                "LC001", el.span, _where(inst, p, lb), "stale-reference",
                Said.of("finding-detail", "stale-reference", target=target_id,
                        target_period=_in_force(target), instrument=inst.id,
                        period=_in_force(inst), successors=after, then=then),
                instrument=inst.id, citation=el.citation, target_short=target.short,
                target=target_id, repealed=repealed.isoformat(),
                until=inst.in_force_to.isoformat() if inst.in_force_to else Said("period", "end")))
    return out


@check("LC002", "child-line")
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
    summary = Listed(tuple(Said.of("finding-part", "child-line-age", years=y, holders=Listed(
        tuple([i.id for i, *_ in lines.get(y, [])]
              + [Said.of("finding-part", "definition-cited", definition=d.id,
                         citation=d.citation) for d in defined.get(y, [])])))
        for y in sorted(set(lines) | set(defined))), "groups")
    detail = Said.of("finding-detail", "child-line", lines=summary)
    out = []
    for y in sorted(lines):
        for inst, p, lb, el in lines[y]:
            out.append(Finding("LC002", el.span, _where(inst, p, lb), "child-line", detail,
                               short=inst.short, years=y, citation=el.citation))
    for y in sorted(defined):
        for d in defined[y]:
            out.append(Finding("LC002", d.span,
                               Said.of("finding-where", "definition", definition=d.id),
                               "child-line-definition", detail,
                               title=d.title, years=y, citation=d.term_citation))
    return out


@check("LC003", "unverified-basis")
def unverified_basis(statutes: m.StatuteSet) -> list[Diagnostic]:
    out = []
    for inst, p, lb, el in _elements(statutes):
        words = list(el.words)
        if isinstance(el, m.SetElement):
            words = [w for e in el.set.entries for w in e.words]
        if words and all(w.confidence == "unverified" for w in words):
            kind = el.kind if isinstance(el, m.SetElement) else el.type
            out.append(Finding("LC003", el.span, _where(inst, p, lb), "unverified-basis",
                               Said("finding-detail", "unverified-basis"),
                               element=Said("finding-element", kind), citation=el.citation))
    return out


@check("LC004", "unresolved-encoded")
def unresolved_but_encoded(statutes: m.StatuteSet) -> list[Diagnostic]:
    out = []
    for inst, p, lb, el in _elements(statutes):
        if isinstance(el, m.RefersElement) and el.unresolved and all(
                t in statutes.ids for t in el.targets):
            out.append(Finding("LC004", el.span, _where(inst, p, lb), "unresolved-encoded",
                               Said("finding-detail", "unresolved-encoded"),
                               targets=Listed(tuple(el.targets))))
    return out


@check("LC005", "untranslated")
def untranslated(statutes: m.StatuteSet) -> list[Diagnostic]:
    """Every vocabulary label (and a number's unit and default words, where they are words), and
    every piece of lawcheck's own words in the instruments and definitions a reader may see
    (titles, notes, open questions, reasons...), has its Vietnamese: lawcheck writes them in
    Vietnamese with --lang vi. Each text is named once, where it first appears."""
    out = []
    named: set[str] = set()
    for owner in (*statutes.instruments, *statutes.definitions):
        where = Said.of("finding-where", "instrument", instrument=owner.id) \
            if isinstance(owner, m.Instrument) else \
            Said.of("finding-where", "definition", definition=owner.id)
        for text, span in m.iter_prose(owner):
            if owner.translations.has(text) or text in named or not _words(text):
                continue
            named.add(text)
            out.append(Finding("LC005", span, where, "untranslated-text",
                               Said("finding-detail", "untranslated"), text=_clip(text)))
    where = Said("finding-where", "vocabulary")
    detail = Said("finding-detail", "untranslated")
    for d in statutes.vocabulary.declarations():
        kind = Said("vocabulary-kind", getattr(d, "kind", None) or _DECLARED[type(d)])
        if not d.label_vi:
            out.append(Finding("LC005", d.span, where, "untranslated-label", detail, kind=kind,
                               name=d.name, text=d.label))
        if isinstance(d, m.Circumstance) and d.counted:
            if _words(d.unit) and not d.unit_vi:
                out.append(Finding("LC005", d.span, where, "untranslated-unit", detail,
                                   name=d.name, text=d.unit))
            if d.default_words and not d.default_words_vi:
                out.append(Finding("LC005", d.span, where, "untranslated-default", detail,
                                   name=d.name, text=d.default_words))
    return out


@check("LC006", "supplied-quotation")
def supplied_quotations(statutes: m.StatuteSet) -> list[Diagnostic]:
    """Quoted words marked verbatim or paraphrase that the statutes bundled with lawcheck do
    not quote so (Words.supplied, set when a folder of statutes is read): they are shown as
    user-supplied. The bundled statutes have none."""
    out = []
    for owner in (*statutes.instruments, *statutes.definitions):
        where = Said.of("finding-where", "instrument", instrument=owner.id) \
            if isinstance(owner, m.Instrument) else \
            Said.of("finding-where", "definition", definition=owner.id)
        for citation, w in m.cited_words(owner):
            if w.supplied:
                out.append(Finding("LC006", w.span, where, "supplied-quotation",
                                   Said("finding-detail", "supplied-quotation"),
                                   language=Said("language-of", w.lang), text=_clip(w.text),
                                   citation=citation, claimed=Said("confidence", w.confidence),
                                   supplied=Said("confidence", m.SUPPLIED)))
    return out


_DECLARED = {m.BorderValue: "border", m.Circumstance: "circumstance",
             m.AggravationTerm: "aggravation"}


def _words(text: str) -> bool:
    """Whether the text has words to translate (a unit such as "%" has none)."""
    return any(ch.isalpha() for ch in text)


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


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

