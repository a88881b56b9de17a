"""Stage 6b: results -> plain-text tables and explanations for the terminal."""

from __future__ import annotations

from typing import Callable, Iterable

from lawcheck.statute import model as m
from lawcheck.engine.evaluate import InstrumentResult, yes_no
from lawcheck.engine.run import RunResult, ScenarioResult, Tally
from lawcheck.views.catalogue import say, table
from lawcheck.views.terminal import fill, pack, width
from lawcheck.views.wording import Wording

# the catalogue's tables (lawcheck/locale/en/LC_MESSAGES/lawcheck.po)
SHORT = table("verdict-symbol")
SYMBOL = {v: f"{SHORT[v]} {w}" for v, w in table("verdict").items()}
NOT_IN_FORCE = f"{say('in-force-symbol', 'not_in_force')} {say('in-force', 'not_in_force')}"
STATUS = table("status-symbol")
STATUS_WORD = table("status")


def _wrap(text: str, indent: str) -> str:
    return fill(text, indent)


class OpenPointRefs:
    """Open points of law stated once and referred to by number: a Wording made with it
    (`Wording.of(statutes, refs)`) says "open point N" wherever it would repeat the question
    (numbers as in lawcheck explore and docs/open-points.md); `stated()` gives the list, full
    text, of those referred to."""

    def __init__(self, statutes: m.StatuteSet):
        from lawcheck.engine.evaluate import numbered_open_points
        self.numbers = numbered_open_points(statutes)
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
        return question if n is None else say("open-point", "ref", number=n)

    def stated(self, indent: str = "  ") -> list[str]:
        return [_wrap(f"{n}. {q} ({where})", indent)
                for q, (n, where, _) in self.numbers.items() if q in self.used]


def run_table(result: RunResult, show_all: bool = False) -> str:
    out: list[str] = []
    write_run_table(result.statutes, result.suites, result.as_of, result.scenarios, out.append,
                    show_all)
    return "".join(out)


def write_run_table(statutes: m.StatuteSet, suites, as_of, results: Iterable[ScenarioResult],
                    write: Callable[[str], object], show_all: bool = False) -> Tally:
    """The legend, the scenario x instrument table and the summary. Each result is reduced to
    its row as it comes (a few short strings) and let go; the table is written once every row is
    known, since its layout depends on every row. The columns are the instruments in force on
    the run's date (all of them with `show_all`); the layout is the widest of these
    that fits the terminal: one line a scenario with the verdicts in words, then in symbols; or
    the scenario on a line of its own and its verdicts under it, in words, in symbols, or in
    symbols under numbered columns. `suites` (Suite or SuiteInfo) may be filled in while the
    results come."""
    tally = Tally()
    dates = {as_of}
    rows = []
    for s in results:
        tally.add(s)
        dates.add(s.when)
        mark = ("!" if not s.passed else " ") + ("◆" if s.diverges else " ")
        failed = {x.instrument for x in s.mismatches}
        # one short shared string a cell (None: not in force), in the order of statutes.ids
        rows.append((mark, s.scenario.id, tuple(
            None if i not in s.in_force else _CODE[s.results[i].verdict, i in failed]
            for i in statutes.ids)))
    ids = [i for i in statutes.ids if show_all or statutes.instrument(i).in_force_on(as_of)]
    hidden = [i for i in statutes.ids if i not in ids]
    if as_of:
        write(fill(f"Law as in force on {as_of.isoformat()} (a scenario with its own date uses "
                   "that date).") + "\n")
    write(pack(["✓ met", "✗ not met", "? uncertain", "– not in force",
                "◆ the instruments diverge", "! an expected verdict does not hold"]) + "\n")
    write(_table(ids, [statutes.ids.index(i) for i in ids], rows, width()))
    lines = [""]
    lines.append(fill("lawcheck explain SCENARIO shows the reasoning, element by element."))
    lines.append(fill("In force: " + "; ".join(f"{i.id} {i.period}" for i in statutes.instruments
                                               if i.id in ids)))
    if hidden:
        at = [statutes.ids.index(i) for i in hidden]
        elsewhere = sum(1 for _, _, cells in rows if any(cells[n] is not None for n in at))
        lines.append(fill("Not shown, not in force on the date: " + ", ".join(hidden)
                          + (f"; {elsewhere} scenario{'s' if elsewhere != 1 else ''} with "
                             "their own date are judged under some of them" if elsewhere else "")
                          + " (lawcheck run --all shows them)."))
    for inst in statutes.instruments:
        for g in inst.not_encoded:
            if g.covers(as_of) or (inst.id in ids and any(g.covers(d) for d in dates)):
                lines.append(_wrap(f"Not encoded: {inst.id} from {g.period}: {g.text}", ""))
    unverified = [i.id for i in statutes.instruments if i.unverified and i.id in ids]
    if unverified:
        lines.append(fill("Text marked UNVERIFIED in the sources is encoded for: "
                          + ", ".join(unverified) + " (lawcheck list)"))
    lines.append("")
    lines.append(summary_of(tally, suites, Wording.of(statutes)))
    write("\n".join(lines) + "\n")
    return tally


