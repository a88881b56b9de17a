"""Stage 6c: run results -> the report's view model: plain, frozen objects the HTML template shows.

All decisions (what a cell says, which rows diverge, how divergences group) are made here, so the
template only loops and prints (coverage.py's html.py / htmlfiles split). Every word comes from
the wording catalogue (lawcheck.views.catalogue, contexts "report", "report-alignment",
"report-facts", "report-cell", and the shared ones through lawcheck.views.wording), in the
report's language; the page's own headings and labels are the template's (lawcheck.views.html).
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from itertools import combinations

import markupsafe

from lawcheck import __version__
from lawcheck.statute import model as m
from lawcheck.engine.compare import Divergence
from lawcheck.engine.evaluate import ElementResult, InstrumentResult
from lawcheck.engine.run import RunResult, ScenarioResult
from lawcheck.scenarios import Facts
from lawcheck.views.catalogue import SOURCE_LANGUAGE, say, table
from lawcheck.views.summaryview import Said as WordsView, reading_order
from lawcheck.views.summaryview import words as _words
from lawcheck.views.wording import Wording

# Causes of divergence, in the order the report shows them, with their English headings
# (the report words them in its own language: catalogue contexts "cause" and "cause-name").
CAUSES = tuple((cause, say("cause", cause)) for cause in (
    "child age", "means", "transfer", "act", "purpose", "consent", "exception", "reference"))
# The alignment table's legend, in this order.
ALIGN_LEGEND = ("present", "narrower", "broader", "open", "absent", "not_required")
# Element category -> anchor of its row group in the alignment table.
CATEGORY_ANCHOR = {"child age": "align-age", "act": "align-act", "means": "align-means",
                   "purpose": "align-purpose", "transfer": "align-transfer",
                   "exception": "align-exception", "reference": "align-reference"}


# ------------------------------------------------------------------------------------ objects

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
    in_force: bool       # on the report's date (a column not in force is hidden until asked)
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
    """One element of a limb in a scenario cell: its line in the page's data (`MatrixData`),
    "✓ act (Art. 3(a))" for an element satisfied (or not required), listed with the others on
    one line, or the element and the fact that decided it, on a line of its own."""
    ok: bool             # satisfied, or not required
    line: int

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
    text: str                      # the whole reason, where it names no open point
    point: OpenPointView | None = None
    citation: str = ""             # with a point: worded "open point N (...): ..."
    detail: str = ""


@dataclass(frozen=True)
class Cell:
    """A scenario's verdict under one instrument. The page shows the verdict; its reasoning (the
    deciding limb, each element, why it is uncertain, notes, other limbs, penalty, expected
    verdict) is in the page's data, rendered by report.js when the cell is opened."""
    instrument: str
    verdict: str
    symbol: str
    word: str
    expected: str                  # expected verdict in words, or ""
    mismatch: bool
    not_in_force: bool             # shown as "– not in force" (its verdict as written: JSON)
    reasoning: int = -1            # its reasoning in the page's data (MatrixData); -1: none
    column: str = ""               # "col-nif": the instrument is not in force on the report's
                                   # date, its column hidden until asked


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
    cells: tuple[Cell, ...]
    diverges: bool
    pairs: str                     # "a|b c|d": the pairs whose verdicts diverge (for the filter)
    mismatch: bool
    css: str                       # "diverges mismatch", "diverges", ...
    reasoning: int                 # its source, facts and divergences, in the page's data


class MatrixData:
    """What the matrix's cells and row heads say when opened, written into the page once, as
    JSON, for report.js to render on demand (a page of 1,000 scenarios would otherwise hold
    100,000 elements). Many cells of a large suite say the same thing word for word: each
    distinct line, and each distinct reasoning, is stored once.

    A line is a list of runs of text: a string, (tag, text) for a word in bold ("b", "strong"),
    ("a", text, "#anchor") for a link within the page; report.js writes them as text, never as
    markup. A reasoning is a list of blocks, (tag, class, line, ...): a paragraph ("p") holding
    its lines one after the other, or a list ("ul"), a line an item. Items listed in a
    paragraph are parted by the line `between` (" · "), so that the paragraph is one text.
    Opened, a cell is a few elements: "Expand all" on 1,000 scenarios writes 7,000 of them."""

    def __init__(self):
        self.lines: dict[tuple, int] = {}
        self.reasonings: dict[tuple, int] = {}
        self.between = self.line(" · ")

    def listed(self, lines) -> tuple[int, ...]:
        """Lines to show in one paragraph, `between` between them."""
        out: list[int] = []
        for n in lines:
            if out:
                out.append(self.between)
            out.append(n)
        return tuple(out)

    def line(self, *runs) -> int:
        """A line's number, its runs merged where two strings meet and empty ones left out."""
        merged: list = []
        for run in runs:
            if isinstance(run, str):
                if not run:
                    continue
                if merged and isinstance(merged[-1], str):
                    merged[-1] += run
                    continue
            merged.append(run)
        key = tuple(merged)
        n = self.lines.get(key)
        if n is None:
            n = self.lines[key] = len(self.lines)
        return n

    def reasoning(self, blocks: tuple) -> int:
        n = self.reasonings.get(blocks)
        if n is None:
            n = self.reasonings[blocks] = len(self.reasonings)
        return n

    def json(self) -> markupsafe.Markup:
        """The data as JSON that cannot end its <script> element: "<" (so "</script>" and
        "<!--"), ">" and "&" are written as escapes, as are the line separators."""
        text = json.dumps({"lines": list(self.lines), "reasonings": list(self.reasonings)},
                          ensure_ascii=False, separators=(",", ":"))
        for char in "<>&\u2028\u2029":
            text = text.replace(char, f"\\u{ord(char):04x}")
        return markupsafe.Markup(text)


