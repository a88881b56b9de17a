"""The statute model: instruments, provisions, limbs and elements, frozen, each with its span."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from lawcheck.errors import Span

# `proposed`: the words of an amendment proposal (lawcheck amend), never the law's
Confidence = Literal["verbatim", "paraphrase", "unverified", "translation", "proposed"]
TermKind = Literal["act", "means", "purpose"]
Qualifier = Literal["open", "narrower", "broader"]

# The confidence marks in a reader's words are the wording catalogue's (msgctxt "confidence",
# lawcheck.views.catalogue.say("confidence", mark, lang)). CONFIDENCE_LABEL, the sources' codes,
# is left only for lawcheck.views.reportview until it asks the catalogue too; nothing else may
# use it, and it goes then.
CONFIDENCE_LABEL = {
    "verbatim": "VERBATIM-FOUND",
    "paraphrase": "PARAPHRASE-FOUND",
    "unverified": "UNVERIFIED",
    "translation": "working translation",
    "proposed": "PROPOSED",
}

UNKNOWN = "unknown"   # what a case file writes for a fact not known

# The mark shown for quoted words that claim to be verbatim or paraphrase but are not quoted so
# in the statutes bundled with lawcheck (Words.supplied): not a confidence mark one may write.
SUPPLIED = "supplied"
# the marks that claim the words were found in a source, surest first
CLAIMED = ("verbatim", "paraphrase")

# Facts that an `except` element or a `scope` statement may name (see docs/case-format.md).
EXCEPTION_FLAGS = ("humanitarian_purpose",)
SCOPE_CONDITIONS = ("transnational", "organized_criminal_group")


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


def in_lang(lang: str, en: str, vi: str | None) -> str:
    """lawcheck's words in the language asked for: the Vietnamese where there is one, else the
    English (the source language)."""
    return vi if lang == "vi" and vi else en


class Translations(Node):
    """lawcheck's own words in a statute file (a title, a short name, a note, an open question,
    a reason, a source...) in Vietnamese: each English text as written, with the Vietnamese
    written after it (`"..." vi "..."`). Looked up by the English text, so that the words the
    engine passes on (an open question, an element's note, a note's parameters) find theirs too;
    within a statute set one English text has one Vietnamese. The law's own words are not here:
    they are `Words`, quoted."""

    vi: tuple[tuple[str, str], ...] = ()     # (English, Vietnamese), sorted

    def get(self, text: str | None, lang: str) -> str | None:
        """The text in the language, or the English where it has no translation."""
        if text is None or lang != "vi":
            return text
        return self._vi.get(text, text)

    def has(self, text: str) -> bool:
        return text in self._vi

    @cached_property
    def _vi(self) -> dict[str, str]:
        return dict(self.vi)


class Words(Node):
    """The provision's own words in one language, and how sure the text is.

    `confidence` is the mark as written in the statute file. `supplied` is set when a statute
    set not bundled with lawcheck is loaded (lawcheck.statute.statutes.load_statutes): the
    words are marked verbatim or paraphrase, but the bundled statutes do not quote them so
    (the same text, whitespace aside, in the same language, with that mark or a surer one).
    They are then shown as user-supplied, not with the mark they claim: every writer shows
    `mark`. Not part of the law (left out of model_dump): the same file read as bundled, or
    rendered and read again, is the same law."""

    lang: Literal["vi", "en"]
    text: str
    confidence: Confidence
    span: Span
    supplied: bool = Field(default=False, exclude=True)

    @property
    def mark(self) -> str:
        """The mark to show: `supplied` (msgctxt "confidence" in the wording catalogue) for a
        user-supplied quotation, else the confidence mark as written."""
        return SUPPLIED if self.supplied else self.confidence


class Term(Node):
    """A vocabulary term: the fact scenarios state (act, means or purpose)."""

    kind: TermKind
    name: str
    label: str
    label_vi: str | None = None   # lawcheck's Vietnamese label (not a quotation)
    span: Span
    handover: bool = False   # an act that is itself a handover (transfer, receipt)

    def label_in(self, lang: str) -> str:
        return in_lang(lang, self.label, self.label_vi)


class BorderValue(Node):
    """A border crossing a scenario may state (`border` in a case file)."""

    name: str
    label: str
    label_vi: str | None = None
    crosses: bool = False    # the person crossed, or was to cross, a State's border
    default: bool = False    # the value of a scenario that states no border
    span: Span

    def label_in(self, lang: str) -> str:
        return in_lang(lang, self.label, self.label_vi)


class Circumstance(Node):
    """A fact that only raises the penalty, which a scenario may state (`circumstances` in a
    case file): true, false or unknown (false unless stated), or a whole number within bounds
    (or unknown). The label names it where a scenario states it ("victims: 3")."""

    name: str
    label: str
    label_vi: str | None = None
    low: int | None = None          # a number: its bounds, unit and default
    high: int | None = None
    unit: str = ""
    unit_vi: str | None = None
    default: bool | int = False
    default_words: str | None = None  # the default in words, e.g. "one victim"
    default_words_vi: str | None = None
    span: Span

    @property
    def counted(self) -> bool:
        return self.low is not None

    def label_in(self, lang: str) -> str:
        return in_lang(lang, self.label, self.label_vi)

    def unit_in(self, lang: str) -> str:
        return in_lang(lang, self.unit, self.unit_vi)

    def default_words_in(self, lang: str) -> str | None:
        if self.default_words is None:
            return None
        return in_lang(lang, self.default_words, self.default_words_vi)


class AggravationTerm(Node):
    """An aggravating circumstance a penalty clause may name, in lawcheck's words, and the
    circumstance of the scenario it reads; one that reads none is shown only by the facts the
    clause names (`also`)."""

    name: str
    label: str
    label_vi: str | None = None
    reads: Circumstance | None = None
    span: Span

    def label_in(self, lang: str) -> str:
        return in_lang(lang, self.label, self.label_vi)


class TermEntry(Node):
    """How one instrument words one or more vocabulary terms, and how sure the match is."""

    terms: tuple[str, ...]
    citation: str
    words: tuple[Words, ...] = ()
    qualifier: Qualifier | None = None
    qualifier_text: str | None = None
    span: Span

    @property
    def is_open(self) -> bool:
        return self.qualifier == "open"


class TermSet(Node):
    kind: TermKind
    name: str | None
    citation: str
    entries: tuple[TermEntry, ...]
    span: Span

    def entry_for(self, term: str) -> TermEntry | None:
        return self._by_term.get(term)

    @cached_property
    def _by_term(self) -> dict[str, TermEntry]:
        out: dict[str, TermEntry] = {}
        for entry in self.entries:
            for t in entry.terms:
                out.setdefault(t, entry)
        return out


class _ElementBase(Node):
    citation: str
    words: tuple[Words, ...] = ()
    note: str | None = None
    span: Span


class AgeElement(_ElementBase):
    type: Literal["age"] = "age"
    op: Literal["<", "<=", ">", ">="]
    years: int

    def holds(self, age: int) -> bool:
        return {"<": age < self.years, "<=": age <= self.years,
                ">": age > self.years, ">=": age >= self.years}[self.op]


class SetElement(Node):
    """Act, means or purpose: satisfied by any one of the set's terms."""

    type: Literal["set"] = "set"
    kind: TermKind
    set: TermSet
    span: Span
    note: str | None = None
    words: tuple[Words, ...] = ()

    @property
    def citation(self) -> str:
        return self.set.citation


