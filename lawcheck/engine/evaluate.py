"""Stage 4: scenario facts x instrument -> verdict, with an element-by-element trace.

Each limb is compiled once into small predicates. Facts that a scenario leaves unknown, and points
of law the statute files mark `open` (or references not yet resolved), become variables: the
evaluator tries every value each could take (an unknown age only at the thresholds the instrument
names). If every combination gives the same answer, that is the verdict; otherwise it is
`uncertain`, and the reasons name each fact or question the answer turns on.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, NamedTuple

from lawcheck.statute import model as m
from lawcheck.scenarios import Facts

# the result types and the names of element kinds live in lawcheck.engine.results (re-exported
# here, where the stages have always found them)
from lawcheck.engine.elements import (  # noqa: E402,F401
    CATEGORY, Gathering, HandoverKind, kind_of, type_rank)
from lawcheck.engine.results import (  # noqa: E402,F401
    ElementResult, InstrumentResult, LimbResult, Note, OpenPoint, Reason, Status)


# ------------------------------------------------------------------------------- compiled form

@dataclass(eq=False)
class _Ctx:
    """One assignment of the variables, as the compiled predicates read it (made per assignment,
    never compared or hashed; the memo is its own scratch space)."""

    age: int
    acts: frozenset
    means: frozenset
    purposes: frozenset
    flags: dict      # yes/no fact -> bool (the handover, an exception's fact)
    readings: dict   # open question -> bool
    # per context: what each reference gave (so that a target reached along many paths is
    # evaluated once), and the contexts shifted to an intended act
    memo: dict = field(default_factory=dict, repr=False)


Pred = Callable[[_Ctx], bool]
# What an element says before the variables are tried: True or False when the facts settle it
# for every value of the variables, None when it depends on them.
Static = Callable[[Facts, list], "bool | None"]


@dataclass(frozen=True)
class CompiledLimb:
    provision: m.Provision
    limb: m.Limb
    preds: tuple[Pred, ...]
    statics: tuple[Static, ...] = ()
    seens: tuple[Callable, ...] = ()   # per element: the slice of the facts its trace reads
    questions: frozenset[str] = frozenset()   # the open points it can raise (references too)
    # traces already built, per facts read (a limb compiled with a statute set is traced with
    # that set's vocabulary only): traces are immutable, so equal inputs share one (cleared when
    # large)
    traces: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def residual(self, facts: Facts, segments: list) -> tuple[Pred, ...] | None:
        """The predicates still to try once the facts are known; None if the facts alone
        defeat the limb (an empty tuple: the facts alone satisfy it)."""
        out = []
        for static, pred in zip(self.statics, self.preds):
            v = static(facts, segments)
            if v is False:
                return None
            if v is None:
                out.append(pred)
        return tuple(out)

    def holds(self, c: _Ctx) -> bool:
        return all(p(c) for p in self.preds)


@dataclass(frozen=True)
class CompiledRef:
    """A referred instrument, or some of its limbs, with the verdict of just those."""

    key: str
    target: "CompiledInstrument"
    limbs: tuple[CompiledLimb, ...]
    fast: Callable

    @property
    def open_points(self) -> tuple[OpenPoint, ...]:
        """The target's open points that the limbs referred to can raise."""
        questions = frozenset().union(*(cl.questions for cl in self.limbs))
        return tuple(p for p in self.target.open_points if p.question in questions)


@dataclass(frozen=True)
class Schema:
    """The variables a verdict can turn on where the facts leave them open, for an instrument
    and those it refers to: the ages at which some element changes truth, the yes/no facts its
    elements read (a handover, an exception's fact; in the order of their kinds), and its open
    points of law. An outcome table's keys, and the explorer's patterns, are assignments of
    these (Assignment)."""

    cut_points: tuple[int, ...]
    flags: tuple[str, ...]
    flag_kinds: tuple[str, ...]       # for each flag, the type of element that reads it
    open_points: tuple[OpenPoint, ...]


