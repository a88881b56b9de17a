"""Stage 6b: results -> plain-text tables and explanations for the terminal. Every word comes
from the wording catalogue (lawcheck/locale/LANG/LC_MESSAGES/lawcheck.po; contexts run-text,
explain, list, history, mismatch): this module keeps only the layout (indents, line breaks,
underlines, the table's columns) and the data (ids, titles, citations, dates, numbers)."""

from __future__ import annotations

from typing import Callable, Iterable

from lawcheck.statute import model as m
from lawcheck.engine.evaluate import InstrumentResult
from lawcheck.engine.run import RunResult, ScenarioResult, Tally
from lawcheck.views.catalogue import SOURCE_LANGUAGE, say, table
from lawcheck.views.terminal import fill, pack, width
from lawcheck.views.wording import Wording

def period(start, end, lang: str = SOURCE_LANGUAGE) -> str:
    """A period in force: "2018-01-01 to now", "? to 2017-12-31" (as diagnostics word it)."""
    from lawcheck.errors import period as said_period, words
    return words(said_period(start, end), lang)


def in_force(inst: m.Instrument, lang: str = SOURCE_LANGUAGE) -> str:
    """The dates an instrument is in force, in words."""
    return period(inst.in_force_from, inst.in_force_to, lang)


class OpenPointRefs:
    """Open points of law stated once and referred to by number: a Wording made with it
    (`Wording.of(statutes, refs)`) says "open point N" wherever it would repeat the question
    (numbers as in lawcheck explore and docs/open-points.md); `stated()` gives the list, full
    text, of those referred to."""

    def __init__(self, statutes: m.StatuteSet, lang: str = SOURCE_LANGUAGE):
        from lawcheck.engine.evaluate import numbered_open_points
        self.numbers = numbered_open_points(statutes)
        self.lang = lang
        self.statutes = statutes
        self.used: set[str] = set()

    def number(self, question: str) -> int | None:
        """The question's number (noting that it was referred to), or None if it has none."""
        hit = self.numbers.get(question)
        if hit is None:
            return None
        self.used.add(question)
        return hit[0]

    def ref(self, question: str) -> str:
        n = self.number(question)
        return self.statutes.text_in(question, self.lang) if n is None else \
            say("open-point", "ref", self.lang, number=n)

    def stated(self, indent: str = "  ") -> list[str]:
        return [fill(say("open-point", "stated", self.lang, number=n,
                         question=self.statutes.text_in(q, self.lang), citation=where), indent)
                for q, (n, where, _) in self.numbers.items() if q in self.used]