class NoMeansElement(_ElementBase):
    type: Literal["no_means"] = "no_means"


class HandoverElement(_ElementBase):
    type: Literal["handover"] = "handover"


class ExceptElement(_ElementBase):
    type: Literal["except"] = "except"
    flag: str


class RefTarget(Node):
    """A referred instrument, or only some of its limbs (e.g. the buying and selling limbs of an
    article that also covers exchanging a child)."""

    instrument: str
    limbs: tuple[str, ...] = ()   # none: every limb
    span: Span

    @property
    def key(self) -> str:
        return self.instrument + (f"({', '.join(self.limbs)})" if self.limbs else "")


class SuccessorReading(Node):
    """From `since` (the referred provisions repealed), whether the reference is to be read as
    pointing at `targets` (their successors) instead is an open point of law: `question`."""

    since: date
    targets: tuple[RefTarget, ...]
    question: str
    span: Span

    def active(self, when: date | None) -> bool:
        return when is not None and when >= self.since


class RefersElement(_ElementBase):
    type: Literal["refers"] = "refers"
    refs: tuple[RefTarget, ...]
    # "in order to commit" the referred act: the referred provisions are evaluated as if the
    # person were handed over by this act (a handover act of the vocabulary)
    intended: str | None = None
    successors: SuccessorReading | None = None
    unresolved: str | None = None

    @property
    def targets(self) -> tuple[str, ...]:
        """The referred instrument ids, as written."""
        return tuple(dict.fromkeys(r.instrument for r in self.refs))

    @property
    def all_refs(self) -> tuple[RefTarget, ...]:
        """Every referred target, as written and in the successor reading."""
        return self.refs + (self.successors.targets if self.successors else ())


