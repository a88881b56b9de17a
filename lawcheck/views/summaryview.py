"""Stage 6f: a Conformity (lawcheck.engine.conformity) -> the report's conformity summary: for
each domestic instrument in force, where it parts from the treaty that binds the State, in
order of consequence, each difference with both texts' words and what follows for a victim.
Plain frozen objects; every word from the wording catalogue (context "summary")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lawcheck.statute import model as m
from lawcheck.engine.conformity import Conformity, Difference
from lawcheck.engine.results import ElementResult, InstrumentResult
from lawcheck.views.wording import Wording


@dataclass(frozen=True)
class Said:
    """Quoted words of the law, as the page shows them."""
    lang: str
    text: str
    label: str           # the confidence, in words
    unverified: bool
    supplied: bool = False   # user-supplied: not quoted so by the bundled statutes


@dataclass(frozen=True)
class Side:
    instrument: str
    short: str
    verdict: str
    verdict_word: str
    symbol: str
    says: str            # how the text decides the example, in a sentence
    citation: str
    words: tuple[Said, ...]
    unverified: bool


@dataclass(frozen=True)
class PointRef:
    number: int
    anchor: str


@dataclass(frozen=True)
class ScenarioRef:
    id: str
    anchor: str


@dataclass(frozen=True)
class DifferenceView:
    anchor: str
    cause: str           # the code: child age, means, ...
    topic: str
    kind: str            # verdict, rule, complemented
    robust: bool
    holds: str           # "under every reading of the open points", ...
    reaches: str         # who reaches further, in words ("" for a rule)
    example: str         # the witness's facts
    follows: str         # what follows for that victim under each text
    why: str             # the explanation, both texts at once
    reference: Side
    domestic: Side
    points: tuple[PointRef, ...]
    scenarios: tuple[ScenarioRef, ...]
    more: str            # "and 3 more scenarios", or ""
    witnesses: str       # "24 fact patterns"


@dataclass(frozen=True)
class ComparisonView:
    anchor: str
    pair: str            # "palermo,vn-cc-150": the pair as the page's address names it
    reference: str
    instrument: str
    heading: str
    title: str
    tally: tuple[str, ...]
    differences: tuple[DifferenceView, ...]


@dataclass(frozen=True)
class SummaryView:
    heading: str
    intro: str
    reference: str
    comparisons: tuple[ComparisonView, ...]
    mirrors: tuple[str, ...]


# The order of the columns, by the kind of instrument: international, then statute law, then
# the criminal code (a kind not listed comes last).
KIND_ORDER = ("treaty", "law", "criminal code")


def reading_order(statutes: m.StatuteSet, as_of, first: str | None = None
                  ) -> tuple[m.Instrument, ...]:
    """The instruments as a reader compares them: by kind (KIND_ORDER), `first` (the reference)
    first of its kind, those in force on the date before those not, the newer before the older,
    then in the statute files' order."""
    def key(i: m.Instrument):
        kind = KIND_ORDER.index(i.kind) if i.kind in KIND_ORDER else len(KIND_ORDER)
        start = (i.in_force_from or date.min).toordinal()
        return (kind, i.id != first, not i.in_force_on(as_of), -start, statutes.ids.index(i.id))
    return tuple(sorted(statutes.instruments, key=key))


def build(c: Conformity, statutes: m.StatuteSet, w: Wording, points: dict,
          anchors: dict[str, str]) -> SummaryView:
    """`points`: open question -> its OpenPointView (number, anchor); `anchors`: scenario id ->
    its row's anchor (only scenarios the page shows)."""
    ref = statutes.instrument(c.reference)
    on = c.as_of.isoformat() if c.as_of else ""
    state = ref.text_in(c.state, w.lang)
    short = ref.short_in(w.lang)
    heading = (w.say("summary", "heading", state=state, reference=short, date=on)
               if on else w.say("summary", "heading-undated", state=state,
                                  reference=ref.short_in(w.lang)))
    order = [i.id for i in reading_order(statutes, c.as_of, c.reference)]
    comparisons = tuple(_comparison(comp.reference, comp.instrument, comp.differences, statutes,
                                    w, points, anchors)
                        for comp in sorted(c.comparisons, key=lambda x: order.index(x.instrument)))
    mirrors = tuple(_mirror(statutes.instrument(x.instrument), ref, x, w) for x in c.mirrors)
    return SummaryView(heading, w.say("summary", "intro", reference=short, state=state),
                       c.reference, comparisons, mirrors)


