"""Stage 5b: statutes -> every region of facts where two instruments' verdicts differ, exactly.

The statutes tell which distinctions matter, so the space of facts is finite:

* ages matter only at the thresholds some provision names (the compiled cut points), so each
  age segment between two thresholds is one value;
* two terms (acts, means or purposes) that every instrument treats alike (listed or not, as the
  same open question, with the same handover flag) are one class;
* the yes/no facts the elements read (the handover, an exception's fact: the instruments'
  Schema) are flags, each yes or no.

Every element is monotone in the terms: a limb needs one term from each of its sets, so a fact
pattern with more terms can only satisfy more. Hence where A holds and B does not (under one
reading of the open points), removing the terms A does not need keeps B from holding: every
divergent fact pattern lies above a *minimal* one, and a minimal one uses at most as many classes
of a kind as some limb has sets of that kind (k, usually 1). The explorer enumerates every pattern
up to that size, keeps the divergent ones that are minimal, and groups them into regions by pair,
direction, robustness and cause. tests/test_explore.py checks completeness against brute force.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from lawcheck.statute import model as m
from lawcheck.engine.compare import Divergence, cause_rank, divergences, main_cause
from lawcheck.engine.elements import HandoverKind, type_rank
from lawcheck.engine.evaluate import (CompiledInstrument, InstrumentResult, compile_instrument, evaluate,
                               open_points_in_play, outcome_table)
from lawcheck.scenarios import AgeRange, Facts

KINDS = ("act", "means", "purpose")
FIELD = {"act": "acts", "means": "means", "purpose": "purposes"}
_RANK = {"not_met": 0, "uncertain": 1, "met": 2}
MAX_AGE = 130


# ------------------------------------------------------------------------------------ the space

@dataclass(frozen=True)
class TermClass:
    """Terms every compared instrument treats alike; the first is the representative."""
    kind: str
    terms: tuple[str, ...]
    index: int = 0           # position among the classes of its kind (vocabulary order)
    open: bool = False       # some compared instrument lists it as open to interpretation

    @property
    def term(self) -> str:
        return self.terms[0]


@dataclass(frozen=True)
class Space:
    instruments: tuple[str, ...]
    segments: tuple[tuple[int, int], ...]
    classes: dict                      # kind -> tuple[TermClass, ...]
    sizes: dict                        # kind -> most classes of that kind a minimal pattern needs
    # the yes/no facts, in the order of the kinds that read them: (fact, element type, whether
    # some instrument reads it, the acts that imply it (the handover acts), or none)
    flags: tuple[tuple[str, str, bool, frozenset], ...] = ()

    def subsets(self, kind: str) -> list[tuple[TermClass, ...]]:
        low = 1 if kind == "act" else 0
        cls = self.classes[kind]
        return [c for size in range(low, self.sizes[kind] + 1)
                for c in itertools.combinations(cls, size)]

    def patterns(self) -> list["Pattern"]:
        """Every pattern, in the order witnesses are preferred: fewest terms, no yes/no fact
        stated (in the order of the flags), fewest terms that raise an open point, then the
        vocabulary's order. A flag no instrument reads stays no (yes where an act implies it)."""
        out = []
        for seg in range(len(self.segments)):
            for acts in self.subsets("act"):
                stated = {t for c in acts for t in c.terms}
                values = [(True,) if stated & implied else (False, True) if read else (False,)
                          for _, _, read, implied in self.flags]
                names = tuple(f for f, *_ in self.flags)
                for means in self.subsets("means"):
                    for purposes in self.subsets("purpose"):
                        for chosen in itertools.product(*values):
                            out.append(Pattern(self.segments[seg], acts, means, purposes,
                                               tuple(zip(names, chosen))))
        out.sort(key=Pattern.order)
        return out

    def exception_flags(self) -> frozenset[str]:
        return frozenset(f for f, kind, _, _ in self.flags if kind == "except")