@dataclass(frozen=True)
class CauseItem:
    """One scenario in a cause group: the pairs of instruments that diverge on that cause, and
    a one-line explanation (that of the first pair; `lawcheck explain` gives every pair's)."""
    scenario: str
    anchor: str
    pairs: tuple[str, ...]     # "Palermo Art. 3 and Art. 150", with " (same verdict)" for a rule
    explanation: str
    pair_ids: str = ""         # "palermo|vn-cc-150 ...": the pairs, for the pair chooser
    unverified: bool = False   # the explanation rests on a text marked unverified


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
    lang: str = SOURCE_LANGUAGE    # the language of its words (the page's lang attribute)
    legend: tuple[str, ...] = ()   # the alignment table's symbols: "● present", ...
    verdict_legend: tuple[str, ...] = ()   # the matrix's symbols: "✓ met", ...
    matrix_data: str = ""          # what the matrix's cells say when opened (MatrixData.json)
    summary: object = None         # lawcheck.views.summaryview.SummaryView, or None
    statute_set: str = ""          # which statutes: bundled with lawcheck X, or a folder
    unverified_names: tuple[str, ...] = ()   # in force on the date
    # instruments quoting words the bundled statutes do not quote so (user-supplied)
    supplied_names: tuple[str, ...] = ()
    dated: str = ""                # "the law in force on 2026-12-05", for the title block
    # the languages the page can switch between in place: (code, its own name)
    languages: tuple[tuple[str, str], ...] = ()
    other_languages: str = ""      # the page in those languages (lawcheck.views.html)
    no_summary: str = ""           # why there is none
    amendment: object = None       # lawcheck.views.amendview.AmendView (report --proposal)


# A page with more rows than this opens slowly or not at all in a browser; a larger suite is
# summarised: the scenarios that fail an expectation, then those that diverge, then the rest,
# up to this many, with the counts over every scenario (docs/report.md).
MAX_ROWS = 5000
# Up to this many scenarios the page holds every language it has a catalogue for, and switches
# between them in place; a larger page holds one (`lawcheck report --lang`).
SWITCH_MAX_ROWS = 300


def _shown(result: RunResult, w: Wording) -> tuple[tuple, str, tuple]:
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
            key = _pair(pair)
            counts[key] = counts.get(key, 0) + 1
    notice = w.say("report", "notice", total=_number(len(scenarios)),
                   shown=_number(len(shown)), failing=_number(len(failing)),
                   diverging=_number(len(diverging)), command="lawcheck run --format jsonl")
    return shown, notice, tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# ------------------------------------------------------------------------------------ building

_NOT_GIVEN = object()


def build(result: RunResult, lang: str = SOURCE_LANGUAGE, source=None,
          found=_NOT_GIVEN) -> Report:
    """The report's view model; `source`: the folder the statutes were read from (None: the
    statutes bundled with lawcheck)."""
    statutes = result.statutes
    from lawcheck.engine.conformity import reference_of
    reference = reference_of(statutes, result.as_of)
    insts = reading_order(statutes, result.as_of, reference.id if reference else None)
    writing = _Writing(statutes, lang)
    writing.order = tuple(i.id for i in insts)
    writing.hidden = frozenset(i.id for i in insts if not i.in_force_on(result.as_of))
    w = writing.w
    points = writing.points
    shown, notice, pair_counts = _shown(result, w)
    rows = tuple(_row(s, statutes, writing) for s in shown)
    causes, complemented = _causes(RunResult(statutes, result.suites, shown, result.as_of)
                                   if notice else result, w, reference.id if reference else None)
    mismatches = result.mismatch_count
    from lawcheck.engine.conformity import conformity
    from lawcheck.views import summaryview
    if found is _NOT_GIVEN:        # the conformity of the run, if the caller has it already
        found = conformity(result)
    summary = summaryview.build(found, statutes, w, points, {r.id: r.anchor for r in rows}) \
        if found else None
    return Report(
        version=__version__,
        as_of=(w.say("report", "as-of", date=result.as_of.isoformat()) if result.as_of else
               w.say("report", "as-of-none")),
        scenario_count=len(result.scenarios),
        divergent_count=sum(1 for s in result.scenarios if s.diverges),
        expectation_count=result.expectation_count,
        mismatch_count=mismatches,
        expectations=(w.say("report", "expectations-hold") if not mismatches else
                      w.say("report", "expectations-fail-one", n=mismatches) if mismatches == 1
                      else w.say("report", "expectations-fail-other", n=mismatches)),
        columns=len(insts) + 1,
        suites=tuple(w.say("report", "suite", suite=s.suite, file=s.file)
                     for s in result.suites),
        instruments=tuple(_instrument(i, w, result.as_of) for i in insts),
        alignment=alignment(statutes, w, insts),
        open_points=tuple(points.values()),
        rows=rows,
        penalties=tuple(_penalty_row(i, w) for i in insts),
        causes=causes,
        complemented=complemented,
        pairs=_pairs(insts, reference, summary, w),
        notice=notice,
        pair_counts=pair_counts,
        lang=lang,
        legend=tuple(_legend(writing, status) for status in ALIGN_LEGEND),
        verdict_legend=tuple(w.say("report-cell", "legend", symbol=writing.verdict_symbol[v],
                                   word=writing.verdict_word[v])
                             for v in ("met", "not_met", "uncertain")),
        matrix_data=writing.data.json(),
        summary=summary,
        statute_set=_statute_set(statutes, source, w),
        unverified_names=tuple(i.short_in(lang) for i in insts if i.unverified
                               and i.in_force_on(result.as_of)),
        supplied_names=tuple(i.short_in(lang) for i in insts if i.supplied),
        dated=(w.say("report", "law-on", date=result.as_of.isoformat()) if result.as_of
               else w.say("report", "law-as-written")),
        no_summary="" if summary else w.say("summary", "no-reference"),
    )