def write_run_table(statutes: m.StatuteSet, suites, as_of, results: Iterable[ScenarioResult],
                    write: Callable[[str], object], show_all: bool = False,
                    lang: str = SOURCE_LANGUAGE) -> Tally:
    """The legend, the scenario x instrument table and the summary. Each result is reduced to
    its row as it comes (a few short strings) and let go; the table is written once every row is
    known, since its layout depends on every row. The columns are the instruments in force on
    the run's date (all of them with `show_all`); the layout is the widest of these
    that fits the terminal: one line a scenario with the verdicts in words, then in symbols; or
    the scenario on a line of its own and its verdicts under it, in words, in symbols, or in
    symbols under numbered columns. `suites` (Suite or SuiteInfo) may be filled in while the
    results come."""
    w = Wording.of(statutes, lang)
    fails, diverges = w.say("run-text", "mark-fails"), w.say("run-text", "mark-diverges")
    marks = {(f, d): (fails if f else " ") + (diverges if d else " ")
             for f in (False, True) for d in (False, True)}
    tally = Tally()
    dates = {as_of}
    rows = []
    for s in results:
        tally.add(s)
        dates.add(s.when)
        failed = {x.instrument for x in s.mismatches}
        # one short shared code a cell (None: not in force), in the order of statutes.ids:
        # the verdict, and whether its expectation fails
        rows.append((marks[not s.passed, bool(s.diverges)], s.scenario.id, tuple(
            None if i not in s.in_force else
            _CODE.setdefault(key := (s.results[i].verdict, i in failed), key)
            for i in statutes.ids)))
    ids = [i for i in statutes.ids if show_all or statutes.instrument(i).in_force_on(as_of)]
    hidden = [i for i in statutes.ids if i not in ids]
    for line in statutes_line(w):           # not the bundled law: say whose (issue 11)
        write(line + "\n")
    if as_of:
        write(fill(w.say("run-text", "law-as-of", date=as_of.isoformat())) + "\n")
    cells = _cells(w)
    write(pack([*(cells[(v, False), True] for v in table("verdict", w.lang)), cells[None, True],
                w.say("run-text", "legend-diverges", symbol=diverges),
                w.say("run-text", "legend-fails", symbol=fails)]) + "\n")
    write(_table(ids, [statutes.ids.index(i) for i in ids], rows, width(), cells,
                 w.say("run-text", "column-scenario"), w.say("run-text", "columns")))
    lines = [""]
    lines.append(fill(w.say("run-text", "explain-hint")))
    lines.append(fill(w.say("run-text", "in-force", instruments="; ".join(
        w.say("run-text", "in-force-item", instrument=i.id, period=in_force(i, w.lang))
        for i in statutes.instruments if i.id in ids))))
    if hidden:
        at = [statutes.ids.index(i) for i in hidden]
        elsewhere = sum(1 for _, _, cells in rows if any(cells[n] is not None for n in at))
        shown = ", ".join(hidden)
        if not elsewhere:
            lines.append(fill(w.say("run-text", "hidden", instruments=shown)))
        elif elsewhere == 1:
            lines.append(fill(w.say("run-text", "hidden-dated-one", instruments=shown,
                                    n=elsewhere)))
        else:
            lines.append(fill(w.say("run-text", "hidden-dated-other", instruments=shown,
                                    n=elsewhere)))
    for inst in statutes.instruments:
        for g in inst.not_encoded:
            if g.covers(as_of) or (inst.id in ids and any(g.covers(d) for d in dates)):
                lines.append(fill(w.say("run-text", "not-encoded", instrument=inst.id,
                                         period=period(g.start, g.end, w.lang),
                                         text=inst.text_in(g.text, w.lang)), ""))
    unverified = [i.id for i in statutes.instruments if i.unverified and i.id in ids]
    if unverified:
        lines.append(fill(w.say("run-text", "unverified", instruments=", ".join(unverified))))
    lines.append("")
    lines.append(summary_of(tally, suites, w))
    write("\n".join(lines) + "\n")
    return tally


# a row's cell: (verdict, whether its expectation fails), one shared tuple each
_CODE: dict[tuple[str, bool], tuple[str, bool]] = {}


def _verdict_cell(w: Wording, verdict: str) -> str:
    """A verdict as a symbol and in words: "✓ met"."""
    return w.say("run-text", "cell", symbol=w.say("verdict-symbol", verdict),
                 verdict=w.verdict(verdict))


def _cells(w: Wording) -> dict:
    """Every cell the table can show: (code, in words) -> its text; the code is (verdict,
    whether its expectation fails), or None where the instrument is not in force."""
    fails = w.say("run-text", "mark-fails")
    out = {}
    for v in table("verdict", w.lang):
        for text, words in ((w.say("verdict-symbol", v), False), (_verdict_cell(w, v), True)):
            out[(v, False), words] = text
            out[(v, True), words] = w.say("run-text", "cell-fails", cell=text, mark=fails)
    symbol = w.say("in-force-symbol", "not_in_force")
    out[None, False] = symbol
    out[None, True] = w.say("run-text", "cell", symbol=symbol,
                            verdict=w.say("in-force", "not_in_force"))
    return out