# a row's cell: the verdict, with "!" where its expectation does not hold
_CODE = {(v, failed): v + ("!" if failed else "") for v in SHORT for failed in (False, True)}


def _cell(code: str | None, words: bool) -> str:
    if code is None:
        return NOT_IN_FORCE if words else "–"
    verdict = code.rstrip("!")
    return (SYMBOL[verdict] if words else SHORT[verdict]) + code[len(verdict):]


def _table(ids: list[str], at: list[int], rows: list, columns: int) -> str:
    """The table in the first layout that fits `columns` (the last one always does, or comes
    closest)."""
    longest = max([len("scenario")] + [len(r[1]) for r in rows])
    numbered = [str(n) for n in range(1, len(ids) + 1)]
    layouts = [(False, True, ids), (False, False, ids), (True, True, ids), (True, False, ids),
               (True, False, numbered)]
    for stacked, words, heads in layouts:
        cell = max([len(_cell("not_met!", words)), len(_cell(None, words))]) + 2
        widths = [max(cell, len(h) + 2) for h in heads]
        lead = 5 if stacked else longest + 5
        if lead + sum(widths) - 2 <= columns:
            break
    out = []
    if heads is numbered:
        out.append(pack(["Columns:"] + [f"{n} {i}" for n, i in zip(numbered, ids)]))
    head = "".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip()
    if stacked:
        out.append("   scenario")
        out.append("     " + head)
        out.append("   " + "-" * max(8, 2 + sum(widths) - 2))
        for mark, sid, cells in rows:
            out.append(f"{mark} {sid}")
            out.append(("     " + "".join(_cell(cells[n], words).ljust(w)
                                        for n, w in zip(at, widths))).rstrip())
    else:
        out.append("   " + "scenario".ljust(longest + 2) + head)
        out.append("   " + "-" * (longest + sum(widths)))
        for mark, sid, cells in rows:
            out.append((f"{mark} {sid.ljust(longest + 2)}"
                        + "".join(_cell(cells[n], words).ljust(w) for n, w in zip(at, widths)))
                       .rstrip())
    return "\n".join(out) + "\n"


def summary(result: RunResult) -> str:
    return summary_of(result.tally, result.suites, Wording.of(result.statutes))


def summary_of(tally: Tally, suites, w: Wording) -> str:
    names = ", ".join(s.suite for s in suites)
    head = (f"{tally.scenarios} scenario{'s' if tally.scenarios != 1 else ''} (suites: {names}) x {len(w.statutes.ids)} instruments; "
            f"{tally.divergent} with diverging verdicts; {tally.expectations} expected verdicts "
            "checked")
    if tally.skipped:
        head += (f" ({tally.skipped} more not checked: their instrument was not in force "
                 "on the date)")
    if tally.passed:
        return fill(head + ": all hold.")
    k = len(tally.mismatches)
    out = [fill(head + f": {k} {'does' if k == 1 else 'do'} not hold.")]
    for sid, span, x in tally.mismatches:
        out.append(_wrap(f"MISMATCH {sid} [{x.instrument}] ({span}): expected "
                         f"{x.expected.replace('_', ' ')}, got {x.actual.replace('_', ' ')}", "  "))
        out.append(_wrap(f"expected because: {x.expected_reason}", "    "))
        out.append(_wrap(f"lawcheck: {w.mismatch(x)}", "    "))
    return "\n".join(out)