def _statute_set(statutes: m.StatuteSet, source, w: Wording) -> str:
    """Which statutes the page used: bundled with lawcheck X.Y, or a folder; with the digest
    of their files, so that a page made from edited statutes cannot pass for the bundled law."""
    p = statutes.provenance
    bundled = p.bundled if p is not None else source is None
    folder = p.folder if p is not None else str(source)
    text = (w.say("report", "statutes-bundled", version=__version__) if bundled
            else w.say("report", "statutes-from", folder=folder))
    return w.say("report", "statutes-digest", statutes=text, digest=p.digest) if p else text


def _pairs(insts, reference, summary, w: Wording) -> tuple[Pair, ...]:
    """The pairs a reader may choose: the reference with each domestic definition in force
    first (the summary's), then every other pair, in the columns' order."""
    first = [tuple(c.pair.split(",")) for c in summary.comparisons] if summary else []
    rest = [(a.id, b.id) for a, b in combinations(insts, 2) if (a.id, b.id) not in first]
    short = {i.id: i.short_in(w.lang) for i in insts}
    return tuple(Pair(f"{a}|{b}", w.say("report", "pair", a=short[a], b=short[b], a_id=a, b_id=b))
                 for a, b in first + rest)


def _legend(writing: _Writing, status: str) -> str:
    """An entry of the alignment table's legend: "● present"."""
    p = dict(symbol=writing.align_symbol[status], word=writing.align_word[status])
    if status == "not_required":
        return writing.w.say("report-alignment", "legend-not-required", **p)
    return writing.w.say("report-alignment", "legend", **p)


def _number(n: int) -> str:
    """A count in a sentence, its thousands separated: "6,000"."""
    return f"{n:,}"


def _pair(between: tuple[str, str]) -> str:
    """Two instruments' ids, as the report names a pair: "palermo / vn-cc-150"."""
    return f"{between[0]} / {between[1]}"


def _pair_of(d: Divergence, w: Wording) -> str:
    """The pair a divergence is between, by the instruments' short names, marked where the
    verdicts agree (a rule decides)."""
    a, b = (w.statutes.instrument(i) for i in d.between)
    pair = w.say("report", "pair", a=a.short_in(w.lang), b=b.short_in(w.lang), a_id=a.id,
                 b_id=b.id)
    return w.say("report", "same-verdict", pair=pair) if d.kind == "rule" else pair


def _instrument(inst: m.Instrument, w: Wording, as_of=None) -> InstrumentView:
    def said(text):
        return inst.text_in(text, w.lang) if text else ""
    texts = tuple(Quote(t.citation, _words(t.words, w)) for p in inst.provisions for t in p.texts)
    dated = tuple(w.say("report", "not-encoded", start=g.start.isoformat(),
                        end=g.end.isoformat(), text=said(g.text)) for g in inst.not_encoded)
    if inst.bound:
        dated += (w.say("report", "binds", party=said(inst.bound.party),
                        since=inst.bound.since.isoformat(), source=said(inst.bound.source)),)
    from lawcheck.views.text import period
    return InstrumentView(inst.id, inst.in_force_on(as_of), inst.short_in(w.lang),
                          inst.title_in(w.lang), said(inst.citation),
                          period(inst.in_force_from, inst.in_force_to, w.lang),
                          w.say("confidence", inst.confidence), inst.unverified,
                          said(inst.source),
                          said(inst.english), dated + tuple(said(n) for n in inst.notes), texts)


def _penalty_row(inst: m.Instrument, w: Wording) -> PenaltyRow:
    clauses = tuple(PenaltyClause(
        p.citation, w.sentence(p),
        tuple(w.cited(a) for a in p.aggravations),
        (Quote(p.citation, _words(p.words, w)),) if p.words else ())
        for prov in inst.provisions for p in prov.penalties)
    return PenaltyRow(inst.id, inst.short_in(w.lang), clauses)


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


def _cell(w: Wording, inst: m.Instrument, status: str, summary: str, quotes: tuple[Quote, ...],
          key: str = "") -> AlignCell:
    from dataclasses import replace
    quotes = tuple(replace(q, question=w.statutes.text_in(q.question, w.lang) or "",
                           note=w.statutes.text_in(q.note, w.lang) or "") for q in quotes)
    unverified = inst.confidence == "unverified" or any(x.unverified for q in quotes
                                                          for x in q.words)
    return AlignCell(inst.id, status, w.say("alignment", status),
                     w.say("alignment-symbol", status), summary, quotes, unverified,
                     f"{status}:{key}")


def _set_citations(inst: m.Instrument, kind: str) -> str:
    return "; ".join(dict.fromkeys(e.citation for _, lb in _limbs(inst) for e in lb.elements
                                   if isinstance(e, m.SetElement) and e.kind == kind))