def _table(ids: list[str], at: list[int], rows: list, columns: int, cells: dict,
           scenario: str, columns_word: str) -> str:
    """The table in the first layout that fits `columns` (the last one always does, or comes
    closest). `cells`: as _cells gives them; `scenario`, `columns_word`: the headings."""
    longest = max([len(scenario)] + [len(r[1]) for r in rows])
    numbered = [str(n) for n in range(1, len(ids) + 1)]
    layouts = [(False, True, ids), (False, False, ids), (True, True, ids), (True, False, ids),
               (True, False, numbered)]
    for stacked, words, heads in layouts:
        cell = max(len(text) for (code, w), text in cells.items()
                   if w == words and (code is None or code[1])) + 2
        widths = [max(cell, len(h) + 2) for h in heads]
        lead = 5 if stacked else longest + 5
        if lead + sum(widths) - 2 <= columns:
            break
    out = []
    if heads is numbered:
        out.append(pack([columns_word] + [f"{n} {i}" for n, i in zip(numbered, ids)]))
    head = "".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip()
    if stacked:
        out.append("   " + scenario)
        out.append("     " + head)
        out.append("   " + "-" * max(8, 2 + sum(widths) - 2))
        for mark, sid, row in rows:
            out.append(f"{mark} {sid}")
            out.append(("     " + "".join(cells[row[n], words].ljust(w)
                                        for n, w in zip(at, widths))).rstrip())
    else:
        out.append("   " + scenario.ljust(longest + 2) + head)
        out.append("   " + "-" * (longest + sum(widths)))
        for mark, sid, row in rows:
            out.append((f"{mark} {sid.ljust(longest + 2)}"
                        + "".join(cells[row[n], words].ljust(w) for n, w in zip(at, widths)))
                       .rstrip())
    return "\n".join(out) + "\n"


def summary(result: RunResult, lang: str = SOURCE_LANGUAGE) -> str:
    return summary_of(result.tally, result.suites, Wording.of(result.statutes, lang))


def summary_of(tally: Tally, suites, w: Wording) -> str:
    n = tally.scenarios
    scenarios = w.say("run-text", "scenarios-one", n=n) if n == 1 else \
        w.say("run-text", "scenarios-other", n=n)
    skipped = w.say("run-text", "skipped", n=tally.skipped) if tally.skipped else ""
    k = len(tally.mismatches)
    outcome = w.say("run-text", "all-hold") if tally.passed else \
        w.say("run-text", "fail-one", n=k) if k == 1 else w.say("run-text", "fail-other", n=k)
    i = len(w.statutes.ids)
    instruments = w.say("run-text", "instruments-one", n=i) if i == 1 else \
        w.say("run-text", "instruments-other", n=i)
    c = tally.expectations
    checked = w.say("run-text", "checked-one", n=c) if c == 1 else \
        w.say("run-text", "checked-other", n=c)
    out = [fill(w.say("run-text", "summary", scenarios=scenarios,
                      suites=", ".join(s.suite for s in suites), instruments=instruments,
                      divergent=tally.divergent, checked=checked, skipped=skipped,
                      outcome=outcome))]
    for sid, span, x in tally.mismatches:
        if x.on == "penalty":
            # the engine gives the expectation only as "penalty CLAUSE" (lawcheck.engine.run)
            got = x.result.penalty
            line = w.say("run-text", "mismatch-penalty", scenario=sid,
                         instrument=x.instrument, span=span.words(w.lang),
                         expected=x.expected.removeprefix("penalty "),
                         actual=got.clause if got else w.say("run-text", "no-penalty"))
        else:
            line = w.say("run-text", "mismatch", scenario=sid, instrument=x.instrument,
                         span=span.words(w.lang), expected=w.verdict(x.expected),
                         actual=w.verdict(x.actual))
        out.append(fill(line, "  "))
        out.append(fill(w.say("run-text", "expected-because", reason=x.expected_reason),
                         "    "))
        out.append(fill(w.say("run-text", "lawcheck-says", why=w.mismatch(x)), "    "))
    return "\n".join(out)


def statutes_line(w: Wording) -> list[str]:
    """The first line of a command's text when the statutes are not those bundled with
    lawcheck (the folder they were read from and a digest of its files); none otherwise."""
    said = w.statutes_from()
    return [fill(said, "")] if said else []


def _words(ws, indent: str, w: Wording) -> list[str]:
    """The statute's own words for an element, each with its language and how sure the text is
    (user-supplied, for words the bundled statutes do not quote so: Words.mark)."""
    return [fill(w.say("explain", "words", language=x.lang, text=x.text,
                        confidence=w.say("confidence", x.mark)), indent) for x in ws]


