"""Stage 4b: an instrument -> one generated Python function that gives its verdict, fast.

Every element is monotone in every fact but the age: more terms, a handover, a "yes" to an open
question can only satisfy more; a humanitarian purpose can only satisfy less. So, within one age
segment, an instrument is met under *every* value of the unknown facts and open points exactly
when it is met under the least favourable one (open points "no", handover no, humanitarian purpose
yes), and not met under every value exactly when it is not met under the most favourable one. The
generated function checks those two corners in each age segment the facts allow, which gives the
same three-valued verdict as `evaluate` (tests/test_properties.py checks that they agree) without
enumerating the variables or building a trace.

A reading of a reference that is open from a date (`or from DATE as ... open "..."`) is not
monotone: the successors may be met where the written targets are not, and the other way round.
The function takes the date the law is applied at, and tries both readings from that date on; for
each fixed reading the corners above are exact.

A referred instrument is one generated function per corner, called (and memoised) wherever it is
referred to, so a chain or a ladder of references costs time linear in its size.

The source is generated once per instrument and kept (`source(inst)` shows it), so what runs is
straight-line Python with the statute's sets as frozenset constants.
"""

from __future__ import annotations

import functools
import itertools

from lawcheck.engine.elements import kind_of
from lawcheck.statute import model as m



class _Gen:
    def __init__(self, statutes: m.StatuteSet | None, flags: tuple[str, ...]):
        self.statutes = statutes
        # the yes/no facts the elements read (a handover, an exception's fact): one argument
        # each, `f_NAME`, read from the facts once
        self.flags = flags
        self.env = ("acts", {f: f"f_{f}" for f in flags})
        self.constants: dict[str, object] = {}
        self.names: dict[frozenset, str] = {}
        # readings open from a date (a reference that may point at successors): question ->
        # (index in R, the date from which both readings are tried)
        self.switches: dict[str, tuple[int, object]] = {}
        # a referred instrument (or some of its limbs) in one corner: one function each, called
        # wherever it is referred to, so that the source grows with the number of references,
        # not with the number of paths through them
        self.helpers: dict[tuple, str] = {}
        self.helper_source: list[str] = []

    def const(self, terms: frozenset) -> str:
        if terms not in self.names:
            name = f"S{len(self.names)}"
            self.names[terms] = name
            self.constants[name] = terms
        return self.names[terms]

    def switch(self, reading: m.SuccessorReading) -> str:
        if reading.question not in self.switches:
            n = len(self.switches)
            self.switches[reading.question] = (n, reading.since)
            self.constants[f"D{n}"] = reading.since
        return f"R[{self.switches[reading.question][0]}]"

    def element(self, el, strict: bool, env: tuple[str, dict]) -> str:
        """The element's value in one corner, as a Python expression: its kind writes it
        (lawcheck.engine.elements). `env` names where the acts and each yes/no fact are read
        from."""
        return kind_of(el).source(el, strict, env, self)

    def refs(self, refs, strict: bool, env: tuple[str, dict]) -> str:
        acts, flags = env
        args = "".join(f"{flags[f]}, " for f in self.flags)
        return "(" + " or ".join(f"{self.helper(r, strict)}(a, {acts}, means, purposes, {args}R)"
                                 for r in refs) + ")"

    def helper(self, ref: m.RefTarget, strict: bool) -> str:
        key = (ref.instrument, ref.limbs, strict)
        if key not in self.helpers:
            name = self.helpers[key] = f"F{len(self.helpers)}"
            body = self.instrument(self.statutes.instrument(ref.instrument), strict,
                                   only=ref.limbs)
            # memoised: a target reached along many paths is evaluated once per facts
            self.helper_source.append(
                f"@_cache(maxsize=4096)\ndef {name}(a, acts, means, purposes, "
                + "".join(f"{v}, " for v in self.env[1].values()) + "R):\n"
                f"    # {ref.key}, {'strict' if strict else 'lenient'} corner\n"
                f"    return {body}\n")
        return self.helpers[key]

    def limb(self, lb: m.Limb, strict: bool, env: tuple[str, dict]) -> str:
        return "(" + " and ".join(self.element(e, strict, env) for e in lb.elements) + ")"

    def instrument(self, inst: m.Instrument, strict: bool, env: tuple[str, dict] | None = None,
                   only: tuple[str, ...] = ()) -> str:
        env = env or self.env
        limbs = [self.limb(lb, strict, env) for p in inst.provisions for lb in p.limbs
                 if not only or lb.id in only]
        return "(" + " or ".join(limbs or ["False"]) + ")"


def source(inst: m.Instrument, cuts: tuple[int, ...], statutes: m.StatuteSet | None = None,
           only: tuple[str, ...] = (),
           flags: tuple[str, ...] | None = None) -> tuple[str, dict[str, object]]:
    """The function's source and the constants it uses (`only`: just these limbs; `flags`: the
    yes/no facts the instrument and those it refers to read, by default its Schema's)."""
    if flags is None:
        from lawcheck.engine.evaluate import compile_instrument
        flags = compile_instrument(inst, statutes).flags
    g = _Gen(statutes, flags)
    strict = g.instrument(inst, True, only=only)
    lenient = g.instrument(inst, False, only=only)
    readings = ", ".join(f"((False, True) if when is not None and when >= D{n} else (False,))"
                         for n, _ in g.switches.values())
    read_flags = "".join(f"    {v} = f.{flag}\n" for flag, v in g.env[1].items())
    text = "".join(g.helper_source) + f'''def verdict(f, when=None):
    # generated by lawcheck.engine.codegen for {inst.id}{f" ({', '.join(only)})" if only else ""}
    lo, hi = f.age_range
    acts, means, purposes = f.acts, f.means, f.purposes
{read_flags}    every = True      # met in every age segment, whatever the unknowns and open points
    some = False      # met in some segment under some value of them
    for a in (lo, *[c for c in CUTS if lo < c <= hi]):
        for R in _product({readings}):   # each reading of a reference open on this date
            if not {strict}:
                every = False
            if {lenient}:
                some = True
    return "met" if every else "uncertain" if some else "not_met"
'''
    return text, {**g.constants, "CUTS": cuts, "_cache": functools.lru_cache,
                  "_product": itertools.product}


def compile_verdict(inst: m.Instrument, cuts: tuple[int, ...],
                    statutes: m.StatuteSet | None = None, only: tuple[str, ...] = (), *,
                    flags: tuple[str, ...]):
    text, namespace = source(inst, cuts, statutes, only, flags)
    code = compile(text, f"<lawcheck verdict for {inst.id}>", "exec")
    exec(code, namespace)   # noqa: S102 - our own generated source, from a parsed statute
    return namespace["verdict"]