def _n(w: Wording, msgid: str, n: int, **p) -> str:
    return w.say("summary", f"{msgid}-one" if n == 1 else f"{msgid}-other", n=n, **p)


def _mirror(inst: m.Instrument, ref: m.Instrument, x, w: Wording) -> str:
    p = dict(instrument=inst.short_in(w.lang), reference=ref.short_in(w.lang))
    text = (w.say("summary", "mirror-same", **p) if not x.differences else
            _n(w, "mirror-open", x.differences, **p) if not x.robust else
            _n(w, "mirror-robust", x.differences, robust=x.robust, **p))
    if inst.unverified:
        text = w.say("summary", "mirror-unverified", text=text)
    return text


def _comparison(ref_id, inst_id, diffs, statutes, w, points, anchors) -> ComparisonView:
    ref, inst = statutes.instrument(ref_id), statutes.instrument(inst_id)
    views = tuple(_difference(i, d, statutes, w, points, anchors) for i, d in enumerate(diffs))
    counts = {
        "tally-gap": sum(1 for d in diffs if d.kind == "verdict" and d.robust
                         and d.reaches == "reference"),
        "tally-further": sum(1 for d in diffs if d.kind == "verdict" and d.robust
                             and d.reaches != "reference"),
        "tally-rule": sum(1 for d in diffs if d.kind == "rule"),
        "tally-open": sum(1 for d in diffs if d.kind == "verdict" and not d.robust),
        "tally-complemented": sum(1 for d in diffs if d.kind == "complemented")}
    complements = ", ".join(statutes.instrument(c).short_in(w.lang) for c in inst.complements)
    tally = tuple(_n(w, key, n, reference=ref.short_in(w.lang), instrument=inst.short_in(w.lang),
                     complements=complements) for key, n in counts.items() if n)
    return ComparisonView(f"summary-{ref_id}-{inst_id}", f"{ref_id},{inst_id}", ref_id, inst_id,
                          w.say("summary", "comparison", reference=ref.short_in(w.lang),
                                instrument=inst.short_in(w.lang)),
                          inst.title_in(w.lang), tally or (w.say("summary", "tally-none"),), views)


def words(ws, w: Wording) -> tuple[Said, ...]:
    """Quoted words of the law, with how sure each is in the reader's words (user-supplied,
    for words the bundled statutes do not quote so)."""
    return tuple(Said(x.lang, x.text, w.say("confidence", x.mark),
                      x.confidence == "unverified", x.supplied) for x in ws)


def _element(r: InstrumentResult, d: Difference) -> ElementResult | None:
    """The element of the deciding limb the difference turns on, for one side."""
    div = d.witness.divergence
    if div.failed is not None and div.second.instrument == r.instrument:
        return div.failed
    open_ = [e for e in r.limb.elements if e.status in ("open", "unknown")]
    if r.verdict == "uncertain" and open_:
        return open_[0]
    cause = div.failed.category if div.failed is not None else d.cause
    same = [e for e in r.limb.elements if e.category == cause]
    return same[0] if same else None


def _rule_words(inst: m.Instrument, citation: str, cause: str):
    """The words of the rule a rule divergence names (consent, an exception)."""
    for p in inst.provisions:
        for rule in p.consent_rules:
            if cause == "consent" and rule.citation == citation:
                return rule.words
        for lb in p.limbs:
            for el in lb.elements:
                if cause == "exception" and isinstance(el, m.ExceptElement) \
                        and el.citation == citation:
                    return el.words
    return ()