def _words(ws, indent: str) -> list[str]:
    out = []
    for w in ws:
        label = m.CONFIDENCE_LABEL[w.confidence]
        mark = f" [{label}]"
        out.append(_wrap(f"{w.lang}: “{w.text}”{mark}", indent))
    return out


def explain(s: ScenarioResult, statutes: m.StatuteSet, only: str | None = None,
            brief: bool = False) -> str:
    sc = s.scenario
    f = sc.facts
    refs = OpenPointRefs(statutes)
    w = Wording.of(statutes, refs=refs)
    lines = [_wrap(f"Scenario {sc.id}  {sc.span}", ""), _wrap(sc.title, "  "), "", "Facts:"]
    lo, hi = f.age_range
    age = "unknown" if f.victim_age == "unknown" else str(lo) if lo == hi else f"{lo} to {hi}"
    vocab = statutes.vocabulary
    lines += [_wrap(line, "  ") for line in (
        f"victim's age: {age}",
        "acts: " + (", ".join(vocab.label(a) for a in f.acts) or "none"),
        "means: " + (", ".join(vocab.label(a) for a in f.means) or "none"),
        "purposes: " + (", ".join(vocab.label(a) for a in f.purposes) or "none"),
        f"handed over from one person to another: {yes_no(f.handover)}",
        f"consent to movement: {yes_no(f.consent.movement)}; to exploitation: "
        f"{yes_no(f.consent.exploitation)}",
        f"exploitation happened: {yes_no(f.exploitation_occurred)}; border: "
        f"{vocab.border_label(f.border)}; organized criminal group: "
        f"{yes_no(f.organized_criminal_group)}; "
        f"humanitarian purpose: {yes_no(f.humanitarian_purpose)}",
    )]
    lines.append(_wrap("aggravating circumstances (they change only the penalty): "
                       + _circumstances(f.circumstances, vocab), "  "))
    if f.date:
        lines.append(f"  date: {f.date.isoformat()}")
    if s.when:
        lines.append(f"  law taken as in force on {s.when.isoformat()}")
    facts_end = len(lines)
    for inst in statutes.instruments:
        if only and inst.id != only:
            continue
        lines.append("")
        if inst.id not in s.in_force:
            gap = inst.gap_on(s.when)
            if gap:
                lines.append(_wrap(f"{inst.id}: not encoded on {s.when.isoformat()}: {gap.text}",
                                   "  "))
                continue
            lines.append(_wrap(
                f"{inst.id}: not in force on {s.when.isoformat()} (in force {inst.period}); "
                f"read on that date it would be {s.results[inst.id].verdict.replace('_', ' ')} "
                f"(lawcheck explain --as-of DATE with a date in that period)", ""))
            continue
        exp = sc.expect.get(inst.id)
        lines.extend(_explain_instrument(inst, s.results[inst.id],
                                         exp.at(s.when) if exp else None, w, brief, refs))
    divs = [d for d in s.divergences if (not only or only in d.between)
            and d.kind != "complemented"]
    if divs:
        lines += ["", "Divergences:"]
        for d in divs:
            lines.append(_wrap(f"{d.between[0]} / {d.between[1]} [{d.element}"
                               f"{', same verdict' if d.kind == 'rule' else ''}]: "
                               f"{w.divergence(d)}", "  "))
    if refs.used:
        lines[facts_end:facts_end] = ["", "Open points of law, referred to below by number:",
                                      *refs.stated()]
    return "\n".join(lines) + "\n"


