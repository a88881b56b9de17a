"""Stage 2: lark Tree -> surface syntax nodes, each with its span. No checking happens here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Transformer, v_args

from lawcheck.errors import Span


@dataclass(frozen=True)
class Name:
    value: str
    span: Span


@dataclass(frozen=True)
class SWords:
    lang: str
    text: str
    confidence: str | None
    span: Span


@dataclass(frozen=True)
class STermEntry:
    terms: tuple[Name, ...]
    citation: str | None
    words: tuple[SWords, ...]
    qualifier: str | None
    qualifier_text: str | None
    span: Span


@dataclass(frozen=True)
class SSet:
    name: Name | None
    citation: str
    entries: tuple[STermEntry, ...]
    span: Span


@dataclass(frozen=True)
class SElement:
    """One element of a limb; `kind` is age, act, means, purpose, no_means, handover, except, refers."""

    kind: str
    span: Span
    citation: str = ""
    words: tuple[SWords, ...] = ()
    note: str | None = None
    set: SSet | None = None
    set_ref: Name | None = None
    op: str | None = None
    years: int | None = None
    names: tuple[Name, ...] = ()  # except: the flag
    unresolved: str | None = None
    targets: tuple["STarget", ...] = ()      # refers: what it refers to
    intended: Name | None = None             # refers: for an intended act (a handover)
    successors: "SSuccessors | None" = None  # refers: a reading open from a date


@dataclass(frozen=True)
class STarget:
    """A referred instrument, or some of its limbs."""

    instrument: Name
    limbs: tuple[Name, ...]
    span: Span


@dataclass(frozen=True)
class SSuccessors:
    since: str
    targets: tuple[STarget, ...]
    question: str
    span: Span


@dataclass(frozen=True)
class SLimb:
    id: Name
    citation: str
    elements: tuple[SElement, ...]
    notes: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class SText:
    citation: str
    words: tuple[SWords, ...]
    span: Span


@dataclass(frozen=True)
class SRule:
    citation: str
    words: tuple[SWords, ...]
    span: Span


@dataclass(frozen=True)
class SScope:
    conditions: tuple[Name, ...]
    citation: str
    words: tuple[SWords, ...]
    note: str | None
    span: Span


@dataclass(frozen=True)
class SAggravation:
    name: Name
    low: int | None
    high: int | None
    citation: str
    words: tuple[SWords, ...]
    span: Span
    qualifier: tuple[str, str] | None = None
    also: tuple[str, tuple[Name, ...]] | None = None   # (term kind, terms) that also show it
    # (term kind, terms, question): where the facts state one, whether it holds is open
    maybe: tuple[str, tuple[Name, ...], str] | None = None


@dataclass(frozen=True)
class SPenalty:
    citation: str
    kind: str                    # prison, additional
    low: int | None
    high: int | None
    life: bool
    words: tuple[SWords, ...]
    aggravations: tuple[SAggravation, ...]
    span: Span


@dataclass(frozen=True)
class SProvision:
    id: Name
    citation: str
    texts: tuple[SText, ...]
    limbs: tuple[SLimb, ...]
    rules: tuple[SRule, ...]
    scopes: tuple[SScope, ...]
    notes: tuple[str, ...]
    confidence: str | None
    span: Span
    penalties: tuple[SPenalty, ...] = ()


@dataclass(frozen=True)
class SField:
    name: str
    value: object
    span: Span


@dataclass(frozen=True)
class SInstrument:
    id: Name
    fields: tuple[SField, ...]
    sets: tuple[SSet, ...]
    provisions: tuple[SProvision, ...]
    span: Span
    # lawcheck's words in the instrument given with their Vietnamese, as written
    prose: tuple["SProse", ...] = ()


@dataclass(frozen=True)
class STerm:
    kind: str
    name: Name
    label: str
    span: Span
    handover: bool = False
    label_vi: str | None = None         # lawcheck's Vietnamese label


@dataclass(frozen=True)
class SDeclared:
    """A name the vocabulary declares (other than a term), with its label."""

    name: Name
    label: str
    span: Span
    label_vi: str | None = None         # lawcheck's Vietnamese label


@dataclass(frozen=True)
class SBorderValue(SDeclared):
    crosses: bool = False
    default: bool = False


@dataclass(frozen=True)
class SCircumstance(SDeclared):
    number: "SNumber | None" = None     # none: true, false or unknown


@dataclass(frozen=True)
class SNumber:
    """A circumstance stated as a whole number: its bounds, unit, default and the default in
    words."""

    low: int
    high: int
    unit: str
    default: int
    default_words: str | None
    span: Span
    unit_vi: str | None = None          # the unit and the default's words in Vietnamese
    default_words_vi: str | None = None


@dataclass(frozen=True)
class SAggravationTerm(SDeclared):
    reads: Name | None = None           # the circumstance it reads, if any


@dataclass(frozen=True)
class SDefines:
    term: Name
    under: int
    citation: str
    words: tuple[SWords, ...]
    span: Span


@dataclass(frozen=True)
class SDefinition:
    id: Name
    fields: tuple[SField, ...]
    defines: tuple[SDefines, ...]
    span: Span
    prose: tuple["SProse", ...] = ()


@dataclass(frozen=True)
class SFile:
    file: str
    terms: tuple[STerm, ...] = ()
    borders: tuple[SBorderValue, ...] = ()
    circumstances: tuple[SCircumstance, ...] = ()
    aggravations: tuple[SAggravationTerm, ...] = ()
    instruments: tuple[SInstrument, ...] = field(default_factory=tuple)
    definitions: tuple[SDefinition, ...] = field(default_factory=tuple)
    proposals: tuple["SProposal", ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SChange:
    """One change a proposal makes: `op` add, replace or remove; `what` the kind of thing
    changed (element, limb, provision, set, entry, consent, text, penalty, note); `node` the new
    syntax node (for add and replace); `name` what a removal names (an id, an element kind, a
    citation as a Name), `flag` an exception's flag for `remove except FLAG`."""

    op: str
    what: str
    span: Span
    node: object = None
    name: Name | None = None
    names: tuple[Name, ...] = ()


