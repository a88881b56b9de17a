"""Stage 3: surface syntax -> the statute model. Names are resolved and every error is collected."""

from __future__ import annotations

from datetime import date

from lawcheck.statute import model as m
from lawcheck.errors import Collector, Span, did_you_mean
from lawcheck.statute.model import UNKNOWN
from lawcheck.statute.syntax import Name, SElement, SFile, SInstrument, SProse, SSet, SWords

REQUIRED_FIELDS = ("title", "short", "kind", "jurisdiction", "citation", "source", "in_force",
                   "confidence")
SET_KINDS = ("act", "means", "purpose")


def resolve(files: list[SFile]) -> m.StatuteSet:
    """Build the StatuteSet from every parsed file; raise LawcheckError listing all problems."""
    errors = Collector()
    vocabulary = _vocabulary(files, errors)
    if not vocabulary.terms:
        errors.raise_if_any()   # without a vocabulary every term would be an error: stop here
    kinds = {t.name: t.kind for t in vocabulary.terms}
    # instrument id -> the ids of its limbs (a reference may name some of them)
    instrument_ids = {i.id.value: {lb.id.value for p in i.provisions for lb in p.limbs}
                      for f in files for i in f.instruments}
    instruments: list[m.Instrument] = []
    seen: dict[str, Span] = {}
    translated: dict[str, SProse] = {}      # one Vietnamese for each English text in the set
    for f in files:
        for inst in f.instruments:
            if inst.id.value in seen:
                errors.error(inst.id.span, f"duplicate instrument id '{inst.id.value}'",
                             suggestion=f"it is already defined at {seen[inst.id.value]}")
                continue
            seen[inst.id.value] = inst.id.span
            built = _Instrument(inst, kinds, instrument_ids, errors, vocabulary,
                                _translations(inst.prose, translated, errors)).build()
            if built is not None:
                instruments.append(built)
    _check_cycles(instruments, errors)
    if not seen and files:
        errors.error(Span(files[0].file), "no instruments found",
                     expected="at least one `instrument ... { ... }` among the statute files")
    definitions = [d for f in files for sd in f.definitions
                   for d in [_definition(sd, errors, _translations(sd.prose, translated, errors))]
                   if d is not None]
    errors.raise_if_any()
    instruments.sort(key=lambda i: i.id)
    definitions.sort(key=lambda d: d.id)
    return m.StatuteSet(vocabulary=vocabulary, instruments=tuple(instruments),
                        definitions=tuple(definitions))


def _translations(prose, translated: dict[str, SProse], errors: Collector) -> m.Translations:
    """lawcheck's words given with their Vietnamese in one instrument or definition. The same
    English text has the same Vietnamese throughout the statute set (it is looked up by its
    English, e.g. an open question two treaties share): a second, different one is an error."""
    pairs: dict[str, str] = {}
    for p in prose:
        first = translated.setdefault(p.text, p)
        if first.vi != p.vi:
            errors.error(p.span, "these words have another Vietnamese elsewhere",
                         expected=f'the same Vietnamese as at {first.span}: "{first.vi}"',
                         suggestion="one English text is translated one way throughout the "
                                    "statute files")
            continue
        pairs[p.text] = p.vi
    return m.Translations(vi=tuple(sorted(pairs.items())))


def proposal_translations(prose, errors: Collector) -> m.Translations:
    """A proposal's own words (title, source, notes) with their Vietnamese."""
    return _translations(prose, {}, errors)


_DEFINITION_FIELDS = ("title", "citation", "source")