def explain(s: ScenarioResult, statutes: m.StatuteSet, only: str | None = None,
            brief: bool = False, lang: str = SOURCE_LANGUAGE) -> str:
    sc = s.scenario
    f = sc.facts
    refs = OpenPointRefs(statutes, lang)
    w = Wording.of(statutes, lang, refs=refs)
    lines = [*statutes_line(w),
             fill(w.say("explain", "scenario", scenario=sc.id, span=sc.span.words(w.lang)), ""),
             fill(sc.title, "  "), "", w.say("explain", "facts")]
    lo, hi = f.age_range
    age = w.say("age", "unknown") if f.victim_age == "unknown" else str(lo) if lo == hi else \
        w.say("explain-facts", "age-range", low=lo, high=hi)
    vocab = statutes.vocabulary
    yes_no = w.yes_no
    lines += [fill(line, "  ") for line in (
        w.say("explain-facts", "age", age=age),
        w.say("explain-facts", "acts", acts=w.terms(f.acts)),
        w.say("explain-facts", "means", means=w.terms(f.means)),
        w.say("explain-facts", "purposes", purposes=w.terms(f.purposes)),
        w.say("explain-facts", "handover", handover=yes_no(f.handover)),
        w.say("explain-facts", "consent", movement=yes_no(f.consent.movement),
              exploitation=yes_no(f.consent.exploitation)),
        w.say("explain-facts", "context", exploitation=yes_no(f.exploitation_occurred),
              border=vocab.border_label(f.border, w.lang),
              group=yes_no(f.organized_criminal_group),
              humanitarian=yes_no(f.humanitarian_purpose)),
    )]
    lines.append(fill(w.say("explain-facts", "aggravating",
                             circumstances=_circumstances(f.circumstances, vocab, w)), "  "))
    if f.date:
        lines.append("  " + w.say("explain-facts", "date", date=f.date.isoformat()))
    if s.when:
        lines.append("  " + w.say("explain-facts", "law-date", date=s.when.isoformat()))
    facts_end = len(lines)
    for inst in statutes.instruments:
        if only and inst.id != only:
            continue
        lines.append("")
        if inst.id not in s.in_force:
            gap = inst.gap_on(s.when)
            if gap:
                lines.append(fill(w.say("explain", "not-encoded", instrument=inst.id,
                                         date=s.when.isoformat(),
                                         text=inst.text_in(gap.text, w.lang)), "  "))
                continue
            lines.append(fill(w.say("explain", "not-in-force", instrument=inst.id,
                                     date=s.when.isoformat(), period=in_force(inst, w.lang),
                                     verdict=w.verdict(s.results[inst.id].verdict)), ""))
            continue
        exp = sc.expect.get(inst.id)
        lines.extend(_explain_instrument(inst, s.results[inst.id],
                                         exp.at(s.when) if exp else None, w, brief, refs))
    divs = [d for d in s.divergences if (not only or only in d.between)
            and d.kind != "complemented"]
    if divs:
        lines += ["", w.say("explain", "divergences")]
        for d in divs:
            p = dict(a=d.between[0], b=d.between[1], element=w.say("cause-name", d.element),
                     text=w.divergence(d))
            lines.append(fill(w.say("explain", "divergence-rule", **p) if d.kind == "rule"
                               else w.say("explain", "divergence", **p), "  "))
    if refs.used:
        lines[facts_end:facts_end] = ["", w.say("open-point", "heading"), *refs.stated()]
    return "\n".join(lines) + "\n"


def _circumstances(c, vocab: m.Vocabulary, w: Wording) -> str:
    """The circumstances the case file states (those not at their defaults), in words."""
    stated = []
    for d in vocab.circumstances:
        value = c.get(d.name, d.default)
        if value == d.default:
            continue
        label = d.label_in(w.lang)
        if d.counted and value != "unknown":
            stated.append(w.say("explain-facts", "circumstance-count", label=label,
                                value=value, unit=d.unit_in(w.lang)))
        else:
            stated.append(w.say("explain-facts", "circumstance", label=label,
                                value=w.yes_no(None if value == "unknown" else value)))
    if stated:
        return "; ".join(stated)
    defaults = ", ".join(d.default_words_in(w.lang) for d in vocab.circumstances
                         if d.default_words)
    return w.say("explain-facts", "none-stated-defaults", defaults=defaults) if defaults \
        else w.say("explain-facts", "none-stated")


