"""Element kinds: one class per kind of element a limb can require (the victim's age, a set of
acts, means or purposes, a handover, an exception, a cross-reference, no means at all).

Each kind declares its element `types` (age; act, means, purpose; ...) and, for each, the
`categories` a lawyer names a difference by (child age, act, means, purpose, transfer, ...).
Each kind owns, for its elements:
  * `gather(el, found)`: what compiling the instrument learns from it (age cut points, open
    points, compiled references), into a Gathering.
  * `write(el, indent, w)`: the element as statute text (lawcheck.statute.render).
  * `source(el, strict, env, gen)`: the element's value in one corner, as Python source for
    the generated verdict function (lawcheck.engine.codegen).
  * `compile(el, refs)`: (static, pred). `static(facts, segments)` is what the facts alone
    settle (True, False, or None when it turns on a variable); `pred(ctx)` is the element's
    value for one assignment of the variables (lawcheck.engine.evaluate._Ctx).
  * `seen(el)`: the slice of the facts (and referred verdicts) its trace reads, so that equal
    slices share one trace.
  * `trace(el, facts, vocab, referred)`: its ElementResult, as data (Found, Asks).
  * `fact_words(e, w)`, `requirement_words(e, w)`: an ElementResult's Found and Asks in words,
    for the views, from the wording catalogue through `w` (lawcheck.views.wording.Wording).
The evaluator iterates over a limb's elements and asks each one's kind (`kind_of`); it does not
name the kinds.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from dataclasses import dataclass, field

from lawcheck.engine.results import FACT_FIELD, Asks, ElementResult, Found, OpenPoint
from lawcheck.statute import model as m


@dataclass
class Gathering:
    """What compiling an instrument learns from its elements, filled in by each kind's
    `gather`: the age cut points, the yes/no facts read (`flags`: name -> the type of element
    that reads it), the open points (all, and the current limb's questions),
    and for references the compiled targets, the instruments referred to and the intended acts."""

    instrument: str
    statutes: object
    compile_ref: object                  # RefTarget, StatuteSet -> CompiledRef
    cuts: set = field(default_factory=set)
    flags: dict = field(default_factory=dict)
    points: dict = field(default_factory=dict)
    questions: set = field(default_factory=set)
    refs: dict = field(default_factory=dict)
    referred: dict = field(default_factory=dict)
    intended: set = field(default_factory=set)

    def open_point(self, point: OpenPoint) -> None:
        self.questions.add(point.question)
        self.points.setdefault(point.question, point)


def _base(el, kind: str) -> dict:
    return dict(type=kind, category=CATEGORY[kind], citation=el.citation, note=el.note)


class _Kind:
    """What a kind does unless it says otherwise: compiling learns nothing from its elements;
    its facts read the same without their name."""

    @staticmethod
    def gather(el, found: Gathering) -> None:
        pass

    @classmethod
    def value_words(cls, e: ElementResult, w) -> str:
        return cls.fact_words(e, w)


class AgeKind(_Kind):
    model = m.AgeElement
    types = ("age",)
    categories = {"age": "child age"}

    @staticmethod
    def gather(el: m.AgeElement, found: Gathering) -> None:
        found.cuts.add(el.years if el.op in ("<", ">=") else el.years + 1)

    @staticmethod
    def write(el: m.AgeElement, indent: str, w) -> list[str]:
        """The element as statute text (lawcheck.statute.render; the parser reads it back)."""
        return [f"{indent}victim age {el.op} {el.years} {w.q(el.citation)}{w.words(el.words)}"
                f"{w.note(el.note)}"]

    @staticmethod
    def compile(el: m.AgeElement, refs: dict):
        def static_age(f, segments):
            first = el.holds(segments[0][0])
            return first if all(el.holds(s[0]) == first for s in segments[1:]) else None
        return static_age, (lambda c: el.holds(c.age))

    @staticmethod
    def seen(el) -> Callable:
        return lambda f, r: (f.victim_age == "unknown", f.age_range)

    @staticmethod
    def source(el: m.AgeElement, strict: bool, env, gen) -> str:
        """For the generated verdict function (lawcheck.engine.codegen): the element's value
        in the strict corner (open points no, unknown facts against it) or the lenient one."""
        return f"(a {el.op} {el.years})"

    @staticmethod
    def trace(el: m.AgeElement, facts, vocab, referred) -> ElementResult:
        lo, hi = facts.age_range
        holds = {el.holds(a) for a in (lo, hi)}
        status = "satisfied" if holds == {True} else "not_satisfied" if holds == {False} else "unknown"
        return ElementResult(status=status, words=el.words,
                             found=Found(age=None if facts.victim_age == "unknown" else (lo, hi)),
                             asks=Asks(op=el.op, years=el.years), **_base(el, "age"))

    @staticmethod
    def fact_words(e: ElementResult, w) -> str:
        return w.say("fact", "age", age=w.age(e.found.age))

    @staticmethod
    def value_words(e: ElementResult, w) -> str:
        return w.age(e.found.age)

    @staticmethod
    def requirement_words(e: ElementResult, w) -> str:
        return w.say("requires", "age", line=w.age_line(e.asks.op, e.asks.years))


class SetKind(_Kind):
    """Acts, means or purposes: a set of vocabulary terms, some of them open to
    interpretation."""

    model = m.SetElement
    types = ("act", "means", "purpose")
    categories = {"act": "act", "means": "means", "purpose": "purpose"}

    @staticmethod
    def gather(el: m.SetElement, found: Gathering) -> None:
        for entry in el.set.entries:
            if entry.is_open:
                found.open_point(OpenPoint(entry.qualifier_text, entry.citation,
                                           CATEGORY[el.kind], frozenset(entry.terms)))

    @staticmethod
    def write(el: m.SetElement, indent: str, w) -> list[str]:
        return w.set_use(el, indent)

    @staticmethod
    def compile(el: m.SetElement, refs: dict):
        definite = frozenset(t for e in el.set.entries if not e.is_open for t in e.terms)
        open_terms = {t: e.qualifier_text for e in el.set.entries if e.is_open for t in e.terms}
        attr = FACT_FIELD[el.kind]

        def static_set(f, segments):
            facts = getattr(f, attr)
            if definite.intersection(facts):
                return True
            return None if any(t in open_terms for t in facts) else False

        def pred(c) -> bool:
            facts = getattr(c, attr)
            if facts & definite:
                return True
            return any(c.readings.get(open_terms[t], False) for t in facts if t in open_terms)
        return static_set, pred

    @staticmethod
    def seen(el) -> Callable:
        attr = FACT_FIELD[el.kind]
        return lambda f, r: getattr(f, attr)

    @staticmethod
    def source(el: m.SetElement, strict: bool, env, gen) -> str:
        acts, _ = env
        terms = frozenset(t for e in el.set.entries if strict is False or not e.is_open
                          for t in e.terms)
        field = acts if el.kind == "act" else FACT_FIELD[el.kind]
        return f"(not {gen.const(terms)}.isdisjoint({field}))"

    @staticmethod
    def trace(el: m.SetElement, facts, vocab, referred) -> ElementResult:
        base = _base(el, el.kind)
        attr = FACT_FIELD[el.kind]
        facts_terms = getattr(facts, attr)
        definite = [t for t in facts_terms if (e := el.set.entry_for(t)) and not e.is_open]
        opened = [t for t in facts_terms if (e := el.set.entry_for(t)) and e.is_open]
        asks = SetKind.asks(el)
        if definite:
            words = tuple(w for t in definite for w in el.set.entry_for(t).words)
            return ElementResult(status="satisfied", matched=tuple(definite), words=_dedupe(words),
                                 found=Found(field=attr, terms=tuple(definite)), asks=asks,
                                 **{**base, "citation": _cites(el, definite)})
        if opened:
            entries = [el.set.entry_for(t) for t in opened]
            return ElementResult(status="open", matched=tuple(opened),
                                 words=_dedupe(tuple(w for e in entries for w in e.words)),
                                 questions=tuple(dict.fromkeys(e.qualifier_text for e in entries)),
                                 found=Found(field=attr, terms=tuple(opened)), asks=asks,
                                 **{**base, "citation": _cites(el, opened)})
        return ElementResult(status="not_satisfied", words=(), asks=asks,
                             found=Found(field=attr, terms=tuple(facts_terms)), **base)

    @staticmethod
    def asks(el: m.SetElement) -> Asks:
        """The terms a set element lists: the definite ones, or, where every entry is open to
        interpretation, all of them."""
        listed = tuple(t for e in el.set.entries if not e.is_open for t in e.terms)
        if listed:
            return Asks(field=el.kind, terms=listed)
        return Asks(field=el.kind, terms=tuple(t for e in el.set.entries for t in e.terms),
                    all_open=True)

    @staticmethod
    def fact_words(e: ElementResult, w) -> str:
        return w.say("fact", "terms", field=w.fact_name(e.found.field),
                     terms=w.terms(e.found.terms))

    @staticmethod
    def value_words(e: ElementResult, w) -> str:
        return w.terms(e.found.terms)

    @staticmethod
    def requirement_words(e: ElementResult, w) -> str:
        return w.say("requires", "terms", kind=w.fact_name(e.asks.field),
                     terms=SetKind.listed_words(e, w))

    @staticmethod
    def listed_words(e: ElementResult, w) -> str:
        """The terms the element lists: "force; threat of force; ..."."""
        a = e.asks
        return "; ".join(w.say("requires", "open-term", term=w.label(t)) if a.all_open
                         else w.label(t) for t in a.terms)


class HandoverKind(_Kind):
    """A handover of the person from one person to another: a yes/no fact of its own."""

    model = m.HandoverElement
    types = ("handover",)
    categories = {"handover": "transfer"}
    flag = "handover"           # the fact it reads (an act that is itself a handover sets it)

    @staticmethod
    def gather(el, found: Gathering) -> None:
        found.flags.setdefault(HandoverKind.flag, "handover")

    @staticmethod
    def write(el, indent: str, w) -> list[str]:
        return [f"{indent}handover {w.q(el.citation)}{w.words(el.words)}{w.note(el.note)}"]

    @staticmethod
    def compile(el, refs: dict):
        return (lambda f, s: f.handover), (lambda c: c.flags[HandoverKind.flag])

    @staticmethod
    def seen(el) -> Callable:
        return lambda f, r: f.handover

    @staticmethod
    def source(el, strict: bool, env, gen) -> str:
        ho = env[1][HandoverKind.flag]
        return f"({ho} is True)" if strict else f"({ho} is not False)"

    @staticmethod
    def trace(el, facts, vocab, referred) -> ElementResult:
        status = {True: "satisfied", False: "not_satisfied", None: "unknown"}[facts.handover]
        return ElementResult(status=status, found=Found(field="handover", value=facts.handover),
                             words=el.words, **_base(el, "handover"))

    @staticmethod
    def fact_words(e: ElementResult, w) -> str:
        return w.say("fact", "handover", value=w.yes_no(e.found.value))

    @staticmethod
    def value_words(e: ElementResult, w) -> str:
        return w.yes_no(e.found.value)

    @staticmethod
    def requirement_words(e: ElementResult, w) -> str:
        return w.say("requires", "handover")


class ExceptKind(_Kind):
    """An exception (a humanitarian purpose): the element holds when it does not apply."""

    model = m.ExceptElement
    types = ("except",)
    categories = {"except": "exception"}

    @staticmethod
    def gather(el: m.ExceptElement, found: Gathering) -> None:
        found.flags.setdefault(el.flag, "except")

    @staticmethod
    def write(el: m.ExceptElement, indent: str, w) -> list[str]:
        return [f"{indent}except {el.flag} {w.q(el.citation)}{w.words(el.words)}"
                f"{w.note(el.note)}"]

    @staticmethod
    def compile(el: m.ExceptElement, refs: dict):
        return ((lambda f, s: None if getattr(f, el.flag) is None else not getattr(f, el.flag)),
                (lambda c: not c.flags[el.flag]))

    @staticmethod
    def seen(el) -> Callable:
        return lambda f, r: getattr(f, el.flag)

    @staticmethod
    def source(el: m.ExceptElement, strict: bool, env, gen) -> str:
        value = env[1][el.flag]
        return f"({value} is False)" if strict else f"({value} is not True)"

    @staticmethod
    def trace(el, facts, vocab, referred) -> ElementResult:
        v = getattr(facts, el.flag)
        status = {True: "not_satisfied", False: "satisfied", None: "unknown"}[v]
        return ElementResult(status=status, found=Found(field=el.flag, value=v), words=el.words,
                             asks=Asks(field=el.flag), **_base(el, "except"))

    @staticmethod
    def fact_words(e: ElementResult, w) -> str:
        return w.say("fact", "except", fact=w.fact_name(e.found.field),
                     value=ExceptKind.value_words(e, w))

    @staticmethod
    def value_words(e: ElementResult, w) -> str:
        return w.say("exception-applies", w.yes_no_id(e.found.value))

    @staticmethod
    def requirement_words(e: ElementResult, w) -> str:
        return w.say("requires", "except", fact=w.fact_name(e.asks.field))


class RefersKind(_Kind):
    """A cross-reference: met where a limb of the referred provision is (from a date, maybe
    where a successor's is; for an intended act, as if the person were handed over by it)."""

    model = m.RefersElement
    types = ("refers",)
    categories = {"refers": "reference"}

    @staticmethod
    def gather(el: m.RefersElement, found: Gathering) -> None:
        if el.unresolved:
            found.open_point(OpenPoint(el.unresolved, el.citation, CATEGORY["refers"]))
            return
        if found.statutes is None:
            raise ValueError(f"{found.instrument} refers to {', '.join(el.targets)}: "
                             "evaluate it with the statute set")
        for r in el.all_refs:
            found.refs[r.key] = found.compile_ref(r, found.statutes)
            found.referred[r.instrument] = found.refs[r.key].target
            found.questions.update(p.question for p in found.refs[r.key].open_points)
        if el.intended:
            found.intended.add(el.intended)
        if el.successors:
            sx = el.successors
            found.open_point(OpenPoint(sx.question, el.citation, CATEGORY["refers"],
                                       since=sx.since))

    @staticmethod
    def write(el: m.RefersElement, indent: str, w) -> list[str]:
        line = (f"{indent}refers to {', '.join(r.key for r in el.refs)} {w.q(el.citation)}"
                f"{w.words(el.words)}")
        if el.intended:
            line += f" for intended {el.intended}"
        if el.successors:
            sx = el.successors
            line += (f" or from {sx.since.isoformat()} as {', '.join(r.key for r in sx.targets)}"
                     f" open {w.prose(sx.question)}")
        if el.unresolved:
            line += f" unresolved {w.prose(el.unresolved)}"
        return [line]

    @staticmethod
    def compile(el: m.RefersElement, refs: dict):
        if el.unresolved:
            # An unresolved reference is an open point, keyed by its stated reason.
            return (lambda f, s: None), (lambda c: c.readings.get(el.unresolved, False))
        written = tuple(cl for r in el.refs for cl in refs[r.key].limbs)
        later = tuple(cl for r in el.successors.targets for cl in refs[r.key].limbs) \
            if el.successors else ()
        question = el.successors.question if el.successors else None
        intended = frozenset({el.intended}) if el.intended else None

        key = object()       # this reference's own entry in a context's memo

        def refers(c) -> bool:
            hit = c.memo.get(key)
            if hit is not None:
                return hit
            # the reading open from a date is in play (so answered) only from that date
            limbs = later if question is not None and c.readings.get(question, False) else written
            target = c
            if intended is not None:   # in order to commit the act: as if handed over by it
                target = c.memo.get(intended)
                if target is None:
                    target = c.memo[intended] = dataclasses.replace(
                        c, acts=intended, flags={**c.flags, HandoverKind.flag: True}, memo={})
            result = c.memo[key] = any(cl.holds(target) for cl in limbs)
            return result
        return (lambda f, s: None), refers

    @staticmethod
    def seen(el: m.RefersElement) -> Callable:
        keys = tuple((t.key, el.intended) for t in el.all_refs)
        return lambda f, r: tuple(r.get(k) for k in keys)

    @staticmethod
    def source(el: m.RefersElement, strict: bool, env, gen) -> str:
        if el.unresolved:
            return "False" if strict else "True"
        if gen.statutes is None:
            raise ValueError(f"a reference to {', '.join(el.targets)} needs the statute set")
        if el.intended:   # in order to commit the referred act: as if handed over by it
            env = (gen.const(frozenset({el.intended})), {**env[1], HandoverKind.flag: "True"})
        written = gen.refs(el.refs, strict, env)
        if el.successors is None:
            return written
        later = gen.refs(el.successors.targets, strict, env)
        return f"({later} if {gen.switch(el.successors)} else {written})"

    @staticmethod
    def trace(el: m.RefersElement, facts, vocab, referred: dict) -> ElementResult:
        base = _base(el, "refers")
        asks = Asks(intended=el.intended or "")
        if el.unresolved:
            return ElementResult(status="open", found=Found(targets=tuple(el.targets)),
                                 words=el.words, questions=(el.unresolved,), asks=asks, **base)

        def read(targets) -> tuple[str, tuple]:
            verdicts = [referred[(t.key, el.intended)] for t in targets]
            status = ("satisfied" if "met" in verdicts else
                      "unknown" if "uncertain" in verdicts else "not_satisfied")
            return status, tuple((t.key, v) for t, v in zip(targets, verdicts))

        status, refs = read(el.refs)
        questions: tuple[str, ...] = ()
        found = Found(refs=refs)
        sx = el.successors
        if sx and all((t.key, el.intended) in referred for t in sx.targets):
            later, later_refs = read(sx.targets)
            found = Found(refs=refs, later=later_refs)
            if later != status:
                status, questions = "open", (sx.question,)
        return ElementResult(status=status, found=found, words=el.words, questions=questions,
                             asks=asks, **base)

    @staticmethod
    def fact_words(e: ElementResult, w) -> str:
        f = e.found
        if f.targets:
            return w.say("fact", "refers-unencoded", targets=", ".join(f.targets))

        def read(refs):
            return "; ".join(w.say("fact", "refers-one", target=k, verdict=w.verdict(v))
                             for k, v in refs)
        if f.later:
            return w.say("fact", "refers-successors", written=read(f.refs), later=read(f.later))
        return read(f.refs)

    @staticmethod
    def requirement_words(e: ElementResult, w) -> str:
        if e.asks.intended:
            return w.say("requires", "refers-intended", act=e.asks.intended.replace("_", " "))
        return w.say("requires", "refers")


class NoMeansKind(_Kind):
    """`no_means`: the limb needs no means (a child); nothing to prove."""

    model = m.NoMeansElement
    types = ("no_means",)
    categories = {"no_means": "means"}

    @staticmethod
    def write(el, indent: str, w) -> list[str]:
        return [f"{indent}no means {w.q(el.citation)}{w.words(el.words)}{w.note(el.note)}"]

    @staticmethod
    def compile(el, refs: dict):
        return (lambda f, s: True), (lambda c: True)

    @staticmethod
    def seen(el) -> Callable:
        return lambda f, r: None

    @staticmethod
    def source(el, strict: bool, env, gen) -> str:
        return "True"

    @staticmethod
    def trace(el, facts, vocab, referred) -> ElementResult:
        return ElementResult(status="not_required", found=Found(), words=el.words,
                             **_base(el, "no_means"))

    @staticmethod
    def fact_words(e: ElementResult, w) -> str:
        return w.say("fact", "no_means")

    @staticmethod
    def requirement_words(e: ElementResult, w) -> str:
        return w.say("requires", "no_means")


KINDS = (AgeKind, SetKind, HandoverKind, ExceptKind, RefersKind, NoMeansKind)
_BY_MODEL = {k.model: k for k in KINDS}
_BY_TYPE = {t: k for k in KINDS for t in k.types}
# element type -> the element a lawyer would name a difference by: child age, act, means,
# purpose, transfer, exception, reference (the kinds declare it)
CATEGORY = {t: c for k in KINDS for t, c in k.categories.items()}


def kind_of(el):
    """The kind that owns this element (by its model class)."""
    return _BY_MODEL[type(el)]


def type_rank(element_type: str) -> int:
    """The place of an element type among the kinds (orders the yes/no facts they read)."""
    return next(n for n, k in enumerate(KINDS) if element_type in k.types)


def kind_of_result(e: ElementResult):
    """The kind that traced this result (by its type: age, act, means, ...)."""
    return _BY_TYPE[e.type]


def _cites(el: m.SetElement, terms) -> str:
    cites = dict.fromkeys(el.set.entry_for(t).citation for t in terms)
    return "; ".join(cites)


def _dedupe(words: tuple[m.Words, ...]) -> tuple[m.Words, ...]:
    seen, out = set(), []
    for w in words:
        if (w.lang, w.text) not in seen:
            seen.add((w.lang, w.text))
            out.append(w)
    return tuple(out)