def _circumstances(c, vocab: m.Vocabulary) -> str:
    """The circumstances the case file states (those not at their defaults), in words."""
    stated = []
    for d in vocab.circumstances:
        value = c.get(d.name, d.default)
        if value == d.default:
            continue
        if d.counted:
            stated.append(f"{d.label}: {value}{d.unit}" if value != "unknown"
                          else f"{d.label}: unknown")
        else:
            stated.append(f"{d.label}: {yes_no(value)}")
    if stated:
        return "; ".join(stated)
    defaults = ", ".join(d.default_words for d in vocab.circumstances if d.default_words)
    return "none stated" + (f" ({defaults})" if defaults else "")


def _explain_instrument(inst: m.Instrument, r: InstrumentResult, expected, w: Wording,
                        brief: bool = False, refs: OpenPointRefs | None = None) -> list[str]:
    head = f"{inst.id}: {inst.title}"
    lines = [_wrap(head, ""), "=" * min(len(head), width())]
    where = say("verdict-where", r.verdict, citation=r.limb.citation)
    lines.append(_wrap(f"VERDICT: {SYMBOL[r.verdict].upper()}  ({where})", ""))
    if expected is not None:
        ok = "holds" if expected.verdict == r.verdict else "DOES NOT HOLD"
        lines.append(_wrap(f"expected: {expected.verdict.replace('_', ' ')} ({ok}); because: "
                           f"{expected.reason}", "  "))
    if inst.unverified:
        lines.append("  ! Some text of this instrument is UNVERIFIED in the sources.")
    for reason in r.reasons:
        lines.append(_wrap("why uncertain: " + w.reason(reason), "  "))
    lines.extend(_penalty_lines(inst, r, w))
    shown: set[str] = set()
    for t in (r.limb,) if brief else r.limbs:
        lines.append(_wrap(f"limb {t.citation}: {t.status.replace('_', ' ')}", "  "))
        for e in t.elements:
            status = "" if e.status == "not_required" else f" ({STATUS_WORD[e.status]})"
            lines.append(_wrap(f"{STATUS[e.status]} {w.element_name(e)} [{e.citation}]: "
                               f"{w.fact(e)}{status}", "      "))
            if e.status == "not_satisfied":
                requirement = w.requirement(e)
                text = requirement if requirement not in shown else "as listed above"
                shown.add(requirement)
                lines.append(_wrap(f"requires {text}", "          "))
            lines.extend(_words(e.words, "          "))
            for q in e.questions:
                lines.append(_wrap(f"open question: {refs.ref(q) if refs else q}",
                                   "          "))
            if e.note:
                lines.append(_wrap(f"note: {e.note}", "          "))
    for n in r.notes:
        lines.append(_wrap(f"note ({n.rule}, {n.citation}): {w.note(n)}", "  "))
    return lines


def mismatch_detail(r: InstrumentResult, w: Wording) -> list[str]:
    """Why lawcheck gave its verdict, for an expectation that does not hold: the deciding (or
    closest) limb and the elements that decided it, each with its citation and the fact."""
    if r.verdict == "uncertain":
        lines = [f"may be met under {r.limb.citation}"]
        lines += [f"why uncertain: {w.reason(reason)}" for reason in r.reasons]
        return lines
    if r.verdict == "met":
        lines = [f"met under {r.limb.citation}, every element satisfied:"]
        deciding = [e for e in r.limb.elements if e.status == "satisfied"]
    else:
        lines = [f"closest limb {r.limb.citation} is not met:"]
        deciding = list(r.limb.failures)
    for e in deciding:
        lines.append(f"{STATUS[e.status]} {w.element_name(e)} [{e.citation}]: {w.fact(e)}")
        if e.status == "not_satisfied":
            lines.append(f"  requires {w.requirement(e)}")
    p = r.penalty
    if p is not None:
        lines.append(f"penalty: {p.clause}: {w.sentence(p.bracket)}"
                     + (f", because: {'; '.join(w.grounds(p))}" if p.grounds else ""))
    return lines