@dataclass(frozen=True)
class CompiledInstrument:
    instrument: m.Instrument
    limbs: tuple[CompiledLimb, ...]
    schema: Schema
    referred: tuple["CompiledInstrument", ...] = ()   # instruments its references evaluate
    fast: Callable | None = None       # the generated verdict function (lawcheck.engine.codegen)
    refs: dict = field(default_factory=dict, compare=False, hash=False)  # key -> CompiledRef
    # acts a reference evaluates its target with ("in order to commit" a handover): they raise
    # the target's open points as if the facts stated them
    intended_acts: frozenset = frozenset()

    cut_points = property(lambda self: self.schema.cut_points)
    flags = property(lambda self: self.schema.flags)
    open_points = property(lambda self: self.schema.open_points)


def compile_instrument(inst: m.Instrument, statutes: m.StatuteSet | None = None) -> CompiledInstrument:
    """Compile once per statute set: an instrument of `statutes` is kept compiled with it (and
    its traces are built with the set's vocabulary); any other is compiled afresh."""
    if statutes is None:           # an instrument on its own (no references): kept with it
        store = inst.compiled_alone
    else:
        store = statutes.compiled if statutes.owns(inst) else None
    if store is not None and inst.id in store:
        return store[inst.id]
    found = Gathering(inst.id, statutes, _compile_ref)
    refs, referred, intended = found.refs, found.referred, found.intended
    limbs, cuts, points = [], found.cuts, found.points
    for prov in inst.provisions:
        for limb in prov.limbs:
            found.questions = questions = set()      # the open points this limb can raise
            for e in limb.elements:
                kind_of(e).gather(e, found)
            compiled = [kind_of(e).compile(e, refs) for e in limb.elements]
            limbs.append(CompiledLimb(prov, limb, tuple(p for _, p in compiled),
                                      tuple(s for s, _ in compiled),
                                      tuple(kind_of(e).seen(e) for e in limb.elements),
                                      frozenset(questions)))
    for r in referred.values():
        cuts.update(r.cut_points)
        for flag, kind in zip(r.flags, r.schema.flag_kinds):
            found.flags.setdefault(flag, kind)
    for ref in refs.values():   # only the open points of the limbs referred to, named by where
        short = ref.target.instrument.short
        for point in ref.open_points:
            where = point.citation if point.citation.startswith(short) else \
                f"{short}, {point.citation}"
            points.setdefault(point.question, dataclasses.replace(point, citation=where))
    from lawcheck.engine.codegen import compile_verdict

    for r in referred.values():
        intended |= r.intended_acts
    flags = tuple(sorted(found.flags, key=lambda f: (type_rank(found.flags[f]), f)))
    schema = Schema(tuple(sorted(cuts)), flags, tuple(found.flags[f] for f in flags),
                    tuple(points.values()))
    compiled = CompiledInstrument(inst, tuple(limbs), schema, tuple(referred.values()),
                                  compile_verdict(inst, schema.cut_points, statutes,
                                                  flags=schema.flags), refs,
                                  frozenset(intended))
    if store is not None:
        store[inst.id] = compiled
    return compiled


def _compile_ref(r: m.RefTarget, statutes: m.StatuteSet) -> CompiledRef:
    target = compile_instrument(statutes.instrument(r.instrument), statutes)
    if not r.limbs:
        return CompiledRef(r.key, target, target.limbs, target.fast)
    from lawcheck.engine.codegen import compile_verdict
    return CompiledRef(r.key, target, tuple(cl for cl in target.limbs if cl.limb.id in r.limbs),
                       compile_verdict(target.instrument, target.cut_points, statutes, r.limbs,
                                       flags=target.flags))


# ------------------------------------------------------------------------------ the variables

def _age_segments(lo: int, hi: int, cuts: tuple[int, ...]) -> list[tuple[int, int]]:
    """Split [lo, hi] at the cut points: within a segment no element changes truth."""
    bounds = [lo] + [c for c in cuts if lo < c <= hi] + [hi + 1]
    return [(a, b - 1) for a, b in zip(bounds, bounds[1:])]


def open_points_in_play(ci: CompiledInstrument, facts: Facts,
                        when: date | None = None) -> list[OpenPoint]:
    """The open points in play: those raised by a term the facts state (or an act a reference
    evaluates its target with), every unresolved reference, and the readings open on the date
    the law is applied at; in a fixed order (by question)."""
    fact_terms = set(facts.acts) | set(facts.means) | set(facts.purposes) | ci.intended_acts
    return sorted((p for p in ci.open_points if p.in_play(fact_terms, when)),
                  key=lambda p: p.question)