def _standin(w: Wording, inst, limbs: list[m.Limb], what: str) -> AlignCell:
    """A cell whose only support is a limb standing in for an unresolved cross-reference
    (`what`: "listed", a term; "required", an element)."""
    questions = tuple(dict.fromkeys(q for q in map(_unresolved, limbs) if q))
    where = ", ".join(dict.fromkeys(lb.citation for lb in limbs))
    summary = (w.say("report-alignment", "standin-listed", where=where) if what == "listed"
               else w.say("report-alignment", "standin-required", where=where))
    return _cell(w, inst, "open", summary, tuple(Quote(lb.citation, (), question=q)
                                                 for lb, q in zip(limbs, questions)),
                 f"standin:{what}")


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


def _term_cell(w: Wording, inst: m.Instrument, kind: str, term: str, handover_acts: frozenset,
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
            return _standin(w, inst, standins, "listed")
        through, unresolved = _through_reference(inst, kind, term, statutes)
        if through:
            quals = [e.qualifier for _, _, e in through]
            status = ("present" if None in quals else "narrower" if "narrower" in quals
                      else "broader" if "broader" in quals else "open")
            summary = "; ".join(dict.fromkeys(
                w.say("report-alignment", "through", limb=lb.citation, instrument=t.short_in(w.lang),
                      citation=e.citation) for lb, t, e in through))
            quotes = tuple(Quote(e.citation, _words(e.words, w), where=f"{t.short_in(w.lang)}, {lb.citation}",
                                 question=e.qualifier_text or "") for lb, t, e in through)
            return _cell(w, inst, status, summary, quotes, f"through:{status}")
        if unresolved:
            return _standin(w, inst, unresolved, "listed")
        if kind == "means" and not _set_citations(inst, "means"):
            return _cell(w, inst, "not_required",
                         w.say("report-alignment", "no-means", instrument=inst.short_in(w.lang)), ())
        return _cell(w, inst, "absent", w.say("report-alignment", "not-listed",
                                              citations=_set_citations(inst, kind)), ())
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
        status, key = "narrower", "handover-only"
        cites = w.say("report-alignment", "handover-only", citations=cites)
    quotes = tuple(Quote(e.citation, _words(e.words, w),
                         where=", ".join(dict.fromkeys(lb.citation for lb in lbs)),
                         question=e.qualifier_text or "") for e, lbs in found.values())
    return _cell(w, inst, status, cites, quotes, key)


def _element_cell(w: Wording, inst: m.Instrument, types: tuple[type, ...],
                  describe) -> AlignCell | None:
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
        return _standin(w, inst, standins, "required") if standins else None
    quotes = tuple(Quote(el.citation, _words(el.words, w), where=", ".join(dict.fromkeys(limbs)),
                         note=el.note or "") for el, limbs in found.values())
    by_substance: dict[str, list[str]] = {}
    for el, _ in found.values():
        by_substance.setdefault(describe(el), []).append(el.citation)
    summary = "; ".join(w.say("report-alignment", "cited", what=what,
                              citations="; ".join(dict.fromkeys(cites)))
                        for what, cites in by_substance.items())
    status = ("open" if any(getattr(el, "unresolved", None) for el, _ in found.values())
              else "present")
    if status == "open":
        quotes = tuple(Quote(q.citation, q.words, q.where, question=el.unresolved, note=q.note)
                       for q, (el, _) in zip(quotes, found.values()))
    settled = [lb.citation for _, lb in _limbs(inst) if not _unresolved(lb)]
    lacking = [c for c in settled if not any(c in limbs for _, limbs in found.values())]
    if lacking and status == "present":
        summary = w.say("report-alignment", "not-in", summary=summary, limbs=", ".join(lacking))
    key = "; ".join(sorted({describe(el) for el, _ in found.values()}))
    return _cell(w, inst, status, summary, quotes, key)


def _victim(w: Wording, el: m.AgeElement) -> str:
    """ "victim under 16": an age line, as the alignment table names it."""
    return w.say("age", "victim", line=w.age_line(el.op, el.years))


def _age_cell(w: Wording, inst):
    return (_element_cell(w, inst, (m.AgeElement,), lambda el: _victim(w, el))
            or _cell(w, inst, "absent", w.say("report-alignment", "no-age"), ()))


def _means_required_cell(w: Wording, inst):
    with_means, without = [], []
    for _, lb in _limbs(inst):
        if _unresolved(lb):
            continue
        (without if any(isinstance(e, m.NoMeansElement) for e in lb.elements)
         else with_means).append(lb)
    means_words = tuple(Quote(e.citation, _words(e.words, w)) for _, lb in _limbs(inst)
                        for e in lb.elements if isinstance(e, m.SetElement) and e.kind == "means"
                        and e.words)
    if not without:
        return _cell(w, inst, "present", w.say("report-alignment", "means-every-limb",
                                               citations=_set_citations(inst, "means")),
                     means_words, "every-limb")
    free = _element_cell(w, inst, (m.NoMeansElement,),
                         lambda el: w.say("report-alignment", "no-means-needed"))
    ages = sorted({_victim(w, e) for lb in without for e in lb.elements
                   if isinstance(e, m.AgeElement)})
    key = "; ".join(ages)
    if not with_means:
        summary = (w.say("report-alignment", "means-no-limb-ages", ages=", ".join(ages)) if ages
                   else w.say("report-alignment", "means-no-limb"))
        return _cell(w, inst, "not_required", summary, free.quotes, key)
    where = ", ".join(dict.fromkeys(lb.citation for lb in without))
    summary = (w.say("report-alignment", "means-except-ages", where=where, ages=", ".join(ages))
               if ages else w.say("report-alignment", "means-except", where=where))
    return _cell(w, inst, "present", summary, free.quotes, key)


def _transfer_cell(w: Wording, inst):
    return (_element_cell(w, inst, (m.HandoverElement,),
                          lambda el: w.say("report-alignment", "handover"))
            or _cell(w, inst, "absent", w.say("report-alignment", "no-handover"), ()))


def _exception_cell(w: Wording, inst):
    # the exception named by its fact (lawcheck.statute.model.EXCEPTION_FLAGS)
    return (_element_cell(w, inst, (m.ExceptElement,),
                          lambda el: w.say("report-except", el.flag))
            or _cell(w, inst, "absent", w.say("report-alignment", "no-exception"), ()))


def _refers(w: Wording, el: m.RefersElement) -> str:
    """ "refers to vn-cc-150 (from 2025-07-01 possibly ...)", marked where unresolved."""
    targets = ", ".join(r.key for r in el.refs)
    text = (w.say("report-alignment", "refers-successors", targets=targets,
                  since=el.successors.since.isoformat(),
                  successors=", ".join(r.key for r in el.successors.targets))
            if el.successors else w.say("report-alignment", "refers", targets=targets))
    return w.say("report-alignment", "unresolved", refers=text) if el.unresolved else text


def _reference_cell(w: Wording, inst):
    return (_element_cell(w, inst, (m.RefersElement,), lambda el: _refers(w, el))
            or _cell(w, inst, "absent", w.say("report-alignment", "no-reference"), ()))


def _consent_cell(w: Wording, inst):
    rules = [r for p in inst.provisions for r in p.consent_rules]
    if not rules:
        return _cell(w, inst, "absent", w.say("report-alignment", "no-consent-rule"), ())
    quotes = tuple(Quote(r.citation, _words(r.words, w)) for r in rules)
    return _cell(w, inst, "present", w.say("report-alignment", "consent-irrelevant",
                                           citations="; ".join(r.citation for r in rules)),
                 quotes)


def _scope_cell(w: Wording, inst):
    scopes = [s for p in inst.provisions for s in p.scopes]
    if not scopes:
        return _cell(w, inst, "absent", w.say("report-alignment", "no-scope"), ())
    quotes = tuple(Quote(s.citation, _words(s.words, w), note=s.note or "") for s in scopes)
    if not any(s.conditions for s in scopes):       # `scope unconditional`
        return _cell(w, inst, "present", w.say("report-alignment", "scope-unconditional",
                                               citations="; ".join(s.citation for s in scopes)),
                     quotes, "unconditional")
    said = "; ".join(w.say("report-alignment", "scope-conditions", citation=s.citation,
                           conditions=w.say("report-alignment", "and").join(
                               w.say("scope-condition", c) for c in s.conditions))
                     for s in scopes if s.conditions)
    key = "; ".join(sorted({"+".join(s.conditions) for s in scopes if s.conditions}))
    return _cell(w, inst, "present", w.say("report-alignment", "scope", scopes=said), quotes,
                 key)


def _align_row(anchor_: str, label: str, cells) -> AlignRow:
    """A row of the alignment table; it `differs` when the instruments do not all say the same
    thing (for the child line, also when they draw it at different ages)."""
    cells = tuple(cells)
    keys = {c.key for c in cells if c.status != "not_required"}
    return AlignRow(anchor_, label, cells, len(keys) > 1)


def alignment(statutes: m.StatuteSet, w: Wording | None = None,
              insts: tuple[m.Instrument, ...] | None = None) -> tuple[AlignGroup, ...]:
    """The alignment table: a row per element or term, a cell per instrument (in the order
    given, default the statute files')."""
    w = w or Wording.of(statutes)
    insts = insts or statutes.instruments
    vocab = statutes.vocabulary

    def terms(kind, title, extra=()):
        rows = list(extra)
        rows += [_align_row(anchor("align", kind, t.name), t.label_in(w.lang),
                            (_term_cell(w, i, kind, t.name, vocab.handover_acts, statutes)
                             for i in insts))
                 for t in vocab.terms if t.kind == kind]
        return AlignGroup(f"align-{kind}", title, tuple(rows))

    means_required = _align_row("align-means-required",
                                w.say("report-alignment", "row-means-required"),
                                (_means_required_cell(w, i) for i in insts))
    rows = [_align_row(a, label, (cell(w, i) for i in insts)) for a, label, cell in (
        ("align-age", w.say("report-alignment", "row-age"), _age_cell),
        ("align-transfer", w.say("report-alignment", "row-transfer"), _transfer_cell),
        ("align-consent", w.say("report-alignment", "row-consent"), _consent_cell),
        ("align-exception", w.say("report-alignment", "row-exception"), _exception_cell),
        ("align-scope", w.say("report-alignment", "row-scope"), _scope_cell),
        ("align-reference", w.say("report-alignment", "row-reference"), _reference_cell))]
    # the decisive rows first: who is a child, whether a means is needed, a transfer, consent
    rows.insert(1, means_required)
    rules = AlignGroup("align-rules", w.say("report-alignment", "group-rules"), tuple(rows))
    return (
        rules,
        terms("act", w.say("report-alignment", "group-act")),
        terms("means", w.say("report-alignment", "group-means")),
        terms("purpose", w.say("report-alignment", "group-purpose")),
    )


# ------------------------------------------------------------------------------ scenario rows

def _facts(f: Facts, writing: _Writing) -> tuple[int, ...]:
    """The scenario's facts, each "name: value", as lines of the page's data (the row shows
    them one after another); each distinct one worded once."""
    w = writing.w
    lo, hi = f.age_range
    yes_no = w.yes_no
    said = (
        ("age", (("value", "unknown" if f.victim_age == "unknown" else (lo, hi)),)),
        ("acts", (("value", f.acts),)),
        ("means", (("value", f.means),)),
        ("purposes", (("value", f.purposes),)),
        ("handover", (("value", f.handover),)),
        ("consent", (("movement", f.consent.movement),
                     ("exploitation", f.consent.exploitation))),
        ("border", (("value", f.border),)),
        ("organized_criminal_group", (("value", f.organized_criminal_group),)),
        ("humanitarian_purpose", (("value", f.humanitarian_purpose),)),
        ("exploitation_occurred", (("value", f.exploitation_occurred),)),
    ) + ((("date", (("value", f.date),)),) if f.date else ())
    out = []
    for key in said:
        line = writing.fact_lines.get(key)
        if line is None:
            msgid, params = key
            value = dict(params).get("value")
            if msgid == "age":
                value = (w.say("age", "unknown") if value == "unknown" else
                         w.say("age", "exact", age=lo) if lo == hi else
                         w.say("ages", "range", low=lo, high=hi))
                text = w.say("report-facts", "age", value=value)
            elif msgid in ("acts", "means", "purposes"):
                text = w.say("report-facts", msgid, value=w.terms(value))
            elif msgid == "consent":
                text = w.say("report-facts", "consent", movement=yes_no(f.consent.movement),
                             exploitation=yes_no(f.consent.exploitation))
            elif msgid == "border":
                text = w.say("report-facts", "border", value=w.vocabulary.border_label(value, w.lang))
            elif msgid == "date":
                text = w.say("report-facts", "date", value=value.isoformat())
            else:
                text = w.say("report-facts", msgid, value=yes_no(value))
            line = writing.fact_lines[key] = writing.data.line(text)
        out.append(line)
    return tuple(out)


class _Writing:
    """What the rows share while the report is built: the open points, the wording (in the
    report's language) and its tables, the page's data (`MatrixData`), and each distinct piece
    of a cell's reasoning (an element trace, a reason, a note, a penalty, a fact), worded once:
    traces, reasons and notes are values."""

    def __init__(self, statutes: m.StatuteSet, lang: str = SOURCE_LANGUAGE):
        self.w = Wording.of(statutes, lang)
        self.points = open_points(statutes, self.w)
        self.verdict_symbol = table("verdict-symbol", lang)
        self.verdict_word = table("verdict", lang)
        self.status_symbol = table("status-symbol", lang)
        self.status_word = table("status", lang)
        self.align_symbol = table("alignment-symbol", lang)
        self.align_word = table("alignment", lang)
        self.data = MatrixData()
        self._lines: dict[tuple, ElementLine] = {}
        self._limbs: dict[int, tuple] = {}      # id(limb trace) -> (trace, its lines)
        self.wheres: dict[tuple[str, str], int] = {}     # (verdict, limb) -> "under Art. 3(a)"
        self.reasons: dict = {}            # Reason -> its line
        self.notes: dict = {}              # Note -> its line
        self.penalties: dict = {}          # (verdict, bracket, grounds, ...) -> line or -1
        self.others: dict = {}             # ((citation, status), ...) -> "Other limbs: ..."
        self.fact_lines: dict = {}         # (fact, value) -> its line
        self.divergences: dict = {}        # (element, anchor, n) -> its line
        self.why_uncertain = self.w.say("report-page", "why-uncertain")
        self.other_limbs = self.w.say("report-page", "other-limbs")
        self.order: tuple[str, ...] = statutes.ids       # the columns' instruments, in order
        # instruments not in force on the report's date: their columns hidden until asked
        self.hidden: frozenset[str] = frozenset()

    def element(self, e: ElementResult) -> ElementLine:
        """An element trace's line, worded once for what decides it (its status, kind,
        citation, the facts it found and what it asks; not its quoted words, which the line
        does not show)."""
        key = (e.status, e.type, e.category, e.citation, e.found, e.asks)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = _element(e, self)
        return line

    def limb(self, limb) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The lines of a limb's elements: those satisfied (or not required), the others.
        Results share their limb traces (the engine keeps them), so the same trace comes back
        in many cells: it is looked up by identity, without hashing its contents; the trace is
        kept with its entry, so that its identity cannot pass to another."""
        hit = self._limbs.get(id(limb))
        if hit is None or hit[0] is not limb:
            lines = [self.element(e) for e in limb.elements]
            hit = self._limbs[id(limb)] = (limb, tuple(x.line for x in lines if x.ok),
                                           tuple(x.line for x in lines if not x.ok))
        return hit[1], hit[2]


def _element(e: ElementResult, writing: _Writing) -> ElementLine:
    """The line for an element trace: a satisfied one as a label, "✓ act (Art. 3(a))"; another
    with the fact that decided it and what the element requires. What a set element lists is in
    the alignment table (the citation links there); what a satisfied element matched is in the
    row's facts."""
    w = writing.w
    name = w.element_name(e)
    symbol = writing.status_symbol[e.status]
    if e.status in ("satisfied", "not_required"):
        return ElementLine(True, writing.data.line(
            w.say("report-cell", "element", symbol=symbol, name=name, citation=e.citation)))
    requirement = (w.say("report-cell", "requires", requirement=w.requirement(e))
                   if e.status == "not_satisfied" and e.type not in ("act", "means", "purpose")
                   else "")
    fact = w.value(e)
    return ElementLine(False, writing.data.line(
        f"{symbol} ", ("b", name), " ",
        ("a", e.citation, "#" + CATEGORY_ANCHOR.get(e.category, "align-rules")),
        f": {fact}" if fact else "", f" ({writing.status_word[e.status]})",
        f"; {requirement}" if requirement else ""))


def _penalty_text(r: InstrumentResult, w: Wording) -> str:
    p = r.penalty
    if p is None:
        return ""
    sentence = w.sentence(p.bracket)
    bracket = (w.say("report-cell", "bracket-grounds", clause=p.clause, sentence=sentence,
                     grounds="; ".join(w.grounds(p))) if p.grounds else
               w.say("report-cell", "bracket", clause=p.clause, sentence=sentence))
    text = (w.say("report-cell", "penalty-if-met", bracket=bracket) if r.verdict == "uncertain"
            else w.say("report-cell", "penalty", bracket=bracket))
    if p.possible:
        text = w.say("report-cell", "penalty-could-be", penalty=text,
                     possible="; ".join(w.possible(p)))
    return text


def _where(r: InstrumentResult, writing: _Writing) -> int:
    key = (r.verdict, r.limb.citation)
    where = writing.wheres.get(key)
    if where is None:
        where = writing.wheres[key] = writing.data.line(
            writing.w.say("verdict-where", r.verdict, citation=r.limb.citation))
    return where


def open_points(statutes: m.StatuteSet, w: Wording | None = None) -> dict[str, OpenPointView]:
    """Every open point of law in the statute set, numbered in instrument order, with the
    element it bears on in words."""
    from lawcheck.engine.evaluate import numbered_open_points

    w = w or Wording.of(statutes)
    return {q: OpenPointView(n, f"open-{n}", statutes.text_in(q, w.lang), where,
                             w.say("cause-name", category))
            for q, (n, where, category) in numbered_open_points(statutes).items()}


def _reason(x, writing: _Writing) -> ReasonView:
    point = writing.points.get(x.variable) if x.kind == "open_law" else None
    if point is None:
        return ReasonView(writing.w.reason(x))
    return ReasonView("", point, x.citation, writing.w.detail(x))


def _reason_line(x, writing: _Writing) -> int:
    """ "Why uncertain: ...", an open point of law linked to its entry in the list."""
    line = writing.reasons.get(x)
    if line is None:
        v = _reason(x, writing)
        w = writing.w
        if v.point is None:
            runs = (v.text,)
        else:
            point = ("a", w.say("open-point", "ref", number=v.point.number), "#" + v.point.anchor)
            runs = _filled(w.say("report-page", "reason-point"), point=point,
                           citation=v.citation, detail=v.detail)
        line = writing.reasons[x] = writing.data.line(writing.why_uncertain, " ", *runs)
    return line


def _filled(message: str, **params) -> tuple:
    """A catalogue message as runs, its parameters filled in: a string, or a run of its own (a
    link, a bold word) that report.js writes as an element."""
    runs: list = []
    for literal, field, _, _ in string.Formatter().parse(message):
        runs.append(literal)
        if field is not None:
            runs.append(params[field])
    return tuple(runs)


def _note_line(n, writing: _Writing) -> int:
    line = writing.notes.get(n)
    if line is None:
        w = writing.w
        line = writing.notes[n] = writing.data.line(
            w.note_brief(n) or w.say("report-cell", "note-cited", note=w.note(n),
                                     citation=n.citation))
    return line


def _penalty_line(r: InstrumentResult, writing: _Writing) -> int:
    """The penalty's line, or -1: worded once for the verdict and the statute's clauses and
    circumstances it names (objects of the statute set, looked up by identity)."""
    p = r.penalty
    key = (r.verdict, id(p.bracket), tuple(map(id, p.grounds)),
           tuple((id(b), tuple(map(id, why))) for b, why in p.possible))
    line = writing.penalties.get(key)
    if line is None:
        text = _penalty_text(r, writing.w)
        line = writing.penalties[key] = writing.data.line(text) if text else -1
    return line


def _reasoning(r: InstrumentResult, exp, writing: _Writing) -> int:
    """A cell's reasoning, in the page's data: the deciding limb, its elements (satisfied ones
    on one line), why it is uncertain, the notes (scope is not an element: the alignment table
    shows it; an instrument-wide note needs no citation), the other limbs, the penalty and the
    expected verdict."""
    data = writing.data
    blocks: list[tuple] = [("p", "", _where(r, writing))]
    passed, issues = writing.limb(r.limb)
    if passed:
        blocks.append(("p", "ok", *data.listed(passed)))
    if issues:
        blocks.append(("ul", "", *issues))
    blocks += [("p", "reason", _reason_line(x, writing)) for x in r.reasons]
    blocks += [("p", "note", _note_line(n, writing)) for n in r.notes if n.rule != "scope"]
    if r.verdict != "met":
        others = tuple((t.citation, t.status) for t in r.limbs if t is not r.limb)
        if others:
            line = writing.others.get(others)
            if line is None:
                line = writing.others[others] = data.line(
                    writing.other_limbs, " ", ", ".join(
                        f"{c} {writing.verdict_symbol[status]}" for c, status in others))
            blocks.append(("p", "others", line))
    penalty = _penalty_line(r, writing) if r.penalty is not None else -1
    if penalty >= 0:
        blocks.append(("p", "penalty", penalty))
    if exp:
        w = writing.w
        expected = writing.verdict_word[exp.verdict]
        blocks.append(("p", "expected", data.line(
            w.say("report-cell", "expected-holds", verdict=expected, reason=exp.reason)
            if exp.verdict == r.verdict else
            w.say("report-cell", "expected-fails", verdict=expected, reason=exp.reason))))
    return data.reasoning(tuple(blocks))


def _result_cell(inst_id: str, s: ScenarioResult, writing: _Writing) -> Cell:
    """A cell: the verdict, and for an instrument in force, its reasoning. An instrument not in
    force on the scenario's date is neither compared nor traced: its cell says so."""
    r = s.results[inst_id]
    verdict = r.verdict
    column = "col-nif" if inst_id in writing.hidden else ""
    if inst_id not in s.in_force:
        return Cell(inst_id, verdict, writing.verdict_symbol[verdict],
                    writing.verdict_word[verdict], "", False, True, column=column)
    exp = s.scenario.expect.get(inst_id)
    exp = exp.at(s.when) if exp else None
    full = getattr(r, "full", r)        # the trace (a lazy result builds it once)
    return Cell(
        instrument=inst_id, verdict=verdict, symbol=writing.verdict_symbol[verdict],
        word=writing.verdict_word[verdict],
        expected=writing.verdict_word[exp.verdict] if exp else "",
        mismatch=any(x.instrument == inst_id for x in s.mismatches),
        not_in_force=False,
        reasoning=_reasoning(full, exp, writing),
        column=column,
    )


def _divergence_refs(ds, w: Wording) -> tuple[DivergenceRef, ...]:
    by_element: dict[str, list[str]] = {}
    for d in ds:
        if d.kind != "complemented":
            by_element.setdefault(d.element, []).append(_pair_of(d, w))
    return tuple(DivergenceRef(w.say("cause-name", e), tuple(p), anchor("cause", e))
                 for e, p in by_element.items())


def _row_reasoning(s: ScenarioResult, writing: _Writing) -> int:
    """What the scenario's own cell shows when opened: where it is written, its facts, and its
    divergences by cause (each linked to its group in section 4)."""
    sc = s.scenario
    w = writing.w
    data = writing.data
    blocks: list[tuple] = [
        ("p", "src", data.line(f"{sc.suite} · " + w.say("report", "line", line=sc.span.line))),
        ("p", "facts", *data.listed(_facts(sc.facts, writing)))]
    refs = _divergence_refs(s.divergences, w)
    if refs:
        head = writing.divergences.get(None)
        if head is None:
            head = writing.divergences[None] = data.line(*_filled(
                w.say("report-page", "row-divergences"),
                divergences=("strong", w.say("report-page", "divergences"))))
        items = []
        for d in refs:
            key = (d.element, d.anchor, len(d.pairs))
            line = writing.divergences.get(key)
            if line is None:
                line = writing.divergences[key] = data.line(
                    ("a", d.element, "#" + d.anchor), f" ({len(d.pairs)})")
            items.append(line)
        blocks += [("p", "", head), ("ul", "divs", *items)]
    return data.reasoning(tuple(blocks))


def _row(s: ScenarioResult, statutes: m.StatuteSet, writing: _Writing) -> Row:
    sc = s.scenario
    pairs = " ".join(f"{d.between[0]}|{d.between[1]}" for d in s.divergences
                     if d.kind == "verdict")
    return Row(
        anchor=anchor("scenario", sc.id), id=sc.id, title=sc.title,
        cells=tuple(_result_cell(i, s, writing) for i in writing.order), diverges=s.diverges,
        pairs=pairs,
        mismatch=not s.passed,
        css=" ".join(c for c, on in (("diverges", s.diverges), ("mismatch", not s.passed)) if on),
        reasoning=_row_reasoning(s, writing),
    )


# -------------------------------------------------------------------------------------- causes

def _causes(result: RunResult, w: Wording, reference: str | None = None
            ) -> tuple[tuple[CauseGroup, ...], tuple[CauseItem, ...]]:
    statutes = result.statutes
    unverified = {i.id for i in statutes.instruments if i.unverified}
    groups: dict[str, list[CauseItem]] = {c: [] for c, _ in CAUSES}
    complemented: list[CauseItem] = []
    for s in result.scenarios:
        by_cause: dict[str, list[Divergence]] = {}
        for d in s.divergences:
            by_cause.setdefault("complement" if d.kind == "complemented" else d.element,
                                []).append(d)
        for cause, ds in by_cause.items():
            # a verdict difference explains best; against the reference, on verified texts
            ds.sort(key=lambda d: (d.kind != "verdict", reference not in d.between,
                                   bool(unverified & set(d.between))))
            item = CauseItem(s.scenario.id, anchor("scenario", s.scenario.id),
                             tuple(_pair_of(d, w) for d in ds), w.divergence(ds[0]),
                             " ".join(f"{d.between[0]}|{d.between[1]}" for d in ds),
                             bool(unverified & set(ds[0].between)))
            (complemented if cause == "complement" else groups.setdefault(cause, [])).append(item)
    titles = dict(CAUSES)
    out = tuple(CauseGroup(anchor("cause", c), w.say("cause", c) if c in titles
                           else c.capitalize(), tuple(items), sum(len(i.pairs) for i in items))
                for c, items in groups.items() if items)
    return out, tuple(complemented)