Element = Annotated[
    Union[AgeElement, SetElement, NoMeansElement, HandoverElement, ExceptElement, RefersElement],
    Field(discriminator="type"),
]


class Limb(Node):
    """One alternative way to satisfy a provision: all its elements must hold."""

    id: str
    citation: str
    elements: tuple[Element, ...]
    notes: tuple[str, ...] = ()
    span: Span


class Text(Node):
    citation: str
    words: tuple[Words, ...]
    span: Span


class ConsentRule(Node):
    """Consent of the victim is irrelevant where a means was used (e.g. Palermo Art. 3(b))."""

    citation: str
    words: tuple[Words, ...] = ()
    span: Span


class Scope(Node):
    """The conditions of the instrument's scope of application: shown, never an element. No
    condition (`scope unconditional`): it applies whatever they are."""

    conditions: tuple[str, ...]
    citation: str
    words: tuple[Words, ...] = ()
    note: str | None = None
    span: Span


class Aggravation(Node):
    """A circumstance that raises the penalty (a point of clause 2 or 3), read from the facts."""

    term: AggravationTerm        # the vocabulary's: its name, words and what it reads
    low: int | None = None       # for a counted circumstance (victims, injury rate): the band
    high: int | None = None
    citation: str
    words: tuple[Words, ...] = ()
    # an open reading (e.g. 'many persons' read as 2 or more, with no number in the sources):
    # where it would hold, the bracket is only possible
    open_question: str | None = None
    # facts that also show the circumstance: (kind, term), e.g. ("means", "abuse_of_power"),
    # or ("border", "out_of_viet_nam")
    also: tuple[tuple[str, str], ...] = ()
    # terms where whether the circumstance holds is an open question (the question given)
    maybe: tuple[tuple[str, str], ...] = ()
    maybe_question: str | None = None
    span: Span

    @property
    def name(self) -> str:
        return self.term.name


class Penalty(Node):
    """A clause's sentence: a prison range (with its aggravating circumstances, if any) or the
    additional penalties (fines, probation, bans)."""

    citation: str
    kind: Literal["prison", "additional"]
    low: int | None = None
    high: int | None = None
    life: bool = False
    words: tuple[Words, ...] = ()
    aggravations: tuple[Aggravation, ...] = ()
    span: Span