@dataclass(frozen=True)
class Pattern:
    """A point of the space: an assignment of the variables. It quacks like Facts where the
    evaluator reads them (each flag is an attribute of its name)."""
    segment: tuple[int, int]
    act_classes: tuple[TermClass, ...]
    means_classes: tuple[TermClass, ...]
    purpose_classes: tuple[TermClass, ...]
    flags: tuple[tuple[str, bool], ...]         # (yes/no fact, value), in the Space's order
    acts: tuple[str, ...] = field(init=False, compare=False)
    means: tuple[str, ...] = field(init=False, compare=False)
    purposes: tuple[str, ...] = field(init=False, compare=False)
    key: tuple = field(init=False, compare=False, repr=False)   # cheap to hash

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return isinstance(other, Pattern) and self.key == other.key

    def __post_init__(self):
        object.__setattr__(self, "acts", tuple(c.term for c in self.act_classes))
        object.__setattr__(self, "means", tuple(c.term for c in self.means_classes))
        object.__setattr__(self, "purposes", tuple(c.term for c in self.purpose_classes))
        object.__setattr__(self, "key", (self.segment, self.acts, self.means, self.purposes,
                                         self.flags))
        for name, value in self.flags:
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_hash", hash(self.key))

    victim_age = property(lambda self: self.segment[0])
    age_range = property(lambda self: self.segment)

    def size(self) -> int:
        return len(self.act_classes) + len(self.means_classes) + len(self.purpose_classes)

    def order(self) -> tuple:
        classes = self.act_classes + self.means_classes + self.purpose_classes
        return (self.size(), tuple(v for _, v in self.flags),
                sum(c.open for c in classes), self.segment,
                tuple(c.index for c in self.act_classes),
                tuple(c.index for c in self.means_classes),
                tuple(c.index for c in self.purpose_classes))

    def below(self) -> Iterable["Pattern"]:
        """The patterns with one class fewer (acts keep at least one)."""
        for kind, attr in (("act", "act_classes"), ("means", "means_classes"),
                           ("purpose", "purpose_classes")):
            have = getattr(self, attr)
            if kind == "act" and len(have) == 1:
                continue
            for i in range(len(have)):
                yield Pattern(**{**self._fields(), attr: have[:i] + have[i + 1:]})

    def _fields(self) -> dict:
        return dict(segment=self.segment, act_classes=self.act_classes,
                    means_classes=self.means_classes, purpose_classes=self.purpose_classes,
                    flags=self.flags)

    def facts(self) -> Facts:
        lo, hi = self.segment
        age = lo if lo == hi else AgeRange(min=lo, max=hi)
        return Facts(victim_age=age, acts=self.acts, means=self.means, purposes=self.purposes,
                     **dict(self.flags))


def _set_elements(ci: CompiledInstrument):
    return (e for e in _elements(ci) if isinstance(e, m.SetElement))


def _needed(ci: CompiledInstrument, kind: str, memo: dict | None = None) -> int:
    """The most sets of one kind a single limb (with a limb of what it refers to) requires
    (each instrument computed once, however many references reach it)."""
    memo = {} if memo is None else memo
    if (ci.instrument.id, kind) in memo:
        return memo[(ci.instrument.id, kind)]
    best = 0
    referred = {r.instrument.id: r for r in ci.referred}
    for cl in ci.limbs:
        own = sum(1 for e in cl.limb.elements if isinstance(e, m.SetElement) and e.kind == kind)
        via = [_needed(referred[t], kind, memo) for e in cl.limb.elements
               if isinstance(e, m.RefersElement) and not e.unresolved
               for t in dict.fromkeys(r.instrument for r in e.all_refs)]
        best = max(best, own + max(via, default=0))
    memo[(ci.instrument.id, kind)] = best
    return best


def space(statutes: m.StatuteSet, ids: Iterable[str] | None = None) -> Space:
    """The space of fact patterns the given instruments (default: all) distinguish."""
    ids = tuple(ids or statutes.ids)
    compiled = [compile_instrument(statutes.instrument(i), statutes) for i in ids]
    cuts = sorted({c for ci in compiled for c in ci.cut_points if 0 < c <= MAX_AGE})
    bounds = [0] + cuts + [MAX_AGE + 1]
    segments = tuple((a, b - 1) for a, b in zip(bounds, bounds[1:]))
    elements = [e for ci in compiled for e in _set_elements(ci)]
    vocab = statutes.vocabulary
    classes, sizes = {}, {}
    for kind in KINDS:
        mine = [e for e in elements if e.kind == kind]
        groups: dict[tuple, list[str]] = {}
        for term in vocab.names(kind):
            signature = [term in vocab.handover_acts]
            for e in mine:
                entry = e.set.entry_for(term)
                signature.append(None if entry is None else
                                 ("open", entry.qualifier_text) if entry.is_open else "listed")
            groups.setdefault(tuple(signature), []).append(term)
        classes[kind] = tuple(TermClass(kind, tuple(ts), n, any(
            isinstance(x, tuple) for x in sig)) for n, (sig, ts) in enumerate(groups.items()))
        sizes[kind] = max([1] + [_needed(ci, kind) for ci in compiled])
    # the flags the instruments read (their Schemas), and those an act implies though none
    # reads them (the vocabulary's handover acts imply a handover)
    read = {f: kind for ci in compiled for f, kind in zip(ci.flags, ci.schema.flag_kinds)}
    implied = {HandoverKind.flag: vocab.handover_acts} if vocab.handover_acts else {}
    kinds = {**{f: "handover" for f in implied}, **read}
    flags = tuple((f, kinds[f], f in read, frozenset(implied.get(f, ())))
                  for f in sorted(kinds, key=lambda f: (type_rank(kinds[f]), f)))
    return Space(ids, segments, classes, sizes, flags)