def _penalty_lines(inst: m.Instrument, r: InstrumentResult, w: Wording) -> list[str]:
    from lawcheck.engine.penalties import sets_penalties

    if not sets_penalties(inst):
        return ["  penalty: none: this instrument defines the offence but sets no penalty"]
    p = r.penalty
    if p is None:
        return []
    head = "penalty" + (" (if met)" if r.verdict == "uncertain" else "")
    out = [_wrap(f"{head}: {p.clause}: {w.sentence(p.bracket)}"
                 + (f", because: {'; '.join(w.grounds(p))}" if p.grounds else " (no aggravating "
                    "circumstance)"), "  ")]
    for x in w.possible(p):
        out.append(_wrap(f"could be {x} (unknown)", "    "))
    if p.additional:
        out.append(_wrap("additional penalties possible: " + ", ".join(p.additional), "    "))
    return out


def list_instruments(statutes: m.StatuteSet) -> str:
    lines = []
    for inst in statutes.instruments:
        period = inst.period
        lines.append(_wrap(f"{inst.id}: {inst.title}", ""))
        lines.append(_wrap(f"citation: {inst.citation}", "  "))
        lines.append(_wrap(f"in force: {period}; text: {m.CONFIDENCE_LABEL[inst.confidence]}"
                           + ("; contains UNVERIFIED text" if inst.unverified else ""), "  "))
        lines.append(_wrap(f"source: {inst.source}", "  "))
        if inst.english:
            lines.append(_wrap(f"English: {inst.english}", "  "))
        for g in inst.not_encoded:
            lines.append(_wrap(f"not encoded {g.period}: {g.text}", "  "))
        if inst.bound:
            lines.append(_wrap(f"binds {inst.bound.party} from {inst.bound.since.isoformat()} at "
                               f"the earliest: {inst.bound.source}", "  "))
        for note in inst.notes:
            lines.append(_wrap(f"note: {note}", "  "))
        for p in inst.provisions:
            lines.append(_wrap(f"provision {p.id} ({p.citation}):", "  "))
            for lb in p.limbs:
                lines.append(_wrap(f"limb {lb.id}: {lb.citation}", "    "))
        lines.append("")
    return "\n".join(lines)


def history_text(scenario, steps, statutes: m.StatuteSet, today=None) -> str:
    """`lawcheck history`: the scenario's verdicts at every date the law changed."""
    from datetime import date
    wrap = fill
    today = today or date.today()
    w = Wording.of(statutes)
    words = table("verdict")
    lines = [wrap(f"History of {scenario.id}  {scenario.span}", ""), wrap(scenario.title, "  "),
             wrap("(the verdicts each instrument gives as written, at every date where the law "
                  "in force changed)", "")]
    for s in steps:
        until = (f" to {s.end.isoformat()}" if s.end else
                 " to now" if s.start <= today else " on (a date still to come)")
        lines += ["", f"{s.start.isoformat()}{until}"]
        changes = []
        if s.entered:
            changes.append("enter into force: " + ", ".join(
                f"{i} ({statutes.instrument(i).short})" for i in s.entered))
        if s.ceased:
            changes.append("cease to be in force: " + ", ".join(
                f"{i} ({statutes.instrument(i).short})" for i in s.ceased))
        for c in changes:
            lines.append(wrap(c, "  "))
        live = [i for i in statutes.ids if i in s.result.in_force]
        lines.append(wrap("verdicts: " + "; ".join(
            f"{i} {words[s.result.results[i].verdict]}" for i in live), "  "))
        for d in s.opened:
            lines.append(wrap(f"+ divergence opened, {d.between[0]} / {d.between[1]} "
                              f"[{d.element}]: {w.divergence(d)}", "  "))
        for d in s.closed:
            lines.append(wrap(f"- divergence closed, {d.between[0]} / {d.between[1]} "
                              f"[{d.element}]", "  "))
    return "\n".join(lines) + "\n"