def numbered_open_points(statutes: m.StatuteSet) -> dict[str, tuple[int, str, str]]:
    """Every open point of law in the statute set: question -> (number, where, category),
    numbered in the order of the instruments."""
    where: dict[str, list[str]] = {}
    category: dict[str, str] = {}
    for inst in statutes.instruments:
        for p in compile_instrument(inst, statutes).open_points:
            where.setdefault(p.question, []).append(f"{inst.id} {p.citation}")
            category.setdefault(p.question, p.category)
    return {q: (n, "; ".join(dict.fromkeys(w)), category[q])
            for n, (q, w) in enumerate(where.items(), 1)}


class Assignment(NamedTuple):
    """A value for each variable of the Schema: the age segment, each yes/no fact by name, the
    answer to each open point in play."""

    segment: tuple[int, int]        # the victim's age, as a segment between cut points
    flags: tuple[tuple[str, bool], ...]   # (fact, value) for each of the schema's flags
    answers: tuple[bool, ...]       # one per open point in play, in the order given with it

    def value(self, variable):
        """A variable's value: "segment", a yes/no fact's name, or the index of an open
        point's answer."""
        if isinstance(variable, int):
            return self.answers[variable]
        if variable == "segment":
            return self.segment
        return dict(self.flags)[variable]

    def without(self, variable) -> tuple:
        """Every other variable's value (to see whether this one alone changes an outcome)."""
        if isinstance(variable, int):
            return (self.segment, self.flags,
                    self.answers[:variable] + self.answers[variable + 1:])
        if variable == "segment":
            return (self.flags, self.answers)
        return (self.segment, tuple(f for f in self.flags if f[0] != variable), self.answers)


def outcome_table(ci: CompiledInstrument, facts,
                  when: date | None = None) -> tuple[list, list[OpenPoint], dict, str]:
    """Whether some limb holds, for every value of the variables the facts leave open (the
    Schema's): the age segments, each yes/no fact left unknown, and the answer to each open
    point in play. Returns (segments, open points, {Assignment: bool}, verdict). Where the facts
    alone settle the answer, the table is empty."""
    lo, hi = facts.age_range
    segments = _age_segments(lo, hi, ci.cut_points)
    questions = open_points_in_play(ci, facts, when)
    # What the facts alone settle: limbs they defeat drop out, elements they satisfy drop out.
    live = []
    for cl in ci.limbs:
        rest = cl.residual(facts, segments)
        if rest == ():
            return segments, questions, {}, "met"
        if rest is not None:
            live.append(rest)
    if not live:
        return segments, questions, {}, "not_met"
    flags = ci.flags
    values = [[v] if (v := getattr(facts, f)) is not None else [True, False] for f in flags]
    acts, means, purposes = frozenset(facts.acts), frozenset(facts.means), frozenset(facts.purposes)
    outcomes: dict[Assignment, bool] = {}
    for seg, chosen, answers in itertools.product(
            segments, itertools.product(*values),
            itertools.product((True, False), repeat=len(questions))):
        ctx = _Ctx(seg[0], acts, means, purposes, dict(zip(flags, chosen)),
                   {p.question: a for p, a in zip(questions, answers)})
        outcomes[Assignment(seg, tuple(zip(flags, chosen)), answers)] = any(
            all(p(ctx) for p in rest) for rest in live)
    values = set(outcomes.values())
    verdict = "met" if values == {True} else "not_met" if values == {False} else "uncertain"
    return segments, questions, outcomes, verdict


def verdict(inst: m.Instrument, facts: Facts, statutes: m.StatuteSet | None = None,
            when: date | None = None) -> str:
    """The verdict alone, without the trace: what `evaluate(...).verdict` gives, from the
    function generated for the instrument (lawcheck.engine.codegen)."""
    return compile_instrument(inst, statutes).fast(facts, when or facts.date)