def _elements(ci: CompiledInstrument):
    """Every element of the instrument and of the instruments it refers to, each once."""
    seen, todo = set(), [ci]
    while todo:
        c = todo.pop()
        if c.instrument.id in seen:
            continue
        seen.add(c.instrument.id)
        for cl in c.limbs:
            yield from cl.limb.elements
        todo.extend(c.referred)


# ---------------------------------------------------------------------------------- outcomes

_NO_READING: list[dict] = [{}]


class _Outcomes:
    """Each instrument's answer at a pattern, as a function of the open points in play."""

    def __init__(self, statutes: m.StatuteSet, ids, when: date | None = None):
        self.when = when
        self.compiled = {i: compile_instrument(statutes.instrument(i), statutes) for i in ids}
        self.cache: dict[str, dict[Pattern, tuple]] = {i: {} for i in ids}
        self.joint: dict[tuple, list] = {}
        self.diverging: dict[tuple, list] = {}

    def of(self, inst: str, p: Pattern) -> tuple[tuple[str, ...], dict | bool]:
        """(questions, table answers -> bool), or (questions, bool) when settled."""
        mine = self.cache[inst]
        hit = mine.get(p)
        if hit is None:
            ci = self.compiled[inst]
            result = ci.fast(p, self.when)
            if result != "uncertain":   # the same under every reading: no table needed
                hit = mine[p] = (tuple(q.question for q in open_points_in_play(ci, p, self.when)),
                                 result == "met")
            else:
                _, questions, table, _ = outcome_table(ci, p, self.when)
                hit = mine[p] = (tuple(q.question for q in questions),
                                 {k.answers: v for k, v in table.items()})
        return hit

    def value(self, inst: str, p: Pattern, reading: dict[str, bool]) -> bool:
        qs, table = self.of(inst, p)
        if table is True or table is False:
            return table
        # every reading names every question in play at p, hence at the patterns below it
        return table[tuple(map(reading.__getitem__, qs))]

    def readings(self, a: str, b: str, p: Pattern) -> list[dict[str, bool]]:
        """Every joint answer to the open points in play for a or b at p."""
        qa, qb = self.of(a, p)[0], self.of(b, p)[0]
        if not qa and not qb:
            return _NO_READING
        qs = tuple(sorted(set(qa) | set(qb)))
        hit = self.joint.get(qs)
        if hit is None:
            hit = self.joint[qs] = [dict(zip(qs, answers)) for answers in
                                    itertools.product((True, False), repeat=len(qs))]
        return hit


# ----------------------------------------------------------------------------------- regions

@dataclass(frozen=True)
class Witness:
    pattern: Pattern
    facts: Facts
    verdicts: dict           # instrument -> verdict, for every compared instrument
    divergence: Divergence
    # for a reading-dependent one: the answers to the open points under which it diverges
    readings: tuple[tuple[tuple[str, bool], ...], ...]


@dataclass(frozen=True)
class Region:
    between: tuple[str, str]
    kind: str                  # verdict, or complemented (a complementary article covers it)
    nearer: str                # the instrument nearer to "met" (or "either")
    robust: bool               # the verdicts differ under every reading of the open points
    cause: str                 # child age, means, transfer, act, purpose, exception, reference
    witnesses: tuple[Witness, ...]

    @property
    def witness(self) -> Witness:
        return self.witnesses[0]

    @property
    def key(self) -> tuple:
        return (self.between, self.kind, self.nearer, self.robust, self.cause)


@dataclass(frozen=True)
class Exploration:
    space: Space
    patterns: int
    regions: tuple[Region, ...]
    rules: tuple[Witness, ...]     # same verdict, but a rule only one has (consent, exception)


