"""Amendment proposals: applied to a statute set's syntax before it is resolved.

A proposal file (docs/amendments.md) names the instruments it amends and, for each, what it
changes: an element of some limbs, a limb, a text, a consent rule, a penalty or a note of a
provision, a whole provision, or the entries of a term set. The changes are made on the surface
syntax (lawcheck.statute.syntax), so that the amended instruments are resolved, checked and
compiled exactly as written law is; an element a proposal adds carries the proposal's spans, so
an error in it (an unknown term, a set it does not have) points into the proposal file.

A proposal's own words are proposed wording: the mark `proposed`, whether written or not, and
no other. Errors are collected (Collector) and raised together.
"""

from __future__ import annotations

import dataclasses
import hashlib

from lawcheck.errors import Collector, Span, did_you_mean
from lawcheck.statute import model as m
from lawcheck.statute.syntax import (
    Name, SAmend, SChange, SElement, SFile, SInstrument, SLimb, SLimbChange, SProposal,
    SProvision, SProvisionChange, SSet, SSetChange, STermEntry, SWords)

PROPOSAL_FIELDS = ("title", "short", "source", "note")
REQUIRED = ("title", "source")


def slot(el: SElement) -> tuple[str, str]:
    """What an element is in its limb, for replacing it: its kind (means and no means are the
    same slot: how the means are required), and for an exception its flag."""
    kind = "means" if el.kind == "no_means" else el.kind
    return (kind, el.names[0].value if kind == "except" and el.names else "")


def check_law(files: list[SFile], errors: Collector) -> None:
    """A statute file holds the law: no proposals, and no words marked `proposed`."""
    for f in files:
        for p in f.proposals:
            errors.error(p.id.span, f"a proposal ('{p.id.value}') among the statute files",
                         expected="only vocabulary, instruments and definitions in a statute "
                                  "folder",
                         suggestion="keep proposals in a folder of their own and apply them "
                                    f"with: lawcheck amend {f.file}")
        for inst in f.instruments:
            for w in _all_words(inst):
                if w.confidence == "proposed":
                    errors.error(w.span, "words marked `proposed` in a statute file",
                                 expected="verbatim, paraphrase, unverified or translation",
                                 suggestion="proposed wording belongs in a proposal file "
                                            "(lawcheck amend)")


def proposals_of(files: list[SFile], errors: Collector) -> list[SProposal]:
    """The proposals of proposal files: nothing else may be in them."""
    out = []
    for f in files:
        for x in (*f.instruments, *f.definitions):
            errors.error(x.id.span, "an instrument or definition in a proposal file",
                         expected="only `proposal NAME { ... }` blocks",
                         suggestion="a proposal amends instruments with `amend ID { ... }`; a "
                                    "new instrument belongs in a statute folder (--statutes)")
        for t in (*f.terms, *f.borders, *f.circumstances, *f.aggravations):
            errors.error(t.span, "a vocabulary declaration in a proposal file",
                         expected="only `proposal NAME { ... }` blocks")
        if not f.proposals and not f.instruments and not f.definitions:
            errors.error(Span(f.file), "no proposal in this file",
                         expected="proposal NAME { title \"...\" source \"...\" amend ID { ... } }")
        out.extend(f.proposals)
    seen: dict[str, Span] = {}
    for p in out:
        if p.id.value in seen:
            errors.error(p.id.span, f"proposal '{p.id.value}' is given twice",
                         suggestion=f"it is already given at {seen[p.id.value]}")
        seen.setdefault(p.id.value, p.id.span)
    return out