def _explain_instrument(inst: m.Instrument, r: InstrumentResult, expected, w: Wording,
                        brief: bool = False, refs: OpenPointRefs | None = None) -> list[str]:
    head = w.say("explain", "instrument", instrument=inst.id, title=inst.title_in(w.lang))
    lines = [fill(head, ""), "=" * min(len(head), width())]
    where = w.say("verdict-where", r.verdict, citation=r.limb.citation)
    lines.append(fill(w.say("explain", "verdict", verdict=_verdict_cell(w, r.verdict).upper(),
                             where=where), ""))
    if expected is not None:
        p = dict(verdict=w.verdict(expected.verdict), reason=expected.reason)
        lines.append(fill(w.say("explain", "expected-holds", **p)
                           if expected.verdict == r.verdict else
                           w.say("explain", "expected-fails", **p), "  "))
    if inst.unverified:
        lines.append(fill(w.say("explain", "unverified"), "  "))
    for reason in r.reasons:
        lines.append(fill(w.say("explain", "why-uncertain", reason=w.reason(reason)), "  "))
    lines.extend(_penalty_lines(inst, r, w))
    shown: set[str] = set()
    for t in (r.limb,) if brief else r.limbs:
        lines.append(fill(w.say("explain", "limb", citation=t.citation,
                                 status=w.verdict(t.status)), "  "))
        for e in t.elements:
            lines.append(fill(_element(e, w, e.status != "not_required"), "      "))
            if e.status == "not_satisfied":
                requirement = w.requirement(e)
                lines.append(fill(w.say("explain", "requires", requirement=requirement)
                                   if requirement not in shown else
                                   w.say("explain", "requires-as-above"), "          "))
                shown.add(requirement)
            lines.extend(_words(e.words, "          ", w))
            for q in e.questions:
                lines.append(fill(w.say("explain", "open-question",
                                         question=refs.ref(q) if refs else w.prose(q)),
                                  "          "))
            if e.note:
                lines.append(fill(w.say("explain", "element-note", note=w.prose(e.note)),
                                  "          "))
    for n in r.notes:
        lines.append(fill(w.say("explain", "note", rule=w.say("note-rule", n.rule),
                                 citation=w.prose(n.citation), text=w.note(n)), "  "))
    return lines


def _element(e, w: Wording, status: bool) -> str:
    """An element's line: its status (as a symbol, and in words with `status`), its name, its
    citation and the facts that decided it."""
    p = dict(symbol=w.say("status-symbol", e.status), name=w.element_name(e),
             citation=e.citation, fact=w.fact(e))
    if status:
        return w.say("explain", "element", **p, status=w.say("status", e.status))
    return w.say("explain", "element-bare", **p)


def mismatch_detail(r: InstrumentResult, w: Wording) -> list[str]:
    """Why lawcheck gave its verdict, for an expectation that does not hold: the deciding (or
    closest) limb and the elements that decided it, each with its citation and the fact."""
    if r.verdict == "uncertain":
        lines = [w.say("mismatch", "uncertain", citation=r.limb.citation)]
        lines += [w.say("explain", "why-uncertain", reason=w.reason(reason))
                  for reason in r.reasons]
        return lines
    if r.verdict == "met":
        lines = [w.say("mismatch", "met", citation=r.limb.citation)]
        deciding = [e for e in r.limb.elements if e.status == "satisfied"]
    else:
        lines = [w.say("mismatch", "not-met", citation=r.limb.citation)]
        deciding = list(r.limb.failures)
    for e in deciding:
        lines.append(_element(e, w, False))
        if e.status == "not_satisfied":
            lines.append("  " + w.say("explain", "requires", requirement=w.requirement(e)))
    p = r.penalty
    if p is not None:
        sentence = w.sentence(p.bracket)
        lines.append(w.say("explain", "penalty-because", clause=p.clause, sentence=sentence,
                           grounds="; ".join(w.grounds(p))) if p.grounds else
                     w.say("mismatch", "penalty", clause=p.clause, sentence=sentence))
    return lines


