"""What an amendment (or a second statute folder) changes, in words: the view model of
`lawcheck amend` and `lawcheck diff` (text, JSON and the report's section all read it).

Every sentence comes from the wording catalogue (context "amend"); instruments are named by
their short names; the proposals' own words are shown with their mark, "proposed wording".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawcheck import __version__
from lawcheck.engine.amendments import Amendment, ElementChange, RegionChange, VerdictChange
from lawcheck.statute import model as m
from lawcheck.views.catalogue import SOURCE_LANGUAGE, say
from lawcheck.views.wording import Wording


@dataclass(frozen=True)
class Quoted:
    lang: str
    text: str
    confidence: str              # the code (proposed, verbatim...)
    mark: str                    # in words


@dataclass(frozen=True)
class ProposalView:
    id: str
    title: str
    source: str
    notes: tuple[str, ...]
    file: str
    digest: str
    amends: tuple[str, ...]      # short names
    where: str = ""              # for a reader: "bundled with lawcheck as ID", or the file


@dataclass(frozen=True)
class ElementView:
    instrument: str              # id
    name: str                    # short name
    where: str                   # the citations of the limbs (or the provision) it applies to
    what: str                    # code: age, means, consent, limb ...
    change: str                  # code: added, removed, changed, reworded
    text: str                    # the change in a sentence
    citation: str                # the new element's citation (or the old one's, if removed)
    words: tuple[Quoted, ...]    # the new element's words (the old ones', if removed)


@dataclass(frozen=True)
class PairView:
    between: tuple[str, str]
    names: tuple[str, str]
    counts: dict                 # closed_robust, closed_reading, opened_robust, opened_reading
    text: str


@dataclass(frozen=True)
class RegionView:
    between: tuple[str, str]
    names: tuple[str, str]
    change: str                  # closed, opened
    kind: str
    cause: str                   # code
    robust: bool
    text: str                    # "closed ◆ child age (robust): ..."
    witness: str                 # the smallest example
    explanation: str             # how the two texts part there (in the set where it exists)
    elsewhere: str = ""          # the witness's verdicts in the other set ("now: ...")


@dataclass(frozen=True)
class VerdictView:
    scenario: str
    title: str
    instrument: str
    name: str
    before: str                  # codes
    after: str
    text: str
    clause_before: str = ""      # the penalty brackets, where only they differ
    clause_after: str = ""


@dataclass(frozen=True)
class PenaltyView:
    instrument: str
    name: str
    citation: str
    change: str
    text: str


@dataclass(frozen=True)
class AmendView:
    lang: str
    mode: str                    # amend (proposals) or diff (two folders)
    as_of: str
    headline: str
    statutes: str                # which statute set(s)
    proposals: tuple[ProposalView, ...]
    pairs: tuple[PairView, ...]  # with the reference first
    elements: tuple[ElementView, ...]
    regions: tuple[RegionView, ...]
    verdicts: tuple[VerdictView, ...]
    verdicts_line: str
    penalties: tuple[PenaltyView, ...]
    notice: str                  # proposed wording is not the law
    headings: dict = field(default_factory=dict)
    # the open points of law the regions refer to by number: (number, the question)
    points: tuple[tuple[int, str], ...] = ()


def _short(statutes: m.StatuteSet, iid: str, lang: str) -> str:
    inst = statutes._by_id.get(iid)
    return inst.short_in(lang) if inst else iid


def _quoted(words, w: Wording) -> tuple[Quoted, ...]:
    return tuple(Quoted(x.lang, x.text, x.mark, w.say("confidence", x.mark)) for x in words)


def requirement(el, w: Wording) -> str:
    """What an element of the model asks for, in the words an element's trace uses for it
    (msgctxt "requires", as lawcheck.engine.elements words an Asks), each term open to
    interpretation marked so."""
    from lawcheck.engine.results import FACT_FIELD
    if isinstance(el, m.AgeElement):
        return w.say("requires", "age", line=w.age_line(el.op, el.years))
    if isinstance(el, m.SetElement):
        terms = [w.say("requires", "open-term", term=w.label(t)) if e.is_open else w.label(t)
                 for e in el.set.entries for t in e.terms]
        return w.say("requires", "terms", kind=w.fact_name(FACT_FIELD[el.kind]),
                     terms="; ".join(terms))
    if isinstance(el, m.ExceptElement):
        return w.say("requires", "except", fact=w.fact_name(el.flag))
    if isinstance(el, m.RefersElement):
        return w.say("requires", "refers-intended", act=el.intended.replace("_", " ")) \
            if el.intended else w.say("requires", "refers")
    return w.say("requires", el.type)


def _change_text(c: ElementChange, w: Wording, before_w: Wording) -> str:
    what = w.say("amend", f"what-{c.what}") if c.what in (
        "instrument", "provision", "limb", "consent", "text") else w.say("element-name", c.what)
    if c.what in ("instrument", "provision", "limb", "consent", "text"):
        return w.say("amend", f"{c.change}-part", what=what)
    if c.change == "added":
        return w.say("amend", "added", what=what, after=requirement(c.after, w))
    if c.change == "removed":
        return w.say("amend", "removed", what=what, before=requirement(c.before, before_w))
    if c.change == "reworded":
        return w.say("amend", "reworded", what=what)
    if isinstance(c.after, m.SetElement) and isinstance(c.before, m.SetElement):
        parts = []
        if c.terms_added:
            parts.append(w.say("amend", "terms-added", terms="; ".join(map(w.label,
                                                                            c.terms_added))))
        if c.terms_removed:
            parts.append(w.say("amend", "terms-removed", terms="; ".join(map(
                before_w.label, c.terms_removed))))
        if c.terms_named:
            parts.append(w.say("amend", "terms-named", terms="; ".join(map(w.label,
                                                                            c.terms_named))))
        if c.terms_opened:
            parts.append(w.say("amend", "terms-opened", terms="; ".join(map(w.label,
                                                                             c.terms_opened))))
        return w.say("amend", "set-changed", what=what, changes="; ".join(parts))
    return w.say("amend", "changed", what=what, before=requirement(c.before, before_w),
                 after=requirement(c.after, w))


def _where(c: ElementChange, statutes: m.StatuteSet) -> str:
    inst = statutes._by_id.get(c.instrument)
    if inst is None or c.provision is None:
        return ""
    prov = next((p for p in inst.provisions if p.id == c.provision), None)
    if prov is None:
        return ""
    if c.limb is None:
        return prov.citation
    limb = next((lb for lb in prov.limbs if lb.id == c.limb), None)
    return limb.citation if limb else prov.citation


def _elements(a: Amendment, w: Wording, before_w: Wording) -> tuple[ElementView, ...]:
    """The element changes, those alike in several limbs of a provision said once."""
    groups: dict[tuple, list] = {}
    for c in a.elements:
        text = _change_text(c, w, before_w)
        node = c.after if c.after is not None else c.before
        words = _quoted(getattr(node, "words", ()) or (), w)
        cite = getattr(node, "citation", "") if node is not None else ""
        if isinstance(c.after, m.SetElement) and isinstance(c.before, m.SetElement):
            # the entries that are new or worded anew: their own citations and words
            old = {(e.terms, e.citation, tuple((x.lang, x.text) for x in e.words))
                   for e in c.before.set.entries}
            new = [e for e in c.after.set.entries
                   if (e.terms, e.citation, tuple((x.lang, x.text) for x in e.words)) not in old]
            if new:
                words = tuple(q for e in new for q in _quoted(e.words, w))
                cite = "; ".join(dict.fromkeys(e.citation for e in new))
        owner = a.after if c.after is not None else a.before
        key = (c.instrument, c.provision, c.what, c.change, text, cite, words)
        groups.setdefault(key, []).append(_where(c, owner))
    out = []
    for (iid, _, what, change, text, cite, words), wheres in groups.items():
        statutes = a.after if iid in a.after.ids else a.before
        out.append(ElementView(iid, _short(statutes, iid, w.lang),
                               "; ".join(dict.fromkeys(x for x in wheres if x)), what, change,
                               text, cite, words))
    return tuple(out)


def _region(c: RegionChange, a: Amendment, w: Wording, before_w: Wording,
            pattern_text, numbers: dict[str, int]) -> RegionView:
    wd = before_w if c.change in ("closed", "narrower") else w
    statutes = a.before if c.change in ("closed", "narrower") else a.after
    names = tuple(_short(statutes, i, w.lang) for i in c.between)
    wit = c.witness
    marks = {True: w.say("explore", "robust-mark"), False: w.say("explore", "reading-mark")}
    how = w.say("explore", "robust") if c.robust else w.say("explore", "reading-dependent")
    text = w.say("amend", f"region-{c.change}", mark=marks[c.robust],
                 cause=w.say("cause-name", c.cause), how=how,
                 kind=w.say("amend", "rule-kind") if c.kind == "rule" else
                 w.say("amend", "complemented-kind") if c.kind == "complemented" else "")
    if c.points:
        refs = sorted(numbers.setdefault(q, len(numbers) + 1) for q in c.points)
        text = text.strip() + " " + w.say("amend", f"points-{c.change}", points=w.say(
            "amend", "points-numbers", numbers=", ".join(map(str, refs))))
    elsewhere = ""
    if c.elsewhere:
        other = a.after if c.change == "closed" else a.before
        elsewhere = w.say("amend", "now-verdicts" if c.change == "closed" else "then-verdicts",
                          verdicts="; ".join(w.say("amend", "verdict-of",
                                                   instrument=_short(other, i, w.lang),
                                                   verdict=w.verdict(v))
                                             for i, v in c.elsewhere))
    return RegionView(c.between, names, c.change, c.kind, c.cause, c.robust, text.strip(),
                      pattern_text(wit, wd), wd.divergence(wit.divergence), elsewhere)


def _verdict(v: VerdictChange, a: Amendment, w: Wording, reference: str) -> VerdictView:
    name = _short(a.after, v.instrument, w.lang)
    deciding = ""
    e = v.element_after or v.element_before
    if e is not None:
        deciding = w.say("amend", "deciding", element=w.element_name(e), citation=e.citation)
    if v.penalty_only:
        text = w.say("amend", "bracket-change", instrument=name, verdict=w.verdict(v.after),
                     before=v.clause_before or w.say("amend", "penalty-none"),
                     after=v.clause_after or w.say("amend", "penalty-none"))
    else:
        text = w.say("amend", "verdict-change", instrument=name, before=w.verdict(v.before),
                     after=w.verdict(v.after), deciding=deciding).rstrip()
        if v.agrees_before is not None and v.agrees_before != v.agrees_after:
            text += "; " + w.say("amend", "agrees-now" if v.agrees_after else "parts-now",
                                 reference=reference)
    return VerdictView(v.scenario, v.title, v.instrument, name, v.before, v.after, text,
                       v.clause_before, v.clause_after)


def _penalty_words(p: m.Penalty | None, w: Wording) -> str:
    if p is None:
        return w.say("amend", "penalty-none")
    if p.kind == "additional":
        return w.say("amend", "penalty-additional")
    return w.say("amend", "penalty-life" if p.life else "penalty-range", low=p.low, high=p.high,
                 n=len(p.aggravations))


def statutes_line(statutes: m.StatuteSet, lang: str) -> str:
    """Which statutes were amended or compared: bundled with lawcheck, or a folder."""
    prov = statutes.provenance
    if prov is None:
        return ""
    return (say("amend", "statutes-bundled", lang, version=__version__, digest=prov.digest)
            if prov.bundled else
            say("amend", "statutes-folder", lang, folder=prov.folder, digest=prov.digest))


def build(a: Amendment, lang: str = SOURCE_LANGUAGE, mode: str = "amend",
          folders: tuple[str, str] | None = None) -> AmendView:
    from lawcheck.views.exploreview import pattern_text
    w = Wording.of(a.after, lang)
    before_w = Wording.of(a.before, lang)
    as_of = a.as_of.isoformat() if a.as_of else ""
    proposals = tuple(ProposalView(
        p.id, p.title_in(lang), p.text_in(p.source, lang),
        tuple(p.text_in(n, lang) for n in p.notes), p.file, p.digest,
        tuple(_short(a.after, i, lang) for i in p.amends),
        say("amend", "bundled-proposal", lang, id=p.id) if p.bundled else p.file)
        for p in a.proposals)
    pairs = []
    for pair in a.pairs:
        counts = a.tally(pair)
        names = tuple(_short(a.after if pair[0] in a.after.ids else a.before, i, lang)
                      for i in pair)
        regions_moved = any(v for k, v in counts.items() if not k.startswith("rules"))
        narrower = sum(1 for c in a.regions if c.between == pair and c.change == "narrower")
        wider = sum(1 for c in a.regions if c.between == pair and c.change == "wider")
        parts = []
        if regions_moved:
            parts.append(w.say("amend", "pair-counts", **counts))
        if counts["rules_closed"] or counts["rules_opened"]:
            parts.append(w.say("amend", "pair-rules",
                               closed=counts["rules_closed"], opened=counts["rules_opened"]))
        if narrower or wider:
            parts.append(w.say("amend", "pair-narrower-n",
                               narrower=narrower, wider=wider))
        text = (w.say("amend", "pair-prefix", a=names[0], b=names[1], text=" ".join(parts))
                if parts else w.say("amend", "pair-same", a=names[0], b=names[1]))
        pairs.append(PairView(pair, names, counts, text))
    # the pairs with the reference (the first international instrument) lead
    order = {p: i for i, p in enumerate(a.pairs)}
    numbers: dict[str, int] = {}        # the open points regions name, numbered in order
    regions = tuple(_region(c, a, w, before_w, pattern_text, numbers)
                    for c in sorted(a.regions, key=lambda c: order.get(c.between, len(order))))
    points = tuple((n, before_w.prose(q)) for q, n in numbers.items())
    from lawcheck.engine.conformity import reference_of
    ref = reference_of(a.before, a.as_of)
    ref_name = ref.short_in(lang) if ref else ""
    verdicts = tuple(_verdict(v, a, w, ref_name) for v in a.verdicts)
    changed = len({v.scenario for v in a.verdicts})   # the verdict or the bracket
    verdicts_line = (w.say("amend", "verdicts-none", n=a.scenarios) if not changed else
                     w.say("amend", "verdicts-one" if changed == 1 else "verdicts-other",
                           changed=changed, n=a.scenarios))
    if changed and ref:
        verdicts_line += " " + w.say("amend", "agreement", reference=ref_name,
                                     **a.agreement())
    penalties = tuple(PenaltyView(
        c.instrument, _short(a.after, c.instrument, lang), c.citation, c.change,
        w.say("amend", "penalty-change", citation=c.citation,
              before=_penalty_words(c.before, w), after=_penalty_words(c.after, w)))
        for c in a.penalties)
    total = a.tally()
    if mode == "diff":
        headline = w.say("amend", "diff-headline", a=folders[0], b=folders[1], date=as_of)
    else:
        headline = w.say("amend", "headline-one" if len(proposals) == 1 else "headline-other",
                         n=len(proposals), date=as_of)
    statutes = statutes_line(a.before, lang)
    headings = {k: w.say("amend", f"heading-{k}") for k in (
        "proposals", "gaps", "elements", "regions", "verdicts", "penalties", "source")}
    headings["summary"] = w.say("amend", "summary-counts", **total)
    headings.update({k.replace("-", "_"): w.say("amend", k) for k in (
        "col-where", "col-change", "col-words", "col-pair", "col-example", "col-scenario")})
    headings.update(title=w.say("amend", "report-title"),
                    with_proposals=w.say("amend", "with-proposals-one" if len(proposals) == 1
                                         else "with-proposals-other", n=len(proposals)),
                    no_elements=w.say("amend", "elements-none"),
                    no_penalties=w.say("amend", "penalties-none"))
    headings["points"] = w.say("amend", "heading-points")
    return AmendView(lang, mode, as_of, headline, statutes, proposals, tuple(pairs),
                     _elements(a, w, before_w), regions, verdicts, verdicts_line, penalties,
                     w.say("amend", "notice") if proposals else "", headings, points)