def evaluate(inst: m.Instrument, facts: Facts, statutes: m.StatuteSet | None = None,
             when: date | None = None) -> InstrumentResult:
    """The verdict of one instrument on one scenario's facts, with its trace and reasons.
    `statutes` gives the vocabulary's labels and is needed for resolved references. `when` is
    the date the law is applied at (default: the scenario's own date; none: as written), which
    decides whether a reading open from a date is in play. Facts made in code are read as the
    statute set's vocabulary declares them (its border values and circumstances)."""
    vocabulary = statutes.vocabulary if statutes else None
    if vocabulary is not None:
        facts = facts.typed(vocabulary)
    when = when or facts.date
    ci = compile_instrument(inst, statutes)
    result = ci.fast(facts, when)
    reasons = reasons_for(ci, facts, when) if result == "uncertain" else ()
    referred = _referred(ci, facts, when)
    traces = tuple(_trace(cl, facts, vocabulary, referred) for cl in ci.limbs)
    from lawcheck.engine.penalties import penalty
    return InstrumentResult(
        instrument=inst.id, verdict=result, limb=_deciding(traces, result), limbs=traces,
        reasons=reasons, notes=_notes(inst, facts, traces, when),
        penalty=penalty(inst, facts, result))


def reasons_for(ci: CompiledInstrument, facts: Facts, when: date | None) -> tuple[Reason, ...]:
    """Why the instrument's verdict is uncertain: each unknown fact and open point it turns
    on (from the outcome table; no trace needed)."""
    segments, questions, outcomes, _ = outcome_table(ci, facts, when)
    return _reasons(outcomes, segments, facts, questions, ci)


def _referred(ci: CompiledInstrument, facts: Facts, when: date | None) -> dict:
    """The verdict of each target of the instrument's references: (target, intended act) ->
    verdict; a successor reading's targets only from the date it opens."""
    out: dict[tuple, str] = {}
    for cl in ci.limbs:
        for el in cl.limb.elements:
            if not isinstance(el, m.RefersElement) or el.unresolved:
                continue
            f = facts if el.intended is None else \
                facts.model_copy(update={"acts": (el.intended,), HandoverKind.flag: True})
            live = el.refs + (el.successors.targets
                              if el.successors and el.successors.active(when) else ())
            for r in live:
                if (r.key, el.intended) not in out:
                    out[(r.key, el.intended)] = ci.refs[r.key].fast(f, when)
    return out


def _deciding(traces: tuple[LimbResult, ...], verdict: str) -> LimbResult:
    if verdict == "met":
        for t in traces:
            if t.status == "met":
                return t
    if verdict in ("met", "uncertain"):
        for t in traces:
            if t.status == "uncertain":
                return t
    # not met: the limb that came closest. Fewest elements failing; among those, the one with
    # most elements satisfied (a limb whose act matches beats one failing on the act), unless an
    # earlier limb fails on the same kinds of element, which then wins as the more natural one.
    fewest = min(len(t.failures) for t in traces)
    candidates = [t for t in traces if len(t.failures) == fewest]
    best = max(candidates, key=lambda t: sum(e.status == "satisfied" for e in t.elements))
    kinds = {e.category for e in best.failures}
    return next(t for t in candidates if {e.category for e in t.failures} == kinds)


# ----------------------------------------------------------------------------- uncertainty

def _reasons(outcomes: dict, segments, facts: Facts,
             questions: list[OpenPoint], ci: CompiledInstrument) -> tuple[Reason, ...]:
    keys = list(outcomes)
    reasons: list[Reason] = []

    def pivotal(variable) -> bool:
        """Whether changing this variable alone ever changes the outcome."""
        groups: dict[tuple, set] = {}
        for k in keys:
            groups.setdefault(k.without(variable), set()).add(outcomes[k])
        return any(len(v) > 1 for v in groups.values())

    if len(segments) > 1 and pivotal("segment"):
        by_seg: dict[tuple, set] = {}
        for k in keys:
            by_seg.setdefault(k.segment, set()).add(outcomes[k])
        reasons.append(Reason("unknown_fact", "victim_age", "",
                              tuple((seg, _outcome(v)) for seg, v in by_seg.items()),
                              CATEGORY["age"], (segments[0][0], segments[-1][1])))
    for flag, kind in zip(ci.flags, ci.schema.flag_kinds):
        if getattr(facts, flag) is None and pivotal(flag):
            reasons.append(Reason("unknown_fact", flag, "", _by_value(outcomes, flag),
                                  CATEGORY[kind]))
    for i, point in enumerate(questions):
        if pivotal(i):
            reasons.append(Reason("open_law", point.question, point.citation,
                                  _by_value(outcomes, i), point.category))
    return tuple(reasons)