class Provision(Node):
    id: str
    citation: str
    texts: tuple[Text, ...] = ()
    limbs: tuple[Limb, ...]
    consent_rules: tuple[ConsentRule, ...] = ()
    scopes: tuple[Scope, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    notes: tuple[str, ...] = ()
    confidence: Confidence
    span: Span


class Binding(Node):
    """When a treaty began to bind a State (at the latest known date), and on what source."""

    party: str
    since: date
    source: str


class Gap(Node):
    """A period in which an earlier wording of the provision applied that is not encoded."""

    start: date
    end: date
    text: str

    def covers(self, when: date | None) -> bool:
        return when is not None and self.start <= when <= self.end


class Instrument(Node):
    id: str
    title: str
    short: str
    kind: str
    jurisdiction: str
    citation: str
    source: str
    english: str | None = None
    # Instruments that together with this one form a single regime (Art. 150 for victims 16 and
    # over, Art. 151 under 16): a verdict one of them misses but another gives is no divergence.
    complements: tuple[str, ...] = ()
    # Instruments that replaced this one when it ceased to be in force (recorded successors).
    succeeded_by: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    in_force_from: date | None = None
    in_force_to: date | None = None
    # a treaty in force before it bound Viet Nam: from when it did
    bound: Binding | None = None
    # periods whose wording is not encoded (an earlier version of the article), and why
    not_encoded: tuple[Gap, ...] = ()
    confidence: Confidence
    provisions: tuple[Provision, ...]
    # lawcheck's words in this instrument (title, notes, questions, reasons...) in Vietnamese
    translations: Translations = Translations()
    span: Span
    # the proposals (their ids) that amended this instrument: it is then not the law, but the
    # law as those proposals would have it (lawcheck amend); not part of the statute text
    amended_by: tuple[str, ...] = Field(default=(), exclude=True)

    def text_in(self, text: str | None, lang: str) -> str | None:
        """Any of lawcheck's words in this instrument (its title, a note, an open question, a
        reason...) in the language, falling back to the English: `inst.text_in(inst.source,
        "vi")`."""
        return self.translations.get(text, lang)

    def title_in(self, lang: str) -> str:
        return self.translations.get(self.title, lang)

    def short_in(self, lang: str) -> str:
        return self.translations.get(self.short, lang)

    @property
    def compiled_alone(self) -> dict:
        """The instrument's compiled form when evaluated without a statute set (see
        StatuteSet.compiled; a copy of the instrument starts its own)."""
        return _CompiledStore.of(self)

    def in_force_on(self, when: date | None) -> bool:
        """Whether the instrument is in force on the date (every instrument is, with no date)."""
        if when is None:
            return True
        return ((self.in_force_from is None or self.in_force_from <= when) and
                (self.in_force_to is None or when <= self.in_force_to))

    def gap_on(self, when: date | None) -> "Gap | None":
        """The period not encoded that covers the date, if any."""
        return next((g for g in self.not_encoded if g.covers(when)), None)

    @property
    def unverified(self) -> bool:
        """Whether any text this instrument shows is marked UNVERIFIED in the sources."""
        return any(w.confidence == "unverified" for w in iter_words(self))

    @property
    def supplied(self) -> bool:
        """Whether any words this instrument quotes are user-supplied (Words.supplied)."""
        return any(w.supplied for w in iter_words(self))


class Vocabulary(Node):
    """The facts a scenario may state that the law reads: the terms (acts, means, purposes),
    the border crossings and the circumstances; and the aggravating circumstances a penalty
    clause may name."""

    terms: tuple[Term, ...]
    borders: tuple[BorderValue, ...] = ()
    circumstances: tuple[Circumstance, ...] = ()
    aggravations: tuple[AggravationTerm, ...] = ()

    def names(self, kind: str) -> tuple[str, ...]:
        return tuple(t.name for t in self.terms if t.kind == kind)

    @property
    def border_values(self) -> tuple[str, ...]:
        """The border values, the default first."""
        return tuple(b.name for b in sorted(self.borders, key=lambda b: not b.default))

    def border_label(self, value: str, lang: str = "en") -> str:
        """A border value in words (`unknown` as it is)."""
        return next((b.label_in(lang) for b in self.borders if b.name == value), value)

    @property
    def compiled(self) -> dict:
        """What the case-file reader builds from the vocabulary once (lawcheck.scenarios:
        the model of a scenario's facts), kept with it; a copy starts its own."""
        return _CompiledStore.of(self)

    @property
    def handover_acts(self) -> frozenset[str]:
        return frozenset(t.name for t in self.terms if t.handover)

    def label(self, name: str, lang: str = "en") -> str:
        """A term in the vocabulary's words (in Vietnamese with lang "vi", where it has them)."""
        term = self._terms.get(name)
        return (term.label_in(lang) if term else "") or name.replace("_", " ")

    @cached_property
    def _terms(self) -> dict[str, Term]:
        return {t.name: t for t in self.terms}

    def declarations(self):
        """Every declaration (terms, border values, circumstances, aggravating circumstances),
        as declared."""
        return (*self.terms, *self.borders, *self.circumstances, *self.aggravations)


class Definition(Node):
    """A term defined by a law that is not itself a definition of trafficking (the Law on
    Children 2016 on who is a child), kept for `lawcheck check`."""

    id: str
    title: str
    citation: str
    source: str
    in_force_from: date | None = None
    in_force_to: date | None = None
    term: str                 # what is defined: child
    under: int                # a person under this age
    term_citation: str
    words: tuple[Words, ...] = ()
    translations: Translations = Translations()
    span: Span

    def text_in(self, text: str | None, lang: str) -> str | None:
        return self.translations.get(text, lang)


class _CompiledStore(dict):
    """StatuteSet.compiled: a dict that knows which statute set it belongs to."""

    def __init__(self, owner):
        super().__init__()
        self.owner = owner

    @classmethod
    def of(cls, owner) -> "_CompiledStore":
        """The store kept on `owner`; a copy of it (model_copy copies what is cached on a
        model) gets a new one."""
        store = owner.__dict__.get("_compiled_store")
        if store is None or store.owner is not owner:
            store = owner.__dict__["_compiled_store"] = cls(owner)
        return store


class Proposal(Node):
    """An amendment proposal (lawcheck amend): what it is called, where it comes from (a
    report's recommendation, a draft law, a submission), notes, and the instruments it amends.
    Its words in the amended instruments carry the mark `proposed`."""

    id: str
    title: str
    short: str | None = None
    source: str
    notes: tuple[str, ...] = ()
    amends: tuple[str, ...]
    file: str                # as shown (the bundled proposals as proposals/NAME.law)
    bundled: bool = False    # one of the proposals bundled with lawcheck
    digest: str              # the first 12 hex digits of the file's SHA-256
    translations: Translations = Translations()
    span: Span

    def text_in(self, text: str | None, lang: str) -> str | None:
        return self.translations.get(text, lang)

    def title_in(self, lang: str) -> str:
        return self.translations.get(self.title, lang)


class Provenance(Node):
    """Which statutes a set was read from: those bundled with lawcheck, or a folder (or file),
    and a short digest of the files' names and contents, so that two sets with the same
    digest are the same law."""
    bundled: bool
    folder: str              # as given (the bundled folder's path, for a bundled set)
    digest: str              # the first 12 hex digits of a SHA-256
    proposals: tuple[Proposal, ...] = ()     # the proposals applied, in order


class StatuteSet(Node):
    vocabulary: Vocabulary
    instruments: tuple[Instrument, ...]
    definitions: tuple[Definition, ...] = ()
    # where the set was read from: set by lawcheck.statute.statutes.load_statutes; not part of
    # the law (left out of model_dump, so a set rendered and read again is the same law)
    provenance: Provenance | None = Field(default=None, exclude=True)

    def instrument(self, instrument_id: str) -> Instrument:
        return self._by_id[instrument_id]

    @cached_property
    def _by_id(self) -> dict[str, Instrument]:
        return {inst.id: inst for inst in self.instruments}

    @property
    def compiled(self) -> dict[str, object]:
        """Each instrument's compiled form (lawcheck.engine.evaluate.compile_instrument), kept
        with the statute set it was compiled against, so that it is compiled once per set. A
        copy of the set (model_copy, which copies what is cached on it) starts its own."""
        return _CompiledStore.of(self)

    def text_in(self, text: str | None, lang: str) -> str | None:
        """Any of lawcheck's words in the statute files (an instrument's title or note, an open
        question, an element's note...) in the language, falling back to the English: for the
        words a result carries (lawcheck.views.wording.Wording.prose)."""
        return self.translations.get(text, lang)

    @cached_property
    def translations(self) -> Translations:
        """Every instrument's and definition's translations together."""
        pairs = {p for x in (*self.instruments, *self.definitions) for p in x.translations.vi}
        return Translations(vi=tuple(sorted(pairs)))

    def owns(self, inst: "Instrument") -> bool:
        """Whether this very instrument object is one of the set's."""
        return self._by_id.get(inst.id) is inst

    @cached_property
    def purposes(self) -> dict[str, frozenset[str]]:
        """Each instrument's purpose terms, listed in any of its limbs (open or not)."""
        return {inst.id: frozenset(t for p in inst.provisions for lb in p.limbs
                                   for e in lb.elements
                                   if isinstance(e, SetElement) and e.kind == "purpose"
                                   for entry in e.set.entries for t in entry.terms)
                for inst in self.instruments}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.instruments)