def explore(statutes: m.StatuteSet, between: tuple[str, str] | None = None,
            ids: tuple[str, ...] | None = None, when: date | None = None,
            pairs: Iterable[tuple[str, str]] | None = None) -> Exploration:
    """Every region where two instruments (all pairs of `ids`, default every instrument, or
    just `between`, or the given `pairs`, which share the work) give different verdicts, with
    the law applied at `when` (which decides whether a reading open from a date is in play;
    none: as written)."""
    ids = tuple(ids or statutes.ids)
    if pairs is not None:
        pairs = sorted({tuple(sorted(pair)) for pair in pairs})
    else:
        pairs = [tuple(sorted(between))] if between else list(itertools.combinations(ids, 2))
    sp = space(statutes, ids)
    out = _Outcomes(statutes, ids, when)
    patterns = sp.patterns()
    regions: dict[tuple, list[Witness]] = {}
    evaluated: dict[tuple[str, Pattern], InstrumentResult] = {}
    # the pair and their complements decide how compare words a divergence
    involved = {pair: sorted({*pair, *(c for i in pair
                                       for c in statutes.instrument(i).complements)})
                for pair in pairs}
    from lawcheck.errors import Said
    from lawcheck.views.progress import counted
    for p in counted(patterns, Said("progress", "explored"), len(patterns)):
        below = list(p.below())
        facts = None
        for pair in pairs:
            if not _is_minimal(out, pair[0], pair[1], p, below):
                continue
            facts = facts or p.facts().typed(statutes.vocabulary)   # once a pattern
            results = {}
            for i in involved[pair]:
                if (i, p) not in evaluated:
                    evaluated[(i, p)] = evaluate(statutes.instrument(i), facts, statutes, when)
                results[i] = evaluated[(i, p)]
            w = _witness(pair, p, facts, results, divergences(results, statutes), statutes, out)
            regions.setdefault(region_key(pair, results, w.divergence), []).append(w)
    # Rule-level divergences (consent, exception): the smallest pattern where each shows.
    wanted = {(pair, rule) for pair in pairs for rule in _rules_only_one_has(statutes, *pair)}
    rules: dict[tuple, Witness] = {}
    consenting: dict[tuple[str, Pattern], InstrumentResult] = {}
    exceptions = sp.exception_flags()
    for pair, rule in sorted(wanted):
        holder = next(i for i in pair if rule in _rules_of(statutes, i))
        fast = out.compiled[holder].fast
        for p in patterns:
            if (pair, rule) not in wanted:
                break
            # cheap filters before a full evaluation: consent matters where a means is used
            # and the instrument with the rule is met; an exception where it applies
            if rule == "consent" and not (p.means and fast(_consenting(p), when) == "met"):
                continue
            if rule == "exception" and not any(v for f, v in p.flags if f in exceptions):
                continue
            res = {}
            for i in pair:
                if (i, p) not in consenting:
                    consenting[(i, p)] = evaluate(statutes.instrument(i), _consenting(p), statutes,
                                                      when)
                res[i] = consenting[(i, p)]
            for d in divergences(res, statutes):
                # consent is shown where an instrument is met (there the rule matters); an
                # exception where it decides the verdict
                if d.kind == "rule" and d.element == rule and (rule != "consent" or "met" in (
                        res[pair[0]].verdict, res[pair[1]].verdict)):
                    rules[(pair, rule)] = Witness(p, _consenting(p), _verdicts(res), d, ())
                    wanted.discard((pair, rule))
                    break
    ordered = sorted((Region(*k, tuple(ws)) for k, ws in regions.items()),
                     key=lambda r: (r.between, r.kind != "verdict", not r.robust,
                                    cause_rank(r.cause),
                                    r.nearer))
    return Exploration(sp, len(patterns), tuple(ordered),
                       tuple(rules[k] for k in sorted(rules)))




def _rules_of(statutes: m.StatuteSet, inst_id: str) -> set[str]:
    """The rules (consent, exception) an instrument has."""
    inst = statutes.instrument(inst_id)
    rules = set()
    if any(p.consent_rules for p in inst.provisions):
        rules.add("consent")
    if any(isinstance(e, m.ExceptElement) for p in inst.provisions for lb in p.limbs
           for e in lb.elements):
        rules.add("exception")
    return rules


def _rules_only_one_has(statutes: m.StatuteSet, a: str, b: str) -> list[str]:
    """The rules that one of the two instruments has and the other not."""
    return sorted(_rules_of(statutes, a) ^ _rules_of(statutes, b))


