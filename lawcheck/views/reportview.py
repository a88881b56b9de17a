"""Stage 6c: run results -> the report's view model: plain, frozen objects the HTML template shows.

All decisions (what a cell says, which rows diverge, how divergences group) are made here, so the
template only loops and prints (coverage.py's html.py / htmlfiles split).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import combinations

import markupsafe

from lawcheck import __version__
from lawcheck.statute import model as m
from lawcheck.engine.compare import Divergence
from lawcheck.engine.evaluate import ElementResult, InstrumentResult, yes_no
from lawcheck.engine.run import RunResult, ScenarioResult
from lawcheck.scenarios import Facts
from lawcheck.views.catalogue import say, table
from lawcheck.views.wording import Wording

VERDICT_SYMBOL = table("verdict-symbol")
VERDICT_WORD = table("verdict")
STATUS_SYMBOL = table("status-symbol")
STATUS_WORD = table("status")
ALIGN_WORD = table("alignment")
ALIGN_SYMBOL = table("alignment-symbol")

# Causes of divergence, in the order the report shows them, with their headings (catalogue).
CAUSES = tuple((cause, say("cause", cause)) for cause in (
    "child age", "means", "transfer", "act", "purpose", "consent", "exception", "reference"))
# Element category -> anchor of its row group in the alignment table.
CATEGORY_ANCHOR = {"child age": "align-age", "act": "align-act", "means": "align-means",
                   "purpose": "align-purpose", "transfer": "align-transfer",
                   "exception": "align-exception", "reference": "align-reference"}


# ------------------------------------------------------------------------------------ objects

@dataclass(frozen=True)
class WordsView:
    lang: str
    text: str
    label: str           # VERBATIM-FOUND, PARAPHRASE-FOUND, UNVERIFIED, working translation
    unverified: bool


@dataclass(frozen=True)
class Quote:
    citation: str
    words: tuple[WordsView, ...]
    where: str = ""      # the limbs that use it
    question: str = ""   # the open question, for an entry marked open
    note: str = ""


@dataclass(frozen=True)
class InstrumentView:
    id: str
    short: str
    title: str
    citation: str
    period: str
    confidence: str
    unverified: bool
    source: str
    english: str
    notes: tuple[str, ...]
    texts: tuple[Quote, ...]


@dataclass(frozen=True)
class AlignCell:
    instrument: str
    status: str          # present, absent, narrower, broader, open
    word: str
    symbol: str
    summary: str         # one line: what the instrument says, e.g. "under 18 (Art. 3(d))"
    quotes: tuple[Quote, ...]
    unverified: bool
    key: str             # the substance, without citations: equal keys say the same thing


@dataclass(frozen=True)
class AlignRow:
    anchor: str
    label: str
    cells: tuple[AlignCell, ...]
    differs: bool        # the instruments do not all say the same


@dataclass(frozen=True)
class AlignGroup:
    anchor: str
    title: str
    rows: tuple[AlignRow, ...]


@dataclass(frozen=True)
class ElementLine:
    """One element of a limb in a scenario cell. Text from the statute files (names, citations)
    repeats in thousands of cells, so its fields are escaped once here (`_html`)."""
    symbol: str
    status: str
    ok: bool             # satisfied, or not required: listed on one line before the others
    status_word: str
    name: str
    citation: str
    fact: str
    requirement: str
    anchor: str
    label: str           # "✓ act (Art. 3(a))": how a satisfied element is listed

@dataclass(frozen=True)
class OpenPointView:
    number: int
    anchor: str
    question: str
    where: str          # "palermo Art. 3(a); actip Art. 2(a)"
    category: str


@dataclass(frozen=True)
class ReasonView:
    """Why a verdict is uncertain. An open point of law links to its entry in the list of open
    points instead of repeating the question in every cell."""
    text: str
    point: OpenPointView | None = None


@dataclass(frozen=True)
class Cell:
    instrument: str
    verdict: str
    symbol: str
    word: str
    where: str                     # "under Art. 3(a)", "closest limb: ...", "may be met under ..."
    passed: tuple[ElementLine, ...]   # elements satisfied or not required
    issues: tuple[ElementLine, ...]   # elements not satisfied, unknown or open
    reasons: tuple[ReasonView, ...]
    notes: tuple[str, ...]
    other_limbs: tuple[str, ...]   # "Art. 3(c): not met"
    expected: str                  # expected verdict in words, or ""
    expected_text: str             # "Expected: met (holds), because: ..."
    expected_reason: str
    penalty: str                   # "Penalty: Art. 150(2): 8 to 15 years' ..." or ""
    mismatch: bool
    not_in_force: bool             # shown as "– not in force" (its verdict as written is in the JSON)

@dataclass(frozen=True)
class DivergenceRef:
    element: str
    pairs: tuple[str, ...]   # "palermo / vn-cc-150", with " (same verdict)" for a rule
    anchor: str              # the cause group in section 4


@dataclass(frozen=True)
class Row:
    anchor: str
    id: str
    title: str
    suite: str
    source: str
    facts: str                     # "victim's age: 17 · acts: transfer · ..."
    cells: tuple[Cell, ...]
    diverges: bool
    pairs: str                     # "a|b c|d": the pairs whose verdicts diverge (for the filter)
    mismatch: bool
    css: str                       # "diverges mismatch", "diverges", ...
    divergences: tuple[DivergenceRef, ...]


@dataclass(frozen=True)
class CauseItem:
    """One scenario in a cause group: the pairs of instruments that diverge on that cause, and
    a one-line explanation (that of the first pair; `lawcheck explain` gives every pair's)."""
    scenario: str
    anchor: str
    pairs: tuple[str, ...]     # "palermo / vn-cc-150", with " (same verdict)" for a rule
    explanation: str


@dataclass(frozen=True)
class CauseGroup:
    anchor: str
    title: str
    items: tuple[CauseItem, ...]
    divergences: int


@dataclass(frozen=True)
class PenaltyClause:
    citation: str
    sentence: str
    aggravating: tuple[str, ...]     # "organised (Art. 150(2)(a))"
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class PenaltyRow:
    instrument: str
    short: str
    clauses: tuple[PenaltyClause, ...]   # empty: the instrument sets no penalty


@dataclass(frozen=True)
class Pair:
    value: str      # "a|b"
    label: str      # "Palermo Art. 3 / Art. 150"


@dataclass(frozen=True)
class Report:
    version: str
    as_of: str
    scenario_count: int
    divergent_count: int
    expectation_count: int
    mismatch_count: int
    expectations: str              # "all hold" or "3 do not hold"
    columns: int                   # instruments + the row header
    suites: tuple[str, ...]        # "age (cases/age.yaml)"
    instruments: tuple[InstrumentView, ...]
    unverified: tuple[str, ...]
    alignment: tuple[AlignGroup, ...]
    open_points: tuple[OpenPointView, ...]
    rows: tuple[Row, ...]
    penalties: tuple[PenaltyRow, ...]
    causes: tuple[CauseGroup, ...]
    complemented: tuple[CauseItem, ...]
    pairs: tuple[Pair, ...]
    # for a suite too large for one page: what is left out, and the counts over all of it
    notice: str = ""
    pair_counts: tuple[tuple[str, int], ...] = ()


# A page with more rows than this opens slowly or not at all in a browser; a larger suite is
# summarised: the scenarios that fail an expectation, then those that diverge, then the rest,
# up to this many, with the counts over every scenario (docs/report.md).
MAX_ROWS = 5000


def _shown(result: RunResult) -> tuple[tuple, str, tuple]:
    """The scenarios the page shows, a notice when some are left out, and the number of
    divergent scenarios per pair of instruments over all of them."""
    scenarios = result.scenarios
    if len(scenarios) <= MAX_ROWS:
        return scenarios, "", ()
    failing = [s for s in scenarios if not s.passed]
    diverging = [s for s in scenarios if s.passed and s.diverges]
    rest = [s for s in scenarios if s.passed and not s.diverges]
    shown = (failing + diverging + rest)[:MAX_ROWS]
    keep = {id(s) for s in shown}
    shown = tuple(s for s in scenarios if id(s) in keep)     # in the suites' order
    counts: dict[str, int] = {}
    for s in scenarios:
        for pair in {d.between for d in s.divergences if d.kind == "verdict"}:
            key = f"{pair[0]} / {pair[1]}"
            counts[key] = counts.get(key, 0) + 1
    notice = (f"This suite has {len(scenarios):,} scenarios, more than one page can show: the "
              f"matrix and the causes below show {len(shown):,} of them (every scenario whose "
              f"expected verdict does not hold ({len(failing):,}), then those whose verdicts "
              f"diverge ({len(diverging):,}), then the others, in the suites' order). The counts "
              "above and the table of divergent scenarios per pair cover every scenario. "
              "lawcheck run --format jsonl lists them all.")
    return shown, notice, tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# ------------------------------------------------------------------------------------ building

def build(result: RunResult) -> Report:
    statutes = result.statutes
    as_of = result.as_of.isoformat() if result.as_of else ""
    insts = statutes.instruments
    writing = _Writing(statutes)
    points = writing.points
    shown, notice, pair_counts = _shown(result)
    rows = tuple(_row(s, statutes, writing) for s in shown)
    causes, complemented = _causes(RunResult(statutes, result.suites, shown, result.as_of)
                                   if notice else result, writing.w)
    return Report(
        version=__version__,
        as_of=(f"{as_of}: only the instruments in force on that date take part (a scenario with "
               f"its own date uses that date)" if as_of else
               "not set: every instrument is applied as written"),
        scenario_count=len(result.scenarios),
        divergent_count=sum(1 for s in result.scenarios if s.diverges),
        expectation_count=result.expectation_count,
        mismatch_count=result.mismatch_count,
        expectations=("all hold" if not result.mismatch_count else
                      f"{result.mismatch_count} do not hold"),
        columns=len(insts) + 1,
        suites=tuple(f"{s.suite} ({s.file})" for s in result.suites),
        instruments=tuple(_instrument(i) for i in insts),
        unverified=tuple(i.id for i in insts if i.unverified),
        alignment=alignment(statutes),
        open_points=tuple(points.values()),
        rows=rows,
        penalties=tuple(_penalty_row(i, writing.w) for i in insts),
        causes=causes,
        complemented=complemented,
        pairs=tuple(Pair(f"{a.id}|{b.id}", f"{a.short} / {b.short} ({a.id} / {b.id})")
                    for a, b in combinations(insts, 2)),
        notice=notice,
        pair_counts=pair_counts,
    )


def _words(ws) -> tuple[WordsView, ...]:
    return tuple(WordsView(w.lang, w.text, m.CONFIDENCE_LABEL[w.confidence],
                           w.confidence == "unverified") for w in ws)


def _instrument(inst: m.Instrument) -> InstrumentView:
    texts = tuple(Quote(t.citation, _words(t.words)) for p in inst.provisions for t in p.texts)
    dated = tuple(f"Not encoded from {g.period}: {g.text}" for g in inst.not_encoded)
    if inst.bound:
        dated += (f"Binds {inst.bound.party} from {inst.bound.since.isoformat()} at the earliest: "
                  f"{inst.bound.source}.",)
    return InstrumentView(inst.id, inst.short, inst.title, inst.citation, inst.period,
                          m.CONFIDENCE_LABEL[inst.confidence], inst.unverified, inst.source,
                          inst.english or "", dated + inst.notes, texts)


def _penalty_row(inst: m.Instrument, w: Wording) -> PenaltyRow:
    clauses = tuple(PenaltyClause(
        p.citation, w.sentence(p),
        tuple(w.cited(a) for a in p.aggravations),
        (Quote(p.citation, _words(p.words)),) if p.words else ())
        for prov in inst.provisions for p in prov.penalties)
    return PenaltyRow(inst.id, inst.short, clauses)


def anchor(*parts: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)


# ------------------------------------------------------------------------------- alignment

def _limbs(inst: m.Instrument):
    for p in inst.provisions:
        for lb in p.limbs:
            yield p, lb


def _unresolved(lb: m.Limb) -> str | None:
    """The open question of a limb that stands in for a provision not yet encoded."""
    for e in lb.elements:
        if isinstance(e, m.RefersElement) and e.unresolved:
            return e.unresolved
    return None


def _cell(inst: m.Instrument, status: str, summary: str, quotes: tuple[Quote, ...],
          key: str = "") -> AlignCell:
    unverified = inst.confidence == "unverified" or any(w.unverified for q in quotes
                                                          for w in q.words)
    return AlignCell(inst.id, status, ALIGN_WORD[status], ALIGN_SYMBOL[status], summary, quotes,
                     unverified, f"{status}:{key}")


def _set_citations(inst: m.Instrument, kind: str) -> str:
    return "; ".join(dict.fromkeys(e.citation for _, lb in _limbs(inst) for e in lb.elements
                                   if isinstance(e, m.SetElement) and e.kind == kind))


def _standin(inst, limbs: list[m.Limb], what: str) -> AlignCell:
    """A cell whose only support is a limb standing in for an unresolved cross-reference."""
    questions = tuple(dict.fromkeys(q for q in map(_unresolved, limbs) if q))
    where = ", ".join(dict.fromkeys(lb.citation for lb in limbs))
    return _cell(inst, "open", f"{what} only in {where}, which refers to a provision not yet "
                 "encoded", tuple(Quote(lb.citation, (), question=q)
                                  for lb, q in zip(limbs, questions)), f"standin:{what}")


def _through_reference(inst: m.Instrument, kind: str, term: str,
                       statutes: m.StatuteSet | None) -> tuple[list, list[m.Limb]]:
    """Where the instrument's own limbs do not list the term, the limbs that reach it through a
    cross-reference (as written): [(limb, referred instrument, entry)], and the limbs whose
    reference is unresolved (they may reach it)."""
    through, standins = [], []
    for _, lb in _limbs(inst):
        for el in lb.elements:
            if not isinstance(el, m.RefersElement):
                continue
            if el.unresolved:
                standins.append(lb)
                continue
            if statutes is None:
                continue
            for ref in el.refs:
                target = statutes.instrument(ref.instrument)
                for _, tlb in _limbs(target):
                    if ref.limbs and tlb.id not in ref.limbs:
                        continue
                    for tel in tlb.elements:
                        if isinstance(tel, m.SetElement) and tel.kind == kind:
                            entry = tel.set.entry_for(term)
                            if entry is not None and (lb, target, entry) not in through:
                                through.append((lb, target, entry))
    return through, standins


def _term_cell(inst: m.Instrument, kind: str, term: str, handover_acts: frozenset,
               statutes: m.StatuteSet | None = None) -> AlignCell:
    found: dict[int, tuple[m.TermEntry, list[m.Limb]]] = {}
    standins: list[m.Limb] = []
    for _, lb in _limbs(inst):
        for el in lb.elements:
            if isinstance(el, m.SetElement) and el.kind == kind:
                entry = el.set.entry_for(term)
                if entry is None:
                    continue
                if _unresolved(lb):
                    standins.append(lb)
                else:
                    found.setdefault(id(entry), (entry, []))[1].append(lb)
    if not found:
        if standins:
            return _standin(inst, standins, "listed")
        through, unresolved = _through_reference(inst, kind, term, statutes)
        if through:
            quals = [e.qualifier for _, _, e in through]
            status = ("present" if None in quals else "narrower" if "narrower" in quals
                      else "broader" if "broader" in quals else "open")
            summary = "; ".join(dict.fromkeys(f"through {lb.citation}: {t.short}, {e.citation}"
                                              for lb, t, e in through))
            quotes = tuple(Quote(e.citation, _words(e.words), where=f"{t.short}, {lb.citation}",
                                 question=e.qualifier_text or "") for lb, t, e in through)
            return _cell(inst, status, summary, quotes, f"through:{status}")
        if unresolved:
            return _standin(inst, unresolved, "listed")
        if kind == "means" and not _set_citations(inst, "means"):
            return _cell(inst, "not_required", f"{inst.short} requires no means", ())
        return _cell(inst, "absent", f"not listed in {_set_citations(inst, kind)}", ())
    entries = [e for e, _ in found.values()]
    quals = [e.qualifier for e in entries]
    status = ("present" if None in quals else "narrower" if "narrower" in quals
              else "broader" if "broader" in quals else "open")
    cites = "; ".join(dict.fromkeys(e.citation for e in entries))
    key = ""
    if kind == "act" and status == "present" and all(
            any(isinstance(x, m.HandoverElement) for x in lb.elements)
            for _, lbs in found.values() for lb in lbs) and term not in handover_acts:
        # Art. 150(1)(c): recruiting, transporting, harbouring count only in order to hand the
        # person over (Res. 02/2019 Art. 2(1)(đ))
        status, key = "narrower", "only with a handover"
        cites += ": only in order to hand the person over"
    quotes = tuple(Quote(e.citation, _words(e.words),
                         where=", ".join(dict.fromkeys(lb.citation for lb in lbs)),
                         question=e.qualifier_text or "") for e, lbs in found.values())
    return _cell(inst, status, cites, quotes, key)


def _element_cell(inst: m.Instrument, types: tuple[type, ...], describe) -> AlignCell | None:
    """A cell for elements of the given types: present where a limb has one. Limbs that stand
    in for an unresolved cross-reference make the cell open, unless a settled limb has it too."""
    found: dict[tuple, tuple[object, list[str]]] = {}
    standins = []
    for _, lb in _limbs(inst):
        for el in lb.elements:
            if isinstance(el, types):
                if _unresolved(lb) and not isinstance(el, m.RefersElement):
                    standins.append(lb)
                    continue
                key = (describe(el), el.citation)
                found.setdefault(key, (el, []))[1].append(lb.citation)
    if not found:
        return _standin(inst, standins, "required") if standins else None
    quotes = tuple(Quote(el.citation, _words(el.words), where=", ".join(dict.fromkeys(limbs)),
                         note=el.note or "") for el, limbs in found.values())
    by_substance: dict[str, list[str]] = {}
    for el, _ in found.values():
        by_substance.setdefault(describe(el), []).append(el.citation)
    summary = "; ".join(f"{what} ({'; '.join(dict.fromkeys(cites))})"
                        for what, cites in by_substance.items())
    status = "open" if any(getattr(el, "unresolved", None) for el, _ in found.values()) else "present"
    if status == "open":
        quotes = tuple(Quote(q.citation, q.words, q.where, question=el.unresolved, note=q.note)
                       for q, (el, _) in zip(quotes, found.values()))
    settled = [lb.citation for _, lb in _limbs(inst) if not _unresolved(lb)]
    lacking = [c for c in settled if not any(c in limbs for _, limbs in found.values())]
    if lacking and status == "present":
        summary += "; not in " + ", ".join(lacking)
    key = "; ".join(sorted({describe(el) for el, _ in found.values()}))
    return _cell(inst, status, summary, quotes, key)


def _victim(el: m.AgeElement) -> str:
    """ "victim under 16": an age line, as the alignment table names it."""
    return say("age", "victim", line=say("age-line", el.op, years=el.years))


def _age_cell(inst):
    return (_element_cell(inst, (m.AgeElement,), _victim)
            or _cell(inst, "absent", "no age condition", ()))


def _means_required_cell(inst):
    with_means, without = [], []
    for _, lb in _limbs(inst):
        if _unresolved(lb):
            continue
        (without if any(isinstance(e, m.NoMeansElement) for e in lb.elements)
         else with_means).append(lb)
    means_words = tuple(Quote(e.citation, _words(e.words)) for _, lb in _limbs(inst)
                        for e in lb.elements if isinstance(e, m.SetElement) and e.kind == "means"
                        and e.words)
    if not without:
        return _cell(inst, "present", "a means is required in every limb ("
                     + _set_citations(inst, "means") + ")", means_words, "every limb")
    free = _element_cell(inst, (m.NoMeansElement,), lambda el: "no means needed")
    ages = sorted({_victim(e) for lb in without for e in lb.elements
                   if isinstance(e, m.AgeElement)})
    key = "; ".join(ages)
    if not with_means:
        return _cell(inst, "not_required", "no limb requires a means"
                     + (f" ({', '.join(ages)})" if ages else ""), free.quotes, key)
    where = ", ".join(dict.fromkeys(lb.citation for lb in without))
    return _cell(inst, "present", f"required, except in {where}"
                 + (f" ({', '.join(ages)})" if ages else ""), free.quotes, key)


def _transfer_cell(inst):
    return (_element_cell(inst, (m.HandoverElement,),
                          lambda el: "the person must be handed over to another")
            or _cell(inst, "absent", "no handover needed: any one act suffices", ()))


def _exception_cell(inst):
    return (_element_cell(inst, (m.ExceptElement,),
                          lambda el: f"except for {el.flag.replace('_', ' ')}s")
            or _cell(inst, "absent", "no exception", ()))


def _reference_cell(inst):
    return (_element_cell(inst, (m.RefersElement,),
                          lambda el: "refers to " + ", ".join(r.key for r in el.refs)
                          + (f" (from {el.successors.since.isoformat()} possibly "
                             + ", ".join(r.key for r in el.successors.targets) + ")"
                             if el.successors else "")
                          + (" (unresolved)" if el.unresolved else ""))
            or _cell(inst, "absent", "no cross-reference", ()))


def _consent_cell(inst):
    rules = [r for p in inst.provisions for r in p.consent_rules]
    if not rules:
        return _cell(inst, "absent", "no rule on the victim's consent", ())
    quotes = tuple(Quote(r.citation, _words(r.words)) for r in rules)
    return _cell(inst, "present", "consent irrelevant once a means is used ("
                 + "; ".join(r.citation for r in rules) + ")", quotes)


def _scope_cell(inst):
    scopes = [s for p in inst.provisions for s in p.scopes]
    if not scopes:
        return _cell(inst, "absent", "no condition of scope in the encoded provisions", ())
    quotes = tuple(Quote(s.citation, _words(s.words), note=s.note or "") for s in scopes)
    if not any(s.conditions for s in scopes):       # `scope unconditional`
        return _cell(inst, "present", "applies with no condition of scope ("
                     + "; ".join(s.citation for s in scopes) + ")", quotes, "unconditional")
    said = "; ".join(" and ".join(c.replace("_", " ") for c in s.conditions) + f" ({s.citation})"
                     for s in scopes if s.conditions)
    key = "; ".join(sorted({" and ".join(s.conditions) for s in scopes if s.conditions}))
    return _cell(inst, "present", f"applies where: {said}", quotes, key)


def _align_row(anchor_: str, label: str, cells) -> AlignRow:
    """A row of the alignment table; it `differs` when the instruments do not all say the same
    thing (for the child line, also when they draw it at different ages)."""
    cells = tuple(cells)
    keys = {c.key for c in cells if c.status != "not_required"}
    return AlignRow(anchor_, label, cells, len(keys) > 1)


def alignment(statutes: m.StatuteSet) -> tuple[AlignGroup, ...]:
    insts = statutes.instruments
    vocab = statutes.vocabulary

    def terms(kind, title, extra=()):
        rows = list(extra)
        rows += [_align_row(anchor("align", kind, t.name), t.label,
                      (_term_cell(i, kind, t.name, vocab.handover_acts, statutes) for i in insts))
                 for t in vocab.terms if t.kind == kind]
        return AlignGroup(f"align-{kind}", title, tuple(rows))

    means_required = _align_row("align-means-required", "a means is required",
                                (_means_required_cell(i) for i in insts))
    rules = AlignGroup("align-rules", "Child age, transfer, consent, exceptions, scope", tuple(
        _align_row(a, label, (cell(i) for i in insts)) for a, label, cell in (
            ("align-age", "victim's age (the child line)", _age_cell),
            ("align-transfer", "transfer: the person handed over to another", _transfer_cell),
            ("align-consent", "consent of the victim", _consent_cell),
            ("align-exception", "exceptions", _exception_cell),
            ("align-scope", "scope of application", _scope_cell),
            ("align-reference", "cross-references", _reference_cell))))
    return (
        terms("act", "Acts (any one suffices within a limb)"),
        terms("means", "Means", (means_required,)),
        terms("purpose", "Purposes"),
        rules,
    )


# ------------------------------------------------------------------------------ scenario rows

def _facts(f: Facts, vocab: m.Vocabulary) -> tuple[tuple[str, str], ...]:
    lo, hi = f.age_range
    age = "unknown" if f.victim_age == "unknown" else str(lo) if lo == hi else f"{lo} to {hi}"

    def names(xs):
        return ", ".join(vocab.label(x) for x in xs) or "none"
    out = [("victim's age", age), ("acts", names(f.acts)), ("means", names(f.means)),
           ("purposes", names(f.purposes)),
           ("handed over to another person", yes_no(f.handover)),
           ("consent", f"to the movement: {yes_no(f.consent.movement)}; to the exploitation: "
                       f"{yes_no(f.consent.exploitation)}"),
           ("border", vocab.border_label(f.border)),
           ("organized criminal group", yes_no(f.organized_criminal_group)),
           ("humanitarian purpose", yes_no(f.humanitarian_purpose)),
           ("exploitation happened", yes_no(f.exploitation_occurred))]
    if f.date:
        out.append(("date", f.date.isoformat()))
    return tuple(out)


_html = functools.lru_cache(maxsize=8192)(markupsafe.escape)


class _Writing:
    """What the rows share while the report is built: the open points, the wording, and each
    distinct element trace's line, built once (traces are values)."""

    def __init__(self, statutes: m.StatuteSet):
        self.points = open_points(statutes)
        self.w = Wording.of(statutes)
        self._lines: dict[ElementResult, ElementLine] = {}

    def element(self, e: ElementResult) -> ElementLine:
        line = self._lines.get(e)
        if line is None:
            line = self._lines[e] = _element(e, self.w)
        return line


def _element(e: ElementResult, w: Wording) -> ElementLine:
    """The line for an element trace."""
    ok = e.status in ("satisfied", "not_required")
    # What a set element lists is in the alignment table (the citation links there); what a
    # satisfied element matched is in the row's facts.
    requirement = (w.requirement(e) if e.status == "not_satisfied"
                   and e.type not in ("act", "means", "purpose") else "")
    name = w.element_name(e)
    return ElementLine(STATUS_SYMBOL[e.status], e.status, ok,
                       "" if ok else STATUS_WORD[e.status], _html(name), _html(e.citation),
                       "" if ok else _html(w.value(e)), _html(requirement),
                       CATEGORY_ANCHOR.get(e.category, "align-rules"),
                       _html(f"{STATUS_SYMBOL[e.status]} {name} ({e.citation})"))


def _penalty_text(r: InstrumentResult, w: Wording) -> str:
    p = r.penalty
    if p is None:
        return ""
    text = (f"Penalty{' if met' if r.verdict == 'uncertain' else ''}: {p.clause}: "
            f"{w.sentence(p.bracket)}" + (f" ({'; '.join(w.grounds(p))})" if p.grounds else ""))
    if p.possible:
        text += "; could be " + "; ".join(w.possible(p))
    return text


def _where(r: InstrumentResult) -> str:
    return say("verdict-where", r.verdict, citation=r.limb.citation)


def open_points(statutes: m.StatuteSet) -> dict[str, OpenPointView]:
    """Every open point of law in the statute set, numbered in instrument order."""
    from lawcheck.engine.evaluate import numbered_open_points

    return {q: OpenPointView(n, f"open-{n}", q, where, category)
            for q, (n, where, category) in numbered_open_points(statutes).items()}


def _reason(x, writing: _Writing) -> ReasonView:
    point = writing.points.get(x.variable) if x.kind == "open_law" else None
    if point is None:
        return ReasonView(writing.w.reason(x))
    return ReasonView(f"({x.citation}): {writing.w.detail(x)}.", point)


def _result_cell(inst_id: str, s: ScenarioResult, writing: _Writing) -> Cell:
    r = s.results[inst_id]
    exp = s.scenario.expect.get(inst_id)
    exp = exp.at(s.when) if exp else None
    lines = [writing.element(e) for e in r.limb.elements]
    return Cell(
        instrument=inst_id, verdict=r.verdict, symbol=VERDICT_SYMBOL[r.verdict],
        word=VERDICT_WORD[r.verdict], where=_where(r),
        passed=tuple(x for x in lines if x.ok),
        issues=tuple(x for x in lines if not x.ok),
        reasons=tuple(_reason(x, writing) for x in r.reasons),
        # scope is not an element (the alignment table shows it); an instrument-wide note
        # needs no citation
        notes=tuple(_html(writing.w.note_brief(n) or f"{writing.w.note(n)} ({n.citation})")
                    for n in r.notes if n.rule != "scope"),
        other_limbs=() if r.verdict == "met" else tuple(
            _html(f"{t.citation} {VERDICT_SYMBOL[t.status]}") for t in r.limbs if t is not r.limb),
        expected=VERDICT_WORD[exp.verdict] if exp else "",
        expected_text=(f"Expected: {VERDICT_WORD[exp.verdict]} "
                       f"({'holds' if exp.verdict == r.verdict else 'does not hold'}), because: "
                       f"{exp.reason}") if exp else "",
        expected_reason=exp.reason if exp else "",
        penalty=_penalty_text(r, writing.w),
        mismatch=any(x.instrument == inst_id for x in s.mismatches),
        not_in_force=inst_id not in s.in_force,
    )


def _divergence_refs(ds) -> tuple[DivergenceRef, ...]:
    by_element: dict[str, list[str]] = {}
    for d in ds:
        if d.kind != "complemented":
            by_element.setdefault(d.element, []).append(
                f"{d.between[0]} / {d.between[1]}" + (" (same verdict)" if d.kind == "rule" else ""))
    return tuple(DivergenceRef(e, tuple(p), anchor("cause", e)) for e, p in by_element.items())


def _row(s: ScenarioResult, statutes: m.StatuteSet, writing: _Writing) -> Row:
    sc = s.scenario
    pairs = " ".join(f"{d.between[0]}|{d.between[1]}" for d in s.divergences if d.kind == "verdict")
    return Row(
        anchor=anchor("scenario", sc.id), id=sc.id, title=sc.title, suite=sc.suite,
        source=f"line {sc.span.line}",
        facts=" · ".join(f"{k}: {v}" for k, v in _facts(sc.facts, statutes.vocabulary)),
        cells=tuple(_result_cell(i, s, writing) for i in statutes.ids), diverges=s.diverges, pairs=pairs,
        mismatch=not s.passed,
        css=" ".join(c for c, on in (("diverges", s.diverges), ("mismatch", not s.passed)) if on),
        divergences=_divergence_refs(s.divergences),
    )


# -------------------------------------------------------------------------------------- causes

def _causes(result: RunResult, w: Wording) -> tuple[tuple[CauseGroup, ...], tuple[CauseItem, ...]]:
    groups: dict[str, list[CauseItem]] = {c: [] for c, _ in CAUSES}
    complemented: list[CauseItem] = []
    for s in result.scenarios:
        by_cause: dict[str, list[Divergence]] = {}
        for d in s.divergences:
            by_cause.setdefault("complement" if d.kind == "complemented" else d.element,
                                []).append(d)
        for cause, ds in by_cause.items():
            ds.sort(key=lambda d: d.kind != "verdict")     # a verdict difference explains best
            item = CauseItem(s.scenario.id, anchor("scenario", s.scenario.id),
                             tuple(f"{d.between[0]} / {d.between[1]}"
                                   + (" (same verdict)" if d.kind == "rule" else "") for d in ds),
                             w.divergence(ds[0]))
            (complemented if cause == "complement" else groups.setdefault(cause, [])).append(item)
    titles = dict(CAUSES)
    out = tuple(CauseGroup(anchor("cause", c), titles.get(c, c.capitalize()), tuple(items),
                           sum(len(i.pairs) for i in items))
                for c, items in groups.items() if items)
    return out, tuple(complemented)