def iter_prose(owner: "Instrument | Definition"):
    """Every piece of lawcheck's own words in an instrument or definition that a reader may see
    (its title, short name, kind, jurisdiction, citation, source, note on the English, notes,
    `bound` and `not_encoded` reasons, open questions, `narrower`/`broader` and `unresolved`
    reasons, the notes on elements and scopes), with the span of the node that holds it:
    (text, span). The law's own words are `iter_words`; citations of provisions are not here."""
    span = owner.span
    if isinstance(owner, Definition):
        for text in (owner.title, owner.citation, owner.source):
            yield text, span
        return
    inst = owner
    for text in (inst.title, inst.short, inst.kind, inst.jurisdiction, inst.citation,
                 inst.source, inst.english, *inst.notes):
        if text:
            yield text, span
    if inst.bound:
        yield inst.bound.party, span
        yield inst.bound.source, span
    for g in inst.not_encoded:
        yield g.text, span
    for prov in inst.provisions:
        for text in prov.notes:
            yield text, prov.span
        for scope in prov.scopes:
            if scope.note:
                yield scope.note, scope.span
        for pen in prov.penalties:
            for a in pen.aggravations:
                for text in (a.open_question, a.maybe_question):
                    if text:
                        yield text, a.span
        for limb in prov.limbs:
            for text in limb.notes:
                yield text, limb.span
            for el in limb.elements:
                if el.note:
                    yield el.note, el.span
                if isinstance(el, SetElement):
                    for entry in el.set.entries:
                        if entry.qualifier_text:
                            yield entry.qualifier_text, entry.span
                if isinstance(el, RefersElement):
                    if el.unresolved:
                        yield el.unresolved, el.span
                    if el.successors:
                        yield el.successors.question, el.successors.span