def _penalty_lines(inst: m.Instrument, r: InstrumentResult, w: Wording) -> list[str]:
    from lawcheck.engine.penalties import sets_penalties

    if not sets_penalties(inst):
        return ["  " + w.say("explain", "no-penalty-set")]
    p = r.penalty
    if p is None:
        return []
    params = dict(clause=p.clause, sentence=w.sentence(p.bracket),
                  grounds="; ".join(w.grounds(p)))
    if r.verdict == "uncertain":
        head = w.say("explain", "penalty-if-met-because", **params) if p.grounds else \
            w.say("explain", "penalty-if-met", **params)
    else:
        head = w.say("explain", "penalty-because", **params) if p.grounds else \
            w.say("explain", "penalty", **params)
    out = [fill(head, "  ")]
    for x in w.possible(p):
        out.append(fill(w.say("explain", "could-be", penalty=x), "    "))
    if p.additional:
        out.append(fill(w.say("explain", "additional", clauses=", ".join(p.additional)),
                         "    "))
    return out


def list_instruments(statutes: m.StatuteSet, lang: str = SOURCE_LANGUAGE) -> str:
    w = Wording.of(statutes, lang)
    lines = statutes_line(w)
    for inst in statutes.instruments:
        def said(text):
            return inst.text_in(text, w.lang)
        lines.append(fill(w.say("list", "instrument", instrument=inst.id,
                                title=inst.title_in(w.lang)), ""))
        lines.append(fill(w.say("list", "citation", citation=said(inst.citation)), "  "))
        p = dict(period=in_force(inst, w.lang), confidence=w.say("confidence", inst.confidence))
        lines.append(fill(w.say("list", "in-force-unverified", **p) if inst.unverified
                           else w.say("list", "in-force", **p), "  "))
        lines.append(fill(w.say("list", "source", source=said(inst.source)), "  "))
        if inst.english:
            lines.append(fill(w.say("list", "english", english=said(inst.english)), "  "))
        for g in inst.not_encoded:
            lines.append(fill(w.say("list", "not-encoded", text=said(g.text),
                                     period=period(g.start, g.end, w.lang)), "  "))
        if inst.bound:
            lines.append(fill(w.say("list", "binds", party=said(inst.bound.party),
                                     date=inst.bound.since.isoformat(),
                                     source=said(inst.bound.source)), "  "))
        for note in inst.notes:
            lines.append(fill(w.say("list", "note", note=said(note)), "  "))
        for p in inst.provisions:
            lines.append(fill(w.say("list", "provision", provision=p.id, citation=p.citation),
                               "  "))
            for lb in p.limbs:
                lines.append(fill(w.say("list", "limb", limb=lb.id, citation=lb.citation),
                                   "    "))
        lines.append("")
    return "\n".join(lines)


def history_text(scenario, steps, statutes: m.StatuteSet, today=None,
                 lang: str = SOURCE_LANGUAGE) -> str:
    """`lawcheck history`: the scenario's verdicts at every date the law changed."""
    from datetime import date
    today = today or date.today()
    w = Wording.of(statutes, lang)
    lines = [*statutes_line(w),
             fill(w.say("history", "title", scenario=scenario.id,
                            span=scenario.span.words(w.lang)), ""),
             fill(scenario.title, "  "), fill(w.say("history", "intro"), "")]

    def named(ids) -> str:
        return ", ".join(w.say("history", "instrument", instrument=i,
                               short=statutes.instrument(i).short_in(w.lang)) for i in ids)
    for s in steps:
        when = period(s.start, s.end, w.lang) if s.end or s.start <= today else \
            w.say("history", "future", start=s.start.isoformat())
        lines += ["", when]
        if s.entered:
            lines.append(fill(w.say("history", "entered", instruments=named(s.entered)), "  "))
        if s.ceased:
            lines.append(fill(w.say("history", "ceased", instruments=named(s.ceased)), "  "))
        live = [i for i in statutes.ids if i in s.result.in_force]
        lines.append(fill(w.say("history", "verdicts", verdicts="; ".join(
            w.say("history", "verdict", instrument=i,
                  verdict=w.verdict(s.result.results[i].verdict)) for i in live)), "  "))
        for d in s.opened:
            lines.append(fill(w.say("history", "opened", a=d.between[0], b=d.between[1],
                                    element=w.say("cause-name", d.element),
                                    text=w.divergence(d)), "  "))
        for d in s.closed:
            lines.append(fill(w.say("history", "closed", a=d.between[0], b=d.between[1],
                                    element=w.say("cause-name", d.element)), "  "))
    return "\n".join(lines) + "\n"