def _definition(sd, errors: Collector, translations: m.Translations) -> m.Definition | None:
    """A `definition` block: title, citation, source, in_force, a default confidence, and one
    `defines TERM under N` line."""
    context = f"definition '{sd.id.value}'"
    fields: dict = {}
    for f in sd.fields:
        if f.name == "in_force":
            try:
                fields["in_force"] = tuple(date.fromisoformat(v) for v in f.value)
            except ValueError:
                errors.error(f.span, "invalid date", expected="a real date, YYYY-MM-DD",
                             context=context)
        elif f.name in _DEFINITION_FIELDS:
            fields[f.name] = f.value
        else:
            errors.error(f.span, f"field '{f.name}' does not belong in a definition",
                         expected="one of: " + ", ".join(_DEFINITION_FIELDS + ("in_force",)),
                         context=context)
    missing = [k for k in _DEFINITION_FIELDS if k not in fields]
    if missing:
        errors.error(sd.span, "missing field" + ("s" if len(missing) > 1 else "") + ": "
                     + ", ".join(missing), context=context)
    if len(sd.defines) != 1:
        errors.error(sd.span, "a definition needs exactly one `defines TERM under N \"cite\"` line",
                     context=context)
    if missing or len(sd.defines) != 1:
        return None
    d = sd.defines[0]
    if d.term.value != "child":
        errors.error(d.term.span, f"unknown defined term '{d.term.value}'", expected="child",
                     context=context)
        return None
    dates = fields.get("in_force", ())
    # a definition has no default confidence: a word without its mark counts as UNVERIFIED
    words = tuple(m.Words(lang=w.lang, text=w.text, confidence=w.confidence or "unverified",
                          span=w.span) for w in d.words)
    return m.Definition(id=sd.id.value, title=fields["title"], citation=fields["citation"],
                        source=fields["source"], in_force_from=dates[0] if dates else None,
                        in_force_to=dates[1] if len(dates) > 1 else None, term="child",
                        under=d.under, term_citation=d.citation, words=words,
                        translations=translations, span=d.span)


MAX_REFERENCE_DEPTH = 100   # instruments in one chain of references (docs/statute-language.md)


def _check_cycles(instruments: list[m.Instrument], errors: Collector) -> None:
    """A resolved reference may not lead back to the instrument it starts from (the cycle is
    named), and a chain of references may be at most MAX_REFERENCE_DEPTH instruments long.
    One depth-first walk: linear in the number of references."""
    edges: dict[str, list] = {
        i.id: [(r.instrument, e) for p in i.provisions for lb in p.limbs for e in lb.elements
               if isinstance(e, m.RefersElement) and not e.unresolved for r in e.all_refs]
        for i in instruments}
    state: dict[str, int] = {}          # 1: on the current path; 2: done
    depth: dict[str, int] = {}          # longest chain of instruments from here
    reported: set[frozenset] = set()
    for start in sorted(edges):
        if start in state:
            continue
        path: list[str] = [start]
        state[start] = 1
        stack = [iter(edges[start])]
        while stack:
            step = next(stack[-1], None)
            here = path[-1]
            if step is None:
                stack.pop()
                path.pop()
                state[here] = 2
                depth[here] = 1 + max((depth.get(t, 0) for t, _ in edges[here]), default=0)
                continue
            target, el = step
            if target not in edges:
                continue
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    errors.error(el.span, "circular reference: " + " -> ".join(cycle),
                                 expected="references that end at an instrument referring to "
                                          "no other", context=f"instrument '{here}'")
                continue
            if target in state:
                continue
            state[target] = 1
            path.append(target)
            stack.append(iter(edges[target]))
    for inst_id, d in sorted(depth.items()):
        if d > MAX_REFERENCE_DEPTH:
            el = edges[inst_id][0][1]
            errors.error(el.span, f"references from '{inst_id}' are {d} instruments deep",
                         expected=f"at most {MAX_REFERENCE_DEPTH}",
                         suggestion="refer to the provision that holds the elements directly",
                         context=f"instrument '{inst_id}'")
            break