def iter_words(instrument: Instrument):
    """Every piece of quoted text in an instrument."""
    for prov in instrument.provisions:
        for t in prov.texts:
            yield from t.words
        for rule in prov.consent_rules:
            yield from rule.words
        for scope in prov.scopes:
            yield from scope.words
        for pen in prov.penalties:
            yield from pen.words
            for a in pen.aggravations:
                yield from a.words
        for limb in prov.limbs:
            for el in limb.elements:
                yield from el.words
                if isinstance(el, SetElement):
                    for entry in el.set.entries:
                        yield from entry.words


def cited_words(owner: "Instrument | Definition"):
    """Every piece of quoted text in an instrument or definition, with the citation of what
    quotes it (a text, consent rule, scope, penalty, aggravating circumstance, element or term
    entry; a definition's term): (citation, words), in the order of iter_words."""
    if isinstance(owner, Definition):
        for w in owner.words:
            yield owner.term_citation, w
        return
    for prov in owner.provisions:
        for t in prov.texts:
            yield from ((t.citation, w) for w in t.words)
        for rule in prov.consent_rules:
            yield from ((rule.citation, w) for w in rule.words)
        for scope in prov.scopes:
            yield from ((scope.citation, w) for w in scope.words)
        for pen in prov.penalties:
            yield from ((pen.citation, w) for w in pen.words)
            for a in pen.aggravations:
                yield from ((a.citation, w) for w in a.words)
        for limb in prov.limbs:
            for el in limb.elements:
                yield from ((el.citation, w) for w in el.words)
                if isinstance(el, SetElement):
                    for entry in el.set.entries:
                        yield from ((entry.citation, w) for w in entry.words)


def quotations(statutes: "StatuteSet"):
    """Every piece of quoted text in a statute set, with what it belongs to (an instrument or
    a definition): (owner, words)."""
    for owner in (*statutes.instruments, *statutes.definitions):
        for _, w in cited_words(owner):
            yield owner, w