def apply(files: list[SFile], proposals: list[SProposal],
          errors: Collector) -> tuple[list[SFile], dict[str, list[str]]]:
    """The statute files with every proposal applied in order, and for each amended instrument
    the proposals that amended it."""
    instruments = {i.id.value: i for f in files for i in f.instruments}
    amended: dict[str, list[str]] = {}
    for p in proposals:
        for a in p.amends:
            inst = instruments.get(a.instrument.value)
            if inst is None:
                errors.error(a.instrument.span,
                             f"no instrument '{a.instrument.value}' to amend",
                             suggestion=did_you_mean(a.instrument.value, instruments),
                             context=f"proposal '{p.id.value}'")
                continue
            ctx = f"proposal '{p.id.value}', amend {a.instrument.value}"
            new = _Amending(inst, errors, ctx).amend(a)
            instruments[inst.id.value] = dataclasses.replace(
                new, prose=new.prose + p.prose)
            amended.setdefault(inst.id.value, [])
            if p.id.value not in amended[inst.id.value]:
                amended[inst.id.value].append(p.id.value)
    out = [dataclasses.replace(f, instruments=tuple(instruments[i.id.value]
                                                    for i in f.instruments)) for f in files]
    return out, amended


def proposal_model(p: SProposal, file: str, data: bytes, errors: Collector,
                   translations: m.Translations, bundled: bool = False) -> m.Proposal | None:
    fields: dict[str, object] = {}
    notes: list[str] = []
    for fl in p.fields:
        if fl.name not in PROPOSAL_FIELDS:
            errors.error(fl.span, f"a proposal has no field '{fl.name}'",
                         expected=", ".join(PROPOSAL_FIELDS),
                         suggestion=did_you_mean(fl.name, PROPOSAL_FIELDS),
                         context=f"proposal '{p.id.value}'")
        elif fl.name == "note":
            notes.append(fl.value)
        elif fl.name in fields:
            errors.error(fl.span, f"field '{fl.name}' is given twice",
                         context=f"proposal '{p.id.value}'")
        else:
            fields[fl.name] = fl.value
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        errors.error(p.id.span, "missing field" + ("s" if len(missing) > 1 else "") + ": "
                     + ", ".join(missing), context=f"proposal '{p.id.value}'",
                     expected="; ".join(f'{f} "..."' for f in missing),
                     suggestion="a proposal says what it is (title) and where it comes from "
                                "(source: a report's recommendation, a draft law, a submission)")
        return None
    if not p.amends:
        errors.error(p.id.span, "the proposal amends nothing",
                     expected="amend INSTRUMENT { ... }", context=f"proposal '{p.id.value}'")
        return None
    return m.Proposal(id=p.id.value, title=fields["title"], short=fields.get("short"),
                      source=fields["source"], notes=tuple(notes),
                      amends=tuple(dict.fromkeys(a.instrument.value for a in p.amends)),
                      file=file, bundled=bundled, digest=hashlib.sha256(data).hexdigest()[:12],
                      translations=translations, span=p.span)


def _all_words(node):
    """Every quoted `words` of a syntax node, at any depth (fields that are nodes or tuples)."""
    if isinstance(node, SWords):
        yield node
    elif isinstance(node, tuple):
        for x in node:
            yield from _all_words(x)
    elif dataclasses.is_dataclass(node) and not isinstance(node, (Name, Span)):
        for f in dataclasses.fields(node):
            yield from _all_words(getattr(node, f.name))