def _vocabulary(files: list[SFile], errors: Collector) -> m.Vocabulary:
    terms: dict[str, m.Term] = {}
    for f in files:
        for t in f.terms:
            if _declared_twice(t.name, terms, "vocabulary term", errors):
                continue
            if t.handover and t.kind != "act":
                errors.error(t.name.span, f"only an act can be a handover, not a {t.kind} term")
            terms[t.name.value] = m.Term(kind=t.kind, name=t.name.value, label=t.label,
                                         label_vi=t.label_vi, span=t.span, handover=t.handover)
    if not terms and any(f.instruments for f in files):
        first = next(f for f in files if f.instruments)
        errors.error(Span(first.file), "no vocabulary found",
                     expected="a file with a `vocabulary { ... }` block among the statute files",
                     suggestion="--statutes takes a folder holding vocabulary.law and the "
                                "instrument files; copy the bundled vocabulary.law beside yours")
    borders = _borders(files, errors, needed=bool(terms))
    circumstances = _circumstances(files, errors)
    aggravations: dict[str, m.AggravationTerm] = {}
    for f in files:
        for a in f.aggravations:
            if _declared_twice(a.name, aggravations, "aggravating circumstance", errors):
                continue
            reads = None
            if a.reads is not None:
                reads = circumstances.get(a.reads.value)
                if reads is None:
                    errors.error(a.reads.span, f"unknown circumstance '{a.reads.value}'",
                                 expected="a circumstance the vocabulary declares (`circumstance "
                                          "NAME ...`), or no `reads` for one shown only by the "
                                          "facts a clause names after `also`",
                                 suggestion=did_you_mean(a.reads.value, circumstances))
            aggravations[a.name.value] = m.AggravationTerm(name=a.name.value, label=a.label,
                                                           label_vi=a.label_vi, reads=reads,
                                                           span=a.span)
    return m.Vocabulary(terms=tuple(terms.values()), borders=borders,
                        circumstances=tuple(circumstances.values()),
                        aggravations=tuple(aggravations.values()))


def _declared_twice(name, declared: dict, what: str, errors: Collector) -> bool:
    """Whether the name is already declared (an error, naming where)."""
    if name.value not in declared:
        return False
    errors.error(name.span, f"duplicate {what} '{name.value}'",
                 suggestion=f"it is already declared at {declared[name.value].span}")
    return True


def _borders(files: list[SFile], errors: Collector, needed: bool) -> tuple[m.BorderValue, ...]:
    """The border values; exactly one is the default (that of a scenario stating none)."""
    found: dict[str, m.BorderValue] = {}
    for f in files:
        for b in f.borders:
            if _declared_twice(b.name, found, "border value", errors):
                continue
            if b.name.value == UNKNOWN:
                errors.error(b.name.span, f"'{UNKNOWN}' cannot be declared as a border value",
                             expected="another name: a case file writes unknown for a border "
                                      "not known")
                continue
            default = next((d for d in found.values() if d.default), None)
            if b.default and default is not None:
                errors.error(b.span, f"a second default border value '{b.name.value}'",
                             suggestion=f"'{default.name}' is the default ({default.span})")
            found[b.name.value] = m.BorderValue(name=b.name.value, label=b.label,
                                                label_vi=b.label_vi, crosses=b.crosses,
                                                default=b.default, span=b.span)
    if needed and not any(b.default for b in found.values()):
        first = next((f for f in files if f.terms), files[0])
        errors.error(Span(first.file), "no default border value in the vocabulary",
                     expected='`border NAME "label" default`: the border value of a scenario '
                              "that states none",
                     suggestion="copy the border values of the bundled vocabulary.law")
    return tuple(found.values())


def _circumstances(files: list[SFile], errors: Collector) -> dict[str, m.Circumstance]:
    found: dict[str, m.Circumstance] = {}
    for f in files:
        for c in f.circumstances:
            if _declared_twice(c.name, found, "circumstance", errors):
                continue
            n = c.number
            if n is None:
                found[c.name.value] = m.Circumstance(name=c.name.value, label=c.label,
                                                     label_vi=c.label_vi, span=c.span)
                continue
            if n.low > n.high:
                errors.error(n.span, f"number {n.low} to {n.high}: the range is reversed",
                             expected="the lower bound first")
            elif not n.low <= n.default <= n.high:
                errors.error(n.span, f"default {n.default} is outside {n.low} to {n.high}",
                             expected="a default within the bounds")
            found[c.name.value] = m.Circumstance(
                name=c.name.value, label=c.label, label_vi=c.label_vi, low=n.low, high=n.high,
                unit=n.unit, unit_vi=n.unit_vi, default=n.default,
                default_words=n.default_words, default_words_vi=n.default_words_vi,
                span=c.span)
    return found