@dataclass(frozen=True)
class SLimbChange:
    """Changes to the elements of some limbs of a provision (`limbs` empty: every limb)."""

    limbs: tuple[Name, ...]
    changes: tuple[SChange, ...]
    span: Span


@dataclass(frozen=True)
class SProvisionChange:
    id: Name
    changes: tuple["SChange | SLimbChange", ...]
    span: Span


@dataclass(frozen=True)
class SSetChange:
    name: Name
    changes: tuple[SChange, ...]
    span: Span


@dataclass(frozen=True)
class SAmend:
    instrument: Name
    changes: tuple["SChange | SProvisionChange | SSetChange", ...]
    span: Span


@dataclass(frozen=True)
class SProposal:
    id: Name
    fields: tuple[SField, ...]
    amends: tuple[SAmend, ...]
    span: Span
    prose: tuple["SProse", ...] = ()


_ESCAPE = re.compile(r"\\(.)")
_SPACE = re.compile(r"\s*\n\s*")


def unquote(token: Token) -> str:
    """A STRING token's value: quotes and escapes removed, line breaks folded to one space."""
    return _SPACE.sub(" ", _ESCAPE.sub(r"\1", str(token)[1:-1]))


@dataclass(frozen=True)
class SProse:
    """lawcheck's own words as written (a label, a title, a note...) and, if given, their
    Vietnamese (`"..." vi "..."`)."""

    text: str
    vi: str | None
    span: Span