def _side(r: InstrumentResult, d: Difference, statutes: m.StatuteSet, w: Wording) -> Side:
    inst = statutes.instrument(r.instrument)
    div = d.witness.divergence
    e = _element(r, d)
    if d.kind == "rule":
        has_rule = div.first.instrument == r.instrument
        citation = div.citation if has_rule else r.limb.citation
        quoted = _rule_words(inst, div.citation, d.cause) if has_rule else ()
        extra = ({"exception": w.say("exception-name", div.terms[0])}
                 if d.cause == "exception" and div.terms else {})
        says = (w.say("summary", f"rule-{d.cause}", citation=div.citation, **extra)
                if has_rule else w.say("summary", f"no-rule-{d.cause}", instrument=inst.short_in(w.lang)))
    else:
        citation = e.citation if e is not None else r.limb.citation
        quoted = e.words if e is not None else ()
        if r.verdict == "uncertain" and r.reasons:
            says = w.reason(r.reasons[0])
        elif r.verdict == "not_met":
            says = w.failure(r.limb, e if e is not None and e.status == "not_satisfied"
                             else None)
        else:
            says = w.counterpart(r.limb, div.failed)
    said = words(quoted, w)
    return Side(inst.id, inst.short_in(w.lang), r.verdict, w.verdict(r.verdict),
                w.say("verdict-symbol", r.verdict), says, citation, said,
                inst.unverified or any(x.unverified for x in said))


def _follows(ref: Side, dom: Side, example: str, w: Wording) -> str:
    def under(s: Side) -> str:
        return w.say("summary-verdict", s.verdict, instrument=s.short)
    return w.say("summary", "follows", example=example, reference=under(ref),
                 instrument=under(dom))


def _difference(i: int, d: Difference, statutes, w: Wording, points, anchors) -> DifferenceView:
    from lawcheck.views.exploreview import pattern_text
    results = {r.instrument: r for r in (d.witness.divergence.first, d.witness.divergence.second,
                                         d.witness.divergence.third) if r is not None}
    ref = _side(results[d.reference], d, statutes, w)
    dom = _side(results[d.instrument], d, statutes, w)
    refs = tuple(PointRef(points[q].number, points[q].anchor) for q in d.points if q in points)
    if d.kind == "complemented":
        holds = w.say("summary", "holds-complemented", complements=", ".join(
            statutes.instrument(c).short_in(w.lang)
            for c in statutes.instrument(d.instrument).complements))
    elif d.robust:
        holds = w.say("summary", "holds-robust")
    else:
        holds = w.say("summary", "holds-open")
    reaches = "" if d.kind == "rule" else w.say("summary", f"reaches-{d.reaches}",
                                                  reference=ref.short, instrument=dom.short)
    example = pattern_text(d.witness, w)
    shown = tuple(ScenarioRef(s, anchors[s]) for s in d.scenarios if s in anchors)[:3]
    rest = sum(1 for s in d.scenarios if s in anchors) - len(shown)
    return DifferenceView(
        anchor=f"diff-{d.reference}-{d.instrument}-{i + 1}", cause=d.cause,
        topic=w.say("summary-topic", d.cause), kind=d.kind, robust=d.robust, holds=holds,
        reaches=reaches, example=example, follows=_follows(ref, dom, example, w),
        # the sides say why; where they cannot (a complement, two open points), the whole
        why=(w.divergence(d.witness.divergence) if d.kind == "complemented"
             or d.witness.divergence.case == "both-uncertain" else ""),
        reference=ref, domestic=dom, points=refs, scenarios=shown,
        more=_n(w, "more", rest) if rest > 0 else "",
        witnesses=_n(w, "witnesses", d.witnesses))