class _Instrument:
    """Resolves one instrument; errors go to the shared collector."""

    def __init__(self, inst: SInstrument, kinds: dict[str, str], instrument_ids: dict[str, set],
                 errors: Collector, vocabulary: m.Vocabulary,
                 translations: m.Translations = m.Translations()):
        self.vocabulary = vocabulary
        self.translations = translations
        self.broken_sets: set[str] = set()
        self.s = inst
        self.kinds = kinds
        self.instrument_ids = instrument_ids
        self.errors = errors
        self.context = f"instrument '{inst.id.value}'"
        self.fields: dict[str, object] = {}
        self.default_conf: str | None = None
        self.lang_conf: dict[str, str] = {}
        self.sets: dict[str, m.TermSet] = {}

    def build(self) -> m.Instrument | None:
        self._fields()
        for sset in self.s.sets:
            built = self._set(sset, None)
            if built is None and sset.name is not None:
                self.broken_sets.add(sset.name.value)   # already reported; uses stay quiet
            if built is None or sset.name is None:
                continue
            if sset.name.value in self.sets:
                self.errors.error(sset.name.span, f"duplicate set '{sset.name.value}'",
                                  context=self.context)
            else:
                self.sets[sset.name.value] = built
        provisions = []
        seen: set[str] = set()
        for prov in self.s.provisions:
            if prov.id.value in seen:
                self.errors.error(prov.id.span, f"duplicate provision id '{prov.id.value}'",
                                  context=self.context)
                continue
            seen.add(prov.id.value)
            built = self._provision(prov)
            if built is not None:
                provisions.append(built)
        if not self.s.provisions:
            self.errors.error(self.s.id.span, "an instrument needs at least one provision",
                              context=self.context)
        missing = [f for f in REQUIRED_FIELDS if f not in self.fields]
        if missing:
            self.errors.error(self.s.id.span, f"missing field{'s' if len(missing) > 1 else ''}: "
                              + ", ".join(missing), context=self.context,
                              expected="; ".join(f"{f} ..." for f in missing))
            return None
        dates = self.fields["in_force"]
        return m.Instrument(
            id=self.s.id.value, title=self.fields["title"], short=self.fields["short"],
            kind=self.fields["kind"], jurisdiction=self.fields["jurisdiction"],
            citation=self.fields["citation"], source=self.fields["source"],
            english=self.fields.get("english"),
            complements=self.fields.get("complements", ()),
            succeeded_by=self.fields.get("succeeded_by", ()), notes=tuple(self.fields.get("note", ())),
            bound=self.fields.get("bound"),
            not_encoded=tuple(self.fields.get("not_encoded", ())),
            in_force_from=dates[0], in_force_to=dates[1] if len(dates) > 1 else None,
            confidence=self.default_conf, provisions=tuple(provisions),
            translations=self.translations, span=self.s.span)

    # -- fields ------------------------------------------------------------------------------
    def _fields(self) -> None:
        for f in self.s.fields:
            if f.name == "note":
                self.fields.setdefault("note", []).append(f.value)
                continue
            if f.name == "confidence":
                lang, conf = f.value
                if lang:
                    self.lang_conf[lang] = conf
                    continue
                if self.default_conf is not None:
                    self.errors.error(f.span, "duplicate field 'confidence'", context=self.context)
                self.default_conf = conf
                self.fields["confidence"] = conf
                continue
            if f.name == "not_encoded":           # repeatable, like note
                start, end, why = f.value
                found = self._dates((start, end), f.span)
                self.fields.setdefault("not_encoded", []).append(
                    m.Gap(start=found[0], end=found[1], text=why))
                continue
            if f.name in self.fields:
                self.errors.error(f.span, f"duplicate field '{f.name}'", context=self.context)
                continue
            if f.name in ("complements", "succeeded_by"):
                what = {"complements": "complements",
                        "succeeded_by": "is succeeded by"}[f.name]
                for target in f.value:
                    if target.value not in self.instrument_ids or target.value == self.s.id.value:
                        self.errors.error(target.span, f"'{target.value}' is not another instrument",
                                          expected=f"the id of an instrument this one {what}",
                                          suggestion=did_you_mean(target.value, self.instrument_ids),
                                          context=self.context)
                self.fields[f.name] = tuple(t.value for t in f.value)
                continue
            if f.name == "in_force":
                self.fields["in_force"] = self._dates(f.value, f.span)
            elif f.name == "bound":
                party, since, why = f.value
                self.fields["bound"] = m.Binding(party=party, since=self._dates((since,), f.span)[0],
                                                 source=why)
            else:
                self.fields[f.name] = f.value

    def _dates(self, values: tuple[str, ...], span: Span) -> tuple[date, ...]:
        out = []
        for v in values:
            try:
                out.append(date.fromisoformat(v))
            except ValueError:
                self.errors.error(span, f"invalid date '{v}'", expected="a real date, YYYY-MM-DD",
                                  context=self.context)
                out.append(date.min)
        if len(out) == 2 and out[1] < out[0]:
            self.errors.error(span, "in_force ends before it starts", context=self.context)
        return tuple(out)

    # -- words and sets ----------------------------------------------------------------------
    def _words(self, words: tuple[SWords, ...], provision_conf: str | None) -> tuple[m.Words, ...]:
        out = []
        for w in words:
            conf = (w.confidence or self.lang_conf.get(w.lang) or provision_conf
                    or self.default_conf or "unverified")
            if not w.text.strip():
                self.errors.error(w.span, "empty text", expected="the provision's own words",
                                  context=self.context)
            out.append(m.Words(lang=w.lang, text=w.text, confidence=conf, span=w.span))
        return tuple(out)

    def _set(self, sset: SSet, provision_conf: str | None, want: str | None = None,
             context: str | None = None) -> m.TermSet | None:
        context = context or self.context
        entries, kinds_seen, seen_terms = [], set(), set()
        ok = True
        for entry in sset.entries:
            for name in entry.terms:
                kind = self.kinds.get(name.value)
                if kind is None:
                    choices = [t for t, k in self.kinds.items() if want in (None, k)]
                    hint = did_you_mean(name.value, choices)
                    if hint:
                        close = hint.split("'")[1]
                        where = next(t.span for t in self.vocabulary.terms if t.name == close)
                        hint += f" (declared at {where})"
                    self.errors.error(name.span, f"unknown term '{name.value}'",
                                      expected=f"{_a(want or 'vocabulary')} term",
                                      suggestion=hint, context=context)
                    ok = False
                    continue
                if name.value in seen_terms:
                    self.errors.error(name.span, f"term '{name.value}' appears twice in this set",
                                      context=context)
                seen_terms.add(name.value)
                kinds_seen.add(kind)
                if want and kind != want:
                    self.errors.error(name.span, f"'{name.value}' is {_a(kind)} term, not {_a(want)} term",
                                      expected=f"{_a(want)} term", context=context)
                    ok = False
            entries.append(m.TermEntry(
                terms=tuple(n.value for n in entry.terms),
                citation=entry.citation or sset.citation,
                words=self._words(entry.words, provision_conf),
                qualifier=entry.qualifier, qualifier_text=entry.qualifier_text, span=entry.span))
        if len(kinds_seen) > 1:
            self.errors.error(sset.span, "a set mixes " + " and ".join(sorted(kinds_seen)) + " terms",
                              expected="terms of one kind", context=context)
            return None
        if not entries:
            self.errors.error(sset.span, "empty set", expected="at least one term", context=context)
            return None
        if not ok:
            return None
        kind = want or next(iter(kinds_seen))
        return m.TermSet(kind=kind, name=sset.name.value if sset.name else None,
                         citation=sset.citation, entries=tuple(entries), span=sset.span)

    # -- provisions, limbs, elements ---------------------------------------------------------
    def _provision(self, prov) -> m.Provision | None:
        context = f"{self.context}, provision '{prov.id.value}' ({prov.citation})"
        conf = prov.confidence
        limbs, seen = [], set()
        for limb in prov.limbs:
            if limb.id.value in seen:
                self.errors.error(limb.id.span, f"duplicate limb id '{limb.id.value}'", context=context)
                continue
            seen.add(limb.id.value)
            lctx = f"{context}, limb '{limb.id.value}' ({limb.citation})"
            elements = [self._element(el, conf, lctx) for el in limb.elements]
            if any(e is None for e in elements):
                continue
            types = [e.type for e in elements]
            # (a limb that refers to another provision takes its means from that provision)
            if "no_means" not in types and "refers" not in types and not any(
                    isinstance(e, m.SetElement) and e.kind == "means" for e in elements):
                self.errors.error(limb.id.span, "a limb must say whether means are required",
                                  expected="a `means ...` element or `no means \"citation\"`",
                                  context=lctx)
                continue
            limbs.append(m.Limb(id=limb.id.value, citation=limb.citation, elements=tuple(elements),
                                notes=limb.notes, span=limb.span))
        if not prov.limbs:
            self.errors.error(prov.id.span, "a provision needs at least one limb", context=context)
            return None
        scopes = []
        for scope in prov.scopes:
            for cond in scope.conditions:
                if cond.value not in m.SCOPE_CONDITIONS:
                    self.errors.error(cond.span, f"unknown scope condition '{cond.value}'",
                                      expected=" or ".join(m.SCOPE_CONDITIONS),
                                      suggestion=did_you_mean(cond.value, m.SCOPE_CONDITIONS),
                                      context=context)
            scopes.append(m.Scope(conditions=tuple(c.value for c in scope.conditions),
                                  citation=scope.citation, words=self._words(scope.words, conf),
                                  note=scope.note, span=scope.span))
        return m.Provision(
            id=prov.id.value, citation=prov.citation,
            texts=tuple(m.Text(citation=t.citation, words=self._words(t.words, conf), span=t.span)
                        for t in prov.texts),
            limbs=tuple(limbs),
            consent_rules=tuple(m.ConsentRule(citation=r.citation, words=self._words(r.words, conf),
                                              span=r.span) for r in prov.rules),
            scopes=tuple(scopes), notes=prov.notes,
            penalties=tuple(self._penalty(p, conf, context) for p in prov.penalties),
            confidence=conf or self.default_conf or "unverified", span=prov.span)

    def _penalty(self, p, conf: str | None, context: str) -> m.Penalty:
        if p.kind == "prison" and p.low > p.high:
            self.errors.error(p.span, f"prison {p.low} to {p.high} years: the range is reversed",
                              expected="the lower bound first", context=context)
        aggs = []
        declared = {t.name: t for t in self.vocabulary.aggravations}
        for a in p.aggravations:
            term = declared.get(a.name.value)
            if term is None:
                self.errors.error(a.name.span, f"unknown aggravating circumstance "
                                  f"'{a.name.value}'", expected="one of: " + ", ".join(
                                      declared), suggestion=did_you_mean(
                                      a.name.value, declared), context=context)
                continue
            counted = term.reads is not None and term.reads.counted
            if counted != (a.low is not None):
                self.errors.error(a.span, f"'{a.name.value}' " + (
                    "needs a band, e.g. `2 to 5` or `6 or more`" if counted else
                    "takes no band"), context=context)
            if a.qualifier and a.qualifier[0] != "open":
                self.errors.error(a.span, f"'{a.qualifier[0]}' does not apply to a circumstance",
                                  expected="`open \"question\"`", context=context)
            if term.reads is None and not a.also:
                self.errors.error(a.span, f"'{a.name.value}' is shown only by the facts the "
                                  "statute file names", expected="`also purpose TERM` (or `also "
                                  "border VALUE`) saying which facts show it", context=context)
            also = self._shown_by(a.also, context) if a.also else ()
            maybe = self._shown_by(a.maybe[:2], context) if a.maybe else ()
            aggs.append(m.Aggravation(term=term, low=a.low, high=a.high,
                                      citation=a.citation, words=self._words(a.words, conf),
                                      open_question=a.qualifier[1] if a.qualifier else None,
                                      also=also, maybe=maybe,
                                      maybe_question=a.maybe[2] if a.maybe else None,
                                      span=a.span))
        if p.kind == "additional" and p.aggravations:
            self.errors.error(p.span, "additional penalties take no aggravating circumstances",
                              context=context)
        return m.Penalty(citation=p.citation, kind=p.kind, low=p.low, high=p.high, life=p.life,
                         words=self._words(p.words, conf), aggravations=tuple(aggs), span=p.span)

    def _shown_by(self, shown: tuple, context: str) -> tuple[tuple[str, str], ...]:
        """(kind, names) as written -> ((kind, term), ...), each term checked against the
        vocabulary (its terms of that kind, or its border values)."""
        kind, names = shown
        known = (tuple(b.name for b in self.vocabulary.borders) if kind == "border"
                 else self.vocabulary.names(kind))
        for n in names:
            if n.value not in known:
                self.errors.error(n.span, f"unknown {kind} term '{n.value}'",
                                  expected=f"one of: {', '.join(known)}",
                                  suggestion=did_you_mean(n.value, known), context=context)
        return tuple((kind, n.value) for n in names if n.value in known)

    def _element(self, el: SElement, conf: str | None, context: str):
        common = dict(citation=el.citation, words=self._words(el.words, conf), note=el.note,
                      span=el.span)
        if el.kind in SET_KINDS:
            if el.set_ref is not None:
                ref: Name = el.set_ref
                found = self.sets.get(ref.value)
                if found is None and ref.value in self.broken_sets:
                    return None
                if found is None:
                    self.errors.error(ref.span, f"unknown set '{ref.value}'",
                                      expected=f"a set defined in {self.context}",
                                      suggestion=did_you_mean(ref.value, self.sets), context=context)
                    return None
                if found.kind != el.kind:
                    self.errors.error(ref.span, f"set '{ref.value}' holds {found.kind} terms, "
                                      f"not {el.kind} terms", context=context)
                    return None
                return m.SetElement(kind=el.kind, set=found, span=el.span)
            built = self._set(el.set, conf, want=el.kind, context=context)
            return None if built is None else m.SetElement(kind=el.kind, set=built, span=el.span)
        if el.kind == "age":
            if el.years is None or el.years > 150:
                self.errors.error(el.span, f"implausible age {el.years}", context=context)
                return None
            return m.AgeElement(op=el.op, years=el.years, **common)
        if el.kind == "no_means":
            return m.NoMeansElement(**common)
        if el.kind == "handover":
            return m.HandoverElement(**common)
        if el.kind == "except":
            flag = el.names[0]
            if flag.value not in m.EXCEPTION_FLAGS:
                self.errors.error(flag.span, f"unknown exception fact '{flag.value}'",
                                  expected=" or ".join(m.EXCEPTION_FLAGS),
                                  suggestion=did_you_mean(flag.value, m.EXCEPTION_FLAGS),
                                  context=context)
                return None
            return m.ExceptElement(flag=flag.value, **common)
        if el.kind == "refers":
            return self._refers(el, common, context)
        raise AssertionError(el.kind)

    def _targets(self, targets, unresolved: str | None, context: str):
        out, ok = [], True
        for t in targets:
            name = t.instrument
            if name.value not in self.instrument_ids:
                if unresolved is None:
                    self.errors.error(name.span, f"reference to unknown instrument '{name.value}'",
                                      expected="an instrument id, or `unresolved \"why\"` after the "
                                               "reference",
                                      suggestion=did_you_mean(name.value, self.instrument_ids),
                                      context=context)
                    ok = False
                out.append(m.RefTarget(instrument=name.value, span=t.span))
                continue
            limbs = self.instrument_ids[name.value]
            for lb in t.limbs:
                if lb.value not in limbs:
                    self.errors.error(lb.span, f"'{name.value}' has no limb '{lb.value}'",
                                      expected="one of: " + ", ".join(sorted(limbs)),
                                      suggestion=did_you_mean(lb.value, limbs), context=context)
                    ok = False
            out.append(m.RefTarget(instrument=name.value,
                                   limbs=tuple(dict.fromkeys(lb.value for lb in t.limbs)),
                                   span=t.span))
        return tuple(out) if ok else None

    def _refers(self, el: SElement, common: dict, context: str):
        refs = self._targets(el.targets, el.unresolved, context)
        intended = None
        if el.intended is not None:
            intended = el.intended.value
            acts = [t.name for t in self.vocabulary.terms if t.handover]
            if intended not in acts:
                self.errors.error(el.intended.span, f"'{intended}' is not a handover act of the "
                                  "vocabulary", expected="one of: " + ", ".join(acts),
                                  suggestion=did_you_mean(intended, acts), context=context)
                return None
        successors = None
        if el.successors is not None:
            sx = el.successors
            try:
                since = date.fromisoformat(sx.since)
            except ValueError:
                self.errors.error(sx.span, f"invalid date '{sx.since}'",
                                  expected="a real date, YYYY-MM-DD", context=context)
                return None
            targets = self._targets(sx.targets, None, context)
            if targets is None:
                return None
            successors = m.SuccessorReading(since=since, targets=targets, question=sx.question,
                                            span=sx.span)
        if refs is None:
            return None
        return m.RefersElement(refs=refs, intended=intended, successors=successors,
                               unresolved=el.unresolved, **common)


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