def _by_value(outcomes: dict, variable) -> tuple[tuple[bool, str], ...]:
    by: dict[bool, set] = {True: set(), False: set()}
    for k, v in outcomes.items():
        by[k.value(variable)].add(v)
    return ((True, _outcome(by[True])), (False, _outcome(by[False])))


def _outcome(values: set) -> str:
    """met or not_met under this value of the variable, or open (it depends on another)."""
    return "met" if values == {True} else "not_met" if values == {False} else "open"


# --------------------------------------------------------------------------------- the trace

def _trace(cl: CompiledLimb, facts: Facts, vocab: m.Vocabulary | None,
           referred: dict[str, str]) -> LimbResult:
    seen = tuple(s(facts, referred) for s in cl.seens)
    # limb and element entries share the dict: their keys are tagged so that they can never be
    # equal (a two-element limb's (True, x) would otherwise be element 1's (1, x))
    hit = cl.traces.get(("limb", seen))
    if hit is not None:
        return hit
    results = []
    for i, el in enumerate(cl.limb.elements):
        key = ("element", i, seen[i])
        found = cl.traces.get(key)
        if found is None:
            found = cl.traces[key] = kind_of(el).trace(el, facts, vocab, referred)
        results.append(found)
    results = tuple(results)
    statuses = {r.status for r in results}
    if "not_satisfied" in statuses:
        status = "not_met"
    elif statuses & {"unknown", "open"}:
        status = "uncertain"
    else:
        status = "met"
    trace = LimbResult(cl.provision.id, cl.limb.id, cl.limb.citation, status, results)
    if len(cl.traces) > 256:    # per limb: a few recent traces are enough to share
        cl.traces.clear()
    cl.traces[("limb", seen)] = trace
    return trace


# ------------------------------------------------------------------------------------ notes

def _notes(inst: m.Instrument, facts: Facts, traces, when: date | None = None) -> tuple[Note, ...]:
    """The rules and circumstances the facts bring into play, as data (the views word them)."""
    notes: list[Note] = []
    consented = tuple(what for what, v in (("movement", facts.consent.movement),
                                           ("exploitation", facts.consent.exploitation)) if v)
    rules = [r for p in inst.provisions for r in p.consent_rules]
    if consented:
        used = [e for t in traces for e in t.elements
                if e.type == "means" and e.status == "satisfied"]
        child = any(t.status == "met" and any(e.type == "no_means" for e in t.elements)
                    for t in traces)
        if rules:
            r = rules[0]
            if used:
                terms = tuple(dict.fromkeys(x for e in used for x in e.matched))
                notes.append(Note("consent_irrelevant", r.citation, "consent-irrelevant",
                                  (("consented", consented), ("terms", terms))))
            else:
                notes.append(Note("consent", r.citation, "consent-child" if child else
                                  "consent-no-means", (("consented", consented),)))
        else:
            notes.append(Note("no_consent_rule", inst.citation, "no-consent-rule",
                              (("consented", consented), ("short", inst.short))))
    for t in traces:
        for e in t.elements:
            if e.type == "except" and e.status == "not_satisfied" and \
                    all(x.status != "not_satisfied" for x in t.elements if x is not e):
                notes.append(Note("exception", e.citation, "exception",
                                  (("limb", t.citation), ("fact", e.found.field))))
    for p in inst.provisions:
        for s in p.scopes:
            values = tuple((c, getattr(facts, c)) for c in s.conditions)
            notes.append(Note("scope", s.citation, "scope" if values else "scope-unconditional",
                              (("values", values), ("note", s.note or ""))))
    if not inst.in_force_on(facts.date):
        notes.append(Note("in_force", inst.citation, "not-in-force",
                          (("date", facts.date), ("start", inst.in_force_from),
                           ("end", inst.in_force_to))))
    gap = inst.gap_on(when)
    if gap:
        notes.append(Note("not_encoded", inst.citation, "not-encoded",
                          (("date", when), ("text", gap.text))))
    b = inst.bound
    if b and when is not None and when < b.since and inst.in_force_on(when):
        notes.append(Note("not_bound", inst.citation, "not-bound",
                          (("party", b.party), ("short", inst.short), ("date", when),
                           ("source", b.source), ("since", b.since))))
    return tuple(notes)