def _consenting(p: Pattern) -> Facts:
    """The pattern's facts with the victim consenting to everything."""
    f = p.facts()
    return f.model_copy(update={"consent": f.consent.model_copy(
        update={"movement": True, "exploitation": True})})


def _verdicts(results: dict[str, InstrumentResult]) -> dict[str, str]:
    return {i: r.verdict for i, r in sorted(results.items())}


def _diverging(out: _Outcomes, a: str, b: str, p: Pattern) -> list[tuple[dict, str]]:
    """The readings under which a and b differ at p, each with the instrument that holds."""
    key = (a, b, p)
    hit = out.diverging.get(key)
    if hit is not None:
        return hit
    found = out.diverging[key] = []
    for r in out.readings(a, b, p):
        va, vb = out.value(a, p, r), out.value(b, p, r)
        if va != vb:
            found.append((r, a if va else b))
    return found


def _is_minimal(out: _Outcomes, a: str, b: str, p: Pattern, below: list) -> bool:
    """Whether a and b differ at p under some reading, and no pattern with one class fewer
    differs the same way under the same reading (then none below it does: monotonicity)."""
    ta, tb = out.of(a, p)[1], out.of(b, p)[1]
    if isinstance(ta, bool) and isinstance(tb, bool):
        # settled at p: they differ (or not) under every reading
        if ta == tb:
            return False
        holder, other = (a, b) if ta else (b, a)
        unsettled = []
        for q in below:
            th, to = out.of(holder, q)[1], out.of(other, q)[1]
            if isinstance(th, bool) and isinstance(to, bool):
                if th and not to:
                    return False     # q differs the same way under every reading
            else:
                unsettled.append(q)
        if not unsettled:
            return True
        return any(not any(out.value(holder, q, r) and not out.value(other, q, r)
                           for q in unsettled) for r in out.readings(a, b, p))
    for reading, holder in _diverging(out, a, b, p):
        other = b if holder == a else a
        if not any(out.value(holder, q, reading) and not out.value(other, q, reading)
                   for q in below):
            return True
    return False


def _witness(pair, p: Pattern, facts: Facts, results, found, statutes,
             out: _Outcomes) -> Witness:
    a, b = pair
    d = next((x for x in found if x.between == pair and x.kind in ("verdict", "complemented")),
             None)
    if d is None:   # both uncertain, on different open points: they differ under some readings
        ra, rb = results[a], results[b]
        # what they turn on that the other does not: a point both turn on does not part them
        shared = {x.variable for x in ra.reasons} & {x.variable for x in rb.reasons}
        apart = [x for x in ra.reasons + rb.reasons if x.variable not in shared] \
            or list(ra.reasons + rb.reasons)
        d = Divergence(pair, "verdict", main_cause(apart), "both-uncertain", ra, rb,
                       terms=tuple(dict.fromkeys(x.variable for x in apart)))
    readings: tuple[tuple[tuple[str, bool], ...], ...] = ()
    diverging = _diverging(out, a, b, p)
    if len(diverging) < len(out.readings(a, b, p)):
        readings = tuple(sorted({tuple(sorted(r.items())) for r, _ in diverging}))
    return Witness(p, facts, _verdicts(results), d, readings)


def shown_by(scenarios) -> dict[tuple, list[str]]:
    """The region each scenario's divergences fall in (region_key; for a rule only one
    instrument has, (pair, "rule", element)) -> the scenarios that show it, in order."""
    shown: dict[tuple, list[str]] = {}
    for s in scenarios:
        for d in s.divergences:
            key = (d.between, "rule", d.element) if d.kind == "rule" else \
                region_key(d.between, s.results, d)
            shown.setdefault(key, []).append(s.scenario.id)
    return shown


def region_key(pair: tuple[str, str], results: dict[str, InstrumentResult],
               d: Divergence) -> tuple:
    """(pair, kind, the instrument nearer to met, robust, cause): the same for a witness and
    for a bundled scenario that shows the same divergence."""
    a, b = pair
    va, vb = results[a].verdict, results[b].verdict
    nearer = a if _RANK[va] > _RANK[vb] else b if _RANK[vb] > _RANK[va] else "either"
    robust = "uncertain" not in (va, vb)
    kind = "complemented" if d.kind == "complemented" else "verdict"
    return (pair, kind, nearer, robust, d.element)