class _Amending:
    """Applies one `amend` block to one instrument's syntax."""

    def __init__(self, inst: SInstrument, errors: Collector, context: str):
        self.inst = inst
        self.errors = errors
        self.context = context

    def error(self, span: Span, message: str, **kw) -> None:
        self.errors.error(span, message, context=self.context, **kw)

    # -- the proposal's words are proposed wording -------------------------------------------
    def proposed(self, node):
        """A node of the proposal with its words marked `proposed` (an error for any other
        mark)."""
        if isinstance(node, SWords):
            if node.confidence not in (None, "proposed"):
                self.error(node.span, f"words marked `{node.confidence}` in a proposal",
                           expected="`proposed` (or no mark: a proposal's words are proposed "
                                    "wording)",
                           suggestion="a proposal cannot quote the law as found; quote it in "
                                      "the statute files")
            return dataclasses.replace(node, confidence="proposed")
        if isinstance(node, tuple):
            return tuple(self.proposed(x) for x in node)
        if dataclasses.is_dataclass(node) and not isinstance(node, (Name, Span)):
            changes = {f.name: self.proposed(getattr(node, f.name))
                       for f in dataclasses.fields(node)
                       if isinstance(getattr(node, f.name), (tuple, SWords))
                       or dataclasses.is_dataclass(getattr(node, f.name))}
            return dataclasses.replace(node, **changes)
        return node

    # -- the instrument ----------------------------------------------------------------------
    def amend(self, a: SAmend) -> SInstrument:
        inst = self.inst
        for ch in a.changes:
            if isinstance(ch, SProvisionChange):
                inst = self._in_provision(inst, ch)
            elif isinstance(ch, SSetChange):
                inst = self._in_set(inst, ch)
            else:
                inst = self._instrument_change(inst, ch)
        return inst

    def _instrument_change(self, inst: SInstrument, ch: SChange) -> SInstrument:
        if ch.what == "note":
            from lawcheck.statute.syntax import SField
            return dataclasses.replace(inst, fields=inst.fields + (
                SField("note", ch.node, ch.span),))
        if ch.what == "provision":
            ids = [p.id.value for p in inst.provisions]
            new = self.proposed(ch.node)
            key = new.id.value if new is not None else ch.name.value
            return dataclasses.replace(inst, provisions=self._listed(
                inst.provisions, ids, key, ch, new, "provision"))
        if ch.what == "set":
            ids = [s.name.value for s in inst.sets if s.name is not None]
            new = self.proposed(ch.node)
            key = new.name.value if new is not None else ch.name.value
            sets = [s for s in inst.sets if s.name is not None]
            return dataclasses.replace(inst, sets=self._listed(sets, ids, key, ch, new, "set"))
        raise AssertionError(ch.what)   # the grammar allows nothing else here

    def _listed(self, items, ids: list[str], key: str, ch: SChange, new, what: str):
        """Add, replace or remove the item `key` of a list of provisions, sets or limbs."""
        items = list(items)
        where = ch.name.span if ch.name is not None else ch.span
        if ch.op == "add":
            if key in ids:
                self.error(ch.span, f"the {what} '{key}' is already there",
                           suggestion=f"to change it, write: replace {what} {key} ...")
                return tuple(items)
            return tuple(items) + (new,)
        if key not in ids:
            self.error(where, f"no {what} '{key}' to {ch.op}",
                       suggestion=did_you_mean(key, ids) or (
                           f"the {what}s here: {', '.join(ids)}" if ids else None))
            return tuple(items)
        i = ids.index(key)
        if ch.op == "remove":
            del items[i]
        else:
            items[i] = new
        return tuple(items)

    # -- a provision -------------------------------------------------------------------------
    def _in_provision(self, inst: SInstrument, pc: SProvisionChange) -> SInstrument:
        ids = [p.id.value for p in inst.provisions]
        if pc.id.value not in ids:
            self.error(pc.id.span, f"no provision '{pc.id.value}' in {inst.id.value}",
                       suggestion=did_you_mean(pc.id.value, ids) or
                       f"its provisions: {', '.join(ids)}")
            return inst
        i = ids.index(pc.id.value)
        prov = inst.provisions[i]
        for ch in pc.changes:
            prov = (self._in_limbs(prov, ch) if isinstance(ch, SLimbChange)
                    else self._provision_change(prov, ch))
        provisions = list(inst.provisions)
        provisions[i] = prov
        return dataclasses.replace(inst, provisions=tuple(provisions))

    def _provision_change(self, prov: SProvision, ch: SChange) -> SProvision:
        new = self.proposed(ch.node)
        if ch.what == "limb":
            ids = [lb.id.value for lb in prov.limbs]
            key = new.id.value if new is not None else ch.name.value
            return dataclasses.replace(prov, limbs=self._listed(prov.limbs, ids, key, ch, new,
                                                                "limb"))
        if ch.what == "note":
            return dataclasses.replace(prov, notes=prov.notes + (ch.node,))
        if ch.what == "consent":
            if ch.op == "add":
                if prov.rules:
                    self.error(ch.span, f"provision '{prov.id.value}' already has a consent "
                                        "rule", suggestion="remove consent first to change it")
                    return prov
                return dataclasses.replace(prov, rules=(new,))
            if not prov.rules:
                self.error(ch.span, f"provision '{prov.id.value}' has no consent rule to "
                                    "remove")
                return prov
            return dataclasses.replace(prov, rules=())
        # text and penalty: found by citation
        field = "texts" if ch.what == "text" else "penalties"
        items = list(getattr(prov, field))
        cites = [x.citation for x in items]
        key = new.citation if new is not None else ch.name.value
        if ch.op == "add":
            return dataclasses.replace(prov, **{field: tuple(items) + (new,)})
        if key not in cites:
            self.error(ch.name.span if ch.name else ch.span,
                       f"provision '{prov.id.value}' has no {ch.what} \"{key}\" to {ch.op}",
                       expected=f"one of its {ch.what}s' citations: "
                                + ", ".join(f'"{c}"' for c in cites) if cites else None,
                       suggestion=did_you_mean(key, cites))
            return prov
        i = cites.index(key)
        if ch.op == "remove":
            del items[i]
        else:
            items[i] = new
        return dataclasses.replace(prov, **{field: tuple(items)})

    # -- limbs -------------------------------------------------------------------------------
    def _in_limbs(self, prov: SProvision, lc: SLimbChange) -> SProvision:
        ids = [lb.id.value for lb in prov.limbs]
        chosen = set(ids)
        if lc.limbs:
            chosen = set()
            for n in lc.limbs:
                if n.value not in ids:
                    self.error(n.span, f"no limb '{n.value}' in provision '{prov.id.value}'",
                               suggestion=did_you_mean(n.value, ids) or
                               f"its limbs: {', '.join(ids)}")
                chosen.add(n.value)
        # the proposal's words marked once, whatever the number of limbs they go to
        lc = dataclasses.replace(lc, changes=tuple(
            dataclasses.replace(ch, node=self.proposed(ch.node)) for ch in lc.changes))
        limbs = tuple(self._limb(lb, lc) if lb.id.value in chosen else lb for lb in prov.limbs)
        return dataclasses.replace(prov, limbs=limbs)

    def _limb(self, limb: SLimb, lc: SLimbChange) -> SLimb:
        elements = list(limb.elements)
        for ch in lc.changes:
            if ch.op == "remove":
                kind = ch.name.value
                flag = ch.names[0].value if ch.names else None
                hits = [i for i, e in enumerate(elements) if slot(e)[0] == kind
                        and (flag is None or slot(e)[1] == flag)]
                if not hits:
                    self.error(ch.name.span, f"limb '{limb.id.value}' has no {kind} element "
                                             "to remove" + (f" ({flag})" if flag else ""),
                               suggestion=self._kinds(elements))
                    continue
                elements = [e for i, e in enumerate(elements) if i not in hits]
                continue
            new = ch.node
            hits = [i for i, e in enumerate(elements) if slot(e) == slot(new)]
            name = _kind_words(new)
            if ch.op == "add":
                if hits:
                    self.error(ch.span, f"limb '{limb.id.value}' already has {name} element",
                               suggestion=f"to change it, write: replace {_written(new)} ...")
                    continue
                elements.append(new)
            else:
                if not hits:
                    self.error(ch.span, f"limb '{limb.id.value}' has no {name.split(' ', 1)[1]} element to "
                                        "replace",
                               suggestion="to give it one, write: add ... ("
                                          + (self._kinds(elements) or "it has no elements")
                                          + ")")
                    continue
                if len(hits) > 1:
                    self.error(ch.span, f"limb '{limb.id.value}' has {len(hits)} {name[2:]} "
                                        "elements: which one to replace is not clear",
                               suggestion="replace the whole limb: replace limb ...")
                    continue
                elements[hits[0]] = new
        return dataclasses.replace(limb, elements=tuple(elements))

    @staticmethod
    def _kinds(elements) -> str | None:
        kinds = list(dict.fromkeys(slot(e)[0] for e in elements))
        return f"its elements: {', '.join(kinds)}" if kinds else None

    # -- a term set --------------------------------------------------------------------------
    def _in_set(self, inst: SInstrument, sc: SSetChange) -> SInstrument:
        names = [s.name.value for s in inst.sets if s.name is not None]
        if sc.name.value not in names:
            self.error(sc.name.span, f"no set '{sc.name.value}' in {inst.id.value}",
                       suggestion=did_you_mean(sc.name.value, names) or (
                           f"its sets: {', '.join(names)}" if names else None))
            return inst
        sets = list(inst.sets)
        i = next(k for k, s in enumerate(sets) if s.name and s.name.value == sc.name.value)
        sset = sets[i]
        for ch in sc.changes:
            sset = self._entry_change(sset, ch)
        sets[i] = sset
        return dataclasses.replace(inst, sets=tuple(sets))

    def _entry_change(self, sset: SSet, ch: SChange) -> SSet:
        listed = [t.value for e in sset.entries for t in e.terms]
        if ch.op == "remove":
            gone = set()
            for n in ch.names:
                if n.value not in listed:
                    self.error(n.span, f"set '{sset.name.value}' does not list '{n.value}'",
                               suggestion=did_you_mean(n.value, listed))
                gone.add(n.value)
            return dataclasses.replace(sset, entries=_without(sset.entries, gone))
        new: STermEntry = self.proposed(ch.node)
        terms = [t.value for t in new.terms]
        if new.citation is None:
            self.error(ch.span, "a proposed entry needs its own citation",
                       expected=f'{", ".join(terms)} "CITATION (proposed)" vi "..."',
                       suggestion="cite where the proposal would put it, e.g. "
                                  "\"Art. 150(1) (proposed)\"")
        if ch.op == "add":
            there = [t for t in terms if t in listed]
            if there:
                self.error(ch.span, f"set '{sset.name.value}' already lists "
                                    + ", ".join(f"'{t}'" for t in there),
                           suggestion=f"to change how it is listed, write: replace {there[0]} "
                                      "...")
                return sset
            return dataclasses.replace(sset, entries=sset.entries + (new,))
        missing = [t for t in terms if t not in listed]
        for t in missing:
            n = next(x for x in new.terms if x.value == t)
            self.error(n.span, f"set '{sset.name.value}' does not list '{t}' to replace",
                       suggestion=did_you_mean(t, listed) or f"to list it, write: add {t} ...")
        if missing:
            return sset
        # the new entry takes the place of the first entry it replaces
        first = next(k for k, e in enumerate(sset.entries)
                     if any(t.value in terms for t in e.terms))
        kept = list(_without(sset.entries[:first], set(terms))) + [new] + list(
            _without(sset.entries[first:], set(terms)))
        return dataclasses.replace(sset, entries=tuple(kept))


def _without(entries, gone: set[str]) -> tuple[STermEntry, ...]:
    """The entries without the terms gone (an entry left naming no term is dropped)."""
    out = []
    for e in entries:
        terms = tuple(t for t in e.terms if t.value not in gone)
        if terms:
            out.append(e if len(terms) == len(e.terms) else dataclasses.replace(e, terms=terms))
    return tuple(out)


_WRITTEN = {"age": "victim age", "no_means": "no means"}


def _written(el: SElement) -> str:
    return _WRITTEN.get(el.kind, el.kind)


def _kind_words(el: SElement) -> str:
    kind = "victim age" if slot(el)[0] == "age" else slot(el)[0]
    return ("an " if kind[0] in "aeiou" else "a ") + kind