@v_args(meta=True)
class ToSyntax(Transformer):
    """Builds the surface syntax nodes; `file` goes into every span."""

    def __init__(self, file: str, source: str = ""):
        super().__init__()
        self.file = file
        self.source = source
        # lawcheck's words given with their Vietnamese since the last instrument or definition
        # (the transformer works bottom-up, in order: they belong to the next one to close)
        self._translated: list[SProse] = []

    # -- helpers -----------------------------------------------------------------------------
    def _span(self, meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.file, source=self.source)
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column, self.source)

    def _tok_span(self, tok: Token) -> Span:
        return Span(self.file, tok.line, tok.column, tok.end_line, tok.end_column, self.source)

    def _name(self, tok: Token) -> Name:
        return Name(str(tok), self._tok_span(tok))

    @staticmethod
    def _split(children):
        """Sort an element's children into citation, words and note."""
        citation, words, note = "", [], None
        for c in children:
            if isinstance(c, _Cite):
                citation = c.value
            elif isinstance(c, SWords):
                words.append(c)
            elif isinstance(c, _Note):
                note = c.value
        return citation, tuple(words), note

    # -- shared pieces -----------------------------------------------------------------------
    def cite(self, meta, children):
        return _Cite(unquote(children[0]))

    def words(self, meta, children):
        lang, text = children[0], children[1]
        conf = str(children[2]) if len(children) > 2 else None
        return SWords(str(lang), unquote(text), conf, self._span(meta))

    def _prose(self, children) -> list["SProse"]:
        """lawcheck's words among a rule's children: each STRING with the Vietnamese written
        after it (`vi "..."`), if any."""
        out: list[SProse] = []
        translating = False
        for c in children:
            if isinstance(c, Token) and c.type == "VI":
                translating = True
            elif isinstance(c, Token) and c.type == "STRING":
                if translating:
                    out[-1] = SProse(out[-1].text, unquote(c), out[-1].span)
                    translating = False
                else:
                    out.append(SProse(unquote(c), None, self._tok_span(c)))
        return out

    def _text(self, prose: "SProse") -> str:
        """The English of lawcheck's words; their Vietnamese, if given, is kept for the
        instrument or definition they belong to."""
        if prose.vi is not None:
            self._translated.append(prose)
        return prose.text

    def _texts(self, children) -> list[str]:
        return [self._text(p) for p in self._prose(children)]

    def _take_translated(self) -> tuple["SProse", ...]:
        taken, self._translated = tuple(self._translated), []
        return taken

    def note(self, meta, children):
        return _Note(self._texts(children)[0])

    def unresolved(self, meta, children):
        return _Unresolved(self._texts(children)[0])

    def qualifier(self, meta, children):
        return (str(children[0]), self._texts(children[1:])[0])

    # -- vocabulary --------------------------------------------------------------------------
    def handover_flag(self, meta, children):
        return _HandoverFlag()

    def term_decl(self, meta, children):
        kind, name, *rest = children
        (label,) = self._prose(rest)
        flag = any(isinstance(c, _HandoverFlag) for c in rest)
        return STerm(str(kind), self._name(name), label.text, self._span(meta), flag, label.vi)

    def border_decl(self, meta, children):
        _, name, *rest = children
        (label,) = self._prose(rest)
        flag = next((str(c) for c in rest if isinstance(c, Token)
                     and c.type in ("CROSSES", "DEFAULT")), None)
        return SBorderValue(self._name(name), label.text, self._span(meta), label.vi,
                            crosses=flag == "crosses", default=flag == "default")

    def unit(self, meta, children):
        return _Unit(self._prose(children)[0])

    def number(self, meta, children):
        ints = [int(c) for c in children if isinstance(c, Token) and c.type == "INT"]
        unit = next((c.value for c in children if isinstance(c, _Unit)), None)
        words = next(iter(self._prose(children)), None)
        return SNumber(ints[0], ints[1], unit.text if unit else "", ints[2],
                       words.text if words else None, self._span(meta),
                       unit.vi if unit else None, words.vi if words else None)

    def circumstance_decl(self, meta, children):
        _, name, *rest = children
        (label,) = self._prose(rest)
        number = next((c for c in rest if isinstance(c, SNumber)), None)
        return SCircumstance(self._name(name), label.text, self._span(meta), label.vi, number)

    def reads(self, meta, children):
        return self._name(children[1])

    def aggravation_decl(self, meta, children):
        _, name, *rest = children
        (label,) = self._prose(rest)
        reads = next((c for c in rest if isinstance(c, Name)), None)
        return SAggravationTerm(self._name(name), label.text, self._span(meta), label.vi, reads)

    def vocabulary(self, meta, children):
        return _Vocabulary(tuple(children))

    # -- sets --------------------------------------------------------------------------------
    def term_entry(self, meta, children):
        names = tuple(self._name(c) for c in children if isinstance(c, Token) and c.type == "NAME")
        citation = next((c.value for c in children if isinstance(c, _Cite)), None)
        words = tuple(c for c in children if isinstance(c, SWords))
        qual = next((c for c in children if isinstance(c, tuple)), (None, None))
        return STermEntry(names, citation, words, qual[0], qual[1], self._span(meta))

    def set_def(self, meta, children):
        name, cite, *entries = children
        return SSet(self._name(name), cite.value, tuple(entries), self._span(meta))

    def inline_set(self, meta, children):
        cite, *entries = children
        return SSet(None, cite.value, tuple(entries), self._span(meta))

    def set_ref(self, meta, children):
        return self._name(children[0])

    # -- elements ----------------------------------------------------------------------------
    def age_el(self, meta, children):
        op, years, *rest = children
        citation, words, note = self._split(rest)
        return SElement("age", self._span(meta), citation, words, note, op=str(op), years=int(years))

    def _set_element(self, kind, meta, children):
        use = children[0]
        if isinstance(use, SSet):
            return SElement(kind, self._span(meta), use.citation, set=use)
        return SElement(kind, self._span(meta), set_ref=use)

    def act_el(self, meta, children):
        return self._set_element("act", meta, children)

    def means_el(self, meta, children):
        return self._set_element("means", meta, children)

    def purpose_el(self, meta, children):
        return self._set_element("purpose", meta, children)

    def no_means_el(self, meta, children):
        citation, words, note = self._split(children)
        return SElement("no_means", self._span(meta), citation, words, note)

    def handover_el(self, meta, children):
        citation, words, note = self._split(children)
        return SElement("handover", self._span(meta), citation, words, note)

    def except_el(self, meta, children):
        flag, *rest = children
        citation, words, note = self._split(rest)
        return SElement("except", self._span(meta), citation, words, note, names=(self._name(flag),))

    def ref_target(self, meta, children):
        name, *limbs = children
        return STarget(self._name(name), tuple(self._name(c) for c in limbs), self._span(meta))

    def intended(self, meta, children):
        return _Intended(self._name(children[0]))

    def successors(self, meta, children):
        since, *rest = children
        targets = tuple(c for c in rest if isinstance(c, STarget))
        question = self._texts(rest)[0]
        return SSuccessors(str(since), targets, question, self._span(meta))

    def refers_el(self, meta, children):
        targets = tuple(c for c in children if isinstance(c, STarget))
        citation, words, _ = self._split(children)
        unresolved = next((c.value for c in children if isinstance(c, _Unresolved)), None)
        intended = next((c.name for c in children if isinstance(c, _Intended)), None)
        successors = next((c for c in children if isinstance(c, SSuccessors)), None)
        return SElement("refers", self._span(meta), citation, words, targets=targets,
                        unresolved=unresolved, intended=intended, successors=successors)

    # -- limbs and provisions ----------------------------------------------------------------
    def limb(self, meta, children):
        name, cite, *rest = children
        elements = tuple(c for c in rest if isinstance(c, SElement))
        notes = tuple(c.value for c in rest if isinstance(c, _Note))
        return SLimb(self._name(name), cite.value, elements, notes, self._span(meta))

    def text(self, meta, children):
        cite, *words = children
        return SText(cite.value, tuple(words), self._span(meta))

    def rule(self, meta, children):
        citation, words, _ = self._split(children)
        return SRule(citation, words, self._span(meta))

    def scope(self, meta, children):
        conds = tuple(self._name(c) for c in children
                      if isinstance(c, Token) and c.type != "UNCONDITIONAL")
        citation, words, note = self._split(children)
        return SScope(conds, citation, words, note, self._span(meta))

    def prison(self, meta, children):
        ints = [int(c) for c in children if isinstance(c, Token)]
        return ("prison", ints[0], ints[1], any(c == "life" for c in children))

    def life(self, meta, children):
        return "life"

    def additional(self, meta, children):
        return ("additional", None, None, False)

    def agg_between(self, meta, children):
        return (int(children[0]), int(children[1]))

    def agg_at_least(self, meta, children):
        return (int(children[0]), None)

    def shown_by(self, meta, children):
        _, kind, *names = children
        return _ShownBy(str(kind), tuple(self._name(n) for n in names))

    def shown_by_border(self, meta, children):
        _, _, name = children
        return _ShownBy("border", (self._name(name),))

    def maybe_shown_by(self, meta, children):
        _, kind, *rest = children
        names = [c for c in rest if isinstance(c, Token) and c.type == "NAME"]
        return _MaybeShownBy(str(kind), tuple(self._name(n) for n in names),
                             self._texts(rest)[0])

    def aggravation(self, meta, children):
        name, *rest = children
        also = next((c for c in rest if isinstance(c, _ShownBy)), None)
        rng = next((c for c in rest if isinstance(c, tuple) and isinstance(c[0], (int, type(None)))),
                   (None, None))
        qual = next((c for c in rest if isinstance(c, tuple) and isinstance(c[0], str)), None)
        cite = next(c for c in rest if isinstance(c, _Cite))
        words = tuple(c for c in rest if isinstance(c, SWords))
        maybe = next((c for c in rest if isinstance(c, _MaybeShownBy)), None)
        return SAggravation(self._name(name), rng[0], rng[1], cite.value, words, self._span(meta),
                            qual, (also.kind, also.names) if also else None,
                            (maybe.kind, maybe.names, maybe.question) if maybe else None)

    def aggravations(self, meta, children):
        return tuple(children)

    def penalty(self, meta, children):
        cite, sentence, *rest = children
        kind, low, high, life = sentence
        words = tuple(c for c in rest if isinstance(c, SWords))
        aggs = next((c for c in rest if isinstance(c, tuple)), ())
        return SPenalty(cite.value, kind, low, high, life, words, aggs, self._span(meta))

    def confidence_stmt(self, meta, children):
        return _Confidence(str(children[0]), self._span(meta))

    def provision(self, meta, children):
        name, cite, *rest = children
        conf = next((c.value for c in rest if isinstance(c, _Confidence)), None)
        return SProvision(
            self._name(name), cite.value,
            tuple(c for c in rest if isinstance(c, SText)),
            tuple(c for c in rest if isinstance(c, SLimb)),
            tuple(c for c in rest if isinstance(c, SRule)),
            tuple(c for c in rest if isinstance(c, SScope)),
            tuple(c.value for c in rest if isinstance(c, _Note)),
            conf, self._span(meta),
            tuple(c for c in rest if isinstance(c, SPenalty)))

    # -- instruments -------------------------------------------------------------------------
    def text_field(self, meta, children):
        return SField(str(children[0]), self._texts(children[1:])[0], self._span(meta))

    def in_force(self, meta, children):
        dates = tuple(str(c) for c in children)
        return SField("in_force", dates, self._span(meta))

    def confidence_field(self, meta, children):
        lang = str(children[0]) if len(children) == 2 else None
        return SField("confidence", (lang, str(children[-1])), self._span(meta))

    def complements_field(self, meta, children):
        return SField("complements", tuple(self._name(c) for c in children), self._span(meta))

    def not_encoded_field(self, meta, children):
        start, end, *rest = children
        return SField("not_encoded", (str(start), str(end), self._texts(rest)[0]),
                      self._span(meta))

    def bound_field(self, meta, children):
        since = next(str(c) for c in children if isinstance(c, Token) and c.type == "DATE")
        party, why = self._texts(children)
        return SField("bound", (party, since, why), self._span(meta))

    def succeeded_by_field(self, meta, children):
        return SField("succeeded_by", tuple(self._name(c) for c in children), self._span(meta))

    def instrument(self, meta, children):
        name, *rest = children
        return SInstrument(
            self._name(name),
            tuple(c for c in rest if isinstance(c, SField)),
            tuple(c for c in rest if isinstance(c, SSet)),
            tuple(c for c in rest if isinstance(c, SProvision)),
            self._span(meta), self._take_translated())

    def def_field(self, meta, children):
        return SField(str(children[0]), self._texts(children[1:])[0], self._span(meta))

    def def_in_force(self, meta, children):
        return SField("in_force", tuple(str(c) for c in children), self._span(meta))

    def defines(self, meta, children):
        name, under, cite, *words = children
        return SDefines(self._name(name), int(under), cite.value, tuple(words), self._span(meta))

    def definition(self, meta, children):
        name, *rest = children
        return SDefinition(self._name(name), tuple(c for c in rest if isinstance(c, SField)),
                           tuple(c for c in rest if isinstance(c, SDefines)), self._span(meta),
                           self._take_translated())

    # -- proposals ---------------------------------------------------------------------------
    def _change(self, meta, children, what_of) -> SChange:
        op = str(children[0])
        node = children[1] if len(children) > 1 else None
        return SChange(op, what_of(node), self._span(meta), node)

    @staticmethod
    def _what(node) -> str:
        return {SElement: "element", SLimb: "limb", SProvision: "provision", SSet: "set",
                STermEntry: "entry", SRule: "consent", SText: "text", SPenalty: "penalty",
                _Note: "note"}[type(node)]

    def _added(self, meta, children):
        ch = self._change(meta, children, self._what)
        if isinstance(ch.node, _Note):
            return SChange(ch.op, "note", ch.span, ch.node.value)
        return ch

    amend_add = amend_replace = provision_add = provision_replace = _added
    element_add = element_replace = entry_add = entry_replace = _added

    def _removed(self, meta, children):
        """remove provision ID, remove set NAME, remove limb ID, remove consent, remove text
        "cite", remove penalty "cite"."""
        kw = children[1]
        what = {"PROVISION_KW": "provision", "SET_KW": "set", "LIMB_KW": "limb",
                "CONSENT_KW": "consent", "TEXT_KW": "text", "PENALTY_KW": "penalty"}[kw.type]
        name = None
        if len(children) > 2:
            target = children[2]
            name = (Name(target.value, self._span(meta)) if isinstance(target, _Cite)
                    else self._name(target))
        return SChange("remove", what, self._span(meta), name=name)

    amend_remove = provision_remove = _removed

    def element_remove(self, meta, children):
        _, kind, *flag = children
        return SChange("remove", "element", self._span(meta), name=self._name(kind),
                       names=tuple(self._name(f) for f in flag))

    def entry_remove(self, meta, children):
        _, *names = children
        return SChange("remove", "entry", self._span(meta),
                       names=tuple(self._name(n) for n in names))

    def limb_change(self, meta, children):
        limbs = tuple(self._name(c) for c in children
                      if isinstance(c, Token) and c.type == "LIMB_ID")
        changes = tuple(c for c in children if isinstance(c, SChange))
        return SLimbChange(limbs, changes, self._span(meta))

    def provision_change(self, meta, children):
        name, *changes = children
        return SProvisionChange(self._name(name), tuple(changes), self._span(meta))

    def set_change(self, meta, children):
        name, *changes = children
        return SSetChange(self._name(name), tuple(changes), self._span(meta))

    def amend(self, meta, children):
        name, *changes = children
        return SAmend(self._name(name), tuple(changes), self._span(meta))

    def proposal_field(self, meta, children):
        return SField(str(children[0]), self._texts(children[1:])[0], self._span(meta))

    def proposal(self, meta, children):
        name, *rest = children
        return SProposal(self._name(name), tuple(c for c in rest if isinstance(c, SField)),
                         tuple(c for c in rest if isinstance(c, SAmend)), self._span(meta),
                         self._take_translated())

    def start(self, meta, children):
        declared = [d for c in children if isinstance(c, _Vocabulary) for d in c.terms]

        def of(kind):
            return tuple(d for d in declared if isinstance(d, kind))
        instruments = tuple(c for c in children if isinstance(c, SInstrument))
        definitions = tuple(c for c in children if isinstance(c, SDefinition))
        proposals = tuple(c for c in children if isinstance(c, SProposal))
        return SFile(self.file, of(STerm), of(SBorderValue), of(SCircumstance),
                     of(SAggravationTerm), instruments, definitions, proposals)


@dataclass(frozen=True)
class _Cite:
    value: str


@dataclass(frozen=True)
class _Note:
    value: str


@dataclass(frozen=True)
class _Unresolved:
    value: str


@dataclass(frozen=True)
class _Intended:
    name: Name


@dataclass(frozen=True)
class _ShownBy:
    kind: str
    names: tuple[Name, ...]


@dataclass(frozen=True)
class _MaybeShownBy:
    kind: str
    names: tuple[Name, ...]
    question: str


@dataclass(frozen=True)
class _Confidence:
    value: str
    span: Span


@dataclass(frozen=True)
class _HandoverFlag:
    pass


@dataclass(frozen=True)
class _Unit:
    value: SProse


@dataclass(frozen=True)
class _Vocabulary:
    terms: tuple   # STerm, SBorderValue, SCircumstance, SAggravationTerm, as declared

